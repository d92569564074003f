#include "netdiag/model/trace_report.hpp"

#include <fmt/format.h>

#include <initializer_list>

namespace netdiag {

std::string_view to_string(TraceMethod method) {
  switch (method) {
    case TraceMethod::udp: return "udp";
    case TraceMethod::icmp: return "icmp";
    case TraceMethod::tcp: return "tcp";
  }
  return "udp";
}

std::string_view to_string(ProbeOutcome outcome) {
  switch (outcome) {
    case ProbeOutcome::pending: return "pending";
    case ProbeOutcome::time_exceeded: return "time_exceeded";
    case ProbeOutcome::reached: return "reached";
    case ProbeOutcome::unreachable: return "unreachable";
    case ProbeOutcome::timed_out: return "timed_out";
    case ProbeOutcome::send_failed: return "send_failed";
    case ProbeOutcome::too_big: return "too_big";
  }
  return "pending";
}

std::string_view tcp_state(TcpAnswer answer) {
  switch (answer) {
    case TcpAnswer::syn_ack: return "open";
    case TcpAnswer::reset: return "closed";
    case TcpAnswer::none: break;
  }
  return "";
}

std::string_view to_string(TraceStopReason reason) {
  switch (reason) {
    case TraceStopReason::destination_reached: return "destination_reached";
    case TraceStopReason::unreachable: return "unreachable";
    case TraceStopReason::max_ttl: return "max_ttl";
    case TraceStopReason::max_unknown: return "max_unknown";
    case TraceStopReason::interrupted: return "interrupted";
  }
  return "max_ttl";
}

std::string_view to_string(MtuSource source) {
  switch (source) {
    case MtuSource::local: return "local";
    case MtuSource::icmp: return "icmp";
    case MtuSource::black_hole: return "black_hole";
  }
  return "icmp";
}

std::optional<std::string> name_of(const TraceReport& report, const IpAddress& address) {
  const auto found = report.names.find(address);
  return found == report.names.end() ? std::nullopt : found->second;
}

std::optional<unsigned> return_hops(const ProbeResult& probe) {
  if (!probe.reply_ttl || probe.reply_ttl->value == 0) return std::nullopt;
  const unsigned remaining = probe.reply_ttl->value;
  for (const unsigned initial : {64U, 128U, 255U}) {
    if (remaining <= initial) return initial - remaining + 1;
  }
  return std::nullopt;
}

std::string annotation(const ProbeResult& probe, Family family) {
  if (probe.outcome != ProbeOutcome::unreachable) return {};
  const auto with_mtu = [&](std::string_view mark) {
    return probe.mtu ? fmt::format("{}-{}", mark, probe.mtu->value) : std::string(mark);
  };
  if (family == Family::ipv4) {
    if (probe.icmp_type != 3) return fmt::format("!<{}>", probe.icmp_type);
    switch (probe.icmp_code) {
      case 0: return "!N";
      case 1: return "!H";
      case 2: return "!P";
      case 4: return with_mtu("!F");
      case 5: return "!S";
      case 9:
      case 10:
      case 13: return "!X";
      case 14: return "!V";
      case 15: return "!C";
      default: return fmt::format("!{}", probe.icmp_code);
    }
  }
  if (probe.icmp_type == 2) return with_mtu("!F");  // ICMPv6 packet too big
  if (probe.icmp_type != 1) return fmt::format("!<{}>", probe.icmp_type);
  switch (probe.icmp_code) {
    case 0: return "!N";
    case 1: return "!X";
    case 3: return "!H";
    case 5:
    case 6: return "!X";
    default: return fmt::format("!{}", probe.icmp_code);
  }
}

}  // namespace netdiag
