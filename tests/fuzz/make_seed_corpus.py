#!/usr/bin/env python3
"""Writes the seed corpora in tests/fuzz/corpus/<target>/ from the packets captured in
tests/wire/captures.hpp (fuzz_dns: the DNS queries and replies in tests/wire/dns_captures.hpp),
plus a few hand-made malformed inputs, and (fuzz_vendor_database) a few lines of the IEEE and
arp-scan registry files. Files already in a corpus directory (e.g.
crashers added after a fix) are left alone. Run from anywhere:

    python3 tests/fuzz/make_seed_corpus.py
"""
import pathlib
import re
import struct

HERE = pathlib.Path(__file__).resolve().parent
CAPTURES = HERE.parent / "wire" / "captures.hpp"
DNS_CAPTURES = HERE.parent / "wire" / "dns_captures.hpp"


def captures(path=CAPTURES):
    text = path.read_text()
    found = {}
    for name, body in re.findall(r'std::string_view (\w+) = R"\((.*?)\)";', text, re.S):
        found[name] = bytes.fromhex("".join(body.split()))
    return found


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def icmp(type_, code, rest, body):
    message = bytes([type_, code, 0, 0]) + rest + body
    value = checksum(message)
    return message[:2] + struct.pack("!H", value) + message[4:]


def ipv6(next_header, payload, src=b"\0" * 15 + b"\1", dst=b"\0" * 15 + b"\1"):
    return struct.pack("!IHBB", 6 << 28, len(payload), next_header, 64) + src + dst + payload


def options_chain(count, last):
    out = b""
    for i in range(count):
        out += bytes([last if i + 1 == count else 60, 0, 1, 4, 0, 0, 0, 0])
    return out + b"\xaa" * 4


def ip_payload(packet):
    """(protocol, source, destination, upper-layer bytes) of an IPv4 packet or an IPv6 packet
    without extension headers."""
    if packet[0] >> 4 == 4:
        ihl = (packet[0] & 0x0F) * 4
        total = packet[2] << 8 | packet[3]
        return packet[9], packet[12:16], packet[16:20], packet[ihl:total]
    length = packet[4] << 8 | packet[5]
    return packet[6], packet[8:24], packet[24:40], packet[40:40 + length]


def quoted_probe(message):
    """(protocol, bytes after the IP header) of the packet quoted in an ICMP(v6) error."""
    quoted = message[8:]
    if quoted[0] >> 4 == 4:
        return quoted[9], quoted[(quoted[0] & 0x0F) * 4:]
    return quoted[6], quoted[40:]


def extension_structure(objects, with_checksum=True, first_byte=0x20):
    body = b"".join(struct.pack("!HBB", 4 + len(payload), class_num, c_type) + payload
                    for class_num, c_type, payload in objects)
    header = bytes([first_byte, 0, 0, 0])
    if with_checksum:
        header = header[:2] + struct.pack("!H", checksum(header + body))
    return header + body


def mpls_entry(label, traffic_class, bottom, ttl):
    return struct.pack("!I", label << 12 | traffic_class << 9 | bottom << 8 | ttl)


