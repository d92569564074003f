// ICMP for IPv4 (RFC 792, next-hop MTU from RFC 1191, extensions from RFC 4884): a read-only view,
// builders, and iputils-ping wording for errors.
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
//   |  body: echo data, or the quoted datagram (its IP header and   |
//   |  at least the first 8 bytes of its payload) ...               |
//
// rest of header:
//   echo request (8) / reply (0):   | Identifier | Sequence Number |
//   destination unreachable (3):    |  unused  | Length |  Next-Hop MTU (code 4, RFC 1191) |
//   time exceeded (11):             |  unused  | Length |            unused                |
//   parameter problem (12):         | Pointer  | Length |            unused                |
//   redirect (5):                   |              Gateway Internet Address                |
//
// Length (RFC 4884): the length of the quoted datagram in 32-bit words when an extension
// structure follows it; 0 when there is none.
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

namespace icmp_type {
inline constexpr std::uint8_t echo_reply = 0, destination_unreachable = 3, source_quench = 4,
                              redirect = 5, echo_request = 8, time_exceeded = 11,
                              parameter_problem = 12;
}

class IcmpView {
 public:
  static constexpr std::size_t header_length = 8;

  // Any message of at least 8 bytes. The checksum is not checked here: see checksum_ok().
  static std::expected<IcmpView, ParseError> parse(std::span<const std::byte> data);

  std::uint8_t type() const;
  std::uint8_t code() const;
  std::uint16_t checksum() const;
  bool checksum_ok() const;
  bool is_echo() const;   // echo request or reply
  bool is_error() const;  // 3, 4, 5, 11, 12
  std::uint16_t identifier() const;  // bytes 4-5; meaningful for echo
  std::uint16_t sequence() const;    // bytes 6-7; meaningful for echo
  // Type 3 code 4 (RFC 1191); nullopt when the field is 0 (an old router) or another message.
  std::optional<Mtu> next_hop_mtu() const;
  IpAddress gateway() const;  // bytes 4-7 as an address; meaningful for type 5

  std::span<const std::byte> body() const;     // everything after the 8-byte header
  std::span<const std::byte> message() const;  // the whole ICMP message

  // RFC 4884, for types 3, 11 and 12: when the Length field is non-zero and fits the body, the
  // quoted datagram is that many 32-bit words and the rest of the body is the extension
  // structure. Otherwise the whole body is the quoted datagram and there is no extension.
  std::span<const std::byte> quoted() const;
  std::span<const std::byte> extension() const;

 private:
  explicit IcmpView(std::span<const std::byte> message) : message_(message) {}
  std::size_t quoted_length() const;

  std::span<const std::byte> message_;
};

struct IcmpEchoFields {
  std::uint8_t type = icmp_type::echo_request;
  std::uint8_t code = 0;
  std::uint16_t identifier = 0;
  std::uint16_t sequence = 0;
};

// The largest ICMP message that fits an IPv4 datagram with a 20-byte header.
inline constexpr std::size_t max_icmp_message = 0xffff - 20;

// Writes an echo message (header + data, computed checksum) into `out`; returns the written
// prefix. `data` may overlap `out`. Errors: payload_too_large, buffer_too_small.
std::expected<std::span<std::byte>, BuildError> build_icmp_echo(std::span<std::byte> out,
                                                               const IcmpEchoFields& fields,
                                                               std::span<const std::byte> data);

// An ICMP error (for tests and fake networks): type, code, checksum, the 4 bytes of rest of
// header (e.g. unused + next-hop MTU), then the quoted datagram; computes the checksum.
std::expected<std::span<std::byte>, BuildError> build_icmp_error(
    std::span<std::byte> out, std::uint8_t type, std::uint8_t code,
    std::span<const std::byte, 4> rest_of_header, std::span<const std::byte> quoted);

// iputils ping's words for an ICMPv4 message, e.g. (3,1) "Destination Host Unreachable",
// (11,0) "Time to live exceeded", (3,4) "Frag needed and DF set" (the MTU is the caller's to
// add); unknown codes "Dest Unreachable, Bad Code: N", unknown types "Bad ICMP type: N".
// The returned view refers to static storage.
std::string_view describe_icmp(std::uint8_t type, std::uint8_t code);

}  // namespace netdiag::wire
