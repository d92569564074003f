#include "netdiag/render/trace_json.hpp"

#include <nlohmann/json.hpp>


#include "netdiag/core/version.hpp"
#include "units.hpp"

namespace netdiag {
namespace {

using json = nlohmann::ordered_json;

double ms(Duration duration) { return render_detail::ms_json(duration); }

json probe_json(const TraceReport& report, const ProbeResult& probe) {
  json entry = {
      {"probe_id", probe.probe_id},
      {"outcome", std::string(to_string(probe.outcome))},
      {"address", probe.from ? json(probe.from->to_string()) : json(nullptr)},
      {"name", nullptr},
      {"rtt_ms", probe.rtt ? json(ms(*probe.rtt)) : json(nullptr)},
  };
  if (probe.from) {
    if (auto name = name_of(report, *probe.from)) entry["name"] = std::move(*name);
    entry["icmp_type"] = probe.icmp_type;
    entry["icmp_code"] = probe.icmp_code;
  }
  entry["annotation"] = annotation(probe, report.address.family());
  entry["reply_ttl"] = probe.reply_ttl ? json(probe.reply_ttl->value) : json(nullptr);
  entry["late"] = probe.late;
  if (probe.mtu) entry["mtu_bytes"] = probe.mtu->value;
  entry["packet_bytes"] = probe.packet_bytes;
  if (probe.tcp_answer != TcpAnswer::none) entry["tcp_state"] = std::string(tcp_state(probe.tcp_answer));
  if (probe.outcome == ProbeOutcome::send_failed) entry["errno"] = probe.local_errno;
  json mpls = json::array();
  for (const auto& entry_label : probe.mpls) {
    mpls.push_back({{"label", entry_label.label},
                    {"traffic_class", entry_label.traffic_class},
                    {"bottom_of_stack", entry_label.bottom_of_stack},
                    {"ttl", entry_label.ttl}});
  }
  entry["mpls"] = std::move(mpls);
  return entry;
}

json document(const TraceReport& report) {
  json hops = json::array();
  for (const auto& hop : report.hops) {
    json probes = json::array();
    for (const auto& probe : hop.probes) probes.push_back(probe_json(report, probe));
    hops.push_back({{"ttl", hop.ttl.value},
                    {"probes", std::move(probes)},
                    {"mtu_bytes", hop.mtu ? json(hop.mtu->value) : json(nullptr)}});
  }
  json steps = json::array();
  for (const auto& step : report.mtu_steps) {
    steps.push_back({{"ttl", step.ttl.value},
                     {"mtu_bytes", step.mtu.value},
                     {"source", std::string(to_string(step.source))},
                     {"reported_by", step.reported_by ? json(step.reported_by->to_string()) : json(nullptr)}});
  }
  json holes = json::array();
  for (const auto& hole : report.black_holes) {
    holes.push_back({{"after_ttl", hole.after_ttl},
                     {"ttl", hole.ttl.value},
                     {"largest_passing_bytes", hole.largest_passing_bytes},
                     {"smallest_failing_bytes", hole.smallest_failing_bytes},
                     {"probes", hole.probes}});
  }
  return {
      {"schema", "netdiag.trace/1"},
      {"tool", "nd-trace"},
      {"version", std::string(version())},
      {"target", report.target},
      {"started_at", to_rfc3339(report.started_at)},
      {"address", report.address.to_string()},
      {"family", std::string(to_string(report.address.family()))},
      {"method", std::string(to_string(report.method))},
      {"first_ttl", report.first_ttl},
      {"max_ttl", report.max_ttl},
      {"probes_per_hop", report.probes_per_hop},
      {"packet_bytes", report.packet_bytes},
      {"hops", std::move(hops)},
      {"destination_reached", report.destination_reached},
      {"stop_reason", std::string(to_string(report.stop_reason))},
      {"mtu_discovery", report.mtu_discovery},
      {"path_mtu_bytes", report.path_mtu ? json(report.path_mtu->value) : json(nullptr)},
      {"mtu_steps", std::move(steps)},
      {"black_holes", std::move(holes)},
      {"unrelated_replies", report.unrelated_replies},
      {"duplicate_replies", report.duplicate_replies},
      {"elapsed_ms", ms(report.elapsed)},
  };
}

}  // namespace

std::string render_trace_json(const TraceReport& report) { return document(report).dump(2); }

std::string render_trace_probe_ndjson(const TraceReport& report, const ProbeResult& probe) {
  json line = {{"event", "probe"}, {"target", report.target}, {"ttl", probe.ttl.value}};
  line.update(probe_json(report, probe));
  return line.dump();
}

std::string render_trace_summary_ndjson(const TraceReport& report) {
  json line = {{"event", "summary"}};
  line.update(document(report));
  return line.dump();
}

}  // namespace netdiag
