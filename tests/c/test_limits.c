/* The limits of a participant's lists (issue 17: 160,000 exclusions made every later read of
 * the store take 42 s, as reading checked each item against all earlier ones). Each list is
 * refused one item past its limit, at the C API, in JSON and in CSV, with a message naming
 * the field; and reading a stored participant costs work in proportion to its lists, counted
 * rather than timed: the record decoder (lib/codec) makes one allocation per item and
 * compares no items (a duplicate check would, through itav__strcasecmp(), behind every list
 * lookup), both of which the test counts. Links the static library for the counters. */
#include "internal.h"
#include "testutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text that grows as needed. */
typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void add(text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
        va_end(ap);
        ck_assert(k >= 0);
        if (t->n + (size_t)k < t->cap) {
            t->n += (size_t)k;
            return;
        }
        t->cap = 2 * (t->cap + (size_t)k) + 64;
        ck_assert_ptr_nonnull(t->s = realloc(t->s, t->cap));
    }
}

static itav_db *fixture(void)
{
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    ck_assert_msg(itav_import_json_string(db, "{\"format\": \"itav/1\", \"interventions\": [{\"id\":"
                  " \"bg\", \"name\": \"BG\"}], \"offers\": [{\"id\": \"bg-zk\", \"intervention\":"
                  " \"bg\"}]}", NULL) == ITAV_OK, "%s", itav_errmsg(db));
    return db;
}

/* A participant whose list `key` has n items, each from item(i). */
static char *participant_json(const char *ref, const char *key, size_t n,
                              void (*item)(text *, size_t))
{
    text t = {NULL, 0, 0};
    add(&t, "{\"ref\": \"%s\", \"offer\": \"bg-zk\", \"kind\": \"family\", \"status\": "
            "\"waiting\", \"%s\": [", ref, key);
    for (size_t i = 0; i < n; i++) {
        add(&t, "%s\"", i ? ", " : "");
        item(&t, i);
        add(&t, "\"");
    }
    add(&t, "]}");
    return t.s;
}

static void exclusion(text *t, size_t i) { add(t, "x%05zu", i); }
static void interest(text *t, size_t i) { add(t, "hobby-%zu", i); }
static void language(text *t, size_t i)
{
    /* two lower-case letters; enough of them are ISO 639-1 codes */
    static const char *const known[] = {
        "aa", "ab", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg",
        "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv",
        "cy", "da", "de", "dv", "dz", "ee", "el", "en"};
    add(t, "%s", known[i]);
}

static const struct {
    const char *key;
    size_t max;
    void (*item)(text *, size_t);
} lists[] = {
    {"exclusions", ITAV_EXCLUSIONS_MAX, exclusion},
    {"interests", ITAV_INTERESTS_MAX, interest},
    {"languages", ITAV_LANGUAGES_MAX, language},
};

