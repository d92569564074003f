// Trace renderers read only the model: reports built by hand.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "netdiag/render/trace_json.hpp"
#include "netdiag/render/trace_text.hpp"
#include "support/capture.hpp"

using namespace netdiag;
using namespace std::chrono_literals;
using netdiag::test::Capture;

namespace {

ProbeResult answered(std::uint16_t id, unsigned ttl, const char* from, Duration rtt, ProbeOutcome outcome,
                     std::uint8_t type = 11, std::uint8_t code = 0) {
  ProbeResult probe;
  probe.probe_id = id;
  probe.ttl = Ttl{static_cast<std::uint8_t>(ttl)};
  probe.outcome = outcome;
  probe.from = IpAddress::parse(from);
  probe.rtt = rtt;
  probe.icmp_type = type;
  probe.icmp_code = code;
  probe.reply_ttl = Ttl{static_cast<std::uint8_t>(65 - ttl)};
  return probe;
}

ProbeResult silent(std::uint16_t id, unsigned ttl) {
  ProbeResult probe;
  probe.probe_id = id;
  probe.ttl = Ttl{static_cast<std::uint8_t>(ttl)};
  probe.outcome = ProbeOutcome::timed_out;
  return probe;
}

HopResult settled_hop(unsigned ttl, std::vector<ProbeResult> probes) {
  return HopResult{Ttl{static_cast<std::uint8_t>(ttl)}, std::move(probes), std::nullopt, true};
}

TraceReport sample() {
  TraceReport report;
  report.target = "server";
  report.address = *IpAddress::parse("198.18.9.9");
  report.probes_per_hop = 2;
  report.max_ttl = 30;
  report.last_ttl = 30;
  report.packet_bytes = 60;
  report.hops.push_back(settled_hop(1, {answered(1, 1, "198.18.1.1", 121us, ProbeOutcome::time_exceeded),
                                  answered(2, 1, "198.18.1.1", 88us, ProbeOutcome::time_exceeded)}));
  report.hops.push_back(settled_hop(2, {silent(3, 2), silent(4, 2)}));
  report.hops.push_back(settled_hop(3, {answered(5, 3, "198.18.3.1", 2301us, ProbeOutcome::time_exceeded),
                                  answered(6, 3, "198.18.3.2", 2280us, ProbeOutcome::time_exceeded)}));
  report.hops.push_back(settled_hop(4, {answered(7, 4, "198.18.9.9", 3000us, ProbeOutcome::reached, 3, 3),
                                  answered(8, 4, "198.18.9.9", 3100us, ProbeOutcome::reached, 3, 3)}));
  report.destination_reached = true;
  report.stop_reason = TraceStopReason::destination_reached;
  report.elapsed = 12ms;
  return report;
}

}  // namespace

TEST_CASE("text: traceroute's layout, an address printed when it changes, stars for silence") {
  const TraceReport report = sample();
  Capture out;
  TraceTextRenderer text(out.file());
  text.header(report);
  text.progress(report);
  text.summary(report);
  CHECK(out.text() ==
        "nd-trace to server (198.18.9.9), 30 hops max, 60 byte packets, udp\n"
        " 1  198.18.1.1  0.121 ms  0.088 ms\n"
        " 2  * *\n"
        " 3  198.18.3.1  2.301 ms 198.18.3.2  2.280 ms\n"
        " 4  198.18.9.9  3.000 ms  3.100 ms\n"
        "--- 198.18.9.9 reached in 4 hops, 12 ms ---\n");
}

TEST_CASE("text: hops appear in order, only once final") {
  TraceReport report = sample();
  report.hops[1].probes[1].outcome = ProbeOutcome::pending;
  report.hops[1].settled = false;
  Capture out;
  TraceTextRenderer text(out.file());
  text.progress(report);
  CHECK(out.text() == " 1  198.18.1.1  0.121 ms  0.088 ms\n");  // hop 2 still waits, so 3 and 4 wait too
  report.hops[1].probes[1].outcome = ProbeOutcome::timed_out;
  report.hops[1].settled = true;
  report.last_ttl = 3;  // the engine learnt that the path ends at 3
  text.progress(report);
  CHECK(out.text() == " 1  198.18.1.1  0.121 ms  0.088 ms\n 2  * *\n 3  198.18.3.1  2.301 ms 198.18.3.2  2.280 ms\n");
}

