#include "netdiag/wire/dns_message.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_map>

#include "bytes.hpp"
#include "dns_rdata_internal.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::load32;

namespace {

constexpr std::size_t header_length = 12;
constexpr std::size_t min_question_length = 5;  // the root name, type, class
constexpr std::size_t min_record_length = 11;   // the root name, type, class, TTL, RDLENGTH
constexpr std::size_t max_count = 0xffff;

struct TypeName {
  std::uint16_t type;
  std::string_view name;
};

// Every mnemonic dig 9.18 prints (checked against dig 9.18.49's own table).
constexpr std::array type_names = {
    TypeName{1, "A"},          TypeName{2, "NS"},          TypeName{3, "MD"},
    TypeName{4, "MF"},         TypeName{5, "CNAME"},       TypeName{6, "SOA"},
    TypeName{7, "MB"},         TypeName{8, "MG"},          TypeName{9, "MR"},
    TypeName{10, "NULL"},      TypeName{11, "WKS"},        TypeName{12, "PTR"},
    TypeName{13, "HINFO"},     TypeName{14, "MINFO"},      TypeName{15, "MX"},
    TypeName{16, "TXT"},       TypeName{17, "RP"},         TypeName{18, "AFSDB"},
    TypeName{19, "X25"},       TypeName{20, "ISDN"},       TypeName{21, "RT"},
    TypeName{22, "NSAP"},      TypeName{23, "NSAP-PTR"},   TypeName{24, "SIG"},
    TypeName{25, "KEY"},       TypeName{26, "PX"},         TypeName{27, "GPOS"},
    TypeName{28, "AAAA"},      TypeName{29, "LOC"},        TypeName{30, "NXT"},
    TypeName{31, "EID"},       TypeName{32, "NIMLOC"},     TypeName{33, "SRV"},
    TypeName{34, "ATMA"},      TypeName{35, "NAPTR"},      TypeName{36, "KX"},
    TypeName{37, "CERT"},      TypeName{38, "A6"},         TypeName{39, "DNAME"},
    TypeName{40, "SINK"},      TypeName{41, "OPT"},        TypeName{42, "APL"},
    TypeName{43, "DS"},        TypeName{44, "SSHFP"},      TypeName{45, "IPSECKEY"},
    TypeName{46, "RRSIG"},     TypeName{47, "NSEC"},       TypeName{48, "DNSKEY"},
    TypeName{49, "DHCID"},     TypeName{50, "NSEC3"},      TypeName{51, "NSEC3PARAM"},
    TypeName{52, "TLSA"},      TypeName{53, "SMIMEA"},     TypeName{55, "HIP"},
    TypeName{56, "NINFO"},     TypeName{57, "RKEY"},       TypeName{58, "TALINK"},
    TypeName{59, "CDS"},       TypeName{60, "CDNSKEY"},    TypeName{61, "OPENPGPKEY"},
    TypeName{62, "CSYNC"},     TypeName{63, "ZONEMD"},     TypeName{64, "SVCB"},
    TypeName{65, "HTTPS"},     TypeName{66, "DSYNC"},      TypeName{67, "HHIT"},
    TypeName{68, "BRID"},      TypeName{99, "SPF"},        TypeName{100, "UINFO"},
    TypeName{101, "UID"},      TypeName{102, "GID"},       TypeName{103, "UNSPEC"},
    TypeName{104, "NID"},      TypeName{105, "L32"},       TypeName{106, "L64"},
    TypeName{107, "LP"},       TypeName{108, "EUI48"},     TypeName{109, "EUI64"},
    TypeName{249, "TKEY"},     TypeName{250, "TSIG"},      TypeName{251, "IXFR"},
    TypeName{252, "AXFR"},     TypeName{253, "MAILB"},     TypeName{254, "MAILA"},
    TypeName{255, "ANY"},      TypeName{256, "URI"},       TypeName{257, "CAA"},
    TypeName{258, "AVC"},      TypeName{259, "DOA"},       TypeName{260, "AMTRELAY"},
    TypeName{261, "RESINFO"},  TypeName{262, "WALLET"},    TypeName{32768, "TA"},
    TypeName{32769, "DLV"},
};

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
           return lower(x) == lower(y);
         });
}

