// The ping engine driven step by step by a fake clock and a fake network: no sockets, no sleeping.
#include <doctest/doctest.h>

#include <cerrno>
#include <vector>

#include "netdiag/probe/ping_engine.hpp"
#include "support/fake_clock.hpp"

using namespace netdiag;
using namespace std::chrono_literals;

namespace {

const IpAddress kTarget = *IpAddress::parse("198.18.2.2");
const IpAddress kRouter = *IpAddress::parse("198.18.1.1");
constexpr std::uint16_t kIdentifier = 0x4242;

// Records what the engine sends; can be told to fail the next sends.
class FakeTransport final : public EchoTransport {
 public:
  explicit FakeTransport(test::FakeClock& clock) : clock_(clock) {}
  std::expected<WallTime, SendFailure> send_echo(Sequence sequence, std::span<const std::byte> payload) override {
    sent.push_back(sequence);
    payload_bytes = payload.size();
    if (fail_with) return std::unexpected(*fail_with);
    return clock_.wall();
  }
  std::vector<Sequence> sent;
  std::size_t payload_bytes = 0;
  std::optional<SendFailure> fail_with;

 private:
  test::FakeClock& clock_;
};

struct Harness {
  explicit Harness(PingConfig config)
      : transport(clock), engine(std::move(config), transport, kIdentifier, report, [this](const PingEvent& event) {
          events.push_back(event);
        }) {
    report.target = "server";
    report.address = kTarget;
  }

  void start() { engine.start(clock.mono(), clock.wall()); }
  // Advances time in small steps, firing the engine's timer whenever it is due, up to `until`.
  void run_until(Duration until) {
    const MonoTime end = MonoTime{} + until;
    while (!engine.done() && engine.next_deadline() <= end) {
      const MonoTime due = engine.next_deadline();
      if (due > clock.mono()) clock.advance(due - clock.mono());
      engine.on_timer(clock.mono());
    }
    if (end > clock.mono()) clock.advance(end - clock.mono());
  }
  Reply echo(std::uint64_t probe_number, IpAddress from = kTarget, std::uint16_t identifier = kIdentifier) const {
    Reply reply;
    reply.kind = ReplyKind::echo_reply;
    reply.from = from;
    reply.received_at = clock.wall();
    reply.identifier = identifier;
    reply.sequence = Sequence::truncate(probe_number + 1);
    reply.ttl = Ttl{63};
    reply.icmp_bytes = 64;
    return reply;
  }
  Reply icmp_error(std::uint64_t probe_number, std::uint8_t type, std::uint8_t code) const {
    Reply reply = echo(probe_number, kRouter);
    reply.kind = ReplyKind::icmp_error;
    reply.probe_destination = kTarget;
    reply.icmp_type = type;
    reply.icmp_code = code;
    reply.ttl.reset();
    return reply;
  }
  void deliver(const Reply& reply) { engine.on_reply(reply, clock.mono()); }

  test::FakeClock clock;
  FakeTransport transport;
  PingReport report;
  std::vector<PingEvent> events;
  PingEngine engine;
};

PingConfig count_config(std::uint64_t count) {
  PingConfig config;
  config.count = count;
  config.payload.resize(56);
  return config;
}

}  // namespace

TEST_CASE("three probes, three replies: ping's happy path") {
  Harness h(count_config(3));
  h.start();
  REQUIRE(h.transport.sent.size() == 1);
  CHECK(h.transport.sent[0].value == 1);  // the first icmp_seq is 1, as ping
  CHECK(h.transport.payload_bytes == 56);
  for (std::uint64_t n = 0; n < 3; ++n) {
    h.clock.advance(10ms);
    h.deliver(h.echo(n));
    if (n < 2) h.run_until((n + 1) * 1s);
  }
  REQUIRE(h.engine.done());
  CHECK(h.report.transmitted == 3);
  CHECK(h.report.received == 3);
  CHECK(h.report.duplicates == 0);
  CHECK(h.report.packet_loss_percent == 0.0);
  REQUIRE(h.report.rtt);
  CHECK(h.report.rtt->min == 10ms);
  CHECK(h.report.rtt->max == 10ms);
  CHECK(h.report.rtt->stddev == 0ns);
  CHECK(h.report.elapsed == 2010ms);  // ends with the last reply, not after a linger
  CHECK(exit_status(h.report) == 0);
  CHECK(h.report.replies[2].probe_number == 2);
  CHECK(h.report.replies[2].ttl == Ttl{63});
}

