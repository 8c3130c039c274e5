/* The ledger of releases in the itav/1 export (docs/format.md, "releases"): the round trip on
 * every backend, each bad entry refused with its place and nothing imported, and the merge by
 * id into a store that holds releases already. Protection kept by a copy: tests/cli
 * (LedgerExportTest), with real reports. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": \"A\"}], " \
    "\"offers\": [{\"id\": \"o\", \"intervention\": \"a\"}, {\"id\": \"p\", \"intervention\": " \
    "\"a\"}], \"releases\": ["
#define REL1 "{\"id\": \"rel-00000001\", \"offer\": \"o\", \"members\": [\"p\"], " \
    "\"from\": \"2021-01-01\", \"to\": \"2021-12-31\", \"as_of\": \"2022-01-10\", \"k\": 5, " \
    "\"protection\": 4, \"cells\": [{\"table\": \"reviews\", \"row\": \"final\", \"column\": " \
    "\"reviews\", \"value\": 7}, {\"table\": \"reviews\", \"row\": \"periodic\", \"column\": " \
    "\"reviews\", \"hidden\": true}, {\"table\": \"t\", \"row\": \"\", \"column\": \"\", " \
    "\"value\": 0}]}"
#define REL2 "{\"id\": \"rel-00000002\", \"offer\": \"p\", \"as_of\": \"2022-01-11\", " \
    "\"k\": 2, \"protection\": 1, \"low_k\": true, \"cells\": []}"

static char *export_of(itav_db *db)
{
    char *text;
    ck_assert_msg(itav_export_json_string(&text, db) == ITAV_OK, "%s", itav_errmsg(db));
    return text;
}

START_TEST(ledger_round_trip)
{
    itav_db *a = open_store(_i), *b = open_store((_i + 1) % STORE_COUNT);
    ck_assert_msg(itav_import_json_string(a, HEAD REL2 ", " REL1 "]}", "ledger") == ITAV_OK,
                  "%s", itav_errmsg(a));
    char *first = export_of(a);
    ck_assert_msg(strstr(first, "\"releases\": [") != NULL, "%s", first);
    /* sorted by id, the ledger's order */
    ck_assert(strstr(first, "rel-00000001") < strstr(first, "rel-00000002"));
    ck_assert_msg(itav_import_json_string(b, first, "first") == ITAV_OK, "%s", itav_errmsg(b));
    char *second = export_of(b);
    ck_assert_str_eq(first, second);

    itav_release *rl;
    const char *table, *row, *column;
    int64_t value;
    int hidden, k, protection;
    int32_t from, to;
    ck_assert_int_eq(itav_release_get(&rl, b, "rel-00000001"), ITAV_OK);
    ck_assert_str_eq(itav_release_offer(rl), "o");
    ck_assert_uint_eq(itav_release_member_count(rl), 1);
    ck_assert_str_eq(itav_release_member(rl, 0), "p");
    ck_assert_int_eq(itav_release_parameters(&from, &to, &k, &protection, rl), ITAV_OK);
    ck_assert_int_eq(from, date_of("2021-01-01"));
    ck_assert_int_eq(to, date_of("2021-12-31"));
    ck_assert_int_eq(k, 5);
    ck_assert_int_eq(protection, 4);
    ck_assert_uint_eq(itav_release_cell_count(rl), 3);
    ck_assert_int_eq(itav_release_cell(&table, &row, &column, &value, &hidden, rl, 0), ITAV_OK);
    ck_assert_str_eq(row, "final");
    ck_assert_int_eq(value, 7);
    ck_assert_int_eq(hidden, 0);
    ck_assert_int_eq(itav_release_cell(&table, &row, &column, &value, &hidden, rl, 1), ITAV_OK);
    ck_assert_int_eq(hidden, 1);
    ck_assert_int_eq(itav_release_cell(&table, &row, &column, &value, &hidden, rl, 2), ITAV_OK);
    ck_assert_str_eq(row, "");
    ck_assert_str_eq(column, "");
    itav_release_free(rl);
    /* a new release takes the next free id after the imported ones */
    itav_release_iter *it;
    ck_assert_int_eq(itav_release_list(&it, b, "p"), ITAV_OK);
    ck_assert_int_eq(itav_release_iter_next(&rl, it), ITAV_OK);
    ck_assert_str_eq(itav_release_id(rl), "rel-00000002");
    itav_release_free(rl);
    ck_assert_int_eq(itav_release_iter_next(&rl, it), ITAV_ITEROVER);
    itav_release_iter_free(it);
    itav_free(first);
    itav_free(second);
    close_store(a);
    close_store(b);
}
END_TEST

