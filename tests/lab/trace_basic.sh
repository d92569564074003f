#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-trace lab test: through the trace lab's chain of five routers (tests/lab/trace_lab.sh) nd-trace
# finds every answering hop in order, shows the silent router as "* * *", reaches the server and
# exits 0; the RTTs grow with the delays on the way; --json validates against
# netdiag.trace/1. IPv4 and IPv6, as root and as nobody (UDP probes need no privilege), and the
# same with -I (ICMP echo: a raw socket for root, a ping socket for nobody) and -T (TCP SYNs to an
# open and a closed port: a raw socket for root, one connect() per probe for nobody).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
source "$(dirname "${BASH_SOURCE[0]}")/trace_lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-trace
trace_lab_setup
lab_listen 80
trace_names

# udp_ports_count — the UDP probes the server has received on port 33434 and on the ports after
# it so far ("AT_BASE ELSEWHERE").
ip netns exec "$LAB_NS_S" nft -f - <<'EOF'
table inet ndports {
  chain input {
    type filter hook input priority 0; policy accept;
    udp dport 33434 counter
    udp dport 33435-34000 counter
  }
}
EOF
udp_ports_count() {
  ip netns exec "$LAB_NS_S" nft list table inet ndports | grep -o 'packets [0-9]*' | awk '{printf "%s ", $2} END {print ""}'
}

