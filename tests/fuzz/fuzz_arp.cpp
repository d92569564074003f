// libFuzzer target: nd-arp's frame decoding and reply matching (probe/arp_match.hpp) and the
// engine that decides what counts (probe/arp_engine.hpp), driven by a fake link and a fake clock.
//
// The first input byte is a selector:
//   bits 0-2  how the rest, taken as one Ethernet frame, reached the packet socket (part A):
//             ArpDelivery, value mod 5 (to_us, broadcast, multicast, other_host, outgoing)
//   bit 3     the guarding engine announces (-U/-A); else it is a dad run (-D)
//   bit 4     dad: RFC 5227 timing (else --fast); announce: gratuitous replies (-A, else -U)
//   bit 5     the ping engine broadcasts only (-b)
//   bit 6     the ping engine has a deadline (-w 5), so its -c 3 counts replies
//   bit 7     after the last frame every engine runs to its own end; else it is interrupted
// The whole byte is also the engines' random_seed (and so the run id in their frames' trailers).
//
// Part A: the rest as one frame goes through decode_arp_frame, and what decodes through
// classify_arp, guarding and not, for a fixed identity, for the frame's own target (so a reply
// can be an answer) and for its own sender (so an outgoing request can be a sibling's).
//
// Part B: the rest, cut into at most 80 records, is what a ping engine (-c 3 -i 1), a scan engine
// (four addresses of 198.18.5.0/24, -i 0.002) and a dad or announce engine see. A record is
//   [length] [step] [flags] then `length` frame bytes (fewer at the end of the input):
//   step      the clock moves on step * step * 50 us (0 .. 3.25 s) before the frame arrives
//   flags     bits 0-2 the frame's delivery (as above); bit 3 a late wakeup: the clock jumps and
//             on_timer() runs once, instead of at each timer due on the way; bit 4 the engine's
//             next send fails (ENOBUFS); bits 5-7 the kernel stamp lags the clock by 0 .. 6 s
// Every record's frame also goes through part A with its own delivery.
#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "../support/fake_clock.hpp"
#include "fuzz_support.hpp"
#include "netdiag/model/arp_report.hpp"
#include "netdiag/probe/arp_engine.hpp"
#include "netdiag/probe/arp_match.hpp"
#include "netdiag/wire/arp.hpp"
#include "netdiag/wire/ethernet.hpp"

using namespace netdiag;
using namespace std::chrono_literals;
using netdiag::fuzz::sum_of;
using wire::MacAddress;

