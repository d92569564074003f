#include "netdiag/wire/udp.hpp"

#include <algorithm>
#include <cstring>

#include "netdiag/wire/checksum.hpp"
#include "bytes.hpp"

namespace netdiag::wire {

using detail::load16;
using detail::store16;

std::optional<std::uint16_t> pseudo_header_checksum(const IpAddress& source, const IpAddress& destination,
                                                    std::uint8_t protocol,
                                                    std::span<const std::byte> message) {
  if (source.family() != destination.family()) return std::nullopt;
  if (source.family() == Family::ipv6) {
    const std::span<const std::byte, 16> src(source.bytes().data(), 16);
    const std::span<const std::byte, 16> dst(destination.bytes().data(), 16);
    return ipv6_upper_layer_checksum(src, dst, protocol, message);
  }
  if (message.size() > 0xffffU) return std::nullopt;
  std::uint32_t sum = checksum_accumulate(source.bytes());
  sum = checksum_accumulate(destination.bytes(), sum);
  sum += protocol;  // the zero byte and the protocol, as one 16-bit word
  sum += static_cast<std::uint32_t>(message.size());
  return checksum_fold(checksum_accumulate(message, sum));
}

std::expected<UdpView, ParseError> UdpView::parse_impl(std::span<const std::byte> data, bool quoted) {
  if (data.size() < header_length) return std::unexpected(ParseError::truncated);
  const std::size_t length = load16(data, 4);
  if (length < header_length) return std::unexpected(ParseError::bad_total_length);
  if (length > data.size() && !quoted) return std::unexpected(ParseError::truncated);
  return UdpView(data.first(std::min(length, data.size())));
}

std::expected<UdpView, ParseError> UdpView::parse(std::span<const std::byte> data) {
  return parse_impl(data, false);
}

std::expected<UdpView, ParseError> UdpView::parse_quoted(std::span<const std::byte> data) {
  return parse_impl(data, true);
}

Port UdpView::source_port() const { return Port{load16(datagram_, 0)}; }
Port UdpView::destination_port() const { return Port{load16(datagram_, 2)}; }
std::uint16_t UdpView::length() const { return load16(datagram_, 4); }
std::uint16_t UdpView::checksum() const { return load16(datagram_, 6); }

bool UdpView::checksum_ok(const IpAddress& source, const IpAddress& destination) const {
  if (!complete() || source.family() != destination.family()) return false;
  if (checksum() == 0) return source.family() == Family::ipv4;
  const auto sum = pseudo_header_checksum(source, destination, ip_protocol_udp, datagram_);
  return sum.has_value() && *sum == 0;
}

std::span<const std::byte> UdpView::header() const { return datagram_.first(header_length); }
std::span<const std::byte> UdpView::payload() const { return datagram_.subspan(header_length); }
std::span<const std::byte> UdpView::datagram() const { return datagram_; }

std::expected<std::span<std::byte>, BuildError> build_udp(std::span<std::byte> out, const UdpFields& fields,
                                                         std::span<const std::byte> payload,
                                                         const IpAddress* source,
                                                         const IpAddress* destination) {
  constexpr std::size_t header_length = UdpView::header_length;
  if (payload.size() > max_udp_datagram - header_length) {
    return std::unexpected(BuildError::payload_too_large);
  }
  const bool with_checksum = source != nullptr && destination != nullptr;
  if (with_checksum && source->family() != destination->family()) {
    return std::unexpected(BuildError::address_family_mismatch);
  }
  const std::size_t total = header_length + payload.size();
  if (out.size() < total) return std::unexpected(BuildError::buffer_too_small);

  const auto datagram = out.first(total);
  // Payload first, with memmove: it may already sit anywhere inside `out`.
  if (!payload.empty()) std::memmove(datagram.data() + header_length, payload.data(), payload.size());
  store16(datagram, 0, fields.source.value);
  store16(datagram, 2, fields.destination.value);
  store16(datagram, 4, static_cast<std::uint16_t>(total));
  store16(datagram, 6, 0);
  if (with_checksum) {
    const auto sum = pseudo_header_checksum(*source, *destination, ip_protocol_udp, datagram).value_or(0);
    store16(datagram, 6, sum == 0 ? std::uint16_t{0xffff} : sum);
  }
  return datagram;
}

}  // namespace netdiag::wire
