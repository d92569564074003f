// Private to wire/: big-endian reads and writes at an offset the caller has already checked
// (views validate every length once, in parse()), and a table of numbered phrases.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace netdiag::wire::detail {

inline unsigned byte_at(std::span<const std::byte> s, std::size_t at) { return std::to_integer<unsigned>(s[at]); }

inline std::uint16_t load16(std::span<const std::byte> s, std::size_t at) {
  return static_cast<std::uint16_t>((byte_at(s, at) << 8) | byte_at(s, at + 1));
}

inline std::uint32_t load32(std::span<const std::byte> s, std::size_t at) {
  return (std::uint32_t{load16(s, at)} << 16) | load16(s, at + 2);
}

inline std::uint64_t load64(std::span<const std::byte> s, std::size_t at) {
  return (std::uint64_t{load32(s, at)} << 32) | load32(s, at + 4);
}

inline void store16(std::span<std::byte> s, std::size_t at, std::uint16_t value) {
  s[at] = static_cast<std::byte>(value >> 8);
  s[at + 1] = static_cast<std::byte>(value & 0xffU);
}

inline void store32(std::span<std::byte> s, std::size_t at, std::uint32_t value) {
  store16(s, at, static_cast<std::uint16_t>(value >> 16));
  store16(s, at + 2, static_cast<std::uint16_t>(value & 0xffffU));
}

inline void store64(std::span<std::byte> s, std::size_t at, std::uint64_t value) {
  store32(s, at, static_cast<std::uint32_t>(value >> 32));
  store32(s, at + 4, static_cast<std::uint32_t>(value & 0xffffffffU));
}

// "<prefix>N" for every N in 0..255, built once, so describe_icmp()/describe_icmpv6() can
// return string_views for codes and types they have no words for.
class NumberedPhrases {
 public:
  explicit NumberedPhrases(std::string_view prefix) {
    for (std::size_t n = 0; n < texts_.size(); ++n) texts_[n] = std::string(prefix) + std::to_string(n);
  }
  std::string_view operator[](std::uint8_t n) const { return texts_[n]; }

 private:
  std::array<std::string, 256> texts_;
};

}  // namespace netdiag::wire::detail
