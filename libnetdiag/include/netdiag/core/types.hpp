// Strong little types for wire quantities, so a TTL cannot be passed where a sequence number
// belongs, and sequence wrap-around has exactly one home.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>

namespace netdiag {

// IPv4 time-to-live or IPv6 hop limit.
struct Ttl {
  std::uint8_t value = 0;
  friend constexpr auto operator<=>(Ttl, Ttl) = default;
};

struct Port {
  std::uint16_t value = 0;
  friend constexpr auto operator<=>(Port, Port) = default;
};

// A path or link MTU in bytes.
struct Mtu {
  std::uint32_t value = 0;
  friend constexpr auto operator<=>(Mtu, Mtu) = default;
};

// The 16-bit ICMP echo sequence number as it appears on the wire. It wraps at 65535; engines
// count with 64-bit numbers, put truncate(n) on the wire and map a received value back with
// unwrap().
struct Sequence {
  std::uint16_t value = 0;
  friend constexpr bool operator==(Sequence, Sequence) = default;

  static constexpr Sequence truncate(std::uint64_t number) {
    return Sequence{static_cast<std::uint16_t>(number & 0xffffU)};
  }
};

// The 64-bit number whose truncation is `wire` and which is the closest one at or before
// `latest` (the newest number sent: a reply cannot answer a probe not yet sent). Empty when that
// number would be negative.
constexpr std::optional<std::uint64_t> unwrap(Sequence wire, std::uint64_t latest) {
  const auto back = static_cast<std::uint16_t>(Sequence::truncate(latest).value - wire.value);
  if (back > latest) return std::nullopt;
  return latest - back;
}

// One entry of an MPLS label stack a router quoted in an ICMP extension (RFC 4950).
struct MplsLabel {
  std::uint32_t label = 0;          // 20 bits
  std::uint8_t traffic_class = 0;   // 3 bits ("Exp")
  bool bottom_of_stack = false;
  std::uint8_t ttl = 0;
  friend constexpr bool operator==(const MplsLabel&, const MplsLabel&) = default;
};

}  // namespace netdiag
