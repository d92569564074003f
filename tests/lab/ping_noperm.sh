#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-ping lab test 8: nobody with ping_group_range closed and no capability cannot open any ICMP
# socket: exit 2 and exactly one line on stderr naming net.ipv4.ping_group_range and
# `setcap cap_net_raw+p`. Root in the same namespace falls back to a raw socket and works.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-ping
lab_setup
lab_ping_group close

for fam in 4 6; do
  if [[ $fam == 4 ]]; then addr=$LAB_V4_CLEAN; else addr=$LAB_V6_CLEAN; fi
  for mode in text --json; do
    tag="[nobody -$fam $mode, range closed]"
    out=$(lab_file "np-$fam$mode.out") err=$(lab_file "np-$fam$mode.err")
    args=(-"$fam" -c 1 -W 1)
    [[ $mode == --json ]] && args+=(--json)
    lab_nd nobody "$out" "$err" "${args[@]}" "$addr"
    lab_eq "$tag exit 2" "$LAB_RC" 2
    lab_eq "$tag exactly one line on stderr" "$(wc -l <"$err")" 1
    lab_grep "$tag stderr names net.ipv4.ping_group_range" "$err" 'net\.ipv4\.ping_group_range'
    lab_grep "$tag stderr names setcap cap_net_raw+p" "$err" 'setcap cap_net_raw\+p'
    lab_log "stderr: $(head -c 300 "$err")"
  done
  json=$(lab_file "root-$fam.json") err=$(lab_file "root-$fam.err")
  lab_nd root "$json" "$err" -"$fam" -c 1 --json "$addr"
  lab_eq "[root -$fam, range closed] exit 0" "$LAB_RC" 0
  lab_json_check "$json" "[root -$fam, range closed] raw socket, 1 reply" \
    'd["socket"] == "raw" and d["packets_received"] == 1'
done
lab_finish
