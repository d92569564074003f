// From socket bytes to Reply, with packets captured in a lab namespace (tcpdump -xx on the
// client's veth, Ethernet header removed): client 198.18.1.2 / fd00:1::2, router 198.18.1.1 /
// fd00:1::1, server 198.18.2.2 / fd00:2::2, `nd-ping -s 16` (data bytes 00..0f).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <vector>

#include "netdiag/io/icmp_decode.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmp_extensions.hpp"
#include "netdiag/wire/ipv4.hpp"
#include "support/hex.hpp"

using namespace netdiag;
using netdiag::test::from_hex;

namespace {

const IpAddress kClient = *IpAddress::parse("198.18.1.2");
const IpAddress kRouter = *IpAddress::parse("198.18.1.1");
const IpAddress kServer = *IpAddress::parse("198.18.2.2");
const IpAddress kRouter6 = *IpAddress::parse("fd00:1::1");
const IpAddress kServer6 = *IpAddress::parse("fd00:2::2");
const auto kPayload = from_hex("0001 0203 0405 0607 0809 0a0b 0c0d 0e0f");

// Echo reply from the server, id 0xeb48 seq 1, TTL 63 (one router on the way).
const auto kEchoReply = from_hex(
    "4500 002c 1f6e 0000 3f01 cd3a c612 0202 c612 0102 0000 dc75 eb48 0001"
    "0001 0203 0405 0607 0809 0a0b 0c0d 0e0f");
// Our own echo request as a raw socket on the sending host could see it.
const auto kEchoRequest = from_hex(
    "4500 002c 80cd 4000 4001 2adb c612 0102 c612 0202 0800 d475 eb48 0001"
    "0001 0203 0405 0607 0809 0a0b 0c0d 0e0f");
// Time exceeded from the router (-t 1), quoting the request id 0xeb47 seq 1 to the server.
const auto kTimeExceeded = from_hex(
    "45c0 0048 b03a 0000 4001 3b93 c612 0101 c612 0102 0b00 f4ff 0000 0000"
    "4500 002c 80cb 4000 0101 69dd c612 0102 c612 0202 0800 d476 eb47 0001"
    "0001 0203 0405 0607 0809 0a0b 0c0d 0e0f");
// ICMPv6 (no IPv6 header: sockets never deliver it): time exceeded from the router quoting
// request id 0xeb4a seq 1, and the server's echo reply id 0xeb4b seq 1.
const auto kTimeExceeded6 = from_hex(
    "0300 1830 0000 0000 6009 5076 0018 3a01 fd00 0001 0000 0000 0000 0000 0000 0002"
    "fd00 0002 0000 0000 0000 0000 0000 0002 8000 6218 eb4a 0001 0001 0203 0405 0607"
    "0809 0a0b 0c0d 0e0f");
const auto kEchoReply6 = from_hex("8100 6117 eb4b 0001 0001 0203 0405 0607 0809 0a0b 0c0d 0e0f");

}  // namespace

TEST_CASE("raw IPv4: an echo reply keeps its identifier, sequence, TTL and size") {
  const auto reply = decode_icmp_datagram(Family::ipv4, SocketKind::raw, kEchoReply, kServer, kPayload);
  REQUIRE(reply);
  CHECK(reply->kind == ReplyKind::echo_reply);
  CHECK(reply->identifier == 0xeb48);
  CHECK(reply->sequence == Sequence{1});
  CHECK(reply->ttl == Ttl{63});
  CHECK(reply->icmp_bytes == 24);
  CHECK(reply->payload_intact);
  CHECK(reply->from == kServer);
}

TEST_CASE("a reply whose data differs from what we sent is marked") {
  const auto other_payload = from_hex("ffff");
  const auto reply = decode_icmp_datagram(Family::ipv4, SocketKind::raw, kEchoReply, kServer, other_payload);
  REQUIRE(reply);
  CHECK_FALSE(reply->payload_intact);
}

TEST_CASE("raw IPv4: requests are not replies, and a bad checksum is dropped") {
  CHECK_FALSE(decode_icmp_datagram(Family::ipv4, SocketKind::raw, kEchoRequest, kClient, kPayload));
  auto damaged = kEchoReply;
  damaged.back() ^= std::byte{0x01};
  CHECK_FALSE(decode_icmp_datagram(Family::ipv4, SocketKind::raw, damaged, kServer, kPayload));
}

TEST_CASE("raw IPv4: an ICMP error names the probe it quotes") {
  const auto reply = decode_icmp_datagram(Family::ipv4, SocketKind::raw, kTimeExceeded, kRouter, kPayload);
  REQUIRE(reply);
  CHECK(reply->kind == ReplyKind::icmp_error);
  CHECK(reply->icmp_type == 11);
  CHECK(reply->icmp_code == 0);
  CHECK(reply->identifier == 0xeb47);
  CHECK(reply->sequence == Sequence{1});
  CHECK(reply->probe_destination == kServer);
  CHECK(reply->from == kRouter);
  CHECK_FALSE(reply->mtu);
}

