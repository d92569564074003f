#!/usr/bin/env bash
# bench/dns.sh — nd-dns against dig +trace and drill -T (one name at a time), and nd-dns -f (a
# batch of 200 names) against a cold unbound, in the DNS lab of tests/lab/dns_lab.sh, same run
# (built here and always torn down). Run as root. Not a test: it prints Markdown tables. See
# bench/README.md.
#
#   bench/dns.sh [--bin-dir DIR] [--rounds N] [--batch-rounds N] [--keep DIR] [--no-dead]
#                [--no-capture]
#
# (1) One name, from the lab's root: www.plain.lab A, www.chain.lab A (two CNAMEs across three
#     zones), alias.other.test A (the chain's middle link, for dig's sake), host.glueless.lab A,
#     www.lame.lab A, nosuch.plain.lab A, big.plain.lab TXT (TC, then TCP), www.old.lab A (DNAME)
#     and www.dead.lab A (unless --no-dead). Six rows: `nd-dns --root-hints HINTS --json` (its
#     defaults) and with --no-qmin; `dig +trace @a.root.lab` and `drill -T -r HINTS`, each twice:
#     with /etc/hosts naming every lab server (dns_lab_hosts servers: name-server names cost no
#     query, as with a warm system resolver) and with /etc/hosts naming only the roots, so that
#     they look name-server names up through the namespace's resolv.conf, i.e. a cold lab unbound,
#     whose upstream queries are counted with theirs. For www.dead.lab: nd-dns -W 1, dig +time=1;
#     drill has no timeout option (ldns: 5 s, 3 tries per address). A cold unbound is started
#     before every dig and drill run (whichever the row). A warm-up (run 0: one run of each row,
#     www.plain.lab), then ROUNDS rounds (default 5), the rows' order reversed every other round.
# (2) Batch: a list of 200 names over the lab's zones (dns_lab_bulk's bulk.lab with h001…h149,
#     z01…z08.lab, y01…y04.test, CNAMEs, names deeper than the zone cut, two NXDOMAINs, and the
#     one-name cases), `nd-dns --root-hints HINTS --json -f LIST` and with --no-qmin, against a
#     cold unbound (fresh start, the lab's root hints, its defaults but `local-zone: "test."
#     nodefault`) asked the same list one name after another (`dig -f LIST @resolver`), and with
#     `qname-minimisation: no`. BATCH_ROUNDS rounds (default 3), the order reversed every other one.
# Every command runs as root in the client namespace, `date +%s%N` around it. Per run, the lab's
# nft counters give the exact queries the servers received from the client (the tool) and from the
# resolver (unbound); they are reset before each run. Unless --no-capture (or without tcpdump),
# tcpdump in the servers' namespace records every query of the run (names and types, to say where
# the queries went).
# shellcheck disable=SC2119  # (the lab's counting functions take optional filters, none here)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)

bin_dir=${NETDIAG_BIN_DIR:-$REPO/build/bin}
rounds=5 batch_rounds=3 keep_dir="" capture=1 dead=1
while (($#)); do
  case $1 in
    --bin-dir) bin_dir=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --batch-rounds) batch_rounds=$2; shift 2 ;;
    --keep) keep_dir=$2; shift 2 ;;
    --no-dead) dead=0; shift ;;
    --no-capture) capture=0; shift ;;
    -h | --help) sed -n '2,32p' "${BASH_SOURCE[0]}" | sed -e 's/^#//' -e 's/^ //'; exit 0 ;;
    *) echo "bench/dns.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ $rounds =~ ^[0-9]+$ ]] || { echo "bench/dns.sh: --rounds must be an integer ≥ 0" >&2; exit 2; }
[[ $batch_rounds =~ ^[0-9]+$ ]] || { echo "bench/dns.sh: --batch-rounds must be an integer ≥ 0" >&2; exit 2; }
((rounds + batch_rounds > 0)) || { echo "bench/dns.sh: nothing to do (--rounds 0 --batch-rounds 0)" >&2; exit 2; }
export NETDIAG_BIN_DIR=$bin_dir

