// RFC 4884 extension structures and RFC 4950 MPLS label stacks: on ICMP messages seen in the wild
// and on ones built by hand from the RFCs (captures.hpp says which is which).
#include "netdiag/wire/icmp_extensions.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "captured_packet.hpp"
#include "captures.hpp"
#include "netdiag/wire/udp.hpp"
#include "support/hex.hpp"

using netdiag::Port;
using netdiag::test::CapturedPacket;
using netdiag::test::from_hex;
using netdiag::test::to_hex;
namespace captures = netdiag::test::captures;
using namespace netdiag::wire;

namespace {

std::vector<MplsLabelEntry> stack_of(const std::optional<IcmpExtensions>& extensions) {
  REQUIRE(extensions.has_value());
  return mpls_label_stack(*extensions);
}

IcmpExtensions parsed(std::string_view hex, std::vector<std::byte>& storage) {
  storage = from_hex(hex);
  const auto extensions = parse_icmp_extensions(storage);
  REQUIRE(extensions.has_value());
  return *extensions;
}

std::vector<std::byte> object(std::uint8_t class_num, std::uint8_t c_type, std::size_t payload_size) {
  std::vector<std::byte> bytes(4 + payload_size, std::byte{0xab});
  bytes[0] = static_cast<std::byte>((4 + payload_size) >> 8);
  bytes[1] = static_cast<std::byte>((4 + payload_size) & 0xffU);
  bytes[2] = std::byte{class_num};
  bytes[3] = std::byte{c_type};
  return bytes;
}

std::vector<std::byte> structure(const std::vector<std::vector<std::byte>>& objects) {
  std::vector<std::byte> bytes = from_hex("2000 0000");
  for (const auto& o : objects) bytes.insert(bytes.end(), o.begin(), o.end());
  return bytes;
}

}  // namespace

TEST_CASE("icmp extensions: hand-made RFC 4884 time exceeded with MPLS and interface objects") {
  const CapturedPacket packet(captures::mpls_ttl_exceeded_v4);
  const auto view = IcmpView::parse(packet.upper);
  REQUIRE(view.has_value());
  CHECK(view->checksum_ok());
  CHECK(view->quoted().size() == 128);
  REQUIRE(view->extension().size() == 24);

  const auto extensions = parse_icmp_extensions(view->extension());
  REQUIRE(extensions.has_value());
  CHECK(extensions->version() == 2);
  CHECK(extensions->checksum() == 0xc5fc);
  CHECK(extensions->checksum_ok());
  CHECK(extensions->bytes().data() == view->extension().data());
  CHECK(extensions->bytes().size() == 24);
  REQUIRE(extensions->objects().size() == 2);
  const auto mpls = extensions->objects()[0];
  CHECK(mpls.class_num == icmp_extension_class::mpls_label_stack);
  CHECK(mpls.c_type == 1);
  CHECK(to_hex(mpls.payload) == "05 dc 10 01 00 01 01 01");
  CHECK(mpls.payload.data() == view->extension().data() + 8);
  const auto interface = extensions->objects()[1];
  CHECK(interface.class_num == icmp_extension_class::interface_information);
  CHECK(interface.c_type == 0x08);
  CHECK(to_hex(interface.payload) == "00 00 00 07");

  const auto stack = mpls_label_stack(*extensions);
  REQUIRE(stack.size() == 2);
  CHECK(stack[0] == MplsLabelEntry{.label = 24001, .traffic_class = 0, .bottom_of_stack = false, .ttl = 1});
  CHECK(stack[1] == MplsLabelEntry{.label = 16, .traffic_class = 0, .bottom_of_stack = true, .ttl = 1});
  CHECK(format_mpls_traceroute(stack) == "MPLS:L=24001,E=0,S=0,T=1/L=16,E=0,S=1,T=1");
  CHECK(format_mpls_mtr(stack[0]) == "[MPLS: Lbl 24001 TC 0 S 0 TTL 1]");
  CHECK(format_mpls_mtr(stack[1]) == "[MPLS: Lbl 16 TC 0 S 1 TTL 1]");

  const auto found = find_icmp_extensions(*view);
  REQUIRE(found.has_value());
  CHECK(found->bytes().data() == extensions->bytes().data());
  CHECK(found->bytes().size() == extensions->bytes().size());

  // The probe is still readable in front of the padding.
  const auto ip = Ipv4View::parse_quoted(view->quoted());
  REQUIRE(ip.has_value());
  const auto udp = UdpView::parse(ip->payload());
  REQUIRE(udp.has_value());
  CHECK(udp->destination_port() == Port{33435});
  CHECK(udp->checksum_ok(ip->source(), ip->destination()));
}

