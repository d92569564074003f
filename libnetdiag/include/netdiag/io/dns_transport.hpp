// The real network behind the resolver's QueryFunction: one fresh socket per query (so the
// kernel picks a random source port), a random query ID from getrandom(), a connected socket so
// only the address and port asked can answer, and a response accepted only when its ID and
// question match (dns::response_matches); anything else is counted and ignored while the query
// waits on. UDP, or TCP with the two-byte length prefix (RFC 1035 section 4.2.2).
//
// RTT: UDP, from just before send() to the kernel's receive stamp (SO_TIMESTAMPNS); TCP, from
// the start of connect() to the last byte of the answer (the handshake included).
#pragma once

#include <atomic>
#include <chrono>

#include "netdiag/core/time.hpp"
#include "netdiag/core/types.hpp"
#include "netdiag/dns/exchange.hpp"

namespace netdiag {

struct DnsTransportOptions {
  Duration timeout = std::chrono::seconds(2);  // -W: per query
  Port port{53};                               // -p
};

class DnsSocketTransport {
 public:
  // `stop` is read while waiting (a SIGINT handler sets it): the query then ends as interrupted.
  DnsSocketTransport(DnsTransportOptions options, const std::atomic<bool>& stop);

  dns::DnsExchange operator()(const dns::DnsQuery& query) const;

 private:
  dns::DnsExchange over_udp(const dns::DnsQuery& query) const;
  dns::DnsExchange over_tcp(const dns::DnsQuery& query) const;

  DnsTransportOptions options_;
  const std::atomic<bool>& stop_;
};

}  // namespace netdiag
