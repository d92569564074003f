// The trace engine: pure logic, no sockets, no clocks of its own (like PingEngine). It decides
// which probe goes out next and with what TTL, how long to wait for each, and what every answer
// means; io/ sends through the TraceTransport seam and feeds back normalised Replies.
//
// Probing follows traceroute(8) and improves on it:
//   - probes of several TTLs are in flight at once (a window of `max_in_flight`), in TTL order;
//   - every probe of a trace uses the same flow (Paris-style: same addresses, ports, protocol),
//     and carries a 16-bit probe id instead — the transport puts it where a router's ICMP quote
//     keeps it (the payload, the echo sequence, the TCP sequence number);
//   - a probe's wait is adaptive, as traceroute's `-w MAX,HERE,NEAR`: at most MAX, or HERE times
//     the largest RTT already seen from the same hop, or NEAR times the largest RTT seen from a
//     hop beyond it, whichever applies first;
//   - the trace stops at the destination's answer, at an unreachable, at `max_ttl`, or after
//     `max_unknown` silent hops in a row.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <vector>

#include "netdiag/core/reply.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/model/trace_report.hpp"

namespace netdiag {

struct TraceWaits {
  Duration max = std::chrono::seconds(5);  // traceroute's defaults: -w 5,3,10
  double here = 3.0;                        // 0 switches the rule off
  double near = 10.0;
  // HERE and NEAR never cut a wait below this: with kernel timestamps a nearby hop answers in
  // tens of microseconds, and three times that is less than the spacing of its answers to
  // probes sent together.
  Duration adaptive_floor = std::chrono::milliseconds(10);
};

struct TraceConfig {
  TraceMethod method = TraceMethod::udp;
  Ttl first_ttl{1};                 // -f
  Ttl max_ttl{30};                  // -m
  unsigned probes_per_hop = 3;      // -q
  unsigned max_in_flight = 16;      // -N
  TraceWaits waits;                 // -w MAX,HERE,NEAR
  unsigned max_unknown = 5;         // --max-unknown: silent hops in a row before giving up
};

struct TraceProbeRequest {
  std::uint16_t probe_id = 0;  // from 1, in sending order
  Ttl ttl;
};

// The seam between the engine and the network.
class TraceTransport {
 public:
  virtual ~TraceTransport() = default;
  // Sends one probe with this TTL carrying this id; the wall-clock instant of sending, or why
  // the local stack refused it.
  virtual std::expected<WallTime, SendFailure> send_probe(const TraceProbeRequest& probe) = 0;
};

// Decides whether `reply` answers one of the probes 1..probes_sent of the trace whose flow has
// `flow_identifier` (echo identifier or source port) towards `target`, and which. Never accepts
// an answer from the wrong host: echo and transport replies must come from the target, and so
// must a port unreachable (anyone else's would be a stranger's); errors must quote our flow and,
// when the quote says so, our target.
std::optional<std::uint16_t> match_trace_reply(const Reply& reply, std::uint16_t flow_identifier,
                                               const IpAddress& target, std::uint16_t probes_sent);

// What a matched reply means for its probe.
ProbeOutcome classify_trace_reply(const Reply& reply, const IpAddress& target);

class TraceEngine {
 public:
  using Observer = std::function<void(const ProbeResult&)>;

  TraceEngine(TraceConfig config, TraceTransport& transport, std::uint16_t flow_identifier, TraceReport& report,
              Observer observer);

  void start(MonoTime now, WallTime wall_now);
  void on_timer(MonoTime now);
  void on_reply(const Reply& reply, MonoTime now);
  void interrupt(MonoTime now);

  MonoTime next_deadline() const;
  bool done() const { return done_; }

 private:
  struct Slot {  // where probe id N lives: slots_[N - 1]
    std::size_t hop = 0;
    std::size_t index = 0;
    MonoTime sent_mono{};
  };

  ProbeResult& probe(const Slot& slot) { return report_.hops[slot.hop].probes[slot.index]; }
  const ProbeResult& probe(const Slot& slot) const { return report_.hops[slot.hop].probes[slot.index]; }
  void send_due(MonoTime now);
  bool may_send() const;
  Duration wait_for(const Slot& slot) const;
  void expire(MonoTime now);
  void apply_stop_rules();
  void check_done(MonoTime now);
  void finish(MonoTime now);

  TraceConfig config_;
  TraceTransport& transport_;
  std::uint16_t flow_identifier_;
  TraceReport& report_;
  Observer observer_;

  MonoTime started_{};
  std::vector<Slot> slots_;
  unsigned next_ttl_ = 0;          // TTL of the next probe to send
  unsigned next_index_ = 0;        // its index within the hop
  unsigned in_flight_ = 0;
  unsigned limit_ttl_ = 0;         // no probe beyond this TTL (shrinks on reaching or giving up)
  std::optional<TraceStopReason> stop_reason_;
  bool done_ = false;
};

}  // namespace netdiag
