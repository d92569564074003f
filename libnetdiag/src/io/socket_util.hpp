// Private to io/: the small pieces every socket class needs — errors with context, socket
// options, sockaddr <-> IpAddress, one recvmsg() with its ancillary data decoded.
#pragma once

#include <sys/socket.h>
#include <time.h>  // before linux/errqueue.h, which uses struct timespec

#include <linux/errqueue.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <expected>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/reply.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/core/types.hpp"
#include "netdiag/io/icmp_decode.hpp"
#include "netdiag/io/unique_fd.hpp"

namespace netdiag::io_detail {

inline constexpr std::size_t kControlBytes = 512;

[[noreturn]] void throw_errno(int error, const std::string& what);
void set_option(int fd, int level, int name, int value, const char* what);
WallTime wall_now();
inline MonoTime mono_now() { return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now()); }
IpAddress address_of(const sockaddr_storage& storage);
socklen_t to_sockaddr(const IpAddress& address, std::uint16_t port, sockaddr_storage& storage);
// The port of an AF_INET or AF_INET6 socket address (host byte order).
std::uint16_t port_of(const sockaddr_storage& storage);

// Control messages the kernel attached to one recvmsg().
struct Ancillary {
  std::optional<WallTime> stamp;                    // SO_TIMESTAMPNS
  std::optional<Ttl> ttl;                           // IP_TTL / IPV6_HOPLIMIT
  std::optional<sock_extended_err> extended_error;  // IP_RECVERR / IPV6_RECVERR
  std::optional<IpAddress> offender;                // SO_EE_OFFENDER
};
Ancillary read_ancillary(msghdr& message);

// One recvmsg() into a data buffer, with room for the sender's (or, for the error queue, the
// original destination's) address and the ancillary data.
struct ReceivedMessage {
  sockaddr_storage name{};
  std::array<std::byte, kControlBytes> control;  // NOLINT: filled by recvmsg
  msghdr header{};
  std::span<const std::byte> data;

  // Returns false (errno set) when nothing was read.
  bool receive(int fd, std::span<std::byte> buffer, int flags);
};

// The options every probe socket of a trace sets: SO_TIMESTAMPNS, IP_RECVERR / IPV6_RECVERR,
// the received TTL / hop limit, and path-MTU discovery. `dont_fragment` (-F, --mtu) sets DF
// through IP_PMTUDISC_PROBE rather than DO, so the kernel's learned path MTU never blocks a
// probe: only the interface MTU does (EMSGSIZE), and every router on the way gets to say where
// the MTU drops.
void set_probe_options(int fd, Family family, bool dont_fragment);

// Sends one probe with `send_once` (what send()/sendto() returned) and returns when it was sent.
// A send can fail with the error an earlier ICMP left pending on the socket (sk_err): with
// IP_RECVERR, queueing an error-queue entry sets it, and the next send() on the socket returns it
// once instead of sending (sock_alloc_send_pskb). Its details are on the error queue already, so
// the send is tried again. That includes EMSGSIZE, which a router's "fragmentation needed" leaves
// pending too: the send's own EMSGSIZE is the one for which the kernel queued a local error with
// the interface MTU (ip_local_error / ipv6_local_error), found by `read_errors`, which reads the
// error queue (keeping what else is there for the next receive) and sets the local MTU it saw.
std::expected<WallTime, SendFailure> send_probe_packet(const std::function<ssize_t()>& send_once,
                                                       const std::function<void(std::optional<Mtu>*)>& read_errors);

// The error-queue entry one recvmsg(MSG_ERRQUEUE) read, in plain fields; empty when the message
// carried no IP_RECVERR / IPV6_RECVERR data.
std::optional<ErrorQueueEntry> error_queue_entry(const ReceivedMessage& message, const Ancillary& ancillary);

// Reads up to `max_reads` messages from the socket's error queue. A local EMSGSIZE
// (ip_local_error / ipv6_local_error, queued when a send does not fit the MTU) leaves its MTU,
// ee_info, in *local_mtu; every other entry goes to `on_entry`. Returns how many messages
// carried no error-queue data.
std::size_t read_error_queue(int fd, int max_reads, std::optional<Mtu>* local_mtu,
                             const std::function<void(const ErrorQueueEntry&, const Ancillary&)>& on_entry);

// read_error_queue for the usual case: what `decode` makes of an entry is stamped with the
// entry's kernel time and TTL and appended to `out`. Returns how many messages were dropped
// (no error-queue data, or not decoded).
std::size_t read_error_replies(int fd, int max_reads, std::optional<Mtu>* local_mtu, std::vector<Reply>& out,
                               const std::function<std::optional<Reply>(const ErrorQueueEntry&)>& decode);

struct ConnectSocketOptions {
  std::string interface;              // SO_BINDTODEVICE
  std::optional<IpAddress> source;    // bind() to it
  std::optional<Ttl> ttl;             // IP_TTL / IPV6_UNICAST_HOPS, and the received TTL asked for
  std::optional<bool> dont_fragment;  // DF (IPv6: never fragment locally) or not; empty: the kernel's default
};

// A non-blocking TCP socket ready for connect(): zero linger (close() resets, no TIME-WAIT),
// SO_TIMESTAMPNS, IP_RECVERR / IPV6_RECVERR, then `options`. The errno of the first call that
// failed otherwise.
std::expected<UniqueFd, int> open_connect_socket(Family family, const ConnectSocketOptions& options);

}  // namespace netdiag::io_detail
