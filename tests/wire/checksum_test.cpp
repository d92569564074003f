// RFC 1071 Internet checksum and the RFC 8200 IPv6 pseudo-header checksum.
#include "netdiag/wire/checksum.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <span>
#include <vector>

#include "captures.hpp"
#include "support/hex.hpp"

using netdiag::test::from_hex;
namespace captures = netdiag::test::captures;
using namespace netdiag::wire;

namespace {

std::span<const std::byte, 16> sixteen(std::span<const std::byte> bytes, std::size_t at) {
  return bytes.subspan(at).first<16>();
}

}  // namespace

TEST_CASE("checksum: the RFC 1071 section 3 example") {
  // Bytes 00 01 f2 03 f4 f5 f6 f7: the sum is 2ddf0, folded ddf2, complemented 220d.
  const auto data = from_hex("00 01 f2 03 f4 f5 f6 f7");
  CHECK(checksum_accumulate(data) == 0x2ddf0U);
  CHECK(checksum_fold(0x2ddf0U) == 0x220d);
  CHECK(internet_checksum(data) == 0x220d);
}

TEST_CASE("checksum: an odd length pads the last byte on the right") {
  CHECK(checksum_accumulate(from_hex("00 01 f2")) == 0xf201U);
  CHECK(internet_checksum(from_hex("00 01 f2")) == 0x0dfe);
  CHECK(internet_checksum(from_hex("ab")) == static_cast<std::uint16_t>(~0xab00U & 0xffffU));
}

TEST_CASE("checksum: empty data and all-ones data") {
  CHECK(checksum_accumulate({}) == 0U);
  CHECK(internet_checksum({}) == 0xffff);
  CHECK(checksum_fold(0xffffU) == 0);
  // 200000 bytes of ff: the 32-bit running sum would overflow without intermediate folding.
  const std::vector<std::byte> ones(200000, std::byte{0xff});
  CHECK(checksum_fold(checksum_accumulate(ones)) == 0);
  const std::vector<std::byte> mostly(200001, std::byte{0x7f});
  std::uint64_t reference = 0;
  for (std::size_t i = 0; i < mostly.size(); i += 2) reference += i + 1 < mostly.size() ? 0x7f7fU : 0x7f00U;
  while (reference > 0xffffU) reference = (reference & 0xffffU) + (reference >> 16);
  CHECK(internet_checksum(mostly) == static_cast<std::uint16_t>(~reference & 0xffffU));
}

TEST_CASE("checksum: accumulating in chunks equals one pass (only the last chunk odd)") {
  const auto data = from_hex(captures::ttl_exceeded_v4);
  const auto whole = internet_checksum(std::span(data).first(51));
  std::uint32_t sum = checksum_accumulate(std::span(data).first(20));
  sum = checksum_accumulate(std::span(data).subspan(20, 30), sum);
  sum = checksum_accumulate(std::span(data).subspan(50, 1), sum);
  CHECK(checksum_fold(sum) == whole);
}

TEST_CASE("checksum: captured IPv4 headers and ICMP messages verify to zero") {
  for (const auto text : {captures::lo_echo_request_v4, captures::net_unreachable_v4, captures::frag_needed_v4,
                          captures::record_route_reply_v4}) {
    const auto packet = from_hex(text);
    const auto header_length = (std::to_integer<std::size_t>(packet[0]) & 0x0fU) * 4;
    CHECK(internet_checksum(std::span(packet).first(header_length)) == 0);
    CHECK(internet_checksum(std::span(packet).subspan(header_length)) == 0);
  }
}

TEST_CASE("checksum: IPv6 pseudo-header over captured ICMPv6 messages") {
  SUBCASE("echo request ::1 -> ::1 verifies, and recomputes to the kernel's 2d9f") {
    auto packet = from_hex(captures::lo_echo_request_v6);
    const std::span<const std::byte> view(packet);
    CHECK(ipv6_upper_layer_checksum(sixteen(view, 8), sixteen(view, 24), 58, view.subspan(40)) == 0);
    packet[42] = std::byte{0};
    packet[43] = std::byte{0};
    CHECK(ipv6_upper_layer_checksum(sixteen(view, 8), sixteen(view, 24), 58, view.subspan(40)) == 0x2d9f);
  }
  SUBCASE("the MLD report behind a Hop-by-Hop header, from :: to ff02::16") {
    const auto packet = from_hex(captures::mld_report_v6);
    const std::span<const std::byte> view(packet);
    CHECK(ipv6_upper_layer_checksum(sixteen(view, 8), sixteen(view, 24), 58, view.subspan(48)) == 0);
    // The wrong next header or a wrong length changes the sum.
    CHECK(ipv6_upper_layer_checksum(sixteen(view, 8), sixteen(view, 24), 17, view.subspan(48)) != 0);
    CHECK(ipv6_upper_layer_checksum(sixteen(view, 8), sixteen(view, 24), 58, view.subspan(48, 40)) != 0);
  }
  SUBCASE("a 1240-byte packet-too-big message") {
    const auto packet = from_hex(captures::packet_too_big_v6);
    const std::span<const std::byte> view(packet);
    CHECK(ipv6_upper_layer_checksum(sixteen(view, 8), sixteen(view, 24), 58, view.subspan(40)) == 0);
  }
}
