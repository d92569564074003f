#include "ping/options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "common/command_line.hpp"
#include "netdiag/core/version.hpp"

namespace netdiag::tools {
namespace {

// Largest ICMP data that fits one IPv4 datagram: 65535 - 20 (IP) - 8 (ICMP). ping(8) uses it.
constexpr int kMaxPayloadBytes = 65507;
constexpr double kMinUserIntervalSeconds = 0.002;
constexpr double kFloodIntervalSeconds = 0.010;
constexpr std::size_t kMaxPatternBytes = 16;

std::vector<std::byte> parse_pattern(const std::string& text) {
  if (text.empty() || text.size() > 2 * kMaxPatternBytes) {
    throw UsageError{fmt::format("-p {}: give 1 to {} bytes as hex digits, e.g. -p ff00", text, kMaxPatternBytes)};
  }
  std::vector<std::byte> bytes;
  // An odd count of digits reads as a leading zero, as ping does: "abc" is 0a bc.
  const std::string digits = text.size() % 2 == 1 ? "0" + text : text;
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    unsigned value = 0;
    for (std::size_t j = i; j < i + 2; ++j) {
      const char c = digits[j];
      unsigned nibble = 0;
      if (c >= '0' && c <= '9') nibble = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') nibble = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') nibble = static_cast<unsigned>(c - 'A' + 10);
      else throw UsageError{fmt::format("-p {}: '{}' is not a hex digit; use 0-9 and a-f, e.g. -p ff00", text, c)};
      value = value * 16 + nibble;
    }
    bytes.push_back(static_cast<std::byte>(value));
  }
  return bytes;
}

std::vector<std::byte> make_payload(std::size_t size, const std::vector<std::byte>& pattern) {
  std::vector<std::byte> payload(size);
  for (std::size_t i = 0; i < size; ++i) {
    payload[i] = pattern.empty() ? static_cast<std::byte>(i & 0xffU) : pattern[i % pattern.size()];
  }
  return payload;
}

std::uint8_t parse_tos(const std::string& text) {
  std::size_t used = 0;
  unsigned long value = 0;
  try {
    value = std::stoul(text, &used, 0);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value > 255) {
    throw UsageError{fmt::format("-Q {}: give a TOS byte from 0 to 255, decimal or 0x hex, e.g. -Q 0x10", text)};
  }
  return static_cast<std::uint8_t>(value);
}

}  // namespace

