#include <charconv>
#include <sstream>
#include <string>

#include "netdiag/dns/resolver.hpp"
#include "netdiag/wire/dns_rdata.hpp"

namespace netdiag::dns {
namespace {

// The real-world default, as the project's rules ask: IANA's named.root (root-servers.org lists
// the same). Only read when no --root-hints file and no @SERVER is given; the tests never use it.
constexpr std::string_view kIanaNamedRoot = R"(; IANA root hints, https://www.internic.net/domain/named.root
.                        3600000      NS    A.ROOT-SERVERS.NET.
A.ROOT-SERVERS.NET.      3600000      A     198.41.0.4
A.ROOT-SERVERS.NET.      3600000      AAAA  2001:503:ba3e::2:30
.                        3600000      NS    B.ROOT-SERVERS.NET.
B.ROOT-SERVERS.NET.      3600000      A     170.247.170.2
B.ROOT-SERVERS.NET.      3600000      AAAA  2801:1b8:10::b
.                        3600000      NS    C.ROOT-SERVERS.NET.
C.ROOT-SERVERS.NET.      3600000      A     192.33.4.12
C.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:2::c
.                        3600000      NS    D.ROOT-SERVERS.NET.
D.ROOT-SERVERS.NET.      3600000      A     199.7.91.13
D.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:2d::d
.                        3600000      NS    E.ROOT-SERVERS.NET.
E.ROOT-SERVERS.NET.      3600000      A     192.203.230.10
E.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:a8::e
.                        3600000      NS    F.ROOT-SERVERS.NET.
F.ROOT-SERVERS.NET.      3600000      A     192.5.5.241
F.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:2f::f
.                        3600000      NS    G.ROOT-SERVERS.NET.
G.ROOT-SERVERS.NET.      3600000      A     192.112.36.4
G.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:12::d0d
.                        3600000      NS    H.ROOT-SERVERS.NET.
H.ROOT-SERVERS.NET.      3600000      A     198.97.190.53
H.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:1::53
.                        3600000      NS    I.ROOT-SERVERS.NET.
I.ROOT-SERVERS.NET.      3600000      A     192.36.148.17
I.ROOT-SERVERS.NET.      3600000      AAAA  2001:7fe::53
.                        3600000      NS    J.ROOT-SERVERS.NET.
J.ROOT-SERVERS.NET.      3600000      A     192.58.128.30
J.ROOT-SERVERS.NET.      3600000      AAAA  2001:503:c27::2:30
.                        3600000      NS    K.ROOT-SERVERS.NET.
K.ROOT-SERVERS.NET.      3600000      A     193.0.14.129
K.ROOT-SERVERS.NET.      3600000      AAAA  2001:7fd::1
.                        3600000      NS    L.ROOT-SERVERS.NET.
L.ROOT-SERVERS.NET.      3600000      A     199.7.83.42
L.ROOT-SERVERS.NET.      3600000      AAAA  2001:500:9f::42
.                        3600000      NS    M.ROOT-SERVERS.NET.
M.ROOT-SERVERS.NET.      3600000      A     202.12.27.33
M.ROOT-SERVERS.NET.      3600000      AAAA  2001:dc3::35
)";

std::vector<std::string> fields_of(std::string_view line) {
  std::vector<std::string> fields;
  std::istringstream in{std::string(line)};
  for (std::string field; in >> field;) fields.push_back(field);
  return fields;
}

bool is_number(const std::string& text) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::vector<NameServerHint> iana_root_hints() {
  std::string error;
  return *parse_root_hints(kIanaNamedRoot, error);
}

std::optional<std::vector<NameServerHint>> parse_root_hints(std::string_view text, std::string& error) {
  std::vector<NameServerHint> hints;
  std::vector<std::pair<wire::DnsName, IpAddress>> addresses;
  std::size_t line_number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (const auto comment = line.find(';'); comment != std::string_view::npos) line = line.substr(0, comment);
    std::vector<std::string> fields = fields_of(line);
    if (fields.empty()) continue;
    const auto fail = [&](const std::string& why) {
      error = "line " + std::to_string(line_number) + ": " + why;
      return std::nullopt;
    };
    // NAME [TTL] [CLASS] TYPE DATA, TTL and class in either order (RFC 1035 section 5.1).
    std::size_t at = 1;
    for (int optional_field = 0; optional_field < 2 && at + 1 < fields.size(); ++optional_field) {
      if (is_number(fields[at]) || fields[at] == "IN" || fields[at] == "in") ++at;
    }
    if (at + 1 >= fields.size()) return fail("expected NAME [TTL] [IN] TYPE DATA");
    const auto owner = wire::DnsName::from_text(fields[0]);
    if (!owner) return fail("bad name '" + fields[0] + "': " + std::string(wire::to_string(owner.error())));
    const auto type = wire::dns_type_from_text(fields[at]);
    const std::string& data = fields[at + 1];
    if (!type || (*type != wire::dns_type::ns && *type != wire::dns_type::a && *type != wire::dns_type::aaaa)) {
      return fail("type '" + fields[at] + "' is not NS, A or AAAA");
    }
    if (*type == wire::dns_type::ns) {
      if (!owner->is_root()) return fail("NS records must belong to '.', not " + owner->to_text());
      const auto target = wire::DnsName::from_text(data);
      if (!target) return fail("bad name server name '" + data + "'");
      hints.push_back(NameServerHint{*target, {}});
      continue;
    }
    const auto address = IpAddress::parse(data);
    if (!address || (address->family() == Family::ipv4) != (*type == wire::dns_type::a)) {
      return fail("cannot read '" + fields[at] + "' data '" + data + "'");
    }
    addresses.emplace_back(*owner, *address);
  }
  for (NameServerHint& hint : hints) {
    for (const auto& [owner, address] : addresses) {
      if (owner == *hint.name) hint.addresses.push_back(address);
    }
  }
  std::erase_if(hints, [](const NameServerHint& hint) { return hint.addresses.empty(); });
  if (hints.empty()) {
    error = "no root server with an address (NS records of '.' and A/AAAA records for their names)";
    return std::nullopt;
  }
  return hints;
}

}  // namespace netdiag::dns
