/* itav/1 datasets (docs/format.md): a whole file validated against itself and the store
 * before anything is written, imported in one transaction, and exported. */
#include "interchange/json_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
/* ======================================================================================
 * Datasets
 * ====================================================================================== */

/* Every problem of an import, collected so that one run reports them all. */
typedef struct report {
    char text[900];
    size_t len;
    int count;
    int code; /* EFORMAT, or ENOMEM/EIO if those happened */
    const itav_db *db; /* whose language the problems are worded in */
} report;

#if defined(__GNUC__)
#define SAY_LIKE __attribute__((format(printf, 4, 5)))
#else
#define SAY_LIKE
#endif

/* A problem in words, as snprintf, in the language of the import's context (lib/po/nl.po). */
static void say_problem(const report *r, char *buf, size_t size, const char *fmt, ...) SAY_LIKE;
static void say_problem(const report *r, char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, itav__tr(r->db, fmt), ap);
    va_end(ap);
}

static void report_add(report *r, const char *name, const char *msg, int code)
{
    if (r->count == 0 || code != ITAV_EFORMAT)
        r->code = code;
    r->count++;
    int n = snprintf(r->text + r->len, sizeof r->text - r->len, "%s%s: %s",
                     r->len ? "\n" : "", name, msg);
    if (n < 0 || r->len + (size_t)n >= sizeof r->text)
        r->text[r->len] = '\0'; /* keep whole lines only; the count says how many more */
    else
        r->len += (size_t)n;
}

/* The members of a document, in the order an export writes them. */
static const char *const members[] = {"format", "interventions", "offers", "indicators",
                                      "participants", "matches", "reviews", "releases", NULL};
enum member { M_FORMAT, M_INTERVENTIONS, M_OFFERS, M_INDICATORS, M_PARTICIPANTS, M_MATCHES,
              M_REVIEWS, M_RELEASES, M_COUNT };

/* A record that did not decode: its place and the decoder's words, reported in their turn
 * among the other problems of its kind. */
typedef struct failed {
    size_t at;
    int code;
    char *msg;
} failed;

typedef struct failures {
    failed *v;
    size_t n, cap, next; /* next: the first not yet reported */
} failures;

/* Every record of a document, decoded (a NULL slot for one that did not decode), in the
 * order of the document: the document itself is gone by the time it is checked. */
typedef struct dataset {
    itav_intervention **ivs;
    size_t niv;
    itav_offer **ofs;
    size_t nof;
    itav_participant **pts;
    size_t npt;
    itav_match **ms;
    size_t nm;
    itav_indicator **inds;
    size_t nind;
    itav_review **rvs;
    size_t nrv;
    itav_release **rls;
    size_t nrl;
    bool *rl_known; /* release i is in the store already, the same: not written again */
    /* The decoded participants' refs and matches' ids, sorted, for lookups that stay fast
     * on imports of many thousands (built by check_participants and check_matches). */
    struct keyed *pt_keys, *m_keys;
    size_t npt_keys, nm_keys;
    size_t cap[M_COUNT];
    failures bad[M_COUNT];
    const itav_db *db; /* whose language the decoder's problems are worded in */
} dataset;

static void dataset_free(dataset *ds)
{
    for (size_t i = 0; i < ds->niv; i++)
        itav_intervention_free(ds->ivs[i]);
    for (size_t i = 0; i < ds->nof; i++)
        itav_offer_free(ds->ofs[i]);
    for (size_t i = 0; i < ds->npt; i++)
        itav_participant_free(ds->pts[i]);
    for (size_t i = 0; i < ds->nm; i++)
        itav_match_free(ds->ms[i]);
    for (size_t i = 0; i < ds->nind; i++)
        itav_indicator_free(ds->inds[i]);
    for (size_t i = 0; i < ds->nrv; i++)
        itav_review_free(ds->rvs[i]);
    for (size_t i = 0; i < ds->nrl; i++)
        itav_release_free(ds->rls[i]);
    itav__free(ds->rls);
    itav__free(ds->rl_known);
    itav__free(ds->inds);
    itav__free(ds->rvs);
    itav__free(ds->ivs);
    itav__free(ds->ofs);
    itav__free(ds->pts);
    itav__free(ds->ms);
    itav__free(ds->pt_keys);
    itav__free(ds->m_keys);
    for (size_t k = 0; k < M_COUNT; k++) {
        for (size_t i = 0; i < ds->bad[k].n; i++)
            itav__free(ds->bad[k].v[i].msg);
        itav__free(ds->bad[k].v);
    }
    memset(ds, 0, sizeof *ds);
}

/* The array with room for one more element: itself while it has room (n < *cap), else grown
 * (and *cap with it); NULL for lack of memory, the array then unchanged. */
static void *room(void *array, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return array;
    size_t more = *cap ? *cap * 2 : 16;
    void *grown = itav__realloc(array, more * size);
    if (grown)
        *cap = more;
    return grown;
}

/* Decodes record `at` of array member m (its next one) into ds: an object, or the problem
 * kept for its turn. ITAV_ENOMEM, or ITAV__JSON_WHOLE when alone (a value read by itself)
 * and too deep for the whole document's parse, which then says so. */
static int take_record(dataset *ds, int m, size_t at, const json_t *v, bool alone)
{
    char err[512] = "", p[ITAV__JSON_PATH_MAX];
    itav__json_dec d = {err, sizeof err, ds->db};
    int rc = ITAV_ENOMEM;
    void *obj = NULL, *grown;
    snprintf(p, sizeof p, "$.%s[%zu]", members[m], at);
#define TAKE(array, n, kind, type)                                                                 \
    if ((grown = room(ds->array, ds->n, &ds->cap[m], sizeof *ds->array)) != NULL) {                \
        type *o = NULL;                                                                            \
        ds->array = grown;                                                                         \
        rc = itav__json_decode_##kind(&d, v, p, &o);                                               \
        ds->array[ds->n++] = o;                                                                    \
        obj = o;                                                                                   \
    }                                                                                              \
    break;
    switch (m) {
    case M_INTERVENTIONS: TAKE(ivs, niv, intervention, itav_intervention)
    case M_OFFERS: TAKE(ofs, nof, offer, itav_offer)
    case M_INDICATORS: TAKE(inds, nind, indicator, itav_indicator)
    case M_PARTICIPANTS: TAKE(pts, npt, participant, itav_participant)
    case M_MATCHES: TAKE(ms, nm, match, itav_match)
    case M_REVIEWS: TAKE(rvs, nrv, review, itav_review)
    case M_RELEASES: TAKE(rls, nrl, release, itav_release)
    default: return ITAV_OK;
    }
#undef TAKE
    if (obj)
        return ITAV_OK;
    if (rc == ITAV_ENOMEM && !err[0])
        return rc; /* no room for the slot */
    /* the document as a whole nests the record two levels deeper */
    if (alone && itav__json_too_deep(v, 2))
        return ITAV__JSON_WHOLE;
    failures *f = &ds->bad[m];
    char *msg = itav__strdup(err);
    if (!msg || !(grown = room(f->v, f->n, &f->cap, sizeof *f->v))) {
        itav__free(msg);
        return ITAV_ENOMEM;
    }
    f->v = grown;
    f->v[f->n++] = (failed){at, rc, msg};
    return ITAV_OK;
}

