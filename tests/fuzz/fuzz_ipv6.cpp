// libFuzzer target: Ipv6View::parse / parse_quoted / upper_layer on arbitrary bytes, every
// accessor, and parse -> build -> parse (which must give back the same bytes).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/wire/ipv6.hpp"

using namespace netdiag::wire;
using netdiag::fuzz::equal;
using netdiag::fuzz::sum_of;
using netdiag::fuzz::touch;
using netdiag::fuzz::within;

namespace {

unsigned touch_all(const Ipv6View& v, std::span<const std::byte> input) {
  NETDIAG_FUZZ_CHECK(v.header().size() == 40);
  NETDIAG_FUZZ_CHECK(v.payload().size() <= v.payload_length());
  NETDIAG_FUZZ_CHECK(v.flow_label() <= 0xfffffU);
  NETDIAG_FUZZ_CHECK(within(v.header(), input) && within(v.payload(), input));
  unsigned sum = sum_of(v.traffic_class(), v.flow_label(), v.payload_length(), v.next_header(), v.hop_limit());
  sum += touch(v.source().bytes()) + touch(v.destination().bytes()) + touch(v.source_bytes()) +
         touch(v.destination_bytes()) + touch(v.header()) + touch(v.payload());
  if (const auto upper = v.upper_layer()) {
    NETDIAG_FUZZ_CHECK(within(upper->data, v.payload()));
    if (upper->protocol == 59) NETDIAG_FUZZ_CHECK(upper->data.empty());
    sum += sum_of(upper->protocol) + touch(upper->data);
  } else {
    NETDIAG_FUZZ_CHECK(upper.error() == ParseError::truncated ||
                       upper.error() == ParseError::too_many_extension_headers);
  }
  return sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = std::as_bytes(std::span(data, size));
  unsigned sum = 0;

  const auto quoted = Ipv6View::parse_quoted(input);
  if (quoted) sum += touch_all(*quoted, input);

  const auto view = Ipv6View::parse(input);
  if (!view) {
    netdiag::fuzz::consume(sum);
    return 0;
  }
  sum += touch_all(*view, input);
  NETDIAG_FUZZ_CHECK(view->payload().size() == view->payload_length());
  NETDIAG_FUZZ_CHECK(quoted.has_value() && equal(quoted->payload(), view->payload()));

  const Ipv6Fields fields{.traffic_class = view->traffic_class(),
                          .flow_label = view->flow_label(),
                          .next_header = view->next_header(),
                          .hop_limit = view->hop_limit(),
                          .source = view->source(),
                          .destination = view->destination()};
  std::vector<std::byte> out(40 + view->payload().size());
  const auto built = build_ipv6(out, fields, view->payload());
  NETDIAG_FUZZ_CHECK(built.has_value());
  NETDIAG_FUZZ_CHECK(equal(*built, input.first(40 + view->payload_length())));
  const auto again = Ipv6View::parse(*built);
  NETDIAG_FUZZ_CHECK(again.has_value());
  const auto upper = view->upper_layer();
  const auto upper_again = again->upper_layer();
  NETDIAG_FUZZ_CHECK(upper.has_value() == upper_again.has_value());
  if (upper) NETDIAG_FUZZ_CHECK(upper->protocol == upper_again->protocol && equal(upper->data, upper_again->data));
  netdiag::fuzz::consume(sum);
  return 0;
}
