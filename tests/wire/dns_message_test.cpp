// DNS messages: captured replies of a real server (dns_captures.hpp), hostile counts, pointers
// and OPT records, truncation at every length, parse -> build -> parse, and query goldens.
#include "netdiag/wire/dns_message.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dns_captures.hpp"
#include "netdiag/wire/dns_rdata.hpp"
#include "support/hex.hpp"

using netdiag::test::from_hex;
using netdiag::test::to_hex;
namespace captures = netdiag::test::dns_captures;
using namespace netdiag::wire;

namespace {

DnsName name(std::string_view text) { return DnsName::from_text(text).value(); }

DnsRecord record(std::string_view owner, std::uint16_t type, std::uint32_t ttl, std::string_view rdata) {
  return DnsRecord{name(owner), type, dns_class_in, ttl, dns_rdata_from_text(type, rdata).value()};
}

DnsEdns edns_with(std::uint16_t udp_payload_size) {
  DnsEdns edns;
  edns.udp_payload_size = udp_payload_size;
  return edns;
}

bool same_records(const std::vector<DnsRecord>& a, const std::vector<DnsRecord>& b) {
  return std::ranges::equal(a, b, [](const DnsRecord& x, const DnsRecord& y) {
    return to_hex(x.name.wire()) == to_hex(y.name.wire()) && x.type == y.type && x.klass == y.klass &&
           x.ttl == y.ttl && x.rdata == y.rdata;
  });
}

// Field by field, owner names byte for byte (case included).
void check_same(const DnsMessage& a, const DnsMessage& b) {
  CHECK(a.header.id == b.header.id);
  CHECK(a.header.qr == b.header.qr);
  CHECK(a.header.opcode == b.header.opcode);
  CHECK(a.header.aa == b.header.aa);
  CHECK(a.header.tc == b.header.tc);
  CHECK(a.header.rd == b.header.rd);
  CHECK(a.header.ra == b.header.ra);
  CHECK(a.header.ad == b.header.ad);
  CHECK(a.header.cd == b.header.cd);
  CHECK(a.header.rcode == b.header.rcode);
  CHECK(a.questions == b.questions);
  CHECK(same_records(a.answers, b.answers));
  CHECK(same_records(a.authority, b.authority));
  CHECK(same_records(a.additional, b.additional));
  REQUIRE(a.edns.has_value() == b.edns.has_value());
  if (a.edns) {
    CHECK(a.edns->udp_payload_size == b.edns->udp_payload_size);
    CHECK(a.edns->version == b.edns->version);
    CHECK(a.edns->dnssec_ok == b.edns->dnssec_ok);
    CHECK(a.edns->options == b.edns->options);
  }
}

std::size_t dig_lines(std::string_view dig) {
  return dig.empty() ? 0 : static_cast<std::size_t>(std::ranges::count(dig, '\n')) + 1;
}

DnsMessage parse_capture(std::string_view hex) {
  const auto bytes = from_hex(hex);
  const auto parsed = parse_dns_message(bytes);
  REQUIRE(parsed.has_value());
  return *parsed;
}

// The 40 TXT records of big.example. (as in the captured zone), 2.5 kB in all.
DnsMessage big_txt_response() {
  DnsMessage message;
  message.header = {.id = 0x4e1f, .qr = true, .aa = true};
  message.questions.push_back({name("big.example"), dns_type::txt, dns_class_in});
  for (int i = 0; i < 40; ++i) {
    const std::string text = "\"record " + std::string(i < 10 ? "0" : "") + std::to_string(i) +
                             " of the big RRset: padding padding padding padding\"";
    message.answers.push_back(record("big.example", dns_type::txt, 300, text));
  }
  message.edns = edns_with(1232);
  return message;
}

}  // namespace

TEST_CASE("dns message: every captured NSD reply parses, with its question and sections") {
  for (const auto& capture : captures::all) {
    CAPTURE(capture.name);
    const auto query = parse_capture(capture.query);
    const auto reply = parse_capture(capture.response);
    CHECK(reply.header.id == query.header.id);
    CHECK(reply.header.qr);
    CHECK_FALSE(query.header.qr);
    CHECK(reply.header.opcode == 0);
    CHECK_FALSE(reply.header.rd);
    REQUIRE(reply.questions.size() == 1);
    CHECK(reply.questions == query.questions);
    CHECK(reply.edns.has_value() == query.edns.has_value());
    if (reply.edns) {
      CHECK(reply.edns->udp_payload_size == 1232);
      CHECK(reply.edns->version == 0);
      CHECK(reply.edns->dnssec_ok == query.edns->dnssec_ok);
    }
    const std::size_t records = reply.answers.size() + reply.authority.size() + reply.additional.size();
    CHECK(records == dig_lines(capture.dig));
    const bool nxdomain = capture.name.starts_with("nxdomain");
    CHECK(reply.header.rcode == (nxdomain ? dns_rcode::nxdomain : dns_rcode::noerror));
    CHECK(reply.header.tc == capture.name.ends_with("_tc"));
    // Referrals are not authoritative answers.
    CHECK(reply.header.aa == (capture.name != "referral"));
  }
}

