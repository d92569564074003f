// Ethernet (wire/ethernet.hpp) and ARP (wire/arp.hpp): views on captured frames, MAC text, build ->
// bytes goldens, parse -> build round trips, and every truncation length.
//
// Captured on the development machine in three throwaway network namespaces joined by veth pairs,
//   client (c0 02:00:00:00:01:02, 198.18.1.2, fd00:1::2) --
//   router (r0 02:00:00:00:01:01, 198.18.1.1, fd00:1::1 | r1 02:00:00:00:02:01, 198.18.2.1, fd00:2::1) --
//   server (s0 02:00:00:00:02:02, 198.18.2.2, fd00:2::2),
// with `tcpdump -i c0 -w` in the client and read back with `tcpdump -n -S -xx` (so each string is a
// whole Ethernet frame, no FCS); the namespaces were deleted afterwards.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/arp.hpp"
#include "netdiag/wire/ethernet.hpp"
#include "support/hex.hpp"
#include "captures.hpp"

using netdiag::IpAddress;
using netdiag::test::from_hex;
using netdiag::test::to_hex;
using namespace netdiag::wire;

namespace {

namespace frames {

// The three ARP frames (request, reply, unanswered request) are in captures.hpp.
using netdiag::test::captures::arp_reply;
using netdiag::test::captures::arp_request;
using netdiag::test::captures::arp_request_unanswered;

// An IPv4 frame: the client's SYN to 198.18.2.2 port 80, to the router's MAC.
// tcpdump -n -S: IP 198.18.1.2.35990 > 198.18.2.2.80: Flags [S], seq 2618074402, win 64240, options [mss 1460,sackOK,TS val 1911592966 ecr 0,nop,wscale 10], length 0
inline constexpr std::string_view tcp_syn_frame = R"(
    0200 0000 0101 0200 0000 0102 0800 4500
    003c 689a 4000 4006 42f9 c612 0102 c612
    0202 8c96 0050 9c0c a522 0000 0000 a002
    faf0 e5d6 0000 0204 05b4 0402 080a 71f0
    9806 0000 0000 0103 030a)";

// An IPv6 frame to a multicast MAC: the client's neighbour solicitation for its router.
// tcpdump -n -S: IP6 fd00:1::2 > ff02::1:ff00:1: ICMP6, neighbor solicitation, who has fd00:1::1, length 32
inline constexpr std::string_view neighbor_solicitation_frame = R"(
    3333 ff00 0001 0200 0000 0102 86dd 6000
    0000 0020 3aff fd00 0001 0000 0000 0000
    0000 0000 0002 ff02 0000 0000 0000 0000
    0001 ff00 0001 8700 7c95 0000 0000 fd00
    0001 0000 0000 0000 0000 0000 0001 0101
    0200 0000 0102)";

// NOT CAPTURED (this kernel has no 8021q module): arp_request with an 802.1Q tag inserted after
// the source MAC by hand, priority 3, VLAN 5 (TCI 0x6005), as a VLAN interface would send it.
inline constexpr std::string_view arp_request_vlan_5 = R"(
    ffff ffff ffff 0200 0000 0102 8100 6005
    0806 0001 0800 0604 0001 0200 0000 0102
    c612 0102 0000 0000 0000 c612 0101)";

}  // namespace frames

IpAddress address(std::string_view text) { return IpAddress::parse(text).value(); }
MacAddress mac(std::string_view text) { return parse_mac(text).value(); }

EthernetView ethernet_of(std::span<const std::byte> frame) {
  const auto view = EthernetView::parse(frame);
  REQUIRE(view.has_value());
  return *view;
}

ArpView arp_of(std::span<const std::byte> data) {
  const auto view = ArpView::parse(data);
  REQUIRE(view.has_value());
  return *view;
}

// A copy of exactly `n` bytes, so AddressSanitizer sees any read past it.
std::vector<std::byte> prefix(std::span<const std::byte> whole, std::size_t n) {
  return {whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n)};
}

}  // namespace

