#include "netdiag/render/arp_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include "netdiag/wire/arp.hpp"
#include "colors.hpp"
#include "units.hpp"

namespace netdiag {
namespace {

using render_detail::kRed;
using render_detail::kGreen;
using render_detail::kReset;
using render_detail::ms_text;

std::string plural(std::uint64_t count, const char* one, const char* many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

// 2 for the second MAC seen answering for the answer's address, and so on; 1 for the first.
std::size_t mac_rank(const ArpReport& report, const ArpAnswer& answer) {
  const auto host = report.hosts.find(answer.target);
  if (host == report.hosts.end()) return 1;
  const auto& macs = host->second.macs;
  const auto at = std::find_if(macs.begin(), macs.end(), [&](const ArpHostMac& seen) { return seen.mac == answer.mac; });
  return static_cast<std::size_t>(at - macs.begin()) + 1;
}

std::string mac_list(const ArpReport& report, const IpAddress& address, const std::vector<wire::MacAddress>& macs) {
  std::string text;
  for (const auto& mac : macs) {
    std::uint64_t answers = 0;
    for (const auto& [target, host] : report.hosts)
      if (report.targets.at(target) == address)
        for (const auto& seen : host.macs)
          if (seen.mac == mac) answers = seen.answers;
    if (!text.empty()) text += ", ";
    text += fmt::format("{} ({})", wire::to_string(mac), plural(answers, "answer", "answers"));
  }
  return text;
}

}  // namespace

std::string vendor_text(const ArpReport& report, const wire::MacAddress& mac) {
  if (const auto known = report.vendors.find(mac); known != report.vendors.end()) return known->second;
  return wire::locally_administered(mac) ? "(Unknown: locally administered)" : "(Unknown)";
}

void ArpTextRenderer::header(const ArpReport& report) {
  if (options_.quiet) return;
  if (report.mode != ArpMode::scan) {
    fmt::print(out_, "ARPING {} from {} {}\n", report.targets.at(0).to_string(), report.source.to_string(),
               report.interface.name);
  } else {
    fmt::print(out_, "Interface: {}, MAC {}, IPv4 {}\n", report.interface.name, wire::to_string(report.interface.mac),
               report.source.to_string());
    std::string skipped;
    for (const auto& address : report.skipped) skipped += (skipped.empty() ? "" : ", ") + address.to_string();
    fmt::print(out_, "Scanning {}: {}{}\n", report.target_spec, plural(report.targets.size(), "address", "addresses"),
               skipped.empty() ? "" : fmt::format(" (this host's {} left out)", skipped));
  }
  std::fflush(out_);
}

void ArpTextRenderer::answer(const ArpReport& report, const ArpAnswer& answer) {
  if (options_.quiet) return;
  const std::string address = report.targets.at(answer.target).to_string();
  const std::size_t rank = mac_rank(report, answer);
  const std::string duplicate = rank > 1 ? fmt::format("  (DUP: {})", rank) : std::string();
  const bool red = options_.color && rank > 1;
  if (report.mode == ArpMode::scan) {
    fmt::print(out_, "{}{:<15} {}  {:>9} ms  {}{}{}\n", red ? kRed : "", address, wire::to_string(answer.mac),
               answer.rtt ? ms_text(*answer.rtt) : "-", vendor_text(report, answer.mac), duplicate, red ? kReset : "");
    std::fflush(out_);
    return;
  }
  std::string line = fmt::format("{} {} from ", answer.to_broadcast ? "Broadcast" : "Unicast",
                                 answer.probe ? "probe" : answer.operation == wire::arp_operation::reply ? "reply"
                                                                                                        : "request");
  line += answer.probe ? fmt::format("[{}] for {}", wire::to_string(answer.mac), address)
                       : fmt::format("{} [{}]", address, wire::to_string(answer.mac));
  if (answer.rtt) line += fmt::format("  {} ms", ms_text(*answer.rtt));
  if (answer.request != 0) line += answer.request_broadcast ? " [BROADCAST]" : " [UNICAST]";
  if (report.mode == ArpMode::dad || report.mode == ArpMode::announce)
    line += answer.probe ? ": another host wants this address" : ": this address is in use there";
  const bool alarm = options_.color && (rank > 1 || report.mode == ArpMode::dad || report.mode == ArpMode::announce);
  fmt::print(out_, "{}{}{}{}\n", alarm ? kRed : "", line, duplicate, alarm ? kReset : "");
  std::fflush(out_);
}

void ArpTextRenderer::summary(const ArpReport& report) {
  if (options_.quiet) return;
  const auto seconds = std::chrono::duration<double>(report.elapsed).count();
  if (report.mode == ArpMode::scan) {
    std::vector<wire::MacAddress> distinct;
    for (const auto& [target, host] : report.hosts)
      for (const auto& seen : host.macs)
        if (std::find(distinct.begin(), distinct.end(), seen.mac) == distinct.end()) distinct.push_back(seen.mac);
    fmt::print(out_, "{} answered ({}) out of {} in {:.2f} s: {} sent{}\n",
               plural(report.hosts.size(), "address", "addresses"), plural(distinct.size(), "MAC", "MACs"),
               report.targets.size(), seconds, plural(report.requests_sent, "request", "requests"),
               report.interrupted ? ", interrupted" : "");
  } else {
    fmt::print(out_, "Sent {} probes ({} broadcast(s))\n", report.requests_sent, report.broadcasts_sent);
    std::string detail;
    if (report.request_answers > 0) detail += fmt::format("{} request(s)", report.request_answers);
    if (report.broadcast_answers > 0)
      detail += fmt::format("{}{} broadcast(s)", detail.empty() ? "" : ", ", report.broadcast_answers);
    fmt::print(out_, "Received {} response(s){}\n", report.answers_received,
               detail.empty() ? "" : " (" + detail + ")");
    if (report.mode == ArpMode::ping && report.rtt)
      fmt::print(out_, "rtt min/avg/max/mdev = {}/{}/{}/{} ms\n", ms_text(report.rtt->min), ms_text(report.rtt->avg),
                 ms_text(report.rtt->max), ms_text(report.rtt->stddev));
  }
  if (report.send_errors > 0)
    fmt::print(out_, "{} could not be sent: {}\n", plural(report.send_errors, "packet", "packets"),
               std::strerror(report.last_send_errno));
  if (report.mode == ArpMode::dad) {
    const std::string address = report.targets.at(0).to_string();
    const char* on = options_.color ? kGreen : "";
    const char* off = options_.color ? kReset : "";
    switch (dad_result(report)) {
      case DadResult::free:
        fmt::print(out_, "{}{} is free on {}: no answer to {} in {:.2f} s{}\n", on, address, report.interface.name,
                   plural(report.requests_sent, "probe", "probes"), seconds, off);
        break;
      case DadResult::unknown:
        fmt::print(out_, "{}: {}, so not known to be free\n", address,
                   report.requests_sent == 0 ? std::string("no probe could be sent")
                                             : fmt::format("interrupted after {}", plural(report.requests_sent, "probe", "probes")));
        break;
      case DadResult::in_use:
      case DadResult::contested:
        if (report.answers.empty()) break;
        fmt::print(out_, "{}{} is {} {}{}\n", options_.color ? kRed : "", address,
                   dad_result(report) == DadResult::contested ? "wanted by another host too:" : "in use by",
                   wire::to_string(report.answers.front().mac), off);
        break;
    }
  }
  for (const auto& conflict : report.conflicts) {
    if (conflict.kind == ArpConflict::Kind::duplicate_address) {
      const IpAddress& address = conflict.addresses.front();
      fmt::print(out_, "{}CONFLICT: {} is claimed by {}: {}{}\n", options_.color ? kRed : "", address.to_string(),
                 plural(conflict.macs.size(), "MAC", "MACs"), mac_list(report, address, conflict.macs),
                 options_.color ? kReset : "");
    } else {
      std::string addresses;
      for (const auto& address : conflict.addresses) addresses += (addresses.empty() ? "" : ", ") + address.to_string();
      fmt::print(out_, "SEVERAL ADDRESSES: {} answers for {}: {}\n", wire::to_string(conflict.macs.front()),
                 plural(conflict.addresses.size(), "address", "addresses"), addresses);
    }
  }
  std::fflush(out_);
}

}  // namespace netdiag
