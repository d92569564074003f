#include "arp/options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <set>

#include "common/command_line.hpp"
#include "netdiag/io/text_file.hpp"
#include "netdiag/core/version.hpp"

namespace netdiag::tools {
namespace {

// arp-scan's defaults: 2 ms between requests, 500 ms for the first answer, two tries.
constexpr double kScanIntervalSeconds = 0.002;
constexpr unsigned kScanRetries = 1;
constexpr int kMaxRetries = 10;
constexpr unsigned kShortestPrefix = 16;
constexpr Duration kLingerFloor = std::chrono::milliseconds(250);
// A file of scan items: a /16 written out one address a line is about 1 MB.
constexpr std::size_t kMaxScanFileBytes = 16 << 20;

std::uint32_t to_number(const IpAddress& address) {
  const auto bytes = address.bytes();
  return (std::to_integer<std::uint32_t>(bytes[0]) << 24) | (std::to_integer<std::uint32_t>(bytes[1]) << 16) |
         (std::to_integer<std::uint32_t>(bytes[2]) << 8) | std::to_integer<std::uint32_t>(bytes[3]);
}

IpAddress from_number(std::uint32_t number) {
  return IpAddress::v4({std::byte(number >> 24), std::byte(number >> 16), std::byte(number >> 8), std::byte(number)});
}

std::optional<IpAddress> parse_ipv4(std::string_view text) {
  auto address = IpAddress::parse(text);
  if (!address || address->family() != Family::ipv4) return std::nullopt;
  return address;
}

std::vector<IpAddress> address_range(std::uint32_t first, std::uint32_t last, const std::string& text) {
  if (first > last) throw UsageError{fmt::format("--scan {}: the range runs backwards; give the lower address first", text)};
  if (last - first >= kMaxScanAddresses)
    throw UsageError{fmt::format("--scan {}: {} addresses is more than a scan covers (at most {}, a /16)", text,
                                 std::uint64_t{last} - first + 1, kMaxScanAddresses)};
  std::vector<IpAddress> addresses;
  addresses.reserve(last - first + 1);
  for (std::uint64_t number = first; number <= last; ++number) addresses.push_back(from_number(static_cast<std::uint32_t>(number)));
  return addresses;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::uint32_t prefix_mask(unsigned prefix_length) {
  return prefix_length == 0 ? 0 : ~std::uint32_t{0} << (32 - std::min(prefix_length, 32U));
}

}  // namespace

IpAddress network_of(const IpAddress& address, unsigned prefix_length) {
  return from_number(to_number(address) & prefix_mask(prefix_length));
}

std::optional<std::vector<IpAddress>> parse_scan_item(const std::string& text) {
  if (const auto slash = text.find('/'); slash != std::string::npos) {
    const auto network = parse_ipv4(text.substr(0, slash));
    const auto prefix = parse_unsigned(std::string_view(text).substr(slash + 1));
    if (!network || !prefix) return std::nullopt;
    if (*prefix > 32) throw UsageError{fmt::format("--scan {}: a prefix length is 0 to 32", text)};
    if (*prefix < kShortestPrefix)
      throw UsageError{fmt::format("--scan {}: a /{} is more than a scan covers; give /{} or longer", text, *prefix,
                                   kShortestPrefix)};
    const std::uint32_t first = to_number(network_of(*network, *prefix));
    const std::uint32_t last = first | ~prefix_mask(*prefix);
    // Nobody owns a subnet's network and broadcast addresses (RFC 3021 makes /31 the exception).
    if (*prefix <= 30) return address_range(first + 1, last - 1, text);
    return address_range(first, last, text);
  }
  if (const auto dash = text.find('-'); dash != std::string::npos) {
    const auto first = parse_ipv4(text.substr(0, dash));
    if (!first) return std::nullopt;
    const std::string tail = text.substr(dash + 1);
    auto last = parse_ipv4(tail);
    if (!last) {
      // "198.18.5.10-20": the last octet only.
      const auto octet = parse_unsigned(tail);
      if (!octet || *octet > 255) return std::nullopt;
      last = from_number((to_number(*first) & 0xffffff00U) | *octet);
    }
    return address_range(to_number(*first), to_number(*last), text);
  }
  if (const auto single = parse_ipv4(text)) return std::vector<IpAddress>{*single};
  return std::nullopt;
}

std::vector<IpAddress> parse_scan_targets(const std::string& spec) {
  std::vector<IpAddress> targets;
  std::set<IpAddress> seen;
  const auto add = [&](const std::vector<IpAddress>& addresses) {
    for (const auto& address : addresses) {
      if (!seen.insert(address).second) continue;
      if (targets.size() == kMaxScanAddresses)
        throw UsageError{fmt::format("--scan {}: more than {} addresses; split the scan", spec, kMaxScanAddresses)};
      targets.push_back(address);
    }
  };
  std::vector<std::vector<IpAddress>> items;
  bool all_items = !spec.empty();
  for (std::size_t start = 0; all_items && start <= spec.size();) {
    const auto comma = spec.find(',', start);
    auto item = parse_scan_item(trim(spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (!item) all_items = false;
    else items.push_back(std::move(*item));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (all_items) {
    for (const auto& item : items) add(item);
    return targets;
  }
  const auto text = read_text_file(spec, kMaxScanFileBytes);
  if (!text && text.error() == TextFileError::too_large)
    throw UsageError{fmt::format("--scan {}: the file is over {} MiB; a scan covers at most a /16", spec,
                                 kMaxScanFileBytes >> 20)};
  if (!text)
    throw UsageError{fmt::format("--scan {}: not an address, a CIDR (198.18.5.0/24), a range (198.18.5.10-20) or a "
                                 "readable file of those",
                                 spec)};
  std::istringstream lines(*text);
  std::string line;
  for (unsigned number = 1; std::getline(lines, line); ++number) {
    const std::string item = trim(line.substr(0, line.find('#')));
    if (item.empty()) continue;
    const auto addresses = parse_scan_item(item);
    if (!addresses)
      throw UsageError{fmt::format("{} line {}: '{}' is not an address, a CIDR or a range", spec, number, item)};
    add(*addresses);
  }
  if (targets.empty()) throw UsageError{fmt::format("--scan {}: the file names no address", spec)};
  return targets;
}

ArpCommand parse_arp_options(int argc, const char* const* argv) {
  CLI::App app{"Send ARP requests to neighbours: ping one, check an address is free, announce one, or sweep a subnet.",
               "nd-arp"};
  app.set_version_flag("-V,--version", fmt::format("nd-arp (netdiag) {}", version()));
  app.get_formatter()->column_width(26);

  ArpOptions options;
  std::vector<std::string> operands;
  std::optional<std::uint64_t> count;
  std::optional<double> interval;
  std::optional<double> deadline;
  std::optional<double> scan_wait;
  std::optional<int> retries;
  std::string source;
  bool dad = false;
  bool unsolicited = false;
  bool advert = false;
  bool fast = false;
  bool ipv4 = false;
  bool ipv6 = false;
  bool numeric = false;
  bool json = false;
  bool ndjson = false;
  std::string color = "auto";
  ArpConfig& engine = options.engine;

  app.add_option("destination", operands, "The neighbour to ask for (a name or an IPv4 address)")
      ->type_name("DESTINATION")
      ->expected(0, 1);
  app.add_option("-c", count, "Stop after COUNT requests (with -w: after COUNT replies)")->type_name("COUNT")->check(whole_number);
  app.add_option("-w", deadline, "Stop after SECONDS whatever happened")->type_name("SECONDS");
  app.add_option("-i", interval, "Seconds between requests (default 1; in a scan 0.002)")->type_name("SECONDS");
  app.add_option("-I", options.interface, "The interface (default: the one the route to the destination uses)")
      ->type_name("IFACE");
  app.add_option("-s", source, "The sender address of the requests (default: the interface's)")->type_name("ADDR");
  app.add_flag("-D", dad, "Duplicate address detection (RFC 5227): exit 0 when nobody has the address");
  app.add_flag("--fast", fast, "With -D: 3 probes 100 ms apart and 0.5 s for answers, not RFC 5227's 4 to 7 s");
  app.add_flag("-U", unsolicited, "Announce the address with gratuitous ARP requests (no replies expected)");
  app.add_flag("-A", advert, "Announce the address with gratuitous ARP replies");
  app.add_flag("-b", engine.broadcast_only, "Keep broadcasting (default: unicast to the MAC that replied first)");
  app.add_flag("-f", engine.finish_on_reply, "Finish at the first reply");
  app.add_option("--scan", options.scan, "Sweep addresses: a CIDR, a range (198.18.5.10-20), a list, or a file")
      ->type_name("SPEC");
  app.add_flag("--localnet", options.localnet, "Sweep the interface's own subnet");
  app.add_option("-W,--timeout", scan_wait, "Scan: seconds to wait for an answer to the first try (default 0.5)")
      ->type_name("SECONDS");
  app.add_option("--retries", retries, "Scan: more tries for a silent address, each 1.5 times longer (default 1)")
      ->type_name("N");
  app.add_option("--oui-file", options.oui_file, "MAC vendor list (default: the ieee-data package's registries)")
      ->type_name("FILE");
  app.add_flag("-4", ipv4, "IPv4 (ARP is IPv4 only; accepted for symmetry)");
  app.add_flag("-6", ipv6, "Refused: IPv6 has neighbour discovery, not ARP");
  app.add_flag("-n", numeric, "Numeric output (nd-arp never looks names up; accepted as arping users type it)");
  app.add_flag("-q", options.quiet, "Quiet: no text output, the exit status tells (--json still prints)");
  app.add_flag("--json", json, "Print one JSON document when the run ends (schema netdiag.arp/1)");
  app.add_flag("--ndjson", ndjson, "Print one JSON object per answer as it comes, then the summary");
  app.add_option("--color", color, "Colour the text output: auto, always, never")->type_name("auto|always|never");

  if (auto print = parse_command_line(app, argc, argv, "nd-arp",
                                        "give a neighbour to ask for, e.g. nd-arp -I eth0 198.18.5.1, or --scan"))
    return {std::nullopt, std::move(*print)};

  const bool scanning = !options.scan.empty() || options.localnet;
  if (ipv6) throw UsageError{"-6: ARP is IPv4 only; IPv6 neighbours answer neighbour discovery (try nd-ping -6)"};
  if (!options.scan.empty() && options.localnet) throw UsageError{"--scan and --localnet exclude each other; give one"};
  if (scanning && !operands.empty())
    throw UsageError{fmt::format("{} and a destination ({}) exclude each other; give one",
                                 options.localnet ? "--localnet" : "--scan", operands.front())};
  if (!scanning && operands.empty())
    throw UsageError{"give a neighbour to ask for, e.g. nd-arp -I eth0 198.18.5.1, or --scan; see nd-arp --help"};
  if (!operands.empty()) options.destination = operands.front();
  if (dad && (unsolicited || advert)) throw UsageError{"-D checks an address and -U/-A announce one; give one of them"};
  if (scanning && (dad || unsolicited || advert || engine.broadcast_only || engine.finish_on_reply))
    throw UsageError{"a scan sends broadcast requests only: -D, -U, -A, -b and -f do not go with --scan or --localnet"};
  if (fast && !dad) throw UsageError{"--fast changes the timing of -D; give it with -D"};
  if (fast && interval) throw UsageError{"--fast sets the time between probes; give -i or --fast, not both"};
  if (unsolicited && advert) throw UsageError{"-U announces with requests and -A with replies; give one of them"};
  if (!scanning && (dad || unsolicited || advert) && (engine.broadcast_only || engine.finish_on_reply))
    throw UsageError{"-b and -f are for pinging a neighbour; -D, -U and -A always broadcast and -D ends at the first claim"};
  if (!scanning && (scan_wait || retries)) throw UsageError{"-W and --retries are for scans; give --scan or --localnet"};
  if (json && ndjson) throw UsageError{"--json and --ndjson exclude each other; give one of them"};
  options.format = json ? ArpOutput::json : ndjson ? ArpOutput::ndjson : ArpOutput::text;
  options.color = parse_color(color);
  if (!source.empty()) {
    options.source = parse_ipv4(source);
    if (!options.source) throw UsageError{fmt::format("-s {}: give an IPv4 address", source)};
  }

  engine.mode = scanning ? ArpMode::scan : dad ? ArpMode::dad : (unsolicited || advert) ? ArpMode::announce : ArpMode::ping;
  engine.announce_with_reply = advert;
  if (count) {
    if (*count == 0) throw UsageError{"-c 0: give at least 1"};
    engine.count = count;
  }
  if (deadline) engine.deadline = seconds_option("-w", *deadline, false);
  if (interval) engine.interval = seconds_option("-i", *interval, true);
  if (engine.mode == ArpMode::scan) {
    if (count) throw UsageError{"-c is not for scans: every address gets 1 + --retries requests"};
    if (!interval) engine.interval = seconds_option("-i", kScanIntervalSeconds, true);
    if (scan_wait) engine.scan_wait = seconds_option("-W", *scan_wait, false);
    if (retries && (*retries < 0 || *retries > kMaxRetries))
      throw UsageError{fmt::format("--retries {}: give 0 to {}", *retries, kMaxRetries)};
    engine.retries = retries ? static_cast<unsigned>(*retries) : kScanRetries;
    return {std::move(options), {}};
  }
  // RFC 5227 timing unless the run is shaped by hand (iputils arping -D's fixed interval).
  if (engine.mode == ArpMode::dad && (fast || (!count && !interval && !deadline))) {
    apply_dad_timing(engine, fast);
    if (count) engine.count = count;
  } else {
    // arping waits one interval for the answer to its last request (at least kLingerFloor here,
    // so -i 0 still hears it); announcing waits for none.
    engine.linger = engine.mode == ArpMode::announce ? Duration::zero() : std::max(engine.interval, kLingerFloor);
  }
  if (engine.mode == ArpMode::dad) engine.finish_on_reply = true;
  return {std::move(options), {}};
}

}  // namespace netdiag::tools