namespace {

constexpr std::size_t kMaxRecords = 80;
constexpr std::size_t kRecordHeader = 3;
// Timer wakeups allowed when a run is left to end by itself (the longest, dad with RFC 5227
// timing, needs a handful).
constexpr int kMaxWakeupsToEnd = 1000;
constexpr std::uint64_t kPingCount = 3;
constexpr Duration kPingDeadline = 5s;
constexpr std::uint64_t kGuardCount = 3;

IpAddress ip(const char* text) { return *IpAddress::parse(text); }
MacAddress mac(const char* text) { return *wire::parse_mac(text); }

// Who the engines are on the link, and what they ask about.
const MacAddress& our_mac() {
  static const MacAddress value = mac("02:00:c6:12:05:01");
  return value;
}
const IpAddress& our_ip() {
  static const IpAddress value = ip("198.18.5.1");
  return value;
}
const IpAddress& single_target() {
  static const IpAddress value = ip("198.18.5.11");
  return value;
}
const std::vector<IpAddress>& scan_targets() {
  static const std::vector<IpAddress> value{ip("198.18.5.10"), ip("198.18.5.11"), ip("198.18.5.12"),
                                            ip("198.18.5.13")};
  return value;
}

ArpDelivery delivery_of(unsigned bits) {
  static constexpr std::array<ArpDelivery, 5> deliveries{ArpDelivery::to_us, ArpDelivery::broadcast,
                                                         ArpDelivery::multicast, ArpDelivery::other_host,
                                                         ArpDelivery::outgoing};
  return deliveries[(bits & 7U) % deliveries.size()];
}

// ---------------------------------------------------------------------------------------------
// Part A: decode_arp_frame and classify_arp.

void check_meaning(const ArpPacket& packet, const ArpIdentity& us, bool guarding) {
  const ArpMeaning meaning = classify_arp(packet, us, guarding);
  const bool request = packet.operation == wire::arp_operation::request;
  const bool reply = packet.operation == wire::arp_operation::reply;
  const bool outgoing = packet.delivery == ArpDelivery::outgoing;
  const bool other_host = packet.delivery == ArpDelivery::other_host;
  const bool inbound = !outgoing && !other_host;
  switch (meaning.role) {
    case ArpRole::answer:
      NETDIAG_FUZZ_CHECK(!guarding && reply && inbound);
      NETDIAG_FUZZ_CHECK(packet.target_ip == us.address && packet.target_mac == us.mac);
      NETDIAG_FUZZ_CHECK(meaning.address == packet.sender_ip);
      break;
    case ArpRole::sibling_request:
      NETDIAG_FUZZ_CHECK(!guarding && outgoing && request);
      NETDIAG_FUZZ_CHECK(packet.sender_mac == us.mac && packet.sender_ip == us.address);
      NETDIAG_FUZZ_CHECK(meaning.address == packet.target_ip);
      break;
    case ArpRole::claim:
      NETDIAG_FUZZ_CHECK(guarding && inbound && (request || reply) && packet.sender_mac != us.mac);
      NETDIAG_FUZZ_CHECK(!packet.sender_ip.is_unspecified() && meaning.address == packet.sender_ip);
      break;
    case ArpRole::probe:
      NETDIAG_FUZZ_CHECK(guarding && inbound && request && packet.sender_mac != us.mac);
      NETDIAG_FUZZ_CHECK(packet.sender_ip.is_unspecified() && meaning.address == packet.target_ip);
      break;
    case ArpRole::unrelated: break;
  }
  // And the converse: what the rules say counts is not dropped.
  if (!guarding && inbound && reply && packet.target_ip == us.address && packet.target_mac == us.mac)
    NETDIAG_FUZZ_CHECK(meaning.role == ArpRole::answer);
  if (!guarding && outgoing && request && packet.sender_mac == us.mac && packet.sender_ip == us.address)
    NETDIAG_FUZZ_CHECK(meaning.role == ArpRole::sibling_request);
  if (guarding && inbound && (request || reply) && packet.sender_mac != us.mac) {
    if (!packet.sender_ip.is_unspecified()) NETDIAG_FUZZ_CHECK(meaning.role == ArpRole::claim);
    if (packet.sender_ip.is_unspecified() && request) NETDIAG_FUZZ_CHECK(meaning.role == ArpRole::probe);
  }
  // Guarding and not have disjoint roles.
  if (guarding) NETDIAG_FUZZ_CHECK(meaning.role != ArpRole::answer && meaning.role != ArpRole::sibling_request);
  if (!guarding) NETDIAG_FUZZ_CHECK(meaning.role != ArpRole::claim && meaning.role != ArpRole::probe);
}

unsigned check_frame(std::span<const std::byte> frame, ArpDelivery delivery, WallTime at) {
  const auto packet = decode_arp_frame(frame, delivery, at);
  const auto ethernet = wire::EthernetView::parse(frame);
  const bool is_arp = ethernet && ethernet->ethertype() == wire::ethertype::arp;
  const auto arp = is_arp ? std::optional(wire::ArpView::parse(ethernet->payload())) : std::nullopt;
  // Decoded exactly when both layers parse.
  NETDIAG_FUZZ_CHECK(packet.has_value() == (arp && arp->has_value()));
  if (!packet) return 0;
  const wire::ArpView& view = **arp;
  NETDIAG_FUZZ_CHECK(packet->received_at == at && packet->delivery == delivery);
  NETDIAG_FUZZ_CHECK(packet->ethernet_source == ethernet->source() &&
                     packet->ethernet_destination == ethernet->destination());
  NETDIAG_FUZZ_CHECK(packet->operation == view.operation());
  NETDIAG_FUZZ_CHECK(packet->sender_mac == view.sender_mac() && packet->sender_ip == view.sender_ip());
  NETDIAG_FUZZ_CHECK(packet->target_mac == view.target_mac() && packet->target_ip == view.target_ip());
  NETDIAG_FUZZ_CHECK(packet->sender_ip.family() == Family::ipv4 && packet->target_ip.family() == Family::ipv4);

  const std::array<ArpIdentity, 3> identities{ArpIdentity{our_mac(), our_ip()},
                                              ArpIdentity{packet->target_mac, packet->target_ip},
                                              ArpIdentity{packet->sender_mac, packet->sender_ip}};
  for (const ArpIdentity& us : identities) {
    check_meaning(*packet, us, false);
    check_meaning(*packet, us, true);
  }
  return sum_of(packet->operation, packet->delivery);
}

// ---------------------------------------------------------------------------------------------
// Part B: the engines.

struct Record {
  std::span<const std::byte> frame;
  Duration step{};
  ArpDelivery delivery = ArpDelivery::to_us;
  bool late = false;
  bool fail_send = false;
  Duration stamp_lag{};
};

std::vector<Record> cut_records(std::span<const std::byte> input) {
  static constexpr std::array<Duration, 8> lags{0us, 100us, 1ms, 3ms, 10ms, 300ms, 1200ms, 6s};
  std::vector<Record> records;
  while (input.size() >= kRecordHeader && records.size() < kMaxRecords) {
    const auto length = std::to_integer<std::size_t>(input[0]);
    const auto step = std::to_integer<std::int64_t>(input[1]);
    const auto flags = std::to_integer<unsigned>(input[2]);
    input = input.subspan(kRecordHeader);
    Record record;
    record.frame = input.first(std::min(length, input.size()));
    input = input.subspan(record.frame.size());
    record.step = step * step * Duration(50us);
    record.delivery = delivery_of(flags);
    record.late = (flags & 8U) != 0;
    record.fail_send = (flags & 16U) != 0;
    record.stamp_lag = lags[flags >> 5];
    records.push_back(record);
  }
  return records;
}

using netdiag::test::FakeClock;

enum class EngineKind : std::uint8_t { ping, scan, guard };

struct Options {
  bool announce = false;
  bool slow_dad_or_reply = false;
  bool broadcast_only = false;
  bool ping_deadline = false;
  bool run_to_end = false;
  std::uint64_t seed = 0;
};

// One engine, its link, its clock and everything it reported, checked as it goes.
class Run final : public ArpTransport {
 public:
  Run(EngineKind kind, const Options& options) : kind_(kind), options_(options) {
    ArpConfig config;
    config.random_seed = options.seed;
    report_.interface = {"c0", 2, our_mac(), our_ip(), 24};
    report_.source = our_ip();
    report_.targets = {single_target()};
    switch (kind) {
      case EngineKind::ping:
        config.mode = ArpMode::ping;
        config.count = kPingCount;
        config.interval = 1s;
        config.linger = 1s;
        config.broadcast_only = options.broadcast_only;
        if (options.ping_deadline) config.deadline = kPingDeadline;
        break;
      case EngineKind::scan:
        config.mode = ArpMode::scan;
        config.interval = 2ms;
        config.scan_wait = 100ms;
        config.retries = 1;
        config.backoff = 1.5;
        report_.targets = scan_targets();
        break;
      case EngineKind::guard:
        if (options.announce) {
          config.mode = ArpMode::announce;
          config.count = kGuardCount;
          config.interval = 1s;
          config.linger = Duration::zero();
          config.announce_with_reply = options.slow_dad_or_reply;
          report_.source = single_target();  // gratuitous: sender = target
        } else {
          config.mode = ArpMode::dad;
          apply_dad_timing(config, !options.slow_dad_or_reply);
          config.finish_on_reply = true;
          report_.source = IpAddress::v4({});  // an ARP probe
        }
        break;
    }
    report_.mode = config.mode;
    config_ = config;
    ArpObserver observer;
    observer.on_answer = [this](const ArpAnswer& answer) { check_answer(answer); };
    observer.on_sent = [this] { ++on_sent_calls_; };
    engine_.emplace(config, *this, report_, std::move(observer));
  }