def add_transport_seeds(packets, corpus):
    """Seeds for fuzz_udp, fuzz_tcp and fuzz_icmp_extensions."""
    udp, tcp, ext = {}, {}, {}
    error_types = {1: (3, 11), 58: (1, 3)}
    for name, packet in packets.items():
        if not (name.endswith("_v4") or name.endswith("_v6")):
            continue
        protocol, _, _, payload = ip_payload(packet)
        if protocol == 17:
            udp[name] = payload
        elif protocol == 6:
            tcp[name] = payload
        elif len(payload) > 8 and payload[0] in error_types.get(protocol, ()):
            inner, probe = quoted_probe(payload)
            if inner == 17:
                udp[name + "_quoted"] = probe
            elif inner == 6:
                tcp[name + "_quoted"] = probe
                tcp[name + "_quoted_8"] = probe[:8]
            if name.startswith("mpls_"):
                ext[name + "_message"] = payload
                ext[name + "_structure"] = payload[8 + 128:]

    request = udp["udp_echo_request_v4"]
    udp.update({
        "empty": b"",
        "seven_bytes": request[:7],
        "header_only": request[:4] + b"\x00\x08" + request[6:8],
        "quoted_8": request[:8],
        "length_7": request[:4] + b"\x00\x07" + request[6:],
        "length_too_big": request[:4] + b"\x00\x11" + request[6:],
        "trailing_padding": request + bytes(6),
        "checksum_ffff": request[:6] + b"\xff\xff" + request[8:],
    })

    syn = tcp["tcp_syn_v4"]
    tcp.update({
        "empty": b"",
        "seven_bytes": syn[:7],
        "data_offset_4": syn[:12] + b"\x40" + syn[13:],
        "data_offset_15_short": syn[:12] + b"\xf0" + syn[13:],
        "reserved_bits": syn[:12] + b"\xaf" + syn[13:],
        "options_40_nops": syn[:12] + b"\xf0" + syn[13:20] + b"\x01" * 40,
        "option_length_0": syn[:20] + b"\x02\x00\x00\x00" + syn[24:],
        "option_length_1": syn[:20] + b"\x02\x01\x00\x00" + syn[24:],
        "option_past_end": syn[:36] + b"\x01\x01\x08\x0a",
        "option_kind_without_length": syn[:36] + b"\x01\x01\x01\x02",
        "options_unknown_and_sack": syn[:12] + b"\xc0" + syn[13:20]
        + bytes.fromhex("1e040000 2202 fe06f9890000 0101050a0000000100000002 0303 0f00"),
        "options_wrong_lengths": bytes.fromhex("02030504030103050004080205020000"),
        "options_only_eol_garbage": bytes.fromhex("020405b400ffff01"),
    })

    labels = mpls_entry(24001, 0, 0, 1) + mpls_entry(16, 0, 1, 1)
    ext.update({
        "empty": b"",
        "three_bytes": b"\x20\x00\x00",
        "header_only": extension_structure([]),
        "version_1": extension_structure([(1, 1, labels)], first_byte=0x10),
        "no_checksum": extension_structure([(1, 1, labels)], with_checksum=False),
        "bad_checksum": extension_structure([(1, 1, labels)])[:3] + b"\x00" + labels,
        "object_length_0": bytes.fromhex("20000000 00000101"),
        "object_length_3": bytes.fromhex("20000000 00030101"),
        "object_past_end": bytes.fromhex("20000000 000c0101 00064101"),
        "trailing_bytes": extension_structure([(1, 1, labels)]) + b"\x00\x00",
        "odd_object_length": bytes.fromhex("20000000 00040301 00050202aa 00080101 00064101"),
        "mpls_stray_bytes": extension_structure([(1, 1, labels + b"\xff\xff")]),
        "mixed_classes": extension_structure([(1, 2, labels), (2, 0x08, b"\x00\x00\x00\x07"),
                                              (3, 1, b"\x00\x01\x00\x00"), (1, 1, labels)]),
        "max_objects": extension_structure([(1, 1, labels[:4])] * 32),
        "too_many_objects": extension_structure([(1, 1, b"")] * 33),
    })
    for name in ("wild_mpls_legacy_icmp", "wild_mpls_short_length_icmp", "wild_length_no_extension_icmp",
                 "wild_mpls_two_labels_icmpv6", "wild_length_past_end_icmpv6"):
        message = packets[name]
        ext[name] = message
        if len(message) > 8 + 128:
            ext[name + "_structure"] = message[8 + 128:]
        corpus["icmpv6" if name.endswith("icmpv6") else "icmp"][name] = message

    corpus["udp"] = udp
    corpus["tcp"] = tcp
    corpus["icmp_extensions"] = ext


# fuzz_arp: the engines' link (fuzz_arp.cpp): we are 02:00:c6:12:05:01 / 198.18.5.1; ping, dad and
# announce are about 198.18.5.11, the scan about 198.18.5.10 to 198.18.5.13.
OUR_MAC = bytes.fromhex("0200c6120501")
BROADCAST = b"\xff" * 6
UNSPECIFIED = bytes(4)


