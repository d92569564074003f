// ICMPv6 view, builders and iputils wording, on captured packets (captures.hpp).
#include "netdiag/wire/icmpv6.hpp"

#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "captures.hpp"
#include "netdiag/wire/ipv6.hpp"
#include "support/hex.hpp"

using netdiag::IpAddress;
using netdiag::Mtu;
using netdiag::test::from_hex;
using netdiag::test::to_hex;
namespace captures = netdiag::test::captures;
using namespace netdiag::wire;

namespace {

IpAddress address(std::string_view text) { return IpAddress::parse(text).value(); }

std::span<const std::byte, 16> bytes16(const IpAddress& a) { return std::span<const std::byte, 16>(a.bytes().data(), 16); }

// A captured IPv6 packet, kept alive with views of its outer header and its ICMPv6 message.
struct Captured {
  explicit Captured(std::string_view text) : bytes(from_hex(text)) {
    const auto ip = Ipv6View::parse(bytes);
    REQUIRE(ip.has_value());
    source = ip->source();
    destination = ip->destination();
    const auto upper = ip->upper_layer();
    REQUIRE(upper.has_value());
    REQUIRE(upper->protocol == 58);
    message = upper->data;
  }
  Captured(const Captured&) = delete;  // `message` points into `bytes`
  Captured& operator=(const Captured&) = delete;
  std::vector<std::byte> bytes;
  IpAddress source;
  IpAddress destination;
  std::span<const std::byte> message;
};

std::array<std::byte, 4> rest(std::string_view hex) {
  const auto bytes = from_hex(hex);
  REQUIRE(bytes.size() == 4);
  return {bytes[0], bytes[1], bytes[2], bytes[3]};
}

}  // namespace

TEST_CASE("icmpv6: every accessor on a captured echo request and reply") {
  const Captured request(captures::lo_echo_request_v6);
  const auto view = Icmpv6View::parse(request.message);
  REQUIRE(view.has_value());
  CHECK(view->type() == icmpv6_type::echo_request);
  CHECK(view->code() == 0);
  CHECK(view->checksum() == 0x2d9f);
  CHECK(view->checksum_ok(bytes16(request.source), bytes16(request.destination)));
  CHECK_FALSE(view->checksum_ok(bytes16(request.source), bytes16(address("::2"))));
  CHECK(view->is_echo());
  CHECK_FALSE(view->is_error());
  CHECK(view->identifier() == 0x0d60);
  CHECK(view->sequence() == 1);
  CHECK_FALSE(view->mtu().has_value());
  CHECK(view->pointer() == 0x0d600001U);
  CHECK(view->message().size() == 32);
  CHECK(view->message().data() == request.message.data());
  CHECK(view->body().size() == 24);
  CHECK(view->body().data() == request.message.data() + 8);
  CHECK(view->quoted().size() == 24);
  CHECK(view->extension().empty());
  CHECK(describe_icmpv6(view->type(), view->code()) == "Echo request");

  const Captured reply(captures::lo_echo_reply_v6);
  const auto answer = Icmpv6View::parse(reply.message);
  REQUIRE(answer.has_value());
  CHECK(answer->type() == icmpv6_type::echo_reply);
  CHECK(answer->is_echo());
  CHECK(answer->checksum() == 0x2c9f);
  CHECK(answer->checksum_ok(bytes16(reply.source), bytes16(reply.destination)));
  CHECK(describe_icmpv6(answer->type(), answer->code()) == "Echo reply");
}

