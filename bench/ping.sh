#!/usr/bin/env bash
# bench/ping.sh — nd-ping against iputils ping, side by side in the same run, in the lab
# (tests/lab/lab.sh builds it and always tears it down). Run as root. Not a test: it prints a
# Markdown table for the README. See bench/README.md.
#
#   bench/ping.sh [--bin-dir DIR] [--delay MS] [--count N] [--rounds N] [--flood-count N]
#                 [--repeats N] [--keep DIR]
#
# (a) latency: iputils `ping -c N -i 0.01` and `nd-ping -c N -i 0.01 --json` to the lab's delayed
#     address (MS one way, default 9: requests wait MS in the router; 9 keeps the RTT under 10 ms,
#     where iputils still prints 10 µs, not 100 µs) and to the clean address, in ROUNDS rounds
#     of N/ROUNDS probes each, both tools running at the same time, while tcpdump stamps every
#     packet on the client's interface; per probe, each tool's RTT minus the wire's RTT (its own
#     send-side error: the receive stamp is the same skb stamp) — goal: medians within ±10 µs of
#     each other — and the plain medians, means and mins of the RTTs.
# (b) flood: `ping -f -c F 127.0.0.1` and `nd-ping -f -c F 127.0.0.1`, with and without -q, on
#     the loopback of a fresh namespace, alternately, REPEATS times each; median wall time →
#     probes per second and the ratio nd-ping / iputils. Goal: ≥ 1.0.
# Both tools run as root with the namespace's ping_group_range closed, so both use raw sockets.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

bin_dir=${NETDIAG_BIN_DIR:-$REPO/build/bin}
delay=9 count=200 rounds=4 flood_count=20000 repeats=3 keep=""
while (($#)); do
  case $1 in
    --bin-dir) bin_dir=$2; shift 2 ;;
    --delay) delay=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --flood-count) flood_count=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h | --help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed -e 's/^#//' -e 's/^ //'; exit 0 ;;
    *) echo "bench/ping.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
for n in "$count" "$rounds" "$flood_count" "$repeats"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench/ping.sh: counts must be positive integers" >&2; exit 2; }
done
((count % rounds == 0)) || { echo "bench/ping.sh: --count must be a multiple of --rounds" >&2; exit 2; }
export NETDIAG_BIN_DIR=$bin_dir

# shellcheck source=tests/lab/lab.sh
source "$REPO/tests/lab/lab.sh"
lab_require_root
command -v ping >/dev/null || lab_die "iputils ping is not installed"
command -v tcpdump >/dev/null || lab_die "tcpdump is not installed (scripts/install-deps installs it)"
ping -V 2>&1 | grep -q iputils || lab_die "ping is not iputils ping"
lab_stage_bins
lab_require_tool nd-ping
lab_setup --delay "$delay" --delay-directions request
lab_require_delay
lab_mode root

work=$LAB_WORK/bench
mkdir -p "$work"
per_round=$((count / rounds))

# run_iputils OUT ARGS... / run_ndping OUT ARGS... — in the client namespace, as root
run_iputils() { local out=$1; shift; ip netns exec "$LAB_NS_C" ping "$@" >"$out" 2>&1 || true; }
run_ndping() { local out=$1; shift; ip netns exec "$LAB_NS_C" "$LAB_BIN/nd-ping" "$@" >"$out" 2>>"$work/ndping.err" || true; }

