#include "netdiag/io/link_interfaces.hpp"

#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>

#include "socket_util.hpp"

namespace netdiag {

std::vector<LinkInterface> list_link_interfaces() {
  ifaddrs* head = nullptr;
  if (::getifaddrs(&head) != 0) io_detail::throw_errno(errno, "listing the network interfaces (getifaddrs)");
  const std::unique_ptr<ifaddrs, decltype(&::freeifaddrs)> owner(head, &::freeifaddrs);

  std::vector<LinkInterface> interfaces;
  const auto entry_for = [&](const char* name) -> LinkInterface& {
    auto found = std::find_if(interfaces.begin(), interfaces.end(),
                              [&](const LinkInterface& known) { return known.name == name; });
    if (found != interfaces.end()) return *found;
    LinkInterface fresh;
    fresh.name = name;
    fresh.index = static_cast<int>(::if_nametoindex(name));
    return interfaces.emplace_back(std::move(fresh));
  };
  for (const ifaddrs* entry = head; entry != nullptr; entry = entry->ifa_next) {
    if (entry->ifa_name == nullptr) continue;
    // An address with a label ("eth0:1") belongs to the interface before the colon.
    const std::string name(entry->ifa_name, std::strcspn(entry->ifa_name, ":"));
    LinkInterface& link = entry_for(name.c_str());
    if (entry->ifa_addr == nullptr) continue;
    if (entry->ifa_addr->sa_family == AF_PACKET) {
      // The link's own entry carries its flags (a label's may differ).
      link.up = (entry->ifa_flags & IFF_UP) != 0;
      link.arp = (entry->ifa_flags & (IFF_NOARP | IFF_LOOPBACK)) == 0;
      sockaddr_ll physical{};
      std::memcpy(&physical, entry->ifa_addr, sizeof physical);
      if (physical.sll_halen == 6) {
        wire::MacAddress mac{};
        std::memcpy(mac.data(), physical.sll_addr, mac.size());
        link.mac = mac;
      }
    } else if (entry->ifa_addr->sa_family == AF_INET) {
      sockaddr_storage address{};
      sockaddr_storage mask{};
      std::memcpy(&address, entry->ifa_addr, sizeof(sockaddr_in));
      if (entry->ifa_netmask != nullptr) std::memcpy(&mask, entry->ifa_netmask, sizeof(sockaddr_in));
      sockaddr_in mask4{};
      std::memcpy(&mask4, &mask, sizeof mask4);
      link.ipv4.push_back({io_detail::address_of(address),
                           static_cast<unsigned>(std::popcount(static_cast<std::uint32_t>(mask4.sin_addr.s_addr)))});
    }
  }
  std::sort(interfaces.begin(), interfaces.end(),
            [](const LinkInterface& a, const LinkInterface& b) { return a.index < b.index; });
  return interfaces;
}

std::optional<LinkInterface> find_link_interface(std::string_view name) {
  for (auto& link : list_link_interfaces())
    if (link.name == name) return link;
  return std::nullopt;
}

}  // namespace netdiag
