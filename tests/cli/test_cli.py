#!/usr/bin/env python3
"""Tests of the itav CLI, itav-demo and itav-embed, run against the built binaries.

Run by meson (tests/cli/meson.build), one meson test per TestCase class:

    python3 test_cli.py ClassName

The environment names the binaries and the seeds:
    ITAV_BIN         the built itav
    ITAV_DEMO_BIN    the built itav-demo
    ITAV_EMBED_BIN   the built itav-embed
    ITAV_SEEDS_DIR   ../shared/seeds (may be absent: the seed checks are then skipped)

Standard library only.
"""

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

ITAV = os.environ.get("ITAV_BIN", "itav")
DEMO = os.environ.get("ITAV_DEMO_BIN", "itav-demo")
EMBED = os.environ.get("ITAV_EMBED_BIN", "itav-embed")
SEEDS_DIR = os.environ.get("ITAV_SEEDS_DIR", "")
SEED_001 = "001_0cac70cba0ba34e6.txt"

ELEMENTS = ["doubts_normal", "informal_support", "low_threshold", "equality",
            "demand_led", "broad_context", "positive_focus", "no_problematising"]
LABELS_EN = {"doubts_normal": "Doubts and vulnerability are normal",
             "informal_support": "Support is informal where possible"}
LABELS_NL = {"doubts_normal": "Twijfels en kwetsbaarheid zijn normaal",
             "informal_support": "Steun is waar mogelijk informeel"}

# The fields every intervention object of --json has (docs/cli.md).
BRIEF_FIELDS = ["id", "name", "kind", "setting", "scope", "channel", "profile_source",
                "elements", "profile", "disputed"]
FULL_FIELDS = BRIEF_FIELDS + ["summary", "providers", "municipalities", "regions", "since",
                              "audience", "evidence_level", "roles", "phases", "profiles",
                              "reach", "works", "improve", "links", "sources", "offers"]

# Row labels of seed 001's summary table and the catalogue ids they stand for.
SEED_ROW_IDS = {
    "@Ease": "at-ease", "MIM": "moeders-informeren-moeders", "Ouderkamer": "ouderkamer",
    "Duo-coaching": "duo-coaching", "HBBM": "het-begint-bij-mij",
    "JP Maatjesproject": "jong-perspectief", "Pinkies": "pinkies", "GIZ": "giz",
    "ETP": "eigen-toekomst-plan", "Buurtgezinnen": "buurtgezinnen",
    "Ervaringscafé": "ervaringscafe", "Homestart": "home-start",
    "Pijnacker- Nootdorp": "pijnacker-nootdorp",
}


def seed_table():
    """Seed 001's summary table (lines 2372-2385) as {line: (label, set of codes)}, or None
    if the seed is not there."""
    path = os.path.join(SEEDS_DIR, SEED_001) if SEEDS_DIR else ""
    if not path or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = lines[2371].split("\t")
    assert header[0] == "" and len(header) == 9, "seed 001 line 2372 is not the table header"
    rows = {}
    for number in range(2373, 2386):
        cells = lines[number - 1].split("\t")
        assert len(cells) == 9, "seed 001 line %d has %d cells" % (number, len(cells))
        label = re.sub(r"</?b>", "", cells[0]).strip()
        present = {ELEMENTS[i] for i in range(8) if cells[i + 1].strip() == "+"}
        rows[number] = (label, present)
    return rows


