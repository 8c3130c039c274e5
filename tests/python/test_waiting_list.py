"""The waiting list of a programme report (issue 14) through the bindings: the table is
reached like every other (cell, value, hidden, audit, the writers in both languages)."""

import datetime
import json
import unittest

from test_participants import HEEMSTEDE, OFFER, asking, small_store, supporter

import itav

D = datetime.date
MEDIAN = "median days to a first match"


def waiting_store():
    """Three families of Haarlem: a1 (registered 2021-01-15) in trial from 2021-02-15 (31
    days), a2 (2021-03-01) in trial from 2021-03-21 (20 days), a3 (2021-04-01) waiting; two
    busy supporters and one free, all registered in 2020."""
    store = small_store()
    store.create(asking("a1", municipality="Haarlem"))
    store.create(asking("a2", municipality="Haarlem", registered="2021-03-01"))
    store.create(asking("a3", municipality="Haarlem", registered="2021-04-01"))
    for ref in ("s1", "s2", "s3"):
        store.create(supporter(ref, location=HEEMSTEDE, municipality="Heemstede"))
    for a, s, proposed, start in (("a1", "s1", "2021-02-01", "2021-02-15"),
                                  ("a2", "s2", "2021-03-10", "2021-03-21")):
        m = store.propose(a, s, proposed)
        m = store.advance(m, "introduced", proposed)
        store.advance(m, "trial", start)
    return store


class TestWaitingList(unittest.TestCase):
    def test_cells_by_hand(self):
        with waiting_store() as st:
            rep = st.report(OFFER, k=1, start="2021-01-01", end="2021-12-31")
            self.assertEqual(rep.table_names[-1], "waiting_list")
            t = rep["waiting_list"]
            self.assertEqual(t.columns, ["municipality", "asking registered",
                                         "supporters registered", "asking waiting at the end",
                                         "supporters available at the end", "first matches",
                                         MEDIAN])
            # Haarlem: 3 families signed up in 2021, a3 waits, 2 first matches after 31 and 20
            # days; Heemstede: the supporters (registered in 2020), s3 has room
            self.assertEqual(t.cell("Haarlem", "asking registered"), "3")
            self.assertEqual(t.cell("Haarlem", "asking waiting at the end"), "1")
            self.assertEqual(t.value("Haarlem", "first matches"), 2)
            self.assertEqual(t.value("Haarlem", MEDIAN), 25.5)
            self.assertEqual(t.cell("Heemstede", "supporters available at the end"), "1")
            self.assertEqual(t.cell("Heemstede", "supporters registered"), "0")
            self.assertEqual(t.cell("Heemstede", MEDIAN), "")

    def test_suppressed_and_written(self):
        with waiting_store() as st:
            rep = st.report(OFFER, k=3, start="2021-01-01", end="2021-12-31")
            t = rep["waiting_list"]
            # 2 first matches are a small count: the median is hidden with it
            self.assertEqual(t.cell("Haarlem", "first matches"), "<3")
            self.assertIsNone(t.value("Haarlem", MEDIAN))
            self.assertIs(t.hidden("Haarlem", MEDIAN), itav.Hidden.MAGNITUDE)
            self.assertEqual(t.cell("Haarlem", MEDIAN), "hidden to protect small numbers")
            safe, low, high = t.audit("Haarlem", "first matches")
            self.assertTrue(safe)
            self.assertIsNone(t.audit("Haarlem", "asking registered"))   # shown
            self.assertIn("## Wachtlijst per gemeente", rep.write("md", lang="nl"))
            self.assertIn("waiting_list", rep.to_csv())
            names = [x["name"] for x in json.loads(rep.to_json())["tables"]]
            self.assertEqual(names[-1], "waiting_list")


if __name__ == "__main__":
    unittest.main()
