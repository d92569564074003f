#include "netdiag/probe/tcp_classify.hpp"

#include <cerrno>

namespace netdiag {

namespace {

constexpr TcpVerdict verdict(TcpState state, TcpReason reason) { return {state, reason}; }

// ICMPv4 destination unreachable (RFC 792, RFC 1122 3.2.2.1, RFC 1812 5.2.7.1) and ICMPv6
// (RFC 4443 3.1) codes, sorted into the reasons nd-tcp names.
TcpReason unreachable_reason(Family family, std::uint8_t code) {
  if (family == Family::ipv4) {
    switch (code) {
      case 0: case 6: case 11: return TcpReason::icmp_net_unreachable;
      case 1: case 7: case 12: return TcpReason::icmp_host_unreachable;
      case 3: return TcpReason::icmp_port_unreachable;
      case 9: case 10: case 13: return TcpReason::icmp_admin_prohibited;
      default: return TcpReason::icmp_error;
    }
  }
  switch (code) {
    case 0: return TcpReason::icmp_net_unreachable;                     // no route to destination
    case 3: return TcpReason::icmp_host_unreachable;                    // address unreachable
    case 4: return TcpReason::icmp_port_unreachable;
    case 1: case 5: case 6: return TcpReason::icmp_admin_prohibited;    // prohibited, policy, reject route
    default: return TcpReason::icmp_error;
  }
}

TcpVerdict classify_icmp(const ConnectIcmp& icmp) {
  const bool unreachable = icmp.type == (icmp.family == Family::ipv4 ? 3 : 1);
  const bool time_exceeded = icmp.type == (icmp.family == Family::ipv4 ? 11 : 3);
  if (time_exceeded) return verdict(TcpState::unreachable, TcpReason::icmp_time_exceeded);
  if (!unreachable) return verdict(TcpState::unreachable, TcpReason::icmp_error);
  const TcpReason reason = unreachable_reason(icmp.family, icmp.code);
  if (icmp.offender_is_local) {
    // Our own stack speaking: a neighbour that never answered, or our own firewall's reject.
    switch (reason) {
      case TcpReason::icmp_host_unreachable: return verdict(TcpState::unreachable, TcpReason::no_neighbour);
      case TcpReason::icmp_net_unreachable: return verdict(TcpState::unreachable, TcpReason::no_route);
      case TcpReason::icmp_port_unreachable:
      case TcpReason::icmp_admin_prohibited: return verdict(TcpState::error, TcpReason::local_firewall);
      default: break;
    }
  }
  switch (reason) {
    case TcpReason::icmp_port_unreachable:
    case TcpReason::icmp_admin_prohibited: return verdict(TcpState::filtered, reason);
    default: return verdict(TcpState::unreachable, reason);
  }
}

}  // namespace

TcpVerdict classify_connect(const ConnectObservation& observation) {
  if (observation.end == ConnectEnd::connected) return verdict(TcpState::open, TcpReason::syn_ack);
  if (observation.icmp) return classify_icmp(*observation.icmp);
  if (observation.end == ConnectEnd::timed_out || observation.error == ETIMEDOUT) {
    // SYNs that waited on an unanswered ARP / neighbour solicitation never left the host.
    if (observation.next_hop_unresolved) return verdict(TcpState::unreachable, TcpReason::no_neighbour);
    return verdict(TcpState::filtered, TcpReason::no_response);
  }
  switch (observation.error) {
    case ECONNREFUSED: return verdict(TcpState::closed, TcpReason::reset);
    case ENETUNREACH:
      return observation.failed_at_once ? verdict(TcpState::unreachable, TcpReason::no_route)
                                        : verdict(TcpState::unreachable, TcpReason::icmp_net_unreachable);
    case EHOSTUNREACH:
      if (observation.failed_at_once) return verdict(TcpState::unreachable, TcpReason::no_route);
      if (observation.next_hop_unresolved) return verdict(TcpState::unreachable, TcpReason::no_neighbour);
      return verdict(TcpState::unreachable, TcpReason::icmp_host_unreachable);
    // A blackhole route: connect() fails at once with EINVAL (ip_route_connect).
    case EINVAL:
      return observation.failed_at_once ? verdict(TcpState::unreachable, TcpReason::no_route)
                                        : verdict(TcpState::error, TcpReason::local_error);
    // A prohibit route (EACCES) or an OUTPUT rule that rejects (EPERM).
    case EACCES:
    case EPERM: return verdict(TcpState::error, TcpReason::local_firewall);
    default: return verdict(TcpState::error, TcpReason::local_error);
  }
}

}  // namespace netdiag
