// nd-trace's option table: traceroute's flags and meanings.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "support/command_line.hpp"
#include "trace/options.hpp"

using namespace netdiag;
using namespace netdiag::tools;
using namespace std::chrono_literals;

namespace {

TraceCommand parse(std::initializer_list<const char*> words) {
  return test::parse_words(parse_trace_options, "nd-trace", words);
}

std::string usage_error(std::initializer_list<const char*> words) {
  return test::usage_error_of(parse_trace_options, "nd-trace", words);
}

}  // namespace

TEST_CASE("defaults are traceroute's") {
  const auto o = *parse({"198.18.2.2"}).options;
  CHECK(o.target == "198.18.2.2");
  CHECK(o.engine.first_ttl == Ttl{1});
  CHECK(o.engine.max_ttl == Ttl{30});
  CHECK(o.engine.probes_per_hop == 3);
  CHECK(o.engine.max_in_flight == 16);
  CHECK(o.engine.waits.max == 5s);
  CHECK(o.probe.port == Port{33434});
  CHECK_FALSE(o.packet_length);
  CHECK_FALSE(o.numeric);
  CHECK_FALSE(o.extensions);
  CHECK(parse({"-e", "x"}).options->extensions);
}

TEST_CASE("traceroute flags and the packet length operand") {
  const auto o = *parse({"-f", "2", "-m", "12", "-q", "1", "-N", "4", "-w", "2,1.5,4", "-p", "5000", "-F", "-n",
                         "--max-unknown", "7", "host", "1400"})
                      .options;
  CHECK(o.engine.first_ttl == Ttl{2});
  CHECK(o.engine.max_ttl == Ttl{12});
  CHECK(o.engine.probes_per_hop == 1);
  CHECK(o.engine.max_in_flight == 4);
  CHECK(o.engine.waits.max == 2s);
  CHECK(o.engine.waits.here == 1.5);
  CHECK(o.engine.waits.near == 4.0);
  CHECK(o.engine.max_unknown == 7);
  CHECK(o.probe.port == Port{5000});
  CHECK(o.probe.dont_fragment);
  CHECK(o.packet_length == 1400U);
  CHECK(o.numeric);
}

TEST_CASE("-I picks ICMP echo probes, -T TCP SYNs to port 80, -U UDP; one of them") {
  CHECK(parse({"x"}).options->engine.method == TraceMethod::udp);
  CHECK(parse({"-I", "x"}).options->engine.method == TraceMethod::icmp);
  const auto tcp = *parse({"-T", "x"}).options;
  CHECK(tcp.engine.method == TraceMethod::tcp);
  CHECK(tcp.probe.port == Port{80});
  CHECK(parse({"-T", "-p", "443", "x"}).options->probe.port == Port{443});
  CHECK(usage_error({"-I", "-U", "x"}) == "-U, -I and -T exclude each other; give one method");
  CHECK(usage_error({"-T", "-I", "x"}) == "-U, -I and -T exclude each other; give one method");
}

TEST_CASE("--mtu discovers the path MTU with DF probes; the packet length says where to start") {
  CHECK_FALSE(parse({"x"}).options->engine.discover_mtu);
  const auto o = *parse({"--mtu", "x"}).options;
  CHECK(o.engine.discover_mtu);
  CHECK(o.probe.dont_fragment);
  CHECK(parse({"--mtu", "x", "9000"}).options->packet_length == 9000U);
  CHECK(usage_error({"--mtu", "-T", "x"}) == "--mtu takes UDP or ICMP probes, not -T; drop one of them");
  CHECK(usage_error({"--mtu", "x", "65536"}) == "packetlen 65536: give a size from 0 to 65535 bytes");
}

TEST_CASE("--classic: a port per probe, for UDP probes only") {
  CHECK_FALSE(parse({"x"}).options->probe.classic);
  CHECK(parse({"--classic", "x"}).options->probe.classic);
  CHECK(usage_error({"--classic", "-I", "x"}) ==
        "--classic changes the UDP port per probe; it takes UDP probes, not -I or -T");
}

TEST_CASE("bad input gets one line that says what to do") {
  CHECK(usage_error({"-m", "0", "x"}) == "-m 0: give a TTL from 1 to 255");
  CHECK(usage_error({"-f", "9", "-m", "5", "x"}) == "-f 9: give a first TTL from 1 to the maximum (5)");
  CHECK(usage_error({"-q", "0", "x"}) == "-q 0: give 1 to 10 probes per hop");
  CHECK(usage_error({"-w", "abc", "x"}).find("MAX[,HERE,NEAR]") != std::string::npos);
  CHECK(usage_error({"-w", "0", "x"}).find("MAX above 0") != std::string::npos);
  CHECK(usage_error({"-p", "70000", "x"}) == "-p 70000: give a port from 1 to 65535");
  CHECK(usage_error({"-s", "nowhere", "x"}) == "-s nowhere: give an IPv4 or IPv6 address");
  CHECK(usage_error({}).find("nd-trace --help") != std::string::npos);
  CHECK(usage_error({"--json", "--ndjson", "x"}).find("exclude") != std::string::npos);
}
