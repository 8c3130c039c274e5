"""Records through stores: create/get/update/delete on memory: and sqlite:, and errors."""

import copy
import datetime
import gc
import json
import os
import tempfile
import unittest
import weakref

from itavtest import full_intervention

import itav
from itav import Element

itav_text_max = 65536  # docs/format.md: a text is at most 65536 bytes


class StoreMixin:
    """Round trips run on every kind of store; subclasses say how to open one."""

    def open_store(self):
        raise NotImplementedError

    def setUp(self):
        self.store = self.open_store()

    def tearDown(self):
        self.store.close()

    def test_create_get_update_delete_intervention(self):
        iv = full_intervention()
        self.store.create_intervention(iv)
        got = self.store.get_intervention("test-programme")
        self.assertIsNot(got, iv)
        self.assertEqual(got, iv)                      # same JSON
        self.assertEqual(got.to_json(), iv.to_json())
        self.assertEqual(got.name, "Testprogramma")
        self.assertIs(got.kind, itav.Kind.PROGRAMME)
        self.assertIs(got.setting, itav.Setting.INFORMAL)
        self.assertIs(got.scope, itav.Scope.COLLECTIVE)
        self.assertIs(got.channel, itav.Channel.BOTH)
        self.assertIs(got.evidence, itav.Evidence.FIRST_INDICATIONS)
        self.assertEqual(got.since, 2015)
        self.assertEqual(got.audience, itav.Audience.PARENTS | itav.Audience.EXPECTING_PARENTS)
        self.assertEqual(got.age_range, (-9, 48))
        self.assertEqual(got.providers, ["Stichting Test", "Gemeente Test"])
        self.assertEqual(got.phases, ["intake", "match", "closure"])
        self.assertEqual(got.roles, iv.roles)
        self.assertEqual(got.roles[0].vog, True)
        self.assertEqual(got.reach, iv.reach)
        self.assertEqual(got.reach[0].min, 1700)
        self.assertEqual(got.reach[2].min, None)
        self.assertEqual(got.elements("table"), {Element.INFORMAL_SUPPORT})
        self.assertEqual(got.elements(), {Element.INFORMAL_SUPPORT})
        self.assertEqual(got.profile_source, itav.ProfileSource.TABLE)
        self.assertEqual(got.disputed, {Element.LOW_THRESHOLD})  # table absent, sections present
        self.assertEqual(got.element_evidence("informal_support", "table"), "friends help")
        self.assertEqual(got.element_source(Element.LOW_THRESHOLD, "sections"), "001:L400-401")
        self.assertEqual(got.element(Element.POSITIVE_FOCUS, "other"), itav.Status.PRESENT)
        self.assertEqual(got.sources, {"name": "001:L25", "since": "001:L30-31"})

        # a snapshot: changing it does not change the store until update
        got.name = "Testprogramma 2"
        got.setting = None
        got.providers.remove("Gemeente Test")
        got.reach = got.reach[:1]
        got.set_element("table", "low_threshold", None)
        self.assertEqual(self.store.get_intervention("test-programme").name, "Testprogramma")
        self.store.update_intervention(got)
        again = self.store.get_intervention("test-programme")
        self.assertEqual(again.name, "Testprogramma 2")
        self.assertIsNone(again.setting)
        self.assertEqual(again.providers, ["Stichting Test"])
        self.assertEqual(len(again.reach), 1)
        self.assertEqual(again.disputed, set())
        self.assertEqual(again, got)

        self.store.delete_intervention("test-programme")
        with self.assertRaises(itav.NotFound) as cm:
            self.store.get_intervention("test-programme")
        self.assertIn('"test-programme"', str(cm.exception))

    def test_create_get_update_delete_offer(self):
        self.store.create(full_intervention())
        of = itav.Offer("test-programme-teststad", "test-programme", name="Test in Teststad",
                        region="Testregio", provider="Stichting Test", contact="the coordinator",
                        municipalities=["Teststad", "Testdorp"],
                        period=(datetime.date(2020, 1, 1), "2021-12-31"))
        of.targets = [itav.Figure("families", "exact", 12, text="12 gezinnen")]
        of.add_figure(itav.Figure("families", "about", 10), itav.FigureList.REACH)
        of.set_source("provider", "002:L80")
        self.store.create(of)
        got = self.store.get_offer("test-programme-teststad")
        self.assertEqual(got, of)
        self.assertEqual(got.intervention, "test-programme")
        self.assertEqual(got.period, (datetime.date(2020, 1, 1), datetime.date(2021, 12, 31)))
        self.assertEqual(got.municipalities, ["Teststad", "Testdorp"])
        self.assertEqual(got.targets[0].text, "12 gezinnen")
        self.assertEqual(got.reach[0].qualifier, itav.Qualifier.ABOUT)
        self.assertEqual(got.source("provider"), "002:L80")
        self.assertEqual([o.id for o in self.store.offers("test-programme")],
                         ["test-programme-teststad"])
        self.assertEqual([o.id for o in self.store.offers(municipality="testdorp")],
                         ["test-programme-teststad"])
        # the intervention is found through its offer's municipality
        self.assertEqual([iv.id for iv in self.store.interventions(municipality="Testdorp")],
                         ["test-programme"])

        got.end = None
        got.municipalities.append("Derde")
        got.name = None
        self.store.update(got)
        again = self.store.get_offer("test-programme-teststad")
        self.assertEqual(again.period, (datetime.date(2020, 1, 1), None))
        self.assertEqual(again.municipalities, ["Teststad", "Testdorp", "Derde"])
        self.assertIsNone(again.name)

        # delete the intervention while an offer refers to it: InUse, nothing changed
        with self.assertRaises(itav.InUse) as cm:
            self.store.delete_intervention("test-programme")
        self.assertIn("test-programme", str(cm.exception))
        self.assertIn("offers", str(cm.exception))
        self.assertEqual(cm.exception.code, -8)
        self.store.get_intervention("test-programme")
        self.store.delete(again)
        with self.assertRaises(itav.NotFound):
            self.store.get_offer("test-programme-teststad")
        self.store.delete_intervention(self.store.get_intervention("test-programme"))
        self.assertEqual(self.store.interventions(), [])

    def test_errors_name_the_problem(self):
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Intervention("Not A Slug")
        self.assertIn("'Not A Slug'", str(cm.exception))
        self.assertEqual(cm.exception.code, -3)
        for bad in ("", "a--b", "-a", "a-", "x" * 65, "ä"):
            with self.assertRaises(itav.InvalidArgument, msg=bad):
                itav.Intervention(bad)
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Offer("ok-id", "Bad Intervention")
        self.assertIn("Bad Intervention", str(cm.exception))

        with self.assertRaises(itav.NotFound) as cm:
            self.store.get_intervention("no-such-thing")
        self.assertIn('"no-such-thing"', str(cm.exception))
        self.assertIn('"no-such-thing"', self.store.errmsg)
        self.assertEqual(self.store.errcode, -4)
        with self.assertRaises(itav.NotFound) as cm:
            self.store.get_offer("no-such-offer")
        self.assertIn('"no-such-offer"', str(cm.exception))
        with self.assertRaises(itav.NotFound):
            self.store.delete_intervention("no-such-thing")
        with self.assertRaises(itav.NotFound):
            self.store.delete_offer("no-such-offer")

        nameless = itav.Intervention("nameless")
        with self.assertRaises(itav.InvalidArgument) as cm:
            self.store.create_intervention(nameless)
        self.assertIn("nameless", str(cm.exception))
        self.assertIn("name", str(cm.exception).replace("nameless", ""))
        with self.assertRaises(itav.NotFound):
            self.store.get_intervention("nameless")

        iv = itav.Intervention("twice", name="Twice")
        self.store.create_intervention(iv)
        with self.assertRaises(itav.Exists) as cm:
            self.store.create_intervention(iv)
        self.assertIn('"twice"', str(cm.exception))
        self.assertIn("already exists", str(cm.exception))
        with self.assertRaises(itav.NotFound) as cm:
            self.store.update_intervention(itav.Intervention("never-made", name="X"))
        self.assertIn("never-made", str(cm.exception))

        orphan = itav.Offer("orphan", "no-such-intervention")
        with self.assertRaises(itav.NotFound) as cm:
            self.store.create_offer(orphan)
        self.assertIn("no-such-intervention", str(cm.exception))
        of = itav.Offer("twice-here", "twice")
        self.store.create_offer(of)
        with self.assertRaises(itav.Exists):
            self.store.create_offer(of)

        # every error is an itav.Error with a code, and the builtin kind where one fits
        self.assertTrue(issubclass(itav.NotFound, LookupError))
        self.assertTrue(issubclass(itav.InvalidArgument, ValueError))
        self.assertTrue(issubclass(itav.RangeError, IndexError))

    def test_persists_across_close(self):
        self.store.create(full_intervention())
        self.store.close()
        self.assertTrue(self.store.closed)
        self.store.close()  # twice is harmless
        with self.assertRaises(itav.StateError):
            self.store.interventions()


