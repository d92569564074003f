// Drives one PingEngine per target on Boost.Asio: a socket each, a timer each, SIGINT/SIGTERM
// ending every run cleanly with its report complete.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "netdiag/io/icmp_socket.hpp"
#include "netdiag/model/ping_report.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/probe/ping_engine.hpp"

namespace netdiag {

struct PingTarget {
  std::string name;  // as the user wrote it
  IpAddress address;
};

struct PingRunCallbacks {
  std::function<void(const PingReport&, const PingEvent&)> on_event;
  std::function<void(const PingReport&)> on_finished;
};

// Probes every target concurrently, targets[i] through sockets.get()[i]. Returns when every run
// is done or a SIGINT/SIGTERM arrived; the reports are in target order and finalized.
std::vector<PingReport> run_ping(Unprivileged<std::vector<IcmpSocket>>& sockets, std::span<const PingTarget> targets,
                                 const PingConfig& config, const PingRunCallbacks& callbacks);

}  // namespace netdiag
