/* Programme reports (itav/report.h): the tables, computed from the store through the public
 * API. Every table is suppressed (report_write.c) before anything derived from its shown
 * cells is filled in, so a suppressed number never reaches a total, a mean or a share. */
#include "evaluation/evaluation_int.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOTAL_LABEL ITAV__TOTAL_LABEL

/* What a report rests on: detached copies of the records of the covered offers. */
typedef struct basis {
    itav_db *db;
    itav_report *r;
    itav__iter offers;  /* itav_offer; the first is the report's own offer */
    itav__iter matches; /* itav_match */
    itav__iter reviews; /* itav_review, dated in the period */
    itav__iter inds;    /* itav_indicator */
} basis;

static void free_offer(void *p) { itav_offer_free(p); }
static void free_match(void *p) { itav_match_free(p); }
static void free_review(void *p) { itav_review_free(p); }
static void free_indicator(void *p) { itav_indicator_free(p); }

static bool in_period(int32_t d, const itav_report *r)
{
    return d != ITAV_DATE_NONE && (r->from == ITAV_DATE_NONE || d >= r->from) &&
           (r->to == ITAV_DATE_NONE || d <= r->to);
}

static const itav_offer *offer_at(const basis *b, size_t i) { return b->offers.items[i]; }

/* ---- loading ---- */

static int load_offers(basis *b, const char *id)
{
    itav_offer *of;
    itav_offer_iter *it;
    int rc = itav_offer_get(&of, b->db, id);
    if (rc != ITAV_OK || (rc = itav__iter_push(&b->offers, of)) != ITAV_OK ||
        (rc = itav_offer_list(&it, b->db, NULL, NULL)) != ITAV_OK)
        return rc;
    while (rc == ITAV_OK && itav_offer_iter_next(&of, it) == ITAV_OK) {
        const char *prog = itav_offer_programme(of);
        if (prog && strcmp(prog, id) == 0 &&
            (rc = itav__strlist_add(&b->r->members, itav_offer_id(of))) == ITAV_OK)
            rc = itav__iter_push(&b->offers, of);
        else
            itav_offer_free(of);
    }
    itav_offer_iter_free(it);
    return rc;
}

static int load_records(basis *b)
{
    int rc = ITAV_OK;
    for (size_t i = 0; rc == ITAV_OK && i < b->offers.n; i++) {
        const char *id = itav_offer_id(offer_at(b, i));
        itav_match_filter f = ITAV_MATCH_FILTER_INIT;
        itav_match_iter *mi;
        itav_indicator_iter *ii;
        itav_match *m;
        itav_indicator *ind;
        f.offer = id;
        if ((rc = itav_match_list(&mi, b->db, &f)) != ITAV_OK)
            return rc;
        while (rc == ITAV_OK && itav_match_iter_next(&m, mi) == ITAV_OK)
            rc = itav__iter_push(&b->matches, m);
        itav_match_iter_free(mi);
        /* the reviews of the period only, through the store's range of dates */
        if (rc != ITAV_OK ||
            (rc = itav__review_list_dated(&b->reviews, b->db, id, b->r->from, b->r->to)) !=
                ITAV_OK ||
            (rc = itav_indicator_list(&ii, b->db, id)) != ITAV_OK)
            return rc;
        while (rc == ITAV_OK && itav_indicator_iter_next(&ind, ii) == ITAV_OK)
            rc = itav__iter_push(&b->inds, ind);
        itav_indicator_iter_free(ii);
    }
    return rc;
}

/* The latest date in the data: match moves, reviews, measurements and baselines; today when
 * there is none. */
static int32_t latest_date(const basis *b)
{
    int32_t latest = ITAV_DATE_NONE, d;
    for (size_t i = 0; i < b->matches.n; i++) {
        const itav_match *m = b->matches.items[i];
        for (size_t t = 0; itav_match_transition(m, t, NULL, &d, NULL, NULL) == ITAV_OK; t++)
            latest = d > latest ? d : latest;
    }
    for (size_t i = 0; i < b->reviews.n; i++)
        latest = (d = itav_review_date(b->reviews.items[i])) > latest ? d : latest;
    for (size_t i = 0; i < b->inds.n; i++) {
        const itav_indicator *ind = b->inds.items[i];
        for (size_t j = 0; itav_indicator_measurement(ind, j, &d, NULL, NULL, NULL) == ITAV_OK;
             j++)
            latest = d > latest ? d : latest;
        if (itav_indicator_baseline(ind, &d, NULL, NULL, NULL) == ITAV_OK)
            latest = d > latest ? d : latest;
    }
    return latest != ITAV_DATE_NONE ? latest : itav__today();
}

/* ---- building tables: errors stick, so a table is built without a check per cell ---- */

typedef struct builder {
    itav__table *t;
    size_t row;
    int rc;
} builder;

static int begin_table(builder *tb, itav_report *r, const char *name, const char *title,
                       const char *const *columns)
{
    itav__table *v = itav__realloc(r->tables, (r->ntables + 1) * sizeof *v);
    tb->t = NULL;
    tb->row = 0;
    if (!v)
        return tb->rc = ITAV_ENOMEM;
    r->tables = v;
    tb->t = memset(&v[r->ntables++], 0, sizeof *v);
    tb->rc = ITAV_OK;
    if (!(tb->t->name = itav__strdup(name)) || !(tb->t->title = itav__strdup(title)))
        tb->rc = ITAV_ENOMEM;
    for (size_t c = 0; tb->rc == ITAV_OK && columns[c]; c++)
        tb->rc = itav__strlist_add(&tb->t->columns, columns[c]);
    return tb->rc;
}

static void new_row(builder *tb)
{
    if (tb->rc == ITAV_OK)
        tb->rc = itav__table_add_row(tb->t, &tb->row);
}

static void text(builder *tb, size_t col, const char *s)
{
    if (tb->rc == ITAV_OK)
        tb->rc = itav__table_set_text(tb->t, tb->row, col, s);
}

/* Words of the data with the library's words among them: s in the cell, and nl, the same in
 * Dutch, written in Dutch reports. */
static void text_beside(builder *tb, size_t col, const char *s, const char *nl)
{
    text(tb, col, s);
    itav__cell *c = tb->rc == ITAV_OK ? itav__table_cell(tb->t, tb->row, col) : NULL;
    if (c && strcmp(s, nl) != 0 && !(c->text_nl = itav__strdup(nl)))
        tb->rc = ITAV_ENOMEM;
}

/* A fixed text (its Dutch in the catalogue, context "report"), which the writers word in the
 * report's language. */
static void fixed_text(builder *tb, size_t col, const char *s)
{
    text(tb, col, s);
    itav__cell *c = tb->rc == ITAV_OK ? itav__table_cell(tb->t, tb->row, col) : NULL;
    if (c)
        c->label = true;
}

static void num_at(builder *tb, size_t row, size_t col, double v, int digits)
{
    if (tb->rc == ITAV_OK)
        tb->rc = itav__table_set_number(tb->t, row, col, v, digits, false);
}

static void num(builder *tb, size_t col, double v, int digits)
{
    num_at(tb, tb->row, col, v, digits);
}

static void count(builder *tb, size_t col, long v)
{
    if (tb->rc == ITAV_OK)
        tb->rc = itav__table_set_number(tb->t, tb->row, col, (double)v, 0, true);
}

/* The cell key of the count in col (cellkey.c): the sum of its records' keys. */
static void keyed(builder *tb, size_t col, unsigned key)
{
    itav__cell *c = tb->rc == ITAV_OK ? itav__table_cell(tb->t, tb->row, col) : NULL;
    if (c)
        c->key = key % ITAV__CELLKEY_RANGE;
}

/* Marks a derived cell suppressed: a mean or share (ITAV_HIDDEN_MAGNITUDE) that rests on a
 * hidden count or on too few contributors, or a derived count (why: primary or secondary). */
static void hide_as(builder *tb, size_t row, size_t col, itav_hidden why)
{
    itav__cell *c = tb->rc == ITAV_OK ? itav__table_cell(tb->t, row, col) : NULL;
    if (c) {
        c->suppressed = true;
        c->why = (unsigned char)why;
    }
}

static void hide(builder *tb, size_t row, size_t col)
{
    hide_as(tb, row, col, ITAV_HIDDEN_MAGNITUDE);
}

static void note(builder *tb, const char *s)
{
    if (tb->rc == ITAV_OK && !(tb->t->note = itav__strdup(s)))
        tb->rc = ITAV_ENOMEM;
}

static void group(builder *tb, const size_t *rows, const size_t *cols, size_t n, long total_row,
                  long total_col)
{
    if (tb->rc == ITAV_OK && n >= 2)
        tb->rc = itav__table_add_group(tb->t, rows, cols, n, total_row, total_col);
}

/* Rows first..first+n-1 of a column as one group, its total in row total_row. */
static void column_group(builder *tb, size_t col, size_t first, size_t n, long total_row)
{
    size_t *rows = itav__calloc(n, sizeof *rows), *cols = itav__calloc(n, sizeof *cols);
    if (!rows || !cols) {
        tb->rc = ITAV_ENOMEM;
    } else {
        for (size_t i = 0; i < n; i++) {
            rows[i] = first + i;
            cols[i] = col;
        }
        group(tb, rows, cols, n, total_row, (long)col);
    }
    itav__free(rows);
    itav__free(cols);
}

/* Suppresses the table, with the cells the audit's repair chose (itav__report_choose) hidden
 * first, as secondary cells. */
