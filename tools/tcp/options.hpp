// nd-tcp's command line: HOST... PORTS, ping's -c -i -W -w -q -n -I -4 -6, plus -p, --parallel,
// --rate, --retries, --explain, --all, --json/--ndjson, --color.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/tool_main.hpp"
#include "netdiag/io/tcp_connector.hpp"
#include "netdiag/probe/tcp_engine.hpp"

namespace netdiag::tools {

enum class TcpOutput { text, json, ndjson };

struct TcpOptions {
  std::vector<std::string> targets;
  std::vector<Port> ports;
  std::optional<Family> family;   // -4 / -6
  TcpConfig engine;
  TcpConnectorOptions connector;  // -I IFACE|ADDR
  bool ping_mode = false;         // one host and one port
  TcpOutput format = TcpOutput::text;
  bool quiet = false;
  bool explain = false;
  bool all = false;
  ColorMode color = ColorMode::automatic;
};

struct TcpCommand {
  std::optional<TcpOptions> options;  // empty when only help or version was asked for
  std::string print;
};

// "22,80,8000-8100" into ports, in the order given, each once. Throws UsageError.
std::vector<Port> parse_port_list(const std::string& text);

// Parses argv (argv[0] included); `privileged` (root) allows -i under 2 ms, as ping does.
// Throws UsageError with a one-line message.
TcpCommand parse_tcp_options(int argc, const char* const* argv, bool privileged = false);

}  // namespace netdiag::tools
