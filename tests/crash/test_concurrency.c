/* Several processes on one SQLite store.
 *
 * - parallel_writers: WRITERS processes, started at the same moment, each add PER_WRITER
 *   participants, update some, and propose, advance and review matches, every call its own
 *   small transaction. Afterwards every write is there: the store equals one where the same
 *   work ran one writer after the other (match and review ids, which depend on the order,
 *   are replaced by what they stand for), and no call saw ITAV_EBUSY.
 * - short_lock_is_waited_for: a write arriving while another process holds the write lock
 *   for a second waits and succeeds.
 * - long_lock_gives_ebusy: a write lock held longer than the busy timeout (raw SQLite,
 *   BEGIN IMMEDIATE) makes a libitav write fail with ITAV_EBUSY after the timeout, with a
 *   message that says so, and nothing changes; reads and opening the store are not blocked,
 *   and see the store without the holder's uncommitted change.
 * - reads_see_one_state: reports, exports, suggestions and dry-run assignments keep giving
 *   whole answers while another process erases the participants they read, and an export
 *   is not held up by a writer that keeps the write lock. */
#include "crashgen.h"

#include <check.h>
#include <errno.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WRITERS 4
#define PER_WRITER 200
/* the busy timeout of lib/store/sqlite.c (BUSY_TIMEOUT_MS), as docs/testing.md states it */
#define BUSY_TIMEOUT_S 5.0

static char dir[1024], store[1100], uri[1200];

static void make_store(void)
{
    const char *tmp = getenv("TMPDIR");
    itav_db *db;
    snprintf(dir, sizeof dir, "%s/itav-concurrency-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
    snprintf(store, sizeof store, "%s/store.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", store);
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK && gen_offers(db) == ITAV_OK, "%s",
                  itav_errmsg(db));
    itav_close(db);
}

static void remove_store(void)
{
    gen_remove_store(store);
    rmdir(dir);
}

/* ---- the writers' work ---- */

typedef struct tally {
    int calls, failed, busy;
    double longest; /* seconds, the slowest call: shows that writers did wait for each other */
    char first_error[512];
} tally;

/* Counts one call's result; keeps the first failure's words. */
static bool check_call(tally *t, itav_db *db, int rc, double started, const char *what,
                       const char *ref)
{
    double took = gen_now() - started;
    t->calls++;
    if (took > t->longest)
        t->longest = took;
    if (rc == ITAV_OK)
        return true;
    t->failed++;
    t->busy += rc == ITAV_EBUSY;
    if (!t->first_error[0])
        snprintf(t->first_error, sizeof t->first_error, "%s %s: %s (%s)", what, ref,
                 itav_strerror(rc), itav_errmsg(db));
    return false;
}

/* Writer k's work, every call its own transaction: participants w<k>-<i> (even i asking,
 * odd i supporting), a municipality change every 20th, and every 10th pair a match taken to
 * its trial with a trial review. */
