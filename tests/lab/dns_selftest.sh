#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The DNS lab itself (dns_lab.sh), checked with the classic tools only, no netdiag binary needed,
# over IPv4 and IPv6:
#   - dig +norecurse, server by server down from the root: every referral (NS order, glue or none),
#     every answer of the table in dns_lab.sh's header: NODATA, NXDOMAIN, the serial, the CNAMEs,
#     the DNAME, the lame server's REFUSED, the dead server's silence (UDP and TCP), big.plain.lab's
#     TC over UDP with EDNS 1232 and its 12 records over TCP, the IPv6-only server;
#   - dig +trace @root and drill -T -r DNS_LAB_ROOT_HINTS: every case ends where the table says
#     (both tools look name-server names up through the system resolver: /etc/hosts lists them);
#   - unbound with the lab's root hints resolves every resolvable case (www.chain.lab to
#     198.18.53.80) and SERVFAILs the others;
#   - the query counters: exact against NSD's and unbound's own statistics.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
source "$(dirname "${BASH_SOURCE[0]}")/dns_lab.sh"
lab_require_root
dns_lab_require
dns_lab_require_unbound
command -v dig >/dev/null || lab_skip "dig is not installed (Debian package bind9-dnsutils)"
command -v drill >/dev/null || lab_skip "drill is not installed (Debian package ldnsutils)"

LAB_TOOL_TIMEOUT=30
start=$SECONDS
dns_lab_setup
lab_log "client $LAB_NS_C, servers $DNS_LAB_NS_S, resolver $DNS_LAB_NS_R; set up in $((SECONDS - start)) s"
out=$(lab_file out)
show=$out
flat() { tr '\n' ' ' | sed 's/ $//'; }
# eqs DESC GOT WANT — lab_eq, and on a failure the tool's output ($show) shown.
eqs() {
  local fails=$LAB_FAILS
  lab_eq "$1" "$2" "$3"
  if ((LAB_FAILS > fails)); then sed 's/^/#   /' "$show" | head -n 40; fi
  return 0
}

# The dead server's silence takes a second per try: those four digs run in the background while
# the rest goes on (their queries go to the dead address only; the counting checks look elsewhere).
dead_out=$(lab_file dead)
dead_pids=()
for f in 4 6; do
  for p in notcp tcp; do
    a=$DNS_LAB_DEAD_V4; [[ $f == 6 ]] && a=$DNS_LAB_DEAD_V6
    timeout -k 5 20 ip netns exec "$LAB_NS_C" dig "+$p" +norec +time=1 +tries=1 "@$a" www.dead.lab A \
      >"$dead_out.$f.$p" 2>&1 </dev/null &
    dead_pids+=("$!")
  done
done

# ---------------------------------------------------------------------------------------------
# dig, server by server

# addr FAM NAME — the server's address in family FAM (4 or 6); nothing when it has none.
addr() { if [[ $1 == 4 ]]; then echo "${DNS_LAB_ADDR4[$2]:-}"; else echo "${DNS_LAB_ADDR6[$2]}"; fi; }

