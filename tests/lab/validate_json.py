#!/usr/bin/python3
"""Validate nd-ping --json / --ndjson output against the netdiag.ping/1 JSON Schema.

  validate_json.py --schema SCHEMA [--ndjson] [--targets N] [FILE|-]

--json output (default): exactly one JSON value: a document (one target) or a non-empty array of
documents (several targets); each must validate against SCHEMA. With --targets N: N == 1 wants a
single object, N > 1 an array of N documents.

--ndjson output: every line is one JSON object with a string "event". The summary events
({"event": "summary", ...the whole document...}) come last, one per target; each one, without its
"event" key if SCHEMA does not allow it, must validate against SCHEMA (a summary that nests the document under "document" is
accepted too). "reply" and "error" events must carry "target"; when SCHEMA describes replies[] /
errors[] items, the event (without "event" and "target" if SCHEMA does not allow them) must
validate as one. With --targets N
there must be N summaries.

Also checked, as DESIGN.md asks: "schema" is "netdiag.ping/1", and started_at / received_at are
RFC 3339 UTC timestamps (jsonschema's own "format" check needs modules Debian may not have).

Exit 0 valid, 1 invalid (reasons on stdout), 2 usage error or unreadable schema.
Needs python3-jsonschema (run with /usr/bin/python3 on Debian).
"""
import argparse
import json
import re
import sys

try:
    import jsonschema
except ImportError:  # pragma: no cover
    print("validate_json.py: the jsonschema module is missing (apt install python3-jsonschema; "
          "use /usr/bin/python3)", file=sys.stderr)
    sys.exit(2)

RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


class Checker:
    def __init__(self, schema):
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        self.schema = schema
        self.cls = cls
        self.validator = cls(schema, format_checker=jsonschema.FormatChecker())
        self.problems = []
        self.item_validators = {}
        props = schema.get("properties", {}) if isinstance(schema, dict) else {}
        for key in ("replies", "errors"):
            items = props.get(key, {}).get("items") if isinstance(props.get(key), dict) else None
            if isinstance(items, dict):
                self.item_validators[key] = self._sub_validator(items)

    def _sub_validator(self, sub):
        try:  # jsonschema >= 4.18
            from referencing import Registry, Resource  # type: ignore
            resource = Resource.from_contents(self.schema, default_specification=None)
            registry = Registry().with_resource(self.schema.get("$id", ""), resource)
            return self.cls(sub, registry=registry, format_checker=jsonschema.FormatChecker())
        except Exception:  # noqa: BLE001 — older jsonschema: RefResolver
            resolver = jsonschema.RefResolver.from_schema(self.schema)
            return self.cls(sub, resolver=resolver, format_checker=jsonschema.FormatChecker())

    def problem(self, where, msg):
        self.problems.append(f"{where}: {msg}")

    def _errors(self, validator, value, where):
        for err in sorted(validator.iter_errors(value), key=lambda e: list(e.path)):
            path = "/".join(str(p) for p in err.path) or "(root)"
            self.problem(where, f"at {path}: {err.message[:300]}")

    def _lenient(self, validator, value, extra_keys, where):
        """Validate value as it is; if that fails, validate it without extra_keys (the event
        wrapper keys a schema may or may not describe) and report only that attempt's errors."""
        if validator.is_valid(value):
            return
        stripped = {k: v for k, v in value.items() if k not in extra_keys}
        self._errors(validator, stripped, where)

    def document(self, doc, where):
        if not isinstance(doc, dict):
            self.problem(where, f"a document must be an object, got {type(doc).__name__}")
            return
        self._lenient(self.validator, doc, ("event",), where)
        if doc.get("schema") != "netdiag.ping/1":
            self.problem(where, f'"schema" is {doc.get("schema")!r}, want "netdiag.ping/1"')
        self._timestamp(doc, "started_at", where, required=True)
        for i, r in enumerate(doc.get("replies") or []):
            if isinstance(r, dict):
                self._timestamp(r, "received_at", f"{where} replies[{i}]")

    def event_item(self, kind, ev, where):
        if "target" not in ev:
            self.problem(where, f'a "{kind}" event has no "target"')
        key = "replies" if kind == "reply" else "errors"
        if key in self.item_validators:
            self._lenient(self.item_validators[key], ev, ("event", "target"), where)
        if kind == "reply":
            self._timestamp(ev, "received_at", where)

    def _timestamp(self, obj, key, where, required=False):
        if key not in obj or obj[key] is None:
            if required:
                self.problem(where, f'"{key}" is missing')
            return
        if not isinstance(obj[key], str) or not RFC3339_UTC.match(obj[key]):
            self.problem(where, f'"{key}" is {obj[key]!r}, not an RFC 3339 UTC time (...Z)')


def check_json(checker, text, targets):
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        checker.problem("output", f"not exactly one JSON value: {e}; starts with {text[:200]!r}")
        return
    if isinstance(value, list):
        if not value:
            checker.problem("output", "an empty array")
        if targets is not None and targets == 1:
            checker.problem("output", "one target wants one document, not an array")
        if targets is not None and len(value) != targets:
            checker.problem("output", f"{len(value)} documents for {targets} targets")
        for i, doc in enumerate(value):
            checker.document(doc, f"document [{i}]")
    else:
        if targets is not None and targets != 1:
            checker.problem("output", f"{targets} targets want an array, got one value")
        checker.document(value, "document")


def check_ndjson(checker, text, targets):
    if not text.strip():
        checker.problem("output", "empty")
        return
    if not text.endswith("\n"):
        checker.problem("output", "the last line is not terminated by a newline")
    summaries = 0
    seen_summary = False
    for n, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
        where = f"line {n}"
        if not line.strip():
            checker.problem(where, "an empty line")
            continue
        try:
            ev = json.loads(line)
        except json.JSONDecodeError as e:
            checker.problem(where, f"not JSON: {e}: {line[:200]!r}")
            continue
        if not isinstance(ev, dict):
            checker.problem(where, "not a JSON object")
            continue
        kind = ev.get("event")
        if not isinstance(kind, str):
            checker.problem(where, 'no string "event"')
            continue
        if kind == "summary":
            seen_summary = True
            summaries += 1
            doc = ev["document"] if isinstance(ev.get("document"), dict) else ev
            checker.document(doc, f"{where} (summary)")
        else:
            if seen_summary:
                checker.problem(where, f'a "{kind}" event after the summary: summaries come last')
            if kind in ("reply", "error"):
                checker.event_item(kind, ev, where)
    if summaries == 0:
        checker.problem("output", 'no "summary" event')
    if targets is not None and summaries != targets:
        checker.problem("output", f"{summaries} summary events for {targets} targets")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schema", required=True)
    ap.add_argument("--ndjson", action="store_true")
    ap.add_argument("--targets", type=int)
    ap.add_argument("file", nargs="?", default="-")
    args = ap.parse_args()
    try:
        with open(args.schema, encoding="utf-8") as f:
            schema = json.load(f)
        checker = Checker(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"validate_json.py: cannot use schema {args.schema}: {e}", file=sys.stderr)
        return 2
    if args.file == "-":
        text = sys.stdin.read()
    else:
        with open(args.file, encoding="utf-8") as f:
            text = f.read()
    (check_ndjson if args.ndjson else check_json)(checker, text, args.targets)
    if checker.problems:
        for p in checker.problems[:40]:
            print(p)
        if len(checker.problems) > 40:
            print(f"... and {len(checker.problems) - 40} more")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
