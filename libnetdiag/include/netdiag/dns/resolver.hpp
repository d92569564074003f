// nd-dns's resolver: iterative resolution from the root (or a given server), one query at a
// time through the QueryFunction seam, every query recorded as a DnsStep. No sockets, threads or
// clocks of its own: the time comes from the `now` function, so tests run it on a fake clock.
//
// What it does (each rule has a unit test in tests/dns/resolver_test.cpp):
//   - starts at the deepest zone it already knows servers for: the root hints, or a delegation
//     learnt earlier in this run (batch mode, -f, reuses them, as a caching resolver would);
//   - QNAME minimisation (RFC 9156): asks each zone only for the next label, with QTYPE A
//     (section 2.1), one label at a time for MINIMISE_ONE_LAB (4) queries and then in larger
//     steps so at most MAX_MINIMISE_COUNT (10) are minimised (section 2.3); a NODATA or an answer
//     means "no zone cut here, add a label", an NXDOMAIN ends the resolution (RFC 8020);
//   - follows referrals only downwards, using only glue within the referring zone's bailiwick;
//     name servers without usable glue are looked up iteratively too (depth > 0 steps), never via
//     the system's resolver, and only when every server with an address has failed;
//   - tries a zone's servers in turn: a timeout or network error gets another chance next round
//     (`tries` rounds), a lame, REFUSED, SERVFAIL or malformed response does not;
//   - TC over UDP: the same query to the same server over TCP;
//   - chases CNAME and DNAME (RFC 6672) across zones, at most `max_restarts` (unbound's 11);
//   - budgets: `max_queries` per resolution (unbound's 32), `max_referrals`, `max_lookup_depth`
//     nested name-server lookups; a name server needed to find itself is a delegation loop.
//     Each ends in SERVFAIL with a sentence that says which limit and where;
//   - remembers, for the next resolutions of a batch: answers, NXDOMAIN and NODATA for their TTL
//     (negative ones for the SOA's, RFC 2308 section 5), shown as a `cached` step with no query
//     (not with --all-servers, which is there to ask); servers that stayed silent, which are then
//     asked after the others of their zone for kSilentServerMemory.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/dns/classify.hpp"
#include "netdiag/dns/exchange.hpp"
#include "netdiag/model/dns_report.hpp"
#include "netdiag/wire/dns_message.hpp"
#include "netdiag/wire/dns_name.hpp"

namespace netdiag::dns {

// A name server: its name (nullopt for a server given only by address, @SERVER) and addresses.
struct NameServerHint {
  std::optional<wire::DnsName> name;
  std::vector<IpAddress> addresses;
};

struct ResolverConfig {
  std::vector<NameServerHint> root_hints;  // the servers of "." to start from
  bool use_ipv4 = true;   // -4 / -6: which server addresses may be asked
  bool use_ipv6 = true;
  unsigned tries = 2;     // rounds over a zone's servers (a silent server is asked again)
  bool qname_minimisation = true;
  bool tcp_only = false;  // --tcp
  std::uint16_t edns_udp_size = 1232;
  unsigned max_queries = 32;
  unsigned max_restarts = 11;
  unsigned max_referrals = 30;
  unsigned max_lookup_depth = 4;
  bool all_servers = false;  // --all-servers: ask every server of every zone, report disagreements
};

inline constexpr unsigned kMinimiseOneLabel = 4;   // RFC 9156 section 2.3, MINIMISE_ONE_LAB
inline constexpr unsigned kMaxMinimiseCount = 10;  // RFC 9156 section 2.3, MAX_MINIMISE_COUNT
// How long a server that did not answer is asked last: unbound keeps a server's timeouts in its
// infrastructure cache for infra-host-ttl, 900 s.
inline constexpr std::chrono::seconds kSilentServerMemory{900};

class Resolver {
 public:
  using Clock = std::function<MonoTime()>;
  using StepObserver = std::function<void(const DnsStep&)>;

  Resolver(ResolverConfig config, QueryFunction query, Clock now, StepObserver on_step = {});

