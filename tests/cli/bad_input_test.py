#!/usr/bin/env python3
"""Bad command lines and targets for every tool: each must exit 2 with exactly one line on stderr,
"TOOL: " and what is wrong (a pattern per case), nothing on stdout, within a few seconds, and
never a crash, an uncaught exception or a sanitizer report.

Every case runs in a network namespace of its own with nothing but a loopback that is down
(`unshare --net`, or `unshare --map-root-user --net` without root), so nothing can leave the
machine even if a case were not refused, and no name lookup waits for a resolver.

    bad_input_test.py BIN_DIR
"""
import re
import subprocess
import sys
from pathlib import Path

LONG_NAME = ".".join(["a" * 50] * 6)  # 305 characters
LONG_LABEL = "a" * 64 + ".lab"
ADDR4, ADDR6 = "198.18.0.1", "fd00::1"

# (tool, arguments, a pattern the one line must contain)
CASES = [
    ("nd-ping", [], r"give a host name or address"),
    ("nd-ping", ["-c", "abc", ADDR4], r"-c"),
    ("nd-ping", ["-c", "-1", ADDR4], r"'-1' is not a whole number"),
    ("nd-ping", ["-c", "0", ADDR4], r"-c 0: give a count of at least 1"),
    ("nd-ping", ["-s", "65508", ADDR4], r"-s 65508: give a data size from 0 to 65507"),
    ("nd-ping", ["-t", "0", ADDR4], r"-t 0: give a TTL from 1 to 255"),
    ("nd-ping", ["-t", "256", ADDR4], r"-t 256: give a TTL from 1 to 255"),
    ("nd-ping", ["-i", "-1", ADDR4], r"-i -1: give a non-negative number of seconds"),
    ("nd-ping", ["-W", "0", ADDR4], r"-W 0: give a positive number of seconds"),
    ("nd-ping", ["-M", "sometimes", ADDR4], r"-M sometimes: use do, want or dont"),
    ("nd-ping", ["-p", "zz", ADDR4], r"-p zz: 'z' is not a hex digit"),
    ("nd-ping", ["-I", "nosuchif0", ADDR4], r"nosuchif0"),
    ("nd-ping", ["-4", "-6", ADDR4], r"-4 and -6 exclude each other"),
    ("nd-ping", ["--json", "--ndjson", ADDR4], r"--json and --ndjson exclude each other"),
    ("nd-ping", ["-4", ADDR6], r"fd00::1 is an ipv6 address but -4 was given"),
    ("nd-ping", ["--color", "sometimes", ADDR4], r"--color"),
    ("nd-ping", ["--bogus", ADDR4], r"--bogus"),
    ("nd-ping", [LONG_NAME], r"is not a host name: name longer than 255 bytes"),
    ("nd-ping", [LONG_LABEL], r"is not a host name: label longer than 63"),
    ("nd-ping", ["a..b.lab"], r"is not a host name: empty label"),
    ("nd-ping", [""], r"the host name is empty"),
    ("nd-ping", ["198.18.0.0/15"], r"198\.18\.0\.0/15.*prefix"),
    ("nd-trace", [], r"give a host name or address to trace"),
    ("nd-trace", ["-f", "10", "-m", "5", ADDR4], r"-f 10: give a first TTL from 1 to the maximum \(5\)"),
    ("nd-trace", ["-m", "0", ADDR4], r"-m 0: give a TTL from 1 to 255"),
    ("nd-trace", ["-m", "256", ADDR4], r"-m 256: give a TTL from 1 to 255"),
    ("nd-trace", ["-q", "0", ADDR4], r"-q 0: give 1 to 10 probes per hop"),
    ("nd-trace", ["-p", "0", ADDR4], r"-p 0: give a port from 1 to 65535"),
    ("nd-trace", ["-p", "65536", ADDR4], r"-p 65536: give a port from 1 to 65535"),
    ("nd-trace", ["-I", "-T", ADDR4], r"-U, -I and -T exclude each other"),
    ("nd-trace", ["-i", "nosuchif0", ADDR4], r"nosuchif0"),
    ("nd-trace", [ADDR4, "-5"], r"packetlen -5: give a size from 0 to 65535"),
    ("nd-trace", [ADDR4, "65536"], r"packetlen 65536: give a size from 0 to 65535"),
    ("nd-trace", [ADDR4, "big"], r"packetlen big: give a size"),
    ("nd-trace", ["-w", "-1", ADDR4], r"-w -1: give MAX\[,HERE,NEAR\]"),
    ("nd-trace", ["--json", "--ndjson", ADDR4], r"--json and --ndjson exclude each other"),
    ("nd-trace", [LONG_NAME], r"is not a host name: name longer than 255 bytes"),
    ("nd-trace", [""], r"the host name is empty"),
    ("nd-trace", ["fd00::/8"], r"fd00::/8.*prefix"),
    ("nd-tcp", [], r"give a host and the ports"),
    ("nd-tcp", [ADDR4], r"give the ports to test after the host"),
    ("nd-tcp", [ADDR4, "0"], r"'0' is out of range; give ports from 1 to 65535"),
    ("nd-tcp", [ADDR4, "65536"], r"'65536' is out of range"),
    ("nd-tcp", [ADDR4, "90-80"], r"the range '90-80' runs backwards"),
    ("nd-tcp", [ADDR4, "80-"], r"'80-' is not a port or a range"),
    ("nd-tcp", ["198.18.0.0/0", "80"], r"198\.18\.0\.0/0.*prefix"),
    ("nd-tcp", ["fd00::/0", "80"], r"fd00::/0.*prefix"),
    ("nd-tcp", ["-c", "-1", ADDR4, "80"], r"'-1' is not a whole number"),
    ("nd-tcp", ["-I", "nosuchif0", ADDR4, "80"], r"-I nosuchif0: no such interface"),
    ("nd-tcp", ["-4", "-6", ADDR4, "80"], r"-4 and -6 exclude each other"),
    ("nd-tcp", [LONG_NAME, "80"], r"is not a host name: name longer than 255 bytes"),
    ("nd-arp", [], r"give a neighbour to ask for"),
    ("nd-arp", ["-I", "nosuchif0", ADDR4], r"-I nosuchif0: no such interface"),
    ("nd-arp", ["-I", "lo", ADDR4], r"interface lo cannot do ARP"),
    ("nd-arp", ["-I", "lo", "--scan", "198.18.0.0/0"], r"a /0 is more than a scan covers"),
    ("nd-arp", ["-I", "lo", "--scan", "198.18.0.0/33"], r"a prefix length is 0 to 32"),
    ("nd-arp", ["-I", "lo", "--scan", "198.18.0.9-198.18.0.1"], r"the range runs backwards"),
    ("nd-arp", ["-c", "-1", "-I", "lo", ADDR4], r"'-1' is not a whole number"),
    ("nd-arp", ["-D", "-U", "-I", "lo", ADDR4], r"-D checks an address and -U/-A announce one"),
    ("nd-arp", ["-I", "lo", ADDR6], r"fd00::1 is an ipv6 address"),
    ("nd-arp", ["-I", "lo", LONG_NAME], r"is not a host name: name longer than 255 bytes"),
    ("nd-arp", ["-w", "-1", "-I", "lo", ADDR4], r"-w -1: give a positive number of seconds"),
    ("nd-dns", [], r"give a name to resolve"),
    ("nd-dns", [LONG_NAME], r"is not a domain name: name longer than 255 bytes"),
    ("nd-dns", [LONG_LABEL], r"is not a domain name: label longer than 63"),
    ("nd-dns", ["a..b.lab"], r"is not a domain name: empty label"),
    ("nd-dns", [""], r"the domain name is empty"),
    ("nd-dns", ["-t", "BOGUS", "x.lab"], r"'BOGUS' is not a record type"),
    ("nd-dns", ["-p", "0", "x.lab"], r"-p 0: give a port from 1 to 65535"),
    ("nd-dns", ["-p", "65536", "x.lab"], r"-p 65536: give a port from 1 to 65535"),
    ("nd-dns", ["@not_an_address!", "x.lab"], r"give the server's IP address"),
    ("nd-dns", ["-x", "notanaddress"], r"-x notanaddress: give an IPv4 or IPv6 address"),
    ("nd-dns", ["--root-hints", "/nonexistent/root.hints", "x.lab"], r"--root-hints /nonexistent/root\.hints: cannot read it"),
    ("nd-dns", ["--json", "--ndjson", "x.lab"], r"--json and --ndjson exclude each other"),
    ("netdiag", [], r"give a command: ping, trace, tcp, arp or dns"),
    ("netdiag", ["bogus"], r"'bogus' is not a netdiag command"),
    ("netdiag", ["ping"], r"^nd-ping: give a host name or address"),
    ("netdiag", ["tcp", ADDR4, "0"], r"^nd-tcp: .*'0' is out of range"),
]

