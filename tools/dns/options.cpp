#include "dns/options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>

#include "common/command_line.hpp"
#include "common/resolve.hpp"
#include "netdiag/core/version.hpp"

namespace netdiag::tools {
namespace {

constexpr unsigned kMaxTries = 10;
constexpr unsigned kMaxQueriesLimit = 1000;

IpAddress server_address(const std::string& flag, const std::string& text) {
  if (const auto address = IpAddress::parse(text)) return *address;
  throw UsageError{fmt::format("{} {}: give the server's IP address (nd-dns never asks the system's resolver for it)",
                               flag, text)};
}

}  // namespace

wire::DnsName reverse_name(const IpAddress& address) {
  std::string text;
  const auto bytes = address.bytes();
  if (address.family() == Family::ipv4) {
    for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) text += fmt::format("{}.", std::to_integer<unsigned>(*it));
    text += "in-addr.arpa.";
  } else {
    for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
      const unsigned byte = std::to_integer<unsigned>(*it);
      text += fmt::format("{:x}.{:x}.", byte & 0xfU, byte >> 4);
    }
    text += "ip6.arpa.";
  }
  return *wire::DnsName::from_text(text);
}

std::uint16_t parse_type(const std::string& text) {
  if (const auto type = wire::dns_type_from_text(text)) return *type;
  throw UsageError{fmt::format("'{}' is not a record type; give one such as A, AAAA, MX, TXT, NS, SOA or TYPE65280",
                               text)};
}

wire::DnsName parse_name(const std::string& text) { return parse_dns_name(text, "domain name"); }

