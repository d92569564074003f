// summarize_packet (wire/packet_summary.hpp) on captured packets: every text checked against what
// tcpdump 4.99 printed for the same packet, every field checked exactly, every truncation and a
// set of lying headers.
//
// Captured on the development machine in three throwaway network namespaces joined by veth pairs,
//   client (c0 02:00:00:00:01:02, 198.18.1.2, fd00:1::2) --
//   router (r0 02:00:00:00:01:01, 198.18.1.1, fd00:1::1 | r1 02:00:00:00:02:01, 198.18.2.1, fd00:2::1) --
//   server (s0 02:00:00:00:02:02, 198.18.2.2, fd00:2::2; a Python listener on port 80),
// transmit checksum offload off on every veth, nftables rules on the router and server as each
// comment says, with `tcpdump -i c0 -w` in the client while a Python script made connection
// attempts, and read back with `tcpdump -n -S -xx`; the namespaces were deleted afterwards. The
// strings keep the Ethernet header, so the EtherType is the one the frame carried; the tests hand
// summarize_packet() what follows it, as an AF_PACKET SOCK_DGRAM socket would.
//
// Where our text deliberately differs from tcpdump's (the line quoted above each capture):
// no ": HTTP" after a port-80 payload, "UDP, length N" instead of tcpdump's DNS decoding of port
// 53, no "HBH " before an upper layer behind a Hop-by-Hop header, no MLDv2 group count, and a
// single space where tcpdump 4.99 prints two in ",  unreachable prohibited".
#include "netdiag/wire/packet_summary.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/arp.hpp"
#include "netdiag/wire/ethernet.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "netdiag/wire/ipv4.hpp"
#include "netdiag/wire/ipv6.hpp"
#include "netdiag/wire/tcp.hpp"
#include "support/hex.hpp"
#include "captures.hpp"

using netdiag::IpAddress;
using netdiag::Port;
using netdiag::test::from_hex;
using namespace netdiag::wire;
using Kind = PacketSummary::Kind;

namespace {

namespace frames {

// `connect(("198.18.2.2", 80))` to a listening socket: the client's SYN.
// tcpdump -n -S: IP 198.18.1.2.35990 > 198.18.2.2.80: Flags [S], seq 2618074402, win 64240, options [mss 1460,sackOK,TS val 1911592966 ecr 0,nop,wscale 10], length 0
inline constexpr std::string_view syn_v4 = R"(
    0200 0000 0101 0200 0000 0102 0800 4500
    003c 689a 4000 4006 42f9 c612 0102 c612
    0202 8c96 0050 9c0c a522 0000 0000 a002
    faf0 e5d6 0000 0204 05b4 0402 080a 71f0
    9806 0000 0000 0103 030a)";

// The server's SYN-ACK.
// tcpdump -n -S: IP 198.18.2.2.80 > 198.18.1.2.35990: Flags [S.], seq 1992214657, ack 2618074403, win 65160, options [mss 1460,sackOK,TS val 1982050752 ecr 1911592966,nop,wscale 10], length 0
inline constexpr std::string_view syn_ack_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 4500
    003c 0000 4000 3f06 ac93 c612 0202 c612
    0102 0050 8c96 76be c881 9c0c a523 a012
    fe88 7b09 0000 0204 05b4 0402 080a 7623
    b1c0 71f0 9806 0103 030a)";

// The client's ACK completing the handshake (no data: tcpdump prints no seq).
// tcpdump -n -S: IP 198.18.1.2.35990 > 198.18.2.2.80: Flags [.], ack 1992214658, win 63, options [nop,nop,TS val 1911592966 ecr 1982050752], length 0
inline constexpr std::string_view ack_v4 = R"(
    0200 0000 0101 0200 0000 0102 0800 4500
    0034 689b 4000 4006 4300 c612 0102 c612
    0202 8c96 0050 9c0c a523 76be c882 8010
    003f a822 0000 0101 080a 71f0 9806 7623
    b1c0)";

// The client's first data segment, "netdiag\n" (tcpdump adds ": HTTP" for port 80; we do not).
// tcpdump -n -S: IP 198.18.1.2.35990 > 198.18.2.2.80: Flags [P.], seq 2618074403:2618074411, ack 1992214658, win 63, options [nop,nop,TS val 1911592966 ecr 1982050752], length 8: HTTP
inline constexpr std::string_view data_v4 = R"(
    0200 0000 0101 0200 0000 0102 0800 4500
    003c 689c 4000 4006 42f7 c612 0102 c612
    0202 8c96 0050 9c0c a523 76be c882 8018
    003f f4dc 0000 0101 080a 71f0 9806 7623
    b1c0 6e65 7464 6961 670a)";

// The server closing that connection.
// tcpdump -n -S: IP 198.18.2.2.80 > 198.18.1.2.35990: Flags [F.], seq 1992214666, ack 2618074411, win 64, options [nop,nop,TS val 1982050753 ecr 1911592967], length 0
inline constexpr std::string_view fin_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 4500
    0034 4bc2 4000 3f06 60d9 c612 0202 c612
    0102 0050 8c96 76be c88a 9c0c a52b 8011
    0040 a80e 0000 0101 080a 7623 b1c1 71f0
    9807)";

// The server's answer to a SYN for closed port 81 (from port 33134, seq 2044350289).
// tcpdump -n -S: IP 198.18.2.2.81 > 198.18.1.2.33134: Flags [R.], seq 0, ack 2044350290, win 0, length 0
inline constexpr std::string_view rst_ack_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 4500
    0028 0000 4000 3f06 aca7 c612 0202 c612
    0102 0051 816e 0000 0000 79da 4f52 5014
    0000 d5bb 0000)";

// The router, whose ARP for 198.18.2.99 on its far link went unanswered, quoting the client's SYN (port 46210, seq 2115814037).
// tcpdump -n -S: IP 198.18.1.1 > 198.18.1.2: ICMP host 198.18.2.99 unreachable, length 68
inline constexpr std::string_view host_unreachable_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 45c0
    0058 9f36 0000 4001 4c87 c612 0101 c612
    0102 0301 8cb7 0000 0000 4500 003c 5408
    4000 3f06 582a c612 0102 c612 0263 b482
    0050 7e1c c295 0000 0000 a002 faf0 2b90
    0000 0204 05b4 0402 080a 8d8d 0ee0 0000
    0000 0103 030a)";

// The router, with no route to 198.18.99.0/24, quoting a SYN from port 52502.
// tcpdump -n -S: IP 198.18.1.1 > 198.18.1.2: ICMP net 198.18.99.1 unreachable, length 68
inline constexpr std::string_view net_unreachable_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 45c0
    0058 9f74 0000 4001 4c49 c612 0101 c612
    0102 0300 ed56 0000 0000 4500 003c c58b
    4000 4006 8508 c612 0102 c612 6301 cd16
    0050 737d ef8b 0000 0000 a002 faf0 7b63
    0000 0204 05b4 0402 080a dc3f d4d0 0000
    0000 0103 030a)";

// The server's nftables `tcp dport 84 reject` quoting a SYN from port 60236.
// tcpdump -n -S: IP 198.18.2.2 > 198.18.1.2: ICMP 198.18.2.2 tcp port 84 unreachable, length 68
inline constexpr std::string_view port_unreachable_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 45c0
    0058 a23e 0000 3f01 497e c612 0202 c612
    0102 0303 8c54 0000 0000 4500 003c f50a
    4000 3f06 b788 c612 0102 c612 0202 eb4c
    0054 1a2e 2da3 0000 0000 a002 faf0 1a44
    0000 0204 05b4 0402 080a 39b1 367c 0000
    0000 0103 030a)";

// The server's `reject with icmp type admin-prohibited` for port 85 (3/13), quoting a SYN from port 58694.
// tcpdump -n -S: IP 198.18.2.2 > 198.18.1.2: ICMP host 198.18.2.2 unreachable - admin prohibited filter, length 68
inline constexpr std::string_view admin_filter_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 45c0
    0058 a264 0000 3f01 4958 c612 0202 c612
    0102 030d 8c4a 0000 0000 4500 003c bb06
    4000 3f06 f18c c612 0102 c612 0202 e546
    0055 31f7 468c 0000 0000 a002 faf0 d6e0
    0000 0204 05b4 0402 080a 867d 0266 0000
    0000 0103 030a)";

// The router's `reject with icmp type net-prohibited` for 198.18.3.0/24 (3/9), quoting a SYN from port 49854.
// tcpdump -n -S: IP 198.18.1.1 > 198.18.1.2: ICMP net 198.18.3.1 unreachable - admin prohibited, length 68
inline constexpr std::string_view net_prohibited_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 45c0
    0058 9ffd 0000 4001 4bc0 c612 0101 c612
    0102 0309 8d4d 0000 0000 4500 003c 33dd
    4000 3f06 77b7 c612 0102 c612 0301 c2be
    0050 2a8f 2ad2 0000 0000 a002 faf0 9a64
    0000 0204 05b4 0402 080a 94c6 7549 0000
    0000 0103 030a)";

