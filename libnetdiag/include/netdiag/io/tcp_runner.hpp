// Drives a TcpEngine on a TcpConnector until every attempt has its verdict, the deadline
// passes, or SIGINT/SIGTERM arrives.
#pragma once

#include <functional>
#include <vector>

#include "netdiag/io/tcp_connector.hpp"
#include "netdiag/model/tcp_report.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/probe/tcp_engine.hpp"

namespace netdiag {

struct TcpRunCallbacks {
  // An attempt got its verdict.
  std::function<void(const TcpReport&, const TcpAttempt&)> on_attempt;
};

// `report` comes with its targets, ports and mode set; it is returned finalized.
TcpReport run_tcp(Unprivileged<TcpConnector>& connector, TcpReport report, std::vector<TcpEndpoint> endpoints,
                  const TcpConfig& config, const TcpRunCallbacks& callbacks);

}  // namespace netdiag
