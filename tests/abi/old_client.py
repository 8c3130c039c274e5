#!/usr/bin/env python3
"""Runs the old client after making sure meson compiled it against the baseline headers
(abi/include) and not the current ones (include/).

  old_client.py BUILD_ROOT SOURCE_ROOT EXECUTABLE
"""
import json
import os
import pathlib
import shlex
import subprocess
import sys

build, root, exe = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve(), sys.argv[3]
commands = json.loads((build / "compile_commands.json").read_text())
entry = [c for c in commands if c["file"].endswith("old_client.c")]
if len(entry) != 1:
    sys.exit("old_client.c not found once in %s/compile_commands.json" % build)
args = entry[0].get("arguments") or shlex.split(entry[0]["command"])
dirs = []
for i, a in enumerate(args):
    if a in ("-I", "-isystem", "-iquote", "-idirafter"):
        dirs.append(args[i + 1])
    elif a.startswith(("-I", "-isystem", "-iquote", "-idirafter")) and a not in ("-I",):
        dirs.append(a[2:] if a.startswith("-I") else a.split("-", 2)[-1])
where = [(pathlib.Path(entry[0]["directory"]) / d).resolve() for d in dirs]
baseline = root / "abi" / "include"
if baseline not in where:
    sys.exit("the old client is not compiled against %s; include directories: %s"
             % (baseline, ", ".join(map(str, where)) or "none"))
if any((d / "itav.h").exists() and d != baseline for d in where):
    sys.exit("the old client also sees other libitav headers: %s" % ", ".join(map(str, where)))
print("compiled against %s only" % baseline)
sys.stdout.flush()
os.execv(exe, [exe])
