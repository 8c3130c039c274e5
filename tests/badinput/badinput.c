/* The bad input catalogue: runs every row of the tables in rows_*.c and checks that the
 * catalogue covers the whole exported API (lib/libitav.map).
 *
 * Every row runs on fresh fixture objects and, when it touches a store, three times: on a
 * memory store, a SQLite store and tests/c's test backend (wrapped to check the backend
 * contract), all holding the same fixture data. After the call:
 * - the result is the row's (a specific result code, or a getter's documented value);
 * - for a failing call on a store: itav_errcode() is that code and itav_errmsg() contains the
 *   row's text, is not the message of an earlier call, and is valid UTF-8 without control
 *   characters (other than line breaks);
 * - the store exports exactly as before, and every fixture object is as before (its JSON, or
 *   its getters where it has no JSON).
 *
 * Usage: test_badinput [MAP INCLUDE_DIR]; ITAV_MAP and ITAV_INCLUDE_DIR may give the two paths
 * instead (meson sets them). BADINPUT_ROW=N runs one row only, for debugging; CK_FORK=yes
 * runs each row in a process of its own; BADINPUT_SHOW=1 prints every message checked. */
#define _XOPEN_SOURCE 700 /* nftw() */
#include "catalogue.h"
#include "testutil.h"

#include <check.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKER "zz-before-the-row"

/* ---- shared state (set up in main, before the rows fork) ---- */

static const row **all_rows;
static size_t nrows;
static char root[200]; /* the scratch directory, in memory (/dev/shm) where there is one */
static char *template_json;   /* the fixture store, exported */
static char template_db[300]; /* the same as a closed SQLite file */
static char template_schema[64]; /* the same in a PostgreSQL schema, when there is a server */
static const char *map_path, *include_dir;

/* ---- small helpers ---- */

static char *xstrdup(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    if (!d)
        abort();
    return strcpy(d, s);
}

