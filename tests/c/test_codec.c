/* The stored record format across record versions (docs/storage.md, "Later versions"): a
 * record of an older version, which lacks the fields a later version added at the end of a
 * layout, reads with their defaults; a record with the wrong number of fields for its version
 * is damaged. White-box: the record codec of lib/codec through model/model_int.h. */
#include "internal.h"
#include "model/model_int.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* An indicator record as this library writes it (record version 3; an indicator has the
 * fields of version 2), and the same record as version 1 wrote it: version 1 lacks the last
 * field (more_municipalities, an empty array 0x80). */
static void records(unsigned char **v2, size_t *n2, unsigned char **v1, size_t *n1)
{
    itav_indicator *ind;
    ck_assert_int_eq(itav_indicator_new(&ind, "zk-haarlem", "bg-zk", ITAV_MEASURE_COUNT), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_derived(ind, ITAV_DERIVED_MATCHES_STARTED, "Haarlem"),
                     ITAV_OK);
    ck_assert_int_eq(itav__indicator_encode(v2, n2, ind), ITAV_OK);
    itav_indicator_free(ind);
    /* an array of 20 items (0x94): the version 3 and 19 fields, the last the empty list; an
     * indicator of version 2 has the same fields */
    ck_assert_uint_eq((*v2)[0], 0x94);
    ck_assert_uint_eq((*v2)[1], 0x03);
    ck_assert_uint_eq((*v2)[*n2 - 1], 0x80);
    (*v2)[1] = 0x02; /* version 3 added no indicator field: the same record as version 2 */
    *n1 = *n2 - 1;
    *v1 = malloc(*n1);
    memcpy(*v1, *v2, *n1);
    (*v1)[0] = 0x93;
    (*v1)[1] = 0x01;
}

