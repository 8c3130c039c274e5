/* Crash consistency: kills (SIGKILL) a process in the middle of a large import, of a large
 * assignment into a SQLite store and of the upgrade of a store of record format 1 (JSON text)
 * to format 2 (CBOR), many times, and checks after each kill that the file is intact (PRAGMA
 * integrity_check) and that the operation is all there or not there at all.
 *
 *   test_crash_kill CRASH_CHILD FORMAT1_STORE FORMAT1_EXPORT
 *
 * FORMAT1_STORE is tests/data/store-format1.db (made by the previous library) and
 * FORMAT1_EXPORT its export, tests/data/store-format1-export.json. The upgrade of that small
 * store takes only about 15 ms, too short to aim kills into reliably on a busy machine, so
 * the upgrade is killed in a bigger format-1 store made from it at test time (see
 * make_format1_store()).
 *
 * For each operation it first runs crash_child to the end twice, to learn when the
 * transaction begins, commits and is durable (crash_child reports its steps through a pipe),
 * and keeps the result as the reference. Then, ITAV_CRASH_KILLS times (default 50), it
 * copies the store as it was before the operation, starts crash_child, waits for one of its
 * steps and kills it after a random delay, the kinds in a fixed interleaved order:
 *   anywhere  (15%) from the start of the operation to the end of the process;
 *   txn       (45%) from the BEGIN to the end of the COMMIT;
 *   commit    (25%) from the moment SQLite starts to commit to the end of the COMMIT, where
 *             the write-ahead log is written and synced;
 *   close     (15%) while itav_close() runs, where SQLite copies the log into the main file
 *             (checkpoint) and removes it.
 * After the kill the store must pass PRAGMA integrity_check (raw SQLite, which also replays
 * the log) and its libitav export must equal the store before the operation (killed before
 * the COMMIT started), the reference (killed after the COMMIT returned), or either (killed
 * inside the COMMIT: then it must be there exactly when the log, read before anything opens
 * the store, holds a valid commit frame). At least half of the kills must land inside the
 * transaction, and some inside the COMMIT, or the test would test nothing (judged in runs of
 * 20 kills or more). The delays come from ITAV_CRASH_SEED (printed; random when not set), so
 * a run can be repeated with the same delays, though not with the same timing of the
 * machine.
 *
 * The upgrade changes how the records are stored, not what they say, so its export is the
 * same before and after. Its state is read from the records themselves with raw SQLite
 * before libitav opens the store: entirely format 1 (no meta record, every record of the six
 * kinds JSON text, starting with '{') or entirely format 2 (meta format = "2", no record
 * starting with '{'); then libitav's export (which upgrades a format-1 store again) must be
 * the expected one, made without the upgrade (make_upgrade_expected()). */
#include "crashgen.h"
#include "../c/testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Sizes: the import takes a few tenths of a second on the CI machine, the assignment about
 * as long (most of it inside its transaction). */
#define ASKING 500       /* waiting families in the assignment's offer */
#define SUPPORTING 500   /* support families in it */
#define BULK 2000        /* participants in the other offer, to make the import big */
#define ASSIGN_DATE "2022-01-10"
/* The upgrade: each participant of the format-1 store that is not matched (20 of 22) is
 * copied this many times (1,600 more records), so that the upgrade's transaction lasts
 * about 50 ms instead of 15. */
#define UPGRADE_COPIES 80

static const char *child_path;
static char dir[4096];
static int failures;

/* ---- kill schedule and random delays ---- */

/* The kinds of kill in a fixed order: in every 20 kills 9 txn (T), 5 commit (C), 3 anywhere
 * (A) and 3 close (L). The order is fixed, not drawn, so that the quick runs (3 kills under
 * valgrind, 5 under the sanitizers) still aim most kills at the transaction: a random draw
 * once aimed only 1 of 3 there. Every prefix of 2 or more has at least half T and C; only
 * the delays are random. */
static const char kill_schedule[] = "TCTATLCTATCLTCTATCLT";
#define KILL_PATTERN ((int)sizeof kill_schedule - 1)

