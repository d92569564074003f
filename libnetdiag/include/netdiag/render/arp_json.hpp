// JSON output of nd-arp (schema netdiag.arp/1, schemas/netdiag.arp-1.schema.json).
#pragma once

#include <string>

#include "netdiag/model/arp_report.hpp"

namespace netdiag {

// --json: the whole run as one document. No newline at the end.
std::string render_arp_json(const ArpReport& report);
// --ndjson: one {"event":"answer"} line per answer as it comes.
std::string render_arp_answer_ndjson(const ArpReport& report, const ArpAnswer& answer);
// --ndjson: the closing line, {"event":"summary", ...the document...}.
std::string render_arp_summary_ndjson(const ArpReport& report);

}  // namespace netdiag
