#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR disable=SC2016  # (bash -c '...' scripts get their $1 as arguments)
# The traceroute lab itself (trace_lab.sh), checked with the classic tools, no netdiag binary
# needed: traceroute (UDP and ICMP) finds every router in order with "* * *" at the silent one;
# tracepath sees pmtu 1400 then 1280 from the right routers; the RTT grows by the configured delays
# hop by hop; mtr sees the same hops; nobody traces over UDP, and over ICMP only with
# ping_group_range open; with --blackhole, packets over 1300 bytes vanish past r4 without any ICMP.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
source "$(dirname "${BASH_SOURCE[0]}")/trace_lab.sh"
lab_require_root
trace_lab_require
command -v traceroute >/dev/null || lab_skip "traceroute is not installed (Debian package traceroute)"
command -v tracepath >/dev/null || lab_skip "tracepath is not installed (Debian package iputils-tracepath)"
command -v mtr >/dev/null || lab_skip "mtr is not installed (Debian package mtr-tiny)"
command -v ping >/dev/null || lab_skip "iputils ping is not installed"

LAB_TOOL_TIMEOUT=30
SLACK_MS=6   # how far above its configured delays a hop's fastest RTT may be
out=""

run() { trace_run root "$out" "$@"; }

# Hop list of traceroute output, one "TTL:ADDR" per line (ADDR "*" when no probe was answered;
# two different addresses at one TTL come out as "A,B" and fail the comparison).
tr_hops() {
  awk '/^ *[0-9]+  / {
    a = ""
    for (i = 2; i <= NF; i++) {
      if ($i == "*" || $i == "ms" || $i ~ /^!/ || (i < NF && $(i + 1) == "ms")) continue
      if (index("," a ",", "," $i ",") == 0) a = a (a == "" ? "" : ",") $i
    }
    print $1 ":" (a == "" ? "*" : a)
  }' "$1"
}
# Number of answered probes per answering hop of traceroute output: "TTL:N" lines.
tr_answers() { awk '/^ *[0-9]+  / { n = 0; for (i = 2; i <= NF; i++) if ($i == "ms") n++; if (n) print $1 ":" n }' "$1"; }
# Fastest RTT per answering hop of traceroute output: "TTL:MS" lines.
tr_min_rtt() {
  awk '/^ *[0-9]+  / { m = ""; for (i = 2; i < NF; i++) if ($(i + 1) == "ms" && (m == "" || $i + 0 < m + 0)) m = $i
                       if (m != "") print $1 ":" m }' "$1"
}
# mtr --report: "TTL:ADDR" lines ("*" for ???), and "TTL:BEST" / "TTL:LOSS" of the answering hops.
mtr_hops() { awk '/^ *[0-9]+\.\|-- / { sub(/\..*/, "", $1); print $1 ":" ($2 == "???" ? "*" : $2) }' "$1"; }
mtr_best() { awk '/^ *[0-9]+\.\|-- / && $2 != "???" { sub(/\..*/, "", $1); print $1 ":" $7 }' "$1"; }
mtr_loss() { awk '/^ *[0-9]+\.\|-- / && $2 != "???" { sub(/\..*/, "", $1); print $1 ":" $3 }' "$1"; }
# tracepath: the pmtu steps after the first line ("TTL:FROM:MTU"), and "TTL:ADDR" of its hop lines
# (last line per TTL, "*" for "no reply").
tp_steps() { awk '/^ *[0-9]+: / && / pmtu [0-9]+/ { sub(/:$/, "", $1); print $1 ":" $2 ":" $NF }' "$1"; }
tp_hops() {
  awk '/^ *[0-9]+: / { sub(/:$/, "", $1); h[$1] = ($2 == "no" ? "*" : $2); if ($1 + 0 > n) n = $1 + 0 }
       END { for (i = 1; i <= n; i++) print i ":" (i in h ? h[i] : "-") }' "$1"
}
flat() { tr '\n' ' ' | sed 's/ $//'; }

