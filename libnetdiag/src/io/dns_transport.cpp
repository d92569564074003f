#include "netdiag/io/dns_transport.hpp"

#include <poll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "netdiag/io/unique_fd.hpp"
#include "socket_util.hpp"

namespace netdiag {
namespace {

using dns::DnsExchange;
using io_detail::UniqueFd;
using io_detail::wall_now;

// How often a wait wakes to look at the stop flag when no signal interrupts poll().
constexpr auto kStopCheck = std::chrono::milliseconds(100);
// The largest message over TCP (its 16-bit length) or UDP.
constexpr std::size_t kMaxMessage = 65535;

std::uint16_t random_id() {
  std::uint16_t id = 0;
  if (::getrandom(&id, sizeof id, 0) != static_cast<ssize_t>(sizeof id)) {
    io_detail::throw_errno(errno, "getrandom");
  }
  return id;
}

// The query as sent: a fresh random ID every time.
wire::DnsQuerySpec spec_of(const dns::DnsQuery& query) {
  wire::DnsQuerySpec spec;
  spec.id = random_id();
  spec.question = query.question;
  spec.recursion_desired = query.recursion_desired;
  spec.edns_udp_size = query.edns_udp_size;
  return spec;
}

DnsExchange failed(int error) {
  DnsExchange exchange;
  exchange.status = DnsExchange::Status::network_error;
  exchange.error = std::strerror(error);
  for (char& c : exchange.error) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return exchange;
}

// Waits until `fd` is ready for `events` or the deadline passes; false on timeout or stop.
enum class Wait { ready, timeout, stopped };
Wait wait_for(int fd, short events, MonoTime deadline, const std::atomic<bool>& stop) {
  for (;;) {
    if (stop.load()) return Wait::stopped;
    const MonoTime now = io_detail::mono_now();
    if (now >= deadline) return Wait::timeout;
    const auto slice = std::min<Duration>(deadline - now, kStopCheck);
    pollfd entry{fd, events, 0};
    const int timeout_ms = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(slice).count());
    const int ready = ::poll(&entry, 1, timeout_ms);
    if (ready > 0) return Wait::ready;
    if (ready < 0 && errno != EINTR) io_detail::throw_errno(errno, "poll");
  }
}

UniqueFd open_connected(const dns::DnsQuery& query, Port port, int type, MonoTime deadline,
                         const std::atomic<bool>& stop, int& error) {
  const int domain = query.server.family() == Family::ipv4 ? AF_INET : AF_INET6;
  UniqueFd fd(::socket(domain, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (fd.get() < 0) io_detail::throw_errno(errno, "socket");
  sockaddr_storage address{};
  const socklen_t length = io_detail::to_sockaddr(query.server, port.value, address);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), length) == 0) return fd;
  if (errno != EINPROGRESS) {
    error = errno;
    return UniqueFd{};
  }
  const Wait waited = wait_for(fd.get(), POLLOUT, deadline, stop);
  if (waited != Wait::ready) {
    error = waited == Wait::timeout ? ETIMEDOUT : EINTR;
    return UniqueFd{};
  }
  int so_error = 0;
  socklen_t so_length = sizeof so_error;
  ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &so_error, &so_length);
  if (so_error != 0) {
    error = so_error;
    return UniqueFd{};
  }
  return fd;
}

}  // namespace

DnsSocketTransport::DnsSocketTransport(DnsTransportOptions options, const std::atomic<bool>& stop)
    : options_(options), stop_(stop) {}

DnsExchange DnsSocketTransport::operator()(const dns::DnsQuery& query) const {
  return query.transport == DnsTransport::udp ? over_udp(query) : over_tcp(query);
}

