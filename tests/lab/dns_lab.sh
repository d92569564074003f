# shellcheck shell=bash disable=SC2034  # (variables for the scripts that source this)
# dns_lab.sh — a real authoritative DNS hierarchy (NSD), for nd-dns lab tests and the benchmark
# against dig +trace, drill -T and unbound. Source it after lab.sh, which keeps doing the
# reporting, teardown, staging and nd-* running:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lab.sh"
#   source "$(dirname "${BASH_SOURCE[0]}")/dns_lab.sh"
#   lab_require_root; dns_lab_require
#   dns_lab_setup                      # namespaces, zones, 14 NSDs; returns once each answers
#   lab_stage_bins; lab_tool nd-dns root OUT ERR --root-hints "$DNS_LAB_ROOT_HINTS" www.plain.lab A
#   dns_lab_run [-n NS] OUT CMD...     # CMD as root in the client namespace (or NS), with a
#                                      # timeout, stdout+stderr to OUT, exit code in LAB_RC
#   dns_lab_unbound_start [LINE...]    # a cold unbound at $DNS_LAB_RESOLVER_V4 / _V6 (extra
#                                      # "server:" lines, e.g. "qname-minimisation: no")
#   dns_lab_unbound_stop / dns_lab_unbound_control ARGS...   (unbound-control, e.g. stats_noreset)
#   dns_lab_server_queries [--from WHO] [--to WHO] [--proto udp|tcp] [-4|-6]   # queries counted
#                                      # (WHO: client, resolver, a server name, addresses a,b)
#   dns_lab_unbound_queries [...]      # = dns_lab_server_queries --from resolver [...]
#   dns_lab_query_log [...]            # "SOURCE SERVER PROTO COUNT" lines, same filters
#   dns_lab_queries_reset              # every query counter back to 0 (NSD's statistics too)
#   dns_lab_nsd_queries [NAME...]      # NSD's own num.queries (nsd-control stats_noreset)
#   dns_lab_hosts roots|servers|none   # what the namespaces' /etc/hosts lists (default roots)
#   dns_lab_bulk                       # before dns_lab_setup: the batch zones (bench/dns.sh; see below)
#
# Topology (names unique per run: ${LAB_PREFIX}c, ${LAB_PREFIX}ds, ${LAB_PREFIX}dr):
#
#   client  c0 ──┐                        ┌── r0  resolver (unbound, when started)
#   198.18.53.2  │   servers: bridge br0  │   198.18.53.3
#   fd00:53::2   └── c ── [ br0 ] ── r ───┘   fd00:53::3
#                     every server address below is on br0 (one /24 and one /64: all on-link)
#
#   The client namespace is LAB_NS_C (and LAB_NS_S the servers'), so lab_tool, lab_nd,
#   lab_start_bg of lab.sh run there. No namespace has a route beyond the lab's two prefixes.
#
# The system resolver, inside the lab: ip netns exec bind-mounts /etc/netns/NS/resolv.conf and
# /etc/netns/NS/hosts (written by dns_lab_setup, removed at teardown) over /etc's, in every lab
# namespace. resolv.conf names DNS_LAB_RESOLVER_V4 / _V6: the lab unbound while it runs, else a
# zoneless NSD there that answers REFUSED at once, so a lookup never reaches the host's resolver
# and never hangs (drill, whose UDP sockets are unconnected, would ignore a port unreachable and
# wait 30 s). hosts lists localhost and, by default, a.root.lab and b.root.lab. This matters for
# the classic tools: dig +trace ignores glue and looks every name server's name up through the
# system resolver (getaddrinfo: hosts, then DNS), the roots' too; drill -T (ldns: hosts, then
# resolv.conf) does so for glueless NS. With dns_lab_hosts servers, hosts names every server of
# the table (ns1.alllame.lab and ns1.alldead.lab too, not the loop's ns.loop1/2.lab), so both
# work without unbound; with the default, dig +trace needs dns_lab_unbound_start (and its NS
# lookups then show up as unbound's queries).
#
# Servers (one NSD process each, bound to its own addresses, UDP and TCP on port 53):
#
#   name               IPv4          IPv6           zones it serves
#   a.root.lab         198.18.53.10  fd00:53::10    .
#   b.root.lab         198.18.53.11  fd00:53::11    .
#   a.nic.lab          198.18.53.20  fd00:53::20    lab.
#   b.nic.lab          198.18.53.21  fd00:53::21    lab.
#   a.nic.test         198.18.53.30  fd00:53::30    test.
#   b.nic.test         198.18.53.31  fd00:53::31    test.
#   ns1.plain.lab      198.18.53.40  fd00:53::40    plain.lab.
#   ns1.chain.lab      198.18.53.45  fd00:53::45    chain.lab. old.lab.
#   ns1.other.test     198.18.53.50  fd00:53::50    other.test.
#   ns1.hosting.test   198.18.53.51  fd00:53::51    hosting.test. glueless.lab.
#   ns1.lame.lab       198.18.53.60  fd00:53::60    none: REFUSED for everything (also ns1.alllame.lab)
#   ns2.lame.lab       198.18.53.61  fd00:53::61    lame.lab.
#   ns1.dead.lab       198.18.53.70  fd00:53::70    no process; every UDP and TCP packet to it is
#                                                   dropped (nft, no ICMP): a timeout (also ns1.alldead.lab)
#   ns2.dead.lab       198.18.53.71  fd00:53::71    dead.lab.
#   ns1.v6only.lab     -             fd00:53::90    v6only.lab. (IPv6 only; only AAAA glue)
#
#   DNS_LAB_ROOT_HINTS: ". 3600000 NS a.root.lab." and b.root.lab, with their A and AAAA
#   (DNS_LAB_ROOT_HINTS_V4 / _V6: the same with only the A / only the AAAA lines).
#
# Cases (what an iterative resolution from the root gives; addresses of the answers in brackets):
#
#   name (type)              expected                           how
#   www.plain.lab A / AAAA   198.18.53.80 / fd00:53::80         . → lab. → plain.lab. (glue all along)
#   www.plain.lab MX, TXT    NOERROR, no answer (NODATA), SOA   plain.lab. has no MX/TXT at www
#   nosuch.plain.lab A       NXDOMAIN, SOA in authority
#   plain.lab SOA            serial 2053005380 (DNS_LAB_PLAIN_SERIAL)
#   big.plain.lab TXT        12 TXT records of 200 bytes,       over UDP with EDNS 1232: TC=1 (no
#                            ~2.6 kB message                    answer); over TCP: all 12
#   www.chain.lab A          CNAME alias.other.test. →          chain.lab. (ns1.chain.lab) then
#                            CNAME www.plain.lab. → .80         other.test. (ns1.other.test), then plain.lab.
#   host.glueless.lab A      198.18.53.81 (AAAA fd00:53::81)    glueless.lab. NS ns1.hosting.test.,
#                                                               no glue: resolve ns1.hosting.test first
#   www.lame.lab A           198.18.53.82                       NS ns1.lame.lab. (listed first: REFUSED)
#                                                               and ns2.lame.lab. (good)
#   www.alllame.lab A        unresolvable (SERVFAIL)            only NS ns1.alllame.lab. = 198.18.53.60
#   www.dead.lab A           198.18.53.83                       NS ns1.dead.lab. (listed first: silent)
#                                                               and ns2.dead.lab. (good)
#   www.alldead.lab A        unresolvable (timeouts, SERVFAIL)  only NS ns1.alldead.lab. = 198.18.53.70
#   www.loop1.lab A          unresolvable (SERVFAIL)            loop1.lab. NS ns.loop2.lab., loop2.lab.
#                                                               NS ns.loop1.lab., no glue: a cycle
#   www.old.lab A            DNAME old.lab. → plain.lab.,       old.lab. NS ns1.chain.lab.
#                            CNAME www.plain.lab. → .80
#   www.v6only.lab A / AAAA  198.18.53.84 / fd00:53::84         only over IPv6: v6only.lab.'s server has
#                                                               only an AAAA (fd00:53::90); IPv4 only: none
#
#   The order of records is the zone files' (NSD's round-robin is off): the lame and the dead
#   server come first in their NS RRsets. TTLs are 3600 (negative TTL 300). The lab. referral for
#   old.lab carries ns1.chain.lab's addresses (sibling glue: NSD adds them from chain.lab's cut).
#   NSD puts the additional records of the query's family first (A, A, AAAA, AAAA over IPv4;
#   AAAA first over IPv6). ns1.lame.lab and ns1.alllame.lab are the same lame server (REFUSED,
#   with EDE 20 "Not Authoritative"); ns1.dead.lab and ns1.alldead.lab the same dead address.
#   No UDP reply exceeds 1232 bytes whatever EDNS size the query offers (NSD's ipv4/ipv6-edns-size):
#   big.plain.lab TXT over UDP is always TC (the TC reply has an empty answer section), and 2660
#   bytes over TCP (with the NS and its addresses: minimal-responses is off).
#
# Counting queries (exact; dns_lab_server_queries):
#   An nft table in the servers' namespace counts, per (source address, server address, protocol),
#   every DNS query that reaches any server address, before anything is dropped: each UDP datagram
#   to port 53, and each TCP segment to port 53 that carries payload (one per query as long as
#   the sender writes a query in one piece: dig, drill, unbound and nd-dns do; handshakes, bare
#   ACKs and FINs are not counted). Queries to the dead server are counted too (they were sent),
#   a TCP query to it never is (no handshake: there is nothing to carry it). The resolver
#   namespace has only 198.18.53.3 / fd00:53::3, so everything counted "--from resolver" is what
#   unbound sent to the authorities (dns_lab_unbound_queries); it equals unbound's own
#   num.query.udpout + num.query.tcpout (extended-statistics; num.query.* otherwise count its
#   clients' queries), and the selftest checks that. Everything counted "--from client" is what the
#   tool under test sent (dig, drill, nd-dns, as root or nobody). dns_lab_nsd_queries gives NSD's
#   num.queries (what the servers processed, REFUSED ones included; the dead one has no NSD): equal
#   to the count without the dead server's share (checked too). Counters start at 0 when
#   dns_lab_setup returns (its readiness queries are forgotten). Queries from the client to the
#   resolver cross the bridge and are not counted.
#
# Variables (set when this file is sourced; namespaces by dns_lab_setup):
#   DNS_LAB_CLIENT_V4 / _V6           198.18.53.2  fd00:53::2   (LAB_NS_C; DNS_LAB_IFACE=c0)
#   DNS_LAB_RESOLVER_V4 / _V6         198.18.53.3  fd00:53::3   (DNS_LAB_NS_R; unbound listens here)
#   DNS_LAB_ROOT_V4 / _V6             198.18.53.10 fd00:53::10  (a.root.lab; b.root.lab: ROOT2)
#   DNS_LAB_ROOT2_V4 / _V6            198.18.53.11 fd00:53::11
#   DNS_LAB_LAB_V4 / _V6, DNS_LAB_LAB2_V4 / _V6     a.nic.lab, b.nic.lab
#   DNS_LAB_TEST_V4 / _V6, DNS_LAB_TEST2_V4 / _V6   a.nic.test, b.nic.test
#   DNS_LAB_PLAIN_V4 / _V6, DNS_LAB_CHAIN_V4 / _V6, DNS_LAB_OTHER_V4 / _V6, DNS_LAB_HOSTING_V4 / _V6
#   DNS_LAB_LAME_V4 / _V6 (the lame one), DNS_LAB_LAME_GOOD_V4 / _V6 (ns2.lame.lab)
#   DNS_LAB_DEAD_V4 / _V6 (the dead one), DNS_LAB_DEAD_GOOD_V4 / _V6 (ns2.dead.lab)
#   DNS_LAB_V6ONLY_V6                 fd00:53::90
#   DNS_LAB_WWW_PLAIN_V4 / _V6 (.80 / ::80), DNS_LAB_GLUELESS_V4 / _V6 (.81), DNS_LAB_WWW_LAME_V4
#   (.82), DNS_LAB_WWW_DEAD_V4 / _V6 (.83), DNS_LAB_WWW_V6ONLY_V4 / _V6 (.84)
#   DNS_LAB_PLAIN_SERIAL (2053005380), DNS_LAB_BIG_COUNT (12), DNS_LAB_BIG_LEN (200)
#   DNS_LAB_ROOT_HINTS, DNS_LAB_ROOT_HINTS_V4, DNS_LAB_ROOT_HINTS_V6 (files, after dns_lab_setup)
#   DNS_LAB_SERVERS (array: the server names, in the table's order), DNS_LAB_ADDR4 / DNS_LAB_ADDR6
#   (associative: name -> address; no entry: no such family), DNS_LAB_ZONES_OF (name -> zones),
#   DNS_LAB_NS_S (servers' namespace), DNS_LAB_NS_R (resolver's), DNS_LAB_WORK (zones, configs,
#   logs: $DNS_LAB_WORK/<server name>/{nsd.conf,*.zone,nsd.log})
#   DNS_LAB_UNBOUND_VERBOSITY (1; set it before dns_lab_unbound_start for a chattier log)
#   DNS_LAB_UNBOUND_PID, DNS_LAB_UNBOUND_CONF, DNS_LAB_UNBOUND_LOG (after dns_lab_unbound_start)
#
# Needs nsd (the daemon and nsd-control), nftables, iproute2; dns_lab_unbound_start needs unbound
# (and unbound-control); the selftest also dig (bind9-dnsutils) and drill (ldnsutils).
# Only 198.18.53.0/24 and fd00:53::/64 are used, inside namespaces this file creates (plus loopback).

