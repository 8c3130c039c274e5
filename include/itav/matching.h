/**
 * @file itav/matching.h
 * @brief Matching: hard constraints, explained scores, suggestions and optimal assignment.
 *
 * A pair of an asking and a supporting participant is either excluded by a hard constraint
 * (itav_constraint) or gets a score in [0, 1]: a weighted mean of named criteria
 * (itav_criterion), each worth 0 to 1. A criterion that cannot be judged for a pair (a side
 * lists no languages, say) does not count: the mean is taken over the criteria that apply.
 * A plan that names criteria (ITAV_PLAN_CRITERIA) limits the score to those. Every score
 * comes with its breakdown (itav_suggestion), so a coordinator can see why.
 *
 * The criteria (docs/guide.md gives the formulas):
 * - distance: 1 at the same place, falling linearly to 0 at the plan's maximum distance (or
 *   options.distance_scale_m when the plan sets none); without coordinates on both sides:
 *   1 for the same postcode area, 0.5 for the same municipality, else 0;
 * - availability: share of the asking side's dayparts the supporter also has;
 * - needs: share of the support types needed that the supporter offers;
 * - languages: 1 if the two share a language, else 0;
 * - interests: shared interests over the asking side's interests;
 * - ages: share of the asking side's children inside the supporter's age range;
 * - waiting: days since registration over options.waiting_full_days, at most 1 (Jong
 *   Perspectief: not first come first served, but waiting counts).
 */
#ifndef ITAV_MATCHING_H
#define ITAV_MATCHING_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Scoring criteria (ITAV_CODE_CRITERION). */
typedef enum itav_criterion {
    ITAV_CRITERION_DISTANCE = 1,     /**< distance */
    ITAV_CRITERION_AVAILABILITY = 2, /**< availability */
    ITAV_CRITERION_NEEDS = 3,        /**< needs */
    ITAV_CRITERION_LANGUAGES = 4,    /**< languages */
    ITAV_CRITERION_INTERESTS = 5,    /**< interests */
    ITAV_CRITERION_AGES = 6,         /**< ages */
    ITAV_CRITERION_WAITING = 7       /**< waiting */
} itav_criterion;

/** @brief Number of criteria (the highest itav_criterion). */
#define ITAV_CRITERION_COUNT 7

/**
 * @brief Hard constraints: why a pair is excluded (ITAV_CODE_CONSTRAINT). Checked in this
 * order; the first that fails is reported.
 */
typedef enum itav_constraint {
    ITAV_CONSTRAINT_NONE = 0,      /**< the pair is allowed */
    ITAV_CONSTRAINT_OFFER = 1,     /**< offer: the two are enrolled in different offers */
    ITAV_CONSTRAINT_STATUS = 2,    /**< status: the asking side is not waiting, or the
                                        supporting side is not available or matched */
    ITAV_CONSTRAINT_EXCLUDED = 3,  /**< excluded: one side excludes the other */
    ITAV_CONSTRAINT_DECLINED = 4,  /**< declined: the pair declined each other before */
    ITAV_CONSTRAINT_OPEN = 5,      /**< open: the pair already has an open match */
    ITAV_CONSTRAINT_CAPACITY = 6,  /**< capacity: the supporter's capacity is taken */
    ITAV_CONSTRAINT_SCREENING = 7, /**< screening: the plan requires a certificate of conduct
                                        (VOG) and the supporter has none */
    ITAV_CONSTRAINT_TRAINING = 8,  /**< training: the plan's training is not done */
    ITAV_CONSTRAINT_LANGUAGE = 9,  /**< language: a shared language is required and missing */
    ITAV_CONSTRAINT_DISTANCE = 10, /**< distance: farther apart than the plan, a side or the
                                        options allow (only when both have coordinates) */
    ITAV_CONSTRAINT_VOG_EXPIRED = 11 /**< vog_expired: the supporter's certificate of conduct
                                        has expired by the date judged (the plan's
                                        vog_valid_months after its date); checked in the
                                        place of screening, before training */
} itav_constraint;

/** @brief Number of constraints (the highest itav_constraint); size tables by it + 1. */
#define ITAV_CONSTRAINT_COUNT 11

/** @brief Version of struct itav_match_options that these headers describe. */
#define ITAV_MATCH_OPTIONS_VERSION 1

/**
 * @brief Options of scoring, suggestions and assignment. Start from ITAV_MATCH_OPTIONS_INIT
 * or itav_match_options_init() and change what you need.
 */
