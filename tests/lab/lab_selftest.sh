#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The lab itself, checked with iputils ping (no netdiag binary needed): routes and TTL, the
# delayed, lossy, unroutable, dead and MTU-1400 destinations, and that nobody can use ICMP
# datagram sockets once ping_group_range is open.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
lab_require_root
command -v ping >/dev/null || lab_skip "iputils ping is not installed"

DELAY=20
lab_setup --delay "$DELAY" --loss 30
lab_log "namespaces $LAB_NS_C $LAB_NS_R $LAB_NS_S; delay ${DELAY}ms each way on $LAB_V4_DELAY"
out=$(lab_file out)

iping() { LAB_RC=0; timeout -k 5 60 ip netns exec "$LAB_NS_C" ping "$@" >"$out" 2>&1 || LAB_RC=$?; }
rtts() { sed -nE 's/.* time=([0-9.]+) ms.*/\1/p' "$out"; }

for a in "$LAB_V4_CLEAN" "$LAB_V6_CLEAN"; do
  iping -c 3 -i 0.2 "$a"
  lab_eq "iputils ping $a exits 0" "$LAB_RC" 0
  lab_eq "$a: 3 replies with ttl=63" "$(grep -c 'ttl=63 ' "$out" || true)" 3
done

lab_require_delay
for a in "$LAB_V4_DELAY" "$LAB_V6_DELAY"; do
  iping -c 5 -i 0.1 "$a"
  lab_eq "iputils ping $a exits 0" "$LAB_RC" 0
  r=$(rtts | tr '\n' ' ')
  lab_check "$a: 5 RTTs all >= $((2 * DELAY)) ms and < $((2 * DELAY + 100)) ms ($r)" \
    awk -v lo=$((2 * DELAY)) -v hi=$((2 * DELAY + 100)) 'BEGIN{n=0} {n++; if ($1 < lo || $1 >= hi) bad=1} END{exit (bad || n != 5)}' <<<"$(rtts)"
done
iping -c 3 -i 0.1 "$LAB_V4_CLEAN"
lab_check "$LAB_V4_CLEAN is not delayed ($(rtts | tr '\n' ' '))" \
  awk -v hi="$DELAY" '{if ($1 >= hi) bad=1} END{exit bad}' <<<"$(rtts)"

# A burst keeps its spacing: 20 probes 10 ms apart all come back after ~2x20 ms. Were the packets
# delayed one after the other, the k-th would wait k x 20 ms more (the last ~ 0.6 s).
iping -c 20 -i 0.01 -W 2 "$LAB_V4_DELAY"
lab_eq "burst of 20 to $LAB_V4_DELAY: all answered" "$(rtts | wc -l)" 20
max=$(rtts | sort -n | tail -1)
lab_check "burst of 20 at 10 ms through the delay: the slowest RTT ${max} ms < $((4 * DELAY)) ms" \
  awk -v m="$max" -v hi=$((4 * DELAY)) 'BEGIN{exit !(m < hi)}'

for a in "$LAB_V4_LOSSY" "$LAB_V6_LOSSY"; do
  iping -c 100 -i 0.01 -W 1 "$a"
  loss=$(sed -nE 's/.* ([0-9.]+)% packet loss.*/\1/p' "$out")
  lab_check "$a: 0 < loss=${loss}% < 100 (30% dropped)" awk -v l="$loss" 'BEGIN{exit !(l > 0 && l < 100)}'
done

iping -c 1 -W 2 "$LAB_V4_NOROUTE"
lab_grep "$LAB_V4_NOROUTE: net unreachable from $LAB_V4_ROUTER" "$out" "^From $LAB_V4_ROUTER .*Destination Net Unreachable"
iping -c 1 -W 3 "$LAB_V4_DEAD"
lab_grep "$LAB_V4_DEAD: host unreachable from $LAB_V4_ROUTER" "$out" "^From $LAB_V4_ROUTER .*Destination Host Unreachable"
iping -c 1 -W 2 "$LAB_V6_NOROUTE"
lab_grep "$LAB_V6_NOROUTE: no route from $LAB_V6_ROUTER" "$out" "^From $LAB_V6_ROUTER .*Destination unreachable: No route"
iping -c 1 -W 3 "$LAB_V6_DEAD"
lab_grep "$LAB_V6_DEAD: address unreachable from $LAB_V6_ROUTER" "$out" "^From $LAB_V6_ROUTER .*Destination unreachable: Address unreachable"

iping -c 1 -W 2 -M "do" -s 1472 "$LAB_V4_CLEAN"
lab_grep "-M do -s 1472: frag needed, mtu 1400, from the router" "$out" "^From $LAB_V4_ROUTER .*Frag needed and DF set \(mtu = 1400\)"
iping -c 1 -W 2 -M "do" -s 1452 "$LAB_V6_CLEAN"
lab_grep "-6 -M do -s 1452: packet too big, mtu 1400, from the router" "$out" "^From $LAB_V6_ROUTER .*Packet too big: mtu=1400"
ip netns exec "$LAB_NS_C" ip route flush cache
ip netns exec "$LAB_NS_C" ip -6 route flush cache
iping -c 1 -W 2 -M "do" -s 1472 "$LAB_V4_CLEAN"
lab_grep "after a route cache flush the router is asked again" "$out" "^From $LAB_V4_ROUTER .*mtu = 1400"

# nobody, ping_group_range open: an ICMP datagram socket works (python, no file capabilities).
lab_ping_group open
lab_check "nobody can ping through an ICMP datagram socket" lab_nobody "$LAB_NS_C" "$LAB_PYTHON" -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
s.settimeout(2)
s.sendto(b"\x08\x00\x00\x00\x00\x00\x00\x01labtest", (sys.argv[1], 0))
d = s.recv(1500)
sys.exit(0 if d[0] == 0 else 1)' "$LAB_V4_CLEAN"
lab_check "nobody runs as uid 65534 with no groups and no capabilities" lab_nobody "$LAB_NS_C" \
  sh -c 'test "$(id -u):$(id -g):$(id -G)" = "65534:65534:65534" && grep -q "^CapEff:.0*$" /proc/self/status'
lab_ping_group close
lab_check "with the range closed, nobody cannot" bash -c '! "$@" 2>/dev/null' _ lab_nobody "$LAB_NS_C" "$LAB_PYTHON" -c '
import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)'
lab_finish
