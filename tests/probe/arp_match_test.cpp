// What an ARP frame seen on the link means to a run, on frames captured between lab.sh's client
// (198.18.1.2, 02:00:00:00:01:02) and its router (198.18.1.1, 02:00:00:00:01:01).
#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "netdiag/probe/arp_match.hpp"
#include "netdiag/wire/arp.hpp"
#include "support/hex.hpp"
#include "wire/captures.hpp"

using namespace netdiag;

namespace {

IpAddress ip(const char* text) { return *IpAddress::parse(text); }
wire::MacAddress mac(const char* text) { return *wire::parse_mac(text); }

const ArpIdentity kClient{mac("02:00:00:00:01:02"), ip("198.18.1.2")};
const ArpIdentity kClientProbing{mac("02:00:00:00:01:02"), IpAddress::v4({})};
const WallTime kAt{std::chrono::seconds(1'800'000'000)};

ArpPacket decoded(std::string_view hex, ArpDelivery delivery) {
  const auto frame = test::from_hex(hex);
  const auto packet = decode_arp_frame(frame, delivery, kAt);
  REQUIRE(packet);
  return *packet;
}

}  // namespace

TEST_CASE("decode_arp_frame: the captured reply, every field") {
  const ArpPacket reply = decoded(test::captures::arp_reply, ArpDelivery::to_us);
  CHECK(reply.received_at == kAt);
  CHECK(reply.ethernet_destination == mac("02:00:00:00:01:02"));
  CHECK(reply.ethernet_source == mac("02:00:00:00:01:01"));
  CHECK(reply.operation == wire::arp_operation::reply);
  CHECK(reply.sender_mac == mac("02:00:00:00:01:01"));
  CHECK(reply.sender_ip == ip("198.18.1.1"));
  CHECK(reply.target_mac == mac("02:00:00:00:01:02"));
  CHECK(reply.target_ip == ip("198.18.1.2"));
}

TEST_CASE("decode_arp_frame: padding and an 802.1Q tag are fine; anything else or short is not ARP") {
  auto frame = test::from_hex(test::captures::arp_reply);
  auto padded = frame;
  padded.resize(60, std::byte{0});  // what an Ethernet card hands over
  CHECK(decode_arp_frame(padded, ArpDelivery::to_us, kAt));
  std::vector<std::byte> tagged(frame.begin(), frame.begin() + 12);
  for (const auto b : test::from_hex("8100 0005")) tagged.push_back(b);
  tagged.insert(tagged.end(), frame.begin() + 12, frame.end());
  const auto vlan = decode_arp_frame(tagged, ArpDelivery::to_us, kAt);
  REQUIRE(vlan);
  CHECK(vlan->sender_ip == ip("198.18.1.1"));
  for (std::size_t cut = 0; cut < frame.size(); ++cut)
    CHECK_FALSE(decode_arp_frame(std::span(frame).first(cut), ArpDelivery::to_us, kAt));
  auto ipv4 = frame;
  ipv4[12] = std::byte{0x08};
  ipv4[13] = std::byte{0x00};
  CHECK_FALSE(decode_arp_frame(ipv4, ArpDelivery::to_us, kAt));
  auto token_ring = frame;
  token_ring[15] = std::byte{6};  // hardware type 6: not Ethernet
  CHECK_FALSE(decode_arp_frame(token_ring, ArpDelivery::to_us, kAt));
}

TEST_CASE("ping and scan: the reply to us is an answer, nothing else is") {
  const ArpPacket reply = decoded(test::captures::arp_reply, ArpDelivery::to_us);
  const ArpMeaning meaning = classify_arp(reply, kClient, false);
  CHECK(meaning.role == ArpRole::answer);
  CHECK(meaning.address == ip("198.18.1.1"));

  ArpPacket broadcast = reply;
  broadcast.delivery = ArpDelivery::broadcast;
  CHECK(classify_arp(broadcast, kClient, false).role == ArpRole::answer);
  ArpPacket promiscuous = reply;
  promiscuous.delivery = ArpDelivery::other_host;
  CHECK(classify_arp(promiscuous, kClient, false).role == ArpRole::unrelated);
  // The same reply for another host on this link (its MAC, or its address).
  CHECK(classify_arp(reply, {mac("02:00:00:00:01:03"), ip("198.18.1.2")}, false).role == ArpRole::unrelated);
  CHECK(classify_arp(reply, {kClient.mac, ip("198.18.1.3")}, false).role == ArpRole::unrelated);
  // A request is never an answer, even from the target and to us.
  const ArpPacket request = decoded(test::captures::arp_request, ArpDelivery::broadcast);
  CHECK(classify_arp(request, {mac("02:00:00:00:01:01"), ip("198.18.1.1")}, false).role == ArpRole::unrelated);
  ArpPacket odd = reply;
  odd.operation = 9;
  CHECK(classify_arp(odd, kClient, false).role == ArpRole::unrelated);
}

TEST_CASE("ping and scan: this host's own requests from other sockets are noted, never answers") {
  const ArpPacket ours = decoded(test::captures::arp_request_unanswered, ArpDelivery::outgoing);
  const ArpMeaning meaning = classify_arp(ours, kClient, false);
  CHECK(meaning.role == ArpRole::sibling_request);
  CHECK(meaning.address == ip("198.18.1.99"));
  // Outgoing, but from another address of this host: its replies go to that address anyway.
  CHECK(classify_arp(ours, {kClient.mac, ip("198.18.1.3")}, false).role == ArpRole::unrelated);
  // An outgoing reply (this host answering someone) means nothing.
  const ArpPacket answered = decoded(test::captures::arp_reply, ArpDelivery::outgoing);
  CHECK(classify_arp(answered, {mac("02:00:00:00:01:01"), ip("198.18.1.1")}, false).role == ArpRole::unrelated);
}

TEST_CASE("dad and announce: another MAC using the address claims it; its probe for the address contests it") {
  const ArpPacket reply = decoded(test::captures::arp_reply, ArpDelivery::to_us);
  const ArpMeaning claim = classify_arp(reply, kClientProbing, true);
  CHECK(claim.role == ArpRole::claim);
  CHECK(claim.address == ip("198.18.1.1"));
  const ArpPacket request = decoded(test::captures::arp_request, ArpDelivery::broadcast);
  CHECK(classify_arp(request, {mac("02:00:00:00:01:01"), IpAddress::v4({})}, true).role == ArpRole::claim);
  // Our own MAC never claims anything, whichever way the frame came.
  CHECK(classify_arp(request, kClientProbing, true).role == ArpRole::unrelated);
  const ArpPacket outgoing = decoded(test::captures::arp_request, ArpDelivery::outgoing);
  CHECK(classify_arp(outgoing, kClientProbing, true).role == ArpRole::unrelated);

  ArpPacket probe = request;
  probe.sender_mac = mac("02:00:00:00:01:07");
  probe.sender_ip = IpAddress::v4({});
  const ArpMeaning contest = classify_arp(probe, kClientProbing, true);
  CHECK(contest.role == ArpRole::probe);
  CHECK(contest.address == ip("198.18.1.1"));
  ArpPacket probe_reply = probe;
  probe_reply.operation = wire::arp_operation::reply;
  CHECK(classify_arp(probe_reply, kClientProbing, true).role == ArpRole::unrelated);
}

TEST_CASE("the trailer in the padding: written big-endian, read back from a padded frame only") {
  auto frame = test::from_hex(test::captures::arp_request);
  CHECK_FALSE(decode_arp_frame(frame, ArpDelivery::outgoing, kAt)->trailer);  // 42 bytes: no padding
  frame.resize(60, std::byte{0});
  const wire::ArpTrailer written{0x0102030405060708ULL, 42};
  REQUIRE(wire::write_arp_trailer(std::span(frame).subspan(42), written) == wire::ArpTrailer::length);
  CHECK(frame[42] == std::byte{0x01});
  CHECK(frame[49] == std::byte{0x08});
  CHECK(frame[57] == std::byte{42});
  const auto packet = decode_arp_frame(frame, ArpDelivery::outgoing, kAt);
  REQUIRE(packet);
  CHECK(packet->trailer == written);
  CHECK(packet->target_ip == ip("198.18.1.1"));
  std::array<std::byte, 15> short_out{};
  CHECK(wire::write_arp_trailer(short_out, written) == 0);
}