static void writer(itav_db *db, int k, tally *t)
{
    gen_rng r = {0xC0FFEEu + (uint64_t)k * 7919u};
    char ref[32], prev[32], name[32];
    int32_t day;
    itav_date_parse(&day, "2022-01-10");
    for (int i = 0; i < PER_WRITER; i++) {
        gen_text csv = {NULL, 0, 0};
        double t0 = gen_now();
        snprintf(ref, sizeof ref, "w%d-%03d", k, i);
        gen_header(&csv);
        gen_row(&csv, &r, ref, GEN_OFFER_BULK, i % 2 == 0);
        snprintf(name, sizeof name, "writer %d", k);
        check_call(t, db, itav_import_participants_csv_string(db, csv.s, name, NULL), t0,
                   "import", ref);
        free(csv.s);
        if (i % 20 == 19) {
            itav_participant *p = NULL;
            snprintf(prev, sizeof prev, "w%d-%03d", k, i - 3);
            t0 = gen_now();
            if (check_call(t, db, itav_participant_get(&p, db, prev), t0, "get", prev)) {
                snprintf(name, sizeof name, "Moved %d", i);
                itav_participant_set_municipality(p, name);
                t0 = gen_now();
                check_call(t, db, itav_participant_update(db, p), t0, "update", prev);
            }
            itav_participant_free(p);
        }
        if (i % 10 == 9) {
            char *id = NULL;
            itav_review *rv = NULL;
            snprintf(prev, sizeof prev, "w%d-%03d", k, i - 1);
            t0 = gen_now();
            if (!check_call(t, db,
                            itav_match_propose(&id, db, prev, ref, day, ITAV_ACTOR_COORDINATOR,
                                               "by writer", NULL),
                            t0, "propose", ref))
                continue;
            t0 = gen_now();
            check_call(t, db, itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, day + 3,
                                                 ITAV_ACTOR_COORDINATOR, 0, NULL),
                       t0, "introduce", id);
            t0 = gen_now();
            check_call(t, db, itav_match_advance(db, id, ITAV_MATCH_TRIAL, day + 10,
                                                 ITAV_ACTOR_COORDINATOR, 0, NULL),
                       t0, "trial", id);
            itav_review_new(&rv, ITAV_REVIEW_TRIAL, day + 40, ITAV_RESPONDENT_SUPPORTING);
            itav_review_set_satisfaction(rv, 1 + (k + i) % 10);
            itav_review_set_note(rv, ref);
            t0 = gen_now();
            check_call(t, db, itav_review_add(NULL, db, id, rv), t0, "review", id);
            itav_review_free(rv);
            itav_free(id);
        }
    }
}

/* ---- comparing stores whose match and review ids depend on the order of the writers ---- */

static int by_id(const void *a, const void *b)
{
    const char *x = json_string_value(json_object_get(*(json_t *const *)a, "id"));
    const char *y = json_string_value(json_object_get(*(json_t *const *)b, "id"));
    return strcmp(x ? x : "", y ? y : "");
}

static void sort_by_id(json_t *array)
{
    size_t n = json_array_size(array);
    json_t **v = calloc(n + 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(array, i));
    qsort(v, n, sizeof *v, by_id);
    json_array_clear(array);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(array, v[i]);
    free(v);
}

/* Parses an export and renames each match "asking~supporting" and each review
 * "match~kind~respondent", then sorts both lists. */
static json_t *canonical(const char *text)
{
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    ck_assert_msg(root != NULL, "export is not JSON: %s", err.text);
    json_t *matches = json_object_get(root, "matches"), *reviews = json_object_get(root, "reviews");
    json_t *names = json_object();
    size_t i;
    json_t *m, *rv;
    json_array_foreach(matches, i, m) {
        char key[128];
        snprintf(key, sizeof key, "%s~%s", json_string_value(json_object_get(m, "asking")),
                 json_string_value(json_object_get(m, "supporting")));
        ck_assert_msg(json_object_get(names, json_string_value(json_object_get(m, "id"))) == NULL,
                      "match id %s twice", json_string_value(json_object_get(m, "id")));
        json_object_set_new(names, json_string_value(json_object_get(m, "id")), json_string(key));
        ck_assert_msg(json_object_get(m, "previous") == NULL, "unexpected previous link");
        json_object_set_new(m, "id", json_string(key));
    }
    json_array_foreach(reviews, i, rv) {
        const char *match = json_string_value(json_object_get(rv, "match"));
        json_t *name = json_object_get(names, match ? match : "");
        ck_assert_msg(name != NULL, "review of an unknown match %s", match);
        char key[200];
        snprintf(key, sizeof key, "%s~%s~%s", json_string_value(name),
                 json_string_value(json_object_get(rv, "kind")),
                 json_string_value(json_object_get(rv, "respondent")));
        json_object_set(rv, "match", name);
        json_object_set_new(rv, "id", json_string(key));
    }
    sort_by_id(matches);
    sort_by_id(reviews);
    json_decref(names);
    return root;
}

