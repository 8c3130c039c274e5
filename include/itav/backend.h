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
 * ITAV_ENOMEM, ITAV_EBUSY when another connection holds a lock, ITAV_ESTATE for a call the
 * contract rules out (a nested begin, a write outside a transaction), ITAV_EIO for anything
 * else (then errmsg, if given, says what).
 *
 * How the core calls a backend:
 * - every write (put, del) happens between begin and commit or rollback; transactions are
 *   never nested, and a failed commit is followed by rollback;
 * - get and scan are called inside a transaction (they must then see its own writes), inside
 *   a read transaction (version 3: begin_read), and outside both (plain reads, such as
 *   itav_intervention_get());
 * - the core never writes from inside a get or scan callback;
 * - record data is not NUL-terminated and may contain any bytes; kinds, keys and index values
 *   are NUL-terminated UTF-8;
 * - a context is used by one thread at a time, so a backend needs no locking of its own for
 *   one context;
 * - version 3 adds typed scans a backend may push down: an ordered range of one index slot
 *   (scan_range) and a place per record with a box around it (put_place, scan_box). Where
 *   they are NULL the core scans the whole kind and picks the records itself.
 */
#ifndef ITAV_BACKEND_H
#define ITAV_BACKEND_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The version of struct itav_backend that these headers describe; the `version`
 * member is set to it by ITAV_BACKEND_INIT.
 */
#define ITAV_BACKEND_VERSION 3

/**
 * @brief Number of index values a record has (the length of put()'s `index` array, and the
 * number of scan() slots).
 */
#define ITAV_BACKEND_INDEXES 4

/** @brief scan() slot that selects every record of a kind, whatever its index values. */
#define ITAV_SCAN_ALL (-1)

/**
 * @brief Receives one record from get() or scan(). The pointers are valid only during the
 * call.
 * @param arg the `arg` given to get() or scan()
 * @param key the record's key
 * @param data the record's bytes (not NUL-terminated)
 * @param size the number of bytes
 * @return 0 to go on; anything else stops a scan, which then returns that value (get()
 *         returns whatever its callback returned).
 */
typedef int (*itav_record_fn)(void *arg, const char *key, const void *data, size_t size);

/** @brief A point on the earth: latitude (-90 to 90) and longitude (-180 to 180) in degrees. */
typedef struct itav_place {
    double lat; /**< latitude in degrees, north positive */
    double lon; /**< longitude in degrees, east positive */
} itav_place;

/**
 * @brief A box of latitudes and longitudes, its edges included: south <= north and
 * west <= east (the core splits a box that crosses the antimeridian in two).
 */
typedef struct itav_box {
    double south; /**< the least latitude */
    double west;  /**< the least longitude */
    double north; /**< the greatest latitude */
    double east;  /**< the greatest longitude */
} itav_box;

/**
 * @brief A storage backend (version 3): a table of function pointers, embedded at the start
 * of the implementer's own struct and handed to itav_open_backend().
 */
struct itav_backend {
    /** The struct's version: must be ITAV_BACKEND_VERSION (set by ITAV_BACKEND_INIT). */
    unsigned version;

    /**
     * @brief Starts a transaction. The core never nests them.
     *
     * Return ITAV_EBUSY if another connection holds the lock (after any waiting the backend
     * does).
     */
    int (*begin)(itav_backend *be);
    /** @brief Makes the transaction's writes durable and visible to other connections. */
    int (*commit)(itav_backend *be);
    /**
     * @brief Undoes every write since begin and ends the transaction. Must not fail for lack
     * of memory.
     */
    int (*rollback)(itav_backend *be);

    /**
     * @brief Inserts or replaces the record (kind, key), inside a transaction.
     *
     * `index` holds ITAV_BACKEND_INDEXES values, each NULL or a string; scan() selects on
     * them. `data` is `size` bytes, to be copied.
     */
    int (*put)(itav_backend *be, const char *kind, const char *key,
               const char *const *index, const void *data, size_t size);

    /**
     * @brief Calls `found` once with the record (kind, key) and returns what it returned, or
     * returns ITAV_ENOTFOUND.
     */
    int (*get)(itav_backend *be, const char *kind, const char *key,
               itav_record_fn found, void *arg);