if [[ -n ${DNS_LAB_SH_LOADED:-} ]]; then return 0; fi
DNS_LAB_SH_LOADED=1
[[ -n ${LAB_SH_LOADED:-} ]] || { echo "dns_lab.sh: source lab.sh first" >&2; exit 2; }

DNS_LAB_N4=198.18.53 DNS_LAB_N6=fd00:53:
export DNS_LAB_IFACE=c0
export DNS_LAB_CLIENT_V4=$DNS_LAB_N4.2 DNS_LAB_CLIENT_V6=$DNS_LAB_N6:2
export DNS_LAB_RESOLVER_V4=$DNS_LAB_N4.3 DNS_LAB_RESOLVER_V6=$DNS_LAB_N6:3
export DNS_LAB_PLAIN_SERIAL=2053005380 DNS_LAB_BIG_COUNT=12 DNS_LAB_BIG_LEN=200
export DNS_LAB_WWW_PLAIN_V4=$DNS_LAB_N4.80 DNS_LAB_WWW_PLAIN_V6=$DNS_LAB_N6:80
export DNS_LAB_GLUELESS_V4=$DNS_LAB_N4.81 DNS_LAB_GLUELESS_V6=$DNS_LAB_N6:81
export DNS_LAB_WWW_LAME_V4=$DNS_LAB_N4.82
export DNS_LAB_WWW_DEAD_V4=$DNS_LAB_N4.83 DNS_LAB_WWW_DEAD_V6=$DNS_LAB_N6:83
export DNS_LAB_WWW_V6ONLY_V4=$DNS_LAB_N4.84 DNS_LAB_WWW_V6ONLY_V6=$DNS_LAB_N6:84

