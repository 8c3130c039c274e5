/* Matches: proposal, the lifecycle with its audit trail, listing and what falls due. */
#include "model/model_int.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the object ---- */

bool itav__match_open(itav_match_state s)
{
    return s >= ITAV_MATCH_PROPOSED && s <= ITAV_MATCH_ACTIVE;
}

/* Declined and ended early are the exits that carry a reason. */
static bool needs_reason(itav_match_state s)
{
    return s == ITAV_MATCH_DECLINED || s == ITAV_MATCH_ENDED_EARLY;
}

int itav__match_new(itav_match **out, const char *id, const char *offer, const char *asking,
                    const char *supporting)
{
    if (!id || !offer || !asking || !supporting)
        return ITAV_EINVAL;
    itav_match *m = itav__calloc(1, sizeof *m);
    if (!m)
        return ITAV_ENOMEM;
    m->score = -1;
    if (!(m->id = itav__strdup(id)) || !(m->offer = itav__strdup(offer)) ||
        !(m->asking = itav__strdup(asking)) || !(m->supporting = itav__strdup(supporting))) {
        itav_match_free(m);
        return ITAV_ENOMEM;
    }
    *out = m;
    return ITAV_OK;
}

int itav__match_add_transition(itav_match *m, itav_match_state state, int32_t date,
                               itav_actor actor, const char *note)
{
    char *copy = NULL;
    int rc = itav__set_text(&copy, note);
    if (rc != ITAV_OK)
        return rc;
    if (m->ntrail == m->captrail) {
        size_t cap = m->captrail ? m->captrail * 2 : 4;
        itav__transition *t = itav__realloc(m->trail, cap * sizeof *t);
        if (!t) {
            itav__free(copy);
            return ITAV_ENOMEM;
        }
        m->trail = t;
        m->captrail = cap;
    }
    m->trail[m->ntrail++] = (itav__transition){state, date, actor, copy};
    m->state = state;
    return ITAV_OK;
}

ITAV_API void itav_match_free(itav_match *m)
{
    if (!m)
        return;
    itav__free(m->id);
    itav__free(m->offer);
    itav__free(m->asking);
    itav__free(m->supporting);
    itav__free(m->previous);
    for (size_t i = 0; i < m->ntrail; i++)
        itav__free(m->trail[i].note);
    itav__free(m->trail);
    itav__free(m);
}

ITAV_API const char *itav_match_id(const itav_match *m) { return m ? m->id : NULL; }
ITAV_API const char *itav_match_offer(const itav_match *m) { return m ? m->offer : NULL; }
ITAV_API const char *itav_match_asking(const itav_match *m) { return m ? m->asking : NULL; }
ITAV_API const char *itav_match_supporting(const itav_match *m)
{
    return m ? m->supporting : NULL;
}
ITAV_API itav_match_state itav_match_get_state(const itav_match *m)
{
    return m ? m->state : (itav_match_state)0;
}
ITAV_API double itav_match_score(const itav_match *m) { return m ? m->score : -1; }
ITAV_API const char *itav_match_previous(const itav_match *m)
{
    return m ? m->previous : NULL;
}
ITAV_API itav_end_reason itav_match_reason(const itav_match *m)
{
    return m ? m->reason : (itav_end_reason)0;
}

ITAV_API int32_t itav_match_start(const itav_match *m)
{
    for (size_t i = 0; m && i < m->ntrail; i++)
        if (m->trail[i].state == ITAV_MATCH_TRIAL || m->trail[i].state == ITAV_MATCH_ACTIVE)
            return m->trail[i].date;
    return ITAV_DATE_NONE;
}

ITAV_API size_t itav_match_transition_count(const itav_match *m) { return m ? m->ntrail : 0; }

ITAV_API int itav_match_transition(const itav_match *m, size_t i, itav_match_state *state,
                                   int32_t *date, itav_actor *actor, const char **note)
{
    if (!m)
        return ITAV_EINVAL;
    if (i >= m->ntrail)
        return ITAV_ERANGE;
    const itav__transition *t = &m->trail[i];
    if (state)
        *state = t->state;
    if (date)
        *date = t->date;
    if (actor)
        *actor = t->actor;
    if (note)
        *note = t->note;
    return ITAV_OK;
}

ITAV_API int itav_match_move_legal(itav_match_state from, itav_match_state to, int has_trial)
{
    switch (from) {
    case ITAV_MATCH_PROPOSED: return to == ITAV_MATCH_INTRODUCED || to == ITAV_MATCH_DECLINED;
    case ITAV_MATCH_INTRODUCED:
        return to == ITAV_MATCH_TRIAL || to == ITAV_MATCH_DECLINED ||
               (to == ITAV_MATCH_ACTIVE && !has_trial);
    case ITAV_MATCH_TRIAL: return to == ITAV_MATCH_ACTIVE || to == ITAV_MATCH_ENDED_EARLY;
    case ITAV_MATCH_ACTIVE: return to == ITAV_MATCH_COMPLETED || to == ITAV_MATCH_ENDED_EARLY;
    case ITAV_MATCH_COMPLETED:
    case ITAV_MATCH_DECLINED:
    case ITAV_MATCH_ENDED_EARLY: return 0;
    }
    return 0;
}

/* ---- records ---- */

static const char *state_name(itav_match_state s)
{
    const char *name = itav_code_name(ITAV_CODE_MATCH_STATE, (int)s);
    return name ? name : "(unknown)";
}

