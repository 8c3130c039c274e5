/* Rows for the people: participants (participant.h), matches and what falls due (match.h),
 * and matching (matching.h). */
#include "families.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- options of matching, good or bad in one way ---- */

/* v: 0 the defaults; 1 version 0; 2 version 2; 3 a negative weight; 4 every weight 0; 5 a NaN
 * weight; 6 an infinite weight; 7 min_score 1.5; 8 min_score -0.1; 9 waiting_full_days 0;
 * 10 distance_scale_m 0; 11 distance_scale_m infinite; 12 max_distance_m -1; 13 as_of in
 * 1899; 14 as_of INT32_MAX. */
static const itav_match_options *options(itav_match_options *o, long long v)
{
    itav_match_options_init(o);
    switch (v) {
    case 1: o->version = 0; break;
    case 2: o->version = ITAV_MATCH_OPTIONS_VERSION + 1; break;
    case 3: o->weights[ITAV_CRITERION_NEEDS] = -1; break;
    case 4:
        for (int c = 0; c <= ITAV_CRITERION_COUNT; c++)
            o->weights[c] = 0;
        break;
    case 5: o->weights[ITAV_CRITERION_AGES] = NAN; break;
    case 6: o->weights[ITAV_CRITERION_DISTANCE] = INFINITY; break;
    case 7: o->min_score = 1.5; break;
    case 8: o->min_score = -0.1; break;
    case 9: o->waiting_full_days = 0; break;
    case 10: o->distance_scale_m = 0; break;
    case 11: o->distance_scale_m = INFINITY; break;
    case 12: o->max_distance_m = -1; break;
    case 13: o->as_of = -25568; break;
    case 14: o->as_of = INT32_MAX; break;
    }
    return o;
}

/* Rows for a bad options struct in parameter k. */
#define BAD_OPTIONS(fn, k)                                                                     \
    R(fn, "options version 0", I(k, 1), E(ITAV_EVERSION), M("version 0")),                     \
    R(fn, "options version 2", I(k, 2), E(ITAV_EVERSION), M("version 2")),                     \
    R(fn, "a negative weight", I(k, 3), E(ITAV_EINVAL), M("weights[3] (needs)")),              \
    R(fn, "every weight 0", I(k, 4), E(ITAV_EINVAL), M("weights are all 0")),                  \
    R(fn, "a NaN weight", I(k, 5), E(ITAV_EINVAL), M("weights[6] (ages)")),                    \
    R(fn, "an infinite weight", I(k, 6), E(ITAV_EINVAL), M("weights[1] (distance)")),          \
    R(fn, "min_score 1.5", I(k, 7), E(ITAV_EINVAL), M("min_score")),                           \
    R(fn, "min_score -0.1", I(k, 8), E(ITAV_EINVAL), M("min_score")),                          \
    R(fn, "waiting_full_days 0", I(k, 9), E(ITAV_EINVAL), M("waiting_full_days")),             \
    R(fn, "distance_scale_m 0", I(k, 10), E(ITAV_EINVAL), M("distance_scale_m")),              \
    R(fn, "distance_scale_m infinite", I(k, 11), E(ITAV_EINVAL), M("distance_scale_m")),       \
    R(fn, "max_distance_m -1", I(k, 12), E(ITAV_EINVAL), M("max_distance_m"))
/* The same, with a bad as_of date (which itav_match_propose() replaces by its own date). */
#define BAD_OPTIONS_AS_OF(fn, k)                                                               \
    BAD_OPTIONS(fn, k),                                                                        \
    R(fn, "as_of in 1899", I(k, 13), E(ITAV_EINVAL), M("as_of")),                              \
    R(fn, "as_of INT32_MAX", I(k, 14), E(ITAV_EINVAL), M("as_of"))

/* ---- participants: the object ---- */

#define PT P(0, fx_participant(f))
#define SUP P(0, fx_supporter(f))

ADAPT(itav_participant_new)
{
    itav_participant *out = NULL;
    int rc = itav_participant_new(P(0, &out), TXT(1, "new-p"), TXT(2, FX_OFFER),
                                  (itav_participant_kind)NUM(3, ITAV_PARTICIPANT_PEER));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_participant_free(out);
    return r_code(rc);
}
ADAPT(itav_participant_dup)
{
    itav_participant *out = NULL;
    int rc = itav_participant_dup(P(0, &out), P(1, fx_participant(f)));
    itav_participant_free(out);
    return r_code(rc);
}
ADAPT(itav_participant_free)
{
    itav_participant_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_participant_ref) { return r_ptr(itav_participant_ref(PT)); }
ADAPT(itav_participant_offer) { return r_ptr(itav_participant_offer(PT)); }
ADAPT(itav_participant_get_kind) { return r_int(itav_participant_get_kind(PT)); }
ADAPT(itav_participant_side) { return r_int(itav_participant_side(PT)); }
ADAPT(itav_participant_get_status) { return r_int(itav_participant_get_status(PT)); }
ADAPT(itav_participant_status_date) { return r_int(itav_participant_status_date(PT)); }
ADAPT(itav_participant_municipality) { return r_ptr(itav_participant_municipality(PT)); }
ADAPT(itav_participant_postcode) { return r_ptr(itav_participant_postcode(PT)); }
ADAPT(itav_participant_location)
{
    double lat = 0, lon = 0;
    return r_int(itav_participant_location(PT, &lat, &lon));
}
ADAPT(itav_participant_availability) { return r_int(itav_participant_availability(PT)); }
ADAPT(itav_participant_support) { return r_int(itav_participant_support(PT)); }
ADAPT(itav_participant_language_count) { return r_size(itav_participant_language_count(PT)); }
ADAPT(itav_participant_language)
{
    return r_ptr(itav_participant_language(PT, (size_t)NUM(1, 0)));
}
ADAPT(itav_participant_language_required)
{
    return r_int(itav_participant_language_required(PT));
}
ADAPT(itav_participant_interest_count) { return r_size(itav_participant_interest_count(PT)); }
ADAPT(itav_participant_interest)
{
    return r_ptr(itav_participant_interest(PT, (size_t)NUM(1, 0)));
}
ADAPT(itav_participant_child_count) { return r_size(itav_participant_child_count(PT)); }
ADAPT(itav_participant_child_age)
{
    return r_int(itav_participant_child_age(PT, (size_t)NUM(1, 0)));
}
ADAPT(itav_participant_age_range)
{
    int32_t lo = 0, hi = 0;
    return r_int(itav_participant_age_range(SUP, &lo, &hi));
}
ADAPT(itav_participant_vog_date) { return r_int(itav_participant_vog_date(PT)); }
ADAPT(itav_participant_trained) { return r_int(itav_participant_trained(PT)); }
ADAPT(itav_participant_capacity) { return r_int(itav_participant_capacity(PT)); }
ADAPT(itav_participant_registered) { return r_int(itav_participant_registered(PT)); }
ADAPT(itav_participant_max_distance) { return r_dbl(itav_participant_max_distance(PT)); }
ADAPT(itav_participant_exclusion_count) { return r_size(itav_participant_exclusion_count(PT)); }
ADAPT(itav_participant_exclusion)
{
    return r_ptr(itav_participant_exclusion(PT, (size_t)NUM(1, 0)));
}

