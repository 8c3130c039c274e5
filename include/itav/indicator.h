/**
 * @file itav/indicator.h
 * @brief Indicators: what a programme measures, its baseline, targets and measurements, and
 * whether a target is attained.
 *
 * ITAV Hoeksche Waard wants to know at the end of 2022 whether parents are 10% more positive
 * about finding parenting information, whether interventions are programmed jointly around
 * three parenting themes, and whether professionals rate their collaboration at least a seven
 * (seed 000 lines 103-107). An indicator holds such a definition for one offer: its type and
 * unit, a baseline, targets and the measurements made so far. Every number is a qualified
 * quantity (itav_qualifier with a minimum and a maximum, as in itav/figure.h), because the
 * seeds say "about", "at least" and "between".
 *
 * Attainment compares a measurement with a target as intervals. A quantity stands for every
 * value it allows: exact v is [v, v]; about v is v plus or minus 10 percent; at least v is
 * [v, upper end of the scale]; at most v is [lower end of the scale, v]; a range is [min, max];
 * an approximate range (ITAV_QTY_ABOUT_RANGE) is [min - 10%, max + 10%]; text allows anything. A target is met when every value the measurement allows satisfies it,
 * not met when none does, and unknown otherwise. So "about 10" against "at least 12" is not
 * met, "at least 12" against "at least 12" is met, and a range that straddles the target is
 * unknown. Before the deadline a target that is not met yet is on track when the measurement
 * lies on or beyond the straight path from the baseline (at its date) to the target (at the
 * deadline). The verdict comes with an explanation in words.
 */
#ifndef ITAV_INDICATOR_H
#define ITAV_INDICATOR_H

#include "common.h"
#include "element.h"
#include "figure.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief What sort of number an indicator is (ITAV_CODE_MEASURE). */
typedef enum itav_measure {
    ITAV_MEASURE_COUNT = 1,      /**< count: a number of things, 0 or more */
    ITAV_MEASURE_PERCENTAGE = 2, /**< percentage: 0 to 100 */
    ITAV_MEASURE_RATING = 3,     /**< rating: a mark on the indicator's scale (default 1-10) */
    ITAV_MEASURE_MEAN = 4,       /**< mean: an average of something */
    ITAV_MEASURE_CHANGE = 5      /**< change: a difference between two moments, may be negative */
} itav_measure;

/** @brief How a target compares (ITAV_CODE_COMPARATOR). */
typedef enum itav_comparator {
    ITAV_CMP_AT_LEAST = 1, /**< at_least: the value must be the target or more */
    ITAV_CMP_AT_MOST = 2,  /**< at_most: the value must be the target or less */
    ITAV_CMP_EQUAL = 3,    /**< equal: the value must be the target */
    ITAV_CMP_BETWEEN = 4   /**< between: the value must lie in [value, high] */
} itav_comparator;

/** @brief The verdict on a target (ITAV_CODE_ATTAINMENT). */
typedef enum itav_attainment {
    ITAV_ATTAIN_MET = 1,      /**< met: the measurement satisfies the target */
    ITAV_ATTAIN_NOT_MET = 2,  /**< not_met: it does not (and before the deadline: behind the path) */
    ITAV_ATTAIN_ON_TRACK = 3, /**< on_track: not met yet, but on or beyond the path to it */
    ITAV_ATTAIN_UNKNOWN = 4   /**< unknown: no measurement, or its qualifier allows no verdict */
} itav_attainment;

/**
 * @brief Figures an indicator can be derived from in the store (ITAV_CODE_DERIVED).
 * 0 means "measured by hand".
 */
typedef enum itav_derived {
    ITAV_DERIVED_MATCHES_STARTED = 1,   /**< matches_started: matches whose start falls in the period */
    ITAV_DERIVED_MEAN_SATISFACTION = 2, /**< mean_satisfaction: mean mark of the reviews in the period */
    ITAV_DERIVED_FORMAL_HELP = 3        /**< formal_help: percentage of final reviews in the period
                                             where formal help was prevented, reduced or stopped,
                                             out of those that record an outcome other than
                                             unknown */
} itav_derived;

/**
 * @brief An indicator (opaque): definition, baseline, targets and measurements. Made by
 * itav_indicator_new(), itav_indicator_dup(), itav_indicator_get() or
 * itav_indicator_iter_next(); freed by itav_indicator_free().
 */
