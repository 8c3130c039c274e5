/* The waiting list of a programme report (table "waiting_list", docs/guide.md "The waiting
 * list"): per municipality, the registrations of the period, the asking participants still
 * waiting and the supporters with room at its end, and the first matches of the period with
 * the median waiting time from registration to the start of the first match (seed 001, L1865:
 * "na aanmelding even kan duren voordat er een geschikte match is"). Counts are suppressed
 * like every count of the report; the median is a magnitude that needs k contributors. */
#include "evaluation/evaluation_int.h"

#include <stdlib.h>
#include <string.h>

enum { W_PLACE, W_REG_ASKING, W_REG_SUPPORTING, W_WAITING, W_AVAILABLE, W_MATCHED, W_MEDIAN,
       W_COLUMNS };
static const char *const columns[] = {"municipality", "asking registered",
    "supporters registered", "asking waiting at the end", "supporters available at the end",
    "first matches", "median days to a first match", NULL};

/* What the table needs of one participant. */
typedef struct person {
    char *ref;
    const char *place; /* in places, or ITAV__NOT_KNOWN */
    itav_side side;
    int32_t registered;
    bool gone_at_end;   /* a status that stops the waiting or the room, set by the end */
    bool ready_at_end;  /* supporting: open for matches at the end (available or matched) */
    size_t limit;       /* open matches it may have (itav__open_match_limit()) */
    int32_t first_start; /* asking: the start of its first match; ITAV_DATE_NONE: none */
    bool started_at_end; /* asking: a match in trial or active at the end */
    size_t open_at_end;  /* supporting: its open matches at the end */
} person;

typedef struct people {
    person *v;
    size_t n, cap;
    itav__strlist places; /* first spelling of each municipality */
} people;

static void people_clear(people *P)
{
    for (size_t i = 0; i < P->n; i++)
        itav__free(P->v[i].ref);
    itav__free(P->v);
    itav__strlist_clear(&P->places);
}

static int by_ref(const void *a, const void *b)
{
    return strcmp(((const person *)a)->ref, ((const person *)b)->ref);
}

static const char *place_in(people *P, const char *place, int *rc)
{
    if (!place || !*place)
        return ITAV__NOT_KNOWN;
    for (size_t i = 0; i < P->places.n; i++)
        if (itav__strcasecmp(P->places.v[i], place) == 0)
            return P->places.v[i];
    if ((*rc = itav__strlist_add(&P->places, place)) != ITAV_OK)
        return NULL;
    return P->places.v[P->places.n - 1];
}

/* A status set on or before the end says where the participant stood at the end; one set
 * later does not (statuses keep no history), so such a participant counts as it was. */
static void status_at_end(person *e, const itav_participant *p, int32_t end)
{
    itav_participant_status s = itav_participant_get_status(p);
    int32_t since = itav_participant_status_date(p);
    bool known = since == ITAV_DATE_NONE || since <= end;
    bool gone = s == ITAV_PSTATUS_NOT_SUITABLE || s == ITAV_PSTATUS_INACTIVE ||
                s == ITAV_PSTATUS_ERASED;
    e->gone_at_end = known && gone;
    e->ready_at_end = !known || s == ITAV_PSTATUS_AVAILABLE || s == ITAV_PSTATUS_MATCHED;
}

