#include "crashgen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void gen_add(gen_text *t, const char *fmt, ...)
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
        if (!(t->s = realloc(t->s, t->cap))) {
            fprintf(stderr, "out of memory\n");
            abort();
        }
    }
}

unsigned gen_rnd(gen_rng *r, unsigned n)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (unsigned)(r->s % n);
}

int gen_offers(itav_db *db)
{
    itav_intervention *iv = NULL;
    itav_offer *assign = NULL, *bulk = NULL;
    itav_plan *plan = NULL;
    int rc;
    if ((rc = itav_intervention_new(&iv, GEN_INTERVENTION)) ||
        (rc = itav_intervention_set_name(iv, "Crash test support families")) ||
        (rc = itav_intervention_create(db, iv)) || (rc = itav_plan_new(&plan)) ||
        (rc = itav_plan_set(plan, ITAV_PLAN_MAX_DISTANCE_M, 10000)) ||
        (rc = itav_offer_new(&assign, GEN_OFFER_ASSIGN, GEN_INTERVENTION)) ||
        (rc = itav_offer_set_name(assign, "Haarlem")) || (rc = itav_offer_set_plan(assign, plan)) ||
        (rc = itav_offer_create(db, assign)) ||
        (rc = itav_offer_new(&bulk, GEN_OFFER_BULK, GEN_INTERVENTION)) ||
        (rc = itav_offer_set_name(bulk, "Kennemerland")) || (rc = itav_offer_create(db, bulk)))
        fprintf(stderr, "making the offers: %s\n", itav_errmsg(db));
    itav_plan_free(plan);
    itav_offer_free(assign);
    itav_offer_free(bulk);
    itav_intervention_free(iv);
    return rc;
}

/* Availability and support codes, bit i at [i], as the library names them. */
static const char *slot_codes[21], *support_codes[9];
static void load_codes(void)
{
    for (int i = 0; i < 21; i++)
        slot_codes[i] = itav_code_name(ITAV_CODE_SLOT, 1 << i);
    for (int i = 0; i < 9; i++)
        support_codes[i] = itav_code_name(ITAV_CODE_SUPPORT, 1 << i);
}
static const char *const language_codes[] = {"nl", "ar", "tr", "en", "pl", "ti"};
static const char *const interest_tags[] = {"football", "music", "cooking", "chess",
                                            "art", "nature", "reading", "swimming"};
static const char *const towns[] = {"Haarlem", "Zandvoort", "Bloemendaal", "Heemstede"};

/* A list of the words chosen with pct% chance each; never empty. */
static void put_list(gen_text *t, gen_rng *r, const char *const *words, unsigned n, unsigned pct)
{
    bool first = true;
    for (unsigned i = 0; i < n; i++)
        if (gen_rnd(r, 100) < pct) {
            gen_add(t, "%s%s", first ? "" : " ", words[i]);
            first = false;
        }
    if (first)
        gen_add(t, "%s", words[gen_rnd(r, n)]);
}

void gen_header(gen_text *t)
{
    gen_add(t, "ref,kind,offer,status,municipality,postcode,lat,lon,availability,support,"
               "languages,interests,children,age_min,age_max,trained,capacity,registered\n");
}

void gen_row(gen_text *t, gen_rng *r, const char *ref, const char *offer, bool asking)
{
    /* about 8 x 8 km around Haarlem, so that the 10 km plan leaves most pairs allowed */
    double lat = 52.35 + gen_rnd(r, 7000) * 1e-5, lon = 4.58 + gen_rnd(r, 11000) * 1e-5;
    gen_add(t, "%s,%s,%s,%s,%s,%u,%.5f,%.5f,", ref, asking ? "family" : "support_family", offer,
            asking ? "waiting" : "available", towns[gen_rnd(r, 4)], 2000 + gen_rnd(r, 150), lat,
            lon);
    if (!slot_codes[0])
        load_codes();
    put_list(t, r, slot_codes, 21, 30);
    gen_add(t, ",");
    put_list(t, r, support_codes, 9, asking ? 25 : 45);
    gen_add(t, ",");
    put_list(t, r, language_codes, 6, 30);
    gen_add(t, ",");
    put_list(t, r, interest_tags, 8, 30);
    gen_add(t, ",");
    if (asking) {
        gen_add(t, "%u", gen_rnd(r, 200));
        for (unsigned n = gen_rnd(r, 3); n; n--)
            gen_add(t, " %u", gen_rnd(r, 200));
        gen_add(t, ",,,,,");
    } else {
        unsigned lo = gen_rnd(r, 100);
        gen_add(t, ",%u,%u,%s,%u,", lo, lo + 40 + gen_rnd(r, 150), gen_rnd(r, 4) ? "yes" : "no",
                1 + gen_rnd(r, 2));
    }
    gen_add(t, "%u-%02u-%02u\n", 2019 + gen_rnd(r, 3), 1 + gen_rnd(r, 12), 1 + gen_rnd(r, 28));
}

double gen_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int gen_copy_file(const char *from, const char *to)
{
    char buf[1 << 16];
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) {
        close(in);
        return -1;
    }
    ssize_t n;
    int rc = 0;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) {
            rc = -1;
            break;
        }
    if (n < 0)
        rc = -1;
    int saved = errno;
    close(in);
    if (close(out) != 0)
        rc = -1;
    errno = saved;
    return rc;
}

void gen_remove_store(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    char name[4096];
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
        unlink(name);
    }
}

char *gen_export(const char *uri)
{
    itav_db *db;
    char *text = NULL;
    if (itav_open(&db, uri) != ITAV_OK || itav_export_json_string(&text, db) != ITAV_OK) {
        fprintf(stderr, "export of %s: %s\n", uri, itav_errmsg(db));
        text = NULL;
    }
    itav_close(db);
    return text;
}

void gen_first_difference(char *buf, size_t size, const char *a, const char *b)
{
    int line = 1;
    const char *la = a, *lb = b;
    while (*a && *a == *b) {
        if (*a == '\n') {
            line++;
            la = a + 1;
            lb = b + 1;
        }
        a++, b++;
    }
    int na = (int)strcspn(la, "\n"), nb = (int)strcspn(lb, "\n");
    snprintf(buf, size, "line %d: \"%.*s\" / \"%.*s\"", line, na > 120 ? 120 : na, la,
             nb > 120 ? 120 : nb, lb);
}
