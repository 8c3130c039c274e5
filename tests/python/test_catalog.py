"""The built-in catalogue: it loads, matches its JSON, and filters select the right sets."""

import datetime
import itertools
import unittest

from itavtest import PROFILE_SOURCES, catalog, expected_ids, present, seed_001_examples

import itav
from itav import Element


class CatalogCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = catalog()
        cls.store = itav.open("memory:")
        cls.store.load_catalog()

    @classmethod
    def tearDownClass(cls):
        cls.store.close()


class TestCatalog(CatalogCase):
    def test_json_is_a_dataset(self):
        self.assertEqual(self.data["format"], "itav/1")
        self.assertGreater(len(self.data["interventions"]), 13)

    def test_everything_loaded(self):
        ids = sorted(iv.id for iv in self.store.interventions())
        self.assertEqual(ids, sorted(iv["id"] for iv in self.data["interventions"]))
        offers = [o.id for o in self.store.offers()]
        self.assertEqual(offers, sorted(o["id"] for o in self.data["offers"]))

    def test_thirteen_seed_001_examples(self):
        examples = seed_001_examples(self.data)
        self.assertEqual(len(examples), 13)
        for id in ("buurtgezinnen", "home-start", "jong-perspectief",
                   "moeders-informeren-moeders", "pijnacker-nootdorp"):
            self.assertIn(id, examples)
        # each is in the store with the summary table as its profile in use (seed 001 states
        # every example in the table, lines 2372-2385)
        for id in examples:
            iv = self.store.get_intervention(id)
            self.assertEqual(iv.source("name")[:4], "001:")
            self.assertEqual(iv.profile_source, itav.ProfileSource.TABLE, id)
            self.assertEqual(iv.known_elements("table"), set(Element), id)

    def test_records_match_the_json(self):
        for d in self.data["interventions"]:
            iv = self.store.get_intervention(d["id"])
            self.assertEqual(iv.name, d["name"])
            self.assertEqual(iv.summary, d.get("summary"))
            self.assertEqual(iv.kind.code if iv.kind else None, d.get("kind"))
            self.assertEqual(iv.setting.code if iv.setting else None, d.get("setting"))
            self.assertEqual(iv.scope.code if iv.scope else None, d.get("scope"))
            self.assertEqual(iv.channel.code if iv.channel else None, d.get("channel"))
            self.assertEqual(iv.evidence.code if iv.evidence else None,
                             d.get("evidence_level"))
            self.assertEqual(iv.since, d.get("since"))
            aud = d.get("audience", {})
            self.assertEqual(iv.audience.codes,
                             [c for c in itav.Audience.parse(aud.get("who", [])).codes])
            self.assertEqual(set(iv.audience.codes), set(aud.get("who", [])))
            ages = aud.get("age_months", {})
            self.assertEqual(iv.age_range, (ages.get("min"), ages.get("max")))
            self.assertEqual(iv.conditions, aud.get("conditions"))
            for field in ("providers", "municipalities", "regions", "phases", "works",
                          "improve", "links"):
                self.assertEqual(list(getattr(iv, field)), d.get(field, []), field)
            self.assertEqual([(r.kind.code, r.description, r.vog, r.training) for r in iv.roles],
                             [(r["role"], r.get("description"), r.get("vog", False),
                               r.get("training")) for r in d.get("roles", [])])
            self.assertEqual(len(iv.reach), len(d.get("reach", [])))
            for fig, fd in zip(iv.reach, d.get("reach", [])):
                q = fd["quantity"]
                self.assertEqual((fig.what, fig.qualifier.code, fig.text, fig.period, fig.where,
                                  fig.note, fig.source),
                                 (fd["what"], q["qualifier"], q.get("text"), fd.get("period"),
                                  fd.get("where"), fd.get("note"), fd.get("source")))
                if q["qualifier"] in ("range", "about_range"):
                    self.assertEqual((fig.min, fig.max), (q["min"], q["max"]))
                elif q["qualifier"] != "text":
                    self.assertEqual((fig.min, fig.max), (q["value"], q["value"]))
                else:
                    self.assertEqual((fig.min, fig.max), (None, None))
            self.assertEqual(iv.sources, d.get("sources", {}))

    def test_profiles_match_the_json(self):
        for d in self.data["interventions"]:
            iv = self.store.get_intervention(d["id"])
            elements = d.get("elements", {})
            first = next((s for s in PROFILE_SOURCES if elements.get(s)), None)
            self.assertEqual(iv.profile_source,
                             itav.ProfileSource.parse(first) if first else
                             itav.ProfileSource.DEFAULT, d["id"])
            self.assertEqual({e.code for e in iv.elements()}, present(d), d["id"])
            disputed = set()
            for e in Element:
                said = {elements[s][e.code]["status"] for s in PROFILE_SOURCES
                        if e.code in elements.get(s, {})}
                if len(said) > 1:
                    disputed.add(e)
            self.assertEqual(iv.disputed, disputed, d["id"])
            for src in PROFILE_SOURCES:
                prof = elements.get(src, {})
                self.assertEqual({e.code for e in iv.known_elements(src)}, set(prof))
                self.assertEqual({e.code for e in iv.elements(src)}, present(d, src))
                for code, st in prof.items():
                    e = Element.from_code(code)
                    self.assertEqual(iv.element(e, src).code, st["status"])
                    self.assertEqual(iv.element_evidence(e, src), st.get("evidence"))
                    self.assertEqual(iv.element_source(e, src), st.get("source"))
                    self.assertEqual(iv.profile(src)[e],
                                     (itav.Status.parse(st["status"]), st.get("evidence"),
                                      st.get("source")))

    def test_some_profiles_are_disputed(self):
        # seed 001's sections and table disagree for some examples: the catalogue keeps both
        disputed = [iv.id for iv in self.store.interventions() if iv.disputed]
        self.assertTrue(disputed)

    def test_offers_match_the_json(self):
        for d in self.data["offers"]:
            of = self.store.get_offer(d["id"])
            self.assertEqual(of.intervention, d["intervention"])
            self.assertEqual((of.name, of.region, of.provider, of.contact),
                             (d.get("name"), d.get("region"), d.get("provider"),
                              d.get("contact")))
            self.assertEqual(list(of.municipalities), d.get("municipalities", []))
            self.assertEqual(of.period, (itav.to_date(itav.to_days(d.get("start"))
                                                      if d.get("start") else None),
                                         itav.to_date(itav.to_days(d.get("end"))
                                                      if d.get("end") else None)))
            self.assertEqual(len(of.targets), len(d.get("targets", [])))
            self.assertEqual(len(of.reach), len(d.get("reach", [])))
            self.assertEqual(of.sources, d.get("sources", {}))

    def test_loading_twice_does_nothing(self):
        # load_catalog() says whether it loaded; the second time the catalogue is there
        before = self.store.export_json()
        self.assertIs(self.store.load_catalog(), False)
        self.assertEqual(self.store.export_json(), before)
        with itav.open() as s:
            self.assertIs(s.load_catalog(), True)
            self.assertIs(s.load_catalog(), False)
        # the C call still refuses a second load
        self.assertEqual(itav._lib.lib.itav_catalog_load(self.store._handle()), itav.Exists.code)
        self.assertIn("already in the store", self.store.errmsg)

    def test_partial_overlap_names_the_clash(self):
        with itav.open() as s:
            s.create(itav.Intervention("buurtgezinnen", name="Eigen Buurtgezinnen"))
            before = s.export_json()
            with self.assertRaises(itav.FormatError) as cm:
                s.load_catalog()
            self.assertIn("buurtgezinnen", str(cm.exception))
            self.assertIn("nothing was imported", str(cm.exception))
            self.assertEqual(s.export_json(), before)


