// The resolver against a scripted hierarchy (fake_dns.hpp) on a fake clock: every rule of
// dns/resolver.hpp, step by step.
#include <doctest/doctest.h>

#include <algorithm>

#include "fake_dns.hpp"
#include "netdiag/dns/resolver.hpp"
#include "netdiag/wire/dns_rdata.hpp"

using namespace netdiag;
using namespace netdiag::dns;
using netdiag::test::FakeBehaviour;
using netdiag::test::FakeClock;
using netdiag::test::FakeDns;
using netdiag::test::ip;
using netdiag::test::name;
namespace dns_type = wire::dns_type;

namespace {

std::string soa(const std::string& origin, int serial) {
  const std::string under = origin == "." ? "" : origin;
  return origin + " 3600 SOA ns." + under + " hostmaster." + under + " " + std::to_string(serial) +
         " 1800 900 604800 300";
}

// The lab of tests/lab/dns_lab.sh in miniature.
struct Lab {
  FakeClock clock;
  FakeDns net{clock};
  ResolverConfig config;

  Lab() {
    net.zone(".", {soa(".", 1), ". 86400 NS a.root.lab.", "a.root.lab. 86400 A 198.18.53.10",
                   "lab. 86400 NS a.ns.lab.", "a.ns.lab. 86400 A 198.18.53.20", "a.ns.lab. 86400 AAAA fd00:53::20",
                   "test. 86400 NS a.ns.test.", "a.ns.test. 86400 A 198.18.53.30"});
    net.zone("lab.", {soa("lab.", 1), "lab. 3600 NS a.ns.lab.", "a.ns.lab. 3600 A 198.18.53.20",
                      "a.ns.lab. 3600 AAAA fd00:53::20",
                      "plain.lab. 3600 NS ns.plain.lab.", "ns.plain.lab. 3600 A 198.18.53.40",
                      "chain.lab. 3600 NS ns.plain.lab.",
                      "glueless.lab. 3600 NS ns1.hosting.test.",
                      "lame.lab. 3600 NS ns.lame.lab.", "lame.lab. 3600 NS ns.plain.lab.",
                      "ns.lame.lab. 3600 A 198.18.53.41",
                      "dead.lab. 3600 NS ns.dead.lab.", "dead.lab. 3600 NS ns.plain.lab.",
                      "ns.dead.lab. 3600 A 198.18.53.42", "ns.dead.lab. 3600 AAAA fd00:53::42",
                      "alldead.lab. 3600 NS ns.alldead.lab.", "ns.alldead.lab. 3600 A 198.18.53.42",
                      "ns.alldead.lab. 3600 AAAA fd00:53::42",
                      "loop1.lab. 3600 NS ns.loop2.lab.", "loop2.lab. 3600 NS ns.loop1.lab.",
                      "old.lab. 3600 DNAME plain.lab."});
    net.zone("test.", {soa("test.", 1), "test. 3600 NS a.ns.test.", "a.ns.test. 3600 A 198.18.53.30",
                       "other.test. 3600 NS ns.other.test.", "ns.other.test. 3600 A 198.18.53.50",
                       "hosting.test. 3600 NS ns1.hosting.test.", "ns1.hosting.test. 3600 A 198.18.53.60"});
    net.zone("plain.lab.", {soa("plain.lab.", 2026112101), "plain.lab. 3600 NS ns.plain.lab.",
                            "ns.plain.lab. 3600 A 198.18.53.40", "www.plain.lab. 300 A 198.18.53.80",
                            "www.plain.lab. 300 AAAA fd00:53::80", "a.b.c.d.e.f.plain.lab. 300 A 198.18.53.84"});
    net.zone("chain.lab.", {soa("chain.lab.", 1), "chain.lab. 3600 NS ns.plain.lab.",
                            "www.chain.lab. 300 CNAME alias.other.test.",
                            "loop.chain.lab. 300 CNAME loop2.chain.lab.", "loop2.chain.lab. 300 CNAME loop.chain.lab."});
    net.zone("lame.lab.", {soa("lame.lab.", 1), "lame.lab. 3600 NS ns.plain.lab.", "www.lame.lab. 300 A 198.18.53.82"});
    net.zone("dead.lab.", {soa("dead.lab.", 1), "dead.lab. 3600 NS ns.plain.lab.", "www.dead.lab. 300 A 198.18.53.83"});
    net.zone("other.test.", {soa("other.test.", 1), "other.test. 3600 NS ns.other.test.",
                             "alias.other.test. 300 CNAME www.plain.lab."});
    net.zone("hosting.test.", {soa("hosting.test.", 1), "hosting.test. 3600 NS ns1.hosting.test.",
                               "ns1.hosting.test. 3600 A 198.18.53.60"});
    net.zone("glueless.lab.", {soa("glueless.lab.", 1), "glueless.lab. 3600 NS ns1.hosting.test.",
                               "host.glueless.lab. 300 A 198.18.53.81"});
    net.server("198.18.53.10", {"."});
    net.server("198.18.53.20", {"lab."});
    net.server("fd00:53::20", {"lab."});
    net.server("198.18.53.30", {"test."});
    net.server("198.18.53.40", {"plain.lab.", "chain.lab.", "lame.lab.", "dead.lab."});
    net.server("198.18.53.41", {"plain.lab."});  // lame for lame.lab.: REFUSED
    net.server("198.18.53.42", {}, FakeBehaviour::silent);
    net.server("fd00:53::42", {}, FakeBehaviour::silent);
    net.server("198.18.53.50", {"other.test."});
    net.server("198.18.53.60", {"hosting.test.", "glueless.lab."});
    config.root_hints = {NameServerHint{name("a.root.lab."), {ip("198.18.53.10")}}};
  }

