/* Match plans: the object, plans on interventions and offers, their JSON, the plan that
 * holds for an offer in every store, and the plans of the built-in catalogue. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CRIT(c) (1L << (c))

static itav_plan *new_plan(void)
{
    itav_plan *p;
    ck_assert_int_eq(itav_plan_new(&p), ITAV_OK);
    return p;
}

static void set(itav_plan *p, itav_plan_field f, long value, const char *ref)
{
    ck_assert_int_eq(itav_plan_set(p, f, value), ITAV_OK);
    ck_assert_int_eq(itav_plan_set_source(p, f, ref), ITAV_OK);
}

/* The Buurtgezinnen plan as the seeds give it. */
static itav_plan *buurtgezinnen_plan(void)
{
    itav_plan *p = new_plan();
    set(p, ITAV_PLAN_TRIAL, 1, "002:L77");
    set(p, ITAV_PLAN_TRIAL_MONTHS, 2, "002:L77");
    set(p, ITAV_PLAN_REVIEW_MONTHS, 6, "002:L77");
    set(p, ITAV_PLAN_MAX_MONTHS, 24, "002:L79");
    set(p, ITAV_PLAN_MAX_DISTANCE_M, 10000, "001:L444");
    set(p, ITAV_PLAN_VOG, 1, "002:L65");
    return p;
}

/* Asserts that two plans (either may be NULL) hold the same values and sources. */
static void assert_same_plan(const itav_plan *a, const itav_plan *b)
{
    ck_assert_int_eq(a == NULL, b == NULL);
    for (int f = 1; f <= ITAV_PLAN_FIELD_COUNT; f++) {
        const char *sa = itav_plan_source(a, (itav_plan_field)f);
        const char *sb = itav_plan_source(b, (itav_plan_field)f);
        ck_assert_msg(itav_plan_get(a, (itav_plan_field)f) == itav_plan_get(b, (itav_plan_field)f),
                      "field %d: %ld vs %ld", f, itav_plan_get(a, (itav_plan_field)f),
                      itav_plan_get(b, (itav_plan_field)f));
        ck_assert_msg((sa == NULL) == (sb == NULL) && (!sa || strcmp(sa, sb) == 0),
                      "field %d: source %s vs %s", f, sa ? sa : "(none)", sb ? sb : "(none)");
    }
}

/* ---- the object ---- */

START_TEST(new_plan_is_unset)
{
    itav_plan *p = new_plan();
    for (int f = 1; f <= ITAV_PLAN_FIELD_COUNT; f++) {
        ck_assert_int_eq(itav_plan_get(p, (itav_plan_field)f), ITAV_PLAN_UNSET);
        ck_assert_ptr_null(itav_plan_source(p, (itav_plan_field)f));
    }
    ck_assert_int_eq(itav_plan_get(NULL, ITAV_PLAN_TRIAL), ITAV_PLAN_UNSET);
    ck_assert_int_eq(itav_plan_get(p, (itav_plan_field)0), ITAV_PLAN_UNSET);
    ck_assert_int_eq(itav_plan_get(p, (itav_plan_field)(ITAV_PLAN_FIELD_COUNT + 1)),
                     ITAV_PLAN_UNSET);
    ck_assert_ptr_null(itav_plan_source(NULL, ITAV_PLAN_TRIAL));
    ck_assert_int_eq(itav_plan_new(NULL), ITAV_EINVAL);
    itav_plan_free(p);
    itav_plan_free(NULL);
}
END_TEST

/* The documented range of every field: lo and hi are allowed, one beyond is not. */
static const struct { itav_plan_field field; long lo, hi; } ranges[] = {
    {ITAV_PLAN_TRIAL, 0, 1},
    {ITAV_PLAN_TRIAL_MONTHS, 1, 1200},
    {ITAV_PLAN_REVIEW_MONTHS, 1, 1200},
    {ITAV_PLAN_MAX_MONTHS, 1, 1200},
    {ITAV_PLAN_MAX_DISTANCE_M, 1, 20000000},
    {ITAV_PLAN_VOG, 0, 1},
    {ITAV_PLAN_VOG_VALID_MONTHS, 0, 1200},
    {ITAV_PLAN_TRAINING, 0, 1},
};

