"""Elements, the coded enumerations, element sets and dates."""

import datetime
import unittest

import itavtest  # noqa: F401  (finds the bindings when run by hand)

import itav
from itav import Element


class TestElement(unittest.TestCase):
    CODES = ["doubts_normal", "informal_support", "low_threshold", "equality", "demand_led",
             "broad_context", "positive_focus", "no_problematising"]

    def test_numbering_and_codes(self):
        self.assertEqual(len(Element), itav.ELEMENT_COUNT)
        self.assertEqual([int(e) for e in Element], list(range(1, 9)))
        self.assertEqual([e.code for e in Element], self.CODES)
        for e in Element:
            self.assertIs(Element.from_code(e.code), e)
            self.assertIs(Element.parse(e.code), e)

    def test_labels(self):
        self.assertEqual(Element.DOUBTS_NORMAL.label(), "Doubts and vulnerability are normal")
        self.assertEqual(Element.DOUBTS_NORMAL.label("nl"),
                         "Twijfels en kwetsbaarheid zijn normaal")
        self.assertEqual(Element.INFORMAL_SUPPORT.label(itav.Lang.NL),
                         "Steun is waar mogelijk informeel")
        for e in Element:
            for lang in ("en", "nl"):
                label = e.label(lang)
                self.assertTrue(label)
                self.assertIs(Element.parse(label), e, (e, lang))
        with self.assertRaises(itav.InvalidArgument):
            Element.EQUALITY.label("de")

    def test_parse_variant_wordings(self):
        cases = {
            # jongeren for jeugdigen (seed 001 L295, L299)
            "Gelijkwaardigheid jongeren/ouders en ondersteuners/hulpverleners": 4,
            "Vraag/behoefte van jongeren/ouders is leidend": 5,
            # the Home-Start wording of element 6, and "brede blik"
            "Ondersteuners/hulpverleners: oog voor brede context- en opvoedcontext": 6,
            "Brede blik": 6,
            # "(waar mogelijk)", markup, case, trailing full stop
            "**Steun is (waar mogelijk) informeel.**": 2,
            "- toegang tot steun is LAAGDREMPELIG": 3,
            "Positieve insteek": 7,
            "Positieve insteek / Aandacht voor positieve zaken": 7,
            # the three wordings of element 8
            "Niet onnodig problematiseren en medicaliseren": 8,
            "Vermijden van problematiseren en medicaliseren": 8,
            "Vermijden problematiseren en medicaliseren waar het kan": 8,
            "  twijfels   en kwetsbaarheid zijn normaal  ": 1,
            "Attention to what goes well.": 7,
        }
        for wording, number in cases.items():
            self.assertEqual(Element.parse(wording), Element(number), wording)

    def test_parse_unknown(self):
        for wording in ("", "   ", "informeel", "doubts-normal-ish", "element 9"):
            with self.assertRaises(itav.NotFound) as cm:
                Element.parse(wording)
            self.assertIn(repr(wording), str(cm.exception))
            self.assertEqual(cm.exception.code, -4)
        with self.assertRaises(itav.NotFound):
            Element.from_code("Doubts_Normal")  # codes are exact

    def test_coerce(self):
        self.assertIs(Element.coerce(3), Element.LOW_THRESHOLD)
        self.assertIs(Element.coerce("equality"), Element.EQUALITY)
        with self.assertRaises(itav.InvalidArgument):
            Element.coerce(9)
        with self.assertRaises(TypeError):
            Element.coerce(2.0)


class TestElementSets(unittest.TestCase):
    def test_round_trip(self):
        s = itav.elemset(["doubts_normal", Element.EQUALITY, 8, "Brede blik"])
        self.assertEqual(s, 0b10101001)
        self.assertEqual(itav.elements_of(s), {Element(1), Element(4), Element(6), Element(8)})
        self.assertEqual(itav.elemset_count(s), 4)
        self.assertEqual(itav.elemset_remove(s, "equality"), 0b10100001)
        self.assertEqual(itav.elemset_count(0xFFFF), 8)  # bits above 8 ignored
        self.assertEqual(itav.elemset(Element.POSITIVE_FOCUS), 1 << 6)
        self.assertEqual(itav.elemset([]), 0)

    def test_bad_bits(self):
        with self.assertRaises(itav.InvalidArgument):
            itav.elemset(0x100)


