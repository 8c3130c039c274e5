/* Shared by the fault injection tests: stores on a fault-injecting backend, raw dumps of a
 * store, and the realistic scenarios the tests fail step by step. White-box: the tests link
 * the static library to reach the built-in backends and the allocator's fault hook. */
#ifndef ITAV_FAULTS_H
#define ITAV_FAULTS_H

#include "model/model_int.h"
#include "../c/testutil.h"

#include <stdbool.h>
#include <stddef.h>

/* A backend that forwards every call to a real one (memory or SQLite) and can fail the
 * fail_at-th step from the last reset: a step is a call (begin, put, get, del, scan, commit,
 * purge) or a record a scan delivers. rollback is forwarded and never fails (the contract). */
typedef struct faulty {
    itav_backend parent;
    itav_backend *inner;
    long steps;      /* steps since the last reset */
    long fail_at;    /* > 0: the step that brings steps to it fails */
    int code;        /* what the failing step returns */
    long failed;     /* failures injected since the last reset */
    bool injected;   /* the last failure was injected (errmsg gives ours) */
    char err[160];
} faulty;

/* The real backend under the faulty one; a bool true is SQLite, as before. */
enum { STORE_KIND_MEMORY, STORE_KIND_SQLITE, STORE_KIND_POSTGRES };
const char *store_kind_name(int kind);

typedef struct store {
    bool sqlite, postgres;
    char dir[64], path[128];
    char schema[64]; /* postgres: the store's schema on the test server (testutil.h) */
    faulty *be;
    itav_db *db;
} store;

/* Opens an empty store of the kind (STORE_KIND_*) on a faulty backend (never failing until
 * armed). */
void store_open(store *s, int kind);
/* Opens a store of the kind in the state prepare makes (for SQLite a copy of a file
 * prepared once per process). */
void store_prepared(store *s, int kind, void (*prepare)(store *));
void store_close(store *s);
/* Copies a file (test memory, not counted). */
void copy_file(const char *from, const char *to);
/* Arms the backend: the nth step from now fails with code (n 0: never). */
void faulty_arm(faulty *f, long n, int code);

/* Every record (kind, key, index values for SQLite, data) in key order, as text; owned
 * (free()). Reads past the context and the fault counter. */
char *raw_dump(const store *s);

/* Routes SQLite's and jansson's allocations through the fault counter; call first in
 * main(), before anything touches SQLite. */
void faults_init(void);
/* Blocks of the library and of jansson not yet freed (SQLite keeps caches: not counted). */
long blocks_outstanding(void);
/* Whether failures are persistent now (jansson's exception re-arms with it). */
extern bool fault_persist_mode;

/* Growable text (plain malloc: the tests' own memory is not counted). */
typedef struct text {
    char *s;
    size_t n, cap;
} text;
void text_add(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* A realistic call and the store it runs on. call returns its code and, on success, appends
 * what it produced to out (compared between runs). */
typedef struct scenario {
    const char *name;
    void (*prepare)(store *s);
    int (*call)(store *s, text *out);
} scenario;
extern const scenario scenarios[];
/* Makes the data the scenarios share (outside any counted call). */
void scenarios_warm(void);
extern const size_t scenario_count;

/* Which N to test out of 1..total: every one with stride 1, else the first and last
 * ITAV_FAULT_EDGE (50) and every stride-th. The stride is ITAV_FAULT_STRIDE (1: every N),
 * by default total / ITAV_FAULT_SAMPLES (100): at most about 200 N per run. */
long next_n(long n, long total, long stride);
long fault_stride(long total);

#endif