TEST_CASE("text: names as traceroute prints them; a hop waits for its names when asked to") {
  TraceReport report = sample();
  report.hops.resize(2);
  Capture out;
  TraceTextRenderer text(out.file());
  text.wait_for_names(true);
  text.progress(report);
  CHECK(out.text().empty());  // hop 1's name is still being looked up
  report.names[*IpAddress::parse("198.18.1.1")] = "r1.lab";
  text.progress(report);
  CHECK(out.text() == " 1  r1.lab (198.18.1.1)  0.121 ms  0.088 ms\n 2  * *\n");
  const auto document = nlohmann::json::parse(render_trace_json(report));
  CHECK(document["hops"][0]["probes"][0]["name"] == "r1.lab");
  report.names[*IpAddress::parse("198.18.1.1")] = std::nullopt;  // looked up, no name
  CHECK(nlohmann::json::parse(render_trace_json(report))["hops"][0]["probes"][0]["name"].is_null());
}

TEST_CASE("-e: the MPLS label stack after the address, as traceroute -e; always in JSON") {
  TraceReport report = sample();
  report.hops.resize(1);
  report.hops[0].probes[0].mpls = {{24001, 0, false, 1}, {16, 5, true, 1}};
  const std::string with_labels =
      " 1  198.18.1.1 <MPLS:L=24001,E=0,S=0,T=1/L=16,E=5,S=1,T=1>  0.121 ms  0.088 ms\n";
  Capture plain;
  TraceTextRenderer text(plain.file());
  text.progress(report);
  CHECK(plain.text() == " 1  198.18.1.1  0.121 ms  0.088 ms\n");
  Capture labelled;
  TraceTextRenderer extended(labelled.file());
  extended.show_mpls(true);
  extended.progress(report);
  CHECK(labelled.text() == with_labels);
  const auto document = nlohmann::json::parse(render_trace_json(report));
  CHECK(document["hops"][0]["probes"][0]["mpls"][1] ==
        nlohmann::json({{"label", 16}, {"traffic_class", 5}, {"bottom_of_stack", true}, {"ttl", 1}}));
  CHECK(document["hops"][0]["probes"][1]["mpls"].empty());
}

TEST_CASE("text: annotations and tracepath's asymm") {
  TraceReport report = sample();
  report.hops.resize(1);
  report.hops[0].probes[0] = answered(1, 1, "198.18.1.1", 500us, ProbeOutcome::unreachable, 3, 1);
  report.hops[0].probes[1].reply_ttl = Ttl{61};  // came back over 4 hops, went out over 1
  Capture out;
  TraceTextRenderer text(out.file());
  text.progress(report);
  CHECK(out.text() == " 1  198.18.1.1  0.500 ms !H  0.088 ms  asymm 4\n");
}

TraceReport with_mtu_discovery() {
  TraceReport report = sample();
  report.mtu_discovery = true;
  report.packet_bytes = 65535;
  const std::uint32_t mtus[] = {1500, 1500, 1400, 1300};
  for (std::size_t i = 0; i < report.hops.size(); ++i) report.hops[i].mtu = Mtu{mtus[i]};
  report.path_mtu = Mtu{1300};
  report.mtu_steps = {{Ttl{1}, Mtu{1500}, MtuSource::local, std::nullopt},
                      {Ttl{3}, Mtu{1400}, MtuSource::icmp, IpAddress::parse("198.18.2.1")},
                      {Ttl{4}, Mtu{1300}, MtuSource::black_hole, std::nullopt}};
  report.black_holes = {{3, Ttl{4}, 1300, 1301, 9}};
  return report;
}

