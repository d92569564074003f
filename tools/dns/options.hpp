// nd-dns's command line, in dig's shape: [@SERVER] NAME [TYPE], -x ADDR, -t TYPE, -p PORT,
// -4/-6, plus -W and --tries for waiting, --tcp, --root-hints, --server (stub), --no-qmin,
// --all-servers, -f (batch), --max-queries, --short, --records, -q, --json/--ndjson, --color.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/tool_main.hpp"
#include "netdiag/core/address.hpp"
#include "netdiag/dns/resolver.hpp"
#include "netdiag/io/dns_transport.hpp"
#include "netdiag/render/dns_text.hpp"

namespace netdiag::tools {

enum class DnsOutput { text, json, ndjson };

struct DnsOptions {
  std::optional<wire::DnsQuestion> question;  // absent in batch mode
  std::optional<std::string> batch_file;      // -f
  std::optional<IpAddress> start_server;      // @SERVER: iterate from there instead of the root
  std::optional<IpAddress> stub_server;       // --server: one recursive query, no iteration
  std::optional<std::string> root_hints_file;
  std::uint16_t default_type = wire::dns_type::a;  // -t, or the TYPE operand, for batch lines
  dns::ResolverConfig resolver;
  DnsTransportOptions transport;
  DnsOutput format = DnsOutput::text;
  DnsTextOptions text;
  ColorMode color = ColorMode::automatic;
};

struct DnsCommand {
  std::optional<DnsOptions> options;  // empty when only help or version was asked for
  std::string print;
};

// The reverse-lookup name of an address: "4.3.2.1.in-addr.arpa." or the nibbles under
// "ip6.arpa." (RFC 3596 section 2.5).
wire::DnsName reverse_name(const IpAddress& address);

// A type operand or -t value: a mnemonic ("AAAA", case-insensitive) or TYPEnnn. Throws UsageError.
std::uint16_t parse_type(const std::string& text);
// A name operand. Throws UsageError saying what is wrong with it.
wire::DnsName parse_name(const std::string& text);

// Parses argv (argv[0] included). Throws UsageError with a one-line message.
DnsCommand parse_dns_options(int argc, const char* const* argv);

}  // namespace netdiag::tools
