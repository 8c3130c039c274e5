"""Participants through the bindings: the coded enumerations of issue 3, the Participant
object and its JSON form, participants in stores (memory, SQLite, a Python backend), status
moves, erasure and the CSV import."""

import datetime
import json
import math
import os
import pathlib
import random
import tempfile
import unittest

import itavtest  # noqa: F401  (finds the bindings when run by hand)

import itav

D = datetime.date
OFFER = "buurtgezinnen-zuid-kennemerland"

# Places in Zuid-Kennemerland (rounded town centres, no real addresses).
HAARLEM = (52.3810, 4.6360)
HEEMSTEDE = (52.3580, 4.6060)
ZANDVOORT = (52.3713, 4.5330)
BLOEMENDAAL = (52.4063, 4.6222)


def asking(ref, location=HAARLEM, status="waiting", **fields):
    """An asking family of OFFER, waiting unless said otherwise."""
    fields.setdefault("registered", "2021-01-15")
    return itav.Participant(ref, fields.pop("offer", OFFER), fields.pop("kind", "family"),
                            status=status, location=location, **fields)


def supporter(ref, location=HAARLEM, status="available", **fields):
    """A screened, trained support family of OFFER, available unless said otherwise."""
    fields.setdefault("vog_date", "2020-09-01")
    fields.setdefault("languages", ["nl"])
    fields.setdefault("trained", True)
    fields.setdefault("registered", "2020-10-01")
    return itav.Participant(ref, fields.pop("offer", OFFER),
                            fields.pop("kind", "support_family"), status=status,
                            location=location, **fields)


def small_store(uri="memory:", backend=None):
    """A store with one intervention (a Buurtgezinnen-like plan) and its offer OFFER; on a
    Python backend if one is given."""
    store = itav.open(uri) if backend is None else itav.open_backend(backend)
    plan = itav.Plan(trial=True, trial_months=2, review_months=6, max_months=24,
                     max_distance_m=10000, vog=True)
    store.create(itav.Intervention("buurtgezinnen", name="Buurtgezinnen", plan=plan))
    store.create(itav.Offer(OFFER, "buurtgezinnen", municipalities=["Haarlem", "Heemstede"]))
    return store


def full_participant():
    """An asking participant with every field set."""
    return itav.Participant(
        "bg-zk-a001", OFFER, "family", municipality="Haarlem", postcode="2011",
        location=HAARLEM, availability={"wed_afternoon", "sat_morning"},
        support={"daytime_care", "sleepover"}, languages=["nl", "ar"], language_required=True,
        interests=["football", "board-games"], children=[48, 96], registered=D(2021, 2, 1),
        max_distance_m=5000, exclusions=["bg-zk-s007"])


class TestCodes(unittest.TestCase):
    CODED = {
        itav.Side: itav.CodeType.SIDE,
        itav.ParticipantKind: itav.CodeType.PARTICIPANT_KIND,
        itav.ParticipantStatus: itav.CodeType.PARTICIPANT_STATUS,
        itav.MatchState: itav.CodeType.MATCH_STATE,
        itav.Actor: itav.CodeType.ACTOR,
        itav.EndReason: itav.CodeType.END_REASON,
        itav.Criterion: itav.CodeType.CRITERION,
        itav.Constraint: itav.CodeType.CONSTRAINT,
        itav.DueKind: itav.CodeType.DUE_KIND,
        itav.PlanField: itav.CodeType.PLAN_FIELD,
    }

    def test_members_are_the_library_codes(self):
        for cls, ctype in self.CODED.items():
            for m in cls:
                name = itav.code_name(ctype, m)
                if int(m) == 0:  # Constraint.NONE: no code
                    self.assertIsNone(name)
                    continue
                self.assertEqual(m.name.lower(), name, m)
                self.assertEqual(m.code, name)
                self.assertIs(cls.parse(name), m)
            top = max(int(m) for m in cls)
            self.assertIsNone(itav.code_name(ctype, top + 1), cls)

    def test_flags_are_the_library_codes(self):
        for cls, ctype, bits in ((itav.Support, itav.CodeType.SUPPORT, 9),
                                 (itav.Slot, itav.CodeType.SLOT, 21)):
            self.assertEqual(len(cls.all_codes()), bits)
            for i in range(bits):
                self.assertEqual(cls(1 << i).code, itav.code_name(ctype, 1 << i))
                self.assertEqual(cls(1 << i).name.lower(), cls(1 << i).code)
            self.assertIsNone(itav.code_name(ctype, 1 << bits))
        self.assertEqual(int(itav.Support.all()), 511)
        self.assertEqual(int(itav.Slot.all()), 0x1FFFFF)
        self.assertEqual(itav.Support.LISTENING_EAR.code, "listening_ear")

    def test_slot_numbering_is_itav_slot(self):
        days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        parts = ["morning", "afternoon", "evening"]
        for d, day in enumerate(days):
            for p, part in enumerate(parts):
                self.assertEqual(itav.Slot.of(d, p).code, "%s_%s" % (day, part))
                self.assertEqual(int(itav.Slot.of(d, p)), 1 << (d * 3 + p))
        with self.assertRaises(itav.InvalidArgument):
            itav.Slot.of(7, 0)

    def test_kind_fixes_the_side(self):
        for kind in itav.ParticipantKind:
            p = itav.Participant("p1", OFFER, kind)
            self.assertIs(p.side, kind.side)
            self.assertIs(p.kind, kind)
        self.assertEqual([k.code for k in itav.ParticipantKind if k.side == itav.Side.ASKING],
                         ["family", "youth", "parent"])

    def test_language_known(self):
        for code in ("nl", "ar", "tr", "en", "so"):
            self.assertTrue(itav.language_known(code), code)
        for code in ("xx", "NL", "NLD", "qqq", "", "n"):
            self.assertFalse(itav.language_known(code), code)

    def test_iso_639_3(self):
        # Papiamento has only an ISO 639-3 code; Dutch has both and is stored as "nl"
        for code in ("pap", "nld", "ary"):
            self.assertTrue(itav.language_known(code), code)
        self.assertEqual(itav.language_canonical("nld"), "nl")
        self.assertEqual(itav.language_canonical("pap"), "pap")
        self.assertIsNone(itav.language_canonical("xyz"))
        p = itav.Participant("p1", OFFER, itav.ParticipantKind.FAMILY)
        p.languages = ["pap", "nld", "nl"]
        self.assertEqual(p.languages, ["pap", "nl"])
        with self.assertRaisesRegex(ValueError, "ISO 639-3"):
            p.add_language("xyz")


