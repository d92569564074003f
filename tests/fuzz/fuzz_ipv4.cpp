// libFuzzer target: Ipv4View::parse / parse_quoted on arbitrary bytes, every accessor, and
// parse -> build -> parse.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/wire/ipv4.hpp"

using namespace netdiag::wire;
using netdiag::fuzz::equal;
using netdiag::fuzz::sum_of;
using netdiag::fuzz::touch;
using netdiag::fuzz::within;

namespace {

unsigned touch_all(const Ipv4View& v, std::span<const std::byte> input) {
  NETDIAG_FUZZ_CHECK(v.header_length() >= 20 && v.header_length() <= 60 && v.header_length() % 4 == 0);
  NETDIAG_FUZZ_CHECK(v.header().size() == v.header_length());
  NETDIAG_FUZZ_CHECK(v.options().size() == v.header_length() - 20U);
  NETDIAG_FUZZ_CHECK(v.header_length() + v.payload().size() <= v.total_length());
  NETDIAG_FUZZ_CHECK(within(v.header(), input) && within(v.options(), input) && within(v.payload(), input));
  unsigned sum = sum_of(v.tos(), v.total_length(), v.identification(), v.fragment_offset(), v.ttl(),
                        v.protocol(), v.header_checksum(), v.dont_fragment(), v.more_fragments(),
                        v.header_checksum_ok());
  sum += touch(v.source().bytes()) + touch(v.destination().bytes());
  return sum + touch(v.header()) + touch(v.options()) + touch(v.payload());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = std::as_bytes(std::span(data, size));
  unsigned sum = 0;

  const auto quoted = Ipv4View::parse_quoted(input);
  if (quoted) sum += touch_all(*quoted, input);

  const auto view = Ipv4View::parse(input);
  if (!view) {
    netdiag::fuzz::consume(sum);
    return 0;
  }
  sum += touch_all(*view, input);
  NETDIAG_FUZZ_CHECK(view->total_length() <= input.size());
  NETDIAG_FUZZ_CHECK(view->header_length() + view->payload().size() == view->total_length());
  // A whole datagram is also a valid quoted one, seen the same way.
  NETDIAG_FUZZ_CHECK(quoted.has_value() && equal(quoted->header(), view->header()) &&
                     equal(quoted->payload(), view->payload()));

  const Ipv4Fields fields{.tos = view->tos(),
                          .identification = view->identification(),
                          .dont_fragment = view->dont_fragment(),
                          .ttl = view->ttl(),
                          .protocol = view->protocol(),
                          .source = view->source(),
                          .destination = view->destination()};
  std::vector<std::byte> out(20 + view->payload().size());
  const auto built = build_ipv4(out, fields, view->payload());
  NETDIAG_FUZZ_CHECK(built.has_value());
  const auto again = Ipv4View::parse(*built);
  NETDIAG_FUZZ_CHECK(again.has_value());
  NETDIAG_FUZZ_CHECK(again->header_checksum_ok());
  NETDIAG_FUZZ_CHECK(again->tos() == fields.tos && again->identification() == fields.identification &&
                     again->dont_fragment() == fields.dont_fragment && again->ttl() == fields.ttl &&
                     again->protocol() == fields.protocol && again->source() == fields.source &&
                     again->destination() == fields.destination);
  NETDIAG_FUZZ_CHECK(!again->more_fragments() && again->fragment_offset() == 0 && again->options().empty());
  NETDIAG_FUZZ_CHECK(equal(again->payload(), view->payload()));
  // Without options, fragmentation or the reserved flag, and with a valid checksum (not the
  // 0xffff spelling of zero), the rebuilt datagram is the original byte for byte.
  const bool plain = view->header_length() == 20 && !view->more_fragments() && view->fragment_offset() == 0 &&
                     (std::to_integer<unsigned>(input[6]) & 0x80U) == 0;
  if (plain && view->header_checksum_ok() && view->header_checksum() != 0xffff) {
    NETDIAG_FUZZ_CHECK(equal(*built, input.first(view->total_length())));
  }
  netdiag::fuzz::consume(sum + touch(*built));
  return 0;
}
