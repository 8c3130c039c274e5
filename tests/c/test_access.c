/* Access sheets (itav/access.h): who an intervention or offer is for, how people reach it and
 * what running it takes; the sheet's API, its JSON form (export, import, export gives the same
 * bytes), the store, and bad input, which names its place and changes nothing. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(vocabularies)
{
    itav_access_list l;
    ck_assert_str_eq(itav_access_list_code(ITAV_ACCESS_REFERRAL), "referral");
    ck_assert_ptr_null(itav_access_list_code((itav_access_list)0));
    ck_assert_ptr_null(itav_access_list_code((itav_access_list)(ITAV_ACCESS_LIST_COUNT + 1)));
    ck_assert_int_eq(itav_access_list_from_code(&l, "needs"), ITAV_OK);
    ck_assert_int_eq(l, ITAV_ACCESS_NEEDS);
    ck_assert_int_eq(itav_access_list_from_code(&l, "Needs"), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_access_list_from_code(NULL, "needs"), ITAV_EINVAL);
    for (int list = 1; list <= ITAV_ACCESS_LIST_COUNT; list++) {
        size_t n = 0;
        const char *c, *last = NULL;
        while ((c = itav_access_code_at((itav_access_list)list, n))) {
            ck_assert_ptr_nonnull(itav_access_code_label((itav_access_list)list, c, ITAV_LANG_EN));
            ck_assert_ptr_nonnull(itav_access_code_label((itav_access_list)list, c, ITAV_LANG_NL));
            last = c;
            n++;
        }
        ck_assert_uint_gt(n, 4);
        ck_assert_str_eq(last, "other");
    }
    ck_assert_str_eq(itav_access_code_label(ITAV_ACCESS_REFERRAL, "gp", ITAV_LANG_NL),
                     "huisarts of praktijkondersteuner");
    ck_assert_ptr_null(itav_access_code_label(ITAV_ACCESS_REFERRAL, "church", ITAV_LANG_EN));
    ck_assert_ptr_null(itav_access_code_label(ITAV_ACCESS_REFERRAL, "gp", (itav_lang)9));
}
END_TEST

START_TEST(a_sheet_holds_ages_and_entries)
{
    itav_access *a, *c;
    int32_t lo, hi;
    const char *code, *text, *src;
    unsigned flags;
    ck_assert_int_eq(itav_access_new(&a), ITAV_OK);
    ck_assert_int_eq(itav_access_ages(&lo, &hi, a), ITAV_OK);
    ck_assert_int_eq(lo, ITAV_AGE_NONE);
    ck_assert_int_eq(hi, ITAV_AGE_NONE);
    ck_assert_int_eq(itav_access_set_ages(a, 0, 287, "002:L59"), ITAV_OK);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_REFERRAL, "school", "Schools", "002:L61", 0),
                     ITAV_OK);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_RECRUITMENT, "social_media", "Facebook",
                                     "002:L69", ITAV_ACCESS_EFFECTIVE), ITAV_OK);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_REFERRAL, "self", "Themselves", NULL, 0),
                     ITAV_OK);
    ck_assert_uint_eq(itav_access_count(a, ITAV_ACCESS_REFERRAL), 2);
    ck_assert_uint_eq(itav_access_count(a, ITAV_ACCESS_RECRUITMENT), 1);
    ck_assert_uint_eq(itav_access_count(a, ITAV_ACCESS_TASKS), 0);
    ck_assert_int_eq(itav_access_at(&code, &text, &src, &flags, a, ITAV_ACCESS_REFERRAL, 1),
                     ITAV_OK);
    ck_assert_str_eq(code, "self");
    ck_assert_str_eq(text, "Themselves");
    ck_assert_ptr_null(src);
    ck_assert_uint_eq(flags, 0);
    ck_assert_int_eq(itav_access_at(NULL, NULL, NULL, &flags, a, ITAV_ACCESS_RECRUITMENT, 0),
                     ITAV_OK);
    ck_assert_uint_eq(flags, ITAV_ACCESS_EFFECTIVE);
    ck_assert_int_eq(itav_access_at(&code, NULL, NULL, NULL, a, ITAV_ACCESS_REFERRAL, 2),
                     ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_access_has(a, ITAV_ACCESS_REFERRAL, "school"), 1);
    ck_assert_int_eq(itav_access_has(a, ITAV_ACCESS_RECRUITMENT, "school"), 0);
    /* a copy is independent */
    ck_assert_int_eq(itav_access_dup(&c, a), ITAV_OK);
    ck_assert_int_eq(itav_access_remove(a, ITAV_ACCESS_REFERRAL, 0), ITAV_OK);
    ck_assert_int_eq(itav_access_has(a, ITAV_ACCESS_REFERRAL, "school"), 0);
    ck_assert_int_eq(itav_access_has(c, ITAV_ACCESS_REFERRAL, "school"), 1);
    ck_assert_int_eq(itav_access_remove(a, ITAV_ACCESS_REFERRAL, 5), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_access_ages(&lo, &hi, c), ITAV_OK);
    ck_assert_int_eq(hi, 287);
    ck_assert_str_eq(itav_access_ages_source(c), "002:L59");
    /* clearing the ages clears their source */
    ck_assert_int_eq(itav_access_set_ages(c, ITAV_AGE_NONE, ITAV_AGE_NONE, "002:L59"), ITAV_OK);
    ck_assert_ptr_null(itav_access_ages_source(c));
    itav_access_free(c);
    itav_access_free(a);
}
END_TEST

