// Reading a whole, bounded text file: root hints, batch lists, scan lists, vendor registries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>

namespace netdiag {

enum class TextFileError : std::uint8_t {
  cannot_open,  // missing, unreadable, or a directory
  too_large,    // more than the caller's limit
  read_failed,  // an I/O error partway (which would leave a cut-short last line)
};

// The whole file, read in chunks so a small file costs a small buffer, at most `max_bytes`.
std::expected<std::string, TextFileError> read_text_file(const std::string& path, std::size_t max_bytes);

}  // namespace netdiag
