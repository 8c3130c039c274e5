"""The bindings as Python users expect them: annotations and py.typed, enums that print their
code, a catalogue load that may be repeated, as_of as a keyword, and typos that say what was
meant."""

import datetime
import os
import typing
import unittest

from test_participants import HEEMSTEDE, OFFER, asking, small_store, supporter

import itav

D = datetime.date


class TestTyping(unittest.TestCase):
    def test_py_typed_is_in_the_package(self):
        self.assertTrue(os.path.isfile(os.path.join(os.path.dirname(itav.__file__),
                                                    "py.typed")))

    def test_public_calls_are_annotated(self):
        for fn in (itav.open, itav.open_backend, itav.version, itav.language_known,
                   itav.language_canonical, itav.move_legal, itav.Store.load_catalog,
                   itav.Store.get_intervention, itav.Store.offers, itav.Store.export_json,
                   itav.Store.get_participant, itav.Store.participants, itav.Store.erase,
                   itav.Store.propose, itav.Store.advance, itav.Store.due,
                   itav.Store.participants_due, itav.Store.score, itav.Store.suggest,
                   itav.Store.assign, itav.Store.matches, itav.Store.effective_plan,
                   itav.Store.skip_evaluation):
            hints = typing.get_type_hints(fn)   # resolves every forward reference
            self.assertIn("return", hints, fn.__qualname__)
        hints = typing.get_type_hints(itav.Store.suggest)
        self.assertEqual(hints["k"], int)
        self.assertEqual(hints["return"], typing.List[itav.Suggestion])
        self.assertIs(typing.get_type_hints(itav.Store.load_catalog)["return"], bool)


class TestEnumsPrintTheirCode(unittest.TestCase):
    def test_str_and_format(self):
        s = itav.MatchState.ACTIVE
        self.assertEqual(str(s), "active")
        self.assertEqual("%s" % s, "active")
        self.assertEqual(f"{s}", "active")
        self.assertEqual(f"[{s:>8}]", "[  active]")
        self.assertEqual(f"{s:d}", "4")
        # still the number the C API takes
        self.assertEqual(int(s), 4)
        self.assertEqual(s, 4)
        self.assertEqual(repr(s), "<MatchState.ACTIVE: 4>")
        self.assertEqual(str(itav.Constraint.VOG_EXPIRED), "vog_expired")
        self.assertEqual(str(itav.Element.LOW_THRESHOLD), "low_threshold")
        self.assertEqual(str(itav.Support.SLEEPOVER), "sleepover")
        self.assertEqual(str(itav.Support.SLEEPOVER | itav.Support.DAYTIME_CARE),
                         "daytime_care|sleepover")
        self.assertEqual(", ".join(str(k) for k in itav.ReviewKind), "trial, periodic, final")
        self.assertEqual(max(itav.Constraint), itav._lib.ITAV_CONSTRAINT_COUNT)

    def test_made_from_their_code(self):
        self.assertIs(itav.MatchState("active"), itav.MatchState.ACTIVE)
        self.assertIs(itav.MatchState(4), itav.MatchState.ACTIVE)
        self.assertIs(itav.Element("low_threshold"), itav.Element.LOW_THRESHOLD)
        for cls in itav.MatchState, itav.Constraint, itav.ParticipantKind, itav.DueKind:
            for m in cls:
                if m.code is not None:
                    self.assertIs(cls(str(m)), m)


class TestTyposNameTheCodes(unittest.TestCase):
    def assertNames(self, call, *codes):
        with self.assertRaises(ValueError) as cm:
            call()
        for code in codes:
            self.assertIn(code, str(cm.exception))
        return cm.exception

    def test_unknown_codes(self):
        e = self.assertNames(lambda: itav.MatchState("actve"), "'actve'", "proposed",
                             "ended_early")
        self.assertIsInstance(e, itav.UnknownCode)
        self.assertIsInstance(e, itav.NotFound)      # what parse() raised before
        self.assertNames(lambda: itav.Constraint.parse("capacty"), "capacity", "vog_expired")
        self.assertNames(lambda: itav.Support.parse("sleepovr"), "sleepover", "homework")
        self.assertNames(lambda: itav.Element.parse("brede blk"), "low_threshold")
        self.assertNames(lambda: itav.Element("lowthreshold"), "low_threshold")
        self.assertNames(lambda: itav.Participant("p1", OFFER, "familly"), "support_family")
        self.assertNames(lambda: itav.MatchOptions().set_weight("distanse", 1), "distance")
        self.assertNames(lambda: itav.Review(kind="trail", date="2021-01-01",
                                             respondent="asking"), "periodic")
        with small_store() as st:
            self.assertNames(lambda: st.participants(side="askng"), "supporting")
            self.assertNames(lambda: st.interventions(all_of=["informal_suport"]),
                             "informal_support")


class TestCatalogue(unittest.TestCase):
    def test_load_catalog_says_whether_it_loaded(self):
        with itav.open() as st:
            self.assertIs(st.load_catalog(), True)
            n = len(st.interventions())
            self.assertIs(st.load_catalog(), False)
            self.assertEqual(len(st.interventions()), n)


class TestAsOf(unittest.TestCase):
    def setUp(self):
        self.st = small_store()
        self.st.create(asking("a1", registered="2021-01-15"))
        for i in range(1, 8):
            self.st.create(supporter("s%d" % i, location=HEEMSTEDE))

    def tearDown(self):
        self.st.close()

    def test_suggest(self):
        opts = itav.MatchOptions(min_score=0.1)
        got = self.st.suggest("a1", as_of="2021-03-01", options=opts)
        self.assertEqual(got, self.st.suggest("a1", options=itav.MatchOptions(
            min_score=0.1, as_of="2021-03-01")))
        self.assertIsNone(opts.as_of)                  # the caller's options stay
        self.assertEqual(len(got), 5)                  # k defaults to 5, as the CLI's
        self.assertEqual(len(self.st.suggest("a1", 10, as_of=D(2021, 3, 1))), 7)
        # as_of decides the waiting criterion
        early = self.st.suggest("a1", k=1, as_of="2021-02-01")[0]
        late = self.st.suggest("a1", k=1, as_of="2021-12-01")[0]
        self.assertLess(early.breakdown["waiting"].value, late.breakdown["waiting"].value)
        with self.assertRaises(TypeError):
            self.st.suggest("a1", 5, None, "2021-03-01")   # keyword only

    def test_assign(self):
        dry = self.st.assign(OFFER, "2021-03-01")
        self.assertEqual(self.st.assign(OFFER, "2021-03-01", as_of="2021-03-01").pairs,
                         dry.pairs)
        # as_of defaults to the date, as in `itav match assign --date`
        self.assertNotEqual(self.st.assign(OFFER, "2021-03-01", as_of="2021-12-01").pairs,
                            dry.pairs)
        # the date defaults to today
        self.assertEqual(self.st.assign(OFFER).pairs,
                         self.st.assign(OFFER, datetime.date.today()).pairs)
        with self.assertRaises(TypeError):
            self.st.assign(OFFER, "2021-03-01", None, False, "2021-03-01")


if __name__ == "__main__":
    unittest.main()
