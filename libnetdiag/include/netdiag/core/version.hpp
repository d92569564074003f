#pragma once

#include <string_view>

namespace netdiag {

// The project version, e.g. "0.1.0", as built into libnetdiag.
std::string_view version();

}  // namespace netdiag
