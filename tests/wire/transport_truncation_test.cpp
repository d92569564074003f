// "Truncate at every length" for UDP, TCP and ICMP extensions: every prefix of every captured
// UDP datagram, TCP segment, quoted probe and extension-carrying ICMP message, copied into a buffer
// of exactly that size (so AddressSanitizer sees any read past it), goes through every parser.
#include <doctest/doctest.h>

#include <numeric>
#include <vector>

#include "captured_packet.hpp"
#include "captures.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmp_extensions.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "netdiag/wire/tcp.hpp"
#include "netdiag/wire/udp.hpp"
#include "support/hex.hpp"

using netdiag::IpAddress;
using netdiag::test::CapturedPacket;
using netdiag::test::from_hex;
namespace captures = netdiag::test::captures;
using namespace netdiag::wire;

namespace {

unsigned touch(std::span<const std::byte> bytes) {
  return std::accumulate(bytes.begin(), bytes.end(), 0U,
                         [](unsigned sum, std::byte b) { return sum + std::to_integer<unsigned>(b); });
}

template <typename... Values>
unsigned add(Values... values) {
  return (0U + ... + static_cast<unsigned>(values));
}

unsigned touch(const UdpView& v, const IpAddress& src, const IpAddress& dst) {
  CHECK(v.datagram().size() <= v.length());
  CHECK(v.header().size() + v.payload().size() == v.datagram().size());
  return add(v.source_port().value, v.destination_port().value, v.length(), v.checksum(), v.complete(),
             v.checksum_ok(src, dst)) +
         touch(v.header()) + touch(v.payload()) + touch(v.datagram());
}

unsigned touch(const TcpOptions& o) {
  return add(o.mss.value_or(0), o.window_scale.value_or(0), o.sack_permitted, o.sack_blocks, o.unknown,
             o.wrong_length) +
         (o.timestamps ? add(o.timestamps->value, o.timestamps->echo) : 0U);
}

unsigned touch(const TcpView& v, const IpAddress& src, const IpAddress& dst) {
  unsigned sum = add(v.source_port().value, v.destination_port().value, v.sequence(), v.complete(),
                     v.acknowledgment(), v.data_offset(), v.flags().bits, v.window(), v.checksum(),
                     v.urgent_pointer(), v.checksum_ok(src, dst));
  sum += touch(v.header()) + touch(v.options()) + touch(v.payload()) + touch(v.segment());
  CHECK(v.header().size() + v.payload().size() <= v.segment().size());
  if (const auto options = parse_tcp_options(v.options())) sum += touch(*options);
  return sum;
}

unsigned touch(const IcmpExtensions& e) {
  unsigned sum = add(e.version(), e.checksum(), e.checksum_ok()) + touch(e.bytes());
  for (const auto& object : e.objects()) sum += add(object.class_num, object.c_type) + touch(object.payload);
  for (const auto& entry : mpls_label_stack(e)) {
    sum += add(entry.label, entry.traffic_class, entry.bottom_of_stack, entry.ttl);
    sum += static_cast<unsigned>(format_mpls_mtr(entry).size());
  }
  return sum + static_cast<unsigned>(format_mpls_traceroute(mpls_label_stack(e)).size());
}

template <typename Check>
void for_every_prefix(std::span<const std::byte> whole, Check check) {
  for (std::size_t n = 0; n <= whole.size(); ++n) {
    const std::vector<std::byte> prefix(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
    check(std::span<const std::byte>(prefix), n);
  }
}

const std::vector<std::string_view> udp_captures{captures::udp_echo_request_v4, captures::udp_echo_reply_v4,
                                                 captures::udp_no_checksum_v4, captures::udp_echo_request_v6};

const std::vector<std::string_view> tcp_captures{
    captures::tcp_syn_v4,  captures::tcp_syn_ack_v4, captures::tcp_data_v4,    captures::tcp_fin_v4,
    captures::tcp_rst_v4,  captures::tcp_syn_closed_v4, captures::tcp_syn_v6, captures::tcp_syn_ack_v6,
    captures::tcp_data_v6, captures::tcp_rst_v6};

const std::vector<std::string_view> error_captures{
    captures::udp_port_unreachable_v4, captures::udp_ttl_exceeded_v4, captures::udp_port_unreachable_v6,
    captures::udp_hop_limit_v6,        captures::tcp_syn_ttl_exceeded_v4, captures::tcp_hop_limit_v6,
    captures::mpls_ttl_exceeded_v4,    captures::mpls_hop_limit_v6,   captures::port_unreachable_v4,
    captures::port_unreachable_v6};

}  // namespace

TEST_CASE("transport truncation: every prefix of every captured UDP datagram") {
  unsigned sink = 0;
  for (const auto text : udp_captures) {
    const CapturedPacket packet(text);
    for_every_prefix(packet.upper, [&](std::span<const std::byte> prefix, std::size_t n) {
      const auto whole = UdpView::parse(prefix);
      CHECK(whole.has_value() == (n == packet.upper.size()));
      if (whole) sink += touch(*whole, packet.source, packet.destination);
      else CHECK(whole.error() == ParseError::truncated);
      const auto quoted = UdpView::parse_quoted(prefix);
      CHECK(quoted.has_value() == (n >= 8));
      if (quoted) {
        sink += touch(*quoted, packet.source, packet.destination);
        CHECK(quoted->complete() == (n == packet.upper.size()));
        CHECK(quoted->checksum_ok(packet.source, packet.destination) == (n == packet.upper.size()));
      }
    });
  }
  CHECK(sink != 0);
}

TEST_CASE("transport truncation: every prefix of every captured TCP segment") {
  unsigned sink = 0;
  for (const auto text : tcp_captures) {
    const CapturedPacket packet(text);
    const auto header_length = TcpView::parse(packet.upper)->data_offset();
    for_every_prefix(packet.upper, [&](std::span<const std::byte> prefix, std::size_t n) {
      const auto whole = TcpView::parse(prefix);
      CHECK(whole.has_value() == (n >= header_length));
      if (whole) sink += touch(*whole, packet.source, packet.destination);
      else CHECK(whole.error() == ParseError::truncated);
      const auto quoted = TcpView::parse_quoted(prefix);
      CHECK(quoted.has_value() == (n >= 8));
      if (quoted) {
        sink += touch(*quoted, packet.source, packet.destination);
        CHECK(quoted->complete() == (n >= header_length));
      }
      // The options area cut anywhere: a value or an error, never a read past it.
      if (n >= 20 && n <= header_length) {
        const auto options = parse_tcp_options(prefix.subspan(20));
        if (options) sink += touch(*options);
        else CHECK(options.error() == ParseError::truncated);
      }
    });
  }
  CHECK(sink != 0);
}

TEST_CASE("transport truncation: every prefix of ICMP errors quoting probes or carrying extensions") {
  unsigned sink = 0;
  std::size_t whole_with_extensions = 0;
  for (const auto text : error_captures) {
    const CapturedPacket packet(text);
    const bool v4 = packet.protocol == 1;
    for_every_prefix(packet.upper, [&](std::span<const std::byte> prefix, std::size_t n) {
      std::span<const std::byte> quoted;
      std::span<const std::byte> extension;
      std::optional<IcmpExtensions> found;
      if (v4) {
        const auto message = IcmpView::parse(prefix);
        if (!message) return;
        quoted = message->quoted();
        extension = message->extension();
        found = find_icmp_extensions(*message);
      } else {
        const auto message = Icmpv6View::parse(prefix);
        if (!message) return;
        quoted = message->quoted();
        extension = message->extension();
        found = find_icmp_extensions(*message);
      }
      if (found) {
        if (n == packet.upper.size()) ++whole_with_extensions;
        sink += touch(*found);
      }
      if (const auto parsed = parse_icmp_extensions(extension)) sink += touch(*parsed);
      // The probe inside: IPv4/IPv6 header, then UDP or TCP, at whatever length survived.
      IpAddress src;
      IpAddress dst;
      std::uint8_t protocol = 0;
      std::span<const std::byte> payload;
      if (v4) {
        const auto ip = Ipv4View::parse_quoted(quoted);
        if (!ip) return;
        src = ip->source();
        dst = ip->destination();
        protocol = ip->protocol();
        payload = ip->payload();
      } else {
        const auto ip = Ipv6View::parse_quoted(quoted);
        if (!ip) return;
        const auto upper = ip->upper_layer();
        if (!upper) return;
        src = ip->source();
        dst = ip->destination();
        protocol = upper->protocol;
        payload = upper->data;
      }
      if (protocol == 17) {
        if (const auto udp = UdpView::parse_quoted(payload)) sink += touch(*udp, src, dst);
      } else if (protocol == 6) {
        if (const auto tcp = TcpView::parse_quoted(payload)) sink += touch(*tcp, src, dst);
      }
    });
  }
  // The two hand-made messages. (Some of their prefixes parse too: ones cut right after the
  // extension header or after a whole object, whose checksum then fails.)
  CHECK(whole_with_extensions == 2);
  CHECK(sink != 0);
}

TEST_CASE("transport truncation: every prefix of the wild ICMP messages with extensions") {
  unsigned sink = 0;
  std::size_t found = 0;
  for (const auto text : {captures::wild_mpls_legacy_icmp, captures::wild_mpls_short_length_icmp,
                          captures::wild_length_no_extension_icmp}) {
    for_every_prefix(from_hex(text), [&](std::span<const std::byte> prefix, std::size_t) {
      const auto message = IcmpView::parse(prefix);
      if (!message) return;
      if (const auto extensions = find_icmp_extensions(*message)) {
        ++found;
        sink += touch(*extensions);
      }
    });
  }
  for (const auto text : {captures::wild_mpls_two_labels_icmpv6, captures::wild_length_past_end_icmpv6}) {
    for_every_prefix(from_hex(text), [&](std::span<const std::byte> prefix, std::size_t) {
      const auto message = Icmpv6View::parse(prefix);
      if (!message) return;
      if (const auto extensions = find_icmp_extensions(*message)) {
        ++found;
        sink += touch(*extensions);
      }
    });
  }
  // Each of the three with an extension, whole: the other rules need a checksum that verifies.
  CHECK(found == 3);
  CHECK(sink != 0);
}
