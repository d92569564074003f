// Plain result structs of a trace: one HopResult per TTL, one ProbeResult per probe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
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
  send_failed      // the local stack refused it
};
std::string_view to_string(ProbeOutcome outcome);

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
  WallTime sent_at{};
};

// traceroute's annotation for an answer: "" for time exceeded or the destination's own answer,
// "!H" host, "!N" network, "!P" protocol, "!X" administratively prohibited, "!F-<mtu>",
// "!<code>" otherwise (traceroute(8)).
std::string annotation(const ProbeResult& probe, Family family);

struct HopResult {
  Ttl ttl;
  std::vector<ProbeResult> probes;
};

// How many hops the answer travelled back, from its remaining TTL and the usual initial TTLs
// (64, 128, 255), as tracepath(8) estimates it; empty without a reply TTL.
std::optional<unsigned> return_hops(const ProbeResult& probe);

// Whether a hop has all its probes and none is still waiting.
bool hop_complete(const HopResult& hop, unsigned probes_per_hop);

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
  std::size_t packet_bytes = 0;  // IP packet size of a probe
  WallTime started_at{};
  Duration elapsed{};
  std::vector<HopResult> hops;  // in TTL order, from the first TTL probed
  // The highest TTL that is part of the path so far: it only shrinks (when the destination
  // answers, an unreachable ends the path, or hops fall silent), so hops up to it that have all
  // their answers are final and can be shown as they complete.
  std::uint8_t last_ttl = 0;
  bool destination_reached = false;
  TraceStopReason stop_reason = TraceStopReason::max_ttl;
  std::uint64_t unrelated_replies = 0;
  std::uint64_t duplicate_replies = 0;
};

}  // namespace netdiag
