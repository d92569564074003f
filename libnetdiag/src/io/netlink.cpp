#include "netdiag/io/netlink.hpp"

#include <net/if.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <limits>
#include <vector>

namespace netdiag {
namespace {

using Bytes = std::span<const std::byte>;

// Every receive gives up after this long; a dump sends its next datagram at once.
constexpr timeval kReceiveTimeout{.tv_sec = 1, .tv_usec = 0};
// The kernel fills a dump datagram up to the largest buffer we received into, capped at 32 KiB
// (netlink_recvmsg()'s max_recvmsg_len), so this always holds one whole.
constexpr std::size_t kBufferBytes = 32 * 1024;

// NLMSG_ALIGN and RTA_ALIGN: messages and attributes start on 4-byte boundaries.
constexpr std::size_t align(std::size_t size) { return (size + 3) & ~std::size_t{3}; }

std::uint32_t next_sequence() {
  static std::atomic<std::uint32_t> sequence{1};
  return sequence++;
}

// A T copied out of the start of `bytes`, when they are long enough.
template <typename T>
std::optional<T> read(Bytes bytes) {
  if (bytes.size() < sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, bytes.data(), sizeof value);
  return value;
}

std::optional<IpAddress> address_from(Bytes bytes, Family family) {
  if (family == Family::ipv4 && bytes.size() == 4) {
    std::array<std::byte, 4> address{};
    std::ranges::copy(bytes, address.begin());
    return IpAddress::v4(address);
  }
  if (family == Family::ipv6 && bytes.size() == 16) {
    std::array<std::byte, 16> address{};
    std::ranges::copy(bytes, address.begin());
    return IpAddress::v6(address);
  }
  return std::nullopt;
}

struct Message {
  nlmsghdr header;
  Bytes payload;  // what follows the header, up to nlmsg_len
};

// The messages of one datagram (NLMSG_OK / NLMSG_NEXT written out): each nlmsg_len covers at
// least its header and stays within the datagram. Nullopt when one does not, or when bytes too
// few for a header are left over.
std::optional<std::vector<Message>> split_messages(Bytes datagram) {
  std::vector<Message> messages;
  while (!datagram.empty()) {
    const std::optional<nlmsghdr> header = read<nlmsghdr>(datagram);
    if (!header || header->nlmsg_len < sizeof(nlmsghdr) || header->nlmsg_len > datagram.size()) return std::nullopt;
    messages.push_back({*header, datagram.subspan(sizeof(nlmsghdr), header->nlmsg_len - sizeof(nlmsghdr))});
    // The kernel pads every message to 4 bytes; a last one without its padding still ends the datagram.
    datagram = datagram.subspan(std::min<std::size_t>(align(header->nlmsg_len), datagram.size()));
  }
  return messages;
}

struct Attribute {
  std::uint16_t type;
  Bytes payload;
};

// The attributes after a message's fixed header (RTA_OK / RTA_NEXT written out), with the same
// checks as split_messages().
std::optional<std::vector<Attribute>> split_attributes(Bytes bytes) {
  std::vector<Attribute> attributes;
  while (!bytes.empty()) {
    const std::optional<rtattr> header = read<rtattr>(bytes);
    if (!header || header->rta_len < sizeof(rtattr) || header->rta_len > bytes.size()) return std::nullopt;
    // NLA_TYPE_MASK: the top bits flag nested and network-order attributes, as nla_type() drops them.
    attributes.push_back({static_cast<std::uint16_t>(header->rta_type & NLA_TYPE_MASK),
                          bytes.subspan(sizeof(rtattr), header->rta_len - sizeof(rtattr))});
    bytes = bytes.subspan(std::min<std::size_t>(align(header->rta_len), bytes.size()));
  }
  return attributes;
}

// The attributes after fixed header T at the start of `payload`.
template <typename T>
std::optional<std::vector<Attribute>> attributes_after(Bytes payload) {
  if (payload.size() < align(sizeof(T))) return std::nullopt;
  return split_attributes(payload.subspan(align(sizeof(T))));
}

// The errno an NLMSG_ERROR carries (struct nlmsgerr: a negative errno first). Error 0 is an
// acknowledgement, which we never ask for: EPROTO, like anything unreadable.
int error_of(const Message& message) {
  const std::optional<int> error = read<int>(message.payload);
  if (!error || *error >= 0 || *error == std::numeric_limits<int>::min()) return EPROTO;
  return -*error;
}

unsigned char family_code(Family family) { return family == Family::ipv6 ? AF_INET6 : AF_INET; }

RouteType route_type(unsigned char type) {
  switch (type) {
    case RTN_UNICAST: return RouteType::unicast;
    case RTN_LOCAL: return RouteType::local;
    case RTN_BROADCAST: return RouteType::broadcast;
    case RTN_UNREACHABLE: return RouteType::unreachable;
    case RTN_PROHIBIT: return RouteType::prohibit;
    case RTN_BLACKHOLE: return RouteType::blackhole;
    case RTN_THROW: return RouteType::throw_route;
    default: return RouteType::other;
  }
}

// RTA_VIA (struct rtvia): a gateway of the other family — an IPv4 route through an IPv6 router
// (RFC 8950), or the reverse — as a 2-byte address family and the address.
std::optional<IpAddress> via_address(Bytes payload) {
  const std::optional<std::uint16_t> family = read<std::uint16_t>(payload);
  if (!family || (*family != AF_INET && *family != AF_INET6)) return std::nullopt;
  return address_from(payload.subspan(sizeof *family), *family == AF_INET6 ? Family::ipv6 : Family::ipv4);
}

std::expected<RouteHop, int> parse_route(Bytes payload, const IpAddress& destination) {
  const std::optional<rtmsg> header = read<rtmsg>(payload);
  const std::optional<std::vector<Attribute>> attributes = attributes_after<rtmsg>(payload);
  if (!header || !attributes || header->rtm_family != family_code(destination.family()))
    return std::unexpected(EPROTO);
  RouteHop route;
  route.type = route_type(header->rtm_type);
  for (const Attribute& attribute : *attributes) {
    switch (attribute.type) {
      case RTA_OIF: {
        const std::optional<std::uint32_t> index = read<std::uint32_t>(attribute.payload);
        if (!index || attribute.payload.size() != sizeof *index || *index > std::numeric_limits<int>::max())
          return std::unexpected(EPROTO);
        route.interface_index = static_cast<int>(*index);
        break;
      }
      case RTA_GATEWAY:
        route.gateway = address_from(attribute.payload, destination.family());
        if (!route.gateway) return std::unexpected(EPROTO);
        break;
      case RTA_VIA:
        route.gateway = via_address(attribute.payload);
        if (!route.gateway) return std::unexpected(EPROTO);
        break;
      case RTA_PREFSRC:
        route.source = address_from(attribute.payload, destination.family());
        if (!route.source) return std::unexpected(EPROTO);
        break;
      default: break;
    }
  }
  route.next_hop = route.gateway.value_or(destination);
  return route;
}

NeighbourState neighbour_state(std::uint16_t nud) {
  // ndm_state is a bit mask, but an entry is in one state at a time.
  if ((nud & NUD_INCOMPLETE) != 0) return NeighbourState::incomplete;
  if ((nud & NUD_REACHABLE) != 0) return NeighbourState::reachable;
  if ((nud & NUD_STALE) != 0) return NeighbourState::stale;
  if ((nud & NUD_DELAY) != 0) return NeighbourState::delay;
  if ((nud & NUD_PROBE) != 0) return NeighbourState::probe;
  if ((nud & NUD_FAILED) != 0) return NeighbourState::failed;
  if ((nud & NUD_NOARP) != 0) return NeighbourState::noarp;
  if ((nud & NUD_PERMANENT) != 0) return NeighbourState::permanent;
  return NeighbourState::none;
}

// The entry in one RTM_NEWNEIGH payload when it is for `address` on `interface_index`; nullopt
// for other entries and unreadable ones.
std::optional<Neighbour> neighbour_entry(Bytes payload, int interface_index, const IpAddress& address) {
  const std::optional<ndmsg> header = read<ndmsg>(payload);
  const std::optional<std::vector<Attribute>> attributes = attributes_after<ndmsg>(payload);
  if (!header || !attributes || header->ndm_family != family_code(address.family()) ||
      header->ndm_ifindex != interface_index)
    return std::nullopt;
  const Bytes wanted = address.bytes();
  bool matches = false;
  Neighbour neighbour{.state = neighbour_state(header->ndm_state), .link_address = std::nullopt};
  for (const Attribute& attribute : *attributes) {
    if (attribute.type == NDA_DST) matches = std::ranges::equal(attribute.payload, wanted);
    if (attribute.type == NDA_LLADDR && attribute.payload.size() == 6) {
      neighbour.link_address.emplace();
      std::ranges::copy(attribute.payload, neighbour.link_address->begin());
    }
  }
  if (!matches) return std::nullopt;
  return neighbour;
}

// A request message: the nlmsghdr, then a fixed header and attributes, each padded to 4 bytes.
class Request {
 public:
  Request(std::uint16_t type, int flags, std::uint32_t sequence) {
    nlmsghdr header{};
    header.nlmsg_type = type;
    header.nlmsg_flags = static_cast<std::uint16_t>(flags);
    header.nlmsg_seq = sequence;  // nlmsg_pid 0: the kernel assigns our port
    append(header);
  }
  template <typename T>
  void append(const T& value) {
    append_bytes(std::as_bytes(std::span(&value, 1)));
  }
  void add_attribute(std::uint16_t type, Bytes payload) {
    rtattr header{};
    header.rta_len = static_cast<std::uint16_t>(sizeof header + payload.size());
    header.rta_type = type;
    append(header);
    append_bytes(payload);
  }
  // The message, its nlmsg_len set.
  Bytes finish() {
    const auto length = static_cast<std::uint32_t>(bytes_.size());
    std::memcpy(bytes_.data(), &length, sizeof length);  // nlmsg_len comes first
    return bytes_;
  }

