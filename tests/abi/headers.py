#!/usr/bin/env python3
"""The public headers compile cleanly for their users.

  headers.py c   INCLUDE COMPILER...    every public header on its own (twice, for the
                                        include guards) and itav.h, as strict C99
  headers.py c++ INCLUDE COMPILER...    the same as strict C++11
  headers.py c++-client INCLUDE LIBDIR SANITIZE SOURCE COMPILER...
                                        compiles SOURCE as strict C++11, links it to the
                                        built libitav and runs it

Each COMPILER is one argument (it may hold spaces, as "ccache cc"). One compiler call
checks every header: each is its own translation unit, and one more uses every ITAV_*_INIT.
"""
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

C_FLAGS = ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-Wstrict-prototypes",
           "-Wshadow", "-fsyntax-only"]
CXX_FLAGS = ["-std=c++11", "-pedantic", "-Wall", "-Wextra", "-Werror", "-Wshadow"]


def inits_unit(include):
    """A translation unit that uses every ITAV_X_INIT initialiser on its type itav_x, so
    that a macro that is not valid C99 or C++11 is found."""
    names = sorted(set(re.findall(r"^#\s*define\s+ITAV_(\w+)_INIT\b",
                                  "".join(h.read_text() for h in headers(include)), re.M)))
    lines = ["#include <itav.h>", "#include <itav/backend.h>", "int itav_inits_check(void);",
             "int itav_inits_check(void)", "{", "    unsigned sum = 0;"]
    for i, name in enumerate(names):
        lines.append("    itav_%s v%d = ITAV_%s_INIT;" % (name.lower(), i, name))
        lines.append("    sum += (unsigned)v%d.version;" % i)
    lines += ["    return (int)sum;", "}", ""]
    return "\n".join(lines), len(names)


def headers(include):
    return [include / "itav.h"] + sorted((include / "itav").glob("*.h"))


def run(cmd):
    print("$ " + " ".join(shlex.quote(c) for c in cmd[:12]) + (" ..." if len(cmd) > 12 else ""))
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.stdout or done.stderr:
        print(done.stdout + done.stderr)
    return done.returncode


def check_headers(lang, include, compilers):
    failed = 0
    with tempfile.TemporaryDirectory(prefix="itav-headers-") as tmp:
        units = []
        for h in headers(include):
            name = h.relative_to(include).as_posix()
            unit = pathlib.Path(tmp) / ("%s.%s" % (name.replace("/", "_"), "c" if lang == "c"
                                                   else "cpp"))
            unit.write_text("#include <%s>\n#include <%s>\n" % (name, name))
            units.append(str(unit))
        inits = pathlib.Path(tmp) / ("inits." + ("c" if lang == "c" else "cpp"))
        text, n_inits = inits_unit(include)
        inits.write_text(text)
        units.append(str(inits))
        flags = (C_FLAGS if lang == "c" else CXX_FLAGS + ["-fsyntax-only"])
        for compiler in compilers:
            rc = run(shlex.split(compiler) + flags + ["-I", str(include)] + units)
            print("%s: %d headers and %d *_INIT initialisers %s with %s"
                  % ("ok" if rc == 0 else "FAIL", len(units) - 1, n_inits,
                     "compile" if rc == 0 else "do not compile", compiler))
            failed |= rc != 0
    return 1 if failed else 0


def cxx_client(include, libdir, sanitize, source, compilers):
    failed = 0
    san = [] if sanitize in ("", "none") else ["-fsanitize=" + sanitize]
    with tempfile.TemporaryDirectory(prefix="itav-cxx-") as tmp:
        for compiler in compilers:
            exe = str(pathlib.Path(tmp) / "cxx_client")
            rc = run(shlex.split(compiler) + CXX_FLAGS + san + ["-I", str(include), source,
                     "-L", libdir, "-litav", "-Wl,-rpath," + libdir, "-o", exe])
            if rc == 0:
                rc = run([exe])
            print("%s: the C++ client built with %s" % ("ok" if rc == 0 else "FAIL", compiler))
            failed |= rc != 0
    return 1 if failed else 0


def main(argv):
    if argv[:1] in (["c"], ["c++"], ["c++-client"]) and len(argv) == (5 if argv[0] ==
                                                                      "c++-client" else 2):
        print("SKIP: no %s compiler found (Debian: apt-get install %s)"
              % ("C" if argv[0] == "c" else "C++", "gcc" if argv[0] == "c" else "g++"))
        return 77
    if len(argv) >= 3 and argv[0] in ("c", "c++"):
        return check_headers(argv[0], pathlib.Path(argv[1]), argv[2:])
    if len(argv) >= 6 and argv[0] == "c++-client":
        return cxx_client(pathlib.Path(argv[1]), argv[2], argv[3], argv[4], argv[5:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