# check_hops DESC GOT WANT — both "TTL:ADDR" lists.
check_hops() { lab_eq "$1" "$(flat <<<"$2")" "$(flat <<<"$3")"; }

# check_rtts DESC "TTL:MS" lines — every answering hop's fastest RTT is at least its
# TRACE_MIN_RTT_MS, and below both that + SLACK_MS and the next delay step's minimum (so a delay
# counted at the wrong hop fails), and every hop but the silent one (with SILENT_SKIP=0: every
# hop) answered.
check_rtts() {
  local desc=$1 got=$2 want="" k j hi
  for ((k = TRACE_NHOPS; k >= 1; k--)); do
    hi=$((TRACE_MIN_RTT_MS[k - 1] + SLACK_MS))
    for ((j = k + 1; j <= TRACE_NHOPS; j++)); do
      if ((TRACE_MIN_RTT_MS[j - 1] > TRACE_MIN_RTT_MS[k - 1])); then
        ((TRACE_MIN_RTT_MS[j - 1] < hi)) && hi=${TRACE_MIN_RTT_MS[j - 1]}
        break
      fi
    done
    ((k == TRACE_SILENT_TTL && ${SILENT_SKIP:-1})) || want="$k:${TRACE_MIN_RTT_MS[k - 1]}-$hi $want"
  done
  lab_check "$desc: fastest RTT per hop [$(flat <<<"$got")] within [${want% }] ms" \
    awk -v want="$want" -v got="$(flat <<<"$got")" 'BEGIN {
      n = split(want, w, " "); split(got, g, " ")
      for (i in g) { split(g[i], p, ":"); r[p[1]] = p[2] }
      for (i = 1; i <= n; i++) {
        split(w[i], p, "[:-]")
        if (!(p[1] in r) || r[p[1]] + 0 < p[2] || r[p[1]] + 0 >= p[3]) exit 1
      }
    }'
}

# ---------------------------------------------------------------------------------------------
# The full path

trace_lab_setup
out=$(lab_file out)
lab_log "client ${TRACE_NS[0]}, routers ${TRACE_NS[*]:1:TRACE_ROUTERS}, server ${TRACE_NS[TRACE_NHOPS]}"
lab_log "hops v4: ${TRACE_HOPS_V4[*]}; v6: ${TRACE_HOPS_V6[*]}"
lab_log "silent TTL $TRACE_SILENT_TTL, delays (TTL:ms each way) $(for k in "${!TRACE_DELAY_MS[@]}"; do printf '%s:%s ' "$k" "${TRACE_DELAY_MS[k]}"; done)"
lab_log "min RTT per hop ${TRACE_MIN_RTT_MS[*]} ms, pmtu $TRACE_PMTU from TTL $TRACE_PMTU_TTL"

