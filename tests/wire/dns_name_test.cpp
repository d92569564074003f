// DNS names: presentation form both ways, limits, comparisons, and reading compressed names.
#include "netdiag/wire/dns_name.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support/hex.hpp"

using netdiag::test::from_hex;
using netdiag::test::to_hex;
using namespace netdiag::wire;

namespace {

DnsName name(std::string_view text) {
  const auto parsed = DnsName::from_text(text);
  REQUIRE_MESSAGE(parsed.has_value(), text);
  return *parsed;
}

std::vector<std::byte> bytes_of(std::string_view text) {
  std::vector<std::byte> out;
  for (const char c : text) out.push_back(static_cast<std::byte>(c));
  return out;
}

DnsError text_error(std::string_view text) {
  const auto parsed = DnsName::from_text(text);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

// A 12-byte header of zeros followed by `body`.
std::vector<std::byte> message(std::string_view body_hex) {
  auto out = from_hex("0000 0000 0000 0000 0000 0000");
  const auto body = from_hex(body_hex);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

}  // namespace

TEST_CASE("dns name: presentation form to wire form and back") {
  const auto www = name("www.example.com");
  CHECK(to_hex(www.wire()) == "03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00");
  CHECK(www.to_text() == "www.example.com.");
  CHECK(www == name("www.example.com."));
  CHECK(www.label_count() == 3);
  CHECK(to_hex(www.label(1)) == "65 78 61 6d 70 6c 65");
  CHECK(www.label(3).empty());

  for (const std::string_view root : {"", "."}) {
    const auto parsed = DnsName::from_text(root);
    REQUIRE(parsed.has_value());
    CHECK(parsed->is_root());
    CHECK(parsed->to_text() == ".");
    CHECK(to_hex(parsed->wire()) == "00");
    CHECK(parsed->label_count() == 0);
  }
  CHECK(DnsName().is_root());
  CHECK(DnsName() == name("."));

  CHECK(text_error("a..b") == DnsError::empty_label);
  CHECK(text_error(".a") == DnsError::empty_label);
  CHECK(text_error("..") == DnsError::empty_label);
  CHECK(text_error("a.b..") == DnsError::empty_label);
}

TEST_CASE("dns name: escapes both ways") {
  const auto dotted = name("a\\.b.example");
  CHECK(dotted.label_count() == 2);
  CHECK(to_hex(dotted.label(0)) == "61 2e 62");
  CHECK(dotted.to_text() == "a\\.b.example.");

  CHECK(to_hex(name("\\065\\098\\\\").label(0)) == "41 62 5c");
  CHECK(to_hex(name("\\000").wire()) == "01 00 00");
  CHECK(to_hex(name("\\0009").label(0)) == "00 39");
  CHECK(to_hex(name("\\255").label(0)) == "ff");
  CHECK(to_hex(name("a b").label(0)) == "61 20 62");  // taken as it is, printed escaped

  CHECK(text_error("\\256") == DnsError::bad_escape);
  CHECK(text_error("\\1") == DnsError::bad_escape);
  CHECK(text_error("\\12x") == DnsError::bad_escape);
  CHECK(text_error("a\\") == DnsError::bad_escape);
  CHECK(text_error("a.\\") == DnsError::bad_escape);

  // What dig escapes: . \ " ( ) ; @ $ with a backslash, other bytes outside 0x21..0x7e as \DDD.
  const auto special = DnsName::from_wire(from_hex("0c 2e 5c 22 28 29 3b 40 24 20 00 7f 80 03 41 2d 7e 00"));
  REQUIRE(special.has_value());
  CHECK(special->to_text() == "\\.\\\\\\\"\\(\\)\\;\\@\\$\\032\\000\\127\\128.A-~.");

  // Every byte value survives to_text -> from_text, case and all (100 bytes a name, 50 a label).
  for (unsigned start = 0; start < 256; start += 100) {
    std::vector<std::byte> wire;
    for (unsigned first = start; first < std::min(start + 100, 256U); first += 50) {
      const unsigned count = std::min(50U, 256U - first);
      wire.push_back(static_cast<std::byte>(count));
      for (unsigned b = first; b < first + count; ++b) wire.push_back(static_cast<std::byte>(b));
    }
    wire.push_back(std::byte{0});
    const auto all = DnsName::from_wire(wire);
    REQUIRE(all.has_value());
    const auto again = DnsName::from_text(all->to_text());
    REQUIRE(again.has_value());
    CHECK(to_hex(again->wire()) == to_hex(all->wire()));
  }
}

TEST_CASE("dns name: 63/64-byte labels and 255/256-byte names") {
  const std::string label63(63, 'a');
  const auto long_label = name(label63 + ".example");
  CHECK(long_label.label(0).size() == 63);
  CHECK(text_error(std::string(64, 'a') + ".example") == DnsError::label_too_long);
  CHECK(text_error(std::string(64, 'a')) == DnsError::label_too_long);

  // 1+63 three times, 1+61, and the root: 255 bytes.
  const std::string longest = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'b');
  const auto max = name(longest);
  CHECK(max.wire().size() == 255);
  CHECK(max.to_text() == longest + ".");
  CHECK(text_error(longest + "b") == DnsError::name_too_long);
  CHECK(text_error(longest + ".c") == DnsError::name_too_long);
  CHECK(DnsName::from_text(longest + ".")->wire().size() == 255);

  // Wire form: 64 is the label type 01xxxxxx, not a length; 256 bytes is too long.
  CHECK(DnsName::from_wire(from_hex("40 00")).error() == DnsError::bad_label_type);
  auto wire = std::vector<std::byte>(max.wire().begin(), max.wire().end());
  wire[3 * 64] = std::byte{62};
  wire.insert(wire.end() - 1, std::byte{'b'});
  CHECK(DnsName::from_wire(wire).error() == DnsError::name_too_long);
}

TEST_CASE("dns name: from_wire takes exactly one uncompressed name") {
  CHECK(DnsName::from_wire(from_hex("01 61 00"))->to_text() == "a.");
  CHECK(DnsName::from_wire(from_hex("01 61 00 00")).error() == DnsError::trailing_bytes);
  CHECK(DnsName::from_wire(from_hex("01 61")).error() == DnsError::truncated);
  CHECK(DnsName::from_wire(from_hex("02 61")).error() == DnsError::truncated);
  CHECK(DnsName::from_wire({}).error() == DnsError::truncated);
  CHECK(DnsName::from_wire(from_hex("01 61 c0 00")).error() == DnsError::bad_label_type);
  CHECK(DnsName::from_wire(from_hex("80 00")).error() == DnsError::bad_label_type);
}

TEST_CASE("dns name: case-insensitive equality, case kept") {
  const auto mixed = name("WWW.Example.COM");
  CHECK(mixed == name("www.example.com"));
  CHECK(mixed.to_text() == "WWW.Example.COM.");
  CHECK((mixed <=> name("www.EXAMPLE.com")) == std::strong_ordering::equal);
  CHECK(name("a.example") != name("b.example"));
  CHECK(name("example") != name("example.com"));
  // Only ASCII letters fold: 0xc0 and 0xe0 differ.
  CHECK(name("\\192") != name("\\224"));
  CHECK(name("[") != name("{"));
}

TEST_CASE("dns name: canonical order of RFC 4034 section 6.1") {
  const std::vector<std::string_view> sorted = {
      "example", "a.example", "yljkjljk.a.example", "Z.a.example", "zABC.a.EXAMPLE",
      "z.example", "\\001.z.example", "*.z.example", "\\200.z.example"};
  std::vector<DnsName> names;
  for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) names.push_back(name(*it));
  std::ranges::sort(names);
  for (std::size_t i = 0; i < sorted.size(); ++i) CHECK(names[i] == name(sorted[i]));
  CHECK(DnsName() < name("example"));
  CHECK(name("a.example") < name("b.example"));
  CHECK(name("b.a") < name("a.b"));  // the rightmost label decides first
  CHECK(name("ab.example") > name("a.example"));
}

