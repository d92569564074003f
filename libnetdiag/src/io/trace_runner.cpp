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

class IcmpTransport final : public TraceTransport {
 public:
  IcmpTransport(IcmpSocket& socket, IpAddress target, std::span<const std::byte> payload)
      : socket_(socket), target_(target), payload_(payload) {}
  std::expected<WallTime, SendFailure> send_probe(const TraceProbeRequest& probe) override {
    socket_.set_ttl(probe.ttl);
    return socket_.send_echo(target_, Sequence{probe.probe_id}, payload_);
  }

 private:
  IcmpSocket& socket_;
  IpAddress target_;
  std::span<const std::byte> payload_;
};

template <class Socket>
TraceReport drive(Socket& socket, TraceTransport& transport, const std::string& target_name, const IpAddress& target,
                  const TraceConfig& config, const TraceRunCallbacks& callbacks) {
  boost::asio::io_context io;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  TraceReport report;
  report.target = target_name;
  report.address = target;
  TraceEngine engine(config, transport, socket.identifier(), report, [&](const ProbeResult& probe) {
    if (callbacks.on_probe) callbacks.on_probe(report, probe);
  });
  io_detail::EngineDriver<TraceEngine, Socket> driver(io, engine, socket, [&] { signals.cancel(); });
  io_detail::run_until_done(io, std::vector{&driver}, signals);
  return report;
}

}  // namespace

TraceReport run_trace(Unprivileged<UdpProbeSocket>& socket, const std::string& target_name, const IpAddress& target,
                      const TraceConfig& config, const TraceRunCallbacks& callbacks) {
  UdpTransport transport(socket.get());
  return drive(socket.get(), transport, target_name, target, config, callbacks);
}

TraceReport run_trace(Unprivileged<IcmpSocket>& socket, const std::string& target_name, const IpAddress& target,
                      std::span<const std::byte> payload, const TraceConfig& config,
                      const TraceRunCallbacks& callbacks) {
  IcmpTransport transport(socket.get(), target, payload);
  TraceConfig icmp = config;
  icmp.method = TraceMethod::icmp;
  return drive(socket.get(), transport, target_name, target, icmp, callbacks);
}

}  // namespace netdiag
