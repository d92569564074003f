// Privilege handling: open what needs CAP_NET_RAW first, then drop every capability. Engines
// and run functions take an Unprivileged<...>, and the only way to make one is
// open_then_drop(), so the order cannot be skipped.
//
// The tools are capability-aware: a binary granted `setcap cap_net_raw+p` (permitted, no
// effective bit, as iputils ping is) raises the capability itself. Without the effective bit the
// kernel still runs the file when the bounding set lacks CAP_NET_RAW (`docker run --cap-drop
// NET_RAW`), where a +ep file fails with EPERM (security/commoncap.c, bprm_caps_from_vfs_caps).
#pragma once

#include <string>
#include <type_traits>
#include <utility>

namespace netdiag {

// Clears the effective, permitted, inheritable and ambient capability sets, drops the bounding
// set when CAP_SETPCAP allows it, and sets no_new_privs. Throws std::system_error on failure.
void drop_all_capabilities();

// Makes every permitted capability effective. Throws std::system_error on failure.
void raise_permitted_capabilities();

// The running binary's path (from /proc/self/exe).
std::string executable_path();

// How to give this program CAP_NET_RAW, for error messages: "grant it with 'setcap cap_net_raw+p
// PATH' (or run as root)"; when CAP_NET_RAW is outside the bounding set (a container started
// without it) no file capability or root can help, and the hint says to add it to the container.
std::string net_raw_grant_hint();

template <class Resources>
class Unprivileged;

// Raises the permitted capabilities, calls `open` (which may use them), drops every capability,
// and returns the opened resources.
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
  raise_permitted_capabilities();
  auto resources = open();
  drop_all_capabilities();
  return Unprivileged<std::invoke_result_t<Open&>>(std::move(resources));
}

}  // namespace netdiag
