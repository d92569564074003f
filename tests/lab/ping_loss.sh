#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-ping lab test 3: 30% of the packets towards the lossy address are dropped in the router;
# -c 100 -i 0.01 must report 0 < loss < 100 with counts that agree. Root and nobody, v4 and v6.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-ping
lab_setup --loss 30

for who in root nobody; do
  lab_mode "$who"
  for fam in 4 6; do
    if [[ $fam == 4 ]]; then addr=$LAB_V4_LOSSY; else addr=$LAB_V6_LOSSY; fi
    tag="[$who -$fam $addr]"
    json=$(lab_file "$who-$fam.json") txt=$(lab_file "$who-$fam.txt") err=$(lab_file "$who-$fam.err")

    lab_nd "$who" "$json" "$err" -"$fam" -c 100 -i 0.01 -W 1 --json "$addr"
    lab_eq "$tag exit 0 (some replies)" "$LAB_RC" 0
    lab_validate json "$json" "$tag --json validates"
    lab_json_check "$json" "$tag 100 transmitted, 0 < received < 100, 0 < loss < 100" \
      'd["packets_transmitted"] == 100 and 0 < d["packets_received"] < d["packets_transmitted"] and 0 < d["packet_loss_percent"] < 100'
    lab_json_check "$json" "$tag loss% = (transmitted - received) / transmitted" \
      'abs(d["packet_loss_percent"] - 100.0 * (d["packets_transmitted"] - d["packets_received"]) / d["packets_transmitted"]) < 1'
    lab_json_check "$json" "$tag replies[] holds exactly the received, distinct icmp_seq in 1..100, no duplicates" \
      'len(d["replies"]) == d["packets_received"] and len({r["icmp_seq"] for r in d["replies"]}) == len(d["replies"]) and all(1 <= r["icmp_seq"] <= 100 for r in d["replies"]) and d["duplicates"] == 0'
    lab_json_check "$json" "$tag plausible for 30% drop (10 <= loss <= 60)" \
      '10 <= d["packet_loss_percent"] <= 60'

    lab_nd "$who" "$txt" "$err" -"$fam" -q -c 100 -i 0.01 -W 1 "$addr"
    lab_eq "$tag -q text: exit 0" "$LAB_RC" 0
    lab_grep "$tag -q text: a loss between 1% and 99%" "$txt" \
      "^100 packets transmitted, [0-9]+ received, ([1-9]|[1-9][0-9])(\\.[0-9]+)?% packet loss"
    lab_eq "$tag -q text: no per-reply lines" "$(lab_count "$txt" "bytes from")" 0
  done
done
lab_finish
