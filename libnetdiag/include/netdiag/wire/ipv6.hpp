// IPv6 packets (RFC 8200): a read-only view, an extension-header walker and a builder.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |Version| Traffic Class |           Flow Label                  |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |         Payload Length        |  Next Header  |   Hop Limit   |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                                                               |
//   +                                                               +
//   |                                                               |
//   +                         Source Address                        +
//   |                                                               |
//   +                                                               +
//   |                                                               |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                                                               |
//   +                                                               +
//   |                                                               |
//   +                      Destination Address                      +
//   |                                                               |
//   +                                                               +
//   |                                                               |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Extension headers walked by upper_layer(): Hop-by-Hop Options (0), Routing (43) and
// Destination Options (60) share this shape, Hdr Ext Len in 8-octet units not counting the
// first 8 octets:
//
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  Next Header  |  Hdr Ext Len  |                               |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
//   .                 options / routing data ...                    .
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// and the Fragment header (44) is always 8 octets:
//
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                         Identification                        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/parse_error.hpp"

namespace netdiag::wire {

namespace ipv6_next_header {
inline constexpr std::uint8_t hop_by_hop = 0, tcp = 6, udp = 17, routing = 43, fragment = 44,
                              icmpv6 = 58, no_next_header = 59, destination_options = 60;
}

// What follows the extension headers: the upper-layer protocol number and its bytes.
struct UpperLayer {
  std::uint8_t protocol;
  std::span<const std::byte> data;
};

class Ipv6View {
 public:
  static constexpr std::size_t header_length = 40;
  static constexpr int max_extension_headers = 8;

  // A whole packet: version 6, the 40-byte header present, payload length <= data.size() - 40.
  // Bytes beyond it (link-layer padding) are ignored. A payload length of 0 gives an empty
  // payload (jumbograms, RFC 2675, are not supported).
  static std::expected<Ipv6View, ParseError> parse(std::span<const std::byte> data);
  // A packet quoted inside an ICMPv6 error: the 40-byte header must be complete, the payload may
  // be shorter than payload length says; payload() is what is there, at most payload length.
  static std::expected<Ipv6View, ParseError> parse_quoted(std::span<const std::byte> data);

  std::uint8_t traffic_class() const;
  std::uint32_t flow_label() const;  // 20 bits
  std::uint16_t payload_length() const;
  std::uint8_t next_header() const;
  std::uint8_t hop_limit() const;
  IpAddress source() const;
  IpAddress destination() const;
  std::span<const std::byte, 16> source_bytes() const;
  std::span<const std::byte, 16> destination_bytes() const;

  std::span<const std::byte> header() const;   // the fixed 40 bytes
  std::span<const std::byte> payload() const;  // extension headers + upper layer

  // Walks Hop-by-Hop (0), Routing (43), Fragment (44, 8 bytes) and Destination Options (60)
  // headers, at most max_extension_headers of them (else too_many_extension_headers); an
  // extension header running past the payload is `truncated`. Protocol 59 (no next header) gives
  // empty data. Any other protocol number ends the walk (so AH, ESP, Mobility... are returned as
  // the protocol). A Fragment header with a non-zero offset also ends it: the bytes after it are
  // the middle of a datagram, not an upper-layer header, so the result is protocol 44 with data
  // starting at that Fragment header.
  std::expected<UpperLayer, ParseError> upper_layer() const;

 private:
  explicit Ipv6View(std::span<const std::byte> packet) : packet_(packet) {}
  static std::expected<Ipv6View, ParseError> parse_impl(std::span<const std::byte> data, bool quoted);

  std::span<const std::byte> packet_;  // header + the payload bytes present
};

struct Ipv6Fields {
  std::uint8_t traffic_class = 0;
  std::uint32_t flow_label = 0;  // only the low 20 bits are used
  std::uint8_t next_header = 0;
  std::uint8_t hop_limit = 64;
  IpAddress source;       // must be IPv6
  IpAddress destination;  // must be IPv6
};

// Writes the 40-byte header followed by `payload` (which may overlap `out`) into `out`; returns
// the written prefix. Errors: payload_too_large (> 65535), address_family_mismatch,
// buffer_too_small.
std::expected<std::span<std::byte>, BuildError> build_ipv6(std::span<std::byte> out,
                                                          const Ipv6Fields& fields,
                                                          std::span<const std::byte> payload);

}  // namespace netdiag::wire
