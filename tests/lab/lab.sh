# shellcheck shell=bash disable=SC2034  # (variables for the scripts that source this)
# lab.sh — network-namespace lab for netdiag's lab tests and benchmarks. Source it, then:
#
#   lab_require_root                 # exit 77 ("SKIP: ...") without root / working `ip netns`
#   lab_setup [--delay MS] [--delay-directions both|request] [--loss PCT]
#   lab_stage_bins                   # copy $NETDIAG_BIN_DIR's tools + ../lib to a 755 temp dir
#   lab_nd root|nobody OUT ERR ARGS  # run nd-ping in the client namespace, exit code in $LAB_RC
#   lab_json_check FILE "desc" 'python expr over d'   /   lab_check "desc" cmd...
#   lab_listen PORT [NS]             # a TCP listener (both families) on the server, or in NS
#   lab_schema_valid FILE NAME       # FILE validates against schemas/NAME.schema.json
#   lab_finish                       # exit 1 if any check failed
#
# Topology (names unique per run: ${LAB_PREFIX}c, ${LAB_PREFIX}r, ${LAB_PREFIX}s):
#
#   client  c0 ───────── r0  router  r1 ───────── s0  server
#   198.18.1.2/24   198.18.1.1/24   198.18.2.1/24   198.18.2.2 .3 .4 /24
#   fd00:1::2/64    fd00:1::1/64    fd00:2::1/64    fd00:2::2 ::3 ::4 /64
#                                    └─ MTU 1400 on r1 and s0 ─┘
#
# Destinations seen from the client (addresses below are the defaults of the LAB_* variables):
#   LAB_V4_CLEAN   198.18.2.2  fd00:2::2  (LAB_V6_CLEAN)    plain, ttl 63 at the client
#   LAB_V4_DELAY   198.18.2.3  fd00:2::3  (LAB_V6_DELAY)    with --delay MS: every packet to AND from
#                  it waits MS in the router (NFQUEUE + nfq_delay), so the RTT grows by 2*MS
#                  (with --delay-directions request: only the packets to it, RTT + MS)
#   LAB_V4_LOSSY   198.18.2.4  fd00:2::4  (LAB_V6_LOSSY)    PCT% of the packets towards it dropped in
#                  the router (nft numgen random mod 100 < PCT); default 30
#   LAB_V4_NOROUTE 198.18.99.1 fd00:99::1 (LAB_V6_NOROUTE)  router has no route: ICMP net unreachable
#                  (3/0) / ICMPv6 no route (1/0) from 198.18.1.1 / fd00:1::1 (for IPv4 sent by an
#                  nft rule, for every packet: the kernel's own is rate-limited host-wide)
#   LAB_V4_DEAD    198.18.2.99 fd00:2::99 (LAB_V6_DEAD)     on-link, nobody answers ARP/ND: host
#                  unreachable (3/1) / address unreachable (1/3) after ~0.5 s
#   Packets bigger than 1400 bytes with DF towards the server: "frag needed, mtu 1400" (3/4) /
#   packet too big (2/0, mtu 1400) from the router. -s 1472 (v4) and -s 1452 (v6) make 1500 bytes.
#
# The router's ICMP error rate limits are off, so every probe gets its error. The client and the
# server have net.ipv4.ping_group_range "1 0" (closed) until lab_ping_group open.
#
# Every namespace, helper process and temp dir is removed on exit (trap EXIT, also on INT/TERM).
# Only 198.18.0.0/15 and fd00::/8 are used, inside namespaces this file creates, plus loopback.
#
# Environment: NETDIAG_BIN_DIR (build tree bin/), NETDIAG_NFQ_DELAY (nfq_delay binary; else
# looked up in the build tree, else compiled with c++ into the work dir), NETDIAG_PING_SCHEMA,
# NETDIAG_PYTHON (default /usr/bin/python3: it must have jsonschema), NETDIAG_LAB_TIMEOUT (seconds
# after which the test stops and tears down; CMake sets it), LAB_TOOL_TIMEOUT (per tool run, 60).
# Needs iproute2, nftables, util-linux (setpriv), coreutils; the delayed path also iptables (its
# NFQUEUE target: this kernel has no nft "queue") and nfq_delay (libnetfilter-queue).

if [[ -n ${LAB_SH_LOADED:-} ]]; then return 0; fi
LAB_SH_LOADED=1

set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_PYTHON=${NETDIAG_PYTHON:-/usr/bin/python3}
LAB_SCHEMA=${NETDIAG_PING_SCHEMA:-$LAB_DIR/../../schemas/netdiag.ping-1.schema.json}

