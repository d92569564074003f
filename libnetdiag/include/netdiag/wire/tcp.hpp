// TCP segments (RFC 9293) and their options (RFC 9293 section 3.2, RFC 7323 window scale and
// timestamps, RFC 2018 SACK): a read-only view, an options parser, and builders.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |          Source Port          |       Destination Port        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                        Sequence Number                        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  <- an ICMP error quotes
//   |                    Acknowledgment Number                      |     at least this much
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  Data |       |C|E|U|A|P|R|S|F|                               |
//   | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
//   |       |       |R|E|G|K|H|T|N|N|                               |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |           Checksum            |         Urgent Pointer        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                    Options                    |    Padding    |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                             data                              |
//
//   Data Offset: header length in 32-bit words (5..15). The checksum covers the pseudo-header
//   (see udp.hpp, protocol 6), the header and the data. TCP has no length field: a segment is
//   whatever the IP packet carries after the IP header.
//
// Options: kind 0 (End of Option List) and 1 (No-Operation) are one byte; every other option is
// kind, length (counting both bytes, >= 2), then length - 2 bytes of data:
//
//   MSS (2, 4):              | 2 | 4 |  max segment size (16)  |
//   Window scale (3, 3):     | 3 | 3 | shift |
//   SACK permitted (4, 2):   | 4 | 2 |
//   SACK (5, 2 + 8n):        | 5 | len |  n x (left edge (32), right edge (32))  |
//   Timestamps (8, 10):      | 8 | 10 |  TSval (32)  |  TSecr (32)  |
//
// Linux sends a SYN with MSS, SACK permitted + timestamps, NOP + window scale (20 bytes) and
// NOP NOP + timestamps (12 bytes) on later segments.
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

// The eight flag bits of header byte 13.
struct TcpFlags {
  std::uint8_t bits = 0;

  constexpr bool fin() const { return (bits & 0x01U) != 0; }
  constexpr bool syn() const { return (bits & 0x02U) != 0; }
  constexpr bool rst() const { return (bits & 0x04U) != 0; }
  constexpr bool psh() const { return (bits & 0x08U) != 0; }
  constexpr bool ack() const { return (bits & 0x10U) != 0; }
  constexpr bool urg() const { return (bits & 0x20U) != 0; }
  constexpr bool ece() const { return (bits & 0x40U) != 0; }
  constexpr bool cwr() const { return (bits & 0x80U) != 0; }

  friend constexpr TcpFlags operator|(TcpFlags a, TcpFlags b) {
    return TcpFlags{static_cast<std::uint8_t>(a.bits | b.bits)};
  }
  friend constexpr bool operator==(TcpFlags, TcpFlags) = default;
};

// Single flags, to combine with |: tcp_flags::syn | tcp_flags::ack.
namespace tcp_flags {
inline constexpr TcpFlags fin{0x01}, syn{0x02}, rst{0x04}, psh{0x08}, ack{0x10}, urg{0x20}, ece{0x40},
    cwr{0x80};
}

namespace tcp_option_kind {
inline constexpr std::uint8_t end_of_list = 0, nop = 1, mss = 2, window_scale = 3, sack_permitted = 4,
                              sack = 5, timestamps = 8;
}

class TcpView {
 public:
  static constexpr std::size_t min_header_length = 20;
  static constexpr std::size_t max_header_length = 60;
  // What an ICMP error is sure to quote (RFC 792): ports and sequence number.
  static constexpr std::size_t min_quoted_length = 8;

  // A whole segment: at least 20 bytes, Data Offset >= 5 (else bad_header_length) and the whole
  // header present (else truncated). Everything after the header is the payload.
  static std::expected<TcpView, ParseError> parse(std::span<const std::byte> data);
  // A segment quoted inside an ICMP error: only the first 8 bytes must be present. When the
  // whole header is there too (Data Offset 5..15 and that many bytes), the view is complete() and
  // reads like a parsed one, with payload() the quoted bytes after the header.
  static std::expected<TcpView, ParseError> parse_quoted(std::span<const std::byte> data);

  // Always present (bytes 0-7).
  Port source_port() const;
  Port destination_port() const;
  std::uint32_t sequence() const;

