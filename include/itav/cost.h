/**
 * @file itav/cost.h
 * @brief Costs and funding of an offer or an intervention.
 *
 * The seeds give costs as "De totale kosten voor 2021 bedragen € 109.490", "€ 800 tot € 1.000
 * per jongere" or "Per filmpje krijgen de jongeren € 300", and funding as "ongeveer 80%
 * gemeente en 20% school". A cost keeps what it is for, an amount as a qualified quantity (the
 * qualifiers of itav/figure.h) with its currency and unit, the period it covers, a note, the
 * funders with their shares, and the source reference. A cost may have no amount at all when
 * the seed only says who pays ("twee verschillende fondsen en subsidies").
 *
 * Amounts of different units (per year, per young person, per film) are different things:
 * the library never adds them up, nor the costs of different offers.
 *
 * A cost is built on its own with itav_cost_new() and copied into an offer or an intervention
 * with itav_offer_add_cost() or itav_intervention_add_cost().
 *
 * @since 0.4
 */
#ifndef ITAV_COST_H
#define ITAV_COST_H

#include "common.h"
#include "figure.h"
#include "intervention.h"
#include "offer.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief What an amount is counted per (codes as in docs/format.md). @since 0.4 */
typedef enum itav_cost_unit {
    ITAV_COST_TOTAL = 1,            /**< total: the whole amount for the period */
    ITAV_COST_PER_YEAR = 2,         /**< per_year */
    ITAV_COST_PER_MONTH = 3,        /**< per_month */
    ITAV_COST_PER_YOUNG_PERSON = 4, /**< per_young_person: per young person or trajectory */
    ITAV_COST_PER_FAMILY = 5,       /**< per_family */
    ITAV_COST_PER_COUPLING = 6,     /**< per_coupling: per match of two families */
    ITAV_COST_PER_FILM = 7,         /**< per_film: per video made */
    ITAV_COST_PER_CLUB = 8,         /**< per_club: per youth club or group that qualifies */
    ITAV_COST_PER_MEETING = 9       /**< per_meeting: per session or meeting */
} itav_cost_unit;

/** @brief How a funder's share is given (codes as in docs/format.md). @since 0.4 */
typedef enum itav_share_kind {
    ITAV_SHARE_NONE = 0,    /**< the seed names the funder but not its share */
    ITAV_SHARE_PERCENT = 1, /**< percent: a part of the cost, 0 to 100 */
    ITAV_SHARE_AMOUNT = 2   /**< amount: in the cost's currency */
} itav_share_kind;

/** @brief The currency of a new cost. @since 0.4 */
#define ITAV_COST_CURRENCY "EUR"

/**
 * @brief A cost (opaque): what it is for, an amount, funders and a source reference.
 * @since 0.4
 */
typedef struct itav_cost itav_cost;

/**
 * @brief Creates a cost without an amount, in euros, without period, funders or source.
 * @param[out] out the new cost, to be freed with itav_cost_free()
 * @param what what the money is for ("the 2021 budget"); non-empty UTF-8
 * @return ITAV_OK, ITAV_EINVAL (NULL out, empty or invalid what), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_cost_new(itav_cost **out, const char *what);

/**
 * @brief Frees a cost made by itav_cost_new() or itav_cost_dup(). NULL is allowed.
 *
 * Never free the borrowed costs that itav_offer_cost() or itav_intervention_cost() return.
 * @param c the cost, or NULL
 * @since 0.4
 */
ITAV_API void itav_cost_free(itav_cost *c);

/**
 * @brief Copies a cost.
 * @param[out] out the copy, to be freed with itav_cost_free()
 * @param c the cost
 * @return ITAV_OK, ITAV_EINVAL (NULL argument), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_cost_dup(itav_cost **out, const itav_cost *c);

/**
 * @brief Sets or clears the amount.
 *
 * Nothing changes on error.
 * @param c the cost
 * @param qualifier how the number is meant (itav/figure.h); 0 clears the amount (unit, min,
 *        max and text are then ignored)
 * @param min the amount, or the lower end of a range; 0 or more; ignored for ITAV_QTY_TEXT
 * @param max the upper end of a range (>= min); ignored (set to min) for one-number qualifiers
 * @param text the source's wording ("€ 109.490"); required for ITAV_QTY_TEXT, else may be
 *        NULL
 * @param unit what the amount is per; required unless the qualifier is ITAV_QTY_TEXT, where 0
 *        is allowed
 * @return ITAV_OK, ITAV_EINVAL (NULL cost, unknown qualifier or unit, a negative or not finite
 *         number, min > max, ITAV_QTY_TEXT without text, a missing unit), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_cost_set_amount(itav_cost *c, itav_qualifier qualifier, double min,
                                  double max, const char *text, itav_cost_unit unit);

/**
 * @brief Sets the currency (ISO 4217, three capital letters; ITAV_COST_CURRENCY by default).
 * @param c the cost
 * @param code "EUR"
 * @return ITAV_OK, ITAV_EINVAL (NULL, or not three capital letters A-Z).
 * @since 0.4
 */
