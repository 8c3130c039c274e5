/* Figures derived from the matches and reviews in a store (itav_indicator_derive()), through
 * the public match, review and participant functions. */
#include "evaluation/evaluation_int.h"

#include <math.h>
#include <string.h>

static bool in_period(int32_t d, int32_t from, int32_t to)
{
    return d != ITAV_DATE_NONE && (from == ITAV_DATE_NONE || d >= from) &&
           (to == ITAV_DATE_NONE || d <= to);
}

/* The municipalities a figure counts together (a joint target has more than one); none: the
 * whole offer. */
typedef struct places {
    const char *const *v;
    size_t n;
} places;

/* Whether the asking participant of match m lives in one of the places; erased participants
 * live nowhere. */
static int lives_in(bool *out, itav_db *db, const itav_match *m, places municipality)
{
    itav_participant *p;
    int rc = itav_participant_get(&p, db, itav_match_asking(m));
    if (rc != ITAV_OK)
        return rc;
    const char *where = itav_participant_municipality(p);
    *out = false;
    for (size_t i = 0; i < municipality.n && !*out; i++)
        *out = itav_participant_get_status(p) != ITAV_PSTATUS_ERASED && where &&
               itav__strcasecmp(where, municipality.v[i]) == 0;
    itav_participant_free(p);
    return ITAV_OK;
}

static int matches_started(long *count, itav_db *db, const char *offer, places municipality,
                           int32_t from, int32_t to)
{
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it;
    itav_match *m;
    f.offer = offer;
    int rc = itav_match_list(&it, db, &f);
    if (rc != ITAV_OK)
        return rc;
    while (rc == ITAV_OK && (rc = itav_match_iter_next(&m, it)) == ITAV_OK) {
        bool here = true;
        if (in_period(itav_match_start(m), from, to) &&
            (!municipality.n || (rc = lives_in(&here, db, m, municipality)) == ITAV_OK))
            *count += here;
        itav_match_free(m);
    }
    itav_match_iter_free(it);
    return rc == ITAV_ITEROVER ? ITAV_OK : rc;
}

/* Whether a review's match counts for municipality; the last match looked up is kept, since
 * the reviews of one match often follow each other. */
typedef struct place_cache {
    char *match;
    bool here;
} place_cache;

static int review_here(bool *out, itav_db *db, const itav_review *r, places municipality,
                       place_cache *cache)
{
    itav_match *m;
    const char *id = itav_review_match(r);
    if (cache->match && strcmp(cache->match, id) == 0) {
        *out = cache->here;
        return ITAV_OK;
    }
    int rc = itav_match_get(&m, db, id);
    if (rc == ITAV_OK) {
        rc = lives_in(out, db, m, municipality);
        itav_match_free(m);
    }
    if (rc != ITAV_OK)
        return rc;
    char *copy = itav__strdup(id);
    if (copy) { /* without memory for the cache, it is only slower */
        itav__free(cache->match);
        cache->match = copy;
        cache->here = *out;
    }
    return ITAV_OK;
}

/* Mean satisfaction (sum of marks / reviews with a mark) or the formal-help share (final
 * reviews with prevented, reduced or stopped / final reviews with a known outcome). */
