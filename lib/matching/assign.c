/* Assignment: the best set of matches for the waiting list of an offer: the pool is read
 * from the store, the candidate pairs scored, the solver (solver.c) chooses, and the chosen
 * pairs are proposed in one transaction.
 */
#include "matching/matching_int.h"
#include "matching/solver.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the assignment of an offer ---- */

struct itav_assignment {
    itav_suggestion *pairs; /* in waiting order of the asking participants */
    char **ids;             /* match ids after a write, else NULL */
    size_t npairs;
    char **unmatched;
    size_t nunmatched;
    double total;
};

typedef struct plist {
    itav_participant **v;
    size_t n, cap;
} plist;

/* A pair with match history, by row (asking) and column (supporter). */
typedef struct history {
    uint32_t row, col;
    bool declined, open;
} history;

typedef struct pool {
    itav_db *db;
    plist asking, supporting; /* waiting, in waiting order; eligible, by reference */
    struct ref_row *by_ref;   /* the asking side's references with their rows, by reference */
    size_t *open;             /* open matches per supporter */
    history *hist;
    size_t nhist, caphist;
} pool;

static int plist_push(plist *l, itav_participant *p)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        itav_participant **v = itav__realloc(l->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = p;
    return ITAV_OK;
}

static void plist_clear(plist *l)
{
    for (size_t i = 0; i < l->n; i++)
        itav_participant_free(l->v[i]);
    itav__free(l->v);
}

static int take_participant(void *arg, const char *key, const void *data, size_t size)
{
    pool *P = arg;
    itav_participant *p;
    int rc = itav__participant_load(&p, P->db, key, data, size);
    if (rc != ITAV_OK)
        return rc;
    plist *into = NULL;
    if (itav__kind_side(p->kind) == ITAV_SIDE_ASKING && p->status == ITAV_PSTATUS_WAITING)
        into = &P->asking;
    else if (itav__kind_side(p->kind) == ITAV_SIDE_SUPPORTING &&
             (p->status == ITAV_PSTATUS_AVAILABLE || p->status == ITAV_PSTATUS_MATCHED))
        into = &P->supporting;
    if (!into) {
        itav_participant_free(p);
        return ITAV_OK;
    }
    rc = plist_push(into, p);
    if (rc != ITAV_OK) {
        itav_participant_free(p);
        return itav__error(P->db, rc, "out of memory reading the participants");
    }
    return ITAV_OK;
}

static int by_ref(const void *x, const void *y)
{
    return strcmp((*(itav_participant *const *)x)->ref, (*(itav_participant *const *)y)->ref);
}

/* Waiting order: registration date, no date last, then reference. */
static int by_waiting(const void *x, const void *y)
{
    const itav_participant *a = *(itav_participant *const *)x, *b = *(itav_participant *const *)y;
    if (a->registered != b->registered) {
        if (a->registered == ITAV_DATE_NONE || b->registered == ITAV_DATE_NONE)
            return a->registered == ITAV_DATE_NONE ? 1 : -1;
        return a->registered < b->registered ? -1 : 1;
    }
    return strcmp(a->ref, b->ref);
}

/* An asking participant's reference and its row (its place in waiting order). */
typedef struct ref_row {
    const char *ref;
    size_t row;
} ref_row;

static int by_ref_row(const void *x, const void *y)
{
    return strcmp(((const ref_row *)x)->ref, ((const ref_row *)y)->ref);
}

/* The index of ref in a list sorted by reference, or -1. */
static long find_ref(const plist *l, const char *ref)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->v[mid]->ref, ref);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The row of an asking participant's reference, or -1. */
static long find_row(const pool *P, const char *ref)
{
    ref_row key = {ref, 0};
    const ref_row *hit = P->asking.n ? bsearch(&key, P->by_ref, P->asking.n, sizeof key,
                                               by_ref_row)
                                     : NULL;
    return hit ? (long)hit->row : -1;
}

