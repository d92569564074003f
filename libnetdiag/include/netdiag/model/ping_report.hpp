// Plain result structs of a ping run. Statistics are computed once, by finalize().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/core/types.hpp"
#include "netdiag/model/rtt_statistics.hpp"

namespace netdiag {

enum class SocketKind : std::uint8_t {
  datagram,  // ICMP "ping" socket (no privilege, net.ipv4.ping_group_range)
  raw        // raw ICMP socket (CAP_NET_RAW)
};
std::string_view to_string(SocketKind kind);

// One echo reply, as received.
struct PingReplyRecord {
  std::uint64_t probe_number = 0;  // 0-based count of the probe it answers; icmp_seq = probe_number + 1
  Sequence sequence;               // as on the wire: (probe_number + 1) mod 65536
  IpAddress from;
  Duration rtt{};
  std::optional<Ttl> ttl;
  std::size_t icmp_bytes = 0;
  bool duplicate = false;
  bool late = false;  // arrived after the reply timeout (-W) of its probe
  bool payload_intact = true;
  WallTime received_at{};
};

enum class PingErrorKind : std::uint8_t { icmp, local };

// An ICMP error quoting one of our probes, or a local failure to send one.
struct PingErrorRecord {
  std::uint64_t probe_number = 0;
  Sequence sequence;
  PingErrorKind kind = PingErrorKind::icmp;
  IpAddress from;
  std::uint8_t icmp_type = 0;
  std::uint8_t icmp_code = 0;
  std::optional<Mtu> mtu;
  int local_errno = 0;
  WallTime received_at{};
};

// A probe was sent (flood mode prints a dot for it).
struct PingSentEvent {
  std::uint64_t probe_number = 0;
};

// -O: the previous probe had no answer when the next one was due.
struct PingNoAnswerEvent {
  std::uint64_t probe_number = 0;
};

using PingEvent = std::variant<PingSentEvent, PingReplyRecord, PingErrorRecord, PingNoAnswerEvent>;

struct PingReport {
  // What the user asked for, and what it resolved to.
  std::string target;
  IpAddress address;
  SocketKind socket = SocketKind::datagram;
  std::uint16_t identifier = 0;  // the ICMP echo identifier our probes carry
  std::size_t payload_bytes = 0;
  std::optional<std::uint64_t> requested_count;
  bool has_deadline = false;

  WallTime started_at{};
  Duration elapsed{};
  bool interrupted = false;

  std::uint64_t transmitted = 0;
  std::uint64_t received = 0;  // unique probes answered
  std::uint64_t duplicates = 0;
  std::uint64_t corrupted = 0;  // replies whose data differed from what we sent
  std::uint64_t error_count = 0;
  // Every reply and error, when keep_records is set (JSON output needs them; text output
  // prints each as it comes, so a ping running for days keeps no growing list).
  bool keep_records = true;
  std::vector<PingReplyRecord> replies;
  std::vector<PingErrorRecord> errors;
  RttAccumulator rtt_samples;  // unique replies only: duplicates would count a probe twice

  // Set by finalize(); empty when no reply was received.
  std::optional<RttStatistics> rtt;
  double packet_loss_percent = 0.0;

  // Counts a reply (its RTT unless a duplicate) and keeps it when keep_records is set.
  void add_reply(const PingReplyRecord& reply);
  void add_error(const PingErrorRecord& error);
  // Computes rtt and packet_loss_percent. Call once, when the run ends.
  void finalize();
};

// ping(8)'s exit status: 0 when replies arrived (with -c and -w: at least COUNT of them),
// 1 when not.
int exit_status(const PingReport& report);

}  // namespace netdiag
