/*
 * Separate contexts on separate threads (include/itav/store.h: "a context is used by one
 * thread at a time; separate contexts may be used from separate threads").
 *
 * Every thread runs the same realistic scenario on its own context: catalogue load, an offer,
 * participants taken through intake, suggestions, a dry-run and a written assignment, matches
 * through their lifecycle with reviews, what falls due, a programme report in JSON and
 * Markdown, an export, and error paths whose itav_errmsg() text is recorded. Each scenario
 * writes a transcript of what it saw; every thread's transcript must equal the one the same
 * scenario gave when run alone, before the threads started.
 *
 * The contexts: stores in memory, a host backend (tests/c/testutil.c), SQLite files of their
 * own, and several contexts on ONE SQLite file (each thread its own offer and references,
 * all writing at once; busy waits are the library's). .ci/threads runs this under
 * ThreadSanitizer. ITAV_THREADS_ROUNDS (default 1) repeats the concurrent part;
 * ITAV_THREADS_SHOW=1 prints the transcripts.
 */
#include "testutil.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ASKING 8
#define N_SUPPORTING 6
#define BASE_OFFER "buurtgezinnen-zuid-kennemerland"

/* Writes to the shared SQLite file wait for each other up to the library's busy timeout
 * (5 s). On a loaded machine, and 5 to 15 times slower under ThreadSanitizer, a thread can
 * miss every gap between the others' transactions for that long and get ITAV_EBUSY. A
 * failed call writes nothing, so the thread does what a host program would: it tries
 * again. The retries are counted and printed, never hidden in the transcript. */
static _Atomic int busy_retries;
#define WRITE(rc, call)                                                                     \
    do {                                                                                    \
        int tries_ = 0;                                                                     \
        while (((rc) = (call)) == ITAV_EBUSY && ++tries_ < 10)                              \
            busy_retries++;                                                                 \
    } while (0)

/* ---- transcripts ---- */

typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void put(text *t, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int w = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (w >= 0) {
        if (t->n + (size_t)w + 1 > t->cap) {
            size_t cap = (t->n + (size_t)w + 1) * 2;
            char *s = realloc(t->s, cap);
            if (!s)
                abort();
            t->s = s;
            t->cap = cap;
        }
        vsnprintf(t->s + t->n, t->cap - t->n, fmt, again);
        t->n += (size_t)w;
    }
    va_end(again);
}

/* The transcript with every match and review id ("m-00000007") replaced by its order of
 * first appearance ("m#1"): on a shared file the store-wide sequences interleave. */
static char *normalised(const text *t)
{
    char seen[256][12];
    size_t nseen = 0;
    text out = {0};
    const char *p = t->s ? t->s : "", *from = p;
    put(&out, "%s", ""); /* never NULL */
    for (; *p; p++) {
        if ((p[0] != 'm' && p[0] != 'r') || p[1] != '-' || strspn(p + 2, "0123456789") != 8)
            continue;
        size_t k = 0;
        while (k < nseen && strncmp(seen[k], p, 10))
            k++;
        if (k == nseen && nseen < 256)
            snprintf(seen[nseen++], sizeof seen[0], "%.10s", p);
        put(&out, "%.*s%c#%zu", (int)(p - from), from, p[0], k + 1);
        p += 9;
        from = p + 1;
    }
    put(&out, "%s", from);
    return out.s;
}

/* ---- the scenario ---- */

/* A fixed-seed generator (xorshift32), one per scenario. */
static int below(uint32_t *state, int n)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return (int)(x % (uint32_t)n);
}

static int32_t ymd(int y, int m, int d)
{
    int32_t out = ITAV_DATE_NONE;
    itav_date_from_ymd(&out, y, m, d);
    return out;
}

/* Appends the outcome of a call: "ok", or the code and the context's message. */
static int note(text *t, itav_db *db, const char *what, int rc)
{
    if (rc == ITAV_OK)
        put(t, "%s: ok\n", what);
    else
        put(t, "%s: %s: %s\n", what, itav_strerror(rc), itav_errmsg(db));
    return rc;
}

