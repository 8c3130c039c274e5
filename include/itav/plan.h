/**
 * @file itav/plan.h
 * @brief Match plans: the rhythm and the rules of matches in an intervention or offer.
 *
 * A plan says how long the trial period is, how often a match is reviewed, how long it may
 * last, how far apart the two sides may live, and what screening a supporter needs. An
 * intervention has a plan; an offer may override any of its fields. Every field can be
 * unset (ITAV_PLAN_UNSET): on an offer that means "as the intervention says", on an
 * intervention "the seeds do not say". Each field can carry a source reference, like every
 * other fact of the catalogue.
 */
#ifndef ITAV_PLAN_H
#define ITAV_PLAN_H

#include "common.h"
#include "intervention.h"
#include "offer.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The value of a plan field that is not set. */
#define ITAV_PLAN_UNSET (-1L)

/** @brief The fields of a plan (codes in parentheses, ITAV_CODE_PLAN_FIELD). */
typedef enum itav_plan_field {
    ITAV_PLAN_TRIAL = 1,            /**< trial: 1 if matches start with a trial period, 0 if not */
    ITAV_PLAN_TRIAL_MONTHS = 2,     /**< trial_months: length of the trial period, months */
    ITAV_PLAN_REVIEW_MONTHS = 3,    /**< review_months: months between periodic reviews */
    ITAV_PLAN_MAX_MONTHS = 4,       /**< max_months: longest duration of a match, months */
    ITAV_PLAN_MAX_DISTANCE_M = 5,   /**< max_distance_m: farthest the two sides live apart, metres */
    ITAV_PLAN_VOG = 6,              /**< vog: 1 if supporters need a certificate of conduct */
    ITAV_PLAN_VOG_VALID_MONTHS = 7, /**< vog_valid_months: how long a certificate counts */
    ITAV_PLAN_TRAINING = 8,         /**< training: 1 if supporters must have done the training */
    ITAV_PLAN_CRITERIA = 9,         /**< criteria: the scoring criteria the plan names, as
                                         bits (1 << itav_criterion); the others do not count */
    ITAV_PLAN_FINAL_REVIEW = 10,    /**< final_review: 1 if a match needs a final review
                                         before it can be completed (itav/review.h) */
    ITAV_PLAN_PROPOSAL_DAYS = 11    /**< proposal_days: days a proposal may wait for its
                                         next step before it falls due (itav_match_due(),
                                         ITAV_DUE_PROPOSAL); 0, like unset, for never */
} itav_plan_field;

/** @brief Number of plan fields (the highest itav_plan_field). */
#define ITAV_PLAN_FIELD_COUNT 11

/**
 * @brief A match plan (opaque). Made by itav_plan_new(), itav_plan_dup() or
 * itav_plan_effective(); freed by itav_plan_free().
 */
typedef struct itav_plan itav_plan;

/**
 * @brief Creates a plan with every field unset.
 * @param[out] out the plan
 * @return ITAV_OK, ITAV_EINVAL (NULL out), ITAV_ENOMEM.
 */
ITAV_API int itav_plan_new(itav_plan **out);
/**
 * @brief Copies a plan.
 * @param[out] out the copy
 * @param plan the plan
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_plan_dup(itav_plan **out, const itav_plan *plan);
/**
 * @brief Frees a plan. NULL is allowed.
 * @param plan the plan, or NULL
 */
ITAV_API void itav_plan_free(itav_plan *plan);
/**
 * @brief The value of a field.
 * @param plan the plan
 * @param field the field
 * @return the value, or ITAV_PLAN_UNSET if it is not set (or for a NULL plan or an unknown
 *         field).
 */
ITAV_API long itav_plan_get(const itav_plan *plan, itav_plan_field field);
/**
 * @brief Sets or clears a field.
 * @param plan the plan
 * @param field the field
 * @param value ITAV_PLAN_UNSET clears it (and its source); otherwise trial, vog and
 *        training take 0 or 1,
 *        months 0 to 1200 (trial_months, review_months and max_months at least 1),
 *        max_distance_m 1 to 20,000,000, criteria a non-empty set of criterion bits,
 *        proposal_days 0 to 36,500
 * @return ITAV_OK, ITAV_EINVAL (NULL plan, unknown field, value out of range).
 */
ITAV_API int itav_plan_set(itav_plan *plan, itav_plan_field field, long value);
/**
 * @brief Where the seeds state a field.
 * @param plan the plan
 * @param field the field
 * @return borrowed reference ("002:L77"), or NULL if none.
 */
ITAV_API const char *itav_plan_source(const itav_plan *plan, itav_plan_field field);
/**
 * @brief Sets or clears the source reference of a field. A source cites a value, so the
 * field must be set first.
 * @param plan the plan
 * @param field the field
 * @param ref "NNN:Lline" or "NNN:Lfirst-last"; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL (also for a reference to a field that is not set),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_plan_set_source(itav_plan *plan, itav_plan_field field, const char *ref);

/**
 * @brief The plan of an intervention.
 * @param iv the intervention
 * @return the plan, borrowed (valid until the intervention is changed or freed), or NULL if
 *         it has none.
 */
ITAV_API const itav_plan *itav_intervention_plan(const itav_intervention *iv);
/**
 * @brief Sets (a copy of) the plan of an intervention.
 * @param iv the intervention
 * @param plan the plan; NULL, or a plan with every field unset, removes it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_set_plan(itav_intervention *iv, const itav_plan *plan);
/**
 * @brief The plan fields an offer overrides.
 * @param of the offer
 * @return the plan, borrowed, or NULL if the offer overrides nothing.
 */
ITAV_API const itav_plan *itav_offer_plan(const itav_offer *of);
/**
 * @brief Sets (a copy of) the fields an offer overrides.
 * @param of the offer
 * @param plan the plan; NULL, or a plan with every field unset, removes it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_set_plan(itav_offer *of, const itav_plan *plan);
/**
 * @brief The plan that holds for an offer: each field from the offer's plan if set there,
 * else from its intervention's plan; sources come along with the values.
 * @param[out] out the plan (possibly with every field unset)
 * @param db the store
 * @param offer the offer's id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND (no such offer), ITAV_EIO, ITAV_EFORMAT,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_plan_effective(itav_plan **out, itav_db *db, const char *offer);

#ifdef __cplusplus
}
#endif
#endif