// The router's `reject with icmp type host-prohibited` for 198.18.4.0/24 (3/10), quoting a SYN from port 57560.
// tcpdump -n -S: IP 198.18.1.1 > 198.18.1.2: ICMP host 198.18.4.1 unreachable - admin prohibited, length 68
inline constexpr std::string_view host_prohibited_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 45c0
    0058 a02c 0000 4001 4b91 c612 0101 c612
    0102 030a 8e4c 0000 0000 4500 003c de36
    4000 3f06 cc5d c612 0102 c612 0401 e0d8
    0050 fe96 aa5f 0000 0000 a002 faf0 0e1c
    0000 0204 05b4 0402 080a 13e7 0fc2 0000
    0000 0103 030a)";

// A SYN sent with IP_TTL 1 (port 47018, seq 2973234813): the router's time exceeded in transit.
// tcpdump -n -S: IP 198.18.1.1 > 198.18.1.2: ICMP time exceeded in-transit, length 68
inline constexpr std::string_view ttl_exceeded_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 45c0
    0058 a785 0000 4001 4438 c612 0101 c612
    0102 0b00 8457 0000 0000 4500 003c c7d7
    4000 0106 22bc c612 0102 c612 0202 b7aa
    0050 b137 f67d 0000 0000 a002 faf0 e9ad
    0000 0204 05b4 0402 080a 0c31 6854 0000
    0000 0103 030a)";

// `sendto(b"netdiag\n", ("198.18.2.2", 53))`: nothing listens there.
// tcpdump -n -S: IP 198.18.1.2.55714 > 198.18.2.2.53: domain [length 8 < 12] (invalid)
inline constexpr std::string_view udp_v4 = R"(
    0200 0000 0101 0200 0000 0102 0800 4500
    0024 35c4 4000 4011 75dc c612 0102 c612
    0202 d9a2 0035 0010 e397 6e65 7464 6961
    670a)";

// The server's port unreachable for that datagram (the kernel's own: 3/3 quoting UDP).
// tcpdump -n -S: IP 198.18.2.2 > 198.18.1.2: ICMP 198.18.2.2 udp port 53 unreachable, length 44
inline constexpr std::string_view udp_port_unreachable_v4 = R"(
    0200 0000 0102 0200 0000 0101 0800 45c0
    0040 a27c 0000 3f01 4958 c612 0202 c612
    0102 0303 8c47 0000 0000 4500 0024 35c4
    4000 3f11 76dc c612 0102 c612 0202 d9a2
    0035 0010 e397 6e65 7464 6961 670a)";

// `ping -c1 198.18.2.2`.
// tcpdump -n -S: IP 198.18.1.2 > 198.18.2.2: ICMP echo request, id 2162, seq 1, length 64
inline constexpr std::string_view echo_request_v4 = R"(
    0200 0000 0101 0200 0000 0102 0800 4500
    0054 1125 4000 4001 9a5b c612 0102 c612
    0202 0800 b0c5 0872 0001 1bf5 016b 0000
    0000 6094 0200 0000 0000 1011 1213 1415
    1617 1819 1a1b 1c1d 1e1f 2021 2223 2425
    2627 2829 2a2b 2c2d 2e2f 3031 3233 3435
    3637)";

using netdiag::test::captures::arp_reply;
using netdiag::test::captures::arp_request;
using netdiag::test::captures::arp_request_unanswered;

// `connect(("fd00:2::2", 80))`: the client's SYN.
// tcpdump -n -S: IP6 fd00:1::2.37280 > fd00:2::2.80: Flags [S], seq 1253222300, win 64800, options [mss 1440,sackOK,TS val 4029327369 ecr 0,nop,wscale 10], length 0
inline constexpr std::string_view syn_v6 = R"(
    0200 0000 0101 0200 0000 0102 86dd 600f
    7e3f 0028 0640 fd00 0001 0000 0000 0000
    0000 0000 0002 fd00 0002 0000 0000 0000
    0000 0000 0002 91a0 0050 4ab2 a79c 0000
    0000 a002 fd20 3474 0000 0204 05a0 0402
    080a f02a a809 0000 0000 0103 030a)";

// The server's SYN-ACK.
// tcpdump -n -S: IP6 fd00:2::2.80 > fd00:1::2.37280: Flags [S.], seq 548157770, ack 1253222301, win 64260, options [mss 1440,sackOK,TS val 3394473266 ecr 4029327369,nop,wscale 10], length 0
inline constexpr std::string_view syn_ack_v6 = R"(
    0200 0000 0102 0200 0000 0101 86dd 6004
    534e 0028 063f fd00 0002 0000 0000 0000
    0000 0000 0002 fd00 0001 0000 0000 0000
    0000 0000 0002 0050 91a0 20ac 394a 4ab2
    a79d a012 fb04 8502 0000 0204 05a0 0402
    080a ca53 8d32 f02a a809 0103 030a)";

// The server's answer to a SYN for closed port 81 (from port 40716, seq 2692872541).
// tcpdump -n -S: IP6 fd00:2::2.81 > fd00:1::2.40716: Flags [R.], seq 0, ack 2692872542, win 0, length 0
inline constexpr std::string_view rst_ack_v6 = R"(
    0200 0000 0102 0200 0000 0101 86dd 6004
    bc33 0014 063f fd00 0002 0000 0000 0000
    0000 0000 0002 fd00 0001 0000 0000 0000
    0000 0000 0002 0051 9f0c 0000 0000 a081
    f95e 5014 0000 7c8a 0000)";

// The router, whose neighbour solicitations for fd00:2::99 went unanswered: address unreachable (1/3), quoting the SYN (port 42636, seq 596525121).
// tcpdump -n -S: IP6 fd00:1::1 > fd00:1::2: ICMP6, destination unreachable, unreachable address fd00:2::99, length 88
inline constexpr std::string_view address_unreachable_v6 = R"(
    0200 0000 0102 0200 0000 0101 86dd 6001
    8576 0058 3a40 fd00 0001 0000 0000 0000
    0000 0000 0001 fd00 0001 0000 0000 0000
    0000 0000 0002 0103 a14d 0000 0000 6009
    fcd3 0028 063f fd00 0001 0000 0000 0000
    0000 0000 0002 fd00 0002 0000 0000 0000
    0000 0000 0099 a68c 0050 238e 4041 0000
    0000 a002 fd20 7314 0000 0204 05a0 0402
    080a 823d 5053 0000 0000 0103 030a)";

// The router, with no route to fd00:99::/64: no route (1/0), quoting a SYN from port 43190.
// tcpdump -n -S: IP6 fd00:1::1 > fd00:1::2: ICMP6, destination unreachable, unreachable route fd00:99::1, length 88
inline constexpr std::string_view no_route_v6 = R"(
    0200 0000 0102 0200 0000 0101 86dd 6001
    b352 0058 3a40 fd00 0001 0000 0000 0000
    0000 0000 0001 fd00 0001 0000 0000 0000
    0000 0000 0002 0100 a239 0000 0000 600a
    fbe8 0028 0640 fd00 0001 0000 0000 0000
    0000 0000 0002 fd00 0099 0000 0000 0000
    0000 0000 0001 a8b6 0050 091a b26e 0000
    0000 a002 fd20 77de 0000 0204 05a0 0402
    080a a003 d3e0 0000 0000 0103 030a)";

// The server's nftables `tcp dport 84 reject`: port unreachable (1/4), quoting a SYN from port 47202.
// tcpdump -n -S: IP6 fd00:2::2 > fd00:1::2: ICMP6, destination unreachable, unreachable port, fd00:2::2 tcp port 84, length 88
inline constexpr std::string_view port_unreachable_v6 = R"(
    0200 0000 0102 0200 0000 0101 86dd 600b
    388b 0058 3a3f fd00 0002 0000 0000 0000
    0000 0000 0002 fd00 0001 0000 0000 0000
    0000 0000 0002 0104 9d50 0000 0000 600d
    00ca 0028 063f fd00 0001 0000 0000 0000
    0000 0000 0002 fd00 0002 0000 0000 0000
    0000 0000 0002 b862 0054 972a 90a9 0000
    0000 a002 fd20 6330 0000 0204 05a0 0402
    080a 4466 c8c6 0000 0000 0103 030a)";

