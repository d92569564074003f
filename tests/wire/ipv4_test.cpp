// IPv4 view and builder, on packets captured on loopback and in lab namespaces (captures.hpp).
#include "netdiag/wire/ipv4.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "captures.hpp"
#include "support/hex.hpp"

using netdiag::IpAddress;
using netdiag::test::from_hex;
using netdiag::test::to_hex;
namespace captures = netdiag::test::captures;
using namespace netdiag::wire;

namespace {

IpAddress address(std::string_view text) { return IpAddress::parse(text).value(); }

Ipv4Fields fields_of(const Ipv4View& view) {
  return Ipv4Fields{.tos = view.tos(),
                    .identification = view.identification(),
                    .dont_fragment = view.dont_fragment(),
                    .ttl = view.ttl(),
                    .protocol = view.protocol(),
                    .source = view.source(),
                    .destination = view.destination()};
}

}  // namespace

TEST_CASE("ipv4: every accessor on a captured loopback echo request") {
  const auto packet = from_hex(captures::lo_echo_request_v4);
  const auto view = Ipv4View::parse(packet);
  REQUIRE(view.has_value());
  CHECK(view->header_length() == 20);
  CHECK(view->tos() == 0);
  CHECK(view->total_length() == 52);
  CHECK(view->identification() == 0x360f);
  CHECK(view->dont_fragment());
  CHECK_FALSE(view->more_fragments());
  CHECK(view->fragment_offset() == 0);
  CHECK(view->ttl() == 64);
  CHECK(view->protocol() == 1);
  CHECK(view->header_checksum() == 0x06b8);
  CHECK(view->header_checksum_ok());
  CHECK(view->source().to_string() == "127.0.0.1");
  CHECK(view->destination().to_string() == "127.0.0.1");
  CHECK(view->options().empty());
  CHECK(view->header().size() == 20);
  CHECK(view->header().data() == packet.data());
  CHECK(view->payload().size() == 32);
  CHECK(view->payload().data() == packet.data() + 20);
  CHECK(to_hex(view->payload().first(4)) == "08 00 c2 42");
}

TEST_CASE("ipv4: the reply has DF clear and its own checksum") {
  const auto packet = from_hex(captures::lo_echo_reply_v4);
  const auto view = Ipv4View::parse(packet);
  REQUIRE(view.has_value());
  CHECK_FALSE(view->dont_fragment());
  CHECK(view->identification() == 0x3610);
  CHECK(view->header_checksum() == 0x46b7);
  CHECK(view->header_checksum_ok());
}

TEST_CASE("ipv4: a router's ICMP error, tos 0xc0") {
  const auto packet = from_hex(captures::net_unreachable_v4);
  const auto view = Ipv4View::parse(packet);
  REQUIRE(view.has_value());
  CHECK(view->tos() == 0xc0);
  CHECK(view->total_length() == 72);
  CHECK(view->source().to_string() == "198.18.0.2");
  CHECK(view->destination().to_string() == "198.18.0.1");
  CHECK(view->payload().size() == 52);
  CHECK(view->header_checksum_ok());
}

TEST_CASE("ipv4: options (ping -R record route)") {
  for (const auto text : {captures::record_route_request_v4, captures::record_route_reply_v4}) {
    const auto packet = from_hex(text);
    const auto view = Ipv4View::parse(packet);
    REQUIRE(view.has_value());
    CHECK(view->header_length() == 60);
    CHECK(view->header().size() == 60);
    CHECK(view->header_checksum_ok());
    REQUIRE(view->options().size() == 40);
    CHECK(view->options().data() == packet.data() + 20);
    CHECK(view->payload().size() == 16);
    CHECK(view->payload()[0] == (text == captures::record_route_request_v4 ? std::byte{8} : std::byte{0}));
  }
  const auto reply = from_hex(captures::record_route_reply_v4);
  const auto view = Ipv4View::parse(reply);
  REQUIRE(view.has_value());
  // RR option: type 7, length 39, pointer 16 (three addresses recorded).
  CHECK(to_hex(view->options().first(3)) == "07 27 10");
}

