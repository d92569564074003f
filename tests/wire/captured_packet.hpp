// A captured IPv4 or IPv6 packet (text from captures.hpp) with the addresses and upper-layer bytes
// the UDP, TCP and ICMP-extension tests need.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "netdiag/core/address.hpp"
#include "netdiag/wire/ipv4.hpp"
#include "netdiag/wire/ipv6.hpp"
#include "support/hex.hpp"

namespace netdiag::test {

struct CapturedPacket {
  explicit CapturedPacket(std::string_view text) : bytes(from_hex(text)) {
    REQUIRE_FALSE(bytes.empty());
    if ((std::to_integer<unsigned>(bytes[0]) >> 4) == 4) {
      const auto ip = wire::Ipv4View::parse(bytes);
      REQUIRE(ip.has_value());
      source = ip->source();
      destination = ip->destination();
      protocol = ip->protocol();
      upper = ip->payload();
    } else {
      const auto ip = wire::Ipv6View::parse(bytes);
      REQUIRE(ip.has_value());
      source = ip->source();
      destination = ip->destination();
      const auto layer = ip->upper_layer();
      REQUIRE(layer.has_value());
      protocol = layer->protocol;
      upper = layer->data;
    }
  }
  CapturedPacket(const CapturedPacket&) = delete;  // `upper` points into `bytes`
  CapturedPacket& operator=(const CapturedPacket&) = delete;

  std::vector<std::byte> bytes;
  IpAddress source;
  IpAddress destination;
  std::uint8_t protocol = 0;
  std::span<const std::byte> upper;  // the UDP datagram, TCP segment or ICMP(v6) message
};

}  // namespace netdiag::test