// The server's `reject with icmpv6 type admin-prohibited` for port 85 (1/1), quoting a SYN from port 50834.
// tcpdump -n -S: IP6 fd00:2::2 > fd00:1::2: ICMP6, destination unreachable,  unreachable prohibited fd00:2::2, length 88
inline constexpr std::string_view prohibited_v6 = R"(
    0200 0000 0102 0200 0000 0101 86dd 6003
    c5aa 0058 3a3f fd00 0002 0000 0000 0000
    0000 0000 0002 fd00 0001 0000 0000 0000
    0000 0000 0002 0101 1df8 0000 0000 6006
    802c 0028 063f fd00 0001 0000 0000 0000
    0000 0000 0002 fd00 0002 0000 0000 0000
    0000 0000 0002 c692 0055 42bf 5ea1 0000
    0000 a002 fd20 8f55 0000 0204 05a0 0402
    080a 2fac 299e 0000 0000 0103 030a)";

// A SYN sent with IPV6_UNICAST_HOPS 1 (port 42122): the router's time exceeded (3/0).
// tcpdump -n -S: IP6 fd00:1::1 > fd00:1::2: ICMP6, time exceeded in-transit for fd00:2::2, length 88
inline constexpr std::string_view hop_limit_v6 = R"(
    0200 0000 0102 0200 0000 0101 86dd 6001
    3fd5 0058 3a40 fd00 0001 0000 0000 0000
    0000 0000 0001 fd00 0001 0000 0000 0000
    0000 0000 0002 0300 15e2 0000 0000 6004
    8685 0028 0601 fd00 0001 0000 0000 0000
    0000 0000 0002 fd00 0002 0000 0000 0000
    0000 0000 0002 a48a 0050 3ecc 6118 0000
    0000 a002 fd20 6154 0000 0204 05a0 0402
    080a d0fd d9d6 0000 0000 0103 030a)";

// The server's port unreachable (1/4) for a UDP datagram to port 53.
// tcpdump -n -S: IP6 fd00:2::2 > fd00:1::2: ICMP6, destination unreachable, unreachable port, fd00:2::2 udp port 53, length 64
inline constexpr std::string_view udp_port_unreachable_v6 = R"(
    0200 0000 0102 0200 0000 0101 86dd 600b
    388b 0040 3a3f fd00 0002 0000 0000 0000
    0000 0000 0002 fd00 0001 0000 0000 0000
    0000 0000 0002 0104 7516 0000 0000 600c
    1e28 0010 113f fd00 0001 0000 0000 0000
    0000 0000 0002 fd00 0002 0000 0000 0000
    0000 0000 0002 eb12 0035 0010 6748 6e65
    7464 6961 670a)";

// `ping -6 -c1 fd00:2::2`.
// tcpdump -n -S: IP6 fd00:1::2 > fd00:2::2: ICMP6, echo request, id 2164, seq 1, length 64
inline constexpr std::string_view echo_request_v6 = R"(
    0200 0000 0101 0200 0000 0102 86dd 6009
    5076 0040 3a40 fd00 0001 0000 0000 0000
    0000 0000 0002 fd00 0002 0000 0000 0000
    0000 0000 0002 8000 d22d 0874 0001 1bf5
    016b 0000 0000 cca6 0200 0000 0000 1011
    1213 1415 1617 1819 1a1b 1c1d 1e1f 2021
    2223 2425 2627 2829 2a2b 2c2d 2e2f 3031
    3233 3435 3637)";

// The client asking for its router (with a source link-layer address option).
// tcpdump -n -S: IP6 fd00:1::2 > ff02::1:ff00:1: ICMP6, neighbor solicitation, who has fd00:1::1, length 32
inline constexpr std::string_view neighbor_solicitation_v6 = R"(
    3333 ff00 0001 0200 0000 0102 86dd 6000
    0000 0020 3aff fd00 0001 0000 0000 0000
    0000 0000 0002 ff02 0000 0000 0000 0000
    0001 ff00 0001 8700 7c95 0000 0000 fd00
    0001 0000 0000 0000 0000 0000 0001 0101
    0200 0000 0102)";

// The router's answer (solicited, with a target link-layer address option).
// tcpdump -n -S: IP6 fd00:1::1 > fd00:1::2: ICMP6, neighbor advertisement, tgt is fd00:1::1, length 32
inline constexpr std::string_view neighbor_advertisement_v6 = R"(
    0200 0000 0102 0200 0000 0101 86dd 6000
    0000 0020 3aff fd00 0001 0000 0000 0000
    0000 0000 0001 fd00 0001 0000 0000 0000
    0000 0000 0002 8800 9b98 e000 0000 fd00
    0001 0000 0000 0000 0000 0000 0001 0201
    0200 0000 0101)";

// `ping -6 fd00:1::99` on the client's link, where nobody has that address.
// tcpdump -n -S: IP6 fd00:1::2 > ff02::1:ff00:99: ICMP6, neighbor solicitation, who has fd00:1::99, length 32
inline constexpr std::string_view neighbor_solicitation_unanswered_v6 = R"(
    3333 ff00 0099 0200 0000 0102 86dd 6000
    0000 0020 3aff fd00 0001 0000 0000 0000
    0000 0000 0002 ff02 0000 0000 0000 0000
    0001 ff00 0099 8700 7b65 0000 0000 fd00
    0001 0000 0000 0000 0000 0000 0099 0101
    0200 0000 0102)";

// The client answering the router's unicast solicitation from its link-local address: no option.
// tcpdump -n -S: IP6 fd00:1::2 > fe80::ff:fe00:101: ICMP6, neighbor advertisement, tgt is fd00:1::2, length 24
inline constexpr std::string_view neighbor_advertisement_no_option_v6 = R"(
    0200 0000 0101 0200 0000 0102 86dd 6000
    0000 0018 3aff fd00 0001 0000 0000 0000
    0000 0000 0002 fe80 0000 0000 0000 0000
    00ff fe00 0101 8800 3f23 4000 0000 fd00
    0001 0000 0000 0000 0000 0000 0002)";

// Duplicate address detection for fd00:1::5 (`ip addr add`): from ::, with a nonce option.
// tcpdump -n -S: IP6 :: > ff02::1:ff00:5: ICMP6, neighbor solicitation, who has fd00:1::5, length 32
inline constexpr std::string_view duplicate_address_probe_v6 = R"(
    3333 ff00 0005 0200 0000 0102 86dd 6000
    0000 0020 3aff 0000 0000 0000 0000 0000
    0000 0000 0000 ff02 0000 0000 0000 0000
    0001 ff00 0005 8700 af96 0000 0000 fd00
    0001 0000 0000 0000 0000 0000 0005 0e01
    feac 288e 98c1)";

// The client's router solicitation when its link came up.
// tcpdump -n -S: IP6 fe80::ff:fe00:102 > ff02::2: ICMP6, router solicitation, length 16
inline constexpr std::string_view router_solicitation_v6 = R"(
    3333 0000 0002 0200 0000 0102 86dd 6000
    0000 0010 3aff fe80 0000 0000 0000 0000
    00ff fe00 0102 ff02 0000 0000 0000 0000
    0000 0000 0002 8500 792a 0000 0000 0101
    0200 0000 0102)";

// An MLDv2 report behind a Hop-by-Hop header (router alert); tcpdump's group count is left out.
// tcpdump -n -S: IP6 fe80::ff:fe00:102 > ff02::16: HBH ICMP6, multicast listener report v2, 3 group record(s), length 68
inline constexpr std::string_view mld_report_v6 = R"(
    3333 0000 0016 0200 0000 0102 86dd 6000
    0000 004c 0001 fe80 0000 0000 0000 0000
    00ff fe00 0102 ff02 0000 0000 0000 0000
    0000 0000 0016 3a00 0502 0000 0100 8f00
    6bca 0000 0003 0400 0000 ff02 0000 0000
    0000 0000 0001 ff00 0005 0400 0000 ff02
    0000 0000 0000 0000 0001 ff00 0102 0400
    0000 ff02 0000 0000 0000 0000 0001 ff00
    0002)";

}  // namespace frames

IpAddress address(std::string_view text) { return IpAddress::parse(text).value(); }

// The EtherType and the bytes after the link-layer header of a captured frame.
struct Packet {
  std::uint16_t ethertype = 0;
  std::vector<std::byte> bytes;
};

Packet packet_of(std::string_view frame_text) {
  const auto frame = from_hex(frame_text);
  const auto ethernet = EthernetView::parse(frame);
  REQUIRE(ethernet.has_value());
  return {ethernet->ethertype(), {ethernet->payload().begin(), ethernet->payload().end()}};
}

// Printable ASCII, one line.
bool clean(const std::string& text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= 0x20 && c < 0x7f; });
}

std::string flow_text(const std::optional<QuotedFlow>& flow) {
  if (!flow) return "";
  return flow->source.to_string() + "." + std::to_string(flow->source_port) + " > " +
         flow->destination.to_string() + "." + std::to_string(flow->destination_port);
}

std::string address_text(const std::optional<IpAddress>& a) { return a ? a->to_string() : ""; }

