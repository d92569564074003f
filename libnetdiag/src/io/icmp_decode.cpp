#include "netdiag/io/icmp_decode.hpp"

#include <algorithm>

#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmp_extensions.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "netdiag/wire/ipv4.hpp"
#include "netdiag/wire/ipv6.hpp"

namespace netdiag {
namespace {

constexpr std::uint8_t kProtocolIcmp = 1;
constexpr std::uint8_t kProtocolIcmpv6 = 58;
constexpr std::uint8_t kCodeFragmentationNeeded = 4;

struct EchoHeader {
  std::uint16_t identifier = 0;
  std::uint16_t sequence = 0;
};

// The echo request an ICMP message (quoted in an error, or returned by the error queue) is.
std::optional<EchoHeader> echo_request(Family family, std::span<const std::byte> icmp) {
  if (family == Family::ipv4) {
    const auto view = wire::IcmpView::parse(icmp);
    if (!view || view->type() != wire::icmp_type::echo_request) return std::nullopt;
    return EchoHeader{view->identifier(), view->sequence()};
  }
  const auto view = wire::Icmpv6View::parse(icmp);
  if (!view || view->type() != wire::icmpv6_type::echo_request) return std::nullopt;
  return EchoHeader{view->identifier(), view->sequence()};
}

template <class View>
Reply echo_reply(Family family, const IpAddress& from, const View& view, std::span<const std::byte> sent_payload) {
  Reply reply;
  reply.kind = ReplyKind::echo_reply;
  reply.family = family;
  reply.from = from;
  reply.identifier = view.identifier();
  reply.sequence = Sequence{view.sequence()};
  reply.icmp_bytes = view.message().size();
  reply.payload_intact = std::ranges::equal(view.body(), sent_payload);
  return reply;
}

Reply icmp_error(Family family, const IpAddress& from, EchoHeader echo, const IpAddress& probe_destination,
                 std::uint8_t type, std::uint8_t code, std::optional<Mtu> mtu) {
  Reply reply;
  reply.kind = ReplyKind::icmp_error;
  reply.family = family;
  reply.from = from;
  reply.identifier = echo.identifier;
  reply.sequence = Sequence{echo.sequence};
  reply.probe_destination = probe_destination;
  reply.icmp_type = type;
  reply.icmp_code = code;
  reply.mtu = mtu;
  return reply;
}

std::optional<Reply> decode_icmpv4(std::span<const std::byte> icmp, bool verify_checksum, const IpAddress& from,
                                   std::span<const std::byte> sent_payload) {
  const auto view = wire::IcmpView::parse(icmp);
  if (!view) return std::nullopt;
  if (verify_checksum && !view->checksum_ok()) return std::nullopt;
  if (view->type() == wire::icmp_type::echo_reply) return echo_reply(Family::ipv4, from, *view, sent_payload);
  if (!view->is_error()) return std::nullopt;
  // RFC 792: the error quotes the IP header and at least 8 bytes of the datagram: our echo header.
  const auto quoted = wire::Ipv4View::parse_quoted(view->body());
  if (!quoted || quoted->protocol() != kProtocolIcmp) return std::nullopt;
  const auto echo = echo_request(Family::ipv4, quoted->payload());
  if (!echo) return std::nullopt;
  Reply reply = icmp_error(Family::ipv4, from, *echo, quoted->destination(), view->type(), view->code(),
                           view->next_hop_mtu());
  if (const auto extensions = wire::find_icmp_extensions(*view)) reply.mpls = wire::mpls_label_stack(*extensions);
  return reply;
}

std::optional<Reply> decode_icmpv6(std::span<const std::byte> icmp, const IpAddress& from,
                                   std::span<const std::byte> sent_payload) {
  // The kernel verifies ICMPv6 checksums on every socket (RFC 3542 section 3.1).
  const auto view = wire::Icmpv6View::parse(icmp);
  if (!view) return std::nullopt;
  if (view->type() == wire::icmpv6_type::echo_reply) return echo_reply(Family::ipv6, from, *view, sent_payload);
  if (!view->is_error()) return std::nullopt;
  const auto quoted = wire::Ipv6View::parse_quoted(view->body());
  if (!quoted) return std::nullopt;
  const auto upper = quoted->upper_layer();
  if (!upper || upper->protocol != kProtocolIcmpv6) return std::nullopt;
  const auto echo = echo_request(Family::ipv6, upper->data);
  if (!echo) return std::nullopt;
  Reply reply = icmp_error(Family::ipv6, from, *echo, quoted->destination(), view->type(), view->code(), view->mtu());
  if (const auto extensions = wire::find_icmp_extensions(*view)) reply.mpls = wire::mpls_label_stack(*extensions);
  return reply;
}


std::optional<Mtu> error_queue_mtu(Family family, const ErrorQueueEntry& entry) {
  const bool carries_mtu =
      family == Family::ipv4
          ? entry.type == wire::icmp_type::destination_unreachable && entry.code == kCodeFragmentationNeeded
          : entry.type == wire::icmpv6_type::packet_too_big;
  if (carries_mtu && entry.info > 0) return Mtu{entry.info};
  return std::nullopt;
}

bool icmp_origin(Family family, const ErrorQueueEntry& entry) {
  return entry.origin == (family == Family::ipv4 ? kErrorOriginIcmp : kErrorOriginIcmp6);
}

}  // namespace

std::optional<Reply> decode_icmp_datagram(Family family, SocketKind kind, std::span<const std::byte> datagram,
                                          const IpAddress& from, std::span<const std::byte> sent_payload) {
  if (family == Family::ipv6) return decode_icmpv6(datagram, from, sent_payload);
  if (kind == SocketKind::datagram) return decode_icmpv4(datagram, false, from, sent_payload);
  const auto ip = wire::Ipv4View::parse(datagram);
  if (!ip || ip->protocol() != kProtocolIcmp) return std::nullopt;
  // A ping socket's checksum was checked by the kernel; on a raw socket it is ours to check.
  auto reply = decode_icmpv4(ip->payload(), true, from, sent_payload);
  if (reply) reply->ttl = Ttl{ip->ttl()};
  return reply;
}

std::optional<Reply> decode_error_queue_entry(Family family, const ErrorQueueEntry& entry) {
  if (!icmp_origin(family, entry)) return std::nullopt;
  const auto echo = echo_request(family, entry.payload);
  if (!echo) return std::nullopt;
  // ping_err hands over the quote from the echo header on: only the IP header is missing.
  return decode_probe_error(family, entry, echo->identifier, echo->sequence, ip_header_bytes(family));
}

std::vector<MplsLabel> mpls_after_quote(Family family, std::span<const std::byte> body, std::size_t missing_bytes) {
  constexpr std::size_t kExtensionOffset = 128;  // RFC 4884 section 5: the padded datagram
  if (missing_bytes >= kExtensionOffset || body.size() <= kExtensionOffset - missing_bytes) return {};
  // Rebuild a time-exceeded message with Length 0 around the part we have: find_icmp_extensions
  // then looks at 128 bytes and believes only a checksum that verifies.
  std::vector<std::byte> message(8 + missing_bytes, std::byte{0});
  message[0] = std::byte{family == Family::ipv4 ? wire::icmp_type::time_exceeded : wire::icmpv6_type::time_exceeded};
  message.insert(message.end(), body.begin(), body.end());
  std::optional<wire::IcmpExtensions> extensions;
  if (family == Family::ipv4) {
    if (const auto view = wire::IcmpView::parse(message)) extensions = wire::find_icmp_extensions(*view);
  } else if (const auto view = wire::Icmpv6View::parse(message)) {
    extensions = wire::find_icmp_extensions(*view);
  }
  return extensions ? wire::mpls_label_stack(*extensions) : std::vector<MplsLabel>{};
}

std::optional<Reply> decode_probe_error(Family family, const ErrorQueueEntry& entry, std::uint16_t flow_identifier,
                                        std::uint16_t probe_id, std::size_t quoted_header_bytes) {
  if (!icmp_origin(family, entry)) return std::nullopt;
  Reply reply = icmp_error(family, entry.offender.value_or(IpAddress{}), EchoHeader{flow_identifier, probe_id},
                           IpAddress{}, entry.type, entry.code, error_queue_mtu(family, entry));
  reply.probe_destination = entry.original_destination;
  reply.mpls = mpls_after_quote(family, entry.payload, quoted_header_bytes);
  return reply;
}

std::optional<Reply> decode_udp_probe_error(Family family, const ErrorQueueEntry& entry,
                                            std::uint16_t flow_identifier) {
  if (entry.payload.size() < 2) return std::nullopt;
  const auto probe_id = static_cast<std::uint16_t>((std::to_integer<unsigned>(entry.payload[0]) << 8U) |
                                                   std::to_integer<unsigned>(entry.payload[1]));
  return decode_probe_error(family, entry, flow_identifier, probe_id, ip_header_bytes(family) + 8);
}

}  // namespace netdiag
