// One line per captured packet, the way `tcpdump -n -S` prints it (what nd-tcp --explain shows
// for each packet its capture saw), plus the fields needed to match the packet to a connection
// attempt.
//
// The input is a packet from its network header on, as an AF_PACKET SOCK_DGRAM socket delivers
// it, with the EtherType from its sockaddr_ll:
//
//   0x0800  IPv4 datagram ─┬─ TCP segment           -> Kind::tcp
//   0x86DD  IPv6 packet  ──┤   ICMP / ICMPv6 error  -> Kind::icmp_error (quoted: the TCP flow it quotes)
//                          │   ICMPv6 135 / 136     -> Kind::neighbour_discovery
//                          └─  anything else        -> Kind::other
//   0x0806  ARP (arp.hpp)                           -> Kind::arp
//
// Text forms (tcpdump 4.99 with -n -S, checked against it on the same captures):
//   IP 198.18.1.2.40312 > 198.18.2.2.80: Flags [S], seq 3735928559, win 64240, options [mss 1460,sackOK,TS val 123 ecr 0,nop,wscale 7], length 0
//   IP6 fd00:2::2.80 > fd00:1::2.40312: Flags [R.], seq 0, ack 3735928560, win 0, length 0
//     flags: F S R P . U E W in that order ("." is ACK), "none" for none; "seq N" (or "seq N:M"
//     with data) unless the segment is a bare ACK; "ack N" when ACK is set; options in order,
//     kinds without a name as "unknown-N"; length: the TCP payload bytes.
//   IP 198.18.1.1 > 198.18.1.2: ICMP host 198.18.2.99 unreachable, length 68
//     also "ICMP net X unreachable", "ICMP X tcp port 84 unreachable", "ICMP host X unreachable -
//     admin prohibited filter" (3/13), "ICMP net X unreachable - admin prohibited" (3/9), "ICMP
//     host X unreachable - admin prohibited" (3/10), "ICMP time exceeded in-transit", where X is
//     the quoted destination; length: the ICMP message bytes.
//   IP6 fd00:1::1 > fd00:1::2: ICMP6, destination unreachable, unreachable address fd00:2::99, length 88
//     also "unreachable route X", "unreachable prohibited X", "unreachable port, X tcp port 84",
//     "ICMP6, time exceeded in-transit for X".
//   ARP, Request who-has 198.18.1.99 tell 198.18.1.2, length 28
//   ARP, Reply 198.18.1.1 is-at 02:00:00:00:01:01, length 28
//   IP6 fd00:1::2 > ff02::1:ff00:99: ICMP6, neighbor solicitation, who has fd00:1::99, length 32
//   IP6 fd00:1::1 > fd00:1::2: ICMP6, neighbor advertisement, tgt is fd00:1::1, length 32
//   IP 198.18.1.2.55714 > 198.18.2.2.53: UDP, length 8
//   IP 198.18.1.2 > 198.18.2.2: ICMP echo request, id 2162, seq 1, length 64
//   IP 198.18.1.2 > 198.18.2.2: proto 47, length 40          (any other protocol)
//   IP 198.18.1.2 > 198.18.2.2: proto 6, malformed, length 12  (a TCP, UDP, ICMP or ICMPv6
//                                    header that is cut short or lies about its own length)
//
// Every input is taken as hostile: a network header that does not parse (truncated, a length
// field larger than the bytes, the wrong version for the EtherType) gives nullopt, and so does an
// EtherType other than the three above; a bad upper layer gives Kind::other.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "netdiag/core/address.hpp"

namespace netdiag::wire {

// The start of the TCP segment an ICMP or ICMPv6 error quotes: the addresses of the quoted IP
// header and the ports of the first 8 bytes of its payload.
struct QuotedFlow {
  IpAddress source, destination;
  std::uint16_t source_port = 0, destination_port = 0;
  friend bool operator==(const QuotedFlow&, const QuotedFlow&) = default;
};

struct PacketSummary {
  enum class Kind : std::uint8_t { tcp, icmp_error, arp, neighbour_discovery, other };
  Kind kind = Kind::other;
  // The IP header's addresses; for ARP the sender and target protocol addresses. Always set.
  std::optional<IpAddress> source, destination;
  std::uint16_t source_port = 0, destination_port = 0;  // TCP only (0 otherwise, UDP included)
  std::uint8_t tcp_flags = 0;                            // TCP: header byte 13 (TcpFlags::bits)
  std::optional<QuotedFlow> quoted;                      // ICMP / ICMPv6 error quoting a TCP segment
  // ARP: the address asked about (request) or announced (reply); ND: the target address.
  std::optional<IpAddress> neighbour;
  std::string text;  // one line, tcpdump -n style: printable ASCII, no newline
};

// "tcp", "icmp_error", "arp", "neighbour_discovery", "other".
std::string_view to_string(PacketSummary::Kind kind);

// `ethertype`: 0x0800 IPv4, 0x86DD IPv6, 0x0806 ARP — the packet starts at the network header
// (as an AF_PACKET SOCK_DGRAM socket delivers it). Empty for what cannot be parsed.
std::optional<PacketSummary> summarize_packet(std::uint16_t ethertype, std::span<const std::byte> packet);

// One TCP connection attempt as its packets show it.
struct TcpFlow {
  IpAddress target;
  std::uint16_t target_port = 0;
  std::uint16_t source_port = 0;
  std::optional<IpAddress> next_hop;  // the neighbour its packets go to first
};

// Whether a packet is part of the attempt: its segments in either direction, an ICMP error
// quoting one of its segments, or ARP / neighbour discovery about its next hop.
bool belongs_to(const PacketSummary& packet, const TcpFlow& flow);

}  // namespace netdiag::wire
