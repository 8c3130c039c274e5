"""The cell key method from Python: store.report(offer, perturb=True) (issue 15, step 4)."""

import json
import unittest

from test_participants import OFFER
from test_report import report_store

import itav
from itav import _lib

COUNT_TABLES = ("matches_by_state", "matches_started", "reviews", "formal_help")


class TestCellKey(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.store = report_store()

    @classmethod
    def tearDownClass(cls):
        cls.store.close()

    def test_perturbed_counts(self):
        rep = self.store.report(OFFER, perturb=True)
        truth = self.store.report(OFFER, k=1)
        self.assertTrue(rep.perturbed)
        self.assertFalse(truth.perturbed)
        moved = 0
        for name in COUNT_TABLES:
            p, t = rep[name], truth[name]
            self.assertEqual(len(p), len(t))
            for row in range(len(p)):
                for col in range(1, len(p.columns)):
                    if "mean" in p.columns[col] or "percent" in p.cell(row, 0):
                        continue
                    true, shown = t.value(row, col), p.value(row, col)
                    if true is None:
                        continue
                    self.assertIsNotNone(shown, "%s %d %s hidden" % (name, row, col))
                    self.assertLessEqual(abs(shown - true), _lib.ITAV_REPORT_PERTURB_MAX_NOISE)
                    self.assertNotIn(shown, (1, 2))
                    if 1 <= true <= 4:
                        self.assertNotEqual(shown, true)
                    moved += shown != true
        self.assertGreater(moved, 0)

    def test_means_leave_out_what_they_hide(self):
        # Two final reviews (mark 9): their mean is hidden, and the overall mean is the trial
        # reviews' alone (marks 5 to 10), or the two could be worked out from it.
        reviews = self.store.report(OFFER, perturb=True)["reviews"]
        self.assertEqual(reviews.cell("final", "mean mark"), "hidden to protect small numbers")
        self.assertEqual(reviews.cell("trial", "mean mark"), "7.5")
        self.assertEqual(reviews.cell(3, "mean mark"), "7.5")

    def test_same_store_same_noise(self):
        a = self.store.report(OFFER, perturb=True).to_json()
        b = self.store.report(OFFER, perturb=True).to_json()
        self.assertEqual(a, b)
        doc = json.loads(a)
        self.assertEqual(doc["method"], "perturb")
        self.assertEqual(doc["max_noise"], 3)
        self.assertEqual(json.loads(self.store.report(OFFER).to_json())["method"], "suppress")
        self.assertIn("Counts perturbed by the cell key method.",
                      self.store.report(OFFER, perturb=True).to_markdown())

    def test_options_and_ledger(self):
        o = self.store.make_report_options(perturb=True)
        self.assertEqual(o.version, 3)
        self.assertEqual(o.method, _lib.ITAV_REPORT_PERTURB)
        self.assertEqual(itav.Store.make_report_options().method, _lib.ITAV_REPORT_SUPPRESS)
        rep = self.store.report(OFFER, perturb=True, publish=True)
        rid = self.store.record_release(rep)  # recorded with its method (itav_release_method)
        try:
            self.assertTrue(self.store.get_release(rid).perturbed)
        finally:
            self.store.remove_release(rid)


if __name__ == "__main__":
    unittest.main()
