"""Programme reports through the bindings: the tables, small-cell suppression with "<5" cells
and no single hidden cell in a row or column (the subtraction attack), k and the period, a
programme over its member offers, the JSON, CSV and Markdown forms, the catalogue's ITAV
report, and the versioned structs against the C headers."""

import csv
import ctypes
import datetime
import io
import os
import shutil
import subprocess
import tempfile
import textwrap
import unittest

from itavtest import INCLUDE
from test_participants import HEEMSTEDE, OFFER, ZANDVOORT, asking, small_store, supporter

import itav
from itav import _lib

D = datetime.date
TOTAL = "total of shown cells"


def report_store():
    """A Buurtgezinnen offer with 28 matches:

    Haarlem    2021: 7 started (all active from 2021-05-01, 2 of them completed in 2022)
               2022: 6 started (trial), each with a trial review marked 5 .. 10
               6 proposed, never started
    Heemstede  2021: 2 started (trial); 2022: 6 started (trial)
    Zandvoort  2022: 1 started (trial)

    States at the end: proposed 6, trial 15, active 5, completed 2. Final reviews: 2 (one
    prevented, one referred).
    """
    st = small_store()
    n = [0]

    def pair(municipality, location):
        n[0] += 1
        a, s = "bg-zk-a%03d" % n[0], "bg-zk-s%03d" % n[0]
        st.create(asking(a, location=location, municipality=municipality))
        st.create(supporter(s, location=location, municipality=municipality))
        return a, s

    def started(municipality, location, start):
        a, s = pair(municipality, location)
        m = st.propose(a, s, start - datetime.timedelta(days=7))
        m = st.advance(m, "introduced", start - datetime.timedelta(days=3))
        return st.advance(m, "trial", start)

    haarlem = (52.3810, 4.6360)
    early = [started("Haarlem", haarlem, D(2021, 3, 1)) for _ in range(7)]
    for i, m in enumerate(early):
        m = st.skip_evaluation(m, "2021-05-01", "evaluated outside the store")
        if i < 2:
            m = st.advance(m, "completed", "2022-03-01")
            st.add_review(m, kind="final", date="2022-03-02", respondent="asking",
                          satisfaction=9, formal_help="prevented" if i == 0 else "referred",
                          effects={"rest": 2, "network": 1})
    for mark in range(5, 11):
        m = started("Haarlem", haarlem, D(2022, 4, 1))
        st.add_review(m, kind="trial", date="2022-05-20", respondent="coordinator",
                      satisfaction=mark, safety_concern=mark == 5,
                      safety_note="stairs" if mark == 5 else None)
    for _ in range(6):
        a, s = pair("Haarlem", haarlem)
        st.propose(a, s, "2022-06-01")
    for _ in range(2):
        started("Heemstede", HEEMSTEDE, D(2021, 9, 1))
    for _ in range(6):
        started("Heemstede", HEEMSTEDE, D(2022, 2, 1))
    started("Zandvoort", ZANDVOORT, D(2022, 10, 1))
    return st


def numbers(table, column):
    """{row label: number or None (suppressed)} of one column."""
    return {table.cell(r, 0): table.value(r, column) for r in range(len(table))}


class TestReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.store = report_store()

    @classmethod
    def tearDownClass(cls):
        cls.store.close()

    def test_tables(self):
        rep = self.store.report(OFFER)
        self.assertEqual(rep.title, "Programme report: " + OFFER)
        self.assertEqual(rep.table_names, ["indicators", "reach", "matches_by_state",
                                           "matches_started", "reviews", "effects",
                                           "formal_help", "portfolio", "waiting_list"])
        self.assertEqual([t.name for t in rep], rep.table_names)
        self.assertEqual(len(rep), 9)
        self.assertIn("reviews", rep)
        self.assertNotIn("budget", rep)
        with self.assertRaises(itav.NotFound) as cm:
            rep["budget"]
        self.assertIn("matches_by_state", str(cm.exception))
        with self.assertRaises(itav.RangeError):
            rep.table(9)
        t = rep["matches_by_state"]
        self.assertEqual(t.columns, ["state", "matches"])
        self.assertEqual(rep.table(2).name, "matches_by_state")
        with self.assertRaises(itav.NotFound):
            t.cell("dormant", 1)
        with self.assertRaises(itav.NotFound):
            t.cell(0, "count")
        with self.assertRaises(itav.RangeError):
            t.cell(99, 1)

    def test_suppression_of_matches_by_state(self):
        full = self.store.report(OFFER, k=1)["matches_by_state"]
        self.assertEqual(numbers(full, "matches"),
                         {"proposed": 6, "introduced": 0, "trial": 15, "active": 5,
                          "completed": 2, "declined": 0, "ended_early": 0, TOTAL: 28})
        self.assertFalse(any(full.suppressed(r, 1) for r in range(len(full))))
        t = self.store.report(OFFER)["matches_by_state"]          # k = 5
        self.assertEqual(t.cell("completed", "matches"), "<5")
        self.assertTrue(t.suppressed("completed", 1))
        self.assertIsNone(t.value("completed", 1))
        self.assertEqual(t.cell("proposed", 1), "6")
        self.assertEqual(t.value("trial", 1), 15)
        self.assertFalse(t.suppressed("trial", 1))
        # one small cell alone would be recovered from a known total: another is hidden too
        self.assertHidesNoSingleCell(t)
        shown = [t.value(r, 1) for r in range(len(t) - 1) if not t.suppressed(r, 1)]
        self.assertEqual(t.value(TOTAL, 1), sum(shown))
        self.assertLess(t.value(TOTAL, 1), 28)
        self.assertEqual(self.store.report(OFFER, k=3)["matches_by_state"].cell("completed", 1),
                         "<3")

    def test_suppression_of_the_cross_table(self):
        full = self.store.report(OFFER, k=1)["matches_started"]
        self.assertEqual(full.columns, ["municipality", "2021", "2022", TOTAL])
        self.assertEqual(full.rows, [["Haarlem", "7", "6", "13"], ["Heemstede", "2", "6", "8"],
                                     ["Zandvoort", "0", "1", "1"], [TOTAL, "9", "13", "22"]])
        t = self.store.report(OFFER)["matches_started"]
        # Heemstede 2021 (2) and Zandvoort 2022 (1) are small, Heemstede 2022 protects its
        # row: then neither shows a count, and a row of hidden cells under its name would
        # still say that a family from there takes part, so both become "other
        # municipalities" (2 + 0, 6 + 1). Its 2 hides the 7 beside it and Haarlem's 2021
        # cell, which hides Haarlem 2022: Haarlem shows nobody and folds in too.
        self.assertEqual(t.rows, [["other municipalities", "9", "13", "22"]])
        self.assertEqual(t.hidden(0, "2021"), itav.Hidden.NOT)
        self.assertHidesNoSingleCell(t)
        # the subtraction attack: no hidden cell equals a shown total minus shown cells
        for r in range(len(t)):
            for c in range(1, len(t.columns)):
                if t.suppressed(r, c):
                    self.assertIsNone(t.value(r, c))
                    self.assertTrue(t.cell(r, c).startswith("<"))

    def assertHidesNoSingleCell(self, table):
        """No row and no column of counts has exactly one suppressed cell, and every total
        is the sum of the shown cells of its row or column."""
        cols = table.columns
        count_cols = [c for c in range(1, len(cols)) if cols[c] != TOTAL]
        rows = [r for r in range(len(table)) if table.cell(r, 0) != TOTAL]
        total_row = next((r for r in range(len(table)) if table.cell(r, 0) == TOTAL), None)
        total_col = cols.index(TOTAL) if TOTAL in cols else None
        lines = [[(r, c) for r in rows] for c in count_cols]
        if len(count_cols) > 1:
            lines += [[(r, c) for c in count_cols] for r in rows]
        for line in lines:
            hidden = [cell for cell in line if table.suppressed(*cell)]
            self.assertNotEqual(len(hidden), 1, (table.name, line, table.rows))
        for c in count_cols:
            if total_row is not None:
                shown = sum(table.value(r, c) or 0 for r in rows)
                self.assertEqual(table.value(total_row, c), shown, (table.name, cols[c]))
        for r in rows:
            if total_col is not None:
                shown = sum(table.value(r, c) or 0 for c in count_cols)
                self.assertEqual(table.value(r, total_col), shown, (table.name, r))

    def test_reviews_effects_and_formal_help(self):
        full = self.store.report(OFFER, k=1)
        rv = full["reviews"]
        self.assertEqual(rv.columns, ["kind", "reviews", "with a mark", "mean mark",
                                      "safety concerns"])
        self.assertEqual(rv.row("trial"), ["trial", "6", "6", "7.5", "1"])
        self.assertEqual(rv.value("final", "mean mark"), 9)
        fh = full["formal_help"]
        self.assertEqual(numbers(fh, 1)["prevented"], 1)
        self.assertEqual(numbers(fh, 1)["referred"], 1)
        self.assertEqual(fh.value("percent prevented, reduced or stopped", 1), 50)
        eff = full["effects"]
        self.assertEqual(eff.as_dicts()[6]["effect"], "rest")
        self.assertEqual(eff.value("rest", "scored"), 2)
        self.assertEqual(eff.value("rest", "mean score"), 2)
        # with k = 5 the two final reviews are small cells: their mean and share go too
        rep = self.store.report(OFFER)
        self.assertEqual(rep["reviews"].cell("final", "reviews"), "<5")
        self.assertIsNone(rep["reviews"].value("final", "mean mark"))
        # a hidden mean is not "<5" (a mark below 5?) but says why it is hidden
        self.assertEqual(rep["reviews"].cell("final", "mean mark"),
                         "hidden to protect small numbers")
        self.assertEqual(rep["reviews"].hidden("final", "mean mark"), itav.Hidden.MAGNITUDE)
        self.assertEqual(rep["reviews"].hidden("final", "reviews"), itav.Hidden.PRIMARY)
        self.assertEqual(rep["reviews"].hidden("trial", "reviews"), itav.Hidden.NOT)
        final = rep.to_dict()["tables"][4]["rows"][2]
        self.assertEqual(final[:4], ["final", "<5", "<5", "hidden"])
        self.assertIn("| final | <5 | <5 | hidden to protect small numbers |",
                      rep.to_markdown())
        self.assertIn("reviews,3,mean mark,hidden to protect small numbers,1", rep.to_csv())
        # the trial's 6 marks protect the final's 2 in their column, and the mean goes with them
        self.assertEqual(rep["reviews"].cell("trial", "with a mark"), "<5")
        self.assertIsNone(rep["reviews"].value("trial", "mean mark"))
        self.assertTrue(rep["reviews"].suppressed("trial", "safety concerns"))
        share = rep["formal_help"]
        self.assertIsNone(share.value("percent prevented, reduced or stopped", 1))
        self.assertIsNone(rep["effects"].value("rest", "mean score"))

    def test_audit(self):
        """Every hidden count is audited against the whole report. At k = 5 the 2 completed
        matches are hidden and so is active (5), the smallest positive count of the column:
        with the 0 introduced as its partner, the 22 matches started against the 15 + 5 + 0
        shown in the trial, active and ended early would put completed at 2 or more."""
        st = self.store
        rep = st.report(OFFER)
        mbs = rep["matches_by_state"]
        self.assertEqual(mbs.cell("introduced", "matches"), "0")
        self.assertEqual(mbs.hidden("completed", "matches"), itav.Hidden.PRIMARY)
        self.assertEqual(mbs.hidden("active", "matches"), itav.Hidden.SECONDARY)
        self.assertEqual(mbs.audit("completed", "matches"), (True, 0, None))
        self.assertIsNone(mbs.audit("trial", "matches"))          # published
        self.assertIsNone(rep["reviews"].audit("final", "mean mark"))  # a mean: its count's
        self.assertTrue(rep.audit_passed)
        self.assertEqual(rep.to_dict()["audit"], "passed")
        self.assertEqual(rep.to_dict()["protection"], 4)
        self.assertTrue(st.report(OFFER, publish=True).audit_passed)
        # k = 2: the trial's one safety concern has only zeros beside it, so a 0 protects it
        # (periodic); the 0 periodic reviews would pin that 0, so the audit's repair hides
        # them too, and the final reviews (2) protect those in their column. Every hidden
        # count can then take any value from its least up.
        k2 = st.report(OFFER, k=2, publish=True, low_k=True)
        rv = k2["reviews"]
        self.assertEqual(rv.hidden("periodic", "safety concerns"), itav.Hidden.SECONDARY)
        self.assertEqual(rv.hidden("periodic", "reviews"), itav.Hidden.SECONDARY)
        self.assertEqual(rv.audit("periodic", "safety concerns"), (True, 0, None))
        self.assertEqual(rv.audit("trial", "safety concerns"), (True, 0, 6))
        # the 2 final reviews with a mark say that there are at least 2 final reviews
        self.assertEqual(rv.audit("final", "reviews"), (True, 2, None))
        # k = 1 hides nothing: the audit has nothing to judge
        ok = st.report(OFFER, k=1, publish=True, low_k=True)
        self.assertTrue(ok.audit_passed)
        self.assertEqual(ok["matches_by_state"].cell("completed", 1), "2")

    def test_period_and_as_of(self):
        rep = self.store.report(OFFER, k=1, start="2022-01-01", end="2022-12-31")
        self.assertEqual(rep["matches_started"].columns, ["municipality", "2022"])
        self.assertEqual(rep["reviews"].value("trial", "reviews"), 6)
        d = rep.to_dict()
        self.assertEqual((d["from"], d["to"], d["k"]), ("2022-01-01", "2022-12-31", 1))
        before = self.store.report(OFFER, k=1, end="2020-12-31")
        self.assertEqual(before["matches_started"].rows, [])
        self.assertEqual(self.store.report(OFFER, as_of="2022-06-30").to_dict()["as_of"],
                         "2022-06-30")

    def test_bad_options(self):
        st = self.store
        before = st.export_json()
        for k in (0, -3):
            with self.assertRaises(itav.InvalidArgument, msg=k) as cm:
                st.report(OFFER, k=k)
            self.assertIn("k", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            st.report(OFFER, start="2022-12-31", end="2022-01-01")
        with self.assertRaises(itav.NotFound) as cm:
            st.report("no-such-offer")
        self.assertIn("no-such-offer", str(cm.exception))
        for v in (0, _lib.ITAV_REPORT_OPTIONS_VERSION + 1):
            with self.assertRaises(itav.VersionError):
                st.report_programme(OFFER, _lib.itav_report_options(version=v))
        with self.assertRaises(TypeError):
            st.report(OFFER, k="5")
        # k below 3 for publication only on purpose, and then the report says so
        with self.assertRaises(itav.InvalidArgument) as cm:
            st.report(OFFER, k=2, publish=True)
        self.assertIn("low_k", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            st.report(OFFER, protection=-1)
        low = st.report(OFFER, k=1, publish=True, low_k=True)
        self.assertEqual((low.to_dict()["low_k"], low.to_dict()["publish"]), (True, True))
        self.assertIn("k = 1 is below 3", low.to_markdown())
        self.assertEqual(st.report(OFFER, k=2).to_dict()["low_k"], False)
        self.assertEqual(st.export_json(), before)
        # the defaults of a raw call are k = 5
        self.assertEqual(st.report_programme(OFFER).to_dict()["k"], 5)

    def test_formats(self):
        rep = self.store.report(OFFER)
        d = rep.to_dict()
        self.assertEqual(d["format"], "itav-report/1")
        self.assertEqual(d["title"], rep.title)
        self.assertEqual([t["name"] for t in d["tables"]], rep.table_names)
        mbs = next(t for t in d["tables"] if t["name"] == "matches_by_state")
        self.assertEqual(dict((row[0], row[1]) for row in mbs["rows"])["completed"], "<5")
        self.assertEqual(rep.write("json"), rep.to_json())
        rows = list(csv.reader(io.StringIO(rep.to_csv())))
        self.assertEqual(rows[0], ["table", "row", "column", "value", "suppressed"])
        completed = [r for r in rows if r[0] == "matches_by_state" and r[2] == "matches" and
                     r[1] == "5"]
        self.assertEqual(completed, [["matches_by_state", "5", "matches", "<5", "1"]])
        self.assertEqual(rep.write(itav.ReportFormat.CSV), rep.to_csv())
        md = rep.to_markdown()
        self.assertEqual(rep.write("md"), md)
        self.assertEqual(rep.write(itav.ReportFormat.MARKDOWN), md)
        self.assertIn("| completed | <5 |", md)
        self.assertIn("#", md)
        # a suppressed number is in no format
        for text in (rep.to_json(), rep.to_csv(), md):
            self.assertNotIn("completed | 2 |", text)
        with self.assertRaises(itav.InvalidArgument) as cm:
            rep.write("pdf")
        self.assertIn("json, csv, md", str(cm.exception))


    def test_dutch(self):
        rep = self.store.report(OFFER)
        md = rep.write("md", lang="nl")
        self.assertEqual(rep.to_markdown(lang=itav.Lang.NL), md)
        self.assertTrue(md.startswith("# Programmarapportage: "), md[:80])
        self.assertIn("\n## Matches per status\n\n| status | matches |\n", md)
        self.assertIn("| afgerond | <5 |", md)
        self.assertNotIn("| completed |", md)
        # Dutch CSV as a Dutch spreadsheet reads it: ';' between fields
        self.assertTrue(rep.to_csv(lang="nl").startswith("table;row;column;value;suppressed\r\n"))
        rows = list(csv.reader(io.StringIO(rep.to_csv(lang="nl")), delimiter=";"))
        self.assertEqual(rows[0], ["table", "row", "column", "value", "suppressed"])
        self.assertIn(["matches_by_state", "5", "status", "afgerond", "0"], rows)
        self.assertIn(["matches_by_state", "5", "matches", "<5", "1"], rows)
        # JSON keeps its codes and English texts in every language
        self.assertEqual(rep.write("json", lang="nl"), rep.to_json())
        self.assertEqual(rep.write("md", lang="en"), rep.to_markdown())
        with self.assertRaises(itav.InvalidArgument) as cm:
            rep.write("md", lang="de")
        self.assertIn("'de'", str(cm.exception))

    def test_title_names_the_offer(self):
        with small_store() as st:
            of = st.get_offer(OFFER)
            of.name = "Buurtgezinnen Zuid-Kennemerland"
            st.update(of)
            rep = st.report(OFFER, k=1)
            self.assertEqual(rep.title, "Programme report: Buurtgezinnen Zuid-Kennemerland")
            self.assertEqual(rep.to_dict()["offer"], OFFER)
            self.assertIn("\n\nOffer: %s." % OFFER, rep.to_markdown())
            self.assertTrue(rep.to_markdown("nl").startswith(
                "# Programmarapportage: Buurtgezinnen Zuid-Kennemerland\n\nAanbod: %s." % OFFER))


class TestReleases(unittest.TestCase):
    """The ledger of releases: a report made for publication is recorded with its parameters
    and its counts as published (a hidden count without its value), listed and removed."""

    def test_record_list_remove(self):
        st = report_store()
        self.addCleanup(st.close)
        plain = st.report(OFFER)
        with self.assertRaises(itav.InvalidArgument) as cm:
            st.record_release(plain)
        self.assertIn("not made for publication", str(cm.exception))
        self.assertEqual(st.releases(), [])
        rep = st.report(OFFER, publish=True, start="2021-01-01", end="2021-12-31")
        rid = st.record_release(rep)
        self.assertEqual(rid, "rel-00000001")
        rel = st.get_release(rid)
        self.assertEqual((rel.id, rel.offer, rel.k, rel.protection), (rid, OFFER, 5, 4))
        self.assertEqual((rel.start, rel.end), (D(2021, 1, 1), D(2021, 12, 31)))
        self.assertEqual(rel.members, [])
        cells = {(c.table, c.row, c.column): c for c in rel.cells}
        hidden = 0
        for table in rep:
            for r in range(len(table)):
                for c, heading in enumerate(table.columns):
                    key = (table.name, table.cell(r, 0), heading)
                    if table.audit(r, c) is not None:      # a hidden count
                        self.assertEqual(cells[key], itav.ReleaseCell(*key, None, True))
                        hidden += 1
                    elif key in cells:
                        self.assertEqual(cells[key].value, table.value(r, c))
                        self.assertFalse(cells[key].hidden)
        self.assertGreater(hidden, 0)
        self.assertEqual(cells[("reviews", "final", "reviews")].hidden, False)
        second = st.record_release(st.report(OFFER, k=3, publish=True))
        self.assertEqual([r.id for r in st.releases()], [rid, second])
        self.assertEqual([r.id for r in st.releases(OFFER)], [rid, second])
        self.assertEqual(st.releases("no-such-offer"), [])
        st.remove_release(rel)
        with self.assertRaises(itav.NotFound):
            st.get_release(rid)
        with self.assertRaises(itav.NotFound):
            st.remove_release(rid)
        self.assertEqual([r.id for r in st.releases()], [second])
        with self.assertRaises(TypeError):
            st.record_release("rel-00000001")
        # a programme's release names the member offers it covered
        st.create(itav.Offer("bg-programme", "buurtgezinnen"))
        of = st.get_offer(OFFER)
        of.programme = "bg-programme"
        st.update(of)
        prog = st.get_release(st.record_release(st.report("bg-programme", publish=True)))
        self.assertEqual(prog.members, [OFFER])
        self.assertEqual(prog.offer, "bg-programme")
        self.assertEqual([r.id for r in st.releases("bg-programme")], [prog.id])


class TestProgramme(unittest.TestCase):
    def test_programme_covers_its_member_offers(self):
        with small_store() as st:
            st.create(itav.Offer("bg-programme", "buurtgezinnen"))
            of = st.get_offer(OFFER)
            self.assertIsNone(of.programme)
            of.programme = "bg-programme"
            of.set_source("programme", "002:L1")
            st.update(of)
            self.assertEqual(st.get_offer(OFFER).programme, "bg-programme")
            self.assertEqual(st.get_offer(OFFER).source("programme"), "002:L1")
            st.create(asking("bg-zk-a001", municipality="Haarlem"))
            st.create(supporter("bg-zk-s001", municipality="Haarlem"))
            st.propose("bg-zk-a001", "bg-zk-s001", "2021-06-01")
            rep = st.report("bg-programme", k=1)
            self.assertEqual(rep.title, "Programme report: bg-programme")
            self.assertIn(OFFER, rep.to_dict()["members"])
            self.assertEqual(rep["matches_by_state"].value("proposed", 1), 1)
            self.assertEqual(st.report(OFFER, k=1)["matches_by_state"].value("proposed", 1), 1)
            # the offer itself, a missing programme, a programme inside a programme: refused
            before = st.export_json()
            for programme, exc in ((OFFER, itav.InvalidArgument),
                                   ("no-such-programme", itav.NotFound)):
                of = st.get_offer(OFFER)
                of.programme = programme
                with self.assertRaises(exc, msg=programme) as cm:
                    st.update(of)
                self.assertIn(programme, str(cm.exception))
            prog = st.get_offer("bg-programme")
            prog.programme = OFFER
            with self.assertRaises(itav.InvalidArgument):
                st.update(prog)
            with self.assertRaises(itav.InUse):
                st.delete_offer("bg-programme")
            self.assertEqual(st.export_json(), before)
            with self.assertRaises(itav.InvalidArgument) as cm:
                of.programme = "Not An Id"
            self.assertIn("a-z", str(cm.exception))
            of.programme = None
            self.assertIsNone(of.programme)


    def test_offer_lists_of_a_member_offer(self):
        of = itav.Offer("bg-leiden", "buurtgezinnen", municipalities=["Leiden", "Oegstgeest"],
                        programme="bg-programme")
        of.add_figure(itav.Figure("families", "at_least", 20, period="2021"))
        del of.municipalities[1]
        of.remove_figure(0)
        self.assertEqual((list(of.municipalities), of.reach, of.programme),
                         (["Leiden"], [], "bg-programme"))


class TestCatalogueReport(unittest.TestCase):
    """The ITAV Hoeksche Waard programme reproduced from seed 000: the first real report."""

    def test_itav_report(self):
        with itav.open() as st:
            st.load_catalog()
            rep = st.report("itav-hoeksche-waard-2020")
            self.assertEqual(rep.title, "Programme report: itav-hoeksche-waard-2020")
            ind = rep["indicators"]
            self.assertGreaterEqual(len(ind), 3)
            for r in range(len(ind)):
                self.assertIn(ind.cell(r, "attainment"), {a.code for a in itav.Attainment})
                self.assertRegex(ind.cell(r, "source"), r"^000:L\d+")
            reach = rep["reach"]
            self.assertGreater(len(reach), 0)
            self.assertNotIn(TOTAL, [reach.cell(r, 0) for r in range(len(reach))])
            md = rep.to_markdown()
            self.assertIn("itav-hoeksche-waard-2020", md)


class TestStructs(unittest.TestCase):
    """The three versioned structs of issue 4 against the C compiler's view of the headers."""

    PROBE = textwrap.dedent(r"""
        #include <stddef.h>
        #include <stdio.h>
        #include "itav.h"
        #define F(s, m) printf(#s "." #m " %zu %zu\n", offsetof(s, m), sizeof(((s *)0)->m))
        int main(void)
        {
            itav_portfolio_filter pf = ITAV_PORTFOLIO_FILTER_INIT;
            itav_question q = ITAV_QUESTION_INIT;
            itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
            printf("size.itav_portfolio_filter %zu\n", sizeof pf);
            F(itav_portfolio_filter, version); F(itav_portfolio_filter, municipality);
            F(itav_portfolio_filter, region); F(itav_portfolio_filter, ids);
            F(itav_portfolio_filter, id_count); F(itav_portfolio_filter, source);
            printf("size.itav_question %zu\n", sizeof q);
            F(itav_question, version); F(itav_question, asker); F(itav_question, age_months);
            F(itav_question, municipality); F(itav_question, needs); F(itav_question, channel);
            printf("size.itav_report_options %zu\n", sizeof o);
            F(itav_report_options, version); F(itav_report_options, k);
            F(itav_report_options, as_of); F(itav_report_options, from);
            F(itav_report_options, to); F(itav_report_options, publish);
            F(itav_report_options, low_k); F(itav_report_options, protection);
            F(itav_report_options, method);
            printf("init.portfolio %u %d %d %d %zu %d\n", pf.version, pf.municipality != NULL,
                   pf.region != NULL, pf.ids != NULL, pf.id_count, (int)pf.source);
            printf("init.question %u %d %ld %d %u %d\n", q.version, (int)q.asker,
                   (long)q.age_months, q.municipality != NULL, q.needs, (int)q.channel);
            printf("init.options %u %d %ld %ld %ld %d %d %d %d\n", o.version, o.k,
                   (long)o.as_of, (long)o.from, (long)o.to, o.publish, o.low_k, o.protection,
                   o.method);
            printf("consts %d %d %d %d %d %d %u %d %d %d %d\n", ITAV_EFFECT_COUNT,
                   ITAV_EFFECT_LAST_CHILD, ITAV_EFFECT_UNKNOWN, ITAV_PORTFOLIO_FILTER_VERSION,
                   ITAV_QUESTION_VERSION, ITAV_REPORT_OPTIONS_VERSION, ITAV_THEME_ALL,
                   ITAV_PLAN_FIELD_COUNT, ITAV_REPORT_SUPPRESS, ITAV_REPORT_PERTURB,
                   ITAV_REPORT_PERTURB_MAX_NOISE);
            return 0;
        }
    """)

    @classmethod
    def setUpClass(cls):
        cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
        if not cc or not os.path.isdir(INCLUDE):
            raise unittest.SkipTest("no C compiler or headers to compare the structs with")
        cls.tmp = tempfile.mkdtemp(prefix="itav-probe-")
        src, exe = os.path.join(cls.tmp, "probe.c"), os.path.join(cls.tmp, "probe")
        with open(src, "w") as f:
            f.write(cls.PROBE)
        subprocess.run([cc, "-std=c11", "-I", INCLUDE, "-o", exe, src], check=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
        cls.c = {line.split()[0]: line.split()[1:] for line in out.splitlines()}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def check(self, struct, name):
        self.assertEqual(ctypes.sizeof(struct), int(self.c["size." + name][0]), name)
        c_fields = [k.split(".", 1)[1] for k in self.c if k.startswith(name + ".")]
        self.assertEqual([f for f, _ in struct._fields_], c_fields)
        for field, ctype in struct._fields_:
            off, size = (int(x) for x in self.c["%s.%s" % (name, field)])
            self.assertEqual(getattr(struct, field).offset, off, field)
            self.assertEqual(ctypes.sizeof(ctype), size, field)

    def test_layouts(self):
        self.check(_lib.itav_portfolio_filter, "itav_portfolio_filter")
        self.check(_lib.itav_question, "itav_question")
        self.check(_lib.itav_report_options, "itav_report_options")

    def test_inits_match_the_macros(self):
        pf, q, o = _lib.itav_portfolio_filter(), _lib.itav_question(), \
            _lib.itav_report_options()
        self.assertEqual([pf.version, int(pf.municipality is not None),
                          int(pf.region is not None), int(bool(pf.ids)), pf.id_count,
                          pf.source], [int(x) for x in self.c["init.portfolio"]])
        self.assertEqual([q.version, q.asker, q.age_months, int(q.municipality is not None),
                          q.needs, q.channel], [int(x) for x in self.c["init.question"]])
        self.assertEqual([o.version, o.k, o.as_of, getattr(o, "from"), o.to, o.publish,
                          o.low_k, o.protection, o.method],
                         [int(x) for x in self.c["init.options"]])

    def test_constants(self):
        self.assertEqual([int(x) for x in self.c["consts"]],
                         [_lib.ITAV_EFFECT_COUNT, _lib.ITAV_EFFECT_LAST_CHILD,
                          _lib.ITAV_EFFECT_UNKNOWN, _lib.ITAV_PORTFOLIO_FILTER_VERSION,
                          _lib.ITAV_QUESTION_VERSION, _lib.ITAV_REPORT_OPTIONS_VERSION,
                          _lib.ITAV_THEME_ALL, _lib.ITAV_PLAN_FIELD_COUNT,
                          _lib.ITAV_REPORT_SUPPRESS, _lib.ITAV_REPORT_PERTURB,
                          _lib.ITAV_REPORT_PERTURB_MAX_NOISE])


if __name__ == "__main__":
    unittest.main()
