// The one seam between the resolver and the network: a query function that sends one DNS query
// to one server and returns what came back. io/dns_transport implements it with sockets; unit
// tests script root, TLD and authoritative servers behind it (as PowerDNS's recursor tests do).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/core/time.hpp"
#include "netdiag/model/dns_report.hpp"
#include "netdiag/wire/dns_message.hpp"

namespace netdiag::dns {

struct DnsQuery {
  IpAddress server;
  wire::DnsQuestion question;
  DnsTransport transport = DnsTransport::udp;
  bool recursion_desired = false;  // stub mode only
  std::uint16_t edns_udp_size = 1232;
};

struct DnsExchange {
  enum class Status : std::uint8_t {
    response,       // `response` holds the accepted message
    timeout,        // nothing acceptable within the timeout
    network_error,  // could not send, or the server's host/port is unreachable (`error` says which)
    interrupted,    // SIGINT: the resolution stops
  };
  Status status = Status::timeout;
  std::vector<std::byte> response;
  std::optional<Duration> rtt;
  std::string error;
  // Messages that arrived but were not the answer (wrong ID, question or source): the query
  // went on waiting for the real one.
  std::uint32_t rejected = 0;
};

using QueryFunction = std::function<DnsExchange(const DnsQuery&)>;

// Whether `response` answers the query with ID `id` and question `question`: QR set, same ID,
// a first question equal to ours (name case-insensitively, type, class). The caller has
// already checked it came from the address and port the query went to. A message that passes
// is the server's answer even if the rest of it does not parse.
bool response_matches(std::uint16_t id, const wire::DnsQuestion& question, std::span<const std::byte> response);

}  // namespace netdiag::dns
