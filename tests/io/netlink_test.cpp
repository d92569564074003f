// The rtnetlink parsers on hand-built replies — routes, kernel errors, a neighbour dump — and on
// every truncation and lying length of them; then the lookups against the running kernel, asking
// only about loopback addresses.
#include <doctest/doctest.h>

#include <net/if.h>

#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "netdiag/io/netlink.hpp"

using namespace netdiag;
using namespace netdiag::netlink_detail;

namespace {

constexpr std::uint32_t kSequence = 77;
constexpr std::uint32_t kOurPort = 4242;  // the kernel addresses its replies to our port

IpAddress address(const char* text) { return *IpAddress::parse(text); }

// Builds netlink datagrams the way the kernel lays them out: messages and attributes padded to 4.
class Datagram {
 public:
  void begin(std::uint16_t type, std::uint32_t sequence = kSequence) {
    start_ = bytes_.size();
    nlmsghdr header{};
    header.nlmsg_type = type;
    header.nlmsg_seq = sequence;
    header.nlmsg_pid = kOurPort;
    add(header);
  }
  template <typename T>
  void add(const T& value) {
    add_bytes(std::as_bytes(std::span(&value, 1)));
  }
  void attribute(std::uint16_t type, std::span<const std::byte> payload) {
    rtattr header{};
    header.rta_len = static_cast<std::uint16_t>(sizeof header + payload.size());
    header.rta_type = type;
    add(header);
    add_bytes(payload);
  }
  void attribute(std::uint16_t type, std::uint32_t value) { attribute(type, std::as_bytes(std::span(&value, 1))); }
  void attribute(std::uint16_t type, const IpAddress& value) { attribute(type, value.bytes()); }
  void end() {
    const auto length = static_cast<std::uint32_t>(bytes_.size() - start_);
    std::memcpy(bytes_.data() + start_, &length, sizeof length);
    boundaries_.push_back(bytes_.size());
  }
  // Overwrites the rta_len at `offset`, or this message's nlmsg_len.
  void set_length(std::size_t offset, std::uint16_t length) { std::memcpy(bytes_.data() + offset, &length, 2); }
  void set_message_length(std::uint32_t length) { std::memcpy(bytes_.data() + start_, &length, 4); }

  std::span<const std::byte> bytes() const { return bytes_; }
  std::size_t size() const { return bytes_.size(); }
  // Where each message ends.
  const std::vector<std::size_t>& boundaries() const { return boundaries_; }

 private:
  void add_bytes(std::span<const std::byte> bytes) {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
    bytes_.resize((bytes_.size() + 3) & ~std::size_t{3});
  }
  std::vector<std::byte> bytes_;
  std::vector<std::size_t> boundaries_;
  std::size_t start_ = 0;
};

// An RTM_NEWROUTE as `ip route get` receives it, with the attributes the kernel adds around the
// ones we read.
Datagram route_reply(const IpAddress& destination, std::optional<IpAddress> gateway, unsigned char type = RTN_UNICAST) {
  const bool v4 = destination.family() == Family::ipv4;
  Datagram datagram;
  datagram.begin(RTM_NEWROUTE);
  rtmsg header{};
  header.rtm_family = v4 ? AF_INET : AF_INET6;
  header.rtm_dst_len = v4 ? 32 : 128;
  header.rtm_table = RT_TABLE_MAIN;
  header.rtm_type = type;
  header.rtm_flags = RTM_F_CLONED;
  datagram.add(header);
  datagram.attribute(RTA_TABLE, std::uint32_t{RT_TABLE_MAIN});
  datagram.attribute(RTA_DST, destination);
  datagram.attribute(RTA_OIF, std::uint32_t{3});
  if (gateway) datagram.attribute(RTA_GATEWAY, *gateway);
  datagram.attribute(RTA_PREFSRC, v4 ? address("198.18.2.10") : address("fd00:db8::10"));
  datagram.attribute(RTA_UID, std::uint32_t{1000});
  datagram.end();
  return datagram;
}

Datagram error_reply(int error, std::uint32_t sequence = kSequence) {
  Datagram datagram;
  datagram.begin(NLMSG_ERROR, sequence);
  datagram.add(-error);
  nlmsghdr request{};  // the request the error answers
  request.nlmsg_type = RTM_GETROUTE;
  request.nlmsg_seq = sequence;
  datagram.add(request);
  datagram.end();
  return datagram;
}

void add_neighbour(Datagram& datagram, int interface_index, const IpAddress& destination, std::uint16_t state,
                   std::optional<std::array<std::byte, 6>> link_address) {
  datagram.begin(RTM_NEWNEIGH);
  ndmsg header{};
  header.ndm_family = destination.family() == Family::ipv4 ? AF_INET : AF_INET6;
  header.ndm_ifindex = interface_index;
  header.ndm_state = state;
  header.ndm_type = RTN_UNICAST;
  datagram.add(header);
  datagram.attribute(NDA_DST, destination);
  if (link_address) datagram.attribute(NDA_LLADDR, *link_address);
  datagram.attribute(NDA_PROBES, std::uint32_t{0});
  datagram.end();
}

constexpr std::array<std::byte, 6> kMac{std::byte{0x02}, std::byte{0x00}, std::byte{0x5e},
                                        std::byte{0x10}, std::byte{0x20}, std::byte{0x30}};

// Two entries on interface 2 and, for the same address as the first, one on interface 5.
Datagram neighbour_dump() {
  Datagram datagram;
  add_neighbour(datagram, 5, address("198.18.2.1"), NUD_STALE, std::nullopt);
  add_neighbour(datagram, 2, address("198.18.2.1"), NUD_REACHABLE, kMac);
  add_neighbour(datagram, 2, address("198.18.2.2"), NUD_INCOMPLETE, std::nullopt);
  datagram.begin(NLMSG_DONE);
  datagram.add(0);
  datagram.end();
  return datagram;
}

}  // namespace

