#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-ping lab test 2: on the delayed path (20 ms in the router each way, so >= 40 ms round trip)
# every rtt_ms is at least 40 ms, while the clean address next to it stays fast. Root and nobody,
# IPv4 and IPv6.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-ping
DELAY_MS=20
lab_setup --delay "$DELAY_MS"
lab_require_delay
export MIN_RTT=$((2 * DELAY_MS))

for who in root nobody; do
  lab_mode "$who"
  for fam in 4 6; do
    if [[ $fam == 4 ]]; then slow=$LAB_V4_DELAY fast=$LAB_V4_CLEAN; else slow=$LAB_V6_DELAY fast=$LAB_V6_CLEAN; fi
    tag="[$who -$fam]"
    json=$(lab_file "$who-$fam.json") err=$(lab_file "$who-$fam.err")

    lab_nd "$who" "$json" "$err" -"$fam" -c 5 -i 0.1 --json "$slow"
    lab_eq "$tag $slow: exit 0" "$LAB_RC" 0
    lab_validate json "$json" "$tag $slow: --json validates"
    lab_json_check "$json" "$tag $slow: 5 of 5 replies" 'd["packets_received"] == 5 and len(d["replies"]) == 5'
    lab_json_check "$json" "$tag $slow: every rtt_ms >= $MIN_RTT (${DELAY_MS} ms each way)" \
      'len(d["replies"]) > 0 and all(r["rtt_ms"] >= float(E["MIN_RTT"]) for r in d["replies"]) and d["round_trip_ms_min"] >= float(E["MIN_RTT"])' \
      '[r["rtt_ms"] for r in d["replies"]]'
    lab_json_check "$json" "$tag $slow: and not absurdly more (< $((MIN_RTT + 200)) ms)" \
      'all(r["rtt_ms"] < float(E["MIN_RTT"]) + 200 for r in d["replies"])' '[r["rtt_ms"] for r in d["replies"]]'

    lab_nd "$who" "$json" "$err" -"$fam" -c 3 -i 0.1 --json "$fast"
    lab_json_check "$json" "$tag $fast (not delayed): every rtt_ms < $DELAY_MS" \
      'd["packets_received"] == 3 and all(r["rtt_ms"] < float(E["MIN_RTT"]) / 2 for r in d["replies"])' \
      '[r["rtt_ms"] for r in d["replies"]]'
  done
done
lab_finish
