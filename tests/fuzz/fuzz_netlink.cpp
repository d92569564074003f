// libFuzzer target: the rtnetlink reply parsers (io/netlink.hpp). The kernel is no hostile peer,
// but every length in its replies is still checked, and this holds them to it. The first input
// byte picks (bit 0) a route reply or a neighbour dump, and (bit 1) the family of the address
// asked about; the rest is the datagram, parsed as the answer to request sequence 1.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/io/netlink.hpp"

using netdiag::IpAddress;
using namespace netdiag::netlink_detail;

namespace {

constexpr std::uint32_t kSequence = 1;

const IpAddress& asked(bool v6) {
  static const IpAddress v4_address = *IpAddress::parse("198.18.2.2");
  static const IpAddress v6_address = *IpAddress::parse("fd00:2::2");
  return v6 ? v6_address : v4_address;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool route = (data[0] & 1U) != 0;
  const bool v6 = (data[0] & 2U) != 0;
  const auto datagram = std::as_bytes(std::span(data + 1, size - 1));
  const std::vector<std::byte> copy(datagram.begin(), datagram.end());
  unsigned sum = 0;
  if (route) {
    const auto parsed = parse_route_reply(datagram, kSequence, asked(v6));
    const auto again = parse_route_reply(copy, kSequence, asked(v6));
    NETDIAG_FUZZ_CHECK(parsed.has_value() == again.has_value());
    if (parsed) {
      // The first neighbour is the gateway, or the destination itself.
      NETDIAG_FUZZ_CHECK(parsed->next_hop == parsed->gateway.value_or(asked(v6)));
      NETDIAG_FUZZ_CHECK(parsed->next_hop == again->next_hop && parsed->interface_index == again->interface_index);
      sum += static_cast<unsigned>(parsed->interface_index) + static_cast<unsigned>(parsed->type);
    } else {
      NETDIAG_FUZZ_CHECK(parsed.error() > 0 && parsed.error() == again.error());
    }
  } else {
    const auto part = parse_neighbour_dump(datagram, kSequence, 2, asked(v6));
    const auto again = parse_neighbour_dump(copy, kSequence, 2, asked(v6));
    NETDIAG_FUZZ_CHECK(part.done == again.done && part.match.has_value() == again.match.has_value());
    if (part.match) sum += static_cast<unsigned>(part.match->state) + (part.match->link_address ? 1U : 0U);
  }
  netdiag::fuzz::consume(sum);
  return 0;
}
