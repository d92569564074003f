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
//
// Path-MTU discovery (`discover_mtu`, nd-trace --mtu) runs inside the same parallel trace:
//   - probes start at `packet_bytes` (65535: the local stack's EMSGSIZE then names the interface
//     MTU) with DF set; a "fragmentation needed" / "packet too big" for a probe of TTL t comes
//     from the router at hop t - 1, which cannot forward it to hop t. Its MTU becomes the probe
//     size, and every unanswered probe at TTL >= t that is too big is sent again at once — not
//     only after its own error arrives (routers rate-limit ICMP);
//   - with each hop's probes goes one small "size check" probe (`check_packet_bytes`). A hop whose
//     big probes all vanish while its check answers sits behind a PMTU black hole: a router
//     that drops big packets without an ICMP. Its check's RTT also sets the big probes' wait
//     (HERE), so that shows within milliseconds. New TTLs then wait while a search at that hop
//     finds the largest size that passes — the MTU plateaus of RFC 1191 section 7 first, three
//     probes per round, then bisection down to the byte — and the trace goes on at that size.
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
  std::size_t packet_bytes = 60;    // IP packet size of a probe; with discover_mtu, the first size
  bool discover_mtu = false;        // --mtu
  std::size_t check_packet_bytes = 60;  // --mtu: the small probe that tells a black hole apart
};

struct TraceProbeRequest {
  std::uint16_t probe_id = 0;  // from 1, in sending order
  Ttl ttl;
  std::size_t packet_bytes = 0;  // IP packet size (IPv4 or IPv6 header included)
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

// ICMP "fragmentation needed" (3/4) or ICMPv6 "packet too big" (2).
bool is_packet_too_big(const Reply& reply);

// The next smaller of the common MTU plateaus (RFC 1191 section 7, with 1500, 1492, 1480, 1460,
// 1400, 1280 and 576 added), for a router that reports no usable MTU; 0 below the smallest (68).
std::size_t mtu_plateau_below(std::size_t size);

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
  enum class Role : std::uint8_t {
    hop,         // one of a hop's probes: report_.hops[hop].probes[index]
    size_check,  // --mtu: a hop's small probe, side_[index]
    size_search  // --mtu: a black-hole search probe, side_[index]
  };
  struct Slot {  // where probe id N lives: slots_[N - 1]
    Role role = Role::hop;
    std::size_t hop = 0;
    std::size_t index = 0;
    MonoTime sent_mono{};
    bool superseded = false;  // sent again (smaller, or later) under a new id; answers to it are ignored
  };
  struct BlackHoleSearch {
    std::size_t hop = 0;         // whose big probes vanished while its size check answered
    std::size_t vanished = 0;    // the size they had
    std::size_t passes = 0;      // largest size known to pass
    std::size_t fails = 0;       // smallest size known not to (vanished + 1 until a round says)
    std::vector<std::size_t> round;  // side_ indexes of the probes in flight
    unsigned probes = 0;
  };

  ProbeResult& probe(const Slot& slot) {
    return slot.role == Role::hop ? report_.hops[slot.hop].probes[slot.index] : side_[slot.index];
  }
  const ProbeResult& probe(const Slot& slot) const {
    return slot.role == Role::hop ? report_.hops[slot.hop].probes[slot.index] : side_[slot.index];
  }
  void send_due(MonoTime now);
  bool may_send() const;
  bool ids_left() const { return slots_.size() < 0xffff; }
  void send_hop_probe(std::size_t hop, std::size_t index, MonoTime now);
  void send_side_probe(Role role, std::size_t hop, std::size_t size, MonoTime now);
  std::uint16_t new_probe_id(Role role, std::size_t hop, std::size_t index, MonoTime now);
  Duration wait_for(const Slot& slot) const;
  void expire(MonoTime now);
  void record_answer(ProbeResult& result, const Reply& reply);
  bool shrink_probes(std::size_t hop, std::size_t too_big, std::optional<Mtu> reported, MtuSource source,
                     std::optional<IpAddress> reported_by);
  void supersede(Slot& slot);
  void answer_one_at_a_time(std::size_t hop, std::size_t answered);
  bool hop_waiting(std::size_t hop) const;
  std::size_t mtu_at(unsigned ttl) const;
  // What a hop's probes say about a black hole in front of it (--mtu).
  enum class Evidence : std::uint8_t {
    none,       // it answered, its check did not, or it was searched already
    undecided,  // probes or check still pending
    vanished    // every big probe timed out while the small check got through
  };
  Evidence black_hole_evidence(std::size_t hop) const;
  void find_black_hole(MonoTime now);
  void next_search_round(MonoTime now);
  void search_round(MonoTime now);
  void end_search();
  void settle_hops();
  void apply_stop_rules();
  void check_done(MonoTime now);
  void finish(MonoTime now);
  void step(MonoTime now);

  TraceConfig config_;
  TraceTransport& transport_;
  std::uint16_t flow_identifier_;
  TraceReport& report_;
  Observer observer_;

  MonoTime started_{};
  std::vector<Slot> slots_;
  std::vector<ProbeResult> side_;                   // --mtu: size checks and search probes
  std::vector<std::optional<std::size_t>> checks_;  // per hop: its size check in side_
  std::vector<std::pair<std::size_t, std::size_t>> resend_;  // (hop, index) to send again, in order
  std::size_t size_ = 0;                            // IP packet size of the next probe
  std::optional<std::size_t> serial_hop_;           // -T: the hop whose probes go one at a time
  std::optional<BlackHoleSearch> search_;
  std::vector<std::pair<std::size_t, std::size_t>> searched_;  // (hop, vanished size) done
  unsigned next_ttl_ = 0;          // TTL of the next probe to send
  unsigned next_index_ = 0;        // its index within the hop
  unsigned in_flight_ = 0;
  unsigned limit_ttl_ = 0;         // no probe beyond this TTL (shrinks on reaching or giving up)
  std::optional<TraceStopReason> stop_reason_;
  bool done_ = false;
};

}  // namespace netdiag