# dq FAM SERVER QNAME QTYPE [DIG-OPTION...] — one non-recursive query to SERVER (a name of the
# table) with dig; sets STATUS, FLAGS, ANSWER, AUTH, ADD (records "owner TYPE rdata" joined by
# " | ", TTLs left out) and SIZE (the reply's bytes).
dq() {
  local fam=$1 server=$2 qname=$3 qtype=$4; shift 4
  dns_lab_run "$out" dig +norec +time=2 +tries=1 +nocookie "$@" "@$(addr "$fam" "$server")" "$qname" "$qtype"
  STATUS=$(sed -nE 's/.*status: ([A-Z]+),.*/\1/p' "$out")
  FLAGS=$(sed -nE 's/^;; flags: ([a-z ]*);.*/\1/p' "$out")
  SIZE=$(sed -nE 's/^;; MSG SIZE +rcvd: ([0-9]+).*/\1/p' "$out")
  ANSWER=$(section ANSWER) AUTH=$(section AUTHORITY) ADD=$(section ADDITIONAL)
}
section() {
  awk -v s=";; $1 SECTION:" '$0 == s { on = 1; next } on && /^$/ { on = 0 } on {
    r = $1 " " $4; for (i = 5; i <= NF; i++) r = r " " $i; print r }' "$out" | sed ':a;N;$!ba;s/\n/ | /g'
}
# glue NAME... — the additional records expected for these names in family order A then AAAA
# as NSD gives them: the query's family first.
glue() {
  local fam=$1 n t first=A second=AAAA r=()
  shift
  [[ $fam == 6 ]] && first=AAAA second=A
  for t in $first $second; do
    for n in "$@"; do
      if [[ $t == A && -n ${DNS_LAB_ADDR4[$n]:-} ]]; then r+=("$n. A ${DNS_LAB_ADDR4[$n]}"); fi
      if [[ $t == AAAA ]]; then r+=("$n. AAAA ${DNS_LAB_ADDR6[$n]}"); fi
    done
  done
  local IFS='|' j
  j="${r[*]}"
  echo "${j//|/ | }"
}
# glue_as FAM ALIAS SERVER — glue for the name ALIAS with SERVER's addresses (ns1.alllame.lab: ns1.lame.lab's)
glue_as() { glue "$1" "$3" | sed "s/^$3\./$2./; s/ | $3\./ | $2./g"; }

# referral FAM SERVER QNAME ZONE "NS..." "ADDITIONAL" — a referral to ZONE with these NS names in
# this order and exactly this additional section.
referral() {
  local fam=$1 server=$2 qname=$3 zone=$4 nss=$5 add=$6 n want=()
  dq "$fam" "$server" "$qname" A
  for n in $nss; do want+=("$zone NS $n"); done
  local w
  w=$(printf '%s\n' "${want[@]}" | sed ':a;N;$!ba;s/\n/ | /g')
  eqs "v$fam $server: $qname A -> referral to $zone (NS $nss, in this order)" \
    "$STATUS|$FLAGS|$ANSWER|$AUTH" "NOERROR|qr||$w"
  eqs "v$fam $server: $qname A -> additional: ${add:-none}" "$ADD" "$add"
}

# answer FAM SERVER QNAME QTYPE "RECORDS" — an authoritative answer with exactly these records.
answer() {
  dq "$1" "$2" "$3" "$4"
  eqs "v$1 $2: $3 $4 -> NOERROR aa: $5" "$STATUS|$FLAGS|$ANSWER" "NOERROR|qr aa|$5"
}

