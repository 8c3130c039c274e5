/**
 * @file itav/backend.h
 * @brief For backend implementers: the storage contract.
 *
 * A backend is a transactional record store. A record is an opaque byte string (the core
 * owns its format) under a kind ("intervention", "offer", ...) and a key (the record's id),
 * with up to ITAV_BACKEND_INDEXES index values that scan() can select on. The core keeps
 * every domain rule, so every backend behaves the same. Nothing here assumes the data lives
 * in this process: a client/server database fits.
 *
 * Like libgit2's backends, the struct is embedded at the start of the implementer's own
 * struct and initialised with ITAV_BACKEND_INIT:
 *
 * @code
 * struct my_backend { itav_backend parent; my_state *state; };
 * struct my_backend *b = calloc(1, sizeof *b);
 * b->parent = (itav_backend)ITAV_BACKEND_INIT;
 * b->parent.begin = my_begin; ...
 * itav_open_backend(&db, &b->parent);
 * @endcode
 *
 * Every function returns ITAV_OK or a negative code: ITAV_ENOTFOUND where stated,
 * ITAV_ENOMEM, ITAV_EBUSY when another connection holds a lock, ITAV_EIO for anything else
 * (then errmsg, if given, says what).
 */
#ifndef ITAV_BACKEND_H
#define ITAV_BACKEND_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The version of struct itav_backend that these headers describe. */
#define ITAV_BACKEND_VERSION 1

/** @brief Number of index values a record has. */
#define ITAV_BACKEND_INDEXES 4

/** @brief scan() slot that selects every record of a kind. */
#define ITAV_SCAN_ALL (-1)

/**
 * @brief Receives one record. The pointers are valid only during the call.
 * @return 0 to go on; anything else stops a scan, which then returns that value.
 */
typedef int (*itav_record_fn)(void *arg, const char *key, const void *data, size_t size);

/** @brief A storage backend (version 1). */
struct itav_backend {
    /** Must be ITAV_BACKEND_VERSION (set by ITAV_BACKEND_INIT). */
    unsigned version;

    /** Starts a transaction. The core never nests them. */
    int (*begin)(itav_backend *be);
    /** Makes the transaction's writes durable and visible. */
    int (*commit)(itav_backend *be);
    /** Undoes every write since begin. Must not fail for lack of memory. */
    int (*rollback)(itav_backend *be);

    /**
     * Inserts or replaces the record (kind, key), inside a transaction. index holds
     * ITAV_BACKEND_INDEXES values, each NULL or a string.
     */
    int (*put)(itav_backend *be, const char *kind, const char *key,
               const char *const *index, const void *data, size_t size);

    /** Calls found once with the record (kind, key), or returns ITAV_ENOTFOUND. */
    int (*get)(itav_backend *be, const char *kind, const char *key,
               itav_record_fn found, void *arg);

    /** Deletes the record (kind, key) inside a transaction, or returns ITAV_ENOTFOUND. */
    int (*del)(itav_backend *be, const char *kind, const char *key);

    /**
     * Calls each for every record of kind, in ascending byte order of key. With slot
     * ITAV_SCAN_ALL every record; with slot 0 to ITAV_BACKEND_INDEXES - 1 only the records
     * whose index value in that slot equals value. The records must not change during a scan.
     */
    int (*scan)(itav_backend *be, const char *kind, int slot, const char *value,
                itav_record_fn each, void *arg);

    /** Optional: the last error in words, or NULL. */
    const char *(*errmsg)(itav_backend *be);

    /** Releases the backend; called once by itav_close(). */
    void (*free)(itav_backend *be);
};

/** @brief Initialiser for struct itav_backend: the version set, every function NULL. */
#define ITAV_BACKEND_INIT { ITAV_BACKEND_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

#ifdef __cplusplus
}
#endif
#endif
