#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-ping lab test 4: the router's ICMP errors. 198.18.99.1 has no route in the router: net
# unreachable (3/0) from 198.18.1.1; 198.18.2.99 is on-link but dead: host unreachable (3/1) once
# ARP gives up. IPv6: no route (1/0) and address unreachable (1/3) from fd00:1::1. Exit 1 each time,
# as ping(8). Root and nobody.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-ping
lab_setup

# case: family address router type code text-pattern-or-empty
cases=(
  "4 $LAB_V4_NOROUTE $LAB_V4_ROUTER 3 0 Destination Net Unreachable"
  "4 $LAB_V4_DEAD $LAB_V4_ROUTER 3 1 Destination Host Unreachable"
  "6 $LAB_V6_NOROUTE $LAB_V6_ROUTER 1 0"
  "6 $LAB_V6_DEAD $LAB_V6_ROUTER 1 3"
)

for who in root nobody; do
  lab_mode "$who"
  for c in "${cases[@]}"; do
    read -r fam addr router type code text <<<"$c"
    export ROUTER=$router TYPE=$type CODE=$code
    tag="[$who -$fam $addr]"
    json=$(lab_file "$who-$addr.json") txt=$(lab_file "$who-$addr.txt") err=$(lab_file "$who-$addr.err")

    lab_nd "$who" "$json" "$err" -"$fam" -c 2 -i 0.5 -W 2 --json "$addr"
    lab_eq "$tag exit 1 (no reply)" "$LAB_RC" 1
    lab_validate json "$json" "$tag --json validates"
    lab_json_check "$json" "$tag an ICMP error (type $type code $code) from $router for each probe" \
      'len(d["errors"]) >= 1 and all(e["kind"] == "icmp" and e["from"] == E["ROUTER"] and e["icmp_type"] == int(E["TYPE"]) and e["icmp_code"] == int(E["CODE"]) and e["message"] for e in d["errors"]) and sorted({e["icmp_seq"] for e in d["errors"]}) == [1, 2]' \
      'd["errors"]'
    lab_json_check "$json" "$tag 2 transmitted, 0 received, 100% loss, rtt fields null" \
      'd["packets_transmitted"] == 2 and d["packets_received"] == 0 and d["replies"] == [] and d["packet_loss_percent"] == 100 and d["round_trip_ms_min"] is None and d["round_trip_ms_avg"] is None and d["round_trip_ms_max"] is None and d["round_trip_ms_stddev"] is None'

    lab_nd "$who" "$txt" "$err" -"$fam" -c 1 -W 2 "$addr"
    lab_eq "$tag text: exit 1" "$LAB_RC" 1
    if [[ -n $text ]]; then
      lab_grep "$tag text: \"From $router icmp_seq=1 $text\"" "$txt" "^From $(lab_re "$router") icmp_seq=1 $text$"
    else
      lab_grep "$tag text: \"From $router icmp_seq=1 ...\"" "$txt" "^From $(lab_re "$router") icmp_seq=1 [A-Z]"
    fi
    lab_grep "$tag text: errors in the summary" "$txt" "^1 packets transmitted, 0 received, \\+1 errors, 100% packet loss"
  done
done
lab_finish