TEST_CASE("a lost probe: the run lingers twice the largest RTT (at least one interval)") {
  Harness h(count_config(3));
  h.start();
  h.clock.advance(20ms);
  h.deliver(h.echo(0));
  h.run_until(2s);  // probes 1 and 2 go out, nothing answers probe 1
  CHECK(h.transport.sent.size() == 3);
  h.clock.advance(30ms);
  h.deliver(h.echo(2));
  CHECK_FALSE(h.engine.done());
  h.run_until(2999ms);
  CHECK_FALSE(h.engine.done());
  h.run_until(3001ms);
  REQUIRE(h.engine.done());
  CHECK(h.report.transmitted == 3);
  CHECK(h.report.received == 2);
  CHECK(h.report.packet_loss_percent == doctest::Approx(100.0 / 3));
  CHECK(h.report.rtt->min == 20ms);
  CHECK(h.report.rtt->max == 30ms);
  CHECK(h.report.rtt->avg == 25ms);
  CHECK(h.report.rtt->stddev == 5ms);
  CHECK(exit_status(h.report) == 0);
}

TEST_CASE("no reply at all: wait -W after the last probe, then exit status 1") {
  PingConfig config = count_config(2);
  config.linger = 3s;
  Harness h(config);
  h.start();
  h.run_until(1s + 3s - 1ms);
  CHECK_FALSE(h.engine.done());
  h.run_until(1s + 3s);
  REQUIRE(h.engine.done());
  CHECK(h.report.received == 0);
  CHECK(h.report.packet_loss_percent == 100.0);
  CHECK_FALSE(h.report.rtt);
  CHECK(exit_status(h.report) == 1);
}

TEST_CASE("a duplicate is marked, counted apart and kept out of the statistics") {
  Harness h(count_config(2));
  h.start();
  h.clock.advance(5ms);
  h.deliver(h.echo(0));
  h.clock.advance(7ms);
  h.deliver(h.echo(0));
  CHECK(h.report.received == 1);
  CHECK(h.report.duplicates == 1);
  REQUIRE(h.report.replies.size() == 2);
  CHECK_FALSE(h.report.replies[0].duplicate);
  CHECK(h.report.replies[1].duplicate);
  h.run_until(1s);
  h.clock.advance(5ms);
  h.deliver(h.echo(1));
  REQUIRE(h.engine.done());
  CHECK(h.report.rtt->max == 5ms);  // the 12 ms duplicate does not count
  CHECK(h.report.packet_loss_percent == 0.0);
}

TEST_CASE("reordered replies each find their own probe") {
  PingConfig config = count_config(2);
  config.interval = 10ms;
  Harness h(config);
  h.start();
  h.run_until(10ms);
  REQUIRE(h.transport.sent.size() == 2);
  h.clock.advance(50ms);
  h.deliver(h.echo(1));
  h.clock.advance(5ms);
  h.deliver(h.echo(0));
  REQUIRE(h.engine.done());
  CHECK(h.report.replies[0].probe_number == 1);
  CHECK(h.report.replies[0].rtt == 50ms);
  CHECK(h.report.replies[1].probe_number == 0);
  CHECK(h.report.replies[1].rtt == 65ms);
}

TEST_CASE("a late reply still counts and is marked late") {
  PingConfig config = count_config(2);
  config.linger = 1s;
  config.interval = 100ms;
  Harness h(config);
  h.start();
  h.run_until(100ms);
  h.clock.advance(1400ms);
  h.deliver(h.echo(0));
  CHECK(h.report.received == 1);
  REQUIRE(h.report.replies.size() == 1);
  CHECK(h.report.replies[0].late);
  CHECK(h.report.replies[0].rtt == 1500ms);
}

