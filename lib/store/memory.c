/* The memory backend: one array of records per kind, sorted by key, and an undo log that
 * makes transactions all or nothing. Written only against include/itav/backend.h.
 *
 * Range and box scans test every record of the kind: in memory that costs little beside
 * decoding, which the core then does only for the records selected.
 *
 * One array per kind rather than one for all: with a single array sorted by (kind, key),
 * every match written after the participants moved all the participants along (memmove was
 * 22% of a 100 MB JSON import, docs/performance.md). */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct record {
    char *key;
    char *index[ITAV_BACKEND_INDEXES];
    void *data;
    size_t size;
    bool placed; /* put_place gave it a place */
    itav_place place;
} record;

/* One undo step: the record as it was before a put or delete (had == false: absent), or,
 * for a put_place (place_only), only its place as it was. */
typedef struct undo {
    size_t shelf; /* index into shelves, which stay put while a transaction is open */
    char *key;
    bool had;
    record old;
    bool place_only;
} undo;

/* The records of one kind. A shelf stays while it holds records or a transaction is open. */
typedef struct shelf {
    char *kind;
    record *recs;
    size_t n, cap;
} shelf;

typedef struct memory_backend {
    itav_backend parent;
    shelf *shelves; /* a handful, one per kind of record */
    size_t nshelves, capshelves;
    undo *log;
    size_t nlog, caplog;
    bool in_txn;
} memory_backend;

static void record_clear(record *r)
{
    itav__free(r->key);
    for (int i = 0; i < ITAV_BACKEND_INDEXES; i++)
        itav__free(r->index[i]);
    itav__free(r->data);
    memset(r, 0, sizeof *r);
}

static int record_make(record *r, const char *key, const char *const *index, const void *data,
                       size_t size)
{
    memset(r, 0, sizeof *r);
    if (!(r->key = itav__strdup(key)))
        goto nomem;
    for (int i = 0; index && i < ITAV_BACKEND_INDEXES; i++)
        if (index[i] && !(r->index[i] = itav__strdup(index[i])))
            goto nomem;
    if (!(r->data = itav__malloc(size)))
        goto nomem;
    memcpy(r->data, data, size);
    r->size = size;
    return ITAV_OK;
nomem:
    record_clear(r);
    return ITAV_ENOMEM;
}

/* The shelf of a kind, or NULL when it has none (no records of that kind). */
static shelf *shelf_of(const memory_backend *m, const char *kind)
{
    for (size_t i = 0; i < m->nshelves; i++)
        if (strcmp(m->shelves[i].kind, kind) == 0)
            return &m->shelves[i];
    return NULL;
}

/* Position of key on the shelf, or where it would be inserted. */
static size_t find(const shelf *s, const char *key, bool *hit)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, s->recs[mid].key);
        if (c == 0) {
            *hit = true;
            return mid;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    *hit = false;
    return lo;
}

static int grow(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return ITAV_OK;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *p = itav__realloc(*v, c * elem);
    if (!p)
        return ITAV_ENOMEM;
    *v = p;
    *cap = c;
    return ITAV_OK;
}

/* The shelf of a kind, made empty if there is none yet. An empty shelf left behind by a
 * put that then fails changes nothing a caller can see; the rollback frees it. */
static shelf *shelf_for(memory_backend *m, const char *kind)
{
    shelf *s = shelf_of(m, kind);
    if (s)
        return s;
    if (grow((void **)&m->shelves, &m->capshelves, m->nshelves + 1, sizeof *m->shelves))
        return NULL;
    s = &m->shelves[m->nshelves];
    memset(s, 0, sizeof *s);
    if (!(s->kind = itav__strdup(kind)))
        return NULL;
    m->nshelves++;
    return s;
}

/* A new, empty step at the end of the undo log for the record key of shelf s (not yet
 * counted: the caller fills it and then counts it), or NULL for lack of memory. */
static undo *undo_step(memory_backend *m, shelf *s, const char *key)
{
    if (grow((void **)&m->log, &m->caplog, m->nlog + 1, sizeof *m->log))
        return NULL;
    undo *u = &m->log[m->nlog];
    memset(u, 0, sizeof *u);
    if (!(u->key = itav__strdup(key)))
        return NULL;
    u->shelf = (size_t)(s - m->shelves);
    return u;
}

/* Takes the record at pos off the shelf (or nothing if !hit) into the undo log. */
static int log_undo(memory_backend *m, shelf *s, const char *key, size_t pos, bool hit)
{
    undo *u = undo_step(m, s, key);
    if (!u)
        return ITAV_ENOMEM;
    u->had = hit;
    if (hit)
        u->old = s->recs[pos]; /* ownership moves to the log */
    m->nlog++;
    return ITAV_OK;
}

