#include "netdiag/io/packet_capture.hpp"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if_arp.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <span>
#include <utility>

#include "socket_util.hpp"

namespace netdiag {

std::expected<PacketCapture, int> PacketCapture::open() {
  io_detail::UniqueFd fd(::socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL)));
  if (fd.get() < 0) return std::unexpected(errno);
  const int on = 1;
  if (::setsockopt(fd.get(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0) return std::unexpected(errno);
  return PacketCapture(std::move(fd));
}

void PacketCapture::read(std::vector<CapturedPacket>& out, int max_packets) {
  // As big as an IP packet gets: a packet cut short would not parse (its length field says more).
  buffer_.resize(kMaxPacketBytes);
  for (int reads = 0; reads < max_packets; ++reads) {
    io_detail::ReceivedMessage message;
    if (!message.receive(fd_.get(), buffer_, MSG_DONTWAIT)) return;
    sockaddr_ll link{};
    std::memcpy(&link, &message.name, std::min(sizeof link, sizeof message.name));
    const bool outgoing = link.sll_pkttype == PACKET_OUTGOING;
    if (outgoing && link.sll_hatype == ARPHRD_LOOPBACK) continue;
    CapturedPacket packet;
    packet.at = io_detail::read_ancillary(message.header).stamp.value_or(io_detail::wall_now());
    packet.ethertype = ntohs(link.sll_protocol);
    packet.outgoing = outgoing;
    packet.interface_index = link.sll_ifindex;
    packet.data.assign(message.data.begin(), message.data.end());
    out.push_back(std::move(packet));
  }
}

}  // namespace netdiag
