// IPv4 datagrams (RFC 791): a read-only view and a builder.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |Version|  IHL  |Type of Service|          Total Length         |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |         Identification        |Flags|      Fragment Offset    |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  Time to Live |    Protocol   |         Header Checksum       |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                       Source Address                          |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Destination Address                        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Options                    |    Padding    |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
//   IHL: header length in 32-bit words (5..15). Flags: 0, DF (don't fragment), MF (more
//   fragments). Fragment Offset: in 8-byte units. Total Length: header + payload, in bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/parse_error.hpp"

namespace netdiag::wire {

class Ipv4View {
 public:
  static constexpr std::size_t min_header_length = 20;

  // A whole datagram: version 4, IHL >= 5, the header present, header length <= total length
  // <= data.size(). Bytes beyond total length (link-layer padding) are ignored.
  static std::expected<Ipv4View, ParseError> parse(std::span<const std::byte> data);
  // A datagram quoted inside an ICMP error: the header must be complete and consistent, but the
  // payload may be shorter than total length says (routers quote only part of it); payload() is
  // what is there, at most total length - header length bytes.
  static std::expected<Ipv4View, ParseError> parse_quoted(std::span<const std::byte> data);

  std::uint8_t header_length() const { return header_length_; }  // bytes, 20..60
  std::uint8_t tos() const;
  std::uint16_t total_length() const;
  std::uint16_t identification() const;
  bool dont_fragment() const;
  bool more_fragments() const;
  std::uint16_t fragment_offset() const;  // in 8-byte units
  std::uint8_t ttl() const;
  std::uint8_t protocol() const;
  std::uint16_t header_checksum() const;
  bool header_checksum_ok() const;
  IpAddress source() const;
  IpAddress destination() const;

  std::span<const std::byte> options() const;  // header bytes after the fixed 20 (may be empty)
  std::span<const std::byte> header() const;   // header_length() bytes
  std::span<const std::byte> payload() const;

 private:
  Ipv4View(std::span<const std::byte> datagram, std::uint8_t header_length)
      : datagram_(datagram), header_length_(header_length) {}
  static std::expected<Ipv4View, ParseError> parse_impl(std::span<const std::byte> data, bool quoted);

  std::span<const std::byte> datagram_;  // header + the payload bytes present
  std::uint8_t header_length_;
};

struct Ipv4Fields {
  std::uint8_t tos = 0;
  std::uint16_t identification = 0;
  bool dont_fragment = false;
  std::uint8_t ttl = 64;
  std::uint8_t protocol = 0;
  IpAddress source;       // must be IPv4
  IpAddress destination;  // must be IPv4
};

// Writes a 20-byte header (no options, not a fragment, computed checksum) followed by `payload`
// into `out`; returns the written prefix of `out`. Errors: payload_too_large when 20 + payload
// exceeds 65535, address_family_mismatch for a non-IPv4 address, buffer_too_small. `payload`
// may overlap `out` (e.g. already written at out[20...]).
std::expected<std::span<std::byte>, BuildError> build_ipv4(std::span<std::byte> out,
                                                          const Ipv4Fields& fields,
                                                          std::span<const std::byte> payload);

}  // namespace netdiag::wire
