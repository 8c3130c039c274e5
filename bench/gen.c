/* Deterministic data for the benchmarks (see gen.h). */
#include "gen.h"

#include <itav.h>

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

rng rng_new(uint64_t seed)
{
    rng r = {seed * 0x9E3779B97F4A7C15u + 0x1234567887654321u};
    if (!r.s)
        r.s = 1;
    for (int i = 0; i < 8; i++)
        rng_next(&r);
    return r;
}

uint64_t rng_next(rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

unsigned rng_below(rng *r, unsigned n) { return (unsigned)(rng_next(r) % n); }
double rng_unit(rng *r) { return (double)(rng_next(r) >> 11) / 9007199254740992.0; }

/* Wall-clock time, or with ITAV_BENCH_CLOCK=cpu the CPU time of the process: on a machine
 * busy with other work the CPU time of a single-threaded step varies far less. */
double now(void)
{
    static int cpu = -1;
    struct timespec t;
    if (cpu < 0) {
        const char *c = getenv("ITAV_BENCH_CLOCK");
        cpu = c && strcmp(c, "cpu") == 0;
    }
    clock_gettime(cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static bool hwm_resettable;

void rss_reset(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    hwm_resettable = f && fputs("5", f) >= 0;
    if (f && fclose(f) != 0)
        hwm_resettable = false;
}

long rss_peak_kb(void)
{
    long kb = -1;
    FILE *f = hwm_resettable ? fopen("/proc/self/status", "r") : NULL;
    char line[256];
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    if (kb < 0) {
        struct rusage u;
        getrusage(RUSAGE_SELF, &u);
        kb = u.ru_maxrss;
    }
    return kb;
}

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("bench_itav: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory (%zu bytes)", n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die("out of memory (%zu x %zu bytes)", n, size);
    return p;
}

void add(text *t, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int w = vsnprintf(t->s ? t->s + t->n : NULL, t->s ? t->cap - t->n : 0, fmt, ap);
        va_end(ap);
        if (w < 0)
            die("bad format");
        if (t->s && (size_t)w < t->cap - t->n) {
            t->n += (size_t)w;
            return;
        }
        t->cap = t->cap * 2 + (size_t)w + 4096;
        if (!(t->s = realloc(t->s, t->cap)))
            die("out of memory");
    }
}

void text_free(text *t)
{
    free(t->s);
    *t = (text){NULL, 0, 0};
}

/* ---- participants ---- */

/* Availability and support codes, bit i at [i], as the library names them. */
static const char *slot_words[21], *support_words[9];
static void load_codes(void)
{
    for (int i = 0; i < 21; i++)
        slot_words[i] = itav_code_name(ITAV_CODE_SLOT, 1 << i);
    for (int i = 0; i < 9; i++)
        support_words[i] = itav_code_name(ITAV_CODE_SUPPORT, 1 << i);
}
const char *const language_words[6] = {"nl", "ar", "tr", "en", "pl", "ti"};
const char *const interest_words[8] = {"football", "music",  "cooking", "chess",
                                       "art",      "nature", "reading", "swimming"};
const char *const town_names[TOWNS] = {"Amsterdam", "Rotterdam", "Den Haag", "Utrecht",
                                       "Eindhoven", "Groningen", "Nijmegen", "Enschede",
                                       "Haarlem",   "Breda",     "Amersfoort", "Zwolle"};
static const double towns[TOWNS][2] = {
    {52.37, 4.90}, {51.92, 4.48}, {52.08, 4.30}, {52.09, 5.12}, {51.44, 5.47}, {53.22, 6.57},
    {51.84, 5.86}, {52.22, 6.89}, {52.38, 4.64}, {51.59, 4.78}, {52.16, 5.39}, {52.52, 6.08}};

static double normal(rng *r)
{
    return sqrt(-2 * log(1 - rng_unit(r))) * cos(6.283185307179586 * rng_unit(r));
}

static unsigned bits(rng *r, int n, int pct)
{
    unsigned b = 0;
    for (int i = 0; i < n; i++)
        if ((int)rng_below(r, 100) < pct)
            b |= 1u << i;
    return b;
}

/* A coordinate as written (6 decimals) and read back, so every store holds the same double. */
static double six(double x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.6f", x);
    return strtod(buf, NULL);
}

static int32_t day(int y, int m, int d)
{
    int32_t out;
    if (itav_date_from_ymd(&out, y, m, d) != ITAV_OK)
        die("bad date");
    return out;
}

person *people_make(size_t n, size_t asking, spread where, uint64_t seed, const char *prefix)
{
    person *v = xcalloc(n, sizeof *v);
    rng r = rng_new(seed);
    for (size_t i = 0; i < n; i++) {
        person *p = &v[i];
        p->asking = i < asking;
        snprintf(p->ref, sizeof p->ref, "%s%07zu", prefix, i);
        unsigned k = rng_below(&r, 10);
        if (p->asking) {
            p->kind = k < 7 ? ITAV_PARTICIPANT_FAMILY : k < 9 ? ITAV_PARTICIPANT_PARENT
                                                               : ITAV_PARTICIPANT_YOUTH;
            p->status = ITAV_PSTATUS_WAITING;
        } else {
            p->kind = k < 6 ? ITAV_PARTICIPANT_SUPPORT_FAMILY
                      : k < 9 ? ITAV_PARTICIPANT_VOLUNTEER : ITAV_PARTICIPANT_BUDDY;
            p->status = ITAV_PSTATUS_AVAILABLE;
        }
        double lat, lon;
        int town = -1;
        if (where == SPREAD_CLUSTERED && rng_below(&r, 10) < 7) {
            town = (int)rng_below(&r, TOWNS);
            lat = towns[town][0] + normal(&r) * 8 / 111.2;
            lon = towns[town][1] + normal(&r) * 8 / (111.2 * cos(towns[town][0] * 3.14159265358979323846 / 180));
        } else {
            lat = 51.3 + rng_unit(&r) * 2.1;
            lon = 3.6 + rng_unit(&r) * 3.5;
        }
        p->has_location = where == SPREAD_UNIFORM || rng_below(&r, 100) < 95;
        if (p->has_location) {
            p->lat = six(lat);
            p->lon = six(lon);
        }
        p->municipality = town >= 0 ? town_names[town] : "Elders";
        snprintf(p->postcode, sizeof p->postcode, "%u", 1000 + rng_below(&r, 9000));
        p->availability = bits(&r, 21, 30);
        p->support = bits(&r, 9, p->asking ? 25 : 40);
        p->languages = bits(&r, 6, 30);
        p->interests = bits(&r, 8, 25);
        p->age_min = p->age_max = -1;
        p->vog_date = ITAV_DATE_NONE;
        p->capacity = 1;
        if (p->asking) {
            p->nchildren = 1 + (int)rng_below(&r, 3);
            for (int c = 0; c < p->nchildren; c++)
                p->children[c] = (int)rng_below(&r, 200);
        } else {
            p->age_min = (int)rng_below(&r, 100);
            p->age_max = p->age_min + 40 + (int)rng_below(&r, 150);
            p->vog_date = day(2018 + (int)rng_below(&r, 4), 1 + (int)rng_below(&r, 12), 1);
            p->trained = rng_below(&r, 5) != 0;
            p->capacity = 1 + (int)rng_below(&r, 2);
        }
        p->registered = day(2019 + (int)rng_below(&r, 3), 1 + (int)rng_below(&r, 12),
                            1 + (int)rng_below(&r, 28));
    }
    return v;
}

void put_words(text *t, const char *const *words, int n, unsigned set, const char *sep)
{
    bool first = true;
    for (int i = 0; i < n; i++)
        if (set & (1u << i)) {
            add(t, "%s%s", first ? "" : sep, words[i]);
            first = false;
        }
}

static const char *date_text(char *buf, int32_t d)
{
    if (d == ITAV_DATE_NONE)
        return "";
    itav_date_format(buf, ITAV_DATE_BUFSIZE, d);
    return buf;
}

const char *const csv_header = "ref,kind,status,municipality,postcode,lat,lon,availability,"
                               "support,languages,interests,children,age_min,age_max,"
                               "vog_date,trained,capacity,registered\n";

void person_csv(text *t, const person *p)
{
    char d1[ITAV_DATE_BUFSIZE], d2[ITAV_DATE_BUFSIZE];
    if (!slot_words[0])
        load_codes();
    add(t, "%s,%s,%s,%s,%s,", p->ref, itav_code_name(ITAV_CODE_PARTICIPANT_KIND, p->kind),
        itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, p->status), p->municipality, p->postcode);
    if (p->has_location)
        add(t, "%.6f,%.6f,", p->lat, p->lon);
    else
        add(t, ",,");
    put_words(t, slot_words, 21, p->availability, " ");
    add(t, ",");
    put_words(t, support_words, 9, p->support, " ");
    add(t, ",");
    put_words(t, language_words, 6, p->languages, " ");
    add(t, ",");
    put_words(t, interest_words, 8, p->interests, " ");
    add(t, ",");
    for (int c = 0; c < p->nchildren; c++)
        add(t, "%s%d", c ? " " : "", p->children[c]);
    if (p->age_min >= 0)
        add(t, ",%d,%d,", p->age_min, p->age_max);
    else
        add(t, ",,,");
    add(t, "%s,%s,%d,%s\n", date_text(d1, p->vog_date), p->asking ? "" : p->trained ? "yes" : "no",
        p->capacity, date_text(d2, p->registered));
}

static void json_words(text *t, const char *name, const char *const *words, int n, unsigned set)
{
    if (!set)
        return;
    add(t, ", \"%s\": [\"", name);
    put_words(t, words, n, set, "\", \"");
    add(t, "\"]");
}

void person_json(text *t, const person *p, const char *offer)
{
    char d[ITAV_DATE_BUFSIZE];
    if (!slot_words[0])
        load_codes();
    add(t, "{\"ref\": \"%s\", \"offer\": \"%s\", \"kind\": \"%s\", \"status\": \"%s\", "
        "\"municipality\": \"%s\", \"postcode\": \"%s\"", p->ref, offer,
        itav_code_name(ITAV_CODE_PARTICIPANT_KIND, p->kind),
        itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, p->status), p->municipality,
        p->postcode);
    if (p->has_location)
        add(t, ", \"location\": {\"lat\": %.6f, \"lon\": %.6f}", p->lat, p->lon);
    json_words(t, "availability", slot_words, 21, p->availability);
    json_words(t, "support", support_words, 9, p->support);
    json_words(t, "languages", language_words, 6, p->languages);
    json_words(t, "interests", interest_words, 8, p->interests);
    for (int c = 0; c < p->nchildren; c++)
        add(t, "%s%d", c ? ", " : ", \"children\": [", p->children[c]);
    if (p->nchildren)
        add(t, "]");
    if (p->age_min >= 0)
        add(t, ", \"age_range\": {\"min\": %d, \"max\": %d}", p->age_min, p->age_max);
    if (p->vog_date != ITAV_DATE_NONE)
        add(t, ", \"vog_date\": \"%s\"", date_text(d, p->vog_date));
    if (p->trained)
        add(t, ", \"trained\": true");
    if (p->capacity != 1)
        add(t, ", \"capacity\": %d", p->capacity);
    add(t, ", \"registered\": \"%s\"}", date_text(d, p->registered));
}

