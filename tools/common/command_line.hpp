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

// Every option `app` accepts, a line each: "NAMES<TAB>VALUE<TAB>DESCRIPTION", NAMES comma-separated
// ("-V,--version"), VALUE the option's value name ("-" for a flag; "do|want|dont" lists the
// choices). `TOOL --list-options` prints it: the completion scripts are generated from it
// (scripts/gen-completions) and the tests check them and the man pages against it.
inline std::string option_list(const CLI::App& app) {
  std::string out;
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional()) continue;
    std::string names;
    for (const std::string& name : option->get_snames()) names += (names.empty() ? "-" : ",-") + name;
    for (const std::string& name : option->get_lnames()) names += (names.empty() ? "--" : ",--") + name;
    const std::string value = option->get_type_name().empty() ? "-" : option->get_type_name();  // flags have none
    out += fmt::format("{}\t{}\t{}\n", names, value, option->get_description());
  }
  return out;
}

// For options that count: CLI11 reads "-1" into an unsigned option as 2^64 - 1, a count without
// end, so these take digits only.
inline const CLI::Validator whole_number{
    [](std::string& value) -> std::string {
      if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos) return {};
      return "'" + value + "' is not a whole number; give 0 or more, e.g. 5";
    },
    "", "whole number"};

// Parses argv into `app`. Returns the text to print instead of running (--help, --version,
// --list-options alone);
// throws UsageError with `missing_operand` when a required operand is missing, and with CLI11's
// message otherwise.
inline std::optional<std::string> parse_command_line(CLI::App& app, int argc, const char* const* argv,
                                                     std::string_view tool, std::string_view missing_operand) {
  if (argc == 2 && std::string_view(argv[1]) == "--list-options") return option_list(app);
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
