#include "netdiag/wire/parse_error.hpp"

namespace netdiag::wire {

std::string_view to_string(ParseError error) {
  switch (error) {
    case ParseError::truncated: return "truncated";
    case ParseError::bad_version: return "bad version";
    case ParseError::bad_header_length: return "bad header length";
    case ParseError::bad_total_length: return "bad total length";
    case ParseError::bad_checksum: return "bad checksum";
    case ParseError::too_many_extension_headers: return "too many extension headers";
  }
  return "unknown parse error";
}

std::string_view to_string(BuildError error) {
  switch (error) {
    case BuildError::buffer_too_small: return "buffer too small";
    case BuildError::payload_too_large: return "payload too large";
    case BuildError::address_family_mismatch: return "address family mismatch";
  }
  return "unknown build error";
}

}  // namespace netdiag::wire