class TestParticipantObject(unittest.TestCase):
    def test_every_field(self):
        p = full_participant()
        self.assertEqual(p.ref, "bg-zk-a001")
        self.assertEqual(p.offer, OFFER)
        self.assertIs(p.kind, itav.ParticipantKind.FAMILY)
        self.assertIs(p.side, itav.Side.ASKING)
        self.assertIs(p.status, itav.ParticipantStatus.REGISTERED)
        self.assertIsNone(p.status_date)
        self.assertEqual(p.municipality, "Haarlem")
        self.assertEqual(p.postcode, "2011")
        self.assertEqual(p.location, HAARLEM)
        self.assertEqual(p.availability, {"wed_afternoon", "sat_morning"})
        self.assertEqual(p.availability_flags, itav.Slot.WED_AFTERNOON | itav.Slot.SAT_MORNING)
        self.assertEqual(p.support, {"daytime_care", "sleepover"})
        self.assertEqual(p.support_flags, itav.Support.DAYTIME_CARE | itav.Support.SLEEPOVER)
        self.assertEqual(p.languages, ["nl", "ar"])
        self.assertTrue(p.language_required)
        self.assertEqual(p.interests, ["football", "board-games"])
        self.assertEqual(p.children, [48, 96])
        self.assertIsNone(p.age_range)
        self.assertIsNone(p.vog_date)
        self.assertFalse(p.trained)
        self.assertEqual(p.capacity, 1)
        self.assertEqual(p.registered, D(2021, 2, 1))
        self.assertEqual(p.max_distance_m, 5000)
        self.assertEqual(p.exclusions, ["bg-zk-s007"])

        s = itav.Participant("bg-zk-s001", OFFER, itav.ParticipantKind.VOLUNTEER,
                             age_range=(0, 144), vog_date="2020-06-01", trained=True,
                             capacity=3, availability=itav.Slot.MON_MORNING,
                             support=itav.Support.HOMEWORK | itav.Support.LISTENING_EAR)
        self.assertIs(s.side, itav.Side.SUPPORTING)
        self.assertEqual(s.age_range, (0, 144))
        self.assertEqual(s.vog_date, D(2020, 6, 1))
        self.assertTrue(s.trained)
        self.assertEqual(s.capacity, 3)
        self.assertEqual(s.availability, {"mon_morning"})
        self.assertEqual(s.support, {"homework", "listening_ear"})

    def test_clearing(self):
        p = full_participant()
        for name in ("municipality", "postcode", "location", "availability", "support",
                     "age_range", "vog_date", "registered", "max_distance_m"):
            setattr(p, name, None)
        for name in ("languages", "interests", "children", "exclusions"):
            setattr(p, name, [])
        p.language_required = False
        self.assertEqual(json.loads(p.to_json()),
                         {"ref": "bg-zk-a001", "offer": OFFER, "kind": "family",
                          "status": "registered"})

    def test_add_methods_do_not_duplicate(self):
        p = itav.Participant("p1", OFFER, "family")
        p.add_language("nl")
        p.add_language("nl")
        p.add_interest("cooking")
        p.add_interest("cooking")
        p.add_child(12)
        p.add_child(12)  # two children of the same age are two children
        p.add_exclusion("p2")
        p.add_exclusion(itav.Participant("p3", OFFER, "volunteer"))
        self.assertEqual(p.languages, ["nl"])
        self.assertEqual(p.interests, ["cooking"])
        self.assertEqual(p.children, [12, 12])
        self.assertEqual(p.exclusions, ["p2", "p3"])

    def test_json_shape(self):
        # docs: members in canonical order, unset members and defaults left out
        data = json.loads(full_participant().to_json(),
                          object_pairs_hook=lambda kv: kv)
        self.assertEqual([k for k, _ in data],
                         ["ref", "offer", "kind", "status", "municipality", "postcode",
                          "location", "availability", "support", "languages",
                          "language_required", "interests", "children", "registered",
                          "max_distance_m", "exclusions"])
        d = full_participant().to_dict()
        self.assertEqual(d["availability"], ["wed_afternoon", "sat_morning"])  # bit order
        self.assertEqual(d["location"], {"lat": HAARLEM[0], "lon": HAARLEM[1]})
        s = itav.Participant("s1", OFFER, "support_family", capacity=2, trained=True,
                             age_range=(0, 144), vog_date="2021-01-10")
        d = s.to_dict()
        self.assertEqual((d["capacity"], d["trained"], d["age_range"], d["vog_date"]),
                         (2, True, {"min": 0, "max": 144}, "2021-01-10"))
        d = itav.Participant("s2", OFFER, "support_family").to_dict()
        for left_out in ("capacity", "trained", "language_required", "max_distance_m"):
            self.assertNotIn(left_out, d)

    def test_json_round_trip_and_copy(self):
        p = full_participant()
        again = itav.Participant.from_json(p.to_json())
        self.assertEqual(again, p)
        self.assertEqual(itav.Participant.from_json(p.to_dict()), p)
        c = p.copy()
        self.assertEqual(c, p)
        c.municipality = "Heemstede"
        self.assertEqual(p.municipality, "Haarlem")
        self.assertNotEqual(c, p)

    def test_from_json_errors_name_the_path(self):
        d = full_participant().to_dict()
        d["availability"] = ["wed_afternoon", "wed_night"]
        with self.assertRaises(itav.FormatError) as cm:
            itav.Participant.from_json(d)
        self.assertIn("availability", str(cm.exception))
        self.assertIn("wed_night", str(cm.exception))
        d = full_participant().to_dict()
        del d["kind"]
        with self.assertRaises(itav.FormatError) as cm:
            itav.Participant.from_json(d)
        self.assertIn("kind", str(cm.exception))
        with self.assertRaises(itav.FormatError):
            itav.Participant.from_json("{not json")

    def test_with_status(self):
        p = full_participant().with_status("waiting", "2021-03-01")
        self.assertIs(p.status, itav.ParticipantStatus.WAITING)
        self.assertEqual(p.status_date, D(2021, 3, 1))
        q = itav.Participant("q", OFFER, "volunteer", status=itav.ParticipantStatus.AVAILABLE)
        self.assertIs(q.status, itav.ParticipantStatus.AVAILABLE)
        with self.assertRaises(itav.InvalidArgument):
            full_participant().with_status("sleeping")

    def test_constructor_errors(self):
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Participant("Jan de Vries", OFFER, "family")  # a space: a name, not a ref
        self.assertIn("reference", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            itav.Participant("p1", "Not An Offer", "family")
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Participant("p1", OFFER, "alien")
        self.assertIn("support_family", str(cm.exception))
        with self.assertRaises(TypeError):
            itav.Participant("p1", OFFER, "family", name="Jan")  # there is no name field

    def test_bad_setters(self):
        """ITAV_EINVAL from every setter, with a message naming the rule; nothing changes."""
        p = full_participant()
        before = p.to_json()
        cases = [
            ("postcode", "2011 AB", "four digits"),
            ("postcode", "0123", "four digits"),
            ("location", (91.0, 4.6), "latitude"),
            ("location", (52.0, 181.0), "longitude"),
            ("location", (math.nan, 4.6), "latitude"),
            ("availability", 1 << 21, "unknown bits"),
            ("availability", ["wed_afternoon", "wed_night"], "wed_night"),
            ("support", ["daytime_care", "cooking"], "listening_ear"),
            ("support", 512, "unknown bits"),
            ("languages", ["nl", "xx"], "ISO 639-1"),
            ("interests", ["Football"], "lower-case"),
            ("interests", ["board--games"], "single hyphens"),
            ("children", [48, 301], "0 to 300"),
            ("children", [-1], "0 to 300"),
            ("age_range", (100, 50), "min <= max"),
            ("age_range", (0, 301), "0 to 300"),
            ("capacity", 2, "1 on the asking side"),
            ("capacity", 0, "1 to 100"),
            ("max_distance_m", -5, "more than 0"),
            ("max_distance_m", 3e7, "20000000"),
            ("exclusions", ["bg-zk-a001"], "itself"),
            ("exclusions", ["bad ref"], "reference"),
        ]
        for name, value, words in cases:
            with self.assertRaises(itav.InvalidArgument, msg=(name, value)) as cm:
                setattr(p, name, value)
            self.assertEqual(cm.exception.code, -3)
            self.assertIn(words, str(cm.exception), (name, value))
            self.assertIn("bg-zk-a001", str(cm.exception), (name, value))
            self.assertEqual(p.to_json(), before, "a failed %s setter changed the object"
                             % name)
        s = itav.Participant("s1", OFFER, "volunteer")
        with self.assertRaises(itav.InvalidArgument):
            s.capacity = 101
        with self.assertRaises(itav.InvalidArgument):
            s.vog_date = D(1899, 12, 31)
        for name in ("trained", "language_required"):
            with self.assertRaises(itav.InvalidArgument):
                setattr(s, name, 2)
        with self.assertRaises(TypeError):
            s.capacity = 1.5
        with self.assertRaises(TypeError):
            s.languages = "nl"  # one str is not a list of languages

    def test_list_limits(self):
        p = asking("limits")
        p.exclusions = ["x%04d" % i for i in range(itav.EXCLUSIONS_MAX)]
        with self.assertRaises(itav.RangeError) as cm:
            p.add_exclusion("one-more")
        self.assertIn("at most %d" % itav.EXCLUSIONS_MAX, str(cm.exception))
        p.add_exclusion("x0000")  # listed already: nothing to add
        self.assertEqual(len(p.exclusions), itav.EXCLUSIONS_MAX)
        p.interests = ["tag-%d" % i for i in range(itav.INTERESTS_MAX)]
        with self.assertRaises(itav.RangeError):
            p.add_interest("one-more")

    def test_too_many_children(self):
        p = itav.Participant("p1", OFFER, "family")
        p.children = range(itav.CHILDREN_MAX)
        with self.assertRaises(itav.RangeError) as cm:
            p.add_child(1)
        self.assertEqual(cm.exception.code, -12)
        self.assertIn(str(itav.CHILDREN_MAX), str(cm.exception))
        self.assertEqual(p.children, list(range(itav.CHILDREN_MAX)))


class ParticipantStoreMixin:
    """Participants in a store; subclasses say which store."""

    def open_store(self):
        raise NotImplementedError

    def setUp(self):
        self.store = self.open_store()

    def tearDown(self):
        self.store.close()

    def test_create_get_update_delete(self):
        p = full_participant()
        self.store.create_participant(p)
        got = self.store.get_participant("bg-zk-a001")
        self.assertEqual(got, p.with_status("registered", "2021-02-01"))
        self.assertIs(got.status, itav.ParticipantStatus.REGISTERED)
        self.assertEqual(got.status_date, D(2021, 2, 1))  # the registration date
        got.municipality = "Heemstede"
        got.location = HEEMSTEDE
        self.assertEqual(self.store.get_participant(p).municipality, "Haarlem")  # a snapshot
        self.store.update(got)
        again = self.store.get_participant(p)
        self.assertEqual((again.municipality, again.location), ("Heemstede", HEEMSTEDE))
        self.store.delete(again)
        with self.assertRaises(itav.NotFound) as cm:
            self.store.get_participant("bg-zk-a001")
        self.assertIn("bg-zk-a001", str(cm.exception))

    def test_create_errors(self):
        self.store.create(asking("a1"))
        with self.assertRaises(itav.Exists) as cm:
            self.store.create(asking("a1"))
        self.assertIn("a1", str(cm.exception))
        with self.assertRaises(itav.NotFound) as cm:
            self.store.create(asking("a2", offer="no-such-offer"))
        self.assertIn("no-such-offer", str(cm.exception))
        with self.assertRaises(itav.StateError):
            self.store.create(asking("a3", status="matched"))
        with self.assertRaises(itav.FormatError) as cm:  # refused before any store
            asking("a4", status="available")
        self.assertIn("supporting side", str(cm.exception))
        with self.assertRaises(itav.NotFound):
            self.store.update(asking("a5"))
        with self.assertRaises(itav.NotFound):
            self.store.delete_participant("a5")
        self.assertEqual([p.ref for p in self.store.participants()], ["a1"])

    def test_update_keeps_status(self):
        self.store.create(asking("a1"))
        changed = asking("a1", status="registered", municipality="Haarlem")
        self.store.update(changed)
        got = self.store.get_participant("a1")
        self.assertIs(got.status, itav.ParticipantStatus.WAITING)
        self.assertEqual(got.municipality, "Haarlem")

    def test_status_moves(self):
        self.store.create(asking("a1", status="registered"))
        for st, day in (("intake", "2021-02-01"), ("approved", "2021-02-10"),
                        (itav.ParticipantStatus.WAITING, D(2021, 2, 11))):
            got = self.store.set_participant_status("a1", st, day)
            self.assertEqual(got.status.code, getattr(st, "code", st))
            self.assertEqual(got.status_date, itav.to_date(itav.to_days(day)))
        with self.assertRaises(itav.StateError) as cm:
            self.store.set_participant_status("a1", "approved", "2021-03-01")
        self.assertEqual(cm.exception.code, -11)
        msg = str(cm.exception)
        self.assertIn("waiting", msg)
        self.assertIn("inactive", msg)  # the legal move is named
        with self.assertRaises(itav.StateError):
            self.store.set_participant_status("a1", "matched", "2021-03-01")
        with self.assertRaises(itav.InvalidArgument):  # before the current status date
            self.store.set_participant_status("a1", "inactive", "2021-01-01")
        with self.assertRaises(itav.InvalidArgument):
            self.store.set_participant_status("a1", "sleeping", "2021-03-01")
        with self.assertRaises(itav.NotFound):
            self.store.set_participant_status("nobody", "inactive", "2021-03-01")
        self.assertIs(self.store.get_participant("a1").status, itav.ParticipantStatus.WAITING)
        self.store.set_participant_status("a1", "inactive", "2021-03-01")
        self.store.set_participant_status("a1", "waiting", "2021-04-01")

    def test_list_filters(self):
        self.store.create(itav.Offer("home-start-haarlem", "buurtgezinnen"))
        people = [asking("a2", municipality="Heemstede"),
                  asking("a1", municipality="Haarlem", status="intake"),
                  supporter("s1", municipality="haarlem"),
                  supporter("s2", municipality="Zandvoort", offer="home-start-haarlem")]
        for p in people:
            self.store.create(p)
        refs = lambda **kw: [p.ref for p in self.store.participants(**kw)]  # noqa: E731
        self.assertEqual(refs(), ["a1", "a2", "s1", "s2"])
        self.assertEqual(refs(offer=OFFER), ["a1", "a2", "s1"])
        self.assertEqual(refs(offer=self.store.get_offer("home-start-haarlem")), ["s2"])
        self.assertEqual(refs(side="asking"), ["a1", "a2"])
        self.assertEqual(refs(side=itav.Side.SUPPORTING), ["s1", "s2"])
        self.assertEqual(refs(status="waiting"), ["a2"])
        self.assertEqual(refs(municipality="HAARLEM"), ["a1", "s1"])
        self.assertEqual(refs(offer=OFFER, side="supporting", status="available",
                              municipality="Haarlem"), ["s1"])
        self.assertEqual(refs(offer="nowhere"), [])
        with self.assertRaises(itav.InvalidArgument):
            self.store.participants(side="middle")
        from itav import _lib
        with self.assertRaises(itav.VersionError):
            self.store.list_participants(_lib.itav_participant_filter(version=99))
        self.assertEqual(len(self.store.list_participants()), 4)

    def test_erase(self):
        self.store.create(full_participant().with_status("waiting"))
        self.store.create(supporter("bg-zk-s001"))
        m = self.store.propose("bg-zk-a001", "bg-zk-s001", "2021-03-01", note="Haarlem pair")
        self.store.advance(m, "introduced", "2021-03-10", note="met at the playground")
        self.store.advance(m, "trial", "2021-03-15", actor="asking")
        with self.assertRaises(itav.InUse):
            self.store.delete_participant("bg-zk-a001")
        new_ref = self.store.erase_participant("bg-zk-a001")
        self.assertRegex(new_ref, r"^~erased-\d+$")
        with self.assertRaises(itav.NotFound):
            self.store.get_participant("bg-zk-a001")
        gone = self.store.get_participant(new_ref)
        self.assertIs(gone.status, itav.ParticipantStatus.ERASED)
        self.assertEqual(set(gone.to_dict()), {"ref", "offer", "kind", "status",
                                               "status_date"})
        # the match stays, anonymised and ended; the supporter is free again
        m = self.store.get_match(m.id)
        self.assertEqual(m.asking, new_ref)
        self.assertIs(m.state, itav.MatchState.ENDED_EARLY)
        self.assertIs(m.reason, itav.EndReason.OTHER)
        self.assertIs(m.trail[-1].actor, itav.Actor.SYSTEM)
        self.assertTrue(all(t.note is None for t in m.trail))
        self.assertEqual([t.state.code for t in m.trail],
                         ["proposed", "introduced", "trial", "ended_early"])
        self.assertNotIn("Haarlem pair", self.store.export_json())
        self.assertNotIn("playground", self.store.export_json())
        self.assertNotIn("bg-zk-a001", self.store.export_json())
        self.assertIs(self.store.get_participant("bg-zk-s001").status,
                      itav.ParticipantStatus.AVAILABLE)
        self.assertEqual(len(self.store.matches(participant=new_ref)), 1)
        with self.assertRaises(itav.StateError):
            self.store.erase_participant(new_ref)
        with self.assertRaises(itav.StateError):
            self.store.update(gone)
        with self.assertRaises(itav.NotFound):
            self.store.erase_participant("bg-zk-a001")


class TestParticipantsMemory(ParticipantStoreMixin, unittest.TestCase):
    def open_store(self):
        return small_store("memory:")


class TestParticipantsSqlite(ParticipantStoreMixin, unittest.TestCase):
    def open_store(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "itav.db")
        return small_store("sqlite:" + self.path)

    def tearDown(self):
        super().tearDown()
        self.tmp.cleanup()

    def test_erased_values_are_not_in_the_files(self):
        secret = asking("zz-secret-ref-4471", municipality="Geheimdorp", postcode="2099",
                        interests=["secret-hobby-9911"], languages=["nl"])
        self.store.create(secret)
        self.store.create(supporter("s1"))
        self.store.propose(secret, "s1", "2021-03-01", note="secret-note-5532")
        self.store.erase_participant(secret)
        self.store.close()
        blob = b""
        for name in os.listdir(self.tmp.name):
            blob += pathlib.Path(self.tmp.name, name).read_bytes()
        for value in ("zz-secret-ref-4471", "Geheimdorp", "secret-hobby-9911",
                      "secret-note-5532"):
            self.assertNotIn(value.encode(), blob, value)
        self.assertIn(b"s1", blob)  # the file itself was read


def _erase_as_you_go(uri, seed, n, tag):
    """Imports n participants one by one into the store at uri and erases about a third of
    them as it goes (issue 17: SQLite left stale copies of moved cells in unused page space,
    which secure_delete does not clear). Returns the values of the erased participants, each
    unique to one participant."""
    rng = random.Random(seed)
    erased, kept = [], []
    with itav.open(uri) as store:
        for i in range(n):
            ref = "p-%s-%d-%05d" % (tag, seed, i)
            place = "Plaats%s%d%05dx" % (tag, seed, i)
            store.create(asking(ref, municipality=place, location=None))
            kept.append((ref, place))
            if rng.random() < 1 / 3:
                victim = kept.pop(rng.randrange(len(kept)))
                try:
                    store.erase_participant(victim[0])
                except itav.Busy:
                    pass  # erased; another writer kept the purge from running
                erased.extend(victim)
    return erased


def _erase_in_process(args):
    return _erase_as_you_go(*args)


class TestErasureLeavesNoRemnants(unittest.TestCase):
    """Erased values in no byte of the store's files (.db, -wal, -shm), whatever the B-tree
    did to the pages before: one process, and four writing at once, with several seeds."""

    def survivors(self, directory, values):
        blob = b""
        for name in os.listdir(directory):
            blob += pathlib.Path(directory, name).read_bytes()
        return [v for v in values if v.encode() in blob]

    def test_one_process(self):
        for seed in (1, 2, 3):
            with tempfile.TemporaryDirectory() as tmp:
                uri = "sqlite:" + os.path.join(tmp, "itav.db")
                small_store(uri).close()
                erased = _erase_as_you_go(uri, seed, 1200, "a")
                self.assertGreater(len(erased), 600)
                self.assertEqual(self.survivors(tmp, erased), [], "seed %d" % seed)

    def test_four_processes(self):
        import multiprocessing
        for seed in (4, 5):
            with tempfile.TemporaryDirectory() as tmp:
                uri = "sqlite:" + os.path.join(tmp, "itav.db")
                small_store(uri).close()
                jobs = [(uri, seed * 10 + w, 400, "w%d" % w) for w in range(4)]
                with multiprocessing.get_context("spawn").Pool(4) as pool:
                    erased = [v for part in pool.map(_erase_in_process, jobs) for v in part]
                # a purge that another writer kept from running is made by the next erasure
                with itav.open(uri) as store:
                    store.create(asking("last-one", location=None))
                    store.erase_participant("last-one")
                self.assertGreater(len(erased), 600)
                self.assertEqual(self.survivors(tmp, erased), [], "seed %d" % seed)


class TestParticipantsPythonBackend(ParticipantStoreMixin, unittest.TestCase):
    def open_store(self):
        self.backend = itav.MemoryBackend()
        store = itav.open_backend(self.backend)
        store.create(itav.Intervention("buurtgezinnen", name="Buurtgezinnen",
                                       plan=itav.Plan(vog=True, trial=True)))
        store.create(itav.Offer(OFFER, "buurtgezinnen"))
        return store

    def test_erasure_purges_the_backend(self):
        self.store.create(asking("a1"))
        self.assertEqual(self.backend.purges, 0)
        self.store.erase_participant("a1")
        self.assertEqual(self.backend.purges, 1)


class TestCsvImport(unittest.TestCase):
    HEADER = ("ref,kind,status,municipality,postcode,lat,lon,availability,support,languages,"
              "language_required,interests,children,age_min,age_max,vog_date,trained,"
              "capacity,registered,max_distance_m,exclusions\n")
    ROWS = ("bg-zk-a001,family,waiting,Haarlem,2011,52.381,4.636,wed_afternoon; sat_morning,"
            "daytime_care,nl ar,yes,football,48;96,,,,,,2021-02-01,5000,bg-zk-s007\n"
            "bg-zk-s007,support_family,available,Heemstede,2101,52.358,4.606,wed_afternoon,"
            "daytime_care sleepover,nl,no,,,0,144,2020-06-01,TRUE,2,2020-12-01,,\n")

    def setUp(self):
        self.store = small_store()

    def tearDown(self):
        self.store.close()

    def test_import_text(self):
        self.store.import_participants_csv(self.HEADER + self.ROWS, offer=OFFER)
        a, s = self.store.participants()
        self.assertEqual((a.ref, a.status, a.location, a.municipality, a.postcode),
                         ("bg-zk-a001", itav.ParticipantStatus.WAITING, (52.381, 4.636),
                          "Haarlem", "2011"))
        self.assertEqual(a.availability, {"wed_afternoon", "sat_morning"})
        self.assertEqual(a.languages, ["nl", "ar"])
        self.assertTrue(a.language_required)
        self.assertEqual(a.children, [48, 96])
        self.assertEqual(a.max_distance_m, 5000)
        self.assertEqual(a.exclusions, ["bg-zk-s007"])
        self.assertEqual((s.age_range, s.vog_date, s.trained, s.capacity),
                         ((0, 144), D(2020, 6, 1), True, 2))
        self.assertEqual(s.support, {"daytime_care", "sleepover"})
        self.assertEqual(s.status_date, D(2020, 12, 1))

    def test_import_file_and_offer_column(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp, "deelnemers.csv")
            path.write_text("ref,offer,kind\nbg-zk-a009,%s,youth\n" % OFFER, encoding="utf-8")
            self.store.import_participants_csv(path)          # a PathLike
            path2 = pathlib.Path(tmp, "tweede.csv")
            path2.write_bytes(b"kind,ref\nvolunteer,bg-zk-s009\n")
            self.store.import_participants_csv(str(path2), offer=OFFER)   # a str path
            with self.assertRaises(itav.StorageError) as cm:
                self.store.import_participants_csv(os.path.join(tmp, "missing.csv"), OFFER)
            self.assertIn("missing.csv", str(cm.exception))
        got = {p.ref: p for p in self.store.participants()}
        self.assertEqual(set(got), {"bg-zk-a009", "bg-zk-s009"})
        self.assertIs(got["bg-zk-a009"].kind, itav.ParticipantKind.YOUTH)
        self.assertIs(got["bg-zk-s009"].status, itav.ParticipantStatus.REGISTERED)
        self.store.import_participants_csv(b"ref,kind\nbg-zk-s010,buddy\n", OFFER)  # bytes
        self.assertIs(self.store.get_participant("bg-zk-s010").kind,
                      itav.ParticipantKind.BUDDY)

    def test_errors_name_row_and_column_and_nothing_is_written(self):
        bad = ("ref,kind,lat,lon,capacity,colour\n"
               "ok-1,family,52.38,4.63,,\n"
               "x1,family,91,4.6,,\n"
               "x2,alien,,,0,\n")
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_participants_csv(bad, offer=OFFER, name="lijst.csv")
        msg = str(cm.exception)
        self.assertEqual(cm.exception.code, -6)
        self.assertIn('lijst.csv:row 1, column F: unknown column "colour"', msg)
        self.assertIn("lijst.csv:row 3, column lat", msg)
        self.assertIn("lijst.csv:row 4, column kind", msg)
        self.assertIn("lijst.csv:row 4, column capacity", msg)
        self.assertEqual(self.store.participants(), [])
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_participants_csv("ref,kind\nx1,family\n")  # no offer anywhere
        self.assertIn("offer", str(cm.exception))
        self.store.create(asking("taken"))
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_participants_csv("ref,kind\nnew-1,family\ntaken,family\n",
                                               offer=OFFER)
        self.assertIn("taken", str(cm.exception))
        self.assertEqual([p.ref for p in self.store.participants()], ["taken"])

    def test_source_types(self):
        with self.assertRaises(TypeError):
            self.store.import_participants_csv(42)


DATA = pathlib.Path(__file__).resolve().parents[1] / "c" / "data"


class TestCsvProblems(unittest.TestCase):
    """Spreadsheets as Dutch Excel writes them: the problem list, notes and warnings, the
    strict option, Windows-1252 and update mode (tests/c/data holds the files)."""

    def setUp(self):
        self.store = small_store()

    def tearDown(self):
        self.store.close()

    def test_every_problem_on_format_error(self):
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_participants_csv(DATA / "excel-nl-problems.csv", strict=False)
        problems = cm.exception.problems
        # 55 rows without an offer, a date that does not exist, a kind that is not one, and
        # the two rows of offer "bg-zk", which this store lacks
        self.assertEqual(len(problems), 61)
        errors = [p for p in problems if p.severity == itav.Severity.ERROR]
        self.assertEqual(len(errors), 59)
        self.assertEqual(sum(p.code == "unknown_offer" for p in errors), 2)
        first = errors[0]
        self.assertEqual((first.row, first.column, first.code, first.message, str(first.severity)),
                         (2, "Aanbod", "empty", "offer is empty and no default offer was given",
                          "error"))
        self.assertEqual([p.row for p in errors if p.code == "empty"], list(range(2, 57)))
        self.assertEqual((errors[-1].row, errors[-1].column, errors[-1].code), (58, "Soort",
                                                                                "invalid"))
        self.assertEqual(problems[0].code, "separator")
        self.assertIs(problems[0].severity, itav.Severity.NOTE)
        text = self.store.import_problems_text()
        self.assertIn("excel-nl-problems.csv:rows 2-56, column Aanbod: error: offer is empty "
                      "and no default offer was given (55 rows)\n", text)
        self.assertEqual(self.store.participants(), [])
        # other FormatErrors have no list
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_json_text('{"format": "itav/1", "offers": 3}')
        self.assertEqual(list(cm.exception.problems), [])

    def test_notes_and_warnings_of_a_successful_import(self):
        result = self.store.import_participants_csv(DATA / "excel-nl.csv", OFFER, strict=False)
        self.assertEqual((result.added, result.updated, result.unchanged), (3, 0, 0))
        self.assertEqual([(p.code, p.row, p.column) for p in result.warnings],
                         [("postcode_cut", 2, "Postcode"), ("postcode_cut", 3, "Postcode")])
        self.assertEqual([p.code for p in result.notes], ["separator", "ignored_columns"])
        self.assertIn('"Naam" (B), "Telefoon" (H), "Notities" (O)', result.notes[1].message)
        self.assertIn("rows 2-3, column Postcode: warning:", result.text)
        self.assertEqual(self.store.get_participant("nl-steun-02").postcode, "5223")
        self.assertNotIn("Anneke", self.store.export_json())
        self.assertEqual(self.store.import_problems(), result.problems)

    def test_strict_is_the_default(self):
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_participants_csv(DATA / "excel-nl.csv", OFFER)
        unknown = [p for p in cm.exception.problems if p.code == "unknown_column"]
        self.assertEqual([p.column for p in unknown], ["B", "H", "O"])
        self.assertEqual(self.store.participants(), [])

    def test_windows_1252_bytes(self):
        raw = (DATA / "excel-nl-1252.csv").read_bytes()
        with self.assertRaises(UnicodeDecodeError):
            raw.decode("utf-8")
        result = self.store.import_participants_csv(raw, OFFER, strict=False)
        self.assertEqual(result.notes[0].code, "encoding")
        self.assertEqual(self.store.get_participant("nl-steun-01").municipality,
                         "S\u00fadwest-Frysl\u00e2n")

    def test_update(self):
        self.store.import_participants_csv(DATA / "excel-nl.csv", OFFER, strict=False)
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_participants_csv(DATA / "excel-nl-update.csv", OFFER,
                                               strict=False)
        self.assertEqual(sum(p.code == "exists" for p in cm.exception.problems), 3)
        result = self.store.import_participants_csv(DATA / "excel-nl-update.csv", OFFER,
                                                    strict=False, update=True)
        self.assertEqual((result.added, result.updated, result.unchanged), (1, 2, 1))
        self.assertEqual(self.store.get_participant("nl-steun-01").municipality, "Leeuwarden")
        moved = self.store.get_participant("nl-vraag-01")
        self.assertIs(moved.status, itav.ParticipantStatus.INTAKE)
        self.assertEqual(moved.status_date, D(2021, 4, 1))
        # a move the status rules refuse, on its row
        with self.assertRaises(itav.FormatError) as cm:
            self.store.import_participants_csv("ref,kind,status\nnl-vraag-01,family,waiting\n",
                                               update=True)
        (problem,) = [p for p in cm.exception.problems if p.severity == itav.Severity.ERROR]
        self.assertEqual((problem.row, problem.column, problem.code), (2, "status", "status"))
        self.assertIn("legal: approved, not_suitable, inactive", problem.message)

    def test_change_participant_by_hand(self):
        self.store.import_participants_csv(DATA / "excel-nl.csv", OFFER, strict=False)
        p = self.store.change_participant("nl-steun-02", municipality="Vught",
                                          vog_date="2024-05-01")
        self.assertEqual((p.municipality, p.vog_date), ("Vught", D(2024, 5, 1)))
        self.assertEqual(p.postcode, "5223")  # the rest as it was
        with self.assertRaises(ValueError) as cm:
            self.store.change_participant("nl-steun-02", naam="Jan")
        self.assertIn("unknown field naam", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
