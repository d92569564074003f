#include "netdiag/core/time.hpp"

#include <fmt/format.h>

#include <ctime>

namespace netdiag {

std::string to_rfc3339(WallTime time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(time - seconds).count();
  const std::time_t epoch_seconds = seconds.time_since_epoch().count();
  std::tm utc{};
  gmtime_r(&epoch_seconds, &utc);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:06d}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, micros);
}

}  // namespace netdiag
