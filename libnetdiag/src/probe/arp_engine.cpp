#include "netdiag/probe/arp_engine.hpp"

#include <algorithm>
#include <cmath>

#include "netdiag/wire/arp.hpp"

namespace netdiag {

using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

// With -w in ping mode, -c counts replies, not requests: requests go on until the deadline.
bool count_limits_packets(const ArpConfig& config) {
  return config.count && !(config.mode == ArpMode::ping && config.deadline);
}

}  // namespace

void apply_dad_timing(ArpConfig& config, bool fast) {
  config.count = 3;  // PROBE_NUM
  if (fast) {
    config.first_wait_max = Duration::zero();
    config.interval = config.interval_max = milliseconds(100);
    config.linger = milliseconds(500);
  } else {
    config.first_wait_max = seconds(1);  // PROBE_WAIT
    config.interval = seconds(1);        // PROBE_MIN
    config.interval_max = seconds(2);    // PROBE_MAX
    config.linger = seconds(2);          // ANNOUNCE_WAIT
  }
}

ArpEngine::ArpEngine(ArpConfig config, ArpTransport& transport, ArpReport& report, ArpObserver observer)
    : config_(std::move(config)),
      transport_(transport),
      report_(report),
      observer_(std::move(observer)),
      us_{report.interface.mac, report.source},
      random_(config_.random_seed),
      states_(report.targets.size()) {
  for (std::size_t i = 0; i < report_.targets.size(); ++i) index_of_.emplace(report_.targets[i], i);
  report_.count = config_.count;
  report_.deadline_given = config_.deadline.has_value();
  report_.finish_on_reply = config_.finish_on_reply;
}

void ArpEngine::start(MonoTime now, WallTime wall_now) {
  started_ = now;
  report_.started_at = wall_now;
  next_send_ = now;
  if (config_.mode != ArpMode::scan && config_.first_wait_max > Duration::zero())
    next_send_ += std::uniform_int_distribution<Duration::rep>(0, config_.first_wait_max.count())(random_) * Duration(1);
  on_timer(now);
}

std::optional<std::size_t> ArpEngine::target_index(const IpAddress& address) const {
  const auto found = index_of_.find(address);
  if (found == index_of_.end()) return std::nullopt;
  return found->second;
}

Duration ArpEngine::next_gap() {
  if (config_.interval_max <= config_.interval) return config_.interval;
  return Duration(std::uniform_int_distribution<Duration::rep>(config_.interval.count(),
                                                                config_.interval_max.count())(random_));
}

ArpFrameSpec ArpEngine::frame_for(std::size_t target) const {
  ArpFrameSpec frame;
  frame.ethernet_destination = wire::broadcast_mac;
  frame.operation = wire::arp_operation::request;
  frame.sender_mac = us_.mac;
  frame.sender_ip = us_.address;
  frame.target_ip = report_.targets[target];
  frame.trailer = {config_.random_seed, report_.requests_sent + 1};
  if (config_.mode == ArpMode::ping && unicast_to_ && !config_.broadcast_only)
    frame.ethernet_destination = *unicast_to_;
  if (config_.mode == ArpMode::announce && config_.announce_with_reply) {
    // A gratuitous reply names us as its target too, as iputils arping -A does.
    frame.operation = wire::arp_operation::reply;
    frame.target_mac = us_.mac;
  }
  return frame;
}

void ArpEngine::remember(std::size_t target, Pending pending) {
  auto& queue = states_[target].pending;
  const auto stale = std::find_if(queue.begin(), queue.end(), [&](const Pending& queued) {
    return queued.sent_at + kPendingLifetime >= pending.sent_at;
  });
  queue.erase(queue.begin(), stale);
  if (queue.size() >= kMaxPendingPerAddress)
    queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(queue.size() - kMaxPendingPerAddress + 1));
  // In wire order: another socket's request may be read after one of ours that followed it.
  const auto later = std::find_if(queue.begin(), queue.end(),
                                  [&](const Pending& queued) { return queued.sent_at > pending.sent_at; });
  queue.insert(later, std::move(pending));
}

// Our own request seen leaving: the kernel's stamp replaces the one read before sendto(), and
// puts it in wire order with the requests of other programs.
void ArpEngine::restamp(std::size_t target, const ArpPacket& packet) {
  auto& queue = states_[target].pending;
  const auto own = std::find_if(queue.begin(), queue.end(),
                                [&](const Pending& queued) { return queued.request == packet.trailer->request; });
  if (own == queue.end()) return;
  own->sent_at = packet.received_at;
  std::stable_sort(queue.begin(), queue.end(), [](const Pending& a, const Pending& b) { return a.sent_at < b.sent_at; });
}