TEST_CASE("icmpv6: captured errors") {
  SUBCASE("no route, quoting the whole echo request") {
    const Captured packet(captures::no_route_v6);
    const auto view = Icmpv6View::parse(packet.message);
    REQUIRE(view.has_value());
    CHECK(view->type() == icmpv6_type::destination_unreachable);
    CHECK(view->code() == 0);
    CHECK(view->is_error());
    CHECK(view->checksum() == 0x0ed7);
    CHECK(view->checksum_ok(bytes16(packet.source), bytes16(packet.destination)));
    CHECK(describe_icmpv6(view->type(), view->code()) == "Destination unreachable: No route");
    const auto quoted = Ipv6View::parse(view->quoted());
    REQUIRE(quoted.has_value());
    CHECK(quoted->destination().to_string() == "fd00:99::1");
    const auto probe = Icmpv6View::parse(quoted->upper_layer()->data);
    REQUIRE(probe.has_value());
    CHECK(probe->identifier() == 0x10aa);
    CHECK(probe->checksum_ok(quoted->source_bytes(), quoted->destination_bytes()));
  }
  SUBCASE("packet too big, MTU 1280") {
    const Captured packet(captures::packet_too_big_v6);
    const auto view = Icmpv6View::parse(packet.message);
    REQUIRE(view.has_value());
    CHECK(view->type() == icmpv6_type::packet_too_big);
    REQUIRE(view->mtu().has_value());
    CHECK(view->mtu()->value == 1280);
    CHECK(view->is_error());
    CHECK(view->checksum_ok(bytes16(packet.source), bytes16(packet.destination)));
    CHECK(view->body().size() == 1232);
    CHECK(view->quoted().size() == 1232);  // no RFC 4884 length for packet too big
    CHECK(describe_icmpv6(view->type(), view->code()) == "Packet too big");
  }
  SUBCASE("hop limit exceeded") {
    const Captured packet(captures::hop_limit_v6);
    const auto view = Icmpv6View::parse(packet.message);
    REQUIRE(view.has_value());
    CHECK(view->type() == icmpv6_type::time_exceeded);
    CHECK(view->code() == 0);
    CHECK(view->checksum_ok(bytes16(packet.source), bytes16(packet.destination)));
    CHECK(describe_icmpv6(view->type(), view->code()) == "Time exceeded: Hop limit");
    CHECK(Ipv6View::parse(view->quoted())->hop_limit() == 1);
  }
  SUBCASE("port unreachable, quoting UDP") {
    const Captured packet(captures::port_unreachable_v6);
    const auto view = Icmpv6View::parse(packet.message);
    REQUIRE(view.has_value());
    CHECK(view->code() == 4);
    CHECK(view->checksum_ok(bytes16(packet.source), bytes16(packet.destination)));
    CHECK(describe_icmpv6(view->type(), view->code()) == "Destination unreachable: Port unreachable");
    const auto upper = Ipv6View::parse(view->quoted())->upper_layer();
    REQUIRE(upper.has_value());
    CHECK(upper->protocol == 17);
    CHECK(to_hex(upper->data) == "c2 67 82 9a 00 10 fa 56 6e 65 74 64 69 61 67 0a");
  }
  SUBCASE("administratively prohibited") {
    const Captured packet(captures::admin_prohibited_v6);
    const auto view = Icmpv6View::parse(packet.message);
    REQUIRE(view.has_value());
    CHECK(view->code() == 1);
    CHECK(view->checksum_ok(bytes16(packet.source), bytes16(packet.destination)));
    CHECK(describe_icmpv6(1, 1) == "Destination unreachable: Administratively prohibited");
  }
  SUBCASE("an MLD report is neither echo nor error") {
    const Captured packet(captures::mld_report_v6);
    const auto view = Icmpv6View::parse(packet.message);
    REQUIRE(view.has_value());
    CHECK(view->type() == 143);
    CHECK_FALSE(view->is_echo());
    CHECK_FALSE(view->is_error());
    CHECK(view->checksum_ok(bytes16(packet.source), bytes16(packet.destination)));
    CHECK(describe_icmpv6(143, 0) == "unknown icmp type: 143");
  }
}

