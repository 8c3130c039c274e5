/**
 * @file itav/participant.h
 * @brief Participants: the people who ask for and who give informal support in an offer.
 *
 * A participant is a person or household on one of two sides: the asking side (a family,
 * a young person, a parent) or the supporting side (a support family, a volunteer, a buddy, a
 * peer). Participants are pseudonymous by design: the host program chooses an external
 * reference (its own file number, for example) and libitav keeps no name anywhere.
 *
 * Same value semantics as interventions: a participant object is a plain value, objects
 * read from a store are detached copies, getters return borrowed pointers valid until the
 * object is changed or freed. Setters return ITAV_OK, ITAV_EINVAL (a NULL participant or a
 * value that is malformed or out of range) or ITAV_ENOMEM, and change nothing on error.
 *
 * The status is not set on the object: it moves through the store, with
 * itav_participant_set_status() and the match lifecycle (itav/match.h), so that illegal moves
 * can be refused.
 */
#ifndef ITAV_PARTICIPANT_H
#define ITAV_PARTICIPANT_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The two sides of a match (codes "asking", "supporting"). */
typedef enum itav_side {
    ITAV_SIDE_ASKING = 1,    /**< asking: asks for support */
    ITAV_SIDE_SUPPORTING = 2 /**< supporting: gives support */
} itav_side;

/** @brief What kind of participant; the kind fixes the side. */
typedef enum itav_participant_kind {
    ITAV_PARTICIPANT_FAMILY = 1,         /**< family: a family asking for support (asking) */
    ITAV_PARTICIPANT_YOUTH = 2,          /**< youth: a child or young person (asking) */
    ITAV_PARTICIPANT_PARENT = 3,         /**< parent: a parent or mother (asking) */
    ITAV_PARTICIPANT_SUPPORT_FAMILY = 4, /**< support_family: a support family (supporting) */
    ITAV_PARTICIPANT_VOLUNTEER = 5,      /**< volunteer: a volunteer (supporting) */
    ITAV_PARTICIPANT_BUDDY = 6,          /**< buddy: an adult buddy, a maatje (supporting) */
    ITAV_PARTICIPANT_PEER = 7            /**< peer: a peer or experience expert (supporting) */
} itav_participant_kind;

/**
 * @brief Where a participant stands. The legal moves are in docs/guide.md; in short:
 * registered -> intake -> approved or not_suitable; approved -> waiting (asking side) or
 * available (supporting side); waiting/available <-> matched (only through matches);
 * any status -> inactive; inactive -> registered, waiting or available.
 */
typedef enum itav_participant_status {
    ITAV_PSTATUS_REGISTERED = 1,   /**< registered: signed up, not yet seen */
    ITAV_PSTATUS_INTAKE = 2,       /**< intake: intake conversations under way */
    ITAV_PSTATUS_APPROVED = 3,     /**< approved: suitable, not yet open for matching */
    ITAV_PSTATUS_NOT_SUITABLE = 4, /**< not_suitable: not suitable (for now) */
    ITAV_PSTATUS_WAITING = 5,      /**< waiting: asking side, waiting for a match */
    ITAV_PSTATUS_AVAILABLE = 6,    /**< available: supporting side, open for matches */
    ITAV_PSTATUS_MATCHED = 7,      /**< matched: has at least one open match */
    ITAV_PSTATUS_INACTIVE = 8,     /**< inactive: stopped, paused or done */
    ITAV_PSTATUS_ERASED = 9        /**< erased: personal data removed (final) */
} itav_participant_status;

/**
 * @brief Types of support, one vocabulary for what the asking side needs and what the
 * supporting side can give. Values are bits, so a set is their bitwise or.
 */