TEST_CASE("a route through a gateway: interface, gateway, source; the gateway is the next hop") {
  const IpAddress destination = address("198.19.100.7");
  const Datagram reply = route_reply(destination, address("198.18.2.1"));
  const auto route = parse_route_reply(reply.bytes(), kSequence, destination);
  REQUIRE(route.has_value());
  CHECK(route->type == RouteType::unicast);
  CHECK(route->interface_index == 3);
  CHECK(route->gateway == address("198.18.2.1"));
  CHECK(route->source == address("198.18.2.10"));
  CHECK(route->next_hop == address("198.18.2.1"));
}

TEST_CASE("an on-link route: no gateway, the destination is the next hop") {
  for (const IpAddress& destination : {address("198.18.2.5"), address("fd00:db8::5")}) {
    CAPTURE(destination.to_string());
    const Datagram reply = route_reply(destination, std::nullopt, RTN_LOCAL);
    const auto route = parse_route_reply(reply.bytes(), kSequence, destination);
    REQUIRE(route.has_value());
    CHECK(route->type == RouteType::local);
    CHECK_FALSE(route->gateway.has_value());
    CHECK(route->next_hop == destination);
  }
}

TEST_CASE("an IPv6 route through an IPv4 router (RTA_VIA)") {
  const IpAddress destination = address("fd00:db8::5");
  Datagram reply;
  reply.begin(RTM_NEWROUTE);
  rtmsg header{};
  header.rtm_family = AF_INET6;
  header.rtm_type = RTN_UNICAST;
  reply.add(header);
  std::array<std::byte, 6> via{};
  const std::uint16_t via_family = AF_INET;
  std::memcpy(via.data(), &via_family, 2);
  std::ranges::copy(address("198.18.2.1").bytes(), via.begin() + 2);
  reply.attribute(RTA_VIA, via);
  reply.end();
  const auto route = parse_route_reply(reply.bytes(), kSequence, destination);
  REQUIRE(route.has_value());
  CHECK(route->gateway == address("198.18.2.1"));
  CHECK(route->next_hop == address("198.18.2.1"));
}

TEST_CASE("the kernel's error is the lookup's error; other sequences are not our answer") {
  const IpAddress destination = address("198.19.100.7");
  CHECK(parse_route_reply(error_reply(ENETUNREACH).bytes(), kSequence, destination) ==
        std::unexpected(ENETUNREACH));
  CHECK(parse_route_reply(error_reply(ENETUNREACH, kSequence + 1).bytes(), kSequence, destination) ==
        std::unexpected(ENOMSG));
  CHECK(parse_route_reply(error_reply(0).bytes(), kSequence, destination) == std::unexpected(EPROTO));  // an ACK
  // A reply of the wrong family is not an answer to this question.
  CHECK(parse_route_reply(route_reply(address("fd00:db8::7"), std::nullopt).bytes(), kSequence, destination) ==
        std::unexpected(EPROTO));
}

TEST_CASE("a neighbour dump: the entry for the address on the interface asked about") {
  const Datagram dump = neighbour_dump();
  const NeighbourDumpPart first = parse_neighbour_dump(dump.bytes(), kSequence, 2, address("198.18.2.1"));
  REQUIRE(first.match.has_value());
  CHECK(first.match->state == NeighbourState::reachable);
  CHECK(first.match->link_address == kMac);
  const NeighbourDumpPart second = parse_neighbour_dump(dump.bytes(), kSequence, 2, address("198.18.2.2"));
  REQUIRE(second.match.has_value());
  CHECK(second.match->state == NeighbourState::incomplete);
  CHECK_FALSE(second.match->link_address.has_value());
  CHECK(second.done);
  const NeighbourDumpPart other_interface = parse_neighbour_dump(dump.bytes(), kSequence, 5, address("198.18.2.1"));
  REQUIRE(other_interface.match.has_value());
  CHECK(other_interface.match->state == NeighbourState::stale);
  const NeighbourDumpPart absent = parse_neighbour_dump(dump.bytes(), kSequence, 2, address("198.18.2.3"));
  CHECK_FALSE(absent.match.has_value());
  CHECK(absent.done);
  // The same dump answering another request is none of ours, and does not end ours.
  const NeighbourDumpPart stranger = parse_neighbour_dump(dump.bytes(), kSequence + 1, 2, address("198.18.2.1"));
  CHECK_FALSE(stranger.match.has_value());
  CHECK_FALSE(stranger.done);
  CHECK(to_string(NeighbourState::reachable) == "reachable");
  CHECK(to_string(NeighbourState::none) == "none");
}

