#include "netdiag/probe/arp_match.hpp"

#include "netdiag/wire/arp.hpp"

namespace netdiag {

std::optional<ArpPacket> decode_arp_frame(std::span<const std::byte> frame, ArpDelivery delivery, WallTime at) {
  const auto ethernet = wire::EthernetView::parse(frame);
  if (!ethernet || ethernet->ethertype() != wire::ethertype::arp) return std::nullopt;
  const auto arp = wire::ArpView::parse(ethernet->payload());
  if (!arp) return std::nullopt;
  return ArpPacket{at,
                   delivery,
                   ethernet->source(),
                   ethernet->destination(),
                   arp->operation(),
                   arp->sender_mac(),
                   arp->sender_ip(),
                   arp->target_mac(),
                   arp->target_ip(),
                   wire::read_arp_trailer(ethernet->payload().subspan(wire::ArpView::length))};
}

ArpMeaning classify_arp(const ArpPacket& packet, const ArpIdentity& us, bool guarding) {
  const bool request = packet.operation == wire::arp_operation::request;
  const bool reply = packet.operation == wire::arp_operation::reply;
  if (packet.delivery == ArpDelivery::outgoing) {
    // Sent by this host, from another socket: never an answer, never a conflict (the same MAC).
    if (!guarding && request && packet.sender_mac == us.mac && packet.sender_ip == us.address)
      return {ArpRole::sibling_request, packet.target_ip};
    return {};
  }
  // Frames to another host's MAC reach a packet socket only in promiscuous mode: not for us.
  if (packet.delivery == ArpDelivery::other_host) return {};
  if (!request && !reply) return {};
  if (guarding) {
    if (packet.sender_mac == us.mac) return {};
    if (!packet.sender_ip.is_unspecified()) return {ArpRole::claim, packet.sender_ip};
    if (request) return {ArpRole::probe, packet.target_ip};
    return {};
  }
  if (reply && packet.target_ip == us.address && packet.target_mac == us.mac)
    return {ArpRole::answer, packet.sender_ip};
  return {};
}

}  // namespace netdiag
