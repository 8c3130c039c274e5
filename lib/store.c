/* The context: opening stores by URI or backend, errors, transactions and records. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

int itav__error(itav_db *db, int code, const char *fmt, ...)
{
    if (db) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
        va_end(ap);
        db->errcode = code;
    }
    return code;
}

int itav__backend_error(itav_db *db, int code, const char *what)
{
    const char *why = db->be->errmsg ? db->be->errmsg(db->be) : NULL;
    if (why && *why)
        return itav__error(db, code, "%s: %s", what, why);
    return itav__error(db, code, "%s: %s", what, itav_strerror(code));
}

ITAV_API const char *itav_errmsg(const itav_db *db)
{
    return db ? db->errmsg : "no context (NULL)";
}

ITAV_API int itav_errcode(const itav_db *db) { return db ? db->errcode : ITAV_EINVAL; }

static int check_backend(const itav_backend *be)
{
    if (!be)
        return ITAV_EINVAL;
    if (be->version == 0 || be->version > ITAV_BACKEND_VERSION)
        return ITAV_EVERSION;
    if (!be->begin || !be->commit || !be->rollback || !be->put || !be->get || !be->del ||
        !be->scan || !be->free)
        return ITAV_EINVAL;
    return ITAV_OK;
}

static itav_db *db_new(void)
{
    return itav__calloc(1, sizeof(itav_db));
}

ITAV_API int itav_open_backend(itav_db **out, itav_backend *backend)
{
    if (!out)
        return ITAV_EINVAL;
    *out = NULL;
    itav_db *db = db_new();
    if (!db)
        return ITAV_ENOMEM;
    int rc = check_backend(backend);
    if (rc == ITAV_EVERSION)
        itav__error(db, rc, "backend struct version %u is not supported (1 to %d)",
                    backend->version, ITAV_BACKEND_VERSION);
    else if (rc != ITAV_OK)
        itav__error(db, rc, backend ? "backend lacks a required function"
                                    : "no backend given");
    else
        db->be = backend;
    *out = db;
    return rc;
}

ITAV_API int itav_open(itav_db **out, const char *uri)
{
    char err[512] = "";
    if (!out)
        return ITAV_EINVAL;
    *out = NULL;
    itav_db *db = db_new();
    if (!db)
        return ITAV_ENOMEM;
    *out = db;
    if (!uri)
        return itav__error(db, ITAV_EINVAL, "no store URI given");
    int rc;
    if (strcmp(uri, "memory:") == 0) {
        rc = itav__memory_backend_new(&db->be);
        if (rc != ITAV_OK)
            return itav__error(db, rc, "cannot create a memory store: %s", itav_strerror(rc));
    } else if (strncmp(uri, "sqlite:", 7) == 0) {
        if (!uri[7])
            return itav__error(db, ITAV_EINVAL, "store URI \"%s\": no file path after sqlite:",
                               uri);
        rc = itav__sqlite_backend_open(&db->be, uri + 7, err, sizeof err);
        if (rc != ITAV_OK)
            return itav__error(db, rc, "cannot open store \"%s\": %s", uri, err);
    } else {
        return itav__error(db, ITAV_EINVAL,
                           "store URI \"%s\": unknown scheme (expected memory: or sqlite:PATH)",
                           uri);
    }
    db->errmsg[0] = '\0';
    return ITAV_OK;
}

ITAV_API void itav_close(itav_db *db)
{
    if (!db)
        return;
    if (db->be)
        db->be->free(db->be);
    itav__free(db);
}

/* A context whose open failed has no backend; every operation reports the open's error. */
static int usable(itav_db *db)
{
    if (db->be)
        return ITAV_OK;
    return db->errcode ? db->errcode : itav__error(db, ITAV_EINVAL, "store is not open");
}

int itav__begin(itav_db *db)
{
    int rc = usable(db);
    if (rc != ITAV_OK)
        return rc;
    rc = db->be->begin(db->be);
    return rc == ITAV_OK ? rc : itav__backend_error(db, rc, "cannot start a transaction");
}

int itav__commit(itav_db *db)
{
    int rc = db->be->commit(db->be);
    if (rc == ITAV_OK)
        return rc;
    itav__backend_error(db, rc, "cannot commit");
    db->be->rollback(db->be);
    return rc;
}

void itav__rollback(itav_db *db) { db->be->rollback(db->be); }

int itav__purge(itav_db *db)
{
    int rc = usable(db);
    if (rc != ITAV_OK)
        return rc;
    if (db->be->version < 2 || !db->be->purge)
        return ITAV_OK; /* nothing a version 1 backend could do */
    rc = db->be->purge(db->be);
    return rc == ITAV_OK ? rc : itav__backend_error(db, rc, "cannot purge deleted data");
}

typedef struct copy_state {
    char *data;
} copy_state;

static int copy_record(void *arg, const char *key, const void *data, size_t size)
{
    (void)key;
    copy_state *st = arg;
    if (!(st->data = itav__malloc(size + 1)))
        return ITAV_ENOMEM;
    memcpy(st->data, data, size);
    st->data[size] = '\0';
    return ITAV_OK;
}

int itav__get_record(char **out, itav_db *db, const char *kind, const char *key)
{
    copy_state st = {NULL};
    int rc = usable(db);
    if (rc != ITAV_OK)
        return rc;
    rc = db->be->get(db->be, kind, key, copy_record, &st);
    if (rc == ITAV_OK && !st.data)
        rc = ITAV_ENOMEM;
    if (rc == ITAV_ENOTFOUND)
        return rc; /* the caller says what was not found */
    if (rc != ITAV_OK) {
        itav__free(st.data);
        return rc == ITAV_ENOMEM ? itav__error(db, rc, "out of memory reading %s \"%s\"", kind,
                                               key)
                                 : itav__backend_error(db, rc, "cannot read the store");
    }
    *out = st.data;
    return ITAV_OK;
}

static int found(void *arg, const char *key, const void *data, size_t size)
{
    (void)key, (void)data, (void)size;
    *(bool *)arg = true;
    return ITAV_OK;
}

int itav__exists(bool *out, itav_db *db, const char *kind, const char *key)
{
    int rc = usable(db);
    if (rc != ITAV_OK)
        return rc;
    *out = false;
    rc = db->be->get(db->be, kind, key, found, out);
    if (rc == ITAV_ENOTFOUND)
        return ITAV_OK;
    return rc == ITAV_OK ? rc : itav__backend_error(db, rc, "cannot read the store");
}

int itav__put_record(itav_db *db, const char *kind, const char *key, const char *const *index,
                     const char *data)
{
    int rc = db->be->put(db->be, kind, key, index, data, strlen(data));
    return rc == ITAV_OK ? rc : itav__backend_error(db, rc, "cannot write the store");
}

int itav__del_record(itav_db *db, const char *kind, const char *key)
{
    int rc = db->be->del(db->be, kind, key);
    if (rc == ITAV_OK || rc == ITAV_ENOTFOUND)
        return rc;
    return itav__backend_error(db, rc, "cannot write the store");
}

int itav__scan(itav_db *db, const char *kind, int slot, const char *value, itav_record_fn fn,
               void *arg)
{
    int rc = usable(db);
    if (rc != ITAV_OK)
        return rc;
    rc = db->be->scan(db->be, kind, slot, value, fn, arg);
    return rc >= 0 ? rc : itav__backend_error(db, rc, "cannot read the store");
}
