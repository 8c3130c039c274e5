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
#include "match.h"
#include "offer.h"
#include "participant.h"
#include "problem.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Imports a dataset file into the store: all of it, or nothing.
 *
 * Every problem found is listed in itav_errmsg(), each with its place.
 * @param db the store
 * @param path the file, an itav/1 document
 * @return ITAV_OK, ITAV_EINVAL (NULL), ITAV_EIO (cannot read the file or write the store),
 *         ITAV_EFORMAT (any problem in the data, including ids already in the store),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_import_json_file(itav_db *db, const char *path);

/**
 * @brief Imports a dataset from memory: all of it, or nothing.
 * @param db the store
 * @param json the itav/1 document, NUL-terminated UTF-8
 * @param name what to call the text in messages (NULL for "<string>")
 * @return as itav_import_json_file().
 */
ITAV_API int itav_import_json_string(itav_db *db, const char *json, const char *name);

/**
 * @brief Exports the whole store to a file (written to a temporary file and renamed, so a
 * failure leaves any earlier file intact).
 *
 * The text is the canonical form itav_export_json_string() gives. The temporary file is
 * `PATH.tmp`, next to the target.
 * @param db the store
 * @param path the file to write; replaced if it exists
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EIO, ITAV_EFORMAT (a damaged record), ITAV_ENOMEM.
 */
ITAV_API int itav_export_json_file(itav_db *db, const char *path);

/**
 * @brief Exports the whole store as text.
 *
 * Interventions, then offers, each sorted by id, in the canonical layout of docs/format.md:
 * exporting, importing into an empty store and exporting again gives identical bytes.
 * @param[out] out the UTF-8 text, to be freed with itav_free()
 * @param db the store
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EIO, ITAV_EFORMAT (a damaged record), ITAV_ENOMEM.
 */
ITAV_API int itav_export_json_string(char **out, itav_db *db);

/**
 * @brief One intervention as a JSON object, as it appears in a dataset.
 * @param[out] out the UTF-8 text, to be freed with itav_free()
 * @param iv the intervention
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_to_json(char **out, const itav_intervention *iv);

/**
 * @brief Reads one intervention from a JSON object. Nothing is stored.
 * @param[out] out the new intervention, to be freed with itav_intervention_free()
 * @param db the context whose itav_errmsg() gets the message on failure (may be NULL)
 * @param json one intervention object, as in a dataset, NUL-terminated UTF-8
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_from_json(itav_intervention **out, itav_db *db,
                                         const char *json);

/**
 * @brief One offer as a JSON object, as it appears in a dataset.
 * @param[out] out the UTF-8 text, to be freed with itav_free()
 * @param of the offer
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOMEM.
 */
ITAV_API int itav_offer_to_json(char **out, const itav_offer *of);

/**
 * @brief Reads one offer from a JSON object. Nothing is stored, and its intervention is not
 * looked up.
 * @param[out] out the new offer, to be freed with itav_offer_free()
 * @param db the context whose itav_errmsg() gets the message on failure (may be NULL)
 * @param json one offer object, as in a dataset, NUL-terminated UTF-8
 * @return as itav_intervention_from_json().
 */
ITAV_API int itav_offer_from_json(itav_offer **out, itav_db *db, const char *json);

/**
 * @brief Encodes a participant as an itav/1 participant object (pretty-printed JSON).
 * @param[out] out the text, owned by the caller (free with itav_free())
 * @param p the participant
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_participant_to_json(char **out, const itav_participant *p);
/**
 * @brief Decodes one itav/1 participant object.
 * @param[out] out the participant
 * @param db a context to receive the error message (may be NULL); nothing is read from it
 * @param json the JSON text
 * @return ITAV_OK, ITAV_EINVAL (NULL), ITAV_EFORMAT (the message gives the JSON path),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_participant_from_json(itav_participant **out, itav_db *db,
                                        const char *json);
/**
 * @brief Encodes a match, with its audit trail, as an itav/1 match object.
 * @param[out] out the text, owned by the caller (free with itav_free())
 * @param m the match
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_match_to_json(char **out, const itav_match *m);

/**
 * @brief Flags of the participant CSV imports (or them together).
 * @since 0.4
 */
typedef enum itav_import_flags {
    /** Refuse a column the library does not know, rather than ignore it with a note. */
    ITAV_IMPORT_STRICT = 1,
    /**
     * A row whose ref is in the store updates that participant rather than being refused:
     * the columns the file has replace the stored values (an empty cell clears one), the
     * others are kept; a status other than the stored one is a move under the rules of
     * itav_participant_set_status(), dated by status_date or else today (UTC); the offer and
     * the side cannot change once the participant has matches (error "locked").
     */
    ITAV_IMPORT_UPDATE = 2
} itav_import_flags;

