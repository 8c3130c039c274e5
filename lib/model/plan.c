/* Match plans: the object, its place on interventions and offers, and the plan that holds
 * for an offer. A source is only ever attached to a value: clearing a field clears its
 * source, and a field without a value cannot be given one. */
#include "model/model_int.h"

#define MONTHS_MAX 1200
#define DISTANCE_MAX_M 20000000L
#define DAYS_MAX 36500 /* a hundred years: any real limit, and no overflow in date sums */
/* Bits (1 << c) for the criteria c = 1..ITAV_CRITERION_COUNT. */
#define CRITERIA_ALL (((1L << (ITAV_CRITERION_COUNT + 1)) - 1) & ~1L)

static bool field_ok(itav_plan_field field)
{
    return field >= ITAV_PLAN_TRIAL && field <= ITAV_PLAN_FIELD_COUNT;
}

bool itav__plan_range(itav_plan_field field, long *lo, long *hi)
{
    switch (field) {
    case ITAV_PLAN_TRIAL:
    case ITAV_PLAN_VOG:
    case ITAV_PLAN_TRAINING:
    case ITAV_PLAN_FINAL_REVIEW: *lo = 0, *hi = 1; return true;
    case ITAV_PLAN_TRIAL_MONTHS:
    case ITAV_PLAN_REVIEW_MONTHS:
    case ITAV_PLAN_MAX_MONTHS: *lo = 1, *hi = MONTHS_MAX; return true;
    case ITAV_PLAN_VOG_VALID_MONTHS: *lo = 0, *hi = MONTHS_MAX; return true;
    case ITAV_PLAN_MAX_DISTANCE_M: *lo = 1, *hi = DISTANCE_MAX_M; return true;
    case ITAV_PLAN_PROPOSAL_DAYS: *lo = 0, *hi = DAYS_MAX; return true;
    case ITAV_PLAN_CRITERIA: break;
    }
    return false;
}

bool itav__plan_value_ok(itav_plan_field field, long value)
{
    long lo, hi;
    if (!field_ok(field))
        return false;
    if (value == ITAV_PLAN_UNSET)
        return true;
    if (field == ITAV_PLAN_CRITERIA)
        return value > 0 && !(value & ~CRITERIA_ALL);
    return itav__plan_range(field, &lo, &hi) && value >= lo && value <= hi;
}

int32_t itav__vog_expires(const itav_plan *plan, int32_t vog_date)
{
    long months = itav_plan_get(plan, ITAV_PLAN_VOG_VALID_MONTHS);
    int32_t last;
    if (months == ITAV_PLAN_UNSET || itav__add_months(&last, vog_date, months) != ITAV_OK ||
        last == INT32_MAX)
        return INT32_MAX;
    return last + 1;
}

ITAV_API int itav_plan_new(itav_plan **out)
{
    if (!out)
        return ITAV_EINVAL;
    itav_plan *p = itav__calloc(1, sizeof *p);
    if (!p)
        return ITAV_ENOMEM;
    for (int f = 0; f <= ITAV_PLAN_FIELD_COUNT; f++)
        p->value[f] = ITAV_PLAN_UNSET;
    *out = p;
    return ITAV_OK;
}

ITAV_API void itav_plan_free(itav_plan *plan)
{
    if (!plan)
        return;
    for (int f = 0; f <= ITAV_PLAN_FIELD_COUNT; f++)
        itav__free(plan->source[f]);
    itav__free(plan);
}

/* Copies value and source of one field; dst unchanged on ENOMEM. */
static int copy_field(itav_plan *dst, const itav_plan *src, int f)
{
    char *ref = NULL;
    if (src->source[f] && !(ref = itav__strdup(src->source[f])))
        return ITAV_ENOMEM;
    itav__free(dst->source[f]);
    dst->source[f] = ref;
    dst->value[f] = src->value[f];
    return ITAV_OK;
}