struct Expected {
  std::string_view frame;
  Kind kind;
  std::string_view text;
  std::string_view source;
  std::string_view destination;
  std::uint16_t source_port = 0;
  std::uint16_t destination_port = 0;
  std::uint8_t tcp_flags = 0;
  std::string_view quoted = "";     // "source.port > destination.port"
  std::string_view neighbour = "";
};

// clang-format off
const std::vector<Expected> expected_summaries{
  {frames::syn_v4, Kind::tcp,
   "IP 198.18.1.2.35990 > 198.18.2.2.80: Flags [S], seq 2618074402, win 64240, options [mss 1460,sackOK,TS val 1911592966 ecr 0,nop,wscale 10], length 0",
   "198.18.1.2", "198.18.2.2", 35990, 80, 0x02},
  {frames::syn_ack_v4, Kind::tcp,
   "IP 198.18.2.2.80 > 198.18.1.2.35990: Flags [S.], seq 1992214657, ack 2618074403, win 65160, options [mss 1460,sackOK,TS val 1982050752 ecr 1911592966,nop,wscale 10], length 0",
   "198.18.2.2", "198.18.1.2", 80, 35990, 0x12},
  {frames::ack_v4, Kind::tcp,
   "IP 198.18.1.2.35990 > 198.18.2.2.80: Flags [.], ack 1992214658, win 63, options [nop,nop,TS val 1911592966 ecr 1982050752], length 0",
   "198.18.1.2", "198.18.2.2", 35990, 80, 0x10},
  {frames::data_v4, Kind::tcp,
   "IP 198.18.1.2.35990 > 198.18.2.2.80: Flags [P.], seq 2618074403:2618074411, ack 1992214658, win 63, options [nop,nop,TS val 1911592966 ecr 1982050752], length 8",
   "198.18.1.2", "198.18.2.2", 35990, 80, 0x18},
  {frames::fin_v4, Kind::tcp,
   "IP 198.18.2.2.80 > 198.18.1.2.35990: Flags [F.], seq 1992214666, ack 2618074411, win 64, options [nop,nop,TS val 1982050753 ecr 1911592967], length 0",
   "198.18.2.2", "198.18.1.2", 80, 35990, 0x11},
  {frames::rst_ack_v4, Kind::tcp,
   "IP 198.18.2.2.81 > 198.18.1.2.33134: Flags [R.], seq 0, ack 2044350290, win 0, length 0",
   "198.18.2.2", "198.18.1.2", 81, 33134, 0x14},
  {frames::host_unreachable_v4, Kind::icmp_error,
   "IP 198.18.1.1 > 198.18.1.2: ICMP host 198.18.2.99 unreachable, length 68",
   "198.18.1.1", "198.18.1.2", 0, 0, 0, "198.18.1.2.46210 > 198.18.2.99.80"},
  {frames::net_unreachable_v4, Kind::icmp_error,
   "IP 198.18.1.1 > 198.18.1.2: ICMP net 198.18.99.1 unreachable, length 68",
   "198.18.1.1", "198.18.1.2", 0, 0, 0, "198.18.1.2.52502 > 198.18.99.1.80"},
  {frames::port_unreachable_v4, Kind::icmp_error,
   "IP 198.18.2.2 > 198.18.1.2: ICMP 198.18.2.2 tcp port 84 unreachable, length 68",
   "198.18.2.2", "198.18.1.2", 0, 0, 0, "198.18.1.2.60236 > 198.18.2.2.84"},
  {frames::admin_filter_v4, Kind::icmp_error,
   "IP 198.18.2.2 > 198.18.1.2: ICMP host 198.18.2.2 unreachable - admin prohibited filter, length 68",
   "198.18.2.2", "198.18.1.2", 0, 0, 0, "198.18.1.2.58694 > 198.18.2.2.85"},
  {frames::net_prohibited_v4, Kind::icmp_error,
   "IP 198.18.1.1 > 198.18.1.2: ICMP net 198.18.3.1 unreachable - admin prohibited, length 68",
   "198.18.1.1", "198.18.1.2", 0, 0, 0, "198.18.1.2.49854 > 198.18.3.1.80"},
  {frames::host_prohibited_v4, Kind::icmp_error,
   "IP 198.18.1.1 > 198.18.1.2: ICMP host 198.18.4.1 unreachable - admin prohibited, length 68",
   "198.18.1.1", "198.18.1.2", 0, 0, 0, "198.18.1.2.57560 > 198.18.4.1.80"},
  {frames::ttl_exceeded_v4, Kind::icmp_error,
   "IP 198.18.1.1 > 198.18.1.2: ICMP time exceeded in-transit, length 68",
   "198.18.1.1", "198.18.1.2", 0, 0, 0, "198.18.1.2.47018 > 198.18.2.2.80"},
  {frames::udp_v4, Kind::other,
   "IP 198.18.1.2.55714 > 198.18.2.2.53: UDP, length 8",
   "198.18.1.2", "198.18.2.2"},
  {frames::udp_port_unreachable_v4, Kind::icmp_error,  // quotes UDP: no QuotedFlow
   "IP 198.18.2.2 > 198.18.1.2: ICMP 198.18.2.2 udp port 53 unreachable, length 44",
   "198.18.2.2", "198.18.1.2"},
  {frames::echo_request_v4, Kind::other,
   "IP 198.18.1.2 > 198.18.2.2: ICMP echo request, id 2162, seq 1, length 64",
   "198.18.1.2", "198.18.2.2"},
  {frames::arp_request, Kind::arp,
   "ARP, Request who-has 198.18.1.1 tell 198.18.1.2, length 28",
   "198.18.1.2", "198.18.1.1", 0, 0, 0, "", "198.18.1.1"},
  {frames::arp_reply, Kind::arp,
   "ARP, Reply 198.18.1.1 is-at 02:00:00:00:01:01, length 28",
   "198.18.1.1", "198.18.1.2", 0, 0, 0, "", "198.18.1.1"},
  {frames::arp_request_unanswered, Kind::arp,
   "ARP, Request who-has 198.18.1.99 tell 198.18.1.2, length 28",
   "198.18.1.2", "198.18.1.99", 0, 0, 0, "", "198.18.1.99"},
  {frames::syn_v6, Kind::tcp,
   "IP6 fd00:1::2.37280 > fd00:2::2.80: Flags [S], seq 1253222300, win 64800, options [mss 1440,sackOK,TS val 4029327369 ecr 0,nop,wscale 10], length 0",
   "fd00:1::2", "fd00:2::2", 37280, 80, 0x02},
  {frames::syn_ack_v6, Kind::tcp,
   "IP6 fd00:2::2.80 > fd00:1::2.37280: Flags [S.], seq 548157770, ack 1253222301, win 64260, options [mss 1440,sackOK,TS val 3394473266 ecr 4029327369,nop,wscale 10], length 0",
   "fd00:2::2", "fd00:1::2", 80, 37280, 0x12},
  {frames::rst_ack_v6, Kind::tcp,
   "IP6 fd00:2::2.81 > fd00:1::2.40716: Flags [R.], seq 0, ack 2692872542, win 0, length 0",
   "fd00:2::2", "fd00:1::2", 81, 40716, 0x14},
  {frames::address_unreachable_v6, Kind::icmp_error,
   "IP6 fd00:1::1 > fd00:1::2: ICMP6, destination unreachable, unreachable address fd00:2::99, length 88",
   "fd00:1::1", "fd00:1::2", 0, 0, 0, "fd00:1::2.42636 > fd00:2::99.80"},
  {frames::no_route_v6, Kind::icmp_error,
   "IP6 fd00:1::1 > fd00:1::2: ICMP6, destination unreachable, unreachable route fd00:99::1, length 88",
   "fd00:1::1", "fd00:1::2", 0, 0, 0, "fd00:1::2.43190 > fd00:99::1.80"},
  {frames::port_unreachable_v6, Kind::icmp_error,
   "IP6 fd00:2::2 > fd00:1::2: ICMP6, destination unreachable, unreachable port, fd00:2::2 tcp port 84, length 88",
   "fd00:2::2", "fd00:1::2", 0, 0, 0, "fd00:1::2.47202 > fd00:2::2.84"},
  {frames::prohibited_v6, Kind::icmp_error,
   "IP6 fd00:2::2 > fd00:1::2: ICMP6, destination unreachable, unreachable prohibited fd00:2::2, length 88",
   "fd00:2::2", "fd00:1::2", 0, 0, 0, "fd00:1::2.50834 > fd00:2::2.85"},
  {frames::hop_limit_v6, Kind::icmp_error,
   "IP6 fd00:1::1 > fd00:1::2: ICMP6, time exceeded in-transit for fd00:2::2, length 88",
   "fd00:1::1", "fd00:1::2", 0, 0, 0, "fd00:1::2.42122 > fd00:2::2.80"},
  {frames::udp_port_unreachable_v6, Kind::icmp_error,
   "IP6 fd00:2::2 > fd00:1::2: ICMP6, destination unreachable, unreachable port, fd00:2::2 udp port 53, length 64",
   "fd00:2::2", "fd00:1::2"},
  {frames::echo_request_v6, Kind::other,
   "IP6 fd00:1::2 > fd00:2::2: ICMP6, echo request, id 2164, seq 1, length 64",
   "fd00:1::2", "fd00:2::2"},
  {frames::neighbor_solicitation_v6, Kind::neighbour_discovery,
   "IP6 fd00:1::2 > ff02::1:ff00:1: ICMP6, neighbor solicitation, who has fd00:1::1, length 32",
   "fd00:1::2", "ff02::1:ff00:1", 0, 0, 0, "", "fd00:1::1"},
  {frames::neighbor_advertisement_v6, Kind::neighbour_discovery,
   "IP6 fd00:1::1 > fd00:1::2: ICMP6, neighbor advertisement, tgt is fd00:1::1, length 32",
   "fd00:1::1", "fd00:1::2", 0, 0, 0, "", "fd00:1::1"},
  {frames::neighbor_solicitation_unanswered_v6, Kind::neighbour_discovery,
   "IP6 fd00:1::2 > ff02::1:ff00:99: ICMP6, neighbor solicitation, who has fd00:1::99, length 32",
   "fd00:1::2", "ff02::1:ff00:99", 0, 0, 0, "", "fd00:1::99"},
  {frames::neighbor_advertisement_no_option_v6, Kind::neighbour_discovery,
   "IP6 fd00:1::2 > fe80::ff:fe00:101: ICMP6, neighbor advertisement, tgt is fd00:1::2, length 24",
   "fd00:1::2", "fe80::ff:fe00:101", 0, 0, 0, "", "fd00:1::2"},
  {frames::duplicate_address_probe_v6, Kind::neighbour_discovery,
   "IP6 :: > ff02::1:ff00:5: ICMP6, neighbor solicitation, who has fd00:1::5, length 32",
   "::", "ff02::1:ff00:5", 0, 0, 0, "", "fd00:1::5"},
  {frames::router_solicitation_v6, Kind::other,
   "IP6 fe80::ff:fe00:102 > ff02::2: ICMP6, router solicitation, length 16",
   "fe80::ff:fe00:102", "ff02::2"},
  {frames::mld_report_v6, Kind::other,
   "IP6 fe80::ff:fe00:102 > ff02::16: ICMP6, multicast listener report v2, length 68",
   "fe80::ff:fe00:102", "ff02::16"},
};
// clang-format on

