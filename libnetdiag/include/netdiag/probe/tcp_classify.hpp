// The verdict on one TCP connection attempt, as a pure function of what the kernel reported
// about it — so every row of nd-tcp's table is a unit test, not a lab run.
//
// What Linux reports for a non-blocking connect() with IP_RECVERR / IPV6_RECVERR on:
//   - SYN-ACK: the socket becomes writable, SO_ERROR 0.
//   - RST: SO_ERROR ECONNREFUSED, nothing on the error queue.
//   - any ICMP destination unreachable (and time exceeded, parameter problem) in SYN_SENT: the
//     attempt ends at once (tcp_v4_err / tcp_v6_err), SO_ERROR from icmp_err_convert, and the
//     error queue holds the ICMP type, code and the offender's address. A port unreachable
//     also ends as ECONNREFUSED: only the error queue tells it from an RST.
//   - no ARP / neighbour answer for the next hop: after the kernel's solicitations give up
//     (3 s by default) it reports "host unreachable" to itself (ipv4_link_failure,
//     ip6_link_failure), so the offender is one of our own addresses. Before that, the
//     neighbour entry is INCOMPLETE.
//   - no route, an unreachable, blackhole or prohibit route: connect() itself fails
//     (ENETUNREACH, EHOSTUNREACH, EINVAL, EACCES) and no SYN is sent.
#pragma once

#include <cstdint>
#include <optional>

#include "netdiag/core/address.hpp"
#include "netdiag/model/tcp_report.hpp"

namespace netdiag {

enum class ConnectEnd : std::uint8_t {
  connected,  // the handshake completed
  failed,     // connect() failed, at once or later (error says why)
  timed_out   // our wait ran out with the SYN unanswered
};

// An ICMP error the kernel queued for the attempt.
struct ConnectIcmp {
  Family family = Family::ipv4;  // ICMPv4 or ICMPv6 numbering
  std::uint8_t type = 0;
  std::uint8_t code = 0;
  IpAddress offender;
  bool offender_is_local = false;  // sent by our own host (a neighbour failure, a local reject)
};

struct ConnectObservation {
  ConnectEnd end = ConnectEnd::failed;
  int error = 0;                 // errno: connect()'s own, or SO_ERROR
  bool failed_at_once = false;   // connect() itself failed: no SYN left
  std::optional<ConnectIcmp> icmp;
  // The next hop's neighbour entry (ARP / NDP) was incomplete or failed when the attempt ended.
  bool next_hop_unresolved = false;
};

struct TcpVerdict {
  TcpState state = TcpState::error;
  TcpReason reason = TcpReason::local_error;
  friend bool operator==(const TcpVerdict&, const TcpVerdict&) = default;
};

TcpVerdict classify_connect(const ConnectObservation& observation);

}  // namespace netdiag
