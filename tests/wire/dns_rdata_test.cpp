// Rdata: presentation checked against what dig 9.18 printed for the same captured records
// (dns_captures.hpp), typed accessors, malformed rdata as RFC 3597, and rdata from text.
#include "netdiag/wire/dns_rdata.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dns_captures.hpp"
#include "support/hex.hpp"

using netdiag::test::from_hex;
using netdiag::test::to_hex;
namespace captures = netdiag::test::dns_captures;
using namespace netdiag::wire;

namespace {

DnsName name(std::string_view text) { return DnsName::from_text(text).value(); }

std::vector<DnsRecord> records_of(std::string_view hex) {
  const auto bytes = from_hex(hex);
  auto message = parse_dns_message(bytes);
  REQUIRE(message.has_value());
  std::vector<DnsRecord> all = message->answers;
  all.insert(all.end(), message->authority.begin(), message->authority.end());
  all.insert(all.end(), message->additional.begin(), message->additional.end());
  return all;
}

// A record line cut into owner, TTL, class, type and rdata: dig pads the first four fields with
// tabs or spaces, we separate them with one tab.
std::vector<std::string> fields(std::string_view line) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    const std::size_t end = line.find_first_of(" \t", pos);
    out.emplace_back(line.substr(pos, end - pos));
    pos = end == std::string_view::npos ? line.size() : end;
  }
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  out.emplace_back(line.substr(pos));
  return out;
}

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    out.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

std::string text(std::uint16_t type, std::string_view hex) { return dns_rdata_to_text(type, from_hex(hex)); }

std::vector<std::byte> from_text(std::uint16_t type, std::string_view text) {
  const auto rdata = dns_rdata_from_text(type, text);
  REQUIRE_MESSAGE(rdata.has_value(), text);
  return *rdata;
}

}  // namespace

TEST_CASE("dns rdata: every captured record prints as dig 9.18 printed it") {
  std::size_t checked = 0;
  for (const auto& capture : captures::all) {
    CAPTURE(capture.name);
    const auto records = records_of(capture.response);
    const auto expected = lines(capture.dig);
    REQUIRE(records.size() == expected.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
      const std::string ours = dns_record_to_text(records[i]);
      CAPTURE(ours);
      CHECK(ours.find('\n') == std::string::npos);
      CHECK(std::ranges::count(ours, '\t') >= 4);
      CHECK(fields(ours) == fields(expected[i]));
      ++checked;
    }
  }
  CHECK(checked > 150);
}

TEST_CASE("dns rdata: the captures hold every type the brief asks for") {
  std::vector<std::uint16_t> seen;
  for (const auto& capture : captures::all) {
    for (const auto& record : records_of(capture.response)) seen.push_back(record.type);
  }
  for (const std::uint16_t type :
       {dns_type::a, dns_type::aaaa, dns_type::ns, dns_type::cname, dns_type::dname, dns_type::ptr, dns_type::soa,
        dns_type::mx, dns_type::txt, dns_type::hinfo, dns_type::srv, dns_type::naptr, dns_type::caa, dns_type::ds,
        dns_type::sshfp, dns_type::tlsa, dns_type::dnskey, dns_type::rrsig, dns_type::nsec, dns_type::nsec3,
        dns_type::nsec3param, dns_type::svcb, dns_type::https, std::uint16_t{65280}}) {
    CAPTURE(dns_type_to_text(type));
    CHECK(std::ranges::find(seen, type) != seen.end());
  }
}