TEST_CASE("ICMP errors are recorded with their sender and end the probe's wait") {
  Harness h(count_config(2));
  h.start();
  h.clock.advance(1ms);
  h.deliver(h.icmp_error(0, 3, 1));
  h.run_until(1s);
  h.clock.advance(1ms);
  Reply frag = h.icmp_error(1, 3, 4);
  frag.mtu = Mtu{1400};
  h.deliver(frag);
  REQUIRE(h.engine.done());
  REQUIRE(h.report.errors.size() == 2);
  CHECK(h.report.errors[0].from == kRouter);
  CHECK(h.report.errors[0].icmp_code == 1);
  CHECK(h.report.errors[0].kind == PingErrorKind::icmp);
  CHECK(h.report.errors[1].mtu == Mtu{1400});
  CHECK(h.report.received == 0);
  CHECK(exit_status(h.report) == 1);
}

TEST_CASE("a local send failure is an error of its own with the local MTU") {
  Harness h(count_config(1));
  h.transport.fail_with = SendFailure{EMSGSIZE, Mtu{1400}};
  h.start();
  REQUIRE(h.engine.done());
  CHECK(h.report.transmitted == 1);
  REQUIRE(h.report.errors.size() == 1);
  CHECK(h.report.errors[0].kind == PingErrorKind::local);
  CHECK(h.report.errors[0].local_errno == EMSGSIZE);
  CHECK(h.report.errors[0].mtu == Mtu{1400});
}

TEST_CASE("replies that are not ours are ignored and counted") {
  Harness h(count_config(1));
  h.start();
  h.deliver(h.echo(0, kTarget, kIdentifier + 1));      // another process's identifier
  h.deliver(h.echo(0, kRouter));                       // our identifier, but not from the target
  h.deliver(h.echo(5));                                // a probe never sent
  Reply stray_error = h.icmp_error(0, 3, 1);
  stray_error.probe_destination = *IpAddress::parse("198.18.2.3");  // quoting a packet to someone else
  h.deliver(stray_error);
  CHECK(h.engine.unrelated_replies() == 4);
  CHECK(h.report.received == 0);
  CHECK(h.report.errors.empty());
  CHECK_FALSE(h.engine.done());
}

TEST_CASE("match_ping_reply is the one place that decides") {
  Reply reply;
  reply.kind = ReplyKind::echo_reply;
  reply.from = kTarget;
  reply.identifier = kIdentifier;
  reply.sequence = Sequence{3};
  CHECK(match_ping_reply(reply, kIdentifier, kTarget, 3)->probe_number == 2);
  CHECK_FALSE(match_ping_reply(reply, kIdentifier, kTarget, 2));  // not sent yet
  CHECK_FALSE(match_ping_reply(reply, kIdentifier, kTarget, 0));
  reply.sequence = Sequence{0};  // wire 0 is probe 65535, never probe -1
  CHECK_FALSE(match_ping_reply(reply, kIdentifier, kTarget, 5));
  CHECK(match_ping_reply(reply, kIdentifier, kTarget, 65536)->probe_number == 65535);
  reply.kind = ReplyKind::icmp_error;
  reply.from = kRouter;
  reply.sequence = Sequence{1};
  CHECK(match_ping_reply(reply, kIdentifier, kTarget, 1));  // quoted destination unknown: trust the kernel
  reply.probe_destination = kTarget;
  CHECK(match_ping_reply(reply, kIdentifier, kTarget, 1));
  reply.probe_destination = kRouter;
  CHECK_FALSE(match_ping_reply(reply, kIdentifier, kTarget, 1));
}