static void suppress(builder *tb, const itav_report *r)
{
    for (size_t i = 0; tb->rc == ITAV_OK && i < r->nforced; i++) {
        const itav__forced *f = &r->forced[i];
        if (strcmp(f->table, tb->t->name) != 0)
            continue;
        for (size_t row = 0; row < tb->t->rows; row++) {
            const itav__cell *label = itav__table_cell(tb->t, row, 0);
            itav__cell *c = itav__table_cell(tb->t, row, f->col);
            if (c && c->count && label && label->text && strcmp(label->text, f->row) == 0) {
                c->suppressed = true;
                c->why = ITAV_HIDDEN_SECONDARY;
            }
        }
    }
    if (tb->rc == ITAV_OK)
        tb->rc = r->perturb ? itav__table_perturb(tb->t) : itav__table_suppress(tb->t, r->k);
}

/* The number of a count cell that is shown, or 0 (a suppressed or empty cell). */
static double shown(const builder *tb, size_t row, size_t col)
{
    const itav__cell *c = tb->rc == ITAV_OK ? itav__table_cell(tb->t, row, col) : NULL;
    return c && !c->suppressed && c->kind == ITAV__CELL_NUMBER ? c->value : 0;
}

static bool is_hidden(const builder *tb, size_t row, size_t col)
{
    const itav__cell *c = tb->rc == ITAV_OK ? itav__table_cell(tb->t, row, col) : NULL;
    return c && c->suppressed;
}

/* A mean on a basis cell: hidden with its basis or with too few contributors (a shown
 * basis is 0 or at least k, so this is the same rule said twice); empty without data. n is
 * the true number of contributors, which a shown basis equals unless the report is
 * perturbed: a mean over the perturbed count would give the exact sum away. */
static void mean_cell(builder *tb, size_t row, size_t col, double sum, size_t basis_col,
                      double n, int k)
{
    if (is_hidden(tb, row, basis_col) || !itav__enough_contributors(n, k))
        hide(tb, row, col);
    else if (n > 0)
        num_at(tb, row, col, sum / n, 2);
}

/* ---- words ---- */

static void date_words(char *buf, size_t size, int32_t d, const char *none)
{
    if (itav_date_format(buf, size, d) != ITAV_OK)
        snprintf(buf, size, "%s", none);
}

/* Words with numbers or dates (a template of the catalogue's context "report" and its two
 * arguments, the second unused by a template with one): the English words in the cell, the
 * Dutch ones beside them, where an argument's decimal point becomes a decimal comma ("7,5"). */
static void worded(builder *tb, size_t col, const char *tmpl, const char *a, const char *b)
{
    char na[64], nb[64];
    snprintf(na, sizeof na, "%s", a);
    snprintf(nb, sizeof nb, "%s", b);
    for (char *p = na; (p = strchr(p, '.')); p++)
        *p = ',';
    for (char *p = nb; (p = strchr(p, '.')); p++)
        *p = ',';
    char *en = itav__report_labelf(ITAV_LANG_EN, tmpl, a, b);
    char *nl = itav__report_labelf(ITAV_LANG_NL, tmpl, na, nb);
    if (!en || !nl)
        tb->rc = tb->rc == ITAV_OK ? ITAV_ENOMEM : tb->rc;
    text(tb, col, en);
    itav__cell *c = tb->rc == ITAV_OK ? itav__table_cell(tb->t, tb->row, col) : NULL;
    if (c) {
        c->wording = tmpl;
        c->text_nl = nl;
        nl = NULL;
    }
    itav__free(en);
    itav__free(nl);
}

/* A quantity as a reader says it: "166", "about 2500", "at least 12", "5-10", or the
 * source's own words when it has no number. */
static void quantity_cell(builder *tb, size_t col, itav_qualifier q, double min, double max,
                          const char *wording)
{
    char a[40], b[40];
    if (q == ITAV_QTY_TEXT) {
        text(tb, col, wording ? wording : "");
        return;
    }
    itav__number_words(a, sizeof a, min);
    itav__number_words(b, sizeof b, max);
    worded(tb, col, q == ITAV_QTY_ABOUT          ? "about %s"
                    : q == ITAV_QTY_AT_LEAST    ? "at least %s"
                    : q == ITAV_QTY_AT_MOST     ? "at most %s"
                    : q == ITAV_QTY_RANGE       ? "%s-%s"
                    : q == ITAV_QTY_ABOUT_RANGE ? "about %s-%s"
                                                : "%s",
           a, b);
}

static void target_cell(builder *tb, size_t col, const itav_indicator *ind, size_t i)
{
    itav_comparator cmp = 0;
    double value = 0, high = 0;
    int relative = 0;
    char a[40], b[40];
    itav_indicator_target(ind, i, &cmp, &value, &high, &relative, NULL);
    a[0] = '+';
    itav__number_words(a + (relative && value > 0), sizeof a - 1, value);
    itav__number_words(b, sizeof b, high);
    const char *tmpl;
    if (cmp == ITAV_CMP_BETWEEN)
        tmpl = relative ? "between %s and %s%% of the baseline" : "between %s and %s";
    else if (relative)
        tmpl = cmp == ITAV_CMP_AT_LEAST  ? "at least %s%% on the baseline"
               : cmp == ITAV_CMP_AT_MOST ? "at most %s%% on the baseline"
                                         : "exactly %s%% on the baseline";
    else
        tmpl = cmp == ITAV_CMP_AT_LEAST  ? "at least %s"
               : cmp == ITAV_CMP_AT_MOST ? "at most %s"
                                         : "exactly %s";
    worded(tb, col, tmpl, a, b);
}

/* ---- indicators ---- */

enum { IND_ID, IND_NAME, IND_UNIT, IND_TARGET, IND_DEADLINE, IND_LATEST, IND_MEASURED,
       IND_ATTAINMENT, IND_WHY, IND_SOURCE };
static const char *const indicator_columns[] = {"indicator", "name", "unit", "target",
    "deadline", "latest", "measured", "attainment", "explanation", "source", NULL};

/* Whether a figure derived from the store rests on a small cell: a count below k, or a mean
 * or share whose basis, numerator or rest is. */
static bool derived_hidden(itav_derived what, double value, long n, int k)
{
    if (what == ITAV_DERIVED_MATCHES_STARTED)
        return itav__small(value, k);
    if (what == ITAV_DERIVED_FORMAL_HELP && !isnan(value)) {
        double part = round(value * (double)n / 100);
        return itav__small((double)n, k) || itav__small(part, k) ||
               itav__small((double)n - part, k);
    }
    return itav__small((double)n, k);
}

/* The latest measurement on or before the report's date, in the latest and measured cells. */
static void hand_measurement(builder *tb, const itav_indicator *ind, int32_t as_of)
{
    itav_qualifier q;
    double min, max;
    int32_t d;
    size_t latest = (size_t)-1;
    char when[ITAV_DATE_BUFSIZE];
    for (size_t i = 0; itav_indicator_measurement(ind, i, &d, NULL, NULL, NULL) == ITAV_OK; i++)
        if (d <= as_of)
            latest = i;
    if (latest == (size_t)-1)
        return;
    itav_indicator_measurement(ind, latest, &d, &q, &min, &max);
    quantity_cell(tb, IND_LATEST, q, min, max, itav_indicator_measurement_text(ind, latest));
    date_words(when, sizeof when, d, "");
    const char *period = itav_indicator_measurement_period(ind, latest);
    text(tb, IND_MEASURED, period ? period : when);
}

/* The last day a derived figure covers for one target: the end of the report period, the
 * report's date or the target's deadline, whichever comes first, so that a target whose
 * deadline has passed is judged on the figure up to its deadline. */
static int32_t derived_end(const itav_report *r, const itav_indicator *ind, size_t target)
{
    int32_t end = r->as_of, deadline = ITAV_DATE_NONE;
    if (r->to != ITAV_DATE_NONE && r->to < end)
        end = r->to;
    if (itav_indicator_target(ind, target, NULL, NULL, NULL, NULL, &deadline) == ITAV_OK &&
        deadline < end)
        end = deadline;
    return end;
}

/* The layout of the reviews table (columns; rows are the kinds, then the total) and of the
 * formal_help table (rows: the outcomes, not recorded, the total, the share), shared by the
 * tables and by the check that a derived figure is already shown. */
enum { RV_KIND, RV_COUNT, RV_MARKED, RV_MEAN, RV_SAFETY };
enum { RV_TOTAL_ROW = ITAV_REVIEW_FINAL };
enum { OUTCOMES = ITAV_HELP_UNKNOWN, NOT_RECORDED = OUTCOMES, TOTAL, SHARE };

/* A published cell of the report's table `name` (by row label in column 0 and column
 * heading), or NULL when there is no such table, row or column. */
static const itav__cell *table_cell(const itav_report *r, const char *name, size_t row,
                                    size_t col)
{
    size_t t = itav_report_table_find(r, name);
    return t < r->ntables ? itav__table_cell(&r->tables[t], row, col) : NULL;
}

static bool shown_number(const itav__cell *c)
{
    return c && !c->suppressed && c->kind == ITAV__CELL_NUMBER;
}

/* Whether the matches-started figure of a municipality (NULL: all) up to `end` equals the
 * sum of shown cells of the matches_started table for the years up to end, and none of
 * those cells is suppressed. */