int itav__match_write(itav_db *db, const itav_match *m)
{
    unsigned char *rec;
    size_t size;
    int rc = itav__match_encode(&rec, &size, m);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "cannot encode match \"%s\": %s", m->id, itav__strerror(db, rc));
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    index[ITAV__MATCH_SLOT_OFFER] = m->offer;
    index[ITAV__MATCH_SLOT_ASKING] = m->asking;
    index[ITAV__MATCH_SLOT_SUPPORTING] = m->supporting;
    index[ITAV__MATCH_SLOT_OPEN] = itav__match_open(m->state) ? "open" : NULL;
    rc = itav__put_record(db, ITAV__KIND_MATCH, m->id, index, rec, size);
    itav__free(rec);
    return rc;
}

int itav__match_load(itav_match **out, itav_db *db, const char *id, const void *data,
                     size_t size)
{
    char err[512];
    int rc = itav__match_decode(out, db, data, size, err, sizeof err);
    return rc == ITAV_OK ? rc : itav__error(db, rc, "stored match \"%s\" is damaged: %s", id, err);
}

int itav__match_read(itav_match **out, itav_db *db, const char *id)
{
    char *rec;
    size_t size;
    int rc = itav__get_record(&rec, &size, db, ITAV__KIND_MATCH, id);
    if (rc == ITAV_ENOTFOUND)
        return itav__error(db, rc, "no match \"%s\"", id);
    if (rc != ITAV_OK)
        return rc;
    rc = itav__match_load(out, db, id, rec, size);
    itav__free(rec);
    return rc;
}

ITAV_API int itav_match_get(itav_match **out, itav_db *db, const char *id)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the match given");
    if (!id)
        return itav__error(db, ITAV_EINVAL, "no match id given");
    return itav__match_read(out, db, id);
}

/* Collects the matches a scan finds (in key order), decoded, into a list. */
typedef struct collect_state {
    itav_db *db;
    itav__iter *list;
    const itav_match_filter *filter; /* NULL keeps every match */
    int rc;
} collect_state;

static bool selected(const itav_match *m, const itav_match_filter *f)
{
    return !f || ((!f->offer || strcmp(m->offer, f->offer) == 0) &&
                  (!f->participant || strcmp(m->asking, f->participant) == 0 ||
                   strcmp(m->supporting, f->participant) == 0) &&
                  (!f->state || m->state == f->state) &&
                  (!f->open_only || itav__match_open(m->state)));
}

static void free_match(void *m) { itav_match_free(m); }

static int collect(void *arg, const char *key, const void *data, size_t size)
{
    collect_state *st = arg;
    itav_match *m;
    if ((st->rc = itav__match_load(&m, st->db, key, data, size)) != ITAV_OK)
        return 1;
    if (!selected(m, st->filter)) {
        itav_match_free(m);
        return 0;
    }
    if (itav__iter_push(st->list, m) != ITAV_OK) {
        st->rc = itav__error(st->db, ITAV_ENOMEM, "out of memory reading matches");
        return 1;
    }
    return 0;
}

static int scan_into(itav__iter *list, itav_db *db, int slot, const char *value,
                     const itav_match_filter *filter)
{
    collect_state st = {db, list, filter, ITAV_OK};
    int rc = itav__scan(db, ITAV__KIND_MATCH, slot, value, collect, &st);
    return st.rc != ITAV_OK ? st.rc : rc < 0 ? rc : ITAV_OK;
}

static int by_id(const void *a, const void *b)
{
    return strcmp((*(itav_match *const *)a)->id, (*(itav_match *const *)b)->id);
}

/* The matches a filter selects, ordered by id, reading only the records its most selective
 * index allows. */
static int select_matches(itav__iter *list, itav_db *db, const itav_match_filter *f)
{
    list->free_item = free_match;
    if (f && f->participant) {
        int rc = scan_into(list, db, ITAV__MATCH_SLOT_ASKING, f->participant, f);
        if (rc == ITAV_OK)
            rc = scan_into(list, db, ITAV__MATCH_SLOT_SUPPORTING, f->participant, f);
        if (rc == ITAV_OK && list->n > 1)
            qsort(list->items, list->n, sizeof *list->items, by_id);
        return rc;
    }
    if (f && f->offer)
        return scan_into(list, db, ITAV__MATCH_SLOT_OFFER, f->offer, f);
    if (f && f->open_only)
        return scan_into(list, db, ITAV__MATCH_SLOT_OPEN, "open", f);
    return scan_into(list, db, ITAV_SCAN_ALL, NULL, f);
}

/* The matches of a participant on one side. */
static int matches_of(itav__iter *list, itav_db *db, const char *ref, itav_side side)
{
    list->free_item = free_match;
    if (side != ITAV_SIDE_ASKING && side != ITAV_SIDE_SUPPORTING)
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": unknown side %d", ref,
                           (int)side);
    return scan_into(list, db,
                     side == ITAV_SIDE_ASKING ? ITAV__MATCH_SLOT_ASKING
                                              : ITAV__MATCH_SLOT_SUPPORTING,
                     ref, NULL);
}

/* Number of open matches of a participant (either side). */
static int open_match_count(size_t *out, itav_db *db, const char *ref, itav_side side)
{
    itav__iter list = {0};
    int rc = matches_of(&list, db, ref, side);
    *out = 0;
    for (size_t i = 0; rc == ITAV_OK && i < list.n; i++)
        *out += itav__match_open(((itav_match *)list.items[i])->state);
    itav__iter_clear(&list);
    return rc;
}

