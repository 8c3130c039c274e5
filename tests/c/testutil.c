#include "testutil.h"

#include <sqlite3.h>
#ifdef TEST_POSTGRES
#include <libpq-fe.h>
#endif
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *store_name(int which)
{
    static const char *const names[] = {"memory", "sqlite", "test backend", "postgresql"};
    return which >= 0 && which < STORE_KINDS ? names[which] : "?";
}

int store_count(void)
{
    return postgres_test_uri() ? STORE_POSTGRES + 1 : STORE_POSTGRES;
}

/* ---- the PostgreSQL test server ---- */

const char *postgres_test_uri(void)
{
#ifdef TEST_POSTGRES
    const char *uri = getenv("ITAV_TEST_POSTGRES");
    return uri && *uri ? uri : NULL;
#else
    return NULL;
#endif
}

#ifdef TEST_POSTGRES
/* One connection per test process, made when a test first needs it. */
static PGconn *admin(void)
{
    static PGconn *conn;
    if (conn && PQstatus(conn) == CONNECTION_OK)
        return conn;
    PQfinish(conn);
    ck_assert_msg(postgres_test_uri(), "no PostgreSQL test server: %s", POSTGRES_HOW);
    conn = PQconnectdb(postgres_test_uri());
    ck_assert_msg(PQstatus(conn) == CONNECTION_OK, "cannot connect to the PostgreSQL test "
                  "server: %s", PQerrorMessage(conn));
    PQexec(conn, "SET client_min_messages = warning");
    return conn;
}
#endif

void postgres_sql(const char *sql, char *out, size_t size)
{
#ifdef TEST_POSTGRES
    PGresult *res = PQexec(admin(), sql);
    ExecStatusType st = PQresultStatus(res);
    ck_assert_msg(st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK, "%s: %s", sql,
                  PQresultErrorMessage(res));
    if (out && size)
        snprintf(out, size, "%s", PQntuples(res) > 0 && PQnfields(res) > 0 ?
                 PQgetvalue(res, 0, 0) : "");
    PQclear(res);
#else
    (void)sql, (void)out, (void)size;
    ck_abort_msg("this build has no PostgreSQL");
#endif
}

void postgres_new_schema(char *uri, size_t size, char *schema, const char *extra)
{
    static int made;
    char sql[128];
    const char *base = postgres_test_uri();
    ck_assert_msg(base, "no PostgreSQL test server: %s", POSTGRES_HOW);
    snprintf(schema, 64, "itav_test_%ld_%d", (long)getpid(), made++);
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
    postgres_sql(sql, NULL, 0);
    int n = snprintf(uri, size, "%s%soptions=-csearch_path%%3D%s%s", base,
                     strchr(base, '?') ? "&" : "?", schema, extra ? extra : "");
    ck_assert(n > 0 && (size_t)n < size);
}

void postgres_drop_schema(const char *schema)
{
    char sql[128];
    snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
    postgres_sql(sql, NULL, 0);
}

/* ---- the test backend ---- */

typedef struct rec {
    char *kind, *key, *index[ITAV_BACKEND_INDEXES];
    char *data;
    size_t size;
} rec;

typedef struct test_backend {
    itav_backend parent;
    rec *recs, *saved;
    size_t n, nsaved;
    int in_txn;
    int fail_after; /* -1: never */
} test_backend;

static char *dupstr(const char *s) { return s ? strcpy(malloc(strlen(s) + 1), s) : NULL; }

static void rec_free(rec *r)
{
    free(r->kind);
    free(r->key);
    for (int i = 0; i < ITAV_BACKEND_INDEXES; i++)
        free(r->index[i]);
    free(r->data);
}

static rec rec_copy(const rec *r)
{
    rec c = {dupstr(r->kind), dupstr(r->key), {NULL}, malloc(r->size + 1), r->size};
    for (int i = 0; i < ITAV_BACKEND_INDEXES; i++)
        c.index[i] = dupstr(r->index[i]);
    memcpy(c.data, r->data, r->size);
    return c;
}

static void set_free(rec *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rec_free(&v[i]);
    free(v);
}

static int tb_begin(itav_backend *be)
{
    test_backend *t = (test_backend *)be;
    if (t->in_txn)
        return ITAV_ESTATE;
    t->saved = calloc(t->n + 1, sizeof *t->saved);
    for (size_t i = 0; i < t->n; i++)
        t->saved[i] = rec_copy(&t->recs[i]);
    t->nsaved = t->n;
    t->in_txn = 1;
    return ITAV_OK;
}

static int tb_commit(itav_backend *be)
{
    test_backend *t = (test_backend *)be;
    set_free(t->saved, t->nsaved);
    t->saved = NULL;
    t->in_txn = 0;
    return ITAV_OK;
}

