#include "netdiag/io/ping_runner.hpp"

#include <unistd.h>

#include <csignal>
#include <memory>
#include <system_error>

#include "asio.hpp"

namespace netdiag {
namespace {

namespace asio = boost::asio;

MonoTime mono_now() { return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now()); }

constexpr int kStepsPerWakeup = 64;

WallTime wall_now() { return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()); }

class SocketTransport final : public EchoTransport {
 public:
  SocketTransport(IcmpSocket& socket, IpAddress target) : socket_(socket), target_(target) {}
  std::expected<WallTime, SendFailure> send_echo(Sequence sequence, std::span<const std::byte> payload) override {
    return socket_.send_echo(target_, sequence, payload);
  }

 private:
  IcmpSocket& socket_;
  IpAddress target_;
};

// One target's run: its engine, socket readiness and timer.
class Session {
 public:
  Session(asio::io_context& io, IcmpSocket& socket, const PingTarget& target, const PingConfig& config,
          const PingRunCallbacks& callbacks, std::function<void()> on_done)
      : socket_(socket),
        transport_(socket, target.address),
        descriptor_(io, ::dup(socket.native_handle())),
        timer_(io),
        callbacks_(callbacks),
        on_done_(std::move(on_done)),
        engine_(config, transport_, socket.identifier(), report_,
                [this](const PingEvent& event) {
                  if (callbacks_.on_event) callbacks_.on_event(report_, event);
                }) {
    report_.target = target.name;
    report_.address = target.address;
    report_.socket = socket.kind();
  }

  void start() {
    engine_.start(mono_now(), wall_now());
    wait_readable();
    after_step();
  }

  void interrupt() {
    engine_.interrupt(mono_now());
    after_step();
  }

  PingReport& report() { return report_; }

 private:
  void wait_readable() {
    descriptor_.async_wait(asio::posix::descriptor_base::wait_read, [this](const boost::system::error_code& error) {
      if (error || engine_.done()) return;
      replies_.clear();
      socket_.receive_pending(replies_);
      const MonoTime now = mono_now();
      for (const auto& reply : replies_) engine_.on_reply(reply, now);
      after_step();
      if (!engine_.done()) wait_readable();
    });
  }

  void after_step() {
    // Work that is already due runs now, without a round trip through the timer. Each step is
    // at most one due probe and one speculative read: on a fast path (loopback, a LAN) the reply
    // is often queued by the time sendto() returns, so a flood costs two syscalls per probe, as
    // ping's blocking recvmsg(), and `-i 0` reads as fast as it sends. A budget of steps makes
    // every run return to the event loop now and then, where SIGINT and other targets are served.
    for (int budget = kStepsPerWakeup; !engine_.done(); --budget) {
      if (budget == 0) {
        // A posted handler reaches the event loop without re-arming the timer, which costs a
        // timerfd_settime() (~10 us and more on a VM) each time.
        asio::post(timer_.get_executor(), [this] { after_step(); });
        return;
      }
      const MonoTime now = mono_now();
      const bool due = engine_.next_deadline() <= now;
      if (due) engine_.on_timer(now);
      if (engine_.done()) break;
      replies_.clear();
      socket_.receive_pending(replies_, IcmpSocket::ReadMode::one_if_ready);
      for (const auto& reply : replies_) engine_.on_reply(reply, now);
      if (!due && replies_.empty()) break;
    }
    if (engine_.done()) {
      if (finished_) return;
      finished_ = true;
      timer_.cancel();
      descriptor_.cancel();
      if (callbacks_.on_finished) callbacks_.on_finished(report_);
      on_done_();
      return;
    }
    // Re-arming the timer costs a timerfd_settime() (~10 us on a VM, the largest cost per probe
    // in a flood); a wakeup already set for earlier will do, since on_timer() only acts on what
    // is due and then re-arms for the rest.
    const MonoTime next = engine_.next_deadline();
    if (timer_armed_ && armed_for_ <= next) return;
    timer_armed_ = true;
    armed_for_ = next;
    timer_.expires_at(next);
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (error == asio::error::operation_aborted) return;
      timer_armed_ = false;
      if (error) return;
      engine_.on_timer(mono_now());
      after_step();
    });
  }

  IcmpSocket& socket_;
  SocketTransport transport_;
  asio::posix::stream_descriptor descriptor_;
  asio::steady_timer timer_;
  const PingRunCallbacks& callbacks_;
  std::function<void()> on_done_;
  PingReport report_;
  PingEngine engine_;
  std::vector<Reply> replies_;
  MonoTime armed_for_{};
  bool timer_armed_ = false;
  bool finished_ = false;
};

}  // namespace

std::vector<PingReport> run_ping(Unprivileged<std::vector<IcmpSocket>>& sockets, std::span<const PingTarget> targets,
                                 const PingConfig& config, const PingRunCallbacks& callbacks) {
  if (sockets.get().size() != targets.size())
    throw std::system_error(std::make_error_code(std::errc::invalid_argument), "one socket per target");
  asio::io_context io;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  std::size_t running = targets.size();
  std::vector<std::unique_ptr<Session>> sessions;
  sessions.reserve(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    sessions.push_back(std::make_unique<Session>(io, sockets.get()[i], targets[i], config, callbacks, [&] {
      if (--running == 0) signals.cancel();
    }));
  }
  signals.async_wait([&](const boost::system::error_code& error, int) {
    if (error) return;
    for (auto& session : sessions) session->interrupt();
  });
  for (auto& session : sessions) session->start();
  io.run();

  std::vector<PingReport> reports;
  reports.reserve(sessions.size());
  for (auto& session : sessions) reports.push_back(std::move(session->report()));
  return reports;
}

}  // namespace netdiag
