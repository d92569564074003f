// Private to wire/: the rdata knowledge dns_message.cpp needs from dns_rdata.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <span>
#include <vector>

#include "netdiag/wire/dns_error.hpp"

namespace netdiag::wire::detail {

// The rdata of a record of `type` that sits at message[offset, offset + length) (the caller has
// checked that range), with the embedded names that may arrive compressed (RFC 3597 section 4:
// NS, MD, MF, CNAME, SOA, MB, MG, MR, PTR, MINFO, MX, RP, AFSDB, RT, SIG, PX, NXT, NAPTR, SRV; and,
// leniently, DNAME, RRSIG and NSEC, whose names must not be compressed but are read the same)
// written out in full. Error bad_rdata when a name inside is bad or does not end inside the
// rdata, or when the result does not match the format of a type dns_rdata_to_text knows.
std::expected<std::vector<std::byte>, DnsError> read_dns_rdata(std::span<const std::byte> message,
                                                               std::size_t offset, std::size_t length,
                                                               std::uint16_t type);

}  // namespace netdiag::wire::detail