typedef enum itav_support {
    ITAV_SUPPORT_DAYTIME_CARE = 1,  /**< daytime_care: a child for a fixed afternoon a week */
    ITAV_SUPPORT_SLEEPOVER = 2,     /**< sleepover: a child regularly staying the night */
    ITAV_SUPPORT_ACCOMPANY = 4,     /**< accompany: going along to sports, parents' evenings */
    ITAV_SUPPORT_HOMEWORK = 8,      /**< homework: help with homework */
    ITAV_SUPPORT_LISTENING = 16,    /**< listening_ear: a listening ear */
    ITAV_SUPPORT_PRACTICAL = 32,    /**< practical_help: practical help in and around home */
    ITAV_SUPPORT_ACTIVITIES = 64,   /**< activities: doing things together (sport, cooking) */
    ITAV_SUPPORT_PARENTING = 128,   /**< parenting: thinking along about bringing up children */
    ITAV_SUPPORT_WAYFINDING = 256   /**< wayfinding: finding the way in Dutch society */
} itav_support;

/** @brief All support bits. */
#define ITAV_SUPPORT_ALL 511u

/** @brief Parts of a day in the weekly availability. */
typedef enum itav_daypart {
    ITAV_MORNING = 0,   /**< morning */
    ITAV_AFTERNOON = 1, /**< afternoon */
    ITAV_EVENING = 2    /**< evening */
} itav_daypart;

/**
 * @brief The availability bit of a day (0 = Monday ... 6 = Sunday) and a daypart. A week is
 * 21 bits; the code of each bit is "mon_morning" ... "sun_evening" (ITAV_CODE_SLOT).
 */
#define ITAV_SLOT(day, part) (1u << ((day) * 3 + (part)))

/** @brief All 21 availability bits. */
#define ITAV_SLOT_ALL 0x1FFFFFu

/** @brief Most children a participant can list. */
#define ITAV_CHILDREN_MAX 16

/** @brief Most languages a participant can list. */
#define ITAV_LANGUAGES_MAX 32
/** @brief Most interests a participant can list. */
#define ITAV_INTERESTS_MAX 64
/** @brief Most exclusions a participant can list. */
#define ITAV_EXCLUSIONS_MAX 1000

/**
 * @brief A participant (opaque). Made by itav_participant_new(), itav_participant_dup(),
 * itav_participant_get(), itav_participant_iter_next() or itav_participant_from_json();
 * freed by itav_participant_free().
 */
typedef struct itav_participant itav_participant;

/** @brief An iterator over participants (opaque); freed by itav_participant_iter_free(). */
typedef struct itav_participant_iter itav_participant_iter;

/**
 * @brief Creates a participant with status registered and nothing else set (capacity 1).
 * @param[out] out the new participant, to be freed with itav_participant_free()
 * @param ref the external reference: 1 to 64 characters from A-Z a-z 0-9 . _ -, starting
 *        with a letter or digit; chosen by the host program, never a name
 * @param offer the id of the offer the participant is enrolled in
 * @param kind what kind of participant (fixes the side)
 * @return ITAV_OK, ITAV_EINVAL (NULL out, malformed ref or offer id, unknown kind),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_participant_new(itav_participant **out, const char *ref, const char *offer,
                                  itav_participant_kind kind);
/**
 * @brief Copies a participant.
 * @param[out] out the copy, to be freed with itav_participant_free()
 * @param p the participant
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOMEM.
 */
ITAV_API int itav_participant_dup(itav_participant **out, const itav_participant *p);
/**
 * @brief Frees a participant. NULL is allowed.
 * @param p the participant, or NULL
 */
ITAV_API void itav_participant_free(itav_participant *p);

/**
 * @brief The external reference.
 * @param p the participant
 * @return borrowed text; NULL for a NULL participant. An erased participant has a
 *         reference of the form "~erased-N" chosen by the library.
 */
ITAV_API const char *itav_participant_ref(const itav_participant *p);
/**
 * @brief The offer the participant is enrolled in.
 * @param p the participant
 * @return borrowed text; NULL for a NULL participant.
 */
ITAV_API const char *itav_participant_offer(const itav_participant *p);
/**
 * @brief The kind.
 * @param p the participant
 * @return the kind; 0 for a NULL participant.
 */
ITAV_API itav_participant_kind itav_participant_get_kind(const itav_participant *p);
/**
 * @brief The side, which follows from the kind.
 * @param p the participant
 * @return ITAV_SIDE_ASKING or ITAV_SIDE_SUPPORTING; 0 for a NULL participant.
 */
ITAV_API itav_side itav_participant_side(const itav_participant *p);
/**
 * @brief The status.
 * @param p the participant
 * @return the status; 0 for a NULL participant.
 */