static int enrol(itav_db *db, itav_participant *p, int32_t registered)
{
    const char *ref = itav_participant_ref(p);
    itav_participant_status last = itav_participant_side(p) == ITAV_SIDE_ASKING
                                       ? ITAV_PSTATUS_WAITING
                                       : ITAV_PSTATUS_AVAILABLE;
    int rc = itav_participant_set_registered(p, registered);
    if (!rc)
        WRITE(rc, itav_participant_create(db, p));
    if (!rc)
        WRITE(rc, itav_participant_set_status(db, ref, ITAV_PSTATUS_INTAKE, registered + 7));
    if (!rc)
        WRITE(rc, itav_participant_set_status(db, ref, ITAV_PSTATUS_APPROVED, registered + 14));
    if (!rc)
        WRITE(rc, itav_participant_set_status(db, ref, last, registered + 21));
    return rc;
}

static int make_people(itav_db *db, const char *tag, const char *offer, int32_t today)
{
    static const uint32_t slots[] = {ITAV_SLOT(2, ITAV_AFTERNOON), ITAV_SLOT(4, ITAV_EVENING),
                                     ITAV_SLOT(5, ITAV_MORNING), ITAV_SLOT(1, ITAV_EVENING)};
    static const unsigned supports[] = {ITAV_SUPPORT_DAYTIME_CARE, ITAV_SUPPORT_SLEEPOVER,
                                        ITAV_SUPPORT_ACCOMPANY, ITAV_SUPPORT_DAYTIME_CARE};
    static const char *const langs[] = {"nl", "ar", "tr", "en"};
    uint32_t rng = 2021;
    int rc = ITAV_OK;
    for (int i = 0; rc == ITAV_OK && i < N_ASKING + N_SUPPORTING; i++) {
        bool asking = i < N_ASKING;
        int need = below(&rng, 4);
        char ref[48];
        itav_participant *p = NULL;
        snprintf(ref, sizeof ref, "%s-%s-%02d", tag, asking ? "vraag" : "steun", i);
        rc = itav_participant_new(&p, ref, offer,
                                  asking ? ITAV_PARTICIPANT_FAMILY
                                         : ITAV_PARTICIPANT_SUPPORT_FAMILY);
        if (!rc)
            rc = itav_participant_set_municipality(p, "Haarlem");
        if (!rc)
            rc = itav_participant_set_location(p, 52.37 + below(&rng, 30) / 1000.0,
                                               4.62 + below(&rng, 30) / 1000.0);
        if (!rc)
            rc = itav_participant_set_support(p, supports[need] | (asking ? 0 : supports[3 - need]));
        if (!rc)
            rc = itav_participant_set_availability(p, slots[need] | slots[below(&rng, 4)]);
        if (!rc)
            rc = itav_participant_add_language(p, "nl");
        if (!rc && below(&rng, 3) == 0)
            rc = itav_participant_add_language(p, langs[1 + below(&rng, 3)]);
        if (!rc)
            rc = itav_participant_add_interest(p, below(&rng, 2) ? "football" : "music");
        if (!rc && asking)
            rc = itav_participant_add_child(p, 6 + below(&rng, 120));
        if (!rc && !asking)
            rc = itav_participant_set_vog_date(p, today - 200 - below(&rng, 100));
        if (!rc && !asking)
            rc = itav_participant_set_capacity(p, 1 + (i % 3 == 0));
        if (!rc)
            rc = enrol(db, p, today - 300 + below(&rng, 200));
        itav_participant_free(p);
    }
    return rc;
}

static void put_pair(text *t, const itav_suggestion *s)
{
    put(t, "  %s + %s %.6f excluded %d\n", itav_suggestion_asking(s),
        itav_suggestion_supporting(s), itav_suggestion_score(s), (int)itav_suggestion_excluded(s));
}

