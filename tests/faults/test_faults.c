/* Fault injection. Each scenario (faults.c) runs on a memory and on a SQLite store. First
 * the call under test is counted: its allocations (the library's, jansson's and SQLite's)
 * or its backend steps. Then, on a fresh store in the same state, the Nth of them fails,
 * for every N in turn, until a run has fewer than N:
 * - a failed allocation: the call returns ITAV_ENOMEM and says "out of memory", or it
 *   recovers and then gives the normal result (SQLite and libcsv retry some allocations,
 *   and the library parses JSON a second time when jansson's failure looks like a syntax
 *   error); with persistent failures (every allocation from the Nth on) it must fail;
 * - a failed backend step: the call returns the injected code with the backend's words;
 * and in every case nothing leaks (the count of blocks not freed is as before the call),
 * the store is exactly as before (a raw dump of every record and index value), and a SQLite
 * file passes PRAGMA integrity_check. The loop ends with a run that has fewer than N steps:
 * it must succeed, on the store that saw every failure, with the result and the store of the
 * counted run (a failure leaves no poisoned state).
 *
 * By default a run tests the first and last 50 N (ITAV_FAULT_EDGE) and 100 more spread
 * evenly in between (ITAV_FAULT_SAMPLES): a scenario of fewer than 200 steps runs in full.
 * ITAV_FAULT_STRIDE=1 tests every N (the full run), ITAV_FAULT_STRIDE=k every kth; for
 * valgrind ITAV_FAULT_SAMPLES=5 ITAV_FAULT_EDGE=5. ITAV_FAULT_ONLY=name runs one scenario,
 * ITAV_FAULT_FIRST=n starts at n (to debug one N). */
#include "faults.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Also forgets the problem list of an import that succeeded (it stays on the context until
 * the next import): a failed call must leave no more memory in use than before it. */
static void clear_error(itav_db *db)
{
    db->errmsg[0] = '\0';
    db->errcode = ITAV_OK;
    itav__problems_clear(&db->problems);
}

static void check_store(const store *s, const char *want, const char *what, long n)
{
    char *got = raw_dump(s);
    ck_assert_msg(strcmp(got, want) == 0, "%s: the store changed after failing step %ld", what,
                  n);
    free(got);
    if (s->sqlite) {
        char why[256];
        ck_assert_msg(sqlite_integrity_ok(s->path, why, sizeof why),
                      "%s: integrity_check after failing step %ld: %s", what, n, why);
    }
}

/* What a successful run of the scenario gives: its output and the store after it. */
typedef struct outcome {
    char *output, *after;
    long count; /* allocations or backend steps */
} outcome;

static void fresh(store *s, const scenario *sc, int kind)
{
    store_prepared(s, kind, sc->prepare);
}

static outcome counted_run(const scenario *sc, int kind, bool backend)
{
    store s;
    text out = {0};
    outcome o;
    fresh(&s, sc, kind);
    text_add(&out, "%s", "");
    faulty_arm(s.be, 0, 0);
    long before = itav__fault_allocations();
    int rc = sc->call(&s, &out);
    ck_assert_msg(rc == ITAV_OK, "%s: %s", sc->name, itav_errmsg(s.db));
    o.count = backend ? s.be->steps : itav__fault_allocations() - before;
    o.output = out.s;
    o.after = raw_dump(&s);
    store_close(&s);
    return o;
}

/* The call succeeded: it must have given the counted run's result. */
static void check_success(const store *s, const outcome *want, const text *out,
                          const char *what, long n)
{
    ck_assert_msg(strcmp(out->s, want->output) == 0, "%s: other output (step %ld):\n%s\n---\n%s",
                  what, n, out->s, want->output);
    char *after = raw_dump(s);
    ck_assert_msg(strcmp(after, want->after) == 0, "%s: other store after success (step %ld)",
                  what, n);
    free(after);
}

/* ITAV_FAULT_ONLY=name runs only that scenario (while working on one). */
static bool skipped(const scenario *sc)
{
    const char *only = getenv("ITAV_FAULT_ONLY");
    return only && *only && strcmp(only, sc->name) != 0;
}