TEST_CASE("icmp extensions: hand-made RFC 4884 ICMPv6 hop limit exceeded with one label") {
  const CapturedPacket packet(captures::mpls_hop_limit_v6);
  const auto view = Icmpv6View::parse(packet.upper);
  REQUIRE(view.has_value());
  CHECK(view->checksum_ok(std::span<const std::byte, 16>(packet.source.bytes().data(), 16),
                          std::span<const std::byte, 16>(packet.destination.bytes().data(), 16)));
  CHECK(view->quoted().size() == 128);
  const auto extensions = parse_icmp_extensions(view->extension());
  REQUIRE(extensions.has_value());
  CHECK(extensions->checksum() == 0xc819);
  CHECK(extensions->checksum_ok());
  const auto stack = mpls_label_stack(*extensions);
  REQUIRE(stack.size() == 1);
  CHECK(stack[0] == MplsLabelEntry{.label = 24001, .traffic_class = 0, .bottom_of_stack = true, .ttl = 1});
  CHECK(stack_of(find_icmp_extensions(*view)) == stack);
  CHECK(format_mpls_traceroute(stack) == "MPLS:L=24001,E=0,S=1,T=1");
}

TEST_CASE("icmp extensions: the builders reproduce the hand-made messages") {
  for (const auto text : {captures::mpls_ttl_exceeded_v4, captures::mpls_hop_limit_v6}) {
    CAPTURE(text);
    const CapturedPacket packet(text);
    const bool v4 = packet.protocol == 1;
    const auto body = v4 ? IcmpView::parse(packet.upper)->body() : Icmpv6View::parse(packet.upper)->body();
    const auto original = parse_icmp_extensions(body.subspan(128));
    REQUIRE(original.has_value());

    // The label stack payload from its entries, then the whole structure from its objects.
    std::array<std::byte, 16> labels_out{};
    const auto labels = build_mpls_label_stack(labels_out, mpls_label_stack(*original));
    REQUIRE(labels.has_value());
    CHECK(to_hex(*labels) == to_hex(original->objects()[0].payload));
    std::vector<IcmpExtensionObject> objects(original->objects().begin(), original->objects().end());
    objects[0].payload = *labels;
    std::array<std::byte, 64> out{};
    const auto built = build_icmp_extensions(out, objects);
    REQUIRE(built.has_value());
    CHECK(to_hex(*built) == to_hex(original->bytes()));

    // And the whole ICMP message around it: padded quote + extension, Length in byte 5 (v4) or 4 (v6).
    std::vector<std::byte> new_body(body.begin(), body.begin() + 128);
    new_body.insert(new_body.end(), built->begin(), built->end());
    std::vector<std::byte> message(8 + new_body.size());
    const auto icmp = v4 ? build_icmp_error(message, icmp_type::time_exceeded, 0,
                                            std::span<const std::byte, 4>(from_hex("0020 0000")), new_body)
                         : build_icmpv6_error(message, icmpv6_type::time_exceeded, 0,
                                              std::span<const std::byte, 4>(from_hex("1000 0000")), new_body,
                                              &packet.source, &packet.destination);
    REQUIRE(icmp.has_value());
    CHECK(to_hex(*icmp) == to_hex(packet.upper));
  }
}