static int suggestions(text *t, itav_db *db, const char *ref, const itav_match_options *opt)
{
    itav_suggestion_iter *it = NULL;
    itav_suggestion *s;
    int rc = itav_match_suggest(&it, db, ref, 3, opt);
    if (rc != ITAV_OK)
        return note(t, db, "suggest", rc);
    put(t, "suggestions for %s:\n", ref);
    while ((rc = itav_suggestion_iter_next(&s, it)) == ITAV_OK) {
        put_pair(t, s);
        itav_suggestion_free(s);
    }
    itav_suggestion_iter_free(it);
    return rc == ITAV_ITEROVER ? ITAV_OK : rc;
}

static int assign(text *t, itav_db *db, const char *offer, const itav_match_options *opt,
                  unsigned flags, int32_t date)
{
    itav_assignment *a = NULL;
    int rc;
    WRITE(rc, itav_match_assign(&a, db, offer, opt, flags, date));
    if (rc != ITAV_OK)
        return note(t, db, "assign", rc);
    put(t, "assignment (%s): total %.6f\n", flags ? "written" : "dry run",
        itav_assignment_total(a));
    for (size_t i = 0; i < itav_assignment_count(a); i++) {
        put_pair(t, itav_assignment_pair(a, i));
        if (flags)
            put(t, "  as %s\n", itav_assignment_match_id(a, i));
    }
    for (size_t i = 0; i < itav_assignment_unmatched_count(a); i++)
        put(t, "  unmatched %s\n", itav_assignment_unmatched(a, i));
    itav_assignment_free(a);
    return ITAV_OK;
}

static int review(itav_db *db, const char *match, itav_review_kind kind, int32_t date,
                  itav_respondent who, int mark, bool final)
{
    itav_review *r = NULL;
    int rc = itav_review_new(&r, kind, date, who);
    if (!rc)
        rc = itav_review_set_satisfaction(r, mark);
    if (!rc && final)
        rc = itav_review_set_effect(r, ITAV_EFFECT_REST, mark > 7 ? 2 : -1);
    if (!rc && final)
        rc = itav_review_set_formal_help(r, ITAV_HELP_PREVENTED);
    if (!rc)
        WRITE(rc, itav_review_add(NULL, db, match, r));
    itav_review_free(r);
    return rc;
}

/* Match k through a course of its own: declined, ended early, still active or completed. */
static int course(text *t, itav_db *db, const char *id, int k)
{
    int32_t day = ymd(2021, 3, 15) + k;
    int rc;
    if (k % 4 == 3) {
        WRITE(rc, itav_match_advance(db, id, ITAV_MATCH_DECLINED, day, ITAV_ACTOR_ASKING,
                                     ITAV_END_NO_CLICK, NULL));
        return note(t, db, "declined", rc);
    }
    WRITE(rc, itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, day, ITAV_ACTOR_COORDINATOR, 0,
                                 NULL));
    if (!rc)
        WRITE(rc, itav_match_advance(db, id, ITAV_MATCH_TRIAL, day + 14, ITAV_ACTOR_COORDINATOR,
                                     0, "agreements made"));
    if (!rc)
        rc = review(db, id, ITAV_REVIEW_TRIAL, day + 70, ITAV_RESPONDENT_ASKING, 6 + k % 4, 0);
    if (!rc)
        rc = review(db, id, ITAV_REVIEW_TRIAL, day + 70, ITAV_RESPONDENT_SUPPORTING, 8, 0);
    if (!rc)
        WRITE(rc, itav_match_advance(db, id, ITAV_MATCH_ACTIVE, day + 70,
                                     ITAV_ACTOR_COORDINATOR, 0, NULL));
    if (!rc)
        rc = review(db, id, ITAV_REVIEW_PERIODIC, day + 250, ITAV_RESPONDENT_COORDINATOR, 8, 0);
    if (!rc && k % 4 == 1)
        WRITE(rc, itav_match_advance(db, id, ITAV_MATCH_ENDED_EARLY, day + 300,
                                     ITAV_ACTOR_COORDINATOR, ITAV_END_MOVED, NULL));
    if (!rc && k % 4 != 2)
        rc = review(db, id, ITAV_REVIEW_FINAL, day + 400, ITAV_RESPONDENT_ASKING, 7 + k % 3, 1);
    if (!rc && k % 4 == 0)
        WRITE(rc, itav_match_advance(db, id, ITAV_MATCH_COMPLETED, day + 400,
                                     ITAV_ACTOR_COORDINATOR, 0, "ended as planned"));
    note(t, db, id, rc);
    if (rc == ITAV_OK && k == 0) { /* a move the lifecycle does not have: refused, and why */
        int refused;
        WRITE(refused, itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, day + 500,
                                          ITAV_ACTOR_COORDINATOR, 0, NULL));
        note(t, db, "back to introduced", refused);
    }
    return rc;
}