static int tb_rollback(itav_backend *be)
{
    test_backend *t = (test_backend *)be;
    if (!t->in_txn)
        return ITAV_OK;
    set_free(t->recs, t->n);
    t->recs = t->saved;
    t->n = t->nsaved;
    t->saved = NULL;
    t->in_txn = 0;
    return ITAV_OK;
}

static long find(test_backend *t, const char *kind, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->recs[i].kind, kind) && !strcmp(t->recs[i].key, key))
            return (long)i;
    return -1;
}

static int write_allowed(test_backend *t)
{
    if (t->fail_after < 0)
        return 1;
    if (t->fail_after == 0)
        return 0;
    t->fail_after--;
    return 1;
}

static int tb_put(itav_backend *be, const char *kind, const char *key, const char *const *index,
                  const void *data, size_t size)
{
    test_backend *t = (test_backend *)be;
    if (!t->in_txn)
        return ITAV_ESTATE;
    if (!write_allowed(t))
        return ITAV_EIO;
    rec r = {dupstr(kind), dupstr(key), {NULL}, malloc(size + 1), size};
    for (int i = 0; i < ITAV_BACKEND_INDEXES; i++)
        r.index[i] = index ? dupstr(index[i]) : NULL;
    memcpy(r.data, data, size);
    long at = find(t, kind, key);
    if (at >= 0) {
        rec_free(&t->recs[at]);
        t->recs[at] = r;
    } else {
        t->recs = realloc(t->recs, (t->n + 1) * sizeof *t->recs);
        t->recs[t->n++] = r;
    }
    return ITAV_OK;
}

static int tb_get(itav_backend *be, const char *kind, const char *key, itav_record_fn found,
                  void *arg)
{
    test_backend *t = (test_backend *)be;
    long at = find(t, kind, key);
    if (at < 0)
        return ITAV_ENOTFOUND;
    return found(arg, t->recs[at].key, t->recs[at].data, t->recs[at].size);
}

static int tb_del(itav_backend *be, const char *kind, const char *key)
{
    test_backend *t = (test_backend *)be;
    if (!t->in_txn)
        return ITAV_ESTATE;
    long at = find(t, kind, key);
    if (at < 0)
        return ITAV_ENOTFOUND;
    if (!write_allowed(t))
        return ITAV_EIO;
    rec_free(&t->recs[at]);
    t->recs[at] = t->recs[--t->n];
    return ITAV_OK;
}

static int by_key(const void *a, const void *b)
{
    return strcmp((*(rec *const *)a)->key, (*(rec *const *)b)->key);
}

static int tb_scan(itav_backend *be, const char *kind, int slot, const char *value,
                   itav_record_fn each, void *arg)
{
    test_backend *t = (test_backend *)be;
    rec **sel = calloc(t->n + 1, sizeof *sel);
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        rec *r = &t->recs[i];
        if (strcmp(r->kind, kind))
            continue;
        if (slot != ITAV_SCAN_ALL && (!r->index[slot] || strcmp(r->index[slot], value)))
            continue;
        sel[n++] = r;
    }
    qsort(sel, n, sizeof *sel, by_key);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = each(arg, sel[i]->key, sel[i]->data, sel[i]->size);
    free(sel);
    return rc;
}

static const char *tb_errmsg(itav_backend *be)
{
    (void)be;
    return "test backend: injected failure";
}

static void tb_free(itav_backend *be)
{
    test_backend *t = (test_backend *)be;
    tb_rollback(be);
    set_free(t->recs, t->n);
    free(t);
}

itav_backend *test_backend_new(void)
{
    test_backend *t = calloc(1, sizeof *t);
    t->parent = (itav_backend)ITAV_BACKEND_INIT;
    t->parent.begin = tb_begin;
    t->parent.commit = tb_commit;
    t->parent.rollback = tb_rollback;
    t->parent.put = tb_put;
    t->parent.get = tb_get;
    t->parent.del = tb_del;
    t->parent.scan = tb_scan;
    t->parent.errmsg = tb_errmsg;
    t->parent.free = tb_free;
    t->fail_after = -1;
    return &t->parent;
}

void test_backend_fail_after(itav_backend *be, int writes)
{
    ((test_backend *)be)->fail_after = writes;
}

/* ---- stores ---- */

/* Temporary directories of open SQLite stores and schemas of PostgreSQL ones, to remove at
 * close. */
static struct { itav_db *db; char dir[64]; } sqlite_dirs[16];
static struct { itav_db *db; char schema[64]; } pg_schemas[16];

