#include "netdiag/wire/dns_error.hpp"

namespace netdiag::wire {

std::string_view to_string(DnsError error) {
  switch (error) {
    case DnsError::truncated: return "message ends early";
    case DnsError::empty_label: return "empty label";
    case DnsError::label_too_long: return "label longer than 63 bytes";
    case DnsError::name_too_long: return "name longer than 255 bytes";
    case DnsError::bad_escape: return "bad escape in name";
    case DnsError::bad_label_type: return "bad label type";
    case DnsError::forward_pointer: return "compression pointer does not point backwards";
    case DnsError::too_many_pointers: return "too many compression pointers";
    case DnsError::bad_rdata: return "malformed record data";
    case DnsError::bad_opt: return "misplaced or malformed OPT record";
    case DnsError::trailing_bytes: return "bytes after the last record";
    case DnsError::buffer_too_small: return "message too large";
  }
  return "unknown dns error";
}

}  // namespace netdiag::wire