/* Whether record i of array member m decoded (obj is its slot); if it did not, reports the
 * decoder's problem, in the place where the decoder used to say it. */
static bool decoded(dataset *ds, int m, size_t i, const void *obj, const char *name, report *r)
{
    failures *f = &ds->bad[m];
    if (obj)
        return true;
    if (f->next < f->n && f->v[f->next].at == i) {
        report_add(r, name, f->v[f->next].msg, f->v[f->next].code);
        f->next++;
    }
    return false;
}

static bool offer_in_file(const dataset *ds, const char *offer_id)
{
    for (size_t i = 0; i < ds->nof; i++)
        if (ds->ofs[i] && strcmp(ds->ofs[i]->id, offer_id) == 0)
            return true;
    return false;
}

/* A key (a ref or an id) of the record at position `at` of its array. */
typedef struct keyed {
    const char *key;
    size_t at;
} keyed;

static int by_key_then_place(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->at > b->at) - (a->at < b->at);
}

/* Sorts the keys and reports every key after the first of its kind as a duplicate. */
static void sort_keys(keyed *keys, size_t n, const char *array, const char *member,
                      const char *name, report *r)
{
    char err[512];
    if (n > 1)
        qsort(keys, n, sizeof *keys, by_key_then_place);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(keys[i].key, keys[first].key) != 0) {
            first = i;
            continue;
        }
        say_problem(r, err, sizeof err, "$.%s[%zu].%s: duplicate %s \"%s\" (also at $.%s[%zu])",
                 array, keys[i].at, member, member, keys[i].key, array, keys[first].at);
        report_add(r, name, err, ITAV_EFORMAT);
    }
}