/* The shelf and position of an existing record, for a change inside a transaction. */
static int locate_for_write(memory_backend *m, const char *kind, const char *key, shelf **s,
                            size_t *pos)
{
    bool hit = false;
    if (!m->in_txn)
        return ITAV_ESTATE;
    *s = shelf_of(m, kind);
    *pos = *s ? find(*s, key, &hit) : 0;
    return hit ? ITAV_OK : ITAV_ENOTFOUND;
}

static int mem_begin(itav_backend *be)
{
    memory_backend *m = (memory_backend *)be;
    if (m->in_txn)
        return ITAV_ESTATE;
    m->in_txn = true;
    return ITAV_OK;
}

static void drop_log(memory_backend *m)
{
    for (size_t i = 0; i < m->nlog; i++) {
        itav__free(m->log[i].key);
        if (m->log[i].had && !m->log[i].place_only)
            record_clear(&m->log[i].old);
    }
    m->nlog = 0;
}

/* Frees the shelves that hold nothing. Commit and rollback both do, so that outside a
 * transaction no shelf is empty and a rolled-back one leaves no memory behind. Only called
 * with an empty undo log, which is what refers to shelves by index. */
static void prune_empty_shelves(memory_backend *m)
{
    size_t kept = 0;
    for (size_t i = 0; i < m->nshelves; i++) {
        if (m->shelves[i].n == 0) {
            itav__free(m->shelves[i].recs);
            itav__free(m->shelves[i].kind);
        } else {
            m->shelves[kept++] = m->shelves[i];
        }
    }
    m->nshelves = kept;
    if (kept == 0) {
        itav__free(m->shelves);
        m->shelves = NULL;
        m->capshelves = 0;
    }
}

static int mem_commit(itav_backend *be)
{
    memory_backend *m = (memory_backend *)be;
    drop_log(m);
    prune_empty_shelves(m);
    m->in_txn = false;
    return ITAV_OK;
}

static int mem_rollback(itav_backend *be)
{
    memory_backend *m = (memory_backend *)be;
    /* Undo in reverse order. Every step only frees or moves memory, so it cannot fail: the
     * shelf exists and has room because it held the record before. */
    while (m->nlog > 0) {
        undo *u = &m->log[--m->nlog];
        shelf *s = &m->shelves[u->shelf];
        bool hit;
        size_t pos = find(s, u->key, &hit);
        if (u->place_only) { /* the record is there: its put came before */
            s->recs[pos].placed = u->old.placed;
            s->recs[pos].place = u->old.place;
        } else if (hit) {
            record_clear(&s->recs[pos]);
            if (u->had) {
                s->recs[pos] = u->old;
            } else {
                memmove(s->recs + pos, s->recs + pos + 1, (s->n - pos - 1) * sizeof *s->recs);
                s->n--;
            }
        } else if (u->had) {
            memmove(s->recs + pos + 1, s->recs + pos, (s->n - pos) * sizeof *s->recs);
            s->recs[pos] = u->old;
            s->n++;
        }
        itav__free(u->key);
    }
    prune_empty_shelves(m);
    m->in_txn = false;
    return ITAV_OK;
}

static int mem_put(itav_backend *be, const char *kind, const char *key,
                   const char *const *index, const void *data, size_t size)
{
    memory_backend *m = (memory_backend *)be;
    record r;
    bool hit;
    if (!m->in_txn)
        return ITAV_ESTATE;
    shelf *s = shelf_for(m, kind);
    if (!s)
        return ITAV_ENOMEM;
    size_t pos = find(s, key, &hit);
    if (grow((void **)&s->recs, &s->cap, s->n + 1, sizeof *s->recs) ||
        record_make(&r, key, index, data, size))
        return ITAV_ENOMEM;
    if (log_undo(m, s, key, pos, hit)) {
        record_clear(&r);
        return ITAV_ENOMEM;
    }
    if (!hit) {
        memmove(s->recs + pos + 1, s->recs + pos, (s->n - pos) * sizeof *s->recs);
        s->n++;
    } else { /* a put keeps the record's place (the old record is in the undo log now) */
        r.placed = m->log[m->nlog - 1].old.placed;
        r.place = m->log[m->nlog - 1].old.place;
    }
    s->recs[pos] = r;
    return ITAV_OK;
}

static int mem_put_place(itav_backend *be, const char *kind, const char *key,
                         const itav_place *place)
{
    memory_backend *m = (memory_backend *)be;
    shelf *s;
    size_t pos;
    int rc = locate_for_write(m, kind, key, &s, &pos);
    if (rc != ITAV_OK)
        return rc;
    undo *u = undo_step(m, s, key);
    if (!u)
        return ITAV_ENOMEM;
    u->place_only = true;
    u->old.placed = s->recs[pos].placed;
    u->old.place = s->recs[pos].place;
    m->nlog++;
    s->recs[pos].placed = place != NULL;
    s->recs[pos].place = place ? *place : (itav_place){0, 0};
    return ITAV_OK;
}