ITAV_API itav_participant_status itav_participant_get_status(const itav_participant *p);
/**
 * @brief The date of the last status change (or of registration, before any change).
 * @param p the participant
 * @return days since 1970-01-01, or ITAV_DATE_NONE.
 */
ITAV_API int32_t itav_participant_status_date(const itav_participant *p);
/**
 * @brief The municipality the participant lives in.
 * @param p the participant
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_participant_municipality(const itav_participant *p);
/**
 * @brief The four-digit postcode area ("2011").
 * @param p the participant
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_participant_postcode(const itav_participant *p);
/**
 * @brief The coordinates, if set.
 * @param p the participant
 * @param[out] lat latitude in degrees (may be NULL)
 * @param[out] lon longitude in degrees (may be NULL)
 * @return 1 if the participant has coordinates (then *lat and *lon are set), 0 if not or for
 *         a NULL participant.
 */
ITAV_API int itav_participant_location(const itav_participant *p, double *lat, double *lon);
/**
 * @brief The weekly availability: a set of ITAV_SLOT() bits.
 * @param p the participant
 * @return the bits; 0 if none are set.
 */
ITAV_API uint32_t itav_participant_availability(const itav_participant *p);
/**
 * @brief The support types: needed (asking side) or offered (supporting side).
 * @param p the participant
 * @return a set of itav_support bits; 0 if none.
 */
ITAV_API unsigned itav_participant_support(const itav_participant *p);
/**
 * @brief Number of languages.
 * @param p the participant
 * @return the number; 0 for a NULL participant.
 */
ITAV_API size_t itav_participant_language_count(const itav_participant *p);
/**
 * @brief One language, an ISO 639-1 code ("nl").
 * @param p the participant
 * @param i its index, from 0
 * @return borrowed text, or NULL if i is out of range.
 */
ITAV_API const char *itav_participant_language(const itav_participant *p, size_t i);
/**
 * @brief Whether the participant needs a supporter who shares one of their languages.
 * @param p the participant
 * @return 1 or 0.
 */
ITAV_API int itav_participant_language_required(const itav_participant *p);
/**
 * @brief Number of interests.
 * @param p the participant
 * @return the number; 0 for a NULL participant.
 */
ITAV_API size_t itav_participant_interest_count(const itav_participant *p);
/**
 * @brief One interest tag ("football").
 * @param p the participant
 * @param i its index, from 0
 * @return borrowed text, or NULL if i is out of range.
 */
ITAV_API const char *itav_participant_interest(const itav_participant *p, size_t i);
/**
 * @brief Number of children listed.
 * @param p the participant
 * @return the number; 0 for a NULL participant.
 */
ITAV_API size_t itav_participant_child_count(const itav_participant *p);
/**
 * @brief The age of one child, in months.
 * @param p the participant
 * @param i its index, from 0
 * @return the age, or -1 if i is out of range.
 */
ITAV_API int32_t itav_participant_child_age(const itav_participant *p, size_t i);
/**
 * @brief The ages of children a supporter takes on, in months.
 * @param p the participant
 * @param[out] min youngest age (may be NULL)
 * @param[out] max oldest age (may be NULL)
 * @return 1 if a range is set (then *min and *max are set), 0 if not.
 */
ITAV_API int itav_participant_age_range(const itav_participant *p, int32_t *min, int32_t *max);
/**
 * @brief The date of the certificate of conduct (VOG).
 * @param p the participant
 * @return days since 1970-01-01, or ITAV_DATE_NONE if the participant has none.
 */
ITAV_API int32_t itav_participant_vog_date(const itav_participant *p);
/**
 * @brief Whether the participant has done the training of the offer.
 * @param p the participant
 * @return 1 or 0.
 */
ITAV_API int itav_participant_trained(const itav_participant *p);
/**
 * @brief How many matches the participant can have at the same time.
 * @param p the participant
 * @return 1 or more; 0 for a NULL participant.
 */
ITAV_API int itav_participant_capacity(const itav_participant *p);
/**
 * @brief The registration date (the start of the waiting time).
 * @param p the participant
 * @return days since 1970-01-01, or ITAV_DATE_NONE.
 */
