#!/usr/bin/env bash
# bench/arp.sh — nd-arp against arp-scan (a /24 sweep) and iputils arping (single-host RTT), in the
# ARP lab of tests/lab/arp_lab.sh, same run (built here and always torn down). Run as root. Not a
# test: it prints Markdown tables. See bench/README.md.
#
#   bench/arp.sh [--bin-dir DIR] [--rounds N] [--rtt-rounds N] [--keep DIR] [--no-capture]
#
# (1) Sweep of 198.18.5.0/24 (19 live addresses, 20 "IP MAC" pairs: the duplicate has two MACs):
#     `arp-scan -I c0 --retry=2 --interval=2 --timeout=500 --backoff=1.5 --plain SUBNET` (its
#     defaults made explicit: the same as nd-arp's) against `nd-arp --scan SUBNET --json` (its
#     defaults); `arp-scan --quiet` at the same spacing (no vendor files); the fast rate,
#     arp-scan --interval=200u against nd-arp -i 0.0002; and --interval=0 / -i 0. One warm-up, then
#     ROUNDS rounds (default 5), the order reversed every other round (ABBA). Per run: wall time,
#     exit code, and the pairs found against arp_lab_expect_scan.
# (2) RTT: `arping -c 10 -i 1 -I c0 HOST` against `nd-arp -c 10 -i 1 --json HOST` (a live
#     single-owner host), one warm-up (-c 1), then RTT_ROUNDS rounds (default ROUNDS / 2, at least
#     1; 0 skips this part), ABBA.
# Every command runs as root in the client namespace, `date +%s%N` around it. Unless --no-capture
# (or without tcpdump), tcpdump -p on the client's interface records every ARP frame of the run:
# the requests' spacing and start-up as sent, and the RTT on the wire.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

bin_dir=${NETDIAG_BIN_DIR:-$REPO/build/bin}
rounds=5 rtt_rounds="" keep_dir="" capture=1
while (($#)); do
  case $1 in
    --bin-dir) bin_dir=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --rtt-rounds) rtt_rounds=$2; shift 2 ;;
    --keep) keep_dir=$2; shift 2 ;;
    --no-capture) capture=0; shift ;;
    -h | --help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed -e 's/^#//' -e 's/^ //'; exit 0 ;;
    *) echo "bench/arp.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "bench/arp.sh: --rounds must be a positive integer" >&2; exit 2; }
if [[ -z $rtt_rounds ]]; then
  rtt_rounds=$((rounds / 2))
  ((rtt_rounds >= 1)) || rtt_rounds=1
fi
[[ $rtt_rounds =~ ^[0-9]+$ ]] || { echo "bench/arp.sh: --rtt-rounds must be an integer ≥ 0" >&2; exit 2; }
export NETDIAG_BIN_DIR=$bin_dir

# The classic tools first: without them there is nothing to compare against (exit 2, as a usage
# error would).
[[ $(id -u) -eq 0 ]] || { echo "bench/arp.sh: run as root (it builds network namespaces)" >&2; exit 2; }
command -v arp-scan >/dev/null ||
  { echo "bench/arp.sh: arp-scan is not installed (Debian package arp-scan; scripts/install-deps installs it)" >&2; exit 2; }
ARPING=$(command -v arping || true)
if [[ -z $ARPING ]] || ! "$ARPING" -V 2>&1 | grep -q iputils; then
  echo "bench/arp.sh: iputils arping is not installed${ARPING:+ ($ARPING is another arping)}" \
    "(Debian package iputils-arping; scripts/install-deps installs it)" >&2
  exit 2
fi
if ((capture)) && ! command -v tcpdump >/dev/null; then
  echo "# tcpdump is not installed: no capture (spacing, start-up and wire RTT columns left out)" >&2
  capture=0
fi

# shellcheck source=tests/lab/lab.sh
source "$REPO/tests/lab/lab.sh"
# shellcheck source=tests/lab/arp_lab.sh
source "$REPO/tests/lab/arp_lab.sh"
lab_require_root
arp_lab_require
lab_stage_bins
lab_require_tool nd-arp
arp_lab_setup

# busy — how many compiler and build processes run (another build on this machine skews the times).
# shellcheck disable=SC2009  # (pgrep refuses a pattern longer than a process name, 15 characters)
busy() { ps -e -o comm= | grep -cxE 'cc1plus|cc1|clang(\+\+)?(-[0-9]+)?|ninja|make' || true; }

