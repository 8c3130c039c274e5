/* lib/store: the context (struct itav_db, its error), the record layer over the backend
 * contract, and the built-in backends. Depends on lib/util only. */
#ifndef ITAV_STORE_INT_H
#define ITAV_STORE_INT_H

#include "itav/backend.h"
#include "util/util_int.h"

/* ---- the context and the record layer ---- */
struct itav_db {
    itav_backend *be;
    int errcode;
    char errmsg[1024];
};

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
/* Asks the backend to drop leftover copies of deleted data (backend version 2 purge). */
int itav__purge(itav_db *db);

/* A record read from the store: owned copy of its bytes, NUL-terminated. */
int itav__get_record(char **out, itav_db *db, const char *kind, const char *key);
int itav__put_record(itav_db *db, const char *kind, const char *key, const char *const *index,
                     const char *data);
int itav__del_record(itav_db *db, const char *kind, const char *key);
int itav__exists(bool *out, itav_db *db, const char *kind, const char *key);
/* Calls fn for every record of a kind (slot/value as in the backend contract). */
int itav__scan(itav_db *db, const char *kind, int slot, const char *value, itav_record_fn fn,
               void *arg);

/* ---- backends ---- */
int itav__memory_backend_new(itav_backend **out);
int itav__sqlite_backend_open(itav_backend **out, const char *path, char *err, size_t errsize);

#endif