soa_plain="plain.lab. SOA ns1.plain.lab. hostmaster.plain.lab. $DNS_LAB_PLAIN_SERIAL 3600 900 604800 300"
for f in 4 6; do
  for r in a.root.lab b.root.lab; do
    dq "$f" "$r" . SOA
    eqs "v$f $r: . SOA, authoritative" "$STATUS|$FLAGS|$ANSWER" \
      "NOERROR|qr aa|. SOA a.root.lab. hostmaster.root.lab. 2053005300 3600 900 604800 300"
    dq "$f" "$r" . NS
    eqs "v$f $r: . NS a.root.lab. b.root.lab. with their addresses" "$STATUS|$FLAGS|$ANSWER|$ADD" \
      "NOERROR|qr aa|. NS a.root.lab. | . NS b.root.lab.|$(glue "$f" a.root.lab b.root.lab)"
    referral "$f" "$r" www.plain.lab lab. "a.nic.lab. b.nic.lab." "$(glue "$f" a.nic.lab b.nic.lab)"
    referral "$f" "$r" alias.other.test test. "a.nic.test. b.nic.test." "$(glue "$f" a.nic.test b.nic.test)"
    dq "$f" "$r" www.nosuchtld A
    eqs "v$f $r: www.nosuchtld -> NXDOMAIN" "$STATUS|$FLAGS" "NXDOMAIN|qr aa"
  done
  for l in a.nic.lab b.nic.lab; do
    referral "$f" "$l" www.plain.lab plain.lab. ns1.plain.lab. "$(glue "$f" ns1.plain.lab)"
    referral "$f" "$l" www.chain.lab chain.lab. ns1.chain.lab. "$(glue "$f" ns1.chain.lab)"
    referral "$f" "$l" www.old.lab old.lab. ns1.chain.lab. "$(glue "$f" ns1.chain.lab)"
    referral "$f" "$l" host.glueless.lab glueless.lab. ns1.hosting.test. ""
    referral "$f" "$l" www.lame.lab lame.lab. "ns1.lame.lab. ns2.lame.lab." "$(glue "$f" ns1.lame.lab ns2.lame.lab)"
    referral "$f" "$l" www.alllame.lab alllame.lab. ns1.alllame.lab. "$(glue_as "$f" ns1.alllame.lab ns1.lame.lab)"
    referral "$f" "$l" www.dead.lab dead.lab. "ns1.dead.lab. ns2.dead.lab." "$(glue "$f" ns1.dead.lab ns2.dead.lab)"
    referral "$f" "$l" www.alldead.lab alldead.lab. ns1.alldead.lab. "$(glue_as "$f" ns1.alldead.lab ns1.dead.lab)"
    referral "$f" "$l" www.loop1.lab loop1.lab. ns.loop2.lab. ""
    referral "$f" "$l" www.loop2.lab loop2.lab. ns.loop1.lab. ""
    referral "$f" "$l" www.v6only.lab v6only.lab. ns1.v6only.lab. "ns1.v6only.lab. AAAA $DNS_LAB_V6ONLY_V6"
    answer "$f" "$l" a.root.lab A "a.root.lab. A $DNS_LAB_ROOT_V4"
  done
  for t in a.nic.test b.nic.test; do
    referral "$f" "$t" alias.other.test other.test. ns1.other.test. "$(glue "$f" ns1.other.test)"
    referral "$f" "$t" ns1.hosting.test hosting.test. ns1.hosting.test. "$(glue "$f" ns1.hosting.test)"
  done

  answer "$f" ns1.plain.lab www.plain.lab A "www.plain.lab. A $DNS_LAB_WWW_PLAIN_V4"
  answer "$f" ns1.plain.lab www.plain.lab AAAA "www.plain.lab. AAAA $DNS_LAB_WWW_PLAIN_V6"
  for t in MX TXT; do
    dq "$f" ns1.plain.lab www.plain.lab "$t"
    eqs "v$f ns1.plain.lab: www.plain.lab $t -> NODATA (NOERROR aa, no answer, the SOA)" \
      "$STATUS|$FLAGS|$ANSWER|$AUTH" "NOERROR|qr aa||$soa_plain"
  done
  dq "$f" ns1.plain.lab nosuch.plain.lab A
  eqs "v$f ns1.plain.lab: nosuch.plain.lab -> NXDOMAIN aa with the SOA" "$STATUS|$FLAGS|$ANSWER|$AUTH" \
    "NXDOMAIN|qr aa||$soa_plain"
  answer "$f" ns1.plain.lab plain.lab SOA "$soa_plain"
  dq "$f" ns1.plain.lab big.plain.lab TXT +bufsize=1232 +notcp +ignore
  eqs "v$f ns1.plain.lab: big.plain.lab TXT over UDP, EDNS 1232 -> TC, no answer, $SIZE bytes" \
    "$STATUS|$FLAGS|$ANSWER|$((SIZE <= 1232))" "NOERROR|qr aa tc||1"
  dq "$f" ns1.plain.lab big.plain.lab TXT +tcp
  big=$(grep -Ec "^big\.plain\.lab\.[[:space:]].*TXT[[:space:]]+\"big [0-9]{2} x{$((DNS_LAB_BIG_LEN - 7))}\"$" "$out" || true)
  eqs "v$f ns1.plain.lab: big.plain.lab TXT over TCP -> all $DNS_LAB_BIG_COUNT records of $DNS_LAB_BIG_LEN bytes, a $SIZE-byte reply" \
    "$STATUS|$FLAGS|$big|$((SIZE > 1232))" "NOERROR|qr aa|$DNS_LAB_BIG_COUNT|1"
  dq "$f" ns1.plain.lab big.plain.lab TXT +bufsize=4096 +notcp +ignore
  eqs "v$f ns1.plain.lab: big.plain.lab TXT over UDP, EDNS 4096 -> TC all the same (NSD's edns-size 1232)" \
    "$STATUS|$FLAGS|$ANSWER|$((SIZE <= 1232))" "NOERROR|qr aa tc||1"

  answer "$f" ns1.chain.lab www.chain.lab A "www.chain.lab. CNAME alias.other.test."
  answer "$f" ns1.chain.lab www.old.lab A "old.lab. DNAME plain.lab. | www.old.lab. CNAME www.plain.lab."
  answer "$f" ns1.other.test alias.other.test A "alias.other.test. CNAME www.plain.lab."
  answer "$f" ns1.hosting.test ns1.hosting.test A "ns1.hosting.test. A $DNS_LAB_HOSTING_V4"
  answer "$f" ns1.hosting.test host.glueless.lab A "host.glueless.lab. A $DNS_LAB_GLUELESS_V4"
  answer "$f" ns2.lame.lab www.lame.lab A "www.lame.lab. A $DNS_LAB_WWW_LAME_V4"
  for qn in www.lame.lab lame.lab; do
    dq "$f" ns1.lame.lab "$qn" A
    eqs "v$f ns1.lame.lab (lame): $qn -> REFUSED" "$STATUS|$FLAGS|$ANSWER" "REFUSED|qr|"
  done
  answer "$f" ns2.dead.lab www.dead.lab A "www.dead.lab. A $DNS_LAB_WWW_DEAD_V4"
  if [[ $f == 6 ]]; then
    answer 6 ns1.v6only.lab www.v6only.lab A "www.v6only.lab. A $DNS_LAB_WWW_V6ONLY_V4"
    answer 6 ns1.v6only.lab www.v6only.lab AAAA "www.v6only.lab. AAAA $DNS_LAB_WWW_V6ONLY_V6"
  else
    lab_eq "ns1.v6only.lab has no IPv4 address" "$(addr 4 ns1.v6only.lab)" ""
  fi
