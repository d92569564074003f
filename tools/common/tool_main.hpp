// What every netdiag binary shares around its real work: one-line errors and exit status 2 for
// setup failures, and the --color decision.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "netdiag/core/time.hpp"

namespace netdiag::tools {

// Exit statuses of every tool (DESIGN.md): 0 success, 1 target did not answer as hoped,
// 2 usage or system error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitNoAnswer = 1;
inline constexpr int kExitError = 2;

// A bad command line: printed as "TOOL: MESSAGE" and exit status 2.
struct UsageError {
  std::string message;
};

// Runs `body`; turns UsageError, std::system_error and other exceptions into one line on
// stderr ("nd-ping: what failed: why; what to do") and exit status 2.
int run_tool(std::string_view tool, const std::function<int()>& body);

enum class ColorMode { automatic, always, never };
// Whether to colour a stream: `always`, `never`, or — automatic — when it is a terminal,
// TERM is not "dumb" and NO_COLOR is unset.
bool use_color(ColorMode mode, int fd);
// --color WHEN: auto, always or never. Throws UsageError.
ColorMode parse_color(const std::string& when);

// A whole decimal number, all of `text` (no sign, no spaces), that fits an unsigned; else nullopt.
std::optional<unsigned> parse_unsigned(std::string_view text);

// A seconds option (-i, -W, -w) as a Duration: finite, not negative, zero only when allowed, at
// most 2147483 s (ping's limit). Throws UsageError naming `flag`.
Duration seconds_option(const std::string& flag, double value, bool zero_allowed);

}  // namespace netdiag::tools
