// Human output of nd-tcp. Ping mode (one endpoint, repeated), a line per attempt and ping's
// closing statistics:
//    ND-TCP 198.18.1.2 (198.18.1.2) port 80
//    198.18.1.2 port 80: open, SYN-ACK, seq=1 time=0.215 ms (mss 1460, wscale 7/7, sack, timestamps)
//    --- 198.18.1.2 port 80 nd-tcp statistics ---
//    1 attempts, 1 open, 0% not open, time 0ms
//    handshake min/avg/max/mdev = 0.215/0.215/0.215/0.000 ms
// Scan mode, a table per target once the scan ends, nmap-like (more than kCollapseAbove ports of
// one state and reason are counted, not listed, unless --all):
//    PORT      STATE     REASON                 TIME       DETAIL
//    22/tcp    open      syn-ack                0.210 ms   mss 1460, wscale 7/7, sack, timestamps
//    Not shown: 997 closed (reset)
// --explain adds each attempt's timeline and one sentence that explains its verdict.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

#include "netdiag/model/tcp_report.hpp"

namespace netdiag {

struct TcpTextOptions {
  bool quiet = false;    // -q: only the summary
  bool explain = false;  // --explain
  bool all = false;      // --all: list every port of a scan
  bool color = false;
};

inline constexpr std::size_t kCollapseAbove = 25;

class TcpTextRenderer {
 public:
  TcpTextRenderer(std::FILE* out, TcpTextOptions options) : out_(out), options_(options) {}

  void header(const TcpReport& report);
  // Ping mode prints each attempt as it ends; scan mode waits for the summary.
  void attempt(const TcpReport& report, const TcpAttempt& attempt);
  void summary(const TcpReport& report);

 private:
  void explain_lines(const TcpReport& report, const TcpAttempt& attempt);
  void scan_table(const TcpReport& report, std::size_t target);
  std::FILE* out_;
  TcpTextOptions options_;
};

}  // namespace netdiag