class TestMemoryStore(StoreMixin, unittest.TestCase):
    def open_store(self):
        return itav.open("memory:")


class TestSqliteStore(StoreMixin, unittest.TestCase):
    def open_store(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "store.db")
        return itav.open("sqlite:" + self.path)

    def tearDown(self):
        super().tearDown()
        self.tmp.cleanup()

    def test_persists_across_close(self):
        super().test_persists_across_close()
        with itav.open("sqlite:" + self.path) as again:
            self.assertEqual(again.get_intervention("test-programme"), full_intervention())
        self.assertEqual(os.stat(self.path).st_mode & 0o777, 0o600)

    def test_catalog_in_sqlite(self):
        self.store.load_catalog()
        with itav.open("memory:") as mem:
            mem.load_catalog()
            self.assertEqual(self.store.export_json(), mem.export_json())
            self.assertEqual([iv.id for iv in self.store.interventions(setting="informal")],
                             [iv.id for iv in mem.interventions(setting="informal")])

    def test_not_a_store(self):
        bad = os.path.join(self.tmp.name, "not-a-store.db")
        with open(bad, "wb") as f:
            f.write(b"this is not an SQLite database, not at all" * 100)
        with self.assertRaises(itav.Error) as cm:
            itav.open("sqlite:" + bad)
        self.assertIn(bad, str(cm.exception))