class TestCodes(unittest.TestCase):
    CODED = {
        itav.Kind: itav.CodeType.KIND, itav.Setting: itav.CodeType.SETTING,
        itav.Scope: itav.CodeType.SCOPE, itav.Channel: itav.CodeType.CHANNEL,
        itav.Evidence: itav.CodeType.EVIDENCE, itav.RoleKind: itav.CodeType.ROLE,
        itav.Qualifier: itav.CodeType.QUALIFIER, itav.Status: itav.CodeType.STATUS,
        itav.ProfileSource: itav.CodeType.PROFILE_SOURCE,
    }

    def test_every_member_has_the_library_code(self):
        for cls, ctype in self.CODED.items():
            for m in cls:
                name = itav.code_name(ctype, m)
                self.assertEqual(m.code, name, m)
                if int(m) == 0:  # the "unknown" value has no code
                    self.assertIsNone(name, m)
                    continue
                # the Python name is the code, upper-cased
                self.assertEqual(m.name.lower(), name, m)
                self.assertEqual(itav.code_parse(ctype, name), int(m))
                self.assertIs(cls.parse(name), m)

    def test_no_codes_beyond_the_members(self):
        for cls, ctype in self.CODED.items():
            top = max(int(m) for m in cls)
            self.assertIsNone(itav.code_name(ctype, top + 1), cls)

    def test_known_codes(self):
        self.assertEqual(itav.Channel.IN_PERSON.code, "in_person")
        self.assertEqual(itav.Evidence.WELL_FOUNDED.code, "well_founded")
        self.assertEqual(itav.Qualifier.AT_LEAST.code, "at_least")
        self.assertEqual(itav.Kind.all_codes(),
                         ["programme", "method", "initiative", "policy", "activity"])

    def test_audience(self):
        for i in range(6):
            bit = itav.Audience(1 << i)
            self.assertEqual(bit.code, itav.code_name(itav.CodeType.AUDIENCE, 1 << i))
            self.assertEqual(bit.name.lower(), bit.code)
        both = itav.Audience.PARENTS | itav.Audience.CHILDREN
        self.assertEqual(both.codes, ["parents", "children"])
        self.assertIsNone(both.code)
        self.assertEqual(itav.Audience.parse(["parents", "children"]), both)
        self.assertEqual(int(itav.Audience.all()), 63)

    def test_parse_errors(self):
        with self.assertRaises(itav.NotFound) as cm:
            itav.code_parse(itav.CodeType.SETTING, "Informal")
        self.assertIn("Informal", str(cm.exception))
        with self.assertRaises(itav.NotFound):
            itav.Kind.parse("programma")
        with self.assertRaises(itav.InvalidArgument):
            itav.code_parse(99, "x")
        self.assertIsNone(itav.code_name(99, 1))


class TestDates(unittest.TestCase):
    def test_epoch_and_back(self):
        self.assertEqual(itav.parse_date("1970-01-01"), 0)
        self.assertEqual(itav.format_date(0), "1970-01-01")
        self.assertEqual(itav.parse_date("1969-12-31"), -1)
        self.assertEqual(itav.date_from_ymd(2024, 2, 29), itav.parse_date("2024-02-29"))
        self.assertEqual(itav.date_to_ymd(itav.parse_date("2023-10-05")), (2023, 10, 5))

    def test_agrees_with_datetime(self):
        epoch = datetime.date(1970, 1, 1)
        for d in (datetime.date(1900, 1, 1), datetime.date(2000, 2, 29),
                  datetime.date(2023, 12, 31), datetime.date(9999, 12, 31)):
            days = itav.to_days(d)
            self.assertEqual(days, (d - epoch).days)
            self.assertEqual(itav.to_date(days), d)
            self.assertEqual(itav.format_date(days), d.isoformat())
            self.assertEqual(itav.to_days(d.isoformat()), days)

    def test_errors(self):
        for bad in ("2021-02-29", "2021-13-01", "21-01-01", "2021-01-01x", "1899-12-31", ""):
            with self.assertRaises(itav.InvalidArgument, msg=bad) as cm:
                itav.parse_date(bad)
            self.assertIn(repr(bad), str(cm.exception))
        with self.assertRaises(itav.RangeError):
            itav.format_date(itav.DATE_NONE)
        with self.assertRaises(itav.InvalidArgument):
            itav.date_from_ymd(2021, 2, 29)
        self.assertIsNone(itav.to_date(itav.DATE_NONE))
        self.assertIsNone(itav.to_days(None))
        with self.assertRaises(TypeError):
            itav.to_days(3.5)


if __name__ == "__main__":
    unittest.main()