typedef struct itav_match_options {
    int version;        /**< ITAV_MATCH_OPTIONS_VERSION */
    /** Weight of each criterion, indexed by itav_criterion (index 0 unused); each 0 or
     *  more, not all 0. Defaults: distance 2, availability 2, needs 3, languages 1,
     *  interests 1, ages 1, waiting 1. */
    double weights[ITAV_CRITERION_COUNT + 1];
    /** Assignment leaves an asking participant unmatched rather than give them a pair that
     *  scores below this (0 to 1; default 0.4). */
    double min_score;
    /** The date to judge waiting time and screening by; ITAV_DATE_NONE means today (UTC). */
    int32_t as_of;
    /** Days of waiting at which the waiting criterion reaches 1 (1 or more; default 365). */
    int waiting_full_days;
    /** Distance at which the distance criterion reaches 0 when the plan sets no maximum
     *  (metres, more than 0; default 10000). */
    double distance_scale_m;
    /** A hard limit on distance for every pair, on top of the plan's (metres; 0 = none,
     *  the default). */
    double max_distance_m;
} itav_match_options;

/** @brief The default options. */
#define ITAV_MATCH_OPTIONS_INIT                                                             \
    {ITAV_MATCH_OPTIONS_VERSION, {0.0, 2.0, 2.0, 3.0, 1.0, 1.0, 1.0, 1.0}, 0.4,              \
     ITAV_DATE_NONE, 365, 10000.0, 0.0}

/**
 * @brief Fills options with the defaults (the same as ITAV_MATCH_OPTIONS_INIT); for
 * programs and bindings that cannot use the macro.
 * @param[out] options the options
 * @return ITAV_OK, ITAV_EINVAL for NULL.
 */
ITAV_API int itav_match_options_init(itav_match_options *options);

/**
 * @brief A scored pair with its breakdown (opaque). Made by itav_match_score() and
 * itav_suggestion_iter_next(); freed by itav_suggestion_free(). Pairs inside an assignment
 * are borrowed from it.
 */
typedef struct itav_suggestion itav_suggestion;
/** @brief An iterator over suggestions (opaque). */
typedef struct itav_suggestion_iter itav_suggestion_iter;
/** @brief The result of an assignment run (opaque); freed by itav_assignment_free(). */
typedef struct itav_assignment itav_assignment;

/**
 * @brief Frees a suggestion. NULL is allowed.
 * @param s the suggestion, or NULL
 */
ITAV_API void itav_suggestion_free(itav_suggestion *s);
/**
 * @brief The asking participant.
 * @param s the suggestion
 * @return borrowed reference; NULL for NULL.
 */
ITAV_API const char *itav_suggestion_asking(const itav_suggestion *s);
/**
 * @brief The supporting participant.
 * @param s the suggestion
 * @return borrowed reference; NULL for NULL.
 */
ITAV_API const char *itav_suggestion_supporting(const itav_suggestion *s);
/**
 * @brief The score.
 * @param s the suggestion
 * @return 0 to 1 (0 for an excluded pair); -1 for NULL.
 */
ITAV_API double itav_suggestion_score(const itav_suggestion *s);
/**
 * @brief The hard constraint that excludes the pair.
 * @param s the suggestion
 * @return ITAV_CONSTRAINT_NONE if the pair is allowed (and for a NULL suggestion).
 */
ITAV_API itav_constraint itav_suggestion_excluded(const itav_suggestion *s);
/**
 * @brief The distance between the two, when both have coordinates.
 * @param s the suggestion
 * @return metres (great circle), or -1 if not known (or for a NULL suggestion).
 */
ITAV_API double itav_suggestion_distance(const itav_suggestion *s);
/**
 * @brief One criterion of the breakdown.
 * @param s the suggestion
 * @param criterion the criterion
 * @param[out] value its value, 0 to 1 (may be NULL)
 * @param[out] weight the weight it counted with: 0 if it did not apply (may be NULL)
 * @return 1 if the criterion applied to the pair, 0 if not, ITAV_EINVAL for a NULL
 *         suggestion or an unknown criterion. The score is the sum of value * weight over
 *         the criteria that apply, divided by the sum of their weights.
 */
ITAV_API int itav_suggestion_criterion(const itav_suggestion *s, itav_criterion criterion,
                                       double *value, double *weight);