  void start() {
    engine_->start(clock_.mono(), clock_.wall());  // its first wakeup
    last_due_wakeup_ = clock_.mono();
    same_instant_wakeups_ = 1;
    after_timer(clock_.mono());
  }

  void feed(const Record& record) {
    if (record.late) {
      clock_.advance(record.step);
      fire(clock_.mono());
    } else {
      fire_due(clock_.mono() + record.step);
    }
    fail_next_ = record.fail_send;
    const auto packet = decode_arp_frame(record.frame, record.delivery, clock_.wall() - record.stamp_lag);
    if (!packet) return;
    if (packet->delivery == ArpDelivery::outgoing) outgoing_stamps_.push_back(packet->received_at);
    current_ = &*packet;
    engine_->on_reply(*packet, clock_.mono());
    current_ = nullptr;
    same_instant_wakeups_ = 0;  // a packet may make a timer due at once
    if (!engine_->done()) NETDIAG_FUZZ_CHECK(engine_->next_deadline() != MonoTime::max());
  }

  void end() {
    if (options_.run_to_end) {
      const MonoTime limit = clock_.mono() + 1h;
      for (int wakeups = 0; !engine_->done() && wakeups < kMaxWakeupsToEnd; ++wakeups) {
        NETDIAG_FUZZ_CHECK(engine_->next_deadline() <= limit);
        fire_due(engine_->next_deadline());
      }
      NETDIAG_FUZZ_CHECK(engine_->done());
      check_natural_end();
    } else {
      const bool was_done = engine_->done();
      engine_->interrupt(clock_.mono());
      NETDIAG_FUZZ_CHECK(engine_->done() && report_.interrupted == !was_done);
    }
    NETDIAG_FUZZ_CHECK(engine_->next_deadline() == MonoTime::max());
    check_report();
  }

