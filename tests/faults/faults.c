/* The fault injection tests' shared parts: the faulty backend, stores on it, raw dumps, the
 * allocator routing for SQLite and jansson, and the scenarios. */
#define _GNU_SOURCE /* dladdr */
#include "faults.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ======================================================================================
 * Text
 * ====================================================================================== */

void text_add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(n, 0);
    if (t->n + (size_t)n + 1 > t->cap) {
        t->cap = (t->n + (size_t)n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        ck_assert_ptr_nonnull(t->s);
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->n += (size_t)n;
}

/* ======================================================================================
 * The faulty backend
 * ====================================================================================== */

static faulty *as_faulty(itav_backend *be) { return (faulty *)be; }
static itav_backend *inner_of(itav_backend *be) { return as_faulty(be)->inner; }

/* Counts a step; true when it is the one to fail (then err says which). */
static bool fails(faulty *f, const char *what, const char *kind, const char *key)
{
    f->steps++;
    if (f->fail_at <= 0 || f->steps != f->fail_at)
        return false;
    f->failed++;
    f->injected = true;
    snprintf(f->err, sizeof f->err, "injected %s at backend step %ld (%s %s %s)",
             itav_strerror(f->code), f->steps, what, kind ? kind : "", key ? key : "");
    return true;
}

/* A forwarded call's result: a failure is the inner backend's own. */
static int passed(faulty *f, int rc)
{
    if (rc < 0 && rc != ITAV_ENOTFOUND)
        f->injected = false;
    return rc;
}

static int fb_begin(itav_backend *be)
{
    if (fails(as_faulty(be), "begin", NULL, NULL))
        return as_faulty(be)->code;
    return passed(as_faulty(be), inner_of(be)->begin(inner_of(be)));
}

static int fb_commit(itav_backend *be)
{
    if (fails(as_faulty(be), "commit", NULL, NULL))
        return as_faulty(be)->code;
    return passed(as_faulty(be), inner_of(be)->commit(inner_of(be)));
}

static int fb_rollback(itav_backend *be) { return inner_of(be)->rollback(inner_of(be)); }

static int fb_put(itav_backend *be, const char *kind, const char *key, const char *const *index,
                  const void *data, size_t size)
{
    if (fails(as_faulty(be), "put", kind, key))
        return as_faulty(be)->code;
    return passed(as_faulty(be), inner_of(be)->put(inner_of(be), kind, key, index, data, size));
}

static int fb_get(itav_backend *be, const char *kind, const char *key, itav_record_fn fn,
                  void *arg)
{
    if (fails(as_faulty(be), "get", kind, key))
        return as_faulty(be)->code;
    return passed(as_faulty(be), inner_of(be)->get(inner_of(be), kind, key, fn, arg));
}

static int fb_del(itav_backend *be, const char *kind, const char *key)
{
    if (fails(as_faulty(be), "del", kind, key))
        return as_faulty(be)->code;
    return passed(as_faulty(be), inner_of(be)->del(inner_of(be), kind, key));
}

/* A scan can also fail part-way, between two records, as a read error would. */
typedef struct scan_relay {
    faulty *f;
    const char *kind;
    itav_record_fn each;
    void *arg;
} scan_relay;

static int relay(void *arg, const char *key, const void *data, size_t size)
{
    scan_relay *r = arg;
    if (fails(r->f, "scan record", r->kind, key))
        return r->f->code;
    return r->each(r->arg, key, data, size);
}

static int fb_scan(itav_backend *be, const char *kind, int slot, const char *value,
                   itav_record_fn each, void *arg)
{
    faulty *f = as_faulty(be);
    scan_relay r = {f, kind, each, arg};
    if (fails(f, "scan", kind, value))
        return f->code;
    long failed = f->failed;
    int rc = inner_of(be)->scan(inner_of(be), kind, slot, value, relay, &r);
    return f->failed == failed ? passed(f, rc) : rc; /* when relay failed it, it is ours */
}

static const char *fb_errmsg(itav_backend *be)
{
    if (as_faulty(be)->injected)
        return as_faulty(be)->err;
    return inner_of(be)->errmsg ? inner_of(be)->errmsg(inner_of(be)) : NULL;
}

static int fb_purge(itav_backend *be)
{
    if (fails(as_faulty(be), "purge", NULL, NULL))
        return as_faulty(be)->code;
    return inner_of(be)->purge ? passed(as_faulty(be), inner_of(be)->purge(inner_of(be))) : ITAV_OK;
}

/* Read transactions, where the inner backend has them (SQLite); end_read, like rollback,
 * is never failed. */
static int fb_begin_read(itav_backend *be)
{
    if (fails(as_faulty(be), "begin_read", NULL, NULL))
        return as_faulty(be)->code;
    itav_backend *in = inner_of(be);
    return in->begin_read ? passed(as_faulty(be), in->begin_read(in)) : ITAV_OK;
}

static int fb_end_read(itav_backend *be)
{
    itav_backend *in = inner_of(be);
    return in->end_read ? in->end_read(in) : ITAV_OK;
}

static void fb_free(itav_backend *be)
{
    inner_of(be)->free(inner_of(be));
    free(be);
}

void faulty_arm(faulty *f, long n, int code)
{
    f->steps = 0;
    f->fail_at = n;
    f->code = code;
    f->failed = 0;
}

/* ======================================================================================
 * Stores
 * ====================================================================================== */

/* Where SQLite files go: in memory (tmpfs) when there is one, because the fixtures and the
 * runs that succeed commit thousands of times and every commit waits for an fsync. The
 * failures tested here do not depend on the disk. */
static const char *scratch_dir(void)
{
    return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
}

/* Opens a store whose SQLite file is a copy of template (NULL: a new file). */
static void store_open_copy(store *s, int kind, const char *template);

void store_open(store *s, int kind) { store_open_copy(s, kind, NULL); }

const char *store_kind_name(int kind)
{
    return kind == STORE_KIND_POSTGRES ? "postgresql" : kind ? "sqlite" : "memory";
}

void copy_file(const char *from, const char *to)
{
    char buf[65536];
    size_t n;
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    ck_assert_msg(in && out, "cannot copy %s to %s", from, to);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    ck_assert_int_eq(ferror(in), 0);
    fclose(in);
    ck_assert_int_eq(fclose(out), 0);
}

/* Prepared SQLite files, made once per process (a fixture commits many times, each with an
 * fsync) and copied for every fresh store. */
static struct {
    void (*prepare)(store *);
    char path[160];
} templates[16];
static char template_dir[64];

static void remove_templates(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", template_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", template_dir);
}

