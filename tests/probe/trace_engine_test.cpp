// The trace engine against fake topologies: a fake clock, a fake network that answers each probe
// according to its TTL, and no sleeping.
#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <map>
#include <vector>

#include "netdiag/io/udp_probe_socket.hpp"
#include "netdiag/probe/trace_engine.hpp"
#include "support/fake_clock.hpp"

using namespace netdiag;
using namespace std::chrono_literals;

namespace {

const IpAddress kTarget = *IpAddress::parse("198.18.9.9");
constexpr std::uint16_t kFlow = 33434;

IpAddress router(unsigned ttl) {
  return IpAddress::v4({std::byte{198}, std::byte{18}, std::byte{static_cast<unsigned char>(ttl)}, std::byte{1}});
}

// How the fake network answers one probe: who, what and after how long; empty = silence.
struct Answer {
  Reply reply;
  Duration after{};
};
using Behaviour = std::function<std::optional<Answer>(const TraceProbeRequest&, unsigned send_index)>;

// An ICMP error quoting `probe`, sender and type still to fill in.
Reply error_quoting(const TraceProbeRequest& probe) {
  Reply reply;
  reply.kind = ReplyKind::icmp_error;
  reply.family = Family::ipv4;
  reply.identifier = kFlow;
  reply.sequence = Sequence{probe.probe_id};
  reply.probe_destination = kTarget;
  return reply;
}

// A path of routers 1..distance-1, then the target at `distance`; hop h answers after h ms.
Behaviour path_of(unsigned distance, std::function<bool(unsigned ttl, unsigned send_index)> silent = {}) {
  return [distance, silent](const TraceProbeRequest& probe, unsigned send_index) -> std::optional<Answer> {
    const unsigned hop = std::min<unsigned>(probe.ttl.value, distance);
    if (silent && silent(hop, send_index)) return std::nullopt;
    Reply reply = error_quoting(probe);
    reply.ttl = Ttl{static_cast<std::uint8_t>(65 - hop)};
    if (hop < distance) {
      reply.from = router(hop);
      reply.icmp_type = 11;
    } else {
      reply.from = kTarget;
      reply.icmp_type = 3;
      reply.icmp_code = 3;
    }
    return Answer{reply, std::chrono::milliseconds(hop)};
  };
}

// A path with MTUs: links[k] is the MTU of the link into hop k; the router at hop k - 1 answers a
// bigger probe with "fragmentation needed" (reporting `reported(k)`, the MTU unless overridden),
// or, for black_holes[k], drops it silently.
struct MtuPath {
  unsigned distance = 6;
  std::map<unsigned, std::size_t> links;
  std::map<unsigned, std::size_t> black_holes;
  std::function<std::uint32_t(unsigned hop)> reported;
  std::function<bool(unsigned ttl, unsigned send_index)> silent;
};

Behaviour mtu_path(MtuPath path) {
  return [path, inner = path_of(path.distance, path.silent)](const TraceProbeRequest& probe,
                                                             unsigned send_index) -> std::optional<Answer> {
    const unsigned hop = std::min<unsigned>(probe.ttl.value, path.distance);
    for (unsigned k = 2; k <= hop; ++k) {
      if (const auto hole = path.black_holes.find(k); hole != path.black_holes.end() && probe.packet_bytes > hole->second)
        return std::nullopt;
      const auto link = path.links.find(k);
      if (link == path.links.end() || probe.packet_bytes <= link->second) continue;
      Reply reply = error_quoting(probe);
      reply.from = router(k - 1);
      reply.icmp_type = 3;
      reply.icmp_code = 4;
      reply.mtu = Mtu{path.reported ? path.reported(k) : static_cast<std::uint32_t>(link->second)};
      return Answer{reply, std::chrono::milliseconds(k - 1)};
    }
    return inner(probe, send_index);
  };
}

// A diamond: hops 2 and 3 each have two routers, 198.18.h.1 and 198.18.h.2 (and so two paths to
// the target at hop 5). `branch` picks the path of each probe, as a load balancer would.
Behaviour diamond(std::function<unsigned(const TraceProbeRequest&, unsigned send_index)> branch) {
  return [branch, inner = path_of(5)](const TraceProbeRequest& probe, unsigned send_index) {
    auto answer = inner(probe, send_index);
    const unsigned hop = probe.ttl.value;
    if (answer && (hop == 2 || hop == 3) && branch(probe, send_index) == 1)
      answer->reply.from = IpAddress::v4({std::byte{198}, std::byte{18}, std::byte{static_cast<unsigned char>(hop)}, std::byte{2}});
    return answer;
  };
}

// A per-flow balancer hashes the UDP 5-tuple; here the ports, source (our flow) and destination.
unsigned per_flow_branch(const TraceProbeRequest& probe, bool classic) {
  const unsigned destination_port = udp_probe_port(33434, probe.probe_id, classic);
  return ((kFlow * 31U) ^ destination_port) % 2U;
}

class FakeNetwork final : public TraceTransport {
 public:
  FakeNetwork(test::FakeClock& clock, Behaviour behaviour) : clock_(clock), behaviour_(std::move(behaviour)) {}