/* Match scan callback: open matches per supporter and the history of each pair. */
static int take_match(void *arg, const char *key, const void *data, size_t size)
{
    pool *P = arg;
    itav_match *m;
    int rc = itav__match_load(&m, P->db, key, data, size);
    if (rc != ITAV_OK)
        return rc;
    long col = find_ref(&P->supporting, m->supporting);
    long row = find_row(P, m->asking);
    bool open = itav__match_open(m->state), declined = m->state == ITAV_MATCH_DECLINED;
    if (col >= 0 && open)
        P->open[col]++;
    if (col >= 0 && row >= 0 && (open || declined)) {
        if (P->nhist == P->caphist) {
            size_t cap = P->caphist ? P->caphist * 2 : 64;
            history *h = itav__realloc(P->hist, cap * sizeof *h);
            if (!h)
                rc = itav__error(P->db, ITAV_ENOMEM, "out of memory reading the matches");
            else {
                P->hist = h;
                P->caphist = cap;
            }
        }
        if (rc == ITAV_OK)
            P->hist[P->nhist++] = (history){(uint32_t)row, (uint32_t)col, declined, open};
    }
    itav_match_free(m);
    return rc;
}

static int by_row_col(const void *x, const void *y)
{
    const history *a = x, *b = y;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return a->col < b->col ? -1 : a->col > b->col;
}

static int load_pool(pool *P, const char *offer)
{
    int rc = itav__scan(P->db, ITAV__KIND_PARTICIPANT, ITAV__PARTICIPANT_SLOT_OFFER, offer,
                        take_participant, P);
    if (rc != ITAV_OK)
        return rc;
    if (P->asking.n)
        qsort(P->asking.v, P->asking.n, sizeof *P->asking.v, by_waiting);
    if (P->supporting.n)
        qsort(P->supporting.v, P->supporting.n, sizeof *P->supporting.v, by_ref);
    P->by_ref = itav__malloc((P->asking.n + 1) * sizeof *P->by_ref);
    P->open = itav__calloc(P->supporting.n + 1, sizeof *P->open);
    if (!P->by_ref || !P->open)
        return itav__error(P->db, ITAV_ENOMEM, "out of memory reading the participants");
    for (size_t i = 0; i < P->asking.n; i++)
        P->by_ref[i] = (ref_row){P->asking.v[i]->ref, i};
    if (P->asking.n)
        qsort(P->by_ref, P->asking.n, sizeof *P->by_ref, by_ref_row);
    rc = itav__scan(P->db, ITAV__KIND_MATCH, ITAV__MATCH_SLOT_OFFER, offer, take_match, P);
    if (P->nhist)
        qsort(P->hist, P->nhist, sizeof *P->hist, by_row_col);
    return rc;
}

static void pool_clear(pool *P)
{
    plist_clear(&P->asking);
    plist_clear(&P->supporting);
    itav__free(P->by_ref);
    itav__free(P->open);
    itav__free(P->hist);
}

typedef struct edges {
    itav__edge *v;
    size_t n, cap;
} edges;

