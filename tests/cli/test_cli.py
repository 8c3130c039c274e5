#!/usr/bin/env python3
"""Tests of the itav CLI, itav-demo and itav-embed, run against the built binaries.

Run by meson (tests/cli/meson.build), one meson test per TestCase class:

    python3 test_cli.py ClassName

The environment names the binaries and the seeds:
    ITAV_BIN         the built itav
    ITAV_DEMO_BIN    the built itav-demo
    ITAV_EMBED_BIN   the built itav-embed
    ITAV_SEEDS_DIR   ../shared/seeds, in the shared folder beside the clone. It may be
                     absent (a fresh clone elsewhere): the classes that read it (NEEDS_SEEDS)
                     are then skipped, and when only they are asked for the script exits 77,
                     which meson shows as skipped

Standard library only.
"""

import csv
import io
import json
import os
import re
import shlex
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

# An intervention of --json is the library's object (as in an export) with profile_in_use
# added, and offers for catalog show (docs/cli.md).
IN_USE_FIELDS = ["source", "present", "statuses", "disputed"]


def one_line_and_hint(test, stderr):
    """A usage error is one line naming the problem and a hint to the help, not the help."""
    lines = stderr.split("\n")
    test.assertEqual(len(lines), 3, stderr)
    test.assertTrue(lines[0].startswith("itav: "), stderr)
    test.assertRegex(lines[1], r"^Try 'itav ([a-z]+ ){0,2}--help'\.$")
    test.assertEqual(lines[2], "")
    return lines[0]


def stated_present(item, source):
    """The elements one source of an intervention object states present, in element order."""
    stated = item.get("elements", {}).get(source, {})
    return [c for c in ELEMENTS if stated.get(c, {}).get("status") == "present"]

# Row labels of seed 001's summary table and the catalogue ids they stand for.
SEED_ROW_IDS = {
    "@Ease": "at-ease", "MIM": "moeders-informeren-moeders", "Ouderkamer": "ouderkamer",
    "Duo-coaching": "duo-coaching", "HBBM": "het-begint-bij-mij",
    "JP Maatjesproject": "jong-perspectief", "Pinkies": "pinkies", "GIZ": "giz",
    "ETP": "eigen-toekomst-plan", "Buurtgezinnen": "buurtgezinnen",
    "Ervaringscafé": "ervaringscafe", "Homestart": "home-start",
    "Pijnacker- Nootdorp": "pijnacker-nootdorp",
}


def seeds_missing():
    """Why the seed checks cannot run (the seed folder is not there), or None when they can.
    A folder that is there but lacks seed 001 is not a reason to skip: seed_table() fails."""
    if SEEDS_DIR and os.path.isdir(SEEDS_DIR):
        return None
    return ("seed 001 not found in ITAV_SEEDS_DIR=%r; put the libitav shared folder beside "
            "the clone, as ../shared, to run it: meson test -C build --suite seeds" % SEEDS_DIR)


def seed_table():
    """Seed 001's summary table (lines 2372-2385) as {line: (label, set of codes)}."""
    path = os.path.join(SEEDS_DIR, SEED_001)
    assert os.path.exists(path), "%s is not there, although its folder is" % path
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
        # Never a terminal on stdin, even when the tests run from one: 'participants erase'
        # asks there (ErasureTest uses a pseudo-terminal on purpose).
        kw.setdefault("stdin", subprocess.DEVNULL)
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
            use = item["profile_in_use"]
            self.assertEqual(list(use), IN_USE_FIELDS, item["id"])
            self.assertTrue(set(use["present"]) <= set(ELEMENTS))
            self.assertEqual(list(use["statuses"]), ELEMENTS)
            self.assertEqual(use["present"],
                             [e for e in ELEMENTS if use["statuses"][e] == "present"])
            self.assertIn(use["source"], (None, "table", "sections", "other"))
            if use["source"]:
                self.assertEqual(use["present"], stated_present(item, use["source"]))
            self.assertIn(item.get("setting"), (None, "informal", "formal", "mixed"))
            if use["disputed"]:
                self.assertGreaterEqual(len(item["elements"]), 2)
        bg = next(i for i in items if i["id"] == "buurtgezinnen")
        self.assertEqual(bg["setting"], "informal")
        self.assertEqual(bg["profile_in_use"]["source"], "table")

    def test_json_is_the_library_encoding(self):
        """Each intervention is the library's own object, as the export writes it, with only
        profile_in_use added."""
        exported = {i["id"]: i for i in json.loads(self.export())["interventions"]}
        items = self.all()
        self.assertEqual([i["id"] for i in items if i["id"] in exported], [i["id"] for i in items])
        for item in items:
            self.assertEqual(list(item)[-1], "profile_in_use")
            del item["profile_in_use"]
            self.assertEqual(item, exported[item["id"]])

    def test_element_filter(self):
        everything = self.all()
        one = self.json_of("catalog", "list", "--element", "broad_context")
        self.assertEqual([i["id"] for i in one],
                         [i["id"] for i in everything
                          if "broad_context" in i["profile_in_use"]["present"]])
        self.assertNotIn("jong-perspectief", [i["id"] for i in one])  # table: absent
        two = self.json_of("catalog", "list", "--element", "doubts_normal",
                           "--element", "positive_focus")
        want = [i["id"] for i in everything
                if {"doubts_normal", "positive_focus"} <= set(i["profile_in_use"]["present"])]
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
                             [i["id"] for i in everything if i.get("setting") == setting])
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
    def test_line_breaks_in_the_catalogue_fake_no_lines(self):
        # The catalogue is users' text too: a store imported from a file whose names, notes,
        # descriptions and quotes hold a line break prints each of them on one line, as \n.
        exported = os.path.join(self.tmp, "catalogue.json")
        self.s("export", exported)
        with open(exported, encoding="utf-8") as f:
            data = json.load(f)
        free_text = {"name", "summary", "description", "training", "unit", "note", "text",
                     "provider"}

        def poison(x, parent=None):
            if isinstance(x, dict):
                for k, v in x.items():
                    # source references and cost units have a fixed form
                    if isinstance(v, str) and k in free_text and parent not in ("sources",
                                                                                 "costs"):
                        x[k] = v + "\nFAKE LINE"
                    else:
                        poison(v, k)
            elif isinstance(x, list):
                for v in x:
                    poison(v, parent)
        poison(data)
        hostile = os.path.join(self.tmp, "hostile-catalogue.json")
        with open(hostile, "w", encoding="utf-8") as f:
            json.dump(data, f)
        store = "sqlite:" + os.path.join(self.tmp, "hostile.db")
        self.itav("--store", store, "import", hostile)
        interventions = ["buurtgezinnen", "home-start"]
        offers = ["buurtgezinnen-zuid-kennemerland", "itav-hoeksche-waard-2020"]
        indicators = [i["id"] for i in data["indicators"]][:3]
        commands = ([["catalog", "list"], ["offer", "list"], ["indicator", "list"],
                     ["portfolio"], ["recommend", "--audience", "parent"]]
                    + [["catalog", "show", i] for i in interventions]
                    + [["profile", i] for i in interventions]
                    + [["offer", "show", o] for o in offers]
                    + [["indicator", "show", i] for i in indicators])
        shown = 0
        for args in commands:
            out = self.itav("--store", store, *args).stdout
            self.assertEqual([line for line in out.splitlines()
                              if line.lstrip().startswith("FAKE LINE")], [], args)
            shown += out.count("\\nFAKE LINE")
        self.assertGreater(shown, 100)

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

    def test_working_factors(self):
        # Seed 004's fourteen working factors (L411-467) and the practices that show them.
        factors = self.json_of("catalog", "factors")
        self.assertEqual(len(factors), 14)
        self.assertEqual(sum(len(f["interventions"]) for f in factors), 87)
        self.assertEqual([f["code"] for f in factors if f["all_municipalities"]],
                         ["right_people", "political_support", "trust_short_lines"])
        joint = next(f for f in factors if f["code"] == "joint_search")
        self.assertEqual(joint["source"], "004:L417")
        # The list filter gives the same practices, and two factors narrow it to both.
        listed = [iv["id"] for iv in self.json_of("catalog", "list", "--factor", "joint_search")]
        self.assertEqual(sorted(listed), sorted(joint["interventions"]))
        other = next(f for f in factors if f["code"] == "unconventional")
        both = [iv["id"] for iv in self.json_of("catalog", "list", "--factor", "joint_search",
                                                 "--factor", "unconventional")]
        self.assertEqual(sorted(both), sorted(set(joint["interventions"]) &
                                              set(other["interventions"])))
        out = self.s("--lang", "en", "catalog", "show", joint["interventions"][0]).stdout
        self.assertIn("\nWorking factors:\n", out)
        self.assertRegex(out, r"\n  - Make it a joint search, with room to experiment "
                              r"\(004:L\d+(-\d+)?\)\n")
        text = self.s("--lang", "en", "catalog", "factors").stdout
        self.assertIn("joint_search  Make it a joint search", text)
        r = self.s("catalog", "list", "--factor", "nope", code=2)
        self.assertIn('unknown working factor "nope"', r.stderr)

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
        for src, prof in data["elements"].items():
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
        self.assertEqual(fig["quantity"]["qualifier"], "about_range")  # "ongeveer 5 à 10"
        self.assertEqual((fig["quantity"]["min"], fig["quantity"]["max"]), (5, 10))
        out = self.s("--lang", "en", "catalog", "show", "pinkies").stdout
        self.assertIn("about 5 to 10 families", out)
        self.assertIn(fig["quantity"]["text"], out)

    def test_disputed_elements(self):
        out = self.s("--lang", "en", "catalog", "show", "eigen-toekomst-plan").stdout
        self.assertIn("* 1 " + LABELS_EN["doubts_normal"] + ": absent [001:L2381]", out)
        self.assertIn("The sources disagree", out)
        self.assertRegex(out, r"1 doubts_normal: summary table: absent \(001:L2381\); "
                              r"sections: present \(001:L\d+")
        data = self.json_of("catalog", "show", "eigen-toekomst-plan")
        use = data["profile_in_use"]
        self.assertEqual(set(use["disputed"]), {"doubts_normal", "low_threshold"})
        self.assertEqual(set(data["elements"]), {"table", "sections"})
        self.assertIn("doubts_normal", stated_present(data, "sections"))
        self.assertNotIn("doubts_normal", stated_present(data, "table"))
        self.assertEqual(use["source"], "table")  # the table is the profile in use
        self.assertEqual(use["present"], stated_present(data, "table"))

    def test_json_fields(self):
        data = self.json_of("catalog", "show", "home-start")
        self.assertEqual(list(data)[-2:], ["profile_in_use", "offers"])
        self.assertEqual(list(data["profile_in_use"]), IN_USE_FIELDS)
        self.assertEqual(data["id"], "home-start")
        self.assertEqual(data["profile_in_use"]["source"], "table")
        self.assertEqual(set(data["elements"]), {"table", "sections"})
        for st in data["elements"]["table"].values():
            self.assertIn(st["status"], ("present", "absent"))
            self.assertRegex(st["source"], r"^001:L2384$")
        for role in data["roles"]:
            self.assertIn(role["role"], ("volunteer", "peer", "professional", "coordinator"))
            self.assertIsInstance(role.get("vog", False), bool)
        self.assertIn("who", data["audience"])
        self.assertIsInstance(data["offers"], list)

    def test_json_is_the_library_encoding(self):
        """The intervention and its offers are the library's own objects, as the export
        writes them; only profile_in_use and offers are added."""
        exported = json.loads(self.export())
        data = self.json_of("catalog", "show", "buurtgezinnen")
        offers = data.pop("offers")
        del data["profile_in_use"]
        self.assertEqual(data, next(i for i in exported["interventions"]
                                    if i["id"] == "buurtgezinnen"))
        self.assertTrue(offers)
        self.assertEqual(offers, [o for o in exported["offers"]
                                  if o["intervention"] == "buurtgezinnen"])

    def test_unknown_id(self):
        r = self.s("catalog", "show", "no-such-thing", code=2)
        self.assertRegex(r.stderr, r'^itav: .*no-such-thing')
        self.assertEqual(r.stdout, "")


class ProfileTest(CliCase):
    def test_table_rows_are_the_profiled_interventions(self):
        items = self.json_of("catalog", "list")
        want = {i["id"]: i["profile_in_use"] for i in items if i["profile_in_use"]["source"]}
        out = self.s("--lang", "en", "catalog", "profile").stdout
        rows = profile_rows(out)
        self.assertEqual(set(rows), set(want))
        for iid, cells in rows.items():
            item = want[iid]
            symbol = {"present": "+", "absent": "-", "unknown": "?"}
            self.assertEqual([c.rstrip("*") for c in cells],
                             [symbol[item["statuses"][e]] for e in ELEMENTS], iid)
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
            self.assertEqual(list(item["profile_in_use"]), IN_USE_FIELDS)
            self.assertIsNotNone(item["profile_in_use"]["source"])
        jp = next(i for i in data["interventions"] if i["id"] == "jong-perspectief")
        self.assertEqual(jp["profile_in_use"]["disputed"], ["broad_context"])
        self.assertNotIn("broad_context", stated_present(jp, "table"))
        self.assertIn("broad_context", stated_present(jp, "sections"))


class SeedTableTest(CliCase):
    """The element table of the 13 seed-001 examples matches the seed's own table."""

    what = "the element tables of itav and itav-demo against the summary table of seed 001"

    def setUp(self):
        why = seeds_missing()
        if why:
            self.skipTest("%s (%s)" % (self.what, why))
        self.table = seed_table()

    def table_ids(self):
        """{seed line: intervention id}, from each intervention's table references."""
        out = {}
        for item in self.json_of("catalog", "list"):
            if item["profile_in_use"]["source"] != "table":
                continue
            refs = {st["source"] for st in item["elements"]["table"].values()}
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
        r = self.itav("--store", other, "import", first)
        with open(first, encoding="utf-8") as f:
            data = json.load(f)
        # What it added, per kind, counted in the store (kinds with none are left out).
        self.assertEqual(r.stdout, "Imported from %s: %d interventions, %d offers, %d "
                                   "indicators.\n" % (first, len(data["interventions"]),
                                                       len(data["offers"]),
                                                       len(data["indicators"])))
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
        self.assertEqual(items[0]["profile_in_use"]["present"], ["equality"])
        self.assertEqual(items[0]["profile_in_use"]["source"], "sections")
        rows = profile_rows(self.itav("--store", store, "catalog", "profile").stdout)
        self.assertEqual(rows, {"nieuw": ["?", "?", "?", "+", "-", "?", "?", "?"]})

    def test_missing_import_file(self):
        r = self.s("import", os.path.join(self.tmp, "absent.json"), code=2)
        self.assertIn("absent.json", r.stderr)