  std::expected<WallTime, SendFailure> send_probe(const TraceProbeRequest& probe) override {
    sent.push_back(probe);
    if (local_mtu && probe.packet_bytes > *local_mtu)
      return std::unexpected(SendFailure{EMSGSIZE, Mtu{static_cast<std::uint32_t>(*local_mtu)}});
    ++in_flight;
    max_in_flight = std::max(max_in_flight, in_flight);
    if (auto answer = behaviour_(probe, static_cast<unsigned>(sent.size() - 1))) {
      answer->reply.received_at = clock_.wall() + answer->after;
      queue.emplace(clock_.mono() + answer->after, answer->reply);
    }
    return clock_.wall();
  }

  std::vector<TraceProbeRequest> sent;
  std::optional<std::size_t> local_mtu;  // bigger probes fail with EMSGSIZE, as IP_PMTUDISC_PROBE does
  std::multimap<MonoTime, Reply> queue;
  unsigned in_flight = 0;
  unsigned max_in_flight = 0;

 private:
  test::FakeClock& clock_;
  Behaviour behaviour_;
};

struct Harness {
  Harness(TraceConfig config, Behaviour behaviour)
      : network(clock, std::move(behaviour)),
        engine(config, network, kFlow, report, [this](const ProbeResult& result) {
          events.push_back(result);
          if (result.outcome != ProbeOutcome::pending && result.outcome != ProbeOutcome::send_failed && !result.late)
            --network.in_flight;
        }) {
    report.target = "target";
    report.address = kTarget;
  }

  // Runs the trace to its end: delivers queued answers and fires the timer in time order.
  void run(Duration limit = 600s) {
    engine.start(clock.mono(), clock.wall());
    const MonoTime end = clock.mono() + limit;
    while (!engine.done() && clock.mono() < end) {
      const MonoTime timer = engine.next_deadline();
      const MonoTime answer = network.queue.empty() ? MonoTime::max() : network.queue.begin()->first;
      const MonoTime next = std::min(timer, answer);
      REQUIRE(next != MonoTime::max());
      if (next > clock.mono()) clock.advance(next - clock.mono());
      if (answer <= timer) {
        const Reply reply = network.queue.begin()->second;
        network.queue.erase(network.queue.begin());
        engine.on_reply(reply, clock.mono());
      } else {
        engine.on_timer(clock.mono());
      }
    }
    REQUIRE(engine.done());
  }

  std::vector<std::string> hop_addresses() const {
    std::vector<std::string> out;
    for (const auto& hop : report.hops) {
      std::string line;
      for (const auto& probe : hop.probes) line += (probe.from ? probe.from->to_string() : "*") + " ";
      out.push_back(line);
    }
    return out;
  }

  test::FakeClock clock;
  FakeNetwork network;
  TraceReport report;
  std::vector<ProbeResult> events;
  TraceEngine engine;
};

TraceConfig config_with(unsigned max_in_flight = 16) {
  TraceConfig config;
  config.max_in_flight = max_in_flight;
  return config;
}

}  // namespace