TEST_CASE("icmp extensions: in the wild, a router older than RFC 4884 (Length 0)") {
  const auto message = from_hex(captures::wild_mpls_legacy_icmp);
  const auto view = IcmpView::parse(message);
  REQUIRE(view.has_value());
  CHECK(view->checksum_ok());
  CHECK(view->type() == icmp_type::time_exceeded);
  CHECK(view->extension().empty());  // the view only follows the Length field
  CHECK(view->quoted().size() == 140);
  const auto found = find_icmp_extensions(*view);
  REQUIRE(found.has_value());
  CHECK(found->bytes().data() == view->body().data() + 128);
  CHECK(found->checksum() == 0x993a);
  CHECK(found->checksum_ok());
  const auto stack = mpls_label_stack(*found);
  REQUIRE(stack.size() == 1);
  CHECK(stack[0] == MplsLabelEntry{.label = 19380, .traffic_class = 0, .bottom_of_stack = true, .ttl = 1});
  CHECK(format_mpls_traceroute(stack) == "MPLS:L=19380,E=0,S=1,T=1");
  CHECK(format_mpls_mtr(stack[0]) == "[MPLS: Lbl 19380 TC 0 S 1 TTL 1]");
  // The quoted datagram's destination: the four bytes at offset 16 of the quoted IPv4 header (a
  // public address in this capture from the wild; nothing here ever sends to it).
  const netdiag::IpAddress quoted_destination = Ipv4View::parse_quoted(view->quoted().first(128))->destination();
  CHECK(std::ranges::equal(quoted_destination.bytes(), view->quoted().subspan(16, 4)));

  // Without its checksum the same bytes are not trusted: they could be part of the datagram.
  auto unsigned_copy = message;
  unsigned_copy[138] = unsigned_copy[139] = std::byte{0};
  CHECK_FALSE(find_icmp_extensions(*IcmpView::parse(unsigned_copy)).has_value());
  // Nor with a checksum that does not verify.
  auto corrupted = message;
  corrupted[147] ^= std::byte{0x01};
  CHECK_FALSE(find_icmp_extensions(*IcmpView::parse(corrupted)).has_value());
}

TEST_CASE("icmp extensions: in the wild, Length 17 with the datagram padded to 128") {
  const auto message = from_hex(captures::wild_mpls_short_length_icmp);
  const auto view = IcmpView::parse(message);
  REQUIRE(view.has_value());
  CHECK(view->checksum_ok());
  CHECK(view->quoted().size() == 68);
  // The view splits at Length, so its extension() starts with the zero padding.
  CHECK(view->extension().size() == 72);
  CHECK(parse_icmp_extensions(view->extension()).error() == ParseError::bad_version);
  const auto stack = stack_of(find_icmp_extensions(*view));
  REQUIRE(stack.size() == 1);
  CHECK(stack[0] == MplsLabelEntry{.label = 416240, .traffic_class = 0, .bottom_of_stack = true, .ttl = 1});

  // Length 17 and nothing after the 68 bytes: no extension.
  const auto plain = from_hex(captures::wild_length_no_extension_icmp);
  const auto without = IcmpView::parse(plain);
  REQUIRE(without.has_value());
  CHECK(without->checksum_ok());
  CHECK_FALSE(find_icmp_extensions(*without).has_value());
}

TEST_CASE("icmp extensions: in the wild, ICMPv6 with a two-label stack") {
  const auto message = from_hex(captures::wild_mpls_two_labels_icmpv6);
  const auto view = Icmpv6View::parse(message);
  REQUIRE(view.has_value());
  CHECK(view->quoted().size() == 80);
  const auto found = find_icmp_extensions(*view);
  REQUIRE(found.has_value());
  CHECK(found->checksum() == 0x9653);
  REQUIRE(found->objects().size() == 1);
  CHECK(found->objects()[0].payload.size() == 8);
  const auto stack = mpls_label_stack(*found);
  REQUIRE(stack.size() == 2);
  CHECK(stack[0] == MplsLabelEntry{.label = 27121, .traffic_class = 4, .bottom_of_stack = false, .ttl = 1});
  CHECK(stack[1] == MplsLabelEntry{.label = 2, .traffic_class = 4, .bottom_of_stack = true, .ttl = 255});
  CHECK(format_mpls_traceroute(stack) == "MPLS:L=27121,E=4,S=0,T=1/L=2,E=4,S=1,T=255");

  const auto past_end = from_hex(captures::wild_length_past_end_icmpv6);
  const auto malformed = Icmpv6View::parse(past_end);
  REQUIRE(malformed.has_value());
  CHECK(malformed->extension().empty());
  CHECK_FALSE(find_icmp_extensions(*malformed).has_value());
}

