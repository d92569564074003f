#!/usr/bin/env bash
# nd-tcp and Ctrl-C: a running nd-tcp holds no capabilities (also with --explain as root, whose
# packet capture is opened first), and SIGINT ends an endless ping mode and a long scan cleanly:
# the summary is printed, the --json document is complete, valid and says "interrupted": true.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-tcp
lab_setup
lab_listen 80
# Nobody owns this address on the client's link: its attempts wait 3 s for ARP, long enough to be cut.
ONLINK_DEAD=198.18.1.99

for who in root nobody; do
  tag="[$who]"
  json=$(lab_file "$who.json") txt=$(lab_file "$who.txt") scan=$(lab_file "$who.scan.json")
  err=$(lab_file "$who.err")

  lab_start_bg nd-tcp "$who" "$json" "$err" -c 0 -i 0.2 --explain --json "$LAB_V4_CLEAN" 80 || continue
  sleep 1.2
  lab_check_no_caps "$tag --explain" "$BG_PID"
  lab_stop_bg
  lab_eq "$tag -c 0 --json: exit 0 after SIGINT (it connected)" "$BG_RC" 0
  lab_check "$tag --json after SIGINT validates against netdiag.tcp/1" lab_schema_valid "$json" netdiag.tcp-1
  lab_json_check "$json" "$tag --json after SIGINT: interrupted, 3..10 attempts, all open" \
    'd["interrupted"] is True and 3 <= len(d["attempts"]) <= 10 and d["counts"]["open"] == len(d["attempts"])'

  lab_start_bg nd-tcp "$who" "$txt" "$err" -c 0 -i 0.2 "$LAB_V4_CLEAN" 80 || continue
  sleep 1.2
  lab_stop_bg
  lab_eq "$tag text: exit 0 after SIGINT" "$BG_RC" 0
  lab_grep "$tag text after SIGINT: statistics" "$txt" "^--- $(lab_re "$LAB_V4_CLEAN") port 80 nd-tcp statistics ---$"
  lab_grep "$tag text after SIGINT: handshake line" "$txt" "^handshake min/avg/max/mdev = "

  lab_start_bg nd-tcp "$who" "$scan" "$err" --json -W 20 "$LAB_V4_CLEAN" "$ONLINK_DEAD" 80,81 || continue
  sleep 1
  lab_stop_bg
  lab_eq "$tag scan cut short: exit 1 (the dead host's ports never got their verdicts)" "$BG_RC" 1
  lab_check "$tag scan cut short: valid JSON" lab_schema_valid "$scan" netdiag.tcp-1
  lab_json_check "$scan" "$tag scan cut short: interrupted, the two answered ports listed" \
    'd["interrupted"] is True and [(a["port"], a["state"]) for a in d["attempts"]] == [(80, "open"), (81, "closed")]'
done

lab_finish
