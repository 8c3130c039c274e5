/* The cell key method (lib/evaluation/cellkey.c, docs/guide.md "Perturbation"): SipHash-2-4
 * against the paper's vectors, the perturbation table's promises, the store's secret, and
 * perturbed reports: the same records give the same noise, other stores other noise, no count
 * published as 1 or 2, noise bounded, totals within the documented noise, differencing nested
 * periods pins nothing, and an erasure moves its record's key. White-box: it reaches the
 * record keys and the table through the internals. */
#include "report_fixture.h"

#include "evaluation/evaluation_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DMAX ITAV_REPORT_PERTURB_MAX_NOISE

/* ---- fixtures ---- */

/* A match of family a<n> from place, started on start and completed 100 days later, with a
 * final review (mark 7, formal help as given) on review_date (ITAV_DATE_NONE: none). The
 * match's id goes to id (32 bytes) when not NULL. */
static void match(itav_db *db, int n, const char *place, int32_t start, int32_t review_date,
                  itav_formal_help help, char *id_out)
{
    char a[16], s[16], *id;
    snprintf(a, sizeof a, "a%03d", n);
    snprintf(s, sizeof s, "s%03d", n);
    person(db, a, "solo", true, place);
    person(db, s, "solo", false, place);
    ck_assert_msg(itav_match_propose(&id, db, a, s, start - 14, ITAV_ACTOR_COORDINATOR, NULL,
                                     NULL) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, start - 7,
                                        ITAV_ACTOR_COORDINATOR, 0, NULL), ITAV_OK);
    ck_assert_msg(itav_match_advance(db, id, ITAV_MATCH_ACTIVE, start, ITAV_ACTOR_COORDINATOR,
                                     0, NULL) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_match_advance(db, id, ITAV_MATCH_COMPLETED, start + 100,
                                        ITAV_ACTOR_COORDINATOR, 0, NULL), ITAV_OK);
    if (review_date != ITAV_DATE_NONE) {
        itav_review *r;
        ck_assert_int_eq(itav_review_new(&r, ITAV_REVIEW_FINAL, review_date,
                                         ITAV_RESPONDENT_ASKING), ITAV_OK);
        ck_assert_int_eq(itav_review_set_satisfaction(r, 7), ITAV_OK);
        ck_assert_int_eq(itav_review_set_formal_help(r, help), ITAV_OK);
        ck_assert_msg(itav_review_add(NULL, db, id, r) == ITAV_OK, "%s", itav_errmsg(db));
        itav_review_free(r);
    }
    if (id_out)
        snprintf(id_out, 32, "%s", id);
    itav_free(id);
}

/* A store with counts of every size from 0 to 12 across the cells: per place and year a
 * number of matches drawn from seed, each with a final review of a drawn outcome. */
static const char *const places[] = {"Haarlem", "Zandvoort", "Bloemendaal", "Heemstede"};

static void fill(itav_db *db, uint64_t seed)
{
    offer_without_trial(db, "buurt", "Buurt", "solo");
    int n = 0;
    for (size_t p = 0; p < 4; p++)
        for (int y = 0; y < 3; y++) {
            unsigned count = test_rand_below(&seed, 9);
            for (unsigned i = 0; i < count; i++, n++) {
                int32_t start = D("2020-02-01") + 365 * y + 2 * n;
                itav_formal_help help = (itav_formal_help)(1 + test_rand_below(&seed, 5));
                match(db, n, places[p], start, start + 120, help, NULL);
            }
        }
}

static itav_report *report(itav_db *db, int method, int k, int32_t from, int32_t to)
{
    itav_report *r = NULL;
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    o.method = method;
    o.k = k;
    o.from = from;
    o.to = to;
    o.as_of = D("2024-12-31");
    ck_assert_msg(itav_report_programme(&r, db, "solo", &o) == ITAV_OK, "%s", itav_errmsg(db));
    return r;
}

static char *json_of(const itav_report *r)
{
    char *s;
    ck_assert_int_eq(itav_report_write(&s, r, ITAV_REPORT_JSON), ITAV_OK);
    return s;
}

static double value(const itav_report *r, size_t t, size_t row, size_t c)
{
    double v;
    ck_assert_msg(itav_report_cell_value(&v, r, t, row, c) == ITAV_OK, "%s[%zu][%zu]",
                  itav_report_table_name(r, t), row, c);
    return v;
}

/* ---- SipHash and the table ---- */

