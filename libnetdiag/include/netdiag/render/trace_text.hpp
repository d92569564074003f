// Human output of a trace, in the shape traceroute users read at a glance:
//    1  198.18.1.1  0.121 ms  0.088 ms  0.090 ms
//    2  * * *
//    3  198.18.3.1  2.301 ms !H  2.280 ms !H  2.310 ms !H
// With --mtu, "pmtu N" on the first hop and where the path MTU drops, as tracepath prints it,
// and after the trace the path MTU, where each step comes from, and any black hole.
// Hops are printed in order as soon as they are final, although their probes run in parallel.
#pragma once

#include <cstddef>
#include <cstdio>
#include <optional>

#include "netdiag/model/trace_report.hpp"

namespace netdiag {

class TraceTextRenderer {
 public:
  explicit TraceTextRenderer(std::FILE* out) : out_(out) {}

  // Without -n: a hop is printed only once its addresses' names are looked up (report.names).
  void wait_for_names(bool wait) { wait_for_names_ = wait; }
  // -e: MPLS label stacks after the address, "<MPLS:L=24001,E=0,S=1,T=1>" as traceroute -e.
  void show_mpls(bool show) { show_mpls_ = show; }

  // "nd-trace to NAME (ADDRESS), 30 hops max, 60 byte packets, udp"
  void header(const TraceReport& report);
  // Prints every hop that has become final since the last call.
  void progress(const TraceReport& report);
  // After the run: the hops not printed yet, then one line saying how the trace ended.
  void summary(const TraceReport& report);

 private:
  void hop_line(const TraceReport& report, const HopResult& hop);
  void path_mtu_lines(const TraceReport& report);
  std::FILE* out_;
  std::size_t printed_ = 0;
  std::optional<Mtu> shown_mtu_;
  bool wait_for_names_ = false;
  bool show_mpls_ = false;
};

}  // namespace netdiag
