// A scripted DNS hierarchy for resolver tests: authoritative servers in code, answering as NSD
// would (referrals with glue, AA answers, CNAME/DNAME, NXDOMAIN/NODATA with the SOA, TC when a
// UDP answer exceeds the EDNS size), plus misbehaving ones (silent, REFUSED, SERVFAIL, lame,
// garbage). Every query advances the fake clock by the server's RTT, or by the timeout.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/fake_clock.hpp"
#include "netdiag/dns/exchange.hpp"
#include "netdiag/wire/dns_message.hpp"
#include "netdiag/wire/dns_name.hpp"

namespace netdiag::test {

// "www.plain.lab. 300 A 198.18.53.80" (NAME TTL TYPE DATA, class IN).
wire::DnsRecord rr(std::string_view line);
wire::DnsName name(std::string_view text);
IpAddress ip(std::string_view text);

enum class FakeBehaviour {
  authoritative,  // answers from its zones, REFUSED for names outside them
  silent,         // never answers (a timeout)
  refused,        // REFUSED to everything
  servfail,       // SERVFAIL to everything
  garbage,        // the right ID and question, then bytes that do not parse
  unreachable,    // ICMP port unreachable: a network error
};

struct FakeZone {
  wire::DnsName origin;
  std::vector<wire::DnsRecord> records;  // including the apex SOA and NS, cuts' NS and glue
};

class FakeDns {
 public:
  explicit FakeDns(FakeClock& clock) : clock_(clock) {}

  // Zone data from lines as rr() reads them; the first line must be the SOA.
  void zone(std::string_view origin, const std::vector<std::string>& lines);
  // A server at `address` authoritative for the named zones.
  void server(std::string_view address, const std::vector<std::string>& zones,
              FakeBehaviour behaviour = FakeBehaviour::authoritative);

  dns::DnsExchange query(const dns::DnsQuery& query);
  dns::QueryFunction function() {
    return [this](const dns::DnsQuery& q) { return query(q); };
  }

  std::vector<dns::DnsQuery> log;       // every query, in order
  Duration rtt = std::chrono::milliseconds(10);
  Duration timeout = std::chrono::seconds(2);
  // Applied to every answer a server gives, before it is encoded: tests forge responses here.
  std::function<void(const IpAddress&, wire::DnsMessage&)> tamper;

 private:
  wire::DnsMessage answer(const std::vector<const FakeZone*>& zones, const dns::DnsQuery& query) const;

  FakeClock& clock_;
  std::map<wire::DnsName, FakeZone> zones_;
  struct Server {
    std::vector<wire::DnsName> zones;
    FakeBehaviour behaviour = FakeBehaviour::authoritative;
  };
  std::map<IpAddress, Server> servers_;
};

}  // namespace netdiag::test
