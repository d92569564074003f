// How every tool turns CLI11's outcomes into netdiag's: help and version are text to print,
// anything wrong with the command line is one UsageError line that says what to do.
#pragma once

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "common/tool_main.hpp"
#include "netdiag/core/version.hpp"

namespace netdiag::tools {

// Parses argv into `app`. Returns the text to print instead of running (--help, --version);
// throws UsageError with `missing_operand` when a required operand is missing, and with CLI11's
// message otherwise.
inline std::optional<std::string> parse_command_line(CLI::App& app, int argc, const char* const* argv,
                                                     std::string_view tool, std::string_view missing_operand) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return app.help();
  } catch (const CLI::CallForVersion&) {
    return fmt::format("{} (netdiag) {}\n", tool, version());
  } catch (const CLI::RequiredError&) {
    throw UsageError{fmt::format("{}; see {} --help", missing_operand, tool)};
  } catch (const CLI::ParseError& error) {
    throw UsageError{fmt::format("{}; see {} --help", error.what(), tool)};
  }
  return std::nullopt;
}

}  // namespace netdiag::tools
