// Packets captured on the development machine, as text for netdiag::test::from_hex.
//
// Loopback ones: `tcpdump -i lo -n -x` while running iputils ping against 127.0.0.1 / ::1.
// The others: in three throwaway network namespaces linked by veth pairs,
//   host (198.18.0.1, fd00:18::1) -- router (198.18.0.2, fd00:18::2 | 198.18.1.1, fd00:19::1,
//   link MTU 1280) -- far (198.18.1.2, fd00:19::2),
// captured with `tcpdump -n -x` on the host's interface; the namespaces were deleted afterwards.
// `-x` prints from the network header on, so each string is an IP packet.
#pragma once

#include <string_view>

namespace netdiag::test::captures {

// `ping -c1 -s 24 127.0.0.1` on loopback: echo request, id 0x0d46, seq 1, 24 data bytes.
inline constexpr std::string_view lo_echo_request_v4 = R"(
    4500 0034 360f 4000 4001 06b8 7f00 0001
    7f00 0001 0800 c242 0d46 0001 2fc2 016b
    0000 0000 a0f8 0a00 0000 0000 1011 1213
    1415 1617)";

// The reply to lo_echo_request_v4.
inline constexpr std::string_view lo_echo_reply_v4 = R"(
    4500 0034 3610 0000 4001 46b7 7f00 0001
    7f00 0001 0000 ca42 0d46 0001 2fc2 016b
    0000 0000 a0f8 0a00 0000 0000 1011 1213
    1415 1617)";

// `ping -6 -c1 -s 24 ::1` on loopback: echo request, id 0x0d60, seq 1, flow label 0xad778.
inline constexpr std::string_view lo_echo_request_v6 = R"(
    600a d778 0020 3a40 0000 0000 0000 0000
    0000 0000 0000 0001 0000 0000 0000 0000
    0000 0000 0000 0001 8000 2d9f 0d60 0001
    31c2 016b 0000 0000 ba25 0b00 0000 0000
    1011 1213 1415 1617)";

// The reply to lo_echo_request_v6.
inline constexpr std::string_view lo_echo_reply_v6 = R"(
    6004 8f3f 0020 3a40 0000 0000 0000 0000
    0000 0000 0000 0001 0000 0000 0000 0000
    0000 0000 0000 0001 8100 2c9f 0d60 0001
    31c2 016b 0000 0000 ba25 0b00 0000 0000
    1011 1213 1415 1617)";

// Router 198.18.0.2 (no route to 198.18.99.1) answering `ping -c1 -s 16 198.18.99.1` from
// 198.18.0.1: destination unreachable, code 0 (net), quoting the whole 44-byte echo request.
inline constexpr std::string_view net_unreachable_v4 = R"(
    45c0 0048 a2dd 0000 4001 4af0 c612 0002
    c612 0001 0300 fcff 0000 0000 4500 002c
    5bea 4000 4001 efbf c612 0001 c612 6301
    0800 77b5 0f18 0001 6ec2 016b 0000 0000
    ff03 0200 0000 0000)";