def clean_env(tmp, **extra):
    """An environment with no store or locale of the developer's."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("ITAV_STORE", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE",
                        "XDG_DATA_HOME")}
    env["HOME"] = os.path.join(tmp, "home")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "xdg")
    env["TMPDIR"] = tmp
    for k, v in extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


class CliCase(unittest.TestCase):
    """Each test gets a temporary directory and a store in it, initialised once per class."""

    init_store = True

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itav-cli-test-")
        cls.store = "sqlite:" + os.path.join(cls.tmp, "store.db")
        if cls.init_store:
            r = cls.run_itav_cls(["--store", cls.store, "init"])
            assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def run_itav_cls(cls, args, env=None, binary=None, **kw):
        return subprocess.run([binary or ITAV] + list(args), capture_output=True, text=True,
                              env=env if env is not None else clean_env(cls.tmp), timeout=60,
                              **kw)

    def itav(self, *args, env=None, code=0, binary=None):
        r = self.run_itav_cls(args, env=env, binary=binary)
        self.assertEqual(r.returncode, code,
                         "itav %s: exit %d, expected %d\nstdout: %s\nstderr: %s"
                         % (" ".join(args), r.returncode, code, r.stdout[:2000], r.stderr))
        return r

    def s(self, *args, **kw):
        """Runs itav on the class's store."""
        return self.itav("--store", self.store, *args, **kw)

    def json_of(self, *args):
        r = self.s(*args, "--json")
        return json.loads(r.stdout)

    def export(self, store=None):
        return self.itav("--store", store or self.store, "export").stdout


def profile_rows(text):
    """The rows of the text element table: {id: [8 cells]}, cells '+', '-', '?' with an
    optional '*' mark."""
    rows = {}
    in_table = False
    for line in text.split("\n"):
        tokens = line.split()
        if tokens[:8] == [str(i) for i in range(1, 9)]:
            in_table = True
            continue
        if in_table:
            if not tokens:
                break
            rows[tokens[0]] = tokens[1:9]
    return rows


class InitTest(CliCase):
    init_store = False

    def test_default_store_under_xdg_data_home(self):
        env = clean_env(self.tmp)
        r = self.itav("init", env=env)
        db = os.path.join(self.tmp, "xdg", "itav", "itav.db")
        self.assertTrue(os.path.exists(db), r.stdout)
        self.assertIn(db, r.stdout)
        mode = stat.S_IMODE(os.stat(os.path.dirname(db)).st_mode)
        self.assertEqual(mode, 0o700, "store directory mode %o" % mode)
        # The default store is used by the other commands too.
        self.assertIn("buurtgezinnen", self.itav("catalog", "list", env=env).stdout)
        # A second init is refused: the catalogue is already there.
        r = self.itav("init", env=env, code=2)
        self.assertTrue(r.stderr.startswith("itav: "), r.stderr)
        self.assertIn("already in the store", r.stderr)

    def test_default_store_under_home_without_xdg(self):
        env = clean_env(self.tmp, XDG_DATA_HOME=None)
        self.itav("init", env=env)
        db = os.path.join(self.tmp, "home", ".local", "share", "itav", "itav.db")
        self.assertTrue(os.path.exists(db))

    def test_itav_store_variable_and_option(self):
        via_env = os.path.join(self.tmp, "env.db")
        via_opt = os.path.join(self.tmp, "opt.db")
        env = clean_env(self.tmp, ITAV_STORE="sqlite:" + via_env)
        self.itav("init", env=env)
        self.assertTrue(os.path.exists(via_env))
        # --store wins over ITAV_STORE.
        self.itav("--store", "sqlite:" + via_opt, "init", env=env)
        self.assertTrue(os.path.exists(via_opt))
        self.assertEqual(self.itav("export", env=env).stdout,
                         self.itav("--store", "sqlite:" + via_opt, "export").stdout)

    def test_memory_store(self):
        self.itav("--store", "memory:", "init")

    def test_missing_store_is_a_data_error(self):
        missing = os.path.join(self.tmp, "nothing-here.db")
        r = self.itav("--store", "sqlite:" + missing, "catalog", "list", code=2)
        self.assertIn("itav init", r.stderr)
        self.assertFalse(os.path.exists(missing), "a read command created the store")

    def test_bad_store_uri(self):
        r = self.itav("--store", "nosuchscheme:x", "init", code=2)
        self.assertTrue(r.stderr.startswith("itav: ") and len(r.stderr) > 8, r.stderr)


