#include "netdiag/render/ping_text.hpp"

#include <fmt/format.h>

#include <cstring>
#include <type_traits>

#include "netdiag/wire/icmp.hpp"
#include "netdiag/wire/icmpv6.hpp"
#include "colors.hpp"
#include "units.hpp"

namespace netdiag {
namespace {

using render_detail::kRed;
using render_detail::kYellow;
using render_detail::kReset;
using render_detail::ms_text;

constexpr std::size_t kIcmpHeaderBytes = 8;
constexpr std::size_t kIpv4HeaderBytes = 20;

std::string_view error_text(int error) {
  // strerror() is not thread-safe in general; these tools print from one thread.
  return std::strerror(error);
}

}  // namespace

std::string describe_ping_error(Family family, const PingErrorRecord& error) {
  if (error.kind == PingErrorKind::local) {
    if (error.mtu) return fmt::format("local error: {}, mtu = {}", error_text(error.local_errno), error.mtu->value);
    return fmt::format("local error: {}", error_text(error.local_errno));
  }
  const std::string words(family == Family::ipv4 ? wire::describe_icmp(error.icmp_type, error.icmp_code)
                                                 : wire::describe_icmpv6(error.icmp_type, error.icmp_code));
  if (error.mtu) return fmt::format("{} (mtu = {})", words, error.mtu->value);
  return words;
}

void PingTextRenderer::line_prefix(WallTime when) {
  if (!options_.timestamps) return;
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
  fmt::print(out_, "[{}.{:06d}] ", micros / 1000000, micros % 1000000);
}

void PingTextRenderer::header(const PingReport& report) {
  const auto address = report.address.to_string();
  if (report.address.family() == Family::ipv4) {
    fmt::print(out_, "PING {} ({}) {}({}) bytes of data.\n", report.target, address, report.payload_bytes,
               report.payload_bytes + kIcmpHeaderBytes + kIpv4HeaderBytes);
  } else {
    fmt::print(out_, "PING {} ({}) {} data bytes\n", report.target, address, report.payload_bytes);
  }
  std::fflush(out_);
}

void PingTextRenderer::event(const PingReport& report, const PingEvent& event) {
  if (options_.quiet) return;
  std::visit(
      [&](const auto& e) {
        using Event = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<Event, PingSentEvent>) {
          if (options_.flood) fmt::print(out_, ".");
        } else if constexpr (std::is_same_v<Event, PingReplyRecord>) {
          if (options_.flood) {
            if (!e.duplicate) fmt::print(out_, "\b \b");
            return;
          }
          line_prefix(e.received_at);
          const auto from = e.from.to_string();
          const bool named = !options_.numeric && e.from == report.address && report.target != from;
          fmt::print(out_, "{} bytes from {}: icmp_seq={}", e.icmp_bytes,
                     named ? fmt::format("{} ({})", report.target, from) : from, e.probe_number + 1);
          if (e.ttl) fmt::print(out_, " ttl={}", e.ttl->value);
          fmt::print(out_, " time={} ms", ms_text(e.rtt));
          if (e.duplicate) {
            fmt::print(out_, " {}(DUP!){}", options_.color ? kYellow : "", options_.color ? kReset : "");
          }
          if (!e.payload_intact) fmt::print(out_, " (wrong data)");
          fmt::print(out_, "\n");
        } else if constexpr (std::is_same_v<Event, PingErrorRecord>) {
          if (options_.flood) {
            fmt::print(out_, "\bE");
            return;
          }
          line_prefix(e.received_at);
          const auto words = describe_ping_error(report.address.family(), e);
          const char* on = options_.color ? kRed : "";
          const char* off = options_.color ? kReset : "";
          if (e.kind == PingErrorKind::icmp) {
            fmt::print(out_, "From {} icmp_seq={} {}{}{}\n", e.from.to_string(), e.probe_number + 1, on, words, off);
          } else {
            fmt::print(out_, "icmp_seq={} {}{}{}\n", e.probe_number + 1, on, words, off);
          }
        } else {
          fmt::print(out_, "no answer yet for icmp_seq={}\n", e.probe_number + 1);
        }
      },
      event);
  flush();
}

void PingTextRenderer::flush() {
  // A flood's dots and backspaces would cost a write() each, as many as the probes themselves;
  // 50 refreshes a second look the same on a terminal and leave the syscalls to the probing.
  if (options_.flood) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_flush_ < std::chrono::milliseconds(20)) return;
    last_flush_ = now;
  }
  std::fflush(out_);
}

void PingTextRenderer::summary(const PingReport& report) {
  if (options_.flood && !options_.quiet) fmt::print(out_, "\n");
  fmt::print(out_, "--- {} ping statistics ---\n", report.target);
  fmt::print(out_, "{} packets transmitted, {} received", report.transmitted, report.received);
  if (report.duplicates > 0) fmt::print(out_, ", +{} duplicates", report.duplicates);
  if (report.corrupted > 0) fmt::print(out_, ", +{} corrupted", report.corrupted);
  if (report.error_count > 0) fmt::print(out_, ", +{} errors", report.error_count);
  const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(report.elapsed).count();
  fmt::print(out_, ", {:g}% packet loss, time {}ms\n", report.packet_loss_percent, elapsed_ms);
  if (report.rtt) {
    fmt::print(out_, "rtt min/avg/max/mdev = {}/{}/{}/{} ms\n", ms_text(report.rtt->min), ms_text(report.rtt->avg),
               ms_text(report.rtt->max), ms_text(report.rtt->stddev));
  }
  std::fflush(out_);
}

}  // namespace netdiag
