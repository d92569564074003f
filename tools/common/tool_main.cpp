#include "common/tool_main.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cmath>
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

ColorMode parse_color(const std::string& when) {
  if (when == "auto") return ColorMode::automatic;
  if (when == "always") return ColorMode::always;
  if (when == "never") return ColorMode::never;
  throw UsageError{fmt::format("--color {}: use auto, always or never", when)};
}

std::optional<unsigned> parse_unsigned(std::string_view text) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Duration seconds_option(const std::string& flag, double value, bool zero_allowed) {
  if (!std::isfinite(value) || value < 0 || (!zero_allowed && value == 0) || value > 2147483.0) {
    throw UsageError{fmt::format("{} {}: give a {} number of seconds, e.g. {} 0.5", flag, value,
                                 zero_allowed ? "non-negative" : "positive", flag)};
  }
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(value));
}

}  // namespace netdiag::tools
