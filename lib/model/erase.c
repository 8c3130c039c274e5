/* Erasure: a participant's personal data removed from the store and from its files. */
#include "model/model_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>


static int32_t later(int32_t a, int32_t b) { return b > a ? b : a; }

struct itav_erasure {
    char *ref;     /* the new reference */
    int32_t date;  /* of the erased status */
    itav__iter closed; /* of closed_match, in order of match id */
};

typedef struct closed_match {
    char *id;
    itav_match_state state;
} closed_match;

static void free_closed(void *p)
{
    closed_match *c = p;
    itav__free(c->id);
    itav__free(c);
}

ITAV_API void itav_erasure_free(itav_erasure *e)
{
    if (!e)
        return;
    itav__free(e->ref);
    itav__iter_clear(&e->closed);
    itav__free(e);
}

ITAV_API const char *itav_erasure_ref(const itav_erasure *e) { return e ? e->ref : NULL; }
ITAV_API int32_t itav_erasure_date(const itav_erasure *e)
{
    return e ? e->date : ITAV_DATE_NONE;
}
ITAV_API size_t itav_erasure_closed_count(const itav_erasure *e)
{
    return e ? e->closed.n : 0;
}
ITAV_API const char *itav_erasure_closed(const itav_erasure *e, size_t i, int *state)
{
    if (!e || i >= e->closed.n)
        return NULL;
    const closed_match *c = e->closed.items[i];
    if (state)
        *state = (int)c->state;
    return c->id;
}

/* Ends an open match of the participant: declined if it had not started (the only exit from
 * proposed and introduced), else ended early; reason other, actor system. Dated `given`, or
 * with ITAV_DATE_NONE the later of today and its last move; the date used goes to *date.
 * Recorded in the report. */
static int end_open_match(itav_db *db, itav_match *m, int32_t given, int32_t *date,
                          itav_erasure *report)
{
    itav_match_state exit = m->state == ITAV_MATCH_PROPOSED || m->state == ITAV_MATCH_INTRODUCED
                                ? ITAV_MATCH_DECLINED
                                : ITAV_MATCH_ENDED_EARLY;
    int32_t last = m->trail[m->ntrail - 1].date;
    if (given != ITAV_DATE_NONE && given < last) {
        char g[ITAV_DATE_BUFSIZE], l[ITAV_DATE_BUFSIZE];
        itav_date_format(g, sizeof g, given);
        itav_date_format(l, sizeof l, last);
        return itav__error(db, ITAV_EINVAL, "the erasure date %s is before the last move of "
                           "open match \"%s\" on %s", g, m->id, l);
    }
    *date = given != ITAV_DATE_NONE ? given : later(itav__today(), last);
    closed_match *c = itav__calloc(1, sizeof *c);
    if (!c || !(c->id = itav__strdup(m->id)) || itav__iter_push(&report->closed, c) != ITAV_OK) {
        if (c)
            free_closed(c);
        return itav__error(db, ITAV_ENOMEM, "out of memory erasing a participant");
    }
    c->state = exit;
    return itav__match_move(db, m, exit, *date, ITAV_ACTOR_SYSTEM, ITAV_END_OTHER, NULL);
}

/* A reference from the "erased" sequence that no participant has (imports may bring
 * erased participants along). */
static int new_erased_ref(char *buf, size_t size, itav_db *db)
{
    bool taken = true;
    int rc = ITAV_OK;
    while (rc == ITAV_OK && taken) {
        long n;
        if ((rc = itav__next_sequence(&n, db, "erased")) != ITAV_OK)
            return rc;
        snprintf(buf, size, ITAV__ERASED_PREFIX "%ld", n);
        rc = itav__exists(&taken, db, ITAV__KIND_PARTICIPANT, buf);
    }
    return rc;
}

/* Blanks the notes of a match's reviews (free text may name the participant); kinds, dates,
 * scores and outcomes stay, so aggregates stay right. */
static int blank_review_notes(itav_db *db, const char *match)
{
    itav_review_iter *it;
    itav_review *r;
    int rc = itav_review_list(&it, db, match, NULL);
    if (rc != ITAV_OK)
        return rc;
    while (rc == ITAV_OK && itav_review_iter_next(&r, it) == ITAV_OK) {
        if (r->note || r->safety_note) {
            itav__free(r->note);
            itav__free(r->safety_note);
            r->note = r->safety_note = NULL;
            rc = itav__review_write(db, r);
        }
        itav_review_free(r);
    }
    itav_review_iter_free(it);
    return rc;
}