void store_prepared(store *s, int kind, void (*prepare)(store *))
{
    if (kind != STORE_KIND_SQLITE) {
        store_open(s, kind);
        prepare(s);
        return;
    }
    int i = 0;
    while (i < 16 && templates[i].prepare && templates[i].prepare != prepare)
        i++;
    ck_assert_int_lt(i, 16);
    if (!templates[i].prepare) {
        if (!template_dir[0]) {
            snprintf(template_dir, sizeof template_dir, "%s/itav-templates-XXXXXX",
                     scratch_dir());
            ck_assert_ptr_nonnull(mkdtemp(template_dir));
            atexit(remove_templates);
        }
        store_open(s, STORE_KIND_SQLITE);
        prepare(s);
        itav_close(s->db); /* the last connection checkpoints the log into the file */
        s->db = NULL;
        snprintf(templates[i].path, sizeof templates[i].path, "%s/%d.db", template_dir, i);
        copy_file(s->path, templates[i].path);
        templates[i].prepare = prepare;
        store_close(s);
    }
    store_open_copy(s, STORE_KIND_SQLITE, templates[i].path);
}

static void store_open_copy(store *s, int kind, const char *template)
{
    char err[256] = "";
    memset(s, 0, sizeof *s);
    s->sqlite = kind == STORE_KIND_SQLITE;
    s->postgres = kind == STORE_KIND_POSTGRES;
    faulty *f = calloc(1, sizeof *f);
    ck_assert_ptr_nonnull(f);
    f->parent = (itav_backend)ITAV_BACKEND_INIT;
    f->parent.begin = fb_begin;
    f->parent.commit = fb_commit;
    f->parent.rollback = fb_rollback;
    f->parent.put = fb_put;
    f->parent.get = fb_get;
    f->parent.del = fb_del;
    f->parent.scan = fb_scan;
    f->parent.errmsg = fb_errmsg;
    f->parent.free = fb_free;
    f->parent.purge = fb_purge;
    f->parent.begin_read = fb_begin_read;
    f->parent.end_read = fb_end_read;
    if (s->postgres) {
#ifdef ITAV_POSTGRES
        char uri[1024];
        postgres_new_schema(uri, sizeof uri, s->schema, "");
        int rc = itav__postgres_backend_open(&f->inner, uri, err, sizeof err);
        ck_assert_msg(rc == ITAV_OK, "cannot open a PostgreSQL store: %s", err);
#else
        ck_abort_msg("this build has no PostgreSQL");
#endif
    } else if (s->sqlite) {
        snprintf(s->dir, sizeof s->dir, "%s/itav-faults-XXXXXX", scratch_dir());
        ck_assert_ptr_nonnull(mkdtemp(s->dir));
        snprintf(s->path, sizeof s->path, "%s/store.db", s->dir);
        if (template)
            copy_file(template, s->path);
        int rc = itav__sqlite_backend_open(&f->inner, s->path, err, sizeof err);
        ck_assert_msg(rc == ITAV_OK, "cannot open %s: %s", s->path, err);
    } else {
        ck_assert_int_eq(itav__memory_backend_new(&f->inner), ITAV_OK);
    }
    ck_assert_int_eq(itav_open_backend(&s->db, &f->parent), ITAV_OK);
    s->be = f;
}

