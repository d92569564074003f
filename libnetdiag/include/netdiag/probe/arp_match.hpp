// What an ARP packet seen on the interface means to one nd-arp run. Pure functions, so the
// rules that keep a reply from being miscounted are tested (and fuzzed) on their own:
//
//   - ping and scan count only ARP replies from a target address, to our sender address and MAC,
//     delivered to our MAC or to the broadcast (or a multicast) MAC. Our own requests never come back to the socket
//     that sent them (the kernel skips it), and a request some other socket of this host sends
//     (another nd-arp, the kernel resolving a neighbour) comes back as "outgoing": it is noted,
//     so the reply it gets is not taken for an answer to ours (the engine pairs replies with the
//     requests on the wire, ours and theirs, oldest first).
//   - dad and announce guard an address (RFC 5227 section "Probe Details"): any ARP packet from
//     another MAC whose sender address is that address claims it, and an ARP probe (sender
//     address 0.0.0.0) from another MAC for that address means another host wants it too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/wire/arp.hpp"
#include "netdiag/wire/ethernet.hpp"

namespace netdiag {

// How a frame reached the packet socket (sockaddr_ll's sll_pkttype).
enum class ArpDelivery : std::uint8_t { to_us, broadcast, multicast, other_host, outgoing };

// One Ethernet/IPv4 ARP frame, decoded.
struct ArpPacket {
  WallTime received_at{};  // kernel receive stamp
  ArpDelivery delivery = ArpDelivery::to_us;
  wire::MacAddress ethernet_source{};
  wire::MacAddress ethernet_destination{};
  std::uint16_t operation = 0;
  wire::MacAddress sender_mac{};
  IpAddress sender_ip;
  wire::MacAddress target_mac{};
  IpAddress target_ip;
  // The first ArpTrailer::length bytes after the ARP packet, when the frame has them (padding).
  std::optional<wire::ArpTrailer> trailer;
};

// An Ethernet II frame (802.1Q tag allowed) carrying Ethernet/IPv4 ARP; nullopt for anything
// else or anything cut short.
std::optional<ArpPacket> decode_arp_frame(std::span<const std::byte> frame, ArpDelivery delivery, WallTime at);

// Who we are on the link: the interface's MAC, and the sender address our packets carry
// (0.0.0.0 in dad mode).
struct ArpIdentity {
  wire::MacAddress mac{};
  IpAddress address;
};

enum class ArpRole : std::uint8_t {
  unrelated,
  answer,           // ping/scan: a reply about `address` to us
  sibling_request,  // ping/scan: another socket of this host asked about `address`
  claim,            // dad/announce: another MAC uses `address`
  probe,            // dad/announce: another MAC probes for `address`
};

struct ArpMeaning {
  ArpRole role = ArpRole::unrelated;
  IpAddress address;  // the address it is about (a target, when the engine cares)
};

// `guarding`: dad and announce modes; else ping and scan.
ArpMeaning classify_arp(const ArpPacket& packet, const ArpIdentity& us, bool guarding);

}  // namespace netdiag
