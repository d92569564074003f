// ARP (RFC 826) for IPv4 over Ethernet, the only kind nd-arp speaks: a read-only view and a
// builder.
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Hardware Type (1)         |    Protocol Type (0x0800)     |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  HLEN (6)     |  PLEN (4)     |          Operation            |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |              Sender Hardware Address (bytes 0-3)              |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  SHA (bytes 4-5)              |  Sender Protocol Address (0-1)|
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |  SPA (bytes 2-3)              |  Target Hardware Address (0-1)|
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |              Target Hardware Address (bytes 2-5)              |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |              Target Protocol Address                          |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
//   28 bytes, carried with EtherType 0x0806. Operation: 1 request ("who has TPA? tell SPA"),
//   2 reply ("SPA is at SHA"). A request's THA is ignored (Linux sends zeros). A gratuitous ARP
//   has SPA == TPA; an ARP probe (RFC 5227) has SPA 0.0.0.0. On Ethernet the frame is padded to
//   60 bytes, so what a packet socket hands over is often 46 bytes: the rest is padding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/ethernet.hpp"
#include "netdiag/wire/parse_error.hpp"

namespace netdiag::wire {

namespace arp_operation {
inline constexpr std::uint16_t request = 1, reply = 2;
}

class ArpView {
 public:
  static constexpr std::size_t length = 28;
  static constexpr std::uint16_t hardware_ethernet = 1;

  // At least 28 bytes (else truncated; more is padding and ignored), hardware type 1 and protocol
  // type 0x0800 (else bad_version: not Ethernet/IPv4 ARP), hardware length 6 and protocol length
  // 4 (else bad_header_length). Any operation is accepted: see operation().
  static std::expected<ArpView, ParseError> parse(std::span<const std::byte> data);

  std::uint16_t operation() const;  // arp_operation::request, reply, or anything else sent
  bool is_request() const { return operation() == arp_operation::request; }
  bool is_reply() const { return operation() == arp_operation::reply; }
  MacAddress sender_mac() const;
  IpAddress sender_ip() const;  // IPv4
  MacAddress target_mac() const;
  IpAddress target_ip() const;  // IPv4

  std::span<const std::byte> packet() const { return packet_; }  // the 28 bytes, no padding

 private:
  explicit ArpView(std::span<const std::byte> packet) : packet_(packet) {}

  std::span<const std::byte> packet_;
};

// Writes a 28-byte Ethernet/IPv4 ARP packet into `out`. Returns 28, or 0 when `out` is shorter
// or an address is not IPv4.
std::size_t build_arp(std::span<std::byte> out, std::uint16_t operation, const MacAddress& sender_mac,
                      const IpAddress& sender_ip, const MacAddress& target_mac, const IpAddress& target_ip);

// What nd-arp writes into the Ethernet padding of its own frames (an ARP frame is padded to 60
// bytes; receivers ignore the padding): its run's random id and the request's number, 8 bytes
// each, big-endian. Seeing its own request leave, stamped by the kernel in wire order with
// everybody else's, a run knows exactly when it went and which requests of other programs went
// before it.
struct ArpTrailer {
  static constexpr std::size_t length = 16;
  std::uint64_t run = 0;
  std::uint64_t request = 0;
  friend bool operator==(const ArpTrailer&, const ArpTrailer&) = default;
};

// The trailer in the first 16 bytes after the ARP packet (`after`), or nullopt when shorter.
std::optional<ArpTrailer> read_arp_trailer(std::span<const std::byte> after);
// Writes `trailer` into out[0..16); returns 16, or 0 when `out` is shorter.
std::size_t write_arp_trailer(std::span<std::byte> out, const ArpTrailer& trailer);

}  // namespace netdiag::wire