 private:
  void append_bytes(Bytes bytes) {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
    bytes_.resize(align(bytes_.size()));
  }
  std::vector<std::byte> bytes_;
};

// Sends `request` to the kernel on a new NETLINK_ROUTE socket and hands each datagram the kernel
// sends back to `take` until it returns true. 0, or the errno that ended the exchange (EAGAIN:
// nothing came for kReceiveTimeout).
int exchange(Bytes request, const std::function<bool(Bytes)>& take) {
  const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0) return errno;
  const struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &kReceiveTimeout, sizeof kReceiveTimeout) != 0) return errno;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;  // nl_pid 0: the kernel
  if (::sendto(fd, request.data(), request.size(), 0, reinterpret_cast<const sockaddr*>(&kernel),  // NOLINT
               sizeof kernel) < 0)
    return errno;
  std::vector<std::byte> buffer(kBufferBytes);
  for (;;) {
    sockaddr_nl from{};
    socklen_t from_size = sizeof from;
    // MSG_TRUNC: recvfrom() returns the datagram's full length, so one cut short is noticed.
    const ssize_t received = ::recvfrom(fd, buffer.data(), buffer.size(), MSG_TRUNC,
                                        reinterpret_cast<sockaddr*>(&from), &from_size);  // NOLINT: sockets API
    if (received < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (static_cast<std::size_t>(received) > buffer.size()) return EMSGSIZE;
    // The kernel sends from port 0. (nlmsg_pid in its replies is our own port, not 0.)
    if (from.nl_pid != 0) continue;
    if (take(Bytes(buffer).first(static_cast<std::size_t>(received)))) return 0;
  }
}

}  // namespace

