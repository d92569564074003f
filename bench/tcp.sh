#!/usr/bin/env bash
# bench/tcp.sh — nd-tcp against nmap -sT (and nmap -sS) in the lab of tests/lab/lab.sh, same run
# (built here and always torn down). Run as root. Not a test: it prints Markdown tables. See
# bench/README.md.
#
#   bench/tcp.sh [--bin-dir DIR] [--rounds N] [--keep DIR] [--no-v6] [--no-variants]
#
# The server (198.18.2.2 / fd00:2::2) gets 1000 ports, 20001-21000: every 50th open (20001,
# 20051, ...: 20 ports, one listener process that accepts and closes), every 5th dropped by an nft
# rule in its input (20005, 20010, ...: 200 ports, no answer at all), the other 780 closed (RST).
# Each round runs, in the client namespace as root, `nd-tcp --json HOST 20001-21000` (defaults),
# `nmap -sT -T4 -n -Pn -p 20001-21000 -oX - HOST` and `nmap -sS -T4 ...` (order reversed every
# other round: ABBA), with `date +%s%N` around each command; ROUNDS rounds (default 3) after one
# warm-up each, IPv4 then IPv6 (nmap -6). Tables: median wall time, ratio nd-tcp / nmap (goal
# < 1.0 against -sT), agreement of the per-port states with the ground truth and with each other
# (goal 100 %), per-state counts, and what nd-tcp's silent ports cost (its JSON).
# --no-variants skips the trade-off rows (nd-tcp --parallel 1000, --retries 0); --no-v6 skips IPv6.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

bin_dir=${NETDIAG_BIN_DIR:-$REPO/build/bin}
rounds=3 keep_dir="" do_v6=1 variants=1
while (($#)); do
  case $1 in
    --bin-dir) bin_dir=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --keep) keep_dir=$2; shift 2 ;;
    --no-v6) do_v6=0; shift ;;
    --no-variants) variants=0; shift ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed -e 's/^#//' -e 's/^ //'; exit 0 ;;
    *) echo "bench/tcp.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "bench/tcp.sh: --rounds must be a positive integer" >&2; exit 2; }
export NETDIAG_BIN_DIR=$bin_dir

# shellcheck source=tests/lab/lab.sh
source "$REPO/tests/lab/lab.sh"
lab_require_root
command -v nmap >/dev/null || lab_die "nmap is not installed (scripts/install-deps installs it)"
lab_stage_bins
lab_require_tool nd-tcp
# shellcheck disable=SC2119  # (no options: no delay needed)
lab_setup

FIRST=20001 LAST=21000 OPEN_EVERY=50 DROP_EVERY=5
open_ports=() drop_ports=()
for ((p = FIRST; p <= LAST; p++)); do
  i=$((p - FIRST))
  if ((i % OPEN_EVERY == 0)); then open_ports+=("$p")
  elif ((i % DROP_EVERY == DROP_EVERY - 1)); then drop_ports+=("$p"); fi
done

# One listener process for every open port, both families (dual-stack sockets), accept and close.
ip netns exec "$LAB_NS_S" "$LAB_PYTHON" -c '
import selectors, socket, sys
sel = selectors.DefaultSelector()
for p in sys.argv[1:]:
    s = socket.socket(socket.AF_INET6)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", int(p)))
    s.listen(4096)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
while True:
    for key, _ in sel.select():
        try:
            key.fileobj.accept()[0].close()
        except OSError:
            pass' "${open_ports[@]}" </dev/null >/dev/null 2>&1 &
