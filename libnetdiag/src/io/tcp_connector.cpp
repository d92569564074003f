#include "netdiag/io/tcp_connector.hpp"

#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "netdiag/wire/packet_summary.hpp"
#include "socket_util.hpp"

namespace netdiag {

namespace {

using namespace io_detail;

constexpr int kMaxEventsPerRead = 64;
// The epoll event of the packet capture; attempts are numbered from 1.
constexpr std::uint64_t kCaptureEvent = 0;
constexpr int kMaxCapturedPerRead = 256;

std::string endpoint_text(const IpAddress& address, Port port) {
  return fmt::format("{}.{}", address.to_string(), port.value);
}

std::string plural(std::uint32_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

std::optional<tcp_info> read_tcp_info(int fd) {
  tcp_info info{};
  socklen_t size = sizeof info;
  if (fd < 0 || ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) return std::nullopt;
  return info;
}

TcpConnectionInfo connection_info(const tcp_info& info) {
  TcpConnectionInfo out;
  out.mss_bytes = info.tcpi_snd_mss;
  if ((info.tcpi_options & TCPI_OPT_WSCALE) != 0) {
    out.send_window_scale = static_cast<std::uint8_t>(info.tcpi_snd_wscale);
    out.receive_window_scale = static_cast<std::uint8_t>(info.tcpi_rcv_wscale);
  }
  out.sack = (info.tcpi_options & TCPI_OPT_SACK) != 0;
  out.timestamps = (info.tcpi_options & TCPI_OPT_TIMESTAMPS) != 0;
  out.kernel_rtt = std::chrono::microseconds(info.tcpi_rtt);
  return out;
}

}  // namespace

TcpConnector TcpConnector::open(const TcpConnectorOptions& options, std::optional<PacketCapture> capture) {
  // A bad -I would fail every attempt as a "local error"; say so once, up front.
  if (!options.interface.empty() && ::if_nametoindex(options.interface.c_str()) == 0)
    throw_errno(errno, fmt::format("-I {}: no such interface here (see ip link)", options.interface));
  if (options.source) {
    UniqueFd probe(::socket(options.source->family() == Family::ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_storage local{};
    const socklen_t size = to_sockaddr(*options.source, 0, local);
    if (probe.get() < 0 || ::bind(probe.get(), reinterpret_cast<const sockaddr*>(&local), size) != 0)  // NOLINT
      throw_errno(errno, fmt::format("-I {}: cannot connect from this address (is it one of this host's?)",
                                     options.source->to_string()));
  }
  UniqueFd epoll(::epoll_create1(EPOLL_CLOEXEC));
  if (epoll.get() < 0) throw_errno(errno, "cannot create an epoll descriptor");
  if (capture) {
    epoll_event interest{};
    interest.events = EPOLLIN;
    interest.data.u64 = kCaptureEvent;
    if (::epoll_ctl(epoll.get(), EPOLL_CTL_ADD, capture->native_handle(), &interest) != 0)
      throw_errno(errno, "cannot watch the packet capture");
  }
  return TcpConnector(std::move(epoll), options, std::move(capture));
}

TcpConnector::TcpConnector(UniqueFd epoll, TcpConnectorOptions options, std::optional<PacketCapture> capture)
    : epoll_(std::move(epoll)), options_(std::move(options)), capture_(std::move(capture)) {}

WallTime TcpConnector::start(std::uint64_t attempt_id, const IpAddress& address, Port port) {
  Attempt attempt;
  attempt.target = address;
  attempt.port = port;
  attempt.started_at = wall_now();
  const auto end_now = [&](ConnectEnd end, int error) {
    ConnectObservation observation;
    observation.end = end;
    observation.error = error;
    observation.failed_at_once = end == ConnectEnd::failed;
    ended_at_once_.push_back(finish(attempt_id, attempt, observation, wall_now()));
    return attempt.started_at;
  };
  // A connection as any client makes it: the kernel's own path-MTU and TTL settings.
  auto socket = open_connect_socket(address.family(), {options_.interface, options_.source, std::nullopt, std::nullopt});
  if (!socket) return end_now(ConnectEnd::failed, socket.error());
  attempt.socket = std::move(*socket);
  const int fd = attempt.socket.get();
  epoll_event interest{};
  interest.events = EPOLLOUT;  // EPOLLERR and EPOLLHUP come anyway
  interest.data.u64 = attempt_id;
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &interest) != 0) return end_now(ConnectEnd::failed, errno);
  sockaddr_storage remote{};
  const socklen_t remote_size = to_sockaddr(address, port.value, remote);
  attempt.started_at = wall_now();
  const int connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&remote), remote_size);  // NOLINT
  const int connect_errno = errno;
  if (options_.explain) {
    sockaddr_storage local{};
    socklen_t local_size = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) == 0) {  // NOLINT: sockets API
      attempt.source = address_of(local);
      attempt.source_port = Port{port_of(local)};
    }
    attempt.timeline.push_back(
        {Duration{}, fmt::format("connect() from {} to {}", endpoint_text(attempt.source.value_or(IpAddress{}),
                                                                          attempt.source_port),
                                 endpoint_text(address, port)),
         false});
  }
  if (connected == 0) return end_now(ConnectEnd::connected, 0);
  if (connect_errno != EINPROGRESS) return end_now(ConnectEnd::failed, connect_errno);
  const WallTime started_at = attempt.started_at;
  attempts_.emplace(attempt_id, std::move(attempt));
  return started_at;
}

