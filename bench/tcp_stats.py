#!/usr/bin/python3
"""Turn bench/tcp.sh's raw results into Markdown tables (standard library only).

  tcp_stats.py WORKDIR

WORKDIR holds
  runs.tsv   one line per run: case (v4 / v6), tool (nd-tcp, nmap-sT, nmap-sS, nd-tcp-p1000,
             nd-tcp-r0), run (0: warm-up), wall_ns, exit code, format (ndtcp: nd-tcp's JSON;
             nmap: nmap's XML), file
  meta       key=value lines: first, last (the port range), open, dropped (comma-separated ports),
             rounds, v4_server, v6_server
  the output file of every run (and FILE.err, its stderr).
"""
import collections
import datetime
import json
import pathlib
import statistics
import sys
import xml.etree.ElementTree as ET

MAIN = "nd-tcp"
BASE = "nmap-sT"
LABEL = {
    "nd-tcp": "nd-tcp (defaults)",
    "nmap-sT": "nmap -sT -T4",
    "nmap-sS": "nmap -sS -T4",
    "nd-tcp-p1000": "nd-tcp --parallel 1000",
    "nd-tcp-r0": "nd-tcp --retries 0",
}
ORDER = list(LABEL)


def ranges(text):
    """nmap's port lists: "20001-20003,20007" -> [20001, 20002, 20003, 20007]."""
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("-")
        out += range(int(lo), int(hi or lo) + 1)
    return out


def parse_nmap(path, ports):
    """{port: state} from nmap's XML: every <port>, and the ports of <extraports> (from
    <extrareasons ports=...> when nmap lists them, else every port not listed otherwise — which is
    only right when there is one <extraports>), plus nmap's own elapsed seconds."""
    root = ET.parse(path).getroot()
    states = {}
    elapsed = None
    fin = root.find("runstats/finished")
    if fin is not None and fin.get("elapsed"):
        elapsed = float(fin.get("elapsed"))
    host = root.find("host")
    if host is None:
        return states, elapsed
    for port in host.iter("port"):
        st = port.find("state")
        states[int(port.get("portid"))] = st.get("state") if st is not None else "?"
    unlisted = []
    for extra in host.iter("extraports"):
        state = extra.get("state")
        listed = [p for r in extra.iter("extrareasons") if r.get("ports") for p in ranges(r.get("ports"))]
        if listed:
            for p in listed:
                states[p] = state
        else:
            unlisted.append(state)
    if unlisted:
        rest = [p for p in ports if p not in states]
        for p in rest:
            states[p] = unlisted[0] if len(unlisted) == 1 else "?"
    # "closed|filtered", "open|filtered": keep as nmap says (a disagreement, honestly)
    return states, elapsed


def parse_ndtcp(path):
    """{port: state} from nd-tcp's JSON (the last attempt of each port), and the document."""
    doc = json.loads(pathlib.Path(path).read_text())
    states = {}
    for a in doc.get("attempts", []):
        states[int(a["port"])] = a["state"]
    return states, doc


