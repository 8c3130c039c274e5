/* The JSON import's memory bound (issue 12: peak resident memory at most 3 times the file).
 *
 * A process of its own (this program; meson runs it once per store): it writes a generated
 * itav/1 file of about 12 MB straight to disk (so the process never held it), imports it into
 * a fresh store of the kind given as argument (memory or sqlite), checks that every record
 * arrived, and checks the growth of the peak resident set (VmHWM in /proc/self/status, reset
 * first where the kernel allows) over the resident set before the import against 3 times the
 * file. Before the import streamed it was about 10 times: the jansson tree of the whole file.
 * Skipped (77) under AddressSanitizer and valgrind, whose own memory is counted too. */
#include <itav.h>

#include <stdbool.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

#define PAIRS 10000 /* an asking and a supporting participant and a declined match each */

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "test_import_memory: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

/* A field of /proc/self/status in kB, or -1. */
static long status_kb(const char *field)
{
    char line[256];
    long kb = -1;
    size_t n = strlen(field);
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            kb = strtol(line + n + 1, NULL, 10);
    fclose(f);
    return kb;
}

/* Writes the dataset to path; returns its size in bytes. */
static long write_dataset(const char *path)
{
    static const char *const towns[] = {"Amersfoort", "Enschede", "Haarlem", "Zwolle"};
    FILE *f = fopen(path, "w");
    if (!f)
        fail("cannot write", path);
    fputs("{\"format\": \"itav/1\",\n\"interventions\": [{\"id\": \"a\", \"name\": \"A\"}],\n"
          "\"offers\": [{\"id\": \"o\", \"intervention\": \"a\"}],\n\"participants\": [\n", f);
    for (int i = 0; i < 2 * PAIRS; i++) {
        bool asking = i % 2 == 0;
        fprintf(f, "%s{\"ref\": \"p%07d\", \"offer\": \"o\", \"kind\": \"%s\", \"status\": \"%s\", "
                "\"municipality\": \"%s\", \"postcode\": \"%04d\", \"location\": {\"lat\": "
                "52.%06d, \"lon\": 5.%06d}, \"availability\": [\"mon_evening\", \"wed_morning\", "
                "\"wed_afternoon\", \"thu_morning\", \"fri_evening\", \"sun_evening\"], "
                "\"languages\": [\"nl\", \"ar\"], \"interests\": [\"cooking\", \"swimming\", "
                "\"music\"], \"registered\": \"2020-02-%02d\"}",
                i ? ",\n" : "", i, asking ? "family" : "volunteer",
                asking ? "waiting" : "available", towns[i % 4], 1000 + i % 9000,
                (i * 7919) % 1000000, (i * 104729) % 1000000, 1 + i % 28);
    }
    fputs("],\n\"matches\": [\n", f);
    for (int k = 0; k < PAIRS; k++)
        fprintf(f, "%s{\"id\": \"m-%08d\", \"offer\": \"o\", \"asking\": \"p%07d\", "
                "\"supporting\": \"p%07d\", \"state\": \"declined\", \"reason\": \"no_click\", "
                "\"trail\": [{\"state\": \"proposed\", \"date\": \"2023-03-01\", \"actor\": "
                "\"coordinator\"}, {\"state\": \"declined\", \"date\": \"2023-03-05\", "
                "\"actor\": \"asking\"}]}",
                k ? ",\n" : "", k + 1, 2 * k, 2 * k + 1);
    fputs("]}\n", f);
    long size = ftell(f);
    if (fclose(f) != 0 || size <= 0)
        fail("cannot write", path);
    return size;
}

int main(int argc, char **argv)
{
    if (UNDER_ASAN || RUNNING_ON_VALGRIND) {
        puts("skipped: the sanitizer's or valgrind's own memory would be counted");
        return 77;
    }
    const char *kind = argc > 1 ? argv[1] : "memory";
    char dir[] = "/tmp/itav-memory-XXXXXX", path[128], file[128], store[160];
    if (!mkdtemp(dir))
        fail("cannot make a temporary directory", NULL);
    snprintf(path, sizeof path, "%s/big.json", dir);
    long size = write_dataset(path);
    snprintf(file, sizeof file, "%s/store.db", dir);
    if (strcmp(kind, "sqlite") == 0)
        snprintf(store, sizeof store, "sqlite:%s", file);
    else
        snprintf(store, sizeof store, "memory:");

    itav_db *db = NULL;
    if (itav_open(&db, store) != ITAV_OK)
        fail("cannot open the store", itav_errmsg(db));
    /* Where the kernel lets it, the peak starts again from here (clear_refs, 5). */
    FILE *reset = fopen("/proc/self/clear_refs", "w");
    if (reset) {
        fputs("5", reset);
        fclose(reset);
    }
    long before = status_kb("VmRSS");
    if (before < 0 || status_kb("VmHWM") < 0) {
        puts("skipped: no /proc/self/status");
        return 77;
    }
    if (itav_import_json_file(db, path) != ITAV_OK)
        fail("the import failed", itav_errmsg(db));
    long peak = status_kb("VmHWM");

    /* every record arrived */
    itav_participant *p;
    itav_match *m;
    if (itav_participant_get(&p, db, "p0019999") != ITAV_OK)
        fail("the last participant is missing", itav_errmsg(db));
    itav_participant_free(p);
    if (itav_match_get(&m, db, "m-00010000") != ITAV_OK)
        fail("the last match is missing", itav_errmsg(db));
    itav_match_free(m);
    itav_close(db);
    unlink(path);
    unlink(file);
    char aside[200];
    snprintf(aside, sizeof aside, "%s-wal", file);
    unlink(aside);
    snprintf(aside, sizeof aside, "%s-shm", file);
    unlink(aside);
    rmdir(dir);

    double growth = (double)(peak - before) * 1024.0, ratio = growth / (double)size;
    printf("%s store: a file of %.1f MB, resident %.1f MB before, peak %.1f MB: grew by %.1f MB, "
           "%.2fx the file (bound 3x)\n", kind, size / 1e6, before / 1024.0, peak / 1024.0,
           growth / 1e6, ratio);
    if (ratio > 3.0)
        fail("the import's peak memory grew by more than 3 times the file", NULL);
    return 0;
}