# The servers: name, last octet / group of the addresses ("-" for IPv4: none), zones.
DNS_LAB_SERVERS=()
declare -gA DNS_LAB_ADDR4=() DNS_LAB_ADDR6=() DNS_LAB_ZONES_OF=()
dns_lab_server() {
  DNS_LAB_SERVERS+=("$1")
  [[ $2 == - ]] || DNS_LAB_ADDR4[$1]=$DNS_LAB_N4.$2
  DNS_LAB_ADDR6[$1]=$DNS_LAB_N6:$3
  DNS_LAB_ZONES_OF[$1]=${4:-}
}
dns_lab_server a.root.lab 10 10 .
dns_lab_server b.root.lab 11 11 .
dns_lab_server a.nic.lab 20 20 lab.
dns_lab_server b.nic.lab 21 21 lab.
dns_lab_server a.nic.test 30 30 test.
dns_lab_server b.nic.test 31 31 test.
dns_lab_server ns1.plain.lab 40 40 plain.lab.
dns_lab_server ns1.chain.lab 45 45 "chain.lab. old.lab."
dns_lab_server ns1.other.test 50 50 other.test.
dns_lab_server ns1.hosting.test 51 51 "hosting.test. glueless.lab."
dns_lab_server ns1.lame.lab 60 60 ""
dns_lab_server ns2.lame.lab 61 61 lame.lab.
dns_lab_server ns1.dead.lab 70 70 ""
dns_lab_server ns2.dead.lab 71 71 dead.lab.
dns_lab_server ns1.v6only.lab - 90 v6only.lab.
# The dead server: no process, every UDP/TCP packet to it dropped.
DNS_LAB_DEAD_NAME=ns1.dead.lab

_dns_lab_var() { # PREFIX NAME: DNS_LAB_PREFIX_V4/_V6 from the server NAME
  [[ -z ${DNS_LAB_ADDR4[$2]:-} ]] || export "DNS_LAB_$1_V4=${DNS_LAB_ADDR4[$2]}"
  export "DNS_LAB_$1_V6=${DNS_LAB_ADDR6[$2]}"
}
_dns_lab_var ROOT a.root.lab
_dns_lab_var ROOT2 b.root.lab
_dns_lab_var LAB a.nic.lab
_dns_lab_var LAB2 b.nic.lab
_dns_lab_var TEST a.nic.test
_dns_lab_var TEST2 b.nic.test
_dns_lab_var PLAIN ns1.plain.lab
_dns_lab_var CHAIN ns1.chain.lab
_dns_lab_var OTHER ns1.other.test
_dns_lab_var HOSTING ns1.hosting.test
_dns_lab_var LAME ns1.lame.lab
_dns_lab_var LAME_GOOD ns2.lame.lab
_dns_lab_var DEAD ns1.dead.lab
_dns_lab_var DEAD_GOOD ns2.dead.lab
_dns_lab_var V6ONLY ns1.v6only.lab

# The batch zones (bench/dns.sh), off unless dns_lab_bulk runs before dns_lab_setup: one more
# server, ns1.bulk.lab (198.18.53.47 / fd00:53::47), serving
#   bulk.lab.      (delegated from lab. with glue) h001 … h150 A 198.18.54.1 … .150;
#                  www.a.deep and www.b.deep A 198.18.54.201 / .202 (empty non-terminals between);
#                  c1 CNAME h001.bulk.lab., c2 CNAME www.plain.lab., c3 CNAME www.z01.lab.,
#                  c4 CNAME www.y01.test.
#   z01.lab. … z08.lab.   (NS ns1.bulk.lab., with sibling glue from lab.) www, mail, ftp A
#                  198.18.55.N, .100+N, .200+N (N: the zone's number)
#   y01.test. … y04.test. (NS ns1.bulk.lab., no glue possible: glueless) www, mail A 198.18.56.N,
#                  .100+N
# lab. and test. gain only these delegations; every other zone, name and address stays as above.
# These addresses are record data only (in 198.18.0.0/15); nothing routes to them.
DNS_LAB_BULK=0
export DNS_LAB_BULK_HOSTS=150 DNS_LAB_BULK_NZ=8 DNS_LAB_BULK_NY=4
export DNS_LAB_BULK_NET_H=198.18.54 DNS_LAB_BULK_NET_Z=198.18.55 DNS_LAB_BULK_NET_Y=198.18.56

# dns_lab_bulk — add the batch zones (see above); call it before dns_lab_setup.
dns_lab_bulk() {
  [[ -z $DNS_LAB_NS_S ]] || lab_die "dns_lab_bulk after dns_lab_setup"
  ((DNS_LAB_BULK)) && return 0
  DNS_LAB_BULK=1
  local i zones=bulk.lab.
  for ((i = 1; i <= DNS_LAB_BULK_NZ; i++)); do zones+=" $(printf 'z%02d.lab.' "$i")"; done
  for ((i = 1; i <= DNS_LAB_BULK_NY; i++)); do zones+=" $(printf 'y%02d.test.' "$i")"; done
  dns_lab_server ns1.bulk.lab 47 47 "$zones"
  _dns_lab_var BULK ns1.bulk.lab
}

DNS_LAB_NS_S="" DNS_LAB_NS_R="" DNS_LAB_WORK="" DNS_LAB_ETC_NS=()
DNS_LAB_ROOT_HINTS="" DNS_LAB_ROOT_HINTS_V4="" DNS_LAB_ROOT_HINTS_V6=""
DNS_LAB_UNBOUND_PID="" DNS_LAB_UNBOUND_CONF="" DNS_LAB_UNBOUND_LOG=""
DNS_LAB_UNBOUND_VERBOSITY=${DNS_LAB_UNBOUND_VERBOSITY:-1}

# dns_lab_require — skip (exit 77) when a program the lab needs is missing.
dns_lab_require() {
  command -v nsd >/dev/null || lab_skip "nsd is not installed (Debian package nsd)"
  command -v nsd-control >/dev/null || lab_skip "nsd-control is not installed (Debian package nsd)"
}

# dns_lab_require_unbound — skip when unbound is missing.
dns_lab_require_unbound() {
  command -v unbound >/dev/null || lab_skip "unbound is not installed (Debian package unbound)"
  command -v unbound-control >/dev/null || lab_skip "unbound-control is not installed (Debian package unbound)"
}

# dns_lab_run [-n NS] OUT CMD... — CMD as root in the client namespace (or NS) with a
# LAB_TOOL_TIMEOUT, stdout and stderr to OUT, exit code in LAB_RC (124: killed). In the
# background, so a SIGTERM to the test tears down at once.
dns_lab_run() {
  local ns=$LAB_NS_C out pid
  if [[ $1 == -n ]]; then ns=$2; shift 2; fi
  out=$1; shift
  LAB_RC=0
  timeout -k 5 "$LAB_TOOL_TIMEOUT" ip netns exec "$ns" "$@" >"$out" 2>&1 </dev/null &
  pid=$!
  wait "$pid" || LAB_RC=$?
  if ((LAB_RC == 124)); then echo "# killed after ${LAB_TOOL_TIMEOUT} s: $*"; fi
}

# ---------------------------------------------------------------------------------------------
# Zones

