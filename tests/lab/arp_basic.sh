#!/usr/bin/env bash
# nd-arp on the twenty-host bridge (arp_lab.sh): ping a live and a dead neighbour (broadcast, then
# unicast), -c with -w, -f, -b; DAD finds the duplicate and calls an unused address free; -U and -A
# update a host's neighbour table; the sweep finds exactly the live set, the duplicate and the
# two-address host, also at a faster rate; two runs at once each count only their own replies;
# without CAP_NET_RAW one line and exit 2; granted CAP_NET_RAW alone, nobody runs it all and holds
# no capability once the socket is open; Ctrl-C ends with a summary and complete JSON.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
source "$(dirname "${BASH_SOURCE[0]}")/arp_lab.sh"
lab_require_root
arp_lab_require
lab_stage_bins
lab_require_tool nd-arp
arp_lab_setup

LIVE=${ARP_LAB_SINGLE[0]}
LIVE_MAC=$(arp_lab_mac_of "$LIVE")
export LIVE LIVE_MAC ARP_LAB_DUP ARP_LAB_FREE
out=$(lab_file out) err=$(lab_file err) json=$(lab_file json)

# arp WHO ARGS... — nd-arp as root, or as nobody with CAP_NET_RAW alone; stdout in $out.
arp() {
  local who=$1; shift
  lab_tool nd-arp "$([[ $who == root ]] && echo root || echo nobody-raw)" "$out" "$err" "$@"
}
show() { sed 's/^/    | /' "$out" "$err"; }