TEST_CASE("a clean path: every hop in order, the destination ends the trace") {
  Harness h(config_with(), path_of(5));
  h.run();
  CHECK(h.report.destination_reached);
  CHECK(h.report.stop_reason == TraceStopReason::destination_reached);
  REQUIRE(h.report.hops.size() == 5);
  CHECK(h.hop_addresses() == std::vector<std::string>{"198.18.1.1 198.18.1.1 198.18.1.1 ",
                                                       "198.18.2.1 198.18.2.1 198.18.2.1 ",
                                                       "198.18.3.1 198.18.3.1 198.18.3.1 ",
                                                       "198.18.4.1 198.18.4.1 198.18.4.1 ",
                                                       "198.18.9.9 198.18.9.9 198.18.9.9 "});
  CHECK(h.report.hops[0].probes[0].rtt == 1ms);
  CHECK(h.report.hops[4].probes[2].outcome == ProbeOutcome::reached);
  CHECK(h.report.hops[4].probes[2].reply_ttl == Ttl{60});
  CHECK(annotation(h.report.hops[4].probes[2], Family::ipv4).empty());
  // In parallel: the whole trace takes about the slowest answer, not the sum of them.
  CHECK(h.report.elapsed <= 10ms);
  // While the destination's answer was on its way, the window went on to higher TTLs; those
  // probes are not part of the path.
  CHECK(h.network.sent.size() > 15);
  CHECK(h.network.max_in_flight == 16);
  CHECK(h.network.sent[0].ttl == Ttl{1});
  CHECK(h.network.sent[3].ttl == Ttl{2});
}

TEST_CASE("the window of probes in flight is respected") {
  Harness h(config_with(4), path_of(8));
  h.run();
  CHECK(h.network.max_in_flight <= 4);
  CHECK(h.report.hops.size() == 8);
  CHECK(h.report.destination_reached);
}

TEST_CASE("a silent hop is marked, and its wait shrinks to NEAR times a later hop's RTT") {
  Harness h(config_with(), path_of(6, [](unsigned ttl, unsigned) { return ttl == 3; }));
  h.run();
  REQUIRE(h.report.hops.size() == 6);
  for (const auto& probe : h.report.hops[2].probes) CHECK(probe.outcome == ProbeOutcome::timed_out);
  CHECK(h.hop_addresses()[2] == "* * * ");
  CHECK(h.hop_addresses()[3] == "198.18.4.1 198.18.4.1 198.18.4.1 ");
  // NEAR (10) x the RTT of the nearest hop beyond that answered (hop 4: 4 ms) = 40 ms, not 5 s.
  CHECK(h.report.elapsed <= 41ms);
  CHECK(h.report.elapsed >= 40ms);
  CHECK(h.report.stop_reason == TraceStopReason::destination_reached);
}

TEST_CASE("a rate-limited hop: the unanswered probes wait HERE times the hop's own RTT") {
  // Hop 2 answers only the first of its three probes.
  Harness h(config_with(), path_of(4, [](unsigned ttl, unsigned send_index) { return ttl == 2 && send_index != 3; }));
  h.run();
  const auto& hop2 = h.report.hops[1].probes;
  CHECK(hop2[0].outcome == ProbeOutcome::time_exceeded);
  CHECK(hop2[1].outcome == ProbeOutcome::timed_out);
  CHECK(hop2[2].outcome == ProbeOutcome::timed_out);
  CHECK(h.report.elapsed <= 11ms);  // 3 x 2 ms, raised to the 10 ms floor
}

TEST_CASE("--max-unknown: give up after that many silent hops in a row") {
  TraceConfig config = config_with();
  config.max_unknown = 3;
  Harness h(config, path_of(20, [](unsigned ttl, unsigned) { return ttl >= 3; }));
  h.run();
  CHECK_FALSE(h.report.destination_reached);
  CHECK(h.report.stop_reason == TraceStopReason::max_unknown);
  REQUIRE(h.report.hops.size() == 5);  // hops 1-2 answered, 3-5 silent
  CHECK(h.hop_addresses()[4] == "* * * ");
  CHECK(h.report.elapsed == 5s);  // nothing beyond answered: the MAX wait
}

