/* The built-in backends against the storage contract (include/itav/backend.h), checked
 * against a plain model: random puts, deletes, gets and scans over several kinds, in
 * transactions that are committed or rolled back. After every step and every transaction
 * each kind is scanned whole and by every index slot and compared with the model: the same
 * records, in ascending byte order of key, with the same data (which may hold NUL bytes).
 * Kinds are emptied and filled again on purpose, since the memory backend keeps one array per
 * kind and frees it when it empties. Links the static library to reach the constructors. */
#include "internal.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KINDS 5
#define KEYS 40   /* keys per kind: few, so that puts replace and deletes hit */
#define VALUES 3  /* index values per slot: few, so that scans by slot select several */

static const char *const kinds[KINDS] = {"a", "match", "offer", "participant", "zz"};

/* The model: for each kind and key, absent or a record. */
typedef struct model_rec {
    bool present;
    char index[ITAV_BACKEND_INDEXES][8]; /* "" is a NULL index value */
    unsigned char data[24];
    size_t size;
} model_rec;

typedef struct model {
    model_rec rec[KINDS][KEYS];
} model;

static uint64_t rng = 88172645463325252ull;
static unsigned next(unsigned n) { return test_rand_below(&rng, n); }

/* Keys whose byte order differs from their number order: "k7" sorts after "k39". */
static void key_name(char *out, size_t size, int k) { snprintf(out, size, "k%d", k); }

/* ---- comparing a scan with the model ---- */

typedef struct seen {
    const model *m;
    int kind, slot;
    const char *value;
    char last[16];
    int count;
    const char *where;
} seen;

static int key_number(const char *key) { return atoi(key + 1); }

static int check_one(void *arg, const char *key, const void *data, size_t size)
{
    seen *s = arg;
    int k = key_number(key);
    ck_assert_msg(k >= 0 && k < KEYS, "%s: scan gave unknown key %s", s->where, key);
    const model_rec *r = &s->m->rec[s->kind][k];
    ck_assert_msg(r->present, "%s: scan of %s gave %s, which the model does not hold", s->where,
                  kinds[s->kind], key);
    if (s->slot != ITAV_SCAN_ALL)
        ck_assert_msg(strcmp(r->index[s->slot], s->value) == 0,
                      "%s: scan of slot %d = %s gave %s, whose value is '%s'", s->where, s->slot,
                      s->value, key, r->index[s->slot]);
    ck_assert_msg(s->count == 0 || strcmp(s->last, key) < 0,
                  "%s: scan of %s gave %s after %s (not ascending)", s->where, kinds[s->kind],
                  key, s->last);
    ck_assert_msg(size == r->size && memcmp(data, r->data, size) == 0,
                  "%s: %s/%s has other data than the model", s->where, kinds[s->kind], key);
    snprintf(s->last, sizeof s->last, "%s", key);
    s->count++;
    return 0;
}

static void scan_equals_model(itav_backend *be, const model *m, const char *where)
{
    for (int kind = 0; kind < KINDS; kind++) {
        for (int slot = ITAV_SCAN_ALL; slot < ITAV_BACKEND_INDEXES; slot++) {
            for (int v = 0; v < (slot == ITAV_SCAN_ALL ? 1 : VALUES); v++) {
                char value[8];
                snprintf(value, sizeof value, "v%d", v);
                seen s = {m, kind, slot, slot == ITAV_SCAN_ALL ? NULL : value, "", 0, where};
                ck_assert_int_eq(be->scan(be, kinds[kind], slot, s.value, check_one, &s),
                                 ITAV_OK);
                int want = 0;
                for (int k = 0; k < KEYS; k++)
                    want += m->rec[kind][k].present &&
                            (slot == ITAV_SCAN_ALL || strcmp(m->rec[kind][k].index[slot], value) == 0);
                ck_assert_msg(s.count == want, "%s: scan of %s slot %d value %s gave %d records, "
                              "the model holds %d", where, kinds[kind], slot,
                              s.value ? s.value : "(all)", s.count, want);
            }
        }
    }
}

/* ---- random steps ---- */

static void random_record(model_rec *r)
{
    r->present = true;
    for (int i = 0; i < ITAV_BACKEND_INDEXES; i++) {
        unsigned v = next(VALUES + 1);
        if (v == VALUES)
            r->index[i][0] = '\0';
        else
            snprintf(r->index[i], sizeof r->index[i], "v%u", v);
    }
    r->size = next(sizeof r->data + 1); /* 0 bytes included */
    for (size_t i = 0; i < r->size; i++)
        r->data[i] = (unsigned char)next(4); /* mostly NUL and control bytes */
}

static int got_one(void *arg, const char *key, const void *data, size_t size)
{
    const model_rec *r = arg;
    (void)key;
    ck_assert(size == r->size && memcmp(data, r->data, size) == 0);
    return 7; /* get() must hand back what the callback returned */
}

