// TCP SYN probes (nd-trace -T): the target's SYN-ACKs and RSTs as a raw TCP socket reads them,
// and error-queue entries quoting our SYNs, decoded into Replies — or rejected. Packets are built
// with the wire/ builders; lab addresses: us 198.18.1.2 / fd00:1::2, router 198.18.1.1 /
// fd00:1::1, target 198.18.2.2 / fd00:2::2.
#include <doctest/doctest.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <span>
#include <vector>

#include "netdiag/io/tcp_probe_decode.hpp"
#include "netdiag/wire/ipv4.hpp"
#include "netdiag/wire/tcp.hpp"
#include "netdiag/wire/udp.hpp"

using namespace netdiag;

namespace {

const IpAddress kClient = *IpAddress::parse("198.18.1.2");
const IpAddress kRouter = *IpAddress::parse("198.18.1.1");
const IpAddress kServer = *IpAddress::parse("198.18.2.2");
const IpAddress kClient6 = *IpAddress::parse("fd00:1::2");
const IpAddress kRouter6 = *IpAddress::parse("fd00:1::1");
const IpAddress kServer6 = *IpAddress::parse("fd00:2::2");

// Our flow: port 40000 to the target's 443. The base is close to 2^32, so probe 3's sequence
// number wraps around.
constexpr std::uint32_t kBase = 0xfffe1234;
const TcpProbeFlow kFlow{kServer, Port{40000}, Port{443}, kBase};
const TcpProbeFlow kFlow6{kServer6, Port{40000}, Port{443}, kBase};
constexpr std::uint16_t kProbe = 3;
constexpr std::uint16_t kProbeData = 20;  // data bytes probe 3 carried (an 80-byte IPv4 packet)
// Probes 0..7 were sent; only probe 3 carried data.
const std::vector<std::uint16_t> kDataBytes{0, 0, 0, kProbeData, 0, 0, 0, 0};

std::vector<std::byte> tcp_segment(const wire::TcpFields& fields, const IpAddress& source,
                                   const IpAddress& destination, std::span<const std::byte> payload = {}) {
  std::vector<std::byte> out(wire::TcpView::max_header_length + payload.size());
  const auto built = wire::build_tcp(out, fields, payload, &source, &destination);
  REQUIRE(built);
  out.resize(built->size());
  return out;
}

std::vector<std::byte> ipv4_packet(const IpAddress& source, const IpAddress& destination,
                                   std::span<const std::byte> segment, std::uint8_t ttl = 61) {
  std::vector<std::byte> out(wire::Ipv4View::min_header_length + segment.size());
  wire::Ipv4Fields fields;
  fields.ttl = ttl;
  fields.protocol = wire::ip_protocol_tcp;
  fields.source = source;
  fields.destination = destination;
  const auto built = wire::build_ipv4(out, fields, segment);
  REQUIRE(built);
  return out;
}

// The target's answer to our probe `probe_id`, acknowledging `acknowledged_data` of its bytes.
wire::TcpFields answer_fields(wire::TcpFlags flags, std::uint16_t probe_id, std::uint32_t acknowledged_data = 0) {
  wire::TcpFields fields;
  fields.source = Port{443};
  fields.destination = Port{40000};
  fields.sequence = flags.rst() ? 0 : 0x5eed0001;
  fields.acknowledgment = tcp_probe_sequence(kFlow, probe_id) + 1 + acknowledged_data;
  fields.flags = flags;
  return fields;
}

std::vector<std::byte> answer_v4(wire::TcpFlags flags, std::uint16_t probe_id, std::uint32_t acknowledged_data = 0) {
  const auto segment = tcp_segment(answer_fields(flags, probe_id, acknowledged_data), kServer, kClient);
  return ipv4_packet(kServer, kClient, segment);
}

// Our SYN for probe `probe_id`, with Linux's options, as a router quotes it.
std::vector<std::byte> our_syn(const IpAddress& source, const IpAddress& destination, std::uint16_t probe_id) {
  wire::TcpOptions options;
  options.mss = 1460;
  options.sack_permitted = true;
  options.timestamps = wire::TcpTimestamps{123456, 0};
  options.window_scale = 7;
  std::array<std::byte, 20> option_bytes{};
  const auto written = wire::build_tcp_options(option_bytes, options);
  REQUIRE(written);
  wire::TcpFields fields;
  fields.source = Port{40000};
  fields.destination = Port{443};
  fields.sequence = tcp_probe_sequence(kFlow, probe_id);
  fields.flags = wire::tcp_flags::syn;
  fields.window = 64240;
  fields.options = *written;
  return tcp_segment(fields, source, destination);
}

ErrorQueueEntry icmp_entry(std::uint8_t origin, std::uint8_t type, std::uint8_t code, const IpAddress& offender,
                           const IpAddress& destination, std::span<const std::byte> quoted) {
  ErrorQueueEntry entry;
  entry.error = EHOSTUNREACH;
  entry.origin = origin;
  entry.type = type;
  entry.code = code;
  entry.offender = offender;
  entry.original_destination = destination;
  entry.payload = quoted;
  return entry;
}

}  // namespace