TEST_CASE("HERE never cuts a wait below the floor: sibling answers of a near hop still count") {
  // Hop 1 answers in 20 us, its second probe's answer 150 us after its first: 3 x 20 us would
  // have given up on it.
  Behaviour behaviour = [inner = path_of(2)](const TraceProbeRequest& probe, unsigned index) {
    auto answer = inner(probe, index);
    if (answer && probe.ttl.value == 1) answer->after = index == 0 ? 20us : 170us;
    return answer;
  };
  Harness h(config_with(), behaviour);
  h.run();
  for (const auto& probe : h.report.hops[0].probes) CHECK(probe.outcome == ProbeOutcome::time_exceeded);
}

TEST_CASE("-m: stop at the maximum TTL") {
  TraceConfig config = config_with();
  config.max_ttl = Ttl{3};
  Harness h(config, path_of(10));
  h.run();
  CHECK(h.report.hops.size() == 3);
  CHECK(h.report.stop_reason == TraceStopReason::max_ttl);
  CHECK(std::ranges::all_of(h.network.sent, [](const TraceProbeRequest& p) { return p.ttl.value <= 3; }));
}

TEST_CASE("-f and -q: first TTL and probes per hop") {
  TraceConfig config = config_with();
  config.first_ttl = Ttl{3};
  config.probes_per_hop = 1;
  Harness h(config, path_of(5));
  h.run();
  REQUIRE(h.report.hops.size() == 3);
  CHECK(h.report.hops[0].ttl == Ttl{3});
  CHECK(h.report.hops[0].probes.size() == 1);
}

TEST_CASE("an unreachable from a router ends the trace at that hop, annotated") {
  Behaviour behaviour = [inner = path_of(6)](const TraceProbeRequest& probe, unsigned index) {
    auto answer = inner(probe, index);
    if (answer && probe.ttl.value >= 3) {
      answer->reply.from = router(3);
      answer->reply.icmp_type = 3;
      answer->reply.icmp_code = 1;  // host unreachable
      answer->after = 3ms;
    }
    return answer;
  };
  Harness h(config_with(), behaviour);
  h.run();
  CHECK_FALSE(h.report.destination_reached);
  CHECK(h.report.stop_reason == TraceStopReason::unreachable);
  REQUIRE(h.report.hops.size() == 3);
  CHECK(annotation(h.report.hops[2].probes[0], Family::ipv4) == "!H");
}

TEST_CASE("a port unreachable from a stranger, or an error about another flow, is not ours") {
  Reply stranger;
  stranger.kind = ReplyKind::icmp_error;
  stranger.family = Family::ipv4;
  stranger.from = router(2);
  stranger.identifier = kFlow;
  stranger.sequence = Sequence{1};
  stranger.probe_destination = kTarget;
  stranger.icmp_type = 3;
  stranger.icmp_code = 3;
  CHECK_FALSE(match_trace_reply(stranger, kFlow, kTarget, 5));
  stranger.from = kTarget;
  CHECK(match_trace_reply(stranger, kFlow, kTarget, 5) == 1);

  Reply other_flow = stranger;
  other_flow.icmp_type = 11;
  other_flow.icmp_code = 0;
  other_flow.from = router(1);
  other_flow.identifier = kFlow + 1;  // another process's probe
  CHECK_FALSE(match_trace_reply(other_flow, kFlow, kTarget, 5));
  other_flow.identifier = kFlow;
  other_flow.probe_destination = router(7);  // our flow id, but quoting a packet to someone else
  CHECK_FALSE(match_trace_reply(other_flow, kFlow, kTarget, 5));
  other_flow.probe_destination = kTarget;
  CHECK(match_trace_reply(other_flow, kFlow, kTarget, 5) == 1);
  other_flow.sequence = Sequence{6};  // a probe never sent
  CHECK_FALSE(match_trace_reply(other_flow, kFlow, kTarget, 5));
  other_flow.sequence = Sequence{0};
  CHECK_FALSE(match_trace_reply(other_flow, kFlow, kTarget, 5));

  Reply echo;
  echo.kind = ReplyKind::echo_reply;
  echo.identifier = kFlow;
  echo.sequence = Sequence{2};
  echo.from = router(3);
  CHECK_FALSE(match_trace_reply(echo, kFlow, kTarget, 5));
  echo.from = kTarget;
  CHECK(match_trace_reply(echo, kFlow, kTarget, 5) == 2);
  CHECK(classify_trace_reply(echo, kTarget) == ProbeOutcome::reached);
}

