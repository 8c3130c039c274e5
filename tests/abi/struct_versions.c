/* Versioned structs across library versions (docs/abi.md, "Versioned structs").
 *
 * (a) Backends written for version 1 of struct itav_backend (before `purge` was added) and
 *     for version 2 (before `begin_read` and `end_read`) still open and work, erasure and
 *     export included. Each struct is exactly its version's layout and ends at a page that
 *     cannot be read, so a library that reads a later member from it crashes here in every
 *     build, not only under ASan or valgrind. A version-2 backend gets its purge called, a
 *     version-3 backend its read transactions (one for the export).
 * (b) Backend version 0 and ITAV_BACKEND_VERSION + 1 are refused with ITAV_EVERSION.
 * (c) Every versioned option and filter struct, at every function that takes it: version 0
 *     and current + 1 are refused with ITAV_EVERSION, a message that names the struct and
 *     the versions, and the store unchanged; the current version works.
 * (d) A version-1 itav_intervention_filter (before `factors`), ending at a page that cannot
 *     be read, lists what the same filter of the current version lists.
 * (e) A version-2 itav_report_options (before `method`), ending at a page that cannot be
 *     read, makes the report the current version makes with ITAV_REPORT_SUPPRESS.
 *
 * The backends forward to the test backend of tests/c/testutil.c. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "testutil.h"

#include <itav.h>
#include <itav/backend.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "checks.h"

static int failures;

/* ---- backends of versions 1 to 3, forwarding to the test backend ---- */

/* struct itav_backend as version 1 defined it: everything up to `free`. */
struct backend_v1 {
    unsigned version;
    int (*begin)(itav_backend *be);
    int (*commit)(itav_backend *be);
    int (*rollback)(itav_backend *be);
    int (*put)(itav_backend *be, const char *kind, const char *key, const char *const *index,
               const void *data, size_t size);
    int (*get)(itav_backend *be, const char *kind, const char *key, itav_record_fn found,
               void *arg);
    int (*del)(itav_backend *be, const char *kind, const char *key);
    int (*scan)(itav_backend *be, const char *kind, int slot, const char *value,
                itav_record_fn each, void *arg);
    const char *(*errmsg)(itav_backend *be);
    void (*free)(itav_backend *be);
};
_Static_assert(sizeof(struct backend_v1) == offsetof(itav_backend, purge),
               "version 2 of itav_backend is version 1 with purge appended");

/* The backend doing the work; one forwarding backend is open at a time. */
static itav_backend *inner;
static char *guard_map;
static long page_size;
static int purge_calls, free_calls, read_calls;

static int fw_begin(itav_backend *be) { (void)be; return inner->begin(inner); }
static int fw_commit(itav_backend *be) { (void)be; return inner->commit(inner); }
static int fw_rollback(itav_backend *be) { (void)be; return inner->rollback(inner); }
static int fw_put(itav_backend *be, const char *kind, const char *key,
                  const char *const *index, const void *data, size_t size)
{
    (void)be;
    return inner->put(inner, kind, key, index, data, size);
}
static int fw_get(itav_backend *be, const char *kind, const char *key, itav_record_fn found,
                  void *arg)
{
    (void)be;
    return inner->get(inner, kind, key, found, arg);
}
static int fw_del(itav_backend *be, const char *kind, const char *key)
{
    (void)be;
    return inner->del(inner, kind, key);
}
static int fw_scan(itav_backend *be, const char *kind, int slot, const char *value,
                   itav_record_fn each, void *arg)
{
    (void)be;
    return inner->scan(inner, kind, slot, value, each, arg);
}
static const char *fw_errmsg(itav_backend *be) { (void)be; return inner->errmsg(inner); }
static int fw_purge(itav_backend *be)
{
    (void)be;
    purge_calls++;
    return ITAV_OK;
}

static int fw_begin_read(itav_backend *be)
{
    (void)be;
    read_calls++;
    return ITAV_OK; /* the test backend is one process's: any read sees one state */
}
static int fw_end_read(itav_backend *be)
{
    (void)be;
    return ITAV_OK;
}

/* Releases the forwarding struct too: the guarded mapping of a version-1 struct, or the
 * heap copy of a version-2 one. */
