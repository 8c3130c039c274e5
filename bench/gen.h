/* Deterministic data for the benchmarks: participants, datasets, matrices. Every generator
 * draws from its own seeded xorshift stream, so a size and a seed always give the same data
 * on every machine (no libc rand, no time). */
#ifndef ITAV_BENCH_GEN_H
#define ITAV_BENCH_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct rng {
    uint64_t s;
} rng;

rng rng_new(uint64_t seed);
uint64_t rng_next(rng *r);
unsigned rng_below(rng *r, unsigned n);
double rng_unit(rng *r);

double now(void);
/* Peak resident memory since the last rss_reset(), in KiB (VmHWM; ru_maxrss if /proc
 * cannot reset it, which then is the peak of the whole process). */
void rss_reset(void);
long rss_peak_kb(void);

_Noreturn void die(const char *fmt, ...);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);

/* ---- growable text ---- */
typedef struct text {
    char *s;
    size_t n, cap;
} text;
void add(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void text_free(text *t);

/* ---- participants ---- */
extern const char *const language_words[6]; /* bit i of languages */
extern const char *const interest_words[8]; /* bit i of interests */
#define TOWNS 12
extern const char *const town_names[TOWNS];

typedef enum spread {
    SPREAD_CLUSTERED, /* 70% around twelve towns (sigma 8 km), the rest anywhere; 5% no place */
    SPREAD_UNIFORM    /* uniform over the box of the Netherlands, all with a place */
} spread;

typedef struct person {
    char ref[24];
    bool asking;
    int kind, status; /* itav_participant_kind, itav_participant_status */
    const char *municipality;
    char postcode[5];
    bool has_location;
    double lat, lon; /* rounded to 6 decimals, as written */
    uint32_t availability;
    unsigned support, languages, interests; /* bit sets over the word tables */
    int nchildren, children[3];
    int age_min, age_max; /* -1: no range */
    int32_t vog_date;     /* ITAV_DATE_NONE: none */
    bool trained;
    int capacity;
    int32_t registered;
} person;

/* n people; the first `asking` of them asking, the rest supporting. refs are
 * PREFIX + 7 digits. */
person *people_make(size_t n, size_t asking, spread where, uint64_t seed, const char *prefix);

extern const char *const csv_header;
void person_csv(text *t, const person *p);
/* One itav/1 participant object (one line). */
void person_json(text *t, const person *p, const char *offer);
/* Writes a list of words for the set bits; sep between them. */
void put_words(text *t, const char *const *words, int n, unsigned bits, const char *sep);
/* The fields compared between stores: one line of text. */
void person_canonical(text *t, const person *p);

/* ---- datasets (itav/1) ---- */
/* A dataset of `participants` people (half asking) in two member offers of one programme
 * offer, `matches` closed matches and four reviews for every match that ran (about 95% of
 * them). The intervention and offers come first; see gen.c for the shape of the records.
 * Writes to f; returns the number of reviews. part selects what to write: 'A' everything,
 * 'C' only the catalogue part and participants, 'M' only matches [m0, m1) and their
 * reviews (for imports in chunks). */
typedef struct dataset {
    size_t participants, matches;
    uint64_t seed;
} dataset;
#define PROGRAMME_OFFER "bench-programme"
size_t dataset_write(FILE *f, const dataset *d, char part, size_t m0, size_t m1);

#endif
