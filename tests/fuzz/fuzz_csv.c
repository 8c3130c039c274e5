/* Fuzz target: CSV import of participants (itav_import_participants_csv_string and _file)
 * into a fresh memory store holding two offers, with a default offer. Beyond "no crash, no
 * leak" it checks:
 * - a failed import returns ITAV_EFORMAT with a message saying nothing was imported, and
 *   leaves the store exactly as it was;
 * - after a successful import the store's JSON export imports into an empty store and
 *   exports to the same bytes, and importing the same CSV again is refused (every ref is
 *   taken) without changing the store, unless the CSV held no participant, while importing it
 *   in update mode succeeds with every row unchanged and leaves the store as it was;
 * - the file variant, reading the same bytes, gives the same code, message and store. */
#include "fuzz.h"

#include <itav.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_OFFER "buurtgezinnen-zuid-kennemerland"

static const char base_json[] =
    "{\"format\": \"itav/1\","
    " \"interventions\": [{\"id\": \"buurtgezinnen\", \"name\": \"Buurtgezinnen\"}],"
    " \"offers\": [{\"id\": \"" DEFAULT_OFFER "\", \"intervention\": \"buurtgezinnen\"},"
    "  {\"id\": \"buurtgezinnen-hoeksche-waard\", \"intervention\": \"buurtgezinnen\"}]}";

/* What the base store exports; computed once. */
static const char *base_export(void)
{
    static char *cache;
    return fuzz_base_export(&cache, base_json);
}

/* Checks the result of one import into the base store; returns its export (itav_free). */
static char *check_import(itav_db *db, int rc)
{
    char *after = fuzz_export(db);
    if (rc != ITAV_OK) {
        FUZZ_CHECK(rc == ITAV_EFORMAT, itav_errmsg(db));
        FUZZ_CHECK(itav_errcode(db) == rc, itav_errmsg(db));
        FUZZ_CHECK(strstr(itav_errmsg(db), "nothing was imported") != NULL, itav_errmsg(db));
        FUZZ_CHECK(strcmp(after, base_export()) == 0, after);
    }
    return after;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    char name[64] = "fuzz.csv";
    int fd = fuzz_pipe(name, sizeof name, data, size);

    itav_db *db = fuzz_memory_store(base_json);
    int rc = itav_import_participants_csv_string(db, text, name, DEFAULT_OFFER);
    char *after = check_import(db, rc);
    if (rc == ITAV_OK) {
        itav_db *copy = fuzz_memory_store(NULL);
        int rc2 = itav_import_json_string(copy, after, "export");
        FUZZ_CHECK(rc2 == ITAV_OK, itav_errmsg(copy));
        char *again = fuzz_export(copy);
        FUZZ_CHECK(strcmp(after, again) == 0, again);
        itav_free(again);
        itav_close(copy);

        bool imported_some = strcmp(after, base_export()) != 0;
        rc2 = itav_import_participants_csv_string(db, text, name, DEFAULT_OFFER);
        FUZZ_CHECK(rc2 == (imported_some ? ITAV_EFORMAT : ITAV_OK), itav_errmsg(db));
        char *unchanged = fuzz_export(db);
        FUZZ_CHECK(strcmp(after, unchanged) == 0, unchanged);
        itav_free(unchanged);

        /* in update mode the same rows match what they made: every row unchanged */
        size_t added = 1, updated = 1;
        rc2 = itav_import_participants_csv_string_v2(db, text, name, DEFAULT_OFFER,
                                                     ITAV_IMPORT_UPDATE);
        FUZZ_CHECK(rc2 == ITAV_OK, itav_errmsg(db));
        FUZZ_CHECK(itav_import_counts(&added, &updated, NULL, db) == ITAV_OK, "counts");
        FUZZ_CHECK(added == 0 && updated == 0, "an update of the same rows changed some");
        unchanged = fuzz_export(db);
        FUZZ_CHECK(strcmp(after, unchanged) == 0, unchanged);
        itav_free(unchanged);
    }

    if (fd >= 0) {
        itav_db *viafile = fuzz_memory_store(base_json);
        int rc3 = itav_import_participants_csv_file(viafile, name, DEFAULT_OFFER);
        char *fromfile = check_import(viafile, rc3);
        /* The string variant stops at the first NUL byte; only NUL-free input is the same
         * text for both. */
        if (!memchr(data, 0, size)) {
            FUZZ_CHECK(rc3 == rc, itav_errmsg(viafile));
            FUZZ_CHECK(rc == ITAV_OK || strcmp(itav_errmsg(viafile), itav_errmsg(db)) == 0,
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