TEST_CASE("probe sequence numbers: the probe id in the high 16 bits above a random base") {
  CHECK(tcp_probe_sequence(kFlow, 0) == kBase);
  CHECK(tcp_probe_sequence(kFlow, 1) == 0xffff1234U);
  CHECK(tcp_probe_sequence(kFlow, 3) == 0x00011234U);  // wraps
  CHECK(tcp_probe_sequence(kFlow, 0xffff) == kBase - 0x10000U);
}

TEST_CASE("raw IPv4: a SYN-ACK from the target's port answers the probe its ack names") {
  const auto packet = answer_v4(wire::tcp_flags::syn | wire::tcp_flags::ack, 5);
  const auto answer = decode_tcp_probe_segment(Family::ipv4, packet, kServer, kFlow, kDataBytes);
  REQUIRE(answer);
  CHECK(answer->tcp_answer == TcpAnswer::syn_ack);
  const Reply& reply = *answer;
  CHECK(reply.kind == ReplyKind::transport_reply);
  CHECK(reply.family == Family::ipv4);
  CHECK(reply.from == kServer);
  CHECK(reply.identifier == 40000);
  CHECK(reply.sequence == Sequence{5});
  CHECK(reply.ttl == Ttl{61});
  CHECK(reply.probe_destination == kServer);
}

TEST_CASE("raw IPv4: an RST acknowledges the SYN and its data (RFC 9293, SEGMENT ARRIVES in state CLOSED)") {
  const auto rst_ack = wire::tcp_flags::rst | wire::tcp_flags::ack;
  const auto with_data = decode_tcp_probe_segment(Family::ipv4, answer_v4(rst_ack, kProbe, kProbeData), kServer,
                                                  kFlow, kDataBytes);
  REQUIRE(with_data);
  CHECK(with_data->tcp_answer == TcpAnswer::reset);
  CHECK(with_data->kind == ReplyKind::transport_reply);
  CHECK(with_data->sequence == Sequence{kProbe});
  // A stack that acknowledges only the SYN names the same probe.
  const auto syn_only = decode_tcp_probe_segment(Family::ipv4, answer_v4(rst_ack, kProbe), kServer, kFlow, kDataBytes);
  REQUIRE(syn_only);
  CHECK(syn_only->sequence == Sequence{kProbe});
  // Neither: not an answer to anything we sent.
  CHECK_FALSE(decode_tcp_probe_segment(Family::ipv4, answer_v4(rst_ack, kProbe, kProbeData - 1), kServer, kFlow,
                                       kDataBytes));
  CHECK_FALSE(decode_tcp_probe_segment(Family::ipv4, answer_v4(rst_ack, 4, kProbeData), kServer, kFlow, kDataBytes));
}

