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

    def test_matching_scenario(self):
        one, two = os.path.join(self.tmp, "one"), os.path.join(self.tmp, "two")
        out = self.demo(one).stdout
        # Deterministic: a second run differs only in its paths.
        self.assertEqual(out.replace(one, "DIR"), self.demo(two).stdout.replace(two, "DIR"))
        self.assertLess(len(out.splitlines()), 130)
        self.assertIn("Buurtgezinnen Zuid-Kennemerland (seed 002): a generated scenario, "
                      "no real people.", out)
        # The plan of the offer, each value with its seed line.
        for pattern in (r"trial length +2 months +002:L77", r"reviews +every 6 months +002:L77",
                        r"longest match +24 months +002:L79",
                        r"farthest apart +10 km +001:L444",
                        r"certificate \(VOG\) +required +002:L65"):
            self.assertRegex(out, pattern)
        self.assertIn("12 asking families, waiting:", out)
        self.assertIn("10 support families, available:", out)
        for i in range(1, 13):
            self.assertRegex(out, r"\n  zk-vraag-%02d +(Haarlem|Heemstede|Bloemendaal|"
                                  r"Zandvoort) " % i)
        for i in range(1, 11):
            self.assertRegex(out, r"\n  zk-steun-%02d +(Haarlem|Heemstede|Bloemendaal|"
                                  r"Zandvoort) " % i)
        self.assertRegex(out, r"The three best support families for zk-vraag-01, with the "
                              r"breakdown of each score:\n.*dist avail needs lang inter ages "
                              r"wait\n  1\. zk-steun-\d\d +0\.\d{3} .*\n  2\. .*\n  3\. ")
        self.assertIn("Assignment of everyone waiting (dry run, in waiting order)", out)
        m = re.search(r"  (\d+) pairs, total score \d+\.\d{3}; unmatched:\n", out)
        self.assertTrue(m, out)
        pairs = int(m.group(1))
        self.assertIn("no support family passes the hard constraints (", out)
        self.assertRegex(out, r"below the minimum 0\.40")
        self.assertIn("Written as %d proposed matches, m-00000001 to m-%08d." % (pairs, pairs),
                      out)
        # One match through its lifecycle, with what falls due.
        self.assertRegex(out, r"    2021-06-01  m-00000001  trial_evaluation +in 7 days\n")
        self.assertRegex(out, r"    2021-12-01  m-00000001  review +in 7 days\n")
        self.assertRegex(out, r"    2023-04-01  m-00000001  closure +today\n")
        self.assertIn("Refused: match \"m-00000001\" is active; legal moves: completed, "
                      "ended_early", out)
        self.assertRegex(out, r"Match m-00000001 \(zk-vraag-\d\d with zk-steun-\d\d\) through "
                              r"its lifecycle:\n  2021-03-15  -> introduced\n")
        self.assertRegex(out, r"Audit trail of m-00000001, never rewritten:\n"
                              r"  2021-03-01  proposed +system\n  2021-03-15  introduced ")
        # The demo's store, read back through the CLI.
        store = "sqlite:" + os.path.join(one, "itav.db")
        matches = json.loads(self.itav("--store", store, "match", "list", "--json").stdout)
        self.assertEqual(len(matches), pairs)
        self.assertEqual(matches[0]["state"], "active")
        people = json.loads(self.itav("--store", store, "participants", "list", "--json").stdout)
        self.assertEqual(len(people), 22)
        self.assertEqual({p["municipality"] for p in people},
                         {"Haarlem", "Heemstede", "Bloemendaal", "Zandvoort"})


# ---- participants and matching (issue 3) ------------------------------------------------

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
OFFER = "buurtgezinnen-zuid-kennemerland"
FAMILIES_CSV = os.path.join(DATA_DIR, "zk-families.csv")  # 6 asking, 3 supporting
BAD_CSV = os.path.join(DATA_DIR, "zk-bad.csv")            # two bad rows
MORE_JSON = os.path.join(DATA_DIR, "zk-more.json")        # 1 asking, 1 supporting
CRITERIA = ["distance", "availability", "needs", "languages", "interests", "ages", "waiting"]
# The members of a participant object, in canonical order (docs/format.md).
PARTICIPANT_MEMBERS = ["ref", "offer", "kind", "status", "status_date", "municipality",
                       "postcode", "location", "availability", "support", "languages",
                       "language_required", "interests", "children", "age_range", "vog_date",
                       "trained", "capacity", "registered", "max_distance_m", "exclusions"]


