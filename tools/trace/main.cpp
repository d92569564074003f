// nd-trace: traceroute with probes in parallel, one stable flow and adaptive waits.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <vector>

#include "common/resolve.hpp"
#include "common/tool_main.hpp"
#include "netdiag/io/reverse_resolver.hpp"
#include "netdiag/io/trace_runner.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/render/trace_json.hpp"
#include "netdiag/render/trace_text.hpp"
#include "trace/options.hpp"

namespace {

using namespace netdiag;
using namespace netdiag::tools;

// UDP and ICMP headers are both 8 bytes.
constexpr std::size_t kProbeHeaderBytes = 8;
// traceroute's probes carry 32 bytes of data: 60-byte packets over IPv4, 80 over IPv6.
constexpr std::size_t kDefaultDataBytes = 32;
// --mtu starts as big as an IP packet gets; the local stack answers with the interface MTU.
constexpr std::size_t kLargestPacket = 65535;
// How long the end of a trace waits for name lookups still running (the system resolver's own
// timeout is 5 s per try).
constexpr std::chrono::milliseconds kNameWait{2000};

int run(int argc, char** argv) {
  const auto command = parse_trace_options(argc, argv);
  if (!command.options) {
    fmt::print("{}", command.print);
    return kExitOk;
  }
  TraceOptions options = *command.options;
  auto family = options.family;
  if (!family && options.probe.source) family = options.probe.source->family();
  const IpAddress target = resolve_host(options.target, family);
  options.probe.target = target;
  const std::size_t headers = ip_header_bytes(target.family()) + kProbeHeaderBytes;
  TraceConfig& engine = options.engine;
  engine.check_packet_bytes = headers + kDefaultDataBytes;
  // The probe id needs two bytes of data.
  engine.packet_bytes = std::max(options.packet_length.value_or(engine.discover_mtu ? kLargestPacket
                                                                                     : engine.check_packet_bytes),
                                 headers + 2);

  // Sockets first (capabilities are dropped right after), then any output.
  std::optional<Unprivileged<IcmpSocket>> icmp_socket;
  std::optional<Unprivileged<UdpProbeSocket>> udp_socket;
  std::optional<Unprivileged<TcpProbeSocket>> tcp_socket;
  if (options.engine.method == TraceMethod::tcp) {
    const TcpProbeOptions tcp_options{target, options.probe.port, options.probe.interface, options.probe.source,
                                      options.probe.dont_fragment};
    tcp_socket.emplace(open_then_drop([&] { return TcpProbeSocket::open(tcp_options); }));
  } else if (options.engine.method == TraceMethod::icmp) {
    IcmpSocketOptions socket_options;
    socket_options.family = target.family();
    socket_options.interface = options.probe.interface;
    socket_options.source = options.probe.source;
    if (options.probe.dont_fragment) socket_options.pmtu = PmtuDiscovery::probe;
    icmp_socket.emplace(open_then_drop([&] { return IcmpSocket::open(socket_options); }));
  } else {
    udp_socket.emplace(open_then_drop([&] { return UdpProbeSocket::open(options.probe); }));
  }

  // Names are looked up on worker threads as addresses answer; probing never waits for them.
  std::optional<ReverseResolver> resolver;
  if (!options.numeric) resolver.emplace();
  const auto take_names = [&](TraceReport& report) {
    for (auto& [address, name] : resolver->take_finished()) report.names[address] = std::move(name);
  };

  TraceTextRenderer text(stdout);
  text.wait_for_names(resolver.has_value());
  text.show_mpls(options.extensions);
  TraceRunCallbacks callbacks;
  if (options.format == TraceOutput::text) {
    TraceReport header;
    header.target = options.target;
    header.address = target;
    header.max_ttl = options.engine.max_ttl.value;
    header.packet_bytes = engine.packet_bytes;
    header.mtu_discovery = engine.discover_mtu;
    header.method = engine.method;
    text.header(header);
    callbacks.on_probe = [&](const TraceReport& report, const ProbeResult& probe) {
      if (resolver && probe.from) resolver->request(*probe.from);
      text.progress(report);
    };
    if (resolver) {
      callbacks.wake_fd = resolver->notify_fd();
      callbacks.on_wake = [&](TraceReport& report) {
        take_names(report);
        text.progress(report);
      };
    }
  } else {
    callbacks.on_probe = [&](const TraceReport& report, const ProbeResult& probe) {
      if (resolver && probe.from) resolver->request(*probe.from);
      if (options.format != TraceOutput::ndjson) return;
      fmt::print("{}\n", render_trace_probe_ndjson(report, probe));
      std::fflush(stdout);
    };
  }

  TraceReport report = tcp_socket    ? run_trace(*tcp_socket, options.target, target, engine, callbacks)
                       : icmp_socket ? run_trace(*icmp_socket, options.target, target, engine, callbacks)
                                     : run_trace(*udp_socket, options.target, target, engine, callbacks);
  if (resolver) {
    // The trace is over; the last names get a moment before what is known is printed.
    resolver->wait_idle(kNameWait);
    take_names(report);
  }
  switch (options.format) {
    case TraceOutput::text: text.summary(report); break;
    case TraceOutput::json: fmt::print("{}\n", render_trace_json(report)); break;
    case TraceOutput::ndjson: fmt::print("{}\n", render_trace_summary_ndjson(report)); break;
  }
  return report.destination_reached ? kExitOk : kExitNoAnswer;
}

}  // namespace

int main(int argc, char** argv) {
  return netdiag::tools::run_tool("nd-trace", [&] { return run(argc, argv); });
}