void store_close(store *s)
{
    itav_close(s->db);
    s->db = NULL;
    if (s->sqlite) { /* the file and its log files; no shell: this runs thousands of times */
        static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
        for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
            char file[160];
            snprintf(file, sizeof file, "%s%s", s->path, suffixes[i]);
            unlink(file);
        }
        ck_assert_msg(rmdir(s->dir) == 0, "cannot remove %s", s->dir);
    }
    if (s->postgres)
        postgres_drop_schema(s->schema);
}

/* ---- raw dumps ---- */

/* Every kind of record the library writes (model/model_int.h). */
static const char *const kinds[] = {
    ITAV__KIND_INTERVENTION, ITAV__KIND_OFFER,  ITAV__KIND_PARTICIPANT, ITAV__KIND_MATCH,
    ITAV__KIND_SEQUENCE,     ITAV__KIND_REVIEW, ITAV__KIND_INDICATOR,
};

static int dump_record(void *arg, const char *key, const void *data, size_t size)
{
    text_add(arg, "%s %zu %.*s\n", key, size, (int)size, (const char *)data);
    return 0;
}

static void sql_dump(text *t, const char *path)
{
    sqlite3 *c;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(c,
        "SELECT kind, key, quote(i0), quote(i1), quote(i2), quote(i3), length(data), data "
        "FROM records ORDER BY kind, key", -1, &st, NULL), SQLITE_OK);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        text_add(t, "%s %s [%s %s %s %s] %d %.*s\n", sqlite3_column_text(st, 0),
                 sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
                 sqlite3_column_text(st, 3), sqlite3_column_text(st, 4),
                 sqlite3_column_text(st, 5), sqlite3_column_int(st, 6),
                 sqlite3_column_bytes(st, 7), (const char *)sqlite3_column_blob(st, 7));
    }
    ck_assert_int_eq(rc, SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(c);
}

char *raw_dump(const store *s)
{
    text t = {0};
    text_add(&t, "%s", "");
    if (s->sqlite) {
        sql_dump(&t, s->path);
        return t.s;
    }
    itav_backend *be = s->be->inner;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        text_add(&t, "== %s\n", kinds[i]);
        ck_assert_int_eq(be->scan(be, kinds[i], ITAV_SCAN_ALL, NULL, dump_record, &t), 0);
    }
    return t.s;
}


/* ======================================================================================
 * Other allocators through the fault counter
 * ====================================================================================== */

/* SQLite needs each block's size: it sits in a header before the block. */
typedef union header {
    sqlite3_int64 size;
    max_align_t align;
} header;

static void *sq_malloc(int n)
{
    if (itav__fault_tick())
        return NULL;
    header *h = malloc(sizeof *h + (size_t)n);
    if (!h)
        return NULL;
    h->size = n;
    return h + 1;
}

static void sq_free(void *p)
{
    if (p)
        free((header *)p - 1);
}

static void *sq_realloc(void *p, int n)
{
    if (itav__fault_tick())
        return NULL;
    header *h = realloc((header *)p - 1, sizeof *h + (size_t)n);
    if (!h)
        return NULL;
    h->size = n;
    return h + 1;
}

