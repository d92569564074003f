// nd-trace's command line: traceroute(8) flags and meanings, plus --json/--ndjson.
#pragma once

#include <optional>
#include <string>

#include "common/tool_main.hpp"
#include "netdiag/io/udp_probe_socket.hpp"
#include "netdiag/probe/trace_engine.hpp"

namespace netdiag::tools {

enum class TraceOutput { text, json, ndjson };

struct TraceOptions {
  std::string target;
  std::optional<Family> family;  // -4 / -6
  TraceConfig engine;            // -f -m -q -N -w --max-unknown --mtu
  UdpProbeOptions probe;         // -p -F -i -s (target filled in later)
  std::optional<std::size_t> packet_length;  // traceroute's second operand: whole IP packet
  TraceOutput format = TraceOutput::text;
  bool numeric = false;     // -n: no reverse name lookups
  bool extensions = false;  // -e: MPLS label stacks in the text
};

struct TraceCommand {
  std::optional<TraceOptions> options;  // empty when only help or version was asked for
  std::string print;
};

// Parses argv (argv[0] included). Throws UsageError with a one-line message.
TraceCommand parse_trace_options(int argc, const char* const* argv);

}  // namespace netdiag::tools
