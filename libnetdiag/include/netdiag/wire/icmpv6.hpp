// ICMP for IPv6 (RFC 4443, extensions from RFC 4884): a read-only view, builders, and iputils
// ping's words for messages.
//
// Every message starts with 8 bytes:
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |     Code      |          Checksum             |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                 rest of header (depends on type)              |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  body: echo data, or as much of the invoking packet as fits   |
//   |  in the minimum IPv6 MTU (1280 bytes) ...                     |
//
// rest of header:
//   echo request (128) / reply (129):  | Identifier | Sequence Number |
//   destination unreachable (1):       | Length |        unused        |
//   packet too big (2):                |              MTU              |
//   time exceeded (3):                 | Length |        unused        |
//   parameter problem (4):             |            Pointer            |
//
// The checksum covers the IPv6 pseudo-header (see checksum.hpp) followed by the message.
// Length (RFC 4884): the length of the quoted packet in 64-bit words when an extension structure
// follows it; 0 when there is none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string_view>

#include "netdiag/core/address.hpp"
#include "netdiag/core/types.hpp"
#include "netdiag/wire/parse_error.hpp"

namespace netdiag::wire {

namespace icmpv6_type {
inline constexpr std::uint8_t destination_unreachable = 1, packet_too_big = 2, time_exceeded = 3,
                              parameter_problem = 4, echo_request = 128, echo_reply = 129;
}

class Icmpv6View {
 public:
  static constexpr std::size_t header_length = 8;

  // Any message of at least 8 bytes. The checksum is not checked here: see checksum_ok().
  static std::expected<Icmpv6View, ParseError> parse(std::span<const std::byte> data);

  std::uint8_t type() const;
  std::uint8_t code() const;
  std::uint16_t checksum() const;
  // Verifies the checksum over the pseudo-header built from the packet's addresses.
  bool checksum_ok(std::span<const std::byte, 16> source, std::span<const std::byte, 16> destination) const;
  bool is_echo() const;   // echo request or reply
  bool is_error() const;  // type < 128
  std::uint16_t identifier() const;  // bytes 4-5; meaningful for echo
  std::uint16_t sequence() const;    // bytes 6-7; meaningful for echo
  // Packet too big (type 2): the 32-bit MTU field; nullopt for other types or an MTU of 0.
  std::optional<Mtu> mtu() const;
  std::uint32_t pointer() const;  // bytes 4-7; meaningful for parameter problem

  std::span<const std::byte> body() const;     // everything after the 8-byte header
  std::span<const std::byte> message() const;  // the whole ICMPv6 message

  // RFC 4884, for types 1 and 3: when the Length field is non-zero and fits the body, the quoted
  // packet is that many 64-bit words and the rest of the body is the extension structure.
  // Otherwise the whole body is the quoted packet and there is no extension.
  std::span<const std::byte> quoted() const;
  std::span<const std::byte> extension() const;

 private:
  explicit Icmpv6View(std::span<const std::byte> message) : message_(message) {}
  std::size_t quoted_length() const;

  std::span<const std::byte> message_;
};

struct Icmpv6EchoFields {
  std::uint8_t type = icmpv6_type::echo_request;
  std::uint8_t code = 0;
  std::uint16_t identifier = 0;
  std::uint16_t sequence = 0;
};

// The largest ICMPv6 message that fits an IPv6 payload (no jumbograms).
inline constexpr std::size_t max_icmpv6_message = 0xffff;

// Writes an echo message into `out` (data may overlap `out`); returns the written prefix. The
// checksum is computed only when both addresses are given (they must be IPv6, else
// address_family_mismatch); otherwise it is left 0, as the kernel fills it for ICMPv6 sockets.
std::expected<std::span<std::byte>, BuildError> build_icmpv6_echo(std::span<std::byte> out,
                                                                 const Icmpv6EchoFields& fields,
                                                                 std::span<const std::byte> data,
                                                                 const IpAddress* source = nullptr,
                                                                 const IpAddress* destination = nullptr);

// An ICMPv6 error (for tests and fake networks): type, code, checksum, the 4 bytes of rest of
// header (e.g. the packet-too-big MTU), then the quoted packet. Checksum as for echo.
std::expected<std::span<std::byte>, BuildError> build_icmpv6_error(
    std::span<std::byte> out, std::uint8_t type, std::uint8_t code,
    std::span<const std::byte, 4> rest_of_header, std::span<const std::byte> quoted,
    const IpAddress* source = nullptr, const IpAddress* destination = nullptr);

// iputils ping's words for an ICMPv6 message, e.g. (1,0) "Destination unreachable: No route",
// (1,4) "Destination unreachable: Port unreachable", (2,0) "Packet too big" (the MTU is the
// caller's to add), (3,0) "Time exceeded: Hop limit", (4,1) "Parameter problem: Unknown header";
// unknown ones "Destination unreachable: Unknown code N", "unknown icmp type: N".
// The returned view refers to static storage.
std::string_view describe_icmpv6(std::uint8_t type, std::uint8_t code);

}  // namespace netdiag::wire
