#!/usr/bin/python3
"""Turn bench/trace.sh's raw results into Markdown tables (standard library only).

  trace_stats.py WORKDIR

WORKDIR holds
  runs.tsv      one line per run: case, tool, run (0: warm-up), wall_ns, exit code, format, file
                (case v4 / v6: nd-trace vs traceroute; pmtu: tracepath, traceroute-mtu, mtr,
                nd-trace-mtu; format: traceroute (nd-trace's text too), tracepath or mtr)
  expect.v4/v6  the expected hop list, "TTL:ADDR" lines, ADDR "*" for no answer (trace_expect)
  meta          key=value lines: pmtu, pmtu_ttl, silent_ttl, rounds, v4_server, v6_server, and
                mtu_at=TTL:MTU / delay_at=TTL:MS (one line each)
  the output file of every run.
"""
import ipaddress
import pathlib
import re
import statistics
import sys

HOP_RE = re.compile(r"^\s*(\d+)\s+(.*)$")
TRACEPATH_RE = re.compile(r"^\s*(\d+)(\??):\s+(\S+)(.*)$")
PMTU_RE = re.compile(r"\bpmtu (\d+)")
RESUME_RE = re.compile(r"Resume: pmtu (\d+)")
MTR_RE = re.compile(r"^\s*(\d+)\.\|--\s+(\S+)")


def is_addr(token):
    try:
        ipaddress.ip_address(token)
        return True
    except ValueError:
        return False


def hop_entry(hops, ttl, addrs):
    prev = hops.get(ttl, [])
    hops[ttl] = prev + [a for a in addrs if a not in prev]


def parse_traceroute(text):
    """traceroute's (and nd-trace's) text: ({ttl: [addresses]}, [(ttl, mtu)], None), the MTUs from
    traceroute --mtu's "F=NUM" and nd-trace --mtu's "pmtu NUM" (both on the first hop reached at
    that size, the first one the interface's)."""
    hops, mtus = {}, []
    for line in text.splitlines():
        m = HOP_RE.match(line)
        if not m:
            continue
        ttl = int(m.group(1))
        tokens = m.group(2).split()
        hop_entry(hops, ttl, [t for t in tokens if is_addr(t)])
        mtus += [(ttl, int(t[2:])) for t in tokens if re.fullmatch(r"F=\d+", t)]
        mtus += [(ttl, int(n)) for t, n in zip(tokens, tokens[1:]) if t == "pmtu" and n.isdigit()]
    return hops, mtus, None


def parse_tracepath(text):
    """tracepath's text: ({ttl: [addresses]}, [(ttl, address, pmtu)], final pmtu). A line with
    "pmtu N" is a frag-needed / packet-too-big error from an earlier hop, not the TTL's answer."""
    hops, mtus, final = {}, [], None
    for line in text.splitlines():
        r = RESUME_RE.search(line)
        if r:
            final = int(r.group(1))
            continue
        m = TRACEPATH_RE.match(line)
        if not m or m.group(2) == "?":  # "1?: [LOCALHOST] pmtu 1500": the start
            continue
        ttl, addr, rest = int(m.group(1)), m.group(3), m.group(4)
        p = PMTU_RE.search(rest)
        if p:
            mtus.append((ttl, addr, int(p.group(1))))
            hops.setdefault(ttl, [])
            continue
        hop_entry(hops, ttl, [addr] if is_addr(addr) else [])
    return hops, mtus, final


def parse_mtr(text):
    hops = {}
    for line in text.splitlines():
        m = MTR_RE.match(line)
        if m:
            addr = m.group(2)
            hop_entry(hops, int(m.group(1)), [addr] if is_addr(addr) else [])
    return hops, [], None


PARSERS = {"traceroute": parse_traceroute, "tracepath": parse_tracepath, "mtr": parse_mtr}


def compare(expected, hops):
    """'exact' or the differences between a parsed hop list and the expected one."""
    diffs = []
    for ttl in sorted(set(expected) | set(hops)):
        want = expected.get(ttl)
        got = ",".join(hops[ttl]) if hops.get(ttl) else ("*" if ttl in hops else None)
        if got is None:
            diffs.append(f"TTL {ttl} missing (want {want})")
        elif want is None:
            diffs.append(f"extra TTL {ttl}: {got}")
        elif got != want:
            diffs.append(f"TTL {ttl}: {got}, want {want}")
    return "exact" if not diffs else "; ".join(diffs)


def fmt_wall(ns):
    ms_ = ns / 1e6
    return f"{ms_:.1f} ms" if ms_ < 1000 else f"{ms_ / 1000:.2f} s"


