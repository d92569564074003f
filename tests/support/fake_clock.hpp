// A settable clock for engine tests: both the scheduling (mono) and the packet-stamp (wall)
// clocks advance together, and only when the test says so.
#pragma once

#include "netdiag/core/time.hpp"

namespace netdiag::test {

class FakeClock {
 public:
  MonoTime mono() const { return mono_; }
  WallTime wall() const { return wall_; }
  void advance(Duration by) {
    mono_ += by;
    wall_ += by;
  }

 private:
  MonoTime mono_{};
  WallTime wall_{std::chrono::seconds(1'800'000'000)};
};

}  // namespace netdiag::test
