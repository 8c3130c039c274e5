/* Replays inputs without libFuzzer: every regular file of the directories (or the files)
 * given on the command line goes to LLVMFuzzerTestOneInput once, in name order. Built with
 * each target for the ordinary test suite, so the seed corpus and every crash the fuzzer once
 * found are re-checked on each build. A missing directory is skipped (a target may have no
 * regressions yet), but running no input at all is a failure. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, size = 0;
    uint8_t *data = malloc(cap);
    size_t got;
    while (data && (got = fread(data + size, 1, cap - size, f)) > 0) {
        size += got;
        if (size == cap) {
            uint8_t *bigger = realloc(data, cap *= 2);
            if (!bigger)
                free(data);
            data = bigger;
        }
    }
    fclose(f);
    if (!data) {
        fprintf(stderr, "%s: out of memory\n", path);
        return -1;
    }
    fprintf(stderr, "input %s (%zu bytes)\n", path, size);
    /* Exactly the input's bytes, as libFuzzer gives them (ASan sees any overread). */
    uint8_t *exact = malloc(size ? size : 1);
    if (size)
        memcpy(exact, data, size);
    free(data);
    LLVMFuzzerTestOneInput(exact, size);
    free(exact);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of dir; returns how many, or -1 on an error. */
static long run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    long count = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) != 0) {
            perror(names[i]);
            count = -1;
        } else if (S_ISREG(st.st_mode)) {
            if (run_file(names[i]) != 0)
                count = -1;
            else if (count >= 0)
                count++;
        }
        free(names[i]);
    }
    free(names);
    return count;
}

int main(int argc, char **argv)
{
    long total = 0;
    /* Absolute paths first: a target may change the working directory (fuzz_uri does). */
    char **dirs = calloc((size_t)argc, sizeof *dirs);
    for (int i = 1; i < argc; i++)
        dirs[i] = realpath(argv[i], NULL);
    for (int i = 1; i < argc; i++) {
        struct stat st;
        long n;
        if (!dirs[i]) {
            fprintf(stderr, "%s: not found, skipped\n", argv[i]);
            n = 0;
        } else if (stat(dirs[i], &st) == 0 && S_ISREG(st.st_mode)) {
            n = run_file(dirs[i]) ? -1 : 1;
        } else {
            n = run_dir(dirs[i]);
        }
        if (n < 0)
            return 1;
        printf("%s: %ld inputs\n", argv[i], n);
        total += n;
        free(dirs[i]);
    }
    free(dirs);
    if (total == 0) {
        fprintf(stderr, "no input found: give the corpus directories\n");
        return 1;
    }
    printf("%ld inputs ran without a violated property\n", total);
    return 0;
}
