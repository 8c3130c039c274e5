"""Plans, matches and their lifecycle, due items, scores, suggestions and assignment through
the bindings, with a Zuid-Kennemerland scenario and brute-force checks."""

import ctypes
import datetime
import itertools
import json
import os
import random
import shutil
import subprocess
import tempfile
import textwrap
import unittest

from itavtest import INCLUDE
from test_participants import (BLOEMENDAAL, HEEMSTEDE, OFFER, ZANDVOORT, asking, small_store,
                               supporter)

import itav
from itav import _lib

D = datetime.date
AMSTERDAM = (52.3728, 4.8936)  # about 18 km from Haarlem: beyond Buurtgezinnen's 10 km


class TestStructs(unittest.TestCase):
    """The new ctypes structs against the C compiler's view of the headers."""

    PROBE = textwrap.dedent(r"""
        #include <stddef.h>
        #include <stdio.h>
        #include "itav.h"
        #define F(s, m) printf(#s "." #m " %zu %zu\n", offsetof(s, m), sizeof(((s *)0)->m))
        int main(void)
        {
            itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
            itav_participant_filter pf = ITAV_PARTICIPANT_FILTER_INIT;
            itav_match_filter mf = ITAV_MATCH_FILTER_INIT;
            printf("size.itav_participant_filter %zu\n", sizeof pf);
            F(itav_participant_filter, version); F(itav_participant_filter, offer);
            F(itav_participant_filter, side); F(itav_participant_filter, status);
            F(itav_participant_filter, municipality);
            printf("size.itav_match_filter %zu\n", sizeof mf);
            F(itav_match_filter, version); F(itav_match_filter, offer);
            F(itav_match_filter, participant); F(itav_match_filter, state);
            F(itav_match_filter, open_only);
            printf("size.itav_match_options %zu\n", sizeof o);
            F(itav_match_options, version); F(itav_match_options, weights);
            F(itav_match_options, min_score); F(itav_match_options, as_of);
            F(itav_match_options, waiting_full_days); F(itav_match_options, distance_scale_m);
            F(itav_match_options, max_distance_m);
            printf("init %d %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %ld %d "
                   "%.17g %.17g\n", o.version, o.weights[0], o.weights[1], o.weights[2],
                   o.weights[3], o.weights[4], o.weights[5], o.weights[6], o.weights[7],
                   o.min_score, (long)o.as_of, o.waiting_full_days, o.distance_scale_m,
                   o.max_distance_m);
            printf("filters %d %d %d %d %d\n", pf.version, pf.side, pf.status, mf.version,
                   mf.open_only);
            printf("consts %d %d %d %ld %d %d %u %u %d %d %d %d %u %u\n",
                   ITAV_PARTICIPANT_FILTER_VERSION, ITAV_MATCH_FILTER_VERSION,
                   ITAV_MATCH_OPTIONS_VERSION, ITAV_PLAN_UNSET, ITAV_PLAN_FIELD_COUNT,
                   ITAV_CRITERION_COUNT, ITAV_SUPPORT_ALL, ITAV_SLOT_ALL, ITAV_CHILDREN_MAX,
                   ITAV_LANGUAGES_MAX, ITAV_INTERESTS_MAX, ITAV_EXCLUSIONS_MAX,
                   ITAV_ASSIGN_DRY_RUN, ITAV_ASSIGN_WRITE);
            return 0;
        }
    """)

    @classmethod
    def setUpClass(cls):
        cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
        if not cc or not os.path.isdir(INCLUDE):
            raise unittest.SkipTest("no C compiler or headers to compare the structs with")
        tmp = tempfile.mkdtemp(prefix="itav-probe-")
        try:
            src, exe = os.path.join(tmp, "probe.c"), os.path.join(tmp, "probe")
            with open(src, "w") as f:
                f.write(cls.PROBE)
            subprocess.run([cc, "-std=c11", "-I", INCLUDE, "-o", exe, src], check=True)
            out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        cls.c = {line.split()[0]: line.split()[1:] for line in out.splitlines()}

    def test_layouts(self):
        for struct in (_lib.itav_participant_filter, _lib.itav_match_filter,
                       _lib.itav_match_options):
            name = struct.__name__
            self.assertEqual(ctypes.sizeof(struct), int(self.c["size." + name][0]), name)
            c_fields = [k.split(".", 1)[1] for k in self.c if k.startswith(name + ".")]
            self.assertEqual([f for f, _ in struct._fields_], c_fields, name)
            for field, ctype in struct._fields_:
                off, size = (int(x) for x in self.c["%s.%s" % (name, field)])
                self.assertEqual(getattr(struct, field).offset, off, (name, field))
                self.assertEqual(ctypes.sizeof(ctype), size, (name, field))

    def test_options_init_is_the_macro(self):
        o = _lib.itav_match_options()
        self.assertEqual(_lib.lib.itav_match_options_init(ctypes.byref(o)), 0)
        py = [o.version] + list(o.weights) + [o.min_score, o.as_of, o.waiting_full_days,
                                              o.distance_scale_m, o.max_distance_m]
        self.assertEqual(py, [float(x) for x in self.c["init"]])
        self.assertEqual(_lib.lib.itav_match_options_init(None), -3)

    def test_filter_defaults_and_constants(self):
        pf, mf = _lib.itav_participant_filter(), _lib.itav_match_filter()
        self.assertEqual([pf.version, pf.side, pf.status, mf.version, mf.open_only],
                         [int(x) for x in self.c["filters"]])
        self.assertEqual([int(x) for x in self.c["consts"]],
                         [_lib.ITAV_PARTICIPANT_FILTER_VERSION, _lib.ITAV_MATCH_FILTER_VERSION,
                          _lib.ITAV_MATCH_OPTIONS_VERSION, _lib.ITAV_PLAN_UNSET,
                          _lib.ITAV_PLAN_FIELD_COUNT, _lib.ITAV_CRITERION_COUNT,
                          _lib.ITAV_SUPPORT_ALL, _lib.ITAV_SLOT_ALL, _lib.ITAV_CHILDREN_MAX,
                          _lib.ITAV_LANGUAGES_MAX, _lib.ITAV_INTERESTS_MAX,
                          _lib.ITAV_EXCLUSIONS_MAX, _lib.ITAV_ASSIGN_DRY_RUN,
                          _lib.ITAV_ASSIGN_WRITE])


