/* Deterministic data for the crash and concurrency tests: an intervention with two offers,
 * participants as CSV rows, and small helpers (time, files, text). */
#ifndef CRASHGEN_H
#define CRASHGEN_H

#include <itav.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The offer the assignment runs on (plan: 10 km, no screening) and a second offer that only
 * makes the import bigger. */
#define GEN_OFFER_ASSIGN "crash-assign"
#define GEN_OFFER_BULK "crash-bulk"
#define GEN_INTERVENTION "crash-intervention"

/* Growable text. */
typedef struct gen_text {
    char *s;
    size_t n, cap;
} gen_text;
void gen_add(gen_text *t, const char *fmt, ...);

/* A small xorshift generator: the same seed gives the same data on every machine. */
typedef struct gen_rng {
    uint64_t s;
} gen_rng;
unsigned gen_rnd(gen_rng *r, unsigned n);

/* Creates GEN_INTERVENTION, GEN_OFFER_ASSIGN and GEN_OFFER_BULK; returns ITAV_OK or a code. */
int gen_offers(itav_db *db);

/* Appends the CSV header that gen_row() rows follow. */
void gen_header(gen_text *t);
/* Appends one participant row: asking (family, waiting) or supporting (support family,
 * available), around Haarlem, with availability, needs, languages, interests and so on. */
void gen_row(gen_text *t, gen_rng *r, const char *ref, const char *offer, bool asking);

/* Monotonic seconds. */
double gen_now(void);
/* Copies a file; returns 0 or -1 (errno set). */
int gen_copy_file(const char *from, const char *to);
/* Removes PATH, PATH-wal, PATH-shm and PATH-journal (whichever exist). */
void gen_remove_store(const char *path);
/* The whole store as itav/1 text (malloc'd by libitav: itav_free), or NULL with the message
 * printed. */
char *gen_export(const char *uri);
/* Where two texts first differ, as "line N: ... / ..." in buf. */
void gen_first_difference(char *buf, size_t size, const char *a, const char *b);

#endif