TEST_CASE("dns name: parent, ancestor, is_subdomain_of") {
  const auto host = name("www.Example.com");
  CHECK(host.parent() == name("example.com"));
  CHECK(host.parent().parent().parent().is_root());
  CHECK(DnsName().parent().is_root());
  CHECK(host.ancestor(0).is_root());
  CHECK(host.ancestor(1) == name("com"));
  CHECK(host.ancestor(2).to_text() == "Example.com.");
  CHECK(host.ancestor(3) == host);
  CHECK(host.ancestor(9) == host);

  CHECK(host.is_subdomain_of(name("example.COM")));
  CHECK(host.is_subdomain_of(host));
  CHECK(host.is_subdomain_of(DnsName()));
  CHECK_FALSE(host.is_subdomain_of(name("ample.com")));
  CHECK_FALSE(host.is_subdomain_of(name("a.www.example.com")));
  CHECK_FALSE(name("com").is_subdomain_of(name("example.com")));
  CHECK(DnsName().is_subdomain_of(DnsName()));
}

TEST_CASE("dns name: prepend") {
  const auto zone = name("example");
  const auto www = zone.prepend(bytes_of("www"));
  REQUIRE(www.has_value());
  CHECK(*www == name("www.example"));
  CHECK(DnsName().prepend(bytes_of("com"))->to_text() == "com.");
  CHECK(zone.prepend({}).error() == DnsError::empty_label);
  CHECK(zone.prepend(bytes_of(std::string(64, 'x'))).error() == DnsError::label_too_long);
  CHECK(zone.prepend(bytes_of(std::string(63, 'x'))).has_value());

  const std::string label63(63, 'a');
  const auto big = name(label63 + "." + label63 + "." + label63 + "." + std::string(59, 'b'));  // 253
  CHECK(big.prepend(bytes_of("c"))->wire().size() == 255);
  CHECK(big.prepend(bytes_of("cc")).error() == DnsError::name_too_long);
  CHECK(big.parent().prepend(bytes_of(std::string(63, 'd')))->wire().size() == 253);
}

