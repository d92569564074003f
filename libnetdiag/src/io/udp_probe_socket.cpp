#include "netdiag/io/udp_probe_socket.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "netdiag/io/icmp_decode.hpp"
#include "socket_util.hpp"

namespace netdiag {
namespace {

using namespace io_detail;

constexpr int kMaxReadsPerWakeup = 256;

}  // namespace

UdpProbeSocket::UdpProbeSocket(UdpProbeSocket&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      family_(other.family_),
      identifier_(other.identifier_),
      payload_(std::move(other.payload_)),
      pending_(std::move(other.pending_)),
      dropped_(other.dropped_),
      remote_(other.remote_),
      remote_size_(other.remote_size_),
      classic_(other.classic_),
      base_port_(other.base_port_) {}

UdpProbeSocket& UdpProbeSocket::operator=(UdpProbeSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    family_ = other.family_;
    identifier_ = other.identifier_;
    payload_ = std::move(other.payload_);
    pending_ = std::move(other.pending_);
    dropped_ = other.dropped_;
    remote_ = other.remote_;
    remote_size_ = other.remote_size_;
    classic_ = other.classic_;
    base_port_ = other.base_port_;
  }
  return *this;
}

UdpProbeSocket::~UdpProbeSocket() {
  if (fd_ >= 0) ::close(fd_);
}

UdpProbeSocket UdpProbeSocket::open(const UdpProbeOptions& options) {
  const Family family = options.target.family();
  const bool v6 = family == Family::ipv6;
  const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) throw_errno(errno, "cannot open a UDP socket");
  UdpProbeSocket socket(fd, family);

  set_probe_options(fd, family, options.dont_fragment);
  if (!options.interface.empty() &&
      setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, options.interface.c_str(),
                 static_cast<socklen_t>(options.interface.size())) != 0)
    throw_errno(errno, fmt::format("cannot bind to interface {}", options.interface));
  if (options.source || options.classic) {
    // --classic sends to a new port each time, so it cannot connect(): bind() picks our port.
    const IpAddress local_address = options.source.value_or(v6 ? IpAddress::v6({}) : IpAddress::v4({}));
    sockaddr_storage local{};
    const socklen_t size = to_sockaddr(local_address, 0, local);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&local), size) != 0)  // NOLINT: sockets API
      throw_errno(errno, fmt::format("cannot bind to {}", local_address.to_string()));
  }
  socket.remote_size_ = to_sockaddr(options.target, options.port.value, socket.remote_);
  socket.classic_ = options.classic;
  socket.base_port_ = options.port.value;
  if (!options.classic &&
      ::connect(fd, reinterpret_cast<const sockaddr*>(&socket.remote_), socket.remote_size_) != 0)  // NOLINT
    throw_errno(errno, fmt::format("cannot route to {}", options.target.to_string()));
  sockaddr_storage bound{};
  socklen_t bound_size = sizeof bound;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_size) != 0)  // NOLINT: sockets API
    throw_errno(errno, "cannot read the UDP socket's port");
  socket.identifier_ = port_of(bound);
  return socket;
}

std::expected<WallTime, SendFailure> UdpProbeSocket::send_probe(std::uint16_t probe_id, Ttl ttl,
                                                                std::size_t packet_bytes) {
  const std::size_t headers = ip_header_bytes(family_) + 8;
  const std::size_t payload_bytes = std::max<std::size_t>(packet_bytes > headers ? packet_bytes - headers : 0, 2);
  if (payload_.size() < payload_bytes) {
    // The probe id goes first; the rest is a recognisable filler.
    constexpr std::string_view filler = "netdiag trace probe ";
    const std::size_t filled = std::max<std::size_t>(payload_.size(), 2);
    payload_.resize(payload_bytes);
    for (std::size_t i = filled; i < payload_bytes; ++i)
      payload_[i] = static_cast<std::byte>(filler[(i - 2) % filler.size()]);
  }
  if (family_ == Family::ipv6) {
    set_option(fd_, SOL_IPV6, IPV6_UNICAST_HOPS, ttl.value, "the hop limit");
  } else {
    set_option(fd_, SOL_IP, IP_TTL, ttl.value, "the TTL");
  }
  payload_[0] = static_cast<std::byte>(probe_id >> 8);
  payload_[1] = static_cast<std::byte>(probe_id & 0xffU);
  return send_probe_packet([&] { return send_to_port(probe_id, payload_bytes); },
                           [&](std::optional<Mtu>* local_mtu) { read_errors(pending_, kMaxReadsPerWakeup, local_mtu); });
}

std::uint16_t udp_probe_port(std::uint16_t base, std::uint16_t probe_id, bool classic) {
  if (!classic || probe_id == 0) return base;
  const unsigned ports = 65536U - base;
  return static_cast<std::uint16_t>(base + (probe_id - 1U) % ports);
}

ssize_t UdpProbeSocket::send_to_port(std::uint16_t probe_id, std::size_t payload_bytes) {
  if (!classic_) return ::send(fd_, payload_.data(), payload_bytes, MSG_DONTWAIT);
  const auto port = htons(udp_probe_port(base_port_, probe_id, true));
  std::memcpy(reinterpret_cast<std::byte*>(&remote_) + 2, &port, sizeof port);  // NOLINT: sin(6)_port
  return ::sendto(fd_, payload_.data(), payload_bytes, MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&remote_),  // NOLINT
                  remote_size_);
}

void UdpProbeSocket::read_errors(std::vector<Reply>& out, int max_reads, std::optional<Mtu>* local_mtu) {
  dropped_ += read_error_replies(fd_, max_reads, local_mtu, out, [this](const ErrorQueueEntry& entry) {
    return decode_udp_probe_error(family_, entry, identifier_);
  });
}

std::size_t UdpProbeSocket::receive_pending(std::vector<Reply>& out, ReadMode mode) {
  out.insert(out.end(), pending_.begin(), pending_.end());
  pending_.clear();
  std::array<std::byte, 2048> buffer;  // NOLINT: filled by recvmsg
  const int max_reads = mode == ReadMode::one_if_ready ? 1 : kMaxReadsPerWakeup;
  // The error queue carries nearly every answer of a UDP trace.
  read_errors(out, max_reads, nullptr);
  // A datagram back from the target's port is an answer too (a UDP service that replies).
  for (int reads = 0; reads < max_reads; ++reads) {
    ReceivedMessage message;
    if (!message.receive(fd_, buffer, MSG_DONTWAIT)) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      continue;  // a pending socket error, reported once; the error queue has the details
    }
    const Ancillary ancillary = read_ancillary(message.header);
    Reply reply;
    reply.kind = ReplyKind::transport_reply;
    reply.family = family_;
    reply.from = address_of(message.name);
    reply.identifier = identifier_;
    reply.received_at = ancillary.stamp.value_or(wall_now());
    reply.ttl = ancillary.ttl;
    // A UDP service that echoes returns our payload, probe id first; any other datagram names
    // no probe (sequence 0 is never one) and is counted as unrelated.
    reply.sequence = message.data.size() >= 2 ? Sequence{static_cast<std::uint16_t>(
                                                    (std::to_integer<unsigned>(message.data[0]) << 8U) |
                                                    std::to_integer<unsigned>(message.data[1]))}
                                              : Sequence{0};
    out.push_back(reply);
  }
  return std::exchange(dropped_, 0);
}

}  // namespace netdiag
