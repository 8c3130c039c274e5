/**
 * @file itav/outcome.h
 * @brief Outcomes and research evidence of an intervention, beside its reach.
 *
 * Reach says how many were reached (itav_intervention_figure()); an outcome says what came
 * of it, or how that is measured: a follow-up result ("35-40% of the families keep in touch
 * after the two years"), a measurement design (a baseline before and a measurement after),
 * a social or financial return, the satisfaction of those involved, or a study that reports
 * on them. Each outcome is a kind and a figure (itav/figure.h): what it is about in words of
 * its own, a qualified quantity or, when the seed gives no number, the text
 * (ITAV_QTY_TEXT), its period, place, note and source lines. An intervention holds its
 * outcomes in the order they were added.
 *
 * @since 0.4
 */
#ifndef ITAV_OUTCOME_H
#define ITAV_OUTCOME_H

#include "common.h"
#include "figure.h"
#include "intervention.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief What kind of outcome (codes as in docs/format.md). @since 0.4 */
typedef enum itav_outcome_kind {
    ITAV_OUTCOME_FOLLOW_UP = 1,          /**< follow_up: a result found some time after the
                                              support ended */
    ITAV_OUTCOME_MEASUREMENT_DESIGN = 2, /**< measurement_design: how the effect is measured
                                              (a baseline and a follow-up, a calculator) */
    ITAV_OUTCOME_SOCIAL_RETURN = 3,      /**< social_return: the effect for the people
                                              involved */
    ITAV_OUTCOME_FINANCIAL_RETURN = 4,   /**< financial_return: money saved or earned */
    ITAV_OUTCOME_SATISFACTION = 5,       /**< satisfaction: how those involved rate it */
    ITAV_OUTCOME_STUDY = 6               /**< study: a study or report of the effects */
} itav_outcome_kind;

/** @brief An outcome (opaque): a kind and a figure. @since 0.4 */
typedef struct itav_outcome itav_outcome;

/**
 * @brief Creates an outcome from a kind and a copy of a figure.
 * @param[out] out the new outcome, to be freed with itav_outcome_free(); unchanged on error
 * @param kind the kind of outcome
 * @param figure what it is about and its quantity (or text), period and source; copied, the
 *        caller keeps (and frees) its own
 * @return ITAV_OK, ITAV_EINVAL (NULL out or figure, unknown kind), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_outcome_new(itav_outcome **out, itav_outcome_kind kind,
                              const itav_figure *figure);

/**
 * @brief Frees an outcome made by itav_outcome_new(). NULL is allowed.
 *
 * Never free the borrowed outcomes that itav_intervention_outcome() returns.
 * @param o the outcome, or NULL
 * @since 0.4
 */
ITAV_API void itav_outcome_free(itav_outcome *o);

/**
 * @brief The kind of an outcome.
 * @param o the outcome
 * @return the kind; 0 for a NULL outcome.
 * @since 0.4
 */
ITAV_API itav_outcome_kind itav_outcome_get_kind(const itav_outcome *o);

/**
 * @brief The figure of an outcome: read it with the itav_figure_get_* functions.
 * @param o the outcome
 * @return the figure, borrowed (valid until the outcome is freed); NULL for a NULL outcome.
 * @since 0.4
 */
ITAV_API const itav_figure *itav_outcome_get_figure(const itav_outcome *o);

/**
 * @brief Number of outcomes of an intervention.
 * @param iv the intervention
 * @return the number; 0 for a NULL intervention.
 * @since 0.4
 */
ITAV_API size_t itav_intervention_outcome_count(const itav_intervention *iv);

/**
 * @brief One outcome of an intervention.
 * @param iv the intervention
 * @param i its index, from 0 in the order they were added
 * @return the outcome, borrowed (valid until the intervention is changed or freed), or NULL
 *         if i is out of range.
 * @since 0.4
 */
ITAV_API const itav_outcome *itav_intervention_outcome(const itav_intervention *iv, size_t i);

/**
 * @brief Appends a copy of an outcome to an intervention; the caller keeps (and frees) its
 * own. Save the intervention to store it.
 * @param iv the intervention
 * @param o the outcome
 * @return ITAV_OK, ITAV_EINVAL for a NULL argument, ITAV_ENOMEM (the intervention is
 *         unchanged).
 * @since 0.4
 */
ITAV_API int itav_intervention_add_outcome(itav_intervention *iv, const itav_outcome *o);

/**
 * @brief Removes outcome i of an intervention; the later ones move up by one.
 * @param iv the intervention
 * @param i its index
 * @return ITAV_OK, ITAV_EINVAL for a NULL intervention, ITAV_ERANGE for an index out of
 *         range.
 * @since 0.4
 */
ITAV_API int itav_intervention_remove_outcome(itav_intervention *iv, size_t i);

#ifdef __cplusplus
}
#endif
#endif
