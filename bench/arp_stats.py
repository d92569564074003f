#!/usr/bin/python3
"""Turn bench/arp.sh's raw results into Markdown tables (standard library only).

  arp_stats.py WORKDIR

WORKDIR holds
  runs.tsv      one line per run: case (sweep / rtt), tool, run (0: warm-up), wall_ns, exit code,
                format (arpscan: arp-scan --plain lines; ndarp: nd-arp's JSON; arping: iputils
                arping's text), file, start and end (date +%s%N, for the capture)
  meta          key=value lines: subnet, iface, client, client_mac, rtt_host, rtt_mac, rounds,
                rtt_rounds, capture (1: capture.pcap exists), live, compilers_start/_end,
                loadavg_start/_end
  expected      "IP MAC" lines, what a full scan must find (arp_lab_expect_scan)
  capture.pcap  (with capture=1) every ARP frame on the client's interface during the runs
  the output file of every run (and FILE.err, its stderr).
"""
import collections
import json
import pathlib
import re
import statistics
import struct
import sys

SWEEP = {  # tool -> (label, the arp-scan row at the same spacing, or None)
    "arp-scan": ("arp-scan, 2 ms", None),
    "nd-arp": ("nd-arp, 2 ms (its defaults)", "arp-scan"),
    "arp-scan-quiet": ("arp-scan --quiet, 2 ms", "arp-scan"),
    "arp-scan-fast": ("arp-scan, 200 µs", None),
    "nd-arp-fast": ("nd-arp -i 0.0002", "arp-scan-fast"),
    "arp-scan-i0": ("arp-scan --interval=0", None),
    "nd-arp-i0": ("nd-arp -i 0", "arp-scan-i0"),
}
ARPING_BIAS_MS = 0.5  # what iputils arping adds to every time it prints (see the notes)
REPLY = re.compile(r"^(Unicast|Broadcast) reply from (\S+) \[([0-9A-Fa-f:]+)\]\s+([0-9.]+)ms")


def fmt_range(values, digits=3):
    lo, hi = min(values), max(values)
    if isinstance(lo, int) and isinstance(hi, int):
        return str(lo) if lo == hi else f"{lo}–{hi}"
    return f"{lo:.{digits}f}" if lo == hi else f"{lo:.{digits}f} … {hi:.{digits}f}"


def pct(values, q):
    """The q-th percentile (0-100), linear between closest ranks."""
    v = sorted(values)
    if len(v) == 1:
        return v[0]
    k = (len(v) - 1) * q / 100
    f = int(k)
    c = min(f + 1, len(v) - 1)
    return v[f] + (v[c] - v[f]) * (k - f)


def read_pcap(path):
    """[(ns, op, sha, spa, tha, tpa)] for the ARP frames of a pcap file (Ethernet)."""
    data = path.read_bytes()
    if len(data) < 24:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        endian = "<"
    else:
        endian = ">"
        magic = struct.unpack(">I", data[:4])[0]
    nano = magic == 0xA1B23C4D
    frames = []
    off = 24
    while off + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        pkt = data[off + 16:off + 16 + caplen]
        off += 16 + caplen
        if len(pkt) < 42 or pkt[12:14] != b"\x08\x06":
            continue
        op = struct.unpack(">H", pkt[20:22])[0]
        frames.append((sec * 10**9 + (frac if nano else frac * 1000), op,
                       pkt[22:28].hex(":"), ".".join(map(str, pkt[28:32])),
                       pkt[32:38].hex(":"), ".".join(map(str, pkt[38:42]))))
    return frames


def parse_arpscan(path):
    """{(ip, mac)} and the number of answer lines of arp-scan --plain."""
    pairs, lines = set(), 0
    for line in path.read_text(errors="replace").splitlines():
        f = line.split("\t")
        if len(f) >= 2 and re.fullmatch(r"[0-9.]+", f[0]) and re.fullmatch(r"[0-9a-fA-F:]{17}", f[1]):
            pairs.add((f[0], f[1].lower()))
            lines += 1
    return pairs, lines


def parse_ndarp(path):
    doc = json.loads(path.read_text())
    pairs = {(h["address"], m["mac"]) for h in doc.get("hosts", []) for m in h["macs"]}
    return pairs, doc


