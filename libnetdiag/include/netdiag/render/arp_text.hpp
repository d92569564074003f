// Human output of nd-arp. ping, dad and announce speak iputils arping's words, with the time in
// microseconds and, in brackets, how the request that was answered went (the first request is
// a broadcast; later ones go to the MAC that answered, unless -b):
//    ARPING 198.18.5.11 from 198.18.5.1 c0
//    Unicast reply from 198.18.5.11 [02:00:c6:12:05:0b]  0.062 ms [BROADCAST]
//    Unicast reply from 198.18.5.11 [02:00:c6:12:05:0b]  0.048 ms [UNICAST]
//    Sent 2 probes (1 broadcast(s))
//    Received 2 response(s)
//    rtt min/avg/max/mdev = 0.048/0.055/0.062/0.007 ms
// scan lists each answer as it comes, arp-scan-like, then the conflicts:
//    198.18.5.30     02:00:c6:12:05:1e     0.090 ms  (Unknown: locally administered)
//    198.18.5.30     02:00:c6:12:06:1e     0.102 ms  (Unknown: locally administered)  (DUP: 2)
// Any address answered by more than one MAC, in any mode, ends in a CONFLICT line.
#pragma once

#include <cstdio>
#include <string>

#include "netdiag/model/arp_report.hpp"

namespace netdiag {

struct ArpTextOptions {
  bool quiet = false;  // -q: nothing at all, as arping
  bool color = false;
};

class ArpTextRenderer {
 public:
  ArpTextRenderer(std::FILE* out, ArpTextOptions options) : out_(out), options_(options) {}

  void header(const ArpReport& report);
  void answer(const ArpReport& report, const ArpAnswer& answer);
  void summary(const ArpReport& report);

 private:
  std::FILE* out_;
  ArpTextOptions options_;
};

// "Cisco Systems, Inc", "(Unknown: locally administered)" or "(Unknown)", as arp-scan says it.
std::string vendor_text(const ArpReport& report, const wire::MacAddress& mac);

}  // namespace netdiag
