// Privilege handling: open what needs CAP_NET_RAW first, then drop every capability. Engines
// and run functions take an Unprivileged<...>, and the only way to make one is
// open_then_drop(), so the order cannot be skipped.
#pragma once

#include <string>
#include <type_traits>
#include <utility>

namespace netdiag {

// Clears the effective, permitted, inheritable and ambient capability sets, drops the bounding
// set when CAP_SETPCAP allows it, and sets no_new_privs. Throws std::system_error on failure.
void drop_all_capabilities();

// The running binary's path (from /proc/self/exe), for "setcap cap_net_raw+ep PATH" hints.
std::string executable_path();

template <class Resources>
class Unprivileged;

// Calls `open` (which may use capabilities), drops every capability, and returns the opened
// resources.
template <class Open>
Unprivileged<std::invoke_result_t<Open&>> open_then_drop(Open&& open);

// Resources (sockets) that were opened before the process dropped its capabilities.
template <class Resources>
class Unprivileged {
 public:
  Resources& get() { return resources_; }
  const Resources& get() const { return resources_; }

 private:
  explicit Unprivileged(Resources resources) : resources_(std::move(resources)) {}
  template <class Open>
  friend Unprivileged<std::invoke_result_t<Open&>> open_then_drop(Open&& open);

  Resources resources_;
};

template <class Open>
Unprivileged<std::invoke_result_t<Open&>> open_then_drop(Open&& open) {
  auto resources = open();
  drop_all_capabilities();
  return Unprivileged<std::invoke_result_t<Open&>>(std::move(resources));
}

}  // namespace netdiag
