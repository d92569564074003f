// Private to render/: how every renderer writes a duration in milliseconds.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <string>

#include "netdiag/core/time.hpp"

namespace netdiag::render_detail {

// "0.215": milliseconds with microsecond resolution, the precision of kernel receive stamps.
inline std::string ms_text(Duration duration) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(duration + std::chrono::nanoseconds(500));
  return fmt::format("{}.{:03d}", micros.count() / 1000, micros.count() % 1000);
}

// A *_ms JSON number, rounded to the microsecond.
inline double ms_json(Duration duration) { return std::round(to_ms(duration) * 1000.0) / 1000.0; }

}  // namespace netdiag::render_detail