class ListTest(CliCase):
    def all(self):
        return self.json_of("catalog", "list")

    def test_text_both_languages(self):
        en = self.s("--lang", "en", "catalog", "list").stdout
        nl = self.s("--lang", "nl", "catalog", "list").stdout
        for out in (en, nl):
            self.assertIn("buurtgezinnen", out)
            self.assertIn("Humanitas Home-Start", out)
        self.assertIn("NAME", en)
        self.assertIn("informal", en)
        self.assertIn("NAAM", nl)
        self.assertIn("informeel", nl)
        self.assertIn("interventies", nl)

    def test_json_fields(self):
        items = self.all()
        self.assertIsInstance(items, list)
        self.assertGreaterEqual(len(items), 13)
        ids = [i["id"] for i in items]
        self.assertEqual(len(ids), len(set(ids)))
        for item in items:
            for field in BRIEF_FIELDS:
                self.assertIn(field, item, "%s lacks %s" % (item.get("id"), field))
            self.assertTrue(set(item["elements"]) <= set(ELEMENTS))
            self.assertEqual(set(item["profile"]), set(ELEMENTS))
            self.assertEqual(item["elements"],
                             [e for e in ELEMENTS if item["profile"][e] == "present"])
            self.assertIn(item["profile_source"], (None, "table", "sections", "other"))
            self.assertIn(item["setting"], (None, "informal", "formal", "mixed"))
            if item["disputed"]:
                self.assertIn("element_sources", item)
                self.assertGreaterEqual(len(item["element_sources"]), 2)
            else:
                self.assertNotIn("element_sources", item)
        bg = next(i for i in items if i["id"] == "buurtgezinnen")
        self.assertEqual(bg["setting"], "informal")
        self.assertEqual(bg["profile_source"], "table")

    def test_element_filter(self):
        everything = self.all()
        one = self.json_of("catalog", "list", "--element", "broad_context")
        self.assertEqual([i["id"] for i in one],
                         [i["id"] for i in everything if "broad_context" in i["elements"]])
        self.assertNotIn("jong-perspectief", [i["id"] for i in one])  # table: absent
        two = self.json_of("catalog", "list", "--element", "doubts_normal",
                           "--element", "positive_focus")
        want = [i["id"] for i in everything
                if {"doubts_normal", "positive_focus"} <= set(i["elements"])]
        self.assertEqual([i["id"] for i in two], want)
        self.assertIn("buurtgezinnen", want)
        self.assertNotIn("pinkies", want)
        self.assertLess(len(two), len(everything))
        # Text output too, with the --opt=value form.
        out = self.s("catalog", "list", "--element=broad_context").stdout
        self.assertIn("buurtgezinnen", out)
        self.assertNotIn("jong-perspectief", out)

    def test_setting_filter(self):
        everything = self.all()
        for setting in ("informal", "formal"):
            got = self.json_of("catalog", "list", "--setting", setting)
            self.assertTrue(got)
            self.assertEqual([i["id"] for i in got],
                             [i["id"] for i in everything if i["setting"] == setting])
        got = self.json_of("catalog", "list", "--setting", "formal",
                           "--element", "low_threshold")
        self.assertIn("at-ease", [i["id"] for i in got])
        self.assertNotIn("giz", [i["id"] for i in got])  # formal, low_threshold absent

    def test_municipality_filter(self):
        got = self.json_of("catalog", "list", "--municipality", "Haarlem")
        ids = [i["id"] for i in got]
        self.assertIn("buurtgezinnen", ids)  # through its Zuid-Kennemerland offer
        self.assertNotIn("pinkies", ids)
        self.assertEqual(ids, [i["id"] for i in
                               self.json_of("catalog", "list", "--municipality", "haarlem")])
        out = self.s("catalog", "list", "--municipality", "Nergenshuizen").stdout
        self.assertIn("No interventions match", out)
        self.assertEqual(self.json_of("catalog", "list", "--municipality", "Nergenshuizen"), [])


