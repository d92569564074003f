// JSON output of a ping run (schema netdiag.ping/1, schemas/netdiag.ping-1.schema.json).
// nlohmann-json stays inside the .cpp: these functions hand back finished text.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "netdiag/model/ping_report.hpp"

namespace netdiag {

// --json: the document of one target, or an array of documents for several. No newline at end.
std::string render_ping_json(std::span<const PingReport> reports);

// --ndjson: one line (without newline) for a reply, an error or a -O notice; empty for events
// that carry nothing for a script (a probe sent).
std::optional<std::string> render_ping_event_ndjson(const PingReport& report, const PingEvent& event);

// --ndjson: the closing summary line, {"event":"summary", ...the whole document...}.
std::string render_ping_summary_ndjson(const PingReport& report);

}  // namespace netdiag