  Resolver resolver() {
    return Resolver(config, net.function(), [this] { return clock.mono(); });
  }
  DnsReport resolve(std::string_view qname, std::uint16_t type = dns_type::a) {
    Resolver r = resolver();
    return r.resolve({name(qname), type, wire::dns_class_in}, clock.wall());
  }
};

std::vector<std::string> data_of(const std::vector<wire::DnsRecord>& records) {
  std::vector<std::string> out;
  for (const auto& record : records) out.push_back(wire::dns_rdata_to_text(record.type, record.rdata));
  return out;
}

std::vector<std::string> queries_of(const DnsReport& report) {
  std::vector<std::string> out;
  for (const auto& step : report.steps) {
    out.push_back(step.server.address.to_string() + " " + step.query.name.to_text() + " " +
                  wire::dns_type_to_text(step.query.type) + (step.transport == DnsTransport::tcp ? " tcp" : ""));
  }
  return out;
}

}  // namespace

TEST_CASE("a plain name: root, TLD, zone, with QNAME minimisation asking each only for the next label") {
  Lab lab;
  const DnsReport report = lab.resolve("www.plain.lab.");
  CHECK(report.result == DnsResult::answer);
  CHECK(data_of(report.answer) == std::vector<std::string>{"198.18.53.80"});
  CHECK(queries_of(report) == std::vector<std::string>{"198.18.53.10 lab. A", "198.18.53.20 plain.lab. A",
                                                       "198.18.53.40 www.plain.lab. A"});
  CHECK(report.steps[0].minimised);
  CHECK(report.steps[0].outcome == DnsOutcome::referral);
  CHECK(report.steps[0].detail == "referral to lab. (1 NS, 2 glue)");
  CHECK(report.steps[1].zone == name("lab."));
  CHECK_FALSE(report.steps[2].minimised);
  CHECK(report.steps[2].outcome == DnsOutcome::answer);
  CHECK(report.queries_sent == 3);
  CHECK(report.elapsed == std::chrono::milliseconds(30));
  CHECK(exit_status(report) == 0);
}

TEST_CASE("--no-qmin sends the whole name and type to every server") {
  Lab lab;
  lab.config.qname_minimisation = false;
  const DnsReport report = lab.resolve("www.plain.lab.", dns_type::aaaa);
  CHECK(queries_of(report) == std::vector<std::string>{"198.18.53.10 www.plain.lab. AAAA",
                                                       "198.18.53.20 www.plain.lab. AAAA",
                                                       "198.18.53.40 www.plain.lab. AAAA"});
  CHECK(data_of(report.answer) == std::vector<std::string>{"fd00:53::80"});
}