for who in root nobody; do
  tag="[$who]"

  arp "$who" -c 3 -i 0.2 "$LIVE"
  lab_eq "$tag ping $LIVE: exit 0" "$LAB_RC" 0
  lab_grep "$tag ping: header names the source and interface" "$out" \
    "^ARPING $(lab_re "$LIVE") from $(lab_re "$ARP_LAB_CLIENT_IP") $ARP_LAB_IFACE\$"
  lab_eq "$tag ping: the first request is broadcast" \
    "$(grep -c "^Unicast reply from $(lab_re "$LIVE") \[$LIVE_MAC\]  [0-9.]* ms \[BROADCAST\]$" "$out")" 1
  lab_eq "$tag ping: the next two go unicast to the MAC that replied" \
    "$(grep -c "^Unicast reply from $(lab_re "$LIVE") \[$LIVE_MAC\]  [0-9.]* ms \[UNICAST\]$" "$out")" 2
  lab_grep "$tag ping: summary" "$out" '^Sent 3 probes \(1 broadcast\(s\)\)$'
  lab_grep "$tag ping: 3 responses" "$out" '^Received 3 response\(s\)$'
  lab_grep "$tag ping: rtt statistics" "$out" '^rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms$'
  ((LAB_FAILS == 0)) || show

  arp "$who" -c 2 -i 0.2 -b --json "$LIVE"
  cp "$out" "$json"
  lab_eq "$tag -b --json: exit 0" "$LAB_RC" 0
  lab_check "$tag -b --json validates against netdiag.arp/1" lab_schema_valid "$json" netdiag.arp-1
  lab_json_check "$json" "$tag -b: both requests broadcast, both answered by $LIVE_MAC with an RTT under 50 ms" \
    'd["broadcasts_sent"] == 2 and len(d["answers"]) == 2 and all(a["request_sent"] == "broadcast" and a["mac"] == E["LIVE_MAC"] and 0 <= a["rtt_ms"] < 50 for a in d["answers"]) and d["conflicts"] == [] and d["exit_status"] == 0'

  arp "$who" -c 2 -i 0.2 "$ARP_LAB_FREE"
  lab_eq "$tag ping $ARP_LAB_FREE (nobody's): exit 1" "$LAB_RC" 1
  lab_grep "$tag ping nobody: no response" "$out" '^Received 0 response\(s\)$'
  arp "$who" -c 2 -i 0.2 "$ARP_LAB_DOWN"
  lab_eq "$tag ping $ARP_LAB_DOWN (its host's link is down): exit 1" "$LAB_RC" 1

  # -c with -w: -c counts replies; sending goes on until then or the deadline.
  start=$(date +%s%N)
  arp "$who" -c 2 -w 5 -i 0.2 "$LIVE"
  took=$((($(date +%s%N) - start) / 1000000))
  lab_eq "$tag -c 2 -w 5 to a live host: exit 0" "$LAB_RC" 0
  lab_check "$tag -c 2 -w 5: done after the second reply (${took} ms), not at the deadline" test "$took" -lt 2500
  start=$(date +%s%N)
  arp "$who" -c 2 -w 1 -i 0.2 --json "$ARP_LAB_FREE"
  took=$((($(date +%s%N) - start) / 1000000))
  lab_eq "$tag -c 2 -w 1 to nobody: exit 1" "$LAB_RC" 1
  lab_check "$tag -c 2 -w 1: stops at the deadline (${took} ms)" test "$took" -ge 900 -a "$took" -lt 2500
  lab_json_check "$out" "$tag -c 2 -w 1: requests went on past 2 until the deadline" 'd["requests_sent"] >= 4'
  arp "$who" -f -i 0.2 "$LIVE"
  lab_eq "$tag -f: exit 0 at the first reply" "$LAB_RC" 0
  lab_grep "$tag -f: one probe" "$out" '^Sent 1 probes'

  # A duplicate address: both MACs answer the broadcast; a conflict in any mode.
  arp "$who" -c 1 --json "$ARP_LAB_DUP"
  cp "$out" "$json"
  export DUP_MACS="${ARP_LAB_DUP_MACS[*]}"
  lab_eq "$tag ping the duplicate: exit 0 (it answered)" "$LAB_RC" 0
  lab_json_check "$json" "$tag ping the duplicate: both MACs, a duplicate_address conflict" \
    'sorted(a["mac"] for a in d["answers"]) == sorted(E["DUP_MACS"].split()) and d["conflicts"] == [{"kind": "duplicate_address", "addresses": [E["ARP_LAB_DUP"]], "macs": [a["mac"] for a in d["answers"]]}]'
  arp "$who" -c 1 "$ARP_LAB_DUP"
  lab_grep "$tag ping the duplicate: text says CONFLICT" "$out" "^CONFLICT: $(lab_re "$ARP_LAB_DUP") is claimed by 2 MACs: "
  lab_grep "$tag ping the duplicate: the second MAC is tagged" "$out" '\(DUP: 2\)$'

  # Duplicate-address detection.
  arp "$who" -D --fast --json "$ARP_LAB_DUP"
  cp "$out" "$json"
  lab_eq "$tag -D on the duplicate: exit 1 (in use)" "$LAB_RC" 1
  lab_check "$tag -D --json validates" lab_schema_valid "$json" netdiag.arp-1
  lab_json_check "$json" "$tag -D on the duplicate: in use by one of its MACs, probes from 0.0.0.0" \
    'd["dad"]["result"] == "in_use" and d["dad"]["mac"] in E["DUP_MACS"].split() and d["source"] == "0.0.0.0"'
  arp "$who" -D --fast "$LIVE"
  lab_eq "$tag -D on $LIVE: exit 1" "$LAB_RC" 1
  lab_grep "$tag -D on $LIVE: in use by its MAC" "$out" "^$(lab_re "$LIVE") is in use by $LIVE_MAC\$"
  arp "$who" -D --fast "$ARP_LAB_FREE"
  lab_eq "$tag -D --fast on $ARP_LAB_FREE: exit 0 (free)" "$LAB_RC" 0
  lab_grep "$tag -D --fast: free after 3 probes" "$out" "^$(lab_re "$ARP_LAB_FREE") is free on $ARP_LAB_IFACE: no answer to 3 probes in 0\.[0-9]+ s\$"

  if [[ $who == root ]]; then
    arp "$who" -D --json "$ARP_LAB_FREE"
    lab_eq "$tag -D with RFC 5227 timing on $ARP_LAB_FREE: exit 0 (free)" "$LAB_RC" 0
    lab_json_check "$out" "$tag -D with RFC 5227 timing: 3 probes in 4 to 7 s" \
      'd["requests_sent"] == 3 and 4000 <= d["elapsed_ms"] <= 7100 and d["dad"] == {"result": "free", "mac": None}'
  fi

  # Gratuitous ARP updates a neighbour's table (h20 accepts new entries from it: arp_accept=1).
  for flag in -U -A; do
    arp_lab_flush_neigh "$ARP_LAB_ANNOUNCE_NS"
    arp "$who" "$flag" -c 2 -i 0.2 "$ARP_LAB_CLIENT_IP"
    lab_eq "$tag $flag: exit 0" "$LAB_RC" 0
    lab_grep "$tag $flag: two announcements" "$out" '^Sent 2 probes \(2 broadcast\(s\)\)$'
    lab_eq "$tag $flag: h20 now has the client's address at the client's MAC" \
      "$(arp_lab_neigh "$ARP_LAB_ANNOUNCE_NS" "$ARP_LAB_CLIENT_IP" | cut -d' ' -f1)" "$ARP_LAB_CLIENT_MAC"
  done

  # The sweep.
  arp_lab_expect_scan >"$(lab_file expected)"
  arp "$who" --scan "$ARP_LAB_SUBNET" --json
  cp "$out" "$json"
  lab_eq "$tag --scan: exit 0" "$LAB_RC" 0
  lab_check "$tag --scan --json validates" lab_schema_valid "$json" netdiag.arp-1
  lab_json_check "$json" "$tag --scan: the client's own address left out, 253 asked" \
    'd["skipped"] == ["198.18.5.1"] and d["addresses"] == 253'
  lab_json_get "$json" '"\n".join(h["address"] + " " + m["mac"] for h in d["hosts"] for m in h["macs"])' |
    arp_lab_sort >"$(lab_file found)"
  lab_check "$tag --scan finds exactly the live set, both MACs of the duplicate, .40 and .41 by one MAC" \
    diff -u "$(lab_file expected)" "$(lab_file found)"
  export MULTI_MAC=$ARP_LAB_MULTI_MAC MULTI_IPS="${ARP_LAB_MULTI_IPS[*]}"
  lab_json_check "$json" "$tag --scan: conflicts are the duplicate and the two-address MAC" \
    'sorted(c["kind"] for c in d["conflicts"]) == ["duplicate_address", "several_addresses"] and any(c["macs"] == [E["MULTI_MAC"]] and c["addresses"] == E["MULTI_IPS"].split() for c in d["conflicts"])'
  arp "$who" --localnet -I "$ARP_LAB_IFACE" -i 0.0002
  lab_eq "$tag --localnet at 0.2 ms a request: exit 0" "$LAB_RC" 0
  grep -E '^198\.18\.5\.[0-9]+ +[0-9a-f:]{17} ' "$out" | awk '{print $1, $2}' | arp_lab_sort >"$(lab_file found)"
  lab_check "$tag --localnet at 0.2 ms a request still finds every host" diff -u "$(lab_file expected)" "$(lab_file found)"
  lab_grep "$tag --localnet: header" "$out" "^Scanning $(lab_re "$ARP_LAB_SUBNET"): 253 addresses \(this host's 198\.18\.5\.1 left out\)\$"
  lab_grep "$tag --localnet: vendor column says locally administered" "$out" '\(Unknown: locally administered\)'
  lab_grep "$tag --localnet: summary" "$out" '^19 addresses answered \(19 MACs\) out of 253 in [0-9.]+ s: [0-9]+ requests sent$'
  lab_grep "$tag --localnet: CONFLICT line" "$out" "^CONFLICT: $(lab_re "$ARP_LAB_DUP") is claimed by 2 MACs"
  lab_grep "$tag --localnet: SEVERAL ADDRESSES line" "$out" "^SEVERAL ADDRESSES: $ARP_LAB_MULTI_MAC answers for 2 addresses"
