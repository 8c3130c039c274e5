/**
 * @file itav/problem.h
 * @brief The problem list of an import: every problem, each with its place, code and
 * severity, and what a successful import did.
 *
 * The participant CSV imports (itav/interchange.h) keep a list on their context: the errors
 * that refused the import (all of them, not only the first), and on success the warnings
 * and notes (the separator used, columns that were ignored, a postcode that was cut). The
 * list belongs to the last such import on the context and is replaced by the next one; no
 * other call changes it. An import that fails for another reason than its data (ITAV_EIO,
 * ITAV_ENOMEM, ITAV_EINVAL, ...) leaves the list empty. Read it with itav_problem_count() and the accessors below, which
 * take the problem's index (0 to count - 1).
 *
 * Each problem has a severity, a row (as a spreadsheet numbers them: the header is row 1; 0
 * for a problem of the whole file), a column (its name as the header gives it, or its
 * spreadsheet letters; NULL for none), a code (a stable word from the table in
 * docs/format.md, "Problems") and a message in English. Codes and severities are part of the
 * API; message wording is not.
 *
 * @since 0.4
 */
#ifndef ITAV_PROBLEM_H
#define ITAV_PROBLEM_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How serious a problem is (codes "note", "warning", "error"). @since 0.4 */
typedef enum itav_severity {
    ITAV_SEVERITY_NOTE = 1,    /**< note: what the import did, for the record */
    ITAV_SEVERITY_WARNING = 2, /**< warning: a value was changed or left out; imported */
    ITAV_SEVERITY_ERROR = 3    /**< error: the import was refused (nothing imported) */
} itav_severity;

/**
 * @brief How many problems the last import listed.
 *
 * At most 100000 are listed; when there were more, the last one listed is an error with code
 * "too_many" that says the rest are not listed.
 * @param db the context
 * @return the count; 0 for a NULL context or before any import.
 * @since 0.4
 */
ITAV_API size_t itav_problem_count(const itav_db *db);
/**
 * @brief The severity of a problem.
 * @param db the context
 * @param i the index
 * @return the severity; 0 for a NULL context or an index out of range.
 * @since 0.4
 */
ITAV_API itav_severity itav_problem_severity(const itav_db *db, size_t i);
/**
 * @brief The row of a problem, as a spreadsheet numbers it (the header is row 1).
 * @param db the context
 * @param i the index
 * @return the row; 0 for a problem of the whole file, a NULL context or an index out of
 *         range.
 * @since 0.4
 */
ITAV_API int64_t itav_problem_row(const itav_db *db, size_t i);
/**
 * @brief The column of a problem: its name as the header row gives it ("vog_datum"), or its
 * spreadsheet letters ("D") for a column without a usable name.
 * @param db the context
 * @param i the index
 * @return borrowed text valid until the next import on the context or itav_close(); NULL
 *         when the problem has no column, for a NULL context or an index out of range.
 * @since 0.4
 */
ITAV_API const char *itav_problem_column(const itav_db *db, size_t i);
/**
 * @brief The code of a problem ("invalid", "unknown_column", ...; docs/format.md).
 * @param db the context
 * @param i the index
 * @return a static string; NULL for a NULL context or an index out of range.
 * @since 0.4
 */
ITAV_API const char *itav_problem_code(const itav_db *db, size_t i);
/**
 * @brief The message of a problem, without its place (row and column are separate).
 * @param db the context
 * @param i the index
 * @return borrowed UTF-8 text without control characters, valid as itav_problem_column();
 *         NULL for a NULL context or an index out of range.
 * @since 0.4
 */
ITAV_API const char *itav_problem_message(const itav_db *db, size_t i);

/**
 * @brief The problem list as text for people, one line a group: problems with the same
 * severity, code, column and message are one line that gives their rows as ranges.
 *
 * A line is "NAME:row 4, column kind: error: MESSAGE", "NAME:rows 2-56, 60, column offer:
 * error: MESSAGE (56 rows)" or, for the whole file, "NAME: note: MESSAGE"; NAME is what the
 * import called its input. Groups come in the order of their first problem. At most 20
 * ranges are written on a line, then "...". The text is empty when the list is.
 * @param[out] out the text, lines ended by a line feed; free with itav_free()
 * @param db the context
 * @return ITAV_OK, ITAV_EINVAL (NULL), ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_problems_text(char **out, const itav_db *db);

/**
 * @brief What the last successful import did with its rows.
 *
 * After a failed import, and before any, all three are 0.
 * @param[out] added rows that became new participants (may be NULL)
 * @param[out] updated rows that changed a stored participant (may be NULL)
 * @param[out] unchanged rows equal to the stored participant (may be NULL)
 * @param db the context
 * @return ITAV_OK, ITAV_EINVAL (NULL context).
 * @since 0.4
 */
ITAV_API int itav_import_counts(size_t *added, size_t *updated, size_t *unchanged,
                                const itav_db *db);

#ifdef __cplusplus
}
#endif
#endif
