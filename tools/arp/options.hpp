// nd-arp's command line: iputils arping's -c -w -i -I -s -D -U -A -b -f -q, plus --fast (dad),
// --scan SPEC / --localnet with -W and --retries (arp-scan's sweep), --oui-file, --json/--ndjson,
// --color.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/tool_main.hpp"
#include "netdiag/core/address.hpp"
#include "netdiag/probe/arp_engine.hpp"

namespace netdiag::tools {

enum class ArpOutput { text, json, ndjson };

struct ArpOptions {
  ArpConfig engine;
  std::string destination;           // ping, dad, announce
  std::string scan;                  // --scan SPEC
  bool localnet = false;             // --localnet
  std::string interface;             // -I
  std::optional<IpAddress> source;   // -s
  std::string oui_file;              // --oui-file
  ArpOutput format = ArpOutput::text;
  bool quiet = false;
  ColorMode color = ColorMode::automatic;
};

struct ArpCommand {
  std::optional<ArpOptions> options;  // empty when only help or version was asked for
  std::string print;
};

// A scan covers at most a /16.
inline constexpr std::size_t kMaxScanAddresses = 65536;

// The IPv4 network `address` is in: its first `prefix_length` bits, the rest zero.
IpAddress network_of(const IpAddress& address, unsigned prefix_length);

// One scan item: "198.18.5.0/24" (without its network and broadcast addresses when the prefix
// is /30 or shorter), "198.18.5.10-198.18.5.20", "198.18.5.10-20", or one address. Throws
// UsageError; nullopt when `text` is none of these.
std::optional<std::vector<IpAddress>> parse_scan_item(const std::string& text);
// --scan SPEC: items separated by commas, or else the name of a file of items, one per line
// ('#' starts a comment). Each address once, in the order given; at most kMaxScanAddresses.
// Throws UsageError.
std::vector<IpAddress> parse_scan_targets(const std::string& spec);

// Parses argv (argv[0] included). Throws UsageError with a one-line message.
ArpCommand parse_arp_options(int argc, const char* const* argv);

}  // namespace netdiag::tools
