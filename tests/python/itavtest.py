"""Shared helpers of the Python binding tests (not a test module itself).

Run through meson (`meson test -C build --suite python`), which sets ITAV_LIBRARY to the built
library and PYTHONPATH to bindings/python. Run by hand from a checkout, the bindings are found
here and the library in the build tree.
"""

import importlib.util
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BINDINGS = os.path.join(ROOT, "bindings", "python")
MAPFILE = os.path.join(ROOT, "lib", "libitav.map")
INCLUDE = os.path.join(ROOT, "include")

# The names of the library functions the tests have called through the bindings (run_tests.py
# checks that every exported function is among them).
CALLED = set()


class _Recorded:
    """A library function that notes its name in CALLED when called; attributes such as
    argtypes and restype are the function's own."""

    __slots__ = ("_name", "_fn")

    def __init__(self, name, fn):
        self._name = name
        self._fn = fn

    def __call__(self, *args):
        CALLED.add(self._name)
        return self._fn(*args)

    def __getattr__(self, attr):
        return getattr(self._fn, attr)


class _RecordingLib:
    """Stands for the loaded library (itav._lib.lib) and hands out recorded functions."""

    def __init__(self, dll, names):
        self._dll = dll
        self._names = names

    def __getattr__(self, name):
        fn = getattr(self._dll, name)
        if name in self._names:
            fn = _Recorded(name, fn)
            setattr(self, name, fn)
        return fn


def _install_recorder():
    """Loads itav._lib before the rest of the package, so that every module of the bindings
    binds the recording library. Without effect when itav is imported already."""
    if "itav" in sys.modules:
        return False
    spec = importlib.util.find_spec("itav")
    if spec is None:
        sys.path.insert(0, BINDINGS)
        spec = importlib.util.find_spec("itav")
    if spec is None or not spec.submodule_search_locations:
        return False
    path = os.path.join(list(spec.submodule_search_locations)[0], "_lib.py")
    lib_spec = importlib.util.spec_from_file_location("itav._lib", path)
    module = importlib.util.module_from_spec(lib_spec)
    sys.modules["itav._lib"] = module
    try:
        lib_spec.loader.exec_module(module)
    except BaseException:
        del sys.modules["itav._lib"]
        raise
    module.lib = _RecordingLib(module.lib, set(module.PROTOTYPES))
    return True


RECORDING = _install_recorder()

try:
    import itav  # noqa: F401
except ImportError:
    sys.path.insert(0, BINDINGS)
    import itav  # noqa: F401


def map_symbols():
    """Every symbol the version script exports (lines "    itav_x;" in global: sections)."""
    with open(MAPFILE, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    syms = []
    for block in re.findall(r"global:(.*?)(?:local:|\})", text, flags=re.S):
        syms += re.findall(r"\b(itav_[A-Za-z0-9_]+)\s*;", block)
    return syms


def catalog():
    """The built-in catalogue, parsed with the json module."""
    return json.loads(itav.catalog_json())


# ---- a Python model of itav_intervention_list(), from docs/format.md and the header -------

PROFILE_SOURCES = ("table", "sections", "other")


def profile_in_use(iv):
    """The profile in use: the first of table, sections, other that states anything."""
    elements = iv.get("elements", {})
    for src in PROFILE_SOURCES:
        if elements.get(src):
            return elements[src]
    return {}


def present(iv, source=None):
    prof = profile_in_use(iv) if source is None else iv.get("elements", {}).get(source, {})
    return {code for code, st in prof.items() if st["status"] == "present"}


def ascii_lower(s):
    return "".join(c.lower() if c < "\x80" else c for c in s)


def expected_ids(data, all_of=(), any_of=(), kind=None, setting=None, scope=None, channel=None,
                 audience=(), age_months=None, municipality=None, text=None):
    """The ids, in the library's order, of the interventions a filter should select."""
    offers_by_iv = {}
    for of in data.get("offers", []):
        offers_by_iv.setdefault(of["intervention"], []).append(of)
    out = []
    for iv in data["interventions"]:
        p = present(iv)
        if not set(all_of) <= p:
            continue
        if any_of and not (set(any_of) & p):
            continue
        if kind and iv.get("kind") != kind:
            continue
        if setting and iv.get("setting") != setting:
            continue
        if scope and iv.get("scope") != scope:
            continue
        if channel and iv.get("channel") not in (channel, "both"):
            continue
        aud = iv.get("audience", {})
        if audience and not (set(audience) & set(aud.get("who", []))):
            continue
        if age_months is not None:
            ages = aud.get("age_months", {})
            lo, hi = ages.get("min"), ages.get("max")
            if lo is None and hi is None:
                continue
            if lo is not None and age_months < lo:
                continue
            if hi is not None and age_months > hi:
                continue
        if municipality is not None:
            m = ascii_lower(municipality)
            names = list(iv.get("municipalities", []))
            for of in offers_by_iv.get(iv["id"], []):
                names += of.get("municipalities", [])
            if m not in {ascii_lower(n) for n in names}:
                continue
        if text is not None:
            t = ascii_lower(text)
            if t not in ascii_lower(iv["name"]) and t not in ascii_lower(iv.get("summary", "")):
                continue
        out.append(iv)
    out.sort(key=lambda iv: (ascii_lower(iv["name"]).encode("utf-8"), iv["id"].encode()))
    return [iv["id"] for iv in out]


def seed_001_examples(data):
    """The interventions whose name comes from seed 001 (its thirteen examples)."""
    return sorted(iv["id"] for iv in data["interventions"]
                  if iv.get("sources", {}).get("name", "").startswith("001:"))


def full_intervention(id="test-programme"):
    """An intervention with every field set."""
    iv = itav.Intervention(id, name="Testprogramma", summary="A programme made up for a test.")
    iv.kind = itav.Kind.PROGRAMME
    iv.setting = "informal"
    iv.scope = itav.Scope.COLLECTIVE
    iv.channel = "both"
    iv.evidence = itav.Evidence.FIRST_INDICATIONS
    iv.since = 2015
    iv.audience = itav.Audience.PARENTS | itav.Audience.EXPECTING_PARENTS
    iv.conditions = "living in the region"
    iv.age_range = (-9, 48)
    iv.providers = ["Stichting Test", "Gemeente Test"]
    iv.municipalities = ["Teststad"]
    iv.regions = ["Testregio"]
    iv.phases = ["intake", "match", "closure"]
    iv.works = ["being equals"]
    iv.improve = ["more volunteers"]
    iv.links = ["https://example.org/test"]
    iv.roles = [itav.Role("volunteer", description="visits weekly", vog=True,
                          training="two evenings"),
                itav.Role(itav.RoleKind.COORDINATOR)]
    iv.reach = [itav.Figure("families", "at_least", 1700, text="ruim 1700", period="2020",
                            where="Teststad", note="a note", source="001:L80-81"),
                itav.Figure("volunteers", "range", 5, 10, text="5 à 10"),
                itav.Figure("webinar replays", "text", text="honderden")]
    iv.set_element("table", "informal_support", "present", "friends help", "001:L2377")
    iv.set_element("table", itav.Element.LOW_THRESHOLD, itav.Status.ABSENT, None, "001:L2377")
    iv.set_element("sections", 3, "present", "walk-in", "001:L400-401")
    iv.set_element(itav.ProfileSource.OTHER, "Positieve insteek", "present")
    iv.set_source("name", "001:L25")
    iv.set_source("since", "001:L30-31")
    return iv
