/* The context: opening stores by URI or backend, errors, transactions and records. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Messages quote what callers passed in, which may be any bytes: keep them printable UTF-8
 * by writing control characters (but line breaks) and bytes that are not UTF-8 as \xNN. The
 * length of the character at p as written (its bytes, or 4), and its bytes in *len. */
static size_t shown_len(const unsigned char *p, size_t *len)
{
    *len = itav__utf8_char(p);
    if (*len > 1 || (*len == 1 && ((*p >= 0x20 && *p != 0x7F) || *p == '\n')))
        return *len;
    *len = 1;
    return 4;
}

static size_t put_shown(char *out, const unsigned char *from, const unsigned char *to)
{
    size_t o = 0, len;
    for (const unsigned char *p = from; p < to; p += len) {
        if (shown_len(p, &len) == 4)
            snprintf(out + o, 5, "\\x%02x", *p);
        else
            memcpy(out + o, p, len);
        o += shown_len(p, &len);
    }
    return o;
}

/* Writes msg into out (size bytes) as above. A message too long for it loses its middle, not
 * its end: the place comes first and the verdict ("nothing was imported") last. */
static void make_printable(char *out, size_t size, const char *msg)
{
    const unsigned char *p = (const unsigned char *)msg, *end = p + strlen(msg), *head, *tail;
    size_t total = 0, len, room = size - 1, dots = 3;
    for (const unsigned char *q = p; q < end; q += len)
        total += shown_len(q, &len);
    if (total <= room) {
        out[put_shown(out, p, end)] = '\0';
        return;
    }
    size_t keep_head = (room - dots) / 2, keep_tail = room - dots - keep_head, cum = 0, n;
    for (head = p; head < end && cum + (n = shown_len(head, &len)) <= keep_head; head += len)
        cum += n;
    for (tail = head; tail < end && total - cum > keep_tail; tail += len)
        cum += shown_len(tail, &len);
    size_t o = put_shown(out, p, head);
    memcpy(out + o, "...", dots);
    o += dots;
    o += put_shown(out + o, tail, end);
    out[o] = '\0';
}

int itav__error(itav_db *db, int code, const char *fmt, ...)
{
    if (db) {
        char raw[4096], *text = raw;
        va_list ap, again;
        va_start(ap, fmt);
        va_copy(again, ap);
        /* the translation has the same conversions as fmt (lib/po/po2c.py checks) */
        int n = vsnprintf(raw, sizeof raw, itav__tr(db, fmt), ap);
        if (n >= (int)sizeof raw && (text = itav__malloc((size_t)n + 1)) != NULL)
            vsnprintf(text, (size_t)n + 1, itav__tr(db, fmt), again);
        va_end(again);
        va_end(ap);
        make_printable(db->errmsg, sizeof db->errmsg, text ? text : raw);
        if (text != raw)
            itav__free(text);
        db->errcode = code;
    }
    return code;
}