class TestPlan(unittest.TestCase):
    def test_fields(self):
        p = itav.Plan(trial=True, trial_months=2, review_months=6, max_months=24,
                      max_distance_m=10000, vog=True, training=False,
                      criteria=["languages", itav.Criterion.INTERESTS],
                      sources={"trial_months": "002:L77"})
        self.assertIs(p.trial, True)
        self.assertIs(p.training, False)          # false is a value, not "unset"
        self.assertIsNone(p.vog_valid_months)
        self.assertEqual(p["max_months"], 24)
        self.assertEqual(p.get(itav.PlanField.REVIEW_MONTHS), 6)
        self.assertEqual(p.get(5), 10000)
        self.assertEqual(p.criteria, {"languages", "interests"})
        self.assertEqual(list(p), ["trial", "trial_months", "review_months", "max_months",
                                   "max_distance_m", "vog", "training", "criteria"])
        self.assertNotIn("vog_valid_months", p)
        self.assertEqual(p.source("trial_months"), "002:L77")
        self.assertEqual(p.to_dict(), {
            "trial": True, "trial_months": 2, "review_months": 6, "max_months": 24,
            "max_distance_m": 10000, "vog": True, "training": False,
            "criteria": ["languages", "interests"], "sources": {"trial_months": "002:L77"}})
        q = p.copy()
        self.assertEqual(q, p)
        del q["trial_months"]                     # unsetting a field drops its source
        self.assertIsNone(q.trial_months)
        self.assertEqual(q.sources, {})
        self.assertEqual(p.trial_months, 2)
        q.max_months = None
        q.vog_valid_months = 36
        self.assertEqual(q.to_dict()["vog_valid_months"], 36)
        self.assertNotEqual(q, p)
        self.assertEqual(itav.Plan.coerce(p.to_dict()), p)
        self.assertEqual(len(itav.Plan()), 0)
        self.assertEqual(itav.PLAN_FIELDS[0], "trial")

    def test_bad_values(self):
        p = itav.Plan()
        for field, value in (("trial_months", 0), ("review_months", 1201), ("trial", 2),
                             ("max_distance_m", 0), ("max_distance_m", 20000001),
                             ("vog_valid_months", -2), ("criteria", []),
                             ("criteria", ["kindness"]), ("max_months", 2.5)):
            with self.assertRaises(itav.InvalidArgument, msg=(field, value)) as cm:
                p[field] = value
            self.assertIn(field, str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            p["holidays"] = 3
        self.assertIn("plan field", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            p.set_source("trial", "002:L77")      # a source cites a value: set it first
        self.assertIn("not set", str(cm.exception))
        p.trial = True
        with self.assertRaises(itav.InvalidArgument) as cm:
            p.set_source("trial", "L77")
        self.assertIn("002:L77", str(cm.exception))
        with self.assertRaises(TypeError):
            itav.Plan(holidays=3)
        self.assertEqual(p.to_dict(), {"trial": True})

    def test_intervention_and_offer_plans(self):
        with small_store() as store:
            iv = store.get_intervention("buurtgezinnen")
            self.assertEqual(iv.plan.max_distance_m, 10000)
            self.assertEqual(iv.to_dict()["plan"]["trial_months"], 2)
            of = store.get_offer(OFFER)
            self.assertIsNone(of.plan)
            of.plan = {"max_distance_m": 5000, "review_months": 3,
                       "sources": {"review_months": "002:L77"}}
            plan = of.plan
            plan.vog = False                        # a copy: the offer does not change
            self.assertIsNone(of.plan.vog)
            store.update(of)
            got = store.get_offer(OFFER)
            self.assertEqual(got.plan.to_dict(), {"review_months": 3, "max_distance_m": 5000,
                                                  "sources": {"review_months": "002:L77"}})
            eff = store.effective_plan(OFFER)
            self.assertEqual(eff.to_dict(), {
                "trial": True, "trial_months": 2, "review_months": 3, "max_months": 24,
                "max_distance_m": 5000, "vog": True, "sources": {"review_months": "002:L77"}})
            self.assertEqual(store.effective_plan(got), eff)
            got.plan = itav.Plan()                  # a plan with nothing set removes it
            self.assertIsNone(got.plan)
            got.plan = None
            with self.assertRaises(itav.NotFound):
                store.effective_plan("no-such-offer")
            with self.assertRaises(TypeError):
                got.plan = 12

    def test_catalogue_plans(self):
        with itav.open() as store:
            store.load_catalog()
            bg = store.get_intervention("buurtgezinnen").plan
            # seed 002: a trial period of two months, reviews every six months (L77), at most
            # two years (L79); a certificate of conduct
            self.assertEqual((bg.trial, bg.trial_months, bg.review_months, bg.max_months,
                              bg.max_distance_m, bg.vog), (True, 2, 6, 24, 10000, True))
            self.assertEqual(bg.source("trial_months"), "002:L77")
            self.assertEqual(bg.source("max_months"), "002:L79")
            self.assertEqual(store.effective_plan(OFFER), bg)
            for ref in bg.sources.values():
                self.assertRegex(ref, r"^00[0-4]:L\d+(-\d+)?$")


class TestOptions(unittest.TestCase):
    def test_defaults_and_weights(self):
        o = itav.MatchOptions()
        # the defaults documented in include/itav/matching.h
        self.assertEqual(o.weights, {"distance": 2, "availability": 2, "needs": 3,
                                     "languages": 1, "interests": 1, "ages": 1, "waiting": 1})
        self.assertEqual((o.min_score, o.as_of, o.waiting_full_days, o.distance_scale_m,
                          o.max_distance_m, o.version), (0.4, None, 365, 10000, None, 1))
        o2 = itav.MatchOptions(weights={"distance": 5, itav.Criterion.WAITING: 0},
                               min_score=0.5, as_of="2021-06-01")
        self.assertEqual(o2.weight("distance"), 5)
        self.assertEqual(o2.weight(itav.Criterion.WAITING), 0)
        self.assertEqual(o2.as_of, D(2021, 6, 1))
        o2.as_of = None
        self.assertEqual(o2._to_c().as_of, itav.DATE_NONE)
        o2.as_of = D(2021, 6, 1)
        c = o2._to_c()
        self.assertEqual((c.weights[1], c.weights[7], c.min_score, c.as_of),
                         (5.0, 0.0, 0.5, itav.parse_date("2021-06-01")))
        self.assertEqual(itav.MatchOptions.coerce({"min_score": 0.5}).min_score, 0.5)
        self.assertNotEqual(o, o2)
        self.assertEqual(o, itav.MatchOptions())
        with self.assertRaises(itav.InvalidArgument):
            itav.MatchOptions(weights={"kindness": 1})
        with self.assertRaises(TypeError):
            itav.MatchOptions(speed=3)

    def test_library_checks_options(self):
        with small_store() as store:
            store.create(asking("a1"))
            store.create(supporter("s1"))
            zero = itav.MatchOptions(weights={c.code: 0 for c in itav.Criterion})
            for bad in (zero, {"min_score": 1.5}, {"waiting_full_days": 0},
                        {"distance_scale_m": 0}, {"weights": {"needs": -1}}):
                with self.assertRaises(itav.InvalidArgument, msg=bad):
                    store.score("a1", "s1", bad)
            with self.assertRaises(itav.VersionError):
                store.suggest("a1", 3, {"version": 99})
            with self.assertRaises(itav.VersionError):
                store.assign(OFFER, "2021-06-01", {"version": 0})


class TestMoves(unittest.TestCase):
    LEGAL = {("proposed", "introduced"), ("proposed", "declined"), ("introduced", "trial"),
             ("introduced", "declined"), ("trial", "active"), ("trial", "ended_early"),
             ("active", "completed"), ("active", "ended_early")}

    def test_move_table(self):
        states = [s.code for s in itav.MatchState]
        for a, b in itertools.product(states, states):
            self.assertEqual(itav.move_legal(a, b), (a, b) in self.LEGAL, (a, b))
            # without a trial period introduced -> active is legal too
            self.assertEqual(itav.move_legal(a, b, has_trial=False),
                             (a, b) in self.LEGAL | {("introduced", "active")}, (a, b))
        with self.assertRaises(itav.InvalidArgument):
            itav.move_legal("proposed", "married")


def _scenario(store):
    """Asking and support families of Buurtgezinnen Zuid-Kennemerland (made up, no real
    people) in Haarlem, Heemstede, Bloemendaal and Zandvoort."""
    people = [
        asking("bg-zk-a001", (52.3826, 4.6290), municipality="Haarlem", postcode="2011",
               availability={"wed_afternoon", "sat_morning"}, support={"daytime_care"},
               languages=["nl"], children=[48], registered="2021-01-15"),
        asking("bg-zk-a002", (52.3560, 4.6110), municipality="Heemstede", postcode="2101",
               availability={"fri_afternoon"}, support={"daytime_care", "sleepover"},
               languages=["ar"], language_required=True, children=[30, 84],
               registered="2021-02-01"),
        asking("bg-zk-a003", (52.4070, 4.6230), municipality="Bloemendaal", postcode="2061",
               availability={"mon_evening"}, support={"homework"}, languages=["nl"],
               children=[120], registered="2021-03-01"),
        supporter("bg-zk-s001", (52.3780, 4.6330), municipality="Haarlem", postcode="2012",
                  availability={"wed_afternoon", "sat_morning"},
                  support={"daytime_care", "sleepover"}, age_range=(0, 144)),
        supporter("bg-zk-s002", (52.3520, 4.6000), municipality="Heemstede", postcode="2102",
                  availability={"fri_afternoon"}, support={"daytime_care", "sleepover"},
                  languages=["nl", "ar"], age_range=(0, 120), capacity=2),
        supporter("bg-zk-s003", BLOEMENDAAL, municipality="Bloemendaal", postcode="2061",
                  availability={"mon_evening"}, support={"homework"}, age_range=(60, 200)),
        supporter("bg-zk-s004", HEEMSTEDE, municipality="Heemstede", vog_date=None,
                  availability={"fri_afternoon"}, support={"daytime_care"}),
        supporter("bg-zk-s005", ZANDVOORT, municipality="Zandvoort", postcode="2042",
                  availability={"sat_morning"}, support={"activities"}, age_range=(24, 144)),
        supporter("bg-zk-s006", AMSTERDAM, municipality="Amsterdam",
                  availability={"wed_afternoon"}, support={"daytime_care"}),
    ]
    for p in people:
        store.create(p)


AS_OF = itav.MatchOptions(as_of="2021-06-01")


class TestScenario(unittest.TestCase):
    """The catalogue, a Zuid-Kennemerland waiting list, suggestions, an assignment, one
    match through its lifecycle with its due reviews, and an erasure."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.store = itav.open("sqlite:" + os.path.join(self.tmp.name, "zk.db"))
        self.store.load_catalog()
        _scenario(self.store)

    def tearDown(self):
        self.store.close()
        self.tmp.cleanup()

    def test_scores_and_constraints(self):
        s = self.store.score("bg-zk-a001", "bg-zk-s001", AS_OF)
        self.assertIsInstance(s, itav.Suggestion)
        self.assertTrue(s.allowed)
        self.assertIsNone(s.excluded)
        self.assertEqual((s.asking, s.supporting), ("bg-zk-a001", "bg-zk-s001"))
        self.assertGreater(s.distance, 300)
        self.assertLess(s.distance, 800)
        self.assertEqual(set(s.breakdown), {c.code for c in itav.Criterion})
        b = s.breakdown
        self.assertEqual(b["availability"], itav.CriterionScore(1.0, 2.0, True))
        self.assertEqual(b["needs"], itav.CriterionScore(1.0, 3.0, True))
        self.assertEqual(b["languages"], itav.CriterionScore(1.0, 1.0, True))
        self.assertFalse(b["interests"].applies)      # neither side lists interests
        self.assertEqual(b["interests"].weight, 0)
        # 4 months of waiting out of 365 days
        self.assertAlmostEqual(b["waiting"].value, (D(2021, 6, 1) - D(2021, 1, 15)).days / 365)
        # the score is the weighted mean of the criteria that apply
        num = sum(v.value * v.weight for v in b.values() if v.applies)
        den = sum(v.weight for v in b.values() if v.applies)
        self.assertAlmostEqual(s.score, num / den, places=12)
        for ref, constraint in (("bg-zk-s004", "screening"), ("bg-zk-s006", "distance")):
            s = self.store.score("bg-zk-a001", ref, AS_OF)
            self.assertEqual(s.excluded, constraint, ref)
            self.assertIs(s.constraint, itav.Constraint[constraint.upper()])
            self.assertFalse(s.allowed)
            self.assertEqual(s.score, 0)
        self.assertEqual(self.store.score("bg-zk-a002", "bg-zk-s001", AS_OF).excluded,
                         "language")
        with self.assertRaises(itav.InvalidArgument):   # a supporter on the asking side
            self.store.score("bg-zk-s001", "bg-zk-a001")
        with self.assertRaises(itav.NotFound):
            self.store.score("bg-zk-a001", "bg-zk-s999")

    def test_suggest(self):
        got = self.store.suggest("bg-zk-a001", 10, AS_OF)
        refs = [s.supporting for s in got]
        self.assertEqual(refs[0], "bg-zk-s001")
        self.assertNotIn("bg-zk-s004", refs)   # no certificate of conduct
        self.assertNotIn("bg-zk-s006", refs)   # Amsterdam: beyond 10 km
        scores = [s.score for s in got]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertEqual(got[0], self.store.score("bg-zk-a001", "bg-zk-s001", AS_OF))
        self.assertEqual(self.store.suggest("bg-zk-a001", 1, AS_OF), got[:1])
        near = self.store.suggest("bg-zk-a001", 10, {"as_of": "2021-06-01",
                                                      "max_distance_m": 2000})
        self.assertEqual([s.supporting for s in near], ["bg-zk-s001"])
        for bad in (0, 1001):
            with self.assertRaises(itav.InvalidArgument):
                self.store.suggest("bg-zk-a001", bad)
        with self.assertRaises(itav.InvalidArgument):
            self.store.suggest("bg-zk-s001", 3)
        with self.assertRaises(itav.NotFound):
            self.store.suggest("nobody", 3)

    def test_assign_dry_run_then_write(self):
        dry = self.store.assign(OFFER, "2021-06-01", AS_OF)
        self.assertFalse(dry.written)
        self.assertEqual(self.store.matches(), [])     # nothing written
        self.assertEqual(dry.matched, {"bg-zk-a001": "bg-zk-s001", "bg-zk-a002": "bg-zk-s002",
                                       "bg-zk-a003": "bg-zk-s003"})
        self.assertEqual([p.asking for p in dry.pairs],
                         ["bg-zk-a001", "bg-zk-a002", "bg-zk-a003"])   # waiting order
        self.assertEqual(dry.match_ids, [None] * 3)
        self.assertEqual(dry.unmatched, [])
        self.assertAlmostEqual(dry.total, sum(p.score for p in dry.pairs))
        for p in dry:
            self.assertEqual(p, self.store.score(p.asking, p.supporting, AS_OF))
        self.assertEqual(len(dry), 3)

        strict = self.store.assign(OFFER, "2021-06-01", {"as_of": "2021-06-01",
                                                         "min_score": 0.99})
        self.assertEqual((strict.pairs, strict.unmatched),
                         ([], ["bg-zk-a001", "bg-zk-a002", "bg-zk-a003"]))

        done = self.store.assign(OFFER, "2021-06-01", AS_OF, write=True)
        self.assertTrue(done.written)
        self.assertEqual(done.matched, dry.matched)
        self.assertEqual(done.total, dry.total)
        stored = self.store.matches(offer=OFFER)
        self.assertEqual([m.id for m in stored], done.match_ids)
        for m, p in zip(stored, done.pairs):
            self.assertEqual((m.asking, m.supporting, m.state), (p.asking, p.supporting,
                                                                 itav.MatchState.PROPOSED))
            self.assertAlmostEqual(m.score, p.score)
            self.assertIs(m.trail[0].actor, itav.Actor.SYSTEM)
            self.assertEqual(m.trail[0].date, D(2021, 6, 1))
        for ref in ("bg-zk-a001", "bg-zk-s001", "bg-zk-s002"):
            self.assertIs(self.store.get_participant(ref).status,
                          itav.ParticipantStatus.MATCHED)
        # nobody waits any more: a second run proposes nothing
        again = self.store.assign(OFFER, "2021-06-02", AS_OF, write=True)
        self.assertEqual((again.pairs, again.unmatched), ([], []))
        with self.assertRaises(itav.NotFound):
            self.store.assign("no-such-offer", "2021-06-01")

    def test_lifecycle_due_and_erasure(self):
        st = self.store
        expected = st.score("bg-zk-a001", "bg-zk-s001", AS_OF).score
        m = st.propose("bg-zk-a001", "bg-zk-s001", "2021-06-01", note="first proposal",
                       options=AS_OF)
        self.assertIsInstance(m, itav.Match)
        self.assertRegex(m.id, r"^m-\d{8}$")
        self.assertEqual((m.offer, m.state, m.previous, m.reason, m.start),
                         (OFFER, itav.MatchState.PROPOSED, None, None, None))
        self.assertEqual(m.score, expected)
        self.assertEqual(st.score("bg-zk-a001", "bg-zk-s001", AS_OF).excluded, "status")
        self.assertTrue(m.is_open)
        self.assertEqual(m.trail, [itav.Transition(itav.MatchState.PROPOSED, D(2021, 6, 1),
                                                   itav.Actor.COORDINATOR,
                                                   "first proposal")])
        # illegal moves: ITAV_ESTATE with the legal ones named
        with self.assertRaises(itav.StateError) as cm:
            st.advance(m, "active", "2021-06-02")
        self.assertEqual(cm.exception.code, -11)
        self.assertIn("introduced", str(cm.exception))
        self.assertIn("declined", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):        # before the last move
            st.advance(m, "introduced", "2021-05-01")
        with self.assertRaises(itav.InvalidArgument):        # declined needs a reason
            st.advance(m, "declined", "2021-06-02")
        with self.assertRaises(itav.InvalidArgument):        # and others take none
            st.advance(m, "introduced", "2021-06-02", reason="moved")
        with self.assertRaises(itav.NotFound):
            st.advance("m-99999999", "introduced", "2021-06-02")

        m = st.advance(m, "introduced", "2021-06-08", note="kennismaking")
        m = st.advance(m.id, itav.MatchState.TRIAL, D(2021, 6, 15), actor="supporting")
        self.assertEqual(m.start, D(2021, 6, 15))
        # the trial evaluation falls due two months after the start
        self.assertEqual(st.due("2021-08-01"), [])
        ahead = st.due("2021-08-01", within_days=30)
        self.assertEqual(ahead, [itav.Due(m.id, itav.DueKind.TRIAL_EVALUATION,
                                          D(2021, 8, 15), -14)])
        self.assertEqual(st.due("2021-08-20", offer=OFFER),
                         [itav.Due(m.id, itav.DueKind.TRIAL_EVALUATION, D(2021, 8, 15), 5)])
        self.assertEqual(st.due("2021-08-20", offer="home-start-delft"), [])
        # the plan has a trial: it is evaluated before the match goes on
        with self.assertRaisesRegex(itav.StateError, "has no trial review"):
            st.advance(m, "active", "2021-08-16")
        st.add_review(m, kind="trial", date="2021-08-16", respondent="coordinator",
                      satisfaction=8)
        m = st.advance(m, "active", "2021-08-16", actor=itav.Actor.COORDINATOR)
        # reviews every six months from becoming active; closure at two years after start,
        # with the final review the plan wants there (002:L125)
        due = st.due("2023-07-01")
        self.assertEqual([(d.kind, d.date) for d in due],
                         [(itav.DueKind.REVIEW, D(2022, 2, 16)),
                          (itav.DueKind.CLOSURE, D(2023, 6, 15)),
                          (itav.DueKind.FINAL_REVIEW, D(2023, 6, 15))])
        self.assertEqual(due[1].overdue_days, 16)
        with self.assertRaises(itav.InvalidArgument):
            st.due("2021-08-20", within_days=-1)
        self.assertEqual([t.state.code for t in m.trail],
                         ["proposed", "introduced", "trial", "active"])
        self.assertEqual(m.trail[1].note, "kennismaking")
        self.assertIs(m.trail[2].actor, itav.Actor.SUPPORTING)
        self.assertEqual(st.matches(state="active"), [m])
        self.assertEqual(st.matches(participant="bg-zk-s001", open_only=True), [m])
        self.assertEqual(st.matches(participant="bg-zk-a002"), [])

        # JSON of the match (docs/format.md's match object)
        d = json.loads(m.to_json())
        self.assertEqual(d["state"], "active")
        self.assertEqual(d["trail"][-1]["state"], "active")
        self.assertEqual(d["trail"][0], {"state": "proposed", "date": "2021-06-01",
                                         "actor": "coordinator", "note": "first proposal"})
        self.assertNotIn("reason", d)
        self.assertEqual(m.to_dict(), d)

        # completed after the final review the plan requires; the family asks again and gets
        # a match linked to the first
        with self.assertRaises(itav.StateError):
            st.advance(m, "completed", "2023-06-15")
        st.add_review(m, kind="final", date="2023-06-15", respondent="coordinator")
        m = st.advance(m, "completed", "2023-06-15")
        self.assertFalse(m.is_open)
        self.assertEqual(st.due("2023-07-01"), [])
        self.assertIs(st.get_participant("bg-zk-a001").status, itav.ParticipantStatus.INACTIVE)
        self.assertIs(st.get_participant("bg-zk-s001").status,
                      itav.ParticipantStatus.AVAILABLE)
        st.set_participant_status("bg-zk-a001", "waiting", "2023-07-01")
        again = st.propose("bg-zk-a001", "bg-zk-s001", "2023-07-02")
        self.assertEqual(again.previous, m.id)

        # a declined pair is never proposed again
        d3 = st.propose("bg-zk-a003", "bg-zk-s003", "2021-06-01")
        d3 = st.advance(d3, "declined", "2021-06-05", actor="asking", reason="no_click")
        self.assertIs(d3.reason, itav.EndReason.NO_CLICK)
        self.assertIs(st.get_participant("bg-zk-a003").status, itav.ParticipantStatus.WAITING)
        self.assertEqual(st.score("bg-zk-a003", "bg-zk-s003", AS_OF).excluded, "declined")
        with self.assertRaises(itav.StateError) as cm:
            st.propose("bg-zk-a003", "bg-zk-s003", "2021-06-10")
        self.assertIn("declined", str(cm.exception))
        self.assertNotIn("bg-zk-s003", [s.supporting for s in st.suggest("bg-zk-a003", 10)])

        # erasure: the supporter's data goes, the matches stay for the counts
        new_ref = st.erase_participant("bg-zk-s001")
        self.assertEqual([mm.supporting for mm in st.matches(participant=new_ref)],
                         [new_ref, new_ref])
        self.assertEqual(len(st.matches()), 3)
        self.assertEqual(st.get_match(again.id).state, itav.MatchState.DECLINED)
        self.assertEqual(st.matches(participant="bg-zk-s001"), [])

    def test_propose_errors(self):
        with self.assertRaises(itav.StateError) as cm:
            self.store.propose("bg-zk-a001", "bg-zk-s004", "2021-06-01")
        self.assertIn("screening", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            self.store.propose("bg-zk-s001", "bg-zk-a001", "2021-06-01")
        with self.assertRaises(itav.NotFound):
            self.store.propose("bg-zk-a001", "bg-zk-s999", "2021-06-01")
        with self.assertRaises(itav.InvalidArgument):
            self.store.propose("bg-zk-a001", "bg-zk-s001", "2021-06-01", actor="mayor")
        with self.assertRaises(itav.InvalidArgument):
            self.store.propose("bg-zk-a001", "bg-zk-s001", None)
        with self.assertRaises(itav.NotFound):
            self.store.get_match("m-00000042")
        self.assertEqual(self.store.matches(), [])
        from itav import _lib as lib
        with self.assertRaises(itav.VersionError):
            self.store.list_matches(lib.itav_match_filter(version=2))

    def test_export_holds_participants_and_matches(self):
        m = self.store.propose("bg-zk-a001", "bg-zk-s001", "2021-06-01")
        data = json.loads(self.store.export_json())
        self.assertEqual(len(data["participants"]), 9)
        self.assertEqual([x["id"] for x in data["matches"]], [m.id])
        self.assertEqual(data["matches"][0], m.to_dict())
        with itav.open() as copy:
            copy.import_json(self.store.export_json())
            self.assertEqual(copy.get_match(m.id), m)
            self.assertEqual(copy.get_participant("bg-zk-a002"),
                             self.store.get_participant("bg-zk-a002"))


def _random_people(store, rng, n_asking, n_supporting, offer=OFFER):
    """Random participants around Haarlem; some without coordinates, screening or data."""
    slots, supports = itav.Slot.all_codes(), itav.Support.all_codes()
    langs = ["nl", "ar", "tr", "en", "pl"]
    interests = ["football", "cooking", "music", "reading"]

    def common(p):
        p.availability = rng.sample(slots, rng.randint(0, 4))
        p.support = rng.sample(supports, rng.randint(0, 3))
        p.languages = rng.sample(langs, rng.randint(0, 2))
        p.interests = rng.sample(interests, rng.randint(0, 2))
        p.municipality = rng.choice(["Haarlem", "Heemstede", "Zandvoort", "Bloemendaal"])
        p.postcode = rng.choice(["2011", "2012", "2101", "2042", "2061"])
        if rng.random() < 0.85:
            p.location = (52.38 + rng.uniform(-0.06, 0.06), 4.63 + rng.uniform(-0.09, 0.09))
        return p

    asking_refs, supporting_refs = [], []
    for i in range(n_asking):
        p = common(itav.Participant("a%03d" % i, offer, "family", status="waiting"))
        p.children = [rng.randint(0, 200) for _ in range(rng.randint(0, 3))]
        p.registered = D(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 500))
        p.language_required = rng.random() < 0.2
        if rng.random() < 0.3:
            p.max_distance_m = rng.choice([2000, 4000, 8000])
        store.create(p)
        asking_refs.append(p.ref)
    for i in range(n_supporting):
        p = common(itav.Participant("s%03d" % i, offer, "support_family", status="available"))
        if rng.random() < 0.9:
            p.vog_date = D(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 700))
        lo = rng.randint(0, 120)
        p.age_range = (lo, lo + rng.randint(0, 150))
        p.capacity = rng.randint(1, 2)
        if rng.random() < 0.1:
            p.add_exclusion(rng.choice(asking_refs))
        store.create(p)
        supporting_refs.append(p.ref)
    return asking_refs, supporting_refs


class TestBruteForce(unittest.TestCase):
    """suggest() against score() of every supporter, and assign() against exhaustive
    search, on small random instances."""

    OPTIONS = [AS_OF,
               itav.MatchOptions(as_of="2021-06-01", max_distance_m=3000),
               itav.MatchOptions(as_of="2021-06-01", weights={"distance": 0, "needs": 5},
                                 distance_scale_m=4000)]

    class NoTypedScans(itav.MemoryBackend):
        """A backend without places or ranges: the core scans whole kinds instead."""
        scan_range = put_place = scan_box = None

    @classmethod
    def make_store(cls, which, tmp):
        """The memory and SQLite backends (places in C), a Python one with places, one
        without."""
        if which == "sqlite":
            return small_store("sqlite:" + os.path.join(tmp, "s.db"))
        if which == "python":
            return small_store(backend=itav.MemoryBackend())
        if which == "python-plain":
            return small_store(backend=cls.NoTypedScans())
        return small_store()

    def test_suggest_equals_brute_force(self):
        for which in ("memory", "sqlite", "python", "python-plain"):
            rng = random.Random(20210601)
            for round_ in range(3):
                with tempfile.TemporaryDirectory() as tmp, self.make_store(which, tmp) as store:
                    self.suggestions_equal_scores(store, rng, (which, round_))

    def suggestions_equal_scores(self, store, rng, where):
        # supporters of another offer in the same streets are never suggested
        store.create(itav.Offer("other", "buurtgezinnen"))
        for i in range(5):
            store.create(itav.Participant("x%03d" % i, "other", "support_family",
                                          status="available", location=(52.38, 4.6 + i * 0.02)))
        asking_refs, supporting_refs = _random_people(store, rng, 6, 40)
        for opts in self.OPTIONS:
            for a in asking_refs:
                every = [store.score(a, s, opts) for s in supporting_refs]
                want = sorted((x for x in every if x.allowed),
                              key=lambda x: (-x.score, x.supporting.encode()))
                got = store.suggest(a, 1000, opts)
                self.assertEqual(got, want, (where, a, opts))
                self.assertEqual(store.suggest(a, 3, opts), want[:3])

    def test_assign_equals_exhaustive_search(self):
        rng = random.Random(424242)
        for round_ in range(12):
            with small_store() as store:
                asking_refs, supporting_refs = _random_people(store, rng, rng.randint(1, 4),
                                                              rng.randint(1, 3))
                opts = itav.MatchOptions(as_of="2021-06-01", min_score=rng.choice([0, 0.4]))
                cap = {s: store.get_participant(s).capacity for s in supporting_refs}
                score = {}
                for a in asking_refs:
                    for s in supporting_refs:
                        x = store.score(a, s, opts)
                        if x.allowed and x.score >= opts.min_score:
                            score[a, s] = round(x.score * 1e6)
                best = 0
                for choice in itertools.product([None] + supporting_refs,
                                                repeat=len(asking_refs)):
                    pairs = [(a, s) for a, s in zip(asking_refs, choice) if s is not None]
                    if any((p not in score) for p in pairs):
                        continue
                    if any(choice.count(s) > cap[s] for s in supporting_refs):
                        continue
                    best = max(best, sum(score[p] for p in pairs))
                result = store.assign(OFFER, "2021-06-01", opts)
                got = sum(round(p.score * 1e6) for p in result.pairs)
                self.assertEqual(got, best, round_)
                matched = [p.asking for p in result.pairs]
                self.assertEqual(sorted(matched + result.unmatched), sorted(asking_refs))
                for s in supporting_refs:
                    used = sum(1 for p in result.pairs if p.supporting == s)
                    self.assertLessEqual(used, cap[s])


if __name__ == "__main__":
    unittest.main()
