/* Helpers shared by the C unit tests. */
#ifndef ITAV_TESTUTIL_H
#define ITAV_TESTUTIL_H

#include <check.h>
#include <itav.h>
#include <itav/backend.h>
#include <stdbool.h>
#include <stdint.h>

/* The stores every conformance test runs against, selected by a loop index. */
enum { STORE_MEMORY, STORE_SQLITE, STORE_TESTBACKEND, STORE_COUNT };
const char *store_name(int which);

/* Opens a fresh, empty store of the given kind (a SQLite file in a new temporary directory).
 * Fails the test if it cannot. */
itav_db *open_store(int which);
/* Closes a store from open_store and removes its files. */
void close_store(itav_db *db);

/* The whole store as itav/1 text (owned: free with itav_free). */
char *export_text(itav_db *db);

/* A backend written here, only against include/itav/backend.h: a plain array with a
 * snapshot for rollback. fail_after >= 0 makes the (fail_after+1)-th write call fail with
 * ITAV_EIO, to test that errors reach the caller and nothing is half-written. */
itav_backend *test_backend_new(void);
void test_backend_fail_after(itav_backend *be, int writes);

/* A date from "YYYY-MM-DD"; fails the test if the text is not a date. */
int32_t date_of(const char *text);
#define D(s) date_of(s)

/* Fails the test unless the context's last error message contains part. */
void assert_msg(itav_db *db, const char *part);

/* PRAGMA integrity_check of the SQLite file at path, through raw SQLite (opened for writing
 * where the file allows it, so that a log left by a killed process is replayed). True if it
 * says "ok"; otherwise why holds its first line or why it could not run. */
bool sqlite_integrity_ok(const char *path, char *why, size_t size);

/* A number below n from a xorshift64 generator whose state (not 0) the caller keeps, so that
 * a test's random data is the same on every run. */
unsigned test_rand_below(uint64_t *state, unsigned n);

/* Runs a suite; returns the process exit status. */
int run_suite(Suite *s);

#endif
