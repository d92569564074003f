#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-ping lab test 6: two nd-ping processes pinging the same server at the same time each count
# only their own replies (-c 50 -i 0.02: 50 received, 0 duplicates). As root (raw sockets see every
# echo reply in the namespace), as nobody (datagram sockets), and mixed (root raw + nobody
# datagram: ping_group_range opened for nogroup only). IPv4 and IPv6.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-ping
lab_setup

run_pair() {  # WHO_A WHO_B FAM ADDR TAG
  local who_a=$1 who_b=$2 fam=$3 addr=$4 tag=$5
  local ja jb ea eb pa pb rca=0 rcb=0 LAB_PREFIX_CMD
  ja=$(lab_file "$tag-a.json") jb=$(lab_file "$tag-b.json") ea=$(lab_file "$tag-a.err") eb=$(lab_file "$tag-b.err")
  lab_prefix "$who_a" "$LAB_NS_C"
  timeout -k 5 60 "${LAB_PREFIX_CMD[@]}" "$LAB_BIN/nd-ping" -"$fam" -c 50 -i 0.02 -W 2 --json "$addr" >"$ja" 2>"$ea" &
  pa=$!
  lab_prefix "$who_b" "$LAB_NS_C"
  timeout -k 5 60 "${LAB_PREFIX_CMD[@]}" "$LAB_BIN/nd-ping" -"$fam" -c 50 -i 0.02 -W 2 --json "$addr" >"$jb" 2>"$eb" &
  pb=$!
  wait "$pa" || rca=$?
  wait "$pb" || rcb=$?
  local t j rc who
  for t in a b; do
    if [[ $t == a ]]; then j=$ja rc=$rca who=$who_a; else j=$jb rc=$rcb who=$who_b; fi
    lab_eq "[$tag $t=$who -$fam] exit 0" "$rc" 0
    lab_validate json "$j" "[$tag $t=$who -$fam] --json validates"
    lab_json_check "$j" "[$tag $t=$who -$fam] 50 transmitted, 50 received, 0 duplicates, seq 1..50 once each" \
      'd["packets_transmitted"] == 50 and d["packets_received"] == 50 and d["duplicates"] == 0 and sorted(r["icmp_seq"] for r in d["replies"]) == list(range(1, 51)) and not any(r["duplicate"] for r in d["replies"])'
  done
}

for fam in 4 6; do
  if [[ $fam == 4 ]]; then addr=$LAB_V4_CLEAN; else addr=$LAB_V6_CLEAN; fi
  lab_mode root
  run_pair root root "$fam" "$addr" "root+root"
  lab_mode nobody
  run_pair nobody nobody "$fam" "$addr" "nobody+nobody"
  # root keeps its raw socket (gid 0 is outside the range), nobody gets a datagram socket
  ip netns exec "$LAB_NS_C" sysctl -qw net.ipv4.ping_group_range="65534 65534"
  run_pair root nobody "$fam" "$addr" "root+nobody"
done
lab_finish
