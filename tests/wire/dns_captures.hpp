// DNS responses of a real authoritative server, as text for netdiag::test::from_hex.
//
// Server: NSD 4.6.1 (Debian 12 package nsd 4.6.1-1) on 127.0.0.1 port 53535, serving three zones
// written for this: "example." (every record type the codec knows, a CNAME, a DNAME to
// example.net., a delegation of sub.example. with glue and a DS, 40 TXT records at big.example.,
// TYPE65280/65281/65282 records) signed with NSEC by ldns-signzone 1.8.3 (ECDSAP256SHA256 keys,
// inception 20261201000000, expiration 20261231000000); "test." signed with NSEC3 (salt
// AABBCCDD, 10 iterations); "nosalt." signed with NSEC3 without salt or iterations; and "edge."
// (unsigned: SVCB escapes, an empty TXT string, CAA iodef).
// Each query (its bytes are `<name>_query`) was sent from a python3 UDP socket and the reply
// bytes saved as they came. `<name>_dig` is what dig 9.18.49 (Debian 12 bind9-dnsutils) printed
// for the same question:
//   dig @127.0.0.1 -p 53535 +norec +noall +answer +authority +additional +ignore +nocookie +noad
//       [+dnssec] +bufsize=N|+noedns NAME TYPE
// (answer, authority, then additional records without the OPT; dig's column padding kept).
#pragma once

#include <array>
#include <string_view>

namespace netdiag::test::dns_captures {

// www.example. A, RD clear, EDNS 1232, DO: 667 bytes.
inline constexpr std::string_view a_dnssec_query = R"(
    4e00 0000 0001 0000 0000 0001 0377 7777
    0765 7861 6d70 6c65 0000 0100 0100 0029
    04d0 0000 8000 0000)";
inline constexpr std::string_view a_dnssec = R"(
    4e00 8400 0001 0002 0003 0007 0377 7777
    0765 7861 6d70 6c65 0000 0100 01c0 0c00
    0100 0100 0001 2c00 04c6 1200 01c0 0c00
    2e00 0100 0001 2c00 5b00 010d 0200 0001
    2c6b 359b 006b 0e0e 0052 b807 6578 616d
    706c 6500 fe5c 2727 e9f6 6b5e 08ad 65f0
    8f64 db72 f924 f764 ff44 b701 1462 b3dd
    0c34 6392 f39f 8a95 226c 9b70 dcc8 2b36
    0d0d fe28 1501 46ca fe6f 910c b939 7115
    ebfe e7c6 c010 0002 0001 0000 012c 0006
    036e 7331 c010 c010 0002 0001 0000 012c
    0006 036e 7332 c010 c010 002e 0001 0000
    012c 005b 0002 0d01 0000 012c 6b35 9b00
    6b0e 0e00 52b8 0765 7861 6d70 6c65 005c
    b658 2e9b 838e 5290 ac79 6ea2 cf61 b1bf
    02ef 2d02 819c e68a 4289 5a2e 91a1 75b3
    c47b ef99 da51 cee5 41c3 f942 9514 6273
    55f1 2039 b837 1663 8eb6 3a33 bda9 25c0
    a000 0100 0100 0001 2c00 04c6 1235 01c0
    a000 2e00 0100 0001 2c00 5b00 010d 0200
    0001 2c6b 359b 006b 0e0e 0052 b807 6578
    616d 706c 6500 e94e 9896 27d3 8681 98bb
    1dd5 9b06 ce7e 69b7 de31 bbfc e16c f89a
    e2ce b8e5 bba5 92f6 b154 cfc3 c4c4 577b
    6c1f db1e fd54 ea23 8ceb add7 5c75 2729
    0075 1ecb 50df c0b2 0001 0001 0000 012c
    0004 c612 3502 c0b2 002e 0001 0000 012c
    005b 0001 0d02 0000 012c 6b35 9b00 6b0e
    0e00 52b8 0765 7861 6d70 6c65 0074 555f
    b54b f79f 52aa 9c1e 1595 3aa1 7d2d d395
    c4cc 239b e1ff fd12 547d ee75 8652 a7b4
    639d 3dc5 f795 44a0 d11c 56da d49c ba8b
    3615 9599 5a5d 71b2 8177 1e4f 03c0 a000
    1c00 0100 0001 2c00 10fd 0000 5300 0000
    0000 0000 0000 0000 01c0 a000 2e00 0100
    0001 2c00 5b00 1c0d 0200 0001 2c6b 359b
    006b 0e0e 0052 b807 6578 616d 706c 6500
    50ca d80a d1eb bed5 952b 1427 77d1 defd
    67f4 103a 1060 748a d39e b9b1 5ff7 807c
    d784 de47 2dba e3e6 dd9c f36c 3af0 d297
    f672 3781 dca4 6560 f1d6 ece8 9030 9d22
    0000 2904 d000 0080 0000 00)";
inline constexpr std::string_view a_dnssec_dig = R"dig(www.example.		300	IN	A	198.18.0.1
www.example.		300	IN	RRSIG	A 13 2 300 20261231000000 20261201000000 21176 example. /lwnJ+n2a14IrWXwj2Tbcvkk92T/RLcBFGKz3Qw0Y5Lzn4qVImybcNzI KzYNDf4oFQFGyv5vkQy5OXEV6/7nxg==
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
example.		300	IN	RRSIG	NS 13 1 300 20261231000000 20261201000000 21176 example. XLZYLpuDjlKQrHluos9hsb8C7y0CgZzmikKJWi6RoXWzxHvvmdpRzuVB w/lClRRic1XxIDm4NxZjjrY6M72pJQ==
ns1.example.		300	IN	A	198.18.53.1
ns1.example.		300	IN	RRSIG	A 13 2 300 20261231000000 20261201000000 21176 example. 6U6YlifThoGYux3VmwbOfmm33jG7/OFs+Jrizrjlu6WS9rFUz8PExFd7 bB/bHv1U6iOM663XXHUnKQB1HstQ3w==
ns2.example.		300	IN	A	198.18.53.2
ns2.example.		300	IN	RRSIG	A 13 2 300 20261231000000 20261201000000 21176 example. dFVftUv3n1KqnB4VlTqhfS3TlcTMI5vh//0SVH3udYZSp7RjnT3F95VE oNEcVtrUnLqLNhWVmVpdcbKBdx5PAw==
ns1.example.		300	IN	AAAA	fd00:53::1
ns1.example.		300	IN	RRSIG	AAAA 13 2 300 20261231000000 20261201000000 21176 example. UMrYCtHrvtWVKxQnd9He/Wf0EDoQYHSK0565sV/3gHzXhN5HLbrj5t2c 82w68NKX9nI3gdykZWDx1uzokDCdIg==)dig";

// www.example. AAAA, RD clear, EDNS 1232: 164 bytes.
inline constexpr std::string_view aaaa_query = R"(
    4e01 0000 0001 0000 0000 0001 0377 7777
    0765 7861 6d70 6c65 0000 1c00 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view aaaa = R"(
    4e01 8400 0001 0001 0002 0004 0377 7777
    0765 7861 6d70 6c65 0000 1c00 01c0 0c00
    1c00 0100 0001 2c00 10fd 0000 1800 0000
    0000 0000 0000 0000 01c0 1000 0200 0100
    0001 2c00 0603 6e73 31c0 10c0 1000 0200
    0100 0001 2c00 0603 6e73 32c0 10c0 4500
    0100 0100 0001 2c00 04c6 1235 01c0 5700
    0100 0100 0001 2c00 04c6 1235 02c0 4500
    1c00 0100 0001 2c00 10fd 0000 5300 0000
    0000 0000 0000 0000 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view aaaa_dig = R"dig(www.example.		300	IN	AAAA	fd00:18::1
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// www.example. A, RD clear, no EDNS: 141 bytes.
inline constexpr std::string_view a_no_edns_query = R"(
    4e02 0000 0001 0000 0000 0000 0377 7777
    0765 7861 6d70 6c65 0000 0100 01)";
