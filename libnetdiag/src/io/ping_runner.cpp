#include "netdiag/io/ping_runner.hpp"

#include <csignal>
#include <memory>
#include <system_error>

#include "asio.hpp"
#include "engine_driver.hpp"

namespace netdiag {
namespace {

namespace asio = boost::asio;
using io_detail::EngineDriver;

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

// One target's run: its report, engine and driver.
struct Session {
  Session(asio::io_context& io, IcmpSocket& socket, const PingTarget& target, const PingConfig& config,
          const PingRunCallbacks& callbacks, std::function<void()> on_done)
      : transport(socket, target.address),
        engine(config, transport, socket.identifier(), report,
               [this, &callbacks](const PingEvent& event) {
                 if (callbacks.on_event) callbacks.on_event(report, event);
               }),
        driver(io, engine, socket, [this, &callbacks, on_done = std::move(on_done)] {
          if (callbacks.on_finished) callbacks.on_finished(report);
          on_done();
        }) {
    report.target = target.name;
    report.address = target.address;
    report.socket = socket.kind();
  }

  PingReport report;
  SocketTransport transport;
  PingEngine engine;
  EngineDriver<PingEngine, IcmpSocket> driver;
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
  std::vector<EngineDriver<PingEngine, IcmpSocket>*> drivers;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    sessions.push_back(std::make_unique<Session>(io, sockets.get()[i], targets[i], config, callbacks, [&] {
      if (--running == 0) signals.cancel();
    }));
    drivers.push_back(&sessions.back()->driver);
  }
  io_detail::run_until_done(io, drivers, signals);

  std::vector<PingReport> reports;
  reports.reserve(sessions.size());
  for (auto& session : sessions) reports.push_back(std::move(session->report));
  return reports;
}

}  // namespace netdiag
