/**
 * @file itav/match.h
 * @brief Matches (koppelingen) and their lifecycle: proposal, introduction, trial, active,
 * completion, the two exits, the audit trail and the reviews that fall due.
 *
 * A match joins one asking and one supporting participant of the same offer. It moves
 * through the states below; every move is recorded with its date, the role of who made it and
 * a note, and the record of moves (the audit trail) is never rewritten (the one exception:
 * erasing a participant blanks the notes, see itav_participant_erase()).
 *
 * @verbatim
 *   proposed -> introduced -> trial -> active -> completed
 *      |            |  \________________^  |
 *      v            v           |          v
 *   declined     declined    ended_early  ended_early
 * @endverbatim
 *
 * introduced -> active skips the trial and is only legal when the plan has no trial period;
 * trial -> ended_early is how a trial that did not work out ends. Declined and ended early
 * need a reason.
 *
 * While a match is open (proposed to active) it takes one place of the supporter's capacity
 * and both participants have status matched. When it closes, the supporter is available again
 * (unless other open matches remain) and the asking participant returns to waiting (after
 * declined or ended early) or becomes inactive (after completed). A declined pair is never
 * proposed again.
 */
#ifndef ITAV_MATCH_H
#define ITAV_MATCH_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

struct itav_match_options; /* itav/matching.h */

/** @brief The states of a match (codes in parentheses, ITAV_CODE_MATCH_STATE). */
typedef enum itav_match_state {
    ITAV_MATCH_PROPOSED = 1,   /**< proposed: put to both sides by the coordinator */
    ITAV_MATCH_INTRODUCED = 2, /**< introduced: the two sides have met (kennismaking) */
    ITAV_MATCH_TRIAL = 3,      /**< trial: the trial period (proefperiode) runs */
    ITAV_MATCH_ACTIVE = 4,     /**< active: the match runs */
    ITAV_MATCH_COMPLETED = 5,  /**< completed: ended as planned */
    ITAV_MATCH_DECLINED = 6,   /**< declined: did not start (no click) */
    ITAV_MATCH_ENDED_EARLY = 7 /**< ended_early: stopped before its planned end */
} itav_match_state;

/** @brief Who made a move (ITAV_CODE_ACTOR). */
typedef enum itav_actor {
    ITAV_ACTOR_COORDINATOR = 1, /**< coordinator */
    ITAV_ACTOR_ASKING = 2,      /**< asking: the asking participant */
    ITAV_ACTOR_SUPPORTING = 3,  /**< supporting: the supporting participant */
    ITAV_ACTOR_SYSTEM = 4       /**< system: the library or the host program */
} itav_actor;

/** @brief Why a match was declined or ended early (ITAV_CODE_END_REASON). */
typedef enum itav_end_reason {
    ITAV_END_NO_CLICK = 1,           /**< no_click: the two sides did not click */
    ITAV_END_ASKING_STOPPED = 2,     /**< asking_stopped: the asking side stopped */
    ITAV_END_SUPPORTING_STOPPED = 3, /**< supporting_stopped: the supporting side stopped */
    ITAV_END_MOVED = 4,              /**< moved: one side moved away */
    ITAV_END_PROFESSIONAL_HELP = 5,  /**< professional_help: professional help is needed */
    ITAV_END_SAFETY = 6,             /**< safety: concerns about safety */
    ITAV_END_OTHER = 7               /**< other */
} itav_end_reason;

/** @brief What falls due (ITAV_CODE_DUE_KIND). */
typedef enum itav_due_kind {
    ITAV_DUE_TRIAL_EVALUATION = 1, /**< trial_evaluation: the end of the trial period */
    ITAV_DUE_REVIEW = 2,           /**< review: a periodic review */
    ITAV_DUE_CLOSURE = 3,          /**< closure: the match reaches its maximum duration */
    ITAV_DUE_FINAL_REVIEW = 4,     /**< final_review: the final review the plan requires,
                                        due at the closure until one is recorded */
    ITAV_DUE_VOG_EXPIRY = 5,       /**< vog_expiry: a supporter's certificate of conduct
                                        stops counting (itav_participant_due()) */
    ITAV_DUE_PROPOSAL = 6          /**< proposal: a proposal nobody acted on for the plan's
                                        proposal_days */
} itav_due_kind;

/**
 * @brief A match (opaque). Made by itav_match_get() and itav_match_iter_next(); freed by
 * itav_match_free(). Matches come into a store only through proposals and dataset imports.
 */