/* Whether place is one the indicator counts (any, when it counts the whole offer). */
static bool counts_place(const itav_indicator *ind, const char *place)
{
    size_t n = itav_indicator_municipality_count(ind);
    for (size_t i = 0; i < n; i++)
        if (itav__strcasecmp(place, itav_indicator_municipality_at(ind, i)) == 0)
            return true;
    return n == 0;
}

static bool started_is_shown(const itav_report *r, const itav_indicator *ind, int32_t end,
                             double value)
{
    size_t t = itav_report_table_find(r, "matches_started");
    int year_end, month, day;
    if (t >= r->ntables || itav_date_to_ymd(&year_end, &month, &day, end) != ITAV_OK)
        return false;
    const itav__table *tb = &r->tables[t];
    double sum = 0;
    for (size_t row = 0; row < tb->rows; row++) {
        const itav__cell *place = itav__table_cell(tb, row, 0);
        if (!place || !place->text || strcmp(place->text, TOTAL_LABEL) == 0 ||
            !counts_place(ind, place->text))
            continue;
        for (size_t col = 1; col < tb->columns.n; col++) {
            char *rest;
            long year = strtol(tb->columns.v[col], &rest, 10);
            if (*rest || year > year_end)
                continue;
            const itav__cell *c = itav__table_cell(tb, row, col);
            if (!shown_number(c))
                return false;
            sum += c->value;
        }
    }
    return sum == value;
}

/* A derived figure is published only when the report's other tables already give it as a
 * sum or mean of shown cells; any other window, municipality or offer could be subtracted
 * from them to recover a suppressed cell. */
static bool derived_is_shown(const itav_report *r, const itav_indicator *ind, int32_t end,
                             double value)
{
    bool municipality = itav_indicator_municipality_count(ind) > 0;
    switch (itav_indicator_derived(ind)) {
    case ITAV_DERIVED_MATCHES_STARTED:
        return started_is_shown(r, ind, end, value);
    case ITAV_DERIVED_MEAN_SATISFACTION:
        if (municipality) /* the table is not by municipality */
            return false;
        for (size_t row = 0; row < RV_TOTAL_ROW; row++)
            if (!shown_number(table_cell(r, "reviews", row, RV_MARKED)))
                return false;
        const itav__cell *mean = table_cell(r, "reviews", RV_TOTAL_ROW, RV_MEAN);
        return shown_number(mean) && round(value * 100) / 100 == mean->value;
    case ITAV_DERIVED_FORMAL_HELP:
        if (municipality) /* the table is not by municipality */
            return false;
        for (size_t row = 0; row < ITAV_HELP_NONE_NEEDED; row++)
            if (!shown_number(table_cell(r, "formal_help", row, 1)))
                return false;
        const itav__cell *share = table_cell(r, "formal_help", SHARE, 1);
        return shown_number(share) && round(value * 10) / 10 == share->value;
    }
    return false;
}

/* A derived indicator: a copy whose only measurement is the figure from the start of the
 * report period up to end (left out when it is suppressed or has no basis), so attainment
 * judges that figure. */
static int derive_for_report(itav_indicator **work, double *value, bool *hidden,
                             const basis *b, const itav_indicator *ind, int32_t end)
{
    const itav_report *r = b->r;
    long n = 0;
    itav_derived what = itav_indicator_derived(ind);
    int rc = ITAV_OK;
    *value = NAN;
    *hidden = false;
    if (r->from == ITAV_DATE_NONE || r->from <= end) {
        rc = itav_indicator_derive_for(value, &n, b->db, ind, r->from, end);
        /* perturbed: a figure over another set of records would need noise of its own */
        *hidden = rc == ITAV_OK && (r->perturb || (r->k > 1 &&
                  (derived_hidden(what, *value, n, r->k) ||
                   !derived_is_shown(r, ind, end, *value))));
    }
    if (rc != ITAV_OK || (rc = itav_indicator_dup(work, ind)) != ITAV_OK)
        return rc;
    while (itav_indicator_measurement_count(*work))
        itav_indicator_remove_measurement(*work, 0);
    if (*hidden || isnan(*value))
        return ITAV_OK;
    rc = itav_indicator_add_measurement(*work, end, NULL, ITAV_QTY_EXACT, *value, *value, NULL,
                                        NULL);
    return rc == ITAV_ENOMEM ? rc : ITAV_OK; /* off its scale: judged as unmeasured */
}

/* The attainment explanation of the row's target in Dutch, beside the English one in the
 * explanation cell; its pieces are worded by the catalogue (model/wording.c). */
static int explain_in_dutch(builder *tb, const itav_indicator *ind, size_t target,
                            int32_t as_of)
{
    itav_attainment verdict;
    char *why = NULL;
    int rc = itav__indicator_attainment_in(&verdict, &why, ind, target, as_of,
                                           itav__report_wording(ITAV_LANG_NL));
    itav__cell *c = tb->rc == ITAV_OK ? itav__table_cell(tb->t, tb->row, IND_WHY) : NULL;
    if (rc == ITAV_OK && c && c->text) {
        c->text_nl = why;
        why = NULL;
    }
    itav__free(why);
    return rc;
}

static int indicator_rows(builder *tb, const basis *b, const itav_indicator *ind)
{
    const itav_report *r = b->r;
    itav_derived what = itav_indicator_derived(ind);
    itav_indicator *work = NULL;
    double value = NAN;
    bool hidden = false;
    char when[ITAV_DATE_BUFSIZE];
    int rc = ITAV_OK;
    size_t targets = itav_indicator_target_count(ind);
    for (size_t i = 0; rc == ITAV_OK && i < (targets ? targets : 1); i++) {
        int32_t end = derived_end(r, ind, i);
        itav_indicator_free(work);
        work = NULL;
        if (what && (rc = derive_for_report(&work, &value, &hidden, b, ind, end)) != ITAV_OK)
            break;
        const itav_indicator *use = work ? work : ind;
        new_row(tb);
        text(tb, IND_ID, itav_indicator_id(use));
        text(tb, IND_NAME, itav_indicator_name(use));
        text(tb, IND_UNIT, itav_indicator_unit(use));
        if (!what) {
            hand_measurement(tb, use, r->as_of);
        } else {
            if (hidden && what == ITAV_DERIVED_MATCHES_STARTED)
                hide_as(tb, tb->row, IND_LATEST,
                        itav__small(value, r->k) ? ITAV_HIDDEN_PRIMARY : ITAV_HIDDEN_SECONDARY);
            else if (hidden)
                hide(tb, tb->row, IND_LATEST);
            else if (isnan(value))
                ; /* nothing in the period to derive it from: the cell stays empty */
            else if (what == ITAV_DERIVED_MATCHES_STARTED)
                count(tb, IND_LATEST, (long)value);
            else
                num(tb, IND_LATEST, value, what == ITAV_DERIVED_FORMAL_HELP ? 1 : 2);
            char a[ITAV_DATE_BUFSIZE + 8];
            date_words(when, sizeof when, end, "");
            date_words(a, sizeof a, r->from, "");
            if (r->from == ITAV_DATE_NONE)
                worded(tb, IND_MEASURED, "up to %s", when, "");
            else
                worded(tb, IND_MEASURED, "%s to %s", a, when);
        }
        const char *source = i < targets ? itav_indicator_target_source(use, i) : NULL;
        text(tb, IND_SOURCE, source ? source : itav_indicator_source(use));
        if (i >= targets)
            continue;
        int32_t deadline = ITAV_DATE_NONE;
        itav_indicator_target(use, i, NULL, NULL, NULL, NULL, &deadline);
        target_cell(tb, IND_TARGET, use, i);
        date_words(when, sizeof when, deadline, "");
        text(tb, IND_DEADLINE, when);
        if (hidden) {
            fixed_text(tb, IND_ATTAINMENT,
                       itav_code_name(ITAV_CODE_ATTAINMENT, ITAV_ATTAIN_UNKNOWN));
            fixed_text(tb, IND_WHY, "the figure derived from the store rests on a small "
                                    "cell, or is not a sum of shown cells of this report, so it "
                                    "is suppressed and not judged");
            continue;
        }
        itav_attainment verdict;
        char *why = NULL;
        if ((rc = itav_indicator_attainment(&verdict, &why, use, i, r->as_of)) == ITAV_OK) {
            fixed_text(tb, IND_ATTAINMENT, itav_code_name(ITAV_CODE_ATTAINMENT, (int)verdict));
            text(tb, IND_WHY, why);
            rc = explain_in_dutch(tb, use, i, r->as_of);
        }
        itav_free(why);
    }
    itav_indicator_free(work);
    return rc != ITAV_OK ? rc : tb->rc;
}

static int table_indicators(const basis *b)
{
    builder tb;
    int rc = begin_table(&tb, b->r, "indicators", "Indicators and targets", indicator_columns);
    for (size_t i = 0; rc == ITAV_OK && i < b->inds.n; i++)
        rc = indicator_rows(&tb, b, b->inds.items[i]);
    if (rc != ITAV_OK)
        return rc;
    note(&tb, "Every target of every indicator of the covered offers, judged on the report's "
              "date. Figures derived from the store are computed from the start of the report "
              "period up to the target's deadline (or the report's date or period end, when "
              "earlier) and suppressed like the counts they rest on; measurements entered by "
              "hand are published data.");
    suppress(&tb, b->r);
    return tb.rc;
}

/* ---- reach ---- */

static const char *const reach_columns[] = {"offer", "what", "quantity", "wording", "period",
                                            "where", "source", NULL};

