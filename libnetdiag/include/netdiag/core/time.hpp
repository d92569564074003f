// Two clocks, kept apart by type: MonoTime schedules (steady, never jumps), WallTime stamps
// packets (CLOCK_REALTIME, the clock of the kernel's SO_TIMESTAMPNS receive stamps), so RTTs are
// always a difference of two wall stamps and deadlines always a steady instant.
#pragma once

#include <chrono>
#include <string>

namespace netdiag {

using Duration = std::chrono::nanoseconds;
using MonoTime = std::chrono::time_point<std::chrono::steady_clock, Duration>;
using WallTime = std::chrono::time_point<std::chrono::system_clock, Duration>;

// RFC 3339 UTC with microseconds, e.g. 2026-11-21T16:05:55.123456Z.
std::string to_rfc3339(WallTime time);

// Milliseconds as a double, the unit of every *_ms field.
constexpr double to_ms(Duration duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

}  // namespace netdiag