START_TEST(values_are_checked)
{
    itav_plan *p = new_plan();
    for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++) {
        itav_plan_field f = ranges[i].field;
        ck_assert_int_eq(itav_plan_set(p, f, ranges[i].lo), ITAV_OK);
        ck_assert_int_eq(itav_plan_get(p, f), ranges[i].lo);
        ck_assert_int_eq(itav_plan_set(p, f, ranges[i].hi), ITAV_OK);
        ck_assert_int_eq(itav_plan_get(p, f), ranges[i].hi);
        /* refused values leave the field as it was */
        if (ranges[i].lo - 1 != ITAV_PLAN_UNSET)
            ck_assert_int_eq(itav_plan_set(p, f, ranges[i].lo - 1), ITAV_EINVAL);
        ck_assert_int_eq(itav_plan_set(p, f, ranges[i].hi + 1), ITAV_EINVAL);
        ck_assert_int_eq(itav_plan_set(p, f, -2), ITAV_EINVAL);
        ck_assert_int_eq(itav_plan_get(p, f), ranges[i].hi);
        ck_assert_int_eq(itav_plan_set(p, f, ITAV_PLAN_UNSET), ITAV_OK);
        ck_assert_int_eq(itav_plan_get(p, f), ITAV_PLAN_UNSET);
    }
    /* criteria: a non-empty set of the bits 1 << c for c = 1..7 */
    long all = 0;
    for (int c = 1; c <= ITAV_CRITERION_COUNT; c++) {
        ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_CRITERIA, CRIT(c)), ITAV_OK);
        all |= CRIT(c);
    }
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_CRITERIA, all), ITAV_OK);
    ck_assert_int_eq(itav_plan_get(p, ITAV_PLAN_CRITERIA), all);
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_CRITERIA, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_CRITERIA, 1), ITAV_EINVAL); /* bit 0: none */
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_CRITERIA, CRIT(ITAV_CRITERION_COUNT + 1)),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_CRITERIA,
                                   CRIT(ITAV_CRITERION_LANGUAGES) | CRIT(8)),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_get(p, ITAV_PLAN_CRITERIA), all);
    /* unknown fields and no plan */
    ck_assert_int_eq(itav_plan_set(p, (itav_plan_field)0, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_set(p, (itav_plan_field)(ITAV_PLAN_FIELD_COUNT + 1), 1),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_set(NULL, ITAV_PLAN_TRIAL, 1), ITAV_EINVAL);
    itav_plan_free(p);
}
END_TEST

START_TEST(sources_cite_values)
{
    itav_plan *p = new_plan();
    /* a field that is not set has nothing to cite */
    ck_assert_int_eq(itav_plan_set_source(p, ITAV_PLAN_MAX_MONTHS, "002:L79"), ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_MAX_MONTHS, 24), ITAV_OK);
    ck_assert_int_eq(itav_plan_set_source(p, ITAV_PLAN_MAX_MONTHS, "002:L79"), ITAV_OK);
    ck_assert_str_eq(itav_plan_source(p, ITAV_PLAN_MAX_MONTHS), "002:L79");
    /* malformed references are refused and keep the old one */
    static const char *const bad[] = {"p. 12", "002", "2:L79", "002:79", "002:L9-3", "002:L"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(itav_plan_set_source(p, ITAV_PLAN_MAX_MONTHS, bad[i]) == ITAV_EINVAL,
                      "%s", bad[i]);
    ck_assert_str_eq(itav_plan_source(p, ITAV_PLAN_MAX_MONTHS), "002:L79");
    ck_assert_int_eq(itav_plan_set_source(p, ITAV_PLAN_MAX_MONTHS, "001:L1590-1593"), ITAV_OK);
    ck_assert_str_eq(itav_plan_source(p, ITAV_PLAN_MAX_MONTHS), "001:L1590-1593");
    /* "" and NULL clear it */
    ck_assert_int_eq(itav_plan_set_source(p, ITAV_PLAN_MAX_MONTHS, ""), ITAV_OK);
    ck_assert_ptr_null(itav_plan_source(p, ITAV_PLAN_MAX_MONTHS));
    ck_assert_int_eq(itav_plan_set_source(p, ITAV_PLAN_MAX_MONTHS, "002:L79"), ITAV_OK);
    ck_assert_int_eq(itav_plan_set_source(p, ITAV_PLAN_MAX_MONTHS, NULL), ITAV_OK);
    ck_assert_ptr_null(itav_plan_source(p, ITAV_PLAN_MAX_MONTHS));
    /* a new value keeps the source; unsetting the value drops it */
    ck_assert_int_eq(itav_plan_set_source(p, ITAV_PLAN_MAX_MONTHS, "002:L79"), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_MAX_MONTHS, 12), ITAV_OK);
    ck_assert_str_eq(itav_plan_source(p, ITAV_PLAN_MAX_MONTHS), "002:L79");
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_MAX_MONTHS, ITAV_PLAN_UNSET), ITAV_OK);
    ck_assert_ptr_null(itav_plan_source(p, ITAV_PLAN_MAX_MONTHS));
    ck_assert_int_eq(itav_plan_set_source(NULL, ITAV_PLAN_TRIAL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_set_source(p, (itav_plan_field)0, NULL), ITAV_EINVAL);
    itav_plan_free(p);
}
END_TEST

