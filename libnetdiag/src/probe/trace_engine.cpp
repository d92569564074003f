#include "netdiag/probe/trace_engine.hpp"

#include <algorithm>
#include <utility>

namespace netdiag {
namespace {

constexpr std::uint8_t kIcmpTimeExceeded = 11;
constexpr std::uint8_t kIcmpUnreachable = 3;
constexpr std::uint8_t kIcmpPortUnreachable = 3;
constexpr std::uint8_t kIcmpv6Unreachable = 1;
constexpr std::uint8_t kIcmpv6TimeExceeded = 3;
constexpr std::uint8_t kIcmpv6PortUnreachable = 4;

bool is_port_unreachable(const Reply& reply) {
  if (reply.family == Family::ipv4) return reply.icmp_type == kIcmpUnreachable && reply.icmp_code == kIcmpPortUnreachable;
  return reply.icmp_type == kIcmpv6Unreachable && reply.icmp_code == kIcmpv6PortUnreachable;
}

bool is_time_exceeded(const Reply& reply) {
  return reply.icmp_type == (reply.family == Family::ipv4 ? kIcmpTimeExceeded : kIcmpv6TimeExceeded);
}

Duration scaled(Duration rtt, double factor) {
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::nano>(
      static_cast<double>(rtt.count()) * factor));
}

}  // namespace

std::optional<std::uint16_t> match_trace_reply(const Reply& reply, std::uint16_t flow_identifier,
                                               const IpAddress& target, std::uint16_t probes_sent) {
  if (reply.identifier != flow_identifier) return std::nullopt;
  if (reply.sequence.value == 0 || reply.sequence.value > probes_sent) return std::nullopt;
  switch (reply.kind) {
    case ReplyKind::echo_reply:
    case ReplyKind::transport_reply:
      if (reply.from != target) return std::nullopt;
      break;
    case ReplyKind::icmp_error:
      if (reply.probe_destination && *reply.probe_destination != target) return std::nullopt;
      // Only the destination itself may say "port unreachable"; from anyone else it is not an
      // answer to our probe (a stranger's reply, or a spoof).
      if (is_port_unreachable(reply) && reply.from != target) return std::nullopt;
      break;
    case ReplyKind::local_error:
      break;
  }
  return reply.sequence.value;
}

ProbeOutcome classify_trace_reply(const Reply& reply, const IpAddress& target) {
  switch (reply.kind) {
    case ReplyKind::echo_reply:
    case ReplyKind::transport_reply:
      return ProbeOutcome::reached;
    case ReplyKind::local_error:
      return ProbeOutcome::send_failed;
    case ReplyKind::icmp_error:
      break;
  }
  if (is_time_exceeded(reply)) return ProbeOutcome::time_exceeded;
  if (is_port_unreachable(reply) && reply.from == target) return ProbeOutcome::reached;
  return ProbeOutcome::unreachable;
}

TraceEngine::TraceEngine(TraceConfig config, TraceTransport& transport, std::uint16_t flow_identifier,
                         TraceReport& report, Observer observer)
    : config_(config),
      transport_(transport),
      flow_identifier_(flow_identifier),
      report_(report),
      observer_(std::move(observer)) {
  config_.probes_per_hop = std::max(config_.probes_per_hop, 1U);
  config_.max_in_flight = std::max(config_.max_in_flight, 1U);
  report_.method = config_.method;
  report_.probes_per_hop = config_.probes_per_hop;
  report_.first_ttl = config_.first_ttl.value;
  report_.max_ttl = config_.max_ttl.value;
  next_ttl_ = config_.first_ttl.value;
  limit_ttl_ = config_.max_ttl.value;
  report_.last_ttl = config_.max_ttl.value;
}

void TraceEngine::start(MonoTime now, WallTime wall_now) {
  started_ = now;
  report_.started_at = wall_now;
  on_timer(now);
}