  std::expected<WallTime, int> send(const ArpFrameSpec& frame) override {
    check_sent_frame(frame);
    const bool failed = std::exchange(fail_next_, false);
    sends_.push_back({frame, clock_.mono(), clock_.wall(), !failed});
    if (failed) return std::unexpected(ENOBUFS);
    return clock_.wall();
  }

  unsigned digest() const {
    return sum_of(report_.requests_sent, report_.answers_received, report_.conflicts.size(), sends_.size());
  }

 private:
  struct Sent {
    ArpFrameSpec frame;
    MonoTime at{};
    WallTime wall{};
    bool ok = false;
  };

  bool guarding() const { return kind_ == EngineKind::guard; }

  // One timer wakeup at `now` (the clock is there): due, or a late one's.
  void fire(MonoTime now) {
    if (engine_->done()) return;
    if (engine_->next_deadline() <= now) {
      if (now == last_due_wakeup_) {
        // A due timer that leaves itself due would spin the event loop. Once is allowed: after a
        // late wakeup the engine sends one catch-up packet at once.
        NETDIAG_FUZZ_CHECK(++same_instant_wakeups_ <= 2);
      } else {
        last_due_wakeup_ = now;
        same_instant_wakeups_ = 1;
      }
    }
    engine_->on_timer(now);
    after_timer(now);
  }

  void after_timer(MonoTime now) {
    if (engine_->done()) return;
    // Never a deadline in the past, and never none at all: the run always ends.
    NETDIAG_FUZZ_CHECK(engine_->next_deadline() >= now);
    NETDIAG_FUZZ_CHECK(engine_->next_deadline() != MonoTime::max());
  }

