"""Element portfolios through the bindings: coverage per element, the setting by scope table,
the flags, filters by municipality, region and ids, profile sources, JSON side by side, and the
SVG radar chart."""

import unittest
import xml.etree.ElementTree as ET

import itavtest  # noqa: F401  (finds the bindings when run by hand)

import itav
from itav import Element, PortfolioFlag, Scope, Setting, _lib


def portfolio_store():
    """Four interventions with known profiles:

    a-meeting  informal collective, elements 1-7 present (table), offer in Leiden
    b-buddy    informal individual, 2, 4, 5 present and 1 absent, offer in Delft (Haaglanden)
    c-clinic   formal individual, 1, 3, 6, 7, 8 present and 2, 4, 5 absent, offer in Leiden;
               its sections profile says 2 present
    d-unknown  no setting or scope, nothing stated, names Leiden itself
    """
    st = itav.open()
    a = itav.Intervention("a-meeting", name="Meeting place", setting="informal",
                          scope="collective")
    for e in range(1, 8):
        a.set_element("table", e, "present")
    b = itav.Intervention("b-buddy", name="Buddy", setting="informal", scope="individual")
    for e in (2, 4, 5):
        b.set_element("table", e, "present")
    b.set_element("table", 1, "absent")
    c = itav.Intervention("c-clinic", name="Clinic", setting="formal", scope="individual")
    for e in (1, 3, 6, 7, 8):
        c.set_element("table", e, "present")
    for e in (2, 4, 5):
        c.set_element("table", e, "absent")
    c.set_element("sections", 2, "present", "peer workers", "001:L10")
    d = itav.Intervention("d-unknown", name="Unknown", municipalities=["Leiden"])
    for iv in (a, b, c, d):
        st.create(iv)
    st.create(itav.Offer("a-leiden", "a-meeting", municipalities=["Leiden"]))
    st.create(itav.Offer("b-delft", "b-buddy", municipalities=["Delft"], region="Haaglanden"))
    st.create(itav.Offer("c-leiden", "c-clinic", municipalities=["Leiden"]))
    return st


class TestCodes(unittest.TestCase):
    def test_flags_are_the_library_codes(self):
        for m in PortfolioFlag:
            self.assertEqual(m.name.lower(), itav.code_name(itav.CodeType.PORTFOLIO_FLAG, m))
        self.assertEqual(PortfolioFlag.NO_INFORMAL_SUPPORT.code, "no_informal_support")
        self.assertIsNone(itav.code_name(itav.CodeType.PORTFOLIO_FLAG, 5))


