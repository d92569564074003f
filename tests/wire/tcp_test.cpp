// TCP view, options parser and builders, on captured segments (captures.hpp).
#include "netdiag/wire/tcp.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "captured_packet.hpp"
#include "captures.hpp"
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

TcpView segment_of(const CapturedPacket& packet) {
  REQUIRE(packet.protocol == 6);
  const auto view = TcpView::parse(packet.upper);
  REQUIRE(view.has_value());
  return *view;
}

TcpOptions options_of(const TcpView& view) {
  const auto options = parse_tcp_options(view.options());
  REQUIRE(options.has_value());
  return *options;
}

// Linux's SYN options: MSS, SACK permitted, timestamps, window scale 10.
TcpOptions linux_syn(std::uint16_t mss, TcpTimestamps timestamps) {
  return {.mss = mss, .window_scale = 10, .sack_permitted = true, .timestamps = timestamps};
}

std::expected<TcpOptions, ParseError> options_from(std::string_view hex) { return parse_tcp_options(from_hex(hex)); }

}  // namespace

TEST_CASE("tcp: every accessor on Linux's captured SYN") {
  const CapturedPacket packet(captures::tcp_syn_v4);
  const auto view = segment_of(packet);
  CHECK(view.source_port() == Port{33810});
  CHECK(view.destination_port() == Port{7});
  CHECK(view.sequence() == 0x5066261f);
  CHECK(view.complete());
  CHECK(view.acknowledgment() == 0);
  CHECK(view.data_offset() == 40);
  CHECK(view.flags() == tcp_flags::syn);
  CHECK(view.flags().syn());
  CHECK_FALSE(view.flags().ack());
  CHECK(view.window() == 64240);
  CHECK(view.checksum() == 0x1bfc);
  CHECK(view.urgent_pointer() == 0);
  CHECK(view.checksum_ok(packet.source, packet.destination));
  CHECK_FALSE(view.checksum_ok(packet.source, address("198.18.1.3")));
  CHECK_FALSE(view.checksum_ok(packet.source, address("fd00:19::2")));
  CHECK(view.header().size() == 40);
  CHECK(view.header().data() == packet.upper.data());
  CHECK(to_hex(view.options()) == "02 04 05 b4 04 02 08 0a 1b f9 8d 50 00 00 00 00 01 03 03 0a");
  CHECK(view.options().data() == packet.upper.data() + 20);
  CHECK(view.payload().empty());
  CHECK(view.segment().size() == 40);
  CHECK(options_of(view) == linux_syn(1460, {0x1bf98d50, 0}));
}

TEST_CASE("tcp: captured handshake, data, FIN and RST (IPv4)") {
  const CapturedPacket syn(captures::tcp_syn_v4);
  const CapturedPacket syn_ack(captures::tcp_syn_ack_v4);
  const auto answer = segment_of(syn_ack);
  CHECK(answer.source_port() == Port{7});
  CHECK(answer.destination_port() == Port{33810});
  CHECK(answer.flags() == (tcp_flags::syn | tcp_flags::ack));
  CHECK(answer.sequence() == 0x78b655af);
  CHECK(answer.acknowledgment() == segment_of(syn).sequence() + 1);
  CHECK(answer.window() == 65160);
  CHECK(answer.checksum_ok(syn_ack.source, syn_ack.destination));
  CHECK(options_of(answer) == linux_syn(1460, {0xf43fdcde, 0x1bf98d50}));

  const CapturedPacket data(captures::tcp_data_v4);
  const auto segment = segment_of(data);
  CHECK(segment.flags() == (tcp_flags::psh | tcp_flags::ack));
  CHECK(segment.data_offset() == 32);
  CHECK(segment.window() == 63);
  CHECK(segment.sequence() == segment_of(syn).sequence() + 1);
  CHECK(to_hex(segment.options()) == "01 01 08 0a 1b f9 8d 51 f4 3f dc de");
  CHECK(options_of(segment) == TcpOptions{.timestamps = TcpTimestamps{0x1bf98d51, 0xf43fdcde}});
  CHECK(to_hex(segment.payload()) == "6e 65 74 64 69 61 67 0a");
  CHECK(segment.payload().data() == data.upper.data() + 32);
  CHECK(segment.checksum_ok(data.source, data.destination));

  const CapturedPacket fin(captures::tcp_fin_v4);
  const auto closing = segment_of(fin);
  CHECK(closing.flags() == (tcp_flags::fin | tcp_flags::ack));
  CHECK(closing.flags().fin());
  CHECK(closing.checksum_ok(fin.source, fin.destination));

  const CapturedPacket closed_syn(captures::tcp_syn_closed_v4);
  const CapturedPacket rst(captures::tcp_rst_v4);
  const auto reset = segment_of(rst);
  CHECK(reset.source_port() == Port{33434});
  CHECK(reset.destination_port() == segment_of(closed_syn).source_port());
  CHECK(reset.flags() == (tcp_flags::rst | tcp_flags::ack));
  CHECK(reset.flags().rst());
  CHECK(reset.sequence() == 0);
  CHECK(reset.acknowledgment() == segment_of(closed_syn).sequence() + 1);
  CHECK(reset.window() == 0);
  CHECK(reset.data_offset() == 20);
  CHECK(reset.options().empty());
  CHECK(reset.payload().empty());
  CHECK(options_of(reset) == TcpOptions{});
  CHECK(reset.checksum_ok(rst.source, rst.destination));
}

