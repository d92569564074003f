// libFuzzer target: the DNS codec (wire/dns_*.hpp) on arbitrary bytes. parse_dns_message and
// parse_dns_head (which must agree), every record's presentation and typed accessors, rdata
// text -> rdata round trips, parse -> build -> parse (must succeed and be equal; also with a
// size limit that truncates), read_dns_name at every offset, and DnsName::from_text on the input
// read as text with its to_text -> from_text round trip.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/wire/dns_message.hpp"
#include "netdiag/wire/dns_name.hpp"
#include "netdiag/wire/dns_rdata.hpp"

using namespace netdiag::wire;
using netdiag::fuzz::equal;
using netdiag::fuzz::sum_of;
using netdiag::fuzz::touch;

namespace {

bool same_name(const DnsName& a, const DnsName& b) { return equal(a.wire(), b.wire()); }

bool same_records(const std::vector<DnsRecord>& a, const std::vector<DnsRecord>& b) {
  return std::ranges::equal(a, b, [](const DnsRecord& x, const DnsRecord& y) {
    return same_name(x.name, y.name) && x.type == y.type && x.klass == y.klass && x.ttl == y.ttl &&
           x.rdata == y.rdata;
  });
}

bool same_header(const DnsHeader& a, const DnsHeader& b) {
  return a.id == b.id && a.qr == b.qr && a.opcode == b.opcode && a.aa == b.aa && a.tc == b.tc && a.rd == b.rd &&
         a.ra == b.ra && a.ad == b.ad && a.cd == b.cd && a.rcode == b.rcode;
}

bool same_message(const DnsMessage& a, const DnsMessage& b) {
  if (!same_header(a.header, b.header) || a.questions.size() != b.questions.size()) return false;
  for (std::size_t i = 0; i < a.questions.size(); ++i) {
    if (!same_name(a.questions[i].name, b.questions[i].name) || !(a.questions[i] == b.questions[i])) return false;
  }
  if (a.edns.has_value() != b.edns.has_value()) return false;
  if (a.edns && (a.edns->udp_payload_size != b.edns->udp_payload_size || a.edns->version != b.edns->version ||
                 a.edns->dnssec_ok != b.edns->dnssec_ok || a.edns->options != b.edns->options)) {
    return false;
  }
  return same_records(a.answers, b.answers) && same_records(a.authority, b.authority) &&
         same_records(a.additional, b.additional);
}

bool from_text_knows(std::uint16_t type) {
  switch (type) {
    case dns_type::a:
    case dns_type::aaaa:
    case dns_type::ns:
    case dns_type::cname:
    case dns_type::dname:
    case dns_type::ptr:
    case dns_type::mx:
    case dns_type::txt:
    case dns_type::soa:
    case dns_type::srv: return true;
    default: return false;
  }
}

std::string hex(std::span<const std::byte> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const std::byte b : bytes) {
    out.push_back(digits[std::to_integer<unsigned>(b) >> 4]);
    out.push_back(digits[std::to_integer<unsigned>(b) & 0x0fU]);
  }
  return out;
}