TEST_CASE("icmp extensions: find_icmp_extensions leaves other messages alone") {
  // A long quote without Length (Linux's frag needed, 548 bytes) has no extension at 128.
  for (const auto text : {captures::frag_needed_v4, captures::udp_port_unreachable_v4, captures::ttl_exceeded_v4,
                          captures::lo_echo_reply_v4}) {
    const CapturedPacket packet(text);
    CHECK_FALSE(find_icmp_extensions(*IcmpView::parse(packet.upper)).has_value());
  }
  for (const auto text : {captures::packet_too_big_v6, captures::hop_limit_v6, captures::lo_echo_reply_v6}) {
    const CapturedPacket packet(text);
    CHECK_FALSE(find_icmp_extensions(*Icmpv6View::parse(packet.upper)).has_value());
  }
  // Types that cannot carry extensions, even with a plausible structure after 128 bytes.
  const auto wild = from_hex(captures::wild_mpls_legacy_icmp);
  for (const std::uint8_t type : std::array<std::uint8_t, 5>{0, 4, 5, 8, 13}) {
    auto other = wild;
    other[0] = std::byte{type};
    CHECK_FALSE(find_icmp_extensions(*IcmpView::parse(other)).has_value());
  }
  // Parameter problem (12) can: its Length is byte 5 too.
  auto problem = wild;
  problem[0] = std::byte{icmp_type::parameter_problem};
  CHECK(find_icmp_extensions(*IcmpView::parse(problem)).has_value());
  // ICMPv6 packet too big (2) cannot.
  const auto v6 = from_hex(captures::wild_mpls_two_labels_icmpv6);
  auto too_big = v6;
  too_big[0] = std::byte{icmpv6_type::packet_too_big};
  CHECK_FALSE(find_icmp_extensions(*Icmpv6View::parse(too_big)).has_value());
  auto unreachable = v6;
  unreachable[0] = std::byte{icmpv6_type::destination_unreachable};
  CHECK(find_icmp_extensions(*Icmpv6View::parse(unreachable)).has_value());
}

TEST_CASE("icmp extensions: a non-zero Length accepts a zero checksum, the Length-0 guess does not") {
  std::array<std::byte, 8> labels_out{};
  const std::array<MplsLabelEntry, 1> entries{MplsLabelEntry{.label = 100, .bottom_of_stack = true, .ttl = 1}};
  const auto labels = build_mpls_label_stack(labels_out, entries);
  REQUIRE(labels.has_value());
  const std::array<IcmpExtensionObject, 1> objects{IcmpExtensionObject{1, 1, *labels}};
  std::array<std::byte, 16> ext_out{};
  const auto ext = build_icmp_extensions(ext_out, objects, false);
  REQUIRE(ext.has_value());
  CHECK(to_hex(*ext) == "20 00 00 00 00 08 01 01 00 06 41 01");

  std::vector<std::byte> body(128, std::byte{0});
  body.insert(body.end(), ext->begin(), ext->end());
  std::vector<std::byte> out(8 + body.size());
  // Length 32 (128 bytes) and Length 17 both announce an extension; Length 0 announces nothing.
  for (const auto& [length, found] : {std::pair{"0020 0000", true}, std::pair{"0011 0000", true},
                                      std::pair{"0000 0000", false}}) {
    CAPTURE(length);
    const auto message = build_icmp_error(out, icmp_type::time_exceeded, 0,
                                          std::span<const std::byte, 4>(from_hex(length)), body);
    REQUIRE(message.has_value());
    const auto extensions = find_icmp_extensions(*IcmpView::parse(*message));
    CHECK(extensions.has_value() == found);
    if (extensions) CHECK(extensions->checksum_ok());  // 0: none computed
  }

  // Length < 128 with the extension right after it (no padding): found there when it verifies.
  std::vector<std::byte> short_body(68, std::byte{0});
  const auto signed_ext = build_icmp_extensions(ext_out, objects);
  short_body.insert(short_body.end(), signed_ext->begin(), signed_ext->end());
  const auto short_message = build_icmp_error(out, icmp_type::destination_unreachable, 3,
                                              std::span<const std::byte, 4>(from_hex("0011 0000")), short_body);
  REQUIRE(short_message.has_value());
  CHECK(stack_of(find_icmp_extensions(*IcmpView::parse(*short_message))) ==
        std::vector<MplsLabelEntry>(entries.begin(), entries.end()));
}

