/* The SQLite backend: one table of records, prepared statements, WAL, migrations through
 * PRAGMA user_version. The only file that includes sqlite3.h; written only against
 * include/itav/backend.h. */
#include "store/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* "ITAV" in PRAGMA application_id marks a file as a libitav store. */
#define APPLICATION_ID 0x49544156
#define BUSY_TIMEOUT_MS 5000

/* Schema migrations: migrations[v] takes a store from user_version v to v + 1. Released
 * steps are never edited; a change of schema appends a step. */
static const char *const migrations[] = {
    "CREATE TABLE records ("
    " kind TEXT NOT NULL, key TEXT NOT NULL,"
    " i0 TEXT, i1 TEXT, i2 TEXT, i3 TEXT,"
    " data BLOB NOT NULL,"
    " PRIMARY KEY (kind, key)) WITHOUT ROWID;"
    "CREATE INDEX records_i0 ON records (kind, i0, key) WHERE i0 IS NOT NULL;"
    "CREATE INDEX records_i1 ON records (kind, i1, key) WHERE i1 IS NOT NULL;"
    "CREATE INDEX records_i2 ON records (kind, i2, key) WHERE i2 IS NOT NULL;"
    "CREATE INDEX records_i3 ON records (kind, i3, key) WHERE i3 IS NOT NULL;",
    /* Places (put_place): an R*Tree of points, whose integer ids the places table gives the
     * records; deleting a place's row takes its point out of the tree. The tree keeps
     * coordinates as 32-bit floats, rounded outwards, so a box finds every point in it. */
    "CREATE TABLE places ("
    " id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, UNIQUE (kind, key));"
    "CREATE VIRTUAL TABLE place_tree USING rtree(id, lat_min, lat_max, lon_min, lon_max,"
    " +kind TEXT, +key TEXT);"
    "CREATE TRIGGER places_gone AFTER DELETE ON places"
    " BEGIN DELETE FROM place_tree WHERE id = old.id; END;",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))

enum { ST_BEGIN, ST_BEGIN_READ, ST_COMMIT, ST_ROLLBACK, ST_PUT, ST_GET, ST_DEL, ST_SCAN_ALL,
       ST_PLACE_ID, ST_PLACE_SET, ST_PLACE_CLEAR, ST_SCAN_BOX, ST_SCAN_I0,
       ST_RANGE_I0 = ST_SCAN_I0 + ITAV_BACKEND_INDEXES,
       ST_COUNT = ST_RANGE_I0 + ITAV_BACKEND_INDEXES };