// Router 198.18.0.2 (next link MTU 1280) answering `ping -M do -s 1300 198.18.1.2`: type 3 code 4,
// next-hop MTU 1280; the 576-byte error quotes only 548 of the 1328-byte datagram.
inline constexpr std::string_view frag_needed_v4 = R"(
    45c0 0240 a443 0000 4001 4792 c612 0002
    c612 0001 0304 870f 0000 0500 4500 0530
    0000 4000 4001 a8a5 c612 0001 c612 0102
    0800 caa6 0f1e 0001 71c2 016b 0000 0000
    c2a9 0500 0000 0000 1011 1213 1415 1617
    1819 1a1b 1c1d 1e1f 2021 2223 2425 2627
    2829 2a2b 2c2d 2e2f 3031 3233 3435 3637
    3839 3a3b 3c3d 3e3f 4041 4243 4445 4647
    4849 4a4b 4c4d 4e4f 5051 5253 5455 5657
    5859 5a5b 5c5d 5e5f 6061 6263 6465 6667
    6869 6a6b 6c6d 6e6f 7071 7273 7475 7677
    7879 7a7b 7c7d 7e7f 8081 8283 8485 8687
    8889 8a8b 8c8d 8e8f 9091 9293 9495 9697
    9899 9a9b 9c9d 9e9f a0a1 a2a3 a4a5 a6a7
    a8a9 aaab acad aeaf b0b1 b2b3 b4b5 b6b7
    b8b9 babb bcbd bebf c0c1 c2c3 c4c5 c6c7
    c8c9 cacb cccd cecf d0d1 d2d3 d4d5 d6d7
    d8d9 dadb dcdd dedf e0e1 e2e3 e4e5 e6e7
    e8e9 eaeb eced eeef f0f1 f2f3 f4f5 f6f7
    f8f9 fafb fcfd feff 0001 0203 0405 0607
    0809 0a0b 0c0d 0e0f 1011 1213 1415 1617
    1819 1a1b 1c1d 1e1f 2021 2223 2425 2627
    2829 2a2b 2c2d 2e2f 3031 3233 3435 3637
    3839 3a3b 3c3d 3e3f 4041 4243 4445 4647
    4849 4a4b 4c4d 4e4f 5051 5253 5455 5657
    5859 5a5b 5c5d 5e5f 6061 6263 6465 6667
    6869 6a6b 6c6d 6e6f 7071 7273 7475 7677
    7879 7a7b 7c7d 7e7f 8081 8283 8485 8687
    8889 8a8b 8c8d 8e8f 9091 9293 9495 9697
    9899 9a9b 9c9d 9e9f a0a1 a2a3 a4a5 a6a7
    a8a9 aaab acad aeaf b0b1 b2b3 b4b5 b6b7
    b8b9 babb bcbd bebf c0c1 c2c3 c4c5 c6c7
    c8c9 cacb cccd cecf d0d1 d2d3 d4d5 d6d7
    d8d9 dadb dcdd dedf e0e1 e2e3 e4e5 e6e7
    e8e9 eaeb eced eeef f0f1 f2f3 f4f5 f6f7
    f8f9 fafb fcfd feff 0001 0203 0405 0607)";

// Router 198.18.0.2 answering `ping -t 1 -s 16 198.18.1.2`: time exceeded in transit (11, 0).
inline constexpr std::string_view ttl_exceeded_v4 = R"(
    45c0 0048 a64c 0000 4001 4781 c612 0002
    c612 0001 0b00 f4ff 0000 0000 4500 002c
    baeb 4000 0101 31be c612 0001 c612 0102
    0800 e365 0f24 0001 74c2 016b 0000 0000
    8647 0900 0000 0000)";

// Host 198.18.1.2 answering a UDP datagram ("netdiag\n" to port 33434 from port 33348, sent
// through the router, so the quoted TTL is 63): port unreachable (3, 3).
inline constexpr std::string_view port_unreachable_v4 = R"(
    45c0 0040 025d 0000 3f01 eb78 c612 0102
    c612 0001 0303 b78e 0000 0000 4500 0024
    963b 4000 3f11 1866 c612 0001 c612 0102
    8244 829a 0010 8d49 6e65 7464 6961 670a)";

// Router 198.18.0.2 with `ip route add prohibit 198.18.98.0/24` answering `ping -s 8 198.18.98.1`:
// (3, 13) communication administratively prohibited.
inline constexpr std::string_view admin_prohibited_v4 = R"(
    45c0 0040 afb3 0000 4001 3e22 c612 0002
    c612 0001 030d fcf2 0000 0000 4500 0024
    0348 4000 4001 496a c612 0001 c612 6201
    0800 dad2 111c 0001 0001 0203 0405 0607)";

// `ping -c1 -R -s 8 127.0.0.1` on loopback: IHL 15, options NOP + Record Route (39 bytes).
inline constexpr std::string_view record_route_request_v4 = R"(
    4f00 004c 9527 4000 4001 f676 7f00 0001
    7f00 0001 0107 2708 7f00 0001 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0800 dac4
    112a 0001 0001 0203 0405 0607)";

// The reply to record_route_request_v4 (the RR option now holds three addresses).
inline constexpr std::string_view record_route_reply_v4 = R"(
    4f00 004c 9528 0000 4001 c1e2 7f00 0001
    7f00 0001 0727 107f 0000 017f 0000 017f
    0000 0100 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 e2c4
    112a 0001 0001 0203 0405 0607)";

// First fragment of `ping -s 560 198.18.0.2` over a route with `mtu lock 576`: MF set, offset 0,
// total length 572. Only its first 64 bytes are kept here, so parse() finds it truncated and
// parse_quoted() accepts it.
inline constexpr std::string_view fragment_first_v4 = R"(
    4500 023c 8094 2000 4001 4c05 c612 0001
    c612 0002 0800 e5af 10e9 0001 b3c2 016b
    0000 0000 d0b6 0900 0000 0000 1011 1213
    1415 1617 1819 1a1b 1c1d 1e1f 2021 2223)";