class ShowTest(CliCase):
    def test_text_english(self):
        out = self.s("--lang", "en", "catalog", "show", "buurtgezinnen").stdout
        self.assertIn("Buurtgezinnen (buurtgezinnen)", out)
        self.assertIn(LABELS_EN["informal_support"], out)
        self.assertIn("summary table", out)
        self.assertIn("sections", out)
        self.assertIn("[001:L2382]", out)
        for heading in ("Roles", "Reach", "What works", "Sources (seed:line)", "Offers"):
            self.assertIn(heading + ":", out)
        self.assertIn("buurtgezinnen-leiden", out)

    def test_text_dutch(self):
        out = self.s("--lang", "nl", "catalog", "show", "buurtgezinnen").stdout
        self.assertIn(LABELS_NL["informal_support"], out)
        self.assertIn("samenvattende tabel", out)
        self.assertIn("aanwezig", out)
        for heading in ("Rollen", "Wat werkt", "Bronnen (seed:regel)"):
            self.assertIn(heading + ":", out)

    def test_text_has_every_figure_and_evidence(self):
        data = self.json_of("catalog", "show", "buurtgezinnen")
        out = self.s("catalog", "show", "buurtgezinnen").stdout
        self.assertTrue(data["reach"])
        for fig in data["reach"]:
            if fig["quantity"].get("text"):
                self.assertIn(fig["quantity"]["text"], out)
            if fig.get("source"):
                self.assertIn(fig["source"], out)
        for src, prof in data["profiles"].items():
            for code, st in prof.items():
                if st.get("evidence"):
                    self.assertIn(st["evidence"], out)
        for role in data["roles"]:
            if role.get("description"):
                self.assertIn(role["description"], out)
        for field, ref in data["sources"].items():
            self.assertRegex(out, r"\n  %s +%s\n" % (re.escape(field), re.escape(ref)))

    def test_qualified_figures(self):
        data = self.json_of("catalog", "show", "pinkies")
        fig = data["reach"][0]
        self.assertEqual(fig["quantity"]["qualifier"], "range")
        self.assertEqual((fig["quantity"]["min"], fig["quantity"]["max"]), (5, 10))
        out = self.s("--lang", "en", "catalog", "show", "pinkies").stdout
        self.assertIn("5 to 10 families", out)
        self.assertIn(fig["quantity"]["text"], out)

    def test_disputed_elements(self):
        out = self.s("--lang", "en", "catalog", "show", "eigen-toekomst-plan").stdout
        self.assertIn("* 1 " + LABELS_EN["doubts_normal"] + ": absent [001:L2381]", out)
        self.assertIn("The sources disagree", out)
        self.assertRegex(out, r"1 doubts_normal: summary table: absent \(001:L2381\); "
                              r"sections: present \(001:L\d+")
        data = self.json_of("catalog", "show", "eigen-toekomst-plan")
        self.assertEqual(set(data["disputed"]), {"doubts_normal", "low_threshold"})
        es = data["element_sources"]
        self.assertEqual(set(es), {"table", "sections"})
        for src in ("table", "sections"):
            self.assertEqual(es[src], [c for c in ELEMENTS
                                       if data["profiles"][src].get(c, {}).get("status")
                                       == "present"])
        self.assertIn("doubts_normal", es["sections"])
        self.assertNotIn("doubts_normal", es["table"])
        self.assertEqual(data["elements"], es["table"])  # the table is the profile in use

    def test_json_fields(self):
        data = self.json_of("catalog", "show", "home-start")
        for field in FULL_FIELDS:
            self.assertIn(field, data)
        self.assertEqual(data["id"], "home-start")
        self.assertEqual(data["profile_source"], "table")
        self.assertEqual(set(data["profiles"]), {"table", "sections"})
        for st in data["profiles"]["table"].values():
            self.assertIn(st["status"], ("present", "absent"))
            self.assertRegex(st["source"], r"^001:L2384$")
        for role in data["roles"]:
            self.assertIn(role["role"], ("volunteer", "peer", "professional", "coordinator"))
            self.assertIsInstance(role["vog"], bool)
        self.assertIn("who", data["audience"])
        self.assertIsInstance(data["offers"], list)

    def test_unknown_id(self):
        r = self.s("catalog", "show", "no-such-thing", code=2)
        self.assertRegex(r.stderr, r'^itav: .*no-such-thing')
        self.assertEqual(r.stdout, "")


