#include "netdiag/io/text_file.hpp"

#include <array>
#include <fstream>

namespace netdiag {

std::expected<std::string, TextFileError> read_text_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::unexpected(TextFileError::cannot_open);
  std::string text;
  std::array<char, 64 * 1024> chunk{};
  // The short last read sets failbit but still counts what it read; a read error sets badbit (a
  // directory opens, then fails its first read).
  while (file.read(chunk.data(), chunk.size()) || file.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(file.gcount()));
    if (text.size() > max_bytes) return std::unexpected(TextFileError::too_large);
  }
  if (file.bad()) return std::unexpected(text.empty() ? TextFileError::cannot_open : TextFileError::read_failed);
  return text;
}

}  // namespace netdiag
