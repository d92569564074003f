// Shared by the fuzz targets: a check that aborts (so libFuzzer reports the input) and helpers
// that read every byte a view hands out (so ASan sees any out-of-bounds span).
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "netdiag/core/address.hpp"

namespace netdiag::fuzz {

inline void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
  }
}

// Sums the bytes so the reads cannot be optimised away.
inline unsigned touch(std::span<const std::byte> bytes) {
  unsigned sum = 0;
  for (const std::byte b : bytes) sum += std::to_integer<unsigned>(b);
  return sum;
}

// The sum of integer and bool values, as unsigned.
template <typename... Values>
unsigned sum_of(Values... values) {
  return (0U + ... + static_cast<unsigned>(values));
}

// Whether `inner` lies within `outer`.
inline bool within(std::span<const std::byte> inner, std::span<const std::byte> outer) {
  if (inner.empty()) return true;
  const auto* begin = outer.data();
  const auto* end = outer.data() + outer.size();
  return inner.data() >= begin && inner.data() + inner.size() <= end;
}

inline bool equal(std::span<const std::byte> a, std::span<const std::byte> b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Source and destination for the pseudo-header checksums of UDP and TCP inputs: lab addresses.
struct AddressPair {
  IpAddress source;
  IpAddress destination;
};

inline const AddressPair& v4_pair() {
  static const AddressPair pair{IpAddress::parse("198.18.0.1").value(), IpAddress::parse("198.18.1.2").value()};
  return pair;
}

inline const AddressPair& v6_pair() {
  static const AddressPair pair{IpAddress::parse("fd00::1").value(), IpAddress::parse("fd00::2").value()};
  return pair;
}

// Keeps a value alive past the optimiser.
inline void consume(unsigned value) {
  static volatile unsigned sink = 0;
  sink = sink + value;
}

}  // namespace netdiag::fuzz

#define NETDIAG_FUZZ_CHECK(condition) ::netdiag::fuzz::check((condition), #condition)
