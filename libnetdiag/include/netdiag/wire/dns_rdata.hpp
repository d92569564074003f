// Resource-record data: typed reads of what a resolver needs, and presentation format as dig
// prints it (RFC 1035 section 5.1 and each type's RFC), for any type: unknown ones, and known
// ones whose rdata is malformed, as RFC 3597's "\# LENGTH HEX".
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/dns_message.hpp"
#include "netdiag/wire/dns_name.hpp"

namespace netdiag::wire {

// The address of an A (4 bytes) or AAAA (16 bytes) record; nullopt for other types or lengths.
std::optional<IpAddress> dns_record_address(const DnsRecord& record);
// The one name an NS, CNAME, DNAME or PTR record holds; nullopt for other types or bad rdata.
std::optional<DnsName> dns_record_target(const DnsRecord& record);

struct DnsSoa {
  DnsName mname;
  DnsName rname;
  std::uint32_t serial = 0, refresh = 0, retry = 0, expire = 0, minimum = 0;
};
std::optional<DnsSoa> dns_record_soa(const DnsRecord& record);

// The rdata in presentation format, e.g. "10 mail.example.com." for MX, "\"v=spf1 -all\"" for
// TXT, "0 issue \"letsencrypt.org\"" for CAA, "1 . alpn=\"h2,h3\" ipv4hint=198.18.0.1" for HTTPS,
// base64 for DNSKEY/RRSIG signatures, hex for DS digests, type bitmaps by mnemonic for
// NSEC/NSEC3, "YYYYMMDDHHmmSS" times for RRSIG. As dig 9.18 prints them with its default style:
// hex (upper-case) and base64 fields split into 56-character chunks by a space, SVCB keys 0-6 by
// name and the others as "keyN" (dig 9.18 has no name for dohpath, key7). Types without a format
// here, and rdata that does not match its type's format, come out as "\# LENGTH HEX".
std::string dns_rdata_to_text(std::uint16_t type, std::span<const std::byte> rdata);

// One line as dig prints it in its answer section:
// "www.example.com.\t300\tIN\tA\t198.18.0.1" (tab separated).
std::string dns_record_to_text(const DnsRecord& record);

// Rdata from its presentation form, for A, AAAA, NS, CNAME, DNAME, PTR, MX, TXT, SOA, SRV, and
// "\# LENGTH HEX" for any type; nullopt when the text does not parse. Used by tests' fake
// servers and by --root-hints files.
std::optional<std::vector<std::byte>> dns_rdata_from_text(std::uint16_t type, std::string_view text);

}  // namespace netdiag::wire