static int table_reach(const basis *b)
{
    builder tb;
    begin_table(&tb, b->r, "reach", "Reach", reach_columns);
    for (size_t i = 0; i < b->offers.n; i++) {
        const itav_offer *of = offer_at(b, i);
        for (size_t j = 0; j < itav_offer_figure_count(of, ITAV_FIGURES_REACH); j++) {
            const itav_figure *f = itav_offer_figure(of, ITAV_FIGURES_REACH, j);
            new_row(&tb);
            text(&tb, 0, itav_offer_id(of));
            text(&tb, 1, itav_figure_get_what(f));
            quantity_cell(&tb, 2, itav_figure_get_qualifier(f), itav_figure_get_min(f),
                          itav_figure_get_max(f), itav_figure_get_text(f));
            text(&tb, 3, itav_figure_get_text(f));
            text(&tb, 4, itav_figure_get_period(f));
            text(&tb, 5, itav_figure_get_where(f));
            text(&tb, 6, itav_figure_get_source(f));
        }
    }
    note(&tb, "Reach as the sources state it, each figure with its qualifier and source. "
              "Figures of different kinds (attendance, replays, families, matches, "
              "municipalities, ...) are never added up, so this table has no total.");
    return tb.rc;
}

/* ---- costs and funding ---- */

static const char *const cost_columns[] = {"offer", "what", "amount", "currency", "unit",
                                           "from", "to", "funders", "source", NULL};

/* The words of a unit, as the catalogue's context "report" has them. */
static const char *unit_words(itav_cost_unit u)
{
    static const char *const words[] = {NULL, "total", "per year", "per month",
        "per young person", "per family", "per coupling", "per film", "per youth club",
        "per meeting"};
    return u >= ITAV_COST_TOTAL && u <= ITAV_COST_PER_MEETING ? words[u] : NULL;
}

/* "gemeente Diemen: about 80 percent; school: about 20 percent": every funder with its
 * share, as the source gives it; in the wording wd (NULL: English). */
static void funder_words(char *buf, size_t size, const itav_cost *c, const itav__wording *wd)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < itav_cost_funder_count(c) && used < size; i++) {
        const char *name;
        itav_share_kind kind;
        itav_qualifier q;
        double lo, hi;
        char share[128] = "";
        itav_cost_funder(&name, &kind, &q, &lo, &hi, c, i);
        if (kind != ITAV_SHARE_NONE) {
            itav__quantity_words(wd, share, sizeof share, q, lo, hi, NULL);
            if (kind == ITAV_SHARE_PERCENT)
                strncat(share, itav__worded(wd, " percent"), sizeof share - strlen(share) - 1);
        }
        int n = snprintf(buf + used, size - used, "%s%s%s%s", i ? "; " : "", name,
                         *share ? ": " : "", share);
        used += n > 0 ? (size_t)n : 0;
    }
}

static bool has_costs(const basis *b)
{
    for (size_t i = 0; i < b->offers.n; i++)
        if (itav_offer_cost_count(offer_at(b, i)))
            return true;
    return false;
}

/* Each cost of each covered offer on its own row, as the source gives it: amounts of
 * different units and offers are never added up. */
static int table_costs(const basis *b)
{
    builder tb;
    char from[ITAV_DATE_BUFSIZE], to[ITAV_DATE_BUFSIZE], funders[2048], funders_nl[2048];
    begin_table(&tb, b->r, "costs", "Costs and funding", cost_columns);
    for (size_t i = 0; i < b->offers.n; i++) {
        const itav_offer *of = offer_at(b, i);
        for (size_t j = 0; j < itav_offer_cost_count(of); j++) {
            const itav_cost *c = itav_offer_cost(of, j);
            itav_qualifier q = itav_cost_get_qualifier(c);
            date_words(from, sizeof from, itav_cost_get_from(c), "");
            date_words(to, sizeof to, itav_cost_get_to(c), "");
            funder_words(funders, sizeof funders, c, NULL);
            funder_words(funders_nl, sizeof funders_nl, c, itav__report_wording(ITAV_LANG_NL));
            new_row(&tb);
            text(&tb, 0, itav_offer_id(of));
            text(&tb, 1, itav_cost_get_what(c));
            if (q)
                quantity_cell(&tb, 2, q, itav_cost_get_min(c), itav_cost_get_max(c),
                              itav_cost_get_text(c));
            text(&tb, 3, itav_cost_get_currency(c));
            if (unit_words(itav_cost_get_unit(c)))
                fixed_text(&tb, 4, unit_words(itav_cost_get_unit(c)));
            if (*from)
                text(&tb, 5, from);
            if (*to)
                text(&tb, 6, to);
            if (*funders)
                text_beside(&tb, 7, funders, funders_nl);
            text(&tb, 8, itav_cost_get_source(c));
        }
    }
    note(&tb, "Costs and funding as the sources state them, each amount with its unit and "
              "period. Amounts per year, per young person, per film and so on are different "
              "things, so this table has no total, across units or offers.");
    return tb.rc;
}

/* ---- matches ---- */

/* The state a match was in at the end of a day (ITAV_DATE_NONE: now); 0 before it was
 * proposed. */
static itav_match_state state_on(const itav_match *m, int32_t day)
{
    itav_match_state s = 0, st;
    int32_t d;
    for (size_t i = 0; itav_match_transition(m, i, &st, &d, NULL, NULL) == ITAV_OK; i++) {
        if (day != ITAV_DATE_NONE && d > day)
            break;
        s = st;
    }
    return s;
}

static int table_matches_by_state(const basis *b)
{
    static const char *const columns[] = {"state", "matches", NULL};
    const itav_report *r = b->r;
    long n[ITAV_MATCH_ENDED_EARLY + 1] = {0};
    unsigned kn[ITAV_MATCH_ENDED_EARLY + 1] = {0};
    builder tb;
    for (size_t i = 0; i < b->matches.n; i++) {
        const itav_match *m = b->matches.items[i];
        itav_match_state end = state_on(m, r->to);
        itav_match_state before = r->from == ITAV_DATE_NONE ? 0 : state_on(m, r->from - 1);
        if (end && (!before || itav__match_open(before))) {
            n[end]++;
            kn[end] += itav__record_key(r, "match", itav_match_id(m));
        }
    }
    begin_table(&tb, b->r, "matches_by_state", "Matches by state", columns);
    for (int s = ITAV_MATCH_PROPOSED; s <= ITAV_MATCH_ENDED_EARLY; s++) {
        new_row(&tb);
        fixed_text(&tb, 0, itav_code_name(ITAV_CODE_MATCH_STATE, s));
        count(&tb, 1, n[s]);
        keyed(&tb, 1, kn[s]);
    }
    new_row(&tb);
    fixed_text(&tb, 0, TOTAL_LABEL);
    column_group(&tb, 1, 0, ITAV_MATCH_ENDED_EARLY, ITAV_MATCH_ENDED_EARLY);
    note(&tb, "Matches of the covered offers that were open at some time in the period, by "
              "their state at its end. The total is of the shown cells only.");
    suppress(&tb, r);
    return tb.rc;
}

/* Matches started per municipality and year: the municipalities (first spelling, sorted,
 * "not known" last), the years (sorted) and the counts. */
typedef struct cross {
    itav__strlist places;
    int *years;
    size_t nyears;
    long *n; /* places.n x nyears */
    unsigned *key; /* the cell keys, as n (cellkey.c) */
} cross;

#define NOT_KNOWN ITAV__NOT_KNOWN

/* Municipalities first, then "not known", then "other municipalities". */
static int place_rank(const char *p)
{
    return strcmp(p, NOT_KNOWN) == 0 ? 1 : strcmp(p, ITAV__OTHER_PLACES) == 0 ? 2 : 0;
}

static int place_cmp(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int xn = place_rank(x), yn = place_rank(y);
    if (xn != yn)
        return xn - yn;
    int c = itav__strcasecmp(x, y);
    return c ? c : strcmp(x, y);
}

static int year_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static size_t place_index(const cross *c, const char *place)
{
    for (size_t i = 0; i < c->places.n; i++)
        if (itav__strcasecmp(c->places.v[i], place) == 0)
            return i;
    return (size_t)-1;
}

static size_t year_index(const cross *c, int year)
{
    for (size_t i = 0; i < c->nyears; i++)
        if (c->years[i] == year)
            return i;
    return (size_t)-1;
}

/* The municipality of every participant of the covered offers, by reference: read once for
 * the table, where a look-up per match read and decoded a participant each time (a fifth of
 * a report over 263,158 matches). A match's participants are in the match's offer. */
typedef struct place_of {
    char *ref, *place;
} place_of;

typedef struct place_map {
    place_of *v;
    size_t n, cap;
} place_map;

static int by_ref(const void *x, const void *y)
{
    return strcmp(((const place_of *)x)->ref, ((const place_of *)y)->ref);
}

static void places_clear(place_map *P)
{
    for (size_t i = 0; i < P->n; i++) {
        itav__free(P->v[i].ref);
        itav__free(P->v[i].place);
    }
    itav__free(P->v);
}