/* Bad values are refused and change nothing. */
START_TEST(bad_values_change_nothing)
{
    itav_access *a;
    int32_t lo, hi;
    ck_assert_int_eq(itav_access_new(&a), ITAV_OK);
    ck_assert_int_eq(itav_access_set_ages(a, 12, 143, "001:L1"), ITAV_OK);
    ck_assert_int_eq(itav_access_set_ages(a, 100, 50, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_access_set_ages(a, 0, 1201, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_access_set_ages(a, 0, 10, "line 4"), ITAV_EINVAL);
    ck_assert_int_eq(itav_access_ages(&lo, &hi, a), ITAV_OK);
    ck_assert_int_eq(lo, 12);
    ck_assert_int_eq(hi, 143);
    ck_assert_str_eq(itav_access_ages_source(a), "001:L1");
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_REFERRAL, "church", "x", NULL, 0),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_access_add(a, (itav_access_list)6, "other", "x", NULL, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_NEEDS, "other", "", NULL, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_NEEDS, "other", "a\033[2J", NULL, 0),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_NEEDS, "other", "x", "L4", 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_NEEDS, "other", "x", NULL, 2), ITAV_EINVAL);
    ck_assert_int_eq(itav_access_add(NULL, ITAV_ACCESS_NEEDS, "other", "x", NULL, 0), ITAV_EINVAL);
    for (int l = 1; l <= ITAV_ACCESS_LIST_COUNT; l++)
        ck_assert_uint_eq(itav_access_count(a, (itav_access_list)l), 0);
    itav_access_free(a);
}
END_TEST

static itav_offer *zk_offer(void)
{
    itav_offer *of;
    itav_access *a;
    ck_assert_int_eq(itav_offer_new(&of, "bg-zk", "buurtgezinnen"), ITAV_OK);
    ck_assert_int_eq(itav_access_new(&a), ITAV_OK);
    ck_assert_int_eq(itav_access_set_ages(a, 0, 287, "002:L59"), ITAV_OK);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_CONDITIONS, "small_network",
                                     "No network that can support", "002:L57", 0), ITAV_OK);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_TASKS, "matching", "Linking families",
                                     "002:L38", 0), ITAV_OK);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_REFERRAL, "gp", "Huisartsen \"refer\"",
                                     "002:L61", 0), ITAV_OK);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_RECRUITMENT, "social_media", "Facebook",
                                     "002:L69", ITAV_ACCESS_EFFECTIVE), ITAV_OK);
    ck_assert_int_eq(itav_access_add(a, ITAV_ACCESS_NEEDS, "location", "A place", NULL, 0),
                     ITAV_OK);
    ck_assert_int_eq(itav_offer_set_access(of, a), ITAV_OK);
    itav_access_free(a);
    return of;
}

START_TEST(json_round_trip)
{
    itav_offer *of = zk_offer(), *back;
    char *j1, *j2;
    ck_assert_int_eq(itav_offer_to_json(&j1, of), ITAV_OK);
    ck_assert_msg(strstr(j1, "\"access\""), "%s", j1);
    ck_assert_msg(strstr(j1, "\"effective\": true"), "%s", j1);
    ck_assert_msg(strstr(j1, "\"age_months\""), "%s", j1);
    ck_assert_int_eq(itav_offer_from_json(&back, NULL, j1), ITAV_OK);
    ck_assert_int_eq(itav_offer_to_json(&j2, back), ITAV_OK);
    ck_assert_str_eq(j1, j2);
    ck_assert_int_eq(itav_access_has(itav_offer_access(back), ITAV_ACCESS_REFERRAL, "gp"), 1);
    itav_free(j1);
    itav_free(j2);
    itav_offer_free(back);
    /* an empty sheet is no sheet */
    itav_access *empty;
    ck_assert_int_eq(itav_access_new(&empty), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_access(of, empty), ITAV_OK);
    ck_assert_ptr_null(itav_offer_access(of));
    itav_access_free(empty);
    itav_offer_free(of);
}
END_TEST