class ProfileTest(CliCase):
    def test_table_rows_are_the_profiled_interventions(self):
        items = self.json_of("catalog", "list")
        want = {i["id"]: i for i in items if i["profile_source"]}
        out = self.s("--lang", "en", "catalog", "profile").stdout
        rows = profile_rows(out)
        self.assertEqual(set(rows), set(want))
        for iid, cells in rows.items():
            item = want[iid]
            symbol = {"present": "+", "absent": "-", "unknown": "?"}
            self.assertEqual([c.rstrip("*") for c in cells],
                             [symbol[item["profile"][e]] for e in ELEMENTS], iid)
            self.assertEqual([e for e, c in zip(ELEMENTS, cells) if c.endswith("*")],
                             item["disputed"], iid)

    def test_english(self):
        out = self.s("--lang", "en", "catalog", "profile").stdout
        for e, label in enumerate(ELEMENTS, 1):
            self.assertRegex(out, r"\n  %d  %s +\S" % (e, label))
        self.assertIn(LABELS_EN["doubts_normal"], out)
        self.assertIn("+ present, - absent, ? unknown", out)
        self.assertIn("does not rank", out)
        self.assertIn("More elements is not better", out)
        # The footnote names the elements and both sources.
        self.assertRegex(out, r"\* Where seed 001's summary table and the example's own "
                              r"sections disagree")
        self.assertRegex(out, r"eigen-toekomst-plan, element 1 doubts_normal: summary table: "
                              r"absent \(001:L2381\); sections: present \(001:L\d+")
        self.assertRegex(out, r"jong-perspectief, element 6 broad_context: summary table: "
                              r"absent \(001:L2378\); sections: present")

    def test_dutch(self):
        out = self.s("--lang", "nl", "catalog", "profile").stdout
        self.assertIn(LABELS_NL["doubts_normal"], out)
        self.assertIn(LABELS_NL["informal_support"], out)
        self.assertIn("+ aanwezig, - afwezig, ? onbekend", out)
        self.assertIn("rangschikt niet", out)
        self.assertIn("Meer elementen is niet beter", out)
        self.assertRegex(out, r"eigen-toekomst-plan, element 1 doubts_normal: samenvattende "
                              r"tabel: afwezig \(001:L2381\); secties: aanwezig")
        self.assertEqual(profile_rows(out),
                         profile_rows(self.s("--lang", "en", "catalog", "profile").stdout))

    def test_json(self):
        data = self.json_of("--lang", "nl", "catalog", "profile")
        self.assertEqual([e["code"] for e in data["element_legend"]], ELEMENTS)
        self.assertEqual([e["number"] for e in data["element_legend"]], list(range(1, 9)))
        self.assertEqual(data["element_legend"][0]["label"], LABELS_NL["doubts_normal"])
        self.assertIn("rangschikt niet", data["note"])
        ids = [i["id"] for i in data["interventions"]]
        self.assertEqual(len(ids), len(set(ids)))
        for item in data["interventions"]:
            for field in BRIEF_FIELDS:
                self.assertIn(field, item)
            self.assertIsNotNone(item["profile_source"])
        jp = next(i for i in data["interventions"] if i["id"] == "jong-perspectief")
        self.assertEqual(jp["disputed"], ["broad_context"])
        self.assertNotIn("broad_context", jp["element_sources"]["table"])
        self.assertIn("broad_context", jp["element_sources"]["sections"])


