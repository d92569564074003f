// IPv6 view, extension-header walk and builder, on captured packets (captures.hpp).
#include "netdiag/wire/ipv6.hpp"

#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "captures.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "support/hex.hpp"

using netdiag::IpAddress;
using netdiag::test::from_hex;
using netdiag::test::to_hex;
namespace captures = netdiag::test::captures;
using namespace netdiag::wire;

namespace {

IpAddress address(std::string_view text) { return IpAddress::parse(text).value(); }

// A packet from ::1 to ::1 whose payload is `payload`, first header `next_header`.
std::vector<std::byte> packet_with(std::uint8_t next_header, const std::vector<std::byte>& payload) {
  std::vector<std::byte> out(40 + payload.size());
  const Ipv6Fields fields{.next_header = next_header, .source = address("::1"), .destination = address("::1")};
  REQUIRE(build_ipv6(out, fields, payload).has_value());
  return out;
}

// `count` Destination Options headers (8 bytes each: next header, length 0, PadN of 4), then
// `last` as the upper layer with 4 bytes of data.
std::vector<std::byte> options_chain(int count, std::uint8_t last) {
  std::vector<std::byte> payload;
  for (int i = 0; i < count; ++i) {
    const auto next = i + 1 == count ? last : ipv6_next_header::destination_options;
    for (const std::byte b : {std::byte{next}, std::byte{0}, std::byte{1}, std::byte{4}, std::byte{0},
                              std::byte{0}, std::byte{0}, std::byte{0}}) {
      payload.push_back(b);
    }
  }
  for (int i = 0; i < 4; ++i) payload.push_back(std::byte{0xaa});
  return payload;
}

}  // namespace

TEST_CASE("ipv6: every accessor on a captured loopback echo request") {
  const auto packet = from_hex(captures::lo_echo_request_v6);
  const auto view = Ipv6View::parse(packet);
  REQUIRE(view.has_value());
  CHECK(view->traffic_class() == 0);
  CHECK(view->flow_label() == 0xad778U);
  CHECK(view->payload_length() == 32);
  CHECK(view->next_header() == 58);
  CHECK(view->hop_limit() == 64);
  CHECK(view->source().to_string() == "::1");
  CHECK(view->destination().to_string() == "::1");
  CHECK(view->source_bytes().data() == packet.data() + 8);
  CHECK(view->destination_bytes().data() == packet.data() + 24);
  CHECK(view->header().size() == 40);
  CHECK(view->header().data() == packet.data());
  CHECK(view->payload().size() == 32);
  CHECK(view->payload().data() == packet.data() + 40);
  const auto upper = view->upper_layer();
  REQUIRE(upper.has_value());
  CHECK(upper->protocol == 58);
  CHECK(upper->data.data() == packet.data() + 40);
  CHECK(upper->data.size() == 32);
}

TEST_CASE("ipv6: captured router errors") {
  const auto packet = from_hex(captures::no_route_v6);
  const auto view = Ipv6View::parse(packet);
  REQUIRE(view.has_value());
  CHECK(view->flow_label() == 0xef935U);
  CHECK(view->payload_length() == 72);
  CHECK(view->source().to_string() == "fd00:18::2");
  CHECK(view->destination().to_string() == "fd00:18::1");

  const auto port = from_hex(captures::port_unreachable_v6);
  const auto far = Ipv6View::parse(port);
  REQUIRE(far.has_value());
  CHECK(far->hop_limit() == 63);
  CHECK(far->source().to_string() == "fd00:19::2");
}

TEST_CASE("ipv6: traffic class straddles the first two bytes") {
  const auto packet = from_hex(
      "6ab1 2345 0000 3b40 0000 0000 0000 0000 0000 0000 0000 0001"
      "0000 0000 0000 0000 0000 0000 0000 0001");
  const auto view = Ipv6View::parse(packet);
  REQUIRE(view.has_value());
  CHECK(view->traffic_class() == 0xab);
  CHECK(view->flow_label() == 0x12345U);
  CHECK(view->payload().empty());
  const auto upper = view->upper_layer();
  REQUIRE(upper.has_value());
  CHECK(upper->protocol == 59);
  CHECK(upper->data.empty());
}

TEST_CASE("ipv6: the captured MLD report walks a Hop-by-Hop header") {
  const auto packet = from_hex(captures::mld_report_v6);
  const auto view = Ipv6View::parse(packet);
  REQUIRE(view.has_value());
  CHECK(view->next_header() == 0);
  CHECK(view->hop_limit() == 1);
  CHECK(view->source().to_string() == "::");
  CHECK(view->destination().to_string() == "ff02::16");
  const auto upper = view->upper_layer();
  REQUIRE(upper.has_value());
  CHECK(upper->protocol == 58);
  CHECK(upper->data.size() == 48);
  CHECK(upper->data.data() == packet.data() + 48);
  CHECK(upper->data[0] == std::byte{143});
}

