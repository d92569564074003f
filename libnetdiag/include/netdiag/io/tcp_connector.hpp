// nd-tcp's connection attempts: one non-blocking connect() per attempt, no privilege needed.
// Each socket has IP_RECVERR / IPV6_RECVERR on, so an ICMP error about its SYN lands on its
// error queue with the type, code and offender (and ends the attempt: tcp_v4_err); an RST ends
// it with ECONNREFUSED and nothing queued; a SYN-ACK completes it. TCP_INFO says how many SYNs
// the kernel sent and, once connected, what was agreed. The routing and neighbour tables
// (netlink) name the interface and next hop, and tell an ARP / neighbour solicitation that went
// unanswered. Closing uses a zero linger time: an open port gets an RST, not a FIN, so a scan
// leaves no TIME-WAIT sockets behind (as nmap -sT does).
//
// --explain: each attempt's timeline. Always what the kernel reported (connect(), the error queue,
// SO_ERROR, TCP_INFO, the neighbour entry); with a PacketCapture (CAP_NET_RAW), also every packet
// of the attempt seen on the wire: its SYNs and their answers, ICMP errors quoting them, and the
// ARP or neighbour-discovery traffic for its next hop.
//
// native_handle() is an epoll descriptor over the attempts' sockets (and the capture), for the
// event loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/io/netlink.hpp"
#include "netdiag/io/packet_capture.hpp"
#include "netdiag/io/unique_fd.hpp"
#include "netdiag/probe/tcp_engine.hpp"

namespace netdiag {

struct TcpConnectorOptions {
  std::string interface;            // -I NAME: SO_BINDTODEVICE
  std::optional<IpAddress> source;  // -I ADDRESS: bind() to it
  bool explain = false;             // keep a timeline per attempt
};

class TcpConnector final : public ConnectTransport {
 public:
  using Received = ConnectResult;
  enum class ReadMode { drain, one_if_ready };

  // Throws std::system_error with a one-line explanation. `capture`: the packets for --explain.
  static TcpConnector open(const TcpConnectorOptions& options, std::optional<PacketCapture> capture = std::nullopt);
  bool capturing() const { return capture_.has_value(); }

  int native_handle() const { return epoll_.get(); }

  WallTime start(std::uint64_t attempt_id, const IpAddress& address, Port port) override;
  ConnectResult abandon(std::uint64_t attempt_id) override;
  // Appends a ConnectResult for each attempt that ended (one_if_ready: from at most a few
  // wakeups); returns how many wakeups were about nothing we know (always 0 today: every socket
  // in the epoll set is an attempt's or the capture's).
  std::size_t receive_pending(std::vector<ConnectResult>& out, ReadMode mode = ReadMode::drain);

 private:
  struct Attempt {
    io_detail::UniqueFd socket;
    IpAddress target;
    Port port{0};
    WallTime started_at{};
    std::optional<ConnectIcmp> icmp;
    int icmp_errno = 0;  // ee_errno of the ICMP: what SO_ERROR would say
    std::optional<WallTime> icmp_at;
    std::optional<NeighbourState> neighbour;  // the next hop's entry, when it was looked up
    // --explain
    std::optional<IpAddress> source;
    Port source_port{0};
    std::vector<TcpTimelineEntry> timeline;
  };

  TcpConnector(io_detail::UniqueFd epoll, TcpConnectorOptions options, std::optional<PacketCapture> capture);
  // --explain: the packets captured so far, onto the timelines of the attempts they belong to.
  void read_capture();
  void explain_end(Attempt& attempt, ConnectResult& result);
  // SO_ERROR (into `error` when set) and the error queue (into attempt.icmp).
  void read_errors(Attempt& attempt, int& error);
  // Reads what an attempt's socket has to say; the result when the attempt ended.
  std::optional<ConnectResult> read_attempt(std::uint64_t id, Attempt& attempt);
  // The result of an ended attempt, with TCP_INFO, addresses and route filled in; closes it.
  ConnectResult finish(std::uint64_t id, Attempt& attempt, ConnectObservation observation, WallTime ended_at);
  const std::optional<Route>& route_to(const IpAddress& address);
  bool is_local(const IpAddress& address);

  io_detail::UniqueFd epoll_;
  TcpConnectorOptions options_;
  std::map<std::uint64_t, Attempt> attempts_;
  std::vector<ConnectResult> ended_at_once_;
  std::map<IpAddress, std::optional<Route>> routes_;  // kernel routes looked up, per address
  std::optional<PacketCapture> capture_;
  std::vector<CapturedPacket> captured_;
};

}  // namespace netdiag