for fam in v4 v6; do
  f=-4 srv=$TRACE_V4_SERVER hdr=28
  [[ $fam == v6 ]] && f=-6 srv=$TRACE_V6_SERVER hdr=48
  want=$(trace_expect "$fam")
  for method in UDP ICMP; do
    m=()
    [[ $method == ICMP ]] && m=(-I)
    run traceroute "$f" "${m[@]}" -n -w 1 -q 3 -m 10 "$srv"
    lab_eq "traceroute $f ${m[*]} exits 0" "$LAB_RC" 0
    sed 's/^/#   /' "$out"
    check_hops "traceroute $f $method: every router in order, * * * at TTL $TRACE_SILENT_TTL, the server last" \
      "$(tr_hops "$out")" "$want"
    lab_eq "traceroute $f $method: all 3 probes answered at every other hop" \
      "$(tr_answers "$out" | flat)" "$(grep -v '\*$' <<<"$want" | sed 's/:.*/:3/' | flat)"
    check_rtts "traceroute $f $method" "$(tr_min_rtt "$out")"
  done

  # Every router answers echo requests, r3 too: the delay's place shows even at the silent hop.
  got=""
  for ((k = 1; k <= TRACE_NHOPS; k++)); do
    run ping "$f" -c 3 -i 0.05 -W 1 "$(trace_hop "$fam" "$k")"
    got+="$k:$(sed -nE 's|^rtt min/avg/max/mdev = ([0-9.]+)/.*|\1|p' "$out") "
  done
  SILENT_SKIP=0 check_rtts "ping $f to every hop's address" "$got"

  trace_flush_pmtu
  run tracepath "$f" -n -m 10 "$srv"
  lab_eq "tracepath $f exits 0" "$LAB_RC" 0
  sed 's/^/#   /' "$out"
  lab_eq "tracepath $f: pmtu 1400 from hop 2 (line 3), then 1280 from hop 4 (line 5)" \
    "$(tp_steps "$out" | flat)" \
    "$(for k in "${!TRACE_MTU_AT[@]}"; do echo "$((k + 1)):$(trace_hop "$fam" "$k"):${TRACE_MTU_AT[k]}"; done | flat)"
  check_hops "tracepath $f: the same hops (last line per TTL)" "$(tp_hops "$out")" "$want"
  lab_grep "tracepath $f: reached the server at TTL $TRACE_NHOPS, pmtu $TRACE_PMTU" "$out" \
    "^ +$TRACE_NHOPS: +$(lab_re "$srv") .* reached"
  lab_grep "tracepath $f: Resume: pmtu $TRACE_PMTU hops $TRACE_NHOPS back $TRACE_NHOPS" "$out" \
    "Resume: pmtu $TRACE_PMTU hops $TRACE_NHOPS back $TRACE_NHOPS"
  lab_grep "tracepath $f: no reply at TTL $TRACE_SILENT_TTL" "$out" "^ +$TRACE_SILENT_TTL: +no reply"
  trace_flush_pmtu
  trace_flush_pmtu
  run ping "$f" -c 1 -W 2 -M "do" -s $((1400 - hdr)) "$srv"
  lab_grep "ping $f -M do, 1400 bytes: mtu $TRACE_PMTU from hop $TRACE_PMTU_TTL" "$out" \
    "^From $(lab_re "$(trace_hop "$fam" "$TRACE_PMTU_TTL")") .*(mtu = |mtu=)$TRACE_PMTU\b"

  run mtr "$f" -n --report -c 3 -i 0.1 -G 1 "$srv"
  lab_eq "mtr $f exits 0" "$LAB_RC" 0
  sed 's/^/#   /' "$out"
  check_hops "mtr $f --report: the same hops, ??? at TTL $TRACE_SILENT_TTL" "$(mtr_hops "$out")" "$want"
  lab_eq "mtr $f: 0.0% loss at every answering hop" "$(mtr_loss "$out" | flat)" \
    "$(grep -v '\*$' <<<"$want" | sed 's/:.*/:0.0%/' | flat)"
  check_rtts "mtr $f" "$(mtr_best "$out")"
done

# Unprivileged: traceroute's UDP probes need nothing; its ICMP probes a ping socket, so the open
# ping_group_range. (Here -N 1: with several probes in flight on a ping socket traceroute 2.1.2
# loses answers, e.g. "2  * 198.18.12.2  0.011 ms *".)
run_nobody() { trace_run --ping-group "$1" nobody "$out" "${@:2}"; }
run_nobody close traceroute -n -w 1 -m 10 "$TRACE_V4_SERVER"
lab_eq "nobody: traceroute (UDP) exits 0" "$LAB_RC" 0
check_hops "nobody: traceroute (UDP) finds the same hops" "$(tr_hops "$out")" "$(trace_expect v4)"
run_nobody close traceroute -n -I -w 1 -m 10 "$TRACE_V4_SERVER"
lab_check "nobody, ping_group_range closed: traceroute -I cannot open its socket (rc $LAB_RC)" \
  bash -c '[[ $1 != 0 ]] && grep -q "Operation not permitted" "$2"' _ "$LAB_RC" "$out"
