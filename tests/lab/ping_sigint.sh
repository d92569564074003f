#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-ping lab test 7: a running nd-ping holds no capabilities once started (CapInh, CapPrm,
# CapEff, CapAmb all zero in /proc/PID/status, for every thread), and SIGINT ends it like ping(8):
# the summary is printed, the --json document is complete, valid and says "interrupted": true,
# the exit code is 0 because replies came. As root (raw socket) and as nobody; and an endless
# flood on loopback stops on SIGINT too.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-ping
lab_setup

export ADDR=$LAB_V4_CLEAN
for who in root nobody; do
  lab_mode "$who"
  tag="[$who]"
  json=$(lab_file "$who.json") txt=$(lab_file "$who.txt") nd=$(lab_file "$who.ndjson") err=$(lab_file "$who.err")

  lab_start_bg nd-ping "$who" "$json" "$err" -c 100000 -i 0.1 --json "$ADDR" || continue
  sleep 1.2
  lab_check_no_caps "$tag" "$BG_PID"
  lab_stop_bg
  lab_eq "$tag --json: exit 0 after SIGINT (replies came)" "$BG_RC" 0
  lab_validate json "$json" "$tag --json after SIGINT: one complete, valid document"
  lab_json_check "$json" "$tag --json after SIGINT: interrupted, 5..40 sent, replies for all but the last, consistent" \
    'd["interrupted"] is True and 5 <= d["packets_transmitted"] <= 40 and d["packets_transmitted"] - 1 <= d["packets_received"] <= d["packets_transmitted"] and len(d["replies"]) == d["packets_received"]'

  lab_start_bg nd-ping "$who" "$txt" "$err" -c 100000 -i 0.1 "$ADDR" || continue
  sleep 1.2
  lab_stop_bg
  lab_eq "$tag text: exit 0 after SIGINT" "$BG_RC" 0
  lab_grep "$tag text after SIGINT: statistics header" "$txt" "^--- $(lab_re "$ADDR") ping statistics ---$"
  lab_grep "$tag text after SIGINT: counts" "$txt" "^[0-9]+ packets transmitted, [0-9]+ received"
  lab_grep "$tag text after SIGINT: rtt line" "$txt" "^rtt min/avg/max/mdev = "

  lab_start_bg nd-ping "$who" "$nd" "$err" -c 100000 -i 0.1 --ndjson "$ADDR" || continue
  sleep 1.2
  lab_stop_bg
  lab_eq "$tag --ndjson: exit 0 after SIGINT" "$BG_RC" 0
  lab_validate ndjson "$nd" "$tag --ndjson after SIGINT: events then a valid summary" 1
  lab_json_check "$nd" "$tag --ndjson after SIGINT: the summary says interrupted and counts the reply events" \
    'd[-1]["event"] == "summary" and d[-1]["interrupted"] is True and d[-1]["packets_received"] == sum(1 for e in d if e["event"] == "reply")'
done

# An endless flood to the client's own loopback never waits for the network: SIGINT must still
# end it (root only: flooding is root's, as with ping).
lab_mode root
flood=$(lab_file flood.txt) err=$(lab_file flood.err)
if lab_start_bg nd-ping root "$flood" "$err" -f -q 127.0.0.1; then
  sleep 1
  lab_stop_bg
  lab_eq "[root] endless flood: exit 0 after SIGINT" "$BG_RC" 0
  lab_grep "[root] endless flood: summary after SIGINT" "$flood" "^[0-9]{4,} packets transmitted, [0-9]{4,} received"
fi
# -i 0 without -f sends without waiting for replies; they must still all be read, not dropped
# by an overflowing socket buffer (loopback answers every one).
burst=$(lab_file burst.json)
lab_nd root "$burst" "$err" -i 0 -c 5000 -q --json 127.0.0.1
lab_json_check "$burst" "[root] -i 0 -c 5000 to loopback: every reply read" \
  'd["packets_transmitted"] == 5000 and d["packets_received"] == 5000'
lab_finish
