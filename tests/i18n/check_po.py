#!/usr/bin/env python3
"""Checks lib/po/nl.po against the messages of the library, with gettext's own tools:
xgettext extracts every message of the covered sources (the keywords below are the functions
that take a message), msgcmp fails when one has no Dutch (or only a fuzzy one), and msgfmt
--check-format fails when a Dutch format has other conversions than its English (printf with
the English arguments would then be undefined behaviour), and msgmerge with the template of
every message keeps every entry of nl.po (none is left that no source has).

The wording of reports (msgctxt "report") is not marked in the source: the test report-labels
walks real reports and names a text without Dutch. Its entries are carried into the template as
nl.po has them, so that msgmerge keeps them.

Usage: check_po.py SOURCE_ROOT [--pot FILE]. With --pot, writes the template of every message
to FILE (for msgmerge, docs/guide.md) and checks nothing. Exit 77 (skipped) when gettext's
tools are not installed."""
import os
import shutil
import subprocess
import sys
import tempfile

root = sys.argv[1]
pot_out = sys.argv[3] if len(sys.argv) == 4 and sys.argv[2] == "--pot" else None
if len(sys.argv) not in (2, 4) or (len(sys.argv) == 4 and not pot_out):
    sys.exit("usage: check_po.py SOURCE_ROOT [--pot FILE]")
# The sources whose messages are translated: a folder stands for every .c file in it, so a new
# file there is checked too. Those not listed still write English (docs/guide.md, "Messages in
# Dutch", lists them); add a source here once its messages are in nl.po.
COVERED = [
    "lib/store",
    "lib/model",
    "lib/matching",
    "lib/interchange/csv.c",
    "lib/interchange/dataset.c",
    "lib/interchange/catalog.c",
    "lib/evaluation/derive.c",
    "lib/evaluation/portfolio.c",
    "lib/evaluation/recommend.c",
    "lib/evaluation/report.c",
    "lib/evaluation/release.c",
    "lib/interchange/json.c",
    "lib/interchange/release_json.c",
    "lib/util/util.c",
    "lib/interchange/upgrade.c",
    "lib/codec/record.c",
    "lib/codec/layouts.c",
]
# Functions (and macros) taking a message, with the argument that is the message.
KEYWORDS = ["N_", "itav__tr:2", "itav__error:3", "itav__backend_error:3", "problem:5",
            "remark:6", "PROBLEM:4", "WARNING:4", "unreadable:5", "say_problem:4", "explain:2",
            "damaged:2"]
FORMATS = ["itav__error:3", "problem:5", "remark:6", "PROBLEM:4", "WARNING:4", "say_problem:4",
           "explain:2", "damaged:2"]
# Sources whose own problem() takes the message as its third argument (the JSON decoder's
# macro over itav__json_problem()): extracted with these keywords instead of problem:5.
JSON_DECODER = ["lib/interchange/json.c", "lib/interchange/release_json.c"]
JSON_KEYWORDS = [k for k in KEYWORDS if not k.startswith("problem:")] + ["problem:3"]
JSON_FORMATS = [f for f in FORMATS if not f.startswith("problem:")] + ["problem:3"]

tools = [t for t in ("xgettext", "msgcmp", "msgfmt", "msgmerge") if not shutil.which(t)]
if tools:
    print("SKIP: %s not found; install gettext (Debian: apt-get install gettext, as "
          "bash .ci/setup test does) to check that every library message has its Dutch"
          % ", ".join(tools))
    sys.exit(77)
po = os.path.join(root, "lib", "po", "nl.po")
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "libitav.pot")
    def extract(files, keywords, formats, join):
        cmd = ["xgettext", "--from-code=UTF-8", "--language=C", "--keyword",
               "--sort-output", "-o", pot] + (["--join-existing"] if join else [])
        cmd += ["--keyword=" + k for k in keywords]
        cmd += ["--flag=%s:c-format" % f for f in formats]
        for f in files:
            path = os.path.join(root, f)
            if os.path.isdir(path):
                cmd += sorted(os.path.join(path, n) for n in os.listdir(path)
                              if n.endswith(".c"))
            else:
                cmd.append(path)
        subprocess.run(cmd, check=True)
    extract([f for f in COVERED if f not in JSON_DECODER], KEYWORDS, FORMATS, False)
    extract([f for f in COVERED if f in JSON_DECODER], JSON_KEYWORDS, JSON_FORMATS, True)
    with open(pot, encoding="utf-8") as f:
        n = sum(line.startswith("msgid ") for line in f)
    print("%d messages in %d sources" % (n, len(COVERED)))
    # the template of every message: the report entries as nl.po has them, the Dutch left
    # empty, after those of the sources
    template = pot_out or os.path.join(tmp, "full.pot")
    with open(po, encoding="utf-8") as f:
        entries = f.read().split("\n\n")
    report = ["\n".join(line for line in e.strip("\n").split("\n")
                        if not line.startswith("#") or line.startswith("#,"))
              for e in entries if 'msgctxt "report"' in e]
    with open(pot, encoding="utf-8") as f:
        sources = f.read()
    with open(template, "w", encoding="utf-8") as out:
        out.write(sources)
        for e in report:
            out.write("\n" + e[:e.index("msgstr ")] + 'msgstr ""\n')
    if pot_out:
        print("%s: %d messages and %d texts of reports" % (pot_out, n, len(report)))
        sys.exit(0)
    if n < 10:
        sys.exit("xgettext found only %d messages: are the keywords right?" % n)
    # every message of the sources has a Dutch text that is not fuzzy
    rc = subprocess.run(["msgcmp", po, template]).returncode
    # every Dutch format has the conversions of its English, in their order
    rc |= subprocess.run(["msgfmt", "--check", "--check-format", "-o", os.devnull, po]).returncode
    # msgmerge with the template (docs/guide.md) keeps every entry: none of nl.po is left
    # without a source (it would become obsolete, "#~")
    merged = os.path.join(tmp, "merged.po")
    subprocess.run(["msgmerge", "--quiet", "-o", merged, po, template], check=True)
    with open(merged, encoding="utf-8") as f:
        stale = [line for line in f if line.startswith("#~ msgid")]
    if stale:
        print("lib/po/nl.po: %d entries no source has any more (remove them):\n%s"
              % (len(stale), "".join(stale)))
        rc = 1
sys.exit(1 if rc else 0)