/* Each bad entry: refused with its place, and nothing of the document imported. */
static const struct {
    const char *entry, *message;
} bad[] = {
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"t\", \"row\": \"r\", \"column\": \"c\", "
     "\"value\": 3, \"hidden\": true}]}",
     "$.releases[1].cells[0]: a hidden count has no \"value\""},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"t\", \"row\": \"r\", \"column\": \"c\"}]}",
     "$.releases[1].cells[0]: a shown count needs its \"value\""},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"t\", \"row\": \"r\", \"column\": \"c\", "
     "\"value\": -1}]}",
     "$.releases[1].cells[0].value: -1 is out of range"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"\", \"row\": \"r\", \"column\": \"c\", "
     "\"value\": 1}]}",
     "$.releases[1].cells[0].table: must not be empty"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"t\", \"row\": \"r\", \"column\": \"c\", "
     "\"value\": 1, \"name\": \"x\"}]}",
     "$.releases[1].cells[0].name: unknown member \"name\""},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 0, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].k: 0 is out of range"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": \"4\", \"cells\": []}",
     "$.releases[1].protection: expected an integer"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"low_k\": false, \"cells\": []}",
     "$.releases[1].low_k: expected true"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"from\": \"2022-01-01\", \"to\": \"2021-01-01\", "
     "\"as_of\": \"2022-01-10\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1].to: the period ends before it starts"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-13-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].as_of: \"2022-13-10\" is not a date"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1]: required member \"as_of\" is missing"},
    {"{\"id\": \"Rel 1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].id: \"Rel 1\" is not a valid id"},
    {"{\"id\": \"rel-1\", \"offer\": \"x\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].offer: no offer \"x\" in the file or the store"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"members\": [\"p\", \"y\"], \"as_of\": "
     "\"2022-01-10\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1].members[1]: no offer \"y\" in the file or the store"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"members\": [\"p\", \"p\"], \"as_of\": "
     "\"2022-01-10\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1].members[1]: offer \"p\" is listed twice"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"members\": [\"o\"], \"as_of\": "
     "\"2022-01-10\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1].members[0]: \"o\" is the release's own offer"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"method\": \"perturb\", \"cells\": [{\"table\": \"t\", \"row\": "
     "\"r\", \"column\": \"c\", \"hidden\": true}]}",
     "$.releases[1].cells[0]: a perturbed release hides no count"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"method\": \"noise\", \"cells\": []}",
     "$.releases[1].method: unknown value \"noise\""},
    {"{\"id\": \"rel-00000002\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].id: duplicate id \"rel-00000002\" (also at $.releases[0])"},
};

START_TEST(bad_entry_names_its_place)
{
    char doc[2048];
    itav_db *db = open_store(0);
    char *empty = export_of(db);
    snprintf(doc, sizeof doc, HEAD REL2 ", %s]}", bad[_i].entry);
    ck_assert_int_eq(itav_import_json_string(db, doc, "bad"), ITAV_EFORMAT);
    ck_assert_msg(strstr(itav_errmsg(db), bad[_i].message) != NULL, "%s", itav_errmsg(db));
    ck_assert_msg(strstr(itav_errmsg(db), "nothing was imported") != NULL, "%s",
                  itav_errmsg(db));
    char *after = export_of(db);
    ck_assert_str_eq(after, empty);
    itav_free(after);
    itav_free(empty);
    close_store(db);
}
END_TEST

/* Into a store with a ledger: the same release is skipped, a differing one with its id is
 * refused and nothing is written, a new one is added. */
START_TEST(merge_by_id)
{
    itav_db *db = open_store(_i);
    ck_assert_msg(itav_import_json_string(db, HEAD REL1 "]}", "first") == ITAV_OK, "%s",
                  itav_errmsg(db));
    char *before = export_of(db);
    const char *again = "{\"format\": \"itav/1\", \"interventions\": [], \"offers\": [], "
                        "\"releases\": [" REL1 "]}";
    ck_assert_msg(itav_import_json_string(db, again, "again") == ITAV_OK, "%s",
                  itav_errmsg(db));
    char *same = export_of(db);
    ck_assert_str_eq(same, before);
    const char *differs = "{\"format\": \"itav/1\", \"interventions\": [], \"offers\": [], "
                          "\"releases\": [" REL2 ", {\"id\": \"rel-00000001\", \"offer\": "
                          "\"o\", \"as_of\": \"2022-01-10\", \"k\": 5, \"protection\": 4, "
                          "\"cells\": []}]}";
    ck_assert_int_eq(itav_import_json_string(db, differs, "differs"), ITAV_EFORMAT);
    ck_assert_msg(strstr(itav_errmsg(db), "$.releases[1].id: release \"rel-00000001\" is "
                                          "already in the store and differs") != NULL,
                  "%s", itav_errmsg(db));
    char *unchanged = export_of(db);
    ck_assert_str_eq(unchanged, before);
    const char *more = "{\"format\": \"itav/1\", \"interventions\": [], \"offers\": [], "
                       "\"releases\": [" REL1 ", " REL2 "]}";
    ck_assert_msg(itav_import_json_string(db, more, "more") == ITAV_OK, "%s", itav_errmsg(db));
    itav_release *rl;
    ck_assert_int_eq(itav_release_get(&rl, db, "rel-00000002"), ITAV_OK);
    itav_release_free(rl);
    itav_free(before);
    itav_free(same);
    itav_free(unchanged);
    close_store(db);
}
END_TEST