TEST_CASE("sequence numbers wrap at 65535 and replies still match") {
  PingConfig config = count_config(70'000);
  config.interval = 1ms;
  Harness h(config);
  h.start();
  for (std::uint64_t n = 0; n < 70'000; ++n) {
    h.clock.advance(100us);
    h.deliver(h.echo(n));
    if (n + 1 < 70'000) h.run_until((n + 1) * 1ms);
  }
  REQUIRE(h.engine.done());
  CHECK(h.transport.sent[65534].value == 65535);
  CHECK(h.transport.sent[65535].value == 0);
  CHECK(h.transport.sent[65536].value == 1);
  CHECK(h.report.received == 70'000);
  CHECK(h.report.duplicates == 0);
  CHECK(h.engine.unrelated_replies() == 0);
  CHECK(h.report.replies[65535].probe_number == 65535);
  CHECK(h.report.rtt->max == 100us);
}

TEST_CASE("-w: keep probing until COUNT replies or the deadline") {
  PingConfig config = count_config(3);
  config.deadline = 5s;
  Harness h(config);
  h.start();
  h.run_until(5s);
  REQUIRE(h.engine.done());
  CHECK(h.transport.sent.size() == 5);  // more than -c: ping -w keeps going until replies arrive
  CHECK(exit_status(h.report) == 1);

  Harness partial(config);
  partial.start();
  partial.clock.advance(1ms);
  partial.deliver(partial.echo(0));
  partial.run_until(1s);
  partial.clock.advance(1ms);
  partial.deliver(partial.echo(1));
  partial.run_until(5s);
  REQUIRE(partial.engine.done());
  CHECK(partial.report.received == 2);
  CHECK(exit_status(partial.report) == 1);  // fewer than -c within -w

  Harness enough(config);
  enough.start();
  for (std::uint64_t n = 0; n < 3; ++n) {
    enough.clock.advance(1ms);
    enough.deliver(enough.echo(n));
    if (n < 2) enough.run_until((n + 1) * 1s);
  }
  CHECK(enough.engine.done());
  CHECK(exit_status(enough.report) == 0);
}

TEST_CASE("interrupt ends the run with a complete report") {
  PingConfig config;
  config.payload.resize(56);
  Harness h(config);  // no count: runs until interrupted
  h.start();
  h.clock.advance(2ms);
  h.deliver(h.echo(0));
  h.run_until(3500ms);
  CHECK_FALSE(h.engine.done());
  h.engine.interrupt(h.clock.mono());
  REQUIRE(h.engine.done());
  CHECK(h.report.interrupted);
  CHECK(h.report.transmitted == 4);
  CHECK(h.report.received == 1);
  CHECK(h.report.packet_loss_percent == 75.0);
  CHECK(h.report.elapsed == 3500ms);
}

TEST_CASE("flood sends the next probe as soon as the newest is answered") {
  PingConfig config = count_config(3);
  config.flood = true;
  config.interval = 10ms;
  Harness h(config);
  h.start();
  h.clock.advance(200us);
  h.deliver(h.echo(0));
  CHECK(h.engine.next_deadline() == h.clock.mono());
  h.engine.on_timer(h.clock.mono());
  CHECK(h.transport.sent.size() == 2);
  h.run_until(200us + 10ms);  // unanswered: the 10 ms floor applies
  CHECK(h.transport.sent.size() == 3);
}

TEST_CASE("-O reports a probe still unanswered when the next one goes out") {
  PingConfig config = count_config(3);
  config.report_outstanding = true;
  Harness h(config);
  h.start();
  h.run_until(1s);
  REQUIRE(h.events.size() >= 2);
  const auto* notice = std::get_if<PingNoAnswerEvent>(&h.events[1]);
  REQUIRE(notice != nullptr);
  CHECK(notice->probe_number == 0);
}

TEST_CASE("without keep_records the report holds counts and statistics, not every reply") {
  PingConfig config = count_config(3);
  config.keep_records = false;
  Harness h(config);
  h.start();
  for (std::uint64_t n = 0; n < 3; ++n) {
    h.clock.advance((n + 1) * 1ms);
    h.deliver(h.echo(n));
    h.deliver(h.echo(n));  // and a duplicate each
    if (n < 2) h.run_until((n + 1) * 1s);
  }
  REQUIRE(h.engine.done());
  CHECK(h.report.replies.empty());
  CHECK(h.report.received == 3);
  CHECK(h.report.duplicates == 2);  // the last one comes after the run ended with its answer
  CHECK(h.events.size() == 3 + 3 + 2);  // every send, reply and duplicate still reaches the observer
  REQUIRE(h.report.rtt);
  CHECK(h.report.rtt->min == 1ms);
  CHECK(h.report.rtt->max == 3ms);
  CHECK(h.report.rtt->avg == 2ms);
}