typedef struct itav_indicator itav_indicator;

/** @brief An iterator over stored indicators (opaque), from itav_indicator_list(). */
typedef struct itav_indicator_iter itav_indicator_iter;

/**
 * @brief Reads a qualified quantity from text: "12", "about 12", "~12", "at least 12",
 * ">=12", "at most 12", "<=12", "5..10" or "5-10" (a range), "about 5..10" or "~5-10" (an
 * approximate range, since 0.4); a dot is the decimal separator.
 * @param[out] qualifier the qualifier
 * @param[out] min the number, or the lower bound of a range
 * @param[out] max the upper bound (equal to min unless a range)
 * @param text the text
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments or text that is not one of these forms
 *         (also a range whose lower bound exceeds its upper bound).
 */
ITAV_API int itav_quantity_parse(itav_qualifier *qualifier, double *min, double *max,
                                 const char *text);
/**
 * @brief Judges one qualified quantity against a target, without dates (see the file
 * description for the interval rule). Only ITAV_ATTAIN_MET, ITAV_ATTAIN_NOT_MET and
 * ITAV_ATTAIN_UNKNOWN are returned.
 * @param qualifier the measurement's qualifier
 * @param min the measurement's number (lower bound of a range)
 * @param max the upper bound of a range (ignored otherwise)
 * @param cmp how the target compares
 * @param value the target
 * @param high the upper bound for ITAV_CMP_BETWEEN (ignored otherwise)
 * @return the verdict; ITAV_ATTAIN_UNKNOWN also for invalid arguments.
 */
ITAV_API itav_attainment itav_quantity_verdict(itav_qualifier qualifier, double min, double max,
                                               itav_comparator cmp, double value, double high);

/**
 * @brief Creates an indicator that is not yet stored.
 * @param[out] out the new indicator
 * @param id a stable id (lower-case letters, digits and hyphens)
 * @param offer the offer (or programme offer) it belongs to
 * @param type what sort of number it is
 * @return ITAV_OK, ITAV_EINVAL (NULL, malformed id or offer id, unknown type), ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_new(itav_indicator **out, const char *id, const char *offer,
                                itav_measure type);
/**
 * @brief Copies an indicator.
 * @param[out] out the copy
 * @param ind the indicator
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_dup(itav_indicator **out, const itav_indicator *ind);
/**
 * @brief Frees an indicator. NULL is allowed.
 * @param ind the indicator, or NULL
 */
ITAV_API void itav_indicator_free(itav_indicator *ind);

/**
 * @brief The id.
 * @param ind the indicator
 * @return borrowed text; NULL for a NULL indicator.
 */
ITAV_API const char *itav_indicator_id(const itav_indicator *ind);
/**
 * @brief The offer it belongs to.
 * @param ind the indicator
 * @return borrowed id; NULL for a NULL indicator.
 */
ITAV_API const char *itav_indicator_offer(const itav_indicator *ind);
/**
 * @brief What sort of number it is.
 * @param ind the indicator
 * @return the type; 0 for a NULL indicator.
 */
ITAV_API itav_measure itav_indicator_type(const itav_indicator *ind);
/**
 * @brief What is measured, in words.
 * @param ind the indicator
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_indicator_name(const itav_indicator *ind);
/**
 * @brief The unit ("percent", "themes", "mark").
 * @param ind the indicator
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_indicator_unit(const itav_indicator *ind);
/**
 * @brief A note on how to read the indicator (for example an ambiguity in the source).
 * @param ind the indicator
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_indicator_note(const itav_indicator *ind);
/**
 * @brief Where the definition comes from ("000:L105").
 * @param ind the indicator
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_indicator_source(const itav_indicator *ind);
/**
 * @brief The scale of the values: 0 to 100 for percentages, 1 to 10 for ratings unless set
 * otherwise, 0 upwards for counts, unbounded for means and changes.
 * @param ind the indicator
 * @param[out] low the lower end (-INFINITY when unbounded); may be NULL
 * @param[out] high the upper end (INFINITY when unbounded); may be NULL
 * @return ITAV_OK, ITAV_EINVAL for a NULL indicator.
 */
ITAV_API int itav_indicator_scale(const itav_indicator *ind, double *low, double *high);
/**
 * @brief What the indicator is derived from in the store.
 * @param ind the indicator
 * @return the figure, or 0 when it is measured by hand.
 */
