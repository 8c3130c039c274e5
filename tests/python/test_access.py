"""Access sheets: who an intervention or offer is for and how people reach it
(itav/access.h, Access, Intervention.access, Offer.access)."""

import json
import unittest

import itav
from itav import Access, AccessEntry


class TestAccess(unittest.TestCase):
    def setUp(self):
        self.store = itav.open("memory:")
        self.store.load_catalog()

    def tearDown(self):
        self.store.close()

    def test_zuid_kennemerland(self):
        a = self.store.get_offer("buurtgezinnen-zuid-kennemerland").access
        self.assertEqual(a.ages, (0, 287))            # "tussen de 0 en 23 jaar"
        self.assertEqual(a.ages_source, "002:L59")
        self.assertEqual(len(a.conditions), 5)
        self.assertEqual([e.code for e in a.referral],
                         ["school", "childcare", "wijkteam", "welfare", "gp", "child_health",
                          "self"])
        self.assertTrue(a.has("referral", "self"))
        self.assertFalse(a.has("referral", "youth_care"))
        worked = [e.code for e in a.recruitment if e.effective]
        self.assertEqual(worked, ["social_media"])
        self.assertEqual(len(a.tasks), 10)
        self.assertTrue(all(e.source.startswith("002:L") for e in a.tasks))

    def test_needs_of_an_intervention(self):
        iv = self.store.get_intervention("at-ease")
        a = iv.access
        self.assertEqual([e.code for e in a.needs], ["awareness", "volunteers", "location"])
        self.assertIsNone(a.ages)
        self.assertTrue(iv.access_has("needs", "location"))
        self.assertFalse(iv.access_has("referral", "gp"))
        # change it, save it, read it back
        a.needs.append(AccessEntry("funding", "Money", None))
        iv.access = a
        self.store.update_intervention(iv)
        back = self.store.get_intervention("at-ease")
        self.assertEqual(back.access.needs[-1], AccessEntry("funding", "Money"))
        back.access = {"referral": [{"code": "gp", "text": "GPs"}]}
        self.assertTrue(back.access_has("referral", "gp"))
        self.assertEqual(back.access.needs, [])
        with self.assertRaises(itav.UnknownCode):
            back.access_has("eligibility", "gp")

    def test_raw_sheet_functions(self):
        # Access is a Python value (copy and remove are list operations); the C sheet's own
        # copy and remove, through the raw prototypes
        import ctypes
        from itav._lib import access_p, lib
        a, c = access_p(), access_p()
        self.assertEqual(lib.itav_access_new(ctypes.byref(a)), 0)
        self.assertEqual(lib.itav_access_add(a, 2, b"gp", b"GPs", b"002:L61", 0), 0)
        self.assertEqual(lib.itav_access_dup(ctypes.byref(c), a), 0)
        self.assertEqual(lib.itav_access_remove(a, 2, 0), 0)
        self.assertEqual(lib.itav_access_count(a, 2), 0)
        self.assertEqual(lib.itav_access_count(c, 2), 1)
        self.assertEqual(lib.itav_access_remove(a, 2, 0), itav.NotFound.code)
        lib.itav_access_free(a)
        lib.itav_access_free(c)

    def test_vocabularies(self):
        self.assertEqual(itav.ACCESS_LISTS,
                         ("conditions", "referral", "recruitment", "tasks", "needs"))
        codes = itav.access_codes("referral")
        self.assertIn("gp", codes)
        self.assertEqual(codes[-1], "other")
        self.assertEqual(itav.access_label("referral", "gp", "nl"),
                         "huisarts of praktijkondersteuner")
        with self.assertRaises(itav.UnknownCode):
            itav.access_codes("eligibility")
        with self.assertRaises(itav.UnknownCode):
            itav.access_label("referral", "church")

    def test_set_save_and_read_back(self):
        of = self.store.get_offer("home-start-delft")
        self.assertIsNone(of.access)
        of.access = Access(ages=(0, 215), ages_source="001:L1600",
                           referral=[AccessEntry("self", "Parents sign up themselves")],
                           recruitment=[("social_media", "Facebook", "002:L69", True)])
        self.store.update_offer(of)
        back = self.store.get_offer("home-start-delft").access
        self.assertEqual(back.ages, (0, 215))
        self.assertEqual(back.recruitment[0], AccessEntry("social_media", "Facebook", "002:L69",
                                                          True))
        self.assertEqual(back, of.access)
        doc = json.loads(of.to_json())
        self.assertEqual(doc["access"]["referral"][0]["code"], "self")
        self.assertTrue(doc["access"]["recruitment"][0]["effective"])
        of.access = None
        self.assertIsNone(of.access)

    def test_bad_input_names_the_field_and_changes_nothing(self):
        of = self.store.get_offer("buurtgezinnen-zuid-kennemerland")
        before = of.access
        with self.assertRaisesRegex(itav.UnknownCode, r"access\.referral\[1\]\.code.*church"):
            of.access = Access(referral=[("gp", "GPs"), ("church", "Churches")])
        with self.assertRaisesRegex(itav.InvalidArgument, r"access\.ages"):
            of.access = Access(ages=(30, 20))
        with self.assertRaisesRegex(itav.InvalidArgument, r"access\.needs\[0\]"):
            of.access = Access(needs=[("other", "")])
        with self.assertRaisesRegex(itav.InvalidArgument, r"access\.tasks\[0\]"):
            of.access = Access(tasks=[("matching", "Linking", "page 4")])
        with self.assertRaises(TypeError):
            Access(eligibility=[])
        self.assertEqual(of.access, before)


if __name__ == "__main__":
    unittest.main()
