// libFuzzer target: parse_icmp_extensions on arbitrary bytes, every object, mpls_label_stack and
// its wording, parse -> build -> parse; and find_icmp_extensions on the same bytes taken as an
// ICMP and as an ICMPv6 message.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "fuzz_support.hpp"
#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmp_extensions.hpp"
#include "netdiag/wire/icmpv6.hpp"

using namespace netdiag::wire;
using netdiag::fuzz::equal;
using netdiag::fuzz::sum_of;
using netdiag::fuzz::touch;
using netdiag::fuzz::within;

namespace {

unsigned touch_all(const IcmpExtensions& e, std::span<const std::byte> input) {
  NETDIAG_FUZZ_CHECK(e.version() == 2 && e.bytes().size() >= 4 && within(e.bytes(), input));
  NETDIAG_FUZZ_CHECK(e.objects().size() <= IcmpExtensions::max_objects);
  unsigned sum = sum_of(e.version(), e.checksum(), e.checksum_ok()) + touch(e.bytes());
  std::size_t covered = IcmpExtensions::header_length;
  std::size_t mpls_words = 0;
  for (const auto& object : e.objects()) {
    NETDIAG_FUZZ_CHECK(within(object.payload, e.bytes()));
    covered += IcmpExtensions::object_header_length + object.payload.size();
    if (object.class_num == 1 && object.c_type == 1) mpls_words += object.payload.size() / 4;
    sum += sum_of(object.class_num, object.c_type) + touch(object.payload);
  }
  NETDIAG_FUZZ_CHECK(covered == e.bytes().size());  // the objects tile the structure

  const auto stack = mpls_label_stack(e);
  NETDIAG_FUZZ_CHECK(stack.size() == mpls_words);
  for (const auto& entry : stack) {
    NETDIAG_FUZZ_CHECK(entry.label <= 0xfffff && entry.traffic_class <= 7);
    sum += sum_of(entry.label, entry.traffic_class, entry.bottom_of_stack, entry.ttl);
    sum += static_cast<unsigned>(format_mpls_mtr(entry).size());
  }
  const auto text = format_mpls_traceroute(stack);
  NETDIAG_FUZZ_CHECK(text.empty() == stack.empty());
  if (!stack.empty()) {
    std::vector<std::byte> labels(stack.size() * 4);
    const auto built = build_mpls_label_stack(labels, stack);
    NETDIAG_FUZZ_CHECK(built.has_value() && built->size() == labels.size());
  }
  return sum + static_cast<unsigned>(text.size());
}

// Rebuilds the structure from its objects and parses it again.
unsigned rebuild(const IcmpExtensions& e) {
  std::vector<std::byte> out(e.bytes().size());
  const auto built = build_icmp_extensions(out, e.objects(), e.checksum() != 0);
  NETDIAG_FUZZ_CHECK(built.has_value() && built->size() == e.bytes().size());
  const auto again = parse_icmp_extensions(*built);
  NETDIAG_FUZZ_CHECK(again.has_value() && again->checksum_ok());
  NETDIAG_FUZZ_CHECK(again->objects().size() == e.objects().size());
  for (std::size_t i = 0; i < e.objects().size(); ++i) {
    const auto& a = e.objects()[i];
    const auto& b = again->objects()[i];
    NETDIAG_FUZZ_CHECK(a.class_num == b.class_num && a.c_type == b.c_type && equal(a.payload, b.payload));
  }
  // Only the 12 reserved bits and a checksum that does not verify can differ.
  const auto bytes = e.bytes();
  const bool reserved_zero = (std::to_integer<unsigned>(bytes[0]) & 0x0fU) == 0 && bytes[1] == std::byte{0};
  if (reserved_zero && e.checksum_ok() && e.checksum() != 0xffff) NETDIAG_FUZZ_CHECK(equal(*built, bytes));
  return touch(*built);
}

unsigned found(const std::optional<IcmpExtensions>& extensions, std::span<const std::byte> body) {
  if (!extensions) return 0;
  NETDIAG_FUZZ_CHECK(within(extensions->bytes(), body));
  // It runs to the end of the message.
  NETDIAG_FUZZ_CHECK(extensions->bytes().data() + extensions->bytes().size() == body.data() + body.size());
  return touch_all(*extensions, body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = std::as_bytes(std::span(data, size));
  unsigned sum = 0;

  const auto extensions = parse_icmp_extensions(input);
  if (extensions) {
    NETDIAG_FUZZ_CHECK(extensions->bytes().data() == input.data() && extensions->bytes().size() == size);
    sum += touch_all(*extensions, input) + rebuild(*extensions);
  } else {
    const auto error = extensions.error();
    NETDIAG_FUZZ_CHECK(error == ParseError::truncated || error == ParseError::bad_version ||
                       error == ParseError::bad_total_length || error == ParseError::too_many_extension_headers);
    if (size < 4) NETDIAG_FUZZ_CHECK(error == ParseError::truncated);
  }

  if (const auto v4 = IcmpView::parse(input)) {
    const auto extension = find_icmp_extensions(*v4);
    sum += found(extension, v4->body());
    if (extension && v4->extension().empty()) NETDIAG_FUZZ_CHECK(extension->checksum_ok());
  }
  if (const auto v6 = Icmpv6View::parse(input)) sum += found(find_icmp_extensions(*v6), v6->body());
  netdiag::fuzz::consume(sum);
  return 0;
}