// What the IP (or ARP) header says the packet is, so a truncation can rewrite it consistently.
std::size_t network_header_length(const Packet& packet) {
  if (packet.ethertype == ethertype::ipv4) return (std::to_integer<std::size_t>(packet.bytes[0]) & 0x0fU) * 4;
  if (packet.ethertype == ethertype::ipv6) return Ipv6View::header_length;
  return 0;
}

// The packet with its payload cut to `keep` bytes and its length field rewritten to match (the
// IPv4 header checksum is left alone: summaries do not check it).
std::vector<std::byte> cut_payload(const Packet& packet, std::size_t keep) {
  const std::size_t header = network_header_length(packet);
  std::vector<std::byte> cut(packet.bytes.begin(), packet.bytes.begin() + static_cast<std::ptrdiff_t>(header + keep));
  const std::size_t length = packet.ethertype == ethertype::ipv4 ? header + keep : keep;
  cut[packet.ethertype == ethertype::ipv4 ? 2 : 4] = static_cast<std::byte>(length >> 8);
  cut[packet.ethertype == ethertype::ipv4 ? 3 : 5] = static_cast<std::byte>(length & 0xffU);
  return cut;
}

// An IPv4 packet carrying a TCP segment built from `fields` and `payload` (no checksums needed).
std::vector<std::byte> tcp_v4(const TcpFields& fields, std::span<const std::byte> payload = {}) {
  std::vector<std::byte> out(20 + 60 + payload.size());
  const auto segment = build_tcp(std::span(out).subspan(20), fields, payload);
  REQUIRE(segment.has_value());
  const auto packet = build_ipv4(out, {.protocol = 6, .source = address("198.18.1.2"), .destination = address("198.18.2.2")},
                                 *segment);
  REQUIRE(packet.has_value());
  out.resize(packet->size());
  return out;
}

std::string tcp_text(const TcpFields& fields, std::span<const std::byte> payload = {}) {
  const auto summary = summarize_packet(ethertype::ipv4, tcp_v4(fields, payload));
  REQUIRE(summary.has_value());
  CHECK(summary->kind == Kind::tcp);
  const auto text = summary->text;
  const std::string_view start = "IP 198.18.1.2.1 > 198.18.2.2.2: ";
  REQUIRE(text.starts_with(start));
  return text.substr(start.size());
}

}  // namespace

TEST_CASE("packet summary: every captured packet, text and fields") {
  for (const auto& want : expected_summaries) {
    CAPTURE(want.text);
    const auto packet = packet_of(want.frame);
    const auto summary = summarize_packet(packet.ethertype, packet.bytes);
    REQUIRE(summary.has_value());
    CHECK(summary->text == want.text);
    CHECK(summary->kind == want.kind);
    CHECK(address_text(summary->source) == want.source);
    CHECK(address_text(summary->destination) == want.destination);
    CHECK(summary->source_port == want.source_port);
    CHECK(summary->destination_port == want.destination_port);
    CHECK(summary->tcp_flags == want.tcp_flags);
    CHECK(flow_text(summary->quoted) == want.quoted);
    CHECK(address_text(summary->neighbour) == want.neighbour);
  }
}

TEST_CASE("packet summary: what the fields are for: matching an answer to its attempt") {
  // The client's SYN to a host that does not exist, and the router's answer about it.
  const auto error = packet_of(frames::host_unreachable_v4);
  const auto summary = summarize_packet(error.ethertype, error.bytes);
  REQUIRE(summary.has_value());
  REQUIRE(summary->quoted.has_value());
  CHECK(*summary->quoted == QuotedFlow{address("198.18.1.2"), address("198.18.2.99"), 46210, 80});
  CHECK(summary->source == address("198.18.1.1"));  // who answered

  // A RST answers the flow with the ports the other way round.
  const auto rst = summarize_packet(ethertype::ipv4, packet_of(frames::rst_ack_v4).bytes);
  REQUIRE(rst.has_value());
  CHECK(TcpFlags{rst->tcp_flags} == (tcp_flags::rst | tcp_flags::ack));
  CHECK(rst->destination_port == 33134);

  CHECK(to_string(Kind::tcp) == "tcp");
  CHECK(to_string(Kind::icmp_error) == "icmp_error");
  CHECK(to_string(Kind::arp) == "arp");
  CHECK(to_string(Kind::neighbour_discovery) == "neighbour_discovery");
  CHECK(to_string(Kind::other) == "other");
}

TEST_CASE("packet summary: every prefix of every capture is nothing or the whole packet") {
  // A prefix of an IP packet contradicts its own length field, and ARP needs its 28 bytes: each
  // gives nullopt. Exactly-sized copies, so AddressSanitizer sees any read past the end.
  for (const auto& want : expected_summaries) {
    CAPTURE(want.text);
    const auto packet = packet_of(want.frame);
    for (std::size_t n = 0; n < packet.bytes.size(); ++n) {
      CAPTURE(n);
      const std::vector<std::byte> prefix(packet.bytes.begin(), packet.bytes.begin() + static_cast<std::ptrdiff_t>(n));
      CHECK_FALSE(summarize_packet(packet.ethertype, prefix).has_value());
    }
    // Link-layer padding after the packet changes nothing (but for ARP, whose length tcpdump
    // counts from what follows the link-layer header).
    auto padded = packet.bytes;
    padded.resize(std::max<std::size_t>(padded.size() + 4, 46), std::byte{0});
    const auto summary = summarize_packet(packet.ethertype, padded);
    REQUIRE(summary.has_value());
    if (packet.ethertype == ethertype::arp) {
      CHECK(summary->text == std::string(want.text).replace(want.text.size() - 2, 2, "46"));
    } else {
      CHECK(summary->text == want.text);
    }
  }
}

