#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-ping lab test 5: -M "do" with a packet too big for the router's MTU-1400 link. IPv4 -s 1472
# (1500 bytes): "frag needed and DF set" (3/4) with mtu 1400 from 198.18.1.1; IPv6 -s 1452: packet
# too big (2/0) with mtu 1400 from fd00:1::1. The client's route cache is flushed before each run so
# the router is asked every time. Root and nobody.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-ping
lab_setup

flush() {
  ip netns exec "$LAB_NS_C" ip route flush cache
  ip netns exec "$LAB_NS_C" ip -6 route flush cache
}

for who in root nobody; do
  lab_mode "$who"
  for fam in 4 6; do
    if [[ $fam == 4 ]]; then
      addr=$LAB_V4_CLEAN size=1472 TYPE=3 CODE=4; export ROUTER=$LAB_V4_ROUTER
    else
      addr=$LAB_V6_CLEAN size=1452 TYPE=2 CODE=0; export ROUTER=$LAB_V6_ROUTER
    fi
    export TYPE CODE SIZE=$size
    tag="[$who -$fam -M do -s $size $addr]"
    json=$(lab_file "$who-$fam.json") txt=$(lab_file "$who-$fam.txt") err=$(lab_file "$who-$fam.err")

    flush
    lab_nd "$who" "$json" "$err" -"$fam" -M "do" -s "$size" -c 1 -W 2 --json "$addr"
    lab_eq "$tag exit 1" "$LAB_RC" 1
    lab_validate json "$json" "$tag --json validates"
    lab_json_check "$json" "$tag errors[0]: icmp $TYPE/$CODE from $ROUTER with mtu_bytes 1400" \
      'len(d["errors"]) == 1 and d["errors"][0]["kind"] == "icmp" and d["errors"][0]["from"] == E["ROUTER"] and d["errors"][0]["icmp_type"] == int(E["TYPE"]) and d["errors"][0]["icmp_code"] == int(E["CODE"]) and d["errors"][0].get("mtu_bytes") == 1400' \
      'd["errors"]'
    lab_json_check "$json" "$tag payload_bytes $size, nothing received" \
      'd["payload_bytes"] == int(E["SIZE"]) and d["packets_received"] == 0'

    flush
    lab_nd "$who" "$txt" "$err" -"$fam" -M "do" -s "$size" -c 1 -W 2 "$addr"
    lab_eq "$tag text: exit 1" "$LAB_RC" 1
    lab_grep "$tag text: \"From $ROUTER icmp_seq=1 ... mtu = 1400\"" "$txt" \
      "^From $(lab_re "$ROUTER") icmp_seq=1 .*mtu ?= ?1400"

    # Once the kernel knows the path MTU, the next probes fail locally (EMSGSIZE); ping(8) still
    # reports each one, with the MTU.
    flush
    lab_nd "$who" "$json" "$err" -"$fam" -M "do" -s "$size" -c 3 -i 0.3 -W 1 --json "$addr"
    lab_eq "$tag -c 3: exit 1" "$LAB_RC" 1
    lab_json_check "$json" "$tag -c 3: an error with mtu_bytes 1400 for each of the 3 probes (the router's, then local ones)" \
      'sorted({e["icmp_seq"] for e in d["errors"]}) == [1, 2, 3] and all(e.get("mtu_bytes") == 1400 for e in d["errors"]) and d["errors"][0]["kind"] == "icmp"' \
      'd["errors"]'
  done
done
lab_finish
