#!/usr/bin/python3
"""Turn bench/dns.sh's raw results into Markdown tables (standard library only).

  dns_stats.py WORKDIR

WORKDIR holds
  runs.tsv        one line per run: part (name / batch), case, tool, run (0: warm-up), wall_ns, exit
                  code, queries the servers received from the client, queries they received from
                  the resolver (unbound), file, start and end (date +%s%N, for the capture)
  cases.tsv       the one-name cases: id, name, type, expected (ADDRESS, NXDOMAIN or TXT*N), final
                  name (where the CNAME / DNAME chain ends)
  batch.expected  the batch, in its order: "NAME TYPE EXPECTED [FINAL]"
  servers.tsv     "ADDRESS NAME": the lab's servers, the client and the resolver
  meta            key=value lines: rounds, batch_rounds, capture (1: capture.pcap exists), versions,
                  compilers_start/_end, cpu_start/_end, loadavg_start/_end
  capture.pcap    (with capture=1) every packet to port 53 on the servers' bridge during the runs
  the output of every run (FILE), its stderr (FILE.err) and the query counters (FILE.qlog).
"""
import collections
import ipaddress
import json
import pathlib
import re
import statistics
import struct
import sys

NAME_TOOLS = {  # tool -> label
    "nd-dns": "nd-dns",
    "nd-dns-noqmin": "nd-dns --no-qmin",
    "dig-hosts": "dig +trace, hosts",
    "dig-unbound": "dig +trace + unbound",
    "drill-hosts": "drill -T, hosts",
    "drill-unbound": "drill -T + unbound",
}
BATCH_TOOLS = {
    "nd-dns": "nd-dns -f",
    "nd-dns-noqmin": "nd-dns -f --no-qmin",
    "unbound": "unbound, cold (qname minimisation: its default)",
    "unbound-noqmin": "unbound, cold, qname-minimisation: no",
}
BATCH_BASE = {"nd-dns": "unbound", "nd-dns-noqmin": "unbound-noqmin"}
QTYPES = {1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 15: "MX", 16: "TXT", 28: "AAAA", 39: "DNAME",
          43: "DS", 48: "DNSKEY", 255: "ANY"}


def med(values):
    return statistics.median(values) if values else None


def fmt_num(x, digits=0):
    if x is None:
        return "—"
    if digits == 0 and float(x).is_integer():
        return str(int(x))
    return f"{x:.{digits if digits else 1}f}"


def fmt_med_range(values, digits=0):
    """'4' when every value is 4, else 'median (min–max)'."""
    if not values:
        return "—"
    lo, hi, m = min(values), max(values), med(values)
    if lo == hi:
        return fmt_num(m, digits)
    return f"{fmt_num(m, digits)} ({fmt_num(lo, digits)}–{fmt_num(hi, digits)})"


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "—"


# ---------------------------------------------------------------------------------------------
# Tools' outputs -> records

RR = re.compile(r"^(\S+)\s+(\d+)\s+(?:IN\s+)?([A-Z][A-Z0-9]*)\s+(.*)$")


def records(lines):
    """[(owner, type, data)] of the zone-file-style lines among LINES (comments skipped)."""
    out = []
    for line in lines:
        if not line or line.startswith(";"):
            continue
        m = RR.match(line.strip())
        if m:
            out.append((m.group(1).lower(), m.group(3), " ".join(m.group(4).split())))
    return out


def parse_nd(path):
    doc = json.loads(path.read_text())
    recs = [(r["name"].lower(), r["type"], r["data"]) for r in doc.get("answer", [])]
    return {"records": recs, "result": doc.get("result"), "doc": doc}


def parse_dig_trace(path):
    """The records of the last response dig +trace printed, the server it came from, and its
    error lines."""
    text = path.read_text(errors="replace")
    blocks, cur = [], []
    for line in text.splitlines():
        m = re.match(r"^;; Received \d+ bytes from (\S+)", line)
        if m:
            blocks.append((cur, m.group(1)))
            cur = []
        else:
            cur.append(line)
    final, last_from = (blocks[-1] if blocks else ([], None))
    errors = [ln.strip() for ln in text.splitlines()
              if re.search(r"couldn't get address|communications error|timed out|no servers|failed", ln)]
    return {"records": records(final), "from": last_from, "errors": errors}


def parse_drill(path):
    text = path.read_text(errors="replace")
    errors = [ln.strip() for ln in text.splitlines() if ln.startswith("Error") or "rror:" in ln]
    return {"records": records(text.splitlines()), "errors": errors}


