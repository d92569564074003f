#include "netdiag/wire/icmpv6.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "netdiag/wire/checksum.hpp"
#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::load32;
using detail::store16;
using detail::NumberedPhrases;

namespace {

constexpr std::uint8_t protocol_icmpv6 = 58;

std::expected<std::span<std::byte>, BuildError> write_message(std::span<std::byte> out, std::uint8_t type,
                                                             std::uint8_t code,
                                                             std::span<const std::byte, 4> rest,
                                                             std::span<const std::byte> body,
                                                             const IpAddress* source,
                                                             const IpAddress* destination) {
  constexpr std::size_t header_length = Icmpv6View::header_length;
  if (body.size() > max_icmpv6_message - header_length) return std::unexpected(BuildError::payload_too_large);
  const bool with_checksum = source != nullptr && destination != nullptr;
  if (with_checksum && (source->family() != Family::ipv6 || destination->family() != Family::ipv6)) {
    return std::unexpected(BuildError::address_family_mismatch);
  }
  const std::size_t total = header_length + body.size();
  if (out.size() < total) return std::unexpected(BuildError::buffer_too_small);
  const auto message = out.first(total);
  if (!body.empty()) std::memmove(message.data() + header_length, body.data(), body.size());
  std::array<std::byte, 4> rest_copy{};  // `rest` may point into `out` too
  std::ranges::copy(rest, rest_copy.begin());
  message[0] = std::byte{type};
  message[1] = std::byte{code};
  store16(message, 2, 0);
  std::ranges::copy(rest_copy, message.begin() + 4);
  if (with_checksum) {
    const std::span<const std::byte, 16> src(source->bytes().data(), 16);
    const std::span<const std::byte, 16> dst(destination->bytes().data(), 16);
    store16(message, 2, ipv6_upper_layer_checksum(src, dst, protocol_icmpv6, message));
  }
  return message;
}

}  // namespace

std::expected<Icmpv6View, ParseError> Icmpv6View::parse(std::span<const std::byte> data) {
  if (data.size() < header_length) return std::unexpected(ParseError::truncated);
  return Icmpv6View(data);
}

std::uint8_t Icmpv6View::type() const { return static_cast<std::uint8_t>(byte_at(message_, 0)); }
std::uint8_t Icmpv6View::code() const { return static_cast<std::uint8_t>(byte_at(message_, 1)); }
std::uint16_t Icmpv6View::checksum() const { return load16(message_, 2); }

bool Icmpv6View::checksum_ok(std::span<const std::byte, 16> source,
                             std::span<const std::byte, 16> destination) const {
  return ipv6_upper_layer_checksum(source, destination, protocol_icmpv6, message_) == 0;
}

bool Icmpv6View::is_echo() const {
  return type() == icmpv6_type::echo_request || type() == icmpv6_type::echo_reply;
}
bool Icmpv6View::is_error() const { return type() < 128; }
std::uint16_t Icmpv6View::identifier() const { return load16(message_, 4); }
std::uint16_t Icmpv6View::sequence() const { return load16(message_, 6); }

std::optional<Mtu> Icmpv6View::mtu() const {
  if (type() != icmpv6_type::packet_too_big) return std::nullopt;
  const std::uint32_t value = load32(message_, 4);
  if (value == 0) return std::nullopt;
  return Mtu{value};
}

std::uint32_t Icmpv6View::pointer() const { return load32(message_, 4); }

std::span<const std::byte> Icmpv6View::body() const { return message_.subspan(header_length); }
std::span<const std::byte> Icmpv6View::message() const { return message_; }

std::size_t Icmpv6View::quoted_length() const {
  const auto whole = body().size();
  if (type() != icmpv6_type::destination_unreachable && type() != icmpv6_type::time_exceeded) return whole;
  const std::size_t length = std::size_t{byte_at(message_, 4)} * 8;
  return length == 0 || length > whole ? whole : length;
}

std::span<const std::byte> Icmpv6View::quoted() const { return body().first(quoted_length()); }
std::span<const std::byte> Icmpv6View::extension() const { return body().subspan(quoted_length()); }

std::expected<std::span<std::byte>, BuildError> build_icmpv6_echo(std::span<std::byte> out,
                                                                 const Icmpv6EchoFields& fields,
                                                                 std::span<const std::byte> data,
                                                                 const IpAddress* source,
                                                                 const IpAddress* destination) {
  const std::array<std::byte, 4> rest{
      static_cast<std::byte>(fields.identifier >> 8), static_cast<std::byte>(fields.identifier & 0xffU),
      static_cast<std::byte>(fields.sequence >> 8), static_cast<std::byte>(fields.sequence & 0xffU)};
  return write_message(out, fields.type, fields.code, rest, data, source, destination);
}

std::expected<std::span<std::byte>, BuildError> build_icmpv6_error(
    std::span<std::byte> out, std::uint8_t type, std::uint8_t code,
    std::span<const std::byte, 4> rest_of_header, std::span<const std::byte> quoted,
    const IpAddress* source, const IpAddress* destination) {
  return write_message(out, type, code, rest_of_header, quoted, source, destination);
}

std::string_view describe_icmpv6(std::uint8_t type, std::uint8_t code) {
  switch (type) {
    case icmpv6_type::destination_unreachable: {
      static constexpr std::array<std::string_view, 7> unreachable{
          "Destination unreachable: No route",
          "Destination unreachable: Administratively prohibited",
          "Destination unreachable: Beyond scope of source address",
          "Destination unreachable: Address unreachable",
          "Destination unreachable: Port unreachable",
          "Destination unreachable: Source address failed ingress/egress policy",
          "Destination unreachable: Reject route to destination",
      };
      if (code < unreachable.size()) return unreachable[code];
      static const NumberedPhrases unknown_code("Destination unreachable: Unknown code ");
      return unknown_code[code];
    }
    case icmpv6_type::packet_too_big:
      return "Packet too big";
    case icmpv6_type::time_exceeded: {
      if (code == 0) return "Time exceeded: Hop limit";
      if (code == 1) return "Time exceeded: Defragmentation failure";
      static const NumberedPhrases unknown_code("Time exceeded: code ");
      return unknown_code[code];
    }
    case icmpv6_type::parameter_problem: {
      static constexpr std::array<std::string_view, 3> problem{
          "Parameter problem: Wrong header field",
          "Parameter problem: Unknown header",
          "Parameter problem: Unknown option",
      };
      if (code < problem.size()) return problem[code];
      static const NumberedPhrases unknown_code("Parameter problem: code ");
      return unknown_code[code];
    }
    case icmpv6_type::echo_request: return "Echo request";
    case icmpv6_type::echo_reply: return "Echo reply";
    case 130: return "MLD Query";
    case 131: return "MLD Report";
    case 132: return "MLD Reduction";
    default: {
      static const NumberedPhrases unknown_type("unknown icmp type: ");
      return unknown_type[type];
    }
  }
}

}  // namespace netdiag::wire
