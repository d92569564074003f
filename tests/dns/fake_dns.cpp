#include "fake_dns.hpp"

#include <sstream>
#include <stdexcept>

#include "netdiag/wire/dns_rdata.hpp"

namespace netdiag::test {

using wire::DnsName;
using wire::DnsRecord;
namespace dns_type = wire::dns_type;

wire::DnsName name(std::string_view text) {
  auto parsed = DnsName::from_text(text);
  if (!parsed) throw std::runtime_error("bad test name " + std::string(text));
  return *parsed;
}

IpAddress ip(std::string_view text) {
  auto parsed = IpAddress::parse(text);
  if (!parsed) throw std::runtime_error("bad test address " + std::string(text));
  return *parsed;
}

wire::DnsRecord rr(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::string owner;
  std::string ttl;
  std::string type;
  in >> owner >> ttl >> type;
  std::string data;
  std::getline(in, data);
  data.erase(0, data.find_first_not_of(' '));
  DnsRecord record;
  record.name = name(owner);
  record.ttl = static_cast<std::uint32_t>(std::stoul(ttl));
  const auto code = wire::dns_type_from_text(type);
  if (!code) throw std::runtime_error("bad test type " + type);
  record.type = *code;
  auto rdata = wire::dns_rdata_from_text(record.type, data);
  if (!rdata) throw std::runtime_error("bad test rdata " + std::string(line));
  record.rdata = std::move(*rdata);
  return record;
}

void FakeDns::zone(std::string_view origin, const std::vector<std::string>& lines) {
  FakeZone zone{name(origin), {}};
  for (const auto& line : lines) zone.records.push_back(rr(line));
  zones_[zone.origin] = std::move(zone);
}

void FakeDns::server(std::string_view address, const std::vector<std::string>& zones, FakeBehaviour behaviour) {
  Server server;
  for (const auto& zone : zones) server.zones.push_back(name(zone));
  server.behaviour = behaviour;
  servers_[ip(address)] = std::move(server);
}

wire::DnsMessage FakeDns::answer(const std::vector<const FakeZone*>& zones, const dns::DnsQuery& query) const {
  const wire::DnsQuestion& question = query.question;
  wire::DnsMessage message;
  message.header.qr = true;
  message.header.rd = query.recursion_desired;
  message.questions.push_back(question);
  // The deepest zone of this server that holds the name.
  const FakeZone* zone = nullptr;
  for (const FakeZone* candidate : zones) {
    if (question.name.is_subdomain_of(candidate->origin) &&
        (zone == nullptr || candidate->origin.label_count() > zone->origin.label_count())) {
      zone = candidate;
    }
  }
  if (zone == nullptr) {
    message.header.rcode = wire::dns_rcode::refused;
    return message;
  }
  const auto records_at = [&](const DnsName& owner, std::uint16_t type) {
    std::vector<DnsRecord> out;
    for (const auto& record : zone->records) {
      if (record.name == owner && record.type == type) out.push_back(record);
    }
    return out;
  };
  const auto add_glue = [&](const std::vector<DnsRecord>& ns_records) {
    for (const auto& ns : ns_records) {
      const auto target = wire::dns_record_target(ns);
      for (const std::uint16_t type : {dns_type::a, dns_type::aaaa}) {
        for (auto& glue : records_at(*target, type)) message.additional.push_back(glue);
      }
    }
  };
  const auto soa = records_at(zone->origin, dns_type::soa);
  // A zone cut between the origin and the name: the highest NS set below the apex.
  const std::size_t origin_labels = zone->origin.label_count();
  for (std::size_t labels = origin_labels + 1; labels <= question.name.label_count(); ++labels) {
    const DnsName cut = question.name.ancestor(labels);
    auto ns = records_at(cut, dns_type::ns);
    if (ns.empty()) continue;
    if (cut == question.name && question.type == dns_type::ds) break;  // the parent answers DS
    message.authority = ns;
    add_glue(ns);
    return message;
  }
  message.header.aa = true;
  // An alias whose target lies below one of this zone's cuts ends the answer: another zone's
  // servers know the rest.
  const auto delegated_away = [&](const DnsName& target) {
    return std::any_of(zone->records.begin(), zone->records.end(), [&](const DnsRecord& r) {
      return r.type == dns_type::ns && !(r.name == zone->origin) && target.is_subdomain_of(r.name);
    });
  };
  DnsName current = question.name;
  for (int hops = 0; hops < 8; ++hops) {
    auto exact = records_at(current, question.type);
    if (!exact.empty()) {
      message.answers.insert(message.answers.end(), exact.begin(), exact.end());
      if (question.type == dns_type::ns && current == zone->origin) add_glue(exact);
      return message;
    }
    auto cname = records_at(current, dns_type::cname);
    if (!cname.empty()) {
      message.answers.push_back(cname.front());
      current = *wire::dns_record_target(cname.front());
      if (!current.is_subdomain_of(zone->origin) || delegated_away(current)) return message;
      continue;
    }
    bool redirected = false;
    for (const auto& record : zone->records) {
      if (record.type == dns_type::dname && current.is_subdomain_of(record.name) && !(current == record.name)) {
        message.answers.push_back(record);
        const DnsName target = *current.replace_suffix(record.name, *wire::dns_record_target(record));
        DnsRecord synthesised;
        synthesised.name = current;
        synthesised.type = dns_type::cname;
        synthesised.ttl = record.ttl;
        synthesised.rdata.assign(target.wire().begin(), target.wire().end());
        message.answers.push_back(synthesised);
        current = target;
        redirected = true;
        break;
      }
    }
    if (redirected) {
      if (!current.is_subdomain_of(zone->origin) || delegated_away(current)) return message;
      continue;
    }
    const bool exists = std::any_of(zone->records.begin(), zone->records.end(),
                                    [&](const DnsRecord& r) { return r.name.is_subdomain_of(current); });
    if (!exists) message.header.rcode = wire::dns_rcode::nxdomain;
    message.authority = soa;
    return message;
  }
  return message;
}

dns::DnsExchange FakeDns::query(const dns::DnsQuery& query) {
  log.push_back(query);
  dns::DnsExchange exchange;
  const auto found = servers_.find(query.server);
  const FakeBehaviour behaviour = found == servers_.end() ? FakeBehaviour::silent : found->second.behaviour;
  if (behaviour == FakeBehaviour::silent) {
    clock_.advance(timeout);
    exchange.status = dns::DnsExchange::Status::timeout;
    return exchange;
  }
  clock_.advance(rtt);
  if (behaviour == FakeBehaviour::unreachable) {
    exchange.status = dns::DnsExchange::Status::network_error;
    exchange.error = "connection refused";
    return exchange;
  }
  exchange.status = dns::DnsExchange::Status::response;
  exchange.rtt = rtt;
  wire::DnsMessage message;
  if (behaviour == FakeBehaviour::authoritative) {
    std::vector<const FakeZone*> zones;
    for (const auto& origin : found->second.zones) zones.push_back(&zones_.at(origin));
    message = answer(zones, query);
  } else {
    message.header.qr = true;
    message.questions.push_back(query.question);
    message.header.rcode = behaviour == FakeBehaviour::refused ? wire::dns_rcode::refused : wire::dns_rcode::servfail;
  }
  if (tamper) tamper(query.server, message);
  const bool udp = query.transport == DnsTransport::udp;
  auto bytes = wire::build_dns_message(message, udp ? query.edns_udp_size : 65535, udp);
  exchange.response = std::move(*bytes);
  if (behaviour == FakeBehaviour::garbage) exchange.response.resize(14);
  return exchange;
}

}  // namespace netdiag::test