/* The position of the first record with key, or -1. */
static long find_key(const keyed *keys, size_t n, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first key not less than `key` */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(keys[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(keys[lo].key, key) == 0 ? (long)keys[lo].at : -1;
}

static bool match_in_file(const dataset *ds, const char *id)
{
    return find_key(ds->m_keys, ds->nm_keys, id) >= 0;
}

static const itav_participant *participant_in_file(const dataset *ds, const char *ref)
{
    long at = find_key(ds->pt_keys, ds->npt_keys, ref);
    return at >= 0 ? ds->pts[at] : NULL;
}

/* Participants: unique refs, new to the store, their offer in the file or the store. */
static void check_participants(itav_db *db, const char *name, dataset *ds, report *r)
{
    char err[512], p[ITAV__JSON_PATH_MAX];
    int rc;
    if (ds->npt && !(ds->pt_keys = itav__calloc(ds->npt, sizeof *ds->pt_keys))) {
        report_add(r, name, itav__tr(r->db, "out of memory"), ITAV_ENOMEM);
        return;
    }
    for (size_t i = 0; i < ds->npt; i++) {
        snprintf(p, sizeof p, "$.participants[%zu]", i);
        if (!decoded(ds, M_PARTICIPANTS, i, ds->pts[i], name, r))
            continue;
        const itav_participant *pt = ds->pts[i];
        bool exists = false, known = offer_in_file(ds, pt->offer);
        if ((rc = itav__participant_check_fields(db, pt)) != ITAV_OK) {
            say_problem(r, err, sizeof err, "%s: %s", p, itav_errmsg(db));
            report_add(r, name, err, ITAV_EFORMAT);
        }
        ds->pt_keys[ds->npt_keys++] = (keyed){pt->ref, i};
        if ((rc = itav__exists(&exists, db, ITAV__KIND_PARTICIPANT, pt->ref)) != ITAV_OK ||
            (!known && (rc = itav__exists(&known, db, ITAV__KIND_OFFER, pt->offer)))) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        if (exists) {
            say_problem(r, err, sizeof err, "%s.ref: participant \"%s\" is already in the store", p,
                     pt->ref);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        if (!known) {
            say_problem(r, err, sizeof err, "%s.offer: no offer \"%s\" in the file or the store", p,
                     pt->offer);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    sort_keys(ds->pt_keys, ds->npt_keys, "participants", "ref", name, r);
}

/* Checks that a match's participant is in the file or the store, on the right side and in
 * the match's offer. */
static void check_match_side(itav_db *db, const itav_match *m, const char *path,
                             const char *name, const dataset *ds, itav_side side, report *r)
{
    char err[512];
    const char *ref = side == ITAV_SIDE_ASKING ? m->asking : m->supporting;
    const char *member = side == ITAV_SIDE_ASKING ? "asking" : "supporting";
    itav_participant *stored = NULL;
    const itav_participant *pt = participant_in_file(ds, ref);
    if (!pt) {
        int rc = itav__participant_read(&stored, db, ref);
        if (rc == ITAV_ENOTFOUND) {
            say_problem(r, err, sizeof err, "%s.%s: no participant \"%s\" in the file or the store",
                     path, member, ref);
            report_add(r, name, err, ITAV_EFORMAT);
            return;
        }
        if (rc != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
            return;
        }
        pt = stored;
    }
    if (itav__kind_side(pt->kind) != side)
        say_problem(r, err, sizeof err, "%s.%s: participant \"%s\" is on the %s side", path, member,
                 ref, itav_code_name(ITAV_CODE_SIDE, (int)itav__kind_side(pt->kind)));
    else if (strcmp(pt->offer, m->offer) != 0)
        say_problem(r, err, sizeof err, "%s.%s: participant \"%s\" is in offer \"%s\", the match "
                 "in \"%s\"", path, member, ref, pt->offer, m->offer);
    else
        err[0] = '\0';
    if (err[0])
        report_add(r, name, err, ITAV_EFORMAT);
    itav_participant_free(stored);
}

/* A match's previous match exists (in the file or the store) and is another match. */
static void check_previous(itav_db *db, const itav_match *m, const char *path,
                           const char *name, const dataset *ds, report *r)
{
    char err[512];
    bool known = false;
    int rc = ITAV_OK;
    if (!m->previous)
        return;
    if (strcmp(m->previous, m->id) == 0)
        say_problem(r, err, sizeof err, "%s.previous: a match cannot follow itself", path);
    else if ((known = match_in_file(ds, m->previous)) ||
             (rc = itav__exists(&known, db, ITAV__KIND_MATCH, m->previous)) != ITAV_OK || known)
        err[0] = '\0';
    else
        say_problem(r, err, sizeof err, "%s.previous: no match \"%s\" in the file or the store", path,
                 m->previous);
    if (rc != ITAV_OK)
        report_add(r, name, itav_errmsg(db), rc);
    else if (err[0])
        report_add(r, name, err, ITAV_EFORMAT);
}

/* The statuses of the file's participants agree with the file's open matches: matched
 * exactly when a participant has one, one at a time on the asking side, no more than the
 * capacity on the supporting side. */
static void check_open_matches(const dataset *ds, const char *name, report *r)
{
    char err[512];
    size_t *open_of = itav__calloc(ds->npt + 1, sizeof *open_of);
    if (!open_of) {
        report_add(r, name, itav__tr(r->db, "out of memory"), ITAV_ENOMEM);
        return;
    }
    for (size_t k = 0; k < ds->nm; k++) {
        const itav_match *m = ds->ms[k];
        if (!m || !itav__match_open(m->state))
            continue;
        long asking = find_key(ds->pt_keys, ds->npt_keys, m->asking);
        long supporting = find_key(ds->pt_keys, ds->npt_keys, m->supporting);
        if (asking >= 0)
            open_of[asking]++;
        if (supporting >= 0)
            open_of[supporting]++;
    }
    for (size_t i = 0; i < ds->npt; i++) {
        const itav_participant *pt = ds->pts[i];
        if (!pt || pt->status == ITAV_PSTATUS_ERASED)
            continue;
        size_t open = open_of[i];
        bool matched = pt->status == ITAV_PSTATUS_MATCHED;
        size_t limit = itav__open_match_limit(pt);
        if (matched != (open > 0))
            say_problem(r, err, sizeof err, "$.participants[%zu].status: %s, but the file has %zu open "
                     "matches for \"%s\" (matched goes with at least one)", i,
                     itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, pt->status), open, pt->ref);
        else if (open > limit)
            say_problem(r, err, sizeof err, "$.participants[%zu]: \"%s\" has %zu open matches in the "
                     "file, more than its %zu", i, pt->ref, open, limit);
        else
            continue;
        report_add(r, name, err, ITAV_EFORMAT);
    }
    itav__free(open_of);
}

/* Matches: unique ids, new to the store, both participants known and fitting. */
static void check_matches(itav_db *db, const char *name, dataset *ds, report *r)
{
    char err[512], p[ITAV__JSON_PATH_MAX];
    int rc;
    if (ds->nm && !(ds->m_keys = itav__calloc(ds->nm, sizeof *ds->m_keys))) {
        report_add(r, name, itav__tr(r->db, "out of memory"), ITAV_ENOMEM);
        return;
    }
    for (size_t i = 0; i < ds->nm; i++) {
        snprintf(p, sizeof p, "$.matches[%zu]", i);
        if (!decoded(ds, M_MATCHES, i, ds->ms[i], name, r))
            continue;
        bool exists = false;
        ds->m_keys[ds->nm_keys++] = (keyed){ds->ms[i]->id, i};
        if ((rc = itav__exists(&exists, db, ITAV__KIND_MATCH, ds->ms[i]->id)) != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
        } else if (exists) {
            say_problem(r, err, sizeof err, "%s.id: match \"%s\" is already in the store", p,
                     ds->ms[i]->id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    sort_keys(ds->m_keys, ds->nm_keys, "matches", "id", name, r);
    /* Links between records, now that every id of the file is known. */
    for (size_t i = 0; i < ds->nm; i++) {
        const itav_match *m = ds->ms[i];
        if (!m)
            continue;
        snprintf(p, sizeof p, "$.matches[%zu]", i);
        check_match_side(db, m, p, name, ds, ITAV_SIDE_ASKING, r);
        check_match_side(db, m, p, name, ds, ITAV_SIDE_SUPPORTING, r);
        check_previous(db, m, p, name, ds, r);
        /* An open match binds its participants' statuses and capacity, which are checked
         * below for participants of the file; one already in the store would be changed
         * behind its back, so that goes through itav_match_propose() instead. */
        if (itav__match_open(m->state) &&
            (!participant_in_file(ds, m->asking) || !participant_in_file(ds, m->supporting))) {
            say_problem(r, err, sizeof err, "%s: an open match needs both participants in the file "
                     "(propose it to participants already in the store)", p);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    check_open_matches(ds, name, r);
}

static bool in_file(const dataset *ds, const char *intervention_id)
{
    for (size_t i = 0; i < ds->niv; i++)
        if (ds->ivs[i] && strcmp(ds->ivs[i]->id, intervention_id) == 0)
            return true;
    return false;
}

/* An offer's programme is another offer, in the file or the store, that is not part of a
 * programme itself (programmes are one level deep). */
static void check_programmes(itav_db *db, const char *name, dataset *ds, report *r)
{
    char err[512];
    for (size_t i = 0; i < ds->nof; i++) {
        const itav_offer *of = ds->ofs[i], *prog = NULL;
        itav_offer *stored = NULL;
        if (!of || !of->programme)
            continue;
        if (strcmp(of->programme, of->id) == 0) {
            say_problem(r, err, sizeof err, "$.offers[%zu].programme: an offer cannot be its own "
                     "programme", i);
            report_add(r, name, err, ITAV_EFORMAT);
            continue;
        }
        for (size_t k = 0; k < ds->nof && !prog; k++)
            if (ds->ofs[k] && strcmp(ds->ofs[k]->id, of->programme) == 0)
                prog = ds->ofs[k];
        if (!prog) {
            int rc = itav_offer_get(&stored, db, of->programme);
            if (rc != ITAV_OK && rc != ITAV_ENOTFOUND) {
                report_add(r, name, itav_errmsg(db), rc);
                continue;
            }
            prog = stored;
        }
        if (!prog || prog->programme) {
            if (!prog)
                say_problem(r, err, sizeof err, "$.offers[%zu].programme: no offer \"%s\" in the file "
                         "or the store", i, of->programme);
            else
                say_problem(r, err, sizeof err, "$.offers[%zu].programme: \"%s\" is itself part of "
                         "programme \"%s\" (programmes do not nest)", i, of->programme,
                         prog->programme);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        itav_offer_free(stored);
    }
}

/* decodes $.indicators into ds->inds/nind and checks them (ids
 * unique and not in the store, offer in the file or the store). */
static void check_indicators(itav_db *db, const char *name, dataset *ds, report *r)
{
    char err[512], p[ITAV__JSON_PATH_MAX];
    size_t n = ds->nind, nkeys = 0;
    int rc;
    if (!n)
        return;
    keyed *keys = itav__calloc(n, sizeof *keys);
    if (!keys) {
        report_add(r, name, itav__tr(r->db, "out of memory"), ITAV_ENOMEM);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(p, sizeof p, "$.indicators[%zu]", i);
        if (!decoded(ds, M_INDICATORS, i, ds->inds[i], name, r))
            continue;
        const itav_indicator *ind = ds->inds[i];
        bool exists = false, known = offer_in_file(ds, ind->offer);
        keys[nkeys++] = (keyed){ind->id, i};
        if ((rc = itav__exists(&exists, db, ITAV__KIND_INDICATOR, ind->id)) != ITAV_OK ||
            (!known && (rc = itav__exists(&known, db, ITAV__KIND_OFFER, ind->offer)))) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        if (exists) {
            say_problem(r, err, sizeof err, "%s.id: indicator \"%s\" is already in the store", p,
                     ind->id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        if (!known) {
            say_problem(r, err, sizeof err, "%s.offer: no offer \"%s\" in the file or the store", p,
                     ind->offer);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    sort_keys(keys, nkeys, "indicators", "id", name, r);
    itav__free(keys);
}

/* Checks a review against its match's trail: the match has been in a state that takes that
 * kind of review (the review module's rule), and the review is not dated before it got
 * there. */
static void check_review_fits(const itav_review *rv, const itav_match *m, const char *path,
                              const char *name, report *r)
{
    char err[512], when[ITAV_DATE_BUFSIZE];
    itav_match_state state;
    int32_t since = itav__review_taken_since(m, rv->kind, &state);
    if (strcmp(rv->offer, m->offer) != 0)
        say_problem(r, err, sizeof err, "%s.offer: \"%s\" is not the offer of match \"%s\" "
                 "(\"%s\")", path, rv->offer, m->id, m->offer);
    else if (since == ITAV_DATE_NONE)
        say_problem(r, err, sizeof err, "%s.kind: a %s review is only taken by a match that is %s, "
                 "and match \"%s\" never was", path,
                 itav_code_name(ITAV_CODE_REVIEW_KIND, (int)rv->kind),
                 itav__review_states(rv->kind), m->id);
    else if (rv->date < since && itav_date_format(when, sizeof when, since) == ITAV_OK)
        say_problem(r, err, sizeof err, "%s.date: before match \"%s\" became %s on %s", path, m->id,
                 itav_code_name(ITAV_CODE_MATCH_STATE, (int)state), when);
    else
        return;
    report_add(r, name, err, ITAV_EFORMAT);
}

/* A trial review of the file with its place, for the once-per-respondent rule. */
typedef struct trial_review {
    const itav_review *rv;
    size_t at;
} trial_review;

static int by_match_respondent_place(const void *x, const void *y)
{
    const trial_review *a = x, *b = y;
    int c = strcmp(a->rv->match, b->rv->match);
    if (c)
        return c;
    if (a->rv->respondent != b->rv->respondent)
        return a->rv->respondent < b->rv->respondent ? -1 : 1;
    return (a->at > b->at) - (a->at < b->at);
}

/* Reports a trial review by a respondent that already gave one for the same match, in the
 * file (trials sorted by match, respondent, place) or in the store. */
static void check_trial_respondents(itav_db *db, trial_review *trials, size_t n,
                                    const char *name, const dataset *ds, report *r)
{
    char err[512];
    if (n > 1)
        qsort(trials, n, sizeof *trials, by_match_respondent_place);
    for (size_t i = 0; i < n; i++) {
        const itav_review *rv = trials[i].rv, *before = i ? trials[i - 1].rv : NULL;
        bool same_match = before && strcmp(before->match, rv->match) == 0;
        if (same_match && itav__trial_reviews_clash(before, rv)) {
            say_problem(r, err, sizeof err, "$.reviews[%zu]: a second trial review of match \"%s\" "
                     "by the %s side (also at $.reviews[%zu])", trials[i].at, rv->match,
                     itav_code_name(ITAV_CODE_RESPONDENT, (int)rv->respondent),
                     trials[i - 1].at);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        /* A match of the store may have trial reviews there: read them once per match. */
        if (same_match || match_in_file(ds, rv->match))
            continue;
        itav_review_iter *it;
        itav_review *stored;
        int rc = itav_review_list(&it, db, rv->match, NULL);
        if (rc != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        while (itav_review_iter_next(&stored, it) == ITAV_OK) {
            for (size_t k = i; stored->kind == ITAV_REVIEW_TRIAL && k < n &&
                               strcmp(trials[k].rv->match, rv->match) == 0; k++) {
                if (!itav__trial_reviews_clash(trials[k].rv, stored))
                    continue;
                say_problem(r, err, sizeof err, "$.reviews[%zu]: match \"%s\" already has a trial "
                         "review by the %s side in the store (\"%s\")", trials[k].at,
                         rv->match, itav_code_name(ITAV_CODE_RESPONDENT,
                                                   (int)stored->respondent), stored->id);
                report_add(r, name, err, ITAV_EFORMAT);
            }
            itav_review_free(stored);
        }
        itav_review_iter_free(it);
    }
}

/* Decodes $.reviews into ds->rvs/nrv and checks them (ids unique and not in the store, match
 * in the file or the store, kind fits the match). */
static void check_reviews(itav_db *db, const char *name, dataset *ds, report *r)
{
    char err[512], p[ITAV__JSON_PATH_MAX];
    size_t n = ds->nrv, nkeys = 0, ntrials = 0;
    int rc;
    if (!n)
        return;
    keyed *keys = itav__calloc(n, sizeof *keys);
    trial_review *trials = itav__calloc(n, sizeof *trials);
    if (!keys || !trials) {
        report_add(r, name, itav__tr(r->db, "out of memory"), ITAV_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(p, sizeof p, "$.reviews[%zu]", i);
        if (!decoded(ds, M_REVIEWS, i, ds->rvs[i], name, r))
            continue;
        bool exists = false;
        keys[nkeys++] = (keyed){ds->rvs[i]->id, i};
        if ((rc = itav__exists(&exists, db, ITAV__KIND_REVIEW, ds->rvs[i]->id)) != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
        } else if (exists) {
            say_problem(r, err, sizeof err, "%s.id: review \"%s\" is already in the store", p,
                     ds->rvs[i]->id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    sort_keys(keys, nkeys, "reviews", "id", name, r);
    for (size_t i = 0; i < n; i++) {
        const itav_review *rv = ds->rvs[i];
        itav_match *stored = NULL;
        if (!rv)
            continue;
        snprintf(p, sizeof p, "$.reviews[%zu]", i);
        long at = find_key(ds->m_keys, ds->nm_keys, rv->match);
        const itav_match *m = at >= 0 ? ds->ms[at] : NULL;
        if (!m) {
            rc = itav__match_read(&stored, db, rv->match);
            if (rc == ITAV_ENOTFOUND) {
                say_problem(r, err, sizeof err, "%s.match: no match \"%s\" in the file or the "
                         "store", p, rv->match);
                report_add(r, name, err, ITAV_EFORMAT);
            } else if (rc != ITAV_OK) {
                report_add(r, name, itav_errmsg(db), rc);
            }
            if (!(m = stored))
                continue;
        }
        check_review_fits(rv, m, p, name, r);
        if (rv->kind == ITAV_REVIEW_TRIAL)
            trials[ntrials++] = (trial_review){rv, i};
        itav_match_free(stored);
    }
    check_trial_respondents(db, trials, ntrials, name, ds, r);
done:
    itav__free(keys);
    itav__free(trials);
}

/* Whether the stored release `id` is the same as rl (their itav/1 forms equal): *same, or
 * an error. */
static int same_as_stored(bool *same, itav_db *db, const itav_release *rl)
{
    char *rec, err[512];
    size_t size;
    itav_release *stored;
    *same = false;
    int rc = itav__get_record(&rec, &size, db, ITAV__KIND_RELEASE, rl->id);
    if (rc != ITAV_OK)
        return rc;
    rc = itav__release_decode(&stored, db, rec, size, err, sizeof err);
    itav__free(rec);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "stored release \"%s\" is damaged: %s", rl->id, err);
    json_t *a = itav__json_encode_release(stored), *b = itav__json_encode_release(rl);
    itav_release_free(stored);
    if (a && b)
        *same = json_equal(a, b);
    else
        rc = itav__error(db, ITAV_ENOMEM, "out of memory");
    json_decref(a);
    json_decref(b);
    return rc;
}

/* Checks that an offer of a release ($.releases[i].<member>) is in the file or the store. */
static void check_release_offer(itav_db *db, const char *offer, const char *path,
                                const char *name, const dataset *ds, report *r)
{
    char err[512];
    bool known = offer_in_file(ds, offer);
    int rc = known ? ITAV_OK : itav__exists(&known, db, ITAV__KIND_OFFER, offer);
    if (rc != ITAV_OK) {
        report_add(r, name, itav_errmsg(db), rc);
    } else if (!known) {
        snprintf(err, sizeof err, "%s: no offer \"%s\" in the file or the store", path, offer);
        report_add(r, name, err, ITAV_EFORMAT);
    }
}

/* Decodes $.releases into ds->rls/nrl and checks them: ids unique in the file, offers in the
 * file or the store. The ledger merges by id: a release already in the store is skipped when
 * it is the same, and refused when it differs (the store's ledger is never rewritten). */
static void check_releases(itav_db *db, const char *name, dataset *ds, report *r)
{
    char err[512], p[ITAV__JSON_PATH_MAX], pm[ITAV__JSON_PATH_MAX + 32];
    size_t n = ds->nrl, nkeys = 0;
    int rc;
    if (!n)
        return;
    keyed *keys = itav__calloc(n, sizeof *keys);
    if (!keys || !(ds->rl_known = itav__calloc(n, sizeof *ds->rl_known))) {
        itav__free(keys);
        report_add(r, name, "out of memory", ITAV_ENOMEM);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(p, sizeof p, "$.releases[%zu]", i);
        if (!decoded(ds, M_RELEASES, i, ds->rls[i], name, r))
            continue;
        const itav_release *rl = ds->rls[i];
        bool exists = false, same = false;
        keys[nkeys++] = (keyed){rl->id, i};
        snprintf(pm, sizeof pm, "%s.offer", p);
        check_release_offer(db, rl->offer, pm, name, ds, r);
        for (size_t m = 0; m < rl->members.n; m++) {
            snprintf(pm, sizeof pm, "%s.members[%zu]", p, m);
            check_release_offer(db, rl->members.v[m], pm, name, ds, r);
        }
        if ((rc = itav__exists(&exists, db, ITAV__KIND_RELEASE, rl->id)) != ITAV_OK ||
            (exists && (rc = same_as_stored(&same, db, rl)) != ITAV_OK)) {
            report_add(r, name, itav_errmsg(db), rc);
        } else if (exists && !same) {
            snprintf(err, sizeof err, "%s.id: release \"%s\" is already in the store and "
                     "differs (the ledger keeps what was published; remove it first if it was "
                     "never made public)", p, rl->id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        ds->rl_known[i] = same;
    }
    sort_keys(keys, nkeys, "releases", "id", name, r);
    itav__free(keys);
}

/* The checks of the top level: the members, the format and the arrays. False (with the
 * problem reported) when the records are not worth looking at. */
static bool check_top(const json_t *root, const char *name, report *r)
{
    char err[512];
    itav__json_dec d = {err, sizeof err, r->db};
    const char *format;
    if (itav__json_members(&d, root, "$", members, 1) ||
        itav__json_text_member(&d, root, "$", "format", &format)) {
        report_add(r, name, err, ITAV_EFORMAT);
        return false;
    }
    if (!format || strcmp(format, ITAV__JSON_FORMAT) != 0) {
        say_problem(r, err, sizeof err, "$.format: \"%s\" is not a format this library reads "
                                  "(expected \"%s\")", format ? format : "", ITAV__JSON_FORMAT);
        report_add(r, name, err, ITAV_EFORMAT);
        return false;
    }
    for (size_t i = 1; members[i]; i++) {
        const json_t *a = json_object_get(root, members[i]);
        if (a && !json_is_array(a)) {
            say_problem(r, err, sizeof err, "$.%s: expected an array", members[i]);
            report_add(r, name, err, ITAV_EFORMAT);
            return false;
        }
    }
    return true;
}

/* Decodes every record of a document already checked by check_top() into ds. */
static int take_tree(dataset *ds, const json_t *root)
{
    int rc = ITAV_OK;
    for (int m = 1; m < M_COUNT; m++) {
        const json_t *a = json_object_get(root, members[m]);
        for (size_t i = 0; rc == ITAV_OK && i < json_array_size(a); i++)
            rc = take_record(ds, m, i, json_array_get(a, i), false);
    }
    return rc;
}

/* Checks every record of ds against the others and the store; fills r with every problem.
 * Nothing is written. */
static void check_records(itav_db *db, const char *name, dataset *ds, report *r)
{
    char err[512], p[ITAV__JSON_PATH_MAX];
    int rc;
    for (size_t i = 0; i < ds->niv; i++) {
        snprintf(p, sizeof p, "$.interventions[%zu]", i);
        if (!decoded(ds, M_INTERVENTIONS, i, ds->ivs[i], name, r))
            continue;
        const char *id = ds->ivs[i]->id;
        bool dup = false, exists = false;
        for (size_t k = 0; k < i && !dup; k++) {
            if (ds->ivs[k] && strcmp(ds->ivs[k]->id, id) == 0) {
                say_problem(r, err, sizeof err, "%s.id: duplicate id \"%s\" (also at "
                         "$.interventions[%zu])", p, id, k);
                report_add(r, name, err, ITAV_EFORMAT);
                dup = true;
            }
        }
        if (dup)
            continue;
        if ((rc = itav__exists(&exists, db, ITAV__KIND_INTERVENTION, id)) != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
        } else if (exists) {
            say_problem(r, err, sizeof err, "%s.id: intervention \"%s\" is already in the store", p,
                     id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    for (size_t i = 0; i < ds->nof; i++) {
        snprintf(p, sizeof p, "$.offers[%zu]", i);
        if (!decoded(ds, M_OFFERS, i, ds->ofs[i], name, r))
            continue;
        const itav_offer *of = ds->ofs[i];
        bool dup = false, exists = false, known;
        for (size_t k = 0; k < i && !dup; k++) {
            if (ds->ofs[k] && strcmp(ds->ofs[k]->id, of->id) == 0) {
                say_problem(r, err, sizeof err, "%s.id: duplicate id \"%s\" (also at $.offers[%zu])",
                         p, of->id, k);
                report_add(r, name, err, ITAV_EFORMAT);
                dup = true;
            }
        }
        if (!dup && (rc = itav__exists(&exists, db, ITAV__KIND_OFFER, of->id)) != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        if (exists) {
            say_problem(r, err, sizeof err, "%s.id: offer \"%s\" is already in the store", p, of->id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        known = in_file(ds, of->intervention);
        if (!known &&
            (rc = itav__exists(&known, db, ITAV__KIND_INTERVENTION, of->intervention))) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        if (!known) {
            say_problem(r, err, sizeof err, "%s.intervention: no intervention \"%s\" in the file or "
                     "the store", p, of->intervention);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    check_programmes(db, name, ds, r);
    check_participants(db, name, ds, r);
    check_matches(db, name, ds, r);
    check_indicators(db, name, ds, r);
    check_reviews(db, name, ds, r);
    check_releases(db, name, ds, r);
}

/* Checks the top level (root: the document, or only its format when the records were read
 * by the stream) and the records of ds (taken from root first when `from_root`), then writes
 * them all in one transaction, or nothing. Frees what ds holds. */
static int import_checked(itav_db *db, const json_t *root, const char *name, dataset *ds,
                          bool from_root)
{
    report r = {.code = ITAV_OK, .db = db};
    /* The checks against the store run inside the writing transaction, so another
     * connection cannot add a clashing id between the check and the write. */
    int rc = itav__begin(db);
    if (rc != ITAV_OK) {
        dataset_free(ds);
        return rc;
    }
    if (check_top(root, name, &r)) {
        if (from_root && take_tree(ds, root) != ITAV_OK)
            report_add(&r, name, itav__tr(db, "out of memory"), ITAV_ENOMEM);
        else
            check_records(db, name, ds, &r);
    }
    if (r.count) {
        rc = r.code;
        if (r.count > 1)
            itav__error(db, rc, "%d problems; nothing was imported:\n%s%s", r.count, r.text,
                        strlen(r.text) < sizeof r.text - 64 ? "" : "\n...");
        else
            itav__error(db, rc, "%s; nothing was imported", r.text);
        dataset_free(ds);
        itav__rollback(db);
        return rc;
    }
    /* Each object is freed once written: the store grows as the decoded records go, which
     * keeps the peak near the larger of the two rather than their sum. */
#define WRITE(array, n, kind)                                                                      \
    for (size_t i = 0; rc == ITAV_OK && i < ds->n; i++) {                                          \
        rc = itav__##kind##_write(db, ds->array[i]);                                               \
        itav_##kind##_free(ds->array[i]);                                                          \
        ds->array[i] = NULL;                                                                       \
    }
    WRITE(ivs, niv, intervention)
    WRITE(ofs, nof, offer)
    WRITE(pts, npt, participant)
    WRITE(inds, nind, indicator)
    WRITE(ms, nm, match)
    WRITE(rvs, nrv, review)
#undef WRITE
    for (size_t i = 0; rc == ITAV_OK && i < ds->nrl; i++)
        if (!ds->rl_known[i])
            rc = itav__release_write(db, ds->rls[i]);
    dataset_free(ds);
    if (rc != ITAV_OK) {
        itav__rollback(db);
        return rc;
    }
    return itav__commit(db);
}

int itav__json_import(itav_db *db, json_t *root, const char *name)
{
    dataset ds = {.db = db};
    return import_checked(db, root, name, &ds, true);
}

/* ---- streaming: the records decoded as they are read, one small tree at a time ---- */

typedef struct streamed {
    dataset ds;
    json_t *format; /* the value of $.format, if the document has one */
} streamed;

static int stream_element(void *arg, int member, size_t at, const json_t *v)
{
    return take_record(&((streamed *)arg)->ds, member, at, v, true);
}

static int stream_member(void *arg, int member, const json_t *v)
{
    streamed *st = arg;
    if (member != M_FORMAT || !json_is_string(v))
        return ITAV__JSON_WHOLE; /* the whole document's checks say what is wrong */
    st->format = json_incref((json_t *)v);
    return ITAV_OK;
}

static const itav__json_stream_spec dataset_stream = {
    members,
    (1u << M_INTERVENTIONS) | (1u << M_OFFERS) | (1u << M_INDICATORS) | (1u << M_PARTICIPANTS) |
        (1u << M_MATCHES) | (1u << M_REVIEWS) | (1u << M_RELEASES),
    stream_element,
    stream_member,
};

/* Checks and writes what a stream read: the top level as a document of its format alone. */
static int import_streamed(itav_db *db, streamed *st, const char *name)
{
    json_t *top = json_object();
    int rc;
    if (!top || (st->format && json_object_set(top, "format", st->format) != 0)) {
        dataset_free(&st->ds);
        rc = itav__error(db, ITAV_ENOMEM, "%s: out of memory; nothing was imported", name);
    } else {
        rc = import_checked(db, top, name, &st->ds, false);
    }
    json_decref(top);
    json_decref(st->format);
    return rc;
}

/* The end of a stream that did not read the whole document: ITAV__JSON_WHOLE (the caller
 * parses it whole) or an error (set). */
static int stream_failed(itav_db *db, streamed *st, int rc, const char *name)
{
    dataset_free(&st->ds);
    json_decref(st->format);
    st->format = NULL;
    if (rc == ITAV_ENOMEM)
        return itav__error(db, rc, "%s: out of memory; nothing was imported", name);
    if (rc == ITAV_EIO)
        return itav__error(db, rc, "cannot read %s: %s", name, strerror(EIO));
    return rc;
}

/* A UTF-8 byte order mark, which Windows programs put at the start of a file: skipped, as a
 * CSV import skips it (RFC 8259 lets a parser ignore it; jansson would refuse it). */
static const char bom[] = "\xEF\xBB\xBF";

/* A document in memory: streamed, or parsed whole when the stream cannot read it. */
static int import_text(itav_db *db, const char *text, size_t size, const char *name)
{
    if (size >= 3 && memcmp(text, bom, 3) == 0)
        text += 3, size -= 3;
    char err[512];
    itav__json_dec d = {err, sizeof err, db};
    streamed st = {.ds.db = db};
    int rc = itav__json_stream_text(text, size, &dataset_stream, &st);
    if (rc == ITAV_OK)
        return import_streamed(db, &st, name);
    if ((rc = stream_failed(db, &st, rc, name)) != ITAV__JSON_WHOLE)
        return rc;
    json_t *root;
    rc = itav__json_parse(&root, &d, text, size, name);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "%s; nothing was imported", err);
    rc = itav__json_import(db, root, name);
    json_decref(root);
    return rc;
}

ITAV_API int itav_import_json_string(itav_db *db, const char *json, const char *name)
{
    if (!db)
        return ITAV_EINVAL;
    if (!json)
        return itav__error(db, ITAV_EINVAL, "no JSON text given");
    if (!name)
        name = "<string>";
    return import_text(db, json, strlen(json), name);
}

/* What cannot be read twice (a pipe) is read into memory first: a document the stream
 * cannot read is parsed whole afterwards. */
static int import_unseekable(itav_db *db, FILE *f, const char *path)
{
    size_t n = 0, cap = 0;
    char *text = NULL;
    int rc = ITAV_OK;
    for (;;) {
        if (n == cap) {
            size_t more = cap ? cap * 2 : 65536;
            char *grown = itav__realloc(text, more);
            if (!grown) {
                rc = itav__error(db, ITAV_ENOMEM, "%s: out of memory; nothing was imported",
                                 path);
                break;
            }
            text = grown;
            cap = more;
        }
        size_t got = fread(text + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                rc = itav__error(db, ITAV_EIO, "cannot read %s: %s", path, strerror(EIO));
            break;
        }
    }
    fclose(f);
    if (rc == ITAV_OK)
        rc = import_text(db, text, n, path);
    itav__free(text);
    return rc;
}

ITAV_API int itav_import_json_file(itav_db *db, const char *path)
{
    json_error_t e;
    if (!db)
        return ITAV_EINVAL;
    if (!path)
        return itav__error(db, ITAV_EINVAL, "no file name given");
    FILE *f = fopen(path, "rb");
    if (!f)
        return itav__error(db, ITAV_EIO, "cannot read %s: %s", path, strerror(errno));
    struct stat st; /* a directory opens, but reading it is an I/O error, not bad JSON */
    bool regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
    if (!regular && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return itav__error(db, ITAV_EIO, "cannot read %s: %s", path, strerror(EISDIR));
    }
    if (!regular)
        return import_unseekable(db, f, path);
    char head[3];
    long start = fread(head, 1, 3, f) == 3 && memcmp(head, bom, 3) == 0 ? 3 : 0;
    if (fseek(f, start, SEEK_SET) != 0) {
        int err = errno;
        fclose(f);
        return itav__error(db, ITAV_EIO, "cannot read %s: %s", path, strerror(err));
    }
    streamed str = {.ds.db = db};
    int rc = itav__json_stream_file(f, &dataset_stream, &str);
    if (rc == ITAV_OK) {
        fclose(f);
        return import_streamed(db, &str, path);
    }
    if ((rc = stream_failed(db, &str, rc, path)) != ITAV__JSON_WHOLE) {
        fclose(f);
        return rc;
    }
    /* Not a document the stream reads: parsed whole, so that jansson says what is wrong. */
    json_error_t again;
    json_t *root = NULL;
    if (fseek(f, start, SEEK_SET) != 0) {
        int err = errno;
        fclose(f);
        return itav__error(db, ITAV_EIO, "cannot read %s: %s", path, strerror(err));
    }
    root = json_loadf(f, JSON_REJECT_DUPLICATES, &e);
    /* a second load tells a syntax error from lack of memory, as itav__json_parse() does */
    if (!root && !itav__json_load_nomem(&e) && fseek(f, start, SEEK_SET) == 0) {
        root = json_loadf(f, JSON_REJECT_DUPLICATES, &again);
        if (!root && !itav__json_same_error(&e, &again))
            e.text[0] = '\0';
    }
    fclose(f);
    if (!root && itav__json_load_nomem(&e))
        return itav__error(db, ITAV_ENOMEM, "%s: out of memory; nothing was imported", path);
    if (!root)
        return itav__error(db, ITAV_EFORMAT, "%s:%d:%d: %s; nothing was imported", path, e.line,
                           e.column, e.text);
    rc = itav__json_import(db, root, path);
    json_decref(root);
    return rc;
}

/* What an export holds, in document order. Indicators, participants, matches, reviews and
 * releases are left out of the document when there are none. */
enum export_kind { EXPORT_INTERVENTIONS, EXPORT_OFFERS, EXPORT_INDICATORS, EXPORT_PARTICIPANTS,
                   EXPORT_MATCHES, EXPORT_REVIEWS, EXPORT_RELEASES };
static const struct {
    const char *kind, *member, *what;
    bool always;
} export_kinds[] = {
    {ITAV__KIND_INTERVENTION, "interventions", "intervention", true},
    {ITAV__KIND_OFFER, "offers", "offer", true},
    {ITAV__KIND_INDICATOR, "indicators", "indicator", false},
    {ITAV__KIND_PARTICIPANT, "participants", "participant", false},
    {ITAV__KIND_MATCH, "matches", "match", false},
    {ITAV__KIND_REVIEW, "reviews", "review", false},
    {ITAV__KIND_RELEASE, "releases", "release", false},
};
#define EXPORT_KINDS (sizeof export_kinds / sizeof export_kinds[0])

typedef struct export_state {
    itav_db *db;
    json_t *array;
    enum export_kind which;
    int rc;
} export_state;

/* Decodes a stored record (checking it) and encodes it again in canonical form. */
static int reencode(json_t **v, const itav_db *db, enum export_kind which, const void *data,
                    size_t size, char *err, size_t errsize)
{
    int rc = ITAV_OK;
#define REENCODE(kind, type)                                                                       \
    {                                                                                              \
        type *obj;                                                                                 \
        if ((rc = itav__##kind##_decode(&obj, db, data, size, err, errsize)) == ITAV_OK) {         \
            *v = itav__json_encode_##kind(obj);                                                    \
            itav_##kind##_free(obj);                                                               \
        }                                                                                          \
        break;                                                                                     \
    }
    switch (which) {
    case EXPORT_INTERVENTIONS: REENCODE(intervention, itav_intervention)
    case EXPORT_OFFERS: REENCODE(offer, itav_offer)
    case EXPORT_INDICATORS: REENCODE(indicator, itav_indicator)
    case EXPORT_PARTICIPANTS: REENCODE(participant, itav_participant)
    case EXPORT_MATCHES: REENCODE(match, itav_match)
    case EXPORT_REVIEWS: REENCODE(review, itav_review)
    case EXPORT_RELEASES: REENCODE(release, itav_release)
    }
#undef REENCODE
    return rc;
}

static int export_record(void *arg, const char *key, const void *data, size_t size)
{
    export_state *st = arg;
    json_t *v = NULL;
    char err[512];
    int rc = reencode(&v, st->db, st->which, data, size, err, sizeof err);
    if (rc != ITAV_OK) {
        st->rc = itav__error(st->db, rc, "stored %s \"%s\" is damaged: %s",
                             export_kinds[st->which].what, key, err);
        return 1;
    }
    if (!v || json_array_append_new(st->array, v) != 0) {
        st->rc = itav__error(st->db, ITAV_ENOMEM, "out of memory exporting");
        return 1;
    }
    return 0;
}

ITAV_API int itav_export_json_string(char **out, itav_db *db)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the text given");
    json_t *root = json_object();
    if (!root || !itav__json_put(root, "format", json_string(ITAV__JSON_FORMAT))) {
        json_decref(root);
        return itav__error(db, ITAV_ENOMEM, "out of memory exporting");
    }
    export_state st = {db, NULL, EXPORT_INTERVENTIONS, ITAV_OK};
    /* Every scan in one read transaction: one state of the store, without the write lock. */
    int rc = itav__read_begin(db);
    bool begun = rc == ITAV_OK;
    for (size_t k = 0; rc == ITAV_OK && st.rc == ITAV_OK && k < EXPORT_KINDS; k++) {
        st.which = (enum export_kind)k;
        if (!(st.array = json_array())) {
            st.rc = itav__error(db, ITAV_ENOMEM, "out of memory exporting");
            break;
        }
        rc = itav__scan(db, export_kinds[k].kind, ITAV_SCAN_ALL, NULL, export_record, &st);
        if (rc > 0)
            rc = ITAV_OK; /* a callback stopped the scan; st.rc says why */
        if (rc == ITAV_OK && st.rc == ITAV_OK &&
            (export_kinds[k].always || json_array_size(st.array) > 0) &&
            json_object_set(root, export_kinds[k].member, st.array) != 0)
            st.rc = itav__error(db, ITAV_ENOMEM, "out of memory exporting");
        json_decref(st.array);
    }
    if (begun)
        itav__read_end(db);
    if (rc < 0 || st.rc != ITAV_OK) {
        json_decref(root);
        return st.rc != ITAV_OK ? st.rc : rc;
    }
    rc = itav__json_dump(out, root, true);
    return rc == ITAV_OK ? rc : itav__error(db, rc, "out of memory exporting");
}

ITAV_API int itav_export_json_file(itav_db *db, const char *path)
{
    char *text, tmp[4096];
    struct stat target;
    if (!db)
        return ITAV_EINVAL;
    if (!path)
        return itav__error(db, ITAV_EINVAL, "no file name given");
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp)
        return itav__error(db, ITAV_EINVAL, "file name too long: %s", path);
    int rc = itav_export_json_string(&text, db);
    if (rc != ITAV_OK)
        return rc;
    /* A private temporary file beside the target (mkstemp: mode 0600, a fresh name, never a
     * link), given the target's mode if it exists, then renamed over it. */
    int fd = mkstemp(tmp);
    if (fd < 0) {
        itav__free(text);
        return itav__error(db, ITAV_EIO, "cannot write beside %s: %s", path, strerror(errno));
    }
    size_t n = strlen(text), done = 0;
    bool ok = true;
    while (ok && done < n) {
        ssize_t w = write(fd, text + done, n - done);
        ok = w > 0;
        done += ok ? (size_t)w : 0;
    }
    if (ok && stat(path, &target) == 0)
        ok = fchmod(fd, target.st_mode & 07777) == 0;
    ok = ok && fsync(fd) == 0; /* on disk before it replaces the old file */
    ok = (close(fd) == 0) && ok;
    itav__free(text);
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return itav__error(db, ITAV_EIO, "cannot write %s: %s", path, strerror(e));
    }
    return ITAV_OK;
}

