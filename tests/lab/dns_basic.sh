#!/usr/bin/env bash
# nd-dns in the DNS lab (dns_lab.sh: NSD serving a root, two TLDs and the case zones), as root
# and as nobody, over IPv4 and IPv6: every case of the lab's table resolves to the right result
# through the right steps, and the queries nd-dns says it sent are the queries the servers got.
source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
source "$(dirname "${BASH_SOURCE[0]}")/dns_lab.sh"

lab_require_root
dns_lab_require
lab_stage_bins
lab_require_tool nd-dns
dns_lab_setup
HINTS=$LAB_STAGE/root.hints  # readable by nobody
cp "$DNS_LAB_ROOT_HINTS" "$HINTS" && chmod 644 "$HINTS"
OUT=$LAB_WORK/out.json ERR=$LAB_WORK/err.txt

dns_valid() { lab_schema_valid "$1" netdiag.dns-1; }

# resolve WHO ARGS... — nd-dns --json with the lab's root hints; checks exit status 0 or 1 and
# the schema, and that the servers counted exactly the queries nd-dns reports.
resolve() {
  local who=$1; shift
  dns_lab_queries_reset
  lab_tool nd-dns "$who" "$OUT" "$ERR" --root-hints "$HINTS" --json "$@"
  lab_check "$who: nd-dns $* exits 0 or 1 (got $LAB_RC: $(head -c 300 "$ERR"))" test "$LAB_RC" -le 1
  lab_check "$who: nd-dns $* --json is valid" dns_valid "$OUT"
  local counted
  counted=$(dns_lab_server_queries --from client)
  lab_json_check "$OUT" "$who: $*: queries_sent equals what the servers counted ($counted)" \
    "d['queries_sent'] == $counted"
}

