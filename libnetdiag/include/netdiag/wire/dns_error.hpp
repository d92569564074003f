// Why a DNS message, name or record could not be parsed or built.
#pragma once

#include <cstdint>
#include <string_view>

namespace netdiag::wire {

enum class DnsError : std::uint8_t {
  truncated,           // the message ends inside a header, name, record or rdata field
  empty_label,         // "a..b" in text, or a zero-length label before the end
  label_too_long,      // a label over 63 bytes
  name_too_long,       // a name over 255 bytes in wire form
  bad_escape,          // "\" not followed by a character or three digits <= 255
  bad_label_type,      // a label length byte 01xxxxxx or 10xxxxxx (RFC 6891 section 5)
  forward_pointer,     // a compression pointer that does not point strictly backwards
  too_many_pointers,   // more than max_pointer_jumps pointers in one name
  bad_rdata,           // rdata does not match its type's format (lengths, names inside)
  bad_opt,             // OPT record not in the additional section, not at the root, or twice
  trailing_bytes,      // bytes after the last record the counts announce
  buffer_too_small,    // builder: the output would exceed its limit
};

// A short lower-case phrase, e.g. "compression pointer does not point backwards".
std::string_view to_string(DnsError error);

}  // namespace netdiag::wire
