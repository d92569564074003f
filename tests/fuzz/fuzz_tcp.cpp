// libFuzzer target: TcpView::parse and parse_quoted on arbitrary bytes (taken as a segment from
// 198.18.0.1 to 198.18.1.2, or from fd00::1 to fd00::2), every accessor and checksum_ok,
// parse -> build -> parse, and parse_tcp_options on the options area and on the whole input, with
// parse -> build_tcp_options -> parse.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/core/address.hpp"
#include "netdiag/wire/tcp.hpp"

using namespace netdiag::wire;
using netdiag::fuzz::equal;
using netdiag::fuzz::sum_of;
using netdiag::fuzz::touch;
using netdiag::fuzz::v4_pair;
using netdiag::fuzz::v6_pair;
using netdiag::fuzz::within;

namespace {

unsigned touch_options(std::span<const std::byte> area) {
  const auto options = parse_tcp_options(area);
  if (!options) {
    NETDIAG_FUZZ_CHECK(options.error() == ParseError::truncated || options.error() == ParseError::bad_total_length);
    return 1;
  }
  unsigned sum = sum_of(options->mss.value_or(0), options->window_scale.value_or(0), options->sack_permitted,
                        options->sack_blocks, options->unknown, options->wrong_length);
  if (options->timestamps) sum += sum_of(options->timestamps->value, options->timestamps->echo);
  // Every option takes at least 2 bytes.
  NETDIAG_FUZZ_CHECK((options->unknown + options->wrong_length) * 2 <= area.size());

  // What build_tcp_options writes parses back to the same known options.
  std::array<std::byte, 20> out{};
  const auto built = build_tcp_options(out, *options);
  NETDIAG_FUZZ_CHECK(built.has_value() && built->size() % 4 == 0);
  const auto again = parse_tcp_options(*built);
  NETDIAG_FUZZ_CHECK(again.has_value());
  NETDIAG_FUZZ_CHECK(again->mss == options->mss && again->window_scale == options->window_scale &&
                     again->sack_permitted == options->sack_permitted && again->timestamps == options->timestamps);
  NETDIAG_FUZZ_CHECK(again->sack_blocks == 0 && again->unknown == 0 && again->wrong_length == 0);
  return sum + touch(*built);
}

unsigned touch_all(const TcpView& v, std::span<const std::byte> input, bool quoted) {
  NETDIAG_FUZZ_CHECK(v.segment().data() == input.data() && v.segment().size() == input.size());
  NETDIAG_FUZZ_CHECK(quoted || v.complete());
  NETDIAG_FUZZ_CHECK(within(v.header(), input) && within(v.options(), input) && within(v.payload(), input));
  if (v.complete()) {
    NETDIAG_FUZZ_CHECK(v.data_offset() >= 20 && v.data_offset() <= 60 && v.data_offset() % 4 == 0);
    NETDIAG_FUZZ_CHECK(v.header().size() == v.data_offset() && v.options().size() + 20 == v.data_offset());
    NETDIAG_FUZZ_CHECK(v.header().size() + v.payload().size() == input.size());
  } else {
    NETDIAG_FUZZ_CHECK(v.acknowledgment() == 0 && v.data_offset() == 0 && v.flags() == TcpFlags{} &&
                       v.window() == 0 && v.checksum() == 0 && v.urgent_pointer() == 0);
    NETDIAG_FUZZ_CHECK(v.header().empty() && v.options().empty() && v.payload().empty());
    NETDIAG_FUZZ_CHECK(!v.checksum_ok(v4_pair().source, v4_pair().destination) && !v.checksum_ok(v6_pair().source, v6_pair().destination));
  }
  const auto f = v.flags();
  unsigned sum = sum_of(v.source_port().value, v.destination_port().value, v.sequence(), v.complete(),
                        v.acknowledgment(), v.data_offset(), f.bits, f.fin(), f.syn(), f.rst(), f.psh(), f.ack(),
                        f.urg(), f.ece(), f.cwr(), v.window(), v.checksum(), v.urgent_pointer(),
                        v.checksum_ok(v4_pair().source, v4_pair().destination), v.checksum_ok(v6_pair().source, v6_pair().destination));
  NETDIAG_FUZZ_CHECK(!v.checksum_ok(v4_pair().source, v6_pair().destination));
  return sum + touch(v.header()) + touch(v.options()) + touch(v.payload()) + touch(v.segment()) +
         touch_options(v.options());
}

// Rebuilds the segment with the same fields, options and payload, and a computed checksum.
unsigned rebuild(const TcpView& v, const netdiag::fuzz::AddressPair& pair) {
  std::vector<std::byte> out(v.segment().size());
  const auto built = build_tcp(out,
                               {.source = v.source_port(),
                                .destination = v.destination_port(),
                                .sequence = v.sequence(),
                                .acknowledgment = v.acknowledgment(),
                                .flags = v.flags(),
                                .window = v.window(),
                                .urgent_pointer = v.urgent_pointer(),
                                .options = v.options()},
                               v.payload(), &pair.source, &pair.destination);
  if (!built) {
    NETDIAG_FUZZ_CHECK(built.error() == BuildError::payload_too_large && v.segment().size() > max_tcp_segment);
    return 0;
  }
  const auto again = TcpView::parse(*built);
  NETDIAG_FUZZ_CHECK(again.has_value() && again->checksum_ok(pair.source, pair.destination));
  NETDIAG_FUZZ_CHECK(again->sequence() == v.sequence() && again->acknowledgment() == v.acknowledgment() &&
                     again->flags() == v.flags() && again->data_offset() == v.data_offset() &&
                     equal(again->options(), v.options()) && equal(again->payload(), v.payload()));
  // Only the reserved bits (low nibble of byte 12) and a wrong checksum can differ.
  const bool reserved_zero = (std::to_integer<unsigned>(v.segment()[12]) & 0x0fU) == 0;
  if (reserved_zero && v.checksum_ok(pair.source, pair.destination)) NETDIAG_FUZZ_CHECK(equal(*built, v.segment()));
  return touch(*built);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = std::as_bytes(std::span(data, size));
  unsigned sum = 0;

  const auto view = TcpView::parse(input);
  const auto quoted = TcpView::parse_quoted(input);
  NETDIAG_FUZZ_CHECK(quoted.has_value() == (size >= 8));
  if (!quoted) NETDIAG_FUZZ_CHECK(quoted.error() == ParseError::truncated);
  if (view) {
    NETDIAG_FUZZ_CHECK(quoted->complete() && quoted->data_offset() == view->data_offset());
    sum += touch_all(*view, input, false) + rebuild(*view, v4_pair()) + rebuild(*view, v6_pair());
  } else {
    NETDIAG_FUZZ_CHECK(view.error() == ParseError::truncated || view.error() == ParseError::bad_header_length);
    if (quoted) NETDIAG_FUZZ_CHECK(!quoted->complete());
  }
  if (quoted) sum += touch_all(*quoted, input, true);

  // The options parser on any bytes at all, not only a well-formed header's options area.
  sum += touch_options(input);
  netdiag::fuzz::consume(sum);
  return 0;
}
