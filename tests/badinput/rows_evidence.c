/* Rows for outcomes of interventions (outcome.h) and milestones of offers (milestone.h). */
#include "families.h"

#include <stdint.h>

/* An outcome and a milestone made for one call and freed after it. */
static itav_outcome *new_outcome(fx *f)
{
    itav_outcome *o = NULL;
    if (itav_outcome_new(&o, ITAV_OUTCOME_FOLLOW_UP, fx_figure(f)) != ITAV_OK)
        fx_fail(f, "cannot make an outcome");
    return o;
}

static itav_milestone *new_milestone(void)
{
    itav_milestone *m = NULL;
    itav_milestone_new(&m, ITAV_MILESTONE_ACHIEVED, ITAV_DATE_NONE, "2020", "Opened.");
    itav_milestone_set_text(m, "geopend");
    itav_milestone_set_source(m, "000:L267");
    return m;
}

#define IV P(0, fx_intervention(f))
#define OF P(0, fx_offer(f))

/* ---- outcomes ---- */

ADAPT(itav_outcome_new)
{
    itav_outcome *out = NULL;
    int rc = itav_outcome_new(P(0, &out), (itav_outcome_kind)NUM(1, ITAV_OUTCOME_STUDY),
                              P(2, fx_figure(f)));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_outcome_free(out);
    return r_code(rc);
}
ADAPT(itav_outcome_free)
{
    itav_outcome_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_outcome_get_kind)
{
    itav_outcome *o = new_outcome(f);
    res x = r_int(itav_outcome_get_kind(P(0, o)));
    itav_outcome_free(o);
    return x;
}
ADAPT(itav_outcome_get_figure)
{
    itav_outcome *o = new_outcome(f);
    res x = r_ptr(itav_outcome_get_figure(P(0, o)));
    itav_outcome_free(o);
    return x;
}
ADAPT(itav_intervention_outcome_count) { return r_size(itav_intervention_outcome_count(IV)); }
ADAPT(itav_intervention_outcome)
{
    return r_ptr(itav_intervention_outcome(IV, (size_t)NUM(1, 0)));
}
ADAPT(itav_intervention_add_outcome)
{
    itav_outcome *o = new_outcome(f);
    res x = r_code(itav_intervention_add_outcome(IV, P(1, o)));
    itav_outcome_free(o);
    return x;
}
ADAPT(itav_intervention_remove_outcome)
{
    return r_code(itav_intervention_remove_outcome(IV, (size_t)NUM(1, 0)));
}

/* ---- milestones ---- */

ADAPT(itav_milestone_new)
{
    itav_milestone *out = NULL;
    int rc = itav_milestone_new(P(0, &out),
                                (itav_milestone_status)NUM(1, ITAV_MILESTONE_DELAYED),
                                (int32_t)NUM(2, ITAV_DATE_NONE), TXT(3, "2020"),
                                TXT(4, "Slowed down."));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_milestone_free(out);
    return r_code(rc);
}
ADAPT(itav_milestone_free)
{
    itav_milestone_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_milestone_set_text)
{
    itav_milestone *m = new_milestone();
    res x = r_code(itav_milestone_set_text(P(0, m), TXT(1, "geopend")));
    itav_milestone_free(m);
    return x;
}
ADAPT(itav_milestone_set_source)
{
    itav_milestone *m = new_milestone();
    res x = r_code(itav_milestone_set_source(P(0, m), TXT(1, "000:L267")));
    itav_milestone_free(m);
    return x;
}
#define MILESTONE_GETTER(name, wrap)                                                          \
    ADAPT(name)                                                                               \
    {                                                                                         \
        itav_milestone *m = new_milestone();                                                  \
        res x = wrap(name(P(0, m)));                                                          \
        itav_milestone_free(m);                                                               \
        return x;                                                                             \
    }
MILESTONE_GETTER(itav_milestone_get_status, r_int)
MILESTONE_GETTER(itav_milestone_get_date, r_int)
MILESTONE_GETTER(itav_milestone_get_period, r_ptr)
MILESTONE_GETTER(itav_milestone_get_what, r_ptr)
MILESTONE_GETTER(itav_milestone_get_text, r_ptr)
MILESTONE_GETTER(itav_milestone_get_source, r_ptr)
ADAPT(itav_offer_milestone_count) { return r_size(itav_offer_milestone_count(OF)); }
ADAPT(itav_offer_milestone) { return r_ptr(itav_offer_milestone(OF, (size_t)NUM(1, 0))); }
ADAPT(itav_offer_add_milestone)
{
    itav_milestone *m = new_milestone();
    res x = r_code(itav_offer_add_milestone(OF, P(1, m)));
    itav_milestone_free(m);
    return x;
}
ADAPT(itav_offer_remove_milestone)
{
    return r_code(itav_offer_remove_milestone(OF, (size_t)NUM(1, 0)));
}