def classify(recs, qname, qtype, expect, final, result=None):
    """'ok', 'partial' (a CNAME / DNAME chain not followed) or 'fail'."""
    qn, fn = qname.rstrip(".").lower() + ".", final.rstrip(".").lower() + "."
    if expect == "NXDOMAIN":
        if result is not None:
            return "ok" if result == "nxdomain" else "fail"
        soa = any(t == "SOA" for _, t, _ in recs)
        ans = any(o == qn and t == qtype for o, t, _ in recs)
        return "ok" if soa and not ans else "fail"
    if expect.startswith("TXT*"):
        n = sum(1 for o, t, _ in recs if o == fn and t == "TXT")
        return "ok" if n == int(expect[4:]) else "fail"
    if any(o == fn and t == qtype and d == expect for o, t, d in recs):
        return "ok"
    if any(t in ("CNAME", "DNAME") for _, t, _ in recs):
        return "partial"
    return "fail"


# ---------------------------------------------------------------------------------------------
# The capture

def dns_name(buf, off):
    labels, jumps = [], 0
    while off < len(buf):
        n = buf[off]
        if n == 0:
            return ".".join(labels).lower() + ".", off + 1
        if n & 0xC0:  # compression: not expected in a question, but follow it
            if off + 1 >= len(buf) or jumps > 10:
                break
            off = ((n & 0x3F) << 8) | buf[off + 1]
            jumps += 1
            continue
        labels.append(buf[off + 1:off + 1 + n].decode("ascii", "replace"))
        off += 1 + n
    return None, off


def read_queries(path):
    """[(ns, src, dst, proto, qname, qtype, rd)] of the DNS queries in a pcap file (Ethernet)."""
    data = path.read_bytes()
    if len(data) < 24:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    magic = struct.unpack(endian + "I", data[:4])[0]
    nano = magic == 0xA1B23C4D
    out, off = [], 24
    while off + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        pkt = data[off + 16:off + 16 + caplen]
        off += 16 + caplen
        ts = sec * 10**9 + (frac if nano else frac * 1000)
        if len(pkt) < 14:
            continue
        et = struct.unpack(">H", pkt[12:14])[0]
        p = pkt[14:]
        if et == 0x0800 and len(p) >= 20:
            ihl = (p[0] & 0x0F) * 4
            proto, src, dst = p[9], ipaddress.ip_address(p[12:16]), ipaddress.ip_address(p[16:20])
            tot = struct.unpack(">H", p[2:4])[0]
            l4 = p[ihl:tot]
        elif et == 0x86DD and len(p) >= 40:
            proto, src, dst = p[6], ipaddress.ip_address(p[8:24]), ipaddress.ip_address(p[24:40])
            l4 = p[40:40 + struct.unpack(">H", p[4:6])[0]]
        else:
            continue
        if proto == 17 and len(l4) >= 8:
            if struct.unpack(">H", l4[2:4])[0] != 53:
                continue
            msg, tp = l4[8:], "udp"
        elif proto == 6 and len(l4) >= 20:
            if struct.unpack(">H", l4[2:4])[0] != 53:
                continue
            doff = (l4[12] >> 4) * 4
            payload = l4[doff:]
            if len(payload) < 14:
                continue
            msg, tp = payload[2:], "tcp"
        else:
            continue
        if len(msg) < 12 or msg[2] & 0x80:  # a response, not a query
            continue
        qd = struct.unpack(">H", msg[4:6])[0]
        qname, qtype = None, None
        if qd:
            qname, o = dns_name(msg, 12)
            if qname is not None and o + 4 <= len(msg):
                qtype = QTYPES.get(struct.unpack(">H", msg[o:o + 2])[0], str(struct.unpack(">H", msg[o:o + 2])[0]))
        out.append((ts, str(src), str(dst), tp, qname, qtype, bool(msg[2] & 0x01)))
    return out


# ---------------------------------------------------------------------------------------------

