/**
 * @file itav/review.h
 * @brief Reviews of a match: trial, periodic and final evaluations with their outcomes.
 *
 * Buurtgezinnen evaluates every coupling after its trial period and then every six months
 * (seed 002 line 77), and at the end of each coupling maps the results in twelve categories,
 * six for the children and six for the parents, and asks whether formal help was prevented,
 * reduced or stopped (seed 002 lines 118-125). A review records one such evaluation as one
 * respondent gave it.
 *
 * A review is built with itav_review_new() and the setters, then stored on a match with
 * itav_review_add(); stored reviews are never rewritten. Which reviews a match accepts depends
 * on its state: a trial review only during the trial, a periodic review only while the match
 * is active, a final review while it is active or after it has closed (completed or ended
 * early). A review may not be dated before the match's last transition. When the plan of the
 * match's offer sets ITAV_PLAN_FINAL_REVIEW, a match cannot be completed before it has a
 * final review. Reviews move the due query of itav/match.h on: a trial review settles the
 * trial evaluation, and the next periodic review falls due review_months after the latest
 * periodic review (or the start of the active period).
 *
 * Erasing a participant (itav_participant_erase()) blanks the notes of the reviews of its
 * matches; scores and outcomes stay, so aggregates stay right.
 */
#ifndef ITAV_REVIEW_H
#define ITAV_REVIEW_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Which evaluation a review is (ITAV_CODE_REVIEW_KIND). */
typedef enum itav_review_kind {
    ITAV_REVIEW_TRIAL = 1,    /**< trial: the evaluation at the end of the trial period */
    ITAV_REVIEW_PERIODIC = 2, /**< periodic: a regular review of an active match */
    ITAV_REVIEW_FINAL = 3     /**< final: the evaluation at (or after) the closure */
} itav_review_kind;

/** @brief Who answered the review (ITAV_CODE_RESPONDENT). */
typedef enum itav_respondent {
    ITAV_RESPONDENT_ASKING = 1,     /**< asking: the asking side (family, young person, parent) */
    ITAV_RESPONDENT_SUPPORTING = 2, /**< supporting: the supporting side */
    ITAV_RESPONDENT_COORDINATOR = 3 /**< coordinator: the programme's coordinator */
} itav_respondent;

/**
 * @brief The twelve effect categories of Buurtgezinnen (ITAV_CODE_EFFECT), seed 002
 * lines 120-121: 1-6 are effects for the children, 7-12 effects for the parents.
 */
typedef enum itav_effect {
    ITAV_EFFECT_CAREFREE_CHILDHOOD = 1,   /**< carefree_childhood: being a carefree child */
    ITAV_EFFECT_BROADER_HORIZON = 2,      /**< broader_horizon: a wider horizon and development */
    ITAV_EFFECT_CHILD_CONFIDENCE = 3,     /**< child_confidence: more self-confidence and resilience (child) */
    ITAV_EFFECT_SOCIAL_CONTACTS = 4,      /**< social_contacts: more social contacts */
    ITAV_EFFECT_SCHOOL_RESULTS = 5,       /**< school_results: better results at school */
    ITAV_EFFECT_BEHAVIOUR = 6,            /**< behaviour: fewer behaviour problems */
    ITAV_EFFECT_REST = 7,                 /**< rest: rest and less parenting stress */
    ITAV_EFFECT_PARENTING_REPERTOIRE = 8, /**< parenting_repertoire: a wider parenting repertoire */
    ITAV_EFFECT_PARENT_CONFIDENCE = 9,    /**< parent_confidence: more self-confidence and resilience (parent) */
    ITAV_EFFECT_NETWORK = 10,             /**< network: a wider network */
    ITAV_EFFECT_FUTURE = 11,              /**< future: more confidence in the future */
    ITAV_EFFECT_TAKING_PART = 12          /**< taking_part: taking part (work, study, helping others) */
} itav_effect;

