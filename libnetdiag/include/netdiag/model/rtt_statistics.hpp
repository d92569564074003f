// Round-trip statistics as ping prints them (min/avg/max/mdev), from running sums, shared by
// every report that has RTTs.
#pragma once

#include <cstdint>
#include <optional>

#include "netdiag/core/time.hpp"

namespace netdiag {

struct RttStatistics {
  Duration min{};
  Duration avg{};
  Duration max{};
  Duration stddev{};  // population standard deviation: ping's "mdev"
};

// Running sums of round-trip times, so statistics need no list of every reply.
class RttAccumulator {
 public:
  void add(Duration rtt);
  std::uint64_t count() const { return count_; }
  // Empty when nothing was added.
  std::optional<RttStatistics> statistics() const;

 private:
  std::uint64_t count_ = 0;
  double sum_ = 0.0;             // nanoseconds
  double sum_of_squares_ = 0.0;  // nanoseconds squared
  Duration min_ = Duration::max();
  Duration max_ = Duration::min();
};

}  // namespace netdiag
