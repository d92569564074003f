// Reverse name lookups that never hold up probing: getnameinfo() (so /etc/hosts, nsswitch and
// the system resolver all apply, as traceroute's names do) runs on a few worker threads; each
// finished lookup is queued and an eventfd becomes readable, which the caller's event loop
// watches. Each address is looked up once.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "netdiag/core/address.hpp"

namespace netdiag {

class ReverseResolver {
 public:
  // The name of an address, or empty when it has none. Runs on a worker thread.
  using Lookup = std::function<std::optional<std::string>(const IpAddress&)>;

  // `lookup` defaults to getnameinfo(NI_NAMEREQD).
  explicit ReverseResolver(Lookup lookup = {}, unsigned max_threads = 4);
  // Lookups still running cannot be cancelled (getnameinfo() has no timeout of its own): their
  // threads are left to finish on their own and their answers are dropped.
  ~ReverseResolver();
  ReverseResolver(const ReverseResolver&) = delete;
  ReverseResolver& operator=(const ReverseResolver&) = delete;

  // Starts a lookup of `address` unless one was started before.
  void request(const IpAddress& address);
  // Readable while finished lookups wait to be taken.
  int notify_fd() const;
  // The lookups finished since the last call: the address and its name (empty: none).
  std::vector<std::pair<IpAddress, std::optional<std::string>>> take_finished();
  // Waits until every lookup asked for has finished, or `limit` passed; whether all did.
  bool wait_idle(std::chrono::milliseconds limit);

 private:
  struct State;
  static void work(const std::shared_ptr<State>& state);
  std::shared_ptr<State> state_;
  unsigned max_threads_ = 4;
};

}  // namespace netdiag