def wall_cell(walls):
    if not walls:
        return "no data"
    return f"{fmt_wall(statistics.median(walls))} ({fmt_wall(min(walls))} … {fmt_wall(max(walls))})"


def main(work):
    work = pathlib.Path(work)
    meta, mtu_at, delay_at = {}, {}, {}
    for line in (work / "meta").read_text().splitlines():
        k, v = line.split("=", 1)
        if k == "mtu_at":
            t, m = v.split(":")
            mtu_at[int(t)] = int(m)
        elif k == "delay_at":
            t, d = v.split(":")
            delay_at[int(t)] = int(d)
        else:
            meta[k] = v
    pmtu, pmtu_ttl = int(meta["pmtu"]), int(meta["pmtu_ttl"])
    rounds = int(meta["rounds"])
    expect = {}
    for fam in ("v4", "v6"):
        expect[fam] = {int(t): a for t, a in
                       (ln.split(":", 1) for ln in (work / f"expect.{fam}").read_text().splitlines())}

    runs = {}  # (case, tool) -> {run: (wall_ns, rc, parsed)}
    for line in (work / "runs.tsv").read_text().splitlines():
        case, tool, run, wall, rc, fmt, fname = line.split("\t")
        if tool.startswith("warm-"):
            continue
        parsed = PARSERS[fmt]((work / fname).read_text(errors="replace"))
        runs.setdefault((case, tool), {})[int(run)] = (int(wall), int(rc), parsed)

    def walls(case, tool):
        return [w for w, _, _ in runs.get((case, tool), {}).values()]

    # The PMTU steps each tool should show: router k (TTL k) reports the MTU of the link behind
    # it, to the first probe that crosses that link, i.e. the probe with TTL k + 1.
    hop_addr = {fam: expect[fam] for fam in expect}
    want_tracepath = sorted((k + 1, hop_addr["v4"][k], m) for k, m in mtu_at.items())
    want_f = sorted((k + 1, m) for k, m in mtu_at.items())

    def pmtu_verdict(tool, parsed):
        _, mtus, final = parsed
        if tool == "tracepath":
            got = sorted(set(mtus))
            shown = ", ".join(f"{m} from {a} at TTL {t}" for t, a, m in got) or "no pmtu lines"
            ok = got == want_tracepath and final == pmtu
            return ("✓ " if ok else "✗ ") + f"pmtu {final} ({shown})"
        # traceroute --mtu and nd-trace --mtu: the first MTU is the starting one (the client's
        # interface), the rest are the steps.
        steps = sorted(set(mtus[1:])) if mtus else []
        final = mtus[-1][1] if mtus else None
        shown = ", ".join(f"F={m} at TTL {t}" for t, m in steps) or "no F= steps"
        ok = steps == want_f and final == pmtu
        return ("✓ " if ok else "✗ ") + f"pmtu {final} ({shown})"

    rows, notes = [], []
    for case, fam, label in (("v4", "", "IPv4"), ("v6", " -6", "IPv6")):
        server = meta[f"{case}_server"]
        t, n = walls(case, "traceroute"), walls(case, "nd-trace")
        if t and n:
            ratio = statistics.median(n) / statistics.median(t)
            ok = "✓" if ratio <= 1.0 else "✗"
            ratio_cell = f"{ratio:.2f}× {ok}"
        else:
            ratio_cell = "—"
        rows.append(f"| {label}: `traceroute -n{fam}` vs `nd-trace -n{fam}` to {server}, median wall time "
                    f"of {len(t)} vs {len(n)} runs (min … max) | {wall_cell(t)} | {wall_cell(n)} | "
                    f"{ratio_cell} | ≤ 1.00× |")
    server = meta["v4_server"]
    for tool, cmd in (("tracepath", "tracepath -n"), ("traceroute-mtu", "traceroute -n --mtu"),
                      ("mtr", "mtr -n --report -c 3")):
        w = walls("pmtu", tool)
        extra = ""
        if tool != "mtr" and runs.get(("pmtu", tool)):
            finals = sorted({pmtu_verdict(tool, p).split(" (")[0] for _, _, p in runs[("pmtu", tool)].values()})
            extra = "; " + ", ".join(finals)
        rows.append(f"| PMTU baseline: `{cmd}` to {server}, median wall time of {len(w)} runs "
                    f"(min … max){extra} | {wall_cell(w)} | — | — | baseline |")
    nw = walls("pmtu", "nd-trace-mtu")
    if nw:
        cells = []
        for tool in ("tracepath", "traceroute-mtu"):
            w = walls("pmtu", tool)
            if w:
                cells.append(f"{statistics.median(nw) / statistics.median(w):.3f}× of {tool}")
        finals = sorted({pmtu_verdict("nd-trace-mtu", p).split(" (")[0]
                         for _, _, p in runs[("pmtu", "nd-trace-mtu")].values()})
        rows.append(f"| `nd-trace -n --mtu` to {server}, median wall time of {len(nw)} runs; "
                    f"{', '.join(finals)} | — | {wall_cell(nw)} | {'; '.join(cells)} | ≤ 0.25× of tracepath |")

    print("| measurement | classic tool | nd-trace | ratio nd-trace / classic | goal |")
    print("|---|---:|---:|---:|---|")
    for r in rows:
        print(r)

    # Hop lists, every run.
    columns = [("v4", "nd-trace", "IPv4 nd-trace"), ("v4", "traceroute", "IPv4 traceroute"),
               ("pmtu", "tracepath", "tracepath"), ("pmtu", "traceroute-mtu", "traceroute --mtu"),
               ("pmtu", "mtr", "mtr --report")]
    columns.append(("pmtu", "nd-trace-mtu", "nd-trace --mtu"))
    columns += [("v6", "nd-trace", "IPv6 nd-trace"), ("v6", "traceroute", "IPv6 traceroute")]
    print()
    print(f"Hop lists against `trace_expect` (IPv4: {', '.join(f'{t}:{a}' for t, a in sorted(expect['v4'].items()))}; "
          f"IPv6 likewise with fd00:1k::2), every run:")
    print()
    print("| run | " + " | ".join(c[2] for c in columns) + " |")
    print("|---|" + "---|" * len(columns))
    all_exact = True
    for r in range(1, rounds + 1):
        cells = []
        for case, tool, _ in columns:
            got = runs.get((case, tool), {}).get(r)
            if got is None:
                cells.append("no run")
                all_exact = False
                continue
            wall, rc, parsed = got
            fam = "v6" if case == "v6" else "v4"
            v = compare(expect[fam], parsed[0])
            if v != "exact":
                all_exact = False
            if rc:
                v += f" (exit {rc}{', timed out' if rc == 124 else ''})"
                all_exact = False
            cells.append(v)
        print(f"| {r} | " + " | ".join(cells) + " |")

    print()
    print(f"PMTU reports against the expected path (steps: "
          f"{', '.join(f'{m} from hop {k}' for k, m in sorted(mtu_at.items()))}; path MTU {pmtu} at hop "
          f"{pmtu_ttl}, seen by the probe with TTL {pmtu_ttl + 1}), every run:")
    print()
    pcols = [("tracepath", "tracepath")]
    pcols.append(("traceroute-mtu", "traceroute --mtu"))
    pcols.append(("nd-trace-mtu", "nd-trace --mtu"))
    print("| run | " + " | ".join(c[1] for c in pcols) + " |")
    print("|---|" + "---|" * len(pcols))
    for r in range(1, rounds + 1):
        cells = []
        for tool, _ in pcols:
            got = runs.get(("pmtu", tool), {}).get(r)
            cells.append(pmtu_verdict(tool, got[2]) if got else "no run")
        print(f"| {r} | " + " | ".join(cells) + " |")

    print()
    print("Notes:")
    print()
    delays = ", ".join(f"+{d} ms each way behind hop {k}" for k, d in sorted(delay_at.items())) or "no delays"
    print(f"- The path: {len(expect['v4'])} hops, hop {meta['silent_ttl']} never sends time exceeded "
          f"(`* * *`), {delays}; links behind hops "
          f"{' and '.join(str(k) for k in sorted(mtu_at))} have MTU "
          f"{' and '.join(str(m) for _, m in sorted(mtu_at.items()))}. Learnt PMTUs are flushed "
          f"(`trace_flush_pmtu`) before every run, of every tool.")
    print("- Wall time is `date +%s%N` around `ip netns exec` + the tool, the same for all; the "
          "first run of each plain tool is a warm-up and not counted.")
    print("- `traceroute --mtu` implies `-F -N 1` (one probe at a time), so each of the silent "
          "hop's 3 probes waits the full MAX (5 s): that is most of its time. tracepath waits about "
          "1 s per silent probe; mtr sends 3 rounds of probes 1 s apart, then waits for late replies. These are the baselines for "
          "`nd-trace --mtu`.")
    print("- traceroute --mtu prints F=NUM at the first probe that needs the new MTU (the error comes "
          "from the hop before); tracepath prints \"pmtu N\" on the line of the hop that sent the "
          "error, numbered with the probe's TTL. Both are judged against that.")
    if not all_exact:
        print("- Not every hop list was exact: see the table above.")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
