// netdiag: the front door. `netdiag ping ARGS` runs `nd-ping ARGS`, found next to this binary
// first, then on PATH, the way git finds its subcommands.
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "common/tool_main.hpp"
#include "netdiag/core/version.hpp"
#include "netdiag/privilege/capabilities.hpp"

namespace {

using namespace netdiag::tools;

struct Subcommand {
  std::string_view name;
  std::string_view summary;
};

// Only the tools that exist are listed; each later tool adds its line.
constexpr std::array kSubcommands{
    Subcommand{"ping", "ICMP/ICMPv6 echo to one or many targets (nd-ping)"},
    Subcommand{"trace", "the path to a host, hop by hop, probes in parallel (nd-trace)"},
    Subcommand{"tcp", "connect to TCP ports and say why each is open or not (nd-tcp)"},
    Subcommand{"arp", "ARP ping, duplicate-address detection, gratuitous ARP, subnet sweep (nd-arp)"},
    Subcommand{"dns", "resolve a name from the root servers down, every step shown (nd-dns)"},
};

void print_usage() {
  fmt::print("usage: netdiag COMMAND [ARGS...]\n\ncommands:\n");
  for (const auto& sub : kSubcommands) fmt::print("  {:<8} {}\n", sub.name, sub.summary);
  fmt::print("\n'netdiag COMMAND --help' shows a command's options. netdiag {}\n", netdiag::version());
}

int run(int argc, char** argv) {
  if (argc < 2) throw UsageError{"give a command: ping, trace, tcp, arp or dns; see netdiag --help"};
  const std::string_view command = argv[1];
  if (command == "-h" || command == "--help" || command == "help") {
    print_usage();
    return kExitOk;
  }
  if (command == "-V" || command == "--version") {
    fmt::print("netdiag {}\n", netdiag::version());
    return kExitOk;
  }
  const bool known = std::ranges::any_of(kSubcommands, [&](const Subcommand& sub) { return sub.name == command; });
  if (!known) throw UsageError{fmt::format("'{}' is not a netdiag command; see netdiag --help", command)};

  std::string program = "nd-" + std::string(command);
  std::vector<char*> arguments;
  arguments.push_back(program.data());  // NOLINT: execv takes char*
  for (int i = 2; i < argc; ++i) arguments.push_back(argv[i]);
  arguments.push_back(nullptr);

  const std::string self = netdiag::executable_path();
  const auto slash = self.rfind('/');
  if (slash != std::string::npos) {
    const std::string beside = self.substr(0, slash + 1) + program;
    if (::access(beside.c_str(), X_OK) == 0) ::execv(beside.c_str(), arguments.data());
  }
  ::execvp(program.c_str(), arguments.data());
  throw UsageError{fmt::format("cannot run {}: {}; install it next to netdiag or on PATH", program,
                               std::strerror(errno))};
}

}  // namespace

int main(int argc, char** argv) {
  return run_tool("netdiag", [&] { return run(argc, argv); });
}