static int add_person(people *P, const itav_participant *p, int32_t end)
{
    int rc = ITAV_OK;
    if (P->n == P->cap) {
        size_t cap = P->cap ? 2 * P->cap : 64;
        person *v = itav__realloc(P->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        P->v = v;
        P->cap = cap;
    }
    person *e = memset(&P->v[P->n], 0, sizeof *e);
    if (!(e->ref = itav__strdup(itav_participant_ref(p))))
        return ITAV_ENOMEM;
    if (!(e->place = place_in(P, itav_participant_municipality(p), &rc))) {
        itav__free(e->ref);
        return rc;
    }
    e->side = itav_participant_side(p);
    e->registered = itav_participant_registered(p);
    e->limit = itav__open_match_limit(p);
    e->first_start = ITAV_DATE_NONE;
    status_at_end(e, p, end);
    P->n++;
    return ITAV_OK;
}

static person *find(const people *P, const char *ref)
{
    person key = {(char *)ref, NULL, 0, 0, false, false, 0, 0, false, 0};
    return P->n ? bsearch(&key, P->v, P->n, sizeof *P->v, by_ref) : NULL;
}

static int load(people *P, itav_db *db, const itav__iter *offers, const itav__iter *matches,
                int32_t end)
{
    int rc = ITAV_OK;
    for (size_t i = 0; rc == ITAV_OK && i < offers->n; i++) {
        itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
        itav_participant_iter *it;
        itav_participant *p;
        f.offer = itav_offer_id(offers->items[i]);
        if ((rc = itav_participant_list(&it, db, &f)) != ITAV_OK)
            return rc;
        while (rc == ITAV_OK && itav_participant_iter_next(&p, it) == ITAV_OK) {
            rc = add_person(P, p, end);
            itav_participant_free(p);
        }
        itav_participant_iter_free(it);
    }
    if (rc == ITAV_OK && P->n > 1)
        qsort(P->v, P->n, sizeof *P->v, by_ref);
    for (size_t i = 0; rc == ITAV_OK && i < matches->n; i++) {
        const itav_match *m = matches->items[i];
        itav_match_state at_end = itav__report_state_on(m, end);
        person *a = find(P, itav_match_asking(m)), *s = find(P, itav_match_supporting(m));
        int32_t start = itav_match_start(m);
        if (a && start != ITAV_DATE_NONE &&
            (a->first_start == ITAV_DATE_NONE || start < a->first_start))
            a->first_start = start;
        if (a && (at_end == ITAV_MATCH_TRIAL || at_end == ITAV_MATCH_ACTIVE))
            a->started_at_end = true;
        if (s && at_end && itav__match_open(at_end))
            s->open_at_end++;
    }
    return rc;
}

static bool in_period(int32_t d, const itav_report *r)
{
    return d != ITAV_DATE_NONE && (r->from == ITAV_DATE_NONE || d >= r->from) &&
           (r->to == ITAV_DATE_NONE || d <= r->to);
}

/* ---- the rows ---- */

typedef struct wrow {
    const char *place;
    long n[W_COLUMNS]; /* by column: the counts */
    unsigned key[W_COLUMNS]; /* by column: the sum of its people's record keys (cellkey.c) */
    int32_t *days;     /* waiting times of the first matches, n[W_MATCHED] of them */
} wrow;

typedef struct wrows {
    wrow *v;
    size_t n;
} wrows;

static void rows_clear(wrows *R)
{
    for (size_t i = 0; i < R->n; i++)
        itav__free(R->v[i].days);
    itav__free(R->v);
    R->v = NULL;
    R->n = 0;
}

static bool folded(const itav__strlist *fold, const char *place)
{
    for (size_t i = 0; i < fold->n; i++)
        if (strcmp(fold->v[i], place) == 0)
            return true;
    return false;
}

static int row_cmp(const void *a, const void *b)
{
    return itav__report_place_cmp(&((const wrow *)a)->place, &((const wrow *)b)->place);
}

static wrow *row_of(wrows *R, const char *place)
{
    for (size_t i = 0; i < R->n; i++)
        if (R->v[i].place == place || strcmp(R->v[i].place, place) == 0)
            return &R->v[i];
    return NULL;
}

/* What each person adds to the row of its municipality (or of ITAV__OTHER_PLACES when that
 * is folded); a person who adds nothing makes no row. */
static int count_rows(wrows *R, const people *P, const itav__strlist *fold, const itav_report *r,
                      int32_t end)
{
    R->v = itav__calloc(P->places.n + 2, sizeof *R->v);
    if (!R->v)
        return ITAV_ENOMEM;
    for (size_t i = 0; i < P->n; i++) {
        const person *e = &P->v[i];
        bool asking = e->side == ITAV_SIDE_ASKING;
        bool there = e->registered != ITAV_DATE_NONE && e->registered <= end && !e->gone_at_end;
        long add[W_COLUMNS] = {0};
        add[asking ? W_REG_ASKING : W_REG_SUPPORTING] = in_period(e->registered, r);
        if (asking)
            add[W_WAITING] = there && !e->started_at_end;
        else
            add[W_AVAILABLE] = there && e->ready_at_end && e->open_at_end < e->limit;
        add[W_MATCHED] = asking && e->registered != ITAV_DATE_NONE &&
                         in_period(e->first_start, r);
        long any = 0;
        for (int c = W_REG_ASKING; c <= W_MATCHED; c++)
            any += add[c];
        if (!any)
            continue;
        const char *place = folded(fold, e->place) ? ITAV__OTHER_PLACES : e->place;
        wrow *w = row_of(R, place);
        if (!w) {
            w = &R->v[R->n++];
            w->place = place;
        }
        if (add[W_MATCHED]) {
            int32_t *d = itav__realloc(w->days, ((size_t)w->n[W_MATCHED] + 1) * sizeof *d);
            if (!d)
                return ITAV_ENOMEM;
            w->days = d;
            d[w->n[W_MATCHED]] = e->first_start - e->registered;
        }
        unsigned key = r->perturb ? itav__record_key(r, "participant", e->ref) : 0;
        for (int c = W_REG_ASKING; c <= W_MATCHED; c++) {
            w->n[c] += add[c];
            w->key[c] += add[c] ? key : 0;
        }
    }
    if (R->n > 1)
        qsort(R->v, R->n, sizeof *R->v, row_cmp);
    return ITAV_OK;
}

static int day_cmp(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* The median of n waiting times (n > 0; sorted here): the middle one, or the mean of the two
 * middle ones. */
static double median(int32_t *d, size_t n)
{
    qsort(d, n, sizeof *d, day_cmp);
    return n % 2 ? d[n / 2] : (d[n / 2 - 1] + (double)d[n / 2]) / 2;
}

/* The median cell of row `at` over the days of the rows in `use` (that row, or for the total
 * row every row whose first matches are shown): hidden with its count or below k
 * contributors, empty without first matches. */
static int median_cell(itav__table *t, size_t at, const wrows *R, const bool *use, int k,
                       bool hidden)
{
    size_t n = 0;
    for (size_t i = 0; i < R->n; i++)
        n += use[i] ? (size_t)R->v[i].n[W_MATCHED] : 0;
    itav__cell *c = itav__table_cell(t, at, W_MEDIAN);
    if (hidden || !itav__enough_contributors((double)n, k)) {
        c->suppressed = true;
        c->why = ITAV_HIDDEN_MAGNITUDE;
        return ITAV_OK;
    }
    if (!n)
        return ITAV_OK;
    int32_t *all = itav__malloc(n * sizeof *all);
    if (!all)
        return ITAV_ENOMEM;
    n = 0;
    for (size_t i = 0; i < R->n; i++)
        if (use[i] && R->v[i].n[W_MATCHED]) { /* a row without first matches has no days */
            memcpy(all + n, R->v[i].days, (size_t)R->v[i].n[W_MATCHED] * sizeof *all);
            n += (size_t)R->v[i].n[W_MATCHED];
        }
    int rc = itav__table_set_number(t, at, W_MEDIAN, median(all, n), 1, false);
    itav__free(all);
    return rc;
}

static bool shown_count(const itav__table *t, size_t row, size_t col, double *v)
{
    const itav__cell *c = itav__table_cell(t, row, col);
    *v = c && !c->suppressed && c->kind == ITAV__CELL_NUMBER ? c->value : 0;
    return c && !c->suppressed;
}

static int build(itav__table **out, itav_report *r, const wrows *R)
{
    itav__table *t;
    int rc = itav__report_table_begin(&t, r, "waiting_list", "Waiting list per municipality",
                                      columns);
    size_t row, total = R->n;
    *out = t;
    for (size_t i = 0; rc == ITAV_OK && i < R->n; i++) {
        const char *place = R->v[i].place;
        bool fixed = !strcmp(place, ITAV__NOT_KNOWN) || !strcmp(place, ITAV__OTHER_PLACES);
        if ((rc = itav__table_add_row(t, &row)) == ITAV_OK &&
            (rc = itav__table_set_text(t, row, W_PLACE, place)) == ITAV_OK)
            itav__table_cell(t, row, W_PLACE)->label = fixed;
        for (int c = W_REG_ASKING; rc == ITAV_OK && c <= W_MATCHED; c++)
            if ((rc = itav__table_set_number(t, row, (size_t)c, (double)R->v[i].n[c], 0,
                                             true)) == ITAV_OK)
                itav__table_cell(t, row, (size_t)c)->key = R->v[i].key[c] % ITAV__CELLKEY_RANGE;
    }
    if (rc == ITAV_OK && R->n >= 2 && (rc = itav__table_add_row(t, &row)) == ITAV_OK &&
        (rc = itav__table_set_text(t, row, W_PLACE, ITAV__TOTAL_LABEL)) == ITAV_OK)
        itav__table_cell(t, row, W_PLACE)->label = true;
    if (rc == ITAV_OK && R->n >= 2) { /* each column of counts is a group with its total */
        size_t *rs = itav__calloc(R->n, sizeof *rs), *cs = itav__calloc(R->n, sizeof *cs);
        rc = rs && cs ? ITAV_OK : ITAV_ENOMEM;
        for (int c = W_REG_ASKING; rc == ITAV_OK && c <= W_MATCHED; c++) {
            for (size_t i = 0; i < R->n; i++)
                rs[i] = i, cs[i] = (size_t)c;
            rc = itav__table_add_group(t, rs, cs, R->n, (long)total, c);
        }
        itav__free(rs);
        itav__free(cs);
    }
    if (rc == ITAV_OK)
        t->note = itav__strdup(R->n ? ITAV__L_WAITING_NOTE : ITAV__L_WAITING_NONE);
    if (rc == ITAV_OK && !t->note)
        rc = ITAV_ENOMEM;
    if (rc == ITAV_OK)
        rc = itav__report_suppress(t, r);
    return rc;
}

/* Whether row i shows no positive count: its label alone would say that someone from that
 * municipality takes part. */
static bool shows_nobody(const itav__table *t, size_t i)
{
    double v;
    for (size_t c = W_REG_ASKING; c <= W_MATCHED; c++)
        if (shown_count(t, i, c, &v) && v > 0)
            return false;
    return true;
}

static int medians(itav__table *t, const itav_report *r, const wrows *R)
{
    bool *use = itav__calloc(R->n + 1, sizeof *use);
    double v;
    int rc = use ? ITAV_OK : ITAV_ENOMEM;
    for (size_t i = 0; rc == ITAV_OK && i < R->n; i++) {
        bool shown = shown_count(t, i, W_MATCHED, &v);
        memset(use, 0, R->n * sizeof *use);
        use[i] = true;
        rc = median_cell(t, i, R, use, r->k, !shown);
    }
    /* the total row: over the rows whose first matches are shown, as its count is */
    for (size_t i = 0; rc == ITAV_OK && R->n >= 2 && i < R->n; i++)
        use[i] = shown_count(t, i, W_MATCHED, &v);
    if (rc == ITAV_OK && R->n >= 2)
        rc = median_cell(t, R->n, R, use, r->k, false);
    itav__free(use);
    return rc;
}

int itav__report_waiting(itav_report *r, itav_db *db, const itav__iter *offers,
                         const itav__iter *matches)
{
    people P = {0};
    wrows R = {0};
    itav__strlist fold = {0};
    itav__table *t = NULL;
    int32_t end = r->to != ITAV_DATE_NONE ? r->to : r->as_of;
    int rc = load(&P, db, offers, matches, end);
    /* Build, suppress, fold the municipalities that would show nobody, and again until none
     * is left (as matches_started does): each round folds at least one, so this ends. */
    while (rc == ITAV_OK && (rc = count_rows(&R, &P, &fold, r, end)) == ITAV_OK &&
           (rc = build(&t, r, &R)) == ITAV_OK) {
        size_t before = fold.n;
        for (size_t i = 0; r->k > 1 && rc == ITAV_OK && i < R.n; i++)
            if (strcmp(R.v[i].place, ITAV__OTHER_PLACES) != 0 && shows_nobody(t, i))
                rc = itav__strlist_add(&fold, R.v[i].place);
        if (rc != ITAV_OK || fold.n == before)
            break;
        itav__table_clear(&r->tables[--r->ntables]);
        rows_clear(&R);
    }
    if (rc == ITAV_OK)
        rc = medians(t, r, &R);
    rows_clear(&R);
    itav__strlist_clear(&fold);
    people_clear(&P);
    return rc;
}

/* What holds for the true counts: a first match of the period is a match that started in the
 * period, of an asking participant of the same municipality. So the first matches of a
 * municipality are at most its matches started (both tables show it under the same label;
 * "other municipalities" may differ between them), and all first matches at most all matches
 * started. */
int itav__report_waiting_relate(itav_report *r)
{
    size_t w = itav_report_table_find(r, "waiting_list");
    size_t s = itav_report_table_find(r, "matches_started");
    if (w >= r->ntables || s >= r->ntables)
        return ITAV_OK;
    const itav__table *W = &r->tables[w], *S = &r->tables[s];
    size_t ws = W->columns.n, ss = S->columns.n;
    itav__term *terms = itav__calloc(W->rows + S->rows * ss + 1, sizeof *terms);
    if (!terms)
        return ITAV_ENOMEM;
    int rc = ITAV_OK;
    size_t n = 0;
    /* per municipality */
    for (size_t i = 0; rc == ITAV_OK && i < W->rows; i++) {
        const itav__cell *label = &W->cells[i * ws], *first = &W->cells[i * ws + W_MATCHED];
        if (!first->count || !label->text || !strcmp(label->text, ITAV__OTHER_PLACES) ||
            !strcmp(label->text, ITAV__TOTAL_LABEL))
            continue;
        for (size_t j = 0; j < S->rows; j++) {
            const itav__cell *sl = &S->cells[j * ss];
            if (!sl->text || strcmp(sl->text, label->text) != 0)
                continue;
            n = 0;
            terms[n++] = (itav__term){w, i * ws + W_MATCHED, 1};
            for (size_t c = 1; c < ss; c++)
                if (S->cells[j * ss + c].count)
                    terms[n++] = (itav__term){s, j * ss + c, -1};
            rc = itav__report_relate(r, terms, n, false);
        }
    }
    /* in all */
    n = 0;
    for (size_t i = 0; i < W->rows; i++)
        if (W->cells[i * ws + W_MATCHED].count)
            terms[n++] = (itav__term){w, i * ws + W_MATCHED, 1};
    for (size_t i = 0; i < S->rows * ss; i++)
        if (i % ss && S->cells[i].count)
            terms[n++] = (itav__term){s, i, -1};
    if (rc == ITAV_OK && n)
        rc = itav__report_relate(r, terms, n, false);
    itav__free(terms);
    return rc;
}