TEST_CASE("unrelated and duplicate answers are counted, never recorded") {
  Behaviour behaviour = [inner = path_of(3)](const TraceProbeRequest& probe, unsigned index) { return inner(probe, index); };
  Harness h(config_with(), behaviour);
  h.engine.start(h.clock.mono(), h.clock.wall());
  Reply stray = h.network.queue.begin()->second;
  stray.identifier = kFlow + 7;
  h.engine.on_reply(stray, h.clock.mono());
  CHECK(h.report.unrelated_replies == 1);
  h.clock.advance(1ms);
  const Reply first = h.network.queue.begin()->second;
  h.engine.on_reply(first, h.clock.mono());
  h.engine.on_reply(first, h.clock.mono());
  CHECK(h.report.duplicate_replies == 1);
}

TEST_CASE("a late answer is kept and marked, and does not shorten other waits") {
  // Hop 2's first probe answers after 8 s, long after its 5 s wait.
  Behaviour behaviour = [inner = path_of(3)](const TraceProbeRequest& probe, unsigned index) {
    auto answer = inner(probe, index);
    if (answer && probe.ttl.value == 2) answer->after = index == 3 ? 8s : 2ms;
    return answer;
  };
  TraceConfig config = config_with();
  config.waits.here = 0;  // only MAX applies at hop 2
  config.waits.near = 0;
  Harness h(config, behaviour);
  h.engine.start(h.clock.mono(), h.clock.wall());
  h.clock.advance(6s);
  while (!h.network.queue.empty() && h.network.queue.begin()->first <= h.clock.mono()) {
    const Reply reply = h.network.queue.begin()->second;
    h.network.queue.erase(h.network.queue.begin());
    h.engine.on_reply(reply, h.clock.mono());
  }
  h.engine.on_timer(h.clock.mono());
  CHECK(h.report.hops[1].probes[0].outcome == ProbeOutcome::timed_out);
  CHECK(h.engine.done());
  CHECK(h.report.hops[1].probes[1].outcome == ProbeOutcome::time_exceeded);
}

TEST_CASE("annotations follow traceroute") {
  ProbeResult probe;
  probe.outcome = ProbeOutcome::unreachable;
  probe.icmp_type = 3;
  for (const auto& [code, mark] : std::vector<std::pair<int, std::string>>{
           {0, "!N"}, {1, "!H"}, {2, "!P"}, {5, "!S"}, {9, "!X"}, {10, "!X"}, {13, "!X"}, {14, "!V"}, {15, "!C"}, {7, "!7"}}) {
    probe.icmp_code = static_cast<std::uint8_t>(code);
    CHECK(annotation(probe, Family::ipv4) == mark);
  }
  probe.icmp_code = 4;
  probe.mtu = Mtu{1400};
  CHECK(annotation(probe, Family::ipv4) == "!F-1400");
  probe.icmp_type = 2;
  probe.icmp_code = 0;
  CHECK(annotation(probe, Family::ipv6) == "!F-1400");
  probe.icmp_type = 1;
  probe.icmp_code = 1;
  CHECK(annotation(probe, Family::ipv6) == "!X");
  probe.outcome = ProbeOutcome::time_exceeded;
  CHECK(annotation(probe, Family::ipv6).empty());
}

TEST_CASE("interrupt ends the trace with what it has") {
  Harness h(config_with(), path_of(5, [](unsigned ttl, unsigned) { return ttl >= 2; }));
  h.engine.start(h.clock.mono(), h.clock.wall());
  h.clock.advance(1s);
  h.engine.interrupt(h.clock.mono());
  CHECK(h.engine.done());
  CHECK(h.report.stop_reason == TraceStopReason::interrupted);
}