static uint64_t rng_state;
static double uniform(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

static void flunk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void flunk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fflush(stdout);
    failures++;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("ERROR: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    exit(1);
}

/* buf = a b, or die if it does not fit. */
static void join(char *buf, size_t size, const char *a, const char *b)
{
    if (snprintf(buf, size, "%s%s", a, b) >= (int)size)
        die("path too long: %s%s", a, b);
}

static void path_in_dir(char *buf, size_t size, const char *name)
{
    if (snprintf(buf, size, "%s/%s", dir, name) >= (int)size)
        die("path too long: %s/%s", dir, name);
}

/* ---- the data ---- */

/* The dataset the import reads: the crash offers and their participants, a few matches with
 * a review each, made in a memory store and exported. */
static void make_dataset(const char *path)
{
    itav_db *db;
    gen_text csv = {NULL, 0, 0};
    gen_rng r = {0x9E3779B97F4A7C15u};
    char ref[32];
    if (itav_open(&db, "memory:") != ITAV_OK || gen_offers(db) != ITAV_OK)
        die("memory store: %s", itav_errmsg(db));
    gen_header(&csv);
    for (int i = 0; i < ASKING; i++) {
        snprintf(ref, sizeof ref, "ask-%05d", i);
        gen_row(&csv, &r, ref, GEN_OFFER_ASSIGN, true);
    }
    for (int i = 0; i < SUPPORTING; i++) {
        snprintf(ref, sizeof ref, "sup-%05d", i);
        gen_row(&csv, &r, ref, GEN_OFFER_ASSIGN, false);
    }
    for (int i = 0; i < BULK; i++) {
        snprintf(ref, sizeof ref, "bulk-%05d", i);
        gen_row(&csv, &r, ref, GEN_OFFER_BULK, i % 2 == 0);
    }
    if (itav_import_participants_csv_string(db, csv.s, "generated", NULL) != ITAV_OK)
        die("generated participants: %s", itav_errmsg(db));
    free(csv.s);
    /* matches and reviews, so that the import writes every kind of record */
    int32_t day;
    itav_date_parse(&day, "2021-06-01");
    for (int i = 0; i < 40; i++) {
        char asking[32], supporting[32], *id = NULL;
        itav_review *rv = NULL;
        snprintf(asking, sizeof asking, "bulk-%05d", 2 * i);
        snprintf(supporting, sizeof supporting, "bulk-%05d", 2 * i + 1);
        if (itav_match_propose(&id, db, asking, supporting, day, ITAV_ACTOR_COORDINATOR, NULL,
                               NULL) != ITAV_OK)
            continue; /* an excluded pair (capacity, distance): take the next one */
        if (itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, day + 7, ITAV_ACTOR_COORDINATOR, 0,
                               NULL) != ITAV_OK ||
            itav_match_advance(db, id, ITAV_MATCH_TRIAL, day + 14, ITAV_ACTOR_COORDINATOR, 0,
                               "start") != ITAV_OK ||
            itav_review_new(&rv, ITAV_REVIEW_TRIAL, day + 60, ITAV_RESPONDENT_ASKING) != ITAV_OK ||
            itav_review_set_satisfaction(rv, 1 + i % 10) != ITAV_OK ||
            itav_review_add(NULL, db, id, rv) != ITAV_OK)
            die("match %s: %s", id, itav_errmsg(db));
        itav_review_free(rv);
        itav_free(id);
    }
    if (itav_export_json_file(db, path) != ITAV_OK)
        die("export %s: %s", path, itav_errmsg(db));
    itav_close(db);
}

/* A SQLite store with the built-in catalogue: the state before the import. */
static void make_catalogue_store(const char *path)
{
    char uri[4200];
    itav_db *db;
    join(uri, sizeof uri, "sqlite:", path);
    if (itav_open(&db, uri) != ITAV_OK || itav_catalog_load(db) != ITAV_OK)
        die("%s: %s", uri, itav_errmsg(db));
    itav_close(db);
}

/* ---- the upgrade's store ---- */

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0)
        die("cannot read %s: %s", path, strerror(errno));
    char *text = malloc((size_t)st.st_size + 1);
    if (!text || fread(text, 1, (size_t)st.st_size, f) != (size_t)st.st_size)
        die("cannot read %s", path);
    text[st.st_size] = '\0';
    fclose(f);
    return text;
}

/* Runs SQL on the file with raw SQLite, or dies. */
static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *s;
    char *err = NULL;
    if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(s, sql, NULL, NULL, &err) != SQLITE_OK)
        die("%s: %s", path, err ? err : sqlite3_errmsg(s));
    sqlite3_close(s);
}

/* A format-1 store bigger than tests/data/store-format1.db: that store, and each of its
 * participants that is not matched copied UPGRADE_COPIES times under new keys (KEY-c001,
 * ...), as the previous library stored them: the same index values, and the record's JSON
 * text with the new key as its "ref" (every participant's text begins {"ref":"KEY"). Written
 * with raw SQLite; closing the last connection leaves no write-ahead log. */
