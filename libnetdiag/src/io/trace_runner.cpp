#include "netdiag/io/trace_runner.hpp"

#include <unistd.h>

#include <csignal>
#include <functional>
#include <optional>

#include "asio.hpp"
#include "engine_driver.hpp"

namespace netdiag {
namespace {

// UDP and TCP probe sockets take the request as it is.
template <class Socket>
class ProbeSocketTransport final : public TraceTransport {
 public:
  explicit ProbeSocketTransport(Socket& socket) : socket_(socket) {}
  std::expected<WallTime, SendFailure> send_probe(const TraceProbeRequest& probe) override {
    return socket_.send_probe(probe.probe_id, probe.ttl, probe.packet_bytes);
  }

 private:
  Socket& socket_;
};

class IcmpTransport final : public TraceTransport {
 public:
  IcmpTransport(IcmpSocket& socket, IpAddress target) : socket_(socket), target_(target) {}
  std::expected<WallTime, SendFailure> send_probe(const TraceProbeRequest& probe) override {
    socket_.set_ttl(probe.ttl);
    // An echo request's data fills the packet after the IP and the 8-byte ICMP header.
    const std::size_t headers = ip_header_bytes(target_.family()) + 8;
    const std::size_t data = probe.packet_bytes > headers ? probe.packet_bytes - headers : 0;
    if (payload_.size() < data) payload_.resize(data);
    return socket_.send_echo(target_, Sequence{probe.probe_id}, std::span(payload_).first(data));
  }

 private:
  IcmpSocket& socket_;
  IpAddress target_;
  std::vector<std::byte> payload_;
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
  std::optional<boost::asio::posix::stream_descriptor> wake;
  std::function<void()> wait_wake = [&] {
    wake->async_wait(boost::asio::posix::descriptor_base::wait_read, [&](const boost::system::error_code& error) {
      if (error) return;
      callbacks.on_wake(report);
      wait_wake();
    });
  };
  if (callbacks.wake_fd >= 0 && callbacks.on_wake) {
    wake.emplace(io, ::dup(callbacks.wake_fd));
    wait_wake();
  }
  io_detail::EngineDriver<TraceEngine, Socket> driver(io, engine, socket, [&] {
    signals.cancel();
    if (wake) wake->cancel();
  });
  io_detail::run_until_done(io, std::vector{&driver}, signals);
  return report;
}

}  // namespace

TraceReport run_trace(Unprivileged<UdpProbeSocket>& socket, const std::string& target_name, const IpAddress& target,
                      const TraceConfig& config, const TraceRunCallbacks& callbacks) {
  ProbeSocketTransport<UdpProbeSocket> transport(socket.get());
  return drive(socket.get(), transport, target_name, target, config, callbacks);
}

TraceReport run_trace(Unprivileged<IcmpSocket>& socket, const std::string& target_name, const IpAddress& target,
                      const TraceConfig& config, const TraceRunCallbacks& callbacks) {
  IcmpTransport transport(socket.get(), target);
  TraceConfig icmp = config;
  icmp.method = TraceMethod::icmp;
  return drive(socket.get(), transport, target_name, target, icmp, callbacks);
}

TraceReport run_trace(Unprivileged<TcpProbeSocket>& socket, const std::string& target_name, const IpAddress& target,
                      const TraceConfig& config, const TraceRunCallbacks& callbacks) {
  ProbeSocketTransport<TcpProbeSocket> transport(socket.get());
  TraceConfig tcp = config;
  tcp.method = TraceMethod::tcp;
  return drive(socket.get(), transport, target_name, target, tcp, callbacks);
}

}  // namespace netdiag