class ErrorsTest(CliCase):
    def usage_error(self, *args):
        r = self.s(*args, code=1)
        self.assertEqual(r.stdout, "")
        return one_line_and_hint(self, r.stderr)

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

    def test_hint_names_the_command(self):
        for args, hint in ((["match", "suggest"], "match suggest"),
                           (["catalog", "list", "--frob"], "catalog list"),
                           (["review", "add", "m-1", "--kind", "trial"], "review add"),
                           (["profile", "a", "b"], "profile"),
                           (["match"], "match"), (["match", "frob"], "match"),
                           (["frobnicate"], None), (["--frob", "catalog", "list"], None), ([], None)):
            r = self.s(*args, code=1)
            self.assertEqual(r.stderr.split("\n")[1],
                             "Try 'itav %s--help'." % (hint + " " if hint else ""), args)
        # and the help the hint names exists
        self.assertTrue(self.itav("match", "suggest", "--help").stdout
                        .startswith("Usage: itav match suggest REF"))
        out = self.itav("match", "--help").stdout
        self.assertTrue(out.startswith("Usage: itav match COMMAND"), out)
        self.assertIn("match due", out)
        self.assertNotIn("catalog list", out)

    def test_command_help(self):
        out = self.itav("review", "add", "--help").stdout
        self.assertTrue(out.startswith("Usage: itav review add MATCH --kind"), out)
        for option in ("--kind trial|periodic|final", "--respondent asking|supporting|coordinator",
                       "--effect CODE=SCORE", "--json"):
            self.assertRegex(out, r"\n  %s\s+[a-z]" % re.escape(option))
        self.assertNotIn("--dry-run", out)

    def test_store_uri_password_not_shown(self):
        r = self.itav("--store", "postgresql://user:secret@%2Fnonexistent-itav/db", "init",
                      code=2)
        self.assertNotIn("secret", r.stdout + r.stderr)
        self.assertIn("postgresql://user:***@%2Fnonexistent-itav/db", r.stderr)

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
        version = os.environ.get("ITAV_PROJECT_VERSION")
        if version:  # run by meson: the tool's version and the library's, this build's
            self.assertEqual(r.stdout, "itav %s (libitav %s)\n" % (version, version))
        self.assertEqual(self.itav("match", "suggest", "--version").stdout, r.stdout)


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

    def test_pairs_print_as_the_tool_prints_them(self):
        """The demo and the tool print a scored pair with one printer (examples/common/)."""
        d = os.path.join(self.tmp, "pairs")
        out = self.demo(d).stdout
        part = out.split("The three best support families for zk-vraag-01", 1)[1]
        demo_heads = re.search(r"\n +supporter( +SCORE .*)\n", part).group(1).strip()
        demo_rows = dict(re.findall(r"\n  [123]\. (zk-steun-\d\d)( .*)", part.split("\n\n")[0]))
        self.assertEqual(len(demo_rows), 3, part)
        self.assertIn("each 0 to 1, - where it does not apply. KM: distance in kilometres.", part)
        cli = self.itav("--store", "sqlite:" + os.path.join(d, "itav.db"), "match", "suggest",
                        "zk-vraag-01", "--as-of", "2021-03-01", "--k", "10").stdout
        self.assertEqual(re.search(r"SUPPORTER( +SCORE .*)\n", cli).group(1).strip(), demo_heads)
        cli_rows = dict(re.findall(r"\n +\d+  (zk-steun-\d\d)( .*)", cli))
        for ref, cells in demo_rows.items():
            self.assertEqual(cli_rows[ref].strip(), cells.strip(), ref)

    def test_matching_scenario(self):
        one, two = os.path.join(self.tmp, "one"), os.path.join(self.tmp, "two")
        out = self.demo(one).stdout
        # Deterministic: a second run differs only in its paths.
        self.assertEqual(out.replace(one, "DIR"), self.demo(two).stdout.replace(two, "DIR"))
        # The two programme reports make up most of it.
        self.assertLess(len(out.splitlines()), 450)
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
        self.assertRegex(out, r"  2023-04-01  completed +coordinator ")
        # The demo's store, read back through the CLI.
        store = "sqlite:" + os.path.join(one, "itav.db")
        matches = json.loads(self.itav("--store", store, "match", "list", "--json").stdout)
        self.assertEqual(len(matches), pairs)
        self.assertEqual(matches[0]["state"], "completed")
        people = json.loads(self.itav("--store", store, "participants", "list", "--json").stdout)
        self.assertEqual(len(people), 22)
        self.assertEqual({p["municipality"] for p in people},
                         {"Haarlem", "Heemstede", "Bloemendaal", "Zandvoort"})

    def test_reviews_reports_and_radar_chart(self):
        d = os.path.join(self.tmp, "reports")
        out = self.demo(d).stdout
        store = "sqlite:" + os.path.join(d, "itav.db")
        # The trial reviews settle the trial evaluation; periodic reviews move the next one on.
        self.assertIn("  2021-06-01  trial reviews: satisfaction 8 (asking), 9 (supporting)\n"
                      "  2021-06-01  -> active\n", out)
        # the plan has the final review at the closure (002:L125)
        self.assertRegex(out, r"Due as of 2023-04-01:\n    2023-04-01  m-00000001  closure +"
                              r"today\n    2023-04-01  m-00000001  final_review +today\n"
                              r"  Back to introduced\?")
        self.assertIn("  2023-04-01  final review (asking, 9): formal help prevented; "
                      "carefree_childhood +1, rest +2, network +1\n  2023-04-01  -> completed\n",
                      out)
        matches = json.loads(self.itav("--store", store, "match", "list", "--json").stdout)
        reviews = json.loads(self.itav("--store", store, "review", "list", "--json").stdout)
        for m in matches[1:]:
            self.assertRegex(out, r"\n  %s  %s +\d{4}-\d\d-\d\d  " % (m["id"], m["state"]))
        for m in matches:  # every match that got going has a trial review from both sides
            trial = sorted(r["respondent"] for r in reviews
                           if r["match"] == m["id"] and r["kind"] == "trial")
            self.assertEqual(trial, [] if m["state"] == "declined" else ["asking", "supporting"],
                             m["id"])
            finals = [r for r in reviews if r["match"] == m["id"] and r["kind"] == "final"]
            self.assertEqual(len(finals), m["state"] in ("completed", "ended_early"), m["id"])
        # The report of the scenario, with its small cells suppressed, agrees with the store.
        report = out.split("# Programme report: Buurtgezinnen Zuid-Kennemerland\n", 1)[1]
        report, itav_report = report.split("# Programme report: itav-hoeksche-waard-2020\n")
        self.assertIn("<5", report)
        n_trial = sum(r["kind"] == "trial" for r in reviews)
        self.assertGreaterEqual(n_trial, 5)
        self.assertRegex(report, r"\n\| trial \| %d \| %d \| " % (n_trial, n_trial))
        by_state = {}
        for m in matches:
            by_state[m["state"]] = by_state.get(m["state"], 0) + 1
        for state, n in by_state.items():
            self.assertIn("\n| %s | %s |" % (state, n if n >= 5 else "<5"), report)
        # The ITAV Hoeksche Waard report: its three targets of seed 000 (lines 105-107).
        self.assertIn("Targets judged on 2020-12-31", itav_report)
        for line in ("000:L105", "000:L106", "000:L107"):
            self.assertIn(line, itav_report)
        # The radar chart, written next to the store.
        svg = os.path.join(d, "itav-demo-profile.svg")
        self.assertIn("\nSVG:    %s\n" % svg, out)
        with open(svg, encoding="utf-8") as f:
            text = f.read()
        self.assertTrue(text.startswith("<?xml") or text.startswith("<svg"), text[:80])
        texts = svg_texts(text)
        self.assertIn("Buurtgezinnen", texts)
        self.assertIn("Jong Perspectief", texts)
        legend = json.loads(self.itav("--store", store, "catalog", "profile", "--json").stdout)
        for e in legend["element_legend"]:
            self.assertIn(e["label"], texts)


# ---- participants and matching (issue 3) ------------------------------------------------

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
OFFER = "buurtgezinnen-zuid-kennemerland"
FAMILIES_CSV = os.path.join(DATA_DIR, "zk-families.csv")  # 6 asking, 3 supporting
BAD_CSV = os.path.join(DATA_DIR, "zk-bad.csv")            # two bad rows
MORE_JSON = os.path.join(DATA_DIR, "zk-more.json")        # 1 asking, 1 supporting
VOG_JSON = os.path.join(DATA_DIR, "zk-vog.json")          # an offer whose certificates expire
# The Dutch Excel files of the library's CSV tests (tests/c/data).
C_DATA_DIR = os.path.join(os.path.dirname(DATA_DIR), "..", "c", "data")
EXCEL_CSV = os.path.normpath(os.path.join(C_DATA_DIR, "excel-nl.csv"))
EXCEL_UPDATE_CSV = os.path.normpath(os.path.join(C_DATA_DIR, "excel-nl-update.csv"))
EXCEL_PROBLEMS_CSV = os.path.normpath(os.path.join(C_DATA_DIR, "excel-nl-problems.csv"))
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
    def test_control_characters_never_reach_the_terminal(self):
        # Refused at the door, with the place named (ESC [2J would clear the screen) ...
        csv_path = os.path.join(self.tmp, "hostile.csv")
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            f.write("ref,offer,kind,municipality\nz1,%s,family,\x1b[2JHaar\x07lem\n" % OFFER)
        r = self.s("participants", "import", csv_path, code=2)
        self.assertIn("row 2, column municipality: error: the text contains the control character "
                      "U+001B", r.stderr)
        self.assertNotIn("\x1b", r.stderr)
        # ... and a message that quotes what the user gave (a file name) shows them as \xNN.
        r = self.s("import", os.path.join(self.tmp, "no\x1b[2J\x07\rfile.json"), code=2)
        self.assertIn("no\\x1b[2j\\x07\\x0dfile.json", r.stderr.lower())
        for c in "\x1b\x07\r":
            self.assertNotIn(c, r.stderr)

    def test_a_line_break_in_a_value_fakes_no_line(self):
        # Text may hold a line feed or tab (a note over two lines); `show` and `list` print
        # them as \n and \t, so that a value cannot start a line of its own.
        csv_path = os.path.join(self.tmp, "lines.csv")
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            f.write('ref,offer,kind,municipality\nz1,%s,family,"Haarlem\nStatus:\tclosed"\n'
                    % OFFER)
        store = "sqlite:" + os.path.join(self.tmp, "lines.db")
        self.itav("--store", store, "init")
        self.itav("--store", store, "participants", "import", csv_path)
        shown = self.itav("--store", store, "participants", "show", "z1").stdout
        self.assertIn("Haarlem\\nStatus:\\tclosed\n", shown)
        self.assertEqual([line for line in shown.splitlines() if line.startswith("Status:")],
                         [])
        listed = self.itav("--store", store, "participants", "list").stdout
        self.assertIn("Haarlem\\nStatus:\\tclosed", listed)

    def test_import_csv_reports_the_count(self):
        store = "sqlite:" + os.path.join(self.tmp, "count.db")
        self.itav("--store", store, "init")
        r = self.itav("--store", store, "participants", "import", FAMILIES_CSV,
                      "--offer", OFFER)
        self.assertEqual(r.stdout, "Imported 9 participants from %s (added 9, updated 0, "
                                   "unchanged 0).\n" % FAMILIES_CSV)
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

    def test_import_dutch_excel_file(self):
        # A Dutch Excel export: ";", Dutch headers and dates, names and phone numbers.
        store = "sqlite:" + os.path.join(self.tmp, "excel.db")
        self.itav("--store", store, "init")
        r = self.itav("--store", store, "participants", "import", EXCEL_CSV, "--offer", OFFER)
        self.assertEqual(r.stdout, "Imported 3 participants from %s (added 3, updated 0, "
                                   "unchanged 0).\n" % EXCEL_CSV)
        self.assertIn(': note: separator ";"', r.stderr)
        self.assertIn('row 1: note: 3 columns the library does not know are ignored, their cells '
                      'neither read nor stored: "Naam" (B), "Telefoon" (H), "Notities" (O)',
                      r.stderr)
        self.assertIn("rows 2-3, column Postcode: warning: a full postcode", r.stderr)
        # --strict keeps the refusal of unknown columns.
        store2 = "sqlite:" + os.path.join(self.tmp, "excel-strict.db")
        self.itav("--store", store2, "init")
        r = self.itav("--store", store2, "participants", "import", EXCEL_CSV, "--offer", OFFER,
                      "--strict", code=2)
        self.assertIn('unknown column "Naam"', r.stderr)
        self.assertEqual(json.loads(self.itav("--store", store2, "participants", "list",
                                              "--json").stdout), [])
        # --update: the rows of the update file by ref, counted, as JSON.
        r = self.itav("--store", store, "participants", "import", EXCEL_UPDATE_CSV, "--offer",
                      OFFER, "--update", "--json")
        got = json.loads(r.stdout)
        self.assertEqual((got["imported"], got["added"], got["updated"], got["unchanged"]),
                         (True, 1, 2, 1))
        self.assertIn({"severity": "warning", "row": 2, "column": "Postcode",
                       "code": "postcode_cut", "message": "a full postcode: only its four "
                       "digits are stored, the letters are left out"}, got["problems"])
        # The same file again changes nothing.
        got = json.loads(self.itav("--store", store, "participants", "import",
                                   EXCEL_UPDATE_CSV, "--offer", OFFER, "--update",
                                   "--json").stdout)
        self.assertEqual((got["added"], got["updated"], got["unchanged"]), (0, 0, 4))

    def test_import_lists_every_problem_grouped(self):
        before = self.refs()
        r = self.itav("--store", self.store, "participants", "import", EXCEL_PROBLEMS_CSV,
                      code=2)
        lines = r.stderr.splitlines()
        self.assertEqual(lines[0], "itav: nothing was imported from %s (59 errors):"
                         % EXCEL_PROBLEMS_CSV)
        self.assertIn("%s:rows 2-56, column Aanbod: error: offer is empty and no default offer "
                      "was given (55 rows)" % EXCEL_PROBLEMS_CSV, lines)
        self.assertIn('%s:row 58, column Soort: error: kind "gezin" is not a kind (use family, '
                      'youth, parent, support_family, volunteer, buddy, peer)'
                      % EXCEL_PROBLEMS_CSV, lines)
        self.assertEqual(lines[-1], "Use --offer OFFER for the rows that name no offer.")
        self.assertEqual(self.refs(), before)
        # With the offer given, the hint goes; the other errors stay, as JSON too.
        r = self.itav("--store", self.store, "participants", "import", EXCEL_PROBLEMS_CSV,
                      "--offer", OFFER, "--json", code=2)
        got = json.loads(r.stdout)
        self.assertFalse(got["imported"])
        self.assertEqual(sorted({(p["row"], p["column"]) for p in got["problems"]
                                 if p["severity"] == "error"}),
                         [(57, "Aanbod"), (57, "Aangemeld"), (58, "Aanbod"), (58, "Soort")])
        self.assertEqual(self.refs(), before)

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
        self.assertIn("--offer, --strict, --update and --json apply only to a CSV file",
                      r.stderr)
        for flag in ("--strict", "--update", "--json"):
            self.s("participants", "import", MORE_JSON, flag, code=1)

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

    def test_due(self):
        store = self.fresh_store("due")
        r = self.itav("--store", store, "import", VOG_JSON)
        self.assertEqual(r.stdout, "Imported from %s: 1 offer, 4 participants.\n" % VOG_JSON)
        r = self.itav("--store", store, "--lang", "nl", "import", VOG_JSON, code=2)
        self.assertEqual(r.stdout, "")  # the ids are taken: nothing is imported
        vog = "buurtgezinnen-vog-test"

        def due(*args):
            return json.loads(self.itav("--store", store, "participants", "due", "--json",
                                        *args).stdout)
        # 24 months from 2020-01-15: the certificate no longer counts from 2022-01-16.
        first = {"participant": "vog-steun-01", "kind": "vog_expiry", "date": "2022-01-16",
                 "overdue_days": 16, "offer": vog}
        self.assertEqual(due("--as-of", "2022-02-01"), [first])
        self.assertEqual(due("--as-of", "2022-02-01", "--within", "60"), [first])
        self.assertEqual(due("--as-of", "2022-02-01", "--within", "400"),
                         [first, {"participant": "vog-steun-02", "kind": "vog_expiry",
                                  "date": "2023-03-02", "overdue_days": -394, "offer": vog}])
        self.assertEqual(due("--as-of", "2022-01-01"), [])
        self.assertEqual(due("--as-of", "2022-02-01", "--offer", OFFER), [])
        out = self.itav("--store", store, "participants", "due", "--as-of", "2022-02-01",
                        "--within", "400").stdout
        self.assertEqual(out, "Due as of 2022-02-01 or within 400 days:\n"
                              "  2022-01-16  16 days overdue   vog-steun-01  vog_expiry        "
                              "buurtgezinnen-vog-test\n"
                              "  2023-03-02  in 394 days       vog-steun-02  vog_expiry        "
                              "buurtgezinnen-vog-test\n")
        out = self.itav("--store", store, "participants", "due", "--as-of", "2021-01-01").stdout
        self.assertEqual(out, "Due as of 2021-01-01:\n  nothing.\n")
        self.assertIn('no offer "nope"', self.data_error("participants", "due", "--offer", "nope",
                                                         store=store))
        self.assertIn("--within", self.data_error("participants", "due", "--within", "-1",
                                                  store=store))

    def test_erase(self):
        store = self.fresh_store("erase")
        r = self.itav("--store", store, "participants", "erase", "zk-vraag-02")
        m = re.fullmatch(r"Erased zk-vraag-02 on (\S+): its personal data is gone and its "
                         r"reference is now (\S+)\.\n", r.stdout)
        self.assertTrue(m, r.stdout)
        self.assertRegex(m.group(1), r"^\d{4}-\d\d-\d\d$")
        new_ref = m.group(2)
        self.assertTrue(new_ref.startswith("~erased-"), new_ref)
        self.data_error("participants", "show", "zk-vraag-02", store=store)
        got = json.loads(self.itav("--store", store, "participants", "show", new_ref,
                                   "--json").stdout)
        self.assertEqual(got["status"], "erased")
        for member in ("municipality", "postcode", "location", "languages", "children"):
            self.assertNotIn(member, got)
        # Erasing again is refused.
        self.data_error("participants", "erase", new_ref, store=store)

    def test_erase_closes_open_matches(self):
        store = self.fresh_store("erase-matches")
        self.itav("--store", store, "match", "assign", OFFER, "--date", "2021-03-01")
        for args in (("introduced", "--date", "2021-03-15"), ("trial", "--date", "2021-04-01")):
            self.itav("--store", store, "match", "advance", "m-00000001", *args)
        # A date before the last move of an open match is refused, and nothing changes.
        err = self.data_error("participants", "erase", "zk-steun-01", "--date", "2021-03-20",
                              store=store)
        self.assertIn("2021-03-20", err)
        self.data_error("participants", "erase", "zk-steun-01", "--date", "2021-02-30",
                        store=store)
        self.itav("--store", store, "participants", "show", "zk-steun-01")
        # Off a terminal (as here) it erases without asking, as scripts expect.
        r = self.itav("--store", store, "participants", "erase", "zk-steun-01", "--date",
                      "2021-07-01")
        self.assertRegex(r.stdout, r"^Erased zk-steun-01 on 2021-07-01: its personal data is "
                                   r"gone and its reference is now ~erased-\d+\.\n"
                                   r"Closed m-00000001: ended_early\.\n"
                                   r"Closed m-00000002: declined\.\n$")
        self.assertEqual(r.stderr, "")
        states = {m["id"]: (m["state"], m["trail"][-1]["date"]) for m in json.loads(
            self.itav("--store", store, "match", "list", "--json").stdout)}
        self.assertEqual(states["m-00000001"], ("ended_early", "2021-07-01"))
        self.assertEqual(states["m-00000002"], ("declined", "2021-07-01"))

    def erase_on_terminal(self, store, answer, *args):
        """Runs 'participants erase' with a pseudo-terminal on stdin, answering the question."""
        master, slave = os.openpty()
        try:
            p = subprocess.Popen([ITAV, "--store", store, "participants", "erase"] + list(args),
                                 stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, env=clean_env(self.tmp))
            os.close(slave)
            slave = None
            if answer is not None:
                os.write(master, answer.encode())
            out, err = p.communicate(timeout=60)
        finally:
            if slave is not None:
                os.close(slave)
            os.close(master)
        return p.returncode, out, err

    def test_erase_on_a_terminal_asks(self):
        store = self.fresh_store("erase-tty")
        self.itav("--store", store, "match", "assign", OFFER, "--date", "2021-03-01")
        code, out, err = self.erase_on_terminal(store, "n\n", "zk-steun-01", "--date",
                                                "2021-07-01")
        self.assertEqual((code, out), (2, ""), err)
        self.assertIn("The erasure closes these open matches:\n"
                      "  m-00000001  proposed    2021-03-01  with zk-vraag-01\n"
                      "  m-00000002  proposed    2021-03-01  with zk-vraag-02\n"
                      "Erase the personal data of zk-steun-01 for good? [y/N] ", err)
        self.assertIn("itav: not erased: not confirmed (--yes erases without asking)", err)
        self.itav("--store", store, "participants", "show", "zk-steun-01")
        # Enter alone is no.
        code, out, err = self.erase_on_terminal(store, "\n", "zk-steun-01")
        self.assertEqual((code, out), (2, ""), err)
        self.itav("--store", store, "participants", "show", "zk-steun-01")
        # Yes erases; so does --yes without asking.
        code, out, err = self.erase_on_terminal(store, "y\n", "zk-steun-01", "--date",
                                                "2021-07-01")
        self.assertEqual(code, 0, err)
        self.assertIn("Closed m-00000002: declined.\n", out)
        code, out, err = self.erase_on_terminal(store, None, "zk-vraag-03", "--yes")
        self.assertEqual(code, 0, err)
        self.assertTrue(out.startswith("Erased zk-vraag-03 on "), out)
        self.assertNotIn("[y/N]", err)
        # A participant that is not there is named before any question.
        code, out, err = self.erase_on_terminal(store, None, "zk-niemand")
        self.assertEqual(code, 2)
        self.assertNotIn("[y/N]", err)


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
        self.s("review", "add", "m-00000001", "--kind", "trial", "--date", "2021-06-01",
               "--respondent", "coordinator", "--satisfaction", "8")
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
        # a count too wide for its column still has its separator (issue 17)
        out = self.s("match", "due", "--as-of", "9999-12-31").stdout
        self.assertRegex(out, r"\d{7} days overdue  m-00000001")

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

    def test_6_skip_evaluation(self):
        store = self.fresh_store("skip")
        self.itav("--store", store, "match", "assign", OFFER, "--date", "2021-03-01")
        for args in (("introduced", "--date", "2021-03-15"), ("trial", "--date", "2021-04-01")):
            self.itav("--store", store, "match", "advance", "m-00000001", *args)
        # Without a trial review the move is refused, and the hint names both ways on.
        err = self.data_error("match", "advance", "m-00000001", "active", "--date",
                              "2021-06-01", store=store)
        self.assertIn("has no trial review", err)
        self.assertIn("itav: record the evaluation first (itav review add m-00000001 --kind "
                      "trial ...), or move on without it: itav match advance m-00000001 active "
                      "--skip-evaluation NOTE\n", err)
        # The note must say something; it goes only with a move to active, alone.
        self.assertIn("needs a note", self.data_error(
            "match", "advance", "m-00000001", "active", "--skip-evaluation", "  ",
            store=store))
        for args, what in ((("completed", "--skip-evaluation", "x"), "only to a move to active"),
                           (("active", "--skip-evaluation", "x", "--note", "y"), "--note")):
            r = self.itav("--store", store, "match", "advance", "m-00000001", *args, code=1)
            self.assertIn(what, one_line_and_hint(self, r.stderr))
        r = self.itav("--store", store, "match", "advance", "m-00000001", "active", "--date",
                      "2021-06-01", "--skip-evaluation", "gezin verhuisd")
        self.assertEqual(r.stdout, "m-00000001: trial -> active on 2021-06-01 (coordinator, "
                                   "trial evaluation skipped).\n")
        got = json.loads(self.itav("--store", store, "match", "show", "m-00000001",
                                   "--json").stdout)
        self.assertEqual(got["state"], "active")
        self.assertEqual(got["trail"][-1]["note"], "trial evaluation skipped: gezin verhuisd")
        # Only from trial.
        self.data_error("match", "advance", "m-00000002", "active", "--skip-evaluation", "x",
                        store=store)