TEST_CASE("dns rdata: typed accessors") {
  const auto answer = records_of(captures::a_dnssec);
  CHECK(dns_record_address(answer[0])->to_string() == "198.18.0.1");
  CHECK_FALSE(dns_record_address(answer[1]).has_value());  // the RRSIG
  const auto aaaa = records_of(captures::aaaa);
  CHECK(dns_record_address(aaaa[0])->to_string() == "fd00:18::1");
  CHECK(dns_record_target(aaaa[1]) == name("ns1.example"));
  CHECK_FALSE(dns_record_target(aaaa[0]).has_value());

  DnsRecord bad{name("x"), dns_type::a, dns_class_in, 0, from_hex("01 02 03")};
  CHECK_FALSE(dns_record_address(bad).has_value());
  bad.type = dns_type::aaaa;
  CHECK_FALSE(dns_record_address(bad).has_value());
  bad.type = dns_type::cname;
  CHECK_FALSE(dns_record_target(bad).has_value());
  bad.rdata = from_hex("01 61 00 00");
  CHECK_FALSE(dns_record_target(bad).has_value());
  bad.type = 99;
  bad.rdata = from_hex("01 61 00");
  CHECK_FALSE(dns_record_target(bad).has_value());

  const auto soa_record = records_of(captures::soa)[0];
  const auto soa = dns_record_soa(soa_record);
  REQUIRE(soa.has_value());
  CHECK(soa->mname == name("ns1.example"));
  CHECK(soa->rname == name("hostmaster.example"));
  CHECK(soa->serial == 2026120101);
  CHECK(soa->refresh == 7200);
  CHECK(soa->retry == 3600);
  CHECK(soa->expire == 1209600);
  CHECK(soa->minimum == 300);
  auto cut = soa_record;
  cut.rdata.pop_back();
  CHECK_FALSE(dns_record_soa(cut).has_value());
  cut.rdata = soa_record.rdata;
  cut.rdata.push_back(std::byte{0});
  CHECK_FALSE(dns_record_soa(cut).has_value());
  CHECK_FALSE(dns_record_soa(answer[0]).has_value());
}

TEST_CASE("dns rdata: unknown types and malformed known ones as RFC 3597") {
  CHECK(text(65280, "0a 00 00 01") == "\\# 4 0A000001");
  CHECK(text(65280, "") == "\\# 0");
  CHECK(text(dns_type::a, "c6 12 00") == "\\# 3 C61200");
  CHECK(text(dns_type::a, "") == "\\# 0");
  CHECK(text(dns_type::aaaa, "c6 12 00 01") == "\\# 4 C6120001");
  CHECK(text(dns_type::txt, "") == "\\# 0");
  CHECK(text(dns_type::txt, "05 61") == "\\# 2 0561");
  CHECK(text(dns_type::ns, "c0 0c") == "\\# 2 C00C");  // a pointer means nothing outside a message
  CHECK(text(dns_type::ns, "01 61 00 00") == "\\# 4 01610000");
  CHECK(text(dns_type::mx, "00 0a") == "\\# 2 000A");
  CHECK(text(dns_type::hinfo, "01 61") == "\\# 2 0161");
  CHECK(text(dns_type::opt, "") == "\\# 0");
  // Long hex is split like dig's: 56 characters, a space, the rest.
  std::string hex;
  for (int i = 0; i < 40; ++i) hex += "ab";
  std::string first, second;
  for (int i = 0; i < 28; ++i) first += "AB";
  for (int i = 0; i < 12; ++i) second += "AB";
  CHECK(text(65282, hex) == "\\# 40 " + first + " " + second);
}

TEST_CASE("dns rdata: TXT, HINFO, CAA and NAPTR quoting") {
  CHECK(text(dns_type::txt, "00") == "\"\"");
  CHECK(text(dns_type::txt, "03 61 22 5c 01 7f 00") == "\"a\\\"\\\\\" \"\\127\" \"\"");
  CHECK(text(dns_type::txt, "04 20 3b 28 29") == "\" ;()\"");
  CHECK(text(dns_type::txt, "02 00 ff") == "\"\\000\\255\"");
  CHECK(text(dns_type::hinfo, "01 61 00") == "\"a\" \"\"");
  CHECK(text(dns_type::hinfo, "01 61 00 00") == "\\# 4 01610000");
  CHECK(text(dns_type::caa, "00 05 69 73 73 75 65 61 2e 6f 72 67") == "0 issue \"a.org\"");
  CHECK(text(dns_type::caa, "80 05 69 73 73 75 65") == "128 issue \"\"");
  CHECK(text(dns_type::caa, "00 00 61") == "\\# 3 000061");      // an empty tag
  CHECK(text(dns_type::caa, "00 02 61 2d") == "\\# 4 0002612D");  // not letters and digits
  CHECK(text(dns_type::caa, "00 03 61") == "\\# 3 000361");       // a tag past the end
  CHECK(text(dns_type::naptr, "0064 000a 01 53 00 00 00") == "100 10 \"S\" \"\" \"\" .");
}