typedef struct itav_match itav_match;
/** @brief An iterator over matches (opaque). */
typedef struct itav_match_iter itav_match_iter;
/** @brief One thing that falls due (opaque); freed by itav_due_free(). */
typedef struct itav_due itav_due;
/** @brief An iterator over what falls due (opaque). */
typedef struct itav_due_iter itav_due_iter;

/**
 * @brief Frees a match. NULL is allowed.
 * @param m the match, or NULL
 */
ITAV_API void itav_match_free(itav_match *m);
/**
 * @brief The id the library gave the match ("m-00000001", in order of proposal).
 * @param m the match
 * @return borrowed text; NULL for a NULL match.
 */
ITAV_API const char *itav_match_id(const itav_match *m);
/**
 * @brief The offer.
 * @param m the match
 * @return borrowed text; NULL for a NULL match.
 */
ITAV_API const char *itav_match_offer(const itav_match *m);
/**
 * @brief The asking participant's reference.
 * @param m the match
 * @return borrowed text; NULL for a NULL match.
 */
ITAV_API const char *itav_match_asking(const itav_match *m);
/**
 * @brief The supporting participant's reference.
 * @param m the match
 * @return borrowed text; NULL for a NULL match.
 */
ITAV_API const char *itav_match_supporting(const itav_match *m);
/**
 * @brief The current state.
 * @param m the match
 * @return the state; 0 for a NULL match.
 */
ITAV_API itav_match_state itav_match_get_state(const itav_match *m);
/**
 * @brief The score of the pair when it was proposed.
 * @param m the match
 * @return 0 to 1, or -1 if not known (a match imported without one) or for a NULL match.
 */
ITAV_API double itav_match_score(const itav_match *m);
/**
 * @brief The earlier match this one follows up: the last completed match of the same asking
 * participant in the same offer, when there is one.
 * @param m the match
 * @return borrowed id, or NULL.
 */
ITAV_API const char *itav_match_previous(const itav_match *m);
/**
 * @brief Why the match was declined or ended early.
 * @param m the match
 * @return the reason; 0 while the match is open or after completion.
 */
ITAV_API itav_end_reason itav_match_reason(const itav_match *m);
/**
 * @brief The date the match started: when it entered trial, or active if it had no trial.
 * @param m the match
 * @return days since 1970-01-01, or ITAV_DATE_NONE if it has not started.
 */
ITAV_API int32_t itav_match_start(const itav_match *m);
/**
 * @brief Number of entries in the audit trail (the first is the proposal).
 * @param m the match
 * @return the number; 0 for a NULL match.
 */
ITAV_API size_t itav_match_transition_count(const itav_match *m);
/**
 * @brief One entry of the audit trail.
 * @param m the match
 * @param i its index, from 0 (oldest first)
 * @param[out] state the state entered (may be NULL)
 * @param[out] date the date (may be NULL)
 * @param[out] actor who made the move (may be NULL)
 * @param[out] note the note, borrowed, or NULL if none (may be NULL)
 * @return ITAV_OK, ITAV_EINVAL (NULL match), ITAV_ERANGE (no entry i).
 */
ITAV_API int itav_match_transition(const itav_match *m, size_t i, itav_match_state *state,
                                   int32_t *date, itav_actor *actor, const char **note);