static const char *const statement_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    /* In WAL mode a deferred transaction reads one snapshot (from its first read on) and
     * takes no lock a writer waits for. */
    [ST_BEGIN_READ] = "BEGIN DEFERRED",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_PUT] = "INSERT OR REPLACE INTO records (kind, key, i0, i1, i2, i3, data)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_GET] = "SELECT key, data FROM records WHERE kind = ?1 AND key = ?2",
    [ST_DEL] = "DELETE FROM records WHERE kind = ?1 AND key = ?2",
    [ST_SCAN_ALL] = "SELECT key, data FROM records WHERE kind = ?1 ORDER BY key",
    /* The planner, without statistics, prefers the primary key to the partial indexes and
     * then reads every record of the kind; INDEXED BY makes an index scan read only the
     * matching records (and fails at prepare time if the index could not serve). */
    [ST_SCAN_I0 + 0] = "SELECT key, data FROM records INDEXED BY records_i0 "
                         "WHERE kind = ?1 AND i0 = ?2 ORDER BY key",
    [ST_SCAN_I0 + 1] = "SELECT key, data FROM records INDEXED BY records_i1 "
                         "WHERE kind = ?1 AND i1 = ?2 ORDER BY key",
    [ST_SCAN_I0 + 2] = "SELECT key, data FROM records INDEXED BY records_i2 "
                         "WHERE kind = ?1 AND i2 = ?2 ORDER BY key",
    [ST_SCAN_I0 + 3] = "SELECT key, data FROM records INDEXED BY records_i3 "
                         "WHERE kind = ?1 AND i3 = ?2 ORDER BY key",
    /* An open low bound is bound as '' (no text is less); an open high one as an empty blob,
     * which sorts after every text. */
    [ST_RANGE_I0 + 0] = "SELECT key, data FROM records INDEXED BY records_i0 "
                          "WHERE kind = ?1 AND i0 >= ?2 AND i0 <= ?3 ORDER BY i0, key",
    [ST_RANGE_I0 + 1] = "SELECT key, data FROM records INDEXED BY records_i1 "
                          "WHERE kind = ?1 AND i1 >= ?2 AND i1 <= ?3 ORDER BY i1, key",
    [ST_RANGE_I0 + 2] = "SELECT key, data FROM records INDEXED BY records_i2 "
                          "WHERE kind = ?1 AND i2 >= ?2 AND i2 <= ?3 ORDER BY i2, key",
    [ST_RANGE_I0 + 3] = "SELECT key, data FROM records INDEXED BY records_i3 "
                          "WHERE kind = ?1 AND i3 >= ?2 AND i3 <= ?3 ORDER BY i3, key",
    /* an id for the place of an existing record (none for a record that is not there) */
    [ST_PLACE_ID] = "INSERT OR IGNORE INTO places (kind, key) SELECT ?1, ?2"
                    " WHERE EXISTS (SELECT 1 FROM records WHERE kind = ?1 AND key = ?2)",
    [ST_PLACE_SET] = "INSERT OR REPLACE INTO place_tree"
                     " (id, lat_min, lat_max, lon_min, lon_max, kind, key)"
                     " SELECT id, ?3, ?3, ?4, ?4, kind, key FROM places"
                     " WHERE kind = ?1 AND key = ?2",
    [ST_PLACE_CLEAR] = "DELETE FROM places WHERE kind = ?1 AND key = ?2",
    /* The tree carries kind and key (auxiliary columns), so a point found leads straight to
     * its record. CROSS JOIN fixes the order, the tree first: left to itself the planner
     * read every place of the kind and asked the tree for each (a suggestion among 100,000
     * supporters took 215 ms instead of 27). */
    [ST_SCAN_BOX] = "SELECT r.key, r.data FROM place_tree t CROSS JOIN records r"
                    " WHERE t.lat_max >= ?2 AND t.lat_min <= ?4"
                    " AND t.lon_max >= ?3 AND t.lon_min <= ?5"
                    " AND t.kind = ?1 AND r.kind = t.kind AND r.key = t.key",
};

/* The statements on tables that schema step 2 adds: a store of schema 1 has them prepared
 * only once its first write transaction has added the tables. */
static bool on_places(int which)
{
    return which == ST_PLACE_ID || which == ST_PLACE_SET || which == ST_PLACE_CLEAR ||
           which == ST_SCAN_BOX;
}

typedef struct sqlite_backend {
    itav_backend parent;
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    int pending_from;    /* > 0: the schema version still to be brought up to date */
    bool migrating;      /* the open transaction brings it up to date */
    double step_started; /* when the last statement started: how long a busy one waited */
    double busy_since;   /* when the current wait for a lock began */
    char err[512];
} sqlite_backend;

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Waits for another connection's lock, trying again every millisecond for up to
 * BUSY_TIMEOUT_MS. SQLite's own busy timeout backs off to 100 ms sleeps, and a writer that
 * sleeps that long keeps missing the short gaps between other writers' transactions: four
 * processes writing small transactions starved one of them for over 4 of the 5 seconds. */
static int busy_wait(void *arg, int attempts)
{
    sqlite_backend *s = arg;
    if (attempts == 0)
        s->busy_since = seconds_now();
    else if ((seconds_now() - s->busy_since) * 1e3 >= BUSY_TIMEOUT_MS)
        return 0; /* give up: SQLITE_BUSY */
    nanosleep(&(struct timespec){0, 1000000}, NULL);
    return 1;
}

