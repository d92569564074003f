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

# start_bg WHO OUT ERR ARGS... — nd-ping in the background with SIGINT at its default disposition
# (bash starts background jobs with SIGINT ignored); sets BG_PID to nd-ping's own pid.
start_bg() {
  local who=$1 out=$2 err=$3 LAB_PREFIX_CMD; shift 3
  lab_prefix "$who" "$LAB_NS_C"
  env --default-signal=INT "${LAB_PREFIX_CMD[@]}" "$LAB_BIN/nd-ping" "$@" >"$out" 2>"$err" &
  BG_PID=$!
  for _ in $(seq 50); do  # until the exec chain has reached nd-ping
    [[ $(readlink "/proc/$BG_PID/exe" 2>/dev/null || true) == "$LAB_BIN/nd-ping" ]] && return 0
    sleep 0.05
  done
  lab_fail "nd-ping did not start: $(cat "$err")"
  return 1
}

# stop_bg — SIGINT, then wait (at most 5 s); exit code in BG_RC.
stop_bg() {
  kill -INT "$BG_PID"
  for _ in $(seq 50); do kill -0 "$BG_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$BG_PID" 2>/dev/null; then
    lab_fail "nd-ping still runs 5 s after SIGINT"
    kill -KILL "$BG_PID"
  fi
  BG_RC=0
  wait "$BG_PID" || BG_RC=$?
}

export ADDR=$LAB_V4_CLEAN
for who in root nobody; do
  lab_mode "$who"
  tag="[$who]"
  json=$(lab_file "$who.json") txt=$(lab_file "$who.txt") nd=$(lab_file "$who.ndjson") err=$(lab_file "$who.err")

  start_bg "$who" "$json" "$err" -c 100000 -i 0.1 --json "$ADDR" || continue
  sleep 1.2
  caps=""
  for task in /proc/"$BG_PID"/task/*; do
    caps+="$(grep -E '^Cap(Inh|Prm|Eff|Amb):' "$task/status" | tr -s '\t ' ' ' | tr '\n' ' ')"$'\n'
  done
  lab_log "$who nd-ping $BG_PID: $(grep -E '^(CapBnd|NoNewPrivs):' /proc/"$BG_PID"/status | tr -s '\t ' ' ' | tr '\n' ' ')"
  bad=$(grep -Ev '^$' <<<"$caps" | grep -E ': ?[0-9a-f]*[1-9a-f]' || true)
  lab_check "$tag CapInh/CapPrm/CapEff/CapAmb are 0 in all $(ls /proc/"$BG_PID"/task | wc -l) thread(s) after start-up" \
    test -z "$bad"
  [[ -z $bad ]] || echo "  $bad"
  stop_bg
  lab_eq "$tag --json: exit 0 after SIGINT (replies came)" "$BG_RC" 0
  lab_validate json "$json" "$tag --json after SIGINT: one complete, valid document"
  lab_json_check "$json" "$tag --json after SIGINT: interrupted, 5..40 sent, replies for all but the last, consistent" \
    'd["interrupted"] is True and 5 <= d["packets_transmitted"] <= 40 and d["packets_transmitted"] - 1 <= d["packets_received"] <= d["packets_transmitted"] and len(d["replies"]) == d["packets_received"]'

  start_bg "$who" "$txt" "$err" -c 100000 -i 0.1 "$ADDR" || continue
  sleep 1.2
  stop_bg
  lab_eq "$tag text: exit 0 after SIGINT" "$BG_RC" 0
  lab_grep "$tag text after SIGINT: statistics header" "$txt" "^--- $(lab_re "$ADDR") ping statistics ---$"
  lab_grep "$tag text after SIGINT: counts" "$txt" "^[0-9]+ packets transmitted, [0-9]+ received"
  lab_grep "$tag text after SIGINT: rtt line" "$txt" "^rtt min/avg/max/mdev = "

  start_bg "$who" "$nd" "$err" -c 100000 -i 0.1 --ndjson "$ADDR" || continue
  sleep 1.2
  stop_bg
  lab_eq "$tag --ndjson: exit 0 after SIGINT" "$BG_RC" 0
  lab_validate ndjson "$nd" "$tag --ndjson after SIGINT: events then a valid summary" 1
  lab_json_check "$nd" "$tag --ndjson after SIGINT: the summary says interrupted and counts the reply events" \
    'd[-1]["event"] == "summary" and d[-1]["interrupted"] is True and d[-1]["packets_received"] == sum(1 for e in d if e["event"] == "reply")'
done

# An endless flood to the client's own loopback never waits for the network: SIGINT must still
# end it (root only: flooding is root's, as with ping).
lab_mode root
flood=$(lab_file flood.txt) err=$(lab_file flood.err)
if start_bg root "$flood" "$err" -f -q 127.0.0.1; then
  sleep 1
  stop_bg
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
