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

    # fuzz_icmp_decode: a selector byte (1 = IPv6, 2 = ping socket, 4 = error-queue payload,
    # bits 3+ = the error's ICMP type), then what that socket would read.
    corpus["icmp_decode"] = {}
    for name, packet in corpus["ipv4"].items():
        corpus["icmp_decode"]["raw_v4_" + name] = bytes([0]) + packet
    for name, message in corpus["icmp"].items():
        corpus["icmp_decode"]["ping_socket_v4_" + name] = bytes([2]) + message
        corpus["icmp_decode"]["error_queue_v4_" + name] = bytes([4 | 3 << 3]) + message
    for name, message in corpus["icmpv6"].items():
        corpus["icmp_decode"]["v6_" + name] = bytes([1]) + message
        corpus["icmp_decode"]["error_queue_v6_" + name] = bytes([1 | 4 | 2 << 3]) + message

    for target, files in corpus.items():
        directory = HERE / "corpus" / target
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in sorted(files.items()):
            (directory / name).write_bytes(data)
        print(f"{target}: {len(files)} seeds")


if __name__ == "__main__":
    main()