TraceConfig mtu_config() {
  TraceConfig config = config_with();
  config.discover_mtu = true;
  config.packet_bytes = 65535;
  config.check_packet_bytes = 60;
  return config;
}

std::vector<std::uint32_t> hop_mtus(const TraceReport& report) {
  std::vector<std::uint32_t> out;
  for (const auto& hop : report.hops) out.push_back(hop.mtu ? hop.mtu->value : 0);
  return out;
}

TEST_CASE("--mtu: the interface MTU, then each drop from the router before it; probes sent again smaller") {
  Harness h(mtu_config(), mtu_path({6, {{3, 1400}, {5, 1280}}, {}, {}, {}}));
  h.network.local_mtu = 1500;
  h.run();
  CHECK(h.report.destination_reached);
  REQUIRE(h.report.hops.size() == 6);
  CHECK(h.hop_addresses()[2] == "198.18.3.1 198.18.3.1 198.18.3.1 ");
  CHECK(h.hop_addresses()[5] == "198.18.9.9 198.18.9.9 198.18.9.9 ");
  CHECK(hop_mtus(h.report) == std::vector<std::uint32_t>{1500, 1500, 1400, 1400, 1280, 1280});
  CHECK(h.report.path_mtu == Mtu{1280});
  REQUIRE(h.report.mtu_steps.size() == 3);
  CHECK(h.report.mtu_steps[0].source == MtuSource::local);
  CHECK(h.report.mtu_steps[0].ttl == Ttl{1});
  CHECK(h.report.mtu_steps[1].ttl == Ttl{3});
  CHECK(h.report.mtu_steps[1].mtu == Mtu{1400});
  CHECK(h.report.mtu_steps[1].reported_by == router(2));
  CHECK(h.report.mtu_steps[2].ttl == Ttl{5});
  CHECK(h.report.mtu_steps[2].reported_by == router(4));
  CHECK(h.report.black_holes.empty());
  for (const auto& probe : h.report.hops[5].probes) CHECK(probe.packet_bytes == 1280);
  for (const auto& hop : h.report.hops) {
    CHECK(hop.settled);
    for (const auto& probe : hop.probes) CHECK(probe.outcome != ProbeOutcome::too_big);
  }
  // The events tell the story: the first probe was too big for the interface.
  CHECK(h.events.front().outcome == ProbeOutcome::too_big);
  CHECK(h.events.front().packet_bytes == 65535);
  // No waiting for timeouts: every answer comes within the path's RTTs.
  CHECK(h.report.elapsed <= 20ms);
}

TEST_CASE("--mtu: a black hole is found behind a silent hop, searched to the byte, and passed at that size") {
  Harness h(mtu_config(), mtu_path({6, {{3, 1400}}, {{5, 1300}}, {}, [](unsigned ttl, unsigned) { return ttl == 3; }}));
  h.network.local_mtu = 1500;
  h.run();
  CHECK(h.report.destination_reached);
  REQUIRE(h.report.hops.size() == 6);
  CHECK(h.hop_addresses()[2] == "* * * ");
  CHECK(h.hop_addresses()[4] == "198.18.5.1 198.18.5.1 198.18.5.1 ");
  REQUIRE(h.report.black_holes.size() == 1);
  const BlackHole& hole = h.report.black_holes[0];
  CHECK(hole.after_ttl == 4);
  CHECK(hole.ttl == Ttl{5});
  CHECK(hole.largest_passing_bytes == 1300);
  CHECK(hole.smallest_failing_bytes == 1301);
  CHECK(hole.probes <= 16);
  CHECK(hop_mtus(h.report) == std::vector<std::uint32_t>{1500, 1500, 1400, 1400, 1300, 1300});
  CHECK(h.report.path_mtu == Mtu{1300});
  CHECK(h.report.mtu_steps.back().source == MtuSource::black_hole);
  // The big probes' wait is HERE x the size check's RTT, not 5 s; each search round as short.
  CHECK(h.report.elapsed <= 400ms);
}