class SeedTableTest(CliCase):
    """The element table of the 13 seed-001 examples matches the seed's own table."""

    def setUp(self):
        self.table = seed_table()
        if self.table is None:
            self.skipTest("seed 001 not found in ITAV_SEEDS_DIR=%r (../shared/seeds): "
                          "cannot compare with the seed's own table" % SEEDS_DIR)

    def table_ids(self):
        """{seed line: intervention id}, from each intervention's table references."""
        out = {}
        for item in self.json_of("catalog", "list"):
            if item["profile_source"] != "table":
                continue
            data = self.json_of("catalog", "show", item["id"])
            refs = {st["source"] for st in data["profiles"]["table"].values()}
            self.assertEqual(len(refs), 1, item["id"])
            line = int(re.fullmatch(r"001:L(\d+)", refs.pop()).group(1))
            out[line] = item["id"]
        return out

    def test_rows_match_the_seed(self):
        ids = self.table_ids()
        self.assertEqual(sorted(ids), sorted(self.table), "one intervention per table row")
        rows = profile_rows(self.s("catalog", "profile").stdout)
        for line, (label, present) in sorted(self.table.items()):
            iid = ids[line]
            self.assertEqual(SEED_ROW_IDS.get(label), iid,
                             "seed row %r (line %d) is %s in the catalogue" % (label, line, iid))
            cells = [c.rstrip("*") for c in rows[iid]]
            self.assertEqual(cells, ["+" if e in present else "-" for e in ELEMENTS],
                             "row %s (seed line %d, %r)" % (iid, line, label))

    def test_demo_rows_match_the_seed(self):
        out = subprocess.run([DEMO, os.path.join(self.tmp, "demo")], capture_output=True,
                             text=True, timeout=60, env=clean_env(self.tmp))
        self.assertEqual(out.returncode, 0, out.stderr)
        rows = profile_rows(out.stdout)
        ids = self.table_ids()
        # Same rows, in the seed's order.
        self.assertEqual(list(rows), [ids[line] for line in sorted(self.table)])
        for line, (label, present) in self.table.items():
            self.assertEqual([c.rstrip("*") for c in rows[ids[line]]],
                             ["+" if e in present else "-" for e in ELEMENTS])
        # Portfolio counts are the seed's column counts.
        counts = [sum(1 for _, p in self.table.values() if e in p) for e in ELEMENTS]
        want = ", ".join("%d have element %d" % (n, i) for i, n in enumerate(counts, 1))
        self.assertIn(want, out.stdout)


class ExchangeTest(CliCase):
    def test_export_file_and_stdout(self):
        path = os.path.join(self.tmp, "out.json")
        r = self.s("export", path)
        self.assertEqual(r.stdout, "")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(text, self.export())
        data = json.loads(text)
        self.assertEqual(data["format"], "itav/1")
        self.assertIn("buurtgezinnen", [i["id"] for i in data["interventions"]])

    def test_round_trip_is_byte_identical(self):
        first = os.path.join(self.tmp, "first.json")
        self.s("export", first)
        other = "sqlite:" + os.path.join(self.tmp, "other.db")
        self.itav("--store", other, "import", first)
        second = os.path.join(self.tmp, "second.json")
        self.itav("--store", other, "export", second)
        with open(first, "rb") as a, open(second, "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_malformed_import(self):
        bad = os.path.join(self.tmp, "bad.json")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('{"format": "itav/1",\n  "interventions": [\n    {"id": "x",, }\n  ]\n}\n')
        before = self.export()
        r = self.s("import", bad, code=2)
        self.assertRegex(r.stderr, r"^itav: .*bad\.json:3:\d+: ")
        self.assertEqual(self.export(), before)

    def test_invalid_member_import(self):
        bad = os.path.join(self.tmp, "badcode.json")
        with open(bad, "w", encoding="utf-8") as f:
            json.dump({"format": "itav/1", "interventions": [
                {"id": "nieuw", "name": "Nieuw", "setting": "sometimes"}]}, f)
        before = self.export()
        r = self.s("import", bad, code=2)
        self.assertIn("$.interventions[0].setting", r.stderr)
        self.assertEqual(self.export(), before)

    def duplicate_test(self, interventions, expect):
        path = os.path.join(self.tmp, "dup.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"format": "itav/1", "interventions": interventions}, f)
        before = self.export()
        r = self.s("import", path, code=2)
        self.assertTrue(r.stderr.startswith("itav: "), r.stderr)
        self.assertIn(expect, r.stderr)
        self.assertEqual(self.export(), before, "the store changed")

    def test_duplicate_of_a_stored_id(self):
        # A new intervention and one whose id is already in the store: nothing is imported.
        self.duplicate_test([{"id": "nieuw-initiatief", "name": "Nieuw initiatief"},
                             {"id": "buurtgezinnen", "name": "Buurtgezinnen"}],
                            '"buurtgezinnen"')

    def test_duplicate_within_the_file(self):
        self.duplicate_test([{"id": "tweemaal", "name": "Een"},
                             {"id": "tweemaal", "name": "Twee"}], "tweemaal")

    def test_import_into_new_store_then_list(self):
        path = os.path.join(self.tmp, "one.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"format": "itav/1", "interventions": [
                {"id": "nieuw", "name": "Nieuw", "setting": "informal",
                 "elements": {"sections": {"equality": {"status": "present"},
                                           "demand_led": {"status": "absent"}}}}]}, f)
        store = "sqlite:" + os.path.join(self.tmp, "fresh.db")
        self.itav("--store", store, "import", path)
        items = json.loads(self.itav("--store", store, "catalog", "list", "--json").stdout)
        self.assertEqual([i["id"] for i in items], ["nieuw"])
        self.assertEqual(items[0]["elements"], ["equality"])
        self.assertEqual(items[0]["profile_source"], "sections")
        rows = profile_rows(self.itav("--store", store, "catalog", "profile").stdout)
        self.assertEqual(rows, {"nieuw": ["?", "?", "?", "+", "-", "?", "?", "?"]})

    def test_missing_import_file(self):
        r = self.s("import", os.path.join(self.tmp, "absent.json"), code=2)
        self.assertIn("absent.json", r.stderr)