START_TEST(siphash_vectors)
{
    /* Aumasson and Bernstein, SipHash, appendix A: key 00..0f, message 00..0e */
    unsigned char key[16], msg[64];
    for (int i = 0; i < 16; i++)
        key[i] = (unsigned char)i;
    for (int i = 0; i < 64; i++)
        msg[i] = (unsigned char)i;
    ck_assert_uint_eq(itav__siphash24(key, msg, 15), 0xa129ca6149be45e5ULL);
    /* the reference implementation's vectors.h: the empty message, and 8 bytes */
    ck_assert_uint_eq(itav__siphash24(key, msg, 0), 0x726fdb47dd0e0e31ULL);
    ck_assert_uint_eq(itav__siphash24(key, msg, 8), 0x93f5f5799a932462ULL);
}
END_TEST

START_TEST(perturbation_table)
{
    for (long long n = 0; n <= 40; n++) {
        long long sum = 0, sq = 0;
        for (unsigned key = 0; key < ITAV__CELLKEY_RANGE; key++) {
            int e = itav__cellkey_noise(n, key);
            long long out = n + e;
            ck_assert_int_le(abs(e), DMAX);
            ck_assert_int_ge(out, 0);
            ck_assert_msg(out != 1 && out != 2, "%lld with key %u gives %lld", n, key, out);
            ck_assert_msg(n == 0 || n > 4 || out != n, "%lld with key %u is itself", n, key);
            ck_assert(itav__cellkey_possible(n, out));
            sum += e;
            sq += e * e;
        }
        ck_assert_msg(sum == 0, "the noise of %lld does not average 0 (%lld/256)", n, sum);
        /* the variances the guide gives, in 256ths */
        static const long long var[] = {0, 528, 544, 768, 256, 240, 276};
        ck_assert_int_eq(sq, var[n < 6 ? n : 6]);
    }
    ck_assert(itav__cellkey_possible(0, 0));
    ck_assert(!itav__cellkey_possible(0, 3));
    ck_assert(!itav__cellkey_possible(10, 14));
    ck_assert(itav__cellkey_possible(10, 13));
}
END_TEST

/* ---- the store's secret ---- */