/* The participant's matches, ended if open, then rewritten with the new reference and no
 * notes (their reviews' notes too). *last receives the latest date a match was ended on
 * (unchanged if none). */
static int rewrite_matches(itav_db *db, const char *old_ref, const char *new_ref,
                           int32_t given, int32_t *last, itav_erasure *report)
{
    itav_match_iter *it;
    itav_match *m;
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    f.participant = old_ref;
    int rc = itav_match_list(&it, db, &f);
    if (rc != ITAV_OK)
        return rc;
    while (rc == ITAV_OK && itav_match_iter_next(&m, it) == ITAV_OK) {
        int32_t ended = ITAV_DATE_NONE;
        if (itav__match_open(m->state) &&
            (rc = end_open_match(db, m, given, &ended, report)) == ITAV_OK)
            *last = later(*last, ended);
        char **side = strcmp(m->asking, old_ref) == 0 ? &m->asking : &m->supporting;
        char *ref = itav__strdup(new_ref);
        if (rc == ITAV_OK && !ref)
            rc = itav__error(db, ITAV_ENOMEM, "out of memory erasing a participant");
        if (rc == ITAV_OK) {
            itav__free(*side);
            *side = ref;
            for (size_t i = 0; i < m->ntrail; i++) {
                itav__free(m->trail[i].note);
                m->trail[i].note = NULL;
            }
            rc = itav__match_write(db, m);
            if (rc == ITAV_OK)
                rc = blank_review_notes(db, m->id);
        } else {
            itav__free(ref);
        }
        itav_match_free(m);
    }
    itav_match_iter_free(it);
    return rc;
}

/* Collects the other participants whose exclusions name ref (written after the scan: the
 * core never writes while a scan runs). */
typedef struct exclusion_state {
    itav_db *db;
    const char *ref;
    itav__iter found; /* of itav_participant */
    int rc;
} exclusion_state;

static int find_exclusions(void *arg, const char *key, const void *data, size_t size)
{
    exclusion_state *st = arg;
    itav_participant *p;
    if ((st->rc = itav__participant_load(&p, st->db, key, data, size)) != ITAV_OK)
        return 1;
    bool names = false;
    for (size_t i = 0; i < p->exclusions.n && !names; i++)
        names = strcmp(p->exclusions.v[i], st->ref) == 0;
    if (!names) {
        itav_participant_free(p);
        return 0;
    }
    if (itav__iter_push(&st->found, p) != ITAV_OK) {
        st->rc = itav__error(st->db, ITAV_ENOMEM, "out of memory erasing a participant");
        return 1;
    }
    return 0;
}

static void free_participant(void *p) { itav_participant_free(p); }

static int drop_exclusions(itav_db *db, const char *ref)
{
    exclusion_state st = {db, ref, {0}, ITAV_OK};
    st.found.free_item = free_participant;
    int rc = itav__scan(db, ITAV__KIND_PARTICIPANT, ITAV_SCAN_ALL, NULL, find_exclusions, &st);
    if (st.rc != ITAV_OK)
        rc = st.rc;
    for (size_t i = 0; rc >= 0 && i < st.found.n; i++) {
        itav_participant *p = st.found.items[i];
        for (size_t k = p->exclusions.n; k-- > 0;)
            if (strcmp(p->exclusions.v[k], ref) == 0)
                itav__strlist_remove(&p->exclusions, k);
        rc = itav__participant_write(db, p);
    }
    itav__iter_clear(&st.found);
    return rc < 0 ? rc : ITAV_OK;
}

/* What is left of a participant: the offer and kind (so that counts per offer and kind
 * stay right) and the status erased; every other attribute is unset. */
static int erased_record(itav_db *db, const itav_participant *p, const char *new_ref,
                         int32_t date)
{
    itav_participant e;
    memset(&e, 0, sizeof e);
    e.ref = (char *)new_ref;
    e.offer = p->offer;
    e.kind = p->kind;
    e.status = ITAV_PSTATUS_ERASED;
    e.status_date = date;
    e.age_min = e.age_max = -1;
    e.vog_date = e.registered = ITAV_DATE_NONE;
    e.capacity = 1;
    return itav__participant_write(db, &e);
}