// Last fragment of the same datagram: MF clear, offset 69 (552 bytes), 16 payload bytes.
inline constexpr std::string_view fragment_last_v4 = R"(
    4500 0024 8094 0045 4001 6dd8 c612 0001
    c612 0002 2021 2223 2425 2627 2829 2a2b
    2c2d 2e2f)";

// Router fd00:18::2 (no route to fd00:99::1) answering `ping -6 -s 16 fd00:99::1` from fd00:18::1:
// destination unreachable, code 0 (no route).
inline constexpr std::string_view no_route_v6 = R"(
    600e f935 0048 3a40 fd00 0018 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0100 0ed7 0000 0000
    6007 5b64 0018 3a40 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0099 0000 0000
    0000 0000 0000 0001 8000 6e55 10aa 0001
    9fc2 016b 0000 0000 5eca 0600 0000 0000)";

// Router fd00:18::2 (next link MTU 1280) answering `ping -6 -M do -s 1300 fd00:19::2`: packet too
// big, MTU 1280; the 1280-byte error quotes 1232 of the 1348-byte packet.
inline constexpr std::string_view packet_too_big_v6 = R"(
    6008 cdf4 04d8 3a40 fd00 0018 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0200 2731 0000 0500
    600b 8a01 051c 3a40 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 8000 ddb6 10b0 0001
    a2c2 016b 0000 0000 007b 0a00 0000 0000
    1011 1213 1415 1617 1819 1a1b 1c1d 1e1f
    2021 2223 2425 2627 2829 2a2b 2c2d 2e2f
    3031 3233 3435 3637 3839 3a3b 3c3d 3e3f
    4041 4243 4445 4647 4849 4a4b 4c4d 4e4f
    5051 5253 5455 5657 5859 5a5b 5c5d 5e5f
    6061 6263 6465 6667 6869 6a6b 6c6d 6e6f
    7071 7273 7475 7677 7879 7a7b 7c7d 7e7f
    8081 8283 8485 8687 8889 8a8b 8c8d 8e8f
    9091 9293 9495 9697 9899 9a9b 9c9d 9e9f
    a0a1 a2a3 a4a5 a6a7 a8a9 aaab acad aeaf
    b0b1 b2b3 b4b5 b6b7 b8b9 babb bcbd bebf
    c0c1 c2c3 c4c5 c6c7 c8c9 cacb cccd cecf
    d0d1 d2d3 d4d5 d6d7 d8d9 dadb dcdd dedf
    e0e1 e2e3 e4e5 e6e7 e8e9 eaeb eced eeef
    f0f1 f2f3 f4f5 f6f7 f8f9 fafb fcfd feff
    0001 0203 0405 0607 0809 0a0b 0c0d 0e0f
    1011 1213 1415 1617 1819 1a1b 1c1d 1e1f
    2021 2223 2425 2627 2829 2a2b 2c2d 2e2f
    3031 3233 3435 3637 3839 3a3b 3c3d 3e3f
    4041 4243 4445 4647 4849 4a4b 4c4d 4e4f
    5051 5253 5455 5657 5859 5a5b 5c5d 5e5f
    6061 6263 6465 6667 6869 6a6b 6c6d 6e6f
    7071 7273 7475 7677 7879 7a7b 7c7d 7e7f
    8081 8283 8485 8687 8889 8a8b 8c8d 8e8f
    9091 9293 9495 9697 9899 9a9b 9c9d 9e9f
    a0a1 a2a3 a4a5 a6a7 a8a9 aaab acad aeaf
    b0b1 b2b3 b4b5 b6b7 b8b9 babb bcbd bebf
    c0c1 c2c3 c4c5 c6c7 c8c9 cacb cccd cecf
    d0d1 d2d3 d4d5 d6d7 d8d9 dadb dcdd dedf
    e0e1 e2e3 e4e5 e6e7 e8e9 eaeb eced eeef
    f0f1 f2f3 f4f5 f6f7 f8f9 fafb fcfd feff
    0001 0203 0405 0607 0809 0a0b 0c0d 0e0f
    1011 1213 1415 1617 1819 1a1b 1c1d 1e1f
    2021 2223 2425 2627 2829 2a2b 2c2d 2e2f
    3031 3233 3435 3637 3839 3a3b 3c3d 3e3f
    4041 4243 4445 4647 4849 4a4b 4c4d 4e4f
    5051 5253 5455 5657 5859 5a5b 5c5d 5e5f
    6061 6263 6465 6667 6869 6a6b 6c6d 6e6f
    7071 7273 7475 7677 7879 7a7b 7c7d 7e7f
    8081 8283 8485 8687 8889 8a8b 8c8d 8e8f
    9091 9293 9495 9697 9899 9a9b 9c9d 9e9f
    a0a1 a2a3 a4a5 a6a7 a8a9 aaab acad aeaf
    b0b1 b2b3 b4b5 b6b7 b8b9 babb bcbd bebf
    c0c1 c2c3 c4c5 c6c7 c8c9 cacb cccd cecf
    d0d1 d2d3 d4d5 d6d7 d8d9 dadb dcdd dedf
    e0e1 e2e3 e4e5 e6e7 e8e9 eaeb eced eeef
    f0f1 f2f3 f4f5 f6f7 f8f9 fafb fcfd feff
    0001 0203 0405 0607 0809 0a0b 0c0d 0e0f
    1011 1213 1415 1617 1819 1a1b 1c1d 1e1f
    2021 2223 2425 2627 2829 2a2b 2c2d 2e2f
    3031 3233 3435 3637 3839 3a3b 3c3d 3e3f
    4041 4243 4445 4647 4849 4a4b 4c4d 4e4f
    5051 5253 5455 5657 5859 5a5b 5c5d 5e5f
    6061 6263 6465 6667 6869 6a6b 6c6d 6e6f
    7071 7273 7475 7677 7879 7a7b 7c7d 7e7f
    8081 8283 8485 8687 8889 8a8b 8c8d 8e8f
    9091 9293 9495 9697 9899 9a9b 9c9d 9e9f
    a0a1 a2a3 a4a5 a6a7 a8a9 aaab acad aeaf
    b0b1 b2b3 b4b5 b6b7 b8b9 babb bcbd bebf
    c0c1 c2c3 c4c5 c6c7 c8c9 cacb cccd cecf
    d0d1 d2d3 d4d5 d6d7 d8d9 dadb dcdd dedf
    e0e1 e2e3 e4e5 e6e7 e8e9 eaeb eced eeef
    f0f1 f2f3 f4f5 f6f7 f8f9 fafb fcfd feff
    0001 0203 0405 0607 0809 0a0b 0c0d 0e0f
    1011 1213 1415 1617 1819 1a1b 1c1d 1e1f
    2021 2223 2425 2627 2829 2a2b 2c2d 2e2f
    3031 3233 3435 3637 3839 3a3b 3c3d 3e3f
    4041 4243 4445 4647 4849 4a4b 4c4d 4e4f
    5051 5253 5455 5657 5859 5a5b 5c5d 5e5f
    6061 6263 6465 6667 6869 6a6b 6c6d 6e6f
    7071 7273 7475 7677 7879 7a7b 7c7d 7e7f
    8081 8283 8485 8687 8889 8a8b 8c8d 8e8f
    9091 9293 9495 9697 9899 9a9b 9c9d 9e9f)";