bool TraceEngine::may_send() const {
  // Probe ids are 16 bits and never reused within a trace.
  return !stop_reason_ && next_ttl_ <= limit_ttl_ && in_flight_ < config_.max_in_flight && slots_.size() < 0xffff;
}

void TraceEngine::send_due(MonoTime now) {
  while (may_send()) {
    const std::size_t hop = next_ttl_ - config_.first_ttl.value;
    if (hop == report_.hops.size()) report_.hops.push_back(HopResult{Ttl{static_cast<std::uint8_t>(next_ttl_)}, {}});
    const auto probe_id = static_cast<std::uint16_t>(slots_.size() + 1);
    const Ttl ttl{static_cast<std::uint8_t>(next_ttl_)};
    const auto sent = transport_.send_probe({probe_id, ttl});
    ProbeResult result;
    result.probe_id = probe_id;
    result.ttl = ttl;
    if (sent) {
      result.sent_at = *sent;
      ++in_flight_;
    } else {
      result.outcome = ProbeOutcome::send_failed;
      result.local_errno = sent.error().error;
      result.mtu = sent.error().mtu;
    }
    report_.hops[hop].probes.push_back(result);
    slots_.push_back(Slot{hop, report_.hops[hop].probes.size() - 1, now});
    if (!sent) observer_(result);
    if (++next_index_ == config_.probes_per_hop) {
      next_index_ = 0;
      ++next_ttl_;
    }
  }
}

Duration TraceEngine::wait_for(const Slot& slot) const {
  // traceroute(8) -w MAX,HERE,NEAR: the largest RTT already answered at this hop, else at the
  // nearest hop beyond it that answered, scaled, caps the wait.
  const auto largest_rtt = [](const HopResult& hop) {
    Duration largest{};
    for (const auto& other : hop.probes) {
      if (other.rtt && !other.late) largest = std::max(largest, *other.rtt);
    }
    return largest;
  };
  const Duration here = largest_rtt(report_.hops[slot.hop]);
  Duration near{};
  for (std::size_t hop = slot.hop + 1; hop < report_.hops.size() && near == Duration::zero(); ++hop)
    near = largest_rtt(report_.hops[hop]);
  const Duration floor = std::min(config_.waits.adaptive_floor, config_.waits.max);
  Duration wait = config_.waits.max;
  if (here > Duration::zero() && config_.waits.here > 0) {
    wait = std::min(wait, std::max(floor, scaled(here, config_.waits.here)));
  } else if (near > Duration::zero() && config_.waits.near > 0) {
    wait = std::min(wait, std::max(floor, scaled(near, config_.waits.near)));
  }
  return wait;
}

MonoTime TraceEngine::next_deadline() const {
  if (done_) return MonoTime::max();
  MonoTime next = MonoTime::max();
  for (const auto& slot : slots_) {
    if (probe(slot).outcome == ProbeOutcome::pending) next = std::min(next, slot.sent_mono + wait_for(slot));
  }
  return next;
}

void TraceEngine::expire(MonoTime now) {
  for (const auto& slot : slots_) {
    ProbeResult& result = probe(slot);
    if (result.outcome != ProbeOutcome::pending || now < slot.sent_mono + wait_for(slot)) continue;
    result.outcome = ProbeOutcome::timed_out;
    --in_flight_;
    observer_(result);
  }
}