static int lifecycles(text *t, itav_db *db, const char *offer)
{
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it = NULL;
    itav_match *m;
    char ids[N_ASKING][16];
    int n = 0, rc;
    f.offer = offer;
    if ((rc = itav_match_list(&it, db, &f)) != ITAV_OK)
        return note(t, db, "match list", rc);
    while ((rc = itav_match_iter_next(&m, it)) == ITAV_OK) {
        if (n < N_ASKING)
            snprintf(ids[n++], sizeof ids[0], "%s", itav_match_id(m));
        itav_match_free(m);
    }
    itav_match_iter_free(it);
    for (int k = 0; rc == ITAV_ITEROVER && k < n; k++)
        if (course(t, db, ids[k], k) != ITAV_OK)
            return ITAV_ERROR;
    return rc == ITAV_ITEROVER ? ITAV_OK : rc;
}

static int due(text *t, itav_db *db, const char *offer, int32_t as_of)
{
    itav_due_iter *it = NULL;
    itav_due *d;
    int rc = itav_match_due(&it, db, offer, as_of, 400);
    if (rc != ITAV_OK)
        return note(t, db, "due", rc);
    while ((rc = itav_due_iter_next(&d, it)) == ITAV_OK) {
        put(t, "due %s %s %d\n", itav_due_match(d),
            itav_code_name(ITAV_CODE_DUE_KIND, (int)itav_due_get_kind(d)),
            itav_due_overdue_days(d));
        itav_due_free(d);
    }
    itav_due_iter_free(it);
    return rc == ITAV_ITEROVER ? ITAV_OK : rc;
}

static int report(text *t, itav_db *db, const char *offer)
{
    itav_report_options opt = ITAV_REPORT_OPTIONS_INIT;
    itav_report *r = NULL;
    char *json = NULL, *md = NULL;
    opt.k = 2;
    int rc = itav_report_programme(&r, db, offer, &opt);
    if (!rc)
        rc = itav_report_write(&json, r, ITAV_REPORT_JSON);
    if (!rc)
        rc = itav_report_write(&md, r, ITAV_REPORT_MARKDOWN);
    if (!rc)
        put(t, "report:\n%s\n%s\n", json, md);
    itav_free(json);
    itav_free(md);
    itav_report_free(r);
    return note(t, db, "report", rc);
}

/* The thread's own records as JSON: the whole store when it is the thread's alone, else the
 * participants and matches of its offer. */