ITAV_API int32_t itav_participant_registered(const itav_participant *p);
/**
 * @brief The participant's own limit on distance, in metres.
 * @param p the participant
 * @return the limit, or 0 if none is set.
 */
ITAV_API double itav_participant_max_distance(const itav_participant *p);
/**
 * @brief Number of excluded participants.
 * @param p the participant
 * @return the number; 0 for a NULL participant.
 */
ITAV_API size_t itav_participant_exclusion_count(const itav_participant *p);
/**
 * @brief One participant this one must never be matched with.
 * @param p the participant
 * @param i its index, from 0
 * @return borrowed reference, or NULL if i is out of range.
 */
ITAV_API const char *itav_participant_exclusion(const itav_participant *p, size_t i);

/**
 * @brief Sets the municipality.
 * @param p the participant
 * @param municipality the name; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_participant_set_municipality(itav_participant *p, const char *municipality);
/**
 * @brief Sets the postcode area.
 * @param p the participant
 * @param postcode four digits, the first not 0 ("2011"); a full postcode ("2011 AB") is
 *        refused, it says more than matching needs; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_participant_set_postcode(itav_participant *p, const char *postcode);
/**
 * @brief Sets the coordinates.
 * @param p the participant
 * @param lat latitude, -90 to 90
 * @param lon longitude, -180 to 180
 * @return ITAV_OK, or ITAV_EINVAL for a NULL participant or a value out of range (or NaN).
 */
ITAV_API int itav_participant_set_location(itav_participant *p, double lat, double lon);
/**
 * @brief Removes the coordinates.
 * @param p the participant
 * @return ITAV_OK, ITAV_EINVAL for a NULL participant.
 */
ITAV_API int itav_participant_clear_location(itav_participant *p);
/**
 * @brief Sets the weekly availability.
 * @param p the participant
 * @param slots ITAV_SLOT() bits
 * @return ITAV_OK, or ITAV_EINVAL for a NULL participant or bits outside ITAV_SLOT_ALL.
 */
ITAV_API int itav_participant_set_availability(itav_participant *p, uint32_t slots);
/**
 * @brief Sets the support types needed or offered.
 * @param p the participant
 * @param support itav_support bits
 * @return ITAV_OK, or ITAV_EINVAL for a NULL participant or bits outside ITAV_SUPPORT_ALL.
 */
ITAV_API int itav_participant_set_support(itav_participant *p, unsigned support);
/**
 * @brief Adds a language; a language already listed is not added twice.
 * @param p the participant
 * @param code an ISO 639-1 or ISO 639-3 code in lower case ("nl", "ar", "pap"); see
 *        itav_language_known(). It is stored in the form itav_language_canonical() gives
 *        ("nld" as "nl").
 * @return ITAV_OK, ITAV_EINVAL (NULL or a code that is in neither list), ITAV_ERANGE (a new
 *         language when ITAV_LANGUAGES_MAX are listed), ITAV_ENOMEM.
 */
ITAV_API int itav_participant_add_language(itav_participant *p, const char *code);
/**
 * @brief Removes every language.
 * @param p the participant
 * @return ITAV_OK, ITAV_EINVAL for a NULL participant.
 */
ITAV_API int itav_participant_clear_languages(itav_participant *p);
/**
 * @brief Sets whether a supporter must share one of the participant's languages.
 * @param p the participant
 * @param required 1 or 0
 * @return ITAV_OK, ITAV_EINVAL for a NULL participant or another value.
 */
ITAV_API int itav_participant_set_language_required(itav_participant *p, int required);
/**
 * @brief Adds an interest; one already listed is not added twice.
 * @param p the participant
 * @param tag lower-case letters, digits and single hyphens, at most 64 characters
 *        ("football", "board-games")
 * @return ITAV_OK, ITAV_EINVAL (NULL or a malformed tag), ITAV_ERANGE (a new interest when
 *         ITAV_INTERESTS_MAX are listed), ITAV_ENOMEM.
 */
ITAV_API int itav_participant_add_interest(itav_participant *p, const char *tag);
/**
 * @brief Removes every interest.
 * @param p the participant
 * @return ITAV_OK, ITAV_EINVAL for a NULL participant.
 */