// "<prefix>nnn" (case-insensitive prefix, decimal 0..65535) as the number.
std::optional<std::uint16_t> prefixed_number(std::string_view text, std::string_view prefix) {
  if (text.size() <= prefix.size() || !iequal(text.substr(0, prefix.size()), prefix)) return std::nullopt;
  const auto digits = text.substr(prefix.size());
  if (digits.front() < '0' || digits.front() > '9') return std::nullopt;
  std::uint16_t value = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || ptr != digits.data() + digits.size()) return std::nullopt;
  return value;
}

DnsHeader parse_header(std::span<const std::byte> data) {
  const std::uint16_t flags = load16(data, 2);
  DnsHeader header;
  header.id = load16(data, 0);
  header.qr = (flags & 0x8000U) != 0;
  header.opcode = static_cast<std::uint8_t>((flags >> 11) & 0x0fU);
  header.aa = (flags & 0x0400U) != 0;
  header.tc = (flags & 0x0200U) != 0;
  header.rd = (flags & 0x0100U) != 0;
  header.ra = (flags & 0x0080U) != 0;
  header.ad = (flags & 0x0020U) != 0;
  header.cd = (flags & 0x0010U) != 0;
  header.rcode = static_cast<std::uint16_t>(flags & 0x000fU);
  return header;
}

std::uint16_t header_flags(const DnsHeader& header, bool tc) {
  unsigned flags = (header.qr ? 0x8000U : 0U) | ((header.opcode & 0x0fU) << 11) | (header.aa ? 0x0400U : 0U) |
                   (tc ? 0x0200U : 0U) | (header.rd ? 0x0100U : 0U) | (header.ra ? 0x0080U : 0U) |
                   (header.ad ? 0x0020U : 0U) | (header.cd ? 0x0010U : 0U) | (header.rcode & 0x000fU);
  return static_cast<std::uint16_t>(flags);
}

std::expected<DnsQuestion, DnsError> read_question(std::span<const std::byte> data, std::size_t& pos) {
  const auto name = read_dns_name(data, pos);
  if (!name) return std::unexpected(name.error());
  if (data.size() - name->next < 4) return std::unexpected(DnsError::truncated);
  DnsQuestion question{name->name, load16(data, name->next), load16(data, name->next + 2)};
  pos = name->next + 4;
  return question;
}

std::expected<DnsRecord, DnsError> read_record(std::span<const std::byte> data, std::size_t& pos) {
  const auto name = read_dns_name(data, pos);
  if (!name) return std::unexpected(name.error());
  const std::size_t fields = name->next;
  if (data.size() - fields < 10) return std::unexpected(DnsError::truncated);
  DnsRecord record;
  record.name = name->name;
  record.type = load16(data, fields);
  record.klass = load16(data, fields + 2);
  record.ttl = load32(data, fields + 4);
  const std::size_t rdlength = load16(data, fields + 8);
  if (data.size() - fields - 10 < rdlength) return std::unexpected(DnsError::truncated);
  auto rdata = detail::read_dns_rdata(data, fields + 10, rdlength, record.type);
  if (!rdata) return std::unexpected(rdata.error());
  record.rdata = std::move(*rdata);
  pos = fields + 10 + rdlength;
  return record;
}

// RFC 6891 section 6.1: the OPT record's fields; its options must be whole {code, length, data}.
std::expected<DnsEdns, DnsError> read_opt(const DnsRecord& record) {
  if (!record.name.is_root()) return std::unexpected(DnsError::bad_opt);
  const std::span<const std::byte> options(record.rdata);
  for (std::size_t pos = 0; pos < options.size();) {
    if (options.size() - pos < 4 || options.size() - pos - 4 < load16(options, pos + 2)) {
      return std::unexpected(DnsError::bad_opt);
    }
    pos += 4 + std::size_t{load16(options, pos + 2)};
  }
  DnsEdns edns;
  edns.udp_payload_size = record.klass;
  edns.version = static_cast<std::uint8_t>((record.ttl >> 16) & 0xffU);
  edns.dnssec_ok = (record.ttl & 0x8000U) != 0;
  edns.options = record.rdata;
  return edns;
}

// Appends big-endian fields and compressed names to a message being built.
class MessageWriter {
 public:
  std::vector<std::byte>& bytes() { return out_; }
  void u8(unsigned value) { out_.push_back(static_cast<std::byte>(value & 0xffU)); }
  void u16(unsigned value) {
    u8(value >> 8);
    u8(value);
  }
  void u32(std::uint32_t value) {
    u16(value >> 16);
    u16(value & 0xffffU);
  }
  void append(std::span<const std::byte> data) { out_.insert(out_.end(), data.begin(), data.end()); }

