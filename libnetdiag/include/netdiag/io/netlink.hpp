// Route and neighbour-table lookups over rtnetlink (rtnetlink(7)): what `ip route get` and
// `ip neigh` show — the interface, gateway and source address a packet would take, and whether
// the first hop's link-layer address is known — asked of the kernel with no privilege needed.
// The reply parsers are pure functions over the raw datagrams, so hand-built bytes test them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "netdiag/core/address.hpp"

namespace netdiag {

// rtm_type of the route (RTN_*); throw_route is RTN_THROW.
enum class RouteType : std::uint8_t { unicast, local, broadcast, unreachable, prohibit, blackhole, throw_route, other };

// What the kernel's route reply says (plain values only, so the parser's std::expected builds
// with every compiler the fuzz targets use).
struct RouteHop {
  RouteType type = RouteType::unicast;
  int interface_index = 0;           // RTA_OIF (0 when none)
  std::optional<IpAddress> gateway;  // RTA_GATEWAY, or RTA_VIA (a gateway of the other family); empty on-link
  std::optional<IpAddress> source;   // RTA_PREFSRC
  // The neighbour the packet goes to first: the gateway, else the destination itself.
  IpAddress next_hop;
};

struct Route : RouteHop {
  std::string interface_name;  // if_indextoname() of interface_index, empty when none
};

// The kernel's route for `destination`, as `ip route get` asks for it (RTM_GETROUTE). When the
// kernel has none, the errno it answered (ENETUNREACH, EHOSTUNREACH, EACCES for a prohibit route,
// ...); also the errno of a failed netlink exchange (EPROTO: a reply we could not read).
std::expected<Route, int> lookup_route(const IpAddress& destination);

// ndm_state of a neighbour entry (NUD_*); none also when there is no entry.
enum class NeighbourState : std::uint8_t { none, incomplete, reachable, stale, delay, probe, failed, noarp, permanent };

// As `ip neigh` prints them, in lower case: "none", "incomplete", "reachable", ...
std::string_view to_string(NeighbourState state);

struct Neighbour {
  NeighbourState state = NeighbourState::none;
  std::optional<std::array<std::byte, 6>> link_address;  // NDA_LLADDR, when it is 6 bytes (Ethernet)
};

// The neighbour-table entry (ARP for IPv4, NDP for IPv6) for `address` on interface
// `interface_index`. State none when there is none, or when netlink fails.
Neighbour lookup_neighbour(int interface_index, const IpAddress& address);

// The reply parsers behind the lookups. Each takes one datagram as recv() returned it (one or
// more netlink messages) and only looks at messages answering request `sequence`.
namespace netlink_detail {

// The answer to RTM_GETROUTE request `sequence` for `destination`: the route (interface_name left
// empty), or the errno of the kernel's NLMSG_ERROR; EPROTO when the answer is malformed or of
// another kind, ENOMSG when the datagram holds no answer to `sequence`.
std::expected<RouteHop, int> parse_route_reply(std::span<const std::byte> datagram, std::uint32_t sequence,
                                            const IpAddress& destination);

// What one datagram of the RTM_GETNEIGH dump `sequence` held.
struct NeighbourDumpPart {
  std::optional<Neighbour> match;  // the entry for the address asked about, when this datagram had it
  bool done = false;               // the dump ended (NLMSG_DONE or NLMSG_ERROR) or is unreadable
};
NeighbourDumpPart parse_neighbour_dump(std::span<const std::byte> datagram, std::uint32_t sequence,
                                       int interface_index, const IpAddress& address);

}  // namespace netlink_detail
}  // namespace netdiag