TEST_CASE("raw IPv4: fragmentation needed carries the next-hop MTU (RFC 1191)") {
  // The router's frag-needed quotes the IP header and the first 8 bytes of our 1500-byte probe.
  const std::vector<std::byte> data(1472);
  std::vector<std::byte> echo(1480);
  REQUIRE(wire::build_icmp_echo(echo, {wire::icmp_type::echo_request, 0, 0x1234, 7}, data));
  std::vector<std::byte> probe(1500);
  REQUIRE(wire::build_ipv4(probe, {0, 0, true, 64, 1, kClient, kServer}, echo));
  const std::array<std::byte, 4> unused_and_mtu{std::byte{0}, std::byte{0}, std::byte{0x05}, std::byte{0x78}};
  std::array<std::byte, 64> icmp{};
  const auto error = wire::build_icmp_error(icmp, 3, 4, unused_and_mtu, std::span(probe).first(28));
  REQUIRE(error);
  std::array<std::byte, 128> packet{};
  const auto outer = wire::build_ipv4(packet, {0xc0, 1, false, 64, 1, kRouter, kClient}, *error);
  REQUIRE(outer);
  const auto reply = decode_icmp_datagram(Family::ipv4, SocketKind::raw, *outer, kRouter, kPayload);
  REQUIRE(reply);
  CHECK(reply->mtu == Mtu{1400});
  CHECK(reply->identifier == 0x1234);
  CHECK(reply->sequence == Sequence{7});
}

TEST_CASE("ping socket IPv4: the datagram is the ICMP message only") {
  const auto icmp = std::span(kEchoReply).subspan(20);
  const auto reply = decode_icmp_datagram(Family::ipv4, SocketKind::datagram, icmp, kServer, kPayload);
  REQUIRE(reply);
  CHECK(reply->identifier == 0xeb48);
  CHECK_FALSE(reply->ttl);  // a ping socket's TTL comes from IP_TTL ancillary data
}

TEST_CASE("ICMPv6: echo reply and time exceeded") {
  const auto reply = decode_icmp_datagram(Family::ipv6, SocketKind::raw, kEchoReply6, kServer6, kPayload);
  REQUIRE(reply);
  CHECK(reply->kind == ReplyKind::echo_reply);
  CHECK(reply->identifier == 0xeb4b);
  CHECK(reply->icmp_bytes == 24);
  const auto error = decode_icmp_datagram(Family::ipv6, SocketKind::raw, kTimeExceeded6, kRouter6, kPayload);
  REQUIRE(error);
  CHECK(error->kind == ReplyKind::icmp_error);
  CHECK(error->icmp_type == 3);
  CHECK(error->identifier == 0xeb4a);
  CHECK(error->probe_destination == kServer6);
}

TEST_CASE("every truncation of every capture decodes to a value or nothing, never out of bounds") {
  for (const auto* packet : {&kEchoReply, &kEchoRequest, &kTimeExceeded, &kTimeExceeded6, &kEchoReply6}) {
    for (std::size_t length = 0; length <= packet->size(); ++length) {
      const auto prefix = std::span(*packet).first(length);
      for (const auto family : {Family::ipv4, Family::ipv6})
        for (const auto kind : {SocketKind::raw, SocketKind::datagram})
          (void)decode_icmp_datagram(family, kind, prefix, kRouter, kPayload);
    }
  }
  // A quote cut inside the echo header cannot name a probe.
  CHECK_FALSE(decode_icmp_datagram(Family::ipv6, SocketKind::raw, std::span(kTimeExceeded6).first(8 + 40 + 4),
                                   kRouter6, kPayload));
}

TEST_CASE("error queue: an ICMP error about our request becomes a Reply") {
  ErrorQueueEntry entry;
  entry.error = EHOSTUNREACH;
  entry.origin = kErrorOriginIcmp;
  entry.type = 3;
  entry.code = 4;
  entry.info = 1400;
  entry.offender = kRouter;
  entry.original_destination = kServer;
  const auto request = std::span(kEchoRequest).subspan(20);
  entry.payload = request;
  const auto reply = decode_error_queue_entry(Family::ipv4, entry);
  REQUIRE(reply);
  CHECK(reply->kind == ReplyKind::icmp_error);
  CHECK(reply->from == kRouter);
  CHECK(reply->probe_destination == kServer);
  CHECK(reply->identifier == 0xeb48);
  CHECK(reply->mtu == Mtu{1400});

  entry.code = 1;  // host unreachable: ee_info carries no MTU
  CHECK_FALSE(decode_error_queue_entry(Family::ipv4, entry)->mtu);
}

TEST_CASE("error queue: local and foreign entries are not replies") {
  ErrorQueueEntry entry;
  entry.payload = std::span(kEchoRequest).subspan(20);
  entry.origin = kErrorOriginLocal;
  CHECK_FALSE(decode_error_queue_entry(Family::ipv4, entry));
  entry.origin = kErrorOriginIcmp6;  // an ICMPv6 origin on an IPv4 socket
  CHECK_FALSE(decode_error_queue_entry(Family::ipv4, entry));
  entry.origin = kErrorOriginIcmp;
  entry.payload = std::span(kEchoReply).subspan(20);  // quotes a reply, not a request of ours
  CHECK_FALSE(decode_error_queue_entry(Family::ipv4, entry));
}