ITAV_API int itav_participant_clear_interests(itav_participant *p);
/**
 * @brief Adds a child by age.
 * @param p the participant
 * @param age_months 0 to 300 (25 years)
 * @return ITAV_OK, ITAV_EINVAL (NULL, age out of range), ITAV_ERANGE (already
 *         ITAV_CHILDREN_MAX children), ITAV_ENOMEM.
 */
ITAV_API int itav_participant_add_child(itav_participant *p, int32_t age_months);
/**
 * @brief Removes every child.
 * @param p the participant
 * @return ITAV_OK, ITAV_EINVAL for a NULL participant.
 */
ITAV_API int itav_participant_clear_children(itav_participant *p);
/**
 * @brief Sets the ages of children a supporter takes on.
 * @param p the participant
 * @param min youngest age in months, 0 to 300; -1 (with max -1) clears the range
 * @param max oldest age in months, min to 300
 * @return ITAV_OK, ITAV_EINVAL (NULL, values out of range, max below min).
 */
ITAV_API int itav_participant_set_age_range(itav_participant *p, int32_t min, int32_t max);
/**
 * @brief Sets the date of the certificate of conduct (VOG).
 * @param p the participant
 * @param date the date, or ITAV_DATE_NONE to clear it
 * @return ITAV_OK, ITAV_EINVAL (NULL, a date outside 1900-9999).
 */
ITAV_API int itav_participant_set_vog_date(itav_participant *p, int32_t date);
/**
 * @brief Sets whether the participant has done the offer's training.
 * @param p the participant
 * @param trained 1 or 0
 * @return ITAV_OK, ITAV_EINVAL for a NULL participant or another value.
 */
ITAV_API int itav_participant_set_trained(itav_participant *p, int trained);
/**
 * @brief Sets how many matches the participant can have at the same time.
 * @param p the participant
 * @param capacity 1 to 100; the asking side always has capacity 1
 * @return ITAV_OK, ITAV_EINVAL (NULL, below 1, above 100, or above 1 on the asking side).
 */
ITAV_API int itav_participant_set_capacity(itav_participant *p, int capacity);
/**
 * @brief Sets the registration date.
 * @param p the participant
 * @param date the date, or ITAV_DATE_NONE to clear it
 * @return ITAV_OK, ITAV_EINVAL (NULL, a date outside 1900-9999).
 */
ITAV_API int itav_participant_set_registered(itav_participant *p, int32_t date);
/**
 * @brief Sets the participant's own limit on distance.
 * @param p the participant
 * @param metres the limit, more than 0 and at most 20,000,000; 0 clears it
 * @return ITAV_OK, ITAV_EINVAL (NULL, negative, NaN or too large).
 */
ITAV_API int itav_participant_set_max_distance(itav_participant *p, double metres);
/**
 * @brief Adds a participant this one must never be matched with.
 * @param p the participant
 * @param ref the other participant's reference (it need not exist)
 * @return ITAV_OK, ITAV_EINVAL (NULL, malformed ref, or p's own ref), ITAV_ERANGE (a new
 *         exclusion when ITAV_EXCLUSIONS_MAX are listed), ITAV_ENOMEM.
 */
ITAV_API int itav_participant_add_exclusion(itav_participant *p, const char *ref);
/**
 * @brief Removes every exclusion.
 * @param p the participant
 * @return ITAV_OK, ITAV_EINVAL for a NULL participant.
 */
ITAV_API int itav_participant_clear_exclusions(itav_participant *p);

/**
 * @brief Whether a language code is in ISO 639-1 or ISO 639-3 (the list of Debian's
 * iso-codes the library was built with, and the retired ISO 639-1 code "bh").
 * @param code a two- or three-letter lower-case code
 * @return 1 if it is ("nl", "nld", "ar", "pap"), 0 if not (also for NULL and upper case).
 */
ITAV_API int itav_language_known(const char *code);
/**
 * @brief The form in which a language is stored and compared: the ISO 639-1 code when the
 * language has one, else its ISO 639-3 code. itav_participant_add_language() stores this
 * form, so "nld" and "nl" are the same language.
 * @param code a two- or three-letter lower-case code
 * @return a static string ("nld" gives "nl", "nl" gives "nl", "pap" gives "pap"), or NULL if
 *         the code is not known (itav_language_known()).
 */