itav_db *open_store(int which)
{
    itav_db *db = NULL;
    int rc = ITAV_ERROR;
    if (which == STORE_MEMORY) {
        rc = itav_open(&db, "memory:");
    } else if (which == STORE_SQLITE) {
        char dir[64] = "/tmp/itav-test-XXXXXX", uri[128];
        ck_assert_ptr_nonnull(mkdtemp(dir));
        snprintf(uri, sizeof uri, "sqlite:%s/store.db", dir);
        rc = itav_open(&db, uri);
        for (int i = 0; i < 16; i++)
            if (!sqlite_dirs[i].db) {
                sqlite_dirs[i].db = db;
                strcpy(sqlite_dirs[i].dir, dir);
                break;
            }
    } else if (which == STORE_TESTBACKEND) {
        itav_backend *be = test_backend_new();
        rc = itav_open_backend(&db, be);
    } else if (which == STORE_POSTGRES) {
        char uri[1024], schema[64];
        postgres_new_schema(uri, sizeof uri, schema, "");
        rc = itav_open(&db, uri);
        for (int i = 0; i < 16; i++)
            if (!pg_schemas[i].db) {
                pg_schemas[i].db = db;
                strcpy(pg_schemas[i].schema, schema);
                break;
            }
    }
    ck_assert_msg(rc == ITAV_OK, "cannot open %s store: %s", store_name(which), itav_errmsg(db));
    return db;
}

void close_store(itav_db *db)
{
    itav_close(db);
    for (int i = 0; i < 16; i++) {
        if (db && sqlite_dirs[i].db == db) {
            char cmd[128];
            snprintf(cmd, sizeof cmd, "rm -rf '%s'", sqlite_dirs[i].dir);
            ck_assert_int_eq(system(cmd), 0);
            sqlite_dirs[i].db = NULL;
        }
        if (db && pg_schemas[i].db == db) {
            postgres_drop_schema(pg_schemas[i].schema);
            pg_schemas[i].db = NULL;
        }
    }
}

char *export_text(itav_db *db)
{
    char *s = NULL;
    int rc = itav_export_json_string(&s, db);
    ck_assert_msg(rc == ITAV_OK, "export failed: %s", itav_errmsg(db));
    return s;
}

unsigned test_rand_below(uint64_t *state, unsigned n)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (unsigned)(*state % n);
}

int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}

/* ---- the seed documents ---- */

static const char *seed_dir(void)
{
    const char *dir = getenv("ITAV_SEEDS");
    return dir && *dir ? dir : "../shared/seeds";
}

const char *seed_path(int no)
{
    static const char *const names[] = {"000_dd500cebf179d990.txt", "001_0cac70cba0ba34e6.txt",
        "002_d9ceb7a337d333ef.txt", "003_1792100341f394d4.txt", "004_4c83b9d57b7e56d0.txt"};
    static char path[4096];
    /* no check assertion: main() calls this outside any test */
    if (no < 0 || no >= (int)(sizeof names / sizeof *names)) {
        fprintf(stderr, "there is no seed %d\n", no);
        abort();
    }
    snprintf(path, sizeof path, "%s/%s", seed_dir(), names[no]);
    return path;
}

int run_with_seeds(int argc, char **argv, Suite *(*plain)(void), Suite *(*seeded)(void),
                   unsigned needed, const char *what)
{
    if (argc < 2 || strcmp(argv[1], "seeds") != 0)
        return run_suite(plain());
    struct stat st;
    bool folder = stat(seed_dir(), &st) == 0 && S_ISDIR(st.st_mode);
    for (int no = 0; no <= 4; no++) {
        if (!(needed & (1u << no)) || access(seed_path(no), R_OK) == 0)
            continue;
        if (!folder) {
            printf("SKIP: %s (seed %03d not found in ITAV_SEEDS=%s; put the libitav shared "
                   "folder beside the clone, as ../shared, to run it: "
                   "meson test -C build --suite seeds)\n",
                   what, no, seed_dir());
            return TEST_SKIPPED;
        }
        printf("FAIL: %s: seed %03d is not in ITAV_SEEDS=%s (%s), although the folder is "
               "there\n", what, no, seed_dir(), seed_path(no));
        return 1;
    }
    return run_suite(seeded());
}

int32_t date_of(const char *text)
{
    int32_t d;
    ck_assert_msg(itav_date_parse(&d, text) == ITAV_OK, "not a date: %s", text);
    return d;
}

void assert_msg(itav_db *db, const char *part)
{
    ck_assert_msg(strstr(itav_errmsg(db), part), "message \"%s\" lacks \"%s\"", itav_errmsg(db),
                  part);
}

bool sqlite_integrity_ok(const char *path, char *why, size_t size)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
        snprintf(why, size, "cannot check: %s", sqlite3_errmsg(db));
        sqlite3_close(db);
        return false;
    }
    int rows = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (rows++ == 0)
            snprintf(why, size, "%s", (const char *)sqlite3_column_text(st, 0));
    if (rc != SQLITE_DONE)
        snprintf(why, size, "integrity_check failed: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc == SQLITE_DONE && rows == 1 && strcmp(why, "ok") == 0;
}
