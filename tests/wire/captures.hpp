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

}  // namespace netdiag::test::captures
