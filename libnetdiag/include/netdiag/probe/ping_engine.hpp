// The ping engine for one target: pure logic, no sockets, no clocks of its own. The driver
// (io/ping_runner) or a unit test calls it with the current time; it sends through the
// EchoTransport seam and reports what happens through an event callback.
//
// Timing follows iputils ping(8):
//   - a probe every `interval`; with `flood`, the next one as soon as the previous is
//     answered, and at least every `interval` (10 ms unless -i was given);
//   - with a count and no deadline, sending stops after `count` probes and the run ends when
//     every probe is answered (replies + errors >= count) or after a linger: twice the largest
//     RTT seen (at least one interval) when something answered, else `linger` (-W);
//   - with a deadline (-w), probes go on until `count` replies arrived or the deadline passed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <expected>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "netdiag/core/reply.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/model/ping_report.hpp"

namespace netdiag {

struct PingConfig {
  std::optional<std::uint64_t> count;        // -c
  Duration interval = std::chrono::seconds(1);  // -i
  Duration linger = std::chrono::seconds(10);   // -W: wait for a first reply after the last probe
  std::optional<Duration> deadline;          // -w
  bool flood = false;                        // -f
  bool report_outstanding = false;           // -O
  std::vector<std::byte> payload;            // ICMP data after the 8-byte header (-s, -p)
  bool keep_records = true;                  // keep every reply and error in the report
};

// The seam between the engine and the network. io/ implements it on a socket; tests on a fake.
class EchoTransport {
 public:
  virtual ~EchoTransport() = default;
  // Sends one echo request carrying `sequence` and `payload`; returns the wall-clock instant of
  // sending, or why the local stack refused it.
  virtual std::expected<WallTime, SendFailure> send_echo(Sequence sequence, std::span<const std::byte> payload) = 0;
};

// What a Reply means to one ping run: whether it answers one of our probes, and which.
struct ReplyMatch {
  std::uint64_t probe_number = 0;
};

// Decides whether `reply` belongs to the run that sends echo requests with `identifier` to
// `target` and has sent probes 0..probes_sent-1. Echo replies must come from the target (an
// answer from anyone else is not ours, even with our identifier); ICMP errors must quote our
// identifier and, when the quoted destination is known, the target.
std::optional<ReplyMatch> match_ping_reply(const Reply& reply, std::uint16_t identifier, const IpAddress& target,
                                           std::uint64_t probes_sent);

class PingEngine {
 public:
  using Observer = std::function<void(const PingEvent&)>;

  PingEngine(PingConfig config, EchoTransport& transport, std::uint16_t identifier, PingReport& report,
             Observer observer);

  // Starts the run: the first probe goes out at once.
  void start(MonoTime now, WallTime wall_now);
  // Sends every probe that is due and ends the run when its time is up.
  void on_timer(MonoTime now);
  // Feeds one received Reply (ours or not; unrelated ones are ignored and counted).
  void on_reply(const Reply& reply, MonoTime now);
  // SIGINT: ends the run now; the report is complete.
  void interrupt(MonoTime now);

  // When on_timer() wants to be called next.
  MonoTime next_deadline() const;
  bool done() const { return done_; }
  std::uint64_t unrelated_replies() const { return unrelated_; }

 private:
  struct Probe {
    WallTime sent_wall{};
    std::uint32_t answers = 0;
    bool errored = false;
  };

  bool wants_to_send() const;
  void send_probe(MonoTime now);
  void finish(MonoTime now);
  void check_finished(MonoTime now);
  Probe* find_probe(std::uint64_t probe_number);
  std::optional<MonoTime> linger_end() const;
  WallTime wall_at(MonoTime now) const { return started_wall_ + (now - started_); }

  PingConfig config_;
  EchoTransport& transport_;
  std::uint16_t identifier_;
  PingReport& report_;
  Observer observer_;

  MonoTime started_{};
  WallTime started_wall_{};
  MonoTime next_send_{};
  MonoTime last_send_{};
  Duration max_rtt_{};
  // The newest probes, oldest first; probe number of probes_.front() is first_kept_.
  std::deque<Probe> probes_;
  std::uint64_t first_kept_ = 0;
  std::uint64_t answered_or_failed_ = 0;
  std::uint64_t unrelated_ = 0;
  bool done_ = false;
};

}  // namespace netdiag
