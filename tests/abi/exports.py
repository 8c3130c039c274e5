#!/usr/bin/env python3
"""The built library exports exactly the symbols of lib/libitav.map, and each one is
declared with ITAV_API in a public header."""
import pathlib
import re
import subprocess
import sys

lib, root = sys.argv[1], pathlib.Path(sys.argv[2])
mapped = set(re.findall(r"^\s+(itav_\w+);", (root / "lib/libitav.map").read_text(), re.M))
out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True, capture_output=True,
                     text=True).stdout
exported = {line.split()[-1].split("@")[0] for line in out.splitlines()
            if line.split()[-1].startswith("itav_") or line.split()[1] in "TDBR"}
exported = {s for s in exported if not s.startswith("LIBITAV_")}
declared = set()
for header in (root / "include").rglob("*.h"):
    declared |= set(re.findall(r"ITAV_API\s[^;(]*?\b(itav_\w+)\s*\(", header.read_text()))
problems = []
for name, got in (("exported but not in the map", exported - mapped),
                  ("in the map but not exported", mapped - exported),
                  ("in the map but not declared with ITAV_API", mapped - declared),
                  ("declared with ITAV_API but not in the map", declared - mapped)):
    if got:
        problems.append("%s: %s" % (name, ", ".join(sorted(got))))
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("%d symbols: exported == map == declared" % len(mapped))
