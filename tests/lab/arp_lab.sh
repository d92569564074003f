# shellcheck shell=bash disable=SC2034  # (variables for the scripts that source this)
# arp_lab.sh — one Ethernet segment with twenty hosts, for ARP tests (nd-arp) and benchmarks.
# Source it after lab.sh, which keeps doing the reporting, teardown, staging and nd-* running:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
#   source "$(dirname "${BASH_SOURCE[0]}")/arp_lab.sh"
#   lab_require_root; arp_lab_require
#   arp_lab_setup                    # build it (sets the namespace variables below and LAB_NS_C)
#   lab_stage_bins; lab_tool nd-arp root|nobody OUT ERR ARGS...   # the staged tool, as lab.sh
#   arp_lab_run [-n NS] OUT CMD...   # CMD as root in the client namespace (or NS), with a
#                                    # timeout, stdout+stderr to OUT, exit code in LAB_RC (124:
#                                    # timed out)
#   arp_lab_mac_of IP                # the MAC that answers for IP (single-owner addresses only)
#   arp_lab_ns_of IP                 # the namespace(s) holding IP, one a line (two for the dup)
#   arp_lab_expect_scan              # "IP MAC" lines a full scan of the subnet finds, sorted
#   arp_lab_sort                     # sort "IP MAC" lines (a tool's answers) the same way
#   arp_lab_neigh NS IP              # "MAC STATE" of IP in NS's neighbour table, or nothing
#                                    # (MAC "-" for an entry without one: INCOMPLETE, FAILED)
#   arp_lab_flush_neigh NS           # NS forgets every neighbour entry (not the permanent ones)
#   arp_lab_mac_for OCTET [05|06]    # the scheme's MAC for a last octet (see below)
#
# Topology (names unique per run: ${LAB_PREFIX}sw, ${LAB_PREFIX}c, ${LAB_PREFIX}h01 .. h20):
#
#                      switch ${LAB_PREFIX}sw: bridge br0, STP off, forward_delay 0
#           ┌─────┬─────┬───────────┬─────┬─────┬─────┬─────┬─────┬─────┐
#   port:   c    h01   h02   ...   h14   h15   h16   h17   h18   h19   h20     (bridge ports)
#           │     │     │           │     │     │     │     │     │     │      (veth pairs)
#           c0    e0    e0          e0    e0    e0    e0    e0    e0    e0
#         client h01   h02   ...   h14   h15   h16   h17   h18   h19   h20     (namespaces)
#           .1   .11   .12         .24   .30   .30   .40   .50   .60   .70
#                                         └─dup─┘    .41   DOWN   arp_accept=1
#                                         same IP one MAC
#
#   All addresses are in 198.18.5.0/24 (every host has a /24, so the whole segment is on-link).
#   MACs: 02:00:c6:12:05:XX (locally administered; c6:12:05 is 198.18.5 in hex), XX = the last
#   octet of the host's first address in hex; only h16, the second owner of .30, has
#   02:00:c6:12:06:1e.
#
#   client   198.18.5.1         02:00:c6:12:05:01   c0, namespace LAB_NS_C (lab_tool runs there)
#   h01-h14  198.18.5.11 .. .24 02:00:c6:12:05:0b .. 02:00:c6:12:05:18   plain live hosts
#   h15      198.18.5.30        02:00:c6:12:05:1e   } a duplicate address: both hosts answer,
#   h16      198.18.5.30        02:00:c6:12:06:1e   } each with its own MAC
#   h17      198.18.5.40, .41   02:00:c6:12:05:28   one interface, one MAC, two addresses
#   h18      198.18.5.50        02:00:c6:12:05:32   e0 administratively down: never answers
#   h19      198.18.5.60        02:00:c6:12:05:3c   live
#   h20      198.18.5.70        02:00:c6:12:05:46   live, arp_accept=1 (see below): the host whose
#                                                   neighbour table the -U / -A tests look at
#   198.18.5.99 (ARP_LAB_FREE) and every other address of the /24: nobody.
#
# Variables (addresses and MACs are set when this file is sourced, namespaces by arp_lab_setup;
# scalars are exported, arrays are plain globals since bash cannot export them):
#   ARP_LAB_SUBNET=198.18.5.0/24, ARP_LAB_PREFIXLEN=24, ARP_LAB_IFACE=c0 (the client's interface)
#   ARP_LAB_CLIENT_IP / ARP_LAB_CLIENT_MAC   198.18.5.1 / 02:00:c6:12:05:01
#   ARP_LAB_LIVE        every address that answers: .11-.24, .30, .40, .41, .60, .70 (19)
#   ARP_LAB_SINGLE      the live addresses with one owner: ARP_LAB_LIVE without ARP_LAB_DUP (18)
#   ARP_LAB_DUP         198.18.5.30; ARP_LAB_DUP_MACS: its two owners' MACs (h15's, h16's)
#   ARP_LAB_MULTI_MAC   h17's MAC; ARP_LAB_MULTI_IPS: its two addresses (.40 .41)
#   ARP_LAB_DOWN        198.18.5.50 (configured on h18, whose e0 is down); ARP_LAB_DOWN_MAC its MAC
#   ARP_LAB_FREE        198.18.5.99, nobody's
#   ARP_LAB_ANNOUNCE_IP / ARP_LAB_ANNOUNCE_MAC / ARP_LAB_ANNOUNCE_NS   198.18.5.70, its MAC, h20's
#                       namespace (arp_accept=1: gratuitous ARP creates entries there)
#   ARP_LAB_NS_SW       the switch's namespace; ARP_LAB_NS_HOSTS: the hosts' ([0] is h01)
#   ARP_LAB_NHOSTS=20; ARP_LAB_HOST_IPS / ARP_LAB_HOST_MACS / ARP_LAB_HOST_UP   per host ([0] is
#                       h01): its addresses (space-separated), its MAC, 1 if its e0 is up (0: h18)
#   ARP_LAB_MAC_OF      associative, IP -> MAC, for every single-owner address (the client's and
#                       ARP_LAB_DOWN's too); the dup is not in it (arp_lab_mac_of)
#   LAB_NS_C            the client namespace (so lab_tool, lab_start_bg, lab_nd of lab.sh run there)
#
# Kernel settings, so that the wire carries only the ARP the tests cause:
#   - No IPv6 anywhere (disable_ipv6 on all and default in every namespace before any link exists):
#     no neighbour discovery, MLD or router solicitations. STP off: no BPDUs either.
#   - New namespaces inherit the host's IPv4 conf/all and conf/default (devconf_inherit_init_net
#     0), so every ARP knob is set explicitly, on all and default, before the links exist:
#     arp_notify 0 (no gratuitous ARP when a link comes up or an address is added), arp_ignore 0
#     (answer for any local address), arp_announce 0, arp_filter 0, proxy_arp 0,
#     drop_gratuitous_arp 0, arp_accept 0 — except h20, arp_accept 1.
#   - arp_accept: without it (0, Linux's default) a received gratuitous ARP (sender address =
#     target address; a request, or a reply whose target MAC is the sender MAC) only refreshes an
#     entry the receiver already has (state STALE, new MAC taken at once: a gratuitous ARP
#     overrides the 1 s locktime); it never creates one. With 1, it also creates one (STALE), and
#     so do unsolicited ARP replies from unicast senders, even from a sender in none of the
#     interface's subnets (2, since Linux 6.2: only from a sender in one of them). The value used
#     is the larger of conf/all and conf/<interface>. So h20 is where an announcement must show
#     up, while on the others it only refreshes an existing entry. (Ordinary broadcast requests
#     for somebody else create nothing, with arp_accept or without.)
#   - Requests are another story: a host answering a request for one of its own addresses
#     creates (or refreshes) a STALE entry for the requester, unless the request's sender
#     address is all zeros (an RFC 5227 probe, as in arping -D). Every scan therefore leaves the
#     client in the scanned hosts' tables: arp_lab_flush_neigh before a test that cares. The
#     prober's own kernel learns nothing from the replies a packet-socket tool (arping, arp-scan,
#     nd-arp) receives: only its own resolutions fill its table.
#   - The duplicate: h15 and h16 both answer every request, so one broadcast gets two replies.
#     Observed here: h16's comes first (the bridge floods to its newest port first), and a kernel
#     resolving the address keeps the first answer (later ones within the 1 s locktime are
#     ignored), but tests should not rely on the order.
#   - Every neighbour table is empty when arp_lab_setup returns: the readiness check uses probes
#     with an all-zero sender address (nobody learns from them) and every table is flushed after it.
#
# Only 198.18.0.0/15 is used, inside namespaces this file creates (plus loopback).