TEST_CASE("ipv6: fragments") {
  SUBCASE("the captured last fragment stops the walk at its Fragment header") {
    const auto packet = from_hex(captures::fragment_last_v6);
    const auto view = Ipv6View::parse(packet);
    REQUIRE(view.has_value());
    CHECK(view->next_header() == 44);
    const auto upper = view->upper_layer();
    REQUIRE(upper.has_value());
    CHECK(upper->protocol == 44);
    CHECK(upper->data.data() == packet.data() + 40);
    CHECK(upper->data.size() == 84);
  }
  SUBCASE("a first fragment (offset 0, M set) is walked through") {
    auto payload = from_hex("3a00 0001 52f5 d531 8000 0000 10ef 0001");
    const auto packet = packet_with(44, payload);
    const auto upper = Ipv6View::parse(packet)->upper_layer();
    REQUIRE(upper.has_value());
    CHECK(upper->protocol == 58);
    CHECK(upper->data.size() == 8);
  }
}

TEST_CASE("ipv6: extension header chains") {
  SUBCASE("routing header with Hdr Ext Len 2 (24 bytes), then UDP") {
    auto payload = from_hex("1102 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 1234 5678");
    const auto packet = packet_with(43, payload);
    const auto upper = Ipv6View::parse(packet)->upper_layer();
    REQUIRE(upper.has_value());
    CHECK(upper->protocol == 17);
    CHECK(to_hex(upper->data) == "12 34 56 78");
  }
  SUBCASE("eight headers are walked, a ninth is too many") {
    const auto eight = packet_with(60, options_chain(8, 58));
    const auto upper = Ipv6View::parse(eight)->upper_layer();
    REQUIRE(upper.has_value());
    CHECK(upper->protocol == 58);
    CHECK(upper->data.size() == 4);
    const auto eight_then_none = packet_with(60, options_chain(8, 59));
    CHECK(Ipv6View::parse(eight_then_none)->upper_layer()->data.empty());
    const auto nine = packet_with(60, options_chain(9, 58));
    CHECK(Ipv6View::parse(nine)->upper_layer().error() == ParseError::too_many_extension_headers);
  }
  SUBCASE("headers running past the payload are truncated") {
    CHECK(Ipv6View::parse(packet_with(0, {}))->upper_layer().error() == ParseError::truncated);
    CHECK(Ipv6View::parse(packet_with(0, from_hex("3a")))->upper_layer().error() == ParseError::truncated);
    CHECK(Ipv6View::parse(packet_with(0, from_hex("3a01 0000 0000 0000")))->upper_layer().error() ==
          ParseError::truncated);
    CHECK(Ipv6View::parse(packet_with(44, from_hex("3a00 0000 0000 00")))->upper_layer().error() ==
          ParseError::truncated);
    // An exactly-filling header leaves empty upper-layer data.
    const auto upper = Ipv6View::parse(packet_with(60, from_hex("1100 0104 0000 0000")))->upper_layer();
    REQUIRE(upper.has_value());
    CHECK(upper->protocol == 17);
    CHECK(upper->data.empty());
  }
  SUBCASE("protocol 59 ends with empty data even when bytes follow") {
    const auto upper = Ipv6View::parse(packet_with(59, from_hex("0102 0304")))->upper_layer();
    REQUIRE(upper.has_value());
    CHECK(upper->protocol == 59);
    CHECK(upper->data.empty());
  }
}

TEST_CASE("ipv6: parse_quoted on the packet a router quoted in packet-too-big") {
  const auto packet = from_hex(captures::packet_too_big_v6);
  const auto outer = Ipv6View::parse(packet);
  REQUIRE(outer.has_value());
  const auto quoted_bytes = outer->payload().subspan(8);
  CHECK(Ipv6View::parse(quoted_bytes).error() == ParseError::truncated);
  const auto quoted = Ipv6View::parse_quoted(quoted_bytes);
  REQUIRE(quoted.has_value());
  CHECK(quoted->payload_length() == 1308);
  CHECK(quoted->payload().size() == 1192);
  CHECK(quoted->destination().to_string() == "fd00:19::2");
  const auto upper = quoted->upper_layer();
  REQUIRE(upper.has_value());
  CHECK(upper->protocol == 58);
  const auto echo = Icmpv6View::parse(upper->data);
  REQUIRE(echo.has_value());
  CHECK(echo->type() == icmpv6_type::echo_request);
  CHECK(echo->identifier() == 0x10b0);
  CHECK(echo->sequence() == 1);
}