/* Where two canonical stores differ: the first member of a list that does. */
static void explain_difference(json_t *want, json_t *got)
{
    const char *key;
    json_t *w;
    json_object_foreach(want, key, w) {
        json_t *g = json_object_get(got, key);
        if (json_equal(w, g))
            continue;
        if (!json_is_array(w) || !json_is_array(g)) {
            ck_abort_msg("member %s differs", key);
            return;
        }
        if (json_array_size(w) != json_array_size(g))
            ck_abort_msg("%s: %zu expected, %zu in the store (lost or extra writes)", key,
                         json_array_size(w), json_array_size(g));
        for (size_t i = 0; i < json_array_size(w); i++)
            if (!json_equal(json_array_get(w, i), json_array_get(g, i))) {
                char *a = json_dumps(json_array_get(w, i), JSON_COMPACT);
                char *b = json_dumps(json_array_get(g, i), JSON_COMPACT);
                ck_abort_msg("%s[%zu] differs:\nexpected %s\nstored   %s", key, i, a, b);
            }
    }
    ck_abort_msg("the stores differ in a member the reference lacks");
}

static int count_of(json_t *root, const char *member)
{
    return (int)json_array_size(json_object_get(root, member));
}

START_TEST(parallel_writers)
{
    make_store();
    /* the reference: the same work, one writer after the other, in memory */
    itav_db *ref;
    tally seq = {0};
    ck_assert(itav_open(&ref, "memory:") == ITAV_OK && gen_offers(ref) == ITAV_OK);
    for (int k = 0; k < WRITERS; k++)
        writer(ref, k, &seq);
    ck_assert_msg(seq.failed == 0, "the work itself fails: %s", seq.first_error);
    char *want_text = NULL;
    ck_assert(itav_export_json_string(&want_text, ref) == ITAV_OK);
    itav_close(ref);

    /* the writers wait at a closed-later pipe, so that they start together */
    int gate[2], report[WRITERS][2];
    pid_t pid[WRITERS];
    ck_assert(pipe(gate) == 0);
    for (int k = 0; k < WRITERS; k++) {
        ck_assert(pipe(report[k]) == 0);
        pid[k] = fork();
        ck_assert(pid[k] >= 0);
        if (pid[k] == 0) {
            char c;
            tally t = {0};
            itav_db *db;
            close(gate[1]);
            close(report[k][0]);
            if (read(gate[0], &c, 1) < 0)
                _exit(2);
            double t0 = gen_now();
            if (itav_open(&db, uri) != ITAV_OK) {
                t.failed = 1;
                snprintf(t.first_error, sizeof t.first_error, "open: %s", itav_errmsg(db));
            } else {
                writer(db, k, &t);
            }
            itav_close(db);
            char line[800];
            int n = snprintf(line, sizeof line, "%d %d %d %.3f %.3f %s", t.calls, t.failed,
                             t.busy, t.longest, gen_now() - t0, t.first_error);
            _exit(write(report[k][1], line, (size_t)n) == n ? 0 : 2);
        }
        close(report[k][1]);
    }
    close(gate[0]);
    double t0 = gen_now();
    close(gate[1]); /* go */
    int calls = 0, failed = 0, busy = 0;
    double longest = 0;
    char first_error[600] = "";
    for (int k = 0; k < WRITERS; k++) {
        char line[800] = "";
        int status, c = 0, f = 0, b = 0;
        double slow = 0, took = 0;
        ssize_t n = read(report[k][0], line, sizeof line - 1);
        close(report[k][0]);
        waitpid(pid[k], &status, 0);
        ck_assert_msg(n > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
                      "writer %d died (status %d)", k, status);
        line[n] = '\0';
        int used = 0;
        ck_assert(sscanf(line, "%d %d %d %lf %lf %n", &c, &f, &b, &slow, &took, &used) == 5);
        printf("writer %d: %d calls in %.2f s, %d failed (%d busy), slowest call %.0f ms\n", k,
               c, took, f, b, slow * 1e3);
        calls += c, failed += f, busy += b;
        if (slow > longest)
            longest = slow;
        if (f && !first_error[0])
            snprintf(first_error, sizeof first_error, "writer %d: %s", k, line + used);
    }
    printf("%d writers, %d calls (each its own transaction) in %.2f s; slowest call %.0f ms\n",
           WRITERS, calls, gen_now() - t0, longest * 1e3);
    fflush(stdout);
    ck_assert_msg(busy == 0, "%d calls saw ITAV_EBUSY; first: %s", busy, first_error);
    ck_assert_msg(failed == 0, "%d calls failed; first: %s", failed, first_error);

    /* every write is there, exactly */
    char *got_text = gen_export(uri);
    ck_assert(got_text != NULL);
    json_t *want = canonical(want_text), *got = canonical(got_text);
    ck_assert_int_eq(count_of(want, "participants"), WRITERS * PER_WRITER);
    ck_assert_int_eq(count_of(want, "matches"), WRITERS * PER_WRITER / 10);
    ck_assert_int_eq(count_of(want, "reviews"), WRITERS * PER_WRITER / 10);
    if (!json_equal(want, got))
        explain_difference(want, got);
    printf("all %d participants, %d matches and %d reviews are there\n",
           count_of(got, "participants"), count_of(got, "matches"), count_of(got, "reviews"));
    json_decref(want);
    json_decref(got);
    itav_free(want_text);
    itav_free(got_text);
    remove_store();
}
END_TEST

