// nd-tcp's verdict table, row by row, from what the kernel reports (tcp_classify.hpp).
#include <doctest/doctest.h>

#include <cerrno>
#include <string>

#include "netdiag/probe/tcp_classify.hpp"

using namespace netdiag;

namespace {

const IpAddress kRouter = *IpAddress::parse("198.18.3.1");
const IpAddress kRouter6 = *IpAddress::parse("fd00:3::1");
const IpAddress kOurs = *IpAddress::parse("198.18.1.1");

ConnectObservation failed(int error, bool at_once = false) {
  ConnectObservation observation;
  observation.end = ConnectEnd::failed;
  observation.error = error;
  observation.failed_at_once = at_once;
  return observation;
}

ConnectObservation icmp(Family family, std::uint8_t type, std::uint8_t code, int error, bool local = false) {
  ConnectObservation observation = failed(error);
  observation.icmp = ConnectIcmp{family, type, code, family == Family::ipv4 ? kRouter : kRouter6, local};
  if (local) observation.icmp->offender = kOurs;
  return observation;
}

std::string verdict_of(const ConnectObservation& observation) {
  const TcpVerdict verdict = classify_connect(observation);
  return std::string(to_string(verdict.state)) + "/" + std::string(to_string(verdict.reason));
}

}  // namespace

TEST_CASE("the handshake completed: open / syn-ack") {
  ConnectObservation observation;
  observation.end = ConnectEnd::connected;
  CHECK(verdict_of(observation) == "open/syn-ack");
}

TEST_CASE("RST: closed / reset") {
  CHECK(verdict_of(failed(ECONNREFUSED)) == "closed/reset");
}

TEST_CASE("ICMP port unreachable is a firewall's REJECT, told apart from an RST by the error queue") {
  CHECK(verdict_of(icmp(Family::ipv4, 3, 3, ECONNREFUSED)) == "filtered/icmp-port-unreachable");
  CHECK(verdict_of(icmp(Family::ipv6, 1, 4, ECONNREFUSED)) == "filtered/icmp-port-unreachable");
}

TEST_CASE("ICMP administratively prohibited: filtered") {
  for (const std::uint8_t code : {std::uint8_t{9}, std::uint8_t{10}, std::uint8_t{13}})
    CHECK(verdict_of(icmp(Family::ipv4, 3, code, EHOSTUNREACH)) == "filtered/icmp-admin-prohibited");
  for (const std::uint8_t code : {std::uint8_t{1}, std::uint8_t{5}, std::uint8_t{6}})
    CHECK(verdict_of(icmp(Family::ipv6, 1, code, EACCES)) == "filtered/icmp-admin-prohibited");
}

TEST_CASE("ICMP net and host unreachable from a router: unreachable") {
  for (const std::uint8_t code : {std::uint8_t{0}, std::uint8_t{6}, std::uint8_t{11}})
    CHECK(verdict_of(icmp(Family::ipv4, 3, code, ENETUNREACH)) == "unreachable/icmp-net-unreachable");
  for (const std::uint8_t code : {std::uint8_t{1}, std::uint8_t{7}, std::uint8_t{12}})
    CHECK(verdict_of(icmp(Family::ipv4, 3, code, EHOSTUNREACH)) == "unreachable/icmp-host-unreachable");
  CHECK(verdict_of(icmp(Family::ipv6, 1, 0, ENETUNREACH)) == "unreachable/icmp-net-unreachable");
  CHECK(verdict_of(icmp(Family::ipv6, 1, 3, EHOSTUNREACH)) == "unreachable/icmp-host-unreachable");
}

TEST_CASE("other ICMP errors end the attempt too and are named") {
  CHECK(verdict_of(icmp(Family::ipv4, 11, 0, EHOSTUNREACH)) == "unreachable/icmp-time-exceeded");
  CHECK(verdict_of(icmp(Family::ipv6, 3, 0, EHOSTUNREACH)) == "unreachable/icmp-time-exceeded");
  CHECK(verdict_of(icmp(Family::ipv4, 3, 2, ENOPROTOOPT)) == "unreachable/icmp-error");
  CHECK(verdict_of(icmp(Family::ipv4, 12, 0, EPROTO)) == "unreachable/icmp-error");
  CHECK(verdict_of(icmp(Family::ipv6, 1, 2, EHOSTUNREACH)) == "unreachable/icmp-error");
}

TEST_CASE("silence: filtered / no-response, unless the next hop never answered ARP") {
  ConnectObservation observation;
  observation.end = ConnectEnd::timed_out;
  CHECK(verdict_of(observation) == "filtered/no-response");
  CHECK(verdict_of(failed(ETIMEDOUT)) == "filtered/no-response");
  observation.next_hop_unresolved = true;
  CHECK(verdict_of(observation) == "unreachable/no-neighbour");
}

TEST_CASE("our own stack's host unreachable is a neighbour that never answered") {
  CHECK(verdict_of(icmp(Family::ipv4, 3, 1, EHOSTUNREACH, true)) == "unreachable/no-neighbour");
  CHECK(verdict_of(icmp(Family::ipv6, 1, 3, EHOSTUNREACH, true)) == "unreachable/no-neighbour");
  ConnectObservation no_queue_entry = failed(EHOSTUNREACH);
  no_queue_entry.next_hop_unresolved = true;
  CHECK(verdict_of(no_queue_entry) == "unreachable/no-neighbour");
  CHECK(verdict_of(failed(EHOSTUNREACH)) == "unreachable/icmp-host-unreachable");
}

TEST_CASE("no route: connect() fails at once") {
  CHECK(verdict_of(failed(ENETUNREACH, true)) == "unreachable/no-route");
  CHECK(verdict_of(failed(EHOSTUNREACH, true)) == "unreachable/no-route");
  CHECK(verdict_of(failed(EINVAL, true)) == "unreachable/no-route");  // a blackhole route
  CHECK(verdict_of(icmp(Family::ipv4, 3, 0, ENETUNREACH, true)) == "unreachable/no-route");
}

TEST_CASE("local refusals: error with the cause") {
  CHECK(verdict_of(failed(EACCES, true)) == "error/local-firewall");
  CHECK(verdict_of(failed(EPERM)) == "error/local-firewall");
  CHECK(verdict_of(icmp(Family::ipv4, 3, 13, EHOSTUNREACH, true)) == "error/local-firewall");
  CHECK(verdict_of(icmp(Family::ipv4, 3, 3, ECONNREFUSED, true)) == "error/local-firewall");
  CHECK(verdict_of(failed(EADDRNOTAVAIL, true)) == "error/local-error");
  CHECK(verdict_of(failed(ENOBUFS)) == "error/local-error");
}