// Router fd00:18::2 answering `ping -6 -t 1 -s 16 fd00:19::2`: time exceeded, code 0 (hop limit).
inline constexpr std::string_view hop_limit_v6 = R"(
    600d de40 0048 3a40 fd00 0018 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0300 de74 0000 0000
    600b 8a01 0018 3a01 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 8000 815a 10c6 0001
    a5c2 016b 0000 0000 3e28 0e00 0000 0000)";

// Host fd00:19::2 answering a UDP datagram ("netdiag\n" to port 33434; its UDP checksum was
// still the offload placeholder when captured): destination unreachable, code 4 (port).
inline constexpr std::string_view port_unreachable_v6 = R"(
    6004 061e 0040 3a3f fd00 0019 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0104 7016 0000 0000
    600f 3602 0010 113f fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 c267 829a 0010 fa56
    6e65 7464 6961 670a)";

// Router fd00:18::2 with `ip -6 route add prohibit fd00:98::/64` answering
// `ping -6 -s 8 fd00:98::1`: destination unreachable, code 1 (administratively prohibited).
inline constexpr std::string_view admin_prohibited_v6 = R"(
    600b b1a3 0040 3a40 fd00 0018 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0101 4dbe 0000 0000
    600d 1c7e 0010 3a40 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0098 0000 0000
    0000 0000 0000 0001 8000 67ce 1122 0001
    0001 0203 0405 0607)";