LAB_PREFIX=${LAB_PREFIX:-nd$$-}
if [[ -e /run/netns/${LAB_PREFIX}c || -e /run/netns/${LAB_PREFIX}r ]]; then
  LAB_PREFIX=nd$$-$RANDOM-
fi
LAB_NS_C=${LAB_PREFIX}c
LAB_NS_R=${LAB_PREFIX}r
LAB_NS_S=${LAB_PREFIX}s

LAB_V4_ROUTER=198.18.1.1 LAB_V6_ROUTER=fd00:1::1
LAB_V4_CLIENT=198.18.1.2 LAB_V6_CLIENT=fd00:1::2
LAB_V4_CLEAN=198.18.2.2 LAB_V6_CLEAN=fd00:2::2
LAB_V4_DELAY=198.18.2.3 LAB_V6_DELAY=fd00:2::3
LAB_V4_LOSSY=198.18.2.4 LAB_V6_LOSSY=fd00:2::4
LAB_V4_NOROUTE=198.18.99.1 LAB_V6_NOROUTE=fd00:99::1
LAB_V4_DEAD=198.18.2.99 LAB_V6_DEAD=fd00:2::99
LAB_MTU=1400
LAB_NFQUEUE_NUM=7
LAB_DELAY_MS=0 LAB_DELAY_DIRECTIONS=both LAB_LOSS_PCT=30
LAB_HAVE_DELAY=0 LAB_NO_DELAY_WHY="lab_setup ran without --delay"

LAB_NAMESPACES=()
LAB_PIDS=()
LAB_CLEANUP=()
LAB_WORK=""
LAB_STAGE=""
LAB_BIN=""
LAB_FAILS=0
LAB_PASSES=0
LAB_RC=0

# ---------------------------------------------------------------------------------------------
# Reporting

lab_skip() { echo "SKIP: $*" >&2; exit 77; }
lab_die() { echo "ERROR: $*" >&2; exit 1; }
lab_log() { echo "# $*"; }
lab_pass() { LAB_PASSES=$((LAB_PASSES + 1)); echo "PASS: $*"; }
lab_fail() { LAB_FAILS=$((LAB_FAILS + 1)); echo "FAIL: $*"; }

# lab_check DESC CMD... — PASS when CMD succeeds.
lab_check() {
  local desc=$1; shift
  if "$@"; then lab_pass "$desc"; else lab_fail "$desc (command failed: $*)"; fi
}

# lab_eq DESC GOT WANT
lab_eq() {
  if [[ $2 == "$3" ]]; then lab_pass "$1"; else lab_fail "$1: got '$2', want '$3'"; fi
}

# lab_json_check FILE DESC EXPR [SHOW] — EXPR is a Python expression over d (the parsed JSON of
# FILE; for an NDJSON file, d is the list of its lines' objects). PASS when it is true; on FAIL
# prints SHOW's value (default: a compact digest of d).
lab_json_check() {
  local file=$1 desc=$2 expr=$3 show=${4:-}
  local out
  if out=$("$LAB_PYTHON" "$LAB_DIR/jcheck.py" "$file" "$expr" "$show" 2>&1); then
    lab_pass "$desc"
  else
    lab_fail "$desc: [$expr] is false; $out"
  fi
}

# lab_json_get FILE EXPR — print the value of EXPR (JSON-encoded; strings bare).
lab_json_get() { "$LAB_PYTHON" "$LAB_DIR/jcheck.py" --get "$1" "$2"; }

# lab_validate json|ndjson FILE DESC [TARGETS] — validate nd-ping output against the schema.
lab_validate() {
  local mode=$1 file=$2 desc=$3 targets=${4:-}
  local args=(--schema "$LAB_SCHEMA")
  [[ $mode == ndjson ]] && args+=(--ndjson)
  [[ -n $targets ]] && args+=(--targets "$targets")
  local out
  if out=$("$LAB_PYTHON" "$LAB_DIR/validate_json.py" "${args[@]}" "$file" 2>&1); then
    lab_pass "$desc"
  else
    lab_fail "$desc: $(printf '%s' "$out" | head -c 1500)"
  fi
}

# lab_grep DESC FILE ERE — PASS when a line of FILE matches ERE.
lab_grep() {
  if grep -Eq -- "$3" "$2"; then lab_pass "$1"; else
    lab_fail "$1: no line matches /$3/ in: $(head -c 800 "$2")"
  fi
}

lab_finish() {
  echo "# $LAB_PASSES passed, $LAB_FAILS failed"
  if ((LAB_FAILS > 0)); then exit 1; fi
  exit 0
}

# ---------------------------------------------------------------------------------------------
# Preconditions

