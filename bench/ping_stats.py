#!/usr/bin/python3
"""Turn bench/ping.sh's raw results into a Markdown table (standard library only).

  ping_stats.py WORKDIR

WORKDIR holds, per latency path P (a line "P<TAB>description" in WORKDIR/paths):
  P.iputils.N.txt   iputils ping text output of round N
  P.ndping.N.json   nd-ping --json output of round N
  P.wire.N.pcap     tcpdump capture of round N on the client's interface (nanosecond stamps)
and WORKDIR/flood.tsv with lines "tool<TAB>run<TAB>wall_ns<TAB>transmitted<TAB>received".
"""
import json
import pathlib
import re
import statistics
import struct
import sys

TIME_RE = re.compile(r" time=([0-9.]+) ms")
SEQ_TIME_RE = re.compile(r"icmp_seq=(\d+) .*? time=([0-9.]+) ms")
SUMMARY_RE = re.compile(r"^(\d+) packets transmitted, (\d+) received")
RTT_RE = re.compile(r"^rtt min/avg/max/mdev = ([0-9.]+)/([0-9.]+)/([0-9.]+)/([0-9.]+) ms")


def iputils(files):
    rtts, weighted, n_total, sent, recv, mins = [], 0.0, 0, 0, 0, []
    for f in files:
        text = f.read_text()
        rtts += [float(x) for x in TIME_RE.findall(text)]
        n = 0
        for line in text.splitlines():
            m = SUMMARY_RE.match(line)
            if m:
                sent += int(m.group(1))
                recv += int(m.group(2))
                n = int(m.group(2))
            m = RTT_RE.match(line)
            if m and n:
                weighted += float(m.group(2)) * n  # avg printed to the microsecond
                n_total += n
                mins.append(float(m.group(1)))
    mean = weighted / n_total if n_total else float("nan")
    return rtts, mean, min(mins) if mins else float("nan"), sent, recv


def ndping(files):
    rtts, sent, recv = [], 0, 0
    for f in files:
        d = json.loads(f.read_text())
        rtts += [r["rtt_ms"] for r in d["replies"] if not r.get("duplicate")]
        sent += d["packets_transmitted"]
        recv += d["packets_received"]
    mean = statistics.fmean(rtts) if rtts else float("nan")
    return rtts, mean, min(rtts) if rtts else float("nan"), sent, recv


def wire_rtts(pcap):
    """{identifier: {sequence: RTT in ms}} from a nanosecond pcap of Ethernet frames: the time
    from an IPv4 echo request leaving to its reply arriving, both stamped by the kernel."""
    data = pcap.read_bytes()
    if len(data) < 24 or struct.unpack_from("<I", data)[0] != 0xA1B23C4D:
        return {}
    sent, rtts, at = {}, {}, 24
    while at + 16 <= len(data):
        seconds, nanos, length, _ = struct.unpack_from("<IIII", data, at)
        frame = data[at + 16:at + 16 + length]
        at += 16 + length
        stamp = seconds + nanos / 1e9
        if len(frame) < 14 + 20 + 8 or frame[12:14] != b"\x08\x00" or frame[14 + 9] != 1:
            continue
        icmp = frame[14 + (frame[14] & 0x0F) * 4:]
        if len(icmp) < 8:
            continue
        kind, ident, seq = icmp[0], *struct.unpack_from("!HH", icmp, 4)
        if kind == 8:
            sent.setdefault((ident, seq), stamp)
        elif kind == 0 and (ident, seq) in sent:
            rtts.setdefault(ident, {}).setdefault(seq, (stamp - sent[(ident, seq)]) * 1000)
    return rtts


def errors_against_wire(work, path):
    """Per-probe 'tool RTT - wire RTT' in ms for each tool, over every round of a path."""
    errors = {"iputils": [], "ndping": []}
    for pcap in sorted(work.glob(f"{path}.wire.*.pcap")):
        round_ = pcap.name.split(".")[-2]
        wire = wire_rtts(pcap)
        nd_file = work / f"{path}.ndping.{round_}.json"
        nd_id = None
        if nd_file.exists():
            d = json.loads(nd_file.read_text())
            nd_id = d["identifier"]
            for r in d["replies"]:
                w = wire.get(nd_id, {}).get(r["icmp_seq"] & 0xFFFF)
                if w is not None and not r["duplicate"]:
                    errors["ndping"].append(r["rtt_ms"] - w)
        others = [i for i in wire if i != nd_id]
        ip_file = work / f"{path}.iputils.{round_}.txt"
        if others and ip_file.exists():
            ip_id = max(others, key=lambda i: len(wire[i]))
            for seq, time in SEQ_TIME_RE.findall(ip_file.read_text()):
                w = wire[ip_id].get(int(seq) & 0xFFFF)
                if w is not None:
                    errors["iputils"].append(float(time) - w)
    return errors