class TestFilters(CatalogCase):
    def check(self, **criteria):
        """The library's selection equals the one computed from the catalogue's JSON.

        Criteria are given as codes; all_of, any_of and audience as lists of codes.
        """
        got = [iv.id for iv in self.store.interventions(**criteria)]
        self.assertEqual(got, expected_ids(self.data, **criteria), criteria)
        return got

    def test_no_criteria_is_everything_in_name_order(self):
        got = self.check()
        self.assertEqual(len(got), len(self.data["interventions"]))

    def test_all_of_each_element_and_pairs(self):
        nonempty = 0
        for e in Element:
            nonempty += bool(self.check(all_of=[e.code]))
        self.assertGreater(nonempty, 0)
        for a, b in itertools.combinations([e.code for e in Element], 2):
            self.check(all_of=[a, b])
        self.check(all_of=[e.code for e in Element])

    def test_any_of(self):
        for a, b in itertools.combinations([e.code for e in Element], 2):
            self.check(any_of=[a, b])

    def test_element_arguments_in_any_form(self):
        by_code = self.check(all_of=["informal_support", "low_threshold"])
        self.assertTrue(by_code)
        self.assertEqual([iv.id for iv in self.store.interventions(
            all_of=[Element.INFORMAL_SUPPORT, 3])], by_code)
        self.assertEqual([iv.id for iv in self.store.interventions(
            all_of=["Steun is waar mogelijk informeel", "Toegang tot steun is laagdrempelig"])],
            by_code)
        self.assertEqual([iv.id for iv in self.store.interventions(all_of=0b110)], by_code)

    def test_all_of_informal_support_is_computed_from_the_profiles(self):
        got = self.check(all_of=["informal_support"])
        for id in got:
            self.assertIn(Element.INFORMAL_SUPPORT, self.store.get_intervention(id).elements())
        # an example whose table says informal support is absent is not selected
        absent = [d["id"] for d in self.data["interventions"]
                  if "informal_support" not in present(d) and d.get("elements")]
        for id in absent:
            self.assertNotIn(id, got)

    def test_enumerations(self):
        for kind in itav.Kind:
            self.check(kind=kind.code)
        for setting in itav.Setting:
            self.check(setting=setting.code)
        for scope in itav.Scope:
            self.check(scope=scope.code)
        for channel in itav.Channel:
            self.check(channel=channel.code)
        informal = self.check(setting="informal")
        self.assertEqual([iv.id for iv in self.store.interventions(
            setting=itav.Setting.INFORMAL)], informal)

    def test_channel_both_satisfies_either(self):
        online = [iv.id for iv in self.store.interventions(channel="online")]
        both = [d["id"] for d in self.data["interventions"] if d.get("channel") == "both"]
        self.assertTrue(both)
        for id in both:
            self.assertIn(id, online)

    def test_audience(self):
        for bit in itav.Audience:
            self.check(audience=[bit.code])
        got = [iv.id for iv in self.store.interventions(
            audience=itav.Audience.YOUTH | itav.Audience.PROFESSIONALS)]
        self.assertEqual(got, expected_ids(self.data, audience=["youth", "professionals"]))

    def test_age(self):
        for months in (-9, -1, 0, 6, 12, 100, 144, 215, 250, 400):
            self.check(age_months=months)
        self.assertIn("moeders-informeren-moeders",
                      [iv.id for iv in self.store.interventions(age_months=-9)])

    def test_municipality_through_offers_and_case(self):
        for m in ("Utrecht", "utrecht", "HAARLEM", "Hoeksche Waard", "Leiden", "Delft",
                  "Nergenshuizen"):
            self.check(municipality=m)
        self.assertIn("buurtgezinnen", [iv.id for iv in self.store.interventions(
            municipality="haarlem")])  # only an offer names Haarlem
        self.assertEqual(self.store.interventions(municipality="Nergenshuizen"), [])

    def test_text(self):
        for t in ("ouder", "BUUR", "Home", "zzz-nothing", "parents"):
            self.check(text=t)

    def test_combinations(self):
        self.check(all_of=["low_threshold"], setting="informal", scope="individual",
                   audience=["parents"])
        self.check(any_of=["equality", "demand_led"], channel="in_person", age_months=24)
        self.check(kind="initiative", municipality="Utrecht", text="ouder")

    def test_offers_filters(self):
        offers = self.data["offers"]
        for iv_id in ("buurtgezinnen", "home-start", "giz"):
            got = [o.id for o in self.store.offers(intervention=iv_id)]
            self.assertEqual(got, sorted(o["id"] for o in offers if o["intervention"] == iv_id))
        for m in ("Utrecht", "haarlem", "Hoeksche Waard"):
            got = [o.id for o in self.store.offers(municipality=m)]
            self.assertEqual(got, sorted(o["id"] for o in offers if m.lower() in
                                         [x.lower() for x in o.get("municipalities", [])]))
        iv = self.store.get_intervention("buurtgezinnen")
        self.assertEqual([o.id for o in self.store.offers(iv, "Leiden")],
                         ["buurtgezinnen-leiden"])

    def test_bad_filter_values(self):
        with self.assertRaises(itav.InvalidArgument) as cm:
            self.store.interventions(setting="informeel")
        self.assertIn("informeel", str(cm.exception))
        self.assertIn("informal", str(cm.exception))
        with self.assertRaises(itav.NotFound):
            self.store.interventions(all_of=["not an element"])
        with self.assertRaises(itav.InvalidArgument):
            self.store.interventions(kind=42)
        with self.assertRaises(TypeError):
            self.store.interventions(colour="blue")



