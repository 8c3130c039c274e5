"""Recommendations, lightest first, through the bindings: the tiers, the order inside a tier
(needs covered, preferred channel, id), what fits (audience, age, municipality, themes), the
explanations, and the question's checks."""

import unittest

import itavtest  # noqa: F401  (finds the bindings when run by hand)

import itav
from itav import Theme, _lib

RELIEF, NETWORK = Theme.RELIEF, Theme.NETWORK


def recommend_store():
    """Interventions for parents of young children with an offer in Leiden each (unless said):

    p-group        informal collective, network                       tier 1
    p-buddy        informal individual, relief + network              tier 2
    p-buddy-light  informal individual, relief                        tier 2
    p-low          formal individual, element 3 present, relief, in person   tier 3
    p-zoom         formal collective, relief, online                  tier 3
    p-course       formal collective, parenting only                  (needs not covered)
    p-therapy      formal individual, relief + mental health          tier 4
    p-unplaced     no setting, relief                                 tier 5
    p-baby         informal collective, relief, ages -9 to 12 months  (too young)
    p-teens        informal individual, youth, network, 12-23 years   (for youth)
    p-anyone       informal collective, no audience, no age, no themes
    p-delft        informal collective, relief, offer in Delft only
    """
    st = itav.open()

    def add(id, setting=None, scope=None, themes=0, audience="parents", ages=(0, 144),
            channel=None, low_threshold=False, municipality="Leiden"):
        iv = itav.Intervention(id, name=id, setting=setting, scope=scope, themes=themes,
                               audience=audience, age_range=ages, channel=channel)
        if low_threshold:
            iv.set_element("table", "low_threshold", "present")
        st.create(iv)
        st.create(itav.Offer(id + "-" + municipality.lower(), id,
                             municipalities=[municipality]))

    add("p-group", "informal", "collective", NETWORK)
    add("p-buddy", "informal", "individual", RELIEF | NETWORK)
    add("p-buddy-light", "informal", "individual", RELIEF)
    add("p-low", "formal", "individual", RELIEF, channel="in_person", low_threshold=True)
    add("p-zoom", "formal", "collective", RELIEF, channel="online")
    add("p-course", "formal", "collective", Theme.PARENTING)
    add("p-therapy", "formal", "individual", RELIEF | Theme.MENTAL_HEALTH)
    add("p-unplaced", None, None, RELIEF)
    add("p-baby", "informal", "collective", RELIEF, ages=(-9, 12))
    add("p-teens", "informal", "individual", NETWORK, audience="youth", ages=(144, 276))
    add("p-anyone", "informal", "collective", 0, audience=None, ages=None)
    add("p-delft", "informal", "collective", RELIEF, municipality="Delft")
    return st


