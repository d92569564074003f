// nd-arp's sockets: two AF_PACKET sockets on one interface (CAP_NET_RAW, needed by open() only).
// One sends whole Ethernet frames. The other sees every ARP frame of the interface, each with the
// kernel's stamp: to us, broadcast, and the ones this host sends (PACKET_OUTGOING) — another
// nd-arp's requests, so their replies are told apart from ours, and our own, which the kernel
// hands to every packet socket but the one that sent it: so ours are stamped leaving too.
#pragma once

#include <cstddef>
#include <expected>
#include <vector>

#include "netdiag/core/time.hpp"
#include "netdiag/io/unique_fd.hpp"
#include "netdiag/probe/arp_engine.hpp"
#include "netdiag/probe/arp_match.hpp"

namespace netdiag {

class ArpSocket final : public ArpTransport {
 public:
  using Received = ArpPacket;
  enum class ReadMode { drain, one_if_ready };

  // errno (EPERM without CAP_NET_RAW, ENODEV for a bad index) when it cannot be opened.
  static std::expected<ArpSocket, int> open(int interface_index);

  int native_handle() const { return fd_.get(); }
  std::expected<WallTime, int> send(const ArpFrameSpec& frame) override;
  // Appends the ARP frames queued (all of them, or at most one), without blocking.
  std::size_t receive_pending(std::vector<ArpPacket>& out, ReadMode mode = ReadMode::drain);

 private:
  ArpSocket(io_detail::UniqueFd receiver, io_detail::UniqueFd sender, int interface_index)
      : fd_(std::move(receiver)), sender_(std::move(sender)), interface_index_(interface_index) {}

  io_detail::UniqueFd fd_;
  io_detail::UniqueFd sender_;
  int interface_index_ = 0;
  std::vector<std::byte> buffer_;
};

}  // namespace netdiag
