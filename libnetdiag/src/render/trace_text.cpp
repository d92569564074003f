#include "netdiag/render/trace_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace netdiag {
namespace {

std::string format_ms(Duration duration) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(duration + std::chrono::nanoseconds(500));
  return fmt::format("{}.{:03d} ms", micros.count() / 1000, micros.count() % 1000);
}

}  // namespace

void TraceTextRenderer::header(const TraceReport& report) {
  fmt::print(out_, "nd-trace to {} ({}), {} hops max, {} byte packets, {}\n", report.target,
             report.address.to_string(), report.max_ttl, report.packet_bytes, to_string(report.method));
  std::fflush(out_);
}

void TraceTextRenderer::hop_line(const TraceReport& report, const HopResult& hop) {
  std::string line = fmt::format("{:2d} ", hop.ttl.value);
  std::optional<IpAddress> previous;
  for (const auto& probe : hop.probes) {
    if (probe.outcome == ProbeOutcome::timed_out || probe.outcome == ProbeOutcome::pending) {
      line += " *";
      continue;
    }
    if (probe.outcome == ProbeOutcome::send_failed) {
      line += fmt::format(" !<{}>", std::strerror(probe.local_errno));
      continue;
    }
    if (probe.from && probe.from != previous) {
      line += fmt::format(" {}", probe.from->to_string());
      previous = probe.from;
    }
    if (probe.rtt) line += fmt::format("  {}", format_ms(*probe.rtt));
    if (const auto mark = annotation(probe, report.address.family()); !mark.empty()) line += " " + mark;
  }
  // tracepath's "asymm N": the answers came back over a different number of hops.
  for (const auto& probe : hop.probes) {
    const auto back = return_hops(probe);
    if (back && *back != hop.ttl.value && probe.outcome == ProbeOutcome::time_exceeded) {
      line += fmt::format("  asymm {}", *back);
      break;
    }
  }
  fmt::print(out_, "{}\n", line);
}

void TraceTextRenderer::progress(const TraceReport& report) {
  while (printed_ < report.hops.size()) {
    const HopResult& hop = report.hops[printed_];
    if (hop.ttl.value > report.last_ttl || !hop_complete(hop, report.probes_per_hop)) break;
    hop_line(report, hop);
    ++printed_;
  }
  std::fflush(out_);
}

void TraceTextRenderer::summary(const TraceReport& report) {
  for (; printed_ < report.hops.size(); ++printed_) hop_line(report, report.hops[printed_]);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(report.elapsed).count();
  const std::size_t hops = report.hops.empty() ? 0 : report.hops.back().ttl.value;
  switch (report.stop_reason) {
    case TraceStopReason::destination_reached:
      fmt::print(out_, "--- {} reached in {} hops, {} ms ---\n", report.address.to_string(), hops, elapsed);
      break;
    case TraceStopReason::unreachable:
      fmt::print(out_, "--- {} not reached: unreachable at hop {}, {} ms ---\n", report.address.to_string(), hops,
                 elapsed);
      break;
    case TraceStopReason::max_ttl:
      fmt::print(out_, "--- {} not reached within {} hops, {} ms ---\n", report.address.to_string(), hops, elapsed);
      break;
    case TraceStopReason::max_unknown: {
      std::size_t silent = 0;
      for (auto hop = report.hops.rbegin(); hop != report.hops.rend(); ++hop, ++silent) {
        const bool answered = std::ranges::any_of(hop->probes, [](const ProbeResult& probe) { return probe.rtt.has_value(); });
        if (answered) break;
      }
      fmt::print(out_, "--- {} not reached: no answer from hops {} to {}, {} ms ---\n", report.address.to_string(),
                 hops + 1 - silent, hops, elapsed);
      break;
    }
    case TraceStopReason::interrupted:
      fmt::print(out_, "--- {}: interrupted after {} ms ---\n", report.address.to_string(), elapsed);
      break;
  }
  std::fflush(out_);
}

}  // namespace netdiag