static void fw_free(itav_backend *be)
{
    free_calls++;
    inner->free(inner);
    inner = NULL;
    if (guard_map && (char *)be > guard_map && (char *)be < guard_map + 2 * page_size) {
        munmap(guard_map, (size_t)(2 * page_size));
        guard_map = NULL;
    } else {
        free(be);
    }
}

/* A backend struct of `size` bytes (the layout of an older version: the members before a
 * later one) whose last byte is the last readable byte of a page. */
static itav_backend *backend_guarded_new(unsigned version, size_t size)
{
    itav_backend t = ITAV_BACKEND_INIT;
    t.version = version;
    t.begin = fw_begin;
    t.commit = fw_commit;
    t.rollback = fw_rollback;
    t.put = fw_put;
    t.get = fw_get;
    t.del = fw_del;
    t.scan = fw_scan;
    t.errmsg = fw_errmsg;
    t.free = fw_free;
    t.purge = fw_purge; /* copied only into a struct that is long enough to have it */
    page_size = sysconf(_SC_PAGESIZE);
    guard_map = mmap(NULL, (size_t)(2 * page_size), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (guard_map == MAP_FAILED || mprotect(guard_map + page_size, (size_t)page_size, PROT_NONE)) {
        perror("mmap");
        exit(1);
    }
    char *b = guard_map + page_size - size;
    memcpy(b, &t, size);
    inner = test_backend_new();
    return (itav_backend *)(void *)b;
}

static itav_backend *backend_v1_new(unsigned version)
{
    return backend_guarded_new(version, sizeof(struct backend_v1));
}

static itav_backend *backend_v2_new(unsigned version, int with_purge)
{
    itav_backend *b = malloc(sizeof *b);
    *b = (itav_backend)ITAV_BACKEND_INIT;
    b->version = version;
    b->begin = fw_begin;
    b->commit = fw_commit;
    b->rollback = fw_rollback;
    b->put = fw_put;
    b->get = fw_get;
    b->del = fw_del;
    b->scan = fw_scan;
    b->errmsg = fw_errmsg;
    b->free = fw_free;
    b->purge = with_purge ? fw_purge : NULL;
    if (version >= 3) {
        b->begin_read = fw_begin_read;
        b->end_read = fw_end_read;
    }
    inner = test_backend_new();
    return b;
}

/* ---- (a) old and current backends work ---- */

/* Loads the catalogue, enrols and erases a family; returns the purge calls it caused. */
static int erase_on(itav_backend *be, const char *what)
{
    itav_db *db = NULL;
    itav_participant *p = NULL;
    char *erased = NULL;
    int purges = purge_calls, frees = free_calls;
    printf("%s\n", what);
    OK(db, itav_open_backend(&db, be));
    OK(db, itav_catalog_load(db));
    OK(db, itav_participant_new(&p, "fam-7", "buurtgezinnen-leiden", ITAV_PARTICIPANT_FAMILY));
    OK(db, itav_participant_set_municipality(p, "Leiden"));
    OK(db, itav_participant_set_postcode(p, "2311"));
    OK(db, itav_participant_create(db, p));
    itav_participant_free(p);
    p = NULL;

    OK(db, itav_participant_erase(db, "fam-7", &erased));
    CHECK(erased && strncmp(erased, "~erased-", 8) == 0);
    CHECK(itav_participant_get(&p, db, "fam-7") == ITAV_ENOTFOUND);
    OK(db, itav_participant_get(&p, db, erased ? erased : ""));
    CHECK(p && itav_participant_get_status(p) == ITAV_PSTATUS_ERASED);
    CHECK(p && itav_participant_municipality(p) == NULL && itav_participant_postcode(p) == NULL);
    itav_participant_free(p);
    itav_free(erased);

    char *json = NULL;
    OK(db, itav_export_json_string(&json, db));
    CHECK(json && strstr(json, "fam-7") == NULL && strstr(json, "\"buurtgezinnen\""));
    itav_free(json);
    itav_close(db);
    CHECK(free_calls == frees + 1);
    return purge_calls - purges;
}

static void old_and_current_backends(void)
{
    CHECK(erase_on(backend_v1_new(1), "(a) version-1 backend (struct ends at a guard page)") == 0);
    CHECK(erase_on(backend_guarded_new(2, offsetof(itav_backend, begin_read)),
                   "(a) version-2 backend (struct ends at a guard page)") == 1);
    CHECK(erase_on(backend_v2_new(2, 1), "(a) version-2 backend with purge") == 1);
    CHECK(erase_on(backend_v2_new(2, 0), "(a) version-2 backend without purge") == 0);
    int reads = read_calls;
    CHECK(erase_on(backend_v2_new(3, 1), "(a) version-3 backend with read transactions") == 1);
    CHECK(read_calls == reads + 1); /* the export's */
    CHECK(erase_on(backend_v2_new(3, 0), "(a) version-3 backend without purge") == 0);
}

/* ---- (b) unknown backend versions ---- */

static int has(const char *text, const char *part)
{
    if (strstr(text, part))
        return 1;
    fprintf(stderr, "message \"%s\" lacks \"%s\"\n", text, part);
    return 0;
}

static void unknown_backend_versions(void)
{
    unsigned bad[] = {0, ITAV_BACKEND_VERSION + 1};
    char want[64], range[64];
    snprintf(range, sizeof range, "versions 1 to %d", ITAV_BACKEND_VERSION);
    for (size_t i = 0; i < 2; i++) {
        itav_db *db = NULL;
        itav_backend *be = bad[i] == 0 ? backend_v1_new(0) : backend_v2_new(bad[i], 1);
        int rc = itav_open_backend(&db, be);
        CHECK(rc == ITAV_EVERSION);
        snprintf(want, sizeof want, "version %u", bad[i]);
        printf("(b) backend version %u: %s\n", bad[i], itav_errmsg(db));
        CHECK(has(itav_errmsg(db), "itav_backend") && has(itav_errmsg(db), want) &&
              has(itav_errmsg(db), range));
        itav_close(db); /* frees the backend only if it was (wrongly) taken */
        if (rc != ITAV_OK)
            be->free(be); /* refused: the caller still owns it */
    }
}

/* ---- (c) option and filter structs ---- */

#define OFFER "buurtgezinnen-zuid-kennemerland"

/* One call of a function that takes a versioned struct, with the struct's version set. */
typedef int (*call_fn)(itav_db *db, int version);

static int call_intervention_list(itav_db *db, int version)
{
    itav_intervention_filter f = ITAV_INTERVENTION_FILTER_INIT;
    itav_intervention_iter *it = NULL;
    f.version = (unsigned)version;
    int rc = itav_intervention_list(&it, db, &f);
    itav_intervention_iter_free(it);
    return rc;
}

static int call_participant_list(itav_db *db, int version)
{
    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it = NULL;
    f.version = version;
    int rc = itav_participant_list(&it, db, &f);
    itav_participant_iter_free(it);
    return rc;
}

static int call_match_list(itav_db *db, int version)
{
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it = NULL;
    f.version = version;
    int rc = itav_match_list(&it, db, &f);
    itav_match_iter_free(it);
    return rc;
}

static int call_match_suggest(itav_db *db, int version)
{
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    itav_suggestion_iter *it = NULL;
    o.version = version;
    int rc = itav_match_suggest(&it, db, "ask-1", 3, &o);
    itav_suggestion_iter_free(it);
    return rc;
}

static int call_match_score_pair(itav_db *db, int version)
{
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    itav_suggestion *s = NULL;
    o.version = version;
    int rc = itav_match_score_pair(&s, db, "ask-1", "sup-1", &o);
    itav_suggestion_free(s);
    return rc;
}

static int call_match_assign(itav_db *db, int version)
{
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    itav_assignment *a = NULL;
    int32_t date;
    itav_date_parse(&date, "2021-05-01");
    o.version = version;
    int rc = itav_match_assign(&a, db, OFFER, &o, ITAV_ASSIGN_DRY_RUN, date);
    itav_assignment_free(a);
    return rc;
}

/* With the current version this writes a proposal; the refused versions must write nothing. */
static int call_match_propose(itav_db *db, int version)
{
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    char *id = NULL;
    int32_t date;
    itav_date_parse(&date, "2021-05-01");
    o.version = version;
    int rc = itav_match_propose(&id, db, "ask-1", "sup-1", date, ITAV_ACTOR_COORDINATOR, NULL,
                                &o);
    itav_free(id);
    return rc;
}

static int call_portfolio_build(itav_db *db, int version)
{
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    itav_portfolio *p = NULL;
    f.version = (unsigned)version;
    f.municipality = "Haarlem";
    int rc = itav_portfolio_build(&p, db, &f);
    itav_portfolio_free(p);
    return rc;
}

static int call_recommend(itav_db *db, int version)
{
    itav_question q = ITAV_QUESTION_INIT;
    itav_recommendation_iter *it = NULL;
    q.version = (unsigned)version;
    q.asker = ITAV_ASKER_PARENT;
    q.age_months = 30;
    q.municipality = "Haarlem";
    int rc = itav_recommend(&it, db, &q);
    itav_recommendation_iter_free(it);
    return rc;
}

static int call_report_programme(itav_db *db, int version)
{
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    itav_report *r = NULL;
    o.version = (unsigned)version;
    int rc = itav_report_programme(&r, db, OFFER, &o);
    itav_report_free(r);
    return rc;
}

typedef struct versioned {
    const char *function, *type, *words; /* the message names type and says words */
    int current;
    call_fn call;
} versioned;

static const versioned cases[] = {
    {"itav_intervention_list", "itav_intervention_filter", "intervention filter version",
     ITAV_INTERVENTION_FILTER_VERSION, call_intervention_list},
    {"itav_participant_list", "itav_participant_filter", "participant filter version",
     ITAV_PARTICIPANT_FILTER_VERSION, call_participant_list},
    {"itav_match_list", "itav_match_filter", "match filter version", ITAV_MATCH_FILTER_VERSION,
     call_match_list},
    {"itav_match_suggest", "itav_match_options", "match options version",
     ITAV_MATCH_OPTIONS_VERSION, call_match_suggest},
    {"itav_match_score_pair", "itav_match_options", "match options version",
     ITAV_MATCH_OPTIONS_VERSION, call_match_score_pair},
    {"itav_match_assign", "itav_match_options", "match options version",
     ITAV_MATCH_OPTIONS_VERSION, call_match_assign},
    {"itav_match_propose", "itav_match_options", "match options version",
     ITAV_MATCH_OPTIONS_VERSION, call_match_propose},
    {"itav_portfolio_build", "itav_portfolio_filter", "portfolio filter version",
     ITAV_PORTFOLIO_FILTER_VERSION, call_portfolio_build},
    {"itav_recommend", "itav_question", "question.version:", ITAV_QUESTION_VERSION,
     call_recommend},
    {"itav_report_programme", "itav_report_options", "report options version",
     ITAV_REPORT_OPTIONS_VERSION, call_report_programme},
};

static void enrol(itav_db *db, const char *json)
{
    itav_participant *p = NULL;
    OK(db, itav_participant_from_json(&p, db, json));
    OK(db, itav_participant_create(db, p));
    itav_participant_free(p);
}

static void option_and_filter_structs(void)
{
    itav_db *db = NULL;
    OK(db, itav_open(&db, "memory:"));
    OK(db, itav_catalog_load(db));
    enrol(db, "{\"ref\": \"ask-1\", \"offer\": \"" OFFER "\", \"kind\": \"family\", "
              "\"status\": \"waiting\", \"registered\": \"2021-01-04\", "
              "\"municipality\": \"Haarlem\", \"support\": [\"daytime_care\"]}");
    enrol(db, "{\"ref\": \"sup-1\", \"offer\": \"" OFFER "\", \"kind\": \"support_family\", "
              "\"status\": \"available\", \"registered\": \"2020-11-02\", "
              "\"municipality\": \"Haarlem\", \"support\": [\"daytime_care\"], "
              "\"vog_date\": \"2020-12-01\"}");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const versioned *c = &cases[i];
        int bad[] = {0, c->current + 1};
        char words[96], range[64];
        snprintf(range, sizeof range, "versions 1 to %d", c->current);
        for (size_t b = 0; b < 2; b++) {
            char *before = NULL, *after = NULL;
            OK(db, itav_export_json_string(&before, db));
            int rc = c->call(db, bad[b]);
            const char *msg = itav_errmsg(db);
            printf("(c) %s, %s version %d: %s\n", c->function, c->type, bad[b], msg);
            snprintf(words, sizeof words, "%s %d", c->words, bad[b]);
            CHECK(rc == ITAV_EVERSION && itav_errcode(db) == ITAV_EVERSION);
            CHECK(has(msg, c->type) && has(msg, words) && has(msg, range));
            OK(db, itav_export_json_string(&after, db));
            CHECK(before && after && strcmp(before, after) == 0);
            itav_free(before);
            itav_free(after);
        }
        int rc = c->call(db, c->current);
        if (rc != ITAV_OK)
            fprintf(stderr, "%s with the current version: %s\n", c->function, itav_errmsg(db));
        CHECK(rc == ITAV_OK);
    }
    itav_close(db);
}