TEST_CASE("mac: to_string is lower-case hex pairs joined by colons") {
  CHECK(to_string(MacAddress{std::byte{0x02}, std::byte{0x00}, std::byte{0x5e}, std::byte{0x10}, std::byte{0x00},
                             std::byte{0x01}}) == "02:00:5e:10:00:01");
  CHECK(to_string(broadcast_mac) == "ff:ff:ff:ff:ff:ff");
  CHECK(to_string(MacAddress{}) == "00:00:00:00:00:00");
  CHECK(to_string(mac("02:AB:cd:EF:0a:B0")) == "02:ab:cd:ef:0a:b0");
}

TEST_CASE("mac: parse_mac accepts colons or dashes, one or two digits, either case") {
  const MacAddress expected{std::byte{0x02}, std::byte{0x00}, std::byte{0x5e}, std::byte{0x10}, std::byte{0x00},
                            std::byte{0x01}};
  for (const std::string_view text : {"02:00:5e:10:00:01", "02-00-5e-10-00-01", "02:00:5E:10:00:01",
                                      "2:0:5e:10:0:1", "2-0-5E-10-0-1", "02:0:5e:10:00:1"}) {
    CAPTURE(text);
    CHECK(parse_mac(text) == expected);
  }
  CHECK(parse_mac("ff:ff:ff:ff:ff:ff") == broadcast_mac);
  for (const std::string_view text :
       {"", "02:00:5e:10:00", "02:00:5e:10:00:01:02", "02:00:5e:10:00:01:", ":02:00:5e:10:00:01",
        "02:00-5e:10:00:01", "02::5e:10:00:01", "002:00:5e:10:00:01", "02:00:5e:10:00:1g", "02 00 5e 10 00 01",
        "02:00:5e:10:00:01 ", " 02:00:5e:10:00:01", "0200.5e10.0001", "02005e100001", "02:00:5e:10:00:+1",
        "x"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_mac(text).has_value());
  }
  // Every MAC that to_string writes parses back to itself.
  for (unsigned seed = 0; seed < 256; seed += 17) {
    MacAddress any{};
    for (std::size_t i = 0; i < any.size(); ++i) any[i] = static_cast<std::byte>((seed * (i + 3) + i) & 0xffU);
    CHECK(parse_mac(to_string(any)) == any);
  }
}

TEST_CASE("ethernet: captured frames") {
  const auto request = from_hex(frames::arp_request);
  const auto view = ethernet_of(request);
  CHECK(view.destination() == broadcast_mac);
  CHECK(to_string(view.source()) == "02:00:00:00:01:02");
  CHECK(view.ethertype() == ethertype::arp);
  CHECK_FALSE(view.tagged());
  CHECK_FALSE(view.vlan_id().has_value());
  CHECK(view.priority() == 0);
  CHECK(view.header_length() == 14);
  CHECK(view.header().data() == request.data());
  CHECK(view.header().size() == 14);
  CHECK(view.payload().data() == request.data() + 14);
  CHECK(view.payload().size() == 28);
  CHECK(view.frame().size() == request.size());

  const auto reply = from_hex(frames::arp_reply);
  CHECK(to_string(ethernet_of(reply).destination()) == "02:00:00:00:01:02");
  CHECK(to_string(ethernet_of(reply).source()) == "02:00:00:00:01:01");

  const auto syn = from_hex(frames::tcp_syn_frame);
  const auto ip = ethernet_of(syn);
  CHECK(to_string(ip.destination()) == "02:00:00:00:01:01");
  CHECK(ip.ethertype() == ethertype::ipv4);
  CHECK(ip.payload().size() == 60);
  CHECK(std::to_integer<unsigned>(ip.payload()[0]) == 0x45);

  const auto ns = from_hex(frames::neighbor_solicitation_frame);
  const auto v6 = ethernet_of(ns);
  CHECK(to_string(v6.destination()) == "33:33:ff:00:00:01");  // solicited-node multicast
  CHECK(v6.ethertype() == ethertype::ipv6);
  CHECK(v6.payload().size() == 72);
}