static void make_format1_store(const char *from, const char *path)
{
    char sql[1024];
    gen_remove_store(path);
    if (gen_copy_file(from, path) != 0)
        die("copy %s to %s: %s", from, path, strerror(errno));
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
             "INSERT INTO records (kind, key, i0, i1, i2, i3, data) "
             "SELECT kind, key || printf('-c%%03d', i), i0, i1, i2, i3, "
             "CAST('{\"ref\":\"' || key || printf('-c%%03d', i) || "
             "substr(CAST(data AS TEXT), length(key) + 9) AS BLOB) "
             "FROM records, n WHERE kind = 'participant' "
             "AND substr(CAST(data AS TEXT), 1, length(key) + 9) = '{\"ref\":\"' || key || '\"' "
             "AND CAST(data AS TEXT) NOT LIKE '%%\"status\":\"matched\"%%'",
             UPGRADE_COPIES);
    raw_exec(path, sql);
}

/* The export the upgraded store must give, made without the upgrade: the committed export of
 * the small store imported into a memory store, then the copied participants, as the JSON
 * text they are stored as in the big store. */
static char *make_upgrade_expected(const char *small_export, const char *big)
{
    sqlite3 *s;
    sqlite3_stmt *st;
    itav_db *db;
    char *text = NULL;
    gen_text doc = {NULL, 0, 0};
    int copies = 0;
    gen_add(&doc, "{\"format\": \"itav/1\", \"participants\": [");
    if (sqlite3_open_v2(big, &s, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK || /* no log left */
        sqlite3_prepare_v2(s, "SELECT CAST(data AS TEXT) FROM records WHERE kind = "
                              "'participant' AND key GLOB '*-c[0-9][0-9][0-9]' ORDER BY key",
                           -1, &st, NULL) != SQLITE_OK)
        die("%s: %s", big, sqlite3_errmsg(s));
    while (sqlite3_step(st) == SQLITE_ROW)
        gen_add(&doc, "%s%s", copies++ ? ",\n" : "\n", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(s);
    gen_add(&doc, "]}\n");
    if (copies != 20 * UPGRADE_COPIES) /* the 20 participants that are not matched */
        die("%s: %d copied participants, expected %d", big, copies, 20 * UPGRADE_COPIES);
    if (itav_open(&db, "memory:") != ITAV_OK ||
        itav_import_json_file(db, small_export) != ITAV_OK ||
        itav_import_json_string(db, doc.s, "copied participants") != ITAV_OK ||
        itav_export_json_string(&text, db) != ITAV_OK)
        die("the expected export of the upgrade: %s", itav_errmsg(db));
    itav_close(db);
    free(doc.s);
    return text;
}

/* The record format of a SQLite store, read with raw SQLite before libitav opens it: 1 if it
 * has no meta record and every record of the six kinds is JSON text, 2 if its meta format is
 * "2" and none is JSON text, 0 if it is neither (or cannot be read); what holds `why`. */
static int raw_format(const char *path, char *why, size_t size)
{
    sqlite3 *s;
    sqlite3_stmt *st;
    int format = 0;
    if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            s,
            "SELECT (SELECT count(*) FROM records WHERE kind = 'meta'),"
            " (SELECT CAST(data AS TEXT) FROM records WHERE kind = 'meta' AND key = 'format'),"
            " count(*), total(hex(substr(data, 1, 1)) = '7B') FROM records WHERE kind IN"
            " ('intervention', 'offer', 'participant', 'match', 'review', 'indicator')",
            -1, &st, NULL) != SQLITE_OK) {
        snprintf(why, size, "cannot read the records: %s", sqlite3_errmsg(s));
        sqlite3_close(s);
        return 0;
    }
    if (sqlite3_step(st) == SQLITE_ROW) {
        long meta = sqlite3_column_int64(st, 0), records = sqlite3_column_int64(st, 2),
             json = (long)sqlite3_column_double(st, 3);
        const char *mark = (const char *)sqlite3_column_text(st, 1);
        if (records > 0 && meta == 0 && json == records)
            format = 1;
        else if (records > 0 && meta == 1 && mark && strcmp(mark, "2") == 0 && json == 0)
            format = 2;
        snprintf(why, size, "%ld meta records (format %s), %ld of %ld records JSON text", meta,
                 mark ? mark : "none", json, records);
    } else {
        snprintf(why, size, "cannot read the records: %s", sqlite3_errmsg(s));
    }
    sqlite3_finalize(st);
    sqlite3_close(s);
    return format;
}

/* ---- the write-ahead log, read before anything opens the store ---- */

