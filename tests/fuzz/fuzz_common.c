/* Helpers shared by the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <itav.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void (*fuzz_on_failure)(void);

void fuzz_fail(const char *file, int line, const char *what, const char *detail)
{
    fprintf(stderr, "%s:%d: property violated: %s\n", file, line, what);
    if (detail)
        fprintf(stderr, "  detail: %s\n", detail);
    if (fuzz_on_failure) {
        void (*cleanup)(void) = fuzz_on_failure;
        fuzz_on_failure = NULL; /* once, even if the cleanup fails a check */
        cleanup();
    }
    abort();
}

char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    FUZZ_CHECK(s != NULL, "out of memory in the harness");
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A pipe holds 64 KiB on Linux; stay well below so that write() never blocks. */
#define PIPE_LIMIT 60000

int fuzz_pipe(char *path, size_t pathsize, const uint8_t *data, size_t size)
{
    int fds[2];
    if (size > PIPE_LIMIT)
        return -1;
    FUZZ_CHECK(pipe(fds) == 0, "pipe() failed");
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fds[1], data + done, size - done);
        FUZZ_CHECK(w > 0, "write to the pipe failed");
        done += (size_t)w;
    }
    close(fds[1]);
    snprintf(path, pathsize, "/dev/fd/%d", fds[0]);
    return fds[0];
}

itav_db *fuzz_memory_store(const char *json)
{
    itav_db *db = NULL;
    int rc = itav_open(&db, "memory:");
    FUZZ_CHECK(rc == ITAV_OK, itav_errmsg(db));
    if (json) {
        rc = itav_import_json_string(db, json, "base");
        FUZZ_CHECK(rc == ITAV_OK, itav_errmsg(db));
    }
    return db;
}

char *fuzz_export(itav_db *db)
{
    char *text = NULL;
    int rc = itav_export_json_string(&text, db);
    FUZZ_CHECK(rc == ITAV_OK, itav_errmsg(db));
    return text;
}

const char *fuzz_base_export(char **cache, const char *json)
{
    if (!*cache) {
        itav_db *db = fuzz_memory_store(json);
        *cache = fuzz_export(db);
        itav_close(db);
    }
    return *cache;
}