static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    if (!s)
        abort();
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* A growable string for snapshots. */
typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void bputf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->n + (size_t)n + 1 > b->cap) {
        b->cap = (b->n + (size_t)n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

static const char *nz(const char *s) { return s ? s : "(null)"; }

/* Its own check, not the library's itav__valid_utf8: it judges the library's messages. */
static bool valid_utf8(const unsigned char *p)
{
    while (*p) {
        size_t len;
        unsigned cp;
        if (*p < 0x80) {
            p++;
            continue;
        } else if ((*p & 0xE0) == 0xC0) {
            len = 2, cp = *p & 0x1F;
        } else if ((*p & 0xF0) == 0xE0) {
            len = 3, cp = *p & 0x0F;
        } else if ((*p & 0xF8) == 0xF0) {
            len = 4, cp = *p & 0x07;
        } else {
            return false;
        }
        for (size_t i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += len;
    }
    return true;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if (((unsigned char)*s < 0x20 && *s != '\n') || *s == 0x7F)
            return true;
    return false;
}

static char *read_file(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    buf b = {0};
    char chunk[8192];
    size_t n;
    bputf(&b, "%s", "");
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (b.n + n + 1 > b.cap) {
            b.cap = (b.n + n + 1) * 2;
            b.s = realloc(b.s, b.cap);
        }
        memcpy(b.s + b.n, chunk, n);
        b.n += n;
        b.s[b.n] = '\0';
    }
    fclose(fp);
    if (size)
        *size = b.n;
    return b.s;
}

static bool write_file(const char *path, const char *data, size_t size)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return false;
    bool ok = fwrite(data, 1, size, fp) == size;
    return fclose(fp) == 0 && ok;
}

/* ---- the fixture of one row and one pass ---- */

/* PASS_POSTGRES only when there is a PostgreSQL test server (testutil.h): pass_count(). */
enum { PASS_MEMORY, PASS_SQLITE, PASS_BACKEND, PASS_POSTGRES, PASS_COUNT };
static const char *const pass_name[] = {"memory", "sqlite", "test backend", "postgresql"};

static int pass_count(void)
{
    return postgres_test_uri() ? PASS_COUNT : PASS_POSTGRES;
}

#define MAX_OBJECTS 16
struct fx {
    size_t index;
    int pass;
    char dir[400];
    bool dir_made;
    itav_db *db;
    char schema[64]; /* PASS_POSTGRES: the row's schema, dropped afterwards */
    bool db_used;    /* the call got the store (its message counts) */
    bool kept;       /* an adapter kept a message of its own context */
    char kept_msg[1100];
    int kept_code;
    char *generated[MAX_PARAMS];
    buf problems;
    /* fixture objects */
    itav_intervention *iv;
    itav_offer *of;
    itav_participant *p, *sup;
    itav_figure *fig;
    itav_cost *cost;
    itav_role *role;
    itav_plan *plan;
    itav_review *rev;
    itav_indicator *ind;
    itav_match *m;
    itav_suggestion *sug;
    itav_assignment *asg;
    itav_due *due;
    itav_portfolio *pf;
    itav_report *rep;
    itav_recommendation *rec;
    /* snapshots of the objects, taken when they were made */
    struct {
        const char *name;
        char *(*dump)(fx *f);
        char *before;
    } snap[MAX_OBJECTS];
    int nsnap;
};

void fx_fail(fx *f, const char *fmt, ...)
{
    char tmp[600]; /* check limits the length of a failure message */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (f->problems.n < 2000)
        bputf(&f->problems, "%s%s", f->problems.n ? "; " : "", tmp);
}

const char *fx_dir(fx *f)
{
    if (!f->dir_made) {
        snprintf(f->dir, sizeof f->dir, "%s/row-%zu-%d", root, f->index, f->pass);
        if (mkdir(f->dir, 0700) != 0 && errno != EEXIST)
            fx_fail(f, "cannot make %s: %s", f->dir, strerror(errno));
        f->dir_made = true;
    }
    return f->dir;
}

static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    if (!s)
        abort();
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

/* Arguments that are too big or too odd to write in a row. */
static char *generate(fx *f, int k, const char *spec)
{
    if (!strcmp(spec, ID65))
        return repeat('a', 65);
    if (!strcmp(spec, REF65))
        return repeat('R', 65);
    if (!strcmp(spec, TEXT65537))
        return repeat('x', 65537);
    if (!strcmp(spec, MISSING_FILE))
        return xprintf("%s/missing-%d.txt", fx_dir(f), k);
    if (!strcmp(spec, A_DIRECTORY)) {
        char *path = xprintf("%s/dir-%d", fx_dir(f), k);
        mkdir(path, 0700);
        return path;
    }
    if (!strncmp(spec, "@file=", 6)) {
        char *path = xprintf("%s/file-%d", fx_dir(f), k);
        if (!write_file(path, spec + 6, strlen(spec + 6)))
            fx_fail(f, "cannot write %s", path);
        return path;
    }
    if (!strcmp(spec, "@json-long-name")) {
        char *name = repeat('n', 65537);
        char *s = xprintf("{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"x\", "
                          "\"name\": \"%s\"}]}", name);
        free(name);
        return s;
    }
    if (!strcmp(spec, "@json-long-id")) {
        char *id = repeat('a', 65);
        char *s = xprintf("{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"%s\", "
                          "\"name\": \"X\"}]}", id);
        free(id);
        return s;
    }
    if (!strcmp(spec, "@json-deep")) {
        /* nesting far beyond any parser's stack */
        char *open = repeat('[', 100000);
        char *s = xprintf("{\"format\": \"itav/1\", \"interventions\": %s", open);
        free(open);
        return s;
    }
    if (!strcmp(spec, "@csv-long-municipality")) {
        char *town = repeat('t', 65537);
        char *s = xprintf("ref,kind,offer,municipality\nnew-1,family," FX_OFFER ",%s\n", town);
        free(town);
        return s;
    }
    if (!strcmp(spec, "@csv-long-ref")) {
        char *ref = repeat('R', 65);
        char *s = xprintf("ref,kind,offer\n%s,family," FX_OFFER "\n", ref);
        free(ref);
        return s;
    }
    fx_fail(f, "unknown generated argument %s", spec);
    return xstrdup("");
}

const char *arg_text(fx *f, const row *r, int k, const char *good)
{
    if (ISNUL(k))
        return NULL;
    const char *s = r->s[k];
    if (!s)
        return good;
    if (s[0] != '@')
        return s;
    if (!f->generated[k])
        f->generated[k] = generate(f, k, s);
    return f->generated[k];
}

static void must(itav_db *db, int rc, const char *what)
{
    if (rc != ITAV_OK) {
        fprintf(stderr, "fixture: %s failed: %s (%s)\n", what, itav_strerror(rc),
                db ? itav_errmsg(db) : "");
        abort();
    }
}

/* ---- a backend that holds the core to the backend contract ----
 *
 * tests/c's test backend, with every call checked first: kinds, keys and index values must
 * be UTF-8 (itav/backend.h), whatever the caller of the library passed in. */

static fx *contract_fx; /* the row whose store this is */
static itav_backend inner; /* the test backend's own functions */

static void contract_text(const char *call, const char *what, const char *s)
{
    if (!s)
        fx_fail(contract_fx, "backend contract: %s got a NULL %s", call, what);
    else if (!valid_utf8((const unsigned char *)s))
        fx_fail(contract_fx, "backend contract: %s got a %s that is not UTF-8", call, what);
}

static int checked_put(itav_backend *be, const char *kind, const char *key,
                       const char *const *index, const void *data, size_t size)
{
    contract_text("put", "kind", kind);
    contract_text("put", "key", key);
    for (int i = 0; index && i < ITAV_BACKEND_INDEXES; i++)
        if (index[i])
            contract_text("put", "index value", index[i]);
    return inner.put(be, kind, key, index, data, size);
}

static int checked_get(itav_backend *be, const char *kind, const char *key, itav_record_fn fn,
                       void *arg)
{
    contract_text("get", "kind", kind);
    contract_text("get", "key", key);
    return inner.get(be, kind, key, fn, arg);
}

static int checked_del(itav_backend *be, const char *kind, const char *key)
{
    contract_text("del", "kind", kind);
    contract_text("del", "key", key);
    return inner.del(be, kind, key);
}

static int checked_scan(itav_backend *be, const char *kind, int slot, const char *value,
                        itav_record_fn fn, void *arg)
{
    contract_text("scan", "kind", kind);
    if (slot != ITAV_SCAN_ALL)
        contract_text("scan", "value", value);
    return inner.scan(be, kind, slot, value, fn, arg);
}

static itav_backend *checked_backend(fx *f)
{
    itav_backend *be = test_backend_new();
    inner = *be;
    be->put = checked_put;
    be->get = checked_get;
    be->del = checked_del;
    be->scan = checked_scan;
    contract_fx = f;
    return be;
}

/* The fixture in a PostgreSQL schema, made by the first PostgreSQL pass (the test server's
 * helpers of testutil.h may only run inside a test) and dropped when the rows are done. */
static void make_template_schema(void)
{
    char uri[1024], *again = NULL;
    itav_db *db = NULL;
    postgres_new_schema(uri, sizeof uri, template_schema, "");
    must(NULL, itav_open(&db, uri), "open PostgreSQL");
    must(db, itav_import_json_string(db, template_json, "fixture"), "import into PostgreSQL");
    must(db, itav_export_json_string(&again, db), "export PostgreSQL");
    if (strcmp(again, template_json))
        must(NULL, ITAV_ERROR, "the PostgreSQL fixture exports as the memory one");
    itav_free(again);
    itav_close(db);
}

static int postgres_rows; /* rows that ran on a PostgreSQL store */

static void drop_template_schema(void)
{
    if (postgres_test_uri())
        printf("%d rows ran on a PostgreSQL store too\n", postgres_rows);
    if (template_schema[0])
        postgres_drop_schema(template_schema);
    template_schema[0] = '\0';
}

static void open_pass_store(fx *f)
{
    int rc;
    if (f->pass == PASS_BACKEND) {
        must(NULL, itav_open_backend(&f->db, checked_backend(f)), "open the test backend");
        rc = itav_import_json_string(f->db, template_json, "fixture");
        must(f->db, rc, "import the fixture");
    } else if (f->pass == PASS_MEMORY) {
        must(f->db, itav_open(&f->db, "memory:"), "open memory store");
        rc = itav_import_json_string(f->db, template_json, "fixture");
        must(f->db, rc, "import the fixture");
    } else if (f->pass == PASS_POSTGRES) {
        /* a schema of its own, filled with the fixture's records by the server */
        char uri[1024], sql[256];
        if (!template_schema[0])
            make_template_schema();
        postgres_new_schema(uri, sizeof uri, f->schema, "");
        must(f->db, itav_open(&f->db, uri), "open a PostgreSQL store");
        snprintf(sql, sizeof sql, "INSERT INTO %s.itav_records SELECT * FROM %s.itav_records",
                 f->schema, template_schema);
        postgres_sql(sql, NULL, 0);
    } else {
        size_t size;
        char *data = read_file(template_db, &size);
        char *path = xprintf("%s/store.db", fx_dir(f));
        if (!data || !write_file(path, data, size))
            must(f->db, ITAV_EIO, "copy the SQLite fixture");
        free(data);
        char *uri = xprintf("sqlite:%s", path);
        rc = itav_open(&f->db, uri);
        free(uri);
        free(path);
        must(f->db, rc, "open the SQLite fixture");
    }
    /* the store as the row finds it: check_unchanged() compares the export after the call
     * with template_json */
    char *before = NULL;
    must(f->db, itav_export_json_string(&before, f->db), "export the fresh store");
    if (strcmp(before, template_json))
        must(f->db, ITAV_ERROR, "a fresh store exports as the fixture");
    itav_free(before);
    /* an error the row's own message must replace */
    itav_intervention *none = NULL;
    if (itav_intervention_get(&none, f->db, MARKER) != ITAV_ENOTFOUND)
        must(f->db, ITAV_ERROR, "set the marker message");
}

itav_db *fx_store(fx *f)
{
    if (!f->db)
        open_pass_store(f);
    return f->db;
}

itav_db *fx_db(fx *f)
{
    f->db_used = true;
    return fx_store(f);
}

void fx_keep_msg(fx *f, itav_db *db)
{
    f->kept = true;
    f->kept_code = itav_errcode(db);
    snprintf(f->kept_msg, sizeof f->kept_msg, "%s", itav_errmsg(db));
}

/* ---- snapshots ---- */

static char *json_or_fail(fx *f, int rc, char *text, const char *what)
{
    if (rc != ITAV_OK) {
        fx_fail(f, "cannot write %s as JSON: %s", what, itav_strerror(rc));
        return xstrdup("?");
    }
    char *copy = xstrdup(text);
    itav_free(text);
    return copy;
}

static char *dump_intervention(fx *f)
{
    char *s = NULL;
    int rc = itav_intervention_to_json(&s, f->iv);
    return json_or_fail(f, rc, s, "the intervention");
}
static char *dump_offer(fx *f)
{
    char *s = NULL;
    int rc = itav_offer_to_json(&s, f->of);
    return json_or_fail(f, rc, s, "the offer");
}
static char *dump_participant(fx *f)
{
    char *s = NULL;
    int rc = itav_participant_to_json(&s, f->p);
    return json_or_fail(f, rc, s, "the participant");
}
static char *dump_supporter(fx *f)
{
    char *s = NULL;
    int rc = itav_participant_to_json(&s, f->sup);
    return json_or_fail(f, rc, s, "the supporter");
}
static char *dump_match(fx *f)
{
    char *s = NULL;
    int rc = itav_match_to_json(&s, f->m);
    return json_or_fail(f, rc, s, "the match");
}
static char *dump_figure(fx *f)
{
    const itav_figure *g = f->fig;
    return xprintf("%s|%d|%.17g|%.17g|%s|%s|%s|%s|%s", nz(itav_figure_get_what(g)),
                   (int)itav_figure_get_qualifier(g), itav_figure_get_min(g),
                   itav_figure_get_max(g), nz(itav_figure_get_text(g)),
                   nz(itav_figure_get_period(g)), nz(itav_figure_get_where(g)),
                   nz(itav_figure_get_note(g)), nz(itav_figure_get_source(g)));
}
/* A cost as the JSON of an offer that holds a copy of it: every field and funder. */
static char *dump_cost(fx *f)
{
    itav_offer *of = NULL;
    char *s = NULL;
    int rc = itav_offer_new(&of, "dump", "dump");
    if (rc == ITAV_OK)
        rc = itav_offer_add_cost(of, f->cost);
    if (rc == ITAV_OK)
        rc = itav_offer_to_json(&s, of);
    itav_offer_free(of);
    return json_or_fail(f, rc, s, "the cost");
}
static char *dump_role(fx *f)
{
    return xprintf("%d|%s|%d|%s", (int)itav_role_get_kind(f->role),
                   nz(itav_role_get_description(f->role)), itav_role_get_vog(f->role),
                   nz(itav_role_get_training(f->role)));
}
static char *dump_plan(fx *f)
{
    buf b = {0};
    for (int k = 1; k <= ITAV_PLAN_FIELD_COUNT; k++)
        bputf(&b, "%ld:%s|", itav_plan_get(f->plan, (itav_plan_field)k),
              nz(itav_plan_source(f->plan, (itav_plan_field)k)));
    return b.s;
}
static char *dump_review(fx *f)
{
    const itav_review *v = f->rev;
    buf b = {0};
    bputf(&b, "%s|%s|%d|%d|%d|%d|%d|%s|%d|%s|", nz(itav_review_id(v)), nz(itav_review_match(v)),
          (int)itav_review_get_kind(v), (int)itav_review_date(v), (int)itav_review_respondent(v),
          itav_review_satisfaction(v), itav_review_safety_concern(v),
          nz(itav_review_safety_note(v)), (int)itav_review_formal_help(v),
          nz(itav_review_note(v)));
    for (int e = 1; e <= ITAV_EFFECT_COUNT; e++)
        bputf(&b, "%d,", itav_review_effect(v, (itav_effect)e));
    return b.s;
}
static char *dump_indicator(fx *f)
{
    const itav_indicator *d = f->ind;
    buf b = {0};
    double lo = 0, hi = 0, mn = 0, mx = 0, val = 0, high = 0;
    int32_t date = 0;
    itav_qualifier q = 0;
    itav_comparator cmp = 0;
    int rel = 0;
    itav_indicator_scale(d, &lo, &hi);
    bputf(&b, "%s|%s|%d|%s|%s|%s|%s|%g..%g|%d|%s|", nz(itav_indicator_id(d)),
          nz(itav_indicator_offer(d)), (int)itav_indicator_type(d), nz(itav_indicator_name(d)),
          nz(itav_indicator_unit(d)), nz(itav_indicator_note(d)), nz(itav_indicator_source(d)),
          lo, hi, (int)itav_indicator_derived(d), nz(itav_indicator_municipality(d)));
    int rc = itav_indicator_baseline(d, &date, &q, &mn, &mx);
    bputf(&b, "base %d %d %d %g %g %s %s|", rc, (int)date, (int)q, mn, mx,
          nz(itav_indicator_baseline_text(d)), nz(itav_indicator_baseline_source(d)));
    for (size_t i = 0; i < itav_indicator_target_count(d); i++) {
        itav_indicator_target(d, i, &cmp, &val, &high, &rel, &date);
        bputf(&b, "t %d %g %g %d %d %s %s|", (int)cmp, val, high, rel, (int)date,
              nz(itav_indicator_target_text(d, i)), nz(itav_indicator_target_source(d, i)));
    }
    for (size_t i = 0; i < itav_indicator_measurement_count(d); i++) {
        itav_indicator_measurement(d, i, &date, &q, &mn, &mx);
        bputf(&b, "m %d %d %g %g %s %s %s|", (int)date, (int)q, mn, mx,
              nz(itav_indicator_measurement_period(d, i)),
              nz(itav_indicator_measurement_text(d, i)),
              nz(itav_indicator_measurement_source(d, i)));
    }
    return b.s;
}

static void remember(fx *f, const char *name, char *(*dump)(fx *))
{
    if (f->nsnap == MAX_OBJECTS)
        abort();
    f->snap[f->nsnap].name = name;
    f->snap[f->nsnap].dump = dump;
    f->snap[f->nsnap].before = dump(f);
    f->nsnap++;
}

/* ---- the fixture objects ---- */

itav_intervention *fx_intervention(fx *f)
{
    if (f->iv)
        return f->iv;
    itav_role *role = NULL;
    itav_figure *fig = NULL;
    itav_plan *plan = NULL;
    must(f->db, itav_intervention_new(&f->iv, "iv-x"), "intervention");
    must(f->db, itav_intervention_set_name(f->iv, "Example"), "name");
    must(f->db, itav_intervention_set_summary(f->iv, "A summary."), "summary");
    must(f->db, itav_intervention_set_kind(f->iv, ITAV_KIND_PROGRAMME), "kind");
    must(f->db, itav_intervention_set_setting(f->iv, ITAV_SETTING_INFORMAL), "setting");
    must(f->db, itav_intervention_set_scope(f->iv, ITAV_SCOPE_INDIVIDUAL), "scope");
    must(f->db, itav_intervention_set_channel(f->iv, ITAV_CHANNEL_IN_PERSON), "channel");
    must(f->db, itav_intervention_set_evidence(f->iv, ITAV_EVIDENCE_WELL_FOUNDED), "evidence");
    must(f->db, itav_intervention_set_since(f->iv, 2001), "since");
    must(f->db, itav_intervention_set_audience(f->iv, ITAV_AUDIENCE_PARENTS), "audience");
    must(f->db, itav_intervention_set_themes(f->iv, ITAV_THEME_RELIEF), "themes");
    must(f->db, itav_intervention_set_age_range(f->iv, 0, 144), "ages");
    must(f->db, itav_intervention_set_conditions(f->iv, "Some conditions."), "conditions");
    must(f->db, itav_intervention_add_text(f->iv, ITAV_TEXT_PROVIDERS, "Provider"), "text");
    must(f->db, itav_intervention_add_text(f->iv, ITAV_TEXT_MUNICIPALITIES, "Haarlem"), "text");
    must(f->db, itav_intervention_set_source(f->iv, "name", "001:L10"), "source");
    must(f->db, itav_intervention_set_element(f->iv, ITAV_PROFILE_TABLE,
                                          ITAV_ELEMENT_INFORMAL_SUPPORT, ITAV_STATUS_PRESENT,
                                          "Volunteers.", "001:L2377"), "element");
    must(f->db, itav_role_new(&role, ITAV_ROLE_VOLUNTEER), "role");
    must(f->db, itav_intervention_add_role(f->iv, role), "add role");
    itav_role_free(role);
    must(f->db, itav_figure_new(&fig, "families", ITAV_QTY_AT_LEAST, 10, 10, "ruim 10"), "figure");
    must(f->db, itav_intervention_add_figure(f->iv, ITAV_FIGURES_REACH, fig), "add figure");
    itav_figure_free(fig);
    must(f->db, itav_plan_new(&plan), "plan");
    must(f->db, itav_plan_set(plan, ITAV_PLAN_TRIAL_MONTHS, 2), "plan field");
    must(f->db, itav_intervention_set_plan(f->iv, plan), "set plan");
    itav_plan_free(plan);
    remember(f, "intervention", dump_intervention);
    return f->iv;
}

itav_offer *fx_offer(fx *f)
{
    if (f->of)
        return f->of;
    itav_figure *fig = NULL;
    must(f->db, itav_offer_new(&f->of, "of-x", FX_IV), "offer");
    must(f->db, itav_offer_set_name(f->of, "Offer X"), "name");
    must(f->db, itav_offer_set_region(f->of, "Kennemerland"), "region");
    must(f->db, itav_offer_set_provider(f->of, "Provider"), "provider");
    must(f->db, itav_offer_set_contact(f->of, "Front desk"), "contact");
    must(f->db, itav_offer_add_text(f->of, ITAV_TEXT_MUNICIPALITIES, "Haarlem"), "municipality");
    must(f->db, itav_figure_new(&fig, "matches", ITAV_QTY_EXACT, 5, 5, NULL), "figure");
    must(f->db, itav_offer_add_figure(f->of, ITAV_FIGURES_TARGETS, fig), "add figure");
    itav_figure_free(fig);
    must(f->db, itav_offer_set_source(f->of, "region", "002:L5"), "source");
    remember(f, "offer", dump_offer);
    return f->of;
}

itav_participant *fx_participant(fx *f)
{
    if (f->p)
        return f->p;
    must(f->db, itav_participant_new(&f->p, "p-x", FX_OFFER, ITAV_PARTICIPANT_FAMILY),
         "participant");
    must(f->db, itav_participant_set_municipality(f->p, "Haarlem"), "municipality");
    must(f->db, itav_participant_set_postcode(f->p, "2011"), "postcode");
    must(f->db, itav_participant_set_location(f->p, 52.38, 4.64), "location");
    must(f->db, itav_participant_set_availability(f->p, ITAV_SLOT(2, ITAV_AFTERNOON)), "slots");
    must(f->db, itav_participant_set_support(f->p, ITAV_SUPPORT_DAYTIME_CARE), "support");
    must(f->db, itav_participant_add_language(f->p, "nl"), "language");
    must(f->db, itav_participant_add_interest(f->p, "football"), "interest");
    must(f->db, itav_participant_add_child(f->p, 48), "child");
    must(f->db, itav_participant_add_exclusion(f->p, "q-y"), "exclusion");
    remember(f, "participant", dump_participant);
    return f->p;
}

itav_participant *fx_supporter(fx *f)
{
    if (f->sup)
        return f->sup;
    must(f->db, itav_participant_new(&f->sup, "s-x", FX_OFFER, ITAV_PARTICIPANT_VOLUNTEER),
         "supporter");
    must(f->db, itav_participant_set_capacity(f->sup, 2), "capacity");
    must(f->db, itav_participant_set_age_range(f->sup, 0, 144), "ages");
    must(f->db, itav_participant_set_trained(f->sup, 1), "trained");
    remember(f, "supporter", dump_supporter);
    return f->sup;
}

itav_figure *fx_figure(fx *f)
{
    if (f->fig)
        return f->fig;
    must(f->db, itav_figure_new(&f->fig, "families", ITAV_QTY_RANGE, 5, 10, "5 à 10"), "figure");
    must(f->db, itav_figure_set_period(f->fig, "2020"), "period");
    must(f->db, itav_figure_set_source(f->fig, "001:L5"), "source");
    remember(f, "figure", dump_figure);
    return f->fig;
}

itav_cost *fx_cost(fx *f)
{
    if (f->cost)
        return f->cost;
    must(f->db, itav_cost_new(&f->cost, "the 2021 budget"), "cost");
    must(f->db, itav_cost_set_amount(f->cost, ITAV_QTY_EXACT, 109490, 0, "€ 109.490",
                                     ITAV_COST_TOTAL), "amount");
    must(f->db, itav_cost_add_funder(f->cost, "gemeente", ITAV_SHARE_PERCENT, ITAV_QTY_ABOUT, 80,
                                     0), "funder");
    remember(f, "cost", dump_cost);
    return f->cost;
}

itav_role *fx_role(fx *f)
{
    if (f->role)
        return f->role;
    must(f->db, itav_role_new(&f->role, ITAV_ROLE_VOLUNTEER), "role");
    must(f->db, itav_role_set_description(f->role, "Visits."), "description");
    must(f->db, itav_role_set_vog(f->role, 1), "vog");
    remember(f, "role", dump_role);
    return f->role;
}

itav_plan *fx_plan(fx *f)
{
    if (f->plan)
        return f->plan;
    must(f->db, itav_plan_new(&f->plan), "plan");
    must(f->db, itav_plan_set(f->plan, ITAV_PLAN_TRIAL, 1), "trial");
    must(f->db, itav_plan_set(f->plan, ITAV_PLAN_REVIEW_MONTHS, 6), "review months");
    must(f->db, itav_plan_set_source(f->plan, ITAV_PLAN_REVIEW_MONTHS, "002:L77"), "source");
    remember(f, "plan", dump_plan);
    return f->plan;
}

itav_review *fx_review(fx *f)
{
    if (f->rev)
        return f->rev;
    int32_t date;
    must(f->db, itav_date_parse(&date, "2021-05-01"), "date");
    must(f->db, itav_review_new(&f->rev, ITAV_REVIEW_PERIODIC, date, ITAV_RESPONDENT_ASKING),
         "review");
    must(f->db, itav_review_set_satisfaction(f->rev, 8), "satisfaction");
    must(f->db, itav_review_set_effect(f->rev, ITAV_EFFECT_REST, 1), "effect");
    must(f->db, itav_review_set_note(f->rev, "Fine."), "note");
    remember(f, "review", dump_review);
    return f->rev;
}

itav_indicator *fx_indicator(fx *f)
{
    if (f->ind)
        return f->ind;
    int32_t d0, d1, d2;
    must(f->db, itav_date_parse(&d0, "2020-12-31"), "date");
    must(f->db, itav_date_parse(&d1, "2021-06-30"), "date");
    must(f->db, itav_date_parse(&d2, "2022-12-31"), "date");
    must(f->db, itav_indicator_new(&f->ind, "ind-x", FX_OFFER, ITAV_MEASURE_RATING), "indicator");
    must(f->db, itav_indicator_set_name(f->ind, "Rating"), "name");
    must(f->db, itav_indicator_set_baseline(f->ind, d0, ITAV_QTY_EXACT, 6, 6, NULL, "000:L1"),
         "baseline");
    must(f->db, itav_indicator_add_target(f->ind, ITAV_CMP_AT_LEAST, 7, 0, 0, d2, "at least 7",
                                      NULL), "target");
    must(f->db, itav_indicator_add_measurement(f->ind, d1, "2021-H1", ITAV_QTY_ABOUT, 6.5, 6.5,
                                           NULL, NULL), "measurement");
    remember(f, "indicator", dump_indicator);
    return f->ind;
}

itav_match *fx_match(fx *f)
{
    if (!f->m) {
        must(f->db, itav_match_get(&f->m, fx_store(f), FX_MATCH), "read the match");
        remember(f, "match", dump_match);
    }
    return f->m;
}

itav_suggestion *fx_suggestion(fx *f)
{
    if (!f->sug)
        must(f->db, itav_match_score_pair(&f->sug, fx_store(f), FX_ASK2, FX_SUP, NULL), "score");
    return f->sug;
}

itav_assignment *fx_assignment(fx *f)
{
    if (!f->asg) {
        int32_t date;
        must(f->db, itav_date_parse(&date, "2021-06-01"), "date");
        must(f->db, itav_match_assign(&f->asg, fx_store(f), FX_OFFER, NULL, ITAV_ASSIGN_DRY_RUN,
                                  date), "assign");
    }
    return f->asg;
}

itav_due *fx_due(fx *f)
{
    if (!f->due) {
        itav_due_iter *it = NULL;
        int32_t date;
        must(f->db, itav_date_parse(&date, "2023-01-01"), "date");
        must(f->db, itav_match_due(&it, fx_store(f), NULL, date, 0), "due");
        must(f->db, itav_due_iter_next(&f->due, it), "first due item");
        itav_due_iter_free(it);
    }
    return f->due;
}

itav_portfolio *fx_portfolio(fx *f)
{
    if (!f->pf)
        must(f->db, itav_portfolio_build(&f->pf, fx_store(f), NULL), "portfolio");
    return f->pf;
}

itav_report *fx_report(fx *f)
{
    if (!f->rep)
        must(f->db, itav_report_programme(&f->rep, fx_store(f), FX_OFFER, NULL), "report");
    return f->rep;
}

itav_recommendation *fx_recommendation(fx *f)
{
    if (!f->rec) {
        itav_recommendation_iter *it = NULL;
        itav_question q = ITAV_QUESTION_INIT;
        q.asker = ITAV_ASKER_PARENT;
        must(f->db, itav_recommend(&it, fx_store(f), &q), "recommend");
        must(f->db, itav_recommendation_iter_next(&f->rec, it), "first recommendation");
        itav_recommendation_iter_free(it);
    }
    return f->rec;
}

/* ---- results ---- */

res r_code(int rc) { return (res){.t = R_CODE, .i = rc}; }
res r_int(long long v) { return (res){.t = R_INT, .i = v}; }
res r_size(size_t v) { return (res){.t = R_SIZE, .z = v}; }
res r_ptr(const void *p) { return (res){.t = R_PTR, .p = p}; }
res r_dbl(double v) { return (res){.t = R_DBL, .d = v}; }
res r_void(void) { return (res){.t = R_VOID}; }

static const char *code_name(long long rc)
{
    static char other[32];
    switch (rc) {
    case ITAV_OK: return "ITAV_OK";
    case ITAV_ITEROVER: return "ITAV_ITEROVER";
    case ITAV_ERROR: return "ITAV_ERROR";
    case ITAV_ENOMEM: return "ITAV_ENOMEM";
    case ITAV_EINVAL: return "ITAV_EINVAL";
    case ITAV_ENOTFOUND: return "ITAV_ENOTFOUND";
    case ITAV_EEXISTS: return "ITAV_EEXISTS";
    case ITAV_EFORMAT: return "ITAV_EFORMAT";
    case ITAV_EIO: return "ITAV_EIO";
    case ITAV_EINUSE: return "ITAV_EINUSE";
    case ITAV_EBUSY: return "ITAV_EBUSY";
    case ITAV_EVERSION: return "ITAV_EVERSION";
    case ITAV_ESTATE: return "ITAV_ESTATE";
    case ITAV_ERANGE: return "ITAV_ERANGE";
    default: snprintf(other, sizeof other, "%lld", rc); return other;
    }
}

/* ---- running one row ---- */

static void check_result(fx *f, const row *r, res got)
{
    const expect *e = &r->e;
    switch (e->t) {
    case R_VOID:
        break;
    case R_CODE:
        if (got.t != R_CODE)
            fx_fail(f, "adapter gives no result code (row expects %s)", code_name(e->i));
        else if (got.i != e->i)
            fx_fail(f, "returned %s, expected %s", code_name(got.i), code_name(e->i));
        break;
    case R_INT:
        if (got.i != e->i)
            fx_fail(f, "returned %lld, expected %lld", got.i, e->i);
        break;
    case R_SIZE:
        if (got.z != e->z)
            fx_fail(f, "returned %llu, expected %llu", got.z, e->z);
        break;
    case R_PTR:
        if (got.p)
            fx_fail(f, "returned a pointer, expected NULL");
        break;
    case R_STR:
        if (!got.p || strcmp(got.p, e->str))
            fx_fail(f, "returned \"%s\", expected \"%s\"", nz(got.p), e->str);
        break;
    case R_DBL:
        if (e->nan ? !isnan(got.d) : got.d != e->d)
            fx_fail(f, "returned %g, expected %s%g", got.d, e->nan ? "NaN " : "", e->d);
        break;
    }
}

static void check_message(fx *f, const row *r, res got)
{
    if (r->e.t != R_CODE || r->e.i == ITAV_OK || got.t != R_CODE)
        return;
    const char *msg;
    int code;
    if (f->kept) {
        msg = f->kept_msg;
        code = f->kept_code;
    } else if (f->db_used) {
        msg = itav_errmsg(f->db);
        code = itav_errcode(f->db);
    } else {
        return; /* no context: nothing can record a message */
    }
    if (getenv("BADINPUT_SHOW")) /* for writing rows: what each row's message says */
        printf("row %zu %s, %s: %s\n", f->index, r->fn, r->what, msg);
    if (!r->msg) {
        fx_fail(f, "row has no message check (message: \"%s\")", msg);
        return;
    }
    if (code != got.i)
        fx_fail(f, "itav_errcode() is %s, the call returned %s", code_name(code),
                code_name(got.i));
    if (strstr(msg, MARKER))
        fx_fail(f, "no message: itav_errmsg() still holds the previous error");
    else if (!strstr(msg, r->msg))
        fx_fail(f, "message \"%s\" lacks \"%s\"", msg, r->msg);
    if (!valid_utf8((const unsigned char *)msg))
        fx_fail(f, "message is not valid UTF-8");
    else if (has_control(msg))
        fx_fail(f, "message holds control characters");
}

/* Where two texts first differ, with a little context: enough to see what changed. */
static void fail_diff(fx *f, const char *what, const char *before, const char *after)
{
    size_t i = 0;
    while (before[i] && before[i] == after[i])
        i++;
    size_t from = i > 40 ? i - 40 : 0;
    fx_fail(f, "the %s changed at byte %zu: before \"%.100s\", after \"%.100s\"", what, i,
            before + from, after + from);
}

static void check_unchanged(fx *f)
{
    for (int i = 0; i < f->nsnap; i++) {
        char *after = f->snap[i].dump(f);
        if (strcmp(after, f->snap[i].before))
            fail_diff(f, f->snap[i].name, f->snap[i].before, after);
        free(after);
    }
    if (f->db) {
        char *now = NULL;
        int rc = itav_export_json_string(&now, f->db);
        if (rc != ITAV_OK)
            fx_fail(f, "cannot export the store after the call: %s", itav_errmsg(f->db));
        else if (strcmp(now, template_json))
            fail_diff(f, pass_name[f->pass], template_json, now);
        itav_free(now);
    }
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    if (remove(path) != 0)
        fprintf(stderr, "cannot remove %s: %s\n", path, strerror(errno));
    return 0;
}

/* Removes a directory and everything in it (no shell: this runs once per row). */
static void remove_tree(const char *dir) { nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS); }