TEST_CASE("ipv4: fragments") {
  SUBCASE("last fragment: MF clear, offset 69 units") {
    const auto packet = from_hex(captures::fragment_last_v4);
    const auto view = Ipv4View::parse(packet);
    REQUIRE(view.has_value());
    CHECK_FALSE(view->more_fragments());
    CHECK_FALSE(view->dont_fragment());
    CHECK(view->fragment_offset() == 69);
    CHECK(view->identification() == 0x8094);
    CHECK(view->payload().size() == 16);
    CHECK(view->header_checksum_ok());
  }
  SUBCASE("first fragment, only 64 of its 572 bytes: parse says truncated, parse_quoted accepts") {
    const auto packet = from_hex(captures::fragment_first_v4);
    REQUIRE(packet.size() == 64);
    CHECK(Ipv4View::parse(packet).error() == ParseError::truncated);
    const auto view = Ipv4View::parse_quoted(packet);
    REQUIRE(view.has_value());
    CHECK(view->more_fragments());
    CHECK(view->fragment_offset() == 0);
    CHECK(view->total_length() == 572);
    CHECK(view->payload().size() == 44);
    CHECK(view->header_checksum_ok());
  }
}

TEST_CASE("ipv4: parse_quoted on the datagram a router quoted in frag-needed") {
  const auto packet = from_hex(captures::frag_needed_v4);
  const auto outer = Ipv4View::parse(packet);
  REQUIRE(outer.has_value());
  const auto quoted_bytes = outer->payload().subspan(8);
  CHECK(Ipv4View::parse(quoted_bytes).error() == ParseError::truncated);
  const auto quoted = Ipv4View::parse_quoted(quoted_bytes);
  REQUIRE(quoted.has_value());
  CHECK(quoted->total_length() == 1328);
  CHECK(quoted->dont_fragment());
  CHECK(quoted->identification() == 0);
  CHECK(quoted->source().to_string() == "198.18.0.1");
  CHECK(quoted->destination().to_string() == "198.18.1.2");
  CHECK(quoted->payload().size() == 548 - 20);
  CHECK(quoted->header_checksum_ok());
}

TEST_CASE("ipv4: bytes beyond total length (link padding) are ignored") {
  auto packet = from_hex(captures::fragment_last_v4);
  packet.resize(packet.size() + 10, std::byte{0xee});
  for (const auto& view : {Ipv4View::parse(packet), Ipv4View::parse_quoted(packet)}) {
    REQUIRE(view.has_value());
    CHECK(view->payload().size() == 16);
    CHECK(view->total_length() == 36);
  }
}

TEST_CASE("ipv4: malformed input is an error value") {
  const auto good = from_hex(captures::lo_echo_request_v4);
  CHECK(Ipv4View::parse({}).error() == ParseError::truncated);
  CHECK(Ipv4View::parse_quoted({}).error() == ParseError::truncated);
  CHECK(Ipv4View::parse(std::span(good).first(19)).error() == ParseError::truncated);

  auto bad = good;
  bad[0] = std::byte{0x65};
  CHECK(Ipv4View::parse(bad).error() == ParseError::bad_version);
  CHECK(Ipv4View::parse_quoted(std::span(bad).first(1)).error() == ParseError::bad_version);

  bad = good;
  bad[0] = std::byte{0x44};
  CHECK(Ipv4View::parse(bad).error() == ParseError::bad_header_length);
  CHECK(Ipv4View::parse_quoted(bad).error() == ParseError::bad_header_length);

  bad = good;
  bad[0] = std::byte{0x4f};  // a 60-byte header does not fit 52 bytes
  CHECK(Ipv4View::parse(bad).error() == ParseError::truncated);
  CHECK(Ipv4View::parse_quoted(bad).error() == ParseError::truncated);

  bad = good;
  bad[2] = std::byte{0};
  bad[3] = std::byte{19};  // total length below the header length
  CHECK(Ipv4View::parse(bad).error() == ParseError::bad_total_length);
  CHECK(Ipv4View::parse_quoted(bad).error() == ParseError::bad_total_length);

  bad = good;
  bad[3] = std::byte{53};  // one more than there is
  CHECK(Ipv4View::parse(bad).error() == ParseError::truncated);
  REQUIRE(Ipv4View::parse_quoted(bad).has_value());
  CHECK(Ipv4View::parse_quoted(bad)->payload().size() == 32);

  bad = good;
  bad[8] = std::byte{63};  // TTL changed, checksum not updated
  REQUIRE(Ipv4View::parse(bad).has_value());
  CHECK_FALSE(Ipv4View::parse(bad)->header_checksum_ok());
}