done

for pid in "${dead_pids[@]}"; do wait "$pid" || true; done
for f in 4 6; do
  lab_grep "v$f dig +notcp @ns1.dead.lab (+time=1 +tries=1): timed out, no answer" "$dead_out.$f.notcp" \
    'communications error to .*timed out'
  lab_grep "v$f dig +tcp @ns1.dead.lab: connection timed out" "$dead_out.$f.tcp" 'Connection to .* failed: timed out'
  lab_check "v$f ns1.dead.lab: no reply of any kind" bash -c "! grep -q -e 'Got answer' -e 'refused' -e 'unreachable' '$dead_out.$f.notcp' '$dead_out.$f.tcp'"
done
lab_eq "the dead server's UDP queries were counted (2) and dropped" \
  "$(dns_lab_server_queries --to ns1.dead.lab --proto udp)" 2
lab_log "dig step by step: $((SECONDS - start)) s"

# ---------------------------------------------------------------------------------------------
# dig +trace and drill -T, from the root

# Both look name-server names up through the system resolver (dig even for the roots: it ignores
# glue); /etc/hosts in the lab namespaces lists every lab server (the loop's names excepted).
dns_lab_hosts servers
trace() { # FAM OUT QNAME QTYPE — dig +trace from a.root.lab
  dns_lab_run "$2" dig "-$1" +trace +time=1 +tries=1 +nocookie "@$(addr "$1" a.root.lab)" "$3" "$4"
}
drill_t() { # FAM OUT QNAME QTYPE [OPTION...] — drill -T from the lab's hints
  local f=$1 o=$2 n=$3 t=$4; shift 4
  dns_lab_run "$o" drill "-$f" "$@" -T -r "$DNS_LAB_ROOT_HINTS" "$n" "$t"
}
# last_from FILE — the server name of the last ";; Received ... from ADDR#53(NAME)" line
last_from() { sed -nE 's/^;; Received [0-9]+ bytes from .*\((.*)\) in .*/\1/p' "$1" | tail -n 1; }
# final FILE — the records after the last "Received" line but one (what the last server said)
final() {
  awk '/^;; Received/ { last = cur; cur = ""; next } /^[^;]/ && NF >= 5 {
    r = $1 " " $4; for (i = 5; i <= NF; i++) r = r " " $i; cur = cur (cur == "" ? "" : " | ") r }
    END { print last }' "$1"
}
# rrs FILE TYPE — the "owner TYPE rdata" records of TYPE in FILE (drill), in order, " | "-joined
rrs() {
  awk -v t="$2" '/^[^;]/ && $4 == t { r = $1 " " $4; for (i = 5; i <= NF; i++) r = r " " $i; print r }' "$1" |
    sed ':a;N;$!ba;s/\n/ | /g'
}