# The classic tools first: without them there is nothing to compare against (exit 2, as a usage
# error would).
[[ $(id -u) -eq 0 ]] || { echo "bench/dns.sh: run as root (it builds network namespaces)" >&2; exit 2; }
for t in dig:bind9-dnsutils drill:ldnsutils unbound:unbound unbound-control:unbound nsd:nsd; do
  command -v "${t%%:*}" >/dev/null ||
    { echo "bench/dns.sh: ${t%%:*} is not installed (Debian package ${t#*:}; scripts/install-deps installs it)" >&2; exit 2; }
done
if ((capture)) && ! command -v tcpdump >/dev/null; then
  echo "# tcpdump is not installed: no capture (the query breakdowns are left out)" >&2
  capture=0
fi

# shellcheck source=tests/lab/lab.sh
source "$REPO/tests/lab/lab.sh"
# shellcheck source=tests/lab/dns_lab.sh
source "$REPO/tests/lab/dns_lab.sh"
lab_require_root
dns_lab_require
dns_lab_require_unbound
lab_stage_bins
lab_require_tool nd-dns
LAB_TOOL_TIMEOUT=60
dns_lab_bulk
dns_lab_setup

# busy — how many compiler and build processes run (another build on this machine skews the times).
# shellcheck disable=SC2009  # (pgrep refuses a pattern longer than a process name, 15 characters)
busy() { ps -e -o comm= | grep -cxE 'cc1plus|cc1|clang(\+\+)?(-[0-9]+)?|ninja|make' || true; }

HINTS=$DNS_LAB_ROOT_HINTS
ND=$LAB_BIN/nd-dns
# unbound's built-in local zones answer NXDOMAIN for every name under test. (RFC 6761) without
# asking anyone; the lab's test. is a real zone, so that one goes.
UNBOUND_LINES=('local-zone: "test." nodefault')
work=$LAB_WORK/bench
mkdir -p "$work"
chmod 755 "$work"
: >"$work/runs.tsv"

# The one-name cases: id, name, type, the expected end (ADDRESS of an A record of FINAL, NXDOMAIN,
# or TXT*COUNT), and FINAL (where the CNAME / DNAME chain ends).
cases=(plain chain alias glueless lame nxdomain big dname)
((dead)) && cases+=(dead)
declare -A QNAME QTYPE EXPECT FINAL
c() { QNAME[$1]=$2 QTYPE[$1]=$3 EXPECT[$1]=$4 FINAL[$1]=${5:-$2}; }
c plain www.plain.lab A "$DNS_LAB_WWW_PLAIN_V4"
c chain www.chain.lab A "$DNS_LAB_WWW_PLAIN_V4" www.plain.lab
c alias alias.other.test A "$DNS_LAB_WWW_PLAIN_V4" www.plain.lab
c glueless host.glueless.lab A "$DNS_LAB_GLUELESS_V4"
c lame www.lame.lab A "$DNS_LAB_WWW_LAME_V4"
c nxdomain nosuch.plain.lab A NXDOMAIN
c big big.plain.lab TXT "TXT*$DNS_LAB_BIG_COUNT"
c dname www.old.lab A "$DNS_LAB_WWW_PLAIN_V4" www.plain.lab
c dead www.dead.lab A "$DNS_LAB_WWW_DEAD_V4"
tools=(nd-dns nd-dns-noqmin dig-hosts dig-unbound drill-hosts drill-unbound)

