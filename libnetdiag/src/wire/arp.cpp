#include "netdiag/wire/arp.hpp"

#include <algorithm>
#include <array>

#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::load64;
using detail::store16;
using detail::store64;

namespace {

constexpr std::size_t sender_mac_at = 8, sender_ip_at = 14, target_mac_at = 18, target_ip_at = 24;
constexpr std::uint8_t mac_length = 6, ipv4_length = 4;

MacAddress mac_at(std::span<const std::byte> s, std::size_t at) {
  MacAddress mac{};
  std::copy_n(s.subspan(at, mac.size()).begin(), mac.size(), mac.begin());
  return mac;
}

IpAddress ipv4_at(std::span<const std::byte> s, std::size_t at) {
  std::array<std::byte, 4> bytes{};
  std::copy_n(s.subspan(at, bytes.size()).begin(), bytes.size(), bytes.begin());
  return IpAddress::v4(bytes);
}

}  // namespace

std::expected<ArpView, ParseError> ArpView::parse(std::span<const std::byte> data) {
  if (data.size() < length) return std::unexpected(ParseError::truncated);
  if (load16(data, 0) != hardware_ethernet || load16(data, 2) != ethertype::ipv4) {
    return std::unexpected(ParseError::bad_version);
  }
  if (byte_at(data, 4) != mac_length || byte_at(data, 5) != ipv4_length) {
    return std::unexpected(ParseError::bad_header_length);
  }
  return ArpView(data.first(length));
}

std::uint16_t ArpView::operation() const { return load16(packet_, 6); }
MacAddress ArpView::sender_mac() const { return mac_at(packet_, sender_mac_at); }
IpAddress ArpView::sender_ip() const { return ipv4_at(packet_, sender_ip_at); }
MacAddress ArpView::target_mac() const { return mac_at(packet_, target_mac_at); }
IpAddress ArpView::target_ip() const { return ipv4_at(packet_, target_ip_at); }

std::size_t build_arp(std::span<std::byte> out, std::uint16_t operation, const MacAddress& sender_mac,
                      const IpAddress& sender_ip, const MacAddress& target_mac, const IpAddress& target_ip) {
  if (out.size() < ArpView::length) return 0;
  if (sender_ip.family() != Family::ipv4 || target_ip.family() != Family::ipv4) return 0;
  store16(out, 0, ArpView::hardware_ethernet);
  store16(out, 2, ethertype::ipv4);
  out[4] = std::byte{mac_length};
  out[5] = std::byte{ipv4_length};
  store16(out, 6, operation);
  std::ranges::copy(sender_mac, out.begin() + sender_mac_at);
  std::ranges::copy(sender_ip.bytes(), out.begin() + sender_ip_at);
  std::ranges::copy(target_mac, out.begin() + target_mac_at);
  std::ranges::copy(target_ip.bytes(), out.begin() + target_ip_at);
  return ArpView::length;
}

std::optional<ArpTrailer> read_arp_trailer(std::span<const std::byte> after) {
  if (after.size() < ArpTrailer::length) return std::nullopt;
  return ArpTrailer{load64(after, 0), load64(after, 8)};
}

std::size_t write_arp_trailer(std::span<std::byte> out, const ArpTrailer& trailer) {
  if (out.size() < ArpTrailer::length) return 0;
  store64(out, 0, trailer.run);
  store64(out, 8, trailer.request);
  return ArpTrailer::length;
}

}  // namespace netdiag::wire
