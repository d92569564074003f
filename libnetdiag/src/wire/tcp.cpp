#include "netdiag/wire/tcp.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "netdiag/wire/udp.hpp"
#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::load32;
using detail::store16;
using detail::store32;

namespace {

constexpr std::size_t max_options_length = TcpView::max_header_length - TcpView::min_header_length;

// Header length in bytes from the Data Offset nibble of a segment with at least 13 bytes.
std::size_t header_length_of(std::span<const std::byte> data) { return (byte_at(data, 12) >> 4) * 4U; }

}  // namespace

std::expected<TcpView, ParseError> TcpView::parse(std::span<const std::byte> data) {
  if (data.size() < min_header_length) return std::unexpected(ParseError::truncated);
  const std::size_t header_length = header_length_of(data);
  if (header_length < min_header_length) return std::unexpected(ParseError::bad_header_length);
  if (header_length > data.size()) return std::unexpected(ParseError::truncated);
  return TcpView(data, static_cast<std::uint8_t>(header_length));
}

std::expected<TcpView, ParseError> TcpView::parse_quoted(std::span<const std::byte> data) {
  if (data.size() < min_quoted_length) return std::unexpected(ParseError::truncated);
  if (data.size() >= min_header_length) {
    const std::size_t header_length = header_length_of(data);
    if (header_length >= min_header_length && header_length <= data.size()) {
      return TcpView(data, static_cast<std::uint8_t>(header_length));
    }
  }
  return TcpView(data, 0);
}

Port TcpView::source_port() const { return Port{load16(segment_, 0)}; }
Port TcpView::destination_port() const { return Port{load16(segment_, 2)}; }
std::uint32_t TcpView::sequence() const { return load32(segment_, 4); }

std::uint32_t TcpView::acknowledgment() const { return complete() ? load32(segment_, 8) : 0; }
TcpFlags TcpView::flags() const {
  return complete() ? TcpFlags{static_cast<std::uint8_t>(byte_at(segment_, 13))} : TcpFlags{};
}
std::uint16_t TcpView::window() const { return complete() ? load16(segment_, 14) : std::uint16_t{0}; }
std::uint16_t TcpView::checksum() const { return complete() ? load16(segment_, 16) : std::uint16_t{0}; }
std::uint16_t TcpView::urgent_pointer() const { return complete() ? load16(segment_, 18) : std::uint16_t{0}; }

std::span<const std::byte> TcpView::header() const { return segment_.first(header_length_); }
std::span<const std::byte> TcpView::options() const {
  if (!complete()) return {};
  return segment_.subspan(min_header_length, header_length_ - min_header_length);
}
std::span<const std::byte> TcpView::payload() const {
  if (!complete()) return {};
  return segment_.subspan(header_length_);
}
std::span<const std::byte> TcpView::segment() const { return segment_; }

bool TcpView::checksum_ok(const IpAddress& source, const IpAddress& destination) const {
  if (!complete()) return false;
  const auto sum = pseudo_header_checksum(source, destination, ip_protocol_tcp, segment_);
  return sum.has_value() && *sum == 0;
}

std::expected<TcpOptions, ParseError> parse_tcp_options(std::span<const std::byte> options) {
  TcpOptions found;
  std::size_t at = 0;
  while (at < options.size()) {
    const auto kind = static_cast<std::uint8_t>(byte_at(options, at));
    if (kind == tcp_option_kind::end_of_list) break;
    if (kind == tcp_option_kind::nop) {
      ++at;
      continue;
    }
    if (at + 1 >= options.size()) return std::unexpected(ParseError::truncated);
    const std::size_t length = byte_at(options, at + 1);
    if (length < 2) return std::unexpected(ParseError::bad_total_length);
    if (length > options.size() - at) return std::unexpected(ParseError::truncated);
    const auto option = options.subspan(at, length);
    switch (kind) {
      case tcp_option_kind::mss:
        if (length == 4) found.mss = load16(option, 2);
        else ++found.wrong_length;
        break;
      case tcp_option_kind::window_scale:
        if (length == 3) found.window_scale = static_cast<std::uint8_t>(byte_at(option, 2));
        else ++found.wrong_length;
        break;
      case tcp_option_kind::sack_permitted:
        if (length == 2) found.sack_permitted = true;
        else ++found.wrong_length;
        break;
      case tcp_option_kind::sack:
        if (length >= 10 && (length - 2) % 8 == 0) {
          found.sack_blocks = static_cast<std::uint8_t>((length - 2) / 8);
        } else {
          ++found.wrong_length;
        }
        break;
      case tcp_option_kind::timestamps:
        if (length == 10) found.timestamps = TcpTimestamps{load32(option, 2), load32(option, 6)};
        else ++found.wrong_length;
        break;
      default:
        ++found.unknown;
        break;
    }
    at += length;
  }
  return found;
}

