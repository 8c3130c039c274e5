/* The built-in backends against the storage contract (include/itav/backend.h), checked
 * against a plain model: random puts, places, deletes, gets and scans over several kinds, in
 * transactions that are committed or rolled back. After every step and every transaction
 * each kind is scanned whole and by every index slot and compared with the model: the same
 * records, in ascending byte order of key, with the same data (which may hold NUL bytes);
 * then by ranges of every slot (in order of value, then key) and by boxes of places.
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
    bool placed;
    itav_place place;
} model_rec;

typedef struct model {
    model_rec rec[KINDS][KEYS];
} model;

static uint64_t rng = 88172645463325252ull;
static unsigned next(unsigned n) { return test_rand_below(&rng, n); }

/* Keys whose byte order differs from their number order: "k7" sorts after "k39". */
static void key_name(char *out, size_t size, int k) { snprintf(out, size, "k%d", k); }
static char key_names[KEYS][8]; /* key_name(k), kept for the order check of ranges */

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

/* Range bounds around the values "v0".."v2": between, on and beyond them; NULL is open. */
static const char *const bounds[] = {NULL, "", "v", "v0", "v1", "v1x", "v2", "w"};
#define NBOUNDS (sizeof bounds / sizeof *bounds)
/* Coordinates from a few values, so that places fall on the edges of boxes too. */
static const double grid[] = {-1, 0, 0.5, 1, 2};
#define NGRID (sizeof grid / sizeof *grid)

typedef struct ranged {
    const model *m;
    int kind, slot;
    const char *low, *high;
    const model_rec *last;
    const char *last_key;
    int count;
    const char *where;
} ranged;

static int check_range_one(void *arg, const char *key, const void *data, size_t size)
{
    ranged *s = arg;
    int k = key_number(key);
    ck_assert_msg(k >= 0 && k < KEYS, "%s: range gave unknown key %s", s->where, key);
    const model_rec *r = &s->m->rec[s->kind][k];
    const char *v = r->index[s->slot];
    ck_assert_msg(r->present && v[0] && (!s->low || strcmp(v, s->low) >= 0) &&
                  (!s->high || strcmp(v, s->high) <= 0),
                  "%s: range [%s, %s] of slot %d gave %s/%s (value '%s')", s->where,
                  s->low ? s->low : "-", s->high ? s->high : "-", s->slot, kinds[s->kind], key,
                  v);
    if (s->last) {
        int c = strcmp(s->last->index[s->slot], v);
        ck_assert_msg(c < 0 || (c == 0 && strcmp(s->last_key, key) < 0),
                      "%s: range of slot %d gave %s after %s (not by value, then key)",
                      s->where, s->slot, key, s->last_key);
    }
    ck_assert(size == r->size && memcmp(data, r->data, size) == 0);
    s->last = r;
    s->last_key = key_names[k];
    s->count++;
    return 0;
}

typedef struct boxed {
    const model *m;
    int kind;
    itav_box box;
    bool seen[KEYS];
    int count;
    const char *where;
} boxed;

static bool in_box(const itav_place *p, const itav_box *b)
{
    return p->lat >= b->south && p->lat <= b->north && p->lon >= b->west && p->lon <= b->east;
}

static int check_box_one(void *arg, const char *key, const void *data, size_t size)
{
    boxed *s = arg;
    int k = key_number(key);
    ck_assert_msg(k >= 0 && k < KEYS && !s->seen[k], "%s: box gave %s twice or unknown",
                  s->where, key);
    const model_rec *r = &s->m->rec[s->kind][k];
    ck_assert_msg(r->present && r->placed && in_box(&r->place, &s->box),
                  "%s: box gave %s/%s, whose place is not in it", s->where, kinds[s->kind], key);
    ck_assert(size == r->size && memcmp(data, r->data, size) == 0);
    s->seen[k] = true;
    s->count++;
    return 0;
}

