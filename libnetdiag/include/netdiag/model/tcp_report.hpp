// Plain result structs of an nd-tcp run: one TcpAttempt per connection attempt, each with the
// verdict (state and reason) and the evidence behind it. Statistics are computed once, by
// finalize().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/core/types.hpp"
#include "netdiag/model/rtt_statistics.hpp"

namespace netdiag {

// What a connection attempt found, in nmap's words where nmap has one.
enum class TcpState : std::uint8_t {
  open,         // the handshake completed
  closed,       // the host answered with a reset: it is up, nothing listens
  filtered,     // something between us and the port stopped the SYN (dropped it or rejected it)
  unreachable,  // no way to the host: a router or our own stack said so
  error         // our own host refused or failed the attempt
};
inline constexpr std::size_t kTcpStateCount = 5;
std::string_view to_string(TcpState state);

// Why, in one word each; to_string() gives the hyphenated names of the JSON and text output.
enum class TcpReason : std::uint8_t {
  syn_ack,                // SYN -> SYN-ACK
  reset,                  // SYN -> RST from the target
  icmp_port_unreachable,  // a firewall's REJECT (a TCP stack would answer RST)
  icmp_admin_prohibited,  // ICMP 3/9, 3/10, 3/13; ICMPv6 1/1, 1/5, 1/6
  icmp_net_unreachable,   // ICMP 3/0, 3/6, 3/11; ICMPv6 1/0
  icmp_host_unreachable,  // ICMP 3/1, 3/7, 3/12; ICMPv6 1/3
  icmp_time_exceeded,     // a routing loop: the SYN's TTL ran out on the way (ICMP 11, ICMPv6 3)
  icmp_error,             // any other ICMP error (protocol unreachable, source route failed ...)
  no_response,            // every SYN went unanswered until the timeout
  no_neighbour,           // the next hop on the local link never answered ARP / neighbour solicitation
  no_route,               // the local routing table has no way there
  local_firewall,         // our own host rejected the SYN on its way out
  local_error             // connect() failed locally for another reason (local_errno says which)
};
std::string_view to_string(TcpReason reason);

// What TCP_INFO says about an established connection (tcp(7)).
struct TcpConnectionInfo {
  std::uint32_t mss_bytes = 0;                      // tcpi_snd_mss
  std::optional<std::uint8_t> send_window_scale;    // tcpi_snd_wscale, when window scaling was agreed
  std::optional<std::uint8_t> receive_window_scale; // tcpi_rcv_wscale
  bool sack = false;                                // both sides offered SACK
  bool timestamps = false;                          // both sides offered timestamps (RFC 7323)
  Duration kernel_rtt{};                            // tcpi_rtt: the kernel's own measure of the SYN's RTT
};

// The ICMP error that stopped an attempt, in ICMPv4 or ICMPv6 numbering as `family` says.
struct TcpIcmp {
  Family family = Family::ipv4;
  std::uint8_t type = 0;
  std::uint8_t code = 0;
};

// One line of --explain's timeline: a packet seen on the wire (privileged capture) or an event
// the kernel reported (unprivileged).
struct TcpTimelineEntry {
  Duration at{};      // since the attempt started
  std::string text;   // tcpdump-like: "198.18.1.1.40312 > 198.18.1.2.80: Flags [S], seq 1, win 64240, ..."
  bool from_capture = false;
};

struct TcpAttempt {
  std::size_t target = 0;     // index into TcpReport::targets
  Port port{0};
  std::uint64_t sequence = 1; // 1-based, per endpoint (target and port)
  TcpState state = TcpState::error;
  TcpReason reason = TcpReason::local_error;
  // Who answered: the target (SYN-ACK, RST), the router or firewall that sent the ICMP, or our
  // own host (a local rejection, a failed neighbour lookup).
  std::optional<IpAddress> responder;
  std::optional<TcpIcmp> icmp;
  // From connect() to the answer (handshake time when open); empty when nothing answered.
  std::optional<Duration> rtt;
  // Time from connect() until the verdict, answered or not.
  Duration elapsed{};
  std::uint32_t syn_sent = 0;
  std::optional<TcpConnectionInfo> tcp_info;
  int local_errno = 0;
  std::optional<IpAddress> source;  // our address of the attempt, when it got one
  Port source_port{0};
  std::string interface;             // outgoing interface, when the route named one
  std::optional<IpAddress> next_hop; // the neighbour the SYN needed first (gateway or target)
  WallTime started_at{};
  std::vector<TcpTimelineEntry> timeline;  // --explain
};

struct TcpTarget {
  std::string name;  // as given
  IpAddress address;
};

// Per endpoint (target and port) over its attempts: ping-like statistics.
struct TcpEndpointSummary {
  std::size_t target = 0;
  Port port{0};
  std::uint64_t attempts = 0;
  std::uint64_t open = 0;
  RttAccumulator handshake_samples;
  std::optional<RttStatistics> handshake;  // over the attempts that opened; set by finalize()
};

struct TcpReport {
  std::vector<TcpTarget> targets;
  std::vector<Port> ports;
  WallTime started_at{};
  Duration elapsed{};
  bool interrupted = false;
  // Ping mode: one endpoint tried repeatedly, one line per attempt. Scan mode: many endpoints.
  bool ping_mode = false;
  // Every attempt, when keep_attempts is set (JSON and scan output need them; ping mode's text
  // prints each as it comes, so an nd-tcp -c 0 running for days keeps no growing list).
  bool keep_attempts = true;
  std::vector<TcpAttempt> attempts;  // finalize() sorts them by target, port and sequence

  std::array<std::uint64_t, kTcpStateCount> state_counts{};
  std::vector<TcpEndpointSummary> endpoints;  // in order of first attempt; finalize() sorts them
  std::map<std::pair<std::size_t, std::uint16_t>, std::size_t> endpoint_index;  // (target, port) -> endpoints[i]

  // Counts an attempt, and keeps it when keep_attempts is set.
  void add(const TcpAttempt& attempt);
  // Sorts, and computes each endpoint's handshake statistics. Call once, when the run ends.
  void finalize();
  std::uint64_t count(TcpState state) const { return state_counts[static_cast<std::size_t>(state)]; }
};

// One sentence that explains an attempt's verdict, e.g. "198.18.1.2 answered the SYN with a
// reset (RST): the host is up, but nothing listens on port 81."
std::string explain(const TcpReport& report, const TcpAttempt& attempt);

// 0 when every endpoint (target and port) was tried and open at least once, else 1.
int exit_status(const TcpReport& report);

}  // namespace netdiag