class TestCodes(unittest.TestCase):
    def test_asker_and_theme_codes(self):
        for m in itav.Asker:
            self.assertEqual(m.name.lower(), itav.code_name(itav.CodeType.ASKER, m))
        self.assertEqual(len(Theme.all_codes()), 13)
        for i in range(13):
            self.assertEqual(Theme(1 << i).code, itav.code_name(itav.CodeType.THEME, 1 << i))
            self.assertEqual(Theme(1 << i).name.lower(), Theme(1 << i).code)
        self.assertEqual(int(Theme.all()), _lib.ITAV_THEME_ALL)
        self.assertIsNone(itav.code_name(itav.CodeType.THEME, 1 << 13))

    def test_intervention_themes(self):
        iv = itav.Intervention("x", name="X", themes=["relief", Theme.NETWORK])
        self.assertEqual(iv.themes, RELIEF | NETWORK)
        self.assertEqual(iv.themes.codes, ["relief", "network"])
        iv.themes = None
        self.assertEqual(iv.themes, Theme(0))
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.themes = 1 << 13
        self.assertIn("themes", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.themes = "holidays"
        self.assertIn("relief", str(cm.exception))
        self.assertEqual(_lib.lib.itav_intervention_set_themes(iv._ptr, 1 << 13), -3)
        iv.themes = "information"
        iv.set_source("themes", "000:L105")
        with itav.open() as st:
            st.create(iv)
            got = st.get_intervention("x")
            self.assertEqual((got.themes, got.source("themes")),
                             (Theme.INFORMATION, "000:L105"))
            self.assertEqual(got.to_dict()["themes"], ["information"])


class TestRecommend(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.store = recommend_store()

    @classmethod
    def tearDownClass(cls):
        cls.store.close()

    def ask(self, **question):
        return self.store.recommend(**question)

    def test_lightest_first(self):
        got = self.ask(asker=itav.Asker.PARENT, age_months=24, municipality="Leiden",
                       needs=RELIEF | NETWORK)
        self.assertEqual([(r.intervention, r.tier) for r in got],
                         [("p-group", 1), ("p-buddy", 2), ("p-buddy-light", 2), ("p-low", 3),
                          ("p-zoom", 3), ("p-therapy", 4), ("p-unplaced", 5)])
        self.assertEqual([r.offer for r in got][:2], ["p-group-leiden", "p-buddy-leiden"])
        self.assertEqual([r.covered for r in got],
                         [NETWORK, RELIEF | NETWORK, RELIEF, RELIEF, RELIEF, RELIEF, RELIEF])
        for r in got:
            self.assertTrue(r.why, r)
            self.assertTrue(r.placement, r)
            self.assertIn("tier %d" % r.tier, r.placement)
            self.assertIn("Leiden", r.why)
        self.assertEqual(sorted(itav.TIERS), [1, 2, 3, 4, 5])

    def test_channel_orders_inside_a_tier(self):
        tier3 = [r.intervention for r in self.ask(asker="parent", age_months=24,
                                                  municipality="Leiden", needs="relief",
                                                  channel="online") if r.tier == 3]
        self.assertEqual(tier3, ["p-zoom", "p-low"])
        tier3 = [r.intervention for r in self.ask(asker="parent", age_months=24,
                                                  municipality="Leiden", needs="relief",
                                                  channel="in_person") if r.tier == 3]
        self.assertEqual(tier3, ["p-low", "p-zoom"])

    def test_what_fits(self):
        ids = lambda **q: {r.intervention for r in self.ask(**q)}
        anything = ids(asker="parent", age_months=24, municipality="Leiden")
        # no needs: interventions without themes fit too; a baby group and a youth one not
        self.assertEqual(anything, {"p-group", "p-buddy", "p-buddy-light", "p-low", "p-zoom",
                                    "p-course", "p-therapy", "p-unplaced", "p-anyone"})
        self.assertIn("p-baby", ids(asker="parent", age_months=6, municipality="Leiden"))
        self.assertEqual(ids(asker="youth", age_months=200, municipality="Leiden"),
                         {"p-teens", "p-anyone"})
        self.assertEqual(ids(asker="parent", age_months=24, municipality="Delft",
                             needs="relief"), {"p-delft"})
        # without a municipality: interventions, not offers
        everywhere = self.ask(asker="parent", age_months=24, needs="relief")
        self.assertIn("p-delft", {r.intervention for r in everywhere})
        self.assertEqual({r.offer for r in everywhere}, {None})
        # an age not given: age ranges do not exclude
        self.assertIn("p-baby", ids(asker="parent", municipality="Leiden", needs="relief"))
        self.assertEqual(ids(asker="parent", age_months=24, municipality="Nowhere"), set())

    def test_bad_questions(self):
        st = self.store
        for kwargs, word in ((dict(asker="grandparent"), "parent, expecting, youth"),
                             (dict(asker="parent", needs="holidays"), "relief"),
                             (dict(asker="parent", channel="post"), "in_person")):
            with self.assertRaises(itav.InvalidArgument, msg=kwargs) as cm:
                self.ask(**kwargs)
            self.assertIn(word, str(cm.exception))
        for kwargs in (dict(asker="parent", needs=1 << 13), dict(asker="parent", age_months=601),
                       dict(asker="expecting", age_months=-10)):
            with self.assertRaises(itav.InvalidArgument, msg=kwargs) as cm:
                self.ask(**kwargs)
        with self.assertRaises(itav.InvalidArgument):
            st.list_recommendations(_lib.itav_question())              # no asker
        with self.assertRaises(itav.InvalidArgument):
            st.list_recommendations(_lib.itav_question(asker=1, channel=9))
        for v in (0, _lib.ITAV_QUESTION_VERSION + 1):
            with self.assertRaises(itav.VersionError):
                st.list_recommendations(_lib.itav_question(version=v, asker=1))
        with self.assertRaises(TypeError):
            self.ask(asker="parent", age_months="two")


if __name__ == "__main__":
    unittest.main()