void person_canonical(text *t, const person *p)
{
    char d1[ITAV_DATE_BUFSIZE], d2[ITAV_DATE_BUFSIZE];
    add(t, "%s|%d|%d|%s|%s|", p->ref, p->kind, p->status, p->municipality, p->postcode);
    if (p->has_location)
        add(t, "%.6f|%.6f|", p->lat, p->lon);
    else
        add(t, "-|-|");
    add(t, "%x|%x|%x|%x|", (unsigned)p->availability, p->support, p->languages, p->interests);
    for (int c = 0; c < p->nchildren; c++)
        add(t, "%d ", p->children[c]);
    add(t, "|%d|%d|%s|%d|%d|%s\n", p->age_min, p->age_max, date_text(d1, p->vog_date),
        (int)p->trained, p->capacity, date_text(d2, p->registered));
}

/* ---- datasets ---- */

static const char *member_offer(size_t i) { return i % 2 ? "bench-b" : "bench-a"; }

static void write_text(FILE *f, text *t)
{
    if (t->n && fwrite(t->s, 1, t->n, f) != t->n)
        die("cannot write the dataset");
    t->n = 0;
}

/* One closed match and its reviews. Each match has its own stream, so a chunk of matches
 * is the same whether written alone or with the rest. */
static size_t match_json(text *mt, text *rt, const dataset *d, const person *people,
                         size_t na, size_t j, bool first)
{
    char d0[ITAV_DATE_BUFSIZE], d1[ITAV_DATE_BUFSIZE];
    rng r = rng_new(d->seed ^ (0xA5A5A5A5u + j * 0x2545F4914F6CDD1Du));
    size_t ns = d->participants - na;
    size_t a = j % na;
    size_t s = na + (a % 2) + 2 * ((a * 13 + (j / na) * 7 + 1) % (ns / 2));
    unsigned fate = rng_below(&r, 100);
    int32_t start = day(2019, 1, 1) + (int32_t)rng_below(&r, 1100);
    const char *offer = member_offer(a);
    add(mt, "%s{\"id\": \"m-%08zu\", \"offer\": \"%s\", \"asking\": \"%s\", \"supporting\": "
        "\"%s\", \"state\": \"%s\", \"score\": 0.%03u", first ? "" : ",\n", j + 1, offer,
        people[a].ref, people[s].ref,
        fate < 5 ? "declined" : fate < 20 ? "ended_early" : "completed",
        400 + rng_below(&r, 600));
    if (fate < 5) {
        add(mt, ", \"reason\": \"no_click\", \"trail\": [{\"state\": \"proposed\", \"date\": "
            "\"%s\", \"actor\": \"coordinator\"}, {\"state\": \"declined\", \"date\": \"%s\", "
            "\"actor\": \"coordinator\"}]}", date_text(d0, start), date_text(d1, start + 12));
        return 0;
    }
    int32_t end = start + (fate < 20 ? 200 : 400);
    if (fate < 20)
        add(mt, ", \"reason\": \"%s\"", rng_below(&r, 2) ? "asking_stopped" : "moved");
    add(mt, ", \"trail\": [{\"state\": \"proposed\", \"date\": \"%s\", \"actor\": "
        "\"coordinator\"}", date_text(d0, start));
    static const char *const moves[] = {"introduced", "trial", "active"};
    static const int after[] = {10, 20, 80};
    for (int m = 0; m < 3; m++)
        add(mt, ", {\"state\": \"%s\", \"date\": \"%s\", \"actor\": \"coordinator\"%s}",
            moves[m], date_text(d0, start + after[m]),
            m == 0 ? ", \"note\": \"kennismaking bij het steungezin\"" : "");
    add(mt, ", {\"state\": \"%s\", \"date\": \"%s\", \"actor\": \"coordinator\"}]}",
        fate < 20 ? "ended_early" : "completed", date_text(d0, end));
    /* trial (asking), periodic (coordinator), final (asking), final (supporting) */
    static const char *const kinds[] = {"trial", "periodic", "final", "final"};
    static const char *const who[] = {"asking", "coordinator", "asking", "supporting"};
    const int32_t when[] = {start + 75, start + 170, end, end + 5};
    for (int k = 0; k < 4; k++) {
        add(rt, "%s{\"id\": \"r-%08zu\", \"match\": \"m-%08zu\", \"offer\": \"%s\", \"kind\": "
            "\"%s\", \"date\": \"%s\", \"respondent\": \"%s\"", first && k == 0 ? "" : ",\n",
            4 * j + (size_t)k + 1, j + 1, offer, kinds[k], date_text(d0, when[k]), who[k]);
        if (rng_below(&r, 10))
            add(rt, ", \"satisfaction\": %u", 5 + rng_below(&r, 6));
        if (rng_below(&r, 50) == 0)
            add(rt, ", \"safety_concern\": true, \"safety_note\": \"zorg gemeld\"");
        if (k >= 2) {
            bool any = false;
            for (int e = 1; e <= 12; e++)
                if (rng_below(&r, 2)) {
                    add(rt, "%s\"%s\": %d", any ? ", " : ", \"effects\": {",
                        itav_code_name(ITAV_CODE_EFFECT, e), (int)rng_below(&r, 5) - 2);
                    any = true;
                }
            if (any)
                add(rt, "}");
            if (rng_below(&r, 10))
                add(rt, ", \"formal_help\": \"%s\"",
                    itav_code_name(ITAV_CODE_FORMAL_HELP, 1 + (int)rng_below(&r, 6)));
        }
        if (rng_below(&r, 10) == 0)
            add(rt, ", \"note\": \"goed contact, de kinderen logeren graag\"");
        add(rt, "}");
    }
    return 4;
}