ConnectResult TcpConnector::abandon(std::uint64_t attempt_id) {
  const auto found = attempts_.find(attempt_id);
  if (found == attempts_.end()) {
    const auto ended = std::ranges::find(ended_at_once_, attempt_id, &ConnectResult::attempt_id);
    if (ended != ended_at_once_.end()) {
      ConnectResult result = std::move(*ended);
      ended_at_once_.erase(ended);
      return result;
    }
    ConnectResult gone;
    gone.attempt_id = attempt_id;
    gone.observation.end = ConnectEnd::timed_out;
    gone.ended_at = wall_now();
    return gone;
  }
  // An answer that arrived since the last read still counts.
  auto result = read_attempt(attempt_id, found->second);
  if (!result) {
    ConnectObservation observation;
    observation.end = ConnectEnd::timed_out;
    observation.icmp = found->second.icmp;
    result = finish(attempt_id, found->second, observation, wall_now());
  }
  attempts_.erase(found);
  return *result;
}

std::size_t TcpConnector::receive_pending(std::vector<ConnectResult>& out, ReadMode mode) {
  out.insert(out.end(), std::make_move_iterator(ended_at_once_.begin()), std::make_move_iterator(ended_at_once_.end()));
  ended_at_once_.clear();
  std::array<epoll_event, kMaxEventsPerRead> events{};
  const int wanted = mode == ReadMode::one_if_ready ? 8 : kMaxEventsPerRead;
  const int ready = ::epoll_wait(epoll_.get(), events.data(), wanted, 0);
  for (int i = 0; i < ready; ++i) {
    const std::uint64_t id = events[static_cast<std::size_t>(i)].data.u64;
    if (id == kCaptureEvent) {
      read_capture();
      continue;
    }
    const auto found = attempts_.find(id);
    if (found == attempts_.end()) continue;
    if (auto result = read_attempt(id, found->second)) {
      out.push_back(std::move(*result));
      attempts_.erase(found);
    }
  }
  return 0;
}

void TcpConnector::read_errors(Attempt& attempt, int& error) {
  const int fd = attempt.socket.get();
  // SO_ERROR before the error queue: taking the last ICMP entry off the queue clears sk_err
  // (sock_dequeue_err_skb), which would hide the error that ended the attempt.
  socklen_t size = sizeof error;
  int pending = 0;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &pending, &size) != 0) pending = errno;
  if (pending != 0) error = pending;
  read_error_queue(fd, 4, nullptr, [&](const ErrorQueueEntry& entry, const Ancillary& ancillary) {
    if ((entry.origin != kErrorOriginIcmp && entry.origin != kErrorOriginIcmp6) || !entry.offender) return;
    const Family family = entry.origin == kErrorOriginIcmp ? Family::ipv4 : Family::ipv6;
    attempt.icmp = ConnectIcmp{family, entry.type, entry.code, *entry.offender, false};
    attempt.icmp_errno = static_cast<int>(entry.error);
    attempt.icmp_at = ancillary.stamp.value_or(wall_now());
  });
}