inline constexpr std::string_view a_no_edns = R"(
    4e02 8400 0001 0001 0002 0003 0377 7777
    0765 7861 6d70 6c65 0000 0100 01c0 0c00
    0100 0100 0001 2c00 04c6 1200 01c0 1000
    0200 0100 0001 2c00 0603 6e73 31c0 10c0
    1000 0200 0100 0001 2c00 0603 6e73 32c0
    10c0 3900 0100 0100 0001 2c00 04c6 1235
    01c0 4b00 0100 0100 0001 2c00 04c6 1235
    02c0 3900 1c00 0100 0001 2c00 10fd 0000
    5300 0000 0000 0000 0000 0000 01)";
inline constexpr std::string_view a_no_edns_dig = R"dig(www.example.		300	IN	A	198.18.0.1
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// example. NS, RD clear, EDNS 1232: 132 bytes.
inline constexpr std::string_view ns_glue_query = R"(
    4e03 0000 0001 0000 0000 0001 0765 7861
    6d70 6c65 0000 0200 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view ns_glue = R"(
    4e03 8400 0001 0002 0000 0004 0765 7861
    6d70 6c65 0000 0200 01c0 0c00 0200 0100
    0001 2c00 0603 6e73 31c0 0cc0 0c00 0200
    0100 0001 2c00 0603 6e73 32c0 0cc0 2500
    0100 0100 0001 2c00 04c6 1235 01c0 3700
    0100 0100 0001 2c00 04c6 1235 02c0 2500
    1c00 0100 0001 2c00 10fd 0000 5300 0000
    0000 0000 0000 0000 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view ns_glue_dig = R"dig(example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// alias.example. A, RD clear, EDNS 1232: 172 bytes.
inline constexpr std::string_view cname_query = R"(
    4e04 0000 0001 0000 0000 0001 0561 6c69
    6173 0765 7861 6d70 6c65 0000 0100 0100
    0029 04d0 0000 0000 0000)";
inline constexpr std::string_view cname = R"(
    4e04 8400 0001 0002 0002 0004 0561 6c69
    6173 0765 7861 6d70 6c65 0000 0100 01c0
    0c00 0500 0100 0001 2c00 0603 7777 77c0
    12c0 2b00 0100 0100 0001 2c00 04c6 1200
    01c0 1200 0200 0100 0001 2c00 0603 6e73
    31c0 12c0 1200 0200 0100 0001 2c00 0603
    6e73 32c0 12c0 4d00 0100 0100 0001 2c00
    04c6 1235 01c0 5f00 0100 0100 0001 2c00
    04c6 1235 02c0 4d00 1c00 0100 0001 2c00
    10fd 0000 5300 0000 0000 0000 0000 0000
    0100 0029 04d0 0000 0000 0000)";
inline constexpr std::string_view cname_dig = R"dig(alias.example.		300	IN	CNAME	www.example.
www.example.		300	IN	A	198.18.0.1
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// host.dname.example. A, RD clear, EDNS 1232: 102 bytes.
inline constexpr std::string_view dname_query = R"(
    4e05 0000 0001 0000 0000 0001 0468 6f73
    7405 646e 616d 6507 6578 616d 706c 6500
    0001 0001 0000 2904 d000 0000 0000 00)";
inline constexpr std::string_view dname = R"(
    4e05 8400 0001 0002 0000 0001 0468 6f73
    7405 646e 616d 6507 6578 616d 706c 6500
    0001 0001 c011 0027 0001 0000 012c 000d
    0765 7861 6d70 6c65 036e 6574 00c0 0c00
    0500 0100 0001 2c00 1204 686f 7374 0765
    7861 6d70 6c65 036e 6574 0000 0029 04d0
    0000 0000 0000)";
inline constexpr std::string_view dname_dig = R"dig(dname.example.		300	IN	DNAME	example.net.
host.dname.example.	300	IN	CNAME	host.example.net.)dig";

// example. SOA, RD clear, EDNS 1232: 179 bytes.
inline constexpr std::string_view soa_query = R"(
    4e06 0000 0001 0000 0000 0001 0765 7861
    6d70 6c65 0000 0600 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view soa = R"(
    4e06 8400 0001 0001 0002 0004 0765 7861
    6d70 6c65 0000 0600 01c0 0c00 0600 0100
    0001 2c00 2703 6e73 31c0 0c0a 686f 7374
    6d61 7374 6572 c00c 78c4 23a5 0000 1c20
    0000 0e10 0012 7500 0000 012c c00c 0002
    0001 0000 012c 0002 c025 c00c 0002 0001
    0000 012c 0006 036e 7332 c00c c025 0001
    0001 0000 012c 0004 c612 3501 c066 0001
    0001 0000 012c 0004 c612 3502 c025 001c
    0001 0000 012c 0010 fd00 0053 0000 0000
    0000 0000 0000 0001 0000 2904 d000 0000
    0000 00)";
inline constexpr std::string_view soa_dig = R"dig(example.		300	IN	SOA	ns1.example. hostmaster.example. 2026120101 7200 3600 1209600 300
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// example. MX, RD clear, EDNS 1232: 169 bytes.
inline constexpr std::string_view mx_query = R"(
    4e07 0000 0001 0000 0000 0001 0765 7861
    6d70 6c65 0000 0f00 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view mx = R"(
    4e07 8400 0001 0001 0002 0005 0765 7861
    6d70 6c65 0000 0f00 01c0 0c00 0f00 0100
    0001 2c00 0900 0a04 6d61 696c c00c c00c
    0002 0001 0000 012c 0006 036e 7331 c00c
    c00c 0002 0001 0000 012c 0006 036e 7332
    c00c c027 0001 0001 0000 012c 0004 c612
    0019 c03a 0001 0001 0000 012c 0004 c612
    3501 c04c 0001 0001 0000 012c 0004 c612
    3502 c03a 001c 0001 0000 012c 0010 fd00
    0053 0000 0000 0000 0000 0000 0001 0000
    2904 d000 0000 0000 00)";
inline constexpr std::string_view mx_dig = R"dig(example.		300	IN	MX	10 mail.example.
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
mail.example.		300	IN	A	198.18.0.25
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// txt.example. TXT, RD clear, EDNS 1232: 191 bytes.
inline constexpr std::string_view txt_query = R"(
    4e08 0000 0001 0000 0000 0001 0374 7874
    0765 7861 6d70 6c65 0000 1000 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view txt = R"(
    4e08 8400 0001 0001 0002 0004 0374 7874
    0765 7861 6d70 6c65 0000 1000 01c0 0c00
    1000 0100 0001 2c00 2b0b 763d 7370 6631
    202d 616c 6c0f 7361 7920 2268 6922 205c
    2062 6163 6b0e 7461 6209 6e75 6c00 2065
    e93b 2829 c010 0002 0001 0000 012c 0006
    036e 7331 c010 c010 0002 0001 0000 012c
    0006 036e 7332 c010 c060 0001 0001 0000
    012c 0004 c612 3501 c072 0001 0001 0000
    012c 0004 c612 3502 c060 001c 0001 0000
    012c 0010 fd00 0053 0000 0000 0000 0000
    0000 0001 0000 2904 d000 0000 0000 00)";
inline constexpr std::string_view txt_dig = R"dig(txt.example.		300	IN	TXT	"v=spf1 -all" "say \"hi\" \\ back" "tab\009nul\000 e\233;()"
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// hinfo.example. HINFO, RD clear, EDNS 1232: 165 bytes.
inline constexpr std::string_view hinfo_query = R"(
    4e09 0000 0001 0000 0000 0001 0568 696e
    666f 0765 7861 6d70 6c65 0000 0d00 0100
    0029 04d0 0000 0000 0000)";
inline constexpr std::string_view hinfo = R"(
    4e09 8400 0001 0001 0002 0004 0568 696e
    666f 0765 7861 6d70 6c65 0000 0d00 01c0
    0c00 0d00 0100 0001 2c00 0f06 5044 502d
    3131 0755 4e49 5820 5637 c012 0002 0001
    0000 012c 0006 036e 7331 c012 c012 0002
    0001 0000 012c 0006 036e 7332 c012 c046
    0001 0001 0000 012c 0004 c612 3501 c058
    0001 0001 0000 012c 0004 c612 3502 c046
    001c 0001 0000 012c 0010 fd00 0053 0000
    0000 0000 0000 0000 0001 0000 2904 d000
    0000 0000 00)";
