// nd-tcp: connect to TCP ports and say exactly why each one is open, closed, filtered or
// unreachable — ping-like for one port, a concurrent scan for many.
#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <cstdio>
#include <vector>

#include "common/resolve.hpp"
#include "common/tool_main.hpp"
#include "netdiag/io/tcp_runner.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/render/tcp_json.hpp"
#include "netdiag/render/tcp_text.hpp"
#include "tcp/options.hpp"

namespace {

using namespace netdiag;
using namespace netdiag::tools;

// Descriptors besides the attempts' sockets: stdio, epoll, netlink, the event loop's own.
constexpr rlim_t kSpareDescriptors = 32;

// Each attempt in flight holds a socket: raise the soft descriptor limit to fit the window,
// or shrink the window to fit the hard limit.
std::size_t fit_window(std::size_t parallel) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return parallel;
  const rlim_t wanted = static_cast<rlim_t>(parallel) + kSpareDescriptors;
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  if (limit.rlim_cur <= kSpareDescriptors) return 1;
  return std::min<std::size_t>(parallel, static_cast<std::size_t>(limit.rlim_cur - kSpareDescriptors));
}

int run(int argc, char** argv) {
  const auto command = parse_tcp_options(argc, argv, ::geteuid() == 0);
  if (!command.options) {
    fmt::print("{}", command.print);
    return kExitOk;
  }
  TcpOptions options = *command.options;
  auto family = options.family;
  if (options.connector.source) {
    const Family source = options.connector.source->family();
    if (family && *family != source)
      throw UsageError{fmt::format("-I {} is an {} address and -{} asks for {}; drop one of them",
                                   options.connector.source->to_string(), to_string(source),
                                   *family == Family::ipv4 ? '4' : '6', to_string(*family))};
    family = source;
  }

  TcpReport report;
  report.ping_mode = options.ping_mode;
  report.ports = options.ports;
  for (const auto& name : options.targets) report.targets.push_back({name, resolve_host(name, family)});
  // Ping mode's text and NDJSON print each attempt as it ends: an endless run keeps none (the
  // NDJSON summary then has the counts and statistics, and no attempts[]).
  report.keep_attempts = !(options.ping_mode && options.format != TcpOutput::json);
  std::vector<TcpEndpoint> endpoints;
  for (std::size_t target = 0; target < report.targets.size(); ++target)
    for (const Port port : report.ports) endpoints.push_back({target, report.targets[target].address, port});
  options.engine.parallel = fit_window(options.engine.parallel);

  // nd-tcp needs no capability; --explain's packet capture uses CAP_NET_RAW when there is one.
  // Everything is dropped before the first connect().
  options.connector.explain = options.explain;
  auto connector = open_then_drop([&] {
    std::optional<PacketCapture> capture;
    if (options.explain) {
      if (auto opened = PacketCapture::open()) capture.emplace(std::move(*opened));
    }
    return TcpConnector::open(options.connector, std::move(capture));
  });
  if (options.explain && !connector.get().capturing())
    fmt::print(stderr,
               "nd-tcp: --explain without CAP_NET_RAW shows what the kernel reported, not the packets; for the "
               "packets {}\n",
               net_raw_grant_hint());

  TcpTextRenderer text(stdout, {options.quiet, options.explain, options.all, use_color(options.color, STDOUT_FILENO)});
  TcpRunCallbacks callbacks;
  if (options.format == TcpOutput::text) {
    text.header(report);
    callbacks.on_attempt = [&](const TcpReport& running, const TcpAttempt& attempt) { text.attempt(running, attempt); };
  } else if (options.format == TcpOutput::ndjson) {
    callbacks.on_attempt = [](const TcpReport& running, const TcpAttempt& attempt) {
      fmt::print("{}\n", render_tcp_attempt_ndjson(running, attempt));
      std::fflush(stdout);
    };
  }
  report = run_tcp(connector, std::move(report), std::move(endpoints), options.engine, callbacks);
  switch (options.format) {
    case TcpOutput::text: text.summary(report); break;
    case TcpOutput::json: fmt::print("{}\n", render_tcp_json(report)); break;
    case TcpOutput::ndjson: fmt::print("{}\n", render_tcp_summary_ndjson(report)); break;
  }
  return exit_status(report);
}

}  // namespace

int main(int argc, char** argv) {
  return netdiag::tools::run_tool("nd-tcp", [&] { return run(argc, argv); });
}
