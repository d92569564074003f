#!/usr/bin/env python3
"""Writes the seed corpora in tests/fuzz/corpus/<target>/ from the packets captured in
tests/wire/captures.hpp, plus a few hand-made malformed inputs. Files already in a corpus
directory (e.g. crashers added after a fix) are left alone. Run from anywhere:

    python3 tests/fuzz/make_seed_corpus.py
"""
import pathlib
import re
import struct

HERE = pathlib.Path(__file__).resolve().parent
CAPTURES = HERE.parent / "wire" / "captures.hpp"


def captures():
    text = CAPTURES.read_text()
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

    for target, files in corpus.items():
        directory = HERE / "corpus" / target
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in sorted(files.items()):
            (directory / name).write_bytes(data)
        print(f"{target}: {len(files)} seeds")


if __name__ == "__main__":
    main()