static void run(const scenario *sc, int kind, bool backend, bool persist)
{
    char what[96];
    if (skipped(sc))
        return;
    snprintf(what, sizeof what, "%s/%s%s%s", sc->name, store_kind_name(kind),
             backend ? "/backend" : "", persist ? "/persistent" : "");
    scenarios_warm();
    long start_blocks = blocks_outstanding();
    double t0 = now();
    outcome want = counted_run(sc, kind, backend);
    long stride = fault_stride(want.count), tested = 0, recovered = 0, n;
    static const int codes[] = {ITAV_EIO, ITAV_EBUSY, ITAV_ENOMEM};

    store s;
    fresh(&s, sc, kind);
    char *before = raw_dump(&s);
    const char *first = getenv("ITAV_FAULT_FIRST"); /* to debug the failure of one N */
    for (n = first ? atol(first) : 1;; n = next_n(n, want.count, stride)) {
        text out = {0};
        text_add(&out, "%s", "");
        int code = codes[n % 3];
        clear_error(s.db);
        long blocks = blocks_outstanding();
        if (backend)
            faulty_arm(s.be, n, code);
        else
            itav__fault_fail_at(n, fault_persist_mode = persist);
        int rc = sc->call(&s, &out);
        long failed = backend ? s.be->failed : itav__fault_failed();
        faulty_arm(s.be, 0, 0);
        itav__fault_fail_at(0, false);
        if (!failed) { /* the run had fewer than n steps: it is the normal run */
            ck_assert_msg(rc == ITAV_OK, "%s: %s", what, itav_errmsg(s.db));
            check_success(&s, &want, &out, what, n);
            free(out.s);
            break;
        }
        tested++;
        if (rc == ITAV_OK) {
            /* one failed allocation can be retried; the result must then be right */
            ck_assert_msg(!backend && !persist, "%s: step %ld failed but the call succeeded",
                          what, n);
            check_success(&s, &want, &out, what, n);
            recovered++;
            free(out.s);
            if (strcmp(want.after, before) != 0) { /* it wrote: start again from before */
                store_close(&s);
                fresh(&s, sc, kind);
            }
            continue;
        }
        free(out.s);
        if (backend) {
            ck_assert_msg(rc == code, "%s: backend step %ld failed with %d, the call gave %d: %s",
                          what, n, code, rc, itav_errmsg(s.db));
            ck_assert_msg(strstr(itav_errmsg(s.db), "injected") ||
                              (code == ITAV_ENOMEM && strstr(itav_errmsg(s.db), "out of memory")),
                          "%s: step %ld: the message lacks the backend's cause: %s", what, n,
                          itav_errmsg(s.db));
        } else {
            ck_assert_msg(rc == ITAV_ENOMEM, "%s: allocation %ld failed, the call gave %d: %s",
                          what, n, rc, itav_errmsg(s.db));
            ck_assert_msg(strstr(itav_errmsg(s.db), "out of memory"),
                          "%s: allocation %ld: message without \"out of memory\": %s", what, n,
                          itav_errmsg(s.db));
        }
        ck_assert_int_eq(s.db->errcode, rc);
        ck_assert_msg(blocks_outstanding() == blocks, "%s: step %ld leaked %ld blocks", what,
                      n, blocks_outstanding() - blocks);
        check_store(&s, before, what, n);
    }
    /* the loop ended with the call succeeding on the store that saw the failures: nothing
     * was left poisoned */
    store_close(&s);
    ck_assert_msg(blocks_outstanding() == start_blocks, "%s: %ld blocks not freed", what,
                  blocks_outstanding() - start_blocks);
    /* The loop must have got past every step of the counted run. Later runs allocate a
     * little less: SQLite's caches are warm, the memory backend's arrays have grown. */
    ck_assert_msg(n > want.count || (!backend && n > want.count - want.count / 20),
                  "%s: the run ended at step %ld of %ld", what, n, want.count);
    printf("%-36s %6ld %s, %6ld failed in turn, %3ld recovered, %5.1f s\n", what, want.count,
           backend ? "backend steps" : "allocations", tested, recovered, now() - t0);
    fflush(stdout);
    free(want.output);
    free(want.after);
    free(before);
}

START_TEST(allocation_failures)
{
    run(&scenarios[_i / 2], _i % 2, false, false);
}
END_TEST

/* Every allocation from the Nth on fails: the cleanup paths get no memory either. */
START_TEST(persistent_allocation_failures)
{
    run(&scenarios[_i / 2], _i % 2, false, true);
}
END_TEST

START_TEST(backend_failures)
{
    if (strcmp(scenarios[_i / 2].name, "open") == 0)
        return; /* itav_open makes no backend call; test_storage covers a failing file */
    run(&scenarios[_i / 2], _i % 2, true, false);
}
END_TEST

/* The same on a PostgreSQL store (when there is a test server: testutil.h). */
START_TEST(backend_failures_postgres)
{
    if (strcmp(scenarios[_i].name, "open") == 0)
        return;
    run(&scenarios[_i], STORE_KIND_POSTGRES, true, false);
}
END_TEST

/* ---- the upgrade of a store of record format 1, at open ---- */