# The batch: every name once, in a fixed shuffled order; "NAME TYPE" lines (nd-dns -f and dig -f
# read the same file), and "NAME TYPE EXPECTED FINAL" for the checks.
batch_list() {
  local i z h p=$DNS_LAB_WWW_PLAIN_V4
  echo "www.plain.lab A $p"
  echo "www.plain.lab AAAA $DNS_LAB_WWW_PLAIN_V6"
  echo "www.chain.lab A $p www.plain.lab"
  echo "alias.other.test A $p www.plain.lab"
  echo "host.glueless.lab A $DNS_LAB_GLUELESS_V4"
  echo "www.lame.lab A $DNS_LAB_WWW_LAME_V4"
  echo "ns2.lame.lab A $DNS_LAB_LAME_GOOD_V4"
  echo "www.dead.lab A $DNS_LAB_WWW_DEAD_V4"
  echo "ns2.dead.lab A $DNS_LAB_DEAD_GOOD_V4"
  echo "www.old.lab A $p www.plain.lab"
  echo "big.plain.lab TXT TXT*$DNS_LAB_BIG_COUNT"
  echo "nosuch.plain.lab A NXDOMAIN"
  echo "nosuch.bulk.lab A NXDOMAIN"
  echo "c1.bulk.lab A $DNS_LAB_BULK_NET_H.1 h001.bulk.lab"
  echo "c2.bulk.lab A $p www.plain.lab"
  echo "c3.bulk.lab A $DNS_LAB_BULK_NET_Z.1 www.z01.lab"
  echo "c4.bulk.lab A $DNS_LAB_BULK_NET_Y.1 www.y01.test"
  echo "www.a.deep.bulk.lab A $DNS_LAB_BULK_NET_H.201"
  echo "www.b.deep.bulk.lab A $DNS_LAB_BULK_NET_H.202"
  for ((z = 1; z <= DNS_LAB_BULK_NZ; z++)); do
    printf 'www.z%02d.lab A %s.%d\nmail.z%02d.lab A %s.%d\nftp.z%02d.lab A %s.%d\n' \
      "$z" "$DNS_LAB_BULK_NET_Z" "$z" "$z" "$DNS_LAB_BULK_NET_Z" $((100 + z)) "$z" "$DNS_LAB_BULK_NET_Z" $((200 + z))
  done
  for ((z = 1; z <= DNS_LAB_BULK_NY; z++)); do
    printf 'www.y%02d.test A %s.%d\nmail.y%02d.test A %s.%d\n' \
      "$z" "$DNS_LAB_BULK_NET_Y" "$z" "$z" "$DNS_LAB_BULK_NET_Y" $((100 + z))
  done
  local n=$((19 + 3 * DNS_LAB_BULK_NZ + 2 * DNS_LAB_BULK_NY))
  for ((h = 1; h <= 200 - n && h <= DNS_LAB_BULK_HOSTS; h++)); do
    printf 'h%03d.bulk.lab A %s.%d\n' "$h" "$DNS_LAB_BULK_NET_H" "$h"
  done
}
batch_list | "$LAB_PYTHON" -c 'import random, sys
lines = sys.stdin.read().splitlines()
random.Random(53).shuffle(lines)
print("\n".join(lines))' >"$work/batch.expected"
awk '{ print $1, $2 }' "$work/batch.expected" >"$work/batch.list"
chmod 644 "$work/batch.list"
for id in "${cases[@]}"; do
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "${QNAME[$id]}" "${QTYPE[$id]}" "${EXPECT[$id]}" "${FINAL[$id]}"
done >"$work/cases.tsv"
for name in "${DNS_LAB_SERVERS[@]}"; do
  for a in ${DNS_LAB_ADDR4[$name]:-} ${DNS_LAB_ADDR6[$name]}; do printf '%s\t%s\n' "$a" "$name"; done