  // Every timer due up to `until`, on time; then the clock is at `until`.
  void fire_due(MonoTime until) {
    while (!engine_->done() && engine_->next_deadline() <= until) {
      const MonoTime at = std::max(engine_->next_deadline(), clock_.mono());
      clock_.advance(at - clock_.mono());
      fire(at);
    }
    if (clock_.mono() < until) clock_.advance(until - clock_.mono());
  }

  void check_sent_frame(const ArpFrameSpec& frame) {
    NETDIAG_FUZZ_CHECK(!engine_->done());
    NETDIAG_FUZZ_CHECK(frame.sender_mac == our_mac() && frame.sender_ip == report_.source);
    NETDIAG_FUZZ_CHECK(std::find(report_.targets.begin(), report_.targets.end(), frame.target_ip) !=
                       report_.targets.end());
    const bool announce_reply = guarding() && options_.announce && options_.slow_dad_or_reply;
    NETDIAG_FUZZ_CHECK(frame.operation == (announce_reply ? wire::arp_operation::reply : wire::arp_operation::request));
    NETDIAG_FUZZ_CHECK(frame.target_mac == (announce_reply ? our_mac() : MacAddress{}));
    if (kind_ == EngineKind::ping && first_answer_mac_ && !options_.broadcast_only) {
      // Unicast to the MAC that answered first.
      NETDIAG_FUZZ_CHECK(frame.ethernet_destination == *first_answer_mac_);
    } else {
      NETDIAG_FUZZ_CHECK(frame.ethernet_destination == wire::broadcast_mac);
    }
  }

  void check_answer(const ArpAnswer& answer) {
    NETDIAG_FUZZ_CHECK(current_ != nullptr);  // only a packet makes an answer
    const ArpPacket& packet = *current_;
    seen_.push_back(answer);
    NETDIAG_FUZZ_CHECK(answer.target < report_.targets.size());
    NETDIAG_FUZZ_CHECK(answer.mac == packet.sender_mac && answer.operation == packet.operation);
    NETDIAG_FUZZ_CHECK(answer.received_at == packet.received_at);
    NETDIAG_FUZZ_CHECK(answer.to_broadcast == (packet.delivery != ArpDelivery::to_us));
    NETDIAG_FUZZ_CHECK(answer.macs_for_address >= 1);
    NETDIAG_FUZZ_CHECK(answer.macs_for_address == report_.hosts.at(answer.target).macs.size());
    NETDIAG_FUZZ_CHECK(answer.request <= report_.requests_sent);
    NETDIAG_FUZZ_CHECK(!answer.rtt || *answer.rtt >= Duration::zero());
    NETDIAG_FUZZ_CHECK(report_.answers_received == seen_.size());
    if (answer.request != 0) {
      // The request it answers: ours, numbered in the order they left.
      const Sent* request = nullptr;
      std::uint64_t number = 0;
      for (const Sent& sent : sends_) {
        if (sent.ok && ++number == answer.request) request = &sent;
      }
      NETDIAG_FUZZ_CHECK(request != nullptr);
      NETDIAG_FUZZ_CHECK(answer.request_broadcast == (request->frame.ethernet_destination == wire::broadcast_mac));
      NETDIAG_FUZZ_CHECK(request->frame.target_ip == report_.targets[answer.target]);
      // Timed from when it left: the stamp taken before sending it, or the kernel's stamp of an
      // outgoing frame the engine took for it (never negative).
      NETDIAG_FUZZ_CHECK(answer.rtt.has_value());
      const auto timed_from = [&](WallTime sent) {
        return *answer.rtt == std::max(Duration::zero(), packet.received_at - sent) &&
               (!guarding() || sent <= packet.received_at);
      };
      NETDIAG_FUZZ_CHECK(timed_from(request->wall) ||
                         std::any_of(outgoing_stamps_.begin(), outgoing_stamps_.end(), timed_from));
    }
    if (guarding()) {
      // Another MAC claiming or probing for the address; timed only as a reply to us.
      NETDIAG_FUZZ_CHECK(answer.mac != our_mac());
      NETDIAG_FUZZ_CHECK(answer.probe == packet.sender_ip.is_unspecified());
      NETDIAG_FUZZ_CHECK((answer.probe ? packet.target_ip : packet.sender_ip) == single_target());
      if (answer.probe) NETDIAG_FUZZ_CHECK(answer.operation == wire::arp_operation::request);
      if (answer.request != 0)
        NETDIAG_FUZZ_CHECK(answer.operation == wire::arp_operation::reply && packet.target_mac == our_mac());
      NETDIAG_FUZZ_CHECK(answer.rtt.has_value() == (answer.request != 0));
    } else {
      // A reply to one of our requests, about its target, each request counted once per MAC.
      NETDIAG_FUZZ_CHECK(answer.request >= 1 && answer.operation == wire::arp_operation::reply);
      NETDIAG_FUZZ_CHECK(packet.sender_ip == report_.targets[answer.target]);
      NETDIAG_FUZZ_CHECK(packet.target_ip == report_.source && packet.target_mac == our_mac());
      NETDIAG_FUZZ_CHECK(!answer.probe);
      NETDIAG_FUZZ_CHECK(answered_.emplace(answer.request, answer.mac).second);
      if (kind_ == EngineKind::ping && !first_answer_mac_) first_answer_mac_ = answer.mac;
    }
  }

