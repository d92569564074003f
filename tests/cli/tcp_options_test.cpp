// nd-tcp's option table: HOST... PORTS, ping's flags, the scan's window.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "support/command_line.hpp"
#include "tcp/options.hpp"

using namespace netdiag;
using namespace netdiag::tools;
using namespace std::chrono_literals;

namespace {

TcpCommand parse_as_user(int argc, const char* const* argv) { return parse_tcp_options(argc, argv, false); }

TcpCommand parse(std::initializer_list<const char*> words) { return test::parse_words(parse_as_user, "nd-tcp", words); }

std::string usage_error(std::initializer_list<const char*> words) {
  return test::usage_error_of(parse_as_user, "nd-tcp", words);
}

std::vector<std::uint16_t> ports(const std::string& text) {
  std::vector<std::uint16_t> out;
  for (const Port port : parse_port_list(text)) out.push_back(port.value);
  return out;
}

}  // namespace

TEST_CASE("port lists: single ports and ranges, in order, each once") {
  CHECK(ports("22") == std::vector<std::uint16_t>{22});
  CHECK(ports("22,80,8000-8002") == std::vector<std::uint16_t>{22, 80, 8000, 8001, 8002});
  CHECK(ports("80,79-81,80") == std::vector<std::uint16_t>{80, 79, 81});
  CHECK(ports("65535") == std::vector<std::uint16_t>{65535});
  CHECK(ports("1-65535").size() == 65535);
  for (const char* bad : {"0", "65536", "90-80", "80-", "-80", "", "80,,81", "http", "1-2-3", "99999999999"})
    CHECK_THROWS_AS(parse_port_list(bad), UsageError);
}

TEST_CASE("one host and one port: ping mode, 4 attempts a second apart, the full -W") {
  const auto o = *parse({"198.18.2.2", "80"}).options;
  CHECK(o.ping_mode);
  CHECK(o.targets == std::vector<std::string>{"198.18.2.2"});
  CHECK(o.engine.count == 4);
  CHECK(o.engine.interval == 1s);
  CHECK(o.engine.timeout == 4s);
  CHECK_FALSE(o.engine.adaptive_wait);
  CHECK(o.engine.retries == 0);
  CHECK(o.format == TcpOutput::text);
}

TEST_CASE("many ports or hosts: a scan, once each, adaptive waits and one retry") {
  const auto o = *parse({"198.18.2.2", "198.18.2.3", "22,80"}).options;
  CHECK_FALSE(o.ping_mode);
  CHECK(o.targets.size() == 2);
  CHECK(o.ports.size() == 2);
  CHECK(o.engine.count == 1);
  CHECK(o.engine.adaptive_wait);
  CHECK(o.engine.retries == 1);
  CHECK(o.engine.parallel == 256);
  CHECK_FALSE(o.engine.spacing);
}

TEST_CASE("-p takes the ports; every operand is then a host") {
  const auto o = *parse({"-p", "443", "198.18.2.2", "198.18.2.3"}).options;
  CHECK(o.targets.size() == 2);
  CHECK(o.ports.size() == 1);
  CHECK_FALSE(o.ping_mode);
}

TEST_CASE("ping's flags and the scan's") {
  const auto o = *parse({"-c", "0", "-i", "0.2", "-W", "1.5", "-w", "10", "-6", "-q", "--ndjson", "--explain",
                         "-I", "c0", "198.18.2.2", "80"})
                      .options;
  CHECK(o.engine.count == 0);
  CHECK(o.engine.interval == 200ms);
  CHECK(o.engine.timeout == 1500ms);
  CHECK(o.engine.deadline == 10s);
  CHECK(o.family == Family::ipv6);
  CHECK(o.quiet);
  CHECK(o.explain);
  CHECK(o.format == TcpOutput::ndjson);
  CHECK(o.connector.interface == "c0");
  const auto scan = *parse({"--parallel", "1000", "--rate", "500", "--retries", "3", "-I", "198.18.1.2", "h", "1-9"})
                         .options;
  CHECK(scan.engine.parallel == 1000);
  CHECK(scan.engine.spacing == 2ms);
  CHECK(scan.engine.retries == 3);
  CHECK(scan.connector.source == IpAddress::parse("198.18.1.2"));
}

TEST_CASE("bad command lines: one line that says what to do") {
  CHECK(usage_error({}).find("give a host and the ports") != std::string::npos);
  CHECK(usage_error({"198.18.2.2"}).find("give the ports to test after the host") != std::string::npos);
  CHECK(usage_error({"198.18.2.2", "0"}).find("out of range") != std::string::npos);
  CHECK(usage_error({"198.18.2.2", "90-80"}).find("runs backwards") != std::string::npos);
  CHECK(usage_error({"-4", "-6", "h", "80"}).find("exclude each other") != std::string::npos);
  CHECK(usage_error({"--json", "--ndjson", "h", "80"}).find("exclude each other") != std::string::npos);
  CHECK(usage_error({"--parallel", "0", "h", "80"}).find("--parallel 0") != std::string::npos);
  CHECK(usage_error({"--rate", "0", "h", "80"}).find("--rate 0") != std::string::npos);
  CHECK(usage_error({"--retries", "11", "h", "80"}).find("--retries 11") != std::string::npos);
  CHECK(usage_error({"-W", "0", "h", "80"}).find("-W 0") != std::string::npos);
  CHECK(usage_error({"-i", "0.001", "h", "80"}).find("for root only") != std::string::npos);
  CHECK(test::parse_words([](int argc, const char* const* argv) { return parse_tcp_options(argc, argv, true); },
                          "nd-tcp", {"-i", "0", "h", "80"})
            .options->engine.interval == 0s);
  CHECK(usage_error({"--color", "sometimes", "h", "80"}).find("--color sometimes") != std::string::npos);
  CHECK(usage_error({"--bogus", "h", "80"}).find("see nd-tcp --help") != std::string::npos);
}
