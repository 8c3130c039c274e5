/* Suggestions: the best k supporters for one asking participant.
 *
 * Candidates are scored while the store is scanned, without their match history (a scan
 * callback must not read the store). The history only ever excludes a pair (declined, open,
 * capacity); it never changes a score. So candidates are kept as (score, ref) and, between
 * scans, sorted and checked against their history best first until k allowed ones are
 * known; everything behind the k-th allowed one can be dropped. That keeps the history
 * look-ups to about k per query: the asking participant's matches are read once, and each
 * of those k supporters' open matches by one scan.
 */
#include "matching/matching_int.h"

#include <stdlib.h>
#include <string.h>

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
    itav__history history; /* the asking participant's matches, read once */
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
    /* a box holds the supporters of every offer */
    if (itav__kind_side(p->kind) == ITAV_SIDE_SUPPORTING &&
        strcmp(p->offer, S->asking->offer) == 0) {
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
    if ((rc = itav__pair_facts_with(&facts, S->db, &S->history, p)) == ITAV_OK) {
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

/* The candidates: with a distance limit and coordinates, the supporters placed in a box
 * around the asking participant (the backend's spatial index) and those without coordinates;
 * otherwise every participant of the offer. Scoring then measures each one exactly. */
static int find(search *S)
{
    const itav_participant *a = S->asking;
    double limit = itav__distance_limit(S->plan, a, NULL, S->o);
    int rc;
    if (limit > 0 && a->has_location && itav__has_places(S->db)) {
        itav_box box;
        itav__box_around(&box, a->lat, a->lon, limit);
        rc = itav__scan_box(S->db, ITAV__KIND_PARTICIPANT, &box, consider, S);
        if (rc == ITAV_OK)
            rc = scan_key(S, ITAV__PARTICIPANT_SLOT_UNPLACED, a->offer);
    } else {
        rc = scan_key(S, ITAV__PARTICIPANT_SLOT_OFFER, a->offer);
    }
    return rc == ITAV_OK ? compact(S) : rc;
}

ITAV_API int itav_match_suggest(itav_suggestion_iter **out, itav_db *db, const char *asking,
                                size_t k, const itav_match_options *options)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out || !asking)
        return itav__error(db, ITAV_EINVAL, out ? N_("suggestions need an asking participant")
                                                : N_("no place for the iterator given"));
    if (k < 1 || k > 1000)
        return itav__error(db, ITAV_EINVAL, "suggestions: k must be 1 to 1000, not %zu", k);
    itav_match_options o;
    int rc = itav__options_resolve(&o, db, options);
    if (rc != ITAV_OK)
        return rc;
    itav_participant *a = NULL;
    itav_plan *plan = NULL;
    itav_suggestion_iter *it = NULL;
    search S = {db, NULL, NULL, &o, k, NULL, 0, 0, {{0}}};
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
    if ((rc = itav__history_load(&S.history, db, asking)) != ITAV_OK || (rc = find(&S)) != ITAV_OK)
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
    itav__history_clear(&S.history);
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