ITAV_API int itav_cost_set_currency(itav_cost *c, const char *code);

/**
 * @brief Sets the period the cost covers; either end may be open.
 * @param c the cost
 * @param from the first day, or ITAV_DATE_NONE
 * @param to the last day, or ITAV_DATE_NONE
 * @return ITAV_OK, ITAV_EINVAL (NULL cost, a date outside 1900-9999, to before from).
 * @since 0.4
 */
ITAV_API int itav_cost_set_period(itav_cost *c, int32_t from, int32_t to);

/**
 * @brief Sets a note: how the cost is invoiced or paid, what it includes.
 * @param c the cost
 * @param note the note, in English; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL (NULL cost, invalid text), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_cost_set_note(itav_cost *c, const char *note);

/**
 * @brief Sets the source reference: where in the seeds the cost is stated.
 * @param c the cost
 * @param ref "NNN:Lline" or "NNN:Lfirst-last"; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL (NULL cost, a malformed reference), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_cost_set_source(itav_cost *c, const char *ref);

/**
 * @brief Adds a funder with its share, after the others.
 *
 * The percent shares of one cost may not add up to more than 100: their lower ends are
 * added (a share "about 80" counts as 80). Nothing changes on error.
 * @param c the cost
 * @param name who pays ("gemeente Diemen"); non-empty UTF-8
 * @param kind how the share is given; ITAV_SHARE_NONE when the seed gives none (qualifier,
 *        min and max are then ignored)
 * @param qualifier how the share's number is meant; not ITAV_QTY_TEXT
 * @param min the share, or the lower end of a range; 0 or more, at most 100 for a percent
 * @param max the upper end of a range (>= min); ignored for one-number qualifiers
 * @return ITAV_OK, ITAV_EINVAL (NULL cost, empty name, unknown kind or qualifier, a number out
 *         of range, percent shares over 100), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_cost_add_funder(itav_cost *c, const char *name, itav_share_kind kind,
                                  itav_qualifier qualifier, double min, double max);

/**
 * @brief Removes a funder; the ones after it move up.
 * @param c the cost
 * @param i its index, from 0
 * @return ITAV_OK, ITAV_EINVAL (NULL cost), ITAV_ERANGE (no funder i).
 * @since 0.4
 */
ITAV_API int itav_cost_remove_funder(itav_cost *c, size_t i);

/**
 * @brief What the money is for.
 * @param c the cost
 * @return borrowed text, valid until the cost is changed or freed; NULL for a NULL cost.
 * @since 0.4
 */
ITAV_API const char *itav_cost_get_what(const itav_cost *c);
/**
 * @brief The qualifier of the amount.
 * @param c the cost
 * @return the qualifier; 0 when the cost has no amount or is NULL.
 * @since 0.4
 */
ITAV_API itav_qualifier itav_cost_get_qualifier(const itav_cost *c);
/**
 * @brief The amount (the lower end of a range).
 * @param c the cost
 * @return the number; NaN without an amount, for ITAV_QTY_TEXT and for a NULL cost.
 * @since 0.4
 */
ITAV_API double itav_cost_get_min(const itav_cost *c);
/**
 * @brief The upper end of the amount (equal to min unless a range).
 * @param c the cost
 * @return the number; NaN without an amount, for ITAV_QTY_TEXT and for a NULL cost.
 * @since 0.4
 */
ITAV_API double itav_cost_get_max(const itav_cost *c);
/**
 * @brief The source's wording of the amount.
 * @param c the cost
 * @return borrowed text, or NULL if none.
 * @since 0.4
 */
ITAV_API const char *itav_cost_get_text(const itav_cost *c);
/**
 * @brief What the amount is per.
 * @param c the cost
 * @return the unit; 0 when not set or for a NULL cost.
 * @since 0.4
 */
ITAV_API itav_cost_unit itav_cost_get_unit(const itav_cost *c);
/**
 * @brief The currency.
 * @param c the cost
 * @return borrowed text ("EUR"); NULL for a NULL cost.
 * @since 0.4
 */
