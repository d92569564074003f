// UDP view, builder and pseudo-header checksums, on captured datagrams (captures.hpp).
#include "netdiag/wire/udp.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "captured_packet.hpp"
#include "captures.hpp"
#include "netdiag/wire/checksum.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "support/hex.hpp"

using netdiag::IpAddress;
using netdiag::Port;
using netdiag::test::CapturedPacket;
using netdiag::test::from_hex;
using netdiag::test::to_hex;
namespace captures = netdiag::test::captures;
using namespace netdiag::wire;

namespace {

IpAddress address(std::string_view text) { return IpAddress::parse(text).value(); }

// The IP packet quoted by a captured ICMP or ICMPv6 error: its addresses and its payload.
struct Quoted {
  IpAddress source;
  IpAddress destination;
  std::span<const std::byte> payload;
};

Quoted quoted_in(const CapturedPacket& error) {
  if (error.protocol == 1) {
    const auto icmp = IcmpView::parse(error.upper);
    REQUIRE(icmp.has_value());
    const auto ip = Ipv4View::parse_quoted(icmp->quoted());
    REQUIRE(ip.has_value());
    return {ip->source(), ip->destination(), ip->payload()};
  }
  REQUIRE(error.protocol == 58);
  const auto icmp = Icmpv6View::parse(error.upper);
  REQUIRE(icmp.has_value());
  const auto ip = Ipv6View::parse_quoted(icmp->quoted());
  REQUIRE(ip.has_value());
  const auto upper = ip->upper_layer();
  REQUIRE(upper.has_value());
  return {ip->source(), ip->destination(), upper->data};
}

}  // namespace

TEST_CASE("udp: every accessor on a captured IPv4 datagram") {
  const CapturedPacket packet(captures::udp_echo_request_v4);
  REQUIRE(packet.protocol == 17);
  const auto view = UdpView::parse(packet.upper);
  REQUIRE(view.has_value());
  CHECK(view->source_port() == Port{58716});
  CHECK(view->destination_port() == Port{7});
  CHECK(view->length() == 16);
  CHECK(view->checksum() == 0xda0c);
  CHECK(view->complete());
  CHECK(view->checksum_ok(packet.source, packet.destination));
  CHECK(view->checksum_ok(packet.destination, packet.source));  // the sum does not care about order
  CHECK_FALSE(view->checksum_ok(packet.source, address("198.18.1.3")));
  CHECK_FALSE(view->checksum_ok(address("fd00:18::1"), address("fd00:19::2")));
  CHECK_FALSE(view->checksum_ok(packet.source, address("fd00:19::2")));
  CHECK(to_hex(view->payload()) == "6e 65 74 64 69 61 67 0a");
  CHECK(view->header().size() == 8);
  CHECK(view->header().data() == packet.upper.data());
  CHECK(view->datagram().size() == 16);
  CHECK(view->datagram().data() == packet.upper.data());
  CHECK(view->payload().data() == packet.upper.data() + 8);

  const CapturedPacket reply(captures::udp_echo_reply_v4);
  const auto echoed = UdpView::parse(reply.upper);
  REQUIRE(echoed.has_value());
  CHECK(echoed->source_port() == Port{7});
  CHECK(echoed->destination_port() == Port{58716});
  CHECK(echoed->checksum() == 0xda0c);  // same words, ports swapped
  CHECK(echoed->checksum_ok(reply.source, reply.destination));
}

TEST_CASE("udp: captured IPv6 datagram; the checksum is mandatory there") {
  const CapturedPacket packet(captures::udp_echo_request_v6);
  REQUIRE(packet.protocol == 17);
  const auto view = UdpView::parse(packet.upper);
  REQUIRE(view.has_value());
  CHECK(view->source_port() == Port{47088});
  CHECK(view->destination_port() == Port{7});
  CHECK(view->length() == 16);
  CHECK(view->checksum() == 0x9a6b);
  CHECK(view->checksum_ok(packet.source, packet.destination));
  CHECK_FALSE(view->checksum_ok(packet.source, address("fd00:19::3")));
  CHECK_FALSE(view->checksum_ok(address("198.18.0.1"), address("198.18.1.2")));

  // The same datagram with its checksum zeroed: "none" is not allowed over IPv6.
  auto zeroed = std::vector<std::byte>(packet.upper.begin(), packet.upper.end());
  zeroed[6] = zeroed[7] = std::byte{0};
  CHECK_FALSE(UdpView::parse(zeroed)->checksum_ok(packet.source, packet.destination));
}

TEST_CASE("udp: a captured zero checksum over IPv4 means none was sent") {
  const CapturedPacket packet(captures::udp_no_checksum_v4);
  const auto view = UdpView::parse(packet.upper);
  REQUIRE(view.has_value());
  CHECK(view->checksum() == 0);
  CHECK(view->source_port() == Port{33185});
  CHECK(view->checksum_ok(packet.source, packet.destination));
  CHECK(view->checksum_ok(address("198.18.0.1"), address("198.18.0.2")));  // nothing to check
  CHECK_FALSE(view->checksum_ok(address("fd00:18::1"), address("fd00:19::2")));
}

