/**
 * @file itav/factor.h
 * @brief The fourteen working factors of the VWS practice stories (seed 004).
 *
 * The VWS collection of fifteen municipal practice stories closes with fourteen "werkende
 * factoren" (seed 004, lines 411-467): what made the practices work, each credited to the
 * municipalities whose story shows it, three of them to all municipalities. Like the elements
 * (itav/element.h) they are fixed and numbered in the seed's order; their codes are stable and
 * used in JSON, the CLI and the bindings. An intervention records which factors its practice
 * shows (itav_intervention_set_factor()); the intervention filter selects by them and a
 * portfolio counts them (itav_portfolio_factor_count()).
 *
 * @since 0.4
 */
#ifndef ITAV_FACTOR_H
#define ITAV_FACTOR_H

#include "common.h"
#include "element.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One of the fourteen working factors, numbered in the seed's order. @since 0.4 */
typedef enum itav_factor {
    ITAV_FACTOR_RIGHT_PEOPLE = 1,          /**< right_people: the right people in the right
                                                place at the right time */
    ITAV_FACTOR_JOINT_SEARCH = 2,          /**< joint_search: a joint search with room to
                                                experiment */
    ITAV_FACTOR_UNCONVENTIONAL = 3,        /**< unconventional: dare to choose unconventional
                                                solutions */
    ITAV_FACTOR_CELEBRATE_SUCCESS = 4,     /**< celebrate_success: show what you do and
                                                celebrate successes */
    ITAV_FACTOR_YOUTH_WORLD = 5,           /**< youth_world: connect with young people's
                                                world */
    ITAV_FACTOR_CRAFTSMANSHIP = 6,         /**< craftsmanship: room for craftsmanship and
                                                learning from each other */
    ITAV_FACTOR_OPPORTUNITIES = 7,         /**< opportunities: start from possibilities for a
                                                positive development */
    ITAV_FACTOR_RESIDENTS_TAKE_PART = 8,   /**< residents_take_part: make taking part
                                                attractive; residents devise solutions */
    ITAV_FACTOR_POLITICAL_SUPPORT = 9,     /**< political_support: the support of alderman and
                                                council */
    ITAV_FACTOR_TRUST_SHORT_LINES = 10,    /**< trust_short_lines: trust in the collaboration,
                                                short lines in practice */
    ITAV_FACTOR_USE_WHAT_EXISTS = 11,      /**< use_what_exists: use what exists, in unusual
                                                combinations */
    ITAV_FACTOR_LOW_THRESHOLD_CONTACT = 12, /**< low_threshold_contact: low-threshold contact
                                                 in obvious places */
    ITAV_FACTOR_LONG_TERM = 13,            /**< long_term: success takes time; a long-term
                                                vision */
    ITAV_FACTOR_KNOW_WHAT_WORKS = 14       /**< know_what_works: know what works; proven
                                                methods */
} itav_factor;

/** @brief Number of factors; factors are numbered 1 to ITAV_FACTOR_COUNT. @since 0.4 */
#define ITAV_FACTOR_COUNT 14

/**
 * @brief A set of factors: bit (f - 1) is set when factor f is in the set.
 * @since 0.4
 */
typedef uint32_t itav_factorset;

/** @brief The set of all fourteen factors. @since 0.4 */
#define ITAV_FACTORSET_ALL ((itav_factorset)0x3FFFu)

/**
 * @brief The stable code of a factor ("right_people").
 * @param f the factor
 * @return a static string, or NULL if f is not a factor.
 * @since 0.4
 */
ITAV_API const char *itav_factor_code(itav_factor f);

/**
 * @brief The label of a factor in a language.
 * The Dutch label is the first sentence of the seed's wording without its final punctuation;
 * the English label is a translation.
 * @param f the factor
 * @param lang the language
 * @return a static UTF-8 string, or NULL if f or lang is out of range.
 * @since 0.4
 */
ITAV_API const char *itav_factor_label(itav_factor f, itav_lang lang);

/**
 * @brief Looks up a factor by its exact code.
 * @param[out] out the factor; unchanged on error
 * @param code the code ("joint_search"); case-sensitive
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOTFOUND for an unknown code.
 * @since 0.4
 */
ITAV_API int itav_factor_from_code(itav_factor *out, const char *code);

/**
 * @brief Where seed 004 states the factor: the reference of its line ("004:L413").
 * @param f the factor
 * @return a static string, or NULL if f is not a factor.
 * @since 0.4
 */
ITAV_API const char *itav_factor_source(itav_factor f);

/**
 * @brief Whether the seed credits the factor to all municipalities ("Alle gemeenten") rather
 * than to a list of them: right_people, political_support and trust_short_lines.
 * @param f the factor
 * @return 1 if so, 0 if not or if f is not a factor.
 * @since 0.4
 */
ITAV_API int itav_factor_credited_to_all(itav_factor f);

/**
 * @brief Whether a factor is in a set.
 * @param s the set
 * @param f the factor
 * @return 1 if f is in s, 0 if not (or if f is not a factor).
 * @since 0.4
 */
ITAV_API int itav_factorset_has(itav_factorset s, itav_factor f);

#ifdef __cplusplus
}
#endif
#endif
