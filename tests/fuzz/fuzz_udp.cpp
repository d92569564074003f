// libFuzzer target: UdpView::parse and parse_quoted on arbitrary bytes (taken as a datagram from
// 198.18.0.1 to 198.18.1.2, or from fd00::1 to fd00::2), every accessor and checksum_ok,
// parse -> build -> parse with the checksum, and pseudo_header_checksum.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/core/address.hpp"
#include "netdiag/wire/udp.hpp"

using namespace netdiag::wire;
using netdiag::fuzz::equal;
using netdiag::fuzz::sum_of;
using netdiag::fuzz::touch;
using netdiag::fuzz::v4_pair;
using netdiag::fuzz::v6_pair;
using netdiag::fuzz::within;

namespace {

unsigned touch_all(const UdpView& v, std::span<const std::byte> input, bool quoted) {
  NETDIAG_FUZZ_CHECK(v.length() >= 8);
  NETDIAG_FUZZ_CHECK(v.datagram().size() >= 8 && v.datagram().size() <= v.length());
  NETDIAG_FUZZ_CHECK(v.header().size() == 8 && v.header().size() + v.payload().size() == v.datagram().size());
  NETDIAG_FUZZ_CHECK(v.datagram().data() == input.data());
  NETDIAG_FUZZ_CHECK(within(v.payload(), input) && within(v.datagram(), input));
  NETDIAG_FUZZ_CHECK(quoted || v.complete());
  NETDIAG_FUZZ_CHECK(v.complete() == (v.datagram().size() == v.length()));
  const bool ok4 = v.checksum_ok(v4_pair().source, v4_pair().destination);
  const bool ok6 = v.checksum_ok(v6_pair().source, v6_pair().destination);
  if (!v.complete()) NETDIAG_FUZZ_CHECK(!ok4 && !ok6);
  if (v.checksum() == 0) NETDIAG_FUZZ_CHECK(ok4 == v.complete() && !ok6);
  NETDIAG_FUZZ_CHECK(!v.checksum_ok(v4_pair().source, v6_pair().destination));
  return sum_of(v.source_port().value, v.destination_port().value, v.length(), v.checksum(), v.complete(), ok4,
                ok6) +
         touch(v.header()) + touch(v.payload()) + touch(v.datagram());
}

// Rebuilds the datagram with the same ports and payload and a computed checksum.
unsigned rebuild(const UdpView& v, const netdiag::fuzz::AddressPair& pair) {
  std::vector<std::byte> out(v.datagram().size());
  const auto built = build_udp(out, {.source = v.source_port(), .destination = v.destination_port()}, v.payload(),
                               &pair.source, &pair.destination);
  NETDIAG_FUZZ_CHECK(built.has_value());
  const auto again = UdpView::parse(*built);
  NETDIAG_FUZZ_CHECK(again.has_value() && again->complete());
  NETDIAG_FUZZ_CHECK(again->source_port() == v.source_port() && again->destination_port() == v.destination_port());
  NETDIAG_FUZZ_CHECK(again->length() == v.length() && equal(again->payload(), v.payload()));
  NETDIAG_FUZZ_CHECK(again->checksum() != 0 && again->checksum_ok(pair.source, pair.destination));
  // A datagram whose checksum was right comes back byte for byte (a stored 0 over IPv4 is "none").
  if (v.checksum_ok(pair.source, pair.destination) && v.checksum() != 0) {
    NETDIAG_FUZZ_CHECK(equal(*built, v.datagram()));
  }
  return touch(*built);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = std::as_bytes(std::span(data, size));
  unsigned sum = 0;

  const auto view = UdpView::parse(input);
  const auto quoted = UdpView::parse_quoted(input);
  if (size < 8) {
    NETDIAG_FUZZ_CHECK(!view && view.error() == ParseError::truncated);
    NETDIAG_FUZZ_CHECK(!quoted && quoted.error() == ParseError::truncated);
  } else {
    NETDIAG_FUZZ_CHECK(view.has_value() || view.error() == ParseError::truncated ||
                       view.error() == ParseError::bad_total_length);
    NETDIAG_FUZZ_CHECK(quoted.has_value() || quoted.error() == ParseError::bad_total_length);
  }
  if (view) {
    NETDIAG_FUZZ_CHECK(quoted.has_value() && quoted->datagram().size() == view->datagram().size());
    sum += touch_all(*view, input, false) + rebuild(*view, v4_pair()) + rebuild(*view, v6_pair());
  }
  if (quoted) sum += touch_all(*quoted, input, true);

  for (const netdiag::fuzz::AddressPair* pair : {&v4_pair(), &v6_pair()}) {
    if (const auto checksum = pseudo_header_checksum(pair->source, pair->destination, ip_protocol_udp, input)) {
      sum += *checksum;
    } else {
      NETDIAG_FUZZ_CHECK(pair == &v4_pair() && size > 0xffff);
    }
  }
  netdiag::fuzz::consume(sum);
  return 0;
}