def main(work):
    work = pathlib.Path(work)
    meta = {}
    for line in (work / "meta").read_text().splitlines():
        k, _, v = line.partition("=")
        meta[k] = v
    servers = {}
    for line in (work / "servers.tsv").read_text().splitlines():
        a, n = line.split("\t")
        servers[a] = n
    cases = []
    for line in (work / "cases.tsv").read_text().splitlines():
        if line.strip():
            cid, qn, qt, exp, fin = line.split("\t")
            cases.append({"id": cid, "name": qn, "type": qt, "expect": exp, "final": fin})
    case_by_id = {c["id"]: c for c in cases}
    batch = []
    for line in (work / "batch.expected").read_text().splitlines():
        f = line.split()
        if f:
            batch.append({"name": f[0], "type": f[1], "expect": f[2], "final": f[3] if len(f) > 3 else f[0]})

    queries = []
    if meta.get("capture") == "1" and (work / "capture.pcap").exists():
        queries = read_queries(work / "capture.pcap")

    runs = collections.defaultdict(dict)  # (part, case, tool) -> {run: record}
    for line in (work / "runs.tsv").read_text().splitlines():
        part, case, tool, run, wall_ns, rc, qc, qr, name, t0, t1 = line.split("\t")
        rec = {"wall_ms": int(wall_ns) / 1e6, "rc": int(rc), "qc": int(qc), "qr": int(qr), "file": work / name,
               "t0": int(t0), "t1": int(t1), "run": int(run)}
        rec["q"] = rec["qc"] + rec["qr"]
        if queries:
            rec["wire"] = [q for q in queries if rec["t0"] <= q[0] <= rec["t1"] + 3 * 10**9 and
                           q[0] >= rec["t0"]]
        runs[(part, case, tool)][int(run)] = rec
    # A run's capture window ends where the next run starts (unbound may still be at work after
    # its client has its answer; the counters waited for it too).
    starts = sorted(r["t0"] for rs in runs.values() for r in rs.values())
    for rs in runs.values():
        for r in rs.values():
            nxt = next((s for s in starts if s > r["t0"]), None)
            if queries and nxt is not None:
                r["wire"] = [q for q in r["wire"] if q[0] < nxt]

    start = {t: [v["wall_ms"] for v in rs.values()] for (part, _, t), rs in runs.items() if part == "start"}
    if queries:
        short = [f"{part} {case} {tool} {r}" for (part, case, tool), rs in runs.items() for r, v in rs.items()
                 if sum(1 for q in v["wire"] if servers.get(q[1]) in ("client", "unbound")) != v["q"]]
        if short:
            print(f"(The capture does not hold exactly the queries counted for {len(short)} run(s): "
                  + ", ".join(short[:8]) + ("…" if len(short) > 8 else "") + "; their breakdowns are partial.)")
            print()
    if cases and any(k[0] == "name" for k in runs):
        one_name(cases, runs, meta, servers, start)
    if batch and any(k[0] == "batch" for k in runs):
        batch_part(batch, runs, meta, servers, bool(queries))
    load(meta)