START_TEST(dup_is_a_deep_copy)
{
    itav_plan *p = buurtgezinnen_plan(), *c;
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_TRAINING, 0), ITAV_OK); /* false is a value */
    ck_assert_int_eq(itav_plan_dup(&c, p), ITAV_OK);
    assert_same_plan(p, c);
    ck_assert_int_eq(itav_plan_get(c, ITAV_PLAN_TRAINING), 0);
    ck_assert_ptr_ne(itav_plan_source(p, ITAV_PLAN_TRIAL), itav_plan_source(c, ITAV_PLAN_TRIAL));
    /* changing the original does not touch the copy */
    set(p, ITAV_PLAN_TRIAL_MONTHS, 3, "002:L78");
    ck_assert_int_eq(itav_plan_get(c, ITAV_PLAN_TRIAL_MONTHS), 2);
    ck_assert_str_eq(itav_plan_source(c, ITAV_PLAN_TRIAL_MONTHS), "002:L77");
    itav_plan_free(p);
    ck_assert_str_eq(itav_plan_source(c, ITAV_PLAN_VOG), "002:L65");
    ck_assert_int_eq(itav_plan_dup(NULL, c), ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_dup(&p, NULL), ITAV_EINVAL);
    itav_plan_free(c);
}
END_TEST

/* ---- on interventions and offers ---- */

START_TEST(intervention_and_offer_plans)
{
    itav_intervention *iv, *ivc;
    itav_offer *of, *ofc;
    itav_plan *p = buurtgezinnen_plan(), *empty = new_plan();
    ck_assert_int_eq(itav_intervention_new(&iv, "buurtgezinnen"), ITAV_OK);
    ck_assert_int_eq(itav_offer_new(&of, "bg-haarlem", "buurtgezinnen"), ITAV_OK);
    ck_assert_ptr_null(itav_intervention_plan(iv));
    ck_assert_ptr_null(itav_offer_plan(of));

    /* set copies: later changes to p do not reach them */
    ck_assert_int_eq(itav_intervention_set_plan(iv, p), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_plan(of, p), ITAV_OK);
    ck_assert_ptr_ne(itav_intervention_plan(iv), p);
    assert_same_plan(itav_intervention_plan(iv), p);
    assert_same_plan(itav_offer_plan(of), p);
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_MAX_MONTHS, 12), ITAV_OK);
    ck_assert_int_eq(itav_plan_get(itav_intervention_plan(iv), ITAV_PLAN_MAX_MONTHS), 24);
    ck_assert_int_eq(itav_plan_get(itav_offer_plan(of), ITAV_PLAN_MAX_MONTHS), 24);

    /* dup copies the plan; freeing the original leaves the copy whole */
    ck_assert_int_eq(itav_intervention_dup(&ivc, iv), ITAV_OK);
    ck_assert_int_eq(itav_offer_dup(&ofc, of), ITAV_OK);
    ck_assert_ptr_ne(itav_intervention_plan(ivc), itav_intervention_plan(iv));
    ck_assert_ptr_ne(itav_offer_plan(ofc), itav_offer_plan(of));
    assert_same_plan(itav_intervention_plan(ivc), itav_intervention_plan(iv));
    assert_same_plan(itav_offer_plan(ofc), itav_offer_plan(of));

    /* replacing, and removing with NULL or with a plan that sets nothing */
    ck_assert_int_eq(itav_intervention_set_plan(iv, p), ITAV_OK);
    ck_assert_int_eq(itav_plan_get(itav_intervention_plan(iv), ITAV_PLAN_MAX_MONTHS), 12);
    ck_assert_int_eq(itav_intervention_set_plan(iv, NULL), ITAV_OK);
    ck_assert_ptr_null(itav_intervention_plan(iv));
    ck_assert_int_eq(itav_offer_set_plan(of, empty), ITAV_OK);
    ck_assert_ptr_null(itav_offer_plan(of));
    itav_intervention_free(iv);
    itav_offer_free(of);
    ck_assert_int_eq(itav_plan_get(itav_intervention_plan(ivc), ITAV_PLAN_MAX_MONTHS), 24);
    ck_assert_str_eq(itav_plan_source(itav_offer_plan(ofc), ITAV_PLAN_MAX_DISTANCE_M),
                     "001:L444");

    ck_assert_int_eq(itav_intervention_set_plan(NULL, p), ITAV_EINVAL);
    ck_assert_int_eq(itav_offer_set_plan(NULL, p), ITAV_EINVAL);
    ck_assert_ptr_null(itav_intervention_plan(NULL));
    ck_assert_ptr_null(itav_offer_plan(NULL));
    itav_intervention_free(ivc);
    itav_offer_free(ofc);
    itav_plan_free(p);
    itav_plan_free(empty);
}
END_TEST