static int sq_size(void *p) { return p ? (int)((header *)p - 1)->size : 0; }
static int sq_roundup(int n) { return (n + 7) & ~7; }
static int sq_init(void *arg) { (void)arg; return SQLITE_OK; }
static void sq_shutdown(void *arg) { (void)arg; }

/* jansson's blocks are counted here, beside the library's: the library frees all of them
 * before a call returns, so they take part in the leak check. */
static long jansson_blocks;
bool fault_persist_mode;

long blocks_outstanding(void) { return itav__fault_outstanding() + jansson_blocks; }

/* jansson 2.14's lexer ignores a failure to grow its token buffer (lex_save() drops the
 * result of strbuffer_append_byte()), then reads and writes past the buffer's end: a string
 * token corrupts the heap, a number token loses digits. No caller can guard against that,
 * so the failure that would land there moves on to the next allocation. The place is the
 * return address in strbuffer_append_bytes(), found by watching a parse that grows it. */
static void *growth_site;

/* The innermost return address inside libjansson on the stack (a sanitizer's frames may
 * come between the allocator and jansson). */
static void *jansson_caller(void)
{
    void *frames[8];
    int n = backtrace(frames, 8);
    for (int i = 1; i < n; i++) {
        Dl_info info;
        if (dladdr(frames[i], &info) && info.dli_fname && strstr(info.dli_fname, "jansson"))
            return frames[i];
    }
    return NULL;
}

static bool lexer_buffer_growth(void)
{
    if (jansson_caller() != growth_site)
        return false;
    if (itav__fault_failed() == 1)
        itav__fault_fail_at(1, fault_persist_mode); /* the next one fails instead */
    return true;
}

static void *js_malloc(size_t n)
{
    if (itav__fault_tick() && !lexer_buffer_growth())
        return NULL;
    void *p = malloc(n);
    jansson_blocks += p != NULL;
    return p;
}

static void js_free(void *p)
{
    jansson_blocks -= p != NULL;
    free(p);
}

static struct { size_t size; void *site; } seen[16];
static int nseen;

static void *watching_malloc(size_t n)
{
    if (nseen < 16) {
        seen[nseen].size = n;
        seen[nseen++].site = jansson_caller();
    }
    return malloc(n);
}

static void find_growth_site(void)
{
    char token[128];
    memset(token, 'a', sizeof token);
    token[0] = token[sizeof token - 2] = '"';
    json_set_alloc_funcs(watching_malloc, free);
    json_decref(json_loadb(token, sizeof token - 1, JSON_DECODE_ANY, NULL));
    /* the buffer starts at 16 bytes and doubles: 32 and 64 come from the growth site */
    for (int i = 0; i < nseen && !growth_site; i++)
        if (seen[i].size == 32)
            growth_site = seen[i].site;
    bool confirmed = false;
    for (int i = 0; i < nseen; i++) {
        if (seen[i].size == 64)
            confirmed = seen[i].site == growth_site;
        else if (seen[i].size == 16 && seen[i].site == growth_site)
            growth_site = NULL; /* the first buffer is not made there */
    }
    if (!growth_site || !confirmed) { /* the exception would not work: say so */
        fprintf(stderr, "cannot find jansson's token buffer growth (%d allocations)\n", nseen);
        exit(1);
    }
}

void faults_init(void)
{
    static const sqlite3_mem_methods methods = {sq_malloc, sq_free, sq_realloc, sq_size,
                                                sq_roundup, sq_init, sq_shutdown, NULL};
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) != SQLITE_OK ||
        sqlite3_initialize() != SQLITE_OK) {
        fprintf(stderr, "cannot route SQLite's allocations\n");
        exit(1);
    }
    find_growth_site();
    json_set_alloc_funcs(js_malloc, js_free);
    itav__fault_track(true);
}

/* ======================================================================================
 * Which N
 * ====================================================================================== */

static long env_long(const char *name, long fallback)
{
    const char *s = getenv(name);
    return s && *s ? strtol(s, NULL, 10) : fallback;
}

long fault_stride(long total)
{
    long samples = env_long("ITAV_FAULT_SAMPLES", 100);
    long k = env_long("ITAV_FAULT_STRIDE", samples > 0 ? total / samples : total);
    return k > 1 ? k : 1;
}

