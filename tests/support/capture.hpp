// A FILE* that renderers can write to and tests can read back (open_memstream).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace netdiag::test {

class Capture {
 public:
  Capture() : file_(open_memstream(&buffer_, &size_)) {}
  ~Capture() {
    if (file_ != nullptr) std::fclose(file_);
    std::free(buffer_);  // NOLINT: open_memstream's buffer
  }
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;

  std::FILE* file() { return file_; }
  std::string text() {
    std::fflush(file_);
    return std::string(buffer_, size_);
  }

 private:
  char* buffer_ = nullptr;
  std::size_t size_ = 0;
  std::FILE* file_;
};

}  // namespace netdiag::test