lab_require_root() {
  [[ $(id -u) -eq 0 ]] || lab_skip "lab tests need root (they create network namespaces)"
  command -v ip >/dev/null || lab_skip "iproute2 (ip) is not installed"
  command -v setpriv >/dev/null || lab_skip "setpriv (util-linux) is not installed"
  command -v nft >/dev/null || lab_skip "nft (nftables) is not installed"
  [[ -x $LAB_PYTHON ]] || lab_skip "$LAB_PYTHON is missing"
  "$LAB_PYTHON" -c 'import jsonschema' 2>/dev/null || lab_skip "$LAB_PYTHON has no jsonschema module"
  id nobody >/dev/null 2>&1 || lab_skip "there is no user nobody"
  getent group nogroup >/dev/null || lab_skip "there is no group nogroup"
}

# lab_require_delay — skip when lab_setup could not build the delayed path.
lab_require_delay() { ((LAB_HAVE_DELAY)) || lab_skip "no delayed path in the lab: $LAB_NO_DELAY_WHY"; }

# ---------------------------------------------------------------------------------------------
# Teardown (always)

lab_teardown() {
  local rc=$?
  set +e
  local cmd pid ns
  for cmd in "${LAB_CLEANUP[@]}"; do eval "$cmd" >/dev/null 2>&1; done
  # Processes still running inside our namespaces were started by this run (the test, helpers).
  for ns in "${LAB_NAMESPACES[@]}"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null; done
  done
  for pid in "${LAB_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${LAB_PIDS[@]}"; do
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  for ns in "${LAB_NAMESPACES[@]}"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  [[ -n $LAB_STAGE && -d $LAB_STAGE ]] && rm -rf -- "$LAB_STAGE"
  [[ -n $LAB_WORK && -d $LAB_WORK ]] && rm -rf -- "$LAB_WORK"
  return "$rc"
}
trap lab_teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Watchdog: with NETDIAG_LAB_TIMEOUT=N (CMake sets it below the CTest TIMEOUT, whose kill would
# leave the namespaces behind) the test gets SIGTERM after N s and tears down by itself.
if [[ ${NETDIAG_LAB_TIMEOUT:-0} =~ ^[1-9][0-9]*$ ]]; then
  bash -c 'sleep "$1" & s=$!; trap "kill $s 2>/dev/null; exit 0" TERM; wait $s || exit 0
           echo "FAIL: lab test still running after $1 s (NETDIAG_LAB_TIMEOUT): stopping it" >&2
           kill -TERM "$2"' lab-watchdog "$NETDIAG_LAB_TIMEOUT" "$$" </dev/null &
  LAB_PIDS+=("$!")
fi

# lab_at_exit 'shell command' — run at teardown, before the namespaces go.
lab_at_exit() { LAB_CLEANUP+=("$1"); }

lab_workdir() {
  if [[ -z $LAB_WORK ]]; then
    LAB_WORK=$(mktemp -d "${TMPDIR:-/tmp}/ndlab-work.XXXXXX")
    chmod 755 "$LAB_WORK"
  fi
}

# ---------------------------------------------------------------------------------------------
# Running things

# lab_ns_add NAME — create a namespace (registered for deletion), lo up, DAD off.
lab_ns_add() {
  local ns=$1 err
  if ! err=$(ip netns add "$ns" 2>&1); then
    lab_skip "ip netns add does not work here: $err"
  fi
  LAB_NAMESPACES+=("$ns")
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
    net.ipv6.conf.all.dad_transmits=0 net.ipv6.conf.default.dad_transmits=0 >/dev/null
  ip -n "$ns" link set lo up
}

# lab_prefix WHO NS — set the array LAB_PREFIX_CMD to the command prefix that runs a program in NS
# as WHO: root; nobody (nobody:nogroup, no supplementary groups, no capabilities, from a directory
# nobody may enter); nobody-raw (nobody granted CAP_NET_RAW alone as an ambient capability, what
# systemd's AmbientCapabilities= gives); container (nobody with CAP_NET_RAW out of the bounding
# set, as in `docker run --cap-drop NET_RAW`); nobody-filecaps (nobody, for staged binaries given
# file capabilities with setcap). Every step execs, so $! of a background
# "${LAB_PREFIX_CMD[@]}" CMD & is CMD's own pid.
lab_prefix() {
  case $1 in
    root) LAB_PREFIX_CMD=(ip netns exec "$2") ;;
    nobody)
      LAB_PREFIX_CMD=(ip netns exec "$2" env -C "${LAB_STAGE:-/}"
        setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --) ;;
    nobody-raw)
      LAB_PREFIX_CMD=(ip netns exec "$2" env -C "${LAB_STAGE:-/}"
        setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all,+net_raw --ambient-caps=+net_raw --) ;;
    container)  # nobody in a container without CAP_NET_RAW (docker run --cap-drop NET_RAW)
      LAB_PREFIX_CMD=(ip netns exec "$2" env -C "${LAB_STAGE:-/}"
        setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --bounding-set=-net_raw --) ;;
    nobody-filecaps)
      # nobody running staged binaries that carry file capabilities. Gaining one puts the loader
      # in secure-execution mode, where it ignores the binaries' $ORIGIN RUNPATH; in a private
      # mount namespace the staged lib/ is overlaid onto the system library directory instead.
      local libdir
      libdir=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)
      LAB_PREFIX_CMD=(unshare --mount --propagation private
        sh -c 'mount -t overlay overlay -o "lowerdir=$1:$2" "$2" && shift 2 && exec "$@"' sh "$LAB_STAGE/lib" "$libdir"
        ip netns exec "$2" env -C "${LAB_STAGE:-/}"
        setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --) ;;
    *) lab_die "lab_prefix: root, nobody, nobody-raw, container or nobody-filecaps, not '$1'" ;;
  esac
}