/* Maps a SQLite result to a libitav code and keeps SQLite's words for errmsg. */
static int fail(sqlite_backend *s, int rc)
{
    if ((rc & 0xFF) == SQLITE_BUSY) {
        snprintf(s->err, sizeof s->err, "sqlite: the store is locked by another connection; "
                 "waited %.0f ms (the busy timeout is %d ms): %s",
                 (seconds_now() - s->step_started) * 1e3, BUSY_TIMEOUT_MS,
                 sqlite3_errmsg(s->db));
        return ITAV_EBUSY;
    }
    snprintf(s->err, sizeof s->err, "sqlite: %s", sqlite3_errmsg(s->db));
    switch (rc & 0xFF) {
    case SQLITE_NOMEM: return ITAV_ENOMEM;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ITAV_EBUSY;
    default: return ITAV_EIO;
    }
}

static int run(sqlite_backend *s, int which)
{
    sqlite3_stmt *st = s->st[which];
    s->step_started = seconds_now();
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? ITAV_OK : fail(s, rc);
}

static int prepare(sqlite_backend *s, int which)
{
    if (s->st[which])
        return ITAV_OK;
    int rc = sqlite3_prepare_v3(s->db, statement_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                &s->st[which], NULL);
    return rc == SQLITE_OK ? ITAV_OK : fail(s, rc);
}

static int pragma_int(sqlite3 *db, const char *sql, int *out);
static int migrate_steps(sqlite_backend *s, int version);

/* Brings the schema of an older store up to date inside the transaction just begun (another
 * connection may have done it since the store was opened). */
static int finish_migration(sqlite_backend *s)
{
    int version, rc;
    if ((rc = pragma_int(s->db, "PRAGMA user_version", &version)) != SQLITE_OK)
        return fail(s, rc);
    if ((rc = migrate_steps(s, version)) != SQLITE_OK)
        return fail(s, rc);
    s->migrating = true;
    for (int i = 0; i < ST_COUNT; i++)
        if ((rc = prepare(s, i)) != ITAV_OK)
            return rc;
    return ITAV_OK;
}

static int sq_rollback(itav_backend *be);

static int sq_begin(itav_backend *be)
{
    sqlite_backend *s = (sqlite_backend *)be;
    if (!sqlite3_get_autocommit(s->db))
        return ITAV_ESTATE; /* no nesting */
    int rc = run(s, ST_BEGIN);
    if (rc == ITAV_OK && s->pending_from && (rc = finish_migration(s)) != ITAV_OK)
        sq_rollback(be);
    return rc;
}

static int sq_commit(itav_backend *be)
{
    sqlite_backend *s = (sqlite_backend *)be;
    int rc = run(s, ST_COMMIT);
    if (rc == ITAV_OK && s->migrating)
        s->pending_from = 0;
    s->migrating = false; /* on failure the core rolls back */
    return rc;
}

static int sq_begin_read(itav_backend *be)
{
    sqlite_backend *s = (sqlite_backend *)be;
    return sqlite3_get_autocommit(s->db) ? run(s, ST_BEGIN_READ) : ITAV_ESTATE;
}

static int sq_rollback(itav_backend *be)
{
    sqlite_backend *s = (sqlite_backend *)be;
    if (s->migrating) { /* the tables those statements read are gone again */
        for (int i = 0; i < ST_COUNT; i++)
            if (on_places(i)) {
                sqlite3_finalize(s->st[i]);
                s->st[i] = NULL;
            }
        s->migrating = false;
    }
    /* SQLite may have rolled back by itself (after an I/O error); that is fine. */
    if (sqlite3_get_autocommit(s->db))
        return ITAV_OK;
    return run(s, ST_ROLLBACK);
}

