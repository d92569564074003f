#include "netdiag/render/trace_text.hpp"

#include "netdiag/wire/icmp_extensions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "units.hpp"

namespace netdiag {
namespace {

std::string format_ms(Duration duration) { return render_detail::ms_text(duration) + " ms"; }

}  // namespace

void TraceTextRenderer::header(const TraceReport& report) {
  const std::string size = report.mtu_discovery ? fmt::format("path MTU discovery from {} bytes", report.packet_bytes)
                                                 : fmt::format("{} byte packets", report.packet_bytes);
  fmt::print(out_, "nd-trace to {} ({}), {} hops max, {}, {}\n", report.target, report.address.to_string(),
             report.max_ttl, size, to_string(report.method));
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
      // traceroute's "name (address)" once the lookup found a name.
      const auto name = name_of(report, *probe.from);
      line += name ? fmt::format(" {} ({})", *name, probe.from->to_string()) : fmt::format(" {}", probe.from->to_string());
      // -e: the label stack, as traceroute -e prints it.
      if (show_mpls_ && !probe.mpls.empty()) line += fmt::format(" <{}>", wire::format_mpls_traceroute(probe.mpls));
      previous = probe.from;
    }
    if (probe.rtt) line += fmt::format("  {}", format_ms(*probe.rtt));
    if (const auto mark = annotation(probe, report.address.family()); !mark.empty()) line += " " + mark;
    // -T: what the port said, as tcptraceroute prints it.
    if (probe.tcp_answer != TcpAnswer::none) line += fmt::format(" [{}]", tcp_state(probe.tcp_answer));
  }
  // tracepath's "pmtu N", on the first hop and wherever the path MTU drops.
  if (hop.mtu && hop.mtu != shown_mtu_) {
    line += fmt::format("  pmtu {}", hop.mtu->value);
    shown_mtu_ = hop.mtu;
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
    if (hop.ttl.value > report.last_ttl || !hop.settled) break;
    // Names are looked up in the background; a hop waits for its own (probing does not).
    if (wait_for_names_ && std::ranges::any_of(hop.probes, [&](const ProbeResult& probe) {
          return probe.from && !report.names.contains(*probe.from);
        }))
      break;
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
  if (report.path_mtu) path_mtu_lines(report);
  std::fflush(out_);
}

void TraceTextRenderer::path_mtu_lines(const TraceReport& report) {
  std::string steps;
  for (const auto& step : report.mtu_steps) {
    steps += steps.empty() ? " (" : ", ";
    switch (step.source) {
      case MtuSource::local: steps += fmt::format("{} on the way out", step.mtu.value); break;
      case MtuSource::icmp:
        steps += fmt::format("{} from hop {}, said {}", step.mtu.value, step.ttl.value,
                             step.reported_by ? step.reported_by->to_string() : std::string("a router"));
        break;
      case MtuSource::black_hole: steps += fmt::format("{} from hop {}, black hole", step.mtu.value, step.ttl.value); break;
    }
  }
  if (!steps.empty()) steps += ")";
  fmt::print(out_, "path MTU {}{}\n", report.path_mtu->value, steps);
  for (const auto& hole : report.black_holes) {
    const std::string before = hole.after_ttl == 0 ? std::string("this host") : fmt::format("hop {}", hole.after_ttl);
    fmt::print(out_,
               "PMTU black hole between {} and hop {}, largest size that passes: {} "
               "({} bytes and more vanish without an ICMP error; {} search probes)\n",
               before, hole.ttl.value, hole.largest_passing_bytes, hole.smallest_failing_bytes, hole.probes);
  }
}

}  // namespace netdiag