# lab_root NS CMD... / lab_nobody NS CMD... / lab_as root|nobody NS CMD...
lab_root() { lab_as root "$@"; }
lab_nobody() { lab_as nobody "$@"; }
lab_as() {
  local LAB_PREFIX_CMD
  lab_prefix "$1" "$2"
  shift 2
  "${LAB_PREFIX_CMD[@]}" "$@"
}

# lab_ping_group open|close [NS] — net.ipv4.ping_group_range of NS (default: the client).
lab_ping_group() {
  local ns=${2:-$LAB_NS_C} range
  case $1 in
    open) range="0 2147483647" ;;
    close) range="1 0" ;;
    *) lab_die "lab_ping_group: open or close" ;;
  esac
  ip netns exec "$ns" sysctl -qw "net.ipv4.ping_group_range=$range"
}

# lab_mode root|nobody — the usual setting for each: root with the range closed (nd-ping must fall
# back to a raw socket), nobody with it open (datagram ICMP socket).
lab_mode() {
  case $1 in
    root) lab_ping_group close ;;
    nobody) lab_ping_group open ;;
    *) lab_die "lab_mode: root or nobody" ;;
  esac
}

# lab_expected_socket root|nobody — the "socket" nd-ping should report under lab_mode.
lab_expected_socket() { if [[ $1 == root ]]; then echo raw; else echo datagram; fi; }

# lab_stage_bins — copy the tools (bin/nd-*, bin/netdiag) and lib/ of $NETDIAG_BIN_DIR into a
# fresh world-readable temp dir; LAB_BIN is its bin/. The binaries' RUNPATH is $ORIGIN/../lib.
lab_stage_bins() {
  [[ -n ${NETDIAG_BIN_DIR:-} ]] || lab_die "NETDIAG_BIN_DIR is not set (the build tree's bin/)"
  [[ -d $NETDIAG_BIN_DIR ]] || lab_die "NETDIAG_BIN_DIR=$NETDIAG_BIN_DIR is not a directory"
  lab_workdir
  LAB_STAGE=$(mktemp -d "${TMPDIR:-/tmp}/ndlab-bin.XXXXXX")
  chmod 755 "$LAB_STAGE"
  mkdir -m 755 "$LAB_STAGE/bin" "$LAB_STAGE/lib"
  local f
  for f in "$NETDIAG_BIN_DIR"/nd-* "$NETDIAG_BIN_DIR"/netdiag; do
    [[ -f $f && -x $f ]] || continue
    cp -- "$f" "$LAB_STAGE/bin/"   # plain copy: no file capabilities come along
  done
  local libdir="$NETDIAG_BIN_DIR/../lib"
  if [[ -d $libdir ]]; then
    cp -R --no-preserve=ownership -- "$libdir"/. "$LAB_STAGE/lib/"
  fi
  chmod -R u+rwX,go+rX,go-w "$LAB_STAGE"
  LAB_BIN=$LAB_STAGE/bin
}

# lab_require_tool NAME — fail (not skip: the build should have made it) when NAME is not staged.
lab_require_tool() {
  [[ -x $LAB_BIN/$1 ]] || lab_die "$1 not found in NETDIAG_BIN_DIR=$NETDIAG_BIN_DIR (build it first)"
}

# lab_nd WHO OUT ERR ARGS... — run the staged nd-ping in the client namespace as WHO (root|nobody),
# stdout to OUT, stderr to ERR; exit code in LAB_RC (124 = killed after LAB_TOOL_TIMEOUT s).
lab_nd() { lab_tool nd-ping "$@"; }