_dns_lab_soa() { # ZONE MNAME SERIAL
  local rname=hostmaster.$1
  [[ $1 == . ]] && rname=hostmaster.root.lab.
  # shellcheck disable=SC2016  # ($TTL is the zone file's)
  printf '$TTL 3600\n%s 3600 IN SOA %s %s %s 3600 900 604800 300\n' "$1" "$2" "$rname" "$3"
}
_dns_lab_addr() { # NAME SERVER: A and AAAA records of NAME with SERVER's addresses
  [[ -z ${DNS_LAB_ADDR4[$2]:-} ]] || printf '%s A %s\n' "$1." "${DNS_LAB_ADDR4[$2]}"
  printf '%s AAAA %s\n' "$1." "${DNS_LAB_ADDR6[$2]}"
}

# _dns_lab_zone ZONE — the zone file's text.
_dns_lab_zone() {
  local i
  case $1 in
    .)
      _dns_lab_soa . a.root.lab. 2053005300
      printf '. NS %s\n' a.root.lab. b.root.lab.
      printf 'lab. NS %s\n' a.nic.lab. b.nic.lab.
      printf 'test. NS %s\n' a.nic.test. b.nic.test.
      for i in a.root.lab b.root.lab a.nic.lab b.nic.lab a.nic.test b.nic.test; do _dns_lab_addr "$i" "$i"; done
      ;;
    lab.)
      _dns_lab_soa lab. a.nic.lab. 2053005320
      printf 'lab. NS %s\n' a.nic.lab. b.nic.lab.
      for i in a.root.lab b.root.lab a.nic.lab b.nic.lab; do _dns_lab_addr "$i" "$i"; done
      echo "plain.lab. NS ns1.plain.lab."; _dns_lab_addr ns1.plain.lab ns1.plain.lab
      echo "chain.lab. NS ns1.chain.lab."; _dns_lab_addr ns1.chain.lab ns1.chain.lab
      echo "old.lab. NS ns1.chain.lab."
      echo "glueless.lab. NS ns1.hosting.test."
      echo "lame.lab. NS ns1.lame.lab."; echo "lame.lab. NS ns2.lame.lab."
      _dns_lab_addr ns1.lame.lab ns1.lame.lab; _dns_lab_addr ns2.lame.lab ns2.lame.lab
      echo "alllame.lab. NS ns1.alllame.lab."; _dns_lab_addr ns1.alllame.lab ns1.lame.lab
      echo "dead.lab. NS ns1.dead.lab."; echo "dead.lab. NS ns2.dead.lab."
      _dns_lab_addr ns1.dead.lab ns1.dead.lab; _dns_lab_addr ns2.dead.lab ns2.dead.lab
      echo "alldead.lab. NS ns1.alldead.lab."; _dns_lab_addr ns1.alldead.lab ns1.dead.lab
      echo "loop1.lab. NS ns.loop2.lab."
      echo "loop2.lab. NS ns.loop1.lab."
      echo "v6only.lab. NS ns1.v6only.lab."; _dns_lab_addr ns1.v6only.lab ns1.v6only.lab
      if ((DNS_LAB_BULK)); then
        echo "bulk.lab. NS ns1.bulk.lab."; _dns_lab_addr ns1.bulk.lab ns1.bulk.lab
        for ((i = 1; i <= DNS_LAB_BULK_NZ; i++)); do printf 'z%02d.lab. NS ns1.bulk.lab.\n' "$i"; done
      fi
      ;;
    test.)
      _dns_lab_soa test. a.nic.test. 2053005330
      printf 'test. NS %s\n' a.nic.test. b.nic.test.
      for i in a.nic.test b.nic.test; do _dns_lab_addr "$i" "$i"; done
      echo "other.test. NS ns1.other.test."; _dns_lab_addr ns1.other.test ns1.other.test
      echo "hosting.test. NS ns1.hosting.test."; _dns_lab_addr ns1.hosting.test ns1.hosting.test
      if ((DNS_LAB_BULK)); then
        for ((i = 1; i <= DNS_LAB_BULK_NY; i++)); do printf 'y%02d.test. NS ns1.bulk.lab.\n' "$i"; done
      fi
      ;;
    plain.lab.)
      _dns_lab_soa plain.lab. ns1.plain.lab. "$DNS_LAB_PLAIN_SERIAL"
      echo "plain.lab. NS ns1.plain.lab."; _dns_lab_addr ns1.plain.lab ns1.plain.lab
      echo "www.plain.lab. A $DNS_LAB_WWW_PLAIN_V4"
      echo "www.plain.lab. AAAA $DNS_LAB_WWW_PLAIN_V6"
      for ((i = 1; i <= DNS_LAB_BIG_COUNT; i++)); do
        # "big NN " then filler up to DNS_LAB_BIG_LEN bytes: each string distinct, all the same size
        printf 'big.plain.lab. TXT "big %02d %s"\n' "$i" "$(printf '%*s' $((DNS_LAB_BIG_LEN - 7)) '' | tr ' ' x)"
      done
      ;;
    chain.lab.)
      _dns_lab_soa chain.lab. ns1.chain.lab. 2053005345
      echo "chain.lab. NS ns1.chain.lab."; _dns_lab_addr ns1.chain.lab ns1.chain.lab
      echo "www.chain.lab. CNAME alias.other.test."
      ;;
    old.lab.)
      _dns_lab_soa old.lab. ns1.chain.lab. 2053005346
      echo "old.lab. NS ns1.chain.lab."
      echo "old.lab. DNAME plain.lab."
      ;;
    other.test.)
      _dns_lab_soa other.test. ns1.other.test. 2053005350
      echo "other.test. NS ns1.other.test."; _dns_lab_addr ns1.other.test ns1.other.test
      echo "alias.other.test. CNAME www.plain.lab."
      ;;
    hosting.test.)
      _dns_lab_soa hosting.test. ns1.hosting.test. 2053005351
      echo "hosting.test. NS ns1.hosting.test."; _dns_lab_addr ns1.hosting.test ns1.hosting.test
      ;;
    glueless.lab.)
      _dns_lab_soa glueless.lab. ns1.hosting.test. 2053005381
      echo "glueless.lab. NS ns1.hosting.test."
      echo "host.glueless.lab. A $DNS_LAB_GLUELESS_V4"
      echo "host.glueless.lab. AAAA $DNS_LAB_GLUELESS_V6"
      ;;
    lame.lab.)
      _dns_lab_soa lame.lab. ns2.lame.lab. 2053005382
      echo "lame.lab. NS ns1.lame.lab."; echo "lame.lab. NS ns2.lame.lab."
      _dns_lab_addr ns1.lame.lab ns1.lame.lab; _dns_lab_addr ns2.lame.lab ns2.lame.lab
      echo "www.lame.lab. A $DNS_LAB_WWW_LAME_V4"
      ;;
    dead.lab.)
      _dns_lab_soa dead.lab. ns2.dead.lab. 2053005383
      echo "dead.lab. NS ns1.dead.lab."; echo "dead.lab. NS ns2.dead.lab."
      _dns_lab_addr ns1.dead.lab ns1.dead.lab; _dns_lab_addr ns2.dead.lab ns2.dead.lab
      echo "www.dead.lab. A $DNS_LAB_WWW_DEAD_V4"
      echo "www.dead.lab. AAAA $DNS_LAB_WWW_DEAD_V6"
      ;;
    v6only.lab.)
      _dns_lab_soa v6only.lab. ns1.v6only.lab. 2053005384
      echo "v6only.lab. NS ns1.v6only.lab."; _dns_lab_addr ns1.v6only.lab ns1.v6only.lab
      echo "www.v6only.lab. A $DNS_LAB_WWW_V6ONLY_V4"
      echo "www.v6only.lab. AAAA $DNS_LAB_WWW_V6ONLY_V6"
      ;;
    bulk.lab.)
      _dns_lab_soa bulk.lab. ns1.bulk.lab. 2053005347
      echo "bulk.lab. NS ns1.bulk.lab."; _dns_lab_addr ns1.bulk.lab ns1.bulk.lab
      for ((i = 1; i <= DNS_LAB_BULK_HOSTS; i++)); do printf 'h%03d.bulk.lab. A %s.%d\n' "$i" "$DNS_LAB_BULK_NET_H" "$i"; done
      echo "www.a.deep.bulk.lab. A $DNS_LAB_BULK_NET_H.201"
      echo "www.b.deep.bulk.lab. A $DNS_LAB_BULK_NET_H.202"
      echo "c1.bulk.lab. CNAME h001.bulk.lab."
      echo "c2.bulk.lab. CNAME www.plain.lab."
      echo "c3.bulk.lab. CNAME www.z01.lab."
      echo "c4.bulk.lab. CNAME www.y01.test."
      ;;
    z[0-9][0-9].lab.)
      i=${1:1:2}; i=$((10#$i))
      _dns_lab_soa "$1" ns1.bulk.lab. $((2053005400 + i))
      echo "$1 NS ns1.bulk.lab."
      printf 'www.%s A %s.%d\nmail.%s A %s.%d\nftp.%s A %s.%d\n' "$1" "$DNS_LAB_BULK_NET_Z" "$i" \
        "$1" "$DNS_LAB_BULK_NET_Z" $((100 + i)) "$1" "$DNS_LAB_BULK_NET_Z" $((200 + i))
      ;;
    y[0-9][0-9].test.)
      i=${1:1:2}; i=$((10#$i))
      _dns_lab_soa "$1" ns1.bulk.lab. $((2053005500 + i))
      echo "$1 NS ns1.bulk.lab."
      printf 'www.%s A %s.%d\nmail.%s A %s.%d\n' "$1" "$DNS_LAB_BULK_NET_Y" "$i" "$1" "$DNS_LAB_BULK_NET_Y" $((100 + i))
      ;;
    *) lab_die "dns_lab: no zone $1" ;;
  esac
}

# _dns_lab_hints [A] [AAAA] — a named.root-style hints file with the record types given.
_dns_lab_hints() {
  local n t
  echo "; lab root hints (netdiag dns_lab.sh)"
  for n in a.root.lab b.root.lab; do printf '.                        3600000      NS    %s.\n' "$n"; done
  for n in a.root.lab b.root.lab; do
    for t in "$@"; do
      if [[ $t == A ]]; then printf '%-24s 3600000      A     %s\n' "$n." "${DNS_LAB_ADDR4[$n]}"
      else printf '%-24s 3600000      AAAA  %s\n' "$n." "${DNS_LAB_ADDR6[$n]}"; fi
    done
  done
}

# _dns_lab_nsd_conf NAME DIR V4 V6 — NSD's configuration for server NAME on addresses V4 (may be
# empty) and V6, everything in DIR.
_dns_lab_nsd_conf() {
  local name=$1 dir=$2 v4=$3 v6=$4 z
  cat <<EOF
# NSD for $name (netdiag dns_lab.sh)
server:
  server-count: 1
  ${v4:+ip-address: $v4}
  ip-address: $v6
  port: 53
  do-ip4: yes
  do-ip6: yes
  username: ""
  chroot: ""
  database: ""
  zonesdir: "$dir"
  zonelistfile: "$dir/zone.list"
  pidfile: "$dir/nsd.pid"
  logfile: "$dir/nsd.log"
  xfrdfile: "$dir/xfrd.state"
  xfrdir: "$dir"
  zonefiles-write: 0
  verbosity: 1
  identity: "$name"
  nsid: "ascii_$name"
  hide-version: no
  round-robin: no
  minimal-responses: no
  # (NSD's defaults, spelt out: no UDP reply exceeds 1232 bytes, whatever the query's EDNS size)
  ipv4-edns-size: 1232
  ipv6-edns-size: 1232
  refuse-any: no
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
  rrl-size: 1024
  tcp-count: 64
remote-control:
  control-enable: yes
  control-interface: "$dir/nsd.ctl"
EOF
  for z in ${DNS_LAB_ZONES_OF[$name]:-}; do
    printf 'zone:\n  name: "%s"\n  zonefile: "%s"\n' "$z" "$(_dns_lab_zfile "$z")"
  done
}
_dns_lab_zfile() { if [[ $1 == . ]]; then echo root.zone; else echo "${1%.}.zone"; fi; }

# ---------------------------------------------------------------------------------------------
# Setup

# dns_lab_sweep_stale — remove /etc/netns/NS directories this harness left for namespaces that
# no longer exist and whose run (the PID in the name) is gone.
dns_lab_sweep_stale() {
  local d ns
  [[ -d /etc/netns ]] || return 0
  for d in /etc/netns/nd*; do
    [[ -d $d ]] || continue
    ns=${d##*/}
    [[ $ns =~ ^nd([0-9]+)-([0-9]+-)?[a-z][a-z0-9]{0,2}$ ]] || continue
    [[ ${BASH_REMATCH[1]} == "$$" ]] && continue
    kill -0 "${BASH_REMATCH[1]}" 2>/dev/null && continue
    [[ -e /run/netns/$ns ]] && continue
    [[ -f $d/resolv.conf && $(head -n 1 "$d/resolv.conf") == "# netdiag dns_lab.sh"* ]] || continue
    rm -rf -- "$d"
  done
  return 0
}

# _dns_lab_etc NS — /etc/netns/NS/resolv.conf naming the lab's unbound, and /etc/netns/NS/hosts
# with the root servers' names (removed at teardown; ip netns exec mounts them over /etc's).
_dns_lab_etc() {
  mkdir -p "/etc/netns/$1"
  lab_at_exit "rm -rf -- /etc/netns/$1"
  printf '# netdiag dns_lab.sh: the lab unbound (when running), never the host resolver\nnameserver %s\nnameserver %s\noptions timeout:1 attempts:1\n' \
    "$DNS_LAB_RESOLVER_V4" "$DNS_LAB_RESOLVER_V6" >"/etc/netns/$1/resolv.conf"
  DNS_LAB_ETC_NS+=("$1")
  _dns_lab_hosts_file roots >"/etc/netns/$1/hosts"
}

# _dns_lab_hosts_file roots|servers|none — the hosts file's text.
_dns_lab_hosts_file() {
  local n names=()
  case $1 in
    roots) names=(a.root.lab b.root.lab) ;;
    servers) names=("${DNS_LAB_SERVERS[@]}" ns1.alllame.lab ns1.alldead.lab) ;;
    none) ;;
    *) lab_die "dns_lab_hosts: roots, servers or none, not '$1'" ;;
  esac
  printf '# netdiag dns_lab.sh: localhost and the lab name servers (%s)\n' "$1"
  printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n'
  for n in "${names[@]}"; do
    case $n in
      ns1.alllame.lab) printf '%s %s\n%s %s\n' "$DNS_LAB_LAME_V4" "$n" "$DNS_LAB_LAME_V6" "$n" ;;
      ns1.alldead.lab) printf '%s %s\n%s %s\n' "$DNS_LAB_DEAD_V4" "$n" "$DNS_LAB_DEAD_V6" "$n" ;;
      *)
        [[ -z ${DNS_LAB_ADDR4[$n]:-} ]] || printf '%s %s\n' "${DNS_LAB_ADDR4[$n]}" "$n"
        printf '%s %s\n' "${DNS_LAB_ADDR6[$n]}" "$n" ;;
    esac
  done
}

