// The nd-arp engine driven by a fake clock and a fake link: what goes out when (broadcast then
// unicast, RFC 5227 probe timing, announcements, a paced sweep with retries), which packets
// count (only replies to our requests, each once per MAC, never another run's), and when a run
// ends.
#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <vector>

#include "netdiag/probe/arp_engine.hpp"
#include "netdiag/wire/arp.hpp"
#include "support/fake_clock.hpp"

using namespace netdiag;
using namespace std::chrono_literals;

namespace {

IpAddress ip(const char* text) { return *IpAddress::parse(text); }
wire::MacAddress mac(const char* text) { return *wire::parse_mac(text); }

const wire::MacAddress kOurMac = mac("02:00:c6:12:05:01");
const IpAddress kOurIp = ip("198.18.5.1");
const IpAddress kTarget = ip("198.18.5.11");
const wire::MacAddress kTargetMac = mac("02:00:c6:12:05:0b");
const wire::MacAddress kTwinMac = mac("02:00:c6:12:06:0b");
const wire::MacAddress kZeroMac{};

class FakeLink final : public ArpTransport {
 public:
  explicit FakeLink(test::FakeClock& clock) : clock_(clock) {}
  struct Sent {
    ArpFrameSpec frame;
    MonoTime at;
  };
  std::expected<WallTime, int> send(const ArpFrameSpec& frame) override {
    if (fail_next) {
      fail_next = false;
      return std::unexpected(ENOBUFS);
    }
    sent.push_back({frame, clock_.mono()});
    return clock_.wall();
  }
  std::vector<Sent> sent;
  bool fail_next = false;

 private:
  test::FakeClock& clock_;
};

struct Harness {
  Harness(ArpConfig config, std::vector<IpAddress> targets, IpAddress source = kOurIp) : link(clock) {
    report.mode = config.mode;
    report.interface = {"c0", 2, kOurMac, kOurIp, 24};
    report.source = source;
    report.targets = std::move(targets);
    ArpObserver observer;
    observer.on_answer = [this](const ArpAnswer& answer) { seen.push_back(answer); };
    engine.emplace(config, link, report, std::move(observer));
  }

  void start() { engine->start(clock.mono(), clock.wall()); }
  // Advances the clock to `until`, firing every timer due on the way; stops where the run ends.
  void run_until(MonoTime until) {
    while (!engine->done() && engine->next_deadline() <= until) {
      if (engine->next_deadline() > clock.mono()) clock.advance(engine->next_deadline() - clock.mono());
      engine->on_timer(clock.mono());
    }
    if (!engine->done() && clock.mono() < until) clock.advance(until - clock.mono());
  }
  void run_for(Duration span) { run_until(clock.mono() + span); }
  void run_to_end() { run_until(clock.mono() + 3600s); }

  // A reply from `from_ip`/`from_mac` to us, `after` the current instant.
  void reply(const IpAddress& from_ip, const wire::MacAddress& from_mac, Duration after = 100us,
             ArpDelivery delivery = ArpDelivery::to_us) {
    clock.advance(after);
    ArpPacket packet;
    packet.received_at = clock.wall();
    packet.delivery = delivery;
    packet.ethernet_source = from_mac;
    packet.ethernet_destination = kOurMac;
    packet.operation = wire::arp_operation::reply;
    packet.sender_mac = from_mac;
    packet.sender_ip = from_ip;
    packet.target_mac = kOurMac;
    packet.target_ip = report.source;
    deliver(packet);
  }
  void deliver(ArpPacket packet) {
    packet.received_at = clock.wall();
    engine->on_reply(packet, clock.mono());
  }

  test::FakeClock clock;
  FakeLink link;
  ArpReport report;
  std::vector<ArpAnswer> seen;
  std::optional<ArpEngine> engine;
};

ArpConfig ping(std::optional<std::uint64_t> count = 3) {
  ArpConfig config;
  config.mode = ArpMode::ping;
  config.count = count;
  config.interval = 1s;
  config.linger = 1s;
  return config;
}

// Another socket of this host (another nd-arp) asking for `target`, as the packet socket sees it.
ArpPacket sibling_request(const IpAddress& target) {
  ArpPacket packet;
  packet.delivery = ArpDelivery::outgoing;
  packet.ethernet_source = kOurMac;
  packet.ethernet_destination = wire::broadcast_mac;
  packet.operation = wire::arp_operation::request;
  packet.sender_mac = kOurMac;
  packet.sender_ip = kOurIp;
  packet.target_ip = target;
  return packet;
}

}  // namespace

