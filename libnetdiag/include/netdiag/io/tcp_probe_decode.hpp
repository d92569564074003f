// Pure decoding for TCP SYN probes (nd-trace -T): what TcpProbeSocket reads — the target's
// SYN-ACK or RST from its raw socket, an ICMP error from an error queue — into the normalised
// Reply. No sockets here, so the rules are unit-tested like the wire/ parsers.
//
// Every SYN of a trace has the same addresses and ports (Paris-style); probe p carries the
// sequence number
//
//   sequence_base + p * 65536        (mod 2^32; sequence_base is random per trace)
//
// so that sequence - sequence_base has the probe id in its high 16 bits and zero in its low 16
// bits. An answer's acknowledgment number minus one, minus sequence_base, then names the probe
// *and* how many of its data bytes the answer acknowledges (0 for a Linux SYN-ACK; all of them
// for an RST, which acknowledges SEG.SEQ + SEG.LEN, RFC 9293, SEGMENT ARRIVES in state CLOSED): a
// probe carries fewer than 65536 data bytes, so the two never mix, whatever each probe's size.
// The low 16 bits (the data count, or 0 in a quoted SYN) check that a segment answers one of our
// SYNs: a stray one passes with a chance of about 2 in 65536.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "netdiag/core/address.hpp"
#include "netdiag/core/reply.hpp"
#include "netdiag/core/types.hpp"
#include "netdiag/io/icmp_decode.hpp"

namespace netdiag {

// One trace's SYNs: from our `source_port` to the target's `destination_port`.
struct TcpProbeFlow {
  IpAddress target;
  Port source_port;
  Port destination_port;
  std::uint32_t sequence_base = 0;
};

// The sequence number of probe `probe_id`'s SYN.
constexpr std::uint32_t tcp_probe_sequence(const TcpProbeFlow& flow, std::uint16_t probe_id) {
  return flow.sequence_base + (std::uint32_t{probe_id} << 16U);
}

// One packet read from the raw IPPROTO_TCP socket: IPv4 with its IP header (raw(7)), IPv6 the
// TCP segment alone; `from` is the sender recvmsg() named. A SYN-ACK or an RST+ACK from the
// target's port to ours whose acknowledgment is probe p's sequence + 1, or + 1 + the data bytes
// p carried (`data_bytes_by_probe[p]`; ids past its end were never sent), becomes a
// transport_reply for p with its tcp_answer: identifier = our source port, sequence = p, ttl from the IPv4 header
// (IPv6: left for the caller, from IPV6_HOPLIMIT), received_at left for the caller. Anything
// else — other flows, other flags, other acknowledgments, truncated packets — is empty. The
// checksum is not checked: the kernel verifies it for IPv6 (IPV6_CHECKSUM), and for IPv4 a
// segment that crossed loopback or a veth still carries the partial checksum of
// CHECKSUM_PARTIAL, which a raw socket sees as it is.
std::optional<Reply> decode_tcp_probe_segment(Family family, std::span<const std::byte> packet,
                                              const IpAddress& from, const TcpProbeFlow& flow,
                                              std::span<const std::uint16_t> data_bytes_by_probe);

// An error-queue entry of the raw socket: the kernel hands every raw socket of the quoted
// protocol the ICMP errors quoting a TCP segment (raw_icmp_error), with the quoted segment as
// data. When it quotes one of our SYNs — our ports, a sequence number of ours (RFC 792 promises
// its 8 bytes) — it becomes an icmp_error Reply for that probe: offender, type, code, MTU,
// original destination (received_at and ttl left for the caller). Local-origin entries and
// quotes of anything else are empty.
std::optional<Reply> decode_tcp_probe_error(Family family, const ErrorQueueEntry& entry, const TcpProbeFlow& flow);

// (An error-queue entry of a connect-mode probe socket is tied to that socket's one SYN by the
// kernel, tcp_v4_err / tcp_v6_err: decode_probe_error with the socket's probe id.)

}  // namespace netdiag
