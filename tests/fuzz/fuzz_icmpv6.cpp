// libFuzzer target: Icmpv6View::parse on arbitrary bytes (taken as an ICMPv6 message from
// fd00::1 to fd00::2), every accessor and describe_icmpv6, parse -> build -> parse with the
// checksum, and the packet quoted inside an error.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/core/address.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "netdiag/wire/ipv6.hpp"

using namespace netdiag::wire;
using netdiag::IpAddress;
using netdiag::fuzz::equal;
using netdiag::fuzz::sum_of;
using netdiag::fuzz::touch;
using netdiag::fuzz::within;

namespace {

constexpr std::array<std::byte, 16> source_bytes{std::byte{0xfd}, {}, {}, {}, {}, {}, {}, {},
                                                 {},              {}, {}, {}, {}, {}, {}, std::byte{1}};
constexpr std::array<std::byte, 16> destination_bytes{std::byte{0xfd}, {}, {}, {}, {}, {}, {}, {},
                                                      {},              {}, {}, {}, {}, {}, {}, std::byte{2}};

unsigned touch_all(const Icmpv6View& v, std::span<const std::byte> input, std::span<const std::byte, 16> src,
                   std::span<const std::byte, 16> dst) {
  NETDIAG_FUZZ_CHECK(v.message().size() >= 8 && v.body().size() + 8 == v.message().size());
  NETDIAG_FUZZ_CHECK(v.quoted().size() + v.extension().size() == v.body().size());
  NETDIAG_FUZZ_CHECK(within(v.message(), input) && within(v.body(), input) && within(v.quoted(), input) &&
                     within(v.extension(), input));
  NETDIAG_FUZZ_CHECK(v.is_error() == (v.type() < 128));
  unsigned sum = sum_of(v.type(), v.code(), v.checksum(), v.identifier(), v.sequence(), v.pointer(),
                        v.checksum_ok(src, dst), v.is_echo(), v.is_error());
  if (const auto mtu = v.mtu()) {
    NETDIAG_FUZZ_CHECK(v.type() == icmpv6_type::packet_too_big && mtu->value != 0);
    sum += mtu->value;
  }
  sum += touch(v.message()) + touch(v.body()) + touch(v.quoted()) + touch(v.extension());
  const auto words = describe_icmpv6(v.type(), v.code());
  NETDIAG_FUZZ_CHECK(!words.empty());
  return sum + static_cast<unsigned>(words.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = std::as_bytes(std::span(data, size));
  const auto view = Icmpv6View::parse(input);
  if (!view) {
    NETDIAG_FUZZ_CHECK(size < 8);
    return 0;
  }
  const std::span<const std::byte, 16> src(source_bytes);
  const std::span<const std::byte, 16> dst(destination_bytes);
  unsigned sum = touch_all(*view, input, src, dst);

  const auto source = IpAddress::v6(source_bytes);
  const auto destination = IpAddress::v6(destination_bytes);
  std::vector<std::byte> out(input.size());
  std::array<std::byte, 4> rest{};
  for (std::size_t i = 0; i < 4; ++i) rest[i] = input[4 + i];
  const auto built = view->is_echo()
                         ? build_icmpv6_echo(out,
                                             {.type = view->type(),
                                              .code = view->code(),
                                              .identifier = view->identifier(),
                                              .sequence = view->sequence()},
                                             view->body(), &source, &destination)
                         : build_icmpv6_error(out, view->type(), view->code(), rest, view->body(), &source,
                                              &destination);
  if (!built) {
    NETDIAG_FUZZ_CHECK(built.error() == BuildError::payload_too_large && input.size() > max_icmpv6_message);
  } else {
    NETDIAG_FUZZ_CHECK(equal(built->first(2), input.first(2)) && equal(built->subspan(4), input.subspan(4)));
    const auto again = Icmpv6View::parse(*built);
    NETDIAG_FUZZ_CHECK(again.has_value() && again->checksum_ok(src, dst));
    if (view->checksum_ok(src, dst) && view->checksum() != 0xffff) NETDIAG_FUZZ_CHECK(equal(*built, input));
    sum += touch_all(*again, *built, src, dst);
  }

  // What an error quotes: an IPv6 header, maybe extension headers, and the start of the payload.
  if (view->is_error()) {
    if (const auto inner = Ipv6View::parse_quoted(view->quoted())) {
      sum += touch(inner->header()) + touch(inner->payload());
      if (const auto upper = inner->upper_layer()) {
        NETDIAG_FUZZ_CHECK(within(upper->data, inner->payload()));
        if (upper->protocol == 58) {
          if (const auto probe = Icmpv6View::parse(upper->data)) {
            sum += touch_all(*probe, input, inner->source_bytes(), inner->destination_bytes());
          }
        }
      }
    }
  }
  netdiag::fuzz::consume(sum);
  return 0;
}
