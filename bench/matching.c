/* Matching benchmark: suggestions on a national register and assignment of a large waiting
 * list. Generates its data deterministically (own PRNG), prints a table.
 *
 *   bench_matching [--quick]
 *
 * 1. Suggestions (k = 10) among 100,000 supporters in a SQLite store, with the plan's 10 km
 *    limit (spatial index), per query p50/p99 over 200 queries; and the same query for an
 *    asking participant without coordinates, which has to read the whole offer (the brute
 *    force).
 * 2. The assignment solver alone on a dense 2,000 x 2,000 instance (lib/matching/solver.h).
 * 3. itav_match_assign end to end: 2,000 asking and 2,000 supporting participants in one
 *    region, 10 km limit, dry run and write.
 * --quick divides the sizes by ten (for CI). Links the static library for the solver. */
#include "matching/solver.h"

#include <itav.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng = 0x1234567887654321u;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static unsigned rnd(unsigned n) { return (unsigned)(next() % n); }
static double unit(void) { return (double)(next() >> 11) / 9007199254740992.0; }
/* Standard normal (Box-Muller). */
static double normal(void) { return sqrt(-2 * log(1 - unit())) * cos(6.283185307179586 * unit()); }

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void die(itav_db *db, const char *what)
{
    fprintf(stderr, "bench_matching: %s: %s\n", what, db ? itav_errmsg(db) : "failed");
    exit(1);
}

/* ---- growable text ---- */

typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void add(text *t, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int w = vsnprintf(t->s ? t->s + t->n : NULL, t->s ? t->cap - t->n : 0, fmt, ap);
        va_end(ap);
        if (w >= 0 && t->s && (size_t)w < t->cap - t->n) {
            t->n += (size_t)w;
            return;
        }
        t->cap = t->cap * 2 + (size_t)w + 4096;
        if (!(t->s = realloc(t->s, t->cap)))
            die(NULL, "out of memory");
    }
}

/* ---- data ---- */

/* Towns to cluster around (lat, lon), and the box of the Netherlands for the rest. */
static const double towns[][2] = {
    {52.37, 4.90}, {51.92, 4.48}, {52.08, 4.30}, {52.09, 5.12}, {51.44, 5.47}, {53.22, 6.57},
    {51.84, 5.86}, {52.22, 6.89}, {52.38, 4.64}, {51.59, 4.78}, {52.16, 5.39}, {52.52, 6.08}};

static void place(double *lat, double *lon, double clat, double clon, double sigma_km)
{
    if (sigma_km > 0) {
        *lat = clat + normal() * sigma_km / 111.2;
        *lon = clon + normal() * sigma_km / (111.2 * cos(clat * 3.14159265358979 / 180));
    } else {
        *lat = 51.3 + unit() * 2.1;
        *lon = 3.6 + unit() * 3.5;
    }
}

static void put_list(text *t, const char *const *words, int n, int pct)
{
    int first = 1;
    for (int i = 0; i < n; i++)
        if ((int)rnd(100) < pct) {
            add(t, "%s%s", first ? "" : " ", words[i]);
            first = 0;
        }
}

static const char *const slots[] = {
    "mon_morning", "mon_afternoon", "mon_evening", "tue_morning", "tue_afternoon",
    "tue_evening", "wed_morning", "wed_afternoon", "wed_evening", "thu_morning",
    "thu_afternoon", "thu_evening", "fri_morning", "fri_afternoon", "fri_evening",
    "sat_morning", "sat_afternoon", "sat_evening", "sun_morning", "sun_afternoon",
    "sun_evening"};
static const char *const support[] = {"daytime_care", "sleepover",      "accompany",
                                      "homework",     "listening_ear",  "practical_help",
                                      "activities",   "parenting",      "wayfinding"};
static const char *const languages[] = {"nl", "ar", "tr", "en", "pl", "ti"};
static const char *const interests[] = {"football", "music",  "cooking", "chess",
                                        "art",      "nature", "reading", "swimming"};

/* One CSV row. town < 0: anywhere in the country; coords 0: no coordinates. */
static void row(text *t, const char *ref, bool asking, double clat, double clon, double sigma,
                bool coords)
{
    double lat = 0, lon = 0;
    place(&lat, &lon, clat, clon, sigma);
    add(t, "%s,%s,%s,", ref, asking ? "family" : "support_family",
        asking ? "waiting" : "available");
    if (coords)
        add(t, "%.6f,%.6f,", lat, lon);
    else
        add(t, ",,");
    add(t, "%d,", 1000 + (int)rnd(9000)); /* postcode */
    put_list(t, slots, 21, 30);
    add(t, ",");
    put_list(t, support, 9, asking ? 25 : 40);
    add(t, ",");
    put_list(t, languages, 6, 30);
    add(t, ",");
    put_list(t, interests, 8, 25);
    add(t, ",");
    if (asking) {
        add(t, "%u", rnd(200));
        for (unsigned n = rnd(3); n; n--)
            add(t, " %u", rnd(200));
        add(t, ",,,,,1,");
    } else {
        unsigned lo = rnd(100);
        add(t, ",%u,%u,%d-%02d-01,%s,%u,", lo, lo + 40 + rnd(150), 2018 + (int)rnd(4),
            1 + (int)rnd(12), rnd(5) ? "yes" : "no", 1 + rnd(2));
    }
    add(t, "%d-%02d-%02d\n", 2019 + (int)rnd(3), 1 + (int)rnd(12), 1 + (int)rnd(28));
}