tr1=$(lab_file trace)
show=$tr1
for f in 4 6; do
  trace "$f" "$tr1" www.plain.lab A
  eqs "v$f dig +trace www.plain.lab A: $DNS_LAB_WWW_PLAIN_V4 from ns1.plain.lab" \
    "$(final "$tr1" | cut -d '|' -f 1)|$(last_from "$tr1")" "www.plain.lab. A $DNS_LAB_WWW_PLAIN_V4 |ns1.plain.lab"
  trace "$f" "$tr1" www.plain.lab AAAA
  eqs "v$f dig +trace www.plain.lab AAAA: $DNS_LAB_WWW_PLAIN_V6" "$(final "$tr1" | cut -d '|' -f 1)" \
    "www.plain.lab. AAAA $DNS_LAB_WWW_PLAIN_V6 "
  trace "$f" "$tr1" www.plain.lab MX
  eqs "v$f dig +trace www.plain.lab MX: NODATA, the SOA from ns1.plain.lab" \
    "$(final "$tr1")|$(last_from "$tr1")" "$soa_plain|ns1.plain.lab"
  trace "$f" "$tr1" nosuch.plain.lab A
  eqs "v$f dig +trace nosuch.plain.lab: NXDOMAIN, the SOA from ns1.plain.lab" \
    "$(final "$tr1")|$(last_from "$tr1")" "$soa_plain|ns1.plain.lab"
  trace "$f" "$tr1" big.plain.lab TXT
  eqs "v$f dig +trace big.plain.lab TXT: TC over UDP, then all $DNS_LAB_BIG_COUNT over TCP" \
    "$(grep -c 'IN[[:space:]]TXT[[:space:]]"big' "$tr1")" "$DNS_LAB_BIG_COUNT"
  trace "$f" "$tr1" www.chain.lab A
  eqs "v$f dig +trace www.chain.lab: the CNAME from ns1.chain.lab (dig does not follow it)" \
    "$(final "$tr1")|$(last_from "$tr1")" "www.chain.lab. CNAME alias.other.test.|ns1.chain.lab"
  trace "$f" "$tr1" alias.other.test A
  eqs "v$f dig +trace alias.other.test: CNAME www.plain.lab. from ns1.other.test" \
    "$(final "$tr1")|$(last_from "$tr1")" "alias.other.test. CNAME www.plain.lab.|ns1.other.test"
  trace "$f" "$tr1" host.glueless.lab A
  eqs "v$f dig +trace host.glueless.lab: $DNS_LAB_GLUELESS_V4 from ns1.hosting.test" \
    "$(final "$tr1" | cut -d '|' -f 1)|$(last_from "$tr1")" "host.glueless.lab. A $DNS_LAB_GLUELESS_V4 |ns1.hosting.test"
  trace "$f" "$tr1" www.old.lab A
  eqs "v$f dig +trace www.old.lab: the DNAME and its CNAME from ns1.chain.lab" \
    "$(final "$tr1")|$(last_from "$tr1")" "old.lab. DNAME plain.lab. | www.old.lab. CNAME www.plain.lab.|ns1.chain.lab"
  # dig picks one of the NS at random and stops at a REFUSED: either ending is right.
  trace "$f" "$tr1" www.lame.lab A
  got="$(final "$tr1" | cut -d '|' -f 1)|$(last_from "$tr1")"
  if [[ $got == "|ns1.lame.lab" ]]; then
    lab_pass "v$f dig +trace www.lame.lab: picked the lame ns1.lame.lab, got its empty REFUSED and stopped"
  else
    eqs "v$f dig +trace www.lame.lab: $DNS_LAB_WWW_LAME_V4 from ns2.lame.lab" "$got" \
      "www.lame.lab. A $DNS_LAB_WWW_LAME_V4 |ns2.lame.lab"
  fi
  trace "$f" "$tr1" www.alllame.lab A
  eqs "v$f dig +trace www.alllame.lab: ns1.alllame.lab's reply is empty (REFUSED)" \
    "$(final "$tr1")|$(last_from "$tr1")" "|ns1.alllame.lab"
  trace "$f" "$tr1" www.dead.lab A
  eqs "v$f dig +trace www.dead.lab: $DNS_LAB_WWW_DEAD_V4 from ns2.dead.lab (after a timeout when it picked ns1)" \
    "$(final "$tr1" | cut -d '|' -f 1)|$(last_from "$tr1")" "www.dead.lab. A $DNS_LAB_WWW_DEAD_V4 |ns2.dead.lab"
  trace "$f" "$tr1" www.alldead.lab A
  lab_grep "v$f dig +trace www.alldead.lab: ns1.alldead.lab times out" "$tr1" "communications error to .*#53: timed out"
  trace "$f" "$tr1" www.loop1.lab A
  lab_grep "v$f dig +trace www.loop1.lab: cannot get an address for ns.loop2.lab" "$tr1" "couldn't get address for 'ns.loop2.lab'"
  trace "$f" "$tr1" www.v6only.lab A
  if [[ $f == 6 ]]; then
    eqs "v6 dig +trace www.v6only.lab: $DNS_LAB_WWW_V6ONLY_V4 from ns1.v6only.lab" \
      "$(final "$tr1" | cut -d '|' -f 1)|$(last_from "$tr1")" "www.v6only.lab. A $DNS_LAB_WWW_V6ONLY_V4 |ns1.v6only.lab"
  else
    lab_grep "v4 dig +trace www.v6only.lab: no IPv4 address for ns1.v6only.lab" "$tr1" "couldn't get address for 'ns1.v6only.lab'"
  fi