TEST_CASE("every truncation of a reply is an error, never a read past its end") {
  const IpAddress destination = address("198.19.100.7");
  for (const Datagram& reply : {route_reply(destination, address("198.18.2.1")), error_reply(ENETUNREACH)}) {
    for (std::size_t size = 0; size < reply.size(); ++size) {
      CAPTURE(size);
      const auto route = parse_route_reply(reply.bytes().first(size), kSequence, destination);
      CHECK_FALSE(route.has_value());
    }
  }
  const Datagram dump = neighbour_dump();
  for (std::size_t size = 0; size < dump.size(); ++size) {
    CAPTURE(size);
    const NeighbourDumpPart part = parse_neighbour_dump(dump.bytes().first(size), kSequence, 2, address("198.18.2.2"));
    // Cut between messages, the datagram is a shorter dump; cut inside one, it is unreadable.
    const bool whole_messages = size == 0 || std::ranges::find(dump.boundaries(), size) != dump.boundaries().end();
    CHECK(part.done == !whole_messages);
    // The entry asked about is the third message: only a cut right after it keeps it.
    CHECK(part.match.has_value() == (size == dump.boundaries()[2]));
  }
}

TEST_CASE("lying lengths are errors") {
  const IpAddress destination = address("198.19.100.7");
  // rtmsg is 12 bytes after the 16-byte nlmsghdr; the first attribute's rta_len is at 28.
  constexpr std::size_t first_attribute = sizeof(nlmsghdr) + sizeof(rtmsg);
  for (const std::uint16_t length : {std::uint16_t{0}, std::uint16_t{3}, std::uint16_t{0xffff}}) {
    CAPTURE(length);
    Datagram reply = route_reply(destination, address("198.18.2.1"));
    reply.set_length(first_attribute, length);
    CHECK(parse_route_reply(reply.bytes(), kSequence, destination) == std::unexpected(EPROTO));
  }
  for (const std::uint32_t length : {0U, 15U, 0xffffffffU}) {
    CAPTURE(length);
    Datagram reply = route_reply(destination, address("198.18.2.1"));
    reply.set_message_length(length);
    CHECK(parse_route_reply(reply.bytes(), kSequence, destination) == std::unexpected(EPROTO));
  }
  // A gateway of the wrong size.
  Datagram reply;
  reply.begin(RTM_NEWROUTE);
  rtmsg header{};
  header.rtm_family = AF_INET;
  reply.add(header);
  reply.attribute(RTA_GATEWAY, std::span<const std::byte>(address("fd00:db8::1").bytes()));
  reply.end();
  CHECK(parse_route_reply(reply.bytes(), kSequence, destination) == std::unexpected(EPROTO));

  // A neighbour entry whose attribute overruns it is skipped; the dump goes on.
  Datagram dump;
  add_neighbour(dump, 2, address("198.18.2.1"), NUD_REACHABLE, kMac);
  dump.set_length(sizeof(nlmsghdr) + sizeof(ndmsg), 0xffff);
  add_neighbour(dump, 2, address("198.18.2.2"), NUD_PERMANENT, kMac);
  CHECK_FALSE(parse_neighbour_dump(dump.bytes(), kSequence, 2, address("198.18.2.1")).match.has_value());
  const NeighbourDumpPart part = parse_neighbour_dump(dump.bytes(), kSequence, 2, address("198.18.2.2"));
  REQUIRE(part.match.has_value());
  CHECK(part.match->state == NeighbourState::permanent);
  CHECK_FALSE(part.done);
}

TEST_CASE("live: the kernel's routes to loopback addresses") {
  const auto v4 = lookup_route(address("127.0.0.1"));
  REQUIRE(v4.has_value());
  CHECK(v4->type == RouteType::local);
  CHECK(v4->interface_name == "lo");
  CHECK(v4->interface_index == static_cast<int>(::if_nametoindex("lo")));
  CHECK(v4->next_hop == address("127.0.0.1"));
  CHECK_FALSE(v4->gateway.has_value());

  const auto v6 = lookup_route(address("::1"));
  REQUIRE(v6.has_value());
  CHECK(v6->type == RouteType::local);
  CHECK(v6->next_hop == address("::1"));
}

TEST_CASE("live: a neighbour lookup on loopback answers without failing") {
  const int loopback = static_cast<int>(::if_nametoindex("lo"));
  REQUIRE(loopback > 0);
  const Neighbour neighbour = lookup_neighbour(loopback, address("127.0.0.1"));
  MESSAGE("127.0.0.1 on lo: ", to_string(neighbour.state));
  CHECK(lookup_neighbour(0, address("127.0.0.1")).state == NeighbourState::none);
}
