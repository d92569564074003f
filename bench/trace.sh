#!/usr/bin/env bash
# bench/trace.sh — nd-trace against traceroute, tracepath and mtr, in the same lab, same run
# (tests/lab/trace_lab.sh: six hops, hop 3 silent, +2 ms and +5 ms delays, path MTU 1280; built
# here and always torn down). Run as root. Not a test: it prints a Markdown table. See bench/README.md.
#
#   bench/trace.sh [--bin-dir DIR] [--rounds N] [--keep DIR]
#
# (1) IPv4: `nd-trace -n SERVER` and `traceroute -n SERVER` (both with their defaults), alternating
#     ABBA for ROUNDS rounds (default 5); median wall time, ratio nd-trace / traceroute (goal ≤ 1.0),
#     and each run's hop list against trace_expect v4.
# (2) PMTU baselines: `tracepath -n SERVER`, `traceroute -n --mtu SERVER` and
#     `mtr -n --report -c 3 SERVER`, learnt PMTUs flushed before each run, in turn (the order
#     reversed every other round); median wall times, hop lists and PMTU reports against the
#     expected path (TRACE_PMTU at TRACE_PMTU_TTL), and `nd-trace -n --mtu SERVER` among them.
# (3) IPv6: (1) again with -6 to the fd00:: server.
# Every command runs as root in the client namespace; wall time is `date +%s%N` around it.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

bin_dir=${NETDIAG_BIN_DIR:-$REPO/build/bin}
rounds=5 keep_dir=""
while (($#)); do
  case $1 in
    --bin-dir) bin_dir=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --keep) keep_dir=$2; shift 2 ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed -e 's/^#//' -e 's/^ //'; exit 0 ;;
    *) echo "bench/trace.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "bench/trace.sh: --rounds must be a positive integer" >&2; exit 2; }
export NETDIAG_BIN_DIR=$bin_dir

# shellcheck source=tests/lab/lab.sh
source "$REPO/tests/lab/lab.sh"
# shellcheck source=tests/lab/trace_lab.sh
source "$REPO/tests/lab/trace_lab.sh"
lab_require_root
trace_lab_require
for t in traceroute tracepath mtr; do
  command -v "$t" >/dev/null || lab_die "$t is not installed"
done
traceroute --version 2>&1 | grep -q 'Modern traceroute' || lab_die "traceroute is not Dmitry Butskoy's traceroute"
lab_stage_bins
lab_require_tool nd-trace
# shellcheck disable=SC2119  # (no options: the plain topology, not --blackhole)
trace_lab_setup
((TRACE_HAVE_DELAY)) || echo "# warning: no delays in the trace lab ($LAB_NO_DELAY_WHY): all hops ~0 ms" >&2

work=$LAB_WORK/bench
mkdir -p "$work"
: >"$work/runs.tsv"
trace_expect v4 >"$work/expect.v4"
trace_expect v6 >"$work/expect.v6"
{
  echo "pmtu=$TRACE_PMTU"
  echo "pmtu_ttl=$TRACE_PMTU_TTL"
  echo "silent_ttl=$TRACE_SILENT_TTL"
  echo "rounds=$rounds"
  echo "v4_server=$TRACE_V4_SERVER"
  echo "v6_server=$TRACE_V6_SERVER"
  for k in "${!TRACE_MTU_AT[@]}"; do echo "mtu_at=$k:${TRACE_MTU_AT[k]}"; done
  for k in "${!TRACE_DELAY_MS[@]}"; do echo "delay_at=$k:${TRACE_DELAY_MS[k]}"; done
} >"$work/meta"