static int export(text *t, itav_db *db, const char *offer, bool whole)
{
    itav_participant_filter pf = ITAV_PARTICIPANT_FILTER_INIT;
    itav_match_filter mf = ITAV_MATCH_FILTER_INIT;
    itav_participant_iter *pit = NULL;
    itav_match_iter *mit = NULL;
    itav_participant *p;
    itav_match *m;
    char *json = NULL;
    int rc;
    if (whole) {
        WRITE(rc, itav_export_json_string(&json, db));
        if (!rc)
            put(t, "export:\n%s\n", json);
        itav_free(json);
        return note(t, db, "export", rc);
    }
    pf.offer = mf.offer = offer;
    if ((rc = itav_participant_list(&pit, db, &pf)) != ITAV_OK)
        return note(t, db, "participant list", rc);
    while (rc == ITAV_OK && (rc = itav_participant_iter_next(&p, pit)) == ITAV_OK) {
        if ((rc = itav_participant_to_json(&json, p)) == ITAV_OK)
            put(t, "%s\n", json);
        itav_free(json);
        itav_participant_free(p);
    }
    itav_participant_iter_free(pit);
    if (rc != ITAV_ITEROVER)
        return note(t, db, "participant export", rc);
    if ((rc = itav_match_list(&mit, db, &mf)) != ITAV_OK)
        return note(t, db, "match list", rc);
    while (rc == ITAV_OK && (rc = itav_match_iter_next(&m, mit)) == ITAV_OK) {
        if ((rc = itav_match_to_json(&json, m)) == ITAV_OK)
            put(t, "%s\n", json);
        itav_free(json);
        itav_match_free(m);
    }
    itav_match_iter_free(mit);
    return note(t, db, "match export", rc == ITAV_ITEROVER ? ITAV_OK : rc);
}

/* The library's process-wide read-only tables, used from every thread at once. */
static void tables(text *t)
{
    put(t, "%s %s %s %s\n", itav_version(), itav_strerror(ITAV_EBUSY),
        itav_code_name(ITAV_CODE_MATCH_STATE, ITAV_MATCH_TRIAL),
        itav_element_label(ITAV_ELEMENT_INFORMAL_SUPPORT, ITAV_LANG_NL));
    put(t, "catalogue text %zu bytes\n", strlen(itav_catalog_json()));
}

/* The whole scenario on one context; the catalogue is loaded first unless `shared` (then the
 * caller loads it and records the outcome itself). */
static void scenario(text *t, itav_db *db, const char *tag, bool shared)
{
    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT;
    itav_offer *of = NULL;
    itav_participant *p = NULL;
    char offer[48], ref[64];
    int32_t today = ymd(2021, 3, 1);
    int rc = ITAV_OK;

    opt.as_of = today;
    snprintf(offer, sizeof offer, "%s-offer", tag);
    tables(t);
    if (!shared) {
        WRITE(rc, itav_catalog_load(db));
        if (note(t, db, "catalogue", rc) != ITAV_OK)
            return;
    }
    rc = itav_offer_get(&of, db, BASE_OFFER);
    if (!rc) { /* a copy of the catalogue's offer under the thread's own id */
        itav_offer *copy = NULL;
        rc = itav_offer_new(&copy, offer, itav_offer_intervention(of));
        if (!rc)
            rc = itav_offer_set_name(copy, tag);
        if (!rc)
            rc = itav_offer_set_plan(copy, itav_offer_plan(of));
        if (!rc)
            WRITE(rc, itav_offer_create(db, copy));
        itav_offer_free(copy);
    }
    itav_offer_free(of);
    if (note(t, db, "offer", rc) != ITAV_OK)
        return;
    if (note(t, db, "participants", make_people(db, tag, offer, today)) != ITAV_OK)
        return;

    snprintf(ref, sizeof ref, "%s-nobody", tag);
    note(t, db, "get a participant that is not there", itav_participant_get(&p, db, ref));
    {
        char name[64];
        snprintf(name, sizeof name, "%s-bad.json", tag);
        note(t, db, "import of broken JSON",
             itav_import_json_string(db, "{\"format\": \"itav/1\",\n \"interventions\": [}",
                                     name));
    }
    {
        itav_suggestion *pair = NULL;
        char supporter[48];
        snprintf(supporter, sizeof supporter, "%s-steun-%02d", tag, N_ASKING);
        note(t, db, "a pair with a participant that is not there",
             itav_match_score_pair(&pair, db, ref, supporter, &opt));
        itav_suggestion_free(pair);
    }

    for (int i = 0; rc == ITAV_OK && i < 3; i++) {
        snprintf(ref, sizeof ref, "%s-vraag-%02d", tag, i);
        rc = suggestions(t, db, ref, &opt);
    }
    if (!rc)
        rc = assign(t, db, offer, &opt, ITAV_ASSIGN_DRY_RUN, today);
    if (!rc)
        rc = assign(t, db, offer, &opt, ITAV_ASSIGN_WRITE, today);
    if (!rc)
        rc = lifecycles(t, db, offer);
    if (!rc)
        rc = due(t, db, offer, ymd(2021, 9, 1));
    if (!rc)
        rc = report(t, db, offer);
    if (!rc)
        rc = export(t, db, offer, !shared);
    note(t, db, "report of an offer that is not there",
         itav_report_programme(NULL, db, "no-such-offer", NULL));
    note(t, db, "scenario", rc);
}

