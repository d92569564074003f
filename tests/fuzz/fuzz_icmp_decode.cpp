// libFuzzer target: io/icmp_decode and io/tcp_probe_decode, the steps from socket bytes to
// Reply. The first input byte picks the family (bit 0), what the rest is read as (bits 1-3: a
// raw or ping-socket datagram; the error-queue data of an echo, UDP or TCP probe; a raw TCP
// segment; the quote an MPLS stack is looked for in) and the error's type (bit 4); the rest is
// the bytes the kernel would hand over.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz_support.hpp"
#include "netdiag/io/icmp_decode.hpp"
#include "netdiag/io/tcp_probe_decode.hpp"

using namespace netdiag;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto selector = data[0];
  const auto bytes = std::as_bytes(std::span(data + 1, size - 1));
  const Family family = (selector & 1U) != 0 ? Family::ipv6 : Family::ipv4;
  const IpAddress from = family == Family::ipv4 ? *IpAddress::parse("198.18.1.1") : *IpAddress::parse("fd00:1::1");
  const auto sent_payload = bytes.first(bytes.size() / 2);

  ErrorQueueEntry entry;
  entry.origin = family == Family::ipv4 ? kErrorOriginIcmp : kErrorOriginIcmp6;
  const bool too_big = (selector & 16U) != 0;
  entry.type = family == Family::ipv4 ? (too_big ? 3 : 11) : (too_big ? 2 : 3);
  entry.code = too_big && family == Family::ipv4 ? 4 : 0;
  entry.info = 1400;
  entry.offender = from;
  entry.payload = bytes;
  const IpAddress target = family == Family::ipv4 ? *IpAddress::parse("198.18.2.2") : *IpAddress::parse("fd00:2::2");
  const TcpProbeFlow flow{target, Port{40000}, Port{80}, 0xfffe1234};
  const std::array<std::uint16_t, 4> data_bytes{0, 0, 20, 0};

  std::optional<Reply> reply;
  switch ((selector >> 1U) & 7U) {
    case 0: reply = decode_icmp_datagram(family, SocketKind::raw, bytes, from, sent_payload); break;
    case 1: reply = decode_icmp_datagram(family, SocketKind::datagram, bytes, from, sent_payload); break;
    case 2: reply = decode_error_queue_entry(family, entry); break;
    case 3: reply = decode_udp_probe_error(family, entry, 33434); break;
    case 4: reply = decode_tcp_probe_segment(family, bytes, target, flow, data_bytes); break;
    case 5: reply = decode_tcp_probe_error(family, entry, flow); break;
    default:
      for (const auto& label : mpls_after_quote(family, bytes, selector % 130U)) NETDIAG_FUZZ_CHECK(label.label < (1U << 20U));
      break;
  }
  if (reply) {
    NETDIAG_FUZZ_CHECK(reply->family == family);
    NETDIAG_FUZZ_CHECK(reply->kind != ReplyKind::local_error);
    NETDIAG_FUZZ_CHECK(reply->kind == ReplyKind::icmp_error || reply->icmp_bytes <= bytes.size());
    for (const auto& label : reply->mpls) NETDIAG_FUZZ_CHECK(label.label < (1U << 20U));
  }
  return 0;
}