std::expected<std::span<std::byte>, BuildError> build_tcp_options(std::span<std::byte> out,
                                                                 const TcpOptions& options) {
  std::array<std::byte, 20> bytes{};
  std::size_t at = 0;
  const auto put = [&](std::uint8_t value) { bytes[at++] = std::byte{value}; };
  const auto put32 = [&](std::uint32_t value) {
    store32(bytes, at, value);
    at += 4;
  };
  if (options.mss) {
    put(tcp_option_kind::mss);
    put(4);
    store16(bytes, at, *options.mss);
    at += 2;
  }
  if (options.timestamps) {
    if (options.sack_permitted) {
      put(tcp_option_kind::sack_permitted);
      put(2);
    } else {
      put(tcp_option_kind::nop);
      put(tcp_option_kind::nop);
    }
    put(tcp_option_kind::timestamps);
    put(10);
    put32(options.timestamps->value);
    put32(options.timestamps->echo);
  } else if (options.sack_permitted) {
    put(tcp_option_kind::nop);
    put(tcp_option_kind::nop);
    put(tcp_option_kind::sack_permitted);
    put(2);
  }
  if (options.window_scale) {
    put(tcp_option_kind::nop);
    put(tcp_option_kind::window_scale);
    put(3);
    put(*options.window_scale);
  }
  if (out.size() < at) return std::unexpected(BuildError::buffer_too_small);
  std::copy_n(bytes.begin(), at, out.begin());
  return out.first(at);
}

std::expected<std::span<std::byte>, BuildError> build_tcp(std::span<std::byte> out, const TcpFields& fields,
                                                         std::span<const std::byte> payload,
                                                         const IpAddress* source,
                                                         const IpAddress* destination) {
  if (fields.options.size() > max_options_length) return std::unexpected(BuildError::payload_too_large);
  const std::size_t header_length = TcpView::min_header_length + (fields.options.size() + 3) / 4 * 4;
  if (payload.size() > max_tcp_segment - header_length) return std::unexpected(BuildError::payload_too_large);
  const bool with_checksum = source != nullptr && destination != nullptr;
  if (with_checksum && source->family() != destination->family()) {
    return std::unexpected(BuildError::address_family_mismatch);
  }
  const std::size_t total = header_length + payload.size();
  if (out.size() < total) return std::unexpected(BuildError::buffer_too_small);

  std::array<std::byte, max_options_length> options{};  // `fields.options` may point into `out` too
  std::ranges::copy(fields.options, options.begin());
  const auto segment = out.first(total);
  // Payload first, with memmove: it may already sit anywhere inside `out`.
  if (!payload.empty()) std::memmove(segment.data() + header_length, payload.data(), payload.size());
  store16(segment, 0, fields.source.value);
  store16(segment, 2, fields.destination.value);
  store32(segment, 4, fields.sequence);
  store32(segment, 8, fields.acknowledgment);
  segment[12] = static_cast<std::byte>((header_length / 4) << 4);
  segment[13] = std::byte{fields.flags.bits};
  store16(segment, 14, fields.window);
  store16(segment, 16, 0);
  store16(segment, 18, fields.urgent_pointer);
  std::copy_n(options.begin(), header_length - TcpView::min_header_length,
              segment.begin() + static_cast<std::ptrdiff_t>(TcpView::min_header_length));
  if (with_checksum) {
    store16(segment, 16, pseudo_header_checksum(*source, *destination, ip_protocol_tcp, segment).value_or(0));
  }
  return segment;
}

}  // namespace netdiag::wire
