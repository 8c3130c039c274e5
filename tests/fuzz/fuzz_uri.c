/* Fuzz target: store URIs (itav_open with arbitrary text). Beyond "no crash, no leak" it
 * checks:
 * - only "memory:" and "sqlite:PATH" open; anything else is ITAV_EINVAL; every failure sets
 *   the context's code and a message naming the URI, and the failed context keeps reporting
 *   that error;
 * - a failed open leaves no file behind;
 * - a store that opens is empty and usable, and a sqlite: store lives in exactly the file
 *   PATH names: after closing, PATH is a SQLite file that opens again with the data written
 *   to it (so PATH is never read as an SQLite URI or ":memory:").
 *
 * Safety: the target works in a scratch directory of its own (mkdtemp under $TMPDIR or
 * /tmp, entered with chdir, emptied after every input and removed at exit) and skips every
 * sqlite: path with a '/' (absolute paths, "..", subdirectories) or a '%' (which SQLite
 * would decode in a file: URI). What is left can only name an entry of the current
 * directory, so nothing outside the scratch directory is created or touched even if the
 * library mistook the path for a URI. Give libFuzzer absolute paths for the corpus,
 * -artifact_prefix and -dict, since the working directory changes. */
#include "fuzz.h"

#include <dirent.h>
#include <itav.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static char scratch[4096], home[4096];

/* Removes every entry of the scratch directory (SQLite's dot-file locking makes a
 * directory); returns how many there were. */
static int empty_scratch(void)
{
    int n = 0;
    DIR *d = opendir(scratch);
    FUZZ_CHECK(d != NULL, scratch);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", scratch, e->d_name);
        if (unlink(path) != 0)
            FUZZ_CHECK(rmdir(path) == 0, path);
        n++;
    }
    closedir(d);
    return n;
}

static void remove_scratch(void)
{
    empty_scratch();
    /* Back where the process started, where libFuzzer writes a crash's input by default. */
    FUZZ_CHECK(chdir(home) == 0, home);
    rmdir(scratch);
}

static void enter_scratch(void)
{
    if (scratch[0])
        return;
    const char *tmp = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/itav-fuzz-uri-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    FUZZ_CHECK(getcwd(home, sizeof home) != NULL, "getcwd");
    FUZZ_CHECK(mkdtemp(scratch) != NULL, scratch);
    FUZZ_CHECK(chdir(scratch) == 0, scratch);
    atexit(remove_scratch);
    fuzz_on_failure = remove_scratch;
}

/* A URI a message can quote as it is: short, printable ASCII. */
static bool plain_text(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (s[n] < 0x20 || s[n] > 0x7E)
            return false;
    return n <= 200;
}

/* Whether a URI may hold a password, by the rule of docs/guide.md ("Stores and backends"):
 * a ':' before an '@' after "://", or a "password=" or "sslpassword=" parameter (in any
 * case, at the start or after one of ? & ; space tab #). Messages then show "***" for it;
 * any other URI is quoted as it is. Written apart from the library's own code. */
static bool may_hold_password(const char *s)
{
    const char *scheme = strstr(s, "://");
    for (const char *p = s; *p; p++)
        if ((strncasecmp(p, "password=", 9) == 0 || strncasecmp(p, "sslpassword=", 12) == 0) &&
            (p == s || strchr("?&; \t#", p[-1])))
            return true;
    if (!scheme)
        return false;
    const char *colon = NULL;
    for (const char *p = scheme + 3; *p && *p != '/' && *p != '?' && *p != '#'; p++) {
        if (*p == ':' && !colon)
            colon = p;
        if (*p == '@' && colon)
            return true;
    }
    return false;
}

static const char probe[] =
    "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"fuzz-probe\", \"name\": \"P\"}]}";

/* A store that opened: empty, and (for a file) it takes a write. */
static void check_open_store(itav_db *db, bool file)
{
    FUZZ_CHECK(itav_errcode(db) == ITAV_OK && itav_errmsg(db)[0] == '\0', itav_errmsg(db));
    char *text = fuzz_export(db);
    FUZZ_CHECK(strstr(text, "\"interventions\": []") != NULL, text);
    itav_free(text);
    if (file)
        FUZZ_CHECK(itav_import_json_string(db, probe, "probe") == ITAV_OK, itav_errmsg(db));
}

/* After closing a sqlite: store: the file PATH holds it. */
static void check_file_store(const char *uri, const char *path)
{
    struct stat st;
    FUZZ_CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode), uri);
    char head[16] = "";
    FILE *f = fopen(path, "rb");
    FUZZ_CHECK(f != NULL, uri);
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    FUZZ_CHECK(got == sizeof head && memcmp(head, "SQLite format 3", 16) == 0, uri);
    itav_db *again = NULL;
    FUZZ_CHECK(itav_open(&again, uri) == ITAV_OK, itav_errmsg(again));
    char *text = fuzz_export(again);
    FUZZ_CHECK(strstr(text, "\"fuzz-probe\"") != NULL, uri);
    itav_free(text);
    itav_close(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enter_scratch();
    char *uri = fuzz_cstring(data, size);
    bool sqlite = strncmp(uri, "sqlite:", 7) == 0;
    const char *path = sqlite ? uri + 7 : NULL;
    if (sqlite && (strchr(path, '/') || strchr(path, '%'))) {
        free(uri); /* might name a place outside the scratch directory */
        return 0;
    }
    if (strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0) {
        free(uri); /* would connect to whatever server it names (tests/c/test_postgres.c) */
        return 0;
    }
    itav_db *db = NULL;
    int rc = itav_open(&db, uri);
    FUZZ_CHECK(db != NULL, uri);
    if (rc == ITAV_OK) {
        FUZZ_CHECK(sqlite || strcmp(uri, "memory:") == 0, uri);
        check_open_store(db, sqlite);
        itav_close(db);
        if (sqlite)
            check_file_store(uri, path);
    } else {
        const char *msg = itav_errmsg(db);
        FUZZ_CHECK(itav_errcode(db) == rc && msg[0] != '\0', msg);
        FUZZ_CHECK(rc == ITAV_EINVAL || (sqlite && (rc == ITAV_EIO || rc == ITAV_EFORMAT ||
                                                    rc == ITAV_EVERSION || rc == ITAV_EBUSY)),
                   msg);
        if (may_hold_password(uri)) /* shown whole, so "***" too (a short one; past 200
                                      * bytes the message cuts it before any password) */
            FUZZ_CHECK(!plain_text(uri) || strlen(uri) > 190 || strstr(msg, "***") != NULL,
                       msg);
        else
            FUZZ_CHECK(!plain_text(uri) || strstr(msg, uri) != NULL, msg);
        char *text = NULL;
        FUZZ_CHECK(itav_export_json_string(&text, db) == rc && text == NULL, msg);
        itav_close(db);
        FUZZ_CHECK(empty_scratch() == 0, "a failed open left a file behind");
    }
    empty_scratch();
    free(uri);
    return 0;
}
