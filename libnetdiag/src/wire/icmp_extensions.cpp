#include "netdiag/wire/icmp_extensions.hpp"

#include <algorithm>
#include <cstring>

#include "netdiag/wire/checksum.hpp"
#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::load32;
using detail::store16;
using detail::store32;

namespace {

// RFC 4884: a datagram followed by extensions is zero-padded to at least this many bytes.
constexpr std::size_t min_original_datagram = 128;

enum class Trust : std::uint8_t { parse, checksum, nonzero_checksum };

std::optional<IcmpExtensions> try_at(std::span<const std::byte> body, std::size_t offset, Trust trust) {
  if (offset >= body.size()) return std::nullopt;
  auto parsed = parse_icmp_extensions(body.subspan(offset));
  if (!parsed) return std::nullopt;
  if (trust != Trust::parse && !parsed->checksum_ok()) return std::nullopt;
  if (trust == Trust::nonzero_checksum && parsed->checksum() == 0) return std::nullopt;
  return *parsed;
}

// The rules of find_icmp_extensions() for a body and the Length field in bytes.
std::optional<IcmpExtensions> find_in(std::span<const std::byte> body, std::size_t length) {
  if (length >= min_original_datagram) return try_at(body, length, Trust::parse);
  if (length != 0) {
    if (body.size() > min_original_datagram) {
      if (auto found = try_at(body, min_original_datagram, Trust::checksum)) return found;
    }
    return try_at(body, length, Trust::checksum);
  }
  return try_at(body, min_original_datagram, Trust::nonzero_checksum);
}

}  // namespace

std::uint8_t IcmpExtensions::version() const { return static_cast<std::uint8_t>(byte_at(bytes_, 0) >> 4); }
std::uint16_t IcmpExtensions::checksum() const { return load16(bytes_, 2); }
bool IcmpExtensions::checksum_ok() const { return checksum() == 0 || internet_checksum(bytes_) == 0; }

std::expected<IcmpExtensions, ParseError> parse_icmp_extensions(std::span<const std::byte> data) {
  constexpr std::size_t header_length = IcmpExtensions::header_length;
  constexpr std::size_t object_header_length = IcmpExtensions::object_header_length;
  if (data.size() < header_length) return std::unexpected(ParseError::truncated);
  IcmpExtensions extensions(data);
  if (extensions.version() != IcmpExtensions::version_2) return std::unexpected(ParseError::bad_version);
  std::size_t at = header_length;
  while (at < data.size()) {
    const auto rest = data.subspan(at);
    if (rest.size() < object_header_length) return std::unexpected(ParseError::truncated);
    const std::size_t length = load16(rest, 0);
    if (length < object_header_length) return std::unexpected(ParseError::bad_total_length);
    if (length > rest.size()) return std::unexpected(ParseError::truncated);
    if (extensions.count_ == IcmpExtensions::max_objects) {
      return std::unexpected(ParseError::too_many_extension_headers);
    }
    extensions.objects_[extensions.count_++] = IcmpExtensionObject{
        static_cast<std::uint8_t>(byte_at(rest, 2)), static_cast<std::uint8_t>(byte_at(rest, 3)),
        rest.subspan(object_header_length, length - object_header_length)};
    at += length;
  }
  return extensions;
}

std::optional<IcmpExtensions> find_icmp_extensions(const IcmpView& message) {
  switch (message.type()) {
    case icmp_type::destination_unreachable:
    case icmp_type::time_exceeded:
    case icmp_type::parameter_problem:
      break;
    default:
      return std::nullopt;
  }
  return find_in(message.body(), std::size_t{byte_at(message.message(), 5)} * 4);
}

std::optional<IcmpExtensions> find_icmp_extensions(const Icmpv6View& message) {
  const auto type = message.type();
  if (type != icmpv6_type::destination_unreachable && type != icmpv6_type::time_exceeded) return std::nullopt;
  return find_in(message.body(), std::size_t{byte_at(message.message(), 4)} * 8);
}

