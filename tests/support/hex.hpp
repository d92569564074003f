// Hex <-> bytes for tests: paste captured packets as text.
#pragma once

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace netdiag::test {

// Parses pairs of hex digits; whitespace (spaces, tabs, newlines) may appear between pairs,
// e.g. "4500 0034\n 360f". Throws std::invalid_argument on any other character or an odd number
// of digits.
inline std::vector<std::byte> from_hex(std::string_view text) {
  const auto digit = [text](char c) -> unsigned {
    if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
    throw std::invalid_argument("from_hex: not a hex digit in \"" + std::string(text) + "\"");
  };
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::vector<std::byte> bytes;
  bytes.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size();) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    if (i + 1 >= text.size() || is_space(text[i + 1])) {
      throw std::invalid_argument("from_hex: odd number of hex digits in \"" + std::string(text) + "\"");
    }
    bytes.push_back(static_cast<std::byte>((digit(text[i]) << 4) | digit(text[i + 1])));
    i += 2;
  }
  return bytes;
}

// Lower-case hex pairs separated by single spaces, e.g. "45 00 00 34".
inline std::string to_hex(std::span<const std::byte> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 3);
  for (const std::byte b : bytes) {
    if (!text.empty()) text.push_back(' ');
    text.push_back(digits[std::to_integer<unsigned>(b) >> 4]);
    text.push_back(digits[std::to_integer<unsigned>(b) & 0x0fU]);
  }
  return text;
}

}  // namespace netdiag::test
