#!/usr/bin/python3
"""Evaluate a Python expression over a JSON (or NDJSON) file, for the lab tests' assertions.

  jcheck.py FILE EXPR [SHOW]   exit 0 when EXPR is true; 1 when false (prints SHOW's value, or a
                               digest of the document); 2 when FILE is not JSON / EXPR raises
  jcheck.py --get FILE EXPR    print EXPR's value (strings bare, everything else as JSON)

In EXPR, d is the parsed document: the JSON value of FILE, or for NDJSON (FILE is not one JSON
value but every non-empty line is) the list of the lines' values. statistics and math are
imported, and E is os.environ (pass values from the shell with export). Standard library only.
"""
import json
import math  # noqa: F401  (for expressions)
import os
import statistics  # noqa: F401
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return json.loads(text)
    except json.JSONDecodeError as first:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1:
            try:
                return [json.loads(ln) for ln in lines]
            except json.JSONDecodeError:
                pass
        raise ValueError(f"{path} is not JSON ({first}); it starts with: {text[:300]!r}")


def digest(d):
    def one(doc):
        if isinstance(doc, dict) and "packets_transmitted" in doc:
            keys = ("target", "socket", "packets_transmitted", "packets_received", "duplicates",
                    "packet_loss_percent", "round_trip_ms_min", "round_trip_ms_avg",
                    "round_trip_ms_max", "interrupted")
            out = {k: doc.get(k) for k in keys if k in doc}
            out["replies"] = [(r.get("icmp_seq"), r.get("ttl"), r.get("rtt_ms"))
                              for r in doc.get("replies", [])][:12]
            out["errors"] = doc.get("errors", [])[:4]
            return out
        return doc
    if isinstance(d, list):
        return [one(x) for x in d]
    return one(d)


def main(argv):
    get = False
    if argv and argv[0] == "--get":
        get = True
        argv = argv[1:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path, expr = argv[0], argv[1]
    show = argv[2] if len(argv) > 2 else ""
    try:
        d = load(path)
    except (OSError, ValueError) as e:
        print(f"cannot read JSON: {e}")
        return 2
    env = {"d": d, "math": math, "statistics": statistics, "E": os.environ}
    try:
        value = eval("(" + expr + "\n)", env)  # noqa: S307 — the test scripts' own; in parentheses so they may span lines
    except Exception as e:  # noqa: BLE001
        print(f"error evaluating it: {type(e).__name__}: {e}; document: "
              f"{json.dumps(digest(d))[:1200]}")
        return 2
    if get:
        print(value if isinstance(value, str) else json.dumps(value))
        return 0
    if value:
        return 0
    try:
        shown = eval(show, env) if show else digest(d)
    except Exception as e:  # noqa: BLE001
        shown = f"({type(e).__name__}: {e})"
    print("got: " + json.dumps(shown, default=str)[:1500])
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