# dns_lab_hosts roots|servers|none — what the namespaces' /etc/hosts names besides localhost:
# the two root servers (the default: what the hints file knows), every name server of the lab
# (what a warm system resolver would know: dig +trace then needs no resolver at all), or none.
dns_lab_hosts() {
  local ns text
  text=$(_dns_lab_hosts_file "$1")
  for ns in "${DNS_LAB_ETC_NS[@]}"; do printf '%s\n' "$text" >"/etc/netns/$ns/hosts"; done
}

# dns_lab_setup — build the namespaces and the bridge, write the zones, start one NSD per
# server, wait until every server answers on each of its addresses over UDP and TCP, and zero the
# query counters.
dns_lab_setup() {
  [[ -z $DNS_LAB_NS_S ]] || lab_die "dns_lab_setup: the DNS lab is up already"
  lab_workdir
  lab_sweep_stale
  dns_lab_sweep_stale
  local name
  for name in c ds dr; do
    if [[ -e /run/netns/$LAB_PREFIX$name || -e /etc/netns/$LAB_PREFIX$name ]]; then
      LAB_PREFIX=nd$$-$RANDOM-; break
    fi
  done
  LAB_NS_C=${LAB_PREFIX}c
  DNS_LAB_NS_S=${LAB_PREFIX}ds
  DNS_LAB_NS_R=${LAB_PREFIX}dr
  LAB_NS_S=$DNS_LAB_NS_S
  local C=$LAB_NS_C S=$DNS_LAB_NS_S R=$DNS_LAB_NS_R ns
  for ns in "$C" "$S" "$R"; do
    _dns_lab_etc "$ns"
    lab_ns_add "$ns"
    # Every ICMP error at once (port unreachable from a closed port, ...): no rate limits.
    ip netns exec "$ns" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 \
      net.ipv4.icmp_msgs_per_sec=100000 net.ipv4.icmp_msgs_burst=100000 >/dev/null
  done

  # The bridge (in the servers' namespace) with every server address; the client and the
  # resolver on veths whose peers are its ports.
  local cmds="link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0"$'\n'
  for name in "${DNS_LAB_SERVERS[@]}"; do
    [[ -z ${DNS_LAB_ADDR4[$name]:-} ]] || cmds+="address add ${DNS_LAB_ADDR4[$name]}/24 dev br0"$'\n'
    cmds+="address add ${DNS_LAB_ADDR6[$name]}/64 dev br0 nodad"$'\n'
  done
  cmds+="link set br0 up"$'\n'
  ip -n "$S" -batch - <<<"$cmds"
  ip -n "$C" -batch - <<EOF
link add $DNS_LAB_IFACE type veth peer name c netns $S
address add $DNS_LAB_CLIENT_V4/24 dev $DNS_LAB_IFACE
address add $DNS_LAB_CLIENT_V6/64 dev $DNS_LAB_IFACE nodad
EOF
  ip -n "$R" -batch - <<EOF
link add r0 type veth peer name r netns $S
address add $DNS_LAB_RESOLVER_V4/24 dev r0
address add $DNS_LAB_RESOLVER_V6/64 dev r0 nodad
EOF
  # Bridge side first (see lab.sh: an end up before its peer loses its first solicitation).
  ip -n "$S" -batch - <<<$'link set c master br0 up\nlink set r master br0 up'
  ip -n "$C" link set "$DNS_LAB_IFACE" up
  ip -n "$R" link set r0 up

  _dns_lab_nft
  _dns_lab_files
  for name in "${DNS_LAB_SERVERS[@]}"; do
    [[ $name == "$DNS_LAB_DEAD_NAME" ]] && continue
    ip netns exec "$S" nsd -c "$DNS_LAB_WORK/$name/nsd.conf" </dev/null >"$DNS_LAB_WORK/$name/start.log" 2>&1 ||
      lab_die "nsd for $name did not start: $(cat "$DNS_LAB_WORK/$name/start.log" "$DNS_LAB_WORK/$name/nsd.log" 2>/dev/null)"
  done
  _dns_lab_refuser start
  dns_lab_wait_ready
  dns_lab_queries_reset
}