START_TEST(a_version_1_indicator_reads_with_one_municipality)
{
    unsigned char *v2, *v1;
    size_t n2, n1;
    char err[256];
    itav_indicator *got;
    records(&v2, &n2, &v1, &n1);
    ck_assert_msg(itav__indicator_decode(&got, NULL, v1, n1, err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_str_eq(itav_indicator_municipality(got), "Haarlem");
    ck_assert_uint_eq(itav_indicator_municipality_count(got), 1);
    itav_indicator_free(got);
    ck_assert_msg(itav__indicator_decode(&got, NULL, v2, n2, err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_uint_eq(itav_indicator_municipality_count(got), 1);
    itav_indicator_free(got);
    /* version 1 with the version 2 field, and version 2 without it, are damaged */
    v2[1] = 0x01;
    ck_assert_int_eq(itav__indicator_decode(&got, NULL, v2, n2, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "19 fields, a indicator of record version 1 has 18"), "%s", err);
    v1[1] = 0x02;
    ck_assert_int_eq(itav__indicator_decode(&got, NULL, v1, n1, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "18 fields, a indicator of record version 2 has 19"), "%s", err);
    /* a version this library does not know */
    v1[1] = 0x04;
    ck_assert_int_eq(itav__indicator_decode(&got, NULL, v1, n1, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "record version 4; this library reads versions 1 to 3"), "%s", err);
    itav__free(v2);
    free(v1);
}
END_TEST

/* A joint target's further municipalities only come with a derived indicator's first. */
START_TEST(more_municipalities_need_a_first)
{
    itav_indicator *ind, *got;
    unsigned char *data;
    size_t n;
    char err[256];
    ck_assert_int_eq(itav_indicator_new(&ind, "zk-joint", "bg-zk", ITAV_MEASURE_COUNT), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_derived(ind, ITAV_DERIVED_MATCHES_STARTED, "Bloemendaal"),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_municipality(ind, "Heemstede"), ITAV_OK);
    ck_assert_int_eq(itav__indicator_encode(&data, &n, ind), ITAV_OK);
    ck_assert_msg(itav__indicator_decode(&got, NULL, data, n, err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_str_eq(itav_indicator_municipality_at(got, 1), "Heemstede");
    itav_indicator_free(got);
    itav__free(data);
    /* the same list behind no first municipality, as a damaged store might hold it */
    itav__free(ind->municipality);
    ind->municipality = NULL;
    ck_assert_int_eq(itav__indicator_encode(&data, &n, ind), ITAV_OK);
    ck_assert_int_eq(itav__indicator_decode(&got, NULL, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "more_municipalities without"), "%s", err);
    itav__free(data);
    itav_indicator_free(ind);
}
END_TEST

/* An intervention of record version 1 lacks factors and factor_source (the last two fields):
 * it reads as showing no factor. */
START_TEST(a_version_1_intervention_reads_without_factors)
{
    itav_intervention *iv, *got;
    unsigned char *data;
    size_t n;
    char err[256];
    ck_assert_int_eq(itav_intervention_new(&iv, "vws-x"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "X"), ITAV_OK);
    ck_assert_int_eq(itav__intervention_encode(&data, &n, iv), ITAV_OK);
    /* version 3: 0x98 0x1a (26 items: version and 25 fields); the last five are 0 (0x00), 14
     * nulls (0x8e, then 14 times 0xf6), no access sheet (0xf6), no outcomes and no costs (0x80);
     * version 1 has 21 items, one byte of head (0x95) */
    ck_assert_uint_eq(data[0], 0x98);
    ck_assert_uint_eq(data[1], 0x1a);
    ck_assert_uint_eq(data[2], 0x03);
    ck_assert_uint_eq(data[n - 19], 0x00);
    ck_assert_uint_eq(data[n - 18], 0x8e);
    ck_assert_uint_eq(data[n - 3], 0xf6);
    ck_assert_uint_eq(data[n - 2], 0x80);
    ck_assert_uint_eq(data[n - 1], 0x80);
    data[1] = 0x95;
    data[2] = 0x01;
    ck_assert_msg(itav__intervention_decode(&got, NULL, data + 1, n - 20,
                                            err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_str_eq(itav_intervention_name(got), "X");
    ck_assert_uint_eq(itav_intervention_factors(got), 0);
    itav_intervention_free(got);
    /* a factor source without its factor is damaged */
    itav_intervention_free(iv);
    itav__free(data);
    ck_assert_int_eq(itav_intervention_new(&iv, "vws-x"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_factor(iv, ITAV_FACTOR_LONG_TERM, "004:L463"),
                     ITAV_OK);
    iv->factors = 0;
    ck_assert_int_eq(itav__intervention_encode(&data, &n, iv), ITAV_OK);
    ck_assert_int_eq(itav__intervention_decode(&got, NULL, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "a factor_source for a factor the practice does not show"), "%s",
                  err);
    itav__free(data);
    itav_intervention_free(iv);
}
END_TEST

/* A plan of record version 2 has no proposal_days (plan fields 3 and 4): it reads as unset,
 * not as 0, so that an offer's old plan does not override its intervention's. Version 3
 * keeps 0 and its source. */
START_TEST(a_version_2_plan_reads_without_proposal_days)
{
    itav_offer *of, *got;
    itav_plan *plan;
    unsigned char *data, *old;
    size_t n;
    char err[256];
    ck_assert_int_eq(itav_offer_new(&of, "bg-x", "bg"), ITAV_OK);
    ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL_MONTHS, 2), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_PROPOSAL_DAYS, 0), ITAV_OK);
    ck_assert_int_eq(itav_plan_set_source(plan, ITAV_PLAN_PROPOSAL_DAYS, "002:L77"), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_plan(of, plan), ITAV_OK);
    itav_plan_free(plan);
    ck_assert_int_eq(itav__offer_encode(&data, &n, of), ITAV_OK);
    ck_assert_msg(itav__offer_decode(&got, NULL, data, n, err, sizeof err) == ITAV_OK, "%s", err);
    ck_assert_int_eq(itav_plan_get(itav_offer_plan(got), ITAV_PLAN_PROPOSAL_DAYS), 0);
    ck_assert_str_eq(itav_plan_source(itav_offer_plan(got), ITAV_PLAN_PROPOSAL_DAYS),
                     "002:L77");
    itav_offer_free(got);
    itav__free(data);
    /* the same plan without proposal_days: [version, plan, ...] where the plan is 0x84: the
     * values (0x8b and 11 one-byte integers), the sources (0x8b and 11 nulls), then -1
     * (0x20) and null (0xf6); version 2 has 0x82 and not the last two */
    ck_assert_int_eq(itav_plan_set(of->plan, ITAV_PLAN_PROPOSAL_DAYS, ITAV_PLAN_UNSET), ITAV_OK);
    ck_assert_int_eq(itav__offer_encode(&data, &n, of), ITAV_OK);
    ck_assert_uint_eq(data[1], 0x03);
    ck_assert_uint_eq(data[2], 0x84);
    ck_assert_uint_eq(data[3], 0x8b);
    ck_assert_uint_eq(data[15], 0x8b);
    ck_assert_uint_eq(data[27], 0x20);
    ck_assert_uint_eq(data[28], 0xf6);
    old = malloc(n - 2);
    memcpy(old, data, 27);
    memcpy(old + 27, data + 29, n - 29);
    /* version 2 also lacks the offer's last four fields, its access sheet (null, 0xf6), its
     * milestones, costs and capacity (empty lists, 0x80) */
    ck_assert_uint_eq(old[0], 0x93);
    ck_assert_uint_eq(old[n - 6], 0xf6);
    ck_assert_uint_eq(old[n - 5], 0x80);
    ck_assert_uint_eq(old[n - 3], 0x80);
    old[0] = 0x8f;
    old[1] = 0x02;
    old[2] = 0x82;
    ck_assert_msg(itav__offer_decode(&got, NULL, old, n - 6, err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_int_eq(itav_plan_get(itav_offer_plan(got), ITAV_PLAN_TRIAL_MONTHS), 2);
    ck_assert_int_eq(itav_plan_get(itav_offer_plan(got), ITAV_PLAN_PROPOSAL_DAYS),
                     ITAV_PLAN_UNSET);
    itav_offer_free(got);
    /* a version 3 plan without them is damaged */
    old[0] = 0x93;
    old[1] = 0x03;
    ck_assert_int_eq(itav__offer_decode(&got, NULL, old, n - 2, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "2 fields, a plan of record version 3 has 4"), "%s", err);
    free(old);
    itav__free(data);
    itav_offer_free(of);
}
END_TEST

/* An offer of record version 2 lacks its access sheet (the last field) and reads without one;
 * a sheet with a code outside its list's vocabulary is damaged. */
START_TEST(a_version_2_offer_reads_without_access)
{
    itav_offer *of, *got;
    itav_access *a;
    unsigned char *data;
    size_t n;
    char err[256];
    ck_assert_int_eq(itav_offer_new(&of, "bg-zk", "buurtgezinnen"), ITAV_OK);
    ck_assert_int_eq(itav__offer_encode(&data, &n, of), ITAV_OK);
    /* 0x93: the version and 18 fields; version 3 added the last four, the access sheet (null
     * when there is none), the milestones, costs and capacity (empty lists) */
    ck_assert_uint_eq(data[0], 0x93);
    ck_assert_uint_eq(data[n - 4], 0xf6);
    ck_assert_uint_eq(data[n - 1], 0x80);
    data[0] = 0x8f;
    data[1] = 0x02;
    ck_assert_msg(itav__offer_decode(&got, NULL, data, n - 4, err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_ptr_null(itav_offer_access(got));
    itav_offer_free(got);
    itav__free(data);
    /* a sheet round trip, then one whose code another list owns */
    ck_assert_int_eq(itav_access_new(&a), ITAV_OK);
    ck_assert_int_eq(itav_access_set_ages(a, 0, 287, "002:L59"), ITAV_OK);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_REFERRAL, "gp", "Huisartsen", "002:L61", 0),
                     ITAV_OK);
    ck_assert_int_eq(itav_offer_set_access(of, a), ITAV_OK);
    itav_access_free(a);
    ck_assert_int_eq(itav__offer_encode(&data, &n, of), ITAV_OK);
    ck_assert_msg(itav__offer_decode(&got, NULL, data, n, err, sizeof err) == ITAV_OK, "%s", err);
    int32_t lo, hi;
    ck_assert_int_eq(itav_access_ages(&lo, &hi, itav_offer_access(got)), ITAV_OK);
    ck_assert_int_eq(lo, 0);
    ck_assert_int_eq(hi, 287);
    ck_assert_int_eq(itav_access_has(itav_offer_access(got), ITAV_ACCESS_REFERRAL, "gp"), 1);
    itav_offer_free(got);
    itav__free(data);
    itav__free(of->access->entries[0].code);
    of->access->entries[0].code = itav__strdup("church"); /* a recruitment code */
    ck_assert_int_eq(itav__offer_encode(&data, &n, of), ITAV_OK);
    ck_assert_int_eq(itav__offer_decode(&got, NULL, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "an entry whose list or code is unknown"), "%s", err);
    itav__free(data);
    itav_offer_free(of);
}
END_TEST

/* Record version 3 added an intervention's outcomes and an offer's milestones (the last field
 * of each, after the access sheet): a version 2 record reads without them, a version 3 record keeps them. */
START_TEST(version_2_records_read_without_outcomes_and_milestones)
{
    itav_intervention *iv, *got;
    itav_offer *of, *gotof;
    itav_figure *f;
    itav_outcome *o;
    itav_milestone *m;
    unsigned char *data;
    size_t n;
    char err[256];
    ck_assert_int_eq(itav_intervention_new(&iv, "bg"), ITAV_OK);
    ck_assert_int_eq(itav__intervention_encode(&data, &n, iv), ITAV_OK);
    /* version 2 is the same record without the last two fields (no access sheet 0xf6, the
     * empty lists 0x80 of outcomes and costs): 23 items (0x97) instead of 26 (0x98 0x1a) */
    ck_assert_uint_eq(data[0], 0x98);
    ck_assert_uint_eq(data[1], 0x1a);
    ck_assert_uint_eq(data[n - 3], 0xf6);
    ck_assert_uint_eq(data[n - 1], 0x80);
    data[1] = 0x97;
    data[2] = 0x02;
    ck_assert_msg(itav__intervention_decode(&got, NULL, data + 1, n - 4,
                                            err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_uint_eq(itav_intervention_outcome_count(got), 0);
    itav_intervention_free(got);
    itav__free(data);
    /* an outcome comes back with its kind and figure */
    ck_assert_int_eq(itav_figure_new(&f, "families in touch after two years", ITAV_QTY_RANGE, 35,
                                     40, "35-40%"), ITAV_OK);
    ck_assert_int_eq(itav_figure_set_source(f, "001:L477"), ITAV_OK);
    ck_assert_int_eq(itav_outcome_new(&o, ITAV_OUTCOME_FOLLOW_UP, f), ITAV_OK);
    ck_assert_int_eq(itav_intervention_add_outcome(iv, o), ITAV_OK);
    ck_assert_int_eq(itav__intervention_encode(&data, &n, iv), ITAV_OK);
    ck_assert_msg(itav__intervention_decode(&got, NULL, data, n, err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_uint_eq(itav_intervention_outcome_count(got), 1);
    const itav_outcome *go = itav_intervention_outcome(got, 0);
    ck_assert_int_eq(itav_outcome_get_kind(go), ITAV_OUTCOME_FOLLOW_UP);
    ck_assert_double_eq(itav_figure_get_max(itav_outcome_get_figure(go)), 40);
    ck_assert_str_eq(itav_figure_get_source(itav_outcome_get_figure(go)), "001:L477");
    itav_intervention_free(got);
    itav__free(data);
    /* an outcome without its figure, as a damaged store might hold it */
    itav_figure_free(iv->outcomes.v[0]->figure);
    iv->outcomes.v[0]->figure = NULL;
    ck_assert_int_eq(itav__intervention_encode(&data, &n, iv), ITAV_OK);
    ck_assert_int_eq(itav__intervention_decode(&got, NULL, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "an outcome without its figure"), "%s", err);
    itav__free(data);
    itav_intervention_free(iv);
    itav_outcome_free(o);
    itav_figure_free(f);

    ck_assert_int_eq(itav_offer_new(&of, "bg-hw", "bg"), ITAV_OK);
    ck_assert_int_eq(itav__offer_encode(&data, &n, of), ITAV_OK);
    ck_assert_uint_eq(data[0], 0x93);
    ck_assert_uint_eq(data[n - 4], 0xf6);
    ck_assert_uint_eq(data[n - 1], 0x80);
    data[0] = 0x8f; /* 15 items: version 2 and 14 fields */
    data[1] = 0x02;
    ck_assert_msg(itav__offer_decode(&gotof, NULL, data, n - 4, err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_uint_eq(itav_offer_milestone_count(gotof), 0);
    itav_offer_free(gotof);
    itav__free(data);
    ck_assert_int_eq(itav_milestone_new(&m, ITAV_MILESTONE_DELAYED, ITAV_DATE_NONE, "2020",
                                        "slowed down because of corona"), ITAV_OK);
    ck_assert_int_eq(itav_offer_add_milestone(of, m), ITAV_OK);
    ck_assert_int_eq(itav__offer_encode(&data, &n, of), ITAV_OK);
    ck_assert_msg(itav__offer_decode(&gotof, NULL, data, n, err, sizeof err) == ITAV_OK, "%s", err);
    ck_assert_str_eq(itav_milestone_get_period(itav_offer_milestone(gotof, 0)), "2020");
    ck_assert_int_eq(itav_milestone_get_status(itav_offer_milestone(gotof, 0)),
                     ITAV_MILESTONE_DELAYED);
    itav_offer_free(gotof);
    itav__free(data);
    /* a milestone with neither a date nor a period is damaged */
    itav__free(of->milestones.v[0]->period);
    of->milestones.v[0]->period = NULL;
    ck_assert_int_eq(itav__offer_encode(&data, &n, of), ITAV_OK);
    ck_assert_int_eq(itav__offer_decode(&gotof, NULL, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "a date or a period"), "%s", err);
    itav__free(data);
    itav_milestone_free(m);
    itav_offer_free(of);
}
END_TEST

/* The decoder's words follow the language of the context it is given (NULL: English): its
 * own formats, and the words of a layout's check; the path stays as it is. */
START_TEST(damaged_in_the_language_of_the_context)
{
    itav_db *nl;
    ck_assert_int_eq(itav_open_lang(&nl, "memory:", ITAV_LANG_NL), ITAV_OK);
    itav_indicator *ind, *got;
    unsigned char *data;
    size_t n;
    char err[256];
    ck_assert_int_eq(itav_indicator_new(&ind, "zk-joint", "bg-zk", ITAV_MEASURE_COUNT), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_derived(ind, ITAV_DERIVED_MATCHES_STARTED, "Bloemendaal"),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_municipality(ind, "Heemstede"), ITAV_OK);
    itav__free(ind->municipality); /* the list behind no first municipality */
    ind->municipality = NULL;
    ck_assert_int_eq(itav__indicator_encode(&data, &n, ind), ITAV_OK);
    ck_assert_int_eq(itav__indicator_decode(&got, nl, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_str_eq(err, "indicator: more_municipalities zonder de eerste gemeente van een "
                          "afgeleide indicator");
    ck_assert_int_eq(itav__indicator_decode(&got, NULL, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_str_eq(err, "indicator: more_municipalities without a derived indicator's first "
                          "municipality");
    data[1] = 0x04; /* a record version this library does not know */
    ck_assert_int_eq(itav__indicator_decode(&got, nl, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_str_eq(err, "indicator: recordversie 4; deze bibliotheek leest de versies 1 tot en "
                          "met 3");
    itav__free(data);
    itav_indicator_free(ind);
    itav_close(nl);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("codec");
    TCase *tc = tcase_create("versions");
    tcase_add_test(tc, a_version_1_indicator_reads_with_one_municipality);
    tcase_add_test(tc, more_municipalities_need_a_first);
    tcase_add_test(tc, a_version_1_intervention_reads_without_factors);
    tcase_add_test(tc, a_version_2_plan_reads_without_proposal_days);
    tcase_add_test(tc, a_version_2_offer_reads_without_access);
    tcase_add_test(tc, version_2_records_read_without_outcomes_and_milestones);
    tcase_add_test(tc, damaged_in_the_language_of_the_context);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
