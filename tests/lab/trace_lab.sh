# shellcheck shell=bash disable=SC2034  # (variables for the scripts that source this)
# trace_lab.sh — a six-hop path for traceroute tests (nd-trace, issue 3) and benchmarks. Source it
# after lab.sh, which keeps doing the reporting, teardown, staging and nd-* running:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
#   source "$(dirname "${BASH_SOURCE[0]}")/trace_lab.sh"
#   lab_require_root; trace_lab_require
#   trace_lab_setup [--blackhole]    # build it (sets the TRACE_* variables below, LAB_NS_C, LAB_NS_S)
#   trace_client root|nobody CMD...  # CMD in the client namespace as root / nobody:nogroup
#   trace_run [--ping-group open|close] root|nobody OUT CMD...   # the same with a timeout, stdout
#                                    # and stderr to OUT, exit code in LAB_RC (124: timed out)
#   lab_ping_group open|close        # net.ipv4.ping_group_range of the client (closed at start)
#   lab_stage_bins; lab_tool nd-trace root|nobody OUT ERR ARGS...   # the staged tool, as lab.sh
#   trace_lab_teardown               # remove this topology now (else it goes at exit, as lab.sh's)
#   trace_flush_pmtu                 # the client forgets the path MTUs it has learnt
#   trace_expect v4|v6 [--size N]    # the expected hop list, "TTL:ADDR" lines ("*": no answer)
#   trace_hop v4|v6 TTL              # the address hop TTL answers from
#   trace_names                      # names for every hop in the client's /etc/hosts (TRACE_NAMES)
#   trace_json_hops FILE             # the hop list of an nd-trace --json document, same shape
#   trace_json_valid FILE            # the document validates against netdiag.trace/1
#
# Topology (names unique per run: ${LAB_PREFIX}tc, t1 .. t5, ts; with --blackhole bc, b1 .. b5, bs):
#
#  client ─L1─ r1 ─L2─ r2 ═L3═ r3 ─L4─ r4 ═L5═ r5 ─L6─ server
#
#   link Lk: 198.18.1k.0/24 and fd00:1k::/64, the end nearer the client .1 / ::1, the other .2 / ::2,
#   so hop k (TTL k) answers from 198.18.1k.2 / fd00:1k::2 and the server is 198.18.16.2 /
#   fd00:16::2. Every node routes 198.18.0.0/15 and fd00::/8 only (no default route).
#   - r2 delays every packet it forwards across L3 by 2 ms, each way; r4 across L5 by 5 ms, each
#     way (NFQUEUE + nfq_delay): the RTT to hops 1-2 is ~0, to hops 3-4 +4 ms, to hops 5-6 +14 ms.
#   - r3 forwards normally but never sends ICMP time exceeded (nft drops it in its OUTPUT chain):
#     traceroute shows "* * *" at TTL 3. It still answers echo requests to its own address.
#   - L3 has MTU 1400 (r2 says "frag needed, mtu 1400" / "packet too big, mtu 1400"), L5 MTU 1280
#     (r4 says mtu 1280): the path MTU is 1280, on both families (1280 is IPv6's minimum).
#   - --blackhole: instead of the 1280 link, r4 silently drops every packet bigger than 1300 bytes
#     it forwards (either way; nft "meta length > 1300 drop", no ICMP), while smaller ones pass.
#     (L5 keeps MTU 1500 here: the kernel checks the MTU before the forward hook, so a 1280 link
#     would answer "frag needed" first.) The ICMP-reported path MTU is then 1400, from r2, but
#     nothing bigger than 1300 bytes gets past r4: large probes with TTL >= 5 vanish.
#   Routers and the server: forwarding on, DAD off, ICMP rate limits off (icmp_ratelimit 0,
#   icmp_ratemask empty, global icmp_msgs_per_sec out of reach), so every probe gets its answer.
#   Each node's interface towards the client is "left", towards the server "right". The delay
#   helpers run SCHED_FIFO, so a busy machine does not add its scheduling latency to the RTTs.
#   The client learns path MTUs like any host: trace_flush_pmtu before each run that must see
#   the "frag needed" / "packet too big" errors again.
#   As with lab.sh, "nobody" has no capabilities of its own, but programs with file capabilities
#   (iputils ping, mtr-packet: cap_net_raw=ep) still get theirs; the staged nd-* copies have none.
#
# Variables (arrays indexed by TTL - 1, i.e. [0] is hop 1, unless said otherwise):
#   TRACE_HOPS_V4 / TRACE_HOPS_V6  the address each hop answers from, the server last
#   TRACE_NHOPS=6                  hops to the server (5 routers + server)
#   TRACE_V4_SERVER / TRACE_V6_SERVER, TRACE_V4_CLIENT / TRACE_V6_CLIENT
#   TRACE_SILENT_TTL=3             the hop that never answers with time exceeded
#   TRACE_DELAY_MS                 sparse, indexed by TTL: ([2]=2 [4]=5), the delay each way that
#                                  router adds; TRACE_HAVE_DELAY=0 without nfq_delay or NFQUEUE
#                                  (lab_require_delay skips then; TRACE_DELAY_MS lists what is in place)
#   TRACE_MIN_RTT_MS               the RTT each hop has at least, from those delays: (0 0 4 4 14 14)
#   TRACE_MTU_AT                   sparse, indexed by TTL: the MTU that router reports,
#                                  ([2]=1400 [4]=1280); with --blackhole ([2]=1400)
#   TRACE_PMTU / TRACE_PMTU_TTL    the path MTU and the hop that reports it: 1280 / 4
#                                  (--blackhole: 1400 / 2, the MTU the ICMP errors claim)
#   TRACE_BLACKHOLE=0|1, TRACE_BLACKHOLE_TTL=4 (the hop that drops), TRACE_BLACKHOLE_SIZE=1300
#                                  (the biggest IP packet that gets past it); both empty without
#   TRACE_NS                       namespace of node k: [0] client, [1..5] r1..r5, [6] server
#   LAB_NS_C / LAB_NS_S            the client and server namespaces (so lab_tool, lab_ping_group,
#                                  lab_mode, lab_ping_raw of lab.sh work on this topology)
#
# Only 198.18.0.0/15 and fd00::/8 are used, inside namespaces this file creates, plus loopback.

