/**
 * @file itav/interchange.h
 * @brief JSON import and export (format itav/1) and the built-in catalogue.
 *
 * The format is documented in docs/format.md. An import checks the whole document before it
 * writes anything, and writes everything in one transaction: on any problem the store is
 * unchanged and itav_errmsg() names the place (file:line:column for syntax errors, a JSON
 * path such as `$.interventions[2].setting` otherwise).
 */
#ifndef ITAV_INTERCHANGE_H
#define ITAV_INTERCHANGE_H

#include "common.h"
#include "intervention.h"
#include "offer.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Imports a dataset file into the store.
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EIO (cannot read the file or write the store),
 *         ITAV_EFORMAT (any problem in the data), ITAV_ENOMEM.
 */
ITAV_API int itav_import_json_file(itav_db *db, const char *path);

/**
 * @brief Imports a dataset from memory.
 * @param name what to call the text in messages (NULL for "<string>")
 * @return as itav_import_json_file().
 */
ITAV_API int itav_import_json_string(itav_db *db, const char *json, const char *name);

/**
 * @brief Exports the whole store to a file (written to a temporary file and renamed, so a
 * failure leaves any earlier file intact).
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_export_json_file(itav_db *db, const char *path);

/**
 * @brief Exports the whole store as text.
 * @param[out] out the UTF-8 text, to be freed with itav_free()
 */
ITAV_API int itav_export_json_string(char **out, itav_db *db);

/** @brief One intervention as a JSON object (as in a dataset). Free with itav_free(). */
ITAV_API int itav_intervention_to_json(char **out, const itav_intervention *iv);

/**
 * @brief Reads one intervention from a JSON object.
 * @param db the context whose itav_errmsg() gets the message on failure (may be NULL)
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_from_json(itav_intervention **out, itav_db *db,
                                         const char *json);

/** @brief One offer as a JSON object. Free with itav_free(). */
ITAV_API int itav_offer_to_json(char **out, const itav_offer *of);

/** @brief Reads one offer from a JSON object. @return as itav_intervention_from_json(). */
ITAV_API int itav_offer_from_json(itav_offer **out, itav_db *db, const char *json);

/**
 * @brief Loads the built-in catalogue (data/catalog.json, compiled into the library): every
 * intervention and offer the seeds describe, each fact with its seed line.
 * @return ITAV_OK, ITAV_EFORMAT (some of its ids are already in the store: nothing loaded),
 *         ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_catalog_load(itav_db *db);

/** @brief The built-in catalogue's JSON text (static, NUL-terminated). */
ITAV_API const char *itav_catalog_json(void);

#ifdef __cplusplus
}
#endif
#endif
