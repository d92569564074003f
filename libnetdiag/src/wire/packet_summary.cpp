#include "netdiag/wire/packet_summary.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>

#include "netdiag/wire/arp.hpp"
#include "netdiag/wire/ethernet.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "netdiag/wire/ipv4.hpp"
#include "netdiag/wire/ipv6.hpp"
#include "netdiag/wire/tcp.hpp"
#include "netdiag/wire/udp.hpp"
#include "bytes.hpp"

namespace netdiag::wire {

using detail::byte_at;
using detail::load16;
using detail::load32;

namespace {

using Kind = PacketSummary::Kind;

constexpr std::uint8_t protocol_icmp = 1, protocol_tcp = 6, protocol_udp = 17, protocol_icmpv6 = 58;

namespace nd_type {
constexpr std::uint8_t neighbor_solicitation = 135, neighbor_advertisement = 136;
}
// Type, code, checksum, 4 reserved/flag bytes, then the 16-byte target address (RFC 4861).
constexpr std::size_t nd_message_length = 24;
constexpr std::size_t fragment_header_length = 8;  // IPv6 (RFC 8200 section 4.5)

std::string number(std::uint64_t value) { return std::to_string(value); }

// What the IP layer hands to the protocol after it: the addresses, the protocol number and its
// bytes (IP padding excluded).
struct Network {
  Family family;
  IpAddress source;
  IpAddress destination;
  std::uint8_t protocol = 0;
  std::span<const std::byte> data;
  bool later_fragment = false;  // data is the middle of a datagram, not an upper-layer header
};

// "198.18.1.2 > 198.18.2.2: " or with ports "198.18.1.2.40312 > 198.18.2.2.80: ".
std::string endpoints(const Network& ip, std::optional<std::pair<std::uint16_t, std::uint16_t>> ports = {}) {
  std::string text(ip.family == Family::ipv4 ? "IP " : "IP6 ");
  text += ip.source.to_string();
  if (ports) text += "." + number(ports->first);
  text += " > ";
  text += ip.destination.to_string();
  if (ports) text += "." + number(ports->second);
  text += ": ";
  return text;
}

PacketSummary base(const Network& ip) {
  PacketSummary summary;
  summary.kind = Kind::other;
  summary.source = ip.source;
  summary.destination = ip.destination;
  return summary;
}

PacketSummary other(const Network& ip, std::string_view note = {}) {
  PacketSummary summary = base(ip);
  std::uint8_t protocol = ip.protocol;
  std::size_t length = ip.data.size();
  std::string what;
  if (!note.empty()) {
    what = std::string(", ") + std::string(note);
  } else if (ip.later_fragment) {
    what = ", fragment";
    // IPv6: `data` starts at the 8-byte Fragment header (upper_layer() checked that it is all
    // there), whose first byte is the protocol of the fragmented datagram.
    if (ip.family == Family::ipv6 && ip.data.size() >= fragment_header_length) {
      protocol = static_cast<std::uint8_t>(byte_at(ip.data, 0));
      length -= fragment_header_length;
    }
  }
  summary.text = endpoints(ip) + "proto " + number(protocol) + what + ", length " + number(length);
  return summary;
}

PacketSummary malformed(const Network& ip) { return other(ip, "malformed"); }

// --- TCP ---------------------------------------------------------------------------------------

// tcpdump's flag letters, in its order: FIN SYN RST PSH ACK URG ECE CWR.
std::string flag_letters(TcpFlags flags) {
  static constexpr std::array<std::pair<std::uint8_t, char>, 8> letters{
      {{0x01, 'F'}, {0x02, 'S'}, {0x04, 'R'}, {0x08, 'P'}, {0x10, '.'}, {0x20, 'U'}, {0x40, 'E'}, {0x80, 'W'}}};
  std::string text;
  for (const auto& [bit, letter] : letters) {
    if ((flags.bits & bit) != 0) text.push_back(letter);
  }
  return text.empty() ? "none" : text;
}

std::string option_name(std::uint8_t kind) {
  switch (kind) {
    case tcp_option_kind::mss: return "mss";
    case tcp_option_kind::window_scale: return "wscale";
    case tcp_option_kind::sack_permitted: return "sackOK";
    case tcp_option_kind::sack: return "sack";
    case tcp_option_kind::timestamps: return "TS";
    default: return "unknown-" + number(kind);
  }
}

// The options in the order sent, as tcpdump lists them: "mss 1460,sackOK,TS val 1 ecr 0,nop,
// wscale 7". Walks by the same rules as parse_tcp_options(); a cut or impossible length ends the
// list with "[bad opt]", a known kind with a length it does not allow shows as "mss[bad len 3]".
std::string tcp_options_text(std::span<const std::byte> options) {
  std::string text;
  const auto add = [&text](const std::string& item) {
    if (!text.empty()) text.push_back(',');
    text += item;
  };
  std::size_t at = 0;
  while (at < options.size()) {
    const auto kind = static_cast<std::uint8_t>(byte_at(options, at));
    if (kind == tcp_option_kind::end_of_list) {
      add("eol");
      break;
    }
    if (kind == tcp_option_kind::nop) {
      add("nop");
      ++at;
      continue;
    }
    if (options.size() - at < 2) {
      add("[bad opt]");
      break;
    }
    const std::size_t length = byte_at(options, at + 1);
    if (length < 2 || length > options.size() - at) {
      add("[bad opt]");
      break;
    }
    const auto option = options.subspan(at, length);
    std::string item = option_name(kind);
    bool right_length = true;
    switch (kind) {
      case tcp_option_kind::mss:
        right_length = length == 4;
        if (right_length) item += " " + number(load16(option, 2));
        break;
      case tcp_option_kind::window_scale:
        right_length = length == 3;
        if (right_length) item += " " + number(byte_at(option, 2));
        break;
      case tcp_option_kind::sack_permitted:
        right_length = length == 2;
        break;
      case tcp_option_kind::sack:
        right_length = length >= 10 && (length - 2) % 8 == 0;
        if (right_length) {
          item += " " + number((length - 2) / 8) + " ";
          for (std::size_t block = 2; block + 8 <= length; block += 8) {
            item += "{" + number(load32(option, block)) + ":" + number(load32(option, block + 4)) + "}";
          }
        }
        break;
      case tcp_option_kind::timestamps:
        right_length = length == 10;
        if (right_length) item += " val " + number(load32(option, 2)) + " ecr " + number(load32(option, 6));
        break;
      default:
        break;
    }
    if (!right_length) item += "[bad len " + number(length) + "]";
    add(item);
    at += length;
  }
  return text;
}

PacketSummary summarize_tcp(const Network& ip) {
  const auto segment = TcpView::parse(ip.data);
  if (!segment) return malformed(ip);
  const auto flags = segment->flags();
  const std::size_t length = segment->payload().size();

  PacketSummary summary = base(ip);
  summary.kind = Kind::tcp;
  summary.source_port = segment->source_port().value;
  summary.destination_port = segment->destination_port().value;
  summary.tcp_flags = flags.bits;
  std::string text = endpoints(ip, std::pair{summary.source_port, summary.destination_port});
  text += "Flags [" + flag_letters(flags) + "]";
  if (length > 0 || flags.syn() || flags.fin() || flags.rst()) {
    text += ", seq " + number(segment->sequence());
    if (length > 0) text += ":" + number(static_cast<std::uint32_t>(segment->sequence() + length));
  }
  if (flags.ack()) text += ", ack " + number(segment->acknowledgment());
  text += ", win " + number(segment->window());
  if (flags.urg()) text += ", urg " + number(segment->urgent_pointer());
  if (!segment->options().empty()) text += ", options [" + tcp_options_text(segment->options()) + "]";
  text += ", length " + number(length);
  summary.text = std::move(text);
  return summary;
}

PacketSummary summarize_udp(const Network& ip) {
  const auto datagram = UdpView::parse(ip.data);
  if (!datagram) return malformed(ip);
  PacketSummary summary = base(ip);
  summary.text = endpoints(ip, std::pair{datagram->source_port().value, datagram->destination_port().value}) +
                 "UDP, length " + number(datagram->payload().size());
  return summary;
}

// --- What an ICMP or ICMPv6 error quotes -------------------------------------------------------

// The quoted packet's destination, protocol and upper-layer bytes (as much as was quoted).
struct Quote {
  IpAddress source;
  IpAddress destination;
  std::uint8_t protocol = 0;
  std::span<const std::byte> data;
};

std::optional<Quote> quote_v4(std::span<const std::byte> quoted) {
  const auto ip = Ipv4View::parse_quoted(quoted);
  if (!ip) return std::nullopt;
  // A later fragment quotes no upper-layer header.
  const auto data = ip->fragment_offset() == 0 ? ip->payload() : std::span<const std::byte>{};
  return Quote{ip->source(), ip->destination(), ip->protocol(), data};
}

std::optional<Quote> quote_v6(std::span<const std::byte> quoted) {
  const auto ip = Ipv6View::parse_quoted(quoted);
  if (!ip) return std::nullopt;
  Quote quote{ip->source(), ip->destination(), ip->next_header(), {}};
  if (const auto upper = ip->upper_layer()) {
    quote.protocol = upper->protocol;
    if (upper->protocol != ipv6_next_header::fragment) quote.data = upper->data;
  }
  return quote;
}

std::optional<QuotedFlow> quoted_flow(const std::optional<Quote>& quote) {
  if (!quote || quote->protocol != protocol_tcp) return std::nullopt;
  const auto segment = TcpView::parse_quoted(quote->data);
  if (!segment) return std::nullopt;
  return QuotedFlow{quote->source, quote->destination, segment->source_port().value,
                    segment->destination_port().value};
}

// "tcp port 84", "udp port 53", or tcpdump's "protocol 47 port 0" for anything else; nullopt
// when fewer than 4 bytes of the quoted upper layer are there.
std::optional<std::string> quoted_port(const Quote& quote) {
  if (quote.data.size() < 4) return std::nullopt;
  const std::string port = number(load16(quote.data, 2));
  if (quote.protocol == protocol_tcp) return "tcp port " + port;
  if (quote.protocol == protocol_udp) return "udp port " + port;
  return "protocol " + number(quote.protocol) + " port " + port;
}

// --- ICMP --------------------------------------------------------------------------------------

// tcpdump's words for destination unreachable (type 3), with the quoted destination; nullopt
// when it has none for the code or the quote is too short for them.
std::optional<std::string> unreachable_v4(const IcmpView& icmp, const std::optional<Quote>& quote) {
  if (!quote) return std::nullopt;
  const std::string to = quote->destination.to_string();
  switch (icmp.code()) {
    case 0: return "net " + to + " unreachable";
    case 1: return "host " + to + " unreachable";
    case 2: return to + " protocol " + number(quote->protocol) + " unreachable";
    case 3: {
      const auto port = quoted_port(*quote);
      if (!port) return std::nullopt;
      return to + " " + *port + " unreachable";
    }
    case 4: {
      std::string text = to + " unreachable - need to frag";
      if (const auto mtu = icmp.next_hop_mtu()) text += " (mtu " + number(mtu->value) + ")";
      return text;
    }
    case 5: return to + " unreachable - source route failed";
    case 6: return "net " + to + " unreachable - unknown";
    case 7: return "host " + to + " unreachable - unknown";
    case 8: return to + " unreachable - source host isolated";
    case 9: return "net " + to + " unreachable - admin prohibited";
    case 10: return "host " + to + " unreachable - admin prohibited";
    case 11: return "net " + to + " unreachable - tos prohibited";
    case 12: return "host " + to + " unreachable - tos prohibited";
    case 13: return "host " + to + " unreachable - admin prohibited filter";
    case 14: return "host " + to + " unreachable - host precedence violation";
    case 15: return "host " + to + " unreachable - precedence cutoff";
    default: return std::nullopt;
  }
}

std::string icmp_words(const IcmpView& icmp, const std::optional<Quote>& quote) {
  const auto type = icmp.type();
  const auto code = icmp.code();
  std::optional<std::string> words;
  switch (type) {
    case icmp_type::echo_request:
    case icmp_type::echo_reply:
      words = std::string(type == icmp_type::echo_request ? "echo request" : "echo reply") + ", id " +
              number(icmp.identifier()) + ", seq " + number(icmp.sequence());
      break;
    case icmp_type::destination_unreachable:
      words = unreachable_v4(icmp, quote);
      break;
    case icmp_type::source_quench:
      words = "source quench";
      break;
    case icmp_type::redirect:
      if (quote && code < 4) {
        static constexpr std::array<std::string_view, 4> to{"net", "host", "tos-net", "tos-host"};
        words = "redirect " + quote->destination.to_string() + " to " + std::string(to[code]) + " " +
                icmp.gateway().to_string();
      }
      break;
    case icmp_type::time_exceeded:
      if (code == 0) words = "time exceeded in-transit";
      else if (code == 1) words = "ip reassembly time exceeded";
      break;
    case icmp_type::parameter_problem:
      if (code == 0) words = "parameter problem - octet " + number(byte_at(icmp.message(), 4));
      else words = "parameter problem - code " + number(code);
      break;
    default:
      break;
  }
  return words ? *words : std::string(describe_icmp(type, code));
}

PacketSummary summarize_icmp(const Network& ip) {
  const auto icmp = IcmpView::parse(ip.data);
  if (!icmp) return malformed(ip);
  PacketSummary summary = base(ip);
  std::optional<Quote> quote;
  if (icmp->is_error()) {
    summary.kind = Kind::icmp_error;
    quote = quote_v4(icmp->quoted());
    summary.quoted = quoted_flow(quote);
  }
  summary.text = endpoints(ip) + "ICMP " + icmp_words(*icmp, quote) + ", length " + number(ip.data.size());
  return summary;
}

// --- ICMPv6 ------------------------------------------------------------------------------------

std::optional<std::string> unreachable_v6(const Icmpv6View& icmp, const std::optional<Quote>& quote) {
  if (!quote) return std::nullopt;
  const std::string to = quote->destination.to_string();
  switch (icmp.code()) {
    case 0: return "unreachable route " + to;
    case 1: return "unreachable prohibited " + to;
    case 2: return "beyond scope " + to + ", source address " + quote->source.to_string();
    case 3: return "unreachable address " + to;
    case 4: {
      const auto port = quoted_port(*quote);
      if (!port) return std::nullopt;
      if (quote->protocol == protocol_tcp || quote->protocol == protocol_udp) {
        return "unreachable port, " + to + " " + *port;
      }
      return "unreachable port, " + to + " " + *port + " unreachable";
    }
    default: return std::nullopt;
  }
}

IpAddress address_at(std::span<const std::byte> s, std::size_t at) {
  std::array<std::byte, 16> bytes{};
  std::copy_n(s.subspan(at, bytes.size()).begin(), bytes.size(), bytes.begin());
  return IpAddress::v6(bytes);
}

std::string icmpv6_words(const Icmpv6View& icmp, const std::optional<Quote>& quote) {
  const auto type = icmp.type();
  const auto code = icmp.code();
  std::optional<std::string> words;
  switch (type) {
    case icmpv6_type::destination_unreachable:
      if (const auto what = unreachable_v6(icmp, quote)) words = "destination unreachable, " + *what;
      break;
    case icmpv6_type::packet_too_big:
      words = "packet too big, mtu " + number(load32(icmp.message(), 4));
      break;
    case icmpv6_type::time_exceeded:
      if (code == 0) {
        words = "time exceeded in-transit";
        if (quote) *words += " for " + quote->destination.to_string();
      } else if (code == 1) {
        words = "time exceeded in-transit (reassembly)";
      }
      break;
    case icmpv6_type::parameter_problem: {
      static constexpr std::array<std::string_view, 4> problem{"erroneous", "next header", "option",
                                                               "incomplete header chain"};
      if (code < problem.size()) {
        words = "parameter problem, " + std::string(problem[code]) + " - octet " + number(icmp.pointer());
      }
      break;
    }
    case icmpv6_type::echo_request:
    case icmpv6_type::echo_reply:
      words = std::string(type == icmpv6_type::echo_request ? "echo request" : "echo reply") + ", id " +
              number(icmp.identifier()) + ", seq " + number(icmp.sequence());
      break;
    case 130: words = "multicast listener query"; break;
    case 131: words = "multicast listener report"; break;
    case 132: words = "multicast listener done"; break;
    case 133: words = "router solicitation"; break;
    case 134: words = "router advertisement"; break;
    case 137: words = "redirect"; break;
    case 143: words = "multicast listener report v2"; break;
    default: break;
  }
  return words ? *words : std::string(describe_icmpv6(type, code));
}

PacketSummary summarize_icmpv6(const Network& ip) {
  const auto icmp = Icmpv6View::parse(ip.data);
  if (!icmp) return malformed(ip);
  PacketSummary summary = base(ip);
  const auto type = icmp->type();
  if (type == nd_type::neighbor_solicitation || type == nd_type::neighbor_advertisement) {
    if (ip.data.size() < nd_message_length) return malformed(ip);
    const auto target = address_at(ip.data, 8);
    summary.kind = Kind::neighbour_discovery;
    summary.neighbour = target;
    summary.text = endpoints(ip) + "ICMP6, " +
                   (type == nd_type::neighbor_solicitation ? "neighbor solicitation, who has "
                                                           : "neighbor advertisement, tgt is ") +
                   target.to_string() + ", length " + number(ip.data.size());
    return summary;
  }
  std::optional<Quote> quote;
  if (icmp->is_error()) {
    summary.kind = Kind::icmp_error;
    quote = quote_v6(icmp->quoted());
    summary.quoted = quoted_flow(quote);
  }
  summary.text = endpoints(ip) + "ICMP6, " + icmpv6_words(*icmp, quote) + ", length " + number(ip.data.size());
  return summary;
}

// --- Network layer -----------------------------------------------------------------------------

PacketSummary summarize_network(const Network& ip) {
  if (ip.later_fragment) return other(ip);
  switch (ip.protocol) {
    case protocol_tcp: return summarize_tcp(ip);
    case protocol_udp: return summarize_udp(ip);
    case protocol_icmp:
      if (ip.family == Family::ipv4) return summarize_icmp(ip);
      break;
    case protocol_icmpv6:
      if (ip.family == Family::ipv6) return summarize_icmpv6(ip);
      break;
    default: break;
  }
  return other(ip);
}

std::optional<PacketSummary> summarize_ipv4(std::span<const std::byte> packet) {
  const auto ip = Ipv4View::parse(packet);
  if (!ip) return std::nullopt;
  return summarize_network({Family::ipv4, ip->source(), ip->destination(), ip->protocol(), ip->payload(),
                            ip->fragment_offset() != 0});
}

std::optional<PacketSummary> summarize_ipv6(std::span<const std::byte> packet) {
  const auto ip = Ipv6View::parse(packet);
  if (!ip) return std::nullopt;
  const auto upper = ip->upper_layer();
  if (!upper) return malformed({Family::ipv6, ip->source(), ip->destination(), ip->next_header(), ip->payload()});
  return summarize_network({Family::ipv6, ip->source(), ip->destination(), upper->protocol, upper->data,
                            upper->protocol == ipv6_next_header::fragment});
}

std::optional<PacketSummary> summarize_arp(std::span<const std::byte> packet) {
  const auto arp = ArpView::parse(packet);
  if (!arp) return std::nullopt;
  PacketSummary summary;
  summary.kind = Kind::arp;
  summary.source = arp->sender_ip();
  summary.destination = arp->target_ip();
  const std::string spa = arp->sender_ip().to_string();
  const std::string tpa = arp->target_ip().to_string();
  const std::string sha = to_string(arp->sender_mac());
  const std::string tha = to_string(arp->target_mac());
  std::string text = "ARP, ";
  switch (arp->operation()) {
    case arp_operation::request:
      summary.neighbour = arp->target_ip();
      text += "Request who-has " + tpa;
      if (std::ranges::any_of(arp->target_mac(), [](std::byte b) { return b != std::byte{0}; })) {
        text += " (" + tha + ")";
      }
      text += " tell " + spa;
      break;
    case arp_operation::reply:
      summary.neighbour = arp->sender_ip();
      text += "Reply " + spa + " is-at " + sha;
      break;
    case 3: text += "Reverse Request who-is " + tha + " tell " + sha; break;
    case 4: text += "Reverse Reply " + tha + " at " + tpa; break;
    case 8: text += "Inverse Request who-is " + tha + " tell " + sha; break;
    case 9: text += "Inverse Reply " + sha + " at " + spa; break;
    default: text += "Unknown (" + number(arp->operation()) + ")"; break;
  }
  // tcpdump counts what follows the link-layer header, padding included.
  summary.text = text + ", length " + number(packet.size());
  return summary;
}

}  // namespace

std::string_view to_string(PacketSummary::Kind kind) {
  switch (kind) {
    case Kind::tcp: return "tcp";
    case Kind::icmp_error: return "icmp_error";
    case Kind::arp: return "arp";
    case Kind::neighbour_discovery: return "neighbour_discovery";
    case Kind::other: return "other";
  }
  return "other";
}

std::optional<PacketSummary> summarize_packet(std::uint16_t type, std::span<const std::byte> packet) {
  switch (type) {
    case ethertype::ipv4: return summarize_ipv4(packet);
    case ethertype::ipv6: return summarize_ipv6(packet);
    case ethertype::arp: return summarize_arp(packet);
    default: return std::nullopt;
  }
}

bool belongs_to(const PacketSummary& packet, const TcpFlow& flow) {
  switch (packet.kind) {
    case PacketSummary::Kind::tcp:
      return (packet.destination == flow.target && packet.destination_port == flow.target_port &&
              packet.source_port == flow.source_port) ||
             (packet.source == flow.target && packet.source_port == flow.target_port &&
              packet.destination_port == flow.source_port);
    case PacketSummary::Kind::icmp_error:
      return packet.quoted && packet.quoted->destination == flow.target &&
             packet.quoted->destination_port == flow.target_port && packet.quoted->source_port == flow.source_port;
    case PacketSummary::Kind::arp:
    case PacketSummary::Kind::neighbour_discovery:
      return flow.next_hop && packet.neighbour == flow.next_hop;
    case PacketSummary::Kind::other: return false;
  }
  return false;
}

}  // namespace netdiag::wire
