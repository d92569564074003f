#include "netdiag/io/tcp_probe_socket.hpp"

#include <arpa/inet.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <random>
#include <string_view>
#include <utility>

#include "netdiag/wire/tcp.hpp"
#include "socket_util.hpp"

namespace netdiag {

namespace {

using namespace io_detail;

constexpr int kMaxReadsPerWakeup = 256;
constexpr std::size_t kMaxPacketBytes = 65535;
// Linux's SYN: MSS (4 bytes), SACK permitted + timestamps (12), NOP + window scale (4), a window
// of 64240 (44 segments of 1460 bytes) and a window scale of 7 (tcp_rmem's default).
constexpr std::size_t kSynOptionBytes = 20;
constexpr std::size_t kSynHeaderBytes = wire::TcpView::min_header_length + kSynOptionBytes;
constexpr std::uint16_t kSynWindow = 64240;
constexpr std::uint8_t kSynWindowScale = 7;
constexpr std::string_view kFiller = "netdiag trace probe ";
// Connect mode gives up a probe (closes its socket) this long after sending it, or when this
// many are open: the engine stopped waiting for it long before.
constexpr auto kConnectionLifetime = std::chrono::seconds(30);
constexpr std::size_t kMaxOpenConnections = 256;

void bind_to_interface(int fd, const std::string& interface) {
  if (!interface.empty() &&
      setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, interface.c_str(), static_cast<socklen_t>(interface.size())) != 0)
    throw_errno(errno, fmt::format("cannot bind to interface {}", interface));
}

void bind_to_address(int fd, const IpAddress& address) {
  sockaddr_storage local{};
  const socklen_t size = to_sockaddr(address, 0, local);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&local), size) != 0)  // NOLINT: sockets API
    throw_errno(errno, fmt::format("cannot bind to {}", address.to_string()));
}

sockaddr_storage local_name(int fd) {
  sockaddr_storage name{};
  socklen_t size = sizeof name;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&name), &size) != 0)  // NOLINT: sockets API
    throw_errno(errno, "cannot read a socket's local address");
  return name;
}

struct Route {
  IpAddress source;
  int mtu = 0;
};

// Our address towards the target and the path MTU, as tracepath finds them: connect() of a UDP
// socket routes without sending anything.
Route route_towards(const TcpProbeOptions& options) {
  const bool v6 = options.target.family() == Family::ipv6;
  const UniqueFd udp(::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (udp.get() < 0) throw_errno(errno, "cannot open a UDP socket");
  bind_to_interface(udp.get(), options.interface);
  if (options.source) bind_to_address(udp.get(), *options.source);
  sockaddr_storage remote{};
  const socklen_t remote_size = to_sockaddr(options.target, options.port.value, remote);
  if (::connect(udp.get(), reinterpret_cast<const sockaddr*>(&remote), remote_size) != 0)  // NOLINT: sockets API
    throw_errno(errno, fmt::format("cannot route to {}", options.target.to_string()));
  Route route{address_of(local_name(udp.get())), 0};
  socklen_t size = sizeof route.mtu;
  if (getsockopt(udp.get(), v6 ? SOL_IPV6 : SOL_IP, v6 ? IPV6_MTU : IP_MTU, &route.mtu, &size) != 0)
    throw_errno(errno, "cannot read the path MTU");
  return route;
}

// A raw TCP socket gets a copy of every TCP segment the host receives; on a busy host they
// would fill its receive buffer between two reads. This filter passes only segments from the
// target's port to ours. It sees what a read returns: IPv4 from the IP header (raw_rcv pushes
// it back), IPv6 from the TCP header.
void attach_port_filter(int fd, Family family, const TcpProbeFlow& flow) {
  const std::uint32_t ports = (std::uint32_t{flow.destination_port.value} << 16U) | flow.source_port.value;
  std::vector<sock_filter> program;
  if (family == Family::ipv4) {
    program.push_back({BPF_LDX | BPF_B | BPF_MSH, 0, 0, 0});  // X = IP header length
    program.push_back({BPF_LD | BPF_W | BPF_IND, 0, 0, 0});   // A = TCP source and destination port
  } else {
    program.push_back({BPF_LD | BPF_W | BPF_ABS, 0, 0, 0});
  }
  program.push_back({BPF_JMP | BPF_JEQ | BPF_K, 0, 1, ports});
  program.push_back({BPF_RET | BPF_K, 0, 0, 0xffffffffU});  // the whole packet
  program.push_back({BPF_RET | BPF_K, 0, 0, 0});
  const sock_fprog filter{static_cast<unsigned short>(program.size()), program.data()};
  if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &filter, sizeof filter) != 0)
    throw_errno(errno, "cannot attach the port filter");
}