  // The name, ending in a pointer to the longest suffix written earlier through this function
  // (compared byte for byte, so the case sent is the case stored).
  void name(const DnsName& name) {
    const auto wire = name.wire();
    std::size_t pos = 0;
    while (byte_at(wire, pos) != 0) {
      std::string key;
      key.reserve(wire.size() - pos);
      for (std::size_t i = pos; i < wire.size(); ++i) key.push_back(static_cast<char>(byte_at(wire, i)));
      if (const auto found = suffixes_.find(key); found != suffixes_.end()) {
        u16(0xc000U | found->second);
        return;
      }
      if (out_.size() < 0x4000) suffixes_.emplace(std::move(key), static_cast<std::uint16_t>(out_.size()));
      const std::size_t length = byte_at(wire, pos);
      append(wire.subspan(pos, 1 + length));
      pos += 1 + length;
    }
    u8(0);
  }

 private:
  std::vector<std::byte> out_;
  std::unordered_map<std::string, std::uint16_t> suffixes_;
};

}  // namespace

std::string dns_type_to_text(std::uint16_t type) {
  const auto found = std::ranges::find(type_names, type, &TypeName::type);
  if (found != type_names.end()) return std::string(found->name);
  return "TYPE" + std::to_string(type);
}

std::optional<std::uint16_t> dns_type_from_text(std::string_view text) {
  for (const TypeName& entry : type_names) {
    if (iequal(entry.name, text)) return entry.type;
  }
  return prefixed_number(text, "TYPE");
}

std::string dns_class_to_text(std::uint16_t klass) {
  switch (klass) {
    case 1: return "IN";
    case 3: return "CH";
    case 4: return "HS";
    case 254: return "NONE";
    case 255: return "ANY";
    default: return "CLASS" + std::to_string(klass);
  }
}

std::string dns_rcode_to_text(std::uint16_t rcode) {
  static constexpr std::array<std::string_view, 11> names = {
      "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
      "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"};
  if (rcode < names.size()) return std::string(names[rcode]);
  if (rcode == dns_rcode::badvers) return "BADVERS";
  if (rcode == 23) return "BADCOOKIE";
  return "RCODE" + std::to_string(rcode);
}

std::expected<DnsMessage, DnsError> parse_dns_message(std::span<const std::byte> data) {
  if (data.size() < header_length) return std::unexpected(DnsError::truncated);
  DnsMessage message;
  message.header = parse_header(data);
  const std::size_t question_count = load16(data, 4);
  const std::array<std::size_t, 3> record_counts = {load16(data, 6), load16(data, 8), load16(data, 10)};
  std::size_t pos = header_length;

  // Counts are the sender's word: reserve no more than the bytes left could hold.
  message.questions.reserve(std::min(question_count, (data.size() - pos) / min_question_length));
  for (std::size_t i = 0; i < question_count; ++i) {
    auto question = read_question(data, pos);
    if (!question) return std::unexpected(question.error());
    message.questions.push_back(*question);
  }

  const std::array<std::vector<DnsRecord>*, 3> sections = {&message.answers, &message.authority,
                                                           &message.additional};
  bool cut_short = false;
  for (std::size_t s = 0; s < sections.size() && !cut_short; ++s) {
    auto& section = *sections[s];
    section.reserve(std::min(record_counts[s], (data.size() - pos) / min_record_length));
    for (std::size_t i = 0; i < record_counts[s]; ++i) {
      auto record = read_record(data, pos);
      if (!record) {
        // RFC 2181 section 9: a truncated message may end inside a record; keep what came whole.
        if (record.error() == DnsError::truncated && message.header.tc) {
          cut_short = true;
          break;
        }
        return std::unexpected(record.error());
      }
      if (record->type == dns_type::opt) {
        if (sections[s] != &message.additional || message.edns) return std::unexpected(DnsError::bad_opt);
        auto edns = read_opt(*record);
        if (!edns) return std::unexpected(edns.error());
        message.edns = std::move(*edns);
        message.header.rcode = static_cast<std::uint16_t>(((record->ttl >> 24) << 4) | message.header.rcode);
        continue;
      }
      section.push_back(std::move(*record));
    }
  }
  if (!cut_short && pos != data.size()) return std::unexpected(DnsError::trailing_bytes);
  return message;
}

