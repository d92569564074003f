#include "netdiag/io/reverse_resolver.hpp"

#include <netdb.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

#include "socket_util.hpp"

namespace netdiag {
namespace {

std::optional<std::string> name_of(const IpAddress& address) {
  sockaddr_storage storage{};
  const socklen_t size = io_detail::to_sockaddr(address, 0, storage);
  std::array<char, NI_MAXHOST> host{};
  // NI_NAMEREQD: no name is an error, not the address printed back.
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&storage), size, host.data(), host.size(),  // NOLINT
                    nullptr, 0, NI_NAMEREQD) != 0)
    return std::nullopt;
  return std::string(host.data());
}

}  // namespace

// Shared with the worker threads, which may outlive the resolver (see the destructor).
struct ReverseResolver::State {
  explicit State(Lookup function) : lookup(std::move(function)), event_fd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (event_fd < 0) io_detail::throw_errno(errno, "cannot create an eventfd for name lookups");
  }
  ~State() { ::close(event_fd); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  Lookup lookup;
  int event_fd;
  std::mutex mutex;
  std::condition_variable work;  // a queued address, or stopping
  std::condition_variable idle;  // a lookup finished
  std::deque<IpAddress> queue;
  std::set<IpAddress> requested;
  std::vector<std::pair<IpAddress, std::optional<std::string>>> finished;
  unsigned threads = 0;
  unsigned running = 0;
  bool stopping = false;
};

ReverseResolver::ReverseResolver(Lookup lookup, unsigned max_threads)
    : state_(std::make_shared<State>(lookup ? std::move(lookup) : Lookup(name_of))),
      max_threads_(std::max(max_threads, 1U)) {}

ReverseResolver::~ReverseResolver() {
  const std::lock_guard lock(state_->mutex);
  state_->stopping = true;
  state_->queue.clear();
  state_->work.notify_all();
}

void ReverseResolver::request(const IpAddress& address) {
  const std::lock_guard lock(state_->mutex);
  if (!state_->requested.insert(address).second) return;
  state_->queue.push_back(address);
  // A thread per lookup waiting, up to the limit; idle ones pick up the rest.
  if (state_->threads < max_threads_ && state_->threads < state_->queue.size() + state_->running) {
    try {
      std::thread(&ReverseResolver::work, state_).detach();
      ++state_->threads;
    } catch (const std::system_error&) {
      // No thread to be had (a pids limit): the threads there are will get to it; with none,
      // names stay unknown, and the trace goes on.
    }
  }
  state_->work.notify_one();
}

int ReverseResolver::notify_fd() const { return state_->event_fd; }

std::vector<std::pair<IpAddress, std::optional<std::string>>> ReverseResolver::take_finished() {
  std::uint64_t count = 0;
  while (::read(state_->event_fd, &count, sizeof count) > 0) {
  }
  const std::lock_guard lock(state_->mutex);
  return std::exchange(state_->finished, {});
}

bool ReverseResolver::wait_idle(std::chrono::milliseconds limit) {
  std::unique_lock lock(state_->mutex);
  return state_->idle.wait_for(lock, limit, [&] { return state_->queue.empty() && state_->running == 0; });
}

void ReverseResolver::work(const std::shared_ptr<State>& state) {
  std::unique_lock lock(state->mutex);
  for (;;) {
    state->work.wait(lock, [&] { return state->stopping || !state->queue.empty(); });
    if (state->stopping) break;
    const IpAddress address = state->queue.front();
    state->queue.pop_front();
    ++state->running;
    lock.unlock();
    auto name = state->lookup(address);
    lock.lock();
    --state->running;
    if (state->stopping) break;
    state->finished.emplace_back(address, std::move(name));
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(state->event_fd, &one, sizeof one);
    state->idle.notify_all();
  }
  --state->threads;
}

}  // namespace netdiag