class ErrorsTest(CliCase):
    def usage_error(self, *args):
        r = self.s(*args, code=1)
        self.assertEqual(r.stdout, "")
        self.assertTrue(r.stderr.startswith("itav: "), r.stderr)
        self.assertIn("Usage: itav", r.stderr)
        return r.stderr.split("\n")[0]

    def test_unknown_command(self):
        self.assertIn("unknown command 'frobnicate'", self.usage_error("frobnicate"))
        self.assertIn("unknown catalog subcommand 'sort'", self.usage_error("catalog", "sort"))

    def test_missing_arguments(self):
        self.assertIn("missing command", self.usage_error())
        self.assertIn("missing argument ID", self.usage_error("catalog", "show"))
        self.assertIn("missing argument FILE", self.usage_error("import"))
        self.assertIn("missing catalog subcommand", self.usage_error("catalog"))
        self.assertIn("--element needs an argument",
                      self.usage_error("catalog", "list", "--element"))
        r = self.itav("catalog", "list", "--store", code=1)
        self.assertIn("--store needs an argument", r.stderr)

    def test_unknown_and_misplaced_options(self):
        self.assertIn("unknown option '--frob'", self.usage_error("catalog", "list", "--frob"))
        self.assertIn("unknown option '-x'", self.usage_error("-x", "catalog", "list"))
        self.assertIn("unknown language", self.usage_error("--lang", "de", "catalog", "list"))
        self.assertIn("--json does not apply", self.usage_error("init", "--json"))
        self.assertIn("apply only to 'catalog list'",
                      self.usage_error("catalog", "show", "giz", "--element", "equality"))
        self.assertIn("unexpected argument 'extra'",
                      self.usage_error("catalog", "profile", "extra"))

    def test_unknown_element_code(self):
        r = self.s("catalog", "list", "--element", "informal", code=2)
        self.assertEqual(r.stdout, "")
        self.assertRegex(r.stderr, r'^itav: unknown element code "informal"')
        self.assertNotIn("Usage", r.stderr)

    def test_unknown_setting(self):
        r = self.s("catalog", "list", "--setting", "sometimes", code=2)
        self.assertRegex(r.stderr, r'^itav: unknown setting "sometimes"')

    def test_help_and_version(self):
        r = self.itav("--help")
        self.assertIn("Usage: itav", r.stdout)
        self.assertIn("catalog profile", r.stdout)
        self.assertEqual(r.stderr, "")
        self.assertIn("Usage: itav", self.itav("catalog", "list", "--help").stdout)
        r = self.itav("--version")
        self.assertRegex(r.stdout, r"^itav \d+\.\d+\.\d+ \(libitav \d+\.\d+\.\d+\)\n$")


