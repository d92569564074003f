#include "socket_util.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>
#include <time.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace netdiag::io_detail {

UniqueFd::UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}


[[noreturn]] void throw_errno(int error, const std::string& what) {
  throw std::system_error(error, std::generic_category(), what);
}

void set_option(int fd, int level, int name, int value, const char* what) {
  if (setsockopt(fd, level, name, &value, sizeof value) != 0) throw_errno(errno, fmt::format("cannot set {}", what));
}

WallTime wall_now() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return WallTime(std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec));
}

IpAddress address_of(const sockaddr_storage& storage) {
  if (storage.ss_family == AF_INET6) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, &storage, sizeof v6);
    std::array<std::byte, 16> bytes{};
    std::memcpy(bytes.data(), &v6.sin6_addr, 16);
    return IpAddress::v6(bytes);
  }
  sockaddr_in v4{};
  std::memcpy(&v4, &storage, sizeof v4);
  std::array<std::byte, 4> bytes{};
  std::memcpy(bytes.data(), &v4.sin_addr, 4);
  return IpAddress::v4(bytes);
}

socklen_t to_sockaddr(const IpAddress& address, std::uint16_t port, sockaddr_storage& storage) {
  storage = {};
  if (address.family() == Family::ipv6) {
    sockaddr_in6 v6{};
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(port);
    std::memcpy(&v6.sin6_addr, address.bytes().data(), 16);
    std::memcpy(&storage, &v6, sizeof v6);
    return sizeof v6;
  }
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  v4.sin_port = htons(port);
  std::memcpy(&v4.sin_addr, address.bytes().data(), 4);
  std::memcpy(&storage, &v4, sizeof v4);
  return sizeof v4;
}

std::uint16_t port_of(const sockaddr_storage& storage) {
  // sin_port and sin6_port sit at the same offset, right after the family.
  std::uint16_t port = 0;
  std::memcpy(&port, reinterpret_cast<const std::byte*>(&storage) + sizeof(sa_family_t), sizeof port);  // NOLINT
  return ntohs(port);
}

Ancillary read_ancillary(msghdr& message) {
  Ancillary result;
  for (cmsghdr* cmsg = CMSG_FIRSTHDR(&message); cmsg != nullptr; cmsg = CMSG_NXTHDR(&message, cmsg)) {
    const auto* data = CMSG_DATA(cmsg);
    const std::size_t length = cmsg->cmsg_len - CMSG_LEN(0);
    if (cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_TIMESTAMPNS && length >= sizeof(timespec)) {
      timespec stamp{};
      std::memcpy(&stamp, data, sizeof stamp);
      result.stamp = WallTime(std::chrono::seconds(stamp.tv_sec) + std::chrono::nanoseconds(stamp.tv_nsec));
    } else if (((cmsg->cmsg_level == SOL_IP && cmsg->cmsg_type == IP_TTL) ||
                (cmsg->cmsg_level == SOL_IPV6 && cmsg->cmsg_type == IPV6_HOPLIMIT)) &&
               length >= sizeof(int)) {
      int ttl = 0;
      std::memcpy(&ttl, data, sizeof ttl);
      if (ttl >= 0 && ttl <= 255) result.ttl = Ttl{static_cast<std::uint8_t>(ttl)};
    } else if (((cmsg->cmsg_level == SOL_IP && cmsg->cmsg_type == IP_RECVERR) ||
                (cmsg->cmsg_level == SOL_IPV6 && cmsg->cmsg_type == IPV6_RECVERR)) &&
               length >= sizeof(sock_extended_err)) {
      sock_extended_err error{};
      std::memcpy(&error, data, sizeof error);
      result.extended_error = error;
      // SO_EE_OFFENDER: the sockaddr of the ICMP sender follows the struct (errqueue.h).
      const std::size_t offender_bytes = length - sizeof(sock_extended_err);
      if (offender_bytes >= sizeof(sockaddr_in)) {
        sockaddr_storage offender{};
        std::memcpy(&offender, data + sizeof(sock_extended_err), std::min(offender_bytes, sizeof offender));
        if (offender.ss_family == AF_INET || (offender.ss_family == AF_INET6 && offender_bytes >= sizeof(sockaddr_in6)))
          result.offender = address_of(offender);
      }
    }
  }
  return result;
}

bool ReceivedMessage::receive(int fd, std::span<std::byte> buffer, int flags) {
  iovec vector{buffer.data(), buffer.size()};
  header = msghdr{};
  header.msg_name = &name;
  header.msg_namelen = sizeof name;
  header.msg_iov = &vector;
  header.msg_iovlen = 1;
  header.msg_control = control.data();
  header.msg_controllen = control.size();
  const auto length = ::recvmsg(fd, &header, flags);
  if (length < 0) return false;
  data = std::span<const std::byte>(buffer).first(static_cast<std::size_t>(length));
  return true;
}

std::optional<ErrorQueueEntry> error_queue_entry(const ReceivedMessage& message, const Ancillary& ancillary) {
  if (!ancillary.extended_error) return std::nullopt;
  const sock_extended_err& error = *ancillary.extended_error;
  ErrorQueueEntry entry;
  entry.error = error.ee_errno;
  entry.origin = error.ee_origin;
  entry.type = error.ee_type;
  entry.code = error.ee_code;
  entry.info = error.ee_info;
  entry.offender = ancillary.offender;
  if (message.header.msg_namelen > 0) entry.original_destination = address_of(message.name);
  entry.payload = message.data;
  return entry;
}

