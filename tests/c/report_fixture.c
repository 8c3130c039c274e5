/* The store the report tests build (report_fixture.h). */
#include "report_fixture.h"

#include <stdio.h>

void offer(itav_db *db, const char *id, const char *intervention, const char *programme)
{
    itav_offer *of;
    ck_assert_int_eq(itav_offer_new(&of, id, intervention), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_programme(of, programme), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

/* Creates intervention id named name with plan (which it frees). */
static void create_intervention(itav_db *db, const char *id, const char *name, itav_plan *plan)
{
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_new(&iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, name), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_plan(iv, plan), ITAV_OK);
    itav_plan_free(plan);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
}

void intervention(itav_db *db, const char *id)
{
    itav_plan *plan;
    ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL, 1), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL_MONTHS, 2), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_REVIEW_MONTHS, 6), ITAV_OK);
    create_intervention(db, id, id, plan);
}

void offer_without_trial(itav_db *db, const char *intervention, const char *name,
                         const char *offer_id)
{
    itav_plan *plan;
    ck_assert_int_eq(itav_plan_new(&plan), ITAV_OK);
    ck_assert_int_eq(itav_plan_set(plan, ITAV_PLAN_TRIAL, 0), ITAV_OK);
    create_intervention(db, intervention, name, plan);
    offer(db, offer_id, intervention, NULL);
}

void person(itav_db *db, const char *ref, const char *offer_id, bool asking,
            const char *municipality)
{
    char json[512];
    itav_participant *p;
    snprintf(json, sizeof json,
             "{\"ref\": \"%s\", \"offer\": \"%s\", \"kind\": \"%s\", \"status\": \"%s\", "
             "\"registered\": \"2019-01-01\", \"municipality\": \"%s\"}",
             ref, offer_id, asking ? "family" : "support_family",
             asking ? "waiting" : "available", municipality);
    ck_assert_msg(itav_participant_from_json(&p, db, json) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
}

/* Whether the match is in trial: these fixtures take trial -> active without evaluating the
 * trial. */
static bool in_trial(itav_db *db, const char *id)
{
    itav_match *m;
    bool trial = itav_match_get(&m, db, id) == ITAV_OK &&
                 itav_match_get_state(m) == ITAV_MATCH_TRIAL;
    itav_match_free(m);
    return trial;
}

void move(itav_db *db, const char *id, itav_match_state state, int32_t date)
{
    itav_end_reason reason = state == ITAV_MATCH_DECLINED      ? ITAV_END_NO_CLICK
                             : state == ITAV_MATCH_ENDED_EARLY ? ITAV_END_ASKING_STOPPED
                                                               : 0;
    int rc = state == ITAV_MATCH_ACTIVE && in_trial(db, id)
                 ? itav_match_skip_evaluation(db, id, date, ITAV_ACTOR_COORDINATOR,
                                              "not evaluated in this fixture")
                 : itav_match_advance(db, id, state, date, ITAV_ACTOR_COORDINATOR, reason, NULL);
    ck_assert_msg(rc == ITAV_OK, "advance %s: %s", id, itav_errmsg(db));
}

char *make_match(itav_db *db, int n, const spec *s)
{
    char a[16], sup[16], *id = NULL;
    snprintf(a, sizeof a, "a%02d", n);
    snprintf(sup, sizeof sup, "s%02d", n);
    person(db, a, s->offer, true, s->place);
    person(db, sup, s->offer, false, s->place);
    bool started = s->state != ITAV_MATCH_PROPOSED && s->state != ITAV_MATCH_INTRODUCED &&
                   s->state != ITAV_MATCH_DECLINED;
    int32_t d = D(s->date), proposed = started ? d - 14 : d;
    int rc = itav_match_propose(&id, db, a, sup, proposed, ITAV_ACTOR_COORDINATOR, NULL, NULL);
    ck_assert_msg(rc == ITAV_OK, "propose %s: %s", a, itav_errmsg(db));
    if (s->state == ITAV_MATCH_DECLINED)
        move(db, id, ITAV_MATCH_DECLINED, d + 7);
    if (s->state == ITAV_MATCH_INTRODUCED)
        move(db, id, ITAV_MATCH_INTRODUCED, d + 7);
    if (!started)
        return id;
    move(db, id, ITAV_MATCH_INTRODUCED, d - 7);
    move(db, id, ITAV_MATCH_TRIAL, d);
    if (s->state == ITAV_MATCH_ENDED_EARLY)
        move(db, id, ITAV_MATCH_ENDED_EARLY, d + 120);
    if (s->state == ITAV_MATCH_ACTIVE || s->state == ITAV_MATCH_COMPLETED)
        move(db, id, ITAV_MATCH_ACTIVE, d + 60);
    if (s->state == ITAV_MATCH_COMPLETED)
        move(db, id, ITAV_MATCH_COMPLETED, d + 120);
    return id;
}

itav_report *publish(itav_db *db, const char *id, int k, const char *from,
                     const char *to, int *rc)
{
    itav_report *r = NULL;
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    o.k = k;
    o.publish = 1;
    o.as_of = D("2021-12-31");
    o.from = from ? D(from) : ITAV_DATE_NONE;
    o.to = to ? D(to) : ITAV_DATE_NONE;
    *rc = itav_report_programme(&r, db, id, &o);
    ck_assert_msg(*rc == ITAV_OK || *rc == ITAV_ESTATE, "%s", itav_errmsg(db));
    return r;
}