long next_n(long n, long total, long stride)
{
    long edge = env_long("ITAV_FAULT_EDGE", 50);
    if (stride <= 1 || n < edge || n >= total - edge)
        return n + 1;
    long next = (n / stride + 1) * stride;
    return next < total - edge ? next : total - edge;
}

/* ======================================================================================
 * Fixtures
 * ====================================================================================== */

#define OFFER "bg-zk"
#define ASKERS 8
#define SUPPORTERS 6

static const char base_json[] =
    "{\"format\": \"itav/1\","
    " \"interventions\": [{\"id\": \"buurtgezinnen\", \"name\": \"Buurtgezinnen\","
    "  \"plan\": {\"trial\": true, \"trial_months\": 2, \"review_months\": 6,"
    "   \"max_months\": 24, \"max_distance_m\": 10000, \"vog\": true}}],"
    " \"offers\": [{\"id\": \"bg-zk\", \"intervention\": \"buurtgezinnen\","
    "  \"name\": \"Buurtgezinnen Zuid-Kennemerland\","
    "  \"municipalities\": [\"Haarlem\", \"Zandvoort\", \"Heemstede\"]}],"
    " \"indicators\": ["
    "  {\"id\": \"bg-zk-started\", \"offer\": \"bg-zk\", \"type\": \"count\","
    "   \"name\": \"matches started\", \"derived\": \"matches_started\","
    "   \"targets\": [{\"comparator\": \"at_least\", \"value\": 2,"
    "    \"deadline\": \"2021-12-31\"}]},"
    "  {\"id\": \"bg-zk-satisfaction\", \"offer\": \"bg-zk\", \"type\": \"rating\","
    "   \"name\": \"satisfaction\", \"derived\": \"mean_satisfaction\"},"
    "  {\"id\": \"bg-zk-findable\", \"offer\": \"bg-zk\", \"type\": \"percentage\","
    "   \"name\": \"findability\","
    "   \"baseline\": {\"date\": \"2020-12-31\", \"quantity\": {\"qualifier\": \"about\","
    "    \"value\": 40}},"
    "   \"targets\": [{\"comparator\": \"at_least\", \"value\": 10, \"relative\": true,"
    "    \"deadline\": \"2022-12-31\"}],"
    "   \"measurements\": [{\"date\": \"2021-06-30\", \"period\": \"2021-H1\","
    "    \"quantity\": {\"qualifier\": \"exact\", \"value\": 43}}]}]}";

/* Asking families and support families around Haarlem, in CSV as a coordinator keeps them. */
static char *people_csv(void)
{
    static const char *const places[] = {"Haarlem", "Zandvoort", "Heemstede"};
    static const char *const slots[] = {"wed_afternoon; sat_morning", "mon_evening; sat_morning",
                                        "wed_afternoon; sun_afternoon"};
    static const char *const needs[] = {"daytime_care; sleepover", "listening_ear; homework",
                                        "daytime_care; accompany"};
    text t = {0};
    text_add(&t, "ref,kind,offer,status,municipality,postcode,lat,lon,availability,support,"
                 "languages,interests,children,vog_date,trained,capacity,registered\n");
    for (int i = 0; i < ASKERS; i++)
        text_add(&t, "a%02d,family,%s,waiting,%s,20%02d,%.4f,%.4f,%s,%s,nl%s,football,"
                     "%d %d,,,,2021-01-%02d\n",
                 i, OFFER, places[i % 3], 11 + i, 52.37 + 0.004 * i, 4.62 + 0.003 * i,
                 slots[i % 3], needs[i % 3], i % 2 ? "; ar" : "", 24 + 6 * i, 60 + 3 * i,
                 1 + i);
    for (int i = 0; i < SUPPORTERS; i++)
        text_add(&t, "s%02d,support_family,%s,available,%s,21%02d,%.4f,%.4f,%s,%s,nl,"
                     "football; cooking,,2020-12-%02d,yes,%d,2021-01-%02d\n",
                 i, OFFER, places[(i + 1) % 3], 1 + i, 52.372 + 0.005 * i, 4.625 + 0.002 * i,
                 slots[i % 3], "daytime_care; sleepover; listening_ear; homework; accompany",
                 1 + i, 1 + i % 2, 10 + i);
    return t.s;
}

