#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Every tool, started as root, holds no capability once it is running: CapInh, CapPrm, CapEff and
# CapAmb are 0 in every thread of /proc/PID/status, and no_new_privs is set. Each runs long enough
# to be read: towards the lab's lossy address with every packet dropped, or pinging the router. The front door is checked too (netdiag ping execs nd-ping in the same process).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
lab_stage_bins
for tool in netdiag nd-ping nd-trace nd-tcp nd-arp nd-dns; do lab_require_tool "$tool"; done
lab_setup
lab_ping_group close  # root must not get by on a ping socket: nd-ping opens a raw one
# The lossy address falls silent: the server drops everything sent to it.
ip netns exec "$LAB_NS_S" nft -f - <<EOF
table inet privilege_drop {
  chain input { type filter hook input priority -10; ip daddr $LAB_V4_LOSSY drop; }
}
EOF

silent=$LAB_V4_LOSSY
runs=(
  "nd-ping -i 0.2 $silent"
  "netdiag ping -i 0.2 $LAB_V4_CLEAN"
  "nd-trace -m 30 -w 3 $silent"
  "nd-trace -T -m 30 -w 3 $silent"
  "nd-tcp -c 0 -W 3 $silent 80"
  "nd-tcp -c 0 -W 3 --explain $silent 80"
  "nd-arp -I c0 -i 0.2 198.18.1.1"
  "nd-dns @$silent -W 3 www.plain.lab"
)
for run in "${runs[@]}"; do
  read -r -a words <<<"$run"
  out=$(lab_file "run.out") err=$(lab_file "run.err")
  lab_start_bg "${words[0]}" root "$out" "$err" "${words[@]:1}" || continue
  sleep 0.5
  if kill -0 "$BG_PID" 2>/dev/null; then
    lab_check_no_caps "[root] $run:" "$BG_PID"
    lab_check "[root] $run: no_new_privs is set" grep -Eq '^NoNewPrivs:[[:space:]]+1$' "/proc/$BG_PID/status"
    lab_stop_bg
  else
    lab_fail "[root] $run: ended before its capabilities could be read: $(head -c 300 "$err")"
  fi
done
lab_finish