TEST_CASE("--mtu: a hop that loses its big probes but passes the same size again has no black hole") {
  // Hop 4's three first probes are lost; the search then sends that size again and it passes.
  Harness h(mtu_config(), mtu_path({6, {}, {}, {}, [](unsigned ttl, unsigned send_index) {
                                      return ttl == 4 && send_index < 16;
                                    }}));
  h.network.local_mtu = 1500;
  h.run();
  CHECK(h.report.destination_reached);
  CHECK(h.report.black_holes.empty());
  CHECK(h.report.path_mtu == Mtu{1500});
  CHECK(h.hop_addresses()[3] == "* * * ");
}

TEST_CASE("--mtu: a router that reports no MTU walks the plateaus; IPv6 never goes below 1280") {
  Harness h(mtu_config(), mtu_path({5, {{3, 1400}}, {}, [](unsigned) { return 0U; }, {}}));
  h.network.local_mtu = 1500;
  h.run();
  CHECK(h.report.destination_reached);
  REQUIRE(h.report.mtu_steps.size() == 2);
  CHECK(h.report.mtu_steps[1].mtu == Mtu{1400});  // 1492, 1480, 1460, then 1400 passes
  CHECK(h.report.path_mtu == Mtu{1400});
  CHECK(mtu_plateau_below(1500) == 1492);
  CHECK(mtu_plateau_below(68) == 0);
}

TEST_CASE("without --mtu a \"fragmentation needed\" is an unreachable: !F-<mtu> ends the trace") {
  TraceConfig config = config_with();
  config.packet_bytes = 1500;
  Harness h(config, mtu_path({6, {{3, 1400}}, {}, {}, {}}));
  h.run();
  CHECK(h.report.stop_reason == TraceStopReason::unreachable);
  REQUIRE(h.report.hops.size() == 3);
  CHECK(annotation(h.report.hops[2].probes[0], Family::ipv4) == "!F-1400");
  CHECK_FALSE(h.report.path_mtu);
}

TEST_CASE("-T: after an open port's SYN-ACK the destination's other probes go one at a time") {
  // The destination holds a half-open connection for 2 ms after each SYN-ACK (until our RST
  // reaches it) and meanwhile answers no other SYN of the flow.
  test::FakeClock* clock = nullptr;
  MonoTime busy_until{};
  Behaviour behaviour = [&, inner = path_of(4)](const TraceProbeRequest& probe, unsigned index) -> std::optional<Answer> {
    auto answer = inner(probe, index);
    if (!answer || answer->reply.from != kTarget) return answer;
    const MonoTime arrives = clock->mono() + answer->after / 2;
    if (arrives < busy_until) return std::nullopt;
    busy_until = arrives + 2ms;
    answer->reply.kind = ReplyKind::transport_reply;
    answer->reply.tcp_answer = TcpAnswer::syn_ack;
    return answer;
  };
  TraceConfig config = config_with();
  config.method = TraceMethod::tcp;
  Harness h(config, behaviour);
  clock = &h.clock;
  h.run();
  CHECK(h.report.destination_reached);
  REQUIRE(h.report.hops.size() == 4);
  for (const auto& probe : h.report.hops[3].probes) {
    CHECK(probe.outcome == ProbeOutcome::reached);
    CHECK(probe.tcp_answer == TcpAnswer::syn_ack);
  }
  CHECK(h.report.elapsed < 100ms);
}

TEST_CASE("--mtu: a search probe answered \"too big\" counts as failing, and the search ends") {
  // r2's "fragmentation needed" is rate-limited at first, so the big probes to hop 3 and beyond
  // vanish; by the time the search probes go, r2 answers them again.
  Behaviour behaviour = [inner = mtu_path({5, {{3, 1400}}, {}, {}, {}})](const TraceProbeRequest& probe,
                                                                         unsigned index) -> std::optional<Answer> {
    auto answer = inner(probe, index);
    if (answer && index < 24 && answer->reply.icmp_type == 3 && answer->reply.icmp_code == 4) return std::nullopt;
    return answer;
  };
  Harness h(mtu_config(), behaviour);
  h.network.local_mtu = 1500;
  h.run();
  CHECK(h.report.destination_reached);
  CHECK(h.report.path_mtu == Mtu{1400});
  CHECK(h.hop_addresses()[2] == "198.18.3.1 198.18.3.1 198.18.3.1 ");
  // Silence, then "too big": from here it looks like a black hole that passes 1400 bytes.
  REQUIRE(h.report.black_holes.size() == 1);
  CHECK(h.report.black_holes[0].largest_passing_bytes == 1400);
}

