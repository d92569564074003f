#include "netdiag/render/ping_json.hpp"

#include <nlohmann/json.hpp>

#include <cstring>
#include <type_traits>

#include "netdiag/core/version.hpp"
#include "units.hpp"
#include "netdiag/render/ping_text.hpp"

namespace netdiag {
namespace {

// Insertion order: schema, tool, version, target, started_at first, as DESIGN.md sets out.
using json = nlohmann::ordered_json;

// Milliseconds rounded to the microsecond: the resolution of the kernel receive stamps.
double ms(Duration duration) { return render_detail::ms_json(duration); }

json reply_json(const PingReplyRecord& reply) {
  json entry = {
      {"icmp_seq", reply.probe_number + 1},
      {"from", reply.from.to_string()},
      {"rtt_ms", ms(reply.rtt)},
      {"bytes", reply.icmp_bytes},
      {"duplicate", reply.duplicate},
      {"late", reply.late},
      {"payload_intact", reply.payload_intact},
      {"received_at", to_rfc3339(reply.received_at)},
  };
  if (reply.ttl) entry["ttl"] = reply.ttl->value;
  return entry;
}

json error_json(const PingReport& report, const PingErrorRecord& error) {
  json entry = {
      {"icmp_seq", error.probe_number + 1},
      {"kind", error.kind == PingErrorKind::icmp ? "icmp" : "local"},
      {"message", describe_ping_error(report.address.family(), error)},
      {"received_at", to_rfc3339(error.received_at)},
  };
  if (error.kind == PingErrorKind::icmp) {
    entry["from"] = error.from.to_string();
    entry["icmp_type"] = error.icmp_type;
    entry["icmp_code"] = error.icmp_code;
  } else {
    entry["errno"] = error.local_errno;
  }
  if (error.mtu) entry["mtu_bytes"] = error.mtu->value;
  return entry;
}

json optional_ms(const std::optional<RttStatistics>& rtt, Duration RttStatistics::*field) {
  if (!rtt) return nullptr;
  return ms((*rtt).*field);
}

json document(const PingReport& report) {
  json replies = json::array();
  for (const auto& reply : report.replies) replies.push_back(reply_json(reply));
  json errors = json::array();
  for (const auto& error : report.errors) errors.push_back(error_json(report, error));
  return {
      {"schema", "netdiag.ping/1"},
      {"tool", "nd-ping"},
      {"version", std::string(version())},
      {"target", report.target},
      {"started_at", to_rfc3339(report.started_at)},
      {"address", report.address.to_string()},
      {"family", std::string(to_string(report.address.family()))},
      {"socket", std::string(to_string(report.socket))},
      {"identifier", report.identifier},
      {"payload_bytes", report.payload_bytes},
      {"replies", std::move(replies)},
      {"errors", std::move(errors)},
      {"packets_transmitted", report.transmitted},
      {"packets_received", report.received},
      {"duplicates", report.duplicates},
      {"corrupted", report.corrupted},
      {"packet_loss_percent", report.packet_loss_percent},
      {"round_trip_ms_min", optional_ms(report.rtt, &RttStatistics::min)},
      {"round_trip_ms_avg", optional_ms(report.rtt, &RttStatistics::avg)},
      {"round_trip_ms_max", optional_ms(report.rtt, &RttStatistics::max)},
      {"round_trip_ms_stddev", optional_ms(report.rtt, &RttStatistics::stddev)},
      {"elapsed_ms", ms(report.elapsed)},
      {"interrupted", report.interrupted},
  };
}

}  // namespace

std::string render_ping_json(std::span<const PingReport> reports) {
  if (reports.size() == 1) return document(reports.front()).dump(2);
  json all = json::array();
  for (const auto& report : reports) all.push_back(document(report));
  return all.dump(2);
}

std::optional<std::string> render_ping_event_ndjson(const PingReport& report, const PingEvent& event) {
  return std::visit(
      [&](const auto& e) -> std::optional<std::string> {
        using Event = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<Event, PingSentEvent>) {
          return std::nullopt;
        } else {
          json line;
          if constexpr (std::is_same_v<Event, PingReplyRecord>) {
            line = {{"event", "reply"}, {"target", report.target}};
            line.update(reply_json(e));
          } else if constexpr (std::is_same_v<Event, PingErrorRecord>) {
            line = {{"event", "error"}, {"target", report.target}};
            line.update(error_json(report, e));
          } else {
            line = {{"event", "no_answer_yet"}, {"target", report.target}, {"icmp_seq", e.probe_number + 1}};
          }
          return line.dump();
        }
      },
      event);
}

std::string render_ping_summary_ndjson(const PingReport& report) {
  json line = {{"event", "summary"}};
  line.update(document(report));
  return line.dump();
}

}  // namespace netdiag
