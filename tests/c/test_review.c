/* Reviews: the object and its scales, storing by the rules of the match's state, listing,
 * the due query and completion they move, erasure, and the JSON dataset round trip and its
 * refusals. The store tests run on every store. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- fixture ---- */

/* An intervention with a Buurtgezinnen-like plan (seed 002:L77-79: a trial of two months,
 * reviews every six, at most two years) and the offer "<id>-haarlem". final_review sets the
 * plan field; max_months 0 leaves the maximum unset. */
static void programme(itav_db *db, const char *id, int final_review, long max_months)
{
    itav_intervention *iv;
    itav_offer *of;
    itav_plan *plan;
    char offer[80];
    ck_assert_int_eq(itav_intervention_new(&iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, id), ITAV_OK);
    ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL, 1), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL_MONTHS, 2), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_REVIEW_MONTHS, 6), ITAV_OK);
    if (max_months)
        ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_MAX_MONTHS, max_months), ITAV_OK);
    if (final_review)
        ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_FINAL_REVIEW, 1), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_plan(iv, plan), ITAV_OK);
    itav_plan_free(plan);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
    snprintf(offer, sizeof offer, "%s-haarlem", id);
    ck_assert_int_eq(itav_offer_new(&of, offer, id), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

static void person(itav_db *db, const char *ref, const char *offer, bool asking)
{
    char json[512];
    itav_participant *p;
    snprintf(json, sizeof json,
             "{\"ref\": \"%s\", \"offer\": \"%s\", \"kind\": \"%s\", \"status\": \"%s\", "
             "\"registered\": \"2019-01-01\"}",
             ref, offer, asking ? "family" : "support_family", asking ? "waiting" : "available");
    ck_assert_msg(itav_participant_from_json(&p, db, json) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
}

/* A pair "a<n>"/"s<n>" in the offer, proposed on `date`: returns the match id (owned). */
static char *pair(itav_db *db, int n, const char *offer, const char *date)
{
    char a[16], s[16], *id = NULL;
    snprintf(a, sizeof a, "a%d", n);
    snprintf(s, sizeof s, "s%d", n);
    person(db, a, offer, true);
    person(db, s, offer, false);
    int rc = itav_match_propose(&id, db, a, s, D(date), ITAV_ACTOR_COORDINATOR, NULL, NULL);
    ck_assert_msg(rc == ITAV_OK, "propose %s and %s: %s", a, s, itav_errmsg(db));
    return id;
}

/* Whether the match is in trial: these fixtures take trial -> active without evaluating the
 * trial (itav_match_skip_evaluation; a plan with a trial refuses it otherwise). */
static bool in_trial(itav_db *db, const char *id)
{
    itav_match *m;
    bool trial = itav_match_get(&m, db, id) == ITAV_OK &&
                 itav_match_get_state(m) == ITAV_MATCH_TRIAL;
    itav_match_free(m);
    return trial;
}

static void advance(itav_db *db, const char *id, itav_match_state state, const char *date)
{
    itav_end_reason reason = state == ITAV_MATCH_DECLINED || state == ITAV_MATCH_ENDED_EARLY
                                 ? ITAV_END_OTHER
                                 : 0;
    int rc = state == ITAV_MATCH_ACTIVE && in_trial(db, id)
                 ? itav_match_skip_evaluation(db, id, D(date), ITAV_ACTOR_COORDINATOR,
                                              "not evaluated in this fixture")
                 : itav_match_advance(db, id, state, D(date), ITAV_ACTOR_COORDINATOR, reason,
                                      NULL);
    ck_assert_msg(rc == ITAV_OK, "advance %s: %s", id, itav_errmsg(db));
}

/* A match taken from proposal (2021-01-04) through introduction (01-11) into trial
 * (2021-02-01), and on to active (2021-04-10) when `active`. */
static char *started(itav_db *db, int n, const char *offer, bool active)
{
    char *id = pair(db, n, offer, "2021-01-04");
    advance(db, id, ITAV_MATCH_INTRODUCED, "2021-01-11");
    advance(db, id, ITAV_MATCH_TRIAL, "2021-02-01");
    if (active)
        advance(db, id, ITAV_MATCH_ACTIVE, "2021-04-10");
    return id;
}

static itav_review *review(itav_review_kind kind, const char *date, itav_respondent who)
{
    itav_review *r = NULL;
    ck_assert_int_eq(itav_review_new(&r, kind, D(date), who), ITAV_OK);
    return r;
}

/* Stores a review without further fields; returns its id (owned). */
static char *add(itav_db *db, const char *match, itav_review_kind kind, const char *date,
                 itav_respondent who)
{
    char *id = NULL;
    itav_review *r = review(kind, date, who);
    int rc = itav_review_add(&id, db, match, r);
    ck_assert_msg(rc == ITAV_OK, "review of %s: %s", match, itav_errmsg(db));
    itav_review_free(r);
    return id;
}

/* A call that must fail with code and a message containing part, and change nothing. */
#define REFUSED(db, call, code, part)                                                      \
    do {                                                                                   \
        char *before_ = export_text(db);                                                   \
        int rc_ = (call);                                                                  \
        ck_assert_msg(rc_ == (code), "%s gave %d (%s), expected %d", #call, rc_,           \
                      itav_errmsg(db), (int)(code));                                       \
        assert_msg(db, part);                                                              \
        char *after_ = export_text(db);                                                    \
        ck_assert_str_eq(before_, after_);                                                 \
        itav_free(before_);                                                                \
        itav_free(after_);                                                                 \
    } while (0)

/* The ids of a listing, joined by spaces. */
static void list_ids(char *buf, size_t size, itav_db *db, const char *match, const char *offer)
{
    itav_review_iter *it;
    itav_review *r;
    buf[0] = '\0';
    ck_assert_msg(itav_review_list(&it, db, match, offer) == ITAV_OK, "%s", itav_errmsg(db));
    while (itav_review_iter_next(&r, it) == ITAV_OK) {
        if (buf[0])
            strncat(buf, " ", size - strlen(buf) - 1);
        strncat(buf, itav_review_id(r), size - strlen(buf) - 1);
        itav_review_free(r);
    }
    itav_review_iter_free(it);
}

/* ---- the object ---- */

START_TEST(new_review_defaults_and_scales)
{
    itav_review *r = review(ITAV_REVIEW_PERIODIC, "2021-10-01", ITAV_RESPONDENT_ASKING);
    ck_assert_ptr_null(itav_review_id(r));
    ck_assert_ptr_null(itav_review_match(r));
    ck_assert_int_eq(itav_review_get_kind(r), ITAV_REVIEW_PERIODIC);
    ck_assert_int_eq(itav_review_date(r), D("2021-10-01"));
    ck_assert_int_eq(itav_review_respondent(r), ITAV_RESPONDENT_ASKING);
    ck_assert_int_eq(itav_review_satisfaction(r), 0);
    ck_assert_int_eq(itav_review_safety_concern(r), 0);
    ck_assert_ptr_null(itav_review_safety_note(r));
    ck_assert_int_eq(itav_review_formal_help(r), 0);
    ck_assert_ptr_null(itav_review_note(r));
    for (int e = 1; e <= ITAV_EFFECT_COUNT; e++)
        ck_assert_int_eq(itav_review_effect(r, (itav_effect)e), ITAV_EFFECT_UNKNOWN);

    /* Satisfaction is a mark from 1 to 10; 0 clears it. */
    ck_assert_int_eq(itav_review_set_satisfaction(r, 11), ITAV_ERANGE);
    ck_assert_int_eq(itav_review_set_satisfaction(r, -1), ITAV_ERANGE);
    ck_assert_int_eq(itav_review_satisfaction(r), 0);
    ck_assert_int_eq(itav_review_set_satisfaction(r, 10), ITAV_OK);
    ck_assert_int_eq(itav_review_satisfaction(r), 10);
    ck_assert_int_eq(itav_review_set_satisfaction(r, 0), ITAV_OK);
    ck_assert_int_eq(itav_review_satisfaction(r), 0);

    /* Effects: -2 to +2 or unknown, in twelve categories. */
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_REST, 3), ITAV_ERANGE);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_REST, -3), ITAV_ERANGE);
    ck_assert_int_eq(itav_review_effect(r, ITAV_EFFECT_REST), ITAV_EFFECT_UNKNOWN);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_REST, -2), ITAV_OK);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_TAKING_PART, 2), ITAV_OK);
    ck_assert_int_eq(itav_review_effect(r, ITAV_EFFECT_REST), -2);
    ck_assert_int_eq(itav_review_effect(r, ITAV_EFFECT_TAKING_PART), 2);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_REST, ITAV_EFFECT_UNKNOWN), ITAV_OK);
    ck_assert_int_eq(itav_review_effect(r, ITAV_EFFECT_REST), ITAV_EFFECT_UNKNOWN);
    ck_assert_int_eq(itav_review_set_effect(r, (itav_effect)0, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_set_effect(r, (itav_effect)13, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_effect(r, (itav_effect)13), ITAV_EFFECT_UNKNOWN);

    /* A safety note goes only with a concern; clearing the concern clears the note. */
    ck_assert_int_eq(itav_review_set_safety(r, 0, "a note"), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_set_safety(r, 2, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_set_safety(r, 1, "\xff\xfe"), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_safety_concern(r), 0);
    ck_assert_int_eq(itav_review_set_safety(r, 1, "shouting at night"), ITAV_OK);
    ck_assert_int_eq(itav_review_safety_concern(r), 1);
    ck_assert_str_eq(itav_review_safety_note(r), "shouting at night");
    ck_assert_int_eq(itav_review_set_safety(r, 0, NULL), ITAV_OK);
    ck_assert_int_eq(itav_review_safety_concern(r), 0);
    ck_assert_ptr_null(itav_review_safety_note(r));

    ck_assert_int_eq(itav_review_set_formal_help(r, (itav_formal_help)7), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_set_formal_help(r, ITAV_HELP_REDUCED), ITAV_OK);
    ck_assert_int_eq(itav_review_formal_help(r), ITAV_HELP_REDUCED);
    ck_assert_int_eq(itav_review_set_formal_help(r, (itav_formal_help)0), ITAV_OK);
    ck_assert_int_eq(itav_review_formal_help(r), 0);

    ck_assert_int_eq(itav_review_set_note(r, "\xc3"), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_set_note(r, "goes well"), ITAV_OK);
    ck_assert_str_eq(itav_review_note(r), "goes well");
    ck_assert_int_eq(itav_review_set_note(r, ""), ITAV_OK);
    ck_assert_ptr_null(itav_review_note(r));
    itav_review_free(r);
}
END_TEST

START_TEST(bad_construction_and_null_arguments)
{
    itav_review *r = NULL;
    ck_assert_int_eq(itav_review_new(NULL, ITAV_REVIEW_TRIAL, D("2021-01-01"),
                                     ITAV_RESPONDENT_ASKING), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_new(&r, (itav_review_kind)0, D("2021-01-01"),
                                     ITAV_RESPONDENT_ASKING), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_new(&r, (itav_review_kind)4, D("2021-01-01"),
                                     ITAV_RESPONDENT_ASKING), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_new(&r, ITAV_REVIEW_TRIAL, D("2021-01-01"),
                                     (itav_respondent)4), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_new(&r, ITAV_REVIEW_TRIAL, ITAV_DATE_NONE,
                                     ITAV_RESPONDENT_ASKING), ITAV_EINVAL);
    ck_assert_ptr_null(r);

    ck_assert_int_eq(itav_review_set_satisfaction(NULL, 5), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_set_safety(NULL, 0, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_set_effect(NULL, ITAV_EFFECT_REST, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_set_formal_help(NULL, ITAV_HELP_STOPPED), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_set_note(NULL, "x"), ITAV_EINVAL);
    ck_assert_ptr_null(itav_review_id(NULL));
    ck_assert_ptr_null(itav_review_match(NULL));
    ck_assert_int_eq(itav_review_get_kind(NULL), 0);
    ck_assert_int_eq(itav_review_date(NULL), ITAV_DATE_NONE);
    ck_assert_int_eq(itav_review_respondent(NULL), 0);
    ck_assert_int_eq(itav_review_satisfaction(NULL), 0);
    ck_assert_int_eq(itav_review_safety_concern(NULL), 0);
    ck_assert_ptr_null(itav_review_safety_note(NULL));
    ck_assert_int_eq(itav_review_effect(NULL, ITAV_EFFECT_REST), ITAV_EFFECT_UNKNOWN);
    ck_assert_int_eq(itav_review_formal_help(NULL), 0);
    ck_assert_ptr_null(itav_review_note(NULL));
    itav_review_free(NULL);
    itav_review_iter_free(NULL);
    ck_assert_int_eq(itav_review_iter_next(&r, NULL), ITAV_EINVAL);

    itav_db *db;
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    r = review(ITAV_REVIEW_TRIAL, "2021-01-01", ITAV_RESPONDENT_ASKING);
    ck_assert_int_eq(itav_review_add(NULL, NULL, "m-00000001", r), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_add(NULL, db, NULL, r), ITAV_EINVAL);
    assert_msg(db, "no match id");
    ck_assert_int_eq(itav_review_add(NULL, db, "m-00000001", NULL), ITAV_EINVAL);
    assert_msg(db, "no review");
    ck_assert_int_eq(itav_review_get(&r, db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_get(NULL, db, "r-00000001"), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_list(NULL, db, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_review_list(NULL, NULL, NULL, NULL), ITAV_EINVAL);
    itav_review_free(r);
    itav_close(db);
}
END_TEST

/* ---- storing, reading, listing ---- */

START_TEST(add_get_and_list)
{
    char ids[256], *id = NULL;
    itav_db *db = open_store(_i);
    programme(db, "bg", 0, 24);
    char *m1 = started(db, 1, "bg-haarlem", false);
    char *m2 = started(db, 2, "bg-haarlem", true);

    itav_review *r = review(ITAV_REVIEW_TRIAL, "2021-04-01", ITAV_RESPONDENT_ASKING);
    ck_assert_int_eq(itav_review_set_satisfaction(r, 8), ITAV_OK);
    ck_assert_int_eq(itav_review_set_safety(r, 1, "a worry"), ITAV_OK);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_CAREFREE_CHILDHOOD, 2), ITAV_OK);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_REST, -1), ITAV_OK);
    ck_assert_int_eq(itav_review_set_formal_help(r, ITAV_HELP_PREVENTED), ITAV_OK);
    ck_assert_int_eq(itav_review_set_note(r, "the children like it"), ITAV_OK);
    ck_assert_msg(itav_review_add(&id, db, m1, r) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_str_eq(id, "r-00000001");
    ck_assert_ptr_null(itav_review_id(r)); /* the caller's review is not changed */
    ck_assert_ptr_null(itav_review_match(r));
    itav_review_free(r);

    ck_assert_msg(itav_review_get(&r, db, id) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_str_eq(itav_review_id(r), "r-00000001");
    ck_assert_str_eq(itav_review_match(r), m1);
    ck_assert_int_eq(itav_review_get_kind(r), ITAV_REVIEW_TRIAL);
    ck_assert_int_eq(itav_review_date(r), D("2021-04-01"));
    ck_assert_int_eq(itav_review_respondent(r), ITAV_RESPONDENT_ASKING);
    ck_assert_int_eq(itav_review_satisfaction(r), 8);
    ck_assert_int_eq(itav_review_safety_concern(r), 1);
    ck_assert_str_eq(itav_review_safety_note(r), "a worry");
    ck_assert_int_eq(itav_review_effect(r, ITAV_EFFECT_CAREFREE_CHILDHOOD), 2);
    ck_assert_int_eq(itav_review_effect(r, ITAV_EFFECT_REST), -1);
    ck_assert_int_eq(itav_review_effect(r, ITAV_EFFECT_NETWORK), ITAV_EFFECT_UNKNOWN);
    ck_assert_int_eq(itav_review_formal_help(r), ITAV_HELP_PREVENTED);
    ck_assert_str_eq(itav_review_note(r), "the children like it");

    itav_review_free(r);
    itav_free(id);

    /* Later dates listed first regardless of the order of adding; ties go by id. */
    itav_free(add(db, m2, ITAV_REVIEW_PERIODIC, "2022-04-01", ITAV_RESPONDENT_COORDINATOR));
    itav_free(add(db, m2, ITAV_REVIEW_PERIODIC, "2021-10-01", ITAV_RESPONDENT_SUPPORTING));
    itav_free(add(db, m1, ITAV_REVIEW_TRIAL, "2021-04-01", ITAV_RESPONDENT_SUPPORTING));
    itav_free(add(db, m2, ITAV_REVIEW_FINAL, "2021-10-01", ITAV_RESPONDENT_ASKING));
    list_ids(ids, sizeof ids, db, NULL, NULL);
    ck_assert_str_eq(ids, "r-00000001 r-00000004 r-00000003 r-00000005 r-00000002");
    list_ids(ids, sizeof ids, db, m1, NULL);
    ck_assert_str_eq(ids, "r-00000001 r-00000004");
    list_ids(ids, sizeof ids, db, m2, "bg-haarlem");
    ck_assert_str_eq(ids, "r-00000003 r-00000005 r-00000002");
    list_ids(ids, sizeof ids, db, NULL, "bg-haarlem");
    ck_assert_str_eq(ids, "r-00000001 r-00000004 r-00000003 r-00000005 r-00000002");
    list_ids(ids, sizeof ids, db, m2, "other-offer");
    ck_assert_str_eq(ids, "");
    list_ids(ids, sizeof ids, db, "m-99999999", NULL);
    ck_assert_str_eq(ids, "");

    ck_assert_int_eq(itav_review_get(&r, db, "r-99999999"), ITAV_ENOTFOUND);
    assert_msg(db, "no review \"r-99999999\"");
    itav_free(m1);
    itav_free(m2);
    close_store(db);
}
END_TEST

START_TEST(state_and_date_rules)
{
    itav_db *db = open_store(_i);
    programme(db, "bg", 0, 24);
    char *proposed = pair(db, 1, "bg-haarlem", "2021-01-04");
    char *introduced = pair(db, 2, "bg-haarlem", "2021-01-04");
    advance(db, introduced, ITAV_MATCH_INTRODUCED, "2021-01-11");
    char *declined = pair(db, 3, "bg-haarlem", "2021-01-04");
    advance(db, declined, ITAV_MATCH_DECLINED, "2021-01-05");
    char *trial = started(db, 4, "bg-haarlem", false);
    char *active = started(db, 5, "bg-haarlem", true);
    char *completed = started(db, 6, "bg-haarlem", true);
    advance(db, completed, ITAV_MATCH_COMPLETED, "2023-01-15");
    char *ended = started(db, 7, "bg-haarlem", false);
    advance(db, ended, ITAV_MATCH_ENDED_EARLY, "2021-03-01");

    itav_review *tr = review(ITAV_REVIEW_TRIAL, "2023-06-01", ITAV_RESPONDENT_ASKING);
    itav_review *pr = review(ITAV_REVIEW_PERIODIC, "2023-06-01", ITAV_RESPONDENT_ASKING);
    itav_review *fr = review(ITAV_REVIEW_FINAL, "2023-06-01", ITAV_RESPONDENT_ASKING);
    char *id = NULL;

    REFUSED(db, itav_review_add(&id, db, "m-99999999", tr), ITAV_ENOTFOUND,
            "no match \"m-99999999\"");
    ck_assert_ptr_null(id);
    /* Not yet started, or never started: no review at all. */
    REFUSED(db, itav_review_add(&id, db, proposed, tr), ITAV_ESTATE, "is proposed; a trial "
            "review is only taken by a match that is trial");
    REFUSED(db, itav_review_add(&id, db, proposed, fr), ITAV_ESTATE,
            "is proposed; a final review is only taken by a match that is active, completed or "
            "ended_early");
    REFUSED(db, itav_review_add(&id, db, introduced, pr), ITAV_ESTATE, "is introduced");
    REFUSED(db, itav_review_add(&id, db, declined, fr), ITAV_ESTATE, "is declined");
    REFUSED(db, itav_review_add(&id, db, declined, tr), ITAV_ESTATE, declined);
    /* In trial only the trial review; active takes periodic and final, not trial. */
    REFUSED(db, itav_review_add(&id, db, trial, pr), ITAV_ESTATE,
            "is trial; a periodic review is only taken by a match that is active");
    REFUSED(db, itav_review_add(&id, db, trial, fr), ITAV_ESTATE, "is trial");
    REFUSED(db, itav_review_add(&id, db, active, tr), ITAV_ESTATE, "is active; a trial");
    /* Closed: only the final review. */
    REFUSED(db, itav_review_add(&id, db, completed, pr), ITAV_ESTATE, "is completed");
    REFUSED(db, itav_review_add(&id, db, ended, pr), ITAV_ESTATE, "is ended_early");
    REFUSED(db, itav_review_add(&id, db, ended, tr), ITAV_ESTATE, "is ended_early");
    ck_assert_ptr_null(id);
    itav_free(add(db, trial, ITAV_REVIEW_TRIAL, "2021-02-01", ITAV_RESPONDENT_ASKING));
    itav_free(add(db, active, ITAV_REVIEW_PERIODIC, "2021-04-10", ITAV_RESPONDENT_ASKING));
    itav_free(add(db, active, ITAV_REVIEW_FINAL, "2021-04-10", ITAV_RESPONDENT_ASKING));
    itav_free(add(db, completed, ITAV_REVIEW_FINAL, "2023-01-15", ITAV_RESPONDENT_SUPPORTING));
    itav_free(add(db, ended, ITAV_REVIEW_FINAL, "2021-03-01", ITAV_RESPONDENT_COORDINATOR));

    /* Not before the last move. */
    itav_review *early = review(ITAV_REVIEW_TRIAL, "2021-01-31", ITAV_RESPONDENT_SUPPORTING);
    REFUSED(db, itav_review_add(&id, db, trial, early), ITAV_ERANGE,
            "the date 2021-01-31 is before the match's last move on 2021-02-01");
    itav_review_free(early);
    early = review(ITAV_REVIEW_FINAL, "2023-01-14", ITAV_RESPONDENT_ASKING);
    REFUSED(db, itav_review_add(&id, db, completed, early), ITAV_ERANGE, "2023-01-15");
    itav_review_free(early);

    /* One trial review per respondent: the other sides may still give theirs. */
    REFUSED(db, itav_review_add(&id, db, trial, tr), ITAV_ESTATE,
            "already has a trial review by the asking side (\"r-00000001\")");
    itav_review *again = NULL;
    ck_assert_int_eq(itav_review_get(&again, db, "r-00000001"), ITAV_OK);
    REFUSED(db, itav_review_add(&id, db, trial, again), ITAV_ESTATE, "once per respondent");
    itav_review_free(again);
    itav_free(add(db, trial, ITAV_REVIEW_TRIAL, "2021-04-01", ITAV_RESPONDENT_SUPPORTING));
    itav_free(add(db, trial, ITAV_REVIEW_TRIAL, "2021-04-01", ITAV_RESPONDENT_COORDINATOR));
    ck_assert_ptr_null(id);

    itav_review_free(tr);
    itav_review_free(pr);
    itav_review_free(fr);
    itav_free(proposed);
    itav_free(introduced);
    itav_free(declined);
    itav_free(trial);
    itav_free(active);
    itav_free(completed);
    itav_free(ended);
    close_store(db);
}
END_TEST

/* ---- the due query and completion ---- */

/* The due items of a query, as "match kind date" lines. */
static void due_list(char *buf, size_t size, itav_db *db, const char *offer, const char *as_of,
                     int within)
{
    itav_due_iter *it;
    itav_due *d;
    char date[ITAV_DATE_BUFSIZE], line[128];
    buf[0] = '\0';
    ck_assert_msg(itav_match_due(&it, db, offer, D(as_of), within) == ITAV_OK, "%s",
                  itav_errmsg(db));
    while (itav_due_iter_next(&d, it) == ITAV_OK) {
        ck_assert_int_eq(itav_date_format(date, sizeof date, itav_due_date(d)), ITAV_OK);
        snprintf(line, sizeof line, "%s%s %s %s", buf[0] ? "\n" : "", itav_due_match(d),
                 itav_code_name(ITAV_CODE_DUE_KIND, itav_due_get_kind(d)), date);
        strncat(buf, line, size - strlen(buf) - 1);
        itav_due_free(d);
    }
    itav_due_iter_free(it);
}

START_TEST(reviews_move_the_due_query)
{
    char due[1024];
    itav_db *db = open_store(_i);
    programme(db, "bg", 0, 24);
    char *m = started(db, 1, "bg-haarlem", false);

    /* The trial evaluation falls due two months into the trial, until a trial review. */
    due_list(due, sizeof due, db, NULL, "2021-04-05", 0);
    ck_assert_str_eq(due, "m-00000001 trial_evaluation 2021-04-01");
    itav_free(add(db, m, ITAV_REVIEW_TRIAL, "2021-04-03", ITAV_RESPONDENT_COORDINATOR));
    due_list(due, sizeof due, db, NULL, "2021-04-05", 0);
    ck_assert_str_eq(due, "");

    /* Active: the first periodic review six months after it became active ... */
    advance(db, m, ITAV_MATCH_ACTIVE, "2021-04-10");
    due_list(due, sizeof due, db, "bg-haarlem", "2021-10-10", 0);
    ck_assert_str_eq(due, "m-00000001 review 2021-10-10");
    /* ... then six months after the latest periodic review, whatever the order of adding. */
    itav_free(add(db, m, ITAV_REVIEW_PERIODIC, "2021-10-05", ITAV_RESPONDENT_ASKING));
    itav_free(add(db, m, ITAV_REVIEW_PERIODIC, "2021-09-01", ITAV_RESPONDENT_SUPPORTING));
    due_list(due, sizeof due, db, "bg-haarlem", "2021-10-10", 0);
    ck_assert_str_eq(due, "");
    due_list(due, sizeof due, db, NULL, "2022-04-05", 0);
    ck_assert_str_eq(due, "m-00000001 review 2022-04-05");
    /* A final review is not a periodic one, and this plan does not ask for one. */
    itav_free(add(db, m, ITAV_REVIEW_FINAL, "2022-05-01", ITAV_RESPONDENT_ASKING));
    due_list(due, sizeof due, db, NULL, "2022-04-05", 400);
    ck_assert_str_eq(due, "m-00000001 review 2022-04-05\nm-00000001 closure 2023-02-01");
    itav_free(m);
    close_store(db);
}
END_TEST

START_TEST(a_plan_can_require_a_final_review)
{
    char due[1024];
    itav_db *db = open_store(_i);
    programme(db, "fr", 1, 24);
    programme(db, "nomax", 1, 0);
    char *m = started(db, 1, "fr-haarlem", true);
    char *other = started(db, 2, "fr-haarlem", true);
    char *open_ended = started(db, 3, "nomax-haarlem", true);

    /* Due at the closure, 24 months after the start of the trial; no maximum, no item. */
    due_list(due, sizeof due, db, NULL, "2023-02-01", 0);
    ck_assert_str_eq(due, "m-00000001 review 2021-10-10\nm-00000002 review 2021-10-10\n"
                          "m-00000003 review 2021-10-10\n"
                          "m-00000001 closure 2023-02-01\nm-00000001 final_review 2023-02-01\n"
                          "m-00000002 closure 2023-02-01\nm-00000002 final_review 2023-02-01");
    /* A final review before the closure settles it; a periodic one does not. */
    itav_free(add(db, m, ITAV_REVIEW_FINAL, "2022-12-01", ITAV_RESPONDENT_COORDINATOR));
    itav_free(add(db, other, ITAV_REVIEW_PERIODIC, "2022-12-01", ITAV_RESPONDENT_ASKING));
    due_list(due, sizeof due, db, "fr-haarlem", "2023-02-01", 0);
    ck_assert_str_eq(due, "m-00000001 review 2021-10-10\n"
                          "m-00000001 closure 2023-02-01\n"
                          "m-00000002 closure 2023-02-01\nm-00000002 final_review 2023-02-01");

    /* Completion waits for the final review. */
    REFUSED(db, itav_match_advance(db, other, ITAV_MATCH_COMPLETED, D("2023-02-01"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "match m-00000002 needs a final review before it can be completed "
                         "(plan of offer fr-haarlem, final_review)");
    REFUSED(db, itav_match_advance(db, open_ended, ITAV_MATCH_COMPLETED, D("2023-02-01"),
                                   ITAV_ACTOR_COORDINATOR, 0, NULL),
            ITAV_ESTATE, "plan of offer nomax-haarlem");
    advance(db, m, ITAV_MATCH_COMPLETED, "2023-02-01");
    itav_free(add(db, other, ITAV_REVIEW_FINAL, "2023-01-20", ITAV_RESPONDENT_SUPPORTING));
    advance(db, other, ITAV_MATCH_COMPLETED, "2023-02-01");
    /* Ending early needs no final review. */
    advance(db, open_ended, ITAV_MATCH_ENDED_EARLY, "2023-02-01");
    due_list(due, sizeof due, db, NULL, "2030-01-01", 0);
    ck_assert_str_eq(due, "");
    itav_free(m);
    itav_free(other);
    itav_free(open_ended);
    close_store(db);
}
END_TEST

/* ---- erasure ---- */

START_TEST(erasure_blanks_the_notes_of_reviews)
{
    itav_db *db = open_store(_i);
    programme(db, "bg", 0, 24);
    char *m1 = started(db, 1, "bg-haarlem", true);
    char *m2 = started(db, 2, "bg-haarlem", true);
    itav_review *r = review(ITAV_REVIEW_PERIODIC, "2021-10-01", ITAV_RESPONDENT_ASKING);
    ck_assert_int_eq(itav_review_set_satisfaction(r, 7), ITAV_OK);
    ck_assert_int_eq(itav_review_set_safety(r, 1, "safety-secret-42"), ITAV_OK);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_NETWORK, 1), ITAV_OK);
    ck_assert_int_eq(itav_review_set_formal_help(r, ITAV_HELP_STOPPED), ITAV_OK);
    ck_assert_int_eq(itav_review_set_note(r, "note-secret-review-41"), ITAV_OK);
    ck_assert_msg(itav_review_add(NULL, db, m1, r) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_review_set_safety(r, 0, NULL), ITAV_OK);
    ck_assert_int_eq(itav_review_set_note(r, "keep-this-note"), ITAV_OK);
    ck_assert_msg(itav_review_add(NULL, db, m2, r) == ITAV_OK, "%s", itav_errmsg(db));
    itav_review_free(r);

    char *text = export_text(db);
    ck_assert_ptr_nonnull(strstr(text, "note-secret-review-41"));
    itav_free(text);
    ck_assert_msg(itav_participant_erase(db, "a1", NULL) == ITAV_OK, "%s", itav_errmsg(db));
    text = export_text(db);
    ck_assert_ptr_null(strstr(text, "note-secret-review-41"));
    ck_assert_ptr_null(strstr(text, "safety-secret-42"));
    ck_assert_ptr_nonnull(strstr(text, "keep-this-note")); /* another family's review */
    itav_free(text);

    /* What counts stays: kind, date, scores, the concern itself, the outcome. */
    ck_assert_int_eq(itav_review_get(&r, db, "r-00000001"), ITAV_OK);
    ck_assert_str_eq(itav_review_match(r), m1);
    ck_assert_int_eq(itav_review_get_kind(r), ITAV_REVIEW_PERIODIC);
    ck_assert_int_eq(itav_review_date(r), D("2021-10-01"));
    ck_assert_int_eq(itav_review_satisfaction(r), 7);
    ck_assert_int_eq(itav_review_safety_concern(r), 1);
    ck_assert_ptr_null(itav_review_safety_note(r));
    ck_assert_int_eq(itav_review_effect(r, ITAV_EFFECT_NETWORK), 1);
    ck_assert_int_eq(itav_review_formal_help(r), ITAV_HELP_STOPPED);
    ck_assert_ptr_null(itav_review_note(r));
    itav_review_free(r);
    itav_free(m1);
    itav_free(m2);
    close_store(db);
}
END_TEST

/* ---- JSON ---- */

/* A store with matches in several states and reviews using every field. */
static void rich_store(itav_db *db)
{
    programme(db, "bg", 0, 24);
    programme(db, "fr", 1, 24);
    char *m1 = started(db, 1, "bg-haarlem", true);
    char *m2 = started(db, 2, "fr-haarlem", false);
    char *m3 = started(db, 3, "bg-haarlem", true);
    itav_review *r = review(ITAV_REVIEW_FINAL, "2022-12-20", ITAV_RESPONDENT_ASKING);
    ck_assert_int_eq(itav_review_set_satisfaction(r, 9), ITAV_OK);
    ck_assert_int_eq(itav_review_set_safety(r, 1, "a worry, \"quoted\"\nand a new line"),
                     ITAV_OK);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_REST, -1), ITAV_OK);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_CAREFREE_CHILDHOOD, 2), ITAV_OK);
    ck_assert_int_eq(itav_review_set_formal_help(r, ITAV_HELP_PREVENTED), ITAV_OK);
    ck_assert_int_eq(itav_review_set_note(r, "Gaat goed. Één gezin."), ITAV_OK);
    ck_assert_msg(itav_review_add(NULL, db, m1, r) == ITAV_OK, "%s", itav_errmsg(db));
    itav_review_free(r);
    itav_free(add(db, m1, ITAV_REVIEW_PERIODIC, "2021-10-01", ITAV_RESPONDENT_SUPPORTING));
    itav_free(add(db, m2, ITAV_REVIEW_TRIAL, "2021-03-30", ITAV_RESPONDENT_COORDINATOR));
    advance(db, m1, ITAV_MATCH_COMPLETED, "2023-01-04");
    advance(db, m3, ITAV_MATCH_ENDED_EARLY, "2021-05-01");
    itav_free(add(db, m3, ITAV_REVIEW_FINAL, "2021-05-02", ITAV_RESPONDENT_COORDINATOR));
    itav_free(m1);
    itav_free(m2);
    itav_free(m3);
}