typedef struct wal_info {
    bool present;
    long valid;       /* frames whose salts and checksums are right */
    long committed;   /* of those, up to and including the last commit frame */
    long uncommitted; /* valid frames after the last commit frame: a transaction cut off */
    long torn_bytes;  /* bytes after the last valid frame (a frame cut in two, or stale) */
} wal_info;

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* The log's running checksum (fileformat2.html, "Checksum Algorithm"). */
static void wal_sum(bool big, const unsigned char *p, size_t n, uint32_t s[2])
{
    for (size_t i = 0; i + 8 <= n; i += 8) {
        s[0] += (big ? be32(p + i) : le32(p + i)) + s[1];
        s[1] += (big ? be32(p + i + 4) : le32(p + i + 4)) + s[0];
    }
}

static wal_info read_wal(const char *db_path)
{
    wal_info w = {false, 0, 0, 0, 0};
    char path[4200];
    struct stat st;
    join(path, sizeof path, db_path, "-wal");
    FILE *f = fopen(path, "rb");
    if (!f)
        return w;
    w.present = true;
    if (fstat(fileno(f), &st) != 0 || st.st_size < 32) {
        w.torn_bytes = st.st_size;
        fclose(f);
        return w;
    }
    size_t size = (size_t)st.st_size;
    unsigned char *p = malloc(size);
    if (!p || fread(p, 1, size, f) != size)
        die("cannot read %s", path);
    fclose(f);
    uint32_t magic = be32(p), page = be32(p + 8), s[2] = {0, 0};
    bool big = magic == 0x377f0683;
    size_t off = 32;
    wal_sum(big, p, 24, s);
    if ((magic == 0x377f0682 || big) && s[0] == be32(p + 24) && s[1] == be32(p + 28)) {
        for (; off + 24 + page <= size; off += 24 + page) {
            const unsigned char *h = p + off;
            if (be32(h + 8) != be32(p + 16) || be32(h + 12) != be32(p + 20))
                break;
            wal_sum(big, h, 8, s);
            wal_sum(big, h + 24, page, s);
            if (s[0] != be32(h + 16) || s[1] != be32(h + 20))
                break;
            w.valid++;
            if (be32(h + 4) != 0)
                w.committed = w.valid;
        }
    }
    w.uncommitted = w.valid - w.committed;
    w.torn_bytes = (long)(size - off);
    free(p);
    return w;
}

/* ---- running the child ---- */

enum { STEP_S, STEP_B, STEP_C, STEP_K, STEP_D, STEP_E, STEP_R, STEPS };
static const char step_letters[] = "SBCKDER";

typedef struct run {
    pid_t pid;
    int fd;             /* read end of the step pipe */
    double start;       /* when the child was started */
    double at[STEPS];   /* when each step happened (child's clock), from start; < 0 if not */
    char seen[STEPS + 1];
    int repeated; /* steps reported more than once: more than one transaction */
    int status;
    unsigned char pending[64]; /* a record read in part */
    size_t have;
} run;

static void start_child(run *r, const char *store, char *const op[])
{
    int p[2];
    if (pipe(p) != 0)
        die("pipe: %s", strerror(errno));
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    char fd[16];
    snprintf(fd, sizeof fd, "%d", p[1]);
    char *argv[8] = {(char *)child_path, fd, (char *)store};
    for (int i = 0; op[i] && i < 4; i++)
        argv[3 + i] = op[i];
    memset(r, 0, sizeof *r);
    for (int i = 0; i < STEPS; i++)
        r->at[i] = -1;
    r->start = gen_now();
    r->pid = fork();
    if (r->pid < 0)
        die("fork: %s", strerror(errno));
    if (r->pid == 0) {
        execv(child_path, argv);
        _exit(127);
    }
    close(p[1]);
    r->fd = p[0];
}

/* Reads the steps the child reports until `until` has been seen (or, with until < 0, until
 * the pipe closes). Returns false if the pipe closed first. */