static void ok(itav_db *db, int rc, const char *what)
{
    ck_assert_msg(rc == ITAV_OK, "%s: %s", what, itav_errmsg(db));
}

/* Empty, but written to once: the memory backend keeps its record array and undo log (two
 * blocks) from the first write on, which the leak check would otherwise count. */
static void prepare_empty(store *s)
{
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_new(&iv, "scratch"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "Scratch"), ITAV_OK);
    ok(s->db, itav_intervention_create(s->db, iv), "scratch");
    ok(s->db, itav_intervention_delete(s->db, "scratch"), "scratch");
    itav_intervention_free(iv);
}

static void prepare_base(store *s)
{
    ok(s->db, itav_import_json_string(s->db, base_json, "base"), "base");
}

static void prepare_people(store *s)
{
    char *csv = people_csv();
    prepare_base(s);
    ok(s->db, itav_import_participants_csv_string(s->db, csv, "people.csv", NULL), "people");
    free(csv);
}

/* Whether the match is in trial: these fixtures take trial -> active without evaluating the
 * trial (itav_match_skip_evaluation; a plan with a trial refuses it otherwise). */
static bool in_trial(itav_db *db, const char *id)
{
    itav_match *m;
    bool trial = itav_match_get(&m, db, id) == ITAV_OK &&
                 itav_match_get_state(m) == ITAV_MATCH_TRIAL;
    itav_match_free(m);
    return trial;
}

static void move(itav_db *db, const char *id, itav_match_state state, const char *date)
{
    int rc = state == ITAV_MATCH_ACTIVE && in_trial(db, id)
                 ? itav_match_skip_evaluation(db, id, date_of(date), ITAV_ACTOR_COORDINATOR,
                                              "not evaluated in this fixture")
                 : itav_match_advance(db, id, state, date_of(date), ITAV_ACTOR_COORDINATOR,
                                      state == ITAV_MATCH_DECLINED ? ITAV_END_NO_CLICK : 0, NULL);
    ok(db, rc, id);
}

static void review(itav_db *db, const char *match, itav_review_kind kind, const char *date,
                   itav_respondent who, int mark)
{
    itav_review *r;
    ck_assert_int_eq(itav_review_new(&r, kind, date_of(date), who), ITAV_OK);
    ck_assert_int_eq(itav_review_set_satisfaction(r, mark), ITAV_OK);
    ck_assert_int_eq(itav_review_set_effect(r, ITAV_EFFECT_REST, 1), ITAV_OK);
    if (kind == ITAV_REVIEW_FINAL)
        ck_assert_int_eq(itav_review_set_formal_help(r, ITAV_HELP_REDUCED), ITAV_OK);
    ok(db, itav_review_add(NULL, db, match, r), match);
    itav_review_free(r);
}

/* The people, proposed by an assignment run, and their matches taken through their lives:
 * one completed with three reviews, two active, one in its trial, one declined. */
static void build_matched(itav_db *db)
{
    itav_assignment *a;
    ok(db, itav_match_assign(&a, db, OFFER, NULL, ITAV_ASSIGN_WRITE, date_of("2021-03-01")),
       "assign");
    ck_assert_uint_ge(itav_assignment_count(a), 5);
    const char *m[5];
    for (int i = 0; i < 5; i++)
        m[i] = itav_assignment_match_id(a, (size_t)i);
    for (int i = 0; i < 4; i++) {
        move(db, m[i], ITAV_MATCH_INTRODUCED, "2021-03-08");
        move(db, m[i], ITAV_MATCH_TRIAL, "2021-03-15");
    }
    review(db, m[0], ITAV_REVIEW_TRIAL, "2021-05-10", ITAV_RESPONDENT_ASKING, 8);
    for (int i = 0; i < 3; i++)
        move(db, m[i], ITAV_MATCH_ACTIVE, "2021-05-15");
    review(db, m[0], ITAV_REVIEW_PERIODIC, "2021-11-10", ITAV_RESPONDENT_SUPPORTING, 7);
    move(db, m[0], ITAV_MATCH_COMPLETED, "2022-03-01");
    review(db, m[0], ITAV_REVIEW_FINAL, "2022-03-10", ITAV_RESPONDENT_COORDINATOR, 9);
    move(db, m[4], ITAV_MATCH_DECLINED, "2021-03-10");
    itav_assignment_free(a);
}