TEST_CASE("dns name: replace_suffix (DNAME substitution) and its overflow") {
  const auto query = name("a.b.dname.example");
  const auto replaced = query.replace_suffix(name("DNAME.example"), name("example.net"));
  REQUIRE(replaced.has_value());
  CHECK(replaced->to_text() == "a.b.example.net.");
  CHECK(query.replace_suffix(name("dname.example"), DnsName())->to_text() == "a.b.");
  CHECK(name("dname.example").replace_suffix(name("dname.example"), name("x.y"))->to_text() == "x.y.");
  CHECK(query.replace_suffix(DnsName(), name("z"))->to_text() == "a.b.dname.example.z.");

  const std::string label63(63, 'a');
  const auto long_target = name(label63 + "." + label63 + "." + label63 + "." + std::string(58, 't'));  // 252
  CHECK(query.replace_suffix(name("dname.example"), long_target).error() == DnsError::name_too_long);
  CHECK(name("b.dname.example").replace_suffix(name("dname.example"), long_target)->wire().size() == 254);
  // Not below the owner: the DNAME does not apply.
  CHECK(query.replace_suffix(name("other.example"), long_target).error() == DnsError::bad_rdata);
}

TEST_CASE("dns name: read_dns_name with backward pointers") {
  // 12: example. ; 21: www + pointer to 12 ; 27: pointer to 21
  const auto msg = message("07 65 78 61 6d 70 6c 65 00 03 77 77 77 c0 0c c0 15");
  const auto plain = read_dns_name(msg, 12);
  REQUIRE(plain.has_value());
  CHECK(plain->name == name("example"));
  CHECK(plain->next == 21);
  const auto www = read_dns_name(msg, 21);
  REQUIRE(www.has_value());
  CHECK(www->name.to_text() == "www.example.");
  CHECK(www->next == 27);  // just after the first pointer
  const auto twice = read_dns_name(msg, 27);
  REQUIRE(twice.has_value());
  CHECK(twice->name.to_text() == "www.example.");
  CHECK(twice->next == 29);
  CHECK(read_dns_name(msg, 29).error() == DnsError::truncated);
  CHECK(read_dns_name(msg, 500).error() == DnsError::truncated);
  // A pointer cut after its first byte.
  CHECK(read_dns_name(std::span(msg).first(28), 27).error() == DnsError::truncated);
}