/* ---- the threads ---- */

enum kind { KIND_MEMORY, KIND_BACKEND, KIND_OWN_FILE, KIND_SHARED_FILE };
static const char *const kind_names[] = {"memory", "host backend", "own SQLite file",
                                         "shared SQLite file"};

typedef struct worker {
    enum kind kind;
    char tag[16];
    char uri[160];
    char *expected; /* the transcript of the scenario run alone */
    char *got;
    int catalogue_rc; /* KIND_SHARED_FILE: what this thread's catalogue load returned */
    pthread_barrier_t *start;
} worker;

static char workdir[64];

static itav_db *open_kind(enum kind kind, const char *uri)
{
    itav_db *db = NULL;
    int rc;
    if (kind == KIND_BACKEND) {
        itav_backend *be = test_backend_new();
        if ((rc = itav_open_backend(&db, be)) != ITAV_OK)
            be->free(be);
    } else {
        for (int tries = 0; (rc = itav_open(&db, uri)) == ITAV_EBUSY && tries < 10; tries++) {
            itav_close(db); /* each try makes a context */
            db = NULL;
            busy_retries++;
        }
    }
    if (rc != ITAV_OK) {
        itav_close(db);
        return NULL;
    }
    return db;
}

/* One run of the worker's scenario on a new context; the transcript, normalised. */
static char *run_once(worker *w, bool together)
{
    text t = {0};
    itav_db *db = open_kind(w->kind, w->uri);
    if (!db) {
        put(&t, "cannot open %s\n", w->uri);
        return t.s;
    }
    if (w->kind == KIND_SHARED_FILE) {
        int rc;
        WRITE(rc, itav_catalog_load(db));
        if (together)
            w->catalogue_rc = rc;
        else if (rc != ITAV_OK) /* alone, on a fresh file: must load */
            note(&t, db, "catalogue", rc);
    }
    scenario(&t, db, w->tag, w->kind == KIND_SHARED_FILE);
    itav_close(db);
    char *s = normalised(&t);
    free(t.s);
    return s;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pthread_barrier_wait(w->start); /* all scenarios start at once */
    w->got = run_once(w, true);
    return NULL;
}

static void set_uri(worker *w, const char *file)
{
    if (w->kind == KIND_MEMORY)
        snprintf(w->uri, sizeof w->uri, "memory:");
    else if (w->kind != KIND_BACKEND)
        snprintf(w->uri, sizeof w->uri, "sqlite:%s/%s", workdir, file);
}

static void remove_files(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", workdir);
    ck_assert_int_eq(system(cmd), 0);
}

static int rounds(void)
{
    const char *s = getenv("ITAV_THREADS_ROUNDS");
    int n = s ? atoi(s) : 1;
    return n > 0 ? n : 1;
}

/* The number of characters the two texts share from the start. */
static size_t common_prefix(const char *a, const char *b)
{
    size_t i = 0;
    while (a[i] && a[i] == b[i])
        i++;
    return i;
}

