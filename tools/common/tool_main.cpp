#include "common/tool_main.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <system_error>

namespace netdiag::tools {

int run_tool(std::string_view tool, const std::function<int()>& body) {
  try {
    return body();
  } catch (const UsageError& error) {
    fmt::print(stderr, "{}: {}\n", tool, error.message);
  } catch (const std::system_error& error) {
    // what() already holds the context and, from libstdc++, ": <strerror>".
    fmt::print(stderr, "{}: {}\n", tool, error.what());
  } catch (const std::exception& error) {
    fmt::print(stderr, "{}: {}\n", tool, error.what());
  }
  return kExitError;
}

bool use_color(ColorMode mode, int fd) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  if (std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  if (term == nullptr || std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(fd) == 1;
}

}  // namespace netdiag::tools
