"""Indicators through the bindings: qualified quantities and their verdicts (a table), the
Indicator object with baseline, targets and measurements, attainment with the path to a
deadline, indicators in a store, figures derived from matches and reviews, and the
catalogue's evaluation data."""

import ctypes
import datetime
import math
import unittest

from test_participants import HEEMSTEDE, asking, supporter
from test_review import pairs_store, start_match

import itav
from itav import Attainment, Qualifier, Quantity, _lib

D = datetime.date
OFFER = "buurtgezinnen-zuid-kennemerland"
MET, NOT_MET, ON_TRACK, UNKNOWN = (Attainment.MET, Attainment.NOT_MET, Attainment.ON_TRACK,
                                   Attainment.UNKNOWN)


class TestCodes(unittest.TestCase):
    def test_members_are_the_library_codes(self):
        for cls, ctype in ((itav.Measure, itav.CodeType.MEASURE),
                           (itav.Comparator, itav.CodeType.COMPARATOR),
                           (itav.Attainment, itav.CodeType.ATTAINMENT),
                           (itav.Derived, itav.CodeType.DERIVED)):
            for m in cls:
                self.assertEqual(m.name.lower(), itav.code_name(ctype, m), m)
                self.assertIs(cls.parse(m.code), m)
            self.assertIsNone(itav.code_name(ctype, max(cls) + 1), cls)


class TestQuantities(unittest.TestCase):
    def test_parse(self):
        cases = {
            "12": (Qualifier.EXACT, 12, 12),
            "7.5": (Qualifier.EXACT, 7.5, 7.5),
            "about 12": (Qualifier.ABOUT, 12, 12),
            "~12": (Qualifier.ABOUT, 12, 12),
            "at least 12": (Qualifier.AT_LEAST, 12, 12),
            ">=12": (Qualifier.AT_LEAST, 12, 12),
            "at most 12": (Qualifier.AT_MOST, 12, 12),
            "<=12": (Qualifier.AT_MOST, 12, 12),
            "5..10": (Qualifier.RANGE, 5, 10),
            "5-10": (Qualifier.RANGE, 5, 10),
            "0.5..2.5": (Qualifier.RANGE, 0.5, 2.5),
            "about 5..10": (Qualifier.ABOUT_RANGE, 5, 10),
            "~100-150": (Qualifier.ABOUT_RANGE, 100, 150),
        }
        for text, expected in cases.items():
            q = itav.parse_quantity(text)
            self.assertEqual(tuple(q), expected, text)
            self.assertIsInstance(q.qualifier, Qualifier)
        self.assertEqual(Quantity.coerce(12), Quantity(Qualifier.EXACT, 12, 12))
        self.assertEqual(Quantity.coerce(("range", 3, 4)), Quantity(Qualifier.RANGE, 3, 4))
        self.assertEqual(Quantity.coerce(None), Quantity(Qualifier.TEXT, None, None))
        self.assertEqual(str(Quantity.parse("about 12")), "about 12")
        self.assertEqual(str(Quantity.parse("about 5..10")), "about 5..10")
        self.assertEqual(Quantity.coerce(("about_range", 5, 10)),
                         Quantity(Qualifier.ABOUT_RANGE, 5, 10))
        self.assertTrue(Qualifier.ABOUT_RANGE.two_numbers and Qualifier.RANGE.two_numbers)
        self.assertFalse(Qualifier.ABOUT.two_numbers)

    def test_parse_errors(self):
        for text in ("", "twelve", "10..5", "12,5", "about", "at least", "1..", "honderden"):
            with self.assertRaises(itav.InvalidArgument, msg=text) as cm:
                itav.parse_quantity(text)
            self.assertIn(repr(text), str(cm.exception))
            self.assertIn("at least 12", str(cm.exception))  # the forms are named
        with self.assertRaises(TypeError):
            Quantity.coerce(True)

    def test_verdict_table(self):
        """The interval rule of include/itav/indicator.h, case by case."""
        table = [
            # measurement, comparator, value, high, verdict
            ("about 10", "at_least", 12, None, NOT_MET),     # the three examples
            ("at least 12", "at_least", 12, None, MET),
            ("10..14", "at_least", 12, None, UNKNOWN),
            ("12", "at_least", 12, None, MET),
            ("11.9", "at_least", 12, None, NOT_MET),
            ("about 12", "at_least", 12, None, UNKNOWN),    # 10.8 .. 13.2
            ("about 20", "at_least", 12, None, MET),        # 18 .. 22
            ("about 10", "at_least", 11, None, UNKNOWN),    # 9 .. 11 reaches 11
            ("at most 10", "at_least", 12, None, NOT_MET),
            ("at most 12", "at_least", 12, None, UNKNOWN),  # 12 satisfies it, 11 does not
            ("at most 12", "at_most", 12, None, MET),
            ("at least 5", "at_most", 12, None, UNKNOWN),
            ("at least 13", "at_most", 12, None, NOT_MET),
            ("7", "equal", 7, None, MET),
            ("8", "equal", 7, None, NOT_MET),
            ("6..8", "equal", 7, None, UNKNOWN),
            ("6..9", "between", 5, 10, MET),
            ("4..6", "between", 5, 10, UNKNOWN),
            ("11", "between", 5, 10, NOT_MET),
            ("about 7", "between", 5, 10, MET),             # 6.3 .. 7.7
            ("5", "between", 5, 10, MET),
            ("10", "between", 5, 10, MET),
            ("5..10", "at_most", 10, None, MET),            # "ongeveer 5 à 10" is wider:
            ("about 5..10", "at_most", 10, None, UNKNOWN),  # 4.5 .. 11
            ("about 100..150", "at_least", 170, None, NOT_MET),  # 90 .. 165
            (None, "at_least", 0, None, UNKNOWN),           # a quantity in words
            (None, "equal", 3, None, UNKNOWN),
        ]
        for text, cmp, value, high, expected in table:
            got = itav.quantity_verdict(text, cmp, value, high)
            self.assertIs(got, expected, (text, cmp, value, high))
            if text is not None:
                self.assertIs(Quantity.parse(text).verdict(cmp, value, high), expected)

    def test_verdict_invalid_arguments_are_unknown(self):
        self.assertEqual(_lib.lib.itav_quantity_verdict(1, 1.0, 1.0, 9, 1.0, 1.0), 4)
        self.assertEqual(_lib.lib.itav_quantity_verdict(9, 1.0, 1.0, 1, 1.0, 1.0), 4)
        # between with high below value
        self.assertEqual(_lib.lib.itav_quantity_verdict(1, 7.0, 7.0, 4, 10.0, 5.0), 4)
        with self.assertRaises(itav.InvalidArgument):
            itav.quantity_verdict("7", "more_than", 5)
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.quantity_verdict("7", "between", 5)
        self.assertIn("high", str(cm.exception))