TEST_CASE("ipv4: build reproduces the captured echo request byte for byte") {
  const auto captured = from_hex(captures::lo_echo_request_v4);
  const auto payload = std::span(captured).subspan(20);
  std::array<std::byte, 128> out{};
  const Ipv4Fields fields{.tos = 0,
                          .identification = 0x360f,
                          .dont_fragment = true,
                          .ttl = 64,
                          .protocol = 1,
                          .source = address("127.0.0.1"),
                          .destination = address("127.0.0.1")};
  const auto built = build_ipv4(out, fields, payload);
  REQUIRE(built.has_value());
  CHECK(built->data() == out.data());
  CHECK(to_hex(*built) == to_hex(captured));
}

TEST_CASE("ipv4: parse -> build round trips on captured datagrams without options") {
  for (const auto text : {captures::lo_echo_request_v4, captures::lo_echo_reply_v4, captures::net_unreachable_v4,
                          captures::frag_needed_v4, captures::ttl_exceeded_v4, captures::port_unreachable_v4,
                          captures::admin_prohibited_v4}) {
    const auto captured = from_hex(text);
    const auto view = Ipv4View::parse(captured);
    REQUIRE(view.has_value());
    std::vector<std::byte> out(captured.size());
    const auto built = build_ipv4(out, fields_of(*view), view->payload());
    REQUIRE(built.has_value());
    CHECK(to_hex(*built) == to_hex(captured));
  }
}

TEST_CASE("ipv4: build with the payload already in place, and a hand-made golden") {
  std::array<std::byte, 24> out{};
  out[20] = std::byte{0xde};
  out[21] = std::byte{0xad};
  out[22] = std::byte{0xbe};
  out[23] = std::byte{0xef};
  const Ipv4Fields fields{.tos = 0x10,
                          .identification = 0x1234,
                          .dont_fragment = false,
                          .ttl = 1,
                          .protocol = 17,
                          .source = address("198.18.0.1"),
                          .destination = address("198.18.5.2")};
  const auto built = build_ipv4(out, fields, std::span(out).subspan(20));
  REQUIRE(built.has_value());
  // Checksum by hand: 4510+0018+1234+0000+0111+0000+c612+0001+c612+0502 = 1e994 -> e995 -> 166a.
  CHECK(to_hex(*built) ==
        to_hex(from_hex("4510 0018 1234 0000 0111 166a c612 0001 c612 0502 dead beef")));
  const auto view = Ipv4View::parse(*built);
  REQUIRE(view.has_value());
  CHECK(view->header_checksum_ok());
  CHECK(view->ttl() == 1);
  CHECK(view->protocol() == 17);
}

TEST_CASE("ipv4: builder errors") {
  const auto payload = from_hex("01 02 03 04");
  Ipv4Fields fields{.source = address("198.18.0.1"), .destination = address("198.18.0.2")};
  std::array<std::byte, 24> out{};
  CHECK(build_ipv4(std::span(out).first(23), fields, payload).error() == BuildError::buffer_too_small);
  CHECK(build_ipv4({}, fields, {}).error() == BuildError::buffer_too_small);
  CHECK(build_ipv4(std::span(out).first(20), fields, {}).has_value());
  CHECK(build_ipv4(out, fields, payload).has_value());

  const std::vector<std::byte> huge(0xffff - 19);
  std::vector<std::byte> big_out(0x10000 + 20);
  CHECK(build_ipv4(big_out, fields, huge).error() == BuildError::payload_too_large);
  CHECK(build_ipv4(big_out, fields, std::span(huge).first(0xffff - 20)).has_value());

  fields.destination = address("fd00::1");
  CHECK(build_ipv4(out, fields, payload).error() == BuildError::address_family_mismatch);
  CHECK(to_string(BuildError::buffer_too_small) == "buffer too small");
  CHECK(to_string(ParseError::bad_total_length) == "bad total length");
}
