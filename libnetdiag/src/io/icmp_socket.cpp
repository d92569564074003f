#include "netdiag/io/icmp_socket.hpp"

#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <system_error>

#include "netdiag/io/icmp_decode.hpp"
#include "socket_util.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/wire/checksum.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmpv6.hpp"

namespace netdiag {
namespace {

using namespace io_detail;

constexpr std::size_t kReceiveBufferBytes = 65536 + 512;
// Enough to drain a flood's backlog without starving the other sockets of the event loop.
constexpr int kMaxReadsPerWakeup = 256;

std::string read_ping_group_range() {
  std::ifstream file("/proc/sys/net/ipv4/ping_group_range");
  std::string low;
  std::string high;
  if (!(file >> low >> high)) return "unknown";
  return low + " " + high;
}

}  // namespace

IcmpSocket::IcmpSocket(int fd, SocketKind kind, Family family) : fd_(fd), kind_(kind), family_(family) {}

IcmpSocket::IcmpSocket(IcmpSocket&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      kind_(other.kind_),
      family_(other.family_),
      identifier_(other.identifier_),
      sent_payload_(std::move(other.sent_payload_)),
      request_(std::move(other.request_)),
      request_sum_(other.request_sum_),
      pending_(std::move(other.pending_)),
      dropped_(other.dropped_) {}

IcmpSocket& IcmpSocket::operator=(IcmpSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    kind_ = other.kind_;
    family_ = other.family_;
    identifier_ = other.identifier_;
    sent_payload_ = std::move(other.sent_payload_);
    request_ = std::move(other.request_);
    request_sum_ = other.request_sum_;
    pending_ = std::move(other.pending_);
    dropped_ = other.dropped_;
  }
  return *this;
}

IcmpSocket::~IcmpSocket() {
  if (fd_ >= 0) ::close(fd_);
}

IcmpSocket IcmpSocket::open(const IcmpSocketOptions& options) {
  const bool v6 = options.family == Family::ipv6;
  const int domain = v6 ? AF_INET6 : AF_INET;
  const int protocol = v6 ? static_cast<int>(IPPROTO_ICMPV6) : static_cast<int>(IPPROTO_ICMP);
  constexpr int flags = SOCK_NONBLOCK | SOCK_CLOEXEC;

  // Prefer the ping socket: it needs no privilege. EACCES: our group is outside
  // ping_group_range; EPROTONOSUPPORT/EAFNOSUPPORT: a kernel without ping sockets.
  SocketKind kind = SocketKind::datagram;
  int fd = ::socket(domain, SOCK_DGRAM | flags, protocol);
  if (fd < 0) {
    const int datagram_error = errno;
    if (datagram_error != EACCES && datagram_error != EPERM && datagram_error != EPROTONOSUPPORT &&
        datagram_error != EAFNOSUPPORT)
      throw_errno(datagram_error, "cannot open an ICMP datagram socket");
    kind = SocketKind::raw;
    fd = ::socket(domain, SOCK_RAW | flags, protocol);
    if (fd < 0) {
      const int raw_error = errno;
      if (raw_error == EPERM || raw_error == EACCES) {
        throw std::system_error(
            raw_error, std::generic_category(),
            fmt::format("cannot open an ICMP socket: group {} is outside net.ipv4.ping_group_range ({}) and "
                        "CAP_NET_RAW is missing; allow ping sockets with "
                        "'sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"' or {}",
                        getgid(), read_ping_group_range(), net_raw_grant_hint()));
      }
      throw_errno(raw_error, "cannot open a raw ICMP socket");
    }
  }
  IcmpSocket socket(fd, kind, options.family);

  set_option(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS");
  if (v6) {
    set_option(fd, SOL_IPV6, IPV6_RECVERR, 1, "IPV6_RECVERR");
    set_option(fd, SOL_IPV6, IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
    if (options.ttl) set_option(fd, SOL_IPV6, IPV6_UNICAST_HOPS, options.ttl->value, "the hop limit (-t)");
    if (options.tos) set_option(fd, SOL_IPV6, IPV6_TCLASS, *options.tos, "the traffic class (-Q)");
    if (options.pmtu) {
      int mode = IPV6_PMTUDISC_DONT;
      if (*options.pmtu == PmtuDiscovery::do_not_fragment) mode = IPV6_PMTUDISC_DO;
      if (*options.pmtu == PmtuDiscovery::want) mode = IPV6_PMTUDISC_WANT;
      if (*options.pmtu == PmtuDiscovery::probe) mode = IPV6_PMTUDISC_PROBE;
      set_option(fd, SOL_IPV6, IPV6_MTU_DISCOVER, mode, "path-MTU discovery (-M)");
    }
    if (kind == SocketKind::raw) {
      // Only echo replies and the errors that can quote our requests; not everyone's requests.
      icmp6_filter filter{};
      ICMP6_FILTER_SETBLOCKALL(&filter);
      for (const int type : {ICMP6_ECHO_REPLY, ICMP6_DST_UNREACH, ICMP6_PACKET_TOO_BIG, ICMP6_TIME_EXCEEDED,
                             ICMP6_PARAM_PROB})
        ICMP6_FILTER_SETPASS(type, &filter);
      if (setsockopt(fd, SOL_ICMPV6, ICMP6_FILTER, &filter, sizeof filter) != 0)
        throw_errno(errno, "cannot set ICMP6_FILTER");
    }
  } else {
    set_option(fd, SOL_IP, IP_RECVERR, 1, "IP_RECVERR");
    // A raw socket reads the TTL from the IP header it receives; a ping socket needs it as
    // ancillary data.
    if (kind == SocketKind::datagram) set_option(fd, SOL_IP, IP_RECVTTL, 1, "IP_RECVTTL");
    if (options.ttl) set_option(fd, SOL_IP, IP_TTL, options.ttl->value, "the TTL (-t)");
    if (options.tos) set_option(fd, SOL_IP, IP_TOS, *options.tos, "the TOS (-Q)");
    if (kind == SocketKind::raw) {
      // ICMP_FILTER (raw(7)) blocks the types whose bit is set: everything but echo replies and
      // the errors that quote a request. Without it every echo request the host receives —
      // including our own to a local address — wakes us up.
      std::uint32_t blocked = ~0U;
      for (const int type : {ICMP_ECHOREPLY, ICMP_DEST_UNREACH, ICMP_SOURCE_QUENCH, ICMP_REDIRECT, ICMP_TIME_EXCEEDED,
                             ICMP_PARAMETERPROB})
        blocked &= ~(1U << static_cast<unsigned>(type));
      const icmp_filter filter{blocked};
      if (setsockopt(fd, SOL_RAW, ICMP_FILTER, &filter, sizeof filter) != 0) throw_errno(errno, "cannot set ICMP_FILTER");
    }
    if (options.pmtu) {
      int mode = IP_PMTUDISC_DONT;
      if (*options.pmtu == PmtuDiscovery::do_not_fragment) mode = IP_PMTUDISC_DO;
      if (*options.pmtu == PmtuDiscovery::want) mode = IP_PMTUDISC_WANT;
      if (*options.pmtu == PmtuDiscovery::probe) mode = IP_PMTUDISC_PROBE;
      set_option(fd, SOL_IP, IP_MTU_DISCOVER, mode, "path-MTU discovery (-M)");
    }
  }
  if (!options.interface.empty()) {
    if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, options.interface.c_str(),
                   static_cast<socklen_t>(options.interface.size())) != 0)
      throw_errno(errno, fmt::format("cannot bind to interface {} (-I)", options.interface));
  }

  sockaddr_storage local{};
  socklen_t local_size = 0;
  if (options.source) {
    if (options.source->family() != options.family)
      throw_errno(EINVAL, fmt::format("source address {} is not {}", options.source->to_string(),
                                      to_string(options.family)));
    local_size = to_sockaddr(*options.source, 0, local);
  } else {
    local_size = to_sockaddr(options.family == Family::ipv4 ? IpAddress::v4({}) : IpAddress::v6({}), 0, local);
  }
  if (kind == SocketKind::datagram || options.source) {
    // For a ping socket, bind() with port 0 makes the kernel pick the echo identifier now.
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&local), local_size) != 0)  // NOLINT: sockets API
      throw_errno(errno, options.source ? fmt::format("cannot bind to {} (-I)", options.source->to_string())
                                        : std::string("cannot bind the ICMP socket"));
  }
  if (kind == SocketKind::datagram) {
    sockaddr_storage bound{};
    socklen_t bound_size = sizeof bound;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_size) != 0)  // NOLINT: sockets API
      throw_errno(errno, "cannot read the ping socket's identifier");
    socket.identifier_ = port_of(bound);
  } else {
    // Raw sockets see every ICMP message on the host; a random identifier (not the pid, which
    // is 1 in every container) keeps concurrent runs apart.
    std::random_device entropy;
    socket.identifier_ = static_cast<std::uint16_t>(entropy());
  }
  return socket;
}