static int sq_put(itav_backend *be, const char *kind, const char *key,
                  const char *const *index, const void *data, size_t size)
{
    sqlite_backend *s = (sqlite_backend *)be;
    sqlite3_stmt *st = s->st[ST_PUT];
    if (sqlite3_get_autocommit(s->db))
        return ITAV_ESTATE; /* writes only inside a transaction */
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    for (int i = 0; i < ITAV_BACKEND_INDEXES; i++) {
        if (index && index[i])
            sqlite3_bind_text(st, 3 + i, index[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 3 + i);
    }
    sqlite3_bind_blob64(st, 7, data, size, SQLITE_STATIC);
    int rc = run(s, ST_PUT);
    sqlite3_clear_bindings(st);
    return rc;
}

/* Steps a SELECT key, data statement, calling fn per row; stop after the first if once. */
static int rows(sqlite_backend *s, sqlite3_stmt *st, itav_record_fn fn, void *arg, bool once,
                bool *any)
{
    int rc, cb = 0;
    *any = false;
    s->step_started = seconds_now();
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *any = true;
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const void *data = sqlite3_column_blob(st, 1);
        size_t size = (size_t)sqlite3_column_bytes(st, 1);
        if (!data)
            data = "";
        cb = fn(arg, key, data, size);
        if (cb || once)
            break;
    }
    int result = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? cb : fail(s, rc);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return result;
}

static int sq_get(itav_backend *be, const char *kind, const char *key, itav_record_fn found,
                  void *arg)
{
    sqlite_backend *s = (sqlite_backend *)be;
    sqlite3_stmt *st = s->st[ST_GET];
    bool any;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    int rc = rows(s, st, found, arg, true, &any);
    return rc == ITAV_OK && !any ? ITAV_ENOTFOUND : rc;
}

static int ignore_record(void *arg, const char *key, const void *data, size_t size)
{
    (void)arg, (void)key, (void)data, (void)size;
    return ITAV_OK;
}

/* Runs a statement whose parameters are ?1 kind and ?2 key. */
static int run_keyed(sqlite_backend *s, int which, const char *kind, const char *key)
{
    sqlite3_stmt *st = s->st[which];
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    int rc = run(s, which);
    sqlite3_clear_bindings(st);
    return rc;
}

static int sq_del(itav_backend *be, const char *kind, const char *key)
{
    sqlite_backend *s = (sqlite_backend *)be;
    if (sqlite3_get_autocommit(s->db))
        return ITAV_ESTATE;
    int rc = run_keyed(s, ST_DEL, kind, key);
    if (rc == ITAV_OK && sqlite3_changes(s->db) == 0)
        return ITAV_ENOTFOUND;
    return rc == ITAV_OK ? run_keyed(s, ST_PLACE_CLEAR, kind, key) : rc;
}

static int sq_put_place(itav_backend *be, const char *kind, const char *key,
                        const itav_place *place)
{
    sqlite_backend *s = (sqlite_backend *)be;
    if (sqlite3_get_autocommit(s->db))
        return ITAV_ESTATE;
    int rc;
    if (!place) { /* nothing to take away: then the record must at least be there */
        if ((rc = run_keyed(s, ST_PLACE_CLEAR, kind, key)) != ITAV_OK ||
            sqlite3_changes(s->db) > 0)
            return rc;
        return sq_get(be, kind, key, ignore_record, NULL);
    }
    if ((rc = run_keyed(s, ST_PLACE_ID, kind, key)) != ITAV_OK)
        return rc;
    sqlite3_stmt *st = s->st[ST_PLACE_SET];
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 3, place->lat);
    sqlite3_bind_double(st, 4, place->lon);
    rc = run(s, ST_PLACE_SET);
    sqlite3_clear_bindings(st);
    if (rc == ITAV_OK && sqlite3_changes(s->db) == 0)
        return ITAV_ENOTFOUND; /* no such record, so no id was made */
    return rc;
}

static int sq_scan(itav_backend *be, const char *kind, int slot, const char *value,
                   itav_record_fn each, void *arg)
{
    sqlite_backend *s = (sqlite_backend *)be;
    bool any;
    if (slot != ITAV_SCAN_ALL && (slot < 0 || slot >= ITAV_BACKEND_INDEXES || !value))
        return ITAV_EINVAL;
    sqlite3_stmt *st = s->st[slot == ITAV_SCAN_ALL ? ST_SCAN_ALL : ST_SCAN_I0 + slot];
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    if (slot != ITAV_SCAN_ALL)
        sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    return rows(s, st, each, arg, false, &any);
}