static int edge_push(edges *E, size_t row, size_t col, double score)
{
    if (E->n == E->cap) {
        size_t cap = E->cap ? E->cap * 2 : 1024;
        itav__edge *v = itav__realloc(E->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        E->v = v;
        E->cap = cap;
    }
    E->v[E->n++] = (itav__edge){(uint32_t)row, (uint32_t)col, llround(score * 1e6)};
    return ITAV_OK;
}

/* The facts of pair (row, col); *h walks the sorted history along with the loops. */
static itav__pair_facts facts_of(const pool *P, size_t *h, size_t row, size_t col)
{
    itav__pair_facts f = {false, false, P->open[col]};
    while (*h < P->nhist && (P->hist[*h].row < row ||
                             (P->hist[*h].row == row && P->hist[*h].col < col)))
        ++*h;
    for (size_t k = *h; k < P->nhist && P->hist[k].row == row && P->hist[k].col == col; k++) {
        f.declined |= P->hist[k].declined;
        f.open |= P->hist[k].open;
    }
    return f;
}

/* Pair (i, j) as an edge if allowed and at or above min_score, worth round(score * 1e6). */
static int pair_edge(edges *E, const pool *P, size_t *h, size_t i, size_t j, double mine,
                     const itav_plan *plan, const itav_match_options *o)
{
    const itav_participant *a = P->asking.v[i], *s = P->supporting.v[j];
    /* cheap test first: too far is excluded whatever else holds */
    if (mine > 0 && a->has_location && s->has_location &&
        itav__distance_m(a->lat, a->lon, s->lat, s->lon) > mine)
        return ITAV_OK;
    itav__pair_facts f = facts_of(P, h, i, j);
    itav_suggestion sc;
    itav__score(&sc, a, s, plan, &f, o);
    if (sc.excluded == ITAV_CONSTRAINT_NONE && sc.score >= o->min_score)
        return edge_push(E, i, j, sc.score);
    return ITAV_OK;
}

/* A supporter with a place, for the search by latitude band. */
typedef struct placed {
    double lat, lon;
    size_t col;
} placed;

static int by_lat(const void *x, const void *y)
{
    const placed *a = x, *b = y;
    if (a->lat != b->lat)
        return a->lat < b->lat ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

static int by_col(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

#define EARTH_RADIUS_M 6371008.8 /* as itav__distance_m */
#define DEGREE (3.14159265358979323846 / 180.0)

/* The supporters (by column, ascending) that may lie within `mine` metres of a: those in
 * the latitude band of the limit (a great-circle distance is at least R times the
 * difference of latitude) and, where the limit is small enough to bound it, in the band of
 * longitude: haversine h >= cos(lat1) cos(lat2) sin^2(dlon / 2). The margins keep every
 * supporter that itav__distance_m() could put within the limit. */
static size_t near_columns(size_t *out, const placed *pl, size_t n, const itav_participant *a,
                           double mine)
{
    double theta = mine / EARTH_RADIUS_M, dlat = theta / DEGREE * (1 + 1e-9) + 1e-9;
    double wlon = 360, phimax = fabs(a->lat) + dlat;
    if (theta < 1 && phimax < 89) {
        double hv = sin(theta / 2) * sin(theta / 2);
        double q = hv / (cos(a->lat * DEGREE) * cos(phimax * DEGREE));
        if (q < 0.9)
            wlon = 2 * asin(sqrt(q)) / DEGREE * (1 + 1e-9) + 1e-9;
    }
    size_t lo = 0, hi = n, k = 0;
    while (lo < hi) { /* the first at or above the band's lower edge */
        size_t mid = lo + (hi - lo) / 2;
        if (pl[mid].lat < a->lat - dlat)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t j = lo; j < n && pl[j].lat <= a->lat + dlat; j++) {
        double dl = fabs(pl[j].lon - a->lon);
        if (dl > 180)
            dl = 360 - dl;
        if (dl <= wlon)
            out[k++] = pl[j].col;
    }
    if (k > 1)
        qsort(out, k, sizeof *out, by_col);
    return k;
}

/* Every allowed pair at or above min_score is an edge worth round(score * 1e6). An asking
 * participant with a place and a distance limit is paired only with the supporters that
 * may be near enough and those without a place (the rest are too far, whatever else
 * holds), in column order as for everyone else, so the edges are the same as from trying
 * every pair; that keeps a waiting list of 100,000 from costing 10^10 distances. */
static int build_edges(edges *E, const pool *P, const itav_plan *plan,
                       const itav_match_options *o)
{
    size_t h = 0, ns = P->supporting.n, nplaced = 0, nbare = 0;
    int rc = ITAV_OK;
    placed *pl = itav__malloc((ns + 1) * sizeof *pl);
    size_t *bare = itav__malloc((ns + 1) * sizeof *bare);
    size_t *near = itav__malloc((ns + 1) * sizeof *near);
    if (!pl || !bare || !near)
        rc = ITAV_ENOMEM;
    for (size_t j = 0; rc == ITAV_OK && j < ns; j++) {
        const itav_participant *s = P->supporting.v[j];
        if (s->has_location)
            pl[nplaced++] = (placed){s->lat, s->lon, j};
        else
            bare[nbare++] = j;
    }
    if (rc == ITAV_OK && nplaced > 1)
        qsort(pl, nplaced, sizeof *pl, by_lat);
    for (size_t i = 0; rc == ITAV_OK && i < P->asking.n; i++) {
        const itav_participant *a = P->asking.v[i];
        double mine = itav__distance_limit(plan, a, NULL, o);
        if (!(mine > 0 && a->has_location)) {
            for (size_t j = 0; rc == ITAV_OK && j < ns; j++)
                rc = pair_edge(E, P, &h, i, j, mine, plan, o);
            continue;
        }
        size_t k = near_columns(near, pl, nplaced, a, mine), x = 0, y = 0;
        while (rc == ITAV_OK && (x < k || y < nbare)) { /* both lists in column order */
            size_t j = y >= nbare || (x < k && near[x] < bare[y]) ? near[x++] : bare[y++];
            rc = pair_edge(E, P, &h, i, j, mine, plan, o);
        }
    }
    itav__free(pl);
    itav__free(bare);
    itav__free(near);
    return rc;
}

ITAV_API void itav_assignment_free(itav_assignment *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->npairs; i++) {
        itav__suggestion_clear(&a->pairs[i]);
        if (a->ids)
            itav__free(a->ids[i]);
    }
    for (size_t i = 0; i < a->nunmatched; i++)
        itav__free(a->unmatched[i]);
    itav__free(a->pairs);
    itav__free(a->ids);
    itav__free(a->unmatched);
    itav__free(a);
}

/* Turns the solver's choices into the result (pairs with their breakdowns). */
static int make_result(itav_assignment **out, const pool *P, const long *choice,
                       const itav_plan *plan, const itav_match_options *o)
{
    itav_assignment *r = itav__calloc(1, sizeof *r);
    if (!r)
        return ITAV_ENOMEM;
    size_t n = P->asking.n;
    r->pairs = itav__calloc(n + 1, sizeof *r->pairs);
    r->unmatched = itav__calloc(n + 1, sizeof *r->unmatched);
    if (!r->pairs || !r->unmatched) {
        itav_assignment_free(r);
        return ITAV_ENOMEM;
    }
    size_t h = 0;
    for (size_t i = 0; i < n; i++) {
        const itav_participant *a = P->asking.v[i];
        if (choice[i] < 0) {
            if (!(r->unmatched[r->nunmatched++] = itav__strdup(a->ref))) {
                itav_assignment_free(r);
                return ITAV_ENOMEM;
            }
            continue;
        }
        const itav_participant *s = P->supporting.v[choice[i]];
        itav__pair_facts f = facts_of(P, &h, i, (size_t)choice[i]);
        itav_suggestion *p = &r->pairs[r->npairs++];
        itav__score(p, a, s, plan, &f, o);
        p->asking = itav__strdup(a->ref);
        p->supporting = itav__strdup(s->ref);
        if (!p->asking || !p->supporting) {
            itav_assignment_free(r);
            return ITAV_ENOMEM;
        }
        r->total += p->score;
    }
    *out = r;
    return ITAV_OK;
}

static int check_dates(itav_db *db, const itav_participant *p, int32_t date)
{
    char d[ITAV_DATE_BUFSIZE], s[ITAV_DATE_BUFSIZE];
    if (p->status_date == ITAV_DATE_NONE || date >= p->status_date)
        return ITAV_OK;
    itav_date_format(d, sizeof d, date);
    itav_date_format(s, sizeof s, p->status_date);
    return itav__error(db, ITAV_EINVAL,
                       "assignment: the date %s is before the status date %s of participant "
                       "\"%s\"",
                       d, s, p->ref);
}

/* Writes the pairs as proposed matches, in waiting order (inside the caller's
 * transaction). */
static int write_pairs(itav_assignment *r, itav_db *db, const pool *P, const long *choice,
                       int32_t date)
{
    int rc = ITAV_OK;
    for (size_t i = 0; i < P->asking.n && rc == ITAV_OK; i++)
        if (choice[i] >= 0 &&
            (rc = check_dates(db, P->asking.v[i], date)) == ITAV_OK)
            rc = check_dates(db, P->supporting.v[choice[i]], date);
    if (rc != ITAV_OK)
        return rc;
    if (!(r->ids = itav__calloc(r->npairs + 1, sizeof *r->ids)))
        return itav__error(db, ITAV_ENOMEM, "out of memory writing the assignment");
    size_t k = 0;
    for (size_t i = 0; i < P->asking.n && rc == ITAV_OK; i++) {
        if (choice[i] < 0)
            continue;
        rc = itav__match_create(&r->ids[k], db, P->asking.v[i], P->supporting.v[choice[i]],
                                r->pairs[k].score, date, ITAV_ACTOR_SYSTEM, NULL);
        k++;
    }
    return rc;
}

ITAV_API int itav_match_assign(itav_assignment **out, itav_db *db, const char *offer,
                               const itav_match_options *options, unsigned flags,
                               int32_t date)
{
    char buf[ITAV_DATE_BUFSIZE];
    if (!db)
        return ITAV_EINVAL;
    if (!out || !offer)
        return itav__error(db, ITAV_EINVAL, out ? N_("assignment needs an offer")
                                                : N_("no place for the assignment given"));
    if (flags != ITAV_ASSIGN_DRY_RUN && flags != ITAV_ASSIGN_WRITE)
        return itav__error(db, ITAV_EINVAL,
                           "assignment: flags must be ITAV_ASSIGN_DRY_RUN or ITAV_ASSIGN_WRITE");
    if (itav_date_format(buf, sizeof buf, date) != ITAV_OK)
        return itav__error(db, ITAV_EINVAL, "assignment: the date must be in 1900-9999");
    itav_match_options given, o;
    itav_match_options_init(&given);
    if (options)
        given = *options;
    if (given.as_of == ITAV_DATE_NONE)
        given.as_of = date;
    int rc = itav__options_resolve(&o, db, &given);
    if (rc != ITAV_OK)
        return rc;
    bool exists;
    if ((rc = itav__exists(&exists, db, ITAV__KIND_OFFER, offer)) != ITAV_OK)
        return rc;
    if (!exists)
        return itav__error(db, ITAV_ENOTFOUND, "assignment: no offer \"%s\"", offer);

    pool P = {db, {NULL, 0, 0}, {NULL, 0, 0}, NULL, NULL, NULL, 0, 0};
    itav_plan *plan = NULL;
    edges E = {NULL, 0, 0};
    long *choice = NULL;
    int *capacity = NULL;
    itav_assignment *r = NULL;
    /* A write reads inside its transaction too, so it acts on what it read; a dry run reads
     * one state of the store in a read transaction. */
    bool txn = flags == ITAV_ASSIGN_WRITE, reading = !txn;
    if ((rc = txn ? itav__begin(db) : itav__read_begin(db)) != ITAV_OK)
        return rc;
    if ((rc = itav_plan_effective(&plan, db, offer)) != ITAV_OK ||
        (rc = load_pool(&P, offer)) != ITAV_OK)
        goto done;
    choice = itav__malloc((P.asking.n + 1) * sizeof *choice);
    capacity = itav__malloc((P.supporting.n + 1) * sizeof *capacity);
    if (!choice || !capacity || build_edges(&E, &P, plan, &o) != ITAV_OK) {
        rc = itav__error(db, ITAV_ENOMEM, "out of memory building the candidate pairs");
        goto done;
    }
    for (size_t j = 0; j < P.supporting.n; j++) {
        size_t limit = itav__open_match_limit(P.supporting.v[j]);
        capacity[j] = limit > P.open[j] ? (int)(limit - P.open[j]) : 0;
    }
    rc = itav__assign_solve(choice, P.asking.n, P.supporting.n, capacity, E.v, E.n);
    if (rc != ITAV_OK) {
        rc = itav__error(db, rc, rc == ITAV_ENOMEM ? N_("out of memory solving the assignment")
                                                   : N_("assignment: too many participants"));
        goto done;
    }
    if ((rc = make_result(&r, &P, choice, plan, &o)) != ITAV_OK) {
        rc = itav__error(db, rc, "out of memory building the assignment");
        goto done;
    }
    if (txn) {
        txn = false;
        if ((rc = write_pairs(r, db, &P, choice, date)) != ITAV_OK) {
            itav__rollback(db);
            goto done;
        }
        if ((rc = itav__commit(db)) != ITAV_OK) /* rolled back by itav__commit */
            goto done;
    }
    *out = r;
    r = NULL;
done:
    if (txn)
        itav__rollback(db);
    if (reading)
        itav__read_end(db);
    itav_assignment_free(r);
    itav__free(E.v);
    itav__free(choice);
    itav__free(capacity);
    itav_plan_free(plan);
    pool_clear(&P);
    return rc;
}

ITAV_API size_t itav_assignment_count(const itav_assignment *a) { return a ? a->npairs : 0; }

ITAV_API const itav_suggestion *itav_assignment_pair(const itav_assignment *a, size_t i)
{
    return a && i < a->npairs ? &a->pairs[i] : NULL;
}

ITAV_API const char *itav_assignment_match_id(const itav_assignment *a, size_t i)
{
    return a && a->ids && i < a->npairs ? a->ids[i] : NULL;
}

ITAV_API size_t itav_assignment_unmatched_count(const itav_assignment *a)
{
    return a ? a->nunmatched : 0;
}

ITAV_API const char *itav_assignment_unmatched(const itav_assignment *a, size_t i)
{
    return a && i < a->nunmatched ? a->unmatched[i] : NULL;
}

ITAV_API double itav_assignment_total(const itav_assignment *a) { return a ? a->total : 0; }