// MLDv2 report sent by the kernel from :: when the interface came up: a Hop-by-Hop header (router
// alert + PadN, 8 bytes) in front of ICMPv6 type 143.
inline constexpr std::string_view mld_report_v6 = R"(
    6000 0000 0038 0001 0000 0000 0000 0000
    0000 0000 0000 0000 ff02 0000 0000 0000
    0000 0000 0000 0016 3a00 0502 0000 0100
    8f00 5670 0000 0002 0300 0000 ff02 0000
    0000 0000 0000 0001 ff00 0001 0400 0000
    ff02 0000 0000 0000 0000 0001 ff28 17d7)";

// Last fragment of `ping -6 -s 1300 fd00:18::2` over a route with mtu 1280: a Fragment header
// (offset 1232 bytes, M clear, id 0x52f5d531) in front of 76 bytes from the middle of the message.
inline constexpr std::string_view fragment_last_v6 = R"(
    6002 5d25 0054 2c40 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0018 0000 0000
    0000 0000 0000 0002 3a00 04d0 52f5 d531
    c8c9 cacb cccd cecf d0d1 d2d3 d4d5 d6d7
    d8d9 dadb dcdd dedf e0e1 e2e3 e4e5 e6e7
    e8e9 eaeb eced eeef f0f1 f2f3 f4f5 f6f7
    f8f9 fafb fcfd feff 0001 0203 0405 0607
    0809 0a0b 0c0d 0e0f 1011 1213)";


// ---------------------------------------------------------------------------------------------
// UDP and TCP (wire/udp.hpp, wire/tcp.hpp). Captured like the ones above, in three throwaway
// namespaces host (198.18.0.1, fd00:18::1) -- router (198.18.0.2, fd00:18::2 | 198.18.1.1,
// fd00:19::1) -- far (198.18.1.2, fd00:19::2), with `tcpdump -n -x -i h0` in host; the far host ran
// Python UDP and TCP echo servers on port 7. Transmit checksum offload was turned off on every
// veth (the SIOCETHTOOL request behind `ethtool -K IF tx off`), so the UDP and TCP checksums are
// the ones on the wire, not offload placeholders. The namespaces were deleted afterwards.

// Python `sendto(b"netdiag\n", ("198.18.1.2", 7))` from 198.18.0.1 port 58716 to a UDP echo
// server on the far host (through the router): 8 data bytes, checksum 0xda0c.
inline constexpr std::string_view udp_echo_request_v4 = R"(
    4500 0024 8968 4000 4011 2439 c612 0001
    c612 0102 e55c 0007 0010 da0c 6e65 7464
    6961 670a)";

// The far host's echo of udp_echo_request_v4 (TTL 63: one router on the way back).
inline constexpr std::string_view udp_echo_reply_v4 = R"(
    4500 0024 cb7c 4000 3f11 e324 c612 0102
    c612 0001 0007 e55c 0010 da0c 6e65 7464
    6961 670a)";

// The same request from another socket (port 33185) with SO_NO_CHECK: the kernel sent checksum 0
// ("none").
inline constexpr std::string_view udp_no_checksum_v4 = R"(
    4500 0024 8b89 4000 4011 2218 c612 0001
    c612 0102 81a1 0007 0010 0000 6e65 7464
    6961 670a)";

// udp_echo_request_v4's socket sending to closed port 33434: the far host's port unreachable (3, 3),
// quoting the whole UDP datagram (checksum 0x5779) with TTL 63.
inline constexpr std::string_view udp_port_unreachable_v4 = R"(
    45c0 0040 7ba2 0000 3f01 7233 c612 0102
    c612 0001 0303 8a46 0000 0000 4500 0024
    8969 4000 3f11 2538 c612 0001 c612 0102
    e55c 829a 0010 5779 6e65 7464 6961 670a)";

// That socket again, with IP_TTL 1, to port 33435: the router's time exceeded (11, 0),
// quoting the UDP probe.
inline constexpr std::string_view udp_ttl_exceeded_v4 = R"(
    45c0 0040 b5dd 0000 4001 37f8 c612 0002
    c612 0001 0b00 8249 0000 0000 4500 0024
    8992 4000 0111 630f c612 0001 c612 0102
    e55c 829b 0010 5778 6e65 7464 6961 670a)";