static void fx_clear(fx *f)
{
    itav_intervention_free(f->iv);
    itav_offer_free(f->of);
    itav_participant_free(f->p);
    itav_participant_free(f->sup);
    itav_figure_free(f->fig);
    itav_cost_free(f->cost);
    itav_role_free(f->role);
    itav_plan_free(f->plan);
    itav_review_free(f->rev);
    itav_indicator_free(f->ind);
    itav_match_free(f->m);
    itav_suggestion_free(f->sug);
    itav_assignment_free(f->asg);
    itav_due_free(f->due);
    itav_portfolio_free(f->pf);
    itav_report_free(f->rep);
    itav_recommendation_free(f->rec);
    itav_close(f->db);
    if (f->schema[0])
        postgres_drop_schema(f->schema);
    for (int k = 0; k < MAX_PARAMS; k++)
        free(f->generated[k]);
    for (int i = 0; i < f->nsnap; i++)
        free(f->snap[i].before);
    if (f->dir_made)
        remove_tree(f->dir);
    buf problems = f->problems;
    *f = (fx){.problems = problems};
}

/* The row being run, for the crash handler. */
static volatile sig_atomic_t current_row = -1;

static void on_crash(int sig)
{
    char line[300];
    int r = current_row;
    int n = snprintf(line, sizeof line, "\ncrashed (signal %d) in row %d: %s, %s\n", sig, r,
                     r >= 0 ? all_rows[r]->fn : "-", r >= 0 ? all_rows[r]->what : "-");
    if (n > 0 && write(STDERR_FILENO, line, (size_t)n) < 0)
        n = 0;
    signal(sig, SIG_DFL);
    raise(sig);
}