DnsCommand parse_dns_options(int argc, const char* const* argv) {
  CLI::App app{"Resolve a DNS name from the root servers down and show every step.", "nd-dns"};
  app.set_version_flag("-V,--version", fmt::format("nd-dns (netdiag) {}", version()));
  app.get_formatter()->column_width(26);

  DnsOptions options;
  std::vector<std::string> operands;
  std::string reverse;
  std::string type_option;
  std::optional<double> timeout;
  std::optional<int> tries;
  std::optional<int> port;
  std::optional<int> max_queries;
  std::string stub_server;
  std::string batch_file;
  bool ipv4 = false;
  bool ipv6 = false;
  bool tcp = false;
  bool no_qmin = false;
  bool json = false;
  bool ndjson = false;
  std::string color = "auto";

  app.add_option("operands", operands, "[@SERVER] NAME [TYPE]: what to resolve, and optionally where to start")
      ->type_name("[@SERVER] NAME [TYPE]");
  app.add_option("-x", reverse, "Reverse lookup: the PTR record of this address")->type_name("ADDR");
  app.add_option("-t", type_option, "The record type (default A), instead of the TYPE operand")->type_name("TYPE");
  app.add_option("-f", batch_file, "Resolve every name in FILE (one per line, optionally followed by a type), reusing what was learnt")
      ->type_name("FILE");
  app.add_option("--root-hints", options.root_hints_file, "Start from the root servers in FILE (named.root format)")
      ->type_name("FILE");
  app.add_option("--server", stub_server, "Stub mode: ask this recursive server once (RD set), no iteration")
      ->type_name("ADDR");
  app.add_option("-p", port, "Send queries to this port (default 53)")->type_name("PORT");
  app.add_flag("-4", ipv4, "Ask name servers over IPv4 only");
  app.add_flag("-6", ipv6, "Ask name servers over IPv6 only");
  app.add_option("-W", timeout, "Seconds to wait for one answer (default 2)")->type_name("SECONDS");
  app.add_option("--tries", tries, "Rounds over a zone's servers; a silent server is asked again (default 2)")
      ->type_name("N");
  app.add_flag("--tcp", tcp, "Ask over TCP only (default: UDP, TCP when an answer is truncated)");
  app.add_flag("--no-qmin", no_qmin, "Send the whole name to every server (default: QNAME minimisation, RFC 9156)");
  app.add_flag("--all-servers", options.resolver.all_servers,
               "Ask every server of every zone on the way and report where they disagree");
  app.add_option("--max-queries", max_queries, "Give up after N queries for one name (default 32)")->type_name("N");
  app.add_flag("--short", options.text.short_form, "Print only the answer's data, one per line");
  app.add_flag("--records", options.text.records, "Print every record of every response under its step");
  app.add_flag("-q", options.text.quiet, "Quiet: the answer and the summary line, no steps");
  app.add_flag("--json", json, "Print one JSON document when done (schema netdiag.dns/1)");
  app.add_flag("--ndjson", ndjson, "Print one JSON object per step as it happens, then the summary");
  app.add_option("--color", color, "Colour the text output: auto, always, never")->type_name("auto|always|never");

  if (auto print = parse_command_line(app, argc, argv, "nd-dns",
                                        "give a name to resolve, e.g. nd-dns www.example.org AAAA")) {
    return {std::nullopt, std::move(*print)};
  }

  std::vector<std::string> words;
  for (const std::string& operand : operands) {
    if (operand.starts_with('@')) {
      if (options.start_server) throw UsageError{"give one @SERVER"};
      options.start_server = server_address("@SERVER", operand.substr(1));
    } else {
      words.push_back(operand);
    }
  }
  std::optional<std::uint16_t> type;
  if (!type_option.empty()) type = parse_type(type_option);
  std::optional<wire::DnsName> name;
  if (!reverse.empty()) {
    const auto address = IpAddress::parse(reverse);
    if (!address) throw UsageError{fmt::format("-x {}: give an IPv4 or IPv6 address", reverse)};
    name = reverse_name(*address);
    if (!type) type = wire::dns_type::ptr;
  }
  for (const std::string& word : words) {
    if (!name) {
      name = parse_name(word);
    } else if (!type) {
      type = parse_type(word);
    } else if (word == "IN" || word == "in") {
      continue;
    } else {
      throw UsageError{fmt::format("unexpected '{}': give [@SERVER] NAME [TYPE]", word)};
    }
  }
  if (!batch_file.empty()) {
    if (name) throw UsageError{"-f reads the names from its file; give no NAME (a TYPE goes with -t)"};
    options.batch_file = batch_file;
  } else if (!name) {
    throw UsageError{"give a name to resolve, e.g. nd-dns www.example.org AAAA; see nd-dns --help"};
  }
  options.default_type = type.value_or(wire::dns_type::a);
  if (name) options.question = wire::DnsQuestion{*name, options.default_type, wire::dns_class_in};

  if (!stub_server.empty()) {
    options.stub_server = server_address("--server", stub_server);
    if (options.start_server) throw UsageError{"--server (stub) and @SERVER (iterate from there) exclude each other"};
    if (options.root_hints_file) throw UsageError{"--server asks one recursive server; --root-hints is for iteration"};
    if (options.resolver.all_servers) throw UsageError{"--all-servers needs iteration; drop --server"};
  }
  if (options.start_server && options.root_hints_file) {
    throw UsageError{"@SERVER and --root-hints both say where to start; give one of them"};
  }
  if (ipv4 && ipv6) throw UsageError{"-4 and -6 exclude each other; give one of them"};
  options.resolver.use_ipv4 = !ipv6;
  options.resolver.use_ipv6 = !ipv4;
  for (const auto& server : {options.start_server, options.stub_server}) {
    if (server && ((server->family() == Family::ipv4 && ipv6) || (server->family() == Family::ipv6 && ipv4))) {
      throw UsageError{fmt::format("{} is an {} address and -{} excludes it; drop one of them", server->to_string(),
                                   to_string(server->family()), ipv4 ? '4' : '6')};
    }
  }
  if (timeout) options.transport.timeout = seconds_option("-W", *timeout, false);
  if (tries) {
    if (*tries < 1 || static_cast<unsigned>(*tries) > kMaxTries)
      throw UsageError{fmt::format("--tries {}: give 1 to {}", *tries, kMaxTries)};
    options.resolver.tries = static_cast<unsigned>(*tries);
  }
  if (port) {
    if (*port < 1 || *port > 65535) throw UsageError{fmt::format("-p {}: give a port from 1 to 65535", *port)};
    options.transport.port = Port{static_cast<std::uint16_t>(*port)};
  }
  if (max_queries) {
    if (*max_queries < 1 || static_cast<unsigned>(*max_queries) > kMaxQueriesLimit)
      throw UsageError{fmt::format("--max-queries {}: give 1 to {}", *max_queries, kMaxQueriesLimit)};
    options.resolver.max_queries = static_cast<unsigned>(*max_queries);
  }
  options.resolver.tcp_only = tcp;
  options.resolver.qname_minimisation = !no_qmin;
  if (json && ndjson) throw UsageError{"--json and --ndjson exclude each other; give one of them"};
  options.format = json ? DnsOutput::json : ndjson ? DnsOutput::ndjson : DnsOutput::text;
  if (options.text.short_form && options.format != DnsOutput::text) {
    throw UsageError{"--short is a text format; drop it or --json/--ndjson"};
  }
  options.color = parse_color(color);
  return {std::move(options), {}};
}

}  // namespace netdiag::tools