/* ---- perturbed releases in the ledger (docs/guide.md, "Perturbation": mixing methods) ---- */

static void person(itav_db *db, const char *ref, bool asking)
{
    char json[512];
    itav_participant *p;
    snprintf(json, sizeof json,
             "{\"ref\": \"%s\", \"offer\": \"solo\", \"kind\": \"%s\", \"status\": \"%s\", "
             "\"registered\": \"2019-01-01\", \"municipality\": \"Haarlem\"}",
             ref, asking ? "family" : "support_family", asking ? "waiting" : "available");
    ck_assert_msg(itav_participant_from_json(&p, db, json) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
}

static void advance(itav_db *db, const char *id, itav_match_state state, int32_t date)
{
    int rc = state == ITAV_MATCH_ACTIVE
                 ? itav_match_skip_evaluation(db, id, date, ITAV_ACTOR_COORDINATOR,
                                              "not evaluated in this fixture")
                 : itav_match_advance(db, id, state, date, ITAV_ACTOR_COORDINATOR, 0, NULL);
    ck_assert_msg(rc == ITAV_OK, "advance %s: %s", id, itav_errmsg(db));
}

/* A fresh memory store (so a fresh secret of the cell key method) with offer "solo" and one
 * match completed in 2020 with a final review (no mark, no outcome) per date. */
static itav_db *final_reviews(const char *const *dates, size_t n)
{
    itav_db *db;
    itav_intervention *iv;
    itav_plan *plan;
    itav_offer *of;
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_new(&iv, "buurt"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "Buurt"), ITAV_OK);
    ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL, 1), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL_MONTHS, 2), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_plan(iv, plan), ITAV_OK);
    itav_plan_free(plan);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
    ck_assert_int_eq(itav_offer_new(&of, "solo", "buurt"), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
    for (size_t i = 0; i < n; i++) {
        char a[16], sup[16], *id;
        itav_review *rv;
        /* every match started and completed in 2020: the reports of 2021 and 2022 count
         * only the final reviews */
        int32_t d = date_of(dates[i]), start = date_of("2020-01-10") + (int32_t)i;
        snprintf(a, sizeof a, "a%02zu", i);
        snprintf(sup, sizeof sup, "s%02zu", i);
        person(db, a, true);
        person(db, sup, false);
        ck_assert_msg(itav_match_propose(&id, db, a, sup, start - 14, ITAV_ACTOR_COORDINATOR,
                                         NULL, NULL) == ITAV_OK, "%s", itav_errmsg(db));
        advance(db, id, ITAV_MATCH_INTRODUCED, start - 7);
        advance(db, id, ITAV_MATCH_TRIAL, start);
        advance(db, id, ITAV_MATCH_ACTIVE, start + 60);
        advance(db, id, ITAV_MATCH_COMPLETED, start + 120);
        ck_assert_int_eq(itav_review_new(&rv, ITAV_REVIEW_FINAL, d, ITAV_RESPONDENT_ASKING),
                         ITAV_OK);
        ck_assert_msg(itav_review_add(NULL, db, id, rv) == ITAV_OK, "%s", itav_errmsg(db));
        itav_review_free(rv);
        itav_free(id);
    }
    return db;
}

/* A report of "solo" made for publication, suppressed or perturbed; NULL when refused
 * (ITAV_ESTATE: not safe to publish). */
static itav_report *publish(itav_db *db, bool perturb, const char *from, const char *to)
{
    itav_report *r = NULL;
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    o.publish = 1;
    o.method = perturb ? ITAV_REPORT_PERTURB : ITAV_REPORT_SUPPRESS;
    o.from = date_of(from);
    o.to = date_of(to);
    o.as_of = date_of("2022-12-31");
    int rc = itav_report_programme(&r, db, "solo", &o);
    ck_assert_msg(rc == ITAV_OK || rc == ITAV_ESTATE, "%s", itav_errmsg(db));
    ck_assert_int_eq(rc == ITAV_OK, r != NULL);
    return r;
}