    /**
     * @brief Deletes the record (kind, key) inside a transaction, or returns ITAV_ENOTFOUND.
     */
    int (*del)(itav_backend *be, const char *kind, const char *key);

    /**
     * @brief Calls `each` for every record of kind, in ascending byte order of key.
     *
     * With slot ITAV_SCAN_ALL every record (value is then NULL); with slot 0 to
     * ITAV_BACKEND_INDEXES - 1 only the records whose index value in that slot equals value.
     * Stops at the first non-zero return of `each` and returns that value; returns ITAV_OK
     * after the last record. The core does not write while a scan runs.
     */
    int (*scan)(itav_backend *be, const char *kind, int slot, const char *value,
                itav_record_fn each, void *arg);

    /**
     * @brief Optional (may be NULL): the last error in words, or NULL. itav_errmsg() includes
     * it after a backend failure.
     */
    const char *(*errmsg)(itav_backend *be);

    /**
     * @brief Releases the backend and everything it holds; called once, by itav_close() of
     * the context itav_open_backend() made with it.
     */
    void (*free)(itav_backend *be);

    /**
     * @brief Optional (may be NULL; added in version 2, never read from a version 1
     * struct): removes leftover copies of deleted and replaced data, so that erased personal
     * data is gone from the storage itself and not only from the records. Called outside
     * any transaction, after a participant's erasure has been committed. The SQLite backend
     * checkpoints and truncates its write-ahead log here (its freed pages are already
     * overwritten: it runs with secure_delete on).
     */
    int (*purge)(itav_backend *be);

    /**
     * @brief Optional (may be NULL; added in version 3, never read from an older struct):
     * starts a read transaction. Every get and scan until end_read sees one state of the
     * store, as some commit left it, even while other connections commit; it must not block
     * them. The core reads a report, an export, suggestions and an assignment in one. It
     * never writes inside a read transaction and never nests one in a transaction. When this
     * is NULL, those reads see each other connection's commit as it lands.
     *
     * The SQLite backend starts a deferred transaction, which in WAL mode reads one snapshot
     * and takes no lock that writers wait for.
     */
    int (*begin_read)(itav_backend *be);
    /**
     * @brief Ends the read transaction begin_read started (set both or neither). Must not
     * fail for lack of memory.
     */
    int (*end_read)(itav_backend *be);

    /**
     * @brief Optional (may be NULL; version 3): calls `each` for every record of kind whose
     * index value v in `slot` (0 to ITAV_BACKEND_INDEXES - 1) has low <= v <= high, in byte
     * order; a NULL bound is open. Records without a value in that slot are never selected.
     * Records come in ascending byte order of v, then of key. Stops and returns like scan().
     *
     * The core writes index values so that byte order is value order: dates as ISO 8601
     * text, and a value behind a prefix (an offer's id and U+001F) for ranges within it.
     * SQLite answers with the ordinary index of the slot.
     */
    int (*scan_range)(itav_backend *be, const char *kind, int slot, const char *low,
                      const char *high, itav_record_fn each, void *arg);

    /**
     * @brief Optional (may be NULL; version 3; set it and scan_box both or neither): gives
     * the record (kind, key), which a put of this transaction wrote, a place, or takes its
     * place away (place NULL). Inside a transaction, like put; a later put of the record
     * keeps its place, del removes it. Return ITAV_ENOTFOUND if there is no such record.
     */
    int (*put_place)(itav_backend *be, const char *kind, const char *key,
                     const itav_place *place);

    /**
     * @brief Optional (may be NULL; version 3): calls `each` for every record of kind whose
     * place lies in the box, in any order. It may also give records a little outside it (at
     * most 1e-4 degrees), as a backend that keeps coordinates in single precision would: the
     * core measures every record it is given. Stops and returns like scan().
     *
     * SQLite answers with its R*Tree module; the memory backend by testing each place.
     */
    int (*scan_box)(itav_backend *be, const char *kind, const itav_box *box,
                    itav_record_fn each, void *arg);
};

/**
 * @brief Initialiser for struct itav_backend: the version set, every function NULL. Assign
 * it with a cast, `b->parent = (itav_backend)ITAV_BACKEND_INIT;`, then set the functions.
 */
#define ITAV_BACKEND_INIT { ITAV_BACKEND_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

#ifdef __cplusplus
}
#endif
#endif