/**
 * @brief Reads a match from a store.
 * @param[out] out a detached copy
 * @param db the store
 * @param id the match id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_match_get(itav_match **out, itav_db *db, const char *id);

/**
 * @brief Proposes a match between two participants, in one transaction.
 *
 * The pair must pass every hard constraint (itav/matching.h) under the given options; the
 * score at proposal is stored with the match. Both participants become matched.
 * @param[out] id the new match's id, owned by the caller (free with itav_free()); may be NULL
 * @param db the store
 * @param asking the asking participant's reference
 * @param supporting the supporting participant's reference
 * @param date the date of the proposal: not before either participant's status date
 * @param actor who proposes (usually ITAV_ACTOR_COORDINATOR)
 * @param note a note, or NULL
 * @param options scoring options (itav/matching.h), or NULL for the defaults; its as_of date
 *        is replaced by `date`
 * @return ITAV_OK, ITAV_EINVAL (NULL, a participant on the wrong side, bad date or actor),
 *         ITAV_ENOTFOUND (no such participant), ITAV_ESTATE (the pair is excluded; the message
 *         names the constraint), ITAV_EVERSION, ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_match_propose(char **id, itav_db *db, const char *asking,
                                const char *supporting, int32_t date, itav_actor actor,
                                const char *note, const struct itav_match_options *options);

/**
 * @brief Moves a match to another state, in one transaction, and records the move.
 * @param db the store
 * @param id the match id
 * @param state the new state
 * @param date the date of the move: not before the last entry of the audit trail
 * @param actor who made the move
 * @param reason for declined and ended_early a reason (required); 0 otherwise
 * @param note a note, or NULL
 * @return ITAV_OK, ITAV_EINVAL (NULL, unknown state or actor, a date before the last move,
 *         a reason missing or not allowed), ITAV_ENOTFOUND, ITAV_ESTATE (not a legal move from
 *         the current state, the message lists the legal ones; completion while the plan
 *         of the offer sets ITAV_PLAN_FINAL_REVIEW and the match has no final review,
 *         itav/review.h; or trial -> active while the plan sets ITAV_PLAN_TRIAL to 1 and
 *         the match has no trial review: the evaluation after the trial is its point, see
 *         itav_match_skip_evaluation()), ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_match_advance(itav_db *db, const char *id, itav_match_state state,
                                int32_t date, itav_actor actor, itav_end_reason reason,
                                const char *note);

/**
 * @brief Moves a match from trial to active without a trial review, which
 * itav_match_advance() refuses when the plan has a trial period (ITAV_PLAN_TRIAL 1). The
 * coordinator says why in the note; the audit trail records the move with the note
 * "trial evaluation skipped: " followed by it, so the skip stays visible.
 * @param db the store
 * @param id the match id; the match must be in trial
 * @param date the date of the move: not before the last entry of the audit trail
 * @param actor who made the move
 * @param note why the evaluation is skipped: required, not only white space
 * @return ITAV_OK, ITAV_EINVAL (NULL, no note, bad date or actor), ITAV_ENOTFOUND,
 *         ITAV_ESTATE (the match is not in trial), ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_match_skip_evaluation(itav_db *db, const char *id, int32_t date,
                                        itav_actor actor, const char *note);

/**
 * @brief Whether a move is legal, without a store.
 * @param from the current state
 * @param to the state to move to
 * @param has_trial 1 if the plan has a trial period (or does not say), 0 if it has none
 * @return 1 if legal, 0 if not.
 */
ITAV_API int itav_match_move_legal(itav_match_state from, itav_match_state to, int has_trial);

/** @brief Version of struct itav_match_filter that these headers describe. */
#define ITAV_MATCH_FILTER_VERSION 1

/** @brief Which matches itav_match_list() returns; zero fields select all. */
typedef struct itav_match_filter {
    int version;             /**< ITAV_MATCH_FILTER_VERSION */
    const char *offer;       /**< only this offer; NULL for all */
    const char *participant; /**< only matches of this participant (either side); NULL for all */
    itav_match_state state;  /**< only this state; 0 for all */
    int open_only;           /**< 1: only open matches (proposed to active) */
} itav_match_filter;

/** @brief Initialiser of an itav_match_filter that selects everything. */
#define ITAV_MATCH_FILTER_INIT {ITAV_MATCH_FILTER_VERSION, NULL, NULL, (itav_match_state)0, 0}

/**
 * @brief Lists matches, ordered by id (the order of proposal).
 * @param[out] out the iterator
 * @param db the store
 * @param filter what to select; NULL selects all
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EVERSION, ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_match_list(itav_match_iter **out, itav_db *db,
                             const itav_match_filter *filter);
/**
 * @brief The next match, owned by the caller.
 * @param[out] out the match
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end, ITAV_EINVAL.
 */