export TRACE_MIN_RTT="${TRACE_MIN_RTT_MS[*]}" TRACE_SILENT="$TRACE_SILENT_TTL"
for who in root nobody; do
  for fam in v4 v6; do
    tag="[$who $fam]"
    server_var=TRACE_${fam^^}_SERVER
    json=$(lab_file "trace-$who-$fam.json") err=$(lab_file "trace-$who-$fam.err")
    lab_tool nd-trace "$who" "$json" "$err" --json "${!server_var}"
    lab_eq "$tag exit 0: the server answered" "$LAB_RC" 0
    lab_check "$tag --json validates against netdiag.trace/1" trace_json_valid "$json"
    lab_eq "$tag every hop in order, the silent router as *" "$(trace_json_hops "$json")" "$(trace_expect "$fam")"
    lab_json_check "$json" "$tag every probe of the silent hop timed out; every other hop answered all three" \
      'all((h["ttl"] == int(__import__("os").environ["TRACE_SILENT"])) == all(p["outcome"] == "timed_out" for p in h["probes"]) for h in d["hops"]) and all(len(h["probes"]) == 3 for h in d["hops"])'
    lab_json_check "$json" "$tag RTTs grow with the link delays (no hop faster than its delays allow)" \
      'all(p["rtt_ms"] is None or p["rtt_ms"] >= float(__import__("os").environ["TRACE_MIN_RTT"].split()[h["ttl"] - 1]) for h in d["hops"] for p in h["probes"])'
    lab_json_check "$json" "$tag the destination ends the trace" \
      'd["destination_reached"] and d["stop_reason"] == "destination_reached" and d["hops"][-1]["probes"][0]["outcome"] == "reached"'
  done
  # -I: ICMP echo probes; root through a raw socket, nobody through a ping socket (group range
  # opened in the client namespace only for this).
  if [[ $who == nobody ]]; then lab_ping_group open "$LAB_NS_C"; fi
  for fam in v4 v6; do
    tag="[$who $fam -I]"
    server_var=TRACE_${fam^^}_SERVER
    json=$(lab_file "trace-icmp-$who-$fam.json") err=$(lab_file "trace-icmp-$who-$fam.err")
    lab_tool nd-trace "$who" "$json" "$err" -I --json "${!server_var}"
    lab_eq "$tag exit 0: the server answered" "$LAB_RC" 0
    lab_eq "$tag every hop in order, the silent router as *" "$(trace_json_hops "$json")" "$(trace_expect "$fam")"
    lab_json_check "$json" "$tag method icmp, every probe accounted for, none failed to send" \
      'd["method"] == "icmp" and all(len(h["probes"]) == 3 and all(p["outcome"] != "send_failed" for p in h["probes"]) for h in d["hops"])'
  done
  if [[ $who == nobody ]]; then lab_ping_group close "$LAB_NS_C"; fi
  # -T: SYNs to an open port (80) and a closed one (81); root through a raw socket (one flow),
  # nobody through one connect() per probe.
  for fam in v4 v6; do
    for port in 80 81; do
      state=$( ((port == 80)) && echo open || echo closed)
      tag="[$who $fam -T -p $port]"
      server_var=TRACE_${fam^^}_SERVER
      json=$(lab_file "trace-tcp-$who-$fam-$port.json") err=$(lab_file "trace-tcp-$who-$fam-$port.err")
      lab_tool nd-trace "$who" "$json" "$err" -T -p "$port" --json "${!server_var}"
      lab_eq "$tag exit 0: the server answered" "$LAB_RC" 0
      lab_check "$tag --json validates against netdiag.trace/1" trace_json_valid "$json"
      lab_eq "$tag every hop in order, the silent router as *" "$(trace_json_hops "$json")" "$(trace_expect "$fam")"
      export TRACE_TCP_STATE=$state
      lab_json_check "$json" "$tag method tcp; all three of the server's answers say $state" \
        'd["method"] == "tcp" and [p.get("tcp_state") for p in d["hops"][-1]["probes"]] == [E["TRACE_TCP_STATE"]] * 3' \
        'd["hops"][-1]["probes"]'
    done
  done
  # One flow by default; --classic: a new port per probe, as traceroute. The server counts the
  # ports its probes arrive on (nft counters).
  for mode in paris classic; do
    flags=(-n)
    [[ $mode == classic ]] && flags+=(--classic)
    json=$(lab_file "trace-$mode-$who.json")
    read -r base_before elsewhere_before < <(udp_ports_count)
    lab_tool nd-trace "$who" "$json" "$err" "${flags[@]}" --json "$TRACE_V4_SERVER"
    lab_eq "[$who $mode] exit 0" "$LAB_RC" 0
    lab_eq "[$who $mode] every hop in order" "$(trace_json_hops "$json")" "$(trace_expect v4)"
    read -r at_base elsewhere < <(udp_ports_count)
    at_base=$((at_base - base_before)) elsewhere=$((elsewhere - elsewhere_before))
    if [[ $mode == paris ]]; then
      lab_check "[$who] one flow: every probe that reached the server went to port 33434 ($at_base), none elsewhere ($elsewhere)" \
        test "$at_base" -gt 0 -a "$elsewhere" -eq 0
    else
      lab_check "[$who --classic] probes reached the server on other ports than 33434 ($elsewhere of $((at_base + elsewhere)))" \
        test "$elsewhere" -gt 0 -a "$at_base" -le 1
    fi
  done
  txt=$(lab_file "trace-$who.txt")
  lab_tool nd-trace "$who" "$txt" "$err" -n "$TRACE_V4_SERVER"
  lab_grep "[$who] text: the silent hop" "$txt" "^ $TRACE_SILENT_TTL  \* \* \*$"
  lab_grep "[$who] text: the closing line" "$txt" "^--- $(lab_re "$TRACE_V4_SERVER") reached in $TRACE_NHOPS hops, [0-9]+ ms ---$"
  lab_check "[$who] -n: no names" bash -c '! grep -q "trace\.lab" "$1"' _ "$txt"
  # Without -n, names from the client's hosts file, looked up while probing goes on.
  for fam in v4 v6; do
    server_var=TRACE_${fam^^}_SERVER
    txt=$(lab_file "trace-names-$who-$fam.txt") json=$(lab_file "trace-names-$who-$fam.json")
    lab_tool nd-trace "$who" "$txt" "$err" "${!server_var}"
    lab_grep "[$who $fam] names: hop 1 as traceroute prints it" "$txt" \
      "^ 1  ${TRACE_NAMES[0]} \($(lab_re "$(trace_hop "$fam" 1)")\)  "
    lab_grep "[$who $fam] names: the server" "$txt" \
      "^ $TRACE_NHOPS  ${TRACE_NAMES[TRACE_NHOPS - 1]} \($(lab_re "$(trace_hop "$fam" "$TRACE_NHOPS")")\)  "
    lab_tool nd-trace "$who" "$json" "$err" --json "${!server_var}"
    export TRACE_NAME_LIST="${TRACE_NAMES[*]}"
    lab_json_check "$json" "[$who $fam] --json: every answer's name" \
      'all(p["name"] == E["TRACE_NAME_LIST"].split()[h["ttl"] - 1] for h in d["hops"] for p in h["probes"] if p["address"])' \
      '[[p["name"] for p in h["probes"]] for h in d["hops"]]'
  done
done
lab_finish
