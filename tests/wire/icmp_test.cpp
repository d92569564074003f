// ICMPv4 view, builders and iputils wording, on captured packets (captures.hpp).
#include "netdiag/wire/icmp.hpp"

#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "captures.hpp"
#include "netdiag/wire/ipv4.hpp"
#include "support/hex.hpp"

using netdiag::Mtu;
using netdiag::test::from_hex;
using netdiag::test::to_hex;
namespace captures = netdiag::test::captures;
using namespace netdiag::wire;

namespace {

// The ICMP message inside a captured IPv4 packet.
std::vector<std::byte> icmp_of(std::string_view capture) {
  const auto packet = from_hex(capture);
  const auto ip = Ipv4View::parse(packet);
  REQUIRE(ip.has_value());
  REQUIRE(ip->protocol() == 1);
  return {ip->payload().begin(), ip->payload().end()};
}

std::array<std::byte, 4> rest(std::string_view hex) {
  const auto bytes = from_hex(hex);
  REQUIRE(bytes.size() == 4);
  return {bytes[0], bytes[1], bytes[2], bytes[3]};
}

}  // namespace

TEST_CASE("icmp: every accessor on a captured echo request and reply") {
  const auto request = icmp_of(captures::lo_echo_request_v4);
  const auto view = IcmpView::parse(request);
  REQUIRE(view.has_value());
  CHECK(view->type() == icmp_type::echo_request);
  CHECK(view->code() == 0);
  CHECK(view->checksum() == 0xc242);
  CHECK(view->checksum_ok());
  CHECK(view->is_echo());
  CHECK_FALSE(view->is_error());
  CHECK(view->identifier() == 0x0d46);
  CHECK(view->sequence() == 1);
  CHECK_FALSE(view->next_hop_mtu().has_value());
  CHECK(view->gateway() == netdiag::IpAddress::v4({std::byte{0x0d}, std::byte{0x46}, std::byte{0}, std::byte{1}}));  // bytes 4-7
  CHECK(view->message().size() == 32);
  CHECK(view->message().data() == request.data());
  CHECK(view->body().size() == 24);
  CHECK(view->body().data() == request.data() + 8);
  CHECK(view->quoted().size() == 24);  // no RFC 4884 length outside errors
  CHECK(view->extension().empty());
  CHECK(describe_icmp(view->type(), view->code()) == "Echo Request");

  const auto reply = icmp_of(captures::lo_echo_reply_v4);
  const auto answer = IcmpView::parse(reply);
  REQUIRE(answer.has_value());
  CHECK(answer->type() == icmp_type::echo_reply);
  CHECK(answer->is_echo());
  CHECK(answer->checksum() == 0xca42);
  CHECK(answer->checksum_ok());
  CHECK(answer->identifier() == 0x0d46);
  CHECK(answer->sequence() == 1);
  CHECK(describe_icmp(answer->type(), answer->code()) == "Echo Reply");
}

TEST_CASE("icmp: captured net unreachable, quoting the whole echo request") {
  const auto message = icmp_of(captures::net_unreachable_v4);
  const auto view = IcmpView::parse(message);
  REQUIRE(view.has_value());
  CHECK(view->type() == icmp_type::destination_unreachable);
  CHECK(view->code() == 0);
  CHECK(view->checksum() == 0xfcff);
  CHECK(view->checksum_ok());
  CHECK(view->is_error());
  CHECK_FALSE(view->is_echo());
  CHECK_FALSE(view->next_hop_mtu().has_value());
  CHECK(view->body().size() == 44);
  CHECK(view->quoted().size() == 44);
  CHECK(view->extension().empty());
  CHECK(describe_icmp(view->type(), view->code()) == "Destination Net Unreachable");

  const auto quoted = Ipv4View::parse_quoted(view->quoted());
  REQUIRE(quoted.has_value());
  CHECK(quoted->destination().to_string() == "198.18.99.1");
  const auto probe = IcmpView::parse(quoted->payload());
  REQUIRE(probe.has_value());
  CHECK(probe->type() == icmp_type::echo_request);
  CHECK(probe->identifier() == 0x0f18);
  CHECK(probe->sequence() == 1);
  CHECK(probe->checksum_ok());
}