static char *record(itav_db *db, const itav_report *r)
{
    char *id;
    ck_assert_msg(itav_release_record(&id, db, r) == ITAV_OK, "%s", itav_errmsg(db));
    return id;
}

/* The counts that are the number of final reviews: their table, row and column. */
static const char *const finals[][3] = {{"reviews", "final", "reviews"},
                                        {"formal_help", "not_recorded", "final reviews"}};

/* What a report shows of the final reviews: the value of a shown count of them, or -1. */
static long shown_finals(const itav_report *r)
{
    for (size_t f = 0; f < 2; f++) {
        size_t t = itav_report_table_find(r, finals[f][0]), row = SIZE_MAX, col = SIZE_MAX;
        ck_assert_uint_lt(t, itav_report_table_count(r));
        for (size_t i = 0; i < itav_report_row_count(r, t); i++)
            if (!strcmp(itav_report_cell(r, t, i, 0), finals[f][1]))
                row = i;
        for (size_t c = 0; c < itav_report_column_count(r, t); c++)
            if (!strcmp(itav_report_column(r, t, c), finals[f][2]))
                col = c;
        ck_assert(row != SIZE_MAX && col != SIZE_MAX);
        double v;
        if (!itav_report_cell_suppressed(r, t, row, col) &&
            itav_report_cell_value(&v, r, t, row, col) == ITAV_OK)
            return (long)v;
    }
    return -1;
}

/* Whether the cell key method can publish a true count v as p: the table of docs/guide.md,
 * written out again here as the attacker reads it. */
static bool may_publish(long v, long p)
{
    static const long rows[6][8] = {{0, -9}, {0, 3, 4, -9}, {0, 3, 4, -9}, {0, 4, -9},
                                    {3, 5, -9}, {3, 4, 5, 6, 7, -9}};
    if (v >= 6)
        return p >= v - 3 && p <= v + 3;
    for (size_t i = 0; rows[v][i] != -9; i++)
        if (rows[v][i] == p)
            return true;
    return false;
}

/* The attack: 2021 holds a final reviews and 2022 b; the exact report of 2021-2022 shows
 * a + b = `both` (-1: hidden), the perturbed one of 2022 shows p for b. Whether the values of
 * a that agree narrow it below the protection (4) while it may hold 1 to 4 people (k = 5). */
static bool leaks(long both, long p)
{
    long least = -1, most = -1;
    for (long a = 0; a <= 40; a++)
        for (long b = 0; b <= 40; b++)
            if ((both < 0 || a + b == both) && may_publish(b, p)) {
                least = least < 0 || a < least ? a : least;
                most = a > most ? a : most;
            }
    ck_assert_int_ge(least, 0); /* the true split agrees */
    return most >= 1 && least <= 4 && most - least < 4 && most < 40;
}

static const char *const two_and_five[] = {"2021-05-01", "2021-09-01", "2022-02-01",
                                           "2022-04-01", "2022-06-01", "2022-08-01",
                                           "2022-10-01"};

/* An exact release of 2021-2022 (7 final reviews shown), then a perturbed report of 2022 (5
 * true). The ledger refuses the perturbed report when its count narrows 2021 (2) down;
 * without the exact release in the ledger, it is published and gives 2021 away. Fresh stores
 * (fresh noise) until both cases have come up. */
START_TEST(exact_then_perturbed)
{
    int leaky = 0, safe = 0;
    for (int round = 0; round < 64 && (!leaky || !safe); round++) {
        itav_db *db = final_reviews(two_and_five, 7);
        itav_report *exact = publish(db, false, "2021-01-01", "2022-12-31");
        ck_assert_ptr_nonnull(exact);
        long both = shown_finals(exact);
        ck_assert_int_eq(both, 7);
        char *id = record(db, exact);
        itav_report *pert = publish(db, true, "2022-01-01", "2022-12-31");
        char why[512];
        snprintf(why, sizeof why, "%s", pert ? "" : itav_errmsg(db));
        /* the link switched off: the same perturbed report, the exact one not in the ledger */
        ck_assert_int_eq(itav_release_remove(db, id), ITAV_OK);
        itav_report *alone = publish(db, true, "2022-01-01", "2022-12-31");
        ck_assert_ptr_nonnull(alone);
        long p = shown_finals(alone);
        if (leaks(both, p)) {
            leaky++;
            ck_assert_msg(pert == NULL, "perturbed %ld published after an exact 7", p);
        } else {
            safe++;
            ck_assert_msg(pert != NULL, "perturbed %ld refused, though it narrows nothing: %s",
                          p, why);
            ck_assert_int_eq(shown_finals(pert), p);
        }
        itav_report_free(alone);
        itav_report_free(pert);
        itav_report_free(exact);
        itav_free(id);
        itav_close(db);
    }
    ck_assert_msg(leaky && safe, "noise draws: %d leaky, %d safe", leaky, safe);
}
END_TEST