/**
 * @brief Imports participants from a CSV file (a header row, then one participant a row):
 * all rows, or nothing.
 *
 * The columns are documented in docs/format.md ("Participants in CSV"); only "ref" and
 * "kind" are required (and "offer" without a default offer), the others may be left out or
 * left empty, and their order is free. The separator (comma, semicolon or tab) is found in
 * the header row. A file that is not UTF-8 and has no BOM is read as Windows-1252.
 *
 * Every problem is listed on the context (itav/problem.h: row, column, code, severity,
 * message), errors, warnings and notes alike, after a failed import and after a successful
 * one; the first errors are also in itav_errmsg(), each as "file:row N, column NAME: ...".
 * On success itav_import_counts() says how many rows were added, updated and unchanged.
 * Warnings do not stop the import: a full postcode ("5223 AK") is cut to its four digits
 * (code "postcode_cut"). Notes say which separator and encoding were used and which columns
 * were ignored.
 * @param db the store
 * @param path the file
 * @param offer the offer for rows without an "offer" column or with that cell empty; NULL
 *        if every row names its offer
 * @param flags ITAV_IMPORT_STRICT, ITAV_IMPORT_UPDATE or'ed together, or 0
 * @return ITAV_OK, ITAV_EINVAL (NULL db or path, an offer that is not an offer id, an
 *         unknown flag), ITAV_EIO (cannot read the file, cannot write the store),
 *         ITAV_EFORMAT (any problem in the data, including references already in the store
 *         outside update mode and a default offer that is not in the store), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_import_participants_csv_file_v2(itav_db *db, const char *path,
                                                  const char *offer, unsigned flags);
/**
 * @brief Imports participants from CSV text, as itav_import_participants_csv_file_v2().
 * @param db the store
 * @param csv the text, NUL-terminated (UTF-8, or Windows-1252)
 * @param name a name for the text in messages, or NULL ("<string>")
 * @param offer the default offer, or NULL
 * @param flags ITAV_IMPORT_STRICT, ITAV_IMPORT_UPDATE or'ed together, or 0
 * @return as itav_import_participants_csv_file_v2().
 * @since 0.4
 */
ITAV_API int itav_import_participants_csv_string_v2(itav_db *db, const char *csv,
                                                    const char *name, const char *offer,
                                                    unsigned flags);

/**
 * @brief Imports participants from a CSV file, refusing unknown columns: the same as
 * itav_import_participants_csv_file_v2() with ITAV_IMPORT_STRICT.
 *
 * Since 0.4 it also lists its problems on the context (itav/problem.h), reads a file that
 * is not UTF-8 as Windows-1252 (0.3 refused it), and cuts a full postcode to its four digits
 * with a warning (0.3 refused it); everything 0.3 imported it imports the same way.
 * @param db the store
 * @param path the file
 * @param offer the offer for rows without an "offer" column or with that cell empty; NULL
 *        if every row names its offer
 * @return as itav_import_participants_csv_file_v2().
 */
ITAV_API int itav_import_participants_csv_file(itav_db *db, const char *path,
                                               const char *offer);
/**
 * @brief Imports participants from CSV text, refusing unknown columns:
 * itav_import_participants_csv_string_v2() with ITAV_IMPORT_STRICT.
 * @param db the store
 * @param csv the text
 * @param name a name for the text in messages, or NULL ("<string>")
 * @param offer the default offer, or NULL
 * @return as itav_import_participants_csv_file().
 */
ITAV_API int itav_import_participants_csv_string(itav_db *db, const char *csv,
                                                 const char *name, const char *offer);

/**
 * @brief Loads the built-in catalogue (data/catalog.json, compiled into the library): every
 * intervention and offer the seeds describe, each fact with its seed line.
 *
 * It is an ordinary import, all or nothing, of the text itav_catalog_json() returns.
 * @param db the store
 * @return ITAV_OK, ITAV_EINVAL (NULL), ITAV_EEXISTS (the catalogue is already in the
 *         store), ITAV_EFORMAT (some, not all, of its ids are already in the store: nothing
 *         loaded, every clash named), ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_catalog_load(itav_db *db);

/**
 * @brief The built-in catalogue's JSON text, an itav/1 dataset.
 * @return a static, NUL-terminated UTF-8 string; never free it.
 */
ITAV_API const char *itav_catalog_json(void);

#ifdef __cplusplus
}
#endif
#endif