  // Whether the whole header is present: always true for parse(). When it is false, every
  // accessor below returns 0 or empty ("absent"), never reading past the quoted bytes;
  // data_offset() == 0 can then never be mistaken for a real header (>= 20).
  bool complete() const { return header_length_ != 0; }
  std::uint32_t acknowledgment() const;
  std::uint8_t data_offset() const { return header_length_; }  // header length in bytes, 20..60
  TcpFlags flags() const;
  std::uint16_t window() const;
  std::uint16_t checksum() const;
  std::uint16_t urgent_pointer() const;
  std::span<const std::byte> header() const;   // data_offset() bytes
  std::span<const std::byte> options() const;  // header bytes after the fixed 20 (may be empty)
  std::span<const std::byte> payload() const;  // everything after the header
  // Checks the checksum over the pseudo-header built from the addresses of the enclosing IP
  // packet and header + payload. False when the families differ or !complete(). For a quoted
  // segment it is true only when the router quoted the whole segment.
  bool checksum_ok(const IpAddress& source, const IpAddress& destination) const;

  std::span<const std::byte> segment() const;  // all the bytes the view covers

 private:
  TcpView(std::span<const std::byte> segment, std::uint8_t header_length)
      : segment_(segment), header_length_(header_length) {}

  std::span<const std::byte> segment_;
  std::uint8_t header_length_;  // 0 when incomplete
};

struct TcpTimestamps {
  std::uint32_t value = 0;  // TSval
  std::uint32_t echo = 0;   // TSecr
  friend constexpr bool operator==(const TcpTimestamps&, const TcpTimestamps&) = default;
};

// What parse_tcp_options() found. A later option of the same kind replaces an earlier one.
struct TcpOptions {
  std::optional<std::uint16_t> mss{};
  std::optional<std::uint8_t> window_scale{};  // the shift as sent (RFC 7323 caps its use at 14)
  bool sack_permitted = false;
  std::optional<TcpTimestamps> timestamps{};
  std::uint8_t sack_blocks = 0;  // blocks in the last SACK option (1..4 normally)
  // Options of kinds not listed above (each counted once).
  unsigned unknown = 0;
  // Known kinds with a length that kind does not allow (e.g. MSS with length 3): skipped, as
  // Linux does, and counted here.
  unsigned wrong_length = 0;

  friend bool operator==(const TcpOptions&, const TcpOptions&) = default;
};

// Walks the options area of a header (TcpView::options(), or any bytes): one-byte NOPs are
// skipped, End of Option List ends the walk (the rest is padding). Every other option needs a
// length byte >= 2 (else bad_total_length: a length smaller than the option's own 2-byte header)
// and must fit in `options` (else truncated: a cut option, or a kind without its length byte).
// Each step advances by at least one byte, so the walk always ends.
std::expected<TcpOptions, ParseError> parse_tcp_options(std::span<const std::byte> options);

// Writes the options in `options` in the order and alignment Linux uses, and returns the written
// prefix (always a multiple of 4 bytes, at most 20):
//   MSS (4) | SACK permitted + timestamps (12), or NOP NOP + timestamps (12), or
//   NOP NOP + SACK permitted (4) | NOP + window scale (4).
// sack_blocks, unknown and wrong_length are not written. Error: buffer_too_small.
std::expected<std::span<std::byte>, BuildError> build_tcp_options(std::span<std::byte> out,
                                                                 const TcpOptions& options);

struct TcpFields {
  Port source{};
  Port destination{};
  std::uint32_t sequence = 0;
  std::uint32_t acknowledgment = 0;
  TcpFlags flags{};
  std::uint16_t window = 65535;
  std::uint16_t urgent_pointer = 0;
  // Raw option bytes (e.g. from build_tcp_options), at most 40; build_tcp pads them with zero
  // bytes (End of Option List) to a multiple of 4.
  std::span<const std::byte> options{};
};

// The largest segment build_tcp writes: one that fits an IPv6 payload (no jumbograms).
inline constexpr std::size_t max_tcp_segment = 0xffff;

// Writes header (Data Offset from the padded options, reserved bits 0) + `payload` (which may
// overlap `out`) into `out`; returns the written prefix. The checksum is computed when both
// addresses are given (both IPv4 or both IPv6, else address_family_mismatch) and left 0
// otherwise. Errors: payload_too_large when the options exceed 40 bytes or the segment 65535,
// buffer_too_small.
std::expected<std::span<std::byte>, BuildError> build_tcp(std::span<std::byte> out, const TcpFields& fields,
                                                         std::span<const std::byte> payload,
                                                         const IpAddress* source = nullptr,
                                                         const IpAddress* destination = nullptr);

}  // namespace netdiag::wire