int itav__history_load(itav__history *h, itav_db *db, const char *asking)
{
    memset(h, 0, sizeof *h);
    return matches_of(&h->matches, db, asking, ITAV_SIDE_ASKING);
}

void itav__history_clear(itav__history *h) { itav__iter_clear(&h->matches); }

/* Whether the pair has ever declined (DECLINED) or has an open match right now. */
static void pair_history(bool *declined, bool *open, const itav__history *h,
                         const char *supporting)
{
    *declined = *open = false;
    for (size_t i = 0; i < h->matches.n; i++) {
        const itav_match *m = h->matches.items[i];
        if (strcmp(m->supporting, supporting) != 0)
            continue;
        *declined = *declined || m->state == ITAV_MATCH_DECLINED;
        *open = *open || itav__match_open(m->state);
    }
}

int itav__next_sequence(long *out, itav_db *db, const char *name)
{
    char *text, buf[32];
    size_t size;
    long n = 0;
    int rc = itav__get_record(&text, &size, db, ITAV__KIND_SEQUENCE, name);
    if (rc == ITAV_OK) {
        char *end;
        errno = 0;
        n = strtol(text, &end, 10);
        bool bad = end == text || *end || n < 0 || errno != 0;
        itav__free(text);
        if (bad)
            return itav__error(db, ITAV_EFORMAT, "stored sequence \"%s\" is damaged", name);
    } else if (rc != ITAV_ENOTFOUND) {
        return rc;
    }
    if (n == LONG_MAX)
        return itav__error(db, ITAV_ERANGE, "sequence \"%s\" is exhausted", name);
    snprintf(buf, sizeof buf, "%ld", ++n);
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    if ((rc = itav__put_record(db, ITAV__KIND_SEQUENCE, name, index, buf, strlen(buf))) !=
        ITAV_OK)
        return rc;
    *out = n;
    return ITAV_OK;
}

/* What scoring needs to know of a pair beyond the two participants. */
int itav__pair_facts_with(itav__pair_facts *f, itav_db *db, const itav__history *asking,
                          const itav_participant *supporting)
{
    pair_history(&f->declined, &f->open, asking, supporting->ref);
    return open_match_count(&f->supporter_open, db, supporting->ref, ITAV_SIDE_SUPPORTING);
}

int itav__pair_facts_load(itav__pair_facts *f, itav_db *db, const itav_participant *asking,
                          const itav_participant *supporting)
{
    itav__history h;
    int rc = itav__history_load(&h, db, asking->ref);
    if (rc == ITAV_OK)
        rc = itav__pair_facts_with(f, db, &h, supporting);
    itav__history_clear(&h);
    return rc;
}

/* ---- participants' statuses ---- */

/* The later of two dates; ITAV_DATE_NONE is the least of all. */
static int32_t later(int32_t a, int32_t b) { return b > a ? b : a; }

/* Moves a participant to `to` on `date` (never moving its status date back). */
static int set_status(itav_db *db, itav_participant *p, itav_participant_status to,
                      int32_t date)
{
    p->status = to;
    p->status_date = later(p->status_date, date);
    return itav__participant_write(db, p);
}

static int become_matched(itav_db *db, const char *ref, int32_t date)
{
    itav_participant *p;
    int rc = itav__participant_read(&p, db, ref);
    if (rc != ITAV_OK)
        return rc;
    if (p->status != ITAV_PSTATUS_MATCHED)
        rc = set_status(db, p, ITAV_PSTATUS_MATCHED, date);
    itav_participant_free(p);
    return rc;
}

/* After a match closed: a matched participant with no open match left on that side goes to
 * `to`. Anyone else (erased, say) keeps their status. */
static int settle(itav_db *db, const char *ref, itav_side side, itav_participant_status to,
                  int32_t date)
{
    itav_participant *p;
    size_t open;
    int rc = itav__participant_read(&p, db, ref);
    if (rc != ITAV_OK)
        return rc;
    if (p->status == ITAV_PSTATUS_MATCHED &&
        (rc = open_match_count(&open, db, ref, side)) == ITAV_OK && open == 0)
        rc = set_status(db, p, to, date);
    itav_participant_free(p);
    return rc;
}

/* ---- proposing ---- */

/* A fresh id from the "match" sequence; ids taken by imported matches are skipped. */
static int new_match_id(char *buf, size_t size, itav_db *db)
{
    bool taken = true;
    int rc = ITAV_OK;
    while (rc == ITAV_OK && taken) {
        long n;
        if ((rc = itav__next_sequence(&n, db, "match")) != ITAV_OK)
            return rc;
        snprintf(buf, size, "m-%08ld", n);
        rc = itav__exists(&taken, db, ITAV__KIND_MATCH, buf);
    }
    return rc;
}

/* The last completed match of the asking participant in the offer (latest end, then
 * highest id), as an owned id in *out, or NULL. */