class OfferTest(MatchingCase):
    """Offers from the command line: list, show with the plan in force, add and update."""

    def export_offers(self, store):
        text = self.itav("--store", store, "export").stdout
        return {o["id"]: o for o in json.loads(text)["offers"]}

    def test_list(self):
        out = self.s("offer", "list", "--intervention", "buurtgezinnen").stdout
        lines = out.splitlines()
        self.assertRegex(lines[0], r"^ID +INTERVENTION +NAME$")
        self.assertIn("buurtgezinnen-zuid-kennemerland  buurtgezinnen  Buurtgezinnen "
                      "Zuid-Kennemerland", out)
        ids = [line.split()[0] for line in lines[1:] if line and not line[0].isdigit()]
        self.assertEqual(ids, sorted(ids))
        self.assertTrue(out.endswith("\n%d offers.\n" % len(ids)), out)
        got = self.json_of("offer", "list")
        self.assertEqual(got, list(self.export_offers(self.store).values()))
        got = self.json_of("offer", "list", "--municipality", "HAARLEM")
        self.assertIn(OFFER, [o["id"] for o in got])
        self.assertTrue(all("Haarlem" in o.get("municipalities", []) for o in got), got)
        self.assertEqual(self.s("offer", "list", "--intervention", "nope").stdout, "0 offers.\n")

    def test_show_plan_in_force(self):
        out = self.s("offer", "show", OFFER).stdout
        self.assertTrue(out.startswith("Offer %s\n  Intervention:      buurtgezinnen\n" % OFFER),
                        out)
        self.assertIn("  Municipalities:    Haarlem, Zandvoort, Bloemendaal, Heemstede\n", out)
        self.assertIn("\nMatch plan in force:\n"
                      "  trial             yes         (from the intervention, 002:L77)\n"
                      "  trial_months      2           (from the intervention, 002:L77)\n", out)
        self.assertIn("  vog_valid_months  (not set)\n", out)
        got = self.json_of("offer", "show", OFFER)
        self.assertEqual(got["id"], OFFER)
        self.assertEqual(got["plan_in_force"]["trial"],
                         {"value": True, "source": "002:L77", "from": "intervention"})
        self.assertNotIn("vog_valid_months", got["plan_in_force"])
        del got["plan_in_force"]
        self.assertEqual(got, self.export_offers(self.store)[OFFER])
        self.assertIn('"nope"', self.data_error("offer", "show", "nope"))

    def test_add_and_update(self):
        store = self.fresh_store("offers")
        r = self.itav("--store", store, "offer", "add", "bg-test", "--intervention",
                      "buurtgezinnen", "--name", "Buurtgezinnen Test", "--municipality",
                      "Haarlem", "--municipality", "Leiden", "--from", "2022-01-01", "--to",
                      "2022-12-31", "--plan", "vog_valid_months=24", "--plan", "trial=no",
                      "--plan", "criteria=distance,languages")
        self.assertEqual(r.stdout, "Added offer bg-test of buurtgezinnen.\n")
        got = json.loads(self.itav("--store", store, "offer", "show", "bg-test",
                                   "--json").stdout)
        self.assertEqual(got["municipalities"], ["Haarlem", "Leiden"])
        self.assertEqual((got["start"], got["end"]), ("2022-01-01", "2022-12-31"))
        self.assertEqual(got["plan"], {"trial": False, "vog_valid_months": 24,
                                       "criteria": ["distance", "languages"]})
        force = got["plan_in_force"]
        self.assertEqual(force["trial"], {"value": False, "source": None, "from": "offer"})
        self.assertEqual(force["vog"]["from"], "intervention")
        out = self.itav("--store", store, "offer", "show", "bg-test").stdout
        self.assertIn("  trial             no          (set by this offer)\n", out)
        self.assertIn("  criteria          distance, languages  (set by this offer)\n", out)
        # update changes what is given: the municipalities given replace the list, "" clears,
        # unset gives a plan field back to the intervention
        r = self.itav("--store", store, "offer", "update", "bg-test", "--name", "",
                      "--municipality", "Delft", "--to", "", "--plan", "trial=unset")
        self.assertEqual(r.stdout, "Updated offer bg-test.\n")
        got = self.export_offers(store)["bg-test"]
        self.assertNotIn("name", got)
        self.assertNotIn("end", got)
        self.assertEqual(got["municipalities"], ["Delft"])
        self.assertEqual(got["plan"], {"vog_valid_months": 24,
                                       "criteria": ["distance", "languages"]})
        # bad values are refused, each naming what is wrong, and change nothing
        before = self.itav("--store", store, "export").stdout
        for args, what in ((["--plan", "max_months=99999"], "out of range for max_months"),
                           (["--plan", "nope=1"], 'unknown plan field "nope"'),
                           (["--plan", "trial=maybe"], "expected yes, no or unset"),
                           (["--plan", "criteria=distance,bogus"], 'unknown criterion "bogus"'),
                           (["--from", "2023-01-01", "--to", "2022-06-01"],
                            "the end may not be before the start"),
                           (["--from", "2023-02-30"], 'invalid date "2023-02-30" for --from'),
                           (["--programme", "nope"], '"nope"'),
                           (["--name", "x", "--to", "2022-13-01"], "--to")):
            err = self.data_error("offer", "update", "bg-test", *args, store=store)
            self.assertIn(what, err)
        self.assertEqual(self.itav("--store", store, "export").stdout, before)
        self.assertIn('"bg-nope"', self.data_error("offer", "update", "bg-nope", "--name", "x",
                                                   store=store))
        self.assertIn("already exists", self.data_error(
            "offer", "add", "bg-test", "--intervention", "buurtgezinnen", store=store))
        self.assertIn('no intervention "nope"', self.data_error(
            "offer", "add", "bg-x", "--intervention", "nope", store=store))
        r = self.itav("--store", store, "offer", "add", "bg-x", code=1)
        self.assertIn("--intervention is required", one_line_and_hint(self, r.stderr))

    def test_plan_set_here_is_the_plan_that_holds(self):
        # An offer's vog_valid_months set from the command line makes certificates expire: 3
        # months from 2020-10-01, the certificate no longer counts from 2021-01-02.
        store = self.fresh_store("offer-vog")
        self.itav("--store", store, "offer", "update", OFFER, "--plan", "vog_valid_months=3")
        got = json.loads(self.itav("--store", store, "participants", "due", "--as-of",
                                   "2021-03-01", "--json").stdout)
        self.assertEqual([(i["participant"], i["date"]) for i in got],
                         [("zk-steun-01", "2021-01-02"), ("zk-steun-02", "2021-02-16")])


class MatchUsageTest(CliCase):
    init_store = False

    def usage_error(self, *args):
        r = self.itav("--store", "memory:", *args, code=1)
        self.assertEqual(r.stdout, "")
        return one_line_and_hint(self, r.stderr)

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


# ---- evaluation, portfolios, recommendations and reports (issue 4) -----------------------

SEED_EXAMPLES = sorted(SEED_ROW_IDS.values())


