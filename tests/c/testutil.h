/* Helpers shared by the C unit tests. */
#ifndef ITAV_TESTUTIL_H
#define ITAV_TESTUTIL_H

#include <check.h>
#include <itav.h>
#include <itav/backend.h>
#include <stdbool.h>
#include <stdint.h>

/* The stores every conformance test runs against, selected by a loop index from 0 to
 * STORE_COUNT: PostgreSQL only when a server is given (ITAV_TEST_POSTGRES, below). */
enum { STORE_MEMORY, STORE_SQLITE, STORE_TESTBACKEND, STORE_POSTGRES, STORE_KINDS };
#define STORE_COUNT store_count()
int store_count(void);
const char *store_name(int which);

/* Opens a fresh, empty store of the given kind (a SQLite file in a new temporary directory,
 * a new schema of the PostgreSQL test server). Fails the test if it cannot. */
itav_db *open_store(int which);
/* Closes a store from open_store and removes its files (drops its schema). */
void close_store(itav_db *db);

/* ---- the PostgreSQL test server ----
 * ITAV_TEST_POSTGRES holds a libpq URI of a server where the user may create schemas
 * ("postgresql://" takes everything from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE);
 * bash .ci/postgres starts a throwaway one and sets it. Unset, or in a build without libpq,
 * the PostgreSQL tests do not run. */
#define POSTGRES_HOW "set ITAV_TEST_POSTGRES to a libpq URI of a server where the user may " \
    "create schemas (postgresql:// with the PG* variables set), or run bash .ci/postgres, " \
    "which starts a throwaway server and runs the suite against it"
/* The URI, or NULL when the PostgreSQL tests do not run. */
const char *postgres_test_uri(void);
/* Makes a new, empty schema on the test server and writes into uri (size bytes) the test
 * URI with that schema as its search_path, then extra ("&key=value...", or ""); the
 * schema's name goes to schema (64 bytes). Fails the test if it cannot. */
void postgres_new_schema(char *uri, size_t size, char *schema, const char *extra);
/* Drops a schema postgres_new_schema made, and everything in it. */
void postgres_drop_schema(const char *schema);
/* Runs SQL (no parameters) on the test server as its user; the first value of the first
 * row, if any, goes to out (size bytes; "" if none). Fails the test on an error. */
void postgres_sql(const char *sql, char *out, size_t size);

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

/* ---- the seed documents ----
 * Some checks compare the built-in catalogue with the five seed documents themselves. They
 * read them from the folder ITAV_SEEDS names (meson sets it to ../shared/seeds, the shared
 * folder beside the clone; "../shared/seeds" when unset). A clone without that folder must
 * still pass its tests, so a program with such checks keeps them in a suite of their own:
 * run with the argument "seeds" (the meson test NAME-seeds, in the suite "seeds") it runs
 * only those, and exits with TEST_SKIPPED when the folder is not there; run without it, it
 * runs its other cases, which never read a seed. */

/* The exit status meson counts as a skipped test. */
#define TEST_SKIPPED 77

/* The path of seed `no` (0 to 4) in the seed folder, e.g. .../001_0cac70cba0ba34e6.txt, in
 * a static buffer; whether the file is there is not checked. */
const char *seed_path(int no);

/* main() of a program some of whose cases read the seeds. Without the argument "seeds" it
 * runs the suite plain() builds. With it, it runs the suite seeded() builds if every seed of
 * `needed` (bit 1u << no for seed no) is there; if the seed folder is not there it prints
 * "SKIP: <what> (...)", saying how to run it, and returns TEST_SKIPPED; if the folder is there
 * but one of those seeds is not, it says so and returns 1 (a broken folder is not skipped).
 * Returns the process exit status. Only the suite that runs is built (and freed). */
int run_with_seeds(int argc, char **argv, Suite *(*plain)(void), Suite *(*seeded)(void),
                   unsigned needed, const char *what);

#endif