START_TEST(dataset_round_trip)
{
    itav_db *db = open_store(_i);
    rich_store(db);
    char *first = export_text(db);
    /* Canonical members in order, unset ones left out, effects by code order. */
    ck_assert_ptr_nonnull(strstr(first,
        "      \"id\": \"r-00000001\",\n"
        "      \"match\": \"m-00000001\",\n"
        "      \"offer\": \"bg-haarlem\",\n"
        "      \"kind\": \"final\",\n"
        "      \"date\": \"2022-12-20\",\n"
        "      \"respondent\": \"asking\",\n"
        "      \"satisfaction\": 9,\n"
        "      \"safety_concern\": true,\n"
        "      \"safety_note\": \"a worry, \\\"quoted\\\"\\nand a new line\",\n"
        "      \"effects\": {\n"
        "        \"carefree_childhood\": 2,\n"
        "        \"rest\": -1\n"
        "      },\n"
        "      \"formal_help\": \"prevented\",\n"
        "      \"note\": \"Gaat goed. Één gezin.\"\n"
        "    },\n"));
    ck_assert_ptr_nonnull(strstr(first,
        "      \"id\": \"r-00000002\",\n"
        "      \"match\": \"m-00000001\",\n"
        "      \"offer\": \"bg-haarlem\",\n"
        "      \"kind\": \"periodic\",\n"
        "      \"date\": \"2021-10-01\",\n"
        "      \"respondent\": \"supporting\"\n"
        "    },\n"));

    itav_db *fresh = open_store(_i);
    ck_assert_msg(itav_import_json_string(fresh, first, "first.json") == ITAV_OK, "%s",
                  itav_errmsg(fresh));
    char *second = export_text(fresh);
    ck_assert_str_eq(first, second);

    /* Imported ids stay taken: the next review gets a free one. */
    char *id = add(fresh, "m-00000002", ITAV_REVIEW_TRIAL, "2021-04-01",
                   ITAV_RESPONDENT_ASKING);
    ck_assert_str_eq(id, "r-00000005");
    itav_free(id);
    itav_free(first);
    itav_free(second);
    close_store(fresh);
    close_store(db);
}
END_TEST

