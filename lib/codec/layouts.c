/* The layout of every stored kind: its struct's fields in record order (docs/storage.md
 * lists them). A field is only ever added at the end of a layout, with the record version
 * raised, so that older records can still be read. Also the record codec that
 * model/model_int.h declares, over these layouts. */
#include "codec/codec_int.h"

#include <limits.h>
#include <stdint.h>

#define MEMBER(T, m) (((T *)0)->m)
#define FX(name, type, T, m, size, lo, hi, count, n, cap, sub, code, nan_ok)                 \
    {name, type, offsetof(T, m), size, lo, hi, count, n, cap, sub, code, #code, nan_ok, 0}
#define F(name, type, T, m, size, lo, hi, count, n, cap, sub, code)                          \
    FX(name, type, T, m, size, lo, hi, count, n, cap, sub, code, false)
/* A signed integer or an enum (code: its code table, whose names are the valid values; 0
 * stays valid as "not set"). */
#define INT(T, m, lo, hi) F(#m, ITAV__F_INT, T, m, sizeof MEMBER(T, m), lo, hi, 0, -1, -1, NULL, 0)
#define CODE(T, m, code)                                                                      \
    F(#m, ITAV__F_INT, T, m, sizeof MEMBER(T, m), 0, INT_MAX, 0, -1, -1, NULL, code)
/* A set of bits, each a value of the code table. */
#define BITS(T, m, code)                                                                      \
    F(#m, ITAV__F_UINT, T, m, sizeof MEMBER(T, m), 0, UINT32_MAX, 0, -1, -1, NULL, code)
#define DATE(T, m) F(#m, ITAV__F_DATE, T, m, sizeof(int32_t), 0, 0, 0, -1, -1, NULL, 0)
#define FLAG(T, m) INT(T, m, 0, 1)
#define BOOL(T, m) F(#m, ITAV__F_BOOL, T, m, sizeof(bool), 0, 0, 0, -1, -1, NULL, 0)
/* Doubles are finite: JSON, the interchange format, has no other. DOUBLE_IN also keeps to
 * [lo, hi]; NAN_OR for the fields where NaN stands for "none". */
#define DOUBLE(T, m) F(#m, ITAV__F_DOUBLE, T, m, sizeof(double), 1, 0, 0, -1, -1, NULL, 0)
#define DOUBLE_IN(T, m, lo, hi)                                                               \
    F(#m, ITAV__F_DOUBLE, T, m, sizeof(double), lo, hi, 0, -1, -1, NULL, 0)
#define NAN_OR(T, m) FX(#m, ITAV__F_DOUBLE, T, m, sizeof(double), 1, 0, 0, -1, -1, NULL, 0, true)
#define TEXT(T, m) F(#m, ITAV__F_TEXT, T, m, sizeof(char *), 0, 0, 0, -1, -1, NULL, 0)
#define CHARS(T, m) F(#m, ITAV__F_CHARS, T, m, sizeof MEMBER(T, m), 0, 0, 0, -1, -1, NULL, 0)
#define STRLIST(T, m) F(#m, ITAV__F_STRLIST, T, m, 0, 0, 0, 0, -1, -1, NULL, 0)
/* Fields that record version v added (at the end of their layout): a list of text, a set of
 * bits up to hi without a code table, a fixed array of text. */
#define STRLIST_SINCE(T, m, v)                                                                \
    {#m, ITAV__F_STRLIST, offsetof(T, m), 0, 0, 0, 0, -1, -1, NULL, 0, "0", false, v}
#define UINT_SINCE(T, m, hi, v)                                                               \
    {#m, ITAV__F_UINT, offsetof(T, m), sizeof MEMBER(T, m), 0, hi, 0, -1, -1, NULL, 0, "0",    \
     false, v}
#define TEXTS_SINCE(T, m, v)                                                                  \
    {#m, ITAV__F_TEXTS, offsetof(T, m), 0, 0, 0, COUNT_OF(T, m), -1, -1, NULL, 0, "0", false,  \
     v}
#define OPTIONAL_SINCE(T, m, sub, v)                                                          \
    {#m, ITAV__F_OPTIONAL, offsetof(T, m), 0, 0, 0, 0, -1, -1, &(sub), 0, "0", false, v}
/* Pointers to sub structs that record version v added, as PTRS below. */
#define PTRS_SINCE(T, m, nm, capm, sub, v)                                                    \
    {#m, ITAV__F_PTRS, offsetof(T, m), 0, 0, 0, 0, (long)offsetof(T, nm),                      \
     (long)offsetof(T, capm), &(sub), 0, "0", false, v}
#define COUNT_OF(T, m) (sizeof MEMBER(T, m) / sizeof MEMBER(T, m)[0])
#define INTS(T, m, lo, hi)                                                                    \
    F(#m, ITAV__F_INTS, T, m, sizeof MEMBER(T, m)[0], lo, hi, COUNT_OF(T, m), -1, -1, NULL, 0)
#define LONGS(T, m) INTS(T, m, LONG_MIN, LONG_MAX)
#define TEXTS(T, m) F(#m, ITAV__F_TEXTS, T, m, 0, 0, 0, COUNT_OF(T, m), -1, -1, NULL, 0)
#define COUNTED(T, m, nm, lo, hi)                                                             \
    F(#m, ITAV__F_COUNTED, T, m, 0, lo, hi, COUNT_OF(T, m), (long)offsetof(T, nm), -1, NULL, 0)
/* Fixed arrays of structs E, even of two dimensions: all of them, row by row. */
#define INLINE(T, m, E, sub)                                                                  \
    F(#m, ITAV__F_INLINE, T, m, 0, 0, 0, sizeof MEMBER(T, m) / sizeof(E), -1, -1, &(sub), 0)
#define ONE(T, m, sub) F(#m, ITAV__F_INLINE, T, m, 0, 0, 0, 1, -1, -1, &(sub), 0)
#define ARRAY(T, m, nm, capm, sub)                                                            \
    F(#m, ITAV__F_ARRAY, T, m, 0, 0, 0, 0, (long)offsetof(T, nm), capm, &(sub), 0)
#define PTRS(T, m, nm, capm, sub)                                                             \
    F(#m, ITAV__F_PTRS, T, m, 0, 0, 0, 0, (long)offsetof(T, nm), (long)offsetof(T, capm),      \
      &(sub), 0)
#define OPTIONAL(T, m, sub) F(#m, ITAV__F_OPTIONAL, T, m, 0, 0, 0, 0, -1, -1, &(sub), 0)
#define CHECKED(var, name, T, fields, freefn, checkfn)                                        \
    static const itav__layout var = {name, sizeof(T), fields,                                 \
                                     sizeof fields / sizeof fields[0], freefn, checkfn, NULL}
#define LAYOUT(var, name, T, fields, freefn) CHECKED(var, name, T, fields, freefn, NULL)

/* The free functions of the types, as the engine calls them. */
static void free_figure(void *p) { itav_figure_free(p); }
static void free_role(void *p) { itav_role_free(p); }
static void free_plan(void *p) { itav_plan_free(p); }
static void free_intervention(void *p) { itav_intervention_free(p); }
static void free_offer(void *p) { itav_offer_free(p); }
static void free_participant(void *p) { itav_participant_free(p); }
static void free_match(void *p) { itav_match_free(p); }
static void free_review(void *p) { itav_review_free(p); }
static void free_indicator(void *p) { itav_indicator_free(p); }
static void free_access(void *p) { itav_access_free(p); }
static void free_outcome(void *p) { itav_outcome_free(p); }
static void free_milestone(void *p) { itav_milestone_free(p); }
static void free_cost(void *p) { itav_cost_free(p); }

/* The model's rules that span fields, for the layouts that have them. */
static const char *figure_check(const void *p)
{
    const itav_figure *f = p;
    return itav__quantity_numbers_ok(f->qualifier, f->min, f->max)
               ? NULL : N_("min and max do not fit the qualifier");
}

static const char *quantity_check(const void *p)
{
    const itav__quantity *q = p;
    return itav__quantity_numbers_ok(q->qualifier, q->min, q->max)
               ? NULL : N_("min and max do not fit the qualifier");
}

static const char *target_check(const void *p)
{
    const itav__target *t = p;
    return itav__target_numbers_ok(t->cmp, t->value, t->high)
               ? NULL : N_("value and high do not fit the comparator");
}

static const char *indicator_check(const void *p)
{
    const itav_indicator *ind = p;
    if (!itav__scale_ok(ind->scale_low, ind->scale_high))
        return N_("scale_low and scale_high are not a scale");
    if (ind->has_baseline && !itav__quantity_numbers_ok(ind->baseline.qualifier,
                                                       ind->baseline.min, ind->baseline.max))
        return N_("the baseline's min and max do not fit its qualifier");
    if (ind->more_municipalities.n && (!ind->derived || !ind->municipality))
        return N_("more_municipalities without a derived indicator's first municipality");
    return NULL;
}

static const char *intervention_check(const void *p)
{
    const itav_intervention *iv = p;
    for (int f = 0; f < ITAV_FACTOR_COUNT; f++)
        if (iv->factor_source[f] && !((iv->factors >> f) & 1u))
            return N_("a factor_source for a factor the practice does not show");
    return NULL;
}

static const char *outcome_check(const void *p)
{
    return ((const itav_outcome *)p)->figure ? NULL : N_("an outcome without its figure");
}

static const char *milestone_check(const void *p)
{
    return itav__milestone_ok(p) ? NULL
                                 : N_("a milestone needs a status, what, and a date or a period");
}

/* ---- parts ---- */

static const itav__field figure_fields[] = {
    TEXT(itav_figure, what), CODE(itav_figure, qualifier, ITAV_CODE_QUALIFIER),
    NAN_OR(itav_figure, min), NAN_OR(itav_figure, max), TEXT(itav_figure, text),
    TEXT(itav_figure, period), TEXT(itav_figure, where), TEXT(itav_figure, note),
    TEXT(itav_figure, source)};
CHECKED(figure_layout, "figure", itav_figure, figure_fields, free_figure, figure_check);

static const itav__field role_fields[] = {
    CODE(itav_role, kind, ITAV_CODE_ROLE), TEXT(itav_role, description),
    FLAG(itav_role, vog), TEXT(itav_role, training)};
LAYOUT(role_layout, "role", itav_role, role_fields, free_role);

/* value and source are indexed by itav_plan_field: the fields up to final_review are the
 * arrays of record version 1 (index 0 unused), each later field follows on its own. */
#define PLAN_V1 (ITAV_PLAN_FINAL_REVIEW + 1)
#define PLAN_DAYS ITAV_PLAN_PROPOSAL_DAYS
static const itav__field plan_fields[] = {
    F("value", ITAV__F_INTS, itav_plan, value, sizeof(long), LONG_MIN, LONG_MAX, PLAN_V1, -1, -1,
      NULL, 0),
    F("source", ITAV__F_TEXTS, itav_plan, source, 0, 0, 0, PLAN_V1, -1, -1, NULL, 0),
    {"proposal_days", ITAV__F_INT, offsetof(itav_plan, value[PLAN_DAYS]), sizeof(long), -1,
     36500, 0, -1, -1, NULL, 0, "0", false, 3},
    {"proposal_days_source", ITAV__F_TEXT, offsetof(itav_plan, source[PLAN_DAYS]),
     sizeof(char *), 0, 0, 0, -1, -1, NULL, 0, "0", false, 3}};

/* A plan of an older record does not say proposal_days: unset, not 0 (never), so that an
 * offer's old plan does not override its intervention's. */
static void plan_older(void *p, long long version)
{
    if (version < 3)
        ((itav_plan *)p)->value[PLAN_DAYS] = ITAV_PLAN_UNSET;
}
static const itav__layout plan_layout = {"plan", sizeof(itav_plan), plan_fields,
    sizeof plan_fields / sizeof plan_fields[0], free_plan, NULL, plan_older};

static const itav__field strlist_fields[] = {STRLIST(itav__strlist, v)};
LAYOUT(strlist_layout, "list", itav__strlist, strlist_fields, NULL);

static const itav__field statement_fields[] = {
    CODE(itav__element_statement, status, ITAV_CODE_STATUS),
    TEXT(itav__element_statement, evidence), TEXT(itav__element_statement, source)};
LAYOUT(statement_layout, "statement", itav__element_statement, statement_fields, NULL);

static const itav__field transition_fields[] = {
    CODE(itav__transition, state, ITAV_CODE_MATCH_STATE), DATE(itav__transition, date),
    CODE(itav__transition, actor, ITAV_CODE_ACTOR), TEXT(itav__transition, note)};
LAYOUT(transition_layout, "transition", itav__transition, transition_fields, NULL);

static const itav__field quantity_fields[] = {
    CODE(itav__quantity, qualifier, ITAV_CODE_QUALIFIER), NAN_OR(itav__quantity, min),
    NAN_OR(itav__quantity, max)};
CHECKED(quantity_layout, "quantity", itav__quantity, quantity_fields, NULL, quantity_check);

static const itav__field target_fields[] = {
    CODE(itav__target, cmp, ITAV_CODE_COMPARATOR), NAN_OR(itav__target, value),
    NAN_OR(itav__target, high), BOOL(itav__target, relative), DATE(itav__target, deadline),
    TEXT(itav__target, text), TEXT(itav__target, source)};
CHECKED(target_layout, "target", itav__target, target_fields, NULL, target_check);

static const itav__field measurement_fields[] = {
    DATE(itav__measurement, date), ONE(itav__measurement, qty, quantity_layout),
    TEXT(itav__measurement, period), TEXT(itav__measurement, text),
    TEXT(itav__measurement, source)};
LAYOUT(measurement_layout, "measurement", itav__measurement, measurement_fields, NULL);

static const itav__field access_entry_fields[] = {
    INT(itav__access_entry, list, 1, ITAV_ACCESS_LIST_COUNT), TEXT(itav__access_entry, code),
    TEXT(itav__access_entry, text), TEXT(itav__access_entry, source),
    F("flags", ITAV__F_UINT, itav__access_entry, flags, sizeof(unsigned), 0,
      ITAV_ACCESS_EFFECTIVE, 0, -1, -1, NULL, 0)};
LAYOUT(access_entry_layout, "access entry", itav__access_entry, access_entry_fields, NULL);

static const char *access_check(const void *p) { return itav__access_problem(p); }
static const itav__field access_fields[] = {
    BOOL(itav_access, has_ages), INT(itav_access, age_min, ITAV_AGE_NONE, 1200),
    INT(itav_access, age_max, ITAV_AGE_NONE, 1200), TEXT(itav_access, age_source),
    ARRAY(itav_access, entries, nentries, (long)offsetof(itav_access, capentries),
          access_entry_layout)};
CHECKED(access_layout, "access", itav_access, access_fields, free_access, access_check);
static const itav__field outcome_fields[] = {
    CODE(itav_outcome, kind, ITAV_CODE_OUTCOME_KIND),
    OPTIONAL(itav_outcome, figure, figure_layout)};
CHECKED(outcome_layout, "outcome", itav_outcome, outcome_fields, free_outcome, outcome_check);

static const itav__field milestone_fields[] = {
    CODE(itav_milestone, status, ITAV_CODE_MILESTONE_STATUS), DATE(itav_milestone, date),
    TEXT(itav_milestone, period), TEXT(itav_milestone, what), TEXT(itav_milestone, text),
    TEXT(itav_milestone, source)};
CHECKED(milestone_layout, "milestone", itav_milestone, milestone_fields, free_milestone,
        milestone_check);
static const char *cost_check(const void *p) { return itav__cost_problem(p); }

static const itav__field funder_fields[] = {
    TEXT(itav__funder, name), CODE(itav__funder, kind, ITAV_CODE_SHARE_KIND),
    CODE(itav__funder, qualifier, ITAV_CODE_QUALIFIER), NAN_OR(itav__funder, min),
    NAN_OR(itav__funder, max)};
LAYOUT(funder_layout, "funder", itav__funder, funder_fields, NULL);

static const itav__field cost_fields[] = {
    TEXT(itav_cost, what), CODE(itav_cost, qualifier, ITAV_CODE_QUALIFIER),
    NAN_OR(itav_cost, min), NAN_OR(itav_cost, max), TEXT(itav_cost, text),
    CODE(itav_cost, unit, ITAV_CODE_COST_UNIT), CHARS(itav_cost, currency),
    DATE(itav_cost, from), DATE(itav_cost, to), TEXT(itav_cost, note), TEXT(itav_cost, source),
    ARRAY(itav_cost, funders, nfunders, (long)offsetof(itav_cost, capfunders), funder_layout)};
CHECKED(cost_layout, "cost", itav_cost, cost_fields, free_cost, cost_check);

/* ---- the stored kinds ---- */

static const itav__field intervention_fields[] = {
    OPTIONAL(itav_intervention, plan, plan_layout), TEXT(itav_intervention, id),
    TEXT(itav_intervention, name), TEXT(itav_intervention, summary),
    CODE(itav_intervention, kind, ITAV_CODE_KIND),
    CODE(itav_intervention, setting, ITAV_CODE_SETTING),
    CODE(itav_intervention, scope, ITAV_CODE_SCOPE),
    CODE(itav_intervention, channel, ITAV_CODE_CHANNEL),
    CODE(itav_intervention, evidence, ITAV_CODE_EVIDENCE),
    INT(itav_intervention, since, 0, 9999), BITS(itav_intervention, audience, ITAV_CODE_AUDIENCE),
    BITS(itav_intervention, themes, ITAV_CODE_THEME),
    INT(itav_intervention, age_min, ITAV_AGE_NONE, 1200),
    INT(itav_intervention, age_max, ITAV_AGE_NONE, 1200), TEXT(itav_intervention, conditions),
    INLINE(itav_intervention, text, itav__strlist, strlist_layout),
    PTRS(itav_intervention, roles, nroles, caproles, role_layout),
    PTRS(itav_intervention, reach.v, reach.n, reach.cap, figure_layout),
    INLINE(itav_intervention, profile, itav__element_statement, statement_layout),
    TEXTS(itav_intervention, sources.ref),
    UINT_SINCE(itav_intervention, factors, ITAV_FACTORSET_ALL, 2),
    TEXTS_SINCE(itav_intervention, factor_source, 2),
    OPTIONAL_SINCE(itav_intervention, access, access_layout, 3),
    PTRS_SINCE(itav_intervention, outcomes.v, outcomes.n, outcomes.cap, outcome_layout, 3),
    PTRS_SINCE(itav_intervention, costs.v, costs.n, costs.cap, cost_layout, 3)};
CHECKED(intervention_layout, "intervention", itav_intervention, intervention_fields,
        free_intervention, intervention_check);

static const itav__field offer_fields[] = {
    OPTIONAL(itav_offer, plan, plan_layout), TEXT(itav_offer, id),
    TEXT(itav_offer, intervention), TEXT(itav_offer, name), TEXT(itav_offer, region),
    TEXT(itav_offer, provider), TEXT(itav_offer, contact), TEXT(itav_offer, programme),
    DATE(itav_offer, start), DATE(itav_offer, end), STRLIST(itav_offer, municipalities),
    PTRS(itav_offer, reach.v, reach.n, reach.cap, figure_layout),
    PTRS(itav_offer, targets.v, targets.n, targets.cap, figure_layout),
    TEXTS(itav_offer, sources.ref), OPTIONAL_SINCE(itav_offer, access, access_layout, 3),
    PTRS_SINCE(itav_offer, milestones.v, milestones.n, milestones.cap, milestone_layout, 3),
    PTRS_SINCE(itav_offer, costs.v, costs.n, costs.cap, cost_layout, 3),
    PTRS_SINCE(itav_offer, capacity.v, capacity.n, capacity.cap, figure_layout, 3)};
LAYOUT(offer_layout, "offer", itav_offer, offer_fields, free_offer);

static const itav__field participant_fields[] = {
    TEXT(itav_participant, ref), TEXT(itav_participant, offer),
    CODE(itav_participant, kind, ITAV_CODE_PARTICIPANT_KIND),
    CODE(itav_participant, status, ITAV_CODE_PARTICIPANT_STATUS),
    DATE(itav_participant, status_date), TEXT(itav_participant, municipality),
    CHARS(itav_participant, postcode), FLAG(itav_participant, has_location),
    DOUBLE_IN(itav_participant, lat, -90, 90), DOUBLE_IN(itav_participant, lon, -180, 180),
    BITS(itav_participant, availability, ITAV_CODE_SLOT),
    BITS(itav_participant, support, ITAV_CODE_SUPPORT),
    STRLIST(itav_participant, languages), STRLIST(itav_participant, interests),
    STRLIST(itav_participant, exclusions), FLAG(itav_participant, language_required),
    COUNTED(itav_participant, children, nchildren, 0, 300),
    INT(itav_participant, age_min, -1, 300), INT(itav_participant, age_max, -1, 300),
    DATE(itav_participant, vog_date), FLAG(itav_participant, trained),
    INT(itav_participant, capacity, 1, 100), DATE(itav_participant, registered),
    DOUBLE_IN(itav_participant, max_distance_m, 0, 40100000)};
LAYOUT(participant_layout, "participant", itav_participant, participant_fields,
       free_participant);

static const itav__field match_fields[] = {
    TEXT(itav_match, id), TEXT(itav_match, offer), TEXT(itav_match, asking),
    TEXT(itav_match, supporting), TEXT(itav_match, previous),
    CODE(itav_match, state, ITAV_CODE_MATCH_STATE), DOUBLE_IN(itav_match, score, -1, 1),
    CODE(itav_match, reason, ITAV_CODE_END_REASON),
    ARRAY(itav_match, trail, ntrail, (long)offsetof(itav_match, captrail), transition_layout)};
LAYOUT(match_layout, "match", itav_match, match_fields, free_match);

static const itav__field review_fields[] = {
    TEXT(itav_review, id), TEXT(itav_review, match), TEXT(itav_review, offer),
    CODE(itav_review, kind, ITAV_CODE_REVIEW_KIND), DATE(itav_review, date),
    CODE(itav_review, respondent, ITAV_CODE_RESPONDENT),
    INT(itav_review, satisfaction, 0, 10), FLAG(itav_review, safety),
    TEXT(itav_review, safety_note), INTS(itav_review, effect, ITAV_EFFECT_UNKNOWN, 2),
    CODE(itav_review, help, ITAV_CODE_FORMAL_HELP), TEXT(itav_review, note)};
LAYOUT(review_layout, "review", itav_review, review_fields, free_review);

static const itav__field indicator_fields[] = {
    TEXT(itav_indicator, id), TEXT(itav_indicator, offer), TEXT(itav_indicator, name),
    TEXT(itav_indicator, unit), TEXT(itav_indicator, note), TEXT(itav_indicator, source),
    CODE(itav_indicator, type, ITAV_CODE_MEASURE), NAN_OR(itav_indicator, scale_low),
    NAN_OR(itav_indicator, scale_high), CODE(itav_indicator, derived, ITAV_CODE_DERIVED),
    TEXT(itav_indicator, municipality), BOOL(itav_indicator, has_baseline),
    DATE(itav_indicator, baseline_date), ONE(itav_indicator, baseline, quantity_layout),
    TEXT(itav_indicator, baseline_text), TEXT(itav_indicator, baseline_source),
    ARRAY(itav_indicator, targets, ntargets, -1, target_layout),
    ARRAY(itav_indicator, measurements, nmeasurements, -1, measurement_layout),
    STRLIST_SINCE(itav_indicator, more_municipalities, 2)};
CHECKED(indicator_layout, "indicator", itav_indicator, indicator_fields, free_indicator,
        indicator_check);

static const itav__field release_cell_fields[] = {
    TEXT(itav__release_cell, table), TEXT(itav__release_cell, row),
    TEXT(itav__release_cell, column), INT(itav__release_cell, value, 0, LLONG_MAX),
    BOOL(itav__release_cell, hidden)};
LAYOUT(release_cell_layout, "release cell", itav__release_cell, release_cell_fields, NULL);
static void free_release(void *p) { itav_release_free(p); }
static const itav__field release_fields[] = {
    TEXT(itav_release, id), TEXT(itav_release, offer), STRLIST(itav_release, members),
    DATE(itav_release, from), DATE(itav_release, to), DATE(itav_release, as_of),
    INT(itav_release, k, 1, INT_MAX), INT(itav_release, protection, 0, INT_MAX),
    BOOL(itav_release, low_k), ARRAY(itav_release, cells, ncells, -1, release_cell_layout),
    UINT_SINCE(itav_release, method, ITAV_REPORT_PERTURB, 3)};
LAYOUT(release_layout, "release", itav_release, release_fields, free_release);

/* ---- the record codec of model/model_int.h ---- */

#define RECORD_CODEC(kind, type)                                                              \
    int itav__##kind##_encode(unsigned char **out, size_t *size, const type *obj)             \
    {                                                                                         \
        return itav__record_encode(out, size, &kind##_layout, obj);                           \
    }                                                                                         \
    int itav__##kind##_decode(type **out, const itav_db *db, const void *data, size_t size,   \
                              char *err, size_t errsize)                                      \
    {                                                                                         \
        return itav__record_decode((void **)out, &kind##_layout, db, data, size, err,         \
                                   errsize);                                                  \
    }

RECORD_CODEC(intervention, itav_intervention)
RECORD_CODEC(offer, itav_offer)
RECORD_CODEC(participant, itav_participant)
RECORD_CODEC(match, itav_match)
RECORD_CODEC(review, itav_review)
RECORD_CODEC(indicator, itav_indicator)
RECORD_CODEC(release, itav_release)

const itav__layout *const itav__layouts[] = {&intervention_layout, &offer_layout,
    &participant_layout, &match_layout, &review_layout, &indicator_layout, &release_layout, NULL};
