#include "netdiag/model/rtt_statistics.hpp"

#include <algorithm>
#include <cmath>

namespace netdiag {

void RttAccumulator::add(Duration rtt) {
  const auto ns = static_cast<double>(rtt.count());
  ++count_;
  sum_ += ns;
  sum_of_squares_ += ns * ns;
  min_ = std::min(min_, rtt);
  max_ = std::max(max_, rtt);
}

std::optional<RttStatistics> RttAccumulator::statistics() const {
  if (count_ == 0) return std::nullopt;
  const double mean = sum_ / static_cast<double>(count_);
  const double variance = std::max(0.0, sum_of_squares_ / static_cast<double>(count_) - mean * mean);
  return RttStatistics{min_, Duration(std::llround(mean)), max_, Duration(std::llround(std::sqrt(variance)))};
}

}  // namespace netdiag
