#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The ARP lab itself (arp_lab.sh), checked with the classic tools, no netdiag binary needed: every
# neighbour table starts empty and there is no IPv6; iputils arping gets the expected MAC from
# every live single-owner address, both MACs from the duplicate, nothing from the down host and
# the free address; arping -D finds those two free and the live ones taken; arp-scan over the /24
# lists exactly the live set (the duplicate with both MACs, h17's one MAC for both its addresses);
# a gratuitous ARP from the client (arping -U, then -A) creates an entry in h20 (arp_accept=1),
# refreshes an existing one with a wrong MAC elsewhere, creates none elsewhere, and none in h20
# either once its arp_accept is 0.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
source "$(dirname "${BASH_SOURCE[0]}")/arp_lab.sh"
lab_require_root
arp_lab_require
ARPING=$(command -v arping || true)
[[ -n $ARPING ]] || lab_skip "arping is not installed (Debian package iputils-arping)"
"$ARPING" -V 2>&1 | grep -q iputils || lab_skip "$ARPING is not iputils arping (Debian package iputils-arping)"
command -v arp-scan >/dev/null || lab_skip "arp-scan is not installed (Debian package arp-scan)"

LAB_TOOL_TIMEOUT=30
start=$SECONDS
arp_lab_setup
out=$(lab_file out)
lab_log "switch $ARP_LAB_NS_SW, client $LAB_NS_C ($ARP_LAB_CLIENT_IP $ARP_LAB_CLIENT_MAC), hosts ${ARP_LAB_NS_HOSTS[0]} .. ${ARP_LAB_NS_HOSTS[ARP_LAB_NHOSTS - 1]}; set up in $((SECONDS - start)) s"
lab_log "live: ${ARP_LAB_LIVE[*]}"
lab_log "dup $ARP_LAB_DUP (${ARP_LAB_DUP_MACS[*]}), multi $ARP_LAB_MULTI_MAC (${ARP_LAB_MULTI_IPS[*]}), down $ARP_LAB_DOWN, free $ARP_LAB_FREE"

run() { arp_lab_run "$out" "$@"; }
flat() { tr '\n' ' ' | sed 's/ $//'; }
# The MACs of arping's reply lines, lowercase, in arrival order.
arping_macs() { sed -nE 's/^Unicast reply from [0-9.]+ \[([0-9A-Fa-f:]+)\].*/\1/p' "$out" | tr 'A-F' 'a-f'; }
show() { sed 's/^/#   /' "$out"; }
CIP=$ARP_LAB_CLIENT_IP IF=$ARP_LAB_IFACE

# ---------------------------------------------------------------------------------------------
# The topology as built

entries="" v6=""
for ns in "$LAB_NS_C" "$ARP_LAB_NS_SW" "${ARP_LAB_NS_HOSTS[@]}"; do
  entries+=$(ip -n "$ns" neigh show)
  v6+=$(ip -n "$ns" -6 addr show)
done
lab_eq "no neighbour entry in any of the $((ARP_LAB_NHOSTS + 2)) namespaces after setup" "$entries" ""
lab_eq "no IPv6 address in any namespace" "$v6" ""
lab_eq "switch: every port forwards but h18's (disabled: its peer e0 is down)" \
  "$(bridge -n "$ARP_LAB_NS_SW" link show | awk '{ sub(/@.*/, "", $2); for (i = 3; i < NF; i++) if ($i == "state") print $2 ":" $(i + 1) }' | flat)" \
  "c:forwarding $(for ((i = 1; i <= ARP_LAB_NHOSTS; i++)); do
    printf 'h%02d:%s ' "$i" "$( ((i == 18)) && echo disabled || echo forwarding)"; done | sed 's/ $//')"
lab_eq "h20 has arp_accept 1, the others 0" \
  "$(for ns in "${ARP_LAB_NS_HOSTS[@]}"; do ip netns exec "$ns" sysctl -n net.ipv4.conf.e0.arp_accept; done | flat)" \
  "$(printf '0 %.0s' $(seq 19))1"

# ---------------------------------------------------------------------------------------------
# iputils arping

for a in "${ARP_LAB_SINGLE[@]}"; do
  run "$ARPING" -c 1 -w 2 -I "$IF" "$a"
  lab_eq "arping $a: exit 0, one reply, from $(arp_lab_mac_of "$a")" "$LAB_RC $(arping_macs | flat)" "0 $(arp_lab_mac_of "$a")"
done
lab_eq "the client's kernel learnt nothing from arping's replies (no entry for ${ARP_LAB_SINGLE[0]})" \
  "$(arp_lab_neigh "$LAB_NS_C" "${ARP_LAB_SINGLE[0]}")" ""
lab_eq "h01 learnt the client from arping's request: a STALE entry" \
  "$(arp_lab_neigh "${ARP_LAB_NS_HOSTS[0]}" "$CIP")" "$ARP_LAB_CLIENT_MAC STALE"

run "$ARPING" -c 2 -w 2 -I "$IF" "$ARP_LAB_DUP"
show
lab_eq "arping -c 2 $ARP_LAB_DUP: both owners answer the one request, each with its MAC (exit $LAB_RC)" \
  "$(arping_macs | sort | flat)" "$(printf '%s\n' "${ARP_LAB_DUP_MACS[@]}" | sort | flat)"