# lab_tool TOOL WHO OUT ERR ARGS... — the same for any staged tool (netdiag, nd-trace, ...).
# The tool runs in the background and the shell waits for it, so a SIGTERM to the test (its
# watchdog, ctest, a user) runs the teardown at once instead of after the tool has finished.
LAB_TOOL_TIMEOUT=${LAB_TOOL_TIMEOUT:-60}
lab_tool() {
  local tool=$1 who=$2 out=$3 err=$4; shift 4
  local LAB_PREFIX_CMD pid
  lab_prefix "$who" "$LAB_NS_C"
  LAB_RC=0
  timeout -k 5 "$LAB_TOOL_TIMEOUT" "${LAB_PREFIX_CMD[@]}" "$LAB_BIN/$tool" "$@" >"$out" 2>"$err" </dev/null &
  pid=$!
  wait "$pid" || LAB_RC=$?
  if ((LAB_RC == 124)); then echo "# $tool was killed after ${LAB_TOOL_TIMEOUT} s: $*"; fi
}

# lab_start_bg TOOL WHO OUT ERR ARGS... — the staged TOOL in the client namespace in the
# background, with SIGINT at its default disposition (bash starts background jobs with SIGINT
# ignored); sets BG_PID to the tool's own pid once the exec chain has reached it.
lab_start_bg() {
  local tool=$1 who=$2 out=$3 err=$4 LAB_PREFIX_CMD exe; shift 4
  lab_prefix "$who" "$LAB_NS_C"
  env --default-signal=INT "${LAB_PREFIX_CMD[@]}" "$LAB_BIN/$tool" "$@" >"$out" 2>"$err" &
  BG_PID=$!
  BG_TOOL=$tool
  for _ in $(seq 50); do
    exe=$(readlink "/proc/$BG_PID/exe" 2>/dev/null || true)
    # (netdiag execs its nd-* tool in the same process.)
    [[ $exe == "$LAB_BIN/$tool" || ($tool == netdiag && $exe == "$LAB_BIN"/nd-*) ]] && return 0
    sleep 0.05
  done
  lab_fail "$tool did not start: $(cat "$err")"
  return 1
}

# lab_capture NS WHERE PCAP TCPDUMP_ARGS... — tcpdump in namespace NS writing PCAP (nanosecond
# stamps, unbuffered; its stderr in PCAP.err), stopped at teardown. Returns once it listens, with
# its pid in CAPTURE_PID; dies saying it did not start in WHERE otherwise.
lab_capture() {
  local ns=$1 where=$2 pcap=$3 i
  shift 3
  ip netns exec "$ns" tcpdump -p -n --time-stamp-precision=nano -U -w "$pcap" "$@" </dev/null >/dev/null \
    2>"$pcap.err" &
  CAPTURE_PID=$!
  LAB_PIDS+=("$CAPTURE_PID")
  for ((i = 0; i < 50; i++)); do
    grep -q 'listening on' "$pcap.err" 2>/dev/null && return 0
    kill -0 "$CAPTURE_PID" 2>/dev/null || break
    sleep 0.1
  done
  grep -q 'listening on' "$pcap.err" || lab_die "tcpdump did not start in $where: $(head -c 500 "$pcap.err")"
}

# lab_stop_bg — SIGINT to BG_PID, then wait (at most 5 s); exit code in BG_RC.
lab_stop_bg() {
  kill -INT "$BG_PID"
  for _ in $(seq 50); do kill -0 "$BG_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$BG_PID" 2>/dev/null; then
    lab_fail "$BG_TOOL still runs 5 s after SIGINT"
    kill -KILL "$BG_PID"
  fi
  BG_RC=0
  wait "$BG_PID" || BG_RC=$?
}

