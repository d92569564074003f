#include "netdiag/wire/ipv4.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "netdiag/wire/checksum.hpp"
#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::store16;

namespace {

IpAddress address_at(std::span<const std::byte> s, std::size_t at) {
  std::array<std::byte, 4> bytes{};
  std::copy_n(s.subspan(at, 4).begin(), 4, bytes.begin());
  return IpAddress::v4(bytes);
}

constexpr std::uint16_t flag_df = 0x4000;
constexpr std::uint16_t flag_mf = 0x2000;
constexpr std::uint16_t offset_mask = 0x1fff;

}  // namespace

std::expected<Ipv4View, ParseError> Ipv4View::parse_impl(std::span<const std::byte> data, bool quoted) {
  if (data.empty()) return std::unexpected(ParseError::truncated);
  if ((byte_at(data, 0) >> 4) != 4) return std::unexpected(ParseError::bad_version);
  const unsigned ihl_bytes = (byte_at(data, 0) & 0x0fU) * 4U;
  if (ihl_bytes < min_header_length) return std::unexpected(ParseError::bad_header_length);
  if (data.size() < ihl_bytes) return std::unexpected(ParseError::truncated);
  const std::size_t total = load16(data, 2);
  if (total < ihl_bytes) return std::unexpected(ParseError::bad_total_length);
  if (total > data.size() && !quoted) return std::unexpected(ParseError::truncated);
  return Ipv4View(data.first(std::min(total, data.size())), static_cast<std::uint8_t>(ihl_bytes));
}

std::expected<Ipv4View, ParseError> Ipv4View::parse(std::span<const std::byte> data) {
  return parse_impl(data, false);
}

std::expected<Ipv4View, ParseError> Ipv4View::parse_quoted(std::span<const std::byte> data) {
  return parse_impl(data, true);
}

std::uint8_t Ipv4View::tos() const { return static_cast<std::uint8_t>(byte_at(datagram_, 1)); }
std::uint16_t Ipv4View::total_length() const { return load16(datagram_, 2); }
std::uint16_t Ipv4View::identification() const { return load16(datagram_, 4); }
bool Ipv4View::dont_fragment() const { return (load16(datagram_, 6) & flag_df) != 0; }
bool Ipv4View::more_fragments() const { return (load16(datagram_, 6) & flag_mf) != 0; }
std::uint16_t Ipv4View::fragment_offset() const {
  return static_cast<std::uint16_t>(load16(datagram_, 6) & offset_mask);
}
std::uint8_t Ipv4View::ttl() const { return static_cast<std::uint8_t>(byte_at(datagram_, 8)); }
std::uint8_t Ipv4View::protocol() const { return static_cast<std::uint8_t>(byte_at(datagram_, 9)); }
std::uint16_t Ipv4View::header_checksum() const { return load16(datagram_, 10); }
bool Ipv4View::header_checksum_ok() const { return internet_checksum(header()) == 0; }
IpAddress Ipv4View::source() const { return address_at(datagram_, 12); }
IpAddress Ipv4View::destination() const { return address_at(datagram_, 16); }

std::span<const std::byte> Ipv4View::options() const {
  return datagram_.subspan(min_header_length, header_length_ - min_header_length);
}
std::span<const std::byte> Ipv4View::header() const { return datagram_.first(header_length_); }
std::span<const std::byte> Ipv4View::payload() const { return datagram_.subspan(header_length_); }

std::expected<std::span<std::byte>, BuildError> build_ipv4(std::span<std::byte> out,
                                                          const Ipv4Fields& fields,
                                                          std::span<const std::byte> payload) {
  constexpr std::size_t header_length = Ipv4View::min_header_length;
  if (payload.size() > 0xffffU - header_length) return std::unexpected(BuildError::payload_too_large);
  if (fields.source.family() != Family::ipv4 || fields.destination.family() != Family::ipv4) {
    return std::unexpected(BuildError::address_family_mismatch);
  }
  const std::size_t total = header_length + payload.size();
  if (out.size() < total) return std::unexpected(BuildError::buffer_too_small);

  const auto packet = out.first(total);
  // Payload first, with memmove: it may already sit anywhere inside `out`.
  if (!payload.empty()) std::memmove(packet.data() + header_length, payload.data(), payload.size());
  packet[0] = std::byte{0x45};  // version 4, IHL 5
  packet[1] = std::byte{fields.tos};
  store16(packet, 2, static_cast<std::uint16_t>(total));
  store16(packet, 4, fields.identification);
  store16(packet, 6, fields.dont_fragment ? flag_df : std::uint16_t{0});
  packet[8] = std::byte{fields.ttl};
  packet[9] = std::byte{fields.protocol};
  store16(packet, 10, 0);
  std::ranges::copy(fields.source.bytes(), packet.begin() + 12);
  std::ranges::copy(fields.destination.bytes(), packet.begin() + 16);
  store16(packet, 10, internet_checksum(packet.first(header_length)));
  return packet;
}

}  // namespace netdiag::wire
