// Renderers read only the model: build a PingReport by hand and check text and JSON.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <string>

#include "netdiag/render/ping_json.hpp"
#include "netdiag/render/ping_text.hpp"
#include "support/capture.hpp"

using namespace netdiag;
using namespace std::chrono_literals;
using netdiag::test::Capture;

namespace {

PingReport sample_report() {
  PingReport report;
  report.target = "server";
  report.address = *IpAddress::parse("198.18.2.2");
  report.payload_bytes = 56;
  report.identifier = 0x4242;
  report.started_at = WallTime(1'800'000'000s);
  report.transmitted = 3;
  report.received = 2;
  report.duplicates = 1;
  report.elapsed = 2003ms + 400us;
  PingReplyRecord reply;
  reply.from = report.address;
  reply.icmp_bytes = 64;
  reply.ttl = Ttl{63};
  reply.rtt = 1234us;
  reply.received_at = report.started_at + 1234us;
  report.add_reply(reply);
  reply.duplicate = true;
  reply.rtt = 1500us;
  report.add_reply(reply);
  reply.duplicate = false;
  reply.probe_number = 2;
  reply.rtt = 2345us;
  report.add_reply(reply);
  PingErrorRecord error;
  error.probe_number = 1;
  error.from = *IpAddress::parse("198.18.1.1");
  error.icmp_type = 3;
  error.icmp_code = 4;
  error.mtu = Mtu{1400};
  error.received_at = report.started_at + 1s;
  report.add_error(error);
  report.finalize();
  return report;
}

}  // namespace

TEST_CASE("text: header, reply lines and summary in ping's shape") {
  const PingReport report = sample_report();
  Capture out;
  PingTextRenderer text(out.file(), {});
  text.header(report);
  for (const auto& reply : report.replies) text.event(report, reply);
  text.event(report, report.errors[0]);
  text.summary(report);
  CHECK(out.text() ==
        "PING server (198.18.2.2) 56(84) bytes of data.\n"
        "64 bytes from server (198.18.2.2): icmp_seq=1 ttl=63 time=1.234 ms\n"
        "64 bytes from server (198.18.2.2): icmp_seq=1 ttl=63 time=1.500 ms (DUP!)\n"
        "64 bytes from server (198.18.2.2): icmp_seq=3 ttl=63 time=2.345 ms\n"
        "From 198.18.1.1 icmp_seq=2 Frag needed and DF set (mtu = 1400)\n"
        "--- server ping statistics ---\n"
        "3 packets transmitted, 2 received, +1 duplicates, +1 errors, 33.3333% packet loss, time 2003ms\n"
        "rtt min/avg/max/mdev = 1.234/1.790/2.345/0.556 ms\n");
}

TEST_CASE("text: -n prints addresses only, -q only header and summary, -D a timestamp") {
  const PingReport report = sample_report();
  Capture numeric;
  PingTextRenderer(numeric.file(), {.numeric = true}).event(report, report.replies[0]);
  CHECK(numeric.text() == "64 bytes from 198.18.2.2: icmp_seq=1 ttl=63 time=1.234 ms\n");
  Capture quiet;
  PingTextRenderer(quiet.file(), {.quiet = true}).event(report, report.replies[0]);
  CHECK(quiet.text().empty());
  Capture stamped;
  PingTextRenderer(stamped.file(), {.timestamps = true, .numeric = true}).event(report, report.replies[0]);
  CHECK(stamped.text() == "[1800000000.001234] 64 bytes from 198.18.2.2: icmp_seq=1 ttl=63 time=1.234 ms\n");
}

TEST_CASE("text: errors in words") {
  PingErrorRecord error;
  error.icmp_type = 3;
  error.icmp_code = 1;
  CHECK(describe_ping_error(Family::ipv4, error) == "Destination Host Unreachable");
  error.icmp_type = 11;
  error.icmp_code = 0;
  CHECK(describe_ping_error(Family::ipv4, error) == "Time to live exceeded");
  error.kind = PingErrorKind::local;
  error.local_errno = EMSGSIZE;
  error.mtu = Mtu{1400};
  CHECK(describe_ping_error(Family::ipv4, error) == "local error: Message too long, mtu = 1400");
}

TEST_CASE("text: no replies, no rtt line; IPv6 header") {
  PingReport report;
  report.target = "fd00:2::2";
  report.address = *IpAddress::parse("fd00:2::2");
  report.payload_bytes = 56;
  report.transmitted = 2;
  report.elapsed = 1001ms;
  report.finalize();
  Capture out;
  PingTextRenderer text(out.file(), {});
  text.header(report);
  text.summary(report);
  CHECK(out.text() ==
        "PING fd00:2::2 (fd00:2::2) 56 data bytes\n"
        "--- fd00:2::2 ping statistics ---\n"
        "2 packets transmitted, 0 received, 100% packet loss, time 1001ms\n");
}

TEST_CASE("json: the document carries the summary fields scripts parse") {
  const PingReport report = sample_report();
  const auto document = nlohmann::json::parse(render_ping_json(std::span(&report, 1)));
  CHECK(document["schema"] == "netdiag.ping/1");
  CHECK(document["tool"] == "nd-ping");
  CHECK(document["target"] == "server");
  CHECK(document["address"] == "198.18.2.2");
  CHECK(document["identifier"] == 0x4242);
  CHECK(document["started_at"] == "2027-01-15T08:00:00.000000Z");
  CHECK(document["packets_transmitted"] == 3);
  CHECK(document["packets_received"] == 2);
  CHECK(document["duplicates"] == 1);
  CHECK(document["packet_loss_percent"].get<double>() == doctest::Approx(33.3333).epsilon(1e-4));
  CHECK(document["round_trip_ms_min"].get<double>() == doctest::Approx(1.234));
  CHECK(document["round_trip_ms_max"].get<double>() == doctest::Approx(2.345));
  CHECK(document["elapsed_ms"].get<double>() == doctest::Approx(2003.4));
  CHECK(document["replies"].size() == 3);
  CHECK(document["replies"][1]["duplicate"] == true);
  CHECK(document["replies"][0]["ttl"] == 63);
  CHECK(document["errors"][0]["mtu_bytes"] == 1400);
  CHECK(document["errors"][0]["from"] == "198.18.1.1");
  CHECK(document["errors"][0]["icmp_seq"] == 2);
}

TEST_CASE("json: no replies gives null statistics, not zeros") {
  PingReport report;
  report.target = "x";
  report.address = *IpAddress::parse("198.18.99.1");
  report.transmitted = 1;
  report.finalize();
  const auto document = nlohmann::json::parse(render_ping_json(std::span(&report, 1)));
  CHECK(document["round_trip_ms_avg"].is_null());
  CHECK(document["packet_loss_percent"] == 100.0);
}

TEST_CASE("json: several targets give an array of documents") {
  const PingReport reports[] = {sample_report(), sample_report()};
  const auto document = nlohmann::json::parse(render_ping_json(reports));
  REQUIRE(document.is_array());
  CHECK(document.size() == 2);
  CHECK(document[1]["schema"] == "netdiag.ping/1");
}

TEST_CASE("ndjson: events and the closing summary") {
  const PingReport report = sample_report();
  const auto reply = nlohmann::json::parse(*render_ping_event_ndjson(report, report.replies[0]));
  CHECK(reply["event"] == "reply");
  CHECK(reply["target"] == "server");
  CHECK(reply["rtt_ms"].get<double>() == doctest::Approx(1.234));
  CHECK_FALSE(render_ping_event_ndjson(report, PingSentEvent{0}).has_value());
  const auto summary = nlohmann::json::parse(render_ping_summary_ndjson(report));
  CHECK(summary["event"] == "summary");
  CHECK(summary["packets_received"] == 2);
  const std::string line = render_ping_summary_ndjson(report);
  CHECK(line.find('\n') == std::string::npos);
}