ADAPT(itav_participant_set_municipality)
{
    return r_code(itav_participant_set_municipality(PT, TXT(1, "Zandvoort")));
}
ADAPT(itav_participant_set_postcode)
{
    return r_code(itav_participant_set_postcode(PT, TXT(1, "2042")));
}
ADAPT(itav_participant_set_location)
{
    return r_code(itav_participant_set_location(PT, DBL(1, 52.0), DBL(2, 4.0)));
}
ADAPT(itav_participant_clear_location) { return r_code(itav_participant_clear_location(PT)); }
ADAPT(itav_participant_set_availability)
{
    return r_code(itav_participant_set_availability(PT, (uint32_t)NUM(1, 1)));
}
ADAPT(itav_participant_set_support)
{
    return r_code(itav_participant_set_support(PT, (unsigned)NUM(1, 2)));
}
ADAPT(itav_participant_add_language)
{
    return r_code(itav_participant_add_language(PT, TXT(1, "ar")));
}
ADAPT(itav_participant_clear_languages) { return r_code(itav_participant_clear_languages(PT)); }
ADAPT(itav_participant_set_language_required)
{
    return r_code(itav_participant_set_language_required(PT, (int)NUM(1, 1)));
}
ADAPT(itav_participant_add_interest)
{
    return r_code(itav_participant_add_interest(PT, TXT(1, "cooking")));
}
ADAPT(itav_participant_clear_interests) { return r_code(itav_participant_clear_interests(PT)); }

/* n[1] = -77: first fill the participant up to ITAV_CHILDREN_MAX children (on a copy, which
 * is then the one compared). */
ADAPT(itav_participant_add_child)
{
    if (NUM(1, 0) == -77) {
        itav_participant *full = NULL;
        if (itav_participant_new(&full, "p-full", FX_OFFER, ITAV_PARTICIPANT_FAMILY) != ITAV_OK)
            fx_fail(f, "cannot make a participant");
        for (int i = 0; i < ITAV_CHILDREN_MAX; i++)
            itav_participant_add_child(full, 12);
        char *before = NULL, *after = NULL;
        itav_participant_to_json(&before, full);
        int rc = itav_participant_add_child(full, 24);
        itav_participant_to_json(&after, full);
        if (!before || !after || strcmp(before, after))
            fx_fail(f, "the full participant changed");
        itav_free(before);
        itav_free(after);
        itav_participant_free(full);
        return r_code(rc);
    }
    return r_code(itav_participant_add_child(PT, (int32_t)NUM(1, 24)));
}
ADAPT(itav_participant_clear_children) { return r_code(itav_participant_clear_children(PT)); }
ADAPT(itav_participant_set_age_range)
{
    return r_code(itav_participant_set_age_range(SUP, (int32_t)NUM(1, 12), (int32_t)NUM(2, 24)));
}
ADAPT(itav_participant_set_vog_date)
{
    return r_code(itav_participant_set_vog_date(SUP, (int32_t)NUM(1, 18000)));
}
ADAPT(itav_participant_set_trained)
{
    return r_code(itav_participant_set_trained(SUP, (int)NUM(1, 0)));
}
ADAPT(itav_participant_set_capacity)
{
    /* n[2] set: on the asking side */
    if (r->n[2].set)
        return r_code(itav_participant_set_capacity(PT, (int)NUM(1, 1)));
    return r_code(itav_participant_set_capacity(SUP, (int)NUM(1, 3)));
}
ADAPT(itav_participant_set_registered)
{
    return r_code(itav_participant_set_registered(PT, (int32_t)NUM(1, 18000)));
}
ADAPT(itav_participant_set_max_distance)
{
    return r_code(itav_participant_set_max_distance(PT, DBL(1, 5000)));
}
ADAPT(itav_participant_add_exclusion)
{
    return r_code(itav_participant_add_exclusion(PT, TXT(1, "q-z")));
}
ADAPT(itav_participant_clear_exclusions)
{
    return r_code(itav_participant_clear_exclusions(PT));
}
ADAPT(itav_language_known) { return r_int(itav_language_known(TXT(0, "nl"))); }
ADAPT(itav_language_canonical) { return r_ptr(itav_language_canonical(TXT(0, "nl"))); }

/* ---- participants: in a store ---- */

ADAPT(itav_participant_get)
{
    itav_participant *out = NULL;
    int rc = itav_participant_get(P(0, &out), DB(1), TXT(2, FX_ASK));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_participant_free(out);
    return r_code(rc);
}

/* A stored participant moved to another offer (which cannot be set on an object: the JSON
 * is rewritten). */
static itav_participant *stored_in_offer(fx *f, const char *ref, const char *offer)
{
    itav_participant *p = NULL, *moved = NULL;
    char *json = NULL;
    if (itav_participant_get(&p, fx_store(f), ref) != ITAV_OK ||
        itav_participant_to_json(&json, p) != ITAV_OK) {
        itav_participant_free(p);
        return NULL;
    }
    char *at = strstr(json, "\"offer\": \"" FX_OFFER "\"");
    if (at) {
        char *edited = malloc(strlen(json) + strlen(offer) + 1);
        size_t head = (size_t)(at - json) + strlen("\"offer\": \"");
        const char *tail = json + head + strlen(FX_OFFER);
        sprintf(edited, "%.*s%s%s", (int)head, json, offer, tail);
        itav_participant_from_json(&moved, NULL, edited);
        free(edited);
    }
    itav_free(json);
    itav_participant_free(p);
    return moved;
}

/* n[1]: 1 of an offer not in the store, 2 with the ref of a stored participant, 3 starting
 * as matched, 4 starting as erased, 5 a stored asking participant with matches moved to
 * another offer, 6 a stored participant moved to an offer not in the store. */
static itav_participant *participant_variant(fx *f, const row *r)
{
    itav_participant *v = NULL;
    switch (NUM(1, 0)) {
    case 1: itav_participant_new(&v, "p-y", "no-such-offer", ITAV_PARTICIPANT_FAMILY); break;
    case 2: itav_participant_new(&v, FX_ASK2, FX_OFFER, ITAV_PARTICIPANT_FAMILY); break;
    case 3:
        itav_participant_from_json(&v, NULL, "{\"ref\": \"p-y\", \"offer\": \"" FX_OFFER
                                             "\", \"kind\": \"family\", \"status\": \"matched\"}");
        break;
    case 4:
        itav_participant_from_json(&v, NULL, "{\"ref\": \"p-y\", \"offer\": \"" FX_OFFER
                                             "\", \"kind\": \"family\", \"status\": \"inactive\"}");
        break;
    case 5: v = stored_in_offer(f, FX_ASK, FX_OFFER2); break;
    case 6: v = stored_in_offer(f, FX_ASK2, "no-such-offer"); break;
    default: return fx_participant(f);
    }
    if (!v)
        fx_fail(f, "cannot make participant variant %lld", NUM(1, 0));
    return v;
}
ADAPT(itav_participant_create)
{
    itav_participant *p = participant_variant(f, r);
    int rc = itav_participant_create(DB(0), P(1, p));
    if (p != fx_participant(f))
        itav_participant_free(p);
    return r_code(rc);
}
ADAPT(itav_participant_update)
{
    itav_participant *p = participant_variant(f, r);
    int rc = itav_participant_update(DB(0), P(1, p));
    if (p != fx_participant(f))
        itav_participant_free(p);
    return r_code(rc);
}
ADAPT(itav_participant_delete)
{
    return r_code(itav_participant_delete(DB(0), TXT(1, "no-such-ref")));
}
ADAPT(itav_participant_set_status)
{
    return r_code(itav_participant_set_status(
        DB(0), TXT(1, FX_ASK2), (itav_participant_status)NUM(2, ITAV_PSTATUS_INACTIVE),
        (int32_t)NUM(3, 19000)));
}
ADAPT(itav_participant_erase)
{
    char *new_ref = (char *)"untouched";
    int rc = itav_participant_erase(DB(0), TXT(1, "no-such-ref"), &new_ref);
    if (rc != ITAV_OK && new_ref)
        fx_fail(f, "*new_ref not NULL on failure");
    if (rc == ITAV_OK)
        itav_free(new_ref);
    return r_code(rc);
}

