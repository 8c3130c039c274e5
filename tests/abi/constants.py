#!/usr/bin/env python3
"""Every constant of the baseline headers keeps its value in the current headers.

  constants.py BASELINE_INCLUDE CURRENT_INCLUDE COMPILER

abidiff sees only the enums that an exported function's signature reaches; result codes
(itav_result), bit sets (itav_support, itav_theme, ...) and #define constants are compiled
into programs and never pass through a signature. This test finds every enumerator and
every constant object-like macro (ITAV_*) in the baseline headers (abi/include), prints their
values through a small C program compiled once against the baseline headers and once
against the current ones, and compares:

- an enumerator or constant is never removed, and an enumerator never renumbered;
- macros: *_VERSION values (struct versions, the library version) and *_COUNT values (new
  values appended to an enum) may only grow, *_ALL bit masks may only gain bits; every
  other macro keeps its value.
"""
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

NOT_CONSTANT = re.compile(r"_INIT$|_H$|^ITAV_API$|^ITAV_VERSION_STRING$")


def strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)


def names(include):
    """The enumerators and constant macros declared in the headers under include, each with
    True for an enumerator."""
    found = {}
    for header in sorted(include.rglob("*.h")):
        text = strip_comments(header.read_text())
        text = text.replace("\\\n", " ")
        for body in re.findall(r"\benum\b[^{;]*\{(.*?)\}", text, re.S):
            for item in body.split(","):
                m = re.match(r"\s*(ITAV_\w+)", item)
                if m:
                    found[m.group(1)] = True
        for name, params in re.findall(r"^\s*#\s*define\s+(ITAV_\w+)(\()?", text, re.M):
            if not params and not NOT_CONSTANT.search(name):
                found.setdefault(name, False)
    return found


def values(compiler, include, wanted, tmp, tag):
    source = pathlib.Path(tmp) / ("values_%s.c" % tag)
    lines = ["#include <itav.h>", "#include <itav/backend.h>", "#include <stdio.h>",
             "int main(void)", "{"]
    lines += ['    printf("%s %%lld\\n", (long long)(%s));' % (n, n) for n in wanted]
    lines += ["    return 0;", "}"]
    source.write_text("\n".join(lines) + "\n")
    exe = pathlib.Path(tmp) / ("values_%s" % tag)
    built = subprocess.run(shlex.split(compiler) + ["-std=c99", "-I", str(include),
                           str(source), "-o", str(exe)], capture_output=True, text=True)
    if built.returncode:
        sys.exit("cannot compile the constants against %s:\n%s" % (include, built.stderr))
    out = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout
    return {n: int(v) for n, v in (line.split() for line in out.splitlines())}


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    baseline, current, compiler = pathlib.Path(argv[0]), pathlib.Path(argv[1]), argv[2]
    old_names = names(baseline)
    new_names = set(names(current))
    problems = ["%s: removed" % n for n in old_names if n not in new_names]
    kept = [n for n in old_names if n in new_names]
    with tempfile.TemporaryDirectory(prefix="itav-constants-") as tmp:
        old = values(compiler, baseline, kept, tmp, "baseline")
        new = values(compiler, current, kept, tmp, "current")
    for n in kept:
        a, b = old[n], new[n]
        if old_names[n]:
            ok, rule = b == a, "an enumerator keeps its value"
        elif n.endswith("_ALL"):
            ok, rule = b & a == a, "may only gain bits"
        elif "_VERSION" in n or n.endswith("_COUNT"):
            ok, rule = b >= a, "may only grow"
        else:
            ok, rule = b == a, "must keep its value"
        if not ok:
            problems.append("%s: %d in the baseline, %d now (%s)" % (n, a, b, rule))
    if problems:
        print("Constants of the baseline headers (abi/include) changed; programs compiled "
              "against them would misbehave:\n  " + "\n  ".join(problems))
        return 1
    print("%d constants of the baseline headers keep their values (%d new ones)"
          % (len(kept), len(new_names) - len(kept)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