def one_name(cases, runs, meta, servers, start):
    tools = [t for t in NAME_TOOLS if any(("name", c["id"], t) in runs for c in cases)]
    stats = {}
    problems = []
    for c in cases:
        for t in tools:
            m = {r: v for r, v in runs.get(("name", c["id"], t), {}).items() if r >= 1}
            if not m:
                continue
            verdicts = collections.Counter()
            for r, v in sorted(m.items()):
                try:
                    if t.startswith("nd-dns"):
                        p = parse_nd(v["file"])
                        verdict = classify(p["records"], c["name"], c["type"], c["expect"], c["final"], p["result"])
                        why = p["doc"].get("failure") or p["result"]
                    elif t.startswith("dig"):
                        p = parse_dig_trace(v["file"])
                        verdict = classify(p["records"], c["name"], c["type"], c["expect"], c["final"])
                        last = servers.get(p["from"].split("#")[0], p["from"]) if p["from"] else "nothing"
                        got = ", ".join(sorted({f"{o} {ty}" for o, ty, _ in p["records"]})) or "no records"
                        why = f"last reply from {last}: {got}" + (f"; {p['errors'][-1]}" if p["errors"] else "")
                    else:
                        p = parse_drill(v["file"])
                        verdict = classify(p["records"], c["name"], c["type"], c["expect"], c["final"])
                        last = [f"{o} {ty}" for o, ty, _ in p["records"]][-2:]
                        why = (p["errors"][-1] if p["errors"] else "no answer; its last records: " + ", ".join(last))
                except (OSError, ValueError, KeyError) as e:
                    verdict, why = "fail", f"unreadable output ({e})"
                v["verdict"] = verdict
                verdicts[verdict] += 1
                if verdict != "ok":
                    v["why"] = why
                    if verdict == "fail":
                        problems.append(f"{c['name']} {c['type']}, {NAME_TOOLS[t]}, run {r} (exit {v['rc']}, "
                                        f"{v['q']} queries, {v['wall_ms']:.0f} ms): {why}")
            stats[(c["id"], t)] = {
                "q": [v["q"] for v in m.values()], "qc": [v["qc"] for v in m.values()],
                "qr": [v["qr"] for v in m.values()], "wall": [v["wall_ms"] for v in m.values()],
                "verdicts": verdicts, "n": len(m), "runs": m,
                # the medians over the runs that gave the whole answer
                "q_ok": [v["q"] for v in m.values() if v["verdict"] == "ok"],
            }

    n_rounds = meta.get("rounds", "?")
    print(f"#### One name, from the lab's root: {n_rounds} round(s) after a warm-up, the rows' order reversed every other round")
    print()
    print("Queries the lab's servers received per run (median, and min–max when the runs differ; "
          "\"+ unbound\": the tool's own queries + those the cold unbound sent to resolve the name-server "
          "names it was asked for). ✓ every run got the whole answer, ½ a CNAME / DNAME not followed, "
          "✗ failed runs (see below).")
    print()
    hdr = ["name"] + [NAME_TOOLS[t] for t in tools] + ["nd-dns / dig +trace (hosts; + unbound)",
                                                       "nd-dns / drill -T (hosts; + unbound)"]
    print("| " + " | ".join(hdr) + " |")
    print("|---|" + "---:|" * (len(hdr) - 1))

    def mark(s):
        v = s["verdicts"]
        if v["ok"] == s["n"]:
            return " ✓"
        parts = []
        if v["partial"]:
            parts.append("½" + ("" if v["partial"] == s["n"] else f"{v['partial']}/{s['n']}"))
        if v["fail"]:
            parts.append(f"✗{v['fail']}/{s['n']}")
        return " " + " ".join(parts)

    for c in cases:
        cells = [f"{c['name']} {c['type']}"]
        for t in tools:
            s = stats.get((c["id"], t))
            if not s:
                cells.append("—")
                continue
            if t.endswith("-unbound"):
                cell = f"{fmt_med_range(s['qc'])} + {fmt_med_range(s['qr'])} = {fmt_med_range(s['q'])}"
            else:
                cell = fmt_med_range(s["q"])
            cells.append(cell + mark(s))
        nd = stats.get((c["id"], "nd-dns"))
        for a, b in (("dig-hosts", "dig-unbound"), ("drill-hosts", "drill-unbound")):
            sa, sb = stats.get((c["id"], a)), stats.get((c["id"], b))
            if nd and sa and sb:
                cells.append(f"{ratio(med(nd['q']), med(sa['q']))}; {ratio(med(nd['q']), med(sb['q']))}")
            else:
                cells.append("—")
        print("| " + " | ".join(cells) + " |")
    print()

    print("Wall time per run, ms (median, and min–max), `ip netns exec` and process start-up included; "
          "the last column is nd-dns's own `elapsed_ms` (median), from its first query to its answer:")
    print()
    print("| " + " | ".join(hdr) + " | nd-dns's elapsed_ms |")
    print("|---|" + "---:|" * len(hdr))
    for c in cases:
        cells = [f"{c['name']} {c['type']}"]
        for t in tools:
            s = stats.get((c["id"], t))
            cells.append(fmt_med_range(s["wall"], 0) if s else "—")
        own = []
        for v in stats.get((c["id"], "nd-dns"), {}).get("runs", {}).values():
            try:
                own.append(json.loads(v["file"].read_text())["elapsed_ms"])
            except (OSError, ValueError, KeyError):
                pass
        nd = stats.get((c["id"], "nd-dns"))
        for a, b in (("dig-hosts", "dig-unbound"), ("drill-hosts", "drill-unbound")):
            sa, sb = stats.get((c["id"], a)), stats.get((c["id"], b))
            if nd and sa and sb:
                cells.append(f"{ratio(med(nd['wall']), med(sa['wall']))}; {ratio(med(nd['wall']), med(sb['wall']))}")
            else:
                cells.append("—")
        cells.append(f"{med(own):.1f}" if own else "—")
        print("| " + " | ".join(cells) + " |")
    tot = {t: sum(med(stats[(c["id"], t)]["wall"]) for c in cases if (c["id"], t) in stats) for t in tools}
    totq = {t: sum(med(stats[(c["id"], t)]["q"]) for c in cases if (c["id"], t) in stats) for t in tools}
    print("| **sum of the medians** | " + " | ".join(f"{tot[t]:.0f}" for t in tools) + " | "
          + f"{ratio(tot.get('nd-dns'), tot.get('dig-hosts'))}; {ratio(tot.get('nd-dns'), tot.get('dig-unbound'))} | "
          + f"{ratio(tot.get('nd-dns'), tot.get('drill-hosts'))}; {ratio(tot.get('nd-dns'), tot.get('drill-unbound'))} | |")
    print()
    if start:
        label = {"true": "`ip netns exec NS true`", "nd-dns": "`nd-dns --version`", "dig": "`dig -v`", "drill": "`drill -v`"}
        print("Start-up alone, median wall of " + str(max(len(v) for v in start.values())) + " runs each: "
              + ", ".join(f"{label.get(t, t)} {med(v):.1f} ms" for t, v in start.items()) + ".")
        print()
    print("Sum of the median query counts over the cases: " + ", ".join(
        f"{NAME_TOOLS[t]} {totq[t]:g}" for t in tools) + ".")
    print()

    # The goal: never more queries than dig +trace for one name.
    over = []
    for c in cases:
        nd, dg = stats.get((c["id"], "nd-dns")), stats.get((c["id"], "dig-hosts"))
        if nd and dg and max(nd["q"]) > min(dg["q"]):
            dv = dg["verdicts"]
            note = ("dig +trace stops at the CNAME / DNAME" if dv["partial"] else
                    f"dig +trace failed {dv['fail']}/{dg['n']}" if dv["fail"] else "")
            du = stats.get((c["id"], "dig-unbound"))
            if not note and du and med(du["qr"]):
                note = (f"dig +trace took the name servers' addresses from /etc/hosts; looking them up "
                        f"through unbound it costs {fmt_med_range(du['q'])}")
            over.append(f"{c['name']} {c['type']} (nd-dns {fmt_med_range(nd['q'])} vs dig +trace "
                        f"{fmt_med_range(dg['q'])}{': ' + note if note else ''})")
    print("Goal, never more queries than dig +trace for one name (nd-dns's most against dig +trace's "
          "fewest, hosts row: its own queries only): " + ("**met** in every case." if not over else
                                                          "**not met** for " + "; ".join(over) + "."))
    # dig +trace does not follow a chain: the whole chain by hand, as the sum of its links.
    chains = {"chain": ["chain", "alias", "plain"], "dname": ["dname", "plain"]}
    hand = []
    for cid, links in chains.items():
        if all((lk, "dig-hosts") in stats for lk in links) and (cid, "nd-dns") in stats:
            s = sum(med(stats[(lk, "dig-hosts")]["q"]) for lk in links)
            su = sum(med(stats[(lk, "dig-unbound")]["q"]) for lk in links if (lk, "dig-unbound") in stats)
            w = sum(med(stats[(lk, "dig-hosts")]["wall"]) for lk in links)
            hand.append(f"{case_name(cid)}: dig +trace once per link ({' + '.join(case_name(lk) for lk in links)}) "
                        f"= {s:g} queries ({su:g} with unbound's), {w:.0f} ms, against nd-dns's "
                        f"{med(stats[(cid, 'nd-dns')]['q']):g} queries, {med(stats[(cid, 'nd-dns')]['wall']):.0f} ms")
    if hand:
        print("Following the chain with dig by hand: " + "; ".join(hand) + ".")
    print()
    if problems:
        print("Runs that did not get the answer (a CNAME / DNAME chain not followed is not listed):")
        print()
        for p in problems:
            print(f"- {p}")
        print()

    # What each row asked, round 1 (from the counters: server × queries).
    print("Where the queries went, round 1 (server: queries; the tool's own, then unbound's):")
    print()
    print("| name | row | the tool's queries | unbound's queries |")
    print("|---|---|---|---|")
    for c in cases:
        for t in tools:
            s = stats.get((c["id"], t))
            if not s or 1 not in s["runs"]:
                continue
            v = s["runs"][1]
            own, ub = qlog(v["file"], servers)
            wire = ""
            if "wire" in v:
                seq = [f"{q[4]}/{q[5]}" for q in v["wire"] if servers.get(q[1]) == "client"]
                if seq:
                    wire = " — asked: " + " ".join(compress(seq))
            print(f"| {c['name']} {c['type']} | {NAME_TOOLS[t]} | {own or '—'}{wire} | {ub or '—'} |")
    print()