class TestFactors(CatalogCase):
    """The working factors of seed 004 (itav.Factor): the table, the practices that show one,
    a portfolio's factor coverage."""

    def test_table(self):
        self.assertEqual(len(itav.Factor), 14)
        self.assertEqual(itav.Factor.RIGHT_PEOPLE.code, "right_people")
        self.assertEqual(itav.Factor.KNOW_WHAT_WORKS.label("nl"), "Weet wat werkt")
        self.assertEqual(itav.Factor.from_code("youth_world"), itav.Factor.YOUTH_WORLD)
        self.assertEqual(itav.Factor.YOUTH_WORLD.source, "004:L429")
        self.assertEqual({f for f in itav.Factor if f.credited_to_all},
                         {itav.Factor.RIGHT_PEOPLE, itav.Factor.POLITICAL_SUPPORT,
                          itav.Factor.TRUST_SHORT_LINES})
        with self.assertRaises(itav.NotFound):
            itav.Factor.from_code("luck")
        with self.assertRaises(itav.InvalidArgument):
            itav.Factor.coerce(15)
        self.assertEqual(itav.factors_of(itav.factorset(["long_term", 1])),
                         {itav.Factor.LONG_TERM, itav.Factor.RIGHT_PEOPLE})

    def test_practices_show_factors(self):
        zwolle = self.store.get_intervention("vws-zwolle-think-op-school")
        self.assertEqual(zwolle.factors[itav.Factor.YOUTH_WORLD], "004:L431")
        self.assertEqual(zwolle.factors[itav.Factor.RIGHT_PEOPLE], "004:L415")  # all
        got = [iv.id for iv in self.store.interventions(factors="youth_world")]
        self.assertEqual(got, ["vws-de-marne-jeugdsoos", "vws-papendrecht-ppd-talents",
                               "vws-zwolle-think-op-school"])
        both = self.store.interventions(factors=["youth_world", itav.Factor.OPPORTUNITIES])
        self.assertEqual(len(both), 2)
        self.assertEqual(len(self.store.interventions(factors="political_support")), 15)

    def test_set_and_clear(self):
        iv = itav.Intervention("x", name="X")
        iv.set_factor("long_term", "004:L463")
        iv.set_factor(itav.Factor.JOINT_SEARCH)
        self.assertEqual(iv.factors, {itav.Factor.LONG_TERM: "004:L463",
                                      itav.Factor.JOINT_SEARCH: None})
        with self.assertRaises(itav.InvalidArgument) as cm:
            iv.set_factor("long_term", "L463")
        self.assertIn("L463", str(cm.exception))
        iv.clear_factor("long_term")
        self.assertEqual(list(iv.factors), [itav.Factor.JOINT_SEARCH])

    def test_factor_coverage(self):
        ids = [iv.id for iv in self.store.interventions() if iv.id.startswith("vws-")]
        p = self.store.portfolio(ids=ids)
        cov = p.factor_coverage()
        self.assertEqual(cov[itav.Factor.RIGHT_PEOPLE], 15)
        self.assertEqual(cov[itav.Factor.LOW_THRESHOLD_CONTACT], 6)
        self.assertEqual(p.factor_count("craftsmanship"), 2)