# _dns_lab_files — zone files, NSD configurations and the root hints under DNS_LAB_WORK.
_dns_lab_files() {
  DNS_LAB_WORK=$LAB_WORK/dns
  mkdir -p "$DNS_LAB_WORK"
  local name z dir
  for name in "${DNS_LAB_SERVERS[@]}"; do
    dir=$DNS_LAB_WORK/$name
    mkdir -p "$dir"
    for z in ${DNS_LAB_ZONES_OF[$name]}; do _dns_lab_zone "$z" >"$dir/$(_dns_lab_zfile "$z")"; done
    _dns_lab_nsd_conf "$name" "$dir" "${DNS_LAB_ADDR4[$name]:-}" "${DNS_LAB_ADDR6[$name]}" >"$dir/nsd.conf"
  done
  mkdir -p "$DNS_LAB_WORK/refuser"
  _dns_lab_nsd_conf refuser "$DNS_LAB_WORK/refuser" "$DNS_LAB_RESOLVER_V4" "$DNS_LAB_RESOLVER_V6" >"$DNS_LAB_WORK/refuser/nsd.conf"
  DNS_LAB_ROOT_HINTS=$DNS_LAB_WORK/root.hints
  DNS_LAB_ROOT_HINTS_V4=$DNS_LAB_WORK/root.hints.v4
  DNS_LAB_ROOT_HINTS_V6=$DNS_LAB_WORK/root.hints.v6
  _dns_lab_hints A AAAA >"$DNS_LAB_ROOT_HINTS"
  _dns_lab_hints A >"$DNS_LAB_ROOT_HINTS_V4"
  _dns_lab_hints AAAA >"$DNS_LAB_ROOT_HINTS_V6"
  export DNS_LAB_ROOT_HINTS DNS_LAB_ROOT_HINTS_V4 DNS_LAB_ROOT_HINTS_V6 DNS_LAB_WORK
  chmod -R go+rX "$DNS_LAB_WORK"
}

# _dns_lab_nft — the query counters and the dead server's silence, in the servers' namespace.
_dns_lab_nft() {
  local doff tcp4="" tcp6=""
  # A TCP segment carries payload when the IP length exceeds the headers: 20 (IPv4; the lab's
  # packets have no IP options) + 4 * doff, or, for IPv6, payload length > 4 * doff.
  for ((doff = 5; doff <= 15; doff++)); do
    tcp4+="    meta nfproto ipv4 tcp doff $doff ip length > $((20 + 4 * doff)) jump query"$'\n'
    tcp6+="    meta nfproto ipv6 tcp doff $doff ip6 length > $((4 * doff)) jump query"$'\n'
  done
  ip netns exec "$DNS_LAB_NS_S" nft -f - <<EOF
table inet dnslab {
  # (source, server, protocol) -> queries
  set q4 { type ipv4_addr . ipv4_addr . inet_proto; flags dynamic; counter; size 65535; }
  set q6 { type ipv6_addr . ipv6_addr . inet_proto; flags dynamic; counter; size 65535; }
  chain input {
    type filter hook input priority filter; policy accept;
    udp dport 53 jump query
    tcp dport 53 jump tcp_query
    # The dead server: silence, no ICMP (ARP, ND and ping still work).
    ip daddr $DNS_LAB_DEAD_V4 meta l4proto { tcp, udp } counter drop
    ip6 daddr $DNS_LAB_DEAD_V6 meta l4proto { tcp, udp } counter drop
  }
  chain tcp_query {
$tcp4$tcp6  }
  chain query {
    meta nfproto ipv4 add @q4 { ip saddr . ip daddr . meta l4proto }
    meta nfproto ipv6 add @q6 { ip6 saddr . ip6 daddr . meta l4proto }
  }
}
EOF
}

