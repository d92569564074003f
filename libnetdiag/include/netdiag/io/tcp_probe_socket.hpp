// The TCP SYN probe transport of a trace (nd-trace -T), as traceroute -T and tcptraceroute send
// probes: SYNs to a port of the target with a growing TTL. Routers answer with ICMP errors, the
// target with a SYN-ACK (port open) or an RST (closed) — which gets through where firewalls drop
// UDP and ICMP probes. Two modes:
//
//   raw      (CAP_NET_RAW, needed by open() only) one raw IPPROTO_TCP socket; the kernel writes
//            the IP header, we write the SYN. Every probe is the same flow (Paris-style: same
//            addresses and ports, the source port reserved by a bound TCP socket); the probe id
//            rides in the sequence number (tcp_probe_decode.hpp). The SYN carries Linux's
//            options (MSS, SACK permitted, timestamps, window scale) and data up to the packet
//            size. Answers from the target arrive as packets; ICMP errors quoting our SYNs on
//            the socket's error queue. Our kernel resets the connection a SYN-ACK offers (no
//            socket of its own has it), as with traceroute -T.
//   connect  (no privilege) one non-blocking connect() per probe, IP_RECVERR on: an ICMP error
//            about the SYN lands on that socket's error queue (and aborts the connect), a
//            SYN-ACK completes it, an RST refuses it. The kernel allows one connection per
//            4-tuple, so every probe has its own source port: routers that balance per flow
//            may send probes different ways. The SYN is the kernel's own, so the packet size
//            is ignored. native_handle() is an epoll descriptor over the probe sockets.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/reply.hpp"
#include "netdiag/io/tcp_probe_decode.hpp"
#include "netdiag/io/unique_fd.hpp"

namespace netdiag {

struct TcpProbeOptions {
  IpAddress target;
  Port port{80};                     // -p: the target's port (traceroute -T's default)
  std::string interface;             // -i NAME: SO_BINDTODEVICE
  std::optional<IpAddress> source;   // -s ADDRESS
  bool dont_fragment = false;        // -F: DF set (IPv6: never fragment locally)
};

class TcpProbeSocket {
 public:
  enum class Mode { raw, connect };

  // A raw socket when CAP_NET_RAW allows one, else connect mode. Throws std::system_error with
  // a one-line explanation.
  static TcpProbeSocket open(const TcpProbeOptions& options);

  // Raw mode: the raw socket. Connect mode: an epoll descriptor, readable when a probe socket
  // has something to report.
  int native_handle() const { return fd_.get(); }
  Family family() const { return flow_.target.family(); }
  // What every Reply carries as identifier: raw mode, our source port; connect mode, a random
  // number (the probes share no port).
  std::uint16_t identifier() const { return identifier_; }

  // Sends probe `probe_id` with this TTL; the instant is CLOCK_REALTIME just before sending.
  // Raw mode: `packet_bytes` is the IP packet size (a SYN is never smaller than its headers,
  // 60 bytes for IPv4, 80 for IPv6; EMSGSIZE above 65535); connect mode ignores it.
  std::expected<WallTime, SendFailure> send_probe(std::uint16_t probe_id, Ttl ttl, std::size_t packet_bytes);

  enum class ReadMode { drain, one_if_ready };
  // Reads what is ready without blocking and appends Replies; returns how many things read were
  // not about our probes. Connect mode: a connect's completion or refusal has no kernel
  // timestamp, so its received_at is the wall clock when it is read.
  std::size_t receive_pending(std::vector<Reply>& out, ReadMode mode = ReadMode::drain);

 private:
  // Connect mode: one probe's socket, until it is answered or given up.
  struct Connection {
    io_detail::UniqueFd socket;
    std::uint16_t probe_id = 0;
    std::chrono::steady_clock::time_point opened_at;
  };

  TcpProbeSocket(Mode mode, io_detail::UniqueFd fd, const TcpProbeOptions& options);
  std::expected<WallTime, SendFailure> send_raw(std::uint16_t probe_id, Ttl ttl, std::size_t packet_bytes);
  std::expected<WallTime, SendFailure> send_connect(std::uint16_t probe_id, Ttl ttl);
  std::expected<io_detail::UniqueFd, int> open_probe_socket(Ttl ttl) const;
  void receive_raw(std::vector<Reply>& out, int max_reads);
  void read_raw_errors(std::vector<Reply>& out, int max_reads, std::optional<Mtu>* local_mtu);
  void receive_connect(std::vector<Reply>& out, int max_reads);
  // Whether the probe is answered (then its socket can go).
  bool read_connection(const Connection& connection, std::uint32_t events, std::vector<Reply>& out);
  void close_stale_connections();
  Reply connect_answer(std::uint16_t probe_id, TcpAnswer answer);

  Mode mode_;
  io_detail::UniqueFd fd_;
  TcpProbeOptions options_;
  TcpProbeFlow flow_;
  std::uint16_t identifier_ = 0;
  std::vector<Reply> pending_;                     // read while sending, handed out next receive
  std::size_t dropped_ = 0;
  // Raw mode.
  io_detail::UniqueFd port_reservation_;  // a TCP socket bound to our source port
  IpAddress source_;
  std::uint16_t mss_ = 0;
  std::uint32_t timestamp_base_ = 0;
  std::chrono::steady_clock::time_point opened_at_;
  std::vector<std::uint16_t> data_bytes_;  // by probe id
  std::vector<std::byte> segment_;
  // Connect mode, oldest first.
  std::deque<Connection> connections_;
};

}  // namespace netdiag
