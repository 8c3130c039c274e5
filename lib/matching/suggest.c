/* Suggestions: the best k supporters for one asking participant.
 *
 * Candidates are scored while the store is scanned, without their match history (a scan
 * callback must not read the store). The history only ever excludes a pair (declined, open,
 * capacity); it never changes a score. So candidates are kept as (score, ref) and, between
 * scans, sorted and checked against their history best first until k allowed ones are
 * known; everything behind the k-th allowed one can be dropped. That keeps the history
 * look-ups (two scans each) to about k per query.
 */
#include "matching/matching_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EARTH_RADIUS_M 6371008.8
#define DEG (3.14159265358979323846 / 180.0)
/* Beyond this many rings a full scan of the offer is cheaper than cell by cell. */
#define MAX_RINGS 40
/* Slack for floating point in the cell bounds: 1e-9 degrees is about 0.1 mm. */
#define EPS_DEG 1e-9

struct itav_suggestion_iter {
    itav__iter it;
};

typedef struct candidate {
    double score;
    char *ref;
    itav_suggestion *full; /* set once the history is checked and the pair allowed */
} candidate;

typedef struct search {
    itav_db *db;
    const itav_participant *asking;
    const itav_plan *plan;
    const itav_match_options *o;
    size_t k;
    candidate *v;
    size_t n, cap;
    double limit; /* the distance limit of the spatial search */
    double kth;   /* the k-th best allowed score found so far, or -1 */
} search;

static void candidate_clear(candidate *c)
{
    itav__free(c->ref);
    itav_suggestion_free(c->full);
}

static int push(search *S, double score, const char *ref)
{
    if (S->n == S->cap) {
        size_t cap = S->cap ? S->cap * 2 : 64;
        candidate *v = itav__realloc(S->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        S->v = v;
        S->cap = cap;
    }
    candidate *c = &S->v[S->n];
    if (!(c->ref = itav__strdup(ref)))
        return ITAV_ENOMEM;
    c->score = score;
    c->full = NULL;
    S->n++;
    return ITAV_OK;
}

/* Scan callback: scores a supporter without its history and keeps it if no other
 * constraint excludes the pair. */
static int consider(void *arg, const char *key, const void *data, size_t size)
{
    search *S = arg;
    itav_participant *p;
    int rc = itav__participant_load(&p, S->db, key, data, size);
    if (rc != ITAV_OK)
        return rc;
    if (itav__kind_side(p->kind) == ITAV_SIDE_SUPPORTING) {
        itav_suggestion s = {0};
        const itav__pair_facts none = {false, false, 0};
        itav__score(&s, S->asking, p, S->plan, &none, S->o);
        if (s.excluded == ITAV_CONSTRAINT_NONE)
            rc = push(S, s.score, p->ref);
    }
    itav_participant_free(p);
    return rc;
}

static int by_score_then_ref(const void *x, const void *y)
{
    const candidate *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->ref, b->ref);
}

/* Scores a candidate with its history; *full stays NULL when the history excludes it. */
static int resolve(search *S, candidate *c)
{
    itav_participant *p;
    itav__pair_facts facts;
    int rc = itav__participant_read(&p, S->db, c->ref);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__pair_facts_load(&facts, S->db, S->asking, p)) == ITAV_OK) {
        itav_suggestion s = {0};
        itav__score(&s, S->asking, p, S->plan, &facts, S->o);
        s.asking = S->asking->ref;
        s.supporting = p->ref;
        if (s.excluded == ITAV_CONSTRAINT_NONE)
            rc = itav__suggestion_dup(&c->full, &s);
    }
    itav_participant_free(p);
    return rc;
}

