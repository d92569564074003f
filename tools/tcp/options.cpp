#include "tcp/options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/command_line.hpp"
#include "netdiag/core/version.hpp"

namespace netdiag::tools {
namespace {

// tcping and Windows ping try 4 times; -c 0 goes on until stopped.
constexpr std::uint64_t kPingModeCount = 4;
constexpr unsigned kScanRetries = 1;
constexpr std::size_t kMaxParallel = 4096;
// ping(8)'s floor for users: a connect() per endpoint faster than this is a flood.
constexpr double kMinUserIntervalSeconds = 0.002;

bool looks_like_ports(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789,-") == std::string::npos;
}

}  // namespace

std::vector<Port> parse_port_list(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return UsageError{fmt::format("ports {}: {}; give ports from 1 to 65535 as a list and ranges, e.g. 22,80,8000-8100",
                                  text, why)};
  };
  std::vector<Port> ports;
  std::set<std::uint16_t> seen;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const auto dash = item.find('-');
    const auto first = parse_unsigned(item.substr(0, dash));
    const auto last = dash == std::string::npos ? first : parse_unsigned(item.substr(dash + 1));
    if (!first || !last) throw bad(fmt::format("'{}' is not a port or a range", item));
    if (*first < 1 || *last > 65535 || *first > 65535) throw bad(fmt::format("'{}' is out of range", item));
    if (*first > *last) throw bad(fmt::format("the range '{}' runs backwards", item));
    for (unsigned port = *first; port <= *last; ++port)
      if (seen.insert(static_cast<std::uint16_t>(port)).second) ports.push_back(Port{static_cast<std::uint16_t>(port)});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return ports;
}

TcpCommand parse_tcp_options(int argc, const char* const* argv, bool privileged) {
  CLI::App app{"Connect to TCP ports and say exactly why each one is open or not.", "nd-tcp"};
  app.set_version_flag("-V,--version", fmt::format("nd-tcp (netdiag) {}", version()));
  app.get_formatter()->column_width(26);

  TcpOptions options;
  std::vector<std::string> operands;
  std::string port_option;
  std::optional<std::uint64_t> count;
  std::optional<double> interval;
  std::optional<double> timeout;
  std::optional<double> deadline;
  std::optional<int> parallel;
  std::optional<double> rate;
  std::optional<int> retries;
  std::string interface;
  bool ipv4 = false;
  bool ipv6 = false;
  bool numeric = false;
  bool json = false;
  bool ndjson = false;
  std::string color = "auto";

  app.add_option("operands", operands, "Hosts (names or addresses), then the ports: 22,80,8000-8100")
      ->required()
      ->type_name("HOST... PORTS");
  app.add_option("-p,--ports", port_option, "The ports, instead of the last operand")->type_name("PORTS");
  app.add_option("-c", count, "Attempts per port (default 4 for one host and port, else 1; 0: until stopped)")
      ->type_name("COUNT")
      ->check(whole_number);
  app.add_option("-i", interval, "Seconds between attempts to one port (default 1; under 0.002 needs root)")->type_name("SECONDS");
  app.add_option("-W", timeout, "Seconds to wait for an answer to one attempt (default 4)")->type_name("SECONDS");
  app.add_option("-w", deadline, "Stop after SECONDS whatever was answered")->type_name("SECONDS");
  app.add_option("--parallel", parallel, "Attempts in flight at once (default 256)")->type_name("N");
  app.add_option("--rate", rate, "At most N new attempts per second (default: no limit)")->type_name("N");
  app.add_option("--retries", retries, "More SYNs (fresh connects) for a silent port (default: 1 in a scan, 0 in ping mode)")->type_name("N");
  app.add_option("-I", interface, "Connect from this interface or source address")->type_name("IFACE|ADDR");
  app.add_flag("-4", ipv4, "IPv4 only");
  app.add_flag("-6", ipv6, "IPv6 only");
  app.add_flag("-q", options.quiet, "Quiet: print only the summary");
  app.add_flag("-n", numeric, "Numeric output (nd-tcp never looks names up; accepted as ping accepts it)");
  app.add_flag("--explain", options.explain, "Show each attempt's timeline and one sentence explaining the verdict");
  app.add_flag("--all", options.all, "List every port of a scan (default: more than 25 alike are counted)");
  app.add_flag("--json", json, "Print one JSON document when the run ends (schema netdiag.tcp/1)");
  app.add_flag("--ndjson", ndjson, "Print one JSON object per attempt as it ends, then the summary");
  app.add_option("--color", color, "Colour the text output: auto, always, never")->type_name("auto|always|never");

  if (auto print = parse_command_line(app, argc, argv, "nd-tcp",
                                        "give a host and the ports to test, e.g. nd-tcp 127.0.0.1 22,80"))
    return {std::nullopt, std::move(*print)};

  if (port_option.empty()) {
    if (operands.size() < 2 || !looks_like_ports(operands.back()))
      throw UsageError{fmt::format("give the ports to test after the host, e.g. nd-tcp {} 22,80 (or -p PORTS)",
                                   operands.front())};
    port_option = operands.back();
    operands.pop_back();
  }
  options.ports = parse_port_list(port_option);
  options.targets = operands;

  if (ipv4 && ipv6) throw UsageError{"-4 and -6 exclude each other; give one of them"};
  if (ipv4) options.family = Family::ipv4;
  if (ipv6) options.family = Family::ipv6;
  if (json && ndjson) throw UsageError{"--json and --ndjson exclude each other; give one of them"};
  options.format = json ? TcpOutput::json : ndjson ? TcpOutput::ndjson : TcpOutput::text;
  options.color = parse_color(color);

  options.ping_mode = options.targets.size() == 1 && options.ports.size() == 1;
  TcpConfig& engine = options.engine;
  engine.count = count.value_or(options.ping_mode ? kPingModeCount : 1);
  // A scan learns each host's RTT and stops waiting long for its silent ports; a ping waits -W.
  engine.adaptive_wait = !options.ping_mode;
  if (retries && (*retries < 0 || *retries > 10)) throw UsageError{fmt::format("--retries {}: give 0 to 10", *retries)};
  engine.retries = retries ? static_cast<unsigned>(*retries) : options.ping_mode ? 0 : kScanRetries;
  if (interval) {
    engine.interval = seconds_option("-i", *interval, true);
    if (*interval < kMinUserIntervalSeconds && !privileged)
      throw UsageError{fmt::format("-i {}: intervals under 2 ms are for root only, as with ping; use -i 0.002 or more",
                                   *interval)};
  }
  if (timeout) engine.timeout = seconds_option("-W", *timeout, false);
  if (deadline) engine.deadline = seconds_option("-w", *deadline, false);
  if (parallel) {
    if (*parallel < 1 || static_cast<std::size_t>(*parallel) > kMaxParallel)
      throw UsageError{fmt::format("--parallel {}: give 1 to {} attempts in flight", *parallel, kMaxParallel)};
    engine.parallel = static_cast<std::size_t>(*parallel);
  }
  if (rate) {
    if (!(*rate > 0) || *rate > 1e6)
      throw UsageError{fmt::format("--rate {}: give a number of attempts a second above 0, at most 1000000", *rate)};
    engine.spacing = seconds_option("--rate", 1.0 / *rate, false);
  }
  if (!interface.empty()) {
    if (const auto source = IpAddress::parse(interface)) options.connector.source = source;
    else options.connector.interface = interface;
  }
  return {std::move(options), {}};
}

}  // namespace netdiag::tools