done

# Two runs at once from the same host, asking the same neighbour: each counts only its own replies.
a=$(lab_file a.json) b=$(lab_file b.json) s=$(lab_file s.json)
# At a request a millisecond each, the two runs' requests and replies interleave on the wire.
lab_start_bg nd-arp root "$a" "$(lab_file a.err)" -c 200 -i 0.001 --json "$LIVE"
pid_a=$BG_PID
lab_start_bg nd-arp root "$b" "$(lab_file b.err)" -c 200 -i 0.001 -b --json "$LIVE"
pid_b=$BG_PID
lab_start_bg nd-arp root "$s" "$(lab_file s.err)" --scan "$ARP_LAB_SUBNET" --json
pid_s=$BG_PID
wait "$pid_a" "$pid_b" "$pid_s" || true
for f in "$a" "$b"; do
  lab_json_check "$f" "concurrent $(basename "$f"): 200 requests, exactly 200 answers, one per request, each within 5 ms" \
    'd["requests_sent"] == 200 and d["answers_received"] == 200 and sorted(x["request"] for x in d["answers"]) == list(range(1, 201)) and max(x["rtt_ms"] for x in d["answers"]) < 5'
done
lab_json_check "$s" "concurrent scan: $LIVE answered once, not once per run" \
  'next(h for h in d["hosts"] if h["address"] == E["LIVE"])["macs"][0]["answers"] == 1'