unsigned check_record(const DnsRecord& record) {
  NETDIAG_FUZZ_CHECK(record.rdata.size() <= 0xffff);
  NETDIAG_FUZZ_CHECK(record.type != dns_type::opt);
  const std::string line = dns_record_to_text(record);
  const std::string rdata_text = dns_rdata_to_text(record.type, record.rdata);
  NETDIAG_FUZZ_CHECK(!rdata_text.empty() && line.ends_with(rdata_text));
  NETDIAG_FUZZ_CHECK(line.find('\n') == std::string::npos);
  // A record the parser accepted is never printed as RFC 3597 when its type has a format, and
  // what it prints reads back where dns_rdata_from_text knows the type.
  const bool generic = rdata_text.starts_with("\\# ");
  if (from_text_knows(record.type)) {
    NETDIAG_FUZZ_CHECK(!generic);
    NETDIAG_FUZZ_CHECK(dns_rdata_from_text(record.type, rdata_text) == record.rdata);
  }
  if (generic) NETDIAG_FUZZ_CHECK(dns_rdata_from_text(record.type, rdata_text) == record.rdata);
  NETDIAG_FUZZ_CHECK(dns_rdata_from_text(record.type, "\\# " + std::to_string(record.rdata.size()) + " " +
                                                          hex(record.rdata)) == record.rdata);

  unsigned sum = static_cast<unsigned>(line.size());
  if (const auto address = dns_record_address(record)) {
    NETDIAG_FUZZ_CHECK(record.type == dns_type::a || record.type == dns_type::aaaa);
    sum += touch(address->bytes());
  } else {
    NETDIAG_FUZZ_CHECK(record.type != dns_type::a && record.type != dns_type::aaaa);  // parse checked them
  }
  if (const auto target = dns_record_target(record)) {
    NETDIAG_FUZZ_CHECK(equal(target->wire(), record.rdata));
    sum += touch(target->wire());
  }
  if (const auto soa = dns_record_soa(record)) {
    sum += sum_of(soa->serial, soa->refresh, soa->retry, soa->expire, soa->minimum) + touch(soa->mname.wire()) +
           touch(soa->rname.wire());
  } else {
    NETDIAG_FUZZ_CHECK(record.type != dns_type::soa);
  }
  return sum;
}

unsigned check_message(const DnsMessage& message, std::span<const std::byte> input) {
  unsigned sum = 0;
  const auto head = parse_dns_head(input);
  NETDIAG_FUZZ_CHECK(head.has_value());
  NETDIAG_FUZZ_CHECK(head->header.id == message.header.id && head->header.tc == message.header.tc);
  NETDIAG_FUZZ_CHECK((head->header.rcode & 0x0fU) == (message.header.rcode & 0x0fU));
  NETDIAG_FUZZ_CHECK(head->question.has_value() == !message.questions.empty());
  if (head->question) NETDIAG_FUZZ_CHECK(same_name(head->question->name, message.questions[0].name));
  if (!message.edns) NETDIAG_FUZZ_CHECK(message.header.rcode <= 0x0f);

  for (const auto* section : {&message.answers, &message.authority, &message.additional}) {
    for (const DnsRecord& record : *section) sum += check_record(record);
  }

  // parse -> build -> parse. Names inside rdata go out uncompressed, so the rebuilt message may
  // be longer than the input (even past 64 KiB): no limit here.
  const auto built = build_dns_message(message, std::numeric_limits<std::size_t>::max());
  NETDIAG_FUZZ_CHECK(built.has_value());
  const auto again = parse_dns_message(*built);
  NETDIAG_FUZZ_CHECK(again.has_value());
  NETDIAG_FUZZ_CHECK(same_message(message, *again));
  const auto rebuilt = build_dns_message(*again, std::numeric_limits<std::size_t>::max());
  NETDIAG_FUZZ_CHECK(rebuilt.has_value() && *rebuilt == *built);

  // Truncating to half the size keeps a prefix of the records and sets TC when any was dropped.
  const std::size_t limit = built->size() / 2;
  const auto half = build_dns_message(message, limit, true);
  if (half) {
    NETDIAG_FUZZ_CHECK(half->size() <= limit);
    const auto cut = parse_dns_message(*half);
    NETDIAG_FUZZ_CHECK(cut.has_value());
    const std::size_t kept = cut->answers.size() + cut->authority.size() + cut->additional.size();
    const std::size_t all = message.answers.size() + message.authority.size() + message.additional.size();
    NETDIAG_FUZZ_CHECK(kept <= all);
    NETDIAG_FUZZ_CHECK(cut->header.tc == (message.header.tc || kept < all));
    NETDIAG_FUZZ_CHECK(cut->edns.has_value() == message.edns.has_value());
    NETDIAG_FUZZ_CHECK(kept == all || build_dns_message(message, limit).error() == DnsError::buffer_too_small);
  } else {
    NETDIAG_FUZZ_CHECK(half.error() == DnsError::buffer_too_small);
  }
  return sum + touch(*built);
}