latency() {  # NAME ADDR DESCRIPTION
  local name=$1 addr=$2 desc=$3 r
  printf '%s\t%s\n' "$name" "$desc" >>"$work/paths"
  echo "# latency: $desc — $rounds rounds of $per_round probes each, every 10 ms" >&2
  # warm-up (neighbour caches, page cache), not counted
  run_iputils "$work/warm.txt" -c 3 -i 0.01 "$addr"
  run_ndping "$work/warm.json" -c 3 -i 0.01 --json "$addr"
  # Both tools at the same time, through the same router and delay queue, while tcpdump stamps
  # every request and reply on the client's interface (nanoseconds). The capture's receive stamp
  # is the same skb stamp the tools read, so "tool RTT - wire RTT" per probe is each tool's own
  # error, whatever the path's jitter did to that probe.
  for ((r = 1; r <= rounds; r++)); do
    ip netns exec "$LAB_NS_C" tcpdump -i c0 -n -U -Z root --time-stamp-precision=nano \
      -w "$work/$name.wire.$r.pcap" icmp 2>"$work/tcpdump.err" &
    local tcpdump_pid=$!
    sleep 0.5  # until the capture is attached
    run_iputils "$work/$name.iputils.$r.txt" -c "$per_round" -i 0.01 "$addr" &
    local iputils_pid=$!
    run_ndping "$work/$name.ndping.$r.json" -c "$per_round" -i 0.01 --json "$addr" &
    wait "$iputils_pid" $!
    sleep 0.2
    kill -INT "$tcpdump_pid"
    wait "$tcpdump_pid" || true
  done
}

latency delayed "$LAB_V4_DELAY" "delayed path ($delay ms one way)"
latency clean "$LAB_V4_CLEAN" "clean path (no delay)"

# Flood on a fresh namespace's loopback.
flood_ns=${LAB_PREFIX}f
lab_ns_add "$flood_ns"
ip netns exec "$flood_ns" sysctl -qw net.ipv4.ping_group_range="1 0"
flood_one() {  # TOOL RUN [-q]: with -q, no dots and backspaces, only the summary
  local tool=$1 run=$2 quiet=${3:-} t0 t1 cmd
  local out=$work/flood.$tool$quiet.$run.txt
  if [[ $tool == iputils ]]; then cmd=(ping); else cmd=("$LAB_BIN/nd-ping"); fi
  t0=$(date +%s%N)
  ip netns exec "$flood_ns" "${cmd[@]}" -f $quiet -c "$flood_count" 127.0.0.1 >"$out" 2>&1 || true
  t1=$(date +%s%N)
  local sent recv
  sent=$(sed -nE 's/^([0-9]+) packets transmitted.*/\1/p' "$out" | tail -1)
  recv=$(sed -nE 's/^[0-9]+ packets transmitted, ([0-9]+) received.*/\1/p' "$out" | tail -1)
  printf '%s\t%s\t%s\t%s\t%s\n' "$tool$quiet" "$run" "$((t1 - t0))" "${sent:-0}" "${recv:-0}" >>"$work/flood.tsv"
}
echo "# flood: $repeats x $flood_count probes to 127.0.0.1 per tool, alternating" >&2
flood_one iputils 0 # warm-up, overwritten below
flood_one ndping 0
: >"$work/flood.tsv"
for quiet in "" -q; do
  for ((r = 1; r <= repeats; r++)); do
    if ((r % 2)); then
      flood_one iputils "$r" $quiet; flood_one ndping "$r" $quiet
    else
      flood_one ndping "$r" $quiet; flood_one iputils "$r" $quiet
    fi
  done
done

echo
echo "### nd-ping vs iputils ping"
echo
echo "Measured by \`bench/ping.sh\` on $(date -u +%Y-%m-%d): $(nproc) CPU(s), Linux $(uname -r)," \
  "$(ping -V 2>&1 | head -1 | sed 's/^ping from //'), $("$LAB_BIN/nd-ping" --version 2>&1 | head -1)."
echo "Both as root (raw sockets), in the same run: latency with both running at once, floods alternating."
echo
"$LAB_PYTHON" "$BENCH_DIR/ping_stats.py" "$work"
if [[ -s $work/ndping.err ]]; then
  echo
  echo "nd-ping wrote to stderr: $(sort -u "$work/ndping.err" | head -5)" >&2
fi
if [[ -n $keep ]]; then
  mkdir -p "$keep" && cp -R "$work"/. "$keep"/ && echo "raw results copied to $keep" >&2
fi