/* Sorts the candidates and keeps the best k allowed ones (checking history as needed). */
static int compact(search *S)
{
    if (S->n) /* qsort must not be given a NULL array */
        qsort(S->v, S->n, sizeof *S->v, by_score_then_ref);
    size_t out = 0, i = 0;
    int rc = ITAV_OK;
    for (; i < S->n && out < S->k; i++) {
        candidate *c = &S->v[i];
        if (!c->full && (rc = resolve(S, c)) != ITAV_OK)
            break;
        if (c->full)
            S->v[out++] = *c;
        else
            candidate_clear(c);
    }
    for (size_t j = i; j < S->n; j++)
        S->v[out++] = S->v[j]; /* unexamined (on error) or beyond the k-th: kept or freed */
    S->n = out;
    if (rc != ITAV_OK)
        return rc;
    for (size_t j = S->k; j < S->n; j++)
        candidate_clear(&S->v[j]);
    if (S->n > S->k)
        S->n = S->k;
    return ITAV_OK;
}

static void free_suggestion(void *s) { itav_suggestion_free(s); }

static int scan_key(search *S, int slot, const char *key)
{
    return itav__scan(S->db, ITAV__KIND_PARTICIPANT, slot, key, consider, S);
}

/* ---- the spatial search ----
 *
 * Cell (row, col) holds the points with row = floor(lat / CELL_LAT) and
 * col = floor(lon / CELL_LON). Ring k around the asking participant's cell (r0, c0) is the
 * set of cells with max(|row - r0|, |col - c0|) = k. A point in ring k or beyond has
 * |row - r0| >= k or |col - c0| >= k, so its distance is at least the smaller of:
 * - R * (latitude gap to rows r0 +- k): a great circle is never shorter than the
 *   difference of latitude;
 * - for |col - c0| >= k with |row - r0| < k (any other point is covered above): by the
 *   haversine formula hav(d/R) = hav(dlat) + cos(lat1) cos(lat2) hav(dlon)
 *   >= cos(lat1) cos(latmax) hav(dlon), latmax the largest |lat| of rows r0-k+1..r0+k-1 and
 *   dlon the longitude gap (hav rises on [0, pi]; across the antimeridian the gap is at most
 *   180 - |lon1|, which is taken into account), so d >= 2R asin(sqrt(that)).
 * ring_bound(k) is that minimum: a lower bound for every point not in rings 0..k-1. */
static double ring_bound(const itav_participant *a, long r0, long c0, long k)
{
    const double h = ITAV__CELL_LAT, w = ITAV__CELL_LON;
    double gap_lat = fmin((r0 + k) * h - a->lat, a->lat - (r0 - k + 1) * h) - EPS_DEG;
    double gap_lon = fmin((c0 + k) * w - a->lon, a->lon - (c0 - k + 1) * w);
    gap_lon = fmin(gap_lon, 180.0 - fabs(a->lon)) - EPS_DEG;
    double latmax = fmax(fabs((r0 - k + 1) * h), fabs((r0 + k) * h)) + EPS_DEG;
    double by_lat = gap_lat > 0 ? EARTH_RADIUS_M * gap_lat * DEG : 0;
    double by_lon = 0;
    if (gap_lon > 0 && latmax < 90) {
        double hav = sin(gap_lon * DEG / 2) * sin(gap_lon * DEG / 2);
        double x = cos(a->lat * DEG) * cos(latmax * DEG) * hav;
        by_lon = 2 * EARTH_RADIUS_M * asin(sqrt(fmin(fmax(x, 0), 1)));
    }
    /* A millimetre less, against rounding in the haversine of the pairs themselves. */
    return fmax(fmin(by_lat, by_lon) * (1 - 1e-9) - 1e-3, 0);
}

/* A lower bound on the distance from the asking participant to any point of cell
 * (row, col): with dlat and dlon at least the gaps to the cell and |lat2| at most latmax,
 * hav(d/R) >= hav(gap_lat) + cos(lat1) cos(latmax) hav(gap_lon) (gap_lon as in ring_bound). */