void IcmpSocket::prepare_request(std::span<const std::byte> payload) {
  sent_payload_.assign(payload.begin(), payload.end());
  request_.resize(wire::IcmpView::header_length + payload.size());
  // Built once with sequence 0; each send patches the sequence in. The ICMPv6 checksum is the
  // kernel's (it knows the source address; RFC 3542 section 3.1), the ICMPv4 one is ours.
  std::expected<std::span<std::byte>, wire::BuildError> built;
  if (family_ == Family::ipv4) {
    built = wire::build_icmp_echo(request_, {wire::icmp_type::echo_request, 0, identifier_, 0}, payload);
  } else {
    built = wire::build_icmpv6_echo(request_, {wire::icmpv6_type::echo_request, 0, identifier_, 0}, payload);
  }
  if (!built) {
    request_.clear();
    return;
  }
  // The one's-complement sum without the checksum field: adding a sequence to it and folding
  // gives the checksum of the request carrying that sequence (RFC 1071 section 2).
  request_[2] = std::byte{0};
  request_[3] = std::byte{0};
  request_sum_ = wire::checksum_accumulate(request_);
}

void IcmpSocket::set_ttl(Ttl ttl) {
  if (family_ == Family::ipv6) {
    set_option(fd_, SOL_IPV6, IPV6_UNICAST_HOPS, ttl.value, "the hop limit");
  } else {
    set_option(fd_, SOL_IP, IP_TTL, ttl.value, "the TTL");
  }
}

