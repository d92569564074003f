// nd-arp's renderers read only the model: reports built by hand, checked line by line.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "netdiag/render/arp_json.hpp"
#include "netdiag/render/arp_text.hpp"
#include "netdiag/wire/arp.hpp"
#include "support/capture.hpp"

using namespace netdiag;
using namespace std::chrono_literals;
using netdiag::test::Capture;

namespace {

IpAddress ip(const char* text) { return *IpAddress::parse(text); }
wire::MacAddress mac(const char* text) { return *wire::parse_mac(text); }

ArpReport base(ArpMode mode, std::vector<IpAddress> targets) {
  ArpReport report;
  report.mode = mode;
  report.interface = {"c0", 2, mac("02:00:c6:12:05:01"), ip("198.18.5.1"), 24};
  report.source = mode == ArpMode::dad ? IpAddress::v4({}) : ip("198.18.5.1");
  report.targets = std::move(targets);
  report.target_spec = report.targets.front().to_string();
  return report;
}

ArpAnswer answer(std::size_t target, const char* from, std::uint64_t request, bool request_broadcast, Duration rtt) {
  ArpAnswer a;
  a.target = target;
  a.mac = mac(from);
  a.request = request;
  a.request_broadcast = request_broadcast;
  a.rtt = rtt;
  return a;
}

}  // namespace

TEST_CASE("ping text: arping's lines, the request's kind in brackets, DUP and CONFLICT for a second MAC") {
  ArpReport report = base(ArpMode::ping, {ip("198.18.5.30")});
  report.requests_sent = 2;
  report.broadcasts_sent = 1;
  Capture out;
  ArpTextRenderer text(out.file(), {});
  text.header(report);
  text.answer(report, report.add(answer(0, "02:00:c6:12:05:1e", 1, true, 157us)));
  text.answer(report, report.add(answer(0, "02:00:c6:12:06:1e", 1, true, 160us)));
  text.answer(report, report.add(answer(0, "02:00:c6:12:05:1e", 2, false, 47us)));
  report.finalize();
  text.summary(report);
  CHECK(out.text() ==
        "ARPING 198.18.5.30 from 198.18.5.1 c0\n"
        "Unicast reply from 198.18.5.30 [02:00:c6:12:05:1e]  0.157 ms [BROADCAST]\n"
        "Unicast reply from 198.18.5.30 [02:00:c6:12:06:1e]  0.160 ms [BROADCAST]  (DUP: 2)\n"
        "Unicast reply from 198.18.5.30 [02:00:c6:12:05:1e]  0.047 ms [UNICAST]\n"
        "Sent 2 probes (1 broadcast(s))\n"
        "Received 3 response(s)\n"
        "rtt min/avg/max/mdev = 0.047/0.121/0.160/0.053 ms\n"
        "CONFLICT: 198.18.5.30 is claimed by 2 MACs: 02:00:c6:12:05:1e (2 answers), 02:00:c6:12:06:1e (1 answer)\n");
}

TEST_CASE("dad text: free, or in use by the MAC that claimed it; -q prints nothing") {
  ArpReport free = base(ArpMode::dad, {ip("198.18.5.99")});
  free.requests_sent = free.broadcasts_sent = 3;
  free.elapsed = 4860ms;
  free.finalize();
  Capture out;
  ArpTextRenderer(out.file(), {}).summary(free);
  CHECK(out.text() ==
        "Sent 3 probes (3 broadcast(s))\n"
        "Received 0 response(s)\n"
        "198.18.5.99 is free on c0: no answer to 3 probes in 4.86 s\n");

  ArpReport taken = base(ArpMode::dad, {ip("198.18.5.11")});
  taken.requests_sent = taken.broadcasts_sent = 1;
  Capture claimed;
  ArpTextRenderer renderer(claimed.file(), {});
  renderer.answer(taken, taken.add(answer(0, "02:00:c6:12:05:0b", 1, true, 40us)));
  taken.finalize();
  renderer.summary(taken);
  CHECK(claimed.text() ==
        "Unicast reply from 198.18.5.11 [02:00:c6:12:05:0b]  0.040 ms [BROADCAST]: this address is in use there\n"
        "Sent 1 probes (1 broadcast(s))\n"
        "Received 1 response(s)\n"
        "198.18.5.11 is in use by 02:00:c6:12:05:0b\n");

  ArpReport cut = base(ArpMode::dad, {ip("198.18.5.99")});
  cut.requests_sent = cut.broadcasts_sent = 1;
  cut.interrupted = true;
  cut.finalize();
  Capture interrupted;
  ArpTextRenderer(interrupted.file(), {}).summary(cut);
  CHECK(interrupted.text().ends_with("198.18.5.99: interrupted after 1 probe, so not known to be free\n"));
  CHECK(exit_status(cut) == 1);
  CHECK(nlohmann::json::parse(render_arp_json(cut))["dad"]["result"] == "unknown");

  Capture quiet;
  ArpTextRenderer silent(quiet.file(), {true, false});
  silent.header(taken);
  silent.answer(taken, taken.answers.front());
  silent.summary(taken);
  CHECK(quiet.text().empty());
}

