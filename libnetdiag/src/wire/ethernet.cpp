#include "netdiag/wire/ethernet.hpp"

#include <algorithm>

#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::store16;

namespace {

MacAddress mac_at(std::span<const std::byte> s, std::size_t at) {
  MacAddress mac{};
  std::copy_n(s.subspan(at, mac.size()).begin(), mac.size(), mac.begin());
  return mac;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string to_string(const MacAddress& mac) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(17);
  for (const std::byte b : mac) {
    if (!text.empty()) text.push_back(':');
    text.push_back(digits[std::to_integer<unsigned>(b) >> 4]);
    text.push_back(digits[std::to_integer<unsigned>(b) & 0x0fU]);
  }
  return text;
}

std::optional<MacAddress> parse_mac(std::string_view text) {
  MacAddress mac{};
  std::size_t at = 0;
  char separator = 0;
  for (std::size_t group = 0; group < mac.size(); ++group) {
    if (group > 0) {
      if (at >= text.size()) return std::nullopt;
      const char c = text[at++];
      if (c != ':' && c != '-') return std::nullopt;
      if (separator == 0) separator = c;
      else if (c != separator) return std::nullopt;
    }
    unsigned value = 0;
    std::size_t digits = 0;
    while (at < text.size() && digits < 2) {
      const int digit = hex_digit(text[at]);
      if (digit < 0) break;
      value = value * 16 + static_cast<unsigned>(digit);
      ++digits;
      ++at;
    }
    if (digits == 0) return std::nullopt;
    mac[group] = static_cast<std::byte>(value);
  }
  if (at != text.size()) return std::nullopt;
  return mac;
}

std::expected<EthernetView, ParseError> EthernetView::parse(std::span<const std::byte> frame) {
  if (frame.size() < min_header_length) return std::unexpected(ParseError::truncated);
  if (load16(frame, 12) != ethertype::vlan) return EthernetView(frame, min_header_length);
  if (frame.size() < min_header_length + vlan_tag_length) return std::unexpected(ParseError::truncated);
  return EthernetView(frame, min_header_length + vlan_tag_length);
}

MacAddress EthernetView::destination() const { return mac_at(frame_, 0); }
MacAddress EthernetView::source() const { return mac_at(frame_, 6); }
std::uint16_t EthernetView::ethertype() const { return load16(frame_, header_length_ - 2U); }

std::optional<std::uint16_t> EthernetView::vlan_id() const {
  if (!tagged()) return std::nullopt;
  return static_cast<std::uint16_t>(load16(frame_, 14) & 0x0fffU);
}

std::uint8_t EthernetView::priority() const {
  return tagged() ? static_cast<std::uint8_t>(byte_at(frame_, 14) >> 5) : std::uint8_t{0};
}

std::span<const std::byte> EthernetView::header() const { return frame_.first(header_length_); }
std::span<const std::byte> EthernetView::payload() const { return frame_.subspan(header_length_); }
std::span<const std::byte> EthernetView::frame() const { return frame_; }

std::size_t build_ethernet(std::span<std::byte> out, const MacAddress& destination, const MacAddress& source,
                           std::uint16_t ethertype) {
  constexpr std::size_t length = EthernetView::min_header_length;
  if (out.size() < length) return 0;
  std::ranges::copy(destination, out.begin());
  std::ranges::copy(source, out.begin() + 6);
  store16(out, 12, ethertype);
  return length;
}

}  // namespace netdiag::wire
