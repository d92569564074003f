// JSON output of nd-dns (schema netdiag.dns/1, schemas/netdiag.dns-1.schema.json).
#pragma once

#include <string>
#include <vector>

#include "netdiag/model/dns_report.hpp"

namespace netdiag {

// --json: one resolution as one document. No newline at the end.
std::string render_dns_json(const DnsReport& report);
// --json with -f: every resolution of the batch in one document, {"schema": …, "resolutions": […]}.
std::string render_dns_batch_json(const std::vector<DnsReport>& reports, std::uint32_t queries_sent, Duration elapsed);
// --ndjson: one line per step as it happens ({"event":"step", "name": the name being resolved, …}).
std::string render_dns_step_ndjson(const wire::DnsQuestion& question, const DnsStep& step, std::size_t number);
// --ndjson: the closing line of one resolution, {"event":"summary", …the document…}.
std::string render_dns_summary_ndjson(const DnsReport& report);

}  // namespace netdiag