namespace netlink_detail {

std::expected<RouteHop, int> parse_route_reply(std::span<const std::byte> datagram, std::uint32_t sequence,
                                            const IpAddress& destination) {
  const std::optional<std::vector<Message>> messages = split_messages(datagram);
  if (!messages) return std::unexpected(EPROTO);
  for (const Message& message : *messages) {
    if (message.header.nlmsg_seq != sequence) continue;
    if (message.header.nlmsg_type == NLMSG_ERROR) return std::unexpected(error_of(message));
    if (message.header.nlmsg_type != RTM_NEWROUTE) return std::unexpected(EPROTO);
    return parse_route(message.payload, destination);
  }
  return std::unexpected(ENOMSG);
}

NeighbourDumpPart parse_neighbour_dump(std::span<const std::byte> datagram, std::uint32_t sequence,
                                       int interface_index, const IpAddress& address) {
  NeighbourDumpPart part;
  const std::optional<std::vector<Message>> messages = split_messages(datagram);
  if (!messages) {
    part.done = true;
    return part;
  }
  for (const Message& message : *messages) {
    if (message.header.nlmsg_seq != sequence) continue;
    if (message.header.nlmsg_type == NLMSG_DONE || message.header.nlmsg_type == NLMSG_ERROR) {
      part.done = true;
      return part;
    }
    if (message.header.nlmsg_type == RTM_NEWNEIGH && !part.match)
      part.match = neighbour_entry(message.payload, interface_index, address);
  }
  return part;
}

}  // namespace netlink_detail