TEST_CASE("UDP probe socket: the quoted payload's first two bytes are the probe id") {
  const auto payload = from_hex("0007 4e44 5452 4143 45");  // probe 7, then padding
  ErrorQueueEntry entry;
  entry.origin = kErrorOriginIcmp;
  entry.type = 11;
  entry.offender = kRouter;
  entry.original_destination = kServer;
  entry.payload = payload;
  const auto reply = decode_udp_probe_error(Family::ipv4, entry, 40000);
  REQUIRE(reply);
  CHECK(reply->kind == ReplyKind::icmp_error);
  CHECK(reply->sequence == Sequence{7});
  CHECK(reply->identifier == 40000);
  CHECK(reply->from == kRouter);
  CHECK(reply->probe_destination == kServer);

  entry.type = 3;
  entry.code = 4;
  entry.info = 1280;
  CHECK(decode_udp_probe_error(Family::ipv4, entry, 40000)->mtu == Mtu{1280});

  entry.payload = std::span(payload).first(1);  // the router quoted only the UDP header and a byte
  CHECK_FALSE(decode_udp_probe_error(Family::ipv4, entry, 40000));
  entry.payload = payload;
  entry.origin = kErrorOriginLocal;
  CHECK_FALSE(decode_udp_probe_error(Family::ipv4, entry, 40000));
  entry.origin = kErrorOriginIcmp6;
  entry.type = 2;
  CHECK(decode_udp_probe_error(Family::ipv6, entry, 40000)->mtu == Mtu{1280});
}

namespace {

// The data an error queue hands a UDP probe socket for a time exceeded that carries an MPLS
// label stack (RFC 4950) after the datagram padded to 128 bytes (RFC 4884): the probe's payload
// from its id on (the kernel strips the quoted IP and UDP headers, `stripped` bytes), zeros up
// to 128 bytes into the ICMP body, then the extension structure.
std::vector<std::byte> udp_quote_with_mpls(std::size_t stripped, bool with_checksum) {
  std::vector<std::byte> data(128 - stripped, std::byte{0});
  data[1] = std::byte{7};  // probe id 7
  const std::array<wire::MplsLabelEntry, 2> stack{{{24001, 0, false, 1}, {16, 5, true, 1}}};
  std::array<std::byte, 16> labels{};
  const auto label_bytes = wire::build_mpls_label_stack(labels, stack);
  REQUIRE(label_bytes);
  const std::array objects{wire::IcmpExtensionObject{1, 1, *label_bytes}};
  std::array<std::byte, 64> structure{};
  const auto built = wire::build_icmp_extensions(structure, objects, with_checksum);
  REQUIRE(built);
  data.insert(data.end(), built->begin(), built->end());
  return data;
}

}  // namespace

TEST_CASE("error queue: an MPLS label stack after the quoted datagram, IPv4 and IPv6") {
  for (const auto family : {Family::ipv4, Family::ipv6}) {
    const std::size_t stripped = family == Family::ipv4 ? 28 : 48;
    const auto data = udp_quote_with_mpls(stripped, true);
    ErrorQueueEntry entry;
    entry.origin = family == Family::ipv4 ? kErrorOriginIcmp : kErrorOriginIcmp6;
    entry.type = family == Family::ipv4 ? 11 : 3;
    entry.offender = family == Family::ipv4 ? kRouter : kRouter6;
    entry.payload = data;
    const auto reply = decode_udp_probe_error(family, entry, 33434);
    REQUIRE(reply);
    CHECK(reply->sequence == Sequence{7});
    REQUIRE(reply->mpls.size() == 2);
    CHECK(reply->mpls[0] == MplsLabel{24001, 0, false, 1});
    CHECK(reply->mpls[1] == MplsLabel{16, 5, true, 1});
    // Without a checksum a structure at 128 bytes is not believed (it may be quoted data), nor
    // with the quote cut short before it.
    const auto unchecked = udp_quote_with_mpls(stripped, false);
    entry.payload = unchecked;
    CHECK(decode_udp_probe_error(family, entry, 33434)->mpls.empty());
    entry.payload = std::span(data).first(128 - stripped);
    CHECK(decode_udp_probe_error(family, entry, 33434)->mpls.empty());

    // A ping socket's entry keeps the quoted echo header: only the IP header is stripped.
    auto echo = udp_quote_with_mpls(ip_header_bytes(family), true);
    echo[0] = family == Family::ipv4 ? std::byte{8} : std::byte{128};  // echo request, code 0
    echo[1] = std::byte{0};
    echo[5] = std::byte{0x2a};  // identifier 42
    echo[7] = std::byte{9};     // sequence 9
    entry.payload = echo;
    const auto ping = decode_error_queue_entry(family, entry);
    REQUIRE(ping);
    CHECK(ping->sequence == Sequence{9});
    CHECK(ping->mpls.size() == 2);
  }
}
