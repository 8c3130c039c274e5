"""The lifecycle as coordinators live it, through the bindings: certificates of conduct that
expire, the evaluation a trial needs, and an erasure that says what it did."""

import datetime
import unittest

from test_participants import HEEMSTEDE, OFFER, asking, small_store, supporter

import itav

D = datetime.date


def vog_store(months=36):
    """small_store() whose plan says how long a certificate counts."""
    store = small_store()
    iv = store.get_intervention("buurtgezinnen")
    plan = iv.plan
    plan.vog_valid_months = months
    iv.plan = plan
    store.update(iv)
    return store


def in_trial(store, n=1, start="2021-04-01"):
    """A fresh pair, proposed, introduced and in trial from start."""
    store.create(asking("a%d" % n))
    store.create(supporter("s%d" % n, location=HEEMSTEDE))
    m = store.propose("a%d" % n, "s%d" % n, "2021-03-01")
    m = store.advance(m, "introduced", "2021-03-15")
    return store.advance(m, "trial", start)


class TestCertificates(unittest.TestCase):
    def test_expiring_certificates_are_listed(self):
        with vog_store() as st:
            st.create(supporter("v-old", vog_date="2018-05-31"))
            st.create(supporter("v-edge", vog_date="2018-06-30"))
            st.create(supporter("v-none", vog_date=None))
            self.assertEqual(st.participants_due("2021-06-15"),
                             [itav.CertificateDue("v-old", itav.DueKind.VOG_EXPIRY,
                                                  D(2021, 6, 1), 14)])
            self.assertEqual([(c.participant, c.date, c.overdue_days)
                              for c in st.participants_due("2021-06-15", offer=OFFER,
                                                           within_days=16)],
                             [("v-old", D(2021, 6, 1), 14), ("v-edge", D(2021, 7, 1), -16)])
            self.assertEqual(st.participants_due("2021-05-31"), [])
            self.assertEqual(itav.DueKind.VOG_EXPIRY.code, "vog_expiry")
            with self.assertRaises(TypeError):
                st.participants_due("2021-06-15", within_days="7")
            with self.assertRaises(itav.InvalidArgument):
                st.participants_due("2021-06-15", within_days=-1)

    def test_an_expired_certificate_excludes_with_its_reason(self):
        with vog_store() as st:
            st.create(asking("a1"))
            st.create(supporter("v-old", vog_date="2018-05-31"))
            st.create(supporter("v-none", vog_date=None))
            before = itav.MatchOptions(as_of="2021-05-31")
            on = itav.MatchOptions(as_of="2021-06-01")
            self.assertIsNone(st.score("a1", "v-old", before).excluded)
            self.assertEqual(st.score("a1", "v-old", on).excluded, "vog_expired")
            self.assertIs(st.score("a1", "v-old", on).constraint, itav.Constraint.VOG_EXPIRED)
            self.assertIs(st.score("a1", "v-none", on).constraint, itav.Constraint.SCREENING)
            self.assertEqual(itav.Constraint.VOG_EXPIRED.code, "vog_expired")
            with self.assertRaisesRegex(itav.StateError, "certificate of conduct expired"):
                st.propose("a1", "v-old", "2021-06-01")


class TestTrialEvaluation(unittest.TestCase):
    def test_active_needs_a_trial_review_or_an_explicit_skip(self):
        with small_store() as st:
            m = in_trial(st, 1)
            with self.assertRaisesRegex(itav.StateError, "has no trial review"):
                st.advance(m, "active", "2021-06-01")
            self.assertIs(st.get_match(m.id).state, itav.MatchState.TRIAL)
            st.add_review(m, kind="trial", date="2021-06-01", respondent="coordinator",
                          satisfaction=8)
            self.assertIs(st.advance(m, "active", "2021-06-01").state, itav.MatchState.ACTIVE)

            m2 = in_trial(st, 2)
            with self.assertRaisesRegex(itav.InvalidArgument, "needs a note"):
                st.skip_evaluation(m2, "2021-06-01", "  ")
            with self.assertRaises(TypeError):
                st.skip_evaluation(m2, "2021-06-01", None)
            m2 = st.skip_evaluation(m2, "2021-06-03", "evaluated by phone", actor="coordinator")
            self.assertIs(m2.state, itav.MatchState.ACTIVE)
            self.assertEqual(m2.trail[-1], itav.Transition(
                itav.MatchState.ACTIVE, D(2021, 6, 3), itav.Actor.COORDINATOR,
                "trial evaluation skipped: evaluated by phone"))
            with self.assertRaisesRegex(itav.StateError, "only a match in trial"):
                st.skip_evaluation(m2, "2021-06-04", "again")


class TestErasureReport(unittest.TestCase):
    def test_erase_on_a_date_lists_the_closed_matches(self):
        with small_store() as st:
            m = in_trial(st, 1)
            st.create(asking("a2"))
            with self.assertRaisesRegex(itav.InvalidArgument, "before the last move"):
                st.erase("a1", "2021-03-31")
            self.assertIs(st.get_match(m.id).state, itav.MatchState.TRIAL)
            e = st.erase("a1", "2021-05-01")
            self.assertEqual(e, itav.Erasure("~erased-1", D(2021, 5, 1),
                                             [(m.id, itav.MatchState.ENDED_EARLY)]))
            self.assertEqual(st.get_match(m.id).trail[-1].date, D(2021, 5, 1))
            self.assertEqual(st.erase("a2").closed, [])
            st.create(asking("a3"))
            self.assertEqual(st.erase_participant("a3", date="2021-06-01"), "~erased-3")
            self.assertEqual(st.get_participant("~erased-3").status_date, D(2021, 6, 1))


if __name__ == "__main__":
    unittest.main()
