#include "netdiag/render/dns_text.hpp"

#include <fmt/format.h>

#include <string>

#include "colors.hpp"
#include "netdiag/wire/dns_rdata.hpp"
#include "units.hpp"

namespace netdiag {
namespace {

using render_detail::ms_text;

const char* color_of(DnsOutcome outcome) {
  switch (outcome) {
    case DnsOutcome::answer:
    case DnsOutcome::referral:
    case DnsOutcome::cname:
    case DnsOutcome::dname: return render_detail::kGreen;
    case DnsOutcome::nxdomain:
    case DnsOutcome::nodata:
    case DnsOutcome::truncated: return render_detail::kYellow;
    default: return render_detail::kRed;
  }
}

std::string flags_text(const wire::DnsHeader& header) {
  std::string flags;
  const std::pair<bool, const char*> all[] = {{header.aa, "aa"}, {header.tc, "tc"}, {header.rd, "rd"},
                                              {header.ra, "ra"}, {header.ad, "ad"}, {header.cd, "cd"}};
  for (const auto& [set, name] : all) {
    if (set) flags += (flags.empty() ? "" : " ") + std::string(name);
  }
  return flags;
}

std::string record_line(const wire::DnsRecord& record) {
  return fmt::format("{:<24} {:>6}  {:<3} {:<6} {}", record.name.to_text(), record.ttl,
                     wire::dns_class_to_text(record.klass), wire::dns_type_to_text(record.type),
                     wire::dns_rdata_to_text(record.type, record.rdata));
}

}  // namespace

void DnsTextRenderer::header(const wire::DnsQuestion& question, const std::string& start) {
  if (options_.short_form) return;
  fmt::print(out_, "nd-dns: {} {}, {}\n", question.name.to_text(), wire::dns_type_to_text(question.type), start);
}

void DnsTextRenderer::step(const DnsStep& step, std::size_t number) {
  if (options_.short_form || options_.quiet) return;
  const std::string indent(2 * step.depth, ' ');
  const std::string server = step.server.name
                                 ? fmt::format("{} ({})", step.server.name->to_text(), step.server.address.to_string())
                                 : step.server.address.to_string();
  // A cached step sent nothing: "cached" where the time would be.
  const std::string rtt = step.rtt ? ms_text(*step.rtt) + " ms" : step.cached ? "cached" : "-";
  std::string status;
  if (step.header) {
    status = wire::dns_rcode_to_text(step.header->rcode);
    if (const std::string flags = flags_text(*step.header); !flags.empty()) status += " " + flags;
  }
  std::string query = step.query.name.to_text() + " " + wire::dns_type_to_text(step.query.type);
  if (step.minimised) query += " (qmin)";
  if (step.for_server) query += " [for " + step.for_server->to_text() + "]";
  const std::string detail = options_.color ? fmt::format("{}{}{}", color_of(step.outcome), step.detail,
                                                          render_detail::kReset)
                                            : step.detail;
  fmt::print(out_, "{}{:>2}  {:<14} {:<36} {}  {:>10}  {:<14} {}\n", indent, number, step.zone.to_text(), server,
             to_string(step.transport), rtt, status, query);
  fmt::print(out_, "{}      -> {}\n", indent, detail);
  if (options_.records) {
    for (const auto& entry : step.records) {
      fmt::print(out_, "{}         {:<10} {}\n", indent, to_string(entry.section), record_line(entry.record));
    }
  }
  std::fflush(out_);
}

void DnsTextRenderer::summary(const DnsReport& report) {
  if (options_.short_form) {
    for (const auto& record : report.answer) {
      fmt::print(out_, "{}\n", wire::dns_rdata_to_text(record.type, record.rdata));
    }
    std::fflush(out_);
    return;
  }
  fmt::print(out_, "\n");
  for (const auto& record : report.answer) fmt::print(out_, "{}\n", record_line(record));
  for (const auto& record : report.authority) fmt::print(out_, "{}\n", record_line(record));
  for (const auto& text : report.disagreements) fmt::print(out_, ";; DISAGREEMENT {}\n", text);
  std::string verdict;
  switch (report.result) {
    case DnsResult::answer: verdict = "answer"; break;
    case DnsResult::nxdomain: verdict = "NXDOMAIN: " + report.final_name.to_text() + " does not exist"; break;
    case DnsResult::nodata:
      verdict = "NODATA: " + report.final_name.to_text() + " has no " + wire::dns_type_to_text(report.question.type) +
                " records";
      break;
    case DnsResult::servfail: verdict = "SERVFAIL: " + report.failure; break;
    case DnsResult::interrupted: verdict = "interrupted"; break;
  }
  if (options_.color) {
    const char* color = report.result == DnsResult::answer ? render_detail::kGreen : render_detail::kRed;
    verdict = fmt::format("{}{}{}", color, verdict, render_detail::kReset);
  }
  fmt::print(out_, ";; {}; {} queries in {} ms\n", verdict, report.queries_sent, ms_text(report.elapsed));
  std::fflush(out_);
}

}  // namespace netdiag
