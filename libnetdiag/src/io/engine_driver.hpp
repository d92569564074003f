// Private to io/: drives one pure engine (PingEngine, TraceEngine, TcpEngine) on Boost.Asio — its socket's
// readiness, its timer, and due work run straight away — so every tool's run loop is this one.
//
// Engine: start(MonoTime, WallTime), on_timer(MonoTime), on_reply(const Reply&, MonoTime),
//         interrupt(MonoTime), next_deadline(), done().
// Socket: native_handle(), receive_pending(std::vector<Received>&, Socket::ReadMode) with ReadMode
//         drain and one_if_ready, where Received is Socket::Received when it names one, else
//         Reply.
#pragma once

#include <unistd.h>

#include <chrono>
#include <functional>
#include <vector>

#include "asio.hpp"
#include "netdiag/core/reply.hpp"
#include "netdiag/core/time.hpp"
#include "socket_util.hpp"

namespace netdiag::io_detail {

template <class Socket>
struct ReceivedBy {
  using type = Reply;
};
template <class Socket>
  requires requires { typename Socket::Received; }
struct ReceivedBy<Socket> {
  using type = typename Socket::Received;
};

template <class Engine, class Socket>
class EngineDriver {
 public:
  // `on_done` runs once, when the engine is done.
  EngineDriver(boost::asio::io_context& io, Engine& engine, Socket& socket, std::function<void()> on_done)
      : engine_(engine),
        socket_(socket),
        descriptor_(io, ::dup(socket.native_handle())),
        timer_(io),
        on_done_(std::move(on_done)) {}

  void start() {
    engine_.start(mono_now(), wall_now());
    wait_readable();
    after_step();
  }

  void interrupt() {
    engine_.interrupt(mono_now());
    after_step();
  }

 private:
  // A budget of steps per wakeup: even a flood on loopback or `-i 0` returns to the event loop
  // now and then, where SIGINT and the other runs are served.
  static constexpr int kStepsPerWakeup = 64;

  void wait_readable() {
    descriptor_.async_wait(boost::asio::posix::descriptor_base::wait_read,
                           [this](const boost::system::error_code& error) {
                             if (error || engine_.done()) return;
                             replies_.clear();
                             socket_.receive_pending(replies_, Socket::ReadMode::drain);
                             const MonoTime now = mono_now();
                             for (const auto& reply : replies_) engine_.on_reply(reply, now);
                             after_step();
                             if (!engine_.done()) wait_readable();
                           });
  }

  void after_step() {
    // Work that is already due runs now, without a round trip through the timer. Each step is
    // at most one due timer action and one speculative read: on a fast path (loopback, a LAN)
    // the answer is often queued by the time sendto() returns, so a ping flood costs two
    // syscalls per probe, as ping's blocking recvmsg(), and `-i 0` reads as fast as it sends.
    for (int budget = kStepsPerWakeup; !engine_.done(); --budget) {
      if (budget == 0) {
        // A posted handler reaches the event loop without re-arming the timer, which costs a
        // timerfd_settime() (~10 us and more on a VM) each time.
        boost::asio::post(timer_.get_executor(), [this] { after_step(); });
        return;
      }
      const MonoTime now = mono_now();
      const bool due = engine_.next_deadline() <= now;
      if (due) engine_.on_timer(now);
      if (engine_.done()) break;
      replies_.clear();
      socket_.receive_pending(replies_, Socket::ReadMode::one_if_ready);
      for (const auto& reply : replies_) engine_.on_reply(reply, now);
      if (!due && replies_.empty()) break;
    }
    if (engine_.done()) {
      if (finished_) return;
      finished_ = true;
      timer_.cancel();
      descriptor_.cancel();
      on_done_();
      return;
    }
    // Re-arming costs a timerfd_settime(); a wakeup already set for earlier will do, since the
    // engine only acts on what is due and the driver then re-arms for the rest.
    const MonoTime next = engine_.next_deadline();
    if (timer_armed_ && armed_for_ <= next) return;
    timer_armed_ = true;
    armed_for_ = next;
    timer_.expires_at(next);
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (error == boost::asio::error::operation_aborted) return;
      timer_armed_ = false;
      if (error) return;
      engine_.on_timer(mono_now());
      after_step();
    });
  }

  Engine& engine_;
  Socket& socket_;
  boost::asio::posix::stream_descriptor descriptor_;
  boost::asio::steady_timer timer_;
  std::function<void()> on_done_;
  std::vector<typename ReceivedBy<Socket>::type> replies_;
  MonoTime armed_for_{};
  bool timer_armed_ = false;
  bool finished_ = false;
};

// Starts every driver and runs the loop until all are done. SIGINT and SIGTERM interrupt every
// engine, so each report is complete; the drivers' on_done callbacks cancel `signals` when the
// last run ends, which lets io.run() return.
template <class Driver>
void run_until_done(boost::asio::io_context& io, std::vector<Driver*> drivers,
                    boost::asio::signal_set& signals) {
  signals.async_wait([&](const boost::system::error_code& error, int) {
    if (error) return;
    for (auto* driver : drivers) driver->interrupt();
  });
  for (auto* driver : drivers) driver->start();
  io.run();
}

}  // namespace netdiag::io_detail
