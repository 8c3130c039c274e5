"""Proposals nobody acted on (issue 14): the plan's proposal_days, what falls due, and how
long a proposal has waited, through the bindings."""

import datetime
import json
import unittest

from test_participants import HEEMSTEDE, OFFER, asking, small_store, supporter

import itav

D = datetime.date


def proposal_store(days):
    """small_store() whose plan lets a proposal wait `days` days, with three pairs proposed on
    1 March 2021: one left alone, one introduced, one declined."""
    store = small_store()
    iv = store.get_intervention("buurtgezinnen")
    plan = iv.plan
    plan.proposal_days = days
    iv.plan = plan
    store.update(iv)
    ids = []
    for n in (1, 2, 3):
        store.create(asking("a%d" % n))
        store.create(supporter("s%d" % n, location=HEEMSTEDE))
        ids.append(store.propose("a%d" % n, "s%d" % n, "2021-03-01").id)
    store.advance(ids[1], "introduced", "2021-03-05")
    store.advance(ids[2], "declined", "2021-03-02", reason="no_click")
    return store, ids[0]


class TestProposalDue(unittest.TestCase):
    def test_plan_field(self):
        p = itav.Plan(proposal_days=14)
        self.assertEqual(p.proposal_days, 14)
        self.assertEqual(p.get(itav.PlanField.PROPOSAL_DAYS), 14)
        self.assertEqual(str(itav.PlanField.PROPOSAL_DAYS.code), "proposal_days")
        p.proposal_days = 0                       # 0 is a value: never falls due
        self.assertEqual(p.to_dict(), {"proposal_days": 0})
        for bad in (-2, 36501):
            with self.assertRaises(itav.InvalidArgument) as cm:
                p.proposal_days = bad
            self.assertIn("proposal_days", str(cm.exception))

    def test_due_on_the_day_not_before(self):
        store, m = proposal_store(14)
        with store as st:
            self.assertEqual(st.due("2021-03-14"), [])
            self.assertEqual(st.due("2021-03-14", within_days=1),
                             [itav.Due(m, itav.DueKind.PROPOSAL, D(2021, 3, 15), -1)])
            due = st.due("2021-04-04")
            self.assertEqual(due, [itav.Due(m, itav.DueKind.PROPOSAL, D(2021, 3, 15), 20)])
            self.assertEqual(due[0].since, D(2021, 3, 1))
            self.assertEqual((D(2021, 4, 4) - due[0].since).days, 34)
            # the offer switches its intervention's limit off
            of = st.get_offer(OFFER)
            of.plan = {"proposal_days": 0}
            st.update(of)
            self.assertEqual(st.effective_plan(OFFER).proposal_days, 0)
            self.assertEqual(st.due("2021-04-04"), [])
            of.plan = None
            st.update(of)
            st.advance(m, "introduced", "2021-04-04")
            self.assertEqual(st.due("2021-04-04"), [])

    def test_json_round_trip(self):
        store, _ = proposal_store(14)
        with store as st:
            text = st.export_json()
            plan = json.loads(text)
            ivs = [iv for iv in plan["interventions"] if iv["id"] == "buurtgezinnen"]
            self.assertEqual(ivs[0]["plan"]["proposal_days"], 14)
            with itav.open() as other:
                other.import_json(text)
                self.assertEqual(other.export_json(), text)
                self.assertEqual(other.effective_plan(OFFER).proposal_days, 14)


if __name__ == "__main__":
    unittest.main()