START_TEST(secret_in_every_store)
{
    itav_db *db = open_store(_i);
    offer_without_trial(db, "buurt", "Buurt", "solo"); /* the first transaction makes the secret */
    char *data = NULL;
    size_t size = 0;
    ck_assert_int_eq(itav__get_record(&data, &size, db, "meta", "secret"), ITAV_OK);
    ck_assert_uint_eq(size, ITAV__SECRET_SIZE);
    unsigned char s[ITAV__SECRET_SIZE];
    ck_assert_int_eq(itav__secret(s, db), ITAV_OK);
    ck_assert_int_eq(memcmp(s, data, size), 0);
    itav__free(data);
    /* the same report twice gives the same noise, on every store */
    match(db, 1, "Haarlem", D("2021-03-01"), D("2021-09-01"), ITAV_HELP_PREVENTED, NULL);
    match(db, 2, "Haarlem", D("2021-03-02"), D("2021-09-02"), ITAV_HELP_REDUCED, NULL);
    itav_report *a = report(db, ITAV_REPORT_PERTURB, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
    itav_report *b = report(db, ITAV_REPORT_PERTURB, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
    char *ja = json_of(a), *jb = json_of(b);
    ck_assert_msg(strcmp(ja, jb) == 0, "the same report twice gave other noise");
    /* the export holds no secret: a store rebuilt from it makes a new one */
    char *ex = export_text(db);
    ck_assert_ptr_null(strstr(ex, "secret"));
    itav_free(ex);
    itav_free(ja);
    itav_free(jb);
    itav_report_free(a);
    itav_report_free(b);
    close_store(db);
}
END_TEST

/* A store made before secrets gets one on its first perturbed report, and keeps it: a SQLite
 * file reopened gives the same noise. */
START_TEST(secret_made_on_first_use_and_kept)
{
    char dir[] = "/tmp/itav-cellkey-XXXXXX", uri[128], *ja, *jb;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(uri, sizeof uri, "sqlite:%s/s.db", dir);
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    fill(db, 7);
    ck_assert_int_eq(itav__begin(db), ITAV_OK); /* as a store of an older libitav */
    ck_assert_int_eq(itav__del_record(db, "meta", "secret"), ITAV_OK);
    ck_assert_int_eq(itav__commit(db), ITAV_OK);
    bool there = true;
    ck_assert_int_eq(itav__exists(&there, db, "meta", "secret"), ITAV_OK);
    ck_assert(!there);
    itav_report *a = report(db, ITAV_REPORT_PERTURB, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
    ck_assert_int_eq(itav__exists(&there, db, "meta", "secret"), ITAV_OK);
    ck_assert(there);
    ja = json_of(a);
    itav_report_free(a);
    itav_close(db);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    a = report(db, ITAV_REPORT_PERTURB, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
    jb = json_of(a);
    ck_assert_msg(strcmp(ja, jb) == 0, "the reopened store gave other noise");
    itav_report_free(a);
    itav_close(db);
    itav_free(ja);
    itav_free(jb);
    char path[160];
    snprintf(path, sizeof path, "%s/s.db", dir);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* ---- perturbed reports ---- */

/* Every count cell of p against the same cell of the k = 1 suppression report (the truth):
 * within DMAX, never 1 or 2, a count of 1 to 4 never as itself; returns the positive cells
 * compared, and how many of them moved. */
static size_t compare_counts(const itav_report *p, const itav_report *truth, size_t *moved)
{
    static const char *const tables[] = {"matches_by_state", "matches_started", "reviews",
                                         "effects", "formal_help"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        size_t t = itav_report_table_find(p, tables[i]);
        ck_assert_uint_eq(itav_report_row_count(p, t), itav_report_row_count(truth, t));
        for (size_t row = 0; row < itav_report_row_count(p, t); row++)
            for (size_t c = 1; c < itav_report_column_count(p, t); c++) {
                const char *col = itav_report_column(p, t, c);
                if (strstr(col, "mean") || strcmp(col, "for") == 0 ||
                    strstr(itav_report_cell(p, t, row, 0), "percent"))
                    continue;
                double pv, tv;
                if (itav_report_cell_value(&tv, truth, t, row, c) != ITAV_OK)
                    continue;
                pv = value(p, t, row, c);
                ck_assert_msg(!itav_report_cell_suppressed(p, t, row, c), "a hidden count");
                ck_assert_msg(fabs(pv - tv) <= DMAX, "%s[%zu][%zu]: %g for %g", tables[i], row,
                              c, pv, tv);
                ck_assert_msg(pv != 1 && pv != 2, "%s[%zu][%zu] published as %g", tables[i],
                              row, c, pv);
                ck_assert_msg(tv < 1 || tv > 4 || pv != tv, "%s[%zu][%zu]: %g published "
                              "exactly", tables[i], row, c, tv);
                if (tv > 0) { /* a 0 stays 0: count the others */
                    *moved += pv != tv;
                    n++;
                }
            }
    }
    return n;
}

START_TEST(counts_are_perturbed_within_the_noise)
{
    size_t cells = 0, moved = 0;
    for (uint64_t seed = 1; seed <= 6; seed++) {
        itav_db *db;
        ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
        fill(db, seed * 7919);
        itav_report *p = report(db, ITAV_REPORT_PERTURB, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
        itav_report *truth = report(db, ITAV_REPORT_SUPPRESS, 1, ITAV_DATE_NONE,
                                    ITAV_DATE_NONE);
        ck_assert(itav_report_perturbed(p));
        ck_assert(!itav_report_perturbed(truth));
        ck_assert(itav_report_audit_passed(p));
        cells += compare_counts(p, truth, &moved);
        /* a total has noise of its own: within DMAX of the true total, and within DMAX for
         * each figure of the sum of its cells */
        size_t t = itav_report_table_find(p, "formal_help");
        double sum = 0;
        for (size_t row = 0; row < 7; row++)
            sum += value(p, t, row, 1);
        double total = value(p, t, 7, 1), true_total = value(truth, t, 7, 1);
        ck_assert_str_eq(itav_report_cell(p, t, 7, 0), ITAV__PERTURBED_TOTAL);
        ck_assert(fabs(total - true_total) <= DMAX);
        ck_assert(fabs(total - sum) <= DMAX * 8);
        /* the mean mark is of the true marks (all 7) */
        size_t rv = itav_report_table_find(p, "reviews");
        ck_assert_str_eq(itav_report_cell(p, rv, 2, 3), "7");
        itav_report_free(p);
        itav_report_free(truth);
        itav_close(db);
    }
    /* it does perturb: at least 156 of 256 cell keys move a positive count */
    ck_assert_uint_gt(cells, 150);
    ck_assert_uint_gt(moved, cells * 2 / 5);
}
END_TEST

/* Other stores have other secrets: the same data gives other noise. */
START_TEST(other_stores_other_noise)
{
    itav_db *a, *b;
    ck_assert_int_eq(itav_open(&a, "memory:"), ITAV_OK);
    ck_assert_int_eq(itav_open(&b, "memory:"), ITAV_OK);
    fill(a, 42);
    fill(b, 42);
    itav_report *ra = report(a, ITAV_REPORT_PERTURB, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
    itav_report *rb = report(b, ITAV_REPORT_PERTURB, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
    itav_report *ta = report(a, ITAV_REPORT_SUPPRESS, 1, ITAV_DATE_NONE, ITAV_DATE_NONE);
    itav_report *tb = report(b, ITAV_REPORT_SUPPRESS, 1, ITAV_DATE_NONE, ITAV_DATE_NONE);
    char *ja = json_of(ra), *jb = json_of(rb), *jta = json_of(ta), *jtb = json_of(tb);
    /* the same data, other noise (whole JSON texts: compared, not printed) */
    ck_assert_msg(strcmp(jta, jtb) == 0, "the two stores hold other data");
    ck_assert_msg(strcmp(ja, jb) != 0, "two stores gave the same noise");
    itav_free(ja);
    itav_free(jb);
    itav_free(jta);
    itav_free(jtb);
    itav_report_free(ra);
    itav_report_free(rb);
    itav_report_free(ta);
    itav_report_free(tb);
    itav_close(a);
    itav_close(b);
}
END_TEST

/* The noise of a cell is the table's for its value and the sum of its records' keys: checked
 * for the matches started in Haarlem, before and after an erasure moves one of them to "not
 * known", which takes that match's key out of Haarlem's cell and into the other row. */
START_TEST(cell_key_is_the_sum_of_record_keys)
{
    itav_db *db;
    char ids[12][32];
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    offer_without_trial(db, "buurt", "Buurt", "solo");
    for (int i = 0; i < 12; i++)
        match(db, i, i < 10 ? "Haarlem" : "Zandvoort", D("2021-02-01") + i, ITAV_DATE_NONE, 0,
              ids[i]);
    itav_report *p = report(db, ITAV_REPORT_PERTURB, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
    ck_assert(p->keyed == false); /* the secret is gone once the tables are built */
    itav_report holder = {0};
    ck_assert_int_eq(itav__cellkey_prepare(&holder, db), ITAV_OK);
    unsigned key = 0, erased_key = itav__record_key(&holder, "match", ids[3]);
    for (int i = 0; i < 10; i++)
        key += itav__record_key(&holder, "match", ids[i]);
    size_t t = itav_report_table_find(p, "matches_started");
    ck_assert_str_eq(itav_report_cell(p, t, 0, 0), "Haarlem");
    ck_assert_int_eq((int)value(p, t, 0, 1), 10 + itav__cellkey_noise(10, key));
    /* the waiting list's counts are keyed by their participants: Haarlem's ten asking
     * families registered (column 1) and its ten support families (column 2) */
    unsigned asking = 0, supporting = 0;
    char ref[16];
    for (int i = 0; i < 10; i++) {
        snprintf(ref, sizeof ref, "a%03d", i);
        asking += itav__record_key(&holder, "participant", ref);
        snprintf(ref, sizeof ref, "s%03d", i);
        supporting += itav__record_key(&holder, "participant", ref);
    }
    size_t w = itav_report_table_find(p, "waiting_list");
    ck_assert_str_eq(itav_report_cell(p, w, 0, 0), "Haarlem");
    ck_assert_int_eq((int)value(p, w, 0, 1),
                     10 + itav__cellkey_noise(10, asking % ITAV__CELLKEY_RANGE));
    ck_assert_int_eq((int)value(p, w, 0, 2),
                     10 + itav__cellkey_noise(10, supporting % ITAV__CELLKEY_RANGE));
    itav_report_free(p);
    /* the erasure: a3's match now counts for "not known" */
    ck_assert_msg(itav_participant_erase_at(db, "a003", D("2022-01-01"), NULL) == ITAV_OK, "%s",
                  itav_errmsg(db));
    p = report(db, ITAV_REPORT_PERTURB, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
    ck_assert_str_eq(itav_report_cell(p, t, 0, 0), "Haarlem");
    ck_assert_int_eq((int)value(p, t, 0, 1),
                     9 + itav__cellkey_noise(9, (key - erased_key) % ITAV__CELLKEY_RANGE));
    /* "not known" holds one match, or is folded into "other municipalities" with Zandvoort's
     * two; either way it is never published as 1 or 2 */
    for (size_t row = 1; row + 1 < itav_report_row_count(p, t); row++) {
        double v = value(p, t, row, 1);
        ck_assert(v != 1 && v != 2);
    }
    itav__cellkey_forget(&holder);
    itav_report_free(p);
    itav_close(db);
}
END_TEST

/* The differencing attack on nested periods: 2 final reviews in 2021 and 5 in 2022,
 * published perturbed for 2021-2022, 2021 and 2022. Every split (x2021, x2022) the table could
 * have turned into the published values stays possible; the attacker's set of values for
 * 2021 has more than one member. A period widened into days without records gives the same
 * cells, so asking again and averaging gains nothing. */
START_TEST(differencing_nested_periods)
{
    for (int run = 0; run < 8; run++) {
        itav_db *db;
        ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
        offer_without_trial(db, "buurt", "Buurt", "solo");
        for (int n = 0; n < 7; n++)
            match(db, n, "Haarlem", D("2020-06-01") + 3 * n,
                  (n < 2 ? D("2021-06-01") : D("2022-06-01")) + n, ITAV_HELP_PREVENTED, NULL);
        static const char *const periods[3][2] = {{"2021-01-01", "2022-12-31"},
            {"2021-01-01", "2021-12-31"}, {"2022-01-01", "2022-12-31"}};
        double seen[3];
        for (int i = 0; i < 3; i++) {
            itav_report *r = report(db, ITAV_REPORT_PERTURB, 5, D(periods[i][0]),
                                    D(periods[i][1]));
            size_t t = itav_report_table_find(r, "reviews");
            seen[i] = value(r, t, 2, 1);
            /* the same records with a wider period: the same published count */
            itav_report *w = report(db, ITAV_REPORT_PERTURB, 5, D(periods[i][0]) - 30,
                                    D(periods[i][1]) + 30);
            ck_assert(value(w, t, 2, 1) == seen[i]);
            itav_report_free(w);
            itav_report_free(r);
        }
        ck_assert(seen[1] != 1 && seen[1] != 2);
        bool x1_possible[40] = {false};
        size_t values = 0;
        for (int x1 = 0; x1 < 40; x1++)
            for (int x2 = 0; x2 < 40; x2++)
                if (itav__cellkey_possible(x1 + x2, (long long)seen[0]) &&
                    itav__cellkey_possible(x1, (long long)seen[1]) &&
                    itav__cellkey_possible(x2, (long long)seen[2]))
                    x1_possible[x1] = true;
        for (int x1 = 0; x1 < 40; x1++)
            values += x1_possible[x1];
        ck_assert(x1_possible[2]); /* the truth is among them */
        ck_assert_msg(values >= 2, "run %d: the 2 of 2021 is pinned", run);
        itav_close(db);
    }
    /* and whatever cell keys the three cells have: every way the table can publish 7, 2 and 5
     * leaves the 2 of 2021 at least two values */
    for (long long a = 7 - DMAX; a <= 7 + DMAX; a++)
        for (long long b = 2 - DMAX; b <= 2 + DMAX; b++)
            for (long long c = 5 - DMAX; c <= 5 + DMAX; c++) {
                if (!itav__cellkey_possible(7, a) || !itav__cellkey_possible(2, b) ||
                    !itav__cellkey_possible(5, c))
                    continue;
                int values = 0;
                for (int x1 = 0; x1 < 12; x1++)
                    for (int x2 = 0; x2 < 12; x2++)
                        if (itav__cellkey_possible(x1 + x2, a) && itav__cellkey_possible(x1, b) &&
                            itav__cellkey_possible(x2, c)) {
                            values++;
                            break;
                        }
                ck_assert_msg(values >= 2, "published %lld, %lld, %lld pin 2021", a, b, c);
            }
}
END_TEST

/* The options (version 3), the refusals, the ledger, and the marks in every format. */
START_TEST(options_and_formats)
{
    itav_db *db;
    itav_report *r = NULL;
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    fill(db, 3);
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    ck_assert_int_eq(o.version, 3);
    ck_assert_int_eq(o.method, ITAV_REPORT_SUPPRESS);
    o.method = 2;
    ck_assert_int_eq(itav_report_programme(&r, db, "solo", &o), ITAV_EINVAL);
    assert_msg(db, "method is 2");
    ck_assert_ptr_null(r);
    /* a version-2 caller's struct ends before method: never read, suppression */
    struct { unsigned version; int k; int32_t as_of, from, to; int publish, low_k, protection;
             int garbage; } v2 = {2, 5, ITAV_DATE_NONE, ITAV_DATE_NONE, ITAV_DATE_NONE, 0, 0,
                                  0, 1};
    ck_assert_int_eq(itav_report_programme(&r, db, "solo", (itav_report_options *)(void *)&v2),
                     ITAV_OK);
    ck_assert(!itav_report_perturbed(r));
    itav_report_free(r);
    /* made for publication: recorded in the ledger with its method (test_ledger.c) */
    o.method = ITAV_REPORT_PERTURB;
    o.publish = 1;
    ck_assert_int_eq(itav_report_programme(&r, db, "solo", &o), ITAV_OK);
    char *json, *csv, *md, *nl;
    ck_assert_int_eq(itav_report_write(&json, r, ITAV_REPORT_JSON), ITAV_OK);
    ck_assert_int_eq(itav_report_write(&csv, r, ITAV_REPORT_CSV), ITAV_OK);
    ck_assert_int_eq(itav_report_write(&md, r, ITAV_REPORT_MARKDOWN), ITAV_OK);
    ck_assert_int_eq(itav_report_write_lang(&nl, r, ITAV_REPORT_MARKDOWN, ITAV_LANG_NL),
                     ITAV_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"method\": \"perturb\""));
    ck_assert_ptr_nonnull(strstr(json, "\"max_noise\": 3"));
    ck_assert_ptr_nonnull(strstr(csv, "\r\nmethod,1,method,perturb,0\r\n"));
    ck_assert_ptr_nonnull(strstr(csv, "\r\nmethod,1,max_noise,3,0\r\n"));
    ck_assert_ptr_nonnull(strstr(md, "Counts perturbed by the cell key method."));
    ck_assert_ptr_nonnull(strstr(md, "it is at most 3 from the true count"));
    ck_assert_ptr_null(strstr(md, "Audit"));
    ck_assert_ptr_nonnull(strstr(nl, "Aantallen verstoord met de celsleutelmethode."));
    ck_assert_ptr_nonnull(strstr(nl, "wijkt ten hoogste 3 af"));
    itav_free(nl);
    /* a Dutch CSV separates its fields with ';', the method rows too */
    ck_assert_int_eq(itav_report_write_lang(&nl, r, ITAV_REPORT_CSV, ITAV_LANG_NL), ITAV_OK);
    ck_assert_ptr_nonnull(strstr(nl, "\r\nmethod;1;method;perturb;0\r\n"));
    ck_assert_ptr_nonnull(strstr(nl, "\r\nmethod;1;max_noise;3;0\r\n"));
    itav_free(json);
    itav_free(csv);
    itav_free(md);
    itav_free(nl);
    itav_report_free(r);
    /* a suppressed report says so in its JSON, and has no method rows in its CSV */
    r = report(db, ITAV_REPORT_SUPPRESS, 5, ITAV_DATE_NONE, ITAV_DATE_NONE);
    ck_assert_int_eq(itav_report_write(&json, r, ITAV_REPORT_JSON), ITAV_OK);
    ck_assert_int_eq(itav_report_write(&csv, r, ITAV_REPORT_CSV), ITAV_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"method\": \"suppress\""));
    ck_assert_ptr_null(strstr(csv, "\r\nmethod,"));
    itav_free(json);
    itav_free(csv);
    itav_report_free(r);
    itav_close(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cellkey");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, siphash_vectors);
    tcase_add_test(tc, perturbation_table);
    tcase_add_loop_test(tc, secret_in_every_store, 0, STORE_COUNT);
    tcase_add_test(tc, secret_made_on_first_use_and_kept);
    tcase_add_test(tc, counts_are_perturbed_within_the_noise);
    tcase_add_test(tc, other_stores_other_noise);
    tcase_add_test(tc, cell_key_is_the_sum_of_record_keys);
    tcase_add_test(tc, differencing_nested_periods);
    tcase_add_test(tc, options_and_formats);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