std::expected<DnsMessageHead, DnsError> parse_dns_head(std::span<const std::byte> data) {
  if (data.size() < header_length) return std::unexpected(DnsError::truncated);
  DnsMessageHead head;
  head.header = parse_header(data);
  if (load16(data, 4) >= 1) {
    std::size_t pos = header_length;
    auto question = read_question(data, pos);
    if (!question) return std::unexpected(question.error());
    head.question = *question;
  }
  return head;
}

std::vector<std::byte> build_dns_query(const DnsQuerySpec& spec) {
  MessageWriter w;
  w.u16(spec.id);
  w.u16((spec.recursion_desired ? 0x0100U : 0U) | (spec.checking_disabled ? 0x0010U : 0U));
  w.u16(1);
  w.u16(0);
  w.u16(0);
  w.u16(spec.edns_udp_size ? 1 : 0);
  w.append(spec.question.name.wire());
  w.u16(spec.question.type);
  w.u16(spec.question.klass);
  if (spec.edns_udp_size) {
    w.u8(0);  // the root
    w.u16(dns_type::opt);
    w.u16(*spec.edns_udp_size);
    w.u32(spec.dnssec_ok ? 0x8000U : 0U);
    w.u16(0);
  }
  return std::move(w.bytes());
}

std::expected<std::vector<std::byte>, DnsError> build_dns_message(const DnsMessage& message, std::size_t limit,
                                                                 bool truncate_to_limit) {
  const std::array<const std::vector<DnsRecord>*, 3> sections = {&message.answers, &message.authority,
                                                                 &message.additional};
  if (message.questions.size() > max_count || message.answers.size() > max_count ||
      message.authority.size() > max_count || message.additional.size() + (message.edns ? 1 : 0) > max_count) {
    return std::unexpected(DnsError::buffer_too_small);
  }
  if (message.edns && message.edns->options.size() > 0xffff) return std::unexpected(DnsError::bad_opt);
  const std::size_t opt_length = message.edns ? min_record_length + message.edns->options.size() : 0;

  MessageWriter w;
  auto& out = w.bytes();
  out.resize(header_length);
  for (const DnsQuestion& question : message.questions) {
    w.name(question.name);
    w.u16(question.type);
    w.u16(question.klass);
    if (out.size() + opt_length > limit) return std::unexpected(DnsError::buffer_too_small);
  }
  // The header, the questions and the OPT record are never left out.
  if (out.size() + opt_length > limit) return std::unexpected(DnsError::buffer_too_small);

  std::array<std::size_t, 3> written = {0, 0, 0};
  bool dropped = false;
  for (std::size_t s = 0; s < sections.size() && !dropped; ++s) {
    for (const DnsRecord& record : *sections[s]) {
      if (record.rdata.size() > 0xffff) return std::unexpected(DnsError::bad_rdata);
      const std::size_t before = out.size();
      w.name(record.name);
      w.u16(record.type);
      w.u16(record.klass);
      w.u32(record.ttl);
      w.u16(static_cast<unsigned>(record.rdata.size()));
      w.append(record.rdata);
      if (out.size() + opt_length > limit) {
        if (!truncate_to_limit) return std::unexpected(DnsError::buffer_too_small);
        out.resize(before);  // and no record after it either: whole records from the end
        dropped = true;
        break;
      }
      ++written[s];
    }
  }

  if (message.edns) {
    const DnsEdns& edns = *message.edns;
    w.u8(0);
    w.u16(dns_type::opt);
    w.u16(edns.udp_payload_size);
    w.u32((std::uint32_t{(message.header.rcode >> 4) & 0xffU} << 24) | (std::uint32_t{edns.version} << 16) |
          (edns.dnssec_ok ? 0x8000U : 0U));
    w.u16(static_cast<unsigned>(edns.options.size()));
    w.append(edns.options);
  }

  const auto header = std::span<std::byte>(out).first(header_length);
  detail::store16(header, 0, message.header.id);
  detail::store16(header, 2, header_flags(message.header, message.header.tc || dropped));
  detail::store16(header, 4, static_cast<std::uint16_t>(message.questions.size()));
  detail::store16(header, 6, static_cast<std::uint16_t>(written[0]));
  detail::store16(header, 8, static_cast<std::uint16_t>(written[1]));
  detail::store16(header, 10, static_cast<std::uint16_t>(written[2] + (message.edns ? 1 : 0)));
  return std::move(out);
}

}  // namespace netdiag::wire
