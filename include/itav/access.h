/**
 * @file itav/access.h
 * @brief Who an intervention or offer is for, how people reach it, and what running it takes.
 *
 * An access sheet (itav_access) holds five lists of entries and an age range:
 *
 * - conditions: who may take part ("gezinnen zonder netwerk", seed 002 L57);
 * - referral: how families or young people come in, by whom they are referred or that they
 *   sign up themselves (002 L61);
 * - recruitment: how supporters and volunteers are found, and which way worked best (002
 *   L69: Facebook "uitermate effectief");
 * - tasks: what the local coordinator does (002 L32-45);
 * - needs: what is needed to start or run it (the "Wat is er nodig?" sections of seed 001).
 *
 * Every entry has a code from its list's fixed vocabulary (itav_access_code_at(); "other"
 * when none fits), the text in the catalogue's own words, an optional source reference
 * ("002:L61") and flags. The age range of the children follows the one rule for ages of
 * docs/format.md ("tussen de 0 en 23 jaar" is 0..287 months).
 *
 * An intervention holds what holds everywhere it runs, an offer what holds in its place;
 * both hold a sheet the way they hold a match plan (itav_intervention_set_access(),
 * itav_offer_set_access()). Sheets are plain values: getters return borrowed pointers valid
 * until the sheet is changed or freed.
 *
 * @since 0.4
 */
#ifndef ITAV_ACCESS_H
#define ITAV_ACCESS_H

#include "common.h"
#include "element.h"
#include "intervention.h"
#include "offer.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The lists of an access sheet (their codes in parentheses). @since 0.4 */
typedef enum itav_access_list {
    ITAV_ACCESS_CONDITIONS = 1,  /**< conditions: who may take part */
    ITAV_ACCESS_REFERRAL = 2,    /**< referral: how families or young people come in */
    ITAV_ACCESS_RECRUITMENT = 3, /**< recruitment: how supporters and volunteers are found */
    ITAV_ACCESS_TASKS = 4,       /**< tasks: what the coordinator does */
    ITAV_ACCESS_NEEDS = 5        /**< needs: what is needed to start or run it */
} itav_access_list;

/** @brief Number of lists; lists are numbered 1 to ITAV_ACCESS_LIST_COUNT. @since 0.4 */
#define ITAV_ACCESS_LIST_COUNT 5

/** @brief Entry flag: the source says this way worked well ("uitermate effectief gebleken").
 * @since 0.4 */
#define ITAV_ACCESS_EFFECTIVE 1u

/**
 * @brief An access sheet (opaque). Made by itav_access_new() or itav_access_dup(); freed by
 * itav_access_free().
 * @since 0.4
 */
typedef struct itav_access itav_access;

/**
 * @brief The code of a list ("referral").
 * @param list the list
 * @return a static string, or NULL if list is not a list.
 * @since 0.4
 */
ITAV_API const char *itav_access_list_code(itav_access_list list);

/**
 * @brief Looks up a list by its code.
 * @param[out] out the list; unchanged on error
 * @param code "conditions", "referral", "recruitment", "tasks" or "needs"
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOTFOUND for an unknown code.
 * @since 0.4
 */
ITAV_API int itav_access_list_from_code(itav_access_list *out, const char *code);

/**
 * @brief The i-th code of a list's vocabulary, in a fixed order with "other" last.
 * @param list the list
 * @param i from 0
 * @return a static string, or NULL past the end or for an unknown list.
 * @since 0.4
 */
ITAV_API const char *itav_access_code_at(itav_access_list list, size_t i);

/**
 * @brief The label of a code of a list in a language ("huisarts" / "general practitioner").
 * @param list the list
 * @param code a code of its vocabulary
 * @param lang the language
 * @return a static UTF-8 string, or NULL for an unknown list, code or language.
 * @since 0.4
 */
ITAV_API const char *itav_access_code_label(itav_access_list list, const char *code,
                                            itav_lang lang);

/**
 * @brief Creates an empty sheet: no age range, no entries.
 * @param[out] out the sheet, to be freed with itav_access_free()
 * @return ITAV_OK, ITAV_EINVAL for a NULL out, ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_access_new(itav_access **out);

/**
 * @brief Copies a sheet.
 * @param[out] out the copy, to be freed with itav_access_free()
 * @param a the sheet
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_access_dup(itav_access **out, const itav_access *a);

/**
 * @brief Frees a sheet. NULL is allowed.
 * @param a the sheet, or NULL
 * @since 0.4
 */
ITAV_API void itav_access_free(itav_access *a);