TEST_CASE("text --mtu: pmtu where it drops, the steps and the black hole after the trace") {
  const TraceReport report = with_mtu_discovery();
  Capture out;
  TraceTextRenderer text(out.file());
  text.header(report);
  text.summary(report);
  CHECK(out.text() ==
        "nd-trace to server (198.18.9.9), 30 hops max, path MTU discovery from 65535 bytes, udp\n"
        " 1  198.18.1.1  0.121 ms  0.088 ms  pmtu 1500\n"
        " 2  * *\n"
        " 3  198.18.3.1  2.301 ms 198.18.3.2  2.280 ms  pmtu 1400\n"
        " 4  198.18.9.9  3.000 ms  3.100 ms  pmtu 1300\n"
        "--- 198.18.9.9 reached in 4 hops, 12 ms ---\n"
        "path MTU 1300 (1500 on the way out, 1400 from hop 3, said 198.18.2.1, 1300 from hop 4, black hole)\n"
        "PMTU black hole between hop 3 and hop 4, largest size that passes: 1300 (1301 bytes and more vanish "
        "without an ICMP error; 9 search probes)\n");
}

TEST_CASE("json --mtu: mtu per hop, path MTU, steps and black holes") {
  const auto document = nlohmann::json::parse(render_trace_json(with_mtu_discovery()));
  CHECK(document["mtu_discovery"] == true);
  CHECK(document["path_mtu_bytes"] == 1300);
  CHECK(document["hops"][2]["mtu_bytes"] == 1400);
  REQUIRE(document["mtu_steps"].size() == 3);
  CHECK(document["mtu_steps"][1] ==
        nlohmann::json({{"ttl", 3}, {"mtu_bytes", 1400}, {"source", "icmp"}, {"reported_by", "198.18.2.1"}}));
  CHECK(document["mtu_steps"][2]["reported_by"].is_null());
  CHECK(document["black_holes"][0] == nlohmann::json({{"after_ttl", 3},
                                                      {"ttl", 4},
                                                      {"largest_passing_bytes", 1300},
                                                      {"smallest_failing_bytes", 1301},
                                                      {"probes", 9}}));
}

TEST_CASE("json: hops, probes and the summary fields") {
  const auto document = nlohmann::json::parse(render_trace_json(sample()));
  CHECK(document["schema"] == "netdiag.trace/1");
  CHECK(document["destination_reached"] == true);
  CHECK(document["stop_reason"] == "destination_reached");
  REQUIRE(document["hops"].size() == 4);
  CHECK(document["hops"][1]["probes"][0]["address"].is_null());
  CHECK(document["hops"][1]["probes"][0]["outcome"] == "timed_out");
  CHECK(document["hops"][2]["probes"][1]["address"] == "198.18.3.2");
  CHECK(document["hops"][0]["probes"][0]["rtt_ms"].get<double>() == doctest::Approx(0.121));
  CHECK(document["path_mtu_bytes"].is_null());
  CHECK(document["hops"][0]["mtu_bytes"].is_null());
  CHECK(document["mtu_steps"].empty());
  CHECK(document["mtu_discovery"] == false);
  const auto line = nlohmann::json::parse(render_trace_probe_ndjson(sample(), sample().hops[3].probes[0]));
  CHECK(line["event"] == "probe");
  CHECK(line["ttl"] == 4);
  CHECK(line["outcome"] == "reached");
  CHECK(nlohmann::json::parse(render_trace_summary_ndjson(sample()))["event"] == "summary");
}

TEST_CASE("return_hops guesses the initial TTL as tracepath does") {
  ProbeResult probe;
  probe.reply_ttl = Ttl{62};
  CHECK(return_hops(probe) == 3U);
  probe.reply_ttl = Ttl{120};
  CHECK(return_hops(probe) == 9U);
  probe.reply_ttl = Ttl{250};
  CHECK(return_hops(probe) == 6U);
  probe.reply_ttl.reset();
  CHECK_FALSE(return_hops(probe));
}