/** @brief The number of effect categories. */
#define ITAV_EFFECT_COUNT 12
/** @brief Effects 1 to this value are effects for the children; the rest for the parents. */
#define ITAV_EFFECT_LAST_CHILD 6
/** @brief An effect score that is not known (the default of every category). */
#define ITAV_EFFECT_UNKNOWN (-128)

/** @brief What happened to formal help (ITAV_CODE_FORMAL_HELP). 0 is "not recorded". */
typedef enum itav_formal_help {
    ITAV_HELP_PREVENTED = 1,   /**< prevented: formal help was not needed thanks to the match */
    ITAV_HELP_REDUCED = 2,     /**< reduced: formal help was scaled down */
    ITAV_HELP_STOPPED = 3,     /**< stopped: formal help ended */
    ITAV_HELP_REFERRED = 4,    /**< referred: the family was referred to formal help */
    ITAV_HELP_NONE_NEEDED = 5, /**< none_needed: there was no question of formal help */
    ITAV_HELP_UNKNOWN = 6      /**< unknown: asked, but not known */
} itav_formal_help;

/**
 * @brief One review of a match (opaque). Made by itav_review_new(), itav_review_get() or
 * itav_review_iter_next(); freed by itav_review_free().
 */
typedef struct itav_review itav_review;

/** @brief An iterator over stored reviews (opaque), from itav_review_list(). */
typedef struct itav_review_iter itav_review_iter;

/**
 * @brief Creates a review that is not yet stored. Every effect starts as
 * ITAV_EFFECT_UNKNOWN, satisfaction as 0 (not given), formal help as 0 (not recorded).
 * @param[out] out the new review
 * @param kind which evaluation it is
 * @param date the date of the review (days since 1970-01-01)
 * @param respondent who answered
 * @return ITAV_OK, ITAV_EINVAL (NULL out, unknown kind or respondent, ITAV_DATE_NONE),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_review_new(itav_review **out, itav_review_kind kind, int32_t date,
                             itav_respondent respondent);
/**
 * @brief Frees a review. NULL is allowed.
 * @param r the review, or NULL
 */
ITAV_API void itav_review_free(itav_review *r);

/**
 * @brief Sets the satisfaction with the match, as a mark from 1 to 10.
 * @param r the review
 * @param mark 1 to 10; 0 clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL review, ITAV_ERANGE for a mark outside 0-10.
 */
ITAV_API int itav_review_set_satisfaction(itav_review *r, int mark);
/**
 * @brief Records whether there is a concern about safety, with a note on it.
 * @param r the review
 * @param concern 1 if there is a concern, 0 if not
 * @param note what the concern is (NULL or "" for none); only allowed with a concern
 * @return ITAV_OK, ITAV_EINVAL (NULL review, concern not 0 or 1, a note without a concern,
 *         text that is not UTF-8 or over 64 KiB), ITAV_ENOMEM.
 */
ITAV_API int itav_review_set_safety(itav_review *r, int concern, const char *note);
/**
 * @brief Scores one effect category on the five-point scale.
 * @param r the review
 * @param effect the category
 * @param score -2 (much worse) to +2 (much better), or ITAV_EFFECT_UNKNOWN
 * @return ITAV_OK, ITAV_EINVAL for a NULL review or an unknown category, ITAV_ERANGE for a
 *         score off the scale.
 */
ITAV_API int itav_review_set_effect(itav_review *r, itav_effect effect, int score);
/**
 * @brief Records what happened to formal help.
 * @param r the review
 * @param help the outcome; 0 clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL review or an unknown outcome.
 */
ITAV_API int itav_review_set_formal_help(itav_review *r, itav_formal_help help);
/**
 * @brief Sets a free note.
 * @param r the review
 * @param note the note; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL review or text that is not UTF-8 or over 64 KiB,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_review_set_note(itav_review *r, const char *note);

/**
 * @brief The id the store gave the review ("r-00000001").
 * @param r the review
 * @return borrowed text; NULL for a review that is not stored or a NULL review.
 */
