/* The process the crash test kills: opens a SQLite store through the public API and runs one
 * large operation.
 *
 *   crash_child FD STORE import FILE          itav_import_json_file(FILE)
 *   crash_child FD STORE assign OFFER DATE    itav_match_assign(OFFER, WRITE, DATE)
 *   crash_child FD STORE upgrade              itav_open() of a store of record format 1,
 *                                             which upgrades it (lib/interchange/upgrade.c)
 *
 * At each step it writes a record to file descriptor FD (the step's letter and the time,
 * CLOCK_MONOTONIC, which the parent shares), so the test knows where the process was when
 * it died and how long each step took: S the operation starts, B the transaction begins (BEGIN
 * statement), C SQLite starts to commit (commit hook), K the COMMIT statement has returned
 * (durable), R a rollback (should not happen), D the operation returned ITAV_OK, E the store
 * is closed. B, C, K and R come from hooks on libitav's own SQLite connection, installed
 * with sqlite3_auto_extension(): the process shares one libsqlite3 with libitav. For the
 * upgrade the operation is itav_open() itself, so S comes before it and D after it. */
#include <itav.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int marker_fd = -1;
static volatile int armed; /* only the operation's statements count, not itav_open's */

static void mark(char c)
{
    struct timespec now;
    unsigned char record[1 + sizeof(double)];
    if (!armed)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double t = (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
    record[0] = (unsigned char)c;
    memcpy(record + 1, &t, sizeof t);
    /* one write of less than PIPE_BUF bytes: a killed process leaves no half record */
    if (write(marker_fd, record, sizeof record) != (ssize_t)sizeof record)
        _exit(3);
}

static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx, (void)x;
    const char *sql = sqlite3_sql((sqlite3_stmt *)p);
    if (!sql)
        return 0;
    if (type == SQLITE_TRACE_STMT && strncmp(sql, "BEGIN", 5) == 0)
        mark('B');
    else if (type == SQLITE_TRACE_PROFILE && strcmp(sql, "COMMIT") == 0)
        mark('K'); /* reported when the statement has finished, so after the commit */
    return 0;
}

static int on_commit(void *arg)
{
    (void)arg;
    mark('C');
    return 0; /* go on with the commit */
}

static void on_rollback(void *arg)
{
    (void)arg;
    mark('R');
}

static int hook_connection(sqlite3 *db, const char **err, const void *api)
{
    (void)err, (void)api;
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, on_trace, NULL);
    sqlite3_commit_hook(db, on_commit, NULL);
    sqlite3_rollback_hook(db, on_rollback, NULL);
    return SQLITE_OK;
}

int main(int argc, char **argv)
{
    char uri[4096];
    itav_db *db;
    if (argc < 4 || (argc < 5 && strcmp(argv[3], "upgrade") != 0)) {
        fprintf(stderr,
                "usage: crash_child FD STORE import FILE | assign OFFER DATE | upgrade\n");
        return 2;
    }
    marker_fd = atoi(argv[1]);
    snprintf(uri, sizeof uri, "sqlite:%s", argv[2]);
    sqlite3_auto_extension((void (*)(void))hook_connection);
    bool upgrade = strcmp(argv[3], "upgrade") == 0;
    if (upgrade) {
        armed = 1; /* the upgrade runs inside itav_open(): its statements count */
        mark('S');
    }
    if (itav_open(&db, uri) != ITAV_OK) {
        fprintf(stderr, "crash_child: %s\n", itav_errmsg(db));
        itav_close(db);
        return 1;
    }
    int rc;
    armed = 1;
    if (upgrade) {
        rc = ITAV_OK; /* the open was the operation */
    } else if (strcmp(argv[3], "import") == 0) {
        mark('S');
        rc = itav_import_json_file(db, argv[4]);
    } else if (strcmp(argv[3], "assign") == 0 && argc == 6) {
        int32_t date;
        itav_assignment *a = NULL;
        if (itav_date_parse(&date, argv[5]) != ITAV_OK) {
            fprintf(stderr, "crash_child: bad date %s\n", argv[5]);
            return 2;
        }
        mark('S');
        rc = itav_match_assign(&a, db, argv[4], NULL, ITAV_ASSIGN_WRITE, date);
        itav_assignment_free(a);
    } else {
        fprintf(stderr, "crash_child: unknown operation %s\n", argv[3]);
        return 2;
    }
    if (rc != ITAV_OK) {
        fprintf(stderr, "crash_child: %s\n", itav_errmsg(db));
        itav_close(db);
        return 1;
    }
    mark('D');
    itav_close(db); /* the last connection checkpoints the write-ahead log into the file */
    mark('E');
    return 0;
}