START_TEST(one_row)
{
    const row *r = all_rows[_i];
    fx f = {0};
    char failure[2600] = "";
    bputf(&f.problems, "%s", "");
    f.problems.n = 0;
    current_row = _i;
    for (int pass = 0; pass < pass_count() && !failure[0]; pass++) {
        f.index = (size_t)_i;
        f.pass = pass;
        res got = r->call(&f, r);
        check_result(&f, r, got);
        check_message(&f, r, got);
        check_unchanged(&f);
        bool used_store = f.db_used;
        postgres_rows += pass == PASS_POSTGRES && used_store;
        if (f.problems.n)
            snprintf(failure, sizeof failure, "row %d, %s, %s [%s store]: %s", _i, r->fn,
                     r->what, used_store ? pass_name[pass] : "no", f.problems.s);
        fx_clear(&f);
        if (!used_store)
            break; /* nothing differs between the passes */
    }
    free(f.problems.s);
    current_row = -1;
    ck_assert_msg(!failure[0], "%s", failure);
}
END_TEST

/* ---- completeness against the map and the headers ---- */

#define MAX_FUNCS 600
typedef struct proto {
    char name[80];
    int nparams;
    bool pointer[MAX_PARAMS];
    char enum_type[MAX_PARAMS][48]; /* "" when not an enum */
} proto;
typedef struct enum_def {
    char name[48];
    long max;
} enum_def;

