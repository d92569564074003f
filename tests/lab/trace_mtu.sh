#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# nd-trace --mtu lab test (issue 3): on the trace lab (tests/lab/trace_lab.sh) nd-trace finds the
# interface MTU (1500), "packet too big, 1400" from r2 at hop 3 and 1280 from r4 at hop 5, with
# every hop in order and the silent router marked, for IPv4 and IPv6, UDP and ICMP probes, as root
# and as nobody. Then, with --blackhole (r4 silently drops packets bigger than 1300 bytes, no ICMP),
# it reports the black hole between hop 4 and hop 5 with the exact largest size that passes (1300),
# still reaches the server (at that size), and does all that in well under a second.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
source "$(dirname "${BASH_SOURCE[0]}")/trace_lab.sh"
lab_require_root
lab_stage_bins
lab_require_tool nd-trace

# mtu_steps FILE — "TTL:MTU:SOURCE:REPORTER" per step of the JSON's mtu_steps.
mtu_steps() {
  lab_json_get "$1" '" ".join("%s:%s:%s:%s" % (s["ttl"], s["mtu_bytes"], s["source"], s["reported_by"]) for s in d["mtu_steps"])'
}

# each_mtu_trace NAME CHECKS — nd-trace --mtu --json to the server as root and nobody, IPv4 and
# IPv6, UDP and ICMP probes; what every --mtu trace must show is checked here, the rest by
# calling CHECKS TAG FILE FAM; then, per user, CHECKS_text TAG FILE on a text trace (IPv4 and
# IPv6 in turn).
each_mtu_trace() {
  local name=$1 checks=$2 who fam method tag server_var json err txt
  for who in root nobody; do
    if [[ $who == nobody ]]; then lab_ping_group open "$LAB_NS_C"; fi
    for fam in v4 v6; do
      for method in -U -I; do
        tag="[$name, $who $fam $method --mtu]"
        server_var=TRACE_${fam^^}_SERVER
        json=$(lab_file "$name-$who-$fam$method.json") err=$(lab_file "$name-$who-$fam$method.err")
        lab_tool nd-trace "$who" "$json" "$err" "$method" --mtu --json "${!server_var}"
        lab_eq "$tag exit 0: the server answered" "$LAB_RC" 0
        lab_check "$tag --json validates against netdiag.trace/1" trace_json_valid "$json"
        lab_eq "$tag every hop in order, the silent router as *" "$(trace_json_hops "$json")" "$(trace_expect "$fam")"
        lab_json_check "$json" "$tag mtu_discovery, and the final probes of each hop no bigger than its MTU" \
          'd["mtu_discovery"] and all(p["packet_bytes"] <= h["mtu_bytes"] for h in d["hops"] for p in h["probes"])'
        lab_json_check "$json" "$tag no timeouts but the silent hop's: under 1 s" 'd["elapsed_ms"] < 1000' 'd["elapsed_ms"]'
        "$checks" "$tag" "$json" "$fam"
      done
    done
    if [[ $who == nobody ]]; then lab_ping_group close "$LAB_NS_C"; fi
    fam=$([[ $who == root ]] && echo v4 || echo v6)
    server_var=TRACE_${fam^^}_SERVER
    txt=$(lab_file "$name-$who.txt") err=$(lab_file "$name-$who.err")
    lab_tool nd-trace "$who" "$txt" "$err" -n --mtu "${!server_var}"
    "${checks}_text" "[$name, $who $fam text]" "$txt" "$fam"
  done
}

steps_checks() {
  local tag=$1 json=$2 fam=$3
  lab_eq "$tag steps: 1500 locally, then 1400 and 1280, each said by the router before the hop" \
    "$(mtu_steps "$json")" \
    "1:1500:local:None 3:1400:icmp:$(trace_hop "$fam" 2) 5:$TRACE_PMTU:icmp:$(trace_hop "$fam" "$TRACE_PMTU_TTL")"
  lab_json_check "$json" "$tag path MTU $TRACE_PMTU; per hop 1500 1500 1400 1400 1280 1280; no black hole" \
    'd["path_mtu_bytes"] == 1280 and [h["mtu_bytes"] for h in d["hops"]] == [1500, 1500, 1400, 1400, 1280, 1280] and d["black_holes"] == []'
}

steps_checks_text() {
  local tag=$1 txt=$2 fam=$3
  lab_grep "$tag pmtu 1500 on hop 1" "$txt" "^ 1  $(lab_re "$(trace_hop "$fam" 1)") .* pmtu 1500$"
  lab_grep "$tag the silent hop 3 with pmtu 1400, as tracepath marks it" "$txt" "^ 3  \* \* \*  pmtu 1400$"
  lab_grep "$tag pmtu 1280 on hop 5" "$txt" "^ 5  $(lab_re "$(trace_hop "$fam" 5)") .* pmtu 1280$"
  lab_grep "$tag the path MTU line" "$txt" \
    "^path MTU 1280 \(1500 on the way out, 1400 from hop 3, said $(lab_re "$(trace_hop "$fam" 2)"), 1280 from hop 5, said $(lab_re "$(trace_hop "$fam" 4)")\)$"
}

hole_checks() {
  local tag=$1 json=$2
  lab_json_check "$json" "$tag the black hole between hop 4 and hop 5; 1300 bytes pass, 1301 do not" \
    '[(b["after_ttl"], b["ttl"], b["largest_passing_bytes"], b["smallest_failing_bytes"]) for b in d["black_holes"]] == [(4, 5, 1300, 1301)]' \
    'd["black_holes"]'
  lab_json_check "$json" "$tag path MTU 1300 from hop 5 (black hole), 1400 from hop 3 before it" \
    'd["path_mtu_bytes"] == 1300 and [(s["ttl"], s["mtu_bytes"], s["source"]) for s in d["mtu_steps"]] == [(1, 1500, "local"), (3, 1400, "icmp"), (5, 1300, "black_hole")]' \
    'd["mtu_steps"]'
}

hole_checks_text() {
  local tag=$1 txt=$2 fam=$3
  lab_grep "$tag the black hole line" "$txt" \
    "^PMTU black hole between hop 4 and hop 5, largest size that passes: 1300 \(1301 bytes and more vanish without an ICMP error; [0-9]+ search probes\)$"
  lab_grep "$tag hop 5 answers at 1300 bytes" "$txt" "^ 5  $(lab_re "$(trace_hop "$fam" 5)") .* pmtu 1300$"
}

trace_lab_setup
lab_log "=== the MTU steps: 1400 from r2 (hop 3), 1280 from r4 (hop 5)"
each_mtu_trace steps steps_checks

trace_lab_teardown
trace_lab_setup --blackhole
lab_log "=== the black hole: r$TRACE_BLACKHOLE_TTL drops packets over $TRACE_BLACKHOLE_SIZE bytes without an ICMP"
each_mtu_trace hole hole_checks
lab_finish