TEST_CASE("dns message: names inside rdata are decompressed") {
  const auto bytes = from_hex(captures::ns_glue);
  // NSD compressed the NS targets: "03 6e 73 31 c0 0c" is ns1 + a pointer to the question.
  CHECK(to_hex(bytes).find("00 06 03 6e 73 31 c0 0c") != std::string::npos);
  const auto reply = parse_capture(captures::ns_glue);
  REQUIRE(reply.answers.size() == 2);
  CHECK(to_hex(reply.answers[0].rdata) == "03 6e 73 31 07 65 78 61 6d 70 6c 65 00");
  CHECK(dns_record_target(reply.answers[1]) == name("ns2.example"));

  const struct {
    std::string_view capture;
    std::uint16_t type;
    std::string_view text;
  } cases[] = {
      {captures::cname, dns_type::cname, "www.example."},
      {captures::mx, dns_type::mx, "10 mail.example."},
      {captures::soa, dns_type::soa, "ns1.example. hostmaster.example. 2026120101 7200 3600 1209600 300"},
      {captures::ptr, dns_type::ptr, "www.example."},
      {captures::srv, dns_type::srv, "0 5 5060 sip.example."},
      {captures::dname, dns_type::dname, "example.net."},
      {captures::referral, dns_type::ns, "ns.sub.example."},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_capture(c.capture);
    const auto& first = parsed.answers.empty() ? parsed.authority.front() : parsed.answers.front();
    REQUIRE(first.type == c.type);
    CHECK(first.rdata == dns_rdata_from_text(c.type, c.text).value());
  }
}

TEST_CASE("dns message: NXDOMAIN with the zone's SOA, a delegation with glue, a CNAME, a DNAME") {
  const auto nx = parse_capture(captures::nxdomain);
  CHECK(nx.header.rcode == dns_rcode::nxdomain);
  CHECK(dns_rcode_to_text(nx.header.rcode) == "NXDOMAIN");
  CHECK(nx.answers.empty());
  REQUIRE(nx.authority.size() == 1);
  const auto soa = dns_record_soa(nx.authority[0]);
  REQUIRE(soa.has_value());
  CHECK(soa->minimum == 300);

  const auto referral = parse_capture(captures::referral);
  CHECK(referral.answers.empty());
  REQUIRE(referral.authority.size() == 1);
  CHECK(referral.authority[0].name == name("sub.example"));
  REQUIRE(referral.additional.size() == 2);
  CHECK(dns_record_address(referral.additional[0])->to_string() == "198.18.54.1");
  CHECK(dns_record_address(referral.additional[1])->to_string() == "fd00:54::1");

  const auto cname = parse_capture(captures::cname);
  REQUIRE(cname.answers.size() == 2);
  CHECK(cname.answers[0].type == dns_type::cname);
  CHECK(dns_record_target(cname.answers[0]) == cname.answers[1].name);

  const auto dname = parse_capture(captures::dname);
  REQUIRE(dname.answers.size() == 2);
  const auto target = dns_record_target(dname.answers[0]);
  REQUIRE(target.has_value());
  const auto synthesized = dname.questions[0].name.replace_suffix(dname.answers[0].name, *target);
  CHECK(dns_record_target(dname.answers[1]) == synthesized.value());
}