static int sq_scan_range(itav_backend *be, const char *kind, int slot, const char *low,
                         const char *high, itav_record_fn each, void *arg)
{
    sqlite_backend *s = (sqlite_backend *)be;
    bool any;
    if (slot < 0 || slot >= ITAV_BACKEND_INDEXES)
        return ITAV_EINVAL;
    sqlite3_stmt *st = s->st[ST_RANGE_I0 + slot];
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, low ? low : "", -1, SQLITE_STATIC);
    if (high)
        sqlite3_bind_text(st, 3, high, -1, SQLITE_STATIC);
    else
        sqlite3_bind_zeroblob(st, 3, 0);
    return rows(s, st, each, arg, false, &any);
}

static int sq_scan_box(itav_backend *be, const char *kind, const itav_box *box,
                       itav_record_fn each, void *arg)
{
    sqlite_backend *s = (sqlite_backend *)be;
    sqlite3_stmt *st = s->st[ST_SCAN_BOX];
    bool any;
    if (!st)
        return ITAV_OK; /* a store of schema 1 not yet written to: it has no places yet */
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 2, box->south);
    sqlite3_bind_double(st, 3, box->west);
    sqlite3_bind_double(st, 4, box->north);
    sqlite3_bind_double(st, 5, box->east);
    return rows(s, st, each, arg, false, &any);
}

static const char *sq_errmsg(itav_backend *be) { return ((sqlite_backend *)be)->err; }

static void sq_free(itav_backend *be)
{
    sqlite_backend *s = (sqlite_backend *)be;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    itav__free(s);
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Rebuilds the file and empties the write-ahead log, so that no copy of deleted data is
 * left anywhere in the store's files. secure_delete zeroes freed cells and pages, but not the
 * stale copies of cells that SQLite leaves in the unused space of a live page when it moves
 * them while balancing its B-trees: importing participants one by one and erasing a third of
 * them left whole erased records there (issue 17). VACUUM writes every page anew; the
 * checkpoint then copies the log into the file and truncates it. docs/guide.md gives the cost
 * per store size. */
static int sq_purge(itav_backend *be)
{
    sqlite_backend *s = (sqlite_backend *)be;
    int busy;
    s->step_started = seconds_now();
    int rc = sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail(s, rc);
    rc = pragma_int(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", &busy);
    if (rc != SQLITE_OK)
        return fail(s, rc);
    if (busy) {
        snprintf(s->err, sizeof s->err, "sqlite: another connection is reading the store, so "
                 "its write-ahead log could not be truncated");
        return ITAV_EBUSY;
    }
    return ITAV_OK;
}

/* Runs the migration steps from `version` on, inside the caller's transaction. */
static int migrate_steps(sqlite_backend *s, int version)
{
    int rc = SQLITE_OK;
    for (; version < SCHEMA_VERSION && rc == SQLITE_OK; version++) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version + 1);
        if ((rc = sqlite3_exec(s->db, migrations[version], NULL, NULL, NULL)) == SQLITE_OK)
            rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    }
    return rc;
}

/* Accepts the file (a libitav store, or empty) and brings a new one to SCHEMA_VERSION in one
 * transaction. An older store is brought up to date by its first write transaction instead
 * (pending_from), so that, when the core upgrades its records as it opens, schema and records
 * change in one transaction, and a store that is only read is not written at all. */