ITAV_API int itav_plan_dup(itav_plan **out, const itav_plan *plan)
{
    itav_plan *c;
    if (!out || !plan)
        return ITAV_EINVAL;
    int rc = itav_plan_new(&c);
    for (int f = 1; rc == ITAV_OK && f <= ITAV_PLAN_FIELD_COUNT; f++)
        if ((rc = copy_field(c, plan, f)) != ITAV_OK)
            itav_plan_free(c);
    if (rc == ITAV_OK)
        *out = c;
    return rc;
}

ITAV_API long itav_plan_get(const itav_plan *plan, itav_plan_field field)
{
    return plan && field_ok(field) ? plan->value[field] : ITAV_PLAN_UNSET;
}

ITAV_API int itav_plan_set(itav_plan *plan, itav_plan_field field, long value)
{
    if (!plan || !itav__plan_value_ok(field, value))
        return ITAV_EINVAL;
    plan->value[field] = value;
    if (value == ITAV_PLAN_UNSET) {
        itav__free(plan->source[field]);
        plan->source[field] = NULL;
    }
    return ITAV_OK;
}

ITAV_API const char *itav_plan_source(const itav_plan *plan, itav_plan_field field)
{
    return plan && field_ok(field) ? plan->source[field] : NULL;
}

ITAV_API int itav_plan_set_source(itav_plan *plan, itav_plan_field field, const char *ref)
{
    if (!plan || !field_ok(field))
        return ITAV_EINVAL;
    if (ref && *ref && (!itav__valid_ref(ref) || plan->value[field] == ITAV_PLAN_UNSET))
        return ITAV_EINVAL;
    return itav__set_text(&plan->source[field], ref);
}

static bool plan_empty(const itav_plan *plan)
{
    for (int f = 1; f <= ITAV_PLAN_FIELD_COUNT; f++)
        if (plan->value[f] != ITAV_PLAN_UNSET)
            return false;
    return true;
}

int itav__plan_replace(itav_plan **slot, const itav_plan *src)
{
    itav_plan *c = NULL;
    /* a plan that sets nothing says nothing: it is stored (and exported) as none */
    if (src && !plan_empty(src)) {
        int rc = itav_plan_dup(&c, src);
        if (rc != ITAV_OK)
            return rc;
    }
    itav_plan_free(*slot);
    *slot = c;
    return ITAV_OK;
}

ITAV_API const itav_plan *itav_intervention_plan(const itav_intervention *iv)
{
    return iv ? iv->plan : NULL;
}

ITAV_API int itav_intervention_set_plan(itav_intervention *iv, const itav_plan *plan)
{
    return iv ? itav__plan_replace(&iv->plan, plan) : ITAV_EINVAL;
}

ITAV_API const itav_plan *itav_offer_plan(const itav_offer *of) { return of ? of->plan : NULL; }

ITAV_API int itav_offer_set_plan(itav_offer *of, const itav_plan *plan)
{
    return of ? itav__plan_replace(&of->plan, plan) : ITAV_EINVAL;
}

ITAV_API int itav_plan_effective(itav_plan **out, itav_db *db, const char *offer)
{
    itav_offer *of = NULL;
    itav_intervention *iv = NULL;
    itav_plan *p = NULL;
    if (!db)
        return ITAV_EINVAL;
    if (!out || !offer)
        return itav__error(db, ITAV_EINVAL, out ? N_("no offer id given")
                                                : N_("no place for the plan given"));
    /* plain reads, no transaction: callers may already hold one */
    int rc = itav_offer_get(&of, db, offer);
    if (rc == ITAV_OK)
        rc = itav_intervention_get(&iv, db, of->intervention);
    if (rc == ITAV_OK)
        rc = iv->plan ? itav_plan_dup(&p, iv->plan) : itav_plan_new(&p);
    for (int f = 1; rc == ITAV_OK && of->plan && f <= ITAV_PLAN_FIELD_COUNT; f++)
        if (of->plan->value[f] != ITAV_PLAN_UNSET)
            rc = copy_field(p, of->plan, f);
    if (rc == ITAV_ENOMEM)
        itav__error(db, rc, "out of memory computing the plan of offer \"%s\"", offer);
    if (rc == ITAV_OK)
        *out = p;
    else
        itav_plan_free(p);
    itav_intervention_free(iv);
    itav_offer_free(of);
    return rc;
}
