"""Reviews of matches through the bindings: the review enumerations, the Review object and its
checks, reviews in stores (memory and SQLite) with the states that take them, the final review
a plan can require, the due query they move on, and erasure."""

import ctypes
import datetime
import os
import tempfile
import unittest

from test_participants import HEEMSTEDE, OFFER, asking, small_store, supporter

import itav
from itav import _lib

D = datetime.date


class TestCodes(unittest.TestCase):
    CODED = {
        itav.ReviewKind: itav.CodeType.REVIEW_KIND,
        itav.Respondent: itav.CodeType.RESPONDENT,
        itav.Effect: itav.CodeType.EFFECT,
        itav.FormalHelp: itav.CodeType.FORMAL_HELP,
    }

    def test_members_are_the_library_codes(self):
        for cls, ctype in self.CODED.items():
            for m in cls:
                self.assertEqual(m.name.lower(), itav.code_name(ctype, m), m)
                self.assertIs(cls.parse(m.code), m)
            self.assertIsNone(itav.code_name(ctype, max(cls) + 1), cls)
            self.assertIsNone(itav.code_name(ctype, 0), cls)

    def test_effects_for_children_and_parents(self):
        self.assertEqual(len(itav.Effect), itav.EFFECT_COUNT)
        children = [e.code for e in itav.Effect if e.for_children]
        self.assertEqual(children, ["carefree_childhood", "broader_horizon", "child_confidence",
                                    "social_contacts", "school_results", "behaviour"])
        self.assertEqual(len(children), _lib.ITAV_EFFECT_LAST_CHILD)

    def test_plan_field_and_due_kind(self):
        self.assertEqual(itav.PlanField.FINAL_REVIEW.code, "final_review")
        self.assertEqual(itav.DueKind.FINAL_REVIEW.code, "final_review")
        self.assertEqual(len(itav.PlanField), _lib.ITAV_PLAN_FIELD_COUNT)
        plan = itav.Plan(final_review=True)
        self.assertIs(plan.final_review, True)
        self.assertEqual(plan.to_dict(), {"final_review": True})
        with self.assertRaises(itav.InvalidArgument) as cm:
            plan.final_review = 2
        self.assertIn("final_review is True or False", str(cm.exception))