TEST_CASE("scan text: a line per answer with the vendor, then the conflicts") {
  ArpReport report = base(ArpMode::scan, {ip("198.18.5.40"), ip("198.18.5.41")});
  report.target_spec = "198.18.5.40-41";
  report.skipped = {ip("198.18.5.1")};
  report.vendors.emplace(mac("00:00:0c:01:02:03"), "Cisco Systems, Inc");
  report.requests_sent = 2;
  report.elapsed = 612ms;
  Capture out;
  ArpTextRenderer text(out.file(), {});
  text.header(report);
  text.answer(report, report.add(answer(0, "00:00:0c:01:02:03", 1, true, 20us)));
  text.answer(report, report.add(answer(1, "00:00:0c:01:02:03", 2, true, 37us)));
  report.finalize();
  text.summary(report);
  CHECK(out.text() ==
        "Interface: c0, MAC 02:00:c6:12:05:01, IPv4 198.18.5.1\n"
        "Scanning 198.18.5.40-41: 2 addresses (this host's 198.18.5.1 left out)\n"
        "198.18.5.40     00:00:0c:01:02:03      0.020 ms  Cisco Systems, Inc\n"
        "198.18.5.41     00:00:0c:01:02:03      0.037 ms  Cisco Systems, Inc\n"
        "2 addresses answered (1 MAC) out of 2 in 0.61 s: 2 requests sent\n"
        "SEVERAL ADDRESSES: 00:00:0c:01:02:03 answers for 2 addresses: 198.18.5.40, 198.18.5.41\n");
  CHECK(vendor_text(report, mac("02:00:00:00:00:01")) == "(Unknown: locally administered)");
  CHECK(vendor_text(report, mac("00:11:22:33:44:55")) == "(Unknown)");
}

TEST_CASE("json: the document and the NDJSON lines") {
  ArpReport report = base(ArpMode::dad, {ip("198.18.5.30")});
  report.requests_sent = report.broadcasts_sent = 1;
  ArpAnswer probe;
  probe.mac = mac("02:00:c6:12:06:1e");
  probe.operation = wire::arp_operation::request;
  probe.probe = true;
  probe.to_broadcast = true;
  const ArpAnswer stored = report.add(probe);
  report.finalize();
  const auto document = nlohmann::json::parse(render_arp_json(report));
  CHECK(document["schema"] == "netdiag.arp/1");
  CHECK(document["mode"] == "dad");
  CHECK(document["source"] == "0.0.0.0");
  CHECK(document["dad"] == nlohmann::json{{"result", "contested"}, {"mac", "02:00:c6:12:06:1e"}});
  CHECK(document["exit_status"] == 1);
  CHECK(document["request_answers"] == 1);
  CHECK(document["broadcast_answers"] == 1);
  const auto& first = document["answers"][0];
  CHECK(first["operation"] == "request");
  CHECK(first["probe"] == true);
  CHECK(first["delivery"] == "broadcast");
  CHECK(first["request"].is_null());
  CHECK(first["rtt_ms"].is_null());
  CHECK(document["hosts"][0]["macs"][0]["locally_administered"] == true);
  const auto line = nlohmann::json::parse(render_arp_answer_ndjson(report, stored));
  CHECK(line["event"] == "answer");
  CHECK(line["mac"] == "02:00:c6:12:06:1e");
  const auto summary = nlohmann::json::parse(render_arp_summary_ndjson(report));
  CHECK(summary["event"] == "summary");
  CHECK(summary["answers_received"] == 1);
}