TEST_CASE("icmp: captured frag needed carries the next-hop MTU") {
  const auto message = icmp_of(captures::frag_needed_v4);
  const auto view = IcmpView::parse(message);
  REQUIRE(view.has_value());
  CHECK(view->type() == 3);
  CHECK(view->code() == 4);
  CHECK(view->checksum_ok());
  REQUIRE(view->next_hop_mtu().has_value());
  CHECK(view->next_hop_mtu()->value == 1280);
  CHECK(view->body().size() == 548);
  CHECK(describe_icmp(3, 4) == "Frag needed and DF set");
  const auto quoted = Ipv4View::parse_quoted(view->quoted());
  REQUIRE(quoted.has_value());
  CHECK(quoted->total_length() == 1328);
  CHECK(IcmpView::parse(quoted->payload())->identifier() == 0x0f1e);
}

TEST_CASE("icmp: captured time exceeded, port unreachable and admin prohibited") {
  const auto ttl = icmp_of(captures::ttl_exceeded_v4);
  const auto exceeded = IcmpView::parse(ttl);
  REQUIRE(exceeded.has_value());
  CHECK(exceeded->type() == icmp_type::time_exceeded);
  CHECK(exceeded->code() == 0);
  CHECK(exceeded->checksum_ok());
  CHECK(exceeded->is_error());
  CHECK(describe_icmp(exceeded->type(), exceeded->code()) == "Time to live exceeded");
  CHECK(Ipv4View::parse_quoted(exceeded->quoted())->ttl() == 1);

  const auto port = icmp_of(captures::port_unreachable_v4);
  const auto unreachable = IcmpView::parse(port);
  REQUIRE(unreachable.has_value());
  CHECK(unreachable->code() == 3);
  CHECK(unreachable->checksum_ok());
  CHECK(describe_icmp(3, 3) == "Destination Port Unreachable");
  const auto udp = Ipv4View::parse_quoted(unreachable->quoted());
  REQUIRE(udp.has_value());
  CHECK(udp->protocol() == 17);
  CHECK(udp->ttl() == 63);
  CHECK(to_hex(udp->payload()) == "82 44 82 9a 00 10 8d 49 6e 65 74 64 69 61 67 0a");

  const auto prohibited = icmp_of(captures::admin_prohibited_v4);
  const auto filtered = IcmpView::parse(prohibited);
  REQUIRE(filtered.has_value());
  CHECK(filtered->code() == 13);
  CHECK(filtered->checksum_ok());
  CHECK(describe_icmp(filtered->type(), filtered->code()) == "Packet filtered");
}

TEST_CASE("icmp: build_icmp_echo reproduces the captured request and reply") {
  for (const auto& [text, type] : {std::pair{captures::lo_echo_request_v4, icmp_type::echo_request},
                                   std::pair{captures::lo_echo_reply_v4, icmp_type::echo_reply}}) {
    const auto captured = icmp_of(text);
    std::array<std::byte, 64> out{};
    const auto built = build_icmp_echo(out, {.type = type, .code = 0, .identifier = 0x0d46, .sequence = 1},
                                       std::span(captured).subspan(8));
    REQUIRE(built.has_value());
    CHECK(built->data() == out.data());
    CHECK(to_hex(*built) == to_hex(captured));
  }
}

TEST_CASE("icmp: build_icmp_error reproduces captured errors (parse -> build round trip)") {
  for (const auto text : {captures::net_unreachable_v4, captures::frag_needed_v4, captures::ttl_exceeded_v4,
                          captures::port_unreachable_v4, captures::admin_prohibited_v4}) {
    const auto captured = icmp_of(text);
    const auto view = IcmpView::parse(captured);
    REQUIRE(view.has_value());
    std::vector<std::byte> out(captured.size());
    const auto built = build_icmp_error(out, view->type(), view->code(), view->message().subspan<4, 4>(),
                                        view->body());
    REQUIRE(built.has_value());
    CHECK(to_hex(*built) == to_hex(captured));
  }
}

TEST_CASE("icmp: hand-made golden echo with odd-length data") {
  std::array<std::byte, 16> out{};
  const auto built = build_icmp_echo(out, {.identifier = 0x1234, .sequence = 0xfffe}, from_hex("ab"));
  REQUIRE(built.has_value());
  // 0800 + 1234 + fffe + ab00 = 1c532 -> c533 -> 3acc
  CHECK(to_hex(*built) == "08 00 3a cc 12 34 ff fe ab");
  CHECK(IcmpView::parse(*built)->checksum_ok());
  CHECK(IcmpView::parse(*built)->sequence() == 0xfffe);
}