/* A whole store: export, import into a new store, export again: the same bytes; the sheet of
 * an intervention and of an offer survive the store. */
START_TEST(dataset_round_trip)
{
    itav_db *db, *db2;
    itav_intervention *iv, *got;
    itav_offer *of = zk_offer();
    char *e1, *e2;
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_new(&iv, "buurtgezinnen"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "Buurtgezinnen"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_access(iv, itav_offer_access(of)), ITAV_OK);
    ck_assert_int_eq(itav_intervention_create(db, iv), ITAV_OK);
    ck_assert_int_eq(itav_offer_create(db, of), ITAV_OK);
    ck_assert_int_eq(itav_intervention_get(&got, db, "buurtgezinnen"), ITAV_OK);
    ck_assert_uint_eq(itav_access_count(itav_intervention_access(got), ITAV_ACCESS_TASKS), 1);
    itav_intervention_free(got);
    ck_assert_int_eq(itav_export_json_string(&e1, db), ITAV_OK);
    ck_assert_int_eq(itav_open(&db2, "memory:"), ITAV_OK);
    ck_assert_msg(itav_import_json_string(db2, e1, "e1.json") == ITAV_OK, "%s", itav_errmsg(db2));
    ck_assert_int_eq(itav_export_json_string(&e2, db2), ITAV_OK);
    ck_assert_str_eq(e1, e2);
    itav_free(e1);
    itav_free(e2);
    itav_close(db2);
    itav_close(db);
    itav_intervention_free(iv);
    itav_offer_free(of);
}
END_TEST

/* Bad JSON names the field and imports nothing. */
START_TEST(bad_json_names_the_field)
{
    static const struct { const char *access, *where; } cases[] = {
        {"{\"referral\": [{\"code\": \"church\", \"text\": \"x\"}]}",
         "offers[0].access.referral[0].code: unknown referral code \"church\""},
        {"{\"tasks\": [{\"code\": \"matching\"}]}", "offers[0].access.tasks[0]"},
        {"{\"needs\": [{\"code\": \"other\", \"text\": \"x\", \"source\": \"p. 4\"}]}",
         "offers[0].access.needs[0].source"},
        {"{\"needs\": [{\"code\": \"other\", \"text\": \"x\", \"effective\": 1}]}",
         "offers[0].access.needs[0].effective"},
        {"{\"age_months\": {\"min\": 30, \"max\": 20}}",
         "offers[0].access.age_months: min 30 is greater than max 20"},
        {"{\"age_months\": {\"max\": 2000}}", "offers[0].access.age_months.max"},
        {"{\"age_source\": \"002:L59\"}", "offers[0].access.age_source"},
        {"{\"eligible\": []}", "offers[0].access"},
        {"{\"referral\": {}}", "offers[0].access.referral: expected an array"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        itav_db *db;
        char json[1024], *out;
        snprintf(json, sizeof json,
                 "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"bg\", \"name\": "
                 "\"BG\"}], \"offers\": [{\"id\": \"bg-zk\", \"intervention\": \"bg\", "
                 "\"access\": %s}]}",
                 cases[i].access);
        ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
        ck_assert_int_eq(itav_import_json_string(db, json, "bad.json"), ITAV_EFORMAT);
        ck_assert_msg(strstr(itav_errmsg(db), cases[i].where), "case %zu: %s", i,
                      itav_errmsg(db));
        ck_assert_int_eq(itav_export_json_string(&out, db), ITAV_OK);
        ck_assert_msg(!strstr(out, "\"bg\""), "case %zu imported something", i);
        itav_free(out);
        itav_close(db);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("access");
    TCase *tc = tcase_create("access");
    tcase_add_test(tc, vocabularies);
    tcase_add_test(tc, a_sheet_holds_ages_and_entries);
    tcase_add_test(tc, bad_values_change_nothing);
    tcase_add_test(tc, json_round_trip);
    tcase_add_test(tc, dataset_round_trip);
    tcase_add_test(tc, bad_json_names_the_field);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
