/* The waiting list of a programme report (issue 14): registrations in the period, asking
 * participants waiting and supporters available at its end, and the median waiting time to
 * a first match, per municipality, under the report's suppression. The numbers below are
 * worked out by hand from the fixture (docs/guide.md, "The waiting list"). White-box for the
 * relations the audit is given (lib/evaluation/evaluation_int.h). */
#include "internal.h"
#include "evaluation/evaluation_int.h"
#include "report_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OFFER "wl-haarlem"
#define HIDDEN "hidden to protect small numbers"

/* A participant: asking (family) or supporting, registered on a date, in a municipality
 * (NULL: not given), with a status and further JSON members. */
static void participant(itav_db *db, const char *ref, bool asking, const char *registered,
                        const char *place, const char *status, const char *extra)
{
    char json[512], where[96] = "";
    itav_participant *p;
    if (place)
        snprintf(where, sizeof where, ", \"municipality\": \"%s\"", place);
    snprintf(json, sizeof json,
             "{\"ref\": \"%s\", \"offer\": \"" OFFER "\", \"kind\": \"%s\", \"status\": \"%s\", "
             "\"registered\": \"%s\"%s%s%s}",
             ref, asking ? "family" : "support_family", status, registered, where,
             extra ? ", " : "", extra ? extra : "");
    ck_assert_msg(itav_participant_from_json(&p, db, json) == ITAV_OK, "%s: %s", ref,
                  itav_errmsg(db));
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
}

/* A match proposed on `proposed` and, with `start`, introduced and active (started) then. */
static void match(itav_db *db, const char *a, const char *s, const char *proposed,
                  const char *start)
{
    char *id = NULL;
    ck_assert_msg(itav_match_propose(&id, db, a, s, D(proposed), ITAV_ACTOR_COORDINATOR, NULL,
                                     NULL) == ITAV_OK, "propose %s: %s", a, itav_errmsg(db));
    if (start) {
        ck_assert_msg(itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, D(start),
                                         ITAV_ACTOR_COORDINATOR, 0, NULL) == ITAV_OK, "%s",
                      itav_errmsg(db));
        ck_assert_msg(itav_match_advance(db, id, ITAV_MATCH_ACTIVE, D(start),
                                         ITAV_ACTOR_COORDINATOR, 0, NULL) == ITAV_OK, "%s",
                      itav_errmsg(db));
    }
    itav_free(id);
}

/* The period is 2021. By hand:
 *
 *   who  side  municipality  registered  first match starts  at the end of 2021
 *   h1   ask   Haarlem       2020-11-01  2021-02-01 (92 d)   active
 *   h2   ask   Haarlem       2021-03-01  2021-03-11 (10 d)   active
 *   h3   ask   Haarlem       2021-05-01  (proposed 06-01)    waiting
 *   h4   ask   Haarlem       2021-07-01  -                   waiting
 *   h5   ask   Haarlem       2021-08-01  -                   inactive since 2021-09-01
 *   h6   ask   Haarlem       2022-01-15  -                   not yet registered
 *   z1   ask   Zandvoort     2021-02-01  2021-04-02 (60 d)   active
 *   z2   ask   Zandvoort     2020-06-01  -                   waiting
 *   u1   ask   (none)        2021-01-10  2021-01-30 (20 d)   active
 *   sh1  sup   Haarlem       2020-01-01  with h1, capacity 1: no room
 *   sh2  sup   Haarlem       2021-02-15  with h2, capacity 2: room, available
 *   sh3  sup   Haarlem       2021-04-01  proposed with h3, capacity 1: no room
 *   si   sup   Haarlem       2021-03-01  intake: not available
 *   sz1  sup   Zandvoort     2020-05-01  with z1, capacity 1: no room
 *   sz2  sup   Zandvoort     2021-06-01  available
 *   su1  sup   (none)        2020-01-01  with u1, capacity 1: no room
 *
 * Haarlem: registered 4 asking (h2-h5) and 3 supporters (sh2, sh3, si); waiting 2 (h3, h4);
 * available 1 (sh2); first matches 2 (h1, h2), median (10 + 92) / 2 = 51.
 * Zandvoort: 1 (z1), 1 (sz2); waiting 1 (z2); available 1 (sz2); first 1, median 60.
 * not known: 1 (u1), 0; 0; 0; first 1, median 20.
 * All: 6, 4, 3, 2, 4; median of 10, 20, 60, 92 = 40. */