class TestReviewObject(unittest.TestCase):
    def test_defaults(self):
        r = itav.Review("trial", "2021-08-15", "coordinator")
        self.assertIs(r.kind, itav.ReviewKind.TRIAL)
        self.assertEqual(r.date, D(2021, 8, 15))
        self.assertIs(r.respondent, itav.Respondent.COORDINATOR)
        self.assertEqual((r.id, r.match, r.satisfaction, r.safety_concern, r.safety_note,
                          r.formal_help, r.note), (None, None, None, False, None, None, None))
        self.assertEqual(r.effects, {})
        for e in itav.Effect:
            self.assertIsNone(r.effect(e))
        self.assertEqual(r.to_dict(), {"kind": "trial", "date": "2021-08-15",
                                       "respondent": "coordinator", "safety_concern": False})

    def test_every_field(self):
        r = itav.Review(itav.ReviewKind.FINAL, D(2023, 6, 1), itav.Respondent.ASKING,
                        satisfaction=9, safety_concern=True, safety_note="a fall on the stairs",
                        effects={"rest": 2, itav.Effect.NETWORK: 1, 1: -1, "behaviour": 0},
                        formal_help="reduced", note="ended well")
        self.assertEqual(r.satisfaction, 9)
        self.assertTrue(r.safety_concern)
        self.assertEqual(r.safety_note, "a fall on the stairs")
        self.assertEqual(r.effects, {itav.Effect.CAREFREE_CHILDHOOD: -1,
                                     itav.Effect.BEHAVIOUR: 0, itav.Effect.REST: 2,
                                     itav.Effect.NETWORK: 1})
        self.assertIs(r.formal_help, itav.FormalHelp.REDUCED)
        self.assertEqual(r.note, "ended well")
        # clearing
        r.satisfaction = None
        r.set_safety(False)
        r.set_effect("rest", None)
        r.formal_help = None
        r.note = ""
        self.assertEqual((r.satisfaction, r.safety_concern, r.safety_note, r.formal_help,
                          r.note, r.effect("rest")), (None, False, None, None, None, None))
        r.effects = {"future": 2}
        self.assertEqual(r.effects, {itav.Effect.FUTURE: 2})
        self.assertEqual(r, itav.Review("final", "2023-06-01", "asking",
                                        effects={"future": 2}))
        self.assertNotEqual(r, itav.Review("final", "2023-06-01", "supporting",
                                           effects={"future": 2}))

    def test_scores_off_their_scale(self):
        r = itav.Review("periodic", "2022-01-01", "supporting", satisfaction=7)
        for mark in (11, -1, 2 ** 40):
            with self.assertRaises(itav.RangeError) as cm:
                r.satisfaction = mark
            self.assertIn("satisfaction", str(cm.exception))
            self.assertIn("1 to 10", str(cm.exception))
            self.assertEqual(cm.exception.code, -12)
        for score in (3, -3, 127):
            with self.assertRaises(itav.RangeError) as cm:
                r.set_effect("rest", score)
            self.assertIn("effect rest", str(cm.exception))
            self.assertIn("-2", str(cm.exception))
        with self.assertRaises(TypeError):
            r.satisfaction = 7.5
        r.set_effect("future", 1)
        with self.assertRaises(itav.RangeError):
            r.effects = {"rest": 2, "taking_part": 5}
        # bad input changes nothing
        self.assertEqual(r.satisfaction, 7)
        self.assertEqual(r.effects, {itav.Effect.FUTURE: 1})
        with self.assertRaises(itav.RangeError):
            itav.Review("final", "2022-01-01", "asking", satisfaction=12)

    def test_unknown_codes_and_bad_arguments(self):
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Review("closing", "2022-01-01", "asking")
        self.assertIn("trial, periodic, final", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Review("final", "2022-01-01", "parent")
        self.assertIn("asking, supporting, coordinator", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Review("final", None, "asking")
        self.assertIn("date is required", str(cm.exception))
        r = itav.Review("final", "2022-01-01", "asking")
        with self.assertRaises(itav.InvalidArgument) as cm:
            r.set_effect("happiness", 1)
        self.assertIn("carefree_childhood", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            r.set_effect(13, 1)
        with self.assertRaises(itav.InvalidArgument) as cm:
            r.formal_help = "cancelled"
        self.assertIn("prevented, reduced, stopped, referred, none_needed, unknown",
                      str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            r.set_safety(False, "a note without a concern")
        self.assertIn("only allowed with a concern", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            r.set_safety(2)
        self.assertIn("True or False", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            r.note = "x" * 70000
        self.assertIn("65536", str(cm.exception))
        self.assertEqual(r.to_dict(), {"kind": "final", "date": "2022-01-01",
                                       "respondent": "asking", "safety_concern": False})

    def test_raw_new_rejects_what_the_header_says(self):
        ptr = _lib.review_p()
        self.assertEqual(_lib.lib.itav_review_new(ctypes.byref(ptr), 4, 0, 1), -3)
        self.assertEqual(_lib.lib.itav_review_new(ctypes.byref(ptr), 1, 0, 0), -3)
        self.assertEqual(_lib.lib.itav_review_new(ctypes.byref(ptr), 1, _lib.ITAV_DATE_NONE, 1),
                         -3)
        self.assertEqual(_lib.lib.itav_review_new(None, 1, 0, 1), -3)
        # getters of a NULL review
        self.assertEqual((_lib.lib.itav_review_get_kind(None), _lib.lib.itav_review_date(None),
                          _lib.lib.itav_review_effect(None, 1),
                          _lib.lib.itav_review_formal_help(None)),
                         (0, _lib.ITAV_DATE_NONE, _lib.ITAV_EFFECT_UNKNOWN, 0))


# ---- a scenario in a store -----------------------------------------------------------------

def pairs_store(uri="memory:", pairs=3, plan_changes=None):
    """small_store() (trial two months, reviews every six, two years at most) with asking
    families a001.. in Haarlem and supporters s001.. in Heemstede."""
    store = small_store(uri)
    if plan_changes:
        iv = store.get_intervention("buurtgezinnen")
        plan = iv.plan
        for field, value in plan_changes.items():
            plan[field] = value
        iv.plan = plan
        store.update(iv)
    for i in range(1, pairs + 1):
        store.create(asking("bg-zk-a%03d" % i, municipality="Haarlem"))
        store.create(supporter("bg-zk-s%03d" % i, location=HEEMSTEDE, municipality="Heemstede"))
    return store


def start_match(store, i, start, state="trial"):
    """Proposes pair i a week before start, introduces it, and starts the trial on start;
    "active" also ends the trial two months later, its evaluation skipped (with a note: the
    plan has a trial). Returns the match."""
    start = itav.to_date(itav.to_days(start))
    m = store.propose("bg-zk-a%03d" % i, "bg-zk-s%03d" % i, start - datetime.timedelta(days=7))
    m = store.advance(m, "introduced", start - datetime.timedelta(days=3))
    m = store.advance(m, "trial", start)
    if state == "active":
        m = store.skip_evaluation(m, _months_later(start, 2), "evaluated outside the store")
    return m


def _months_later(d, months):
    y, m = divmod(d.month - 1 + months, 12)
    return D(d.year + y, m + 1, d.day)


class TestReviewsInStore(unittest.TestCase):
    def stores(self):
        """A memory store and a SQLite one, each with three pairs."""
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        for uri in ("memory:", "sqlite:" + os.path.join(tmp.name, "reviews.db")):
            store = pairs_store(uri)
            self.addCleanup(store.close)
            yield uri, store

    def assertRefused(self, store, exc, call, *words):
        """call() raises exc whose message holds every word, and the store is unchanged."""
        before = store.export_json()
        with self.assertRaises(exc) as cm:
            call()
        for w in words:
            self.assertIn(w, str(cm.exception))
        self.assertEqual(store.export_json(), before)
        return cm.exception

    def test_states_that_take_reviews(self):
        for uri, st in self.stores():
            with self.subTest(uri):
                m = st.propose("bg-zk-a001", "bg-zk-s001", "2021-06-01")
                trial = itav.Review("trial", "2021-06-02", "coordinator")
                # a proposed match takes no review at all
                for kind in itav.ReviewKind:
                    self.assertRefused(st, itav.StateError, lambda: st.add_review(
                        m, itav.Review(kind, "2021-06-02", "asking")), "proposed")
                m = st.advance(m, "introduced", "2021-06-08")
                self.assertRefused(st, itav.StateError, lambda: st.add_review(m, trial))
                m = st.advance(m, "trial", "2021-06-15")
                # in trial: a trial review, not a periodic one, not dated before the trial
                self.assertRefused(st, itav.StateError, lambda: st.add_review(
                    m, kind="periodic", date="2021-07-01", respondent="asking"), "periodic")
                self.assertRefused(st, itav.RangeError, lambda: st.add_review(
                    m, kind="trial", date="2021-06-14", respondent="asking"), "2021-06-15")
                self.assertRefused(st, itav.NotFound, lambda: st.add_review(
                    "m-99999999", kind="trial", date="2021-08-10", respondent="asking"),
                    "m-99999999")
                first = st.add_review(m, kind="trial", date="2021-08-10",
                                      respondent="coordinator", satisfaction=8)
                self.assertRegex(first.id, r"^r-\d{8}$")
                self.assertEqual(first.match, m.id)
                self.assertEqual(first.satisfaction, 8)
                # once per respondent
                self.assertRefused(st, itav.StateError, lambda: st.add_review(
                    m, kind="trial", date="2021-08-11", respondent="coordinator"),
                    "coordinator")
                other = st.add_review(m, itav.Review("trial", "2021-08-11", "asking",
                                                     satisfaction=7))
                self.assertNotEqual(other.id, first.id)
                m = st.advance(m, "active", "2021-08-16")
                # active: periodic and final; a trial review no more
                self.assertRefused(st, itav.StateError, lambda: st.add_review(
                    m, kind="trial", date="2021-09-01", respondent="supporting"))
                per = st.add_review(m, kind="periodic", date="2022-02-10",
                                    respondent="supporting", satisfaction=6,
                                    effects={"rest": 1})
                self.assertEqual(per.effects, {itav.Effect.REST: 1})
                m = st.advance(m, "completed", "2023-06-15")
                # after the closure: a final review only
                self.assertRefused(st, itav.StateError, lambda: st.add_review(
                    m, kind="periodic", date="2023-07-01", respondent="asking"))
                fin = st.add_review(m, kind="final", date="2023-07-01", respondent="asking",
                                    satisfaction=9, formal_help="prevented",
                                    effects={"carefree_childhood": 2, "network": 1},
                                    safety_concern=False, note="good ending")
                self.assertIs(fin.formal_help, itav.FormalHelp.PREVENTED)
                # a declined match takes none
                d = st.propose("bg-zk-a002", "bg-zk-s002", "2021-06-01")
                d = st.advance(d, "declined", "2021-06-03", reason="no_click")
                self.assertRefused(st, itav.StateError, lambda: st.add_review(
                    d, kind="final", date="2021-06-04", respondent="coordinator"))
                # an early end takes a final review
                e = start_match(st, 3, "2021-09-01")
                e = st.advance(e, "ended_early", "2021-09-20", reason="moved")
                st.add_review(e, kind="final", date="2021-09-21", respondent="coordinator",
                              formal_help="unknown")

                # reading back: stored copies, listed by date then id
                self.assertEqual(st.get_review(fin.id), fin)
                self.assertEqual(st.get_review(fin.id).to_dict()["effects"],
                                 {"carefree_childhood": 2, "network": 1})
                self.assertEqual([r.id for r in st.reviews(m)],
                                 [first.id, other.id, per.id, fin.id])
                self.assertEqual([r.kind.code for r in st.reviews(match=m.id)],
                                 ["trial", "trial", "periodic", "final"])
                self.assertEqual(len(st.reviews()), 5)
                self.assertEqual(len(st.reviews(offer=OFFER)), 5)
                self.assertEqual(st.reviews(offer="home-start-delft"), [])
                self.assertEqual(st.reviews(match=d), [])
                with self.assertRaises(itav.NotFound):
                    st.get_review("r-99999999")
                dates = [r.date for r in st.reviews()]
                self.assertEqual(dates, sorted(dates))

    def test_add_review_arguments(self):
        with pairs_store() as st:
            m = start_match(st, 1, "2021-06-15")
            with self.assertRaises(TypeError):
                st.add_review(m, itav.Review("trial", "2021-07-01", "asking"), satisfaction=3)
            with self.assertRaises(TypeError):
                st.add_review(m, "trial")
            with self.assertRaises(TypeError):
                st.add_review(42, itav.Review("trial", "2021-07-01", "asking"))
            self.assertEqual(st.reviews(), [])

    def test_reviews_move_the_due_query_on(self):
        with pairs_store() as st:
            m = start_match(st, 1, "2021-06-15")
            self.assertEqual([(d.kind, d.date) for d in st.due("2021-09-01")],
                             [(itav.DueKind.TRIAL_EVALUATION, D(2021, 8, 15))])
            st.add_review(m, kind="trial", date="2021-08-13", respondent="coordinator")
            self.assertEqual(st.due("2021-09-01"), [])   # the trial review settles it
            m = st.advance(m, "active", "2021-08-16")
            self.assertEqual([(d.kind, d.date) for d in st.due("2022-03-01")],
                             [(itav.DueKind.REVIEW, D(2022, 2, 16))])
            st.add_review(m, kind="periodic", date="2022-02-20", respondent="coordinator")
            # the next one six months after the latest periodic review
            self.assertEqual([(d.kind, d.date) for d in st.due("2022-08-25")],
                             [(itav.DueKind.REVIEW, D(2022, 8, 20))])
            self.assertEqual(st.due("2022-08-19"), [])

    def test_plan_requires_a_final_review(self):
        with pairs_store(plan_changes={"final_review": True}) as st:
            self.assertIs(st.effective_plan(OFFER).final_review, True)
            m = start_match(st, 1, "2021-06-15", state="active")
            due = st.due("2023-07-01")
            self.assertEqual([(d.kind, d.date) for d in due if d.kind != itav.DueKind.REVIEW],
                             [(itav.DueKind.CLOSURE, D(2023, 6, 15)),
                              (itav.DueKind.FINAL_REVIEW, D(2023, 6, 15))])
            before = st.export_json()
            with self.assertRaises(itav.StateError) as cm:
                st.advance(m, "completed", "2023-06-15")
            self.assertIn("final review", str(cm.exception))
            self.assertEqual(st.export_json(), before)
            st.add_review(m, kind="final", date="2023-06-10", respondent="coordinator",
                          formal_help="stopped")
            self.assertNotIn(itav.DueKind.FINAL_REVIEW, [d.kind for d in st.due("2023-07-01")])
            m = st.advance(m, "completed", "2023-06-15")
            self.assertIs(m.state, itav.MatchState.COMPLETED)
        # without the plan field a match completes without one
        with pairs_store() as st:
            m = start_match(st, 1, "2021-06-15", state="active")
            self.assertNotIn(itav.DueKind.FINAL_REVIEW, [d.kind for d in st.due("2023-07-01")])
            self.assertIs(st.advance(m, "completed", "2023-06-15").state,
                          itav.MatchState.COMPLETED)

    def test_erasure_blanks_notes_and_keeps_scores(self):
        with pairs_store() as st:
            m = start_match(st, 1, "2021-06-15")
            r = st.add_review(m, kind="trial", date="2021-08-10", respondent="asking",
                              satisfaction=4, safety_concern=True,
                              safety_note="the supporter smokes indoors",
                              effects={"rest": -1}, note="mother of Fleur")
            st.erase_participant("bg-zk-a001")
            after = st.get_review(r.id)
            self.assertEqual((after.note, after.safety_note), (None, None))
            self.assertEqual((after.satisfaction, after.safety_concern, after.effects),
                             (4, True, {itav.Effect.REST: -1}))
            self.assertNotIn("Fleur", st.export_json())
            self.assertNotIn("smokes", st.export_json())


if __name__ == "__main__":
    unittest.main()
