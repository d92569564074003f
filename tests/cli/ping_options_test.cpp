// nd-ping's option table: iputils flags and meanings, and one clear line for bad input.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "ping/options.hpp"

using namespace netdiag;
using namespace netdiag::tools;
using namespace std::chrono_literals;

namespace {

PingCommand parse(std::initializer_list<const char*> words, bool privileged = false) {
  std::vector<const char*> argv{"nd-ping"};
  argv.insert(argv.end(), words.begin(), words.end());
  return parse_ping_options(static_cast<int>(argv.size()), argv.data(), privileged);
}

PingOptions options(std::initializer_list<const char*> words, bool privileged = false) {
  auto command = parse(words, privileged);
  REQUIRE(command.options);
  return *command.options;
}

std::string usage_error(std::initializer_list<const char*> words, bool privileged = false) {
  try {
    parse(words, privileged);
  } catch (const UsageError& error) {
    return error.message;
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("defaults are ping's") {
  const auto o = options({"127.0.0.1"});
  CHECK(o.targets == std::vector<std::string>{"127.0.0.1"});
  CHECK_FALSE(o.engine.count);
  CHECK(o.engine.interval == 1s);
  CHECK(o.engine.linger == 10s);
  CHECK(o.engine.payload.size() == 56);
  CHECK(o.format == OutputFormat::text);
}

TEST_CASE("iputils flags map to the engine and the socket") {
  const auto o = options({"-c", "3", "-i", "0.2", "-W", "1.5", "-w", "4", "-s", "100", "-t", "7", "-q", "-n", "-D",
                          "-O", "-M", "do", "-Q", "0x10", "-p", "ab", "-I", "eth0", "-4", "host"});
  CHECK(o.engine.count == 3U);
  CHECK(o.engine.interval == 200ms);
  CHECK(o.engine.linger == 1500ms);
  CHECK(o.engine.deadline == 4s);
  CHECK(o.engine.payload.size() == 100);
  CHECK(o.engine.payload[7] == std::byte{0xab});
  CHECK(o.socket.ttl == Ttl{7});
  CHECK(o.socket.pmtu == PmtuDiscovery::do_not_fragment);
  CHECK(o.socket.tos == 0x10);
  CHECK(o.socket.interface == "eth0");
  CHECK(o.quiet);
  CHECK(o.numeric);
  CHECK(o.timestamps);
  CHECK(o.engine.report_outstanding);
  CHECK(o.family == Family::ipv4);
}

TEST_CASE("short options glued to their values and several targets") {
  const auto o = options({"-c3", "-qn", "a", "b", "c"});
  CHECK(o.engine.count == 3U);
  CHECK(o.quiet);
  CHECK(o.numeric);
  CHECK(o.targets.size() == 3);
}

TEST_CASE("-I with an address binds the source") {
  const auto o = options({"-I", "198.18.1.2", "x"});
  REQUIRE(o.socket.source);
  CHECK(o.socket.source->to_string() == "198.18.1.2");
  CHECK(o.socket.interface.empty());
}

TEST_CASE("flood is root's, and sets a 10 ms floor") {
  CHECK(usage_error({"-f", "x"}).find("root") != std::string::npos);
  const auto o = options({"-f", "x"}, true);
  CHECK(o.engine.flood);
  CHECK(o.engine.interval == 10ms);
  CHECK(usage_error({"-i", "0.001", "x"}).find("2 ms") != std::string::npos);
  CHECK(options({"-i", "0.001", "x"}, true).engine.interval == 1ms);
}

TEST_CASE("json and ndjson") {
  CHECK(options({"--json", "x"}).format == OutputFormat::json);
  CHECK(options({"--ndjson", "x"}).format == OutputFormat::ndjson);
  CHECK(usage_error({"--json", "--ndjson", "x"}).find("exclude") != std::string::npos);
}

TEST_CASE("bad input gets one line that says what to do") {
  CHECK(usage_error({"-c", "0", "x"}) == "-c 0: give a count of at least 1, e.g. -c 5");
  CHECK(usage_error({"-t", "300", "x"}) == "-t 300: give a TTL from 1 to 255");
  CHECK(usage_error({"-M", "maybe", "x"}) == "-M maybe: use do, want or dont");
  CHECK(usage_error({"-s", "70000", "x"}) == "-s 70000: give a data size from 0 to 65507 bytes");
  CHECK(usage_error({"-p", "xyz", "x"}).find("hex digit") != std::string::npos);
  CHECK(usage_error({"-Q", "256", "x"}).find("0 to 255") != std::string::npos);
  CHECK(usage_error({"-W", "0", "x"}).find("positive") != std::string::npos);
  CHECK(usage_error({"-4", "-6", "x"}).find("exclude") != std::string::npos);
  CHECK(usage_error({"--color", "red", "x"}) == "--color red: use auto, always or never");
  CHECK(usage_error({}).find("nd-ping --help") != std::string::npos);
  CHECK(usage_error({"-c", "abc", "x"}).find("nd-ping --help") != std::string::npos);
  for (const auto& message : {usage_error({"-c", "abc", "x"}), usage_error({"--bogus", "x"})})
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("--help and --version print and exit 0") {
  const auto help = parse({"--help"});
  CHECK_FALSE(help.options);
  CHECK(help.print.find("-c") != std::string::npos);
  const auto version = parse({"--version"});
  CHECK(version.print.find("nd-ping (netdiag)") == 0);
}