/* (d) The filter of libitav 0.3 ends before `factors` (0.4): the library must not read it. */
static void old_intervention_filter(void)
{
    itav_db *db = NULL;
    itav_intervention_iter *it = NULL;
    itav_intervention *iv;
    size_t v1 = offsetof(itav_intervention_filter, factors), n_old = 0, n_new = 0;
    OK(db, itav_open(&db, "memory:"));
    OK(db, itav_catalog_load(db));
    long page = sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, (size_t)(2 * page), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || mprotect(map + page, (size_t)page, PROT_NONE)) {
        perror("mmap");
        exit(1);
    }
    itav_intervention_filter cur = ITAV_INTERVENTION_FILTER_INIT;
    cur.audience = ITAV_AUDIENCE_YOUTH;
    itav_intervention_filter *old = (itav_intervention_filter *)(void *)(map + page - v1);
    memcpy(old, &cur, v1); /* the version-1 members only, up to the unreadable page */
    old->version = 1;
    OK(db, itav_intervention_list(&it, db, old));
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        n_old++;
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    OK(db, itav_intervention_list(&it, db, &cur));
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        n_new++;
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    printf("(d) a version-1 intervention filter (%zu bytes) lists %zu interventions\n", v1,
           n_old);
    CHECK(n_old > 0 && n_old == n_new);
    munmap(map, (size_t)(2 * page));
    itav_close(db);
}