TEST_CASE("--mtu: a stop rule that fires while a search runs ends the trace") {
  TraceConfig config = mtu_config();
  config.max_unknown = 1;
  Harness h(config, mtu_path({8, {}, {{6, 1300}}, {}, [](unsigned ttl, unsigned) { return ttl == 4; }}));
  h.network.local_mtu = 1500;
  h.run();  // REQUIREs the end
  CHECK(h.report.stop_reason == TraceStopReason::max_unknown);
  CHECK(h.report.hops.size() == 4);
}

TEST_CASE("load balancing per flow: one flow gives one consistent path; --classic ports mix both") {
  Harness paris(config_with(), diamond([](const TraceProbeRequest& probe, unsigned) { return per_flow_branch(probe, false); }));
  paris.run();
  CHECK(paris.report.destination_reached);
  const auto one_path = paris.hop_addresses();
  REQUIRE(one_path.size() == 5);
  CHECK(one_path[1] == "198.18.2.1 198.18.2.1 198.18.2.1 ");
  CHECK(one_path[2] == "198.18.3.1 198.18.3.1 198.18.3.1 ");

  // traceroute's port per probe: consecutive probes of a hop hash differently, so the hop's line
  // names routers of both paths, as traceroute's do behind such a balancer.
  Harness classic(config_with(), diamond([](const TraceProbeRequest& probe, unsigned) { return per_flow_branch(probe, true); }));
  classic.run();
  CHECK(classic.report.destination_reached);
  const auto mixed = classic.hop_addresses();
  REQUIRE(mixed.size() == 5);
  CHECK(mixed[1].find("198.18.2.1") != std::string::npos);
  CHECK(mixed[1].find("198.18.2.2") != std::string::npos);
  CHECK(mixed[2].find("198.18.3.1") != std::string::npos);
  CHECK(mixed[2].find("198.18.3.2") != std::string::npos);
}

TEST_CASE("load balancing per packet: every router of the hop is recorded, waits and the end unchanged") {
  // Round robin over both paths; the second path is also 1 ms slower.
  Behaviour behaviour = [inner = diamond([](const TraceProbeRequest&, unsigned send_index) { return send_index % 2; })](
                            const TraceProbeRequest& probe, unsigned send_index) {
    auto answer = inner(probe, send_index);
    if (answer && send_index % 2 == 1) answer->after += 1ms;
    return answer;
  };
  Harness h(config_with(), behaviour);
  h.run();
  CHECK(h.report.destination_reached);
  CHECK(h.report.stop_reason == TraceStopReason::destination_reached);
  REQUIRE(h.report.hops.size() == 5);
  for (const auto& hop : h.report.hops)
    for (const auto& probe : hop.probes) CHECK(probe.outcome != ProbeOutcome::timed_out);
  const auto hops = h.hop_addresses();
  CHECK(hops[1].find("198.18.2.1") != std::string::npos);
  CHECK(hops[1].find("198.18.2.2") != std::string::npos);
  CHECK(h.report.elapsed <= 10ms);
}

TEST_CASE("--classic ports: base + n - 1, back to the base after 65535; one port without it") {
  CHECK(udp_probe_port(33434, 1, true) == 33434);
  CHECK(udp_probe_port(33434, 90, true) == 33523);
  CHECK(udp_probe_port(65530, 6, true) == 65535);
  CHECK(udp_probe_port(65530, 7, true) == 65530);
  CHECK(udp_probe_port(65535, 2, true) == 65535);
  CHECK(udp_probe_port(33434, 90, false) == 33434);
}