/* Copies tests/data/store-format1.db (made by libitav 0.3.0) into dir/store.db. */
static void format1_copy(char *dir, size_t dsize, char *path, size_t psize)
{
    char src[512];
    snprintf(dir, dsize, "/tmp/itav-upgrade-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, psize, "%s/store.db", dir);
    snprintf(src, sizeof src, "%s/store-format1.db", getenv("ITAV_TEST_DATA"));
    copy_file(src, path);
}

static void format1_remove(const char *dir, const char *path)
{
    char side[600];
    for (int i = 0; i < 3; i++) {
        snprintf(side, sizeof side, "%s%s", path, i == 0 ? "" : i == 1 ? "-wal" : "-shm");
        remove(side);
    }
    rmdir(dir);
}

/* How many records of the six kinds are still JSON text, and whether a format record is
 * there, read with SQLite itself. */
static void format1_state(const char *path, long *json, long *meta)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db,
        "SELECT sum(kind <> 'meta' AND kind <> 'sequence' AND substr(CAST(data AS TEXT), 1, 1) "
        "= '{'), sum(kind = 'meta') FROM records", -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    *json = sqlite3_column_int64(st, 0);
    *meta = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* Every allocation of the upgrade fails in turn (or, persistent, every one from it on): the
 * open gives ITAV_ENOMEM with "out of memory", leaks nothing and leaves the file a valid
 * store of format 1; then the upgrade succeeds. */
START_TEST(upgrade_failures)
{
    bool persist = _i == 1;
    char dir[64], path[128], uri[160], why[256];
    long json, meta, count, tested = 0;
    itav_db *db;
    format1_copy(dir, sizeof dir, path, sizeof path);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    long blocks0 = blocks_outstanding(), before = itav__fault_allocations();
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    count = itav__fault_allocations() - before;
    itav_close(db);
    format1_remove(dir, path);
    long stride = fault_stride(count);
    for (long n = 1;; n = next_n(n, count, stride)) {
        format1_copy(dir, sizeof dir, path, sizeof path);
        snprintf(uri, sizeof uri, "sqlite:%s", path);
        long blocks = blocks_outstanding();
        itav__fault_fail_at(n, fault_persist_mode = persist);
        int rc = itav_open(&db, uri);
        long failed = itav__fault_failed();
        itav__fault_fail_at(0, false);
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", db ? itav_errmsg(db) : "out of memory (no context)");
        itav_close(db);
        format1_state(path, &json, &meta);
        if (!failed) {
            ck_assert_msg(rc == ITAV_OK, "upgrade: %s", msg);
            ck_assert_int_eq(json, 0);
            ck_assert_int_eq(meta, 1);
            format1_remove(dir, path);
            break;
        }
        tested++;
        if (rc == ITAV_OK && !persist) { /* SQLite retried the allocation */
            ck_assert_int_eq(json, 0);
        } else {
            ck_assert_msg(rc == ITAV_ENOMEM, "upgrade: allocation %ld failed, open gave %d: %s",
                          n, rc, msg);
            ck_assert_msg(strstr(msg, "out of memory"), "upgrade: allocation %ld: %s", n, msg);
            ck_assert_msg(json == 193 && meta == 0,
                          "upgrade: allocation %ld failed, but the file changed (%ld JSON "
                          "records, %ld format records)", n, json, meta);
        }
        ck_assert_msg(blocks_outstanding() == blocks, "upgrade: allocation %ld leaked %ld "
                      "blocks", n, blocks_outstanding() - blocks);
        ck_assert_msg(sqlite_integrity_ok(path, why, sizeof why), "upgrade: %s", why);
        format1_remove(dir, path);
    }
    ck_assert_msg(blocks_outstanding() == blocks0, "upgrade: %ld blocks not freed",
                  blocks_outstanding() - blocks0);
    printf("%-36s %6ld allocations, %6ld failed in turn\n",
           persist ? "upgrade/sqlite/persistent" : "upgrade/sqlite", count, tested);
}
END_TEST

int main(void)
{
    const char *only = getenv("CK_RUN_CASE");
    if (only && strcmp(only, "backend-postgres") == 0 && !postgres_test_uri()) {
        printf("SKIP: fault injection on PostgreSQL (%s)\n", POSTGRES_HOW);
        return TEST_SKIPPED;
    }
    faults_init();
    Suite *s = suite_create("faults");
    int loops = (int)scenario_count * 2; /* each scenario on memory and SQLite */
    TCase *tc = tcase_create("allocation");
    tcase_set_timeout(tc, 1200);
    tcase_add_loop_test(tc, allocation_failures, 0, loops);
    tcase_add_loop_test(tc, upgrade_failures, 0, 1);
    suite_add_tcase(s, tc);
    tc = tcase_create("persistent");
    tcase_set_timeout(tc, 1200);
    tcase_add_loop_test(tc, persistent_allocation_failures, 0, loops);
    tcase_add_loop_test(tc, upgrade_failures, 1, 2);
    suite_add_tcase(s, tc);
    tc = tcase_create("backend");
    tcase_set_timeout(tc, 1200);
    tcase_add_loop_test(tc, backend_failures, 0, loops);
    suite_add_tcase(s, tc);
    /* allocation failures do not reach libpq's own memory: only the backend's steps */
    tc = tcase_create("backend-postgres");
    tcase_set_timeout(tc, 1200);
    if (postgres_test_uri())
        tcase_add_loop_test(tc, backend_failures_postgres, 0, (int)scenario_count);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