TEST_CASE("dns name: forward, self and looping pointers") {
  // A pointer to a later offset.
  CHECK(read_dns_name(message("c0 0e 01 61 00"), 12).error() == DnsError::forward_pointer);
  // A pointer to itself.
  CHECK(read_dns_name(message("c0 0c"), 12).error() == DnsError::forward_pointer);
  // A label, then a pointer back to that label: every turn adds "a", until the name is too long.
  CHECK(read_dns_name(message("01 61 c0 0c"), 12).error() == DnsError::name_too_long);
  // Two pointers at each other: the first points forwards.
  CHECK(read_dns_name(message("c0 0e c0 0c"), 12).error() == DnsError::forward_pointer);
  CHECK(read_dns_name(message("c0 0e c0 0c"), 14).error() == DnsError::forward_pointer);
  // A pointer whose 14 bits go past the message.
  CHECK(read_dns_name(message("ff ff"), 12).error() == DnsError::forward_pointer);
}

TEST_CASE("dns name: a pointer into the header is followed like any backward pointer") {
  // The ID 0x0161 reads as the label "a", the flags' first byte as the root.
  auto msg = message("c0 00");
  msg[0] = std::byte{0x01};
  msg[1] = std::byte{0x61};
  const auto read = read_dns_name(msg, 12);
  REQUIRE(read.has_value());
  CHECK(read->name.to_text() == "a.");
  CHECK(read->next == 14);
  // Header bytes that are not a name fail as such.
  msg[0] = std::byte{0x40};
  CHECK(read_dns_name(msg, 12).error() == DnsError::bad_label_type);
}

TEST_CASE("dns name: 127 pointer jumps are followed, 128 are not") {
  // 12: the root; then pointers, each to the one before it.
  const auto chain = [](std::size_t pointers) {
    auto msg = message("00");
    for (std::size_t k = 0; k < pointers; ++k) {
      const std::size_t target = k == 0 ? 12 : 13 + 2 * (k - 1);
      msg.push_back(static_cast<std::byte>(0xc0 | (target >> 8)));
      msg.push_back(static_cast<std::byte>(target & 0xff));
    }
    return msg;
  };
  const auto ok = chain(max_pointer_jumps);
  const auto read = read_dns_name(ok, ok.size() - 2);
  REQUIRE(read.has_value());
  CHECK(read->name.is_root());
  CHECK(read->next == ok.size());
  const auto too_many = chain(max_pointer_jumps + 1);
  CHECK(read_dns_name(too_many, too_many.size() - 2).error() == DnsError::too_many_pointers);
}

TEST_CASE("dns name: label types 01 and 10 are refused") {
  CHECK(read_dns_name(message("40 00"), 12).error() == DnsError::bad_label_type);
  CHECK(read_dns_name(message("80 00"), 12).error() == DnsError::bad_label_type);
  CHECK(read_dns_name(message("01 61 41 00"), 12).error() == DnsError::bad_label_type);
  CHECK(read_dns_name(message("01 61 bf ff"), 12).error() == DnsError::bad_label_type);
}

TEST_CASE("dns name: a compressed name over 255 bytes") {
  // 12: 63 x 'a' twice and the root (129 bytes); 141: 63 x 'b' twice, then a pointer to 12.
  const auto label = [](char c) {
    std::string hex = "3f";
    for (int i = 0; i < 63; ++i) hex += c == 'a' ? " 61" : " 62";
    return hex + " ";
  };
  const std::string body = label('a') + label('a') + "00 " + label('b') + label('b') + "c0 0c";
  const auto msg = message(body);
  CHECK(read_dns_name(msg, 12)->name.wire().size() == 129);
  CHECK(read_dns_name(msg, 141).error() == DnsError::name_too_long);
}