DnsExchange DnsSocketTransport::over_udp(const dns::DnsQuery& query) const {
  const MonoTime deadline = io_detail::mono_now() + options_.timeout;
  int error = 0;
  UniqueFd fd = open_connected(query, options_.port, SOCK_DGRAM, deadline, stop_, error);
  if (fd.get() < 0) return failed(error);
  io_detail::set_option(fd.get(), SOL_SOCKET, SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS");

  const wire::DnsQuerySpec spec = spec_of(query);
  const std::vector<std::byte> message = wire::build_dns_query(spec);
  const WallTime sent = wall_now();
  if (::send(fd.get(), message.data(), message.size(), 0) < 0) return failed(errno);

  DnsExchange exchange;
  std::vector<std::byte> buffer(kMaxMessage);
  for (;;) {
    const Wait waited = wait_for(fd.get(), POLLIN, deadline, stop_);
    if (waited == Wait::stopped) {
      exchange.status = DnsExchange::Status::interrupted;
      return exchange;
    }
    if (waited == Wait::timeout) {
      exchange.status = DnsExchange::Status::timeout;
      return exchange;
    }
    io_detail::ReceivedMessage received;
    if (!received.receive(fd.get(), buffer, 0)) {
      if (errno == EAGAIN || errno == EINTR) continue;
      // A connected UDP socket reports the server's ICMP errors here: port or host unreachable.
      DnsExchange failure = failed(errno);
      failure.rejected = exchange.rejected;
      return failure;
    }
    if (!dns::response_matches(spec.id, query.question, received.data)) {
      ++exchange.rejected;
      continue;
    }
    const io_detail::Ancillary ancillary = io_detail::read_ancillary(received.header);
    exchange.status = DnsExchange::Status::response;
    exchange.rtt = ancillary.stamp.value_or(wall_now()) - sent;
    exchange.response.assign(received.data.begin(), received.data.end());
    return exchange;
  }
}

DnsExchange DnsSocketTransport::over_tcp(const dns::DnsQuery& query) const {
  const MonoTime deadline = io_detail::mono_now() + options_.timeout;
  const WallTime started = wall_now();
  int error = 0;
  UniqueFd fd = open_connected(query, options_.port, SOCK_STREAM, deadline, stop_, error);
  DnsExchange exchange;
  if (fd.get() < 0) {
    if (error == EINTR) {
      exchange.status = DnsExchange::Status::interrupted;
      return exchange;
    }
    if (error == ETIMEDOUT) {
      exchange.status = DnsExchange::Status::timeout;
      return exchange;
    }
    return failed(error);
  }
  const wire::DnsQuerySpec spec = spec_of(query);
  const std::vector<std::byte> message = wire::build_dns_query(spec);
  std::vector<std::byte> framed(2 + message.size());
  framed[0] = static_cast<std::byte>(message.size() >> 8);
  framed[1] = static_cast<std::byte>(message.size() & 0xffU);
  std::copy(message.begin(), message.end(), framed.begin() + 2);
  std::size_t written = 0;
  while (written < framed.size()) {
    const ssize_t n = ::send(fd.get(), framed.data() + written, framed.size() - written, MSG_NOSIGNAL);
    if (n >= 0) {
      written += static_cast<std::size_t>(n);
      continue;
    }
    if (errno != EAGAIN && errno != EINTR) return failed(errno);
    const Wait waited = wait_for(fd.get(), POLLOUT, deadline, stop_);
    if (waited != Wait::ready) {
      exchange.status = waited == Wait::stopped ? DnsExchange::Status::interrupted : DnsExchange::Status::timeout;
      return exchange;
    }
  }

  // Messages in the stream: the two-byte length, then the message; the answer is the first one
  // whose ID and question match.
  std::vector<std::byte> stream;
  std::array<std::byte, 4096> chunk{};
  for (;;) {
    while (stream.size() >= 2) {
      const std::size_t length = (std::to_integer<std::size_t>(stream[0]) << 8) | std::to_integer<std::size_t>(stream[1]);
      if (stream.size() < 2 + length) break;
      const std::span<const std::byte> candidate(stream.data() + 2, length);
      if (dns::response_matches(spec.id, query.question, candidate)) {
        exchange.status = DnsExchange::Status::response;
        exchange.rtt = wall_now() - started;
        exchange.response.assign(candidate.begin(), candidate.end());
        return exchange;
      }
      ++exchange.rejected;
      stream.erase(stream.begin(), stream.begin() + static_cast<std::ptrdiff_t>(2 + length));
    }
    const Wait waited = wait_for(fd.get(), POLLIN, deadline, stop_);
    if (waited != Wait::ready) {
      exchange.status = waited == Wait::stopped ? DnsExchange::Status::interrupted : DnsExchange::Status::timeout;
      return exchange;
    }
    const ssize_t n = ::recv(fd.get(), chunk.data(), chunk.size(), 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      DnsExchange failure = failed(errno);
      failure.rejected = exchange.rejected;
      return failure;
    }
    if (n == 0) {
      DnsExchange failure = failed(ECONNRESET);
      failure.error = "the server closed the connection without an answer";
      failure.rejected = exchange.rejected;
      return failure;
    }
    stream.insert(stream.end(), chunk.begin(), chunk.begin() + n);
    if (stream.size() > 2 + kMaxMessage + chunk.size()) return failed(EMSGSIZE);
  }
}

}  // namespace netdiag