void TraceEngine::apply_stop_rules() {
  // The destination's answer, or an unreachable, ends the trace at its hop; probes already sent
  // beyond it no longer count.
  for (std::size_t hop = 0; hop < report_.hops.size(); ++hop) {
    const unsigned ttl = report_.hops[hop].ttl.value;
    if (ttl > limit_ttl_) break;
    for (const auto& result : report_.hops[hop].probes) {
      if (result.outcome == ProbeOutcome::reached) {
        limit_ttl_ = ttl;
        report_.destination_reached = true;
      } else if (result.outcome == ProbeOutcome::unreachable && !report_.destination_reached) {
        limit_ttl_ = std::min(limit_ttl_, ttl);
      }
    }
  }
  // --max-unknown: that many complete hops in a row with no answer at all.
  unsigned silent_run = 0;
  for (const auto& hop : report_.hops) {
    if (hop.ttl.value > limit_ttl_) break;
    const bool complete = hop.probes.size() == config_.probes_per_hop;
    const bool silent = std::ranges::all_of(hop.probes, [](const ProbeResult& result) {
      return result.outcome == ProbeOutcome::timed_out || result.outcome == ProbeOutcome::send_failed;
    });
    silent_run = complete && silent ? silent_run + 1 : 0;
    if (config_.max_unknown > 0 && silent_run >= config_.max_unknown) {
      limit_ttl_ = hop.ttl.value;
      if (!stop_reason_) stop_reason_ = TraceStopReason::max_unknown;
      break;
    }
  }
  report_.last_ttl = static_cast<std::uint8_t>(limit_ttl_);
}

void TraceEngine::on_timer(MonoTime now) {
  if (done_) return;
  expire(now);
  apply_stop_rules();
  send_due(now);
  check_done(now);
}

void TraceEngine::on_reply(const Reply& reply, MonoTime now) {
  if (done_) return;
  const auto probe_id = match_trace_reply(reply, flow_identifier_, report_.address,
                                          static_cast<std::uint16_t>(slots_.size()));
  if (!probe_id) {
    ++report_.unrelated_replies;
    return;
  }
  const Slot& slot = slots_[*probe_id - 1U];
  ProbeResult& result = probe(slot);
  if (result.outcome != ProbeOutcome::pending && result.outcome != ProbeOutcome::timed_out) {
    ++report_.duplicate_replies;
    return;
  }
  if (result.outcome == ProbeOutcome::pending) {
    --in_flight_;
  } else {
    result.late = true;
  }
  result.outcome = classify_trace_reply(reply, report_.address);
  result.from = reply.from;
  result.rtt = std::max(Duration::zero(), reply.received_at - result.sent_at);
  result.icmp_type = reply.icmp_type;
  result.icmp_code = reply.icmp_code;
  result.reply_ttl = reply.ttl;
  result.mtu = reply.mtu;
  result.local_errno = reply.local_errno;
  if (result.outcome == ProbeOutcome::send_failed) result.rtt.reset();
  observer_(result);
  apply_stop_rules();
  send_due(now);
  check_done(now);
}

void TraceEngine::check_done(MonoTime now) {
  if (done_ || may_send()) return;
  // Done when nothing up to the limit is still pending (what lies beyond no longer matters).
  for (const auto& slot : slots_) {
    const ProbeResult& result = probe(slot);
    if (result.outcome == ProbeOutcome::pending && result.ttl.value <= limit_ttl_) return;
  }
  finish(now);
}

void TraceEngine::interrupt(MonoTime now) {
  if (done_) return;
  stop_reason_ = TraceStopReason::interrupted;
  finish(now);
}

void TraceEngine::finish(MonoTime now) {
  done_ = true;
  report_.elapsed = now - started_;
  // Hops beyond the end (the destination, an unreachable, the silent run) were probed in
  // parallel but are not part of the path.
  std::erase_if(report_.hops, [&](const HopResult& hop) { return hop.ttl.value > limit_ttl_; });
  if (stop_reason_ == TraceStopReason::interrupted) {
    report_.stop_reason = TraceStopReason::interrupted;
  } else if (report_.destination_reached) {
    report_.stop_reason = TraceStopReason::destination_reached;
  } else if (std::ranges::any_of(report_.hops, [](const HopResult& hop) {
               return std::ranges::any_of(hop.probes, [](const ProbeResult& result) {
                 return result.outcome == ProbeOutcome::unreachable;
               });
             })) {
    report_.stop_reason = TraceStopReason::unreachable;
  } else if (stop_reason_) {
    report_.stop_reason = *stop_reason_;
  } else {
    report_.stop_reason = TraceStopReason::max_ttl;
  }
}

}  // namespace netdiag