TEST_CASE("dns message: the big TXT RRset comes back truncated, and TC replies may be cut anywhere") {
  for (const auto hex : {captures::big_txt_tc, captures::big_txt_no_edns_tc}) {
    const auto reply = parse_capture(hex);
    CHECK(reply.header.tc);
    CHECK(reply.answers.empty());  // NSD leaves out an RRset that does not fit
  }

  // A server that keeps what fits instead, as build_dns_message does (and BIND).
  const auto full = big_txt_response();
  const auto bytes = build_dns_message(full, 1232, true);
  REQUIRE(bytes.has_value());
  CHECK(bytes->size() <= 1232);
  CHECK(build_dns_message(full, 1232).error() == DnsError::buffer_too_small);
  const auto cut = parse_dns_message(*bytes);
  REQUIRE(cut.has_value());
  CHECK(cut->header.tc);
  CHECK(cut->answers.size() == 16);
  CHECK(cut->edns.has_value());
  CHECK(same_records(cut->answers, std::vector(full.answers.begin(), full.answers.begin() + 16)));

  // Every prefix of a TC reply that holds the question parses, with the records that came whole.
  std::size_t last_count = 0;
  const std::size_t question_end = 12 + 13 + 4;
  for (std::size_t length = 0; length < bytes->size(); ++length) {
    CAPTURE(length);
    const auto prefix = parse_dns_message(std::span(*bytes).first(length));
    if (length < question_end) {
      REQUIRE_FALSE(prefix.has_value());
      CHECK(prefix.error() == DnsError::truncated);
      continue;
    }
    REQUIRE(prefix.has_value());
    CHECK(prefix->answers.size() >= last_count);
    CHECK_FALSE(prefix->edns.has_value());
    last_count = prefix->answers.size();
  }
  CHECK(last_count == 16);
}

TEST_CASE("dns message: every captured reply cut at every length fails as truncated (or parses when TC)") {
  for (const auto& capture : captures::all) {
    CAPTURE(capture.name);
    const auto bytes = from_hex(capture.response);
    const auto whole = parse_capture(capture.response);
    for (std::size_t length = 0; length < bytes.size(); ++length) {
      CAPTURE(length);
      const auto prefix = parse_dns_message(std::span(bytes).first(length));
      if (prefix) {
        CHECK(whole.header.tc);
      } else {
        CHECK(prefix.error() == DnsError::truncated);
      }
      // The head needs only the header and the question.
      const auto head = parse_dns_head(std::span(bytes).first(length));
      if (head) {
        REQUIRE(head->question.has_value());
        CHECK(*head->question == whole.questions[0]);
        CHECK(head->header.id == whole.header.id);
      } else {
        CHECK(head.error() == DnsError::truncated);
      }
    }
    // One byte more is not truncation.
    auto longer = bytes;
    longer.push_back(std::byte{0});
    CHECK(parse_dns_message(longer).error() == DnsError::trailing_bytes);
    CHECK(parse_dns_head(longer).has_value());
  }
}

TEST_CASE("dns message: parse -> build -> parse gives the same message") {
  for (const auto& capture : captures::all) {
    CAPTURE(capture.name);
    for (const auto hex : {capture.query, capture.response}) {
      const auto first = parse_capture(hex);
      const auto built = build_dns_message(first);
      REQUIRE(built.has_value());
      const auto second = parse_dns_message(*built);
      REQUIRE(second.has_value());
      check_same(first, *second);
      // And building again gives the same bytes.
      CHECK(build_dns_message(*second).value() == *built);
    }
  }
}

TEST_CASE("dns message: build_dns_query golden bytes") {
  // The queries sent to NSD for the captures were written by hand; ours are the same bytes.
  DnsQuerySpec spec{.id = 0x4e00, .question = {name("www.example"), dns_type::a}, .dnssec_ok = true};
  CHECK(to_hex(build_dns_query(spec)) == to_hex(from_hex(captures::a_dnssec_query)));
  spec = {.id = 0x4e02, .question = {name("www.example"), dns_type::a}, .edns_udp_size = std::nullopt};
  CHECK(to_hex(build_dns_query(spec)) == to_hex(from_hex(captures::a_no_edns_query)));
  spec = {.id = 0x4e1a, .question = {name("unknown.example"), 65280}};
  CHECK(to_hex(build_dns_query(spec)) == to_hex(from_hex(captures::unknown_type_query)));

  spec = {.id = 0xbeef,
          .question = {DnsName(), dns_type::ns, 3},
          .recursion_desired = true,
          .checking_disabled = true,
          .edns_udp_size = 4096};
  CHECK(to_hex(build_dns_query(spec)) ==
        to_hex(from_hex("beef 0110 0001 0000 0000 0001 00 0002 0003 00 0029 1000 0000 0000 0000")));

  // The largest query: 12 + 255 + 4 + 11 bytes.
  const std::string label63(63, 'q');
  spec.question.name = name(label63 + "." + label63 + "." + label63 + "." + std::string(61, 'q'));
  CHECK(build_dns_query(spec).size() == 12 + 255 + 4 + 11);
  const auto parsed = parse_dns_message(build_dns_query(spec));
  REQUIRE(parsed.has_value());
  CHECK(parsed->header.rd);
  CHECK(parsed->header.cd);
  CHECK(parsed->questions[0] == spec.question);
  CHECK(parsed->edns->udp_payload_size == 4096);
}