ITAV_API itav_derived itav_indicator_derived(const itav_indicator *ind);
/**
 * @brief The municipality a derived indicator is restricted to.
 * @param ind the indicator
 * @return borrowed text, or NULL for the whole offer.
 */
ITAV_API const char *itav_indicator_municipality(const itav_indicator *ind);
/**
 * @brief How many municipalities a derived indicator counts together: 0 for the whole
 * offer, 1 for one (itav_indicator_municipality()), more for a joint target.
 * @param ind the indicator
 * @return the number; 0 for a NULL indicator.
 * @since 0.4
 */
ITAV_API size_t itav_indicator_municipality_count(const itav_indicator *ind);
/**
 * @brief One of the municipalities a derived indicator counts together.
 * @param ind the indicator
 * @param i 0 for the first (the one itav_indicator_set_derived() set), up to
 *        itav_indicator_municipality_count() - 1
 * @return borrowed text, or NULL for a NULL indicator or i out of range.
 * @since 0.4
 */
ITAV_API const char *itav_indicator_municipality_at(const itav_indicator *ind, size_t i);

/**
 * @brief Sets what is measured.
 * @param ind the indicator
 * @param name the text; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL (NULL indicator, text not UTF-8 or over 64 KiB), ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_set_name(itav_indicator *ind, const char *name);
/**
 * @brief Sets the unit.
 * @param ind the indicator
 * @param unit the text; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL (NULL indicator, text not UTF-8 or over 64 KiB), ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_set_unit(itav_indicator *ind, const char *unit);
/**
 * @brief Sets the note.
 * @param ind the indicator
 * @param note the text; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL (NULL indicator, text not UTF-8 or over 64 KiB), ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_set_note(itav_indicator *ind, const char *note);
/**
 * @brief Sets where the definition comes from.
 * @param ind the indicator
 * @param ref "NNN:Lline" or "NNN:Lfirst-last"; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL (NULL indicator, malformed reference), ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_set_source(itav_indicator *ind, const char *ref);
/**
 * @brief Sets the scale of a rating (other types have a fixed scale).
 * @param ind the indicator
 * @param low the lowest mark
 * @param high the highest mark (greater than low)
 * @return ITAV_OK, ITAV_EINVAL (NULL indicator, not a rating, bounds not finite or
 *         low >= high, or a scale other than 1-10 for a rating derived from
 *         ITAV_DERIVED_MEAN_SATISFACTION), ITAV_ERANGE when a baseline, target or measurement
 *         the indicator already holds would fall off the new scale.
 */
ITAV_API int itav_indicator_set_scale(itav_indicator *ind, double low, double high);
/**
 * @brief Makes the indicator derived from the store (see itav_indicator_derive()).
 * @param ind the indicator
 * @param what the figure; 0 makes it measured by hand again
 * @param municipality only matches whose asking participant lives there; NULL for all
 * @return ITAV_OK, ITAV_EINVAL (NULL indicator, unknown figure, a type that does not fit it:
 *         matches_started needs a count, mean_satisfaction a rating on the 1-10 scale or a
 *         mean, formal_help a percentage), ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_set_derived(itav_indicator *ind, itav_derived what,
                                        const char *municipality);
/**
 * @brief Adds a municipality to a derived indicator's, for a target that two or more
 * municipalities share ("voor beide gemeenten 5 koppelingen"): matches whose asking
 * participant lives in any of them count together.
 *
 * itav_indicator_set_derived() sets the first municipality and drops any added ones.
 * @param ind the indicator
 * @param municipality the municipality to add (non-empty)
 * @return ITAV_OK, ITAV_EINVAL (NULL indicator, an indicator that is not derived or has no
 *         first municipality, an empty name, text not UTF-8 or over 64 KiB), ITAV_EEXISTS (the
 *         indicator already counts that municipality, ignoring case), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_indicator_add_municipality(itav_indicator *ind, const char *municipality);

/**
 * @brief Sets the baseline: the value the targets start from.
 * @param ind the indicator
 * @param date what date the baseline describes
 * @param qualifier how the number is meant (ITAV_QTY_TEXT needs text)
 * @param min the number (lower bound of a range)
 * @param max the upper bound of a range (ignored otherwise)
 * @param text the source's wording; may be NULL
 * @param source "NNN:Lline"; may be NULL
 * @return ITAV_OK, ITAV_EINVAL (NULL indicator, ITAV_DATE_NONE, unknown qualifier, min > max,
 *         number not finite, malformed text or reference), ITAV_ERANGE (off the scale),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_set_baseline(itav_indicator *ind, int32_t date,
                                         itav_qualifier qualifier, double min, double max,
                                         const char *text, const char *source);
/**
 * @brief Removes the baseline.
 * @param ind the indicator
 * @return ITAV_OK, ITAV_EINVAL for a NULL indicator.
 */