START_TEST(test_contexts_on_threads_give_the_results_of_one_thread)
{
    static const enum kind plan[] = {KIND_MEMORY,      KIND_MEMORY,      KIND_BACKEND,
                                     KIND_OWN_FILE,    KIND_OWN_FILE,    KIND_SHARED_FILE,
                                     KIND_SHARED_FILE, KIND_SHARED_FILE};
    enum { N = sizeof plan / sizeof plan[0] };
    worker w[N];
    pthread_t th[N];
    pthread_barrier_t start;

    ck_assert_msg(sqlite3_threadsafe() != 0, "SQLite is built without thread support");
    snprintf(workdir, sizeof workdir, "/tmp/itav-threads-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(workdir));

    /* Each scenario alone first, each on a fresh store of its kind. */
    for (int i = 0; i < N; i++) {
        char file[32];
        memset(&w[i], 0, sizeof w[i]);
        w[i].kind = plan[i];
        w[i].start = &start;
        snprintf(w[i].tag, sizeof w[i].tag, "t%d", i);
        snprintf(file, sizeof file, "alone-%d.db", i);
        set_uri(&w[i], file);
        w[i].expected = run_once(&w[i], false);
        ck_assert_msg(strstr(w[i].expected, "scenario: ok\n"), "%s alone:\n%s",
                      kind_names[plan[i]], w[i].expected);
    }
    if (getenv("ITAV_THREADS_SHOW")) /* to see what is compared */
        for (int i = 0; i < N; i++)
            printf("---- thread %d (%s), alone:\n%s", i, kind_names[plan[i]], w[i].expected);
    /* The runs differ only in references: the same scenario. */
    ck_assert_ptr_nonnull(strstr(w[0].expected, "back to introduced: not allowed"));
    ck_assert_ptr_nonnull(strstr(w[0].expected, "t0-nobody"));

    for (int r = 0; r < rounds(); r++) {
        char file[32];
        snprintf(file, sizeof file, "round-%d.db", r);
        for (int i = 0; i < N; i++) {
            char own[32];
            snprintf(own, sizeof own, "own-%d-%d.db", r, i);
            set_uri(&w[i], w[i].kind == KIND_SHARED_FILE ? file : own);
            w[i].catalogue_rc = -1;
        }
        ck_assert_int_eq(pthread_barrier_init(&start, NULL, N), 0);
        for (int i = 0; i < N; i++)
            ck_assert_int_eq(pthread_create(&th[i], NULL, worker_main, &w[i]), 0);
        for (int i = 0; i < N; i++)
            ck_assert_int_eq(pthread_join(th[i], NULL), 0);
        pthread_barrier_destroy(&start);

        int loaded = 0, already = 0, shared = 0;
        for (int i = 0; i < N; i++) {
            size_t same = common_prefix(w[i].expected, w[i].got);
            ck_assert_msg(strcmp(w[i].expected, w[i].got) == 0,
                          "round %d, thread %d (%s): differs from its run alone at byte %zu:\n"
                          "alone: ...%.300s\nthreaded: ...%.300s", r, i, kind_names[w[i].kind],
                          same, w[i].expected + same, w[i].got + same);
            if (w[i].kind == KIND_SHARED_FILE) {
                shared++;
                loaded += w[i].catalogue_rc == ITAV_OK;
                already += w[i].catalogue_rc == ITAV_EEXISTS;
            }
            free(w[i].got);
        }
        /* One of the contexts on the shared file loads the catalogue; the others are told
         * it is there already, not a list of clashing ids. */
        ck_assert_int_eq(loaded, 1);
        ck_assert_msg(already == shared - 1, "catalogue loads on the shared file: %d loaded, %d told it is there, of %d (codes %d %d %d)", loaded, already, shared, w[5].catalogue_rc, w[6].catalogue_rc, w[7].catalogue_rc);
    }
    printf("%d rounds of %d threads; calls tried again after ITAV_EBUSY: %d\n", rounds(), N,
           (int)busy_retries);
    for (int i = 0; i < N; i++)
        free(w[i].expected);
    remove_files();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("contexts");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_contexts_on_threads_give_the_results_of_one_thread);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
