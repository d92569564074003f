// ICMP and ICMPv6 echo sockets: an unprivileged ICMP datagram ("ping") socket when
// net.ipv4.ping_group_range allows it, a raw socket (CAP_NET_RAW) otherwise. Either way the
// kernel's receive timestamps (SO_TIMESTAMPNS) and error queue (IP_RECVERR / IPV6_RECVERR) are
// on, and everything read becomes a normalised Reply.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/reply.hpp"
#include "netdiag/model/ping_report.hpp"

namespace netdiag {

// -M: the DF bit and path-MTU discovery (IP_MTU_DISCOVER / IPV6_MTU_DISCOVER).
enum class PmtuDiscovery : std::uint8_t {
  do_not_fragment,  // "do": DF set, never fragment locally; EMSGSIZE above the path MTU
  want,             // "want": DF set, fragment locally when the path MTU is known to be smaller
  dont,             // "dont": DF clear
  probe             // "probe": DF set, the interface MTU the only limit (learned path MTUs are
                    // ignored), so probes of any size reach the router that cannot pass them
};

struct IcmpSocketOptions {
  Family family = Family::ipv4;
  std::optional<Ttl> ttl;              // -t
  std::optional<std::uint8_t> tos;     // -Q: IPv4 TOS / IPv6 traffic class
  std::optional<PmtuDiscovery> pmtu;   // -M
  std::string interface;               // -I NAME: SO_BINDTODEVICE
  std::optional<IpAddress> source;     // -I ADDRESS: bind()
};

class IcmpSocket {
 public:
  // Opens the socket. Throws std::system_error whose what() is one line saying what failed and
  // what to do, e.g. naming both net.ipv4.ping_group_range and `setcap cap_net_raw+p`.
  static IcmpSocket open(const IcmpSocketOptions& options);

  IcmpSocket(IcmpSocket&& other) noexcept;
  IcmpSocket& operator=(IcmpSocket&& other) noexcept;
  IcmpSocket(const IcmpSocket&) = delete;
  IcmpSocket& operator=(const IcmpSocket&) = delete;
  ~IcmpSocket();

  int native_handle() const { return fd_; }
  SocketKind kind() const { return kind_; }
  Family family() const { return family_; }
  // The echo identifier our replies carry: the kernel-chosen "port" of a ping socket, a random
  // number for a raw socket.
  std::uint16_t identifier() const { return identifier_; }

  // Sets the TTL / hop limit of the next echo requests (traces change it per probe).
  void set_ttl(Ttl ttl);

  // Sends one echo request. The returned instant is CLOCK_REALTIME just before sendto(), the
  // clock of the receive stamps.
  std::expected<WallTime, SendFailure> send_echo(const IpAddress& to, Sequence sequence,
                                                 std::span<const std::byte> payload);

  enum class ReadMode {
    drain,        // everything pending: data until EAGAIN, and the error queue when needed
    one_if_ready  // a speculative read of at most one message, right after a send
  };
  // Reads what is pending without blocking and appends what concerns echo probes to `out`.
  // Returns how many unrelated or malformed packets were read and dropped.
  std::size_t receive_pending(std::vector<Reply>& out, ReadMode mode = ReadMode::drain);

 private:
  IcmpSocket(int fd, SocketKind kind, Family family);
  void prepare_request(std::span<const std::byte> payload);
  void read_error_queue(std::vector<Reply>& out, std::optional<Mtu>* local_mtu);

  int fd_ = -1;
  SocketKind kind_ = SocketKind::datagram;
  Family family_ = Family::ipv4;
  std::uint16_t identifier_ = 0;
  std::vector<std::byte> sent_payload_;  // to tell intact replies from corrupted ones
  std::vector<std::byte> request_;       // the echo request, built once per payload
  std::uint32_t request_sum_ = 0;        // its checksum sum without the sequence
  std::vector<Reply> pending_;           // ICMP errors read while looking for a local MTU
  std::vector<std::byte> receive_buffer_;
  std::size_t dropped_ = 0;
};

}  // namespace netdiag
