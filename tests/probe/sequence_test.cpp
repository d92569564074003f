#include <doctest/doctest.h>

#include "netdiag/core/types.hpp"

using netdiag::Sequence;
using netdiag::unwrap;

TEST_CASE("Sequence::truncate keeps the low 16 bits") {
  CHECK(Sequence::truncate(0).value == 0);
  CHECK(Sequence::truncate(65535).value == 65535);
  CHECK(Sequence::truncate(65536).value == 0);
  CHECK(Sequence::truncate(65537).value == 1);
}

TEST_CASE("unwrap finds the newest number at or before latest") {
  CHECK(unwrap(Sequence{5}, 5) == 5U);
  CHECK(unwrap(Sequence{3}, 5) == 3U);
  CHECK(unwrap(Sequence{65535}, 65536) == 65535U);
  CHECK(unwrap(Sequence{0}, 65536) == 65536U);
  CHECK(unwrap(Sequence{1}, 65536 + 10) == 65537U);
  // 65535 back from 70000 wraps to the previous epoch.
  CHECK(unwrap(Sequence::truncate(70001 - 65536), 70000) == 70001U - 65536U);
}

TEST_CASE("unwrap refuses numbers before zero") {
  CHECK_FALSE(unwrap(Sequence{10}, 5).has_value());
  CHECK_FALSE(unwrap(Sequence{65535}, 0).has_value());
  CHECK(unwrap(Sequence{0}, 0) == 0U);
}