inline constexpr std::string_view hinfo_dig = R"dig(hinfo.example.		300	IN	HINFO	"PDP-11" "UNIX V7"
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// _sip._udp.example. SRV, RD clear, EDNS 1232: 193 bytes.
inline constexpr std::string_view srv_query = R"(
    4e0a 0000 0001 0000 0000 0001 045f 7369
    7004 5f75 6470 0765 7861 6d70 6c65 0000
    2100 0100 0029 04d0 0000 0000 0000)";
inline constexpr std::string_view srv = R"(
    4e0a 8400 0001 0001 0002 0005 045f 7369
    7004 5f75 6470 0765 7861 6d70 6c65 0000
    2100 01c0 0c00 2100 0100 0001 2c00 1300
    0000 0513 c403 7369 7007 6578 616d 706c
    6500 c016 0002 0001 0000 012c 0006 036e
    7331 c016 c016 0002 0001 0000 012c 0006
    036e 7332 c016 0373 6970 c016 0001 0001
    0000 012c 0004 c612 0032 c04e 0001 0001
    0000 012c 0004 c612 3501 c060 0001 0001
    0000 012c 0004 c612 3502 c04e 001c 0001
    0000 012c 0010 fd00 0053 0000 0000 0000
    0000 0000 0001 0000 2904 d000 0000 0000
    00)";
inline constexpr std::string_view srv_dig = R"dig(_sip._udp.example.	300	IN	SRV	0 5 5060 sip.example.
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
sip.example.		300	IN	A	198.18.0.50
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// naptr.example. NAPTR, RD clear, EDNS 1232: 184 bytes.
inline constexpr std::string_view naptr_query = R"(
    4e0b 0000 0001 0000 0000 0001 056e 6170
    7472 0765 7861 6d70 6c65 0000 2300 0100
    0029 04d0 0000 0000 0000)";
inline constexpr std::string_view naptr = R"(
    4e0b 8400 0001 0001 0002 0004 056e 6170
    7472 0765 7861 6d70 6c65 0000 2300 01c0
    0c00 2300 0100 0001 2c00 2200 6400 0a01
    5307 5349 502b 4432 5500 045f 7369 7004
    5f75 6470 0765 7861 6d70 6c65 00c0 1200
    0200 0100 0001 2c00 0603 6e73 31c0 12c0
    1200 0200 0100 0001 2c00 0603 6e73 32c0
    12c0 5900 0100 0100 0001 2c00 04c6 1235
    01c0 6b00 0100 0100 0001 2c00 04c6 1235
    02c0 5900 1c00 0100 0001 2c00 10fd 0000
    5300 0000 0000 0000 0000 0000 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view naptr_dig = R"dig(naptr.example.		300	IN	NAPTR	100 10 "S" "SIP+D2U" "" _sip._udp.example.
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// regex.example. NAPTR, RD clear, EDNS 1232: 193 bytes.
inline constexpr std::string_view naptr_regex_query = R"(
    4e0c 0000 0001 0000 0000 0001 0572 6567
    6578 0765 7861 6d70 6c65 0000 2300 0100
    0029 04d0 0000 0000 0000)";
inline constexpr std::string_view naptr_regex = R"(
    4e0c 8400 0001 0001 0002 0004 0572 6567
    6578 0765 7861 6d70 6c65 0000 2300 01c0
    0c00 2300 0100 0001 2c00 2b00 6400 3201
    5507 4532 552b 7369 701b 215e 2e2a 2421
    7369 703a 696e 666f 4065 7861 6d70 6c65
    2e63 6f6d 2100 c012 0002 0001 0000 012c
    0006 036e 7331 c012 c012 0002 0001 0000
    012c 0006 036e 7332 c012 c062 0001 0001
    0000 012c 0004 c612 3501 c074 0001 0001
    0000 012c 0004 c612 3502 c062 001c 0001
    0000 012c 0010 fd00 0053 0000 0000 0000
    0000 0000 0001 0000 2904 d000 0000 0000
    00)";
inline constexpr std::string_view naptr_regex_dig = R"dig(regex.example.		300	IN	NAPTR	100 50 "U" "E2U+sip" "!^.*$!sip:info@example.com!" .
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// example. CAA, RD clear, EDNS 1232: 190 bytes.
inline constexpr std::string_view caa_query = R"(
    4e0d 0000 0001 0000 0000 0001 0765 7861
    6d70 6c65 0001 0100 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view caa = R"(
    4e0d 8400 0001 0002 0002 0004 0765 7861
    6d70 6c65 0001 0100 01c0 0c01 0100 0100
    0001 2c00 1600 0569 7373 7565 6c65 7473
    656e 6372 7970 742e 6f72 67c0 0c01 0100
    0100 0001 2c00 0c80 0374 6273 556e 6b6e
    6f77 6ec0 0c00 0200 0100 0001 2c00 0603
    6e73 31c0 0cc0 0c00 0200 0100 0001 2c00
    0603 6e73 32c0 0cc0 5f00 0100 0100 0001
    2c00 04c6 1235 01c0 7100 0100 0100 0001
    2c00 04c6 1235 02c0 5f00 1c00 0100 0001
    2c00 10fd 0000 5300 0000 0000 0000 0000
    0000 0100 0029 04d0 0000 0000 0000)";
inline constexpr std::string_view caa_dig = R"dig(example.		300	IN	CAA	0 issue "letsencrypt.org"
example.		300	IN	CAA	128 tbs "Unknown"
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// sub.example. DS, RD clear, EDNS 1232, DO: 191 bytes.
inline constexpr std::string_view ds_dnssec_query = R"(
    4e0e 0000 0001 0000 0000 0001 0373 7562
    0765 7861 6d70 6c65 0000 2b00 0100 0029
    04d0 0000 8000 0000)";
inline constexpr std::string_view ds_dnssec = R"(
    4e0e 8400 0001 0002 0000 0001 0373 7562
    0765 7861 6d70 6c65 0000 2b00 01c0 0c00
    2b00 0100 0001 2c00 2465 880d 02d4 3c12
    64e4 ffe8 a9ea d80c 4b66 e5e3 3bee 048b
    96c0 53c6 d54e 6e5c a8c4 142f 84c0 0c00
    2e00 0100 0001 2c00 5b00 2b0d 0200 0001
    2c6b 359b 006b 0e0e 0052 b807 6578 616d
    706c 6500 32cd 7b05 e90a e89e e33b 3c75
    483f 9c29 0176 8cf8 43fb fad3 f371 012c
    b5c6 0df2 1725 6d3b 4c36 2ad1 bafa 5064
    fba7 b1d7 453d fbdd b9f3 b5f5 eeed 4cd9
    f943 f6aa 0000 2904 d000 0080 0000 00)";
inline constexpr std::string_view ds_dnssec_dig = R"dig(sub.example.		300	IN	DS	25992 13 2 D43C1264E4FFE8A9EAD80C4B66E5E33BEE048B96C053C6D54E6E5CA8 C4142F84
sub.example.		300	IN	RRSIG	DS 13 2 300 20261231000000 20261201000000 21176 example. Ms17BekK6J7jOzx1SD+cKQF2jPhD+/rT83EBLLXGDfIXJW07TDYq0br6 UGT7p7HXRT373bnztfXu7UzZ+UP2qg==)dig";

// www.example. SSHFP, RD clear, EDNS 1232: 182 bytes.
inline constexpr std::string_view sshfp_query = R"(
    4e0f 0000 0001 0000 0000 0001 0377 7777
    0765 7861 6d70 6c65 0000 2c00 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view sshfp = R"(
    4e0f 8400 0001 0001 0002 0004 0377 7777
    0765 7861 6d70 6c65 0000 2c00 01c0 0c00
    2c00 0100 0001 2c00 2201 02bb 2db1 e3f2
    d3a4 f21c c64d 51a0 ea8b 1aa0 f69f 1c6a
    99ea 9da3 276c 0aea b1d0 abc0 1000 0200
    0100 0001 2c00 0603 6e73 31c0 10c0 1000
    0200 0100 0001 2c00 0603 6e73 32c0 10c0
    5700 0100 0100 0001 2c00 04c6 1235 01c0
    6900 0100 0100 0001 2c00 04c6 1235 02c0
    5700 1c00 0100 0001 2c00 10fd 0000 5300
    0000 0000 0000 0000 0000 0100 0029 04d0
    0000 0000 0000)";