TEST_CASE("icmpv6: build_icmpv6_echo reproduces captured messages, checksum included") {
  for (const auto text : {captures::lo_echo_request_v6, captures::lo_echo_reply_v6}) {
    const Captured packet(text);
    const auto view = Icmpv6View::parse(packet.message);
    REQUIRE(view.has_value());
    std::array<std::byte, 64> out{};
    const Icmpv6EchoFields fields{.type = view->type(), .code = 0, .identifier = 0x0d60, .sequence = 1};
    const auto built = build_icmpv6_echo(out, fields, view->body(), &packet.source, &packet.destination);
    REQUIRE(built.has_value());
    CHECK(built->data() == out.data());
    CHECK(to_hex(*built) == to_hex(packet.message));

    // Without addresses (ICMPv6 datagram sockets) the checksum is left 0 for the kernel.
    const auto bare = build_icmpv6_echo(out, fields, view->body());
    REQUIRE(bare.has_value());
    CHECK(Icmpv6View::parse(*bare)->checksum() == 0);
    CHECK(to_hex(bare->subspan(4)) == to_hex(packet.message.subspan(4)));
    const auto half = build_icmpv6_echo(out, fields, view->body(), &packet.source, nullptr);
    CHECK(Icmpv6View::parse(*half)->checksum() == 0);
  }
}

TEST_CASE("icmpv6: build_icmpv6_error reproduces captured errors (parse -> build round trip)") {
  for (const auto text : {captures::no_route_v6, captures::packet_too_big_v6, captures::hop_limit_v6,
                          captures::port_unreachable_v6, captures::admin_prohibited_v6}) {
    const Captured packet(text);
    const auto view = Icmpv6View::parse(packet.message);
    REQUIRE(view.has_value());
    std::vector<std::byte> out(packet.message.size());
    const auto built = build_icmpv6_error(out, view->type(), view->code(), view->message().subspan<4, 4>(),
                                          view->body(), &packet.source, &packet.destination);
    REQUIRE(built.has_value());
    CHECK(to_hex(*built) == to_hex(packet.message));
  }
}

TEST_CASE("icmpv6: pointer, MTU edge cases and RFC 4884 length") {
  std::vector<std::byte> out(256);
  const auto src = address("fd00:18::2");
  const auto dst = address("fd00:18::1");
  const auto problem = build_icmpv6_error(out, icmpv6_type::parameter_problem, 1, rest("0000 0028"),
                                          from_hex("6000 0000"), &src, &dst);
  REQUIRE(problem.has_value());
  const auto view = Icmpv6View::parse(*problem);
  CHECK(view->pointer() == 40);
  CHECK(view->is_error());
  CHECK(view->checksum_ok(bytes16(src), bytes16(dst)));
  CHECK(describe_icmpv6(4, 1) == "Parameter problem: Unknown header");

  const auto zero_mtu = build_icmpv6_error(out, icmpv6_type::packet_too_big, 0, rest("0000 0000"), {});
  CHECK_FALSE(Icmpv6View::parse(*zero_mtu)->mtu().has_value());
  const auto jumbo_mtu = build_icmpv6_error(out, icmpv6_type::packet_too_big, 0, rest("0001 0000"), {});
  CHECK(Icmpv6View::parse(*jumbo_mtu)->mtu() == Mtu{0x10000});

  // Length 16 (64-bit words) = 128 bytes of quoted packet, then an 8-byte extension structure.
  std::vector<std::byte> body(128, std::byte{0x60});
  for (const std::byte b : from_hex("2000 0000 0004 0101")) body.push_back(b);
  const auto extended = build_icmpv6_error(out, icmpv6_type::time_exceeded, 0, rest("1000 0000"), body);
  REQUIRE(extended.has_value());
  CHECK(Icmpv6View::parse(*extended)->quoted().size() == 128);
  CHECK(Icmpv6View::parse(*extended)->extension().size() == 8);
  const auto too_long = build_icmpv6_error(out, icmpv6_type::destination_unreachable, 0, rest("1200 0000"), body);
  CHECK(Icmpv6View::parse(*too_long)->quoted().size() == 136);
  CHECK(Icmpv6View::parse(*too_long)->extension().empty());
  // Packet too big has no length field: its MTU's first byte is not one.
  const auto ptb = build_icmpv6_error(out, icmpv6_type::packet_too_big, 0, rest("1000 0000"), body);
  CHECK(Icmpv6View::parse(*ptb)->extension().empty());
}