ADAPT(itav_participant_erase_at)
{
    itav_erasure *e = (itav_erasure *)1;
    int rc = itav_participant_erase_at(DB(0), TXT(1, "no-such-ref"),
                                       (int32_t)NUM(2, ITAV_DATE_NONE), P(3, &e));
    if (rc != ITAV_OK && !ISNUL(3) && e)
        fx_fail(f, "*report not NULL on failure");
    if (rc == ITAV_OK && !ISNUL(3))
        itav_erasure_free(e);
    return r_code(rc);
}
ADAPT(itav_erasure_free)
{
    itav_erasure_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_erasure_ref) { return r_ptr(itav_erasure_ref(P(0, NULL))); }
ADAPT(itav_erasure_date) { return r_int(itav_erasure_date(P(0, NULL))); }
ADAPT(itav_erasure_closed_count) { return r_int((int)itav_erasure_closed_count(P(0, NULL))); }
ADAPT(itav_erasure_closed)
{
    int state;
    return r_ptr(itav_erasure_closed(P(0, NULL), (size_t)NUM(1, 0), P(2, &state)));
}

/* n[2]: the filter's version; n[3]: its side; n[4]: its status. */
ADAPT(itav_participant_list)
{
    itav_participant_iter *it = NULL;
    itav_participant_filter flt = ITAV_PARTICIPANT_FILTER_INIT;
    flt.version = (int)NUM(2, ITAV_PARTICIPANT_FILTER_VERSION);
    flt.side = (itav_side)NUM(3, 0);
    flt.status = (itav_participant_status)NUM(4, 0);
    int rc = itav_participant_list(P(0, &it), DB(1), P(2, &flt));
    itav_participant_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_participant_iter_next)
{
    itav_participant_iter *it = NULL;
    itav_participant *p = NULL;
    if (!ISNUL(1) && itav_participant_list(&it, fx_store(f), NULL) != ITAV_OK)
        fx_fail(f, "cannot list");
    int rc = itav_participant_iter_next(P(0, &p), P(1, it));
    itav_participant_free(p);
    itav_participant_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_participant_iter_free)
{
    itav_participant_iter_free(P(0, NULL));
    return r_void();
}

/* ---- matches ---- */

#define MT P(0, fx_match(f))

ADAPT(itav_match_free)
{
    itav_match_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_match_id) { return r_ptr(itav_match_id(MT)); }
ADAPT(itav_match_offer) { return r_ptr(itav_match_offer(MT)); }
ADAPT(itav_match_asking) { return r_ptr(itav_match_asking(MT)); }
ADAPT(itav_match_supporting) { return r_ptr(itav_match_supporting(MT)); }
ADAPT(itav_match_get_state) { return r_int(itav_match_get_state(MT)); }
ADAPT(itav_match_score) { return r_dbl(itav_match_score(MT)); }
ADAPT(itav_match_previous) { return r_ptr(itav_match_previous(MT)); }
ADAPT(itav_match_reason) { return r_int(itav_match_reason(MT)); }
ADAPT(itav_match_start) { return r_int(itav_match_start(MT)); }
ADAPT(itav_match_transition_count) { return r_size(itav_match_transition_count(MT)); }
ADAPT(itav_match_transition)
{
    itav_match_state st;
    int32_t date;
    itav_actor actor;
    const char *note;
    return r_code(itav_match_transition(MT, (size_t)NUM(1, 0), &st, &date, &actor, &note));
}
ADAPT(itav_match_get)
{
    itav_match *out = NULL;
    int rc = itav_match_get(P(0, &out), DB(1), TXT(2, FX_MATCH));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_match_free(out);
    return r_code(rc);
}
ADAPT(itav_match_propose)
{
    char *id = NULL;
    itav_match_options o;
    int rc = itav_match_propose(&id, DB(1), TXT(2, FX_ASK2), TXT(3, FX_SUP),
                                (int32_t)NUM(4, 18900), (itav_actor)NUM(5, ITAV_ACTOR_COORDINATOR),
                                TXT(6, "note"), options(&o, NUM(7, 0)));
    if (rc != ITAV_OK && id)
        fx_fail(f, "*id set on failure");
    itav_free(id);
    return r_code(rc);
}
ADAPT(itav_match_advance)
{
    return r_code(itav_match_advance(DB(0), TXT(1, FX_MATCH),
                                     (itav_match_state)NUM(2, ITAV_MATCH_COMPLETED),
                                     (int32_t)NUM(3, 19000),
                                     (itav_actor)NUM(4, ITAV_ACTOR_COORDINATOR),
                                     (itav_end_reason)NUM(5, 0), TXT(6, "note")));
}
ADAPT(itav_match_skip_evaluation)
{
    return r_code(itav_match_skip_evaluation(DB(0), TXT(1, FX_MATCH), (int32_t)NUM(2, 19000),
                                             (itav_actor)NUM(3, ITAV_ACTOR_COORDINATOR),
                                             TXT(4, "evaluated by phone")));
}
ADAPT(itav_match_move_legal)
{
    return r_int(itav_match_move_legal((itav_match_state)NUM(0, ITAV_MATCH_PROPOSED),
                                       (itav_match_state)NUM(1, ITAV_MATCH_INTRODUCED),
                                       (int)NUM(2, 1)));
}
/* n[2]: the filter's version; n[3]: its state; n[4]: open_only. */
ADAPT(itav_match_list)
{
    itav_match_iter *it = NULL;
    itav_match_filter flt = ITAV_MATCH_FILTER_INIT;
    flt.version = (int)NUM(2, ITAV_MATCH_FILTER_VERSION);
    flt.state = (itav_match_state)NUM(3, 0);
    flt.open_only = (int)NUM(4, 0);
    int rc = itav_match_list(P(0, &it), DB(1), P(2, &flt));
    itav_match_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_match_iter_next)
{
    itav_match_iter *it = NULL;
    itav_match *m = NULL;
    if (!ISNUL(1) && itav_match_list(&it, fx_store(f), NULL) != ITAV_OK)
        fx_fail(f, "cannot list");
    int rc = itav_match_iter_next(P(0, &m), P(1, it));
    itav_match_free(m);
    itav_match_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_match_iter_free)
{
    itav_match_iter_free(P(0, NULL));
    return r_void();
}

/* ---- what falls due ---- */

ADAPT(itav_match_due)
{
    itav_due_iter *it = NULL;
    int rc = itav_match_due(P(0, &it), DB(1), TXT(2, NULL), (int32_t)NUM(3, 19000),
                            (int)NUM(4, 0));
    itav_due_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_participant_due)
{
    itav_due_iter *it = NULL;
    int rc = itav_participant_due(P(0, &it), DB(1), TXT(2, NULL), (int32_t)NUM(3, 19000),
                                  (int)NUM(4, 0));
    itav_due_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_due_iter_next)
{
    itav_due_iter *it = NULL;
    itav_due *d = NULL;
    if (!ISNUL(1) && itav_match_due(&it, fx_store(f), NULL, 19000, 0) != ITAV_OK)
        fx_fail(f, "cannot list");
    int rc = itav_due_iter_next(P(0, &d), P(1, it));
    itav_due_free(d);
    itav_due_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_due_iter_free)
{
    itav_due_iter_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_due_free)
{
    itav_due_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_due_match) { return r_ptr(itav_due_match(P(0, fx_due(f)))); }
