// The nd-arp engine: when each ARP packet goes out, which packets seen on the link count, and
// when the run ends. Pure logic, no sockets, no clocks of its own: io/arp_socket sends behind
// the ArpTransport seam and hands over every ARP frame it sees; unit tests use a fake.
//
// ping, dad, announce (one address):
//   - a packet at start (after a random wait up to `first_wait_max`), then one every
//     `interval` (with `interval_max` > `interval`: a random gap between the two, RFC 5227's
//     PROBE_MIN..PROBE_MAX);
//   - ping: requests to the broadcast MAC until the first reply, then to the MAC that replied
//     (unless `broadcast_only`); dad: ARP probes (sender 0.0.0.0); announce: gratuitous
//     requests or replies (sender = target = the address);
//   - ends `linger` after the last of `count` packets; with a deadline and a count (ping), as
//     soon as `count` replies came; with `finish_on_reply`, at the first reply; dad, at the
//     first claim; always at the deadline or interrupt().
// scan (many addresses):
//   - one request every `interval` (arp-scan's --interval), fresh addresses in order, retries
//     of silent ones first; a try waits `scan_wait`, each retry `backoff` times longer; an
//     address gets 1 + `retries` tries;
//   - ends when no address waits for an answer any more, at least kScanSettle after the last
//     request (a second MAC answering for an address arrives right after the first).
// Replies are paired with the requests on the wire for their address, ours and those other
// sockets of this host sent, in the order the kernel stamped them leaving (ours are known by the
// trailer in their padding), oldest first, each request answered at most once per MAC: so two
// runs at once never count each other's replies. Of our own requests only the latest one sent
// before a reply may take it (a reply is timed from it, as arping does): one lost reply does not
// shift every later one by an interval.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/model/arp_report.hpp"
#include "netdiag/probe/arp_match.hpp"
#include "netdiag/wire/ethernet.hpp"

namespace netdiag {

struct ArpConfig {
  ArpMode mode = ArpMode::ping;
  std::optional<std::uint64_t> count;             // -c: packets; with -w in ping mode, replies
  Duration interval = std::chrono::seconds(1);    // -i (scan: between two requests)
  Duration interval_max{};                        // > interval: random gaps (dad's RFC 5227 timing)
  Duration first_wait_max{};                      // random wait before the first packet
  Duration linger = std::chrono::seconds(1);      // after the last packet
  std::optional<Duration> deadline;               // -w
  bool broadcast_only = false;                    // -b
  bool finish_on_reply = false;                   // -f
  bool announce_with_reply = false;               // -A (else -U: requests)
  Duration scan_wait = std::chrono::milliseconds(500);  // -W: a scan try's wait
  unsigned retries = 1;                           // --retries: more tries for a silent address
  double backoff = 1.5;                           // each retry waits this much longer
  std::uint64_t random_seed = 0;  // also this run's id in every frame's trailer
};

// RFC 5227 section 1.1 constants: PROBE_WAIT 1 s, PROBE_NUM 3, PROBE_MIN 1 s, PROBE_MAX 2 s,
// ANNOUNCE_WAIT 2 s. --fast: no first wait, probes 100 ms apart, 500 ms after the last.
void apply_dad_timing(ArpConfig& config, bool fast);

inline constexpr Duration kScanSettle = std::chrono::milliseconds(100);
// Requests of this host still waiting for their replies are forgotten after this long, and at
// most kMaxPendingPerAddress are remembered per address (another process may flood). Another
// program's request takes replies for kForeignReplyWindow: its lost reply must not swallow ours
// for longer.
inline constexpr Duration kPendingLifetime = std::chrono::seconds(5);
inline constexpr Duration kForeignReplyWindow = std::chrono::seconds(1);
inline constexpr std::size_t kMaxPendingPerAddress = 1024;
// A host answering for one address with ever new MACs (a forger) is heard out to this many.
inline constexpr std::size_t kMaxMacsPerAddress = 64;

// One ARP packet to send, Ethernet header included.
struct ArpFrameSpec {
  wire::MacAddress ethernet_destination{};
  std::uint16_t operation = 1;
  wire::MacAddress sender_mac{};
  IpAddress sender_ip;
  wire::MacAddress target_mac{};
  IpAddress target_ip;
  wire::ArpTrailer trailer;  // in the padding: this run and the request's number
};

class ArpTransport {
 public:
  virtual ~ArpTransport() = default;
  // Sends one frame; returns the instant just before it left (read in user space: the kernel's
  // stamp of the frame comes later, when the socket sees it leave), or errno.
  virtual std::expected<WallTime, int> send(const ArpFrameSpec& frame) = 0;
};

struct ArpObserver {
  std::function<void(const ArpAnswer&)> on_answer;
  std::function<void()> on_sent;  // after each packet sent (scan progress)
};

class ArpEngine {
 public:
  // `report` comes with its mode, interface, source and targets set.
  ArpEngine(ArpConfig config, ArpTransport& transport, ArpReport& report, ArpObserver observer);

  void start(MonoTime now, WallTime wall_now);
  void on_timer(MonoTime now);
  void on_reply(const ArpPacket& packet, MonoTime now);
  void interrupt(MonoTime now);

  MonoTime next_deadline() const;
  bool done() const { return done_; }

 private:
  // A request on the wire for one address, waiting for its replies.
  struct Pending {
    WallTime sent_at{};
    std::uint64_t request = 0;  // ours: 1-based; 0: another socket's
    bool broadcast = true;
    wire::MacAddress destination{};
    std::vector<wire::MacAddress> answered_by;
  };
  struct AddressState {
    std::vector<Pending> pending;  // in wire order; short (see remember())
    unsigned tries = 0;
    bool awaiting = false;   // scan: a try is waiting for its answer
    bool answered = false;
  };

  bool guarding() const { return config_.mode == ArpMode::dad || config_.mode == ArpMode::announce; }
  std::optional<std::size_t> target_index(const IpAddress& address) const;
  ArpFrameSpec frame_for(std::size_t target) const;
  void send(std::size_t target, MonoTime now);
  void remember(std::size_t target, Pending pending);
  void restamp(std::size_t target, const ArpPacket& packet);
  void answer(std::size_t target, const ArpPacket& packet, MonoTime now);
  void claim(std::size_t target, const ArpPacket& packet, MonoTime now);
  bool too_many_macs(std::size_t target, const wire::MacAddress& mac) const;
  Duration next_gap();
  void single_on_timer(MonoTime now);
  void scan_on_timer(MonoTime now);
  void check_finished(MonoTime now);
  void finish(MonoTime now);

  ArpConfig config_;
  ArpTransport& transport_;
  ArpReport& report_;
  ArpObserver observer_;
  ArpIdentity us_;
  std::mt19937_64 random_;
  std::map<IpAddress, std::size_t> index_of_;
  std::vector<AddressState> states_;

  MonoTime started_{};
  MonoTime next_send_{};
  MonoTime last_send_{};
  bool sent_any_ = false;
  std::optional<wire::MacAddress> unicast_to_;  // ping: the MAC that answered first
  // scan
  std::size_t next_fresh_ = 0;
  std::deque<std::size_t> retry_queue_;
  std::multimap<MonoTime, std::size_t> expiries_;
  std::size_t awaiting_ = 0;
  bool done_ = false;
};

}  // namespace netdiag