static int last_completed(char **out, itav_db *db, const itav_participant *asking)
{
    itav__iter list = {0};
    const itav_match *best = NULL;
    int rc = matches_of(&list, db, asking->ref, ITAV_SIDE_ASKING);
    for (size_t i = 0; rc == ITAV_OK && i < list.n; i++) {
        const itav_match *m = list.items[i];
        if (m->state != ITAV_MATCH_COMPLETED || strcmp(m->offer, asking->offer) != 0)
            continue;
        if (!best || m->trail[m->ntrail - 1].date >= best->trail[best->ntrail - 1].date)
            best = m; /* the list is in id order, so a tie goes to the higher id */
    }
    *out = NULL;
    if (rc == ITAV_OK && best && !(*out = itav__strdup(best->id)))
        rc = itav__error(db, ITAV_ENOMEM, "out of memory proposing a match");
    itav__iter_clear(&list);
    return rc;
}

int itav__match_create(char **out_id, itav_db *db, const itav_participant *asking,
                       const itav_participant *supporting, double score, int32_t date,
                       itav_actor actor, const char *note)
{
    char id[32];
    itav_match *m = NULL;
    int rc = new_match_id(id, sizeof id, db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__match_new(&m, id, asking->offer, asking->ref, supporting->ref)) != ITAV_OK ||
        (rc = itav__match_add_transition(m, ITAV_MATCH_PROPOSED, date, actor, note)) !=
            ITAV_OK) {
        rc = rc == ITAV_EINVAL ? itav__error(db, rc, "the note is not valid UTF-8 text of at "
                                             "most %d bytes", ITAV__TEXT_MAX)
                               : itav__error(db, rc, "out of memory proposing a match");
        goto done;
    }
    m->score = score;
    if ((rc = last_completed(&m->previous, db, asking)) != ITAV_OK ||
        (rc = itav__match_write(db, m)) != ITAV_OK ||
        (rc = become_matched(db, asking->ref, date)) != ITAV_OK ||
        (rc = become_matched(db, supporting->ref, date)) != ITAV_OK)
        goto done;
    if (out_id && !(*out_id = itav__strdup(id)))
        rc = itav__error(db, ITAV_ENOMEM, "out of memory proposing a match");
done:
    itav_match_free(m);
    return rc;
}

bool itav__valid_actor(itav_actor a) { return itav_code_name(ITAV_CODE_ACTOR, (int)a) != NULL; }

/* ---- moving ---- */

/* What the plan of an offer says about moves: whether it has a trial period (unset counts
 * as yes), whether it says so explicitly (then the trial must be evaluated before the match
 * goes on: the evaluation is the point of the trial, seed 002 line 77) and whether completion
 * needs a final review (only when set to 1). A match whose offer is gone keeps the rules of
 * "not said". */
typedef struct move_rules {
    int has_trial, trial_set, final_review;
} move_rules;

static int offer_rules(move_rules *r, itav_db *db, const char *offer)
{
    itav_plan *plan;
    int rc = itav_plan_effective(&plan, db, offer);
    *r = (move_rules){1, 0, 0};
    if (rc == ITAV_ENOTFOUND)
        return ITAV_OK;
    if (rc != ITAV_OK)
        return rc;
    r->has_trial = itav_plan_get(plan, ITAV_PLAN_TRIAL) != 0;
    r->trial_set = itav_plan_get(plan, ITAV_PLAN_TRIAL) == 1;
    r->final_review = itav_plan_get(plan, ITAV_PLAN_FINAL_REVIEW) == 1;
    itav_plan_free(plan);
    return ITAV_OK;
}

/* Whether the match has a review of the kind. */
static int has_review(bool *found, itav_db *db, const itav_match *m, itav_review_kind kind)
{
    itav_review_iter *it;
    itav_review *r;
    *found = false;
    int rc = itav_review_list(&it, db, m->id, NULL);
    if (rc != ITAV_OK)
        return rc;
    while (!*found && itav_review_iter_next(&r, it) == ITAV_OK) {
        *found = itav_review_get_kind(r) == kind;
        itav_review_free(r);
    }
    itav_review_iter_free(it);
    return ITAV_OK;
}

/* ITAV_ESTATE unless the match has a final review (the plan requires one to complete). */
static int require_final_review(itav_db *db, const itav_match *m)
{
    bool found;
    int rc = has_review(&found, db, m, ITAV_REVIEW_FINAL);
    if (rc != ITAV_OK || found)
        return rc;
    return itav__error(db, ITAV_ESTATE, "match %s needs a final review before it can be "
                       "completed (plan of offer %s, final_review)", m->id, m->offer);
}

/* ITAV_ESTATE unless the match has a trial review (the plan has a trial: trial -> active). */
static int require_trial_review(itav_db *db, const itav_match *m)
{
    bool found;
    int rc = has_review(&found, db, m, ITAV_REVIEW_TRIAL);
    if (rc != ITAV_OK || found)
        return rc;
    return itav__error(db, ITAV_ESTATE, "match %s has no trial review: the plan of offer %s has "
                       "a trial period, and it is evaluated before the match goes on; record "
                       "a trial review first, or skip the evaluation explicitly with a note "
                       "(itav_match_skip_evaluation)", m->id, m->offer);
}

