"""The ctypes layer: every exported symbol bound, structs mirrored, the library found."""

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

from itavtest import BINDINGS, INCLUDE, map_symbols

import itav
from itav import _lib


class TestSymbols(unittest.TestCase):
    def test_map_file_parsed(self):
        syms = map_symbols()
        self.assertEqual(len(syms), len(set(syms)), "a symbol is listed twice in the map")
        # sanity: the parser found the whole list, not a fragment
        self.assertGreater(len(syms), 100)
        for name in ("itav_open", "itav_close", "itav_catalog_json", "itav_version"):
            self.assertIn(name, syms)

    def test_every_map_symbol_is_bound(self):
        syms = set(map_symbols())
        table = set(_lib.PROTOTYPES)
        self.assertEqual(sorted(syms - table), [], "exported but without a Python prototype")
        self.assertEqual(sorted(table - syms), [], "a prototype for a symbol the map lacks")

    def test_prototypes_applied(self):
        for name, (restype, argtypes) in _lib.PROTOTYPES.items():
            fn = getattr(_lib.lib, name)
            self.assertEqual(fn.argtypes, argtypes, name)
            self.assertIs(fn.restype, restype, name)
            self.assertIsNotNone(fn.argtypes, name)

    def test_owned_strings_are_void_pointers(self):
        # char **out parameters must come back as raw pointers, freed with itav_free
        for name in ("itav_export_json_string", "itav_intervention_to_json",
                     "itav_offer_to_json"):
            self.assertIs(_lib.PROTOTYPES[name][1][0], ctypes.POINTER(ctypes.c_void_p), name)
        self.assertEqual(_lib.PROTOTYPES["itav_free"], (None, [ctypes.c_void_p]))

    def test_version(self):
        v = itav.version()
        self.assertRegex(v, r"^\d+\.\d+\.\d+$")
        major, minor, patch = (int(x) for x in v.split("."))
        self.assertEqual(itav.version_number(), major * 10000 + minor * 100 + patch)

    def test_strerror(self):
        self.assertTrue(itav.strerror(0))
        self.assertNotEqual(itav.strerror(-4), itav.strerror(-5))
        self.assertIn("memory", itav.strerror(-2))
        self.assertEqual(itav.strerror(-999), "unknown error")