TEST_CASE("dns message: build_dns_message compresses owner names and adds OPT") {
  DnsMessage message;
  message.header = {.id = 0x1234, .qr = true, .aa = true};
  message.questions.push_back({name("www.example"), dns_type::a});
  message.answers.push_back(record("www.example", dns_type::a, 300, "198.18.0.1"));
  message.authority.push_back(record("example", dns_type::ns, 300, "ns1.example."));
  message.additional.push_back(record("ns1.EXAMPLE", dns_type::a, 300, "198.18.53.1"));
  message.edns = edns_with(1232);
  const auto built = build_dns_message(message);
  REQUIRE(built.has_value());
  CHECK(to_hex(*built) == to_hex(from_hex("1234 8400 0001 0001 0001 0002"
                                          "03 777777 07 6578616d706c65 00 0001 0001"
                                          "c00c 0001 0001 0000012c 0004 c6120001"
                                          "c010 0002 0001 0000012c 000d 03 6e7331 07 6578616d706c65 00"
                                          // ns1.EXAMPLE: the case differs, so only the root is shared
                                          "03 6e7331 07 4558414d504c45 00 0001 0001 0000012c 0004 c6123501"
                                          "00 0029 04d0 00000000 0000")));
  const auto parsed = parse_dns_message(*built);
  REQUIRE(parsed.has_value());
  check_same(message, *parsed);

  // An extended rcode travels in the OPT record's TTL.
  message.header.rcode = dns_rcode::badvers;
  message.edns->dnssec_ok = true;
  message.edns->version = 1;
  message.edns->options = from_hex("000a 0008 0102030405060708");  // a client cookie
  const auto extended = build_dns_message(message);
  REQUIRE(extended.has_value());
  CHECK(to_hex(std::span(*extended).last(23)) == to_hex(from_hex("00 0029 04d0 01 01 8000 000c 000a 0008 0102030405060708")));
  CHECK(((*extended)[3] & std::byte{0x0f}) == std::byte{0});
  const auto again = parse_dns_message(*extended);
  REQUIRE(again.has_value());
  CHECK(again->header.rcode == 16);
  CHECK(dns_rcode_to_text(again->header.rcode) == "BADVERS");
  check_same(message, *again);
}

TEST_CASE("dns message: limits, and truncation drops whole records from the end and sets TC") {
  DnsMessage message;
  message.header = {.id = 7, .qr = true};
  message.questions.push_back({name("www.example"), dns_type::a});
  for (int i = 1; i <= 3; ++i) {
    message.answers.push_back(record("www.example", dns_type::a, 60, "198.18.0." + std::to_string(i)));
  }
  message.additional.push_back(record("x.example", dns_type::a, 60, "198.18.0.9"));
  message.edns = edns_with(512);
  const std::size_t full = build_dns_message(message).value().size();
  CHECK(full == 12 + 17 + 3 * 16 + 18 + 11);  // x.example. is "x" and a pointer
  CHECK(build_dns_message(message, full).has_value());
  CHECK(build_dns_message(message, full - 1).error() == DnsError::buffer_too_small);

  const auto cut = build_dns_message(message, full - 1, true);
  REQUIRE(cut.has_value());
  CHECK(cut->size() == full - 18);
  const auto parsed = parse_dns_message(*cut);
  REQUIRE(parsed.has_value());
  CHECK(parsed->header.tc);
  CHECK(parsed->answers.size() == 3);
  CHECK(parsed->additional.empty());
  CHECK(parsed->edns.has_value());

  const auto two = parse_dns_message(build_dns_message(message, 12 + 17 + 2 * 16 + 11 + 15, true).value());
  REQUIRE(two.has_value());
  CHECK(two->answers.size() == 2);
  CHECK(two->header.tc);
  // Not even the question and the OPT fit.
  CHECK(build_dns_message(message, 12 + 17 + 10, true).error() == DnsError::buffer_too_small);
  // A bare header needs its 12 bytes, truncation or not.
  CHECK(build_dns_message(DnsMessage{}, 12).value().size() == 12);
  CHECK(build_dns_message(DnsMessage{}, 11).error() == DnsError::buffer_too_small);
  CHECK(build_dns_message(DnsMessage{}, 11, true).error() == DnsError::buffer_too_small);
  // Nothing dropped: TC stays as it was.
  CHECK_FALSE(parse_dns_message(build_dns_message(message, full, true).value())->header.tc);
}

