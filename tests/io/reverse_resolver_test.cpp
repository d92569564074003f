// ReverseResolver with a scripted lookup: requests return at once, each address is looked up
// once, finished lookups wake the notify descriptor, and a hung lookup never holds anyone up.
#include <doctest/doctest.h>

#include <poll.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "netdiag/io/reverse_resolver.hpp"

using namespace netdiag;
using namespace std::chrono_literals;

namespace {

// A lookup that blocks until released, and counts its calls.
struct Gate {
  std::mutex mutex;
  std::condition_variable opened;
  bool open = false;
  std::atomic<int> calls{0};

  void release() {
    const std::lock_guard lock(mutex);
    open = true;
    opened.notify_all();
  }
  std::optional<std::string> lookup(const IpAddress& address) {
    ++calls;
    std::unique_lock lock(mutex);
    opened.wait(lock, [&] { return open; });
    if (address == *IpAddress::parse("198.18.1.1")) return "r1.lab";
    return std::nullopt;
  }
};

bool readable(int fd, int timeout_ms) {
  pollfd entry{fd, POLLIN, 0};
  return ::poll(&entry, 1, timeout_ms) == 1;
}

}  // namespace

TEST_CASE("requests return while lookups run; each address once; the descriptor says when they finish") {
  auto gate = std::make_shared<Gate>();
  ReverseResolver resolver([gate](const IpAddress& address) { return gate->lookup(address); });
  resolver.request(*IpAddress::parse("198.18.1.1"));
  resolver.request(*IpAddress::parse("198.18.2.1"));
  resolver.request(*IpAddress::parse("198.18.1.1"));  // asked before: not again
  // Both lookups are blocked, yet the requests returned.
  CHECK_FALSE(readable(resolver.notify_fd(), 0));
  CHECK(resolver.take_finished().empty());
  CHECK_FALSE(resolver.wait_idle(10ms));
  gate->release();
  CHECK(resolver.wait_idle(5s));
  CHECK(readable(resolver.notify_fd(), 0));
  std::map<IpAddress, std::optional<std::string>> names;
  for (auto& [address, name] : resolver.take_finished()) names[address] = name;
  CHECK(names.size() == 2);
  CHECK(names[*IpAddress::parse("198.18.1.1")] == "r1.lab");
  CHECK_FALSE(names[*IpAddress::parse("198.18.2.1")]);
  CHECK(gate->calls == 2);
  CHECK_FALSE(readable(resolver.notify_fd(), 0));  // taken
}

TEST_CASE("a hung lookup does not hold up the resolver's end") {
  auto gate = std::make_shared<Gate>();
  {
    ReverseResolver resolver([gate](const IpAddress& address) { return gate->lookup(address); });
    resolver.request(*IpAddress::parse("198.18.3.1"));
    for (int i = 0; i < 500 && gate->calls == 0; ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(gate->calls == 1);
    CHECK_FALSE(resolver.wait_idle(20ms));
  }  // destroyed with the lookup still blocked
  gate->release();  // the worker finishes on its own and drops the answer
}
