// Private to render/: the ANSI colours every text renderer uses when --color says so.
#pragma once

namespace netdiag::render_detail {

inline constexpr const char* kRed = "\033[31m";
inline constexpr const char* kGreen = "\033[32m";
inline constexpr const char* kYellow = "\033[33m";
inline constexpr const char* kReset = "\033[0m";

}  // namespace netdiag::render_detail
