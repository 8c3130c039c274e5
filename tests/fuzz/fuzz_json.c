/* Fuzz target: JSON import (itav_import_json_string and itav_import_json_file) into a fresh
 * memory store. Beyond "no crash, no leak" it checks the promises of itav/interchange.h:
 * - a failed import returns ITAV_EFORMAT with a message saying nothing was imported, and
 *   leaves the store exactly as it was (empty);
 * - a successful import round-trips: its export imports into another empty store and exports
 *   to the same bytes, and importing the same document again is refused (every id is taken)
 *   without changing the store;
 * - the file variant, reading the same bytes, gives the same code, message and store. */
#include "fuzz.h"

#include <itav.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What an empty store exports; computed once. */
static const char *empty_export(void)
{
    static char *cache;
    return fuzz_base_export(&cache, NULL);
}

/* Checks the result of one import into an empty store; returns its export (itav_free). */
static char *check_import(itav_db *db, int rc)
{
    char *after = fuzz_export(db);
    FUZZ_CHECK(itav_errcode(db) == (rc == ITAV_OK ? ITAV_OK : rc), itav_errmsg(db));
    if (rc != ITAV_OK) {
        FUZZ_CHECK(rc == ITAV_EFORMAT, itav_errmsg(db));
        FUZZ_CHECK(strstr(itav_errmsg(db), "nothing was imported") != NULL, itav_errmsg(db));
        FUZZ_CHECK(strcmp(after, empty_export()) == 0, after);
    }
    return after;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    char name[64] = "fuzz.json";
    int fd = fuzz_pipe(name, sizeof name, data, size);

    itav_db *db = fuzz_memory_store(NULL);
    int rc = itav_import_json_string(db, text, name);
    char *after = check_import(db, rc);
    if (rc == ITAV_OK) {
        itav_db *copy = fuzz_memory_store(NULL);
        int rc2 = itav_import_json_string(copy, after, "export");
        FUZZ_CHECK(rc2 == ITAV_OK, itav_errmsg(copy));
        char *again = fuzz_export(copy);
        FUZZ_CHECK(strcmp(after, again) == 0, again);
        itav_free(again);
        itav_close(copy);

        if (strcmp(after, empty_export()) != 0) {
            rc2 = itav_import_json_string(db, text, name);
            FUZZ_CHECK(rc2 == ITAV_EFORMAT, itav_errmsg(db));
            char *unchanged = fuzz_export(db);
            FUZZ_CHECK(strcmp(after, unchanged) == 0, unchanged);
            itav_free(unchanged);
        }
    }

    if (fd >= 0) {
        itav_db *viafile = fuzz_memory_store(NULL);
        int rc3 = itav_import_json_file(viafile, name);
        char *fromfile = check_import(viafile, rc3);
        /* The string variant stops at the first NUL byte; only NUL-free input is the same
         * document for both. */
        if (!memchr(data, 0, size)) {
            FUZZ_CHECK(rc3 == rc, itav_errmsg(viafile));
            FUZZ_CHECK(strcmp(itav_errmsg(viafile), itav_errmsg(db)) == 0 || rc == ITAV_OK,
                       itav_errmsg(viafile));
            FUZZ_CHECK(strcmp(fromfile, after) == 0, fromfile);
        }
        itav_free(fromfile);
        itav_close(viafile);
        close(fd);
    }
    itav_free(after);
    itav_close(db);
    free(text);
    return 0;
}