class TestStructLayout(unittest.TestCase):
    """The ctypes structs against the C compiler's view of the headers."""

    PROBE = textwrap.dedent(r"""
        #include <stddef.h>
        #include <stdio.h>
        #include "itav.h"
        #include "itav/backend.h"
        #define F(s, m) printf(#s "." #m " %zu %zu\n", offsetof(s, m), sizeof(((s *)0)->m))
        int main(void)
        {
            itav_intervention_filter f = ITAV_INTERVENTION_FILTER_INIT;
            printf("filter.size %zu\n", sizeof f);
            F(itav_intervention_filter, version); F(itav_intervention_filter, all_of);
            F(itav_intervention_filter, any_of); F(itav_intervention_filter, kind);
            F(itav_intervention_filter, setting); F(itav_intervention_filter, scope);
            F(itav_intervention_filter, channel); F(itav_intervention_filter, audience);
            F(itav_intervention_filter, age_months);
            F(itav_intervention_filter, municipality); F(itav_intervention_filter, text);
            F(itav_intervention_filter, factors);
            printf("init %u %u %u %d %d %d %d %u %ld %d %d %u\n", f.version, f.all_of, f.any_of,
                   f.kind, f.setting, f.scope, f.channel, f.audience, (long)f.age_months,
                   f.municipality != NULL, f.text != NULL, f.factors);
            printf("backend.size %zu\n", sizeof(itav_backend));
            F(itav_backend, version); F(itav_backend, begin);
            F(itav_backend, commit); F(itav_backend, rollback);
            F(itav_backend, put); F(itav_backend, get);
            F(itav_backend, del); F(itav_backend, scan);
            F(itav_backend, errmsg); F(itav_backend, free); F(itav_backend, purge);
            F(itav_backend, begin_read); F(itav_backend, end_read);
            F(itav_backend, scan_range); F(itav_backend, put_place); F(itav_backend, scan_box);
            printf("place.size %zu\n", sizeof(itav_place));
            F(itav_place, lat); F(itav_place, lon);
            printf("box.size %zu\n", sizeof(itav_box));
            F(itav_box, south); F(itav_box, west); F(itav_box, north); F(itav_box, east);
            printf("consts %d %d %d %d %d %ld %ld\n", ITAV_INTERVENTION_FILTER_VERSION,
                   ITAV_BACKEND_VERSION, ITAV_BACKEND_INDEXES, ITAV_SCAN_ALL, ITAV_DATE_BUFSIZE,
                   (long)ITAV_DATE_NONE, (long)ITAV_AGE_NONE);
            return 0;
        }
    """)

    @classmethod
    def setUpClass(cls):
        cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
        if not cc or not os.path.isdir(INCLUDE):
            raise unittest.SkipTest("no C compiler or headers to compare the structs with")
        cls.tmp = tempfile.mkdtemp(prefix="itav-probe-")
        src = os.path.join(cls.tmp, "probe.c")
        exe = os.path.join(cls.tmp, "probe")
        with open(src, "w") as f:
            f.write(cls.PROBE)
        subprocess.run([cc, "-std=c11", "-I", INCLUDE, "-o", exe, src], check=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
        cls.c = {}
        for line in out.splitlines():
            key, *vals = line.split()
            cls.c[key] = vals

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def check_struct(self, struct, prefix, size_key):
        self.assertEqual(ctypes.sizeof(struct), int(self.c[size_key][0]), size_key)
        names = [name for name, _ in struct._fields_]
        c_fields = [k.split(".", 1)[1] for k in self.c if k.startswith(prefix + ".")]
        self.assertEqual(names, c_fields)
        for name, ctype in struct._fields_:
            off, size = (int(x) for x in self.c["%s.%s" % (prefix, name)])
            self.assertEqual(getattr(struct, name).offset, off, name)
            self.assertEqual(ctypes.sizeof(ctype), size, name)

    def test_filter_layout(self):
        self.check_struct(_lib.itav_intervention_filter, "itav_intervention_filter",
                          "filter.size")
        self.assertEqual(_lib.itav_intervention_filter._fields_[0][0], "version")

    def test_filter_init_matches_macro(self):
        f = _lib.itav_intervention_filter()
        py = [f.version, f.all_of, f.any_of, f.kind, f.setting, f.scope, f.channel,
              f.audience, f.age_months, int(f.municipality is not None),
              int(f.text is not None), f.factors]
        self.assertEqual(py, [int(x) for x in self.c["init"]])

    def test_backend_layout(self):
        self.check_struct(_lib.itav_backend, "itav_backend", "backend.size")

    def test_place_and_box_layout(self):
        self.check_struct(_lib.itav_place, "itav_place", "place.size")
        self.check_struct(_lib.itav_box, "itav_box", "box.size")

    def test_constants(self):
        self.assertEqual([int(x) for x in self.c["consts"]],
                         [_lib.ITAV_INTERVENTION_FILTER_VERSION, _lib.ITAV_BACKEND_VERSION,
                          _lib.ITAV_BACKEND_INDEXES, _lib.ITAV_SCAN_ALL,
                          _lib.ITAV_DATE_BUFSIZE, _lib.ITAV_DATE_NONE, _lib.ITAV_AGE_NONE])


class TestRawFilter(unittest.TestCase):
    """The filter struct through the raw API: version checks as the header promises."""

    def setUp(self):
        self.store = itav.open()
        self.store.load_catalog()

    def tearDown(self):
        self.store.close()

    def test_default_selects_all(self):
        everything = self.store.list_interventions(None)
        self.assertEqual([iv.id for iv in self.store.list_interventions(
            _lib.itav_intervention_filter())], [iv.id for iv in everything])

    def test_version_zero_and_newer_rejected(self):
        for v in (0, _lib.ITAV_INTERVENTION_FILTER_VERSION + 1):
            f = _lib.itav_intervention_filter(version=v)
            with self.assertRaises(itav.VersionError) as cm:
                self.store.list_interventions(f)
            self.assertIn("version %d" % v, str(cm.exception))
            self.assertEqual(cm.exception.code, -10)

    def test_out_of_range_values_rejected(self):
        for field, value in (("all_of", 0x100), ("kind", 99), ("audience", 64)):
            f = _lib.itav_intervention_filter(**{field: value})
            with self.assertRaises(itav.InvalidArgument, msg=field) as cm:
                self.store.list_interventions(f)
            self.assertIn("filter", str(cm.exception))


def _ancestors(path):
    """The directories above path, nearest first."""
    path = os.path.dirname(os.path.realpath(path))
    while True:
        yield path
        parent = os.path.dirname(path)
        if parent == path:
            return
        path = parent


class TestLibraryLookup(unittest.TestCase):
    """ITAV_LIBRARY, then the build tree, then the system."""

    def run_python(self, code, env_changes, pythonpath):
        env = dict(os.environ)
        env.pop("ITAV_LIBRARY", None)
        env.update(env_changes)
        env["PYTHONPATH"] = pythonpath
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, cwd=tempfile.gettempdir())

    def test_env_variable_wins(self):
        here = _lib.LIBRARY_PATH
        r = self.run_python("import itav; print(itav.LIBRARY_PATH); print(itav._lib.LIBRARY_FOUND_BY)",
                            {"ITAV_LIBRARY": here}, BINDINGS)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split(), [here, "ITAV_LIBRARY"])

    def test_env_variable_bad_path(self):
        r = self.run_python("import itav", {"ITAV_LIBRARY": "/nonexistent/libitav.so.0"},
                            BINDINGS)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("ImportError", r.stderr)
        self.assertIn("ITAV_LIBRARY", r.stderr)
        self.assertIn("/nonexistent/libitav.so.0", r.stderr)

    def test_build_tree(self):
        # a copy of the package in DIR/pkg and the library in DIR/build-x/lib: found upward
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(os.path.join(BINDINGS, "itav"), os.path.join(tmp, "pkg", "itav"),
                            ignore=shutil.ignore_patterns("__pycache__"))
            libdir = os.path.join(tmp, "build-x", "lib")
            os.makedirs(libdir)
            os.symlink(os.path.realpath(_lib.LIBRARY_PATH), os.path.join(libdir, "libitav.so.0"))
            r = self.run_python("import itav; print(itav.LIBRARY_PATH); "
                                "print(itav._lib.LIBRARY_FOUND_BY); print(itav.version())",
                                {}, os.path.join(tmp, "pkg"))
            self.assertEqual(r.returncode, 0, r.stderr)
            path, how, version = r.stdout.splitlines()
            self.assertEqual(path, os.path.join(libdir, "libitav.so.0"))
            self.assertEqual(how, "build tree")
            self.assertEqual(version, itav.version())

    def test_system_fallback_names_the_soname(self):
        with tempfile.TemporaryDirectory() as tmp:
            above = [os.path.join(d, name) for d in _ancestors(tmp) for name in os.listdir(d)
                     if name.startswith("build") and
                     os.path.exists(os.path.join(d, name, "lib", "libitav.so.0"))]
            if above:  # a build tree above the temporary directory would be found first
                self.skipTest("a build tree lies above %s: %s" % (tmp, above[0]))
            shutil.copytree(os.path.join(BINDINGS, "itav"), os.path.join(tmp, "itav"),
                            ignore=shutil.ignore_patterns("__pycache__"))
            code = "import itav._lib as l; print(l.LIBRARY_FOUND_BY)"
            # with LD_LIBRARY_PATH pointing at the built library, the loader finds it
            r = self.run_python(code, {"LD_LIBRARY_PATH": os.path.dirname(
                os.path.realpath(_lib.LIBRARY_PATH))}, tmp)
            if r.returncode == 0:
                self.assertEqual(r.stdout.strip(), "system")
            else:  # no build tree above /tmp and not installed: a clear error
                self.assertIn("cannot load libitav", r.stderr)


if __name__ == "__main__":
    unittest.main()
