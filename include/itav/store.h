/**
 * @file itav/store.h
 * @brief Opening and closing a store; errors in words.
 *
 * Everything libitav keeps lives in a store, reached through a context handle (itav_db).
 * A context is used by one thread at a time; separate contexts may be used from separate
 * threads.
 *
 * Every function that reads or writes a store may, besides the codes it lists, return
 * ITAV_EBUSY when another connection holds the store's lock for longer than the busy
 * timeout, and ITAV_EIO when the storage fails. After any failure on a context,
 * itav_errmsg() says what went wrong.
 */
#ifndef ITAV_STORE_H
#define ITAV_STORE_H

#include "common.h"
#include "element.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief A connection to a store, and the place its last error is kept (opaque).
 *
 * Made by itav_open() or itav_open_backend(), freed by itav_close().
 */
typedef struct itav_db itav_db;

/**
 * @brief A storage backend supplied by the host program; defined in itav/backend.h.
 */
typedef struct itav_backend itav_backend;

/**
 * @brief Opens a store.
 *
 * URIs:
 * - `memory:` a new empty store in memory, gone when closed;
 * - `sqlite:PATH` a SQLite file, created (mode 0600) if it does not exist (and removed again
 *   if the open then fails), in WAL mode; PATH is always a file name, never an SQLite URI
 *   (`file:...`) or `:memory:`. Its schema is migrated to the current version. Several
 *   processes may use one file at once. Plain reads never wait for a writer. A write (and
 *   an export, which reads in a transaction) that finds another connection writing waits
 *   for it, trying again every millisecond for up to the busy timeout of 5 seconds; after
 *   that it fails with ITAV_EBUSY and itav_errmsg() says the store is locked by another
 *   connection and how long it waited.
 *
 * Every store records the format of its records (docs/storage.md). A store written by
 * libitav 0.3.0 or older is upgraded to the current format when it is opened, in one
 * transaction: a damaged record makes the open fail (ITAV_EFORMAT, naming the record) and
 * leaves the store as it was. A store written by a newer libitav is refused with
 * ITAV_EVERSION and not changed.
 *
 * @param[out] out the new context, to be closed with itav_close(); also set on failure
 *             (when memory allows) so that itav_errmsg() can say why; close it then too.
 *             NULL if even the context could not be allocated.
 * @param uri where the store is
 * @return ITAV_OK, ITAV_EINVAL (NULL or unknown scheme, empty path), ITAV_EIO (cannot open or
 *         create the file), ITAV_EVERSION (the file's schema or its records are newer than
 *         this library), ITAV_EFORMAT (the file is not a libitav store, or an old store has
 *         a damaged record), ITAV_EBUSY (the schema of a new or
 *         older file must be written while another connection holds the file's lock),
 *         ITAV_ENOMEM. A message that quotes the URI never shows a password: the one in
 *         its user information reads `user:***@host`, and every `password=` parameter
 *         `password=***`.
 */
ITAV_API int itav_open(itav_db **out, const char *uri);

/**
 * @brief Opens a store on a backend supplied by the host program.
 *
 * On success the context owns the backend and calls its `free` at itav_close(). On failure
 * the caller keeps it. The open reads the store's record format through the backend and
 * upgrades an old store, as itav_open() does, so the backend's get, scan and (for an
 * upgrade) its transaction functions are called before this returns.
 * @param[out] out the new context, to be closed with itav_close(); as with itav_open() it is
 *             also set on failure (without the backend) so that itav_errmsg() can say why.
 * @param backend the backend, initialised with ITAV_BACKEND_INIT; every function but
 *        `errmsg` must be set
 * @return ITAV_OK, ITAV_EINVAL (NULL, or a required function missing), ITAV_EVERSION (the
 *         struct's version is 0 or newer than ITAV_BACKEND_VERSION, or the records are newer
 *         than this library), ITAV_EFORMAT (an old store with a damaged record), ITAV_ENOMEM,
 *         or what the backend returned while the open read or upgraded the store.
 */
ITAV_API int itav_open_backend(itav_db **out, itav_backend *backend);

/**
 * @brief Closes a store and frees the context. NULL is allowed.
 *
 * Objects read from the store are detached copies and stay valid. Free the iterators made on
 * this context first.
 * @param db the context, or NULL
 */
ITAV_API void itav_close(itav_db *db);

/**
 * @brief The last error of this context in words: what failed, with the field, file, line or
 * value involved.
 *
 * A successful call does not clear the message: it stays until the next failing call, so read
 * it right after the failure it belongs to. Calls that fail for a NULL context cannot record
 * anything.
 * @param db the context
 * @return a string owned by the context, valid until its next call; "" if no error happened
 *         yet (or since a successful itav_open()); "no context (NULL)" for a NULL db.
 */
ITAV_API const char *itav_errmsg(const itav_db *db);

/**
 * @brief The code of the last error of this context.
 * @param db the context
 * @return the code itav_errmsg() belongs to; ITAV_OK if no error happened yet; ITAV_EINVAL
 *         for a NULL db.
 */
ITAV_API int itav_errcode(const itav_db *db);

/**
 * @brief Sets the language of this context's messages: itav_errmsg(), the problem list of
 * an import (itav_problem_message(), itav_problems_text()) and the explanations of
 * itav_recommend() (itav_recommendation_why(), itav_recommendation_placement()).
 *
 * A new context speaks English. In Dutch, a message the library has a Dutch text for is
 * written in Dutch; one it has none for stays English. Codes, column names, ids and JSON
 * member names are the same in both languages. Messages written before the call (those of
 * itav_open() itself) keep their language.
 * @param db the context
 * @param lang ITAV_LANG_EN or ITAV_LANG_NL
 * @return ITAV_OK; ITAV_EINVAL for a NULL db or another value (the language is not changed)
 */
ITAV_API int itav_set_lang(itav_db *db, itav_lang lang);

/**
 * @brief The language of this context's messages (itav_set_lang()).
 * @param db the context
 * @return ITAV_LANG_NL or ITAV_LANG_EN (also for a NULL db)
 */
ITAV_API itav_lang itav_get_lang(const itav_db *db);

/**
 * @brief Opens a store as itav_open() does, with the language of the context's messages set
 * before the open, so that what the open itself says (a refused URI, a store of a newer
 * format, the upgrade of an old store) is in that language too.
 *
 * itav_open(out, uri) is itav_open_lang(out, uri, ITAV_LANG_EN).
 * @param[out] out the new context, as with itav_open(): set also on failure (its message
 *        says why), to be closed with itav_close()
 * @param uri where the store is (itav_open())
 * @param lang ITAV_LANG_EN or ITAV_LANG_NL
 * @return as itav_open(); ITAV_EINVAL for another lang (nothing is opened)
 */
ITAV_API int itav_open_lang(itav_db **out, const char *uri, itav_lang lang);

/**
 * @brief Opens a store on a host's backend as itav_open_backend() does, with the language of
 * the context's messages set before the open (itav_open_lang() for a URI).
 *
 * itav_open_backend(out, backend) is itav_open_backend_lang(out, backend, ITAV_LANG_EN).
 * @param[out] out the new context, as with itav_open_backend(): set also on failure (its
 *        message says why), to be closed with itav_close()
 * @param backend the backend (itav_open_backend()); on failure the caller keeps it
 * @param lang ITAV_LANG_EN or ITAV_LANG_NL
 * @return as itav_open_backend(); ITAV_EINVAL for another lang (the backend is not used)
 */
ITAV_API int itav_open_backend_lang(itav_db **out, itav_backend *backend, itav_lang lang);

#ifdef __cplusplus
}
#endif
#endif
