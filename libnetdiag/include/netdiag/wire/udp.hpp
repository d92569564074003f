// UDP datagrams (RFC 768): a read-only view, a builder, and the IPv4/IPv6 pseudo-header checksum
// shared with TCP.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |          Source Port          |       Destination Port        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |            Length             |           Checksum            |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                          data ...                             |
//
//   Length: header + data, in bytes (>= 8).
//   Checksum: over the pseudo-header, the header and the data. Over IPv4 a transmitted 0 means
//   "no checksum"; a computed 0 is sent as 0xffff. Over IPv6 the checksum is mandatory.
//
// IPv4 pseudo-header (RFC 768; TCP uses the same with protocol 6, RFC 9293 section 3.1):
//
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                       Source Address                          |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Destination Address                        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     zero      |   Protocol    |     UDP / TCP Length          |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The IPv6 pseudo-header (RFC 8200 section 8.1) is drawn in checksum.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>

#include "netdiag/core/address.hpp"
#include "netdiag/core/types.hpp"
#include "netdiag/wire/parse_error.hpp"

namespace netdiag::wire {

inline constexpr std::uint8_t ip_protocol_tcp = 6;
inline constexpr std::uint8_t ip_protocol_udp = 17;

// The Internet checksum of a UDP or TCP `message` (its checksum field included as it is) behind
// the pseudo-header for `protocol`: the IPv4 one when both addresses are IPv4, the IPv6 one when
// both are IPv6. Verifying: 0 means the stored checksum is right. nullopt when the families
// differ, or for IPv4 when the message is longer than the 16-bit pseudo-header length allows.
std::optional<std::uint16_t> pseudo_header_checksum(const IpAddress& source, const IpAddress& destination,
                                                    std::uint8_t protocol,
                                                    std::span<const std::byte> message);

class UdpView {
 public:
  static constexpr std::size_t header_length = 8;

  // A whole datagram: the 8-byte header present, 8 <= length <= data.size() (else
  // bad_total_length / truncated). Bytes beyond length (IP or link-layer padding) are ignored.
  static std::expected<UdpView, ParseError> parse(std::span<const std::byte> data);
  // A datagram quoted inside an ICMP error: only the 8-byte header must be present (RFC 792
  // guarantees no more); length must still be >= 8 (else bad_total_length) but may exceed the
  // data. payload() is what is there, at most length - 8 bytes; complete() says whether all of it is.
  static std::expected<UdpView, ParseError> parse_quoted(std::span<const std::byte> data);

  Port source_port() const;
  Port destination_port() const;
  std::uint16_t length() const;  // the Length field: header + data, bytes
  std::uint16_t checksum() const;
  // Whether all length() bytes are present (always true for parse()).
  bool complete() const { return datagram_.size() == length(); }
  // Checks the checksum over the pseudo-header built from the addresses of the enclosing IP
  // packet. IPv4 with a checksum of 0 ("none sent") is true; IPv6 with 0 is false (RFC 8200
  // makes it mandatory). False when the addresses' families differ, and when !complete().
  bool checksum_ok(const IpAddress& source, const IpAddress& destination) const;

  std::span<const std::byte> header() const;    // the 8 bytes
  std::span<const std::byte> payload() const;   // data, at most length() - 8 bytes
  std::span<const std::byte> datagram() const;  // header + payload

 private:
  explicit UdpView(std::span<const std::byte> datagram) : datagram_(datagram) {}
  static std::expected<UdpView, ParseError> parse_impl(std::span<const std::byte> data, bool quoted);

  std::span<const std::byte> datagram_;  // header + the payload bytes present
};

struct UdpFields {
  Port source{};
  Port destination{};
};

// The largest UDP datagram: its 16-bit Length field.
inline constexpr std::size_t max_udp_datagram = 0xffff;

// Writes the 8-byte header followed by `payload` (which may overlap `out`) into `out`; returns
// the written prefix. The checksum is computed when both addresses are given (both IPv4 or both
// IPv6, else address_family_mismatch; a computed 0 is written as 0xffff), and left 0 otherwise
// (over IPv4 that means "none"; a kernel UDP socket fills its own). Errors: payload_too_large
// when 8 + payload exceeds 65535, buffer_too_small.
std::expected<std::span<std::byte>, BuildError> build_udp(std::span<std::byte> out, const UdpFields& fields,
                                                         std::span<const std::byte> payload,
                                                         const IpAddress* source = nullptr,
                                                         const IpAddress* destination = nullptr);

}  // namespace netdiag::wire
