#include "netdiag/model/arp_report.hpp"

#include <algorithm>

#include "netdiag/wire/arp.hpp"

namespace netdiag {

std::string_view to_string(ArpMode mode) {
  switch (mode) {
    case ArpMode::ping: return "ping";
    case ArpMode::dad: return "dad";
    case ArpMode::announce: return "announce";
    case ArpMode::scan: return "scan";
  }
  return "ping";
}

ArpAnswer ArpReport::add(ArpAnswer answer) {
  ++answers_received;
  if (answer.to_broadcast) ++broadcast_answers;
  if (answer.operation == wire::arp_operation::request) ++request_answers;
  if (answer.rtt) rtt_samples_.add(*answer.rtt);
  auto& macs = hosts[answer.target].macs;
  auto known = std::find_if(macs.begin(), macs.end(), [&](const ArpHostMac& seen) { return seen.mac == answer.mac; });
  if (known == macs.end()) known = macs.insert(macs.end(), ArpHostMac{answer.mac, 0, answer.rtt});
  if (!known->first_rtt) known->first_rtt = answer.rtt;
  ++known->answers;
  answer.macs_for_address = static_cast<unsigned>(macs.size());
  if (keep_answers) answers.push_back(answer);
  return answer;
}

void ArpReport::finalize() {
  rtt = rtt_samples_.statistics();
  conflicts.clear();
  std::map<wire::MacAddress, std::vector<IpAddress>> addresses_of;
  for (const auto& [target, host] : hosts) {
    const IpAddress& address = targets.at(target);
    if (host.macs.size() > 1) {
      ArpConflict conflict{ArpConflict::Kind::duplicate_address, {address}, {}};
      for (const auto& mac : host.macs) conflict.macs.push_back(mac.mac);
      conflicts.push_back(std::move(conflict));
    }
    for (const auto& mac : host.macs) addresses_of[mac.mac].push_back(address);
  }
  for (auto& [mac, addresses] : addresses_of) {
    if (addresses.size() < 2) continue;
    std::sort(addresses.begin(), addresses.end());
    conflicts.push_back({ArpConflict::Kind::several_addresses, std::move(addresses), {mac}});
  }
}

std::string_view to_string(DadResult result) {
  switch (result) {
    case DadResult::free: return "free";
    case DadResult::in_use: return "in_use";
    case DadResult::contested: return "contested";
    case DadResult::unknown: return "unknown";
  }
  return "unknown";
}

DadResult dad_result(const ArpReport& report) {
  if (report.answers_received > 0)
    return !report.answers.empty() && report.answers.front().probe ? DadResult::contested : DadResult::in_use;
  // No probe out (every send failed), or cut short by Ctrl-C: nothing shows the address is free.
  if (report.requests_sent == 0 || report.interrupted) return DadResult::unknown;
  return DadResult::free;
}

int exit_status(const ArpReport& report) {
  switch (report.mode) {
    case ArpMode::dad: return dad_result(report) == DadResult::free ? 0 : 1;
    case ArpMode::announce: return 0;
    case ArpMode::scan: return report.hosts.empty() ? 1 : 0;
    case ArpMode::ping: break;
  }
  // With -w, -c counts the replies wanted (iputils arping's documented meaning).
  if (report.count && report.deadline_given && !report.finish_on_reply)
    return report.answers_received >= *report.count ? 0 : 1;
  return report.answers_received > 0 ? 0 : 1;
}

}  // namespace netdiag