# one CASE TOOL RUN FORMAT CMD... — flush the client's learnt PMTUs, run CMD in the client
# namespace as root (stdout+stderr to a file), record its wall time. FORMAT tells trace_stats.py
# how to read the output: traceroute (also nd-trace's text), tracepath, mtr.
one() {
  local case_=$1 tool=$2 run=$3 format=$4 t0 t1 rc=0 pid
  shift 4
  local out=$work/$case_.$tool.$run.txt
  trace_flush_pmtu
  t0=$(date +%s%N)
  timeout -k 5 "$LAB_TOOL_TIMEOUT" ip netns exec "$LAB_NS_C" "$@" >"$out" 2>&1 </dev/null &
  pid=$!
  wait "$pid" || rc=$?
  t1=$(date +%s%N)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case_" "$tool" "$run" "$((t1 - t0))" "$rc" "$format" \
    "$(basename "$out")" >>"$work/runs.tsv"
}

plain() {  # CASE SERVER [-6]: nd-trace vs traceroute, ABBA
  local case_=$1 server=$2 fam=${3:-} r
  local opts=(-n ${fam:+"$fam"})
  echo "# $case_: nd-trace -n${fam:+ $fam} vs traceroute -n${fam:+ $fam} to $server, $rounds rounds, ABBA" >&2
  one "$case_" warm-ndtrace 0 traceroute "$LAB_BIN/nd-trace" "${opts[@]}" "$server"
  one "$case_" warm-traceroute 0 traceroute traceroute "${opts[@]}" "$server"
  for ((r = 1; r <= rounds; r++)); do
    if ((r % 2)); then
      one "$case_" nd-trace "$r" traceroute "$LAB_BIN/nd-trace" "${opts[@]}" "$server"
      one "$case_" traceroute "$r" traceroute traceroute "${opts[@]}" "$server"
    else
      one "$case_" traceroute "$r" traceroute traceroute "${opts[@]}" "$server"
      one "$case_" nd-trace "$r" traceroute "$LAB_BIN/nd-trace" "${opts[@]}" "$server"
    fi
  done
}

pmtu_tool() {  # NAME RUN
  case $1 in
    tracepath) one pmtu tracepath "$2" tracepath tracepath -n "$TRACE_V4_SERVER" ;;
    traceroute-mtu) one pmtu traceroute-mtu "$2" traceroute traceroute -n --mtu "$TRACE_V4_SERVER" ;;
    mtr) one pmtu mtr "$2" mtr mtr -n --report -c 3 "$TRACE_V4_SERVER" ;;
    nd-trace-mtu) one pmtu nd-trace-mtu "$2" traceroute "$LAB_BIN/nd-trace" -n --mtu "$TRACE_V4_SERVER" ;;
  esac
}

plain v4 "$TRACE_V4_SERVER"

pmtu_tools=(tracepath traceroute-mtu mtr nd-trace-mtu)
echo "# pmtu: ${pmtu_tools[*]} to $TRACE_V4_SERVER, $rounds rounds, order reversed every other round" >&2
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then
    for t in "${pmtu_tools[@]}"; do pmtu_tool "$t" "$r"; done
  else
    for ((i = ${#pmtu_tools[@]} - 1; i >= 0; i--)); do pmtu_tool "${pmtu_tools[i]}" "$r"; done
  fi
done

plain v6 "$TRACE_V6_SERVER" -6

echo
echo "### nd-trace vs traceroute, tracepath, mtr"
echo
echo "Measured by \`bench/trace.sh\` on $(date -u +%Y-%m-%d): $(nproc) CPU(s), Linux $(uname -r)," \
  "traceroute $(traceroute --version 2>&1 | sed -nE 's/.*version ([0-9.]+).*/\1/p' | head -1)," \
  "$(tracepath -V 2>&1 | head -1 | sed 's/^tracepath from //; s/^/iputils /; s/iputils iputils/iputils/')," \
  "$(mtr --version 2>&1 | head -1), $("$LAB_BIN/nd-trace" --version 2>&1 | head -1)."
echo "All as root in the client namespace of tests/lab/trace_lab.sh, $rounds rounds, alternating (ABBA)."
echo
"$LAB_PYTHON" "$BENCH_DIR/trace_stats.py" "$work"
if [[ -n $keep_dir ]]; then
  mkdir -p "$keep_dir" && cp -R "$work"/. "$keep_dir"/ && echo "raw results copied to $keep_dir" >&2
fi