COMMANDS = {"ping", "trace", "tcp", "arp", "dns"}
CRASH = re.compile(r"terminate called|what\(\)|Aborted|Segmentation|core dumped|AddressSanitizer|"
                   r"UndefinedBehaviorSanitizer|runtime error:")


def isolation():
    """The command prefix that gives each case an empty network namespace, or None."""
    for prefix in (["unshare", "--net"], ["unshare", "--map-root-user", "--net"]):
        probe = subprocess.run(prefix + ["true"], capture_output=True)
        if probe.returncode == 0:
            return prefix
    return None


def main():
    bin_dir = Path(sys.argv[1])
    prefix = isolation()
    if prefix is None:
        print("SKIP: cannot make a network namespace (unshare --net, or --map-root-user --net); "
              "the bad-input cases only run where nothing can leave the machine")
        return 77
    failures = 0
    for tool, args, pattern in CASES:
        what = f"{tool} {' '.join(repr(a) if not a or ' ' in a else a for a in args)}"[:120]
        try:
            run = subprocess.run(prefix + [str(bin_dir / tool)] + args, capture_output=True, text=True,
                                 timeout=10, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            failures += 1
            print(f"FAIL: {what}: still running after 10 s")
            continue
        lines = run.stderr.splitlines()
        # netdiag COMMAND ... is the command's own tool speaking.
        speaker = f"nd-{args[0]}" if tool == "netdiag" and args and args[0] in COMMANDS else tool
        expected_prefix = f"{speaker}: "
        problems = []
        if run.returncode != 2:
            problems.append(f"exit {run.returncode}, not 2")
        if len(lines) != 1:
            problems.append(f"{len(lines)} lines on stderr, not 1")
        if run.stdout:
            problems.append(f"stdout not empty: {run.stdout[:80]!r}")
        if CRASH.search(run.stderr):
            problems.append("a crash or an uncaught exception")
        if lines and not lines[0].startswith(expected_prefix):
            problems.append(f"the line does not start with {expected_prefix!r}")
        if not re.search(pattern, run.stderr):
            problems.append(f"no /{pattern}/ in it")
        if problems:
            failures += 1
            print(f"FAIL: {what}: {'; '.join(problems)}; stderr: {run.stderr[:300]!r}")
        else:
            print(f"PASS: {what}: exit 2, {lines[0][:150]}")
    print(f"# {len(CASES) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