def spread(values):
    deciles = statistics.quantiles(values, n=10)
    return f"{us(statistics.median(values))} ({us(deciles[0])} … {us(deciles[-1])})"


def ms(x):
    return f"{x:.3f} ms"


def us(x):
    return f"{x * 1000:+.0f} µs"


def main(work):
    work = pathlib.Path(work)
    rows = []
    notes = []
    for line in (work / "paths").read_text().splitlines():
        path, desc = line.split("\t", 1)
        i_rtts, i_mean, i_min, i_sent, i_recv = iputils(sorted(work.glob(f"{path}.iputils.*.txt")))
        n_rtts, n_mean, n_min, n_sent, n_recv = ndping(sorted(work.glob(f"{path}.ndping.*.json")))
        if not i_rtts or not n_rtts:
            rows.append(f"| {desc}: median RTT | no data ({i_recv}/{i_sent}) | no data ({n_recv}/{n_sent}) | | |")
            continue
        i_med, n_med = statistics.median(i_rtts), statistics.median(n_rtts)
        d_med = n_med - i_med
        coarse = max(i_rtts) >= 1.0  # iputils prints fewer decimals from 1 ms up
        errors = errors_against_wire(work, path)
        if len(errors["iputils"]) >= 10 and len(errors["ndping"]) >= 10:
            e_i, e_n = statistics.median(errors["iputils"]), statistics.median(errors["ndping"])
            ok_w = "✓" if abs(e_n - e_i) * 1000 <= 10 else "✗"
            rows.append(f"| {desc}: RTT minus the wire's RTT, per probe: median (10th … 90th percentile), "
                        f"{len(errors['iputils'])} vs {len(errors['ndping'])} probes | "
                        f"{spread(errors['iputils'])}{' ¹' if coarse else ''} | {spread(errors['ndping'])} | "
                        f"{us(e_n - e_i)} {ok_w} | within ±10 µs |")
        rows.append(f"| {desc}: median RTT ({i_recv}/{i_sent} vs {n_recv}/{n_sent} replies) | "
                    f"{ms(i_med)}{' ¹' if coarse else ''} | {ms(n_med)} | {us(d_med)} | |")
        rows.append(f"| {desc}: mean RTT | {ms(i_mean)} | {ms(n_mean)} | {us(n_mean - i_mean)} | |")
        rows.append(f"| {desc}: min RTT | {ms(i_min)} | {ms(n_min)} | {us(n_min - i_min)} | |")
        if coarse:
            res = "100 µs" if i_med >= 10.0 else "10 µs"
            notes.append(f"¹ iputils prints per-reply times of 1–10 ms to 10 µs and of 10–100 ms "
                         f"to 100 µs, so its median here is only good to {res}; its mean and min "
                         f"come from its summary line, to the microsecond.")
    flood = work / "flood.tsv"
    if flood.exists():
        runs = {}
        for line in flood.read_text().splitlines():
            tool, _run, wall_ns, sent, recv = line.split("\t")
            runs.setdefault(tool, []).append((int(wall_ns), int(sent), int(recv)))
        med = {}
        for tool, rs in runs.items():
            wall = statistics.median(r[0] for r in rs) / 1e9
            sent = statistics.median(r[1] for r in rs)
            recv = min(r[2] for r in rs)
            med[tool] = (sent / wall, wall, sent, recv, len(rs))
        for quiet in ("", "-q"):
            if "iputils" + quiet not in med or "ndping" + quiet not in med:
                continue
            i, n = med["iputils" + quiet], med["ndping" + quiet]
            ratio = n[0] / i[0]
            ok = "✓" if ratio >= 1.0 else "✗"
            shown = " (`-q`: no dots)" if quiet else " (printing dots)"
            rows.append(f"| flood `-f{' -q' if quiet else ''} -c {int(i[2])}` to 127.0.0.1{shown}, median of "
                        f"{i[4]} runs: probes/s (wall time) | {i[0]:,.0f}/s ({i[1]:.3f} s) | "
                        f"{n[0]:,.0f}/s ({n[1]:.3f} s) | {ratio:.2f}× {ok} | ≥ 1.00× |")
            if i[3] < i[2] or n[3] < n[2]:
                notes.append(f"Flood{quiet} replies received (worst run): iputils {i[3]:.0f}/{i[2]:.0f}, "
                             f"nd-ping {n[3]:.0f}/{n[2]:.0f}.")
    print("| measurement | iputils ping | nd-ping | nd-ping − iputils | goal |")
    print("|---|---:|---:|---:|---|")
    for r in rows:
        print(r)
    for n in notes:
        print()
        print(n)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