int itav__backend_error(itav_db *db, int code, const char *what)
{
    const char *why = db->be->errmsg ? db->be->errmsg(db->be) : NULL;
    what = itav__tr(db, what);
    if (why && *why)
        return itav__error(db, code, "%s: %s", what, why);
    return itav__error(db, code, "%s: %s", what, itav__strerror(db, code));
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

/* The kinds whose records the format describes (sequences and the meta record are text);
 * the store sees kinds only as names, so they are spelled here. */
static const char *const record_kinds[] = {"intervention", "offer", "participant", "match",
                                           "review", "indicator", NULL};

/* A short text record (the format record) into buf, NUL-terminated. */
typedef struct text_state {
    char buf[32];
} text_state;

static int take_text(void *arg, const char *key, const void *data, size_t size)
{
    (void)key;
    text_state *st = arg;
    size = size < sizeof st->buf ? size : sizeof st->buf - 1;
    memcpy(st->buf, data, size);
    st->buf[size] = '\0';
    return ITAV_OK;
}

static int stop_at_first(void *arg, const char *key, const void *data, size_t size)
{
    (void)key, (void)data, (void)size;
    *(bool *)arg = true;
    return 1;
}

/* The store's record format: its format record, else 1 when it has records (written before
 * formats were recorded), else 0 (a new store). */
static int records_format(long *format, itav_db *db)
{
    text_state st = {{0}};
    int rc = db->be->get(db->be, ITAV__KIND_META, ITAV__META_FORMAT, take_text, &st);
    if (rc == ITAV_OK) {
        char *end;
        *format = strtol(st.buf, &end, 10);
        if (end == st.buf || *end || *format < 2)
            return itav__error(db, ITAV_EFORMAT, "the store's format record is damaged "
                               "(\"%s\")", st.buf);
        return ITAV_OK;
    }
    if (rc != ITAV_ENOTFOUND)
        return itav__backend_error(db, rc, "cannot read the store");
    bool any = false;
    for (size_t k = 0; record_kinds[k] && !any; k++) {
        rc = db->be->scan(db->be, record_kinds[k], ITAV_SCAN_ALL, NULL, stop_at_first,
                          &any);
        if (rc != ITAV_OK && rc != 1)
            return itav__backend_error(db, rc, "cannot read the store");
    }
    *format = any ? 1 : 0;
    return ITAV_OK;
}

static int put_format(itav_db *db)
{
    char buf[16];
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    snprintf(buf, sizeof buf, "%d", ITAV__RECORDS_FORMAT);
    return itav__put_record(db, ITAV__KIND_META, ITAV__META_FORMAT, index, buf, strlen(buf));
}

static int check_format(itav_db *db);

/* Takes the backend of a store just opened and checks its format; on failure the context
 * is left without it (the caller still owns it). */
static int opened(itav_db *db, itav_backend *be)
{
    db->be = be;
    int rc = check_format(db);
    if (rc != ITAV_OK)
        db->be = NULL;
    return rc;
}

/* Brings a store opened on db->be to the current record format, or refuses a newer one;
 * the store is unchanged on failure. */
/* What a store of this format needs: ITAV_OK when nothing (current, or new: then marked
 * for its first transaction), 1 when an upgrade, else the refusal of a newer format. */
static int format_needs(itav_db *db, long format)
{
    if (format > ITAV__RECORDS_FORMAT)
        return itav__error(db, ITAV_EVERSION, "the store's records are in format %ld; this "
                           "library reads formats 1 to %d (a newer libitav wrote them)",
                           format, ITAV__RECORDS_FORMAT);
    db->mark_format = format == 0;
    return format > 0 && format < ITAV__RECORDS_FORMAT ? 1 : ITAV_OK;
}

static int check_format(itav_db *db)
{
    long format;
    int rc = records_format(&format, db);
    if (rc != ITAV_OK || (rc = format_needs(db, format)) != 1)
        return rc;
    /* Another connection may have changed it since: decide again inside the transaction. */
    if ((rc = db->be->begin(db->be)) != ITAV_OK)
        return itav__backend_error(db, rc, "cannot start a transaction to upgrade the store");
    if ((rc = records_format(&format, db)) == ITAV_OK && (rc = format_needs(db, format)) == 1 &&
        (rc = itav__records_upgrade(db, format)) == ITAV_OK)
        rc = put_format(db);
    if (rc == ITAV_OK && (rc = db->be->commit(db->be)) != ITAV_OK)
        itav__backend_error(db, rc, "cannot commit the upgrade of the store");
    if (rc != ITAV_OK)
        db->be->rollback(db->be);
    return rc;
}

/* Checks a host's backend and opens the store on it, saying in db why not. */
static int open_on(itav_db *db, itav_backend *backend)
{
    int rc = check_backend(backend);
    if (rc == ITAV_EVERSION)
        return itav__error(db, rc, "backend struct version %u is not supported (struct "
                           "itav_backend: this library knows versions 1 to %d)",
                           backend->version, ITAV_BACKEND_VERSION);
    if (rc != ITAV_OK && backend)
        return itav__error(db, rc, "backend lacks a required function: %s",
                           missing_function(backend));
    if (rc != ITAV_OK)
        return itav__error(db, rc, "no backend given");
    if ((rc = opened(db, backend)) == ITAV_OK)
        db->errmsg[0] = '\0';
    return rc;
}

ITAV_API int itav_open_backend(itav_db **out, itav_backend *backend)
{
    return itav_open_backend_lang(out, backend, ITAV_LANG_EN);
}

ITAV_API int itav_open_backend_lang(itav_db **out, itav_backend *backend, itav_lang lang)
{
    if (!out)
        return ITAV_EINVAL;
    *out = NULL;
    itav_db *db = db_new();
    if (!db)
        return ITAV_ENOMEM;
    *out = db;
    int rc = itav_set_lang(db, lang); /* first: what the open says follows it */
    return rc == ITAV_OK ? open_on(db, backend) : rc;
}

ITAV_API int itav_open(itav_db **out, const char *uri)
{
    return itav_open_lang(out, uri, ITAV_LANG_EN);
}

ITAV_API int itav_open_lang(itav_db **out, const char *uri, itav_lang lang)
{
    char err[512] = "", shown[ITAV__URI_SHOWN + 4];
    if (!out)
        return ITAV_EINVAL;
    *out = NULL;
    itav_db *db = db_new();
    if (!db)
        return ITAV_ENOMEM;
    *out = db;
    int rc = itav_set_lang(db, lang); /* first: what the open says follows it */
    if (rc != ITAV_OK)
        return rc;
    if (!uri)
        return itav__error(db, ITAV_EINVAL, "no store URI given");
    itav_backend *be;
    itav__uri_shown(shown, sizeof shown, uri);
    if (strcmp(uri, "memory:") == 0) {
        rc = itav__memory_backend_new(&be);
        if (rc != ITAV_OK)
            return itav__error(db, rc, "cannot create a memory store: %s", itav__strerror(db, rc));
    } else if (strncmp(uri, "sqlite:", 7) == 0) {
        if (!uri[7])
            return itav__error(db, ITAV_EINVAL, "store URI \"%s\": no file path after sqlite:",
                               shown);
        rc = itav__sqlite_backend_open(&be, uri + 7, err, sizeof err);
        if (rc != ITAV_OK)
            return itav__error(db, rc, "cannot open store \"%s\": %s", shown, err);
    } else if (strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0) {
#ifdef ITAV_POSTGRES
        rc = itav__postgres_backend_open(&be, uri, err, sizeof err);
        if (rc != ITAV_OK)
            return itav__error(db, rc, "cannot open store \"%s\": %s", shown, err);
#else
        return itav__error(db, ITAV_EINVAL, "store URI \"%s\": this libitav was built without "
                           "PostgreSQL (build it with libpq installed, meson -Dpostgres=enabled)",
                           shown);
#endif
    } else {
        return itav__error(db, ITAV_EINVAL, "store URI \"%s\": unknown scheme (expected memory:, "
                           "sqlite:PATH or postgresql://...)", shown);
    }
    if ((rc = opened(db, be)) != ITAV_OK) {
        be->free(be);
        return rc;
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
    itav__problems_clear(&db->problems);
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
    if (db->reading)
        return itav__error(db, ITAV_ESTATE, "a write inside a read transaction");
    rc = db->be->begin(db->be);
    if (rc != ITAV_OK)
        return itav__backend_error(db, rc, "cannot start a transaction");
    db->writing = true;
    /* a new store says its format with its first records */
    if (db->mark_format &&
        ((rc = put_format(db)) != ITAV_OK || (rc = itav__secret_make(db)) != ITAV_OK))
        itav__rollback(db);
    return rc;
}

int itav__commit(itav_db *db)
{
    int rc = db->be->commit(db->be);
    db->writing = false; /* a failed commit is rolled back below */
    if (rc == ITAV_OK) {
        db->mark_format = false;
        return rc;
    }
    itav__backend_error(db, rc, "cannot commit");
    db->be->rollback(db->be);
    return rc;
}

void itav__rollback(itav_db *db)
{
    db->be->rollback(db->be);
    db->writing = false;
}

static bool has_read_transactions(const itav_backend *be)
{
    return be->version >= 3 && be->begin_read && be->end_read;
}

int itav__read_begin(itav_db *db)
{
    int rc = usable(db);
    if (rc != ITAV_OK)
        return rc;
    if (db->reading == 0 && !db->writing && has_read_transactions(db->be)) {
        if ((rc = db->be->begin_read(db->be)) != ITAV_OK)
            return itav__backend_error(db, rc, "cannot start a read transaction");
        db->snapshot = true;
    }
    db->reading++;
    return ITAV_OK;
}

void itav__read_end(itav_db *db)
{
    if (--db->reading == 0 && db->snapshot) {
        db->snapshot = false;
        db->be->end_read(db->be); /* like rollback, it does not fail for lack of memory */
    }
}

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
    size_t size;
} copy_state;

static int copy_record(void *arg, const char *key, const void *data, size_t size)
{
    (void)key;
    copy_state *st = arg;
    if (!(st->data = itav__malloc(size + 1)))
        return ITAV_ENOMEM;
    memcpy(st->data, data, size);
    st->data[size] = '\0';
    st->size = size;
    return ITAV_OK;
}

/* Backends take UTF-8 keys and index values (itav/backend.h), and every stored one is an id
 * or reference checked when it was written: a lookup by bytes that are not UTF-8 finds
 * nothing without asking the backend. */
static bool storable(const char *s) { return itav__valid_utf8(s); }

int itav__get_record(char **out, size_t *size, itav_db *db, const char *kind, const char *key)
{
    copy_state st = {NULL, 0};
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
    *size = st.size;
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
                     const void *data, size_t size)
{
    int rc = db->be->put(db->be, kind, key, index, data, size);
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

/* ---- typed scans ---- */

static bool has_ranges(const itav_backend *be) { return be->version >= 3 && be->scan_range; }

bool itav__has_places(const itav_db *db)
{
    return db->be->version >= 3 && db->be->put_place && db->be->scan_box;
}

int itav__scan_range(itav_db *db, const char *kind, int slot, const char *low,
                     const char *high, itav_record_fn fn, void *arg)
{
    int rc = usable(db);
    if (rc != ITAV_OK)
        return rc;
    if (!has_ranges(db->be) || (low && !storable(low)) || (high && !storable(high)))
        return itav__scan(db, kind, ITAV_SCAN_ALL, NULL, fn, arg);
    rc = db->be->scan_range(db->be, kind, slot, low, high, fn, arg);
    return rc >= 0 ? rc : itav__backend_error(db, rc, "cannot read the store");
}

int itav__scan_box(itav_db *db, const char *kind, const itav_box *box, itav_record_fn fn,
                   void *arg)
{
    int rc = usable(db);
    if (rc != ITAV_OK)
        return rc;
    if (!itav__has_places(db))
        return itav__scan(db, kind, ITAV_SCAN_ALL, NULL, fn, arg);
    if (box->west > box->east) { /* across the antimeridian: the two sides of it */
        itav_box east = {box->south, box->west, box->north, 180};
        itav_box west = {box->south, -180, box->north, box->east};
        rc = db->be->scan_box(db->be, kind, &east, fn, arg);
        if (rc == ITAV_OK)
            rc = db->be->scan_box(db->be, kind, &west, fn, arg);
    } else {
        rc = db->be->scan_box(db->be, kind, box, fn, arg);
    }
    return rc >= 0 ? rc : itav__backend_error(db, rc, "cannot read the store");
}

int itav__put_place(itav_db *db, const char *kind, const char *key, const itav_place *place)
{
    if (!itav__has_places(db))
        return ITAV_OK;
    int rc = db->be->put_place(db->be, kind, key, place);
    return rc == ITAV_OK ? rc : itav__backend_error(db, rc, "cannot write the store");
}
