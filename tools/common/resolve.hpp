#pragma once

#include <optional>
#include <string>

#include "netdiag/core/address.hpp"

namespace netdiag::tools {

// Resolves a host name or address literal with getaddrinfo(), limited to `family` when given.
// Throws UsageError with a one-line explanation when it cannot.
IpAddress resolve_host(const std::string& host, std::optional<Family> family);

}  // namespace netdiag::tools
