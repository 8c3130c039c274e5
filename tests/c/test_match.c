/* Matches: proposal, the lifecycle and its audit trail, participants' statuses, listing,
 * what falls due, and erasure. The store tests run on every store (like test_store.c). */
#define _GNU_SOURCE /* memmem */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- fixture ---- */

/* An intervention with an offer "<id>-haarlem"; trial is the plan's trial field (-1: a plan
 * that does not say, -2: no plan at all). The months follow Buurtgezinnen (seed 002). */
static void programme(itav_db *db, const char *id, long trial)
{
    itav_intervention *iv;
    itav_offer *of;
    itav_plan *plan;
    char offer[80];
    ck_assert_int_eq(itav_intervention_new(&iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, id), ITAV_OK);
    if (trial != -2) {
        ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
        ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL, trial), ITAV_OK);
        if (trial != 0)
            ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL_MONTHS, 2), ITAV_OK);
        ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_REVIEW_MONTHS, 6), ITAV_OK);
        ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_MAX_MONTHS, 24), ITAV_OK);
        ck_assert_int_eq(itav_intervention_set_plan(iv, plan), ITAV_OK);
        itav_plan_free(plan);
    }
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
    snprintf(offer, sizeof offer, "%s-haarlem", id);
    ck_assert_int_eq(itav_offer_new(&of, offer, id), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

/* Offers "trial-haarlem" (trial period), "direct-haarlem" (none) and "plain-haarlem" (no
 * plan: a trial counts as "not said", so it is expected). */
static void fixture(itav_db *db)
{
    programme(db, "trial", 1);
    programme(db, "direct", 0);
    programme(db, "plain", -2);
}

/* A participant registered on 2019-01-01, waiting (asking side) or available; extra JSON
 * members may follow. */
static void person(itav_db *db, const char *ref, const char *offer, const char *kind,
                   const char *extra)
{
    char json[1024];
    itav_participant *p;
    bool asking = !strcmp(kind, "family") || !strcmp(kind, "youth") || !strcmp(kind, "parent");
    snprintf(json, sizeof json,
             "{\"ref\": \"%s\", \"offer\": \"%s\", \"kind\": \"%s\", \"status\": \"%s\", "
             "\"registered\": \"2019-01-01\"%s%s}",
             ref, offer, kind, asking ? "waiting" : "available", extra ? ", " : "",
             extra ? extra : "");
    ck_assert_msg(itav_participant_from_json(&p, db, json) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
}

static void asking(itav_db *db, const char *ref, const char *offer)
{
    person(db, ref, offer, "family", NULL);
}

static void supporting(itav_db *db, const char *ref, const char *offer)
{
    person(db, ref, offer, "support_family", NULL);
}

static char *propose(itav_db *db, const char *a, const char *s, const char *date,
                     const char *note)
{
    char *id = NULL;
    int rc = itav_match_propose(&id, db, a, s, D(date), ITAV_ACTOR_COORDINATOR, note, NULL);
    ck_assert_msg(rc == ITAV_OK, "propose %s and %s: %s", a, s, itav_errmsg(db));
    ck_assert_ptr_nonnull(id);
    return id;
}

/* Records a trial review of the match by the coordinator. */
static void trial_review(itav_db *db, const char *match, const char *date)
{
    itav_review *r;
    char *id;
    ck_assert_int_eq(itav_review_new(&r, ITAV_REVIEW_TRIAL, D(date), ITAV_RESPONDENT_COORDINATOR),
                     ITAV_OK);
    ck_assert_int_eq(itav_review_set_satisfaction(r, 8), ITAV_OK);
    ck_assert_msg(itav_review_add(&id, db, match, r) == ITAV_OK, "%s", itav_errmsg(db));
    itav_review_free(r);
    itav_free(id);
}

static itav_match_state state_of(itav_db *db, const char *id);

/* Moves a match; a match that goes from trial to active is evaluated first (a trial review
 * on that date), as a plan with a trial requires (trial_needs_its_evaluation). */
static void advance(itav_db *db, const char *id, itav_match_state state, const char *date,
                    itav_end_reason reason)
{
    if (state == ITAV_MATCH_ACTIVE && state_of(db, id) == ITAV_MATCH_TRIAL)
        trial_review(db, id, date);
    int rc = itav_match_advance(db, id, state, D(date), ITAV_ACTOR_COORDINATOR, reason, NULL);
    ck_assert_msg(rc == ITAV_OK, "advance %s: %s", id, itav_errmsg(db));
}

static itav_match *get(itav_db *db, const char *id)
{
    itav_match *m;
    ck_assert_msg(itav_match_get(&m, db, id) == ITAV_OK, "%s", itav_errmsg(db));
    return m;
}

static itav_match_state state_of(itav_db *db, const char *id)
{
    itav_match *m = get(db, id);
    itav_match_state s = itav_match_get_state(m);
    itav_match_free(m);
    return s;
}

static void check_entry(const itav_match *m, size_t i, itav_match_state state,
                        const char *date, itav_actor actor, const char *note)
{
    itav_match_state s;
    int32_t d;
    itav_actor a;
    const char *n;
    ck_assert_int_eq(itav_match_transition(m, i, &s, &d, &a, &n), ITAV_OK);
    ck_assert_int_eq(s, state);
    ck_assert_int_eq(d, D(date));
    ck_assert_int_eq(a, actor);
    if (note)
        ck_assert_str_eq(n, note);
    else
        ck_assert_ptr_null(n);
}

static void check_status(itav_db *db, const char *ref, itav_participant_status status,
                         const char *date)
{
    itav_participant *p;
    ck_assert_msg(itav_participant_get(&p, db, ref) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_msg(itav_participant_get_status(p) == status, "%s has status %s, expected %s",
                  ref, itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, itav_participant_get_status(p)),
                  itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, status));
    if (date)
        ck_assert_int_eq(itav_participant_status_date(p), D(date));
    itav_participant_free(p);
}

/* Everything a refused call must leave alone: the export, and every participant and match
 * as JSON (the export does not carry them yet). Owned, free(). */
static char *snapshot(itav_db *db)
{
    char *buf = NULL, *text;
    size_t size;
    FILE *f = open_memstream(&buf, &size);
    itav_participant_iter *pit;
    itav_participant *p;
    itav_match_iter *mit;
    itav_match *m;
    text = export_text(db);
    fputs(text, f);
    itav_free(text);
    ck_assert_int_eq(itav_participant_list(&pit, db, NULL), ITAV_OK);
    while (itav_participant_iter_next(&p, pit) == ITAV_OK) {
        ck_assert_int_eq(itav_participant_to_json(&text, p), ITAV_OK);
        fputs(text, f);
        itav_free(text);
        itav_participant_free(p);
    }
    itav_participant_iter_free(pit);
    ck_assert_int_eq(itav_match_list(&mit, db, NULL), ITAV_OK);
    while (itav_match_iter_next(&m, mit) == ITAV_OK) {
        ck_assert_int_eq(itav_match_to_json(&text, m), ITAV_OK);
        fputs(text, f);
        itav_free(text);
        itav_match_free(m);
    }
    itav_match_iter_free(mit);
    fclose(f);
    return buf;
}

/* A call that must fail with code, a message containing part, and change nothing. */
#define REFUSED(db, call, code, part)                                                      \
    do {                                                                                   \
        char *before_ = snapshot(db);                                                      \
        int rc_ = (call);                                                                  \
        ck_assert_msg(rc_ == (code), "%s gave %d (%s), expected %d", #call, rc_,           \
                      itav_errmsg(db), (int)(code));                                       \
        assert_msg(db, part);                                                              \
        char *after_ = snapshot(db);                                                       \
        ck_assert_str_eq(before_, after_);                                                 \
        free(before_);                                                                     \
        free(after_);                                                                      \
    } while (0)

/* The ids a filter lists, joined by spaces. */
static void list_ids(char *buf, size_t size, itav_db *db, const itav_match_filter *f)
{
    itav_match_iter *it;
    itav_match *m;
    buf[0] = '\0';
    ck_assert_msg(itav_match_list(&it, db, f) == ITAV_OK, "%s", itav_errmsg(db));
    while (itav_match_iter_next(&m, it) == ITAV_OK) {
        if (buf[0])
            strncat(buf, " ", size - strlen(buf) - 1);
        strncat(buf, itav_match_id(m), size - strlen(buf) - 1);
        itav_match_free(m);
    }
    itav_match_iter_free(it);
}

static size_t count_matches(itav_db *db, const char *offer)
{
    itav_match_iter *it;
    itav_match *m;
    size_t n = 0;
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    f.offer = offer;
    ck_assert_int_eq(itav_match_list(&it, db, &f), ITAV_OK);
    for (; itav_match_iter_next(&m, it) == ITAV_OK; n++)
        itav_match_free(m);
    itav_match_iter_free(it);
    return n;
}

/* ---- the state machine, without a store ---- */

START_TEST(legal_moves_table)
{
    /* from -> the states it may move to, with a trial period and without one */
    static const struct { itav_match_state from; const char *with, *without; } table[] = {
        {ITAV_MATCH_PROPOSED, "introduced declined", "introduced declined"},
        {ITAV_MATCH_INTRODUCED, "trial declined", "trial active declined"},
        {ITAV_MATCH_TRIAL, "active ended_early", "active ended_early"},
        {ITAV_MATCH_ACTIVE, "completed ended_early", "completed ended_early"},
        {ITAV_MATCH_COMPLETED, "", ""},
        {ITAV_MATCH_DECLINED, "", ""},
        {ITAV_MATCH_ENDED_EARLY, "", ""},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        for (int has_trial = 0; has_trial <= 1; has_trial++) {
            char got[128] = "";
            for (int to = 0; to <= 8; to++) {
                if (!itav_match_move_legal(table[i].from, (itav_match_state)to, has_trial))
                    continue;
                if (got[0])
                    strcat(got, " ");
                strcat(got, itav_code_name(ITAV_CODE_MATCH_STATE, to));
            }
            ck_assert_str_eq(got, has_trial ? table[i].with : table[i].without);
        }
    }
    ck_assert_int_eq(itav_match_move_legal((itav_match_state)0, ITAV_MATCH_PROPOSED, 1), 0);
    ck_assert_int_eq(itav_match_move_legal((itav_match_state)99, ITAV_MATCH_ACTIVE, 0), 0);
}
END_TEST

START_TEST(null_arguments)
{
    ck_assert_ptr_null(itav_match_id(NULL));
    ck_assert_ptr_null(itav_match_offer(NULL));
    ck_assert_ptr_null(itav_match_asking(NULL));
    ck_assert_ptr_null(itav_match_supporting(NULL));
    ck_assert_ptr_null(itav_match_previous(NULL));
    ck_assert_int_eq(itav_match_get_state(NULL), 0);
    ck_assert_int_eq(itav_match_reason(NULL), 0);
    ck_assert(itav_match_score(NULL) == -1);
    ck_assert_int_eq(itav_match_start(NULL), ITAV_DATE_NONE);
    ck_assert_uint_eq(itav_match_transition_count(NULL), 0);
    ck_assert_int_eq(itav_match_transition(NULL, 0, NULL, NULL, NULL, NULL), ITAV_EINVAL);
    ck_assert_ptr_null(itav_due_match(NULL));
    ck_assert_int_eq(itav_due_get_kind(NULL), 0);
    ck_assert_int_eq(itav_due_date(NULL), ITAV_DATE_NONE);
    ck_assert_int_eq(itav_due_overdue_days(NULL), 0);
    itav_match_free(NULL);
    itav_match_iter_free(NULL);
    itav_due_free(NULL);
    itav_due_iter_free(NULL);
    ck_assert_int_eq(itav_match_propose(NULL, NULL, "a", "s", 0, ITAV_ACTOR_SYSTEM, NULL, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_match_advance(NULL, "m", ITAV_MATCH_ACTIVE, 0, ITAV_ACTOR_SYSTEM, 0,
                                        NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_match_list(NULL, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_match_due(NULL, NULL, NULL, 0, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_match_iter_next(NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_due_iter_next(NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_erase(NULL, "a", NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_match_to_json(NULL, NULL), ITAV_EINVAL);
}
END_TEST

/* ---- the lifecycle ---- */

START_TEST(full_lifecycle_and_trail)
{
    itav_db *db = open_store(_i);
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    supporting(db, "s1", "trial-haarlem");

    itav_suggestion *sg;
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    o.as_of = D("2021-03-01");
    ck_assert_int_eq(itav_match_score_pair(&sg, db, "a1", "s1", &o), ITAV_OK);

    char *id = propose(db, "a1", "s1", "2021-03-01", "first meeting planned");
    ck_assert_str_eq(id, "m-00000001");
    check_status(db, "a1", ITAV_PSTATUS_MATCHED, "2021-03-01");
    check_status(db, "s1", ITAV_PSTATUS_MATCHED, "2021-03-01");
    itav_match *m = get(db, id);
    ck_assert_str_eq(itav_match_id(m), "m-00000001");
    ck_assert_str_eq(itav_match_offer(m), "trial-haarlem");
    ck_assert_str_eq(itav_match_asking(m), "a1");
    ck_assert_str_eq(itav_match_supporting(m), "s1");
    ck_assert_int_eq(itav_match_get_state(m), ITAV_MATCH_PROPOSED);
    ck_assert(itav_match_score(m) == itav_suggestion_score(sg)); /* as_of became the date */
    ck_assert_ptr_null(itav_match_previous(m));
    ck_assert_int_eq(itav_match_start(m), ITAV_DATE_NONE);
    itav_match_free(m);
    itav_suggestion_free(sg);

    ck_assert_int_eq(itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, D("2021-03-10"),
                                        ITAV_ACTOR_COORDINATOR, 0, "kennismaking went well"),
                     ITAV_OK);
    ck_assert_int_eq(itav_match_advance(db, id, ITAV_MATCH_TRIAL, D("2021-03-15"),
                                        ITAV_ACTOR_ASKING, 0, NULL),
                     ITAV_OK);
    trial_review(db, id, "2021-05-15");
    ck_assert_int_eq(itav_match_advance(db, id, ITAV_MATCH_ACTIVE, D("2021-05-15"),
                                        ITAV_ACTOR_SUPPORTING, 0, ""),
                     ITAV_OK);
    check_status(db, "a1", ITAV_PSTATUS_MATCHED, "2021-03-01");
    ck_assert_int_eq(itav_match_advance(db, id, ITAV_MATCH_COMPLETED, D("2023-05-15"),
                                        ITAV_ACTOR_SYSTEM, 0, "two years: done"),
                     ITAV_OK);

    m = get(db, id);
    ck_assert_int_eq(itav_match_get_state(m), ITAV_MATCH_COMPLETED);
    ck_assert_int_eq(itav_match_reason(m), 0);
    ck_assert_int_eq(itav_match_start(m), D("2021-03-15"));
    ck_assert_uint_eq(itav_match_transition_count(m), 5);
    check_entry(m, 0, ITAV_MATCH_PROPOSED, "2021-03-01", ITAV_ACTOR_COORDINATOR,
                "first meeting planned");
    check_entry(m, 1, ITAV_MATCH_INTRODUCED, "2021-03-10", ITAV_ACTOR_COORDINATOR,
                "kennismaking went well");
    check_entry(m, 2, ITAV_MATCH_TRIAL, "2021-03-15", ITAV_ACTOR_ASKING, NULL);
    check_entry(m, 3, ITAV_MATCH_ACTIVE, "2021-05-15", ITAV_ACTOR_SUPPORTING, NULL);
    check_entry(m, 4, ITAV_MATCH_COMPLETED, "2023-05-15", ITAV_ACTOR_SYSTEM, "two years: done");
    ck_assert_int_eq(itav_match_transition(m, 5, NULL, NULL, NULL, NULL), ITAV_ERANGE);
    ck_assert_int_eq(itav_match_transition(m, 0, NULL, NULL, NULL, NULL), ITAV_OK);

    char *json;
    ck_assert_int_eq(itav_match_to_json(&json, m), ITAV_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"id\": \"m-00000001\""));
    ck_assert_ptr_nonnull(strstr(json, "\"state\": \"completed\""));
    ck_assert_ptr_nonnull(strstr(json, "\"actor\": \"supporting\""));
    ck_assert_ptr_null(strstr(json, "\"reason\""));
    ck_assert_ptr_null(strstr(json, "\"previous\""));
    ck_assert_ptr_nonnull(strstr(json, "\"score\": "));
    itav_free(json);
    itav_match_free(m);

    /* completed: the family is done, the support family free again */
    check_status(db, "a1", ITAV_PSTATUS_INACTIVE, "2023-05-15");
    check_status(db, "s1", ITAV_PSTATUS_AVAILABLE, "2023-05-15");

    REFUSED(db, itav_match_get(&m, db, "m-00000009"), ITAV_ENOTFOUND, "\"m-00000009\"");
    REFUSED(db, itav_match_get(NULL, db, id), ITAV_EINVAL, "no place for the match");
    REFUSED(db, itav_match_get(&m, db, NULL), ITAV_EINVAL, "no match id");
    itav_free(id);
    close_store(db);
}
END_TEST

START_TEST(illegal_moves_list_the_legal_ones)
{
    itav_db *db = open_store(_i);
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    supporting(db, "s1", "trial-haarlem");
    asking(db, "a2", "trial-haarlem");
    supporting(db, "s2", "trial-haarlem");
    asking(db, "a3", "trial-haarlem");
    supporting(db, "s3", "trial-haarlem");
    char *m1 = propose(db, "a1", "s1", "2021-03-01", NULL);
    char *m2 = propose(db, "a2", "s2", "2021-03-01", NULL);
    char *m3 = propose(db, "a3", "s3", "2021-03-01", NULL);
    ck_assert_str_eq(m3, "m-00000003");

    REFUSED(db, itav_match_advance(db, m3, ITAV_MATCH_TRIAL, D("2021-03-02"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "match \"m-00000003\" is proposed; legal moves: introduced, declined");
    REFUSED(db, itav_match_advance(db, m3, ITAV_MATCH_COMPLETED, D("2021-03-02"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "legal moves: introduced, declined");
    REFUSED(db, itav_match_advance(db, m3, ITAV_MATCH_ENDED_EARLY, D("2021-03-02"),
                                   ITAV_ACTOR_COORDINATOR, ITAV_END_MOVED, NULL),
            ITAV_ESTATE, "legal moves: introduced, declined");
    REFUSED(db, itav_match_advance(db, m3, ITAV_MATCH_PROPOSED, D("2021-03-02"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "is proposed; legal moves");

    advance(db, m3, ITAV_MATCH_INTRODUCED, "2021-03-05", 0);
    /* the offer's plan has a trial period: no skipping it */
    REFUSED(db, itav_match_advance(db, m3, ITAV_MATCH_ACTIVE, D("2021-03-06"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "is introduced; legal moves: trial, declined");
    advance(db, m3, ITAV_MATCH_TRIAL, "2021-03-06", 0);
    REFUSED(db, itav_match_advance(db, m3, ITAV_MATCH_DECLINED, D("2021-03-07"),
                                   ITAV_ACTOR_COORDINATOR, ITAV_END_NO_CLICK, NULL),
            ITAV_ESTATE, "is trial; legal moves: active, ended_early");
    advance(db, m3, ITAV_MATCH_ACTIVE, "2021-05-06", 0);
    REFUSED(db, itav_match_advance(db, m3, ITAV_MATCH_TRIAL, D("2021-05-07"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "is active; legal moves: completed, ended_early");
    advance(db, m3, ITAV_MATCH_COMPLETED, "2023-05-06", 0);
    REFUSED(db, itav_match_advance(db, m3, ITAV_MATCH_ACTIVE, D("2023-05-07"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "is completed; it cannot move to active: no moves are legal");
    advance(db, m1, ITAV_MATCH_DECLINED, "2021-03-02", ITAV_END_NO_CLICK);
    REFUSED(db, itav_match_advance(db, m1, ITAV_MATCH_INTRODUCED, D("2021-03-03"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "is declined");

    /* bad arguments, checked before the store is read */
    REFUSED(db, itav_match_advance(db, m2, (itav_match_state)42, D("2021-03-03"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_EINVAL, "unknown state 42");
    REFUSED(db, itav_match_advance(db, m2, ITAV_MATCH_INTRODUCED, D("2021-03-03"),
                                   (itav_actor)9, 0, NULL),
            ITAV_EINVAL, "unknown actor 9");
    REFUSED(db, itav_match_advance(db, m2, ITAV_MATCH_INTRODUCED, ITAV_DATE_NONE,
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_EINVAL, "date");
    REFUSED(db, itav_match_advance(db, m2, ITAV_MATCH_INTRODUCED, D("2021-03-03"),
                                   ITAV_ACTOR_COORDINATOR, 0, "\xff\xfe"),
            ITAV_EINVAL, "UTF-8");
    REFUSED(db, itav_match_advance(db, "m-00000077", ITAV_MATCH_INTRODUCED, D("2021-03-03"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ENOTFOUND, "no match \"m-00000077\"");
    REFUSED(db, itav_match_advance(db, NULL, ITAV_MATCH_INTRODUCED, D("2021-03-03"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_EINVAL, "no match id");
    ck_assert_int_eq(state_of(db, m2), ITAV_MATCH_PROPOSED);
    itav_free(m1);
    itav_free(m2);
    itav_free(m3);
    close_store(db);
}
END_TEST

START_TEST(trial_skipped_only_without_a_trial)
{
    itav_db *db = open_store(_i);
    fixture(db);
    asking(db, "d1", "direct-haarlem");
    supporting(db, "ds1", "direct-haarlem");
    asking(db, "p1", "plain-haarlem");
    supporting(db, "ps1", "plain-haarlem");

    /* the plan says: no trial period */
    char *direct = propose(db, "d1", "ds1", "2021-03-01", NULL);
    advance(db, direct, ITAV_MATCH_INTRODUCED, "2021-03-02", 0);
    advance(db, direct, ITAV_MATCH_ACTIVE, "2021-03-09", 0);
    itav_match *m = get(db, direct);
    ck_assert_int_eq(itav_match_start(m), D("2021-03-09"));
    itav_match_free(m);

    /* no plan: the trial is not said to be absent, so it is kept */
    char *plain = propose(db, "p1", "ps1", "2021-03-01", NULL);
    advance(db, plain, ITAV_MATCH_INTRODUCED, "2021-03-02", 0);
    REFUSED(db, itav_match_advance(db, plain, ITAV_MATCH_ACTIVE, D("2021-03-09"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "legal moves: trial, declined (the plan has a trial period)");
    advance(db, plain, ITAV_MATCH_TRIAL, "2021-03-09", 0);
    /* a trial that did not work out */
    advance(db, plain, ITAV_MATCH_ENDED_EARLY, "2021-04-01", ITAV_END_SUPPORTING_STOPPED);
    m = get(db, plain);
    ck_assert_int_eq(itav_match_start(m), D("2021-03-09"));
    ck_assert_int_eq(itav_match_reason(m), ITAV_END_SUPPORTING_STOPPED);
    itav_match_free(m);
    itav_free(direct);
    itav_free(plain);
    close_store(db);
}
END_TEST

START_TEST(dates_never_go_back)
{
    itav_db *db = open_store(_i);
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    supporting(db, "s1", "trial-haarlem");
    char *id = propose(db, "a1", "s1", "2021-03-10", NULL);
    REFUSED(db, itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, D("2021-03-09"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_EINVAL, "the date 2021-03-09 is before the last move on 2021-03-10");
    advance(db, id, ITAV_MATCH_INTRODUCED, "2021-03-10", 0); /* the same day is fine */
    advance(db, id, ITAV_MATCH_TRIAL, "2021-04-01", 0);
    REFUSED(db, itav_match_advance(db, id, ITAV_MATCH_ENDED_EARLY, D("2021-03-31"),
                                   ITAV_ACTOR_COORDINATOR, ITAV_END_MOVED, NULL),
            ITAV_EINVAL, "2021-03-31 is before the last move on 2021-04-01");
    /* a proposal cannot predate the participants' current status */
    asking(db, "a2", "trial-haarlem");
    REFUSED(db, itav_match_propose(NULL, db, "a2", "s1", D("2018-12-31"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_EINVAL, "2018-12-31 is before the status date 2019-01-01 of participant \"a2\"");
    itav_free(id);
    close_store(db);
}
END_TEST

START_TEST(reasons_required_and_refused)
{
    itav_db *db = open_store(_i);
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    supporting(db, "s1", "trial-haarlem");
    char *id = propose(db, "a1", "s1", "2021-03-01", NULL);
    REFUSED(db, itav_match_advance(db, id, ITAV_MATCH_DECLINED, D("2021-03-02"),
                                   ITAV_ACTOR_ASKING, 0, NULL),
            ITAV_EINVAL, "declined needs a reason");
    REFUSED(db, itav_match_advance(db, id, ITAV_MATCH_DECLINED, D("2021-03-02"),
                                   ITAV_ACTOR_ASKING, (itav_end_reason)99, NULL),
            ITAV_EINVAL, "declined needs a reason");
    REFUSED(db, itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, D("2021-03-02"),
                                   ITAV_ACTOR_ASKING, ITAV_END_MOVED, NULL),
            ITAV_EINVAL, "only declined and ended_early take a reason, not introduced");
    advance(db, id, ITAV_MATCH_INTRODUCED, "2021-03-02", 0);
    advance(db, id, ITAV_MATCH_TRIAL, "2021-03-03", 0);
    REFUSED(db, itav_match_advance(db, id, ITAV_MATCH_ENDED_EARLY, D("2021-03-04"),
                                   ITAV_ACTOR_ASKING, 0, NULL),
            ITAV_EINVAL, "ended_early needs a reason");
    REFUSED(db, itav_match_advance(db, id, ITAV_MATCH_ACTIVE, D("2021-03-04"),
                                   ITAV_ACTOR_ASKING, ITAV_END_SAFETY, NULL),
            ITAV_EINVAL, "not active");
    ck_assert_int_eq(itav_match_advance(db, id, ITAV_MATCH_ENDED_EARLY, D("2021-03-04"),
                                        ITAV_ACTOR_COORDINATOR, ITAV_END_SAFETY,
                                        "signalen van onveiligheid"),
                     ITAV_OK);
    itav_match *m = get(db, id);
    ck_assert_int_eq(itav_match_reason(m), ITAV_END_SAFETY);
    char *json;
    ck_assert_int_eq(itav_match_to_json(&json, m), ITAV_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"reason\": \"safety\""));
    itav_free(json);
    itav_match_free(m);
    /* ended early: the family waits again, the support family is free */
    check_status(db, "a1", ITAV_PSTATUS_WAITING, "2021-03-04");
    check_status(db, "s1", ITAV_PSTATUS_AVAILABLE, "2021-03-04");
    itav_free(id);
    close_store(db);
}
END_TEST

/* ---- proposals and the rules between matches ---- */

START_TEST(bad_proposals_change_nothing)
{
    itav_db *db = open_store(_i);
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    supporting(db, "s1", "trial-haarlem");
    person(db, "a2", "trial-haarlem", "family", "\"exclusions\": [\"s1\"]");
    asking(db, "other", "direct-haarlem");
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;

    REFUSED(db, itav_match_propose(NULL, db, "nobody", "s1", D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_ENOTFOUND, "no participant \"nobody\"");
    REFUSED(db, itav_match_propose(NULL, db, "a1", "ghost", D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_ENOTFOUND, "no participant \"ghost\"");
    REFUSED(db, itav_match_propose(NULL, db, "s1", "a1", D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_EINVAL, "participant \"s1\" is on the supporting side");
    REFUSED(db, itav_match_propose(NULL, db, "a1", "a2", D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_EINVAL, "participant \"a2\" is on the asking side");
    REFUSED(db, itav_match_propose(NULL, db, "a1", "s1", ITAV_DATE_NONE,
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_EINVAL, "date");
    REFUSED(db, itav_match_propose(NULL, db, "a1", "s1", D("2021-03-01"), (itav_actor)0, NULL,
                                   NULL),
            ITAV_EINVAL, "unknown actor 0");
    REFUSED(db, itav_match_propose(NULL, db, "a1", NULL, D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_EINVAL, "no participant reference");
    o.version = 99;
    REFUSED(db, itav_match_propose(NULL, db, "a1", "s1", D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, &o),
            ITAV_EVERSION, "version 99");
    o.version = ITAV_MATCH_OPTIONS_VERSION;
    o.min_score = 2;
    REFUSED(db, itav_match_propose(NULL, db, "a1", "s1", D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, &o),
            ITAV_EINVAL, "min_score");
    /* excluded pairs name the constraint */
    REFUSED(db, itav_match_propose(NULL, db, "a2", "s1", D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_ESTATE, "constraint \"excluded\"");
    REFUSED(db, itav_match_propose(NULL, db, "other", "s1", D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_ESTATE, "constraint \"offer\"");
    /* the id out-parameter stays NULL on failure */
    char *id = (char *)"untouched";
    ck_assert_int_eq(itav_match_propose(&id, db, "a2", "s1", D("2021-03-01"),
                                        ITAV_ACTOR_COORDINATOR, NULL, NULL),
                     ITAV_ESTATE);
    ck_assert_ptr_null(id);
    close_store(db);
}
END_TEST

START_TEST(capacity_is_freed_when_a_match_ends)
{
    itav_db *db = open_store(_i);
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    asking(db, "a2", "trial-haarlem");
    asking(db, "a3", "trial-haarlem");
    supporting(db, "s1", "trial-haarlem"); /* capacity 1 */
    person(db, "s2", "trial-haarlem", "support_family", "\"capacity\": 2");

    char *m1 = propose(db, "a1", "s1", "2021-03-01", NULL);
    REFUSED(db, itav_match_propose(NULL, db, "a2", "s1", D("2021-03-02"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_ESTATE, "constraint \"capacity\"");
    advance(db, m1, ITAV_MATCH_INTRODUCED, "2021-03-05", 0);
    advance(db, m1, ITAV_MATCH_TRIAL, "2021-03-06", 0);
    advance(db, m1, ITAV_MATCH_ENDED_EARLY, "2021-04-01", ITAV_END_ASKING_STOPPED);
    check_status(db, "s1", ITAV_PSTATUS_AVAILABLE, "2021-04-01");
    char *m2 = propose(db, "a2", "s1", "2021-04-02", NULL);
    check_status(db, "s1", ITAV_PSTATUS_MATCHED, "2021-04-02");

    /* capacity 2: matched until the last of its matches closes */
    char *m3 = propose(db, "a1", "s2", "2021-04-05", NULL);
    char *m4 = propose(db, "a3", "s2", "2021-04-06", NULL);
    check_status(db, "s2", ITAV_PSTATUS_MATCHED, "2021-04-05");
    advance(db, m3, ITAV_MATCH_DECLINED, "2021-04-10", ITAV_END_NO_CLICK);
    check_status(db, "s2", ITAV_PSTATUS_MATCHED, "2021-04-05");
    check_status(db, "a1", ITAV_PSTATUS_WAITING, "2021-04-10");
    advance(db, m4, ITAV_MATCH_DECLINED, "2021-04-11", ITAV_END_NO_CLICK);
    check_status(db, "s2", ITAV_PSTATUS_AVAILABLE, "2021-04-11");
    check_status(db, "a3", ITAV_PSTATUS_WAITING, "2021-04-11");
    itav_free(m1);
    itav_free(m2);
    itav_free(m3);
    itav_free(m4);
    close_store(db);
}
END_TEST

START_TEST(declined_pairs_are_never_proposed_again)
{
    itav_db *db = open_store(_i);
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    supporting(db, "s1", "trial-haarlem");
    supporting(db, "s2", "trial-haarlem");
    char *m1 = propose(db, "a1", "s1", "2021-03-01", NULL);
    REFUSED(db, itav_match_propose(NULL, db, "a1", "s2", D("2021-03-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_ESTATE, "constraint \"status\""); /* a1 is matched now */
    advance(db, m1, ITAV_MATCH_INTRODUCED, "2021-03-05", 0);
    advance(db, m1, ITAV_MATCH_DECLINED, "2021-03-06", ITAV_END_NO_CLICK);
    REFUSED(db, itav_match_propose(NULL, db, "a1", "s1", D("2022-01-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_ESTATE, "constraint \"declined\"");
    char *m2 = propose(db, "a1", "s2", "2021-03-07", NULL);
    ck_assert_str_eq(m2, "m-00000002");
    itav_free(m1);
    itav_free(m2);
    close_store(db);
}
END_TEST

START_TEST(asking_again_links_the_earlier_match)
{
    itav_db *db = open_store(_i);
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    supporting(db, "s1", "trial-haarlem");
    supporting(db, "s2", "trial-haarlem");
    supporting(db, "s3", "trial-haarlem");
    char *m1 = propose(db, "a1", "s1", "2021-01-04", NULL);
    advance(db, m1, ITAV_MATCH_INTRODUCED, "2021-01-10", 0);
    advance(db, m1, ITAV_MATCH_TRIAL, "2021-01-11", 0);
    advance(db, m1, ITAV_MATCH_ACTIVE, "2021-03-11", 0);
    advance(db, m1, ITAV_MATCH_COMPLETED, "2023-01-11", 0);
    check_status(db, "a1", ITAV_PSTATUS_INACTIVE, "2023-01-11");

    /* the family asks again */
    ck_assert_msg(itav_participant_set_status(db, "a1", ITAV_PSTATUS_WAITING, D("2023-06-01")) ==
                      ITAV_OK,
                  "%s", itav_errmsg(db));
    char *m2 = propose(db, "a1", "s2", "2023-06-05", NULL);
    itav_match *m = get(db, m2);
    ck_assert_str_eq(itav_match_previous(m), m1);
    itav_match_free(m);
    m = get(db, m1);
    ck_assert_ptr_null(itav_match_previous(m));
    itav_match_free(m);

    /* a match that ended early is not one to follow up: the link stays with m1 */
    advance(db, m2, ITAV_MATCH_INTRODUCED, "2023-06-10", 0);
    advance(db, m2, ITAV_MATCH_DECLINED, "2023-06-11", ITAV_END_NO_CLICK);
    char *m3 = propose(db, "a1", "s3", "2023-06-12", NULL);
    m = get(db, m3);
    ck_assert_str_eq(itav_match_previous(m), m1);
    itav_match_free(m);
    itav_free(m1);
    itav_free(m2);
    itav_free(m3);
    close_store(db);
}
END_TEST

START_TEST(list_filters_and_order)
{
    itav_db *db = open_store(_i);
    char ids[256];
    itav_match_iter *it;
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    asking(db, "a2", "trial-haarlem");
    asking(db, "d1", "direct-haarlem");
    supporting(db, "s1", "trial-haarlem");
    person(db, "s2", "trial-haarlem", "support_family", "\"capacity\": 3");
    supporting(db, "ds1", "direct-haarlem");
    char *m1 = propose(db, "a1", "s2", "2021-03-01", NULL);
    char *m2 = propose(db, "d1", "ds1", "2021-03-01", NULL);
    char *m3 = propose(db, "a2", "s2", "2021-03-01", NULL);
    advance(db, m1, ITAV_MATCH_DECLINED, "2021-03-02", ITAV_END_NO_CLICK);
    char *m4 = propose(db, "a1", "s1", "2021-03-03", NULL);

    list_ids(ids, sizeof ids, db, NULL);
    ck_assert_str_eq(ids, "m-00000001 m-00000002 m-00000003 m-00000004");
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    f.offer = "trial-haarlem";
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "m-00000001 m-00000003 m-00000004");
    f.open_only = 1;
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "m-00000003 m-00000004");
    f = (itav_match_filter)ITAV_MATCH_FILTER_INIT;
    f.open_only = 1;
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "m-00000002 m-00000003 m-00000004");
    f = (itav_match_filter)ITAV_MATCH_FILTER_INIT;
    f.participant = "a1"; /* asking side */
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "m-00000001 m-00000004");
    f.participant = "s2"; /* supporting side */
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "m-00000001 m-00000003");
    f.state = ITAV_MATCH_DECLINED;
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "m-00000001");
    f = (itav_match_filter)ITAV_MATCH_FILTER_INIT;
    f.state = ITAV_MATCH_PROPOSED;
    f.offer = "direct-haarlem";
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "m-00000002");
    f.offer = "nowhere";
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "");

    f.version = 2;
    REFUSED(db, itav_match_list(&it, db, &f), ITAV_EVERSION, "match filter version 2");
    f.version = ITAV_MATCH_FILTER_VERSION;
    f.state = (itav_match_state)12;
    REFUSED(db, itav_match_list(&it, db, &f), ITAV_EINVAL, "unknown state 12");
    REFUSED(db, itav_match_list(NULL, db, NULL), ITAV_EINVAL, "iterator");
    itav_free(m1);
    itav_free(m2);
    itav_free(m3);
    itav_free(m4);
    close_store(db);
}
END_TEST

/* ---- the JSON record ---- */

/* Imports a dataset holding one match (members given without braces). */
static int import_match(itav_db *db, const char *members)
{
    char json[2048];
    snprintf(json, sizeof json, "{\"format\": \"itav/1\", \"matches\": [{%s}]}", members);
    return itav_import_json_string(db, json, "m.json");
}

#define HEAD "\"id\": \"m-00000042\", \"offer\": \"trial-haarlem\", \"asking\": \"a1\", " \
             "\"supporting\": \"s1\", "
#define PROPOSED "{\"state\": \"proposed\", \"date\": \"2021-03-01\", \"actor\": \"coordinator\"}"

START_TEST(json_record_rules)
{
    itav_db *db = open_store(STORE_MEMORY);
    fixture(db);
    asking(db, "a1", "trial-haarlem");
    supporting(db, "s1", "trial-haarlem");
    static const struct { const char *members, *message; } bad[] = {
        {HEAD "\"state\": \"introduced\", \"trail\": [{\"state\": \"introduced\", "
              "\"date\": \"2021-03-01\", \"actor\": \"coordinator\"}]",
         "$.matches[0].trail[0].state: the trail starts with \"proposed\", not \"introduced\""},
        {HEAD "\"state\": \"active\", \"trail\": [" PROPOSED ", {\"state\": \"active\", "
              "\"date\": \"2021-03-02\", \"actor\": \"coordinator\"}]",
         "$.matches[0].trail[1].state: \"active\" cannot follow \"proposed\""},
        {HEAD "\"state\": \"introduced\", \"trail\": [" PROPOSED ", {\"state\": "
              "\"introduced\", \"date\": \"2021-02-28\", \"actor\": \"coordinator\"}]",
         "$.matches[0].trail[1].date: before the date of the entry before it"},
        {HEAD "\"state\": \"active\", \"trail\": [" PROPOSED "]",
         "$.matches[0].state: \"active\" is not the state of the last move (\"proposed\")"},
        {HEAD "\"state\": \"declined\", \"trail\": [" PROPOSED ", {\"state\": \"declined\", "
              "\"date\": \"2021-03-02\", \"actor\": \"asking\"}]",
         "$.matches[0].reason: a declined or ended_early match needs a reason"},
        {HEAD "\"state\": \"proposed\", \"reason\": \"moved\", \"trail\": [" PROPOSED "]",
         "$.matches[0].reason: only a declined or ended_early match has a reason"},
        {HEAD "\"state\": \"proposed\", \"reason\": \"bored\", \"trail\": [" PROPOSED "]",
         "$.matches[0].reason: unknown value \"bored\""},
        {HEAD "\"state\": \"proposed\", \"score\": 1.5, \"trail\": [" PROPOSED "]",
         "$.matches[0].score: expected a number from 0 to 1"},
        {HEAD "\"state\": \"proposed\", \"trail\": []",
         "$.matches[0].trail: expected a non-empty array of moves"},
        {HEAD "\"state\": \"proposed\", \"trail\": [{\"state\": \"proposed\", "
              "\"date\": \"2021-03-01\"}]",
         "$.matches[0].trail[0]: required member \"actor\" is missing"},
        {HEAD "\"state\": \"proposed\", \"trail\": [{\"state\": \"proposed\", "
              "\"date\": \"1 maart\", \"actor\": \"coordinator\"}]",
         "$.matches[0].trail[0].date: \"1 maart\" is not a date"},
        {HEAD "\"state\": \"proposed\", \"trail\": [" PROPOSED "], \"colour\": \"red\"",
         "$.matches[0].colour: unknown member \"colour\""},
        {"\"id\": \"m-1\", \"offer\": \"trial-haarlem\", \"asking\": \"a1\", "
         "\"supporting\": \"a1\", \"state\": \"proposed\", \"trail\": [" PROPOSED "]",
         "$.matches[0].supporting: the same participant as \"asking\""},
        {"\"id\": \"m-1\", \"offer\": \"trial-haarlem\", \"asking\": \"a 1\", "
         "\"supporting\": \"s1\", \"state\": \"proposed\", \"trail\": [" PROPOSED "]",
         "$.matches[0].asking: \"a 1\" is not a valid participant reference"},
        {"\"id\": \"m-1\", \"offer\": \"trial-haarlem\", \"asking\": \"a1\", "
         "\"supporting\": \"s1\", \"previous\": \"M 1\", \"state\": \"proposed\", "
         "\"trail\": [" PROPOSED "]",
         "$.matches[0].previous: \"M 1\" is not a valid id"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_msg(import_match(db, bad[i].members) == ITAV_EFORMAT, "case %zu imported", i);
        ck_assert_msg(strstr(itav_errmsg(db), bad[i].message), "case %zu: \"%s\" lacks \"%s\"",
                      i, itav_errmsg(db), bad[i].message);
    }
    ck_assert_uint_eq(count_matches(db, NULL), 0);

    /* a good one comes back exactly as written (after the earlier match it follows) */
    ck_assert_int_eq(import_match(db, "\"id\": \"m-00000043\", \"offer\": \"trial-haarlem\", "
                                      "\"asking\": \"a1\", \"supporting\": \"s1\", \"previous\": "
                                      "\"m-00000007\", \"state\": \"proposed\", \"trail\": ["
                                      PROPOSED "]"), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "$.matches[0].previous: no match "
                                                  "\"m-00000007\" in the file or the store"));
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "$.matches[0]: an open match needs both "
                                                  "participants in the file"));
    ck_assert_int_eq(import_match(db, "\"id\": \"m-00000007\", \"offer\": \"trial-haarlem\", "
                                      "\"asking\": \"a1\", \"supporting\": \"s1\", \"state\": "
                                      "\"completed\", \"trail\": [" PROPOSED ", {\"state\": "
                                      "\"introduced\", \"date\": \"2021-03-01\", \"actor\": "
                                      "\"asking\"}, {\"state\": \"active\", \"date\": "
                                      "\"2021-03-01\", \"actor\": \"coordinator\"}, {\"state\": "
                                      "\"completed\", \"date\": \"2021-03-01\", \"actor\": "
                                      "\"coordinator\"}]"), ITAV_OK);
    ck_assert_msg(import_match(db, HEAD "\"state\": \"ended_early\", \"score\": 0.25, "
                                        "\"previous\": \"m-00000007\", \"reason\": "
                                        "\"moved\", \"trail\": [" PROPOSED ", "
                                        "{\"state\": \"introduced\", \"date\": "
                                        "\"2021-03-01\", \"actor\": \"asking\", \"note\": "
                                        "\"klik\"}, {\"state\": \"trial\", \"date\": "
                                        "\"2021-03-05\", \"actor\": \"supporting\"}, "
                                        "{\"state\": \"ended_early\", \"date\": "
                                        "\"2021-04-01\", \"actor\": \"system\"}]") ==
                      ITAV_OK,
                  "%s", itav_errmsg(db));
    itav_match *m = get(db, "m-00000042");
    ck_assert(itav_match_score(m) == 0.25);
    ck_assert_str_eq(itav_match_previous(m), "m-00000007");
    ck_assert_int_eq(itav_match_reason(m), ITAV_END_MOVED);
    ck_assert_int_eq(itav_match_start(m), D("2021-03-05"));
    check_entry(m, 1, ITAV_MATCH_INTRODUCED, "2021-03-01", ITAV_ACTOR_ASKING, "klik");
    check_entry(m, 3, ITAV_MATCH_ENDED_EARLY, "2021-04-01", ITAV_ACTOR_SYSTEM, NULL);
    char *json;
    ck_assert_int_eq(itav_match_to_json(&json, m), ITAV_OK);
    ck_assert_str_eq(json,
                     "{\n  \"id\": \"m-00000042\",\n  \"offer\": \"trial-haarlem\",\n"
                     "  \"asking\": \"a1\",\n  \"supporting\": \"s1\",\n"
                     "  \"state\": \"ended_early\",\n  \"score\": 0.25,\n"
                     "  \"previous\": \"m-00000007\",\n  \"reason\": \"moved\",\n"
                     "  \"trail\": [\n"
                     "    {\n      \"state\": \"proposed\",\n      \"date\": \"2021-03-01\",\n"
                     "      \"actor\": \"coordinator\"\n    },\n"
                     "    {\n      \"state\": \"introduced\",\n      \"date\": \"2021-03-01\",\n"
                     "      \"actor\": \"asking\",\n      \"note\": \"klik\"\n    },\n"
                     "    {\n      \"state\": \"trial\",\n      \"date\": \"2021-03-05\",\n"
                     "      \"actor\": \"supporting\"\n    },\n"
                     "    {\n      \"state\": \"ended_early\",\n      \"date\": \"2021-04-01\",\n"
                     "      \"actor\": \"system\"\n    }\n  ]\n}\n");
    itav_free(json);
    itav_match_free(m);
    /* a match proposed after an import skips the ids the import took */
    supporting(db, "s2", "trial-haarlem");
    ck_assert_int_eq(import_match(db, "\"id\": \"m-00000001\", \"offer\": \"trial-haarlem\", "
                                      "\"asking\": \"a1\", \"supporting\": \"s2\", "
                                      "\"state\": \"declined\", \"reason\": \"no_click\", "
                                      "\"trail\": [" PROPOSED ", {\"state\": \"declined\", "
                                      "\"date\": \"2021-03-02\", \"actor\": \"asking\"}]"),
                     ITAV_OK);
    char *id = propose(db, "a1", "s1", "2021-05-01", NULL);
    ck_assert_str_eq(id, "m-00000002");
    itav_free(id);
    close_store(db);
}
END_TEST

/* ---- what falls due ---- */

typedef struct expected_due {
    const char *match;
    itav_due_kind kind;
    const char *date;
    int overdue;
} expected_due;

static void check_due(itav_db *db, const char *offer, const char *as_of, int within,
                      const expected_due *want, size_t n)
{
    itav_due_iter *it;
    itav_due *d;
    size_t i = 0;
    ck_assert_msg(itav_match_due(&it, db, offer, D(as_of), within) == ITAV_OK, "%s",
                  itav_errmsg(db));
    while (itav_due_iter_next(&d, it) == ITAV_OK) {
        ck_assert_msg(i < n, "more items than expected: %s %s", itav_due_match(d),
                      itav_code_name(ITAV_CODE_DUE_KIND, itav_due_get_kind(d)));
        ck_assert_str_eq(itav_due_match(d), want[i].match);
        ck_assert_int_eq(itav_due_get_kind(d), want[i].kind);
        ck_assert_int_eq(itav_due_date(d), D(want[i].date));
        ck_assert_int_eq(itav_due_overdue_days(d), want[i].overdue);
        ck_assert_int_eq(itav_due_overdue_days(d), D(as_of) - D(want[i].date));
        itav_due_free(d);
        i++;
    }
    ck_assert_uint_eq(i, n);
    itav_due_iter_free(it);
}

#define BG "buurtgezinnen-zuid-kennemerland"

/* A match of a fresh pair in the Buurtgezinnen offer, moved through the given states on the
 * given dates (proposed and introduced a few days before the first). */
static char *bg_match(itav_db *db, int n, const char *trial, const char *active)
{
    char a[16], s[16];
    snprintf(a, sizeof a, "bg-a%03d", n);
    snprintf(s, sizeof s, "bg-s%03d", n);
    asking(db, a, BG);
    person(db, s, BG, "support_family", "\"vog_date\": \"2019-01-01\"");
    char *id = propose(db, a, s, "2019-01-02", NULL);
    advance(db, id, ITAV_MATCH_INTRODUCED, "2019-01-03", 0);
    if (trial)
        advance(db, id, ITAV_MATCH_TRIAL, trial, 0);
    if (active)
        advance(db, id, ITAV_MATCH_ACTIVE, active, 0);
    return id;
}

START_TEST(due_dates_from_the_plan)
{
    itav_db *db = open_store(_i);
    ck_assert_msg(itav_catalog_load(db) == ITAV_OK, "%s", itav_errmsg(db));
    itav_plan *plan;
    ck_assert_int_eq(itav_plan_effective(&plan, db, BG), ITAV_OK);
    /* seed 002: a trial of two months, then a review every six; at most two years */
    ck_assert_int_eq(itav_plan_get(plan, ITAV_PLAN_TRIAL_MONTHS), 2);
    ck_assert_int_eq(itav_plan_get(plan, ITAV_PLAN_REVIEW_MONTHS), 6);
    ck_assert_int_eq(itav_plan_get(plan, ITAV_PLAN_MAX_MONTHS), 24);
    itav_plan_free(plan);
    fixture(db);

    /* trial from 31 December: the evaluation falls on the last day of February */
    char *m1 = bg_match(db, 1, "2020-12-31", NULL);
    /* trial 15 January, active 15 March: review 15 September, closure 15 January 2023 */
    char *m2 = bg_match(db, 2, "2021-01-15", "2021-03-15");
    /* active from 31 August 2019: the review lands on 29 February 2020 (a leap year) */
    char *m3 = bg_match(db, 3, "2019-06-30", "2019-08-31");
    /* the same trial start as m1: the same date, ordered by id */
    char *m4 = bg_match(db, 4, "2020-12-31", NULL);
    /* not started, or closed: nothing falls due */
    char *m5 = bg_match(db, 5, NULL, NULL);
    char *m6 = bg_match(db, 6, "2020-12-01", NULL);
    advance(db, m6, ITAV_MATCH_ENDED_EARLY, "2021-01-05", ITAV_END_MOVED);
    /* another offer whose plan sets review and closure but no trial months */
    asking(db, "d1", "direct-haarlem");
    supporting(db, "ds1", "direct-haarlem");
    char *d1 = propose(db, "d1", "ds1", "2020-09-01", NULL);
    advance(db, d1, ITAV_MATCH_INTRODUCED, "2020-09-02", 0);
    advance(db, d1, ITAV_MATCH_ACTIVE, "2020-09-03", 0);

    expected_due due_now[] = {
        {m3, ITAV_DUE_REVIEW, "2020-02-29", 366},
        {m1, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 1},
        {m4, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 1},
    };
    check_due(db, BG, "2021-03-01", 0, due_now, 3);
    /* due on the day itself counts, with 0 days overdue */
    expected_due on_the_day[] = {
        {m3, ITAV_DUE_REVIEW, "2020-02-29", 365},
        {m1, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 0},
        {m4, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 0},
    };
    check_due(db, BG, "2021-02-28", 0, on_the_day, 3);
    expected_due soon[] = {
        {m3, ITAV_DUE_REVIEW, "2020-02-29", 366},
        {m1, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 1},
        {m4, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 1},
        {m3, ITAV_DUE_CLOSURE, "2021-06-30", -121},
        /* the plan wants a final review at every closure (002:L125) */
        {m3, ITAV_DUE_FINAL_REVIEW, "2021-06-30", -121},
    };
    check_due(db, BG, "2021-03-01", 121, soon, 5);
    check_due(db, BG, "2021-03-01", 120, soon, 3);
    expected_due later[] = {
        {m3, ITAV_DUE_REVIEW, "2020-02-29", 366},
        {m1, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 1},
        {m4, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 1},
        {m3, ITAV_DUE_CLOSURE, "2021-06-30", -121},
        {m3, ITAV_DUE_FINAL_REVIEW, "2021-06-30", -121},
        {m2, ITAV_DUE_REVIEW, "2021-09-15", -198},
        {m2, ITAV_DUE_CLOSURE, "2023-01-15", -685},
        {m2, ITAV_DUE_FINAL_REVIEW, "2023-01-15", -685},
    };
    check_due(db, BG, "2021-03-01", 685, later, 8);
    /* every offer: the other offer's review (3 March 2021) and closure (3 September 2022,
     * 24 months after the start, which was the day it became active) join in */
    expected_due all[] = {
        {m3, ITAV_DUE_REVIEW, "2020-02-29", 366},
        {m1, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 1},
        {m4, ITAV_DUE_TRIAL_EVALUATION, "2021-02-28", 1},
        {d1, ITAV_DUE_REVIEW, "2021-03-03", -2},
        {m3, ITAV_DUE_CLOSURE, "2021-06-30", -121},
        {m3, ITAV_DUE_FINAL_REVIEW, "2021-06-30", -121},
        {m2, ITAV_DUE_REVIEW, "2021-09-15", -198},
        {d1, ITAV_DUE_CLOSURE, "2022-09-03", -551},
    };
    check_due(db, NULL, "2021-03-01", 600, all, 8);
    check_due(db, "direct-haarlem", "2021-03-01", 0, NULL, 0);
    check_due(db, "nowhere", "2021-03-01", 10000, NULL, 0);

    itav_due_iter *it;
    REFUSED(db, itav_match_due(&it, db, NULL, D("2021-03-01"), -1), ITAV_EINVAL, "within_days");
    REFUSED(db, itav_match_due(&it, db, NULL, ITAV_DATE_NONE, 0), ITAV_EINVAL, "as-of date");
    REFUSED(db, itav_match_due(NULL, db, NULL, D("2021-03-01"), 0), ITAV_EINVAL, "iterator");
    itav_free(m1);
    itav_free(m2);
    itav_free(m3);
    itav_free(m4);
    itav_free(m5);
    itav_free(m6);
    itav_free(d1);
    close_store(db);
}
END_TEST

/* ---- erasure ---- */

static const char *const secrets[] = {"erase-me-017", "Erasmusdorp", "9431", "unicycling",
                                      "note-secret-alpha", "note-secret-beta"};
#define NSECRETS (sizeof secrets / sizeof *secrets)

/* "erase-me-017" with personal data, a completed match with a note, an open one with a note,
 * and another participant who excludes it. */
static void erasure_fixture(itav_db *db, char **closed, char **open)
{
    fixture(db);
    person(db, "erase-me-017", "trial-haarlem", "family",
           "\"municipality\": \"Erasmusdorp\", \"postcode\": \"9431\", "
           "\"interests\": [\"unicycling\"], \"children\": [48]");
    supporting(db, "s1", "trial-haarlem");
    supporting(db, "s2", "trial-haarlem");
    person(db, "s3", "trial-haarlem", "support_family",
           "\"exclusions\": [\"x-7\", \"erase-me-017\"]");
    *closed = propose(db, "erase-me-017", "s1", "2021-01-04", "note-secret-alpha");
    advance(db, *closed, ITAV_MATCH_INTRODUCED, "2021-01-10", 0);
    advance(db, *closed, ITAV_MATCH_TRIAL, "2021-01-11", 0);
    advance(db, *closed, ITAV_MATCH_ACTIVE, "2021-03-11", 0);
    advance(db, *closed, ITAV_MATCH_COMPLETED, "2023-01-11", 0);
    ck_assert_int_eq(itav_participant_set_status(db, "erase-me-017", ITAV_PSTATUS_WAITING,
                                                 D("2023-02-01")),
                     ITAV_OK);
    *open = propose(db, "erase-me-017", "s2", "2023-02-02", NULL);
    ck_assert_int_eq(itav_match_advance(db, *open, ITAV_MATCH_INTRODUCED, D("2023-02-03"),
                                        ITAV_ACTOR_SUPPORTING, 0, "note-secret-beta"),
                     ITAV_OK);
    ck_assert_int_eq(itav_match_advance(db, *open, ITAV_MATCH_TRIAL, D("2023-02-04"),
                                        ITAV_ACTOR_COORDINATOR, 0, NULL),
                     ITAV_OK);
}

static int32_t today(void) { return (int32_t)(time(NULL) / 86400); }

/* Checks everything erasure promises about the records. */
static void check_erased(itav_db *db, const char *new_ref, const char *closed, const char *open)
{
    itav_participant *p;
    itav_match *m;
    ck_assert_str_eq(new_ref, "~erased-1");
    REFUSED(db, itav_participant_get(&p, db, "erase-me-017"), ITAV_ENOTFOUND, "erase-me-017");
    ck_assert_int_eq(itav_participant_get(&p, db, new_ref), ITAV_OK);
    ck_assert_str_eq(itav_participant_ref(p), new_ref);
    ck_assert_str_eq(itav_participant_offer(p), "trial-haarlem");
    ck_assert_int_eq(itav_participant_get_kind(p), ITAV_PARTICIPANT_FAMILY);
    ck_assert_int_eq(itav_participant_get_status(p), ITAV_PSTATUS_ERASED);
    ck_assert_ptr_null(itav_participant_municipality(p));
    ck_assert_uint_eq(itav_participant_interest_count(p), 0);
    ck_assert_uint_eq(itav_participant_child_count(p), 0);
    ck_assert_int_eq(itav_participant_registered(p), ITAV_DATE_NONE);
    char *json;
    ck_assert_int_eq(itav_participant_to_json(&json, p), ITAV_OK);
    ck_assert_ptr_null(strstr(json, "9431"));
    itav_free(json);
    itav_participant_free(p);

    /* the completed match stays, renamed, without notes */
    m = get(db, closed);
    ck_assert_str_eq(itav_match_asking(m), new_ref);
    ck_assert_str_eq(itav_match_supporting(m), "s1");
    ck_assert_int_eq(itav_match_get_state(m), ITAV_MATCH_COMPLETED);
    ck_assert_uint_eq(itav_match_transition_count(m), 5);
    check_entry(m, 0, ITAV_MATCH_PROPOSED, "2021-01-04", ITAV_ACTOR_COORDINATOR, NULL);
    itav_match_free(m);
    /* the open match was ended early, on today's date (later than its last move) */
    m = get(db, open);
    ck_assert_str_eq(itav_match_asking(m), new_ref);
    ck_assert_int_eq(itav_match_get_state(m), ITAV_MATCH_ENDED_EARLY);
    ck_assert_int_eq(itav_match_reason(m), ITAV_END_OTHER);
    ck_assert_str_eq(itav_match_previous(m), closed);
    ck_assert_uint_eq(itav_match_transition_count(m), 4);
    check_entry(m, 1, ITAV_MATCH_INTRODUCED, "2023-02-03", ITAV_ACTOR_SUPPORTING, NULL);
    itav_match_state s;
    int32_t d;
    itav_actor a;
    const char *note;
    ck_assert_int_eq(itav_match_transition(m, 3, &s, &d, &a, &note), ITAV_OK);
    ck_assert_int_eq(s, ITAV_MATCH_ENDED_EARLY);
    ck_assert_int_eq(a, ITAV_ACTOR_SYSTEM);
    ck_assert_ptr_null(note);
    ck_assert_msg(d == today() || d == today() - 1, "ended on %d, today is %d", d, today());
    itav_match_free(m);
    check_status(db, "s2", ITAV_PSTATUS_AVAILABLE, NULL);

    /* the other participant no longer names the erased one */
    ck_assert_int_eq(itav_participant_get(&p, db, "s3"), ITAV_OK);
    ck_assert_uint_eq(itav_participant_exclusion_count(p), 1);
    ck_assert_str_eq(itav_participant_exclusion(p, 0), "x-7");
    itav_participant_free(p);

    /* counts stay right */
    ck_assert_uint_eq(count_matches(db, "trial-haarlem"), 2);
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    char ids[64];
    f.participant = new_ref;
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "m-00000001 m-00000002");

    char *again = (char *)"untouched";
    REFUSED(db, itav_participant_erase(db, new_ref, &again), ITAV_ESTATE, "already erased");
    ck_assert_ptr_null(again);
    REFUSED(db, itav_participant_erase(db, "erase-me-017", NULL), ITAV_ENOTFOUND,
            "no participant \"erase-me-017\"");
    REFUSED(db, itav_participant_erase(db, NULL, NULL), ITAV_EINVAL, "no participant");
}

START_TEST(erasure_on_every_store)
{
    itav_db *db = open_store(_i);
    char *closed, *open, *new_ref;
    erasure_fixture(db, &closed, &open);
    ck_assert_msg(itav_participant_erase(db, "erase-me-017", &new_ref) == ITAV_OK, "%s",
                  itav_errmsg(db));
    check_erased(db, new_ref, closed, open);
    /* the erased reference is not reused; a match not yet started ends as declined */
    asking(db, "a9", "trial-haarlem");
    char *m = propose(db, "a9", "s1", "2023-03-01", "a note");
    char *second;
    ck_assert_int_eq(itav_participant_erase(db, "a9", &second), ITAV_OK);
    ck_assert_str_eq(second, "~erased-2");
    ck_assert_int_eq(state_of(db, m), ITAV_MATCH_DECLINED);
    check_status(db, "s1", ITAV_PSTATUS_AVAILABLE, NULL);
    itav_free(second);
    itav_free(m);
    /* a match whose last move is later than today ends on that day: no date goes back */
    asking(db, "a8", "trial-haarlem");
    supporting(db, "s8", "trial-haarlem");
    m = propose(db, "a8", "s8", "2099-01-01", NULL);
    ck_assert_int_eq(itav_participant_erase(db, "a8", &second), ITAV_OK);
    itav_match *ended = get(db, m);
    check_entry(ended, 1, ITAV_MATCH_DECLINED, "2099-01-01", ITAV_ACTOR_SYSTEM, NULL);
    itav_match_free(ended);
    check_status(db, second, ITAV_PSTATUS_ERASED, "2099-01-01");
    check_status(db, "s8", ITAV_PSTATUS_AVAILABLE, "2099-01-01");
    itav_free(second);
    itav_free(m);
    itav_free(new_ref);
    itav_free(closed);
    itav_free(open);
    close_store(db);
}
END_TEST

/* Whether a file holds the bytes of s (a missing file holds nothing). */
static bool file_holds(const char *path, const char *s)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n == cap)
            ck_assert_ptr_nonnull(buf = realloc(buf, cap = cap ? cap * 2 : 65536));
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    bool found = memmem(buf, n, s, strlen(s)) != NULL;
    free(buf);
    return found;
}

START_TEST(erased_values_leave_the_sqlite_files)
{
    char dir[] = "/tmp/itav-erase-XXXXXX", path[64], wal[80], uri[80];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/store.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    char *closed, *open, *new_ref;
    erasure_fixture(db, &closed, &open);
    /* the values are in the files before: the search below can find them */
    for (size_t i = 0; i < NSECRETS; i++)
        ck_assert_msg(file_holds(path, secrets[i]) || file_holds(wal, secrets[i]),
                      "\"%s\" not found before erasure", secrets[i]);
    ck_assert_msg(itav_participant_erase(db, "erase-me-017", &new_ref) == ITAV_OK, "%s",
                  itav_errmsg(db));
    for (size_t i = 0; i < NSECRETS; i++) {
        ck_assert_msg(!file_holds(path, secrets[i]), "\"%s\" is still in %s", secrets[i], path);
        ck_assert_msg(!file_holds(wal, secrets[i]), "\"%s\" is still in %s", secrets[i], wal);
    }
    check_erased(db, new_ref, closed, open);
    itav_close(db);
    /* and after closing and opening again */
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    ck_assert_uint_eq(count_matches(db, "trial-haarlem"), 2);
    itav_close(db);
    for (size_t i = 0; i < NSECRETS; i++)
        ck_assert_msg(!file_holds(path, secrets[i]), "\"%s\" is in %s", secrets[i], path);
    itav_free(new_ref);
    itav_free(closed);
    itav_free(open);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A reader on another connection keeps the write-ahead log from being truncated: the erasure
 * stands, the caller hears that the purge failed, and the next erasure purges. */
START_TEST(a_busy_purge_is_reported)
{
    char dir[] = "/tmp/itav-erase-XXXXXX", path[64], wal[80], uri[80];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/store.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    char *closed, *open, *new_ref;
    erasure_fixture(db, &closed, &open);
    asking(db, "a9", "trial-haarlem");

    sqlite3 *reader;
    ck_assert_int_eq(sqlite3_open(path, &reader), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM records;", NULL, NULL,
                                  NULL),
                     SQLITE_OK);
    ck_assert_int_eq(itav_participant_erase(db, "erase-me-017", &new_ref), ITAV_EBUSY);
    assert_msg(db, "\"erase-me-017\" was erased as \"~erased-1\", but leftover copies could "
                   "not be purged");
    ck_assert_str_eq(new_ref, "~erased-1");
    check_erased(db, new_ref, closed, open);
    ck_assert_int_eq(sqlite3_exec(reader, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_close(reader), SQLITE_OK);

    char *second;
    ck_assert_msg(itav_participant_erase(db, "a9", &second) == ITAV_OK, "%s", itav_errmsg(db));
    for (size_t i = 0; i < NSECRETS; i++) {
        ck_assert_msg(!file_holds(path, secrets[i]), "\"%s\" is still in %s", secrets[i], path);
        ck_assert_msg(!file_holds(wal, secrets[i]), "\"%s\" is still in %s", secrets[i], wal);
    }
    itav_close(db);
    itav_free(second);
    itav_free(new_ref);
    itav_free(closed);
    itav_free(open);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* ---- all or nothing ---- */

/* Runs op against a test backend that fails its n-th write, for n = 0, 1, ... until op
 * succeeds: every failing run must leave the store exactly as it was. */
static void all_or_nothing(void (*setup)(itav_db *), int (*op)(itav_db *))
{
    for (int writes = 0;; writes++) {
        itav_backend *be = test_backend_new();
        itav_db *db;
        ck_assert_int_eq(itav_open_backend(&db, be), ITAV_OK);
        setup(db);
        char *before = snapshot(db);
        test_backend_fail_after(be, writes);
        int rc = op(db);
        test_backend_fail_after(be, -1);
        char *after = snapshot(db);
        if (rc == ITAV_OK) {
            ck_assert_str_ne(before, after);
            ck_assert_int_gt(writes, 1); /* the operation writes several records */
        } else {
            ck_assert_int_eq(rc, ITAV_EIO);
            ck_assert_str_eq(before, after);
        }
        free(before);
        free(after);
        itav_close(db);
        if (rc == ITAV_OK)
            break;
        ck_assert_int_lt(writes, 100);
    }
}

static void pair_setup(itav_db *db)
{
    fixture(db);
    person(db, "a1", "trial-haarlem", "family", "\"municipality\": \"Haarlem\"");
    supporting(db, "s1", "trial-haarlem");
}

static void proposed_setup(itav_db *db)
{
    pair_setup(db);
    itav_free(propose(db, "a1", "s1", "2021-03-01", "a note"));
}

static void erase_setup(itav_db *db)
{
    char *closed, *open;
    erasure_fixture(db, &closed, &open);
    itav_free(closed);
    itav_free(open);
}

static int propose_op(itav_db *db)
{
    return itav_match_propose(NULL, db, "a1", "s1", D("2021-03-01"), ITAV_ACTOR_COORDINATOR,
                              NULL, NULL);
}

static int decline_op(itav_db *db)
{
    return itav_match_advance(db, "m-00000001", ITAV_MATCH_DECLINED, D("2021-03-02"),
                              ITAV_ACTOR_ASKING, ITAV_END_NO_CLICK, NULL);
}

static int erase_op(itav_db *db) { return itav_participant_erase(db, "erase-me-017", NULL); }

/* ---- the lifecycle as coordinators live it ---- */

/* A match of a fresh pair of `offer`, proposed, introduced and in trial from 2021-04-01. */
static char *in_trial(itav_db *db, const char *offer, int n)
{
    char a[16], s[16];
    snprintf(a, sizeof a, "ta%d", n);
    snprintf(s, sizeof s, "ts%d", n);
    asking(db, a, offer);
    supporting(db, s, offer);
    char *id = propose(db, a, s, "2021-03-01", NULL);
    advance(db, id, ITAV_MATCH_INTRODUCED, "2021-03-15", 0);
    advance(db, id, ITAV_MATCH_TRIAL, "2021-04-01", 0);
    return id;
}

/* Seed 002 line 77: after the trial period comes an evaluation. A plan with a trial refuses
 * trial -> active until a trial review is recorded, unless the coordinator skips it with a
 * note, which the trail keeps. */
START_TEST(trial_needs_its_evaluation)
{
    itav_db *db = open_store(_i);
    fixture(db);
    char *m1 = in_trial(db, "trial-haarlem", 1);
    REFUSED(db, itav_match_advance(db, m1, ITAV_MATCH_ACTIVE, D("2021-06-01"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "has no trial review");
    ck_assert_int_eq(state_of(db, m1), ITAV_MATCH_TRIAL);
    /* once a trial review is recorded, the match goes on */
    trial_review(db, m1, "2021-06-01");
    ck_assert_int_eq(itav_match_advance(db, m1, ITAV_MATCH_ACTIVE, D("2021-06-01"),
                                        ITAV_ACTOR_COORDINATOR, 0, NULL),
                     ITAV_OK);

    /* skipping needs a note that says something, and a match in trial */
    char *m2 = in_trial(db, "trial-haarlem", 2);
    REFUSED(db, itav_match_skip_evaluation(db, m2, D("2021-06-01"), ITAV_ACTOR_COORDINATOR, NULL),
            ITAV_EINVAL, "needs a note");
    REFUSED(db, itav_match_skip_evaluation(db, m2, D("2021-06-01"), ITAV_ACTOR_COORDINATOR,
                                           " \n"),
            ITAV_EINVAL, "needs a note");
    REFUSED(db, itav_match_skip_evaluation(db, m1, D("2021-06-02"), ITAV_ACTOR_COORDINATOR,
                                           "why not"),
            ITAV_ESTATE, "is active; only a match in trial");
    REFUSED(db, itav_match_skip_evaluation(db, m2, D("2021-03-31"), ITAV_ACTOR_COORDINATOR,
                                           "why not"),
            ITAV_EINVAL, "before the last move");
    REFUSED(db, itav_match_skip_evaluation(db, "m-99", D("2021-06-01"), ITAV_ACTOR_COORDINATOR,
                                           "why not"),
            ITAV_ENOTFOUND, "m-99");
    ck_assert_int_eq(state_of(db, m2), ITAV_MATCH_TRIAL);
    ck_assert_msg(itav_match_skip_evaluation(db, m2, D("2021-06-03"), ITAV_ACTOR_COORDINATOR,
                                             "evaluated by phone; the form follows") == ITAV_OK,
                  "%s", itav_errmsg(db));
    itav_match *m = get(db, m2);
    ck_assert_int_eq(itav_match_get_state(m), ITAV_MATCH_ACTIVE);
    check_entry(m, 3, ITAV_MATCH_ACTIVE, "2021-06-03", ITAV_ACTOR_COORDINATOR,
                "trial evaluation skipped: evaluated by phone; the form follows");
    itav_match_free(m);

    /* a plan that does not say whether there is a trial asks for no evaluation */
    char *m3 = in_trial(db, "plain-haarlem", 3);
    ck_assert_int_eq(itav_match_advance(db, m3, ITAV_MATCH_ACTIVE, D("2021-06-01"),
                                        ITAV_ACTOR_COORDINATOR, 0, NULL),
                     ITAV_OK);
    itav_free(m1);
    itav_free(m2);
    itav_free(m3);
    close_store(db);
}
END_TEST

/* An offer "vog-haarlem" whose plan requires a certificate of conduct that counts `months`. */
static void vog_programme(itav_db *db, long months)
{
    itav_intervention *iv;
    itav_offer *of;
    itav_plan *plan;
    ck_assert_int_eq(itav_intervention_new(&iv, "vog"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "vog"), ITAV_OK);
    ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_VOG, 1), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_VOG_VALID_MONTHS, months), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_plan(iv, plan), ITAV_OK);
    itav_plan_free(plan);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
    ck_assert_int_eq(itav_offer_new(&of, "vog-haarlem", "vog"), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

typedef struct expected_vog {
    const char *ref, *date;
} expected_vog;

static void check_vog_due(itav_db *db, const char *offer, const char *as_of, int within,
                          const expected_vog *want, size_t n)
{
    itav_due_iter *it;
    itav_due *d;
    size_t i = 0;
    ck_assert_msg(itav_participant_due(&it, db, offer, D(as_of), within) == ITAV_OK, "%s",
                  itav_errmsg(db));
    while (itav_due_iter_next(&d, it) == ITAV_OK) {
        ck_assert_msg(i < n, "more items than expected: %s", itav_due_participant(d));
        ck_assert_str_eq(itav_due_participant(d), want[i].ref);
        ck_assert_ptr_null(itav_due_match(d));
        ck_assert_int_eq(itav_due_get_kind(d), ITAV_DUE_VOG_EXPIRY);
        ck_assert_int_eq(itav_due_date(d), D(want[i].date));
        ck_assert_int_eq(itav_due_overdue_days(d), D(as_of) - D(want[i].date));
        itav_due_free(d);
        i++;
    }
    ck_assert_uint_eq(i, n);
    itav_due_iter_free(it);
}

/* Certificates that expire: listed from the plan's validity, and from the day one stops
 * counting the supporter is excluded with that reason. */
START_TEST(certificates_that_expire)
{
    itav_db *db = open_store(_i);
    fixture(db);
    vog_programme(db, 36);
    asking(db, "va", "vog-haarlem");
    person(db, "v-old", "vog-haarlem", "support_family", "\"vog_date\": \"2018-05-31\"");
    person(db, "v-new", "vog-haarlem", "support_family", "\"vog_date\": \"2020-01-15\"");
    person(db, "v-edge", "vog-haarlem", "support_family", "\"vog_date\": \"2018-06-30\"");
    person(db, "v-none", "vog-haarlem", "support_family", NULL); /* missing: not due */
    person(db, "v-gone", "vog-haarlem", "support_family", "\"vog_date\": \"2017-01-01\"");
    ck_assert_int_eq(itav_participant_set_status(db, "v-gone", ITAV_PSTATUS_INACTIVE,
                                                 D("2020-01-01")),
                     ITAV_OK);
    /* the trial offer's plan requires no certificate: nothing due there */
    person(db, "t-old", "trial-haarlem", "support_family", "\"vog_date\": \"2010-01-01\"");

    /* 36 months from 31 May 2018 is 31 May 2021, the last day it counts */
    const expected_vog expired[] = {{"v-old", "2021-06-01"}};
    check_vog_due(db, NULL, "2021-06-15", 0, expired, 1);
    const expected_vog soon[] = {{"v-old", "2021-06-01"}, {"v-edge", "2021-07-01"}};
    check_vog_due(db, "vog-haarlem", "2021-06-15", 16, soon, 2);
    check_vog_due(db, "vog-haarlem", "2021-06-15", 15, expired, 1);
    check_vog_due(db, "trial-haarlem", "2030-01-01", 0, NULL, 0);
    check_vog_due(db, "vog-haarlem", "2021-05-31", 0, NULL, 0);
    itav_due_iter *it;
    REFUSED(db, itav_participant_due(&it, db, NULL, D("2021-06-15"), -1), ITAV_EINVAL,
            "within_days");
    REFUSED(db, itav_participant_due(NULL, db, NULL, D("2021-06-15"), 0), ITAV_EINVAL,
            "no place");

    /* scored on the day before and the day it expires */
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    itav_suggestion *sg;
    o.as_of = D("2021-05-31");
    ck_assert_int_eq(itav_match_score_pair(&sg, db, "va", "v-old", &o), ITAV_OK);
    ck_assert_int_eq(itav_suggestion_excluded(sg), ITAV_CONSTRAINT_NONE);
    itav_suggestion_free(sg);
    o.as_of = D("2021-06-01");
    ck_assert_int_eq(itav_match_score_pair(&sg, db, "va", "v-old", &o), ITAV_OK);
    ck_assert_int_eq(itav_suggestion_excluded(sg), ITAV_CONSTRAINT_VOG_EXPIRED);
    itav_suggestion_free(sg);
    ck_assert_int_eq(itav_match_score_pair(&sg, db, "va", "v-none", &o), ITAV_OK);
    ck_assert_int_eq(itav_suggestion_excluded(sg), ITAV_CONSTRAINT_SCREENING);
    itav_suggestion_free(sg);
    ck_assert_str_eq(itav_code_name(ITAV_CODE_CONSTRAINT, ITAV_CONSTRAINT_VOG_EXPIRED),
                     "vog_expired");
    ck_assert_str_eq(itav_code_name(ITAV_CODE_DUE_KIND, ITAV_DUE_VOG_EXPIRY), "vog_expiry");
    /* a proposal on that date is refused with the reason */
    char *id = NULL;
    REFUSED(db, itav_match_propose(&id, db, "va", "v-old", D("2021-06-01"),
                                   ITAV_ACTOR_COORDINATOR, NULL, NULL),
            ITAV_ESTATE, "certificate of conduct expired");
    close_store(db);
}
END_TEST

/* Erasure on a given date reports the open matches it closed. */
START_TEST(erasure_reports_what_it_did)
{
    itav_db *db = open_store(_i);
    char *closed, *open;
    erasure_fixture(db, &closed, &open);
    itav_erasure *e = (itav_erasure *)1;
    /* a date before the open match's last move (2023-02-04) or the status date is refused,
     * and nothing changes */
    REFUSED(db, itav_participant_erase_at(db, "erase-me-017", D("2023-02-03"), &e), ITAV_EINVAL,
            "before the last move of open match \"m-00000002\" on 2023-02-04");
    ck_assert_ptr_null(e);
    REFUSED(db, itav_participant_erase_at(db, "erase-me-017", D("2023-01-31"), &e), ITAV_EINVAL,
            "before the status date 2023-02-02");
    REFUSED(db, itav_participant_erase_at(db, "erase-me-017", 9999999, &e), ITAV_EINVAL,
            "1900-9999");
    ck_assert_int_eq(state_of(db, open), ITAV_MATCH_TRIAL);
    check_status(db, "erase-me-017", ITAV_PSTATUS_MATCHED, "2023-02-02");

    ck_assert_msg(itav_participant_erase_at(db, "erase-me-017", D("2023-03-01"), &e) == ITAV_OK,
                  "%s", itav_errmsg(db));
    ck_assert_str_eq(itav_erasure_ref(e), "~erased-1");
    ck_assert_int_eq(itav_erasure_date(e), D("2023-03-01"));
    ck_assert_uint_eq(itav_erasure_closed_count(e), 1);
    int state = 0;
    ck_assert_str_eq(itav_erasure_closed(e, 0, &state), open);
    ck_assert_int_eq(state, ITAV_MATCH_ENDED_EARLY);
    ck_assert_ptr_null(itav_erasure_closed(e, 1, &state));
    itav_erasure_free(e);
    itav_match *m = get(db, open);
    check_entry(m, 3, ITAV_MATCH_ENDED_EARLY, "2023-03-01", ITAV_ACTOR_SYSTEM, NULL);
    itav_match_free(m);
    check_status(db, "~erased-1", ITAV_PSTATUS_ERASED, "2023-03-01");
    check_status(db, "s2", ITAV_PSTATUS_AVAILABLE, "2023-03-01");

    /* nothing open: an empty list; no report asked for: fine */
    asking(db, "a7", "trial-haarlem");
    ck_assert_int_eq(itav_participant_erase_at(db, "a7", ITAV_DATE_NONE, &e), ITAV_OK);
    ck_assert_uint_eq(itav_erasure_closed_count(e), 0);
    ck_assert_str_eq(itav_erasure_ref(e), "~erased-2");
    itav_erasure_free(e);
    asking(db, "a6", "trial-haarlem");
    ck_assert_int_eq(itav_participant_erase_at(db, "a6", D("2024-01-01"), NULL), ITAV_OK);
    ck_assert_ptr_null(itav_erasure_ref(NULL));
    ck_assert_uint_eq(itav_erasure_closed_count(NULL), 0);
    ck_assert_ptr_null(itav_erasure_closed(NULL, 0, NULL));
    ck_assert_int_eq(itav_erasure_date(NULL), ITAV_DATE_NONE);
    itav_erasure_free(NULL);
    itav_free(closed);
    itav_free(open);
    close_store(db);
}
END_TEST

START_TEST(failures_leave_nothing_half_done)
{
    all_or_nothing(pair_setup, propose_op);
    all_or_nothing(proposed_setup, decline_op);
    all_or_nothing(erase_setup, erase_op);
}
END_TEST

/* ---- proposals nobody acted on ---- */

/* An intervention "prop" whose plan lets a proposal wait `days` days, offer "prop-haarlem". */
static void proposal_programme(itav_db *db, long days)
{
    itav_intervention *iv;
    itav_offer *of;
    itav_plan *plan;
    ck_assert_int_eq(itav_intervention_new(&iv, "prop"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "prop"), ITAV_OK);
    ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL, 0), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_PROPOSAL_DAYS, days), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_plan(iv, plan), ITAV_OK);
    itav_plan_free(plan);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
    ck_assert_int_eq(itav_offer_new(&of, "prop-haarlem", "prop"), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

/* A proposal of day D with proposal_days N falls due on D + N, not before; a proposal that
 * was introduced or declined never does; 0 on the offer overrides the intervention. */
START_TEST(proposals_fall_due)
{
    itav_db *db = open_store(_i);
    itav_due_iter *it;
    itav_due *d;
    itav_plan *plan;
    itav_offer *of;
    proposal_programme(db, 14);
    for (int i = 1; i <= 3; i++) {
        char a[8], s[8];
        snprintf(a, sizeof a, "pa%d", i);
        snprintf(s, sizeof s, "ps%d", i);
        asking(db, a, "prop-haarlem");
        supporting(db, s, "prop-haarlem");
    }
    char *waiting = propose(db, "pa1", "ps1", "2021-03-01", NULL);
    char *introduced = propose(db, "pa2", "ps2", "2021-03-01", NULL);
    char *declined = propose(db, "pa3", "ps3", "2021-03-01", NULL);
    advance(db, introduced, ITAV_MATCH_INTRODUCED, "2021-03-05", 0);
    advance(db, declined, ITAV_MATCH_DECLINED, "2021-03-02", ITAV_END_NO_CLICK);

    check_due(db, "prop-haarlem", "2021-03-14", 0, NULL, 0); /* day 13: not yet */
    expected_due ahead[] = {{waiting, ITAV_DUE_PROPOSAL, "2021-03-15", -1}};
    check_due(db, "prop-haarlem", "2021-03-14", 1, ahead, 1);
    expected_due on_time[] = {{waiting, ITAV_DUE_PROPOSAL, "2021-03-15", 0}};
    check_due(db, "prop-haarlem", "2021-03-15", 0, on_time, 1);
    expected_due late[] = {{waiting, ITAV_DUE_PROPOSAL, "2021-03-15", 20}};
    check_due(db, NULL, "2021-04-04", 0, late, 1);
    /* how long it waited: from the day of the proposal */
    ck_assert_int_eq(itav_match_due(&it, db, NULL, D("2021-04-04"), 0), ITAV_OK);
    ck_assert_int_eq(itav_due_iter_next(&d, it), ITAV_OK);
    ck_assert_int_eq(itav_due_since(d), D("2021-03-01"));
    ck_assert_int_eq(D("2021-04-04") - itav_due_since(d), 34);
    itav_due_free(d);
    itav_due_iter_free(it);
    ck_assert_int_eq(itav_due_since(NULL), ITAV_DATE_NONE);

    /* the offer says 0: never, whatever the intervention says */
    ck_assert_int_eq(itav_offer_get(&of, db, "prop-haarlem"), ITAV_OK);
    ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_PROPOSAL_DAYS, 0), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_plan(of, plan), ITAV_OK);
    ck_assert_msg(itav_offer_update(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_plan_free(plan);
    itav_offer_free(of);
    ck_assert_int_eq(itav_plan_effective(&plan, db, "prop-haarlem"), ITAV_OK);
    ck_assert_int_eq(itav_plan_get(plan, ITAV_PLAN_PROPOSAL_DAYS), 0);
    itav_plan_free(plan);
    check_due(db, NULL, "2021-04-04", 0, NULL, 0);
    /* once introduced, the proposal is acted on */
    ck_assert_int_eq(itav_offer_get(&of, db, "prop-haarlem"), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_plan(of, NULL), ITAV_OK);
    ck_assert_msg(itav_offer_update(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
    check_due(db, NULL, "2021-04-04", 0, late, 1);
    advance(db, waiting, ITAV_MATCH_INTRODUCED, "2021-04-04", 0);
    check_due(db, NULL, "2021-04-04", 0, NULL, 0);
    itav_free(waiting);
    itav_free(introduced);
    itav_free(declined);
    close_store(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("match");
    TCase *tc = tcase_create("object");
    tcase_add_test(tc, legal_moves_table);
    tcase_add_test(tc, null_arguments);
    suite_add_tcase(s, tc);
    TCase *ts = tcase_create("store");
    tcase_set_timeout(ts, 60); /* a busy purge waits out the store's busy timeout (5 s) */
    tcase_add_loop_test(ts, full_lifecycle_and_trail, 0, STORE_COUNT);
    tcase_add_loop_test(ts, illegal_moves_list_the_legal_ones, 0, STORE_COUNT);
    tcase_add_loop_test(ts, trial_skipped_only_without_a_trial, 0, STORE_COUNT);
    tcase_add_loop_test(ts, dates_never_go_back, 0, STORE_COUNT);
    tcase_add_loop_test(ts, reasons_required_and_refused, 0, STORE_COUNT);
    tcase_add_loop_test(ts, bad_proposals_change_nothing, 0, STORE_COUNT);
    tcase_add_loop_test(ts, capacity_is_freed_when_a_match_ends, 0, STORE_COUNT);
    tcase_add_loop_test(ts, declined_pairs_are_never_proposed_again, 0, STORE_COUNT);
    tcase_add_loop_test(ts, asking_again_links_the_earlier_match, 0, STORE_COUNT);
    tcase_add_loop_test(ts, list_filters_and_order, 0, STORE_COUNT);
    tcase_add_loop_test(ts, due_dates_from_the_plan, 0, STORE_COUNT);
    tcase_add_loop_test(ts, erasure_on_every_store, 0, STORE_COUNT);
    tcase_add_loop_test(ts, trial_needs_its_evaluation, 0, STORE_COUNT);
    tcase_add_loop_test(ts, certificates_that_expire, 0, STORE_COUNT);
    tcase_add_loop_test(ts, erasure_reports_what_it_did, 0, STORE_COUNT);
    tcase_add_loop_test(ts, proposals_fall_due, 0, STORE_COUNT);
    tcase_add_test(ts, json_record_rules);
    tcase_add_test(ts, erased_values_leave_the_sqlite_files);
    tcase_add_test(ts, a_busy_purge_is_reported);
    tcase_add_test(ts, failures_leave_nothing_half_done);
    suite_add_tcase(s, ts);
    return run_suite(s);
}