class MatchingCase(CliCase):
    """A store with the catalogue and the families of zk-families.csv."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = cls.run_itav_cls(["--store", cls.store, "participants", "import", FAMILIES_CSV,
                              "--offer", OFFER])
        assert r.returncode == 0, r.stderr

    def fresh_store(self, name):
        """Another store with the catalogue and the families, for tests that write."""
        store = "sqlite:" + os.path.join(self.tmp, name + ".db")
        self.itav("--store", store, "init")
        self.itav("--store", store, "participants", "import", FAMILIES_CSV, "--offer", OFFER)
        return store

    def data_error(self, *args, store=None):
        """Runs a command that must fail with a data error; returns the message."""
        r = self.itav("--store", store or self.store, *args, code=2)
        self.assertEqual(r.stdout, "")
        self.assertTrue(r.stderr.startswith("itav: "), r.stderr)
        self.assertNotIn("Usage", r.stderr)
        return r.stderr

    def refs(self, *args):
        return [p["ref"] for p in self.json_of("participants", "list", *args)]


class ParticipantsTest(MatchingCase):
    def test_import_csv_reports_the_count(self):
        store = "sqlite:" + os.path.join(self.tmp, "count.db")
        self.itav("--store", store, "init")
        r = self.itav("--store", store, "participants", "import", FAMILIES_CSV,
                      "--offer", OFFER)
        self.assertEqual(r.stdout, "Imported 9 participants from %s.\n" % FAMILIES_CSV)
        got = json.loads(self.itav("--store", store, "participants", "list", "--json").stdout)
        self.assertEqual(len(got), 9)
        self.assertEqual({p["offer"] for p in got}, {OFFER})
        # The same file again: every reference is taken, nothing is imported.
        r = self.itav("--store", store, "participants", "import", FAMILIES_CSV,
                      "--offer", OFFER, code=2)
        self.assertIn("zk-vraag-01", r.stderr)
        self.assertEqual(len(json.loads(self.itav("--store", store, "participants", "list",
                                                  "--json").stdout)), 9)

    def test_import_csv_error_names_row_and_column(self):
        before = self.refs()
        err = self.data_error("participants", "import", BAD_CSV, "--offer", OFFER)
        self.assertIn("zk-bad.csv:row 3, column lat", err)
        self.assertIn("row 4, column kind", err)
        self.assertNotIn("row 2", err)
        self.assertEqual(self.refs(), before)  # row 2 was fine, but nothing was imported
        self.assertNotIn("zk-fout-01", before)

    def test_import_csv_without_offer(self):
        # The file has no offer column: without --offer every row lacks one.
        err = self.data_error("participants", "import", FAMILIES_CSV)
        self.assertIn("offer", err)

    def test_import_json(self):
        store = self.fresh_store("json-import")
        r = self.itav("--store", store, "participants", "import", MORE_JSON)
        self.assertEqual(r.stdout, "Imported 2 participants from %s.\n" % MORE_JSON)
        got = json.loads(self.itav("--store", store, "participants", "show", "zk-steun-04",
                                   "--json").stdout)
        self.assertEqual(got["vog_date"], "2020-12-01")
        self.assertEqual(got["age_range"], {"min": 0, "max": 120})

    def test_offer_option_only_for_csv(self):
        r = self.s("participants", "import", MORE_JSON, "--offer", OFFER, code=1)
        self.assertIn("--offer applies only to a CSV file", r.stderr)

    def test_missing_import_file(self):
        self.assertIn("absent.csv", self.data_error("participants", "import",
                                                    os.path.join(self.tmp, "absent.csv"),
                                                    "--offer", OFFER))

    def test_list_json(self):
        got = self.json_of("participants", "list")
        self.assertEqual([p["ref"] for p in got], sorted(p["ref"] for p in got))
        self.assertEqual(len(got), 9)
        for p in got:
            members = [m for m in PARTICIPANT_MEMBERS if m in p]
            self.assertEqual(list(p), members, "members out of order or unknown: %s" % p["ref"])
            for m in ("ref", "offer", "kind", "status"):
                self.assertIn(m, p)
        one = next(p for p in got if p["ref"] == "zk-steun-01")
        self.assertEqual(one["kind"], "support_family")
        self.assertEqual(one["support"], ["daytime_care", "sleepover"])
        self.assertEqual(one["availability"], ["wed_afternoon", "wed_evening"])
        self.assertEqual(one["capacity"], 2)
        self.assertIs(one["trained"], True)
        self.assertEqual(one["age_range"], {"min": 0, "max": 144})
        self.assertAlmostEqual(one["location"]["lat"], 52.383)
        two = next(p for p in got if p["ref"] == "zk-vraag-02")
        self.assertEqual(two["languages"], ["nl", "ar"])
        self.assertIs(two["language_required"], True)
        self.assertNotIn("capacity", two)  # left out when 1

    def test_list_filters(self):
        self.assertEqual(self.refs("--side", "supporting"),
                         ["zk-steun-01", "zk-steun-02", "zk-steun-03"])
        self.assertEqual(self.refs("--side", "asking", "--status", "registered"),
                         ["zk-vraag-04"])
        self.assertEqual(len(self.refs("--status", "waiting")), 5)
        self.assertEqual(len(self.refs("--offer", OFFER)), 9)
        self.assertEqual(self.refs("--offer", "buurtgezinnen-leiden"), [])
        self.assertIn('"nergens"', self.data_error("participants", "list", "--offer",
                                                   "nergens"))
        err = self.data_error("participants", "list", "--side", "both")
        self.assertIn('unknown side "both" (expected asking or supporting)', err)
        err = self.data_error("participants", "list", "--status", "happy")
        self.assertIn('unknown status "happy"', err)
        self.assertIn("waiting", err)

    def test_list_text(self):
        out = self.s("participants", "list").stdout
        self.assertTrue(out.startswith(OFFER + ":\n"), out)
        self.assertRegex(out, r"REF +KIND +STATUS +SINCE +MUNICIPALITY +SUPPORT\n")
        self.assertRegex(out, r"zk-steun-02 +support_family +available +2020-10-05 +"
                              r"Heemstede +sleepover, accompany\n")
        self.assertRegex(out, r"zk-vraag-04 +family +registered +2021-02-01 +Bloemendaal +-\n")
        self.assertTrue(out.endswith("\n9 participants.\n"), out)
        out = self.s("--lang", "nl", "participants", "list", "--side", "supporting").stdout
        self.assertIn("GEMEENTE", out)
        self.assertIn("3 deelnemers.", out)
        out = self.s("participants", "list", "--status", "inactive").stdout
        self.assertEqual(out, "No participants match.\n")

    def test_show(self):
        got = self.json_of("participants", "show", "zk-vraag-01")
        self.assertEqual(got["ref"], "zk-vraag-01")
        self.assertEqual(got["children"], [48, 96])
        self.assertEqual(got["matches"], [])
        self.assertEqual(list(got)[-1], "matches")
        out = self.s("participants", "show", "zk-vraag-01").stdout
        self.assertTrue(out.startswith("zk-vraag-01: family (asking side), %s\n" % OFFER))
        for line in ("Status:            waiting (since 2020-11-02)",
                     "Municipality:      Haarlem", "Needs:             daytime_care",
                     "Children (months): 48, 96", "Interests:         football"):
            self.assertIn("  " + line + "\n", out)
        out = self.s("participants", "show", "zk-steun-01").stdout
        for line in ("Offers:            daytime_care, sleepover",
                     "Availability:      wed_afternoon, wed_evening",
                     "VOG:               2020-10-01", "Capacity:          2",
                     "Takes ages:        0 to 144 months"):
            self.assertIn("  " + line + "\n", out)

    def test_unknown_ref(self):
        err = self.data_error("participants", "show", "zk-niemand")
        self.assertIn('"zk-niemand"', err)
        self.data_error("participants", "erase", "zk-niemand")
        self.data_error("participants", "status", "zk-niemand", "intake")

    def test_status(self):
        store = self.fresh_store("status")
        r = self.itav("--store", store, "participants", "status", "zk-vraag-04", "intake",
                      "--date", "2021-02-08")
        self.assertEqual(r.stdout, "zk-vraag-04: registered -> intake on 2021-02-08.\n")
        got = json.loads(self.itav("--store", store, "participants", "show", "zk-vraag-04",
                                   "--json").stdout)
        self.assertEqual((got["status"], got["status_date"]), ("intake", "2021-02-08"))
        # Intake cannot go straight to waiting: the message lists the legal moves.
        err = self.data_error("participants", "status", "zk-vraag-04", "waiting", "--date",
                              "2021-02-09", store=store)
        self.assertIn("approved", err)
        self.assertIn("not_suitable", err)
        err = self.data_error("participants", "status", "zk-vraag-04", "approved", "--date",
                              "2021-13-01", store=store)
        self.assertIn('invalid date "2021-13-01" for --date', err)
        err = self.data_error("participants", "status", "zk-vraag-04", "asleep", store=store)
        self.assertIn('unknown status "asleep"', err)
        got = json.loads(self.itav("--store", store, "participants", "show", "zk-vraag-04",
                                   "--json").stdout)
        self.assertEqual(got["status"], "intake")

    def test_erase(self):
        store = self.fresh_store("erase")
        r = self.itav("--store", store, "participants", "erase", "zk-vraag-02")
        m = re.fullmatch(r"Erased zk-vraag-02: its personal data is gone and its reference is "
                         r"now (\S+)\.\n", r.stdout)
        self.assertTrue(m, r.stdout)
        new_ref = m.group(1)
        self.assertTrue(new_ref.startswith("~erased-"), new_ref)
        self.data_error("participants", "show", "zk-vraag-02", store=store)
        got = json.loads(self.itav("--store", store, "participants", "show", new_ref,
                                   "--json").stdout)
        self.assertEqual(got["status"], "erased")
        for member in ("municipality", "postcode", "location", "languages", "children"):
            self.assertNotIn(member, got)
        # Erasing again is refused.
        self.data_error("participants", "erase", new_ref, store=store)


class MatchTest(MatchingCase):
    """Suggestions and assignment (nothing written here, except on fresh stores)."""

    def suggest(self, ref, *args):
        return self.json_of("match", "suggest", ref, "--as-of", "2021-03-01", *args)

    def check_pair(self, pair):
        """A pair's score is the weighted mean of its breakdown."""
        self.assertEqual(list(pair["breakdown"]), CRITERIA)
        num = den = 0.0
        for c, e in pair["breakdown"].items():
            if e is None:
                continue
            self.assertEqual(list(e), ["value", "weight"])
            self.assertTrue(0 <= e["value"] <= 1, (c, e))
            num += e["value"] * e["weight"]
            den += e["weight"]
        self.assertAlmostEqual(pair["score"], num / den, places=5)
        self.assertTrue(0 <= pair["score"] <= 1)

    def test_suggest_json(self):
        got = self.suggest("zk-vraag-01")
        self.assertEqual((got["asking"], got["offer"], got["as_of"], got["k"]),
                         ("zk-vraag-01", OFFER, "2021-03-01", 5))
        self.assertEqual(got["weights"], {"distance": 2, "availability": 2, "needs": 3,
                                          "languages": 1, "interests": 1, "ages": 1,
                                          "waiting": 1})
        sug = got["suggestions"]
        # zk-steun-03 has no certificate of conduct: excluded.
        self.assertEqual([s["supporting"] for s in sug], ["zk-steun-01", "zk-steun-02"])
        self.assertEqual([s["rank"] for s in sug], [1, 2])
        self.assertGreaterEqual(sug[0]["score"], sug[1]["score"])
        for s in sug:
            self.assertEqual(s["asking"], "zk-vraag-01")
            self.check_pair(s)
        best = sug[0]
        self.assertEqual(best["breakdown"]["needs"], {"value": 1, "weight": 3})
        self.assertEqual(best["breakdown"]["availability"]["value"], 1)
        self.assertTrue(0.5 < best["distance_km"] < 0.8, best["distance_km"])  # about 650 m
        self.assertIsNone(sug[1]["breakdown"]["interests"])  # zk-steun-02 lists none
        self.assertEqual(len(self.suggest("zk-vraag-01", "--k", "1")["suggestions"]), 1)

    def test_suggest_text(self):
        out = self.s("match", "suggest", "zk-vraag-01", "--as-of", "2021-03-01").stdout
        self.assertTrue(out.startswith("Best supporters for zk-vraag-01 (%s), as of "
                                       "2021-03-01:\n" % OFFER), out)
        self.assertRegex(out, r"#  SUPPORTER +SCORE +KM +dist avail needs lang inter ages "
                              r"wait\n")
        self.assertRegex(out, r"\n +1  zk-steun-01 +0\.9\d\d +0\.7 +0\.9\d 1\.00 +1\.00")
        self.assertRegex(out, r"\n +2  zk-steun-02 .* -  ")
        self.assertIn("dist = distance (2)", out)
        self.assertIn("needs (3)", out)

    def test_suggest_nothing_allowed(self):
        out = self.s("match", "suggest", "zk-vraag-05", "--as-of", "2021-03-01").stdout
        self.assertEqual(out, "No supporter passes the hard constraints for zk-vraag-05 as of "
                              "2021-03-01 (screening 1, language 2).\n")
        self.assertEqual(self.suggest("zk-vraag-05")["suggestions"], [])
        out = self.s("match", "suggest", "zk-vraag-04").stdout
        self.assertIn("its status is registered", out)

    def test_suggest_errors(self):
        self.assertIn('"zk-niemand"', self.data_error("match", "suggest", "zk-niemand"))
        self.assertIn("supporting", self.data_error("match", "suggest", "zk-steun-01"))
        self.assertIn('invalid value "0" for --k',
                      self.data_error("match", "suggest", "zk-vraag-01", "--k", "0"))
        self.assertIn('invalid value "many" for --k',
                      self.data_error("match", "suggest", "zk-vraag-01", "--k", "many"))
        self.assertIn('invalid date "2021-13-01" for --as-of',
                      self.data_error("match", "suggest", "zk-vraag-01", "--as-of",
                                      "2021-13-01"))

    def test_assign_dry_run_json(self):
        got = self.json_of("match", "assign", OFFER, "--dry-run", "--date", "2021-03-01")
        self.assertEqual((got["offer"], got["date"], got["dry_run"], got["min_score"]),
                         (OFFER, "2021-03-01", True, 0.4))
        pairs = got["pairs"]
        self.assertEqual([(p["asking"], p["supporting"]) for p in pairs],
                         [("zk-vraag-01", "zk-steun-01"), ("zk-vraag-02", "zk-steun-01"),
                          ("zk-vraag-03", "zk-steun-02")])  # zk-steun-01 takes two
        for p in pairs:
            self.check_pair(p)
            self.assertIsNone(p["match"])
            self.assertGreaterEqual(p["score"], 0.4)
        self.assertAlmostEqual(got["total"], sum(p["score"] for p in pairs), places=5)
        self.assertEqual(got["unmatched"], [
            {"ref": "zk-vraag-05", "why": "no_allowed_supporter", "best": None,
             "excluded_by": {"screening": 1, "language": 2}},
            {"ref": "zk-vraag-06", "why": "below_min_score",
             "best": {"supporting": "zk-steun-02", "score": got["unmatched"][1]["best"]["score"]}},
        ])
        self.assertLess(got["unmatched"][1]["best"]["score"], 0.4)
        # A dry run writes nothing.
        self.assertEqual(self.json_of("match", "list"), [])

    def test_assign_min_score(self):
        got = self.json_of("match", "assign", OFFER, "--dry-run", "--date", "2021-03-01",
                           "--min-score", "0.9")
        # zk-vraag-02 now goes to zk-steun-02 (0.91), which zk-vraag-03 (0.79) cannot get.
        self.assertEqual([(p["asking"], p["supporting"]) for p in got["pairs"]],
                         [("zk-vraag-01", "zk-steun-01"), ("zk-vraag-02", "zk-steun-02")])
        for p in got["pairs"]:
            self.assertGreaterEqual(p["score"], 0.9)
        why = {u["ref"]: u["why"] for u in got["unmatched"]}
        self.assertEqual(why, {"zk-vraag-03": "below_min_score",
                               "zk-vraag-05": "no_allowed_supporter",
                               "zk-vraag-06": "below_min_score"})
        self.assertIn('invalid value "1.5" for --min-score',
                      self.data_error("match", "assign", OFFER, "--dry-run", "--min-score",
                                      "1.5"))

    def test_assign_dry_run_text(self):
        out = self.s("match", "assign", OFFER, "--dry-run", "--date", "2021-03-01").stdout
        self.assertTrue(out.startswith("Assignment for %s on 2021-03-01, minimum score 0.40 "
                                       "(dry run: nothing written).\n" % OFFER), out)
        self.assertRegex(out, r"\n  zk-vraag-02  zk-steun-01  0\.\d{3} ")
        self.assertIn("\n3 pairs, total score ", out)
        self.assertIn("\nUnmatched (2):\n", out)
        self.assertRegex(out, r"zk-vraag-05 +no supporter passes the hard constraints "
                              r"\(screening 1, language 2\)")
        self.assertRegex(out, r"zk-vraag-06 +best pair, with zk-steun-02, scores 0\.\d{3}: "
                              r"below the minimum 0\.40")
        self.assertNotIn("MATCH", out)

    def test_assign_unknown_offer(self):
        self.assertIn('"nergens"', self.data_error("match", "assign", "nergens", "--dry-run"))

    def test_assign_writes(self):
        store = self.fresh_store("assign")
        r = self.itav("--store", store, "match", "assign", OFFER, "--date", "2021-03-01")
        self.assertIn("written as proposed matches", r.stdout)
        ids = re.findall(r"  (m-\d{8})\n", r.stdout)
        self.assertEqual(len(ids), 3, r.stdout)
        listed = json.loads(self.itav("--store", store, "match", "list", "--json").stdout)
        self.assertEqual([m["id"] for m in listed], ids)
        for m in listed:
            self.assertEqual(m["state"], "proposed")
            self.assertEqual(m["trail"][0]["date"], "2021-03-01")
            self.assertEqual(m["trail"][0]["actor"], "system")
        # Run again: the matched families are no longer waiting.
        got = json.loads(self.itav("--store", store, "match", "assign", OFFER, "--date",
                                   "2021-03-02", "--json").stdout)
        self.assertEqual(got["pairs"], [])
        self.assertEqual(got["dry_run"], False)