/* A dataset with one programme, one pair and two closed matches: m-00000001 went through
 * trial and active to completed, m-00000002 was declined. `reviews` is the reviews array. */
static char *dataset(const char *reviews)
{
    static const char *const head =
        "{\"format\": \"itav/1\","
        " \"interventions\": [{\"id\": \"bg\", \"name\": \"bg\", \"plan\": {\"trial\": true,"
        "   \"trial_months\": 2, \"review_months\": 6, \"max_months\": 24}}],"
        " \"offers\": [{\"id\": \"bg-haarlem\", \"intervention\": \"bg\", \"name\": \"bg\"}],"
        " \"participants\": ["
        "  {\"ref\": \"a1\", \"offer\": \"bg-haarlem\", \"kind\": \"family\","
        "   \"status\": \"waiting\"},"
        "  {\"ref\": \"s1\", \"offer\": \"bg-haarlem\", \"kind\": \"support_family\","
        "   \"status\": \"available\"}],"
        " \"matches\": ["
        "  {\"id\": \"m-00000001\", \"offer\": \"bg-haarlem\", \"asking\": \"a1\","
        "   \"supporting\": \"s1\", \"state\": \"completed\", \"trail\": ["
        "    {\"state\": \"proposed\", \"date\": \"2021-01-04\", \"actor\": \"coordinator\"},"
        "    {\"state\": \"introduced\", \"date\": \"2021-01-11\", \"actor\": \"coordinator\"},"
        "    {\"state\": \"trial\", \"date\": \"2021-02-01\", \"actor\": \"coordinator\"},"
        "    {\"state\": \"active\", \"date\": \"2021-04-10\", \"actor\": \"coordinator\"},"
        "    {\"state\": \"completed\", \"date\": \"2023-01-15\", \"actor\": \"coordinator\"}]},"
        "  {\"id\": \"m-00000002\", \"offer\": \"bg-haarlem\", \"asking\": \"a1\","
        "   \"supporting\": \"s1\", \"state\": \"declined\", \"reason\": \"no_click\", \"trail\": ["
        "    {\"state\": \"proposed\", \"date\": \"2023-03-01\", \"actor\": \"coordinator\"},"
        "    {\"state\": \"declined\", \"date\": \"2023-03-05\", \"actor\": \"asking\"}]}],"
        " \"reviews\": [";
    size_t n = strlen(head) + strlen(reviews) + 4;
    char *text = malloc(n);
    snprintf(text, n, "%s%s]}", head, reviews);
    return text;
}

