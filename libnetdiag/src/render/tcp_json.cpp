#include "netdiag/render/tcp_json.hpp"

#include <nlohmann/json.hpp>

#include <cstring>

#include "netdiag/core/version.hpp"
#include "units.hpp"

namespace netdiag {
namespace {

using json = nlohmann::ordered_json;
using render_detail::ms_json;

json optional_address(const std::optional<IpAddress>& address) {
  return address ? json(address->to_string()) : json(nullptr);
}

json attempt_json(const TcpReport& report, const TcpAttempt& attempt) {
  const TcpTarget& target = report.targets.at(attempt.target);
  json entry = {
      {"host", target.name},
      {"address", target.address.to_string()},
      {"port", attempt.port.value},
      {"seq", attempt.sequence},
      {"state", std::string(to_string(attempt.state))},
      {"reason", std::string(to_string(attempt.reason))},
      {"responder", optional_address(attempt.responder)},
      {"icmp", attempt.icmp ? json{{"type", attempt.icmp->type}, {"code", attempt.icmp->code}} : json(nullptr)},
      {"rtt_ms", attempt.rtt ? json(ms_json(*attempt.rtt)) : json(nullptr)},
      {"elapsed_ms", ms_json(attempt.elapsed)},
      {"syn_sent", attempt.syn_sent},
  };
  if (attempt.tcp_info) {
    const TcpConnectionInfo& info = *attempt.tcp_info;
    entry["tcp_info"] = {
        {"mss_bytes", info.mss_bytes},
        {"send_window_scale", info.send_window_scale ? json(*info.send_window_scale) : json(nullptr)},
        {"receive_window_scale", info.receive_window_scale ? json(*info.receive_window_scale) : json(nullptr)},
        {"sack", info.sack},
        {"timestamps", info.timestamps},
        {"kernel_rtt_ms", ms_json(info.kernel_rtt)},
    };
  } else {
    entry["tcp_info"] = nullptr;
  }
  if (attempt.local_errno != 0) {
    entry["errno"] = attempt.local_errno;
    entry["error"] = std::strerror(attempt.local_errno);
  }
  entry["source"] = optional_address(attempt.source);
  entry["source_port"] = attempt.source_port.value == 0 ? json(nullptr) : json(attempt.source_port.value);
  entry["interface"] = attempt.interface.empty() ? json(nullptr) : json(attempt.interface);
  entry["next_hop"] = optional_address(attempt.next_hop);
  entry["started_at"] = to_rfc3339(attempt.started_at);
  entry["explanation"] = explain(report, attempt);
  json timeline = json::array();
  for (const auto& line : attempt.timeline)
    timeline.push_back(
        {{"at_ms", ms_json(line.at)}, {"source", line.from_capture ? "capture" : "kernel"}, {"text", line.text}});
  entry["timeline"] = std::move(timeline);
  return entry;
}

json document(const TcpReport& report) {
  std::string target;
  json targets = json::array();
  for (const auto& host : report.targets) {
    target += (target.empty() ? "" : " ") + host.name;
    targets.push_back({{"name", host.name},
                       {"address", host.address.to_string()},
                       {"family", std::string(to_string(host.address.family()))}});
  }
  json ports = json::array();
  for (const auto& port : report.ports) ports.push_back(port.value);
  json attempts = json::array();
  for (const auto& attempt : report.attempts) attempts.push_back(attempt_json(report, attempt));
  json endpoints = json::array();
  for (const auto& endpoint : report.endpoints) {
    const TcpTarget& host = report.targets.at(endpoint.target);
    const auto& handshake = endpoint.handshake;
    const auto stat = [&](Duration RttStatistics::*field) {
      return handshake ? json(ms_json((*handshake).*field)) : json(nullptr);
    };
    endpoints.push_back({{"host", host.name},
                         {"address", host.address.to_string()},
                         {"port", endpoint.port.value},
                         {"attempts", endpoint.attempts},
                         {"open", endpoint.open},
                         {"handshake_ms_min", stat(&RttStatistics::min)},
                         {"handshake_ms_avg", stat(&RttStatistics::avg)},
                         {"handshake_ms_max", stat(&RttStatistics::max)},
                         {"handshake_ms_stddev", stat(&RttStatistics::stddev)}});
  }
  json counts = json::object();
  for (std::size_t state = 0; state < kTcpStateCount; ++state)
    counts[std::string(to_string(static_cast<TcpState>(state)))] = report.state_counts[state];
  return {
      {"schema", "netdiag.tcp/1"},
      {"tool", "nd-tcp"},
      {"version", std::string(version())},
      {"target", target},
      {"started_at", to_rfc3339(report.started_at)},
      {"mode", report.ping_mode ? "ping" : "scan"},
      {"targets", std::move(targets)},
      {"ports", std::move(ports)},
      {"attempts", std::move(attempts)},
      {"endpoints", std::move(endpoints)},
      {"counts", std::move(counts)},
      {"elapsed_ms", ms_json(report.elapsed)},
      {"interrupted", report.interrupted},
  };
}

}  // namespace

std::string render_tcp_json(const TcpReport& report) { return document(report).dump(2); }

std::string render_tcp_attempt_ndjson(const TcpReport& report, const TcpAttempt& attempt) {
  json line = {{"event", "attempt"}};
  line.update(attempt_json(report, attempt));
  return line.dump();
}

std::string render_tcp_summary_ndjson(const TcpReport& report) {
  json line = {{"event", "summary"}};
  line.update(document(report));
  return line.dump();
}

}  // namespace netdiag