void ArpEngine::send(std::size_t target, MonoTime now) {
  const ArpFrameSpec frame = frame_for(target);
  const auto sent = transport_.send(frame);
  last_send_ = now;
  sent_any_ = true;
  if (!sent) {
    ++report_.send_errors;
    report_.last_send_errno = sent.error();
  } else {
    const bool broadcast = frame.ethernet_destination == wire::broadcast_mac;
    ++report_.requests_sent;
    if (broadcast) ++report_.broadcasts_sent;
    remember(target, {*sent, report_.requests_sent, broadcast, frame.ethernet_destination, {}});
  }
  if (observer_.on_sent) observer_.on_sent();
}

void ArpEngine::on_timer(MonoTime now) {
  if (done_) return;
  if (config_.deadline && now >= started_ + *config_.deadline) {
    finish(now);
    return;
  }
  if (config_.mode == ArpMode::scan) {
    scan_on_timer(now);
  } else {
    single_on_timer(now);
  }
  check_finished(now);
}

void ArpEngine::single_on_timer(MonoTime now) {
  const bool more = !count_limits_packets(config_) || report_.requests_sent + report_.send_errors < *config_.count;
  if (!more || now < next_send_) return;
  send(0, now);
  next_send_ += next_gap();
  if (next_send_ < now) next_send_ = now;
}

void ArpEngine::scan_on_timer(MonoTime now) {
  while (!expiries_.empty() && expiries_.begin()->first <= now) {
    const std::size_t target = expiries_.begin()->second;
    expiries_.erase(expiries_.begin());
    AddressState& state = states_[target];
    if (!state.awaiting) continue;
    state.awaiting = false;
    --awaiting_;
    if (state.tries <= config_.retries) retry_queue_.push_back(target);
  }
  if (now < next_send_) return;
  std::size_t target = 0;
  // An address that answered late, after it was queued for a retry, needs none.
  while (!retry_queue_.empty() && states_[retry_queue_.front()].answered) retry_queue_.pop_front();
  if (!retry_queue_.empty()) {
    target = retry_queue_.front();
    retry_queue_.pop_front();
  } else if (next_fresh_ < report_.targets.size()) {
    target = next_fresh_++;
  } else {
    return;
  }
  AddressState& state = states_[target];
  send(target, now);
  ++state.tries;
  state.awaiting = true;
  ++awaiting_;
  const double stretch = std::pow(config_.backoff, static_cast<double>(state.tries - 1));
  const auto wait = std::chrono::duration_cast<Duration>(config_.scan_wait * stretch);
  expiries_.emplace(now + wait, target);
  // At most one request per interval; after a late wakeup, one catch-up request and no burst.
  next_send_ = std::max(next_send_ + config_.interval, now);
}

void ArpEngine::on_reply(const ArpPacket& packet, MonoTime now) {
  if (done_) return;
  if (packet.delivery == ArpDelivery::outgoing && packet.trailer && packet.trailer->run == config_.random_seed) {
    if (const auto target = target_index(packet.target_ip)) restamp(*target, packet);
    return;
  }
  const ArpMeaning meaning = classify_arp(packet, us_, guarding());
  if (meaning.role == ArpRole::unrelated) return;
  const auto target = target_index(meaning.address);
  if (!target) return;
  if (meaning.role == ArpRole::sibling_request) {
    remember(*target, {packet.received_at, 0, packet.ethernet_destination == wire::broadcast_mac,
                       packet.ethernet_destination, {}});
    return;
  }
  if (meaning.role == ArpRole::answer) {
    answer(*target, packet, now);
  } else {
    claim(*target, packet, now);  // a claim or a probe
  }
  check_finished(now);
}