TEST_CASE("dns message: hostile counts fail fast") {
  for (const auto hex : {"0001 8000 ffff ffff ffff ffff", "0001 8000 0000 ffff 0000 0000",
                         "0001 8000 0000 0000 0000 ffff", "0001 8200 ffff 0000 0000 0000"}) {
    CAPTURE(hex);
    const auto parsed = parse_dns_message(from_hex(hex));
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error() == DnsError::truncated);
  }
  // TC set: a count of records that are not there is what a cut message looks like.
  const auto tc = parse_dns_message(from_hex("0001 8200 0000 ffff ffff ffff"));
  REQUIRE(tc.has_value());
  CHECK(tc->answers.empty());
  CHECK(parse_dns_head(from_hex("0001 8000 ffff ffff ffff ffff")).error() == DnsError::truncated);
  CHECK_FALSE(parse_dns_head(from_hex("0001 8000 0000 ffff ffff ffff"))->question.has_value());
  CHECK(parse_dns_message({}).error() == DnsError::truncated);
  CHECK(parse_dns_message(from_hex("0001 8000 0000 0000 0000")).error() == DnsError::truncated);
  const auto empty = parse_dns_message(from_hex("0001 8000 0000 0000 0000 0000"));
  REQUIRE(empty.has_value());
  CHECK(empty->questions.empty());
}

TEST_CASE("dns message: header flags") {
  const auto parsed = parse_dns_message(from_hex("abcd ffff 0000 0000 0000 0000"));
  REQUIRE(parsed.has_value());
  const auto& h = parsed->header;
  CHECK(h.id == 0xabcd);
  CHECK((h.qr && h.aa && h.tc && h.rd && h.ra && h.ad && h.cd));
  CHECK(h.opcode == 15);
  CHECK(h.rcode == 15);
  // The Z bit is not kept.
  CHECK(to_hex(build_dns_message(*parsed).value()) == "ab cd ff bf 00 00 00 00 00 00 00 00");
}

TEST_CASE("dns message: bad records") {
  const std::string header = "0001 8400 0001 0001 0000 0000 03 777777 07 6578616d706c65 00 0001 0001 ";
  const auto error = [&](const std::string& answer) {
    const auto parsed = parse_dns_message(from_hex(header + answer));
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error();
  };
  CHECK(parse_dns_message(from_hex(header + "c00c 0001 0001 0000012c 0004 c6120001")).has_value());
  CHECK(error("c00c 0001 0001 0000012c 0003 c61200") == DnsError::bad_rdata);
  CHECK(error("c00c 001c 0001 0000012c 0004 c6120001") == DnsError::bad_rdata);
  CHECK(error("c00c 0001 0001 0000012c 0005 c6120001") == DnsError::truncated);
  CHECK(error("c00c 0001 0001 0000012c 00") == DnsError::truncated);
  // An owner name pointing forwards, into itself, or with a bad label type.
  CHECK(error("c023 0001 0001 0000012c 0004 c6120001") == DnsError::forward_pointer);
  CHECK(error("c01d 0001 0001 0000012c 0004 c6120001") == DnsError::forward_pointer);
  CHECK(error("4000 0001 0001 0000012c 0004 c6120001") == DnsError::bad_label_type);
  // Names inside rdata: a forward pointer, a name running past RDLENGTH, one left unfinished.
  CHECK(error("c00c 0005 0001 0000012c 0002 c02b") == DnsError::bad_rdata);
  CHECK(error("c00c 0005 0001 0000012c 0002 0177 00") == DnsError::bad_rdata);
  CHECK(error("c00c 000f 0001 0000012c 0004 000a c010 00") == DnsError::trailing_bytes);
  CHECK(error("c00c 000f 0001 0000012c 0003 000a 01") == DnsError::bad_rdata);
  CHECK(error("c00c 0005 0001 0000012c 0003 c010 00") == DnsError::bad_rdata);
  // A name inside rdata may point back anywhere before it, even to the question.
  const auto mx = parse_dns_message(from_hex(header + "c00c 000f 0001 0000012c 0004 000a c010"));
  REQUIRE(mx.has_value());
  CHECK(dns_rdata_to_text(dns_type::mx, mx->answers[0].rdata) == "10 example.");
  // TXT with no string, or a string longer than the rdata.
  CHECK(error("c00c 0010 0001 0000012c 0000") == DnsError::bad_rdata);
  CHECK(error("c00c 0010 0001 0000012c 0002 0261") == DnsError::bad_rdata);
  // An unknown type's rdata is not looked into; an empty one is fine.
  CHECK(parse_dns_message(from_hex(header + "c00c ff00 0001 0000012c 0002 c0ff")).has_value());
  CHECK(parse_dns_message(from_hex(header + "c00c ff00 0001 0000012c 0000")).has_value());
}