TEST_CASE("ipv6: malformed input and link padding") {
  const auto good = from_hex(captures::lo_echo_request_v6);
  CHECK(Ipv6View::parse({}).error() == ParseError::truncated);
  CHECK(Ipv6View::parse_quoted({}).error() == ParseError::truncated);
  CHECK(Ipv6View::parse(std::span(good).first(39)).error() == ParseError::truncated);
  CHECK(Ipv6View::parse_quoted(std::span(good).first(39)).error() == ParseError::truncated);
  CHECK(Ipv6View::parse(std::span(good).first(71)).error() == ParseError::truncated);
  const auto partial = Ipv6View::parse_quoted(std::span(good).first(41));
  REQUIRE(partial.has_value());
  CHECK(partial->payload().size() == 1);
  CHECK(partial->upper_layer()->data.size() == 1);

  auto bad = good;
  bad[0] = std::byte{0x45};
  CHECK(Ipv6View::parse(bad).error() == ParseError::bad_version);
  CHECK(Ipv6View::parse_quoted(std::span(bad).first(1)).error() == ParseError::bad_version);

  auto padded = good;
  padded.resize(good.size() + 6, std::byte{0});
  const auto view = Ipv6View::parse(padded);
  REQUIRE(view.has_value());
  CHECK(view->payload().size() == 32);
}

TEST_CASE("ipv6: build reproduces the captured echo request byte for byte") {
  const auto captured = from_hex(captures::lo_echo_request_v6);
  std::array<std::byte, 80> out{};
  const Ipv6Fields fields{.traffic_class = 0,
                          .flow_label = 0xad778,
                          .next_header = 58,
                          .hop_limit = 64,
                          .source = address("::1"),
                          .destination = address("::1")};
  const auto built = build_ipv6(out, fields, std::span(captured).subspan(40));
  REQUIRE(built.has_value());
  CHECK(built->data() == out.data());
  CHECK(to_hex(*built) == to_hex(captured));
}

TEST_CASE("ipv6: parse -> build round trips on every captured packet") {
  for (const auto text : {captures::lo_echo_request_v6, captures::lo_echo_reply_v6, captures::no_route_v6,
                          captures::packet_too_big_v6, captures::hop_limit_v6, captures::port_unreachable_v6,
                          captures::admin_prohibited_v6, captures::mld_report_v6, captures::fragment_last_v6}) {
    const auto captured = from_hex(text);
    const auto view = Ipv6View::parse(captured);
    REQUIRE(view.has_value());
    const Ipv6Fields fields{.traffic_class = view->traffic_class(),
                            .flow_label = view->flow_label(),
                            .next_header = view->next_header(),
                            .hop_limit = view->hop_limit(),
                            .source = view->source(),
                            .destination = view->destination()};
    std::vector<std::byte> out(captured.size());
    const auto built = build_ipv6(out, fields, view->payload());
    REQUIRE(built.has_value());
    CHECK(to_hex(*built) == to_hex(captured));
  }
}

TEST_CASE("ipv6: hand-made golden, flow label masked to 20 bits, builder errors") {
  std::array<std::byte, 44> out{};
  Ipv6Fields fields{.traffic_class = 0xb8,
                    .flow_label = 0xfff12345,
                    .next_header = 17,
                    .hop_limit = 1,
                    .source = address("fd00:18::1"),
                    .destination = address("fd00:19::2")};
  const auto built = build_ipv6(out, fields, from_hex("0102 0304"));
  REQUIRE(built.has_value());
  CHECK(to_hex(*built) == to_hex(from_hex("6b81 2345 0004 1101"
                                          "fd00 0018 0000 0000 0000 0000 0000 0001"
                                          "fd00 0019 0000 0000 0000 0000 0000 0002"
                                          "0102 0304")));

  CHECK(build_ipv6(std::span(out).first(43), fields, from_hex("0102 0304")).error() ==
        BuildError::buffer_too_small);
  CHECK(build_ipv6({}, fields, {}).error() == BuildError::buffer_too_small);
  const std::vector<std::byte> huge(0x10000);
  std::vector<std::byte> big_out(0x10000 + 40);
  CHECK(build_ipv6(big_out, fields, huge).error() == BuildError::payload_too_large);
  CHECK(build_ipv6(big_out, fields, std::span(huge).first(0xffff)).has_value());
  fields.source = address("198.18.0.1");
  CHECK(build_ipv6(out, fields, {}).error() == BuildError::address_family_mismatch);
}