  void check_natural_end() {
    const std::uint64_t tried = report_.requests_sent + report_.send_errors;
    switch (kind_) {
      case EngineKind::ping:
        // Without -w the run ends after its last request; with -w, at the deadline or -c replies.
        if (!options_.ping_deadline) NETDIAG_FUZZ_CHECK(tried == kPingCount);
        if (options_.ping_deadline && report_.elapsed < kPingDeadline)
          NETDIAG_FUZZ_CHECK(report_.answers_received >= kPingCount);
        break;
      case EngineKind::guard:
        NETDIAG_FUZZ_CHECK(tried == kGuardCount || (!options_.announce && report_.answers_received == 1));
        break;
      case EngineKind::scan:
        // Every address is asked; one that never answered, 1 + retries times.
        for (std::size_t target = 0; target < report_.targets.size(); ++target) {
          const auto tries = std::count_if(sends_.begin(), sends_.end(), [&](const Sent& sent) {
            return sent.frame.target_ip == report_.targets[target];
          });
          NETDIAG_FUZZ_CHECK(tries >= 1);
          if (!report_.hosts.contains(target)) NETDIAG_FUZZ_CHECK(tries == 2);
        }
        break;
    }
  }

  void check_report() {
    // What the link saw is what the report counts.
    const auto ok = std::count_if(sends_.begin(), sends_.end(), [](const Sent& sent) { return sent.ok; });
    const auto broadcasts = std::count_if(sends_.begin(), sends_.end(), [](const Sent& sent) {
      return sent.ok && sent.frame.ethernet_destination == wire::broadcast_mac;
    });
    NETDIAG_FUZZ_CHECK(report_.requests_sent == static_cast<std::uint64_t>(ok));
    NETDIAG_FUZZ_CHECK(report_.send_errors == sends_.size() - report_.requests_sent);
    NETDIAG_FUZZ_CHECK(report_.broadcasts_sent == static_cast<std::uint64_t>(broadcasts));
    NETDIAG_FUZZ_CHECK(on_sent_calls_ == sends_.size());
    if (report_.send_errors > 0) NETDIAG_FUZZ_CHECK(report_.last_send_errno == ENOBUFS);

    // How many went out: -c in ping mode (with -w, at most one a second until the deadline).
    const std::uint64_t tried = sends_.size();
    switch (kind_) {
      case EngineKind::ping:
        NETDIAG_FUZZ_CHECK(tried <= (options_.ping_deadline ? static_cast<std::uint64_t>(kPingDeadline / 1s)
                                                            : kPingCount));
        break;
      case EngineKind::guard: NETDIAG_FUZZ_CHECK(tried <= kGuardCount); break;
      case EngineKind::scan:
        for (const IpAddress& target : report_.targets) {
          NETDIAG_FUZZ_CHECK(std::count_if(sends_.begin(), sends_.end(), [&](const Sent& sent) {
                               return sent.frame.target_ip == target;
                             }) <= 1 + static_cast<long>(config_.retries));
        }
        break;
    }
    // Paced: never three packets within one interval (one catch-up after a late wakeup, no burst).
    for (std::size_t i = 2; i < sends_.size(); ++i)
      NETDIAG_FUZZ_CHECK(sends_[i].at - sends_[i - 2].at >= config_.interval);

    // The answers: each one the observer saw, counted once.
    NETDIAG_FUZZ_CHECK(report_.answers_received == seen_.size() && report_.answers.size() == seen_.size());
    std::uint64_t to_broadcast = 0;
    std::uint64_t requests = 0;
    std::optional<Duration> min_rtt;
    std::optional<Duration> max_rtt;
    std::map<std::size_t, unsigned> most_macs;
    for (std::size_t i = 0; i < seen_.size(); ++i) {
      const ArpAnswer& answer = seen_[i];
      NETDIAG_FUZZ_CHECK(report_.answers[i].mac == answer.mac && report_.answers[i].request == answer.request);
      to_broadcast += answer.to_broadcast ? 1 : 0;
      requests += answer.operation == wire::arp_operation::request ? 1 : 0;
      if (answer.rtt) {
        min_rtt = std::min(min_rtt.value_or(*answer.rtt), *answer.rtt);
        max_rtt = std::max(max_rtt.value_or(*answer.rtt), *answer.rtt);
      }
      most_macs[answer.target] = std::max(most_macs[answer.target], answer.macs_for_address);
    }
    NETDIAG_FUZZ_CHECK(report_.broadcast_answers == to_broadcast && report_.request_answers == requests);
    if (kind_ == EngineKind::guard && !options_.announce) NETDIAG_FUZZ_CHECK(seen_.size() <= 1);  // dad ends at once
    if (kind_ == EngineKind::ping && options_.ping_deadline) NETDIAG_FUZZ_CHECK(seen_.size() <= kPingCount);

    NETDIAG_FUZZ_CHECK(report_.rtt.has_value() == min_rtt.has_value());
    if (report_.rtt) {
      NETDIAG_FUZZ_CHECK(report_.rtt->min == *min_rtt && report_.rtt->max == *max_rtt);
      NETDIAG_FUZZ_CHECK(report_.rtt->min <= report_.rtt->avg && report_.rtt->avg <= report_.rtt->max);
      NETDIAG_FUZZ_CHECK(report_.rtt->stddev >= Duration::zero());
    }

    // Hosts: the addresses that answered, each MAC once, the answers summed.
    std::uint64_t host_answers = 0;
    std::map<MacAddress, std::vector<IpAddress>> addresses_of;
    std::size_t duplicates = 0;
    NETDIAG_FUZZ_CHECK(report_.hosts.size() == most_macs.size());
    // (No structured bindings: clang 14 cannot capture them in the lambdas below.)
    for (const auto& entry : report_.hosts) {
      const std::size_t target = entry.first;
      const ArpHost& host = entry.second;
      NETDIAG_FUZZ_CHECK(target < report_.targets.size() && !host.macs.empty());
      NETDIAG_FUZZ_CHECK(host.macs.size() == most_macs[target]);
      std::set<MacAddress> distinct;
      for (const ArpHostMac& host_mac : host.macs) {
        NETDIAG_FUZZ_CHECK(distinct.insert(host_mac.mac).second && host_mac.answers >= 1);
        host_answers += host_mac.answers;
        addresses_of[host_mac.mac].push_back(report_.targets[target]);
      }
      if (host.macs.size() > 1) {
        // Exactly one duplicate_address conflict, naming this address and its MACs in order.
        ++duplicates;
        const auto found = std::count_if(report_.conflicts.begin(), report_.conflicts.end(), [&](const ArpConflict& c) {
          if (c.kind != ArpConflict::Kind::duplicate_address || c.addresses.size() != 1 ||
              c.addresses[0] != report_.targets[target] || c.macs.size() != host.macs.size())
            return false;
          for (std::size_t i = 0; i < c.macs.size(); ++i) {
            if (c.macs[i] != host.macs[i].mac) return false;
          }
          return true;
        });
        NETDIAG_FUZZ_CHECK(found == 1);
      }
    }
    NETDIAG_FUZZ_CHECK(host_answers == report_.answers_received);
    // One several_addresses conflict per MAC answering for more than one address.
    std::size_t several = 0;
    for (auto& entry : addresses_of) {
      const MacAddress& host_mac = entry.first;
      std::vector<IpAddress>& addresses = entry.second;
      if (addresses.size() < 2) continue;
      ++several;
      std::sort(addresses.begin(), addresses.end());
      const auto found = std::count_if(report_.conflicts.begin(), report_.conflicts.end(), [&](const ArpConflict& c) {
        return c.kind == ArpConflict::Kind::several_addresses && c.macs.size() == 1 && c.macs[0] == host_mac &&
               c.addresses == addresses;
      });
      NETDIAG_FUZZ_CHECK(found == 1);
    }
    if (kind_ != EngineKind::scan) NETDIAG_FUZZ_CHECK(several == 0);
    NETDIAG_FUZZ_CHECK(report_.conflicts.size() == duplicates + several);

    NETDIAG_FUZZ_CHECK(report_.elapsed >= Duration::zero() && report_.elapsed <= clock_.mono() - MonoTime{});
    NETDIAG_FUZZ_CHECK(report_.count == config_.count && report_.deadline_given == config_.deadline.has_value());
    const int status = exit_status(report_);
    NETDIAG_FUZZ_CHECK(status == 0 || status == 1);
  }