inline constexpr std::string_view sshfp_dig = R"dig(www.example.		300	IN	SSHFP	1 2 BB2DB1E3F2D3A4F21CC64D51A0EA8B1AA0F69F1C6A99EA9DA3276C0A EAB1D0AB
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// _443._tcp.www.example. TLSA, RD clear, EDNS 1232: 193 bytes.
inline constexpr std::string_view tlsa_query = R"(
    4e10 0000 0001 0000 0000 0001 045f 3434
    3304 5f74 6370 0377 7777 0765 7861 6d70
    6c65 0000 3400 0100 0029 04d0 0000 0000
    0000)";
inline constexpr std::string_view tlsa = R"(
    4e10 8400 0001 0001 0002 0004 045f 3434
    3304 5f74 6370 0377 7777 0765 7861 6d70
    6c65 0000 3400 01c0 0c00 3400 0100 0001
    2c00 2303 0101 8cb0 fc6c 5275 06a0 53f4
    f14c 8464 bebb d6de de27 38d1 1468 dd95
    3d7d 6a30 21f1 c01a 0002 0001 0000 012c
    0006 036e 7331 c01a c01a 0002 0001 0000
    012c 0006 036e 7332 c01a c062 0001 0001
    0000 012c 0004 c612 3501 c074 0001 0001
    0000 012c 0004 c612 3502 c062 001c 0001
    0000 012c 0010 fd00 0053 0000 0000 0000
    0000 0000 0001 0000 2904 d000 0000 0000
    00)";
inline constexpr std::string_view tlsa_dig = R"dig(_443._tcp.www.example.	300	IN	TLSA	3 1 1 8CB0FC6C527506A053F4F14C8464BEBBD6DEDE2738D11468DD953D7D 6A3021F1
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// example. DNSKEY, RD clear, EDNS 1232, DO: 299 bytes.
inline constexpr std::string_view dnskey_dnssec_query = R"(
    4e11 0000 0001 0000 0000 0001 0765 7861
    6d70 6c65 0000 3000 0100 0029 04d0 0000
    8000 0000)";
inline constexpr std::string_view dnskey_dnssec = R"(
    4e11 8400 0001 0003 0000 0001 0765 7861
    6d70 6c65 0000 3000 01c0 0c00 3000 0100
    0001 2c00 4401 0003 0d23 751d 6e3a e37b
    e6ae 8926 1d83 e47b 6e49 769b e419 388d
    3397 86d2 0c8d 0bec 6a72 d949 8123 6ee8
    acbd 454a 8924 cd65 0ea8 6b0f d746 e826
    a728 b4c0 bb17 1193 c0c0 0c00 3000 0100
    0001 2c00 4401 0103 0d16 7f43 8559 f8e7
    58d7 9164 f023 fa50 9407 2157 2661 2c1f
    66e4 3563 4044 0360 9936 f874 6595 ada0
    69c3 305f 43d7 ee05 93bc 1563 3c39 9def
    0759 1f0e 421a 02a9 0cc0 0c00 2e00 0100
    0001 2c00 5b00 300d 0100 0001 2c6b 359b
    006b 0e0e 006f 3307 6578 616d 706c 6500
    6c6a 1fc2 323f 7488 d473 5f4f c2ed b9fa
    2c84 863c 3130 1c6f 3202 d89a d902 ffad
    f656 da47 5933 5106 d63b cec9 5a7f 5cde
    ff53 3121 fdda 3963 d834 0205 daf1 7288
    0000 2904 d000 0080 0000 00)";
inline constexpr std::string_view dnskey_dnssec_dig = R"dig(example.		300	IN	DNSKEY	256 3 13 I3Udbjrje+auiSYdg+R7bkl2m+QZOI0zl4bSDI0L7Gpy2UmBI27orL1F SokkzWUOqGsP10boJqcotMC7FxGTwA==
example.		300	IN	DNSKEY	257 3 13 Fn9DhVn451jXkWTwI/pQlAchVyZhLB9m5DVjQEQDYJk2+HRlla2gacMw X0PX7gWTvBVjPDmd7wdZHw5CGgKpDA==
example.		300	IN	RRSIG	DNSKEY 13 1 300 20261231000000 20261201000000 28467 example. bGofwjI/dIjUc19Pwu25+iyEhjwxMBxvMgLYmtkC/632VtpHWTNRBtY7 zslaf1ze/1MxIf3aOWPYNAIF2vFyiA==)dig";

// nx.example. A, RD clear, EDNS 1232: 90 bytes.
inline constexpr std::string_view nxdomain_query = R"(
    4e12 0000 0001 0000 0000 0001 026e 7807
    6578 616d 706c 6500 0001 0001 0000 2904
    d000 0000 0000 00)";
inline constexpr std::string_view nxdomain = R"(
    4e12 8403 0001 0000 0001 0001 026e 7807
    6578 616d 706c 6500 0001 0001 c00f 0006
    0001 0000 012c 0027 036e 7331 c00f 0a68
    6f73 746d 6173 7465 72c0 0f78 c423 a500
    001c 2000 000e 1000 1275 0000 0001 2c00
    0029 04d0 0000 0000 0000)";
inline constexpr std::string_view nxdomain_dig = R"dig(example.		300	IN	SOA	ns1.example. hostmaster.example. 2026120101 7200 3600 1209600 300)dig";

// nx.example. A, RD clear, EDNS 1232, DO: 479 bytes.
inline constexpr std::string_view nxdomain_nsec_query = R"(
    4e13 0000 0001 0000 0000 0001 026e 7807
    6578 616d 706c 6500 0001 0001 0000 2904
    d000 0080 0000 00)";
inline constexpr std::string_view nxdomain_nsec = R"(
    4e13 8403 0001 0000 0006 0001 026e 7807
    6578 616d 706c 6500 0001 0001 036e 7332
    c00f 002f 0001 0000 012c 0015 0370 7472
    0765 7861 6d70 6c65 0000 0640 0000 0000
    03c0 1c00 2e00 0100 0001 2c00 5b00 2f0d
    0200 0001 2c6b 359b 006b 0e0e 0052 b807
    6578 616d 706c 6500 0741 c8a6 c053 655a
    3516 c5e3 9bf5 94ff 6b24 3169 4180 f3a4
    77f0 744e 0320 8af6 c2f1 d378 a4af 5c0b
    6c43 eb1d 217d 7d84 9a77 a00d 8268 94f3
    8aa4 fb5b ab91 dd72 c00f 002f 0001 0000
    012c 001f 045f 7369 7004 5f75 6470 0765
    7861 6d70 6c65 0000 0722 0100 0000 0380
    0101 40c0 0f00 2e00 0100 0001 2c00 5b00
    2f0d 0100 0001 2c6b 359b 006b 0e0e 0052
    b807 6578 616d 706c 6500 571b a945 66d8
    2410 3fe4 7402 4020 d7ba c8f9 d942 e344
    0072 30e9 925d c20e 9223 d277 8650 71ab
    b282 c2fa bc4b 2a6d 7499 25f0 139c c9bd
    b67f 58b8 6d19 4dac 03c3 c00f 0006 0001
    0000 012c 0027 036e 7331 c00f 0a68 6f73
    746d 6173 7465 72c0 0f78 c423 a500 001c
    2000 000e 1000 1275 0000 0001 2cc0 0f00
    2e00 0100 0001 2c00 5b00 060d 0100 0001
    2c6b 359b 006b 0e0e 0052 b807 6578 616d
    706c 6500 bc5f 5ea4 6da7 26bf fc56 9d15
    2cfd 0cda cd09 220a 273f f5f2 3682 f6f2
    769b bbd1 e17e 01c4 bb0a f90b 529a d976
    ac68 e289 c283 7b02 e286 24f3 5fe3 912e
    8fcd a0e7 0000 2904 d000 0080 0000 00)";