#define TRIAL_REVIEW(id, match, extra)                                                     \
    "{\"id\": \"" id "\", \"match\": \"" match "\", \"offer\": \"bg-haarlem\", \"kind\": "  \
    "\"trial\", \"date\": \"2021-04-01\", \"respondent\": \"asking\"" extra "}"

/* Importing `reviews` into db must fail with EFORMAT, naming part, and change nothing. */
static void import_refused(itav_db *db, const char *reviews, const char *part)
{
    char *text = dataset(reviews);
    REFUSED(db, itav_import_json_string(db, text, "bad.json"), ITAV_EFORMAT, part);
    assert_msg(db, "nothing was imported");
    free(text);
}

START_TEST(dataset_refusals)
{
    itav_db *db = open_store(_i);
    import_refused(db, TRIAL_REVIEW("r-00000001", "m-00000009", ""),
                   "bad.json: $.reviews[0].match: no match \"m-00000009\" in the file or the "
                   "store");
    import_refused(db, TRIAL_REVIEW("r-00000001", "m-00000002", ""),
                   "$.reviews[0].kind: a trial review is only taken by a match that is trial, "
                   "and match \"m-00000002\" never was");
    import_refused(db,
                   "{\"id\": \"r-1\", \"match\": \"m-00000002\", \"offer\": \"bg-haarlem\", "
                   "\"kind\": \"final\", \"date\": \"2023-03-06\", \"respondent\": \"asking\"}",
                   "$.reviews[0].kind: a final review is only taken by a match that is active, "
                   "completed or ended_early, and match \"m-00000002\" never was");
    import_refused(db, TRIAL_REVIEW("r-00000001", "m-00000001", "") ","
                       TRIAL_REVIEW("r-00000001", "m-00000001", ""),
                   "$.reviews[1].id: duplicate id \"r-00000001\" (also at $.reviews[0])");
    import_refused(db, TRIAL_REVIEW("r-00000001", "m-00000001", "") ","
                       TRIAL_REVIEW("r-00000002", "m-00000001", ""),
                   "$.reviews[1]: a second trial review of match \"m-00000001\" by the asking "
                   "side (also at $.reviews[0])");
    import_refused(db,
                   "{\"id\": \"r-1\", \"match\": \"m-00000001\", \"offer\": \"bg-other\", "
                   "\"kind\": \"final\", \"date\": \"2023-03-06\", \"respondent\": \"asking\"}",
                   "$.reviews[0].offer: \"bg-other\" is not the offer of match \"m-00000001\"");
    import_refused(db,
                   "{\"id\": \"r-1\", \"match\": \"m-00000001\", \"offer\": \"bg-haarlem\", "
                   "\"kind\": \"periodic\", \"date\": \"2021-04-09\", \"respondent\": "
                   "\"asking\"}",
                   "$.reviews[0].date: before match \"m-00000001\" became active on "
                   "2021-04-10");
    /* The record itself, member by member. */
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001", ", \"mood\": 3"),
                   "$.reviews[0].mood: unknown member \"mood\"");
    import_refused(db,
                   "{\"id\": \"r-1\", \"match\": \"m-00000001\", \"offer\": \"bg-haarlem\", "
                   "\"kind\": \"trial\", \"date\": \"2021-04-01\"}",
                   "$.reviews[0]: required member \"respondent\" is missing");
    import_refused(db,
                   "{\"id\": \"r-1\", \"match\": \"m-00000001\", \"offer\": \"bg-haarlem\", "
                   "\"kind\": \"halfway\", \"date\": \"2021-04-01\", \"respondent\": \"asking\"}",
                   "$.reviews[0].kind: unknown value \"halfway\" (expected one of: trial, "
                   "periodic, final)");
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001", ", \"satisfaction\": 11"),
                   "$.reviews[0].satisfaction: 11 is out of range (1 to 10)");
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001", ", \"satisfaction\": 0"),
                   "$.reviews[0].satisfaction: 0 is out of range");
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001", ", \"effects\": {\"rest\": 3}"),
                   "$.reviews[0].effects.rest: expected an integer from -2 to 2");
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001", ", \"effects\": {\"joy\": 1}"),
                   "$.reviews[0].effects.joy: unknown effect \"joy\" (expected one of: "
                   "carefree_childhood, broader_horizon");
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001", ", \"effects\": [1]"),
                   "$.reviews[0].effects: expected an object");
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001", ", \"safety_note\": \"x\""),
                   "$.reviews[0].safety_note: a note without a safety concern");
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001",
                                    ", \"safety_concern\": false, \"safety_note\": \"x\""),
                   "$.reviews[0].safety_note: a note without a safety concern");
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001", ", \"safety_concern\": \"yes\""),
                   "$.reviews[0].safety_concern: expected true or false");
    import_refused(db, TRIAL_REVIEW("r-1", "m-00000001", ", \"formal_help\": \"gone\""),
                   "$.reviews[0].formal_help: unknown value \"gone\"");
    import_refused(db,
                   "{\"id\": \"r-1\", \"match\": \"m-00000001\", \"offer\": \"bg-haarlem\", "
                   "\"kind\": \"final\", \"date\": \"2023-02-30\", \"respondent\": \"asking\"}",
                   "$.reviews[0].date: \"2023-02-30\" is not a date");

    /* A good file, then reviews that clash with the store. */
    char *text = dataset(TRIAL_REVIEW("r-00000001", "m-00000001", ", \"note\": \"ok\""));
    ck_assert_msg(itav_import_json_string(db, text, "good.json") == ITAV_OK, "%s",
                  itav_errmsg(db));
    free(text);
    static const char *const later_file =
        "{\"format\": \"itav/1\", \"reviews\": [%s]}";
    char buf[1024];
    snprintf(buf, sizeof buf, later_file, TRIAL_REVIEW("r-00000001", "m-00000001", ""));
    REFUSED(db, itav_import_json_string(db, buf, "later.json"), ITAV_EFORMAT,
            "$.reviews[0].id: review \"r-00000001\" is already in the store");
    snprintf(buf, sizeof buf, later_file, TRIAL_REVIEW("r-00000007", "m-00000001", ""));
    REFUSED(db, itav_import_json_string(db, buf, "later.json"), ITAV_EFORMAT,
            "$.reviews[0]: match \"m-00000001\" already has a trial review by the asking side "
            "in the store (\"r-00000001\")");
    snprintf(buf, sizeof buf, later_file,
             "{\"id\": \"r-00000007\", \"match\": \"m-00000001\", \"offer\": \"bg-haarlem\", "
             "\"kind\": \"final\", \"date\": \"2023-01-15\", \"respondent\": \"coordinator\"}");
    ck_assert_msg(itav_import_json_string(db, buf, "later.json") == ITAV_OK, "%s",
                  itav_errmsg(db));
    close_store(db);
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
        char *before = export_text(db);
        test_backend_fail_after(be, writes);
        int rc = op(db);
        test_backend_fail_after(be, -1);
        char *after = export_text(db);
        if (rc == ITAV_OK) {
            ck_assert_str_ne(before, after);
            ck_assert_int_gt(writes, 1); /* the operation writes several records */
        } else {
            ck_assert_msg(rc == ITAV_EIO, "failing write %d gave %d: %s", writes, rc,
                          itav_errmsg(db));
            ck_assert_str_eq(before, after);
        }
        itav_free(before);
        itav_free(after);
        itav_close(db);
        if (rc == ITAV_OK)
            break;
        ck_assert_int_lt(writes, 100);
    }
}

