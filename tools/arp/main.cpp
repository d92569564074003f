// nd-arp: ask neighbours over ARP — ping one, check an address is free (RFC 5227), announce
// one, or sweep a subnet — and report every MAC that answers, conflicts first-class.
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <system_error>

#include "arp/options.hpp"
#include "common/resolve.hpp"
#include "common/tool_main.hpp"
#include "netdiag/io/arp_runner.hpp"
#include "netdiag/io/link_interfaces.hpp"
#include "netdiag/io/netlink.hpp"
#include "netdiag/io/vendor_database.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/render/arp_json.hpp"
#include "netdiag/render/arp_text.hpp"

namespace {

using namespace netdiag;
using namespace netdiag::tools;

// The vendor names come from a file: nothing in them may steer the terminal. C0 controls and DEL
// become '?', and so do C1 controls (U+0080..U+009F, "\xc2\x80".."\xc2\x9f" in UTF-8; CSI among them).
void printable(std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) text[i] = '?';
    if (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9f)
      text.replace(i, 2, "?");
  }
}

bool same_subnet(const InterfaceAddress& ours, const IpAddress& other) {
  return network_of(ours.address, ours.prefix_length) == network_of(other, ours.prefix_length);
}

std::optional<InterfaceAddress> address_for(const LinkInterface& link, const IpAddress& target) {
  for (const auto& ours : link.ipv4)
    if (same_subnet(ours, target)) return ours;
  if (link.ipv4.empty()) return std::nullopt;
  return link.ipv4.front();
}

bool owns(const LinkInterface& link, const IpAddress& address) {
  return std::any_of(link.ipv4.begin(), link.ipv4.end(), [&](const InterfaceAddress& ours) { return ours.address == address; });
}

// An Ethernet-like link address, and ARP not switched off (NOARP, loopback).
bool can_arp(const LinkInterface& link) { return link.mac && link.arp; }

LinkInterface usable(LinkInterface link) {
  if (!can_arp(link))
    throw UsageError{fmt::format("interface {} cannot do ARP (no Ethernet address, or NOARP); pick an Ethernet "
                                 "interface with -I (see ip link)",
                                 link.name)};
  if (!link.up) throw UsageError{fmt::format("interface {} is down; bring it up (ip link set {} up)", link.name, link.name)};
  return link;
}

// -I, else for --localnet the first interface that can do ARP and has an IPv4 address, else the
// one that owns the target (announcing one's own address), else the one the route uses.
LinkInterface choose_interface(const ArpOptions& options, const std::optional<IpAddress>& target, bool quiet) {
  if (!options.interface.empty()) {
    auto link = find_link_interface(options.interface);
    if (!link) throw UsageError{fmt::format("-I {}: no such interface; see ip link", options.interface)};
    return usable(std::move(*link));
  }
  const auto interfaces = list_link_interfaces();
  if (!target) {
    for (const auto& link : interfaces)
      if (can_arp(link) && link.up && !link.ipv4.empty()) return link;
    throw UsageError{"no interface that is up and can do ARP has an IPv4 address; pick one with -I"};
  }
  for (const auto& link : interfaces)
    if (can_arp(link) && owns(link, *target)) return usable(link);
  const auto route = lookup_route(*target);
  if (!route || route->interface_index == 0)
    throw UsageError{fmt::format("no route to {}, so no interface to ask on; give one with -I", target->to_string())};
  const auto link = std::find_if(interfaces.begin(), interfaces.end(),
                                 [&](const LinkInterface& known) { return known.index == route->interface_index; });
  if (link == interfaces.end())
    throw UsageError{fmt::format("the route to {} uses an interface that is gone; give one with -I", target->to_string())};
  if (route->gateway && !quiet)
    fmt::print(stderr, "nd-arp: {} is not on {}'s link (routed via {}): only a proxy ARP would answer\n",
               target->to_string(), link->name, route->gateway->to_string());
  return usable(*link);
}

IpAddress sender_address(const ArpOptions& options, const LinkInterface& link, const IpAddress& target) {
  if (options.source) return *options.source;
  switch (options.engine.mode) {
    case ArpMode::dad: return IpAddress::v4({});  // an ARP probe (RFC 5227)
    case ArpMode::announce: return target;      // gratuitous: sender = target
    case ArpMode::ping:
    case ArpMode::scan: break;
  }
  if (const auto ours = address_for(link, target)) return ours->address;
  throw UsageError{fmt::format("{} has no IPv4 address to send from; give one with -s", link.name)};
}

