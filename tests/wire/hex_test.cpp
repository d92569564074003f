// The test helper itself.
#include "support/hex.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using netdiag::test::from_hex;
using netdiag::test::to_hex;

TEST_CASE("hex: from_hex accepts whitespace between pairs, to_hex prints spaced pairs") {
  const auto bytes = from_hex("4500 00\n\t34 AbcD\r\n");
  REQUIRE(bytes.size() == 6);
  CHECK(bytes[0] == std::byte{0x45});
  CHECK(bytes[4] == std::byte{0xab});
  CHECK(bytes[5] == std::byte{0xcd});
  CHECK(to_hex(bytes) == "45 00 00 34 ab cd");
  CHECK(from_hex("").empty());
  CHECK(to_hex({}).empty());
  CHECK(from_hex(to_hex(bytes)) == bytes);
}

TEST_CASE("hex: from_hex rejects odd digit counts, split pairs and non-hex characters") {
  CHECK_THROWS_AS(from_hex("abc"), std::invalid_argument);
  CHECK_THROWS_AS(from_hex("a bc"), std::invalid_argument);
  CHECK_THROWS_AS(from_hex("0x45"), std::invalid_argument);
  CHECK_THROWS_AS(from_hex("zz"), std::invalid_argument);
}
