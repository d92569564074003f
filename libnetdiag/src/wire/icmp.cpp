#include "netdiag/wire/icmp.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "netdiag/wire/checksum.hpp"
#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::store16;
using detail::NumberedPhrases;

namespace {

// Writes header + body into out (body first, with memmove, as it may overlap out), then the
// checksum over the whole message.
std::expected<std::span<std::byte>, BuildError> write_message(std::span<std::byte> out, std::uint8_t type,
                                                             std::uint8_t code,
                                                             std::span<const std::byte, 4> rest,
                                                             std::span<const std::byte> body) {
  constexpr std::size_t header_length = IcmpView::header_length;
  if (body.size() > max_icmp_message - header_length) return std::unexpected(BuildError::payload_too_large);
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
  store16(message, 2, internet_checksum(message));
  return message;
}

}  // namespace

std::expected<IcmpView, ParseError> IcmpView::parse(std::span<const std::byte> data) {
  if (data.size() < header_length) return std::unexpected(ParseError::truncated);
  return IcmpView(data);
}

std::uint8_t IcmpView::type() const { return static_cast<std::uint8_t>(byte_at(message_, 0)); }
std::uint8_t IcmpView::code() const { return static_cast<std::uint8_t>(byte_at(message_, 1)); }
std::uint16_t IcmpView::checksum() const { return load16(message_, 2); }
bool IcmpView::checksum_ok() const { return internet_checksum(message_) == 0; }

bool IcmpView::is_echo() const {
  return type() == icmp_type::echo_request || type() == icmp_type::echo_reply;
}

bool IcmpView::is_error() const {
  switch (type()) {
    case icmp_type::destination_unreachable:
    case icmp_type::source_quench:
    case icmp_type::redirect:
    case icmp_type::time_exceeded:
    case icmp_type::parameter_problem:
      return true;
    default:
      return false;
  }
}

std::uint16_t IcmpView::identifier() const { return load16(message_, 4); }
std::uint16_t IcmpView::sequence() const { return load16(message_, 6); }

std::optional<Mtu> IcmpView::next_hop_mtu() const {
  if (type() != icmp_type::destination_unreachable || code() != 4) return std::nullopt;
  const std::uint16_t mtu = load16(message_, 6);
  if (mtu == 0) return std::nullopt;
  return Mtu{mtu};
}

IpAddress IcmpView::gateway() const {
  std::array<std::byte, 4> bytes{};
  std::copy_n(message_.subspan(4, 4).begin(), 4, bytes.begin());
  return IpAddress::v4(bytes);
}

std::span<const std::byte> IcmpView::body() const { return message_.subspan(header_length); }
std::span<const std::byte> IcmpView::message() const { return message_; }

std::size_t IcmpView::quoted_length() const {
  const auto whole = body().size();
  if (type() != icmp_type::destination_unreachable && type() != icmp_type::time_exceeded &&
      type() != icmp_type::parameter_problem) {
    return whole;
  }
  const std::size_t length = std::size_t{byte_at(message_, 5)} * 4;
  return length == 0 || length > whole ? whole : length;
}

std::span<const std::byte> IcmpView::quoted() const { return body().first(quoted_length()); }
std::span<const std::byte> IcmpView::extension() const { return body().subspan(quoted_length()); }

std::expected<std::span<std::byte>, BuildError> build_icmp_echo(std::span<std::byte> out,
                                                               const IcmpEchoFields& fields,
                                                               std::span<const std::byte> data) {
  const std::array<std::byte, 4> rest{
      static_cast<std::byte>(fields.identifier >> 8), static_cast<std::byte>(fields.identifier & 0xffU),
      static_cast<std::byte>(fields.sequence >> 8), static_cast<std::byte>(fields.sequence & 0xffU)};
  return write_message(out, fields.type, fields.code, rest, data);
}

std::expected<std::span<std::byte>, BuildError> build_icmp_error(
    std::span<std::byte> out, std::uint8_t type, std::uint8_t code,
    std::span<const std::byte, 4> rest_of_header, std::span<const std::byte> quoted) {
  return write_message(out, type, code, rest_of_header, quoted);
}

std::string_view describe_icmp(std::uint8_t type, std::uint8_t code) {
  switch (type) {
    case icmp_type::echo_reply:
      return "Echo Reply";
    case icmp_type::destination_unreachable: {
      static constexpr std::array<std::string_view, 16> unreachable{
          "Destination Net Unreachable",
          "Destination Host Unreachable",
          "Destination Protocol Unreachable",
          "Destination Port Unreachable",
          "Frag needed and DF set",
          "Source Route Failed",
          "Destination Net Unknown",
          "Destination Host Unknown",
          "Source Host Isolated",
          "Destination Net Prohibited",
          "Destination Host Prohibited",
          "Destination Net Unreachable for Type of Service",
          "Destination Host Unreachable for Type of Service",
          "Packet filtered",
          "Precedence Violation",
          "Precedence Cutoff",
      };
      if (code < unreachable.size()) return unreachable[code];
      static const NumberedPhrases bad_code("Dest Unreachable, Bad Code: ");
      return bad_code[code];
    }
    case icmp_type::source_quench:
      return "Source Quench";
    case icmp_type::redirect: {
      static constexpr std::array<std::string_view, 4> redirect{
          "Redirect Network",
          "Redirect Host",
          "Redirect Type of Service and Network",
          "Redirect Type of Service and Host",
      };
      if (code < redirect.size()) return redirect[code];
      static const NumberedPhrases bad_code("Redirect, Bad Code: ");
      return bad_code[code];
    }
    case icmp_type::echo_request:
      return "Echo Request";
    case icmp_type::time_exceeded: {
      if (code == 0) return "Time to live exceeded";
      if (code == 1) return "Frag reassembly time exceeded";
      static const NumberedPhrases bad_code("Time exceeded, Bad Code: ");
      return bad_code[code];
    }
    case icmp_type::parameter_problem:
      return "Parameter problem";
    case 13: return "Timestamp";
    case 14: return "Timestamp Reply";
    case 15: return "Information Request";
    case 16: return "Information Reply";
    case 17: return "Address Mask Request";
    case 18: return "Address Mask Reply";
    default: {
      static const NumberedPhrases bad_type("Bad ICMP type: ");
      return bad_type[type];
    }
  }
}

}  // namespace netdiag::wire