TEST_CASE("icmp extensions: parse_icmp_extensions on malformed structures") {
  CHECK(parse_icmp_extensions({}).error() == ParseError::truncated);
  CHECK(parse_icmp_extensions(from_hex("2000 00")).error() == ParseError::truncated);
  for (const auto hex : {"0000 0000", "1000 0000", "3000 0000", "f000 0000"}) {
    CHECK(parse_icmp_extensions(from_hex(hex)).error() == ParseError::bad_version);
  }
  const auto header_only = from_hex("2000 0000");
  const auto empty = parse_icmp_extensions(header_only);
  REQUIRE(empty.has_value());
  CHECK(empty->objects().empty());
  CHECK(empty->checksum_ok());
  CHECK(parse_icmp_extensions(from_hex("2fff 0000"))->version() == 2);  // reserved bits ignored

  CHECK(parse_icmp_extensions(from_hex("2000 0000 0000 0101")).error() == ParseError::bad_total_length);
  CHECK(parse_icmp_extensions(from_hex("2000 0000 0003 0101")).error() == ParseError::bad_total_length);
  CHECK(parse_icmp_extensions(from_hex("2000 0000 0001 0101")).error() == ParseError::bad_total_length);
  CHECK(parse_icmp_extensions(from_hex("2000 0000 000c 0101 0000 0000")).error() == ParseError::truncated);
  CHECK(parse_icmp_extensions(from_hex("2000 0000 ffff 0101 0000 0000")).error() == ParseError::truncated);
  CHECK(parse_icmp_extensions(from_hex("2000 0000 0004 0101 00")).error() == ParseError::truncated);
  CHECK(parse_icmp_extensions(from_hex("2000 0000 0004 0101 0000 01")).error() == ParseError::truncated);

  // A header-only object, and a length that is not a multiple of 4: the next object follows it.
  std::vector<std::byte> storage;
  const auto lenient = parsed("2000 0000 0004 0301 0005 0202 aa 0008 0101 0000 0001", storage);
  REQUIRE(lenient.objects().size() == 3);
  CHECK(lenient.objects()[0].payload.empty());
  CHECK(to_hex(lenient.objects()[1].payload) == "aa");
  CHECK(lenient.objects()[2].class_num == 1);
  CHECK(to_hex(lenient.objects()[2].payload) == "00 00 00 01");
  CHECK(mpls_label_stack(lenient).size() == 1);

  // The object cap.
  std::vector<std::vector<std::byte>> many(IcmpExtensions::max_objects, object(1, 1, 4));
  CHECK(parse_icmp_extensions(structure(many))->objects().size() == IcmpExtensions::max_objects);
  many.push_back(object(1, 1, 0));
  CHECK(parse_icmp_extensions(structure(many)).error() == ParseError::too_many_extension_headers);
}

TEST_CASE("icmp extensions: checksum_ok") {
  std::vector<std::byte> storage;
  CHECK(parsed("2000 0000 0008 0101 0006 4101", storage).checksum_ok());  // 0: none computed
  const auto good = parsed("2000 993a 0008 0101 04bb 4101", storage);
  CHECK(good.checksum_ok());
  CHECK(good.checksum() == 0x993a);
  CHECK_FALSE(parsed("2000 993b 0008 0101 04bb 4101", storage).checksum_ok());
  CHECK_FALSE(parsed("2000 993a 0008 0101 04bb 4102", storage).checksum_ok());
}

