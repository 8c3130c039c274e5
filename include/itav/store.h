/**
 * @file itav/store.h
 * @brief Opening and closing a store; errors in words.
 *
 * Everything libitav keeps lives in a store, reached through a context handle (itav_db).
 * A context is used by one thread at a time; separate contexts may be used from separate
 * threads.
 */
#ifndef ITAV_STORE_H
#define ITAV_STORE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A connection to a store (opaque). */
typedef struct itav_db itav_db;

/** @brief A storage backend; see itav/backend.h. */
typedef struct itav_backend itav_backend;

/**
 * @brief Opens a store.
 *
 * URIs:
 * - `memory:` a new empty store in memory, gone when closed;
 * - `sqlite:PATH` a SQLite file, created (mode 0600) if it does not exist, in WAL mode with a
 *   busy timeout; its schema is migrated to the current version.
 *
 * @param[out] out the new context, to be closed with itav_close(); also set on failure
 *             (when memory allows) so that itav_errmsg() can say why; close it then too.
 * @param uri where the store is
 * @return ITAV_OK, ITAV_EINVAL (unknown scheme, empty path), ITAV_EIO (cannot open or create
 *         the file), ITAV_EVERSION (the file's schema is newer than this library),
 *         ITAV_EFORMAT (the file is not a libitav store), ITAV_ENOMEM.
 */
ITAV_API int itav_open(itav_db **out, const char *uri);

/**
 * @brief Opens a store on a backend supplied by the host program.
 *
 * On success the context owns the backend and calls its `free` at itav_close(). On failure
 * the caller keeps it.
 * @return ITAV_OK, ITAV_EINVAL (NULL, or a required function missing), ITAV_EVERSION (the
 *         struct's version is 0 or newer than ITAV_BACKEND_VERSION), ITAV_ENOMEM.
 */
ITAV_API int itav_open_backend(itav_db **out, itav_backend *backend);

/** @brief Closes a store and frees the context. NULL is allowed. */
ITAV_API void itav_close(itav_db *db);

/**
 * @brief The last error of this context in words: what failed, with the field, file, line or
 * value involved. "not an error" after a call that succeeded... is not promised: the message
 * stays until the next failing call.
 * @return a string owned by the context; "" if no error happened yet.
 */
ITAV_API const char *itav_errmsg(const itav_db *db);

/** @brief The code of the last error of this context (ITAV_OK if none). */
ITAV_API int itav_errcode(const itav_db *db);

#ifdef __cplusplus
}
#endif
#endif