static itav_db *fixture(int store)
{
    itav_db *db = open_store(store);
    offer_without_trial(db, "wl", "wl", OFFER);
    participant(db, "h1", true, "2020-11-01", "Haarlem", "waiting", NULL);
    participant(db, "h2", true, "2021-03-01", "Haarlem", "waiting", NULL);
    participant(db, "h3", true, "2021-05-01", "haarlem", "waiting", NULL); /* another spelling */
    participant(db, "h4", true, "2021-07-01", "Haarlem", "waiting", NULL);
    participant(db, "h5", true, "2021-08-01", "Haarlem", "inactive",
                "\"status_date\": \"2021-09-01\"");
    participant(db, "h6", true, "2022-01-15", "Haarlem", "waiting", NULL);
    participant(db, "z1", true, "2021-02-01", "Zandvoort", "waiting", NULL);
    participant(db, "z2", true, "2020-06-01", "Zandvoort", "waiting", NULL);
    participant(db, "u1", true, "2021-01-10", NULL, "waiting", NULL);
    participant(db, "sh1", false, "2020-01-01", "Haarlem", "available", NULL);
    participant(db, "sh2", false, "2021-02-15", "Haarlem", "available", "\"capacity\": 2");
    participant(db, "sh3", false, "2021-04-01", "Haarlem", "available", NULL);
    participant(db, "si", false, "2021-03-01", "Haarlem", "intake", NULL);
    participant(db, "sz1", false, "2020-05-01", "Zandvoort", "available", NULL);
    participant(db, "sz2", false, "2021-06-01", "Zandvoort", "available", NULL);
    participant(db, "su1", false, "2020-01-01", NULL, "available", NULL);
    match(db, "h1", "sh1", "2021-01-20", "2021-02-01");
    match(db, "h2", "sh2", "2021-03-05", "2021-03-11");
    match(db, "h3", "sh3", "2021-06-01", NULL);
    match(db, "z1", "sz1", "2021-03-20", "2021-04-02");
    match(db, "u1", "su1", "2021-01-15", "2021-01-30");
    return db;
}

static itav_report *report(itav_db *db, int k)
{
    itav_report *r = NULL;
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    o.k = k;
    o.from = D("2021-01-01");
    o.to = D("2021-12-31");
    ck_assert_msg(itav_report_programme(&r, db, OFFER, &o) == ITAV_OK, "%s", itav_errmsg(db));
    return r;
}

/* The waiting list's rows as "label|c1|c2|...", one per line. */
static char *rows(const itav_report *r)
{
    static char buf[4096];
    size_t t = itav_report_table_find(r, "waiting_list"), n = 0;
    ck_assert_uint_ne(t, (size_t)-1);
    buf[0] = '\0';
    for (size_t row = 0; row < itav_report_row_count(r, t); row++) {
        for (size_t c = 0; c < itav_report_column_count(r, t); c++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", c ? "|" : "",
                                  itav_report_cell(r, t, row, c));
        n += (size_t)snprintf(buf + n, sizeof buf - n, "\n");
    }
    return buf;
}

