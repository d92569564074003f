// Human output of nd-dns, in the spirit of dig +trace but one query per step, each with where it
// went and what it meant (steps of a name-server lookup are indented by their depth):
//
//    nd-dns: www.plain.lab. A, iterative from 2 root servers (lab.hints)
//     1  .              a.root.lab. (198.18.53.10)           udp    0.165 ms  NOERROR        lab. A (qmin)
//          -> referral to lab. (2 NS, 4 glue)
//     …
//     3  plain.lab.     ns1.plain.lab. (198.18.53.40)        udp    0.128 ms  NOERROR aa     www.plain.lab. A
//          -> answer: 1 A
//
//    www.plain.lab.             3600  IN  A      198.18.53.80
//    ;; answer; 3 queries in 1.034 ms
//
// --records adds every step's records under it (answer, authority, additional); --short prints
// only the answer's data, one per line, as dig +short.
#pragma once

#include <cstdio>

#include "netdiag/model/dns_report.hpp"

namespace netdiag {

struct DnsTextOptions {
  bool records = false;  // --records
  bool short_form = false;  // --short
  bool quiet = false;    // -q: no steps, only the answer and the summary line
  bool color = false;
};

class DnsTextRenderer {
 public:
  DnsTextRenderer(std::FILE* out, DnsTextOptions options) : out_(out), options_(options) {}

  // The line before the first step: what is asked, and where resolution starts.
  void header(const wire::DnsQuestion& question, const std::string& start);
  // One step, as it happens.
  void step(const DnsStep& step, std::size_t number);
  // The answer (or why there is none) and the summary line.
  void summary(const DnsReport& report);

 private:
  std::FILE* out_;
  DnsTextOptions options_;
};

}  // namespace netdiag
