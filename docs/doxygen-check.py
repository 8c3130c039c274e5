#!/usr/bin/env python3
"""Runs Doxygen and fails if it wrote any warning.

Used by docs/meson.build only when the installed Doxygen is too old for
WARN_AS_ERROR = FAIL_ON_WARNINGS (before 1.9.1). The Doxyfile then names a
WARN_LOGFILE; a non-empty log means at least one warning.

usage: doxygen-check.py DOXYGEN DOXYFILE WARN_LOGFILE
"""
import os
import subprocess
import sys


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    doxygen, doxyfile, logfile = argv[1:]
    try:
        os.remove(logfile)
    except FileNotFoundError:
        pass
    rc = subprocess.call([doxygen, doxyfile])
    warnings = ""
    if os.path.exists(logfile):
        with open(logfile, encoding="utf-8", errors="replace") as f:
            warnings = f.read().strip()
    if warnings:
        sys.stderr.write(warnings + "\n")
        count = len([line for line in warnings.splitlines() if line.strip()])
        sys.stderr.write("doxygen: %d warning line(s); fix the header comments\n" % count)
        return 1
    if rc != 0:
        sys.stderr.write("doxygen exited with status %d\n" % rc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