TEST_CASE("dns rdata: DNSSEC types") {
  // RRSIG times are UTC; 0 and the largest 32-bit value.
  const std::string rrsig_head = "0001 0d 02 0000012c ";
  CHECK(text(dns_type::rrsig, rrsig_head + "00000000 ffffffff 3039 07 6578616d706c65 00 0102") ==
        "A 13 2 300 19700101000000 21060207062815 12345 example. AQI=");
  CHECK(text(dns_type::rrsig, rrsig_head + "6b359b00 6b0e0e00 3039 00 01") ==
        "A 13 2 300 20261231000000 20261201000000 12345 . AQ==");
  CHECK(text(dns_type::rrsig, rrsig_head + "6b359b00 6b0e0e00 3039 00").starts_with("\\# "));  // no signature
  CHECK(text(dns_type::rrsig, "0001 0d 02 0000012c 6b359b00").starts_with("\\# "));
  CHECK(text(dns_type::dnskey, "0101 03 0d 010203") == "257 3 13 AQID");
  CHECK(text(dns_type::dnskey, "0101 03 0d").starts_with("\\# "));
  // DS digests have the lengths of their digest types.
  CHECK(text(dns_type::ds, "3039 0d 02 " + std::string(64, 'a')) ==
        "12345 13 2 " + std::string(56, 'A') + " AAAAAAAA");
  CHECK(text(dns_type::ds, "3039 0d 02 aaaa").starts_with("\\# "));
  CHECK(text(dns_type::ds, "3039 0d 01 " + std::string(40, '0')) == "12345 13 1 " + std::string(40, '0'));
  CHECK(text(dns_type::ds, "3039 0d 09 ab") == "12345 13 9 AB");
  CHECK(text(dns_type::ds, "3039 0d 09").starts_with("\\# "));
  CHECK(text(dns_type::sshfp, "01 02 abcd").starts_with("\\# "));
  CHECK(text(dns_type::sshfp, "04 07 abcd") == "4 7 ABCD");
  CHECK(text(dns_type::tlsa, "03 01 01 00ff") == "3 1 1 00FF");
  CHECK(text(dns_type::tlsa, "03 01 01").starts_with("\\# "));

  // Type bitmaps: windows in order, 1-32 bytes each, no trailing zero byte.
  CHECK(text(dns_type::nsec, "01 61 00 0007 62000000000380 0101 40") == "a. A NS SOA RRSIG NSEC DNSKEY CAA");
  CHECK(text(dns_type::nsec, "01 61 00 00 01 40 ff 01 01") == "a. A TYPE65287");
  CHECK(text(dns_type::nsec, "01 61 00").starts_with("\\# "));              // NSEC needs a bitmap
  CHECK(text(dns_type::nsec, "01 61 00 0002 4000").starts_with("\\# "));    // trailing zero byte
  CHECK(text(dns_type::nsec, "01 61 00 0000").starts_with("\\# "));         // empty window
  CHECK(text(dns_type::nsec, "01 61 00 0101 40 0001 40").starts_with("\\# "));  // out of order
  CHECK(text(dns_type::nsec, "01 61 00 0001 40 0001 40").starts_with("\\# "));  // repeated
  CHECK(text(dns_type::nsec, "01 61 00 0021" + std::string(66, '1')).starts_with("\\# "));  // 33 bytes
  CHECK(text(dns_type::nsec, "01 61 00 0003 4000").starts_with("\\# "));    // past the end

  // NSEC3: empty salt is "-", the hash in base32hex, an empty bitmap allowed.
  CHECK(text(dns_type::nsec3, "01 01 0000 00 05 0102030405") == "1 1 0 - 04106105");
  CHECK(text(dns_type::nsec3, "01 00 000a 02 abcd 01 ff 0001 40") == "1 0 10 ABCD VS A");
  CHECK(text(dns_type::nsec3, "01 00 000a 00 00").starts_with("\\# "));     // no hash
  CHECK(text(dns_type::nsec3, "01 00 000a 00 02 ff").starts_with("\\# "));  // hash past the end
  CHECK(text(dns_type::nsec3param, "01 00 0000 00") == "1 0 0 -");
  CHECK(text(dns_type::nsec3param, "01 00 0000 00 00").starts_with("\\# "));
}