static const char *header = "ref,kind,status,lat,lon,postcode,availability,support,languages,"
                            "interests,children,age_min,age_max,vog_date,trained,capacity,"
                            "registered\n";

static void make_offer(itav_db *db, const char *id)
{
    itav_intervention *iv;
    itav_offer *of;
    itav_plan *plan;
    char iv_id[64];
    snprintf(iv_id, sizeof iv_id, "iv-%s", id);
    if (itav_intervention_new(&iv, iv_id) || itav_intervention_set_name(iv, "Bench") ||
        itav_intervention_create(db, iv))
        die(db, "intervention");
    itav_intervention_free(iv);
    if (itav_plan_new(&plan) || itav_plan_set(plan, ITAV_PLAN_MAX_DISTANCE_M, 10000) ||
        itav_plan_set(plan, ITAV_PLAN_VOG, 1) || itav_plan_set(plan, ITAV_PLAN_VOG_VALID_MONTHS, 60))
        die(db, "plan");
    if (itav_offer_new(&of, id, iv_id) || itav_offer_set_plan(of, plan) ||
        itav_offer_create(db, of))
        die(db, "offer");
    itav_plan_free(plan);
    itav_offer_free(of);
}

static void import(itav_db *db, text *t, const char *offer)
{
    if (itav_import_participants_csv_string(db, t->s, "bench", offer) != ITAV_OK)
        die(db, "import");
    t->n = 0;
    t->s[0] = '\0';
}

static int by_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static double percentile(double *v, size_t n, double p)
{
    qsort(v, n, sizeof *v, by_double);
    size_t i = (size_t)ceil(p * (double)n) - 1;
    return v[i < n ? i : n - 1];
}

/* Runs one suggestion query; returns the seconds it took and counts the results. */
static double suggest(itav_db *db, const char *ref, const itav_match_options *o, size_t *found)
{
    itav_suggestion_iter *it;
    itav_suggestion *s;
    double t0 = now();
    if (itav_match_suggest(&it, db, ref, 10, o) != ITAV_OK)
        die(db, "suggest");
    double t = now() - t0;
    while (itav_suggestion_iter_next(&s, it) == ITAV_OK) {
        ++*found;
        itav_suggestion_free(s);
    }
    itav_suggestion_iter_free(it);
    return t;
}

/* ---- 1. suggestions ---- */

static void bench_suggestions(itav_db *db, int supporters, int queries)
{
    text t = {NULL, 0, 0};
    char ref[32];
    make_offer(db, "national");
    add(&t, "%s", header);
    for (int i = 0; i < supporters; i++) {
        int town = rnd(10) < 7 ? (int)rnd(12) : -1;
        snprintf(ref, sizeof ref, "s%06d", i);
        row(&t, ref, false, town >= 0 ? towns[town][0] : 0, town >= 0 ? towns[town][1] : 0,
            town >= 0 ? 8 : 0, rnd(100) < 95);
    }
    for (int i = 0; i < queries + 5; i++) {
        int town = (int)rnd(12);
        snprintf(ref, sizeof ref, "a%06d", i);
        row(&t, ref, true, towns[town][0], towns[town][1], 8, i < queries);
    }
    double t0 = now();
    import(db, &t, "national");
    double load = now() - t0;
    free(t.s);

    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    o.as_of = 19000; /* 2022-01-08 */
    double *times = malloc((size_t)queries * sizeof *times), brute[5];
    size_t found = 0, found_brute = 0;
    /* at most about 30 s of queries, whatever the store's speed */
    int ran = 0;
    for (double spent = 0; ran < queries && spent < 30; ran++) {
        snprintf(ref, sizeof ref, "a%06d", ran);
        spent += times[ran] = suggest(db, ref, &o, &found);
    }
    for (int i = 0; i < 5; i++) {
        snprintf(ref, sizeof ref, "a%06d", queries + i);
        brute[i] = suggest(db, ref, &o, &found_brute);
    }
    printf("| suggestions, k = 10, %d supporters (SQLite) | |\n", supporters);
    printf("| import of %d participants (CSV, one transaction) | %.2f s |\n", supporters + queries + 5,
           load);
    printf("| spatial index, 10 km limit: p50 / p99 over %d queries | %.2f / %.2f ms |\n",
           ran, percentile(times, (size_t)ran, 0.5) * 1e3,
           percentile(times, (size_t)ran, 0.99) * 1e3);
    printf("| (mean suggestions per query) | %.1f |\n", (double)found / ran);
    printf("| whole offer read (no coordinates): p50 over 5 queries | %.0f ms |\n",
           percentile(brute, 5, 0.5) * 1e3);
    free(times);
}