TEST_CASE("ping: a broadcast first, then unicast to the MAC that answered; ends one interval after the last") {
  Harness h(ping(3), {kTarget});
  h.start();
  REQUIRE(h.link.sent.size() == 1);
  const ArpFrameSpec& first = h.link.sent[0].frame;
  CHECK(first.ethernet_destination == wire::broadcast_mac);
  CHECK(first.operation == wire::arp_operation::request);
  CHECK(first.sender_mac == kOurMac);
  CHECK(first.sender_ip == kOurIp);
  CHECK(first.target_mac == kZeroMac);
  CHECK(first.target_ip == kTarget);

  h.reply(kTarget, kTargetMac, 250us);
  REQUIRE(h.seen.size() == 1);
  CHECK(h.seen[0].rtt == 250us);
  CHECK(h.seen[0].request == 1);
  CHECK(h.seen[0].request_broadcast);
  CHECK_FALSE(h.seen[0].to_broadcast);

  h.run_until(MonoTime{} + 1s);
  REQUIRE(h.link.sent.size() == 2);
  CHECK(h.link.sent[1].frame.ethernet_destination == kTargetMac);
  h.reply(kTarget, kTargetMac, 120us);
  CHECK(h.seen.back().request == 2);
  CHECK_FALSE(h.seen.back().request_broadcast);

  h.run_for(1s);
  CHECK(h.link.sent.size() == 3);
  h.run_for(999ms);
  CHECK_FALSE(h.engine->done());
  h.run_for(2ms);
  CHECK(h.engine->done());
  CHECK(h.report.requests_sent == 3);
  CHECK(h.report.broadcasts_sent == 1);
  CHECK(h.report.answers_received == 2);
  REQUIRE(h.report.rtt);
  CHECK(h.report.rtt->min == 120us);
  CHECK(h.report.rtt->max == 250us);
  CHECK(exit_status(h.report) == 0);
}

TEST_CASE("ping -b keeps broadcasting; a silent neighbour means exit 1") {
  ArpConfig config = ping(2);
  config.broadcast_only = true;
  Harness h(config, {kTarget});
  h.start();
  h.reply(kTarget, kTargetMac);
  h.run_to_end();
  REQUIRE(h.link.sent.size() == 2);
  CHECK(h.link.sent[1].frame.ethernet_destination == wire::broadcast_mac);
  CHECK(h.report.broadcasts_sent == 2);

  Harness silent(ping(2), {kTarget});
  silent.start();
  silent.run_to_end();
  CHECK(silent.report.answers_received == 0);
  CHECK(silent.clock.mono() - MonoTime{} >= 2s);
  CHECK(exit_status(silent.report) == 1);
}

TEST_CASE("ping -c with -w counts replies: requests go on until enough replies or the deadline") {
  ArpConfig config = ping(2);
  config.deadline = 10s;
  Harness h(config, {kTarget});
  h.start();
  h.run_for(3500ms);  // four requests, nobody answers
  CHECK(h.link.sent.size() == 4);
  h.reply(kTarget, kTargetMac);
  CHECK_FALSE(h.engine->done());
  h.run_for(1s);
  h.reply(kTarget, kTargetMac);
  CHECK(h.engine->done());
  CHECK(exit_status(h.report) == 0);

  Harness short_of(config, {kTarget});
  short_of.start();
  short_of.reply(kTarget, kTargetMac);
  short_of.run_to_end();
  CHECK(short_of.clock.mono() - MonoTime{} == 10s);
  CHECK(short_of.report.requests_sent == 10);
  CHECK(exit_status(short_of.report) == 1);  // one reply of the two wanted
}

TEST_CASE("ping -f finishes at the first reply; -w alone stops at the deadline") {
  ArpConfig config = ping(std::nullopt);
  config.finish_on_reply = true;
  Harness h(config, {kTarget});
  h.start();
  h.run_for(2500ms);
  h.reply(kTarget, kTargetMac);
  CHECK(h.engine->done());
  CHECK(h.report.requests_sent == 3);

  ArpConfig timed = ping(std::nullopt);
  timed.deadline = 2500ms;
  Harness w(timed, {kTarget});
  w.start();
  w.run_to_end();
  CHECK(w.report.requests_sent == 3);
  CHECK(w.clock.mono() - MonoTime{} == 2500ms);
}