ITAV_API const char *itav_language_canonical(const char *code);

/**
 * @brief Reads a participant from a store.
 * @param[out] out a detached copy, owned by the caller
 * @param db the store
 * @param ref the external reference
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_participant_get(itav_participant **out, itav_db *db, const char *ref);
/**
 * @brief Adds a new participant, in one transaction.
 *
 * The status of p is the starting status: registered, intake, approved, not_suitable,
 * waiting (asking side), available (supporting side) or inactive; matched and erased are
 * refused, they only come from matches and erasure. The status date is set to the
 * registration date when it is not set.
 * @param db the store
 * @param p the participant; the caller still owns it
 * @return ITAV_OK, ITAV_EINVAL (NULL), ITAV_EEXISTS (ref taken), ITAV_ENOTFOUND (no such
 *         offer), ITAV_ESTATE (a starting status that is not allowed), ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_participant_create(itav_db *db, const itav_participant *p);
/**
 * @brief Replaces the stored participant with the same ref, in one transaction.
 *
 * Status and status date are kept from the store (change them with
 * itav_participant_set_status()). The offer cannot change while the participant has matches.
 * @param db the store
 * @param p the new version
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND (no such participant or offer), ITAV_ESTATE
 *         (erased participant), ITAV_EINUSE (offer change with matches), ITAV_EIO,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_participant_update(itav_db *db, const itav_participant *p);
/**
 * @brief Deletes a participant that never had a match, in one transaction. A participant
 * with matches is erased instead (itav_participant_erase()).
 * @param db the store
 * @param ref the reference
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EINUSE (has matches), ITAV_EIO.
 */
ITAV_API int itav_participant_delete(itav_db *db, const char *ref);
/**
 * @brief Moves a participant to another status, in one transaction.
 * @param db the store
 * @param ref the reference
 * @param status the new status; matched and erased cannot be set this way
 * @param date the date of the change (not before the current status date)
 * @return ITAV_OK, ITAV_EINVAL (NULL, unknown status, bad date), ITAV_ENOTFOUND, ITAV_ESTATE
 *         (the move is not legal; the message lists the legal ones), ITAV_EIO.
 */
ITAV_API int itav_participant_set_status(itav_db *db, const char *ref,
                                         itav_participant_status status, int32_t date);
/**
 * @brief Erases a participant's personal data, in one transaction.
 *
 * Every personal attribute is removed (only the offer and the kind stay, so that counts per
 * offer and kind stay right), the reference is replaced by a new one that says nothing about
 * the old one ("~erased-N"), the status becomes erased, the old reference is removed from
 * other participants' exclusions, and the notes in the audit trails of the participant's
 * matches are blanked. The matches themselves stay (with the new reference) so that counts
 * stay right; open matches are ended early first (reason "other", actor system; a match that
 * has not started, proposed or introduced, is declined instead, the only exit the lifecycle
 * has from there). This call takes no date: those moves and the erased status are dated today
 * (UTC), or the date of the match's last move (the current status date) if that is later, so
 * that no date goes back; itav_participant_erase_at() takes a date and reports what it did. On a SQLite store the freed space is overwritten and the
 * write-ahead log truncated, so the old values are not left in the files.
 * @param db the store
 * @param ref the reference
 * @param[out] new_ref the new reference, owned by the caller (free with itav_free()); may be
 *        NULL; set to NULL on failure
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_ESTATE (already erased), ITAV_EIO,
 *         ITAV_EBUSY, ITAV_ENOMEM. ITAV_EIO or ITAV_EBUSY can also come after the erasure
 *         was committed, from removing the leftover copies (another connection reading a
 *         SQLite store, say): then the records are erased and *new_ref is set, but the files
 *         may hold old values until a later erasure purges them.
 */
ITAV_API int itav_participant_erase(itav_db *db, const char *ref, char **new_ref);

/**
 * @brief What an erasure did (opaque): the new reference, the date and the open matches it
 * closed. Made by itav_participant_erase_at(); freed by itav_erasure_free().
 */
