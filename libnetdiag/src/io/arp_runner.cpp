#include "netdiag/io/arp_runner.hpp"

#include <csignal>
#include <utility>

#include "asio.hpp"
#include "engine_driver.hpp"

namespace netdiag {

ArpReport run_arp(Unprivileged<ArpSocket>& socket, ArpReport report, const ArpConfig& config,
                  const ArpRunCallbacks& callbacks) {
  boost::asio::io_context io;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  ArpObserver observer;
  if (callbacks.on_answer) observer.on_answer = [&](const ArpAnswer& answer) { callbacks.on_answer(report, answer); };
  if (callbacks.on_sent) observer.on_sent = [&] { callbacks.on_sent(report); };
  ArpEngine engine(config, socket.get(), report, std::move(observer));
  io_detail::EngineDriver<ArpEngine, ArpSocket> driver(io, engine, socket.get(), [&] { signals.cancel(); });
  io_detail::run_until_done(io, std::vector{&driver}, signals);
  return report;
}

}  // namespace netdiag