class TestOpen(unittest.TestCase):
    def test_bad_uris(self):
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.open("mysql://x")
        self.assertIn("mysql://x", str(cm.exception))
        self.assertIn("unknown scheme", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.open("sqlite:")
        self.assertIn("no file path", str(cm.exception))
        with self.assertRaises(itav.StorageError) as cm:
            itav.open("sqlite:/nonexistent-dir/x/y.db")
        self.assertIn("/nonexistent-dir/x/y.db", str(cm.exception))

    def test_context_manager_closes(self):
        with itav.open() as s:
            self.assertFalse(s.closed)
        self.assertTrue(s.closed)
        self.assertIn("closed", repr(s))

    def test_store_freed_when_dropped(self):
        s = itav.open()
        fin = s._finalizer
        del s
        gc.collect()
        self.assertFalse(fin.alive)


class TestObjects(unittest.TestCase):
    """The object API without a store: properties, lists, figures, roles, errors."""

    def test_properties_and_clearing(self):
        iv = itav.Intervention("x", name="X", kind="method", since=1999, audience="youth")
        self.assertIs(iv.kind, itav.Kind.METHOD)
        self.assertEqual(iv.audience, itav.Audience.YOUTH)
        iv.audience = ["parents", itav.Audience.CHILDREN]
        self.assertEqual(iv.audience.codes, ["parents", "children"])
        iv.audience = None
        self.assertEqual(iv.audience, itav.Audience(0))
        iv.since = None
        self.assertIsNone(iv.since)
        iv.summary = ""
        self.assertIsNone(iv.summary)
        iv.age_min = 0
        self.assertEqual(iv.age_range, (0, None))
        iv.age_max = 12
        self.assertEqual(iv.age_range, (0, 12))
        iv.age_range = None
        self.assertEqual(iv.age_range, (None, None))
        with self.assertRaises(TypeError):
            itav.Intervention("x", colour="blue")

    def test_setter_errors(self):
        iv = itav.Intervention("x", name="X")
        cases = [
            ("name", "", "name"), ("name", None, "name"), ("kind", "programma", "programme"),
            ("kind", 99, "99"), ("setting", "informeel", "informal"), ("since", 1700, "1700"),
            ("age_range", (10, 5), "(10, 5)"), ("age_range", (-13, 5), "-13"),
            ("audience", 64, "0x40"), ("evidence", "strong", "strong_indications"),
        ]
        for field, value, mention in cases:
            with self.assertRaises(itav.InvalidArgument, msg=(field, value)) as cm:
                setattr(iv, field, value)
            self.assertIn(mention, str(cm.exception), (field, value))
            self.assertIn('"x"', str(cm.exception))
        self.assertEqual(iv.name, "X")  # unchanged by the failed sets
        self.assertIsNone(iv.kind)
        with self.assertRaises(TypeError):
            iv.since = "1999"
        of = itav.Offer("o", "x")
        with self.assertRaises(itav.InvalidArgument) as cm:
            of.period = ("2021-01-02", "2021-01-01")
        self.assertIn("2021-01-02", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            of.start = "2021-02-30"

    def test_text_lists(self):
        iv = itav.Intervention("x", name="X")
        self.assertEqual(iv.links, [])
        iv.links.append("a")
        iv.links.add("b")
        iv.links.extend(["c", "d"])
        self.assertEqual(iv.links, ["a", "b", "c", "d"])
        self.assertEqual(len(iv.links), 4)
        self.assertEqual(iv.links[-1], "d")
        self.assertEqual(iv.links[1:3], ["b", "c"])
        iv.links.remove("b")
        del iv.links[0]
        self.assertEqual(list(iv.links), ["c", "d"])
        iv.links.insert(0, "z")
        iv.links[1] = "y"
        self.assertEqual(iv.links, ["z", "y", "d"])
        self.assertEqual(iv.texts(itav.TextList.LINKS), ["z", "y", "d"])
        with self.assertRaises(IndexError):
            iv.links[3]
        with self.assertRaises(itav.RangeError) as cm:
            del iv.links[5]
        self.assertIn("5", str(cm.exception))
        with self.assertRaises(ValueError):
            iv.links.remove("not there")
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.links.append("")
        self.assertIn("empty", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            iv.links = ["ok", ""]
        self.assertEqual(iv.links, ["z", "y", "d"])  # unchanged
        with self.assertRaises(TypeError):
            iv.links = "one text"
        iv.links.clear()
        self.assertEqual(iv.links, [])
        of = itav.Offer("o", "x")
        of.municipalities = ["A"]
        self.assertEqual(of.municipalities, ["A"])
        # offers have only the municipalities list
        self.assertEqual(itav._lib.lib.itav_offer_add_text(of._ptr, itav.TextList.PROVIDERS,
                                                           b"P"), -3)

    def test_figures(self):
        f = itav.Figure("families", "at_least", 1700, text="ruim 1700")
        self.assertEqual((f.min, f.max), (1700, 1700))
        f = itav.Figure("hours", itav.Qualifier.ABOUT, 2.5)
        self.assertEqual((f.min, f.max), (2.5, 2.5))
        f = itav.Figure("people", "at_most", 5)
        self.assertEqual((f.min, f.max), (5, 5))
        f = itav.Figure("x", "range", -5, 1e300)
        self.assertEqual((f.min, f.max), (-5, 1e300))
        self.assertIsInstance(f.max, float)
        f = itav.Figure("x", "text", text="honderden")
        self.assertEqual((f.min, f.max), (None, None))
        self.assertEqual(f, itav.Figure("x", 6, text="honderden"))
        f = itav.Figure("families", "about_range", 5, 10, text="ongeveer 5 à 10")
        self.assertEqual((f.qualifier, f.min, f.max), (itav.Qualifier.ABOUT_RANGE, 5, 10))
        self.assertIn("about_range, 5, 10", repr(f))
        bad = [
            (("", "exact", 1), "non-empty"),
            (("x", "range", 10, 5), "above max"),
            (("x", "about_range", 10, 5), "above max"),
            (("x", "exact", float("inf")), "finite"),
            (("x", "text"), "needs the text"),
            (("x", "exact"), "finite number"),
        ]
        for args, mention in bad:
            with self.assertRaises(itav.InvalidArgument, msg=args) as cm:
                itav.Figure(*args)
            self.assertIn(mention, str(cm.exception), args)
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Figure("x", "exact", 1, source="line 12")
        self.assertIn("line 12", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            itav.Figure("x", "roughly", 1)

        iv = itav.Intervention("x", name="X")
        iv.add_figure(itav.Figure("a", "exact", 1))
        iv.add_figure(itav.Figure("b", "exact", 2))
        self.assertEqual([g.what for g in iv.reach], ["a", "b"])
        iv.remove_figure(0)
        self.assertEqual([g.what for g in iv.figures()], ["b"])
        with self.assertRaises(itav.RangeError):
            iv.remove_figure(3)
        with self.assertRaises(itav.InvalidArgument) as cm:  # interventions have no targets
            iv.add_figure(itav.Figure("c", "exact", 3), itav.FigureList.TARGETS)
        self.assertIn("targets", str(cm.exception))

    def test_roles(self):
        iv = itav.Intervention("x", name="X")
        iv.add_role(itav.Role("peer", description="been there"))
        iv.add_role(itav.Role(itav.RoleKind.PROFESSIONAL, vog=True))
        self.assertEqual([r.kind for r in iv.roles], [itav.RoleKind.PEER,
                                                      itav.RoleKind.PROFESSIONAL])
        iv.remove_role(0)
        self.assertEqual(iv.roles, [itav.Role("professional", vog=True)])
        with self.assertRaises(itav.RangeError):
            iv.remove_role(1)
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Role("helper")
        self.assertIn("helper", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            itav.Role(9)

    def test_element_profile(self):
        iv = itav.Intervention("x", name="X")
        self.assertEqual(iv.profile_source, itav.ProfileSource.DEFAULT)
        self.assertEqual(iv.elements(), set())
        self.assertEqual(iv.element("equality"), itav.Status.UNKNOWN)
        iv.set_element("sections", "equality", "present", "as equals", "001:L100")
        iv.set_element("sections", "demand_led", "absent")
        self.assertEqual(iv.profile_source, itav.ProfileSource.SECTIONS)
        self.assertEqual(iv.elements(), {Element.EQUALITY})
        self.assertEqual(iv.known_elements(), {Element.EQUALITY, Element.DEMAND_LED})
        self.assertEqual(iv.profile()[Element.EQUALITY],
                         itav.ElementStatement(itav.Status.PRESENT, "as equals", "001:L100"))
        iv.set_element("table", "equality", "absent")
        self.assertEqual(iv.profile_source, itav.ProfileSource.TABLE)
        self.assertEqual(iv.elements(), set())
        self.assertEqual(iv.disputed, {Element.EQUALITY})
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.set_element(itav.ProfileSource.DEFAULT, "equality", "present")
        self.assertIn("table, sections or other", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.set_element("default", "equality", "present")
        self.assertIn("'default'", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.set_element("table", "equality", "present", None, "p. 12")
        self.assertIn("p. 12", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            iv.set_element("table", "equality", "maybe")
        with self.assertRaises(itav.NotFound):
            iv.set_element("table", "no such element", "present")

    def test_sources(self):
        iv = itav.Intervention("x", name="X")
        iv.set_source("setting", "001:L1-2")
        self.assertEqual(iv.source("setting"), "001:L1-2")
        self.assertIsNone(iv.source("no-such-field"))
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.set_source("colour", "001:L1")
        self.assertIn("colour", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.set_source("name", "L1")
        self.assertIn("'L1'", str(cm.exception))
        iv.sources = {"name": "000:L3"}
        self.assertEqual(iv.sources, {"name": "000:L3"})
        of = itav.Offer("o", "x")
        of.set_source("start", "002:L5")
        self.assertEqual(of.sources, {"start": "002:L5"})
        with self.assertRaises(itav.InvalidArgument):
            of.set_source("phases", "002:L5")   # an intervention field, not an offer's

    def test_json_and_copies(self):
        iv = full_intervention()
        text = iv.to_json()
        data = json.loads(text)
        self.assertEqual(data["id"], "test-programme")
        self.assertEqual(data["setting"], "informal")
        self.assertEqual(data["elements"]["table"]["informal_support"]["status"], "present")
        back = itav.Intervention.from_json(text)
        self.assertEqual(back, iv)
        self.assertEqual(iv.to_dict(), data)
        dup = iv.copy()
        dup.name = "Other"
        self.assertEqual(iv.name, "Testprogramma")
        self.assertEqual(copy.copy(iv), iv)
        self.assertEqual(copy.deepcopy(iv), iv)
        of = itav.Offer("o", iv, municipalities=["A"], start="2020-01-01")
        self.assertEqual(itav.Offer.from_json(of.to_json()), of)
        self.assertEqual(of.copy(), of)

        with self.assertRaises(itav.FormatError) as cm:
            itav.Intervention.from_json('{"id": "x", "name": "X", "setting": "informeel"}')
        self.assertIn("$.setting", str(cm.exception))
        self.assertIn("informeel", str(cm.exception))
        with self.assertRaises(itav.FormatError) as cm:
            itav.Intervention.from_json('{"id": "x", ')
        self.assertRegex(str(cm.exception), r":1:\d+:")
        with self.assertRaises(itav.FormatError) as cm:
            itav.Offer.from_json('{"id": "o", "intervention": "x", "end": "2021-02-30"}')
        self.assertIn("$.end", str(cm.exception))
        with itav.open() as s:  # the message also lands in the given store
            with self.assertRaises(itav.FormatError):
                itav.Intervention.from_json('{"id": "x"}', store=s)
            self.assertIn("name", s.errmsg)

    def test_text_length_limit(self):
        iv = itav.Intervention("x", name="X")
        iv.summary = "é" * (itav_text_max // 2)  # exactly the limit in UTF-8 bytes
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.summary = "x" * (itav_text_max + 1)
        self.assertIn("at most %d bytes" % itav_text_max, str(cm.exception))
        self.assertLess(len(str(cm.exception)), 300)  # the value is cut short in the message
        with self.assertRaises(itav.InvalidArgument):
            iv.links.append("x" * (itav_text_max + 1))
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Figure("families", "exact", 1, note="n" * (itav_text_max + 1))
        self.assertIn("note", str(cm.exception))

    def test_nul_in_text_is_refused(self):
        iv = itav.Intervention("x", name="X")
        with self.assertRaises(ValueError) as cm:
            iv.summary = "before\0after"
        self.assertIn("NUL", str(cm.exception))
        self.assertIsNone(iv.summary)
        with self.assertRaises(ValueError):
            iv.links.append("a\0b")

    def test_objects_are_freed(self):
        iv = itav.Intervention("x", name="X")
        fin = iv._finalizer
        ref = weakref.ref(iv)
        del iv
        gc.collect()
        self.assertIsNone(ref())
        self.assertFalse(fin.alive)
        # objects read from a store outlive it (detached snapshots)
        with itav.open() as s:
            s.load_catalog()
            kept = s.get_intervention("buurtgezinnen")
            listed = s.interventions(text="buur")
        self.assertEqual(kept.name, "Buurtgezinnen")
        self.assertIn("buurtgezinnen", [i.id for i in listed])
        for _ in range(200):  # many create/free cycles run clean
            itav.Intervention.from_json(kept.to_json()).copy()


if __name__ == "__main__":
    unittest.main()