ADAPT(itav_due_participant) { return r_ptr(itav_due_participant(P(0, fx_due(f)))); }
ADAPT(itav_due_get_kind) { return r_int(itav_due_get_kind(P(0, fx_due(f)))); }
ADAPT(itav_due_date) { return r_int(itav_due_date(P(0, fx_due(f)))); }
ADAPT(itav_due_overdue_days) { return r_int(itav_due_overdue_days(P(0, fx_due(f)))); }
ADAPT(itav_due_since) { return r_int(itav_due_since(P(0, fx_due(f)))); }

/* ---- matching ---- */

ADAPT(itav_match_options_init)
{
    itav_match_options o;
    return r_code(itav_match_options_init(P(0, &o)));
}
ADAPT(itav_suggestion_free)
{
    itav_suggestion_free(P(0, NULL));
    return r_void();
}
#define SG P(0, fx_suggestion(f))
ADAPT(itav_suggestion_asking) { return r_ptr(itav_suggestion_asking(SG)); }
ADAPT(itav_suggestion_supporting) { return r_ptr(itav_suggestion_supporting(SG)); }
ADAPT(itav_suggestion_score) { return r_dbl(itav_suggestion_score(SG)); }
ADAPT(itav_suggestion_excluded) { return r_int(itav_suggestion_excluded(SG)); }
ADAPT(itav_suggestion_distance) { return r_dbl(itav_suggestion_distance(SG)); }
ADAPT(itav_suggestion_criterion)
{
    double value = 0, weight = 0;
    return r_code(itav_suggestion_criterion(
        SG, (itav_criterion)NUM(1, ITAV_CRITERION_NEEDS), &value, &weight));
}
ADAPT(itav_match_score_pair)
{
    itav_suggestion *out = NULL;
    itav_match_options o;
    int rc = itav_match_score_pair(P(0, &out), DB(1), TXT(2, FX_ASK2), TXT(3, FX_SUP),
                                   options(&o, NUM(4, 0)));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_suggestion_free(out);
    return r_code(rc);
}
ADAPT(itav_match_suggest)
{
    itav_suggestion_iter *it = NULL;
    itav_match_options o;
    int rc = itav_match_suggest(P(0, &it), DB(1), TXT(2, FX_ASK2), (size_t)NUM(3, 3),
                                options(&o, NUM(4, 0)));
    itav_suggestion_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_suggestion_iter_next)
{
    itav_suggestion_iter *it = NULL;
    itav_suggestion *s = NULL;
    if (!ISNUL(1) && itav_match_suggest(&it, fx_store(f), FX_ASK2, 3, NULL) != ITAV_OK)
        fx_fail(f, "cannot suggest");
    int rc = itav_suggestion_iter_next(P(0, &s), P(1, it));
    itav_suggestion_free(s);
    itav_suggestion_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_suggestion_iter_free)
{
    itav_suggestion_iter_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_match_assign)
{
    itav_assignment *out = NULL;
    itav_match_options o;
    int rc = itav_match_assign(P(0, &out), DB(1), TXT(2, FX_OFFER), options(&o, NUM(3, 0)),
                               (unsigned)NUM(4, ITAV_ASSIGN_WRITE), (int32_t)NUM(5, 19000));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_assignment_free(out);
    return r_code(rc);
}
ADAPT(itav_assignment_free)
{
    itav_assignment_free(P(0, NULL));
    return r_void();
}
#define AS P(0, fx_assignment(f))
ADAPT(itav_assignment_count) { return r_size(itav_assignment_count(AS)); }
ADAPT(itav_assignment_pair) { return r_ptr(itav_assignment_pair(AS, (size_t)NUM(1, 0))); }
ADAPT(itav_assignment_match_id)
{
    return r_ptr(itav_assignment_match_id(AS, (size_t)NUM(1, 0)));
}
ADAPT(itav_assignment_unmatched_count) { return r_size(itav_assignment_unmatched_count(AS)); }
ADAPT(itav_assignment_unmatched)
{
    return r_ptr(itav_assignment_unmatched(AS, (size_t)NUM(1, 0)));
}
ADAPT(itav_assignment_total) { return r_dbl(itav_assignment_total(AS)); }

#define EINVAL_ E(ITAV_EINVAL)
#define SIZE_HUGE ((long long)SIZE_MAX)