done
lab_log "dig +trace: $((SECONDS - start)) s"

for f in 4 6; do
  drill_t "$f" "$tr1" www.plain.lab A
  eqs "v$f drill -T www.plain.lab A: $DNS_LAB_WWW_PLAIN_V4" "$LAB_RC|$(rrs "$tr1" A)" "0|www.plain.lab. A $DNS_LAB_WWW_PLAIN_V4"
  drill_t "$f" "$tr1" nosuch.plain.lab A
  eqs "v$f drill -T nosuch.plain.lab: the SOA" "$(rrs "$tr1" SOA)" "$soa_plain"
  drill_t "$f" "$tr1" www.plain.lab MX
  eqs "v$f drill -T www.plain.lab MX: no MX, the SOA" "$(rrs "$tr1" MX)|$(rrs "$tr1" SOA)" "|$soa_plain"
  drill_t "$f" "$tr1" big.plain.lab TXT
  eqs "v$f drill -T big.plain.lab TXT: all $DNS_LAB_BIG_COUNT (TC on UDP, then TCP)" \
    "$(grep -c 'IN[[:space:]]TXT[[:space:]]"big' "$tr1")" "$DNS_LAB_BIG_COUNT"
  drill_t "$f" "$tr1" www.chain.lab A
  eqs "v$f drill -T www.chain.lab: follows both CNAMEs to $DNS_LAB_WWW_PLAIN_V4" \
    "$(rrs "$tr1" CNAME)|$(rrs "$tr1" A)" \
    "www.chain.lab. CNAME alias.other.test. | alias.other.test. CNAME www.plain.lab.|www.plain.lab. A $DNS_LAB_WWW_PLAIN_V4"
  drill_t "$f" "$tr1" host.glueless.lab A
  eqs "v$f drill -T host.glueless.lab: $DNS_LAB_GLUELESS_V4" "$(rrs "$tr1" A)" "host.glueless.lab. A $DNS_LAB_GLUELESS_V4"
  drill_t "$f" "$tr1" www.old.lab A
  eqs "v$f drill -T www.old.lab: $DNS_LAB_WWW_PLAIN_V4" "$(rrs "$tr1" A)" "www.plain.lab. A $DNS_LAB_WWW_PLAIN_V4"
  # -z: no shuffling, so drill asks ns1.lame.lab (listed first), which refuses; drill stops there.
  dns_lab_queries_reset
  drill_t "$f" "$tr1" www.lame.lab A -z
  eqs "v$f drill -z -T www.lame.lab: no answer; queries to the lame ns1.lame.lab only, none to ns2" \
    "$(rrs "$tr1" A)|$(($(dns_lab_server_queries --to ns1.lame.lab) > 0))|$(dns_lab_server_queries --to ns2.lame.lab)" "|1|0"
  lab_log "drill -z -T www.lame.lab: $(dns_lab_query_log | awk '{ print $2 "/" $3 "=" $4 }' | flat)"
  drill_t "$f" "$tr1" www.loop1.lab A
  eqs "v$f drill -T www.loop1.lab: no answer, exit 1" "$LAB_RC|$(rrs "$tr1" A)" "1|"
  drill_t "$f" "$tr1" www.v6only.lab A
  if [[ $f == 6 ]]; then
    eqs "v6 drill -T www.v6only.lab: $DNS_LAB_WWW_V6ONLY_V4" "$(rrs "$tr1" A)" "www.v6only.lab. A $DNS_LAB_WWW_V6ONLY_V4"
  else
    eqs "v4 drill -T www.v6only.lab: no answer (no IPv4 server)" "$(rrs "$tr1" A)" ""
  fi