TEST_CASE("icmp: redirect gateway, MTU edge cases, parameter problem") {
  std::array<std::byte, 64> out{};
  const auto quoted = from_hex(captures::fragment_last_v4);

  const auto redirect = build_icmp_error(out, icmp_type::redirect, 1, rest("c612 00fe"), quoted);
  REQUIRE(redirect.has_value());
  const auto view = IcmpView::parse(*redirect);
  REQUIRE(view.has_value());
  CHECK(view->gateway().to_string() == "198.18.0.254");
  CHECK(view->is_error());
  CHECK(view->checksum_ok());
  CHECK(view->quoted().size() == quoted.size());  // no RFC 4884 length for redirects
  CHECK(describe_icmp(5, 1) == "Redirect Host");

  const auto old_router = build_icmp_error(out, 3, 4, rest("0000 0000"), quoted);
  CHECK_FALSE(IcmpView::parse(*old_router)->next_hop_mtu().has_value());
  const auto not_frag = build_icmp_error(out, 3, 3, rest("0000 0500"), quoted);
  CHECK_FALSE(IcmpView::parse(*not_frag)->next_hop_mtu().has_value());
  const auto big = build_icmp_error(out, 3, 4, rest("0000 ffff"), quoted);
  CHECK(IcmpView::parse(*big)->next_hop_mtu() == Mtu{0xffff});

  const auto problem = build_icmp_error(out, icmp_type::parameter_problem, 0, rest("0c00 0000"), quoted);
  CHECK(IcmpView::parse(*problem)->is_error());
  CHECK(describe_icmp(12, 0) == "Parameter problem");

  const auto quench = build_icmp_error(out, icmp_type::source_quench, 0, rest("0000 0000"), quoted);
  CHECK(IcmpView::parse(*quench)->is_error());
  for (const int type : {0, 8, 9, 13, 14, 42}) {
    const auto other = build_icmp_error(out, static_cast<std::uint8_t>(type), 0, rest("0000 0000"), {});
    CHECK_FALSE(IcmpView::parse(*other)->is_error());
  }
}

TEST_CASE("icmp: RFC 4884 length splits the quoted datagram from the extension") {
  // 128 bytes of original datagram (length 32 words), then an extension structure: version 2
  // header with its checksum, and one object (class 1 = MPLS label stack, 8 bytes).
  std::vector<std::byte> body(128, std::byte{0x45});
  for (const std::byte b : from_hex("2000 0000 0008 0101 0001 41ff")) body.push_back(b);
  std::vector<std::byte> out(8 + body.size());
  const auto built = build_icmp_error(out, icmp_type::time_exceeded, 0, rest("0020 0000"), body);
  REQUIRE(built.has_value());
  const auto view = IcmpView::parse(*built);
  REQUIRE(view.has_value());
  CHECK(view->body().size() == 140);
  CHECK(view->quoted().size() == 128);
  CHECK(view->extension().size() == 12);
  CHECK(view->extension()[0] == std::byte{0x20});

  // A length beyond the body is ignored: all of it is the quoted datagram.
  const auto too_long = build_icmp_error(out, icmp_type::destination_unreachable, 1, rest("0024 0000"), body);
  CHECK(IcmpView::parse(*too_long)->quoted().size() == 140);
  CHECK(IcmpView::parse(*too_long)->extension().empty());
  // Parameter problem keeps its pointer in byte 4 and its length in byte 5.
  const auto problem = build_icmp_error(out, icmp_type::parameter_problem, 0, rest("1420 0000"), body);
  CHECK(IcmpView::parse(*problem)->extension().size() == 12);
}