run_nobody open traceroute -n -I -N 1 -w 1 -m 10 "$TRACE_V6_SERVER"
lab_eq "nobody, ping_group_range open: traceroute -6 -I exits 0" "$LAB_RC" 0
check_hops "nobody, ping_group_range open: traceroute -6 -I -N 1 finds the same hops" \
  "$(tr_hops "$out")" "$(trace_expect v6)"
lab_ping_group close

# ---------------------------------------------------------------------------------------------
# The black hole: r4 drops what is bigger than 1300 bytes, silently

trace_lab_teardown
trace_lab_setup --blackhole
out=$(lab_file out)
lab_log "--blackhole: hop $TRACE_BLACKHOLE_TTL drops packets > $TRACE_BLACKHOLE_SIZE bytes; pmtu $TRACE_PMTU from TTL $TRACE_PMTU_TTL"
big=$((TRACE_BLACKHOLE_SIZE + 1)) small=$TRACE_BLACKHOLE_SIZE
for fam in v4 v6; do
  f=-4 srv=$TRACE_V4_SERVER hdr=28
  [[ $fam == v6 ]] && f=-6 srv=$TRACE_V6_SERVER hdr=48
  for size in "$small" "$big"; do
    run traceroute "$f" -n -w 1 -q 2 -m "$TRACE_NHOPS" "$srv" "$size"
    sed 's/^/#   /' "$out"
    check_hops "traceroute $f with $size-byte probes: $( ((size > TRACE_BLACKHOLE_SIZE)) &&
      echo "hop $TRACE_BLACKHOLE_TTL answers, nothing past it" || echo "the whole path")" \
      "$(tr_hops "$out")" "$(trace_expect "$fam" --size "$size")"
    lab_check "traceroute $f with $size-byte probes: no ICMP error annotation (!F, !H, ...)" \
      bash -c '! grep -q " !" "$1"' _ "$out"
  done
  run ping "$f" -c 3 -i 0.1 -W 1 -M "do" -s $((small - hdr)) "$srv"
  lab_grep "ping $f -M do, $small bytes: 3 of 3 echo replies" "$out" " 3 received, 0% packet loss"
  run ping "$f" -c 3 -i 0.1 -W 1 -M "do" -s $((big - hdr)) "$srv"
  lab_grep "ping $f -M do, $big bytes: 0 of 3" "$out" " 0 received, 100% packet loss"
  lab_check "ping $f -M do, $big bytes: no ICMP error came back (no From line, no +errors)" \
    bash -c '! grep -Eq "^From |errors" "$1"' _ "$out"
done
trace_flush_pmtu
run tracepath -4 -n -m $((TRACE_BLACKHOLE_TTL + 1)) "$TRACE_V4_SERVER"   # each "no reply" costs ~3 s
sed 's/^/#   /' "$out"
lab_eq "tracepath in the black hole: only pmtu 1400 from hop 2 (fooled: it probes with 1400 bytes)" \
  "$(tp_steps "$out" | flat)" "3:${TRACE_HOPS_V4[1]}:1400"
check_hops "tracepath in the black hole: hop $TRACE_BLACKHOLE_TTL answers, then no reply" \
  "$(tp_hops "$out")" "$(trace_expect v4 --size 1400 | head -n $((TRACE_BLACKHOLE_TTL + 1)))"
lab_check "tracepath in the black hole: never reached" bash -c '! grep -q reached "$1"' _ "$out"
lab_log "nft counter of the black hole: $(ip netns exec "${TRACE_NS[TRACE_BLACKHOLE_TTL]}" nft list table inet ndtrace | grep -o 'packets [0-9]*' | head -1)"

if ((!TRACE_HAVE_DELAY)); then
  ((LAB_FAILS == 0)) || lab_finish
  lab_skip "the delays are missing, so the RTT checks meant nothing: $LAB_NO_DELAY_WHY"
fi
lab_finish