TEST_CASE("dns rdata: SVCB and HTTPS as dig 9.18 prints them (RFC 9460 presentation)") {
  CHECK(text(dns_type::https, "0001 00 0001 0006 02683202683300040004c6120001") ==
        "1 . alpn=\"h2,h3\" ipv4hint=198.18.0.1");
  CHECK(text(dns_type::https, "0000 03 777777 00") == "0 www.");
  // mandatory, no-default-alpn, port, an unknown key with and without a value.
  CHECK(text(dns_type::svcb, "0002 00 0000 0004 00010003 0002 0000 0003 0002 01bb fde8 0000 fde9 0002 2261") ==
        "2 . mandatory=alpn,port no-default-alpn port=443 key65000 key65001=\"\\\"a\"");
  // ',' and '\' inside an alpn id.
  CHECK(text(dns_type::https, "0001 00 0001 0005 04 612c5c62") == "1 . alpn=\"a\\\\,\\\\\\\\b\"");
  // Keys out of order or repeated, key 65535, bad values: RFC 3597 form.
  CHECK(text(dns_type::svcb, "0001 00 0003 0002 01bb 0001 0003 02 6832").starts_with("\\# "));
  CHECK(text(dns_type::svcb, "0001 00 0003 0002 01bb 0003 0002 01bb").starts_with("\\# "));
  CHECK(text(dns_type::svcb, "0001 00 ffff 0000").starts_with("\\# "));
  CHECK(text(dns_type::svcb, "0001 00 0003 0001 01").starts_with("\\# "));
  CHECK(text(dns_type::svcb, "0001 00 0002 0001 01").starts_with("\\# "));
  CHECK(text(dns_type::svcb, "0001 00 0004 0003 c61200").starts_with("\\# "));
  CHECK(text(dns_type::svcb, "0001 00 0001 0000").starts_with("\\# "));
  CHECK(text(dns_type::svcb, "0001 00 0001 0001 00").starts_with("\\# "));  // an empty alpn id
  CHECK(text(dns_type::svcb, "0001 00 0000 0003 000100").starts_with("\\# "));
  CHECK(text(dns_type::svcb, "0001 00 0005 0000").starts_with("\\# "));
  CHECK(text(dns_type::svcb, "0001 00 0003 0004 01bb").starts_with("\\# "));  // value past the end
  CHECK(text(dns_type::svcb, "0001 c0 0c").starts_with("\\# "));              // a compressed target
}

TEST_CASE("dns rdata: presentation of the other name-bearing types") {
  CHECK(text(dns_type::srv, "0000 0005 13c4 03 736970 00") == "0 5 5060 sip.");
  CHECK(text(17, "01 61 00 01 62 00") == "a. b.");          // RP
  CHECK(text(18, "0001 01 61 00") == "1 a.");               // AFSDB
  CHECK(text(26, "000a 01 61 00 01 62 00") == "10 a. b.");  // PX
  CHECK(text(dns_type::soa, "00 00 00000001 00000002 00000003 00000004 00000005") == ". . 1 2 3 4 5");
  CHECK(text(dns_type::soa, "00 00 00000001 00000002 00000003 00000004").starts_with("\\# "));
}

