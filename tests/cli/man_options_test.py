#!/usr/bin/env python3
"""Every option a tool's command line accepts is in its man page, and the man page documents no
option the command line does not know. The CLI's list is the tool's own (`TOOL --list-options`);
the man page's is every option named in a tag (.TP's next line) of its OPTIONS section. For
netdiag(1): its COMMANDS section names exactly `netdiag --help`'s commands, OPTIONS its options.

    man_options_test.py BIN_DIR MAN_DIR
"""
import re
import subprocess
import sys
from pathlib import Path

OPTION = re.compile(r"(?<![\w\\-])\\-(?:\\-)?[A-Za-z0-9][A-Za-z0-9]*(?:\\-[A-Za-z0-9]+)*")


def tags(page, section):
    """The tag lines of .TP paragraphs in one .SH section."""
    out, inside, lines = [], False, page.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(".SH"):
            inside = line.split(None, 1)[1].strip('"') == section
        elif inside and line.startswith(".TP") and i + 1 < len(lines):
            out.append(lines[i + 1])
    return out


def man_options(page):
    return {m.group(0).replace("\\-", "-") for tag in tags(page, "OPTIONS") for m in OPTION.finditer(tag)}


def run(command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def main():
    bin_dir, man_dir = Path(sys.argv[1]), Path(sys.argv[2])
    failures = 0

    def check(what, cli, man):
        nonlocal failures
        undocumented, unknown = sorted(cli - man), sorted(man - cli)
        if undocumented or unknown:
            failures += 1
            print(f"FAIL: {what}: not in the man page: {undocumented or 'none'}; "
                  f"documented but unknown to the CLI: {unknown or 'none'}")
        else:
            print(f"PASS: {what}: {len(cli)} options, the same in both")

    for tool in ["nd-ping", "nd-trace", "nd-tcp", "nd-arp", "nd-dns"]:
        cli = {name for line in run([str(bin_dir / tool), "--list-options"]).splitlines() if line
               for name in line.split("\t")[0].split(",")}
        check(f"{tool}: --list-options and {tool}.1", cli, man_options((man_dir / f"{tool}.1").read_text()))

    front = (man_dir / "netdiag.1").read_text()
    help_text = run([str(bin_dir / "netdiag"), "--help"])
    commands = set(re.findall(r"^  (\w+) ", help_text, re.M))
    documented = {re.sub(r"^\.BR? +|\\f.| .*$", "", tag).strip() for tag in tags(front, "COMMANDS")}
    check("netdiag: --help's commands and netdiag.1's COMMANDS", commands, documented)
    front_options = {"-h", "--help", "-V", "--version"}
    for option in sorted(front_options):
        accepted = subprocess.run([str(bin_dir / "netdiag"), option], capture_output=True).returncode == 0
        if not accepted:
            failures += 1
            print(f"FAIL: netdiag {option} is not accepted")
    check("netdiag: its options and netdiag.1's OPTIONS", front_options, man_options(front))
    print(f"# {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