START_TEST(worked_out_by_hand)
{
    itav_db *db = fixture(_i);
    itav_report *r = report(db, 1);
    size_t t = itav_report_table_find(r, "waiting_list");
    /* appended after the tables of libitav 0.3, whose places stay as they were */
    ck_assert_uint_eq(t, 8);
    ck_assert_str_eq(itav_report_table_name(r, 7), "portfolio");
    static const char *const headings[] = {"municipality", "asking registered",
        "supporters registered", "asking waiting at the end", "supporters available at the end",
        "first matches", "median days to a first match"};
    ck_assert_uint_eq(itav_report_column_count(r, t), 7);
    for (size_t c = 0; c < 7; c++)
        ck_assert_str_eq(itav_report_column(r, t, c), headings[c]);
    ck_assert_str_eq(rows(r), "Haarlem|4|3|2|1|2|51\n"
                              "Zandvoort|1|1|1|1|1|60\n"
                              "not known|1|0|0|0|1|20\n"
                              "total of shown cells|6|4|3|2|4|40\n");
    double v;
    ck_assert_int_eq(itav_report_cell_value(&v, r, t, 0, 6), ITAV_OK);
    ck_assert(v == 51);
    itav_report_free(r);

    /* a period that ends earlier: on 2021-03-05 h1 and u1 are active, h2 (registered 03-01,
     * proposed that day), z1 and z2 wait; sh2 has room for a second match, sz1 was still
     * available (its match was proposed on 03-20: a status set after the end does not
     * count), sz2 was not yet registered; h1 (92 days) and u1 (20) started in the period */
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    o.k = 1;
    o.from = D("2021-01-01");
    o.to = D("2021-03-05");
    ck_assert_int_eq(itav_report_programme(&r, db, OFFER, &o), ITAV_OK);
    ck_assert_str_eq(rows(r), "Haarlem|1|2|1|1|1|92\n"
                              "Zandvoort|1|0|2|1|0|\n"
                              "not known|1|0|0|0|1|20\n"
                              "total of shown cells|3|2|3|2|2|56\n");
    itav_report_free(r);
    close_store(db);
}
END_TEST

/* k = 2: the small counts are hidden, Zandvoort and "not known" would show nobody and are
 * folded into "other municipalities", and each column keeps no single hidden cell. A median
 * is shown over at least k first matches, and hidden with its count. */
START_TEST(suppressed_like_every_count)
{
    itav_db *db = fixture(_i);
    itav_report *r = report(db, 2);
    size_t t = itav_report_table_find(r, "waiting_list");
    ck_assert_str_eq(rows(r), "Haarlem|4|<2|<2|<2|2|51\n"
                              "other municipalities|2|<2|<2|<2|2|40\n"
                              "total of shown cells|6|0|0|0|4|40\n");
    ck_assert_int_eq(itav_report_cell_hidden(r, t, 0, 2), ITAV_HIDDEN_SECONDARY);
    ck_assert_int_eq(itav_report_cell_hidden(r, t, 1, 2), ITAV_HIDDEN_PRIMARY);
    ck_assert(itav_report_audit_passed(r));
    itav_report_free(r);

    /* k = 3: every municipality folds into one row; its median rests on 4 first matches */
    r = report(db, 3);
    t = itav_report_table_find(r, "waiting_list");
    ck_assert_str_eq(rows(r), "other municipalities|6|4|3|<3|4|40\n");
    ck_assert(itav_report_audit_passed(r));
    itav_report_free(r);

    /* k = 5: 4 first matches are too few for a median */
    r = report(db, 5);
    t = itav_report_table_find(r, "waiting_list");
    ck_assert_str_eq(rows(r), "other municipalities|6|<5|<5|<5|<5|" HIDDEN "\n");
    ck_assert_int_eq(itav_report_cell_hidden(r, t, 0, 6), ITAV_HIDDEN_MAGNITUDE);
    itav_report_free(r);
    close_store(db);
}
END_TEST

/* The audit is given what holds between the first matches and matches_started: per
 * municipality shown in both (Haarlem at k = 1) and in all, first matches <= matches started;
 * and it audits the waiting list's hidden counts like any other. */