static double cell_bound(const itav_participant *a, long row, long col)
{
    const double h = ITAV__CELL_LAT, w = ITAV__CELL_LON;
    double gap_lat = fmax(fmax(row * h - a->lat, a->lat - (row + 1) * h), 0) - EPS_DEG;
    double gap_lon = fmax(fmax(col * w - a->lon, a->lon - (col + 1) * w), 0);
    gap_lon = fmin(gap_lon, 180.0 - fabs(a->lon)) - EPS_DEG;
    double latmax = fmin(fmax(fabs(row * h), fabs((row + 1) * h)) + EPS_DEG, 90);
    double hav_lat = gap_lat > 0 ? sin(gap_lat * DEG / 2) * sin(gap_lat * DEG / 2) : 0;
    double hav_lon = gap_lon > 0 ? sin(gap_lon * DEG / 2) * sin(gap_lon * DEG / 2) : 0;
    double x = hav_lat + cos(a->lat * DEG) * cos(latmax * DEG) * hav_lon;
    double d = 2 * EARTH_RADIUS_M * asin(sqrt(fmin(fmax(x, 0), 1)));
    return fmax(d * (1 - 1e-9) - 1e-3, 0);
}

/* The highest score a supporter at distance `d` or more can reach. For one pair with the
 * set C of applying criteria (distance among them, as both sides have coordinates),
 *   score = (w_d v_d + sum_{c in C} w_c v_c) / (w_d + W_C),  W_C = sum_{c in C} w_c.
 * It rises with every v_c, so score <= (w_d v_d + W_C) / (w_d + W_C) = 1 - w_d (1 - v_d) /
 * (w_d + W_C), which rises with W_C (as v_d <= 1), so it is at most the same with C = every
 * other criterion the plan lets count. v_d falls with distance, so v_d(d) bounds every
 * supporter at d or farther. */
static double score_bound(const search *S, double d)
{
    long named = itav_plan_get(S->plan, ITAV_PLAN_CRITERIA);
    double wd = 0, rest = 0;
    for (int c = 1; c <= ITAV_CRITERION_COUNT; c++) {
        if (named != ITAV_PLAN_UNSET && !(named & (1L << c)))
            continue;
        if (c == ITAV_CRITERION_DISTANCE)
            wd = S->o->weights[c];
        else
            rest += S->o->weights[c];
    }
    if (wd <= 0)
        return 1;
    double scale = itav__distance_scale(S->plan, S->o);
    double vd = d >= scale ? 0 : 1 - d / scale;
    return (wd * vd + rest) / (wd + rest);
}

#define ROW_MIN (-4500L) /* floor(-90 / 0.02) */
#define ROW_MAX 4500L
#define COL_MIN (-6000L) /* floor(-180 / 0.03) */
#define COL_MAX 6000L

/* Reads one cell, unless no one in it can be near enough or score high enough. */
static int scan_cell(search *S, long row, long col)
{
    char key[ITAV__ID_MAX + 64];
    if (row < ROW_MIN || row > ROW_MAX || col < COL_MIN || col > COL_MAX)
        return ITAV_OK;
    double d = cell_bound(S->asking, row, col);
    if (d > S->limit || (S->kth >= 0 && score_bound(S, d) + 1e-12 < S->kth))
        return ITAV_OK;
    itav__cell_key(key, sizeof key, S->asking->offer, row, col);
    return scan_key(S, ITAV__PARTICIPANT_SLOT_CELL, key);
}

static int scan_ring(search *S, long r0, long c0, long k)
{
    int rc = ITAV_OK;
    if (k == 0)
        return scan_cell(S, r0, c0);
    for (long c = c0 - k; c <= c0 + k && rc == ITAV_OK; c++)
        if ((rc = scan_cell(S, r0 - k, c)) == ITAV_OK)
            rc = scan_cell(S, r0 + k, c);
    for (long r = r0 - k + 1; r <= r0 + k - 1 && rc == ITAV_OK; r++)
        if ((rc = scan_cell(S, r, c0 - k)) == ITAV_OK)
            rc = scan_cell(S, r, c0 + k);
    return rc;
}

/* Reads the supporters ring by ring; returns 1 (nothing read) when the limit is too far
 * for cells to pay off. */
