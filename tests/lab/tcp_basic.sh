#!/usr/bin/env bash
# nd-tcp in the lab, as root and as nobody, IPv4 and IPv6: every row of its verdict table from
# real packets through real kernels.
#
#   client ── router ── server        (lab.sh's topology)
#   server port 80   a listener                                  open / syn-ack
#          port 81   nothing                                     closed / reset
#          port 82   the server's nft drops the SYN              filtered / no-response
#          port 83   the router's nft rejects: admin-prohibited  filtered / icmp-admin-prohibited
#          port 84   the server's nft rejects: port-unreachable  filtered / icmp-port-unreachable
#          port 85   the client's own nft rejects on the way out error / local-firewall
#   LAB_V4_DEAD      behind the router, nobody answers its ARP   unreachable / icmp-host-unreachable
#   LAB_V4_NOROUTE   the router has no route                     unreachable / icmp-net-unreachable
#   198.18.1.99      on the client's link, nobody answers ARP    unreachable / no-neighbour
#   a namespace with no route at all                             unreachable / no-route
#   a connect() to this host that meets itself (same port)       closed
# --explain: as root the packets (SYNs and their retransmissions, the RST, unanswered ARP/ND), as
# nobody what the kernel reported.
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"

lab_require_root
lab_stage_bins
lab_require_tool nd-tcp
lab_setup
lab_listen 80

ONLINK_DEAD_V4=198.18.1.99 ONLINK_DEAD_V6=fd00:1::99
ip netns exec "$LAB_NS_S" nft -f - <<EOF
table inet ndtcp {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 82 drop
    meta nfproto ipv4 tcp dport 84 reject with icmp type port-unreachable
    meta nfproto ipv6 tcp dport 84 reject with icmpv6 type port-unreachable
  }
}
EOF
ip netns exec "$LAB_NS_R" nft -f - <<EOF
table inet ndtcp {
  chain forward {
    type filter hook forward priority 0; policy accept;
    ip daddr $LAB_V4_CLEAN tcp dport 83 reject with icmp type admin-prohibited
    ip6 daddr $LAB_V6_CLEAN tcp dport 83 reject with icmpv6 type admin-prohibited
  }
}
EOF
ip netns exec "$LAB_NS_C" nft -f - <<EOF
table inet ndtcp {
  chain output {
    type filter hook output priority 0; policy accept;
    ip daddr $LAB_V4_CLEAN tcp dport 85 reject with icmp type admin-prohibited
    ip6 daddr $LAB_V6_CLEAN tcp dport 85 reject with icmpv6 type admin-prohibited
  }
}
EOF
# A host with no route anywhere: only loopback.
LAB_NS_N=${LAB_PREFIX}n
lab_ns_add "$LAB_NS_N"

tcp_valid() { lab_schema_valid "$1" netdiag.tcp-1; }

