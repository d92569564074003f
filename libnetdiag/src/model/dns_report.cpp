#include "netdiag/model/dns_report.hpp"

namespace netdiag {

std::string_view to_string(DnsTransport transport) { return transport == DnsTransport::udp ? "udp" : "tcp"; }

std::string_view to_string(DnsOutcome outcome) {
  switch (outcome) {
    case DnsOutcome::referral: return "referral";
    case DnsOutcome::answer: return "answer";
    case DnsOutcome::cname: return "cname";
    case DnsOutcome::dname: return "dname";
    case DnsOutcome::nxdomain: return "nxdomain";
    case DnsOutcome::nodata: return "nodata";
    case DnsOutcome::lame: return "lame";
    case DnsOutcome::timeout: return "timeout";
    case DnsOutcome::refused: return "refused";
    case DnsOutcome::servfail: return "servfail";
    case DnsOutcome::truncated: return "truncated";
    case DnsOutcome::malformed: return "malformed";
    case DnsOutcome::network_error: return "network_error";
    case DnsOutcome::error: return "error";
  }
  return "error";
}

bool is_server_failure(DnsOutcome outcome) {
  switch (outcome) {
    case DnsOutcome::lame:
    case DnsOutcome::timeout:
    case DnsOutcome::refused:
    case DnsOutcome::servfail:
    case DnsOutcome::malformed:
    case DnsOutcome::network_error:
    case DnsOutcome::error: return true;
    default: return false;
  }
}

std::string_view to_string(DnsSection section) {
  switch (section) {
    case DnsSection::answer: return "answer";
    case DnsSection::authority: return "authority";
    case DnsSection::additional: return "additional";
  }
  return "answer";
}

std::string_view to_string(DnsResult result) {
  switch (result) {
    case DnsResult::answer: return "answer";
    case DnsResult::nxdomain: return "nxdomain";
    case DnsResult::nodata: return "nodata";
    case DnsResult::servfail: return "servfail";
    case DnsResult::interrupted: return "interrupted";
  }
  return "servfail";
}

int exit_status(const DnsReport& report) { return report.result == DnsResult::answer ? 0 : 1; }

}  // namespace netdiag
