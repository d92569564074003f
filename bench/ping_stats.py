#!/usr/bin/python3
"""Turn bench/ping.sh's raw results into a Markdown table (standard library only).

  ping_stats.py WORKDIR

WORKDIR holds, per latency path P (a line "P<TAB>description" in WORKDIR/paths):
  P.iputils.N.txt   iputils ping text output of round N
  P.ndping.N.json   nd-ping --json output of round N
and WORKDIR/flood.tsv with lines "tool<TAB>run<TAB>wall_ns<TAB>transmitted<TAB>received".
"""
import json
import pathlib
import re
import statistics
import sys

TIME_RE = re.compile(r" time=([0-9.]+) ms")
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
        ok = "✓" if abs(d_med) * 1000 <= 10 else "✗"
        coarse = max(i_rtts) >= 1.0  # iputils prints fewer decimals from 1 ms up
        rows.append(f"| {desc}: median RTT ({i_recv}/{i_sent} vs {n_recv}/{n_sent} replies) | "
                    f"{ms(i_med)}{' ¹' if coarse else ''} | {ms(n_med)} | {us(d_med)} {ok} | within ±10 µs |")
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
