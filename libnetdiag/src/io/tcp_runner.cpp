#include "netdiag/io/tcp_runner.hpp"

#include <csignal>
#include <utility>

#include "asio.hpp"
#include "engine_driver.hpp"

namespace netdiag {

TcpReport run_tcp(Unprivileged<TcpConnector>& connector, TcpReport report, std::vector<TcpEndpoint> endpoints,
                  const TcpConfig& config, const TcpRunCallbacks& callbacks) {
  boost::asio::io_context io;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  TcpEngine engine(config, std::move(endpoints), connector.get(), report, [&](const TcpAttempt& attempt) {
    if (callbacks.on_attempt) callbacks.on_attempt(report, attempt);
  });
  io_detail::EngineDriver<TcpEngine, TcpConnector> driver(io, engine, connector.get(), [&] { signals.cancel(); });
  io_detail::run_until_done(io, std::vector{&driver}, signals);
  return report;
}

}  // namespace netdiag