static int places_add(place_map *P, const itav_participant *p)
{
    if (P->n == P->cap) {
        size_t cap = P->cap ? 2 * P->cap : 256;
        place_of *v = itav__realloc(P->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        P->v = v;
        P->cap = cap;
    }
    const char *place = itav_participant_municipality(p);
    place_of *e = &P->v[P->n];
    e->ref = itav__strdup(itav_participant_ref(p));
    e->place = itav__strdup(place && *place ? place : NOT_KNOWN);
    if (!e->ref || !e->place) {
        itav__free(e->ref);
        itav__free(e->place);
        return ITAV_ENOMEM;
    }
    P->n++;
    return ITAV_OK;
}

static int places_load(place_map *P, const basis *b)
{
    int rc = ITAV_OK;
    for (size_t i = 0; rc == ITAV_OK && i < b->offers.n; i++) {
        itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
        itav_participant_iter *it;
        itav_participant *p;
        f.offer = itav_offer_id(offer_at(b, i));
        if ((rc = itav_participant_list(&it, b->db, &f)) != ITAV_OK)
            return rc;
        while (rc == ITAV_OK && itav_participant_iter_next(&p, it) == ITAV_OK) {
            rc = places_add(P, p);
            itav_participant_free(p);
        }
        itav_participant_iter_free(it);
    }
    if (rc == ITAV_OK && P->n > 1)
        qsort(P->v, P->n, sizeof *P->v, by_ref);
    return rc;
}

/* The municipality a match counts for: its asking participant's, or "not known". */
static int match_place(const char **out, itav_db *db, const place_map *P,
                       const itav_match *m)
{
    place_of key = {(char *)itav_match_asking(m), NULL};
    const place_of *e = P->n ? bsearch(&key, P->v, P->n, sizeof *P->v, by_ref) : NULL;
    if (!e)
        return itav__error(db, ITAV_ENOTFOUND, "no participant \"%s\"", key.ref);
    *out = e->place;
    return ITAV_OK;
}

/* Fills c in two passes: the places and years first, then the counts. */
static int count_started(cross *c, const basis *b)
{
    place_map P = {0};
    const char **places = itav__calloc(b->matches.n, sizeof *places);
    int *years = itav__calloc(b->matches.n, sizeof *years);
    int rc = places && years ? places_load(&P, b) : ITAV_ENOMEM;
    for (size_t i = 0; rc == ITAV_OK && i < b->matches.n; i++) {
        const itav_match *m = b->matches.items[i];
        int32_t start = itav_match_start(m);
        int month, day;
        if (!in_period(start, b->r))
            continue;
        itav_date_to_ymd(&years[i], &month, &day, start);
        if ((rc = match_place(&places[i], b->db, &P, m)) != ITAV_OK)
            break;
        if (place_index(c, places[i]) == (size_t)-1)
            rc = itav__strlist_add(&c->places, places[i]);
        if (rc == ITAV_OK && year_index(c, years[i]) == (size_t)-1) {
            int *v = itav__realloc(c->years, (c->nyears + 1) * sizeof *v);
            if (!v) {
                rc = ITAV_ENOMEM;
            } else {
                c->years = v;
                c->years[c->nyears++] = years[i];
            }
        }
    }
    if (rc == ITAV_OK) {
        /* qsort with a null base is undefined even for zero items */
        if (c->places.n)
            qsort(c->places.v, c->places.n, sizeof *c->places.v, place_cmp);
        if (c->nyears)
            qsort(c->years, c->nyears, sizeof *c->years, year_cmp);
        if (!(c->n = itav__calloc(c->places.n * c->nyears, sizeof *c->n)) ||
            !(c->key = itav__calloc(c->places.n * c->nyears + 1, sizeof *c->key)))
            rc = ITAV_ENOMEM;
    }
    for (size_t i = 0; rc == ITAV_OK && i < b->matches.n; i++)
        if (places[i]) {
            size_t at = place_index(c, places[i]) * c->nyears + year_index(c, years[i]);
            c->n[at]++;
            c->key[at] += itav__record_key(b->r, "match", itav_match_id(b->matches.items[i]));
        }
    itav__free(places);
    itav__free(years);
    places_clear(&P);
    return rc;
}

/* Each municipality row and each year column is a group with its total (groups of one cell
 * are not groups); the grand total, when there are both, sums every shown cell. */
static void started_groups(builder *tb, const cross *c)
{
    size_t np = c->places.n, ny = c->nyears, all = np * ny;
    long total_row = np >= 2 ? (long)np : -1, total_col = ny >= 2 ? (long)ny + 1 : -1;
    size_t *rows = itav__calloc(all, sizeof *rows), *cols = itav__calloc(all, sizeof *cols);
    if (!rows || !cols) {
        tb->rc = ITAV_ENOMEM;
    } else {
        for (size_t p = 0; p < np; p++)
            for (size_t y = 0; y < ny; y++) {
                rows[p * ny + y] = p;
                cols[p * ny + y] = y + 1;
            }
        for (size_t p = 0; p < np; p++)
            group(tb, rows + p * ny, cols + p * ny, ny, (long)p, total_col);
        for (size_t y = 0; y < ny; y++)
            column_group(tb, y + 1, 0, np, total_row);
        if (total_row >= 0 && total_col >= 0)
            group(tb, rows, cols, all, total_row, total_col);
    }
    itav__free(rows);
    itav__free(cols);
}

static int build_started(const basis *b, const cross *c)
{
    static const char *const columns[] = {"municipality", NULL};
    builder tb;
    char year[16];
    int rc = begin_table(&tb, b->r, "matches_started",
                         "Matches started per municipality and year", columns);
    for (size_t y = 0; rc == ITAV_OK && y < c->nyears; y++) {
        snprintf(year, sizeof year, "%d", c->years[y]);
        rc = itav__strlist_add(&tb.t->columns, year);
    }
    if (rc == ITAV_OK && c->nyears >= 2)
        rc = itav__strlist_add(&tb.t->columns, TOTAL_LABEL);
    if (rc != ITAV_OK)
        return rc;
    for (size_t p = 0; p < c->places.n; p++) {
        new_row(&tb);
        if (place_rank(c->places.v[p]))
            fixed_text(&tb, 0, c->places.v[p]);
        else
            text(&tb, 0, c->places.v[p]);
        for (size_t y = 0; y < c->nyears; y++) {
            count(&tb, y + 1, c->n[p * c->nyears + y]);
            keyed(&tb, y + 1, c->key[p * c->nyears + y]);
        }
    }
    if (c->places.n >= 2) {
        new_row(&tb);
        fixed_text(&tb, 0, TOTAL_LABEL);
    }
    started_groups(&tb, c);
    note(&tb, c->places.n ? "Matches that started in the period (entered the trial, or became "
                            "active without one), by the municipality of the asking "
                            "participant (not known: erased or not given; other "
                            "municipalities: those that would show no count at all) and the "
                            "year. Totals are of the shown cells only."
                          : "No match of the covered offers started in the period.");
    suppress(&tb, b->r);
    return tb.rc;
}

/* Whether row p of the built table shows no positive count: then its label alone would say
 * that someone from that municipality takes part. */
static bool shows_nobody(const itav__table *t, const cross *c, size_t p)
{
    for (size_t y = 0; y < c->nyears; y++) {
        const itav__cell *cell = itav__table_cell(t, p, y + 1);
        if (cell && !cell->suppressed && cell->value > 0)
            return false;
    }
    return true;
}

/* Folds the places marked in fold (and an ITAV__OTHER_PLACES already there) into one row
 * ITAV__OTHER_PLACES, last, as place_cmp orders it. */
static int fold_places(cross *c, const bool *fold)
{
    itav__strlist places = {0};
    size_t ny = c->nyears;
    long *n = itav__calloc((c->places.n + 1) * (ny ? ny : 1), sizeof *n);
    unsigned *key = itav__calloc((c->places.n + 1) * (ny ? ny : 1), sizeof *key);
    int rc = n && key ? ITAV_OK : ITAV_ENOMEM;
    for (size_t p = 0; rc == ITAV_OK && p < c->places.n; p++) {
        if (fold[p] || place_rank(c->places.v[p]) == 2)
            continue;
        memcpy(n + places.n * ny, c->n + p * ny, ny * sizeof *n);
        memcpy(key + places.n * ny, c->key + p * ny, ny * sizeof *key);
        rc = itav__strlist_add(&places, c->places.v[p]);
    }
    size_t other = places.n;
    if (rc == ITAV_OK)
        rc = itav__strlist_add(&places, ITAV__OTHER_PLACES);
    for (size_t p = 0; rc == ITAV_OK && p < c->places.n; p++)
        if (fold[p] || place_rank(c->places.v[p]) == 2)
            for (size_t y = 0; y < ny; y++) {
                n[other * ny + y] += c->n[p * ny + y];
                key[other * ny + y] += c->key[p * ny + y];
            }
    if (rc != ITAV_OK) {
        itav__strlist_clear(&places);
        itav__free(n);
        itav__free(key);
        return rc;
    }
    itav__strlist_clear(&c->places);
    itav__free(c->n);
    itav__free(c->key);
    c->places = places;
    c->n = n;
    c->key = key;
    return ITAV_OK;
}

static int table_matches_started(const basis *b)
{
    cross c = {0};
    bool *fold = NULL;
    int rc = count_started(&c, b);
    /* Build, suppress, fold the municipalities that would show nobody, and again until none
     * is left: each round folds at least one, so this ends. */
    while (rc == ITAV_OK && (rc = build_started(b, &c)) == ITAV_OK) {
        const itav__table *t = &b->r->tables[b->r->ntables - 1];
        size_t folded = 0;
        itav__free(fold);
        if (!(fold = itav__calloc(c.places.n + 1, sizeof *fold))) {
            rc = ITAV_ENOMEM;
            break;
        }
        for (size_t p = 0; b->r->k > 1 && p < c.places.n; p++)
            if (place_rank(c.places.v[p]) != 2 && shows_nobody(t, &c, p))
                fold[p] = true, folded++;
        if (!folded)
            break;
        itav__table_clear(&b->r->tables[--b->r->ntables]);
        rc = fold_places(&c, fold);
    }
    itav__free(fold);
    itav__strlist_clear(&c.places);
    itav__free(c.years);
    itav__free(c.n);
    itav__free(c.key);
    return rc;
}

/* ---- shared with the tables of other files (report_waiting.c) ---- */

int itav__report_table_begin(itav__table **out, itav_report *r, const char *name,
                             const char *title, const char *const *columns)
{
    builder tb;
    int rc = begin_table(&tb, r, name, title, columns);
    *out = tb.t;
    return rc;
}

int itav__report_suppress(itav__table *t, const itav_report *r)
{
    builder tb = {t, 0, ITAV_OK};
    suppress(&tb, r);
    return tb.rc;
}

int itav__report_place_cmp(const void *a, const void *b) { return place_cmp(a, b); }

itav_match_state itav__report_state_on(const itav_match *m, int32_t day)
{
    return state_on(m, day);
}

/* ---- reviews ---- */


static int table_reviews(const basis *b)
{
    static const char *const columns[] = {"kind", "reviews", "with a mark", "mean mark",
                                          "safety concerns", NULL};
    enum { KINDS = ITAV_REVIEW_FINAL };
    long n[KINDS + 1] = {0}, marked[KINDS + 1] = {0}, safety[KINDS + 1] = {0};
    unsigned kn[KINDS + 1] = {0}, kmarked[KINDS + 1] = {0}, ksafety[KINDS + 1] = {0};
    double marks[KINDS + 1] = {0};
    builder tb;
    for (size_t i = 0; i < b->reviews.n; i++) {
        const itav_review *rv = b->reviews.items[i];
        int kind = (int)itav_review_get_kind(rv), mark = itav_review_satisfaction(rv);
        if (kind < 1 || kind > KINDS)
            continue;
        unsigned key = itav__record_key(b->r, "review", itav_review_id(rv));
        n[kind]++;
        kn[kind] += key;
        if (itav_review_safety_concern(rv)) {
            safety[kind]++;
            ksafety[kind] += key;
        }
        if (mark) {
            marked[kind]++;
            kmarked[kind] += key;
            marks[kind] += mark;
        }
    }
    begin_table(&tb, b->r, "reviews", "Reviews", columns);
    for (int k = 1; k <= KINDS; k++) {
        new_row(&tb);
        fixed_text(&tb, RV_KIND, itav_code_name(ITAV_CODE_REVIEW_KIND, k));
        count(&tb, RV_COUNT, n[k]);
        keyed(&tb, RV_COUNT, kn[k]);
        count(&tb, RV_MARKED, marked[k]);
        keyed(&tb, RV_MARKED, kmarked[k]);
        count(&tb, RV_SAFETY, safety[k]);
        keyed(&tb, RV_SAFETY, ksafety[k]);
    }
    new_row(&tb);
    fixed_text(&tb, RV_KIND, TOTAL_LABEL);
    column_group(&tb, RV_COUNT, 0, KINDS, KINDS);
    column_group(&tb, RV_MARKED, 0, KINDS, KINDS);
    column_group(&tb, RV_SAFETY, 0, KINDS, KINDS);
    note(&tb, "Reviews of matches of the covered offers dated in the period. Mean mark: the "
              "satisfaction (1-10) of the reviews that give one. Totals and the overall mean "
              "are of the shown cells only.");
    suppress(&tb, b->r);
    double all = 0, nall = 0;
    for (size_t k = 1; k <= KINDS; k++) {
        mean_cell(&tb, k - 1, RV_MEAN, marks[k], RV_MARKED, (double)marked[k], b->r->k);
        /* a kind whose mean is hidden stays out of the overall one (perturbed, its count is
         * shown though it may be below k) */
        if (!is_hidden(&tb, k - 1, RV_MARKED) &&
            itav__enough_contributors((double)marked[k], b->r->k)) {
            all += marks[k];
            nall += (double)marked[k];
        }
    }
    mean_cell(&tb, KINDS, RV_MEAN, all, RV_MARKED, nall, b->r->k);
    return tb.rc;
}

static int table_effects(const basis *b)
{
    static const char *const columns[] = {"effect", "for", "scored", "mean score", NULL};
    long n[ITAV_EFFECT_COUNT + 1] = {0};
    unsigned kn[ITAV_EFFECT_COUNT + 1] = {0};
    double sum[ITAV_EFFECT_COUNT + 1] = {0};
    builder tb;
    for (size_t i = 0; i < b->reviews.n; i++) {
        const itav_review *rv = b->reviews.items[i];
        if (itav_review_get_kind(rv) != ITAV_REVIEW_FINAL)
            continue;
        unsigned key = itav__record_key(b->r, "review", itav_review_id(rv));
        for (int e = 1; e <= ITAV_EFFECT_COUNT; e++) {
            int score = itav_review_effect(rv, (itav_effect)e);
            if (score != ITAV_EFFECT_UNKNOWN) {
                n[e]++;
                kn[e] += key;
                sum[e] += score;
            }
        }
    }
    begin_table(&tb, b->r, "effects", "Effects for children and parents", columns);
    for (int e = 1; e <= ITAV_EFFECT_COUNT; e++) {
        new_row(&tb);
        fixed_text(&tb, 0, itav_code_name(ITAV_CODE_EFFECT, e));
        fixed_text(&tb, 1, e <= ITAV_EFFECT_LAST_CHILD ? "children" : "parents");
        count(&tb, 2, n[e]);
        keyed(&tb, 2, kn[e]);
    }
    note(&tb, "Final reviews dated in the period that score the category, from -2 (much worse) "
              "to +2 (much better), and their mean score; a mean is shown only with its "
              "count. The categories overlap (one review scores several), so they have no "
              "total.");
    suppress(&tb, b->r);
    for (int e = 1; e <= ITAV_EFFECT_COUNT; e++)
        mean_cell(&tb, (size_t)e - 1, 3, sum[e], 2, (double)n[e], b->r->k);
    return tb.rc;
}

static int table_formal_help(const basis *b)
{
    static const char *const columns[] = {"outcome", "final reviews", NULL};
    long n[OUTCOMES + 2] = {0}; /* by outcome; [0]: not recorded */
    unsigned kn[OUTCOMES + 2] = {0};
    builder tb;
    for (size_t i = 0; i < b->reviews.n; i++) {
        const itav_review *rv = b->reviews.items[i];
        int help = (int)itav_review_formal_help(rv);
        if (itav_review_get_kind(rv) == ITAV_REVIEW_FINAL && help >= 0 && help <= OUTCOMES) {
            n[help]++;
            kn[help] += itav__record_key(b->r, "review", itav_review_id(rv));
        }
    }
    begin_table(&tb, b->r, "formal_help", "Formal help after the match", columns);
    for (int h = 1; h <= OUTCOMES + 1; h++) {
        new_row(&tb);
        fixed_text(&tb, 0,
                   h <= OUTCOMES ? itav_code_name(ITAV_CODE_FORMAL_HELP, h) : "not_recorded");
        count(&tb, 1, n[h <= OUTCOMES ? h : 0]);
        keyed(&tb, 1, kn[h <= OUTCOMES ? h : 0]);
    }
    new_row(&tb);
    fixed_text(&tb, 0, TOTAL_LABEL);
    new_row(&tb);
    fixed_text(&tb, 0, "percent prevented, reduced or stopped");
    column_group(&tb, 1, 0, OUTCOMES + 1, TOTAL);
    note(&tb, "Final reviews dated in the period by what happened to formal help. The percent "
              "is of the shown cells with an outcome other than unknown; it is suppressed when "
              "its numerator, the rest or its basis is a small cell.");
    suppress(&tb, b->r);
    double part = 0, rest = 0;
    for (size_t h = ITAV_HELP_PREVENTED; h <= ITAV_HELP_STOPPED; h++)
        part += shown(&tb, h - 1, 1);
    for (size_t h = ITAV_HELP_REFERRED; h <= ITAV_HELP_NONE_NEEDED; h++)
        rest += shown(&tb, h - 1, 1);
    int k = b->r->k;
    if (itav__small(part, k) || itav__small(rest, k) ||
        !itav__enough_contributors(part + rest, k))
        hide(&tb, SHARE, 1);
    else if (part + rest > 0)
        num_at(&tb, SHARE, 1, 100 * part / (part + rest), 1);
    return tb.rc;
}

/* ---- portfolio ---- */

/* The note names the interventions; its template (context "report" of the catalogue) and
 * arguments are kept so that a writer can word it in another language. */
static int portfolio_note(builder *tb, const itav_portfolio *p, size_t members)
{
    char buf[2048];
    int len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < members && len >= 0 && (size_t)len < sizeof buf; i++)
        len += snprintf(buf + len, sizeof buf - (size_t)len, "%s%s", i ? ", " : "",
                        itav_portfolio_member(p, i));
    if (tb->rc != ITAV_OK)
        return tb->rc;
    itav__table *t = tb->t;
    t->note_template = members == 1 ? ITAV__L_PORTFOLIO_ONE : ITAV__L_PORTFOLIO_MANY;
    t->note_count = members;
    if (!(t->note_list = itav__strdup(buf)) ||
        !(t->note = itav__report_labelf(ITAV_LANG_EN, members == 1 ? ITAV__L_PORTFOLIO_ONE
                                                                   : ITAV__L_PORTFOLIO_MANY,
                                        members, buf)))
        return ITAV_ENOMEM;
    return ITAV_OK;
}