std::expected<WallTime, SendFailure> IcmpSocket::send_echo(const IpAddress& to, Sequence sequence,
                                                           std::span<const std::byte> payload) {
  if (request_.empty() || !std::ranges::equal(payload, sent_payload_)) prepare_request(payload);
  if (request_.empty()) return std::unexpected(SendFailure{EMSGSIZE, std::nullopt});
  request_[6] = static_cast<std::byte>(sequence.value >> 8);
  request_[7] = static_cast<std::byte>(sequence.value & 0xffU);
  if (family_ == Family::ipv4) {
    const std::uint16_t checksum = wire::checksum_fold(request_sum_ + sequence.value);
    request_[2] = static_cast<std::byte>(checksum >> 8);
    request_[3] = static_cast<std::byte>(checksum & 0xffU);
  }

  sockaddr_storage destination{};
  const socklen_t destination_size = to_sockaddr(to, 0, destination);
  return send_probe_packet(
      [&] {
        return ::sendto(fd_, request_.data(), request_.size(), MSG_DONTWAIT,
                        reinterpret_cast<const sockaddr*>(&destination), destination_size);  // NOLINT: sockets API
      },
      [&](std::optional<Mtu>* local_mtu) { read_error_queue(pending_, local_mtu); });
}

void IcmpSocket::read_error_queue(std::vector<Reply>& out, std::optional<Mtu>* local_mtu) {
  const std::size_t unreadable = io_detail::read_error_queue(
      fd_, kMaxReadsPerWakeup, local_mtu, [&](const ErrorQueueEntry& entry, const Ancillary& ancillary) {
    // A raw socket also reads each ICMP error as a packet (decode_icmp_datagram); count it once.
    if (kind_ == SocketKind::raw) return;
    auto reply = decode_error_queue_entry(family_, entry);
    if (!reply) {
      ++dropped_;
      return;
    }
    reply->received_at = ancillary.stamp.value_or(wall_now());
    reply->ttl = ancillary.ttl;
    out.push_back(*reply);
  });
  dropped_ += unreadable;
}

std::size_t IcmpSocket::receive_pending(std::vector<Reply>& out, ReadMode mode) {
  out.insert(out.end(), pending_.begin(), pending_.end());
  pending_.clear();

  // Data first. Queueing an error-queue entry sets the socket error (sk_err), and a data read
  // reports that error before any packet (__skb_try_recv_datagram), so the error queue needs a
  // read of its own only when a data read failed, or when the wakeup brought no data at all.
  // That keeps a flood at one data read plus one EAGAIN per reply.
  bool read_errors = false;
  bool read_data = false;
  const int max_reads = mode == ReadMode::one_if_ready ? 1 : kMaxReadsPerWakeup;
  receive_buffer_.resize(kReceiveBufferBytes);
  for (int reads = 0; reads < max_reads; ++reads) {
    ReceivedMessage message;
    if (!message.receive(fd_, receive_buffer_, MSG_DONTWAIT)) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      if (errno != EINTR) read_errors = true;
      continue;
    }
    read_data = true;
    const Ancillary ancillary = read_ancillary(message.header);
    auto reply = decode_icmp_datagram(family_, kind_, message.data, address_of(message.name), sent_payload_);
    if (!reply) {
      ++dropped_;
      continue;
    }
    reply->received_at = ancillary.stamp.value_or(wall_now());
    if (!reply->ttl) reply->ttl = ancillary.ttl;
    out.push_back(*reply);
  }
  if (read_errors || (!read_data && mode == ReadMode::drain)) read_error_queue(out, nullptr);
  return std::exchange(dropped_, 0);
}

}  // namespace netdiag