std::vector<MplsLabelEntry> mpls_label_stack(const IcmpExtensions& extensions) {
  std::vector<MplsLabelEntry> stack;
  for (const auto& object : extensions.objects()) {
    if (object.class_num != icmp_extension_class::mpls_label_stack || object.c_type != 1) continue;
    for (std::size_t at = 0; at + 4 <= object.payload.size(); at += 4) {
      const std::uint32_t entry = load32(object.payload, at);
      stack.push_back(MplsLabelEntry{.label = entry >> 12,
                                     .traffic_class = static_cast<std::uint8_t>((entry >> 9) & 0x7U),
                                     .bottom_of_stack = ((entry >> 8) & 0x1U) != 0,
                                     .ttl = static_cast<std::uint8_t>(entry & 0xffU)});
    }
  }
  return stack;
}

std::expected<std::span<std::byte>, BuildError> build_mpls_label_stack(
    std::span<std::byte> out, std::span<const MplsLabelEntry> entries) {
  if (out.size() / 4 < entries.size()) return std::unexpected(BuildError::buffer_too_small);
  std::size_t at = 0;
  for (const auto& entry : entries) {
    const std::uint32_t word = ((entry.label & 0xfffffU) << 12) |
                               ((std::uint32_t{entry.traffic_class} & 0x7U) << 9) |
                               (entry.bottom_of_stack ? 0x100U : 0U) | entry.ttl;
    store32(out, at, word);
    at += 4;
  }
  return out.first(at);
}

std::expected<std::span<std::byte>, BuildError> build_icmp_extensions(
    std::span<std::byte> out, std::span<const IcmpExtensionObject> objects, bool with_checksum) {
  constexpr std::size_t object_header_length = IcmpExtensions::object_header_length;
  if (objects.size() > IcmpExtensions::max_objects) return std::unexpected(BuildError::payload_too_large);
  std::size_t total = IcmpExtensions::header_length;
  for (const auto& object : objects) {
    if (object.payload.size() > 0xffffU - object_header_length) {
      return std::unexpected(BuildError::payload_too_large);
    }
    total += object_header_length + object.payload.size();
  }
  if (out.size() < total) return std::unexpected(BuildError::buffer_too_small);
  const auto structure = out.first(total);
  structure[0] = std::byte{IcmpExtensions::version_2 << 4};
  structure[1] = std::byte{0};
  store16(structure, 2, 0);
  std::size_t at = IcmpExtensions::header_length;
  for (const auto& object : objects) {
    store16(structure, at, static_cast<std::uint16_t>(object_header_length + object.payload.size()));
    structure[at + 2] = std::byte{object.class_num};
    structure[at + 3] = std::byte{object.c_type};
    if (!object.payload.empty()) {
      std::memcpy(structure.data() + at + object_header_length, object.payload.data(), object.payload.size());
    }
    at += object_header_length + object.payload.size();
  }
  if (with_checksum) store16(structure, 2, internet_checksum(structure));
  return structure;
}

std::string format_mpls_traceroute(std::span<const MplsLabelEntry> stack) {
  std::string text;
  for (const auto& entry : stack) {
    text += text.empty() ? "MPLS:" : "/";
    text += "L=" + std::to_string(entry.label) + ",E=" + std::to_string(entry.traffic_class) +
            ",S=" + std::to_string(entry.bottom_of_stack ? 1 : 0) + ",T=" + std::to_string(entry.ttl);
  }
  return text;
}

std::string format_mpls_mtr(const MplsLabelEntry& entry) {
  return "[MPLS: Lbl " + std::to_string(entry.label) + " TC " + std::to_string(entry.traffic_class) + " S " +
         std::to_string(entry.bottom_of_stack ? 1 : 0) + " TTL " + std::to_string(entry.ttl) + "]";
}

}  // namespace netdiag::wire