/**
 * @brief Sets the age range of the children it is for, in months, with its source.
 * @param a the sheet
 * @param min the lower bound, or ITAV_AGE_NONE for none
 * @param max the upper bound, or ITAV_AGE_NONE for none; both ITAV_AGE_NONE clears the range
 * @param source a source reference ("002:L59"), or NULL
 * @return ITAV_OK, ITAV_EINVAL for a NULL sheet, a bound outside -12..1200 months, min > max
 *         or a malformed reference, ITAV_ENOMEM. The sheet is unchanged on error.
 * @since 0.4
 */
ITAV_API int itav_access_set_ages(itav_access *a, int32_t min, int32_t max, const char *source);

/**
 * @brief The age range of the children it is for.
 * @param[out] min the lower bound, or ITAV_AGE_NONE
 * @param[out] max the upper bound, or ITAV_AGE_NONE
 * @param a the sheet
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments.
 * @since 0.4
 */
ITAV_API int itav_access_ages(int32_t *min, int32_t *max, const itav_access *a);

/**
 * @brief The source reference of the age range.
 * @param a the sheet
 * @return borrowed text, or NULL if none.
 * @since 0.4
 */
ITAV_API const char *itav_access_ages_source(const itav_access *a);

/**
 * @brief Appends an entry to a list.
 * @param a the sheet
 * @param list the list
 * @param code a code of the list's vocabulary (itav_access_code_at())
 * @param text the entry in words: non-empty UTF-8
 * @param source a source reference ("002:L61"), or NULL
 * @param flags 0 or ITAV_ACCESS_EFFECTIVE
 * @return ITAV_OK, ITAV_EINVAL for a NULL sheet, an unknown list or code, an empty or
 *         invalid text, a malformed reference or unknown flags, ITAV_ENOMEM. The sheet is
 *         unchanged on error.
 * @since 0.4
 */
ITAV_API int itav_access_add(itav_access *a, itav_access_list list, const char *code,
                             const char *text, const char *source, unsigned flags);

/**
 * @brief Number of entries in a list.
 * @param a the sheet
 * @param list the list
 * @return the number; 0 for a NULL sheet or an unknown list.
 * @since 0.4
 */
ITAV_API size_t itav_access_count(const itav_access *a, itav_access_list list);

/**
 * @brief The i-th entry of a list, in the order they were added.
 * @param[out] code the code (borrowed); may be NULL
 * @param[out] text the text (borrowed); may be NULL
 * @param[out] source the source reference (borrowed) or NULL; may be NULL
 * @param[out] flags the flags; may be NULL
 * @param a the sheet
 * @param list the list
 * @param i from 0
 * @return ITAV_OK, ITAV_EINVAL for a NULL sheet or an unknown list, ITAV_ENOTFOUND for i past
 *         the end.
 * @since 0.4
 */
ITAV_API int itav_access_at(const char **code, const char **text, const char **source,
                            unsigned *flags, const itav_access *a, itav_access_list list,
                            size_t i);

/**
 * @brief Removes the i-th entry of a list.
 * @param a the sheet
 * @param list the list
 * @param i from 0
 * @return ITAV_OK, ITAV_EINVAL for a NULL sheet or an unknown list, ITAV_ENOTFOUND for i past
 *         the end.
 * @since 0.4
 */
ITAV_API int itav_access_remove(itav_access *a, itav_access_list list, size_t i);

/**
 * @brief Whether a list has an entry with a code ("is self-referral a route?").
 * @param a the sheet, or NULL
 * @param list the list
 * @param code the code
 * @return 1 if so, 0 if not or for NULL arguments.
 * @since 0.4
 */
ITAV_API int itav_access_has(const itav_access *a, itav_access_list list, const char *code);

/**
 * @brief The access sheet of an intervention: what holds wherever it runs.
 * @param iv the intervention
 * @return borrowed, or NULL if it has none.
 * @since 0.4
 */
ITAV_API const itav_access *itav_intervention_access(const itav_intervention *iv);

/**
 * @brief Sets (a copy of) the access sheet of an intervention; NULL or an empty sheet clears it.
 * @param iv the intervention
 * @param a the sheet, or NULL
 * @return ITAV_OK, ITAV_EINVAL for a NULL intervention, ITAV_ENOMEM (then unchanged).
 * @since 0.4
 */
ITAV_API int itav_intervention_set_access(itav_intervention *iv, const itav_access *a);

/**
 * @brief The access sheet of an offer: what holds in its place.
 * @param of the offer
 * @return borrowed, or NULL if it has none.
 * @since 0.4
 */
ITAV_API const itav_access *itav_offer_access(const itav_offer *of);

/**
 * @brief Sets (a copy of) the access sheet of an offer; NULL or an empty sheet clears it.
 * @param of the offer
 * @param a the sheet, or NULL
 * @return ITAV_OK, ITAV_EINVAL for a NULL offer, ITAV_ENOMEM (then unchanged).
 * @since 0.4
 */
ITAV_API int itav_offer_set_access(itav_offer *of, const itav_access *a);

#ifdef __cplusplus
}
#endif
#endif
