/**
 * @file itav/figure.h
 * @brief Figures: something counted, as a qualified quantity.
 *
 * The seeds give figures as "ruim 1500", "minimaal 12", "5 à 10" or "honderden". A figure
 * keeps the number with its qualifier and the seed's own wording, never forcing it into one
 * integer. Interventions and offers hold lists of figures (reach, targets); a figure is built
 * on its own with itav_figure_new() and copied into them.
 *
 * The number of a figure is stored as min and max: equal for every qualifier except
 * ITAV_QTY_RANGE and ITAV_QTY_ABOUT_RANGE, both NaN for ITAV_QTY_TEXT.
 */
#ifndef ITAV_FIGURE_H
#define ITAV_FIGURE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How a quantity's number is meant (codes as in docs/format.md). */
typedef enum itav_qualifier {
    ITAV_QTY_EXACT = 1,    /**< exact: exactly min (== max), "12 gemeenten" */
    ITAV_QTY_ABOUT = 2,    /**< about: approximately min (== max), "ongeveer 2500" */
    ITAV_QTY_AT_LEAST = 3, /**< at_least: min or more (max == min), "minimaal 12" */
    ITAV_QTY_AT_MOST = 4,  /**< at_most: max or less (min == max), "maximaal een jaar" */
    ITAV_QTY_RANGE = 5,    /**< range: between min and max, inclusive, "tussen de 30 en 150" */
    ITAV_QTY_TEXT = 6,     /**< text: no number, only the text ("honderden") */
    /** about_range: approximately between min and max, "ongeveer 5 à 10"; attainment reads it
     * as the range widened by 10 percent of each end, as ITAV_QTY_ABOUT widens one number.
     * @since 0.4 */
    ITAV_QTY_ABOUT_RANGE = 7
} itav_qualifier;

/** @brief Which list of figures of an intervention or offer. */
typedef enum itav_figure_list {
    ITAV_FIGURES_REACH = 1,  /**< what it reached (interventions and offers) */
    ITAV_FIGURES_TARGETS = 2, /**< what it aims for (offers only) */
    /** what an offer has to work with, such as a coordinator's hours a week: capacity, not
     * a target (offers only). @since 0.4 */
    ITAV_FIGURES_CAPACITY = 3
} itav_figure_list;

/**
 * @brief A figure (opaque): what is counted, a qualified quantity, and optionally the
 * source's wording, period, place, note and source reference.
 */
typedef struct itav_figure itav_figure;

/**
 * @brief Creates a figure.
 * @param[out] out the new figure, to be freed with itav_figure_free()
 * @param what what is counted ("families"); non-empty
 * @param qualifier how the number is meant
 * @param min the number (also for ITAV_QTY_AT_MOST); the lower bound for ITAV_QTY_RANGE;
 *        ignored for ITAV_QTY_TEXT
 * @param max the upper bound for ITAV_QTY_RANGE and ITAV_QTY_ABOUT_RANGE (>= min); ignored
 *        otherwise (set to min)
 * @param text the source's wording; required for ITAV_QTY_TEXT, may be NULL otherwise
 * @return ITAV_OK, ITAV_EINVAL (empty what, unknown qualifier, min > max, a number that is not
 *         finite, ITAV_QTY_TEXT without text), ITAV_ENOMEM.
 */
ITAV_API int itav_figure_new(itav_figure **out, const char *what, itav_qualifier qualifier,
                             double min, double max, const char *text);

/**
 * @brief Frees a figure made by itav_figure_new(). NULL is allowed.
 *
 * Never free the borrowed figures that itav_intervention_figure() or itav_offer_figure()
 * return.
 * @param f the figure, or NULL
 */
ITAV_API void itav_figure_free(itav_figure *f);

/**
 * @brief Sets the period the figure covers ("2020", "2019-2020", "2021-H1").
 * @param f the figure
 * @param period the period; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL figure or text that is not UTF-8 or is over
 *         64 KiB, ITAV_ENOMEM.
 */
ITAV_API int itav_figure_set_period(itav_figure *f, const char *period);

/**
 * @brief Sets the municipality or area the figure is about, when it covers part of an offer.
 * @param f the figure
 * @param where the place ("Haarlem"); NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL figure or text that is not UTF-8 or is over
 *         64 KiB, ITAV_ENOMEM.
 */
ITAV_API int itav_figure_set_where(itav_figure *f, const char *where);

/**
 * @brief Sets a note on how to read the figure.
 * @param f the figure
 * @param note the note, in English; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL figure or text that is not UTF-8 or is over
 *         64 KiB, ITAV_ENOMEM.
 */
ITAV_API int itav_figure_set_note(itav_figure *f, const char *note);

/**
 * @brief Sets the source reference: where in the seeds the figure is stated.
 * @param f the figure
 * @param ref "NNN:Lline" or "NNN:Lfirst-last" ("002:L80-81"); NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL figure or a malformed reference, ITAV_ENOMEM.
 */
ITAV_API int itav_figure_set_source(itav_figure *f, const char *ref);

/**
 * @brief What is counted.
 * @param f the figure
 * @return borrowed text, valid until the figure is changed or freed; NULL for a NULL figure.
 */
ITAV_API const char *itav_figure_get_what(const itav_figure *f);
/**
 * @brief The qualifier.
 * @param f the figure
 * @return the qualifier; 0 for a NULL figure.
 */
ITAV_API itav_qualifier itav_figure_get_qualifier(const itav_figure *f);
/**
 * @brief The number (the lower bound of a range or an approximate range).
 * @param f the figure
 * @return the number; NaN for ITAV_QTY_TEXT and for a NULL figure.
 */
ITAV_API double itav_figure_get_min(const itav_figure *f);
/**
 * @brief The upper bound (equal to min unless a range or an approximate range).
 * @param f the figure
 * @return the number; NaN for ITAV_QTY_TEXT and for a NULL figure.
 */
ITAV_API double itav_figure_get_max(const itav_figure *f);
/**
 * @brief The source's own wording ("ruim 1500").
 * @param f the figure
 * @return borrowed text, or NULL if none.
 */
ITAV_API const char *itav_figure_get_text(const itav_figure *f);
/**
 * @brief The period the figure covers.
 * @param f the figure
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_figure_get_period(const itav_figure *f);
/**
 * @brief The municipality or area the figure is about.
 * @param f the figure
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_figure_get_where(const itav_figure *f);
/**
 * @brief The note on how to read the figure.
 * @param f the figure
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_figure_get_note(const itav_figure *f);
/**
 * @brief The source reference ("002:L133").
 * @param f the figure
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_figure_get_source(const itav_figure *f);

#ifdef __cplusplus
}
#endif
#endif
