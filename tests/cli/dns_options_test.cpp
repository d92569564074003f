// nd-dns's option table: dig's [@SERVER] NAME [TYPE] shape, -x, and the checks that make a bad
// command line one line.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

#include "dns/options.hpp"
#include "support/command_line.hpp"

using namespace netdiag;
using namespace netdiag::tools;
using namespace std::chrono_literals;
namespace dns_type = wire::dns_type;

namespace {

DnsCommand parse(std::initializer_list<const char*> words) {
  return test::parse_words(parse_dns_options, "nd-dns", words);
}

std::string usage_error(std::initializer_list<const char*> words) {
  return test::usage_error_of(parse_dns_options, "nd-dns", words);
}

DnsOptions options(std::initializer_list<const char*> words) { return *parse(words).options; }

}  // namespace

TEST_CASE("NAME, TYPE and @SERVER in any order, as dig takes them") {
  const auto plain = options({"www.example.org"});
  CHECK(plain.question->name.to_text() == "www.example.org.");
  CHECK(plain.question->type == dns_type::a);
  CHECK_FALSE(plain.start_server);
  CHECK(plain.resolver.qname_minimisation);
  CHECK(plain.resolver.tries == 2);
  CHECK(plain.transport.timeout == 2s);
  CHECK(plain.transport.port.value == 53);

  const auto typed = options({"@198.18.53.20", "example.org.", "mx"});
  CHECK(typed.question->type == dns_type::mx);
  CHECK(typed.start_server->to_string() == "198.18.53.20");
  CHECK(options({"example.org", "AAAA", "@fd00:53::20"}).start_server->to_string() == "fd00:53::20");
  CHECK(options({"example.org", "TYPE65280"}).question->type == 65280);
  CHECK(options({"-t", "txt", "example.org"}).question->type == dns_type::txt);
  CHECK(options({"example.org", "A", "IN"}).question->type == dns_type::a);
}

TEST_CASE("-x builds the reverse name and asks PTR") {
  CHECK(options({"-x", "198.18.53.80"}).question->name.to_text() == "80.53.18.198.in-addr.arpa.");
  CHECK(options({"-x", "198.18.53.80"}).question->type == dns_type::ptr);
  CHECK(reverse_name(*IpAddress::parse("fd00:53::80")).to_text() ==
        "0.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.5.0.0.0.0.d.f.ip6.arpa.");
}

TEST_CASE("the other flags land in the resolver and transport settings") {
  const auto o = options({"-6", "-W", "0.5", "--tries", "3", "--tcp", "--no-qmin", "--all-servers", "--max-queries",
                          "64", "-p", "5353", "--records", "--ndjson", "x.lab"});
  CHECK_FALSE(o.resolver.use_ipv4);
  CHECK(o.resolver.use_ipv6);
  CHECK(o.transport.timeout == 500ms);
  CHECK(o.resolver.tries == 3);
  CHECK(o.resolver.tcp_only);
  CHECK_FALSE(o.resolver.qname_minimisation);
  CHECK(o.resolver.all_servers);
  CHECK(o.resolver.max_queries == 64);
  CHECK(o.transport.port.value == 5353);
  CHECK(o.text.records);
  CHECK(o.format == DnsOutput::ndjson);
  const auto batch = options({"-f", "names.txt", "-t", "AAAA"});
  CHECK_FALSE(batch.question);
  CHECK(*batch.batch_file == "names.txt");
  CHECK(batch.default_type == dns_type::aaaa);
  CHECK(options({"--server", "198.18.53.3", "x.lab"}).stub_server->to_string() == "198.18.53.3");
  CHECK(options({"--root-hints", "lab.hints", "x.lab"}).root_hints_file == "lab.hints");
}

TEST_CASE("bad command lines: one line that says what to do") {
  CHECK(usage_error({}).starts_with("give a name to resolve"));
  CHECK(usage_error({"a..b"}).find("is not a domain name: ") != std::string::npos);
  CHECK(usage_error({std::string(64, 'x').c_str()}).find("not a domain name") != std::string::npos);
  CHECK(usage_error({"x.lab", "FOO"}).starts_with("'FOO' is not a record type"));
  CHECK(usage_error({"x.lab", "A", "MX"}).starts_with("unexpected 'MX'"));
  CHECK(usage_error({"@ns.example.org", "x.lab"}).find("give the server's IP address") != std::string::npos);
  CHECK(usage_error({"@198.18.53.1", "@198.18.53.2", "x.lab"}) == "give one @SERVER");
  CHECK(usage_error({"-x", "300.1.1.1"}).starts_with("-x 300.1.1.1"));
  CHECK(usage_error({"-4", "-6", "x.lab"}).starts_with("-4 and -6 exclude each other"));
  CHECK(usage_error({"-6", "@198.18.53.1", "x.lab"}).find("excludes it") != std::string::npos);
  CHECK(usage_error({"-W", "0", "x.lab"}).starts_with("-W"));
  CHECK(usage_error({"--tries", "0", "x.lab"}).starts_with("--tries 0"));
  CHECK(usage_error({"--max-queries", "0", "x.lab"}).starts_with("--max-queries 0"));
  CHECK(usage_error({"-p", "0", "x.lab"}).starts_with("-p 0"));
  CHECK(usage_error({"-p", "65536", "x.lab"}).starts_with("-p 65536"));
  CHECK(usage_error({"--json", "--ndjson", "x.lab"}).starts_with("--json and --ndjson"));
  CHECK(usage_error({"--short", "--json", "x.lab"}).starts_with("--short is a text format"));
  CHECK(usage_error({"--server", "198.18.53.3", "@198.18.53.1", "x.lab"}).find("exclude each other") !=
        std::string::npos);
  CHECK(usage_error({"--server", "198.18.53.3", "--all-servers", "x.lab"}).starts_with("--all-servers needs"));
  CHECK(usage_error({"-f", "names.txt", "x.lab"}).starts_with("-f reads the names"));
  CHECK(usage_error({"--color", "sometimes", "x.lab"}).find("sometimes") != std::string::npos);
}
