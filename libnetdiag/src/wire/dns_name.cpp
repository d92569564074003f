#include "netdiag/wire/dns_name.hpp"

#include <algorithm>
#include <optional>

#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;

namespace {

constexpr unsigned lower(unsigned c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }
unsigned lower_at(std::span<const std::byte> s, std::size_t at) { return lower(byte_at(s, at)); }

// Offsets of the length bytes of each label of a valid uncompressed name (the root label
// excluded); at most 127 labels fit in 255 bytes.
struct LabelOffsets {
  std::array<std::uint8_t, 128> at{};
  std::size_t count = 0;
};

LabelOffsets label_offsets(std::span<const std::byte> wire) {
  LabelOffsets offsets;
  std::size_t pos = 0;
  while (pos < wire.size() && byte_at(wire, pos) != 0 && offsets.count < offsets.at.size()) {
    offsets.at[offsets.count++] = static_cast<std::uint8_t>(pos);
    pos += 1 + byte_at(wire, pos);
  }
  return offsets;
}

// Characters that to_text() escapes with a backslash (as BIND's dns_name_totext does).
constexpr bool needs_backslash(unsigned c) {
  return c == '.' || c == '\\' || c == '"' || c == '(' || c == ')' || c == ';' || c == '@' || c == '$';
}

void append_decimal3(std::string& out, unsigned value) {
  out.push_back('\\');
  out.push_back(static_cast<char>('0' + value / 100));
  out.push_back(static_cast<char>('0' + value / 10 % 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

}  // namespace

DnsName::DnsName() = default;

std::expected<DnsName, DnsError> DnsName::from_text(std::string_view text) {
  DnsName name;
  if (text.empty() || text == ".") return name;
  // out[0..len) is the wire form so far; out[label] is the open label's length byte.
  std::array<std::byte, max_wire_length + 1> out{};
  std::size_t len = 1;
  std::size_t label = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '.') {
      const std::size_t label_length = len - label - 1;
      if (label_length == 0) return std::unexpected(DnsError::empty_label);
      out[label] = static_cast<std::byte>(label_length);
      ++i;
      if (i == text.size()) {  // the final '.'
        out[len++] = std::byte{0};
        std::copy_n(out.begin(), len, name.bytes_.begin());
        name.length_ = static_cast<std::uint8_t>(len);
        return name;
      }
      if (len + 1 > max_wire_length - 1) return std::unexpected(DnsError::name_too_long);
      label = len++;
      continue;
    }
    unsigned value = static_cast<unsigned char>(c);
    std::size_t consumed = 1;
    if (c == '\\') {
      if (i + 1 >= text.size()) return std::unexpected(DnsError::bad_escape);
      const auto digit = [&](std::size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; };
      if (digit(i + 1)) {
        if (!digit(i + 2) || !digit(i + 3)) return std::unexpected(DnsError::bad_escape);
        value = static_cast<unsigned>((text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0'));
        if (value > 255) return std::unexpected(DnsError::bad_escape);
        consumed = 4;
      } else {
        value = static_cast<unsigned char>(text[i + 1]);
        consumed = 2;
      }
    }
    if (len - label - 1 >= max_label_length) return std::unexpected(DnsError::label_too_long);
    // Room for this byte and the root label's zero byte.
    if (len + 2 > max_wire_length) return std::unexpected(DnsError::name_too_long);
    out[len++] = static_cast<std::byte>(value);
    i += consumed;
  }
  out[label] = static_cast<std::byte>(len - label - 1);
  out[len++] = std::byte{0};
  std::copy_n(out.begin(), len, name.bytes_.begin());
  name.length_ = static_cast<std::uint8_t>(len);
  return name;
}

std::expected<DnsName, DnsError> DnsName::from_wire(std::span<const std::byte> wire) {
  std::size_t pos = 0;
  while (true) {
    if (pos >= wire.size()) return std::unexpected(DnsError::truncated);
    const unsigned length = byte_at(wire, pos);
    if ((length & 0xc0U) != 0) return std::unexpected(DnsError::bad_label_type);  // pointers too
    if (length == 0) break;
    if (pos + 1 + length + 1 > max_wire_length) return std::unexpected(DnsError::name_too_long);
    if (pos + 1 + length >= wire.size()) return std::unexpected(DnsError::truncated);
    pos += 1 + length;
  }
  if (pos + 1 != wire.size()) return std::unexpected(DnsError::trailing_bytes);
  DnsName name;
  std::copy(wire.begin(), wire.end(), name.bytes_.begin());
  name.length_ = static_cast<std::uint8_t>(wire.size());
  return name;
}

std::string DnsName::to_text() const {
  if (is_root()) return ".";
  std::string text;
  text.reserve(length_ + 8);
  const auto w = wire();
  std::size_t pos = 0;
  while (byte_at(w, pos) != 0) {
    const std::size_t length = byte_at(w, pos);
    for (std::size_t k = pos + 1; k <= pos + length; ++k) {
      const unsigned c = byte_at(w, k);
      if (c < 0x21 || c > 0x7e) {
        append_decimal3(text, c);
      } else {
        if (needs_backslash(c)) text.push_back('\\');
        text.push_back(static_cast<char>(c));
      }
    }
    text.push_back('.');
    pos += 1 + length;
  }
  return text;
}

std::size_t DnsName::label_count() const { return label_offsets(wire()).count; }

std::span<const std::byte> DnsName::label(std::size_t i) const {
  const auto offsets = label_offsets(wire());
  if (i >= offsets.count) return {};
  const std::size_t at = offsets.at[i];
  return wire().subspan(at + 1, byte_at(wire(), at));
}

DnsName DnsName::parent() const {
  if (is_root()) return *this;
  const std::size_t skip = 1 + byte_at(wire(), 0);
  DnsName result;
  std::copy(bytes_.begin() + static_cast<std::ptrdiff_t>(skip), bytes_.begin() + length_, result.bytes_.begin());
  result.length_ = static_cast<std::uint8_t>(length_ - skip);
  return result;
}

DnsName DnsName::ancestor(std::size_t count) const {
  const auto offsets = label_offsets(wire());
  if (count >= offsets.count) return *this;
  if (count == 0) return DnsName();
  const std::size_t skip = offsets.at[offsets.count - count];
  DnsName result;
  std::copy(bytes_.begin() + static_cast<std::ptrdiff_t>(skip), bytes_.begin() + length_, result.bytes_.begin());
  result.length_ = static_cast<std::uint8_t>(length_ - skip);
  return result;
}

bool DnsName::is_subdomain_of(const DnsName& zone) const {
  const std::size_t zone_labels = zone.label_count();
  if (zone.length_ > length_ || zone_labels > label_count()) return false;
  return ancestor(zone_labels) == zone;
}

std::expected<DnsName, DnsError> DnsName::prepend(std::span<const std::byte> label) const {
  if (label.empty()) return std::unexpected(DnsError::empty_label);
  if (label.size() > max_label_length) return std::unexpected(DnsError::label_too_long);
  if (1 + label.size() + length_ > max_wire_length) return std::unexpected(DnsError::name_too_long);
  DnsName result;
  result.bytes_[0] = static_cast<std::byte>(label.size());
  std::copy(label.begin(), label.end(), result.bytes_.begin() + 1);
  std::copy_n(bytes_.begin(), length_, result.bytes_.begin() + 1 + static_cast<std::ptrdiff_t>(label.size()));
  result.length_ = static_cast<std::uint8_t>(1 + label.size() + length_);
  return result;
}

std::expected<DnsName, DnsError> DnsName::replace_suffix(const DnsName& owner, const DnsName& target) const {
  // Checked although it is a precondition: a DNAME that does not apply is bad data.
  if (!is_subdomain_of(owner)) return std::unexpected(DnsError::bad_rdata);
  const std::size_t prefix = std::size_t{length_} - owner.length_;
  if (prefix + target.length_ > max_wire_length) return std::unexpected(DnsError::name_too_long);
  DnsName result;
  std::copy_n(bytes_.begin(), prefix, result.bytes_.begin());
  std::copy_n(target.bytes_.begin(), target.length_, result.bytes_.begin() + static_cast<std::ptrdiff_t>(prefix));
  result.length_ = static_cast<std::uint8_t>(prefix + target.length_);
  return result;
}

bool operator==(const DnsName& a, const DnsName& b) {
  if (a.length_ != b.length_) return false;
  // Length bytes (<= 63) are never letters, so lower-casing every byte compares labels alone.
  const auto wa = a.wire();
  const auto wb = b.wire();
  for (std::size_t i = 0; i < wa.size(); ++i) {
    if (lower_at(wa, i) != lower_at(wb, i)) return false;
  }
  return true;
}

std::strong_ordering operator<=>(const DnsName& a, const DnsName& b) {
  const auto wa = a.wire();
  const auto wb = b.wire();
  const auto la = label_offsets(wa);
  const auto lb = label_offsets(wb);
  std::size_t ia = la.count;
  std::size_t ib = lb.count;
  while (ia > 0 && ib > 0) {
    --ia;
    --ib;
    const std::size_t pa = la.at[ia];
    const std::size_t pb = lb.at[ib];
    const std::size_t na = byte_at(wa, pa);
    const std::size_t nb = byte_at(wb, pb);
    for (std::size_t k = 1; k <= std::min(na, nb); ++k) {
      const unsigned ca = lower_at(wa, pa + k);
      const unsigned cb = lower_at(wb, pb + k);
      if (ca != cb) return ca <=> cb;
    }
    if (na != nb) return na <=> nb;
  }
  return la.count <=> lb.count;
}

std::expected<DnsNameRead, DnsError> read_dns_name(std::span<const std::byte> message, std::size_t offset) {
  std::array<std::byte, DnsName::max_wire_length> out{};
  std::size_t len = 0;
  std::size_t pos = offset;
  std::size_t jumps = 0;
  std::optional<std::size_t> next;
  while (true) {
    if (pos >= message.size()) return std::unexpected(DnsError::truncated);
    const unsigned length = byte_at(message, pos);
    if ((length & 0xc0U) == 0xc0U) {
      if (pos + 1 >= message.size()) return std::unexpected(DnsError::truncated);
      const std::size_t target = ((length & 0x3fU) << 8) | byte_at(message, pos + 1);
      if (target >= pos) return std::unexpected(DnsError::forward_pointer);
      if (++jumps > max_pointer_jumps) return std::unexpected(DnsError::too_many_pointers);
      if (!next) next = pos + 2;
      pos = target;
      continue;
    }
    if ((length & 0xc0U) != 0) return std::unexpected(DnsError::bad_label_type);
    if (length == 0) {
      out[len++] = std::byte{0};
      if (!next) next = pos + 1;
      break;
    }
    if (len + 1 + length + 1 > DnsName::max_wire_length) return std::unexpected(DnsError::name_too_long);
    if (pos + 1 + length > message.size()) return std::unexpected(DnsError::truncated);
    out[len++] = static_cast<std::byte>(length);
    std::copy_n(message.begin() + static_cast<std::ptrdiff_t>(pos + 1), length,
                out.begin() + static_cast<std::ptrdiff_t>(len));
    len += length;
    pos += 1 + length;
  }
  auto name = DnsName::from_wire(std::span<const std::byte>(out.data(), len));
  if (!name) return std::unexpected(name.error());  // cannot happen: the walk checked every rule
  return DnsNameRead{*name, *next};
}

}  // namespace netdiag::wire