TEST_CASE("packet summary: every cut of the upper layer, with the IP length made to agree") {
  std::size_t quoted_seen = 0;
  for (const auto& want : expected_summaries) {
    const auto packet = packet_of(want.frame);
    if (packet.ethertype == ethertype::arp) continue;
    CAPTURE(want.text);
    const std::size_t header = network_header_length(packet);
    const std::size_t whole = packet.bytes.size() - header;
    for (std::size_t keep = 0; keep <= whole; ++keep) {
      CAPTURE(keep);
      const auto cut = cut_payload(packet, keep);
      const auto summary = summarize_packet(packet.ethertype, cut);
      REQUIRE(summary.has_value());  // the IP header is whole and honest
      CHECK(clean(summary->text));
      CHECK(address_text(summary->source) == want.source);
      if (keep == whole) {
        CHECK(summary->text == want.text);
        continue;
      }
      // Either what it was, recognised from what is left, or "other" saying it is malformed.
      if (summary->kind == Kind::other && want.kind != Kind::other) {
        CHECK(summary->text.find(", malformed, length ") != std::string::npos);
      } else {
        CHECK(summary->kind == want.kind);
      }
      if (summary->quoted) {
        ++quoted_seen;
        CHECK(flow_text(summary->quoted) == want.quoted);
      }
      if (summary->kind == Kind::tcp) {
        CHECK(summary->source_port == want.source_port);
        CHECK(summary->tcp_flags == want.tcp_flags);
      }
      if (summary->neighbour) CHECK(address_text(summary->neighbour) == want.neighbour);
    }
  }
  CHECK(quoted_seen > 0);
}

TEST_CASE("packet summary: a router's quote cut at every length") {
  // host_unreachable_v4: ICMP header (8), quoted IPv4 header (20), quoted SYN (40).
  const auto v4 = packet_of(frames::host_unreachable_v4);
  for (std::size_t keep = 0; keep <= 68; ++keep) {
    CAPTURE(keep);
    const auto summary = summarize_packet(ethertype::ipv4, cut_payload(v4, keep));
    REQUIRE(summary.has_value());
    const std::string length = ", length " + std::to_string(keep);
    if (keep < 8) {
      CHECK(summary->text == "IP 198.18.1.1 > 198.18.1.2: proto 1, malformed" + length);
      CHECK(summary->kind == Kind::other);
      continue;
    }
    CHECK(summary->kind == Kind::icmp_error);
    if (keep < 28) {
      CHECK(summary->text == "IP 198.18.1.1 > 198.18.1.2: ICMP Destination Host Unreachable" + length);
    } else {
      CHECK(summary->text == "IP 198.18.1.1 > 198.18.1.2: ICMP host 198.18.2.99 unreachable" + length);
    }
    CHECK(summary->quoted.has_value() == (keep >= 36));  // the first 8 bytes of the SYN
  }
  // port_unreachable_v4: the port comes from bytes 2-3 of the quoted segment.
  const auto port = packet_of(frames::port_unreachable_v4);
  for (std::size_t keep = 28; keep <= 36; ++keep) {
    CAPTURE(keep);
    const auto summary = summarize_packet(ethertype::ipv4, cut_payload(port, keep));
    REQUIRE(summary.has_value());
    const std::string length = ", length " + std::to_string(keep);
    CHECK(summary->text == (keep < 32 ? "IP 198.18.2.2 > 198.18.1.2: ICMP Destination Port Unreachable" + length
                                      : "IP 198.18.2.2 > 198.18.1.2: ICMP 198.18.2.2 tcp port 84 unreachable" + length));
  }
  // address_unreachable_v6: ICMPv6 header (8), quoted IPv6 header (40), quoted SYN (40).
  const auto v6 = packet_of(frames::address_unreachable_v6);
  for (std::size_t keep = 8; keep <= 88; ++keep) {
    CAPTURE(keep);
    const auto summary = summarize_packet(ethertype::ipv6, cut_payload(v6, keep));
    REQUIRE(summary.has_value());
    CHECK(summary->kind == Kind::icmp_error);
    const std::string length = ", length " + std::to_string(keep);
    CHECK(summary->text == (keep < 48 ? "IP6 fd00:1::1 > fd00:1::2: ICMP6, Destination unreachable: Address unreachable" + length
                                      : "IP6 fd00:1::1 > fd00:1::2: ICMP6, destination unreachable, unreachable address fd00:2::99" + length));
    CHECK(summary->quoted.has_value() == (keep >= 56));
  }
}

TEST_CASE("packet summary: lying and foreign headers") {
  const auto syn = packet_of(frames::syn_v4).bytes;
  const auto with = [](std::vector<std::byte> bytes, std::size_t at, unsigned value) {
    bytes[at] = static_cast<std::byte>(value);
    return bytes;
  };
  CHECK_FALSE(summarize_packet(ethertype::ipv4, with(syn, 0, 0x44)).has_value());  // IHL 4
  // IHL 15: the whole SYN is read as IPv4 options, leaving no TCP header.
  CHECK(summarize_packet(ethertype::ipv4, with(syn, 0, 0x4f))->text == "IP 198.18.1.2 > 198.18.2.2: proto 6, malformed, length 0");
  CHECK_FALSE(summarize_packet(ethertype::ipv4, with(syn, 3, 0x3d)).has_value());  // total length 61 > 60 bytes
  CHECK_FALSE(summarize_packet(ethertype::ipv4, with(syn, 3, 0x13)).has_value());  // total length 19 < IHL
  CHECK_FALSE(summarize_packet(ethertype::ipv4, with(syn, 0, 0x65)).has_value());  // version 6
  CHECK_FALSE(summarize_packet(ethertype::ipv6, syn).has_value());                 // IPv4 bytes, IPv6 EtherType
  CHECK_FALSE(summarize_packet(ethertype::arp, syn).has_value());
  CHECK_FALSE(summarize_packet(0x88cc, syn).has_value());                          // LLDP: not ours
  CHECK_FALSE(summarize_packet(ethertype::vlan, syn).has_value());
  CHECK_FALSE(summarize_packet(ethertype::ipv4, {}).has_value());

  // A total length shorter than the bytes: the rest is padding, and the segment is cut.
  const auto short_total = summarize_packet(ethertype::ipv4, with(syn, 3, 0x30));
  REQUIRE(short_total.has_value());
  CHECK(short_total->text == "IP 198.18.1.2 > 198.18.2.2: proto 6, malformed, length 28");
  // TCP Data Offset 4 (too small) and 15 (more than the segment).
  CHECK(summarize_packet(ethertype::ipv4, with(syn, 32, 0x40))->text ==
        "IP 198.18.1.2 > 198.18.2.2: proto 6, malformed, length 40");
  CHECK(summarize_packet(ethertype::ipv4, with(syn, 32, 0xf0))->kind == Kind::other);
  // A later fragment carries no TCP header.
  const auto fragment = summarize_packet(ethertype::ipv4, with(syn, 7, 0x05));
  REQUIRE(fragment.has_value());
  CHECK(fragment->text == "IP 198.18.1.2 > 198.18.2.2: proto 6, fragment, length 40");
  CHECK(fragment->kind == Kind::other);
  CHECK(fragment->source_port == 0);
  // An unknown protocol.
  CHECK(summarize_packet(ethertype::ipv4, with(syn, 9, 47))->text == "IP 198.18.1.2 > 198.18.2.2: proto 47, length 40");
  // ICMP in IPv6 and ICMPv6 in IPv4 are just protocol numbers there.
  CHECK(summarize_packet(ethertype::ipv4, with(syn, 9, 58))->text == "IP 198.18.1.2 > 198.18.2.2: proto 58, length 40");

  const auto syn6 = packet_of(frames::syn_v6).bytes;
  CHECK_FALSE(summarize_packet(ethertype::ipv6, with(syn6, 5, 0x29)).has_value());  // payload length 41 > 40
  CHECK_FALSE(summarize_packet(ethertype::ipv4, syn6).has_value());
  // Next header Hop-by-Hop with the TCP header read as one: its length runs past the payload.
  CHECK(summarize_packet(ethertype::ipv6, with(syn6, 6, 0))->text ==
        "IP6 fd00:1::2 > fd00:2::2: proto 0, malformed, length 40");
  CHECK(summarize_packet(ethertype::ipv6, with(syn6, 6, 59))->text == "IP6 fd00:1::2 > fd00:2::2: proto 59, length 0");

  // A neighbour solicitation too short for its target address.
  auto ns = packet_of(frames::neighbor_solicitation_v6);
  const auto short_ns = summarize_packet(ethertype::ipv6, cut_payload(ns, 23));
  REQUIRE(short_ns.has_value());
  CHECK(short_ns->kind == Kind::other);
  CHECK_FALSE(short_ns->neighbour.has_value());
  CHECK(short_ns->text == "IP6 fd00:1::2 > ff02::1:ff00:1: proto 58, malformed, length 23");

  // An ICMP error whose quoted header lies (IHL 4, then a total length below the IHL): no quote.
  auto error = packet_of(frames::host_unreachable_v4).bytes;
  for (const auto& [at, value] : {std::pair<std::size_t, unsigned>{28, 0x44}, {31, 0x10}, {28, 0x65}}) {
    const auto lying = summarize_packet(ethertype::ipv4, with(error, at, value));
    REQUIRE(lying.has_value());
    CHECK(lying->kind == Kind::icmp_error);
    CHECK_FALSE(lying->quoted.has_value());
    CHECK(lying->text == "IP 198.18.1.1 > 198.18.1.2: ICMP Destination Host Unreachable, length 68");
  }
  // A quoted UDP datagram is no TCP flow; a quoted later fragment has no ports.
  CHECK_FALSE(summarize_packet(ethertype::ipv4, with(error, 37, 17))->quoted.has_value());
  const auto quoted_fragment = summarize_packet(ethertype::ipv4, with(error, 35, 0x05));
  REQUIRE(quoted_fragment.has_value());
  CHECK_FALSE(quoted_fragment->quoted.has_value());
  CHECK(quoted_fragment->text == "IP 198.18.1.1 > 198.18.1.2: ICMP host 198.18.2.99 unreachable, length 68");

  // ARP that is not Ethernet/IPv4 is not summarised.
  const auto arp = packet_of(frames::arp_request).bytes;
  CHECK_FALSE(summarize_packet(ethertype::arp, with(arp, 1, 6)).has_value());
  CHECK_FALSE(summarize_packet(ethertype::arp, with(arp, 4, 8)).has_value());
}