done >"$work/servers.tsv"
printf '%s\tclient\n%s\tclient\n%s\tunbound\n%s\tunbound\n' "$DNS_LAB_CLIENT_V4" "$DNS_LAB_CLIENT_V6" \
  "$DNS_LAB_RESOLVER_V4" "$DNS_LAB_RESOLVER_V6" >>"$work/servers.tsv"
{
  echo "rounds=$rounds"
  echo "batch_rounds=$batch_rounds"
  echo "capture=$capture"
  echo "batch_names=$(wc -l <"$work/batch.list")"
  echo "root=$DNS_LAB_ROOT_V4"
  echo "resolver=$DNS_LAB_RESOLVER_V4"
  echo "unbound_lines=${UNBOUND_LINES[*]}"
  echo "date=$(date -u +%Y-%m-%d)"
  echo "nproc=$(nproc)"
  echo "kernel=$(uname -r)"
  echo "dig=$(dig -v 2>&1 | head -1)"
  echo "drill=$(drill -v 2>&1 | head -1)"
  echo "unbound=$(unbound -V 2>&1 | sed -n 's/^Version /unbound /p' | head -1)"
  echo "nsd=$(nsd -v 2>&1 | head -1)"
  echo "nd_dns=$("$ND" --version 2>&1 | head -1)"
  echo "compilers_start=$(busy)"
  echo "cpu_start=$(head -1 /proc/stat)"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$work/meta"

echo "# DNS lab: client $DNS_LAB_CLIENT_V4, root $DNS_LAB_ROOT_V4, resolver $DNS_LAB_RESOLVER_V4;" \
  "${#cases[@]} one-name cases, $(wc -l <"$work/batch.list") names in the batch" >&2

if ((capture)); then
  lab_capture "$DNS_LAB_NS_S" "the servers' namespace" "$work/capture.pcap" -i br0 -s 1500 --immediate-mode 'dst port 53'
fi

# settled — the query counters, once they have stopped moving (unbound may still be fetching
# name-server addresses when it has answered): "CLIENT RESOLVER".
settled() {
  local a b i
  a="$(dns_lab_server_queries --from client) $(dns_lab_unbound_queries)"
  for ((i = 0; i < 20; i++)); do
    sleep 0.15
    b="$(dns_lab_server_queries --from client) $(dns_lab_unbound_queries)"
    [[ $a == "$b" ]] && break
    a=$b
  done
  echo "$a"
}

# one PART CASE TOOL RUN CMD... — reset the counters, run CMD in the client namespace as root
# (stdout to a file, stderr to another), record its wall time, the clock before and after (for the
# capture), and the queries the servers received from the client and from the resolver.
one() {
  local part=$1 case_=$2 tool=$3 run=$4 t0 t1 rc=0 pid counts
  shift 4
  local out=$work/$part.$case_.$tool.$run.out
  dns_lab_queries_reset
  t0=$(date +%s%N)
  timeout -k 5 "$LAB_TOOL_TIMEOUT" ip netns exec "$LAB_NS_C" "$@" >"$out" 2>"$out.err" </dev/null &
  pid=$!
  wait "$pid" || rc=$?
  t1=$(date +%s%N)
  counts=$(settled)
  dns_lab_query_log >"$out.qlog"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$part" "$case_" "$tool" "$run" "$((t1 - t0))" "$rc" \
    "${counts% *}" "${counts#* }" "$(basename "$out")" "$t0" "$t1" >>"$work/runs.tsv"
}

cold_unbound() { dns_lab_unbound_start "${UNBOUND_LINES[@]}" "$@"; }

name_cmd() {  # TOOL CASE: run TOOL once on CASE (the caller sets RUN)
  local t=$1 id=$2 ndx=() digx=()
  if [[ $id == dead ]]; then ndx=(-W 1) digx=(+time=1); fi
  local q=("${QNAME[$id]}" "${QTYPE[$id]}")
  case $t in
    nd-dns) one name "$id" "$t" "$RUN" "$ND" --root-hints "$HINTS" --json "${ndx[@]}" "${q[@]}" ;;
    nd-dns-noqmin) one name "$id" "$t" "$RUN" "$ND" --root-hints "$HINTS" --json --no-qmin "${ndx[@]}" "${q[@]}" ;;
    dig-* | drill-*)
      if [[ $t == *-hosts ]]; then dns_lab_hosts servers; else dns_lab_hosts roots; fi
      cold_unbound
      if [[ $t == dig-* ]]; then
        one name "$id" "$t" "$RUN" dig +trace "${digx[@]}" "@$DNS_LAB_ROOT_V4" "${q[@]}"
      else
        one name "$id" "$t" "$RUN" drill -T -r "$HINTS" "${q[@]}"
      fi
      ;;
  esac
}

