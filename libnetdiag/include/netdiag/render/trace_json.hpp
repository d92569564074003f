// JSON output of a trace (schema netdiag.trace/1, schemas/netdiag.trace-1.schema.json).
#pragma once

#include <string>

#include "netdiag/model/trace_report.hpp"

namespace netdiag {

// --json: the whole trace as one document. No newline at the end.
std::string render_trace_json(const TraceReport& report);
// --ndjson: one line for a probe that was answered, timed out or failed.
std::string render_trace_probe_ndjson(const TraceReport& report, const ProbeResult& probe);
// --ndjson: the closing line, {"event":"summary", ...the document...}.
std::string render_trace_summary_ndjson(const TraceReport& report);

}  // namespace netdiag
