#!/usr/bin/env python3
"""Compares the built libitav with the committed ABI baseline abi/libitav.abi (abidiff), or,
with --update, writes that baseline (abidw) and the snapshot of the public headers abi/include/.

  abi_check.py check  LIB ROOT DEBUG SANITIZE   (the meson test 'abidiff')
  abi_check.py update LIB ROOT                   (abi/update calls this)

The check fails on every change except added functions and variables, which it prints so they
are seen, and members appended to a versioned struct (abi/appended.suppr). abidiff's exit status is a bit set: 1 error, 2 usage, 4 ABI change, 8 incompatible
change. Bit 4 alone is not enough to tell "a function was added" from "a parameter changed
type" (both give 4), so abidiff runs a second time with --no-added-syms: any bit left then is
a change that breaks old programs. docs/abi.md explains the policy.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

SKIP = 77

# The baseline holds only what the public headers declare (--headers-dir,
# --drop-private-types, --exported-interfaces-only) and nothing that depends on the build
# directory, the machine or line numbers, so that it changes only when the ABI does.
ABIDW_OPTIONS = ["--drop-private-types", "--exported-interfaces-only", "--no-corpus-path",
                 "--no-comp-dir-path", "--no-show-locs", "--no-architecture",
                 "--type-id-style", "hash"]
# No --headers-dir2 here: with it, abidiff counts a public struct member whose new type
# comes from a system header (int32_t -> int64_t) as a private type and drops the change.
# The baseline is already restricted to the public headers.
ABIDIFF_OPTIONS = ["--no-architecture"]


def has_debug_info(lib):
    out = subprocess.run(["readelf", "-S", "-W", lib], capture_output=True, text=True)
    return out.returncode == 0 and ".debug_info" in out.stdout


def check(lib, root, debug, sanitize):
    abidiff = shutil.which("abidiff")
    if not abidiff:
        print("SKIP: abidiff not found (Debian: apt-get install abigail-tools); "
              "the ABI was not compared with abi/libitav.abi")
        return SKIP
    if sanitize not in ("", "none"):
        print("SKIP: the library is built with -Db_sanitize=%s; its debug info differs from "
              "an ordinary build, so the ABI is checked only there" % sanitize)
        return SKIP
    if debug != "true" or not has_debug_info(lib):
        print("SKIP: %s has no debug info (buildtype without -g); abidiff needs it. "
              "Build with the default buildtype debugoptimized to check the ABI" % lib)
        return SKIP
    baseline = str(root / "abi" / "libitav.abi")
    # Members appended to a versioned struct are additions too (abi/appended.suppr names the
    # versioned structs); any other change of a struct still fails.
    cmd = [abidiff] + ABIDIFF_OPTIONS + ["--suppressions", str(root / "abi" / "appended.suppr"),
                                         baseline, lib]
    full = subprocess.run(cmd, capture_output=True, text=True)
    strict = subprocess.run(cmd[:1] + ["--no-added-syms"] + cmd[1:], capture_output=True,
                            text=True)
    print("$ " + " ".join(cmd))
    print(full.stdout + full.stderr)
    if strict.returncode & 3 or full.returncode & 3:
        print("FAIL: abidiff itself failed (exit %d); see its message above" % full.returncode)
        return 1
    if strict.returncode:
        kind = "changed incompatibly" if strict.returncode & 8 else "changed"
        print("FAIL: the ABI %s since the baseline abi/libitav.abi (abidiff exit %d, "
              "report above). Programs built against the baseline may break. Give a changed "
              "function a new name instead; a change that is meant (a member appended to a "
              "versioned struct, a new major version) is recorded with abi/update after the "
              "review docs/abi.md describes." % (kind, strict.returncode))
        return 1
    if full.returncode:
        print("OK, with compatible additions (listed above): record them in the baseline "
              "with abi/update when the release that adds them is made (docs/abi.md).")
    else:
        print("OK: the ABI is the baseline's")
    return 0


def update(lib, root):
    abidw = shutil.which("abidw")
    if not abidw:
        sys.exit("abidw not found (Debian: apt-get install abigail-tools)")
    if not has_debug_info(lib):
        sys.exit("%s has no debug info: build with buildtype debugoptimized" % lib)
    include = root / "include"
    out = root / "abi" / "libitav.abi"
    subprocess.run([abidw, "--headers-dir", str(include.resolve())] + ABIDW_OPTIONS +
                   ["--out-file", str(out), lib], check=True)
    # abidw names each translation unit as the compiler was given it, relative to the
    # build directory; name it relative to the source tree (or the build directory, for
    # generated sources) instead, so that the baseline does not depend on where one builds.
    build = pathlib.Path(lib).resolve().parent.parent

    def from_root(m):
        unit = (build / m.group(1)).resolve()
        for base in (build, root.resolve()):
            if unit.is_relative_to(base):
                return "path='%s'" % unit.relative_to(base).as_posix()
        return m.group(0)
    out.write_text(re.sub(r"path='([^']*)'", from_root, out.read_text()))
    snapshot = root / "abi" / "include"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(include, snapshot)
    print("wrote %s and %s/ (the headers of the baseline)" % (out, snapshot))
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "check":
        lib, root = argv[1], pathlib.Path(argv[2])
        debug = argv[3] if len(argv) > 3 else "true"
        sanitize = argv[4] if len(argv) > 4 else "none"
        return check(lib, root, debug, sanitize)
    if len(argv) == 3 and argv[0] == "update":
        return update(argv[1], pathlib.Path(argv[2]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    os.environ.setdefault("LC_ALL", "C")
    sys.exit(main(sys.argv[1:]))
