#include "netdiag/probe/trace_engine.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <utility>

namespace netdiag {
namespace {

constexpr std::uint8_t kIcmpTimeExceeded = 11;
constexpr std::uint8_t kIcmpUnreachable = 3;
constexpr std::uint8_t kIcmpPortUnreachable = 3;
constexpr std::uint8_t kIcmpFragmentationNeeded = 4;
constexpr std::uint8_t kIcmpv6PacketTooBig = 2;
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

// RFC 1191 section 7's plateaus, with the sizes common today between them.
constexpr std::array<std::size_t, 19> kMtuPlateaus = {65535, 32000, 17914, 9000, 8166, 4352, 2002, 1500, 1492, 1480,
                                                      1460, 1400, 1280, 1006, 576, 552, 508, 296, 68};
// The smallest MTU a link may have: RFC 791 (IPv4), RFC 8200 section 5 (IPv6; RFC 8201 section 4
// says a "packet too big" below it is not to be believed).
std::size_t minimum_mtu(Family family) { return family == Family::ipv4 ? 68 : 1280; }

// Probes a black-hole search sends at once: routers rate-limit ICMP per source (Linux allows
// a burst of 6), and the hop answered its three probes and a size check already.
constexpr std::size_t kSearchProbesPerRound = 3;

bool is_final(ProbeOutcome outcome) { return outcome != ProbeOutcome::pending && outcome != ProbeOutcome::too_big; }

// An answer from the network that says the probe got as far as its TTL.
bool got_through(const ProbeResult& result) {
  return result.outcome == ProbeOutcome::time_exceeded || result.outcome == ProbeOutcome::reached ||
         result.outcome == ProbeOutcome::unreachable;
}

std::size_t largest_probe(const HopResult& hop) {
  std::size_t size = 0;
  for (const auto& probe : hop.probes) size = std::max(size, probe.packet_bytes);
  return size;
}

bool unanswered(const ProbeResult& result) {
  return result.outcome == ProbeOutcome::pending || result.outcome == ProbeOutcome::timed_out;
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

bool is_packet_too_big(const Reply& reply) {
  if (reply.kind != ReplyKind::icmp_error) return false;
  if (reply.family == Family::ipv4) return reply.icmp_type == kIcmpUnreachable && reply.icmp_code == kIcmpFragmentationNeeded;
  return reply.icmp_type == kIcmpv6PacketTooBig;
}

std::size_t mtu_plateau_below(std::size_t size) {
  for (const std::size_t plateau : kMtuPlateaus) {
    if (plateau < size) return plateau;
  }
  return 0;
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
  report_.packet_bytes = config_.packet_bytes;
  report_.mtu_discovery = config_.discover_mtu;
  next_ttl_ = config_.first_ttl.value;
  limit_ttl_ = config_.max_ttl.value;
  report_.last_ttl = config_.max_ttl.value;
  size_ = config_.packet_bytes;
}

void TraceEngine::start(MonoTime now, WallTime wall_now) {
  started_ = now;
  report_.started_at = wall_now;
  on_timer(now);
}

bool TraceEngine::may_send() const {
  // Probe ids are 16 bits and never reused within a trace. Probes sent again go first, and no
  // new TTL goes out while a black-hole search decides the size it should have.
  return !stop_reason_ && !search_ && resend_.empty() && next_ttl_ <= limit_ttl_ &&
         in_flight_ < config_.max_in_flight && ids_left();
}

std::uint16_t TraceEngine::new_probe_id(Role role, std::size_t hop, std::size_t index, MonoTime now) {
  slots_.push_back(Slot{role, hop, index, now, false});
  return static_cast<std::uint16_t>(slots_.size());
}

void TraceEngine::send_hop_probe(std::size_t hop, std::size_t index, MonoTime now) {
  ProbeResult& result = report_.hops[hop].probes[index];
  result = ProbeResult{};
  result.ttl = report_.hops[hop].ttl;
  result.packet_bytes = size_;
  result.probe_id = new_probe_id(Role::hop, hop, index, now);
  const auto sent = transport_.send_probe({result.probe_id, result.ttl, size_});
  if (sent) {
    result.sent_at = *sent;
    ++in_flight_;
    return;
  }
  result.local_errno = sent.error().error;
  result.mtu = sent.error().mtu;
  // --mtu: the local stack refuses what does not fit the interface and says its MTU.
  result.outcome = ProbeOutcome::too_big;
  if (sent.error().error != EMSGSIZE ||
      !shrink_probes(hop, result.packet_bytes, sent.error().mtu, MtuSource::local, std::nullopt))
    result.outcome = ProbeOutcome::send_failed;
  observer_(result);
}

void TraceEngine::send_side_probe(Role role, std::size_t hop, std::size_t size, MonoTime now) {
  ProbeResult result;
  result.ttl = report_.hops[hop].ttl;
  result.packet_bytes = size;
  result.probe_id = new_probe_id(role, hop, side_.size(), now);
  const auto sent = transport_.send_probe({result.probe_id, result.ttl, size});
  if (sent) {
    result.sent_at = *sent;
  } else {
    result.outcome = ProbeOutcome::send_failed;
    result.local_errno = sent.error().error;
  }
  if (role == Role::size_check) checks_[hop] = side_.size();
  if (role == Role::size_search) search_->round.push_back(side_.size());
  side_.push_back(result);
}

void TraceEngine::send_due(MonoTime now) {
  for (;;) {
    // Probes sent again smaller first, in TTL order, within the window.
    while (!resend_.empty() && in_flight_ < config_.max_in_flight && !stop_reason_ && ids_left()) {
      const auto [hop, index] = resend_.front();
      if (serial_hop_ == hop && hop_waiting(hop)) break;
      resend_.erase(resend_.begin());
      if (report_.hops[hop].ttl.value <= limit_ttl_) send_hop_probe(hop, index, now);
    }
    if (!may_send()) return;
    const std::size_t hop = next_ttl_ - config_.first_ttl.value;
    if (hop == report_.hops.size()) {
      report_.hops.push_back(HopResult{Ttl{static_cast<std::uint8_t>(next_ttl_)}, {}, std::nullopt, false});
      checks_.emplace_back();
    }
    report_.hops[hop].probes.emplace_back();
    send_hop_probe(hop, report_.hops[hop].probes.size() - 1, now);
    if (++next_index_ == config_.probes_per_hop) {
      next_index_ = 0;
      ++next_ttl_;
      if (config_.discover_mtu && size_ > config_.check_packet_bytes && ids_left())
        send_side_probe(Role::size_check, hop, config_.check_packet_bytes, now);
    }
  }
}

Duration TraceEngine::wait_for(const Slot& slot) const {
  // traceroute(8) -w MAX,HERE,NEAR: the largest RTT already answered at this hop, else at the
  // nearest hop beyond it that answered, scaled, caps the wait. A hop's size check counts as
  // its answer: behind a black hole it is the only one.
  const auto largest_rtt = [this](std::size_t hop) {
    Duration largest{};
    for (const auto& other : report_.hops[hop].probes) {
      if (other.rtt && !other.late) largest = std::max(largest, *other.rtt);
    }
    if (const auto check = checks_[hop]; check && side_[*check].rtt && !side_[*check].late)
      largest = std::max(largest, *side_[*check].rtt);
    return largest;
  };
  const Duration here = largest_rtt(slot.hop);
  Duration near{};
  for (std::size_t hop = slot.hop + 1; hop < report_.hops.size() && near == Duration::zero(); ++hop)
    near = largest_rtt(hop);
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
    if (!slot.superseded && probe(slot).outcome == ProbeOutcome::pending)
      next = std::min(next, slot.sent_mono + wait_for(slot));
  }
  return next;
}

void TraceEngine::expire(MonoTime now) {
  for (const auto& slot : slots_) {
    ProbeResult& result = probe(slot);
    if (slot.superseded || result.outcome != ProbeOutcome::pending || now < slot.sent_mono + wait_for(slot)) continue;
    result.outcome = ProbeOutcome::timed_out;
    if (slot.role != Role::hop) continue;
    --in_flight_;
    observer_(result);
  }
}

std::size_t TraceEngine::mtu_at(unsigned ttl) const {
  std::size_t mtu = config_.packet_bytes;
  for (const auto& step : report_.mtu_steps) {
    if (step.ttl.value <= ttl) mtu = std::min<std::size_t>(mtu, step.mtu.value);
  }
  return mtu;
}

bool TraceEngine::shrink_probes(std::size_t hop, std::size_t too_big, std::optional<Mtu> reported,
                                MtuSource source, std::optional<IpAddress> reported_by) {
  if (!config_.discover_mtu) return false;
  // A router that reports no MTU, or one no smaller than the probe, gets the next plateau
  // down (RFC 1191 section 5).
  std::size_t mtu = reported ? reported->value : 0;
  if (mtu == 0 || mtu >= too_big) mtu = mtu_plateau_below(too_big);
  mtu = std::max(mtu, minimum_mtu(report_.address.family()));
  if (mtu >= too_big) return false;
  const unsigned ttl = report_.hops[hop].ttl.value;
  if (mtu < mtu_at(ttl)) {
    // One step per hop: a router that reports no MTU is walked down the plateaus to the last.
    const MtuStep step{Ttl{static_cast<std::uint8_t>(ttl)}, Mtu{static_cast<std::uint32_t>(mtu)}, source, reported_by};
    const auto same_hop = std::ranges::find(report_.mtu_steps, step.ttl, &MtuStep::ttl);
    if (same_hop != report_.mtu_steps.end()) {
      *same_hop = step;
    } else {
      report_.mtu_steps.push_back(step);
      std::ranges::sort(report_.mtu_steps, {}, [](const MtuStep& entry) { return entry.ttl.value; });
    }
  }
  size_ = std::min(size_, mtu);
  // Every probe at this TTL or beyond that is too big will not get past that link either:
  // send it again now rather than wait for its own error (or its timeout, if the router's ICMP
  // rate limit swallows the error).
  for (auto& slot : slots_) {
    if (slot.role != Role::hop || slot.superseded || report_.hops[slot.hop].ttl.value < ttl) continue;
    ProbeResult& result = probe(slot);
    const bool answered_too_big = slot.hop == hop && result.outcome == ProbeOutcome::too_big;
    if (result.packet_bytes <= mtu || !(unanswered(result) || answered_too_big)) continue;
    supersede(slot);
  }
  return true;
}

void TraceEngine::supersede(Slot& slot) {
  ProbeResult& result = probe(slot);
  if (result.outcome == ProbeOutcome::pending) --in_flight_;
  // Until it goes out again under a new id; a probe that was too big stays so for its event.
  if (result.outcome != ProbeOutcome::too_big) result.outcome = ProbeOutcome::pending;
  slot.superseded = true;
  resend_.emplace_back(slot.hop, slot.index);
  std::ranges::sort(resend_);
}

void TraceEngine::answer_one_at_a_time(std::size_t hop, std::size_t answered) {
  // A TCP SYN-ACK: the destination now holds a half-open connection for our flow until our
  // kernel's RST reaches it, and meanwhile meets our other SYNs of the same flow with a bare
  // ACK (tcp_check_req), which answers nothing. So its other probes go again, one at a time.
  serial_hop_ = hop;
  for (auto& slot : slots_) {
    if (slot.role != Role::hop || slot.superseded || slot.hop != hop || slot.index == answered) continue;
    if (unanswered(probe(slot))) supersede(slot);
  }
}

bool TraceEngine::hop_waiting(std::size_t hop) const {
  return std::ranges::any_of(slots_, [&](const Slot& slot) {
    return slot.role == Role::hop && !slot.superseded && slot.hop == hop && probe(slot).outcome == ProbeOutcome::pending;
  });
}

void TraceEngine::record_answer(ProbeResult& result, const Reply& reply) {
  result.outcome = classify_trace_reply(reply, report_.address);
  result.from = reply.from;
  result.rtt = std::max(Duration::zero(), reply.received_at - result.sent_at);
  result.icmp_type = reply.icmp_type;
  result.icmp_code = reply.icmp_code;
  result.reply_ttl = reply.ttl;
  result.mtu = reply.mtu;
  result.local_errno = reply.local_errno;
  result.tcp_answer = reply.tcp_answer;
  result.mpls = reply.mpls;
  if (result.outcome == ProbeOutcome::send_failed) result.rtt.reset();
}

void TraceEngine::on_reply(const Reply& reply, MonoTime now) {
  if (done_) return;
  const auto probe_id = match_trace_reply(reply, flow_identifier_, report_.address,
                                          static_cast<std::uint16_t>(slots_.size()));
  if (!probe_id) {
    ++report_.unrelated_replies;
    return;
  }
  const std::size_t slot_index = *probe_id - 1U;
  if (slots_[slot_index].superseded) return;  // its replacement is on its way
  const Slot slot = slots_[slot_index];
  ProbeResult& result = probe(slot);
  if (result.outcome != ProbeOutcome::pending && result.outcome != ProbeOutcome::timed_out) {
    ++report_.duplicate_replies;
    return;
  }
  const bool was_pending = result.outcome == ProbeOutcome::pending;
  result.late = !was_pending;
  record_answer(result, reply);
  if (slot.role != Role::hop) {
    if (config_.discover_mtu && is_packet_too_big(reply)) result.outcome = ProbeOutcome::too_big;
  } else {
    if (was_pending) --in_flight_;
    if (is_packet_too_big(reply)) {
      result.outcome = ProbeOutcome::too_big;
      if (!shrink_probes(slot.hop, result.packet_bytes, reply.mtu, MtuSource::icmp, reply.from))
        result.outcome = ProbeOutcome::unreachable;
    }
    if (result.outcome == ProbeOutcome::reached && result.tcp_answer == TcpAnswer::syn_ack)
      answer_one_at_a_time(slot.hop, slot.index);
    observer_(result);
  }
  step(now);
}

void TraceEngine::on_timer(MonoTime now) {
  if (done_) return;
  expire(now);
  step(now);
}

void TraceEngine::step(MonoTime now) {
  find_black_hole(now);
  settle_hops();
  apply_stop_rules();
  send_due(now);
  settle_hops();
  check_done(now);
}

void TraceEngine::find_black_hole(MonoTime now) {
  if (!config_.discover_mtu) return;
  if (stop_reason_) {
    search_.reset();  // the trace ends here; nothing will be sent at the size it would find
    return;
  }
  const auto round_over = [this] {
    return std::ranges::all_of(search_->round, [this](std::size_t index) {
      return side_[index].outcome != ProbeOutcome::pending;
    });
  };
  if (search_) {
    // A round whose probes could not even be sent is over at once: on to the next.
    while (search_ && round_over()) next_search_round(now);
    return;
  }
  // The first hop whose big probes all vanished while its small check got through. A hop that
  // may still turn out so comes first: the search belongs at the nearest black hole, whichever
  // hop's timeout happens to fire first.
  for (std::size_t hop = 0; hop < report_.hops.size() && report_.hops[hop].ttl.value <= limit_ttl_; ++hop) {
    switch (black_hole_evidence(hop)) {
      case Evidence::none: continue;
      case Evidence::undecided: return;
      case Evidence::vanished: break;
    }
    const std::size_t size = largest_probe(report_.hops[hop]);
    search_ = BlackHoleSearch{hop, size, side_[*checks_[hop]].packet_bytes, size + 1, {}, 0};
    search_round(now);
    return;
  }
}

TraceEngine::Evidence TraceEngine::black_hole_evidence(std::size_t hop) const {
  const HopResult& result = report_.hops[hop];
  const auto check = checks_[hop];
  const auto answered_or_failed = [](const ProbeResult& probe) {
    return got_through(probe) || probe.outcome == ProbeOutcome::send_failed;
  };
  if (!check || side_[*check].outcome == ProbeOutcome::timed_out || side_[*check].outcome == ProbeOutcome::send_failed ||
      std::ranges::any_of(result.probes, answered_or_failed))
    return Evidence::none;
  const bool vanished = result.probes.size() == config_.probes_per_hop &&
                        std::ranges::all_of(result.probes, [](const ProbeResult& probe) {
                          return probe.outcome == ProbeOutcome::timed_out;
                        });
  if (!vanished || !got_through(side_[*check])) return Evidence::undecided;
  const std::size_t size = largest_probe(result);
  if (size <= side_[*check].packet_bytes || std::ranges::find(searched_, std::pair{hop, size}) != searched_.end())
    return Evidence::none;
  return Evidence::vanished;
}

void TraceEngine::next_search_round(MonoTime now) {
  BlackHoleSearch& search = *search_;
  for (const std::size_t index : search.round) {
    if (got_through(side_[index])) search.passes = std::max(search.passes, side_[index].packet_bytes);
  }
  for (const std::size_t index : search.round) {
    const std::size_t size = side_[index].packet_bytes;
    // A lost probe smaller than one that passed says nothing about the size; a "too big" is a
    // failure like silence.
    if (!got_through(side_[index]) && size > search.passes) search.fails = std::min(search.fails, size);
  }
  if (search.fails <= search.passes) search.fails = search.passes + 1;
  search.round.clear();
  search_round(now);
}

void TraceEngine::search_round(MonoTime now) {
  BlackHoleSearch& search = *search_;
  // The plateaus between what passes and what does not, largest first (the usual answer is the
  // next one down), the vanished size itself included in case its probes were merely lost;
  // between two plateaus, evenly spaced sizes down to the byte.
  std::vector<std::size_t> sizes;
  if (search.vanished > search.passes && search.vanished < search.fails) sizes.push_back(search.vanished);
  for (const std::size_t plateau : kMtuPlateaus) {
    if (sizes.size() == kSearchProbesPerRound) break;
    if (plateau > search.passes && plateau < search.fails && plateau != search.vanished) sizes.push_back(plateau);
  }
  if (sizes.empty()) {
    const std::size_t gap = search.fails - search.passes;
    const std::size_t count = std::min(kSearchProbesPerRound, gap - 1);
    for (std::size_t i = 1; i <= count; ++i) {
      const std::size_t size = search.passes + gap * i / (count + 1);
      if (size > search.passes && size < search.fails && (sizes.empty() || size != sizes.back())) sizes.push_back(size);
    }
  }
  if (sizes.empty() || !ids_left()) {
    end_search();
    return;
  }
  for (const std::size_t size : sizes) {
    if (!ids_left()) break;
    ++search.probes;
    send_side_probe(Role::size_search, search.hop, size, now);
  }
}

void TraceEngine::end_search() {
  const BlackHoleSearch search = *search_;
  search_.reset();
  searched_.emplace_back(search.hop, search.vanished);
  if (search.passes >= search.vanished) return;  // the big probes were only lost: no black hole
  // The last hop before it that answered big probes; 0 when none did (the hole is on our link).
  std::uint8_t after = 0;
  for (std::size_t hop = search.hop; hop-- > 0;) {
    if (std::ranges::any_of(report_.hops[hop].probes, got_through)) {
      after = report_.hops[hop].ttl.value;
      break;
    }
  }
  report_.black_holes.push_back(
      BlackHole{after, report_.hops[search.hop].ttl, search.passes, search.fails, search.probes});
  shrink_probes(search.hop, search.vanished, Mtu{static_cast<std::uint32_t>(search.passes)}, MtuSource::black_hole,
                std::nullopt);
}

void TraceEngine::settle_hops() {
  for (std::size_t hop = 0; hop < report_.hops.size(); ++hop) {
    HopResult& result = report_.hops[hop];
    if (config_.discover_mtu) result.mtu = Mtu{static_cast<std::uint32_t>(mtu_at(result.ttl.value))};
    const auto check = checks_[hop];
    result.settled = result.probes.size() == config_.probes_per_hop &&
                     std::ranges::all_of(result.probes, [](const ProbeResult& probe) { return is_final(probe.outcome); }) &&
                     (!check || side_[*check].outcome != ProbeOutcome::pending) && !(search_ && hop >= search_->hop) &&
                     std::ranges::none_of(resend_, [hop](const auto& entry) { return entry.first == hop; }) &&
                     black_hole_evidence(hop) != Evidence::vanished;
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
  // --max-unknown: that many settled hops in a row with no answer at all.
  unsigned silent_run = 0;
  for (const auto& hop : report_.hops) {
    if (hop.ttl.value > limit_ttl_) break;
    const bool silent = std::ranges::all_of(hop.probes, [](const ProbeResult& result) {
      return result.outcome == ProbeOutcome::timed_out || result.outcome == ProbeOutcome::send_failed;
    });
    silent_run = hop.settled && silent ? silent_run + 1 : 0;
    if (config_.max_unknown > 0 && silent_run >= config_.max_unknown) {
      limit_ttl_ = hop.ttl.value;
      if (!stop_reason_) stop_reason_ = TraceStopReason::max_unknown;
      break;
    }
  }
  report_.last_ttl = static_cast<std::uint8_t>(limit_ttl_);
}

void TraceEngine::check_done(MonoTime now) {
  if (done_ || may_send() || search_) return;
  if (!resend_.empty() && !stop_reason_ && ids_left()) return;
  // Done when nothing up to the limit is still pending (what lies beyond no longer matters).
  for (const auto& slot : slots_) {
    const ProbeResult& result = probe(slot);
    if (!slot.superseded && result.outcome == ProbeOutcome::pending && result.ttl.value <= limit_ttl_) return;
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
  settle_hops();
  // Hops beyond the end (the destination, an unreachable, the silent run) were probed in
  // parallel but are not part of the path.
  std::erase_if(report_.hops, [&](const HopResult& hop) { return hop.ttl.value > limit_ttl_; });
  std::erase_if(report_.mtu_steps, [&](const MtuStep& step) { return step.ttl.value > limit_ttl_; });
  std::erase_if(report_.black_holes, [&](const BlackHole& hole) { return hole.ttl.value > limit_ttl_; });
  if (config_.discover_mtu && !report_.hops.empty()) report_.path_mtu = report_.hops.back().mtu;
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