static int refuse_move(itav_db *db, const itav_match *m, itav_match_state to, int has_trial)
{
    char legal[128] = "";
    size_t n = 0;
    for (int s = ITAV_MATCH_PROPOSED; s <= ITAV_MATCH_ENDED_EARLY; s++) {
        if (!itav_match_move_legal(m->state, (itav_match_state)s, has_trial))
            continue;
        int w = snprintf(legal + n, sizeof legal - n, "%s%s", n ? ", " : "",
                         state_name((itav_match_state)s));
        if (w > 0 && (size_t)w < sizeof legal - n)
            n += (size_t)w;
    }
    if (!n)
        return itav__error(db, ITAV_ESTATE, "match \"%s\" is %s; it cannot move to %s: no "
                           "moves are legal from there", m->id, state_name(m->state),
                           state_name(to));
    return itav__error(db, ITAV_ESTATE, "match \"%s\" is %s; legal moves: %s%s", m->id,
                       state_name(m->state), legal,
                       m->state == ITAV_MATCH_INTRODUCED && to == ITAV_MATCH_ACTIVE
                           ? itav__tr(db, N_(" (the plan has a trial period)"))
                           : "");
}

/* itav__match_move(); skip_evaluation lets trial -> active go without a trial review. */
static int move_match(itav_db *db, itav_match *m, itav_match_state state, int32_t date,
                      itav_actor actor, itav_end_reason reason, const char *note,
                      bool skip_evaluation)
{
    move_rules rules;
    int rc = offer_rules(&rules, db, m->offer);
    if (rc != ITAV_OK)
        return rc;
    if (!itav_match_move_legal(m->state, state, rules.has_trial))
        return refuse_move(db, m, state, rules.has_trial);
    int32_t last = m->trail[m->ntrail - 1].date;
    if (date < last) {
        char d[ITAV_DATE_BUFSIZE], l[ITAV_DATE_BUFSIZE];
        itav_date_format(d, sizeof d, date);
        itav_date_format(l, sizeof l, last);
        return itav__error(db, ITAV_EINVAL, "match \"%s\": the date %s is before the last move "
                           "on %s", m->id, d, l);
    }
    if (state == ITAV_MATCH_COMPLETED && rules.final_review &&
        (rc = require_final_review(db, m)) != ITAV_OK)
        return rc;
    if (m->state == ITAV_MATCH_TRIAL && state == ITAV_MATCH_ACTIVE && rules.trial_set &&
        !skip_evaluation && (rc = require_trial_review(db, m)) != ITAV_OK)
        return rc;
    if ((rc = itav__match_add_transition(m, state, date, actor, note)) != ITAV_OK)
        return itav__error(db, rc, "out of memory moving match \"%s\"", m->id);
    m->reason = reason;
    if ((rc = itav__match_write(db, m)) != ITAV_OK || itav__match_open(state))
        return rc;
    if ((rc = settle(db, m->asking, ITAV_SIDE_ASKING,
                     state == ITAV_MATCH_COMPLETED ? ITAV_PSTATUS_INACTIVE
                                                   : ITAV_PSTATUS_WAITING,
                     date)) != ITAV_OK)
        return rc;
    return settle(db, m->supporting, ITAV_SIDE_SUPPORTING, ITAV_PSTATUS_AVAILABLE, date);
}

int itav__match_move(itav_db *db, itav_match *m, itav_match_state state, int32_t date,
                     itav_actor actor, itav_end_reason reason, const char *note)
{
    return move_match(db, m, state, date, actor, reason, note, false);
}

/* The text a skipped evaluation puts before the note in the trail. */
#define SKIPPED_PREFIX "trial evaluation skipped: "

static int advance(itav_db *db, const char *id, itav_match_state state, int32_t date,
                   itav_actor actor, itav_end_reason reason, const char *note,
                   bool skip_evaluation)
{
    itav_match *m;
    if (!db)
        return ITAV_EINVAL;
    if (!id)
        return itav__error(db, ITAV_EINVAL, "no match id given");
    if (!itav_code_name(ITAV_CODE_MATCH_STATE, (int)state))
        return itav__error(db, ITAV_EINVAL, "match \"%s\": unknown state %d", id, (int)state);
    if (!itav__valid_date(date))
        return itav__error(db, ITAV_EINVAL, "match \"%s\": the date of the move must be a date "
                           "in years 1900-9999", id);
    if (!itav__valid_actor(actor))
        return itav__error(db, ITAV_EINVAL, "match \"%s\": unknown actor %d", id, (int)actor);
    if (needs_reason(state) && !itav_code_name(ITAV_CODE_END_REASON, (int)reason)) {
        char unknown[40] = ""; /* say so when a reason was given but is not one */
        if (reason)
            /* xgettext:c-format */
            snprintf(unknown, sizeof unknown, itav__tr(db, N_("; reason %d is unknown")),
                     (int)reason);
        return itav__error(db, ITAV_EINVAL, "match \"%s\": %s needs a reason (no_click, "
                           "asking_stopped, supporting_stopped, moved, professional_help, "
                           "safety or other)%s", id, state_name(state), unknown);
    }
    if (!needs_reason(state) && reason)
        return itav__error(db, ITAV_EINVAL, "match \"%s\": only declined and ended_early take "
                           "a reason, not %s", id, state_name(state));
    if (note && !itav__valid_text(note))
        return itav__error(db, ITAV_EINVAL, "match \"%s\": the note is not valid UTF-8 text of "
                           "at most %d bytes", id, ITAV__TEXT_MAX);
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__match_read(&m, db, id)) != ITAV_OK)
        goto fail;
    if (skip_evaluation && m->state != ITAV_MATCH_TRIAL)
        rc = itav__error(db, ITAV_ESTATE, "match \"%s\" is %s; only a match in trial has an "
                         "evaluation to skip", id, state_name(m->state));
    else
        rc = move_match(db, m, state, date, actor, reason, note, skip_evaluation);
    itav_match_free(m);
    if (rc != ITAV_OK)
        goto fail;
    return itav__commit(db);