for who in root nobody; do
  resolve "$who" www.plain.lab
  lab_eq "$who: www.plain.lab exit 0" "$LAB_RC" 0
  lab_json_check "$OUT" "$who: www.plain.lab A is $DNS_LAB_WWW_PLAIN_V4 via . lab. plain.lab." \
    "d['result'] == 'answer' and [r['data'] for r in d['answer']] == ['$DNS_LAB_WWW_PLAIN_V4'] and
     [s['zone'] for s in d['steps']] == ['.', 'lab.', 'plain.lab.']"
  lab_json_check "$OUT" "$who: QNAME minimisation: the root saw only lab., lab. only plain.lab." \
    "[s['query']['name'] for s in d['steps']] == ['lab.', 'plain.lab.', 'www.plain.lab.'] and
     [s['minimised'] for s in d['steps']] == [True, True, False]"
  lab_json_check "$OUT" "$who: every step has an RTT and the referrals say where" \
    "all(s['rtt_ms'] is not None and s['rtt_ms'] > 0 for s in d['steps']) and
     d['steps'][0]['detail'] == 'referral to lab. (2 NS, 4 glue)' and 'aa' in d['steps'][2]['flags']"

  resolve "$who" -6 www.plain.lab AAAA
  lab_json_check "$OUT" "$who: -6 www.plain.lab AAAA is $DNS_LAB_WWW_PLAIN_V6, every server asked over IPv6" \
    "[r['data'] for r in d['answer']] == ['$DNS_LAB_WWW_PLAIN_V6'] and all(':' in s['server']['address'] for s in d['steps'])"

  resolve "$who" www.chain.lab
  lab_json_check "$OUT" "$who: the CNAME chain crosses chain.lab., other.test. and plain.lab." \
    "[(r['type'], r['data']) for r in d['answer']] == [('CNAME', 'alias.other.test.'), ('CNAME', 'www.plain.lab.'),
     ('A', '$DNS_LAB_WWW_PLAIN_V4')] and d['final_name'] == 'www.plain.lab.' and
     [s['outcome'] for s in d['steps'] if s['outcome'] == 'cname'] == ['cname', 'cname']"

  resolve "$who" host.glueless.lab
  lab_json_check "$OUT" "$who: glueless: ns1.hosting.test. is resolved from the root first (depth 1)" \
    "[r['data'] for r in d['answer']] == ['$DNS_LAB_GLUELESS_V4'] and
     any(s['depth'] == 1 and s['for_server'] == 'ns1.hosting.test.' and s['zone'] == '.' for s in d['steps']) and
     d['steps'][-1]['server']['name'] == 'ns1.hosting.test.' and d['steps'][-1]['depth'] == 0"

  resolve "$who" www.lame.lab
  lab_json_check "$OUT" "$who: the lame server is marked refused, the next one answers" \
    "[r['data'] for r in d['answer']] == ['$DNS_LAB_WWW_LAME_V4'] and
     [s['outcome'] for s in d['steps'] if s['zone'] == 'lame.lab.'] == ['refused', 'answer'] and
     d['steps'][2]['server']['address'] == '$DNS_LAB_LAME_V4'"

  resolve "$who" www.alllame.lab
  lab_eq "$who: www.alllame.lab exit 1" "$LAB_RC" 1
  lab_json_check "$OUT" "$who: a zone whose only server is lame is SERVFAIL, saying why" \
    "d['result'] == 'servfail' and 'no server of alllame.lab. answered' in d['failure'] and 'refused' in d['failure']"

  resolve "$who" -W 1 www.dead.lab
  lab_json_check "$OUT" "$who: the dead server times out after -W 1, the next one answers" \
    "[r['data'] for r in d['answer']] == ['$DNS_LAB_WWW_DEAD_V4'] and
     [s['outcome'] for s in d['steps'] if s['zone'] == 'dead.lab.'] == ['timeout', 'answer'] and
     d['steps'][2]['rtt_ms'] is None and 1000 <= d['elapsed_ms'] < 1900"

  resolve "$who" -W 1 www.alldead.lab
  lab_json_check "$OUT" "$who: a zone whose only server is dead: both addresses tried (--tries 2), SERVFAIL" \
    "d['result'] == 'servfail' and [s['server']['address'] for s in d['steps'] if s['zone'] == 'alldead.lab.'] ==
     ['$DNS_LAB_DEAD_V4', '$DNS_LAB_DEAD_V6'] and 'no response' in d['failure']"

  resolve "$who" nosuch.plain.lab
  lab_eq "$who: nosuch.plain.lab exit 1" "$LAB_RC" 1
  lab_json_check "$OUT" "$who: NXDOMAIN with plain.lab.'s SOA" \
    "d['result'] == 'nxdomain' and d['authority'][0]['type'] == 'SOA' and
     d['authority'][0]['data'].split()[2] == '$DNS_LAB_PLAIN_SERIAL' and d['steps'][-1]['rcode'] == 'NXDOMAIN'"

  resolve "$who" www.plain.lab MX
  lab_json_check "$OUT" "$who: NODATA for www.plain.lab MX, with the SOA" \
    "d['result'] == 'nodata' and d['answer'] == [] and d['authority'][0]['name'] == 'plain.lab.'"

  resolve "$who" big.plain.lab TXT
  lab_json_check "$OUT" "$who: a truncated UDP answer is fetched over TCP: $DNS_LAB_BIG_COUNT TXT records" \
    "[ (s['transport'], s['outcome']) for s in d['steps'] if s['zone'] == 'plain.lab.'] ==
     [('udp', 'truncated'), ('tcp', 'answer')] and len(d['answer']) == $DNS_LAB_BIG_COUNT and
     d['steps'][-1]['response_bytes'] > 1232"

  resolve "$who" www.loop1.lab
  lab_json_check "$OUT" "$who: the delegation loop is SERVFAIL naming the loop, in few queries" \
    "d['result'] == 'servfail' and 'delegation loop' in d['failure'] and d['queries_sent'] <= 6"

  resolve "$who" www.old.lab
  lab_json_check "$OUT" "$who: DNAME old.lab. -> plain.lab." \
    "[(r['type'], r['data']) for r in d['answer']] == [('DNAME', 'plain.lab.'), ('CNAME', 'www.plain.lab.'),
     ('A', '$DNS_LAB_WWW_PLAIN_V4')] and any(s['outcome'] == 'dname' for s in d['steps'])"

  resolve "$who" -4 www.v6only.lab
  lab_json_check "$OUT" "$who: -4 and a zone served only over IPv6: SERVFAIL" "d['result'] == 'servfail'"
  resolve "$who" -6 www.v6only.lab AAAA
  lab_json_check "$OUT" "$who: -6 www.v6only.lab AAAA" \
    "[r['data'] for r in d['answer']] == ['$DNS_LAB_WWW_V6ONLY_V6']"