ITAV_API const char *itav_review_id(const itav_review *r);
/**
 * @brief The match the review belongs to.
 * @param r the review
 * @return borrowed id; NULL for a review that is not stored or a NULL review.
 */
ITAV_API const char *itav_review_match(const itav_review *r);
/**
 * @brief Which evaluation it is.
 * @param r the review
 * @return the kind; 0 for a NULL review.
 */
ITAV_API itav_review_kind itav_review_get_kind(const itav_review *r);
/**
 * @brief The date of the review.
 * @param r the review
 * @return days since 1970-01-01; ITAV_DATE_NONE for a NULL review.
 */
ITAV_API int32_t itav_review_date(const itav_review *r);
/**
 * @brief Who answered.
 * @param r the review
 * @return the respondent; 0 for a NULL review.
 */
ITAV_API itav_respondent itav_review_respondent(const itav_review *r);
/**
 * @brief The satisfaction mark.
 * @param r the review
 * @return 1 to 10, or 0 if not given (or for a NULL review).
 */
ITAV_API int itav_review_satisfaction(const itav_review *r);
/**
 * @brief Whether a safety concern was raised.
 * @param r the review
 * @return 1 or 0 (0 for a NULL review).
 */
ITAV_API int itav_review_safety_concern(const itav_review *r);
/**
 * @brief The note on the safety concern.
 * @param r the review
 * @return borrowed text, or NULL if none.
 */
ITAV_API const char *itav_review_safety_note(const itav_review *r);
/**
 * @brief The score of one effect category.
 * @param r the review
 * @param effect the category
 * @return -2 to +2, or ITAV_EFFECT_UNKNOWN (also for a NULL review or unknown category).
 */
ITAV_API int itav_review_effect(const itav_review *r, itav_effect effect);
/**
 * @brief What happened to formal help.
 * @param r the review
 * @return the outcome, or 0 if not recorded (or for a NULL review).
 */
ITAV_API itav_formal_help itav_review_formal_help(const itav_review *r);
/**
 * @brief The free note.
 * @param r the review
 * @return borrowed text, or NULL if none.
 */
ITAV_API const char *itav_review_note(const itav_review *r);

/**
 * @brief Stores a review on a match.
 *
 * The match must be in a state that takes this kind of review (see the file description),
 * the date may not be before the match's last transition, and a trial review is accepted
 * once per respondent. Nothing is written when the call fails.
 * @param[out] id the new review's id, to be freed with itav_free(); may be NULL
 * @param db the store
 * @param match the match id
 * @param r the review (not changed; its id and match are set only in stored copies)
 * @return ITAV_OK, ITAV_EINVAL (NULL arguments), ITAV_ENOTFOUND (no such match),
 *         ITAV_ESTATE (the match's state does not take this kind of review, or a trial review
 *         by this respondent exists), ITAV_ERANGE (dated before the match's last transition),
 *         ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_review_add(char **id, itav_db *db, const char *match, const itav_review *r);
/**
 * @brief Reads a stored review.
 * @param[out] out a detached copy
 * @param db the store
 * @param id the review id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_review_get(itav_review **out, itav_db *db, const char *id);
/**
 * @brief Lists stored reviews by date, then id.
 * @param[out] out the iterator
 * @param db the store
 * @param match only the reviews of this match; NULL for any
 * @param offer only the reviews of matches in this offer; NULL for any
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_review_list(itav_review_iter **out, itav_db *db, const char *match,
                              const char *offer);
/**
 * @brief The next review, owned by the caller.
 * @param[out] out the review
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end, ITAV_EINVAL.
 */
ITAV_API int itav_review_iter_next(itav_review **out, itav_review_iter *it);
/**
 * @brief Frees an iterator and the reviews it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_review_iter_free(itav_review_iter *it);

#ifdef __cplusplus
}
#endif
#endif