# Without CAP_NET_RAW: one line, exit 2. Bad interfaces: exit 2.
lab_tool nd-arp nobody "$out" "$err" -c 1 "$LIVE"
lab_eq "[nobody, no capability] exit 2" "$LAB_RC" 2
lab_eq "[nobody, no capability] one line on stderr" "$(wc -l <"$err")" 1
lab_grep "[nobody, no capability] it names CAP_NET_RAW and setcap" "$err" '^nd-arp: .*CAP_NET_RAW.*setcap cap_net_raw\+p '
lab_tool nd-arp root "$out" "$err" -I nosuch0 -c 1 "$LIVE"
lab_eq "-I nosuch0: exit 2" "$LAB_RC" 2
lab_grep "-I nosuch0: says so" "$err" '^nd-arp: -I nosuch0: no such interface'
lab_tool nd-arp root "$out" "$err" -I lo -c 1 "$LIVE"
lab_eq "-I lo: exit 2" "$LAB_RC" 2
lab_grep "-I lo: cannot do ARP" "$err" '^nd-arp: interface lo cannot do ARP'

# Capabilities are gone once the socket is open; Ctrl-C prints the summary and complete JSON.
for who in root nobody-raw; do
  lab_start_bg nd-arp "$who" "$json" "$err" -i 0.1 --json "$LIVE" || continue
  sleep 0.6
  lab_check_no_caps "[$who] nd-arp" "$BG_PID"
  lab_stop_bg
  lab_eq "[$who] SIGINT: exit 0 (replies came)" "$BG_RC" 0
  lab_check "[$who] SIGINT: the JSON is complete and valid" lab_schema_valid "$json" netdiag.arp-1
  lab_json_check "$json" "[$who] SIGINT: interrupted, several answers" 'd["interrupted"] is True and d["answers_received"] >= 3'
  lab_start_bg nd-arp "$who" "$out" "$err" -i 0.1 "$LIVE" || continue
  sleep 0.5
  lab_stop_bg
  lab_grep "[$who] SIGINT: text summary" "$out" '^Received [0-9]+ response\(s\)$'
done

# A sweep where nobody answers: exit 1. Vendors from --oui-file (arp-scan's format; the lab's
# MACs are locally administered, so Debian's registries name none of them).
lab_tool nd-arp root "$out" "$err" --scan 198.18.5.90-99 -W 0.1
lab_eq "--scan of addresses nobody has: exit 1" "$LAB_RC" 1
lab_grep "--scan of addresses nobody has: summary" "$out" '^0 addresses answered \(0 MACs\) out of 10 in '
printf '# lab vendors\n0200C61205\tNetdiag Lab Hosts\n' >"$(lab_file oui.txt)"
lab_tool nd-arp root "$json" "$err" --scan "$LIVE" --oui-file "$(lab_file oui.txt)" --json
lab_json_check "$json" "--oui-file: the vendor of $LIVE_MAC comes from the file" \
  'd["hosts"][0]["macs"][0]["vendor"] == "Netdiag Lab Hosts" and d["answers"][0]["vendor"] == "Netdiag Lab Hosts"'

# --ndjson streams the answers, then the summary; -q prints nothing; the front door.
lab_tool nd-arp root "$out" "$err" -c 2 -i 0.1 --ndjson "$LIVE"
lab_json_check "$out" "--ndjson: two answer lines, then the summary" \
  '[x["event"] for x in d] == ["answer", "answer", "summary"] and d[-1]["answers_received"] == 2'
tail -n 1 "$out" >"$json"
lab_check "--ndjson summary validates" lab_schema_valid "$json" netdiag.arp-1
lab_tool nd-arp root "$out" "$err" -q -c 1 "$LIVE"
lab_eq "-q: exit 0 and nothing printed" "$LAB_RC:$(wc -c <"$out")" "0:0"
lab_tool netdiag root "$out" "$err" arp -c 1 "$LIVE"
lab_eq "netdiag arp: runs nd-arp" "$LAB_RC:$(grep -c "^Unicast reply from $(lab_re "$LIVE") " "$out")" "0:1"

lab_finish