/* A perturbed release of 2022, then an exact report of 2021-2022. With the ledger the exact
 * report hides the final reviews (or is refused) whenever showing them would narrow 2021
 * down; without the perturbed release in the ledger it shows 7 and gives 2021 away. */
START_TEST(perturbed_then_exact)
{
    int leaky = 0, safe = 0;
    for (int round = 0; round < 64 && (!leaky || !safe); round++) {
        itav_db *db = final_reviews(two_and_five, 7);
        itav_report *pert = publish(db, true, "2022-01-01", "2022-12-31");
        ck_assert_ptr_nonnull(pert);
        long p = shown_finals(pert);
        char *id = record(db, pert);
        itav_release *rl;
        ck_assert_int_eq(itav_release_get(&rl, db, id), ITAV_OK);
        ck_assert_int_eq(itav_release_method(rl), ITAV_REPORT_PERTURB);
        itav_release_free(rl);
        itav_report *exact = publish(db, false, "2021-01-01", "2022-12-31");
        long both = exact ? shown_finals(exact) : -1;
        ck_assert_msg(!leaks(both, p), "exact report shows %ld after a perturbed %ld", both, p);
        ck_assert_int_eq(itav_release_remove(db, id), ITAV_OK);
        itav_report *alone = publish(db, false, "2021-01-01", "2022-12-31");
        ck_assert_ptr_nonnull(alone);
        ck_assert_int_eq(shown_finals(alone), 7);
        if (leaks(7, p))
            leaky++;
        else
            safe++;
        itav_report_free(alone);
        itav_report_free(exact);
        itav_report_free(pert);
        itav_free(id);
        itav_close(db);
    }
    ck_assert_msg(leaky && safe, "noise draws: %d leaky, %d safe", leaky, safe);
}
END_TEST

/* A perturbed release travels with the export, with its method. */
START_TEST(perturbed_release_round_trip)
{
    const char *doc = HEAD "{\"id\": \"rel-00000001\", \"offer\": \"o\", \"as_of\": "
                      "\"2022-01-10\", \"k\": 5, \"protection\": 4, \"method\": \"perturb\", "
                      "\"cells\": [{\"table\": \"reviews\", \"row\": \"final\", \"column\": "
                      "\"reviews\", \"value\": 4}]}]}";
    itav_db *a = open_store(_i), *b = open_store((_i + 1) % STORE_COUNT);
    ck_assert_msg(itav_import_json_string(a, doc, "doc") == ITAV_OK, "%s", itav_errmsg(a));
    char *first = export_of(a);
    ck_assert_msg(strstr(first, "\"method\": \"perturb\"") != NULL, "%s", first);
    ck_assert_msg(itav_import_json_string(b, first, "first") == ITAV_OK, "%s", itav_errmsg(b));
    char *second = export_of(b);
    ck_assert_str_eq(first, second);
    itav_release *rl;
    ck_assert_int_eq(itav_release_get(&rl, b, "rel-00000001"), ITAV_OK);
    ck_assert_int_eq(itav_release_method(rl), ITAV_REPORT_PERTURB);
    itav_release_free(rl);
    ck_assert_int_eq(itav_release_method(NULL), ITAV_REPORT_SUPPRESS);
    itav_free(first);
    itav_free(second);
    close_store(a);
    close_store(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ledger");
    TCase *tc = tcase_create("json");
    tcase_add_loop_test(tc, ledger_round_trip, 0, STORE_COUNT);
    tcase_add_loop_test(tc, bad_entry_names_its_place, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_loop_test(tc, merge_by_id, 0, STORE_COUNT);
    tcase_add_loop_test(tc, perturbed_release_round_trip, 0, STORE_COUNT);
    suite_add_tcase(s, tc);
    TCase *mixed = tcase_create("perturbed");
    tcase_set_timeout(mixed, 600);
    tcase_add_test(mixed, exact_then_perturbed);
    tcase_add_test(mixed, perturbed_then_exact);
    suite_add_tcase(s, mixed);
    return run_suite(s);
}
