// DNS messages (RFC 1035 section 4.1) with EDNS0 (RFC 6891): parse a whole message into owned
// records whose rdata has every embedded name decompressed (RFC 3597 section 4), so a record
// means the same outside its message; build queries.
//
//                                   1  1  1  1  1  1
//     0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
//   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
//   |                      ID                       |
//   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
//   |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
//   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
//   |          QDCOUNT / ANCOUNT / NSCOUNT / ARCOUNT |
//   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/dns_error.hpp"
#include "netdiag/wire/dns_name.hpp"

namespace netdiag::wire {

// Resource record types (IANA "Resource Record (RR) TYPEs").
namespace dns_type {
inline constexpr std::uint16_t a = 1, ns = 2, cname = 5, soa = 6, ptr = 12, hinfo = 13, mx = 15, txt = 16,
                               aaaa = 28, srv = 33, naptr = 35, dname = 39, opt = 41, ds = 43, sshfp = 44,
                               rrsig = 46, nsec = 47, dnskey = 48, nsec3 = 50, nsec3param = 51,
                               tlsa = 52, svcb = 64, https = 65, any = 255, caa = 257;
}  // namespace dns_type
inline constexpr std::uint16_t dns_class_in = 1;

// Response codes (RFC 1035 section 4.1.1, RFC 6891 section 6.1.3 for the 12-bit extended ones).
namespace dns_rcode {
inline constexpr std::uint16_t noerror = 0, formerr = 1, servfail = 2, nxdomain = 3, notimp = 4, refused = 5,
                               badvers = 16;
}  // namespace dns_rcode

// "A", "AAAA", "NSEC3PARAM" … or "TYPE65280" for a type without a mnemonic (RFC 3597 section 5).
std::string dns_type_to_text(std::uint16_t type);
// The inverse, case-insensitive; accepts "TYPEnnn". nullopt for anything else.
std::optional<std::uint16_t> dns_type_from_text(std::string_view text);
// "IN", "CH", "HS", "ANY", or "CLASSnnn".
std::string dns_class_to_text(std::uint16_t klass);
// "NOERROR", "SERVFAIL", "NXDOMAIN", "BADVERS" … or "RCODEnnn".
std::string dns_rcode_to_text(std::uint16_t rcode);

struct DnsHeader {
  std::uint16_t id = 0;
  bool qr = false;  // response
  std::uint8_t opcode = 0;
  bool aa = false;  // authoritative answer
  bool tc = false;  // truncated
  bool rd = false;  // recursion desired
  bool ra = false;  // recursion available
  bool ad = false;  // authentic data
  bool cd = false;  // checking disabled
  // The full response code: the header's 4 bits, plus the OPT record's 8 upper bits when present.
  std::uint16_t rcode = 0;
};

struct DnsQuestion {
  DnsName name;
  std::uint16_t type = dns_type::a;
  std::uint16_t klass = dns_class_in;
  friend bool operator==(const DnsQuestion&, const DnsQuestion&) = default;
};

struct DnsRecord {
  DnsName name;
  std::uint16_t type = 0;
  std::uint16_t klass = dns_class_in;
  std::uint32_t ttl = 0;
  // Uncompressed: names inside (NS, CNAME, DNAME, PTR, SOA, MX, SRV, NAPTR, RRSIG signer, NSEC
  // next name …) are written out in full, so rdata compares and prints on its own.
  std::vector<std::byte> rdata;
};

struct DnsEdns {
  std::uint16_t udp_payload_size = 0;
  std::uint8_t version = 0;
  bool dnssec_ok = false;
  std::vector<std::byte> options;  // raw {code, length, data} triples
};

struct DnsMessage {
  DnsHeader header;
  std::vector<DnsQuestion> questions;
  std::vector<DnsRecord> answers;
  std::vector<DnsRecord> authority;
  std::vector<DnsRecord> additional;  // without the OPT pseudo-record, which is in `edns`
  std::optional<DnsEdns> edns;
};

// Parses a whole message. Every name (owner and inside rdata of the types that carry names) is
// read with read_dns_name's rules; every record's rdata must fit its RDLENGTH and, for the types
// that dns_rdata.hpp understands, its format (else bad_rdata). At most one OPT, in the
// additional section, owned by the root, its options whole {code, length, data} (else bad_opt).
// A message whose TC bit is set may end early: records cut off at the end are dropped instead
// of failing (RFC 2181 section 9); the header and questions must still be whole. Bytes after the
// last record: trailing_bytes. Section counts are not trusted for allocation.
std::expected<DnsMessage, DnsError> parse_dns_message(std::span<const std::byte> data);

// The 12-byte header and question only, enough to match a response to its query (ID and
// question) even when the rest is malformed. header.rcode is the header's 4 bits only.
struct DnsMessageHead {
  DnsHeader header;
  std::optional<DnsQuestion> question;  // the first question, when QDCOUNT >= 1
};
std::expected<DnsMessageHead, DnsError> parse_dns_head(std::span<const std::byte> data);

struct DnsQuerySpec {
  std::uint16_t id = 0;
  DnsQuestion question;
  bool recursion_desired = false;
  bool checking_disabled = false;
  // EDNS0: an OPT record advertising this UDP payload size (RFC 6891 section 6.2.5); nullopt
  // sends none. 1232 is DNS Flag Day 2020's value.
  std::optional<std::uint16_t> edns_udp_size = 1232;
  bool dnssec_ok = false;
};

// A query message. The result is at most 12 + 255 + 4 + 11 bytes.
std::vector<std::byte> build_dns_query(const DnsQuerySpec& spec);

// A whole message, for tests' fake servers and round trips: header counts come from the
// vectors; names are compressed against earlier owner names and the question (the rdata is
// written as stored, uncompressed, which every resolver accepts). An OPT record is added when
// `edns` is set, carrying the upper 8 bits of header.rcode (without `edns` only the low 4 bits
// go out). Error buffer_too_small when the result would exceed `limit` bytes; with
// `truncate_to_limit`, whole records that do not fit are left out from the end (and everything
// after the first one that does not fit) and TC is set instead (RFC 2181 section 9), which is
// what a server does for a UDP answer that is too large; the header, questions and OPT record
// are always kept (buffer_too_small when they alone exceed `limit`). bad_rdata for rdata over
// 65535 bytes, bad_opt for options over 65535 bytes.
std::expected<std::vector<std::byte>, DnsError> build_dns_message(const DnsMessage& message,
                                                                 std::size_t limit = 65535,
                                                                 bool truncate_to_limit = false);

}  // namespace netdiag::wire