TEST_CASE("tcp: captured handshake, data and RST (IPv6)") {
  const CapturedPacket syn(captures::tcp_syn_v6);
  const auto view = segment_of(syn);
  CHECK(view.source_port() == Port{55240});
  CHECK(view.sequence() == 0x2211d101);
  CHECK(view.window() == 64800);
  CHECK(view.checksum_ok(syn.source, syn.destination));
  CHECK_FALSE(view.checksum_ok(address("198.18.0.1"), address("198.18.1.2")));
  CHECK(options_of(view) == linux_syn(1440, {0xf585a46c, 0}));

  const CapturedPacket syn_ack(captures::tcp_syn_ack_v6);
  const auto answer = segment_of(syn_ack);
  CHECK(answer.flags() == (tcp_flags::syn | tcp_flags::ack));
  CHECK(answer.acknowledgment() == 0x2211d102);
  CHECK(answer.checksum_ok(syn_ack.source, syn_ack.destination));
  CHECK(options_of(answer) == linux_syn(1440, {0xe43aaca2, 0xf585a46c}));

  const CapturedPacket data(captures::tcp_data_v6);
  CHECK(to_hex(segment_of(data).payload()) == "6e 65 74 64 69 61 67 0a");
  CHECK(segment_of(data).checksum_ok(data.source, data.destination));

  const CapturedPacket rst(captures::tcp_rst_v6);
  const auto reset = segment_of(rst);
  CHECK(reset.flags() == (tcp_flags::rst | tcp_flags::ack));
  CHECK(reset.acknowledgment() == 0xecb9a6d3);
  CHECK(reset.checksum_ok(rst.source, rst.destination));
}

TEST_CASE("tcp: SYNs quoted in captured time-exceeded errors") {
  {
    const CapturedPacket error(captures::tcp_syn_ttl_exceeded_v4);
    const auto icmp = IcmpView::parse(error.upper);
    REQUIRE(icmp.has_value());
    const auto ip = Ipv4View::parse_quoted(icmp->quoted());
    REQUIRE(ip.has_value());
    REQUIRE(ip->protocol() == 6);
    const auto view = TcpView::parse_quoted(ip->payload());
    REQUIRE(view.has_value());
    CHECK(view->complete());
    CHECK(view->source_port() == Port{34134});
    CHECK(view->destination_port() == Port{7});
    CHECK(view->sequence() == 0xe544594e);
    CHECK(view->flags() == tcp_flags::syn);
    CHECK(view->checksum_ok(ip->source(), ip->destination()));
    CHECK(options_of(*view) == linux_syn(1460, {0x2289bc12, 0}));
  }
  {
    const CapturedPacket error(captures::tcp_hop_limit_v6);
    const auto icmp = Icmpv6View::parse(error.upper);
    REQUIRE(icmp.has_value());
    const auto ip = Ipv6View::parse_quoted(icmp->quoted());
    REQUIRE(ip.has_value());
    const auto upper = ip->upper_layer();
    REQUIRE(upper.has_value());
    REQUIRE(upper->protocol == 6);
    const auto view = TcpView::parse_quoted(upper->data);
    REQUIRE(view.has_value());
    CHECK(view->complete());
    CHECK(view->source_port() == Port{39304});
    CHECK(view->sequence() == 0x47eb05a8);
    CHECK(view->checksum_ok(ip->source(), ip->destination()));
    CHECK(options_of(*view) == linux_syn(1440, {0x55fa8530, 0}));
  }
}