TEST_CASE("minimisation adds one label at a time inside a zone with no cuts, and skips what it learnt") {
  Lab lab;
  Resolver resolver = lab.resolver();
  const auto first = resolver.resolve({name("a.b.c.d.e.f.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  CHECK(first.result == DnsResult::answer);
  // f, e.f, d.e.f, c.d.e.f one label each (MINIMISE_ONE_LAB), then the rest.
  std::vector<std::string> asked;
  for (const auto& step : first.steps) {
    if (step.zone == name("plain.lab.")) asked.push_back(step.query.name.to_text());
  }
  CHECK(asked == std::vector<std::string>{"f.plain.lab.", "e.f.plain.lab.", "d.e.f.plain.lab.",
                                          "c.d.e.f.plain.lab.", "b.c.d.e.f.plain.lab.", "a.b.c.d.e.f.plain.lab."});
  const auto again = resolver.resolve({name("x.b.c.d.e.f.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  CHECK(again.result == DnsResult::nxdomain);
  CHECK(queries_of(again) == std::vector<std::string>{"198.18.53.40 x.b.c.d.e.f.plain.lab. A"});
}

TEST_CASE("a CNAME chain across zones restarts at each target, from what is already known") {
  Lab lab;
  const DnsReport report = lab.resolve("www.chain.lab.");
  CHECK(report.result == DnsResult::answer);
  CHECK(data_of(report.answer) ==
        std::vector<std::string>{"alias.other.test.", "www.plain.lab.", "198.18.53.80"});
  CHECK(report.final_name == name("www.plain.lab."));
  const auto outcomes = [&] {
    std::vector<DnsOutcome> out;
    for (const auto& step : report.steps) out.push_back(step.outcome);
    return out;
  }();
  CHECK(std::count(outcomes.begin(), outcomes.end(), DnsOutcome::cname) == 2);
  // The second hop starts at the root again, for test.; the third at lab., known from the first
  // (plain.lab.'s delegation is not: chain.lab. shares its server, not its zone).
  CHECK(queries_of(report) == std::vector<std::string>{
                                  "198.18.53.10 lab. A", "198.18.53.20 chain.lab. A", "198.18.53.40 www.chain.lab. A",
                                  "198.18.53.10 test. A", "198.18.53.30 other.test. A",
                                  "198.18.53.50 alias.other.test. A", "198.18.53.20 plain.lab. A",
                                  "198.18.53.40 www.plain.lab. A"});
}

TEST_CASE("a DNAME redirects the name to the target zone") {
  Lab lab;
  const DnsReport report = lab.resolve("www.old.lab.");
  CHECK(report.result == DnsResult::answer);
  CHECK(data_of(report.answer).back() == "198.18.53.80");
  CHECK(std::any_of(report.steps.begin(), report.steps.end(),
                    [](const DnsStep& s) { return s.outcome == DnsOutcome::dname; }));
}

TEST_CASE("a glueless delegation: the name server's address is resolved from the root too") {
  Lab lab;
  const DnsReport report = lab.resolve("host.glueless.lab.");
  REQUIRE(report.result == DnsResult::answer);
  CHECK(data_of(report.answer) == std::vector<std::string>{"198.18.53.81"});
  const auto lookup = std::find_if(report.steps.begin(), report.steps.end(),
                                   [](const DnsStep& s) { return s.depth == 1; });
  REQUIRE(lookup != report.steps.end());
  CHECK(lookup->for_server == name("ns1.hosting.test."));
  CHECK(lookup->server.address == ip("198.18.53.10"));
  CHECK(report.steps.back().server.address == ip("198.18.53.60"));
  CHECK(report.steps.back().depth == 0);
}

TEST_CASE("a lame server (REFUSED) is marked and the next one asked; never again in this run") {
  Lab lab;
  // lame.lab.'s first server, ns.lame.lab., serves only plain.lab.
  Resolver resolver = lab.resolver();
  const DnsReport report = resolver.resolve({name("www.lame.lab."), dns_type::a, 1}, lab.clock.wall());
  CHECK(report.result == DnsResult::answer);
  const auto refused = std::find_if(report.steps.begin(), report.steps.end(),
                                    [](const DnsStep& s) { return s.outcome == DnsOutcome::refused; });
  REQUIRE(refused != report.steps.end());
  CHECK(refused->server.name == name("ns.lame.lab."));
  const auto again = resolver.resolve({name("www.lame.lab."), dns_type::aaaa, 1}, lab.clock.wall());
  CHECK(queries_of(again) == std::vector<std::string>{"198.18.53.40 www.lame.lab. AAAA"});
}

TEST_CASE("a silent server times out and the next one answers; one with no good server is SERVFAIL") {
  Lab lab;
  const DnsReport report = lab.resolve("www.dead.lab.");
  CHECK(report.result == DnsResult::answer);
  CHECK(std::any_of(report.steps.begin(), report.steps.end(),
                    [](const DnsStep& s) { return s.outcome == DnsOutcome::timeout && !s.rtt; }));

  Lab lab2;
  const DnsReport dead = lab2.resolve("www.alldead.lab.");
  CHECK(dead.result == DnsResult::servfail);
  CHECK(exit_status(dead) == 1);
  // Two rounds (--tries 2) of the one server, one at each of its addresses.
  CHECK(std::count_if(dead.steps.begin(), dead.steps.end(),
                      [](const DnsStep& s) { return s.outcome == DnsOutcome::timeout; }) == 2);
  CHECK(queries_of(dead).back() == "fd00:53::42 www.alldead.lab. A");
  CHECK(dead.failure.find("no server of alldead.lab. answered") != std::string::npos);
  CHECK(dead.failure.find("ns.alldead.lab. (fd00:53::42): no response") != std::string::npos);
}

TEST_CASE("a truncated UDP answer is asked again over TCP") {
  Lab lab;
  std::vector<std::string> lines{soa("plain.lab.", 1), "plain.lab. 3600 NS ns.plain.lab.",
                                 "ns.plain.lab. 3600 A 198.18.53.40"};
  for (int i = 0; i < 12; ++i) {
    lines.push_back("big.plain.lab. 300 TXT \"" + std::to_string(i) + std::string(180, 'x') + "\"");
  }
  lab.net.zone("plain.lab.", lines);
  const DnsReport report = lab.resolve("big.plain.lab.", dns_type::txt);
  CHECK(report.result == DnsResult::answer);
  CHECK(report.answer.size() == 12);
  const auto n = report.steps.size();
  REQUIRE(n >= 2);
  CHECK(report.steps[n - 2].outcome == DnsOutcome::truncated);
  CHECK(report.steps[n - 2].transport == DnsTransport::udp);
  CHECK(report.steps[n - 1].transport == DnsTransport::tcp);
  CHECK(report.steps[n - 1].response_bytes > 1232);
}

TEST_CASE("a delegation loop ends in SERVFAIL that names the loop") {
  Lab lab;
  const DnsReport report = lab.resolve("www.loop1.lab.");
  CHECK(report.result == DnsResult::servfail);
  CHECK(report.failure.find("delegation loop") != std::string::npos);
  CHECK(report.queries_sent < 32);
}

TEST_CASE("NXDOMAIN and NODATA come with the zone's SOA") {
  Lab lab;
  const DnsReport missing = lab.resolve("nosuch.plain.lab.");
  CHECK(missing.result == DnsResult::nxdomain);
  REQUIRE(missing.authority.size() == 1);
  CHECK(wire::dns_record_soa(missing.authority[0])->serial == 2026112101);
  CHECK(exit_status(missing) == 1);

  const DnsReport nodata = lab.resolve("www.plain.lab.", dns_type::mx);
  CHECK(nodata.result == DnsResult::nodata);
  CHECK(nodata.authority.size() == 1);
}

TEST_CASE("a minimised NXDOMAIN ends the resolution (RFC 8020)") {
  Lab lab;
  const DnsReport report = lab.resolve("www.nosuch.lab.");
  CHECK(report.result == DnsResult::nxdomain);
  CHECK(queries_of(report) == std::vector<std::string>{"198.18.53.10 lab. A", "198.18.53.20 nosuch.lab. A"});
}

TEST_CASE("the query budget ends the resolution with a SERVFAIL that says where") {
  Lab lab;
  lab.config.max_queries = 2;
  const DnsReport report = lab.resolve("www.plain.lab.");
  CHECK(report.result == DnsResult::servfail);
  CHECK(report.queries_sent == 2);
  CHECK(report.failure.find("query budget of 2 spent at zone plain.lab.") != std::string::npos);
}

TEST_CASE("a CNAME loop and an over-long chain end in SERVFAIL") {
  Lab lab;
  const DnsReport loop = lab.resolve("loop.chain.lab.");
  CHECK(loop.result == DnsResult::servfail);
  CHECK(loop.failure.find("loop") != std::string::npos);

  Lab lab2;
  std::vector<std::string> lines{soa("plain.lab.", 1), "plain.lab. 3600 NS ns.plain.lab.",
                                 "ns.plain.lab. 3600 A 198.18.53.40"};
  for (int i = 0; i < 14; ++i) {
    // Each hop crosses into a zone of its own (c0.lab. … c13.lab.), so each is a restart.
    lines.push_back("x.plain.lab. 300 A 198.18.53.80");
  }
  lab2.config.max_restarts = 1;
  const DnsReport chain = lab2.resolve("www.chain.lab.");
  CHECK(chain.result == DnsResult::servfail);
  CHECK(chain.failure.find("longer than 1 restarts") != std::string::npos);
}

TEST_CASE("out-of-bailiwick glue is not believed, the name server is looked up instead") {
  Lab lab;
  // lab.'s server claims an address for ns1.hosting.test., which only test. may say.
  lab.net.tamper = [](const IpAddress& server, wire::DnsMessage& message) {
    if (server == ip("198.18.53.20") && !message.authority.empty() &&
        message.authority[0].name == name("glueless.lab.")) {
      message.additional.push_back(netdiag::test::rr("ns1.hosting.test. 3600 A 198.18.53.42"));
    }
  };
  const DnsReport report = lab.resolve("host.glueless.lab.");
  CHECK(report.result == DnsResult::answer);
  const auto referral = std::find_if(report.steps.begin(), report.steps.end(), [](const DnsStep& s) {
    return s.outcome == DnsOutcome::referral && s.detail.find("glueless.lab.") != std::string::npos;
  });
  REQUIRE(referral != report.steps.end());
  CHECK(referral->detail == "referral to glueless.lab. (1 NS, 0 glue, 1 out-of-bailiwick glue ignored)");
  for (const auto& step : report.steps) CHECK(step.server.address != ip("198.18.53.42"));
}

TEST_CASE("lame answers: a referral upward, and records without AA") {
  Lab lab;
  lab.net.tamper = [](const IpAddress& server, wire::DnsMessage& message) {
    if (server == ip("198.18.53.20") || server == ip("fd00:53::20")) {  // lab. refers back to the root
      message.header.aa = false;
      message.answers.clear();
      message.additional.clear();
      message.authority = {netdiag::test::rr(". 3600 NS a.root.lab.")};
    }
  };
  const DnsReport upward = lab.resolve("www.plain.lab.");
  CHECK(upward.result == DnsResult::servfail);
  CHECK(upward.steps[1].outcome == DnsOutcome::lame);
  CHECK(upward.steps[1].detail == "lame: referral upward to .");

  Lab lab2;
  lab2.net.tamper = [](const IpAddress& server, wire::DnsMessage& message) {
    if (server == ip("198.18.53.40")) message.header.aa = false;
  };
  const DnsReport not_aa = lab2.resolve("www.plain.lab.");
  CHECK(not_aa.result == DnsResult::servfail);
  CHECK(not_aa.steps.back().outcome == DnsOutcome::lame);
}

TEST_CASE("garbage, SERVFAIL and unreachable servers are failures with their reason") {
  for (const auto behaviour : {FakeBehaviour::garbage, FakeBehaviour::servfail, FakeBehaviour::unreachable}) {
    Lab lab;
    lab.net.server("198.18.53.40", {}, behaviour);
    const DnsReport report = lab.resolve("www.plain.lab.");
    CHECK(report.result == DnsResult::servfail);
    const DnsOutcome expected = behaviour == FakeBehaviour::garbage    ? DnsOutcome::malformed
                                : behaviour == FakeBehaviour::servfail ? DnsOutcome::servfail
                                                                       : DnsOutcome::network_error;
    CHECK(report.steps.back().outcome == expected);
  }
}

TEST_CASE("batch: a second name in a known zone starts at that zone") {
  Lab lab;
  Resolver resolver = lab.resolver();
  resolver.resolve({name("www.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  const auto second = resolver.resolve({name("www.plain.lab."), dns_type::aaaa, 1}, lab.clock.wall());
  CHECK(queries_of(second) == std::vector<std::string>{"198.18.53.40 www.plain.lab. AAAA"});
  // Once plain.lab.'s delegation (TTL 3600 s) has run out, the walk starts again from lab.,
  // whose delegation from the root (86400 s) still holds.
  lab.clock.advance(std::chrono::hours(2));
  const auto later = resolver.resolve({name("www.plain.lab."), dns_type::aaaa, 1}, lab.clock.wall());
  CHECK(later.steps.front().server.address == ip("198.18.53.20"));
}

TEST_CASE("batch: an answer is remembered for its TTL; a CNAME target resolved earlier is a cached step") {
  Lab lab;
  Resolver resolver = lab.resolver();
  resolver.resolve({name("www.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  lab.clock.advance(std::chrono::seconds(100));
  const auto chain = resolver.resolve({name("www.chain.lab."), dns_type::a, 1}, lab.clock.wall());
  REQUIRE(chain.result == DnsResult::answer);
  CHECK(data_of(chain.answer) == std::vector<std::string>{"alias.other.test.", "www.plain.lab.", "198.18.53.80"});
  const auto sent = queries_of(chain);
  CHECK(std::count(sent.begin(), sent.end(), "198.18.53.40 www.plain.lab. A") == 1);  // the cached step
  const DnsStep& last = chain.steps.back();
  CHECK(last.cached);
  CHECK_FALSE(last.rtt);
  CHECK(last.server.address == ip("198.18.53.40"));
  CHECK(last.zone == name("plain.lab."));
  CHECK(last.detail.starts_with("cached 100 s ago: "));
  CHECK(chain.answer.back().ttl == 200);  // 300 s, aged by 100
  CHECK(chain.queries_sent == chain.steps.size() - 1);
  CHECK(std::count_if(chain.steps.begin(), chain.steps.end(), [](const DnsStep& s) { return s.cached; }) == 1);

  // Past its TTL, the name is asked again.
  lab.clock.advance(std::chrono::seconds(200));
  const auto again = resolver.resolve({name("www.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  CHECK(queries_of(again) == std::vector<std::string>{"198.18.53.40 www.plain.lab. A"});
  CHECK_FALSE(again.steps.back().cached);
  CHECK(again.queries_sent == 1);
}

TEST_CASE("batch: NXDOMAIN and NODATA are remembered for the SOA's MINIMUM (RFC 2308), not with --all-servers") {
  Lab lab;
  Resolver resolver = lab.resolver();
  resolver.resolve({name("nosuch.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  resolver.resolve({name("www.plain.lab."), dns_type::txt, 1}, lab.clock.wall());
  lab.clock.advance(std::chrono::seconds(299));
  const auto nxdomain = resolver.resolve({name("nosuch.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  CHECK(nxdomain.result == DnsResult::nxdomain);
  CHECK(nxdomain.queries_sent == 0);
  REQUIRE(nxdomain.steps.size() == 1);
  CHECK(nxdomain.steps[0].cached);
  REQUIRE(nxdomain.authority.size() == 1);
  CHECK(nxdomain.authority[0].ttl == 3600 - 299);
  const auto nodata = resolver.resolve({name("www.plain.lab."), dns_type::txt, 1}, lab.clock.wall());
  CHECK(nodata.result == DnsResult::nodata);
  CHECK(nodata.queries_sent == 0);
  // The SOA says MINIMUM 300 (its own TTL is 3600): after 300 s both are asked again.
  lab.clock.advance(std::chrono::seconds(1));
  CHECK(resolver.resolve({name("nosuch.plain.lab."), dns_type::a, 1}, lab.clock.wall()).queries_sent == 1);
  CHECK(resolver.resolve({name("www.plain.lab."), dns_type::txt, 1}, lab.clock.wall()).queries_sent == 1);

  lab.config.all_servers = true;
  Resolver auditing = lab.resolver();
  auditing.resolve({name("www.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  const auto asked = auditing.resolve({name("www.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  CHECK(asked.queries_sent >= 1);
  CHECK(std::none_of(asked.steps.begin(), asked.steps.end(), [](const DnsStep& s) { return s.cached; }));
}

TEST_CASE("batch: a server that stayed silent is asked after the others of its zone, for 900 s") {
  Lab lab;
  Resolver resolver = lab.resolver();
  const auto first = resolver.resolve({name("www.dead.lab."), dns_type::a, 1}, lab.clock.wall());
  CHECK(first.steps.back().server.address == ip("198.18.53.40"));
  CHECK(std::any_of(first.steps.begin(), first.steps.end(),
                    [](const DnsStep& s) { return s.outcome == DnsOutcome::timeout; }));
  // Silent at its IPv4 address, ns.dead.lab. goes last, its IPv6 address untried too.
  const auto second = resolver.resolve({name("www.dead.lab."), dns_type::aaaa, 1}, lab.clock.wall());
  CHECK(queries_of(second) == std::vector<std::string>{"198.18.53.40 www.dead.lab. AAAA"});
  // Still asked when nobody else answers: alldead.lab.'s only server is the same silent one.
  const auto alldead = resolver.resolve({name("www.alldead.lab."), dns_type::a, 1}, lab.clock.wall());
  CHECK(alldead.result == DnsResult::servfail);
  CHECK(alldead.steps.back().server.address == ip("198.18.53.42"));
  // Once the memory has run out, the NS set's order holds again.
  lab.clock.advance(kSilentServerMemory + std::chrono::seconds(1));
  const auto later = resolver.resolve({name("www.dead.lab."), dns_type::txt, 1}, lab.clock.wall());
  REQUIRE_FALSE(later.steps.empty());
  CHECK(later.steps.front().server.address == ip("198.18.53.42"));
}

TEST_CASE("DS is asked of the parent zone") {
  Lab lab;
  lab.net.zone("lab.", {soa("lab.", 1), "lab. 3600 NS a.ns.lab.", "a.ns.lab. 3600 A 198.18.53.20",
                        "plain.lab. 3600 NS ns.plain.lab.", "ns.plain.lab. 3600 A 198.18.53.40",
                        "plain.lab. 3600 DS \\# 36 30390d02" + std::string(64, 'a')});
  const DnsReport report = lab.resolve("plain.lab.", dns_type::ds);
  CHECK(report.result == DnsResult::answer);
  CHECK(report.steps.back().server.address == ip("198.18.53.20"));
}

TEST_CASE("-6 asks only IPv6 addresses; a zone without one fails") {
  Lab lab;
  lab.config.use_ipv4 = false;
  lab.config.root_hints = {NameServerHint{name("a.root.lab."), {ip("198.18.53.10")}}};
  const DnsReport report = lab.resolve("www.plain.lab.");
  CHECK(report.result == DnsResult::servfail);
  CHECK(report.queries_sent == 0);
}

TEST_CASE("--all-servers asks every server of the zone and reports disagreements and dead servers") {
  Lab lab;
  lab.config.all_servers = true;
  lab.config.qname_minimisation = false;
  lab.net.zone("plain.lab.", {soa("plain.lab.", 7), "plain.lab. 3600 NS ns.plain.lab.",
                              "ns.plain.lab. 3600 A 198.18.53.40", "www.plain.lab. 300 A 198.18.53.80"});
  lab.net.zone("lab.", {soa("lab.", 1), "lab. 3600 NS a.ns.lab.", "a.ns.lab. 3600 A 198.18.53.20",
                        "plain.lab. 3600 NS ns.plain.lab.", "plain.lab. 3600 NS ns2.plain.lab.",
                        "plain.lab. 3600 NS ns3.plain.lab.",
                        "ns.plain.lab. 3600 A 198.18.53.40", "ns2.plain.lab. 3600 A 198.18.53.43",
                        "ns3.plain.lab. 3600 A 198.18.53.42"});
  lab.net.zone("plain2.lab.", {});
  lab.net.server("198.18.53.43", {"plain.lab."});
  lab.net.tamper = [](const IpAddress& server, wire::DnsMessage& message) {
    if (server != ip("198.18.53.43")) return;
    for (auto& record : message.answers) {
      if (record.type == dns_type::a) record = netdiag::test::rr("www.plain.lab. 300 A 198.18.53.99");
      if (record.type == dns_type::soa) record = netdiag::test::rr(soa("plain.lab.", 8));
    }
  };
  const DnsReport report = lab.resolve("www.plain.lab.");
  CHECK(report.result == DnsResult::answer);
  CHECK(data_of(report.answer) == std::vector<std::string>{"198.18.53.80"});
  const auto mentions = [&](const std::string& text) {
    return std::any_of(report.disagreements.begin(), report.disagreements.end(),
                       [&](const std::string& d) { return d.find(text) != std::string::npos; });
  };
  CHECK(mentions("ns2.plain.lab. (198.18.53.43) says answer 198.18.53.99"));
  CHECK(mentions("ns3.plain.lab. (198.18.53.42) failed"));
  CHECK(mentions("SOA serials differ: 7 at ns.plain.lab. (198.18.53.40); 8 at ns2.plain.lab. (198.18.53.43)"));
}

TEST_CASE("stub mode asks one recursive server with RD set") {
  Lab lab;
  const Resolver::Clock clock = [&] { return lab.clock.mono(); };
  Resolver resolver(lab.config, lab.net.function(), clock);
  // The fake answers for its own zones as an authoritative server would: enough for a stub.
  const DnsReport report = resolver.ask_recursive({name("www.plain.lab."), dns_type::a, 1}, ip("198.18.53.40"),
                                                  lab.clock.wall());
  CHECK_FALSE(report.iterative);
  CHECK(report.result == DnsResult::answer);
  REQUIRE(lab.net.log.size() == 1);
  CHECK(lab.net.log[0].recursion_desired);
  const DnsReport referral = resolver.ask_recursive({name("www.plain.lab."), dns_type::a, 1}, ip("198.18.53.10"),
                                                    lab.clock.wall());
  CHECK(referral.result == DnsResult::servfail);
  CHECK(referral.steps[0].detail.starts_with("not recursive: referral to lab."));
}

TEST_CASE("an interrupted query ends the resolution as interrupted") {
  Lab lab;
  int calls = 0;
  Resolver resolver(lab.config, [&](const DnsQuery& q) {
    if (++calls == 2) return DnsExchange{DnsExchange::Status::interrupted, {}, {}, {}, 0};
    return lab.net.query(q);
  }, [&] { return lab.clock.mono(); });
  const DnsReport report = resolver.resolve({name("www.plain.lab."), dns_type::a, 1}, lab.clock.wall());
  CHECK(report.result == DnsResult::interrupted);
  CHECK(report.steps.size() == 1);
  CHECK(exit_status(report) == 1);
}

TEST_CASE("root hints: named.root format, and the built-in IANA ones") {
  std::string error;
  const auto hints = parse_root_hints(
      "; lab\n.  3600000 NS a.root.lab.\n.  3600000 IN NS b.root.lab.\na.root.lab. 3600000 A 198.18.53.10\n"
      "a.root.lab. 3600000 AAAA fd00:53::10\nb.root.lab. IN 3600000 A 198.18.53.11\n",
      error);
  REQUIRE(hints);
  REQUIRE(hints->size() == 2);
  CHECK((*hints)[0].addresses.size() == 2);
  CHECK((*hints)[1].name == name("b.root.lab."));
  CHECK_FALSE(parse_root_hints("a.root.lab. 1 A 300.1.1.1\n", error));
  CHECK(error == "line 1: cannot read 'A' data '300.1.1.1'");
  CHECK_FALSE(parse_root_hints("; nothing\n", error));
  CHECK(error.starts_with("no root server"));
  CHECK_FALSE(parse_root_hints("lab. 1 NS a.root.lab.\n", error));
  CHECK(error == "line 1: NS records must belong to '.', not lab.");
  const auto iana = iana_root_hints();
  CHECK(iana.size() == 13);
  for (const auto& hint : iana) CHECK(hint.addresses.size() == 2);
}

TEST_CASE("response_matches: ID, QR and question, name case-insensitively") {
  wire::DnsMessage message;
  message.header.id = 0x1234;
  message.header.qr = true;
  message.questions.push_back({name("www.plain.lab."), dns_type::a, 1});
  const auto bytes = *wire::build_dns_message(message);
  CHECK(response_matches(0x1234, {name("WWW.Plain.LAB."), dns_type::a, 1}, bytes));
  CHECK_FALSE(response_matches(0x1235, {name("www.plain.lab."), dns_type::a, 1}, bytes));
  CHECK_FALSE(response_matches(0x1234, {name("www.plain.lab."), dns_type::aaaa, 1}, bytes));
  CHECK_FALSE(response_matches(0x1234, {name("other.lab."), dns_type::a, 1}, bytes));
  message.header.qr = false;
  CHECK_FALSE(response_matches(0x1234, {name("www.plain.lab."), dns_type::a, 1}, *wire::build_dns_message(message)));
  CHECK_FALSE(response_matches(0x1234, {name("www.plain.lab."), dns_type::a, 1}, std::span<const std::byte>{}));
}
