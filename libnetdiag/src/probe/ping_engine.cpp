#include "netdiag/probe/ping_engine.hpp"

#include <algorithm>
#include <utility>

namespace netdiag {
namespace {

// Sequence numbers are 16 bits: beyond 65536 probes back a wire value is ambiguous, so older
// probes are forgotten and a reply to one of them counts as unrelated.
constexpr std::size_t kProbesKept = 65536;

}  // namespace

std::optional<ReplyMatch> match_ping_reply(const Reply& reply, std::uint16_t identifier, const IpAddress& target,
                                           std::uint64_t probes_sent) {
  if (reply.identifier != identifier || probes_sent == 0) return std::nullopt;
  switch (reply.kind) {
    case ReplyKind::echo_reply:
      if (reply.from != target) return std::nullopt;
      break;
    case ReplyKind::icmp_error:
      if (reply.probe_destination && *reply.probe_destination != target) return std::nullopt;
      break;
    case ReplyKind::local_error:
      break;
    case ReplyKind::transport_reply:
      return std::nullopt;  // pings send no TCP or UDP
  }
  // Probe n carries wire sequence n + 1, as ping's first icmp_seq is 1.
  const auto wire_number = unwrap(reply.sequence, probes_sent);
  if (!wire_number || *wire_number == 0) return std::nullopt;
  return ReplyMatch{*wire_number - 1};
}

PingEngine::PingEngine(PingConfig config, EchoTransport& transport, std::uint16_t identifier, PingReport& report,
                       Observer observer)
    : config_(std::move(config)),
      transport_(transport),
      identifier_(identifier),
      report_(report),
      observer_(std::move(observer)) {
  report_.payload_bytes = config_.payload.size();
  report_.identifier = identifier_;
  report_.requested_count = config_.count;
  report_.has_deadline = config_.deadline.has_value();
  report_.keep_records = config_.keep_records;
}

void PingEngine::start(MonoTime now, WallTime wall_now) {
  started_ = now;
  started_wall_ = wall_now;
  report_.started_at = wall_now;
  next_send_ = now;
  on_timer(now);
}

bool PingEngine::wants_to_send() const {
  if (!config_.count) return true;
  // With a deadline ping keeps probing until COUNT replies arrived (ping(8), -w).
  if (config_.deadline) return report_.received < *config_.count;
  return report_.transmitted < *config_.count;
}

std::optional<MonoTime> PingEngine::linger_end() const {
  if (!config_.count || config_.deadline || report_.transmitted < *config_.count) return std::nullopt;
  const Duration wait = report_.received > 0 ? std::max(2 * max_rtt_, config_.interval) : config_.linger;
  return last_send_ + wait;
}

MonoTime PingEngine::next_deadline() const {
  if (done_) return MonoTime::max();
  MonoTime next = MonoTime::max();
  if (wants_to_send()) next = std::min(next, next_send_);
  if (config_.deadline) next = std::min(next, started_ + *config_.deadline);
  if (const auto end = linger_end()) next = std::min(next, *end);
  return next;
}

void PingEngine::on_timer(MonoTime now) {
  if (done_) return;
  if (config_.deadline && now >= started_ + *config_.deadline) {
    finish(now);
    return;
  }
  if (wants_to_send() && now >= next_send_) send_probe(now);
  check_finished(now);
}

void PingEngine::send_probe(MonoTime now) {
  const std::uint64_t number = report_.transmitted;
  if (config_.report_outstanding && !probes_.empty()) {
    const Probe& previous = probes_.back();
    if (previous.answers == 0 && !previous.errored) observer_(PingNoAnswerEvent{number - 1});
  }
  const auto sequence = Sequence::truncate(number + 1);
  const auto sent = transport_.send_echo(sequence, config_.payload);
  probes_.push_back(Probe{sent ? *sent : wall_at(now), 0, !sent});
  if (probes_.size() > kProbesKept) {
    probes_.pop_front();
    ++first_kept_;
  }
  ++report_.transmitted;
  last_send_ = now;
  // Keep the schedule anchored so intervals do not drift by processing time, but never try to
  // catch up with a burst after a stall.
  next_send_ += config_.interval;
  if (next_send_ <= now) next_send_ = now + config_.interval;

  if (sent) {
    observer_(PingSentEvent{number});
    return;
  }
  ++answered_or_failed_;
  PingErrorRecord error;
  error.probe_number = number;
  error.sequence = sequence;
  error.kind = PingErrorKind::local;
  error.mtu = sent.error().mtu;
  error.local_errno = sent.error().error;
  error.received_at = wall_at(now);
  report_.add_error(error);
  observer_(error);
}

PingEngine::Probe* PingEngine::find_probe(std::uint64_t probe_number) {
  if (probe_number < first_kept_) return nullptr;
  const auto index = probe_number - first_kept_;
  if (index >= probes_.size()) return nullptr;
  return &probes_[index];
}

void PingEngine::on_reply(const Reply& reply, MonoTime now) {
  if (done_) return;
  const auto match = match_ping_reply(reply, identifier_, report_.address, report_.transmitted);
  Probe* probe = match ? find_probe(match->probe_number) : nullptr;
  if (probe == nullptr) {
    ++unrelated_;
    return;
  }
  const std::uint64_t number = match->probe_number;

  if (reply.kind == ReplyKind::echo_reply) {
    PingReplyRecord record;
    record.probe_number = number;
    record.sequence = reply.sequence;
    record.from = reply.from;
    record.rtt = std::max(Duration::zero(), reply.received_at - probe->sent_wall);
    record.ttl = reply.ttl;
    record.icmp_bytes = reply.icmp_bytes;
    record.duplicate = probe->answers > 0;
    record.late = record.rtt > config_.linger;
    record.payload_intact = reply.payload_intact;
    record.received_at = reply.received_at;
    ++probe->answers;
    if (record.duplicate) {
      ++report_.duplicates;
    } else {
      ++report_.received;
      if (!probe->errored) ++answered_or_failed_;
      max_rtt_ = std::max(max_rtt_, record.rtt);
    }
    if (!record.payload_intact) ++report_.corrupted;
    report_.add_reply(record);
    observer_(record);
    // Flood: the next probe goes as soon as the newest one is answered.
    if (config_.flood && !record.duplicate && number + 1 == report_.transmitted) next_send_ = now;
  } else {
    PingErrorRecord error;
    error.probe_number = number;
    error.sequence = reply.sequence;
    error.kind = reply.kind == ReplyKind::icmp_error ? PingErrorKind::icmp : PingErrorKind::local;
    error.from = reply.from;
    error.icmp_type = reply.icmp_type;
    error.icmp_code = reply.icmp_code;
    error.mtu = reply.mtu;
    error.local_errno = reply.local_errno;
    error.received_at = reply.received_at;
    if (!probe->errored && probe->answers == 0) ++answered_or_failed_;
    probe->errored = true;
    report_.add_error(error);
    observer_(error);
  }
  check_finished(now);
}

void PingEngine::check_finished(MonoTime now) {
  if (done_) return;
  // Every probe answered or failed (ping: nreceived + nerrors >= npackets).
  if (config_.count && answered_or_failed_ >= *config_.count && !wants_to_send()) {
    finish(now);
    return;
  }
  if (const auto end = linger_end(); end && now >= *end) finish(now);
}

void PingEngine::interrupt(MonoTime now) {
  if (done_) return;
  report_.interrupted = true;
  finish(now);
}

void PingEngine::finish(MonoTime now) {
  done_ = true;
  report_.elapsed = now - started_;
  report_.finalize();
}

}  // namespace netdiag
