// nd-arp's option table: arping's flags and their combinations, the scan specs.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "arp/options.hpp"
#include "support/command_line.hpp"

using namespace netdiag;
using namespace netdiag::tools;
using namespace std::chrono_literals;

namespace {

ArpCommand parse(std::initializer_list<const char*> words) { return test::parse_words(parse_arp_options, "nd-arp", words); }

// The UsageError message of argv {"nd-arp", words...}, or "(accepted)".
std::string usage_error_of(const std::vector<const char*>& words) {
  std::vector<const char*> argv{"nd-arp"};
  argv.insert(argv.end(), words.begin(), words.end());
  try {
    parse_arp_options(static_cast<int>(argv.size()), argv.data());
  } catch (const UsageError& error) {
    return error.message;
  }
  return "(accepted)";
}

std::string scan_error(const std::string& spec) {
  try {
    parse_scan_targets(spec);
  } catch (const UsageError& error) {
    return error.message;
  }
  return "(accepted)";
}

std::vector<std::string> texts(const std::vector<IpAddress>& addresses) {
  std::vector<std::string> out;
  for (const auto& address : addresses) out.push_back(address.to_string());
  return out;
}

}  // namespace

TEST_CASE("ping: arping's defaults and flags") {
  const ArpOptions plain = *parse({"198.18.5.11"}).options;
  CHECK(plain.engine.mode == ArpMode::ping);
  CHECK(plain.destination == "198.18.5.11");
  CHECK_FALSE(plain.engine.count);  // until stopped, as arping
  CHECK(plain.engine.interval == 1s);
  CHECK(plain.engine.linger == 1s);
  CHECK_FALSE(plain.engine.broadcast_only);

  const ArpOptions shaped = *parse({"-c", "3", "-w", "5", "-i", "0.2", "-I", "c0", "-s", "198.18.5.1", "-b", "-f",
                                    "-q", "198.18.5.11"})
                                 .options;
  CHECK(shaped.engine.count == 3u);
  CHECK(shaped.engine.deadline == 5s);
  CHECK(shaped.engine.interval == 200ms);
  CHECK(shaped.engine.linger == 250ms);  // one interval, at least 250 ms
  CHECK(parse({"-c", "1", "-i", "0", "198.18.5.11"}).options->engine.linger == 250ms);
  CHECK(parse({"-c", "1", "-i", "2", "198.18.5.11"}).options->engine.linger == 2s);
  CHECK(shaped.interface == "c0");
  CHECK(shaped.source == IpAddress::parse("198.18.5.1"));
  CHECK(shaped.engine.broadcast_only);
  CHECK(shaped.engine.finish_on_reply);
  CHECK(shaped.quiet);
}

TEST_CASE("dad: RFC 5227 timing unless shaped by hand; --fast; always ends at the first claim") {
  const ArpOptions rfc = *parse({"-D", "198.18.5.99"}).options;
  CHECK(rfc.engine.mode == ArpMode::dad);
  CHECK(rfc.engine.count == 3u);
  CHECK(rfc.engine.first_wait_max == 1s);
  CHECK(rfc.engine.interval == 1s);
  CHECK(rfc.engine.interval_max == 2s);
  CHECK(rfc.engine.linger == 2s);
  CHECK(rfc.engine.finish_on_reply);

  const ArpOptions fast = *parse({"-D", "--fast", "198.18.5.99"}).options;
  CHECK(fast.engine.first_wait_max == 0s);
  CHECK(fast.engine.interval == 100ms);
  CHECK(fast.engine.linger == 500ms);

  const ArpOptions by_hand = *parse({"-D", "-c", "2", "-w", "3", "198.18.5.99"}).options;
  CHECK(by_hand.engine.count == 2u);
  CHECK(by_hand.engine.interval == 1s);
  CHECK(by_hand.engine.interval_max == 0s);
  CHECK(by_hand.engine.first_wait_max == 0s);
  CHECK(by_hand.engine.deadline == 3s);
}

TEST_CASE("announce: -U requests, -A replies, no wait after the last") {
  const ArpOptions requests = *parse({"-U", "-c", "2", "198.18.5.70"}).options;
  CHECK(requests.engine.mode == ArpMode::announce);
  CHECK_FALSE(requests.engine.announce_with_reply);
  CHECK(requests.engine.linger == 0s);
  const ArpOptions replies = *parse({"-A", "198.18.5.70"}).options;
  CHECK(replies.engine.mode == ArpMode::announce);
  CHECK(replies.engine.announce_with_reply);
}

TEST_CASE("scan: arp-scan's pacing and retries, or the ones given") {
  const ArpOptions scan = *parse({"--scan", "198.18.5.0/24"}).options;
  CHECK(scan.engine.mode == ArpMode::scan);
  CHECK(scan.engine.interval == 2ms);
  CHECK(scan.engine.scan_wait == 500ms);
  CHECK(scan.engine.retries == 1);
  const ArpOptions tuned = *parse({"--localnet", "-i", "0.0005", "-W", "0.2", "--retries", "3", "-I", "c0"}).options;
  CHECK(tuned.localnet);
  CHECK(tuned.engine.interval == 500us);
  CHECK(tuned.engine.scan_wait == 200ms);
  CHECK(tuned.engine.retries == 3);
  const ArpOptions timeout_long = *parse({"--scan", "198.18.5.0/24", "--timeout", "1"}).options;
  CHECK(timeout_long.engine.scan_wait == 1s);
}