static int table_portfolio(const basis *b)
{
    static const char *const columns[] = {"element", "label", "present", "known",
                                          "percent present", NULL};
    itav__strlist ids = {0};
    itav_portfolio *p = NULL;
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    builder tb;
    int rc = ITAV_OK;
    for (size_t i = 0; rc == ITAV_OK && i < b->offers.n; i++) {
        const char *iv = itav_offer_intervention(offer_at(b, i));
        bool seen = false;
        for (size_t j = 0; j < ids.n && !seen; j++)
            seen = strcmp(ids.v[j], iv) == 0;
        if (!seen)
            rc = itav__strlist_add(&ids, iv);
    }
    f.ids = (const char *const *)ids.v;
    f.id_count = ids.n;
    if (rc == ITAV_OK)
        rc = itav_portfolio_build(&p, b->db, &f);
    if (rc == ITAV_OK && (rc = begin_table(&tb, b->r, "portfolio", "Element portfolio",
                                           columns)) == ITAV_OK) {
        size_t members = itav_portfolio_count(p), present = 0, known = 0;
        for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            itav_portfolio_coverage(p, (itav_element)e, &present, &known);
            new_row(&tb);
            text(&tb, 0, itav_element_code((itav_element)e));
            fixed_text(&tb, 1, itav_element_label((itav_element)e, ITAV_LANG_EN));
            num(&tb, 2, (double)present, 0);
            num(&tb, 3, (double)known, 0);
            if (members)
                num(&tb, 4, 100.0 * (double)present / (double)members, 1);
        }
        rc = portfolio_note(&tb, p, members);
    }
    itav_portfolio_free(p);
    itav__strlist_clear(&ids);
    return rc;
}