inline constexpr std::string_view nxdomain_nsec_dig = R"dig(ns2.example.		300	IN	NSEC	ptr.example. A RRSIG NSEC
ns2.example.		300	IN	RRSIG	NSEC 13 2 300 20261231000000 20261201000000 21176 example. B0HIpsBTZVo1FsXjm/WU/2skMWlBgPOkd/B0TgMgivbC8dN4pK9cC2xD 6x0hfX2EmnegDYJolPOKpPtbq5Hdcg==
example.		300	IN	NSEC	_sip._udp.example. NS SOA MX RRSIG NSEC DNSKEY CAA
example.		300	IN	RRSIG	NSEC 13 1 300 20261231000000 20261201000000 21176 example. VxupRWbYJBA/5HQCQCDXusj52ULjRAByMOmSXcIOkiPSd4ZQcauygsL6 vEsqbXSZJfATnMm9tn9YuG0ZTawDww==
example.		300	IN	SOA	ns1.example. hostmaster.example. 2026120101 7200 3600 1209600 300
example.		300	IN	RRSIG	SOA 13 1 300 20261231000000 20261201000000 21176 example. vF9epG2nJr/8Vp0VLP0M2s0JIgonP/XyNoL28nabu9HhfgHEuwr5C1Ka 2XasaOKJwoN7AuKGJPNf45Euj82g5w==)dig";

// test. NSEC3PARAM, RD clear, EDNS 1232: 88 bytes.
inline constexpr std::string_view nsec3param_query = R"(
    4e14 0000 0001 0000 0000 0001 0474 6573
    7400 0033 0001 0000 2904 d000 0000 0000
    00)";
inline constexpr std::string_view nsec3param = R"(
    4e14 8400 0001 0001 0001 0002 0474 6573
    7400 0033 0001 c00c 0033 0001 0000 0e10
    0009 0100 000a 04aa bbcc ddc0 0c00 0200
    0100 0001 2c00 0603 6e73 31c0 0cc0 3700
    0100 0100 0001 2c00 04c6 1235 0300 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view nsec3param_dig = R"dig(test.			3600	IN	NSEC3PARAM 1 0 10 AABBCCDD
test.			300	IN	NS	ns1.test.
ns1.test.		300	IN	A	198.18.53.3)dig";

// nx.test. A, RD clear, EDNS 1232, DO: 554 bytes.
inline constexpr std::string_view nxdomain_nsec3_query = R"(
    4e15 0000 0001 0000 0000 0001 026e 7804
    7465 7374 0000 0100 0100 0029 04d0 0000
    8000 0000)";
inline constexpr std::string_view nxdomain_nsec3 = R"(
    4e15 8403 0001 0000 0006 0001 026e 7804
    7465 7374 0000 0100 0120 6c6a 3774 7232
    6230 666a 3269 7067 7276 7471 3766 6471
    7435 3269 3769 6b6d 366e c00f 0032 0001
    0000 012c 0026 0100 000a 04aa bbcc dd14
    c8cf f48a ec5f c474 0928 b7ff 5035 099d
    9498 4157 0006 4000 0000 0002 c019 002e
    0001 0000 012c 0058 0032 0d02 0000 012c
    6b35 9b00 6b0e 0e00 9fd7 0474 6573 7400
    c695 16cd 3505 d98b 9d05 4e7a 4338 52f4
    2785 5da4 f80e 04d6 e7d8 0f02 9b50 002e
    d060 37a3 dc9b 25f6 4334 27c9 f2b3 32b3
    c3b0 88d4 2021 d138 4e90 e0c7 fffe a207
    2073 316f 6870 7670 6731 6d39 3732 6769
    7473 6f65 6a75 3367 3762 7072 6774 6d74
    73c0 0f00 3200 0100 0001 2c00 2701 0000
    0a04 aabb ccdd 14ac cfdd 8960 7cc5 2cc3
    7fee 8ef6 eba5 148f 2a58 d700 0722 0000
    0000 0290 c0d0 002e 0001 0000 012c 0058
    0032 0d02 0000 012c 6b35 9b00 6b0e 0e00
    9fd7 0474 6573 7400 10a6 2499 6af5 f557
    2c0e 442d cb99 20e4 1c8a d0e7 46f8 57d9
    4703 c7ad babe 8fa0 cf60 6beb 56c3 88dc
    4135 8492 c4f6 b4b1 5886 df11 e447 7894
    8e27 c7d8 ca88 d517 c00f 0006 0001 0000
    012c 0027 036e 7331 c00f 0a68 6f73 746d
    6173 7465 72c0 0f00 0000 0100 001c 2000
    000e 1000 1275 0000 0001 2cc0 0f00 2e00
    0100 0001 2c00 5800 060d 0100 0001 2c6b
    359b 006b 0e0e 009f d704 7465 7374 00d2
    ec81 3715 889b b0e0 8f30 ec85 5c41 8bb1
    d564 d1a4 fe3d 2163 47d1 8cc4 bc57 2e84
    60a3 2ea2 767a 40aa 2b8a c0e8 f86c eacd
    d624 c0e5 45ef 8c45 1bbf 3915 3d06 9600
    0029 04d0 0000 8000 0000)";
inline constexpr std::string_view nxdomain_nsec3_dig = R"dig(lj7tr2b0fj2ipgrvtq7fdqt52i7ikm6n.test. 300 IN NSEC3 1 0 10 AABBCCDD P37V92NCBV278298MVVL0D89JMA9GGAN A RRSIG
lj7tr2b0fj2ipgrvtq7fdqt52i7ikm6n.test. 300 IN RRSIG NSEC3 13 2 300 20261231000000 20261201000000 40919 test. xpUWzTUF2YudBU56QzhS9CeFXaT4DgTW59gPAptQAC7QYDej3Jsl9kM0 J8nyszKzw7CI1CAh0ThOkODH//6iBw==
s1ohpvpg1m972gitsoeju3g7bprgtmts.test. 300 IN NSEC3 1 0 10 AABBCCDD LJ7TR2B0FJ2IPGRVTQ7FDQT52I7IKM6N NS SOA RRSIG DNSKEY NSEC3PARAM
s1ohpvpg1m972gitsoeju3g7bprgtmts.test. 300 IN RRSIG NSEC3 13 2 300 20261231000000 20261201000000 40919 test. EKYkmWr19VcsDkQty5kg5ByK0OdG+FfZRwPHrbq+j6DPYGvrVsOI3EE1 hJLE9rSxWIbfEeRHeJSOJ8fYyojVFw==
test.			300	IN	SOA	ns1.test. hostmaster.test. 1 7200 3600 1209600 300
test.			300	IN	RRSIG	SOA 13 1 300 20261231000000 20261201000000 40919 test. 0uyBNxWIm7DgjzDshVxBi7HVZNGk/j0hY0fRjMS8Vy6EYKMuonZ6QKor isDo+GzqzdYkwOVF74xFG785FT0Glg==)dig";

// svc.example. SVCB, RD clear, EDNS 1232: 265 bytes.
inline constexpr std::string_view svcb_query = R"(
    4e16 0000 0001 0000 0000 0001 0373 7663
    0765 7861 6d70 6c65 0000 4000 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view svcb = R"(
    4e16 8400 0001 0001 0002 0004 0373 7663
    0765 7861 6d70 6c65 0000 4000 01c0 0c00
    4000 0100 0001 2c00 7500 010a 7376 632d
    7461 7267 6574 0765 7861 6d70 6c65 0000
    0000 0400 0100 0400 0100 0602 6832 0268
    3300 0200 0000 0300 0220 fb00 0400 08c6
    1200 01c6 1200 0200 0500 0600 43fe 0d00
    3f00 0600 20fd 0000 1800 0000 0000 0000
    0000 0000 01fd 0000 1800 0000 0000 0000
    0000 0000 02fd e800 0568 656c 6c6f c010
    0002 0001 0000 012c 0006 036e 7331 c010
    c010 0002 0001 0000 012c 0006 036e 7332
    c010 c0aa 0001 0001 0000 012c 0004 c612
    3501 c0bc 0001 0001 0000 012c 0004 c612
    3502 c0aa 001c 0001 0000 012c 0010 fd00
    0053 0000 0000 0000 0000 0000 0001 0000
    2904 d000 0000 0000 00)";
