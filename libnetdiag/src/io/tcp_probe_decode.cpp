#include "netdiag/io/tcp_probe_decode.hpp"

#include "netdiag/wire/ipv4.hpp"
#include "netdiag/wire/tcp.hpp"
#include "netdiag/wire/udp.hpp"

namespace netdiag {
namespace {

struct ProbeNumber {
  std::uint16_t probe_id = 0;
  std::uint16_t low_bits = 0;  // data bytes an answer acknowledges; 0 in a SYN of ours
};

ProbeNumber probe_number(const TcpProbeFlow& flow, std::uint32_t sequence) {
  const std::uint32_t offset = sequence - flow.sequence_base;
  return {static_cast<std::uint16_t>(offset >> 16U), static_cast<std::uint16_t>(offset & 0xffffU)};
}

TcpAnswer answer_of(wire::TcpFlags flags) {
  if (!flags.ack()) return TcpAnswer::none;  // only an ACK names the SYN it answers
  if (flags.rst()) return TcpAnswer::reset;
  if (flags.syn()) return TcpAnswer::syn_ack;
  return TcpAnswer::none;
}

}  // namespace

std::optional<Reply> decode_tcp_probe_segment(Family family, std::span<const std::byte> packet,
                                              const IpAddress& from, const TcpProbeFlow& flow,
                                              std::span<const std::uint16_t> data_bytes_by_probe) {
  std::span<const std::byte> segment = packet;
  std::optional<Ttl> ttl;
  if (family == Family::ipv4) {
    const auto ip = wire::Ipv4View::parse(packet);
    if (!ip || ip->protocol() != wire::ip_protocol_tcp) return std::nullopt;
    segment = ip->payload();
    ttl = Ttl{ip->ttl()};
  }
  const auto tcp = wire::TcpView::parse(segment);
  if (!tcp || from != flow.target || tcp->source_port() != flow.destination_port ||
      tcp->destination_port() != flow.source_port)
    return std::nullopt;
  const TcpAnswer answer = answer_of(tcp->flags());
  if (answer == TcpAnswer::none) return std::nullopt;
  const auto [probe_id, acknowledged_data] = probe_number(flow, tcp->acknowledgment() - 1U);
  if (probe_id >= data_bytes_by_probe.size()) return std::nullopt;
  if (acknowledged_data != 0 && acknowledged_data != data_bytes_by_probe[probe_id]) return std::nullopt;

  Reply reply;
  reply.kind = ReplyKind::transport_reply;
  reply.family = family;
  reply.from = from;
  reply.identifier = flow.source_port.value;
  reply.sequence = Sequence{probe_id};
  reply.probe_destination = flow.target;
  reply.ttl = ttl;
  reply.tcp_answer = answer;
  return reply;
}

std::optional<Reply> decode_tcp_probe_error(Family family, const ErrorQueueEntry& entry, const TcpProbeFlow& flow) {
  const auto quoted = wire::TcpView::parse_quoted(entry.payload);
  if (!quoted || quoted->source_port() != flow.source_port || quoted->destination_port() != flow.destination_port)
    return std::nullopt;
  const auto [probe_id, low_bits] = probe_number(flow, quoted->sequence());
  if (low_bits != 0) return std::nullopt;
  // raw_icmp_error hands over the quote from its TCP header on.
  return decode_probe_error(family, entry, flow.source_port.value, probe_id, ip_header_bytes(family));
}

}  // namespace netdiag
