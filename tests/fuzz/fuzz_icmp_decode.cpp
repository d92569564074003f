// libFuzzer target: io/icmp_decode, the step from socket bytes to Reply. The first input byte
// picks the socket (IPv4 raw, IPv4 ping socket, IPv6) and whether the rest is read as a datagram
// or as an error-queue payload; the rest is the bytes the kernel would hand over.
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz_support.hpp"
#include "netdiag/io/icmp_decode.hpp"

using namespace netdiag;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto selector = data[0];
  const auto bytes = std::as_bytes(std::span(data + 1, size - 1));
  const Family family = (selector & 1U) != 0 ? Family::ipv6 : Family::ipv4;
  const SocketKind kind = (selector & 2U) != 0 ? SocketKind::datagram : SocketKind::raw;
  const IpAddress from = family == Family::ipv4 ? *IpAddress::parse("198.18.1.1") : *IpAddress::parse("fd00:1::1");
  const auto sent_payload = bytes.first(bytes.size() / 2);

  std::optional<Reply> reply;
  if ((selector & 4U) == 0) {
    reply = decode_icmp_datagram(family, kind, bytes, from, sent_payload);
  } else {
    ErrorQueueEntry entry;
    entry.origin = family == Family::ipv4 ? kErrorOriginIcmp : kErrorOriginIcmp6;
    entry.type = static_cast<std::uint8_t>(selector >> 3U);
    entry.code = 4;
    entry.info = 1400;
    entry.offender = from;
    entry.payload = bytes;
    reply = decode_error_queue_entry(family, entry);
  }
  if (reply) {
    NETDIAG_FUZZ_CHECK(reply->family == family);
    NETDIAG_FUZZ_CHECK(reply->kind != ReplyKind::local_error);
    NETDIAG_FUZZ_CHECK(reply->kind == ReplyKind::icmp_error || reply->icmp_bytes <= bytes.size());
  }
  return 0;
}