inline constexpr std::string_view svcb_dig = R"dig(svc.example.		300	IN	SVCB	1 svc-target.example. mandatory=alpn,ipv4hint alpn="h2,h3" no-default-alpn port=8443 ipv4hint=198.18.0.1,198.18.0.2 ech=AEP+DQA/ ipv6hint=fd00:18::1,fd00:18::2 key65000="hello"
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// doh.example. SVCB, RD clear, EDNS 1232: 190 bytes.
inline constexpr std::string_view svcb_dohpath_query = R"(
    4e17 0000 0001 0000 0000 0001 0364 6f68
    0765 7861 6d70 6c65 0000 4000 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view svcb_dohpath = R"(
    4e17 8400 0001 0001 0002 0004 0364 6f68
    0765 7861 6d70 6c65 0000 4000 01c0 0c00
    4000 0100 0001 2c00 2a00 0103 646f 6807
    6578 616d 706c 6500 0001 0003 0268 3200
    0700 102f 646e 732d 7175 6572 797b 3f64
    6e73 7dc0 1000 0200 0100 0001 2c00 0603
    6e73 31c0 10c0 1000 0200 0100 0001 2c00
    0603 6e73 32c0 10c0 5f00 0100 0100 0001
    2c00 04c6 1235 01c0 7100 0100 0100 0001
    2c00 04c6 1235 02c0 5f00 1c00 0100 0001
    2c00 10fd 0000 5300 0000 0000 0000 0000
    0000 0100 0029 04d0 0000 0000 0000)";
inline constexpr std::string_view svcb_dohpath_dig = R"dig(doh.example.		300	IN	SVCB	1 doh.example. alpn="h2" key7="/dns-query{?dns}"
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// www.example. HTTPS, RD clear, EDNS 1232: 169 bytes.
inline constexpr std::string_view https_query = R"(
    4e18 0000 0001 0000 0000 0001 0377 7777
    0765 7861 6d70 6c65 0000 4100 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view https = R"(
    4e18 8400 0001 0001 0002 0004 0377 7777
    0765 7861 6d70 6c65 0000 4100 01c0 0c00
    4100 0100 0001 2c00 1500 0100 0001 0006
    0268 3202 6833 0004 0004 c612 0001 c010
    0002 0001 0000 012c 0006 036e 7331 c010
    c010 0002 0001 0000 012c 0006 036e 7332
    c010 c04a 0001 0001 0000 012c 0004 c612
    3501 c05c 0001 0001 0000 012c 0004 c612
    3502 c04a 001c 0001 0000 012c 0010 fd00
    0053 0000 0000 0000 0000 0000 0001 0000
    2904 d000 0000 0000 00)";
inline constexpr std::string_view https_dig = R"dig(www.example.		300	IN	HTTPS	1 . alpn="h2,h3" ipv4hint=198.18.0.1
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// alias-https.example. HTTPS, RD clear, EDNS 1232: 171 bytes.
inline constexpr std::string_view https_alias_query = R"(
    4e19 0000 0001 0000 0000 0001 0b61 6c69
    6173 2d68 7474 7073 0765 7861 6d70 6c65
    0000 4100 0100 0029 04d0 0000 0000 0000)";
inline constexpr std::string_view https_alias = R"(
    4e19 8400 0001 0001 0002 0004 0b61 6c69
    6173 2d68 7474 7073 0765 7861 6d70 6c65
    0000 4100 01c0 0c00 4100 0100 0001 2c00
    0f00 0003 7777 7707 6578 616d 706c 6500
    c018 0002 0001 0000 012c 0006 036e 7331
    c018 c018 0002 0001 0000 012c 0006 036e
    7332 c018 c04c 0001 0001 0000 012c 0004
    c612 3501 c05e 0001 0001 0000 012c 0004
    c612 3502 c04c 001c 0001 0000 012c 0010
    fd00 0053 0000 0000 0000 0000 0000 0001
    0000 2904 d000 0000 0000 00)";
inline constexpr std::string_view https_alias_dig = R"dig(alias-https.example.	300	IN	HTTPS	0 www.example.
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// unknown.example. TYPE65280, RD clear, EDNS 1232: 156 bytes.
inline constexpr std::string_view unknown_type_query = R"(
    4e1a 0000 0001 0000 0000 0001 0775 6e6b
    6e6f 776e 0765 7861 6d70 6c65 00ff 0000
    0100 0029 04d0 0000 0000 0000)";
inline constexpr std::string_view unknown_type = R"(
    4e1a 8400 0001 0001 0002 0004 0775 6e6b
    6e6f 776e 0765 7861 6d70 6c65 00ff 0000
    01c0 0cff 0000 0100 0001 2c00 040a 0000
    01c0 1400 0200 0100 0001 2c00 0603 6e73
    31c0 14c0 1400 0200 0100 0001 2c00 0603
    6e73 32c0 14c0 3d00 0100 0100 0001 2c00
    04c6 1235 01c0 4f00 0100 0100 0001 2c00
    04c6 1235 02c0 3d00 1c00 0100 0001 2c00
    10fd 0000 5300 0000 0000 0000 0000 0000
    0100 0029 04d0 0000 0000 0000)";
inline constexpr std::string_view unknown_type_dig = R"dig(unknown.example.	300	IN	TYPE65280 \# 4 0A000001
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// empty-unknown.example. TYPE65281, RD clear, EDNS 1232: 158 bytes.
inline constexpr std::string_view unknown_empty_query = R"(
    4e1b 0000 0001 0000 0000 0001 0d65 6d70
    7479 2d75 6e6b 6e6f 776e 0765 7861 6d70
    6c65 00ff 0100 0100 0029 04d0 0000 0000
    0000)";
inline constexpr std::string_view unknown_empty = R"(
    4e1b 8400 0001 0001 0002 0004 0d65 6d70
    7479 2d75 6e6b 6e6f 776e 0765 7861 6d70
    6c65 00ff 0100 01c0 0cff 0100 0100 0001
    2c00 00c0 1a00 0200 0100 0001 2c00 0603
    6e73 31c0 1ac0 1a00 0200 0100 0001 2c00
    0603 6e73 32c0 1ac0 3f00 0100 0100 0001
    2c00 04c6 1235 01c0 5100 0100 0100 0001
    2c00 04c6 1235 02c0 3f00 1c00 0100 0001
    2c00 10fd 0000 5300 0000 0000 0000 0000
    0000 0100 0029 04d0 0000 0000 0000)";
inline constexpr std::string_view unknown_empty_dig = R"dig(empty-unknown.example.	300	IN	TYPE65281 \# 0
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// long-unknown.example. TYPE65282, RD clear, EDNS 1232: 197 bytes.
inline constexpr std::string_view unknown_long_query = R"(
    4e1c 0000 0001 0000 0000 0001 0c6c 6f6e
    672d 756e 6b6e 6f77 6e07 6578 616d 706c
    6500 ff02 0001 0000 2904 d000 0000 0000
    00)";
inline constexpr std::string_view unknown_long = R"(
    4e1c 8400 0001 0001 0002 0004 0c6c 6f6e
    672d 756e 6b6e 6f77 6e07 6578 616d 706c
    6500 ff02 0001 c00c ff02 0001 0000 012c
    0028 0001 0203 0405 0607 0809 0a0b 0c0d
    0e0f 1011 1213 1415 1617 1819 1a1b 1c1d
    1e1f 2021 2223 2425 2627 c019 0002 0001
    0000 012c 0006 036e 7331 c019 c019 0002
    0001 0000 012c 0006 036e 7332 c019 c066
    0001 0001 0000 012c 0004 c612 3501 c078
    0001 0001 0000 012c 0004 c612 3502 c066
    001c 0001 0000 012c 0010 fd00 0053 0000
    0000 0000 0000 0000 0001 0000 2904 d000
    0000 0000 00)";
