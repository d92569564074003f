// Pure decoding of what an ICMP socket reads into the normalised Reply: no sockets here, so the
// rules are unit-tested with captured bytes and fuzzed like the wire/ parsers.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "netdiag/core/reply.hpp"
#include "netdiag/model/ping_report.hpp"

namespace netdiag {

// One datagram read from an ICMP socket (not the error queue). An IPv4 raw socket delivers the
// IP header too (raw(7)); a ping socket and any ICMPv6 socket deliver the ICMP message only.
// Echo replies and ICMP errors quoting an echo request become a Reply (received_at left for the
// caller); everything else — requests, other types, bad checksums on raw sockets, truncated or
// malformed packets — is empty. `sent_payload` is what our probes carry, to mark corrupted
// replies.
std::optional<Reply> decode_icmp_datagram(Family family, SocketKind kind, std::span<const std::byte> datagram,
                                          const IpAddress& from, std::span<const std::byte> sent_payload);

// One entry of the socket error queue (IP_RECVERR / IPV6_RECVERR), in plain fields.
struct ErrorQueueEntry {
  std::uint32_t error = 0;   // ee_errno
  std::uint8_t origin = 0;   // ee_origin: SO_EE_ORIGIN_LOCAL (1), ICMP (2), ICMP6 (3)
  std::uint8_t type = 0;     // ee_type
  std::uint8_t code = 0;     // ee_code
  std::uint32_t info = 0;    // ee_info: the MTU for "fragmentation needed" / "packet too big" / EMSGSIZE
  std::optional<IpAddress> offender;             // SO_EE_OFFENDER
  std::optional<IpAddress> original_destination;  // msg_name of the errqueue read
  std::span<const std::byte> payload;             // the ICMP message of ours that the error quotes
};

inline constexpr std::uint8_t kErrorOriginLocal = 1;
inline constexpr std::uint8_t kErrorOriginIcmp = 2;
inline constexpr std::uint8_t kErrorOriginIcmp6 = 3;

// An ICMP-origin error queue entry quoting one of our echo requests, as a Reply (received_at
// left for the caller). Local-origin and unrelated entries are empty.
std::optional<Reply> decode_error_queue_entry(Family family, const ErrorQueueEntry& entry);

// An ICMP-origin entry about a probe the caller has already identified (from what the entry
// quotes, or from the socket it arrived on): a Reply with the offender, type, code, MTU and
// original destination, carrying `flow_identifier` and `probe_id` (received_at left for the
// caller). Local-origin entries are empty.
// `quoted_header_bytes`: how much of the quoted datagram the kernel left out of the entry's data
// (the IP header; for UDP probes also the UDP header), so that an MPLS
// label stack in an extension after the first 128 bytes (RFC 4884, RFC 4950) is found.
std::optional<Reply> decode_probe_error(Family family, const ErrorQueueEntry& entry, std::uint16_t flow_identifier,
                                        std::uint16_t probe_id, std::size_t quoted_header_bytes);

// The MPLS label stack of an ICMP error whose body is `body` minus its first `missing_bytes`
// (what the kernel strips from error-queue data): extensions at 128 bytes into the body, with a
// checksum that verifies (the error queue hides the ICMP header and its Length field).
std::vector<MplsLabel> mpls_after_quote(Family family, std::span<const std::byte> body, std::size_t missing_bytes);

// The same for a UDP probe socket: there the kernel returns the UDP *payload* of the probe the
// error quotes (udp_err passes what follows the UDP header), whose first two bytes are the probe
// id (big-endian). The socket is connected, so the kernel already tied the error to our flow;
// the Reply carries `flow_identifier` (our source port). Empty when the router quoted too little
// to carry the id (RFC 792 only promises 8 bytes of the datagram).
std::optional<Reply> decode_udp_probe_error(Family family, const ErrorQueueEntry& entry,
                                            std::uint16_t flow_identifier);

}  // namespace netdiag