# _dns_lab_refuser start|stop — the stand-in for the system resolver while unbound is not running:
# an NSD without zones at DNS_LAB_RESOLVER_V4 / _V6 in the resolver namespace, which answers
# REFUSED at once. (Without it a lookup through the namespaces' resolv.conf would meet a closed
# port, and drill, whose UDP sockets are unconnected, ignores the ICMP and waits 30 s.)
_dns_lab_refuser() {
  local dir=$DNS_LAB_WORK/refuser i
  case $1 in
    start)
      ip netns exec "$DNS_LAB_NS_R" nsd -c "$dir/nsd.conf" </dev/null >"$dir/start.log" 2>&1 ||
        lab_die "nsd (the refuser) did not start: $(cat "$dir/start.log" "$dir/nsd.log" 2>/dev/null)"
      ;;
    stop)
      # Its three processes (main, xfrd, server) are all the namespace holds while unbound is
      # stopped; SIGKILL, as NSD's orderly exit takes ~1.7 s and there is nothing to save.
      local pids
      pids=$(ip netns pids "$DNS_LAB_NS_R")
      [[ -n $pids ]] || return 0
      # shellcheck disable=SC2086
      kill -KILL $pids 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do
        pids=$(ip netns pids "$DNS_LAB_NS_R")
        [[ -z $pids && -z $(ss -Hnlu -N "$DNS_LAB_NS_R" 'sport = :53') ]] && break
        sleep 0.02
      done
      [[ -z $pids ]] || lab_die "nsd (the refuser, pids $pids) does not stop"
      rm -f "$dir/nsd.pid"
      ;;
  esac
}

# dns_lab_wait_ready [ADDR...] — every ADDR (default: every server address but the dead one's,
# and the system resolver's) answers an SOA query over UDP and TCP (any rcode: the lame server's
# REFUSED counts); dies after 10 s.
dns_lab_wait_ready() {
  local targets=("$@") name a missing
  if ((${#targets[@]} == 0)); then
    for name in "${DNS_LAB_SERVERS[@]}"; do
      [[ $name == "$DNS_LAB_DEAD_NAME" ]] && continue
      for a in ${DNS_LAB_ADDR4[$name]:-} ${DNS_LAB_ADDR6[$name]}; do targets+=("$a"); done
    done
    targets+=("$DNS_LAB_RESOLVER_V4" "$DNS_LAB_RESOLVER_V6")
  fi
  if ! missing=$(ip netns exec "$LAB_NS_C" "$LAB_PYTHON" - "${targets[@]}" <<'PY'
import select, socket, struct, sys, time
# A DNS query ". SOA" (RD=0) per address, over UDP and TCP, until each has answered.
def query(qid):
    return struct.pack("!HHHHHH", qid, 0, 1, 0, 0, 0) + b"\x00" + struct.pack("!HH", 6, 1)
todo = {(a, p) for a in sys.argv[1:] for p in ("udp", "tcp")}
deadline = time.monotonic() + 10
while todo and time.monotonic() < deadline:
    for a, p in sorted(todo):
        fam = socket.AF_INET6 if ":" in a else socket.AF_INET
        try:
            if p == "udp":
                s = socket.socket(fam, socket.SOCK_DGRAM)
                s.settimeout(0.3)
                s.sendto(query(4242), (a, 53))
                data = s.recv(4096)
            else:
                s = socket.create_connection((a, 53), timeout=0.3)
                q = query(4243)
                s.sendall(struct.pack("!H", len(q)) + q)
                data = s.recv(4096)[2:]
            s.close()
            if len(data) >= 12 and data[2] & 0x80:
                todo.discard((a, p))
        except OSError:
            pass
    if todo:
        time.sleep(0.05)
print(" ".join(f"{a}/{p}" for a, p in sorted(todo)))
sys.exit(1 if todo else 0)
PY
  ); then
    local logs=""
    for name in "${DNS_LAB_SERVERS[@]}" refuser; do
      [[ -s $DNS_LAB_WORK/$name/nsd.log ]] && logs+=" [$name: $(tail -n 3 "$DNS_LAB_WORK/$name/nsd.log" | tr '\n' ' ')]"
    done
    lab_die "DNS lab is not ready: no answer from $missing;$logs"
  fi
}

# ---------------------------------------------------------------------------------------------
# Counting

# dns_lab_queries_reset — every query counter (nft) back to 0, and NSD's statistics.
dns_lab_queries_reset() {
  ip netns exec "$DNS_LAB_NS_S" nft -f - <<<$'flush set inet dnslab q4\nflush set inet dnslab q6\nreset counters table inet dnslab' >/dev/null
  local name
  for name in "${DNS_LAB_SERVERS[@]}"; do
    [[ $name == "$DNS_LAB_DEAD_NAME" ]] && continue
    nsd-control -c "$DNS_LAB_WORK/$name/nsd.conf" stats >/dev/null 2>&1 || true
  done
}

# _dns_lab_addr_args WHO — the addresses WHO stands for: client, resolver, a server name, or
# addresses (comma-separated).
_dns_lab_who() {
  case $1 in
    client) echo "$DNS_LAB_CLIENT_V4,$DNS_LAB_CLIENT_V6" ;;
    resolver) echo "$DNS_LAB_RESOLVER_V4,$DNS_LAB_RESOLVER_V6" ;;
    all | "") echo "" ;;
    *)
      if [[ -n ${DNS_LAB_ADDR6[$1]:-} ]]; then echo "${DNS_LAB_ADDR4[$1]:-},${DNS_LAB_ADDR6[$1]}"
      else echo "$1"; fi ;;
  esac
}

# dns_lab_query_log [--from WHO] [--to WHO] [--proto udp|tcp] [-4|-6] — the counters, one line
# each: "SOURCE SERVER PROTO COUNT", sorted. WHO: client, resolver, a server name or addresses
# (comma-separated).
dns_lab_query_log() { _dns_lab_count list "$@"; }

# dns_lab_server_queries [--from WHO] [--to WHO] [--proto udp|tcp] [-4|-6] — how many DNS
# queries the server addresses received (the dead one's included) since setup or the last
# dns_lab_queries_reset; all sources by default.
dns_lab_server_queries() { _dns_lab_count sum "$@"; }

# dns_lab_unbound_queries — the queries unbound sent to the authorities (see the header).
dns_lab_unbound_queries() { _dns_lab_count sum --from resolver "$@"; }

_dns_lab_count() {
  local mode=$1 from="" to="" proto="" fam=""; shift
  while (($#)); do
    case $1 in
      --from) from=$(_dns_lab_who "$2"); shift 2 ;;
      --to) to=$(_dns_lab_who "$2"); shift 2 ;;
      --proto) proto=$2; shift 2 ;;
      -4 | -6) fam=${1#-}; shift ;;
      *) lab_die "dns_lab_server_queries: unknown option $1" ;;
    esac
  done
  ip netns exec "$DNS_LAB_NS_S" nft -j list table inet dnslab |
    "$LAB_PYTHON" -c '