  EngineKind kind_;
  Options options_;
  ArpConfig config_;
  FakeClock clock_;
  ArpReport report_;
  std::optional<ArpEngine> engine_;
  std::vector<Sent> sends_;
  bool fail_next_ = false;
  std::size_t on_sent_calls_ = 0;
  const ArpPacket* current_ = nullptr;
  std::vector<ArpAnswer> seen_;
  std::vector<WallTime> outgoing_stamps_;
  std::set<std::pair<std::uint64_t, MacAddress>> answered_;
  std::optional<MacAddress> first_answer_mac_;
  MonoTime last_due_wakeup_ = MonoTime::min();
  int same_instant_wakeups_ = 0;
};

unsigned run_engine(EngineKind kind, const Options& options, const std::vector<Record>& records) {
  Run run(kind, options);
  run.start();
  for (const Record& record : records) run.feed(record);
  run.end();
  return run.digest();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned selector = data[0];
  const auto input = std::as_bytes(std::span(data + 1, size - 1));
  const WallTime stamp{std::chrono::seconds(1'800'000'000)};
  unsigned sum = check_frame(input, delivery_of(selector), stamp);

  const std::vector<Record> records = cut_records(input);
  for (const Record& record : records) sum += check_frame(record.frame, record.delivery, stamp);

  Options options;
  options.announce = (selector & 8U) != 0;
  options.slow_dad_or_reply = (selector & 16U) != 0;
  options.broadcast_only = (selector & 32U) != 0;
  options.ping_deadline = (selector & 64U) != 0;
  options.run_to_end = (selector & 128U) != 0;
  options.seed = selector;
  sum += run_engine(EngineKind::ping, options, records);
  sum += run_engine(EngineKind::scan, options, records);
  sum += run_engine(EngineKind::guard, options, records);
  netdiag::fuzz::consume(sum);
  return 0;
}
