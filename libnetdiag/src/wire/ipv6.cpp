#include "netdiag/wire/ipv6.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::store16;

namespace {

IpAddress address_at(std::span<const std::byte> s, std::size_t at) {
  std::array<std::byte, 16> bytes{};
  std::copy_n(s.subspan(at, 16).begin(), 16, bytes.begin());
  return IpAddress::v6(bytes);
}

constexpr std::size_t fragment_header_length = 8;

}  // namespace

std::expected<Ipv6View, ParseError> Ipv6View::parse_impl(std::span<const std::byte> data, bool quoted) {
  if (data.empty()) return std::unexpected(ParseError::truncated);
  if ((byte_at(data, 0) >> 4) != 6) return std::unexpected(ParseError::bad_version);
  if (data.size() < header_length) return std::unexpected(ParseError::truncated);
  const std::size_t total = header_length + load16(data, 4);
  if (total > data.size() && !quoted) return std::unexpected(ParseError::truncated);
  return Ipv6View(data.first(std::min(total, data.size())));
}

std::expected<Ipv6View, ParseError> Ipv6View::parse(std::span<const std::byte> data) {
  return parse_impl(data, false);
}

std::expected<Ipv6View, ParseError> Ipv6View::parse_quoted(std::span<const std::byte> data) {
  return parse_impl(data, true);
}

std::uint8_t Ipv6View::traffic_class() const {
  return static_cast<std::uint8_t>(((byte_at(packet_, 0) & 0x0fU) << 4) | (byte_at(packet_, 1) >> 4));
}
std::uint32_t Ipv6View::flow_label() const {
  return ((std::uint32_t{byte_at(packet_, 1)} & 0x0fU) << 16) | (std::uint32_t{byte_at(packet_, 2)} << 8) |
         std::uint32_t{byte_at(packet_, 3)};
}
std::uint16_t Ipv6View::payload_length() const { return load16(packet_, 4); }
std::uint8_t Ipv6View::next_header() const { return static_cast<std::uint8_t>(byte_at(packet_, 6)); }
std::uint8_t Ipv6View::hop_limit() const { return static_cast<std::uint8_t>(byte_at(packet_, 7)); }
IpAddress Ipv6View::source() const { return address_at(packet_, 8); }
IpAddress Ipv6View::destination() const { return address_at(packet_, 24); }
std::span<const std::byte, 16> Ipv6View::source_bytes() const { return packet_.subspan<8, 16>(); }
std::span<const std::byte, 16> Ipv6View::destination_bytes() const { return packet_.subspan<24, 16>(); }
std::span<const std::byte> Ipv6View::header() const { return packet_.first(header_length); }
std::span<const std::byte> Ipv6View::payload() const { return packet_.subspan(header_length); }

std::expected<UpperLayer, ParseError> Ipv6View::upper_layer() const {
  std::uint8_t protocol = next_header();
  std::span<const std::byte> data = payload();
  for (int walked = 0;; ++walked) {
    std::size_t length = 0;
    switch (protocol) {
      case ipv6_next_header::hop_by_hop:
      case ipv6_next_header::routing:
      case ipv6_next_header::destination_options:
        if (data.size() < 2) return std::unexpected(ParseError::truncated);
        length = (std::size_t{byte_at(data, 1)} + 1) * 8;
        break;
      case ipv6_next_header::fragment:
        length = fragment_header_length;
        break;
      case ipv6_next_header::no_next_header:
        return UpperLayer{protocol, {}};
      default:
        return UpperLayer{protocol, data};
    }
    if (walked == max_extension_headers) return std::unexpected(ParseError::too_many_extension_headers);
    if (data.size() < length) return std::unexpected(ParseError::truncated);
    if (protocol == ipv6_next_header::fragment && (load16(data, 2) & 0xfff8U) != 0) {
      return UpperLayer{protocol, data};  // a later fragment: no upper-layer header here
    }
    protocol = static_cast<std::uint8_t>(byte_at(data, 0));
    data = data.subspan(length);
  }
}

std::expected<std::span<std::byte>, BuildError> build_ipv6(std::span<std::byte> out,
                                                          const Ipv6Fields& fields,
                                                          std::span<const std::byte> payload) {
  constexpr std::size_t header_length = Ipv6View::header_length;
  if (payload.size() > 0xffffU) return std::unexpected(BuildError::payload_too_large);
  if (fields.source.family() != Family::ipv6 || fields.destination.family() != Family::ipv6) {
    return std::unexpected(BuildError::address_family_mismatch);
  }
  const std::size_t total = header_length + payload.size();
  if (out.size() < total) return std::unexpected(BuildError::buffer_too_small);

  const auto packet = out.first(total);
  // Payload first, with memmove: it may already sit anywhere inside `out`.
  if (!payload.empty()) std::memmove(packet.data() + header_length, payload.data(), payload.size());
  const std::uint32_t first_word = (std::uint32_t{6} << 28) | (std::uint32_t{fields.traffic_class} << 20) |
                                   (fields.flow_label & 0xfffffU);
  store16(packet, 0, static_cast<std::uint16_t>(first_word >> 16));
  store16(packet, 2, static_cast<std::uint16_t>(first_word & 0xffffU));
  store16(packet, 4, static_cast<std::uint16_t>(payload.size()));
  packet[6] = std::byte{fields.next_header};
  packet[7] = std::byte{fields.hop_limit};
  std::ranges::copy(fields.source.bytes(), packet.begin() + 8);
  std::ranges::copy(fields.destination.bytes(), packet.begin() + 24);
  return packet;
}

}  // namespace netdiag::wire