done
dns_lab_hosts roots
lab_log "drill -T: $((SECONDS - start)) s"

# ---------------------------------------------------------------------------------------------
# unbound, with the lab's root hints

dns_lab_queries_reset
dns_lab_unbound_start "verbosity: 1"
lab_eq "unbound started: no query sent yet" "$(dns_lab_server_queries)" 0
ask() { # FAM OUT QNAME QTYPE — dig (recursive) to the lab unbound
  local a=$DNS_LAB_RESOLVER_V4
  [[ $1 == 6 ]] && a=$DNS_LAB_RESOLVER_V6
  dns_lab_run "$2" dig +time=10 +tries=1 +nocookie "@$a" "$3" "$4"
  out_saved=$out; out=$2
  STATUS=$(sed -nE 's/.*status: ([A-Z]+),.*/\1/p' "$out"); ANSWER=$(section ANSWER)
  out=$out_saved
}
ask 4 "$tr1" www.chain.lab A
lab_eq "unbound: www.chain.lab A -> both CNAMEs and $DNS_LAB_WWW_PLAIN_V4" "$STATUS|$ANSWER" \
  "NOERROR|www.chain.lab. CNAME alias.other.test. | alias.other.test. CNAME www.plain.lab. | www.plain.lab. A $DNS_LAB_WWW_PLAIN_V4"
n_ub=$(dns_lab_unbound_queries)
n_stat=$(dns_lab_unbound_control stats_noreset | awk -F= '$1 == "num.query.udpout" || $1 == "num.query.tcpout" { s += $2 } END { print s + 0 }')
lab_log "unbound sent $n_ub queries for www.chain.lab: $(dns_lab_query_log --from resolver | awk '{ print $2 "/" $3 "=" $4 }' | flat)"
lab_check "unbound sent queries to the root, lab., chain.lab., test., other.test. and plain.lab. servers ($n_ub)" \
  test "$n_ub" -ge 6
lab_eq "counted upstream queries = unbound's own num.query.udpout + tcpout" "$n_ub" "$n_stat"
lab_eq "counted queries = NSD's num.queries (all servers)" "$(dns_lab_server_queries)" "$(dns_lab_nsd_queries)"

ask 6 "$tr1" www.chain.lab AAAA
lab_eq "unbound over IPv6: www.chain.lab AAAA -> $DNS_LAB_WWW_PLAIN_V6" "$STATUS|${ANSWER##* | }" \
  "NOERROR|www.plain.lab. AAAA $DNS_LAB_WWW_PLAIN_V6"
