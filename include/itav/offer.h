/**
 * @file itav/offer.h
 * @brief Offers: an intervention as it runs in one place.
 *
 * The same intervention runs in many places (Buurtgezinnen in Leiden, Hoeksche Waard and
 * Zuid-Kennemerland). An offer holds what is local: municipalities, provider, period,
 * contact, targets and reach. Same value semantics as interventions.
 */
#ifndef ITAV_OFFER_H
#define ITAV_OFFER_H

#include "common.h"
#include "figure.h"
#include "intervention.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief An offer (opaque). */
typedef struct itav_offer itav_offer;

/** @brief An iterator over offers (opaque). */
typedef struct itav_offer_iter itav_offer_iter;

/**
 * @brief Creates an offer of an intervention.
 * @param id the offer's id (a slug, as for interventions)
 * @param intervention the id of the intervention it implements
 * @return ITAV_OK, ITAV_EINVAL for a malformed id, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_new(itav_offer **out, const char *id, const char *intervention);
/** @brief Copies an offer. */
ITAV_API int itav_offer_dup(itav_offer **out, const itav_offer *of);
/** @brief Frees an offer. NULL is allowed. */
ITAV_API void itav_offer_free(itav_offer *of);

/** @brief The id. */
ITAV_API const char *itav_offer_id(const itav_offer *of);
/** @brief The id of the intervention. */
ITAV_API const char *itav_offer_intervention(const itav_offer *of);
/** @brief The local name, or NULL. */
ITAV_API const char *itav_offer_name(const itav_offer *of);
/** @brief The region, or NULL. */
ITAV_API const char *itav_offer_region(const itav_offer *of);
/** @brief The local provider, or NULL. */
ITAV_API const char *itav_offer_provider(const itav_offer *of);
/** @brief The local contact point (an organisation or role), or NULL. */
ITAV_API const char *itav_offer_contact(const itav_offer *of);
/** @brief First day of the period, or ITAV_DATE_NONE. */
ITAV_API int32_t itav_offer_start(const itav_offer *of);
/** @brief Last day of the period, or ITAV_DATE_NONE. */
ITAV_API int32_t itav_offer_end(const itav_offer *of);

/** @brief Sets the local name; NULL or "" clears it. */
ITAV_API int itav_offer_set_name(itav_offer *of, const char *name);
/** @brief Sets the region; NULL or "" clears it. */
ITAV_API int itav_offer_set_region(itav_offer *of, const char *region);
/** @brief Sets the provider; NULL or "" clears it. */
ITAV_API int itav_offer_set_provider(itav_offer *of, const char *provider);
/** @brief Sets the contact point; NULL or "" clears it. */
ITAV_API int itav_offer_set_contact(itav_offer *of, const char *contact);
/**
 * @brief Sets the period (ITAV_DATE_NONE for an open end).
 * @return ITAV_OK, ITAV_EINVAL if end is before start or a date is outside 1900-9999.
 */
ITAV_API int itav_offer_set_period(itav_offer *of, int32_t start, int32_t end);

/** @brief Number of municipalities (the only text list offers have). */
ITAV_API size_t itav_offer_text_count(const itav_offer *of, itav_text_list list);
/** @brief Text i of a list, or NULL. */
ITAV_API const char *itav_offer_text(const itav_offer *of, itav_text_list list, size_t i);
/** @brief Appends a text. @return ITAV_OK, ITAV_EINVAL (also for lists offers lack). */
ITAV_API int itav_offer_add_text(itav_offer *of, itav_text_list list, const char *text);
/** @brief Removes text i. @return ITAV_OK, ITAV_EINVAL, ITAV_ERANGE. */
ITAV_API int itav_offer_remove_text(itav_offer *of, itav_text_list list, size_t i);

/** @brief Number of figures in a list (reach or targets). */
ITAV_API size_t itav_offer_figure_count(const itav_offer *of, itav_figure_list list);
/** @brief Figure i of a list (borrowed), or NULL. */
ITAV_API const itav_figure *itav_offer_figure(const itav_offer *of, itav_figure_list list,
                                              size_t i);
/** @brief Appends a copy of a figure. @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM. */
ITAV_API int itav_offer_add_figure(itav_offer *of, itav_figure_list list,
                                   const itav_figure *f);
/** @brief Removes figure i. @return ITAV_OK, ITAV_EINVAL, ITAV_ERANGE. */
ITAV_API int itav_offer_remove_figure(itav_offer *of, itav_figure_list list, size_t i);

/** @brief Where a field is stated in the seeds, or NULL (fields as in docs/format.md). */
ITAV_API const char *itav_offer_source(const itav_offer *of, const char *field);
/** @brief Sets or clears the source reference of a field. */
ITAV_API int itav_offer_set_source(itav_offer *of, const char *field, const char *ref);

/** @brief Reads an offer (a detached copy). @return as itav_intervention_get(). */
ITAV_API int itav_offer_get(itav_offer **out, itav_db *db, const char *id);
/**
 * @brief Adds a new offer.
 * @return ITAV_OK, ITAV_EEXISTS, ITAV_ENOTFOUND (its intervention is not in the store),
 *         ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_create(itav_db *db, const itav_offer *of);
/** @brief Replaces a stored offer. @return as create, ITAV_ENOTFOUND if either is absent. */
ITAV_API int itav_offer_update(itav_db *db, const itav_offer *of);
/** @brief Deletes an offer. @return ITAV_OK, ITAV_ENOTFOUND, ITAV_EIO. */
ITAV_API int itav_offer_delete(itav_db *db, const char *id);

/**
 * @brief Lists offers ordered by id.
 * @param intervention only offers of this intervention; NULL for all
 * @param municipality only offers that name this municipality (ignoring case); NULL for all
 */
ITAV_API int itav_offer_list(itav_offer_iter **out, itav_db *db, const char *intervention,
                             const char *municipality);
/** @brief The next offer, owned by the caller. @return ITAV_OK or ITAV_ITEROVER. */
ITAV_API int itav_offer_iter_next(itav_offer **out, itav_offer_iter *it);
/** @brief Frees an iterator. NULL is allowed. */
ITAV_API void itav_offer_iter_free(itav_offer_iter *it);

#ifdef __cplusplus
}
#endif
#endif