TEST_CASE("tcp: a quote of only the first 8 bytes says the rest is absent") {
  const CapturedPacket packet(captures::tcp_syn_v4);
  const auto segment = packet.upper;
  CHECK(TcpView::parse_quoted(segment.first(7)).error() == ParseError::truncated);
  for (const std::size_t size : std::array<std::size_t, 5>{8, 12, 19, 20, 39}) {
    CAPTURE(size);
    CHECK(TcpView::parse(segment.first(size)).error() == ParseError::truncated);
    const auto view = TcpView::parse_quoted(segment.first(size));
    REQUIRE(view.has_value());
    CHECK(view->source_port() == Port{33810});
    CHECK(view->destination_port() == Port{7});
    CHECK(view->sequence() == 0x5066261f);
    CHECK_FALSE(view->complete());  // the header is 40 bytes
    CHECK(view->acknowledgment() == 0);
    CHECK(view->data_offset() == 0);
    CHECK(view->flags() == TcpFlags{});
    CHECK(view->window() == 0);
    CHECK(view->checksum() == 0);
    CHECK(view->urgent_pointer() == 0);
    CHECK(view->header().empty());
    CHECK(view->options().empty());
    CHECK(view->payload().empty());
    CHECK(view->segment().size() == size);
    CHECK_FALSE(view->checksum_ok(packet.source, packet.destination));
  }
  const auto whole = TcpView::parse_quoted(segment.first(40));
  REQUIRE(whole.has_value());
  CHECK(whole->complete());
  CHECK(whole->data_offset() == 40);
  CHECK(whole->window() == 64240);

  // A quoted RST-sized header (20 bytes, no options) is complete at 20.
  const CapturedPacket rst(captures::tcp_rst_v4);
  CHECK_FALSE(TcpView::parse_quoted(rst.upper.first(19))->complete());
  CHECK(TcpView::parse_quoted(rst.upper.first(20))->complete());
}

TEST_CASE("tcp: malformed data offsets") {
  const CapturedPacket packet(captures::tcp_syn_v4);
  const std::vector<std::byte> syn(packet.upper.begin(), packet.upper.end());
  CHECK(TcpView::parse({}).error() == ParseError::truncated);
  for (const unsigned offset : {0U, 1U, 4U}) {
    auto bad = syn;
    bad[12] = static_cast<std::byte>(offset << 4);
    CHECK(TcpView::parse(bad).error() == ParseError::bad_header_length);
    const auto quoted = TcpView::parse_quoted(bad);
    REQUIRE(quoted.has_value());  // ports and sequence number are still there
    CHECK_FALSE(quoted->complete());
    CHECK(quoted->sequence() == 0x5066261f);
  }
  auto too_long = syn;
  too_long[12] = std::byte{0xb0};  // 44 bytes of header in a 40-byte segment
  CHECK(TcpView::parse(too_long).error() == ParseError::truncated);
  CHECK_FALSE(TcpView::parse_quoted(too_long)->complete());

  auto max_header = syn;
  max_header.resize(64, std::byte{1});  // NOPs
  max_header[12] = std::byte{0xf0};
  const auto fifteen = TcpView::parse(max_header);
  REQUIRE(fifteen.has_value());
  CHECK(fifteen->data_offset() == 60);
  CHECK(fifteen->options().size() == 40);
  CHECK(fifteen->payload().size() == 4);
  // The reserved bits do not disturb the offset or the flags.
  auto reserved = syn;
  reserved[12] = std::byte{0xaf};
  CHECK(TcpView::parse(reserved)->data_offset() == 40);
  CHECK(TcpView::parse(reserved)->flags() == tcp_flags::syn);
}

TEST_CASE("tcp: flags") {
  const std::array<std::pair<TcpFlags, std::uint8_t>, 8> singles{{{tcp_flags::fin, 0x01},
                                                                  {tcp_flags::syn, 0x02},
                                                                  {tcp_flags::rst, 0x04},
                                                                  {tcp_flags::psh, 0x08},
                                                                  {tcp_flags::ack, 0x10},
                                                                  {tcp_flags::urg, 0x20},
                                                                  {tcp_flags::ece, 0x40},
                                                                  {tcp_flags::cwr, 0x80}}};
  for (const auto& [flag, bit] : singles) {
    CHECK(flag.bits == bit);
    const int set = int{flag.fin()} + int{flag.syn()} + int{flag.rst()} + int{flag.psh()} + int{flag.ack()} +
                    int{flag.urg()} + int{flag.ece()} + int{flag.cwr()};
    CHECK(set == 1);
  }
  const TcpFlags all{0xff};
  CHECK((all.fin() && all.syn() && all.rst() && all.psh() && all.ack() && all.urg() && all.ece() && all.cwr()));
  CHECK((tcp_flags::syn | tcp_flags::ack).bits == 0x12);
  CHECK((tcp_flags::ece | tcp_flags::cwr | tcp_flags::syn) == TcpFlags{0xc2});
  CHECK_FALSE(TcpFlags{}.syn());
}

