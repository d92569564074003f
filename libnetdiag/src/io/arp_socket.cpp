#include "netdiag/io/arp_socket.hpp"

#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "netdiag/wire/arp.hpp"
#include "socket_util.hpp"

namespace netdiag {
namespace {

// Frames bigger than this are not ARP; recvmsg() cuts them short and the decoder drops them.
constexpr std::size_t kFrameBytes = 256;
// Reads per call: a broadcast storm must not keep the event loop (timers, SIGINT) waiting.
constexpr int kMaxReads = 256;
// Replies to a fast scan can arrive in bursts; the default receive buffer holds a few hundred.
constexpr int kReceiveBufferBytes = 1 << 20;

ArpDelivery delivery_of(unsigned char packet_type) {
  switch (packet_type) {
    case PACKET_HOST: return ArpDelivery::to_us;
    case PACKET_BROADCAST: return ArpDelivery::broadcast;
    case PACKET_MULTICAST: return ArpDelivery::multicast;
    case PACKET_OUTGOING: return ArpDelivery::outgoing;
    default: return ArpDelivery::other_host;
  }
}

// Classic BPF: keep untagged ARP frames. The kernel takes a VLAN tag off before packet sockets
// see a frame and keeps it aside (SKF_AD_VLAN_TAG_PRESENT): ARP of a VLAN on this interface
// (eth0.100's) would otherwise look like this link's own, and its addresses like ours to probe.
int attach_arp_filter(int fd) {
  static std::array<sock_filter, 6> code{{
      BPF_STMT(BPF_LD | BPF_B | BPF_ABS, static_cast<std::uint32_t>(SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3),
      BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_ARP, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, 0xffff),
      BPF_STMT(BPF_RET | BPF_K, 0),
  }};
  const sock_fprog program{static_cast<unsigned short>(code.size()), code.data()};
  return ::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program);
}

}  // namespace

std::expected<ArpSocket, int> ArpSocket::open(int interface_index) {
  // Protocol 0 receives nothing until bind(): the filter is in place before the first frame.
  io_detail::UniqueFd fd(::socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return std::unexpected(errno);
  const int on = 1;
  if (attach_arp_filter(fd.get()) != 0 ||
      ::setsockopt(fd.get(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0)
    return std::unexpected(errno);
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &kReceiveBufferBytes, sizeof kReceiveBufferBytes);
  // ETH_P_ALL, not ETH_P_ARP: only "all" sockets see what other sockets of the host send.
  sockaddr_ll local{};
  local.sll_family = AF_PACKET;
  local.sll_protocol = htons(ETH_P_ALL);
  local.sll_ifindex = interface_index;
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0) return std::unexpected(errno);
  // Protocol 0 and never bound: it only sends.
  io_detail::UniqueFd sender(::socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (sender.get() < 0) return std::unexpected(errno);
  return ArpSocket(std::move(fd), std::move(sender), interface_index);
}

std::expected<WallTime, int> ArpSocket::send(const ArpFrameSpec& spec) {
  // Ethernet's 60-byte minimum: header, ARP packet, then the trailer and zeros as padding.
  std::array<std::byte, 60> frame{};
  const std::size_t header = wire::build_ethernet(frame, spec.ethernet_destination, spec.sender_mac,
                                                  wire::ethertype::arp);
  const std::size_t body = wire::build_arp(std::span(frame).subspan(header), spec.operation, spec.sender_mac,
                                           spec.sender_ip, spec.target_mac, spec.target_ip);
  if (header == 0 || body == 0 || wire::write_arp_trailer(std::span(frame).subspan(header + body), spec.trailer) == 0)
    return std::unexpected(EINVAL);
  sockaddr_ll to{};
  to.sll_family = AF_PACKET;
  to.sll_protocol = htons(ETH_P_ARP);
  to.sll_ifindex = interface_index_;
  to.sll_halen = static_cast<unsigned char>(spec.ethernet_destination.size());
  std::memcpy(to.sll_addr, spec.ethernet_destination.data(), spec.ethernet_destination.size());
  const WallTime at = io_detail::wall_now();
  const ssize_t sent = ::sendto(sender_.get(), frame.data(), frame.size(), 0, reinterpret_cast<const sockaddr*>(&to),
                                sizeof to);
  if (sent < 0) return std::unexpected(errno);
  return at;
}

std::size_t ArpSocket::receive_pending(std::vector<ArpPacket>& out, ReadMode mode) {
  buffer_.resize(kFrameBytes);
  std::size_t added = 0;
  for (int reads = 0; reads < kMaxReads; ++reads) {
    io_detail::ReceivedMessage message;
    if (!message.receive(fd_.get(), buffer_, MSG_DONTWAIT)) return added;
    sockaddr_ll link{};
    std::memcpy(&link, &message.name, std::min(sizeof link, sizeof message.name));
    const WallTime at = io_detail::read_ancillary(message.header).stamp.value_or(io_detail::wall_now());
    if (auto packet = decode_arp_frame(message.data, delivery_of(link.sll_pkttype), at)) {
      out.push_back(*packet);
      ++added;
      if (mode == ReadMode::one_if_ready) return added;
    }
  }
  return added;
}

}  // namespace netdiag