/* ---- the report ---- */

ITAV_API void itav_report_free(itav_report *r)
{
    if (!r)
        return;
    for (size_t t = 0; t < r->ntables; t++)
        itav__table_clear(&r->tables[t]);
    itav__free(r->tables);
    for (size_t i = 0; i < r->nrelations; i++)
        itav__free(r->relations[i].terms);
    itav__free(r->relations);
    for (size_t i = 0; i < r->nforced; i++) {
        itav__free(r->forced[i].table);
        itav__free(r->forced[i].row);
    }
    itav__free(r->forced);
    itav__free(r->title);
    itav__free(r->offer);
    itav__free(r->offer_name);
    itav__strlist_clear(&r->members);
    for (size_t i = 0; i < r->nprior; i++)
        itav_release_free(r->prior[i]);
    itav__free(r->prior);
    itav__free(r);
}

/* The caller's options as the current version: a version-1 struct has no members after
 * `to`, so those keep their defaults (docs/abi.md, "Versioned structs"). */
static int read_options(itav_db *db, itav_report_options *o, const itav_report_options *opt)
{
    static const itav_report_options defaults = ITAV_REPORT_OPTIONS_INIT;
    char a[ITAV_DATE_BUFSIZE], b[ITAV_DATE_BUFSIZE];
    *o = defaults;
    if (!opt)
        return ITAV_OK;
    if (opt->version == 0 || opt->version > ITAV_REPORT_OPTIONS_VERSION)
        return itav__error(db, ITAV_EVERSION, "report options version %u is not supported "
                           "(struct itav_report_options: this library knows versions 1 to %d)",
                           opt->version, ITAV_REPORT_OPTIONS_VERSION);
    memcpy(o, opt, opt->version == 1   ? offsetof(itav_report_options, publish)
                   : opt->version == 2 ? offsetof(itav_report_options, method)
                                       : sizeof *o);
    o->version = ITAV_REPORT_OPTIONS_VERSION;
    if (o->k < 1)
        return itav__error(db, ITAV_EINVAL, "report options: k is %d; it must be 1 or more "
                           "(1 suppresses nothing, the default is 5)", o->k);
    if (o->publish && o->k < ITAV_REPORT_MIN_K && !o->low_k)
        return itav__error(db, ITAV_EINVAL, "report options: k is %d, below %d, the least k "
                           "of a report made for publication; set low_k to publish with it "
                           "anyway", o->k, ITAV_REPORT_MIN_K);
    if (o->method != ITAV_REPORT_SUPPRESS && o->method != ITAV_REPORT_PERTURB)
        return itav__error(db, ITAV_EINVAL, "report options: method is %d; it must be "
                           "ITAV_REPORT_SUPPRESS (0) or ITAV_REPORT_PERTURB (1)", o->method);
    if (o->protection < 0)
        return itav__error(db, ITAV_EINVAL, "report options: protection is %d; it must be 0 "
                           "(the default, k - 1) or more", o->protection);
    const char *bad = !itav__valid_date_or_none(o->as_of) ? "as_of"
                      : !itav__valid_date_or_none(o->from) ? "from"
                      : !itav__valid_date_or_none(o->to)   ? "to"
                                                           : NULL;
    if (bad)
        return itav__error(db, ITAV_EINVAL, "report options: %s is not a date in the years "
                           "1900-9999 (or ITAV_DATE_NONE)", bad);
    if (o->from != ITAV_DATE_NONE && o->to != ITAV_DATE_NONE && o->from > o->to) {
        itav_date_format(a, sizeof a, o->from);
        itav_date_format(b, sizeof b, o->to);
        return itav__error(db, ITAV_EINVAL, "report options: from (%s) is after to (%s)", a, b);
    }
    return ITAV_OK;
}

/* ---- the relations an attacker knows between the counts ---- */

/* Appends a term for the cell (row, col) of table `name`, if it is there. */
static void term(itav__term *terms, size_t *n, const itav_report *r, const char *name,
                 size_t row, size_t col, long long coef)
{
    size_t t = itav_report_table_find(r, name);
    if (t < r->ntables && row < r->tables[t].rows && col < r->tables[t].columns.n)
        terms[(*n)++] = (itav__term){t, row * r->tables[t].columns.n + col, coef};
}

/* What holds for the true counts of every report, so that an attacker can use it: the outcomes
 * of formal help (with not recorded) add up to the final reviews; reviews with a mark or a
 * safety concern are some of the reviews of their kind; the final reviews that score an
 * effect are some of the final reviews; a match started in the period was open in it and is,
 * at its end, in the trial, active, completed or ended early. The tables' own totals are of
 * the shown cells only and relate nothing hidden. */
static int relate_tables(itav_report *r)
{
    enum { FINAL_ROW = ITAV_REVIEW_FINAL - 1 };
    size_t started = itav_report_table_find(r, "matches_started");
    size_t cap = 16 + ITAV_EFFECT_COUNT +
                 (started < r->ntables ? r->tables[started].rows *
                                             r->tables[started].columns.n : 0);
    itav__term *terms = itav__calloc(cap, sizeof *terms);
    size_t n = 0;
    int rc = terms ? ITAV_OK : ITAV_ENOMEM;
    if (rc == ITAV_OK) {
        for (size_t h = 0; h <= OUTCOMES; h++)
            term(terms, &n, r, "formal_help", h, 1, 1);
        term(terms, &n, r, "reviews", FINAL_ROW, RV_COUNT, -1);
        rc = itav__report_relate(r, terms, n, true);
    }
    for (size_t kind = 0; rc == ITAV_OK && kind < RV_TOTAL_ROW; kind++) {
        for (size_t part = 0; rc == ITAV_OK && part < 2; part++) {
            n = 0;
            term(terms, &n, r, "reviews", kind, part ? RV_SAFETY : RV_MARKED, 1);
            term(terms, &n, r, "reviews", kind, RV_COUNT, -1);
            rc = itav__report_relate(r, terms, n, false);
        }
    }
    for (size_t e = 0; rc == ITAV_OK && e < ITAV_EFFECT_COUNT; e++) {
        n = 0;
        term(terms, &n, r, "effects", e, 2, 1);
        term(terms, &n, r, "reviews", FINAL_ROW, RV_COUNT, -1);
        rc = itav__report_relate(r, terms, n, false);
    }
    if (rc == ITAV_OK && started < r->ntables) {
        const itav__table *t = &r->tables[started];
        n = 0;
        for (size_t row = 0; row < t->rows; row++)
            for (size_t col = 1; col < t->columns.n; col++)
                if (t->cells[row * t->columns.n + col].count)
                    term(terms, &n, r, "matches_started", row, col, 1);
        static const itav_match_state open_after_start[] = {ITAV_MATCH_TRIAL, ITAV_MATCH_ACTIVE,
            ITAV_MATCH_COMPLETED, ITAV_MATCH_ENDED_EARLY};
        for (size_t i = 0; i < 4; i++)
            term(terms, &n, r, "matches_by_state", (size_t)open_after_start[i] - 1, 1, -1);
        rc = itav__report_relate(r, terms, n, false);
    }
    itav__free(terms);
    return rc;
}

int itav__report_relate(itav_report *r, const itav__term *terms, size_t n, bool equal)
{
    itav__relation *v = itav__realloc(r->relations, (r->nrelations + 1) * sizeof *v);
    if (!v)
        return ITAV_ENOMEM;
    r->relations = v;
    itav__relation *rel = &v[r->nrelations];
    if (!(rel->terms = itav__malloc((n ? n : 1) * sizeof *terms)))
        return ITAV_ENOMEM;
    memcpy(rel->terms, terms, n * sizeof *terms);
    rel->n = n;
    rel->equal = equal;
    r->nrelations++;
    return ITAV_OK;
}

