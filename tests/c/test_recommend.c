/* Recommendations, lightest first (itav/recommend.h), and the intervention themes they match
 * needs against. The expected answers for the built-in catalogue are derived from the seeds;
 * each cites the lines that make it right. Fixture interventions ("fx-...") are made up to
 * test one rule at a time and never come from the seeds. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

#define MAX_RESULTS 64

typedef struct result {
    char intervention[80], offer[80];
    int tier;
    unsigned covered;
    char why[1024], placement[512];
} result;

/* Runs a question and copies the recommendations, in order; returns their number. */
static size_t ask(itav_db *db, const itav_question *q, result *out)
{
    itav_recommendation_iter *it;
    itav_recommendation *r;
    size_t n = 0;
    ck_assert_msg(itav_recommend(&it, db, q) == ITAV_OK, "%s", itav_errmsg(db));
    while (itav_recommendation_iter_next(&r, it) == ITAV_OK) {
        ck_assert_uint_lt(n, MAX_RESULTS);
        const char *offer = itav_recommendation_offer(r);
        snprintf(out[n].intervention, sizeof out[n].intervention, "%s",
                 itav_recommendation_intervention(r));
        snprintf(out[n].offer, sizeof out[n].offer, "%s", offer ? offer : "");
        out[n].tier = itav_recommendation_tier(r);
        out[n].covered = itav_recommendation_covered(r);
        snprintf(out[n].why, sizeof out[n].why, "%s", itav_recommendation_why(r));
        snprintf(out[n].placement, sizeof out[n].placement, "%s",
                 itav_recommendation_placement(r));
        itav_recommendation_free(r);
        n++;
    }
    itav_recommendation_iter_free(it);
    return n;
}

static void assert_has(const char *text, const char *part)
{
    ck_assert_msg(strstr(text, part) != NULL, "\"%s\" not in \"%s\"", part, text);
}

/* The results as "intervention/offer tier" lines, to compare whole lists at once. */
static void order_of(char *buf, size_t size, const result *r, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s/%s %d", i ? "; " : "",
                                 r[i].intervention, r[i].offer, r[i].tier);
}

static itav_db *catalogue(int which)
{
    itav_db *db = open_store(which);
    ck_assert_msg(itav_catalog_load(db) == ITAV_OK, "%s", itav_errmsg(db));
    return db;
}

static itav_question question(itav_asker asker, int32_t age, const char *municipality,
                              unsigned needs, itav_channel channel)
{
    itav_question q = ITAV_QUESTION_INIT;
    q.asker = asker;
    q.age_months = age;
    q.municipality = municipality;
    q.needs = needs;
    q.channel = channel;
    return q;
}

/* A fixture intervention "fx-<name>" with an offer "fx-<name>-testdorp" in Testdorp. */
typedef struct fixture {
    const char *name;
    itav_setting setting;
    itav_scope scope;
    itav_channel channel;
    unsigned audience, themes;
    int32_t age_min, age_max;
    bool low_threshold;
} fixture;