static int ring_search(search *S, double limit)
{
    const itav_participant *a = S->asking;
    long r0, c0, rings = 1;
    itav__cell_of(a->lat, a->lon, &r0, &c0);
    while (ring_bound(a, r0, c0, rings) <= limit)
        if (++rings > MAX_RINGS)
            return 1;
    /* rings 0..rings-1 hold everyone within the limit */
    char key[ITAV__ID_MAX + 64];
    itav__cell_key_none(key, sizeof key, a->offer);
    int rc = scan_key(S, ITAV__PARTICIPANT_SLOT_CELL, key);
    S->limit = limit;
    for (long k = 0; k < rings && rc == ITAV_OK; k++) {
        if (k > 0 && S->n >= S->k) {
            if ((rc = compact(S)) != ITAV_OK)
                break;
            if (S->n == S->k)
                S->kth = S->v[S->k - 1].score; /* it only rises from here */
            /* strictly below: no one farther out can tie with the k-th either */
            if (S->kth >= 0 && score_bound(S, ring_bound(a, r0, c0, k)) + 1e-12 < S->kth)
                break;
        }
        rc = scan_ring(S, r0, c0, k);
    }
    return rc;
}

static int find(search *S)
{
    const itav_participant *a = S->asking;
    double limit = itav__distance_limit(S->plan, a, NULL, S->o);
    int rc = 1;
    if (limit > 0 && a->has_location)
        rc = ring_search(S, limit);
    if (rc == 1)
        rc = scan_key(S, ITAV__PARTICIPANT_SLOT_OFFER, a->offer);
    return rc == ITAV_OK ? compact(S) : rc;
}

ITAV_API int itav_match_suggest(itav_suggestion_iter **out, itav_db *db, const char *asking,
                                size_t k, const itav_match_options *options)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out || !asking)
        return itav__error(db, ITAV_EINVAL, out ? "suggestions need an asking participant"
                                                : "no place for the iterator given");
    if (k < 1 || k > 1000)
        return itav__error(db, ITAV_EINVAL, "suggestions: k must be 1 to 1000, not %zu", k);
    itav_match_options o;
    int rc = itav__options_resolve(&o, db, options);
    if (rc != ITAV_OK)
        return rc;
    itav_participant *a = NULL;
    itav_plan *plan = NULL;
    itav_suggestion_iter *it = NULL;
    search S = {db, NULL, NULL, &o, k, NULL, 0, 0, 0, -1};
    if ((rc = itav__read_begin(db)) != ITAV_OK) /* the candidates and their history as one */
        return rc;
    if ((rc = itav__participant_read(&a, db, asking)) != ITAV_OK)
        goto done;
    if (itav__kind_side(a->kind) != ITAV_SIDE_ASKING) {
        rc = itav__error(db, ITAV_EINVAL,
                         "participant \"%s\" is on the supporting side; suggestions are for "
                         "asking participants",
                         asking);
        goto done;
    }
    if ((rc = itav_plan_effective(&plan, db, a->offer)) != ITAV_OK)
        goto done;
    S.asking = a;
    S.plan = plan;
    if ((rc = find(&S)) != ITAV_OK)
        goto done;
    if (!(it = itav__calloc(1, sizeof *it))) {
        rc = ITAV_ENOMEM;
        goto done;
    }
    it->it.free_item = free_suggestion;
    for (size_t i = 0; i < S.n && rc == ITAV_OK; i++) {
        rc = itav__iter_push(&it->it, S.v[i].full);
        S.v[i].full = NULL; /* the iterator owns it now, or freed it on failure */
    }
    if (rc == ITAV_OK) {
        *out = it;
        it = NULL;
    }
done:
    itav__read_end(db);
    if (rc == ITAV_ENOMEM) /* the search's own allocations say nothing themselves */
        itav__error(db, rc, "out of memory making suggestions for \"%s\"", asking);
    itav_suggestion_iter_free(it);
    for (size_t i = 0; i < S.n; i++)
        candidate_clear(&S.v[i]);
    itav__free(S.v);
    itav_plan_free(plan);
    itav_participant_free(a);
    return rc;
}

ITAV_API int itav_suggestion_iter_next(itav_suggestion **out, itav_suggestion_iter *it)
{
    if (!out || !it)
        return ITAV_EINVAL;
    return itav__iter_next((void **)out, &it->it);
}

ITAV_API void itav_suggestion_iter_free(itav_suggestion_iter *it)
{
    if (!it)
        return;
    itav__iter_clear(&it->it);
    itav__free(it);
}