static int erase_in(itav_db *db, const char *ref, char *new_ref, size_t size, int32_t given,
                    itav_erasure *report)
{
    itav_participant *p;
    char g[ITAV_DATE_BUFSIZE], s[ITAV_DATE_BUFSIZE];
    int rc = itav__participant_read(&p, db, ref);
    if (rc != ITAV_OK)
        return rc;
    int32_t date = given != ITAV_DATE_NONE ? given : later(itav__today(), p->status_date);
    if (p->status == ITAV_PSTATUS_ERASED)
        rc = itav__error(db, ITAV_ESTATE, "participant \"%s\" is already erased", ref);
    else if (given != ITAV_DATE_NONE && p->status_date != ITAV_DATE_NONE &&
             given < p->status_date) {
        itav_date_format(g, sizeof g, given);
        itav_date_format(s, sizeof s, p->status_date);
        rc = itav__error(db, ITAV_EINVAL, "participant \"%s\": the erasure date %s is before "
                         "the status date %s", ref, g, s);
    } else if ((rc = new_erased_ref(new_ref, size, db)) == ITAV_OK &&
             (rc = rewrite_matches(db, ref, new_ref, given, &date, report)) == ITAV_OK &&
             (rc = itav__del_record(db, ITAV__KIND_PARTICIPANT, ref)) == ITAV_OK &&
             (rc = erased_record(db, p, new_ref, date)) == ITAV_OK &&
             (rc = drop_exclusions(db, ref)) == ITAV_OK) {
        report->date = date;
        if (!(report->ref = itav__strdup(new_ref)))
            rc = itav__error(db, ITAV_ENOMEM, "out of memory erasing a participant");
    }
    itav_participant_free(p);
    return rc;
}

/* Both erasures: the work in one transaction, the report (always made, to collect the
 * closed matches), then the purge. *report is the report on success, else freed. */
static int erase(itav_db *db, const char *ref, int32_t given, itav_erasure **report)
{
    char erased[ITAV__REF_MAX + 1];
    *report = NULL;
    if (!db)
        return ITAV_EINVAL;
    if (!ref)
        return itav__error(db, ITAV_EINVAL, "no participant reference given");
    if (given != ITAV_DATE_NONE && !itav__valid_date(given))
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": the erasure date must be a "
                           "date in years 1900-9999", ref);
    itav_erasure *e = itav__calloc(1, sizeof *e);
    if (!e)
        return itav__error(db, ITAV_ENOMEM, "out of memory erasing a participant");
    e->closed.free_item = free_closed;
    int rc = itav__begin(db);
    if (rc != ITAV_OK) {
        itav_erasure_free(e);
        return rc;
    }
    if ((rc = erase_in(db, ref, erased, sizeof erased, given, e)) != ITAV_OK) {
        itav__rollback(db);
        itav_erasure_free(e);
        return rc;
    }
    if ((rc = itav__commit(db)) != ITAV_OK) {
        itav_erasure_free(e);
        return rc;
    }
    *report = e;
    /* The erasure stands even if the purge fails; the error says the files may still hold
     * old values until a later purge succeeds. */
    rc = itav__purge(db);
    if (rc != ITAV_OK) {
        char why[sizeof db->errmsg];
        snprintf(why, sizeof why, "%s", itav_errmsg(db));
        return itav__error(db, rc, "participant \"%s\" was erased as \"%s\", but leftover "
                           "copies could not be purged from the store's files: %s", ref,
                           erased, why);
    }
    return ITAV_OK;
}

ITAV_API int itav_participant_erase(itav_db *db, const char *ref, char **new_ref)
{
    itav_erasure *e;
    if (new_ref)
        *new_ref = NULL;
    int rc = erase(db, ref, ITAV_DATE_NONE, &e);
    if (e && new_ref) { /* hand the reference over */
        *new_ref = e->ref;
        e->ref = NULL;
    }
    itav_erasure_free(e);
    return rc;
}

ITAV_API int itav_participant_erase_at(itav_db *db, const char *ref, int32_t date,
                                       itav_erasure **report)
{
    itav_erasure *e;
    if (report)
        *report = NULL;
    int rc = erase(db, ref, date, &e);
    if (report)
        *report = e;
    else
        itav_erasure_free(e);
    return rc;
}