if [[ -n ${TRACE_LAB_SH_LOADED:-} ]]; then return 0; fi
TRACE_LAB_SH_LOADED=1
[[ -n ${LAB_SH_LOADED:-} ]] || { echo "trace_lab.sh: source lab.sh first" >&2; exit 2; }

TRACE_ROUTERS=5
TRACE_NHOPS=$((TRACE_ROUTERS + 1))
TRACE_SILENT_TTL=3
TRACE_NS=()
TRACE_HOPS_V4=() TRACE_HOPS_V6=()
TRACE_DELAY_MS=() TRACE_MIN_RTT_MS=() TRACE_MTU_AT=()
TRACE_HAVE_DELAY=0
TRACE_BLACKHOLE=0 TRACE_BLACKHOLE_TTL="" TRACE_BLACKHOLE_SIZE=""
TRACE_PMTU="" TRACE_PMTU_TTL=""
TRACE_PIDS=()

# trace_lab_require — skip (exit 77) when a tool the topology needs is missing.
trace_lab_require() {
  command -v sysctl >/dev/null || lab_skip "sysctl (procps) is not installed"
}

# trace_v4 K H / trace_v6 K H — address of the end H (1: nearer the client, 2: farther) of link K.
trace_v4() { echo "198.18.$((10 + $1)).$2"; }
trace_v6() { echo "fd00:$((10 + $1))::$2"; }

