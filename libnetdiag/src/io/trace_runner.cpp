#include "netdiag/io/trace_runner.hpp"

#include <csignal>

#include "asio.hpp"
#include "engine_driver.hpp"

namespace netdiag {
namespace {

class UdpTransport final : public TraceTransport {
 public:
  explicit UdpTransport(UdpProbeSocket& socket) : socket_(socket) {}
  std::expected<WallTime, SendFailure> send_probe(const TraceProbeRequest& probe) override {
    return socket_.send_probe(probe.probe_id, probe.ttl);
  }

 private:
  UdpProbeSocket& socket_;
};

}  // namespace

TraceReport run_trace(Unprivileged<UdpProbeSocket>& socket, const std::string& target_name, const IpAddress& target,
                      const TraceConfig& config, const TraceRunCallbacks& callbacks) {
  boost::asio::io_context io;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  TraceReport report;
  report.target = target_name;
  report.address = target;
  UdpTransport transport(socket.get());
  TraceEngine engine(config, transport, socket.get().identifier(), report, [&](const ProbeResult& probe) {
    if (callbacks.on_probe) callbacks.on_probe(report, probe);
  });
  io_detail::EngineDriver<TraceEngine, UdpProbeSocket> driver(io, engine, socket.get(), [&] { signals.cancel(); });
  io_detail::run_until_done(io, std::vector{&driver}, signals);
  return report;
}

}  // namespace netdiag