for who in root nobody; do
  for fam in v4 v6; do
    if [[ $fam == v4 ]]; then
      server=$LAB_V4_CLEAN router=$LAB_V4_ROUTER client=$LAB_V4_CLIENT dead=$LAB_V4_DEAD noroute=$LAB_V4_NOROUTE
      onlink=$ONLINK_DEAD_V4
    else
      server=$LAB_V6_CLEAN router=$LAB_V6_ROUTER client=$LAB_V6_CLIENT dead=$LAB_V6_DEAD noroute=$LAB_V6_NOROUTE
      onlink=$ONLINK_DEAD_V6
    fi
    tag="[$who $fam]"
    export S=$server R=$router C=$client DEAD=$dead NOROUTE=$noroute ONLINK=$onlink

    # One scan covers the table: the server's six ports, and the unreachable hosts on the same ports.
    json=$(lab_file "scan.$who.$fam.json")
    lab_tool nd-tcp "$who" "$json" "$json.err" --json -W 5 "$server" "$dead" "$noroute" "$onlink" 80-85
    lab_eq "$tag scan: exit 1 (not every port open)" "$LAB_RC" 1
    lab_check "$tag scan: --json validates against netdiag.tcp/1" tcp_valid "$json"
    lab_json_check "$json" "$tag scan: 4 hosts x 6 ports, sorted, one attempt each" \
      'd["mode"] == "scan" and len(d["attempts"]) == 24 and [(a["address"], a["port"]) for a in d["attempts"]] == sorted([(a["address"], a["port"]) for a in d["attempts"]], key=lambda k: ([t["address"] for t in d["targets"]].index(k[0]), k[1]))'
    verdicts=$(lab_json_get "$json" '" ".join("%s:%s/%s@%s" % (a["port"], a["state"], a["reason"], a["responder"]) for a in d["attempts"] if a["address"] == E["S"])')
    lab_eq "$tag the server's ports: open, closed, dropped, rejected by the router, by the server, by us" \
      "$verdicts" "80:open/syn-ack@$server 81:closed/reset@$server 82:filtered/no-response@None 83:filtered/icmp-admin-prohibited@$router 84:filtered/icmp-port-unreachable@$server 85:error/local-firewall@$client"
    lab_json_check "$json" "$tag open: handshake time, SYN-ACK from the server, TCP_INFO (MSS, SACK, timestamps, window scale)" \
      '[(a["rtt_ms"] > 0, a["syn_sent"], a["tcp_info"]["mss_bytes"] > 0, a["tcp_info"]["sack"], a["tcp_info"]["timestamps"], a["tcp_info"]["send_window_scale"] is not None) for a in d["attempts"] if a["address"] == E["S"] and a["port"] == 80] == [(True, 1, True, True, True, True)]'
    lab_json_check "$json" "$tag dropped: 2 SYNs (one retry), about 2 x 250 ms once the server's RTT is known" \
      '[(a["syn_sent"], a["rtt_ms"], 400 <= a["elapsed_ms"] < 2000) for a in d["attempts"] if a["address"] == E["S"] and a["port"] == 82] == [(2, None, True)]'
    lab_json_check "$json" "$tag ICMP rejects: type and code on record" \
      '[(a["port"], a["icmp"]) for a in d["attempts"] if a["address"] == E["S"] and a["icmp"]] == ([(83, {"type": 3, "code": 13}), (84, {"type": 3, "code": 3}), (85, {"type": 3, "code": 13})] if ":" not in E["S"] else [(83, {"type": 1, "code": 1}), (84, {"type": 1, "code": 4}), (85, {"type": 1, "code": 1})])'
    lab_json_check "$json" "$tag behind the router, nobody answers ARP/ND: host unreachable from the router" \
      'all(a["state"] == "unreachable" and a["reason"] == "icmp-host-unreachable" and a["responder"] == E["R"] for a in d["attempts"] if a["address"] == E["DEAD"])'
    lab_json_check "$json" "$tag the router has no route: net unreachable from the router" \
      'all(a["state"] == "unreachable" and a["reason"] == "icmp-net-unreachable" and a["responder"] == E["R"] for a in d["attempts"] if a["address"] == E["NOROUTE"])'
    lab_json_check "$json" "$tag on our link, nobody answers: no-neighbour, the address itself the next hop, on c0" \
      'all(a["state"] == "unreachable" and a["reason"] == "no-neighbour" and a["next_hop"] == E["ONLINK"] and a["interface"] == "c0" and a["rtt_ms"] is None for a in d["attempts"] if a["address"] == E["ONLINK"])'
    lab_json_check "$json" "$tag the explanations say why" \
      'any("nothing listens on port 81" in a["explanation"] for a in d["attempts"]) and any(("Nobody on c0 owns " + E["ONLINK"]) in a["explanation"] for a in d["attempts"])'
    lab_json_check "$json" "$tag counts per state" \
      'd["counts"] == {"open": 1, "closed": 1, "filtered": 3, "unreachable": 18, "error": 1}'

    # Ping mode, silence: the kernel's own SYN retransmissions, the first 1 s after the SYN (then
    # every 1 s with net.ipv4.tcp_syn_linear_timeouts, Linux 6.9 and later; else after 2 s more).
    # --explain: root sees each SYN on the wire; nobody, what the kernel reported.
    json=$(lab_file "drop.$who.$fam.json")
    lab_tool nd-tcp "$who" "$json" "$json.err" --json --explain -c 1 -W 2.5 "$server" 82
    lab_eq "$tag dropped, ping mode: exit 1" "$LAB_RC" 1
    # elapsed_ms runs from connect() (the wall clock read after the engine's steady start) to the
    # give-up, so it can fall a few microseconds short of -W: 2499.993 ms was seen.
    lab_json_check "$json" "$tag dropped, ping mode: no-response after 2 or 3 SYNs in 2.5 s" \
      '[(a["reason"], a["syn_sent"] in (2, 3), a["elapsed_ms"] >= 2499) for a in d["attempts"]] == [("no-response", True, True)]'
    if [[ $who == root ]]; then
      lab_json_check "$json" "$tag --explain, dropped: every SYN on the wire (the retransmissions too), nothing back" \
        'len([t for t in d["attempts"][0]["timeline"] if t["source"] == "capture" and " Out " in t["text"] and "Flags [S]," in t["text"]]) == d["attempts"][0]["syn_sent"] >= 2 and not any(" In " in t["text"] for t in d["attempts"][0]["timeline"])'
    else
      lab_json_check "$json" "$tag --explain, dropped, unprivileged: the kernel's account, no capture" \
        'all(t["source"] == "kernel" for t in d["attempts"][0]["timeline"]) and any("no answer; given up after" in t["text"] for t in d["attempts"][0]["timeline"])'
      lab_grep "$tag --explain unprivileged: says how to see the packets" "$json.err" "setcap cap_net_raw\+p"
    fi

    # --explain on our own link, nobody there: the ARP requests (ND solicitations) that went unanswered.
    json=$(lab_file "onlink.$who.$fam.json")
    lab_tool nd-tcp "$who" "$json" "$json.err" --json --explain -c 1 -W 2.2 "$onlink" 80
    lab_json_check "$json" "$tag on our link, ping mode: no-neighbour by the neighbour table after 2.2 s" \
      '[(a["reason"], a["next_hop"]) for a in d["attempts"]] == [("no-neighbour", E["ONLINK"])]'
    if [[ $who == root ]]; then
      lab_json_check "$json" "$tag --explain on our link: 2 or 3 unanswered $([[ $fam == v4 ]] && echo ARP requests || echo neighbour solicitations), no SYN on the wire" \
        'len([t for t in d["attempts"][0]["timeline"] if t["source"] == "capture" and (("who-has " + E["ONLINK"] + " tell") in t["text"] or ("neighbor solicitation, who has " + E["ONLINK"]) in t["text"])]) in (2, 3) and not any("Flags [S]" in t["text"] for t in d["attempts"][0]["timeline"])'
    fi

    # Ping mode, open: -c 3 -i 0.2, a line per attempt and the statistics.
    out=$(lab_file "open.$who.$fam.txt")
    lab_tool nd-tcp "$who" "$out" "$out.err" -c 3 -i 0.2 "$server" 80
    lab_eq "$tag open, ping mode: exit 0" "$LAB_RC" 0
    lab_eq "$tag open, ping mode: three attempt lines" "$(grep -c "port 80: open, SYN-ACK, seq=[123] time=" "$out")" 3
    lab_grep "$tag open, ping mode: the summary" "$out" '^3 attempts, 3 open, 0% not open'
    lab_grep "$tag open, ping mode: handshake statistics" "$out" '^handshake min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms$'

    # NDJSON: one line per attempt, then the summary.
    nd=$(lab_file "closed.$who.$fam.ndjson")
    lab_tool nd-tcp "$who" "$nd" "$nd.err" --ndjson -c 2 -i 0.1 "$server" 81
    lab_json_check "$nd" "$tag --ndjson: two attempt lines, then the summary" \
      '[l["event"] for l in d] == ["attempt", "attempt", "summary"] and d[-1]["counts"]["closed"] == 2'
    tail -n 1 "$nd" >"$nd.summary"
    lab_check "$tag --ndjson summary validates against netdiag.tcp/1" tcp_valid "$nd.summary"

    # --explain: the timeline, then the sentence under the attempt.
    out=$(lab_file "explain.$who.$fam.txt")
    lab_tool nd-tcp "$who" "$out" "$out.err" --explain -c 1 "$server" 81
    lab_grep "$tag --explain: why, in words" "$out" "the host is up, but nothing listens on port 81"
    if [[ $who == root ]]; then
      lab_grep "$tag --explain: our SYN on the wire" "$out" "c0 Out IP6? $(lab_re "$client")\.[0-9]+ > $(lab_re "$server")\.81: Flags \[S\]"
      lab_grep "$tag --explain: the server's RST on the wire" "$out" "c0 In  IP6? $(lab_re "$server")\.81 > $(lab_re "$client")\.[0-9]+: Flags \[R\.\]"
    else
      lab_grep "$tag --explain unprivileged: SO_ERROR as the kernel said it" "$out" "\[kernel\] SO_ERROR: Connection refused"
    fi

    # No route at all: connect() fails at once, no SYN leaves.
    json=$(lab_file "noroute.$who.$fam.json")
    LAB_NS_C=$LAB_NS_N lab_tool nd-tcp "$who" "$json" "$json.err" --json -c 1 "$server" 80
    lab_eq "$tag no route: exit 1" "$LAB_RC" 1
    lab_json_check "$json" "$tag no route: unreachable / no-route, no SYN sent, the errno on record" \
      '[(a["state"], a["reason"], a["syn_sent"], a["errno"] > 0) for a in d["attempts"]] == [("unreachable", "no-route", 0, True)]'
  done