std::expected<Route, int> lookup_route(const IpAddress& destination) {
  const std::uint32_t sequence = next_sequence();
  Request request(RTM_GETROUTE, NLM_F_REQUEST, sequence);
  rtmsg header{};
  header.rtm_family = family_code(destination.family());
  header.rtm_dst_len = static_cast<unsigned char>(destination.bytes().size() * 8);
  request.append(header);
  request.add_attribute(RTA_DST, destination.bytes());
  std::expected<RouteHop, int> hop = std::unexpected(ENOMSG);
  const int error = exchange(request.finish(), [&](Bytes datagram) {
    hop = netlink_detail::parse_route_reply(datagram, sequence, destination);
    return hop || hop.error() != ENOMSG;
  });
  if (error != 0) return std::unexpected(error);
  if (!hop) return std::unexpected(hop.error());
  Route route{*hop, {}};
  if (route.interface_index != 0) {
    std::array<char, IF_NAMESIZE> name{};
    if (::if_indextoname(static_cast<unsigned>(route.interface_index), name.data()) != nullptr)
      route.interface_name = name.data();
  }
  return route;
}

std::string_view to_string(NeighbourState state) {
  switch (state) {
    case NeighbourState::none: return "none";
    case NeighbourState::incomplete: return "incomplete";
    case NeighbourState::reachable: return "reachable";
    case NeighbourState::stale: return "stale";
    case NeighbourState::delay: return "delay";
    case NeighbourState::probe: return "probe";
    case NeighbourState::failed: return "failed";
    case NeighbourState::noarp: return "noarp";
    case NeighbourState::permanent: return "permanent";
  }
  return "none";
}

Neighbour lookup_neighbour(int interface_index, const IpAddress& address) {
  if (interface_index <= 0) return {};  // no interface has such an index
  const std::uint32_t sequence = next_sequence();
  Request request(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, sequence);
  ndmsg header{};
  header.ndm_family = family_code(address.family());
  request.append(header);
  // The kernel filters a dump by NDA_IFINDEX, not by ndm_ifindex (which it rejects with EINVAL
  // under NETLINK_GET_STRICT_CHK, neigh_valid_dump_req()); kernels older than the filter send every
  // interface's entries, so neighbour_entry() checks the index too.
  const auto index = static_cast<std::uint32_t>(interface_index);
  request.add_attribute(NDA_IFINDEX, std::as_bytes(std::span(&index, 1)));
  Neighbour neighbour;
  // A failed exchange leaves the state none, as promised.
  exchange(request.finish(), [&](Bytes datagram) {
    const netlink_detail::NeighbourDumpPart part =
        netlink_detail::parse_neighbour_dump(datagram, sequence, interface_index, address);
    if (part.match) neighbour = *part.match;
    return part.match || part.done;
  });
  return neighbour;
}

}  // namespace netdiag
