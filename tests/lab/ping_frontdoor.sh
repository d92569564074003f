#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-ping lab test 9: the front door `netdiag ping ARGS` behaves like nd-ping ARGS (root, nobody).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-ping
[[ -x $LAB_BIN/netdiag ]] || lab_skip "no netdiag front-door binary in $NETDIAG_BIN_DIR"
lab_setup

export ADDR=$LAB_V4_CLEAN
for who in root nobody; do
  lab_mode "$who"
  export SOCK; SOCK=$(lab_expected_socket "$who")
  txt=$(lab_file "$who.txt") json=$(lab_file "$who.json") err=$(lab_file "$who.err")
  lab_tool netdiag "$who" "$txt" "$err" ping -c 1 "$ADDR"
  lab_eq "[$who] netdiag ping -c 1: exit 0" "$LAB_RC" 0
  lab_grep "[$who] netdiag ping: reply line" "$txt" "^64 bytes from $(lab_re "$ADDR"): icmp_seq=1 ttl=63 time="
  lab_grep "[$who] netdiag ping: summary" "$txt" "^1 packets transmitted, 1 received, 0% packet loss"
  lab_tool netdiag "$who" "$json" "$err" ping -c 1 --json "$ADDR"
  lab_eq "[$who] netdiag ping --json: exit 0" "$LAB_RC" 0
  lab_validate json "$json" "[$who] netdiag ping --json validates" 1
  lab_json_check "$json" "[$who] netdiag ping --json: nd-ping's document, 1 reply, socket $SOCK" \
    'd["tool"] == "nd-ping" and d["packets_received"] == 1 and d["socket"] == E["SOCK"]'
  lab_tool netdiag "$who" "$txt" "$err" ping -c 1 -W 1 "$LAB_V4_NOROUTE"
  lab_eq "[$who] netdiag ping to an unreachable address: exit 1, like nd-ping" "$LAB_RC" 1
done
lab_finish