#define EINVAL_ E(ITAV_EINVAL)
#define SIZE_HUGE ((long long)SIZE_MAX)

static const row rows[] = {
    R(itav_outcome_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_outcome_new, "kind 0", EINVAL_, I(1, 0)),
    BAD_ENUM(itav_outcome_new, 1, "kind", ITAV_OUTCOME_STUDY, EINVAL_),
    R(itav_outcome_new, "NULL figure", EINVAL_, NUL(2)),
    R(itav_outcome_free, "NULL", RVOID, NUL(0)),
    R(itav_outcome_get_kind, "NULL outcome", RET(0), NUL(0)),
    R(itav_outcome_get_figure, "NULL outcome", RNULL, NUL(0)),
    R(itav_intervention_outcome_count, "NULL intervention", RSIZE(0), NUL(0)),
    R(itav_intervention_outcome, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_outcome, "index past the end", RNULL, I(1, 0)),
    R(itav_intervention_outcome, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_intervention_add_outcome, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_add_outcome, "NULL outcome", EINVAL_, NUL(1)),
    R(itav_intervention_remove_outcome, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_remove_outcome, "an empty list", E(ITAV_ERANGE), I(1, 0)),
    R(itav_intervention_remove_outcome, "index SIZE_MAX", E(ITAV_ERANGE), I(1, SIZE_HUGE)),

    R(itav_milestone_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_milestone_new, "status 0", EINVAL_, I(1, 0)),
    BAD_ENUM(itav_milestone_new, 1, "status", ITAV_MILESTONE_PLANNED, EINVAL_),
    R(itav_milestone_new, "neither a date nor a period", EINVAL_, NUL(3)),
    R(itav_milestone_new, "an empty period and no date", EINVAL_, S(3, "")),
    R(itav_milestone_new, "a date before 1900", EINVAL_, I(2, -25568)),
    R(itav_milestone_new, "a date after 9999", EINVAL_, I(2, 2932897)),
    BAD_TEXT(itav_milestone_new, 3, "period", EINVAL_),
    R(itav_milestone_new, "NULL what", EINVAL_, NUL(4)),
    R(itav_milestone_new, "empty what", EINVAL_, S(4, "")),
    BAD_TEXT(itav_milestone_new, 4, "what", EINVAL_),
    R(itav_milestone_free, "NULL", RVOID, NUL(0)),
    R(itav_milestone_set_text, "NULL milestone", EINVAL_, NUL(0)),
    BAD_TEXT(itav_milestone_set_text, 1, "text", EINVAL_),
    R(itav_milestone_set_source, "NULL milestone", EINVAL_, NUL(0)),
    BAD_SOURCE(itav_milestone_set_source, 1, EINVAL_),
    R(itav_milestone_get_status, "NULL milestone", RET(0), NUL(0)),
    R(itav_milestone_get_date, "NULL milestone", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_milestone_get_period, "NULL milestone", RNULL, NUL(0)),
    R(itav_milestone_get_what, "NULL milestone", RNULL, NUL(0)),
    R(itav_milestone_get_text, "NULL milestone", RNULL, NUL(0)),
    R(itav_milestone_get_source, "NULL milestone", RNULL, NUL(0)),
    R(itav_offer_milestone_count, "NULL offer", RSIZE(0), NUL(0)),
    R(itav_offer_milestone, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_milestone, "index past the end", RNULL, I(1, 0)),
    R(itav_offer_milestone, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_offer_add_milestone, "NULL offer", EINVAL_, NUL(0)),
    R(itav_offer_add_milestone, "NULL milestone", EINVAL_, NUL(1)),
    R(itav_offer_remove_milestone, "NULL offer", EINVAL_, NUL(0)),
    R(itav_offer_remove_milestone, "an empty list", E(ITAV_ERANGE), I(1, 0)),
    R(itav_offer_remove_milestone, "index SIZE_MAX", E(ITAV_ERANGE), I(1, SIZE_HUGE)),
};

const row_table rows_evidence = {rows, sizeof rows / sizeof *rows};