if [[ -n ${ARP_LAB_SH_LOADED:-} ]]; then return 0; fi
ARP_LAB_SH_LOADED=1
[[ -n ${LAB_SH_LOADED:-} ]] || { echo "arp_lab.sh: source lab.sh first" >&2; exit 2; }

ARP_LAB_NET=198.18.5                  # the /24's first three octets
export ARP_LAB_SUBNET=$ARP_LAB_NET.0/24 ARP_LAB_PREFIXLEN=24 ARP_LAB_IFACE=c0

# arp_lab_mac_for OCTET [BLOCK] — the scheme's MAC for the last octet OCTET (BLOCK: the fifth
# byte, 05 by default; h16 uses 06).
arp_lab_mac_for() { printf '02:00:c6:12:%s:%02x\n' "${2:-05}" "$1"; }

export ARP_LAB_CLIENT_IP=$ARP_LAB_NET.1
export ARP_LAB_CLIENT_MAC; ARP_LAB_CLIENT_MAC=$(arp_lab_mac_for 1)
export ARP_LAB_DUP=$ARP_LAB_NET.30
export ARP_LAB_DOWN=$ARP_LAB_NET.50
export ARP_LAB_FREE=$ARP_LAB_NET.99
export ARP_LAB_ANNOUNCE_IP=$ARP_LAB_NET.70
ARP_LAB_NS_SW="" ARP_LAB_ANNOUNCE_NS="" ARP_LAB_NS_HOSTS=()
export ARP_LAB_NS_SW ARP_LAB_ANNOUNCE_NS

