"""Costs and funding of offers and interventions (itav/cost.h, issue 16)."""

import datetime
import json
import unittest

import itav
from itav import Cost, CostUnit, Funder, Qualifier, ShareKind


def budget():
    return Cost("the 2021 budget", 109490, unit="total", text="€ 109.490",
                period=("2021-01-01", "2021-12-31"), note="Invoiced twice a year.",
                source="002:L141-143", funders=[Funder("Haarlem"), Funder("Zandvoort")])


class TestCost(unittest.TestCase):
    def test_values_and_copy(self):
        c = budget()
        self.assertEqual(c.min, 109490)
        self.assertEqual(c.max, 109490)
        self.assertEqual(c.unit, CostUnit.TOTAL)
        self.assertEqual(c.unit.code, "total")
        self.assertEqual(c.qualifier, Qualifier.EXACT)
        self.assertEqual(c.currency, "EUR")
        self.assertEqual(c.period, (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)))
        self.assertEqual([f.name for f in c.funders], ["Haarlem", "Zandvoort"])
        self.assertEqual(c.copy(), c)
        self.assertEqual([f.name for f in c.without_funder(0).funders], ["Zandvoort"])
        with self.assertRaises(itav.RangeError):
            c.without_funder(5)

    def test_range_and_shares(self):
        c = Cost("a trajectory", 800, 1000, unit="per_young_person")
        self.assertEqual((c.qualifier, c.min, c.max), (Qualifier.RANGE, 800, 1000))
        d = Cost("the coaches", funders=[Funder("gemeente", "percent", 80, qualifier="about"),
                                         Funder("school", ShareKind.PERCENT, 20,
                                                qualifier="about")])
        self.assertIsNone(d.qualifier)
        self.assertIsNone(d.min)
        self.assertEqual(d.funders[0].kind, ShareKind.PERCENT)
        self.assertEqual(d.funders[0].qualifier, Qualifier.ABOUT)
        self.assertEqual(d.funders[1].min, 20)

    def test_bad_input_names_the_field(self):
        with self.assertRaisesRegex(itav.InvalidArgument, "amount: an amount is 0 or more"):
            Cost("x", -5, unit="total")
        with self.assertRaisesRegex(itav.InvalidArgument, "amount: an amount needs a unit"):
            Cost("x", 5)
        with self.assertRaisesRegex(itav.InvalidArgument, "unknown unit 'per_week'"):
            Cost("x", 5, unit="per_week")
        with self.assertRaisesRegex(itav.InvalidArgument, r"funders\[1\]: .*at most 100"):
            Cost("x", funders=[Funder("a", "percent", 80), Funder("b", "percent", 30)])
        with self.assertRaisesRegex(itav.InvalidArgument, "currency"):
            Cost("x", currency="euro")
        with self.assertRaisesRegex(itav.InvalidArgument, "source"):
            Cost("x", source="002:141")

    def test_offer_and_intervention_costs_round_trip(self):
        with itav.open("memory:") as store:
            iv = itav.Intervention("iv", name="A")
            iv.add_cost(Cost("the method", 300, unit="per_film"))
            self.assertEqual(len(iv.costs), 1)
            iv.remove_cost(0)
            self.assertEqual(iv.costs, [])
            iv.costs = [Cost("the method", 300, unit="per_film", source="004:L528")]
            store.create(iv)
            of = itav.Offer("of", "iv")
            of.costs = [budget(), Cost("the start", funders=[Funder("Stichting Kernkracht")])]
            of.capacity = [itav.Figure("coordinator hours per week", "exact", 10, text="10 uur")]
            store.create(of)
            got = store.get_offer("of")
            self.assertEqual(got.costs, of.costs)
            self.assertEqual(got.capacity[0].min, 10)
            self.assertEqual(store.get_intervention("iv").costs[0].unit, CostUnit.PER_FILM)
            got.remove_cost(-1)
            self.assertEqual(len(got.costs), 1)
            with self.assertRaises(itav.RangeError):
                got.remove_cost(3)
            text = store.export_json()
            doc = json.loads(text)
            cost = doc["offers"][0]["costs"][0]
            self.assertEqual(cost["amount"], {"qualifier": "exact", "value": 109490,
                                              "text": "€ 109.490"})
            self.assertEqual(cost["unit"], "total")
            with itav.open("memory:") as again:
                again.import_json(text)
                self.assertEqual(again.export_json(), text)

    def test_catalogue_costs(self):
        with itav.open("memory:") as store:
            store.load_catalog()
            zk = store.get_offer("buurtgezinnen-zuid-kennemerland").costs
            self.assertEqual([(c.min, c.unit.code) for c in zk], [(109490, "total")])
            diemen = store.get_offer("vws-diemen-ouder-en-kindcoaches-diemen").costs[0]
            self.assertEqual([(f.name, f.min) for f in diemen.funders],
                             [("gemeente Diemen", 80), ("the schools", 20)])
            leiden = store.get_offer("buurtgezinnen-leiden")
            self.assertEqual([f.what for f in leiden.capacity], ["coordinator hours per week"])
            self.assertNotIn("coordinator hours per week", [f.what for f in leiden.targets])


class TestCostReport(unittest.TestCase):
    def test_costs_in_the_programme_report(self):
        with itav.open("memory:") as store:
            store.load_catalog()
            rep = store.report("vws-de-marne-jeugdsoos-de-marne", k=5)
            self.assertEqual(rep.table_names[-1], "costs")
            rows = rep.table("costs").as_dicts()
            # one row per cost, never a total across units
            self.assertEqual([(r["amount"], r["unit"]) for r in rows],
                             [("300", "per film"), ("600", "per youth club"),
                              ("600", "per youth club")])
            self.assertNotIn("1500", rep.to_csv())
            md_nl = rep.to_markdown(lang="nl")
            self.assertIn("Kosten en financiering", md_nl)
            self.assertIn("per filmpje", md_nl)
            self.assertIn("| bedrag |", md_nl)
            csv = rep.to_csv()
            self.assertIn("costs", csv)
            doc = json.loads(rep.to_json())
            self.assertEqual(doc["tables"][-1]["name"], "costs")
            diemen = store.report("vws-diemen-ouder-en-kindcoaches-diemen", k=5)
            row = diemen.table("costs").as_dicts()[0]
            self.assertEqual(row["funders"],
                             "gemeente Diemen: about 80 percent; the schools: about 20 percent")
            # no costs, no table: the tables before it keep their places
            self.assertNotIn("costs", store.report("buurtgezinnen-leiden", k=5).table_names)


if __name__ == "__main__":
    unittest.main()