def lab_ip(last):
    return bytes([198, 18, 5, last])


def lab_mac(last, block=5):
    return bytes([2, 0, 0xC6, 0x12, block, last])


def arp_frame(operation, sender_mac, sender_ip, target_mac, target_ip, destination=None, vlan=None, padding=0):
    """An Ethernet frame carrying Ethernet/IPv4 ARP (sent to the broadcast MAC if a request)."""
    if destination is None:
        destination = BROADCAST if operation == 1 else target_mac
    tag = b"" if vlan is None else struct.pack("!HH", 0x8100, vlan)
    arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, operation) + sender_mac + sender_ip + target_mac + target_ip
    return destination + sender_mac + tag + b"\x08\x06" + arp + bytes(padding)


def reply_to_us(last, block=5):
    return arp_frame(2, lab_mac(last, block), lab_ip(last), OUR_MAC, lab_ip(1))


# Deliveries (sll_pkttype), as fuzz_arp numbers them.
TO_US, BROADCAST_DELIVERY, MULTICAST, OTHER_HOST, OUTGOING = range(5)


def record(frame, step=0, delivery=TO_US, late=False, fail=False, lag=0):
    """One fuzz_arp engine record: the clock moves on step * step * 50 us, then `frame` arrives."""
    flags = delivery | late << 3 | fail << 4 | lag << 5
    return bytes([len(frame), step, flags]) + frame