static proto protos[MAX_FUNCS];
static int nprotos;
static enum_def enums[80];
static int nenums;

static const enum_def *find_enum(const char *name)
{
    for (int i = 0; i < nenums; i++)
        if (!strcmp(enums[i].name, name))
            return &enums[i];
    return NULL;
}

/* Removes comments so that prototypes and enum bodies can be read plainly. */
static void strip_comments(char *s)
{
    char *w = s;
    for (char *p = s; *p;) {
        if (p[0] == '/' && p[1] == '*') {
            char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
            *w++ = ' ';
        } else if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                p++;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
}

static void read_enums(const char *text)
{
    for (const char *p = text; (p = strstr(p, "typedef enum ")); p++) {
        const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
        if (!close)
            break;
        const char *name = close + 1;
        while (*name == ' ')
            name++;
        enum_def *e = &enums[nenums];
        size_t n = strcspn(name, " ;");
        snprintf(e->name, sizeof e->name, "%.*s", (int)n, name);
        e->max = LONG_MIN;
        for (const char *q = open; q < close; q++) {
            if (*q == '=') {
                long v = strtol(q + 1, NULL, 0);
                if (v > e->max)
                    e->max = v;
            }
        }
        nenums++;
        p = close;
    }
}

static void read_protos(const char *text)
{
    for (const char *p = text; (p = strstr(p, "ITAV_API ")); p++) {
        const char *end = strchr(p, ';');
        const char *open = strchr(p, '(');
        const char *line = p;
        while (line > text && line[-1] != '\n')
            line--;
        while (*line == ' ')
            line++;
        if (*line == '#' || !end || !open || open > end)
            continue; /* the macro's own definition */
        proto *pr = &protos[nprotos];
        const char *name_end = open;
        const char *name = name_end;
        while (name > p && (isalnum((unsigned char)name[-1]) || name[-1] == '_'))
            name--;
        snprintf(pr->name, sizeof pr->name, "%.*s", (int)(name_end - name), name);
        char params[1024];
        snprintf(params, sizeof params, "%.*s", (int)(end - open - 2), open + 1);
        if (strcmp(params, "void") != 0) {
            char *save = NULL;
            for (char *prm = strtok_r(params, ",", &save); prm; prm = strtok_r(NULL, ",", &save)) {
                if (pr->nparams == MAX_PARAMS) {
                    ck_abort_msg("%s has more than %d parameters: raise MAX_PARAMS", pr->name,
                                 MAX_PARAMS);
                }
                int k = pr->nparams++;
                pr->pointer[k] = strchr(prm, '*') != NULL;
                char type[64] = "";
                char *t = prm;
                while (*t && (isspace((unsigned char)*t)))
                    t++;
                if (!strncmp(t, "const ", 6))
                    t += 6;
                sscanf(t, "%63[A-Za-z0-9_]", type);
                if (!pr->pointer[k] && find_enum(type))
                    snprintf(pr->enum_type[k], sizeof pr->enum_type[k], "%s", type);
            }
        }
        nprotos++;
        p = end;
    }
}

static void read_headers(void)
{
    DIR *d = opendir(include_dir);
    ck_assert_msg(d != NULL, "cannot read %s", include_dir);
    char *texts[64];
    int ntexts = 0;
    struct dirent *de;
    while ((de = readdir(d)) && ntexts < 64) {
        size_t n = strlen(de->d_name);
        if (n < 3 || strcmp(de->d_name + n - 2, ".h"))
            continue;
        char *path = xprintf("%s/%s", include_dir, de->d_name);
        texts[ntexts] = read_file(path, NULL);
        ck_assert_msg(texts[ntexts] != NULL, "cannot read %s", path);
        strip_comments(texts[ntexts++]);
        free(path);
    }
    closedir(d);
    for (int i = 0; i < ntexts; i++)
        read_enums(texts[i]);
    for (int i = 0; i < ntexts; i++) {
        read_protos(texts[i]);
        free(texts[i]);
    }
}

/* Exported functions with no input that could be bad. */
static const struct {
    const char *fn, *why;
} no_input[] = {
    {"itav_version", "takes no argument"},
    {"itav_version_number", "takes no argument"},
    {"itav_catalog_json", "takes no argument"},
};

static const proto *find_proto(const char *name)
{
    for (int i = 0; i < nprotos; i++)
        if (!strcmp(protos[i].name, name))
            return &protos[i];
    return NULL;
}

static bool has_row(const char *fn)
{
    for (size_t i = 0; i < nrows; i++)
        if (!strcmp(all_rows[i]->fn, fn))
            return true;
    return false;
}

static unsigned null_allowed_params(const char *fn)
{
    unsigned m = 0;
    for (size_t i = 0; i < null_allowed_count; i++)
        if (!strcmp(null_allowed[i].fn, fn))
            m |= null_allowed[i].params;
    return m;
}

static bool has_null_row(const char *fn, int k)
{
    for (size_t i = 0; i < nrows; i++)
        if (!strcmp(all_rows[i]->fn, fn) && all_rows[i]->nul == 1u << k)
            return true;
    return false;
}

static bool has_enum_row(const char *fn, int k, long long v)
{
    for (size_t i = 0; i < nrows; i++)
        if (!strcmp(all_rows[i]->fn, fn) && all_rows[i]->n[k].set && all_rows[i]->n[k].v == v)
            return true;
    return false;
}

START_TEST(covers_the_whole_api)
{
    char *map = read_file(map_path, NULL);
    ck_assert_msg(map != NULL, "cannot read %s", map_path);
    static char symbols[MAX_FUNCS][96];
    int nsyms = 0;
    read_headers();
    ck_assert_msg(nprotos > 300, "read only %d prototypes from %s", nprotos, include_dir);
    buf missing = {0};
    bputf(&missing, "%s", "");
    int nsymbols = 0;
    /* every symbol of the map: a row, or a reason why it needs none */
    char *save = NULL;
    for (char *line = strtok_r(map, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char sym[96];
        if (sscanf(line, " %95[a-z0-9_];", sym) != 1 || strncmp(sym, "itav_", 5))
            continue;
        nsymbols++;
        if (nsyms < MAX_FUNCS)
            strcpy(symbols[nsyms++], sym);
        bool exempt = false;
        for (size_t i = 0; i < sizeof no_input / sizeof *no_input; i++)
            exempt |= !strcmp(no_input[i].fn, sym);
        const proto *pr = find_proto(sym);
        if (!pr) {
            bputf(&missing, "\n%s: exported but not declared in %s", sym, include_dir);
            continue;
        }
        if (exempt) {
            if (pr->nparams)
                bputf(&missing, "\n%s: listed as taking no input, but has parameters", sym);
            continue;
        }
        if (!has_row(sym)) {
            bputf(&missing, "\n%s: no row", sym);
            continue;
        }
        unsigned allowed = null_allowed_params(sym);
        for (int k = 0; k < pr->nparams; k++) {
            if (pr->pointer[k] && !(allowed >> k & 1u) && !has_null_row(sym, k))
                bputf(&missing, "\n%s: no row with parameter %d NULL", sym, k);
            if (pr->enum_type[k][0]) {
                const enum_def *e = find_enum(pr->enum_type[k]);
                long long bad[] = {-1, e->max + 1, INT_MAX};
                for (int b = 0; b < 3; b++)
                    if (!has_enum_row(sym, k, bad[b]))
                        bputf(&missing, "\n%s: no row with parameter %d (%s) = %lld", sym, k,
                              e->name, bad[b]);
            }
        }
    }
    /* and no row for a function that is not exported */
    for (size_t i = 0; i < nrows; i++) {
        bool exported = false;
        for (int k = 0; k < nsyms && !exported; k++)
            exported = !strcmp(symbols[k], all_rows[i]->fn);
        if (!exported)
            bputf(&missing, "\nrow %zu: %s is not in the map", i, all_rows[i]->fn);
    }
    ck_assert_msg(nsymbols > 300, "read only %d symbols from %s", nsymbols, map_path);
    if (missing.n)
        fprintf(stderr, "the catalogue is incomplete:%s\n", missing.s);
    ck_assert_msg(missing.n == 0, "the catalogue is incomplete:%.3000s", missing.s);
    free(missing.s);
    free(map);
}
END_TEST

/* ---- the fixture store ---- */

static int32_t day(const char *text)
{
    int32_t d = 0;
    must(NULL, itav_date_parse(&d, text), text);
    return d;
}

static void build_fixture(void)
{
    itav_db *db = NULL;
    itav_intervention *iv = NULL;
    itav_offer *of = NULL;
    itav_plan *plan = NULL;
    itav_participant *p = NULL;
    itav_review *rv = NULL;
    itav_indicator *ind = NULL;
    char *id = NULL;
    must(NULL, itav_open(&db, "memory:"), "open");

    must(NULL, itav_intervention_new(&iv, FX_IV), "iv");
    must(NULL, itav_intervention_set_name(iv, "Alpha"), "name");
    must(NULL, itav_intervention_set_setting(iv, ITAV_SETTING_INFORMAL), "setting");
    must(NULL, itav_intervention_set_scope(iv, ITAV_SCOPE_INDIVIDUAL), "scope");
    must(NULL, itav_intervention_set_audience(iv, ITAV_AUDIENCE_PARENTS), "audience");
    must(NULL, itav_intervention_set_themes(iv, ITAV_THEME_RELIEF), "themes");
    must(NULL, itav_intervention_set_element(iv, ITAV_PROFILE_TABLE, ITAV_ELEMENT_EQUALITY,
                                             ITAV_STATUS_PRESENT, NULL, "001:L1"), "element");
    must(NULL, itav_plan_new(&plan), "plan");
    must(NULL, itav_plan_set(plan, ITAV_PLAN_TRIAL, 1), "trial");
    must(NULL, itav_plan_set(plan, ITAV_PLAN_TRIAL_MONTHS, 2), "trial months");
    must(NULL, itav_plan_set(plan, ITAV_PLAN_REVIEW_MONTHS, 6), "review months");
    must(NULL, itav_plan_set(plan, ITAV_PLAN_MAX_MONTHS, 24), "max months");
    must(NULL, itav_plan_set(plan, ITAV_PLAN_MAX_DISTANCE_M, 10000), "distance");
    must(NULL, itav_intervention_set_plan(iv, plan), "set plan");
    must(NULL, itav_intervention_create(db, iv), "create iv");
    itav_intervention_free(iv);
    itav_plan_free(plan);
    must(NULL, itav_intervention_new(&iv, FX_IV_FREE), "iv b");
    must(NULL, itav_intervention_set_name(iv, "Beta"), "name");
    must(NULL, itav_intervention_create(db, iv), "create iv b");
    itav_intervention_free(iv);

    must(NULL, itav_offer_new(&of, FX_OFFER, FX_IV), "offer");
    must(NULL, itav_offer_add_text(of, ITAV_TEXT_MUNICIPALITIES, "Haarlem"), "municipality");
    must(NULL, itav_offer_create(db, of), "create offer");
    itav_offer_free(of);
    must(NULL, itav_offer_new(&of, FX_OFFER2, FX_IV), "offer b");
    must(NULL, itav_offer_create(db, of), "create offer b");
    itav_offer_free(of);
    must(NULL, itav_participant_new(&p, FX_ASKB, FX_OFFER2, ITAV_PARTICIPANT_YOUTH), "p b");
    must(NULL, itav_participant_create(db, p), "create p b");
    itav_participant_free(p);

    static const struct {
        const char *ref;
        itav_participant_kind kind;
        itav_participant_status status;
        const char *registered;
        double lat, lon;
    } people[] = {
        {FX_ASK, ITAV_PARTICIPANT_FAMILY, ITAV_PSTATUS_WAITING, "2021-01-01", 52.380, 4.640},
        {FX_ASK2, ITAV_PARTICIPANT_FAMILY, ITAV_PSTATUS_WAITING, "2021-01-02", 52.382, 4.641},
        {FX_SUP, ITAV_PARTICIPANT_VOLUNTEER, ITAV_PSTATUS_AVAILABLE, "2021-01-01", 52.381,
         4.642},
    };
    for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
        must(NULL, itav_participant_new(&p, people[i].ref, FX_OFFER, people[i].kind), "p");
        must(NULL, itav_participant_set_registered(p, day(people[i].registered)), "reg");
        must(NULL, itav_participant_set_municipality(p, "Haarlem"), "municipality");
        must(NULL, itav_participant_set_location(p, people[i].lat, people[i].lon), "loc");
        must(NULL, itav_participant_set_availability(p, ITAV_SLOT(2, ITAV_AFTERNOON)), "av");
        must(NULL, itav_participant_set_support(p, ITAV_SUPPORT_DAYTIME_CARE), "support");
        if (people[i].kind == ITAV_PARTICIPANT_VOLUNTEER)
            must(NULL, itav_participant_set_capacity(p, 2), "capacity");
        must(NULL, itav_participant_create(db, p), "create p");
        itav_participant_free(p);
        must(db, itav_participant_set_status(db, people[i].ref, ITAV_PSTATUS_INTAKE,
                                             day(people[i].registered)), "intake");
        must(db, itav_participant_set_status(db, people[i].ref, ITAV_PSTATUS_APPROVED,
                                             day(people[i].registered)), "approved");
        must(db, itav_participant_set_status(db, people[i].ref, people[i].status,
                                             day(people[i].registered)), "open");
    }
    must(NULL, itav_match_propose(&id, db, FX_ASK, FX_SUP, day("2021-02-01"),
                                  ITAV_ACTOR_COORDINATOR, "first", NULL), "propose");
    if (strcmp(id, FX_MATCH))
        must(NULL, ITAV_ERROR, "the match id");
    itav_free(id);
    must(db, itav_match_advance(db, FX_MATCH, ITAV_MATCH_INTRODUCED, day("2021-02-05"),
                                ITAV_ACTOR_COORDINATOR, 0, NULL), "introduced");
    must(db, itav_match_advance(db, FX_MATCH, ITAV_MATCH_TRIAL, day("2021-02-10"),
                                ITAV_ACTOR_COORDINATOR, 0, NULL), "trial");
    must(NULL, itav_review_new(&rv, ITAV_REVIEW_TRIAL, day("2021-04-10"),
                               ITAV_RESPONDENT_COORDINATOR), "review");
    must(NULL, itav_review_set_satisfaction(rv, 8), "satisfaction");
    must(db, itav_review_add(&id, db, FX_MATCH, rv), "add review");
    if (strcmp(id, FX_REVIEW))
        must(NULL, ITAV_ERROR, "the review id");
    itav_free(id);
    itav_review_free(rv);
    must(db, itav_match_advance(db, FX_MATCH, ITAV_MATCH_ACTIVE, day("2021-04-11"),
                                ITAV_ACTOR_COORDINATOR, 0, NULL), "active");

    must(NULL, itav_indicator_new(&ind, FX_IND, FX_OFFER, ITAV_MEASURE_PERCENTAGE), "ind");
    must(NULL, itav_indicator_set_name(ind, "Share"), "name");
    must(NULL, itav_indicator_set_baseline(ind, day("2020-12-31"), ITAV_QTY_EXACT, 40, 40, NULL,
                                           NULL), "baseline");
    must(NULL, itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 60, 0, 0, day("2022-12-31"),
                                         NULL, NULL), "target");
    must(NULL, itav_indicator_add_measurement(ind, day("2021-06-30"), "2021-H1", ITAV_QTY_EXACT,
                                              50, 50, NULL, NULL), "measurement");
    must(db, itav_indicator_create(db, ind), "create ind");
    itav_indicator_free(ind);

    char *text = NULL;
    must(db, itav_export_json_string(&text, db), "export");
    template_json = xstrdup(text);
    itav_free(text);
    itav_close(db);

    snprintf(template_db, sizeof template_db, "%s/template.db", root);
    char *uri = xprintf("sqlite:%s", template_db);
    must(NULL, itav_open(&db, uri), "open SQLite");
    free(uri);
    must(db, itav_import_json_string(db, template_json, "fixture"), "import into SQLite");
    char *again = NULL;
    must(db, itav_export_json_string(&again, db), "export SQLite");
    if (strcmp(again, template_json))
        must(NULL, ITAV_ERROR, "the SQLite fixture exports as the memory one");
    itav_free(again);
    itav_close(db);

}

