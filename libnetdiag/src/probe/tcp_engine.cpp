#include "netdiag/probe/tcp_engine.hpp"

#include <algorithm>
#include <utility>

namespace netdiag {

TcpEngine::TcpEngine(TcpConfig config, std::vector<TcpEndpoint> endpoints, ConnectTransport& transport,
                     TcpReport& report, Observer observer)
    : config_(std::move(config)),
      endpoints_(std::move(endpoints)),
      transport_(transport),
      report_(report),
      observer_(std::move(observer)),
      sequences_(endpoints_.size(), 0),
      slowest_answer_(report.targets.size()) {
  config_.parallel = std::max<std::size_t>(config_.parallel, 1);
}

void TcpEngine::start(MonoTime now, WallTime wall_now) {
  started_ = now;
  report_.started_at = wall_now;
  on_timer(now);
}

void TcpEngine::on_timer(MonoTime now) {
  if (done_) return;
  if (config_.deadline && now >= started_ + *config_.deadline) {
    finish(now);
    return;
  }
  expire(now);
  start_due(now);
  check_finished(now);
}

void TcpEngine::on_reply(const ConnectResult& result, MonoTime now) {
  if (done_) return;
  const auto found = in_flight_.find(result.attempt_id);
  if (found == in_flight_.end()) return;
  const InFlight attempt = found->second;
  in_flight_.erase(found);
  record(attempt, result);
  start_due(now);
  check_finished(now);
}

void TcpEngine::interrupt(MonoTime now) {
  if (done_) return;
  report_.interrupted = true;
  finish(now);
}

bool TcpEngine::may_start(MonoTime now) const {
  if (in_flight_.size() >= config_.parallel) return false;
  return !started_any_ || !config_.spacing || now >= last_start_ + *config_.spacing;
}

// The earliest instant something may start, ignoring the window; max() when nothing is left.
MonoTime TcpEngine::next_start() const {
  MonoTime earliest = MonoTime::max();
  if (!retries_.empty() || next_endpoint_ < endpoints_.size()) earliest = started_;
  if (!again_.empty()) earliest = std::min(earliest, again_.begin()->first);
  if (earliest != MonoTime::max() && started_any_ && config_.spacing)
    earliest = std::max(earliest, last_start_ + *config_.spacing);
  return earliest;
}

void TcpEngine::start_due(MonoTime now) {
  while (may_start(now)) {
    if (!retries_.empty()) {
      InFlight retry = retries_.front();
      retries_.pop_front();
      start_try(retry, now);
      continue;
    }
    std::size_t endpoint = 0;
    if (!again_.empty() && again_.begin()->first <= now) {
      endpoint = again_.begin()->second;
      again_.erase(again_.begin());
    } else if (next_endpoint_ < endpoints_.size()) {
      endpoint = next_endpoint_++;
    } else {
      return;
    }
    InFlight attempt;
    attempt.endpoint = endpoint;
    attempt.sequence = ++sequences_[endpoint];
    if (config_.count == 0 || attempt.sequence < config_.count) again_.emplace(now + config_.interval, endpoint);
    start_try(attempt, now);
  }
}

void TcpEngine::start_try(InFlight attempt, MonoTime now) {
  const TcpEndpoint& endpoint = endpoints_[attempt.endpoint];
  const std::uint64_t id = next_id_++;
  attempt.started = now;
  attempt.started_wall = transport_.start(id, endpoint.address, endpoint.port);
  if (attempt.tries == 1) attempt.first_started_wall = attempt.started_wall;
  in_flight_.emplace(id, attempt);
  last_start_ = now;
  started_any_ = true;
}

Duration TcpEngine::wait_for(std::size_t target) const {
  const auto& slowest = slowest_answer_[target];
  if (!config_.adaptive_wait || !slowest) return config_.timeout;
  return std::min(config_.timeout, std::max(kAdaptiveFloor, *slowest * kAdaptiveFactor));
}

void TcpEngine::expire(MonoTime now) {
  for (auto it = in_flight_.begin(); it != in_flight_.end();) {
    InFlight attempt = it->second;
    if (attempt.started + wait_for(endpoints_[attempt.endpoint].target) > now) {
      ++it;
      continue;
    }
    const ConnectResult result = transport_.abandon(it->first);
    it = in_flight_.erase(it);
    const bool silent = result.observation.end == ConnectEnd::timed_out;
    if (silent && attempt.tries <= config_.retries && !result.observation.next_hop_unresolved) {
      attempt.syn_sent_before += result.syn_sent;
      for (auto entry : result.timeline) {
        entry.at += attempt.started_wall - attempt.first_started_wall;
        attempt.timeline_before.push_back(std::move(entry));
      }
      ++attempt.tries;
      retries_.push_back(attempt);
      continue;
    }
    record(attempt, result);
  }
}

void TcpEngine::record(const InFlight& attempt, const ConnectResult& result) {
  const TcpEndpoint& endpoint = endpoints_[attempt.endpoint];
  const TcpVerdict verdict = classify_connect(result.observation);
  TcpAttempt out;
  out.target = endpoint.target;
  out.port = endpoint.port;
  out.sequence = attempt.sequence;
  out.state = verdict.state;
  out.reason = verdict.reason;
  const auto& icmp = result.observation.icmp;
  if (icmp) {
    out.icmp = TcpIcmp{icmp->family, icmp->type, icmp->code};
    out.responder = icmp->offender;
  } else if (verdict.state == TcpState::open || verdict.state == TcpState::closed) {
    out.responder = endpoint.address;
  }
  const bool answered = verdict.state == TcpState::open || verdict.state == TcpState::closed ||
                        (icmp && !icmp->offender_is_local);
  // Wall-clock differences: a clock step in between must not make them negative.
  const auto since = [](WallTime from, WallTime to) { return std::max(Duration{}, to - from); };
  if (answered) {
    out.rtt = since(attempt.started_wall, result.ended_at);
    if (out.responder == endpoint.address) {
      auto& slowest = slowest_answer_[endpoint.target];
      slowest = std::max(slowest.value_or(Duration{}), *out.rtt);
    }
  }
  out.elapsed = since(attempt.first_started_wall, result.ended_at);
  out.syn_sent = attempt.syn_sent_before + result.syn_sent;
  out.tcp_info = result.tcp_info;
  // connect()'s errno says what our own host did; an RST's ECONNREFUSED says nothing more.
  if (verdict.state == TcpState::error || verdict.reason == TcpReason::no_route) out.local_errno = result.observation.error;
  out.source = result.source;
  out.source_port = result.source_port;
  out.interface = result.interface;
  out.next_hop = result.next_hop;
  out.started_at = attempt.first_started_wall;
  out.timeline = attempt.timeline_before;
  for (auto entry : result.timeline) {
    entry.at += attempt.started_wall - attempt.first_started_wall;
    out.timeline.push_back(std::move(entry));
  }
  report_.add(out);
  if (observer_) observer_(out);
}

void TcpEngine::check_finished(MonoTime now) {
  if (in_flight_.empty() && retries_.empty() && again_.empty() && next_endpoint_ >= endpoints_.size()) finish(now);
}

void TcpEngine::finish(MonoTime now) {
  done_ = true;
  report_.elapsed = now - started_;
  report_.finalize();
}

MonoTime TcpEngine::next_deadline() const {
  if (done_) return MonoTime::max();
  MonoTime next = config_.deadline ? started_ + *config_.deadline : MonoTime::max();
  if (in_flight_.size() < config_.parallel) next = std::min(next, next_start());
  for (const auto& [id, attempt] : in_flight_)
    next = std::min(next, attempt.started + wait_for(endpoints_[attempt.endpoint].target));
  return next;
}

}  // namespace netdiag