inline constexpr std::string_view unknown_long_dig = R"dig(long-unknown.example.	300	IN	TYPE65282 \# 40 000102030405060708090A0B0C0D0E0F101112131415161718191A1B 1C1D1E1F2021222324252627
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// ptr.example. PTR, RD clear, EDNS 1232: 154 bytes.
inline constexpr std::string_view ptr_query = R"(
    4e1d 0000 0001 0000 0000 0001 0370 7472
    0765 7861 6d70 6c65 0000 0c00 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view ptr = R"(
    4e1d 8400 0001 0001 0002 0004 0370 7472
    0765 7861 6d70 6c65 0000 0c00 01c0 0c00
    0c00 0100 0001 2c00 0603 7777 77c0 10c0
    1000 0200 0100 0001 2c00 0603 6e73 31c0
    10c0 1000 0200 0100 0001 2c00 0603 6e73
    32c0 10c0 3b00 0100 0100 0001 2c00 04c6
    1235 01c0 4d00 0100 0100 0001 2c00 04c6
    1235 02c0 3b00 1c00 0100 0001 2c00 10fd
    0000 5300 0000 0000 0000 0000 0000 0100
    0029 04d0 0000 0000 0000)";
inline constexpr std::string_view ptr_dig = R"dig(ptr.example.		300	IN	PTR	www.example.
example.		300	IN	NS	ns1.example.
example.		300	IN	NS	ns2.example.
ns1.example.		300	IN	A	198.18.53.1
ns2.example.		300	IN	A	198.18.53.2
ns1.example.		300	IN	AAAA	fd00:53::1)dig";

// host.sub.example. A, RD clear, EDNS 1232: 106 bytes.
inline constexpr std::string_view referral_query = R"(
    4e1e 0000 0001 0000 0000 0001 0468 6f73
    7403 7375 6207 6578 616d 706c 6500 0001
    0001 0000 2904 d000 0000 0000 00)";
inline constexpr std::string_view referral = R"(
    4e1e 8000 0001 0000 0001 0003 0468 6f73
    7403 7375 6207 6578 616d 706c 6500 0001
    0001 c011 0002 0001 0000 012c 0005 026e
    73c0 11c0 2e00 0100 0100 0001 2c00 04c6
    1236 01c0 2e00 1c00 0100 0001 2c00 10fd
    0000 5400 0000 0000 0000 0000 0000 0100
    0029 04d0 0000 0000 0000)";
inline constexpr std::string_view referral_dig = R"dig(sub.example.		300	IN	NS	ns.sub.example.
ns.sub.example.		300	IN	A	198.18.54.1
ns.sub.example.		300	IN	AAAA	fd00:54::1)dig";

// big.example. TXT, RD clear, EDNS 1232: 40 bytes.
inline constexpr std::string_view big_txt_tc_query = R"(
    4e1f 0000 0001 0000 0000 0001 0362 6967
    0765 7861 6d70 6c65 0000 1000 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view big_txt_tc = R"(
    4e1f 8600 0001 0000 0000 0001 0362 6967
    0765 7861 6d70 6c65 0000 1000 0100 0029
    04d0 0000 0000 0000)";
inline constexpr std::string_view big_txt_tc_dig = R"dig()dig";

// big.example. TXT, RD clear, no EDNS: 29 bytes.
inline constexpr std::string_view big_txt_no_edns_tc_query = R"(
    4e20 0000 0001 0000 0000 0000 0362 6967
    0765 7861 6d70 6c65 0000 1000 01)";
inline constexpr std::string_view big_txt_no_edns_tc = R"(
    4e20 8600 0001 0000 0000 0000 0362 6967
    0765 7861 6d70 6c65 0000 1000 01)";
inline constexpr std::string_view big_txt_no_edns_tc_dig = R"dig()dig";

// e1.edge. SVCB, RD clear, EDNS 1232: 181 bytes.
inline constexpr std::string_view svcb_escapes_query = R"(
    4e21 0000 0001 0000 0000 0001 0265 3104
    6564 6765 0000 4000 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view svcb_escapes = R"(
    4e21 8400 0001 0001 0001 0002 0265 3104
    6564 6765 0000 4000 01c0 0c00 4000 0100
    0001 2c00 6300 0100 0000 0002 fde8 0001
    0007 0368 2c32 0268 3300 0500 3c00 43fe
    0d00 3f00 43fe 0d00 3f00 43fe 0d00 3f00
    43fe 0d00 3f00 43fe 0d00 3f00 43fe 0d00
    3f00 43fe 0d00 3f00 43fe 0d00 3f00 43fe
    0d00 3f00 43fe 0d00 3ffd e800 00fd e900
    0761 2262 5c5c 6301 c00f 0002 0001 0000
    012c 0006 036e 7331 c00f c094 0001 0001
    0000 012c 0004 c612 3509 0000 2904 d000
    0000 0000 00)";
inline constexpr std::string_view svcb_escapes_dig = R"dig(e1.edge.		300	IN	SVCB	1 . mandatory=key65000 alpn="h\\,2,h3" ech=AEP+DQA/AEP+DQA/AEP+DQA/AEP+DQA/AEP+DQA/AEP+DQA/AEP+DQA/AEP+DQA/AEP+DQA/AEP+DQA/ key65000 key65001="a\"b\\\\c\001"
edge.			300	IN	NS	ns1.edge.
ns1.edge.		300	IN	A	198.18.53.9)dig";

// e5.edge. SVCB, RD clear, EDNS 1232: 123 bytes.
inline constexpr std::string_view svcb_mapped_v6_query = R"(
    4e22 0000 0001 0000 0000 0001 0265 3504
    6564 6765 0000 4000 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view svcb_mapped_v6 = R"(
    4e22 8400 0001 0001 0001 0002 0265 3504
    6564 6765 0000 4000 01c0 0c00 4000 0100
    0001 2c00 2900 0200 0001 0004 0364 6f74
    0002 0000 0003 0002 0035 0006 0010 0000
    0000 0000 0000 0000 ffff c612 0001 c00f
    0002 0001 0000 012c 0006 036e 7331 c00f
    c05a 0001 0001 0000 012c 0004 c612 3509
    0000 2904 d000 0000 0000 00)";
inline constexpr std::string_view svcb_mapped_v6_dig = R"dig(e5.edge.		300	IN	SVCB	2 . alpn="dot" no-default-alpn port=53 ipv6hint=::ffff:198.18.0.1
edge.			300	IN	NS	ns1.edge.
ns1.edge.		300	IN	A	198.18.53.9)dig";

// e2.edge. TXT, RD clear, EDNS 1232: 83 bytes.
inline constexpr std::string_view txt_empty_query = R"(
    4e23 0000 0001 0000 0000 0001 0265 3204
    6564 6765 0000 1000 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view txt_empty = R"(
    4e23 8400 0001 0001 0001 0002 0265 3204
    6564 6765 0000 1000 01c0 0c00 1000 0100
    0001 2c00 0100 c00f 0002 0001 0000 012c
    0006 036e 7331 c00f c032 0001 0001 0000
    012c 0004 c612 3509 0000 2904 d000 0000
    0000 00)";
inline constexpr std::string_view txt_empty_dig = R"dig(e2.edge.		300	IN	TXT	""
edge.			300	IN	NS	ns1.edge.
ns1.edge.		300	IN	A	198.18.53.9)dig";

// e4.edge. CAA, RD clear, EDNS 1232: 111 bytes.
inline constexpr std::string_view caa_iodef_query = R"(
    4e24 0000 0001 0000 0000 0001 0265 3404
    6564 6765 0001 0100 0100 0029 04d0 0000
    0000 0000)";
inline constexpr std::string_view caa_iodef = R"(
    4e24 8400 0001 0001 0001 0002 0265 3404
    6564 6765 0001 0100 01c0 0c01 0100 0100
    0001 2c00 1d00 0569 6f64 6566 6d61 696c
    746f 3a61 2262 4065 7861 6d70 6c65 2e63
    6f6d c00f 0002 0001 0000 012c 0006 036e
    7331 c00f c04e 0001 0001 0000 012c 0004
    c612 3509 0000 2904 d000 0000 0000 00)";
inline constexpr std::string_view caa_iodef_dig = R"dig(e4.edge.		300	IN	CAA	0 iodef "mailto:a\"b@example.com"
edge.			300	IN	NS	ns1.edge.
ns1.edge.		300	IN	A	198.18.53.9)dig";

// nx.nosalt. A, RD clear, EDNS 1232, DO: 545 bytes.
inline constexpr std::string_view nxdomain_nsec3_no_salt_query = R"(
    4e25 0000 0001 0000 0000 0001 026e 7806
    6e6f 7361 6c74 0000 0100 0100 0029 04d0
    0000 8000 0000)";