done

resolve root --no-qmin www.plain.lab
lab_json_check "$OUT" "--no-qmin: the whole name to every server, 3 queries" \
  "not any(s['minimised'] for s in d['steps']) and {s['query']['name'] for s in d['steps']} == {'www.plain.lab.'}
   and d['queries_sent'] == 3"

resolve root --tcp www.plain.lab
lab_json_check "$OUT" "--tcp: every query over TCP" \
  "{s['transport'] for s in d['steps']} == {'tcp'} and d['result'] == 'answer'"

dns_lab_queries_reset
lab_tool nd-dns nobody "$OUT" "$ERR" --json "@$DNS_LAB_LAB_V4" www.plain.lab
lab_json_check "$OUT" "@SERVER: iteration starts at lab.'s server" \
  "d['steps'][0]['server'] == {'name': None, 'address': '$DNS_LAB_LAB_V4'} and d['result'] == 'answer'"

resolve nobody -x "$DNS_LAB_WWW_PLAIN_V4"
lab_json_check "$OUT" "-x: the PTR question under in-addr.arpa. (the lab has no reverse zones: NXDOMAIN)" \
  "d['question'] == {'name': '80.53.18.198.in-addr.arpa.', 'type': 'PTR', 'class': 'IN'} and d['result'] == 'nxdomain'"

resolve root --all-servers www.plain.lab
lab_json_check "$OUT" "--all-servers: every root and lab. server asked (both families), no disagreement" \
  "d['disagreements'] == [] and len({s['server']['address'] for s in d['steps'] if s['zone'] == '.'}) == 4 and
   len({s['server']['address'] for s in d['steps'] if s['zone'] == 'lab.'}) == 4"
resolve root --all-servers -W 1 www.dead.lab
lab_json_check "$OUT" "--all-servers: the dead server of dead.lab. is reported" \
  "any('ns1.dead.lab.' in t and 'failed' in t for t in d['disagreements'])"

# Text, --short, NDJSON.
lab_tool nd-dns nobody "$OUT" "$ERR" --root-hints "$HINTS" www.chain.lab
lab_check "text: steps with zones, servers and what came back" grep -q 'referral to chain.lab.' "$OUT"
lab_check "text: the chain and the answer at the end" grep -Eq '^www\.plain\.lab\. +3600 +IN +A +198\.18\.53\.80' "$OUT"
lab_check "text: the summary line" grep -Eq '^;; answer; 8 queries in [0-9.]+ ms' "$OUT"
lab_tool nd-dns nobody "$OUT" "$ERR" --root-hints "$HINTS" --short www.chain.lab
lab_eq "--short: the data only, as dig +short" "$(cat "$OUT")" "$(printf 'alias.other.test.\nwww.plain.lab.\n198.18.53.80')"
lab_tool nd-dns nobody "$OUT" "$ERR" --root-hints "$HINTS" --ndjson www.plain.lab
lab_json_check "$OUT" "--ndjson: one step event per query, then the summary" \
  "[l['event'] for l in d] == ['step', 'step', 'step', 'summary'] and d[-1]['result'] == 'answer'"