# lab_check_no_caps TAG PID — CapInh, CapPrm, CapEff and CapAmb are 0 in every thread of PID.
lab_check_no_caps() {
  local tag=$1 pid=$2 caps="" task bad
  for task in /proc/"$pid"/task/*; do
    caps+="$(grep -E '^Cap(Inh|Prm|Eff|Amb):' "$task/status" | tr -s '\t ' ' ' | tr '\n' ' ')"$'\n'
  done
  lab_log "$tag pid $pid: $(grep -E '^(CapBnd|NoNewPrivs):' /proc/"$pid"/status | tr -s '\t ' ' ' | tr '\n' ' ')"
  bad=$(grep -Ev '^$' <<<"$caps" | grep -E ': ?[0-9a-f]*[1-9a-f]' || true)
  lab_check "$tag CapInh/CapPrm/CapEff/CapAmb are 0 in all $(ls /proc/"$pid"/task | wc -l) thread(s) after start-up" \
    test -z "$bad"
  [[ -z $bad ]] || echo "  $bad"
}

# lab_file NAME — a path in the run's work dir.
lab_file() { [[ -n $LAB_WORK ]] || lab_die "lab_file before lab_setup/lab_stage_bins"; echo "$LAB_WORK/$1"; }

# ---------------------------------------------------------------------------------------------
# The delay helper

lab_find_nfq_delay() {
  local c
  for c in "${NETDIAG_NFQ_DELAY:-}" "${NETDIAG_BIN_DIR:+$NETDIAG_BIN_DIR/../tests/lab/nfq_delay}"; do
    if [[ -n $c && -x $c ]]; then echo "$c"; return 0; fi
  done
  # Not built by CMake (e.g. the bench run from a bare checkout): compile it here.
  lab_workdir
  local cxx=${CXX:-c++}
  command -v "$cxx" >/dev/null || return 1
  pkg-config --exists libnetfilter_queue 2>/dev/null || return 1
  # shellcheck disable=SC2046
  "$cxx" -std=c++23 -O2 $(pkg-config --cflags libnetfilter_queue) "$LAB_DIR/nfq_delay.cpp" \
    -o "$LAB_WORK/nfq_delay" $(pkg-config --libs libnetfilter_queue) >&2 || return 1
  echo "$LAB_WORK/nfq_delay"
}

# lab_iptables_flavour [NS] — print the first iptables flavour whose NFQUEUE target works in NS
# (default: the router). This kernel has no nft "queue" expression; xt NFQUEUE through nft_compat
# or legacy works.
lab_iptables_flavour() {
  local ns=${1:-$LAB_NS_R} f
  for f in iptables-nft iptables-legacy iptables; do
    command -v "$f" >/dev/null || continue
    if ip netns exec "$ns" "$f" -w -t mangle -A FORWARD -d "$LAB_V4_DELAY" \
      -j NFQUEUE --queue-num "$LAB_NFQUEUE_NUM" 2>/dev/null; then
      ip netns exec "$ns" "$f" -w -t mangle -D FORWARD -d "$LAB_V4_DELAY" \
        -j NFQUEUE --queue-num "$LAB_NFQUEUE_NUM"
      echo "$f"
      return 0
    fi
  done
  return 1
}

# lab_nfq_delay_start NS MS — run nfq_delay on queue LAB_NFQUEUE_NUM in NS (stopped at teardown)
# and wait until it is bound. Sets LAB_NFQ_PID, and LAB_NFQ_IPT / LAB_NFQ_IP6T to the iptables /
# ip6tables that can send packets to it (mangle table: -j NFQUEUE --queue-num $LAB_NFQUEUE_NUM).
# Returns 1, with the reason in LAB_NO_DELAY_WHY, when there is no helper or no NFQUEUE target.
lab_nfq_delay_start() {
  local ns=$1 ms=$2 helper flavour
  if ! helper=$(lab_find_nfq_delay); then
    LAB_NO_DELAY_WHY="nfq_delay is not built and cannot be compiled (needs c++ and libnetfilter-queue-dev)"
    return 1
  fi
  if ! flavour=$(lab_iptables_flavour "$ns"); then
    LAB_NO_DELAY_WHY="no iptables with a working NFQUEUE target (install iptables; the kernel has no nft queue)"
    return 1
  fi
  lab_workdir
  local log=$LAB_WORK/nfq_delay.$ns.log
  ip netns exec "$ns" "$helper" "$LAB_NFQUEUE_NUM" "$ms" >"$log" 2>&1 &
  local pid=$!
  LAB_PIDS+=("$pid")
  local i
  for i in $(seq 50); do
    grep -q ready "$log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || lab_die "nfq_delay exited: $(cat "$log")"
    sleep 0.1
  done
  grep -q ready "$log" || lab_die "nfq_delay did not get ready: $(cat "$log")"
  LAB_NFQ_PID=$pid LAB_NFQ_IPT=$flavour LAB_NFQ_IP6T=${flavour/iptables/ip6tables}
}

lab_setup_delay() {
  local ms=$1 dirs=$2
  lab_nfq_delay_start "$LAB_NS_R" "$ms" || return 0
  # Packets to the delayed address, and with "both" the packets from it too.
  local ipt
  for ipt in "$LAB_NFQ_IPT:$LAB_V4_DELAY" "$LAB_NFQ_IP6T:$LAB_V6_DELAY"; do
    local cmd=${ipt%%:*} addr=${ipt#*:}
    ip netns exec "$LAB_NS_R" "$cmd" -w -t mangle -A FORWARD -d "$addr" -j NFQUEUE --queue-num "$LAB_NFQUEUE_NUM"
    if [[ $dirs == both ]]; then
      ip netns exec "$LAB_NS_R" "$cmd" -w -t mangle -A FORWARD -s "$addr" -j NFQUEUE --queue-num "$LAB_NFQUEUE_NUM"
    fi
  done
  LAB_DELAY_DIRECTIONS=$dirs
  LAB_HAVE_DELAY=1
  LAB_DELAY_MS=$ms
  LAB_DELAY_PID=$LAB_NFQ_PID
}

# ---------------------------------------------------------------------------------------------
# The topology

# lab_sweep_stale — delete namespaces left by earlier runs of this harness that were killed
# outright (SIGKILL leaves no chance to clean up): only names of our own form nd<PID>-[<N>-]X,
# with up to two letters or digits after the letter X (trace_lab.sh's r1, arp_lab.sh's sw and h01),
# whose PID is gone and which hold no process.
lab_sweep_stale() {
  local ns pid
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    [[ $ns =~ ^nd([0-9]+)-([0-9]+-)?[a-z][a-z0-9]{0,2}$ ]] || continue
    pid=${BASH_REMATCH[1]}
    [[ $pid == "$$" ]] && continue
    kill -0 "$pid" 2>/dev/null && continue
    [[ -z $(ip netns pids "$ns" 2>/dev/null) ]] || continue
    ip netns del "$ns" 2>/dev/null && lab_log "removed stale namespace $ns"
  done
  return 0
}

# lab_setup [--delay MS] [--delay-directions both|request] [--loss PCT]
#   --delay MS: packets to LAB_V4/V6_DELAY wait MS in the router, and (default "both") so do the
#   replies from it: RTT + 2*MS. With "request", only the packets towards it: RTT + MS.
# shellcheck disable=SC2120
lab_setup() {
  local delay="" dirs=both loss=30
  while (($#)); do
    case $1 in
      --delay) delay=$2; shift 2 ;;
      --delay-directions) dirs=$2; shift 2 ;;
      --loss) loss=$2; shift 2 ;;
      *) lab_die "lab_setup: unknown option $1" ;;
    esac
  done
  lab_workdir
  lab_sweep_stale
  local C=$LAB_NS_C R=$LAB_NS_R S=$LAB_NS_S
  lab_ns_add "$C"
  lab_ns_add "$R"
  lab_ns_add "$S"

  # Links, created straight inside the namespaces (no names in the root namespace).
  ip -n "$C" link add c0 type veth peer name r0 netns "$R"
  ip -n "$R" link add r1 mtu "$LAB_MTU" type veth peer name s0 netns "$S"
  ip -n "$S" link set s0 mtu "$LAB_MTU"

  ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
    net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000 \
    net.ipv4.icmp_msgs_burst=100000 >/dev/null
  # Give up on a dead neighbour after 2 x 250 ms instead of 3 x 1 s.
  local fam
  for fam in ipv4 ipv6; do
    ip netns exec "$R" sysctl -qw "net.$fam.neigh.r1.mcast_solicit=2" \
      "net.$fam.neigh.r1.retrans_time_ms=250" >/dev/null
  done

  ip -n "$C" addr add "$LAB_V4_CLIENT/24" dev c0
  ip -n "$C" addr add "$LAB_V6_CLIENT/64" dev c0 nodad
  ip -n "$R" addr add "$LAB_V4_ROUTER/24" dev r0
  ip -n "$R" addr add "$LAB_V6_ROUTER/64" dev r0 nodad
  ip -n "$R" addr add 198.18.2.1/24 dev r1
  ip -n "$R" addr add fd00:2::1/64 dev r1 nodad
  local a
  for a in "$LAB_V4_CLEAN" "$LAB_V4_DELAY" "$LAB_V4_LOSSY"; do ip -n "$S" addr add "$a/24" dev s0; done
  for a in "$LAB_V6_CLEAN" "$LAB_V6_DELAY" "$LAB_V6_LOSSY"; do ip -n "$S" addr add "$a/64" dev s0 nodad; done
  # Router side first: an end brought up before its peer loses its first neighbour solicitation
  # (seen here: the client's first IPv6 probe then waited a whole 1 s retransmit).
  ip -n "$R" link set r0 up
  ip -n "$R" link set r1 up
  ip -n "$C" link set c0 up
  ip -n "$S" link set s0 up
  ip -n "$C" route add default via "$LAB_V4_ROUTER"
  ip -n "$C" -6 route add default via "$LAB_V6_ROUTER"
  ip -n "$S" route add default via 198.18.2.1
  ip -n "$S" -6 route add default via fd00:2::1

  local ns
  for ns in "$C" "$S"; do lab_ping_group close "$ns"; done

  # Per-destination behaviour in the router.
  LAB_LOSS_PCT=$loss
  ip netns exec "$R" nft -f - <<EOF
table inet ndlab {
  # The router has no route to $LAB_V4_NOROUTE. The kernel would answer net unreachable itself,
  # but through ip_error()'s per-source limiter (net.ipv4.route.error_cost/burst: 5, then 1 a
  # second), which is global, not per namespace: a test would see errors go missing. This rule
  # sends the same ICMP (3/0 from $LAB_V4_ROUTER) for every packet. (IPv6 needs no such rule: its
  # no-route error obeys net.ipv6.icmp.ratelimit, 0 here.)
  chain prerouting {
    type filter hook prerouting priority 0; policy accept;
    ip daddr ${LAB_V4_NOROUTE%.*}.0/24 counter reject with icmp type net-unreachable
  }
  chain forward {
    type filter hook forward priority 0; policy accept;
    ip daddr $LAB_V4_LOSSY numgen random mod 100 < $loss counter drop
    ip6 daddr $LAB_V6_LOSSY numgen random mod 100 < $loss counter drop
  }
}
EOF
  case $dirs in both | request) ;; *) lab_die "lab_setup: --delay-directions both|request" ;; esac
  if [[ -n $delay ]]; then lab_setup_delay "$delay" "$dirs"; fi
  lab_wait_ready
}

# lab_wait_ready [ADDR...] — every ADDR (default: the clean address on both families) answers an
# echo request from the client (also fills the neighbour caches).
lab_wait_ready() {
  local ok a
  (($#)) || set -- "$LAB_V4_CLEAN" "$LAB_V6_CLEAN"
  for a in "$@"; do
    ok=0
    for _ in $(seq 30); do
      if lab_ping_raw "$a"; then ok=1; break; fi
      sleep 0.1
    done
    ((ok)) || lab_die "lab is not ready: $a does not answer from the client"
  done
}

# lab_ping_raw ADDR — one probe with a throwaway ICMP socket, no external ping needed.
lab_ping_raw() {
  ip netns exec "$LAB_NS_C" "$LAB_PYTHON" - "$1" <<'PY'
import socket, sys, struct, select, os, time
addr = sys.argv[1]
v6 = ":" in addr
fam, proto, typ = (socket.AF_INET6, socket.IPPROTO_ICMPV6, 128) if v6 else (socket.AF_INET, socket.IPPROTO_ICMP, 8)
s = socket.socket(fam, socket.SOCK_RAW, proto)
ident = os.getpid() & 0xffff
pkt = struct.pack("!BBHHH", typ, 0, 0, ident, 1) + b"labready"
if not v6:
    c = sum(struct.unpack("!%dH" % (len(pkt) // 2), pkt))
    c = (c >> 16) + (c & 0xffff); c += c >> 16
    pkt = pkt[:2] + struct.pack("!H", ~c & 0xffff) + pkt[4:]
s.sendto(pkt, (addr, 0))
want = 129 if v6 else 0
deadline = time.monotonic() + 0.5
while True:
    r, _, _ = select.select([s], [], [], max(0.0, deadline - time.monotonic()))
    if not r:
        sys.exit(1)
    data = s.recv(2048)
    if not v6:
        data = data[(data[0] & 0x0f) * 4:]
    if len(data) >= 8 and data[0] == want and struct.unpack("!H", data[4:6])[0] == ident:
        sys.exit(0)
PY
}

# lab_listen PORT [NS] — a TCP listener on PORT in NS (default: the server), both families, that
# accepts and closes every connection, until the lab goes (lab.sh kills every process of its
# namespaces); returns once it listens.
lab_listen() {
  local port=$1 ns=${2:-$LAB_NS_S} i
  ip netns exec "$ns" "$LAB_PYTHON" -c '
import socket, sys
s = socket.socket(socket.AF_INET6)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(("::", int(sys.argv[1])))
s.listen(4096)
while True:
    s.accept()[0].close()' "$port" </dev/null >/dev/null 2>&1 &
  for ((i = 0; i < 50; i++)); do
    ss -Htln -N "$ns" "sport = :$port" | grep -q . && return 0
    sleep 0.1
  done
  lab_die "no listener on port $port in $ns"
}

# lab_schema_valid FILE NAME — whether the JSON document in FILE validates against
# schemas/NAME.schema.json (e.g. netdiag.tcp-1).
lab_schema_valid() {
  "$LAB_PYTHON" -c 'import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' "$1" \
    "$LAB_DIR/../../schemas/$2.schema.json"
}

# lab_re STRING — STRING with ERE metacharacters escaped (for lab_grep patterns).
lab_re() { printf '%s' "$1" | sed -e 's/[][\.*^$+?(){}|/]/\\&/g'; }

# lab_count FILE ERE — number of lines of FILE matching ERE.
lab_count() { grep -Ec -- "$2" "$1" || true; }