/* An active match m-00000001 of a1 with a noted review, and the completed m-00000002. */
static void reviewed_setup(itav_db *db)
{
    programme(db, "bg", 0, 24);
    char *m1 = started(db, 1, "bg-haarlem", true);
    char *m2 = started(db, 2, "bg-haarlem", true);
    itav_review *r = review(ITAV_REVIEW_PERIODIC, "2021-10-01", ITAV_RESPONDENT_ASKING);
    ck_assert_int_eq(itav_review_set_note(r, "a noted review"), ITAV_OK);
    ck_assert_int_eq(itav_review_add(NULL, db, m1, r), ITAV_OK);
    itav_review_free(r);
    advance(db, m2, ITAV_MATCH_COMPLETED, "2023-01-04");
    itav_free(m1);
    itav_free(m2);
}

static int add_op(itav_db *db)
{
    itav_review *r = review(ITAV_REVIEW_FINAL, "2023-01-05", ITAV_RESPONDENT_ASKING);
    int rc = itav_review_add(NULL, db, "m-00000002", r);
    itav_review_free(r);
    return rc;
}

static int erase_op(itav_db *db) { return itav_participant_erase(db, "a1", NULL); }

START_TEST(failures_leave_nothing_half_done)
{
    all_or_nothing(reviewed_setup, add_op);
    all_or_nothing(reviewed_setup, erase_op);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("review");
    TCase *tc = tcase_create("object");
    tcase_add_test(tc, new_review_defaults_and_scales);
    tcase_add_test(tc, bad_construction_and_null_arguments);
    suite_add_tcase(s, tc);
    TCase *ts = tcase_create("store");
    tcase_add_loop_test(ts, add_get_and_list, 0, STORE_COUNT);
    tcase_add_loop_test(ts, state_and_date_rules, 0, STORE_COUNT);
    tcase_add_loop_test(ts, reviews_move_the_due_query, 0, STORE_COUNT);
    tcase_add_loop_test(ts, a_plan_can_require_a_final_review, 0, STORE_COUNT);
    tcase_add_loop_test(ts, erasure_blanks_the_notes_of_reviews, 0, STORE_COUNT);
    tcase_add_loop_test(ts, dataset_round_trip, 0, STORE_COUNT);
    tcase_add_loop_test(ts, dataset_refusals, 0, STORE_COUNT);
    tcase_add_test(ts, failures_leave_nothing_half_done);
    suite_add_tcase(s, ts);
    return run_suite(s);
}