void ArpEngine::answer(std::size_t target, const ArpPacket& packet, MonoTime now) {
  AddressState& state = states_[target];
  // Of our requests only the latest one sent before the reply may take it: a reply is timed from
  // it, as arping does, and one lost reply does not shift every later one by an interval.
  const Pending* latest_own = nullptr;
  for (const auto& queued : state.pending)
    if (queued.request != 0 && queued.sent_at <= packet.received_at) latest_own = &queued;
  const auto answers = [&](const Pending& pending) {
    if (pending.sent_at > packet.received_at) return false;
    if (pending.request != 0 ? &pending != latest_own : packet.received_at - pending.sent_at > kForeignReplyWindow)
      return false;
    return (pending.broadcast || pending.destination == packet.sender_mac) &&
           std::find(pending.answered_by.begin(), pending.answered_by.end(), packet.sender_mac) ==
               pending.answered_by.end();
  };
  const auto pending = std::find_if(state.pending.begin(), state.pending.end(), answers);
  // Unsolicited, late, or a second copy from the same MAC: not an answer to anything.
  if (pending == state.pending.end() || too_many_macs(target, packet.sender_mac)) return;
  pending->answered_by.push_back(packet.sender_mac);
  if (pending->request == 0) return;  // the answer to another socket's request

  ArpAnswer answer;
  answer.target = target;
  answer.mac = packet.sender_mac;
  answer.operation = packet.operation;
  answer.to_broadcast = packet.delivery != ArpDelivery::to_us;
  answer.request = pending->request;
  answer.request_broadcast = pending->broadcast;
  answer.rtt = std::max(Duration::zero(), packet.received_at - pending->sent_at);
  answer.received_at = packet.received_at;
  answer = report_.add(answer);
  state.answered = true;
  if (state.awaiting) {
    state.awaiting = false;
    --awaiting_;
  }
  if (config_.mode == ArpMode::ping && !unicast_to_) unicast_to_ = packet.sender_mac;
  if (observer_.on_answer) observer_.on_answer(answer);
  if (config_.mode != ArpMode::ping) return;
  if (config_.finish_on_reply || (config_.count && config_.deadline && report_.answers_received >= *config_.count))
    finish(now);
}

void ArpEngine::claim(std::size_t target, const ArpPacket& packet, MonoTime now) {
  if (too_many_macs(target, packet.sender_mac)) return;
  ArpAnswer answer;
  answer.target = target;
  answer.mac = packet.sender_mac;
  answer.operation = packet.operation;
  answer.probe = packet.sender_ip.is_unspecified();
  answer.to_broadcast = packet.delivery != ArpDelivery::to_us;
  answer.received_at = packet.received_at;
  // A reply to one of our probes: timed from the latest probe sent before it.
  const auto& pending = states_[target].pending;
  const auto latest = std::find_if(pending.rbegin(), pending.rend(), [&](const Pending& sent) {
    return sent.request != 0 && sent.sent_at <= packet.received_at;
  });
  if (packet.operation == wire::arp_operation::reply && packet.target_mac == us_.mac && latest != pending.rend()) {
    answer.request = latest->request;
    answer.request_broadcast = latest->broadcast;
    answer.rtt = packet.received_at - latest->sent_at;
  }
  answer = report_.add(answer);
  if (observer_.on_answer) observer_.on_answer(answer);
  // RFC 5227: the first sign of another owner settles it.
  if (config_.mode == ArpMode::dad) finish(now);
}

bool ArpEngine::too_many_macs(std::size_t target, const wire::MacAddress& mac) const {
  const auto host = report_.hosts.find(target);
  if (host == report_.hosts.end() || host->second.macs.size() < kMaxMacsPerAddress) return false;
  const auto& macs = host->second.macs;
  return std::none_of(macs.begin(), macs.end(), [&](const ArpHostMac& seen) { return seen.mac == mac; });
}

void ArpEngine::check_finished(MonoTime now) {
  if (done_) return;
  if (config_.mode == ArpMode::scan) {
    const bool all_sent = next_fresh_ == report_.targets.size() && retry_queue_.empty();
    if (all_sent && awaiting_ == 0 && (!sent_any_ || now >= last_send_ + kScanSettle)) finish(now);
    return;
  }
  if (count_limits_packets(config_) && report_.requests_sent + report_.send_errors >= *config_.count &&
      now >= last_send_ + config_.linger)
    finish(now);
}

MonoTime ArpEngine::next_deadline() const {
  if (done_) return MonoTime::max();
  MonoTime next = MonoTime::max();
  if (config_.deadline) next = started_ + *config_.deadline;
  if (config_.mode == ArpMode::scan) {
    const bool to_send = !retry_queue_.empty() || next_fresh_ < report_.targets.size();
    if (to_send) next = std::min(next, next_send_);
    if (!expiries_.empty()) next = std::min(next, expiries_.begin()->first);
    if (!to_send && awaiting_ == 0) next = std::min(next, last_send_ + kScanSettle);
    return next;
  }
  const bool more = !count_limits_packets(config_) || report_.requests_sent + report_.send_errors < *config_.count;
  return std::min(next, more ? next_send_ : last_send_ + config_.linger);
}

void ArpEngine::interrupt(MonoTime now) {
  if (done_) return;
  report_.interrupted = true;
  finish(now);
}

void ArpEngine::finish(MonoTime now) {
  done_ = true;
  report_.elapsed = now - started_;
  report_.finalize();
}

}  // namespace netdiag