TEST_CASE("raw IPv4: segments that answer no probe of ours are dropped") {
  const auto syn_ack = wire::tcp_flags::syn | wire::tcp_flags::ack;
  const auto decode = [](std::span<const std::byte> packet, const IpAddress& from = kServer) {
    return decode_tcp_probe_segment(Family::ipv4, packet, from, kFlow, kDataBytes);
  };
  SUBCASE("from another host") {
    const auto packet = ipv4_packet(kRouter, kClient, tcp_segment(answer_fields(syn_ack, 5), kRouter, kClient));
    CHECK_FALSE(decode(packet, kRouter));
  }
  SUBCASE("from another port, or to another port") {
    auto fields = answer_fields(syn_ack, 5);
    fields.source = Port{80};
    CHECK_FALSE(decode(ipv4_packet(kServer, kClient, tcp_segment(fields, kServer, kClient))));
    fields = answer_fields(syn_ack, 5);
    fields.destination = Port{40001};
    CHECK_FALSE(decode(ipv4_packet(kServer, kClient, tcp_segment(fields, kServer, kClient))));
  }
  SUBCASE("flags that answer no SYN: our own SYN looped back, a bare ACK, an RST without ACK") {
    CHECK_FALSE(decode(ipv4_packet(kClient, kServer, our_syn(kClient, kServer, 5)), kClient));
    CHECK_FALSE(decode(answer_v4(wire::tcp_flags::ack, 5)));
    CHECK_FALSE(decode(answer_v4(wire::tcp_flags::rst, 5)));
    CHECK_FALSE(decode(answer_v4(wire::tcp_flags::syn, 5)));
  }
  SUBCASE("an acknowledgment of another trace's sequence numbers") {
    auto fields = answer_fields(syn_ack, 5);
    fields.acknowledgment += 0x100;  // the low 16 bits no longer match our base
    CHECK_FALSE(decode(ipv4_packet(kServer, kClient, tcp_segment(fields, kServer, kClient))));
  }
  SUBCASE("a probe id never sent") {
    CHECK_FALSE(decode(answer_v4(syn_ack, 8)));
    CHECK_FALSE(decode(answer_v4(syn_ack, 0xffff)));
  }
  SUBCASE("not TCP") {
    auto packet = answer_v4(syn_ack, 5);
    packet[9] = std::byte{17};  // protocol UDP (header checksum now wrong: nobody checks it here)
    CHECK_FALSE(decode(packet));
  }
}

TEST_CASE("raw IPv4: every truncation of an answer is dropped, never read out of bounds") {
  const auto packet = answer_v4(wire::tcp_flags::syn | wire::tcp_flags::ack, 5);
  REQUIRE(decode_tcp_probe_segment(Family::ipv4, packet, kServer, kFlow, kDataBytes));
  for (std::size_t length = 0; length < packet.size(); ++length) {
    CAPTURE(length);
    CHECK_FALSE(decode_tcp_probe_segment(Family::ipv4, std::span(packet).first(length), kServer, kFlow, kDataBytes));
  }
}

TEST_CASE("raw IPv6: the segment comes without its IP header; the hop limit is the caller's") {
  auto fields = answer_fields(wire::tcp_flags::rst | wire::tcp_flags::ack, kProbe, kProbeData);
  const auto segment = tcp_segment(fields, kServer6, kClient6);
  const auto answer = decode_tcp_probe_segment(Family::ipv6, segment, kServer6, kFlow6, kDataBytes);
  REQUIRE(answer);
  CHECK(answer->tcp_answer == TcpAnswer::reset);
  CHECK(answer->family == Family::ipv6);
  CHECK(answer->from == kServer6);
  CHECK(answer->sequence == Sequence{kProbe});
  CHECK(answer->identifier == 40000);
  CHECK_FALSE(answer->ttl);
  CHECK_FALSE(decode_tcp_probe_segment(Family::ipv6, segment, kRouter6, kFlow6, kDataBytes));
  for (std::size_t length = 0; length < segment.size(); ++length) {
    CAPTURE(length);
    CHECK_FALSE(decode_tcp_probe_segment(Family::ipv6, std::span(segment).first(length), kServer6, kFlow6, kDataBytes));
  }
}

