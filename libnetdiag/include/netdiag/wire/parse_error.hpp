// Why a packet could not be parsed, or a packet could not be built.
//
// Per-packet problems are values, never exceptions: every wire parser returns
// std::expected<View, ParseError>, every builder std::expected<std::span<std::byte>, BuildError>.
#pragma once

#include <cstdint>
#include <string_view>

namespace netdiag::wire {

enum class ParseError : std::uint8_t {
  truncated,                   // fewer bytes than the header (or a length field) needs
  bad_version,                 // IP version nibble is not the one the parser expects
  bad_header_length,           // IPv4 IHL below 5 (a header shorter than 20 bytes)
  bad_total_length,            // IPv4 total length smaller than the header it contains
  bad_checksum,                // reserved for callers that reject on checksum (parsers do not)
  too_many_extension_headers,  // IPv6 chain longer than the walker's limit
};

// A short lower-case phrase, e.g. "truncated".
std::string_view to_string(ParseError error);

enum class BuildError : std::uint8_t {
  buffer_too_small,          // the caller's buffer cannot hold the packet
  payload_too_large,         // the packet would not fit its 16-bit length field
  address_family_mismatch,   // e.g. an IPv6 address given to build_ipv4
};

std::string_view to_string(BuildError error);

}  // namespace netdiag::wire
