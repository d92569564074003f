// Domain names (RFC 1035 section 3.1, RFC 2181 section 11): up to 255 bytes in wire form,
// labels of 1 to 63 bytes, compared ASCII case-insensitively (RFC 4343).
//
// Wire form: a sequence of labels, each a length byte and that many bytes, ending with the
// zero-length root label. In a message a name may end instead with a compression pointer
// (two bytes 11xxxxxx xxxxxxxx: the offset of the rest of the name), section 4.1.4.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "netdiag/wire/dns_error.hpp"

namespace netdiag::wire {

// An absolute, uncompressed name. Trivially copyable (a fixed 255-byte buffer), so it can sit in
// std::expected and in arrays without allocation.
class DnsName {
 public:
  static constexpr std::size_t max_wire_length = 255;  // including the root label's zero byte
  static constexpr std::size_t max_label_length = 63;

  // The root name ".".
  DnsName();

  // Presentation form as dig reads it: labels separated by '.', an optional final '.', "." or ""
  // for the root; "\." and "\\" escape a character, "\DDD" a byte (decimal, <= 255). The name is
  // always absolute. Errors: empty_label ("a..b", a leading '.'), label_too_long, name_too_long,
  // bad_escape.
  static std::expected<DnsName, DnsError> from_text(std::string_view text);
  // From uncompressed wire bytes (the whole span must be exactly one name: truncated,
  // trailing_bytes; a compression pointer is a bad_label_type here).
  static std::expected<DnsName, DnsError> from_wire(std::span<const std::byte> wire);

  // Presentation form as dig prints it: always with the final '.', "." for the root. Bytes
  // '.', '\\', '"', '(', ')', ';', '@', '$' are escaped with '\', bytes outside 0x21..0x7e as
  // "\DDD". Case is kept as it came.
  std::string to_text() const;

  std::span<const std::byte> wire() const { return {bytes_.data(), length_}; }
  std::size_t label_count() const;
  bool is_root() const { return length_ == 1; }
  // The i-th label from the left (0 = leftmost), without its length byte; i < label_count().
  std::span<const std::byte> label(std::size_t i) const;

  // This name without its leftmost label; the root's parent is the root.
  DnsName parent() const;
  // The rightmost `count` labels (count >= label_count() gives the name itself, 0 the root).
  DnsName ancestor(std::size_t count) const;
  // True when this name is `zone` or below it (case-insensitive).
  bool is_subdomain_of(const DnsName& zone) const;
  // `label` + "." + this name. Errors: label_too_long, empty_label, name_too_long.
  std::expected<DnsName, DnsError> prepend(std::span<const std::byte> label) const;
  // DNAME substitution (RFC 6672 section 2.2): this name with its suffix `owner` replaced by
  // `target`. Precondition: is_subdomain_of(owner) (checked: bad_rdata, a DNAME that does not
  // apply, when it does not hold). Error: name_too_long.
  std::expected<DnsName, DnsError> replace_suffix(const DnsName& owner, const DnsName& target) const;

  // ASCII case-insensitive equality and a total order (canonical order of RFC 4034 section 6.1:
  // compared label by label from the right, lower-cased).
  friend bool operator==(const DnsName& a, const DnsName& b);
  friend std::strong_ordering operator<=>(const DnsName& a, const DnsName& b);

 private:
  std::array<std::byte, max_wire_length> bytes_{};
  std::uint8_t length_ = 1;
};

// Reads a possibly compressed name that starts at `offset` in `message`. Pointers must point
// strictly backwards from the position where they are read (so a walk always ends), at most
// 127 are followed (max_pointer_jumps). On success `next` is the offset just after the name's
// bytes at `offset` (after the first pointer, when there is one). A pointer into the 12-byte
// header is followed like any other backward pointer (the header bytes are read as labels).
struct DnsNameRead {
  DnsName name;
  std::size_t next = 0;
};
inline constexpr std::size_t max_pointer_jumps = 127;
std::expected<DnsNameRead, DnsError> read_dns_name(std::span<const std::byte> message, std::size_t offset);

}  // namespace netdiag::wire
