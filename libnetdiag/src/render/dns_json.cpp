#include "netdiag/render/dns_json.hpp"

#include <nlohmann/json.hpp>

#include "netdiag/core/version.hpp"
#include "netdiag/wire/dns_rdata.hpp"
#include "units.hpp"

namespace netdiag {
namespace {

using json = nlohmann::ordered_json;
using render_detail::ms_json;

json record_json(const wire::DnsRecord& record) {
  return {{"name", record.name.to_text()},
          {"type", wire::dns_type_to_text(record.type)},
          {"class", wire::dns_class_to_text(record.klass)},
          {"ttl", record.ttl},
          {"data", wire::dns_rdata_to_text(record.type, record.rdata)}};
}

json records_json(const std::vector<wire::DnsRecord>& records) {
  json out = json::array();
  for (const auto& record : records) out.push_back(record_json(record));
  return out;
}

json flags_json(const wire::DnsHeader& header) {
  json flags = json::array();
  const std::pair<bool, const char*> all[] = {{header.qr, "qr"}, {header.aa, "aa"}, {header.tc, "tc"},
                                              {header.rd, "rd"}, {header.ra, "ra"}, {header.ad, "ad"},
                                              {header.cd, "cd"}};
  for (const auto& [set, name] : all) {
    if (set) flags.push_back(name);
  }
  return flags;
}

json question_json(const wire::DnsQuestion& question) {
  return {{"name", question.name.to_text()}, {"type", wire::dns_type_to_text(question.type)}};
}

json step_json(const DnsStep& step, std::size_t number) {
  json records = json::array();
  for (const auto& entry : step.records) {
    json record = {{"section", std::string(to_string(entry.section))}};
    record.update(record_json(entry.record));
    records.push_back(std::move(record));
  }
  return {
      {"step", number},
      {"zone", step.zone.to_text()},
      {"server",
       {{"name", step.server.name ? json(step.server.name->to_text()) : json(nullptr)},
        {"address", step.server.address.to_string()}}},
      {"query", question_json(step.query)},
      {"minimised", step.minimised},
      {"depth", step.depth},
      {"for_server", step.for_server ? json(step.for_server->to_text()) : json(nullptr)},
      {"cached", step.cached},
      {"transport", std::string(to_string(step.transport))},
      {"rtt_ms", step.rtt ? json(ms_json(*step.rtt)) : json(nullptr)},
      {"rcode", step.header ? json(wire::dns_rcode_to_text(step.header->rcode)) : json(nullptr)},
      {"flags", step.header ? flags_json(*step.header) : json::array()},
      {"response_bytes", step.response_bytes},
      {"outcome", std::string(to_string(step.outcome))},
      {"detail", step.detail},
      {"records", std::move(records)},
  };
}

json resolution_json(const DnsReport& report) {
  json steps = json::array();
  for (std::size_t i = 0; i < report.steps.size(); ++i) steps.push_back(step_json(report.steps[i], i + 1));
  json disagreements = json::array();
  for (const auto& text : report.disagreements) disagreements.push_back(text);
  return {
      {"question", {{"name", report.question.name.to_text()},
                    {"type", wire::dns_type_to_text(report.question.type)},
                    {"class", wire::dns_class_to_text(report.question.klass)}}},
      {"mode", report.iterative ? "iterative" : "stub"},
      {"started_at", to_rfc3339(report.started_at)},
      {"result", std::string(to_string(report.result))},
      {"final_name", report.final_name.to_text()},
      {"failure", report.failure.empty() ? json(nullptr) : json(report.failure)},
      {"steps", std::move(steps)},
      {"answer", records_json(report.answer)},
      {"authority", records_json(report.authority)},
      {"disagreements", std::move(disagreements)},
      {"queries_sent", report.queries_sent},
      {"elapsed_ms", ms_json(report.elapsed)},
      {"interrupted", report.result == DnsResult::interrupted},
  };
}

json document(const DnsReport& report) {
  json out = {{"schema", "netdiag.dns/1"}, {"tool", "nd-dns"}, {"version", std::string(version())}};
  out.update(resolution_json(report));
  return out;
}

}  // namespace

std::string render_dns_json(const DnsReport& report) { return document(report).dump(2); }

std::string render_dns_batch_json(const std::vector<DnsReport>& reports, std::uint32_t queries_sent, Duration elapsed) {
  json resolutions = json::array();
  bool interrupted = false;
  for (const auto& report : reports) {
    resolutions.push_back(resolution_json(report));
    interrupted = interrupted || report.result == DnsResult::interrupted;
  }
  json out = {{"schema", "netdiag.dns-batch/1"},
              {"tool", "nd-dns"},
              {"version", std::string(version())},
              {"resolutions", std::move(resolutions)},
              {"queries_sent", queries_sent},
              {"elapsed_ms", ms_json(elapsed)},
              {"interrupted", interrupted}};
  return out.dump(2);
}

std::string render_dns_step_ndjson(const wire::DnsQuestion& question, const DnsStep& step, std::size_t number) {
  json line = {{"event", "step"}, {"resolving", question_json(question)}};
  line.update(step_json(step, number));
  return line.dump();
}

std::string render_dns_summary_ndjson(const DnsReport& report) {
  json line = {{"event", "summary"}};
  line.update(document(report));
  return line.dump();
}

}  // namespace netdiag