LAB_PIDS+=("$!")
for ((i = 0; i < 50; i++)); do
  (($(ss -Htln -N "$LAB_NS_S" "sport >= :$FIRST and sport <= :$LAST" | wc -l) >= ${#open_ports[@]})) && break
  sleep 0.1
done
(($(ss -Htln -N "$LAB_NS_S" "sport >= :$FIRST and sport <= :$LAST" | wc -l) >= ${#open_ports[@]})) ||
  lab_die "the listeners on the server did not come up"

drop_set=$(IFS=,; echo "${drop_ports[*]}")
ip netns exec "$LAB_NS_S" nft -f - <<EOF
table inet ndbench {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport { $drop_set } counter drop
  }
}
EOF

work=$LAB_WORK/bench
mkdir -p "$work"
: >"$work/runs.tsv"
{
  echo "first=$FIRST"
  echo "last=$LAST"
  echo "open=$(IFS=,; echo "${open_ports[*]}")"
  echo "dropped=$drop_set"
  echo "rounds=$rounds"
  echo "v4_server=$LAB_V4_CLEAN"
  echo "v6_server=$LAB_V6_CLEAN"
} >"$work/meta"

echo "# server $LAB_V4_CLEAN / $LAB_V6_CLEAN, ports $FIRST-$LAST:" >&2
echo "#   open (${#open_ports[@]}, every ${OPEN_EVERY}th from $FIRST): ${open_ports[*]}" >&2
echo "#   dropped (${#drop_ports[@]}, every ${DROP_EVERY}th from $((FIRST + DROP_EVERY - 1))," \
  "nft drop in the server's input): ${drop_ports[0]} ${drop_ports[1]} ${drop_ports[2]} ... ${drop_ports[-1]}" >&2
echo "#   closed: the other $((LAST - FIRST + 1 - ${#open_ports[@]} - ${#drop_ports[@]}))" >&2

# one CASE TOOL RUN FORMAT CMD... — run CMD in the client namespace as root (stdout to a file,
# stderr to another), record its wall time. FORMAT: ndtcp (JSON) or nmap (XML).
one() {
  local case_=$1 tool=$2 run=$3 format=$4 t0 t1 rc=0 pid
  shift 4
  local out=$work/$case_.$tool.$run.out
  t0=$(date +%s%N)
  timeout -k 5 "$LAB_TOOL_TIMEOUT" ip netns exec "$LAB_NS_C" "$@" >"$out" 2>"$out.err" </dev/null &
  pid=$!
  wait "$pid" || rc=$?
  t1=$(date +%s%N)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case_" "$tool" "$run" "$((t1 - t0))" "$rc" "$format" \
    "$(basename "$out")" >>"$work/runs.tsv"
}

range=$FIRST-$LAST
tool_cmd() {  # NAME SERVER FAM: run tool NAME once (the caller sets CASE and RUN)
  local name=$1 server=$2 fam=$3
  local six=()
  [[ $fam == -6 ]] && six=(-6)
  case $name in
    nd-tcp) one "$CASE" nd-tcp "$RUN" ndtcp "$LAB_BIN/nd-tcp" --json "$server" "$range" ;;
    nmap-sT) one "$CASE" nmap-sT "$RUN" nmap nmap "${six[@]}" -sT -T4 -n -Pn -p "$range" -oX - "$server" ;;
    nmap-sS) one "$CASE" nmap-sS "$RUN" nmap nmap "${six[@]}" -sS -T4 -n -Pn -p "$range" -oX - "$server" ;;
    nd-tcp-p1000) one "$CASE" nd-tcp-p1000 "$RUN" ndtcp "$LAB_BIN/nd-tcp" --json --parallel 1000 "$server" "$range" ;;
    nd-tcp-r0) one "$CASE" nd-tcp-r0 "$RUN" ndtcp "$LAB_BIN/nd-tcp" --json --retries 0 "$server" "$range" ;;
  esac
}

series() {  # CASE SERVER FAM
  local server=$2 fam=$3 r t i
  CASE=$1
  local tools=(nd-tcp nmap-sT nmap-sS)
  ((variants)) && tools+=(nd-tcp-p1000 nd-tcp-r0)
  echo "# $CASE: ${tools[*]} against $server ports $range, $rounds rounds, ABBA" >&2
  RUN=0
  for t in "${tools[@]}"; do tool_cmd "$t" "$server" "$fam"; done
  for ((r = 1; r <= rounds; r++)); do
    RUN=$r
    if ((r % 2)); then
      for t in "${tools[@]}"; do tool_cmd "$t" "$server" "$fam"; done
    else
      for ((i = ${#tools[@]} - 1; i >= 0; i--)); do tool_cmd "${tools[i]}" "$server" "$fam"; done
    fi
  done
}

series v4 "$LAB_V4_CLEAN" ""
if ((do_v6)); then
  # nmap -6 needs nothing more than IPv6 in the namespace; a failing warm-up says it does not work.
  if ip netns exec "$LAB_NS_C" nmap -6 -sT -n -Pn -p "$FIRST" -oX - "$LAB_V6_CLEAN" >/dev/null 2>&1; then
    series v6 "$LAB_V6_CLEAN" -6
  else
    echo "# v6: nmap -6 does not work in the lab; IPv6 skipped" >&2
  fi
fi
ip netns exec "$LAB_NS_S" nft list table inet ndbench >"$work/nft.txt" 2>&1 || true

echo
echo "### nd-tcp vs nmap"
echo
echo "Measured by \`bench/tcp.sh\` on $(date -u +%Y-%m-%d): $(nproc) CPU(s), Linux $(uname -r)," \
  "$(nmap --version 2>&1 | head -1 | sed 's/ (.*//'), $("$LAB_BIN/nd-tcp" --version 2>&1 | head -1)."
echo "1000 ports of one lab host (${#open_ports[@]} open, ${#drop_ports[@]} dropped, the rest closed)," \
  "all as root in the client namespace, $rounds rounds after a warm-up, alternating (ABBA)."
echo
"$LAB_PYTHON" "$BENCH_DIR/tcp_stats.py" "$work"
if [[ -n $keep_dir ]]; then
  mkdir -p "$keep_dir" && cp -R "$work"/. "$keep_dir"/ && echo "raw results copied to $keep_dir" >&2
fi