TEST_CASE("ethernet: an 802.1Q tag is skipped") {
  const auto frame = from_hex(frames::arp_request_vlan_5);
  const auto view = ethernet_of(frame);
  CHECK(view.tagged());
  CHECK(view.vlan_id() == std::uint16_t{5});
  CHECK(view.priority() == 3);
  CHECK(view.ethertype() == ethertype::arp);
  CHECK(view.header_length() == 18);
  CHECK(view.header().size() == 18);
  CHECK(view.payload().data() == frame.data() + 18);
  CHECK(to_hex(view.payload()) == to_hex(ethernet_of(from_hex(frames::arp_request)).payload()));
  CHECK(arp_of(view.payload()).target_ip() == address("198.18.1.1"));

  // VLAN 4095, priority 7, drop-eligible: all TCI bits set.
  auto all_bits = frame;
  all_bits[14] = std::byte{0xff};
  all_bits[15] = std::byte{0xff};
  CHECK(ethernet_of(all_bits).vlan_id() == std::uint16_t{4095});
  CHECK(ethernet_of(all_bits).priority() == 7);
  // Q-in-Q: only the outer tag is skipped; the inner one shows as the EtherType.
  auto double_tag = frame;
  double_tag[16] = std::byte{0x81};
  double_tag[17] = std::byte{0x00};
  CHECK(ethernet_of(double_tag).ethertype() == ethertype::vlan);
  // An 802.3 length instead of a type is handed over as it is.
  auto llc = from_hex(frames::arp_request);
  llc[12] = std::byte{0x00};
  llc[13] = std::byte{0x26};
  CHECK(ethernet_of(llc).ethertype() == 0x26);
}

TEST_CASE("ethernet: every truncation length") {
  for (const auto text : {frames::arp_request, frames::arp_reply, frames::tcp_syn_frame,
                          frames::neighbor_solicitation_frame, frames::arp_request_vlan_5}) {
    const auto whole = from_hex(text);
    const bool tagged = whole[12] == std::byte{0x81};
    const std::size_t header = tagged ? 18 : 14;
    for (std::size_t n = 0; n <= whole.size(); ++n) {
      CAPTURE(n);
      const auto bytes = prefix(whole, n);
      const auto view = EthernetView::parse(bytes);
      REQUIRE(view.has_value() == (n >= header));
      if (!view) {
        CHECK(view.error() == ParseError::truncated);
        continue;
      }
      CHECK(view->header().size() + view->payload().size() == n);
      CHECK(view->ethertype() == ethernet_of(whole).ethertype());
      CHECK(view->source() == ethernet_of(whole).source());
    }
  }
}

TEST_CASE("ethernet: build_ethernet writes the captured headers") {
  for (const auto text : {frames::arp_request, frames::arp_reply, frames::tcp_syn_frame,
                          frames::neighbor_solicitation_frame}) {
    const auto frame = from_hex(text);
    const auto view = ethernet_of(frame);
    std::array<std::byte, 14> out{};
    REQUIRE(build_ethernet(out, view.destination(), view.source(), view.ethertype()) == 14);
    CHECK(to_hex(out) == to_hex(view.header()));
  }
  std::array<std::byte, 20> out{};
  std::ranges::fill(out, std::byte{0xee});
  CHECK(build_ethernet(out, broadcast_mac, mac("02:00:00:00:01:02"), ethertype::arp) == 14);
  CHECK(to_hex(out) == "ff ff ff ff ff ff 02 00 00 00 01 02 08 06 ee ee ee ee ee ee");
  CHECK(build_ethernet(std::span(out).first(13), broadcast_mac, broadcast_mac, ethertype::ipv6) == 0);
  CHECK(std::to_integer<unsigned>(out[12]) == 0x08);  // untouched
  CHECK(build_ethernet({}, broadcast_mac, broadcast_mac, ethertype::ipv6) == 0);
}

