/* Proposing a pair by hand (itav_match_propose): the pair is scored as the suggestions
 * score it and refused with the constraint that excludes it; the match itself is made by the
 * match module. */
#include "matching/matching_int.h"

#include <string.h>

/* What each constraint means, for the message of a refused proposal. */
static const char *constraint_text(itav_constraint c)
{
    switch (c) {
    case ITAV_CONSTRAINT_NONE: break;
    case ITAV_CONSTRAINT_OFFER: return N_("the two are enrolled in different offers");
    case ITAV_CONSTRAINT_STATUS:
        return N_("the asking side must be waiting and the supporting side available or "
                  "matched");
    case ITAV_CONSTRAINT_EXCLUDED: return N_("one side excludes the other");
    case ITAV_CONSTRAINT_DECLINED: return N_("the pair declined each other before");
    case ITAV_CONSTRAINT_OPEN: return N_("the pair already has an open match");
    case ITAV_CONSTRAINT_CAPACITY: return N_("the supporter's capacity is taken");
    case ITAV_CONSTRAINT_SCREENING: return N_("certificate of conduct missing");
    case ITAV_CONSTRAINT_VOG_EXPIRED: return N_("certificate of conduct expired");
    case ITAV_CONSTRAINT_TRAINING: return N_("the plan's training is not done");
    case ITAV_CONSTRAINT_LANGUAGE: return N_("a shared language is required and missing");
    case ITAV_CONSTRAINT_DISTANCE: return N_("the two live too far apart");
    }
    return "";
}

static int check_side(itav_db *db, const itav_participant *p, itav_side side)
{
    if (itav__kind_side(p->kind) == side)
        return ITAV_OK;
    return itav__error(db, ITAV_EINVAL, "participant \"%s\" is on the %s side", p->ref,
                       side == ITAV_SIDE_ASKING ? "supporting" : "asking");
}

static int check_not_before(itav_db *db, const itav_participant *p, int32_t date)
{
    char d[ITAV_DATE_BUFSIZE], s[ITAV_DATE_BUFSIZE];
    if (p->status_date == ITAV_DATE_NONE || date >= p->status_date)
        return ITAV_OK;
    itav_date_format(d, sizeof d, date);
    itav_date_format(s, sizeof s, p->status_date);
    return itav__error(db, ITAV_EINVAL, "the proposal date %s is before the status date %s of "
                       "participant \"%s\"", d, s, p->ref);
}

/* Scores the pair as the matching module would and proposes it if no constraint excludes
 * it; inside the caller's transaction. */
static int propose_in(char **id, itav_db *db, const char *asking_ref,
                      const char *supporting_ref, int32_t date, itav_actor actor,
                      const char *note, const itav_match_options *o)
{
    itav_participant *asking = NULL, *supporting = NULL;
    itav_plan *plan = NULL;
    itav__pair_facts facts;
    itav_suggestion s;
    memset(&s, 0, sizeof s);
    int rc = itav__participant_read(&asking, db, asking_ref);
    if (rc != ITAV_OK || (rc = itav__participant_read(&supporting, db, supporting_ref)) ||
        (rc = check_side(db, asking, ITAV_SIDE_ASKING)) ||
        (rc = check_side(db, supporting, ITAV_SIDE_SUPPORTING)) ||
        (rc = check_not_before(db, asking, date)) ||
        (rc = check_not_before(db, supporting, date)) ||
        (rc = itav_plan_effective(&plan, db, asking->offer)) ||
        (rc = itav__pair_facts_load(&facts, db, asking, supporting)))
        goto done;
    itav__score(&s, asking, supporting, plan, &facts, o);
    if (s.excluded != ITAV_CONSTRAINT_NONE)
        rc = itav__error(db, ITAV_ESTATE, "participants \"%s\" and \"%s\" cannot be matched: "
                         "constraint \"%s\" (%s)", asking_ref, supporting_ref,
                         itav_code_name(ITAV_CODE_CONSTRAINT, (int)s.excluded),
                         itav__tr(db, constraint_text(s.excluded)));
    else
        rc = itav__match_create(id, db, asking, supporting, s.score, date, actor, note);
done:
    itav__suggestion_clear(&s);
    itav_plan_free(plan);
    itav_participant_free(asking);
    itav_participant_free(supporting);
    return rc;
}

ITAV_API int itav_match_propose(char **id, itav_db *db, const char *asking,
                                const char *supporting, int32_t date, itav_actor actor,
                                const char *note, const itav_match_options *options)
{
    itav_match_options in, o;
    if (id)
        *id = NULL;
    if (!db)
        return ITAV_EINVAL;
    if (!asking || !supporting)
        return itav__error(db, ITAV_EINVAL, "no participant reference given for the %s side",
                           asking ? "supporting" : "asking");
    if (!itav__valid_date(date))
        return itav__error(db, ITAV_EINVAL, "the proposal date must be a date in years "
                           "1900-9999");
    if (!itav__valid_actor(actor))
        return itav__error(db, ITAV_EINVAL, "unknown actor %d", (int)actor);
    if (note && !itav__valid_text(note))
        return itav__error(db, ITAV_EINVAL, "the note is not valid UTF-8 text of at most %d "
                           "bytes", ITAV__TEXT_MAX);
    /* The resolver refuses an unknown version before anything else of the struct is read. */
    if (options && (options->version < 1 || options->version > ITAV_MATCH_OPTIONS_VERSION))
        return itav__options_resolve(&o, db, options);
    if (options)
        in = *options;
    else
        itav_match_options_init(&in);
    in.as_of = date;
    int rc = itav__options_resolve(&o, db, &in);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__begin(db)) != ITAV_OK)
        return rc;
    if ((rc = propose_in(id, db, asking, supporting, date, actor, note, &o)) != ITAV_OK) {
        itav__rollback(db);
        return rc;
    }
    if ((rc = itav__commit(db)) != ITAV_OK && id) {
        itav__free(*id);
        *id = NULL;
    }
    return rc;
}