class TestOutcomesAndMilestones(CatalogCase):
    """Outcomes of interventions and milestones of offers (issue 16)."""

    def test_catalogue_outcomes(self):
        outs = self.store.get_intervention("buurtgezinnen").outcomes
        follow = outs[0]
        self.assertEqual(follow.kind, itav.OutcomeKind.FOLLOW_UP)
        self.assertEqual((follow.figure.qualifier, follow.figure.min, follow.figure.max),
                         (itav.Qualifier.RANGE, 35, 40))
        self.assertEqual(follow.figure.source, "001:L477")
        kinds = {o.kind.code for o in outs}
        self.assertEqual(kinds, {"follow_up", "measurement_design", "social_return",
                                 "financial_return", "satisfaction", "study"})

    def test_catalogue_milestones(self):
        ms = self.store.get_offer("itav-hw-kansarmoede-kinderen-hoeksche-waard").milestones
        self.assertEqual(ms[0].status, itav.MilestoneStatus.ACHIEVED)
        self.assertEqual(ms[0].date, datetime.date(2020, 11, 10))
        self.assertIsNone(ms[0].period)
        slowed = [o.id for o in self.store.offers()
                  for m in o.milestones if m.status == itav.MilestoneStatus.DELAYED]
        self.assertEqual(len(slowed), 4)
        self.assertIn("itav-hw-mentale-weerbaarheid-kinderen-hoeksche-waard", slowed)

    def test_build_store_and_read_back(self):
        with itav.open("memory:") as st:
            iv = itav.Intervention("bg", name="BG", outcomes=[
                itav.Outcome("follow_up", itav.Figure("families in touch", "range", 35, 40,
                                                      text="35-40%", source="001:L477")),
                itav.Outcome(itav.OutcomeKind.STUDY,
                             itav.Figure("a research report", "text", text="onderzoek",
                                         period="2020-03"))])
            st.create_intervention(iv)
            of = itav.Offer("bg-x", "bg", milestones=[
                itav.Milestone("achieved", "the agenda was adopted", date="2020-11-10",
                               text="vastgesteld", source="000:L390"),
                itav.Milestone(itav.MilestoneStatus.PLANNED, "two new groups",
                               period="2022-01")])
            st.create_offer(of)
            back = st.get_intervention("bg")
            self.assertEqual(back.outcomes, iv.outcomes)
            self.assertEqual(back.outcomes[1].figure.period, "2020-03")
            got = st.get_offer("bg-x").milestones
            self.assertEqual(got, of.milestones)
            self.assertEqual(got[0].date, datetime.date(2020, 11, 10))
            self.assertEqual(got[1].status.code, "planned")
            # removing by assigning a shorter list, stored with update
            back.outcomes = back.outcomes[1:]
            st.update_intervention(back)
            self.assertEqual([o.kind for o in st.get_intervention("bg").outcomes],
                             [itav.OutcomeKind.STUDY])
            self.assertIn('"milestones"', st.get_offer("bg-x").to_json())
            of2 = st.get_offer("bg-x")
            of2.milestones = of2.milestones[1:]
            st.update_offer(of2)
            self.assertEqual([m.status for m in st.get_offer("bg-x").milestones],
                             [itav.MilestoneStatus.PLANNED])

    def test_bad_input(self):
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Outcome("effect", itav.Figure("x", "exact", 1))
        self.assertIn("unknown outcome kind 'effect'", str(cm.exception))
        with self.assertRaises(TypeError):
            itav.Outcome("study", "not a figure")
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Milestone("achieved", "opened")
        self.assertIn("a date or a period", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument) as cm:
            itav.Milestone("achieved", "opened", period="2020", source="L267")
        self.assertIn("L267", str(cm.exception))
        with self.assertRaises(itav.InvalidArgument):
            itav.Milestone("achieved", "", period="2020")
        iv = itav.Intervention("x", name="X")
        with self.assertRaises(TypeError):
            iv.outcomes = [itav.Figure("x", "exact", 1)]
        self.assertEqual(iv.outcomes, [])
        of = itav.Offer("o", "x")
        with self.assertRaises(TypeError):
            of.milestones = ["opened"]
        self.assertEqual(of.milestones, [])


if __name__ == "__main__":
    unittest.main()