IFACE=$ARP_LAB_IFACE SUBNET=$ARP_LAB_SUBNET
HOST=${ARP_LAB_SINGLE[0]}   # the RTT target: a live address with one owner
work=$LAB_WORK/bench
mkdir -p "$work"
: >"$work/runs.tsv"
arp_lab_expect_scan >"$work/expected"
{
  echo "subnet=$SUBNET"
  echo "iface=$IFACE"
  echo "client=$ARP_LAB_CLIENT_IP"
  echo "client_mac=$ARP_LAB_CLIENT_MAC"
  echo "rtt_host=$HOST"
  echo "rtt_mac=$(arp_lab_mac_of "$HOST")"
  echo "rounds=$rounds"
  echo "rtt_rounds=$rtt_rounds"
  echo "capture=$capture"
  echo "live=${#ARP_LAB_LIVE[@]}"
  echo "compilers_start=$(busy)"
  echo "cpu_start=$(head -1 /proc/stat)"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$work/meta"

echo "# ARP lab: client $ARP_LAB_CLIENT_IP on $IFACE, $SUBNET: ${#ARP_LAB_LIVE[@]} live addresses," \
  "$(wc -l <"$work/expected") \"IP MAC\" pairs expected (duplicate $ARP_LAB_DUP: ${ARP_LAB_DUP_MACS[*]};" \
  "${ARP_LAB_MULTI_IPS[*]}: one MAC); RTT target $HOST" >&2

if ((capture)); then
  lab_capture "$LAB_NS_C" "the client namespace" "$work/capture.pcap" -i "$IFACE" -s 96 arp
fi

# one CASE TOOL RUN FORMAT CMD... — run CMD in the client namespace as root (stdout to a file,
# stderr to another), record its wall time and the clock before and after (for the capture).
# FORMAT: arpscan (its --plain lines), ndarp (nd-arp's JSON), arping (its text).
one() {
  local case_=$1 tool=$2 run=$3 format=$4 t0 t1 rc=0 pid
  shift 4
  local out=$work/$case_.$tool.$run.out
  t0=$(date +%s%N)
  timeout -k 5 "$LAB_TOOL_TIMEOUT" ip netns exec "$LAB_NS_C" "$@" >"$out" 2>"$out.err" </dev/null &
  pid=$!
  wait "$pid" || rc=$?
  t1=$(date +%s%N)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case_" "$tool" "$run" "$((t1 - t0))" "$rc" "$format" \
    "$(basename "$out")" "$t0" "$t1" >>"$work/runs.tsv"
}

AS=(arp-scan -I "$IFACE" --retry=2 --timeout=500 --backoff=1.5 --plain)
ND=("$LAB_BIN/nd-arp" --scan "$SUBNET" --json)
sweep_cmd() {  # NAME: run sweep variant NAME once (the caller sets RUN)
  case $1 in
    arp-scan) one sweep arp-scan "$RUN" arpscan "${AS[@]}" --interval=2 "$SUBNET" ;;
    nd-arp) one sweep nd-arp "$RUN" ndarp "${ND[@]}" ;;
    arp-scan-quiet) one sweep arp-scan-quiet "$RUN" arpscan "${AS[@]}" --interval=2 --quiet "$SUBNET" ;;
    arp-scan-fast) one sweep arp-scan-fast "$RUN" arpscan "${AS[@]}" --interval=200u "$SUBNET" ;;
    nd-arp-fast) one sweep nd-arp-fast "$RUN" ndarp "${ND[@]}" -i 0.0002 ;;
    arp-scan-i0) one sweep arp-scan-i0 "$RUN" arpscan "${AS[@]}" --interval=0 "$SUBNET" ;;
    nd-arp-i0) one sweep nd-arp-i0 "$RUN" ndarp "${ND[@]}" -i 0 ;;
  esac
}

rtt_cmd() {  # NAME COUNT: run NAME once with -c COUNT (the caller sets RUN)
  case $1 in
    arping) one rtt arping "$RUN" arping "$ARPING" -c "$2" -i 1 -I "$IFACE" "$HOST" ;;
    nd-arp) one rtt nd-arp "$RUN" ndarp "$LAB_BIN/nd-arp" -c "$2" -i 1 --json "$HOST" ;;
  esac
}

abba() {  # KIND N TOOL... — a warm-up (run 0), then N rounds, the order reversed every other one
  local kind=$1 n=$2 r i t
  shift 2
  local tools=("$@")
  RUN=0
  if [[ $kind == sweep ]]; then
    for t in "${tools[@]}"; do sweep_cmd "$t"; done
  else
    for t in "${tools[@]}"; do rtt_cmd "$t" 1; done
  fi
  for ((r = 1; r <= n; r++)); do
    RUN=$r
    echo "#   round $r/$n" >&2
    local order=()
    if ((r % 2)); then order=("${tools[@]}"); else
      for ((i = ${#tools[@]} - 1; i >= 0; i--)); do order+=("${tools[i]}"); done
    fi
    for t in "${order[@]}"; do
      if [[ $kind == sweep ]]; then sweep_cmd "$t"; else rtt_cmd "$t" 10; fi
    done
  done
}

sweep_tools=(arp-scan nd-arp arp-scan-quiet arp-scan-fast nd-arp-fast arp-scan-i0 nd-arp-i0)
echo "# sweep of $SUBNET: ${sweep_tools[*]}; a warm-up and $rounds round(s), ABBA" >&2
abba sweep "$rounds" "${sweep_tools[@]}"
if ((rtt_rounds > 0)); then
  echo "# RTT to $HOST: arping, nd-arp (-c 10 -i 1); a warm-up (-c 1) and $rtt_rounds round(s), ABBA" >&2
  abba rtt "$rtt_rounds" arping nd-arp
fi

{
  echo "compilers_end=$(busy)"
  echo "cpu_end=$(head -1 /proc/stat)"
  echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$work/meta"
if ((capture)); then
  sleep 0.2
  kill -INT "$CAPTURE_PID" 2>/dev/null || true
  wait "$CAPTURE_PID" 2>/dev/null || true
fi

echo
echo "### nd-arp vs arp-scan and arping"
echo
echo "Measured by \`bench/arp.sh --rounds $rounds\` on $(date -u +%Y-%m-%d): $(nproc) CPU(s), Linux $(uname -r)," \
  "$(arp-scan --version 2>&1 | head -1), $("$ARPING" -V 2>&1 | head -1 | sed 's/^arping from //; s/^/arping (/; s/$/)/')," \
  "$("$LAB_BIN/nd-arp" --version 2>&1 | head -1). All as root in the client namespace of the ARP lab."
echo
"$LAB_PYTHON" "$BENCH_DIR/arp_stats.py" "$work"
if [[ -n $keep_dir ]]; then
  mkdir -p "$keep_dir" && cp -R "$work"/. "$keep_dir"/ && echo "raw results copied to $keep_dir" >&2
fi