ITAV_API const char *itav_cost_get_currency(const itav_cost *c);
/**
 * @brief The first day of the period.
 * @param c the cost
 * @return the date, or ITAV_DATE_NONE when open or for a NULL cost.
 * @since 0.4
 */
ITAV_API int32_t itav_cost_get_from(const itav_cost *c);
/**
 * @brief The last day of the period.
 * @param c the cost
 * @return the date, or ITAV_DATE_NONE when open or for a NULL cost.
 * @since 0.4
 */
ITAV_API int32_t itav_cost_get_to(const itav_cost *c);
/**
 * @brief The note.
 * @param c the cost
 * @return borrowed text, or NULL if not set.
 * @since 0.4
 */
ITAV_API const char *itav_cost_get_note(const itav_cost *c);
/**
 * @brief The source reference ("002:L141-143").
 * @param c the cost
 * @return borrowed text, or NULL if not set.
 * @since 0.4
 */
ITAV_API const char *itav_cost_get_source(const itav_cost *c);
/**
 * @brief Number of funders.
 * @param c the cost
 * @return the number; 0 for a NULL cost.
 * @since 0.4
 */
ITAV_API size_t itav_cost_funder_count(const itav_cost *c);
/**
 * @brief One funder and its share.
 * @param[out] name the funder's name, borrowed; may be NULL
 * @param[out] kind how the share is given; may be NULL
 * @param[out] qualifier the share's qualifier, 0 for ITAV_SHARE_NONE; may be NULL
 * @param[out] min the share (NaN for ITAV_SHARE_NONE); may be NULL
 * @param[out] max the upper end of a range; may be NULL
 * @param c the cost
 * @param i its index, from 0
 * @return ITAV_OK, ITAV_EINVAL (NULL cost), ITAV_ERANGE (no funder i; outputs unchanged).
 * @since 0.4
 */
ITAV_API int itav_cost_funder(const char **name, itav_share_kind *kind,
                              itav_qualifier *qualifier, double *min, double *max,
                              const itav_cost *c, size_t i);

/**
 * @brief Number of costs of an offer.
 * @param of the offer
 * @return the number; 0 for a NULL offer.
 * @since 0.4
 */
ITAV_API size_t itav_offer_cost_count(const itav_offer *of);
/**
 * @brief One cost of an offer, in the order they were added.
 * @param of the offer
 * @param i its index, from 0
 * @return the cost, borrowed (valid until the offer is changed or freed), or NULL if out of
 *         range.
 * @since 0.4
 */
ITAV_API const itav_cost *itav_offer_cost(const itav_offer *of, size_t i);
/**
 * @brief Appends a copy of a cost to an offer; the caller keeps (and frees) its own.
 * @param of the offer
 * @param c the cost
 * @return ITAV_OK, ITAV_EINVAL (NULL argument), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_offer_add_cost(itav_offer *of, const itav_cost *c);
/**
 * @brief Removes one cost of an offer; the ones after it move up.
 * @param of the offer
 * @param i its index, from 0
 * @return ITAV_OK, ITAV_EINVAL (NULL offer), ITAV_ERANGE (no cost i).
 * @since 0.4
 */
ITAV_API int itav_offer_remove_cost(itav_offer *of, size_t i);

/**
 * @brief Number of costs of an intervention (what the method costs wherever it runs).
 * @param iv the intervention
 * @return the number; 0 for a NULL intervention.
 * @since 0.4
 */
ITAV_API size_t itav_intervention_cost_count(const itav_intervention *iv);
/**
 * @brief One cost of an intervention.
 * @param iv the intervention
 * @param i its index, from 0
 * @return the cost, borrowed (valid until the intervention is changed or freed), or NULL if
 *         out of range.
 * @since 0.4
 */
ITAV_API const itav_cost *itav_intervention_cost(const itav_intervention *iv, size_t i);
/**
 * @brief Appends a copy of a cost to an intervention; the caller keeps its own.
 * @param iv the intervention
 * @param c the cost
 * @return ITAV_OK, ITAV_EINVAL (NULL argument), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_intervention_add_cost(itav_intervention *iv, const itav_cost *c);
/**
 * @brief Removes one cost of an intervention; the ones after it move up.
 * @param iv the intervention
 * @param i its index, from 0
 * @return ITAV_OK, ITAV_EINVAL (NULL intervention), ITAV_ERANGE (no cost i).
 * @since 0.4
 */
ITAV_API int itav_intervention_remove_cost(itav_intervention *iv, size_t i);

#ifdef __cplusplus
}
#endif
#endif
