/* The memory backend: records in one array sorted by (kind, key), and an undo log that
 * makes transactions all or nothing. Written only against include/itav/backend.h. */
#include "../internal.h"

#include <string.h>

typedef struct record {
    char *kind, *key;
    char *index[ITAV_BACKEND_INDEXES];
    void *data;
    size_t size;
} record;

/* One undo step: the record as it was before a put or delete (had == false: absent). */
typedef struct undo {
    char *kind, *key;
    bool had;
    record old;
} undo;

typedef struct memory_backend {
    itav_backend parent;
    record *recs;
    size_t n, cap;
    undo *log;
    size_t nlog, caplog;
    bool in_txn;
} memory_backend;

static void record_clear(record *r)
{
    itav__free(r->kind);
    itav__free(r->key);
    for (int i = 0; i < ITAV_BACKEND_INDEXES; i++)
        itav__free(r->index[i]);
    itav__free(r->data);
    memset(r, 0, sizeof *r);
}

static int record_make(record *r, const char *kind, const char *key, const char *const *index,
                       const void *data, size_t size)
{
    memset(r, 0, sizeof *r);
    if (!(r->kind = itav__strdup(kind)) || !(r->key = itav__strdup(key)))
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

static int cmp(const char *kind, const char *key, const record *r)
{
    int c = strcmp(kind, r->kind);
    return c ? c : strcmp(key, r->key);
}

/* Position of (kind, key), or where it would be inserted. */
static size_t find(const memory_backend *m, const char *kind, const char *key, bool *hit)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(kind, key, &m->recs[mid]);
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

/* Takes the record at pos out of the array (or nothing if !hit) into the undo log. */
static int log_undo(memory_backend *m, const char *kind, const char *key, size_t pos, bool hit)
{
    if (grow((void **)&m->log, &m->caplog, m->nlog + 1, sizeof *m->log))
        return ITAV_ENOMEM;
    undo *u = &m->log[m->nlog];
    memset(u, 0, sizeof *u);
    if (!(u->kind = itav__strdup(kind)) || !(u->key = itav__strdup(key))) {
        itav__free(u->kind);
        return ITAV_ENOMEM;
    }
    u->had = hit;
    if (hit)
        u->old = m->recs[pos]; /* ownership moves to the log */
    m->nlog++;
    return ITAV_OK;
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
        itav__free(m->log[i].kind);
        itav__free(m->log[i].key);
        if (m->log[i].had)
            record_clear(&m->log[i].old);
    }
    m->nlog = 0;
}

static int mem_commit(itav_backend *be)
{
    memory_backend *m = (memory_backend *)be;
    drop_log(m);
    m->in_txn = false;
    return ITAV_OK;
}

static int mem_rollback(itav_backend *be)
{
    memory_backend *m = (memory_backend *)be;
    /* Undo in reverse order. Every step only frees or moves memory, so it cannot fail: the
     * array has room because it held the record before. */
    while (m->nlog > 0) {
        undo *u = &m->log[--m->nlog];
        bool hit;
        size_t pos = find(m, u->kind, u->key, &hit);
        if (hit) {
            record_clear(&m->recs[pos]);
            if (u->had) {
                m->recs[pos] = u->old;
            } else {
                memmove(m->recs + pos, m->recs + pos + 1, (m->n - pos - 1) * sizeof *m->recs);
                m->n--;
            }
        } else if (u->had) {
            memmove(m->recs + pos + 1, m->recs + pos, (m->n - pos) * sizeof *m->recs);
            m->recs[pos] = u->old;
            m->n++;
        }
        itav__free(u->kind);
        itav__free(u->key);
    }
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
    size_t pos = find(m, kind, key, &hit);
    if (grow((void **)&m->recs, &m->cap, m->n + 1, sizeof *m->recs) ||
        record_make(&r, kind, key, index, data, size))
        return ITAV_ENOMEM;
    if (log_undo(m, kind, key, pos, hit)) {
        record_clear(&r);
        return ITAV_ENOMEM;
    }
    if (!hit) {
        memmove(m->recs + pos + 1, m->recs + pos, (m->n - pos) * sizeof *m->recs);
        m->n++;
    }
    m->recs[pos] = r;
    return ITAV_OK;
}

static int mem_get(itav_backend *be, const char *kind, const char *key, itav_record_fn found,
                   void *arg)
{
    memory_backend *m = (memory_backend *)be;
    bool hit;
    size_t pos = find(m, kind, key, &hit);
    if (!hit)
        return ITAV_ENOTFOUND;
    return found(arg, m->recs[pos].key, m->recs[pos].data, m->recs[pos].size);
}

static int mem_del(itav_backend *be, const char *kind, const char *key)
{
    memory_backend *m = (memory_backend *)be;
    bool hit;
    if (!m->in_txn)
        return ITAV_ESTATE;
    size_t pos = find(m, kind, key, &hit);
    if (!hit)
        return ITAV_ENOTFOUND;
    if (log_undo(m, kind, key, pos, true))
        return ITAV_ENOMEM;
    memmove(m->recs + pos, m->recs + pos + 1, (m->n - pos - 1) * sizeof *m->recs);
    m->n--;
    return ITAV_OK;
}

static int mem_scan(itav_backend *be, const char *kind, int slot, const char *value,
                    itav_record_fn each, void *arg)
{
    memory_backend *m = (memory_backend *)be;
    bool hit;
    if (slot != ITAV_SCAN_ALL && (slot < 0 || slot >= ITAV_BACKEND_INDEXES || !value))
        return ITAV_EINVAL;
    for (size_t i = find(m, kind, "", &hit); i < m->n && strcmp(m->recs[i].kind, kind) == 0;
         i++) {
        const record *r = &m->recs[i];
        if (slot != ITAV_SCAN_ALL && (!r->index[slot] || strcmp(r->index[slot], value) != 0))
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
    for (size_t i = 0; i < m->n; i++)
        record_clear(&m->recs[i]);
    itav__free(m->recs);
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
    *out = &m->parent;
    return ITAV_OK;
}
