/**
 * @file itav/offer.h
 * @brief Offers: an intervention as it runs in one place.
 *
 * The same intervention runs in many places (Buurtgezinnen in Leiden, Hoeksche Waard and
 * Zuid-Kennemerland). An offer holds what is local: municipalities, provider, period,
 * contact, targets and reach. Same value semantics as interventions: objects are plain values,
 * objects read from a store are detached copies, getters return borrowed pointers valid until
 * the object is changed or freed, and setters return ITAV_OK, ITAV_EINVAL (a NULL offer or a
 * value out of range) or ITAV_ENOMEM.
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

/**
 * @brief An offer (opaque): an intervention as it runs in one place. Made by
 * itav_offer_new(), itav_offer_dup(), itav_offer_get(), itav_offer_iter_next() or
 * itav_offer_from_json(); freed by itav_offer_free().
 */
typedef struct itav_offer itav_offer;

/**
 * @brief An iterator over offers (opaque). Made by itav_offer_list(), freed by
 * itav_offer_iter_free().
 */
typedef struct itav_offer_iter itav_offer_iter;

/**
 * @brief Creates an offer of an intervention, with nothing else set.
 * @param[out] out the new offer, to be freed with itav_offer_free()
 * @param id the offer's id (a slug, as for interventions)
 * @param intervention the id of the intervention it implements; it need not exist until the
 *        offer is saved
 * @return ITAV_OK, ITAV_EINVAL for a NULL out or a malformed id, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_new(itav_offer **out, const char *id, const char *intervention);
/**
 * @brief Copies an offer, with everything it holds.
 * @param[out] out the copy, to be freed with itav_offer_free()
 * @param of the offer
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_dup(itav_offer **out, const itav_offer *of);
/**
 * @brief Frees an offer and everything it holds. NULL is allowed.
 * @param of the offer, or NULL
 */
ITAV_API void itav_offer_free(itav_offer *of);

/**
 * @brief The id.
 * @param of the offer
 * @return borrowed text; NULL for a NULL offer.
 */
ITAV_API const char *itav_offer_id(const itav_offer *of);
/**
 * @brief The id of the intervention it implements.
 * @param of the offer
 * @return borrowed text; NULL for a NULL offer.
 */
ITAV_API const char *itav_offer_intervention(const itav_offer *of);
/**
 * @brief The local name, when it has one ("Buurtgezinnen Zuid-Kennemerland").
 * @param of the offer
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_offer_name(const itav_offer *of);
/**
 * @brief The region.
 * @param of the offer
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_offer_region(const itav_offer *of);
/**
 * @brief The local provider.
 * @param of the offer
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_offer_provider(const itav_offer *of);
/**
 * @brief The local contact point: an organisation or role, never a person's name.
 * @param of the offer
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_offer_contact(const itav_offer *of);
/**
 * @brief The first day of the period the offer describes.
 * @param of the offer
 * @return days since 1970-01-01, or ITAV_DATE_NONE if not set.
 */
ITAV_API int32_t itav_offer_start(const itav_offer *of);
/**
 * @brief The last day of the period the offer describes.
 * @param of the offer
 * @return days since 1970-01-01, or ITAV_DATE_NONE if not set.
 */
ITAV_API int32_t itav_offer_end(const itav_offer *of);
/**
 * @brief The programme this offer is part of: the id of the programme's own offer (the
 * efforts of ITAV Hoeksche Waard are part of itav-hoeksche-waard-2020).
 * @param of the offer
 * @return borrowed id, or NULL if it is not part of a programme.
 */
ITAV_API const char *itav_offer_programme(const itav_offer *of);