TEST_CASE("tcp: options parser on malformed and unusual options") {
  CHECK(options_from("") == TcpOptions{});
  CHECK(options_from("0000 0000") == TcpOptions{});
  // End of Option List ends the walk: what follows is padding, even if it looks like garbage.
  CHECK(options_from("0204 05b4 00ff ff01") == TcpOptions{.mss = 1460});
  // 40 NOPs: the longest options area, nothing in it.
  std::vector<std::byte> nops(40, std::byte{1});
  CHECK(parse_tcp_options(nops) == TcpOptions{});
  nops.back() = std::byte{2};  // 39 NOPs, then a kind with no room for its length
  CHECK(parse_tcp_options(nops).error() == ParseError::truncated);

  CHECK(options_from("0200").error() == ParseError::bad_total_length);  // length 0
  CHECK(options_from("0201").error() == ParseError::bad_total_length);  // length 1
  CHECK(options_from("0101 0801 0000").error() == ParseError::bad_total_length);
  CHECK(options_from("fe00").error() == ParseError::bad_total_length);  // unknown kinds too
  CHECK(options_from("02").error() == ParseError::truncated);           // no length byte
  CHECK(options_from("0204 05").error() == ParseError::truncated);      // runs past the end
  CHECK(options_from("0103 0309 080a 0000").error() == ParseError::truncated);
  CHECK(options_from("01ff").error() == ParseError::truncated);

  // Known kinds with lengths they do not allow are skipped and counted (Linux ignores them).
  const auto odd = options_from("0203 0504 0301 0305 0004 0802 0502 0000");
  REQUIRE(odd.has_value());
  CHECK(odd->wrong_length == 4);
  CHECK(odd->unknown == 0);
  CHECK_FALSE(odd->mss.has_value());
  CHECK_FALSE(odd->window_scale.has_value());
  CHECK_FALSE(odd->sack_permitted);
  CHECK(options_from("0803 00")->wrong_length == 1);
  CHECK(options_from("0509 0000 0000 0000 0000")->wrong_length == 1);

  // Unknown kinds (MPTCP 30, TCP Fast Open 34, an experiment 254) are counted and skipped.
  const auto unknown = options_from("1e04 0000 2202 fe06 f989 0000 0204 0218");
  REQUIRE(unknown.has_value());
  CHECK(unknown->unknown == 3);
  CHECK(unknown->mss == std::uint16_t{536});

  // SACK blocks, a later option replacing an earlier one, a window scale above 14 as sent.
  const auto sack = options_from("0101 050a 0000 0001 0000 0002 0101 0512 0000 0003 0000 0004 0000 0005 0000 0006");
  REQUIRE(sack.has_value());
  CHECK(sack->sack_blocks == 2);
  const auto twice = options_from("0204 0100 0204 0200 0303 0f00");
  REQUIRE(twice.has_value());
  CHECK(twice->mss == std::uint16_t{0x200});
  CHECK(twice->window_scale == std::uint8_t{15});
}

TEST_CASE("tcp: build_tcp_options reproduces Linux's captured options") {
  std::array<std::byte, 20> out{};
  for (const auto text : {captures::tcp_syn_v4, captures::tcp_syn_ack_v4, captures::tcp_data_v4,
                          captures::tcp_syn_v6, captures::tcp_syn_ack_v6, captures::tcp_data_v6}) {
    CAPTURE(text);
    const CapturedPacket packet(text);
    const auto view = segment_of(packet);
    const auto built = build_tcp_options(out, options_of(view));
    REQUIRE(built.has_value());
    CHECK(to_hex(*built) == to_hex(view.options()));
  }
  const auto one = [&](const TcpOptions& options) { return to_hex(build_tcp_options(out, options).value()); };
  CHECK(one({}).empty());
  CHECK(one({.mss = 1460}) == "02 04 05 b4");
  CHECK(one({.sack_permitted = true}) == "01 01 04 02");
  CHECK(one({.window_scale = 7}) == "01 03 03 07");
  CHECK(one({.mss = 536, .window_scale = 0, .sack_permitted = true}) == "02 04 02 18 01 01 04 02 01 03 03 00");
  CHECK(one({.timestamps = TcpTimestamps{1, 2}}) == "01 01 08 0a 00 00 00 01 00 00 00 02");
  CHECK(one({.sack_blocks = 3, .unknown = 2, .wrong_length = 1}).empty());  // not written
  CHECK(build_tcp_options(std::span(out).first(19), linux_syn(1460, {})).error() == BuildError::buffer_too_small);
  CHECK(build_tcp_options(std::span(out).first(4), {.mss = 1}).has_value());
  CHECK(build_tcp_options({}, {}).has_value());
}