static int migrate(sqlite_backend *s, char *err, size_t errsize)
{
    int version, app, tables, rc;
    /* An up-to-date store needs no write lock: checking first lets a store be opened while
     * another connection writes to it. */
    if (pragma_int(s->db, "PRAGMA user_version", &version) == SQLITE_OK &&
        pragma_int(s->db, "PRAGMA application_id", &app) == SQLITE_OK &&
        version > 0 && version <= SCHEMA_VERSION && app == APPLICATION_ID) {
        s->pending_from = version < SCHEMA_VERSION ? version : 0;
        return ITAV_OK;
    }
    s->step_started = seconds_now();
    if ((rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
        goto sqlfail;
    if ((rc = pragma_int(s->db, "PRAGMA user_version", &version)) ||
        (rc = pragma_int(s->db, "PRAGMA application_id", &app)) ||
        (rc = pragma_int(s->db, "SELECT count(*) FROM sqlite_schema", &tables)))
        goto sqlfail;
    if (app != APPLICATION_ID && (tables > 0 || version > 0)) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        snprintf(err, errsize, "the file is a SQLite database but not a libitav store");
        return ITAV_EFORMAT;
    }
    if (version > SCHEMA_VERSION) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        snprintf(err, errsize, "the store has schema version %d; this library knows up to %d",
                 version, SCHEMA_VERSION);
        return ITAV_EVERSION;
    }
    if (version > 0 && app == APPLICATION_ID) { /* made meanwhile by another connection */
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->pending_from = version < SCHEMA_VERSION ? version : 0;
        return ITAV_OK;
    }
    if ((rc = migrate_steps(s, version)) != SQLITE_OK)
        goto sqlfail;
    if (app != APPLICATION_ID) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d", APPLICATION_ID);
        if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
            goto sqlfail;
    }
    if ((rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
        goto sqlfail;
    return ITAV_OK;
sqlfail:
    snprintf(err, errsize, "%s", sqlite3_errmsg(s->db));
    rc = (rc & 0xFF) == SQLITE_NOTADB ? ITAV_EFORMAT : fail(s, rc);
    if (rc == ITAV_EBUSY)
        snprintf(err, errsize, "%s", s->err); /* says how long it waited */
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Creates the file with mode 0600 if it is not there, so that SQLite (which would use
 * 0644 less the umask) never makes a store readable by others. A file that is there is made
 * private too when it is ours, keeping only its owner's bits (a copy made by cp has 0644, one
 * made by touch under umask 000 has 0666, and SQLite gives the -wal and -shm files the store's
 * own mode). docs/guide.md says so.
 * A link is followed only to a store that is there: a link to nothing or to an empty file is
 * refused (opening it would make a new store wherever it points; O_EXCL never follows a link,
 * so it reports such a link as there), and so is a link to a file of ours that others may
 * read or write, whose mode is not changed through a link before the file is known to be a
 * store. */
static int create_private(const char *path, bool *created, char *err, size_t errsize)
{
    struct stat st;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    *created = fd >= 0;
    if (fd >= 0) {
        close(fd);
        return ITAV_OK;
    }
    if (errno != EEXIST) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return ITAV_EIO;
    }
    bool link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (stat(path, &st) != 0) {
        if (link)
            snprintf(err, errsize, "%s: a symbolic link to nothing; a new store is not made "
                     "through a link", path);
        else
            snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return ITAV_EIO;
    }
    /* Only the owner can change the mode, and only the owner chose it: another user's store
     * (shared read-only with a group, say) is opened as it is. */
    bool loose = S_ISREG(st.st_mode) && (st.st_mode & 077) && st.st_uid == geteuid();
    if (link && S_ISREG(st.st_mode) && st.st_size == 0) {
        snprintf(err, errsize, "%s: a symbolic link to an empty file; a new store is not made "
                 "through a link", path);
        return ITAV_EIO;
    }
    if (link && loose) {
        snprintf(err, errsize, "%s: a symbolic link to a file that others may read or write "
                 "(mode %04o); a mode is not changed through a link: make the file private "
                 "(chmod 600) or open it by its own path", path,
                 (unsigned)(st.st_mode & 07777));
        return ITAV_EIO;
    }
    if (loose && chmod(path, st.st_mode & 0700) != 0) {
        snprintf(err, errsize, "%s: others may read or write the store file (mode %04o), and "
                 "it cannot be made private: %s", path, (unsigned)(st.st_mode & 07777),
                 strerror(errno));
        return ITAV_EIO;
    }
    return ITAV_OK;
}