/* (e) The report options of version 2 end before `method` (version 3): not read, and the
 * report is suppressed, as the current version's default. */
static void old_report_options(void)
{
    itav_db *db = NULL;
    itav_report *a = NULL, *b = NULL;
    char *ja = NULL, *jb = NULL;
    size_t v2 = offsetof(itav_report_options, method);
    OK(db, itav_open(&db, "memory:"));
    OK(db, itav_catalog_load(db));
    long page = sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, (size_t)(2 * page), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || mprotect(map + page, (size_t)page, PROT_NONE)) {
        perror("mmap");
        exit(1);
    }
    itav_report_options cur = ITAV_REPORT_OPTIONS_INIT;
    itav_report_options *old = (itav_report_options *)(void *)(map + page - v2);
    memcpy(old, &cur, v2);
    old->version = 2;
    OK(db, itav_report_programme(&a, db, OFFER, old));
    OK(db, itav_report_programme(&b, db, OFFER, &cur));
    OK(db, itav_report_write(&ja, a, ITAV_REPORT_JSON));
    OK(db, itav_report_write(&jb, b, ITAV_REPORT_JSON));
    printf("(e) version-2 report options (%zu bytes): %s\n", v2,
           itav_report_perturbed(a) ? "perturbed" : "suppressed");
    CHECK(a && !itav_report_perturbed(a) && ja && jb && strcmp(ja, jb) == 0);
    itav_free(ja);
    itav_free(jb);
    itav_report_free(a);
    itav_report_free(b);
    munmap(map, (size_t)(2 * page));
    itav_close(db);
}

int main(void)
{
    old_and_current_backends();
    unknown_backend_versions();
    option_and_filter_structs();
    old_intervention_filter();
    old_report_options();
    if (failures) {
        fprintf(stderr, "struct versions: %d checks failed\n", failures);
        return 1;
    }
    printf("struct versions: every check passed\n");
    return 0;
}