static int from_reviews(double *value, long *basis, itav_db *db, itav_derived what,
                        const char *offer, places municipality, int32_t from, int32_t to)
{
    itav__iter list = {0};
    place_cache cache = {NULL, false};
    double sum = 0;
    /* only the reviews of the period, through the store's range of dates */
    int rc = itav__review_list_dated(&list, db, offer, from, to);
    for (size_t i = 0; rc == ITAV_OK && i < list.n; i++) {
        const itav_review *r = list.items[i];
        bool counts, here = true;
        itav_formal_help help = itav_review_formal_help(r);
        if (what == ITAV_DERIVED_MEAN_SATISFACTION)
            counts = itav_review_satisfaction(r) > 0;
        else
            counts = itav_review_get_kind(r) == ITAV_REVIEW_FINAL && help != 0 &&
                     help != ITAV_HELP_UNKNOWN;
        if (counts && municipality.n)
            rc = review_here(&here, db, r, municipality, &cache);
        if (rc == ITAV_OK && counts && here) {
            ++*basis;
            if (what == ITAV_DERIVED_MEAN_SATISFACTION)
                sum += itav_review_satisfaction(r);
            else
                sum += help == ITAV_HELP_PREVENTED || help == ITAV_HELP_REDUCED ||
                       help == ITAV_HELP_STOPPED;
        }
    }
    itav__iter_clear(&list);
    itav__free(cache.match);
    if (rc != ITAV_OK)
        return rc;
    if (!*basis)
        *value = NAN;
    else
        *value = what == ITAV_DERIVED_MEAN_SATISFACTION ? sum / (double)*basis
                                                        : 100.0 * sum / (double)*basis;
    return ITAV_OK;
}

static int derive(double *value, long *basis, itav_db *db, itav_derived what, const char *offer,
                  places municipality, int32_t from, int32_t to)
{
    long n = 0;
    double v;
    int rc;
    if (!db)
        return ITAV_EINVAL;
    if (!value)
        return itav__error(db, ITAV_EINVAL, "no place for the value given");
    if (!itav_code_name(ITAV_CODE_DERIVED, (int)what))
        return itav__error(db, ITAV_EINVAL, "unknown figure %d (expected matches_started, "
                                            "mean_satisfaction or formal_help)", (int)what);
    char buf[ITAV_DATE_BUFSIZE]; /* a bound is a date in 1900-9999, as everywhere else */
    if (from != ITAV_DATE_NONE && itav_date_format(buf, sizeof buf, from) != ITAV_OK)
        return itav__error(db, ITAV_EINVAL, "from must be a date in 1900-9999 or "
                                            "ITAV_DATE_NONE");
    if (to != ITAV_DATE_NONE && itav_date_format(buf, sizeof buf, to) != ITAV_OK)
        return itav__error(db, ITAV_EINVAL, "to must be a date in 1900-9999 or ITAV_DATE_NONE");
    if (from != ITAV_DATE_NONE && to != ITAV_DATE_NONE && from > to)
        return itav__error(db, ITAV_EINVAL, "the period starts after it ends");
    if ((rc = itav__read_begin(db)) != ITAV_OK)
        return rc;
    if (what == ITAV_DERIVED_MATCHES_STARTED) {
        rc = matches_started(&n, db, offer, municipality, from, to);
        v = (double)n;
    } else {
        rc = from_reviews(&v, &n, db, what, offer, municipality, from, to);
    }
    itav__read_end(db);
    if (rc != ITAV_OK)
        return rc;
    *value = v;
    if (basis)
        *basis = n;
    return ITAV_OK;
}

ITAV_API int itav_indicator_derive(double *value, long *basis, itav_db *db, itav_derived what,
                                   const char *offer, const char *municipality, int32_t from,
                                   int32_t to)
{
    places at = {&municipality, municipality ? 1 : 0};
    return derive(value, basis, db, what, offer, at, from, to);
}

ITAV_API int itav_indicator_derive_for(double *value, long *basis, itav_db *db,
                                       const itav_indicator *ind, int32_t from, int32_t to)
{
    if (!db)
        return ITAV_EINVAL;
    if (!ind || !itav_indicator_derived(ind))
        return itav__error(db, ITAV_EINVAL, ind ? N_("indicator \"%s\" is not derived")
                                                : N_("no indicator given"), itav_indicator_id(ind));
    size_t n = itav_indicator_municipality_count(ind);
    const char **v = n ? itav__calloc(n, sizeof *v) : NULL;
    if (n && !v)
        return itav__error(db, ITAV_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        v[i] = itav_indicator_municipality_at(ind, i);
    places at = {v, n};
    int rc = derive(value, basis, db, itav_indicator_derived(ind), itav_indicator_offer(ind), at,
                    from, to);
    itav__free(v);
    return rc;
}
