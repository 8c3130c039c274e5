#!/usr/bin/env python3
"""Installs the build into a temporary DESTDIR and builds examples/embed.c against it.

    install_test.py BUILD_DIR EMBED_C CC [CC ARGS...]

1. `meson install -C BUILD_DIR --destdir TMP --no-rebuild` (meson test has built everything).
2. `CC embed.c $(pkg-config --cflags --libs itav)` with PKG_CONFIG_PATH set to
   the installed itav.pc only (PKG_CONFIG_LIBDIR too, so that no other itav.pc is found).
3. Runs the program with LD_LIBRARY_PATH in TMP, asserts it names a catalogue intervention,
   and that the installed `itav` runs too, with its manual page and bash completion.

Standard library only.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile


def run(cmd, **kw):
    print("+ " + " ".join(cmd), flush=True)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)
    if r.stdout:
        print(r.stdout, end="" if r.stdout.endswith("\n") else "\n")
    if r.stderr:
        print(r.stderr, end="" if r.stderr.endswith("\n") else "\n", file=sys.stderr)
    if r.returncode != 0:
        sys.exit("FAIL: %s exited with %d" % (cmd[0], r.returncode))
    return r


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: install_test.py BUILD_DIR EMBED_C CC [CC ARGS...]")
    build, embed_c, cc = sys.argv[1], sys.argv[2], sys.argv[3:]
    meson = os.environ.get("MESON", shutil.which("meson") or "meson")
    tmp = tempfile.mkdtemp(prefix="itav-install-test-")
    try:
        dest = os.path.join(tmp, "dest")
        run([meson, "install", "-C", build, "--destdir", dest, "--no-rebuild", "--quiet"])

        pcs = glob.glob(os.path.join(dest, "**", "pkgconfig", "itav.pc"), recursive=True)
        if len(pcs) != 1:
            sys.exit("FAIL: expected one installed itav.pc, found %r" % pcs)
        pcdir = os.path.dirname(pcs[0])
        libdir = os.path.dirname(pcdir)
        if not glob.glob(os.path.join(libdir, "libitav.so*")):
            sys.exit("FAIL: no libitav.so next to %s" % pcdir)
        system_pc = subprocess.run(["pkg-config", "--variable=pc_path", "pkg-config"],
                                   capture_output=True, text=True).stdout.strip()
        env = dict(os.environ, PKG_CONFIG_PATH=pcdir)
        # Keep the system directories (jansson and sqlite3 are Requires.private), but
        # search the installed copy first.
        if system_pc:
            env["PKG_CONFIG_LIBDIR"] = system_pc

        # itav.pc is relocatable (pkgconfig.relocatable=true): its prefix follows the file.
        flags = run(["pkg-config", "--cflags", "--libs", "itav"], env=env).stdout.split()
        includes = [f[2:] for f in flags if f.startswith("-I")]
        if not any(os.path.exists(os.path.join(i, "itav.h")) for i in includes):
            sys.exit("FAIL: pkg-config gives no include directory with itav.h: %r" % flags)
        if not any(f.startswith("-L" + dest) for f in flags):
            sys.exit("FAIL: pkg-config does not point into the installed copy: %r" % flags)

        exe = os.path.join(tmp, "embed")
        run(cc + ["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-o", exe, embed_c]
            + flags)

        run_env = dict(os.environ, LD_LIBRARY_PATH=libdir)
        out = run([exe], env=run_env).stdout
        ids = [line.split("\t")[0] for line in out.splitlines()]
        for want in ("buurtgezinnen", "home-start"):
            if want not in ids:
                sys.exit("FAIL: embed did not list %s: %r" % (want, out))
        ldd = subprocess.run(["ldd", exe], capture_output=True, text=True, env=run_env).stdout
        if "libitav.so.0 => " + libdir not in ldd:
            sys.exit("FAIL: embed did not load the installed libitav:\n" + ldd)

        itav = glob.glob(os.path.join(dest, "**", "bin", "itav"), recursive=True)
        if len(itav) != 1:
            sys.exit("FAIL: expected the installed itav, found %r" % itav)
        out = run([itav[0], "--version"], env=run_env).stdout
        if not out.startswith("itav "):
            sys.exit("FAIL: installed itav --version printed %r" % out)
        out = run([itav[0], "--store", "memory:", "init"], env=run_env).stdout

        # The manual page and the bash completion, where man and bash-completion look.
        for path in (os.path.join("share", "man", "man1", "itav.1"),
                     os.path.join("share", "bash-completion", "completions", "itav")):
            found = glob.glob(os.path.join(dest, "**", path), recursive=True)
            if len(found) != 1:
                sys.exit("FAIL: expected the installed %s, found %r" % (path, found))
        print("PASS")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