class LocaleTest(CliCase):
    def profile_heading(self, **env):
        out = self.s("catalog", "profile", env=clean_env(self.tmp, **env)).stdout
        return "nl" if out.startswith("Elemententabel") else \
            "en" if out.startswith("Element table") else out[:40]

    def test_locale_variables(self):
        self.assertEqual(self.profile_heading(), "en")
        self.assertEqual(self.profile_heading(LANG="nl_NL.UTF-8"), "nl")
        self.assertEqual(self.profile_heading(LANG="en_GB.UTF-8"), "en")
        self.assertEqual(self.profile_heading(LC_MESSAGES="nl_BE.UTF-8", LANG="en_US"), "nl")
        self.assertEqual(self.profile_heading(LC_ALL="en_US.UTF-8", LC_MESSAGES="nl_NL"), "en")
        self.assertEqual(self.profile_heading(LC_ALL="nl_NL", LANG="en_US"), "nl")
        self.assertEqual(self.profile_heading(LC_ALL="", LANG="nl_NL"), "nl")

    def test_option_wins_over_locale(self):
        env = clean_env(self.tmp, LC_ALL="nl_NL.UTF-8")
        out = self.s("--lang", "en", "catalog", "profile", env=env).stdout
        self.assertTrue(out.startswith("Element table"))
        out = self.itav("catalog", "profile", "--lang", "nl", "--store", self.store).stdout
        self.assertTrue(out.startswith("Elemententabel"))


class DemoTest(CliCase):
    init_store = False

    def demo(self, *args, env=None, code=0):
        r = subprocess.run([DEMO] + list(args), capture_output=True, text=True, timeout=60,
                           env=env or clean_env(self.tmp))
        self.assertEqual(r.returncode, code, r.stderr)
        return r

    def test_demo_in_dir(self):
        d = os.path.join(self.tmp, "in-dir")
        out = self.demo(d).stdout
        rows = profile_rows(out)
        self.assertEqual(len(rows), 13, out)
        self.assertIn("buurtgezinnen", rows)
        self.assertIn("eigen-toekomst-plan, element 1 doubts_normal: table -, sections +", out)
        self.assertTrue(any(c.endswith("*") for c in rows["jong-perspectief"]))
        self.assertRegex(out, r"Portfolio: of the 13 examples, \d+ have element 1,")
        self.assertIn("all 13 share elements 2 4 5.", out)
        self.assertIn("more elements is not better", out)
        export = os.path.join(d, "itav-export.json")
        store = os.path.join(d, "itav.db")
        self.assertIn("Export: " + export + "\n", out)
        self.assertIn("Store:  " + store + "\n", out)
        with open(export, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(json.loads(text)["format"], "itav/1")
        # The export is the demo's store, as itav exports it.
        self.assertEqual(text, self.itav("--store", "sqlite:" + store, "export").stdout)
        # A second run in the same directory is refused, leaving the store alone.
        r = self.demo(d, code=2)
        self.assertIn("already exists", r.stderr)

    def test_demo_default_dir(self):
        tmpdir = os.path.join(self.tmp, "tmpdir")
        os.mkdir(tmpdir)
        out = self.demo(env=clean_env(self.tmp, TMPDIR=tmpdir)).stdout
        m = re.search(r"Export: (.*)\n", out)
        self.assertTrue(m, out)
        self.assertTrue(m.group(1).startswith(tmpdir + "/itav-demo-"), m.group(1))
        self.assertTrue(os.path.exists(m.group(1)))

    def test_usage(self):
        self.assertIn("Usage", self.demo("--frob", code=1).stderr)


class EmbedTest(CliCase):
    init_store = False

    def test_embed(self):
        r = subprocess.run([EMBED], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        ids = [line.split("\t")[0] for line in r.stdout.splitlines()]
        self.assertIn("buurtgezinnen", ids)
        self.assertNotIn("itav-hoeksche-waard", ids)  # no profile
        r = subprocess.run([EMBED, "broad_context"], capture_output=True, text=True,
                           timeout=60)
        self.assertNotIn("jong-perspectief", r.stdout)
        r = subprocess.run([EMBED, "nonsense"], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 1)


if __name__ == "__main__":
    unittest.main(argv=sys.argv, verbosity=2)
