// Ethernet II frames (IEEE 802.3 / RFC 894) with an optional IEEE 802.1Q tag: MAC addresses, a
// read-only view and a header builder.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Destination MAC address                    |
//   +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                               |                               |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
//   |                      Source MAC address                       |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |           EtherType           |  payload (46..1500 bytes) ... |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// With an 802.1Q tag, EtherType 0x8100 is followed by the Tag Control Information and then the
// EtherType of the payload (18 header bytes in all):
//
//   |  0x8100 (TPID)  | PCP |D|        VLAN ID (12)     |  EtherType  | payload ...
//                       (3)  (1)
//
// EtherType values below 0x0600 are an IEEE 802.3 length (an LLC frame), not a type. The frame
// check sequence is not part of what a packet socket or a capture hands over, so it is not here.
// MAC addresses are written "02:00:5e:10:00:01": six lower-case hex pairs joined by colons.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "netdiag/wire/parse_error.hpp"

namespace netdiag::wire {

using MacAddress = std::array<std::byte, 6>;

inline constexpr MacAddress broadcast_mac{std::byte{0xff}, std::byte{0xff}, std::byte{0xff},
                                          std::byte{0xff}, std::byte{0xff}, std::byte{0xff}};

// "02:00:5e:10:00:01".
std::string to_string(const MacAddress& mac);

// Six groups of one or two hex digits (either case), all separated by ':' or all by '-':
// "02:00:5e:10:00:01", "02-00-5E-10-00-01", "2:0:5e:10:0:1". Nothing else (no spaces, no Cisco
// "0200.5e10.0001"): nullopt.
std::optional<MacAddress> parse_mac(std::string_view text);

// The U/L bit (0x02 of the first octet): an address set by software, from no vendor's block.
constexpr bool locally_administered(const MacAddress& mac) { return (mac[0] & std::byte{0x02}) != std::byte{0}; }

namespace ethertype {
inline constexpr std::uint16_t ipv4 = 0x0800, arp = 0x0806, vlan = 0x8100, ipv6 = 0x86DD;
}

class EthernetView {
 public:
  static constexpr std::size_t min_header_length = 14;
  static constexpr std::size_t vlan_tag_length = 4;

  // A frame of at least 14 bytes; with EtherType 0x8100, at least 18 (else truncated), and the
  // tag is skipped. Only one tag is skipped: a second one (Q-in-Q) shows as ethertype() 0x8100.
  static std::expected<EthernetView, ParseError> parse(std::span<const std::byte> frame);

  MacAddress destination() const;
  MacAddress source() const;
  // The EtherType of the payload: the inner one when an 802.1Q tag was skipped.
  std::uint16_t ethertype() const;
  bool tagged() const { return header_length_ != min_header_length; }
  // The 12-bit VLAN ID and the 3-bit priority of a skipped tag; nullopt / 0 when untagged.
  std::optional<std::uint16_t> vlan_id() const;
  std::uint8_t priority() const;

  std::size_t header_length() const { return header_length_; }  // 14, or 18 when tagged
  std::span<const std::byte> header() const;   // header_length() bytes
  std::span<const std::byte> payload() const;  // everything after the header (padding included)
  std::span<const std::byte> frame() const;

 private:
  EthernetView(std::span<const std::byte> frame, std::uint8_t length) : frame_(frame), header_length_(length) {}

  std::span<const std::byte> frame_;
  std::uint8_t header_length_;
};

// Writes an untagged 14-byte header into `out`. Returns 14, or 0 when `out` is shorter.
std::size_t build_ethernet(std::span<std::byte> out, const MacAddress& destination, const MacAddress& source,
                           std::uint16_t ethertype);

}  // namespace netdiag::wire
