// The machine's network interfaces as nd-arp needs them: name, index, MAC, state and IPv4
// addresses, from getifaddrs() (no privilege needed).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/ethernet.hpp"

namespace netdiag {

struct InterfaceAddress {
  IpAddress address;
  unsigned prefix_length = 0;
};

struct LinkInterface {
  std::string name;
  int index = 0;
  std::optional<wire::MacAddress> mac;  // an Ethernet-like 6-byte link address
  bool up = false;                      // IFF_UP
  bool arp = false;                     // neither IFF_NOARP nor loopback
  std::vector<InterfaceAddress> ipv4;
};

// Every interface, in index order. Throws std::system_error when getifaddrs() fails.
std::vector<LinkInterface> list_link_interfaces();

// The interface named `name`, or nullopt.
std::optional<LinkInterface> find_link_interface(std::string_view name);

}  // namespace netdiag
