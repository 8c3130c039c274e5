/**
 * @file itav/codes.h
 * @brief Stable text codes of libitav's enumerations.
 *
 * Every enumeration that appears in JSON or on the command line has a stable lower-case code
 * (setting "informal", qualifier "at_least", ...). These two functions convert both ways, so
 * that programs and bindings never keep their own copy of the tables. The codes are listed in
 * docs/format.md.
 */
#ifndef ITAV_CODES_H
#define ITAV_CODES_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Which enumeration a code belongs to. */
typedef enum itav_code_type {
    ITAV_CODE_KIND = 1,           /**< itav_kind */
    ITAV_CODE_SETTING = 2,        /**< itav_setting */
    ITAV_CODE_SCOPE = 3,          /**< itav_scope */
    ITAV_CODE_CHANNEL = 4,        /**< itav_channel */
    ITAV_CODE_EVIDENCE = 5,       /**< itav_evidence */
    ITAV_CODE_AUDIENCE = 6,       /**< one bit of itav_audience */
    ITAV_CODE_ROLE = 7,           /**< itav_role_kind */
    ITAV_CODE_QUALIFIER = 8,      /**< itav_qualifier */
    ITAV_CODE_STATUS = 9,         /**< itav_status */
    ITAV_CODE_PROFILE_SOURCE = 10, /**< itav_profile_source (not ITAV_PROFILE_DEFAULT) */
    ITAV_CODE_SIDE = 11,               /**< itav_side */
    ITAV_CODE_PARTICIPANT_KIND = 12,   /**< itav_participant_kind */
    ITAV_CODE_PARTICIPANT_STATUS = 13, /**< itav_participant_status */
    ITAV_CODE_SUPPORT = 14,            /**< one bit of itav_support */
    ITAV_CODE_SLOT = 15,               /**< one availability bit, ITAV_SLOT() ("mon_morning") */
    ITAV_CODE_MATCH_STATE = 16,        /**< itav_match_state */
    ITAV_CODE_ACTOR = 17,              /**< itav_actor */
    ITAV_CODE_END_REASON = 18,         /**< itav_end_reason */
    ITAV_CODE_CRITERION = 19,          /**< itav_criterion */
    ITAV_CODE_CONSTRAINT = 20,         /**< itav_constraint (not ITAV_CONSTRAINT_NONE) */
    ITAV_CODE_DUE_KIND = 21,           /**< itav_due_kind */
    ITAV_CODE_PLAN_FIELD = 22,         /**< itav_plan_field */
    ITAV_CODE_REVIEW_KIND = 23,        /**< itav_review_kind */
    ITAV_CODE_RESPONDENT = 24,         /**< itav_respondent */
    ITAV_CODE_EFFECT = 25,             /**< itav_effect */
    ITAV_CODE_FORMAL_HELP = 26,        /**< itav_formal_help */
    ITAV_CODE_MEASURE = 27,            /**< itav_measure */
    ITAV_CODE_COMPARATOR = 28,         /**< itav_comparator */
    ITAV_CODE_ATTAINMENT = 29,         /**< itav_attainment */
    ITAV_CODE_DERIVED = 30,            /**< itav_derived */
    ITAV_CODE_THEME = 31,              /**< one bit of itav_theme */
    ITAV_CODE_PORTFOLIO_FLAG = 32,     /**< itav_portfolio_flag */
    ITAV_CODE_ASKER = 33,              /**< itav_asker */
    ITAV_CODE_REPORT_FORMAT = 34,      /**< itav_report_format */
    ITAV_CODE_OUTCOME_KIND = 35,       /**< itav_outcome_kind @since 0.4 */
    ITAV_CODE_MILESTONE_STATUS = 36,   /**< itav_milestone_status @since 0.4 */
    ITAV_CODE_COST_UNIT = 37,          /**< itav_cost_unit @since 0.4 */
    ITAV_CODE_SHARE_KIND = 38          /**< itav_share_kind (not ITAV_SHARE_NONE) @since 0.4 */
} itav_code_type;

/**
 * @brief The code of a value ("informal" for ITAV_SETTING_INFORMAL).
 * @param type the enumeration
 * @param value a value of it; for ITAV_CODE_AUDIENCE, ITAV_CODE_SUPPORT, ITAV_CODE_SLOT and
 *        ITAV_CODE_THEME a single bit
 * @return a static string, or NULL if type or value is unknown, or value is the "unknown"
 *         value 0 of the enumeration.
 */
ITAV_API const char *itav_code_name(itav_code_type type, int value);

/**
 * @brief The value of a code (exact, case-sensitive match).
 * @param[out] out the value; unchanged on error
 * @param type the enumeration
 * @param code the code, as docs/format.md lists it ("at_least")
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments or an unknown type, ITAV_ENOTFOUND for a code
 *         the enumeration does not have.
 */
ITAV_API int itav_code_parse(int *out, itav_code_type type, const char *code);

#ifdef __cplusplus
}
#endif
#endif