def stamp(text):
    """An RFC 3339 UTC time (nd-tcp's started_at) as seconds since the epoch."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def agree(a, b, ports):
    return 100.0 * sum(1 for p in ports if a.get(p) == b.get(p)) / len(ports)


def fmt_pct(values):
    lo = min(values)
    return f"{lo:.1f}" if lo == max(values) else f"{lo:.1f}–{max(values):.1f}"


def fmt_range(values):
    lo, hi = min(values), max(values)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def main(work):
    work = pathlib.Path(work)
    meta = {}
    for line in (work / "meta").read_text().splitlines():
        k, _, v = line.partition("=")
        meta[k] = v
    ports = list(range(int(meta["first"]), int(meta["last"]) + 1))
    open_ = set(ranges(meta["open"]))
    dropped = set(ranges(meta["dropped"]))
    truth = {p: "open" if p in open_ else "filtered" if p in dropped else "closed" for p in ports}

    runs = collections.defaultdict(dict)  # (case, tool) -> {run: record}
    for line in (work / "runs.tsv").read_text().splitlines():
        case, tool, run, wall_ns, rc, fmt, name = line.split("\t")
        rec = {"wall": int(wall_ns) / 1e9, "rc": int(rc), "file": work / name, "fmt": fmt}
        try:
            if fmt == "nmap":
                rec["states"], rec["own"] = parse_nmap(rec["file"], ports)
            else:
                rec["states"], rec["doc"] = parse_ndtcp(rec["file"])
                rec["own"] = rec["doc"].get("elapsed_ms", 0) / 1000
        except (ET.ParseError, json.JSONDecodeError, OSError) as e:
            rec["states"], rec["own"], rec["error"] = {}, None, str(e)
        runs[(case, tool)][int(run)] = rec

    cases = [c for c in ("v4", "v6") if any(k[0] == c for k in runs)]
    for case in cases:
        tools = [t for t in ORDER if (case, t) in runs]
        server = meta.get(f"{case}_server", "?")
        measured = {t: {r: v for r, v in runs[(case, t)].items() if r > 0} for t in tools}
        med = {t: statistics.median(v["wall"] for v in measured[t].values()) for t in tools if measured[t]}
        print(f"#### {'IPv4' if case == 'v4' else 'IPv6'} ({server})")
        print()
        print("| tool | median wall time (s) | min … max (s) | own elapsed, median (s) | nd-tcp / tool |"
              " agreement with the ground truth (%) | agreement with nd-tcp (%) | agreement with nmap -sT (%) |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for t in tools:
            m = measured[t]
            if not m:
                continue
            walls = [v["wall"] for v in m.values()]
            owns = [v["own"] for v in m.values() if v["own"] is not None]
            ratio = med[MAIN] / med[t] if MAIN in med and t != MAIN else None
            truth_ag = [agree(v["states"], truth, ports) for v in m.values()]
            cols = []
            for other in (MAIN, BASE):
                if other == t or other not in measured:
                    cols.append("—")
                    continue
                vals = [agree(v["states"], measured[other][r]["states"], ports)
                        for r, v in m.items() if r in measured[other]]
                cols.append(fmt_pct(vals) if vals else "—")
            # nd-tcp exits 1 when some port is not open (every scan here); nmap exits 0.
            rcs = sorted({v["rc"] for v in m.values()} - ({0, 1} if t.startswith("nd-tcp") else {0}))
            note = f" (exit {','.join(map(str, rcs))})" if rcs else ""
            own = f"{statistics.median(owns):.3f}" if owns else "—"
            ratio_s = f"{ratio:.2f}" if ratio else "—"
            print(f"| {LABEL[t]}{note} | {med[t]:.3f} | {min(walls):.3f} … {max(walls):.3f} | {own} | "
                  f"{ratio_s} | {fmt_pct(truth_ag)} | {cols[0]} | {cols[1]} |")
        print()
        print("Per-state counts (over the measured runs; a range when they differ), ground truth "
              f"{len(open_)} open / {len(ports) - len(open_) - len(dropped)} closed / {len(dropped)} filtered:")
        print()
        print("| tool | open | closed | filtered | other |")
        print("|---|---:|---:|---:|---:|")
        for t in tools:
            m = measured[t]
            if not m:
                continue
            cnt = [collections.Counter(v["states"].get(p, "missing") for p in ports) for v in m.values()]
            other = [sum(n for s, n in c.items() if s not in ("open", "closed", "filtered")) for c in cnt]
            print(f"| {LABEL[t]} | {fmt_range([c['open'] for c in cnt])} | {fmt_range([c['closed'] for c in cnt])} | "
                  f"{fmt_range([c['filtered'] for c in cnt])} | {fmt_range(other)} |")
        print()
        wrong = []
        for t in tools:
            for r, v in sorted(measured[t].items()):
                if "error" in v:
                    wrong.append(f"{LABEL[t]} run {r}: unreadable output ({v['error']})")
                bad = [p for p in ports if v["states"].get(p) != truth[p]]
                if bad:
                    ex = ", ".join(f"{p} {v['states'].get(p, 'missing')} (want {truth[p]})" for p in bad[:5])
                    wrong.append(f"{LABEL[t]} run {r}: {len(bad)} ports differ from the ground truth: {ex}"
                                 + (" …" if len(bad) > 5 else ""))
        if wrong:
            print("Disagreements with the ground truth:")
            print()
            for w in wrong:
                print(f"- {w}")
            print()
        # Where nd-tcp's time goes: its silent ports.
        print("nd-tcp's runs in detail (from its JSON): slowest answer (the adaptive wait's base), the "
              "wait it implies (max(250 ms, 10 × slowest), at most 3 s), and the silent ports.")
        print()
        print("| run | wall (s) | own elapsed (s) | slowest answer (ms) | implied wait (ms) | filtered: reasons |"
              " filtered: SYNs sent | filtered: elapsed ms min … max | last attempt ends (ms) |")
        print("|---|---:|---:|---:|---:|---|---|---:|---:|")
        for t in tools:
            if not t.startswith("nd-tcp"):
                continue
            for r, v in sorted(measured[t].items()):
                doc = v.get("doc")
                if not doc:
                    continue
                atts = doc.get("attempts", [])
                rtts = [a["rtt_ms"] for a in atts if a.get("rtt_ms") is not None]
                slow = max(rtts) if rtts else None
                implied = min(3000.0, max(250.0, 10 * slow)) if slow is not None else 3000.0
                filt = [a for a in atts if a["state"] == "filtered"]
                reasons = collections.Counter(a["reason"] for a in filt)
                syns = collections.Counter(a.get("syn_sent") for a in filt)
                el = [a["elapsed_ms"] for a in filt if a.get("elapsed_ms") is not None]
                t0 = min((a["started_at"] for a in atts), default=None)
                ends = []
                if t0:
                    base = stamp(t0)
                    ends = [(stamp(a["started_at"]) - base) * 1000 + (a.get("elapsed_ms") or 0) for a in atts]
                print(f"| {LABEL[t]} #{r} | {v['wall']:.3f} | {v['own']:.3f} | "
                      f"{slow if slow is not None else '—'} | {implied:.0f} | "
                      f"{', '.join(f'{k} {n}' for k, n in reasons.most_common()) or '—'} | "
                      f"{', '.join(f'{k}×{n}' for k, n in sorted(syns.items(), key=lambda x: str(x[0]))) or '—'} | "
                      f"{f'{min(el):.0f} … {max(el):.0f}' if el else '—'} | "
                      f"{f'{max(ends):.0f}' if ends else '—'} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1])
