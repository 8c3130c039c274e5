#!/usr/bin/env python3
"""Checks lib/po/nl.po against the messages of the library, with gettext's own tools:
xgettext extracts every message of the covered sources (the keywords below are the functions
that take a message), msgcmp fails when one has no Dutch (or only a fuzzy one), and msgfmt
--check-format fails when a Dutch format has other conversions than its English (printf with
the English arguments would then be undefined behaviour).

Usage: check_po.py SOURCE_ROOT. Exit 77 (skipped) when gettext's tools are not installed."""
import os
import shutil
import subprocess
import sys
import tempfile

root = sys.argv[1]
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

tools = [t for t in ("xgettext", "msgcmp", "msgfmt") if not shutil.which(t)]
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
    if n < 10:
        sys.exit("xgettext found only %d messages: are the keywords right?" % n)
    # every message of the sources has a Dutch text that is not fuzzy
    rc = subprocess.run(["msgcmp", po, pot]).returncode
    # every Dutch format has the conversions of its English, in their order
    rc |= subprocess.run(["msgfmt", "--check", "--check-format", "-o", os.devnull, po]).returncode
sys.exit(1 if rc else 0)
