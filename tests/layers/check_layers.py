#!/usr/bin/env python3
"""The layers of lib/ depend one way (docs/architecture.md).

Fails when a file of one layer includes the header of a layer after it, when a file
outside lib/interchange includes jansson.h or csv.h, when a file other than the backend
that owns it includes sqlite3.h or libpq-fe.h, when a file other than lib/evaluation/lp.c
includes Clp's header, or when a source file of lib/ sits outside
the layer folders. Given the static library too (libitav_internal.a), it checks the calls
as well: no object of one layer may use a function defined in a layer after it, but for the
record codec that lib/model declares and lib/codec implements (itav__<kind>_encode and
_decode). Run with the source root and the archive as arguments (meson passes them).
"""
import pathlib
import re
import subprocess
import sys

# In order: each may include only the headers of the layers before it and its own.
LAYERS = ["util", "store", "model", "codec", "interchange", "matching", "evaluation"]
# The area header of the two bottom layers together.
UMBRELLA = {"internal.h": "store"}
# Third-party headers and the only places that may include them.
OWNERS = {
    "cbor.h": lambda f: f.parts[0] == "codec",
    "jansson.h": lambda f: f.parts[0] == "interchange",
    "csv.h": lambda f: f.parts[0] == "interchange",
    "sqlite3.h": lambda f: str(f) == "store/sqlite.c",
    "libpq-fe.h": lambda f: str(f) == "store/postgres.c",
    "Clp_C_Interface.h": lambda f: str(f) == "evaluation/lp.c",
    # private headers of one layer
    "interchange/json_int.h": lambda f: f.parts[0] == "interchange",
    "matching/solver.h": lambda f: f.parts[0] == "matching",
}
INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^">]+)[">]', re.M)


def layer_of_header(name):
    """The layer whose header a quoted include names, or None."""
    if name in UMBRELLA:
        return UMBRELLA[name]
    first = name.split("/")[0]
    return first if first in LAYERS else None


# The sanctioned upward calls, each declared by the lower layer (docs/architecture.md):
# (caller's layer, defining layer, the functions).
DECLARED = [
    ("model", "codec", re.compile(r"^itav__[a-z]+_(encode|decode)$")),
    ("store", "interchange", re.compile(r"^itav__records_upgrade$")),
]


def call_problems(archive):
    """Calls from a layer into one after it, from nm's view of the static library."""
    out = subprocess.run(["nm", "-A", archive], capture_output=True, text=True,
                         check=True).stdout
    defined, used = {}, []
    for line in out.splitlines():
        place, _, rest = line.rpartition(":")
        obj = place.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
        layer = obj.split("_", 1)[0]
        if layer not in LAYERS:
            continue
        fields = rest.split()
        if len(fields) == 3 and fields[1] in "TDRB":
            defined[fields[2]] = (layer, obj)
        elif len(fields) == 2 and fields[0] == "U":
            used.append((layer, obj, fields[1]))
    problems = []
    for layer in LAYERS:
        if not any(owner == layer for owner, _ in defined.values()):
            problems.append(f"{archive}: no object of lib/{layer} (object names changed?)")
    for layer, obj, sym in used:
        if sym not in defined:
            continue
        target, where = defined[sym]
        if any(layer == lo and target == hi and names.match(sym)
               for lo, hi, names in DECLARED):
            continue
        if LAYERS.index(target) > LAYERS.index(layer):
            problems.append(f"{obj}: lib/{layer} calls {sym} of lib/{target} ({where})")
    return problems


def main(root, archive=None):
    lib = pathlib.Path(root) / "lib"
    problems = []
    for path in sorted(lib.rglob("*")):
        if path.suffix not in (".c", ".h"):
            continue
        rel = path.relative_to(lib)
        if len(rel.parts) == 1 and rel.name not in UMBRELLA:
            problems.append(f"lib/{rel}: a source file outside the layer folders")
            continue
        layer = UMBRELLA.get(rel.name) if len(rel.parts) == 1 else rel.parts[0]
        if layer not in LAYERS:
            problems.append(f"lib/{rel}: {layer}/ is not a layer ({', '.join(LAYERS)})")
            continue
        text = path.read_text(encoding="utf-8")
        for m in INCLUDE.finditer(text):
            kind, name = m.groups()
            line = text.count("\n", 0, m.start()) + 1
            where = f"lib/{rel}:{line}"
            owner = OWNERS.get(name)
            if owner and not owner(rel):
                problems.append(f"{where}: includes {name}, which only its owner may")
                continue
            target = layer_of_header(name)
            if target is None and kind == '"' and "/" not in name and \
                    (path.parent / name).exists():
                target = layer  # a header of its own folder
            if target is None:
                if kind == '"' and not name.startswith("itav"):
                    problems.append(f"{where}: includes \"{name}\", which is no area header")
                continue
            if LAYERS.index(target) > LAYERS.index(layer):
                problems.append(f"{where}: lib/{layer} includes {name} of lib/{target}, a "
                                f"layer after it")
    if archive:
        problems += call_problems(archive)
    for p in problems:
        print(p)
    print(f"{len(problems)} layering problems in {lib}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]) if len(sys.argv) > 1 else main("."))