TEST_CASE("raw error queue: an ICMP error quoting our SYN names the probe by its sequence number") {
  const auto syn = our_syn(kClient, kServer, kProbe);
  auto entry = icmp_entry(kErrorOriginIcmp, 11, 0, kRouter, kServer, syn);
  const auto reply = decode_tcp_probe_error(Family::ipv4, entry, kFlow);
  REQUIRE(reply);
  CHECK(reply->kind == ReplyKind::icmp_error);
  CHECK(reply->family == Family::ipv4);
  CHECK(reply->from == kRouter);
  CHECK(reply->identifier == 40000);
  CHECK(reply->sequence == Sequence{kProbe});
  CHECK(reply->icmp_type == 11);
  CHECK(reply->icmp_code == 0);
  CHECK(reply->probe_destination == kServer);
  CHECK_FALSE(reply->mtu);

  // RFC 792 promises only 8 bytes of the segment: ports and sequence number are enough.
  entry.payload = std::span(syn).first(8);
  REQUIRE(decode_tcp_probe_error(Family::ipv4, entry, kFlow));
  CHECK(decode_tcp_probe_error(Family::ipv4, entry, kFlow)->sequence == Sequence{kProbe});

  entry.type = 3;  // fragmentation needed
  entry.code = 4;
  entry.info = 1400;
  CHECK(decode_tcp_probe_error(Family::ipv4, entry, kFlow)->mtu == Mtu{1400});
}

TEST_CASE("raw error queue: IPv6 packet too big and time exceeded") {
  const auto syn = our_syn(kClient6, kServer6, 7);
  auto entry = icmp_entry(kErrorOriginIcmp6, 2, 0, kRouter6, kServer6, syn);
  entry.info = 1280;
  const auto too_big = decode_tcp_probe_error(Family::ipv6, entry, kFlow6);
  REQUIRE(too_big);
  CHECK(too_big->sequence == Sequence{7});
  CHECK(too_big->mtu == Mtu{1280});
  CHECK(too_big->from == kRouter6);
  entry.type = 3;
  const auto time_exceeded = decode_tcp_probe_error(Family::ipv6, entry, kFlow6);
  REQUIRE(time_exceeded);
  CHECK(time_exceeded->icmp_type == 3);
  CHECK_FALSE(time_exceeded->mtu);
}

TEST_CASE("raw error queue: entries that quote no SYN of ours are dropped") {
  const auto syn = our_syn(kClient, kServer, kProbe);
  const auto decode = [](const ErrorQueueEntry& entry) { return decode_tcp_probe_error(Family::ipv4, entry, kFlow); };
  auto entry = icmp_entry(kErrorOriginIcmp, 11, 0, kRouter, kServer, syn);
  REQUIRE(decode(entry));
  SUBCASE("local origin (EMSGSIZE on send)") {
    entry.origin = kErrorOriginLocal;
    entry.error = EMSGSIZE;
    CHECK_FALSE(decode(entry));
  }
  SUBCASE("another flow's ports") {
    auto other = syn;
    other[1] ^= std::byte{1};  // source port 40001
    entry.payload = other;
    CHECK_FALSE(decode(entry));
    other = syn;
    other[3] ^= std::byte{1};  // destination port 442
    entry.payload = other;
    CHECK_FALSE(decode(entry));
  }
  SUBCASE("a sequence number not of the form base + id * 65536") {
    auto other = syn;
    other[7] ^= std::byte{1};
    entry.payload = other;
    CHECK_FALSE(decode(entry));
  }
  SUBCASE("fewer than the 8 bytes that hold the sequence number") {
    for (std::size_t length = 0; length < 8; ++length) {
      entry.payload = std::span(syn).first(length);
      CHECK_FALSE(decode(entry));
    }
  }
}

TEST_CASE("connect mode: an ICMP error on a probe's own socket is that probe's") {
  const auto syn = our_syn(kClient, kServer, 1);  // the kernel's SYN: its sequence number says nothing
  auto entry = icmp_entry(kErrorOriginIcmp, 11, 0, kRouter, kServer, syn);
  const auto reply = decode_probe_error(Family::ipv4, entry, 0x4242, 9, 20);
  REQUIRE(reply);
  CHECK(reply->kind == ReplyKind::icmp_error);
  CHECK(reply->identifier == 0x4242);
  CHECK(reply->sequence == Sequence{9});
  CHECK(reply->from == kRouter);
  CHECK(reply->probe_destination == kServer);
  entry.origin = kErrorOriginLocal;
  CHECK_FALSE(decode_probe_error(Family::ipv4, entry, 0x4242, 9, 20));
}