TEST_CASE("only replies to us about the target count, each MAC once per request") {
  Harness h(ping(1), {kTarget});
  h.start();
  ArpPacket wrong_mac;  // a reply to somebody else's MAC (seen only in promiscuous mode)
  wrong_mac.delivery = ArpDelivery::other_host;
  wrong_mac.operation = wire::arp_operation::reply;
  wrong_mac.sender_mac = kTargetMac;
  wrong_mac.sender_ip = kTarget;
  wrong_mac.target_mac = mac("02:00:c6:12:05:63");
  wrong_mac.target_ip = kOurIp;
  h.deliver(wrong_mac);
  wrong_mac.delivery = ArpDelivery::to_us;  // to us at the Ethernet level, but for another MAC
  h.deliver(wrong_mac);
  ArpPacket for_other_ip = wrong_mac;
  for_other_ip.target_mac = kOurMac;
  for_other_ip.target_ip = ip("198.18.5.2");
  h.deliver(for_other_ip);
  ArpPacket request = for_other_ip;  // the target asking, not answering
  request.operation = wire::arp_operation::request;
  request.target_ip = kOurIp;
  h.deliver(request);
  h.reply(ip("198.18.5.12"), kTargetMac);  // not the target
  CHECK(h.seen.empty());

  h.reply(kTarget, kTargetMac);
  h.reply(kTarget, kTargetMac);  // a second copy: no second answer to request 1
  CHECK(h.seen.size() == 1);
  h.reply(kTarget, kTargetMac, 100us, ArpDelivery::broadcast);
  CHECK(h.seen.size() == 1);
}

TEST_CASE("two MACs answering for one address: both count, and the report calls it a conflict") {
  Harness h(ping(1), {kTarget});
  h.start();
  h.reply(kTarget, kTargetMac, 80us);
  h.reply(kTarget, kTwinMac, 20us, ArpDelivery::broadcast);
  REQUIRE(h.seen.size() == 2);
  CHECK(h.seen[0].macs_for_address == 1);
  CHECK(h.seen[1].macs_for_address == 2);
  CHECK(h.seen[1].to_broadcast);
  CHECK(h.seen[1].rtt == 100us);
  h.run_to_end();
  REQUIRE(h.report.conflicts.size() == 1);
  CHECK(h.report.conflicts[0].kind == ArpConflict::Kind::duplicate_address);
  CHECK(h.report.conflicts[0].addresses == std::vector<IpAddress>{kTarget});
  CHECK(h.report.conflicts[0].macs == std::vector<wire::MacAddress>{kTargetMac, kTwinMac});
  CHECK(h.report.broadcast_answers == 1);
}

TEST_CASE("another run's requests get their own replies: oldest request on the wire first") {
  SUBCASE("theirs went out first") {
    Harness h(ping(1), {kTarget});
    h.clock.advance(1ms);
    ArpPacket theirs = sibling_request(kTarget);
    h.start();  // ours at t = 1 ms; theirs was stamped earlier but is read now
    theirs.received_at = h.clock.wall() - 500us;
    h.engine->on_reply(theirs, h.clock.mono());
    h.reply(kTarget, kTargetMac, 100us);  // answers theirs
    CHECK(h.seen.empty());
    h.reply(kTarget, kTargetMac, 100us);  // answers ours
    REQUIRE(h.seen.size() == 1);
    CHECK(h.seen[0].rtt == 200us);
  }
  SUBCASE("ours went out first") {
    Harness h(ping(1), {kTarget});
    h.start();
    h.clock.advance(50us);
    h.deliver(sibling_request(kTarget));
    h.reply(kTarget, kTargetMac, 100us);
    REQUIRE(h.seen.size() == 1);
    CHECK(h.seen[0].rtt == 150us);
    h.reply(kTarget, kTargetMac, 100us);  // theirs
    CHECK(h.seen.size() == 1);
  }
  SUBCASE("a reply with no request waiting is unsolicited") {
    Harness h(ping(1), {kTarget});
    h.start();
    h.reply(kTarget, kTargetMac);
    h.reply(kTarget, kTargetMac);
    h.deliver(sibling_request(ip("198.18.5.12")));  // about another address: no effect
    CHECK(h.seen.size() == 1);
  }
}