TEST_CASE("icmpv6: malformed input and builder errors") {
  const Captured packet(captures::lo_echo_request_v6);
  CHECK(Icmpv6View::parse({}).error() == ParseError::truncated);
  CHECK(Icmpv6View::parse(packet.message.first(7)).error() == ParseError::truncated);
  const auto minimal = Icmpv6View::parse(packet.message.first(8));
  REQUIRE(minimal.has_value());
  CHECK(minimal->body().empty());
  CHECK_FALSE(minimal->checksum_ok(bytes16(packet.source), bytes16(packet.destination)));

  std::array<std::byte, 16> out{};
  const auto data = from_hex("0102 0304 0506 0708");
  const auto v6 = address("::1");
  const auto v4 = address("127.0.0.1");
  CHECK(build_icmpv6_echo(std::span(out).first(15), {}, data).error() == BuildError::buffer_too_small);
  CHECK(build_icmpv6_echo({}, {}, {}).error() == BuildError::buffer_too_small);
  CHECK(build_icmpv6_echo(std::span(out).first(8), {}, {}).has_value());
  CHECK(build_icmpv6_error(std::span(out).first(15), 1, 0, rest("0000 0000"), data).error() ==
        BuildError::buffer_too_small);
  CHECK(build_icmpv6_echo(out, {}, data, &v4, &v6).error() == BuildError::address_family_mismatch);
  CHECK(build_icmpv6_error(out, 1, 0, rest("0000 0000"), data, &v6, &v4).error() ==
        BuildError::address_family_mismatch);
  const std::vector<std::byte> huge(max_icmpv6_message - 7);
  std::vector<std::byte> big_out(0x10000 + 8);
  CHECK(build_icmpv6_echo(big_out, {}, huge).error() == BuildError::payload_too_large);
  CHECK(build_icmpv6_echo(big_out, {}, std::span(huge).first(max_icmpv6_message - 8)).has_value());
}

TEST_CASE("icmpv6: describe_icmpv6 wording (iputils ping)") {
  CHECK(describe_icmpv6(1, 0) == "Destination unreachable: No route");
  CHECK(describe_icmpv6(1, 1) == "Destination unreachable: Administratively prohibited");
  CHECK(describe_icmpv6(1, 2) == "Destination unreachable: Beyond scope of source address");
  CHECK(describe_icmpv6(1, 3) == "Destination unreachable: Address unreachable");
  CHECK(describe_icmpv6(1, 4) == "Destination unreachable: Port unreachable");
  CHECK(describe_icmpv6(1, 5) == "Destination unreachable: Source address failed ingress/egress policy");
  CHECK(describe_icmpv6(1, 6) == "Destination unreachable: Reject route to destination");
  CHECK(describe_icmpv6(1, 7) == "Destination unreachable: Unknown code 7");
  CHECK(describe_icmpv6(2, 0) == "Packet too big");
  CHECK(describe_icmpv6(3, 0) == "Time exceeded: Hop limit");
  CHECK(describe_icmpv6(3, 1) == "Time exceeded: Defragmentation failure");
  CHECK(describe_icmpv6(3, 2) == "Time exceeded: code 2");
  CHECK(describe_icmpv6(4, 0) == "Parameter problem: Wrong header field");
  CHECK(describe_icmpv6(4, 2) == "Parameter problem: Unknown option");
  CHECK(describe_icmpv6(4, 9) == "Parameter problem: code 9");
  CHECK(describe_icmpv6(128, 0) == "Echo request");
  CHECK(describe_icmpv6(129, 0) == "Echo reply");
  CHECK(describe_icmpv6(130, 0) == "MLD Query");
  CHECK(describe_icmpv6(131, 0) == "MLD Report");
  CHECK(describe_icmpv6(132, 0) == "MLD Reduction");
  CHECK(describe_icmpv6(0, 0) == "unknown icmp type: 0");
  CHECK(describe_icmpv6(255, 0) == "unknown icmp type: 255");
}
