#include "netdiag/model/tcp_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <tuple>

namespace netdiag {

std::string_view to_string(TcpState state) {
  switch (state) {
    case TcpState::open: return "open";
    case TcpState::closed: return "closed";
    case TcpState::filtered: return "filtered";
    case TcpState::unreachable: return "unreachable";
    case TcpState::error: return "error";
  }
  return "error";
}

std::string_view to_string(TcpReason reason) {
  switch (reason) {
    case TcpReason::syn_ack: return "syn-ack";
    case TcpReason::reset: return "reset";
    case TcpReason::icmp_port_unreachable: return "icmp-port-unreachable";
    case TcpReason::icmp_admin_prohibited: return "icmp-admin-prohibited";
    case TcpReason::icmp_net_unreachable: return "icmp-net-unreachable";
    case TcpReason::icmp_host_unreachable: return "icmp-host-unreachable";
    case TcpReason::icmp_time_exceeded: return "icmp-time-exceeded";
    case TcpReason::icmp_error: return "icmp-error";
    case TcpReason::no_response: return "no-response";
    case TcpReason::no_neighbour: return "no-neighbour";
    case TcpReason::no_route: return "no-route";
    case TcpReason::local_firewall: return "local-firewall";
    case TcpReason::local_error: return "local-error";
  }
  return "local-error";
}

void TcpReport::add(const TcpAttempt& attempt) {
  ++state_counts[static_cast<std::size_t>(attempt.state)];
  const auto [slot, added] = endpoint_index.try_emplace({attempt.target, attempt.port.value}, endpoints.size());
  if (added) {
    TcpEndpointSummary summary;
    summary.target = attempt.target;
    summary.port = attempt.port;
    endpoints.push_back(summary);
  }
  TcpEndpointSummary* endpoint = &endpoints[slot->second];
  ++endpoint->attempts;
  if (attempt.state == TcpState::open) {
    ++endpoint->open;
    if (attempt.rtt) endpoint->handshake_samples.add(*attempt.rtt);
  }
  if (keep_attempts) attempts.push_back(attempt);
}

void TcpReport::finalize() {
  std::ranges::stable_sort(attempts, {}, [](const TcpAttempt& attempt) {
    return std::tuple(attempt.target, attempt.port.value, attempt.sequence);
  });
  std::ranges::sort(endpoints, {}, [](const TcpEndpointSummary& summary) {
    return std::tuple(summary.target, summary.port.value);
  });
  endpoint_index.clear();
  for (std::size_t i = 0; i < endpoints.size(); ++i) endpoint_index[{endpoints[i].target, endpoints[i].port.value}] = i;
  for (auto& endpoint : endpoints) endpoint.handshake = endpoint.handshake_samples.statistics();
}

namespace {

std::string milliseconds(Duration duration) { return fmt::format("{:.3f} ms", to_ms(duration)); }

std::string seconds(Duration duration) {
  return fmt::format("{:.1f} s", std::chrono::duration<double>(duration).count());
}

}  // namespace

std::string explain(const TcpReport& report, const TcpAttempt& attempt) {
  const IpAddress& target = report.targets.at(attempt.target).address;
  const std::string responder = attempt.responder ? attempt.responder->to_string() : std::string("?");
  const std::string after = attempt.rtt ? " after " + milliseconds(*attempt.rtt) : std::string();
  const bool from_target = attempt.responder == target;
  const auto port = attempt.port.value;
  switch (attempt.reason) {
    case TcpReason::syn_ack:
      return fmt::format("{} answered the SYN with SYN-ACK{}: port {} is open and the handshake completed.",
                         target.to_string(), after, port);
    case TcpReason::reset:
      return fmt::format("{} answered the SYN with a reset (RST){}: the host is up, but nothing listens on port {}.",
                         target.to_string(), after, port);
    case TcpReason::icmp_port_unreachable:
      return fmt::format(
          "{} answered with ICMP port unreachable{}: {} rejects connections to port {} (a TCP stack with "
          "nothing listening would send a reset).",
          responder, after, from_target ? "a firewall on the host" : "a firewall on the way", port);
    case TcpReason::icmp_admin_prohibited:
      return fmt::format("{} answered with ICMP administratively prohibited{}: {} rejects the connection.", responder,
                         after, from_target ? "a firewall on the host" : "a firewall there");
    case TcpReason::icmp_net_unreachable:
      return fmt::format("{} answered with ICMP network unreachable{}: that router has no route to {}.", responder,
                         after, target.to_string());
    case TcpReason::icmp_host_unreachable:
      return fmt::format(
          "{} answered with ICMP host unreachable{}: that router could not deliver to {} (no answer to its ARP or "
          "neighbour solicitation: the host is down or the address unused).",
          responder, after, target.to_string());
    case TcpReason::icmp_time_exceeded:
      return fmt::format("{} answered with ICMP time exceeded{}: the SYN's TTL ran out on the way, most likely in a "
                         "routing loop.",
                         responder, after);
    case TcpReason::icmp_error:
      return fmt::format("{} answered with ICMP type {} code {}{}, which ended the attempt.", responder,
                         attempt.icmp ? attempt.icmp->type : 0, attempt.icmp ? attempt.icmp->code : 0, after);
    case TcpReason::no_response:
      return fmt::format("No answer to {} SYN{} in {}: a firewall drops them silently, or the host is down.",
                         attempt.syn_sent, attempt.syn_sent == 1 ? "" : "s", seconds(attempt.elapsed));
    case TcpReason::no_neighbour: {
      const IpAddress neighbour = attempt.next_hop.value_or(target);
      const bool arp = neighbour.family() == Family::ipv4;
      return fmt::format("Nobody on {} owns {}{}: {} went unanswered, so no SYN ever left this host.",
                         attempt.interface.empty() ? std::string("the local link") : attempt.interface,
                         neighbour.to_string(), neighbour == target ? "" : " (the gateway to " + target.to_string() + ")",
                         arp ? "the ARP requests" : "the neighbour solicitations");
    }
    case TcpReason::no_route:
      return fmt::format("This host has no route to {}, so no SYN was sent.", target.to_string());
    case TcpReason::local_firewall:
      return fmt::format("This host refused the connection itself: a firewall rule on its way out or a prohibit "
                         "route rejected the SYN to {}.",
                         target.to_string());
    case TcpReason::local_error:
      return fmt::format("connect() to {} port {} failed on this host: {}.", target.to_string(), port,
                         std::strerror(attempt.local_errno));
  }
  return {};
}

int exit_status(const TcpReport& report) {
  // Endpoints never tried (an interrupted scan) are not open either.
  if (report.endpoints.empty() || report.endpoints.size() < report.targets.size() * report.ports.size()) return 1;
  const bool all_open = std::ranges::all_of(report.endpoints, [](const TcpEndpointSummary& e) { return e.open > 0; });
  return all_open ? 0 : 1;
}

}  // namespace netdiag