// Sweeps draw a bar on stderr when it is a terminal, redrawn at most every 100 ms.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}

  void update(const ArpReport& report) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    constexpr std::size_t kWidth = 30;
    // The bar is the first pass over the addresses; retries are counted after it.
    const std::size_t total = std::max<std::size_t>(report.targets.size(), 1);
    const std::size_t asked = std::min<std::size_t>(report.requests_sent, total);
    const std::size_t filled = asked * kWidth / total;
    const std::uint64_t retries = report.requests_sent - asked;
    fmt::print(stderr, "\r[{}{}] {}/{} asked{}, {} answered", std::string(filled, '#'), std::string(kWidth - filled, '.'),
               asked, report.targets.size(), retries > 0 ? fmt::format(" + {} retries", retries) : "",
               report.hosts.size());
    std::fflush(stderr);
  }

  void clear() {
    if (!drawn_) return;
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

int run(int argc, char** argv) {
  const auto command = parse_arp_options(argc, argv);
  if (!command.options) {
    fmt::print("{}", command.print);
    return kExitOk;
  }
  ArpOptions options = *command.options;
  const bool text = options.format == ArpOutput::text;
  const bool scanning = options.engine.mode == ArpMode::scan;

  ArpReport report;
  report.mode = options.engine.mode;
  std::optional<IpAddress> first_target;
  if (!scanning) {
    first_target = resolve_host(options.destination, Family::ipv4);
    report.target_spec = options.destination;
  } else if (!options.scan.empty()) {
    report.targets = parse_scan_targets(options.scan);
    report.target_spec = options.scan;
    first_target = report.targets.front();
  }
  const LinkInterface link = choose_interface(options, first_target, options.quiet);
  if (options.localnet) {
    if (link.ipv4.empty()) throw UsageError{fmt::format("{} has no IPv4 address, so no subnet to sweep", link.name)};
    const InterfaceAddress& ours = link.ipv4.front();
    if (ours.prefix_length < 16)
      throw UsageError{fmt::format("--localnet: {}'s subnet (/{}) is more than a scan covers (a /16); sweep part of it "
                                   "with --scan",
                                   link.name, ours.prefix_length)};
    const IpAddress network = network_of(ours.address, ours.prefix_length);
    report.target_spec = fmt::format("{}/{}", network.to_string(), ours.prefix_length);
    const auto addresses = parse_scan_item(report.target_spec);
    report.targets = addresses.value_or(std::vector<IpAddress>{});
    first_target = ours.address;
  }
  if (scanning) {
    std::erase_if(report.targets, [&](const IpAddress& address) {
      if (!owns(link, address)) return false;
      report.skipped.push_back(address);
      return true;
    });
    if (report.targets.empty())
      throw UsageError{fmt::format("{} {}: only this host's own addresses; nothing to ask for",
                                   options.localnet ? "--localnet" : "--scan", report.target_spec)};
  } else {
    report.targets = {*first_target};
  }
  report.interface = {link.name, link.index, *link.mac, std::nullopt, 0};
  if (const auto ours = address_for(link, *first_target)) {
    report.interface.address = ours->address;
    report.interface.prefix_length = ours->prefix_length;
  }
  report.source = sender_address(options, link, *first_target);
  // A run that prints answers as they come keeps none: an endless ping needs no growing list.
  report.keep_answers = !(report.mode == ArpMode::ping && options.format != ArpOutput::json);
  options.engine.random_seed = std::random_device{}();

  auto socket = open_then_drop([&] {
    auto opened = ArpSocket::open(link.index);
    if (!opened && (opened.error() == EPERM || opened.error() == EACCES))
      throw std::system_error(opened.error(), std::generic_category(),
                              fmt::format("sending ARP needs an AF_PACKET socket and so CAP_NET_RAW, which this "
                                          "process lacks; {}",
                                          net_raw_grant_hint()));
    if (!opened) throw std::system_error(opened.error(), std::generic_category(), "cannot open an AF_PACKET socket");
    return std::move(*opened);
  });

  const VendorDatabase vendors =
      VendorDatabase::load(options.oui_file.empty() ? VendorDatabase::default_paths() : std::vector{options.oui_file});
  if (!options.oui_file.empty() && vendors.empty() && !options.quiet)
    fmt::print(stderr, "nd-arp: --oui-file {}: no vendor found in it; MACs are shown without vendors\n",
               options.oui_file);

  ArpTextRenderer renderer(stdout, {options.quiet, use_color(options.color, STDOUT_FILENO)});
  ProgressBar progress(scanning && text && !options.quiet && ::isatty(STDERR_FILENO) == 1);
  ArpRunCallbacks callbacks;
  callbacks.on_answer = [&](ArpReport& running, const ArpAnswer& answer) {
    if (auto vendor = vendors.lookup(answer.mac)) {
      printable(*vendor);
      running.vendors.emplace(answer.mac, std::move(*vendor));
    }
    if (text) {
      progress.clear();
      renderer.answer(running, answer);
    } else if (options.format == ArpOutput::ndjson) {
      fmt::print("{}\n", render_arp_answer_ndjson(running, answer));
      std::fflush(stdout);
    }
  };
  callbacks.on_sent = [&](const ArpReport& running) { progress.update(running); };
  if (text) renderer.header(report);
  report = run_arp(socket, std::move(report), options.engine, callbacks);
  progress.clear();
  switch (options.format) {
    case ArpOutput::text: renderer.summary(report); break;
    case ArpOutput::json: fmt::print("{}\n", render_arp_json(report)); break;
    case ArpOutput::ndjson: fmt::print("{}\n", render_arp_summary_ndjson(report)); break;
  }
  return exit_status(report);
}

}  // namespace

int main(int argc, char** argv) {
  return netdiag::tools::run_tool("nd-arp", [&] { return run(argc, argv); });
}
