// The nd-tcp engine: which connection attempt starts when, how long each may wait, and the
// verdict on each. Pure logic, no sockets, no clocks of its own: io/tcp_connector does the
// connect()s behind the ConnectTransport seam; unit tests use a fake.
//
// Scheduling:
//   - endpoints (target, port) in the order given; `count` attempts each, an endpoint's next
//     attempt `interval` after its previous one started (ping mode: one endpoint, -c, -i);
//   - at most `parallel` attempts in flight, and with `spacing` (--rate) at least that long
//     between two starts;
//   - an attempt waits at most `timeout` (-W). With `adaptive_wait` (scans), once the target
//     has answered an attempt (SYN-ACK or RST), the wait for its other ports shrinks to
//     kAdaptiveFactor times the slowest answer, at least kAdaptiveFloor — as nmap times out
//     silent ports from the RTTs it measures — and a silent port gets `retries` more SYNs
//     (each a fresh connect()) before it is called filtered;
//   - `deadline` (-w) or interrupt(): attempts still waiting are dropped, the report is complete.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/core/types.hpp"
#include "netdiag/model/tcp_report.hpp"
#include "netdiag/probe/tcp_classify.hpp"

namespace netdiag {

struct TcpConfig {
  std::uint64_t count = 1;                         // -c: attempts per endpoint; 0 = until stopped
  Duration interval = std::chrono::seconds(1);     // -i: between attempts to one endpoint
  // -W: the longest wait for one attempt. 4 s: a router gives up on an unanswered ARP / neighbour
  // solicitation after 3 s (3 probes 1 s apart) before it sends "host unreachable".
  Duration timeout = std::chrono::seconds(4);
  std::size_t parallel = 256;                      // --parallel: attempts in flight at once
  std::optional<Duration> spacing;                 // --rate: the least time between two starts
  std::optional<Duration> deadline;                // -w: the whole run
  bool adaptive_wait = false;                      // scans: wait about the target's RTT, not -W
  unsigned retries = 0;                            // scans: more SYNs for a silent port
};

inline constexpr Duration kAdaptiveFloor = std::chrono::milliseconds(250);
inline constexpr int kAdaptiveFactor = 10;

struct TcpEndpoint {
  std::size_t target = 0;  // index into TcpReport::targets
  IpAddress address;
  Port port{0};
};

// What io/ reports when an attempt ends: the kernel's observations and the evidence around them.
struct ConnectResult {
  std::uint64_t attempt_id = 0;
  ConnectObservation observation;
  WallTime ended_at{};                  // when the answer was read (or the attempt given up)
  std::uint32_t syn_sent = 0;           // the SYN and the kernel's retransmissions of it
  std::optional<TcpConnectionInfo> tcp_info;
  std::optional<IpAddress> source;
  Port source_port{0};
  std::string interface;
  std::optional<IpAddress> next_hop;
  std::vector<TcpTimelineEntry> timeline;
};

// The seam between the engine and the network. io/ implements it with non-blocking sockets;
// results come back through the driver as ConnectResults.
class ConnectTransport {
 public:
  virtual ~ConnectTransport() = default;
  // Starts attempt `attempt_id` (a non-blocking connect()) and returns the instant it started.
  // A failure known at once is reported later, as a ConnectResult, like any other end.
  virtual WallTime start(std::uint64_t attempt_id, const IpAddress& address, Port port) = 0;
  // Ends an attempt the engine waited on long enough: closes it and says what the kernel knew
  // (observation.end = timed_out, the SYNs it sent, the neighbour entry) — or, when its answer
  // arrived since it was last read, that answer.
  virtual ConnectResult abandon(std::uint64_t attempt_id) = 0;
};

class TcpEngine {
 public:
  using Observer = std::function<void(const TcpAttempt&)>;

  TcpEngine(TcpConfig config, std::vector<TcpEndpoint> endpoints, ConnectTransport& transport, TcpReport& report,
            Observer observer);

  void start(MonoTime now, WallTime wall_now);
  // Starts what is due, gives up on attempts whose wait ran out, ends the run at the deadline.
  void on_timer(MonoTime now);
  // One attempt ended; results for attempts the engine no longer waits on are ignored.
  void on_reply(const ConnectResult& result, MonoTime now);
  // SIGINT: attempts in flight are dropped; the report is complete.
  void interrupt(MonoTime now);

  MonoTime next_deadline() const;
  bool done() const { return done_; }

 private:
  struct InFlight {
    std::size_t endpoint = 0;
    std::uint64_t sequence = 0;
    MonoTime started{};          // of this try
    WallTime started_wall{};
    WallTime first_started_wall{};  // of the attempt's first try
    unsigned tries = 1;
    std::uint32_t syn_sent_before = 0;  // by earlier tries
    std::vector<TcpTimelineEntry> timeline_before;  // --explain: earlier tries', from the first start
  };

  bool may_start(MonoTime now) const;
  MonoTime next_start() const;
  void start_due(MonoTime now);
  void start_try(InFlight attempt, MonoTime now);
  void expire(MonoTime now);
  Duration wait_for(std::size_t target) const;
  void record(const InFlight& attempt, const ConnectResult& result);
  void check_finished(MonoTime now);
  void finish(MonoTime now);

  TcpConfig config_;
  std::vector<TcpEndpoint> endpoints_;
  ConnectTransport& transport_;
  TcpReport& report_;
  Observer observer_;

  MonoTime started_{};
  // Scheduling: the next endpoint to start its first attempt, and endpoints due again (ping mode
  // and -c > 1) with the instant they may start.
  std::size_t next_endpoint_ = 0;
  std::multimap<MonoTime, std::size_t> again_;
  std::deque<InFlight> retries_;  // silent attempts to try again, first in line
  std::vector<std::uint64_t> sequences_;  // attempts started per endpoint
  MonoTime last_start_{};
  bool started_any_ = false;
  std::map<std::uint64_t, InFlight> in_flight_;
  std::uint64_t next_id_ = 1;
  std::vector<std::optional<Duration>> slowest_answer_;  // per target
  bool done_ = false;
};

}  // namespace netdiag