# ---- the object ---------------------------------------------------------------------------

def info_indicator(offer=OFFER):
    """A percentage like ITAV's first goal: 10% more parents positive about finding
    information (seed 000 line 105), with made-up numbers."""
    ind = itav.Indicator("info-positive", offer, "percentage",
                         name="parents positive about finding information", unit="percent",
                         source="000:L105", note="made-up numbers")
    ind.set_baseline("2020-01-01", 50, text="half of the parents", source="000:L105")
    ind.add_target("at_least", 10, "2022-01-01", relative=True, text="10% more positive",
                   source="000:L105")
    return ind


class TestIndicatorObject(unittest.TestCase):
    def test_fields(self):
        ind = info_indicator()
        self.assertEqual((ind.id, ind.offer, ind.type, ind.name, ind.unit, ind.source,
                          ind.note),
                         ("info-positive", OFFER, itav.Measure.PERCENTAGE,
                          "parents positive about finding information", "percent",
                          "000:L105", "made-up numbers"))
        self.assertEqual(ind.baseline, itav.Baseline(D(2020, 1, 1),
                                                     Quantity(Qualifier.EXACT, 50, 50),
                                                     "half of the parents", "000:L105"))
        self.assertEqual(ind.targets, [itav.Target(itav.Comparator.AT_LEAST, 10, None, True,
                                                   D(2022, 1, 1), "10% more positive",
                                                   "000:L105")])
        self.assertEqual(ind.measurements, [])
        self.assertEqual((ind.derived, ind.municipality), (None, None))
        ind.unit = None
        ind.note = ""
        self.assertEqual((ind.unit, ind.note), (None, None))
        ind.baseline = None
        self.assertIsNone(ind.baseline)

    def test_scales(self):
        expected = {"count": (0, math.inf), "percentage": (0, 100), "rating": (1, 10),
                    "mean": (-math.inf, math.inf), "change": (-math.inf, math.inf)}
        for code, scale in expected.items():
            self.assertEqual(itav.Indicator("x", OFFER, code).scale, scale, code)
        rating = itav.Indicator("collaboration", OFFER, "rating", scale=(1, 5))
        self.assertEqual(rating.scale, (1, 5))
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Indicator("x", OFFER, "percentage").scale = (0, 10)
        self.assertIn("only a rating", str(cm.exception))
        for bad in ((5, 5), (6, 5), (1, math.inf)):
            with self.assertRaises(itav.InvalidArgument, msg=bad):
                rating.scale = bad
        rating.scale = (1, 10)
        rating.add_measurement("2021-12-31", 7)
        with self.assertRaises(itav.RangeError) as cm:
            rating.scale = (1, 5)
        self.assertIn("fall off the scale", str(cm.exception))
        self.assertEqual(rating.scale, (1, 10))

    def test_bad_definitions(self):
        for bad_id in ("Info", "info_positive", "", "-x"):
            with self.assertRaises(itav.InvalidArgument, msg=bad_id) as cm:
                itav.Indicator(bad_id, OFFER, "count")
            self.assertIn("a-z", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Indicator("x", OFFER, "ratio")
        self.assertIn("count, percentage, rating, mean, change", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Indicator("x", OFFER, "count", source="000-L105")
        self.assertIn("000-L105", str(cm.exception))
        with self.assertRaises(TypeError):
            itav.Indicator("x", OFFER, "count", colour="red")

    def test_bad_values(self):
        ind = info_indicator()
        before = ind.to_dict()
        with self.assertRaises(itav.RangeError) as cm:
            ind.set_baseline("2019-01-01", 120)
        self.assertIn("off the scale 0..100", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            ind.set_baseline("2019-01-01", None)
        self.assertIn("needs the text", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            ind.set_baseline("2019-01-01", ("range", 8, 4))
        with self.assertRaises(itav.InvalidArgument):
            ind.set_baseline(None, 40)
        # targets: a comparator that does not exist, one off the scale, a bad between
        with self.assertRaises(itav.InvalidArgument) as cm:
            ind.add_target("more_than", 60, "2022-01-01")
        self.assertIn("at_least, at_most, equal, between", str(cm.exception))
        with self.assertRaises(itav.RangeError) as cm:
            ind.add_target("at_least", 120, "2022-01-01")
        self.assertIn("never be met", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            ind.add_target("between", 60, "2022-01-01", high=40)
        self.assertIn("below", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            ind.add_target("between", 60, "2022-01-01")
        with self.assertRaises(itav.InvalidArgument):
            ind.add_target("at_least", math.nan, "2022-01-01")
        with self.assertRaises(itav.RangeError):
            ind.add_measurement("2021-01-01", "at most 101")
        with self.assertRaises(itav.RangeError):
            ind.remove_target(1)
        with self.assertRaises(itav.RangeError):
            ind.remove_measurement(0)
        self.assertEqual(ind.to_dict(), before)
        # raw: a comparator value the enum lacks, relative not 0 or 1
        self.assertEqual(_lib.lib.itav_indicator_add_target(ind._ptr, 0, 1.0, 1.0, 0, 18000,
                                                            None, None), -3)
        self.assertEqual(_lib.lib.itav_indicator_add_target(ind._ptr, 1, 1.0, 1.0, 2, 18000,
                                                            None, None), -3)
        self.assertEqual(ind.to_dict(), before)

    def test_measurements_in_date_order_one_per_date(self):
        ind = info_indicator()
        ind.add_measurement("2021-12-31", "about 56", period="2021", text="ruim de helft",
                            source="000:L105")
        ind.add_measurement("2020-12-31", ("range", 50, 54), period="2020")
        ind.add_measurement("2022-06-30", None, period="2022-H1", text="veel ouders")
        self.assertEqual([m.period for m in ind.measurements], ["2020", "2021", "2022-H1"])
        self.assertEqual(ind.measurements[1],
                         itav.Measurement(D(2021, 12, 31), "2021",
                                          Quantity(Qualifier.ABOUT, 56, 56), "ruim de helft",
                                          "000:L105"))
        self.assertEqual(ind.measurements[2].quantity, Quantity(Qualifier.TEXT, None, None))
        with self.assertRaises(itav.Exists) as cm:
            ind.add_measurement("2021-12-31", 57)
        self.assertIn("2021-12-31", str(cm.exception))
        ind.remove_measurement(0)
        ind.remove_measurement(-1)
        self.assertEqual([m.period for m in ind.measurements], ["2021"])

    def test_copy_is_independent(self):
        ind = info_indicator()
        dup = ind.copy()
        self.assertEqual(dup, ind)
        dup.add_measurement("2021-12-31", 60)
        dup.remove_target(0)
        self.assertNotEqual(dup, ind)
        self.assertEqual(len(ind.targets), 1)
        self.assertEqual(ind.measurements, [])


class TestAttainment(unittest.TestCase):
    def verdict(self, ind, as_of, target=0):
        v = ind.attainment(target, as_of)
        self.assertIsInstance(v.why, str)
        self.assertTrue(v.why)
        return v.attainment

    def test_relative_target_and_the_path(self):
        # baseline 50 on 2020-01-01; at least 10% more (55) by 2022-01-01 (731 days)
        ind = info_indicator()
        self.assertIs(self.verdict(ind, "2021-06-01"), UNKNOWN)      # nothing measured
        ind.add_measurement("2021-01-01", 53)   # the path is at 52.5 after 366 days
        self.assertIs(self.verdict(ind, "2021-06-01"), ON_TRACK)
        behind = info_indicator()
        behind.add_measurement("2021-01-01", 51)
        self.assertIs(self.verdict(behind, "2021-06-01"), NOT_MET)
        already = info_indicator()
        already.add_measurement("2021-01-01", 56)
        self.assertIs(self.verdict(already, "2021-06-01"), MET)
        # from the deadline on, the latest measurement on or before the deadline decides
        ind.add_measurement("2022-01-01", 54)
        ind.add_measurement("2022-06-30", 70)
        self.assertIs(self.verdict(ind, "2022-12-31"), NOT_MET)
        self.assertIs(self.verdict(ind, "2021-12-31"), ON_TRACK)     # 2022 not seen yet
        ind.remove_measurement(1)
        ind.add_measurement("2021-12-31", "at least 55")
        self.assertIs(self.verdict(ind, "2022-12-31"), MET)
        self.assertEqual([v.attainment for v in ind.attainments("2022-12-31")], [MET])

    def test_rating_target_as_intervals(self):
        # professionals rate their collaboration at least a seven (seed 000 line 107)
        ind = itav.Indicator("collaboration", OFFER, "rating", source="000:L107")
        ind.add_target("at_least", 7, "2022-12-31", source="000:L107")
        for measured, expected in (("about 7", UNKNOWN), ("at least 7", MET), (7, MET),
                                   ("6..6.9", NOT_MET), ("6.5..8", UNKNOWN)):
            probe = ind.copy()
            probe.add_measurement("2022-12-31", measured)
            self.assertIs(self.verdict(probe, "2023-01-31"), expected, measured)

    def test_explanation_in_dutch(self):
        ind = info_indicator()
        ind.add_measurement("2022-01-01", 80)
        en = ind.attainment(0, "2022-06-01")
        nl = ind.attainment(0, "2022-06-01", lang="nl")
        self.assertIs(nl.attainment, en.attainment)
        self.assertEqual(ind.attainment(0, "2022-06-01", lang=itav.Lang.EN), en)
        self.assertIn("de meting van 2022-01-01", nl.why)
        self.assertIn("nulmeting", nl.why)
        self.assertNotIn("baseline", nl.why)
        self.assertEqual([v.why for v in ind.attainments("2022-06-01", "nl")], [nl.why])
        with self.assertRaises(itav.InvalidArgument):
            ind.attainment(0, "2022-06-01", lang="fr")

    def test_relative_target_needs_a_baseline(self):
        ind = info_indicator()
        ind.clear_baseline()
        ind.add_measurement("2022-01-01", 80)
        self.assertIs(self.verdict(ind, "2022-06-01"), UNKNOWN)

    def test_bad_arguments(self):
        ind = info_indicator()
        with self.assertRaises(itav.RangeError) as cm:
            ind.attainment(1, "2022-01-01")
        self.assertIn("1 targets", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            ind.attainment(0, None)
        verdict = ctypes.c_int()
        self.assertEqual(_lib.lib.itav_indicator_attainment(ctypes.byref(verdict), None,
                                                            ind._ptr, 0, _lib.ITAV_DATE_NONE),
                         -3)


# ---- in a store ---------------------------------------------------------------------------

class TestIndicatorsInStore(unittest.TestCase):
    def setUp(self):
        self.store = pairs_store(pairs=1)
        self.addCleanup(self.store.close)

    def test_create_read_update_delete(self):
        st = self.store
        ind = info_indicator()
        before = st.export_json()
        with self.assertRaises(itav.NotFound) as cm:
            st.create_indicator(info_indicator(offer="no-such-offer"))
        self.assertIn("no-such-offer", str(cm.exception))
        self.assertEqual(st.export_json(), before)
        self.assertIs(st.create(ind), ind)
        with self.assertRaises(itav.Exists):
            st.create_indicator(info_indicator())
        got = st.get_indicator("info-positive")
        self.assertEqual(got, ind)
        got.add_measurement("2020-12-31", 52, period="2020")
        st.update(got)
        self.assertEqual(st.get_indicator(got).measurements, got.measurements)
        other = itav.Indicator("a-count", OFFER, "count")
        st.create_indicator(other)
        self.assertEqual([i.id for i in st.indicators()], ["a-count", "info-positive"])
        self.assertEqual([i.id for i in st.indicators(offer=OFFER)],
                         ["a-count", "info-positive"])
        self.assertEqual(st.indicators(offer="home-start-delft"), [])
        with self.assertRaises(itav.NotFound):
            st.update_indicator(itav.Indicator("never-stored", OFFER, "count"))
        st.delete(other)
        with self.assertRaises(itav.NotFound):
            st.delete_indicator("a-count")
        with self.assertRaises(itav.NotFound):
            st.get_indicator("a-count")
        self.assertIn("info-positive", st.export_json())

    def test_measure(self):
        st = self.store
        st.create_indicator(info_indicator())
        now = st.measure("info-positive", "2021-12-31", "about 56", period="2021",
                         text="ruim de helft", source="000:L105")
        self.assertEqual(now.measurements[0].quantity, Quantity(Qualifier.ABOUT, 56, 56))
        self.assertEqual(st.get_indicator("info-positive"), now)
        before = st.export_json()
        for exc, call in ((itav.NotFound, lambda: st.measure("nope", "2021-12-31", 5)),
                          (itav.Exists, lambda: st.measure("info-positive", "2021-12-31", 5)),
                          (itav.RangeError, lambda: st.measure("info-positive", "2022-12-31",
                                                               101)),
                          (itav.InvalidArgument, lambda: st.measure("info-positive",
                                                                    "2022-12-31", None))):
            with self.assertRaises(exc):
                call()
            self.assertEqual(st.export_json(), before)

    def test_derived_settings(self):
        ind = itav.Indicator("starts-haarlem", OFFER, "count")
        ind.set_derived("matches_started", municipality="Haarlem")
        self.assertEqual((ind.derived, ind.municipality),
                         (itav.Derived.MATCHES_STARTED, "Haarlem"))
        for type_, what in (("percentage", "matches_started"), ("count", "formal_help"),
                            ("percentage", "mean_satisfaction")):
            with self.assertRaises(itav.InvalidArgument, msg=(type_, what)) as cm:
                itav.Indicator("x", OFFER, type_).set_derived(what)
            self.assertIn("matches_started needs a count", str(cm.exception))
        itav.Indicator("x", OFFER, "mean").set_derived("mean_satisfaction")
        rated = itav.Indicator("x", OFFER, "rating")
        rated.set_derived("mean_satisfaction")
        with self.assertRaises(itav.InvalidArgument) as cm:
            rated.scale = (1, 5)
        self.assertIn("1-10", str(cm.exception))
        itav.Indicator("x", OFFER, "percentage").set_derived("formal_help")
        ind.set_derived(None)
        self.assertEqual((ind.derived, ind.municipality), (None, None))
        self.store.create(ind)
        ind.set_derived("matches_started", "Heemstede")
        self.store.update(ind)
        self.assertEqual(self.store.get_indicator(ind.id).municipality, "Heemstede")


class TestDerive(unittest.TestCase):
    """Figures from matches and reviews: starts per municipality and period, mean
    satisfaction, the share where formal help was prevented, reduced or stopped."""

    @classmethod
    def setUpClass(cls):
        st = cls.store = pairs_store(pairs=4)
        st.create(asking("bg-zk-a101", municipality="Heemstede"))
        st.create(supporter("bg-zk-s101", location=HEEMSTEDE, municipality="Heemstede"))
        m1 = start_match(st, 1, "2021-03-01", state="active")      # Haarlem, 2021
        m2 = start_match(st, 2, "2021-11-15")                       # Haarlem, 2021
        m3 = start_match(st, 3, "2022-02-01", state="active")      # Haarlem, 2022
        st.propose("bg-zk-a004", "bg-zk-s004", "2021-05-01")       # never started
        m = st.propose("bg-zk-a101", "bg-zk-s101", "2021-04-01")   # Heemstede, 2021
        m = st.advance(m, "introduced", "2021-04-05")
        m5 = st.advance(m, "trial", "2021-04-10")
        st.add_review(m1, kind="periodic", date="2021-06-20", respondent="coordinator",
                      satisfaction=8)
        st.add_review(m2, kind="trial", date="2021-12-20", respondent="asking",
                      satisfaction=6)
        st.add_review(m2, kind="trial", date="2021-12-21", respondent="supporting")  # no mark
        st.add_review(m3, kind="periodic", date="2022-08-01", respondent="asking",
                      satisfaction=9)
        m1 = st.advance(m1, "completed", "2022-12-01")
        st.add_review(m1, kind="final", date="2022-12-05", respondent="asking",
                      formal_help="prevented")
        st.add_review(m1, kind="final", date="2022-12-06", respondent="supporting",
                      formal_help="referred")
        st.add_review(m3, kind="final", date="2022-12-07", respondent="asking",
                      formal_help="reduced")
        st.add_review(m3, kind="final", date="2022-12-08", respondent="coordinator",
                      formal_help="unknown")
        m5 = st.advance(m5, "ended_early", "2021-06-01", reason="moved")
        st.add_review(m5, kind="final", date="2021-06-02", respondent="coordinator",
                      formal_help="stopped")

    @classmethod
    def tearDownClass(cls):
        cls.store.close()

    def test_matches_started(self):
        st = self.store
        cases = [
            (dict(), 4),
            (dict(offer=OFFER), 4),
            (dict(offer="home-start-delft"), 0),
            (dict(municipality="Haarlem"), 3),
            (dict(municipality="Heemstede"), 1),
            (dict(start="2021-01-01", end="2021-12-31"), 3),
            (dict(municipality="Haarlem", start="2021-01-01", end="2021-12-31"), 2),
            (dict(start="2021-11-15", end="2021-11-15"), 1),   # both ends inclusive
            (dict(start="2022-01-01"), 1),
            (dict(end="2021-03-31"), 1),
        ]
        for kwargs, count in cases:
            got = st.derive("matches_started", **kwargs)
            self.assertEqual(got, itav.Derivation(count, count), kwargs)

    def test_joint_target(self):
        """A target two municipalities share counts their matches together."""
        ind = itav.Indicator("zk-joint", OFFER, "count")
        with self.assertRaises(itav.InvalidArgument):
            ind.add_municipality("Heemstede")           # not derived yet
        ind.set_derived("matches_started", "Haarlem")
        ind.add_municipality("Heemstede")
        with self.assertRaises(itav.Exists) as cm:
            ind.add_municipality("heemstede")
        self.assertIn("counted already", str(cm.exception))
        self.assertEqual(ind.municipalities, ("Haarlem", "Heemstede"))
        self.assertEqual(ind.municipality, "Haarlem")
        self.assertEqual(self.store.derive_indicator(ind), itav.Derivation(4, 4))
        self.assertEqual(self.store.derive_indicator(ind, "2021-01-01", "2021-12-31"),
                         itav.Derivation(3, 3))
        ind.set_derived("matches_started", "Heemstede")
        self.assertEqual(ind.municipalities, ("Heemstede",))
        self.assertEqual(self.store.derive_indicator(ind), itav.Derivation(1, 1))
        ind.set_derived(None)
        with self.assertRaises(itav.InvalidArgument):
            self.store.derive_indicator(ind)

    def test_joint_target_in_the_catalogue(self):
        with itav.open() as st:
            st.load_catalog()
            ind = st.get_indicator("buurtgezinnen-zk-matches-bloemendaal-heemstede-2021")
            self.assertEqual(ind.municipalities, ("Bloemendaal", "Heemstede"))
            self.assertEqual(st.derive_indicator(ind.id), itav.Derivation(0, 0))

    def test_mean_satisfaction(self):
        st = self.store
        self.assertEqual(st.derive("mean_satisfaction"), itav.Derivation(23 / 3, 3))
        self.assertEqual(st.derive("mean_satisfaction", end="2021-12-31"),
                         itav.Derivation(7, 2))
        self.assertEqual(st.derive(itav.Derived.MEAN_SATISFACTION, start="2023-01-01"),
                         itav.Derivation(None, 0))

    def test_formal_help(self):
        st = self.store
        # prevented, referred, reduced, stopped (unknown left out): 3 of 4
        self.assertEqual(st.derive("formal_help"), itav.Derivation(75, 4))
        self.assertEqual(st.derive("formal_help", municipality="Heemstede"),
                         itav.Derivation(100, 1))
        self.assertEqual(st.derive("formal_help", start="2022-12-06", end="2022-12-08"),
                         itav.Derivation(50, 2))
        self.assertEqual(st.derive("formal_help", end="2020-12-31"), itav.Derivation(None, 0))

    def test_erased_participants_count_for_no_municipality(self):
        st = pairs_store(pairs=2)
        self.addCleanup(st.close)
        start_match(st, 1, "2021-03-01")
        start_match(st, 2, "2021-04-01")
        st.erase_participant("bg-zk-a002")
        self.assertEqual(st.derive("matches_started", municipality="Haarlem").value, 1)
        self.assertEqual(st.derive("matches_started").value, 2)

    def test_bad_arguments(self):
        before = self.store.export_json()
        with self.assertRaises(itav.InvalidArgument) as cm:
            self.store.derive("matches_started", start="2022-01-01", end="2021-01-01")
        self.assertIn("period", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            self.store.derive("reach")
        value = ctypes.c_double()
        self.assertEqual(_lib.lib.itav_indicator_derive(ctypes.byref(value), None,
                                                        self.store._handle(), 9, None, None,
                                                        _lib.ITAV_DATE_NONE,
                                                        _lib.ITAV_DATE_NONE), -3)
        self.assertEqual(self.store.export_json(), before)


class TestCatalogue(unittest.TestCase):
    """The catalogue's evaluation data: ITAV Hoeksche Waard's three targets (seed 000 lines
    103-107) with line references."""

    def test_itav_targets(self):
        with itav.open() as st:
            st.load_catalog()
            inds = st.indicators(offer="itav-hoeksche-waard-2020")
            targets = [(ind.id, t) for ind in inds for t in ind.targets]
            self.assertGreaterEqual(len(targets), 3)
            for ind in inds:
                self.assertRegex(ind.source or "", r"^000:L\d+(-\d+)?$", ind.id)
            cited = {int(t.source.split(":L")[1].split("-")[0]) for _, t in targets if t.source}
            self.assertTrue(cited <= set(range(100, 110)), cited)
            deadlines = {t.deadline for _, t in targets}
            self.assertEqual(deadlines, {D(2022, 12, 31)})
            for ind in inds:
                for v in ind.attainments("2023-01-01"):
                    self.assertIsInstance(v.attainment, Attainment)


if __name__ == "__main__":
    unittest.main()