std::size_t read_error_queue(int fd, int max_reads, std::optional<Mtu>* local_mtu,
                             const std::function<void(const ErrorQueueEntry&, const Ancillary&)>& on_entry) {
  std::size_t unreadable = 0;
  std::array<std::byte, 2048> data;  // NOLINT: filled by recvmsg
  for (int reads = 0; reads < max_reads; ++reads) {
    ReceivedMessage message;
    if (!message.receive(fd, data, MSG_ERRQUEUE | MSG_DONTWAIT)) break;
    const Ancillary ancillary = read_ancillary(message.header);
    const auto entry = error_queue_entry(message, ancillary);
    if (!entry) {
      ++unreadable;
    } else if (entry->origin == kErrorOriginLocal) {
      if (local_mtu != nullptr && entry->error == EMSGSIZE && entry->info > 0) *local_mtu = Mtu{entry->info};
    } else {
      on_entry(*entry, ancillary);
    }
  }
  return unreadable;
}

std::size_t read_error_replies(int fd, int max_reads, std::optional<Mtu>* local_mtu, std::vector<Reply>& out,
                               const std::function<std::optional<Reply>(const ErrorQueueEntry&)>& decode) {
  std::size_t undecoded = 0;
  const std::size_t unreadable =
      read_error_queue(fd, max_reads, local_mtu, [&](const ErrorQueueEntry& entry, const Ancillary& ancillary) {
        auto reply = decode(entry);
        if (!reply) {
          ++undecoded;
          return;
        }
        reply->received_at = ancillary.stamp.value_or(wall_now());
        reply->ttl = ancillary.ttl;
        out.push_back(*reply);
      });
  return unreadable + undecoded;
}

void set_probe_options(int fd, Family family, bool dont_fragment) {
  set_option(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS");
  if (family == Family::ipv6) {
    set_option(fd, SOL_IPV6, IPV6_RECVERR, 1, "IPV6_RECVERR");
    set_option(fd, SOL_IPV6, IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
    set_option(fd, SOL_IPV6, IPV6_MTU_DISCOVER, dont_fragment ? IPV6_PMTUDISC_PROBE : IPV6_PMTUDISC_DONT,
               "path-MTU discovery");
  } else {
    set_option(fd, SOL_IP, IP_RECVERR, 1, "IP_RECVERR");
    set_option(fd, SOL_IP, IP_RECVTTL, 1, "IP_RECVTTL");
    set_option(fd, SOL_IP, IP_MTU_DISCOVER, dont_fragment ? IP_PMTUDISC_PROBE : IP_PMTUDISC_DONT,
               "path-MTU discovery");
  }
}

std::expected<WallTime, SendFailure> send_probe_packet(const std::function<ssize_t()>& send_once,
                                                       const std::function<void(std::optional<Mtu>*)>& read_errors) {
  // Each failed attempt consumed one pending error; more than a few in a row would need ICMP
  // errors arriving faster than we send.
  constexpr int kAttempts = 8;
  int error = 0;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const WallTime sent_at = wall_now();
    if (send_once() >= 0) return sent_at;
    error = errno;
    if (error == EMSGSIZE) {
      std::optional<Mtu> local_mtu;
      read_errors(&local_mtu);
      if (local_mtu) return std::unexpected(SendFailure{EMSGSIZE, local_mtu});
      continue;
    }
    const bool pending = error == ECONNREFUSED || error == EHOSTUNREACH || error == ENETUNREACH ||
                         error == EHOSTDOWN || error == ENETDOWN || error == EPROTO || error == ENOPROTOOPT ||
                         error == EACCES;
    if (!pending) break;
  }
  return std::unexpected(SendFailure{error, std::nullopt});
}

std::expected<UniqueFd, int> open_connect_socket(Family family, const ConnectSocketOptions& options) {
  const bool v6 = family == Family::ipv6;
  UniqueFd socket(::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  const int fd = socket.get();
  if (fd < 0) return std::unexpected(errno);
  const auto set = [fd](int level, int name, int value) {
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
  };
  // Closing with a zero linger time resets an established connection instead of closing it:
  // nothing is left in TIME-WAIT.
  const linger reset{1, 0};
  bool ready = ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset) == 0 && set(SOL_SOCKET, SO_TIMESTAMPNS, 1);
  const auto& df = options.dont_fragment;
  if (v6) {
    ready = ready && set(SOL_IPV6, IPV6_RECVERR, 1) &&
            (!options.ttl || (set(SOL_IPV6, IPV6_RECVHOPLIMIT, 1) && set(SOL_IPV6, IPV6_UNICAST_HOPS, options.ttl->value))) &&
            (!df || set(SOL_IPV6, IPV6_MTU_DISCOVER, *df ? IPV6_PMTUDISC_DO : IPV6_PMTUDISC_DONT));
  } else {
    // DO, not PROBE: TCP sets DF only for DO (ip_dont_fragment), and a bare SYN fits any MTU.
    ready = ready && set(SOL_IP, IP_RECVERR, 1) &&
            (!options.ttl || (set(SOL_IP, IP_RECVTTL, 1) && set(SOL_IP, IP_TTL, options.ttl->value))) &&
            (!df || set(SOL_IP, IP_MTU_DISCOVER, *df ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT));
  }
  if (ready && !options.interface.empty())
    ready = ::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, options.interface.c_str(),
                         static_cast<socklen_t>(options.interface.size())) == 0;
  if (ready && options.source) {
    sockaddr_storage local{};
    const socklen_t size = to_sockaddr(*options.source, 0, local);
    ready = ::bind(fd, reinterpret_cast<const sockaddr*>(&local), size) == 0;  // NOLINT: sockets API
  }
  if (!ready) return std::unexpected(errno);
  return socket;
}

}  // namespace netdiag::io_detail