TEST_CASE("packet summary: TCP flags, sequence numbers and options as tcpdump prints them") {
  // Checked against tcpdump 4.99.3 -n -S on the same segments.
  const auto data = from_hex("616263");
  const TcpFields base{.source = Port{1}, .destination = Port{2}, .sequence = 100, .acknowledgment = 200, .window = 5};
  auto fields = base;
  fields.flags = TcpFlags{0xff};
  fields.urgent_pointer = 7;
  CHECK(tcp_text(fields, data) == "Flags [FSRP.UEW], seq 100:103, ack 200, win 5, urg 7, length 3");
  fields = base;
  CHECK(tcp_text(fields) == "Flags [none], win 5, length 0");
  fields.flags = tcp_flags::syn | tcp_flags::ece | tcp_flags::cwr;
  CHECK(tcp_text(fields) == "Flags [SEW], seq 100, win 5, length 0");
  fields.flags = tcp_flags::rst;
  CHECK(tcp_text(fields, std::span(data).first(2)) == "Flags [R], seq 100:102, win 5, length 2");
  fields.flags = tcp_flags::fin;
  CHECK(tcp_text(fields) == "Flags [F], seq 100, win 5, length 0");
  fields.flags = tcp_flags::psh | tcp_flags::ack;
  fields.sequence = 0xffffffff;  // the end of the range wraps
  CHECK(tcp_text(fields, data) == "Flags [P.], seq 4294967295:2, ack 200, win 5, length 3");

  const auto options = [&](std::string_view hex) {
    const auto bytes = from_hex(hex);
    auto with_options = base;
    with_options.flags = tcp_flags::ack;
    with_options.options = bytes;
    return tcp_text(with_options);
  };
  CHECK(options("0101 050a 0000 0001 0000 0002") == "Flags [.], ack 200, win 5, options [nop,nop,sack 1 {1:2}], length 0");
  CHECK(options("0101 0512 0000 0001 0000 0002 0000 0003 0000 0004") ==
        "Flags [.], ack 200, win 5, options [nop,nop,sack 2 {1:2}{3:4}], length 0");
  CHECK(options("1e04 0000 2202 fe06 f989 0000 0000") ==
        "Flags [.], ack 200, win 5, options [unknown-30,unknown-34,unknown-254,eol], length 0");
  CHECK(options("0000 0000") == "Flags [.], ack 200, win 5, options [eol], length 0");
  CHECK(options("0204 ffff") == "Flags [.], ack 200, win 5, options [mss 65535], length 0");
  // Known kinds with lengths they do not allow are shown and skipped, as parse_tcp_options does.
  CHECK(options("0203 0504 0301 0305 0004 0802 0000") ==
        "Flags [.], ack 200, win 5, options [mss[bad len 3],sackOK[bad len 3],wscale[bad len 5],[bad opt]], length 0");
  // A kind without its length byte, a length of 0 or 1, a length past the header: the list ends.
  CHECK(options("0204 0204") == "Flags [.], ack 200, win 5, options [mss 516], length 0");
  CHECK(options("0101 0204") == "Flags [.], ack 200, win 5, options [nop,nop,[bad opt]], length 0");
  CHECK(options("0101 0102") == "Flags [.], ack 200, win 5, options [nop,nop,nop,[bad opt]], length 0");
  CHECK(options("0101 0800") == "Flags [.], ack 200, win 5, options [nop,nop,[bad opt]], length 0");
  CHECK(options("0101 0801") == "Flags [.], ack 200, win 5, options [nop,nop,[bad opt]], length 0");
  CHECK(options("0101 080a 0000 0001") == "Flags [.], ack 200, win 5, options [nop,nop,[bad opt]], length 0");
}

TEST_CASE("packet summary: ICMP errors with tcpdump's words, others with describe_icmp's") {
  // The captured SYN from 198.18.1.2.35990 to 198.18.2.2.80, quoted by 198.18.1.1.
  const auto syn = packet_of(frames::syn_v4).bytes;
  const auto error = [&](std::uint8_t type, std::uint8_t code, std::string_view rest_hex,
                         std::span<const std::byte> quoted) {
    std::array<std::byte, 4> rest{};
    const auto rest_bytes = from_hex(rest_hex);
    std::ranges::copy(rest_bytes, rest.begin());
    std::vector<std::byte> out(20 + 8 + quoted.size());
    const auto message = build_icmp_error(std::span(out).subspan(20), type, code, rest, quoted);
    REQUIRE(message.has_value());
    const auto packet = build_ipv4(
        out, {.protocol = 1, .source = address("198.18.1.1"), .destination = address("198.18.1.2")}, *message);
    REQUIRE(packet.has_value());
    const auto summary = summarize_packet(ethertype::ipv4, *packet);
    REQUIRE(summary.has_value());
    const std::string_view start = "IP 198.18.1.1 > 198.18.1.2: ";
    REQUIRE(summary->text.starts_with(start));
    return std::pair{summary->text.substr(start.size()), summary->kind};
  };
  const auto text = [&](std::uint8_t type, std::uint8_t code, std::string_view rest = "00000000") {
    return error(type, code, rest, syn).first;
  };
  CHECK(text(3, 2) == "ICMP 198.18.2.2 protocol 6 unreachable, length 68");
  CHECK(text(3, 4, "00000500") == "ICMP 198.18.2.2 unreachable - need to frag (mtu 1280), length 68");
  CHECK(text(3, 4) == "ICMP 198.18.2.2 unreachable - need to frag, length 68");
  CHECK(text(3, 5) == "ICMP 198.18.2.2 unreachable - source route failed, length 68");
  CHECK(text(3, 6) == "ICMP net 198.18.2.2 unreachable - unknown, length 68");
  CHECK(text(3, 7) == "ICMP host 198.18.2.2 unreachable - unknown, length 68");
  CHECK(text(3, 8) == "ICMP 198.18.2.2 unreachable - source host isolated, length 68");
  CHECK(text(3, 11) == "ICMP net 198.18.2.2 unreachable - tos prohibited, length 68");
  CHECK(text(3, 12) == "ICMP host 198.18.2.2 unreachable - tos prohibited, length 68");
  CHECK(text(3, 14) == "ICMP host 198.18.2.2 unreachable - host precedence violation, length 68");
  CHECK(text(3, 15) == "ICMP host 198.18.2.2 unreachable - precedence cutoff, length 68");
  CHECK(text(3, 16) == "ICMP Dest Unreachable, Bad Code: 16, length 68");
  CHECK(text(11, 1) == "ICMP ip reassembly time exceeded, length 68");
  CHECK(text(11, 2) == "ICMP Time exceeded, Bad Code: 2, length 68");
  CHECK(text(4, 0) == "ICMP source quench, length 68");
  CHECK(text(12, 0, "0c000000") == "ICMP parameter problem - octet 12, length 68");
  CHECK(text(12, 1) == "ICMP parameter problem - code 1, length 68");
  CHECK(text(5, 1, "c61201fe") == "ICMP redirect 198.18.2.2 to host 198.18.1.254, length 68");
  CHECK(text(5, 0, "c61201fe") == "ICMP redirect 198.18.2.2 to net 198.18.1.254, length 68");
  CHECK(text(5, 9, "c61201fe") == "ICMP Redirect, Bad Code: 9, length 68");
  CHECK(error(13, 0, "00010002", std::span(syn).first(12)) ==
        std::pair{std::string("ICMP Timestamp, length 20"), Kind::other});
  CHECK(error(42, 0, "00000000", {}) == std::pair{std::string("ICMP Bad ICMP type: 42, length 8"), Kind::other});
  CHECK(error(0, 0, "0d460001", {}) ==
        std::pair{std::string("ICMP echo reply, id 3398, seq 1, length 8"), Kind::other});
  // Each error above quotes the SYN's flow.
  const auto quoted = summarize_packet(ethertype::ipv4, packet_of(frames::ttl_exceeded_v4).bytes)->quoted;
  REQUIRE(quoted.has_value());
  CHECK(quoted->source_port == 47018);
}