static void prepare_matched(store *s)
{
    prepare_people(s);
    build_matched(s->db);
}

/* The matched store as an itav/1 dataset, made once on a memory store. */
static const char *matched_dataset(void)
{
    static char *json;
    if (!json) {
        itav_db *db;
        char *s;
        ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
        store tmp = {.db = db};
        prepare_matched(&tmp);
        ok(db, itav_export_json_string(&s, db), "export");
        json = strdup(s);
        itav_free(s);
        itav_close(db);
    }
    return json;
}

/* ======================================================================================
 * Scenarios
 * ====================================================================================== */

static int call_open(store *s, text *out)
{
    char uri[160];
    itav_db *db = NULL;
    snprintf(uri, sizeof uri, s->sqlite ? "sqlite:%s" : "memory:", s->path);
    int rc = itav_open(&db, uri);
    if (rc != ITAV_OK) {
        /* the message belongs to the context open gives back even on failure */
        if (db)
            snprintf(s->db->errmsg, sizeof s->db->errmsg, "%s", itav_errmsg(db));
        else
            snprintf(s->db->errmsg, sizeof s->db->errmsg, "out of memory (no context)");
        s->db->errcode = db ? itav_errcode(db) : rc;
        itav_close(db);
        return rc;
    }
    /* a store that opened must be usable: read one thing */
    itav_offer *of;
    rc = itav_offer_get(&of, db, OFFER);
    if (rc == ITAV_OK) {
        text_add(out, "opened, offer %s\n", itav_offer_name(of));
        itav_offer_free(of);
    } else if (rc == ITAV_ENOTFOUND) {
        text_add(out, "opened, empty\n");
        rc = ITAV_OK;
    } else {
        snprintf(s->db->errmsg, sizeof s->db->errmsg, "%s", itav_errmsg(db));
        s->db->errcode = rc;
    }
    itav_close(db);
    return rc;
}

static int call_catalog_load(store *s, text *out)
{
    (void)out;
    return itav_catalog_load(s->db);
}

static int call_import_json(store *s, text *out)
{
    (void)out;
    return itav_import_json_string(s->db, matched_dataset(), "matched.json");
}

/* The same dataset from a file (jansson reads it through stdio). */
static const char *matched_file(void)
{
    static char path[96];
    if (!path[0]) {
        snprintf(path, sizeof path, "%s/itav-faults-XXXXXX.json", scratch_dir());
        int fd = mkstemps(path, 5);
        ck_assert_int_ge(fd, 0);
        const char *json = matched_dataset();
        ck_assert_int_eq(write(fd, json, strlen(json)), (ssize_t)strlen(json));
        close(fd);
    }
    return path;
}

static void remove_matched_file(void)
{
    if (matched_file()[0])
        unlink(matched_file());
}

static int call_import_json_file(store *s, text *out)
{
    (void)out;
    return itav_import_json_file(s->db, matched_file());
}

static int call_import_csv(store *s, text *out)
{
    (void)out;
    char *csv = people_csv();
    int rc = itav_import_participants_csv_string(s->db, csv, "people.csv", NULL);
    free(csv);
    return rc;
}

static int call_suggest(store *s, text *out)
{
    itav_suggestion_iter *it;
    itav_suggestion *sg;
    int rc = itav_match_suggest(&it, s->db, "a03", 5, NULL);
    if (rc != ITAV_OK)
        return rc;
    while ((rc = itav_suggestion_iter_next(&sg, it)) == ITAV_OK) {
        text_add(out, "%s %.6f\n", itav_suggestion_supporting(sg), itav_suggestion_score(sg));
        itav_suggestion_free(sg);
    }
    itav_suggestion_iter_free(it);
    return rc == ITAV_ITEROVER ? ITAV_OK : rc;
}

static int call_propose(store *s, text *out)
{
    char *id = NULL;
    int rc = itav_match_propose(&id, s->db, "a03", "s01", date_of("2021-04-01"),
                                ITAV_ACTOR_COORDINATOR, "first meeting at the school", NULL);
    if (rc == ITAV_OK)
        text_add(out, "%s\n", id);
    itav_free(id);
    return rc;
}

