// JSON output of nd-tcp (schema netdiag.tcp/1, schemas/netdiag.tcp-1.schema.json).
#pragma once

#include <string>

#include "netdiag/model/tcp_report.hpp"

namespace netdiag {

// --json: the whole run as one document. No newline at the end.
std::string render_tcp_json(const TcpReport& report);
// --ndjson: one line per attempt as it gets its verdict.
std::string render_tcp_attempt_ndjson(const TcpReport& report, const TcpAttempt& attempt);
// --ndjson: the closing line, {"event":"summary", ...the document...}.
std::string render_tcp_summary_ndjson(const TcpReport& report);

}  // namespace netdiag