/* ---- JSON ---- */

START_TEST(json_round_trip)
{
    itav_db *db = open_store(STORE_MEMORY);
    itav_intervention *iv, *back;
    itav_offer *of, *oback;
    itav_plan *p = buurtgezinnen_plan(), *o = new_plan();
    char *json;
    ck_assert_int_eq(itav_plan_set(p, ITAV_PLAN_CRITERIA,
                                   CRIT(ITAV_CRITERION_INTERESTS) |
                                       CRIT(ITAV_CRITERION_LANGUAGES)),
                     ITAV_OK);
    ck_assert_int_eq(itav_intervention_new(&iv, "bg"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "Buurtgezinnen"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_source(iv, "name", "002:L3"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_plan(iv, p), ITAV_OK);
    ck_assert_int_eq(itav_intervention_to_json(&json, iv), ITAV_OK);
    /* canonical: fields in order, flags as booleans, criteria by code in bit order, the
     * plan right before "sources" */
    ck_assert_ptr_nonnull(strstr(json,
        "  \"plan\": {\n"
        "    \"trial\": true,\n"
        "    \"trial_months\": 2,\n"
        "    \"review_months\": 6,\n"
        "    \"max_months\": 24,\n"
        "    \"max_distance_m\": 10000,\n"
        "    \"vog\": true,\n"
        "    \"criteria\": [\n"
        "      \"languages\",\n"
        "      \"interests\"\n"
        "    ],\n"
        "    \"sources\": {\n"
        "      \"trial\": \"002:L77\",\n"
        "      \"trial_months\": \"002:L77\",\n"
        "      \"review_months\": \"002:L77\",\n"
        "      \"max_months\": \"002:L79\",\n"
        "      \"max_distance_m\": \"001:L444\",\n"
        "      \"vog\": \"002:L65\"\n"
        "    }\n"
        "  },\n"
        "  \"sources\": {\n"));
    ck_assert_int_eq(itav_intervention_from_json(&back, db, json), ITAV_OK);
    assert_same_plan(itav_intervention_plan(back), itav_intervention_plan(iv));
    itav_free(json);

    /* an offer: false is a value and survives; no plan means no member */
    ck_assert_int_eq(itav_offer_new(&of, "bg-x", "bg"), ITAV_OK);
    ck_assert_int_eq(itav_offer_to_json(&json, of), ITAV_OK);
    ck_assert_ptr_null(strstr(json, "plan"));
    ck_assert_int_eq(itav_offer_from_json(&oback, db, json), ITAV_OK);
    ck_assert_ptr_null(itav_offer_plan(oback));
    itav_offer_free(oback);
    itav_free(json);
    set(o, ITAV_PLAN_TRIAL, 0, NULL);
    set(o, ITAV_PLAN_VOG_VALID_MONTHS, 0, "000:L12");
    ck_assert_int_eq(itav_offer_set_plan(of, o), ITAV_OK);
    ck_assert_int_eq(itav_offer_to_json(&json, of), ITAV_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"plan\": {\n    \"trial\": false,\n"
                                       "    \"vog_valid_months\": 0,\n"
                                       "    \"sources\": {\n"
                                       "      \"vog_valid_months\": \"000:L12\"\n    }\n  }\n"));
    ck_assert_int_eq(itav_offer_from_json(&oback, db, json), ITAV_OK);
    assert_same_plan(itav_offer_plan(oback), o);
    ck_assert_int_eq(itav_plan_get(itav_offer_plan(oback), ITAV_PLAN_TRIAL), 0);
    itav_offer_free(oback);
    itav_free(json);

    /* an empty plan object is no plan */
    ck_assert_int_eq(itav_offer_from_json(&oback, db,
                                          "{\"id\": \"e\", \"intervention\": \"bg\", "
                                          "\"plan\": {}}"),
                     ITAV_OK);
    ck_assert_ptr_null(itav_offer_plan(oback));
    itav_offer_free(oback);

    /* whole datasets: import, export, import again */
    ck_assert_int_eq(itav_intervention_create(db, iv), ITAV_OK);
    ck_assert_int_eq(itav_offer_create(db, of), ITAV_OK);
    char *first = export_text(db);
    itav_db *db2 = open_store(STORE_MEMORY);
    ck_assert_int_eq(itav_import_json_string(db2, first, "first.json"), ITAV_OK);
    char *second = export_text(db2);
    ck_assert_str_eq(first, second);
    ck_assert_ptr_nonnull(strstr(first, "\"trial\": false"));
    itav_free(first);
    itav_free(second);
    close_store(db2);

    itav_intervention_free(iv);
    itav_intervention_free(back);
    itav_offer_free(of);
    itav_plan_free(p);
    itav_plan_free(o);
    close_store(db);
}
END_TEST

#define IVP(plan) "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": \"A\"}, " \
                  "{\"id\": \"b\", \"name\": \"B\", \"plan\": " plan "}]}"
#define OFP(plan) "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": \"A\"}], " \
                  "\"offers\": [{\"id\": \"o\", \"intervention\": \"a\", \"plan\": " plan "}]}"

/* Each bad plan and the message it must give. */
static const struct { const char *json; const char *message; } bad[] = {
    {IVP("[]"), "$.interventions[1].plan: expected an object, found an array"},
    {IVP("{\"trial\": true, \"proefperiode\": 2}"),
     "$.interventions[1].plan.proefperiode: unknown member \"proefperiode\""},
    {IVP("{\"trial\": 1}"), "$.interventions[1].plan.trial: expected true or false, found an integer"},
    {IVP("{\"vog\": \"yes\"}"), "$.interventions[1].plan.vog: expected true or false, found a string"},
    {IVP("{\"trial_months\": 0}"), "$.interventions[1].plan.trial_months: 0 is out of range (1 to 1200)"},
    {IVP("{\"trial_months\": 2.5}"), "$.interventions[1].plan.trial_months: expected an integer, found a number"},
    {IVP("{\"review_months\": 1201}"), "$.interventions[1].plan.review_months: 1201 is out of range (1 to 1200)"},
    {IVP("{\"max_months\": -1}"), "$.interventions[1].plan.max_months: -1 is out of range (1 to 1200)"},
    {IVP("{\"max_distance_m\": 20000001}"),
     "$.interventions[1].plan.max_distance_m: 20000001 is out of range (1 to 20000000)"},
    {IVP("{\"vog_valid_months\": -1}"), "$.interventions[1].plan.vog_valid_months: -1 is out of range (0 to 1200)"},
    {IVP("{\"criteria\": []}"), "$.interventions[1].plan.criteria: expected a non-empty array of criteria"},
    {IVP("{\"criteria\": \"languages\"}"),
     "$.interventions[1].plan.criteria: expected a non-empty array of criteria (distance, "
     "availability, needs, languages, interests, ages, waiting), found a string"},
    {IVP("{\"criteria\": [\"languages\", \"culture\"]}"),
     "$.interventions[1].plan.criteria[1]: unknown criterion (expected one of: distance, "
     "availability, needs, languages, interests, ages, waiting)"},
    {IVP("{\"criteria\": [\"interests\", 5]}"), "$.interventions[1].plan.criteria[1]: unknown criterion"},
    {IVP("{\"criteria\": [\"interests\", \"interests\"]}"),
     "$.interventions[1].plan.criteria[1]: \"interests\" is listed twice"},
    {IVP("{\"vog\": true, \"sources\": []}"), "$.interventions[1].plan.sources: expected an object, found an array"},
    {IVP("{\"vog\": true, \"sources\": {\"colour\": \"002:L65\"}}"),
     "$.interventions[1].plan.sources.colour: \"colour\" is not a plan field"},
    {IVP("{\"vog\": true, \"sources\": {\"vog\": \"p. 12\"}}"),
     "$.interventions[1].plan.sources.vog: expected a source reference like \"001:L373-380\""},
    {IVP("{\"vog\": true, \"sources\": {\"training\": \"002:L65\"}}"),
     "$.interventions[1].plan.sources.training: the plan gives no \"training\" to cite"},
    {OFP("{\"max_months\": 0}"), "$.offers[0].plan.max_months: 0 is out of range (1 to 1200)"},
    {OFP("{\"training\": null}"), "$.offers[0].plan.training: expected true or false, found null"},
    {OFP("{\"vog\": false, \"sources\": {\"criteria\": \"001:L2004\"}}"),
     "$.offers[0].plan.sources.criteria: the plan gives no \"criteria\" to cite"},
};

START_TEST(bad_plans_are_refused_with_their_path)
{
    itav_db *db = open_store(_i);
    ck_assert_int_eq(itav_import_json_string(db,
        "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"kept\", \"name\": \"Kept\", "
        "\"plan\": {\"vog\": true}}]}", "setup"), ITAV_OK);
    char *before = export_text(db);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int rc = itav_import_json_string(db, bad[i].json, "bad.json");
        ck_assert_msg(rc == ITAV_EFORMAT, "case %zu: rc %d (%s)", i, rc, itav_errmsg(db));
        ck_assert_msg(strstr(itav_errmsg(db), bad[i].message) != NULL,
                      "case %zu: message \"%s\" lacks \"%s\"", i, itav_errmsg(db),
                      bad[i].message);
        char *after = export_text(db);
        ck_assert_msg(strcmp(before, after) == 0, "case %zu changed the store", i);
        itav_free(after);
    }
    /* single records name their path from "$" */
    itav_intervention *iv = NULL;
    ck_assert_int_eq(itav_intervention_from_json(&iv, db,
                                                 "{\"id\": \"b\", \"name\": \"B\", "
                                                 "\"plan\": {\"trial_months\": 0}}"),
                     ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(db), "$.plan.trial_months: 0 is out of range (1 to 1200)");
    ck_assert_ptr_null(iv);
    itav_free(before);
    close_store(db);
}
END_TEST