class TestPortfolio(unittest.TestCase):
    def setUp(self):
        self.store = portfolio_store()
        self.addCleanup(self.store.close)

    def test_everything(self):
        p = self.store.portfolio()
        self.assertEqual(p.members, ["a-meeting", "b-buddy", "c-clinic", "d-unknown"])
        self.assertEqual((len(p), list(p), "c-clinic" in p), (4, p.members, True))
        expected = {1: (2, 3), 2: (2, 3), 3: (2, 2), 4: (2, 3), 5: (2, 3), 6: (2, 2),
                    7: (2, 2), 8: (1, 1)}
        for e, (present, known) in expected.items():
            self.assertEqual(p.coverage(e), itav.Coverage(present, known, present / 4), e)
        self.assertEqual(p.coverage("informal_support"), p.coverage(Element.INFORMAL_SUPPORT))
        self.assertEqual(len(p.coverages()), 8)
        table = p.table()
        self.assertEqual({k: v for k, v in table.items() if v},
                         {(Setting.INFORMAL, Scope.COLLECTIVE): 1,
                          (Setting.INFORMAL, Scope.INDIVIDUAL): 1,
                          (Setting.FORMAL, Scope.INDIVIDUAL): 1, (None, None): 1})
        self.assertEqual(len(table), 16)
        self.assertEqual(p.cell("informal", "individual"), 1)
        self.assertEqual(p.cell(None, None), 1)
        self.assertEqual(p.cell(Setting.MIXED, Scope.MIXED), 0)
        self.assertEqual(p.flags, {PortfolioFlag.FEW_ELEMENTS: ["b-buddy", "d-unknown"],
                                   PortfolioFlag.NO_INFORMAL_SUPPORT: ["c-clinic", "d-unknown"],
                                   PortfolioFlag.NO_EQUALITY: ["c-clinic", "d-unknown"],
                                   PortfolioFlag.NO_DEMAND_LED: ["c-clinic", "d-unknown"]})
        self.assertEqual(p.flagged("few_elements"), ["b-buddy", "d-unknown"])
        with self.assertRaises(itav.InvalidArgument):
            p.flagged("many_elements")
        with self.assertRaises(itav.InvalidArgument):
            p.coverage(9)

    def test_filters(self):
        st = self.store
        self.assertEqual(st.portfolio(municipality="Leiden").members,
                         ["a-meeting", "c-clinic", "d-unknown"])
        self.assertEqual(st.portfolio(municipality="leiden").members,
                         ["a-meeting", "c-clinic", "d-unknown"])
        self.assertEqual(st.portfolio(region="Haaglanden").members, ["b-buddy"])
        self.assertEqual(st.portfolio(municipality="Leiden", region="Haaglanden").members, [])
        self.assertEqual(st.portfolio(ids=["c-clinic", "a-meeting"]).members,
                         ["a-meeting", "c-clinic"])
        self.assertEqual(st.portfolio(ids=[]).members, [])
        self.assertEqual(st.profile(st.get_intervention("b-buddy")).members, ["b-buddy"])
        with self.assertRaises(itav.NotFound) as cm:
            st.portfolio(ids=["a-meeting", "z-missing"])
        self.assertIn("z-missing", str(cm.exception))
        # another profile source: the sections say c-clinic has element 2
        sections = st.profile("c-clinic", source="sections")
        self.assertEqual(sections.coverage(2), itav.Coverage(1, 1, 1.0))
        self.assertEqual(sections.coverage(1), itav.Coverage(0, 0, 0.0))
        self.assertEqual(st.profile("c-clinic").coverage(2), itav.Coverage(0, 1, 0.0))

    def test_raw_filter(self):
        st = self.store
        for v in (0, _lib.ITAV_PORTFOLIO_FILTER_VERSION + 1):
            with self.assertRaises(itav.VersionError) as cm:
                st.build_portfolio(_lib.itav_portfolio_filter(version=v))
            self.assertIn(str(v), str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            st.build_portfolio(_lib.itav_portfolio_filter(id_count=2))
        with self.assertRaises(itav.InvalidArgument):
            st.build_portfolio(_lib.itav_portfolio_filter(source=9))
        self.assertEqual(st.build_portfolio().members, st.portfolio().members)
        self.assertEqual(len(st.build_portfolio(_lib.itav_portfolio_filter())), 4)

    def test_json(self):
        st = self.store
        leiden, delft = st.portfolio(municipality="Leiden"), st.portfolio(region="Haaglanden")
        d = leiden.to_dict()
        self.assertEqual(d["members"], ["a-meeting", "c-clinic", "d-unknown"])
        self.assertEqual(d["coverage"]["informal_support"]["present"], 1)
        self.assertEqual(d["coverage"]["informal_support"]["known"], 2)
        self.assertAlmostEqual(d["coverage"]["informal_support"]["share"], 1 / 3)
        self.assertIn("flags", d)
        self.assertIn("table", d)
        both = leiden.compare(delft)
        self.assertEqual(both["a"]["members"], leiden.members)
        self.assertEqual(both["b"]["members"], ["b-buddy"])
        # b's share minus a's: element 1 is 0 - 2/3, element 2 is 1 - 1/3
        self.assertAlmostEqual(both["difference"]["doubts_normal"], -2 / 3)
        self.assertAlmostEqual(both["difference"]["informal_support"], 2 / 3)
        with self.assertRaises(itav.InvalidArgument):
            leiden.compare(None)
        with self.assertRaises(TypeError):
            leiden.to_json("b-buddy")

    def test_svg(self):
        st = self.store
        one = st.profile("a-meeting")
        svg = one.svg()
        root = ET.fromstring(svg)
        self.assertTrue(root.tag.endswith("svg"), root.tag)
        # every axis carries its English label (long ones wrapped over lines)
        words = " ".join(" ".join(t.itertext()) for t in root.iter() if t.tag.endswith("text"))
        words = " ".join(words.split())
        for e in Element:
            self.assertIn(e.label("en"), words)
        self.assertIn("a-meeting", svg)
        two = one.svg("Meeting place", st.profile("c-clinic"), "Clinic")
        ET.fromstring(two)
        self.assertIn("Meeting place", two)
        self.assertIn("Clinic", two)
        self.assertGreater(two.count("<polygon"), svg.count("<polygon"))
        with self.assertRaises(itav.InvalidArgument) as cm:
            st.portfolio(ids=[]).svg()
        self.assertIn("empty", str(cm.exception))
        self.assertIn("&lt;b&gt;", one.svg("<b>"))      # titles are escaped


class TestStructLayoutSizes(unittest.TestCase):
    def test_filter_fields(self):
        names = [n for n, _ in _lib.itav_portfolio_filter._fields_]
        self.assertEqual(names, ["version", "municipality", "region", "ids", "id_count",
                                 "source"])
        f = _lib.itav_portfolio_filter()
        self.assertEqual((f.version, f.municipality, f.region, bool(f.ids), f.id_count,
                          f.source), (1, None, None, False, 0, 0))


if __name__ == "__main__":
    unittest.main()
