/**
 * @file itav/milestone.h
 * @brief Status and milestones of an effort: what was achieved, slowed or sped up, and
 * where it stands, with dates.
 *
 * A programme looks back on its year: what it achieved, which parts it slowed down and which
 * it sped up, and where each activity stands now ("huidige situatie") and what is planned
 * next. A milestone holds one such statement about an offer (an effort as it runs
 * somewhere): its status, when (a day, a period such as "2020" or "2021-07", or both), what
 * happened in words of its own, optionally the seed's own wording, and its source lines. An
 * offer holds its milestones in the order they were added.
 *
 * @since 0.4
 */
#ifndef ITAV_MILESTONE_H
#define ITAV_MILESTONE_H

#include "common.h"
#include "offer.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The status a milestone records (codes as in docs/format.md). @since 0.4 */
typedef enum itav_milestone_status {
    ITAV_MILESTONE_ACHIEVED = 1,          /**< achieved: done or reached */
    ITAV_MILESTONE_DELAYED = 2,           /**< delayed: slowed down or postponed */
    ITAV_MILESTONE_ACCELERATED = 3,       /**< accelerated: sped up or brought forward */
    ITAV_MILESTONE_CURRENT_SITUATION = 4, /**< current_situation: where it stands at the time */
    ITAV_MILESTONE_PLANNED = 5            /**< planned: what is planned next */
} itav_milestone_status;

/** @brief A milestone (opaque). @since 0.4 */
typedef struct itav_milestone itav_milestone;

/**
 * @brief Creates a milestone.
 * @param[out] out the new milestone, to be freed with itav_milestone_free(); unchanged on
 *        error
 * @param status its status
 * @param date the day it happened or was stated, or ITAV_DATE_NONE
 * @param period the period it covers ("2020", "2021-07", "2022-Q1"), NULL or "" for none;
 *        a milestone has a date, a period or both
 * @param what what happened, in words of its own; non-empty
 * @return ITAV_OK, ITAV_EINVAL (NULL out, unknown status, empty what, a date outside the
 *         years 1900-9999, neither a date nor a period, text that is not UTF-8 or is over
 *         64 KiB), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_milestone_new(itav_milestone **out, itav_milestone_status status,
                                int32_t date, const char *period, const char *what);

/**
 * @brief Frees a milestone made by itav_milestone_new(). NULL is allowed.
 *
 * Never free the borrowed milestones that itav_offer_milestone() returns.
 * @param m the milestone, or NULL
 * @since 0.4
 */
ITAV_API void itav_milestone_free(itav_milestone *m);

/**
 * @brief Sets the source's own wording of the milestone.
 * @param m the milestone
 * @param text the wording; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL milestone or text that is not UTF-8 or is over
 *         64 KiB, ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_milestone_set_text(itav_milestone *m, const char *text);

/**
 * @brief Sets the source reference: where in the seeds the milestone is stated.
 * @param m the milestone
 * @param ref "NNN:Lline" or "NNN:Lfirst-last" ("000:L399"); NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL milestone or a malformed reference, ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_milestone_set_source(itav_milestone *m, const char *ref);

/**
 * @brief The status of a milestone.
 * @param m the milestone
 * @return the status; 0 for a NULL milestone.
 * @since 0.4
 */
ITAV_API itav_milestone_status itav_milestone_get_status(const itav_milestone *m);
/**
 * @brief The day of a milestone.
 * @param m the milestone
 * @return the date, or ITAV_DATE_NONE when it has none (or m is NULL).
 * @since 0.4
 */
ITAV_API int32_t itav_milestone_get_date(const itav_milestone *m);
/**
 * @brief The period of a milestone.
 * @param m the milestone
 * @return borrowed text, or NULL if not set.
 * @since 0.4
 */
ITAV_API const char *itav_milestone_get_period(const itav_milestone *m);
/**
 * @brief What happened.
 * @param m the milestone
 * @return borrowed text, valid until the milestone is changed or freed; NULL for a NULL
 *         milestone.
 * @since 0.4
 */
ITAV_API const char *itav_milestone_get_what(const itav_milestone *m);
/**
 * @brief The source's own wording.
 * @param m the milestone
 * @return borrowed text, or NULL if not set.
 * @since 0.4
 */
ITAV_API const char *itav_milestone_get_text(const itav_milestone *m);
/**
 * @brief The source reference ("003:L163-167").
 * @param m the milestone
 * @return borrowed text, or NULL if not set.
 * @since 0.4
 */
ITAV_API const char *itav_milestone_get_source(const itav_milestone *m);

/**
 * @brief Number of milestones of an offer.
 * @param of the offer
 * @return the number; 0 for a NULL offer.
 * @since 0.4
 */
ITAV_API size_t itav_offer_milestone_count(const itav_offer *of);

/**
 * @brief One milestone of an offer.
 * @param of the offer
 * @param i its index, from 0 in the order they were added
 * @return the milestone, borrowed (valid until the offer is changed or freed), or NULL if i
 *         is out of range.
 * @since 0.4
 */
ITAV_API const itav_milestone *itav_offer_milestone(const itav_offer *of, size_t i);

/**
 * @brief Appends a copy of a milestone to an offer; the caller keeps (and frees) its own.
 * Save the offer to store it.
 * @param of the offer
 * @param m the milestone
 * @return ITAV_OK, ITAV_EINVAL for a NULL argument, ITAV_ENOMEM (the offer is unchanged).
 * @since 0.4
 */
ITAV_API int itav_offer_add_milestone(itav_offer *of, const itav_milestone *m);

/**
 * @brief Removes milestone i of an offer; the later ones move up by one.
 * @param of the offer
 * @param i its index
 * @return ITAV_OK, ITAV_EINVAL for a NULL offer, ITAV_ERANGE for an index out of range.
 * @since 0.4
 */
ITAV_API int itav_offer_remove_milestone(itav_offer *of, size_t i);

#ifdef __cplusplus
}
#endif
#endif
