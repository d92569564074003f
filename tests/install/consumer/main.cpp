// A program outside the project, built against an installed libnetdiag: it builds a DNS query
// with the library, parses it back and prints what it found and the library's version.
#include <netdiag/core/address.hpp>
#include <netdiag/core/version.hpp>
#include <netdiag/wire/dns_message.hpp>
#include <netdiag/wire/dns_name.hpp>

#include <cstdio>
#include <string>

int main() {
  const auto name = netdiag::wire::DnsName::from_text("www.plain.lab.");
  const auto address = netdiag::IpAddress::parse("198.18.53.80");
  if (!name || !address) return 1;
  netdiag::wire::DnsQuerySpec spec;
  spec.id = 0x1234;
  spec.question = netdiag::wire::DnsQuestion{*name, netdiag::wire::dns_type::a, netdiag::wire::dns_class_in};
  const auto query = netdiag::wire::build_dns_query(spec);
  const auto parsed = netdiag::wire::parse_dns_message(query);
  if (!parsed || parsed->questions.size() != 1 || parsed->header.id != 0x1234) return 1;
  const std::string version(netdiag::version());
  std::printf("libnetdiag %s: %zu-byte query for %s, address %s\n", version.c_str(), query.size(),
              parsed->questions.front().name.to_text().c_str(), address->to_string().c_str());
  return 0;
}