PingCommand parse_ping_options(int argc, const char* const* argv, bool privileged) {
  CLI::App app{"Send ICMP/ICMPv6 echo requests and report replies, loss and round-trip times.", "nd-ping"};
  app.set_version_flag("-V,--version", fmt::format("nd-ping (netdiag) {}", version()));
  app.get_formatter()->column_width(26);

  PingOptions options;
  std::optional<std::uint64_t> count;
  std::optional<double> interval;
  std::optional<double> linger;
  std::optional<double> deadline;
  int size = 56;
  std::optional<int> ttl;
  std::string pmtu;
  std::string interface;
  std::string pattern;
  std::string tos;
  bool ipv4 = false;
  bool ipv6 = false;
  bool json = false;
  bool ndjson = false;
  std::string color = "auto";

  app.add_option("targets", options.targets, "Host names or addresses to probe (several run concurrently)")
      ->required()
      ->type_name("TARGET");
  app.add_option("-c", count, "Stop after COUNT replies (or COUNT probes without -w)")->type_name("COUNT")->check(whole_number);
  app.add_option("-i", interval, "Seconds between probes (default 1; under 0.002 needs root)")->type_name("SECONDS");
  app.add_option("-W", linger, "Seconds to wait for a reply after the last probe (default 10)")->type_name("SECONDS");
  app.add_option("-w", deadline, "Stop after SECONDS whatever was sent or received")->type_name("SECONDS");
  app.add_option("-s", size, "ICMP data bytes per probe (default 56)")->type_name("BYTES");
  app.add_option("-t", ttl, "IP time to live / IPv6 hop limit")->type_name("TTL");
  app.add_option("-M", pmtu, "Path-MTU discovery: do (set DF, never fragment), want, dont")->type_name("do|want|dont");
  app.add_option("-I", interface, "Send from this interface or source address")->type_name("IFACE|ADDR");
  app.add_option("-p", pattern, "Fill the data with this hex byte pattern (up to 16 bytes)")->type_name("HEX");
  app.add_option("-Q", tos, "IPv4 TOS / IPv6 traffic class byte")->type_name("TOS");
  app.add_flag("-4", ipv4, "IPv4 only");
  app.add_flag("-6", ipv6, "IPv6 only");
  app.add_flag("-q", options.quiet, "Quiet: print only the header and the summary");
  app.add_flag("-n", options.numeric, "Numeric output: addresses only, no names");
  app.add_flag("-D", options.timestamps, "Print the UNIX time before each line");
  app.add_flag("-O", options.engine.report_outstanding, "Report a probe still unanswered when the next goes out");
  app.add_flag("-f", options.engine.flood, "Flood: a probe as soon as the last is answered, at least 100/s (root)");
  app.add_flag("--json", json, "Print one JSON document when the run ends (schema netdiag.ping/1)");
  app.add_flag("--ndjson", ndjson, "Print one JSON object per event as it happens, then the summary");
  app.add_option("--color", color, "Colour the text output: auto, always, never")->type_name("auto|always|never");

  if (auto print = parse_command_line(app, argc, argv, "nd-ping",
                                        "give a host name or address to probe, e.g. nd-ping -c 3 127.0.0.1"))
    return {std::nullopt, std::move(*print)};

  if (ipv4 && ipv6) throw UsageError{"-4 and -6 exclude each other; give one of them"};
  if (ipv4) options.family = Family::ipv4;
  if (ipv6) options.family = Family::ipv6;
  if (json && ndjson) throw UsageError{"--json and --ndjson exclude each other; give one of them"};
  options.format = json ? OutputFormat::json : ndjson ? OutputFormat::ndjson : OutputFormat::text;
  options.color = parse_color(color);

  auto& engine = options.engine;
  if (count) {
    if (*count == 0) throw UsageError{"-c 0: give a count of at least 1, e.g. -c 5"};
    engine.count = count;
  }
  if (interval) {
    engine.interval = seconds_option("-i", *interval, true);
    if (*interval < kMinUserIntervalSeconds && !privileged) {
      throw UsageError{fmt::format("-i {}: intervals under 2 ms are for root only, as with ping; use -i 0.002 or more",
                                   *interval)};
    }
  } else if (engine.flood) {
    engine.interval = seconds_option("-i", kFloodIntervalSeconds, true);
  }
  if (engine.flood && !privileged) {
    throw UsageError{"-f: flooding is for root only, as with ping; use -i 0.002 for a fast run instead"};
  }
  if (linger) engine.linger = seconds_option("-W", *linger, false);
  if (deadline) engine.deadline = seconds_option("-w", *deadline, false);
  if (size < 0 || size > kMaxPayloadBytes) {
    throw UsageError{fmt::format("-s {}: give a data size from 0 to {} bytes", size, kMaxPayloadBytes)};
  }
  engine.payload = make_payload(static_cast<std::size_t>(size), pattern.empty() ? std::vector<std::byte>{}
                                                                                 : parse_pattern(pattern));
  if (ttl) {
    if (*ttl < 1 || *ttl > 255) throw UsageError{fmt::format("-t {}: give a TTL from 1 to 255", *ttl)};
    options.socket.ttl = Ttl{static_cast<std::uint8_t>(*ttl)};
  }
  if (!pmtu.empty()) {
    if (pmtu == "do") options.socket.pmtu = PmtuDiscovery::do_not_fragment;
    else if (pmtu == "want") options.socket.pmtu = PmtuDiscovery::want;
    else if (pmtu == "dont") options.socket.pmtu = PmtuDiscovery::dont;
    else throw UsageError{fmt::format("-M {}: use do, want or dont", pmtu)};
  }
  if (!tos.empty()) options.socket.tos = parse_tos(tos);
  if (!interface.empty()) {
    if (const auto source = IpAddress::parse(interface)) options.socket.source = source;
    else options.socket.interface = interface;
  }
  return {std::move(options), {}};
}

}  // namespace netdiag::tools