static int mem_get(itav_backend *be, const char *kind, const char *key, itav_record_fn found,
                   void *arg)
{
    memory_backend *m = (memory_backend *)be;
    const shelf *s = shelf_of(m, kind);
    bool hit = false;
    size_t pos = s ? find(s, key, &hit) : 0;
    if (!hit)
        return ITAV_ENOTFOUND;
    return found(arg, s->recs[pos].key, s->recs[pos].data, s->recs[pos].size);
}

static int mem_del(itav_backend *be, const char *kind, const char *key)
{
    memory_backend *m = (memory_backend *)be;
    shelf *s;
    size_t pos;
    int rc = locate_for_write(m, kind, key, &s, &pos);
    if (rc != ITAV_OK)
        return rc;
    if (log_undo(m, s, key, pos, true))
        return ITAV_ENOMEM;
    memmove(s->recs + pos, s->recs + pos + 1, (s->n - pos - 1) * sizeof *s->recs);
    s->n--;
    return ITAV_OK;
}

static int mem_scan(itav_backend *be, const char *kind, int slot, const char *value,
                    itav_record_fn each, void *arg)
{
    memory_backend *m = (memory_backend *)be;
    if (slot != ITAV_SCAN_ALL && (slot < 0 || slot >= ITAV_BACKEND_INDEXES || !value))
        return ITAV_EINVAL;
    const shelf *s = shelf_of(m, kind);
    for (size_t i = 0; s && i < s->n; i++) {
        const record *r = &s->recs[i];
        if (slot != ITAV_SCAN_ALL && (!r->index[slot] || strcmp(r->index[slot], value) != 0))
            continue;
        int rc = each(arg, r->key, r->data, r->size);
        if (rc)
            return rc;
    }
    return ITAV_OK;
}

/* The records a range selects, to be sorted by value and key. */
typedef struct ranked {
    const char *value;
    const record *r;
} ranked;

static int by_value_then_key(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    int c = strcmp(a->value, b->value);
    return c ? c : strcmp(a->r->key, b->r->key);
}

static int mem_scan_range(itav_backend *be, const char *kind, int slot, const char *low,
                          const char *high, itav_record_fn each, void *arg)
{
    memory_backend *m = (memory_backend *)be;
    if (slot < 0 || slot >= ITAV_BACKEND_INDEXES)
        return ITAV_EINVAL;
    const shelf *s = shelf_of(m, kind);
    ranked *v = NULL;
    size_t n = 0;
    for (size_t i = 0; s && i < s->n; i++) {
        const char *value = s->recs[i].index[slot];
        if (!value || (low && strcmp(value, low) < 0) || (high && strcmp(value, high) > 0))
            continue;
        if (!v && !(v = itav__malloc(s->n * sizeof *v)))
            return ITAV_ENOMEM;
        v[n++] = (ranked){value, &s->recs[i]};
    }
    if (n > 1)
        qsort(v, n, sizeof *v, by_value_then_key);
    int rc = ITAV_OK;
    for (size_t i = 0; i < n && !rc; i++)
        rc = each(arg, v[i].r->key, v[i].r->data, v[i].r->size);
    itav__free(v);
    return rc;
}

static int mem_scan_box(itav_backend *be, const char *kind, const itav_box *box,
                        itav_record_fn each, void *arg)
{
    memory_backend *m = (memory_backend *)be;
    const shelf *s = shelf_of(m, kind);
    for (size_t i = 0; s && i < s->n; i++) {
        const record *r = &s->recs[i];
        if (!r->placed || r->place.lat < box->south || r->place.lat > box->north ||
            r->place.lon < box->west || r->place.lon > box->east)
            continue;
        int rc = each(arg, r->key, r->data, r->size);
        if (rc)
            return rc;
    }
    return ITAV_OK;
}

static void mem_free(itav_backend *be)
{
    memory_backend *m = (memory_backend *)be;
    if (m->in_txn)
        mem_rollback(be);
    drop_log(m);
    for (size_t k = 0; k < m->nshelves; k++) {
        shelf *s = &m->shelves[k];
        for (size_t i = 0; i < s->n; i++)
            record_clear(&s->recs[i]);
        itav__free(s->recs);
        itav__free(s->kind);
    }
    itav__free(m->shelves);
    itav__free(m->log);
    itav__free(m);
}

int itav__memory_backend_new(itav_backend **out)
{
    memory_backend *m = itav__calloc(1, sizeof *m);
    if (!m)
        return ITAV_ENOMEM;
    m->parent = (itav_backend)ITAV_BACKEND_INIT;
    m->parent.begin = mem_begin;
    m->parent.commit = mem_commit;
    m->parent.rollback = mem_rollback;
    m->parent.put = mem_put;
    m->parent.get = mem_get;
    m->parent.del = mem_del;
    m->parent.scan = mem_scan;
    m->parent.free = mem_free;
    m->parent.scan_range = mem_scan_range;
    m->parent.put_place = mem_put_place;
    m->parent.scan_box = mem_scan_box;
    *out = &m->parent;
    return ITAV_OK;
}