inline constexpr std::string_view nxdomain_nsec3_no_salt = R"(
    4e25 8403 0001 0000 0006 0001 026e 7806
    6e6f 7361 6c74 0000 0100 0120 3333 7236
    6973 6672 6373 6534 746c 6438 6132 6439
    6575 3261 3839 6b6b 3962 7034 c00f 0032
    0001 0000 012c 0022 0100 0000 0014 d450
    14d7 3bf3 2d22 babc b4b0 6aa8 7e9c 0279
    2b1c 0006 4000 0000 0002 c01b 002e 0001
    0000 012c 005a 0032 0d02 0000 012c 6b35
    9b00 6b0e 0e00 7ce5 066e 6f73 616c 7400
    a3d1 6d84 074e b30b e221 7f58 9172 a2f4
    a664 5539 e0fc f057 3709 fb55 e71c 53c5
    e69f 942f d89d f897 9617 9b01 5a37 91e4
    1955 027b f0d6 cd14 52b5 df09 a953 34ca
    2071 6838 3139 6c70 7275 636d 6935 656c
    736d 696f 366c 6133 756a 6731 3769 616f
    73c0 0f00 3200 0100 0001 2c00 2301 0000
    0000 1418 f669 71fb 671c 4ed5 a850 9a97
    784a 4269 44af 2400 0722 0000 0000 0290
    c0d0 002e 0001 0000 012c 005a 0032 0d02
    0000 012c 6b35 9b00 6b0e 0e00 7ce5 066e
    6f73 616c 7400 b5ff 7535 0225 859b c707
    c96f 7ec0 3245 6da0 9085 6b0b 5573 0f8f
    73ea 69f3 5156 0e83 6d3e 3db2 5a2b f393
    0372 9531 ccd7 b388 4524 82e4 2c06 7b65
    a7b6 5e04 2aba c00f 0006 0001 0000 012c
    001e 036e 7331 c00f 0168 c00f 0000 0001
    0000 1c20 0000 0e10 0012 7500 0000 012c
    c00f 002e 0001 0000 012c 005a 0006 0d01
    0000 012c 6b35 9b00 6b0e 0e00 7ce5 066e
    6f73 616c 7400 cb68 2b36 9f21 ba35 a165
    5bdd 90e3 199a cd73 ef96 6634 1531 0299
    bc21 5b2b 729c d5fd 2f56 1957 059a 6f01
    c144 fed2 a9d3 1377 a8f2 48d3 6a99 3f69
    8a0e 9fe7 87f1 0000 2904 d000 0080 0000
    00)";
inline constexpr std::string_view nxdomain_nsec3_no_salt_dig = R"dig(33r6isfrcse4tld8a2d9eu2a89kk9bp4.nosalt. 300 IN	NSEC3 1 0 0 - QH819LPRUCMI5ELSMIO6LA3UJG17IAOS A RRSIG
33r6isfrcse4tld8a2d9eu2a89kk9bp4.nosalt. 300 IN	RRSIG NSEC3 13 2 300 20261231000000 20261201000000 31973 nosalt. o9FthAdOswviIX9YkXKi9KZkVTng/PBXNwn7VeccU8Xmn5Qv2J34l5YX mwFaN5HkGVUCe/DWzRRStd8JqVM0yg==
qh819lprucmi5elsmio6la3ujg17iaos.nosalt. 300 IN	NSEC3 1 0 0 - 33R6ISFRCSE4TLD8A2D9EU2A89KK9BP4 NS SOA RRSIG DNSKEY NSEC3PARAM
qh819lprucmi5elsmio6la3ujg17iaos.nosalt. 300 IN	RRSIG NSEC3 13 2 300 20261231000000 20261201000000 31973 nosalt. tf91NQIlhZvHB8lvfsAyRW2gkIVrC1VzD49z6mnzUVYOg20+PbJaK/OT A3KVMczXs4hFJILkLAZ7Zae2XgQqug==
nosalt.			300	IN	SOA	ns1.nosalt. h.nosalt. 1 7200 3600 1209600 300
nosalt.			300	IN	RRSIG	SOA 13 1 300 20261231000000 20261201000000 31973 nosalt. y2grNp8hujWhZVvdkOMZms1z75ZmNBUxApm8IVsrcpzV/S9WGVcFmm8B wUT+0qnTE3eo8kjTapk/aYoOn+eH8Q==)dig";

struct Capture {
  std::string_view name;
  std::string_view query;
  std::string_view response;
  std::string_view dig;  // one line per record, "" when the reply has none
};

inline constexpr std::array all = {
    Capture{"a_dnssec", a_dnssec_query, a_dnssec, a_dnssec_dig},
    Capture{"aaaa", aaaa_query, aaaa, aaaa_dig},
    Capture{"a_no_edns", a_no_edns_query, a_no_edns, a_no_edns_dig},
    Capture{"ns_glue", ns_glue_query, ns_glue, ns_glue_dig},
    Capture{"cname", cname_query, cname, cname_dig},
    Capture{"dname", dname_query, dname, dname_dig},
    Capture{"soa", soa_query, soa, soa_dig},
    Capture{"mx", mx_query, mx, mx_dig},
    Capture{"txt", txt_query, txt, txt_dig},
    Capture{"hinfo", hinfo_query, hinfo, hinfo_dig},
    Capture{"srv", srv_query, srv, srv_dig},
    Capture{"naptr", naptr_query, naptr, naptr_dig},
    Capture{"naptr_regex", naptr_regex_query, naptr_regex, naptr_regex_dig},
    Capture{"caa", caa_query, caa, caa_dig},
    Capture{"ds_dnssec", ds_dnssec_query, ds_dnssec, ds_dnssec_dig},
    Capture{"sshfp", sshfp_query, sshfp, sshfp_dig},
    Capture{"tlsa", tlsa_query, tlsa, tlsa_dig},
    Capture{"dnskey_dnssec", dnskey_dnssec_query, dnskey_dnssec, dnskey_dnssec_dig},
    Capture{"nxdomain", nxdomain_query, nxdomain, nxdomain_dig},
    Capture{"nxdomain_nsec", nxdomain_nsec_query, nxdomain_nsec, nxdomain_nsec_dig},
    Capture{"nsec3param", nsec3param_query, nsec3param, nsec3param_dig},
    Capture{"nxdomain_nsec3", nxdomain_nsec3_query, nxdomain_nsec3, nxdomain_nsec3_dig},
    Capture{"svcb", svcb_query, svcb, svcb_dig},
    Capture{"svcb_dohpath", svcb_dohpath_query, svcb_dohpath, svcb_dohpath_dig},
    Capture{"https", https_query, https, https_dig},
    Capture{"https_alias", https_alias_query, https_alias, https_alias_dig},
    Capture{"unknown_type", unknown_type_query, unknown_type, unknown_type_dig},
    Capture{"unknown_empty", unknown_empty_query, unknown_empty, unknown_empty_dig},
    Capture{"unknown_long", unknown_long_query, unknown_long, unknown_long_dig},
    Capture{"ptr", ptr_query, ptr, ptr_dig},
    Capture{"referral", referral_query, referral, referral_dig},
    Capture{"big_txt_tc", big_txt_tc_query, big_txt_tc, big_txt_tc_dig},
    Capture{"big_txt_no_edns_tc", big_txt_no_edns_tc_query, big_txt_no_edns_tc, big_txt_no_edns_tc_dig},
    Capture{"svcb_escapes", svcb_escapes_query, svcb_escapes, svcb_escapes_dig},
    Capture{"svcb_mapped_v6", svcb_mapped_v6_query, svcb_mapped_v6, svcb_mapped_v6_dig},
    Capture{"txt_empty", txt_empty_query, txt_empty, txt_empty_dig},
    Capture{"caa_iodef", caa_iodef_query, caa_iodef, caa_iodef_dig},
    Capture{"nxdomain_nsec3_no_salt", nxdomain_nsec3_no_salt_query, nxdomain_nsec3_no_salt, nxdomain_nsec3_no_salt_dig},
};

}  // namespace netdiag::test::dns_captures