ndjson_valid=1
while IFS= read -r line; do
  printf '%s\n' "$line" >"$LAB_WORK/line.json"
  dns_valid "$LAB_WORK/line.json" || ndjson_valid=0
done <"$OUT"
lab_eq "--ndjson: every line is valid" "$ndjson_valid" 1

# Batch: what was learnt about delegations is reused.
printf '%s\n' www.plain.lab 'www.plain.lab AAAA' nosuch.plain.lab www.chain.lab '# comment' host.glueless.lab \
  >"$LAB_STAGE/names.txt"
chmod 644 "$LAB_STAGE/names.txt"
dns_lab_queries_reset
lab_tool nd-dns nobody "$OUT" "$ERR" --root-hints "$HINTS" --json -f "$LAB_STAGE/names.txt"
lab_eq "batch: exit 1 (one NXDOMAIN)" "$LAB_RC" 1
lab_check "batch: valid" dns_valid "$OUT"
counted=$(dns_lab_server_queries --from client)
lab_json_check "$OUT" "batch: 5 resolutions, later names reuse delegations ($counted queries counted)" \
  "d['schema'] == 'netdiag.dns-batch/1' and [r['result'] for r in d['resolutions']] ==
   ['answer', 'answer', 'nxdomain', 'answer', 'answer'] and d['queries_sent'] == $counted and
   [r['queries_sent'] for r in d['resolutions']][1:3] == [1, 1]"
lab_json_check "$OUT" "batch: www.chain.lab's CNAME target www.plain.lab A comes from the cache, not a query" \
  "[(s['query']['name'], s['cached'], s['rtt_ms']) for s in d['resolutions'][3]['steps']][-1] ==
   ('www.plain.lab.', True, None) and
   sum(not s['cached'] for s in d['resolutions'][3]['steps']) == d['resolutions'][3]['queries_sent']"

# Stub mode, against a real recursive resolver (unbound with the lab's root).
dns_lab_unbound_start
lab_tool nd-dns nobody "$OUT" "$ERR" --json --server "$DNS_LAB_RESOLVER_V4" www.chain.lab
lab_json_check "$OUT" "--server: one recursive query (RD), the whole chain from unbound" \
  "d['mode'] == 'stub' and len(d['steps']) == 1 and 'rd' in d['steps'][0]['flags'] and 'ra' in d['steps'][0]['flags']
   and d['answer'][-1]['data'] == '$DNS_LAB_WWW_PLAIN_V4'"
dns_lab_unbound_stop

# Ctrl-C: a resolution stuck on a dead server stops at once, the JSON complete.
lab_start_bg nd-dns nobody "$OUT" "$ERR" --root-hints "$HINTS" --json -W 5 www.alldead.lab
sleep 0.5
kill -INT "$BG_PID"
rc=0
wait "$BG_PID" || rc=$?
lab_eq "SIGINT: exit 1" "$rc" 1
lab_json_check "$OUT" "SIGINT: the JSON is complete and says interrupted" \
  "d['interrupted'] and d['result'] == 'interrupted' and d['elapsed_ms'] < 2000"

# Bad input: exit 2 and one line that says what to do.
for args in "" "a..b" "www.plain.lab FOO" "-x 300.1.1.1" "@not-an-address www.plain.lab" "-W 0 x.lab" \
  "--tries 0 x.lab" "-4 -6 x.lab" "--root-hints /nonexistent x.lab" "$(printf 'x%.0s' {1..64}).lab"; do
  # shellcheck disable=SC2086  # the words are the arguments
  lab_tool nd-dns nobody "$OUT" "$ERR" $args
  lab_eq "bad input '$args': exit 2" "$LAB_RC" 2
  lab_eq "bad input '$args': one line on stderr" "$(wc -l <"$ERR")" 1
done

lab_finish