import ipaddress, json, sys
mode, frm, to, proto, fam = sys.argv[1:6]
def addrs(s):
    return {ipaddress.ip_address(a) for a in s.split(",") if a} if s else None
frm, to = addrs(frm), addrs(to)
total, rows = 0, []
for obj in json.load(sys.stdin)["nftables"]:
    st = obj.get("set")
    if not st or st["name"] not in ("q4", "q6"):
        continue
    for e in st.get("elem", []):
        e = e["elem"]
        src, dst, p = e["val"]["concat"]
        n = e.get("counter", {}).get("packets", 0)
        s, d = ipaddress.ip_address(src), ipaddress.ip_address(dst)
        if frm is not None and s not in frm: continue
        if to is not None and d not in to: continue
        if proto and p != proto: continue
        if fam and s.version != int(fam): continue
        total += n
        rows.append((s.version, s, d, p, n))
if mode == "sum":
    print(total)
else:
    for _, s, d, p, n in sorted(rows):
        print(s, d, p, n)
' "$mode" "$from" "$to" "$proto" "$fam"
}

# dns_lab_nsd_queries [NAME] — num.queries from NSD's own statistics (nsd-control stats_noreset)
# of server NAME, or of all servers summed: every query the NSDs processed, the refused ones too.
dns_lab_nsd_queries() {
  local name sum=0 n
  for name in "${@:-${DNS_LAB_SERVERS[@]}}"; do
    [[ $name == "$DNS_LAB_DEAD_NAME" ]] && continue
    n=$(nsd-control -c "$DNS_LAB_WORK/$name/nsd.conf" stats_noreset 2>/dev/null | sed -n 's/^num\.queries=//p')
    [[ -n $n ]] || { echo "dns_lab_nsd_queries: no statistics from $name" >&2; return 1; }
    sum=$((sum + n))
  done
  echo "$sum"
}

# ---------------------------------------------------------------------------------------------
# unbound

# dns_lab_unbound_start [LINE...] — (re)start unbound in the resolver namespace with a cold cache:
# listening on DNS_LAB_RESOLVER_V4 / _V6 port 53 (the client may ask it), sending from them,
# root-hints DNS_LAB_ROOT_HINTS, iterator only (no DNSSEC), one thread, verbosity
# DNS_LAB_UNBOUND_VERBOSITY (1) to DNS_LAB_UNBOUND_LOG, control on a unix socket, discard-timeout
# 0 (Debian's default, 1900 ms, would silently drop the reply to any query that met the dead
# server first; see below), extended statistics (num.query.udpout / tcpout). Each LINE is
# added to its "server:" clause (e.g. "qname-minimisation: no"). Returns once it listens (no
# query is sent: the cache and the counters stay cold).
dns_lab_unbound_start() {
  [[ -n $DNS_LAB_NS_R ]] || lab_die "dns_lab_unbound_start before dns_lab_setup"
  command -v unbound >/dev/null || lab_die "unbound is not installed (Debian package unbound; dns_lab_require_unbound skips)"
  dns_lab_unbound_stop
  _dns_lab_refuser stop
  local dir=$DNS_LAB_WORK/unbound line
  mkdir -p "$dir"
  DNS_LAB_UNBOUND_CONF=$dir/unbound.conf
  DNS_LAB_UNBOUND_LOG=$dir/unbound.log
  : >"$DNS_LAB_UNBOUND_LOG"
  printf 'server:\n  username: ""\n  chroot: ""\n  directory: "%s"\n' "$dir" >"$dir/probe.conf"
  {
    cat <<EOF
# unbound for the DNS lab (netdiag dns_lab.sh)
server:
  interface: $DNS_LAB_RESOLVER_V4
  interface: $DNS_LAB_RESOLVER_V6
  port: 53
  outgoing-interface: $DNS_LAB_RESOLVER_V4
  outgoing-interface: $DNS_LAB_RESOLVER_V6
  access-control: $DNS_LAB_N4.0/24 allow
  access-control: $DNS_LAB_N6:/64 allow
  do-ip4: yes
  do-ip6: yes
  do-udp: yes
  do-tcp: yes
  root-hints: "$DNS_LAB_ROOT_HINTS"
  do-not-query-localhost: no
  module-config: "iterator"
  username: ""
  chroot: ""
  directory: "$dir"
  pidfile: "$dir/unbound.pid"
  logfile: "$DNS_LAB_UNBOUND_LOG"
  use-syslog: no
  log-time-ascii: yes
  log-servfail: yes
  verbosity: $DNS_LAB_UNBOUND_VERBOSITY
  num-threads: 1
  so-reuseport: no
  prefetch: no
  statistics-interval: 0
  statistics-cumulative: no
  extended-statistics: yes
EOF
    # Debian's unbound 1.17.1-2+deb12u4 carries the DNSBomb fix (CVE-2024-33655): it sends no
    # reply at all to a query that took over discard-timeout (1900 ms) to resolve, which the dead
    # server makes common here. Late answers are what the lab wants: off, where the option exists.
    if unbound-checkconf -o discard-timeout "$dir/probe.conf" >/dev/null 2>&1; then
      echo "  discard-timeout: 0"
    fi
    for line in "$@"; do echo "  $line"; done
    cat <<EOF
remote-control:
  control-enable: yes
  control-interface: "$dir/unbound.ctl"
  control-use-cert: no
EOF
  } >"$DNS_LAB_UNBOUND_CONF"
  ip netns exec "$DNS_LAB_NS_R" unbound -d -c "$DNS_LAB_UNBOUND_CONF" </dev/null >>"$dir/unbound.out" 2>&1 &
  DNS_LAB_UNBOUND_PID=$!
  LAB_PIDS+=("$DNS_LAB_UNBOUND_PID")
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$DNS_LAB_UNBOUND_PID" 2>/dev/null ||
      lab_die "unbound exited: $(cat "$dir/unbound.out" "$DNS_LAB_UNBOUND_LOG")"
    if [[ $(ss -Hnlu -N "$DNS_LAB_NS_R" 'sport = :53' | wc -l) -ge 2 &&
      $(ss -Hnlt -N "$DNS_LAB_NS_R" 'sport = :53' | wc -l) -ge 2 ]] &&
      dns_lab_unbound_control status >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.05
  done
  lab_die "unbound does not listen after 5 s: $(cat "$dir/unbound.out" "$DNS_LAB_UNBOUND_LOG")"
}

# dns_lab_unbound_control ARGS... — unbound-control for the lab's unbound (stats_noreset, ...).
dns_lab_unbound_control() { ip netns exec "$DNS_LAB_NS_R" unbound-control -c "$DNS_LAB_UNBOUND_CONF" "$@"; }

# dns_lab_unbound_stop — stop it (if running) and wait for it.
dns_lab_unbound_stop() {
  [[ -n $DNS_LAB_UNBOUND_PID ]] || return 0
  local i
  kill -TERM "$DNS_LAB_UNBOUND_PID" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "$DNS_LAB_UNBOUND_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$DNS_LAB_UNBOUND_PID" 2>/dev/null || true
  wait "$DNS_LAB_UNBOUND_PID" 2>/dev/null || true
  DNS_LAB_UNBOUND_PID=""
  _dns_lab_refuser start
  dns_lab_wait_ready "$DNS_LAB_RESOLVER_V4" "$DNS_LAB_RESOLVER_V6"
}