TEST_CASE("packet summary: ICMPv6 messages with tcpdump's words, others with describe_icmpv6's") {
  const auto syn = packet_of(frames::syn_v6).bytes;
  const auto text = [&](std::uint8_t type, std::uint8_t code, std::string_view rest_hex,
                        std::span<const std::byte> body) {
    std::array<std::byte, 4> rest{};
    const auto rest_bytes = from_hex(rest_hex);
    std::ranges::copy(rest_bytes, rest.begin());
    std::vector<std::byte> out(40 + 8 + body.size());
    const auto message = build_icmpv6_error(std::span(out).subspan(40), type, code, rest, body);
    REQUIRE(message.has_value());
    const auto packet = build_ipv6(
        out, {.next_header = 58, .source = address("fd00:1::1"), .destination = address("fd00:1::2")}, *message);
    REQUIRE(packet.has_value());
    const auto summary = summarize_packet(ethertype::ipv6, *packet);
    REQUIRE(summary.has_value());
    const std::string_view start = "IP6 fd00:1::1 > fd00:1::2: ICMP6, ";
    REQUIRE(summary->text.starts_with(start));
    return summary->text.substr(start.size());
  };
  CHECK(text(1, 2, "00000000", syn) ==
        "destination unreachable, beyond scope fd00:2::2, source address fd00:1::2, length 88");
  CHECK(text(1, 5, "00000000", syn) ==
        "Destination unreachable: Source address failed ingress/egress policy, length 88");
  CHECK(text(1, 6, "00000000", syn) == "Destination unreachable: Reject route to destination, length 88");
  CHECK(text(1, 9, "00000000", syn) == "Destination unreachable: Unknown code 9, length 88");
  CHECK(text(2, 0, "00000500", syn) == "packet too big, mtu 1280, length 88");
  CHECK(text(3, 1, "00000000", syn) == "time exceeded in-transit (reassembly), length 88");
  CHECK(text(3, 2, "00000000", syn) == "Time exceeded: code 2, length 88");
  CHECK(text(4, 0, "00000028", syn) == "parameter problem, erroneous - octet 40, length 88");
  CHECK(text(4, 1, "00000028", syn) == "parameter problem, next header - octet 40, length 88");
  CHECK(text(4, 2, "00000028", syn) == "parameter problem, option - octet 40, length 88");
  CHECK(text(4, 3, "00000028", syn) == "parameter problem, incomplete header chain - octet 40, length 88");
  CHECK(text(4, 9, "00000028", syn) == "Parameter problem: code 9, length 88");
  CHECK(text(129, 0, "08640001", {}) == "echo reply, id 2148, seq 1, length 8");
  CHECK(text(134, 0, "40000708", std::span(syn).first(8)) == "router advertisement, length 16");
  CHECK(text(137, 0, "00000000", std::span(syn).first(32)) == "redirect, length 40");
  CHECK(text(130, 0, "00000000", std::span(syn).first(16)) == "multicast listener query, length 24");
  CHECK(text(200, 0, "00000000", {}) == "unknown icmp type: 200, length 8");
  // Port unreachable for something other than TCP or UDP: tcpdump's words.
  auto gre = syn;
  gre[6] = std::byte{47};
  CHECK(text(1, 4, "00000000", gre) == "destination unreachable, unreachable port, fd00:2::2 protocol 47 port 80 unreachable, length 88");
}

TEST_CASE("packet summary: ARP beyond request and reply") {
  std::array<std::byte, 28> out{};
  const auto mac1 = parse_mac("02:00:00:00:01:01").value();
  const auto mac2 = parse_mac("02:00:00:00:01:02").value();
  const auto text = [&](std::uint16_t operation, const MacAddress& tha, std::string_view spa, std::string_view tpa) {
    REQUIRE(build_arp(out, operation, mac2, address(spa), tha, address(tpa)) == 28);
    const auto summary = summarize_packet(ethertype::arp, out);
    REQUIRE(summary.has_value());
    CHECK(summary->kind == Kind::arp);
    return summary->text;
  };
  // Checked against tcpdump 4.99.3.
  CHECK(text(1, MacAddress{}, "198.18.1.2", "198.18.1.2") == "ARP, Request who-has 198.18.1.2 tell 198.18.1.2, length 28");
  CHECK(text(1, broadcast_mac, "198.18.1.2", "198.18.1.9") ==
        "ARP, Request who-has 198.18.1.9 (ff:ff:ff:ff:ff:ff) tell 198.18.1.2, length 28");
  CHECK(text(1, MacAddress{}, "0.0.0.0", "198.18.1.9") == "ARP, Request who-has 198.18.1.9 tell 0.0.0.0, length 28");
  CHECK(text(2, mac2, "198.18.1.2", "198.18.1.2") == "ARP, Reply 198.18.1.2 is-at 02:00:00:00:01:02, length 28");
  CHECK(text(3, mac1, "198.18.1.2", "198.18.1.1") ==
        "ARP, Reverse Request who-is 02:00:00:00:01:01 tell 02:00:00:00:01:02, length 28");
  CHECK(text(4, mac1, "198.18.1.2", "198.18.1.1") == "ARP, Reverse Reply 02:00:00:00:01:01 at 198.18.1.1, length 28");
  CHECK(text(8, mac1, "198.18.1.2", "198.18.1.1") ==
        "ARP, Inverse Request who-is 02:00:00:00:01:01 tell 02:00:00:00:01:02, length 28");
  CHECK(text(9, mac1, "198.18.1.2", "198.18.1.1") == "ARP, Inverse Reply 02:00:00:00:01:02 at 198.18.1.2, length 28");
  CHECK(text(99, mac1, "198.18.1.2", "198.18.1.1") == "ARP, Unknown (99), length 28");
  // Only requests and replies name a neighbour.
  REQUIRE(build_arp(out, 3, mac2, address("198.18.1.2"), mac1, address("198.18.1.1")) == 28);
  CHECK_FALSE(summarize_packet(ethertype::arp, out)->neighbour.has_value());
  CHECK(summarize_packet(ethertype::arp, out)->source == address("198.18.1.2"));
}

TEST_CASE("belongs_to: an attempt's segments both ways, ICMP quoting them, ARP/ND for its next hop; nothing else") {
  const IpAddress target = *IpAddress::parse("198.18.2.2");
  const IpAddress router = *IpAddress::parse("198.18.1.1");
  const IpAddress client = *IpAddress::parse("198.18.1.2");
  const TcpFlow flow{target, 80, 40000, router};
  PacketSummary out;
  out.kind = PacketSummary::Kind::tcp;
  out.source = client;
  out.destination = target;
  out.source_port = 40000;
  out.destination_port = 80;
  CHECK(belongs_to(out, flow));
  PacketSummary back = out;
  back.source = target;
  back.destination = client;
  back.source_port = 80;
  back.destination_port = 40000;
  CHECK(belongs_to(back, flow));
  PacketSummary other_attempt = out;
  other_attempt.source_port = 40001;
  CHECK_FALSE(belongs_to(other_attempt, flow));
  PacketSummary other_port = back;
  other_port.source_port = 81;
  CHECK_FALSE(belongs_to(other_port, flow));

  PacketSummary icmp;
  icmp.kind = PacketSummary::Kind::icmp_error;
  icmp.source = router;
  icmp.destination = client;
  icmp.quoted = QuotedFlow{client, target, 40000, 80};
  CHECK(belongs_to(icmp, flow));
  icmp.quoted->source_port = 40001;
  CHECK_FALSE(belongs_to(icmp, flow));
  icmp.quoted.reset();
  CHECK_FALSE(belongs_to(icmp, flow));

  PacketSummary arp;
  arp.kind = PacketSummary::Kind::arp;
  arp.neighbour = router;
  CHECK(belongs_to(arp, flow));
  arp.kind = PacketSummary::Kind::neighbour_discovery;
  CHECK(belongs_to(arp, flow));
  arp.neighbour = target;
  CHECK_FALSE(belongs_to(arp, flow));
  CHECK_FALSE(belongs_to(arp, TcpFlow{target, 80, 40000, std::nullopt}));

  PacketSummary udp = out;
  udp.kind = PacketSummary::Kind::other;
  CHECK_FALSE(belongs_to(udp, flow));
}
