// A packet capture for nd-tcp --explain: an AF_PACKET socket (CAP_NET_RAW, needed by open()
// only) that sees every packet of every interface of the namespace, in and out, from its network
// header on (SOCK_DGRAM: the link-layer header is taken off and described in sockaddr_ll), with
// the kernel's receive time stamp. What it sees is matched to connection attempts by the caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "netdiag/core/time.hpp"
#include "netdiag/io/unique_fd.hpp"

namespace netdiag {

struct CapturedPacket {
  WallTime at{};                 // SO_TIMESTAMPNS
  std::uint16_t ethertype = 0;   // 0x0800 IPv4, 0x86DD IPv6, 0x0806 ARP
  bool outgoing = false;         // sent by this host (PACKET_OUTGOING)
  int interface_index = 0;
  std::vector<std::byte> data;   // from the network header on
};

class PacketCapture {
 public:
  // errno (EPERM without CAP_NET_RAW) when the socket cannot be opened.
  static std::expected<PacketCapture, int> open();

  int native_handle() const { return fd_.get(); }
  // Appends up to `max_packets` queued packets, without blocking. Loopback shows each packet
  // twice (going out and coming in): only the incoming copy is kept.
  void read(std::vector<CapturedPacket>& out, int max_packets);

 private:
  static constexpr std::size_t kMaxPacketBytes = 65535;
  explicit PacketCapture(io_detail::UniqueFd fd) : fd_(std::move(fd)) {}
  io_detail::UniqueFd fd_;
  std::vector<std::byte> buffer_;
};

}  // namespace netdiag