std::uint32_t random_number() {
  std::random_device entropy;
  return entropy();
}

}  // namespace

TcpProbeSocket::TcpProbeSocket(Mode mode, UniqueFd fd, const TcpProbeOptions& options)
    : mode_(mode), fd_(std::move(fd)), options_(options) {
  flow_.target = options.target;
  flow_.destination_port = options.port;
}

TcpProbeSocket TcpProbeSocket::open(const TcpProbeOptions& options) {
  const Family family = options.target.family();
  if (options.source && options.source->family() != family)
    throw_errno(EINVAL, fmt::format("source address {} is not {}", options.source->to_string(), to_string(family)));
  const bool v6 = family == Family::ipv6;
  const int domain = v6 ? AF_INET6 : AF_INET;
  const Route route = route_towards(options);

  UniqueFd raw(::socket(domain, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP));
  if (raw.get() < 0) {
    if (errno != EPERM && errno != EACCES) throw_errno(errno, "cannot open a raw TCP socket");
    // No CAP_NET_RAW: the kernel's own SYNs, one connect() per probe.
    UniqueFd epoll(::epoll_create1(EPOLL_CLOEXEC));
    if (epoll.get() < 0) throw_errno(errno, "cannot create an epoll descriptor");
    TcpProbeSocket socket(Mode::connect, std::move(epoll), options);
    socket.identifier_ = static_cast<std::uint16_t>(random_number());
    return socket;
  }
  const int fd = raw.get();
  TcpProbeSocket socket(Mode::raw, std::move(raw), options);
  set_probe_options(fd, family, options.dont_fragment);
  // IPv6: the kernel fills in the checksum at this offset, from the source address it chose,
  // and checks it on every segment we read (RFC 3542 section 3.1).
  if (v6) set_option(fd, SOL_IPV6, IPV6_CHECKSUM, 16, "IPV6_CHECKSUM");
  bind_to_interface(fd, options.interface);
  // Bound to our address, the kernel sends from the address the IPv4 checksum covers, and
  // hands us only segments sent to it.
  socket.source_ = route.source;
  bind_to_address(fd, socket.source_);

  // A TCP socket bound to port 0 reserves a port nobody else will bind or connect from.
  socket.port_reservation_ = UniqueFd(::socket(domain, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (socket.port_reservation_.get() < 0) throw_errno(errno, "cannot open a TCP socket");
  bind_to_address(socket.port_reservation_.get(), socket.source_);
  socket.flow_.source_port = Port{port_of(local_name(socket.port_reservation_.get()))};
  socket.identifier_ = socket.flow_.source_port.value;
  socket.flow_.sequence_base = random_number();
  attach_port_filter(fd, family, socket.flow_);

  // The MSS Linux would announce on this route.
  const auto mss = route.mtu - static_cast<int>(ip_header_bytes(family) + wire::TcpView::min_header_length);
  socket.mss_ = static_cast<std::uint16_t>(std::clamp(mss, 536, 65535));
  socket.timestamp_base_ = random_number();
  socket.opened_at_ = std::chrono::steady_clock::now();
  return socket;
}

std::expected<WallTime, SendFailure> TcpProbeSocket::send_probe(std::uint16_t probe_id, Ttl ttl,
                                                                std::size_t packet_bytes) {
  return mode_ == Mode::raw ? send_raw(probe_id, ttl, packet_bytes) : send_connect(probe_id, ttl);
}

std::expected<WallTime, SendFailure> TcpProbeSocket::send_raw(std::uint16_t probe_id, Ttl ttl,
                                                              std::size_t packet_bytes) {
  if (packet_bytes > kMaxPacketBytes) return std::unexpected(SendFailure{EMSGSIZE, std::nullopt});
  const std::size_t headers = ip_header_bytes(family()) + kSynHeaderBytes;
  const std::size_t data_bytes = packet_bytes > headers ? packet_bytes - headers : 0;
  if (segment_.size() < kSynHeaderBytes + data_bytes) {
    const std::size_t filled = std::max(segment_.size(), kSynHeaderBytes);
    segment_.resize(kSynHeaderBytes + data_bytes);
    for (std::size_t i = filled; i < segment_.size(); ++i)
      segment_[i] = static_cast<std::byte>(kFiller[(i - kSynHeaderBytes) % kFiller.size()]);
  }
  if (data_bytes_.size() <= probe_id) data_bytes_.resize(std::size_t{probe_id} + 1);
  data_bytes_[probe_id] = static_cast<std::uint16_t>(data_bytes);

  wire::TcpOptions syn_options;
  syn_options.mss = mss_;
  syn_options.sack_permitted = true;
  syn_options.window_scale = kSynWindowScale;
  // TSval: a millisecond clock from a random start, as Linux keeps it (RFC 7323 section 5.4).
  const auto elapsed = std::chrono::steady_clock::now() - opened_at_;
  const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  syn_options.timestamps = wire::TcpTimestamps{timestamp_base_ + static_cast<std::uint32_t>(milliseconds), 0};
  std::array<std::byte, kSynOptionBytes> option_bytes{};
  const auto options = wire::build_tcp_options(option_bytes, syn_options);
  if (!options) return std::unexpected(SendFailure{EMSGSIZE, std::nullopt});
  wire::TcpFields fields;
  fields.source = flow_.source_port;
  fields.destination = flow_.destination_port;
  fields.sequence = tcp_probe_sequence(flow_, probe_id);
  fields.flags = wire::tcp_flags::syn;
  fields.window = kSynWindow;
  fields.options = *options;
  // IPv6: the kernel computes the checksum (IPV6_CHECKSUM).
  const bool v4 = family() == Family::ipv4;
  const auto segment = wire::build_tcp(segment_, fields, std::span(segment_).subspan(kSynHeaderBytes, data_bytes),
                                       v4 ? &source_ : nullptr, v4 ? &flow_.target : nullptr);
  if (!segment) return std::unexpected(SendFailure{EMSGSIZE, std::nullopt});

  if (family() == Family::ipv6) {
    set_option(fd_.get(), SOL_IPV6, IPV6_UNICAST_HOPS, ttl.value, "the hop limit");
  } else {
    set_option(fd_.get(), SOL_IP, IP_TTL, ttl.value, "the TTL");
  }
  sockaddr_storage destination{};
  const socklen_t destination_size = to_sockaddr(flow_.target, 0, destination);
  return send_probe_packet(
      [&] {
        return ::sendto(fd_.get(), segment->data(), segment->size(), MSG_DONTWAIT,
                        reinterpret_cast<const sockaddr*>(&destination), destination_size);  // NOLINT: sockets API
      },
      [&](std::optional<Mtu>* local_mtu) { read_raw_errors(pending_, kMaxReadsPerWakeup, local_mtu); });
}

std::expected<UniqueFd, int> TcpProbeSocket::open_probe_socket(Ttl ttl) const {
  return open_connect_socket(family(), {options_.interface, options_.source, ttl, options_.dont_fragment});
}

std::expected<WallTime, SendFailure> TcpProbeSocket::send_connect(std::uint16_t probe_id, Ttl ttl) {
  close_stale_connections();
  if (connections_.size() >= kMaxOpenConnections) connections_.pop_front();
  auto socket = open_probe_socket(ttl);
  if (!socket) return std::unexpected(SendFailure{socket.error(), std::nullopt});
  epoll_event interest{};
  interest.events = EPOLLIN | EPOLLOUT | EPOLLERR;
  interest.data.fd = socket->get();
  if (::epoll_ctl(fd_.get(), EPOLL_CTL_ADD, socket->get(), &interest) != 0)
    return std::unexpected(SendFailure{errno, std::nullopt});
  sockaddr_storage remote{};
  const socklen_t remote_size = to_sockaddr(flow_.target, flow_.destination_port.value, remote);
  const WallTime sent_at = wall_now();
  // Non-blocking, connect() returns EINPROGRESS even over loopback: the answer, processed while
  // connect() holds the socket, waits in its backlog until it returns.
  if (::connect(socket->get(), reinterpret_cast<const sockaddr*>(&remote), remote_size) != 0 &&  // NOLINT
      errno != EINPROGRESS)
    return std::unexpected(SendFailure{errno, std::nullopt});
  connections_.push_back({std::move(*socket), probe_id, std::chrono::steady_clock::now()});
  return sent_at;
}

std::size_t TcpProbeSocket::receive_pending(std::vector<Reply>& out, ReadMode mode) {
  out.insert(out.end(), pending_.begin(), pending_.end());
  pending_.clear();
  const int max_reads = mode == ReadMode::one_if_ready ? 1 : kMaxReadsPerWakeup;
  if (mode_ == Mode::raw) {
    receive_raw(out, max_reads);
  } else {
    receive_connect(out, max_reads);
  }
  return std::exchange(dropped_, 0);
}

void TcpProbeSocket::read_raw_errors(std::vector<Reply>& out, int max_reads, std::optional<Mtu>* local_mtu) {
  dropped_ += read_error_replies(fd_.get(), max_reads, local_mtu, out, [this](const ErrorQueueEntry& entry) {
    return decode_tcp_probe_error(family(), entry, flow_);
  });
}

void TcpProbeSocket::receive_raw(std::vector<Reply>& out, int max_reads) {
  read_raw_errors(out, max_reads, nullptr);
  std::array<std::byte, 2048> buffer;  // NOLINT: filled by recvmsg
  for (int reads = 0; reads < max_reads; ++reads) {
    ReceivedMessage message;
    if (!message.receive(fd_.get(), buffer, MSG_DONTWAIT)) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      continue;  // a pending socket error, reported once; the error queue has the details
    }
    const Ancillary ancillary = read_ancillary(message.header);
    auto reply = decode_tcp_probe_segment(family(), message.data, address_of(message.name), flow_, data_bytes_);
    if (!reply) {
      ++dropped_;
      continue;
    }
    reply->received_at = ancillary.stamp.value_or(wall_now());
    if (!reply->ttl) reply->ttl = ancillary.ttl;
    out.push_back(*reply);
  }
}

void TcpProbeSocket::receive_connect(std::vector<Reply>& out, int max_reads) {
  close_stale_connections();
  std::array<epoll_event, 64> events{};
  const int ready = ::epoll_wait(fd_.get(), events.data(), std::min(max_reads, static_cast<int>(events.size())), 0);
  for (int i = 0; i < ready; ++i) {
    const auto& event = events[static_cast<std::size_t>(i)];
    const auto connection =
        std::ranges::find(connections_, event.data.fd, [](const Connection& open) { return open.socket.get(); });
    if (connection == connections_.end()) continue;
    if (read_connection(*connection, event.events, out)) connections_.erase(connection);
  }
}

bool TcpProbeSocket::read_connection(const Connection& connection, std::uint32_t events, std::vector<Reply>& out) {
  // An ICMP error about the SYN (time exceeded, unreachable) aborts the connect (tcp_v4_err,
  // tcp_v6_err in SYN-SENT); its error-queue entry names the router, type and code.
  const std::size_t before = out.size();
  dropped_ += read_error_replies(connection.socket.get(), kMaxReadsPerWakeup, nullptr, out,
                                 [&](const ErrorQueueEntry& entry) {
                                   return decode_probe_error(family(), entry, identifier_, connection.probe_id,
                                                             ip_header_bytes(family()));
                                 });
  if (out.size() > before) return true;

  int error = 0;
  socklen_t size = sizeof error;
  if (getsockopt(connection.socket.get(), SOL_SOCKET, SO_ERROR, &error, &size) != 0) error = errno;
  if (error == ECONNREFUSED) {
    out.push_back(connect_answer(connection.probe_id, TcpAnswer::reset));
    return true;
  }
  if (error != 0) {
    // The connect failed without an ICMP error naming why (e.g. ETIMEDOUT): the local stack's word.
    Reply reply;
    reply.kind = ReplyKind::local_error;
    reply.family = family();
    sockaddr_storage local{};
    socklen_t local_size = sizeof local;
    if (::getsockname(connection.socket.get(), reinterpret_cast<sockaddr*>(&local), &local_size) == 0)  // NOLINT
      reply.from = address_of(local);
    reply.identifier = identifier_;
    reply.sequence = Sequence{connection.probe_id};
    reply.probe_destination = flow_.target;
    reply.received_at = wall_now();
    reply.local_errno = error;
    out.push_back(reply);
    return true;
  }
  // Writable without an error: the handshake completed (a socket in SYN-SENT never polls
  // writable, tcp_poll).
  if ((events & EPOLLOUT) == 0) return false;
  out.push_back(connect_answer(connection.probe_id, TcpAnswer::syn_ack));
  return true;
}

void TcpProbeSocket::close_stale_connections() {
  const auto now = std::chrono::steady_clock::now();
  while (!connections_.empty() && now - connections_.front().opened_at > kConnectionLifetime)
    connections_.pop_front();
}

Reply TcpProbeSocket::connect_answer(std::uint16_t probe_id, TcpAnswer answer) {
  Reply reply;
  reply.kind = ReplyKind::transport_reply;
  reply.family = family();
  reply.from = flow_.target;
  reply.identifier = identifier_;
  reply.sequence = Sequence{probe_id};
  reply.probe_destination = flow_.target;
  reply.received_at = wall_now();  // no kernel stamp for a connect's outcome
  reply.tcp_answer = answer;
  return reply;
}

}  // namespace netdiag