START_TEST(json_lists_at_and_past_their_limits)
{
    itav_db *db = fixture();
    itav_participant *p;
    char *at = participant_json("a1", lists[_i].key, lists[_i].max, lists[_i].item);
    char *past = participant_json("a2", lists[_i].key, lists[_i].max + 1, lists[_i].item);
    ck_assert_msg(itav_participant_from_json(&p, db, at) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
    ck_assert_int_eq(itav_participant_from_json(&p, db, past), ITAV_EFORMAT);
    char want[128];
    snprintf(want, sizeof want, "$.%s: more than %zu %s (the most a participant can list)",
             lists[_i].key, lists[_i].max, lists[_i].key);
    ck_assert_str_eq(itav_errmsg(db), want);
    free(at);
    free(past);
    itav_close(db);
}
END_TEST

START_TEST(c_api_refuses_a_new_item_past_the_limit)
{
    itav_participant *p;
    char ref[16];
    ck_assert_int_eq(itav_participant_new(&p, "a1", "bg-zk", ITAV_PARTICIPANT_FAMILY), ITAV_OK);
    for (int i = 0; i < ITAV_EXCLUSIONS_MAX; i++) {
        snprintf(ref, sizeof ref, "x%05d", i);
        ck_assert_int_eq(itav_participant_add_exclusion(p, ref), ITAV_OK);
    }
    ck_assert_int_eq(itav_participant_add_exclusion(p, "x00000"), ITAV_OK); /* listed already */
    ck_assert_int_eq(itav_participant_add_exclusion(p, "one-more"), ITAV_ERANGE);
    ck_assert_uint_eq(itav_participant_exclusion_count(p), ITAV_EXCLUSIONS_MAX);
    itav_participant_free(p);
}
END_TEST

START_TEST(csv_exclusions_past_the_limit)
{
    itav_db *db = fixture();
    text t = {NULL, 0, 0};
    add(&t, "ref,offer,kind,exclusions\na1,bg-zk,family,");
    for (int i = 0; i <= ITAV_EXCLUSIONS_MAX; i++)
        add(&t, "%sx%05d", i ? ";" : "", i);
    add(&t, "\n");
    ck_assert_int_eq(itav_import_participants_csv_string(db, t.s, "t.csv", NULL), ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(db), "t.csv:row 2, column exclusions: more than 1000 "
                                      "exclusions (the most a participant can list); nothing "
                                      "was imported");
    free(t.s);
    itav_close(db);
}
END_TEST

/* Allocations made by reading a stored participant with n exclusions; the text comparisons
 * that made in *compared. */
static long read_cost(itav_db *db, size_t n, long *compared)
{
    char ref[16];
    itav_participant *p;
    snprintf(ref, sizeof ref, "r%zu", n);
    char *json = participant_json(ref, "exclusions", n, exclusion);
    ck_assert_int_eq(itav_participant_from_json(&p, db, json), ITAV_OK);
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
    free(json);
    itav__fault_track(true);
    long before = itav__fault_allocations(), compared_before = itav__fault_comparisons();
    ck_assert_int_eq(itav_participant_get(&p, db, ref), ITAV_OK);
    long cost = itav__fault_allocations() - before;
    *compared = itav__fault_comparisons() - compared_before;
    itav__fault_track(false);
    ck_assert_uint_eq(itav_participant_exclusion_count(p), n);
    itav_participant_free(p);
    return cost;
}

START_TEST(reading_is_linear)
{
    itav_db *db = open_store(_i);
    ck_assert_msg(itav_import_json_string(db, "{\"format\": \"itav/1\", \"interventions\": [{\"id\":"
                  " \"bg\", \"name\": \"BG\"}], \"offers\": [{\"id\": \"bg-zk\", \"intervention\":"
                  " \"bg\"}]}", NULL) == ITAV_OK, "%s", itav_errmsg(db));
    long k0, k250, k500, k1000;
    long c0 = read_cost(db, 0, &k0), c250 = read_cost(db, 250, &k250),
         c500 = read_cost(db, 500, &k500), c1000 = read_cost(db, ITAV_EXCLUSIONS_MAX, &k1000);
    /* one allocation per item (and one for the list): the same for each further item */
    ck_assert_msg(c250 - c0 == 251 && c500 - c250 == 250 && c1000 - c500 == 500,
                  "allocations to read 0, 250, 500 and 1000 exclusions: %ld %ld %ld %ld", c0,
                  c250, c500, c1000);
    /* and no item is compared with another: the comparisons do not grow with the list */
    ck_assert_msg(k250 == k0 && k500 == k0 && k1000 == k0,
                  "text comparisons to read 0, 250, 500 and 1000 exclusions: %ld %ld %ld %ld",
                  k0, k250, k500, k1000);
    close_store(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("lists");
    tcase_add_loop_test(tc, json_lists_at_and_past_their_limits, 0, 3);
    tcase_add_test(tc, c_api_refuses_a_new_item_past_the_limit);
    tcase_add_test(tc, csv_exclusions_past_the_limit);
    tcase_add_loop_test(tc, reading_is_linear, 0, STORE_COUNT);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