static int call_assign(store *s, text *out)
{
    itav_assignment *a;
    int rc = itav_match_assign(&a, s->db, OFFER, NULL, ITAV_ASSIGN_WRITE, date_of("2021-03-01"));
    if (rc != ITAV_OK)
        return rc;
    for (size_t i = 0; i < itav_assignment_count(a); i++) {
        const itav_suggestion *p = itav_assignment_pair(a, i);
        text_add(out, "%s %s %s %.6f\n", itav_assignment_match_id(a, i),
                 itav_suggestion_asking(p), itav_suggestion_supporting(p),
                 itav_suggestion_score(p));
    }
    for (size_t i = 0; i < itav_assignment_unmatched_count(a); i++)
        text_add(out, "unmatched %s\n", itav_assignment_unmatched(a, i));
    itav_assignment_free(a);
    return ITAV_OK;
}

/* The second match of the matched store is active. */
static int call_advance(store *s, text *out)
{
    (void)out;
    return itav_match_advance(s->db, "m-00000002", ITAV_MATCH_ENDED_EARLY,
                              date_of("2021-09-01"), ITAV_ACTOR_ASKING,
                              ITAV_END_ASKING_STOPPED, "moved away");
}

/* For calls without a context (building an object, writing a report): their code is all
 * the caller gets, so the message is the scenario's. */
static int no_context(store *s, int rc, const char *what)
{
    if (rc != ITAV_OK)
        itav__error(s->db, rc, "%s: %s", what, itav_strerror(rc));
    return rc;
}

static int call_review_add(store *s, text *out)
{
    itav_review *r;
    char *id = NULL;
    int rc = itav_review_new(&r, ITAV_REVIEW_PERIODIC, date_of("2021-11-15"),
                             ITAV_RESPONDENT_ASKING);
    if (rc != ITAV_OK)
        return no_context(s, rc, "itav_review_new");
    if ((rc = itav_review_set_satisfaction(r, 6)) != ITAV_OK ||
        (rc = itav_review_set_safety(r, 1, "the children were left alone once")) != ITAV_OK ||
        (rc = itav_review_set_effect(r, ITAV_EFFECT_REST, 2)) != ITAV_OK ||
        (rc = itav_review_set_note(r, "more structure in the week")) != ITAV_OK) {
        itav_review_free(r);
        return no_context(s, rc, "building the review");
    }
    rc = itav_review_add(&id, s->db, "m-00000002", r);
    itav_review_free(r);
    if (rc == ITAV_OK)
        text_add(out, "%s\n", id);
    itav_free(id);
    return rc;
}

static int call_report(store *s, text *out)
{
    static const itav_report_format formats[] = {ITAV_REPORT_JSON, ITAV_REPORT_CSV,
                                                 ITAV_REPORT_MARKDOWN};
    itav_report_options opt = ITAV_REPORT_OPTIONS_INIT;
    itav_report *r;
    opt.k = 2;
    int rc = itav_report_programme(&r, s->db, OFFER, &opt);
    if (rc != ITAV_OK)
        return rc;
    for (size_t i = 0; i < 3 && rc == ITAV_OK; i++) {
        char *doc;
        rc = itav_report_write(&doc, r, formats[i]);
        if (rc == ITAV_OK) {
            text_add(out, "%s", doc);
            itav_free(doc);
        } else {
            no_context(s, rc, "itav_report_write");
        }
    }
    itav_report_free(r);
    return rc;
}

static int call_export(store *s, text *out)
{
    char *doc;
    int rc = itav_export_json_string(&doc, s->db);
    if (rc == ITAV_OK) {
        text_add(out, "%s", doc);
        itav_free(doc);
    }
    return rc;
}

void scenarios_warm(void)
{
    static bool warm;
    if (!warm) {
        matched_file();
        atexit(remove_matched_file);
        warm = true;
    }
}

const scenario scenarios[] = {
    {"open", prepare_matched, call_open},
    {"catalog_load", prepare_empty, call_catalog_load},
    {"import_json", prepare_empty, call_import_json},
    {"import_json_file", prepare_empty, call_import_json_file},
    {"import_csv", prepare_base, call_import_csv},
    {"suggest", prepare_people, call_suggest},
    {"propose", prepare_people, call_propose},
    {"assign", prepare_people, call_assign},
    {"advance", prepare_matched, call_advance},
    {"review_add", prepare_matched, call_review_add},
    {"report", prepare_matched, call_report},
    {"export", prepare_matched, call_export},
};
const size_t scenario_count = sizeof scenarios / sizeof *scenarios;