before_tcp=$(dns_lab_unbound_queries --proto tcp --to ns1.plain.lab)
ask 4 "$tr1" big.plain.lab TXT
lab_eq "unbound: big.plain.lab TXT -> all $DNS_LAB_BIG_COUNT, fetched by unbound over TCP" \
  "$STATUS|$(grep -c 'IN[[:space:]]TXT[[:space:]]"big' "$tr1")|$(($(dns_lab_unbound_queries --proto tcp --to ns1.plain.lab) - before_tcp))" \
  "NOERROR|$DNS_LAB_BIG_COUNT|1"
for c in "4 www.lame.lab A $DNS_LAB_WWW_LAME_V4" "6 www.dead.lab A $DNS_LAB_WWW_DEAD_V4" \
  "4 host.glueless.lab A $DNS_LAB_GLUELESS_V4" "6 www.old.lab A $DNS_LAB_WWW_PLAIN_V4" \
  "4 www.v6only.lab AAAA $DNS_LAB_WWW_V6ONLY_V6"; do
  read -r f qn qt want <<<"$c"
  ask "$f" "$tr1" "$qn" "$qt"
  lab_eq "unbound (v$f): $qn $qt -> $want" "$STATUS|$(awk '{ print $NF }' <<<"${ANSWER##* | }")" "NOERROR|$want"
done
for qn in www.loop1.lab www.alllame.lab; do
  ask 4 "$tr1" "$qn" A
  lab_eq "unbound: $qn -> SERVFAIL" "$STATUS|$ANSWER" "SERVFAIL|"
done
lab_check "unbound asked the lame server (REFUSED) for lame.lab and alllame.lab" \
  test "$(dns_lab_unbound_queries --to ns1.lame.lab)" -ge 2
lab_eq "counted upstream queries still = unbound's udpout + tcpout" "$(dns_lab_unbound_queries)" \
  "$(dns_lab_unbound_control stats_noreset | awk -F= '$1 == "num.query.udpout" || $1 == "num.query.tcpout" { s += $2 } END { print s + 0 }')"
dns_lab_unbound_stop
ask 4 "$tr1" www.plain.lab A
lab_eq "unbound stopped: the system resolver's address answers REFUSED at once" "$STATUS" REFUSED
lab_log "unbound: $((SECONDS - start)) s"

# ---------------------------------------------------------------------------------------------
# The counters, one query at a time

dns_lab_queries_reset
dq 4 a.root.lab . SOA
lab_eq "one UDP query to a.root.lab: counted once, from the client, and by NSD" \
  "$(dns_lab_server_queries)|$(dns_lab_server_queries --from client --to a.root.lab --proto udp -4)|$(dns_lab_nsd_queries a.root.lab)" "1|1|1"
dns_lab_run "$out" dig +norec +tcp +keepopen +time=2 +tries=1 "@$DNS_LAB_PLAIN_V6" www.plain.lab A www.plain.lab AAAA
lab_eq "dig +tcp +keepopen: both answers over TCP" \
  "$(grep -c '^www\.plain\.lab\..*IN[[:space:]]A' "$out")|$(grep -c '^;; SERVER: .*(TCP)' "$out")" "2|2"
lab_eq "two queries over one TCP connection to ns1.plain.lab (v6): 2 TCP queries, NSD saw 2" \
  "$(dns_lab_server_queries --to ns1.plain.lab --proto tcp -6)|$(dns_lab_nsd_queries ns1.plain.lab)" "2|2"
dq 4 ns1.dead.lab www.dead.lab A +time=1
lab_eq "a query to the dead server: counted, NSD saw nothing more" \
  "$(dns_lab_server_queries --to ns1.dead.lab)|$(dns_lab_server_queries)|$(dns_lab_nsd_queries)" "1|4|3"
lab_eq "the query log" "$(dns_lab_query_log | flat)" \
  "$DNS_LAB_CLIENT_V4 $DNS_LAB_ROOT_V4 udp 1 $DNS_LAB_CLIENT_V4 $DNS_LAB_DEAD_V4 udp 1 $DNS_LAB_CLIENT_V6 $DNS_LAB_PLAIN_V6 tcp 2"

lab_log "took $((SECONDS - start)) s"
lab_finish