class LifecycleTest(MatchingCase):
    """One store, one story: assignment written, then matches moved on (in test order)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = cls.run_itav_cls(["--store", cls.store, "match", "assign", OFFER,
                              "--date", "2021-03-01"])
        assert r.returncode == 0, r.stderr

    def due(self, *args):
        return self.json_of("match", "due", *args)

    def test_1_lifecycle_and_due_dates(self):
        r = self.s("match", "advance", "m-00000001", "introduced", "--date", "2021-03-15",
                   "--note", "kennismaking bij het steungezin")
        self.assertEqual(r.stdout, "m-00000001: proposed -> introduced on 2021-03-15 "
                                   "(coordinator).\n")
        self.s("match", "advance", "m-00000001", "trial", "--date", "2021-04-01",
               "--actor", "coordinator", "--note", "huisregels ondertekend")
        self.assertEqual(self.due("--as-of", "2021-05-01"), [])
        items = self.due("--as-of", "2021-05-25", "--within", "14")
        self.assertEqual(items, [{"match": "m-00000001", "kind": "trial_evaluation",
                                  "date": "2021-06-01", "overdue_days": -7, "offer": OFFER,
                                  "asking": "zk-vraag-01", "supporting": "zk-steun-01",
                                  "state": "trial"}])
        out = self.s("match", "due", "--as-of", "2021-06-03").stdout
        self.assertEqual(out, "Due as of 2021-06-03:\n  2021-06-01  2 days overdue    "
                              "m-00000001  trial_evaluation  zk-vraag-01 with zk-steun-01\n")
        self.s("match", "advance", "m-00000001", "active", "--date", "2021-06-01")
        items = self.due("--as-of", "2021-12-01")
        self.assertEqual([(i["kind"], i["date"], i["overdue_days"]) for i in items],
                         [("review", "2021-12-01", 0)])
        items = self.due("--as-of", "2023-04-01", "--offer", OFFER)
        self.assertIn(("closure", "2023-04-01", 0),
                      [(i["kind"], i["date"], i["overdue_days"]) for i in items])
        out = self.s("match", "due", "--as-of", "2021-11-20", "--within", "30").stdout
        self.assertIn("in 11 days", out)
        self.assertIn("review", out)

        got = self.json_of("match", "show", "m-00000001")
        self.assertEqual(got["state"], "active")
        self.assertEqual([(t["state"], t["date"]) for t in got["trail"]],
                         [("proposed", "2021-03-01"), ("introduced", "2021-03-15"),
                          ("trial", "2021-04-01"), ("active", "2021-06-01")])
        self.assertEqual(got["trail"][1]["note"], "kennismaking bij het steungezin")
        out = self.s("match", "show", "m-00000001").stdout
        self.assertTrue(out.startswith("Match m-00000001 (%s)\n" % OFFER), out)
        self.assertIn("  Started:           2021-04-01\n", out)
        self.assertRegex(out, r"Audit trail:\n  2021-03-01  proposed +system\s*\n"
                              r"  2021-03-15  introduced +coordinator +kennismaking bij het "
                              r"steungezin\n")

    def test_2_illegal_transition_lists_legal_moves(self):
        err = self.data_error("match", "advance", "m-00000002", "active", "--date",
                              "2021-03-10")
        self.assertIn("m-00000002", err)
        self.assertIn("legal moves: introduced, declined", err)
        self.assertEqual(self.json_of("match", "show", "m-00000002")["state"], "proposed")

    def test_3_decline_frees_and_is_never_proposed_again(self):
        err = self.data_error("match", "advance", "m-00000003", "declined", "--date",
                              "2021-03-10")
        self.assertIn("reason", err)
        r = self.s("match", "advance", "m-00000003", "declined", "--date", "2021-03-10",
                   "--reason", "no_click", "--actor", "asking")
        self.assertEqual(r.stdout, "m-00000003: proposed -> declined on 2021-03-10 (asking, "
                                   "no_click).\n")
        got = self.json_of("match", "show", "m-00000003")
        self.assertEqual((got["state"], got["reason"]), ("declined", "no_click"))
        # The pair is never proposed again; zk-steun-02 is free for someone else.
        err = self.data_error("match", "propose", "zk-vraag-03", "zk-steun-02", "--date",
                              "2021-03-11")
        self.assertIn("declined", err)
        r = self.s("match", "propose", "zk-vraag-06", "zk-steun-02", "--date", "2021-03-12",
                   "--note", "op voorstel van de coördinator")
        self.assertRegex(r.stdout, r"^Proposed (m-00000004): zk-vraag-06 with zk-steun-02 on "
                                   r"2021-03-12 \(score 0\.\d{3}\)\.\n$")
        got = self.json_of("match", "show", "m-00000004")
        self.assertEqual(got["trail"][0]["note"], "op voorstel van de coördinator")
        self.assertEqual(got["trail"][0]["actor"], "coordinator")

    def test_4_list(self):
        got = self.json_of("match", "list", "--offer", OFFER)
        self.assertEqual([m["id"] for m in got], ["m-00000001", "m-00000002", "m-00000003",
                                                  "m-00000004"])
        for m in got:
            self.assertEqual(m["state"], m["trail"][-1]["state"])
        got = self.json_of("match", "list", "--state", "declined")
        self.assertEqual([m["id"] for m in got], ["m-00000003"])
        out = self.s("match", "list").stdout
        self.assertTrue(out.startswith(OFFER + ":\n"))
        self.assertRegex(out, r"ID +STATE +SINCE +ASKING +SUPPORTING +SCORE\n")
        self.assertRegex(out, r"m-00000003  declined +2021-03-10  zk-vraag-03 +zk-steun-02 +"
                              r"0\.\d{3}\n")
        self.assertTrue(out.endswith("\n4 matches.\n"))
        self.assertIn("unknown match state \"over\"",
                      self.data_error("match", "list", "--state", "over"))
        got = self.json_of("participants", "show", "zk-steun-01")
        self.assertEqual(got["matches"], ["m-00000001", "m-00000002"])
        out = self.s("participants", "show", "zk-steun-01").stdout
        self.assertRegex(out, r"Matches:\n  m-00000001  active +2021-06-01  with zk-vraag-01\n")

    def test_5_errors(self):
        self.assertIn('"m-99999999"', self.data_error("match", "show", "m-99999999"))
        self.assertIn('"m-99999999"', self.data_error("match", "advance", "m-99999999",
                                                      "introduced"))
        err = self.data_error("match", "advance", "m-00000002", "started")
        self.assertIn('unknown match state "started" (expected proposed, introduced, trial, '
                      'active, completed, declined or ended_early)', err)
        self.assertIn('invalid date "2021-13-01" for --date',
                      self.data_error("match", "advance", "m-00000002", "introduced",
                                      "--date", "2021-13-01"))
        self.assertIn('unknown actor "boss"',
                      self.data_error("match", "advance", "m-00000002", "introduced",
                                      "--actor", "boss"))
        self.assertIn('unknown reason "bored"',
                      self.data_error("match", "advance", "m-00000002", "declined",
                                      "--reason", "bored"))
        # A date before the last move is refused by the library.
        self.data_error("match", "advance", "m-00000002", "introduced", "--date", "2021-02-01")
        self.assertIn('invalid value "-1" for --within',
                      self.data_error("match", "due", "--within", "-1"))
        self.assertIn('"nergens"', self.data_error("match", "due", "--offer", "nergens"))
        self.assertEqual(self.json_of("match", "show", "m-00000002")["state"], "proposed")


class MatchUsageTest(CliCase):
    init_store = False

    def usage_error(self, *args):
        r = self.itav("--store", "memory:", *args, code=1)
        self.assertEqual(r.stdout, "")
        self.assertIn("Usage: itav", r.stderr)
        return r.stderr.split("\n")[0]

    def test_subcommands_and_arguments(self):
        self.assertIn("missing match subcommand (suggest, assign, propose, advance, list, show "
                      "or due)", self.usage_error("match"))
        self.assertIn("unknown participants subcommand 'delete'",
                      self.usage_error("participants", "delete", "x"))
        self.assertIn("missing argument REF for 'match suggest'",
                      self.usage_error("match", "suggest"))
        self.assertIn("missing argument STATE for 'match advance'",
                      self.usage_error("match", "advance", "m-00000001"))
        self.assertIn("missing argument SUPPORTING for 'match propose'",
                      self.usage_error("match", "propose", "a"))
        self.assertIn("missing argument FILE for 'participants import'",
                      self.usage_error("participants", "import"))
        self.assertIn("unexpected argument 'extra'",
                      self.usage_error("participants", "list", "extra"))

    def test_options(self):
        self.assertIn("option --k does not apply to 'participants list'",
                      self.usage_error("participants", "list", "--k", "3"))
        self.assertIn("option --json does not apply to 'match advance'",
                      self.usage_error("match", "advance", "m-1", "active", "--json"))
        self.assertIn("option --dry-run does not apply to 'match suggest'",
                      self.usage_error("match", "suggest", "x", "--dry-run"))
        self.assertIn("option --offer does not apply to 'catalog list'",
                      self.usage_error("catalog", "list", "--offer", OFFER))
        self.assertIn("option --date does not apply to 'init'",
                      self.usage_error("init", "--date", "2021-03-01"))
        self.assertIn("option --dry-run takes no argument",
                      self.usage_error("match", "assign", OFFER, "--dry-run=yes"))
        self.assertIn("option --note needs an argument",
                      self.usage_error("match", "advance", "m-1", "active", "--note"))

    def test_help_lists_the_commands(self):
        out = self.itav("--help").stdout
        for cmd in ("participants import FILE", "participants list", "participants erase REF",
                    "match suggest REF", "match assign OFFER", "match advance MATCH STATE",
                    "match due"):
            self.assertIn(cmd, out)


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
