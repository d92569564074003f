#include "netdiag/model/ping_report.hpp"

#include <algorithm>
#include <cmath>

namespace netdiag {

std::string_view to_string(SocketKind kind) { return kind == SocketKind::datagram ? "datagram" : "raw"; }

void RttAccumulator::add(Duration rtt) {
  const auto ns = static_cast<double>(rtt.count());
  ++count_;
  sum_ += ns;
  sum_of_squares_ += ns * ns;
  min_ = std::min(min_, rtt);
  max_ = std::max(max_, rtt);
}

std::optional<RttStatistics> RttAccumulator::statistics() const {
  if (count_ == 0) return std::nullopt;
  const double mean = sum_ / static_cast<double>(count_);
  const double variance = std::max(0.0, sum_of_squares_ / static_cast<double>(count_) - mean * mean);
  return RttStatistics{min_, Duration(std::llround(mean)), max_, Duration(std::llround(std::sqrt(variance)))};
}

void PingReport::add_reply(const PingReplyRecord& reply) {
  if (!reply.duplicate) rtt_samples.add(reply.rtt);
  if (keep_records) replies.push_back(reply);
}

void PingReport::add_error(const PingErrorRecord& error) {
  ++error_count;
  if (keep_records) errors.push_back(error);
}

void PingReport::finalize() {
  packet_loss_percent =
      transmitted == 0 ? 0.0
                       : 100.0 * static_cast<double>(transmitted - std::min(received, transmitted)) /
                             static_cast<double>(transmitted);
  rtt = rtt_samples.statistics();
}

int exit_status(const PingReport& report) {
  if (report.received == 0) return 1;
  if (report.has_deadline && report.requested_count && report.received < *report.requested_count) return 1;
  return 0;
}

}  // namespace netdiag