TEST_CASE("icmp extensions: mpls_label_stack picks class 1 C-Type 1 objects only") {
  std::vector<std::byte> storage;
  // class 1 C-Type 2, class 2 C-Type 1, then two MPLS objects, the second with 2 stray bytes.
  const auto extensions =
      parsed("2000 0000 0008 0102 0006 4101 0008 0201 0006 4101 0008 0101 0006 4001 000e 0101 0007 d3ff ffff "
             "feee ffff",
             storage);
  const auto stack = mpls_label_stack(extensions);
  REQUIRE(stack.size() == 3);
  CHECK(stack[0] == MplsLabelEntry{.label = 100, .traffic_class = 0, .bottom_of_stack = false, .ttl = 1});
  CHECK(stack[1] == MplsLabelEntry{.label = 125, .traffic_class = 1, .bottom_of_stack = true, .ttl = 255});
  CHECK(stack[2] == MplsLabelEntry{.label = 1048575, .traffic_class = 7, .bottom_of_stack = false, .ttl = 0xee});
  CHECK(format_mpls_traceroute(stack) ==
        "MPLS:L=100,E=0,S=0,T=1/L=125,E=1,S=1,T=255/L=1048575,E=7,S=0,T=238");
  CHECK(format_mpls_mtr(stack[2]) == "[MPLS: Lbl 1048575 TC 7 S 0 TTL 238]");
  CHECK(format_mpls_traceroute({}).empty());
  CHECK(mpls_label_stack(parsed("2000 0000", storage)).empty());
}

TEST_CASE("icmp extensions: builders mask fields and report errors") {
  std::array<std::byte, 8> out{};
  const std::array<MplsLabelEntry, 2> entries{
      MplsLabelEntry{.label = 0xfffff, .traffic_class = 7, .bottom_of_stack = false, .ttl = 255},
      MplsLabelEntry{.label = 0x123456, .traffic_class = 0xff, .bottom_of_stack = true, .ttl = 0}};
  const auto labels = build_mpls_label_stack(out, entries);
  REQUIRE(labels.has_value());
  CHECK(to_hex(*labels) == "ff ff fe ff 23 45 6f 00");
  CHECK(build_mpls_label_stack(std::span(out).first(7), entries).error() == BuildError::buffer_too_small);
  CHECK(build_mpls_label_stack({}, {}).has_value());

  std::array<std::byte, 4> header_only{};
  const auto empty = build_icmp_extensions(header_only, {});
  REQUIRE(empty.has_value());
  CHECK(to_hex(*empty) == "20 00 df ff");
  CHECK(parse_icmp_extensions(*empty)->checksum_ok());
  std::array<std::byte, 16> small{};
  const std::array<IcmpExtensionObject, 1> one{IcmpExtensionObject{1, 1, *labels}};
  CHECK(build_icmp_extensions(std::span(small).first(15), one).error() == BuildError::buffer_too_small);
  CHECK(build_icmp_extensions(small, one).has_value());
  const std::vector<std::byte> huge(0xffff - 3);
  std::vector<std::byte> big_out(0x10000 + 8);
  const std::array<IcmpExtensionObject, 1> too_big{IcmpExtensionObject{1, 1, huge}};
  CHECK(build_icmp_extensions(big_out, too_big).error() == BuildError::payload_too_large);
  const std::array<IcmpExtensionObject, 1> largest{IcmpExtensionObject{1, 1, std::span(huge).first(0xffff - 4)}};
  const auto built = build_icmp_extensions(big_out, largest);
  REQUIRE(built.has_value());
  CHECK(parse_icmp_extensions(*built)->objects()[0].payload.size() == 0xffff - 4);
  const std::vector<IcmpExtensionObject> many(IcmpExtensions::max_objects + 1, IcmpExtensionObject{1, 1, {}});
  CHECK(build_icmp_extensions(big_out, many).error() == BuildError::payload_too_large);
}
