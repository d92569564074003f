#include "netdiag/core/address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace netdiag {

std::string_view to_string(Family family) { return family == Family::ipv4 ? "ipv4" : "ipv6"; }

IpAddress IpAddress::v4(std::array<std::byte, 4> bytes) {
  IpAddress address;
  address.family_ = Family::ipv4;
  std::ranges::copy(bytes, address.bytes_.begin());
  return address;
}

IpAddress IpAddress::v6(std::array<std::byte, 16> bytes) {
  IpAddress address;
  address.family_ = Family::ipv6;
  address.bytes_ = bytes;
  return address;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.size() > INET6_ADDRSTRLEN) return std::nullopt;
  const std::string terminated(text);
  std::array<std::byte, 16> buffer{};
  if (inet_pton(AF_INET, terminated.c_str(), buffer.data()) == 1) {
    std::array<std::byte, 4> v4bytes{};
    std::copy_n(buffer.begin(), 4, v4bytes.begin());
    return v4(v4bytes);
  }
  if (inet_pton(AF_INET6, terminated.c_str(), buffer.data()) == 1) return v6(buffer);
  return std::nullopt;
}

std::span<const std::byte> IpAddress::bytes() const {
  return std::span<const std::byte>(bytes_).first(family_ == Family::ipv4 ? 4 : 16);
}

std::string IpAddress::to_string() const {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(family_ == Family::ipv4 ? AF_INET : AF_INET6, bytes_.data(), text, sizeof text);
  return text;
}

bool IpAddress::is_unspecified() const {
  const auto view = bytes();
  return std::ranges::all_of(view, [](std::byte b) { return b == std::byte{0}; });
}

}  // namespace netdiag
