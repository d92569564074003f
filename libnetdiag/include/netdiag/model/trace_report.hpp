// Plain result structs of a trace: one HopResult per TTL, one ProbeResult per probe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/reply.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/core/types.hpp"

namespace netdiag {

enum class TraceMethod : std::uint8_t { udp, icmp, tcp };
std::string_view to_string(TraceMethod method);

// What became of one probe.
enum class ProbeOutcome : std::uint8_t {
  pending,         // sent, still waiting
  time_exceeded,   // a router on the way answered (ICMP 11 / ICMPv6 3)
  reached,         // the destination answered (port unreachable, echo reply, SYN-ACK or RST)
  unreachable,     // an ICMP destination unreachable other than the destination's own answer
  timed_out,       // nothing within the wait
  send_failed,     // the local stack refused it
  too_big          // --mtu: bigger than a link on the way (an ICMP or the local MTU said so), so
                   // sent again smaller; in the hops only when the trace ended before that
};
std::string_view to_string(ProbeOutcome outcome);

// -T: "open" for a SYN-ACK, "closed" for an RST, "" for no TCP answer.
std::string_view tcp_state(TcpAnswer answer);

struct ProbeResult {
  std::uint16_t probe_id = 0;  // the number the probe carried
  Ttl ttl;
  ProbeOutcome outcome = ProbeOutcome::pending;
  std::optional<IpAddress> from;
  std::optional<Duration> rtt;
  std::uint8_t icmp_type = 0;
  std::uint8_t icmp_code = 0;
  std::optional<Ttl> reply_ttl;  // TTL of the answer as it reached us (return-path length)
  std::optional<Mtu> mtu;
  int local_errno = 0;
  bool late = false;  // answered after its wait ran out; shown, but the hop did not wait for it
  std::size_t packet_bytes = 0;  // IP packet size of the probe
  TcpAnswer tcp_answer = TcpAnswer::none;  // -T: the destination's SYN-ACK (open) or RST (closed)
  std::vector<MplsLabel> mpls;             // the label stack the router quoted (RFC 4950)
  WallTime sent_at{};
};

// traceroute's annotation for an answer: "" for time exceeded or the destination's own answer,
// "!H" host, "!N" network, "!P" protocol, "!X" administratively prohibited, "!F-<mtu>",
// "!<code>" otherwise (traceroute(8)).
std::string annotation(const ProbeResult& probe, Family family);

struct HopResult {
  Ttl ttl;
  std::vector<ProbeResult> probes;
  // --mtu: the path MTU up to this hop, i.e. the largest packet known to get here.
  std::optional<Mtu> mtu;
  // Final: every probe answered or timed out and nothing will send it again (the engine sets it;
  // a hop can lose it when a path-MTU step or a black hole sends its probes again smaller).
  bool settled = false;
};

// --mtu: where the path MTU drops, and who said so.
enum class MtuSource : std::uint8_t {
  local,       // the outgoing interface (EMSGSIZE from the local stack)
  icmp,        // ICMP "fragmentation needed" / ICMPv6 "packet too big" from a router
  black_hole   // found by search: bigger packets vanish without any ICMP
};
std::string_view to_string(MtuSource source);

struct MtuStep {
  Ttl ttl;  // the first hop that only packets of at most `mtu` bytes reach
  Mtu mtu;
  MtuSource source = MtuSource::icmp;
  std::optional<IpAddress> reported_by;  // the router that sent the ICMP (hop ttl - 1)
};

// A PMTU black hole: hop `after_ttl` answers big probes (0: this host), hop `ttl` answers only
// small ones; packets bigger than `largest_passing_bytes` are dropped in between, silently.
struct BlackHole {
  std::uint8_t after_ttl = 0;
  Ttl ttl;
  std::size_t largest_passing_bytes = 0;
  std::size_t smallest_failing_bytes = 0;
  unsigned probes = 0;  // probes the search sent
};

// How many hops the answer travelled back, from its remaining TTL and the usual initial TTLs
// (64, 128, 255), as tracepath(8) estimates it; empty without a reply TTL.
std::optional<unsigned> return_hops(const ProbeResult& probe);

enum class TraceStopReason : std::uint8_t {
  destination_reached,
  unreachable,      // a router said the destination cannot be reached
  max_ttl,          // every TTL up to -m was probed
  max_unknown,      // --max-unknown silent hops in a row
  interrupted
};
std::string_view to_string(TraceStopReason reason);

struct TraceReport {
  std::string target;
  IpAddress address;
  TraceMethod method = TraceMethod::udp;
  unsigned probes_per_hop = 3;
  std::uint8_t first_ttl = 1;
  std::uint8_t max_ttl = 30;
  std::size_t packet_bytes = 0;  // IP packet size of a probe (--mtu: the size it starts from)
  bool mtu_discovery = false;     // --mtu
  WallTime started_at{};
  Duration elapsed{};
  std::vector<HopResult> hops;  // in TTL order, from the first TTL probed
  // The highest TTL that is part of the path so far: it only shrinks (when the destination
  // answers, an unreachable ends the path, or hops fall silent), so hops up to it that have all
  // their answers are final and can be shown as they complete.
  std::uint8_t last_ttl = 0;
  bool destination_reached = false;
  TraceStopReason stop_reason = TraceStopReason::max_ttl;
  // --mtu: the path MTU to the last hop, the steps down to it in TTL order, and black holes.
  std::optional<Mtu> path_mtu;
  std::vector<MtuStep> mtu_steps;
  std::vector<BlackHole> black_holes;
  std::uint64_t unrelated_replies = 0;
  std::uint64_t duplicate_replies = 0;
  // Reverse names of the addresses that answered, as lookups finish (empty: it has none). An
  // address missing here has not been looked up, or its lookup is still running.
  std::map<IpAddress, std::optional<std::string>> names;
};

// The name of `address` when a lookup found one.
std::optional<std::string> name_of(const TraceReport& report, const IpAddress& address);

}  // namespace netdiag