TEST_CASE("arp: captured request and reply") {
  const auto request_frame = from_hex(frames::arp_request);
  const auto request = arp_of(ethernet_of(request_frame).payload());
  CHECK(request.operation() == arp_operation::request);
  CHECK(request.is_request());
  CHECK_FALSE(request.is_reply());
  CHECK(to_string(request.sender_mac()) == "02:00:00:00:01:02");
  CHECK(request.sender_ip() == address("198.18.1.2"));
  CHECK(request.target_mac() == MacAddress{});  // Linux asks with a zero target MAC
  CHECK(request.target_ip() == address("198.18.1.1"));
  CHECK(request.packet().data() == request_frame.data() + 14);
  CHECK(request.packet().size() == 28);

  const auto reply_frame = from_hex(frames::arp_reply);
  const auto reply = arp_of(ethernet_of(reply_frame).payload());
  CHECK(reply.operation() == arp_operation::reply);
  CHECK(reply.is_reply());
  CHECK(to_string(reply.sender_mac()) == "02:00:00:00:01:01");
  CHECK(reply.sender_ip() == address("198.18.1.1"));
  CHECK(to_string(reply.target_mac()) == "02:00:00:00:01:02");
  CHECK(reply.target_ip() == address("198.18.1.2"));

  const auto unanswered_frame = from_hex(frames::arp_request_unanswered);
  const auto unanswered = arp_of(ethernet_of(unanswered_frame).payload());
  CHECK(unanswered.target_ip() == address("198.18.1.99"));
  CHECK(unanswered.sender_ip() == address("198.18.1.2"));
}

TEST_CASE("arp: Ethernet padding is ignored, other hardware and protocols are rejected") {
  auto padded = from_hex(frames::arp_reply);
  padded.resize(60, std::byte{0});  // the 60-byte minimum a NIC pads to
  const auto payload = ethernet_of(padded).payload();
  CHECK(payload.size() == 46);
  const auto view = arp_of(payload);
  CHECK(view.packet().size() == 28);
  CHECK(view.sender_ip() == address("198.18.1.1"));

  const auto good = prefix(ethernet_of(from_hex(frames::arp_request)).payload(), 28);
  std::vector<std::byte> bad;  // what the last with() parsed; its view points into it
  const auto with = [&](std::size_t at, unsigned value) {
    bad = good;
    bad[at] = static_cast<std::byte>(value);
    return ArpView::parse(bad);
  };
  CHECK(with(1, 6).error() == ParseError::bad_version);     // hardware type 6 (IEEE 802)
  CHECK(with(0, 1).error() == ParseError::bad_version);     // hardware type 0x0101
  CHECK(with(2, 0x86).error() == ParseError::bad_version);  // protocol type 0x8600
  CHECK(with(3, 0xdd).error() == ParseError::bad_version);  // protocol type 0x08dd
  CHECK(with(4, 8).error() == ParseError::bad_header_length);
  CHECK(with(5, 16).error() == ParseError::bad_header_length);
  // Any operation parses (RARP 3/4, InARP 8/9 and junk are the caller's to ignore).
  for (const unsigned operation : {0U, 3U, 4U, 8U, 9U, 255U}) {
    const auto view_of = with(7, operation);
    REQUIRE(view_of.has_value());
    CHECK(view_of->operation() == operation);
    CHECK_FALSE(view_of->is_request());
    CHECK_FALSE(view_of->is_reply());
  }
}

TEST_CASE("arp: every truncation length") {
  for (const auto text : {frames::arp_request, frames::arp_reply, frames::arp_request_unanswered}) {
    const auto frame = from_hex(text);
    const auto whole = ethernet_of(frame).payload();
    for (std::size_t n = 0; n <= whole.size(); ++n) {
      CAPTURE(n);
      const auto bytes = prefix(whole, n);
      const auto view = ArpView::parse(bytes);
      REQUIRE(view.has_value() == (n == 28));
      if (!view) CHECK(view.error() == ParseError::truncated);
    }
  }
}