fail:
    itav__rollback(db);
    return rc;
}

ITAV_API int itav_match_advance(itav_db *db, const char *id, itav_match_state state,
                                int32_t date, itav_actor actor, itav_end_reason reason,
                                const char *note)
{
    return advance(db, id, state, date, actor, reason, note, false);
}

ITAV_API int itav_match_skip_evaluation(itav_db *db, const char *id, int32_t date,
                                        itav_actor actor, const char *note)
{
    if (!db)
        return ITAV_EINVAL;
    if (!id)
        return itav__error(db, ITAV_EINVAL, "no match id given");
    if (!note || !note[strspn(note, " \t\n")])
        return itav__error(db, ITAV_EINVAL, "match \"%s\": skipping the trial evaluation "
                           "needs a note that says why", id);
    if (!itav__valid_text(note) || strlen(note) > ITAV__TEXT_MAX - strlen(SKIPPED_PREFIX))
        return itav__error(db, ITAV_EINVAL, "match \"%s\": the note is not valid UTF-8 text of "
                           "at most %zu bytes", id, ITAV__TEXT_MAX - strlen(SKIPPED_PREFIX));
    char *text = itav__malloc(strlen(SKIPPED_PREFIX) + strlen(note) + 1);
    if (!text)
        return itav__error(db, ITAV_ENOMEM, "out of memory moving match \"%s\"", id);
    strcpy(text, SKIPPED_PREFIX);
    strcat(text, note);
    int rc = advance(db, id, ITAV_MATCH_ACTIVE, date, actor, (itav_end_reason)0, text, true);
    itav__free(text);
    return rc;
}

/* ---- listing ---- */

struct itav_match_iter {
    itav__iter list; /* of itav_match */
};

ITAV_API int itav_match_list(itav_match_iter **out, itav_db *db,
                             const itav_match_filter *filter)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the iterator given");
    if (filter && (filter->version < 1 || filter->version > ITAV_MATCH_FILTER_VERSION))
        return itav__error(db, ITAV_EVERSION, "match filter version %d is not supported "
                           "(struct itav_match_filter: this library knows versions 1 to %d)",
                           filter->version, ITAV_MATCH_FILTER_VERSION);
    if (filter && filter->state && !itav_code_name(ITAV_CODE_MATCH_STATE, (int)filter->state))
        return itav__error(db, ITAV_EINVAL, "match filter: unknown state %d",
                           (int)filter->state);
    itav_match_iter *it = itav__calloc(1, sizeof *it);
    if (!it)
        return itav__error(db, ITAV_ENOMEM, "out of memory listing matches");
    int rc = select_matches(&it->list, db, filter);
    if (rc != ITAV_OK) {
        itav_match_iter_free(it);
        return rc;
    }
    *out = it;
    return ITAV_OK;
}

ITAV_API int itav_match_iter_next(itav_match **out, itav_match_iter *it)
{
    return out && it ? itav__iter_next((void **)out, &it->list) : ITAV_EINVAL;
}

ITAV_API void itav_match_iter_free(itav_match_iter *it)
{
    if (!it)
        return;
    itav__iter_clear(&it->list);
    itav__free(it);
}

/* ---- what falls due ---- */

struct itav_due {
    char *match;       /* an item of a match, or */
    char *participant; /* an item of a participant */
    itav_due_kind kind;
    int32_t date;
    int32_t since; /* the date its time counts from */
    int overdue;
};

struct itav_due_iter {
    itav__iter list; /* of itav_due */
};

ITAV_API void itav_due_free(itav_due *d)
{
    if (!d)
        return;
    itav__free(d->match);
    itav__free(d->participant);
    itav__free(d);
}

static void free_due(void *d) { itav_due_free(d); }

ITAV_API const char *itav_due_match(const itav_due *d) { return d ? d->match : NULL; }
ITAV_API const char *itav_due_participant(const itav_due *d)
{
    return d ? d->participant : NULL;
}
ITAV_API itav_due_kind itav_due_get_kind(const itav_due *d)
{
    return d ? d->kind : (itav_due_kind)0;
}
ITAV_API int32_t itav_due_date(const itav_due *d) { return d ? d->date : ITAV_DATE_NONE; }
ITAV_API int itav_due_overdue_days(const itav_due *d) { return d ? d->overdue : 0; }
ITAV_API int32_t itav_due_since(const itav_due *d) { return d ? d->since : ITAV_DATE_NONE; }

/* The date the match entered a state (the first time), or ITAV_DATE_NONE. */
static int32_t entered(const itav_match *m, itav_match_state s)
{
    for (size_t i = 0; i < m->ntrail; i++)
        if (m->trail[i].state == s)
            return m->trail[i].date;
    return ITAV_DATE_NONE;
}

typedef struct due_query {
    itav_db *db;
    int32_t as_of, until;
    itav__iter *out;
} due_query;

/* Adds an item of a match (or, with match NULL, of a participant) due on `date`, its time
 * counted from `since`. */
