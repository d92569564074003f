// "Truncate at every length": every prefix of every captured packet, copied into a buffer of
// exactly that size (so AddressSanitizer sees any read past it), goes through every parser.
// Each must return a value or an error, and every accessor of a value must stay in bounds.
#include <doctest/doctest.h>

#include <numeric>
#include <vector>

#include "captures.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "netdiag/wire/ipv4.hpp"
#include "netdiag/wire/ipv6.hpp"
#include "support/hex.hpp"

using netdiag::test::from_hex;
namespace captures = netdiag::test::captures;
using namespace netdiag::wire;

namespace {

// Reads every byte of a span, so an out-of-bounds view is caught by ASan.
unsigned touch(std::span<const std::byte> bytes) {
  return std::accumulate(bytes.begin(), bytes.end(), 0U,
                         [](unsigned sum, std::byte b) { return sum + std::to_integer<unsigned>(b); });
}

template <typename... Values>
unsigned add(Values... values) {
  return (0U + ... + static_cast<unsigned>(values));
}

unsigned touch(const Ipv4View& v) {
  unsigned sum = add(v.header_length(), v.tos(), v.total_length(), v.identification(), v.fragment_offset(),
                     v.ttl(), v.protocol(), v.header_checksum(), v.dont_fragment(), v.more_fragments(),
                     v.header_checksum_ok());
  sum += touch(v.source().bytes()) + touch(v.destination().bytes());
  sum += touch(v.options()) + touch(v.header()) + touch(v.payload());
  CHECK(v.header().size() == v.header_length());
  CHECK(v.header().size() + v.payload().size() <= v.total_length());
  return sum;
}

unsigned touch(const Ipv6View& v) {
  unsigned sum = add(v.traffic_class(), v.flow_label(), v.payload_length(), v.next_header(), v.hop_limit());
  sum += touch(v.source().bytes()) + touch(v.destination().bytes()) + touch(v.source_bytes()) +
         touch(v.destination_bytes()) + touch(v.header()) + touch(v.payload());
  CHECK(v.payload().size() <= v.payload_length());
  if (const auto upper = v.upper_layer()) sum += add(upper->protocol) + touch(upper->data);
  return sum;
}

unsigned touch(const IcmpView& v) {
  unsigned sum = add(v.type(), v.code(), v.checksum(), v.identifier(), v.sequence(), v.checksum_ok(),
                     v.is_echo(), v.is_error());
  if (const auto mtu = v.next_hop_mtu()) sum += mtu->value;
  sum += touch(v.gateway().bytes()) + touch(v.body()) + touch(v.message()) + touch(v.quoted()) +
         touch(v.extension());
  sum += static_cast<unsigned>(describe_icmp(v.type(), v.code()).size());
  CHECK(v.quoted().size() + v.extension().size() == v.body().size());
  return sum;
}

unsigned touch(const Icmpv6View& v, std::span<const std::byte, 16> src, std::span<const std::byte, 16> dst) {
  unsigned sum = add(v.type(), v.code(), v.checksum(), v.identifier(), v.sequence(), v.pointer(),
                     v.checksum_ok(src, dst), v.is_echo(), v.is_error());
  if (const auto mtu = v.mtu()) sum += mtu->value;
  sum += touch(v.body()) + touch(v.message()) + touch(v.quoted()) + touch(v.extension());
  sum += static_cast<unsigned>(describe_icmpv6(v.type(), v.code()).size());
  CHECK(v.quoted().size() + v.extension().size() == v.body().size());
  return sum;
}

// Every prefix of `whole`, each in its own exactly-sized heap buffer.
template <typename Check>
void for_every_prefix(std::span<const std::byte> whole, Check check) {
  for (std::size_t n = 0; n <= whole.size(); ++n) {
    const std::vector<std::byte> prefix(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
    check(std::span<const std::byte>(prefix), n);
  }
}

const std::vector<std::string_view> v4_captures{
    captures::lo_echo_request_v4,      captures::lo_echo_reply_v4,       captures::net_unreachable_v4,
    captures::frag_needed_v4,          captures::ttl_exceeded_v4,        captures::port_unreachable_v4,
    captures::admin_prohibited_v4,     captures::record_route_request_v4, captures::record_route_reply_v4,
    captures::fragment_last_v4};

const std::vector<std::string_view> v6_captures{
    captures::lo_echo_request_v6, captures::lo_echo_reply_v6,  captures::no_route_v6,
    captures::packet_too_big_v6,  captures::hop_limit_v6,      captures::port_unreachable_v6,
    captures::admin_prohibited_v6, captures::mld_report_v6,    captures::fragment_last_v6};

}  // namespace

TEST_CASE("truncation: every prefix of every captured IPv4 packet") {
  unsigned sink = 0;
  std::size_t prefixes = 0;
  for (const auto text : v4_captures) {
    const auto whole = from_hex(text);
    const auto header_length = (std::to_integer<std::size_t>(whole[0]) & 0x0fU) * 4;
    for_every_prefix(whole, [&](std::span<const std::byte> prefix, std::size_t n) {
      ++prefixes;
      const auto datagram = Ipv4View::parse(prefix);
      CHECK(datagram.has_value() == (n == whole.size()));
      if (datagram) sink += touch(*datagram);
      else CHECK(datagram.error() == ParseError::truncated);
      const auto quoted = Ipv4View::parse_quoted(prefix);
      CHECK(quoted.has_value() == (n >= header_length));
      if (quoted) {
        sink += touch(*quoted);
        CHECK(quoted->payload().size() == n - header_length);
      }
    });
    // The ICMP message inside, and the datagram quoted inside an error, at every length too.
    const auto outer = Ipv4View::parse(whole);
    REQUIRE(outer.has_value());
    if (outer->protocol() != 1 || outer->fragment_offset() != 0) continue;
    for_every_prefix(outer->payload(), [&](std::span<const std::byte> prefix, std::size_t n) {
      ++prefixes;
      const auto message = IcmpView::parse(prefix);
      CHECK(message.has_value() == (n >= 8));
      if (!message) return;
      sink += touch(*message);
      if (message->is_error()) {
        if (const auto inner = Ipv4View::parse_quoted(message->quoted())) {
          sink += touch(*inner);
          if (const auto probe = IcmpView::parse(inner->payload())) sink += touch(*probe);
        }
      }
    });
  }
  CHECK(prefixes > 2000);
  CHECK(sink != 0);
}

TEST_CASE("truncation: every prefix of every captured IPv6 packet") {
  unsigned sink = 0;
  std::size_t prefixes = 0;
  for (const auto text : v6_captures) {
    const auto whole = from_hex(text);
    const auto outer = Ipv6View::parse(whole);
    REQUIRE(outer.has_value());
    const auto src = outer->source_bytes();
    const auto dst = outer->destination_bytes();
    for_every_prefix(whole, [&](std::span<const std::byte> prefix, std::size_t n) {
      ++prefixes;
      const auto packet = Ipv6View::parse(prefix);
      CHECK(packet.has_value() == (n == whole.size()));
      if (packet) sink += touch(*packet);
      else CHECK(packet.error() == ParseError::truncated);
      const auto quoted = Ipv6View::parse_quoted(prefix);
      CHECK(quoted.has_value() == (n >= 40));
      if (quoted) {
        sink += touch(*quoted);
        CHECK(quoted->payload().size() == n - 40);
        // A cut inside an extension header is reported, never read past.
        const auto upper = quoted->upper_layer();
        if (!upper) CHECK(upper.error() == ParseError::truncated);
      }
    });
    const auto upper = outer->upper_layer();
    REQUIRE(upper.has_value());
    if (upper->protocol != 58) continue;
    for_every_prefix(upper->data, [&](std::span<const std::byte> prefix, std::size_t n) {
      ++prefixes;
      const auto message = Icmpv6View::parse(prefix);
      CHECK(message.has_value() == (n >= 8));
      if (!message) return;
      sink += touch(*message, src, dst);
      if (message->is_error()) {
        if (const auto inner = Ipv6View::parse_quoted(message->quoted())) {
          sink += touch(*inner);
          if (const auto inner_upper = inner->upper_layer()) {
            if (const auto probe = Icmpv6View::parse(inner_upper->data)) {
              sink += touch(*probe, inner->source_bytes(), inner->destination_bytes());
            }
          }
        }
      }
    });
  }
  CHECK(prefixes > 3000);
  CHECK(sink != 0);
}

TEST_CASE("truncation: every prefix of the captured first IPv4 fragment (total length 572, 64 kept)") {
  const auto whole = from_hex(captures::fragment_first_v4);
  for_every_prefix(whole, [](std::span<const std::byte> prefix, std::size_t n) {
    CHECK_FALSE(Ipv4View::parse(prefix).has_value());
    const auto quoted = Ipv4View::parse_quoted(prefix);
    CHECK(quoted.has_value() == (n >= 20));
    if (quoted) CHECK(touch(*quoted) != 0);
  });
}