for a in "$ARP_LAB_DOWN" "$ARP_LAB_FREE"; do
  run "$ARPING" -c 1 -w 2 -I "$IF" "$a"
  lab_eq "arping $a: exit 1, no reply" "$LAB_RC $(arping_macs | flat)" "1 "
  lab_grep "arping $a: Received 0 response(s)" "$out" '^Received 0 response'
done

# Duplicate address detection: the probes' sender address is all zeros.
arp_lab_flush_neigh "${ARP_LAB_NS_HOSTS[0]}"
for a in "$ARP_LAB_FREE" "$ARP_LAB_DOWN" "${ARP_LAB_SINGLE[0]}" "$ARP_LAB_DUP"; do
  run "$ARPING" -D -c 2 -w 3 -I "$IF" "$a"
  if [[ $a == "$ARP_LAB_FREE" || $a == "$ARP_LAB_DOWN" ]]; then
    lab_eq "arping -D $a: exit 0 (nobody has it), no reply" "$LAB_RC $(arping_macs | flat)" "0 "
  else
    owners=$(arp_lab_mac_of "$a" || printf '%s\n' "${ARP_LAB_DUP_MACS[@]}")
    first=$(arping_macs | head -n 1)
    lab_eq "arping -D $a: exit 1 (taken)" "$LAB_RC" 1
    lab_check "arping -D $a: the first reply ($first) comes from an owner ($(flat <<<"$owners"))" \
      grep -qxF -- "$first" <<<"$owners"
  fi
done
lab_eq "h01 answered arping -D but learnt nothing from it (all-zero sender)" \
  "$(arp_lab_neigh "${ARP_LAB_NS_HOSTS[0]}" "$CIP")" ""

# ---------------------------------------------------------------------------------------------
# arp-scan over the whole /24

run arp-scan -I "$IF" --retry=2 --plain "$ARP_LAB_SUBNET"
show
lab_eq "arp-scan exits 0" "$LAB_RC" 0
scan=$(awk -F '\t' '$1 ~ /^[0-9]+(\.[0-9]+)+$/ && NF >= 2 { print $1, $2 }' "$out" | arp_lab_sort)
lab_eq "arp-scan: exactly the live addresses answer" \
  "$(cut -d ' ' -f 1 <<<"$scan" | uniq | flat)" "${ARP_LAB_LIVE[*]}"
lab_eq "arp-scan: every answer with its expected MAC (both for $ARP_LAB_DUP, $ARP_LAB_MULTI_MAC for ${ARP_LAB_MULTI_IPS[*]})" \
  "$(flat <<<"$scan")" "$(arp_lab_expect_scan | flat)"
lab_grep "arp-scan flags the second answer for $ARP_LAB_DUP as (DUP: 2)" "$out" \
  "^$(lab_re "$ARP_LAB_DUP")"$'\t'".*\(DUP: 2\)"

# ---------------------------------------------------------------------------------------------
# Gratuitous ARP: the client announces its own address

H01=${ARP_LAB_NS_HOSTS[0]} H19=${ARP_LAB_NS_HOSTS[18]} H20=$ARP_LAB_ANNOUNCE_NS
WRONG=$(arp_lab_mac_for 238)   # nobody's MAC
for mode in -U -A; do
  n=2
  [[ $mode == -A ]] && n=1
  for ns in "$H01" "$H19" "$H20"; do arp_lab_flush_neigh "$ns"; done
  ip -n "$H19" neigh replace "$CIP" lladdr "$WRONG" dev e0 nud stale
  lab_eq "before arping $mode: h20 has no entry for the client, h19 a STALE one with a wrong MAC" \
    "$(arp_lab_neigh "$H20" "$CIP")|$(arp_lab_neigh "$H19" "$CIP")" "|$WRONG STALE"
  run "$ARPING" "$mode" -c "$n" -I "$IF" "$CIP"
  show
  lab_eq "arping $mode -c $n $CIP: exit 0, $n sent" "$LAB_RC $(sed -nE 's/^Sent ([0-9]+) probes.*/\1/p' "$out")" "0 $n"
  lab_eq "arping $mode: h20 (arp_accept 1) created an entry for the client" \
    "$(arp_lab_neigh "$H20" "$CIP")" "$ARP_LAB_CLIENT_MAC STALE"
  lab_eq "arping $mode: h19 (arp_accept 0) replaced the wrong MAC of its existing entry" \
    "$(arp_lab_neigh "$H19" "$CIP")" "$ARP_LAB_CLIENT_MAC STALE"
  lab_eq "arping $mode: h01 (arp_accept 0, no entry) created none" "$(arp_lab_neigh "$H01" "$CIP")" ""
done

# The control: without arp_accept, h20 ignores the announcement too.
ip netns exec "$H20" sysctl -qw net.ipv4.conf.all.arp_accept=0 net.ipv4.conf.e0.arp_accept=0
arp_lab_flush_neigh "$H20"
run "$ARPING" -A -c 1 -I "$IF" "$CIP"
lab_eq "arping -A with h20's arp_accept 0: no entry there" "$(arp_lab_neigh "$H20" "$CIP")" ""
ip netns exec "$H20" sysctl -qw net.ipv4.conf.all.arp_accept=1 net.ipv4.conf.e0.arp_accept=1

lab_log "took $((SECONDS - start)) s"
lab_finish
