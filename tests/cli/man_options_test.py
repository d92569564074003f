#!/usr/bin/env python3
"""The man pages as installed (the roff that scdoc makes from packaging/man/*.1.scd) against the
tools. Every option a tool's command line accepts is in its man page, and the man page documents
no option the command line does not know: the CLI's list is the tool's own (`TOOL --list-options`),
the man page's is every option named in an entry's term in its OPTIONS section. For netdiag(1):
its COMMANDS section names exactly `netdiag --help`'s commands, OPTIONS its options. And every
page renders without a warning from man or groff, checked as lintian does (`man --warnings -E
UTF-8 -l -Tutf8 -Z PAGE`, 80 columns): anything on standard error fails. Every page has NAME,
SYNOPSIS, OPTIONS, EXIT STATUS, PRIVILEGES, EXAMPLES and SEE ALSO, and each tool's page names its
JSON schema (netdiag.ping/1, ...).

An entry is scdoc's term line followed by a tab-indented description, e.g.

    *-c* _count_, *--count* _count_
    <TAB>Stop after count replies.

which scdoc turns into a text line at the section's own level followed by `.RS` (the description,
indented, up to `.RE`). The terms are those text lines right before an `.RS` outside any other
`.RS`: an option named inside a description never counts. A section with no term at all fails, as
that means scdoc's output (or the pages' style) changed and the check would see nothing.

    man_options_test.py BIN_DIR MAN_DIR
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Options in de-escaped text: -c, --max-hops; not the hyphen inside a word (round-trip, nd-ping).
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# roff escapes scdoc writes into text: font changes (\fB, \fI, \fR, \fP, \f(XX, \f[X]) and \&;
# \- and \(hy would be hyphens.
ESCAPES = [(re.compile(r"\\f(?:\(..|\[[^]]*\]|.)"), ""), (re.compile(r"\\&|\\%"), ""),
           (re.compile(r"\\-|\\\(hy|\\\[hy\]"), "-")]


def plain(line):
    for pattern, replacement in ESCAPES:
        line = pattern.sub(replacement, line)
    return line


def terms(page, section):
    """The terms of the entries of one .SH section: the text lines (several when joined by .br)
    that an .RS follows, at the section's own indentation level."""
    out, inside, depth, block = [], False, 0, []
    for line in page.splitlines():
        if line.startswith((".SH ", ".SH\t")):
            inside, depth, block = plain(line[4:]).strip().strip('"') == section, 0, []
        elif not inside or line.startswith(".br"):
            continue
        elif line.startswith(".RS"):
            if depth == 0 and block:
                out.append(" ".join(block))
            depth, block = depth + 1, []
        elif line.startswith(".RE"):
            depth, block = max(depth - 1, 0), []
        elif line.startswith((".", "'")):
            block = []  # any other request (.P, .nf, .TS, .sp, .ie, ...) ends a paragraph
        elif depth == 0:
            block.append(plain(line).strip())
    return out


REQUIRED_SECTIONS = ["NAME", "SYNOPSIS", "OPTIONS", "EXIT STATUS", "PRIVILEGES", "EXAMPLES", "SEE ALSO"]


def man_options(page):
    return {m.group(0) for term in terms(page, "OPTIONS") for m in OPTION.finditer(term)}


def run(command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def main():
    bin_dir, man_dir = Path(sys.argv[1]), Path(sys.argv[2])
    failures = 0

    def fail(message):
        nonlocal failures
        failures += 1
        print(f"FAIL: {message}")

    def check(what, cli, man):
        undocumented, unknown = sorted(cli - man), sorted(man - cli)
        if not man:
            fail(f"{what}: the man page names none (no entries found: has the page's structure changed?)")
        elif undocumented or unknown:
            fail(f"{what}: not in the man page: {undocumented or 'none'}; "
                 f"documented but unknown to the CLI: {unknown or 'none'}")
        else:
            print(f"PASS: {what}: {len(cli)} options, the same in both")

    for tool in ["nd-ping", "nd-trace", "nd-tcp", "nd-arp", "nd-dns"]:
        cli = {name for line in run([str(bin_dir / tool), "--list-options"]).splitlines() if line
               for name in line.split("\t")[0].split(",")}
        check(f"{tool}: --list-options and {tool}.1", cli, man_options((man_dir / f"{tool}.1").read_text()))

    # What every page covers (issue 7): the sections, and for each tool its JSON schema's name.
    for page_name in ["nd-ping", "nd-trace", "nd-tcp", "nd-arp", "nd-dns", "netdiag"]:
        page = (man_dir / f"{page_name}.1").read_text()
        sections = {line[4:].strip().strip('"') for line in page.splitlines() if line.startswith(".SH ")}
        missing = [name for name in REQUIRED_SECTIONS if name not in sections]
        schema = f"netdiag.{page_name[3:]}/1"
        if page_name != "netdiag" and schema not in plain(page):
            missing.append(f"the schema name {schema}")
        if missing:
            fail(f"{page_name}.1 lacks {', '.join(missing)}")
        else:
            print(f"PASS: {page_name}.1 has {', '.join(REQUIRED_SECTIONS)}"
                  + ("" if page_name == "netdiag" else f" and names {schema}"))

    front = (man_dir / "netdiag.1").read_text()
    help_text = run([str(bin_dir / "netdiag"), "--help"])
    commands = set(re.findall(r"^  (\w+) ", help_text, re.M))
    documented = {term.split()[0] for term in terms(front, "COMMANDS") if term.split()}
    check("netdiag: --help's commands and netdiag.1's COMMANDS", commands, documented)
    front_options = {"-h", "--help", "-V", "--version"}
    for option in sorted(front_options):
        accepted = subprocess.run([str(bin_dir / "netdiag"), option], capture_output=True).returncode == 0
        if not accepted:
            fail(f"netdiag {option} is not accepted")
    check("netdiag: its options and netdiag.1's OPTIONS", front_options, man_options(front))

    pages = sorted(man_dir.glob("*.1"))
    if shutil.which("man") is None:
        print("SKIP: man(1) not found (man-db, groff-base): the pages' rendering is not checked")
    else:
        environment = {name: value for name, value in os.environ.items() if not name.startswith("MAN")}
        environment.update(LC_ALL="C.UTF-8", MANWIDTH="80")
        for page in pages:
            rendered = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", str(page)],
                                      env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      text=True)
            if rendered.returncode != 0 or rendered.stderr:
                fail(f"{page.name}: man --warnings: exit {rendered.returncode}: "
                     + "; ".join(rendered.stderr.strip().splitlines() or ["(nothing on stderr)"]))
            else:
                print(f"PASS: {page.name}: renders without warnings")
    print(f"# {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