ITAV_API int itav_indicator_clear_baseline(itav_indicator *ind);
/**
 * @brief The baseline.
 * @param ind the indicator
 * @param[out] date its date; may be NULL
 * @param[out] qualifier its qualifier; may be NULL
 * @param[out] min its number; may be NULL
 * @param[out] max its upper bound; may be NULL
 * @return ITAV_OK, ITAV_ENOTFOUND when there is none, ITAV_EINVAL for a NULL indicator.
 */
ITAV_API int itav_indicator_baseline(const itav_indicator *ind, int32_t *date,
                                     itav_qualifier *qualifier, double *min, double *max);
/**
 * @brief The baseline's wording.
 * @param ind the indicator
 * @return borrowed text, or NULL if none.
 */
ITAV_API const char *itav_indicator_baseline_text(const itav_indicator *ind);
/**
 * @brief Where the baseline comes from.
 * @param ind the indicator
 * @return borrowed text, or NULL if none.
 */
ITAV_API const char *itav_indicator_baseline_source(const itav_indicator *ind);

/**
 * @brief Adds a target.
 * @param ind the indicator
 * @param cmp how the target compares
 * @param value the target (the lower bound for ITAV_CMP_BETWEEN); for a relative target a
 *        change in percent of the baseline (10 means 10 percent more than the baseline)
 * @param high the upper bound for ITAV_CMP_BETWEEN (ignored otherwise)
 * @param relative 1 if value is a change relative to the baseline, 0 if absolute
 * @param deadline the date by which it should be reached
 * @param text the source's wording; may be NULL
 * @param source "NNN:Lline"; may be NULL
 * @return ITAV_OK, ITAV_EINVAL (NULL indicator, unknown comparator, relative not 0 or 1,
 *         numbers not finite, high below value for ITAV_CMP_BETWEEN, ITAV_DATE_NONE,
 *         malformed text or reference), ITAV_ERANGE (an absolute target off the scale, so
 *         it can never be met or is always met), ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_add_target(itav_indicator *ind, itav_comparator cmp, double value,
                                       double high, int relative, int32_t deadline,
                                       const char *text, const char *source);
/**
 * @brief Removes a target.
 * @param ind the indicator
 * @param i its index
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ERANGE for an index past the end.
 */
ITAV_API int itav_indicator_remove_target(itav_indicator *ind, size_t i);
/**
 * @brief The number of targets.
 * @param ind the indicator
 * @return the count; 0 for a NULL indicator.
 */
ITAV_API size_t itav_indicator_target_count(const itav_indicator *ind);
/**
 * @brief One target.
 * @param ind the indicator
 * @param i its index
 * @param[out] cmp the comparator; may be NULL
 * @param[out] value the target; may be NULL
 * @param[out] high the upper bound; may be NULL
 * @param[out] relative 1 for a relative target; may be NULL
 * @param[out] deadline the deadline; may be NULL
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ERANGE for an index past the end.
 */
ITAV_API int itav_indicator_target(const itav_indicator *ind, size_t i, itav_comparator *cmp,
                                   double *value, double *high, int *relative,
                                   int32_t *deadline);
/**
 * @brief The wording of a target.
 * @param ind the indicator
 * @param i its index
 * @return borrowed text, or NULL if none (or for an index past the end).
 */
ITAV_API const char *itav_indicator_target_text(const itav_indicator *ind, size_t i);
/**
 * @brief Where a target comes from.
 * @param ind the indicator
 * @param i its index
 * @return borrowed text, or NULL if none (or for an index past the end).
 */
ITAV_API const char *itav_indicator_target_source(const itav_indicator *ind, size_t i);