unsigned check_name(const DnsName& name) {
  NETDIAG_FUZZ_CHECK(name.wire().size() >= 1 && name.wire().size() <= DnsName::max_wire_length);
  const std::string text = name.to_text();
  const auto again = DnsName::from_text(text);
  NETDIAG_FUZZ_CHECK(again.has_value() && same_name(*again, name));
  const auto from_wire = DnsName::from_wire(name.wire());
  NETDIAG_FUZZ_CHECK(from_wire.has_value() && same_name(*from_wire, name));
  std::size_t labels = 0;
  for (std::size_t i = 0; i < name.label_count(); ++i) labels += 1 + name.label(i).size();
  NETDIAG_FUZZ_CHECK(labels + 1 == name.wire().size());
  NETDIAG_FUZZ_CHECK(name.is_subdomain_of(name.parent()) && name.is_subdomain_of(DnsName()));
  NETDIAG_FUZZ_CHECK((name <=> name) == std::strong_ordering::equal && name == name);
  NETDIAG_FUZZ_CHECK(name.is_root() || name.parent() < name);
  return static_cast<unsigned>(text.size()) + touch(name.wire());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = std::as_bytes(std::span(data, size));
  unsigned sum = 0;

  const auto message = parse_dns_message(input);
  if (message) {
    sum += check_message(*message, input);
  } else {
    NETDIAG_FUZZ_CHECK(!to_string(message.error()).empty());
    if (size < 12) NETDIAG_FUZZ_CHECK(message.error() == DnsError::truncated);
  }
  if (const auto head = parse_dns_head(input)) {
    if (head->question) sum += check_name(head->question->name);
  } else {
    NETDIAG_FUZZ_CHECK(!message.has_value());
  }

  // Names at every offset (each read covers at most 255 name bytes and 127 pointers); the first
  // few found get the full round trips, the others a look at their bytes.
  std::size_t names = 0;
  for (std::size_t offset = 0; offset < size; ++offset) {
    const auto read = read_dns_name(input, offset);
    if (read) {
      NETDIAG_FUZZ_CHECK(read->next > offset && read->next <= size);
      sum += ++names <= 32 ? check_name(read->name) : touch(read->name.wire());
    } else if (offset + 1 >= size) {
      NETDIAG_FUZZ_CHECK(read.error() == DnsError::truncated || read.error() == DnsError::bad_label_type);
    }
  }
  if (const auto wire = DnsName::from_wire(input)) sum += check_name(*wire);

  // The input as presentation text: a name, a type, and rdata of the type its first two bytes say.
  std::string text;
  text.reserve(size);
  for (const std::byte b : input) text.push_back(static_cast<char>(std::to_integer<unsigned char>(b)));
  if (const auto name = DnsName::from_text(text)) sum += check_name(*name);
  if (const auto type = dns_type_from_text(text)) {
    NETDIAG_FUZZ_CHECK(dns_type_from_text(dns_type_to_text(*type)) == type);
  }
  if (size >= 2) {
    const auto type = static_cast<std::uint16_t>((data[0] << 8) | data[1]);
    if (const auto rdata = dns_rdata_from_text(type, std::string_view(text).substr(2))) {
      const std::string presented = dns_rdata_to_text(type, *rdata);
      // What was read from text prints and reads back the same, where from_text knows the
      // presentation (its types, and RFC 3597's for any type).
      if (from_text_knows(type) || presented.starts_with("\\# ")) {
        NETDIAG_FUZZ_CHECK(dns_rdata_from_text(type, presented) == rdata);
      }
      sum += static_cast<unsigned>(presented.size());
    }
  }
  netdiag::fuzz::consume(sum);
  return 0;
}