// `sendto(b"netdiag\n", ("fd00:19::2", 7))` from fd00:18::1 port 47088: checksum 0x9a6b.
inline constexpr std::string_view udp_echo_request_v6 = R"(
    6003 a1dc 0010 1140 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 b7f0 0007 0010 9a6b
    6e65 7464 6961 670a)";

// The same socket to closed port 33434: destination unreachable, code 4 (port), quoting the
// whole datagram (checksum 0x17d8, hop limit 63).
inline constexpr std::string_view udp_port_unreachable_v6 = R"(
    6004 061e 0040 3a3f fd00 0019 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0104 974e 0000 0000
    6008 fbc6 0010 113f fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 b7f0 829a 0010 17d8
    6e65 7464 6961 670a)";

// The same socket with IPV6_UNICAST_HOPS 1 to port 33435: the router's time exceeded (3, 0).
inline constexpr std::string_view udp_hop_limit_v6 = R"(
    600d de40 0040 3a40 fd00 0018 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0300 5fb0 0000 0000
    600f 31a1 0010 1101 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 b7f0 829b 0010 17d7
    6e65 7464 6961 670a)";

// `connect(("198.18.1.2", 7))` to a listening socket: Linux's SYN from port 33810, seq 0x5066261f,
// window 64240, options MSS 1460, SACK permitted, timestamps (TSval 0x1bf98d50, TSecr 0), NOP,
// window scale 10.
inline constexpr std::string_view tcp_syn_v4 = R"(
    4500 003c e7dc 4000 4006 c5b7 c612 0001
    c612 0102 8412 0007 5066 261f 0000 0000
    a002 faf0 1bfc 0000 0204 05b4 0402 080a
    1bf9 8d50 0000 0000 0103 030a)";

// The far host's SYN-ACK to tcp_syn_v4: seq 0x78b655af, ack 0x50662620, window 65160, options
// MSS 1460, SACK permitted, timestamps (0xf43fdcde, 0x1bf98d50), NOP, window scale 10.
inline constexpr std::string_view tcp_syn_ack_v4 = R"(
    4500 003c 0000 4000 3f06 ae94 c612 0102
    c612 0001 0007 8412 78b6 55af 5066 2620
    a012 fe88 78ce 0000 0204 05b4 0402 080a
    f43f dcde 1bf9 8d50 0103 030a)";

// The client's first data segment on that connection: PSH+ACK, "netdiag\n", options NOP NOP
// timestamps, window 63 (scaled).
inline constexpr std::string_view tcp_data_v4 = R"(
    4500 003c e7de 4000 4006 c5b5 c612 0001
    c612 0102 8412 0007 5066 2620 78b6 55b0
    8018 003f f2a0 0000 0101 080a 1bf9 8d51
    f43f dcde 6e65 7464 6961 670a)";

// The far host closing that connection: FIN+ACK, seq 0x78b655b8, ack 0x50662628.
inline constexpr std::string_view tcp_fin_v4 = R"(
    4500 0034 209f 4000 3f06 8dfd c612 0102
    c612 0001 0007 8412 78b6 55b8 5066 2628
    8011 0040 a5d3 0000 0101 080a f43f dcdf
    1bf9 8d51)";

// `connect(("198.18.1.2", 33434))` to a closed port: the SYN (port 54038, seq 0x6467591b)...
inline constexpr std::string_view tcp_syn_closed_v4 = R"(
    4500 003c b1cc 4000 4006 fbc7 c612 0001
    c612 0102 d316 829a 6467 591b 0000 0000
    a002 faf0 8309 0000 0204 05b4 0402 080a
    309b f90b 0000 0000 0103 030a)";

// ...and the far host's answer: RST+ACK, seq 0, ack 0x6467591c, window 0, no options.
inline constexpr std::string_view tcp_rst_v4 = R"(
    4500 0028 0000 4000 3f06 aea8 c612 0102
    c612 0001 829a d316 0000 0000 6467 591c
    5014 0000 0f74 0000)";

// A non-blocking `connect(("198.18.1.2", 7))` with IP_TTL 1: the router's time exceeded (11, 0)
// quoting the whole 60-byte SYN (seq 0xe544594e, options included).
inline constexpr std::string_view tcp_syn_ttl_exceeded_v4 = R"(
    45c0 0058 b765 0000 4001 3658 c612 0002
    c612 0001 0b00 8256 0000 0000 4500 003c
    448b 4000 0106 a809 c612 0001 c612 0102
    8556 0007 e544 594e 0000 0000 a002 faf0
    1d58 0000 0204 05b4 0402 080a 2289 bc12
    0000 0000 0103 030a)";