TEST_CASE("scan specs: CIDR without network and broadcast, ranges, lists, each address once") {
  CHECK(texts(parse_scan_targets("198.18.5.0/30")) == std::vector<std::string>{"198.18.5.1", "198.18.5.2"});
  CHECK(texts(parse_scan_targets("198.18.5.0/31")) == std::vector<std::string>{"198.18.5.0", "198.18.5.1"});
  CHECK(texts(parse_scan_targets("198.18.5.7/32")) == std::vector<std::string>{"198.18.5.7"});
  CHECK(texts(parse_scan_targets("198.18.5.9/29")).front() == "198.18.5.9");  // host bits ignored: .8/29 minus .8
  CHECK(parse_scan_targets("198.18.5.0/24").size() == 254);
  CHECK(parse_scan_targets("198.18.0.0/16").size() == 65534);
  CHECK(texts(parse_scan_targets("198.18.5.10-12")) ==
        std::vector<std::string>{"198.18.5.10", "198.18.5.11", "198.18.5.12"});
  CHECK(texts(parse_scan_targets("198.18.5.254-198.18.6.1")) ==
        std::vector<std::string>{"198.18.5.254", "198.18.5.255", "198.18.6.0", "198.18.6.1"});
  CHECK(texts(parse_scan_targets("198.18.5.3, 198.18.5.1-3,198.18.5.9")) ==
        std::vector<std::string>{"198.18.5.3", "198.18.5.1", "198.18.5.2", "198.18.5.9"});
}

TEST_CASE("scan specs: a file of items, comments allowed; bad ones say where") {
  const std::string path = "arp_options_test_targets.txt";
  {
    std::ofstream file(path);
    file << "# the lab\n198.18.5.11\n\n198.18.5.20-21  # two more\r\n198.18.5.0/31\n";
  }
  CHECK(texts(parse_scan_targets(path)) ==
        std::vector<std::string>{"198.18.5.11", "198.18.5.20", "198.18.5.21", "198.18.5.0", "198.18.5.1"});
  {
    std::ofstream file(path);
    file << "198.18.5.11\nrouter\n";
  }
  CHECK(scan_error(path).find("line 2: 'router'") != std::string::npos);
  {
    std::ofstream file(path);
    file << "# nothing\n";
  }
  CHECK_THROWS_AS(parse_scan_targets(path), UsageError);
  std::remove(path.c_str());
}

TEST_CASE("scan specs: too big, backwards, nonsense") {
  for (const char* bad : {"198.18.0.0/15", "198.18.0.0/0", "198.18.5.0/33", "198.18.5.20-10", "198.18.5.1-198.18.4.1",
                          "198.18.0.0-198.19.0.1", "fd00::/120", "198.18.5.300", "198.18.5.1-256", "no-such-file",
                          "198.18.5.1,,198.18.5.2", ""}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_scan_targets(bad), UsageError);
  }
  CHECK(scan_error("198.18.0.0/8").find("/16 or longer") != std::string::npos);
}

TEST_CASE("bad command lines: one line that says what to do") {
  const std::vector<std::pair<std::vector<const char*>, const char*>> cases{
      {{}, "give a neighbour to ask for"},
      {{"-6", "198.18.5.1"}, "IPv4 only"},
      {{"-D", "-U", "198.18.5.1"}, "give one of them"},
      {{"-D", "-A", "198.18.5.1"}, "give one of them"},
      {{"--scan", "198.18.5.0/24", "198.18.5.1"}, "exclude each other"},
      {{"--scan", "198.18.5.0/24", "--localnet"}, "exclude each other"},
      {{"--scan", "198.18.5.0/24", "-D"}, "broadcast requests only"},
      {{"--localnet", "-f"}, "broadcast requests only"},
      {{"--scan", "198.18.5.0/24", "-c", "2"}, "not for scans"},
      {{"--fast", "198.18.5.1"}, "with -D"},
      {{"-D", "--fast", "-i", "0.5", "198.18.5.1"}, "give -i or --fast"},
      {{"-U", "-A", "198.18.5.1"}, "give one of them"},
      {{"-D", "-b", "198.18.5.1"}, "for pinging a neighbour"},
      {{"-U", "-f", "198.18.5.1"}, "for pinging a neighbour"},
      {{"-W", "1", "198.18.5.1"}, "are for scans"},
      {{"--retries", "2", "198.18.5.1"}, "are for scans"},
      {{"--scan", "198.18.5.0/24", "--retries", "11"}, "give 0 to 10"},
      {{"-c", "0", "198.18.5.1"}, "at least 1"},
      {{"-w", "0", "198.18.5.1"}, "positive number of seconds"},
      {{"-i", "-1", "198.18.5.1"}, "non-negative number of seconds"},
      {{"-s", "fd00::1", "198.18.5.1"}, "IPv4 address"},
      {{"--json", "--ndjson", "198.18.5.1"}, "exclude each other"},
      {{"--color", "pink", "198.18.5.1"}, "auto, always or never"},
      {{"-x", "198.18.5.1"}, "nd-arp --help"},
      {{"198.18.5.1", "198.18.5.2"}, "nd-arp --help"},
  };
  for (const auto& [words, expected] : cases) {
    const std::string message = usage_error_of(words);
    CAPTURE(message);
    CHECK(message.find(expected) != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
  }
}

TEST_CASE("help and version print, they do not run") {
  const ArpCommand help = parse({"--help"});
  CHECK_FALSE(help.options);
  CHECK(help.print.find("--scan") != std::string::npos);
  const ArpCommand version = parse({"-V"});
  CHECK(version.print.find("nd-arp (netdiag)") != std::string::npos);
}

TEST_CASE("network_of: the first prefix_length bits") {
  const IpAddress host = *IpAddress::parse("198.18.5.77");
  CHECK(network_of(host, 24).to_string() == "198.18.5.0");
  CHECK(network_of(host, 15).to_string() == "198.18.0.0");
  CHECK(network_of(host, 32) == host);
  CHECK(network_of(host, 0).to_string() == "0.0.0.0");
}