static int push_due(due_query *q, const char *match, const char *participant,
                    itav_due_kind kind, int32_t date, int32_t since)
{
    itav_due *d = itav__calloc(1, sizeof *d);
    if (!d || (match && !(d->match = itav__strdup(match))) ||
        (participant && !(d->participant = itav__strdup(participant)))) {
        itav_due_free(d);
        return itav__error(q->db, ITAV_ENOMEM, "out of memory listing what falls due");
    }
    d->kind = kind;
    d->date = date;
    d->since = since;
    d->overdue = (int)(q->as_of - date);
    if (itav__iter_push(q->out, d) == ITAV_OK)
        return ITAV_OK;
    itav_due_free(d);
    return itav__error(q->db, ITAV_ENOMEM, "out of memory listing what falls due");
}

/* Adds the item `months` after `from`, if the plan sets the months and it falls due by
 * q->until. */
static int add_due(due_query *q, const itav_match *m, itav_due_kind kind, int32_t from,
                   long months)
{
    int32_t date;
    if (months == ITAV_PLAN_UNSET || from == ITAV_DATE_NONE ||
        itav__add_months(&date, from, months) != ITAV_OK || date > q->until)
        return ITAV_OK;
    return push_due(q, m->id, NULL, kind, date, from);
}

/* A proposal nobody acted on: still proposed `days` days after it was made (the plan's
 * proposal_days; unset or 0: never). */
static int add_proposal_due(due_query *q, const itav_match *m, long days)
{
    int32_t from = entered(m, ITAV_MATCH_PROPOSED);
    if (days == ITAV_PLAN_UNSET || days == 0 || from == ITAV_DATE_NONE ||
        (int64_t)from + days > q->until)
        return ITAV_OK;
    return push_due(q, m->id, NULL, ITAV_DUE_PROPOSAL, (int32_t)(from + days), from);
}

/* What a match's reviews settle in the due query. */
typedef struct review_facts {
    bool trial, final;     /* has a trial / a final review */
    int32_t last_periodic; /* date of the latest periodic review; ITAV_DATE_NONE: none */
} review_facts;

static int due_of(due_query *q, const itav_match *m, const itav_plan *plan,
                  const review_facts *f)
{
    if (m->state == ITAV_MATCH_PROPOSED)
        return add_proposal_due(q, m, itav_plan_get(plan, ITAV_PLAN_PROPOSAL_DAYS));
    if (m->state == ITAV_MATCH_TRIAL)
        return f->trial ? ITAV_OK
                        : add_due(q, m, ITAV_DUE_TRIAL_EVALUATION, entered(m, ITAV_MATCH_TRIAL),
                                  itav_plan_get(plan, ITAV_PLAN_TRIAL_MONTHS));
    if (m->state != ITAV_MATCH_ACTIVE)
        return ITAV_OK;
    int32_t from = f->last_periodic != ITAV_DATE_NONE ? f->last_periodic
                                                      : entered(m, ITAV_MATCH_ACTIVE);
    long max_months = itav_plan_get(plan, ITAV_PLAN_MAX_MONTHS);
    int rc = add_due(q, m, ITAV_DUE_REVIEW, from, itav_plan_get(plan, ITAV_PLAN_REVIEW_MONTHS));
    if (rc == ITAV_OK)
        rc = add_due(q, m, ITAV_DUE_CLOSURE, itav_match_start(m), max_months);
    if (rc == ITAV_OK && !f->final && itav_plan_get(plan, ITAV_PLAN_FINAL_REVIEW) == 1)
        rc = add_due(q, m, ITAV_DUE_FINAL_REVIEW, itav_match_start(m), max_months);
    return rc;
}

static void free_review(void *r) { itav_review_free(r); }

static int review_by_match(const void *a, const void *b)
{
    return strcmp(itav_review_match(*(itav_review *const *)a),
                  itav_review_match(*(itav_review *const *)b));
}

/* The reviews of an offer (NULL: all), read in one listing and ordered by match, so that
 * review_facts_of() finds a match's reviews by binary search. */
static int load_reviews(itav__iter *out, itav_db *db, const char *offer)
{
    itav_review_iter *it;
    itav_review *r;
    out->free_item = free_review;
    int rc = itav_review_list(&it, db, NULL, offer);
    if (rc != ITAV_OK)
        return rc;
    while (rc == ITAV_OK && itav_review_iter_next(&r, it) == ITAV_OK)
        if (itav__iter_push(out, r) != ITAV_OK)
            rc = itav__error(db, ITAV_ENOMEM, "out of memory listing what falls due");
    itav_review_iter_free(it);
    if (rc == ITAV_OK && out->n > 1)
        qsort(out->items, out->n, sizeof *out->items, review_by_match);
    return rc;
}

static review_facts review_facts_of(const itav__iter *reviews, const char *match)
{
    review_facts f = {false, false, ITAV_DATE_NONE};
    size_t lo = 0, hi = reviews->n;
    while (lo < hi) { /* the first review of a match not less than `match` */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(itav_review_match(reviews->items[mid]), match) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < reviews->n && strcmp(itav_review_match(reviews->items[lo]), match) == 0; lo++) {
        const itav_review *r = reviews->items[lo];
        f.trial = f.trial || itav_review_get_kind(r) == ITAV_REVIEW_TRIAL;
        f.final = f.final || itav_review_get_kind(r) == ITAV_REVIEW_FINAL;
        if (itav_review_get_kind(r) == ITAV_REVIEW_PERIODIC)
            f.last_periodic = later(f.last_periodic, itav_review_date(r));
    }
    return f;
}

static int by_due(const void *a, const void *b)
{
    const itav_due *x = *(itav_due *const *)a, *y = *(itav_due *const *)b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    int c = strcmp(x->match ? x->match : x->participant, y->match ? y->match : y->participant);
    return c ? c : (int)x->kind - (int)y->kind;
}