static void add_fixture(itav_db *db, const fixture *f)
{
    char id[64], offer[80];
    itav_intervention *iv;
    itav_offer *of;
    snprintf(id, sizeof id, "fx-%s", f->name);
    snprintf(offer, sizeof offer, "%s-testdorp", id);
    ck_assert_int_eq(itav_intervention_new(&iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_setting(iv, f->setting), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_scope(iv, f->scope), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_channel(iv, f->channel), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_audience(iv, f->audience), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_themes(iv, f->themes), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_age_range(iv, f->age_min, f->age_max), ITAV_OK);
    if (f->low_threshold)
        ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE,
                                                       ITAV_ELEMENT_LOW_THRESHOLD,
                                                       ITAV_STATUS_PRESENT, NULL, NULL),
                         ITAV_OK);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
    ck_assert_int_eq(itav_offer_new(&of, offer, id), ITAV_OK);
    ck_assert_int_eq(itav_offer_add_text(of, ITAV_TEXT_MUNICIPALITIES, "Testdorp"), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

#define NONE ITAV_AGE_NONE
#define PARENTS ITAV_AUDIENCE_PARENTS
#define RELIEF ITAV_THEME_RELIEF
#define NETWORK ITAV_THEME_NETWORK

/* ---- themes on interventions ---- */

START_TEST(themes_are_set_checked_and_copied)
{
    itav_intervention *iv, *copy;
    ck_assert_int_eq(itav_intervention_new(&iv, "a"), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_themes(iv), 0);
    ck_assert_int_eq(itav_intervention_set_themes(iv, RELIEF | ITAV_THEME_MEETING), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_themes(iv, ITAV_THEME_ALL + 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_themes(iv, 1u << 31), ITAV_EINVAL);
    ck_assert_uint_eq(itav_intervention_themes(iv), RELIEF | ITAV_THEME_MEETING);
    ck_assert_int_eq(itav_intervention_set_themes(NULL, RELIEF), ITAV_EINVAL);
    ck_assert_uint_eq(itav_intervention_themes(NULL), 0);
    ck_assert_int_eq(itav_intervention_set_source(iv, "themes", "001:L431"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_dup(&copy, iv), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_themes(copy), RELIEF | ITAV_THEME_MEETING);
    ck_assert_str_eq(itav_intervention_source(copy, "themes"), "001:L431");
    ck_assert_int_eq(itav_intervention_set_themes(iv, 0), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_themes(iv), 0);
    itav_intervention_free(copy);
    itav_intervention_free(iv);
}
END_TEST

START_TEST(themes_in_json_follow_the_audience_in_bit_order)
{
    itav_intervention *iv;
    char *json;
    ck_assert_int_eq(itav_intervention_new(&iv, "a"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "A"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_audience(iv, PARENTS), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_setting(iv, ITAV_SETTING_INFORMAL), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_themes(iv, ITAV_THEME_MEETING | RELIEF | NETWORK),
                     ITAV_OK);
    ck_assert_int_eq(itav_intervention_to_json(&json, iv), ITAV_OK);
    const char *audience = strstr(json, "\"audience\""), *themes = strstr(json, "\"themes\""),
               *setting = strstr(json, "\"setting\"");
    ck_assert_msg(audience && themes && setting && audience < themes && themes < setting, "%s",
                  json);
    const char *relief = strstr(themes, "\"relief\""), *network = strstr(themes, "\"network\""),
               *meeting = strstr(themes, "\"meeting\"");
    ck_assert_msg(relief && network && meeting && relief < network && network < meeting, "%s",
                  json);
    itav_free(json);
    itav_intervention_free(iv);
}
END_TEST

START_TEST(themes_round_trip_and_bad_codes_are_refused)
{
    itav_db *db = open_store(_i);
    const char *good = "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": "
                       "\"A\", \"themes\": [\"separation\", \"parenting\"], \"sources\": "
                       "{\"themes\": \"000:L314\"}}]}";
    ck_assert_msg(itav_import_json_string(db, good, "good") == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_get(&iv, db, "a"), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_themes(iv), ITAV_THEME_SEPARATION | ITAV_THEME_PARENTING);
    ck_assert_str_eq(itav_intervention_source(iv, "themes"), "000:L314");
    itav_intervention_free(iv);
    char *before = export_text(db);
    assert_has(before, "\"themes\": [\n        \"parenting\",\n        \"separation\"\n");

    static const struct { const char *themes, *path, *words; } bad[] = {
        {"[\"relief\", \"rest\"]", "$.interventions[0].themes[1]", "parenting, relief"},
        {"[3]", "$.interventions[0].themes[0]", "meeting"},
        {"\"relief\"", "$.interventions[0].themes", "expected an array"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char doc[512];
        snprintf(doc, sizeof doc, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"b\", "
                 "\"name\": \"B\", \"themes\": %s}]}", bad[i].themes);
        ck_assert_int_eq(itav_import_json_string(db, doc, "bad"), ITAV_EFORMAT);
        assert_msg(db, bad[i].path);
        assert_msg(db, bad[i].words);
        char *after = export_text(db);
        ck_assert_str_eq(before, after);
        itav_free(after);
    }
    itav_free(before);
    close_store(db);
}
END_TEST

/* The thirteen examples of seed 001 all say what they help with, and the catalogue cites
 * where; an intervention only for professionals names no theme, so it has none. */
START_TEST(catalogue_themes_cite_their_seed_lines)
{
    static const char *const seed001[] = {"at-ease", "buurtgezinnen", "duo-coaching",
        "eigen-toekomst-plan", "ervaringscafe", "pijnacker-nootdorp", "giz",
        "het-begint-bij-mij", "home-start", "jong-perspectief", "moeders-informeren-moeders",
        "ouderkamer", "pinkies"};
    itav_db *db = catalogue(STORE_MEMORY);
    itav_intervention *iv;
    for (size_t i = 0; i < sizeof seed001 / sizeof *seed001; i++) {
        ck_assert_int_eq(itav_intervention_get(&iv, db, seed001[i]), ITAV_OK);
        ck_assert_msg(itav_intervention_themes(iv) != 0, "%s has no themes", seed001[i]);
        const char *src = itav_intervention_source(iv, "themes");
        ck_assert_msg(src && strncmp(src, "001:L", 5) == 0, "%s: themes source %s", seed001[i],
                      src ? src : "(none)");
        itav_intervention_free(iv);
    }
    static const struct { const char *id; unsigned has; const char *src; } spot[] = {
        /* 001:L431 "opladen" (relief), L432 "Armoede", L477 "uitbreiding van het sociale
         * netwerk" */
        {"buurtgezinnen", RELIEF | NETWORK | ITAV_THEME_POVERTY, "001:L429-477"},
        /* 001:L195 "(beginnende) psychische problemen" */
        {"at-ease", ITAV_THEME_MENTAL_HEALTH, "001:L195"},
        /* 001:L1894 "opvoeding en de verzorging van hun kind", "sociale netwerk vergroot" */
        {"moeders-informeren-moeders", ITAV_THEME_BABY_CARE | NETWORK, "001:L1894"},
        /* 000:L314 "vragen over relaties en/of scheidingen" */
        {"itav-hw-relaties-en-scheidingen", ITAV_THEME_SEPARATION, "000:L314"},
        /* 003:L317 "jongeren met somberheidsklachten" */
        {"utrecht-bukojou", ITAV_THEME_MENTAL_HEALTH, "003:L317"},
        /* 004:L588 "kwetsbare zwangere vrouwen", "armoede", "goede hechting" */
        {"vws-rotterdam-moeders-van-rotterdam",
         ITAV_THEME_PREGNANCY | ITAV_THEME_POVERTY | ITAV_THEME_BABY_CARE, "004:L588"},
    };
    for (size_t i = 0; i < sizeof spot / sizeof *spot; i++) {
        ck_assert_int_eq(itav_intervention_get(&iv, db, spot[i].id), ITAV_OK);
        ck_assert_msg((itav_intervention_themes(iv) & spot[i].has) == spot[i].has, "%s",
                      spot[i].id);
        ck_assert_str_eq(itav_intervention_source(iv, "themes"), spot[i].src);
        itav_intervention_free(iv);
    }
    /* 000:L137-145: a platform for professionals to find each other; no topic for families */
    ck_assert_int_eq(itav_intervention_get(&iv, db, "itav-hw-digitaal-platform-professionals"),
                     ITAV_OK);
    ck_assert_uint_eq(itav_intervention_themes(iv), 0);
    ck_assert_ptr_null(itav_intervention_source(iv, "themes"));
    itav_intervention_free(iv);
    close_store(db);
}
END_TEST

/* ---- the catalogue's answers ---- */

/* A parent in Leiden with a child of two who needs relief and a network. Leiden's only offer
 * is Buurtgezinnen (001:L367: the example rests on Buurtgezinnen in Leiden); it is informal
 * and individual (001:L128-129), for parents (001:L429) without an age range, and covers both
 * needs: relief (001:L431) and network (001:L477). So it is the one answer, in tier 2. Then
 * made-up offers in Leiden show the tiers around it: the informal collective one before it,
 * the formal ones after it. */
START_TEST(leiden_parent_gets_buurtgezinnen)
{
    itav_db *db = catalogue(_i);
    result r[MAX_RESULTS];
    itav_question q = question(ITAV_ASKER_PARENT, 24, "Leiden", RELIEF | NETWORK, 0);
    ck_assert_uint_eq(ask(db, &q, r), 1);
    ck_assert_str_eq(r[0].intervention, "buurtgezinnen");
    ck_assert_str_eq(r[0].offer, "buurtgezinnen-leiden");
    ck_assert_int_eq(r[0].tier, 2);
    ck_assert_uint_eq(r[0].covered, RELIEF | NETWORK);
    assert_has(r[0].why,
               "it is for parents, children; the asker, parent, fits through parents, children");
    assert_has(r[0].why, "age: 24 months; it states no age range");
    assert_has(r[0].why, "it runs in Leiden as offer buurtgezinnen-leiden");
    assert_has(r[0].why, "covers relief, network of the asked relief, network");
    assert_has(r[0].why, "channel: in_person");
    assert_has(r[0].placement, "tier 2 of 5: informal, individual");
    assert_has(r[0].placement, "needs covered 2 of 2");

    static const fixture more[] = {
        {"inloop", ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE, 0, PARENTS, NETWORK, NONE, NONE,
         false},
        {"coach", ITAV_SETTING_FORMAL, ITAV_SCOPE_INDIVIDUAL, 0, PARENTS, RELIEF, NONE, NONE,
         false},
        {"cursus", ITAV_SETTING_FORMAL, ITAV_SCOPE_COLLECTIVE, 0, 0, RELIEF | NETWORK, NONE, NONE,
         false},
    };
    for (size_t i = 0; i < sizeof more / sizeof *more; i++) {
        add_fixture(db, &more[i]);
        itav_offer *of;
        char id[80];
        snprintf(id, sizeof id, "fx-%s-testdorp", more[i].name);
        ck_assert_int_eq(itav_offer_get(&of, db, id), ITAV_OK);
        ck_assert_int_eq(itav_offer_add_text(of, ITAV_TEXT_MUNICIPALITIES, "leiden"), ITAV_OK);
        ck_assert_int_eq(itav_offer_update(db, of), ITAV_OK);
        itav_offer_free(of);
    }
    char order[1024];
    order_of(order, sizeof order, r, ask(db, &q, r));
    ck_assert_str_eq(order, "fx-inloop/fx-inloop-testdorp 1; buurtgezinnen/buurtgezinnen-leiden "
                            "2; fx-cursus/fx-cursus-testdorp 3; fx-coach/fx-coach-testdorp 4");
    assert_has(r[2].why, "it states none, so it is open to the asker, parent");
    close_store(db);
}
END_TEST

/* A parent in Hoeksche Waard with a child of two who needs a network. Buurtgezinnen runs there
 * (000:L278-280: for overburdened families with hardly a network), informal and individual
 * (001:L128-129): tier 2. Its meeting places for parents (000:L253: informal support in
 * meeting places that widen parents' network) are informal and collective: tier 1, before it.
 * The ITAV programme (000:L77: answers found in the network; 000:L103: parents and children
 * from -9 months to 12 years) fits too, but the catalogue states no setting for it, so it
 * comes last. The parent platform (000:L231: information) and the other efforts are about
 * other topics. */
START_TEST(hoeksche_waard_parent_who_needs_a_network)
{
    itav_db *db = catalogue(_i);
    result r[MAX_RESULTS];
    char order[1024];
    itav_question q = question(ITAV_ASKER_PARENT, 24, "Hoeksche Waard", NETWORK, 0);
    order_of(order, sizeof order, r, ask(db, &q, r));
    ck_assert_str_eq(order,
                     "itav-hw-ontmoetingsplekken-ouders/"
                     "itav-hw-ontmoetingsplekken-ouders-hoeksche-waard 1; "
                     "buurtgezinnen/buurtgezinnen-hoeksche-waard 2; "
                     "itav-hoeksche-waard/itav-hoeksche-waard-2020 5");
    assert_has(r[2].why, "24 months lies in its range -9..143 months");
    assert_has(r[2].placement, "tier 5 of 5: its setting is not stated, so it cannot be placed");
    close_store(db);
}
END_TEST

/* An expecting parent in Den Haag, three months before the birth. Humanitas runs Home-Start
 * in Den Haag (001:L1550), for parents from the start of pregnancy up to 17 years
 * (001:L1591), informal and individual (001:L128-129). */
START_TEST(den_haag_expecting_parent_gets_home_start)
{
    itav_db *db = catalogue(_i);
    result r[MAX_RESULTS];
    itav_question q = question(ITAV_ASKER_EXPECTING, -3, "Den Haag", 0, ITAV_CHANNEL_IN_PERSON);
    ck_assert_uint_eq(ask(db, &q, r), 1);
    ck_assert_str_eq(r[0].offer, "home-start-den-haag");
    ck_assert_int_eq(r[0].tier, 2);
    ck_assert_uint_eq(r[0].covered, 0);
    assert_has(r[0].why, "the asker, expecting, fits through expecting_parents");
    assert_has(r[0].why, "-3 months lies in its range -9..215 months");
    assert_has(r[0].why, "needs: none asked");
    /* 001:L1593: the volunteer comes to the parents' home */
    assert_has(r[0].why, "channel: in_person, as preferred");
    assert_has(r[0].placement, "no needs asked, reached through the preferred channel");
    close_store(db);
}
END_TEST

/* Moeders informeren Moeders is for mothers of a child of 0 to 18 months (001:L1894,
 * L1933) who may sign up during pregnancy (001:L1939). Asked without a municipality, the
 * intervention itself is listed: for an expecting mother and for a child of 18 months, not
 * for one of 19 months. */
START_TEST(moeders_informeren_moeders_up_to_18_months)
{
    itav_db *db = catalogue(_i);
    static const struct { itav_asker asker; int32_t age; bool listed; } cases[] = {
        {ITAV_ASKER_EXPECTING, -3, true},
        {ITAV_ASKER_PARENT, 18, true},
        {ITAV_ASKER_PARENT, 19, false},
        {ITAV_ASKER_YOUTH, 12, false}, /* it is for mothers, not for the young themselves */
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        result r[MAX_RESULTS];
        itav_question q = question(cases[c].asker, cases[c].age, NULL, 0, 0);
        size_t n = ask(db, &q, r);
        bool listed = false;
        for (size_t i = 0; i < n; i++) {
            ck_assert_str_eq(r[i].offer, "");
            assert_has(r[i].why, "municipality: none asked");
            if (strcmp(r[i].intervention, "moeders-informeren-moeders") == 0) {
                listed = true;
                ck_assert_int_eq(r[i].tier, 2); /* informal, individual: 001:L128-129 */
            }
        }
        ck_assert_msg(listed == cases[c].listed, "case %zu", c);
    }
    close_store(db);
}
END_TEST

/* A young person of 16 with low mood. In Utrecht the catalogue has two offers for young
 * people with low mood (somberheidsklachten): BuKoJoU (003:L317) and the secondary-school
 * example (003:L333); neither states its setting, so both are in tier 5, in id order. @ease
 * (12 to 25, psychological problems: 001:L195) has no offer in Utrecht (the seed places it
 * in Leiden, 001:L199), so it is not an answer there. Without a municipality @ease comes
 * first: formal and individual (001:L129) but low-threshold in the summary table (001:L2373),
 * so tier 3. At ten the young person is a child for the Hoeksche Waard approach to children's
 * mental resilience (up to 12 years, 000:L350; 000:L342-344) and too young for @ease. */
START_TEST(youth_with_low_mood)
{
    itav_db *db = catalogue(_i);
    result r[MAX_RESULTS];
    char order[1024];
    itav_question q = question(ITAV_ASKER_YOUTH, 16 * 12, "Utrecht", ITAV_THEME_MENTAL_HEALTH, 0);
    order_of(order, sizeof order, r, ask(db, &q, r));
    ck_assert_str_eq(order, "utrecht-bukojou/utrecht-bukojou-utrecht 5; "
                            "utrecht-samenwerking-voortgezet-onderwijs/"
                            "utrecht-samenwerking-voortgezet-onderwijs-utrecht 5");

    q.municipality = NULL;
    q.channel = ITAV_CHANNEL_ONLINE;
    order_of(order, sizeof order, r, ask(db, &q, r));
    ck_assert_str_eq(order, "at-ease/ 3; utrecht-bukojou/ 5; "
                            "utrecht-samenwerking-voortgezet-onderwijs/ 5");
    assert_has(r[0].placement, "tier 3 of 5: formal, individual, low-threshold (element 3 "
                               "present)");
    /* 001:L195: walk in or use the online chat */
    assert_has(r[0].placement, "needs covered 1 of 1, reached through the preferred channel");
    assert_has(r[0].why, "192 months lies in its range 144..311 months");

    q.age_months = 10 * 12;
    order_of(order, sizeof order, r, ask(db, &q, r));
    ck_assert_str_eq(order, "itav-hw-mentale-weerbaarheid-kinderen/ 5; utrecht-bukojou/ 5; "
                            "utrecht-samenwerking-voortgezet-onderwijs/ 5");
    assert_has(r[0].why, "the asker, youth, fits through children");
    close_store(db);
}
END_TEST

START_TEST(a_place_without_offers_has_no_answers)
{
    itav_db *db = catalogue(_i);
    itav_recommendation_iter *it;
    itav_recommendation *r = (itav_recommendation *)&it;
    itav_question q = question(ITAV_ASKER_PARENT, 24, "Maastricht", 0, 0);
    ck_assert_int_eq(itav_recommend(&it, db, &q), ITAV_OK);
    ck_assert_int_eq(itav_recommendation_iter_next(&r, it), ITAV_ITEROVER);
    ck_assert_ptr_null(r);
    itav_recommendation_iter_free(it);
    close_store(db);
}
END_TEST

/* ---- the rules, one at a time ---- */

/* Within a tier: more needs covered first, then the preferred channel ("both" serves
 * either), then the intervention id. */
START_TEST(order_within_a_tier)
{
    itav_db *db = open_store(_i);
    static const fixture fx[] = {
        {"f", ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE, ITAV_CHANNEL_ONLINE, 0, RELIEF, NONE,
         NONE, false},
        {"e", ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE, ITAV_CHANNEL_IN_PERSON, 0, RELIEF,
         NONE, NONE, false},
        {"d", ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE, ITAV_CHANNEL_IN_PERSON, 0,
         RELIEF | NETWORK, NONE, NONE, false},
        {"c", ITAV_SETTING_INFORMAL, ITAV_SCOPE_MIXED, ITAV_CHANNEL_BOTH, 0, NETWORK, NONE, NONE,
         false},
        {"b", ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE, 0, 0, RELIEF | ITAV_THEME_LEISURE,
         NONE, NONE, false},
        {"a", ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE, ITAV_CHANNEL_ONLINE, 0,
         RELIEF | NETWORK | ITAV_THEME_MEETING, NONE, NONE, false},
        {"z", ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE, ITAV_CHANNEL_IN_PERSON, 0,
         ITAV_THEME_POVERTY, NONE, NONE, false}, /* covers none of the needs: left out */
    };
    for (size_t i = 0; i < sizeof fx / sizeof *fx; i++)
        add_fixture(db, &fx[i]);
    result r[MAX_RESULTS];
    char order[1024];
    itav_question q = question(ITAV_ASKER_PARENT, NONE, "TESTDORP", RELIEF | NETWORK,
                               ITAV_CHANNEL_IN_PERSON);
    order_of(order, sizeof order, r, ask(db, &q, r));
    ck_assert_str_eq(order, "fx-d/fx-d-testdorp 1; fx-a/fx-a-testdorp 1; fx-c/fx-c-testdorp 1; "
                            "fx-e/fx-e-testdorp 1; fx-b/fx-b-testdorp 1; fx-f/fx-f-testdorp 1");
    ck_assert_uint_eq(r[1].covered, RELIEF | NETWORK); /* only what was asked */
    assert_has(r[0].placement, "needs covered 2 of 2, reached through the preferred channel");
    assert_has(r[1].placement, "needs covered 2 of 2, not reached through the preferred channel");
    assert_has(r[4].why, "channel: not stated, not the preferred in_person");
    assert_has(r[5].why, "channel: online, not the preferred in_person");

    /* without a preference the channel decides nothing */
    q.channel = 0;
    order_of(order, sizeof order, r, ask(db, &q, r));
    ck_assert_str_eq(order, "fx-a/fx-a-testdorp 1; fx-d/fx-d-testdorp 1; fx-b/fx-b-testdorp 1; "
                            "fx-c/fx-c-testdorp 1; fx-e/fx-e-testdorp 1; fx-f/fx-f-testdorp 1");
    assert_has(r[0].placement, "needs covered 2 of 2, no channel preference, then by "
                               "intervention id");
    close_store(db);
}
END_TEST

START_TEST(tiers_from_setting_scope_and_low_threshold)
{
    itav_db *db = open_store(_i);
    static const struct { fixture f; int tier; const char *reason; } cases[] = {
        {{"t1", ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE, 0, 0, 0, NONE, NONE, false}, 1,
         "tier 1 of 5: informal, collective"},
        {{"t2", ITAV_SETTING_INFORMAL, ITAV_SCOPE_MIXED, 0, 0, 0, NONE, NONE, false}, 1,
         "tier 1 of 5: informal, mixed"},
        {{"t3", ITAV_SETTING_INFORMAL, ITAV_SCOPE_INDIVIDUAL, 0, 0, 0, NONE, NONE, true}, 2,
         "tier 2 of 5: informal, individual"},
        {{"t4", ITAV_SETTING_INFORMAL, 0, 0, 0, 0, NONE, NONE, false}, 2,
         "tier 2 of 5: informal, scope not stated"},
        {{"t5", ITAV_SETTING_FORMAL, ITAV_SCOPE_INDIVIDUAL, 0, 0, 0, NONE, NONE, true}, 3,
         "tier 3 of 5: formal, individual, low-threshold (element 3 present)"},
        {{"t6", ITAV_SETTING_MIXED, ITAV_SCOPE_COLLECTIVE, 0, 0, 0, NONE, NONE, false}, 3,
         "tier 3 of 5: mixed, collective"},
        {{"t7", ITAV_SETTING_FORMAL, ITAV_SCOPE_MIXED, 0, 0, 0, NONE, NONE, false}, 3,
         "tier 3 of 5: formal, mixed"},
        {{"t8", ITAV_SETTING_FORMAL, ITAV_SCOPE_INDIVIDUAL, 0, 0, 0, NONE, NONE, false}, 4,
         "tier 4 of 5: formal, individual, not stated low-threshold"},
        {{"t9", ITAV_SETTING_MIXED, 0, 0, 0, 0, NONE, NONE, false}, 4,
         "tier 4 of 5: mixed, scope not stated, not stated low-threshold"},
        {{"ta", 0, ITAV_SCOPE_COLLECTIVE, 0, 0, 0, NONE, NONE, true}, 5,
         "tier 5 of 5: its setting is not stated, so it cannot be placed"},
    };
    size_t ncases = sizeof cases / sizeof *cases;
    for (size_t i = 0; i < ncases; i++)
        add_fixture(db, &cases[i].f);
    result r[MAX_RESULTS];
    itav_question q = question(ITAV_ASKER_YOUTH, NONE, "Testdorp", 0, 0);
    ck_assert_uint_eq(ask(db, &q, r), ncases);
    for (size_t i = 0; i < ncases; i++) { /* the cases are in the expected order */
        char id[64];
        snprintf(id, sizeof id, "fx-%s", cases[i].f.name);
        ck_assert_str_eq(r[i].intervention, id);
        ck_assert_int_eq(r[i].tier, cases[i].tier);
        assert_has(r[i].placement, cases[i].reason);
    }
    close_store(db);
}
END_TEST

START_TEST(who_fits_by_audience_age_and_needs)
{
    itav_db *db = open_store(_i);
    static const fixture fx[] = {
        {"open", ITAV_SETTING_INFORMAL, 0, 0, 0, RELIEF, NONE, NONE, false},
        {"carers", ITAV_SETTING_INFORMAL, 0, 0, ITAV_AUDIENCE_CO_CARERS, RELIEF, NONE, NONE,
         false},
        {"kids", ITAV_SETTING_INFORMAL, 0, 0, ITAV_AUDIENCE_CHILDREN, RELIEF, NONE, NONE, false},
        {"kids12", ITAV_SETTING_INFORMAL, 0, 0, ITAV_AUDIENCE_CHILDREN, RELIEF, 0, 144, false},
        {"expect", ITAV_SETTING_INFORMAL, 0, 0, ITAV_AUDIENCE_EXPECTING_PARENTS, RELIEF, -9, 0,
         false},
        {"parents", ITAV_SETTING_INFORMAL, 0, 0, PARENTS, RELIEF, NONE, NONE, false},
        {"from0", ITAV_SETTING_INFORMAL, 0, 0, PARENTS, RELIEF, 0, NONE, false},
        {"upto48", ITAV_SETTING_INFORMAL, 0, 0, PARENTS, RELIEF, NONE, 48, false},
        {"youth", ITAV_SETTING_INFORMAL, 0, 0, ITAV_AUDIENCE_YOUTH, RELIEF, 144, 311, false},
        {"pros", ITAV_SETTING_INFORMAL, 0, 0, ITAV_AUDIENCE_PROFESSIONALS, RELIEF, NONE, NONE,
         false},
        {"silent", ITAV_SETTING_INFORMAL, 0, 0, PARENTS, 0, NONE, NONE, false},
    };
    for (size_t i = 0; i < sizeof fx / sizeof *fx; i++)
        add_fixture(db, &fx[i]);
    static const struct { itav_asker asker; int32_t age; unsigned needs; const char *fit; }
        cases[] = {
        /* a parent fits parents and children, not co-carers or professionals */
        {ITAV_ASKER_PARENT, NONE, 0, "from0 kids kids12 open parents silent upto48"},
        {ITAV_ASKER_PARENT, 60, 0, "from0 kids kids12 open parents silent"},
        {ITAV_ASKER_PARENT, -3, 0, "kids open parents silent upto48"},
        /* an intervention that states no themes cannot be judged against needs */
        {ITAV_ASKER_PARENT, 60, RELIEF, "from0 kids kids12 open parents"},
        {ITAV_ASKER_PARENT, 60, NETWORK, ""},
        {ITAV_ASKER_EXPECTING, -3, 0, "expect open"},
        {ITAV_ASKER_EXPECTING, 6, 0, "open"},
        /* a young person is a child only inside a stated age range */
        {ITAV_ASKER_YOUTH, NONE, 0, "open youth"},
        {ITAV_ASKER_YOUTH, 120, 0, "kids12 open"},
        {ITAV_ASKER_YOUTH, 192, 0, "open youth"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        result r[MAX_RESULTS];
        char got[512] = "";
        itav_question q = question(cases[c].asker, cases[c].age, "Testdorp", cases[c].needs, 0);
        size_t n = ask(db, &q, r);
        for (size_t i = 0; i < n; i++) {
            ck_assert_int_eq(r[i].tier, 2); /* informal, scope not stated */
            strcat(got, i ? " " : "");
            strcat(got, r[i].intervention + 3);
        }
        ck_assert_msg(strcmp(got, cases[c].fit) == 0, "case %zu: got \"%s\", expected \"%s\"", c,
                      got, cases[c].fit);
    }
    result r[MAX_RESULTS];
    itav_question q = question(ITAV_ASKER_PARENT, 60, "Testdorp", 0, 0);
    ck_assert_uint_eq(ask(db, &q, r), 6);
    ck_assert_str_eq(r[0].intervention, "fx-from0");
    assert_has(r[0].why, "60 months lies in its range from 0 months");
    q.age_months = 12;
    ck_assert_uint_eq(ask(db, &q, r), 7);
    ck_assert_str_eq(r[6].intervention, "fx-upto48");
    assert_has(r[6].why, "12 months lies in its range up to 48 months");
    close_store(db);
}
END_TEST

/* ---- bad input ---- */

START_TEST(bad_questions_are_refused)
{
    itav_db *db = catalogue(_i);
    char *before = export_text(db);
    itav_recommendation_iter *it = NULL;
    itav_question ok = question(ITAV_ASKER_PARENT, 24, "Leiden", RELIEF, 0);
    static const struct {
        unsigned version;
        int asker;
        int32_t age;
        unsigned needs;
        int channel;
        int code;
        const char *words;
    } cases[] = {
        {0, ITAV_ASKER_PARENT, 24, 0, 0, ITAV_EVERSION, "question.version: 0"},
        {2, ITAV_ASKER_PARENT, 24, 0, 0, ITAV_EVERSION, "question.version: 2"},
        {1, 0, 24, 0, 0, ITAV_EINVAL, "question.asker: 0 is not an asker (expected parent"},
        {1, 4, 24, 0, 0, ITAV_EINVAL, "question.asker: 4"},
        {1, ITAV_ASKER_PARENT, 24, ITAV_THEME_ALL + 1, 0, ITAV_EINVAL,
         "question.needs: bits 0x2000 are not themes"},
        {1, ITAV_ASKER_PARENT, 24, 0, 4, ITAV_EINVAL, "question.channel: 4 is not a channel"},
        {1, ITAV_ASKER_PARENT, 24, 0, -1, ITAV_EINVAL, "question.channel: -1"},
        {1, ITAV_ASKER_YOUTH, 601, 0, 0, ITAV_EINVAL,
         "question.age_months: 601 is outside -9..600"},
        {1, ITAV_ASKER_EXPECTING, -10, 0, 0, ITAV_EINVAL, "question.age_months: -10"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        itav_question q = ok;
        q.version = cases[c].version;
        q.asker = (itav_asker)cases[c].asker;
        q.age_months = cases[c].age;
        q.needs = cases[c].needs;
        q.channel = (itav_channel)cases[c].channel;
        ck_assert_msg(itav_recommend(&it, db, &q) == cases[c].code, "case %zu", c);
        assert_msg(db, cases[c].words);
        ck_assert_ptr_null(it);
    }
    ck_assert_int_eq(itav_recommend(NULL, db, &ok), ITAV_EINVAL);
    assert_msg(db, "no place for the iterator");
    ck_assert_int_eq(itav_recommend(&it, db, NULL), ITAV_EINVAL);
    assert_msg(db, "no question");
    ck_assert_int_eq(itav_recommend(&it, NULL, &ok), ITAV_EINVAL);
    char *after = export_text(db);
    ck_assert_str_eq(before, after);
    itav_free(after);
    itav_free(before);
    close_store(db);
}
END_TEST

START_TEST(null_arguments)
{
    itav_recommendation *r = NULL;
    ck_assert_int_eq(itav_recommendation_iter_next(&r, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_recommendation_iter_next(NULL, NULL), ITAV_EINVAL);
    ck_assert_ptr_null(itav_recommendation_intervention(NULL));
    ck_assert_ptr_null(itav_recommendation_offer(NULL));
    ck_assert_ptr_null(itav_recommendation_why(NULL));
    ck_assert_ptr_null(itav_recommendation_placement(NULL));
    ck_assert_int_eq(itav_recommendation_tier(NULL), 0);
    ck_assert_uint_eq(itav_recommendation_covered(NULL), 0);
    itav_recommendation_free(NULL);
    itav_recommendation_iter_free(NULL);
}
END_TEST

/* ---- every backend gives the same answers ---- */

/* All answers to a set of questions as one text. */
static char *answers(itav_db *db)
{
    static const char *const places[] = {NULL, "Leiden", "Utrecht", "Hoeksche Waard",
                                         "Den Haag", "Sliedrecht"};
    size_t size = 1 << 20, used = 0;
    char *out = malloc(size);
    ck_assert_ptr_nonnull(out);
    out[0] = '\0';
    for (int asker = ITAV_ASKER_PARENT; asker <= ITAV_ASKER_YOUTH; asker++) {
        for (size_t p = 0; p < sizeof places / sizeof *places; p++) {
            static result r[MAX_RESULTS];
            itav_question q = question((itav_asker)asker, asker == ITAV_ASKER_EXPECTING ? -4 : 30,
                                       places[p], p % 2 ? 0 : RELIEF | NETWORK | ITAV_THEME_MEETING,
                                       (itav_channel)(p % 3));
            size_t n = ask(db, &q, r);
            for (size_t i = 0; i < n; i++)
                used += (size_t)snprintf(out + used, size - used, "%s|%s|%d|%u|%s|%s\n",
                                         r[i].intervention, r[i].offer, r[i].tier, r[i].covered,
                                         r[i].why, r[i].placement);
            ck_assert_uint_lt(used, size - 1);
        }
    }
    return out;
}

START_TEST(same_answers_on_every_backend)
{
    itav_db *db = catalogue(STORE_MEMORY);
    char *expected = answers(db);
    close_store(db);
    ck_assert_uint_gt(strlen(expected), 1000);
    for (int which = 0; which < STORE_COUNT; which++) {
        db = catalogue(which);
        char *got = answers(db);
        ck_assert_msg(strcmp(got, expected) == 0, "store %s answers differently",
                      store_name(which));
        free(got);
        close_store(db);
    }
    free(expected);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("recommend");
    TCase *tc = tcase_create("objects");
    tcase_add_test(tc, themes_are_set_checked_and_copied);
    tcase_add_test(tc, themes_in_json_follow_the_audience_in_bit_order);
    tcase_add_test(tc, catalogue_themes_cite_their_seed_lines);
    tcase_add_test(tc, null_arguments);
    suite_add_tcase(s, tc);
    TCase *ts = tcase_create("stores");
    tcase_set_timeout(ts, 60);
    tcase_add_loop_test(ts, themes_round_trip_and_bad_codes_are_refused, 0, STORE_COUNT);
    tcase_add_loop_test(ts, leiden_parent_gets_buurtgezinnen, 0, STORE_COUNT);
    tcase_add_loop_test(ts, hoeksche_waard_parent_who_needs_a_network, 0, STORE_COUNT);
    tcase_add_loop_test(ts, den_haag_expecting_parent_gets_home_start, 0, STORE_COUNT);
    tcase_add_loop_test(ts, moeders_informeren_moeders_up_to_18_months, 0, STORE_COUNT);
    tcase_add_loop_test(ts, youth_with_low_mood, 0, STORE_COUNT);
    tcase_add_loop_test(ts, a_place_without_offers_has_no_answers, 0, STORE_COUNT);
    tcase_add_loop_test(ts, order_within_a_tier, 0, STORE_COUNT);
    tcase_add_loop_test(ts, tiers_from_setting_scope_and_low_threshold, 0, STORE_COUNT);
    tcase_add_loop_test(ts, who_fits_by_audience_age_and_needs, 0, STORE_COUNT);
    tcase_add_loop_test(ts, bad_questions_are_refused, 0, STORE_COUNT);
    tcase_add_test(ts, same_answers_on_every_backend);
    suite_add_tcase(s, ts);
    return run_suite(s);
}