START_TEST(the_audit_knows_the_relations)
{
    itav_db *db = fixture(_i);
    itav_report *r = report(db, 1);
    size_t w = itav_report_table_find(r, "waiting_list");
    size_t s = itav_report_table_find(r, "matches_started");
    size_t cols = r->tables[w].columns.n, haarlem = 0, all = 0;
    for (size_t i = 0; i < r->nrelations; i++) {
        const itav__relation *rel = &r->relations[i];
        size_t first = 0, started = 0;
        for (size_t j = 0; j < rel->n; j++)
            first += rel->terms[j].table == w;
        if (!first)
            continue;
        for (size_t j = 0; j < rel->n; j++) {
            if (rel->terms[j].table == w) {
                ck_assert_uint_eq(rel->terms[j].cell % cols, 5); /* first matches */
                ck_assert_int_eq(rel->terms[j].coef, 1);
            } else {
                ck_assert_uint_eq(rel->terms[j].table, s);
                ck_assert_int_eq(rel->terms[j].coef, -1);
                started++;
            }
        }
        ck_assert(!rel->equal);
        ck_assert_uint_gt(started, 0);
        haarlem += first == 1 && rel->terms[0].cell == 5; /* row 0: Haarlem */
        all += first == 3;                                 /* every row but the total */
    }
    ck_assert_uint_eq(haarlem, 1);
    ck_assert_uint_eq(all, 1);
    itav_report_free(r);

    r = report(db, 2);
    int safe;
    int64_t low, high;
    w = itav_report_table_find(r, "waiting_list");
    ck_assert_int_eq(itav_report_cell_audit(&safe, &low, &high, r, w, 1, 2), ITAV_OK);
    ck_assert_int_eq(safe, 1);
    ck_assert_int_eq(itav_report_cell_audit(&safe, &low, &high, r, w, 0, 1), ITAV_ENOTFOUND);
    itav_report_free(r);
    close_store(db);
}
END_TEST

/* Markdown, CSV and JSON carry the table; Markdown and CSV word it in Dutch. */
START_TEST(every_format_and_language)
{
    itav_db *db = fixture(_i);
    itav_report *r = report(db, 2);
    char *md, *csv, *json, *md_nl, *csv_nl;
    ck_assert_int_eq(itav_report_write(&md, r, ITAV_REPORT_MARKDOWN), ITAV_OK);
    ck_assert_int_eq(itav_report_write(&csv, r, ITAV_REPORT_CSV), ITAV_OK);
    ck_assert_int_eq(itav_report_write(&json, r, ITAV_REPORT_JSON), ITAV_OK);
    ck_assert_int_eq(itav_report_write_lang(&md_nl, r, ITAV_REPORT_MARKDOWN, ITAV_LANG_NL),
                     ITAV_OK);
    ck_assert_int_eq(itav_report_write_lang(&csv_nl, r, ITAV_REPORT_CSV, ITAV_LANG_NL), ITAV_OK);
    ck_assert_msg(strstr(md, "Waiting list per municipality"), "%.300s", md);
    ck_assert_msg(strstr(md, "| Haarlem | 4 | <2 | <2 | <2 | 2 | 51 |"), "%.300s", md);
    ck_assert_msg(strstr(csv, "waiting_list,1,median days to a first match,51,0"), "%.300s",
                  csv);
    ck_assert_msg(strstr(json, "\"name\": \"waiting_list\""), "%.300s", json);
    ck_assert_msg(strstr(md_nl, "Wachtlijst per gemeente"), "%.300s", md_nl);
    ck_assert_msg(strstr(md_nl, "mediaan aantal dagen tot een eerste match"), "%.300s", md_nl);
    ck_assert_msg(strstr(md_nl, "overige gemeenten"), "%.300s", md_nl);
    ck_assert_msg(strstr(csv_nl, "hulpvragers wachtend aan het einde"), "%.300s", csv_nl);
    itav_free(md);
    itav_free(csv);
    itav_free(json);
    itav_free(md_nl);
    itav_free(csv_nl);
    itav_report_free(r);
    close_store(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report_waiting");
    TCase *tc = tcase_create("store");
    tcase_add_loop_test(tc, worked_out_by_hand, 0, STORE_COUNT);
    tcase_add_loop_test(tc, suppressed_like_every_count, 0, STORE_COUNT);
    tcase_add_loop_test(tc, the_audit_knows_the_relations, 0, STORE_COUNT);
    tcase_add_loop_test(tc, every_format_and_language, 0, STORE_COUNT);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