static const row rows[] = {
    /* participants: the object */
    R(itav_participant_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_participant_new, "NULL ref", EINVAL_, NUL(1)),
    R(itav_participant_new, "NULL offer", EINVAL_, NUL(2)),
    BAD_PREF(itav_participant_new, 1, "ref", EINVAL_),
    R(itav_participant_new, "a ref like an erased one", EINVAL_, S(1, "~erased-1")),
    BAD_ID(itav_participant_new, 2, "offer id", EINVAL_),
    BAD_ENUM(itav_participant_new, 3, "kind", ITAV_PARTICIPANT_PEER, EINVAL_),
    R(itav_participant_new, "kind 0", EINVAL_, I(3, 0)),
    R(itav_participant_dup, "NULL out", EINVAL_, NUL(0)),
    R(itav_participant_dup, "NULL participant", EINVAL_, NUL(1)),
    R(itav_participant_free, "NULL", RVOID, NUL(0)),
    R(itav_participant_ref, "NULL participant", RNULL, NUL(0)),
    R(itav_participant_offer, "NULL participant", RNULL, NUL(0)),
    R(itav_participant_get_kind, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_side, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_get_status, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_status_date, "NULL participant", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_participant_municipality, "NULL participant", RNULL, NUL(0)),
    R(itav_participant_postcode, "NULL participant", RNULL, NUL(0)),
    R(itav_participant_location, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_availability, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_support, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_language_count, "NULL participant", RSIZE(0), NUL(0)),
    R(itav_participant_language, "NULL participant", RNULL, NUL(0)),
    R(itav_participant_language, "index past the end", RNULL, I(1, 1)),
    R(itav_participant_language, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_participant_language_required, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_interest_count, "NULL participant", RSIZE(0), NUL(0)),
    R(itav_participant_interest, "NULL participant", RNULL, NUL(0)),
    R(itav_participant_interest, "index past the end", RNULL, I(1, 1)),
    R(itav_participant_interest, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_participant_child_count, "NULL participant", RSIZE(0), NUL(0)),
    R(itav_participant_child_age, "NULL participant", RET(-1), NUL(0)),
    R(itav_participant_child_age, "index past the end", RET(-1), I(1, 1)),
    R(itav_participant_child_age, "index SIZE_MAX", RET(-1), I(1, SIZE_HUGE)),
    R(itav_participant_age_range, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_vog_date, "NULL participant", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_participant_trained, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_capacity, "NULL participant", RET(0), NUL(0)),
    R(itav_participant_registered, "NULL participant", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_participant_max_distance, "NULL participant", RDBL(0), NUL(0)),
    R(itav_participant_exclusion_count, "NULL participant", RSIZE(0), NUL(0)),
    R(itav_participant_exclusion, "NULL participant", RNULL, NUL(0)),
    R(itav_participant_exclusion, "index past the end", RNULL, I(1, 1)),
    R(itav_participant_exclusion, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_participant_set_municipality, "NULL participant", EINVAL_, NUL(0)),
    BAD_TEXT(itav_participant_set_municipality, 1, "municipality", EINVAL_),
    R(itav_participant_set_postcode, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_postcode, "a full postcode", EINVAL_, S(1, "2011 AB")),
    R(itav_participant_set_postcode, "a postcode with letters attached", EINVAL_, S(1, "2011AB")),
    R(itav_participant_set_postcode, "a leading 0", EINVAL_, S(1, "0123")),
    R(itav_participant_set_postcode, "three digits", EINVAL_, S(1, "201")),
    R(itav_participant_set_postcode, "five digits", EINVAL_, S(1, "20111")),
    R(itav_participant_set_postcode, "letters", EINVAL_, S(1, "abcd")),
    R(itav_participant_set_postcode, "a control character", EINVAL_, S(1, "201\x01")),
    R(itav_participant_set_postcode, "full-width digits", EINVAL_,
      S(1, "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x91\xef\xbc\x91")),
    BAD_TEXT(itav_participant_set_postcode, 1, "postcode", EINVAL_),
    R(itav_participant_set_location, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_location, "latitude 90.5", EINVAL_, F(1, 90.5)),
    R(itav_participant_set_location, "latitude -91", EINVAL_, F(1, -91)),
    R(itav_participant_set_location, "longitude 180.5", EINVAL_, F(2, 180.5)),
    R(itav_participant_set_location, "longitude -181", EINVAL_, F(2, -181)),
    R(itav_participant_set_location, "latitude NaN", EINVAL_, F(1, NAN)),
    R(itav_participant_set_location, "longitude NaN", EINVAL_, F(2, NAN)),
    R(itav_participant_set_location, "latitude infinite", EINVAL_, F(1, INFINITY)),
    R(itav_participant_set_location, "longitude -infinite", EINVAL_, F(2, -INFINITY)),
    R(itav_participant_clear_location, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_availability, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_availability, "a bit past Sunday evening", EINVAL_, I(1, 1u << 21)),
    R(itav_participant_set_availability, "every bit", EINVAL_, I(1, UINT32_MAX)),
    R(itav_participant_set_support, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_support, "a bit past the last", EINVAL_, I(1, 512)),
    R(itav_participant_set_support, "every bit", EINVAL_, I(1, UINT_MAX)),
    R(itav_participant_add_language, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_add_language, "NULL code", EINVAL_, NUL(1)),
    R(itav_participant_add_language, "empty code", EINVAL_, S(1, "")),
    R(itav_participant_add_language, "a code not in ISO 639-1", EINVAL_, S(1, "xx")),
    R(itav_participant_add_language, "a code in capitals", EINVAL_, S(1, "NL")),
    R(itav_participant_add_language, "a three-letter code not in ISO 639-3", EINVAL_, S(1, "qqq")),
    R(itav_participant_add_language, "four letters", EINVAL_, S(1, "nlds")),
    R(itav_participant_add_language, "one letter", EINVAL_, S(1, "n")),
    R(itav_participant_add_language, "a code with a region", EINVAL_, S(1, "nl-BE")),
    R(itav_participant_add_language, "a code and a control character", EINVAL_,
      S(1, "nl\x01")),
    BAD_TEXT(itav_participant_add_language, 1, "code", EINVAL_),
    R(itav_participant_clear_languages, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_language_required, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_language_required, "required 2", EINVAL_, I(1, 2)),
    R(itav_participant_set_language_required, "required -1", EINVAL_, I(1, -1)),
    R(itav_participant_add_interest, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_add_interest, "NULL tag", EINVAL_, NUL(1)),
    BAD_ID(itav_participant_add_interest, 1, "tag", EINVAL_),
    R(itav_participant_clear_interests, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_add_child, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_add_child, "age -1", EINVAL_, I(1, -1)),
    R(itav_participant_add_child, "age 301", EINVAL_, I(1, 301)),
    R(itav_participant_add_child, "age INT32_MAX", EINVAL_, I(1, INT32_MAX)),
    R(itav_participant_add_child, "age INT32_MIN", EINVAL_, I(1, INT32_MIN)),
    R(itav_participant_add_child, "a seventeenth child", E(ITAV_ERANGE), I(1, -77)),
    R(itav_participant_clear_children, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_age_range, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_age_range, "min above max", EINVAL_, I(1, 24), I(2, 12)),
    R(itav_participant_set_age_range, "min -2", EINVAL_, I(1, -2)),
    R(itav_participant_set_age_range, "max 301", EINVAL_, I(2, 301)),
    R(itav_participant_set_age_range, "min -1 with a max", EINVAL_, I(1, -1), I(2, 24)),
    R(itav_participant_set_age_range, "max -1 with a min", EINVAL_, I(1, 12), I(2, -1)),
    R(itav_participant_set_age_range, "max INT32_MAX", EINVAL_, I(2, INT32_MAX)),
    R(itav_participant_set_vog_date, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_vog_date, "a date in 1899", EINVAL_, I(1, -25568)),
    R(itav_participant_set_vog_date, "a date in year 10000", EINVAL_, I(1, 2932897)),
    R(itav_participant_set_vog_date, "INT32_MAX", EINVAL_, I(1, INT32_MAX)),
    R(itav_participant_set_trained, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_trained, "trained 2", EINVAL_, I(1, 2)),
    R(itav_participant_set_trained, "trained -1", EINVAL_, I(1, -1)),
    R(itav_participant_set_capacity, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_capacity, "capacity 0", EINVAL_, I(1, 0)),
    R(itav_participant_set_capacity, "capacity -1", EINVAL_, I(1, -1)),
    R(itav_participant_set_capacity, "capacity 101", EINVAL_, I(1, 101)),
    R(itav_participant_set_capacity, "capacity INT_MIN", EINVAL_, I(1, INT_MIN)),
    R(itav_participant_set_capacity, "capacity INT_MAX", EINVAL_, I(1, INT_MAX)),
    R(itav_participant_set_capacity, "capacity 2 on the asking side", EINVAL_, I(1, 2), I(2, 1)),
    R(itav_participant_set_registered, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_registered, "a date in 1899", EINVAL_, I(1, -25568)),
    R(itav_participant_set_registered, "INT32_MAX", EINVAL_, I(1, INT32_MAX)),
    R(itav_participant_set_registered, "INT32_MIN + 1", EINVAL_, I(1, INT32_MIN + 1)),
    R(itav_participant_set_max_distance, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_set_max_distance, "-1 metres", EINVAL_, F(1, -1)),
    R(itav_participant_set_max_distance, "NaN metres", EINVAL_, F(1, NAN)),
    R(itav_participant_set_max_distance, "infinite metres", EINVAL_, F(1, INFINITY)),
    R(itav_participant_set_max_distance, "20000001 metres", EINVAL_, F(1, 20000001)),
    R(itav_participant_add_exclusion, "NULL participant", EINVAL_, NUL(0)),
    R(itav_participant_add_exclusion, "NULL ref", EINVAL_, NUL(1)),
    BAD_PREF(itav_participant_add_exclusion, 1, "ref", EINVAL_),
    R(itav_participant_add_exclusion, "its own ref", EINVAL_, S(1, "p-x")),
    R(itav_participant_clear_exclusions, "NULL participant", EINVAL_, NUL(0)),
    R(itav_language_known, "NULL", RET(0), NUL(0)),
    R(itav_language_known, "empty", RET(0), S(0, "")),
    R(itav_language_known, "xx", RET(0), S(0, "xx")),
    R(itav_language_known, "capitals", RET(0), S(0, "NL")),
    R(itav_language_known, "three letters not in ISO 639-3", RET(0), S(0, "qqq")),
    R(itav_language_known, "four letters", RET(0), S(0, "nlds")),
    R(itav_language_canonical, "NULL", RNULL, NUL(0)),
    R(itav_language_canonical, "empty", RNULL, S(0, "")),
    R(itav_language_canonical, "capitals", RNULL, S(0, "NLD")),
    R(itav_language_canonical, "unknown", RNULL, S(0, "qqq")),
    R(itav_language_canonical, "too long", RNULL, S(0, "nlds")),
    R(itav_language_known, "a known code and more", RET(0), S(0, "nl ")),
    R(itav_language_known, "invalid UTF-8", RET(0), S(0, U_TRUNC)),
    R(itav_language_known, "overlong text", RET(0), S(0, TEXT65537)),

    /* participants: in a store */
    R(itav_participant_get, "NULL out", EINVAL_, NUL(0), M("no place for the participant")),
    R(itav_participant_get, "NULL db", EINVAL_, NUL(1)),
    R(itav_participant_get, "NULL ref", EINVAL_, NUL(2), M("no participant reference")),
    BAD_PREF(itav_participant_get, 2, "ref", E(ITAV_ENOTFOUND), M("no participant \"")),
    R(itav_participant_create, "NULL db", EINVAL_, NUL(0)),
    R(itav_participant_create, "NULL participant", EINVAL_, NUL(1), M("no participant")),
    R(itav_participant_create, "an offer not in the store", E(ITAV_ENOTFOUND), I(1, 1),
      M("no-such-offer")),
    R(itav_participant_create, "a ref already stored", E(ITAV_EEXISTS), I(1, 2),
      M("\"" FX_ASK2 "\"")),
    R(itav_participant_create, "starting as matched", E(ITAV_ESTATE), I(1, 3), M("matched")),
    R(itav_participant_update, "NULL db", EINVAL_, NUL(0)),
    R(itav_participant_update, "NULL participant", EINVAL_, NUL(1), M("no participant")),
    R(itav_participant_update, "a participant not stored", E(ITAV_ENOTFOUND),
      M("no participant \"p-x\"")),
    R(itav_participant_update, "an offer not in the store", E(ITAV_ENOTFOUND), I(1, 6),
      M("participant \"" FX_ASK2 "\": no offer \"no-such-offer\"")),
    R(itav_participant_update, "another offer while it has matches", E(ITAV_EINUSE), I(1, 5),
      M("participant \"" FX_ASK "\" has matches: its offer cannot change")),
    R(itav_participant_delete, "NULL db", EINVAL_, NUL(0)),
    R(itav_participant_delete, "NULL ref", EINVAL_, NUL(1), M("no participant reference")),
    BAD_PREF(itav_participant_delete, 1, "ref", E(ITAV_ENOTFOUND), M("no participant \"")),
    R(itav_participant_delete, "a participant with matches", E(ITAV_EINUSE), S(1, FX_ASK),
      M(FX_ASK)),
    R(itav_participant_set_status, "NULL db", EINVAL_, NUL(0)),
    R(itav_participant_set_status, "NULL ref", EINVAL_, NUL(1), M("no participant reference")),
    BAD_PREF(itav_participant_set_status, 1, "ref", E(ITAV_ENOTFOUND), M("no participant \"")),
    BAD_ENUM(itav_participant_set_status, 2, "status", ITAV_PSTATUS_ERASED, EINVAL_,
             M("\"" FX_ASK2 "\": unknown status")),
    R(itav_participant_set_status, "status 0", EINVAL_, I(2, 0), M("unknown status 0")),
    R(itav_participant_set_status, "status matched (only matches set it)", E(ITAV_ESTATE),
      I(2, ITAV_PSTATUS_MATCHED), M("cannot go from waiting to matched")),
    R(itav_participant_set_status, "status erased (only erasure sets it)", E(ITAV_ESTATE),
      I(2, ITAV_PSTATUS_ERASED), M("cannot go from waiting to erased")),
    R(itav_participant_set_status, "ITAV_DATE_NONE", EINVAL_, I(3, ITAV_DATE_NONE),
      M("the date of the change must be")),
    R(itav_participant_set_status, "a date in year 10000", EINVAL_, I(3, 2932897),
      M("the date of the change must be")),
    R(itav_participant_set_status, "a date before the current status date", EINVAL_,
      I(3, 18000), M("2019-04-14 is before the current status date 2021-01-02")),
    R(itav_participant_set_status, "an illegal move (waiting to intake)", E(ITAV_ESTATE),
      I(2, ITAV_PSTATUS_INTAKE), M("cannot go from waiting to intake; legal: inactive")),
    R(itav_participant_erase, "NULL db", EINVAL_, NUL(0)),
    R(itav_participant_erase, "NULL ref", EINVAL_, NUL(1), M("no participant reference")),
    BAD_PREF(itav_participant_erase, 1, "ref", E(ITAV_ENOTFOUND), M("no participant \"")),
    R(itav_participant_erase_at, "NULL db", EINVAL_, NUL(0)),
    R(itav_participant_erase_at, "NULL ref", EINVAL_, NUL(1), M("no participant reference")),
    BAD_PREF(itav_participant_erase_at, 1, "ref", E(ITAV_ENOTFOUND), M("no participant \"")),
    R(itav_participant_erase_at, "a date in year 10000", EINVAL_, I(2, 2932897),
      M("the erasure date must be a date in years 1900-9999")),
    R(itav_participant_erase_at, "a date before the status date", EINVAL_, S(1, FX_ASK2),
      I(2, 18000), M("the erasure date 2019-04-14 is before the status date")),
    R(itav_erasure_free, "NULL", RVOID, NUL(0)),
    R(itav_erasure_ref, "NULL report", RNULL, NUL(0)),
    R(itav_erasure_date, "NULL report", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_erasure_closed_count, "NULL report", RET(0), NUL(0)),
    R(itav_erasure_closed, "NULL report", RNULL, NUL(0)),
    R(itav_participant_list, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_participant_list, "NULL db", EINVAL_, NUL(1)),
    R(itav_participant_list, "filter version 0", E(ITAV_EVERSION), I(2, 0), M("version 0")),
    R(itav_participant_list, "filter version 2", E(ITAV_EVERSION), I(2, 2), M("version 2")),
    R(itav_participant_list, "filter side 3", EINVAL_, I(3, 3), M("filter: unknown side 3")),
    R(itav_participant_list, "filter side -1", EINVAL_, I(3, -1), M("filter: unknown side -1")),
    R(itav_participant_list, "filter status 10", EINVAL_, I(4, 10),
      M("filter: unknown status 10")),
    R(itav_participant_list, "filter status INT_MAX", EINVAL_, I(4, INT_MAX),
      M("filter: unknown status 2147483647")),
    R(itav_participant_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_participant_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_participant_iter_free, "NULL", RVOID, NUL(0)),

    /* matches */
    R(itav_match_free, "NULL", RVOID, NUL(0)),
    R(itav_match_id, "NULL match", RNULL, NUL(0)),
    R(itav_match_offer, "NULL match", RNULL, NUL(0)),
    R(itav_match_asking, "NULL match", RNULL, NUL(0)),
    R(itav_match_supporting, "NULL match", RNULL, NUL(0)),
    R(itav_match_get_state, "NULL match", RET(0), NUL(0)),
    R(itav_match_score, "NULL match", RDBL(-1), NUL(0)),
    R(itav_match_previous, "NULL match", RNULL, NUL(0)),
    R(itav_match_reason, "NULL match", RET(0), NUL(0)),
    R(itav_match_start, "NULL match", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_match_transition_count, "NULL match", RSIZE(0), NUL(0)),
    R(itav_match_transition, "NULL match", EINVAL_, NUL(0)),
    R(itav_match_transition, "index past the end", E(ITAV_ERANGE), I(1, 4)),
    R(itav_match_transition, "index SIZE_MAX", E(ITAV_ERANGE), I(1, SIZE_HUGE)),
    R(itav_match_get, "NULL out", EINVAL_, NUL(0), M("no place for the match")),
    R(itav_match_get, "NULL db", EINVAL_, NUL(1)),
    R(itav_match_get, "NULL id", EINVAL_, NUL(2), M("no match id")),
    BAD_ID(itav_match_get, 2, "id", E(ITAV_ENOTFOUND), M("no match \"")),
    R(itav_match_propose, "NULL db", EINVAL_, NUL(1)),
    R(itav_match_propose, "NULL asking", EINVAL_, NUL(2), M("for the asking side")),
    R(itav_match_propose, "NULL supporting", EINVAL_, NUL(3), M("for the supporting side")),
    BAD_PREF(itav_match_propose, 2, "asking ref", E(ITAV_ENOTFOUND), M("no participant \"")),
    BAD_PREF(itav_match_propose, 3, "supporting ref", E(ITAV_ENOTFOUND),
             M("no participant \"")),
    R(itav_match_propose, "the sides swapped", EINVAL_, S(2, FX_SUP), S(3, FX_ASK2),
      M("\"" FX_SUP "\" is on the supporting side")),
    R(itav_match_propose, "two asking participants", EINVAL_, S(3, FX_ASK),
      M("\"" FX_ASK "\" is on the asking side")),
    R(itav_match_propose, "ITAV_DATE_NONE", EINVAL_, I(4, ITAV_DATE_NONE),
      M("the proposal date must be")),
    R(itav_match_propose, "a date in 1899", EINVAL_, I(4, -25568), M("the proposal date must be")),
    R(itav_match_propose, "a date before the status dates", EINVAL_, I(4, 18000),
      M("2019-04-14 is before the status date 2021-01-02 of participant \"" FX_ASK2 "\"")),
    BAD_ENUM(itav_match_propose, 5, "actor", ITAV_ACTOR_SYSTEM, EINVAL_, M("unknown actor")),
    R(itav_match_propose, "actor 0", EINVAL_, I(5, 0), M("unknown actor 0")),
    BAD_TEXT(itav_match_propose, 6, "note", EINVAL_, M("note")),
    BAD_OPTIONS(itav_match_propose, 7),
    R(itav_match_propose, "a pair with an open match", E(ITAV_ESTATE), S(2, FX_ASK),
      M("constraint \"status\"")),
    R(itav_match_propose, "an asking participant of another offer", E(ITAV_ESTATE),
      S(2, FX_ASKB), M("constraint \"offer\"")),
    R(itav_match_advance, "NULL db", EINVAL_, NUL(0)),
    R(itav_match_advance, "NULL id", EINVAL_, NUL(1), M("no match id")),
    BAD_ID(itav_match_advance, 1, "id", E(ITAV_ENOTFOUND), M("no match \"")),
    BAD_ENUM(itav_match_advance, 2, "state", ITAV_MATCH_ENDED_EARLY, EINVAL_,
             M("\"" FX_MATCH "\": unknown state")),
    R(itav_match_advance, "state 0", EINVAL_, I(2, 0), M("unknown state 0")),
    R(itav_match_advance, "ITAV_DATE_NONE", EINVAL_, I(3, ITAV_DATE_NONE),
      M("the date of the move must be")),
    R(itav_match_advance, "a date in year 10000", EINVAL_, I(3, 2932897),
      M("the date of the move must be")),
    R(itav_match_advance, "a date before the last move", EINVAL_, I(3, 18000),
      M("2019-04-14 is before the last move on 2021-04-11")),
    BAD_ENUM(itav_match_advance, 4, "actor", ITAV_ACTOR_SYSTEM, EINVAL_, M("unknown actor")),
    R(itav_match_advance, "actor 0", EINVAL_, I(4, 0), M("unknown actor 0")),
    BAD_ENUM(itav_match_advance, 5, "reason", ITAV_END_OTHER, EINVAL_, M("is unknown"),
             I(2, ITAV_MATCH_ENDED_EARLY)),
    R(itav_match_advance, "ended early without a reason", EINVAL_, I(2, ITAV_MATCH_ENDED_EARLY),
      M("ended_early needs a reason")),
    R(itav_match_advance, "completed with a reason", EINVAL_, I(5, ITAV_END_MOVED),
      M("only declined and ended_early take a reason, not completed")),
    BAD_TEXT(itav_match_advance, 6, "note", EINVAL_, M("the note is not valid UTF-8")),
    R(itav_match_advance, "an illegal move (active to trial)", E(ITAV_ESTATE),
      I(2, ITAV_MATCH_TRIAL), M("is active; legal moves: completed, ended_early")),
    R(itav_match_advance, "the same state again", E(ITAV_ESTATE), I(2, ITAV_MATCH_ACTIVE),
      M("is active; legal moves: completed, ended_early")),
    R(itav_match_skip_evaluation, "NULL db", EINVAL_, NUL(0)),
    R(itav_match_skip_evaluation, "NULL id", EINVAL_, NUL(1), M("no match id")),
    BAD_ID(itav_match_skip_evaluation, 1, "id", E(ITAV_ENOTFOUND), M("no match \"")),
    R(itav_match_skip_evaluation, "ITAV_DATE_NONE", EINVAL_, I(2, ITAV_DATE_NONE),
      M("the date of the move must be")),
    BAD_ENUM(itav_match_skip_evaluation, 3, "actor", ITAV_ACTOR_SYSTEM, EINVAL_,
             M("unknown actor")),
    R(itav_match_skip_evaluation, "actor 0", EINVAL_, I(3, 0), M("unknown actor 0")),
    R(itav_match_skip_evaluation, "NULL note", EINVAL_, NUL(4), M("needs a note that says why")),
    R(itav_match_skip_evaluation, "a note of white space", EINVAL_, S(4, " \t\n"),
      M("needs a note that says why")),
    BAD_TEXT(itav_match_skip_evaluation, 4, "note", EINVAL_, M("the note is not valid UTF-8")),
    R(itav_match_skip_evaluation, "a match not in trial", E(ITAV_ESTATE),
      M("is active; only a match in trial has an evaluation to skip")),
    BAD_ENUM(itav_match_move_legal, 0, "from", ITAV_MATCH_ENDED_EARLY, RET(0)),
    BAD_ENUM(itav_match_move_legal, 1, "to", ITAV_MATCH_ENDED_EARLY, RET(0)),
    R(itav_match_move_legal, "from 0", RET(0), I(0, 0)),
    R(itav_match_move_legal, "to 0", RET(0), I(1, 0)),
    R(itav_match_move_legal, "out of a closed state", RET(0), I(0, ITAV_MATCH_COMPLETED),
      I(1, ITAV_MATCH_ACTIVE)),
    R(itav_match_list, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_match_list, "NULL db", EINVAL_, NUL(1)),
    R(itav_match_list, "filter version 0", E(ITAV_EVERSION), I(2, 0), M("version 0")),
    R(itav_match_list, "filter version 2", E(ITAV_EVERSION), I(2, 2), M("version 2")),
    R(itav_match_list, "filter state 8", EINVAL_, I(3, 8), M("match filter: unknown state 8")),
    R(itav_match_list, "filter state -1", EINVAL_, I(3, -1), M("match filter: unknown state -1")),
    R(itav_match_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_match_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_match_iter_free, "NULL", RVOID, NUL(0)),

    /* what falls due */
    R(itav_match_due, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_match_due, "NULL db", EINVAL_, NUL(1)),
    R(itav_match_due, "ITAV_DATE_NONE", EINVAL_, I(3, ITAV_DATE_NONE),
      M("the as-of date must be a date")),
    R(itav_match_due, "a date in 1899", EINVAL_, I(3, -25568), M("the as-of date must be a date")),
    R(itav_match_due, "within -1 days", EINVAL_, I(4, -1), M("within_days is -1")),
    R(itav_match_due, "within INT_MIN days", EINVAL_, I(4, INT_MIN),
      M("within_days is -2147483648")),
    R(itav_match_due, "within INT_MAX days (past year 9999; no overflow)", E(ITAV_OK),
      I(4, INT_MAX)),
    R(itav_participant_due, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_participant_due, "NULL db", EINVAL_, NUL(1)),
    R(itav_participant_due, "ITAV_DATE_NONE", EINVAL_, I(3, ITAV_DATE_NONE),
      M("the as-of date must be a date")),
    R(itav_participant_due, "within -1 days", EINVAL_, I(4, -1), M("within_days is -1")),
    R(itav_participant_due, "within INT_MAX days (past year 9999; no overflow)", E(ITAV_OK),
      I(4, INT_MAX)),
    R(itav_due_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_due_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_due_iter_free, "NULL", RVOID, NUL(0)),
    R(itav_due_free, "NULL", RVOID, NUL(0)),
    R(itav_due_match, "NULL item", RNULL, NUL(0)),
    R(itav_due_participant, "NULL item", RNULL, NUL(0)),
    R(itav_due_get_kind, "NULL item", RET(0), NUL(0)),
    R(itav_due_date, "NULL item", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_due_overdue_days, "NULL item", RET(0), NUL(0)),
    R(itav_due_since, "NULL item", RET(ITAV_DATE_NONE), NUL(0)),

    /* matching */
    R(itav_match_options_init, "NULL", EINVAL_, NUL(0)),
    R(itav_suggestion_free, "NULL", RVOID, NUL(0)),
    R(itav_suggestion_asking, "NULL suggestion", RNULL, NUL(0)),
    R(itav_suggestion_supporting, "NULL suggestion", RNULL, NUL(0)),
    R(itav_suggestion_score, "NULL suggestion", RDBL(-1), NUL(0)),
    R(itav_suggestion_excluded, "NULL suggestion", RET(0), NUL(0)),
    R(itav_suggestion_distance, "NULL suggestion", RDBL(-1), NUL(0)),
    R(itav_suggestion_criterion, "NULL suggestion", EINVAL_, NUL(0)),
    BAD_ENUM(itav_suggestion_criterion, 1, "criterion", ITAV_CRITERION_WAITING, EINVAL_),
    R(itav_suggestion_criterion, "criterion 0", EINVAL_, I(1, 0)),
    R(itav_match_score_pair, "NULL out", EINVAL_, NUL(0), M("no place for the suggestion")),
    R(itav_match_score_pair, "NULL db", EINVAL_, NUL(1)),
    R(itav_match_score_pair, "NULL asking", EINVAL_, NUL(2), M("no asking reference")),
    R(itav_match_score_pair, "NULL supporting", EINVAL_, NUL(3), M("no supporting reference")),
    BAD_PREF(itav_match_score_pair, 2, "asking ref", E(ITAV_ENOTFOUND), M("no participant \"")),
    BAD_PREF(itav_match_score_pair, 3, "supporting ref", E(ITAV_ENOTFOUND),
             M("no participant \"")),
    R(itav_match_score_pair, "the sides swapped", EINVAL_, S(2, FX_SUP), S(3, FX_ASK2),
      M("supporting side")),
    BAD_OPTIONS_AS_OF(itav_match_score_pair, 4),
    R(itav_match_suggest, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_match_suggest, "NULL db", EINVAL_, NUL(1)),
    R(itav_match_suggest, "NULL asking", EINVAL_, NUL(2), M("asking participant")),
    BAD_PREF(itav_match_suggest, 2, "asking ref", E(ITAV_ENOTFOUND), M("no participant \"")),
    R(itav_match_suggest, "a supporting participant", EINVAL_, S(2, FX_SUP), M(FX_SUP)),
    R(itav_match_suggest, "k 0", EINVAL_, I(3, 0), M("k must be 1 to 1000, not 0")),
    R(itav_match_suggest, "k 1001", EINVAL_, I(3, 1001), M("k must be 1 to 1000, not 1001")),
    R(itav_match_suggest, "k SIZE_MAX", EINVAL_, I(3, SIZE_HUGE), M("k must be 1 to 1000")),
    BAD_OPTIONS_AS_OF(itav_match_suggest, 4),
    R(itav_suggestion_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_suggestion_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_suggestion_iter_free, "NULL", RVOID, NUL(0)),
    R(itav_match_assign, "NULL out", EINVAL_, NUL(0), M("no place for the assignment")),
    R(itav_match_assign, "NULL db", EINVAL_, NUL(1)),
    R(itav_match_assign, "NULL offer", EINVAL_, NUL(2), M("offer")),
    BAD_ID(itav_match_assign, 2, "offer id", E(ITAV_ENOTFOUND), M("no offer \"")),
    BAD_OPTIONS_AS_OF(itav_match_assign, 3),
    R(itav_match_assign, "flags 2", EINVAL_, I(4, 2), M("flags must be ITAV_ASSIGN_DRY_RUN")),
    R(itav_match_assign, "flags UINT_MAX", EINVAL_, I(4, UINT_MAX),
      M("flags must be ITAV_ASSIGN_DRY_RUN")),
    R(itav_match_assign, "ITAV_DATE_NONE", EINVAL_, I(5, ITAV_DATE_NONE),
      M("assignment: the date must be")),
    R(itav_match_assign, "a date in year 10000", EINVAL_, I(5, 2932897),
      M("assignment: the date must be")),
    R(itav_match_assign, "a date before the waiting participant's status date", EINVAL_,
      I(5, 18000), M("the status date 2021-01-02 of participant \"" FX_ASK2 "\"")),
    R(itav_assignment_free, "NULL", RVOID, NUL(0)),
    R(itav_assignment_count, "NULL assignment", RSIZE(0), NUL(0)),
    R(itav_assignment_pair, "NULL assignment", RNULL, NUL(0)),
    R(itav_assignment_pair, "index past the end", RNULL, I(1, 1)),
    R(itav_assignment_pair, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_assignment_match_id, "NULL assignment", RNULL, NUL(0)),
    R(itav_assignment_match_id, "after a dry run", RNULL, I(1, 0)),
    R(itav_assignment_match_id, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_assignment_unmatched_count, "NULL assignment", RSIZE(0), NUL(0)),
    R(itav_assignment_unmatched, "NULL assignment", RNULL, NUL(0)),
    R(itav_assignment_unmatched, "index past the end", RNULL, I(1, 5)),
    R(itav_assignment_unmatched, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_assignment_total, "NULL assignment", RDBL(0), NUL(0)),
};

const row_table rows_people = {rows, sizeof rows / sizeof *rows};