TEST_CASE("dad: RFC 5227 timing, ARP probes from 0.0.0.0, free when nobody claims the address") {
  ArpConfig config;
  config.mode = ArpMode::dad;
  config.finish_on_reply = true;
  config.random_seed = 7;
  apply_dad_timing(config, false);
  Harness h(config, {kTarget}, IpAddress::v4({}));
  h.start();
  h.run_to_end();
  REQUIRE(h.link.sent.size() == 3);
  CHECK(h.link.sent[0].at - MonoTime{} <= 1s);  // PROBE_WAIT
  for (std::size_t i = 1; i < 3; ++i) {
    const Duration gap = h.link.sent[i].at - h.link.sent[i - 1].at;
    CHECK(gap >= 1s);  // PROBE_MIN
    CHECK(gap <= 2s);  // PROBE_MAX
  }
  CHECK(h.clock.mono() - h.link.sent[2].at == 2s);  // ANNOUNCE_WAIT
  for (const auto& sent : h.link.sent) {
    CHECK(sent.frame.sender_ip.is_unspecified());
    CHECK(sent.frame.target_ip == kTarget);
    CHECK(sent.frame.ethernet_destination == wire::broadcast_mac);
  }
  CHECK(exit_status(h.report) == 0);

  ArpConfig fast = config;
  apply_dad_timing(fast, true);
  Harness quick(fast, {kTarget}, IpAddress::v4({}));
  quick.start();
  quick.run_to_end();
  CHECK(quick.link.sent.size() == 3);
  CHECK(quick.clock.mono() - MonoTime{} == 700ms);
}

TEST_CASE("dad: a claim from another MAC ends the run (in use); another host's probe contests it") {
  ArpConfig config;
  config.mode = ArpMode::dad;
  config.finish_on_reply = true;
  apply_dad_timing(config, true);
  const IpAddress unspecified = IpAddress::v4({});
  {
    Harness h(config, {kTarget}, unspecified);
    h.start();
    ArpPacket own = sibling_request(kTarget);  // this host's own probe, seen from another socket
    own.sender_ip = unspecified;
    h.deliver(own);
    ArpPacket unrelated;  // someone else's address
    unrelated.operation = wire::arp_operation::request;
    unrelated.delivery = ArpDelivery::broadcast;
    unrelated.sender_mac = kTwinMac;
    unrelated.sender_ip = ip("198.18.5.12");
    unrelated.target_ip = kTarget;
    h.deliver(unrelated);
    CHECK_FALSE(h.engine->done());
    h.reply(kTarget, kTargetMac, 40us);  // the owner answers our probe: target IP 0.0.0.0
    CHECK(h.engine->done());
    REQUIRE(h.seen.size() == 1);
    CHECK(h.seen[0].mac == kTargetMac);
    CHECK(h.seen[0].rtt == 40us);
    CHECK(exit_status(h.report) == 1);
  }
  {
    Harness h(config, {kTarget}, unspecified);
    h.start();
    ArpPacket probe;
    probe.operation = wire::arp_operation::request;
    probe.delivery = ArpDelivery::broadcast;
    probe.sender_mac = kTwinMac;
    probe.sender_ip = unspecified;
    probe.target_ip = kTarget;
    h.deliver(probe);
    CHECK(h.engine->done());
    REQUIRE(h.seen.size() == 1);
    CHECK(h.seen[0].probe);
    CHECK_FALSE(h.seen[0].rtt);
    CHECK(exit_status(h.report) == 1);
  }
}

TEST_CASE("announce: gratuitous requests (-U) or replies (-A), sender = target, done at the last one") {
  for (const bool with_reply : {false, true}) {
    ArpConfig config;
    config.mode = ArpMode::announce;
    config.count = 2;
    config.linger = Duration::zero();
    config.announce_with_reply = with_reply;
    Harness h(config, {kOurIp}, kOurIp);
    h.start();
    h.run_to_end();
    REQUIRE(h.link.sent.size() == 2);
    CHECK(h.clock.mono() - MonoTime{} == 1s);
    const ArpFrameSpec& frame = h.link.sent[0].frame;
    CHECK(frame.operation == (with_reply ? wire::arp_operation::reply : wire::arp_operation::request));
    CHECK(frame.sender_ip == kOurIp);
    CHECK(frame.target_ip == kOurIp);
    CHECK(frame.target_mac == (with_reply ? kOurMac : kZeroMac));
    CHECK(frame.ethernet_destination == wire::broadcast_mac);
    CHECK(exit_status(h.report) == 0);
  }
}

