/* Matching through the public API: options, the breakdown of a score against hand
 * computation, every hard constraint, suggestions against brute force, and assignment
 * against exhaustive search. */
#define _GNU_SOURCE /* open_memstream */
#include "testutil.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- fixture ---- */

/* An offer (of an intervention "iv-<id>") whose plan is `plan` (NULL: none). */
static void offer_with(itav_db *db, const char *id, const itav_plan *plan)
{
    itav_intervention *iv;
    itav_offer *of;
    char iv_id[80];
    snprintf(iv_id, sizeof iv_id, "iv-%s", id);
    ck_assert_int_eq(itav_intervention_new(&iv, iv_id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, iv_id), ITAV_OK);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
    ck_assert_int_eq(itav_offer_new(&of, id, iv_id), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_plan(of, plan), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

static itav_plan *plan_of(long max_distance, long vog, long vog_months, long training,
                          long criteria)
{
    itav_plan *plan;
    ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_MAX_DISTANCE_M, max_distance), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_VOG, vog), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_VOG_VALID_MONTHS, vog_months), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRAINING, training), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_CRITERIA, criteria), ITAV_OK);
    return plan;
}

/* Adds a participant given as itav/1 JSON (printf-style). */
static void add(itav_db *db, const char *fmt, ...)
{
    char json[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(json, sizeof json, fmt, ap);
    va_end(ap);
    itav_participant *p;
    ck_assert_msg(itav_participant_from_json(&p, db, json) == ITAV_OK, "%s: %s", json,
                  itav_errmsg(db));
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s: %s", json, itav_errmsg(db));
    itav_participant_free(p);
}

static itav_match_options options_as_of(const char *date)
{
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    o.as_of = D(date);
    return o;
}

static itav_suggestion *score(itav_db *db, const char *a, const char *s,
                              const itav_match_options *o)
{
    itav_suggestion *sg = NULL;
    int rc = itav_match_score_pair(&sg, db, a, s, o);
    ck_assert_msg(rc == ITAV_OK, "score %s, %s: %s", a, s, itav_errmsg(db));
    ck_assert_str_eq(itav_suggestion_asking(sg), a);
    ck_assert_str_eq(itav_suggestion_supporting(sg), s);
    return sg;
}

static char *propose(itav_db *db, const char *a, const char *s, const char *date)
{
    char *id = NULL;
    int rc = itav_match_propose(&id, db, a, s, D(date), ITAV_ACTOR_COORDINATOR, NULL, NULL);
    ck_assert_msg(rc == ITAV_OK, "propose %s and %s: %s", a, s, itav_errmsg(db));
    return id;
}

static void decline(itav_db *db, const char *id, const char *date)
{
    int rc = itav_match_advance(db, id, ITAV_MATCH_DECLINED, D(date), ITAV_ACTOR_COORDINATOR,
                                ITAV_END_NO_CLICK, NULL);
    ck_assert_msg(rc == ITAV_OK, "decline %s: %s", id, itav_errmsg(db));
}

/* Independent great-circle distance (atan2 form of the haversine). */
static double great_circle(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 3.14159265358979323846 / 180;
    double a = pow(sin((lat2 - lat1) * r / 2), 2) +
               cos(lat1 * r) * cos(lat2 * r) * pow(sin((lon2 - lon1) * r / 2), 2);
    return 2 * 6371008.8 * atan2(sqrt(a), sqrt(1 - a));
}

static void expect_criterion(const itav_suggestion *s, itav_criterion c, int applies,
                             double value, double weight)
{
    double v = -1, w = -1;
    ck_assert_int_eq(itav_suggestion_criterion(s, c, &v, &w), applies);
    ck_assert_msg(fabs(v - value) < 1e-12, "criterion %d: value %.15f, expected %.15f", c, v,
                  value);
    ck_assert_msg(fabs(w - weight) < 1e-12, "criterion %d: weight %g, expected %g", c, w,
                  weight);
}

/* ---- options ---- */

START_TEST(options_defaults)
{
    itav_match_options o, init = ITAV_MATCH_OPTIONS_INIT;
    memset(&o, 0xab, sizeof o);
    ck_assert_int_eq(itav_match_options_init(&o), ITAV_OK);
    /* field by field: the padding need not match */
    ck_assert_int_eq(o.version, init.version);
    for (int c = 0; c <= ITAV_CRITERION_COUNT; c++)
        ck_assert(o.weights[c] == init.weights[c]);
    ck_assert(o.min_score == init.min_score && o.as_of == init.as_of);
    ck_assert(o.waiting_full_days == init.waiting_full_days);
    ck_assert(o.distance_scale_m == init.distance_scale_m);
    ck_assert(o.max_distance_m == init.max_distance_m);
    ck_assert_int_eq(itav_match_options_init(NULL), ITAV_EINVAL);
    ck_assert_int_eq(o.version, ITAV_MATCH_OPTIONS_VERSION);
    ck_assert(o.weights[ITAV_CRITERION_NEEDS] == 3 && o.min_score == 0.4);
    ck_assert(o.waiting_full_days == 365 && o.distance_scale_m == 10000);
    ck_assert(o.max_distance_m == 0 && o.as_of == ITAV_DATE_NONE);
}
END_TEST

/* Every options problem, through each function that takes options. */
START_TEST(invalid_options)
{
    itav_db *db = open_store(STORE_MEMORY);
    offer_with(db, "o", NULL);
    add(db, "{\"ref\": \"a\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"waiting\"}");
    add(db, "{\"ref\": \"s\", \"offer\": \"o\", \"kind\": \"volunteer\", \"status\": "
            "\"available\"}");
    struct {
        int field;
        double value;
        int code;
        const char *part;
    } cases[] = {
        {0, 0, ITAV_EVERSION, "version 0"},
        {0, 2, ITAV_EVERSION, "version 2"},
        {1, -1, ITAV_EINVAL, "weights[3] (needs)"},
        {1, NAN, ITAV_EINVAL, "weights[3] (needs)"},
        {2, 0, ITAV_EINVAL, "weights are all 0"},
        {2, 1e308, ITAV_EINVAL, "the weights add up to more than a double holds"},
        {3, 1.5, ITAV_EINVAL, "min_score"},
        {3, -0.1, ITAV_EINVAL, "min_score"},
        {4, 0, ITAV_EINVAL, "waiting_full_days"},
        {5, 0, ITAV_EINVAL, "distance_scale_m"},
        {6, -1, ITAV_EINVAL, "max_distance_m"},
        {6, NAN, ITAV_EINVAL, "max_distance_m"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
        switch (cases[i].field) {
        case 0: o.version = (int)cases[i].value; break;
        case 1: o.weights[ITAV_CRITERION_NEEDS] = cases[i].value; break;
        case 2: /* every weight the same */
            for (int c = 1; c <= ITAV_CRITERION_COUNT; c++)
                o.weights[c] = cases[i].value;
            break;
        case 3: o.min_score = cases[i].value; break;
        case 4: o.waiting_full_days = (int)cases[i].value; break;
        case 5: o.distance_scale_m = cases[i].value; break;
        case 6: o.max_distance_m = cases[i].value; break;
        }
        itav_suggestion *s = NULL;
        itav_suggestion_iter *it = NULL;
        itav_assignment *as = NULL;
        ck_assert_int_eq(itav_match_score_pair(&s, db, "a", "s", &o), cases[i].code);
        assert_msg(db, cases[i].part);
        ck_assert_int_eq(itav_match_suggest(&it, db, "a", 5, &o), cases[i].code);
        assert_msg(db, cases[i].part);
        ck_assert_int_eq(itav_match_assign(&as, db, "o", &o, ITAV_ASSIGN_WRITE, D("2021-01-01")),
                         cases[i].code);
        assert_msg(db, cases[i].part);
        ck_assert_ptr_null(s);
        ck_assert_ptr_null(it);
        ck_assert_ptr_null(as);
    }
    /* a weight of 0 for some criteria is fine, and NULL means the defaults */
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    o.weights[ITAV_CRITERION_DISTANCE] = 0;
    itav_suggestion *s = score(db, "a", "s", &o);
    itav_suggestion_free(s);
    s = score(db, "a", "s", NULL);
    itav_suggestion_free(s);
    close_store(db);
}
END_TEST

/* ---- the breakdown ---- */

static const char *asker_a =
    "{\"ref\": \"a\", \"offer\": \"%s\", \"kind\": \"family\", \"status\": \"waiting\", "
    "\"registered\": \"2021-01-01\", \"municipality\": \"Haarlem\", \"postcode\": \"2011\", "
    "\"location\": {\"lat\": 52.38, \"lon\": 4.64}, "
    "\"availability\": [\"mon_afternoon\", \"wed_afternoon\", \"sat_morning\"], "
    "\"support\": [\"daytime_care\", \"homework\"], \"languages\": [\"nl\", \"ar\"], "
    "\"interests\": [\"football\", \"cooking\", \"music\"], \"children\": [48, 96, 200]}";

START_TEST(breakdown_by_hand)
{
    itav_db *db = open_store(_i);
    itav_plan *plan = plan_of(10000, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET,
                              ITAV_PLAN_UNSET);
    offer_with(db, "o", plan);
    itav_plan_free(plan);
    add(db, asker_a, "o");
    add(db, "{\"ref\": \"s\", \"offer\": \"o\", \"kind\": \"support_family\", \"status\": "
            "\"available\", \"location\": {\"lat\": 52.39, \"lon\": 4.66}, "
            "\"availability\": [\"wed_afternoon\", \"sat_morning\", \"sun_evening\"], "
            "\"support\": [\"sleepover\", \"homework\", \"listening_ear\"], "
            "\"languages\": [\"ar\"], \"interests\": [\"football\", \"music\", \"chess\"], "
            "\"age_range\": {\"min\": 0, \"max\": 144}}");
    itav_match_options o = options_as_of("2021-07-01");
    itav_suggestion *s = score(db, "a", "s", &o);

    double d = great_circle(52.38, 4.64, 52.39, 4.66);
    ck_assert_msg(fabs(itav_suggestion_distance(s) - d) < 1e-6, "distance %f, expected %f",
                  itav_suggestion_distance(s), d);
    ck_assert(d > 1500 && d < 1800);
    double v[] = {0, 1 - d / 10000, 2.0 / 3, 1.0 / 2, 1, 2.0 / 3, 2.0 / 3, 181.0 / 365};
    double w[] = {0, 2, 2, 3, 1, 1, 1, 1}, sum = 0, wsum = 0;
    for (int c = 1; c <= ITAV_CRITERION_COUNT; c++) {
        expect_criterion(s, (itav_criterion)c, 1, v[c], w[c]);
        sum += v[c] * w[c];
        wsum += w[c];
    }
    ck_assert_int_eq(itav_suggestion_excluded(s), ITAV_CONSTRAINT_NONE);
    ck_assert_msg(fabs(itav_suggestion_score(s) - sum / wsum) < 1e-12, "score %.15f vs %.15f",
                  itav_suggestion_score(s), sum / wsum);
    ck_assert_int_eq(itav_suggestion_criterion(s, 0, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_suggestion_criterion(s, 8, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_suggestion_criterion(NULL, 1, NULL, NULL), ITAV_EINVAL);
    itav_suggestion_free(s);

    /* waiting is capped at 1; a weight of 0 keeps the criterion in the breakdown only */
    o = options_as_of("2023-01-01");
    o.weights[ITAV_CRITERION_AGES] = 0;
    s = score(db, "a", "s", &o);
    expect_criterion(s, ITAV_CRITERION_WAITING, 1, 1, 1);
    expect_criterion(s, ITAV_CRITERION_AGES, 1, 2.0 / 3, 0);
    v[ITAV_CRITERION_WAITING] = 1;
    sum = wsum = 0;
    for (int c = 1; c <= ITAV_CRITERION_COUNT; c++) {
        double wc = c == ITAV_CRITERION_AGES ? 0 : w[c];
        sum += v[c] * wc;
        wsum += wc;
    }
    ck_assert(fabs(itav_suggestion_score(s) - sum / wsum) < 1e-12);
    itav_suggestion_free(s);
    /* before registration, waiting counts 0 */
    o = options_as_of("2020-06-01");
    s = score(db, "a", "s", &o);
    expect_criterion(s, ITAV_CRITERION_WAITING, 1, 0, 1);
    itav_suggestion_free(s);
    close_store(db);
}
END_TEST

/* Without coordinates on both sides, distance compares postcode areas and municipalities;
 * criteria without data on a side do not count. */
START_TEST(breakdown_without_data)
{
    itav_db *db = open_store(STORE_MEMORY);
    offer_with(db, "o", NULL);
    add(db, "{\"ref\": \"a\", \"offer\": \"o\", \"kind\": \"youth\", \"status\": \"waiting\", "
            "\"municipality\": \"Haarlem\", \"postcode\": \"2011\", \"support\": "
            "[\"homework\"], \"languages\": [\"nl\"]}");
    const char *sup = "{\"ref\": \"%s\", \"offer\": \"o\", \"kind\": \"buddy\", \"status\": "
                      "\"available\", \"support\": [\"homework\"]%s}";
    add(db, sup, "same-pc", ", \"postcode\": \"2011\", \"municipality\": \"Zandvoort\"");
    add(db, sup, "same-place", ", \"postcode\": \"2012\", \"municipality\": \"HAARLEM\"");
    add(db, sup, "elsewhere", ", \"postcode\": \"2101\", \"municipality\": \"Heemstede\"");
    add(db, sup, "only-place", ", \"municipality\": \"Zandvoort\"");
    add(db, sup, "nothing", ", \"location\": {\"lat\": 52.38, \"lon\": 4.64}");
    struct {
        const char *ref;
        int applies;
        double value;
    } cases[] = {{"same-pc", 1, 1},    {"same-place", 1, 0.5}, {"elsewhere", 1, 0},
                 {"only-place", 1, 0}, {"nothing", 0, 0}};
    itav_match_options o = options_as_of("2021-07-01");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        itav_suggestion *s = score(db, "a", cases[i].ref, &o);
        expect_criterion(s, ITAV_CRITERION_DISTANCE, cases[i].applies, cases[i].value,
                         cases[i].applies ? 2 : 0);
        ck_assert(itav_suggestion_distance(s) == -1);
        /* the supporter lists no languages, no interests, no age range, no availability;
         * the asking side has no registration date */
        for (int c = ITAV_CRITERION_AVAILABILITY; c <= ITAV_CRITERION_WAITING; c++)
            if (c != ITAV_CRITERION_NEEDS)
                expect_criterion(s, (itav_criterion)c, 0, 0, 0);
        expect_criterion(s, ITAV_CRITERION_NEEDS, 1, 1, 3);
        double want = cases[i].applies ? (2 * cases[i].value + 3) / 5 : 1;
        ck_assert_msg(fabs(itav_suggestion_score(s) - want) < 1e-12, "%s: %f", cases[i].ref,
                      itav_suggestion_score(s));
        itav_suggestion_free(s);
    }
    close_store(db);
}
END_TEST

/* A plan that names criteria limits the score to them; without a plan maximum the distance
 * scale comes from the options. */
START_TEST(plan_criteria_and_scale)
{
    itav_db *db = open_store(STORE_MEMORY);
    itav_plan *plan = plan_of(ITAV_PLAN_UNSET, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET,
                              (1L << ITAV_CRITERION_LANGUAGES) | (1L << ITAV_CRITERION_INTERESTS));
    offer_with(db, "named", plan);
    itav_plan_free(plan);
    offer_with(db, "free", NULL);
    const char *sup = "{\"ref\": \"%s\", \"offer\": \"%s\", \"kind\": \"support_family\", "
                      "\"status\": \"available\", \"location\": {\"lat\": 52.40, \"lon\": "
                      "4.64}, \"availability\": [\"sat_morning\"], \"languages\": [\"tr\"], "
                      "\"interests\": [\"cooking\"]}";
    add(db, asker_a, "named");
    add(db, sup, "s-named", "named");
    add(db, "{\"ref\": \"b\", \"offer\": \"free\", \"kind\": \"parent\", \"status\": "
            "\"waiting\", \"location\": {\"lat\": 52.38, \"lon\": 4.64}, \"interests\": "
            "[\"cooking\", \"chess\"]}");
    add(db, sup, "s-free", "free");
    itav_match_options o = options_as_of("2021-07-01");
    itav_suggestion *s = score(db, "a", "s-named", &o);
    for (int c = 1; c <= ITAV_CRITERION_COUNT; c++) {
        double v = c == ITAV_CRITERION_INTERESTS ? 1.0 / 3 : 0;
        int applies = c == ITAV_CRITERION_LANGUAGES || c == ITAV_CRITERION_INTERESTS;
        expect_criterion(s, (itav_criterion)c, applies, v, applies ? 1 : 0);
    }
    ck_assert(fabs(itav_suggestion_score(s) - (0 + 1.0 / 3) / 2) < 1e-12);
    ck_assert(itav_suggestion_distance(s) > 0); /* known, though it does not count */
    itav_suggestion_free(s);

    o.distance_scale_m = 5000;
    s = score(db, "b", "s-free", &o);
    double d = great_circle(52.38, 4.64, 52.40, 4.64);
    expect_criterion(s, ITAV_CRITERION_DISTANCE, 1, 1 - d / 5000, 2);
    expect_criterion(s, ITAV_CRITERION_INTERESTS, 1, 0.5, 1);
    ck_assert(fabs(itav_suggestion_score(s) - (2 * (1 - d / 5000) + 0.5) / 3) < 1e-12);
    itav_suggestion_free(s);
    o.distance_scale_m = 1000; /* farther than the scale: 0, not negative */
    s = score(db, "b", "s-free", &o);
    expect_criterion(s, ITAV_CRITERION_DISTANCE, 1, 0, 2);
    itav_suggestion_free(s);
    close_store(db);
}
END_TEST

/* ---- hard constraints ---- */

START_TEST(every_constraint)
{
    itav_db *db = open_store(_i);
    itav_plan *plan = plan_of(10000, 1, 36, 1, ITAV_PLAN_UNSET);
    offer_with(db, "c", plan);
    itav_plan_free(plan);
    offer_with(db, "other", NULL);
    const char *ask = "{\"ref\": \"%s\", \"offer\": \"c\", \"kind\": \"family\", \"status\": "
                      "\"%s\", \"registered\": \"2021-01-01\", "
                      "\"location\": {\"lat\": 52.38, \"lon\": 4.64}%s}";
    const char *sup = "{\"ref\": \"%s\", \"offer\": \"%s\", \"kind\": \"volunteer\", "
                      "\"status\": \"%s\", \"registered\": \"2021-01-01\", \"languages\": "
                      "[\"%s\"], \"vog_date\": \"%s\", \"trained\": %s, "
                      "\"location\": {\"lat\": %s, \"lon\": 4.64}%s}";
    const char *nl = ", \"languages\": [\"nl\"]";
    add(db, ask, "a", "waiting", nl);
    add(db, ask, "a-registered", "registered", nl);
    add(db, ask, "a-excludes", "waiting", ", \"languages\": [\"nl\"], \"exclusions\": [\"s\"]");
    add(db, ask, "a-lang", "waiting", ", \"languages\": [\"tr\"], \"language_required\": true");
    add(db, ask, "a-own-limit", "waiting", ", \"languages\": [\"nl\"], \"max_distance_m\": 3000");
    add(db, ask, "a-declined", "waiting", nl);
    add(db, ask, "a-other", "waiting", nl);
    add(db, sup, "s", "c", "available", "nl", "2020-01-01", "true", "52.39", "");
    add(db, sup, "s-other-offer", "other", "available", "nl", "2020-01-01", "true", "52.39", "");
    add(db, sup, "s-inactive", "c", "inactive", "nl", "2020-01-01", "true", "52.39", "");
    add(db, sup, "s-excludes", "c", "available", "nl", "2020-01-01", "true", "52.39",
        ", \"exclusions\": [\"a\"]");
    add(db, sup, "s-full", "c", "available", "nl", "2020-01-01", "true", "52.39", "");
    add(db, sup, "s-old-vog", "c", "available", "nl", "2018-06-30", "true", "52.39", "");
    add(db, sup, "s-edge-vog", "c", "available", "nl", "2018-07-01", "true", "52.39", "");
    add(db, sup, "s-untrained", "c", "available", "nl", "2020-01-01", "false", "52.39", "");
    add(db, sup, "s-untrained-far", "c", "available", "nl", "2020-01-01", "false", "52.60", "");
    add(db, sup, "s-far", "c", "available", "nl", "2020-01-01", "true", "52.50", "");
    add(db, sup, "s-mid", "c", "available", "nl", "2020-01-01", "true", "52.42", "");
    add(db, sup, "s-own-limit", "c", "available", "nl", "2020-01-01", "true", "52.42",
        ", \"max_distance_m\": 4000");
    add(db, "{\"ref\": \"s-no-vog\", \"offer\": \"c\", \"kind\": \"peer\", \"status\": "
            "\"available\", \"trained\": true, \"languages\": [\"nl\"]}");
    /* s-full: its one place taken by a-other; a-declined and s declined each other */
    char *id = propose(db, "a-other", "s-full", "2021-06-01");
    free(id);
    id = propose(db, "a-declined", "s", "2021-06-01");
    decline(db, id, "2021-06-02");
    free(id);

    itav_match_options o = options_as_of("2021-07-01");
    struct {
        const char *a, *s;
        itav_constraint want;
    } cases[] = {
        {"a", "s", ITAV_CONSTRAINT_NONE},
        {"a", "s-other-offer", ITAV_CONSTRAINT_OFFER},
        {"a-registered", "s", ITAV_CONSTRAINT_STATUS},
        {"a", "s-inactive", ITAV_CONSTRAINT_STATUS},
        {"a-other", "s", ITAV_CONSTRAINT_STATUS}, /* matched now */
        {"a-excludes", "s", ITAV_CONSTRAINT_EXCLUDED},
        {"a", "s-excludes", ITAV_CONSTRAINT_EXCLUDED},
        {"a-declined", "s", ITAV_CONSTRAINT_DECLINED},
        {"a", "s-full", ITAV_CONSTRAINT_CAPACITY},
        {"a", "s-no-vog", ITAV_CONSTRAINT_SCREENING},
        {"a", "s-old-vog", ITAV_CONSTRAINT_VOG_EXPIRED}, /* 36 months and a day */
        {"a", "s-edge-vog", ITAV_CONSTRAINT_NONE},      /* exactly 36 months */
        {"a", "s-untrained", ITAV_CONSTRAINT_TRAINING},
        {"a", "s-untrained-far", ITAV_CONSTRAINT_TRAINING}, /* the first that fails */
        {"a-lang", "s", ITAV_CONSTRAINT_LANGUAGE},
        {"a", "s-far", ITAV_CONSTRAINT_DISTANCE},        /* the plan's 10 km */
        {"a", "s-mid", ITAV_CONSTRAINT_NONE},            /* 4.4 km */
        {"a-own-limit", "s-mid", ITAV_CONSTRAINT_DISTANCE},
        {"a", "s-own-limit", ITAV_CONSTRAINT_DISTANCE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        itav_suggestion *s = score(db, cases[i].a, cases[i].s, &o);
        ck_assert_msg(itav_suggestion_excluded(s) == cases[i].want, "%s, %s: constraint %d, "
                      "expected %d", cases[i].a, cases[i].s, itav_suggestion_excluded(s),
                      cases[i].want);
        if (cases[i].want != ITAV_CONSTRAINT_NONE)
            ck_assert(itav_suggestion_score(s) == 0);
        else
            ck_assert(itav_suggestion_score(s) > 0);
        itav_suggestion_free(s);
    }
    /* every constraint has a code, and ITAV_CONSTRAINT_COUNT is the highest */
    for (int c = 1; c <= ITAV_CONSTRAINT_COUNT; c++)
        ck_assert_ptr_nonnull(itav_code_name(ITAV_CODE_CONSTRAINT, c));
    ck_assert_ptr_null(itav_code_name(ITAV_CODE_CONSTRAINT, ITAV_CONSTRAINT_COUNT + 1));
    /* an excluded pair still has its breakdown: the distance and the languages */
    itav_suggestion *s = score(db, "a", "s-far", &o);
    double d = great_circle(52.38, 4.64, 52.50, 4.64);
    ck_assert(fabs(itav_suggestion_distance(s) - d) < 1e-6 && d > 13000);
    expect_criterion(s, ITAV_CRITERION_DISTANCE, 1, 0, 2);
    expect_criterion(s, ITAV_CRITERION_LANGUAGES, 1, 1, 1);
    itav_suggestion_free(s);
    /* the options' own limit */
    o.max_distance_m = 2000;
    s = score(db, "a", "s-mid", &o);
    ck_assert_int_eq(itav_suggestion_excluded(s), ITAV_CONSTRAINT_DISTANCE);
    itav_suggestion_free(s);
    /* certificates are judged on as_of */
    o = options_as_of("2021-06-30");
    s = score(db, "a", "s-old-vog", &o);
    ck_assert_int_eq(itav_suggestion_excluded(s), ITAV_CONSTRAINT_NONE);
    itav_suggestion_free(s);
    close_store(db);
}
END_TEST

START_TEST(score_pair_errors)
{
    itav_db *db = open_store(STORE_MEMORY);
    offer_with(db, "o", NULL);
    add(db, "{\"ref\": \"a\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"waiting\"}");
    add(db, "{\"ref\": \"s\", \"offer\": \"o\", \"kind\": \"volunteer\", \"status\": "
            "\"available\"}");
    itav_suggestion *s = NULL;
    ck_assert_int_eq(itav_match_score_pair(&s, db, "nobody", "s", NULL), ITAV_ENOTFOUND);
    assert_msg(db, "nobody");
    ck_assert_int_eq(itav_match_score_pair(&s, db, "a", "no-one", NULL), ITAV_ENOTFOUND);
    assert_msg(db, "no-one");
    ck_assert_int_eq(itav_match_score_pair(&s, db, "s", "a", NULL), ITAV_EINVAL);
    assert_msg(db, "\"s\" is on the supporting side");
    ck_assert_int_eq(itav_match_score_pair(&s, db, "a", "a", NULL), ITAV_EINVAL);
    assert_msg(db, "\"a\" is on the asking side");
    ck_assert_int_eq(itav_match_score_pair(NULL, db, "a", "s", NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_match_score_pair(&s, db, NULL, "s", NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_match_score_pair(&s, NULL, "a", "s", NULL), ITAV_EINVAL);
    ck_assert_ptr_null(s);
    /* getters on NULL */
    ck_assert_ptr_null(itav_suggestion_asking(NULL));
    ck_assert_ptr_null(itav_suggestion_supporting(NULL));
    ck_assert(itav_suggestion_score(NULL) == -1 && itav_suggestion_distance(NULL) == -1);
    ck_assert_int_eq(itav_suggestion_excluded(NULL), ITAV_CONSTRAINT_NONE);
    itav_suggestion_free(NULL);
    close_store(db);
}
END_TEST

/* ---- random data ---- */

static uint64_t rng = 1;
static unsigned rnd(unsigned n) { return test_rand_below(&rng, n); }
static double unit(void) { return rnd(1000000) / 1e6; }

typedef struct sb {
    char buf[4096];
    size_t n;
} sb;

static void put(sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(b->buf + b->n, sizeof b->buf - b->n, fmt, ap);
    va_end(ap);
    ck_assert(w >= 0 && (size_t)w < sizeof b->buf - b->n);
    b->n += (size_t)w;
}

/* "name": [codes of the set bits] */
static void put_bits(sb *b, const char *name, itav_code_type type, unsigned bits, int count)
{
    put(b, ", \"%s\": [", name);
    for (int i = 0, first = 1; i < count; i++)
        if (bits & (1u << i)) {
            put(b, "%s\"%s\"", first ? "" : ", ", itav_code_name(type, (int)(1u << i)));
            first = 0;
        }
    put(b, "]");
}

static void put_words(sb *b, const char *name, const char *const *words, int count, int pct)
{
    int first = 1;
    for (int i = 0; i < count; i++)
        if ((int)rnd(100) < pct) {
            if (first)
                put(b, ", \"%s\": [", name);
            put(b, "%s\"%s\"", first ? "" : ", ", words[i]);
            first = 0;
        }
    if (!first)
        put(b, "]");
}

static void put_date(sb *b, const char *name, int32_t date)
{
    char text[ITAV_DATE_BUFSIZE];
    ck_assert_int_eq(itav_date_format(text, sizeof text, date), ITAV_OK);
    put(b, ", \"%s\": \"%s\"", name, text);
}

static const char *const languages[] = {"nl", "ar", "tr", "en", "pl"};
static const char *const interests[] = {"football", "music", "cooking", "chess", "art"};

/* A random participant around Haarlem. */
static void random_person(itav_db *db, const char *ref, const char *offer, bool asking,
                          const char *other_prefix)
{
    static const char *const askers[] = {"family", "youth", "parent"};
    static const char *const supporters[] = {"support_family", "volunteer", "buddy", "peer"};
    static const char *const postcodes[] = {"2011", "2012", "2101", "2035"};
    static const char *const places[] = {"Haarlem", "Heemstede", "Zandvoort"};
    sb b = {.n = 0};
    unsigned st = rnd(20);
    put(&b, "{\"ref\": \"%s\", \"offer\": \"%s\", \"kind\": \"%s\", \"status\": \"%s\"", ref,
        offer, asking ? askers[rnd(3)] : supporters[rnd(4)],
        asking ? "waiting" : st < 17 ? "available" : st < 19 ? "inactive" : "approved");
    put_date(&b, "registered", D("2019-01-01") + (int32_t)rnd(900));
    if (rnd(100) < 85)
        put(&b, ", \"location\": {\"lat\": %.6f, \"lon\": %.6f}", 52.38 + (unit() - 0.5) * 0.24,
            4.64 + (unit() - 0.5) * 0.4);
    if (rnd(100) < 60)
        put(&b, ", \"postcode\": \"%s\"", postcodes[rnd(4)]);
    if (rnd(100) < 60)
        put(&b, ", \"municipality\": \"%s\"", places[rnd(3)]);
    unsigned slots = 0, support = 0;
    for (int i = 0; i < 21; i++)
        slots |= (rnd(100) < 30) << i;
    for (int i = 0; i < 9; i++)
        support |= (rnd(100) < 30) << i;
    if (slots)
        put_bits(&b, "availability", ITAV_CODE_SLOT, slots, 21);
    if (support)
        put_bits(&b, "support", ITAV_CODE_SUPPORT, support, 9);
    put_words(&b, "languages", languages, 5, 35);
    put_words(&b, "interests", interests, 5, 30);
    if (asking) {
        if (rnd(100) < 10)
            put(&b, ", \"language_required\": true");
        if (rnd(100) < 80) {
            put(&b, ", \"children\": [%u", rnd(200));
            for (unsigned n = rnd(3); n; n--)
                put(&b, ", %u", rnd(200));
            put(&b, "]");
        }
    } else {
        if (rnd(100) < 60) {
            unsigned lo = rnd(100);
            put(&b, ", \"age_range\": {\"min\": %u, \"max\": %u}", lo, lo + rnd(150));
        }
        if (rnd(100) < 85)
            put_date(&b, "vog_date", D("2016-01-01") + (int32_t)rnd(2000));
        if (rnd(100) < 80)
            put(&b, ", \"trained\": true");
        put(&b, ", \"capacity\": %u", 1 + rnd(3));
    }
    if (rnd(100) < 10)
        put(&b, ", \"max_distance_m\": %u", 2000 + rnd(8000));
    if (rnd(100) < 5)
        put(&b, ", \"exclusions\": [\"%s%03u\"]", other_prefix, rnd(20));
    put(&b, "}");
    add(db, "%s", b.buf);
}

/* ---- suggestions against brute force ---- */

typedef struct scored {
    char ref[80];
    double score;
} scored;

static int by_score_then_ref(const void *x, const void *y)
{
    const scored *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->ref, b->ref);
}

/* Every supporter of the offer scored one by one, excluded pairs dropped, sorted. */
static size_t brute_suggest(scored *out, itav_db *db, const char *asking, const char *offer,
                            const itav_match_options *o)
{
    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it;
    itav_participant *p;
    size_t n = 0;
    f.offer = offer;
    f.side = ITAV_SIDE_SUPPORTING;
    ck_assert_int_eq(itav_participant_list(&it, db, &f), ITAV_OK);
    while (itav_participant_iter_next(&p, it) == ITAV_OK) {
        itav_suggestion *s = score(db, asking, itav_participant_ref(p), o);
        if (itav_suggestion_excluded(s) == ITAV_CONSTRAINT_NONE) {
            snprintf(out[n].ref, sizeof out[n].ref, "%s", itav_participant_ref(p));
            out[n++].score = itav_suggestion_score(s);
        }
        itav_suggestion_free(s);
        itav_participant_free(p);
    }
    itav_participant_iter_free(it);
    qsort(out, n, sizeof *out, by_score_then_ref);
    return n;
}

static void compare_suggestions(itav_db *db, const char *asking, const scored *want, size_t n,
                                size_t k, const itav_match_options *o)
{
    itav_suggestion_iter *it;
    itav_suggestion *s;
    int rc = itav_match_suggest(&it, db, asking, k, o);
    ck_assert_msg(rc == ITAV_OK, "suggest %s: %s", asking, itav_errmsg(db));
    size_t i = 0;
    while (itav_suggestion_iter_next(&s, it) == ITAV_OK) {
        ck_assert_msg(i < n && i < k, "%s: too many suggestions", asking);
        ck_assert_msg(!strcmp(itav_suggestion_supporting(s), want[i].ref) &&
                          itav_suggestion_score(s) == want[i].score,
                      "%s, k %zu, #%zu: %s %.9f, brute force %s %.9f", asking, k, i,
                      itav_suggestion_supporting(s), itav_suggestion_score(s), want[i].ref,
                      want[i].score);
        ck_assert_str_eq(itav_suggestion_asking(s), asking);
        ck_assert_int_eq(itav_suggestion_excluded(s), ITAV_CONSTRAINT_NONE);
        itav_suggestion_free(s);
        i++;
    }
    ck_assert_msg(i == (n < k ? n : k), "%s, k %zu: %zu suggestions, brute force %zu", asking,
                  k, i, n < k ? n : k);
    itav_suggestion_iter_free(it);
}

enum { SUPPORTERS = 300, ASKERS = 20 };

/* 300 supporters and 20 asking participants around Haarlem in offer `offer`, some pairs
 * declined, some supporters' places taken. */
static void population(itav_db *db, const char *offer, uint64_t seed)
{
    char ref[80], other[80];
    rng = seed;
    for (int i = 0; i < SUPPORTERS; i++) {
        snprintf(ref, sizeof ref, "%s-s%03d", offer, i);
        snprintf(other, sizeof other, "%s-a", offer);
        random_person(db, ref, offer, false, other);
    }
    for (int i = 0; i < ASKERS; i++) {
        snprintf(ref, sizeof ref, "%s-a%03d", offer, i);
        snprintf(other, sizeof other, "%s-s", offer);
        random_person(db, ref, offer, true, other);
    }
    /* proposals with other asking participants take places; some of the 20 decline one */
    for (int i = 0; i < 40; i++) {
        bool extra = i < 25;
        if (extra) {
            snprintf(ref, sizeof ref, "%s-x%03d", offer, i);
            add(db, "{\"ref\": \"%s\", \"offer\": \"%s\", \"kind\": \"family\", \"status\": "
                    "\"waiting\"}", ref, offer);
        } else {
            snprintf(ref, sizeof ref, "%s-a%03u", offer, rnd(ASKERS));
        }
        for (int tries = 0; tries < 20; tries++) {
            char *id = NULL;
            snprintf(other, sizeof other, "%s-s%03u", offer, rnd(SUPPORTERS));
            if (itav_match_propose(&id, db, ref, other, D("2021-07-01"), ITAV_ACTOR_COORDINATOR,
                                   NULL, NULL) != ITAV_OK)
                continue;
            if (!extra || rnd(3) == 0)
                decline(db, id, "2021-07-02");
            free(id);
            break;
        }
    }
}

/* How many of the asking participants to compare with brute force: all, or the first 3 when
 * ITAV_TEST_QUICK is set (.ci/valgrind, where comparing all takes many minutes). */
static int askers_compared(void)
{
    const char *quick = getenv("ITAV_TEST_QUICK");
    return quick && *quick && strcmp(quick, "0") ? 3 : ASKERS;
}

static void suggestions_equal_brute_force(int which, bool plan_limit, double options_limit)
{
    itav_db *db = open_store(which);
    itav_plan *plan = plan_of(plan_limit ? 10000 : ITAV_PLAN_UNSET, 1, 60, ITAV_PLAN_UNSET,
                              ITAV_PLAN_UNSET);
    offer_with(db, "near", plan);
    itav_plan_free(plan);
    population(db, "near", 0x5eed + (uint64_t)plan_limit);
    itav_match_options o = options_as_of("2021-08-01");
    o.max_distance_m = options_limit;
    static scored want[SUPPORTERS];
    size_t total = 0;
    int askers = askers_compared();
    for (int i = 0; i < askers; i++) {
        char ref[80];
        snprintf(ref, sizeof ref, "near-a%03d", i);
        size_t n = brute_suggest(want, db, ref, "near", &o);
        total += n;
        compare_suggestions(db, ref, want, n, 1, &o);
        compare_suggestions(db, ref, want, n, 10, &o);
        compare_suggestions(db, ref, want, n, 1000, &o);
    }
    ck_assert_uint_gt(total, (size_t)askers * 10); /* the test is not trivially empty */
    close_store(db);
}

START_TEST(suggestions_with_plan_limit)
{
    suggestions_equal_brute_force(_i, true, 0);
}
END_TEST

START_TEST(suggestions_without_limit)
{
    suggestions_equal_brute_force(_i, false, 0);
}
END_TEST

START_TEST(suggestions_with_options_limit)
{
    suggestions_equal_brute_force(STORE_MEMORY, false, 6000);
    suggestions_equal_brute_force(STORE_MEMORY, true, 25000); /* the plan's limit is tighter */
}
END_TEST

/* Ties on score are broken by reference; a limit 30 cells away still works. */
START_TEST(suggestions_ties_and_wide_limit)
{
    itav_db *db = open_store(STORE_MEMORY);
    itav_plan *plan = plan_of(60000, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET,
                              1L << ITAV_CRITERION_NEEDS);
    offer_with(db, "o", plan);
    itav_plan_free(plan);
    add(db, "{\"ref\": \"a\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"waiting\", "
            "\"support\": [\"homework\"], \"location\": {\"lat\": 52.38, \"lon\": 4.64}}");
    const char *refs[] = {"z9", "b2", "m5", "a1", "far"};
    const double lats[] = {52.38, 52.5, 52.8, 52.2, 54.0}; /* far: 180 km */
    for (int i = 0; i < 5; i++)
        add(db, "{\"ref\": \"%s\", \"offer\": \"o\", \"kind\": \"buddy\", \"status\": "
                "\"available\", \"support\": [\"homework\"], \"location\": {\"lat\": %f, "
                "\"lon\": 4.64}}", refs[i], lats[i]);
    add(db, "{\"ref\": \"c3\", \"offer\": \"o\", \"kind\": \"buddy\", \"status\": "
            "\"available\", \"support\": [\"homework\"]}"); /* no coordinates */
    itav_suggestion_iter *it;
    itav_suggestion *s;
    ck_assert_int_eq(itav_match_suggest(&it, db, "a", 10, NULL), ITAV_OK);
    const char *order[] = {"a1", "b2", "c3", "m5", "z9"};
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(itav_suggestion_iter_next(&s, it), ITAV_OK);
        ck_assert_str_eq(itav_suggestion_supporting(s), order[i]);
        ck_assert(itav_suggestion_score(s) == 1);
        itav_suggestion_free(s);
    }
    ck_assert_int_eq(itav_suggestion_iter_next(&s, it), ITAV_ITEROVER);
    ck_assert_int_eq(itav_suggestion_iter_next(NULL, it), ITAV_EINVAL);
    itav_suggestion_iter_free(it);
    itav_suggestion_iter_free(NULL);
    /* an iterator freed before the end frees the rest */
    ck_assert_int_eq(itav_match_suggest(&it, db, "a", 3, NULL), ITAV_OK);
    itav_suggestion_iter_free(it);
    close_store(db);
}
END_TEST

/* Around the antimeridian, a pole and the origin the cells wrap, shrink or change sign:
 * the spatial search must still find everyone within the limit (here 10 km). */
START_TEST(suggestions_at_the_edges_of_the_map)
{
    static const double places[][2] = {{52.0, 179.995}, {89.99, 10.0}, {0.001, -0.001},
                                       {-33.9, 18.4}, {-89.99, -170.0}};
    itav_db *db = open_store(STORE_MEMORY);
    itav_plan *plan = plan_of(10000, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET,
                              ITAV_PLAN_UNSET);
    offer_with(db, "o", plan);
    itav_plan_free(plan);
    rng = 77;
    int n = 0;
    for (int p = 0; p < 5; p++) {
        for (int i = 0; i < 40; i++) {
            /* up to about 12 km away in latitude, in longitude as far as the place allows */
            double lat = places[p][0] + (unit() - 0.5) * 0.22;
            double lon = places[p][1] + (unit() - 0.5) * (fabs(places[p][0]) > 89 ? 300 : 0.3);
            lat = lat > 90 ? 180 - lat : lat < -90 ? -180 - lat : lat;
            lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
            add(db, "{\"ref\": \"s%03d\", \"offer\": \"o\", \"kind\": \"buddy\", "
                    "\"status\": \"available\", \"location\": {\"lat\": %.6f, \"lon\": %.6f}, "
                    "\"support\": [\"homework\"%s]}", n++, lat, lon, rnd(2) ? ", \"sleepover\"" : "");
        }
        add(db, "{\"ref\": \"a%d\", \"offer\": \"o\", \"kind\": \"family\", \"status\": "
                "\"waiting\", \"location\": {\"lat\": %f, \"lon\": %f}, \"support\": "
                "[\"homework\", \"sleepover\"]}", p, places[p][0], places[p][1]);
    }
    static scored want[SUPPORTERS];
    itav_match_options o = options_as_of("2021-08-01");
    for (int p = 0; p < 5; p++) {
        char ref[8];
        snprintf(ref, sizeof ref, "a%d", p);
        size_t found = brute_suggest(want, db, ref, "o", &o);
        ck_assert_msg(found >= 10, "%s: only %zu within reach", ref, found);
        compare_suggestions(db, ref, want, found, 1000, &o);
        compare_suggestions(db, ref, want, found, 3, &o);
    }
    close_store(db);
}
END_TEST

START_TEST(suggest_errors)
{
    itav_db *db = open_store(STORE_MEMORY);
    offer_with(db, "o", NULL);
    add(db, "{\"ref\": \"a\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"waiting\"}");
    add(db, "{\"ref\": \"s\", \"offer\": \"o\", \"kind\": \"volunteer\", \"status\": "
            "\"available\"}");
    itav_suggestion_iter *it = NULL;
    ck_assert_int_eq(itav_match_suggest(&it, db, "a", 0, NULL), ITAV_EINVAL);
    assert_msg(db, "k must be 1 to 1000");
    ck_assert_int_eq(itav_match_suggest(&it, db, "a", 1001, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_match_suggest(&it, db, "s", 5, NULL), ITAV_EINVAL);
    assert_msg(db, "\"s\" is on the supporting side");
    ck_assert_int_eq(itav_match_suggest(&it, db, "nobody", 5, NULL), ITAV_ENOTFOUND);
    assert_msg(db, "nobody");
    ck_assert_int_eq(itav_match_suggest(NULL, db, "a", 5, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_match_suggest(&it, NULL, "a", 5, NULL), ITAV_EINVAL);
    ck_assert_ptr_null(it);
    close_store(db);
}
END_TEST

/* ---- assignment against exhaustive search ---- */

#define MAXA 5
#define MAXS 4

typedef struct problem {
    int na, ns;
    char asking[MAXA][16], supporting[MAXS][16]; /* waiting order; reference order */
    int room[MAXS];
    long long points[MAXA][MAXS]; /* -1: no edge */
    double score[MAXA][MAXS];
} problem;

typedef struct search_state {
    const problem *pb;
    int cur[MAXA], best[MAXA], used[MAXS];
    long long best_total;
    bool found;
} search_state;

/* The documented rule: highest total; then, in waiting order, higher points, lower
 * supporter reference, unmatched last. */
static int rule_cmp(const problem *pb, int a, int x, int y)
{
    if (x == y)
        return 0;
    if (x < 0 || y < 0)
        return x < 0 ? 1 : -1;
    if (pb->points[a][x] != pb->points[a][y])
        return pb->points[a][x] > pb->points[a][y] ? -1 : 1;
    return x < y ? -1 : 1;
}

static void exhaust(search_state *st, int a, long long total)
{
    const problem *pb = st->pb;
    if (a == pb->na) {
        bool better = !st->found || total > st->best_total;
        for (int i = 0; !better && total == st->best_total && i < pb->na; i++) {
            int c = rule_cmp(pb, i, st->cur[i], st->best[i]);
            if (c)
                better = c < 0;
            if (c)
                break;
        }
        if (better) {
            st->found = true;
            st->best_total = total;
            memcpy(st->best, st->cur, sizeof st->best);
        }
        return;
    }
    st->cur[a] = -1;
    exhaust(st, a + 1, total);
    for (int s = 0; s < pb->ns; s++) {
        if (pb->points[a][s] < 0 || st->used[s] >= pb->room[s])
            continue;
        st->used[s]++;
        st->cur[a] = s;
        exhaust(st, a + 1, total + pb->points[a][s]);
        st->used[s]--;
    }
}

typedef struct person {
    char ref[16];
    int32_t registered;
    int capacity;
} person;

static int by_waiting(const void *x, const void *y)
{
    const person *a = x, *b = y;
    if (a->registered != b->registered) {
        if (a->registered == ITAV_DATE_NONE || b->registered == ITAV_DATE_NONE)
            return a->registered == ITAV_DATE_NONE ? 1 : -1;
        return a->registered < b->registered ? -1 : 1;
    }
    return strcmp(a->ref, b->ref);
}

static int list_people(person *out, itav_db *db, itav_side side, itav_participant_status st)
{
    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it;
    itav_participant *p;
    int n = 0;
    f.offer = "t";
    f.side = side;
    f.status = st;
    ck_assert_int_eq(itav_participant_list(&it, db, &f), ITAV_OK);
    while (itav_participant_iter_next(&p, it) == ITAV_OK) {
        snprintf(out[n].ref, sizeof out[n].ref, "%s", itav_participant_ref(p));
        out[n].registered = itav_participant_registered(p);
        out[n++].capacity = itav_participant_capacity(p);
        itav_participant_free(p);
    }
    itav_participant_iter_free(it);
    return n;
}

static int open_matches(itav_db *db, const char *ref)
{
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it;
    itav_match *m;
    int n = 0;
    f.participant = ref;
    f.open_only = 1;
    ck_assert_int_eq(itav_match_list(&it, db, &f), ITAV_OK);
    while (itav_match_iter_next(&m, it) == ITAV_OK) {
        n++;
        itav_match_free(m);
    }
    itav_match_iter_free(it);
    return n;
}

/* The problem as the documentation defines it, from public calls only. */
static void build_problem(problem *pb, itav_db *db, const itav_match_options *o)
{
    person asking[16], supporting[16];
    memset(pb, 0, sizeof *pb);
    pb->na = list_people(asking, db, ITAV_SIDE_ASKING, ITAV_PSTATUS_WAITING);
    int ns = list_people(supporting, db, ITAV_SIDE_SUPPORTING, 0); /* by reference */
    qsort(asking, (size_t)pb->na, sizeof *asking, by_waiting);
    for (int a = 0; a < pb->na; a++)
        strcpy(pb->asking[a], asking[a].ref);
    for (int s = 0; s < ns; s++) {
        strcpy(pb->supporting[s], supporting[s].ref);
        pb->room[s] = supporting[s].capacity - open_matches(db, supporting[s].ref);
    }
    pb->ns = ns;
    for (int a = 0; a < pb->na; a++)
        for (int s = 0; s < ns; s++) {
            itav_suggestion *sg = score(db, pb->asking[a], pb->supporting[s], o);
            double sc = itav_suggestion_score(sg);
            bool edge = itav_suggestion_excluded(sg) == ITAV_CONSTRAINT_NONE &&
                        sc >= o->min_score;
            pb->points[a][s] = edge ? llround(sc * 1e6) : -1;
            pb->score[a][s] = sc;
            itav_suggestion_free(sg);
        }
}

/* A small random offer "t" with ties everywhere: few distinct values, shared dates. */
static void small_offer(itav_db *db)
{
    static const char *const postcodes[] = {"2011", "2012"};
    static const char *const dates[] = {"2020-01-01", "2020-06-01"};
    itav_plan *plan = plan_of(10000, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET, ITAV_PLAN_UNSET,
                              ITAV_PLAN_UNSET);
    offer_with(db, "t", plan);
    itav_plan_free(plan);
    int na = 1 + (int)rnd(MAXA), ns = 1 + (int)rnd(MAXS);
    for (int i = 0; i < ns + na; i++) {
        bool asking = i >= ns;
        sb b = {.n = 0};
        put(&b, "{\"ref\": \"%c%d\", \"offer\": \"t\", \"kind\": \"%s\", \"status\": \"%s\"",
            asking ? 'a' : 's', rnd(90) + 10, asking ? "family" : "volunteer",
            asking ? "waiting" : "available");
        if (rnd(4))
            put(&b, ", \"registered\": \"%s\"", dates[rnd(2)]);
        if (rnd(5))
            put(&b, ", \"postcode\": \"%s\"", postcodes[rnd(2)]);
        put_bits(&b, "availability", ITAV_CODE_SLOT, 1 + rnd(3), 2);
        put_bits(&b, "support", ITAV_CODE_SUPPORT, 1 + rnd(3), 2);
        if (!asking)
            put(&b, ", \"capacity\": %u", 1 + rnd(2));
        if (rnd(10) == 0)
            put(&b, ", \"exclusions\": [\"%c%u\"]", asking ? 's' : 'a', rnd(90) + 10);
        if (rnd(10) == 0 && !asking)
            put(&b, ", \"location\": {\"lat\": 52.5, \"lon\": 4.6}");
        else if (rnd(10) == 0)
            put(&b, ", \"location\": {\"lat\": 52.4, \"lon\": 4.6}");
        put(&b, "}");
        itav_participant *p;
        ck_assert_int_eq(itav_participant_from_json(&p, db, b.buf), ITAV_OK);
        if (itav_participant_create(db, p) != ITAV_OK) /* a reference drawn twice */
            ck_assert_int_eq(itav_errcode(db), ITAV_EEXISTS);
        itav_participant_free(p);
    }
    /* history: a taken place, a declined pair */
    person sup[16], ask[16];
    int ks = list_people(sup, db, ITAV_SIDE_SUPPORTING, 0);
    int ka = list_people(ask, db, ITAV_SIDE_ASKING, 0);
    if (rnd(3) == 0) {
        add(db, "{\"ref\": \"h\", \"offer\": \"t\", \"kind\": \"family\", \"status\": "
                "\"waiting\"}");
        char *id = NULL;
        if (itav_match_propose(&id, db, "h", sup[rnd((unsigned)ks)].ref, D("2021-01-01"),
                               ITAV_ACTOR_COORDINATOR, NULL, NULL) == ITAV_OK)
            free(id);
    }
    if (rnd(3) == 0) {
        char *id = NULL;
        if (itav_match_propose(&id, db, ask[rnd((unsigned)ka)].ref, sup[rnd((unsigned)ks)].ref,
                               D("2021-01-01"), ITAV_ACTOR_COORDINATOR, NULL, NULL) == ITAV_OK) {
            decline(db, id, "2021-01-02");
            free(id);
        }
    }
}

static void check_assignment(itav_db *db, const problem *pb, const int *want,
                             const itav_assignment *as)
{
    size_t pairs = 0, unmatched = 0;
    double total = 0;
    for (int a = 0; a < pb->na; a++) {
        if (want[a] < 0) {
            const char *u = itav_assignment_unmatched(as, unmatched++);
            ck_assert_msg(u && !strcmp(u, pb->asking[a]), "unmatched %s, expected %s",
                          u ? u : "(none)", pb->asking[a]);
            continue;
        }
        const itav_suggestion *s = itav_assignment_pair(as, pairs++);
        ck_assert_ptr_nonnull(s);
        ck_assert_msg(!strcmp(itav_suggestion_asking(s), pb->asking[a]) &&
                          !strcmp(itav_suggestion_supporting(s), pb->supporting[want[a]]),
                      "pair %s-%s, expected %s-%s", itav_suggestion_asking(s),
                      itav_suggestion_supporting(s), pb->asking[a], pb->supporting[want[a]]);
        ck_assert(itav_suggestion_score(s) == pb->score[a][want[a]]);
        total += pb->score[a][want[a]];
    }
    ck_assert_uint_eq(itav_assignment_count(as), pairs);
    ck_assert_uint_eq(itav_assignment_unmatched_count(as), unmatched);
    ck_assert_ptr_null(itav_assignment_pair(as, pairs));
    ck_assert_ptr_null(itav_assignment_unmatched(as, unmatched));
    ck_assert(fabs(itav_assignment_total(as) - total) < 1e-9);
    (void)db;
}

START_TEST(assignment_equals_exhaustive_search)
{
    static const double min_scores[] = {0, 0.3, 0.5, 0.8};
    int matched = 0, unmatched = 0;
    rng = 0xa551;
    for (int round = 0; round < 150; round++) {
        itav_db *db = open_store(STORE_MEMORY);
        small_offer(db);
        itav_match_options o = options_as_of("2021-03-01");
        o.min_score = min_scores[rnd(4)];
        problem pb;
        build_problem(&pb, db, &o);
        search_state st;
        memset(&st, 0, sizeof st);
        st.pb = &pb;
        exhaust(&st, 0, 0);
        itav_assignment *as = NULL;
        int rc = itav_match_assign(&as, db, "t", &o, ITAV_ASSIGN_DRY_RUN, D("2021-03-01"));
        ck_assert_msg(rc == ITAV_OK, "%s", itav_errmsg(db));
        check_assignment(db, &pb, st.best, as);
        ck_assert_ptr_null(itav_assignment_match_id(as, 0));
        matched += (int)itav_assignment_count(as);
        unmatched += (int)itav_assignment_unmatched_count(as);
        itav_assignment_free(as);
        close_store(db);
    }
    ck_assert_int_gt(matched, 150);
    ck_assert_int_gt(unmatched, 20);
}
END_TEST

/* Participants and matches as text, to see that nothing changed. */
static char *snapshot(itav_db *db)
{
    char *buf = NULL, *text;
    size_t size;
    FILE *f = open_memstream(&buf, &size);
    itav_participant_iter *pit;
    itav_participant *p;
    itav_match_iter *mit;
    itav_match *m;
    ck_assert_int_eq(itav_participant_list(&pit, db, NULL), ITAV_OK);
    while (itav_participant_iter_next(&p, pit) == ITAV_OK) {
        ck_assert_int_eq(itav_participant_to_json(&text, p), ITAV_OK);
        fputs(text, f);
        itav_free(text);
        itav_participant_free(p);
    }
    itav_participant_iter_free(pit);
    ck_assert_int_eq(itav_match_list(&mit, db, NULL), ITAV_OK);
    while (itav_match_iter_next(&m, mit) == ITAV_OK) {
        ck_assert_int_eq(itav_match_to_json(&text, m), ITAV_OK);
        fputs(text, f);
        itav_free(text);
        itav_match_free(m);
    }
    itav_match_iter_free(mit);
    fclose(f);
    return buf;
}

/* Six families, three supporters (one takes two): a dry run, a write, and a second run. */
static void waiting_list(itav_db *db)
{
    offer_with(db, "w", NULL);
    const char *fam = "{\"ref\": \"%s\", \"offer\": \"w\", \"kind\": \"family\", \"status\": "
                      "\"waiting\", \"registered\": \"%s\", \"postcode\": \"%s\", "
                      "\"support\": [\"homework\"%s]}";
    add(db, fam, "f1", "2020-01-01", "2011", "");
    add(db, fam, "f2", "2020-02-01", "2012", ", \"sleepover\"");
    add(db, fam, "f3", "2020-03-01", "2011", "");
    add(db, fam, "f4", "2020-04-01", "2013", ", \"sleepover\"");
    add(db, fam, "f5", "2020-05-01", "2012", "");
    add(db, fam, "f6", "2020-06-01", "2011", ", \"daytime_care\"");
    const char *sup = "{\"ref\": \"%s\", \"offer\": \"w\", \"kind\": \"support_family\", "
                      "\"status\": \"available\", \"registered\": \"2020-01-01\", "
                      "\"postcode\": \"%s\", \"support\": [\"homework\"%s], \"capacity\": %d}";
    add(db, sup, "s1", "2011", "", 2);
    add(db, sup, "s2", "2012", ", \"sleepover\"", 1);
    add(db, sup, "s3", "2013", ", \"daytime_care\"", 1);
}

static int write_waiting_list(itav_db *db)
{
    itav_assignment *as = NULL;
    int rc = itav_match_assign(&as, db, "w", NULL, ITAV_ASSIGN_WRITE, D("2021-03-01"));
    itav_assignment_free(as);
    return rc;
}

START_TEST(assignment_writes_proposals)
{
    itav_db *db = open_store(_i);
    waiting_list(db);
    char *before = snapshot(db);
    itav_assignment *dry = NULL, *as = NULL;
    ck_assert_int_eq(itav_match_assign(&dry, db, "w", NULL, ITAV_ASSIGN_DRY_RUN, D("2021-03-01")),
                     ITAV_OK);
    char *after = snapshot(db);
    ck_assert_str_eq(before, after); /* a dry run writes nothing */
    free(before);
    free(after);
    ck_assert_uint_eq(itav_assignment_count(dry), 4);
    ck_assert_uint_eq(itav_assignment_unmatched_count(dry), 2);

    ck_assert_int_eq(itav_match_assign(&as, db, "w", NULL, ITAV_ASSIGN_WRITE, D("2021-03-01")),
                     ITAV_OK);
    ck_assert_uint_eq(itav_assignment_count(as), itav_assignment_count(dry));
    ck_assert(itav_assignment_total(as) == itav_assignment_total(dry));
    for (size_t i = 0; i < itav_assignment_count(as); i++) {
        const itav_suggestion *p = itav_assignment_pair(as, i), *q = itav_assignment_pair(dry, i);
        ck_assert_str_eq(itav_suggestion_asking(p), itav_suggestion_asking(q));
        ck_assert_str_eq(itav_suggestion_supporting(p), itav_suggestion_supporting(q));
        const char *id = itav_assignment_match_id(as, i);
        ck_assert_ptr_nonnull(id);
        itav_match *m;
        ck_assert_int_eq(itav_match_get(&m, db, id), ITAV_OK);
        ck_assert_int_eq(itav_match_get_state(m), ITAV_MATCH_PROPOSED);
        ck_assert_str_eq(itav_match_asking(m), itav_suggestion_asking(p));
        ck_assert_str_eq(itav_match_supporting(m), itav_suggestion_supporting(p));
        ck_assert(fabs(itav_match_score(m) - itav_suggestion_score(p)) < 1e-6);
        itav_actor actor;
        int32_t date;
        const char *note;
        ck_assert_int_eq(itav_match_transition(m, 0, NULL, &date, &actor, &note), ITAV_OK);
        ck_assert_int_eq(actor, ITAV_ACTOR_SYSTEM);
        ck_assert_int_eq(date, D("2021-03-01"));
        ck_assert_ptr_null(note);
        itav_match_free(m);
    }
    ck_assert_ptr_null(itav_assignment_match_id(as, itav_assignment_count(as)));
    /* the proposals are all there is */
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it;
    itav_match *m;
    size_t listed = 0;
    f.offer = "w";
    f.state = ITAV_MATCH_PROPOSED;
    ck_assert_int_eq(itav_match_list(&it, db, &f), ITAV_OK);
    while (itav_match_iter_next(&m, it) == ITAV_OK) {
        listed++;
        itav_match_free(m);
    }
    itav_match_iter_free(it);
    ck_assert_uint_eq(listed, itav_assignment_count(as));

    /* a second run: the matched families are out of the pool, the full supporters too */
    itav_assignment *again = NULL;
    ck_assert_int_eq(itav_match_assign(&again, db, "w", NULL, ITAV_ASSIGN_DRY_RUN,
                                       D("2021-03-02")),
                     ITAV_OK);
    ck_assert_uint_eq(itav_assignment_count(again), 0);
    ck_assert_uint_eq(itav_assignment_unmatched_count(again), itav_assignment_unmatched_count(as));
    for (size_t i = 0; i < itav_assignment_unmatched_count(as); i++)
        ck_assert_str_eq(itav_assignment_unmatched(again, i), itav_assignment_unmatched(as, i));
    itav_assignment_free(again);
    itav_assignment_free(dry);
    itav_assignment_free(as);
    close_store(db);
}
END_TEST

/* A write that fails half-way leaves the store as it was. */
START_TEST(assignment_all_or_nothing)
{
    for (int writes = 0;; writes++) {
        itav_backend *be = test_backend_new();
        itav_db *db;
        ck_assert_int_eq(itav_open_backend(&db, be), ITAV_OK);
        waiting_list(db);
        char *before = snapshot(db);
        test_backend_fail_after(be, writes);
        int rc = write_waiting_list(db);
        test_backend_fail_after(be, -1);
        char *after = snapshot(db);
        if (rc == ITAV_OK) {
            ck_assert_str_ne(before, after);
            ck_assert_int_gt(writes, 4);
        } else {
            ck_assert_int_eq(rc, ITAV_EIO);
            ck_assert_str_eq(before, after);
        }
        free(before);
        free(after);
        itav_close(db);
        if (rc == ITAV_OK)
            break;
        ck_assert_int_lt(writes, 200);
    }
}
END_TEST

START_TEST(assignment_errors)
{
    itav_db *db = open_store(STORE_MEMORY);
    waiting_list(db);
    itav_assignment *as = NULL;
    ck_assert_int_eq(itav_match_assign(&as, db, "nowhere", NULL, ITAV_ASSIGN_DRY_RUN,
                                       D("2021-03-01")),
                     ITAV_ENOTFOUND);
    assert_msg(db, "nowhere");
    ck_assert_int_eq(itav_match_assign(&as, db, "w", NULL, 7, D("2021-03-01")), ITAV_EINVAL);
    assert_msg(db, "flags");
    ck_assert_int_eq(itav_match_assign(&as, db, "w", NULL, 0, ITAV_DATE_NONE), ITAV_EINVAL);
    assert_msg(db, "date");
    /* proposals may not go back before a participant's last status change */
    ck_assert_int_eq(itav_match_assign(&as, db, "w", NULL, ITAV_ASSIGN_WRITE, D("2019-01-01")),
                     ITAV_EINVAL);
    assert_msg(db, "before the status date");
    ck_assert_int_eq(itav_match_assign(NULL, db, "w", NULL, 0, D("2021-03-01")), ITAV_EINVAL);
    ck_assert_int_eq(itav_match_assign(&as, db, NULL, NULL, 0, D("2021-03-01")), ITAV_EINVAL);
    ck_assert_int_eq(itav_match_assign(&as, NULL, "w", NULL, 0, D("2021-03-01")), ITAV_EINVAL);
    ck_assert_ptr_null(as);
    /* getters on NULL */
    ck_assert_uint_eq(itav_assignment_count(NULL), 0);
    ck_assert_uint_eq(itav_assignment_unmatched_count(NULL), 0);
    ck_assert_ptr_null(itav_assignment_pair(NULL, 0));
    ck_assert_ptr_null(itav_assignment_unmatched(NULL, 0));
    ck_assert_ptr_null(itav_assignment_match_id(NULL, 0));
    ck_assert(itav_assignment_total(NULL) == 0);
    itav_assignment_free(NULL);
    /* an offer with nobody waiting */
    offer_with(db, "empty", NULL);
    ck_assert_int_eq(itav_match_assign(&as, db, "empty", NULL, ITAV_ASSIGN_WRITE,
                                       D("2021-03-01")),
                     ITAV_OK);
    ck_assert_uint_eq(itav_assignment_count(as) + itav_assignment_unmatched_count(as), 0);
    itav_assignment_free(as);
    close_store(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("matching");
    TCase *tc = tcase_create("scoring");
    tcase_add_test(tc, options_defaults);
    tcase_add_test(tc, invalid_options);
    tcase_add_loop_test(tc, breakdown_by_hand, 0, STORE_COUNT);
    tcase_add_test(tc, breakdown_without_data);
    tcase_add_test(tc, plan_criteria_and_scale);
    tcase_add_loop_test(tc, every_constraint, 0, STORE_COUNT);
    tcase_add_test(tc, score_pair_errors);
    suite_add_tcase(s, tc);

    TCase *ts = tcase_create("suggestions");
    tcase_set_timeout(ts, 240);
    tcase_add_loop_test(ts, suggestions_with_plan_limit, STORE_MEMORY, STORE_SQLITE + 1);
    tcase_add_loop_test(ts, suggestions_without_limit, STORE_MEMORY, STORE_SQLITE + 1);
    if (STORE_COUNT > STORE_POSTGRES) { /* places in a GiST index (testutil.h) */
        tcase_add_loop_test(ts, suggestions_with_plan_limit, STORE_POSTGRES, STORE_POSTGRES + 1);
        tcase_add_loop_test(ts, suggestions_without_limit, STORE_POSTGRES, STORE_POSTGRES + 1);
    }
    tcase_add_test(ts, suggestions_with_options_limit);
    tcase_add_test(ts, suggestions_ties_and_wide_limit);
    tcase_add_test(ts, suggestions_at_the_edges_of_the_map);
    tcase_add_test(ts, suggest_errors);
    suite_add_tcase(s, ts);

    TCase *ta = tcase_create("assignment");
    tcase_set_timeout(ta, 240);
    tcase_add_test(ta, assignment_equals_exhaustive_search);
    tcase_add_loop_test(ta, assignment_writes_proposals, 0, STORE_COUNT);
    tcase_add_test(ta, assignment_all_or_nothing);
    tcase_add_test(ta, assignment_errors);
    suite_add_tcase(s, ta);
    return run_suite(s);
}
