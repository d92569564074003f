// nd-ping: ICMP/ICMPv6 echo to one or many targets, iputils ping(8) flags, text/JSON/NDJSON.
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "common/resolve.hpp"
#include "common/tool_main.hpp"
#include "netdiag/io/ping_runner.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/render/ping_json.hpp"
#include "netdiag/render/ping_text.hpp"
#include "ping/options.hpp"

namespace {

using namespace netdiag;
using namespace netdiag::tools;

int run(int argc, char** argv) {
  const auto command = parse_ping_options(argc, argv, ::geteuid() == 0);
  if (!command.options) {
    fmt::print("{}", command.print);
    return kExitOk;
  }
  const PingOptions& options = *command.options;

  auto family = options.family;
  if (!family && options.socket.source) family = options.socket.source->family();
  std::vector<PingTarget> targets;
  for (const auto& name : options.targets) targets.push_back({name, resolve_host(name, family)});

  // Sockets first, while any capability is still there; everything after runs with none.
  auto sockets = open_then_drop([&] {
    std::vector<IcmpSocket> opened;
    for (const auto& target : targets) {
      IcmpSocketOptions socket_options = options.socket;
      socket_options.family = target.address.family();
      opened.push_back(IcmpSocket::open(socket_options));
    }
    return opened;
  });

  PingTextRenderer text(stdout, {options.quiet, options.timestamps, options.engine.flood,
                                 use_color(options.color, STDOUT_FILENO), options.numeric});
  PingRunCallbacks callbacks;
  if (options.format == OutputFormat::text) {
    for (const auto& target : targets) {
      PingReport header;
      header.target = target.name;
      header.address = target.address;
      header.payload_bytes = options.engine.payload.size();
      text.header(header);
    }
    callbacks.on_event = [&](const PingReport& report, const PingEvent& event) { text.event(report, event); };
    callbacks.on_finished = [&](const PingReport& report) {
      if (targets.size() > 1) std::fputc('\n', stdout);
      text.summary(report);
    };
  } else if (options.format == OutputFormat::ndjson) {
    callbacks.on_event = [](const PingReport& report, const PingEvent& event) {
      if (const auto line = render_ping_event_ndjson(report, event)) {
        fmt::print("{}\n", *line);
        std::fflush(stdout);
      }
    };
    callbacks.on_finished = [](const PingReport& report) {
      fmt::print("{}\n", render_ping_summary_ndjson(report));
      std::fflush(stdout);
    };
  }

  // Text output prints every reply as it comes; only a JSON summary needs them all kept.
  PingConfig engine = options.engine;
  engine.keep_records = options.format != OutputFormat::text;
  const auto reports = run_ping(sockets, targets, engine, callbacks);
  if (options.format == OutputFormat::json) fmt::print("{}\n", render_ping_json(reports));
  int status = kExitOk;
  for (const auto& report : reports) status = std::max(status, exit_status(report));
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  return netdiag::tools::run_tool("nd-ping", [&] { return run(argc, argv); });
}
