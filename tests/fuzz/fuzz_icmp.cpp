// libFuzzer target: IcmpView::parse on arbitrary bytes, every accessor and describe_icmp,
// parse -> build -> parse, and the datagram quoted inside an error.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/ipv4.hpp"

using namespace netdiag::wire;
using netdiag::fuzz::equal;
using netdiag::fuzz::sum_of;
using netdiag::fuzz::touch;
using netdiag::fuzz::within;

namespace {

unsigned touch_all(const IcmpView& v, std::span<const std::byte> input) {
  NETDIAG_FUZZ_CHECK(v.message().size() >= 8 && v.body().size() + 8 == v.message().size());
  NETDIAG_FUZZ_CHECK(v.quoted().size() + v.extension().size() == v.body().size());
  NETDIAG_FUZZ_CHECK(within(v.message(), input) && within(v.body(), input) && within(v.quoted(), input) &&
                     within(v.extension(), input));
  unsigned sum = sum_of(v.type(), v.code(), v.checksum(), v.identifier(), v.sequence(), v.checksum_ok(),
                        v.is_echo(), v.is_error());
  if (const auto mtu = v.next_hop_mtu()) {
    NETDIAG_FUZZ_CHECK(v.type() == 3 && v.code() == 4 && mtu->value != 0);
    sum += mtu->value;
  }
  sum += touch(v.gateway().bytes()) + touch(v.message()) + touch(v.body()) + touch(v.quoted()) +
         touch(v.extension());
  const auto words = describe_icmp(v.type(), v.code());
  NETDIAG_FUZZ_CHECK(!words.empty());
  return sum + static_cast<unsigned>(words.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = std::as_bytes(std::span(data, size));
  const auto view = IcmpView::parse(input);
  if (!view) {
    NETDIAG_FUZZ_CHECK(size < 8);
    return 0;
  }
  unsigned sum = touch_all(*view, input);

  // Rebuild with the same header fields and body.
  std::vector<std::byte> out(input.size());
  std::array<std::byte, 4> rest{};
  for (std::size_t i = 0; i < 4; ++i) rest[i] = input[4 + i];
  const auto built = view->is_echo()
                         ? build_icmp_echo(out,
                                           {.type = view->type(),
                                            .code = view->code(),
                                            .identifier = view->identifier(),
                                            .sequence = view->sequence()},
                                           view->body())
                         : build_icmp_error(out, view->type(), view->code(), rest, view->body());
  if (!built) {
    NETDIAG_FUZZ_CHECK(built.error() == BuildError::payload_too_large && input.size() > max_icmp_message);
  } else {
    NETDIAG_FUZZ_CHECK(equal(built->first(2), input.first(2)) && equal(built->subspan(4), input.subspan(4)));
    const auto again = IcmpView::parse(*built);
    NETDIAG_FUZZ_CHECK(again.has_value() && again->checksum_ok());
    if (view->checksum_ok() && view->checksum() != 0xffff) NETDIAG_FUZZ_CHECK(equal(*built, input));
    sum += touch_all(*again, *built);
  }

  // What an error quotes: an IPv4 header and the start of its payload (often an ICMP or UDP header).
  if (view->is_error()) {
    if (const auto inner = Ipv4View::parse_quoted(view->quoted())) {
      sum += touch(inner->header()) + touch(inner->payload()) + sum_of(inner->protocol());
      if (const auto probe = IcmpView::parse(inner->payload())) sum += touch_all(*probe, input);
    }
  }
  netdiag::fuzz::consume(sum);
  return 0;
}
