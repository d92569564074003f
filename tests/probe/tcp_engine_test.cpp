// The nd-tcp engine driven by a fake clock and a fake transport: scheduling, windows, rates,
// adaptive waits and retries, and the report it builds.
#include <doctest/doctest.h>

#include <cerrno>
#include <map>
#include <vector>

#include "netdiag/probe/tcp_engine.hpp"
#include "support/fake_clock.hpp"

using namespace netdiag;
using namespace std::chrono_literals;

namespace {

const IpAddress kTarget = *IpAddress::parse("198.18.2.2");

// Records every start; abandon() reports the SYNs the kernel would have sent by then.
class FakeConnector final : public ConnectTransport {
 public:
  explicit FakeConnector(test::FakeClock& clock) : clock_(clock) {}
  struct Started {
    std::uint64_t id;
    Port port;
    MonoTime at;
  };
  WallTime start(std::uint64_t attempt_id, const IpAddress& address, Port port) override {
    CHECK(address == kTarget);
    started.push_back({attempt_id, port, clock_.mono()});
    return clock_.wall();
  }
  ConnectResult abandon(std::uint64_t attempt_id) override {
    abandoned.push_back(attempt_id);
    ConnectResult result;
    result.attempt_id = attempt_id;
    result.observation.end = ConnectEnd::timed_out;
    result.observation.next_hop_unresolved = unresolved;
    result.ended_at = clock_.wall();
    result.syn_sent = 1;
    return result;
  }
  std::vector<Started> started;
  std::vector<std::uint64_t> abandoned;
  bool unresolved = false;

 private:
  test::FakeClock& clock_;
};

struct Harness {
  Harness(TcpConfig config, std::vector<std::uint16_t> ports) : connector(clock) {
    report.targets = {{"server", kTarget}};
    std::vector<TcpEndpoint> endpoints;
    for (const auto port : ports) {
      report.ports.push_back(Port{port});
      endpoints.push_back({0, kTarget, Port{port}});
    }
    engine.emplace(config, endpoints, connector, report, [this](const TcpAttempt& attempt) { seen.push_back(attempt); });
  }
  void start() { engine->start(clock.mono(), clock.wall()); }
  void run_until(Duration until) {
    const MonoTime end = MonoTime{} + until;
    while (!engine->done() && engine->next_deadline() <= end) {
      const MonoTime due = engine->next_deadline();
      if (due > clock.mono()) clock.advance(due - clock.mono());
      engine->on_timer(clock.mono());
    }
    if (end > clock.mono()) clock.advance(end - clock.mono());
  }
  void answer(std::size_t started_index, ConnectEnd end, int error = 0) {
    ConnectResult result;
    result.attempt_id = connector.started.at(started_index).id;
    result.observation.end = end;
    result.observation.error = error;
    result.ended_at = clock.wall();
    result.syn_sent = 1;
    engine->on_reply(result, clock.mono());
  }

  test::FakeClock clock;
  FakeConnector connector;
  TcpReport report;
  std::optional<TcpEngine> engine;
  std::vector<TcpAttempt> seen;
};

}  // namespace

TEST_CASE("a scan: every port once, verdicts sorted by port, counts per state") {
  TcpConfig config;
  config.timeout = 2s;
  Harness h(config, {443, 22, 80});
  h.start();
  REQUIRE(h.connector.started.size() == 3);
  h.clock.advance(1ms);
  h.answer(1, ConnectEnd::connected);           // 22
  h.clock.advance(1ms);
  h.answer(2, ConnectEnd::failed, ECONNREFUSED);  // 80
  CHECK_FALSE(h.engine->done());
  h.run_until(5s);
  REQUIRE(h.engine->done());
  CHECK(h.connector.abandoned.size() == 1);
  REQUIRE(h.report.attempts.size() == 3);
  CHECK(h.report.attempts[0].port == Port{22});
  CHECK(h.report.attempts[0].state == TcpState::open);
  CHECK(h.report.attempts[0].rtt == 1ms);
  CHECK(h.report.attempts[0].responder == kTarget);
  CHECK(h.report.attempts[1].port == Port{80});
  CHECK(h.report.attempts[1].reason == TcpReason::reset);
  CHECK(h.report.attempts[1].rtt == 2ms);
  CHECK(h.report.attempts[2].port == Port{443});
  CHECK(h.report.attempts[2].reason == TcpReason::no_response);
  CHECK_FALSE(h.report.attempts[2].rtt);
  CHECK(h.report.attempts[2].elapsed == 2s);
  CHECK(h.report.count(TcpState::open) == 1);
  CHECK(h.report.count(TcpState::closed) == 1);
  CHECK(h.report.count(TcpState::filtered) == 1);
  CHECK(h.seen.size() == 3);
  CHECK(exit_status(h.report) == 1);
}

TEST_CASE("the window: at most --parallel attempts in flight; an answer frees a slot") {
  TcpConfig config;
  config.parallel = 2;
  config.timeout = 3s;
  Harness h(config, {1, 2, 3, 4, 5});
  h.start();
  CHECK(h.connector.started.size() == 2);
  h.answer(0, ConnectEnd::failed, ECONNREFUSED);
  CHECK(h.connector.started.size() == 3);
  CHECK(h.connector.started[2].port == Port{3});
  h.run_until(3s);  // 2 and 3 time out together; 4 and 5 start then
  CHECK(h.connector.started.size() == 5);
  h.run_until(6s);
  CHECK(h.engine->done());
  CHECK(h.report.attempts.size() == 5);
}