static void typed_scans_equal_model(itav_backend *be, const model *m, const char *where)
{
    for (int kind = 0; kind < KINDS; kind++) {
        for (int slot = 0; slot < ITAV_BACKEND_INDEXES; slot++) {
            const char *low = bounds[next(NBOUNDS)], *high = bounds[next(NBOUNDS)];
            ranged s = {m, kind, slot, low, high, NULL, "", 0, where};
            ck_assert_int_eq(be->scan_range(be, kinds[kind], slot, low, high, check_range_one,
                                            &s), ITAV_OK);
            int want = 0;
            for (int k = 0; k < KEYS; k++) {
                const model_rec *r = &m->rec[kind][k];
                const char *v = r->index[slot];
                want += r->present && v[0] && (!low || strcmp(v, low) >= 0) &&
                        (!high || strcmp(v, high) <= 0);
            }
            ck_assert_msg(s.count == want, "%s: range [%s, %s] of %s slot %d gave %d records, "
                          "the model holds %d", where, low ? low : "-", high ? high : "-",
                          kinds[kind], slot, s.count, want);
        }
        boxed b = {m, kind, {0, 0, 0, 0}, {false}, 0, where};
        double x = grid[next(NGRID)], y = grid[next(NGRID)];
        double u = grid[next(NGRID)], w = grid[next(NGRID)];
        b.box = (itav_box){x < y ? x : y, u < w ? u : w, x < y ? y : x, u < w ? w : u};
        ck_assert_int_eq(be->scan_box(be, kinds[kind], &b.box, check_box_one, &b), ITAV_OK);
        int want = 0;
        for (int k = 0; k < KEYS; k++)
            want += m->rec[kind][k].present && m->rec[kind][k].placed &&
                    in_box(&m->rec[kind][k].place, &b.box);
        ck_assert_msg(b.count == want, "%s: box of %s gave %d records, the model holds %d",
                      where, kinds[kind], b.count, want);
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
    switch (next(5)) {
    case 0:
    case 1: { /* put: insert or replace */
        model_rec nr;
        random_record(&nr);
        const char *index[ITAV_BACKEND_INDEXES];
        for (int i = 0; i < ITAV_BACKEND_INDEXES; i++)
            index[i] = nr.index[i][0] ? nr.index[i] : NULL;
        ck_assert_int_eq(be->put(be, kinds[kind], key, index, nr.data, nr.size), ITAV_OK);
        nr.placed = r->present && r->placed; /* a put keeps the place */
        nr.place = r->place;
        *r = nr;
        break;
    }
    case 3: { /* a place given or taken away, to a record or to none */
        itav_place place = {grid[next(NGRID)], grid[next(NGRID)]};
        bool give = next(3) != 0;
        ck_assert_msg(be->put_place(be, kinds[kind], key, give ? &place : NULL) ==
                      (r->present ? ITAV_OK : ITAV_ENOTFOUND), "%s: put_place %s/%s", where,
                      kinds[kind], key);
        if (r->present) {
            r->placed = give;
            r->place = place;
        }
        break;
    }
    case 2: /* delete, present or not */
        ck_assert_int_eq(be->del(be, kinds[kind], key), r->present ? ITAV_OK : ITAV_ENOTFOUND);
        r->present = r->placed = false; /* del takes the place too */
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
            m->rec[kind][k].present = m->rec[kind][k].placed = false;
        }
    }
}

static void run_against_model(itav_backend *be, const char *name)
{
    for (int k = 0; k < KEYS; k++)
        key_name(key_names[k], sizeof key_names[k], k);
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
            if (i % 10 == 0) { /* scans see the open transaction */
                scan_equals_model(be, &working, where);
                typed_scans_equal_model(be, &working, where);
            }
        }
        bool keep = next(3) != 0;
        ck_assert_int_eq(keep ? be->commit(be) : be->rollback(be), ITAV_OK);
        if (keep)
            committed = working;
        snprintf(where, sizeof where, "%s, after %s transaction %d", name,
                 keep ? "committing" : "rolling back", t);
        scan_equals_model(be, &committed, where);
        typed_scans_equal_model(be, &committed, where);
    }
    /* a kind never written to scans as empty and its records are not found */
    seen s = {&committed, 0, ITAV_SCAN_ALL, NULL, "", 0, name};
    ck_assert_int_eq(be->scan(be, "never", ITAV_SCAN_ALL, NULL, check_one, &s), ITAV_OK);
    ck_assert_int_eq(s.count, 0);
    ck_assert_int_eq(be->get(be, "never", "k1", got_one, NULL), ITAV_ENOTFOUND);
    ck_assert_int_eq(be->scan(be, "a", ITAV_BACKEND_INDEXES, "v0", check_one, &s), ITAV_EINVAL);
    ck_assert_int_eq(be->scan_range(be, "a", -1, NULL, NULL, check_one, &s), ITAV_EINVAL);
    ck_assert_int_eq(be->put_place(be, "a", "k1", NULL), ITAV_ESTATE); /* outside a txn */
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

#ifdef ITAV_POSTGRES
/* In a new schema of the test server, which the backend fills with its tables. */
START_TEST(postgres_backend_follows_the_model)
{
    char uri[1024], schema[64], err[512] = "";
    postgres_new_schema(uri, sizeof uri, schema, "");
    itav_backend *be;
    ck_assert_msg(itav__postgres_backend_open(&be, uri, err, sizeof err) == ITAV_OK, "%s", err);
    run_against_model(be, "postgresql");
    be->free(be);
    postgres_drop_schema(schema);
}
END_TEST
#endif

int main(void)
{
    Suite *s = suite_create("backends");
    TCase *tc = tcase_create("contract");
    tcase_add_test(tc, memory_backend_follows_the_model);
    tcase_add_test(tc, sqlite_backend_follows_the_model);
#ifdef ITAV_POSTGRES
    if (postgres_test_uri())
        tcase_add_test(tc, postgres_backend_follows_the_model);
    else
        printf("postgresql backend: not tested (%s)\n", POSTGRES_HOW);
#else
    printf("postgresql backend: not built (no libpq)\n");
#endif
    suite_add_tcase(s, tc);
    return run_suite(s);
}