// `connect(("fd00:19::2", 7))`: Linux's SYN from port 55240, seq 0x2211d101, window 64800, options
// MSS 1440, SACK permitted, timestamps (0xf585a46c, 0), NOP, window scale 10.
inline constexpr std::string_view tcp_syn_v6 = R"(
    6003 ead1 0028 0640 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 d7c8 0007 2211 d101
    0000 0000 a002 fd20 ebe5 0000 0204 05a0
    0402 080a f585 a46c 0000 0000 0103 030a)";

// The far host's SYN-ACK to tcp_syn_v6: seq 0xa88b1dec, ack 0x2211d102, window 64260.
inline constexpr std::string_view tcp_syn_ack_v6 = R"(
    600e 96b2 0028 063f fd00 0019 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0007 d7c8 a88b 1dec
    2211 d102 a012 fb04 969b 0000 0204 05a0
    0402 080a e43a aca2 f585 a46c 0103 030a)";

// The client's first data segment on that connection: PSH+ACK, "netdiag\n".
inline constexpr std::string_view tcp_data_v6 = R"(
    6003 ead1 0028 0640 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 d7c8 0007 2211 d102
    a88b 1ded 8018 0040 0cd6 0000 0101 080a
    f585 a46c e43a aca2 6e65 7464 6961 670a)";

// The far host's RST+ACK to a SYN for closed port 33434 (from port 55020, seq 0xecb9a6d2): ack
// 0xecb9a6d3.
inline constexpr std::string_view tcp_rst_v6 = R"(
    600c 8658 0014 063f fd00 0019 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 829a d6ec 0000 0000
    ecb9 a6d3 5014 0000 c886 0000)";

// A non-blocking `connect(("fd00:19::2", 7))` with IPV6_UNICAST_HOPS 1: the router's time
// exceeded (3, 0) quoting the whole 40-byte SYN.
inline constexpr std::string_view tcp_hop_limit_v6 = R"(
    600d de40 0058 3a40 fd00 0018 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0300 a1c3 0000 0000
    6003 fa76 0028 0601 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 9988 0007 47eb 05a8
    0000 0000 a002 fd20 8e6d 0000 0204 05a0
    0402 080a 55fa 8530 0000 0000 0103 030a)";

// ---------------------------------------------------------------------------------------------
// ICMP extensions (wire/icmp_extensions.hpp). Linux routers cannot send RFC 4884 / RFC 4950 MPLS
// extensions, so these come from elsewhere.
//
// Seen in the wild: ICMP messages (no IP header) published as test data by the Trippy project,
// crates/trippy-packet/src/icmp_extension.rs at commit 1fd7629988e3100b8babe9f7379d1693ae0bdb75,
// which calls them real packets observed while testing (see its issue #804). Byte facts only.

// Time exceeded with Length 0 (a router older than RFC 4884): a 128-byte quoted echo request,
// then an extension structure (checksum 0x993a) holding one MPLS label: 19380, TC 0, S 1, TTL 1.
inline constexpr std::string_view wild_mpls_legacy_icmp = R"(
    0b00 f4ff 0000 0000 4500 0054 cc1c 4000
    0101 b5f4 c0a8 0115 5db8 d822 0800 0fe3
    65da 8242 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 2000 993a 0008 0101
    04bb 4101)";

// Time exceeded with Length 17 (68 bytes) but the datagram zero-padded to 128 and the extension
// after the padding: one MPLS label 416240, TC 0, S 1, TTL 1 (checksum 0x7856).
inline constexpr std::string_view wild_mpls_short_length_icmp = R"(
    0b00 f4ee 0011 0000 4500 0054 20c3 4000
    0201 b57e 6463 082a 5db8 d822 0800 118d
    6583 80ef 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 2000 7856 0008 0101
    659f 0101)";

// Time exceeded with Length 17 and no extension: 68 bytes of datagram, nothing after it.
inline constexpr std::string_view wild_length_no_extension_icmp = R"(
    0b00 f4ee 0011 0000 4500 0054 a2ee 4000
    0101 df22 c0a8 0115 5db8 d822 0800 0fe1
    65da 8244 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000)";