/* ---- main ---- */

static void count_categories(void)
{
    size_t null = 0, empty = 0, utf8 = 0, control = 0, big = 0, files = 0;
    for (size_t i = 0; i < nrows; i++) {
        const row *r = all_rows[i];
        bool e = false, u = false, c = false, b = false, fl = false;
        for (int k = 0; k < MAX_PARAMS; k++) {
            const char *s = r->s[k];
            if (!s)
                continue;
            e |= !*s;
            u |= !valid_utf8((const unsigned char *)s);
            c |= has_control(s) && s[0] != '@';
            b |= !strcmp(s, ID65) || !strcmp(s, REF65) || !strcmp(s, TEXT65537) ||
                 !strncmp(s, "@json-long", 10) || !strncmp(s, "@csv-long", 9);
            fl |= !strcmp(s, MISSING_FILE) || !strcmp(s, A_DIRECTORY) || !strncmp(s, "@file=", 6);
        }
        null += r->nul != 0, empty += e, utf8 += u, control += c, big += b, files += fl;
    }
    printf("bad input catalogue: %zu rows; NULL pointers %zu, empty strings %zu, invalid "
           "UTF-8 %zu, control characters %zu, overlong %zu, files %zu\n",
           nrows, null, empty, utf8, control, big, files);
    /* what the rows expect */
    size_t by_code[16] = {0}, values = 0, voids = 0;
    for (size_t i = 0; i < nrows; i++) {
        const expect *e = &all_rows[i]->e;
        if (e->t == R_CODE && e->i <= 0 && e->i > -16)
            by_code[-e->i]++;
        else if (e->t == R_VOID)
            voids++;
        else
            values++;
    }
    printf("expected:");
    for (int c = 0; c < 16; c++)
        if (by_code[c])
            printf(" %s %zu,", code_name(-c), by_code[c]);
    printf(" a getter's documented value %zu, no crash (free functions) %zu\n", values, voids);
}

