// nd-ping's command line: iputils ping(8) flags and meanings, plus --json/--ndjson/--color.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/tool_main.hpp"
#include "netdiag/io/icmp_socket.hpp"
#include "netdiag/probe/ping_engine.hpp"

namespace netdiag::tools {

enum class OutputFormat { text, json, ndjson };

struct PingOptions {
  std::vector<std::string> targets;
  std::optional<Family> family;  // -4 / -6
  PingConfig engine;             // -c -i -W -w -f -O, payload from -s and -p
  IcmpSocketOptions socket;      // -t -Q -M -I (family set per target)
  bool quiet = false;            // -q
  bool numeric = false;          // -n
  bool timestamps = false;       // -D
  OutputFormat format = OutputFormat::text;
  ColorMode color = ColorMode::automatic;
};

// What parse_ping_options() decided.
struct PingCommand {
  std::optional<PingOptions> options;  // empty when only help or version was asked for
  std::string print;                   // help or version text to print, exit 0
};

// Parses argv (argv[0] included). `privileged` is whether the caller may flood and use intervals
// under 2 ms (iputils allows that to root only). Throws UsageError with a one-line message.
PingCommand parse_ping_options(int argc, const char* const* argv, bool privileged);

}  // namespace netdiag::tools