/* Fills q->out from the open matches. The plan is read again only when the offer changes
 * from one match to the next (never, when the query names an offer). */
static int collect_due(due_query *q, const char *offer)
{
    itav__iter matches = {0};
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    itav_plan *plan = NULL;
    const char *plan_offer = NULL;
    itav__iter reviews = {0};
    f.offer = offer;
    f.open_only = 1;
    int rc = select_matches(&matches, q->db, &f);
    if (rc == ITAV_OK && matches.n)
        rc = load_reviews(&reviews, q->db, offer);
    for (size_t i = 0; rc == ITAV_OK && i < matches.n; i++) {
        const itav_match *m = matches.items[i];
        if (!plan_offer || strcmp(plan_offer, m->offer) != 0) {
            itav_plan_free(plan);
            plan = NULL;
            plan_offer = m->offer;
            rc = itav_plan_effective(&plan, q->db, m->offer);
            if (rc == ITAV_ENOTFOUND)
                rc = ITAV_OK; /* no offer, no plan: nothing falls due */
        }
        if (rc == ITAV_OK && plan) {
            review_facts facts = review_facts_of(&reviews, m->id);
            rc = due_of(q, m, plan, &facts);
        }
    }
    itav_plan_free(plan);
    itav__iter_clear(&reviews);
    itav__iter_clear(&matches);
    return rc;
}

/* The certificates of conduct that stop counting by q->until, of the supporters of one
 * offer (NULL: all). The plan is read again only when the offer changes (participants are
 * listed by reference, so this may happen often without an offer; plans are small). */
static int collect_vog_due(due_query *q, const char *offer)
{
    itav_participant_iter *it;
    itav_participant *p;
    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    itav_plan *plan = NULL;
    char *plan_offer = NULL;
    f.offer = offer;
    f.side = ITAV_SIDE_SUPPORTING;
    int rc = itav_participant_list(&it, q->db, &f);
    while (rc == ITAV_OK && itav_participant_iter_next(&p, it) == ITAV_OK) {
        if (p->vog_date != ITAV_DATE_NONE && p->status != ITAV_PSTATUS_INACTIVE &&
            p->status != ITAV_PSTATUS_ERASED) {
            if (!plan_offer || strcmp(plan_offer, p->offer) != 0) {
                itav_plan_free(plan);
                itav__free(plan_offer);
                plan = NULL;
                if (!(plan_offer = itav__strdup(p->offer)))
                    rc = itav__error(q->db, ITAV_ENOMEM, "out of memory listing what falls due");
                else if ((rc = itav_plan_effective(&plan, q->db, p->offer)) == ITAV_ENOTFOUND)
                    rc = ITAV_OK; /* no offer, no plan: nothing falls due */
            }
            int32_t expires = plan && itav_plan_get(plan, ITAV_PLAN_VOG) == 1
                                  ? itav__vog_expires(plan, p->vog_date)
                                  : INT32_MAX;
            if (rc == ITAV_OK && expires != INT32_MAX && expires <= q->until)
                rc = push_due(q, NULL, p->ref, ITAV_DUE_VOG_EXPIRY, expires, p->vog_date);
        }
        itav_participant_free(p);
    }
    itav_participant_iter_free(it);
    itav_plan_free(plan);
    itav__free(plan_offer);
    return rc;
}

/* The due query of both kinds: what `collect` finds, sorted. */
static int due_query_run(itav_due_iter **out, itav_db *db, const char *offer, int32_t as_of,
                         int within_days, int (*collect_fn)(due_query *, const char *))
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the iterator given");
    if (!itav__valid_date(as_of))
        return itav__error(db, ITAV_EINVAL, "the as-of date must be a date in years "
                           "1900-9999");
    if (within_days < 0)
        return itav__error(db, ITAV_EINVAL, "within_days is %d; it must be 0 or more",
                           within_days);
    itav_due_iter *it = itav__calloc(1, sizeof *it);
    if (!it)
        return itav__error(db, ITAV_ENOMEM, "out of memory listing what falls due");
    it->list.free_item = free_due;
    long long until = (long long)as_of + within_days;
    due_query q = {db, as_of, until > INT32_MAX ? INT32_MAX : (int32_t)until, &it->list};
    int rc = collect_fn(&q, offer);
    if (rc != ITAV_OK) {
        itav_due_iter_free(it);
        return rc;
    }
    if (it->list.n > 1)
        qsort(it->list.items, it->list.n, sizeof *it->list.items, by_due);
    *out = it;
    return ITAV_OK;
}

ITAV_API int itav_match_due(itav_due_iter **out, itav_db *db, const char *offer,
                            int32_t as_of, int within_days)
{
    return due_query_run(out, db, offer, as_of, within_days, collect_due);
}

ITAV_API int itav_participant_due(itav_due_iter **out, itav_db *db, const char *offer,
                                  int32_t as_of, int within_days)
{
    return due_query_run(out, db, offer, as_of, within_days, collect_vog_due);
}

ITAV_API int itav_due_iter_next(itav_due **out, itav_due_iter *it)
{
    return out && it ? itav__iter_next((void **)out, &it->list) : ITAV_EINVAL;
}

ITAV_API void itav_due_iter_free(itav_due_iter *it)
{
    if (!it)
        return;
    itav__iter_clear(&it->list);
    itav__free(it);
}