TEST_CASE("--rate: starts spaced by the interval it gives") {
  TcpConfig config;
  config.spacing = 10ms;
  Harness h(config, {1, 2, 3});
  h.start();
  CHECK(h.connector.started.size() == 1);
  h.run_until(9ms);
  CHECK(h.connector.started.size() == 1);
  h.run_until(25ms);
  REQUIRE(h.connector.started.size() == 3);
  CHECK(h.connector.started[1].at == MonoTime{} + 10ms);
  CHECK(h.connector.started[2].at == MonoTime{} + 20ms);
}

TEST_CASE("ping mode: -c attempts, one every -i, handshake statistics") {
  TcpConfig config;
  config.count = 3;
  config.interval = 1s;
  Harness h(config, {80});
  h.report.ping_mode = true;
  h.start();
  h.clock.advance(2ms);
  h.answer(0, ConnectEnd::connected);
  h.run_until(1s);
  REQUIRE(h.connector.started.size() == 2);
  h.clock.advance(4ms);
  h.answer(1, ConnectEnd::connected);
  h.run_until(2s);
  REQUIRE(h.connector.started.size() == 3);
  h.answer(2, ConnectEnd::failed, ECONNREFUSED);
  REQUIRE(h.engine->done());
  CHECK(h.connector.started[1].at == MonoTime{} + 1s);
  REQUIRE(h.report.attempts.size() == 3);
  CHECK(h.report.attempts[2].sequence == 3);
  REQUIRE(h.report.endpoints.size() == 1);
  CHECK(h.report.endpoints[0].attempts == 3);
  CHECK(h.report.endpoints[0].open == 2);
  REQUIRE(h.report.endpoints[0].handshake);
  CHECK(h.report.endpoints[0].handshake->min == 2ms);
  CHECK(h.report.endpoints[0].handshake->max == 4ms);
  CHECK(exit_status(h.report) == 0);
}

TEST_CASE("adaptive wait: once the host answered, a silent port waits the floor, and is retried") {
  TcpConfig config;
  config.timeout = 3s;
  config.adaptive_wait = true;
  config.retries = 1;
  Harness h(config, {22, 23});
  h.start();
  h.clock.advance(1ms);
  h.answer(0, ConnectEnd::connected);
  // 10 x 1 ms is below the floor: port 23 waits kAdaptiveFloor, twice.
  h.run_until(kAdaptiveFloor);
  CHECK(h.connector.abandoned.size() == 1);
  REQUIRE(h.connector.started.size() == 3);
  CHECK(h.connector.started[2].port == Port{23});
  h.run_until(2 * kAdaptiveFloor);
  REQUIRE(h.engine->done());
  const TcpAttempt& silent = h.report.attempts.at(1);
  CHECK(silent.reason == TcpReason::no_response);
  CHECK(silent.syn_sent == 2);
  CHECK(silent.elapsed == 2 * kAdaptiveFloor);
}

TEST_CASE("adaptive wait never exceeds -W, and a slow host stretches it") {
  TcpConfig config;
  config.timeout = 500ms;
  config.adaptive_wait = true;
  Harness h(config, {22, 23});
  h.start();
  h.clock.advance(40ms);
  h.answer(0, ConnectEnd::connected);  // 10 x 40 ms = 400 ms
  h.run_until(399ms);
  CHECK(h.connector.abandoned.empty());
  h.run_until(400ms);
  CHECK(h.connector.abandoned.size() == 1);
}

TEST_CASE("no retry for a neighbour that never answered: the verdict is no-neighbour") {
  TcpConfig config;
  config.timeout = 1s;
  config.retries = 2;
  Harness h(config, {80});
  h.connector.unresolved = true;
  h.start();
  h.run_until(1s);
  REQUIRE(h.engine->done());
  CHECK(h.connector.started.size() == 1);
  CHECK(h.report.attempts.at(0).reason == TcpReason::no_neighbour);
}

TEST_CASE("-w ends an endless run; interrupt() ends any run, with the report complete") {
  TcpConfig config;
  config.count = 0;
  config.deadline = 3500ms;
  Harness h(config, {80});
  h.start();
  for (int i = 0; i < 4; ++i) {
    h.answer(static_cast<std::size_t>(i), ConnectEnd::connected);
    h.run_until(1s * (i + 1));
  }
  h.run_until(4s);
  CHECK(h.engine->done());
  CHECK_FALSE(h.report.interrupted);
  CHECK(h.report.attempts.size() == 4);

  Harness interrupted(TcpConfig{}, {80, 81});
  interrupted.start();
  interrupted.answer(0, ConnectEnd::connected);
  interrupted.engine->interrupt(interrupted.clock.mono());
  CHECK(interrupted.engine->done());
  CHECK(interrupted.report.interrupted);
  CHECK(interrupted.report.attempts.size() == 1);
  CHECK(exit_status(interrupted.report) == 1);  // port 81 never got its verdict
}

TEST_CASE("a result for an attempt no longer waited on is ignored") {
  Harness h(TcpConfig{}, {80});
  h.start();
  ConnectResult stray;
  stray.attempt_id = 999;
  stray.observation.end = ConnectEnd::connected;
  h.engine->on_reply(stray, h.clock.mono());
  CHECK(h.report.attempts.empty());
  CHECK_FALSE(h.engine->done());
}
