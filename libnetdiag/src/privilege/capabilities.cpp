#include "netdiag/privilege/capabilities.hpp"

#include <errno.h>  // program_invocation_name
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <memory>
#include <system_error>

namespace netdiag {
namespace {

using Capabilities = std::unique_ptr<std::remove_pointer_t<cap_t>, decltype(&cap_free)>;

bool has_effective(cap_value_t capability) {
  const Capabilities current(cap_get_proc(), &cap_free);
  if (!current) return false;
  cap_flag_value_t value = CAP_CLEAR;
  return cap_get_flag(current.get(), capability, CAP_EFFECTIVE, &value) == 0 && value == CAP_SET;
}

}  // namespace

void drop_all_capabilities() {
  // The bounding set first: dropping from it needs CAP_SETPCAP, which goes with the rest below.
  if (has_effective(CAP_SETPCAP)) {
    for (cap_value_t capability = 0; capability <= CAP_LAST_CAP; ++capability) {
      if (prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0 && errno != EINVAL)
        throw std::system_error(errno, std::generic_category(), "cannot drop the capability bounding set");
    }
  }
  if (cap_reset_ambient() != 0 && errno != EINVAL)
    throw std::system_error(errno, std::generic_category(), "cannot clear ambient capabilities");
  const Capabilities empty(cap_init(), &cap_free);
  if (!empty || cap_set_proc(empty.get()) != 0)
    throw std::system_error(errno, std::generic_category(), "cannot drop capabilities");
  // Nothing we might exec later can gain privileges back (setuid or file capabilities).
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    throw std::system_error(errno, std::generic_category(), "cannot set no_new_privs");
}

void raise_permitted_capabilities() {
  const Capabilities current(cap_get_proc(), &cap_free);
  if (!current || cap_fill(current.get(), CAP_EFFECTIVE, CAP_PERMITTED) != 0 || cap_set_proc(current.get()) != 0)
    throw std::system_error(errno, std::generic_category(), "cannot raise the permitted capabilities");
}

std::string executable_path() {
  std::array<char, 4096> path{};
  const auto length = ::readlink("/proc/self/exe", path.data(), path.size() - 1);
  if (length <= 0) return program_invocation_name;
  return std::string(path.data(), static_cast<std::size_t>(length));
}

std::string net_raw_grant_hint() {
  if (prctl(PR_CAPBSET_READ, CAP_NET_RAW, 0, 0, 0) == 0)
    return "CAP_NET_RAW is outside this process's bounding set, so neither root nor setcap can give it: start the "
           "container with --cap-add NET_RAW";
  return "grant it with 'setcap cap_net_raw+p " + executable_path() + "' (or run as root)";
}

}  // namespace netdiag