  // Iterative resolution of `question`. Delegations and name-server addresses learnt stay for
  // the next call (until their TTL runs out).
  DnsReport resolve(const wire::DnsQuestion& question, WallTime started_at);
  // Stub mode (--server): `question` with RD set to one recursive server, TC → TCP.
  DnsReport ask_recursive(const wire::DnsQuestion& question, const IpAddress& server, WallTime started_at);

 private:
  struct NameServer {
    std::optional<wire::DnsName> name;
    std::vector<IpAddress> addresses;
  };
  struct Delegation {
    std::vector<NameServer> servers;
    MonoTime expires{};  // MonoTime::max() for the root hints
  };
  // A resolution's end (answer, NXDOMAIN or NODATA), kept for the next ones until `expires`.
  struct CachedAnswer {
    DnsResult result = DnsResult::answer;
    std::vector<wire::DnsRecord> answer;
    std::vector<wire::DnsRecord> authority;
    wire::DnsName final_name;
    DnsStep step;  // the query whose response settled it
    MonoTime stored{};
    MonoTime expires{};
  };
  struct Resolution;
  struct Outcome;
  struct Asked;

  Outcome resolve_name(Resolution& run, const wire::DnsName& name, std::uint16_t type, unsigned depth,
                       const std::optional<wire::DnsName>& for_server);
  Outcome resolve_once(Resolution& run, const wire::DnsName& name, std::uint16_t type, unsigned depth,
                       const std::optional<wire::DnsName>& for_server);
  Asked ask_zone(Resolution& run, const wire::DnsName& zone, Delegation delegation, const wire::DnsQuestion& question,
                 bool minimised, unsigned depth, const std::optional<wire::DnsName>& for_server);
  Asked ask_server(Resolution& run, const wire::DnsName& zone, const std::optional<wire::DnsName>& server_name,
                   const IpAddress& address, const wire::DnsQuestion& question, bool minimised, unsigned depth,
                   const std::optional<wire::DnsName>& for_server, bool counts_against_budget);
  void audit_zone(Resolution& run, const wire::DnsName& zone, const Delegation& delegation,
                  const wire::DnsQuestion& question, bool minimised, const Asked& first, unsigned depth);
  std::optional<Outcome> cached_answer(Resolution& run, const wire::DnsName& name, std::uint16_t type, unsigned depth,
                                       const std::optional<wire::DnsName>& for_server);
  void remember_answer(const wire::DnsName& name, std::uint16_t type, const Outcome& outcome, const DnsStep& step);
  bool is_silent(const IpAddress& address) const;
  std::optional<std::string> find_addresses(Resolution& run, NameServer& server, unsigned depth);
  std::vector<IpAddress> usable(const std::vector<IpAddress>& addresses) const;
  std::pair<wire::DnsName, Delegation*> closest_delegation(const wire::DnsName& name, std::uint16_t type);
  void learn_delegation(const ResponseClass& referral);

  ResolverConfig config_;
  QueryFunction query_;
  Clock now_;
  StepObserver on_step_;
  std::map<wire::DnsName, Delegation> delegations_;
  std::map<wire::DnsName, std::pair<std::vector<IpAddress>, MonoTime>> addresses_;  // name-server addresses
  std::map<std::pair<wire::DnsName, IpAddress>, std::string> bad_servers_;  // (zone, server): why not to ask
  std::set<wire::DnsName> non_cuts_;  // names a minimised query showed are not zone cuts
  std::map<std::pair<wire::DnsName, std::uint16_t>, CachedAnswer> answers_;  // (name, type)
  std::map<IpAddress, MonoTime> silent_until_;  // servers that did not answer, until when to ask them last
};

// The IANA root hints (https://www.internic.net/domain/named.root): 13 servers, IPv4 and IPv6.
std::vector<NameServerHint> iana_root_hints();

// A root-hints file in named.root's format: "NAME TTL [CLASS] TYPE DATA" lines, ';' comments.
// NS records of "." name the servers, A and AAAA records give their addresses. Errors name the
// line: "line 12: cannot read 'A' data '198.18.53.x'".
std::optional<std::vector<NameServerHint>> parse_root_hints(std::string_view text, std::string& error);

}  // namespace netdiag::dns