/**
 * @brief Adds a measurement to the object (see itav_indicator_measure() to add one to a
 * stored indicator). Measurements are kept in date order; one per date.
 * @param ind the indicator
 * @param date the date the measurement describes (for a period, its last day)
 * @param period the period in words ("2020", "2021-H1"); may be NULL
 * @param qualifier how the number is meant (ITAV_QTY_TEXT needs text)
 * @param min the number (lower bound of a range)
 * @param max the upper bound of a range (ignored otherwise)
 * @param text the source's wording; may be NULL
 * @param source "NNN:Lline"; may be NULL
 * @return ITAV_OK, ITAV_EINVAL (as itav_indicator_set_baseline()), ITAV_ERANGE (off the
 *         scale), ITAV_EEXISTS (a measurement on that date exists), ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_add_measurement(itav_indicator *ind, int32_t date,
                                            const char *period, itav_qualifier qualifier,
                                            double min, double max, const char *text,
                                            const char *source);
/**
 * @brief Removes a measurement.
 * @param ind the indicator
 * @param i its index
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ERANGE for an index past the end.
 */
ITAV_API int itav_indicator_remove_measurement(itav_indicator *ind, size_t i);
/**
 * @brief The number of measurements.
 * @param ind the indicator
 * @return the count; 0 for a NULL indicator.
 */
ITAV_API size_t itav_indicator_measurement_count(const itav_indicator *ind);
/**
 * @brief One measurement, in date order.
 * @param ind the indicator
 * @param i its index
 * @param[out] date its date; may be NULL
 * @param[out] qualifier its qualifier; may be NULL
 * @param[out] min its number; may be NULL
 * @param[out] max its upper bound; may be NULL
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ERANGE for an index past the end.
 */
ITAV_API int itav_indicator_measurement(const itav_indicator *ind, size_t i, int32_t *date,
                                        itav_qualifier *qualifier, double *min, double *max);
/**
 * @brief The period of a measurement, in words.
 * @param ind the indicator
 * @param i its index
 * @return borrowed text, or NULL if none.
 */
ITAV_API const char *itav_indicator_measurement_period(const itav_indicator *ind, size_t i);
/**
 * @brief The wording of a measurement.
 * @param ind the indicator
 * @param i its index
 * @return borrowed text, or NULL if none.
 */
ITAV_API const char *itav_indicator_measurement_text(const itav_indicator *ind, size_t i);
/**
 * @brief Where a measurement comes from.
 * @param ind the indicator
 * @param i its index
 * @return borrowed text, or NULL if none.
 */
ITAV_API const char *itav_indicator_measurement_source(const itav_indicator *ind, size_t i);

/**
 * @brief Judges one target on a date, with an explanation.
 *
 * Before the deadline the latest measurement on or before as_of decides; from the deadline
 * on, the latest measurement on or before the deadline. A relative target needs a baseline
 * with a number.
 * @param[out] verdict the verdict
 * @param[out] why the explanation in English, to be freed with itav_free(); may be NULL
 * @param ind the indicator
 * @param target the target's index
 * @param as_of the date to judge on
 * @return ITAV_OK, ITAV_EINVAL (NULL, ITAV_DATE_NONE), ITAV_ERANGE (no such target),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_attainment(itav_attainment *verdict, char **why,
                                       const itav_indicator *ind, size_t target,
                                       int32_t as_of);
/**
 * @brief itav_indicator_attainment() with the explanation in a language.
 *
 * The verdict is the same; the explanation is worded as a Dutch report words it ("behaald: de
 * meting van 2021-06-30, 7,5, voldoet aan het doel van minstens 7 ..."), numbers with a
 * decimal comma in Dutch. Texts from the data (the unit, a period, a measurement's wording)
 * stay as they are.
 * @param[out] verdict the verdict
 * @param[out] why the explanation, to be freed with itav_free(); may be NULL
 * @param ind the indicator
 * @param target the target's index
 * @param as_of the date to judge on
 * @param lang ITAV_LANG_EN (the same as itav_indicator_attainment()) or ITAV_LANG_NL
 * @return ITAV_OK, ITAV_EINVAL (NULL, ITAV_DATE_NONE, unknown language), ITAV_ERANGE (no
 *         such target), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_indicator_attainment_lang(itav_attainment *verdict, char **why,
                                            const itav_indicator *ind, size_t target,
                                            int32_t as_of, itav_lang lang);

/**
 * @brief Stores a new indicator. Its offer must exist.
 * @param db the store
 * @param ind the indicator
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EEXISTS, ITAV_ENOTFOUND (no such offer), ITAV_EIO,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_create(itav_db *db, const itav_indicator *ind);
/**
 * @brief Replaces a stored indicator.
 * @param db the store
 * @param ind the indicator, with the id of a stored one
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND (no such indicator or offer), ITAV_EIO,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_update(itav_db *db, const itav_indicator *ind);
/**
 * @brief Deletes a stored indicator with its measurements.
 * @param db the store
 * @param id the indicator id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EIO.
 */