/* A report made for publication whose audit fails is refused, naming the first cell that an
 * attacker could narrow down (its place only: the report is not published). */
static int refuse_unsafe(itav_db *db, const itav_report *r)
{
    if (r->audit_exhausted)
        return itav__error(db, ITAV_ESTATE, "the report of \"%s\" is not safe to publish: "
                           "its audit with the earlier releases ran out of its search steps "
                           "before it could show that nothing is given away; fewer earlier "
                           "releases of the same offers (itav_release_list(), "
                           "itav_release_remove()) make it smaller", r->offer);
    for (size_t t = 0; t < r->ntables; t++) {
        const itav__table *tab = &r->tables[t];
        for (size_t i = 0; i < tab->rows * tab->columns.n; i++) {
            const itav__cell *c = &tab->cells[i];
            const itav__cell *label = &tab->cells[(i / tab->columns.n) * tab->columns.n];
            if (!c->suppressed || !c->count || c->safe)
                continue;
            return itav__error(db, ITAV_ESTATE, "the report of \"%s\" is not safe to publish: "
                               "from the published cells an attacker can narrow down the hidden "
                               "count in table %s, row \"%s\", column \"%s\" to fewer than %d "
                               "values (itav_report_cell_audit())", r->offer, tab->name,
                               label->text ? label->text : "", tab->columns.v[i % tab->columns.n],
                               r->protection + 1);
        }
    }
    if (r->releases_disagree)
        return itav__error(db, ITAV_ESTATE, "the report of \"%s\" is not safe to publish: "
                           "the data of a period already released has changed since (an "
                           "erasure or a late entry), so the difference with the earlier "
                           "release would show what changed (itav_release_list())", r->offer);
    if (r->leak_table < r->ntables) {
        const itav__table *tab = &r->tables[r->leak_table];
        const itav__cell *label =
            &tab->cells[(r->leak_cell / tab->columns.n) * tab->columns.n];
        return itav__error(db, ITAV_ESTATE, "the report of \"%s\" is not safe to publish: "
                           "with the earlier releases, an attacker can narrow down the count "
                           "of table %s, row \"%s\", column \"%s\" for a part of its period "
                           "or of its offers to fewer than %d values (itav_release_list())",
                           r->offer, tab->name, label->text ? label->text : "",
                           tab->columns.v[r->leak_cell % tab->columns.n], r->protection + 1);
    }
    return itav__error(db, ITAV_ESTATE, "the report of \"%s\" is not safe to publish: its "
                       "audit failed", r->offer);
}

/* At most this many cells are hidden on top of the rules before a report is given up as
 * failing its audit. */
#define REPAIR_ROUNDS 32

static void clear_tables(itav_report *r)
{
    for (size_t t = 0; t < r->ntables; t++)
        itav__table_clear(&r->tables[t]);
    r->ntables = 0;
    for (size_t i = 0; i < r->nrelations; i++)
        itav__free(r->relations[i].terms);
    itav__free(r->relations);
    r->relations = NULL;
    r->nrelations = 0;
}

static int force_add(itav_report *r, const char *table, const char *row, size_t col)
{
    itav__forced *v = itav__realloc(r->forced, (r->nforced + 1) * sizeof *v);
    if (!v)
        return ITAV_ENOMEM;
    r->forced = v;
    itav__forced *f = &v[r->nforced];
    f->table = itav__strdup(table);
    f->row = itav__strdup(row);
    f->col = col;
    if (!f->table || !f->row) {
        itav__free(f->table);
        itav__free(f->row);
        return ITAV_ENOMEM;
    }
    r->nforced++;
    return ITAV_OK;
}

/* The waiting list (report_waiting.c), appended after the tables of libitav 0.3. */
static int table_waiting(const basis *b)
{
    return itav__report_waiting(b->r, b->db, &b->offers, &b->matches);
}

/* Every table from the loaded records, then the relations between them and the audit. */
static int build_tables(basis *b)
{
    itav_report *r = b->r;
    int rc = ITAV_OK;
    /* The indicators come first in the report but are built last: their derived figures
     * are published only as far as the other tables already show them. */
    int (*const tables[])(const basis *) = {table_reach, table_matches_by_state,
        table_matches_started, table_reviews, table_effects, table_formal_help,
        table_portfolio, table_waiting, table_indicators};
    for (size_t t = 0; rc == ITAV_OK && t < sizeof tables / sizeof *tables; t++)
        rc = tables[t](b);
    if (rc == ITAV_OK) {
        itav__table indicators = r->tables[r->ntables - 1];
        memmove(&r->tables[1], &r->tables[0], (r->ntables - 1) * sizeof *r->tables);
        r->tables[0] = indicators;
        /* last, and only when there are costs: the tables before it keep their places */
        if (has_costs(b))
            rc = table_costs(b);
    }
    if (rc == ITAV_OK) {
        rc = relate_tables(r);
    }
    if (rc == ITAV_OK)
        rc = itav__report_waiting_relate(r);
    if (rc == ITAV_OK)
        rc = itav__report_audit(r);
    return rc;
}

/* The title names the offer by its name (its id when it has none); the id is in r->offer. */
static int report_title(itav_report *r, const char *name)
{
    if (name && *name && !(r->offer_name = itav__strdup(name)))
        return ITAV_ENOMEM;
    r->title = itav__report_labelf(ITAV_LANG_EN, ITAV__L_TITLE,
                                   r->offer_name ? r->offer_name : r->offer);
    return r->title ? ITAV_OK : ITAV_ENOMEM;
}

static int build(basis *b, const char *offer, const itav_report_options *o)
{
    itav_report *r = b->r;
    if (!(r->offer = itav__strdup(offer)))
        return ITAV_ENOMEM;
    r->k = o->k;
    r->publish = o->publish != 0;
    r->low_k = o->publish && o->k < ITAV_REPORT_MIN_K;
    r->protection = o->protection ? o->protection : o->k - 1;
    r->from = o->from;
    r->to = o->to;
    snprintf(r->suppressed, sizeof r->suppressed, "<%d", o->k);
    int rc = load_offers(b, offer);
    if (rc == ITAV_OK)
        rc = report_title(r, itav_offer_name(offer_at(b, 0)));
    if (rc == ITAV_OK)
        rc = load_records(b);
    /* protected together with what was published before, suppressed or perturbed
     * (docs/guide.md, "Protection across releases") */
    if (rc == ITAV_OK && r->publish)
        rc = itav__release_prior(b->db, r);
    if (rc != ITAV_OK)
        return rc;
    r->as_of = o->as_of != ITAV_DATE_NONE ? o->as_of
               : o->to != ITAV_DATE_NONE  ? o->to
                                          : latest_date(b);
    /* Build and audit; while the audit fails, hide the cheapest further cell it points at
     * (itav__report_choose) and build again from the records already loaded. Each round
     * hides one more published cell, so this ends. */
    for (int round = 0; rc == ITAV_OK; round++) {
        if ((rc = build_tables(b)) != ITAV_OK || r->audit_passed || r->audit_exhausted ||
            round == REPAIR_ROUNDS)
            break;
        size_t t = r->pinned_table, cell = r->pinned_cell;
        /* an earlier release's hidden count is pinned: hide this report's count of it */
        if (t == SIZE_MAX && (rc = itav__report_choose(r, &t, &cell)) != 1)
            break;
        const itav__table *tab = &r->tables[t];
        const itav__cell *label = &tab->cells[(cell / tab->columns.n) * tab->columns.n];
        rc = force_add(r, tab->name, label->text ? label->text : "", cell % tab->columns.n);
        clear_tables(r);
    }
    return rc < 0 ? rc : ITAV_OK;
}

ITAV_API int itav_report_programme(itav_report **out, itav_db *db, const char *offer,
                                   const itav_report_options *opt)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out || !offer)
        return itav__error(db, ITAV_EINVAL, out ? N_("no offer id given")
                                                : N_("no place for the report given"));
    itav_report_options options;
    const itav_report_options *o = &options;
    int rc = read_options(db, &options, opt);
    if (rc != ITAV_OK)
        return rc;
    basis b = {db, itav__calloc(1, sizeof *b.r), {.free_item = free_offer},
               {.free_item = free_match}, {.free_item = free_review},
               {.free_item = free_indicator}};
    if (!b.r)
        return itav__error(db, ITAV_ENOMEM, "out of memory building the report");
    b.r->perturb = o->method == ITAV_REPORT_PERTURB;
    /* the secret before the read transaction: an older store makes it in a write one */
    if (b.r->perturb && (rc = itav__cellkey_prepare(b.r, db)) != ITAV_OK) {
        itav_report_free(b.r);
        return rc;
    }
    /* every figure from one state of the store, though others write meanwhile */
    if ((rc = itav__read_begin(db)) == ITAV_OK) {
        rc = build(&b, offer, o);
        itav__read_end(db);
    }
    itav__cellkey_forget(b.r);
    if (rc == ITAV_OK && b.r->publish && !b.r->audit_passed)
        rc = refuse_unsafe(db, b.r);
    itav__iter_clear(&b.offers);
    itav__iter_clear(&b.matches);
    itav__iter_clear(&b.reviews);
    itav__iter_clear(&b.inds);
    if (rc != ITAV_OK) {
        itav_report_free(b.r);
        return rc == ITAV_ENOMEM ? itav__error(db, rc, "out of memory building the report of "
                                               "\"%s\"", offer)
                                 : rc;
    }
    *out = b.r;
    return ITAV_OK;
}
