#include "netdiag/dns/classify.hpp"

#include <algorithm>
#include <string>

#include "netdiag/wire/dns_rdata.hpp"

namespace netdiag::dns {
namespace {

using wire::DnsName;
using wire::DnsRecord;
namespace dns_type = wire::dns_type;
namespace dns_rcode = wire::dns_rcode;

bool in_zone(const DnsName& name, const DnsName& zone, ResponseMode mode) {
  return mode == ResponseMode::stub || name.is_subdomain_of(zone);
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word);
}

// Follows the CNAME / DNAME chain from asked.name through the answer section, believing only
// records inside the zone, and collects the records of the asked type at its end.
void follow_chain(const wire::DnsMessage& response, const DnsName& zone, const wire::DnsQuestion& asked,
                  ResponseMode mode, ResponseClass& out) {
  DnsName name = asked.name;
  // Each step consumes a distinct record, so the walk ends within answers.size() steps even
  // when the records form a loop.
  for (std::size_t step = 0; step <= response.answers.size(); ++step) {
    bool found = false;
    for (const DnsRecord& record : response.answers) {
      if (record.name == name && record.type == asked.type && in_zone(record.name, zone, mode)) {
        out.answer.push_back(record);
        found = true;
      }
    }
    if (found || asked.type == dns_type::any) {
      out.next_name = name;
      return;
    }
    // A DNAME at a proper ancestor of the name redirects it (RFC 6672 section 2.2). The CNAME a
    // server synthesises next to it goes into the chain with it; the name is derived here, so
    // a server that left the CNAME out is followed too.
    const auto dname = std::find_if(response.answers.begin(), response.answers.end(), [&](const DnsRecord& r) {
      return r.type == dns_type::dname && name.is_subdomain_of(r.name) && !(name == r.name) &&
             in_zone(r.name, zone, mode);
    });
    if (dname != response.answers.end()) {
      const auto target = wire::dns_record_target(*dname);
      if (!target) break;
      const auto synthesised = name.replace_suffix(dname->name, *target);
      if (!synthesised) break;
      out.chain.push_back(*dname);
      const auto synthesised_cname = std::find_if(
          response.answers.begin(), response.answers.end(),
          [&](const DnsRecord& r) { return r.type == dns_type::cname && r.name == name; });
      if (synthesised_cname != response.answers.end()) out.chain.push_back(*synthesised_cname);
      name = *synthesised;
      continue;
    }
    const auto cname = std::find_if(response.answers.begin(), response.answers.end(), [&](const DnsRecord& r) {
      return r.type == dns_type::cname && r.name == name && in_zone(r.name, zone, mode);
    });
    if (cname != response.answers.end()) {
      const auto target = wire::dns_record_target(*cname);
      if (!target) break;
      out.chain.push_back(*cname);
      name = *target;
      continue;
    }
    break;
  }
  out.next_name = name;
}

void collect_soa(const wire::DnsMessage& response, const DnsName& zone, ResponseMode mode, ResponseClass& out) {
  for (const DnsRecord& record : response.authority) {
    if (record.type == dns_type::soa && in_zone(record.name, zone, mode) && out.next_name.is_subdomain_of(record.name)) {
      out.soa.push_back(record);
    }
  }
}

std::string chain_text(const ResponseClass& out) {
  std::string text;
  for (const DnsRecord& record : out.chain) {
    if (record.type != dns_type::cname && record.type != dns_type::dname) continue;
    const auto target = wire::dns_record_target(record);
    if (!target) continue;
    if (!text.empty()) text += ", ";
    text += (record.type == dns_type::cname ? "CNAME to " : "DNAME to ") + target->to_text();
  }
  return text;
}

// NS records in the authority section, the one delegation they describe, and its glue.
bool read_referral(const wire::DnsMessage& response, const DnsName& zone, const DnsName& name, ResponseMode mode,
                   ResponseClass& out) {
  const DnsRecord* first = nullptr;
  for (const DnsRecord& record : response.authority) {
    if (record.type == dns_type::ns) {
      first = &record;
      break;
    }
  }
  if (first == nullptr) return false;
  const DnsName child = first->name;
  out.child_zone = child;
  std::uint32_t ttl = first->ttl;
  for (const DnsRecord& record : response.authority) {
    if (record.type != dns_type::ns || !(record.name == child)) continue;
    const auto target = wire::dns_record_target(record);
    if (!target) continue;
    if (std::find(out.name_servers.begin(), out.name_servers.end(), *target) == out.name_servers.end()) {
      out.name_servers.push_back(*target);
    }
    ttl = std::min(ttl, record.ttl);
  }
  out.delegation_ttl = ttl;
  const bool downwards = child.is_subdomain_of(zone) && !(child == zone) && name.is_subdomain_of(child);
  if (mode == ResponseMode::iterative && !downwards) {
    out.outcome = DnsOutcome::lame;
    if (child == zone) {
      out.detail = "lame: referral to its own zone " + child.to_text();
    } else if (zone.is_subdomain_of(child)) {
      out.detail = "lame: referral upward to " + child.to_text();
    } else {
      out.detail = "lame: referral sideways to " + child.to_text();
    }
    return true;
  }
  std::size_t ignored = 0;
  for (const DnsRecord& record : response.additional) {
    if (record.type != dns_type::a && record.type != dns_type::aaaa) continue;
    if (std::find(out.name_servers.begin(), out.name_servers.end(), record.name) == out.name_servers.end()) continue;
    const auto address = wire::dns_record_address(record);
    if (!address) continue;
    // Only glue inside the referring zone may be believed: a server of lab. may say where
    // ns.plain.lab. is, not where ns.example.test. is (RFC 2181 section 5.4.1).
    if (!in_zone(record.name, zone, mode)) {
      ++ignored;
      continue;
    }
    out.glue.push_back(Glue{record.name, *address, record.ttl});
  }
  out.outcome = DnsOutcome::referral;
  out.detail = "referral to " + child.to_text() + " (" + plural(out.name_servers.size(), "NS") + ", " +
               plural(out.glue.size(), "glue") +
               (ignored > 0 ? ", " + plural(ignored, "out-of-bailiwick glue ignored") : std::string()) + ")";
  return true;
}

}  // namespace

