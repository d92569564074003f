#include "common/resolve.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <memory>
#include <utility>

#include "common/tool_main.hpp"

namespace netdiag::tools {

wire::DnsName parse_dns_name(const std::string& text, const char* what) {
  if (text.empty()) throw UsageError{fmt::format("the {} is empty; give one such as www.example.org", what)};
  auto name = wire::DnsName::from_text(text);
  if (!name) {
    throw UsageError{fmt::format("'{}' is not a {}: {}; labels are 1 to 63 bytes, names at most 255", text, what,
                                 wire::to_string(name.error()))};
  }
  return std::move(*name);
}

IpAddress resolve_host(const std::string& host, std::optional<Family> family) {
  if (const auto literal = IpAddress::parse(host)) {
    if (family && literal->family() != *family) {
      throw UsageError{fmt::format("{} is an {} address but -{} was given; drop -{} or give an {} target", host,
                                   to_string(literal->family()), *family == Family::ipv4 ? '4' : '6',
                                   *family == Family::ipv4 ? '4' : '6', to_string(*family))};
    }
    return *literal;
  }
  if (host.find('/') != std::string::npos)
    throw UsageError{fmt::format("'{}' is a prefix, not a host; give one host name or address", host)};
  parse_dns_name(host, "host name");
  addrinfo hints{};
  hints.ai_family = !family ? AF_UNSPEC : *family == Family::ipv4 ? AF_INET : AF_INET6;
  hints.ai_socktype = SOCK_RAW;
  addrinfo* found = nullptr;
  const int status = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (status != 0 || found == nullptr) {
    throw UsageError{fmt::format("cannot resolve {}: {}; check the name or give an address", host,
                                 status == EAI_SYSTEM ? std::strerror(errno) : gai_strerror(status))};
  }
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owner(found, &freeaddrinfo);
  if (found->ai_family == AF_INET6) {
    std::array<std::byte, 16> bytes{};
    std::memcpy(bytes.data(), &reinterpret_cast<const sockaddr_in6*>(found->ai_addr)->sin6_addr, 16);  // NOLINT
    return IpAddress::v6(bytes);
  }
  std::array<std::byte, 4> bytes{};
  std::memcpy(bytes.data(), &reinterpret_cast<const sockaddr_in*>(found->ai_addr)->sin_addr, 4);  // NOLINT
  return IpAddress::v4(bytes);
}

}  // namespace netdiag::tools