def parse_arping(path):
    """[(rtt_ms as printed, mac)] of arping's reply lines, in order."""
    out = []
    for line in path.read_text(errors="replace").splitlines():
        m = REPLY.match(line)
        if m:
            out.append((float(m.group(4)), m.group(3).lower()))
    return out


def main(work):
    work = pathlib.Path(work)
    meta = {}
    for line in (work / "meta").read_text().splitlines():
        k, _, v = line.partition("=")
        meta[k] = v
    expected = set()
    for line in (work / "expected").read_text().splitlines():
        if line.strip():
            ip, mac = line.split()[:2]
            expected.add((ip, mac.lower()))
    client_mac = meta["client_mac"].lower()
    frames = []
    if meta.get("capture") == "1" and (work / "capture.pcap").exists():
        frames = read_pcap(work / "capture.pcap")
    have_cap = bool(frames)

    runs = collections.defaultdict(dict)  # (case, tool) -> {run: record}
    for line in (work / "runs.tsv").read_text().splitlines():
        case, tool, run, wall_ns, rc, fmt, name, t0, t1 = line.split("\t")
        rec = {"wall": int(wall_ns) / 1e9, "rc": int(rc), "fmt": fmt, "t0": int(t0), "t1": int(t1),
               "file": work / name}
        try:
            if fmt == "arpscan":
                rec["pairs"], rec["lines"] = parse_arpscan(rec["file"])
            elif fmt == "ndarp":
                rec["pairs"], rec["doc"] = parse_ndarp(rec["file"])
            else:
                rec["replies"] = parse_arping(rec["file"])
        except (OSError, ValueError, KeyError) as e:
            rec["error"] = str(e)
            rec.setdefault("pairs", set())
        if have_cap:
            win = [f for f in frames if rec["t0"] <= f[0] <= rec["t1"]]
            rec["requests"] = [f for f in win if f[1] == 1 and f[2] == client_mac]
            rec["wire_replies"] = [f for f in win if f[1] == 2 and f[4] == client_mac]
        runs[(case, tool)][int(run)] = rec

    sweep_tools = [t for t in SWEEP if ("sweep", t) in runs]
    measured = {t: {r: v for r, v in runs[("sweep", t)].items() if r > 0} for t in sweep_tools}
    med = {t: statistics.median(v["wall"] for v in measured[t].values()) for t in sweep_tools if measured[t]}
    nexp = len(expected)

    print(f"#### Sweep of {meta['subnet']} ({meta.get('live', '?')} live addresses, {nexp} \"IP MAC\" pairs"
          f" expected), {meta['rounds']} round(s) after a warm-up, ABBA")
    print()
    print("| tool | median wall (s) | min … max (s) | ratio to arp-scan at the same spacing |"
          " pairs found / expected | runs with every pair (and nothing else) | exit |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for t in sweep_tools:
        m = measured[t]
        if not m:
            continue
        label, base = SWEEP[t]
        walls = [v["wall"] for v in m.values()]
        ratio = f"{med[t] / med[base]:.2f}" if base in med else "—"
        if t == "nd-arp-i0" and base in med:
            ratio += " ¹"
        found = [len(v["pairs"] & expected) for v in m.values()]
        exact = sum(1 for v in m.values() if v["pairs"] == expected)
        rcs = ",".join(str(c) for c in sorted({v["rc"] for v in m.values()}))
        print(f"| {label} | {med[t]:.3f} | {min(walls):.3f} … {max(walls):.3f} | {ratio} | "
              f"{fmt_range(found)} / {nexp} | {exact} / {len(m)} | {rcs} |")
    print()

    # What the wire and nd-arp's JSON say about each row.
    print("Per row, medians over the measured runs"
          + (" (the capture: tcpdump on the client's interface; requests are the client's own ARP requests):"
             if have_cap else " (no capture: run with tcpdump installed for the spacing columns):"))
    print()
    print("| tool | addresses asked | requests sent | spacing, median (ms) | spacing, 90th pct (ms) |"
          " first request after start (ms) | first request to exit (ms) | exit after last request (ms) | replies |"
          " nd-arp's elapsed_ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t in sweep_tools:
        m = measured[t]
        if not m:
            continue
        cells = ["—"] * 9
        if have_cap:
            asked = [len({f[5] for f in v["requests"]}) for v in m.values()]
            sent = [len(v["requests"]) for v in m.values()]
            gaps = [(b[0] - a[0]) / 1e6 for v in m.values() for a, b in zip(v["requests"], v["requests"][1:])]
            first = [(v["requests"][0][0] - v["t0"]) / 1e6 for v in m.values() if v["requests"]]
            tail = [(v["t1"] - v["requests"][-1][0]) / 1e6 for v in m.values() if v["requests"]]
            scan = [(v["t1"] - v["requests"][0][0]) / 1e6 for v in m.values() if v["requests"]]
            reps = [len(v["wire_replies"]) for v in m.values()]
            cells[:8] = [fmt_range(asked), fmt_range(sent),
                         f"{statistics.median(gaps):.3f}" if gaps else "—",
                         f"{pct(gaps, 90):.3f}" if gaps else "—",
                         f"{statistics.median(first):.0f}" if first else "—",
                         f"{statistics.median(scan):.0f}" if scan else "—",
                         f"{statistics.median(tail):.0f}" if tail else "—",
                         fmt_range(reps)]
        own = [v["doc"]["elapsed_ms"] for v in m.values() if "doc" in v]
        cells[8] = f"{statistics.median(own):.0f}" if own else "—"
        print(f"| {SWEEP[t][0]} | " + " | ".join(cells) + " |")
    print()

    # One row per run.
    print("Every run (wall time in s; ✓: exactly the expected pairs; warm-up = run 0, not in the medians):")
    print()
    print("| run | " + " | ".join(SWEEP[t][0] for t in sweep_tools) + " |")
    print("|---|" + "---:|" * len(sweep_tools))
    all_runs = sorted({r for t in sweep_tools for r in runs[("sweep", t)]})
    problems = []
    for r in all_runs:
        cells = []
        for t in sweep_tools:
            v = runs[("sweep", t)].get(r)
            if v is None:
                cells.append("—")
                continue
            ok = v["pairs"] == expected
            cell = f"{v['wall']:.3f} {'✓' if ok else '✗'}"
            ok_rc = {0}
            if v["rc"] not in ok_rc:
                cell += f" (exit {v['rc']})"
            cells.append(cell)
            if not ok or "error" in v:
                miss = sorted(expected - v["pairs"])
                extra = sorted(v["pairs"] - expected)
                desc = []
                if "error" in v:
                    desc.append(f"unreadable output ({v['error']})")
                if miss:
                    desc.append("missing " + ", ".join(f"{a} {b}" for a, b in miss))
                if extra:
                    desc.append("extra " + ", ".join(f"{a} {b}" for a, b in extra))
                problems.append(f"{SWEEP[t][0]} run {r}: " + "; ".join(desc))
        print(f"| {r} | " + " | ".join(cells) + " |")
    print()
    if problems:
        print("Runs that did not find exactly the expected pairs:")
        print()
        for p in problems:
            print(f"- {p}")
        print()

    # Goals.
    def all_exact(t):
        return t in measured and measured[t] and all(v["pairs"] == expected for v in measured[t].values())
    if "nd-arp" in med and "arp-scan" in med:
        r1 = med["nd-arp"] / med["arp-scan"]
        fewer = any(len(v["pairs"] & expected) < len(measured["arp-scan"][r]["pairs"] & expected)
                    for r, v in measured["nd-arp"].items() if r in measured["arp-scan"])
        met = r1 <= 1.0 and not fewer
        print(f"Goal 1, the same or more hosts in no more time than arp-scan at the same spacing: "
              f"**{'met' if met else 'not met'}** (nd-arp / arp-scan = {r1:.2f}; nd-arp found "
              f"{'fewer pairs in some round' if fewer else 'as many pairs in every round'}).")
    if "nd-arp-fast" in med:
        exact = all_exact("nd-arp-fast")
        base = med.get("nd-arp")
        print(f"Goal 2, a faster rate that still finds every host: nd-arp -i 0.0002 "
              f"**{'found every pair in every run' if exact else 'missed pairs in some run'}**, in a median "
              f"{med['nd-arp-fast']:.3f} s" + (f" ({med['nd-arp-fast'] / base:.2f} × its default's)" if base else "")
              + (f"; -i 0: {'every pair in every run' if all_exact('nd-arp-i0') else 'missed pairs'}, "
                 f"{med['nd-arp-i0']:.3f} s" if "nd-arp-i0" in med else "") + ".")
    print()

    # Notes that depend on the data.
    notes = []
    if have_cap:
        def asked(t):
            v = [len({f[5] for f in x["requests"]}) for x in measured.get(t, {}).values()]
            return fmt_range(v) if v else "?"
        notes.append(f"arp-scan asks {asked('arp-scan')} addresses of the /24 (network, broadcast and the client's own "
                     f"address included), nd-arp {asked('nd-arp')} (it leaves those three out); so arp-scan "
                     "sends a few more requests (its first try and its retry for each of them) at the same spacing.")
        def from_start(t, end):
            v = [((x["t1"] if end else x["requests"][0][0]) - (x["requests"][0][0] if end else x["t0"])) / 1e6
                 for x in measured.get(t, {}).values() if x["requests"]]
            return statistics.median(v) if v else None
        fa, fq, fn = from_start("arp-scan", False), from_start("arp-scan-quiet", False), from_start("nd-arp", False)
        sa, sn = from_start("arp-scan", True), from_start("nd-arp", True)
        if None not in (fa, fq, fn, sa, sn):
            notes.append(f"Start-up: arp-scan's first request leaves {fa:.0f} ms after the command starts, "
                         f"{fq:.0f} ms with --quiet, which skips its vendor files (ieee-oui.txt, mac-vendor.txt); "
                         f"nd-arp's after {fn:.0f} ms, its vendor registries (ieee-data's CSVs) read by then. "
                         f"From the first request to the exit, at 2 ms: arp-scan {sa:.0f} ms, nd-arp {sn:.0f} ms "
                         "(both: one pass, the retries of the silent addresses, then 1.5 × 500 ms for the last one).")
        if "arp-scan-i0" in measured and measured["arp-scan-i0"]:
            g = [(b[0] - a[0]) / 1e6 for v in measured["arp-scan-i0"].values()
                 for a, b in zip(v["requests"], v["requests"][1:])]
            if g:
                notes.append(f"¹ arp-scan takes --interval=0 as \"no interval given\" and paces itself by its --bandwidth "
                             f"default (256 kbit/s) instead: its median spacing there was {statistics.median(g):.3f} ms. "
                             "So this ratio is not at the same spacing: nd-arp -i 0 sends back to back.")
    else:
        notes.append("arp-scan asks 256 addresses of a /24 (network, broadcast and the client's own address "
                     "included), nd-arp 253.")
        notes.append("¹ arp-scan takes --interval=0 as \"no interval given\" (its --bandwidth default, ~2 ms): "
                     "not the same spacing as nd-arp -i 0.")
    print("Notes:")
    print()
    for n in notes:
        print(f"- {n}")
    print()

    # RTT.
    rtt_tools = [t for t in ("nd-arp", "arping") if ("rtt", t) in runs]
    if not rtt_tools:
        return
    rm = {t: {r: v for r, v in runs[("rtt", t)].items() if r > 0} for t in rtt_tools}
    host, want_mac = meta["rtt_host"], meta.get("rtt_mac", "").lower()
    series = {}  # label -> (values, first replies, wire values, per-probe errors, runs)

    def wire_rtts(v):
        """RTTs on the wire (capture), one per reply, in order: reply minus the latest request for the host."""
        out, last = [], None
        for f in sorted(v.get("requests", []) + v.get("wire_replies", [])):
            if f[1] == 1 and f[5] == host:
                last = f[0]
            elif f[1] == 2 and f[3] == host and last is not None:
                out.append((f[0] - last) / 1e6)
                last = None
        return out

    bad = []
    for t in rtt_tools:
        vals, firsts, wires, errs = [], [], [], []
        for r, v in sorted(rm[t].items()):
            if t == "arping":
                reps = v.get("replies", [])
                tv = [x for x, _ in reps]
                macs = {m for _, m in reps}
            else:
                doc = v.get("doc", {})
                ans = doc.get("answers", [])
                tv = [a["rtt_ms"] for a in ans if a.get("rtt_ms") is not None]
                macs = {a["mac"] for a in ans}
            if len(tv) != 10 or (want_mac and macs - {want_mac}) or v["rc"] != 0:
                bad.append(f"{t} run {r}: {len(tv)} replies, MACs {sorted(macs)}, exit {v['rc']}")
            vals += tv
            if tv:
                firsts.append(tv[0])
            if have_cap:
                w = wire_rtts(v)
                wires += w
                if len(w) == len(tv):
                    errs += [a - b for a, b in zip(tv, w)]
        series[t] = (vals, firsts, wires, errs)

    print(f"#### RTT to {host} (one owner), `-c 10 -i 1`, {meta['rtt_rounds']} round(s) after a warm-up, ABBA")
    print()
    print("| tool | replies | median RTT (ms) | 10th … 90th pct (ms) | min … max (ms) | first reply (broadcast request),"
          " median (ms) | ratio to nd-arp (medians) |" + (" wire RTT, median (ms) | tool minus wire, median (ms) |"
                                                          if have_cap else ""))
    print("|---|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if have_cap else ""))
    rows = []
    if "nd-arp" in series:
        rows.append(("nd-arp", series["nd-arp"], 0.0))
    if "arping" in series:
        rows.append(("arping, as printed", series["arping"], 0.0))
        rows.append((f"arping, printed minus {ARPING_BIAS_MS} ms", series["arping"], ARPING_BIAS_MS))
    base = statistics.median(series["nd-arp"][0]) if "nd-arp" in series and series["nd-arp"][0] else None
    for label, (vals, firsts, wires, errs), bias in rows:
        if not vals:
            print(f"| {label} | 0 | — | — | — | — | — |" + (" — | — |" if have_cap else ""))
            continue
        v = [x - bias for x in vals]
        f = [x - bias for x in firsts]
        e = [x - bias for x in errs]
        m = statistics.median(v)
        ratio = "—" if label == "nd-arp" or not base else f"{m / base:.2f}"
        line = (f"| {label} | {len(v)} | {m:.3f} | {pct(v, 10):.3f} … {pct(v, 90):.3f} | {min(v):.3f} … {max(v):.3f} | "
                f"{statistics.median(f):.3f} | {ratio} |")
        if have_cap:
            line += (f" {statistics.median(wires):.3f} |" if wires else " — |")
            em = statistics.median(e) if e else None
            line += (f" {0.0 if em is not None and abs(em) < 0.0005 else em:.3f} |" if e else " — |")
        print(line)
    print()
    if bad:
        print("RTT runs that did not get 10 replies from the expected MAC with exit 0:")
        print()
        for b in bad:
            print(f"- {b}")
        print()
    print("Notes:")
    print()
    print("- nd-arp's RTT is the kernel's receive stamp of the reply (SO_TIMESTAMPNS on its receiving packet "
          "socket) minus the kernel's stamp of the request it answers leaving, seen by the same socket: the path "
          "and the target's ARP processing, nothing of its own.")
    print("- arping reads CLOCK_MONOTONIC just before sendto() and again in user space after recvfrom() has "
          "returned the reply: the same, plus its own wake-up and receive call. It then prints the difference "
          f"wrongly: `usecs -= msecs * 1000 - 500` after rounding to milliseconds adds exactly {ARPING_BIAS_MS} ms "
          "to every time it prints (0.060 ms measured is printed as 0.560ms, 1.600 as 2.100), so the row "
          f"\"printed minus {ARPING_BIAS_MS} ms\" is what its clocks measured.")
    if have_cap:
        print("- Wire RTT: tcpdump's stamps on the client's interface, the request leaving to its reply arriving; "
              "\"tool minus wire\" is per reply (each tool's own overhead on top of the path).")
    print()

    busy = ""
    if meta.get("cpu_start", "").startswith("cpu ") and meta.get("cpu_end", "").startswith("cpu "):
        a = [int(x) for x in meta["cpu_start"].split()[1:]]
        b = [int(x) for x in meta["cpu_end"].split()[1:]]
        d = [y - x for x, y in zip(a, b)]
        total, idle = sum(d[:8]), d[3] + d[4]  # user … steal; idle + iowait
        if total > 0:
            busy = (f" All CPUs were {100 * (total - idle) / total:.0f} % busy over the whole run "
                    "(/proc/stat; the bench itself, tcpdump included, takes a few %).")
    print(f"Machine: load average {meta.get('loadavg_start', '?')} at the start, {meta.get('loadavg_end', '?')} "
          f"at the end; compiler or build processes (cc1plus, cc1, clang, ninja, make) running: "
          f"{meta.get('compilers_start', '?')} at the start, "
          f"{meta.get('compilers_end', '?')} at the end." + busy)


if __name__ == "__main__":
    main(sys.argv[1])