TEST_CASE("dns message: OPT rules and the extended rcode") {
  const std::string question = "03 777777 07 6578616d706c65 00 0001 0001 ";
  const std::string opt = "00 0029 04d0 01000000 0000 ";
  const auto parse = [&](const std::string& counts, const std::string& rest) {
    return parse_dns_message(from_hex("0001 8403 0001 " + counts + question + rest));
  };
  const auto ok = parse("0000 0000 0001 ", opt);
  REQUIRE(ok.has_value());
  CHECK(ok->header.rcode == 16 + 3);
  CHECK(dns_rcode_to_text(ok->header.rcode) == "RCODE19");
  CHECK(ok->additional.empty());
  CHECK(ok->edns->udp_payload_size == 1232);

  CHECK(parse("0001 0000 0000 ", opt).error() == DnsError::bad_opt);
  CHECK(parse("0000 0001 0000 ", opt).error() == DnsError::bad_opt);
  CHECK(parse("0000 0000 0002 ", opt + opt).error() == DnsError::bad_opt);
  CHECK(parse("0000 0000 0001 ", "c00c 0029 04d0 00000000 0000").error() == DnsError::bad_opt);
  // Options must be whole {code, length, data}.
  CHECK(parse("0000 0000 0001 ", "00 0029 04d0 00000000 0004 000a 0000").has_value());
  CHECK(parse("0000 0000 0001 ", "00 0029 04d0 00000000 0004 000a 0001").error() == DnsError::bad_opt);
  CHECK(parse("0000 0000 0001 ", "00 0029 04d0 00000000 0002 000a").error() == DnsError::bad_opt);
  // The OPT anywhere in the additional section; other records stay in order.
  const auto middle = parse("0000 0000 0002 ", opt + "c00c 0001 0001 0000012c 0004 c6120001");
  REQUIRE(middle.has_value());
  CHECK(middle->additional.size() == 1);
  CHECK(middle->edns.has_value());
}

TEST_CASE("dns message: type, class and rcode names") {
  CHECK(dns_type_to_text(dns_type::nsec3param) == "NSEC3PARAM");
  CHECK(dns_type_to_text(65280) == "TYPE65280");
  CHECK(dns_type_to_text(0) == "TYPE0");
  CHECK(dns_type_to_text(23) == "NSAP-PTR");
  CHECK(dns_type_to_text(32769) == "DLV");
  CHECK(dns_type_from_text("aaaa") == dns_type::aaaa);
  CHECK(dns_type_from_text("Https") == dns_type::https);
  CHECK(dns_type_from_text("TYPE65280") == 65280);
  CHECK(dns_type_from_text("type1") == 1);
  CHECK(dns_type_from_text("TYPE65536") == std::nullopt);
  CHECK(dns_type_from_text("TYPE") == std::nullopt);
  CHECK(dns_type_from_text("TYPE-1") == std::nullopt);
  CHECK(dns_type_from_text("TYPE1x") == std::nullopt);
  CHECK(dns_type_from_text("AAAAA") == std::nullopt);
  CHECK(dns_type_from_text("") == std::nullopt);
  for (std::uint32_t type = 0; type <= 0xffff; type += 7) {
    CHECK(dns_type_from_text(dns_type_to_text(static_cast<std::uint16_t>(type))) == type);
  }
  CHECK(dns_class_to_text(1) == "IN");
  CHECK(dns_class_to_text(3) == "CH");
  CHECK(dns_class_to_text(4) == "HS");
  CHECK(dns_class_to_text(255) == "ANY");
  CHECK(dns_class_to_text(2) == "CLASS2");
  CHECK(dns_rcode_to_text(0) == "NOERROR");
  CHECK(dns_rcode_to_text(2) == "SERVFAIL");
  CHECK(dns_rcode_to_text(5) == "REFUSED");
  CHECK(dns_rcode_to_text(11) == "RCODE11");
  CHECK(dns_rcode_to_text(4095) == "RCODE4095");
}
