/**
 * @file itav/portfolio.h
 * @brief Element portfolios: the normalisation profile of a set of interventions, and the
 * radar chart of one or two profiles.
 *
 * A portfolio is a set of interventions chosen by a filter (what runs in a municipality or a
 * region, or a list of ids) with, per element, how many state it as present; the
 * informal/formal by individual/collective table of seed 001 (lines 121-122); and the
 * interventions worth a second look: those with fewer than five elements stated present, and
 * those that do not state element 2, 4 or 5, the three every example of seed 001 shares. The
 * portfolio of one intervention is its profile.
 *
 * Portfolios describe; they do not rank. Seed 001 is explicit that an intervention with more
 * elements is not for that reason a better one, so nothing here sorts or scores by element
 * count.
 */
#ifndef ITAV_PORTFOLIO_H
#define ITAV_PORTFOLIO_H

#include "common.h"
#include "element.h"
#include "intervention.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The version of itav_portfolio_filter this header describes. */
#define ITAV_PORTFOLIO_FILTER_VERSION 1

/**
 * @brief Which interventions a portfolio holds. Every condition that is set must hold.
 * Initialise with ITAV_PORTFOLIO_FILTER_INIT.
 */
typedef struct itav_portfolio_filter {
    unsigned version;            /**< ITAV_PORTFOLIO_FILTER_VERSION */
    const char *municipality;    /**< an offer of it runs in this municipality, or the
                                      intervention itself names it; NULL for any */
    const char *region;          /**< an offer of it runs in this region, or the intervention
                                      names it; NULL for any */
    const char *const *ids;      /**< only these interventions (all must exist); NULL for any */
    size_t id_count;             /**< the number of ids */
    itav_profile_source source;  /**< which profile to use; ITAV_PROFILE_DEFAULT for the one
                                      in use */
} itav_portfolio_filter;

/** @brief A filter that holds every intervention, with the profile in use. */
#define ITAV_PORTFOLIO_FILTER_INIT {ITAV_PORTFOLIO_FILTER_VERSION, NULL, NULL, NULL, 0, \
                                    ITAV_PROFILE_DEFAULT}

/** @brief The lists of interventions a portfolio points out (ITAV_CODE_PORTFOLIO_FLAG). */
typedef enum itav_portfolio_flag {
    ITAV_FLAG_FEW_ELEMENTS = 1,    /**< few_elements: fewer than five elements stated present */
    ITAV_FLAG_NO_INFORMAL = 2,     /**< no_informal_support: element 2 not stated present */
    ITAV_FLAG_NO_EQUALITY = 3,     /**< no_equality: element 4 not stated present */
    ITAV_FLAG_NO_DEMAND_LED = 4    /**< no_demand_led: element 5 not stated present */
} itav_portfolio_flag;

/** @brief A portfolio (opaque), from itav_portfolio_build(); freed by itav_portfolio_free(). */
typedef struct itav_portfolio itav_portfolio;

/**
 * @brief Builds the portfolio of the interventions a filter selects.
 * @param[out] out the portfolio
 * @param db the store
 * @param filter the filter; NULL for every intervention
 * @return ITAV_OK, ITAV_EINVAL (NULL, unknown profile source, ids NULL with a count),
 *         ITAV_EVERSION (a filter version this library does not know), ITAV_ENOTFOUND (an id
 *         that is not stored; the message names it), ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_portfolio_build(itav_portfolio **out, itav_db *db,
                                  const itav_portfolio_filter *filter);
/**
 * @brief Frees a portfolio. NULL is allowed.
 * @param p the portfolio, or NULL
 */
ITAV_API void itav_portfolio_free(itav_portfolio *p);
/**
 * @brief The number of interventions in the portfolio.
 * @param p the portfolio
 * @return the count; 0 for a NULL portfolio.
 */
ITAV_API size_t itav_portfolio_count(const itav_portfolio *p);
/**
 * @brief One intervention of the portfolio, in id order.
 * @param p the portfolio
 * @param i its index
 * @return borrowed id, or NULL for an index past the end.
 */
ITAV_API const char *itav_portfolio_member(const itav_portfolio *p, size_t i);
/**
 * @brief How many interventions state an element present, and how many state anything
 * about it. The share is present / itav_portfolio_count().
 * @param p the portfolio
 * @param e the element
 * @param[out] present how many state it present; may be NULL
 * @param[out] known how many state it present or absent; may be NULL
 * @return ITAV_OK, ITAV_EINVAL (NULL portfolio, unknown element).
 */
ITAV_API int itav_portfolio_coverage(const itav_portfolio *p, itav_element e, size_t *present,
                                     size_t *known);
/**
 * @brief Factor coverage: how many interventions of the portfolio show a working factor
 * (itav/factor.h, itav_intervention_factors()). Like element coverage it describes; it does
 * not rank.
 * @param p the portfolio
 * @param f the factor
 * @return the number of members whose practice shows f; 0 for a NULL portfolio or f not a
 *         factor.
 * @since 0.4
 */
ITAV_API size_t itav_portfolio_factor_count(const itav_portfolio *p, itav_factor f);
/**
 * @brief One cell of the setting by scope table.
 * @param p the portfolio
 * @param setting an itav_setting, or 0 for "not stated"
 * @param scope an itav_scope, or 0 for "not stated"
 * @return the number of interventions in that cell; 0 for a NULL portfolio or values out of
 *         range.
 */
ITAV_API size_t itav_portfolio_cell(const itav_portfolio *p, itav_setting setting,
                                    itav_scope scope);
/**
 * @brief How many interventions a flag points out.
 * @param p the portfolio
 * @param flag the flag
 * @return the count; 0 for a NULL portfolio or an unknown flag.
 */
ITAV_API size_t itav_portfolio_flag_count(const itav_portfolio *p, itav_portfolio_flag flag);
/**
 * @brief One intervention a flag points out, in id order.
 * @param p the portfolio
 * @param flag the flag
 * @param i its index
 * @return borrowed id, or NULL for an index past the end.
 */
ITAV_API const char *itav_portfolio_flagged(const itav_portfolio *p, itav_portfolio_flag flag,
                                            size_t i);
/**
 * @brief Writes a portfolio as JSON, or two side by side.
 *
 * The document has "members", "coverage" (per element code: present, known, share), "table"
 * (setting by scope), and "flags". With a second portfolio it has "a" and "b" with those
 * members and "difference" (per element, share of b minus share of a).
 * @param[out] out the JSON text, to be freed with itav_free()
 * @param a the portfolio
 * @param b a second portfolio to compare with; NULL for none
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_portfolio_to_json(char **out, const itav_portfolio *a,
                                    const itav_portfolio *b);
/**
 * @brief Draws the element profile of a portfolio as an SVG radar chart, with an optional
 * second one overlaid.
 *
 * Each of the eight axes runs from 0 at the centre to the share of members that state the
 * element present at the rim (for one intervention: present at the rim, absent or unknown at
 * the centre, and unknown marked as such). The labels are the English element labels; the
 * legend names the members or the given titles.
 * @param[out] out the SVG document, to be freed with itav_free()
 * @param a the portfolio
 * @param title_a its name in the legend; NULL for its member ids
 * @param b a second portfolio; NULL for none
 * @param title_b its name in the legend; NULL for its member ids
 * @return ITAV_OK, ITAV_EINVAL (NULL, an empty portfolio, text not UTF-8), ITAV_ENOMEM.
 */
ITAV_API int itav_portfolio_svg(char **out, const itav_portfolio *a, const char *title_a,
                                const itav_portfolio *b, const char *title_b);

#ifdef __cplusplus
}
#endif
#endif
