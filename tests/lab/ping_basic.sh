#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-ping lab test 1: replies from the server through the router (ttl 63), IPv4 and IPv6, as root
# (ping_group_range closed: raw socket) and as nobody (range open: datagram socket). --json and
# --ndjson validate against the schema and carry the real numbers; the text output has the
# familiar reply and summary lines.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-ping
lab_setup

for who in root nobody; do
  lab_mode "$who"
  export SOCK; SOCK=$(lab_expected_socket "$who")
  for fam in 4 6; do
    if [[ $fam == 4 ]]; then export ADDR=$LAB_V4_CLEAN FAMILY=ipv4; else export ADDR=$LAB_V6_CLEAN FAMILY=ipv6; fi
    tag="[$who -$fam $ADDR]"
    json=$(lab_file "$who-$fam.json") ndjson=$(lab_file "$who-$fam.ndjson")
    txt=$(lab_file "$who-$fam.txt") err=$(lab_file "$who-$fam.err")

    lab_nd "$who" "$json" "$err" -"$fam" -c 3 -i 0.2 --json "$ADDR"
    lab_eq "$tag --json exits 0" "$LAB_RC" 0
    lab_validate json "$json" "$tag --json validates against the schema" 1
    lab_json_check "$json" "$tag target, address, family, socket=$SOCK, payload 56" \
      'd["target"] == E["ADDR"] and d["address"] == E["ADDR"] and d["family"] == E["FAMILY"] and d["socket"] == E["SOCK"] and d["payload_bytes"] == 56'
    lab_json_check "$json" "$tag 3 transmitted, 3 received, 0 duplicates, 0% loss, no errors" \
      'd["packets_transmitted"] == 3 and d["packets_received"] == 3 and d["duplicates"] == 0 and d["packet_loss_percent"] == 0 and d["errors"] == []'
    lab_json_check "$json" "$tag replies icmp_seq 1,2,3 from $ADDR, ttl 63, 64 bytes" \
      '[r["icmp_seq"] for r in d["replies"]] == [1, 2, 3] and all(r["from"] == E["ADDR"] and r["ttl"] == 63 and r["bytes"] == 64 and not r["duplicate"] and not r["late"] for r in d["replies"])'
    lab_json_check "$json" "$tag rtt stats agree with the replies (0 < min <= avg <= max < 100 ms)" \
      '0 < d["round_trip_ms_min"] <= d["round_trip_ms_avg"] <= d["round_trip_ms_max"] < 100 and abs(d["round_trip_ms_min"] - min(r["rtt_ms"] for r in d["replies"])) < 0.002 and abs(d["round_trip_ms_max"] - max(r["rtt_ms"] for r in d["replies"])) < 0.002 and abs(d["round_trip_ms_avg"] - statistics.mean(r["rtt_ms"] for r in d["replies"])) < 0.002 and d["round_trip_ms_stddev"] >= 0'
    lab_json_check "$json" "$tag elapsed ~ 2 intervals (>= 390 ms), not interrupted" \
      '390 <= d["elapsed_ms"] < 5000 and d["interrupted"] is False'

    lab_nd "$who" "$ndjson" "$err" -"$fam" -c 3 -i 0.2 --ndjson "$ADDR"
    lab_eq "$tag --ndjson exits 0" "$LAB_RC" 0
    lab_validate ndjson "$ndjson" "$tag --ndjson validates (events, then the summary)" 1
    lab_json_check "$ndjson" "$tag --ndjson: 3 reply events (target $ADDR, ttl 63) then a summary with 3 received" \
      '[e["event"] for e in d] == ["reply"] * 3 + ["summary"] and all(e["target"] == E["ADDR"] and e["ttl"] == 63 for e in d[:3]) and d[-1]["packets_received"] == 3'

    lab_nd "$who" "$txt" "$err" -"$fam" -c 3 -i 0.2 "$ADDR"
    lab_eq "$tag text exits 0" "$LAB_RC" 0
    a=$(lab_re "$ADDR")
    if [[ $fam == 4 ]]; then
      lab_grep "$tag text header" "$txt" "^PING $a \\($a\\) 56\\(84\\) bytes of data\\.$"
    else
      lab_grep "$tag text header" "$txt" "^PING $a ?\\($a\\) 56"
    fi
    lab_eq "$tag text: 3 reply lines with ttl=63" \
      "$(lab_count "$txt" "^64 bytes from $a: icmp_seq=[123] ttl=63 time=[0-9.]+ ms$")" 3
    lab_grep "$tag text statistics header" "$txt" "^--- $a ping statistics ---$"
    lab_grep "$tag text counts" "$txt" "^3 packets transmitted, 3 received, 0% packet loss, time [0-9]+ms$"
    lab_grep "$tag text rtt line" "$txt" "^rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms$"
  done

  # Two targets at once: one summary each (an array of two documents in --json).
  export V4A=$LAB_V4_CLEAN V4B=$LAB_V4_DELAY
  json=$(lab_file "$who-two.json")
  lab_nd "$who" "$json" "$err" -c 2 -i 0.2 --json "$LAB_V4_CLEAN" "$LAB_V4_DELAY"
  lab_eq "[$who] two targets: exit 0" "$LAB_RC" 0
  lab_validate json "$json" "[$who] two targets: an array of 2 valid documents" 2
  lab_json_check "$json" "[$who] two targets: each received 2 from its own address" \
    'sorted(x["target"] for x in d) == sorted([E["V4A"], E["V4B"]]) and all(x["packets_received"] == 2 and all(r["from"] == x["address"] for r in x["replies"]) for x in d)'
done
lab_finish