def case_name(cid):
    return {"chain": "www.chain.lab", "alias": "alias.other.test", "plain": "www.plain.lab",
            "dname": "www.old.lab"}.get(cid, cid)


def compress(seq):
    """['a', 'a', 'b'] -> ['a ×2', 'b'] (runs of the same item)."""
    out = []
    for x in seq:
        if out and out[-1][0] == x:
            out[-1][1] += 1
        else:
            out.append([x, 1])
    return [x if n == 1 else f"{x} ×{n}" for x, n in out]


def short_server(name):
    m = re.match(r"^([ab])\.(root\.lab|nic\.lab|nic\.test)$", name)
    return name if not m else f"{m.group(1)}.{m.group(2)}"


def qlog(path, servers):
    """(the client's queries, the resolver's) as 'server ×n' lists from FILE.qlog."""
    own, ub = collections.Counter(), collections.Counter()
    p = pathlib.Path(str(path) + ".qlog")
    if not p.exists():
        return "", ""
    for line in p.read_text().splitlines():
        f = line.split()
        if len(f) < 4:
            continue
        src, dst, proto, n = f[0], f[1], f[2], int(f[3])
        who = servers.get(src, src)
        key = servers.get(dst, dst) + ("/tcp" if proto == "tcp" else "")
        (own if who == "client" else ub)[key] += n

    def fmt(cn):
        return ", ".join(f"{k} {n}" for k, n in sorted(cn.items(), key=lambda kv: (-kv[1], kv[0])))
    return fmt(own), fmt(ub)