def arp_seeds(packets):
    """fuzz_arp: a selector byte (bits 0-2: the delivery of the rest as one frame; 3: announce,
    else dad; 4: dad's RFC 5227 timing / announce's replies; 5: ping -b; 6: ping -w; 7: run to
    the end, else interrupt), then either one frame or engine records."""
    seeds = {
        "empty": b"",
        "selector_only": b"\x80",
        "captured_arp_reply_to_us": bytes([TO_US]) + packets["arp_reply"],
        "captured_arp_request_broadcast": bytes([BROADCAST_DELIVERY]) + packets["arp_request"],
        "captured_arp_request_outgoing": bytes([OUTGOING]) + packets["arp_request"],
        "captured_arp_request_unanswered": bytes([BROADCAST_DELIVERY]) + packets["arp_request_unanswered"],
        "captured_arp_reply_other_host": bytes([OTHER_HOST]) + packets["arp_reply"],
        "captured_arp_reply_multicast": bytes([MULTICAST]) + packets["arp_reply"],
        "reply_vlan_tagged": bytes([TO_US]) + arp_frame(2, lab_mac(11), lab_ip(11), OUR_MAC, lab_ip(1), vlan=5),
        "request_padded": bytes([BROADCAST_DELIVERY]) + packets["arp_request"] + bytes(18),
        "reply_cut_short": bytes([TO_US]) + packets["arp_reply"][:41],
        "not_arp_ethertype": bytes([TO_US]) + packets["arp_reply"][:12] + b"\x08\x00" + packets["arp_reply"][14:],
        "bad_hardware_type": bytes([TO_US]) + packets["arp_reply"][:14] + b"\x00\x06" + packets["arp_reply"][16:],
        "operation_3": bytes([TO_US]) + packets["arp_reply"][:20] + b"\x00\x03" + packets["arp_reply"][22:],
        "reply_from_unspecified": bytes([TO_US]) + arp_frame(2, lab_mac(11, 6), UNSPECIFIED, OUR_MAC, lab_ip(1)),
    }
    reply = reply_to_us(11)
    twin = reply_to_us(11, block=6)
    # ping: a reply to each of the three requests (the 2nd and 3rd unicast), then run to the end.
    seeds["ping_three_replies"] = bytes([0x80]) + record(reply, 2) + record(reply, 142) + record(reply, 141)
    # ...with -w: -c 3 counts replies, so the third ends the run.
    seeds["ping_deadline_three_replies"] = bytes([0xC0]) + record(reply, 2) + record(reply, 142) + record(reply, 141)
    # ...and with one reply, the deadline ends it.
    seeds["ping_deadline_one_reply"] = bytes([0xC0]) + record(reply, 2)
    # Two MACs answer: a duplicate_address conflict; -b, and one reply delivered as broadcast.
    seeds["ping_two_macs"] = bytes([0xA0]) + record(reply, 2) + record(twin, 1, BROADCAST_DELIVERY)
    # Another socket of this host asked first (its stamp 100 us before ours): the first reply is
    # its, the same MAC's second one ours.
    sibling = arp_frame(1, OUR_MAC, lab_ip(1), bytes(6), lab_ip(11))
    seeds["ping_sibling_request"] = bytes([0x00]) + record(sibling, 1, OUTGOING, lag=1) + record(reply, 2) \
        + record(reply, 1)
    # Our own first request seen leaving (the selector is the run id in its trailer, after the ARP
    # packet in the padding), stamped by the kernel before another socket's request for the same
    # address; then replies for both.
    own = arp_frame(1, OUR_MAC, lab_ip(1), bytes(6), lab_ip(11)) + struct.pack("!QQ", 0x80, 1) + bytes(2)
    seeds["ping_own_request_restamped"] = bytes([0x80]) + record(own, 1, OUTGOING, lag=1) \
        + record(sibling, 0, OUTGOING) + record(reply, 2) + record(reply, 0)
    # 66 MACs answer the first request: more than an address is heard out to.
    seeds["ping_many_macs"] = bytes([0x00]) + b"".join(
        record(arp_frame(2, lab_mac(i, block=7), lab_ip(11), OUR_MAC, lab_ip(1)), 1 if i == 0 else 0) for i in range(66))
    # A late wakeup (one catch-up request), a failed send, a stale reply stamped 6 s late.
    seeds["ping_late_wakeup_failed_send"] = bytes([0x80]) + record(b"", 200, late=True) \
        + record(reply, 1, fail=True) + record(b"", 141) + record(reply, 2, lag=7)
    # scan: .10, .11 (two MACs), .12 and .13 (one MAC for both: several_addresses).
    seeds["scan_sweep"] = bytes([0x80]) + record(reply_to_us(10), 1) + record(reply_to_us(11), 7) \
        + record(reply_to_us(11, block=6), 0) + record(reply_to_us(12), 6) \
        + record(arp_frame(2, lab_mac(12), lab_ip(13), OUR_MAC, lab_ip(1)), 6)
    # scan: nobody answers the first tries; a late wakeup after the waits, retries answered.
    seeds["scan_retries"] = bytes([0x80]) + record(b"", 45, late=True) + record(reply_to_us(12), 0) \
        + record(b"", 7, fail=True) + record(reply_to_us(13), 7, MULTICAST)
    # dad (--fast): another host probes for the address; with RFC 5227 timing, one claims it in a
    # reply to our probe.
    probe = arp_frame(1, lab_mac(11, block=6), UNSPECIFIED, bytes(6), lab_ip(11))
    seeds["dad_probe"] = bytes([0x80]) + record(probe, 2, BROADCAST_DELIVERY)
    claim = arp_frame(2, lab_mac(11), lab_ip(11), OUR_MAC, UNSPECIFIED)
    seeds["dad_claim_reply"] = bytes([0x90]) + record(claim, 200)
    # announce (-U, -A): another MAC's gratuitous request claims the address.
    gratuitous = arp_frame(1, lab_mac(11, block=6), lab_ip(11), bytes(6), lab_ip(11))
    seeds["announce_claim"] = bytes([0x88]) + record(gratuitous, 2, BROADCAST_DELIVERY) + record(gratuitous, 142)
    seeds["announce_replies_claim"] = bytes([0x18]) + record(claim, 142)
    return seeds


# fuzz_vendor_database: a few lines of Debian's ieee-data CSV files (CRLF, as the IEEE writes
# them; a quoted address may hold a bare LF) and of arp-scan's ieee-oui.txt.
OUI_CSV = (b"Registry,Assignment,Organization Name,Organization Address\r\n"
           b"MA-L,002272,American Micro-Fuel Device Corp.,2181 Buchanan Loop Ferndale WA US 98248 \r\n"
           b"MA-L,00D0EF,IGT,9295 PROTOTYPE DRIVE RENO NV US 89511 \r\n"
           b"MA-L,F4BD9E,\"Cisco Systems, Inc\",80 West Tasman Drive San Jose CA US 94568 \r\n"
           b"MA-L,C404D8,Aviva Links Inc.,\"160 E Tasman Dr\nSTE 102 SAN JOSE CA US 95134 \"\r\n")