batch_cmd() {  # TOOL: run TOOL once on the batch (the caller sets RUN)
  case $1 in
    nd-dns) one batch list "$1" "$RUN" "$ND" --root-hints "$HINTS" --json -f "$work/batch.list" ;;
    nd-dns-noqmin) one batch list "$1" "$RUN" "$ND" --root-hints "$HINTS" --json --no-qmin -f "$work/batch.list" ;;
    unbound | unbound-noqmin)
      if [[ $1 == unbound ]]; then cold_unbound; else cold_unbound "qname-minimisation: no"; fi
      one batch list "$1" "$RUN" dig -f "$work/batch.list" "@$DNS_LAB_RESOLVER_V4" +tries=1 +time=30
      dns_lab_unbound_control stats_noreset >"$work/batch.list.$1.$RUN.stats" 2>&1 || true
      ;;
  esac
}

reversed() { local i a=("$@"); for ((i = ${#a[@]} - 1; i >= 0; i--)); do echo "${a[i]}"; done; }

if ((rounds > 0)); then
  echo "# one name: ${tools[*]}; a warm-up (www.plain.lab) and $rounds round(s) of ${cases[*]}, ABBA" >&2
  RUN=0
  for t in "${tools[@]}"; do name_cmd "$t" plain; done
  # What start-up alone costs (ip netns exec included), to read the wall times against.
  for ((i = 1; i <= 5; i++)); do
    one start - true "$i" true
    one start - nd-dns "$i" "$ND" --version
    one start - dig "$i" dig -v
    one start - drill "$i" drill -v
  done
  for ((r = 1; r <= rounds; r++)); do
    RUN=$r
    echo "#   round $r/$rounds" >&2
    order=("${tools[@]}")
    ((r % 2)) || mapfile -t order < <(reversed "${tools[@]}")
    for id in "${cases[@]}"; do
      for t in "${order[@]}"; do name_cmd "$t" "$id"; done
    done
  done
fi

btools=(nd-dns nd-dns-noqmin unbound unbound-noqmin)
if ((batch_rounds > 0)); then
  echo "# batch of $(wc -l <"$work/batch.list") names: ${btools[*]}; $batch_rounds round(s), ABBA" >&2
  for ((r = 1; r <= batch_rounds; r++)); do
    RUN=$r
    echo "#   round $r/$batch_rounds" >&2
    order=("${btools[@]}")
    ((r % 2)) || mapfile -t order < <(reversed "${btools[@]}")
    for t in "${order[@]}"; do batch_cmd "$t"; done
  done
fi
dns_lab_unbound_stop

{
  echo "compilers_end=$(busy)"
  echo "cpu_end=$(head -1 /proc/stat)"
  echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$work/meta"
if ((capture)); then
  sleep 1
  kill -INT "$CAPTURE_PID" 2>/dev/null || true
  wait "$CAPTURE_PID" 2>/dev/null || true
fi

echo
echo "### nd-dns vs dig +trace, drill -T and unbound"
echo
echo "Measured by \`bench/dns.sh --rounds $rounds --batch-rounds $batch_rounds\` on $(date -u +%Y-%m-%d): $(nproc) CPU(s)," \
  "Linux $(uname -r), $(dig -v 2>&1 | head -1 | sed 's/^DiG /dig /'), $(drill -v 2>&1 | head -1 | sed 's/ (ldns.*//')," \
  "$(unbound -V 2>&1 | sed -n 's/^Version /unbound /p' | head -1), $(nsd -v 2>&1 | head -1 | sed 's/ version//')," \
  "$("$ND" --version 2>&1 | head -1). All as root in the client namespace of the DNS lab."
echo
"$LAB_PYTHON" "$BENCH_DIR/dns_stats.py" "$work"
if [[ -n $keep_dir ]]; then
  mkdir -p "$keep_dir" && cp -R "$work"/. "$keep_dir"/ && echo "raw results copied to $keep_dir" >&2
fi