class ReviewTest(MatchingCase):
    """One store: the assignment written, m-00000001 in its trial since 2021-04-01; the tests
    write in order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for args in (["match", "assign", OFFER, "--date", "2021-03-01"],
                     ["match", "advance", "m-00000001", "introduced", "--date", "2021-03-15"],
                     ["match", "advance", "m-00000001", "trial", "--date", "2021-04-01"]):
            r = cls.run_itav_cls(["--store", cls.store] + args)
            assert r.returncode == 0, r.stderr

    def reviews(self, *args):
        return self.json_of("review", "list", *args)

    def unchanged(self, *args, code=2):
        """Runs review add with args; it must fail with code and write nothing."""
        before = self.export()
        r = self.s("review", "add", *args, code=code)
        self.assertEqual(r.stdout, "")
        self.assertEqual(self.export(), before)
        return r.stderr

    def test_1_bad_input_writes_nothing(self):
        trial = ["m-00000001", "--kind", "trial", "--date", "2021-06-01",
                 "--respondent", "asking"]
        err = self.unchanged(*trial, "--satisfaction", "11")
        self.assertIn('invalid value "11" for --satisfaction (expected a whole number from 1 '
                      'to 10)', err)
        self.assertIn("--satisfaction", self.unchanged(*trial, "--satisfaction", "0"))
        err = self.unchanged(*trial, "--effect", "rest=3")
        self.assertIn('invalid score "3" for effect rest in --effect', err)
        err = self.unchanged(*trial, "--effect", "happiness=+1")
        self.assertIn('unknown effect "happiness" (expected carefree_childhood, ', err)
        self.assertIn("effect rest is given twice",
                      self.unchanged(*trial, "--effect", "rest=1", "--effect", "rest=2"))
        self.assertIn('unknown review kind "midway" (expected trial, periodic or final)',
                      self.unchanged("m-00000001", "--kind", "midway", "--date", "2021-06-01",
                                     "--respondent", "asking"))
        self.assertIn('unknown formal help outcome "gone"',
                      self.unchanged(*trial, "--formal-help", "gone"))
        # The library's refusals, in its own words: a proposed match takes no review ...
        err = self.unchanged("m-00000002", "--kind", "trial", "--date", "2021-06-01",
                             "--respondent", "asking")
        self.assertIn('match "m-00000002" is proposed', err)
        # ... an active-only periodic review is refused during the trial, and a review may not
        # be dated before the match's last move.
        self.assertIn("m-00000001", self.unchanged("m-00000001", "--kind", "periodic", "--date",
                                                    "2021-06-01", "--respondent",
                                                    "coordinator"))
        self.unchanged("m-00000001", "--kind", "trial", "--date", "2021-03-20",
                       "--respondent", "asking")
        self.assertIn('"m-09999999"', self.unchanged("m-09999999", "--kind", "trial", "--date",
                                                      "2021-06-01", "--respondent", "asking"))
        # Usage errors name the option.
        r = self.unchanged("m-00000001", "--date", "2021-06-01", "--respondent", "asking",
                           code=1)
        self.assertIn("option --kind is required for 'review add'", r)
        r = self.unchanged("m-00000001", "--kind", "trial", "--respondent", "asking", code=1)
        self.assertIn("option --date is required for 'review add'", r)
        r = self.unchanged(*trial, "--safety-note", "x", code=1)
        self.assertIn("option --safety-note needs --safety-concern", r)
        self.assertEqual(self.reviews(), [])

    def test_2_trial_reviews_settle_the_trial_evaluation(self):
        due = [d["kind"] for d in self.json_of("match", "due", "--as-of", "2021-06-03")]
        self.assertEqual(due, ["trial_evaluation"])
        r = self.s("review", "add", "m-00000001", "--kind", "trial", "--date", "2021-06-01",
                   "--respondent", "asking", "--satisfaction", "8", "--effect", "rest=+1",
                   "--effect", "network=2", "--effect", "behaviour=unknown",
                   "--formal-help", "prevented", "--note", "het klikt")
        self.assertEqual(r.stdout, "Added r-00000001 to m-00000001: trial review by asking on "
                                   "2021-06-01, satisfaction 8.\n")
        got = self.json_of("review", "add", "m-00000001", "--kind", "trial", "--date",
                           "2021-06-01", "--respondent", "supporting", "--safety-concern",
                           "--safety-note", "afspraken over bedtijden")
        self.assertEqual(got, {"id": "r-00000002", "match": "m-00000001", "kind": "trial",
                               "date": "2021-06-01", "respondent": "supporting",
                               "satisfaction": None, "safety_concern": True,
                               "safety_note": "afspraken over bedtijden", "effects": {},
                               "formal_help": None, "note": None})
        # One trial review per respondent.
        self.assertIn("m-00000001", self.unchanged("m-00000001", "--kind", "trial", "--date",
                                                    "2021-06-02", "--respondent", "asking"))
        self.assertEqual(self.json_of("match", "due", "--as-of", "2021-06-03"), [])
        first = self.reviews()[0]
        self.assertEqual(first["effects"], {"rest": 1, "network": 2})
        self.assertEqual(first["formal_help"], "prevented")
        self.assertEqual(first["note"], "het klikt")

    def test_3_periodic_and_final_reviews(self):
        self.s("match", "advance", "m-00000001", "active", "--date", "2021-06-01")
        due = self.json_of("match", "due", "--as-of", "2021-12-01")
        self.assertEqual([(d["kind"], d["date"]) for d in due], [("review", "2021-12-01")])
        self.s("review", "add", "m-00000001", "--kind", "periodic", "--date", "2021-11-28",
               "--respondent", "coordinator", "--satisfaction", "7")
        # The next periodic review falls due six months after the latest one.
        due = self.json_of("match", "due", "--as-of", "2022-06-01", "--within", "30")
        self.assertEqual([(d["kind"], d["date"]) for d in due], [("review", "2022-05-28")])
        self.s("review", "add", "m-00000001", "--kind", "final", "--date", "2022-03-01",
               "--respondent", "asking", "--satisfaction", "9", "--formal-help", "reduced",
               "--effect", "carefree_childhood=-2")
        self.assertEqual([r["kind"] for r in self.reviews("--match", "m-00000001")],
                         ["trial", "trial", "periodic", "final"])

    def test_4_list(self):
        self.assertEqual(len(self.reviews("--offer", OFFER)), 4)
        self.assertEqual(self.reviews("--offer", "buurtgezinnen-leiden"), [])
        self.assertEqual(self.reviews("--match", "m-00000002"), [])
        self.assertIn('"nergens"', self.data_error("review", "list", "--offer", "nergens"))
        self.assertIn('"m-09999999"', self.data_error("review", "list", "--match",
                                                      "m-09999999"))
        out = self.s("review", "list").stdout
        self.assertRegex(out, r"ID +MATCH +KIND +DATE +RESPONDENT +MARK +SAFETY +FORMAL HELP\n")
        self.assertRegex(out, r"r-00000001  m-00000001  trial +2021-06-01  asking +8 +- +"
                              r"prevented\n +effects: rest \+1, network \+2\n +note: het klikt\n")
        self.assertRegex(out, r"r-00000002  m-00000001  trial +2021-06-01  supporting +- +"
                              r"concern +-\n +safety: afspraken over bedtijden\n")
        self.assertIn("effects: carefree_childhood -2\n", out)
        self.assertTrue(out.endswith("\n4 reviews.\n"), out)
        self.assertEqual(self.s("review", "list", "--match", "m-00000003").stdout,
                         "No reviews.\n")


def svg_texts(svg):
    """The text elements of an SVG document, each with its lines (tspan elements) joined by
    spaces."""
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)
    return [" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", t)) or re.sub(r"<[^>]*>", "", t)
            for t in texts]


class ProfilePortfolioTest(CliCase):
    def profile_of(self, iid):
        return self.json_of("catalog", "show", iid)["profile_in_use"]["statuses"]

    def element_labels(self):
        return [e["label"] for e in self.json_of("catalog", "profile")["element_legend"]]

    def test_profile_text(self):
        out = self.s("profile", "jong-perspectief").stdout
        self.assertTrue(out.startswith("Element profile of jong-perspectief (Jong Perspectief "
                                       "Maatjesproject):\n"), out)
        expected = self.profile_of("jong-perspectief")
        for i, code in enumerate(ELEMENTS, 1):
            self.assertRegex(out, r"\n  %d  %s +%s\n" % (i, code, expected[code]))
        self.assertRegex(out, r"setting, scope +informal, individual\n")
        self.assertIn("it does not rank. More elements is not better", out)
        # The element table of 'catalog profile' is still there.
        self.assertIn("jong-perspectief", profile_rows(self.s("catalog", "profile").stdout))

    def test_profile_compare(self):
        out = self.s("profile", "buurtgezinnen", "--compare", "giz").stdout
        a, b = self.profile_of("buurtgezinnen"), self.profile_of("giz")
        self.assertIn("next to giz (", out)
        for i, code in enumerate(ELEMENTS, 1):
            mark = " \\*" if a[code] != b[code] else ""
            self.assertRegex(out, r"\n  %d  %s +%s +%s%s\n" % (i, code, a[code], b[code], mark))
        self.assertNotEqual(a, b)
        self.assertIn("* the two state something different about this element", out)
        got = self.json_of("profile", "buurtgezinnen", "--compare", "giz")
        self.assertEqual(got["a"]["members"], ["buurtgezinnen"])
        self.assertEqual(got["b"]["members"], ["giz"])
        for code in ELEMENTS:
            want = (b[code] == "present") - (a[code] == "present")
            self.assertEqual(got["difference"][code], want, code)

    def test_profile_json_and_svg(self):
        svg = os.path.join(self.tmp, "profile.svg")
        got = self.json_of("profile", "home-start", "--svg", svg)
        self.assertEqual(got["members"], ["home-start"])
        expected = self.profile_of("home-start")
        for code in ELEMENTS:
            self.assertEqual(got["coverage"][code]["present"],
                             1 if expected[code] == "present" else 0, code)
        with open(svg, encoding="utf-8") as f:
            text = f.read()
        self.assertTrue(text.startswith("<?xml") or text.startswith("<svg"), text[:80])
        self.assertIn("</svg>", text)
        texts = svg_texts(text)
        for label in self.element_labels():  # every axis is labelled
            self.assertIn(label, texts)
        # Two overlaid, titled by name; the text output says where the chart went.
        out = self.s("profile", "buurtgezinnen", "--compare", "home-start", "--svg", svg).stdout
        self.assertTrue(out.endswith("\nRadar chart: %s\n" % svg), out)
        with open(svg, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("Buurtgezinnen", text)
        self.assertIn("Home-Start", text)

    def test_profile_errors(self):
        r = self.s("profile", "niets-bekend", code=2)
        self.assertIn('"niets-bekend"', r.stderr)
        r = self.s("profile", "giz", "--compare", "niets-bekend", code=2)
        self.assertIn('"niets-bekend"', r.stderr)
        svg = os.path.join(self.tmp, "no-such-dir", "x.svg")
        r = self.s("profile", "giz", "--svg", svg, code=2)
        self.assertIn(svg, r.stderr)
        self.assertIn("missing argument ID for 'profile'", self.s("profile", code=1).stderr)
        self.assertIn("option --municipality does not apply to 'profile'",
                      self.s("profile", "giz", "--municipality", "Haarlem", code=1).stderr)

    def test_portfolio_of_the_seed_examples(self):
        args = []
        for iid in SEED_EXAMPLES:
            args += ["--id", iid]
        got = self.json_of("portfolio", *args)
        self.assertEqual(got["members"], SEED_EXAMPLES)
        profiles = {iid: self.profile_of(iid) for iid in SEED_EXAMPLES}
        for code in ELEMENTS:
            present = sum(p[code] == "present" for p in profiles.values())
            known = sum(p[code] in ("present", "absent") for p in profiles.values())
            self.assertEqual(got["coverage"][code]["present"], present, code)
            self.assertEqual(got["coverage"][code]["known"], known, code)
            self.assertAlmostEqual(got["coverage"][code]["share"], present / 13, places=4)
        # Elements 2, 4 and 5 are shared by every example: nobody lacks them.
        for flag in ("no_informal_support", "no_equality", "no_demand_led"):
            self.assertEqual(got["flags"][flag], [], flag)
        out = self.s("portfolio", *args).stdout
        self.assertTrue(out.startswith("13 given ids: 13 interventions\n"), out)
        present = sum(p["doubts_normal"] == "present" for p in profiles.values())
        known = sum(p["doubts_normal"] != "unknown" for p in profiles.values())
        self.assertRegex(out, r"\n  1  doubts_normal +%d/%d +%.0f%%\n"
                              % (present, known, 100 * present / 13))
        self.assertIn("element 2 (informal support) not stated present (0)\n", out)
        self.assertIn("it does not rank. More elements is not better", out)
        self.assertNotRegex(out.lower(), r"\b(best|worst|score)\b")

    def test_portfolio_by_municipality(self):
        listed = sorted(i["id"] for i in self.json_of("catalog", "list", "--municipality",
                                                      "Utrecht"))
        got = self.json_of("portfolio", "--municipality", "Utrecht")
        self.assertEqual(got["members"], listed)
        cells = sum(n for row in got["table"].values() for n in row.values())
        self.assertEqual(cells, len(listed))
        out = self.s("portfolio", "--municipality", "Utrecht").stdout
        self.assertTrue(out.startswith("Utrecht: %d interventions\n" % len(listed)), out)
        self.assertRegex(out, r"Setting by scope:\n +individual +collective +mixed +not stated\n"
                              r"  informal +\d+ +\d+ +\d+ +\d+\n")
        # Compared with another municipality: both, and the difference in shares.
        got = self.json_of("portfolio", "--municipality", "Utrecht", "--compare-municipality",
                           "Haarlem")
        self.assertEqual(got["a"]["members"], listed)
        self.assertEqual(got["b"]["members"], ["buurtgezinnen"])
        out = self.s("portfolio", "--municipality", "Utrecht", "--compare-municipality",
                     "Haarlem").stdout
        self.assertIn("A Utrecht: %d interventions\n" % len(listed), out)
        self.assertIn("\nB Haarlem: 1 intervention\n  buurtgezinnen\n", out)
        self.assertIn("Setting by scope (B):", out)
        self.assertEqual(self.s("portfolio", "--municipality", "Nergenshuizen").stdout,
                         "Nergenshuizen: 0 interventions\n")

    def test_portfolio_errors(self):
        r = self.s("portfolio", "--id", "giz", "--id", "niets-bekend", code=2)
        self.assertIn('"niets-bekend"', r.stderr)
        self.assertIn("unexpected argument 'giz'", self.s("portfolio", "giz", code=1).stderr)
        self.assertIn("options --element and --setting apply only to 'catalog list', not to "
                      "'portfolio'", self.s("portfolio", "--setting", "formal", code=1).stderr)


class RecommendTest(CliCase):
    def results(self, *args):
        return self.json_of("recommend", *args)["results"]

    def test_lightest_first(self):
        got = self.json_of("recommend", "--audience", "parent", "--age-months", "6", "--need",
                           "meeting")
        self.assertEqual(got["question"], {"audience": "parent", "age_months": 6,
                                           "municipality": None, "needs": ["meeting"],
                                           "channel": None})
        res = got["results"]
        self.assertTrue(res)
        self.assertEqual([r["rank"] for r in res], list(range(1, len(res) + 1)))
        tiers = [r["tier"] for r in res]
        self.assertEqual(tiers, sorted(tiers))
        ids = [r["intervention"] for r in res]
        # Ouderkamer (informal, collective: a meeting place for parents, seed 001) comes before
        # Moeders Informeren Moeders (informal, individual home visits).
        self.assertLess(ids.index("ouderkamer"), ids.index("moeders-informeren-moeders"))
        for r in res:
            self.assertIsNone(r["offer"])  # no municipality: interventions, not offers
            self.assertEqual(r["covered"], ["meeting"])
            self.assertTrue(r["why"] and r["placement"], r)
            self.assertIn("tier %d" % r["tier"], r["placement"])

    def test_in_a_municipality(self):
        res = self.results("--audience", "parent", "--age-months", "30", "--municipality",
                           "Haarlem", "--need", "relief")
        self.assertEqual([(r["intervention"], r["offer"], r["tier"]) for r in res],
                         [("buurtgezinnen", OFFER, 2)])
        out = self.s("recommend", "--audience", "parent", "--age-months", "30",
                     "--municipality", "Haarlem", "--need", "relief").stdout
        self.assertTrue(out.startswith("Lightest first, for: parent, age 30 months, in Haarlem, "
                                       "about relief\nAs light as possible, as heavy as "
                                       "needed.\n"), out)
        self.assertIn("\n 1. %s (Buurtgezinnen)\n    tier 2, informal and individual\n"
                      "    why: " % OFFER, out)
        self.assertIn("\n    place: tier 2", out)
        res = self.results("--audience", "youth", "--age-months", "200", "--municipality",
                           "Zoetermeer")
        self.assertIn(("jong-perspectief", "jong-perspectief-zoetermeer"),
                      [(r["intervention"], r["offer"]) for r in res])
        out = self.s("recommend", "--audience", "expecting", "--municipality",
                     "Nergenshuizen").stdout
        self.assertTrue(out.endswith("\nNothing fits this question.\n"), out)

    def test_errors(self):
        r = self.s("recommend", "--age-months", "6", code=1)
        self.assertIn("option --audience is required for 'recommend' (parent, expecting or "
                      "youth)", r.stderr)
        r = self.s("recommend", "--audience", "grandparent", code=2)
        self.assertIn('unknown audience "grandparent" (expected parent, expecting or youth)',
                      r.stderr)
        r = self.s("recommend", "--audience", "parent", "--need", "money", code=2)
        self.assertIn('unknown need "money"', r.stderr)
        self.assertIn("poverty", r.stderr)
        r = self.s("recommend", "--audience", "parent", "--channel", "phone", code=2)
        self.assertIn('unknown channel "phone"', r.stderr)
        r = self.s("recommend", "--audience", "parent", "--age-months", "zes", code=2)
        self.assertIn('invalid value "zes" for --age-months', r.stderr)
        # An age the library refuses (over 50 years), in its own words.
        r = self.s("recommend", "--audience", "parent", "--age-months", "900", code=2)
        self.assertTrue(r.stderr.startswith("itav: ") and len(r.stderr) > 10, r.stderr)
        self.assertNotIn("Usage", r.stderr)


# Indicators of the tests: a count with a baseline and a target, and two derived ones.
TEST_INDICATORS = {"format": "itav/1", "indicators": [
    {"id": "zk-cli-count", "offer": OFFER, "type": "count", "name": "Families reached",
     "unit": "families",
     "baseline": {"date": "2019-12-31", "quantity": {"qualifier": "exact", "value": 4}},
     "targets": [{"comparator": "at_least", "value": 12, "deadline": "2022-12-31",
                  "text": "minimaal 12 gezinnen"}]},
    {"id": "zk-cli-started", "offer": OFFER, "type": "count", "name": "Matches started",
     "derived": "matches_started",
     "targets": [{"comparator": "at_least", "value": 2, "deadline": "2021-12-31"}]},
    {"id": "zk-cli-mark", "offer": OFFER, "type": "mean", "name": "Mean satisfaction",
     "derived": "mean_satisfaction",
     "targets": [{"comparator": "at_least", "value": 7, "deadline": "2021-12-31"}]},
]}


class IndicatorTest(MatchingCase):
    """The catalogue's indicators and three of the tests', with two matches in their trial;
    the tests write in order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        path = os.path.join(cls.tmp, "indicators.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(TEST_INDICATORS, f)
        for args in (["import", path],
                     ["match", "assign", OFFER, "--date", "2021-03-01"],
                     ["match", "advance", "m-00000001", "introduced", "--date", "2021-03-15"],
                     ["match", "advance", "m-00000001", "trial", "--date", "2021-04-01"],
                     ["match", "advance", "m-00000002", "introduced", "--date", "2021-03-15"],
                     ["match", "advance", "m-00000002", "trial", "--date", "2021-04-05"]):
            r = cls.run_itav_cls(["--store", cls.store] + args)
            assert r.returncode == 0, r.stderr

    def verdict(self, iid, as_of, target=0):
        got = self.json_of("indicator", "show", iid, "--as-of", as_of)
        self.assertEqual(got["as_of"], as_of)
        t = got["targets"][target]
        self.assertTrue(t["why"], t)
        return t["attainment"]

    def measure(self, iid, date, value, *more):
        r = self.s("indicator", "measure", iid, "--date", date, "--value", value, *more)
        return r.stdout

    def test_1_list(self):
        got = self.json_of("indicator", "list", "--offer", OFFER)
        ids = [i["id"] for i in got]
        self.assertEqual(ids, sorted(ids))
        # The catalogue's 2021 coupling targets per municipality (seed 002, line 133).
        haarlem = next(i for i in got if i["id"] == "buurtgezinnen-zk-matches-haarlem-2021")
        self.assertEqual([(t["comparator"], t["value"], t["deadline"], t["source"])
                          for t in haarlem["targets"]],
                         [("at_least", 12, "2021-12-31", "002:L133")])
        self.assertEqual((haarlem["derived"], haarlem["municipality"]),
                         ("matches_started", "Haarlem"))
        count = next(i for i in got if i["id"] == "zk-cli-count")
        self.assertEqual(count["baseline"], {"date": "2019-12-31", "source": None,
                                             "quantity": {"qualifier": "exact", "value": 4}})
        self.assertEqual(count["scale"], {"low": 0, "high": None})
        self.assertNotIn("attainment", count["targets"][0])  # judged by 'show' only
        self.assertIn("itav-hw-findability",
                      [i["id"] for i in self.json_of("indicator", "list")])
        out = self.s("indicator", "list", "--offer", OFFER).stdout
        self.assertTrue(out.startswith(OFFER + ":\n"), out)
        self.assertRegex(out, r"ID +TYPE +TARGETS +MEASURED +NAME\n")
        self.assertRegex(out, r"\n  zk-cli-count +count +1 +0 +Families reached\n")
        self.assertIn('"nergens"', self.data_error("indicator", "list", "--offer", "nergens"))
        self.assertEqual(self.s("indicator", "list", "--offer", "buurtgezinnen-leiden").stdout,
                         "No indicators.\n")

    def test_2_attainment_as_measurements_come_in(self):
        # The target: at least 12 families by 2022-12-31, from 4 at the end of 2019.
        self.assertEqual(self.verdict("zk-cli-count", "2021-01-01"), "unknown")
        out = self.measure("zk-cli-count", "2021-06-30", "9", "--period", "2021-H1")
        self.assertEqual(out, "Recorded on zk-cli-count: 9 on 2021-06-30 (2021-H1).\n")
        # 9 lies beyond the straight path from 4 to 12 (about 8 by mid-2021).
        self.assertEqual(self.verdict("zk-cli-count", "2021-07-01"), "on_track")
        self.measure("zk-cli-count", "2021-09-30", "5")
        self.assertEqual(self.verdict("zk-cli-count", "2021-10-01"), "not_met")
        # From the deadline on, the latest measurement before it decides, as intervals:
        # "about 10" (9 to 11) cannot be at least 12, "at least 12" always is, and a range
        # that straddles 12 allows no verdict.
        table = [("2022-03-31", "about 10", "not_met"),
                 ("2022-06-30", "at least 12", "met"),
                 ("2022-09-30", "10..14", "unknown"),
                 ("2022-11-30", "~11", "unknown"),     # 9.9 to 12.1 straddles 12 too
                 ("2022-12-31", "about 20", "met"),
                 ("2023-03-01", "5", "met")]  # after the deadline: does not count
        for date, value, verdict in table:
            out = self.measure("zk-cli-count", date, value)
            self.assertTrue(out.startswith("Recorded on zk-cli-count: "), out)
            self.assertEqual(self.verdict("zk-cli-count", "2023-06-01"), verdict,
                             "after %s %s" % (date, value))
        got = self.json_of("indicator", "show", "zk-cli-count", "--as-of", "2023-06-01")
        self.assertEqual([m["quantity"] for m in got["measurements"]][2:5], [
            {"qualifier": "about", "value": 10}, {"qualifier": "at_least", "value": 12},
            {"qualifier": "range", "min": 10, "max": 14}])
        out = self.s("indicator", "show", "zk-cli-count", "--as-of", "2023-06-01").stdout
        self.assertTrue(out.startswith("Indicator zk-cli-count (%s)\n" % OFFER), out)
        self.assertIn("  Measures:          Families reached\n", out)
        self.assertIn("  Type:              count, unit families, 0 or more\n", out)
        self.assertIn("  Baseline:          4 on 2019-12-31\n", out)
        self.assertIn("\nTargets, judged on 2023-06-01:\n  1. at least 12 by 2022-12-31: met\n"
                      "     \"minimaal 12 gezinnen\"\n     met: the measurement of 2022-12-31",
                      out)
        self.assertRegex(out, r"\n  2021-06-30  2021-H1 +9\n")
        self.assertRegex(out, r"\n  2022-09-30  - +10 to 14\n")

    def test_3_measure_errors(self):
        before = self.export()
        err = self.data_error("indicator", "measure", "zk-cli-count", "--date", "2021-01-31",
                              "--value", "ten")
        self.assertIn('invalid quantity "ten" for --value', err)
        self.data_error("indicator", "measure", "zk-cli-count", "--date", "2021-01-31",
                        "--value", "12..5")
        err = self.data_error("indicator", "measure", "zk-niets", "--date", "2021-01-31",
                              "--value", "3")
        self.assertIn('"zk-niets"', err)
        # One measurement per date; a source must be a seed reference.
        self.data_error("indicator", "measure", "zk-cli-count", "--date", "2021-06-30",
                        "--value", "3")
        self.data_error("indicator", "measure", "zk-cli-count", "--date", "2021-01-31",
                        "--value", "3", "--source", "seed 2")
        self.assertIn("--derive", self.data_error("indicator", "measure", "zk-cli-count",
                                                  "--derive", "--from", "2021-01-01", "--to",
                                                  "2021-12-31"))
        self.assertEqual(self.export(), before)
        for args, message in (
                (["--value", "3"], "option --date is required for 'indicator measure'"),
                (["--date", "2021-01-31"], "option --value is required for 'indicator "
                                           "measure'"),
                (["--derive", "--value", "3", "--from", "2021-01-01", "--to", "2021-12-31"],
                 "--derive computes the value: it takes no --value or --text"),
                (["--derive", "--to", "2021-12-31"], "option --from is required"),
                (["--date", "2021-01-31", "--value", "3", "--from", "2021-01-01"],
                 "options --from and --to apply only with --derive")):
            r = self.s("indicator", "measure", "zk-cli-count", *args, code=1)
            self.assertIn(message, r.stderr)
        self.assertEqual(self.export(), before)
        # A figure in words only.
        out = self.s("indicator", "measure", "zk-cli-count", "--date", "2021-02-28", "--text",
                     "honderden").stdout
        self.assertEqual(out, "Recorded on zk-cli-count: \"honderden\" on 2021-02-28.\n")

    def test_4_joint_indicator(self):
        # 002:L135: one target of 5 couplings for Bloemendaal and Heemstede together.
        iid = "buurtgezinnen-zk-matches-bloemendaal-heemstede-2021"
        out = self.s("indicator", "show", iid).stdout
        self.assertIn("Derived from:      matches_started in Bloemendaal and Heemstede\n", out)
        got = self.json_of("indicator", "show", iid)
        self.assertEqual((got["municipality"], got["municipalities"]),
                         ("Bloemendaal", ["Bloemendaal", "Heemstede"]))
        # m-00000002 (zk-vraag-02, Heemstede) started its trial in the period; Bloemendaal alone
        # has none.
        out = self.s("indicator", "measure", iid, "--derive", "--from", "2021-04-01", "--to",
                     "2021-12-31").stdout
        self.assertIn("Derived matches_started for 2021-04-01 to 2021-12-31 in Bloemendaal and "
                      "Heemstede: 1 (from 1 match)", out)

    def test_4_derive_from_the_store(self):
        out = self.s("indicator", "measure", "zk-cli-started", "--derive", "--from",
                     "2021-01-01", "--to", "2021-12-31").stdout
        self.assertEqual(out, "Derived matches_started for 2021-01-01 to 2021-12-31: 2 (from "
                              "2 matches); recorded on zk-cli-started as of 2021-12-31.\n")
        got = self.json_of("indicator", "show", "zk-cli-started", "--as-of", "2022-01-01")
        self.assertEqual(got["measurements"], [
            {"date": "2021-12-31", "period": "2021-01-01..2021-12-31",
             "quantity": {"qualifier": "exact", "value": 2}, "source": None}])
        self.assertEqual(got["targets"][0]["attainment"], "met")
        # Only the period counts: m-00000002 started on 2021-04-05.
        out = self.s("indicator", "measure", "zk-cli-started", "--derive", "--from",
                     "2021-04-02", "--to", "2021-04-30", "--date", "2021-05-01").stdout
        self.assertIn(": 1 (from 1 match); recorded on zk-cli-started as of 2021-05-01.", out)
        # No reviews yet: no mean to record.
        err = self.data_error("indicator", "measure", "zk-cli-mark", "--derive", "--from",
                              "2021-01-01", "--to", "2021-12-31")
        self.assertIn("nothing to derive mean_satisfaction from: no reviews", err)
        for match, who, mark in (("m-00000001", "asking", "8"), ("m-00000002", "asking", "7")):
            self.s("review", "add", match, "--kind", "trial", "--date", "2021-06-05",
                   "--respondent", who, "--satisfaction", mark)
        out = self.s("indicator", "measure", "zk-cli-mark", "--derive", "--from",
                     "2021-01-01", "--to", "2021-12-31").stdout
        self.assertIn(": 7.50 (from 2 reviews)", out)
        self.assertEqual(self.verdict("zk-cli-mark", "2022-01-01"), "met")


class ReportTest(MatchingCase):
    """Three matches: two in their trial or active with reviews, one declined."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        steps = [["match", "assign", OFFER, "--date", "2021-03-01"],
                 ["match", "advance", "m-00000003", "declined", "--date", "2021-03-10",
                  "--reason", "no_click"]]
        for m, start in (("m-00000001", "2021-04-01"), ("m-00000002", "2021-04-05")):
            steps += [["match", "advance", m, "introduced", "--date", "2021-03-15"],
                      ["match", "advance", m, "trial", "--date", start],
                      ["review", "add", m, "--kind", "trial", "--date", "2021-06-05",
                       "--respondent", "asking", "--satisfaction", "8"]]
        steps += [["review", "add", "m-00000001", "--kind", "trial", "--date", "2021-06-05",
                   "--respondent", "supporting", "--satisfaction", "9"],
                  ["match", "advance", "m-00000001", "active", "--date", "2021-06-05"]]
        for args in steps:
            r = cls.run_itav_cls(["--store", cls.store] + args)
            assert r.returncode == 0, (args, r.stderr)

    def report(self, *args, offer=OFFER):
        return self.s("report", "programme", offer, *args).stdout

    def section(self, md, heading):
        """The lines of one Markdown section."""
        part = md.split("\n## " + heading + "\n", 1)[1]
        return part.split("\n## ", 1)[0]

    def test_markdown_suppresses_small_counts(self):
        md = self.report()
        self.assertTrue(md.startswith("# Programme report: Buurtgezinnen Zuid-Kennemerland\n\n"
                                      "Offer: %s." % OFFER), md[:200])
        states = self.section(md, "Matches by state")
        self.assertIn("| trial | <5 |", states)
        self.assertIn("| active | <5 |", states)
        self.assertIn("| declined | <5 |", states)
        self.assertNotRegex(states, r"\| [1-4] \|")
        self.assertIn("| trial | <5 |", self.section(md, "Reviews"))
        # With k = 1 nothing is suppressed.
        md = self.report("--k", "1")
        states = self.section(md, "Matches by state")
        for state, n in (("trial", 1), ("active", 1), ("declined", 1), ("proposed", 0)):
            self.assertIn("| %s | %d |" % (state, n), states)
        self.assertNotIn("<", states)
        self.assertIn("| trial | 3 |", self.section(md, "Reviews"))
        # k = 3: the three trial reviews are shown, the single matches are not.
        md = self.report("--k", "3")
        self.assertIn("| trial | 3 |", self.section(md, "Reviews"))
        self.assertIn("| active | <3 |", self.section(md, "Matches by state"))

    def test_json_and_csv(self):
        got = json.loads(self.report("--format", "json"))
        self.assertEqual(got["format"], "itav-report/1")
        self.assertEqual(got["k"], 5)
        self.assertEqual([t["name"] for t in got["tables"]],
                         ["indicators", "reach", "matches_by_state", "matches_started",
                          "reviews", "effects", "formal_help", "portfolio", "waiting_list",
                          "costs"])
        states = next(t for t in got["tables"] if t["name"] == "matches_by_state")
        self.assertIn(["trial", "<5"], states["rows"])
        # What the shown cells add up to is the total of the shown cells: nothing suppressed
        # can be recovered from it.
        shown = [r[1] for r in states["rows"][:-1] if not isinstance(r[1], str)]
        self.assertEqual(states["rows"][-1][1], sum(shown))
        csv_text = self.report("--format", "csv")
        lines = csv_text.splitlines()
        self.assertEqual(lines[0], "table,row,column,value,suppressed")
        suppressed = [line for line in lines[1:] if line.endswith(",1")]
        self.assertTrue(suppressed)
        for line in suppressed:  # a count "<5", a mean or percent in words
            self.assertTrue(",<5," in line or ",hidden to protect small numbers," in line, line)

    def test_publication_and_audit(self):
        # Every report carries its audit; by default it is not made for publication.
        got = json.loads(self.report("--format", "json"))
        self.assertEqual((got["publish"], got["low_k"], got["protection"], got["audit"]),
                         (False, False, 4, "passed"))
        self.assertIn("\nAudit passed: given everything this report shows, each hidden count "
                      "could still be any of at least 5 values.\n", self.report())
        got = json.loads(self.report("--format", "json", "--publish", "--protection", "9"))
        self.assertEqual((got["publish"], got["low_k"], got["protection"], got["audit"]),
                         (True, False, 9, "passed"))
        self.assertIn("at least 10 values", self.report("--protection", "9"))
        # k below 3 for publication is refused, and the hint names the option that allows it.
        r = self.s("report", "programme", OFFER, "--publish", "--k", "2", code=2)
        self.assertEqual(r.stdout, "")
        self.assertIn("below 3, the least k of a report made for publication", r.stderr)
        self.assertIn("add --low-k to publish with k = 2 on purpose", r.stderr)
        got = json.loads(self.report("--format", "json", "--publish", "--k", "2", "--low-k"))
        self.assertEqual((got["k"], got["publish"], got["low_k"]), (2, True, True))
        self.assertIn("k = 2 is below 3, the least k of a report made for publication; it was "
                      "chosen on purpose.", self.report("--publish", "--k", "2", "--low-k"))
        # Not for publication, any k from 1 is taken without --low-k.
        self.assertEqual(json.loads(self.report("--format", "json", "--k", "2"))["low_k"],
                         False)
        r = self.s("report", "programme", OFFER, "--protection", "-1", code=2)
        self.assertIn("--protection", r.stderr)

    def test_releases_ledger(self):
        store = self.fresh_store("releases")
        self.assertEqual(self.itav("--store", store, "report", "releases").stdout,
                         "No releases.\n")
        # Made without --publish: nothing is recorded.
        r = self.itav("--store", store, "report", "programme", OFFER)
        self.assertNotIn("release", r.stderr)
        r = self.itav("--store", store, "report", "programme", OFFER, "--publish", "--from",
                      "2021-01-01", "--to", "2021-12-31", "--format", "json")
        self.assertEqual(r.stderr, "Recorded as release rel-00000001.\n")
        published = json.loads(r.stdout)
        got = json.loads(self.itav("--store", store, "report", "releases", "--json").stdout)
        self.assertEqual(len(got), 1)
        rel = got[0]
        self.assertEqual((rel["id"], rel["offer"], rel["members"], rel["from"], rel["to"],
                          rel["k"], rel["protection"]),
                         ("rel-00000001", OFFER, [], "2021-01-01", "2021-12-31", 5, 4))
        self.assertTrue(rel["cells"])
        for cell in rel["cells"]:
            self.assertEqual(cell["value"] is None, cell["hidden"], cell)
        self.assertEqual({c["table"] for c in rel["cells"]} - {t["name"] for t in
                                                               published["tables"]}, set())
        out = self.itav("--store", store, "report", "releases", "--offer", OFFER).stdout
        self.assertRegex(out, r"^rel-00000001  %s  2021-01-01\.\.2021-12-31  k 5  protection 4"
                              r"  \d+ shown, \d+ hidden\n$" % OFFER)
        self.assertEqual(self.itav("--store", store, "report", "releases", "--offer",
                                   "no-such-offer").stdout, "No releases.\n")
        self.assertEqual(self.itav("--store", store, "report", "release-remove",
                                   "rel-00000001").stdout, "Removed release rel-00000001.\n")
        self.assertEqual(self.itav("--store", store, "report", "releases", "--json").stdout
                         .strip(), "[]")
        self.assertIn('rel-00000001', self.data_error("report", "release-remove",
                                                      "rel-00000001", store=store))

    def test_refused_when_a_released_period_changed(self):
        # A report made for publication whose audit fails is refused (ITAV_ESTATE): exit 2,
        # nothing on stdout, nothing recorded. Here a review added late to a period already
        # released: the difference with the release would show that review alone.
        # (ITAV_ESTATE with a message naming the hidden count's place, never its value.)
        store = self.fresh_store("refusal")
        steps = [["match", "assign", OFFER, "--date", "2021-03-01"],
                 ["match", "advance", "m-00000001", "introduced", "--date", "2021-03-15"],
                 ["match", "advance", "m-00000001", "trial", "--date", "2021-04-01"],
                 ["review", "add", "m-00000001", "--kind", "trial", "--date", "2021-06-05",
                  "--respondent", "asking", "--satisfaction", "8"],
                 ["match", "advance", "m-00000001", "active", "--date", "2021-06-05"]]
        for args in steps:
            self.itav("--store", store, *args)
        period = ["--from", "2021-01-01", "--to", "2021-12-31"]
        r = self.itav("--store", store, "report", "programme", OFFER, "--publish", *period)
        self.assertEqual(r.stderr, "Recorded as release rel-00000001.\n")
        # The release shows 0 final reviews; a final review dated in its period now makes the
        # new report hide 1, which the release pins to 0.
        self.itav("--store", store, "review", "add", "m-00000001", "--kind", "final",
                  "--date", "2021-10-02", "--respondent", "asking", "--satisfaction", "6",
                  "--formal-help", "prevented")
        err = self.data_error("report", "programme", OFFER, "--publish", *period, store=store)
        self.assertIn("is not safe to publish: from the published cells an attacker can narrow "
                      "down the hidden count in table reviews, row \"final\", column \"reviews\"",
                      err)
        self.assertEqual(len(json.loads(self.itav("--store", store, "report", "releases",
                                                  "--json").stdout)), 1)
        # Not for publication the report is made: the ledger binds only reports to publish.
        got = json.loads(self.itav("--store", store, "report", "programme", OFFER, *period,
                                   "--format", "json").stdout)
        self.assertEqual(got["audit"], "passed")

    def test_output_file_and_period(self):
        path = os.path.join(self.tmp, "report.md")
        self.assertEqual(self.report("--output", path), "")
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), self.report())
        # written as an export is: private under umask 000, a link replaced, not followed
        victim = os.path.join(self.tmp, "victim.txt")
        with open(victim, "w") as f:
            f.write("keep me")
        linked = os.path.join(self.tmp, "linked.md")
        os.symlink(victim, linked)
        old = os.umask(0)
        try:
            self.assertEqual(self.report("--output", linked), "")
            fresh = os.path.join(self.tmp, "fresh.md")
            self.assertEqual(self.report("--output", fresh), "")
        finally:
            os.umask(old)
        with open(victim) as f:
            self.assertEqual(f.read(), "keep me")
        self.assertFalse(os.path.islink(linked))
        self.assertEqual(os.stat(fresh).st_mode & 0o777, 0o600)
        got = json.loads(self.report("--format", "json", "--from", "2021-01-01", "--to",
                                     "2021-12-31", "--as-of", "2021-12-31", "--k", "2"))
        self.assertEqual((got["from"], got["to"], got["as_of"], got["k"]),
                         ("2021-01-01", "2021-12-31", "2021-12-31", 2))

    def test_itav_hoeksche_waard(self):
        got = json.loads(self.report("--format", "json", "--as-of", "2020-12-31",
                                     offer="itav-hoeksche-waard-2020"))
        self.assertEqual(got["as_of"], "2020-12-31")
        self.assertTrue(got["members"])
        for member in got["members"]:
            self.assertTrue(member.endswith("-hoeksche-waard"), member)
        indicators = next(t for t in got["tables"] if t["name"] == "indicators")
        source = indicators["columns"].index("source")
        # The three end-2022 targets of seed 000, lines 105-107.
        sources = {row[source] for row in indicators["rows"]}
        self.assertTrue({"000:L105", "000:L106", "000:L107"} <= sources, sources)
        reach = next(t for t in got["tables"] if t["name"] == "reach")
        self.assertTrue(reach["rows"])
        for row in reach["rows"]:  # published figures, never summed or suppressed
            self.assertNotIn("total", " ".join(str(c) for c in row).lower())
            self.assertRegex(row[reach["columns"].index("source")], r"^000:L\d+$")
        md = self.report("--as-of", "2020-12-31", offer="itav-hoeksche-waard-2020")
        self.assertTrue(md.startswith("# Programme report: itav-hoeksche-waard-2020\n"))
        self.assertIn("itav-hw-findability", md)

    def test_dutch(self):
        md = self.report("--lang", "nl")
        self.assertTrue(md.startswith("# Programmarapportage: Buurtgezinnen Zuid-Kennemerland\n"
                                      "\nAanbod: %s." % OFFER), md[:200])
        states = self.section(md, "Matches per status")
        self.assertIn("| status | matches |", states)
        self.assertIn("| proefperiode | <5 |", states)
        self.assertIn("| afgewezen | <5 |", states)
        self.assertIn("| totaal van de getoonde cellen | ", states)
        self.assertIn("| proefperiode | <5 |", self.section(md, "Evaluaties"))
        self.assertIn("\nAantallen van 1 tot en met 4 deelnemers", md)
        self.assertNotIn("Matches by state", md)
        # the global option, before the command, and --lang en as before
        self.assertEqual(self.s("--lang", "nl", "report", "programme", OFFER).stdout, md)
        self.assertEqual(self.report("--lang", "en"), self.report())
        # the locale when --lang is not given
        env = clean_env(self.tmp, LANG="nl_NL.UTF-8")
        self.assertEqual(self.s("report", "programme", OFFER, env=env).stdout, md)
        # CSV: headings and fixed cells in Dutch, codes as they are; ';' between fields
        rows = list(csv.reader(io.StringIO(self.report("--lang", "nl", "--format", "csv")),
                               delimiter=";"))
        self.assertEqual(rows[0], ["table", "row", "column", "value", "suppressed"])
        self.assertIn(["matches_by_state", "3", "status", "proefperiode", "0"], rows)
        # JSON is the same in both languages
        self.assertEqual(self.report("--lang", "nl", "--format", "json"),
                         self.report("--format", "json"))
        err = self.s("report", "programme", OFFER, "--lang", "de", code=1).stderr
        self.assertIn("unknown language 'de' (expected nl or en)", err)

    def test_errors(self):
        err = self.data_error("report", "programme", OFFER, "--k", "0")
        self.assertIn('invalid value "0" for --k (expected a whole number from 1', err)
        err = self.data_error("report", "programme", OFFER, "--format", "pdf")
        self.assertIn('unknown format "pdf" (expected json, csv or md)', err)
        self.assertIn('"nergens"', self.data_error("report", "programme", "nergens"))
        err = self.data_error("report", "programme", OFFER, "--from", "2021-12-31", "--to",
                              "2021-01-01")
        self.assertTrue(len(err) > 10, err)
        path = os.path.join(self.tmp, "no-such-dir", "report.md")
        self.assertIn(path, self.data_error("report", "programme", OFFER, "--output", path))
        self.assertIn("option --json does not apply to 'report programme'",
                      self.s("report", "programme", OFFER, "--json", code=1).stderr)


class EvaluationUsageTest(CliCase):
    init_store = False

    def usage_error(self, *args):
        r = self.itav("--store", "memory:", *args, code=1)
        self.assertEqual(r.stdout, "")
        return one_line_and_hint(self, r.stderr)

    def test_subcommands_and_arguments(self):
        for args, message in (
                (["review"], "missing review subcommand (add or list)"),
                (["indicator"], "missing indicator subcommand (list, show or measure)"),
                (["report", "annual"], "unknown report subcommand 'annual' (expected "
                                       "programme, releases or release-remove)"),
                (["review", "add"], "missing argument MATCH for 'review add'"),
                (["indicator", "show"], "missing argument ID for 'indicator show'"),
                (["indicator", "measure"], "missing argument ID for 'indicator measure'"),
                (["report", "programme"], "missing argument OFFER for 'report programme'"),
                (["portfolio", "x"], "unexpected argument 'x'"),
                (["profile", "a", "b"], "unexpected argument 'b'")):
            self.assertIn(message, self.usage_error(*args))

    def test_options(self):
        for args, message in (
                (["review", "list", "--k", "3"], "option --k does not apply to 'review list'"),
                (["indicator", "show", "x", "--value", "3"],
                 "option --value does not apply to 'indicator show'"),
                (["portfolio", "--svg", "x.svg"], "option --svg does not apply to 'portfolio'"),
                (["recommend", "--audience", "parent", "--offer", "x"],
                 "option --offer does not apply to 'recommend'"),
                (["indicator", "measure", "x", "--derive=yes"],
                 "option --derive takes no argument"),
                (["review", "add", "m", "--effect"], "option --effect needs an argument"),
                (["match", "list", "--region", "x"],
                 "option --region does not apply to 'match list'")):
            self.assertIn(message, self.usage_error(*args))

    def test_help_lists_the_commands(self):
        out = self.itav("--help").stdout
        for cmd in ("review add MATCH", "review list", "indicator list", "indicator show ID",
                    "indicator measure ID", "--derive", "report programme OFFER", "profile ID",
                    "portfolio", "recommend --audience"):
            self.assertIn(cmd, out)


# ---- the manual page and bash completion, written from the command table ----------------

class ManCompletionTest(CliCase):
    init_store = False

    def setUp(self):
        super().setUp()
        self.man = os.environ.get("ITAV_MAN")
        self.completion = os.environ.get("ITAV_COMPLETION")
        docgen = os.environ.get("ITAV_DOCGEN_BIN")
        if not (self.man and self.completion and docgen):
            self.skipTest("run by meson (ITAV_MAN, ITAV_COMPLETION, ITAV_DOCGEN_BIN)")
        r = subprocess.run([docgen, "commands"], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.commands = r.stdout.splitlines()
        with open(self.man, encoding="utf-8") as f:
            self.man_text = f.read()

    def test_the_table_is_the_tools(self):
        self.assertGreaterEqual(len(self.commands), 27)
        self.assertIn("match suggest", self.commands)
        self.assertIn("recommend", self.commands)
        helptext = self.itav("--help").stdout
        for words in self.commands:
            self.assertRegex(helptext, r"\n  %s( |\n)" % re.escape(words))

    def test_man_page_lists_every_command_and_option(self):
        self.assertTrue(self.man_text.startswith('.\\" itav(1)'), self.man_text[:80])
        self.assertIn('.TH ITAV 1 ""', self.man_text)
        for words in self.commands:
            self.assertIn("\n\\fBitav %s\\fR" % words, self.man_text)
            # every option the command's help names is in the page too
            for name in re.findall(r"\n  --([a-z-]+)", self.itav(*words.split(), "--help").stdout):
                self.assertIn("\\fB\\-\\-%s\\fR" % name.replace("-", "\\-"), self.man_text,
                              (words, name))

    def test_man_renders_without_warnings(self):
        man = shutil.which("man")
        if not man:
            self.skipTest("man is not installed")
        env = dict(os.environ, MANWIDTH="80", LANG="C.UTF-8", MAN_KEEP_FORMATTING="")
        r = subprocess.run([man, "--warnings", "-l", self.man], capture_output=True, text=True,
                           env=env, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        text = re.sub(r" +", " ", re.sub(r".\x08", "", r.stdout))
        for words in self.commands:
            self.assertIn("itav " + words, text)
        for heading in ("NAME", "SYNOPSIS", "COMMANDS", "OPTIONS", "ENVIRONMENT",
                        "EXIT STATUS"):
            self.assertRegex(text, r"\n%s\n" % heading)

    def complete(self, *words):
        """What the completion offers for the last of words (after 'itav')."""
        line = " ".join(shlex.quote(w) for w in ("itav",) + words)
        script = ("source %s\nCOMP_WORDS=(%s)\nCOMP_CWORD=%d\n_itav\n"
                  "printf '%%s\\n' \"${COMPREPLY[@]}\"\n"
                  % (shlex.quote(self.completion), line, len(words)))
        r = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True,
                           text=True, timeout=60, cwd=self.tmp)
        self.assertEqual(r.returncode, 0, r.stderr)
        return [w for w in r.stdout.splitlines() if w]

    def test_completion_is_bash(self):
        r = subprocess.run(["bash", "-n", self.completion], capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(self.completion, encoding="utf-8") as f:
            self.assertIn("complete -F _itav itav", f.read())

    def test_completion_completes_commands(self):
        self.assertEqual(self.complete("mat"), ["match"])
        self.assertEqual(sorted(self.complete("p")),
                         ["participants", "portfolio", "profile"])
        self.assertEqual(self.complete("match", "su"), ["suggest"])
        self.assertEqual(self.complete("--store", "memory:", "cat"), ["catalog"])
        self.assertEqual(self.complete("--lang", "nl", "catalog", "p"), ["profile"])
        firsts = set(self.complete(""))
        self.assertEqual(firsts, {w.split()[0] for w in self.commands})

    def test_completion_completes_options_and_values(self):
        got = self.complete("match", "suggest", "zk-vraag-01", "--")
        for option in ("--k", "--as-of", "--json", "--store", "--lang"):
            self.assertIn(option, got)
        self.assertNotIn("--dry-run", got)
        self.assertEqual(self.complete("participants", "list", "--side", ""),
                         ["asking", "supporting"])
        self.assertEqual(self.complete("recommend", "--audience", "p"), ["parent"])
        self.assertEqual(self.complete("catalog", "list", "--element", "equ"), ["equality"])
        self.assertEqual(self.complete("match", "list", "--offer", ""), [])
        with open(os.path.join(self.tmp, "zk-families.csv"), "w") as f:
            f.write("ref\n")
        self.assertEqual(self.complete("participants", "import", "zk-f"), ["zk-families.csv"])


class ParticipantUpdateTest(MatchingCase):
    """participants update: one participant changed by hand, as a one-row update import."""

    def show(self, store, ref):
        return json.loads(self.itav("--store", store, "participants", "show", ref,
                                    "--json").stdout)

    def test_changes_the_fields_given_and_keeps_the_others(self):
        store = self.fresh_store("update-one")
        before = self.show(store, "zk-steun-01")
        r = self.itav("--store", store, "participants", "update", "zk-steun-01",
                      "--municipality", "Bloemendaal", "--vog-date", "01-05-2025",
                      "--set", "capaciteit=2")
        self.assertEqual(r.stdout, "Updated zk-steun-01.\n")
        after = self.show(store, "zk-steun-01")
        self.assertEqual((after["municipality"], after["vog_date"], after["capacity"]),
                         ("Bloemendaal", "2025-05-01", 2))
        for key in ("kind", "offer", "status", "postcode", "languages", "registered"):
            self.assertEqual(after.get(key), before.get(key), key)
        # The same values again change nothing, and say so.
        r = self.itav("--store", store, "participants", "update", "zk-steun-01",
                      "--municipality", "Bloemendaal")
        self.assertEqual(r.stdout, "zk-steun-01: nothing changed.\n")
        # A full postcode is cut to its digits, with a warning, as in a sheet; in Dutch too.
        r = self.itav("--store", store, "--lang", "nl", "participants", "update", "zk-steun-01",
                      "--postcode", "2061 AB")
        self.assertEqual(r.stdout, "zk-steun-01 bijgewerkt.\n")
        self.assertIn("waarschuwing", r.stderr)
        self.assertEqual(self.show(store, "zk-steun-01")["postcode"], "2061")

    def test_bad_values_change_nothing_and_are_named(self):
        store = self.fresh_store("update-bad")
        before = self.show(store, "zk-steun-01")
        err = self.data_error("participants", "update", "zk-steun-01", "--municipality",
                              "Haarlem", "--vog-date", "31-02-2025", "--set", "hobby=x",
                              store=store)
        self.assertIn("participant zk-steun-01 was not changed", err)
        self.assertIn('vog_date: date "31-02-2025" does not exist', err)
        self.assertIn('unknown column "hobby"', err)
        self.assertEqual(self.show(store, "zk-steun-01"), before)
        err = self.data_error("participants", "update", "zk-steun-01", "--set", "offer=nope",
                              store=store)
        self.assertIn('offer: no offer "nope"', err)
        self.assertIn('no participant "zk-nope"',
                      self.data_error("participants", "update", "zk-nope", "--capacity", "1",
                                      store=store))
        self.assertEqual(self.show(store, "zk-steun-01"), before)

    def test_usage(self):
        for args, what in ((["zk-steun-01"], "nothing to change"),
                           (["zk-steun-01", "--set", "=x"], "--set takes COLUMN=VALUE"),
                           (["zk-steun-01", "--municipality", "A", "--municipality", "B"],
                            "give --municipality once")):
            r = self.itav("--store", self.store, "participants", "update", *args, code=1)
            self.assertIn(what, one_line_and_hint(self, r.stderr))
# ---- Dutch output (issue 14, "Reports and output for Dutch users") -------------------------

SOURCE_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
C_LITERAL = r'"(?:[^"\\]|\\.)*"'


def c_strings(text):
    """The text of a run of adjacent C string literals, joined (escapes as written)."""
    return "".join(m[1:-1] for m in re.findall(C_LITERAL, text))


def conversions(fmt):
    """The printf conversions of a template, in order."""
    return re.findall(r"%[-+ #0-9.]*(?:l|z|ll|h)?[a-zA-Z%]", fmt)


class DutchOutputTest(MatchingCase):
    """Under --lang nl every group's headings, tables and messages are Dutch; codes and JSON
    stay as they are."""

    def nl(self, *args, **kw):
        return self.s("--lang", "nl", *args, **kw)

    def nl_error(self, *args, store=None):
        r = self.itav("--store", store or self.store, "--lang", "nl", *args, code=2)
        self.assertEqual(r.stdout, "")
        self.assertTrue(r.stderr.startswith("itav: "), r.stderr)
        return r.stderr

    def assert_no_english(self, text, *words):
        for w in words:
            self.assertNotIn(w, text)

    def test_store_group(self):
        store = "sqlite:" + os.path.join(self.tmp, "nl-store.db")
        r = self.itav("--store", store, "--lang", "nl", "init")
        self.assertIn("aangemaakt met de ingebouwde catalogus.", r.stdout)
        path = os.path.join(self.tmp, "nl-export.json")
        self.nl("export", path)
        self.assertTrue(os.path.getsize(path) > 0)
        r = self.itav("--store", store, "--lang", "nl", "import", MORE_JSON)
        self.assertTrue(r.stdout.startswith("Ingelezen uit %s:" % MORE_JSON), r.stdout)
        self.assertNotIn("Imported", r.stdout)
        err = self.itav("--store", "sqlite:" + os.path.join(self.tmp, "nowhere.db"), "--lang",
                        "nl", "catalog", "list", code=2).stderr
        self.assertIn("geen opslag in ", err)
        self.assertIn("(maak die eerst met 'itav init')", err)
        self.assertNotIn("run 'itav init' first", err)

    def test_catalog_group(self):
        out = self.nl("catalog", "list").stdout
        self.assertTrue(out.startswith("ID"), out[:80])
        self.assertIn(" VORM ", out.split("\n")[0])
        self.assertIn(" NAAM", out.split("\n")[0])
        self.assertIn(" interventies.\n", out)
        self.assert_no_english(out, "SCOPE", "interventions.", "digit = present")
        out = self.nl("catalog", "show", "buurtgezinnen").stdout
        for heading in ("Soort:", "Samenvatting:", "Doelgroep:", "Rollen:", "Elementen"):
            self.assertIn(heading, out)
        self.assert_no_english(out, "Summary:", "Audience:", "Roles:")
        err = self.nl_error("catalog", "list", "--element", "kindness")
        self.assertIn('elementcode "kindness" is onbekend (verwacht doubts_normal,', err)
        self.assertIn(" of no_problematising)", err)
        err = self.nl_error("catalog", "list", "--setting", "outdoor")
        self.assertIn('setting "outdoor" is onbekend (verwacht informal, formal of mixed)', err)
        self.assertTrue(self.nl("catalog", "profile").stdout.startswith("Elemententabel"))
        # the same JSON in both languages: codes and field names never change
        self.assertEqual(self.nl("catalog", "show", "buurtgezinnen", "--json").stdout,
                         self.s("--lang", "en", "catalog", "show", "buurtgezinnen",
                                "--json").stdout)

    def test_offer_group(self):
        store = self.fresh_store("nl-offer")
        out = self.nl("offer", "list").stdout
        self.assertIn("INTERVENTIE", out.split("\n")[0])
        out = self.nl("offer", "show", OFFER).stdout
        self.assertIn("Geldend koppelplan:", out)
        self.assertIn("(van de interventie, 002:L77)", out)
        self.assert_no_english(out, "Match plan in force", "from the intervention")
        r = self.itav("--store", store, "--lang", "nl", "offer", "add", "nl-proef",
                      "--intervention", "buurtgezinnen")
        self.assertIn("Aanbod nl-proef van buurtgezinnen toegevoegd.", r.stdout)
        err = self.nl_error("offer", "update", "nl-proef", "--plan", "trial=misschien",
                            store=store)
        self.assertIn('ongeldige waarde "misschien" bij --plan trial (verwacht yes, no of unset)',
                      err)
        err = self.nl_error("offer", "update", "nl-proef", "--plan", "trial", store=store)
        self.assertIn('ongeldige waarde "trial" bij --plan (verwacht VELD=WAARDE)', err)

    def test_participants_group(self):
        store = "sqlite:" + os.path.join(self.tmp, "nl-participants.db")
        self.itav("--store", store, "init")
        r = self.itav("--store", store, "--lang", "nl", "participants", "import", FAMILIES_CSV,
                      "--offer", OFFER)
        self.assertIn("9 deelnemers ingelezen uit ", r.stdout)
        self.assertIn("(nieuw 9, bijgewerkt 0, ongewijzigd 0)", r.stdout)
        r = self.itav("--store", store, "--lang", "nl", "participants", "import", BAD_CSV,
                      "--offer", OFFER, code=2)
        self.assertIn("itav: niets ingelezen uit ", r.stderr)
        self.assertIn("(2 fouten):", r.stderr)
        out = self.nl("participants", "list").stdout
        self.assertIn(" SOORT ", out)
        self.assertIn(" GEMEENTE ", out)
        self.assertIn("\n9 deelnemers.\n", out)
        out = self.nl("participants", "show", "zk-vraag-01").stdout
        self.assertIn("(vragende kant)", out)
        self.assertIn("Gemeente:", out)
        self.assert_no_english(out, "asking side", "Municipality:")
        err = self.nl_error("participants", "status", "zk-vraag-01", "wachtend")
        self.assertIn('status "wachtend" is onbekend (verwacht: registered, ', err)
        self.assertIn(", inactive of erased)", err)
        err = self.nl_error("participants", "list", "--side", "links")
        self.assertIn('kant "links" is onbekend (verwacht: asking of supporting)', err)
        r = self.itav("--store", store, "--lang", "nl", "participants", "erase", "zk-vraag-04",
                      "--yes", "--date", "2021-07-01")
        self.assertIn("zk-vraag-04 gewist op 2021-07-01", r.stdout)

    def test_match_group(self):
        store = self.fresh_store("nl-match")
        out = self.nl("match", "suggest", "zk-vraag-01", "--as-of", "2021-03-01").stdout
        self.assertTrue(out.startswith("Beste steunende deelnemers voor zk-vraag-01"), out)
        self.assertIn("Criteria (gewicht):", out)
        r = self.itav("--store", store, "--lang", "nl", "match", "propose", "zk-vraag-01",
                      "zk-steun-01", "--date", "2021-03-01")
        self.assertTrue(r.stdout.startswith("Voorgesteld m-"), r.stdout)
        mid = r.stdout.split()[1].rstrip(":")
        for state, date in (("introduced", "2021-03-10"), ("trial", "2021-03-20")):
            self.itav("--store", store, "--lang", "nl", "match", "advance", mid, state,
                      "--date", date)
        # the library's refusal is its own English; the tool's hint after it is Dutch
        r = self.itav("--store", store, "--lang", "nl", "match", "advance", mid, "active",
                      "--date", "2021-05-25", code=2)
        self.assertIn("itav: leg eerst de evaluatie vast (itav review add %s --kind trial ...), "
                      "of ga verder zonder: " % mid, r.stderr)
        self.assertNotIn("record the evaluation first", r.stderr)
        out = self.itav("--store", store, "--lang", "nl", "match", "list").stdout
        self.assertIn(" STAND ", out)
        self.assertIn("1 koppeling.", out)
        out = self.itav("--store", store, "--lang", "nl", "match", "due", "--as-of",
                        "2021-12-01").stdout
        self.assertTrue(out.startswith("Te doen op 2021-12-01:"), out)
        self.assertIn("dagen te laat", out)
        err = self.nl_error("match", "list", "--state", "verliefd")
        self.assertIn('stand van de koppeling "verliefd" is onbekend (verwacht: proposed, ', err)
        err = self.nl_error("match", "suggest", "zk-vraag-01", "--as-of", "1-3-2021")
        self.assertIn('ongeldige datum "1-3-2021" bij --as-of (verwacht JJJJ-MM-DD', err)
        err = self.nl_error("match", "suggest", "zk-vraag-01", "--k", "veel")
        self.assertIn('ongeldige waarde "veel" bij --k (verwacht een geheel getal van 1 tot en '
                      'met ', err)

    def test_numbers_have_a_decimal_comma(self):
        # a Dutch reader takes a point for a thousands separator: scores, distances, criteria
        # and the minimum score have a decimal comma in Dutch, a point in English
        args = ("match", "assign", OFFER, "--dry-run", "--date", "2021-03-01")
        nl, en = self.nl(*args).stdout, self.s("--lang", "en", *args).stdout
        self.assertIn("minimale score 0,40 ", nl)
        self.assertIn("minimum score 0.40 ", en)
        row = re.compile(r"  zk-vraag-01  zk-steun-\d+  (\d[.,]\d{3}) +(\d+[.,]\d) ")
        self.assertRegex(row.search(nl).group(1), r"^\d,\d{3}$")
        self.assertRegex(row.search(nl).group(2), r"^\d+,\d$")
        self.assertRegex(row.search(en).group(1), r"^\d\.\d{3}$")
        self.assertNotRegex(nl.split("Criteria")[0], r"\d\.\d")
        store = self.fresh_store("nl-numbers")
        out = self.itav("--store", store, "--lang", "nl", "indicator", "measure",
                        "buurtgezinnen-zk-matches-haarlem-2021", "--date", "2021-12-31",
                        "--value", "about 7.5").stdout
        self.assertIn("ongeveer 7,5", out)
        self.assertNotIn("7.5", out)

    def test_one_is_singular(self):
        store = "sqlite:" + os.path.join(self.tmp, "nl-one.db")
        self.itav("--store", store, "init")
        for lang, ref, said in (("nl", "zk-een", "1 deelnemer ingelezen uit %s (nieuw 1, "),
                                ("en", "zk-twee", "Imported 1 participant from %s (added 1, ")):
            path = os.path.join(self.tmp, ref + ".csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write("ref,kind\n%s,family\n" % ref)
            out = self.itav("--store", store, "--lang", lang, "participants", "import", path,
                            "--offer", OFFER).stdout
            self.assertIn(said % path, out)
        counts = {}
        for municipality in ("Haarlem", "Leiden"):
            out = self.itav("--store", store, "--lang", "nl", "offer", "list",
                            "--municipality", municipality).stdout
            counts[municipality] = out.strip().split("\n")[-1]
        self.assertEqual(counts["Haarlem"], "1 aanbod.")
        self.assertRegex(counts["Leiden"], r"^([2-9]|\d\d+) aanbiedingen\.$")

    def test_review_group(self):
        store = self.fresh_store("nl-review")
        r = self.itav("--store", store, "match", "propose", "zk-vraag-01", "zk-steun-01",
                      "--date", "2021-03-01")
        mid = r.stdout.split()[1].rstrip(":")
        for state, date in (("introduced", "2021-03-10"), ("trial", "2021-03-15")):
            self.itav("--store", store, "match", "advance", mid, state, "--date", date)
        r = self.itav("--store", store, "--lang", "nl", "review", "add", mid, "--kind", "trial",
                      "--respondent", "asking", "--date", "2021-03-20", "--satisfaction", "8")
        self.assertIn("toegevoegd aan %s: trial-evaluatie door asking op 2021-03-20, "
                      "tevredenheid 8." % mid, r.stdout)
        out = self.itav("--store", store, "--lang", "nl", "review", "list").stdout
        self.assertIn(" KOPPELING ", out)
        self.assertIn("1 evaluatie.", out)
        for value, expected in (
                ("rest", 'ongeldige waarde "rest" bij --effect (verwacht CODE=SCORE, zoals '
                         'rest=+1)'),
                ("rest=9", 'ongeldige score "9" voor effect rest bij --effect (verwacht -2, '
                           '-1, 0, +1, +2 of unknown)')):
            err = self.nl_error("review", "add", mid, "--kind", "final", "--respondent",
                                "asking", "--date", "2021-06-01", "--effect", value, store=store)
            self.assertIn(expected, err)
        err = self.nl_error("review", "add", mid, "--kind", "final", "--respondent", "asking",
                            "--date", "2021-06-01", "--effect", "rest=1", "--effect", "rest=2",
                            store=store)
        self.assertIn("effect rest staat twee keer bij --effect", err)

    def test_indicator_group(self):
        out = self.nl("indicator", "list").stdout
        self.assertIn(" DOELEN ", out)
        self.assertIn("\n7 indicatoren.\n", out)
        out = self.nl("indicator", "show", "itav-hw-collaboration-rating", "--as-of",
                      "2021-12-31").stdout
        self.assertIn("Doelen, beoordeeld op 2021-12-31:", out)
        self.assertIn("2022-12-31 [000:L107]: onbekend\n", out)  # the verdict in words
        self.assertIn("Metingen:", out)
        # the explanation too, worded by the library in Dutch; JSON keeps the English
        self.assertIn("onbekend: er is geen meting op of vóór 2021-12-31 om te toetsen aan het",
                      out)
        self.assertNotIn("there is no measurement", out)
        shown = self.nl("indicator", "show", "itav-hw-collaboration-rating", "--as-of",
                        "2021-12-31", "--json").stdout
        self.assertIn("there is no measurement", shown)
        err = self.nl_error("indicator", "measure", "itav-hw-collaboration-rating", "--date",
                            "2021-12-31", "--value", "zeven")
        self.assertIn('ongeldige hoeveelheid "zeven" bij --value (verwacht 12, about 12', err)
        err = self.nl_error("indicator", "measure", "itav-hw-collaboration-rating", "--derive",
                            "--from", "2021-01-01", "--to", "2021-12-31")
        self.assertIn('indicator "itav-hw-collaboration-rating" wordt met de hand gemeten, '
                      'niet uit de gegevens afgeleid; geef --value in plaats van --derive', err)

    def test_report_group(self):
        out = self.nl("report", "programme", OFFER, "--as-of", "2021-12-31").stdout
        self.assertTrue(out.startswith("# Programmarapportage: Buurtgezinnen Zuid-Kennemerland"),
                        out[:80])
        self.assertIn("| matches | minstens 12 | 2021-12-31 | 0 | tot en met 2021-12-31 | niet "
                      "behaald | niet behaald: de meting van 2021-12-31, 0, voldoet niet aan het "
                      "doel van minstens 12 matches uiterlijk 2021-12-31, met geen enkele waarde "
                      "die ze toelaat. | 002:L133 |", out)
        self.assertIn("| precies 5 |", out)
        self.assert_no_english(out, "at least", "the target", "up to ", "Programme report")
        csv_nl = self.nl("report", "programme", OFFER, "--format", "csv", "--k", "1").stdout
        self.assertTrue(csv_nl.startswith("table;row;column;value;suppressed\n"), csv_nl[:60])
        rows = list(csv.reader(io.StringIO(csv_nl), delimiter=";"))
        self.assertTrue(all(len(row) == 5 for row in rows), rows[:3])
        csv_en = self.s("--lang", "en", "report", "programme", OFFER, "--format", "csv", "--k",
                        "1").stdout
        self.assertTrue(csv_en.startswith("table,row,column,value,suppressed\n"))
        self.assertEqual(len(rows), len(list(csv.reader(io.StringIO(csv_en)))))
        self.assertEqual(self.nl("report", "programme", OFFER, "--format", "json").stdout,
                         self.s("report", "programme", OFFER, "--format", "json").stdout)
        err = self.nl_error("report", "programme", OFFER, "--format", "xls")
        self.assertIn('formaat "xls" is onbekend (verwacht: json, csv of md)', err)
        r = self.s("--lang", "nl", "report", "programme", OFFER, "--publish", "--k", "2", code=2)
        self.assertIn("itav: geef --low-k om bewust met k = 2 te publiceren", r.stderr)
        self.assertEqual(self.nl("report", "releases").stdout, "Geen publicaties.\n")

    def test_portfolio_group(self):
        out = self.nl("profile", "buurtgezinnen").stdout
        self.assertTrue(out.startswith("Elementprofiel van buurtgezinnen"), out[:60])
        out = self.nl("portfolio", "--municipality", "Leiden").stdout
        self.assertIn("Dekking per element", out)
        self.assertIn("Setting naar bereik:", out)
        self.assert_no_english(out, "Coverage", "not stated")
        err = self.nl_error("profile", "buurtgezinnen", "--svg",
                            os.path.join(self.tmp, "no-such-dir", "radar.svg"))
        self.assertIn("kan ", err)

    def test_recommend_group(self):
        out = self.nl("recommend", "--audience", "parent", "--municipality", "Leiden").stdout
        self.assertTrue(out.startswith("Lichtste eerst, voor: parent, in Leiden"), out[:60])
        self.assertIn("Zo licht als mogelijk, zo zwaar als nodig.", out)
        err = self.nl_error("recommend", "--audience", "grandparent")
        self.assertIn('doelgroep "grandparent" is onbekend (verwacht: ', err)

    def test_every_message_has_a_dutch_wording(self):
        """Every message the tool gives data_error() has its Dutch in messages.c, with the same
        conversions in the same order, and no entry is there twice."""
        with open(os.path.join(SOURCE_DIR, "examples", "itav", "messages.c"),
                  encoding="utf-8") as f:
            table = f.read()
        entries = re.findall(r"\{\s*((?:%s\s*)+),\s*((?:%s\s*)+)\}" % (C_LITERAL, C_LITERAL),
                             table)
        dutch = {}
        for en, nl in entries:
            en, nl = c_strings(en), c_strings(nl)
            self.assertNotIn(en, dutch, "twice in messages.c: %s" % en)
            self.assertEqual(conversions(en), conversions(nl), en)
            self.assertNotEqual(nl, "", en)
            dutch[en] = nl
        self.assertGreater(len(dutch), 40)
        call = re.compile(r"\bdata_error\(\s*((?:%s\s*)+)[,)]" % C_LITERAL)
        found = 0
        for name in sorted(os.listdir(os.path.join(SOURCE_DIR, "examples", "itav"))):
            if not name.endswith(".c"):
                continue
            with open(os.path.join(SOURCE_DIR, "examples", "itav", name), encoding="utf-8") as f:
                source = f.read()
            for m in call.finditer(source):
                message = c_strings(m.group(1))
                if message == "%s":  # the library's own words, or a text already worded
                    continue
                found += 1
                self.assertTrue(message in dutch, "%s: \"%s\" has no Dutch wording in "
                                "examples/itav/messages.c" % (name, message))
        self.assertGreater(found, 30)
class ProposalDueTest(MatchingCase):
    """A proposal nobody acted on falls due after the plan's proposal_days (issue 14)."""

    def test_proposal_falls_due(self):
        store = self.fresh_store("proposals")
        run = lambda *a, **kw: self.itav("--store", store, *a, **kw)
        run("offer", "update", OFFER, "--plan", "proposal_days=14")
        out = run("offer", "show", OFFER).stdout
        self.assertIn("  proposal_days     14          (set by this offer)\n", out)
        self.assertIn("--plan proposal_days", self.data_error(
            "offer", "update", OFFER, "--plan", "proposal_days=-3", store=store))
        run("match", "propose", "zk-vraag-01", "zk-steun-01", "--date", "2021-03-01")
        run("match", "propose", "zk-vraag-02", "zk-steun-02", "--date", "2021-03-01")
        run("match", "advance", "m-00000002", "declined", "--date", "2021-03-03",
            "--reason", "no_click")
        self.assertEqual(run("match", "due", "--as-of", "2021-03-14").stdout,
                         "Due as of 2021-03-14:\n  nothing.\n")
        out = run("match", "due", "--as-of", "2021-03-20").stdout
        self.assertEqual(out, "Due as of 2021-03-20:\n  2021-03-15  5 days overdue    "
                              "m-00000001  proposal          zk-vraag-01 with zk-steun-01 "
                              "(proposed 2021-03-01, waiting 19 days)\n")
        out = run("--lang", "nl", "match", "due", "--as-of", "2021-03-20").stdout
        self.assertIn("(voorgesteld 2021-03-01, wacht 19 dagen)", out)
        got = json.loads(run("match", "due", "--as-of", "2021-03-15", "--json").stdout)
        self.assertEqual(got, [{"match": "m-00000001", "kind": "proposal",
                                "date": "2021-03-15", "overdue_days": 0, "offer": OFFER,
                                "asking": "zk-vraag-01", "supporting": "zk-steun-01",
                                "state": "proposed", "proposed": "2021-03-01",
                                "waited_days": 14}])
        # the plan field goes out and comes back with the offer, byte for byte
        text = run("export").stdout
        self.assertEqual(json.loads(text)["offers"][[o["id"] for o in json.loads(text)[
            "offers"]].index(OFFER)]["plan"], {"proposal_days": 14})
        other = "sqlite:" + os.path.join(self.tmp, "proposals-copy.db")
        path = os.path.join(self.tmp, "proposals.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        self.itav("--store", other, "import", path)
        self.assertEqual(self.itav("--store", other, "export").stdout, text)
        # once introduced, it was acted on
        run("match", "advance", "m-00000001", "introduced", "--date", "2021-03-20")
        self.assertEqual(run("match", "due", "--as-of", "2021-03-20").stdout,
                         "Due as of 2021-03-20:\n  nothing.\n")


class WaitingListTest(MatchingCase):
    """report programme shows the waiting list per municipality (issue 14)."""

    def test_waiting_list_in_the_report(self):
        store = self.fresh_store("waiting")
        run = lambda *a: self.itav("--store", store, *a).stdout
        period = ("--k", "1", "--from", "2021-01-01", "--to", "2021-12-31")
        # zk-families.csv: four families signed up in 2021, all six wait at its end, the
        # three supporters (signed up in 2020) are free
        out = run("report", "programme", OFFER, *period)
        self.assertIn("## Waiting list per municipality\n\n| municipality | asking registered | "
                      "supporters registered | asking waiting at the end | supporters available "
                      "at the end | first matches | median days to a first match |\n"
                      "| --- | --- | --- | --- | --- | --- | --- |\n"
                      "| Bloemendaal | 1 | 0 | 1 | 0 | 0 |  |\n"
                      "| Haarlem | 1 | 0 | 2 | 1 | 0 |  |\n"
                      "| Heemstede | 1 | 0 | 2 | 1 | 0 |  |\n"
                      "| Zandvoort | 1 | 0 | 1 | 1 | 0 |  |\n"
                      "| total of shown cells | 4 | 0 | 6 | 3 | 0 |  |\n", out)
        # zk-vraag-01 (signed up 2020-11-02) starts its trial on 2021-03-15: 133 days
        run("match", "propose", "zk-vraag-01", "zk-steun-01", "--date", "2021-03-01")
        run("match", "advance", "m-00000001", "introduced", "--date", "2021-03-05")
        run("match", "advance", "m-00000001", "trial", "--date", "2021-03-15")
        out = run("report", "programme", OFFER, *period)
        self.assertIn("| Haarlem | 1 | 0 | 1 | 1 | 1 | 133 |\n", out)  # capacity 2: room
        out = run("--lang", "nl", "report", "programme", OFFER, *period)
        self.assertIn("## Wachtlijst per gemeente\n", out)
        self.assertIn("| totaal van de getoonde cellen | 4 | 0 | 5 | 3 | 1 | 133 |\n", out)
        got = json.loads(run("report", "programme", OFFER, "--format", "json", *period))
        table = next(t for t in got["tables"] if t["name"] == "waiting_list")
        self.assertEqual(table["rows"][1], ["Haarlem", 1, 0, 1, 1, 1, 133])
        csv_text = run("report", "programme", OFFER, "--format", "csv", *period)
        self.assertIn("waiting_list,2,median days to a first match,133,0", csv_text)
        # with k = 5 every count is small: one row that names nobody, its median hidden
        out = run("report", "programme", OFFER, "--from", "2021-01-01", "--to", "2021-12-31")
        self.assertIn("| other municipalities | <5 | 0 | 5 | <5 | <5 | hidden to protect "
                      "small numbers |\n", out)


class AccessTest(CliCase):
    """Who an offer is for and how people reach it (itav/access.h) in catalog show, offer show
    and catalog list --referral; the working-factor coverage of a portfolio."""

    def test_offer_show_prints_who_it_is_for(self):
        out = self.s("offer", "show", "buurtgezinnen-zuid-kennemerland").stdout
        self.assertIn("Who this offer is for and how people reach it:", out)
        self.assertIn("Ages of the children: 0 to 287 months (002:L59)", out)
        self.assertIn("self-referral: Families may also sign up directly", out)
        self.assertIn("social media (worked well): Facebook", out)
        self.assertEqual(out.count("(002:L69)"), 7)
        tasks = out.split("Coordinator's tasks:")[1].split("\n\n")[0]
        self.assertEqual(tasks.count("\n    - "), 10)
        nl = self.s("--lang", "nl", "offer", "show", "buurtgezinnen-zuid-kennemerland").stdout
        self.assertIn("Taken van de coördinator:", nl)
        self.assertIn("zelf aanmelden:", nl)
        self.assertIn("(werkte goed)", nl)

    def test_offer_show_json_has_the_sheet(self):
        d = self.json_of("offer", "show", "buurtgezinnen-zuid-kennemerland")
        a = d["access"]
        self.assertEqual(a["age_months"], {"min": 0, "max": 287})
        self.assertEqual([e["code"] for e in a["referral"]],
                         ["school", "childcare", "wijkteam", "welfare", "gp", "child_health",
                          "self"])
        self.assertEqual([e["code"] for e in a["recruitment"] if e.get("effective")],
                         ["social_media"])

    def test_catalog_show_prints_needs_and_offer_sheets(self):
        out = self.s("catalog", "show", "at-ease").stdout
        self.assertIn("Who it is for and how people reach it:", out)
        self.assertIn("What is needed:", out)
        self.assertIn("a place: A low-threshold, inviting location", out)
        bg = self.s("catalog", "show", "buurtgezinnen").stdout
        offers = bg.split("\nOffers:\n")[1]
        self.assertIn("liaising with formal care:", offers)          # Leiden's tasks
        self.assertIn("How people come in (referral):", offers)     # Zuid-Kennemerland
        self.assertIn("access", self.json_of("catalog", "show", "at-ease"))

    def test_list_by_referral_route(self):
        ids = [iv["id"] for iv in self.json_of("catalog", "list", "--referral", "gp")]
        self.assertEqual(ids, ["buurtgezinnen", "ervaringscafe", "het-begint-bij-mij"])
        ids = [iv["id"] for iv in self.json_of("catalog", "list", "--referral", "self")]
        self.assertEqual(ids, ["buurtgezinnen", "eigen-toekomst-plan"])
        ids = [iv["id"] for iv in self.json_of("catalog", "list", "--referral", "youth_care",
                                                "--setting", "informal")]
        self.assertEqual(ids, ["jong-perspectief"])
        r = self.s("catalog", "list", "--referral", "church", code=2)
        self.assertIn('unknown referral route "church" for --referral', r.stderr)
        self.assertIn("self, school", r.stderr)
        self.assertEqual(r.stdout, "")

    def test_portfolio_factor_coverage(self):
        out = self.s("portfolio", "--municipality", "Kerkrade").stdout
        self.assertIn("Coverage per working factor", out)
        self.assertRegex(out, r"\n\s+1  right_people\s+1 100%\n")
        self.assertRegex(out, r"\n\s+5  youth_world\s+0   0%\n")
        d = self.json_of("portfolio", "--municipality", "Kerkrade")
        self.assertEqual(d["factor_coverage"]["right_people"], {"count": 1, "share": 1})
        self.assertEqual(len(d["factor_coverage"]), 14)
        both = self.json_of("portfolio", "--municipality", "Nowhere",
                            "--compare-municipality", "Kerkrade")
        self.assertEqual(both["a"]["factor_coverage"]["right_people"],
                         {"count": 0, "share": None})
        self.assertEqual(both["b"]["factor_coverage"]["political_support"]["count"], 1)
        everything = self.json_of("portfolio")
        counts = {k: v["count"] for k, v in everything["factor_coverage"].items()}
        self.assertEqual(sum(counts.values()), 87)   # the links seed 004 makes
        self.assertEqual(counts["right_people"], 15)
class EvidenceTest(CliCase):
    """Outcomes of interventions and milestones of offers (issue 16) in catalog show and
    offer show, as text and as the library's JSON; a bad one in an import changes nothing."""

    def test_catalog_show_outcomes(self):
        data = self.json_of("catalog", "show", "buurtgezinnen")
        out = self.s("--lang", "en", "catalog", "show", "buurtgezinnen").stdout
        self.assertIn("\nOutcomes and research:\n", out)
        self.assertEqual(len(data["outcomes"]), 9)
        for o in data["outcomes"]:
            self.assertIn(o["what"], out)
            self.assertIn('("%s")' % o["quantity"]["text"], out)
            self.assertIn("[%s]" % o["source"], out)
        self.assertIn("  - follow-up: 35 to 40 percent of the linked families", out)
        self.assertIn("  - measurement design: ", out)
        nl = self.s("--lang", "nl", "catalog", "show", "buurtgezinnen").stdout
        self.assertIn("\nUitkomsten en onderzoek:\n", nl)
        self.assertIn("  - financieel rendement: ", nl)
        # the offers' milestones, under each offer
        self.assertIn("      - accelerated 2020: the preparation of the project got off to an "
                      "early start (\"de voorbereiding van het project 'Buurtgezinnen'\") "
                      "[000:L399]\n", out)
        hw = next(o for o in data["offers"] if o["id"] == "buurtgezinnen-hoeksche-waard")
        self.assertEqual([m["status"] for m in hw["milestones"]],
                         ["achieved", "achieved", "accelerated", "planned"])

    def test_offer_show_milestones(self):
        out = self.s("--lang", "en", "offer", "show",
                     "itav-hw-kansarmoede-kinderen-hoeksche-waard").stdout
        self.assertIn("\nStatus and milestones:\n", out)
        self.assertIn("  - achieved 2020-11-10: the municipal executive adopted", out)
        nl = self.s("--lang", "nl", "offer", "show", "utrecht-bukojou-utrecht").stdout
        self.assertIn("\nStand van zaken en mijlpalen:\n", nl)
        self.assertIn("  - gepland 2022-01: two new groups start", nl)
        self.assertIn("  - huidige situatie 2021: ", nl)
        data = self.json_of("offer", "show", "utrecht-bukojou-utrecht")
        exported = json.loads(self.export())
        mine = next(o for o in exported["offers"] if o["id"] == "utrecht-bukojou-utrecht")
        self.assertEqual(data["milestones"], mine["milestones"])
        self.assertEqual(data["milestones"][0],
                         {"status": "achieved", "period": "2021-04",
                          "what": "the first pilot started with eight young people",
                          "text": "In april 2021 is de eerste pilot met acht jongeren van "
                                  "start gegaan", "source": "003:L323"})
        # an offer without milestones prints no heading
        out = self.s("--lang", "en", "offer", "show", "buurtgezinnen-leiden").stdout
        self.assertNotIn("milestones", out)

    def test_bad_import_names_the_field_and_changes_nothing(self):
        before = self.export()
        bad = {"format": "itav/1",
               "interventions": [{"id": "x-new", "name": "X", "outcomes": [
                   {"kind": "follow_up", "what": "families in touch",
                    "quantity": {"qualifier": "range", "min": 35, "max": 40}}]}],
               "offers": [{"id": "x-new-offer", "intervention": "x-new", "milestones": [
                   {"status": "achieved", "what": "opened"}]}]}
        path = os.path.join(self.tmp, "bad-milestone.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bad, f)
        r = self.s("import", path, code=2)
        self.assertIn('$.offers[0].milestones[0]: a milestone needs a "date" or a "period"',
                      r.stderr)
        bad["offers"][0]["milestones"][0] = {"status": "finished", "what": "opened",
                                             "period": "2020"}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bad, f)
        r = self.s("import", path, code=2)
        self.assertIn('$.offers[0].milestones[0].status: unknown value "finished"', r.stderr)
        self.assertEqual(self.export(), before)
class CostTest(MatchingCase):
    """Costs and funding (issue 16): offer show and catalog show print them, one by one."""

    def test_offer_show_prints_costs_and_capacity(self):
        out = self.s("offer", "show", "vws-diemen-ouder-en-kindcoaches-diemen").stdout
        self.assertIn("Costs and funding:", out)
        self.assertIn("(no amount): the parent and child coaches [004:L769]", out)
        self.assertIn("funder: gemeente Diemen (about 80%)", out)
        self.assertIn("funder: the schools (about 20%)", out)
        out = self.s("--lang", "nl", "offer", "show", "buurtgezinnen-leiden").stdout
        self.assertIn("Capaciteit:", out)
        self.assertIn("10 coordinator hours per week", out)
        out = self.s("offer", "show", "buurtgezinnen-zuid-kennemerland").stdout
        self.assertIn("109490 EUR total, 2021-01-01 to 2021-12-31", out)
        data = json.loads(self.s("offer", "show", "buurtgezinnen-zuid-kennemerland",
                                 "--json").stdout)
        self.assertEqual(data["costs"][0]["amount"]["value"], 109490)

    def test_catalog_show_prints_each_offers_costs(self):
        out = self.s("catalog", "show", "vws-de-marne-jeugdsoos").stdout
        self.assertIn("300 EUR per_film: a film with a preventive message", out)
        self.assertEqual(out.count("600 EUR per_club"), 2)  # listed, never added up
        self.assertNotIn("1500", out)


class PerturbTest(MatchingCase):
    """report programme --perturb: the cell key method (issue 15, step 4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        steps = [["match", "assign", OFFER, "--date", "2021-03-01"]]
        for m, start in (("m-00000001", "2021-04-01"), ("m-00000002", "2021-04-05")):
            steps += [["match", "advance", m, "introduced", "--date", "2021-03-15"],
                      ["match", "advance", m, "trial", "--date", start]]
        for args in steps:
            r = cls.run_itav_cls(["--store", cls.store] + args)
            assert r.returncode == 0, (args, r.stderr)

    def test_perturbed_report(self):
        out = self.s("report", "programme", OFFER, "--perturb", "--format", "json").stdout
        got = json.loads(out)
        self.assertEqual((got["method"], got["max_noise"]), ("perturb", 3))
        states = next(t for t in got["tables"] if t["name"] == "matches_by_state")
        for row in states["rows"]:
            self.assertIsInstance(row[1], (int, float), row)  # nothing hidden
            self.assertNotIn(row[1], (1, 2), row)  # the two trial matches never as 2
        # the same store, the same noise
        again = self.s("report", "programme", OFFER, "--perturb", "--format", "json").stdout
        self.assertEqual(out, again)
        md = self.s("--lang", "nl", "report", "programme", OFFER, "--perturb").stdout
        self.assertIn("Aantallen verstoord met de celsleutelmethode.", md)
        csv_text = self.s("report", "programme", OFFER, "--perturb", "--format", "csv").stdout
        self.assertIn("method,1,method,perturb,0", csv_text.splitlines())
        # with --publish: LedgerExportTest.test_perturbed_release
        self.assertIn("--perturb", self.s("report", "programme", "--help").stdout)


class LibraryMessagesTest(MatchingCase):
    """--lang nl: the library's own messages too (itav_set_lang, lib/po/nl.po)."""

    def test_import_problems_in_dutch(self):
        before = self.refs()
        r = self.itav("--store", self.store, "--lang", "nl", "participants", "import",
                      EXCEL_PROBLEMS_CSV, code=2)
        lines = r.stderr.splitlines()
        self.assertEqual(lines[0], "itav: niets ingelezen uit %s (59 fouten):"
                         % EXCEL_PROBLEMS_CSV)
        # grouped as in English, in Dutch words; column names, codes and ids as they are
        self.assertIn("%s:rijen 2-56, kolom Aanbod: fout: offer is leeg en er is geen "
                      "standaardaanbod opgegeven (55 rijen)" % EXCEL_PROBLEMS_CSV, lines)
        self.assertIn('%s:rij 57, kolom Aangemeld: fout: datum "31-02-2021" bestaat niet '
                      '(DD-MM-JJJJ)' % EXCEL_PROBLEMS_CSV, lines)
        self.assertIn('%s:rij 58, kolom Soort: fout: kind "gezin" is geen soort (gebruik '
                      'family, youth, parent, support_family, volunteer, buddy, peer)'
                      % EXCEL_PROBLEMS_CSV, lines)
        self.assertEqual(lines[-1], "Geef --offer AANBOD voor de rijen zonder aanbod.")
        self.assertEqual(self.refs(), before)
        # --json: the same members and codes, the messages for people in Dutch
        en = json.loads(self.itav("--store", self.store, "participants", "import",
                                  EXCEL_PROBLEMS_CSV, "--offer", OFFER, "--json",
                                  code=2).stdout)
        nl = json.loads(self.itav("--store", self.store, "--lang", "nl", "participants",
                                  "import", EXCEL_PROBLEMS_CSV, "--offer", OFFER, "--json",
                                  code=2).stdout)
        strip = [{k: v for k, v in p.items() if k != "message"} for p in en["problems"]]
        self.assertEqual(strip, [{k: v for k, v in p.items() if k != "message"}
                                 for p in nl["problems"]])
        self.assertIn('kind "gezin" is geen soort (gebruik family, youth, parent, '
                      'support_family, volunteer, buddy, peer)',
                      [p["message"] for p in nl["problems"]])

    def test_english_stays_as_it_was(self):
        r = self.itav("--store", self.store, "--lang", "en", "participants", "import",
                      EXCEL_PROBLEMS_CSV, code=2)
        self.assertIn("%s:rows 2-56, column Aanbod: error: offer is empty and no default offer "
                      "was given (55 rows)" % EXCEL_PROBLEMS_CSV, r.stderr.splitlines())

    def test_refusals_of_the_model_in_dutch(self):
        err = self.data_error("--lang", "nl", "participants", "status", "zk-vraag-04", "waiting",
                              "--date", "2021-02-09")
        self.assertIn('deelnemer "zk-vraag-04": kan niet van registered naar waiting; '
                      'toegestaan: intake', err)
        err = self.data_error("--lang", "nl", "match", "show", "m-00000404")
        self.assertIn('geen koppeling "m-00000404"', err)
        err = self.data_error("participants", "status", "zk-vraag-04", "waiting", "--date",
                              "2021-02-09")
        self.assertIn('participant "zk-vraag-04": cannot go from registered to waiting; legal: '
                      'intake', err)

    def test_funder_shares_in_a_dutch_report(self):
        offer = "vws-diemen-ouder-en-kindcoaches-diemen"
        md = self.s("--lang", "nl", "report", "programme", offer).stdout
        self.assertIn("| gemeente Diemen: ongeveer 80 procent; the schools: ongeveer 20 procent |",
                      md)  # the funders' names are the source's words
        md = self.s("report", "programme", offer).stdout
        self.assertIn("| gemeente Diemen: about 80 percent; the schools: about 20 percent |", md)


class LedgerExportTest(MatchingCase):
    """The ledger of releases travels with the itav/1 export (docs/guide.md, "Releases")."""

    def test_copy_keeps_the_protection_of_the_ledger(self):
        store = self.fresh_store("ledger")
        steps = [["match", "assign", OFFER, "--date", "2021-03-01"],
                 ["match", "advance", "m-00000001", "introduced", "--date", "2021-03-15"],
                 ["match", "advance", "m-00000001", "trial", "--date", "2021-04-01"],
                 ["review", "add", "m-00000001", "--kind", "trial", "--date", "2021-06-05",
                  "--respondent", "asking", "--satisfaction", "8"],
                 ["match", "advance", "m-00000001", "active", "--date", "2021-06-05"]]
        for args in steps:
            self.itav("--store", store, *args)
        period = ["--from", "2021-01-01", "--to", "2021-12-31"]
        r = self.itav("--store", store, "report", "programme", OFFER, "--publish", *period)
        self.assertEqual(r.stderr, "Recorded as release rel-00000001.\n")
        exported = os.path.join(self.tmp, "ledger.json")
        self.itav("--store", store, "export", exported)
        with open(exported, encoding="utf-8") as f:
            doc = json.load(f)
        (rel,) = doc["releases"]
        self.assertEqual((rel["id"], rel["offer"], rel["from"], rel["to"], rel["k"]),
                         ("rel-00000001", OFFER, "2021-01-01", "2021-12-31", 5))
        listed = json.loads(self.itav("--store", store, "report", "releases",
                                      "--json").stdout)[0]["cells"]
        self.assertEqual([(c["table"], c["row"], c["column"], c.get("value")) for c in
                          rel["cells"]],
                         [(c["table"], c["row"], c["column"], c["value"]) for c in listed])
        for cell in rel["cells"]:  # a hidden count has no value, a shown one no "hidden"
            self.assertEqual("value" in cell, "hidden" not in cell, cell)
        # Two copies: one with the ledger, one from an export without it (as before).
        stripped = os.path.join(self.tmp, "stripped.json")
        with open(stripped, "w", encoding="utf-8") as f:
            json.dump({k: v for k, v in doc.items() if k != "releases"}, f)
        copies = {}
        for name, path in (("copy", exported), ("bare", stripped)):
            copies[name] = "sqlite:" + os.path.join(self.tmp, name + ".db")
            self.itav("--store", copies[name], "import", path)
        again = os.path.join(self.tmp, "again.json")
        self.itav("--store", copies["copy"], "export", again)
        with open(exported, "rb") as a, open(again, "rb") as b:
            self.assertEqual(a.read(), b.read())
        # A review entered late in the released period: the original and the copy with the
        # ledger refuse the report that would show it; the copy without the ledger gives it.
        late = ["review", "add", "m-00000001", "--kind", "final", "--date", "2021-10-02",
                "--respondent", "asking", "--satisfaction", "6", "--formal-help", "prevented"]
        for s in (store, copies["copy"], copies["bare"]):
            self.itav("--store", s, *late)
        for s in (store, copies["copy"]):
            err = self.data_error("report", "programme", OFFER, "--publish", *period, store=s)
            self.assertIn("is not safe to publish", err)
        self.itav("--store", copies["bare"], "report", "programme", OFFER, "--publish", *period)
        # Importing the same ledger again changes nothing; a differing entry is refused.
        only = os.path.join(self.tmp, "only.json")
        with open(only, "w", encoding="utf-8") as f:
            json.dump({"format": "itav/1", "interventions": [], "offers": [],
                       "releases": doc["releases"]}, f)
        self.itav("--store", copies["copy"], "import", only)
        changed = dict(rel, k=7)
        with open(only, "w", encoding="utf-8") as f:
            json.dump({"format": "itav/1", "interventions": [], "offers": [],
                       "releases": [changed]}, f)
        err = self.data_error("import", only, store=copies["copy"])
        self.assertIn("$.releases[0].id: release \"rel-00000001\" is already in the store and "
                      "differs", err)

    def test_perturbed_release(self):
        # --perturb --publish: audited against the ledger, recorded with its method, and
        # exported with it.
        store = self.fresh_store("perturbed-ledger")
        for args in (["match", "assign", OFFER, "--date", "2021-03-01"],
                     ["match", "advance", "m-00000001", "introduced", "--date", "2021-03-15"],
                     ["match", "advance", "m-00000001", "trial", "--date", "2021-04-01"]):
            self.itav("--store", store, *args)
        r = self.itav("--store", store, "report", "programme", OFFER, "--perturb", "--publish",
                      "--from", "2021-01-01", "--to", "2021-12-31", "--format", "json")
        self.assertEqual(r.stderr, "Recorded as release rel-00000001.\n")
        self.assertEqual(json.loads(r.stdout)["method"], "perturb")
        (rel,) = json.loads(self.itav("--store", store, "report", "releases",
                                      "--json").stdout)
        self.assertEqual(rel["method"], "perturb")
        self.assertFalse([c for c in rel["cells"] if c["hidden"]])
        self.assertRegex(self.itav("--store", store, "report", "releases").stdout,
                         r"^rel-00000001  %s  2021-01-01\.\.2021-12-31  k 5  protection 4  "
                         r"\d+ shown, 0 hidden  perturbed\n$" % OFFER)
        exported = os.path.join(self.tmp, "perturbed.json")
        self.itav("--store", store, "export", exported)
        with open(exported, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["releases"][0]["method"], "perturb")

    def test_open_refused_in_the_language_of_lang(self):
        # the store is opened in the language of --lang (itav_open_lang()), so what the open
        # itself says follows it
        r = self.itav("--lang", "nl", "--store", "ftp://example.org/x", "participants", "list",
                      code=2)
        self.assertIn('URI van de opslag "ftp://example.org/x": onbekend schema', r.stderr)
        r = self.itav("--store", "ftp://example.org/x", "participants", "list", code=2)
        self.assertIn('store URI "ftp://example.org/x": unknown scheme', r.stderr)

# The classes that read the seed documents (meson suite "seeds").
NEEDS_SEEDS = [SeedTableTest]

if __name__ == "__main__":
    # Only seed classes asked for and no seeds: exit 77 (meson: skipped) rather than pass.
    wanted = [globals().get(name.split(".")[0]) for name in sys.argv[1:]
              if not name.startswith("-")]
    if wanted and all(c in NEEDS_SEEDS for c in wanted) and seeds_missing():
        print("SKIP: %s (%s)" % ("; ".join(c.what for c in wanted), seeds_missing()))
        sys.exit(77)
    unittest.main(argv=sys.argv, verbosity=2)