int main(int argc, char **argv)
{
    map_path = argc > 2 ? argv[1] : getenv("ITAV_MAP");
    include_dir = argc > 2 ? argv[2] : getenv("ITAV_INCLUDE_DIR");
    if (!map_path || !include_dir) {
        fprintf(stderr, "usage: %s MAP INCLUDE_DIR (or set ITAV_MAP and ITAV_INCLUDE_DIR)\n",
                argv[0]);
        return 2;
    }
    const row_table *tables[] = {&rows_core, &rows_catalog, &rows_people, &rows_evaluation,
                                 &rows_access, &rows_evidence, &rows_cost};
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
        nrows += tables[t]->n;
    all_rows = calloc(nrows, sizeof *all_rows);
    nrows = 0;
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
        for (size_t i = 0; i < tables[t]->n; i++)
            all_rows[nrows++] = &tables[t]->rows[i];
    const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/itav-badinput-XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 2;
    }
    build_fixture();
    count_categories();

    const char *only = getenv("BADINPUT_ROW");
    int first = only ? atoi(only) : 0, last = only ? first + 1 : (int)nrows;
    Suite *s = suite_create("badinput");
    TCase *tc = tcase_create("rows");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, one_row, first, last);
    tcase_add_unchecked_fixture(tc, NULL, drop_template_schema);
    suite_add_tcase(s, tc);
    TCase *cover = tcase_create("coverage");
    tcase_add_test(cover, covers_the_whole_api);
    suite_add_tcase(s, cover);

    SRunner *sr = srunner_create(s);
    /* A process per row costs ten times the rows themselves; rows clean up after
     * themselves, and a crash names its row (on_crash). CK_FORK=yes isolates them. */
    if (!getenv("CK_FORK"))
        srunner_set_fork_status(sr, CK_NOFORK);
    signal(SIGSEGV, on_crash);
    signal(SIGABRT, on_crash);
    signal(SIGBUS, on_crash);
    signal(SIGFPE, on_crash);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);

    remove_tree(root);
    free(template_json);
    free(all_rows);
    return failed ? 1 : 0;
}