TEST_CASE("tcp: build_tcp reproduces captured segments") {
  for (const auto text : {captures::tcp_syn_v4, captures::tcp_syn_ack_v4, captures::tcp_data_v4, captures::tcp_fin_v4,
                          captures::tcp_rst_v4, captures::tcp_syn_v6, captures::tcp_syn_ack_v6, captures::tcp_data_v6,
                          captures::tcp_rst_v6}) {
    CAPTURE(text);
    const CapturedPacket packet(text);
    const auto view = segment_of(packet);
    std::array<std::byte, 20> options_out{};
    const auto options = build_tcp_options(options_out, options_of(view));
    REQUIRE(options.has_value());
    std::array<std::byte, 128> out{};
    const auto built = build_tcp(out,
                                 {.source = view.source_port(),
                                  .destination = view.destination_port(),
                                  .sequence = view.sequence(),
                                  .acknowledgment = view.acknowledgment(),
                                  .flags = view.flags(),
                                  .window = view.window(),
                                  .options = *options},
                                 view.payload(), &packet.source, &packet.destination);
    REQUIRE(built.has_value());
    CHECK(built->data() == out.data());
    CHECK(to_hex(*built) == to_hex(packet.upper));
  }
}

TEST_CASE("tcp: build_tcp pads options, builds in place, and its errors") {
  std::array<std::byte, 128> out{};
  const auto ws = from_hex("0303 07");
  const auto padded = build_tcp(out, {.source = Port{1}, .destination = Port{2}, .flags = tcp_flags::syn, .options = ws},
                                {});
  REQUIRE(padded.has_value());
  // No addresses: checksum 0, window 65535 by default, options padded with End of Option List.
  CHECK(to_hex(*padded) == "00 01 00 02 00 00 00 00 00 00 00 00 60 02 ff ff 00 00 00 00 03 03 07 00");
  const auto view = TcpView::parse(*padded);
  REQUIRE(view.has_value());
  CHECK(view->data_offset() == 24);
  CHECK(parse_tcp_options(view->options())->window_scale == std::uint8_t{7});

  const auto payload = from_hex("6e65 7464 6961 670a");
  std::ranges::copy(payload, out.begin() + 20);
  const auto src = address("198.18.0.1");
  const auto dst = address("198.18.1.2");
  const auto in_place = build_tcp(out, {.source = Port{80}, .destination = Port{443}, .flags = tcp_flags::psh},
                                  std::span(out).subspan(20, payload.size()), &src, &dst);
  REQUIRE(in_place.has_value());
  CHECK(to_hex(TcpView::parse(*in_place)->payload()) == to_hex(payload));
  CHECK(TcpView::parse(*in_place)->checksum_ok(src, dst));

  const std::vector<std::byte> forty(40, std::byte{1});
  CHECK(build_tcp(out, {.options = forty}, {}).has_value());
  CHECK(TcpView::parse(*build_tcp(out, {.options = forty}, {}))->data_offset() == 60);
  const std::vector<std::byte> forty_one(41, std::byte{1});
  CHECK(build_tcp(out, {.options = forty_one}, {}).error() == BuildError::payload_too_large);
  const auto v6 = address("::1");
  CHECK(build_tcp(out, {}, {}, &src, &v6).error() == BuildError::address_family_mismatch);
  CHECK(build_tcp(std::span(out).first(19), {}, {}).error() == BuildError::buffer_too_small);
  CHECK(build_tcp(std::span(out).first(23), {.options = ws}, {}).error() == BuildError::buffer_too_small);
  std::vector<std::byte> big(0x10000);
  const std::vector<std::byte> huge(max_tcp_segment - 19);
  CHECK(build_tcp(big, {}, huge).error() == BuildError::payload_too_large);
  CHECK(build_tcp(big, {}, std::span(huge).first(max_tcp_segment - 20)).has_value());
}