/**
 * @brief Sets the local name.
 * @param of the offer
 * @param name the name; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_set_name(itav_offer *of, const char *name);
/**
 * @brief Sets the region.
 * @param of the offer
 * @param region the region ("Zuid-Kennemerland"); NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_set_region(itav_offer *of, const char *region);
/**
 * @brief Sets the local provider.
 * @param of the offer
 * @param provider the organisation; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_set_provider(itav_offer *of, const char *provider);
/**
 * @brief Sets the local contact point.
 * @param of the offer
 * @param contact an organisation or role, never a person's name; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_set_contact(itav_offer *of, const char *contact);
/**
 * @brief Sets the period the offer describes.
 * @param of the offer
 * @param start the first day, or ITAV_DATE_NONE for an open start
 * @param end the last day, or ITAV_DATE_NONE for an open end
 * @return ITAV_OK, ITAV_EINVAL for a NULL offer, an end before the start or a date outside
 *         1900-9999.
 */
ITAV_API int itav_offer_set_period(itav_offer *of, int32_t start, int32_t end);
/**
 * @brief Makes the offer part of a programme. The programme offer must exist when the offer
 * is saved, and may not be the offer itself or part of another programme.
 * @param of the offer
 * @param programme the id of the programme's offer; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL offer or a malformed id, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_set_programme(itav_offer *of, const char *programme);

/**
 * @brief Number of texts in a list.
 * @param of the offer
 * @param list which list; offers have only ITAV_TEXT_MUNICIPALITIES
 * @return the number; 0 for another list or a NULL offer.
 */
ITAV_API size_t itav_offer_text_count(const itav_offer *of, itav_text_list list);
/**
 * @brief One text of a list.
 * @param of the offer
 * @param list which list (ITAV_TEXT_MUNICIPALITIES)
 * @param i its index, from 0
 * @return borrowed text, or NULL if list or i is out of range.
 */
ITAV_API const char *itav_offer_text(const itav_offer *of, itav_text_list list, size_t i);
/**
 * @brief Appends a copy of a text to a list.
 * @param of the offer
 * @param list which list (ITAV_TEXT_MUNICIPALITIES)
 * @param text non-empty
 * @return ITAV_OK, ITAV_EINVAL (NULL, empty text, or a list offers lack), ITAV_ENOMEM.
 */
ITAV_API int itav_offer_add_text(itav_offer *of, itav_text_list list, const char *text);
/**
 * @brief Removes one text from a list; the texts after it move up.
 * @param of the offer
 * @param list which list (ITAV_TEXT_MUNICIPALITIES)
 * @param i its index, from 0
 * @return ITAV_OK, ITAV_EINVAL (NULL, or a list offers lack), ITAV_ERANGE (no text i).
 */
ITAV_API int itav_offer_remove_text(itav_offer *of, itav_text_list list, size_t i);

/**
 * @brief Number of figures in a list.
 * @param of the offer
 * @param list ITAV_FIGURES_REACH, ITAV_FIGURES_TARGETS or ITAV_FIGURES_CAPACITY
 * @return the number; 0 for an unknown list or a NULL offer.
 */
ITAV_API size_t itav_offer_figure_count(const itav_offer *of, itav_figure_list list);
/**
 * @brief One figure of a list.
 * @param of the offer
 * @param list ITAV_FIGURES_REACH, ITAV_FIGURES_TARGETS or ITAV_FIGURES_CAPACITY
 * @param i its index, from 0
 * @return the figure, borrowed (valid until the offer is changed or freed), or NULL if out of
 *         range.
 */
ITAV_API const itav_figure *itav_offer_figure(const itav_offer *of, itav_figure_list list,
                                              size_t i);
/**
 * @brief Appends a copy of a figure to a list; the caller keeps (and frees) its own.
 * @param of the offer
 * @param list ITAV_FIGURES_REACH, ITAV_FIGURES_TARGETS or ITAV_FIGURES_CAPACITY
 * @param f the figure
 * @return ITAV_OK, ITAV_EINVAL (NULL or an unknown list), ITAV_ENOMEM.
 */
ITAV_API int itav_offer_add_figure(itav_offer *of, itav_figure_list list,
                                   const itav_figure *f);