size_t dataset_write(FILE *f, const dataset *d, char part, size_t m0, size_t m1)
{
    size_t n = d->participants & ~(size_t)3, na = n / 2, reviews = 0;
    if (n < 4)
        die("a dataset needs at least 4 participants");
    person *people = people_make(n, na, SPREAD_CLUSTERED, d->seed, "p");
    text t = {NULL, 0, 0}, mt = {NULL, 0, 0}, rt = {NULL, 0, 0};
    dataset dd = *d;
    dd.participants = n;
    add(&t, "{\"format\": \"itav/1\",\n");
    if (part != 'M') {
        add(&t, "\"interventions\": [{\"id\": \"iv-bench\", \"name\": \"Bench\"}],\n"
            "\"offers\": [{\"id\": \"" PROGRAMME_OFFER "\", \"intervention\": \"iv-bench\"},\n"
            "{\"id\": \"bench-a\", \"intervention\": \"iv-bench\", \"programme\": \""
            PROGRAMME_OFFER "\"},\n{\"id\": \"bench-b\", \"intervention\": \"iv-bench\", "
            "\"programme\": \"" PROGRAMME_OFFER "\"}],\n\"participants\": [\n");
        for (size_t i = 0; i < n; i++) {
            person_json(&t, &people[i], member_offer(i < na ? i : i - na));
            add(&t, i + 1 < n ? ",\n" : "\n]");
            if (t.n > (1u << 20))
                write_text(f, &t);
        }
    }
    if (part == 'A') {
        m0 = 0;
        m1 = d->matches;
    }
    if (part != 'C' && m1 > m0) {
        /* matches, then their reviews: two passes over the same per-match streams */
        add(&t, "%s\"matches\": [\n", part == 'M' ? "" : ",\n");
        write_text(f, &t);
        for (size_t j = m0; j < m1; j++) {
            reviews += match_json(&mt, &rt, &dd, people, na, j, j == m0);
            rt.n = 0;
            if (mt.n > (1u << 20))
                write_text(f, &mt);
        }
        write_text(f, &mt);
        if (reviews) {
            add(&t, "\n],\n\"reviews\": [\n");
            write_text(f, &t);
            bool first = true;
            for (size_t j = m0; j < m1; j++) {
                if (match_json(&mt, &rt, &dd, people, na, j, first))
                    first = false;
                mt.n = 0;
                if (rt.n > (1u << 20))
                    write_text(f, &rt);
            }
            write_text(f, &rt);
        }
        add(&t, "\n]");
    }
    add(&t, "}\n");
    write_text(f, &t);
    text_free(&t);
    text_free(&mt);
    text_free(&rt);
    free(people);
    return reviews;
}
