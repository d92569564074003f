// The one normalised thing io/ hands to an engine: whatever the kernel delivered — an echo
// reply read from a ping or raw socket, an ICMP error read from the socket error queue
// (IP_RECVERR) or parsed out of a raw packet, or a local error such as EMSGSIZE — becomes a Reply.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/core/types.hpp"

namespace netdiag {

enum class ReplyKind : std::uint8_t {
  echo_reply,  // ICMP type 0 / ICMPv6 type 129
  icmp_error,  // an ICMP error quoting one of our probes
  local_error,     // the local stack refused or failed the probe (errno in local_errno)
  transport_reply  // a TCP or UDP answer from the probed host itself (SYN-ACK, RST, a datagram)
};

// How the probed host answered a TCP SYN: its port is open (SYN-ACK) or closed (RST).
enum class TcpAnswer : std::uint8_t { none, syn_ack, reset };

struct Reply {
  ReplyKind kind = ReplyKind::echo_reply;
  Family family = Family::ipv4;
  // Who sent it: the echo replier, the ICMP error's offender, or the local host.
  IpAddress from;
  // Kernel receive stamp (SO_TIMESTAMPNS); for local errors, when the error was read.
  WallTime received_at{};
  // Echo identifier and sequence: of the reply itself, or of the probe an error quotes.
  std::uint16_t identifier = 0;
  Sequence sequence;
  // For an ICMP error: the destination of the probe it quotes, when the kernel or the quoted
  // header told us.
  std::optional<IpAddress> probe_destination;
  // IPv4 TTL / IPv6 hop limit of the received packet, when the kernel told us.
  std::optional<Ttl> ttl;
  // ICMP message length (header + data) of an echo reply, as ping prints "64 bytes from".
  std::size_t icmp_bytes = 0;
  // Type and code of an ICMP error (ICMPv4 or ICMPv6 numbering per `family`).
  std::uint8_t icmp_type = 0;
  std::uint8_t icmp_code = 0;
  // Next-hop MTU from "fragmentation needed" / "packet too big", or the local MTU on EMSGSIZE.
  std::optional<Mtu> mtu;
  // errno of a local error.
  int local_errno = 0;
  // For an ICMP error: the MPLS label stack the router quoted (RFC 4950), top first.
  std::vector<MplsLabel> mpls;
  // For a transport_reply to a TCP probe: SYN-ACK or RST.
  TcpAnswer tcp_answer = TcpAnswer::none;
  // False when an echo reply's data differs from what we sent (ping's "wrong data byte").
  bool payload_intact = true;
};

// Why the local stack refused to send a probe.
struct SendFailure {
  int error = 0;           // errno
  std::optional<Mtu> mtu;  // for EMSGSIZE: the MTU the kernel enforces (IP_RECVERR, origin local)
};

}  // namespace netdiag