std::optional<ConnectResult> TcpConnector::read_attempt(std::uint64_t id, Attempt& attempt) {
  const int fd = attempt.socket.get();
  int error = 0;
  read_errors(attempt, error);
  const auto info = read_tcp_info(fd);
  const int state = info ? static_cast<int>(info->tcpi_state) : static_cast<int>(TCP_CLOSE);
  // An RST or ICMP that ended the attempt between the reads above: once the socket is closed,
  // SO_ERROR and the error queue are final, so a second read sees them.
  if (error == 0 && state == TCP_CLOSE && !attempt.icmp) read_errors(attempt, error);
  ConnectObservation observation;
  // A reset after the handshake (a server that accepts and aborts) still means it was open.
  const bool reset_after_handshake = error == ECONNRESET || error == EPIPE;
  if (error == 0 && state == TCP_CLOSE) error = attempt.icmp ? attempt.icmp_errno : ENOTCONN;
  if (error != 0 && !reset_after_handshake) {
    observation.end = ConnectEnd::failed;
    observation.error = error;
    // Only an ICMP error that ended the attempt explains it (an earlier soft error does not).
    if (attempt.icmp && attempt.icmp_errno == error) observation.icmp = attempt.icmp;
    return finish(id, attempt, observation, observation.icmp ? *attempt.icmp_at : wall_now());
  }
  // Still waiting, or half way: an ICMP queued a moment before tcp_v4_err ends the attempt, a
  // simultaneous open in SYN-RECV.
  if (state == TCP_SYN_SENT || state == TCP_SYN_RECV) return std::nullopt;
  observation.end = ConnectEnd::connected;
  // A connect() to a port of this host with nothing listening can meet itself: the source port
  // the kernel picked is the destination port, and a simultaneous open "connects" the socket to
  // itself (tcp(7)). Nothing listens there: that is a closed port.
  sockaddr_storage local{};
  sockaddr_storage peer{};
  socklen_t local_size = sizeof local;
  socklen_t peer_size = sizeof peer;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) == 0 &&  // NOLINT: sockets API
      ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) == 0 &&    // NOLINT: sockets API
      address_of(local) == address_of(peer) && port_of(local) == port_of(peer)) {
    observation.end = ConnectEnd::failed;
    observation.error = ECONNREFUSED;
  }
  // Past SYN-SENT the handshake is done, whatever came next: a server that accepts and closes at
  // once has the socket in CLOSE-WAIT by the time it is read.
  return finish(id, attempt, observation, wall_now());
}

ConnectResult TcpConnector::finish(std::uint64_t id, Attempt& attempt, ConnectObservation observation,
                                   WallTime ended_at) {
  ConnectResult result;
  result.attempt_id = id;
  result.ended_at = ended_at;
  const int fd = attempt.socket.get();
  const bool syn_left = !observation.failed_at_once;
  if (const auto info = read_tcp_info(fd)) {
    // tcpi_total_retrans counts the SYN's retransmissions too (tcp_retransmit_skb).
    if (syn_left) result.syn_sent = 1 + info->tcpi_total_retrans;
    if (observation.end == ConnectEnd::connected) result.tcp_info = connection_info(*info);
  }
  sockaddr_storage local{};
  socklen_t local_size = sizeof local;
  if (fd >= 0 && ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) == 0) {  // NOLINT
    const IpAddress source = address_of(local);
    if (!source.is_unspecified()) result.source = source;
    result.source_port = Port{port_of(local)};
  }
  if (observation.icmp) observation.icmp->offender_is_local = is_local(observation.icmp->offender);
  if (const auto& route = route_to(attempt.target)) {
    result.interface = route->interface_name;
    result.next_hop = route->next_hop;
    // Nothing came back from the network: was the next hop's link-layer address ever learned?
    const bool remote_answer = observation.end == ConnectEnd::connected || observation.error == ECONNREFUSED ||
                               (observation.icmp && !observation.icmp->offender_is_local);
    if (!remote_answer && route->type == RouteType::unicast) {
      attempt.neighbour = lookup_neighbour(route->interface_index, route->next_hop).state;
      observation.next_hop_unresolved =
          attempt.neighbour == NeighbourState::incomplete || attempt.neighbour == NeighbourState::failed;
      // The SYNs waited behind the ARP / neighbour solicitation: none of them left this host.
      if (observation.next_hop_unresolved) result.syn_sent = 0;
    }
  }
  result.observation = observation;
  if (fd >= 0) ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
  if (options_.explain) {
    // Closed here, so the reset our close() sends for an open port is on the capture already.
    attempt.socket = UniqueFd{};
    if (capture_) read_capture();
    explain_end(attempt, result);
  }
  return result;
}