def parse_dig_batch(path):
    """[(qname, qtype, status, records)] of dig -f's output, in order."""
    text = path.read_text(errors="replace")
    out = []
    for block in re.split(r"\n(?=; <<>> DiG )", text):
        m = re.search(r"<<>> DiG \S+ <<>> (\S+)(?: (\S+))?", block)
        if not m:
            continue
        st = re.search(r"status: (\w+)", block)
        ans = re.search(r";; ANSWER SECTION:\n(.*?)(?:\n\n|\Z)", block, re.S)
        recs = records(ans.group(1).splitlines()) if ans else []
        out.append((m.group(1), m.group(2) or "A", st.group(1) if st else "no answer", recs))
    return out


def batch_part(batch, runs, meta, servers, have_cap):
    tools = [t for t in BATCH_TOOLS if ("batch", "list", t) in runs]
    n = len(batch)
    stats = {}
    bad = collections.defaultdict(list)
    for t in tools:
        m = runs[("batch", "list", t)]
        for r, v in sorted(m.items()):
            ok = 0
            try:
                if t.startswith("nd-dns"):
                    doc = json.loads(v["file"].read_text())
                    v["doc"] = doc
                    res = doc["resolutions"]
                    for b, x in zip(batch, res):
                        recs = [(a["name"].lower(), a["type"], a["data"]) for a in x["answer"]]
                        verdict = classify(recs, b["name"], b["type"], b["expect"], b["final"], x["result"])
                        ok += verdict == "ok"
                        if verdict != "ok":
                            bad[t].append(f"run {r}: {b['name']} {b['type']}: {x['result']} {x.get('failure') or ''}")
                    v["nd_elapsed"] = doc.get("elapsed_ms")
                else:
                    res = parse_dig_batch(v["file"])
                    for b, (qn, qt, st, recs) in zip(batch, res):
                        if qn.rstrip(".") != b["name"]:
                            bad[t].append(f"run {r}: out of step at {b['name']} ({qn})")
                            break
                        verdict = classify(recs, b["name"], b["type"], b["expect"], b["final"],
                                           st.lower() if b["expect"] == "NXDOMAIN" else None)
                        ok += verdict == "ok"
                        if verdict != "ok":
                            bad[t].append(f"run {r}: {b['name']} {b['type']}: {st}")
            except (OSError, ValueError, KeyError) as e:
                bad[t].append(f"run {r}: unreadable output ({e})")
            v["ok"] = ok
        dead = {a for a, nme in servers.items() if nme == "ns1.dead.lab"}
        for v in m.values():
            v["dead_ms"] = dead_wait_ms(v["wire"], dead, servers) if have_cap and "wire" in v else None
        stats[t] = {"q": [v["q"] for v in m.values()], "qc": [v["qc"] for v in m.values()],
                    "qr": [v["qr"] for v in m.values()], "wall": [v["wall_ms"] for v in m.values()],
                    "ok": [v["ok"] for v in m.values()], "runs": m}

    print(f"#### Batch: {n} names, {meta.get('batch_rounds', '?')} round(s), the order reversed every other round")
    print()
    print("| row | queries to the servers | median wall (s) | min … max (s) | of which waiting on ns1.dead.lab, "
          "median (s) | wall minus that, median (s) | answers right | nd-dns / unbound, queries | "
          "nd-dns / unbound, time (minus the waits) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t in tools:
        stats[t]["rest"] = [v["wall_ms"] - v["dead_ms"] for v in stats[t]["runs"].values()
                            if v.get("dead_ms") is not None]
    for t in tools:
        s = stats[t]
        base = BATCH_BASE.get(t)
        dw = [v["dead_ms"] for v in s["runs"].values() if v.get("dead_ms") is not None]
        rq = ratio(med(s["q"]), med(stats[base]["q"])) if base in stats else "—"
        rt = ratio(med(s["wall"]), med(stats[base]["wall"])) if base in stats else "—"
        if base in stats and s["rest"] and stats[base].get("rest"):
            rt += f" ({ratio(med(s['rest']), med(stats[base]['rest']))})"
        if base in stats:
            rq = f"**{rq}**"
        print(f"| {BATCH_TOOLS[t]} | {fmt_med_range(s['q'])} | {med(s['wall']) / 1000:.3f} | "
              f"{min(s['wall']) / 1000:.3f} … {max(s['wall']) / 1000:.3f} | "
              + (f"{med(dw) / 1000:.3f} | {med(s['rest']) / 1000:.3f}" if dw else "— | —")
              + f" | {fmt_med_range(s['ok'])} / {n} | {rq} | {rt} |")
    print()
    print("Every run (round: queries, wall time in s, of which waiting on ns1.dead.lab):")
    print()
    rounds = sorted({r for t in tools for r in stats[t]["runs"]})
    print("| round | " + " | ".join(BATCH_TOOLS[t] for t in tools) + " |")
    print("|---|" + "---:|" * len(tools))
    for r in rounds:
        cells = []
        for t in tools:
            v = stats[t]["runs"].get(r)
            if v is None:
                cells.append("—")
                continue
            cells.append(f"{v['q']}, {v['wall_ms'] / 1000:.3f}"
                         + (f" ({v['dead_ms'] / 1000:.3f})" if v.get("dead_ms") is not None else ""))
        print(f"| {r} | " + " | ".join(cells) + " |")
    print()
    for t in tools:
        if bad[t]:
            print(f"{BATCH_TOOLS[t]}: " + "; ".join(bad[t][:12]) + (" …" if len(bad[t]) > 12 else ""))
            print()
    over = [f"{BATCH_TOOLS[t]} {med(stats[t]['q']):g} > {med(stats[b]['q']):g}"
            for t, b in BATCH_BASE.items() if t in stats and b in stats and med(stats[t]["q"]) > med(stats[b]["q"])]
    print("Goal, no more queries than unbound for the batch: " +
          ("**met**." if not over else "**not met**: " + "; ".join(over) + "."))
    print()

    # Where nd-dns's queries go, from its JSON (round 1).
    for t in ("nd-dns", "nd-dns-noqmin"):
        if t not in stats or 1 not in stats[t]["runs"] or "doc" not in stats[t]["runs"][1]:
            continue
        doc = stats[t]["runs"][1]["doc"]
        per = collections.Counter(x["queries_sent"] for x in doc["resolutions"])
        outcomes = collections.Counter(s["outcome"] for x in doc["resolutions"] for s in x["steps"])
        deps = sum(1 for x in doc["resolutions"] for s in x["steps"] if s["depth"] > 0)
        print(f"{BATCH_TOOLS[t]}, round 1, from its JSON: {doc['queries_sent']} queries in "
              f"{doc['elapsed_ms'] / 1000:.3f} s (its own elapsed_ms); names by queries they took: "
              + ", ".join(f"{k}: {v}" for k, v in sorted(per.items()))
              + "; steps by outcome: " + ", ".join(f"{k} {v}" for k, v in outcomes.most_common())
              + f"; {deps} of them for a name server's address (depth > 0).")
        # Queries a cache of answers and of bad servers would have saved.
        answered, bad_servers = set(), set()
        again, again_names, to_bad, to_bad_wait, cached = 0, collections.Counter(), 0, 0, 0
        for x in doc["resolutions"]:
            for st in x["steps"]:
                if st.get("cached"):  # answered from its own cache: no query
                    cached += 1
                    continue
                key = (st["query"]["name"].lower(), st["query"]["type"])
                addr = st["server"]["address"]
                if key in answered and st["outcome"] in ("answer", "cname", "dname", "nxdomain", "nodata"):
                    again += 1
                    again_names[f"{key[0]}/{key[1]}"] += 1
                if addr in bad_servers:
                    to_bad += 1
                    if st["outcome"] == "timeout":
                        to_bad_wait += 1
                if st["outcome"] in ("answer", "cname", "dname", "nxdomain", "nodata") and "aa" in st["flags"]:
                    answered.add(key)
                if st["outcome"] in ("timeout", "refused"):
                    bad_servers.add(addr)
        print()
        print(f"{cached} steps came from its cache of answers (no query sent). "
              f"Of the queries, {again} asked again for an authoritative answer it had already received earlier in "
              f"the batch (" + (", ".join(f"{k} ×{v}" for k, v in again_names.most_common()) or "none")
              + f": CNAME / DNAME targets and names that are also in the list), and {to_bad} went to a server "
              f"that had already timed out or refused earlier in the batch ({to_bad_wait} of them timed out again).")
        many = [x for x in doc["resolutions"] if x["queries_sent"] >= 2]
        if many:
            print()
            print("Names that took 2 queries or more: " + "; ".join(
                f"{x['question']['name']} {x['question']['type']} {x['queries_sent']} ("
                + ", ".join(compress([f"{s['zone']} {s['query']['name']}/{s['query']['type']}→{s['outcome']}"
                                      + (" (cached)" if s.get("cached") else "")
                                      + (f"@{short_server((s['server'].get('name') or s['server']['address']).rstrip('.'))}"
                                         if s['outcome'] in ('timeout', 'refused') else "")
                                      for s in x["steps"]])) + ")"
                for x in many))
        print()

    # The capture: nd-dns's queries against unbound's, by server and by (name, type).
    if not have_cap:
        return
    print("From the capture, round 1: queries per server (UDP + TCP):")
    print()
    ts = [t for t in tools if 1 in stats[t]["runs"] and "wire" in stats[t]["runs"][1]]
    per_server = {}
    for t in ts:
        w = [q for q in stats[t]["runs"][1]["wire"] if servers.get(q[1]) in ("client", "unbound")]
        per_server[t] = collections.Counter(servers.get(q[2], q[2]) for q in w)
        stats[t]["wire1"] = w
    names = sorted({k for c in per_server.values() for k in c}, key=lambda s: (server_rank(s), s))
    print("| server | " + " | ".join(BATCH_TOOLS[t] for t in ts) + " |")
    print("|---|" + "---:|" * len(ts))
    for s in names:
        print(f"| {s} | " + " | ".join(str(per_server[t].get(s, 0)) for t in ts) + " |")
    print("| **total** | " + " | ".join(f"**{sum(per_server[t].values())}**" for t in ts) + " |")
    print()
    for t, b in BATCH_BASE.items():
        if t not in ts or b not in ts:
            continue
        a_ = collections.Counter((q[4], q[5]) for q in stats[t]["wire1"])
        b_ = collections.Counter((q[4], q[5]) for q in stats[b]["wire1"])
        more = a_ - b_
        less = b_ - a_
        print(f"{BATCH_TOOLS[t]} against {BATCH_TOOLS[b]}, round 1, by (name, type) asked: "
              f"{sum(more.values())} queries more, {sum(less.values())} fewer.")
        print()
        print(f"- nd-dns asked more often: " + (", ".join(f"{k[0]}/{k[1]} +{v}" for k, v in sorted(
            more.items(), key=lambda kv: (-kv[1], kv[0]))) or "nothing"))
        print(f"- unbound asked more often: " + (", ".join(f"{k[0]}/{k[1]} +{v}" for k, v in sorted(
            less.items(), key=lambda kv: (-kv[1], kv[0]))) or "nothing"))
        print()


def dead_wait_ms(wire, dead, servers):
    """Time spent waiting on the dead server: from the first query of each streak of queries to it
    to the next query (of the same tool or resolver) to any other server."""
    total, start = 0.0, None
    for q in wire:
        if servers.get(q[1]) not in ("client", "unbound"):
            continue
        if q[2] in dead:
            if start is None:
                start = q[0]
        elif start is not None:
            total += (q[0] - start) / 1e6
            start = None
    return total


def server_rank(name):
    order = ["a.root.lab", "b.root.lab", "a.nic.lab", "b.nic.lab", "a.nic.test", "b.nic.test"]
    return order.index(name) if name in order else len(order)


def load(meta):
    def cpu(s):
        f = [int(x) for x in s.split()[1:]]
        return f[3] + (f[4] if len(f) > 4 else 0), sum(f)
    try:
        i0, t0 = cpu(meta["cpu_start"])
        i1, t1 = cpu(meta["cpu_end"])
        busy = 100 * (1 - (i1 - i0) / (t1 - t0)) if t1 > t0 else 0
        print(f"Machine during the run: compilers running {meta.get('compilers_start', '?')} at the start, "
              f"{meta.get('compilers_end', '?')} at the end; all CPUs {busy:.0f} % busy over the run; load average "
              f"{meta.get('loadavg_start', '?')} → {meta.get('loadavg_end', '?')}.")
    except (KeyError, ValueError, IndexError):
        pass


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
