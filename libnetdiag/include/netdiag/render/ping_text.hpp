// Human output of a ping run, in the shape iputils ping users know.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "netdiag/model/ping_report.hpp"

namespace netdiag {

struct PingTextOptions {
  bool quiet = false;       // -q: header and summary only
  bool timestamps = false;  // -D: [seconds.micros] before each line
  bool flood = false;       // -f: a dot per probe, a backspace per reply
  bool color = false;       // --color: errors red, duplicates yellow
  bool numeric = false;     // -n: addresses only, never the target's name
};

// What an ICMP error or local error means, in ping's words, e.g.
// "Destination Host Unreachable", "Frag needed and DF set (mtu = 1400)",
// "local error: Message too long, mtu = 1400".
std::string describe_ping_error(Family family, const PingErrorRecord& error);

class PingTextRenderer {
 public:
  PingTextRenderer(std::FILE* out, PingTextOptions options) : out_(out), options_(options) {}

  // "PING name (address) 56(84) bytes of data."
  void header(const PingReport& report);
  // One line per reply, error or -O notice (nothing for a plain "sent", except in flood mode).
  void event(const PingReport& report, const PingEvent& event);
  // "--- target ping statistics ---", the counts line and the rtt line.
  void summary(const PingReport& report);

 private:
  void line_prefix(WallTime when);
  void flush();
  std::FILE* out_;
  PingTextOptions options_;
  std::chrono::steady_clock::time_point last_flush_{};
};

}  // namespace netdiag
