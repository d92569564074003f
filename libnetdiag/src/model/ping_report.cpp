#include "netdiag/model/ping_report.hpp"

namespace netdiag {

std::string_view to_string(SocketKind kind) { return kind == SocketKind::datagram ? "datagram" : "raw"; }

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