static int open_backend(itav_backend **out, const char *path, char *err, size_t errsize)
{
    int rc;
    sqlite_backend *s = itav__calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errsize, "out of memory");
        return ITAV_ENOMEM;
    }
    s->parent = (itav_backend)ITAV_BACKEND_INIT;
    s->parent.begin = sq_begin;
    s->parent.commit = sq_commit;
    s->parent.rollback = sq_rollback;
    s->parent.put = sq_put;
    s->parent.get = sq_get;
    s->parent.del = sq_del;
    s->parent.scan = sq_scan;
    s->parent.errmsg = sq_errmsg;
    s->parent.free = sq_free;
    s->parent.purge = sq_purge;
    s->parent.begin_read = sq_begin_read;
    s->parent.end_read = sq_rollback; /* a read transaction has nothing to commit */
    s->parent.scan_range = sq_scan_range;
    s->parent.put_place = sq_put_place;
    s->parent.scan_box = sq_scan_box;

    /* SQLite (built with URI names on, as Debian's is) would read "file:..." as a URI and
     * ":memory:" as no file at all: "./" keeps a relative path the file create_private made. */
    size_t len = strlen(path);
    char *name = itav__malloc(len + 3);
    if (!name) {
        itav__free(s);
        snprintf(err, errsize, "out of memory");
        return ITAV_ENOMEM;
    }
    snprintf(name, len + 3, "%s%s", path[0] == '/' ? "" : "./", path);
    int src = sqlite3_open_v2(name, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    itav__free(name);
    if (src != SQLITE_OK) {
        snprintf(err, errsize, "%s", s->db ? sqlite3_errmsg(s->db) : "out of memory");
        rc = src == SQLITE_NOMEM ? ITAV_ENOMEM : ITAV_EIO;
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_handler(s->db, busy_wait, s);
    /* FULL: a commit is on disk when it returns, as the backend contract promises. */
    /* Accept the file (a libitav store, or empty) before changing anything about it. */
    if ((rc = migrate(s, err, errsize)) != ITAV_OK)
        goto fail;
    /* secure_delete: deleted records are overwritten, not left in free space (erasure).
     * cache_size: up to 32 MiB of pages per connection, used only as the store grows; with
     * SQLite's 2 MiB a suggestion among 100,000 supporters spent a fifth of its time in
     * pread() for pages it had read moments before (docs/performance.md). */
    src = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                       " PRAGMA secure_delete = ON; PRAGMA cache_size = -32768;", NULL, NULL,
                       NULL);
    if (src != SQLITE_OK) {
        snprintf(err, errsize, "%s", sqlite3_errmsg(s->db));
        rc = fail(s, src);
        goto fail;
    }
    for (int i = 0; i < ST_COUNT; i++) {
        if (s->pending_from && on_places(i))
            continue; /* prepared once the first write transaction has made their tables */
        if ((rc = prepare(s, i)) != ITAV_OK) {
            snprintf(err, errsize, "%s", sqlite3_errmsg(s->db));
            goto fail;
        }
    }
    *out = &s->parent;
    return ITAV_OK;
fail:
    sq_free(&s->parent);
    return rc;
}

int itav__sqlite_backend_open(itav_backend **out, const char *path, char *err, size_t errsize)
{
    bool created;
    struct stat st;
    int rc = create_private(path, &created, err, errsize);
    if (rc != ITAV_OK)
        return rc;
    rc = open_backend(out, path, err, errsize);
    /* A failed open leaves no new file behind (found by tests/fuzz: a name too long for
     * SQLite's "-journal" beside it); only while still empty, so never one another
     * connection has begun to use. */
    if (rc != ITAV_OK && created && stat(path, &st) == 0 && st.st_size == 0)
        unlink(path);
    return rc;
}