ResponseClass classify_response(const wire::DnsMessage& response, const DnsName& zone, const wire::DnsQuestion& asked,
                                DnsTransport transport, ResponseMode mode) {
  ResponseClass out;
  out.next_name = asked.name;
  const wire::DnsHeader& header = response.header;
  if (header.tc && transport == DnsTransport::udp) {
    out.outcome = DnsOutcome::truncated;
    out.detail = "truncated (TC): asking again over TCP";
    return out;
  }
  switch (header.rcode) {
    case dns_rcode::noerror:
    case dns_rcode::nxdomain: break;
    case dns_rcode::refused:
      out.outcome = DnsOutcome::refused;
      out.detail = "refused";
      return out;
    case dns_rcode::servfail:
      out.outcome = DnsOutcome::servfail;
      out.detail = "server failure";
      return out;
    default:
      out.outcome = DnsOutcome::error;
      out.detail = "rcode " + wire::dns_rcode_to_text(header.rcode);
      return out;
  }

  follow_chain(response, zone, asked, mode, out);
  const bool has_data = !out.answer.empty() || !out.chain.empty();
  const std::string chain = chain_text(out);
  if (has_data && mode == ResponseMode::iterative && !header.aa) {
    out.outcome = DnsOutcome::lame;
    out.detail = "lame: records without the AA flag (not authoritative for " + zone.to_text() + ")";
    out.chain.clear();
    out.answer.clear();
    return out;
  }

  if (header.rcode == dns_rcode::nxdomain) {
    collect_soa(response, zone, mode, out);
    if (mode == ResponseMode::iterative && !header.aa && out.soa.empty()) {
      out.outcome = DnsOutcome::lame;
      out.detail = "lame: NXDOMAIN without AA or SOA (not authoritative for " + zone.to_text() + ")";
      return out;
    }
    out.outcome = DnsOutcome::nxdomain;
    out.detail = (chain.empty() ? "" : chain + ", ") + "NXDOMAIN: " + out.next_name.to_text() + " does not exist";
    return out;
  }
  if (!out.answer.empty()) {
    out.outcome = DnsOutcome::answer;
    out.detail = (chain.empty() ? "" : chain + ", ") + "answer: " + plural(out.answer.size(), wire::dns_type_to_text(asked.type));
    return out;
  }
  if (!out.chain.empty()) {
    // The chain left what this server may speak for (or the target has no data here yet):
    // resolution continues at out.next_name. It is a dname outcome when a DNAME redirected the
    // name on the way (its synthesised CNAME may follow it).
    const bool redirected = std::any_of(out.chain.begin(), out.chain.end(),
                                        [](const DnsRecord& r) { return r.type == dns_type::dname; });
    out.outcome = redirected ? DnsOutcome::dname : DnsOutcome::cname;
    if (out.next_name.is_subdomain_of(zone) && mode == ResponseMode::iterative) {
      // The target is inside this zone and the server gave nothing for it: NODATA or NXDOMAIN
      // would have said so, so this is a dangling alias only a new query can settle.
      out.detail = chain + " (inside " + zone.to_text() + ")";
    } else {
      out.detail = chain;
    }
    return out;
  }
  if (read_referral(response, zone, asked.name, mode, out)) {
    if (out.outcome == DnsOutcome::referral && mode == ResponseMode::stub) {
      out.outcome = DnsOutcome::lame;
      out.detail = "not recursive: " + out.detail;
    }
    if (out.outcome == DnsOutcome::referral || !header.aa) return out;
    out = ResponseClass{};  // an authoritative NODATA that also lists the zone's NS
    out.next_name = asked.name;
  }
  if (header.aa || mode == ResponseMode::stub) {
    collect_soa(response, zone, mode, out);
    out.outcome = DnsOutcome::nodata;
    out.detail = "NODATA: " + asked.name.to_text() + " has no " + wire::dns_type_to_text(asked.type) + " records";
    return out;
  }
  out.outcome = DnsOutcome::lame;
  out.detail = "lame: no answer, no referral and no AA (not authoritative for " + zone.to_text() + ")";
  return out;
}

}  // namespace netdiag::dns