MAM_CSV = (b"Registry,Assignment,Organization Name,Organization Address\r\n"
           b"MA-M,741AE09,Private,\r\n"
           b"MA-M,208593B,IOG Products LLC,9737 LURLINE AVENUE CHATSWORTH CA US 91311 \r\n"
           b"MA-M,303D51B,Labman Automation,\"Labman Automation Ltd\n"
           b"Seamer Hill Stokesley North Yorkshire GB TS9 5NQ \"\r\n")
OUI36_CSV = (b"Registry,Assignment,Organization Name,Organization Address\r\n"
             b"MA-S,70B3D5F2F,TELEPLATFORMS,\"Polbina st., 3/1 Moscow  RU 109388 \"\r\n"
             b"MA-S,70B3D5719,2M Technology,802 Greenview Drive  Grand Prairie TX US 75050 \r\n"
             b"MA-S,8C1F64C57,Strategic Robotic Systems,\"14842 NE 95th Street\n"
             b"Building 5 Redmond WA US 98052 \"\r\n")
IEEE_OUI_TXT = (b"# ieee-oui.txt -- IEEE Ethernet OUI-Vendor mapping file for arp-scan\n"
                b"#\n"
                b"# Blank lines and lines beginning with \"#\" are ignored.\n"
                b"\n"
                b"0050C27D5\tDEUTA-WERKE GmbH\n"
                b"40D85511C\tDEUTA-WERKE GmbH\n"
                b"00000C\tCisco Systems, Inc\n"
                b"0050C2\tIEEE Registration Authority\n"
                b"000000\tXEROX CORPORATION\n")


def vendor_seeds():
    """fuzz_vendor_database: a selector byte (bits 0-1: nothing, the CSV header, arp-scan's
    comment, or that and one entry before the rest; bit 2: that prefix with CRLF), then text."""
    csv_rows = lambda text: text.split(b"\r\n", 1)[1]
    return {
        "empty": b"",
        "oui_csv": b"\x00" + OUI_CSV,
        "mam_csv": b"\x00" + MAM_CSV,
        "oui36_csv": b"\x00" + OUI36_CSV,
        "oui36_rows_after_header": b"\x05" + csv_rows(OUI36_CSV),
        "ieee_oui_txt": b"\x00" + IEEE_OUI_TXT,
        "ieee_oui_txt_after_comment": b"\x02" + IEEE_OUI_TXT.split(b"\n\n", 1)[1],
        "csv_rows_read_as_arp_scan": b"\x03" + csv_rows(MAM_CSV),
        # arp-scan's mac-vendor.txt style: separators in the prefix, long and short prefixes.
        "mac_vendor_txt": b"\x02" + b"52:54:00\tQEMU virtual NIC\n00-00-5E-00-01\tVRRP (last octet is VRID)\t#\n"
                          b"0200.c612.0501\t lab host \nf\tone digit\n0123456789abc\tthirteen digits\n",
        # CSV edge cases: quoted assignment, "" in a vendor, a quoted vendor ending the line, a
        # quote left open, text after a quote, a field too few, a 13-digit and an 8-digit
        # assignment, an empty vendor, lower-case hex.
        "csv_quoting": b"\x01" + b"MA-L,\"0000Aa\",\" The \"\"Quoted\"\" Co \",x\n"
                       b"MA-L,00009F,\"Last field\"\r\n"
                       b"MA-L,00009E,\"Text after the quote\" ,x\n"
                       b"MA-L,0000AB,\"Open quote\n"
                       b"MA-L,\"0000AC\"x,Bad,x\n"
                       b"MA-L,0000AD\n"
                       b"MA-S,0000ADEF01234,Too long,x\n"
                       b"MA-M,0000ADEF,Eight,x\n"
                       b"MA-L,0000AE,  ,x\n"
                       b"MA-L,0000AF,\"tab\tinside\",x\r\n"
                       b"MA-L,00a0ff,lower case,x\n",
        # arp-scan lines that are skipped (a non-hex digit, no digits, a blank vendor, a lone CR),
        # and a last line without a newline.
        "arp_scan_bad_lines": b"\x02" + b"00:0g:00\tbad digit\n::\tno digits\n0x1234\tnot hex\n000001\t \t\n"
                              b"\r\n   \n000002 \tspace in the prefix\n00000C\tno newline",
        # Headers that are not quite the IEEE's: the rest is read as arp-scan lines.
        "header_registry_misspelt": b"\x00Registy,Assignment,Organization Name\n00000C\t Cisco Systems, Inc \n",
        "header_assignment_quoted": b"\x00\"Registry\",\"Assignmen\",\"Organization Name\"\n00000C\tCisco\n",
        "header_organisation": b"\x00Registry,Assignment,Organisation Name\n00000C\tCisco\n",
    }


