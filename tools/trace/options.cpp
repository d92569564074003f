#include "trace/options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>

#include "common/command_line.hpp"
#include "netdiag/core/version.hpp"

namespace netdiag::tools {
namespace {

constexpr unsigned kMaxProbesPerHop = 10;
constexpr unsigned kMaxInFlight = 255;

// -w MAX[,HERE,NEAR] as traceroute(8): seconds, then two multipliers.
TraceWaits parse_waits(const std::string& text) {
  TraceWaits waits;
  std::vector<double> values;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::size_t used = 0;
    double value = -1;
    try {
      value = std::stod(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != part.size() || part.empty() || !std::isfinite(value) || value < 0 || value > 3600) {
      throw UsageError{fmt::format("-w {}: give MAX[,HERE,NEAR] as non-negative numbers, e.g. -w 5,3,10", text)};
    }
    values.push_back(value);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (values.empty() || values.size() > 3 || values[0] == 0) {
    throw UsageError{fmt::format("-w {}: give MAX[,HERE,NEAR] with MAX above 0, e.g. -w 5,3,10", text)};
  }
  waits.max = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(values[0]));
  if (values.size() > 1) waits.here = values[1];
  if (values.size() > 2) waits.near = values[2];
  return waits;
}

}  // namespace

TraceCommand parse_trace_options(int argc, const char* const* argv) {
  CLI::App app{"Trace the path to a host: every router on the way, with times, in parallel.", "nd-trace"};
  app.get_formatter()->column_width(26);
  TraceOptions options;
  int first_ttl = 1;
  int max_ttl = 30;
  int probes = 3;
  int in_flight = 16;
  std::optional<int> port;
  unsigned max_unknown = 5;
  std::string waits;
  std::string source;
  std::optional<std::string> packet_length;  // text: a stray word here is named, not "could not convert"
  bool ipv4 = false;
  bool ipv6 = false;
  bool udp = false;
  bool icmp = false;
  bool tcp = false;
  bool json = false;
  bool ndjson = false;
  bool mtu = false;

  app.add_option("host", options.target, "Host name or address to trace")->required()->type_name("HOST");
  app.add_option("packetlen", packet_length,
                 "Probe size in bytes, IP header included (default 60, IPv6 80; --mtu: where to start, 65535)")
      ->type_name("BYTES");
  app.add_option("-f,--first", first_ttl, "TTL of the first hop to probe (default 1)")->type_name("TTL");
  app.add_option("-m,--max-hops", max_ttl, "Largest TTL to probe (default 30)")->type_name("TTL");
  app.add_option("-q,--queries", probes, "Probes per hop (default 3)")->type_name("N");
  app.add_option("-N,--sim-queries", in_flight, "Probes in flight at once (default 16)")->type_name("N");
  app.add_option("-w,--wait", waits, "Wait MAX seconds, HERE x this hop's RTT, NEAR x a later hop's (5,3,10)")
      ->type_name("MAX[,HERE,NEAR]");
  app.add_option("-p,--port", port, "Destination port of every probe (UDP 33434, TCP 80)")
      ->type_name("PORT");
  app.add_option("-i,--interface", options.probe.interface, "Send from this interface")->type_name("IFACE");
  app.add_option("-s,--source", source, "Send from this source address")->type_name("ADDR");
  app.add_option("--max-unknown", max_unknown, "Give up after this many silent hops in a row (default 5; 0: never)")
      ->type_name("N");
  app.add_flag("-F,--dont-fragment", options.probe.dont_fragment, "Set the DF bit");
  app.add_flag("--classic", options.probe.classic,
               "A new destination port per probe, as traceroute (default: one flow for all, Paris-style)");
  app.add_flag("--mtu", mtu,
               "Discover the path MTU: DF probes from the interface MTU down, \"pmtu N\" where it drops, "
               "black holes found");
  app.add_flag("-U,--udp", udp, "UDP probes (the default)");
  app.add_flag("-I,--icmp", icmp, "ICMP echo probes (a ping socket, or a raw one with CAP_NET_RAW)");
  app.add_flag("-T,--tcp", tcp, "TCP SYN probes (a raw socket with CAP_NET_RAW, else one connect() per probe)");
  app.add_flag("-n", options.numeric, "Numeric output: no reverse name lookups");
  app.add_flag("-e,--extensions", options.extensions, "Show the MPLS label stacks routers quote (RFC 4950)");
  app.add_flag("-4", ipv4, "IPv4 only");
  app.add_flag("-6", ipv6, "IPv6 only");
  app.add_flag("--json", json, "Print one JSON document when the trace ends (schema netdiag.trace/1)");
  app.add_flag("--ndjson", ndjson, "Print one JSON object per probe as it happens, then the summary");
  app.set_version_flag("-V,--version", fmt::format("nd-trace (netdiag) {}", version()));

  if (auto print = parse_command_line(app, argc, argv, "nd-trace",
                                        "give a host name or address to trace, e.g. nd-trace 198.18.2.2"))
    return {std::nullopt, std::move(*print)};

  if (ipv4 && ipv6) throw UsageError{"-4 and -6 exclude each other; give one of them"};
  if (static_cast<int>(udp) + static_cast<int>(icmp) + static_cast<int>(tcp) > 1)
    throw UsageError{"-U, -I and -T exclude each other; give one method"};
  options.engine.method = icmp ? TraceMethod::icmp : tcp ? TraceMethod::tcp : TraceMethod::udp;
  // A TCP destination meets a second SYN of a flow it has answered with silence, and connect()
  // SYNs have the kernel's size: path-MTU discovery takes UDP or ICMP probes.
  if (mtu && tcp) throw UsageError{"--mtu takes UDP or ICMP probes, not -T; drop one of them"};
  if (options.probe.classic && (icmp || tcp))
    throw UsageError{"--classic changes the UDP port per probe; it takes UDP probes, not -I or -T"};
  options.engine.discover_mtu = mtu;
  if (mtu) options.probe.dont_fragment = true;
  if (ipv4) options.family = Family::ipv4;
  if (ipv6) options.family = Family::ipv6;
  if (json && ndjson) throw UsageError{"--json and --ndjson exclude each other; give one of them"};
  options.format = json ? TraceOutput::json : ndjson ? TraceOutput::ndjson : TraceOutput::text;
  if (max_ttl < 1 || max_ttl > 255) throw UsageError{fmt::format("-m {}: give a TTL from 1 to 255", max_ttl)};
  if (first_ttl < 1 || first_ttl > max_ttl) {
    throw UsageError{fmt::format("-f {}: give a first TTL from 1 to the maximum ({})", first_ttl, max_ttl)};
  }
  if (probes < 1 || probes > static_cast<int>(kMaxProbesPerHop)) {
    throw UsageError{fmt::format("-q {}: give 1 to {} probes per hop", probes, kMaxProbesPerHop)};
  }
  if (in_flight < 1 || in_flight > static_cast<int>(kMaxInFlight)) {
    throw UsageError{fmt::format("-N {}: give 1 to {} probes in flight", in_flight, kMaxInFlight)};
  }
  if (port && (*port < 1 || *port > 65535))
    throw UsageError{fmt::format("-p {}: give a port from 1 to 65535", *port)};
  auto& engine = options.engine;
  engine.first_ttl = Ttl{static_cast<std::uint8_t>(first_ttl)};
  engine.max_ttl = Ttl{static_cast<std::uint8_t>(max_ttl)};
  engine.probes_per_hop = static_cast<unsigned>(probes);
  engine.max_in_flight = static_cast<unsigned>(in_flight);
  engine.max_unknown = max_unknown;
  if (!waits.empty()) engine.waits = parse_waits(waits);
  // traceroute's defaults: the first port of its UDP range; HTTP for TCP (traceroute -T).
  options.probe.port = Port{static_cast<std::uint16_t>(port.value_or(tcp ? 80 : 33434))};
  if (!source.empty()) {
    const auto address = IpAddress::parse(source);
    if (!address) throw UsageError{fmt::format("-s {}: give an IPv4 or IPv6 address", source)};
    options.probe.source = address;
  }
  if (packet_length) {
    const auto bytes = parse_unsigned(*packet_length);
    if (!bytes || *bytes > 65535)
      throw UsageError{fmt::format("packetlen {}: give a size from 0 to 65535 bytes", *packet_length)};
    options.packet_length = *bytes;
  }
  return {std::move(options), {}};
}

}  // namespace netdiag::tools