/**
 * @brief Scores one pair, with its breakdown, or says which constraint excludes it.
 * @param[out] out the suggestion (also for an excluded pair)
 * @param db the store
 * @param asking the asking participant's reference
 * @param supporting the supporting participant's reference
 * @param options the options, or NULL for the defaults
 * @return ITAV_OK, ITAV_EINVAL (NULL, a participant on the wrong side, invalid options),
 *         ITAV_EVERSION (unknown options version), ITAV_ENOTFOUND, ITAV_EIO, ITAV_EFORMAT,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_match_score_pair(itav_suggestion **out, itav_db *db, const char *asking,
                                   const char *supporting, const itav_match_options *options);

/**
 * @brief The best k supporters for one asking participant, best first.
 *
 * Only allowed pairs are listed, ordered by score (highest first), then by supporter
 * reference. When a maximum distance applies (the plan's, the participant's own or
 * options.max_distance_m) and the asking participant has coordinates, the search uses the
 * store's spatial index and reads only the supporters near enough to matter; otherwise it
 * reads every supporter of the offer. The result is the same either way.
 * @param[out] out the iterator
 * @param db the store
 * @param asking the asking participant's reference; one that is not waiting is not an error
 *        but gets no suggestions (the status constraint excludes every pair)
 * @param k how many, 1 to 1000
 * @param options the options, or NULL for the defaults
 * @return ITAV_OK, ITAV_EINVAL (NULL, k out of range, a supporting participant, invalid
 *         options), ITAV_EVERSION, ITAV_ENOTFOUND, ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_match_suggest(itav_suggestion_iter **out, itav_db *db, const char *asking,
                                size_t k, const itav_match_options *options);
/**
 * @brief The next suggestion, owned by the caller.
 * @param[out] out the suggestion
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end, ITAV_EINVAL.
 */
ITAV_API int itav_suggestion_iter_next(itav_suggestion **out, itav_suggestion_iter *it);
/**
 * @brief Frees an iterator and the suggestions it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_suggestion_iter_free(itav_suggestion_iter *it);

/** @brief itav_match_assign() flag: compute only, write nothing. */
#define ITAV_ASSIGN_DRY_RUN 0u
/** @brief itav_match_assign() flag: write the pairs as proposed matches. */
#define ITAV_ASSIGN_WRITE 1u

/**
 * @brief The best set of matches for every waiting asking participant of an offer.
 *
 * Exact: among all sets of allowed pairs that score at least options.min_score and respect
 * every supporter's free capacity, it finds one with the highest total score, with scores
 * counted in millionths (round(score * 1e6)). Ties are broken by this rule: asking
 * participants are taken in waiting order (registration date, then reference; no date last),
 * and each in turn gets the best pair still possible in an optimal set: highest score (in
 * millionths), then smallest supporter reference, with "unmatched" after every supporter.
 * The rule makes the result deterministic and independent of storage order.
 *
 * With ITAV_ASSIGN_WRITE the pairs are written as proposed matches (actor system, the date
 * given), all in one transaction; without it nothing is written.
 * @param[out] out the result
 * @param db the store
 * @param offer the offer's id
 * @param options the options, or NULL for the defaults; as_of defaults to `date`
 * @param flags ITAV_ASSIGN_DRY_RUN or ITAV_ASSIGN_WRITE
 * @param date the date of the proposals
 * @return ITAV_OK, ITAV_EINVAL (NULL, bad flags or date, invalid options; with
 *         ITAV_ASSIGN_WRITE also a date before a paired participant's last status change),
 *         ITAV_EVERSION, ITAV_ENOTFOUND (no such offer), ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_match_assign(itav_assignment **out, itav_db *db, const char *offer,
                               const itav_match_options *options, unsigned flags,
                               int32_t date);
/**
 * @brief Frees an assignment. NULL is allowed.
 * @param a the assignment, or NULL
 */
ITAV_API void itav_assignment_free(itav_assignment *a);
/**
 * @brief Number of pairs.
 * @param a the assignment
 * @return the number; 0 for NULL.
 */
ITAV_API size_t itav_assignment_count(const itav_assignment *a);
/**
 * @brief One pair, in waiting order of the asking participants.
 * @param a the assignment
 * @param i its index, from 0
 * @return the pair, borrowed from the assignment, or NULL if out of range.
 */
ITAV_API const itav_suggestion *itav_assignment_pair(const itav_assignment *a, size_t i);
/**
 * @brief The id of the match written for a pair.
 * @param a the assignment
 * @param i the pair's index
 * @return borrowed id, or NULL after a dry run or if out of range.
 */
ITAV_API const char *itav_assignment_match_id(const itav_assignment *a, size_t i);
/**
 * @brief Number of waiting asking participants left unmatched.
 * @param a the assignment
 * @return the number; 0 for NULL.
 */
ITAV_API size_t itav_assignment_unmatched_count(const itav_assignment *a);
/**
 * @brief One unmatched asking participant, in waiting order.
 * @param a the assignment
 * @param i its index, from 0
 * @return borrowed reference, or NULL if out of range.
 */
ITAV_API const char *itav_assignment_unmatched(const itav_assignment *a, size_t i);
/**
 * @brief The total score of the pairs.
 * @param a the assignment
 * @return the sum of the pairs' scores; 0 for NULL.
 */
ITAV_API double itav_assignment_total(const itav_assignment *a);

#ifdef __cplusplus
}
#endif
#endif
