#include "netdiag/model/ping_report.hpp"

#include <algorithm>
#include <cmath>

namespace netdiag {

std::string_view to_string(SocketKind kind) { return kind == SocketKind::datagram ? "datagram" : "raw"; }

void PingReport::finalize() {
  packet_loss_percent =
      transmitted == 0 ? 0.0
                       : 100.0 * static_cast<double>(transmitted - std::min(received, transmitted)) /
                             static_cast<double>(transmitted);
  rtt.reset();
  double sum = 0.0;
  double sum_of_squares = 0.0;
  std::size_t count = 0;
  RttStatistics stats{Duration::max(), {}, Duration::min(), {}};
  // Like ping, duplicates do not enter the statistics: they would count one probe twice.
  for (const auto& reply : replies) {
    if (reply.duplicate) continue;
    const auto ns = static_cast<double>(reply.rtt.count());
    sum += ns;
    sum_of_squares += ns * ns;
    stats.min = std::min(stats.min, reply.rtt);
    stats.max = std::max(stats.max, reply.rtt);
    ++count;
  }
  if (count == 0) return;
  const double mean = sum / static_cast<double>(count);
  const double variance = std::max(0.0, sum_of_squares / static_cast<double>(count) - mean * mean);
  stats.avg = Duration(std::llround(mean));
  stats.stddev = Duration(std::llround(std::sqrt(variance)));
  rtt = stats;
}

int exit_status(const PingReport& report) {
  if (report.received == 0) return 1;
  if (report.has_deadline && report.requested_count && report.received < *report.requested_count) return 1;
  return 0;
}

}  // namespace netdiag
