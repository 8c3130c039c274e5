/* lib/store: the context (struct itav_db, its error), the record layer over the backend
 * contract, and the built-in backends. Depends on lib/util only. */
#ifndef ITAV_STORE_INT_H
#define ITAV_STORE_INT_H

#include "itav/backend.h"
#include "util/util_int.h"

/* ---- the problem list of an import (lib/store/problem.c) ---- */
typedef struct itav__problem {
    int severity;    /* itav_severity */
    int64_t row;     /* 0: the whole file */
    char *column;    /* NULL: no column */
    const char *code; /* static */
    char *message;
} itav__problem;

typedef struct itav__problems {
    itav__problem *v;
    size_t n, cap;
    size_t dropped;      /* problems past ITAV__PROBLEMS_MAX, counted only */
    size_t errors;       /* errors, listed or not */
    char *name;          /* what the import calls its input */
    size_t counts[3];    /* added, updated, unchanged of the last successful import */
} itav__problems;

/* The most problems one import lists; the rest are counted (a file of a million bad rows
 * should not need a million messages in memory). */
#define ITAV__PROBLEMS_MAX 100000

/* Forgets the list and the counts, and names the input of the import starting now. */
int itav__problems_reset(itav_db *db, const char *name);
/* Appends a problem (its texts copied); ITAV_ENOMEM, the only failure. */
int itav__problems_add(itav_db *db, int severity, int64_t row, const char *column,
                       const char *code, const char *message);
/* How many errors the list holds, those past the limit included. */
size_t itav__problems_errors(const itav_db *db);
void itav__problems_clear(itav__problems *ps);

/* ---- the context and the record layer ---- */
struct itav_db {
    itav_backend *be;
    bool mark_format; /* a new store: write the format record with the first transaction */
    bool writing;     /* inside itav__begin .. itav__commit or itav__rollback */
    int reading;      /* depth of itav__read_begin calls not yet ended */
    bool snapshot;    /* the backend's read transaction is open (begin_read was called) */
    int errcode;
    char errmsg[1024];
    itav__problems problems; /* of the last import that keeps a list (lib/store/problem.c) */
    int lang;                /* itav_lang of messages (lib/store/lang.c); 0: English */
};

/* ---- the language of messages (lib/store/lang.c; the catalogue: lib/util/translation.c) ----
 * A message is written in English at its call site, and a context set to Dutch looks it up in
 * the catalogue generated from lib/po/nl.po. */
/* The text of en in the language of db (en itself when English, or not translated). A format
 * keeps its conversions: the build refuses a translation that changes them. */
const char *itav__tr(const itav_db *db, const char *en);
/* itav_strerror(code) in the language of db, for a message that quotes it. */
const char *itav__strerror(const itav_db *db, int code);

/* ---- the record format of a store (docs/storage.md) ----
 * Format 1: every record itav/1 JSON text; such a store has no format record.
 * Format 2: records in the binary format of lib/codec; the record ("meta", "format") holds
 * "2". A store of an older format is brought to the current one when it is opened, in one
 * transaction; a newer one is refused. */
#define ITAV__RECORDS_FORMAT 2
#define ITAV__KIND_META "meta"
#define ITAV__META_FORMAT "format"
/* Rewrites every record of format `from` in the current format, inside the caller's
 * transaction. Declared here and defined above the codec (lib/interchange/upgrade.c), which
 * can read the old format and write the new; a failure names the record. */
int itav__records_upgrade(itav_db *db, long from);

/* The store's secret (secret.c): 16 random bytes in the record ("meta", "secret"), made
 * with a new store's first transaction, or on first use for an older store. Never exported. */
#define ITAV__SECRET_SIZE 16
/* Makes the secret inside the caller's write transaction, unless there is one. */
int itav__secret_make(itav_db *db);
/* Reads the secret; outside any transaction, makes it first when the store has none.
 * ITAV_OK, ITAV_ESTATE (none, inside a transaction), ITAV_EFORMAT, ITAV_EIO. */
int itav__secret(unsigned char out[ITAV__SECRET_SIZE], itav_db *db);

/* Records an error on the context and returns code. db may be NULL. */
int itav__error(itav_db *db, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Records a backend failure: code plus the backend's own words, if any. */
int itav__backend_error(itav_db *db, int code, const char *what);

int itav__begin(itav_db *db);
int itav__commit(itav_db *db);
void itav__rollback(itav_db *db);
/* A read snapshot: every get and scan until the matching itav__read_end() sees one state of
 * the store (backend version 3 begin_read; a backend without it reads as it goes). Inside a
 * transaction, or inside another snapshot, it adds nothing: that one is consistent already.
 * Calls nest; each itav__read_begin() that returned ITAV_OK needs one itav__read_end(). */
int itav__read_begin(itav_db *db);
void itav__read_end(itav_db *db);
/* Asks the backend to drop leftover copies of deleted data (backend version 2 purge). */
int itav__purge(itav_db *db);

/* A record read from the store: an owned copy of its size bytes, with a NUL after them. */
int itav__get_record(char **out, size_t *size, itav_db *db, const char *kind, const char *key);
int itav__put_record(itav_db *db, const char *kind, const char *key, const char *const *index,
                     const void *data, size_t size);
int itav__del_record(itav_db *db, const char *kind, const char *key);
int itav__exists(bool *out, itav_db *db, const char *kind, const char *key);
/* Calls fn for every record of a kind (slot/value as in the backend contract). */
int itav__scan(itav_db *db, const char *kind, int slot, const char *value, itav_record_fn fn,
               void *arg);

/* ---- typed scans (backend version 3; docs/storage.md) ----
 * Each calls fn for every record it selects. Where the backend has no such scan (the member
 * is NULL) it calls fn for every record of the kind instead, in key order: fn tests each
 * record itself in any case, as a box may also give records just outside it. */
/* Records whose index value in slot lies in [low, high] (NULL: open), by value then key. */
int itav__scan_range(itav_db *db, const char *kind, int slot, const char *low,
                     const char *high, itav_record_fn fn, void *arg);
/* Records whose place lies in the box; west > east is a box across the antimeridian. */
int itav__scan_box(itav_db *db, const char *kind, const itav_box *box, itav_record_fn fn,
                   void *arg);
/* Whether the backend keeps places (put_place and scan_box). */
bool itav__has_places(const itav_db *db);
/* Gives the record just written a place, or takes it away (NULL); nothing without places. */
int itav__put_place(itav_db *db, const char *kind, const char *key, const itav_place *place);

/* ---- backends ---- */
int itav__memory_backend_new(itav_backend **out);
int itav__sqlite_backend_open(itav_backend **out, const char *path, char *err, size_t errsize);
/* A postgresql:// or postgres:// URI (libpq's); only in a build with libpq (ITAV_POSTGRES). */
int itav__postgres_backend_open(itav_backend **out, const char *uri, char *err,
                                size_t errsize);

#endif