# The hosts, h01 first: arp_lab_host "ADDRESS [ADDRESS...]" MAC UP (1: e0 up, 0: down).
ARP_LAB_HOST_IPS=() ARP_LAB_HOST_MACS=() ARP_LAB_HOST_UP=()
arp_lab_host() { ARP_LAB_HOST_IPS+=("$1") ARP_LAB_HOST_MACS+=("$2") ARP_LAB_HOST_UP+=("$3"); }
for _o in $(seq 11 24); do arp_lab_host "$ARP_LAB_NET.$_o" "$(arp_lab_mac_for "$_o")" 1; done
arp_lab_host "$ARP_LAB_DUP" "$(arp_lab_mac_for 30)" 1                              # h15
arp_lab_host "$ARP_LAB_DUP" "$(arp_lab_mac_for 30 06)" 1                           # h16
arp_lab_host "$ARP_LAB_NET.40 $ARP_LAB_NET.41" "$(arp_lab_mac_for 40)" 1           # h17
arp_lab_host "$ARP_LAB_DOWN" "$(arp_lab_mac_for 50)" 0                             # h18
arp_lab_host "$ARP_LAB_NET.60" "$(arp_lab_mac_for 60)" 1                           # h19
arp_lab_host "$ARP_LAB_ANNOUNCE_IP" "$(arp_lab_mac_for 70)" 1                      # h20
unset _o
ARP_LAB_NHOSTS=${#ARP_LAB_HOST_IPS[@]}
ARP_LAB_ANNOUNCE_HOST=20   # h20

export ARP_LAB_DOWN_MAC=${ARP_LAB_HOST_MACS[17]}
export ARP_LAB_ANNOUNCE_MAC=${ARP_LAB_HOST_MACS[ARP_LAB_ANNOUNCE_HOST - 1]}
export ARP_LAB_MULTI_MAC=${ARP_LAB_HOST_MACS[16]}
read -r -a ARP_LAB_MULTI_IPS <<<"${ARP_LAB_HOST_IPS[16]}"
ARP_LAB_DUP_MACS=("${ARP_LAB_HOST_MACS[14]}" "${ARP_LAB_HOST_MACS[15]}")

ARP_LAB_LIVE=() ARP_LAB_SINGLE=()
declare -gA ARP_LAB_MAC_OF=(["$ARP_LAB_CLIENT_IP"]=$ARP_LAB_CLIENT_MAC)
for ((_i = 0; _i < ARP_LAB_NHOSTS; _i++)); do
  for _a in ${ARP_LAB_HOST_IPS[_i]}; do
    [[ $_a == "$ARP_LAB_DUP" ]] || ARP_LAB_MAC_OF[$_a]=${ARP_LAB_HOST_MACS[_i]}
    ((ARP_LAB_HOST_UP[_i])) || continue
    [[ " ${ARP_LAB_LIVE[*]} " == *" $_a "* ]] || ARP_LAB_LIVE+=("$_a")
    [[ $_a == "$ARP_LAB_DUP" ]] || ARP_LAB_SINGLE+=("$_a")
  done
done
unset _i _a

# arp_lab_require — skip (exit 77) when a tool the topology needs is missing.
arp_lab_require() {
  command -v sysctl >/dev/null || lab_skip "sysctl (procps) is not installed"
  [[ -d /proc/sys/net/ipv6 ]] || lab_skip "the kernel has no IPv6 sysctls (the lab disables IPv6 through them)"
}

# arp_lab_mac_of IP — the MAC expected to answer for IP: the single-owner addresses (the client's
# and ARP_LAB_DOWN's included). Nothing and status 1 for the duplicate and for unused addresses.
arp_lab_mac_of() {
  [[ -n ${ARP_LAB_MAC_OF[$1]:-} ]] || return 1
  echo "${ARP_LAB_MAC_OF[$1]}"
}

# arp_lab_ns_of IP — the namespace(s) that hold IP (after arp_lab_setup), one a line; the
# client's for ARP_LAB_CLIENT_IP. Status 1 when nobody does.
arp_lab_ns_of() {
  local i a found=1
  if [[ $1 == "$ARP_LAB_CLIENT_IP" ]]; then echo "$LAB_NS_C"; return 0; fi
  for ((i = 0; i < ARP_LAB_NHOSTS; i++)); do
    for a in ${ARP_LAB_HOST_IPS[i]}; do
      if [[ $a == "$1" ]]; then echo "${ARP_LAB_NS_HOSTS[i]}"; found=0; fi
    done
  done
  return "$found"
}

# arp_lab_expect_scan — what a scan of the whole subnet from the client finds: "IP MAC" for every
# answer, sorted by address then MAC (the duplicate twice, h17's MAC for both its addresses).
arp_lab_expect_scan() {
  local i a
  for ((i = 0; i < ARP_LAB_NHOSTS; i++)); do
    ((ARP_LAB_HOST_UP[i])) || continue
    for a in ${ARP_LAB_HOST_IPS[i]}; do echo "$a ${ARP_LAB_HOST_MACS[i]}"; done
  done | arp_lab_sort
}

# arp_lab_sort — sort "IP MAC ..." lines of this /24 the way arp_lab_expect_scan does: by the last
# octet, then by the rest of the line.
arp_lab_sort() { LC_ALL=C sort -t . -k 4,4n -k 4,4; }

# arp_lab_neigh NS IP — "MAC STATE" of IP's entry in NS's neighbour table (MAC "-" when the entry
# has none, e.g. INCOMPLETE or FAILED); nothing when there is no entry.
arp_lab_neigh() {
  ip -n "$1" -4 neigh show to "$2" |
    awk -v ip="$2" '$1 == ip { m = "-"; for (i = 2; i < NF; i++) if ($i == "lladdr") m = $(i + 1); print m, $NF }'
}

# arp_lab_flush_neigh NS — NS forgets its neighbour entries (all but permanent ones).
arp_lab_flush_neigh() { ip -n "$1" -4 neigh flush all >/dev/null; }

# arp_lab_run [-n NS] OUT CMD... — CMD as root in the client namespace (or NS) with a
# LAB_TOOL_TIMEOUT, stdout and stderr to OUT, exit code in LAB_RC (124: killed). In the
# background, so a SIGTERM to the test tears down at once.
arp_lab_run() {
  local ns=$LAB_NS_C out pid
  if [[ $1 == -n ]]; then ns=$2; shift 2; fi
  out=$1; shift
  LAB_RC=0
  timeout -k 5 "$LAB_TOOL_TIMEOUT" ip netns exec "$ns" "$@" >"$out" 2>&1 </dev/null &
  pid=$!
  wait "$pid" || LAB_RC=$?
  if ((LAB_RC == 124)); then echo "# killed after ${LAB_TOOL_TIMEOUT} s: $*"; fi
}

# arp_lab_sysctl NS ARP_ACCEPT — the namespace's IPv6 off and its ARP knobs fixed (see the header),
# on all and default, so every interface created afterwards has them.
arp_lab_sysctl() {
  local args=() c
  for c in all default; do
    args+=("net.ipv6.conf.$c.disable_ipv6=1" "net.ipv4.conf.$c.arp_notify=0"
      "net.ipv4.conf.$c.arp_accept=$2" "net.ipv4.conf.$c.arp_ignore=0"
      "net.ipv4.conf.$c.arp_announce=0" "net.ipv4.conf.$c.arp_filter=0"
      "net.ipv4.conf.$c.proxy_arp=0" "net.ipv4.conf.$c.drop_gratuitous_arp=0")
  done
  ip netns exec "$1" sysctl -qw "${args[@]}" >/dev/null
}

# arp_lab_setup — build the segment, wait until every live address answers, empty every
# neighbour table.
arp_lab_setup() {
  [[ -z $ARP_LAB_NS_SW ]] || lab_die "arp_lab_setup: the ARP lab is up already"
  lab_workdir
  lab_sweep_stale
  local i name
  # A killed earlier run with our PID could have left namespaces of these names (lab.sh only
  # looks for its own c and r).
  for name in sw c h01 h20; do
    if [[ -e /run/netns/$LAB_PREFIX$name ]]; then LAB_PREFIX=nd$$-$RANDOM-; break; fi
  done
  ARP_LAB_NS_SW=${LAB_PREFIX}sw
  LAB_NS_C=${LAB_PREFIX}c
  ARP_LAB_NS_HOSTS=()
  for ((i = 1; i <= ARP_LAB_NHOSTS; i++)); do ARP_LAB_NS_HOSTS+=("$(printf '%sh%02d' "$LAB_PREFIX" "$i")"); done
  ARP_LAB_ANNOUNCE_NS=${ARP_LAB_NS_HOSTS[ARP_LAB_ANNOUNCE_HOST - 1]}

  local ns
  for ns in "$LAB_NS_C" "$ARP_LAB_NS_SW" "${ARP_LAB_NS_HOSTS[@]}"; do
    lab_ns_add "$ns"
    arp_lab_sysctl "$ns" "$([[ $ns == "$ARP_LAB_ANNOUNCE_NS" ]] && echo 1 || echo 0)"
  done

  # The switch. With STP off a port forwards as soon as it has carrier.
  ip -n "$ARP_LAB_NS_SW" link add br0 type bridge stp_state 0 forward_delay 0
  ip -n "$ARP_LAB_NS_SW" link set br0 up

  # Each end station: its veth (the peer straight into the switch, named after the station),
  # fixed MAC, addresses, up. One ip per namespace.
  ip -n "$LAB_NS_C" -batch - <<EOF
link add $ARP_LAB_IFACE address $ARP_LAB_CLIENT_MAC type veth peer name c netns $ARP_LAB_NS_SW
address add $ARP_LAB_CLIENT_IP/$ARP_LAB_PREFIXLEN dev $ARP_LAB_IFACE
link set $ARP_LAB_IFACE up
EOF
  local ports="link set c master br0 up"$'\n' port cmds a
  for ((i = 0; i < ARP_LAB_NHOSTS; i++)); do
    port=$(printf 'h%02d' $((i + 1)))
    cmds="link add e0 address ${ARP_LAB_HOST_MACS[i]} type veth peer name $port netns $ARP_LAB_NS_SW"$'\n'
    for a in ${ARP_LAB_HOST_IPS[i]}; do cmds+="address add $a/$ARP_LAB_PREFIXLEN dev e0"$'\n'; done
    ((ARP_LAB_HOST_UP[i])) && cmds+="link set e0 up"$'\n'
    ip -n "${ARP_LAB_NS_HOSTS[i]}" -batch - <<<"$cmds"
    ports+="link set $port master br0 up"$'\n'
  done
  ip -n "$ARP_LAB_NS_SW" -batch - <<<"$ports"

  arp_lab_wait_ready
  for ns in "$LAB_NS_C" "$ARP_LAB_NS_SW" "${ARP_LAB_NS_HOSTS[@]}"; do arp_lab_flush_neigh "$ns"; done
}

# arp_lab_wait_ready — from the client, ARP probes (sender address all zeros, so nobody adds the
# client to its table) for every live address until each has answered with every MAC expected
# for it; dies after 5 s.
arp_lab_wait_ready() {
  local want=() line missing
  while read -r line; do want+=("${line/ /=}"); done < <(arp_lab_expect_scan)
  if ! missing=$(ip netns exec "$LAB_NS_C" "$LAB_PYTHON" - "$ARP_LAB_IFACE" "$ARP_LAB_CLIENT_MAC" "${want[@]}" <<'PY'
import select, socket, struct, sys, time
ifname, mine = sys.argv[1], bytes.fromhex(sys.argv[2].replace(":", ""))
want = {}
for spec in sys.argv[3:]:
    ip, mac = spec.split("=")
    want.setdefault(socket.inet_aton(ip), set()).add(bytes.fromhex(mac.replace(":", "")))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0806))
s.bind((ifname, 0))
seen = {}
deadline = time.monotonic() + 5
next_send = 0.0
while True:
    missing = [ip for ip, macs in want.items() if not macs <= seen.get(ip, set())]
    if not missing:
        sys.exit(0)
    now = time.monotonic()
    if now >= deadline:
        print(" ".join(socket.inet_ntoa(ip) for ip in missing))
        sys.exit(1)
    if now >= next_send:
        for ip in missing:
            # who-has ip, from our MAC and the all-zero address
            arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, mine, bytes(4), bytes(6), ip)
            s.send(b"\xff" * 6 + mine + b"\x08\x06" + arp)
        next_send = now + 0.2
    r, _, _ = select.select([s], [], [], max(0.0, min(next_send, deadline) - now))
    if r:
        f = s.recv(2048)
        if len(f) >= 42 and f[12:14] == b"\x08\x06" and f[20:22] == b"\x00\x02":
            seen.setdefault(f[28:32], set()).add(f[22:28])
PY
  ); then
    lab_die "ARP lab is not ready: no answer from $missing"
  fi
}
