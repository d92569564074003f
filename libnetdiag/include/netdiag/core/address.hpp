// An IPv4 or IPv6 address as plain bytes: engines and models use it without pulling in Asio.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace netdiag {

enum class Family : std::uint8_t { ipv4, ipv6 };

std::string_view to_string(Family family);

// The IP header our probes carry: IPv4 without options (20 bytes) or IPv6 (40).
constexpr std::size_t ip_header_bytes(Family family) { return family == Family::ipv4 ? 20 : 40; }

class IpAddress {
 public:
  IpAddress() = default;
  static IpAddress v4(std::array<std::byte, 4> bytes);
  static IpAddress v6(std::array<std::byte, 16> bytes);
  // Parses dotted-quad IPv4 or RFC 4291 IPv6 text (an optional %scope is rejected).
  static std::optional<IpAddress> parse(std::string_view text);

  Family family() const { return family_; }
  // 4 bytes for IPv4, 16 for IPv6.
  std::span<const std::byte> bytes() const;
  std::string to_string() const;
  bool is_unspecified() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;

 private:
  Family family_ = Family::ipv4;
  std::array<std::byte, 16> bytes_{};
};

}  // namespace netdiag