TEST_CASE("icmp: malformed input and builder errors") {
  const auto message = icmp_of(captures::lo_echo_request_v4);
  CHECK(IcmpView::parse({}).error() == ParseError::truncated);
  CHECK(IcmpView::parse(std::span(message).first(7)).error() == ParseError::truncated);
  const auto minimal = IcmpView::parse(std::span(message).first(8));
  REQUIRE(minimal.has_value());
  CHECK(minimal->body().empty());
  CHECK(minimal->quoted().empty());
  CHECK_FALSE(minimal->checksum_ok());

  auto corrupted = message;
  corrupted[10] ^= std::byte{0x01};
  CHECK_FALSE(IcmpView::parse(corrupted)->checksum_ok());

  std::array<std::byte, 16> out{};
  const auto data = from_hex("0102 0304 0506 0708");
  CHECK(build_icmp_echo(std::span(out).first(15), {}, data).error() == BuildError::buffer_too_small);
  CHECK(build_icmp_echo({}, {}, {}).error() == BuildError::buffer_too_small);
  CHECK(build_icmp_echo(std::span(out).first(8), {}, {}).has_value());
  CHECK(build_icmp_error(std::span(out).first(15), 3, 1, rest("0000 0000"), data).error() ==
        BuildError::buffer_too_small);
  const std::vector<std::byte> huge(max_icmp_message - 7);
  std::vector<std::byte> big_out(0x10000);
  CHECK(build_icmp_echo(big_out, {}, huge).error() == BuildError::payload_too_large);
  CHECK(build_icmp_echo(big_out, {}, std::span(huge).first(max_icmp_message - 8)).has_value());
}

TEST_CASE("icmp: build with the data already in place") {
  std::array<std::byte, 12> out{};
  out[8] = std::byte{0xab};
  out[9] = std::byte{0xcd};
  const auto built = build_icmp_echo(out, {.identifier = 1, .sequence = 2}, std::span(out).subspan(8, 2));
  REQUIRE(built.has_value());
  // 0800 + 0001 + 0002 + abcd = b3d0 -> 4c2f
  CHECK(to_hex(*built) == "08 00 4c 2f 00 01 00 02 ab cd");
  CHECK(IcmpView::parse(*built)->checksum_ok());
  CHECK(to_hex(IcmpView::parse(*built)->body()) == "ab cd");
}

TEST_CASE("icmp: describe_icmp wording (iputils ping)") {
  CHECK(describe_icmp(3, 0) == "Destination Net Unreachable");
  CHECK(describe_icmp(3, 1) == "Destination Host Unreachable");
  CHECK(describe_icmp(3, 2) == "Destination Protocol Unreachable");
  CHECK(describe_icmp(3, 3) == "Destination Port Unreachable");
  CHECK(describe_icmp(3, 4) == "Frag needed and DF set");
  CHECK(describe_icmp(3, 5) == "Source Route Failed");
  CHECK(describe_icmp(3, 9) == "Destination Net Prohibited");
  CHECK(describe_icmp(3, 10) == "Destination Host Prohibited");
  CHECK(describe_icmp(3, 13) == "Packet filtered");
  CHECK(describe_icmp(3, 14) == "Precedence Violation");
  CHECK(describe_icmp(3, 15) == "Precedence Cutoff");
  CHECK(describe_icmp(3, 16) == "Dest Unreachable, Bad Code: 16");
  CHECK(describe_icmp(3, 255) == "Dest Unreachable, Bad Code: 255");
  CHECK(describe_icmp(4, 0) == "Source Quench");
  CHECK(describe_icmp(5, 0) == "Redirect Network");
  CHECK(describe_icmp(5, 2) == "Redirect Type of Service and Network");
  CHECK(describe_icmp(5, 3) == "Redirect Type of Service and Host");
  CHECK(describe_icmp(5, 4) == "Redirect, Bad Code: 4");
  CHECK(describe_icmp(8, 0) == "Echo Request");
  CHECK(describe_icmp(11, 0) == "Time to live exceeded");
  CHECK(describe_icmp(11, 1) == "Frag reassembly time exceeded");
  CHECK(describe_icmp(11, 2) == "Time exceeded, Bad Code: 2");
  CHECK(describe_icmp(12, 1) == "Parameter problem");
  CHECK(describe_icmp(13, 0) == "Timestamp");
  CHECK(describe_icmp(14, 0) == "Timestamp Reply");
  CHECK(describe_icmp(17, 0) == "Address Mask Request");
  CHECK(describe_icmp(18, 0) == "Address Mask Reply");
  CHECK(describe_icmp(42, 0) == "Bad ICMP type: 42");
  CHECK(describe_icmp(0, 7) == "Echo Reply");
  CHECK(describe_icmp(255, 255) == "Bad ICMP type: 255");
  // Static storage: the same text every time.
  CHECK(describe_icmp(42, 0).data() == describe_icmp(42, 1).data());
}
