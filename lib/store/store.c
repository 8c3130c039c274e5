/* The context: opening stores by URI or backend, errors, transactions and records. */
#include "store/store_int.h"

#include <stdio.h>
#include <string.h>

/* Messages quote what callers passed in, which may be any bytes: keep them printable UTF-8
 * by writing control characters (but line breaks) and bytes that are not UTF-8 as \xNN. */
static void make_printable(char *msg, size_t size)
{
    char out[sizeof ((itav_db *)NULL)->errmsg];
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)msg;
    if (size > sizeof out)
        size = sizeof out;
    while (*p) {
        size_t len = itav__utf8_char(p);
        bool plain = len > 1 || (len == 1 && ((*p >= 0x20 && *p != 0x7F) || *p == '\n'));
        size_t need = plain ? len : 4;
        if (o + need >= size)
            break;
        if (plain)
            memcpy(out + o, p, len);
        else
            snprintf(out + o, 5, "\\x%02x", *p);
        o += need;
        p += plain ? len : 1;
    }
    out[o] = '\0';
    memcpy(msg, out, o + 1);
}

int itav__error(itav_db *db, int code, const char *fmt, ...)
{
    if (db) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
        va_end(ap);
        make_printable(db->errmsg, sizeof db->errmsg);
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

/* The first required function a backend lacks, or NULL. */
static const char *missing_function(const itav_backend *be)
{
    return !be->begin ? "begin" : !be->commit ? "commit" : !be->rollback ? "rollback"
         : !be->put ? "put" : !be->get ? "get" : !be->del ? "del" : !be->scan ? "scan"
         : !be->free ? "free" : NULL;
}

static int check_backend(const itav_backend *be)
{
    if (!be)
        return ITAV_EINVAL;
    if (be->version == 0 || be->version > ITAV_BACKEND_VERSION)
        return ITAV_EVERSION;
    if (missing_function(be))
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
        itav__error(db, rc, "backend struct version %u is not supported (struct itav_backend: "
                    "this library knows versions 1 to %d)", backend->version,
                    ITAV_BACKEND_VERSION);
    else if (rc != ITAV_OK && backend)
        itav__error(db, rc, "backend lacks a required function: %s",
                    missing_function(backend));
    else if (rc != ITAV_OK)
        itav__error(db, rc, "no backend given");
    else
        db->be = backend;
    *out = db;
    return rc;
}

ITAV_API int itav_open(itav_db **out, const char *uri)
{
    char err[512] = "", shown[ITAV__URI_SHOWN + 4];
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
    itav__uri_shown(shown, sizeof shown, uri);
    if (strcmp(uri, "memory:") == 0) {
        rc = itav__memory_backend_new(&db->be);
        if (rc != ITAV_OK)
            return itav__error(db, rc, "cannot create a memory store: %s", itav_strerror(rc));
    } else if (strncmp(uri, "sqlite:", 7) == 0) {
        if (!uri[7])
            return itav__error(db, ITAV_EINVAL, "store URI \"%s\": no file path after sqlite:",
                               shown);
        rc = itav__sqlite_backend_open(&db->be, uri + 7, err, sizeof err);
        if (rc != ITAV_OK)
            return itav__error(db, rc, "cannot open store \"%s\": %s", shown, err);
    } else {
        return itav__error(db, ITAV_EINVAL, "store URI \"%s\": unknown scheme (expected memory: "
                           "or sqlite:PATH)", shown);
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

/* Backends take UTF-8 keys and index values (itav/backend.h), and every stored one is an id
 * or reference checked when it was written: a lookup by bytes that are not UTF-8 finds
 * nothing without asking the backend. */
static bool storable(const char *s) { return itav__valid_utf8(s); }

int itav__get_record(char **out, itav_db *db, const char *kind, const char *key)
{
    copy_state st = {NULL};
    int rc = usable(db);
    if (rc != ITAV_OK)
        return rc;
    if (!storable(key))
        return ITAV_ENOTFOUND; /* the caller says what was not found */
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
    if (!storable(key))
        return ITAV_OK;
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
    if (!storable(key))
        return ITAV_ENOTFOUND;
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
    if (slot != ITAV_SCAN_ALL && !storable(value))
        return ITAV_OK; /* no record has that index value */
    rc = db->be->scan(db->be, kind, slot, value, fn, arg);
    return rc >= 0 ? rc : itav__backend_error(db, rc, "cannot read the store");
}