done

# A port of this host with nothing listening, and the kernel's only source port equal to it: the
# connect() meets itself (simultaneous open). That is a closed port, not an open one.
ip netns exec "$LAB_NS_N" ip link set lo up
ip netns exec "$LAB_NS_N" sysctl -qw net.ipv4.ip_local_port_range="40000 40001"
for who in root nobody; do
  json=$(lab_file "self.$who.json")
  LAB_NS_C=$LAB_NS_N lab_tool nd-tcp "$who" "$json" "$json.err" --json -c 1 127.0.0.1 40000
  lab_json_check "$json" "[$who] a connect() that meets itself is a closed port" \
    '[(a["state"], a["source_port"]) for a in d["attempts"]] == [("closed", 40000)]'
done

# Bad input: one line, exit 2.
err=$(lab_file usage.err)
for args in "$LAB_V4_CLEAN 0" "$LAB_V4_CLEAN 90-80" "$LAB_V4_CLEAN" "$LAB_V4_CLEAN 80 --parallel 0" "-4 -6 $LAB_V4_CLEAN 80"; do
  # shellcheck disable=SC2086
  lab_tool nd-tcp nobody /dev/null "$err" $args
  lab_eq "[usage] nd-tcp $args: exit 2" "$LAB_RC" 2
  lab_eq "[usage] nd-tcp $args: one line on stderr" "$(wc -l <"$err")" 1
done

lab_finish
