// The unprivileged UDP probe socket of a trace, as tracepath(8) uses one: a UDP socket connected
// to the target's port, IP_RECVERR/IPV6_RECVERR on, so the kernel queues every ICMP error about
// our probes — time exceeded, unreachable, fragmentation needed — with the sender's address on
// the socket's error queue. No privilege is needed. Every probe keeps the same 5-tuple
// (Paris-style); the TTL changes per probe and the first two payload bytes carry the probe id.
#pragma once

#include <sys/socket.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/reply.hpp"

namespace netdiag {

struct UdpProbeOptions {
  IpAddress target;
  Port port{33434};                  // -p: traceroute's default base port
  bool dont_fragment = false;        // -F, --mtu
  // --classic: probe n goes to port + n - 1, as traceroute's do (load balancers that hash the
  // ports may then send each probe its own way); the socket is not connected.
  bool classic = false;
  std::string interface;             // -i NAME: SO_BINDTODEVICE
  std::optional<IpAddress> source;   // -s ADDRESS
};

// The destination port of probe `probe_id` (from 1): `base` for every probe of a single-flow
// trace; with --classic, traceroute's base + n - 1, back to the base after 65535 (port 0 cannot be
// sent to).
std::uint16_t udp_probe_port(std::uint16_t base, std::uint16_t probe_id, bool classic);

class UdpProbeSocket {
 public:
  // Throws std::system_error with a one-line explanation.
  static UdpProbeSocket open(const UdpProbeOptions& options);

  UdpProbeSocket(UdpProbeSocket&& other) noexcept;
  UdpProbeSocket& operator=(UdpProbeSocket&& other) noexcept;
  UdpProbeSocket(const UdpProbeSocket&) = delete;
  UdpProbeSocket& operator=(const UdpProbeSocket&) = delete;
  ~UdpProbeSocket();

  int native_handle() const { return fd_; }
  Family family() const { return family_; }
  // Our source port: the flow identifier replies are matched against.
  std::uint16_t identifier() const { return identifier_; }

  // Sends probe `probe_id` with this TTL as an IP packet of `packet_bytes` (at least 2 bytes of
  // data); the instant is CLOCK_REALTIME just before send(). An EMSGSIZE carries the MTU.
  std::expected<WallTime, SendFailure> send_probe(std::uint16_t probe_id, Ttl ttl, std::size_t packet_bytes);

  enum class ReadMode { drain, one_if_ready };
  // Reads the error queue and any datagram from the target without blocking; appends Replies.
  std::size_t receive_pending(std::vector<Reply>& out, ReadMode mode = ReadMode::drain);

 private:
  UdpProbeSocket(int fd, Family family) : fd_(fd), family_(family) {}
  void read_errors(std::vector<Reply>& out, int max_reads, std::optional<Mtu>* local_mtu);
  ssize_t send_to_port(std::uint16_t probe_id, std::size_t payload_bytes);
  int fd_ = -1;
  Family family_ = Family::ipv4;
  std::uint16_t identifier_ = 0;
  std::vector<std::byte> payload_;
  std::vector<Reply> pending_;  // answers read off the error queue while looking for a local MTU
  std::size_t dropped_ = 0;
  sockaddr_storage remote_{};  // the target and -p port
  socklen_t remote_size_ = 0;
  bool classic_ = false;
  std::uint16_t base_port_ = 0;
};

}  // namespace netdiag