void TcpConnector::read_capture() {
  captured_.clear();
  capture_->read(captured_, kMaxCapturedPerRead);
  for (const auto& packet : captured_) {
    const auto summary = wire::summarize_packet(packet.ethertype, packet.data);
    if (!summary) continue;
    for (auto& [id, attempt] : attempts_) {
      const auto& route = route_to(attempt.target);
      const wire::TcpFlow flow{attempt.target, attempt.port.value, attempt.source_port.value,
                               route ? std::optional<IpAddress>(route->next_hop) : std::nullopt};
      if (!wire::belongs_to(*summary, flow)) continue;
      std::array<char, IF_NAMESIZE> name{};
      const char* interface = ::if_indextoname(static_cast<unsigned>(packet.interface_index), name.data());
      attempt.timeline.push_back({packet.at - attempt.started_at,
                                  fmt::format("{} {} {}", interface != nullptr ? interface : "?",
                                              packet.outgoing ? "Out" : "In ", summary->text),
                                  true});
    }
  }
}

void TcpConnector::explain_end(Attempt& attempt, ConnectResult& result) {
  const auto at = [&](WallTime when) { return when - attempt.started_at; };
  auto& timeline = attempt.timeline;
  if (!result.interface.empty() && result.next_hop)
    timeline.push_back({Duration{}, fmt::format("route: out of {}, next hop {}", result.interface,
                                                result.next_hop->to_string()),
                        false});
  const ConnectObservation& seen = result.observation;
  if (seen.icmp && attempt.icmp_at) {
    const std::string_view words = seen.icmp->family == Family::ipv4 ? wire::describe_icmp(seen.icmp->type, seen.icmp->code)
                                                                     : wire::describe_icmpv6(seen.icmp->type, seen.icmp->code);
    timeline.push_back({at(*attempt.icmp_at),
                        fmt::format("error queue: ICMP {} from {}{}", words, seen.icmp->offender.to_string(),
                                    seen.icmp->offender_is_local ? " (this host)" : ""),
                        false});
  }
  std::string end;
  switch (seen.end) {
    case ConnectEnd::connected:
      end = fmt::format("connected; TCP_INFO: {} sent", plural(result.syn_sent, "SYN"));
      if (result.tcp_info) end += fmt::format(", kernel RTT {:.3f} ms, mss {}", to_ms(result.tcp_info->kernel_rtt),
                                              result.tcp_info->mss_bytes);
      break;
    case ConnectEnd::failed:
      end = seen.failed_at_once ? fmt::format("connect() failed at once: {}; no SYN sent", std::strerror(seen.error))
                                : fmt::format("SO_ERROR: {}; TCP_INFO: {} sent", std::strerror(seen.error),
                                              plural(result.syn_sent, "SYN"));
      break;
    case ConnectEnd::timed_out:
      end = fmt::format("no answer; given up after {} (TCP_INFO)", plural(result.syn_sent, "SYN"));
      break;
  }
  timeline.push_back({at(result.ended_at), end, false});
  if (attempt.neighbour && result.next_hop)
    timeline.push_back({at(result.ended_at),
                        fmt::format("neighbour table: {} on {} is {}", result.next_hop->to_string(), result.interface,
                                    to_string(*attempt.neighbour)),
                        false});
  std::ranges::stable_sort(timeline, {}, &TcpTimelineEntry::at);
  result.timeline = std::move(timeline);
}

const std::optional<Route>& TcpConnector::route_to(const IpAddress& address) {
  auto found = routes_.find(address);
  if (found == routes_.end()) {
    auto route = lookup_route(address);
    found = routes_.emplace(address, route ? std::optional<Route>(*route) : std::nullopt).first;
  }
  return found->second;
}

bool TcpConnector::is_local(const IpAddress& address) {
  const auto& route = route_to(address);
  return route && route->type == RouteType::local;
}

}  // namespace netdiag