TEST_CASE("arp: build_arp writes the captured packets") {
  std::array<std::byte, 28> out{};
  REQUIRE(build_arp(out, arp_operation::request, mac("02:00:00:00:01:02"), address("198.18.1.2"), MacAddress{},
                    address("198.18.1.1")) == 28);
  CHECK(to_hex(out) == to_hex(ethernet_of(from_hex(frames::arp_request)).payload()));
  REQUIRE(build_arp(out, arp_operation::reply, mac("02:00:00:00:01:01"), address("198.18.1.1"),
                    mac("02:00:00:00:01:02"), address("198.18.1.2")) == 28);
  CHECK(to_hex(out) == to_hex(ethernet_of(from_hex(frames::arp_reply)).payload()));

  // A whole request frame, as nd-arp would send it: header, then the packet.
  std::array<std::byte, 42> frame{};
  REQUIRE(build_ethernet(frame, broadcast_mac, mac("02:00:00:00:01:02"), ethertype::arp) == 14);
  REQUIRE(build_arp(std::span(frame).subspan(14), arp_operation::request, mac("02:00:00:00:01:02"),
                    address("198.18.1.2"), MacAddress{}, address("198.18.1.99")) == 28);
  CHECK(to_hex(frame) == to_hex(from_hex(frames::arp_request_unanswered)));
}

TEST_CASE("arp: parse -> build round trips, and build_arp's refusals") {
  for (const auto text : {frames::arp_request, frames::arp_reply, frames::arp_request_unanswered}) {
    const auto frame = from_hex(text);
    const auto view = arp_of(ethernet_of(frame).payload());
    std::array<std::byte, 28> out{};
    REQUIRE(build_arp(out, view.operation(), view.sender_mac(), view.sender_ip(), view.target_mac(),
                      view.target_ip()) == 28);
    CHECK(to_hex(out) == to_hex(view.packet()));
  }
  // An ARP probe (RFC 5227): sender 0.0.0.0; a gratuitous ARP: sender == target.
  std::array<std::byte, 32> out{};
  std::ranges::fill(out, std::byte{0xee});
  REQUIRE(build_arp(out, arp_operation::request, mac("02:00:00:00:01:02"), address("0.0.0.0"), MacAddress{},
                    address("198.18.1.3")) == 28);
  CHECK(to_hex(out) ==
        "00 01 08 00 06 04 00 01 02 00 00 00 01 02 00 00 00 00 00 00 00 00 00 00 c6 12 01 03 ee ee ee ee");
  const auto probe = arp_of(out);
  CHECK(probe.sender_ip().is_unspecified());
  CHECK(probe.target_ip() == address("198.18.1.3"));

  const auto v4 = address("198.18.1.2");
  const auto v6 = address("fd00:1::2");
  CHECK(build_arp(std::span(out).first(27), arp_operation::request, broadcast_mac, v4, broadcast_mac, v4) == 0);
  CHECK(build_arp({}, arp_operation::request, broadcast_mac, v4, broadcast_mac, v4) == 0);
  CHECK(build_arp(out, arp_operation::request, broadcast_mac, v6, broadcast_mac, v4) == 0);
  CHECK(build_arp(out, arp_operation::request, broadcast_mac, v4, broadcast_mac, v6) == 0);
  CHECK(arp_of(out).sender_ip().is_unspecified());  // the refusals wrote nothing
}

TEST_CASE("locally administered: the U/L bit of the first octet") {
  CHECK(locally_administered(mac("02:00:00:00:00:00")));
  CHECK(locally_administered(mac("52:54:00:12:34:56")));  // QEMU
  CHECK(locally_administered(mac("fe:ff:ff:ff:ff:ff")));
  CHECK(locally_administered(mac("ff:ff:ff:ff:ff:ff")));
  CHECK_FALSE(locally_administered(mac("00:00:00:00:00:00")));
  CHECK_FALSE(locally_administered(mac("f4:bd:9e:01:02:03")));
  CHECK_FALSE(locally_administered(mac("01:00:5e:00:00:01")));  // multicast: bit 0, not bit 1
  CHECK_FALSE(locally_administered(mac("fd:ff:ff:ff:ff:ff")));
}