TEST_CASE("udp: datagrams quoted in captured ICMP and ICMPv6 errors") {
  struct Case {
    std::string_view capture;
    std::uint16_t source_port;
    std::uint16_t destination_port;
    std::uint16_t checksum;
    bool checksum_ok;
  };
  for (const auto& c : {
           Case{captures::udp_port_unreachable_v4, 58716, 33434, 0x5779, true},
           Case{captures::udp_ttl_exceeded_v4, 58716, 33435, 0x5778, true},
           Case{captures::udp_port_unreachable_v6, 47088, 33434, 0x17d8, true},
           Case{captures::udp_hop_limit_v6, 47088, 33435, 0x17d7, true},
           // Captured before transmit offload was turned off: the kernel's placeholder (the
           // pseudo-header's sum alone, left for the NIC to finish), not a real checksum.
           Case{captures::port_unreachable_v4, 33348, 33434, 0x8d49, false},
           Case{captures::port_unreachable_v6, 49767, 33434, 0xfa56, false},
       }) {
    CAPTURE(c.capture);
    const CapturedPacket error(c.capture);
    const auto quoted = quoted_in(error);
    const auto view = UdpView::parse_quoted(quoted.payload);
    REQUIRE(view.has_value());
    CHECK(view->source_port() == Port{c.source_port});
    CHECK(view->destination_port() == Port{c.destination_port});
    CHECK(view->length() == 16);
    CHECK(view->checksum() == c.checksum);
    CHECK(view->complete());
    CHECK(view->checksum_ok(quoted.source, quoted.destination) == c.checksum_ok);
    CHECK(to_hex(view->payload()) == "6e 65 74 64 69 61 67 0a");
    CHECK(UdpView::parse(quoted.payload).has_value());  // these routers quoted all of it
  }
}

TEST_CASE("udp: a quote of only the 8 bytes RFC 792 guarantees") {
  const CapturedPacket error(captures::udp_ttl_exceeded_v4);
  const auto quoted = quoted_in(error);
  const auto eight = quoted.payload.first(8);
  CHECK(UdpView::parse(eight).error() == ParseError::truncated);
  const auto view = UdpView::parse_quoted(eight);
  REQUIRE(view.has_value());
  CHECK(view->source_port() == Port{58716});
  CHECK(view->destination_port() == Port{33435});
  CHECK(view->length() == 16);
  CHECK_FALSE(view->complete());
  CHECK(view->payload().empty());
  CHECK(view->datagram().size() == 8);
  CHECK_FALSE(view->checksum_ok(quoted.source, quoted.destination));  // cannot be verified

  const auto partial = UdpView::parse_quoted(quoted.payload.first(12));
  REQUIRE(partial.has_value());
  CHECK(to_hex(partial->payload()) == "6e 65 74 64");
  CHECK_FALSE(partial->complete());
}

TEST_CASE("udp: malformed lengths") {
  const CapturedPacket packet(captures::udp_echo_request_v4);
  const std::vector<std::byte> datagram(packet.upper.begin(), packet.upper.end());
  CHECK(UdpView::parse({}).error() == ParseError::truncated);
  CHECK(UdpView::parse(std::span(datagram).first(7)).error() == ParseError::truncated);
  CHECK(UdpView::parse_quoted(std::span(datagram).first(7)).error() == ParseError::truncated);

  for (const std::uint8_t length : {std::uint8_t{0}, std::uint8_t{1}, std::uint8_t{7}}) {
    auto bad = datagram;
    bad[4] = std::byte{0};
    bad[5] = std::byte{length};
    CHECK(UdpView::parse(bad).error() == ParseError::bad_total_length);
    CHECK(UdpView::parse_quoted(bad).error() == ParseError::bad_total_length);
  }

  auto header_only = datagram;
  header_only[5] = std::byte{8};
  const auto empty = UdpView::parse(header_only);
  REQUIRE(empty.has_value());
  CHECK(empty->payload().empty());
  CHECK(empty->datagram().size() == 8);  // the 8 bytes after length are ignored

  auto too_long = datagram;
  too_long[5] = std::byte{17};
  CHECK(UdpView::parse(too_long).error() == ParseError::truncated);
  const auto quoted = UdpView::parse_quoted(too_long);
  REQUIRE(quoted.has_value());
  CHECK_FALSE(quoted->complete());
  CHECK(quoted->payload().size() == 8);

  auto padded = datagram;
  padded.insert(padded.end(), 6, std::byte{0});  // e.g. Ethernet padding left by the IP layer
  const auto view = UdpView::parse(padded);
  REQUIRE(view.has_value());
  CHECK(view->datagram().size() == 16);
  CHECK(view->checksum_ok(packet.source, packet.destination));
}