typedef struct itav_erasure itav_erasure;
/**
 * @brief Erases a participant's personal data on a given date, as itav_participant_erase()
 * does, and reports what it did.
 * @param db the store
 * @param ref the reference
 * @param date the date of the erasure: the erased status and the moves that close open
 *        matches carry it. Not before the participant's status date nor the last move of an
 *        open match. ITAV_DATE_NONE: as itav_participant_erase() (today, or a later last
 *        move).
 * @param[out] report what was done, owned by the caller; may be NULL; set to NULL on failure
 *        (and, with ITAV_EIO or ITAV_EBUSY after the commit, see itav_participant_erase(),
 *        set as on success)
 * @return ITAV_OK, ITAV_EINVAL (NULL, a date outside 1900-9999 or before the status date or
 *         an open match's last move: the message names it), ITAV_ENOTFOUND, ITAV_ESTATE
 *         (already erased), ITAV_EIO, ITAV_EBUSY, ITAV_ENOMEM. Nothing is changed unless it
 *         returns ITAV_OK (or fails only in the purge after the commit).
 */
ITAV_API int itav_participant_erase_at(itav_db *db, const char *ref, int32_t date,
                                       itav_erasure **report);
/**
 * @brief Frees an erasure report. NULL is allowed.
 * @param e the report, or NULL
 */
ITAV_API void itav_erasure_free(itav_erasure *e);
/**
 * @brief The reference the erased participant has now ("~erased-N").
 * @param e the report
 * @return borrowed text; NULL for a NULL report.
 */
ITAV_API const char *itav_erasure_ref(const itav_erasure *e);
/**
 * @brief The date of the erasure (of the erased status).
 * @param e the report
 * @return days since 1970-01-01; ITAV_DATE_NONE for a NULL report.
 */
ITAV_API int32_t itav_erasure_date(const itav_erasure *e);
/**
 * @brief How many open matches the erasure closed.
 * @param e the report
 * @return the number; 0 for a NULL report.
 */
ITAV_API size_t itav_erasure_closed_count(const itav_erasure *e);
/**
 * @brief One match the erasure closed, in order of match id.
 * @param e the report
 * @param i its index, from 0
 * @param[out] state the state it was closed to, an itav_match_state (itav/match.h):
 *             ITAV_MATCH_DECLINED or ITAV_MATCH_ENDED_EARLY (may be NULL)
 * @return the match id, borrowed; NULL if there is no match i (or for a NULL report).
 */
ITAV_API const char *itav_erasure_closed(const itav_erasure *e, size_t i, int *state);

/** @brief Version of struct itav_participant_filter that these headers describe. */
#define ITAV_PARTICIPANT_FILTER_VERSION 1

/** @brief Which participants itav_participant_list() returns; zero fields select all. */
typedef struct itav_participant_filter {
    int version;              /**< ITAV_PARTICIPANT_FILTER_VERSION */
    const char *offer;        /**< only this offer; NULL for all */
    itav_side side;           /**< only this side; 0 for both */
    itav_participant_status status; /**< only this status; 0 for all */
    const char *municipality; /**< only this municipality (ignoring ASCII case); NULL for all */
} itav_participant_filter;

/** @brief Initialiser of an itav_participant_filter that selects everything. */
#define ITAV_PARTICIPANT_FILTER_INIT \
    {ITAV_PARTICIPANT_FILTER_VERSION, NULL, (itav_side)0, (itav_participant_status)0, NULL}

/**
 * @brief Lists participants, ordered by reference.
 * @param[out] out the iterator
 * @param db the store
 * @param filter what to select; NULL selects all
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EVERSION (unknown filter version), ITAV_EIO,
 *         ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_participant_list(itav_participant_iter **out, itav_db *db,
                                   const itav_participant_filter *filter);
/**
 * @brief The next participant, owned by the caller.
 * @param[out] out the participant
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end (*out set to NULL), ITAV_EINVAL.
 */
ITAV_API int itav_participant_iter_next(itav_participant **out, itav_participant_iter *it);
/**
 * @brief Frees an iterator and the participants it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_participant_iter_free(itav_participant_iter *it);

#ifdef __cplusplus
}
#endif
#endif
