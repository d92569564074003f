#include "netdiag/core/version.hpp"

namespace netdiag {

std::string_view version() { return NETDIAG_VERSION; }

}  // namespace netdiag