ITAV_API int itav_indicator_delete(itav_db *db, const char *id);
/**
 * @brief Reads a stored indicator.
 * @param[out] out a detached copy
 * @param db the store
 * @param id the indicator id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_get(itav_indicator **out, itav_db *db, const char *id);
/**
 * @brief Adds a measurement to a stored indicator, in one transaction.
 * @param db the store
 * @param id the indicator id
 * @param date as itav_indicator_add_measurement()
 * @param period as itav_indicator_add_measurement()
 * @param qualifier as itav_indicator_add_measurement()
 * @param min as itav_indicator_add_measurement()
 * @param max as itav_indicator_add_measurement()
 * @param text as itav_indicator_add_measurement()
 * @param source as itav_indicator_add_measurement()
 * @return as itav_indicator_add_measurement(), and ITAV_ENOTFOUND for an unknown indicator,
 *         ITAV_EIO, ITAV_EFORMAT.
 */
ITAV_API int itav_indicator_measure(itav_db *db, const char *id, int32_t date,
                                    const char *period, itav_qualifier qualifier, double min,
                                    double max, const char *text, const char *source);
/**
 * @brief Lists stored indicators by id.
 * @param[out] out the iterator
 * @param db the store
 * @param offer only the indicators of this offer; NULL for all
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_list(itav_indicator_iter **out, itav_db *db, const char *offer);
/**
 * @brief The next indicator, owned by the caller.
 * @param[out] out the indicator
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end, ITAV_EINVAL.
 */
ITAV_API int itav_indicator_iter_next(itav_indicator **out, itav_indicator_iter *it);
/**
 * @brief Frees an iterator and the indicators it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_indicator_iter_free(itav_indicator_iter *it);

/**
 * @brief Computes a figure from the matches and reviews in the store.
 *
 * Matches count for a municipality by the municipality of their asking participant (erased
 * participants count for no municipality). A match started when it entered the trial, or
 * became active without one (itav_match_start()). Reviews count by their date.
 * @param[out] value the count, mean or percentage; NaN when the basis is 0 for a mean or a
 *             percentage
 * @param[out] basis how many matches or reviews the figure rests on; may be NULL
 * @param db the store
 * @param what the figure
 * @param offer only this offer; NULL for all
 * @param municipality only this municipality; NULL for all
 * @param from the first day of the period (inclusive); ITAV_DATE_NONE for no lower bound
 * @param to the last day of the period (inclusive); ITAV_DATE_NONE for no upper bound
 * @return ITAV_OK, ITAV_EINVAL (NULL, unknown figure, a bound outside 1900-9999, from after
 *         to), ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_indicator_derive(double *value, long *basis, itav_db *db, itav_derived what,
                                   const char *offer, const char *municipality, int32_t from,
                                   int32_t to);
/**
 * @brief Computes a derived indicator's figure: its figure (itav_indicator_derived()) for its
 * offer, counting the matches or reviews of all its municipalities together (see
 * itav_indicator_derive()).
 * @param[out] value the count, mean or percentage; NaN when the basis is 0 for a mean or a
 *             percentage
 * @param[out] basis how many matches or reviews the figure rests on; may be NULL
 * @param db the store
 * @param ind a derived indicator
 * @param from the first day of the period (inclusive); ITAV_DATE_NONE for no lower bound
 * @param to the last day of the period (inclusive); ITAV_DATE_NONE for no upper bound
 * @return ITAV_OK, ITAV_EINVAL (NULL, an indicator that is not derived, a bound outside
 *         1900-9999, from after to), ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_indicator_derive_for(double *value, long *basis, itav_db *db,
                                       const itav_indicator *ind, int32_t from, int32_t to);

#ifdef __cplusplus
}
#endif
#endif
