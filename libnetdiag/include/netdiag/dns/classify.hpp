// What one response means to an iterative resolver: one explicit, tested function, with the
// bailiwick rules in one place. A response is read relative to the zone the server was asked as
// a server of; records outside that zone are never believed (RFC 2181 section 5.4.1).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/model/dns_report.hpp"
#include "netdiag/wire/dns_message.hpp"
#include "netdiag/wire/dns_name.hpp"

namespace netdiag::dns {

struct Glue {
  wire::DnsName name;
  IpAddress address;
  std::uint32_t ttl = 0;
};

struct ResponseClass {
  DnsOutcome outcome = DnsOutcome::error;
  std::string detail;  // one line for the step: "referral to lab. (2 NS, 4 glue)", "lame: …"

  // referral: the child zone, its name servers in the order given, the glue that may be used.
  wire::DnsName child_zone;
  std::vector<wire::DnsName> name_servers;
  std::vector<Glue> glue;
  std::uint32_t delegation_ttl = 0;

  // answer, cname, dname, nxdomain, nodata:
  std::vector<wire::DnsRecord> chain;   // CNAME / DNAME records followed inside this response
  std::vector<wire::DnsRecord> answer;  // the records of the type asked, for next_name
  wire::DnsName next_name;              // where the chain ends (the name asked when no chain)
  std::vector<wire::DnsRecord> soa;     // a negative answer's SOA
};

enum class ResponseMode : std::uint8_t {
  iterative,  // from an authoritative server: answers need AA, records must be in bailiwick
  stub,       // from a recursive resolver (--server): answers need not be AA, no bailiwick
};

// `zone` is the zone the server was asked as a server of; `asked` the question sent over
// `transport` (a TC over UDP is `truncated`).
ResponseClass classify_response(const wire::DnsMessage& response, const wire::DnsName& zone,
                                const wire::DnsQuestion& asked, DnsTransport transport, ResponseMode mode);

}  // namespace netdiag::dns
