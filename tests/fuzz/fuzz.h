/* Shared by the fuzz targets: the libFuzzer entry point and checks that abort, so that both
 * libFuzzer and the plain regression driver (driver.c) report a broken property as a crash. */
#ifndef ITAV_FUZZ_H
#define ITAV_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints what failed (and detail, when not NULL: usually itav_errmsg()), calls
 * fuzz_on_failure when a target set it (to remove its scratch files), and aborts. */
extern void (*fuzz_on_failure)(void);
void fuzz_fail(const char *file, int line, const char *what, const char *detail);
#define FUZZ_CHECK(cond, detail)                                                              \
    do {                                                                                      \
        if (!(cond))                                                                          \
            fuzz_fail(__FILE__, __LINE__, #cond, (detail));                                   \
    } while (0)

/* The input as a NUL-terminated string (cut at its first NUL byte); free() it. */
char *fuzz_cstring(const uint8_t *data, size_t size);

/* Puts the input into a pipe and returns its read end's name ("/dev/fd/N") in path, so the
 * file variants of the import functions read exactly these bytes without touching the disk.
 * Returns the read fd (close it afterwards), or -1 when the input does not fit the pipe. */
int fuzz_pipe(char *path, size_t pathsize, const uint8_t *data, size_t size);

/* A new memory store, holding the dataset json when it is not NULL (a failure aborts). */
struct itav_db;
struct itav_db *fuzz_memory_store(const char *json);

/* The store's JSON export (itav_free it; a failure aborts). */
char *fuzz_export(struct itav_db *db);

/* The export of a new memory store holding json (or nothing, for NULL), made on the first
 * call and kept in *cache for later ones: what a target compares a failed import with. */
const char *fuzz_base_export(char **cache, const char *json);

#endif
