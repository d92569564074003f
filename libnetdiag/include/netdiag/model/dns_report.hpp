// Plain result structs of an nd-dns resolution: every query sent (a DnsStep, with what came back
// and what the resolver made of it), the final records, and how the resolution ended.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/wire/dns_message.hpp"
#include "netdiag/wire/dns_name.hpp"

namespace netdiag {

enum class DnsTransport : std::uint8_t { udp, tcp };
std::string_view to_string(DnsTransport transport);

// What one response meant to the resolver. The names are the JSON's `outcome`.
enum class DnsOutcome : std::uint8_t {
  referral,       // a delegation to a zone closer to the name
  answer,         // authoritative records of the type asked
  cname,          // the name is an alias (CNAME): resolution continues at its target
  dname,          // an ancestor is redirected (DNAME, RFC 6672): continues at the synthesised name
  nxdomain,       // the name does not exist
  nodata,         // the name exists, without records of that type
  lame,           // the server is not authoritative for the zone it was asked about
  timeout,        // no acceptable response within -W
  refused,        // rcode REFUSED
  servfail,       // rcode SERVFAIL
  truncated,      // TC over UDP: asked again over TCP
  malformed,      // a response with the right ID and question that does not parse
  network_error,  // the query could not be sent or the server's host is unreachable (ICMP)
  error,          // another rcode (FORMERR, NOTIMP, BADVERS …)
};
std::string_view to_string(DnsOutcome outcome);
// Whether the server failed (the resolver moves on to the zone's next server).
bool is_server_failure(DnsOutcome outcome);

enum class DnsSection : std::uint8_t { answer, authority, additional };
std::string_view to_string(DnsSection section);

struct DnsStepRecord {
  DnsSection section = DnsSection::answer;
  wire::DnsRecord record;
};

struct DnsServer {
  std::optional<wire::DnsName> name;  // nullopt for @SERVER / --server given as an address
  IpAddress address;
};

struct DnsStep {
  wire::DnsName zone;            // the zone the server was asked as a server of
  DnsServer server;
  wire::DnsQuestion query;
  DnsTransport transport = DnsTransport::udp;
  bool minimised = false;        // QNAME minimisation (RFC 9156): not the name or type asked
  // Non-zero when the step belongs to finding a name server's address (a glueless delegation):
  // 1 for a server of the main resolution, 2 for a server needed by that lookup, …
  unsigned depth = 0;
  std::optional<wire::DnsName> for_server;  // the name server whose address is being looked up
  // Answered from what an earlier resolution of this run (a batch) learnt: no query was sent;
  // zone, server, header and records are those of the response it came from, TTLs aged.
  bool cached = false;
  std::optional<Duration> rtt;   // nullopt for a timeout or network error
  std::optional<wire::DnsHeader> header;  // of the accepted response
  std::size_t response_bytes = 0;
  DnsOutcome outcome = DnsOutcome::timeout;
  // One line that says what came back or why it was rejected: "referral to com. (13 NS, 26 glue)",
  // "CNAME to alias.other.test.", "lame: referral upward to lab.", "connection refused".
  std::string detail;
  std::vector<DnsStepRecord> records;
};

enum class DnsResult : std::uint8_t { answer, nxdomain, nodata, servfail, interrupted };
std::string_view to_string(DnsResult result);

struct DnsReport {
  wire::DnsQuestion question;
  bool iterative = true;          // false for --server (stub)
  std::vector<DnsStep> steps;
  DnsResult result = DnsResult::servfail;
  // The answer: the CNAME/DNAME chain in order, then the records of the type asked. For NXDOMAIN
  // and NODATA, `authority` holds the SOA that says so.
  std::vector<wire::DnsRecord> answer;
  std::vector<wire::DnsRecord> authority;
  wire::DnsName final_name;       // where the CNAME/DNAME chain ended
  // For servfail: which limit or failure ended the resolution and where, in one sentence.
  std::string failure;
  std::uint32_t queries_sent = 0;
  Duration elapsed{};
  WallTime started_at{};

  // --all-servers: disagreements between the servers of one zone, one sentence each.
  std::vector<std::string> disagreements;
};

// 0 answer, 1 NXDOMAIN, NODATA, SERVFAIL (or interrupted before an answer).
int exit_status(const DnsReport& report);

}  // namespace netdiag