def dns_name(text):
    return b"".join(bytes([len(label)]) + label.encode() for label in text.rstrip(".").split(".") if label) + b"\0"


def dns_message(flags=0x8400, questions=(), answers=(), authority=(), additional=(), counts=None):
    """A DNS message from raw question and record bytes; `counts` overrides the header's."""
    if counts is None:
        counts = (len(questions), len(answers), len(authority), len(additional))
    return struct.pack("!HHHHHH", 0x4e4e, flags, *counts) + b"".join([*questions, *answers, *authority, *additional])


def dns_record(owner, rtype, rdata, ttl=300, rclass=1):
    return owner + struct.pack("!HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def dns_seeds():
    """fuzz_dns: the captured queries and replies, malformed messages (pointers, counts, OPT),
    and text (the whole input is also read as a name, a type, and as rdata of the type its first
    two bytes give)."""
    seeds = dict(captures(DNS_CAPTURES))
    www = dns_name("www.example.")
    question = www + b"\x00\x01\x00\x01"
    opt = b"\x00" + struct.pack("!HHIH", 41, 1232, 0, 0)
    a = dns_record(b"\xc0\x0c", 1, bytes([198, 18, 0, 1]))

    def chain(pointers):
        body = b"\x00"
        for k in range(pointers):
            body += struct.pack("!H", 0xC000 | (12 if k == 0 else 13 + 2 * (k - 1)))
        return body

    seeds.update({
        "empty": b"",
        "header_only": bytes(12),
        "hostile_counts": struct.pack("!HHHHHH", 1, 0x8000, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF),
        "hostile_counts_tc": struct.pack("!HHHHHH", 1, 0x8200, 0, 0xFFFF, 0xFFFF, 0xFFFF),
        "forward_pointer": dns_message(questions=[b"\xc0\x0e\x01a\x00\x00\x01\x00\x01"]),
        "self_pointer": dns_message(questions=[b"\xc0\x0c\x00\x01\x00\x01"]),
        "pointer_loop": dns_message(questions=[b"\x01a\xc0\x0c\x00\x01\x00\x01"]),
        "pointer_into_header": b"\x01a\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\xc0\x00\x00\x01\x00\x01",
        "pointers_127": dns_message(counts=(0, 0, 0, 0)) + chain(127),
        "pointers_128": dns_message(counts=(0, 0, 0, 0)) + chain(128),
        "label_type_40": dns_message(questions=[b"\x40\x00\x00\x01\x00\x01"]),
        "label_type_80": dns_message(questions=[b"\x80\x00\x00\x01\x00\x01"]),
        "answer_and_opt": dns_message(questions=[question], answers=[a], additional=[opt]),
        "opt_twice": dns_message(questions=[question], additional=[opt, opt]),
        "opt_in_answer": dns_message(questions=[question], answers=[opt]),
        "opt_not_root": dns_message(questions=[question], additional=[b"\xc0\x0c" + opt[1:]]),
        "opt_bad_option": dns_message(questions=[question], additional=[opt[:-2] + b"\x00\x04\x00\x0a\x00\x01"]),
        "opt_extended_rcode": dns_message(flags=0x8403, questions=[question],
                                          additional=[b"\x00" + struct.pack("!HHIH", 41, 512, 0x01008000, 0)]),
        "mx_pointer_to_question": dns_message(questions=[question],
                                              answers=[dns_record(b"\xc0\x0c", 15, b"\x00\x0a\xc0\x10")]),
        "cname_forward_pointer": dns_message(questions=[question],
                                             answers=[dns_record(b"\xc0\x0c", 5, b"\xc0\x2b")]),
        "a_short": dns_message(questions=[question], answers=[dns_record(b"\xc0\x0c", 1, b"\xc6\x12\x00")]),
        "trailing_byte": dns_message(questions=[question], answers=[a]) + b"\x00",
        "tc_cut_record": dns_message(flags=0x8600, questions=[question], answers=[a, a])[:-3],
        "text_name": b"www.Example.COM.",
        "text_name_escapes": b"a\\.b\\032\\255.\\\\.c",
        "text_type": b"nsec3PARAM",
        "text_type_number": b"TYPE65280",
        "text_rdata_a": b"\x00\x01198.18.0.1",
        "text_rdata_aaaa": b"\x00\x1cfd00:18::1",
        "text_rdata_mx": b"\x00\x0f10 mail.example.",
        "text_rdata_srv": b"\x00\x210 5 5060 sip.example.",
        "text_rdata_soa": b"\x00\x06ns1.example. hostmaster.example. 2026120101 7200 3600 1209600 300",
        "text_rdata_txt": b'\x00\x10"v=spf1 -all" "say \\"hi\\"" tab\\009 ""',
        "text_rdata_generic": b"\xff\x00\\# 4 0A000001",
        "text_rdata_generic_a": b"\x00\x01\\# 3 c6 12 00",
    })
    return seeds


def main():
    packets = captures()
    v4 = {n: p for n, p in packets.items() if n.endswith("_v4")}
    v6 = {n: p for n, p in packets.items() if n.endswith("_v6")}
    corpus = {"ipv4": {}, "ipv6": {}, "icmp": {}, "icmpv6": {}}

    for name, packet in v4.items():
        corpus["ipv4"][name] = packet
        ihl = (packet[0] & 0x0F) * 4
        if packet[9] == 1 and len(packet) >= (packet[2] << 8 | packet[3]) and name != "fragment_last_v4":
            message = packet[ihl:]
            corpus["icmp"][name] = message
            if message[0] in (3, 11):
                corpus["ipv4"][name + "_quoted"] = message[8:]
    for name, packet in v6.items():
        corpus["ipv6"][name] = packet
        if packet[6] == 58:
            message = packet[40:]
            corpus["icmpv6"][name] = message
            if message[0] < 128:
                corpus["ipv6"][name + "_quoted"] = message[8:]
        elif name == "mld_report_v6":
            corpus["icmpv6"][name] = packet[48:]

    echo4 = v4["lo_echo_request_v4"]
    corpus["ipv4"].update({
        "empty": b"",
        "one_byte": b"\x45",
        "bad_version": b"\x65" + echo4[1:],
        "ihl_4": b"\x44" + echo4[1:],
        "ihl_15_short": b"\x4f" + echo4[1:],
        "total_length_19": echo4[:2] + b"\x00\x13" + echo4[4:],
        "total_length_too_big": echo4[:2] + b"\x00\x35" + echo4[4:],
        "header_only": echo4[:20],
    })
    echo6 = v6["lo_echo_request_v6"]
    corpus["ipv6"].update({
        "empty": b"",
        "bad_version": b"\x45" + echo6[1:],
        "header_39": echo6[:39],
        "payload_length_too_big": echo6[:4] + b"\x00\x21" + echo6[6:],
        "eight_extension_headers": ipv6(60, options_chain(8, 58)),
        "nine_extension_headers": ipv6(60, options_chain(9, 58)),
        "routing_then_udp": ipv6(43, bytes([17, 2]) + b"\0" * 22 + b"\x12\x34\x56\x78"),
        "hop_by_hop_overrun": ipv6(0, bytes([58, 1]) + b"\0" * 6),
        "first_fragment": ipv6(44, bytes.fromhex("3a00000152f5d531 8000000010ef0001")),
        "no_next_header": ipv6(59, b"\1\2\3\4"),
    })
    quoted4 = v4["fragment_last_v4"]
    mpls = bytes.fromhex("20000000 00080101 000141ff")
    corpus["icmp"].update({
        "empty": b"",
        "seven_bytes": bytes(7),
        "redirect_host": icmp(5, 1, bytes([198, 18, 0, 254]), quoted4),
        "frag_needed_mtu_0": icmp(3, 4, bytes(4), quoted4),
        "parameter_problem": icmp(12, 0, bytes([12, 0, 0, 0]), quoted4),
        "time_exceeded_rfc4884": icmp(11, 0, bytes([0, 32, 0, 0]), b"\x45" * 128 + mpls),
        "rfc4884_length_too_long": icmp(3, 1, bytes([0, 255, 0, 0]), quoted4),
        "timestamp": icmp(13, 0, bytes(4), bytes(12)),
    })
    corpus["icmpv6"].update({
        "empty": b"",
        "seven_bytes": bytes(7),
        "parameter_problem": icmp(4, 1, bytes([0, 0, 0, 40]), echo6[:48]),
        "packet_too_big_mtu_0": icmp(2, 0, bytes(4), echo6),
        "time_exceeded_rfc4884": icmp(3, 0, bytes([16, 0, 0, 0]), b"\x60" * 128 + mpls[:8]),
        "quoted_fragment_chain": icmp(1, 4, bytes(4), ipv6(44, bytes.fromhex("3a00000152f5d531") + echo6[40:])),
        "quoted_nine_extension_headers": icmp(1, 0, bytes(4), ipv6(60, options_chain(9, 58))),
    })

    # fuzz_icmp_decode: a selector byte (bit 0 = IPv6; bits 1-3 = what the rest is: 0 a raw
    # socket's packet, 1 a ping socket's message, 2/3/5 the error-queue data of an echo, UDP or
    # TCP probe, 4 a raw TCP segment, 6 a quote to find MPLS in; bit 4 = a "too big" error), then
    # what that socket would read.
    corpus["icmp_decode"] = {}
    for name, packet in corpus["ipv4"].items():
        corpus["icmp_decode"]["raw_v4_" + name] = bytes([0]) + packet
    for name, message in corpus["icmp"].items():
        corpus["icmp_decode"]["ping_socket_v4_" + name] = bytes([1 << 1]) + message
        corpus["icmp_decode"]["error_queue_v4_" + name] = bytes([2 << 1 | 16]) + message
    for name, message in corpus["icmpv6"].items():
        corpus["icmp_decode"]["v6_" + name] = bytes([1]) + message
        corpus["icmp_decode"]["error_queue_v6_" + name] = bytes([1 | 2 << 1 | 16]) + message
    # A UDP probe's quote (id 7) padded to 128 bytes of ICMP body, then an MPLS extension.
    udp_quote = bytes([0, 7]) + bytes(100) + mpls
    corpus["icmp_decode"]["udp_error_queue_mpls_v4"] = bytes([3 << 1]) + udp_quote
    corpus["icmp_decode"]["udp_error_queue_mpls_v6"] = bytes([1 | 3 << 1]) + udp_quote[20:]
    corpus["icmp_decode"]["mpls_after_quote"] = bytes([158]) + udp_quote  # paths 6-7; 158 % 130 = 28 stripped

    add_transport_seeds(packets, corpus)
    corpus["arp"] = arp_seeds(packets)
    corpus["vendor_database"] = vendor_seeds()
    corpus["dns"] = dns_seeds()

    for target, files in corpus.items():
        directory = HERE / "corpus" / target
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in sorted(files.items()):
            (directory / name).write_bytes(data)
        print(f"{target}: {len(files)} seeds")


if __name__ == "__main__":
    main()