TEST_CASE("scan: paced requests in order, retries of silent addresses only, each wait 1.5 times longer") {
  ArpConfig config;
  config.mode = ArpMode::scan;
  config.interval = 2ms;
  config.scan_wait = 500ms;
  config.retries = 1;
  const std::vector<IpAddress> targets{ip("198.18.5.11"), ip("198.18.5.12"), ip("198.18.5.13")};
  Harness h(config, targets);
  h.start();
  h.run_for(1ms);
  h.reply(targets[0], kTargetMac);
  h.run_for(5ms);
  REQUIRE(h.link.sent.size() == 3);
  CHECK(h.link.sent[1].at - h.link.sent[0].at == 2ms);
  CHECK(h.link.sent[2].frame.target_ip == targets[2]);
  h.reply(targets[2], kTwinMac);
  h.run_to_end();
  // Only .12 was silent: one retry, 500 ms after its request, then 750 ms more.
  REQUIRE(h.link.sent.size() == 4);
  CHECK(h.link.sent[3].frame.target_ip == targets[1]);
  CHECK(h.link.sent[3].at - h.link.sent[1].at == 500ms);
  CHECK(h.clock.mono() - h.link.sent[3].at == 750ms);
  CHECK(h.report.hosts.size() == 2);
  CHECK(exit_status(h.report) == 0);
}

TEST_CASE("scan: ends a settle time after the last request once all answered; one MAC for two addresses") {
  ArpConfig config;
  config.mode = ArpMode::scan;
  config.interval = 2ms;
  const std::vector<IpAddress> targets{ip("198.18.5.40"), ip("198.18.5.41")};
  Harness h(config, targets);
  h.start();
  h.reply(targets[0], kTargetMac);
  h.run_for(2ms);
  h.reply(targets[1], kTargetMac);
  h.run_to_end();
  CHECK(h.link.sent.size() == 2);
  CHECK(h.clock.mono() - h.link.sent[1].at == kScanSettle);
  REQUIRE(h.report.conflicts.size() == 1);
  CHECK(h.report.conflicts[0].kind == ArpConflict::Kind::several_addresses);
  CHECK(h.report.conflicts[0].addresses == targets);
}

TEST_CASE("scan: a late wakeup sends one catch-up request, not a burst") {
  ArpConfig config;
  config.mode = ArpMode::scan;
  config.interval = 2ms;
  std::vector<IpAddress> targets;
  for (int i = 10; i < 20; ++i) targets.push_back(ip(("198.18.5." + std::to_string(i)).c_str()));
  Harness h(config, targets);
  h.start();
  h.clock.advance(20ms);  // the event loop was busy
  h.engine->on_timer(h.clock.mono());
  h.engine->on_timer(h.clock.mono());
  h.engine->on_timer(h.clock.mono());
  CHECK(h.link.sent.size() == 3);  // the first, the late one, one catch-up
  CHECK(h.engine->next_deadline() == h.clock.mono() + 2ms);
}

TEST_CASE("a failed send is counted, not retried at once; interrupt leaves a complete report") {
  Harness h(ping(std::nullopt), {kTarget});
  h.link.fail_next = true;
  h.start();
  CHECK(h.report.send_errors == 1);
  CHECK(h.report.last_send_errno == ENOBUFS);
  CHECK(h.link.sent.empty());
  h.run_for(1s);
  CHECK(h.link.sent.size() == 1);
  CHECK(h.report.requests_sent == 1);
  h.reply(kTarget, kTargetMac);
  h.engine->interrupt(h.clock.mono());
  CHECK(h.engine->done());
  CHECK(h.report.interrupted);
  CHECK(h.report.answers_received == 1);
  CHECK(h.report.rtt.has_value());
  CHECK(h.report.elapsed > 1s);
}

TEST_CASE("a lost reply does not shift the later ones: a reply is timed from our latest request") {
  Harness h(ping(3), {kTarget});
  h.start();                                // request 1: lost
  h.run_until(MonoTime{} + 1s);             // request 2
  h.reply(kTarget, kTargetMac, 100us);
  h.run_until(MonoTime{} + 2s);             // request 3
  h.reply(kTarget, kTargetMac, 90us);
  REQUIRE(h.seen.size() == 2);
  CHECK(h.seen[0].request == 2);
  CHECK(h.seen[0].rtt == 100us);
  CHECK(h.seen[1].request == 3);
  CHECK(h.seen[1].rtt == 90us);
}

