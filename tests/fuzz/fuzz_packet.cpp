// libFuzzer target: summarize_packet (wire/packet_summary.hpp) and the link-layer parsers under it.
// The first input byte picks what the rest is (bits 0-1): 0 an IPv4 packet, 1 an IPv6 packet,
// 2 an ARP packet (each as an AF_PACKET SOCK_DGRAM socket hands it over, with that EtherType),
// 3 an Ethernet frame, summarised by the EtherType its header gives (so any EtherType, and an
// 802.1Q tag, are reached). Whatever the selector, the rest also goes through EthernetView::parse,
// ArpView::parse with parse -> build_arp -> same bytes, and parse_mac as text.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/wire/arp.hpp"
#include "netdiag/wire/ethernet.hpp"
#include "netdiag/wire/ipv4.hpp"
#include "netdiag/wire/ipv6.hpp"
#include "netdiag/wire/packet_summary.hpp"

using namespace netdiag::wire;
using netdiag::Family;
using netdiag::fuzz::equal;
using netdiag::fuzz::sum_of;
using netdiag::fuzz::touch;
using netdiag::fuzz::within;
using Kind = PacketSummary::Kind;

namespace {

bool printable_line(const std::string& text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

bool starts_with(const std::string& text, std::string_view prefix) { return text.starts_with(prefix); }

unsigned check_summary(std::uint16_t type, std::span<const std::byte> packet) {
  const auto summary = summarize_packet(type, packet);
  // Summarised exactly when the network header parses.
  switch (type) {
    case ethertype::ipv4: NETDIAG_FUZZ_CHECK(summary.has_value() == Ipv4View::parse(packet).has_value()); break;
    case ethertype::ipv6: NETDIAG_FUZZ_CHECK(summary.has_value() == Ipv6View::parse(packet).has_value()); break;
    case ethertype::arp: NETDIAG_FUZZ_CHECK(summary.has_value() == ArpView::parse(packet).has_value()); break;
    default: NETDIAG_FUZZ_CHECK(!summary.has_value()); break;
  }
  if (!summary) return 0;
  const auto& s = *summary;
  NETDIAG_FUZZ_CHECK(printable_line(s.text));
  NETDIAG_FUZZ_CHECK(s.source.has_value() && s.destination.has_value());
  const Family family = type == ethertype::ipv6 ? Family::ipv6 : Family::ipv4;
  NETDIAG_FUZZ_CHECK(s.source->family() == family && s.destination->family() == family);
  if (type == ethertype::ipv4) NETDIAG_FUZZ_CHECK(starts_with(s.text, "IP "));
  if (type == ethertype::ipv6) NETDIAG_FUZZ_CHECK(starts_with(s.text, "IP6 "));
  if (type == ethertype::arp) NETDIAG_FUZZ_CHECK(starts_with(s.text, "ARP, ") && s.kind == Kind::arp);
  NETDIAG_FUZZ_CHECK(s.text.find(", length ") != std::string::npos);
  switch (s.kind) {
    case Kind::tcp:
      NETDIAG_FUZZ_CHECK(type != ethertype::arp && s.text.find(": Flags [") != std::string::npos);
      break;
    case Kind::icmp_error:
      NETDIAG_FUZZ_CHECK(s.text.find(type == ethertype::ipv4 ? ": ICMP " : ": ICMP6, ") != std::string::npos);
      break;
    case Kind::arp:
      NETDIAG_FUZZ_CHECK(type == ethertype::arp);
      break;
    case Kind::neighbour_discovery:
      NETDIAG_FUZZ_CHECK(type == ethertype::ipv6 && s.neighbour.has_value() && s.neighbour->family() == Family::ipv6);
      break;
    case Kind::other:
      NETDIAG_FUZZ_CHECK(type != ethertype::arp);
      break;
  }
  if (s.kind != Kind::tcp) NETDIAG_FUZZ_CHECK(s.source_port == 0 && s.destination_port == 0 && s.tcp_flags == 0);
  if (s.quoted) {
    NETDIAG_FUZZ_CHECK(s.kind == Kind::icmp_error);
    NETDIAG_FUZZ_CHECK(s.quoted->source.family() == family && s.quoted->destination.family() == family);
  }
  if (s.neighbour && s.kind == Kind::arp) {
    NETDIAG_FUZZ_CHECK(s.neighbour == s.source || s.neighbour == s.destination);
  }
  if (s.kind != Kind::arp && s.kind != Kind::neighbour_discovery) NETDIAG_FUZZ_CHECK(!s.neighbour.has_value());

  // The same bytes somewhere else give the same summary.
  const std::vector<std::byte> copy(packet.begin(), packet.end());
  const auto again = summarize_packet(type, copy);
  NETDIAG_FUZZ_CHECK(again.has_value() && again->text == s.text && again->kind == s.kind && again->quoted == s.quoted);
  return static_cast<unsigned>(s.text.size()) + sum_of(s.kind, s.source_port, s.destination_port, s.tcp_flags);
}

unsigned check_ethernet(std::span<const std::byte> input) {
  const auto view = EthernetView::parse(input);
  if (!view) {
    NETDIAG_FUZZ_CHECK(view.error() == ParseError::truncated && input.size() < 18);
    return 0;
  }
  NETDIAG_FUZZ_CHECK(view->header_length() == (view->tagged() ? 18U : 14U));
  NETDIAG_FUZZ_CHECK(view->header().size() + view->payload().size() == input.size());
  NETDIAG_FUZZ_CHECK(within(view->header(), input) && within(view->payload(), input));
  NETDIAG_FUZZ_CHECK(view->frame().data() == input.data() && view->frame().size() == input.size());
  NETDIAG_FUZZ_CHECK(view->tagged() == view->vlan_id().has_value());
  NETDIAG_FUZZ_CHECK(view->vlan_id().value_or(0) < 4096 && view->priority() < 8);
  unsigned sum = sum_of(view->ethertype(), view->vlan_id().value_or(0), view->priority()) + touch(view->header()) +
                 touch(view->payload()) + touch(view->destination()) + touch(view->source());
  if (!view->tagged()) {
    std::array<std::byte, 14> out{};
    NETDIAG_FUZZ_CHECK(build_ethernet(out, view->destination(), view->source(), view->ethertype()) == 14);
    NETDIAG_FUZZ_CHECK(equal(out, view->header()));
  }
  NETDIAG_FUZZ_CHECK(build_ethernet(std::span<std::byte>{}, view->destination(), view->source(), 0) == 0);
  return sum;
}

unsigned check_arp(std::span<const std::byte> input) {
  const auto view = ArpView::parse(input);
  if (!view) {
    NETDIAG_FUZZ_CHECK(view.error() == ParseError::truncated || view.error() == ParseError::bad_version ||
                       view.error() == ParseError::bad_header_length);
    NETDIAG_FUZZ_CHECK(view.error() != ParseError::truncated || input.size() < 28);
    return 0;
  }
  NETDIAG_FUZZ_CHECK(view->packet().size() == 28 && view->packet().data() == input.data());
  NETDIAG_FUZZ_CHECK(view->sender_ip().family() == Family::ipv4 && view->target_ip().family() == Family::ipv4);
  std::array<std::byte, 28> out{};
  NETDIAG_FUZZ_CHECK(build_arp(out, view->operation(), view->sender_mac(), view->sender_ip(), view->target_mac(),
                               view->target_ip()) == 28);
  NETDIAG_FUZZ_CHECK(equal(out, view->packet()));
  NETDIAG_FUZZ_CHECK(build_arp(std::span(out).first(27), view->operation(), view->sender_mac(), view->sender_ip(),
                               view->target_mac(), view->target_ip()) == 0);
  return sum_of(view->operation(), view->is_request(), view->is_reply()) + touch(view->packet());
}

unsigned check_mac_text(std::span<const std::byte> input) {
  std::string text;
  for (const std::byte b : input) text.push_back(static_cast<char>(std::to_integer<unsigned char>(b)));
  const auto mac = parse_mac(text);
  if (!mac) return 0;
  NETDIAG_FUZZ_CHECK(text.size() >= 11 && text.size() <= 17);
  const auto written = to_string(*mac);
  NETDIAG_FUZZ_CHECK(written.size() == 17 && parse_mac(written) == mac);
  return static_cast<unsigned>(written.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto selector = data[0];
  const auto input = std::as_bytes(std::span(data + 1, size - 1));
  unsigned sum = 0;
  switch (selector & 3U) {
    case 0: sum += check_summary(ethertype::ipv4, input); break;
    case 1: sum += check_summary(ethertype::ipv6, input); break;
    case 2: sum += check_summary(ethertype::arp, input); break;
    default:
      if (const auto frame = EthernetView::parse(input)) sum += check_summary(frame->ethertype(), frame->payload());
      break;
  }
  sum += check_ethernet(input) + check_arp(input) + check_mac_text(input);
  netdiag::fuzz::consume(sum);
  return 0;
}
