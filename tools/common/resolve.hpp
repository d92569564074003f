#pragma once

#include <optional>
#include <string>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/dns_name.hpp"

namespace netdiag::tools {

// `text` as a DNS name, or a UsageError naming what is wrong with it (empty, an empty label, a
// label over 63 bytes, a name over 255). `what` says what the name is for ("domain name").
wire::DnsName parse_dns_name(const std::string& text, const char* what);

// Resolves a host name or address literal with getaddrinfo(), limited to `family` when given.
// A name that cannot be a DNS name is refused before any lookup. Throws UsageError with a
// one-line explanation when it cannot.
IpAddress resolve_host(const std::string& host, std::optional<Family> family);

}  // namespace netdiag::tools