TEST_CASE("dad with no probe sent is not free; a scan does not retry an address that answered late") {
  ArpConfig config;
  config.mode = ArpMode::dad;
  config.finish_on_reply = true;
  apply_dad_timing(config, true);
  config.count = 1;
  Harness h(config, {kTarget}, IpAddress::v4({}));
  h.link.fail_next = true;
  h.start();
  h.run_to_end();
  CHECK(h.report.requests_sent == 0);
  CHECK(dad_result(h.report) == DadResult::unknown);
  CHECK(exit_status(h.report) == 1);

  ArpConfig scan;
  scan.mode = ArpMode::scan;
  scan.interval = 3ms;  // requests at 0, 3, 6, 9, 12 ms ...
  scan.scan_wait = 10ms;
  const std::vector<IpAddress> targets{ip("198.18.5.11"), ip("198.18.5.12"), ip("198.18.5.13"), ip("198.18.5.14"),
                                       ip("198.18.5.15"), ip("198.18.5.16"), ip("198.18.5.17"), ip("198.18.5.18")};
  Harness late(scan, targets);
  late.start();
  late.run_until(MonoTime{} + 10ms);  // .11's try has expired; its retry waits for the 12 ms slot
  late.reply(targets[0], kTargetMac, 500us);
  late.run_to_end();
  CHECK(std::count_if(late.link.sent.begin(), late.link.sent.end(),
                      [&](const FakeLink::Sent& sent) { return sent.frame.target_ip == targets[0]; }) == 1);
}

TEST_CASE("a forger answering with ever new MACs is heard out to kMaxMacsPerAddress") {
  Harness h(ping(1), {kTarget});
  h.start();
  for (unsigned i = 0; i < kMaxMacsPerAddress + 10; ++i) {
    wire::MacAddress forged = kTargetMac;
    forged[4] = std::byte{static_cast<unsigned char>(i >> 8)};
    forged[5] = std::byte{static_cast<unsigned char>(i)};
    h.reply(kTarget, forged, 1us);
  }
  CHECK(h.seen.size() == kMaxMacsPerAddress);
  CHECK(h.report.hosts.at(0).macs.size() == kMaxMacsPerAddress);
}

TEST_CASE("a reply read late, after the next request went out, still answers the request before it") {
  Harness h(ping(3), {kTarget});
  h.start();
  h.run_until(MonoTime{} + 1s);  // request 2 goes out before request 1's reply is read
  ArpPacket late;
  late.delivery = ArpDelivery::to_us;
  late.operation = wire::arp_operation::reply;
  late.sender_mac = kTargetMac;
  late.sender_ip = kTarget;
  late.target_mac = kOurMac;
  late.target_ip = kOurIp;
  late.received_at = h.clock.wall() - 1s + 80us;  // its kernel stamp: 80 us after request 1
  h.engine->on_reply(late, h.clock.mono());
  h.reply(kTarget, kTargetMac, 60us);
  REQUIRE(h.seen.size() == 2);
  CHECK(h.seen[0].request == 1);
  CHECK(h.seen[0].rtt == 80us);
  CHECK(h.seen[1].request == 2);
  CHECK(h.seen[1].rtt == 60us);
}

TEST_CASE("our own request seen leaving: its kernel stamp times the reply; it is no other program's request") {
  ArpConfig config = ping(1);
  config.random_seed = 0x5eed;
  Harness h(config, {kTarget});
  h.start();  // request 1, stamped in user space at 0
  REQUIRE(h.link.sent.size() == 1);
  CHECK(h.link.sent[0].frame.trailer == wire::ArpTrailer{0x5eed, 1});
  h.clock.advance(30us);
  ArpPacket own = sibling_request(kTarget);
  own.trailer = wire::ArpTrailer{0x5eed, 1};
  h.deliver(own);
  h.reply(kTarget, kTargetMac, 20us);
  REQUIRE(h.seen.size() == 1);
  CHECK(h.seen[0].rtt == 20us);
  h.reply(kTarget, kTargetMac, 20us);  // nothing else waits: the copy was not taken for a request
  CHECK(h.seen.size() == 1);
}
