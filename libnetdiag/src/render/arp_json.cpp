#include "netdiag/render/arp_json.hpp"

#include <nlohmann/json.hpp>

#include "netdiag/core/version.hpp"
#include "netdiag/wire/arp.hpp"
#include "units.hpp"

namespace netdiag {
namespace {

using json = nlohmann::ordered_json;
using render_detail::ms_json;

json vendor_json(const ArpReport& report, const wire::MacAddress& mac) {
  const auto known = report.vendors.find(mac);
  return known == report.vendors.end() ? json(nullptr) : json(known->second);
}

json answer_json(const ArpReport& report, const ArpAnswer& answer) {
  return {
      {"address", report.targets.at(answer.target).to_string()},
      {"mac", wire::to_string(answer.mac)},
      {"vendor", vendor_json(report, answer.mac)},
      {"operation", answer.operation == wire::arp_operation::reply ? "reply" : "request"},
      {"probe", answer.probe},
      {"delivery", answer.to_broadcast ? "broadcast" : "unicast"},
      {"request", answer.request == 0 ? json(nullptr) : json(answer.request)},
      {"request_sent", answer.request == 0 ? json(nullptr) : json(answer.request_broadcast ? "broadcast" : "unicast")},
      {"rtt_ms", answer.rtt ? json(ms_json(*answer.rtt)) : json(nullptr)},
      {"received_at", to_rfc3339(answer.received_at)},
      {"macs_for_address", answer.macs_for_address},
  };
}

json optional_ms(const std::optional<RttStatistics>& rtt, Duration RttStatistics::*field) {
  return rtt ? json(ms_json((*rtt).*field)) : json(nullptr);
}

json dad_json(const ArpReport& report) {
  if (report.mode != ArpMode::dad) return nullptr;
  const ArpAnswer* first = report.answers.empty() ? nullptr : &report.answers.front();
  return {{"result", std::string(to_string(dad_result(report)))},
          {"mac", first ? json(wire::to_string(first->mac)) : json(nullptr)}};
}

json document(const ArpReport& report) {
  json answers = json::array();
  for (const auto& answer : report.answers) answers.push_back(answer_json(report, answer));
  json hosts = json::array();
  for (const auto& [target, host] : report.hosts) {
    json macs = json::array();
    for (const auto& seen : host.macs)
      macs.push_back({{"mac", wire::to_string(seen.mac)},
                      {"vendor", vendor_json(report, seen.mac)},
                      {"locally_administered", wire::locally_administered(seen.mac)},
                      {"answers", seen.answers},
                      {"rtt_ms", seen.first_rtt ? json(ms_json(*seen.first_rtt)) : json(nullptr)}});
    hosts.push_back({{"address", report.targets.at(target).to_string()}, {"macs", std::move(macs)}});
  }
  json conflicts = json::array();
  for (const auto& conflict : report.conflicts) {
    json addresses = json::array();
    for (const auto& address : conflict.addresses) addresses.push_back(address.to_string());
    json macs = json::array();
    for (const auto& mac : conflict.macs) macs.push_back(wire::to_string(mac));
    conflicts.push_back({{"kind", conflict.kind == ArpConflict::Kind::duplicate_address ? "duplicate_address"
                                                                                         : "several_addresses"},
                         {"addresses", std::move(addresses)},
                         {"macs", std::move(macs)}});
  }
  json skipped = json::array();
  for (const auto& address : report.skipped) skipped.push_back(address.to_string());
  const ArpInterface& link = report.interface;
  return {
      {"schema", "netdiag.arp/1"},
      {"tool", "nd-arp"},
      {"version", std::string(version())},
      {"mode", std::string(to_string(report.mode))},
      {"target", report.target_spec},
      {"started_at", to_rfc3339(report.started_at)},
      {"interface",
       {{"name", link.name},
        {"index", link.index},
        {"mac", wire::to_string(link.mac)},
        {"address", link.address ? json(link.address->to_string()) : json(nullptr)},
        {"prefix_length", link.address ? json(link.prefix_length) : json(nullptr)}}},
      {"source", report.source.to_string()},
      {"addresses", report.targets.size()},
      {"skipped", std::move(skipped)},
      {"requests_sent", report.requests_sent},
      {"broadcasts_sent", report.broadcasts_sent},
      {"send_errors", report.send_errors},
      {"answers_received", report.answers_received},
      {"broadcast_answers", report.broadcast_answers},
      {"request_answers", report.request_answers},
      {"rtt_ms_min", optional_ms(report.rtt, &RttStatistics::min)},
      {"rtt_ms_avg", optional_ms(report.rtt, &RttStatistics::avg)},
      {"rtt_ms_max", optional_ms(report.rtt, &RttStatistics::max)},
      {"rtt_ms_stddev", optional_ms(report.rtt, &RttStatistics::stddev)},
      {"answers", std::move(answers)},
      {"hosts", std::move(hosts)},
      {"conflicts", std::move(conflicts)},
      {"dad", dad_json(report)},
      {"elapsed_ms", ms_json(report.elapsed)},
      {"interrupted", report.interrupted},
      {"exit_status", exit_status(report)},
  };
}

}  // namespace

std::string render_arp_json(const ArpReport& report) { return document(report).dump(2); }

std::string render_arp_answer_ndjson(const ArpReport& report, const ArpAnswer& answer) {
  json line = {{"event", "answer"}};
  line.update(answer_json(report, answer));
  return line.dump();
}

std::string render_arp_summary_ndjson(const ArpReport& report) {
  json line = {{"event", "summary"}};
  line.update(document(report));
  return line.dump();
}

}  // namespace netdiag
