/**
 * @file itav/common.h
 * @brief Export macro, versions, result codes, memory and dates.
 *
 * Every other libitav header includes this one.
 *
 * Conventions that hold for the whole API:
 * - functions that can fail return ITAV_OK (0) or a negative ITAV_E... code (itav_result);
 * - results go through out parameters, which come first;
 * - text is UTF-8 of at most 64 KiB with no control character but tab and line feed
 *   (setters refuse anything else with ITAV_EINVAL; control characters since 0.4, as a
 *   terminal would obey them); dates are days since 1970-01-01 (int32_t); ages are months,
 *   negative before birth.
 */
#ifndef ITAV_COMMON_H
#define ITAV_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Marks a function as part of the exported API.
 *
 * The library is built with hidden visibility, so only functions marked with ITAV_API (and
 * listed in the linker version script) are exported. Callers need not use it.
 */
#if defined(_WIN32) && defined(ITAV_BUILDING)
#  define ITAV_API __declspec(dllexport)
#elif defined(_WIN32)
#  define ITAV_API __declspec(dllimport)
#elif defined(__GNUC__)
#  define ITAV_API __attribute__((visibility("default")))
#else
#  define ITAV_API
#endif

/** @brief Major version of the headers (an incompatible ABI change bumps it). */
#define ITAV_VERSION_MAJOR 0
/** @brief Minor version of the headers (new API, compatible). */
#define ITAV_VERSION_MINOR 4
/** @brief Patch version of the headers (fixes only, no API change). */
#define ITAV_VERSION_PATCH 0
/** @brief The header version as text, "MAJOR.MINOR.PATCH". */
#define ITAV_VERSION_STRING "0.4.0"
/**
 * @brief The header version as one number: major * 10000 + minor * 100 + patch.
 *
 * Compare it with itav_version_number() to find out whether the library loaded at run time
 * is at least as new as the headers a program was compiled with.
 */
#define ITAV_VERSION_NUMBER \
    (ITAV_VERSION_MAJOR * 10000 + ITAV_VERSION_MINOR * 100 + ITAV_VERSION_PATCH)

/**
 * @brief Result codes. Functions return ITAV_OK or a negative code.
 *
 * The one positive value, ITAV_ITEROVER, only comes from the `_iter_next` functions and is
 * not an error. Values are fixed and never renumbered. itav_strerror() gives the generic text
 * of a code; itav_errmsg() the specific story of the last failure on a context.
 */
typedef enum itav_result {
    ITAV_OK = 0,          /**< success */
    ITAV_ITEROVER = 1,    /**< an iterator has no more items (not an error) */
    ITAV_ERROR = -1,      /**< an error that has no more specific code */
    ITAV_ENOMEM = -2,     /**< out of memory */
    ITAV_EINVAL = -3,     /**< an argument is invalid (NULL, out of range, malformed) */
    ITAV_ENOTFOUND = -4,  /**< the record or item does not exist */
    ITAV_EEXISTS = -5,    /**< a record with that id already exists */
    ITAV_EFORMAT = -6,    /**< input data (JSON, a record) is malformed or inconsistent */
    ITAV_EIO = -7,        /**< the storage backend failed (I/O, disk full, read-only) */
    ITAV_EINUSE = -8,     /**< the record is still referred to by another record */
    ITAV_EBUSY = -9,      /**< the store is locked by another connection */
    ITAV_EVERSION = -10,  /**< a struct, schema or format version is not supported */
    ITAV_ESTATE = -11,    /**< the operation is not allowed in the current state */
    ITAV_ERANGE = -12     /**< an index or value is outside its range */
} itav_result;

/**
 * @brief The version of the library loaded at run time.
 * @return a static string such as "0.1.0"; it may differ from ITAV_VERSION_STRING, the
 *         version of the headers the program was compiled with.
 */
ITAV_API const char *itav_version(void);

/**
 * @brief The version of the library loaded at run time, as one number.
 * @return major * 10000 + minor * 100 + patch, comparable with ITAV_VERSION_NUMBER.
 */
ITAV_API int itav_version_number(void);

/**
 * @brief The generic English text of a result code ("out of memory").
 *
 * For what exactly went wrong in a call on a context, use itav_errmsg(). The text is always
 * English (there is no context to take a language from); a message of a context set to
 * Dutch (itav_set_lang()) that quotes it quotes the Dutch text.
 * @param code an itav_result value
 * @return a static string, never NULL; an unknown code gives "unknown error".
 */
ITAV_API const char *itav_strerror(int code);

/**
 * @brief Frees memory that libitav returned to the caller as owned (for example the text
 * of itav_export_json_string()). NULL is allowed and does nothing.
 *
 * Use it, not free(), for such memory: the library may use its own allocator. Objects with a
 * type of their own are freed with their own function (itav_intervention_free(), ...).
 * @param ptr the memory, or NULL
 */
ITAV_API void itav_free(void *ptr);

/** @brief "No date": the value of a date field that is not set (INT32_MIN). */
#define ITAV_DATE_NONE INT32_MIN

/** @brief Buffer size that holds any date itav_date_format() writes ("YYYY-MM-DD" + NUL). */
#define ITAV_DATE_BUFSIZE 11

/**
 * @brief Parses an ISO 8601 calendar date "YYYY-MM-DD" (years 1900-9999).
 * @param[out] out days since 1970-01-01 (negative before)
 * @param text the date: exactly ten characters, four-digit year, two-digit month and day;
 *        nothing else may follow it
 * @return ITAV_OK, or ITAV_EINVAL for NULL arguments, a malformed text or an impossible date
 *         (2021-02-29); *out is unchanged on error.
 */
ITAV_API int itav_date_parse(int32_t *out, const char *text);

/**
 * @brief Writes a date as "YYYY-MM-DD".
 * @param[out] buf at least ITAV_DATE_BUFSIZE bytes; receives the NUL-terminated text
 * @param size size of buf
 * @param date days since 1970-01-01
 * @return ITAV_OK, ITAV_EINVAL for a NULL buffer, ITAV_ERANGE if buf is too small or the date
 *         is outside years 1900-9999 (ITAV_DATE_NONE included); buf is unchanged on error.
 */
ITAV_API int itav_date_format(char *buf, size_t size, int32_t date);

/**
 * @brief Builds a date from year, month and day (Gregorian calendar).
 * @param[out] out days since 1970-01-01
 * @param year 1900 to 9999
 * @param month 1 to 12
 * @param day 1 to the length of the month
 * @return ITAV_OK, or ITAV_EINVAL for a NULL out, a date that does not exist or one outside
 *         1900-9999; *out is unchanged on error.
 */
ITAV_API int itav_date_from_ymd(int32_t *out, int year, int month, int day);

/**
 * @brief Splits a date into year, month and day.
 * @param[out] year the year
 * @param[out] month the month, 1 to 12
 * @param[out] day the day of the month
 * @param date days since 1970-01-01
 * @return ITAV_OK, ITAV_EINVAL for NULL out parameters, ITAV_ERANGE for a date outside
 *         1900-9999 (ITAV_DATE_NONE included).
 */
ITAV_API int itav_date_to_ymd(int *year, int *month, int *day, int32_t date);

#ifdef __cplusplus
}
#endif
#endif