ITAV_API int itav_match_iter_next(itav_match **out, itav_match_iter *it);
/**
 * @brief Frees an iterator and the matches it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_match_iter_free(itav_match_iter *it);

/**
 * @brief What falls due in open matches, from the plan of each match's offer.
 *
 * For a match in trial: the trial evaluation, trial_months after the start. A trial review
 * (itav/review.h) settles it. For an active match: the next periodic review, review_months
 * after the latest periodic review or, before the first one, after the date it became active;
 * the closure, max_months after the start; and, when the plan sets ITAV_PLAN_FINAL_REVIEW
 * and no final review is recorded, the final review, due at the closure. For a match still
 * proposed, when the plan sets ITAV_PLAN_PROPOSAL_DAYS above 0: the proposal, that many days
 * after it was made (a proposal of day D with 14 days is due on D + 14); a proposal that was
 * acted on (introduced, declined) never is. Plan fields that are not set give no due item.
 * Items are ordered by due date, then match id, then kind.
 * @param[out] out the iterator
 * @param db the store
 * @param offer only this offer; NULL for all
 * @param as_of the date to judge against
 * @param within_days also list what falls due up to this many days after as_of (0 lists only
 *        what is due or overdue)
 * @return ITAV_OK, ITAV_EINVAL (NULL, bad date, negative days), ITAV_EIO, ITAV_EFORMAT,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_match_due(itav_due_iter **out, itav_db *db, const char *offer,
                            int32_t as_of, int within_days);
/**
 * @brief What falls due for participants: the certificates of conduct (VOG) that expire.
 *
 * For each supporter (supporting side) with a certificate date, whose status is not
 * inactive or erased, in an offer whose plan (itav_plan_effective()) requires a certificate
 * (ITAV_PLAN_VOG 1) and says how long one counts (ITAV_PLAN_VOG_VALID_MONTHS): an item of
 * kind ITAV_DUE_VOG_EXPIRY dated the first day the certificate no longer counts. From that
 * day the supporter is excluded from suggestions and proposals (ITAV_CONSTRAINT_VOG_EXPIRED).
 * Items name the participant (itav_due_participant()), not a match, and are ordered by date,
 * then reference.
 * @param[out] out the iterator
 * @param db the store
 * @param offer only this offer; NULL for all
 * @param as_of the date to judge against
 * @param within_days also list what expires up to this many days after as_of (0 lists only
 *        certificates that have expired)
 * @return ITAV_OK, ITAV_EINVAL (NULL, bad date, negative days), ITAV_EIO, ITAV_EFORMAT,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_participant_due(itav_due_iter **out, itav_db *db, const char *offer,
                                  int32_t as_of, int within_days);
/**
 * @brief The next due item, owned by the caller (free with itav_due_free()).
 * @param[out] out the item
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end, ITAV_EINVAL.
 */
ITAV_API int itav_due_iter_next(itav_due **out, itav_due_iter *it);
/**
 * @brief Frees an iterator and the items it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_due_iter_free(itav_due_iter *it);
/**
 * @brief Frees a due item. NULL is allowed.
 * @param d the item, or NULL
 */
ITAV_API void itav_due_free(itav_due *d);
/**
 * @brief The match the item belongs to.
 * @param d the item
 * @return borrowed id; NULL for a NULL item and for an item of a participant
 *         (itav_participant_due()).
 */
ITAV_API const char *itav_due_match(const itav_due *d);
/**
 * @brief The participant an item of itav_participant_due() belongs to.
 * @param d the item
 * @return borrowed reference; NULL for a NULL item and for an item of a match.
 */
ITAV_API const char *itav_due_participant(const itav_due *d);
/**
 * @brief What falls due.
 * @param d the item
 * @return the kind; 0 for a NULL item.
 */
ITAV_API itav_due_kind itav_due_get_kind(const itav_due *d);
/**
 * @brief When it falls due.
 * @param d the item
 * @return days since 1970-01-01; ITAV_DATE_NONE for a NULL item.
 */
ITAV_API int32_t itav_due_date(const itav_due *d);
/**
 * @brief How many days overdue it is on the as_of date of the query.
 * @param d the item
 * @return days past the due date; 0 if due that day (and for a NULL item); negative if still
 *         ahead.
 */
ITAV_API int itav_due_overdue_days(const itav_due *d);
/**
 * @brief The date an item's time counts from: the day of the proposal (ITAV_DUE_PROPOSAL),
 * the start of the trial (ITAV_DUE_TRIAL_EVALUATION), the latest periodic review or the day
 * the match became active (ITAV_DUE_REVIEW), the start (ITAV_DUE_CLOSURE,
 * ITAV_DUE_FINAL_REVIEW), the certificate's date (ITAV_DUE_VOG_EXPIRY). How long a proposal
 * has waited is the query's as_of minus this date.
 * @param d the item
 * @return days since 1970-01-01; ITAV_DATE_NONE for a NULL item.
 */
ITAV_API int32_t itav_due_since(const itav_due *d);

#ifdef __cplusplus
}
#endif
#endif
