// Drives a TraceEngine on its probe socket until the trace ends or SIGINT/SIGTERM arrives.
#pragma once

#include <functional>
#include <string>

#include "netdiag/io/icmp_socket.hpp"
#include "netdiag/io/tcp_probe_socket.hpp"
#include "netdiag/io/udp_probe_socket.hpp"
#include "netdiag/model/trace_report.hpp"
#include "netdiag/privilege/capabilities.hpp"
#include "netdiag/probe/trace_engine.hpp"

namespace netdiag {

struct TraceRunCallbacks {
  // A probe was answered, timed out or could not be sent.
  std::function<void(const TraceReport&, const ProbeResult&)> on_probe;
  // Something else the run should wait on (e.g. ReverseResolver::notify_fd): on_wake runs when
  // `wake_fd` is readable, until the trace ends.
  int wake_fd = -1;
  std::function<void(TraceReport&)> on_wake;
};

// UDP probes (the default method).
TraceReport run_trace(Unprivileged<UdpProbeSocket>& socket, const std::string& target_name, const IpAddress& target,
                      const TraceConfig& config, const TraceRunCallbacks& callbacks);

// ICMP echo probes (-I): the echo sequence carries the probe id.
TraceReport run_trace(Unprivileged<IcmpSocket>& socket, const std::string& target_name, const IpAddress& target,
                      const TraceConfig& config, const TraceRunCallbacks& callbacks);

// TCP SYN probes (-T): a raw socket's SYNs carry the probe id in the sequence number; in connect
// mode each probe is its own connection.
TraceReport run_trace(Unprivileged<TcpProbeSocket>& socket, const std::string& target_name, const IpAddress& target,
                      const TraceConfig& config, const TraceRunCallbacks& callbacks);

}  // namespace netdiag
