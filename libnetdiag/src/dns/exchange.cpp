#include "netdiag/dns/exchange.hpp"

namespace netdiag::dns {

bool response_matches(std::uint16_t id, const wire::DnsQuestion& question, std::span<const std::byte> response) {
  const auto head = wire::parse_dns_head(response);
  if (!head || !head->header.qr || head->header.id != id || !head->question) return false;
  return *head->question == question;
}

}  // namespace netdiag::dns