/* ---- the plan that holds for an offer ---- */

static void create_intervention(itav_db *db, const char *id, const itav_plan *plan)
{
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_new(&iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_plan(iv, plan), ITAV_OK);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
}

static void create_offer(itav_db *db, const char *id, const char *iv, const itav_plan *plan)
{
    itav_offer *of;
    ck_assert_int_eq(itav_offer_new(&of, id, iv), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_plan(of, plan), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

static itav_plan *effective(itav_db *db, const char *offer)
{
    itav_plan *p = NULL;
    ck_assert_msg(itav_plan_effective(&p, db, offer) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_ptr_nonnull(p);
    return p;
}

START_TEST(offer_overrides_field_by_field)
{
    itav_db *db = open_store(_i);
    itav_plan *iv_plan = buurtgezinnen_plan(), *local = new_plan(), *got, *want;
    create_intervention(db, "bg", iv_plan);
    create_intervention(db, "bare", NULL);
    /* the offer switches off the trial (without a source), shortens the reviews and asks for
     * training; it says nothing about the rest */
    set(local, ITAV_PLAN_TRIAL, 0, NULL);
    set(local, ITAV_PLAN_REVIEW_MONTHS, 3, "000:L40");
    set(local, ITAV_PLAN_TRAINING, 1, "000:L41");
    create_offer(db, "bg-plain", "bg", NULL);
    create_offer(db, "bg-local", "bg", local);
    create_offer(db, "bare-local", "bare", local);
    create_offer(db, "bare-plain", "bare", NULL);

    /* no override: the intervention's plan */
    got = effective(db, "bg-plain");
    assert_same_plan(got, iv_plan);
    itav_plan_free(got);

    /* overrides win, with their own sources (or none); the rest comes from the intervention */
    got = effective(db, "bg-local");
    ck_assert_int_eq(itav_plan_dup(&want, iv_plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(want, ITAV_PLAN_TRIAL, 0), ITAV_OK);
    ck_assert_int_eq(itav_plan_set_source(want, ITAV_PLAN_TRIAL, NULL), ITAV_OK);
    set(want, ITAV_PLAN_REVIEW_MONTHS, 3, "000:L40");
    set(want, ITAV_PLAN_TRAINING, 1, "000:L41");
    assert_same_plan(got, want);
    ck_assert_int_eq(itav_plan_get(got, ITAV_PLAN_TRIAL_MONTHS), 2); /* kept, see format.md */
    ck_assert_int_eq(itav_plan_get(got, ITAV_PLAN_VOG_VALID_MONTHS), ITAV_PLAN_UNSET);
    itav_plan_free(got);
    itav_plan_free(want);

    /* an intervention without a plan: the offer's fields alone, or nothing at all */
    got = effective(db, "bare-local");
    assert_same_plan(got, local);
    itav_plan_free(got);
    got = effective(db, "bare-plain");
    for (int f = 1; f <= ITAV_PLAN_FIELD_COUNT; f++)
        ck_assert_int_eq(itav_plan_get(got, (itav_plan_field)f), ITAV_PLAN_UNSET);
    itav_plan_free(got);

    /* the result follows the store, and is the caller's own */
    ck_assert_int_eq(itav_plan_set(iv_plan, ITAV_PLAN_MAX_MONTHS, 18), ITAV_OK);
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_get(&iv, db, "bg"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_plan(iv, iv_plan), ITAV_OK);
    ck_assert_int_eq(itav_intervention_update(db, iv), ITAV_OK);
    itav_intervention_free(iv);
    got = effective(db, "bg-local");
    ck_assert_int_eq(itav_plan_get(got, ITAV_PLAN_MAX_MONTHS), 18);
    ck_assert_int_eq(itav_plan_get(got, ITAV_PLAN_REVIEW_MONTHS), 3);
    ck_assert_int_eq(itav_plan_set(got, ITAV_PLAN_MAX_MONTHS, 6), ITAV_OK);
    itav_plan_free(got);
    got = effective(db, "bg-local");
    ck_assert_int_eq(itav_plan_get(got, ITAV_PLAN_MAX_MONTHS), 18);
    itav_plan_free(got);

    /* bad calls */
    got = NULL;
    ck_assert_int_eq(itav_plan_effective(&got, db, "nowhere"), ITAV_ENOTFOUND);
    ck_assert_str_eq(itav_errmsg(db), "no offer \"nowhere\"");
    ck_assert_ptr_null(got);
    ck_assert_int_eq(itav_plan_effective(NULL, db, "bg-local"), ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_effective(&got, db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_plan_effective(&got, NULL, "bg-local"), ITAV_EINVAL);
    ck_assert_ptr_null(got);

    itav_plan_free(iv_plan);
    itav_plan_free(local);
    close_store(db);
}
END_TEST

/* ---- the catalogue ---- */

/* The plans of the built-in catalogue: value, source, and words the cited line holds. */
static const struct {
    const char *iv;
    itav_plan_field field;
    long value;
    const char *ref, *words;
} catalogue[] = {
    {"buurtgezinnen", ITAV_PLAN_TRIAL, 1, "002:L77", "na de proefperiode"},
    {"buurtgezinnen", ITAV_PLAN_TRIAL_MONTHS, 2, "002:L77", "proefperiode van twee maanden"},
    {"buurtgezinnen", ITAV_PLAN_REVIEW_MONTHS, 6, "002:L77", "vervolgens om de zes maanden"},
    {"buurtgezinnen", ITAV_PLAN_MAX_MONTHS, 24, "002:L79", "maximaal twee jaar"},
    {"buurtgezinnen", ITAV_PLAN_MAX_DISTANCE_M, 10000, "001:L444", "binnen 10 kilometer"},
    {"buurtgezinnen", ITAV_PLAN_VOG, 1, "002:L65", "hebben een VOG nodig"},
    {"buurtgezinnen", ITAV_PLAN_FINAL_REVIEW, 1, "002:L125",
     "Bij iedere afronding van een koppeling"},
    {"home-start", ITAV_PLAN_MAX_MONTHS, 12, "001:L1593", "tot maximaal een jaar"},
    {"home-start", ITAV_PLAN_VOG, 1, "001:L1618", "in het bezit van een Verklaring Omtrent Gedrag"},
    {"home-start", ITAV_PLAN_TRAINING, 1, "001:L1618", "De vrijwilligers hebben een training gevolgd"},
    {"jong-perspectief", ITAV_PLAN_TRIAL, 1, "001:L1840", "In een proefperiode van een paar afspraken"},
    {"jong-perspectief", ITAV_PLAN_MAX_MONTHS, 12, "001:L1820", "voor de duur van een jaar"},
    {"jong-perspectief", ITAV_PLAN_TRAINING, 1, "001:L1804", "voordat zij starten twee avonden training"},
    {"moeders-informeren-moeders", ITAV_PLAN_CRITERIA,
     CRIT(ITAV_CRITERION_LANGUAGES) | CRIT(ITAV_CRITERION_INTERESTS), "001:L2004",
     "(taal, leeftijd, cultuur etc.) en overeenkomsten (hobby's, interesse etc.)"},
};

static const char *const planned[] = {"buurtgezinnen", "home-start", "jong-perspectief",
                                      "moeders-informeren-moeders"};

/* The row of the table that gives a field of an intervention, or (size_t)-1 for none. */
static size_t catalogue_row(const char *iv, int field)
{
    for (size_t i = 0; i < sizeof catalogue / sizeof *catalogue; i++)
        if (strcmp(catalogue[i].iv, iv) == 0 && (int)catalogue[i].field == field)
            return i;
    return (size_t)-1;
}

/* Line `line` of seed `no` (owned); fails the test when the seed has no such line. */
static char *seed_line(int no, int line)
{
    char buf[65536];
    FILE *f = fopen(seed_path(no), "r");
    ck_assert_msg(f != NULL, "cannot read %s", seed_path(no));
    char *found = NULL;
    for (int n = 1; !found && fgets(buf, sizeof buf, f); n++)
        if (n == line)
            found = strcpy(malloc(strlen(buf) + 1), buf);
    fclose(f);
    ck_assert_msg(found != NULL, "seed %03d has no line %d", no, line);
    return found;
}

START_TEST(catalogue_plans)
{
    itav_db *db = open_store(STORE_MEMORY);
    ck_assert_int_eq(itav_catalog_load(db), ITAV_OK);
    for (size_t k = 0; k < sizeof planned / sizeof *planned; k++) {
        itav_intervention *iv;
        ck_assert_int_eq(itav_intervention_get(&iv, db, planned[k]), ITAV_OK);
        const itav_plan *p = itav_intervention_plan(iv);
        ck_assert_msg(p != NULL, "%s has no plan", planned[k]);
        for (int f = 1; f <= ITAV_PLAN_FIELD_COUNT; f++) {
            size_t i = catalogue_row(planned[k], f);
            long want = i == (size_t)-1 ? ITAV_PLAN_UNSET : catalogue[i].value;
            ck_assert_msg(itav_plan_get(p, (itav_plan_field)f) == want, "%s field %d: %ld",
                          planned[k], f, itav_plan_get(p, (itav_plan_field)f));
            if (want == ITAV_PLAN_UNSET) {
                ck_assert_ptr_null(itav_plan_source(p, (itav_plan_field)f));
                continue;
            }
            ck_assert_str_eq(itav_plan_source(p, (itav_plan_field)f), catalogue[i].ref);
        }
        itav_intervention_free(iv);
    }

    /* Zuid-Kennemerland runs Buurtgezinnen as the intervention's plan says */
    itav_plan *got = effective(db, "buurtgezinnen-zuid-kennemerland"), *want;
    itav_intervention *bg;
    ck_assert_int_eq(itav_intervention_get(&bg, db, "buurtgezinnen"), ITAV_OK);
    assert_same_plan(got, itav_intervention_plan(bg));
    want = buurtgezinnen_plan();
    set(want, ITAV_PLAN_FINAL_REVIEW, 1, "002:L125"); /* the seed's plan has the final review */
    assert_same_plan(got, want);
    ck_assert_int_eq(itav_plan_get(got, ITAV_PLAN_TRAINING), ITAV_PLAN_UNSET);
    itav_plan_free(got);
    itav_plan_free(want);
    itav_intervention_free(bg);
    close_store(db);
}
END_TEST

/* Seeds 001 and 002: the words of each row of the table above stand on the line it cites (the
 * catalogue cites the same lines: catalogue_plans). */
START_TEST(catalogue_plan_sources_quote_the_seeds)
{
    for (size_t i = 0; i < sizeof catalogue / sizeof *catalogue; i++) {
        int no, line;
        ck_assert_int_eq(sscanf(catalogue[i].ref, "%d:L%d", &no, &line), 2);
        char *text = seed_line(no, line);
        ck_assert_msg(strstr(text, catalogue[i].words), "%s: \"%s\" is not on %s",
                      catalogue[i].iv, catalogue[i].words, catalogue[i].ref);
        free(text);
    }
}
END_TEST

static Suite *seed_suite(void)
{
    Suite *s = suite_create("plan-seeds");
    TCase *tc = tcase_create("seeds");
    tcase_add_test(tc, catalogue_plan_sources_quote_the_seeds);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *plan_suite(void)
{
    Suite *s = suite_create("plan");
    TCase *tc = tcase_create("plan");
    tcase_add_test(tc, new_plan_is_unset);
    tcase_add_test(tc, values_are_checked);
    tcase_add_test(tc, sources_cite_values);
    tcase_add_test(tc, dup_is_a_deep_copy);
    tcase_add_test(tc, intervention_and_offer_plans);
    tcase_add_test(tc, json_round_trip);
    tcase_add_loop_test(tc, bad_plans_are_refused_with_their_path, 0, STORE_COUNT);
    tcase_add_loop_test(tc, offer_overrides_field_by_field, 0, STORE_COUNT);
    tcase_add_test(tc, catalogue_plans);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    return run_with_seeds(argc, argv, plan_suite, seed_suite, 1u << 1 | 1u << 2,
                          "the catalogue's plan fields against the lines of seeds 001 and 002 "
                          "they cite");
}
