#include "netdiag/render/tcp_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <tuple>
#include <vector>

#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "colors.hpp"
#include "units.hpp"

namespace netdiag {
namespace {

using render_detail::kRed;
using render_detail::kGreen;
using render_detail::kYellow;
using render_detail::kReset;
using render_detail::ms_text;

std::string seconds_text(Duration duration) {
  return fmt::format("{:.1f} s", std::chrono::duration<double>(duration).count());
}

// "mss 1460, wscale 7/7, sack, timestamps": what the handshake agreed.
std::string connection_text(const TcpConnectionInfo& info) {
  std::string text = fmt::format("mss {}", info.mss_bytes);
  if (info.send_window_scale && info.receive_window_scale)
    text += fmt::format(", wscale {}/{}", *info.send_window_scale, *info.receive_window_scale);
  if (info.sack) text += ", sack";
  if (info.timestamps) text += ", timestamps";
  return text;
}

std::string icmp_words(const TcpAttempt& attempt) {
  if (!attempt.icmp) return "ICMP";
  return "ICMP " + std::string(attempt.icmp->family == Family::ipv4 ? wire::describe_icmp(attempt.icmp->type, attempt.icmp->code)
                                                      : wire::describe_icmpv6(attempt.icmp->type, attempt.icmp->code));
}

// The evidence behind a verdict, without the state: "RST from 198.18.1.2".
std::string evidence(const TcpReport& report, const TcpAttempt& attempt) {
  const IpAddress& target = report.targets.at(attempt.target).address;
  const std::string responder = attempt.responder ? attempt.responder->to_string() : std::string("?");
  switch (attempt.reason) {
    case TcpReason::syn_ack: return "SYN-ACK";
    case TcpReason::reset: return "RST from " + responder;
    case TcpReason::icmp_port_unreachable:
    case TcpReason::icmp_admin_prohibited:
    case TcpReason::icmp_net_unreachable:
    case TcpReason::icmp_host_unreachable:
    case TcpReason::icmp_time_exceeded:
    case TcpReason::icmp_error: return icmp_words(attempt) + " from " + responder;
    case TcpReason::no_response:
      return fmt::format("no answer to {} SYN{}", attempt.syn_sent, attempt.syn_sent == 1 ? "" : "s");
    case TcpReason::no_neighbour: {
      const IpAddress neighbour = attempt.next_hop.value_or(target);
      return fmt::format("no {} for {}{}", neighbour.family() == Family::ipv4 ? "ARP reply" : "neighbour advertisement",
                         neighbour.to_string(), attempt.interface.empty() ? "" : " on " + attempt.interface);
    }
    case TcpReason::no_route: return "no route to " + target.to_string();
    case TcpReason::local_firewall: return "refused by this host's firewall or routing policy";
    case TcpReason::local_error: return std::string("connect: ") + std::strerror(attempt.local_errno);
  }
  return {};
}

const char* state_color(TcpState state) {
  switch (state) {
    case TcpState::open: return kGreen;
    case TcpState::closed: return kYellow;
    default: return kRed;
  }
}

}  // namespace

void TcpTextRenderer::header(const TcpReport& report) {
  if (report.ping_mode) {
    const TcpTarget& target = report.targets.front();
    fmt::print(out_, "ND-TCP {} ({}) port {}\n", target.name, target.address.to_string(), report.ports.front().value);
  } else {
    for (const auto& target : report.targets)
      fmt::print(out_, "nd-tcp: {} port{} on {} ({})\n", report.ports.size(), report.ports.size() == 1 ? "" : "s",
                 target.name, target.address.to_string());
  }
  std::fflush(out_);
}

void TcpTextRenderer::attempt(const TcpReport& report, const TcpAttempt& attempt) {
  if (!report.ping_mode || options_.quiet) return;
  const TcpTarget& target = report.targets.at(attempt.target);
  std::string state(to_string(attempt.state));
  if (options_.color) state = state_color(attempt.state) + state + kReset;
  fmt::print(out_, "{} port {}: {}, {}, seq={} ", target.address.to_string(), attempt.port.value, state,
             evidence(report, attempt), attempt.sequence);
  if (attempt.rtt) {
    fmt::print(out_, "time={} ms", ms_text(*attempt.rtt));
  } else {
    fmt::print(out_, "waited {}", seconds_text(attempt.elapsed));
  }
  if (attempt.tcp_info) fmt::print(out_, " ({})", connection_text(*attempt.tcp_info));
  fmt::print(out_, "\n");
  if (options_.explain) explain_lines(report, attempt);
  std::fflush(out_);
}

void TcpTextRenderer::explain_lines(const TcpReport& report, const TcpAttempt& attempt) {
  for (const auto& entry : attempt.timeline)
    fmt::print(out_, "  {:>10} ms  {}{}\n", ms_text(entry.at), entry.from_capture ? "" : "[kernel] ", entry.text);
  fmt::print(out_, "  {}\n", explain(report, attempt));
}

void TcpTextRenderer::scan_table(const TcpReport& report, std::size_t target) {
  std::vector<const TcpAttempt*> rows;
  std::map<std::pair<TcpState, TcpReason>, std::size_t> groups;
  for (const auto& attempt : report.attempts) {
    if (attempt.target != target) continue;
    rows.push_back(&attempt);
    ++groups[{attempt.state, attempt.reason}];
  }
  const TcpTarget& host = report.targets.at(target);
  fmt::print(out_, "\nnd-tcp report for {} ({})\n", host.name, host.address.to_string());
  const auto collapsed = [&](const TcpAttempt& attempt) {
    return !options_.all && attempt.state != TcpState::open && groups[{attempt.state, attempt.reason}] > kCollapseAbove;
  };
  std::erase_if(rows, [&](const TcpAttempt* attempt) { return collapsed(*attempt); });
  if (!rows.empty()) fmt::print(out_, "{:<10}{:<13}{:<23}{:<12}{}\n", "PORT", "STATE", "REASON", "TIME", "DETAIL");
  for (const TcpAttempt* attempt : rows) {
    std::string detail;
    if (attempt->tcp_info) {
      detail = connection_text(*attempt->tcp_info);
    } else if (attempt->reason != TcpReason::syn_ack) {
      detail = evidence(report, *attempt);
    }
    std::string state(to_string(attempt->state));
    const std::string padded = fmt::format("{:<13}", state);
    fmt::print(out_, "{:<10}{}{:<23}{:<12}{}\n", fmt::format("{}/tcp", attempt->port.value),
               options_.color ? state_color(attempt->state) + padded + kReset : padded, to_string(attempt->reason),
               attempt->rtt ? ms_text(*attempt->rtt) + " ms" : seconds_text(attempt->elapsed), detail);
    if (options_.explain) explain_lines(report, *attempt);
  }
  for (const auto& [group, count] : groups) {
    if (options_.all || group.first == TcpState::open || count <= kCollapseAbove) continue;
    fmt::print(out_, "Not shown: {} {} ({})\n", count, to_string(group.first), to_string(group.second));
  }
}

void TcpTextRenderer::summary(const TcpReport& report) {
  const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(report.elapsed).count();
  if (report.ping_mode) {
    fmt::print(out_, "\n--- {} port {} nd-tcp statistics ---\n", report.targets.front().name, report.ports.front().value);
    for (const auto& endpoint : report.endpoints) {
      const double not_open = endpoint.attempts == 0 ? 0.0
                                                     : 100.0 * static_cast<double>(endpoint.attempts - endpoint.open) /
                                                           static_cast<double>(endpoint.attempts);
      fmt::print(out_, "{} attempts, {} open, {:g}% not open, time {}ms\n", endpoint.attempts, endpoint.open, not_open,
                 elapsed_ms);
      if (endpoint.handshake)
        fmt::print(out_, "handshake min/avg/max/mdev = {}/{}/{}/{} ms\n", ms_text(endpoint.handshake->min),
                   ms_text(endpoint.handshake->avg), ms_text(endpoint.handshake->max),
                   ms_text(endpoint.handshake->stddev));
    }
    if (report.endpoints.empty()) fmt::print(out_, "0 attempts, time {}ms\n", elapsed_ms);
    std::fflush(out_);
    return;
  }
  if (!options_.quiet)
    for (std::size_t target = 0; target < report.targets.size(); ++target) scan_table(report, target);
  std::string counts;
  for (std::size_t state = 0; state < kTcpStateCount; ++state) {
    const auto count = report.state_counts[state];
    if (count == 0) continue;
    counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", count, to_string(static_cast<TcpState>(state)));
  }
  fmt::print(out_, "\n{} port{} on {} host{} in {:.2f} s{}{}{}\n", report.endpoints.size(),
             report.endpoints.size() == 1 ? "" : "s", report.targets.size(), report.targets.size() == 1 ? "" : "s",
             std::chrono::duration<double>(report.elapsed).count(), counts.empty() ? "" : "; attempts: ", counts,
             report.interrupted ? " (interrupted)" : "");
  std::fflush(out_);
}

}  // namespace netdiag