/**
 * @brief Removes one figure of a list; the figures after it move up.
 * @param of the offer
 * @param list ITAV_FIGURES_REACH, ITAV_FIGURES_TARGETS or ITAV_FIGURES_CAPACITY
 * @param i its index, from 0
 * @return ITAV_OK, ITAV_EINVAL (NULL or an unknown list), ITAV_ERANGE (no figure i).
 */
ITAV_API int itav_offer_remove_figure(itav_offer *of, itav_figure_list list, size_t i);

/**
 * @brief Where the seeds state a field.
 * @param of the offer
 * @param field a field name of docs/format.md: "name", "intervention", "municipalities",
 *        "region", "provider", "start", "end", "contact", "programme", "targets", "reach" or
 *        "capacity" (@since 0.4)
 * @return the source reference, borrowed, or NULL if none is set or the field is unknown.
 */
ITAV_API const char *itav_offer_source(const itav_offer *of, const char *field);
/**
 * @brief Sets or clears the source reference of a field.
 * @param of the offer
 * @param field a field name, as for itav_offer_source()
 * @param ref "NNN:Lline" or "NNN:Lfirst-last"; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL offer, an unknown field or a malformed reference,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_offer_set_source(itav_offer *of, const char *field, const char *ref);

/**
 * @brief Reads an offer from a store.
 * @param[out] out a detached copy, owned by the caller (free it with itav_offer_free())
 * @param db the store
 * @param id the offer's id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EIO, ITAV_EFORMAT (a damaged record),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_offer_get(itav_offer **out, itav_db *db, const char *id);
/**
 * @brief Adds a new offer to the store, in one transaction.
 * @param db the store
 * @param of the offer; the store keeps a copy, the caller still owns of
 * @return ITAV_OK, ITAV_EINVAL (NULL; a programme that is the offer itself or part of a
 *         programme), ITAV_EEXISTS (the id is taken), ITAV_ENOTFOUND (its intervention or
 *         programme is not in the store), ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_create(itav_db *db, const itav_offer *of);
/**
 * @brief Replaces the stored offer with the same id, in one transaction.
 * @param db the store
 * @param of the new version; the caller still owns it
 * @return ITAV_OK, ITAV_EINVAL (NULL; a programme that is the offer itself or part of a
 *         programme, or a programme for an offer that other offers name as theirs),
 *         ITAV_ENOTFOUND (no offer with that id, or its intervention or programme is not in
 *         the store), ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_update(itav_db *db, const itav_offer *of);
/**
 * @brief Deletes an offer, in one transaction.
 * @param db the store
 * @param id the offer's id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EINUSE (other offers name it as their
 *         programme, indicators belong to it, or participants are enrolled in it), ITAV_EIO.
 */
ITAV_API int itav_offer_delete(itav_db *db, const char *id);

/**
 * @brief Lists offers, ordered by id.
 * @param[out] out the iterator, to be freed with itav_offer_iter_free()
 * @param db the store
 * @param intervention only offers of this intervention; NULL for all
 * @param municipality only offers that name this municipality (ignoring ASCII case); NULL
 *        for all
 * @return ITAV_OK, ITAV_EINVAL (NULL out or db), ITAV_EIO, ITAV_EFORMAT (a damaged record),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_offer_list(itav_offer_iter **out, itav_db *db, const char *intervention,
                             const char *municipality);
/**
 * @brief The next offer, owned by the caller (free it with itav_offer_free()).
 * @param[out] out the offer, a detached copy
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end (*out set to NULL), ITAV_EINVAL for NULL
 *         arguments.
 */
ITAV_API int itav_offer_iter_next(itav_offer **out, itav_offer_iter *it);
/**
 * @brief Frees an iterator and the offers it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_offer_iter_free(itav_offer_iter *it);

#ifdef __cplusplus
}
#endif
#endif