# trace_lab_setup [--blackhole]
trace_lab_setup() {
  local blackhole=0
  while (($#)); do
    case $1 in
      --blackhole) blackhole=1; shift ;;
      *) lab_die "trace_lab_setup: unknown option $1" ;;
    esac
  done
  ((${#TRACE_NS[@]} == 0)) || lab_die "trace_lab_setup: a trace lab is up already (trace_lab_teardown first)"
  lab_workdir
  lab_sweep_stale
  local m=t
  ((blackhole)) && m=b
  local n=$TRACE_NHOPS k
  TRACE_NS=("${LAB_PREFIX}${m}c")
  for ((k = 1; k <= TRACE_ROUTERS; k++)); do TRACE_NS+=("${LAB_PREFIX}${m}$k"); done
  TRACE_NS+=("${LAB_PREFIX}${m}s")
  LAB_NS_C=${TRACE_NS[0]} LAB_NS_S=${TRACE_NS[n]}
  local ns
  for ns in "${TRACE_NS[@]}"; do lab_ns_add "$ns"; done

  TRACE_BLACKHOLE=$blackhole
  TRACE_MTU_AT=([2]=1400)
  if ((blackhole)); then
    TRACE_BLACKHOLE_TTL=4 TRACE_BLACKHOLE_SIZE=1300 TRACE_PMTU=1400 TRACE_PMTU_TTL=2
  else
    TRACE_MTU_AT[4]=1280
    TRACE_BLACKHOLE_TTL="" TRACE_BLACKHOLE_SIZE="" TRACE_PMTU=1280 TRACE_PMTU_TTL=4
  fi

  # Link k joins node k-1 (its interface "right") and node k (its "left"); router k's MTU report
  # is about the link behind it, k+1.
  TRACE_HOPS_V4=() TRACE_HOPS_V6=()
  for ((k = 1; k <= n; k++)); do
    local a=${TRACE_NS[k - 1]} b=${TRACE_NS[k]} mtu=${TRACE_MTU_AT[k - 1]:-1500}
    ip -n "$a" link add right mtu "$mtu" type veth peer name left netns "$b"
    ip -n "$b" link set dev left mtu "$mtu"
    ip -n "$a" addr add "$(trace_v4 "$k" 1)/24" dev right
    ip -n "$a" addr add "$(trace_v6 "$k" 1)/64" dev right nodad
    ip -n "$b" addr add "$(trace_v4 "$k" 2)/24" dev left
    ip -n "$b" addr add "$(trace_v6 "$k" 2)/64" dev left nodad
    TRACE_HOPS_V4+=("$(trace_v4 "$k" 2)")
    TRACE_HOPS_V6+=("$(trace_v6 "$k" 2)")
  done
  TRACE_V4_CLIENT=$(trace_v4 1 1) TRACE_V6_CLIENT=$(trace_v6 1 1)
  TRACE_V4_SERVER=${TRACE_HOPS_V4[n - 1]} TRACE_V6_SERVER=${TRACE_HOPS_V6[n - 1]}

  # Every node but the client answers with ICMP errors; none of them may be rate-limited.
  # (icmp_ratemask empty also keeps the host-wide icmp_msgs_per_sec bucket out of the way.)
  for ((k = 1; k <= n; k++)); do
    ip netns exec "${TRACE_NS[k]}" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
      net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_ratemask=0 net.ipv6.icmp.ratelimit=0 \
      net.ipv6.icmp.ratemask= net.ipv4.icmp_msgs_per_sec=100000 net.ipv4.icmp_msgs_burst=100000 \
      net.ipv4.icmp_errors_use_inbound_ifaddr=1 >/dev/null
  done

  # Links up, the far end (the side nearer the server) first: see lab_setup.
  for ((k = n; k >= 1; k--)); do
    ip -n "${TRACE_NS[k]}" link set dev left up
    ip -n "${TRACE_NS[k - 1]}" link set dev right up
  done

  # Routes: 198.18.0.0/15 and fd00::/8 towards the server, the links behind each node towards the
  # client (more specific).
  for ((k = 0; k < n; k++)); do
    ip -n "${TRACE_NS[k]}" route add 198.18.0.0/15 via "$(trace_v4 $((k + 1)) 2)"
    ip -n "${TRACE_NS[k]}" -6 route add fd00::/8 via "$(trace_v6 $((k + 1)) 2)"
  done
  ip -n "${TRACE_NS[n]}" route add 198.18.0.0/15 via "$(trace_v4 "$n" 1)"
  ip -n "${TRACE_NS[n]}" -6 route add fd00::/8 via "$(trace_v6 "$n" 1)"
  local j
  for ((k = 2; k < n; k++)); do
    for ((j = 1; j < k; j++)); do
      ip -n "${TRACE_NS[k]}" route add "$(trace_v4 "$j" 0)/24" via "$(trace_v4 "$k" 1)"
      ip -n "${TRACE_NS[k]}" -6 route add "$(trace_v6 "$j" "")/64" via "$(trace_v6 "$k" 1)"
    done
  done

  lab_ping_group close "${TRACE_NS[0]}"
  lab_ping_group close "${TRACE_NS[n]}"

  # The silent router.
  ip netns exec "${TRACE_NS[TRACE_SILENT_TTL]}" nft -f - <<'EOF'
table inet ndtrace {
  chain output {
    type filter hook output priority 0; policy accept;
    icmp type time-exceeded counter drop
    icmpv6 type time-exceeded counter drop
  }
}
EOF
  if ((blackhole)); then
    ip netns exec "${TRACE_NS[TRACE_BLACKHOLE_TTL]}" nft -f - <<EOF
table inet ndtrace {
  chain forward {
    type filter hook forward priority 0; policy accept;
    meta length > $TRACE_BLACKHOLE_SIZE counter drop
  }
}
EOF
  fi

  # The delays: router k holds what it forwards over link k+1, both ways.
  TRACE_DELAY_MS=() TRACE_HAVE_DELAY=1
  local -A delays=([2]=2 [4]=5)
  for k in "${!delays[@]}"; do
    if ! lab_nfq_delay_start "${TRACE_NS[k]}" "${delays[$k]}"; then
      TRACE_HAVE_DELAY=0
      lab_log "no delays in the trace lab: $LAB_NO_DELAY_WHY"
      break
    fi
    TRACE_PIDS+=("$LAB_NFQ_PID")
    # Real-time priority: on a busy machine every pass through a delaying router otherwise waits
    # for a CPU slice too (seen: +11 ms at hop 5, four passes, with two compilers running).
    chrt -f -p 20 "$LAB_NFQ_PID" >/dev/null 2>&1 || renice -n -10 -p "$LAB_NFQ_PID" >/dev/null 2>&1 || true
    local ipt
    for ipt in "$LAB_NFQ_IPT" "$LAB_NFQ_IP6T"; do
      ip netns exec "${TRACE_NS[k]}" "$ipt" -w -t mangle -A FORWARD -o right -j NFQUEUE --queue-num "$LAB_NFQUEUE_NUM"
      ip netns exec "${TRACE_NS[k]}" "$ipt" -w -t mangle -A FORWARD -i right -j NFQUEUE --queue-num "$LAB_NFQUEUE_NUM"
    done
    TRACE_DELAY_MS[k]=${delays[$k]}
  done
  LAB_HAVE_DELAY=$TRACE_HAVE_DELAY
  TRACE_MIN_RTT_MS=()
  local sum=0
  for ((k = 1; k <= n; k++)); do
    TRACE_MIN_RTT_MS+=("$sum")
    sum=$((sum + 2 * ${TRACE_DELAY_MS[k]:-0}))
  done

  # Every hop answers an echo request (r3 too: it only keeps its time exceeded to itself); this
  # also fills every neighbour cache on the path.
  lab_wait_ready "${TRACE_HOPS_V4[@]}" "${TRACE_HOPS_V6[@]}"
}

# trace_lab_teardown — remove the current trace topology now (its delay helpers, its namespaces),
# so another (e.g. --blackhole) can be built in the same run. Otherwise lab.sh removes it at exit.
trace_lab_teardown() {
  local pid ns keep=() i
  for pid in "${TRACE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${TRACE_PIDS[@]}"; do
    for i in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for pid in "${LAB_PIDS[@]}"; do
    [[ " ${TRACE_PIDS[*]} " == *" $pid "* ]] || keep+=("$pid")
  done
  LAB_PIDS=("${keep[@]}")
  keep=()
  for ns in "${TRACE_NS[@]}"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  for ns in "${LAB_NAMESPACES[@]}"; do
    [[ " ${TRACE_NS[*]} " == *" $ns "* ]] || keep+=("$ns")
  done
  LAB_NAMESPACES=("${keep[@]}")
  TRACE_NS=() TRACE_PIDS=()
}

# trace_client root|nobody CMD... — run CMD in the client namespace as root, or as nobody:nogroup
# without capabilities (see lab_prefix). ping_group_range stays as it is: lab_ping_group.
trace_client() { lab_as "$1" "$LAB_NS_C" "${@:2}"; }

# trace_run [--ping-group open|close] root|nobody OUT CMD... — trace_client with the client's
# ping_group_range set first (if asked), a LAB_TOOL_TIMEOUT, stdout+stderr to OUT and the exit
# code in LAB_RC (124 when it was killed). Runs in the background, so a SIGTERM tears down at once.
trace_run() {
  if [[ $1 == --ping-group ]]; then lab_ping_group "$2" "$LAB_NS_C"; shift 2; fi
  local who=$1 out=$2 pid LAB_PREFIX_CMD
  shift 2
  lab_prefix "$who" "$LAB_NS_C"
  LAB_RC=0
  timeout -k 5 "$LAB_TOOL_TIMEOUT" "${LAB_PREFIX_CMD[@]}" "$@" >"$out" 2>&1 </dev/null &
  pid=$!
  wait "$pid" || LAB_RC=$?
  if ((LAB_RC == 124)); then echo "# killed after ${LAB_TOOL_TIMEOUT} s: $*"; fi
}

# trace_flush_pmtu — forget the path MTUs the client has learnt (its IPv4 and IPv6 route
# exceptions), so the next run meets the "frag needed" / "packet too big" errors again. (A second
# tracepath in the same lab otherwise starts at "pmtu 1280" and shows no step.)
trace_flush_pmtu() {
  ip -n "$LAB_NS_C" route flush cache
  ip -n "$LAB_NS_C" -6 route flush cache
}

# trace_hop v4|v6 TTL — the address hop TTL answers from.
trace_hop() { local -n hops_=TRACE_HOPS_${1^^}; echo "${hops_[$2 - 1]}"; }

# trace_expect v4|v6 [--size BYTES] — the hop list a traceroute from the client to the server
# should find, one "TTL:ADDR" per line, ADDR "*" where nothing answers: the silent TTL, and with
# --blackhole and a probe bigger than TRACE_BLACKHOLE_SIZE every TTL past the black hole.
trace_expect() {
  local fam=$1 size=0 k addr
  [[ ${2:-} == --size ]] && size=$3
  for ((k = 1; k <= TRACE_NHOPS; k++)); do
    addr=$(trace_hop "$fam" "$k")
    if ((k == TRACE_SILENT_TTL)); then addr='*'; fi
    if ((TRACE_BLACKHOLE && size > TRACE_BLACKHOLE_SIZE && k > TRACE_BLACKHOLE_TTL)); then addr='*'; fi
    echo "$k:$addr"
  done
}

# trace_json_hops FILE — "TTL:ADDR" per hop of an nd-trace --json document, "*" where nobody
# answered: the same shape as trace_expect.
trace_json_hops() {
  "$LAB_PYTHON" - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for hop in d["hops"]:
    answered = [p["address"] for p in hop["probes"] if p["address"]]
    print(f'{hop["ttl"]}:{answered[0] if answered else "*"}')
PY
}

# trace_json_valid FILE — whether an nd-trace --json document validates against netdiag.trace/1.
trace_json_valid() { lab_schema_valid "$1" netdiag.trace-1; }

# trace_names — give every hop a name the client can look up: `ip netns exec` mounts
# /etc/netns/NS/hosts over /etc/hosts, so getnameinfo() finds "hopK.trace.lab" (the server:
# "server.trace.lab") for both families there; resolv.conf points at the namespace's own
# loopback, where no server listens, so nothing else is asked. TRACE_NAMES[k-1] is hop k's name.
# Removed at exit.
TRACE_NAMES=()
trace_names() {
  local dir=/etc/netns/$LAB_NS_C k name
  mkdir -p "$dir"
  lab_at_exit "rm -rf -- '$dir'"
  : >"$dir/hosts"
  TRACE_NAMES=()
  for ((k = 1; k <= TRACE_NHOPS; k++)); do
    name=hop$k.trace.lab
    ((k == TRACE_NHOPS)) && name=server.trace.lab
    TRACE_NAMES+=("$name")
    printf '%s %s\n%s %s\n' "${TRACE_HOPS_V4[k - 1]}" "$name" "${TRACE_HOPS_V6[k - 1]}" "$name" >>"$dir/hosts"
  done
  echo "nameserver 127.0.0.1" >"$dir/resolv.conf"
}