/* ---- 2. the solver alone ---- */

static void bench_solver(int n)
{
    size_t m = (size_t)n * (size_t)n;
    itav__edge *edges = malloc(m * sizeof *edges);
    int *cap = malloc((size_t)n * sizeof *cap);
    long *choice = malloc((size_t)n * sizeof *choice);
    if (!edges || !cap || !choice)
        die(NULL, "out of memory");
    for (int c = 0; c < n; c++)
        cap[c] = 1;
    for (size_t e = 0; e < m; e++)
        edges[e] = (itav__edge){(uint32_t)(e / (size_t)n), (uint32_t)(e % (size_t)n),
                                400000 + (int64_t)rnd(600001)};
    double t0 = now();
    if (itav__assign_solve(choice, (size_t)n, (size_t)n, cap, edges, m) != 0)
        die(NULL, "solver");
    double t = now() - t0;
    long long total = 0;
    int matched = 0;
    for (int r = 0; r < n; r++)
        if (choice[r] >= 0) {
            matched++;
            for (size_t e = (size_t)r * (size_t)n; e < (size_t)(r + 1) * (size_t)n; e++)
                if ((long)edges[e].col == choice[r])
                    total += edges[e].gain;
        }
    printf("| solver, dense %d x %d (%zu edges, capacity 1) | %.2f s |\n", n, n, m, t);
    printf("| (matched, mean points) | %d, %.0f |\n", matched, matched ? (double)total / matched : 0);
    free(edges);
    free(cap);
    free(choice);
}

/* ---- 3. assignment end to end ---- */

static void bench_assign(itav_db *db, int n)
{
    text t = {NULL, 0, 0};
    char ref[32];
    make_offer(db, "region");
    add(&t, "%s", header);
    /* one region of about 30 x 30 km around Haarlem and Amsterdam */
    for (int i = 0; i < 2 * n; i++) {
        int town = rnd(2) ? 0 : 8;
        snprintf(ref, sizeof ref, "r%c%05d", i < n ? 's' : 'a', i % n);
        row(&t, ref, i >= n, towns[town][0], towns[town][1], 6, true);
    }
    import(db, &t, "region");
    free(t.s);
    itav_assignment *as;
    double t0 = now();
    if (itav_match_assign(&as, db, "region", NULL, ITAV_ASSIGN_DRY_RUN, 19000) != ITAV_OK)
        die(db, "assign");
    double dry = now() - t0;
    size_t pairs = itav_assignment_count(as);
    double total = itav_assignment_total(as);
    itav_assignment_free(as);
    t0 = now();
    if (itav_match_assign(&as, db, "region", NULL, ITAV_ASSIGN_WRITE, 19000) != ITAV_OK)
        die(db, "assign");
    double write = now() - t0;
    itav_assignment_free(as);
    printf("| itav_match_assign, %d asking x %d supporting, 10 km (SQLite) | |\n", n, n);
    printf("| dry run | %.2f s |\n", dry);
    printf("| write (%zu proposed matches, one transaction) | %.2f s |\n", pairs, write);
    printf("| (pairs, mean score) | %zu, %.3f |\n", pairs, pairs ? total / (double)pairs : 0);
}

int main(int argc, char **argv)
{
    bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    if (argc > 2 || (argc == 2 && !quick)) {
        fprintf(stderr, "usage: %s [--quick]\n", argv[0]);
        return 2;
    }
    int div = quick ? 10 : 1;
    char dir[] = "/tmp/itav-bench-XXXXXX", uri[128], cmd[128];
    if (!mkdtemp(dir))
        die(NULL, "cannot make a temporary directory");
    snprintf(uri, sizeof uri, "sqlite:%s/bench.db", dir);
    itav_db *db;
    if (itav_open(&db, uri) != ITAV_OK)
        die(db, "open");
    printf("| libitav %s matching benchmark%s | |\n|---|---|\n", itav_version(),
           quick ? " (--quick)" : "");
    bench_suggestions(db, 100000 / div, 200 / div);
    bench_solver(2000 / div);
    bench_assign(db, 2000 / div);
    itav_close(db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