static bool read_steps(run *r, int until)
{
    enum { RECORD = 1 + sizeof(double) }; /* as crash_child writes them */
    while (until < 0 || r->at[until] < 0) {
        ssize_t n = read(r->fd, r->pending + r->have, sizeof r->pending - r->have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return until < 0;
        r->have += (size_t)n;
        size_t used = 0;
        for (; r->have - used >= RECORD; used += RECORD) {
            char letter = (char)r->pending[used];
            const char *c = letter ? strchr(step_letters, letter) : NULL;
            double t;
            if (!c)
                die("child wrote an unknown step %d", letter);
            memcpy(&t, r->pending + used + 1, sizeof t);
            int k = (int)(c - step_letters);
            if (r->at[k] < 0) {
                r->at[k] = t - r->start;
                r->seen[strlen(r->seen)] = letter;
            } else {
                r->repeated++;
            }
        }
        memmove(r->pending, r->pending + used, r->have - used);
        r->have -= used;
    }
    return true;
}

static void finish_child(run *r)
{
    read_steps(r, -1);
    close(r->fd);
    while (waitpid(r->pid, &r->status, 0) < 0 && errno == EINTR)
        ;
}

static void fresh_copy(const char *before, const char *work)
{
    gen_remove_store(work);
    if (gen_copy_file(before, work) != 0)
        die("copy %s to %s: %s", before, work, strerror(errno));
}


/* ---- one operation ---- */

typedef struct operation {
    const char *name;
    const char *before;  /* the store before the operation (never opened after it is made) */
    char *const *args;   /* crash_child's operation and its arguments */
    char *before_text, *after_text;
    /* The upgrade: the export is the same before and after (before_text, given), and which
     * of the two a store is is told by raw_format(): 1 before, 2 after. */
    bool by_format;
} operation;

/* The windows the kills are spread over: the whole run (from S to E), the transaction (B
 * to K) and the COMMIT (C to K), each the shortest seen in any run so far. The shortest,
 * not a mean: on a busy machine a delay longer than a fast run misses it, while a shorter
 * one still lands inside a slow run. */
typedef struct windows {
    double run, txn, commit, close;
} windows;

static void shorter(double *window, double from, double to)
{
    if (from >= 0 && to >= 0 && to - from < *window)
        *window = to - from;
}

static void learn(windows *w, const run *r)
{
    shorter(&w->run, r->at[STEP_S], r->at[STEP_E]);
    shorter(&w->txn, r->at[STEP_B], r->at[STEP_K]);
    shorter(&w->commit, r->at[STEP_C], r->at[STEP_K]);
    shorter(&w->close, r->at[STEP_D], r->at[STEP_E]);
}

/* Runs the operation to the end twice; leaves the windows in w, the first run's steps in
 * t[] (from S) and the result in op->after_text. `result` keeps a copy of the store after
 * the operation. */
static void calibrate(operation *op, windows *w, double t[STEPS], const char *result)
{
    char work[4200], uri[4300], diff[400];
    path_in_dir(work, sizeof work, "work.db");
    join(uri, sizeof uri, "sqlite:", work);
    *w = (windows){1e9, 1e9, 1e9, 1e9};
    for (int i = 0; i < 2; i++) {
        run r;
        fresh_copy(op->before, work);
        start_child(&r, work, op->args);
        finish_child(&r);
        if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0 || strcmp(r.seen, "SBCKDE") != 0)
            die("%s: crash_child did not run to the end (status %d, steps \"%s\")", op->name,
                r.status, r.seen);
        if (r.repeated)
            die("%s: the operation used more than one transaction", op->name);
        learn(w, &r);
        for (int k = 0; i == 0 && k < STEPS; k++)
            t[k] = r.at[k] - r.at[STEP_S];
        char why[256];
        if (op->by_format && raw_format(work, why, sizeof why) != 2)
            die("%s: a complete run did not leave the store in format 2: %s", op->name, why);
        char *text = gen_export(uri);
        if (!text)
            die("%s: cannot export the result", op->name);
        if (i == 0) {
            op->after_text = text;
            if (op->by_format && strcmp(text, op->before_text) != 0) {
                gen_first_difference(diff, sizeof diff, op->before_text, text);
                die("%s: the upgraded store's export is not the expected one, %s", op->name,
                    diff);
            }
            if (!op->by_format && strcmp(text, op->before_text) == 0)
                die("%s: the operation changed nothing", op->name);
        } else {
            if (strcmp(text, op->after_text) != 0) {
                gen_first_difference(diff, sizeof diff, op->after_text, text);
                die("%s: two complete runs gave different stores, %s", op->name, diff);
            }
            itav_free(text);
        }
    }
    if (result) {
        gen_remove_store(result);
        if (gen_copy_file(work, result) != 0)
            die("copy: %s", strerror(errno));
    }
}