TEST_CASE("dns rdata: from text for the types the fake servers and root hints use") {
  CHECK(to_hex(from_text(dns_type::a, "198.18.53.10")) == "c6 12 35 0a");
  CHECK(to_hex(from_text(dns_type::aaaa, "fd00:53::2:30")) ==
        "fd 00 00 53 00 00 00 00 00 00 00 00 00 02 00 30");
  CHECK_FALSE(dns_rdata_from_text(dns_type::a, "fd00:53::2:30").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::aaaa, "198.18.53.10").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::a, "198.18.53.10 198.18.53.11").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::a, "").has_value());
  CHECK(to_hex(from_text(dns_type::ns, "A.ROOT-SERVERS.NET.")) ==
        "01 41 0c 52 4f 4f 54 2d 53 45 52 56 45 52 53 03 4e 45 54 00");
  CHECK(from_text(dns_type::cname, "www.example") == from_text(dns_type::cname, "www.example."));
  CHECK(from_text(dns_type::dname, ".") == from_hex("00"));
  CHECK(from_text(dns_type::ptr, "a\\.b.c") == from_hex("03 61 2e 62 01 63 00"));
  CHECK_FALSE(dns_rdata_from_text(dns_type::ns, "a..b").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::ns, "\"a\"").has_value());
  CHECK(from_text(dns_type::mx, "10 mail.example.") == from_hex("000a 04 6d61696c 07 6578616d706c65 00"));
  CHECK_FALSE(dns_rdata_from_text(dns_type::mx, "65536 mail.example.").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::mx, "-1 mail.example.").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::mx, "10").has_value());
  CHECK(from_text(dns_type::srv, "0 5 5060 sip.example.") == from_hex("0000 0005 13c4 03 736970 07 6578616d706c65 00"));
  CHECK(from_text(dns_type::soa, "ns1.example. hostmaster.example. 2026120101 7200 3600 1209600 300") ==
        records_of(captures::soa)[0].rdata);
  CHECK_FALSE(dns_rdata_from_text(dns_type::soa, "a. b. 1 2 3 4").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::soa, "a. b. 1 2 3 4 4294967296").has_value());

  // TXT: quoted or not, dig's escapes, one character-string per token.
  CHECK(from_text(dns_type::txt, "\"v=spf1 -all\"") == from_hex("0b 763d73706631202d616c6c"));
  CHECK(from_text(dns_type::txt, "a b\\ c \"\"") == from_hex("01 61 03 622063 00"));
  CHECK(from_text(dns_type::txt, R"txt("say \"hi\" \\ back" "tab\009nul\000 e\233;()")txt") ==
        from_hex("0f 7361792022686922205c206261636b 0e 74616209 6e756c00 20 65 e9 3b 28 29"));
  CHECK_FALSE(dns_rdata_from_text(dns_type::txt, "\"open").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::txt, "a\\").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::txt, "\\256").has_value());
  CHECK_FALSE(dns_rdata_from_text(dns_type::txt, "\"" + std::string(256, 'x') + "\"").has_value());
  CHECK(dns_rdata_from_text(dns_type::txt, "\"" + std::string(255, 'x') + "\"")->size() == 256);
  CHECK_FALSE(dns_rdata_from_text(dns_type::txt, "").has_value());

  // RFC 3597 for any type, hex split anywhere.
  CHECK(from_text(65280, "\\# 4 0A000001") == from_hex("0a000001"));
  CHECK(from_text(dns_type::a, "\\# 4 c6 12 00 01") == from_hex("c6120001"));
  CHECK(from_text(65281, "\\# 0").empty());
  CHECK_FALSE(dns_rdata_from_text(65280, "\\# 3 0A000001").has_value());
  CHECK_FALSE(dns_rdata_from_text(65280, "\\# 4 0A00000G").has_value());
  CHECK_FALSE(dns_rdata_from_text(65280, "\\# 4 0A00000").has_value());
  CHECK_FALSE(dns_rdata_from_text(65280, "\\#").has_value());
  CHECK_FALSE(dns_rdata_from_text(65280, "0A000001").has_value());  // no presentation of its own
  CHECK_FALSE(dns_rdata_from_text(dns_type::caa, "0 issue \"a.org\"").has_value());

  // What to_text prints, from_text reads back.
  for (const auto& capture : captures::all) {
    for (const auto& record : records_of(capture.response)) {
      switch (record.type) {
        case dns_type::a:
        case dns_type::aaaa:
        case dns_type::ns:
        case dns_type::cname:
        case dns_type::dname:
        case dns_type::ptr:
        case dns_type::mx:
        case dns_type::txt:
        case dns_type::soa:
        case dns_type::srv: break;
        default: continue;
      }
      const std::string presented = dns_rdata_to_text(record.type, record.rdata);
      CAPTURE(presented);
      CHECK(dns_rdata_from_text(record.type, presented) == record.rdata);
    }
    for (const auto& record : records_of(capture.response)) {
      CHECK(dns_rdata_from_text(record.type, "\\# " + std::to_string(record.rdata.size()) + " " +
                                                 to_hex(record.rdata)) == record.rdata);
    }
  }
}