static void step(itav_backend *be, model *m, const char *where)
{
    int kind = (int)next(KINDS), k = (int)next(KEYS);
    char key[16];
    key_name(key, sizeof key, k);
    model_rec *r = &m->rec[kind][k];
    switch (next(4)) {
    case 0:
    case 1: { /* put: insert or replace */
        model_rec nr;
        random_record(&nr);
        const char *index[ITAV_BACKEND_INDEXES];
        for (int i = 0; i < ITAV_BACKEND_INDEXES; i++)
            index[i] = nr.index[i][0] ? nr.index[i] : NULL;
        ck_assert_int_eq(be->put(be, kinds[kind], key, index, nr.data, nr.size), ITAV_OK);
        *r = nr;
        break;
    }
    case 2: /* delete, present or not */
        ck_assert_int_eq(be->del(be, kinds[kind], key), r->present ? ITAV_OK : ITAV_ENOTFOUND);
        r->present = false;
        break;
    default: /* get inside the transaction sees its own writes */
        ck_assert_msg(be->get(be, kinds[kind], key, got_one, r) == (r->present ? 7 : ITAV_ENOTFOUND),
                      "%s: get %s/%s", where, kinds[kind], key);
        break;
    }
}

/* Empties one kind inside the transaction, to exercise a kind going empty and coming back. */
static void empty_kind(itav_backend *be, model *m, int kind)
{
    for (int k = 0; k < KEYS; k++) {
        char key[16];
        key_name(key, sizeof key, k);
        if (m->rec[kind][k].present) {
            ck_assert_int_eq(be->del(be, kinds[kind], key), ITAV_OK);
            m->rec[kind][k].present = false;
        }
    }
}

static void run_against_model(itav_backend *be, const char *name)
{
    static model committed, working; /* static: zeroed, and large for the stack */
    memset(&committed, 0, sizeof committed);
    char where[96];
    const char *none[ITAV_BACKEND_INDEXES] = {0};

    /* writes outside a transaction and nested transactions are refused */
    ck_assert_int_eq(be->put(be, "a", "k1", none, "x", 1), ITAV_ESTATE);
    ck_assert_int_eq(be->del(be, "a", "k1"), ITAV_ESTATE);
    ck_assert_int_eq(be->begin(be), ITAV_OK);
    ck_assert_int_eq(be->begin(be), ITAV_ESTATE);
    ck_assert_int_eq(be->rollback(be), ITAV_OK);

    for (int t = 0; t < 120; t++) {
        working = committed;
        ck_assert_int_eq(be->begin(be), ITAV_OK);
        int steps = 1 + (int)next(60);
        for (int i = 0; i < steps; i++) {
            snprintf(where, sizeof where, "%s, transaction %d, step %d", name, t, i);
            if (next(40) == 0)
                empty_kind(be, &working, (int)next(KINDS));
            else
                step(be, &working, where);
            if (i % 10 == 0)
                scan_equals_model(be, &working, where); /* scans see the open transaction */
        }
        bool keep = next(3) != 0;
        ck_assert_int_eq(keep ? be->commit(be) : be->rollback(be), ITAV_OK);
        if (keep)
            committed = working;
        snprintf(where, sizeof where, "%s, after %s transaction %d", name,
                 keep ? "committing" : "rolling back", t);
        scan_equals_model(be, &committed, where);
    }
    /* a kind never written to scans as empty and its records are not found */
    seen s = {&committed, 0, ITAV_SCAN_ALL, NULL, "", 0, name};
    ck_assert_int_eq(be->scan(be, "never", ITAV_SCAN_ALL, NULL, check_one, &s), ITAV_OK);
    ck_assert_int_eq(s.count, 0);
    ck_assert_int_eq(be->get(be, "never", "k1", got_one, NULL), ITAV_ENOTFOUND);
    ck_assert_int_eq(be->scan(be, "a", ITAV_BACKEND_INDEXES, "v0", check_one, &s), ITAV_EINVAL);
}

START_TEST(memory_backend_follows_the_model)
{
    itav_backend *be;
    ck_assert_int_eq(itav__memory_backend_new(&be), ITAV_OK);
    run_against_model(be, "memory");
    be->free(be);
}
END_TEST

START_TEST(sqlite_backend_follows_the_model)
{
    char dir[] = "/tmp/itav-backends-XXXXXX", path[64];
    ck_assert(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/store.db", dir);
    itav_backend *be;
    char err[256] = "";
    ck_assert_msg(itav__sqlite_backend_open(&be, path, err, sizeof err) == ITAV_OK, "%s", err);
    run_against_model(be, "sqlite");
    be->free(be);
    /* the backend keeps its write-ahead log open until it is freed */
    unlink(path);
    char side[80];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    ck_assert_msg(rmdir(dir) == 0, "%s was not left empty", dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("backends");
    TCase *tc = tcase_create("contract");
    tcase_add_test(tc, memory_backend_follows_the_model);
    tcase_add_test(tc, sqlite_backend_follows_the_model);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