/* ---- a busy store ---- */

static void add_participant(itav_db *db, const char *ref)
{
    gen_text csv = {NULL, 0, 0};
    gen_rng r = {12345};
    gen_header(&csv);
    gen_row(&csv, &r, ref, GEN_OFFER_BULK, true);
    int rc = itav_import_participants_csv_string(db, csv.s, NULL, NULL);
    ck_assert_msg(rc == ITAV_OK, "%s", itav_errmsg(db));
    free(csv.s);
}

static itav_participant *new_participant(const char *ref)
{
    itav_participant *p;
    ck_assert(itav_participant_new(&p, ref, GEN_OFFER_BULK, ITAV_PARTICIPANT_PARENT) == ITAV_OK);
    return p;
}

static sqlite3 *raw_open(void)
{
    sqlite3 *raw;
    ck_assert(sqlite3_open_v2(store, &raw, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK);
    return raw;
}

static void raw_exec(sqlite3 *raw, const char *sql)
{
    ck_assert_msg(sqlite3_exec(raw, sql, NULL, NULL, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(raw));
}

START_TEST(short_lock_is_waited_for)
{
    itav_db *db;
    int ready[2];
    make_store();
    ck_assert(itav_open(&db, uri) == ITAV_OK);
    ck_assert(pipe(ready) == 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        /* another process takes the write lock, holds it a second, then commits */
        sqlite3 *raw;
        close(ready[0]);
        if (sqlite3_open_v2(store, &raw, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
            sqlite3_exec(raw, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
            write(ready[1], "L", 1) != 1)
            _exit(2);
        sleep(1);
        _exit(sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : 3);
    }
    close(ready[1]);
    char c;
    ck_assert(read(ready[0], &c, 1) == 1);
    close(ready[0]);
    itav_participant *p = new_participant("waits-1");
    double t0 = gen_now();
    int rc = itav_participant_create(db, p);
    double waited = gen_now() - t0;
    ck_assert_msg(rc == ITAV_OK, "a write while another process held the lock for 1 s: %s",
                  itav_errmsg(db));
    printf("a write arriving during a 1 s lock waited %.0f ms and succeeded\n", waited * 1e3);
    fflush(stdout);
    ck_assert_msg(waited > 0.5 && waited < BUSY_TIMEOUT_S, "waited %.3f s", waited);
    int status;
    waitpid(pid, &status, 0);
    ck_assert_int_eq(status, 0);
    itav_participant *back = NULL;
    ck_assert(itav_participant_get(&back, db, "waits-1") == ITAV_OK);
    itav_participant_free(back);
    itav_participant_free(p);
    itav_close(db);
    remove_store();
}
END_TEST

START_TEST(long_lock_gives_ebusy)
{
    itav_db *db, *other;
    make_store();
    ck_assert(itav_open(&db, uri) == ITAV_OK);
    add_participant(db, "stays-1");
    char *before = gen_export(uri);
    ck_assert(before != NULL);

    /* a raw connection holds the write lock, with an uncommitted change */
    sqlite3 *raw = raw_open();
    raw_exec(raw, "BEGIN IMMEDIATE");
    raw_exec(raw, "DELETE FROM records WHERE kind = 'participant' AND key = 'stays-1'");

    /* a reader is not blocked, and does not see the uncommitted delete */
    itav_participant *p = NULL;
    double t0 = gen_now();
    ck_assert_msg(itav_participant_get(&p, db, "stays-1") == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
    itav_participant_iter *it;
    int n = 0;
    ck_assert(itav_participant_list(&it, db, NULL) == ITAV_OK);
    while (itav_participant_iter_next(&p, it) == ITAV_OK) {
        n++;
        itav_participant_free(p);
    }
    itav_participant_iter_free(it);
    ck_assert_int_eq(n, 1);
    /* nor is a new connection: opening only reads the schema version */
    ck_assert_msg(itav_open(&other, uri) == ITAV_OK, "open while locked: %s",
                  itav_errmsg(other));
    ck_assert(itav_participant_get(&p, other, "stays-1") == ITAV_OK);
    itav_participant_free(p);
    double read_time = gen_now() - t0;
    /* a blocked read would wait out the busy timeout; half of it leaves room for valgrind */
    ck_assert_msg(read_time < 0.5 * BUSY_TIMEOUT_S, "reads took %.3f s while a writer held the lock",
                  read_time);

    /* a writer waits the busy timeout, then gives up with a message that says why */
    p = new_participant("blocked-1");
    t0 = gen_now();
    int rc = itav_participant_create(db, p);
    double waited = gen_now() - t0;
    printf("write under a held lock: %s after %.0f ms: %s\n", itav_strerror(rc), waited * 1e3,
           itav_errmsg(db));
    fflush(stdout);
    ck_assert_msg(rc == ITAV_EBUSY, "expected ITAV_EBUSY, got %d: %s", rc, itav_errmsg(db));
    ck_assert_msg(waited > 0.9 * BUSY_TIMEOUT_S && waited < 3 * BUSY_TIMEOUT_S,
                  "gave up after %.3f s; the busy timeout is %.0f s", waited, BUSY_TIMEOUT_S);
    ck_assert_msg(strstr(itav_errmsg(db), "locked by another connection") &&
                      strstr(itav_errmsg(db), "waited") && strstr(itav_errmsg(db), " ms"),
                  "message: %s", itav_errmsg(db));
    ck_assert_int_eq(itav_errcode(db), ITAV_EBUSY);

    /* the holder gives up its change: nothing of the failed write is there */
    raw_exec(raw, "ROLLBACK");
    sqlite3_close(raw);
    char *after = gen_export(uri);
    ck_assert(after != NULL);
    ck_assert_str_eq(after, before);
    /* and the same write goes through now */
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
    itav_free(before);
    itav_free(after);
    itav_close(other);
    itav_close(db);
    remove_store();
}
END_TEST

/* READERS_PAIRS asking and as many supporting participants on the assignment offer, matched
 * by a written assignment, the matches in their trial. */
#define READERS_PAIRS 150

static void matched_store(itav_db *db)
{
    gen_text csv = {NULL, 0, 0};
    gen_rng r = {777};
    char ref[32];
    gen_header(&csv);
    for (int i = 0; i < 2 * READERS_PAIRS; i++) {
        snprintf(ref, sizeof ref, "%s%04d", i % 2 ? "s" : "a", i / 2);
        gen_row(&csv, &r, ref, GEN_OFFER_ASSIGN, i % 2 == 0);
    }
    ck_assert_msg(itav_import_participants_csv_string(db, csv.s, NULL, NULL) == ITAV_OK, "%s",
                  itav_errmsg(db));
    free(csv.s);
    itav_assignment *a;
    ck_assert_msg(itav_match_assign(&a, db, GEN_OFFER_ASSIGN, NULL, ITAV_ASSIGN_WRITE,
                                    19000) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_msg(itav_assignment_count(a) > READERS_PAIRS / 2, "only %zu matches",
                  itav_assignment_count(a));
    /* started matches: the report reads their asking participants */
    for (size_t i = 0; i < itav_assignment_count(a); i++) {
        const char *id = itav_assignment_match_id(a, i);
        ck_assert_msg(itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, 19001,
                                         ITAV_ACTOR_COORDINATOR, 0, NULL) == ITAV_OK &&
                          itav_match_advance(db, id, ITAV_MATCH_TRIAL, 19002,
                                             ITAV_ACTOR_COORDINATOR, 0, NULL) == ITAV_OK,
                      "%s", itav_errmsg(db));
    }
    itav_assignment_free(a);
}

START_TEST(reads_see_one_state)
{
    itav_db *db;
    int ready[2];
    make_store();
    ck_assert(itav_open(&db, uri) == ITAV_OK);
    matched_store(db);
    ck_assert(pipe(ready) == 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) { /* erases every participant, one transaction each */
        itav_db *w;
        char ref[32];
        close(ready[0]);
        if (itav_open(&w, uri) != ITAV_OK || write(ready[1], "E", 1) != 1)
            _exit(2);
        for (int i = 0; i < 2 * READERS_PAIRS; i++) {
            snprintf(ref, sizeof ref, "%s%04d", i % 2 ? "s" : "a", i / 2);
            int rc = itav_participant_erase(w, ref, NULL);
            if (rc != ITAV_OK && rc != ITAV_EBUSY && rc != ITAV_EIO)
                _exit(3);
            nanosleep(&(struct timespec){0, 2000000}, NULL); /* spread over the readers' rounds */
        }
        itav_close(w);
        _exit(0);
    }
    close(ready[1]);
    char c;
    ck_assert(read(ready[0], &c, 1) == 1);
    close(ready[0]);
    int reads = 0, status;
    itav_report_options ro = ITAV_REPORT_OPTIONS_INIT;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        itav_report *rep;
        char *text;
        itav_suggestion_iter *sit = NULL;
        itav_assignment *a;
        ck_assert_msg(itav_report_programme(&rep, db, GEN_OFFER_ASSIGN, &ro) == ITAV_OK,
                      "a report beside an erasing process (read %d): %s", reads,
                      itav_errmsg(db));
        itav_report_free(rep);
        if (reads++ % 8) /* reports are quick: the slower reads every eighth round */
            continue;
        ck_assert_msg(itav_export_json_string(&text, db) == ITAV_OK,
                      "an export beside an erasing process (read %d): %s", reads,
                      itav_errmsg(db));
        itav_free(text);
        int rc = itav_match_suggest(&sit, db, "a0149", 5, NULL);
        ck_assert_msg(rc == ITAV_OK || rc == ITAV_ENOTFOUND, "suggestions (read %d): %s", reads,
                      itav_errmsg(db));
        itav_suggestion_iter_free(sit);
        ck_assert_msg(itav_match_assign(&a, db, GEN_OFFER_ASSIGN, NULL, ITAV_ASSIGN_DRY_RUN,
                                        19000) == ITAV_OK,
                      "a dry-run assignment (read %d): %s", reads, itav_errmsg(db));
        itav_assignment_free(a);
    }
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the eraser failed: %d",
                  status);
    printf("%d rounds of report, export, suggestions and assignment beside an erasing "
           "process: all whole\n", reads);
    fflush(stdout);
    ck_assert_int_gt(reads, 0);

    /* an export reads a snapshot: a writer holding the write lock does not hold it up */
    sqlite3 *raw = raw_open();
    raw_exec(raw, "BEGIN IMMEDIATE");
    raw_exec(raw, "DELETE FROM records WHERE kind = 'review'");
    char *text;
    double t0 = gen_now();
    ck_assert_msg(itav_export_json_string(&text, db) == ITAV_OK, "export under a held lock: %s",
                  itav_errmsg(db));
    double took = gen_now() - t0;
    itav_free(text);
    raw_exec(raw, "ROLLBACK");
    sqlite3_close(raw);
    ck_assert_msg(took < 0.5 * BUSY_TIMEOUT_S, "the export waited %.3f s for the writer", took);
    itav_close(db);
    remove_store();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("concurrency");
    TCase *tc = tcase_create("sqlite");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, parallel_writers);
    tcase_add_test(tc, short_lock_is_waited_for);
    tcase_add_test(tc, long_lock_gives_ebusy);
    tcase_add_test(tc, reads_see_one_state);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