/* Whether two files have the same bytes. */
static bool same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    bool same = fa && fb;
    while (same) {
        char x[1 << 15], y[1 << 15];
        size_t n = fread(x, 1, sizeof x, fa), m = fread(y, 1, sizeof y, fb);
        same = n == m && memcmp(x, y, n) == 0;
        if (n < sizeof x)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

enum outcome { BEFORE, IN_TXN, IN_COMMIT, AFTER, CLOSING, COMPLETED, OUTCOMES };
static const char *const outcome_names[] = {"before the transaction", "inside the transaction",
                                            "inside the COMMIT", "after the COMMIT",
                                            "while closing", "not at all (it had finished)"};

/* Kills the operation `kills` times; `result`, if given, receives a copy of the store after a
 * complete run. */
static void run_operation(operation *op, int kills, const char *result)
{
    char work[4200], uri[4300], diff[400], kept[4300], why_format[256] = "";
    double t[STEPS], t0 = gen_now();
    windows w;
    int count[OUTCOMES] = {0}, commit_kept = 0, with_uncommitted = 0, with_committed_log = 0,
        torn = 0, mid_checkpoint = 0;
    path_in_dir(work, sizeof work, "work.db");
    join(uri, sizeof uri, "sqlite:", work);

    printf("\n== %s ==\n", op->name);
    if (read_wal(op->before).present)
        die("%s: the store before has a write-ahead log; only its main file is copied",
            op->name);
    fresh_copy(op->before, work);
    if (op->by_format && raw_format(work, why_format, sizeof why_format) != 1)
        die("%s: the store before is not in format 1: %s", op->name, why_format);
    if (!op->before_text && !(op->before_text = gen_export(uri)))
        die("%s: cannot export the store before", op->name);
    calibrate(op, &w, t, result);
    printf("a complete run, in ms from the start of the operation: BEGIN %.1f, "
           "commit starts %.1f, COMMIT done %.1f, operation returned %.1f, store closed %.1f\n",
           t[STEP_B] * 1e3, t[STEP_C] * 1e3, t[STEP_K] * 1e3, t[STEP_D] * 1e3,
           t[STEP_E] * 1e3);
    printf("the transaction is %.0f%% of the run; the txn and commit kills wait for its "
           "steps, so that most kills land inside it\n",
           100 * (t[STEP_K] - t[STEP_B]) / t[STEP_E]);

    for (int i = 0; i < kills; i++) {
        double delay;
        int anchor;
        const char *mode;
        switch (kill_schedule[i % KILL_PATTERN]) {
        case 'A':
            mode = "anywhere", anchor = STEP_S, delay = uniform() * 1.05 * w.run;
            break;
        case 'T':
            mode = "txn", anchor = STEP_B, delay = uniform() * w.txn;
            break;
        case 'C':
            mode = "commit", anchor = STEP_C, delay = uniform() * 1.1 * w.commit;
            break;
        default:
            mode = "close", anchor = STEP_D, delay = uniform() * 1.05 * w.close;
            break;
        }
        run r;
        fresh_copy(op->before, work);
        start_child(&r, work, op->args);
        if (!read_steps(&r, anchor)) {
            finish_child(&r);
            flunk("%s kill %d: crash_child ended (status %d) before step %c", op->name, i,
                  r.status, step_letters[anchor]);
            continue;
        }
        struct timespec ts = {(time_t)delay, (long)((delay - (double)(time_t)delay) * 1e9)};
        nanosleep(&ts, NULL);
        kill(r.pid, SIGKILL);
        finish_child(&r);
        learn(&w, &r);
        bool killed = WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGKILL;
        if (!killed && !(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0)) {
            flunk("%s kill %d: crash_child failed by itself (status %d)", op->name, i, r.status);
            continue;
        }
        if (r.at[STEP_R] >= 0)
            flunk("%s kill %d: crash_child rolled back (steps %s)", op->name, i, r.seen);

        enum outcome where = !killed            ? COMPLETED
                             : r.at[STEP_B] < 0 ? BEFORE
                             : r.at[STEP_C] < 0 ? IN_TXN
                             : r.at[STEP_K] < 0 ? IN_COMMIT
                             : r.at[STEP_D] < 0 ? AFTER
                                                : CLOSING;
        count[where]++;

        wal_info wal = read_wal(work);
        with_uncommitted += wal.uncommitted > 0;
        with_committed_log += wal.committed > 0;
        torn += wal.torn_bytes > 0;
        /* the closing checkpoint copies the log into the main file, then removes the log */
        bool checkpointing = wal.committed > 0 && !same_file(work, op->before);
        mid_checkpoint += checkpointing;
        char why[512];
        const char *bad = sqlite_integrity_ok(work, why, sizeof why) ? NULL : why;
        /* the records' format, before libitav's export upgrades a format-1 store */
        int format = op->by_format && !bad ? raw_format(work, why_format, sizeof why_format) : 0;
        char *text = bad ? NULL : gen_export(uri);
        bool was_before = text && strcmp(text, op->before_text) == 0 &&
                          (!op->by_format || format == 1);
        bool was_after = text && strcmp(text, op->after_text) == 0 &&
                         (!op->by_format || format == 2);
        const char *state = was_before ? "before" : was_after ? "after" : "NEITHER";
        const char *format_shown = !op->by_format || bad ? ""
                                   : format == 1              ? " (format 1)"
                                   : format == 2              ? " (format 2)"
                                                              : " (mixed formats)";
        printf("kill %2d %-8s +%6.1f ms steps %-6s %-28s log: %3ld committed, %3ld uncommitted "
               "frames%s%s -> %s%s\n",
               i, mode, delay * 1e3, r.seen, outcome_names[where], wal.committed, wal.uncommitted,
               wal.torn_bytes ? ", torn tail" : "", checkpointing ? ", checkpoint begun" : "",
               bad ? "DAMAGED" : state, format_shown);
        fflush(stdout);

        bool ok = true;
        if (bad) {
            flunk("%s kill %d: integrity_check: %s", op->name, i, bad);
            ok = false;
        } else if (!text) {
            flunk("%s kill %d: libitav cannot read the store", op->name, i);
            ok = false;
        } else if (!was_before && !was_after && op->by_format &&
                   strcmp(text, op->before_text) == 0) {
            flunk("%s kill %d: the records are neither all in format 1 nor all in format 2: %s",
                  op->name, i, why_format);
            ok = false;
        } else if (!was_before && !was_after) {
            gen_first_difference(diff, sizeof diff, op->before_text, text);
            flunk("%s kill %d: the store is neither as before nor as after (against before: %s)",
                  op->name, i, diff);
            ok = false;
        } else if ((where == BEFORE || where == IN_TXN) && !was_before) {
            flunk("%s kill %d: killed before the COMMIT, yet the operation is there", op->name, i);
            ok = false;
        } else if (where >= AFTER && !was_after) {
            flunk("%s kill %d: killed after the COMMIT returned, yet the operation is lost",
                  op->name, i);
            ok = false;
        } else if (wal.committed > 0 && !was_after) {
            /* the store before has no log, so a commit frame in it is the operation's */
            flunk("%s kill %d: the log holds the commit, yet the operation is lost", op->name, i);
            ok = false;
        } else if (where == IN_COMMIT && wal.committed == 0 && was_after) {
            flunk("%s kill %d: the commit frame never reached the log, yet the operation is "
                  "there", op->name, i);
            ok = false;
        }
        if (where == IN_COMMIT && was_after)
            commit_kept++;
        if (!ok) {
            snprintf(kept, sizeof kept, "%s/failed-%s-%d.db", dir, op->name, i);
            gen_copy_file(work, kept);
            printf("   (store kept as %s)\n", kept);
        }
        itav_free(text);
    }
    int during = count[IN_TXN] + count[IN_COMMIT];
    printf("%s: %d kills: %d before the transaction, %d inside it (rolled back), %d inside "
           "the COMMIT (%d of them kept by recovery), %d after the COMMIT, %d while closing the "
           "store, %d missed (finished)\n",
           op->name, kills, count[BEFORE], count[IN_TXN], count[IN_COMMIT], commit_kept,
           count[AFTER], count[CLOSING], count[COMPLETED]);
    printf("%s: the log had uncommitted frames after %d kills, a torn tail after %d, the commit "
           "after %d (in %d of them the closing checkpoint had begun to write the main file)\n",
           op->name, with_uncommitted, torn, with_committed_log, mid_checkpoint);
    printf("%s: shortest run %.0f ms, transaction %.0f ms, COMMIT %.1f ms, close %.1f ms; "
           "%.1f s for this operation\n",
           op->name, w.run * 1e3, w.txn * 1e3, w.commit * 1e3, w.close * 1e3, gen_now() - t0);
    /* A test whose kills miss the transaction tests nothing. Its aim is judged over 20 kills
     * or more: the quick runs (3 to 10 kills under valgrind and the sanitizers, whose run
     * times vary by a factor of two on a busy machine) check the same outcomes but are too
     * few to judge where the kills land. */
    if (kills >= 20 && during * 2 < kills)
        flunk("%s: only %d of %d kills landed inside the transaction (want at least half)",
              op->name, during, kills);
    if (kills >= 20 && count[IN_COMMIT] == 0)
        flunk("%s: no kill landed inside the COMMIT", op->name);
}

/* The upgrade of a format-1 store. First its premise: the committed store is all format 1,
 * and the library upgrades a copy of it to the committed export, byte for byte. Then the
 * kills, in the bigger store made from it. */
static void run_upgrade(operation *op, int kills, const char *format1_store,
                        const char *format1_export)
{
    static char big[4200];
    char small[4200], small_uri[4300], why[256];
    path_in_dir(small, sizeof small, "format1-small.db");
    path_in_dir(big, sizeof big, "format1.db");
    join(small_uri, sizeof small_uri, "sqlite:", small);
    fresh_copy(format1_store, small); /* raw SQLite opens it too: never the committed file */
    if (raw_format(small, why, sizeof why) != 1)
        die("%s is not a store of format 1: %s", format1_store, why);
    char *small_text = gen_export(small_uri), *committed = read_file(format1_export);
    if (!small_text || strcmp(small_text, committed) != 0)
        die("the upgrade of %s does not export as %s", format1_store, format1_export);
    if (raw_format(small, why, sizeof why) != 2)
        die("the upgrade of %s left %s", format1_store, why);
    itav_free(small_text);
    free(committed);
    make_format1_store(format1_store, big);
    printf("\nformat-1 store: %s and %d copies of its 20 participants that are not matched\n",
           format1_store, UPGRADE_COPIES);
    op->before = big;
    op->before_text = make_upgrade_expected(format1_export, big);
    run_operation(op, kills, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 4)
        die("usage: test_crash_kill CRASH_CHILD FORMAT1_STORE FORMAT1_EXPORT");
    child_path = argv[1];
    const char *format1_store = argv[2], *format1_export = argv[3];
    int kills = 50;
    const char *env = getenv("ITAV_CRASH_KILLS");
    if (env && (kills = atoi(env)) < 1)
        die("ITAV_CRASH_KILLS must be a positive number");
    env = getenv("ITAV_CRASH_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 0)
                        : ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid();
    rng_state = seed ? seed : 1;
    /* ITAV_CRASH_ONLY=import, assign or upgrade: kill only that operation (the assignment
     * still runs the import to the end, for the store it starts from) */
    const char *only = getenv("ITAV_CRASH_ONLY");
    if (only && !*only)
        only = NULL;
    if (only && strcmp(only, "import") != 0 && strcmp(only, "assign") != 0 &&
        strcmp(only, "upgrade") != 0)
        die("ITAV_CRASH_ONLY must be import, assign or upgrade");
    bool do_import = !only || strcmp(only, "import") == 0;
    bool do_assign = !only || strcmp(only, "assign") == 0;
    bool do_upgrade = !only || strcmp(only, "upgrade") == 0;
    printf("crash test: %d kills per operation, ITAV_CRASH_SEED=%llu%s%s\n", kills,
           (unsigned long long)seed, only ? ", only " : "", only ? only : "");

    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/itav-crash-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        die("mkdtemp: %s", strerror(errno));
    double t0 = gen_now();

    char dataset[4200], catalogue[4200], imported[4200];
    path_in_dir(dataset, sizeof dataset, "dataset.json");
    path_in_dir(catalogue, sizeof catalogue, "catalogue.db");
    path_in_dir(imported, sizeof imported, "imported.db");
    char *import_args[] = {"import", dataset, NULL};
    operation import = {"import", catalogue, import_args, NULL, NULL, false};
    char *assign_args[] = {"assign", GEN_OFFER_ASSIGN, ASSIGN_DATE, NULL};
    operation assign = {"assign", imported, assign_args, NULL, NULL, false};
    char *upgrade_args[] = {"upgrade", NULL};
    operation upgrade = {"upgrade", NULL, upgrade_args, NULL, NULL, true};
    if (do_import || do_assign) {
        make_dataset(dataset);
        make_catalogue_store(catalogue);
        struct stat st;
        stat(dataset, &st);
        printf("dataset: %d participants, %lld bytes of JSON\n", ASKING + SUPPORTING + BULK,
               (long long)st.st_size);
        /* 1. the import, into a store holding the catalogue; its result is where the
         * assignment starts */
        run_operation(&import, do_import ? kills : 0, imported);
    }
    /* 2. the assignment of the waiting list of the crash-assign offer */
    if (do_assign)
        run_operation(&assign, kills, NULL);
    if (do_upgrade)
        run_upgrade(&upgrade, kills, format1_store, format1_export);

    itav_free(import.before_text);
    itav_free(import.after_text);
    itav_free(assign.before_text);
    itav_free(assign.after_text);
    itav_free(upgrade.before_text);
    itav_free(upgrade.after_text);
    printf("\n%.1f s in all\n", gen_now() - t0);
    if (failures == 0) {
        char cmd[4300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            printf("could not remove %s\n", dir);
    } else {
        printf("files kept in %s\n", dir);
    }
    printf("%d passed, %d failed\n", failures ? 0 : 1, failures ? 1 : 0);
    return failures ? 1 : 0;
}