TEST_CASE("udp: build_udp reproduces captured datagrams") {
  for (const auto text : {captures::udp_echo_request_v4, captures::udp_echo_reply_v4, captures::udp_echo_request_v6}) {
    CAPTURE(text);
    const CapturedPacket packet(text);
    const auto view = UdpView::parse(packet.upper);
    REQUIRE(view.has_value());
    std::array<std::byte, 64> out{};
    const auto built = build_udp(out, {.source = view->source_port(), .destination = view->destination_port()},
                                 view->payload(), &packet.source, &packet.destination);
    REQUIRE(built.has_value());
    CHECK(built->data() == out.data());
    CHECK(to_hex(*built) == to_hex(packet.upper));
  }
}

TEST_CASE("udp: build_udp without addresses, in place, and its errors") {
  std::array<std::byte, 32> out{};
  const auto payload = from_hex("6e65 7464 6961 670a");
  const auto plain = build_udp(out, {.source = Port{0x1234}, .destination = Port{33434}}, payload);
  REQUIRE(plain.has_value());
  CHECK(to_hex(*plain) == "12 34 82 9a 00 10 00 00 6e 65 74 64 69 61 67 0a");

  // The payload already in place behind the header.
  std::ranges::copy(payload, out.begin() + 8);
  const auto src = address("198.18.0.1");
  const auto dst = address("198.18.1.2");
  const auto in_place = build_udp(out, {.source = Port{58716}, .destination = Port{7}},
                                  std::span(out).subspan(8, payload.size()), &src, &dst);
  REQUIRE(in_place.has_value());
  CHECK(to_hex(*in_place) == "e5 5c 00 07 00 10 da 0c 6e 65 74 64 69 61 67 0a");  // udp_echo_request_v4

  const auto v6 = address("fd00:19::2");
  CHECK(build_udp(out, {}, payload, &src, &v6).error() == BuildError::address_family_mismatch);
  CHECK(build_udp(out, {}, payload, &src, nullptr).has_value());  // one address: no checksum
  CHECK(build_udp(std::span(out).first(15), {}, payload).error() == BuildError::buffer_too_small);
  CHECK(build_udp({}, {}, {}).error() == BuildError::buffer_too_small);
  CHECK(build_udp(std::span(out).first(8), {}, {}).has_value());
  std::vector<std::byte> big(0x10000);
  const std::vector<std::byte> huge(max_udp_datagram - 7);
  CHECK(build_udp(big, {}, huge).error() == BuildError::payload_too_large);
  CHECK(build_udp(big, {}, std::span(huge).first(max_udp_datagram - 8)).has_value());
}

TEST_CASE("udp: a computed checksum of 0 is sent as 0xffff") {
  const auto src = address("198.18.0.1");
  const auto dst = address("198.18.1.2");
  for (const auto& [source, destination] : {std::pair{src, dst},
                                            std::pair{address("fd00:18::1"), address("fd00:19::2")}}) {
    std::array<std::byte, 10> out{};
    const auto first = build_udp(out, {.source = Port{1}, .destination = Port{2}}, from_hex("0000"), &source,
                                 &destination);
    REQUIRE(first.has_value());
    // A payload word equal to that checksum makes the whole sum 0xffff, so the checksum 0.
    const std::array<std::byte, 2> word{(*first)[6], (*first)[7]};
    const auto zero = build_udp(out, {.source = Port{1}, .destination = Port{2}}, word, &source, &destination);
    REQUIRE(zero.has_value());
    CHECK(UdpView::parse(*zero)->checksum() == 0xffff);
    CHECK(UdpView::parse(*zero)->checksum_ok(source, destination));
  }
}

TEST_CASE("udp: pseudo_header_checksum") {
  const CapturedPacket v4(captures::udp_echo_request_v4);
  CHECK(pseudo_header_checksum(v4.source, v4.destination, ip_protocol_udp, v4.upper) == std::uint16_t{0});
  CHECK(pseudo_header_checksum(v4.source, v4.destination, ip_protocol_tcp, v4.upper) != std::uint16_t{0});
  CHECK_FALSE(pseudo_header_checksum(v4.source, address("::1"), ip_protocol_udp, v4.upper).has_value());
  const std::vector<std::byte> too_long(0x10000);
  CHECK_FALSE(pseudo_header_checksum(v4.source, v4.destination, ip_protocol_udp, too_long).has_value());

  const CapturedPacket v6(captures::udp_echo_request_v6);
  const auto sum = pseudo_header_checksum(v6.source, v6.destination, ip_protocol_udp, v6.upper);
  CHECK(sum == std::uint16_t{0});
  const std::span<const std::byte, 16> src(v6.source.bytes().data(), 16);
  const std::span<const std::byte, 16> dst(v6.destination.bytes().data(), 16);
  CHECK(sum == ipv6_upper_layer_checksum(src, dst, ip_protocol_udp, v6.upper));
  CHECK(pseudo_header_checksum(v6.source, v6.destination, ip_protocol_udp, too_long).has_value());
}