// ICMPv6 time exceeded with Length 10 (80 bytes), padded to 128, then an extension (checksum
// 0x9653) with a two-entry label stack: 27121 TC 4 S 0 TTL 1, then 2 TC 4 S 1 TTL 255.
inline constexpr std::string_view wild_mpls_two_labels_icmpv6 = R"(
    0300 bea8 0a00 0000 6804 83fe 002c 3a01
    2400 6180 0000 00d0 0000 0000 1265 b001
    2404 6800 4003 0c1c 0000 0000 0000 008a
    8000 b2e1 2a60 80f2 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 2000 9653 000c 0101
    069f 1801 0000 29ff)";

// ICMPv6 time exceeded whose Length 16 (128 bytes) runs past its 84-byte body: no extension.
inline constexpr std::string_view wild_length_past_end_icmpv6 = R"(
    0300 5ab4 1000 0000 680e 0d91 002c 3a01
    2400 6180 0000 00d0 0000 0000 1265 b001
    2404 6800 4003 0c05 0000 0000 0000 0071
    8000 a8e7 3488 80f4 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000)";

// NOT CAPTURED: built by hand, byte by byte, from the layouts of RFC 4884 (extension header and
// objects), RFC 4950 section 5 (MPLS label stack) and RFC 5837 (interface information), with a
// Python script independent of wire/ that also computed every checksum, as a router
// 198.18.0.2 / fd00:18::2 would send them for the UDP probes quoted in udp_ttl_exceeded_v4 and
// udp_hop_limit_v6.

// Time exceeded, Length 32 words: the 36-byte probe zero-padded to 128, then an extension
// structure (checksum 0xc5fc) with an MPLS object (label 24001 TC 0 S 0 TTL 1, label 16 TC 0 S 1
// TTL 1) and an RFC 5837 interface information object (class 2, C-Type 0x08: incoming interface,
// ifIndex 7).
inline constexpr std::string_view mpls_ttl_exceeded_v4 = R"(
    45c0 00b4 0000 0000 4001 ed61 c612 0002
    c612 0001 0b00 8229 0020 0000 4500 0024
    8992 4000 0111 630f c612 0001 c612 0102
    e55c 829b 0010 5778 6e65 7464 6961 670a
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 2000 c5fc
    000c 0101 05dc 1001 0001 0101 0008 0208
    0000 0007)";

// ICMPv6 time exceeded, Length 16 (128 bytes): the 56-byte probe zero-padded to 128, then an
// extension structure (checksum 0xc819) with one MPLS label: 24001, TC 0, S 1, TTL 1.
inline constexpr std::string_view mpls_hop_limit_v6 = R"(
    6000 0000 0094 3a40 fd00 0018 0000 0000
    0000 0000 0000 0002 fd00 0018 0000 0000
    0000 0000 0000 0001 0300 4f5c 1000 0000
    600f 31a1 0010 1101 fd00 0018 0000 0000
    0000 0000 0000 0001 fd00 0019 0000 0000
    0000 0000 0000 0002 b7f0 829b 0010 17d7
    6e65 7464 6961 670a 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    0000 0000 0000 0000 0000 0000 0000 0000
    2000 c819 0008 0101 05dc 1101)";

// ARP as whole Ethernet frames (ethernet_arp_test, packet_summary_test), captured between a
// client and a router namespace with lab.sh's addresses. The client's first packet to its
// gateway: who has 198.18.1.1.
// tcpdump -n -S: ARP, Request who-has 198.18.1.1 tell 198.18.1.2, length 28
inline constexpr std::string_view arp_request = R"(
    ffff ffff ffff 0200 0000 0102 0806 0001
    0800 0604 0001 0200 0000 0102 c612 0102
    0000 0000 0000 c612 0101)";

// The router's answer.
// tcpdump -n -S: ARP, Reply 198.18.1.1 is-at 02:00:00:00:01:01, length 28
inline constexpr std::string_view arp_reply = R"(
    0200 0000 0102 0200 0000 0101 0806 0001
    0800 0604 0002 0200 0000 0101 c612 0101
    0200 0000 0102 c612 0102)";

// `ping 198.18.1.99` on the client's link, where nobody has that address.
// tcpdump -n -S: ARP, Request who-has 198.18.1.99 tell 198.18.1.2, length 28
inline constexpr std::string_view arp_request_unanswered = R"(
    ffff ffff ffff 0200 0000 0102 0806 0001
    0800 0604 0001 0200 0000 0102 c612 0102
    0000 0000 0000 c612 0163)";

}  // namespace netdiag::test::captures
