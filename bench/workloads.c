/* bench_itav: the workloads of bench/run, libitav and its anchor side by side.
 *
 * Each command generates its data deterministically (gen.c), runs one warm-up and then RUNS
 * timed repetitions of the measured step only, and prints one line "RESULT {json}" with the
 * times, the peak resident memory of a repetition and what the step produced, for bench/run
 * to compare. Commands (SIDE picks libitav or the anchor):
 *
 *   bulk   itav|sqlite N RUNS DIR       N participants into a new SQLite file, one transaction
 *   json-gen PARTICIPANTS MATCHES FILE  write an itav/1 dataset
 *   json   memory|sqlite|jansson RUNS FILE DIR   import the dataset / load and walk it
 *   dense-gen N FILE                    an N x N matrix of integer gains (int64, row-major)
 *   dense  RUNS N FILE                  the library's solver on it (scipy: bench/dense.py)
 *   sparse N RUNS DIR LIMIT_M           N asking x N supporting, itav_match_assign vs greedy
 *   suggest N QUERIES RUNS DIR          top 10 among N supporters: index vs brute force
 *   report-build MATCHES DIR            the store of the report workload and, for the SQL
 *                                       sides, its records as JSON text and the figures'
 *                                       columns as typed tables (both cached in DIR)
 *   report itav|sql|typed RUNS DB       the programme report vs SQL over the same records
 *   report audited RUNS DB              the same report made for publication (k = 5, audited)
 *                                       (json_extract) or over the typed tables
 *   codec  N RUNS DIR                   decoding the stored participants and reviews of a
 *                                       dataset of N participants; sizes against the raw row
 *   pg-suggest, pg-sparse, pg-report    the same on PostgreSQL (in a build with libpq; see
 *                                       "7." below)
 *
 * Links the static library for the solver and the scoring function (white box). */
#include "matching/matching_int.h"
#include "matching/solver.h"
#include "gen.h"

#include <itav.h>
#include <jansson.h>
#include <math.h>
#include <cbor.h>
#ifdef BENCH_MSGPACK
#include <msgpack.h>
#endif
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define AS_OF 19000 /* 2022-01-08: the date scores and screening are judged by */

/* ---- results ---- */

static text out;

static void res_begin(const char *workload, const char *side)
{
    add(&out, "RESULT {\"workload\": \"%s\", \"side\": \"%s\"", workload, side);
}
static void res_num(const char *key, double v) { add(&out, ", \"%s\": %.17g", key, v); }
static void res_str(const char *key, const char *v)
{
    add(&out, ", \"%s\": \"", key);
    for (; *v; v++)
        add(&out, *v == '"' || *v == '\\' ? "\\%c" : "%c", *v);
    add(&out, "\"");
}
static void res_times(const char *key, const double *t, int n)
{
    add(&out, ", \"%s\": [", key);
    for (int i = 0; i < n; i++)
        add(&out, "%s%.9f", i ? ", " : "", t[i]);
    add(&out, "]");
}
static void res_end(void)
{
    printf("%s}\n", out.s);
    fflush(stdout);
    out.n = 0;
}

static void check(itav_db *db, int rc, const char *what)
{
    if (rc != ITAV_OK)
        die("%s: %s", what, db ? itav_errmsg(db) : itav_strerror(rc));
}

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001B3u;
    return h;
}
#define FNV_START 0xCBF29CE484222325u

static void remove_db(const char *path)
{
    char buf[4400];
    unlink(path);
    if (snprintf(buf, sizeof buf, "%s-wal", path) < (int)sizeof buf)
        unlink(buf);
    if (snprintf(buf, sizeof buf, "%s-shm", path) < (int)sizeof buf)
        unlink(buf);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int parse_int(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < 0 || v > 100000000)
        die("not a count: %s", s);
    return (int)v;
}

static itav_db *open_store(const char *uri)
{
    itav_db *db;
    int rc = itav_open(&db, uri);
    if (rc != ITAV_OK)
        die("open %s: %s", uri, db ? itav_errmsg(db) : itav_strerror(rc));
    return db;
}

/* An intervention and one offer, with a plan that sets a distance limit (0: none). */
static void make_offer(itav_db *db, const char *id, long limit_m)
{
    itav_intervention *iv;
    itav_offer *of;
    itav_plan *plan;
    check(db, itav_intervention_new(&iv, "iv-bench"), "intervention");
    check(db, itav_intervention_set_name(iv, "Bench"), "intervention");
    check(db, itav_intervention_create(db, iv), "intervention");
    itav_intervention_free(iv);
    check(db, itav_plan_new(&plan), "plan");
    if (limit_m > 0)
        check(db, itav_plan_set(plan, ITAV_PLAN_MAX_DISTANCE_M, limit_m), "plan");
    check(db, itav_plan_set(plan, ITAV_PLAN_VOG, 1), "plan");
    check(db, itav_plan_set(plan, ITAV_PLAN_VOG_VALID_MONTHS, 60), "plan");
    check(db, itav_offer_new(&of, id, "iv-bench"), "offer");
    check(db, itav_offer_set_plan(of, plan), "offer");
    check(db, itav_offer_create(db, of), "offer");
    itav_plan_free(plan);
    itav_offer_free(of);
}

static char *people_csv(const person *v, size_t n)
{
    text t = {NULL, 0, 0};
    add(&t, "%s", csv_header);
    for (size_t i = 0; i < n; i++)
        person_csv(&t, &v[i]);
    return t.s;
}

static unsigned word_bit(const char *const *words, int n, const char *w)
{
    for (int i = 0; i < n; i++)
        if (strcmp(words[i], w) == 0)
            return 1u << i;
    die("unexpected word %s", w);
}

/* A participant read back from a store, as a person (borrowing its strings). */
static person from_itav(const itav_participant *p)
{
    person q = {0};
    snprintf(q.ref, sizeof q.ref, "%s", itav_participant_ref(p));
    q.asking = itav_participant_side(p) == ITAV_SIDE_ASKING;
    q.kind = (int)itav_participant_get_kind(p);
    q.status = (int)itav_participant_get_status(p);
    q.municipality = itav_participant_municipality(p);
    snprintf(q.postcode, sizeof q.postcode, "%s", itav_participant_postcode(p));
    q.has_location = itav_participant_location(p, &q.lat, &q.lon) == 1;
    q.availability = itav_participant_availability(p);
    q.support = itav_participant_support(p);
    for (size_t i = 0; i < itav_participant_language_count(p); i++)
        q.languages |= word_bit(language_words, 6, itav_participant_language(p, i));
    for (size_t i = 0; i < itav_participant_interest_count(p); i++)
        q.interests |= word_bit(interest_words, 8, itav_participant_interest(p, i));
    q.nchildren = (int)itav_participant_child_count(p);
    for (int c = 0; c < q.nchildren && c < 3; c++)
        q.children[c] = itav_participant_child_age(p, (size_t)c);
    int32_t lo, hi;
    q.age_min = q.age_max = -1;
    if (itav_participant_age_range(p, &lo, &hi) == 1) {
        q.age_min = lo;
        q.age_max = hi;
    }
    q.vog_date = itav_participant_vog_date(p);
    q.trained = itav_participant_trained(p) == 1;
    q.capacity = itav_participant_capacity(p);
    q.registered = itav_participant_registered(p);
    return q;
}

/* ---- 1. bulk write ---- */

static const char *const anchor_schema =
    "CREATE TABLE participants (ref TEXT PRIMARY KEY, offer TEXT NOT NULL, kind TEXT NOT NULL,"
    " status TEXT NOT NULL, municipality TEXT, postcode TEXT, lat REAL, lon REAL,"
    " availability INTEGER, support INTEGER, languages TEXT, interests TEXT, children TEXT,"
    " age_min INTEGER, age_max INTEGER, vog_date TEXT, trained INTEGER, capacity INTEGER,"
    " registered TEXT) WITHOUT ROWID";

static void sql_exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        die("sqlite: %s: %s", sql, err ? err : sqlite3_errmsg(db));
}

static sqlite3 *sql_open(const char *path, int flags)
{
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK)
        die("sqlite: cannot open %s", path);
    return db;
}

/* The same pragmas as lib/store/sqlite.c. */
static const char *const store_pragmas =
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;";

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void anchor_insert(sqlite3 *db, const person *v, size_t n)
{
    sqlite3_stmt *st;
    text w = {NULL, 0, 0};
    char d[ITAV_DATE_BUFSIZE];
    sql_exec(db, "BEGIN IMMEDIATE");
    if (sqlite3_prepare_v2(db, "INSERT INTO participants VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                           "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                           -1, &st, NULL) != SQLITE_OK)
        die("sqlite: %s", sqlite3_errmsg(db));
    for (size_t i = 0; i < n; i++) {
        const person *p = &v[i];
        sqlite3_bind_text(st, 1, p->ref, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, "bench", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, itav_code_name(ITAV_CODE_PARTICIPANT_KIND, p->kind), -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(st, 4, itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, p->status), -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(st, 5, p->municipality, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, p->postcode, -1, SQLITE_STATIC);
        if (p->has_location) {
            sqlite3_bind_double(st, 7, p->lat);
            sqlite3_bind_double(st, 8, p->lon);
        } else {
            sqlite3_bind_null(st, 7);
            sqlite3_bind_null(st, 8);
        }
        sqlite3_bind_int64(st, 9, p->availability);
        sqlite3_bind_int64(st, 10, p->support);
        w.n = 0;
        add(&w, "%s", "");
        put_words(&w, language_words, 6, p->languages, " ");
        bind_text(st, 11, w.s);
        w.n = 0;
        add(&w, "%s", "");
        put_words(&w, interest_words, 8, p->interests, " ");
        bind_text(st, 12, w.s);
        w.n = 0;
        add(&w, "%s", "");
        for (int c = 0; c < p->nchildren; c++)
            add(&w, "%s%d", c ? " " : "", p->children[c]);
        bind_text(st, 13, w.s);
        if (p->age_min >= 0) {
            sqlite3_bind_int(st, 14, p->age_min);
            sqlite3_bind_int(st, 15, p->age_max);
        } else {
            sqlite3_bind_null(st, 14);
            sqlite3_bind_null(st, 15);
        }
        if (p->vog_date != ITAV_DATE_NONE) {
            itav_date_format(d, sizeof d, p->vog_date);
            sqlite3_bind_text(st, 16, d, -1, SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_null(st, 16);
        }
        sqlite3_bind_int(st, 17, p->trained);
        sqlite3_bind_int(st, 18, p->capacity);
        itav_date_format(d, sizeof d, p->registered);
        sqlite3_bind_text(st, 19, d, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_DONE)
            die("sqlite insert: %s", sqlite3_errmsg(db));
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sql_exec(db, "COMMIT");
    text_free(&w);
}

static unsigned words_bits(const char *const *words, int n, const unsigned char *s)
{
    unsigned b = 0;
    char buf[64];
    while (s && *s) {
        size_t k = strcspn((const char *)s, " ");
        snprintf(buf, sizeof buf, "%.*s", (int)k, (const char *)s);
        b |= word_bit(words, n, buf);
        s += k + (s[k] == ' ');
    }
    return b;
}

static int32_t date_col(sqlite3_stmt *st, int i)
{
    int32_t d = ITAV_DATE_NONE;
    const char *s = (const char *)sqlite3_column_text(st, i);
    if (s && itav_date_parse(&d, s) != ITAV_OK)
        die("bad date %s", s);
    return d;
}

/* The anchor's row as a person. */
static person from_row(sqlite3_stmt *st)
{
    person q = {0};
    int c;
    snprintf(q.ref, sizeof q.ref, "%s", (const char *)sqlite3_column_text(st, 0));
    itav_code_parse(&c, ITAV_CODE_PARTICIPANT_KIND, (const char *)sqlite3_column_text(st, 2));
    q.kind = c;
    itav_code_parse(&c, ITAV_CODE_PARTICIPANT_STATUS, (const char *)sqlite3_column_text(st, 3));
    q.status = c;
    q.municipality = (const char *)sqlite3_column_text(st, 4);
    snprintf(q.postcode, sizeof q.postcode, "%s", (const char *)sqlite3_column_text(st, 5));
    q.has_location = sqlite3_column_type(st, 6) != SQLITE_NULL;
    q.lat = sqlite3_column_double(st, 6);
    q.lon = sqlite3_column_double(st, 7);
    q.availability = (uint32_t)sqlite3_column_int64(st, 8);
    q.support = (unsigned)sqlite3_column_int64(st, 9);
    q.languages = words_bits(language_words, 6, sqlite3_column_text(st, 10));
    q.interests = words_bits(interest_words, 8, sqlite3_column_text(st, 11));
    const char *ch = (const char *)sqlite3_column_text(st, 12);
    while (ch && *ch && q.nchildren < 3) {
        char *end;
        q.children[q.nchildren++] = (int)strtol(ch, &end, 10);
        ch = end;
    }
    q.age_min = sqlite3_column_type(st, 13) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 13);
    q.age_max = sqlite3_column_type(st, 14) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 14);
    q.vog_date = date_col(st, 15);
    q.trained = sqlite3_column_int(st, 16);
    q.capacity = sqlite3_column_int(st, 17);
    q.registered = date_col(st, 18);
    return q;
}

static long count_rows(const char *path, const char *sql)
{
    sqlite3 *db = sql_open(path, SQLITE_OPEN_READONLY);
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void cmd_bulk(char **argv)
{
    const char *side = argv[0], *dir = argv[3];
    int n = parse_int(argv[1]), runs = parse_int(argv[2]);
    bool itav = strcmp(side, "itav") == 0;
    if (!itav && strcmp(side, "sqlite") != 0)
        die("bulk: side is itav or sqlite");
    person *v = people_make((size_t)n, (size_t)n / 2, SPREAD_CLUSTERED, 1, "p");
    char *csv = itav ? people_csv(v, (size_t)n) : NULL;
    char path[4096], uri[4200];
    snprintf(path, sizeof path, "%s/bulk-%s.db", dir, side);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    double *t = xcalloc((size_t)runs + 1, sizeof *t);
    text want = {NULL, 0, 0}, got = {NULL, 0, 0};
    size_t samples = n < 1000 ? (size_t)n : 1000;
    for (size_t s = 0; s < samples; s++)
        person_canonical(&want, &v[s * (size_t)n / samples]);
    for (int r = 0; r <= runs; r++) {
        remove_db(path);
        double t0;
        if (itav) {
            itav_db *db = open_store(uri);
            make_offer(db, "bench", 0);
            t0 = now();
            check(db, itav_import_participants_csv_string(db, csv, "bench", "bench"), "import");
            t[r] = now() - t0;
            if (r == runs)
                for (size_t s = 0; s < samples; s++) {
                    itav_participant *p;
                    check(db, itav_participant_get(&p, db, v[s * (size_t)n / samples].ref),
                          "get");
                    person q = from_itav(p);
                    person_canonical(&got, &q);
                    itav_participant_free(p);
                }
            itav_close(db);
        } else {
            sqlite3 *db = sql_open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            sql_exec(db, store_pragmas);
            sql_exec(db, anchor_schema);
            t0 = now();
            anchor_insert(db, v, (size_t)n);
            t[r] = now() - t0;
            if (r == runs) {
                sqlite3_stmt *st;
                sqlite3_prepare_v2(db, "SELECT * FROM participants WHERE ref = ?1", -1, &st,
                                   NULL);
                for (size_t s = 0; s < samples; s++) {
                    sqlite3_bind_text(st, 1, v[s * (size_t)n / samples].ref, -1, SQLITE_STATIC);
                    if (sqlite3_step(st) != SQLITE_ROW)
                        die("anchor row missing");
                    person q = from_row(st);
                    person_canonical(&got, &q);
                    sqlite3_reset(st);
                }
                sqlite3_finalize(st);
            }
            sqlite3_close(db);
        }
    }
    long rows = count_rows(path, itav ? "SELECT count(*) FROM records WHERE kind = 'participant'"
                                      : "SELECT count(*) FROM participants");
    res_begin("bulk", side);
    res_num("n", n);
    res_times("times", t + 1, runs);
    res_num("warmup", t[0]);
    res_num("rows", (double)rows);
    res_num("bytes", (double)file_size(path));
    res_num("sample_ok", got.n == want.n && memcmp(got.s, want.s, want.n) == 0);
    res_num("sample_hash", (double)(fnv(FNV_START, got.s, got.n) >> 12));
    res_end();
    remove_db(path);
    free(csv);
    free(v);
    free(t);
    text_free(&want);
    text_free(&got);
}

/* ---- 2. JSON import ---- */

static void cmd_json_gen(char **argv)
{
    dataset d = {(size_t)parse_int(argv[0]), (size_t)parse_int(argv[1]), 2};
    FILE *f = fopen(argv[2], "wb");
    if (!f)
        die("cannot write %s", argv[2]);
    size_t reviews = dataset_write(f, &d, 'A', 0, 0);
    if (fclose(f) != 0)
        die("cannot write %s", argv[2]);
    res_begin("json-gen", "gen");
    res_num("bytes", (double)file_size(argv[2]));
    res_num("reviews", (double)reviews);
    res_end();
}

typedef struct walk {
    size_t objects, arrays, strings, numbers, other, string_bytes;
    double sum;
} walk;

static void walk_tree(walk *w, json_t *j)
{
    const char *key;
    json_t *v;
    size_t i;
    switch (json_typeof(j)) {
    case JSON_OBJECT:
        w->objects++;
        json_object_foreach(j, key, v) {
            w->string_bytes += strlen(key);
            walk_tree(w, v);
        }
        break;
    case JSON_ARRAY:
        w->arrays++;
        json_array_foreach(j, i, v) walk_tree(w, v);
        break;
    case JSON_STRING:
        w->strings++;
        w->string_bytes += json_string_length(j);
        break;
    case JSON_INTEGER:
        w->numbers++;
        w->sum += (double)json_integer_value(j);
        break;
    case JSON_REAL:
        w->numbers++;
        w->sum += json_real_value(j);
        break;
    default:
        w->other++;
    }
}

static size_t count_iter(itav_db *db, int which)
{
    size_t n = 0;
    if (which == 0) {
        itav_participant_iter *it;
        itav_participant *p;
        check(db, itav_participant_list(&it, db, NULL), "list");
        while (itav_participant_iter_next(&p, it) == ITAV_OK) {
            n++;
            itav_participant_free(p);
        }
        itav_participant_iter_free(it);
    } else if (which == 1) {
        itav_match_iter *it;
        itav_match *m;
        check(db, itav_match_list(&it, db, NULL), "list");
        while (itav_match_iter_next(&m, it) == ITAV_OK) {
            n++;
            itav_match_free(m);
        }
        itav_match_iter_free(it);
    } else {
        itav_review_iter *it;
        itav_review *rv;
        check(db, itav_review_list(&it, db, NULL, NULL), "list");
        while (itav_review_iter_next(&rv, it) == ITAV_OK) {
            n++;
            itav_review_free(rv);
        }
        itav_review_iter_free(it);
    }
    return n;
}

static void cmd_json(char **argv)
{
    const char *side = argv[0], *file = argv[2], *dir = argv[3];
    int runs = parse_int(argv[1]);
    bool jans = strcmp(side, "jansson") == 0, mem = strcmp(side, "memory") == 0;
    if (!jans && !mem && strcmp(side, "sqlite") != 0)
        die("json: side is memory, sqlite or jansson");
    double *t = xcalloc((size_t)runs + 1, sizeof *t);
    long peak = 0;
    size_t counts[3] = {0, 0, 0};
    char path[4096], uri[4200];
    snprintf(path, sizeof path, "%s/json-import.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    walk w = {0};
    for (int r = 0; r <= runs; r++) {
        rss_reset();
        if (jans) {
            json_error_t err;
            double t0 = now();
            json_t *root = json_load_file(file, 0, &err);
            if (!root)
                die("jansson: %s:%d: %s", file, err.line, err.text);
            w = (walk){0};
            walk_tree(&w, root);
            for (int k = 0; k < 3; k++) {
                static const char *const names[] = {"participants", "matches", "reviews"};
                counts[k] = json_array_size(json_object_get(root, names[k]));
            }
            json_decref(root);
            t[r] = now() - t0;
        } else {
            remove_db(path);
            itav_db *db = open_store(mem ? "memory:" : uri);
            double t0 = now();
            check(db, itav_import_json_file(db, file), "import");
            t[r] = now() - t0;
            if (r == runs) {
                long p = rss_peak_kb();
                peak = p > peak ? p : peak;
                for (int k = 0; k < 3; k++)
                    counts[k] = count_iter(db, k);
            }
            itav_close(db);
            remove_db(path);
        }
        long p = rss_peak_kb();
        if (r < runs || jans)
            peak = p > peak ? p : peak;
    }
    res_begin("json", side);
    res_times("times", t + 1, runs);
    res_num("warmup", t[0]);
    res_num("bytes", (double)file_size(file));
    res_num("peak_kb", (double)peak);
    res_num("participants", (double)counts[0]);
    res_num("matches", (double)counts[1]);
    res_num("reviews", (double)counts[2]);
    if (jans) {
        res_num("nodes", (double)(w.objects + w.arrays + w.strings + w.numbers + w.other));
        res_num("string_bytes", (double)w.string_bytes);
    }
    res_end();
    free(t);
}

/* ---- 3. dense assignment ---- */

static void cmd_dense_gen(char **argv)
{
    size_t n = (size_t)parse_int(argv[0]);
    FILE *f = fopen(argv[1], "wb");
    if (!f)
        die("cannot write %s", argv[1]);
    rng r = rng_new(3 + n);
    int64_t *row = xmalloc(n * sizeof *row);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++)
            row[j] = 400000 + (int64_t)rng_below(&r, 600001); /* a score in millionths */
        if (fwrite(row, sizeof *row, n, f) != n)
            die("cannot write %s", argv[1]);
    }
    free(row);
    if (fclose(f) != 0)
        die("cannot write %s", argv[1]);
    res_begin("dense-gen", "gen");
    res_num("n", (double)n);
    res_end();
}

static void cmd_dense(char **argv)
{
    int runs = parse_int(argv[0]);
    size_t n = (size_t)parse_int(argv[1]), m = n * n;
    FILE *f = fopen(argv[2], "rb");
    int64_t *g = xmalloc(m * sizeof *g);
    if (!f || fread(g, sizeof *g, m, f) != m)
        die("cannot read %s", argv[2]);
    fclose(f);
    itav__edge *edges = xmalloc(m * sizeof *edges);
    int *cap = xmalloc(n * sizeof *cap);
    long *choice = xmalloc(n * sizeof *choice);
    for (size_t c = 0; c < n; c++)
        cap[c] = 1;
    for (size_t e = 0; e < m; e++)
        edges[e] = (itav__edge){(uint32_t)(e / n), (uint32_t)(e % n), g[e]};
    double *t = xcalloc((size_t)runs + 1, sizeof *t);
    for (int r = 0; r <= runs; r++) {
        double t0 = now();
        if (itav__assign_solve(choice, n, n, cap, edges, m) != ITAV_OK)
            die("solver failed");
        t[r] = now() - t0;
    }
    long long total = 0;
    size_t matched = 0;
    for (size_t i = 0; i < n; i++)
        if (choice[i] >= 0) {
            matched++;
            total += g[i * n + (size_t)choice[i]];
        }
    res_begin("dense", "itav");
    res_num("n", (double)n);
    res_times("times", t + 1, runs);
    res_num("warmup", t[0]);
    res_num("total", (double)total);
    res_num("matched", (double)matched);
    res_end();
    free(g);
    free(edges);
    free(cap);
    free(choice);
    free(t);
}

/* ---- 4. sparse assignment ---- */

typedef struct plist {
    itav_participant **v;
    size_t n;
} plist;

static plist load_side(itav_db *db, const char *offer, itav_side side)
{
    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it;
    itav_participant *p;
    plist l = {NULL, 0};
    size_t cap = 0;
    f.offer = offer;
    f.side = side;
    check(db, itav_participant_list(&it, db, &f), "list");
    while (itav_participant_iter_next(&p, it) == ITAV_OK) {
        if (l.n == cap) {
            cap = cap ? 2 * cap : 1024;
            if (!(l.v = realloc(l.v, cap * sizeof *l.v)))
                die("out of memory");
        }
        l.v[l.n++] = p;
    }
    itav_participant_iter_free(it);
    return l;
}

static void plist_free(plist *l)
{
    for (size_t i = 0; i < l->n; i++)
        itav_participant_free(l->v[i]);
    free(l->v);
}

typedef struct elist {
    itav__edge *v;
    size_t n, cap;
} elist;

/* The allowed pairs within the limit that score at least min_score, found through a grid of
 * the supporters (cells of 0.05 x 0.08 degrees), each worth round(score * 1e6) as in
 * itav_match_assign. Written independently of lib/matching/assign.c on purpose. */
static elist candidate_edges(const plist *A, const plist *S, const itav_plan *plan,
                             const itav_match_options *o, double limit_m)
{
    enum { GR = 64, GC = 64 };
    const double lat0 = 50.5, lon0 = 2.8, clat = 0.05, clon = 0.08;
    size_t *start = xcalloc(GR * GC + 1, sizeof *start), *order = xmalloc(S->n * sizeof *order);
    int *cell = xmalloc(S->n * sizeof *cell);
    for (size_t j = 0; j < S->n; j++) {
        double lat, lon;
        if (itav_participant_location(S->v[j], &lat, &lon) != 1)
            die("sparse: every supporter has a place");
        int r = (int)((lat - lat0) / clat), c = (int)((lon - lon0) / clon);
        if (r < 0 || r >= GR || c < 0 || c >= GC)
            die("sparse: outside the grid");
        cell[j] = r * GC + c;
        start[cell[j] + 1]++;
    }
    for (int k = 0; k < GR * GC; k++)
        start[k + 1] += start[k];
    size_t *fill = xmalloc((GR * GC + 1) * sizeof *fill);
    memcpy(fill, start, (GR * GC + 1) * sizeof *fill);
    for (size_t j = 0; j < S->n; j++) /* columns ascending within each cell */
        order[fill[cell[j]]++] = j;
    elist E = {NULL, 0, 0};
    const itav__pair_facts none = {false, false, 0};
    double dlat = limit_m / 6371008.8 * 180 / 3.14159265358979323846 * 1.01 + 1e-6;
    for (size_t i = 0; i < A->n; i++) {
        double lat, lon;
        itav_participant_location(A->v[i], &lat, &lon);
        double dlon = dlat / cos((fabs(lat) + dlat) * 3.14159265358979323846 / 180);
        int r0 = (int)floor((lat - dlat - lat0) / clat), r1 = (int)floor((lat + dlat - lat0) / clat);
        int c0 = (int)floor((lon - dlon - lon0) / clon), c1 = (int)floor((lon + dlon - lon0) / clon);
        for (int r = r0 < 0 ? 0 : r0; r <= r1 && r < GR; r++)
            for (int c = c0 < 0 ? 0 : c0; c <= c1 && c < GC; c++)
                for (size_t k = start[r * GC + c]; k < start[r * GC + c + 1]; k++) {
                    itav_suggestion s = {0};
                    itav__score(&s, A->v[i], S->v[order[k]], plan, &none, o);
                    if (s.excluded != ITAV_CONSTRAINT_NONE || s.score < o->min_score)
                        continue;
                    if (E.n == E.cap) {
                        E.cap = E.cap ? 2 * E.cap : 1 << 16;
                        if (!(E.v = realloc(E.v, E.cap * sizeof *E.v)))
                            die("out of memory");
                    }
                    E.v[E.n++] = (itav__edge){(uint32_t)i, (uint32_t)order[k],
                                              llround(s.score * 1e6)};
                }
    }
    free(start);
    free(order);
    free(cell);
    free(fill);
    return E;
}

static int by_gain_desc(const void *x, const void *y)
{
    const itav__edge *a = x, *b = y;
    if (a->gain != b->gain)
        return a->gain > b->gain ? -1 : 1;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

/* Best pair first: every edge in order of gain, taken when its row is free and its column
 * has room. Sorts a copy; returns the total. */
static long long greedy(const elist *E, size_t nrows, const int *capacity, size_t ncols)
{
    itav__edge *v = xmalloc((E->n + 1) * sizeof *v);
    memcpy(v, E->v, E->n * sizeof *v);
    qsort(v, E->n, sizeof *v, by_gain_desc);
    char *taken = xcalloc(nrows, 1);
    int *room = xmalloc(ncols * sizeof *room);
    memcpy(room, capacity, ncols * sizeof *room);
    long long total = 0;
    for (size_t e = 0; e < E->n; e++)
        if (!taken[v[e].row] && room[v[e].col] > 0) {
            taken[v[e].row] = 1;
            room[v[e].col]--;
            total += v[e].gain;
        }
    free(v);
    free(taken);
    free(room);
    return total;
}

/* Runs the offer "bench"'s dry-run assignment runs + 1 times (the first a warm-up), timing
 * each with clock into t; the peak resident set, the pairs and their total worth of the last
 * run into the rest. The SQLite and PostgreSQL sparse rows share it. */
static void time_assign(itav_db *db, int runs, double (*clock)(void), double *t, long *peak,
                        long long *total, size_t *pairs)
{
    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT;
    opt.as_of = AS_OF;
    for (int r = 0; r <= runs; r++) {
        itav_assignment *as;
        rss_reset();
        double t0 = clock();
        check(db, itav_match_assign(&as, db, "bench", &opt, ITAV_ASSIGN_DRY_RUN, AS_OF),
              "assign");
        t[r] = clock() - t0;
        long p = rss_peak_kb();
        *peak = p > *peak ? p : *peak;
        *pairs = itav_assignment_count(as);
        *total = 0;
        for (size_t i = 0; i < *pairs; i++)
            *total += llround(itav_suggestion_score(itav_assignment_pair(as, i)) * 1e6);
        itav_assignment_free(as);
    }
}

static void cmd_sparse(char **argv)
{
    int n = parse_int(argv[0]), runs = parse_int(argv[1]);
    const char *dir = argv[2];
    long limit = parse_int(argv[3]);
    char path[4096], uri[4200];
    snprintf(path, sizeof path, "%s/sparse.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    remove_db(path);
    person *v = people_make(2 * (size_t)n, (size_t)n, SPREAD_UNIFORM, 4, "s");
    char *csv = people_csv(v, 2 * (size_t)n);
    free(v);
    itav_db *db = open_store(uri);
    make_offer(db, "bench", limit);
    double t0 = now();
    check(db, itav_import_participants_csv_string(db, csv, "bench", "bench"), "import");
    double load = now() - t0;
    free(csv);

    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT; /* as time_assign's */
    opt.as_of = AS_OF;
    double *t = xcalloc((size_t)runs + 1, sizeof *t);
    long peak = 0;
    long long total = 0;
    size_t pairs = 0;
    time_assign(db, runs, now, t, &peak, &total, &pairs);

    /* The same problem built in the bench: solver alone and greedy on identical edges. */
    plist A = load_side(db, "bench", ITAV_SIDE_ASKING), S = load_side(db, "bench",
                                                                      ITAV_SIDE_SUPPORTING);
    itav_plan *plan;
    itav_match_options o;
    check(db, itav_plan_effective(&plan, db, "bench"), "plan");
    check(db, itav__options_resolve(&o, db, &opt), "options");
    elist E = candidate_edges(&A, &S, plan, &o, (double)limit);
    int *cap = xmalloc((S.n + 1) * sizeof *cap);
    long *choice = xmalloc((A.n + 1) * sizeof *choice);
    for (size_t j = 0; j < S.n; j++)
        cap[j] = itav_participant_capacity(S.v[j]);
    double *ts = xcalloc((size_t)runs + 1, sizeof *ts), *tg = xcalloc((size_t)runs + 1, sizeof *tg);
    long long solved = 0, greedy_total = 0;
    for (int r = 0; r <= runs; r++) {
        t0 = now();
        if (itav__assign_solve(choice, A.n, S.n, cap, E.v, E.n) != ITAV_OK)
            die("solver failed");
        ts[r] = now() - t0;
        t0 = now();
        greedy_total = greedy(&E, A.n, cap, S.n);
        tg[r] = now() - t0;
    }
    /* the solver's total: the gain of each row's chosen edge */
    char *seen = xcalloc(A.n + 1, 1);
    size_t solved_pairs = 0;
    for (size_t e = 0; e < E.n; e++)
        if (choice[E.v[e].row] == (long)E.v[e].col && !seen[E.v[e].row]) {
            seen[E.v[e].row] = 1;
            solved += E.v[e].gain;
            solved_pairs++;
        }
    res_begin("sparse", "itav");
    res_num("n", n);
    res_num("limit_m", (double)limit);
    res_num("load_s", load);
    res_times("times", t + 1, runs);
    res_num("warmup", t[0]);
    res_num("peak_kb", (double)peak);
    res_num("pairs", (double)pairs);
    res_num("total", (double)total);
    res_num("edges", (double)E.n);
    res_num("asking", (double)A.n);
    res_times("solver_times", ts + 1, runs);
    res_num("solver_total", (double)solved);
    res_num("solver_pairs", (double)solved_pairs);
    res_times("greedy_times", tg + 1, runs);
    res_num("greedy_total", (double)greedy_total);
    res_end();
    free(seen);
    free(ts);
    free(tg);
    free(t);
    free(cap);
    free(choice);
    free(E.v);
    itav_plan_free(plan);
    plist_free(&A);
    plist_free(&S);
    itav_close(db);
    remove_db(path);
}

/* ---- 5. suggestions ---- */

typedef struct top {
    double score[10];
    char ref[10][ITAV__REF_MAX + 1];
    int n;
} top;

static void top_add(top *k, double score, const char *ref)
{
    int i = k->n;
    while (i > 0 && (k->score[i - 1] < score ||
                     (k->score[i - 1] == score && strcmp(k->ref[i - 1], ref) > 0)))
        i--;
    if (i >= 10)
        return;
    int last = k->n < 10 ? k->n : 9;
    for (int j = last; j > i; j--) {
        k->score[j] = k->score[j - 1];
        memcpy(k->ref[j], k->ref[j - 1], sizeof k->ref[j]);
    }
    k->score[i] = score;
    snprintf(k->ref[i], sizeof k->ref[i], "%s", ref);
    if (k->n < 10)
        k->n++;
}

static bool top_same(const top *a, const top *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++)
        if (a->score[i] != b->score[i] || strcmp(a->ref[i], b->ref[i]) != 0)
            return false;
    return true;
}

static double pct(double *v, int n, double p)
{
    double *c = xmalloc((size_t)n * sizeof *c);
    memcpy(c, v, (size_t)n * sizeof *c);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && c[j - 1] > c[j]; j--) {
            double x = c[j];
            c[j] = c[j - 1];
            c[j - 1] = x;
        }
    int i = (int)ceil(p * n) - 1;
    double r = c[i < 0 ? 0 : i >= n ? n - 1 : i];
    free(c);
    return r;
}

/* The anchor of suggestions: the same supporters (those a suggestion may find, with their
 * coordinates) in a bare SQLite R*Tree beside a table of their references and places, in a
 * file of its own. A query is the box of the distance limit, then the exact distance of each
 * supporter in it, sorted; the 10 nearest are kept. */
typedef struct rtree_anchor {
    sqlite3 *db;
    sqlite3_stmt *box;
    char path[4200];
} rtree_anchor;

static void rtree_build(rtree_anchor *a, const char *dir, const plist *S)
{
    snprintf(a->path, sizeof a->path, "%s/rtree-anchor.db", dir);
    remove_db(a->path);
    a->db = sql_open(a->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sql_exec(a->db, "PRAGMA journal_mode = WAL;"
                    "CREATE TABLE s (id INTEGER PRIMARY KEY, ref TEXT, lat REAL, lon REAL);"
                    "CREATE VIRTUAL TABLE t USING rtree(id, lat0, lat1, lon0, lon1);"
                    "BEGIN");
    sqlite3_stmt *ins_s, *ins_t;
    sqlite3_prepare_v2(a->db, "INSERT INTO s VALUES (?1, ?2, ?3, ?4)", -1, &ins_s, NULL);
    sqlite3_prepare_v2(a->db, "INSERT INTO t VALUES (?1, ?2, ?2, ?3, ?3)", -1, &ins_t, NULL);
    for (size_t i = 0; i < S->n; i++) {
        double lat, lon;
        itav_participant_status st = itav_participant_get_status(S->v[i]);
        if (!itav_participant_location(S->v[i], &lat, &lon) ||
            (st != ITAV_PSTATUS_AVAILABLE && st != ITAV_PSTATUS_MATCHED))
            continue;
        sqlite3_bind_int64(ins_s, 1, (sqlite3_int64)i + 1);
        bind_text(ins_s, 2, itav_participant_ref(S->v[i]));
        sqlite3_bind_double(ins_s, 3, lat);
        sqlite3_bind_double(ins_s, 4, lon);
        sqlite3_bind_int64(ins_t, 1, (sqlite3_int64)i + 1);
        sqlite3_bind_double(ins_t, 2, lat);
        sqlite3_bind_double(ins_t, 3, lon);
        if (sqlite3_step(ins_s) != SQLITE_DONE || sqlite3_step(ins_t) != SQLITE_DONE)
            die("rtree anchor: %s", sqlite3_errmsg(a->db));
        sqlite3_reset(ins_s);
        sqlite3_reset(ins_t);
    }
    sqlite3_finalize(ins_s);
    sqlite3_finalize(ins_t);
    sql_exec(a->db, "COMMIT");
    if (sqlite3_prepare_v2(a->db, "SELECT s.ref, s.lat, s.lon FROM t CROSS JOIN s"
                           " WHERE s.id = t.id AND t.lat1 >= ?1 AND t.lat0 <= ?3"
                           " AND t.lon1 >= ?2 AND t.lon0 <= ?4", -1, &a->box, NULL) != SQLITE_OK)
        die("rtree anchor: %s", sqlite3_errmsg(a->db));
}

typedef struct near {
    double d;
    char ref[ITAV__REF_MAX + 1];
} near;

static int by_distance(const void *x, const void *y)
{
    const near *a = x, *b = y;
    return a->d < b->d ? -1 : a->d > b->d;
}

/* One anchor query around (lat, lon): how many supporters are within the limit. */
static size_t rtree_query(rtree_anchor *a, double lat, double lon, double limit)
{
    itav_box box;
    itav__box_around(&box, lat, lon, limit);
    sqlite3_bind_double(a->box, 1, box.south);
    sqlite3_bind_double(a->box, 2, box.west);
    sqlite3_bind_double(a->box, 3, box.north);
    sqlite3_bind_double(a->box, 4, box.east);
    size_t n = 0, cap = 0;
    near *v = NULL;
    while (sqlite3_step(a->box) == SQLITE_ROW) {
        double d = itav__distance_m(lat, lon, sqlite3_column_double(a->box, 1),
                                    sqlite3_column_double(a->box, 2));
        if (d > limit)
            continue;
        if (n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 256) * sizeof *v)))
            die("out of memory");
        v[n].d = d;
        snprintf(v[n].ref, sizeof v[n].ref, "%s", (const char *)sqlite3_column_text(a->box, 0));
        n++;
    }
    sqlite3_reset(a->box);
    if (n > 1)
        qsort(v, n, sizeof *v, by_distance);
    free(v);
    return n < 10 ? n : 10;
}

static void cmd_suggest(char **argv)
{
    int n = parse_int(argv[0]), q = parse_int(argv[1]), runs = parse_int(argv[2]);
    const char *dir = argv[3];
    char path[4096], uri[4200];
    snprintf(path, sizeof path, "%s/suggest.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    remove_db(path);
    /* Queries are asking participants with a place (the spatial index applies); make a
     * few extra in case some have none. */
    size_t na = (size_t)q + (size_t)q / 5 + 5;
    person *v = people_make(na + (size_t)n, na, SPREAD_CLUSTERED, 5, "q");
    const char **queries = xcalloc((size_t)q, sizeof *queries);
    char (*qref)[24] = xcalloc((size_t)q, sizeof *qref);
    int nq = 0;
    for (size_t i = 0; i < na && nq < q; i++)
        if (v[i].has_location)
            snprintf(qref[nq++], sizeof qref[0], "%s", v[i].ref);
    for (int i = 0; i < nq; i++)
        queries[i] = qref[i];
    char *csv = people_csv(v, na + (size_t)n);
    free(v);
    itav_db *db = open_store(uri);
    make_offer(db, "bench", 10000); /* Buurtgezinnen's 10 km */
    double t0 = now();
    check(db, itav_import_participants_csv_string(db, csv, "bench", "bench"), "import");
    double load = now() - t0;
    free(csv);

    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT, o;
    opt.as_of = AS_OF;
    itav_plan *plan;
    check(db, itav_plan_effective(&plan, db, "bench"), "plan");
    check(db, itav__options_resolve(&o, db, &opt), "options");
    plist S = load_side(db, "bench", ITAV_SIDE_SUPPORTING);
    const itav__pair_facts none = {false, false, 0}; /* no matches in this store */

    rtree_anchor anchor;
    rtree_build(&anchor, dir, &S);
    double *qlat = xcalloc((size_t)nq, sizeof *qlat), *qlon = xcalloc((size_t)nq, sizeof *qlon);
    for (int k = 0; k < nq; k++) {
        itav_participant *asking;
        check(db, itav_participant_get(&asking, db, queries[k]), "get");
        itav_participant_location(asking, &qlat[k], &qlon[k]);
        itav_participant_free(asking);
    }
    double *tr = xcalloc((size_t)nq, sizeof *tr);
    double *p50r = xcalloc((size_t)runs + 1, sizeof *p50r);
    double *p99r = xcalloc((size_t)runs + 1, sizeof *p99r);
    double *ti = xcalloc((size_t)nq, sizeof *ti), *tb = xcalloc((size_t)nq, sizeof *tb);
    double *p50i = xcalloc((size_t)runs + 1, sizeof *p50i), *p99i = xcalloc((size_t)runs + 1, sizeof *p99i);
    double *p50b = xcalloc((size_t)runs + 1, sizeof *p50b), *p99b = xcalloc((size_t)runs + 1, sizeof *p99b);
    int differ = 0;
    size_t found = 0;
    for (int r = 0; r <= runs; r++) {
        found = 0;
        differ = 0;
        for (int k = 0; k < nq; k++) {
            top a = {{0}, {{0}}, 0}, b = {{0}, {{0}}, 0};
            itav_suggestion_iter *it;
            itav_suggestion *s;
            t0 = now();
            check(db, itav_match_suggest(&it, db, queries[k], 10, &opt), "suggest");
            while (itav_suggestion_iter_next(&s, it) == ITAV_OK) {
                top_add(&a, itav_suggestion_score(s), itav_suggestion_supporting(s));
                itav_suggestion_free(s);
            }
            itav_suggestion_iter_free(it);
            ti[k] = now() - t0;
            found += (size_t)a.n;

            t0 = now();
            itav_participant *asking;
            check(db, itav_participant_get(&asking, db, queries[k]), "get");
            for (size_t j = 0; j < S.n; j++) {
                itav_suggestion sc = {0};
                itav__score(&sc, asking, S.v[j], plan, &none, &o);
                if (sc.excluded == ITAV_CONSTRAINT_NONE)
                    top_add(&b, sc.score, itav_participant_ref(S.v[j]));
            }
            itav_participant_free(asking);
            tb[k] = now() - t0;
            differ += !top_same(&a, &b);

            t0 = now();
            rtree_query(&anchor, qlat[k], qlon[k], 10000);
            tr[k] = now() - t0;
        }
        p50r[r] = pct(tr, nq, 0.5);
        p99r[r] = pct(tr, nq, 0.99);
        p50i[r] = pct(ti, nq, 0.5);
        p99i[r] = pct(ti, nq, 0.99);
        p50b[r] = pct(tb, nq, 0.5);
        p99b[r] = pct(tb, nq, 0.99);
    }
    res_begin("suggest", "itav");
    res_num("n", n);
    res_num("queries", nq);
    res_num("load_s", load);
    res_times("p50", p50i + 1, runs);
    res_times("p99", p99i + 1, runs);
    res_times("brute_p50", p50b + 1, runs);
    res_times("brute_p99", p99b + 1, runs);
    res_times("rtree_p50", p50r + 1, runs);
    res_times("rtree_p99", p99r + 1, runs);
    res_num("mean_found", (double)found / (nq ? nq : 1));
    res_num("differ", differ);
    res_end();
    free(ti);
    free(tb);
    free(p50i);
    free(p99i);
    free(p50b);
    free(p99b);
    free(tr);
    free(p50r);
    free(p99r);
    free(qlat);
    free(qlon);
    sqlite3_finalize(anchor.box);
    sqlite3_close(anchor.db);
    remove_db(anchor.path);
    free(queries);
    free(qref);
    plist_free(&S);
    itav_plan_free(plan);
    itav_close(db);
    remove_db(path);
}

/* ---- 6. programme report ---- */

/* The store: participants (a fifth as many as matches, at least 400) in two member offers
 * of a programme, `matches` closed matches, four reviews for each that ran; imported in
 * chunks of 20,000 matches (each chunk one transaction), built once and kept. */
/* A SQLite file with the records of an itav/1 export as JSON text, in a table like the
 * store's: records(kind, key, data). */
static void json_records(const char *export, const char *path)
{
    static const struct {
        const char *member, *kind, *key;
    } kinds[] = {{"participants", "participant", "ref"}, {"matches", "match", "id"},
                 {"reviews", "review", "id"}};
    json_error_t e;
    json_t *root = json_load_file(export, 0, &e);
    if (!root)
        die("%s: %s", export, e.text);
    remove_db(path);
    sqlite3 *db = sql_open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sql_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; CREATE TABLE records "
                 "(kind TEXT, key TEXT, data TEXT, PRIMARY KEY (kind, key)) WITHOUT ROWID; "
                 "BEGIN");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO records VALUES (?1, ?2, ?3)", -1, &st, NULL))
        die("sqlite: %s", sqlite3_errmsg(db));
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        json_t *a = json_object_get(root, kinds[k].member);
        for (size_t i = 0; i < json_array_size(a); i++) {
            json_t *r = json_array_get(a, i);
            char *js = json_dumps(r, JSON_COMPACT | JSON_PRESERVE_ORDER);
            sqlite3_bind_text(st, 1, kinds[k].kind, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, json_string_value(json_object_get(r, kinds[k].key)), -1,
                              SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 3, js, -1, free);
            if (sqlite3_step(st) != SQLITE_DONE)
                die("sqlite: %s", sqlite3_errmsg(db));
            sqlite3_reset(st);
        }
    }
    sqlite3_finalize(st);
    sql_exec(db, "COMMIT");
    sqlite3_close(db);
    json_decref(root);
}

/* The figures' columns as typed tables beside the JSON records (the second anchor: SQL
 * GROUP BY over typed columns, what a hand-made schema would give). Built once, not timed. */
static void typed_tables(const char *json_db)
{
    sqlite3 *db = sql_open(json_db, SQLITE_OPEN_READWRITE);
    sql_exec(db,
             "BEGIN;"
             "CREATE TABLE t_participants (ref TEXT PRIMARY KEY, municipality TEXT);"
             "INSERT INTO t_participants SELECT key, json_extract(data, '$.municipality')"
             " FROM records WHERE kind = 'participant';"
             "CREATE TABLE t_matches (key TEXT PRIMARY KEY, asking TEXT, state TEXT,"
             " started TEXT);"
             "INSERT INTO t_matches SELECT m.key, json_extract(m.data, '$.asking'),"
             " json_extract(m.data, '$.state'), (SELECT substr(min(json_extract(t.value,"
             " '$.date')), 1, 4) FROM json_each(m.data, '$.trail') t WHERE json_extract("
             "t.value, '$.state') IN ('trial', 'active')) FROM records m WHERE m.kind = 'match';"
             "CREATE TABLE t_reviews (key TEXT PRIMARY KEY, kind TEXT, satisfaction INTEGER,"
             " safety INTEGER, formal_help TEXT);"
             "INSERT INTO t_reviews SELECT key, json_extract(data, '$.kind'),"
             " json_extract(data, '$.satisfaction'), json_extract(data, '$.safety_concern'),"
             " json_extract(data, '$.formal_help') FROM records WHERE kind = 'review';"
             "CREATE TABLE t_effects (review TEXT, effect TEXT, score INTEGER);"
             "INSERT INTO t_effects SELECT r.key, e.key, e.value FROM records r,"
             " json_each(r.data, '$.effects') e WHERE r.kind = 'review'"
             " AND json_extract(r.data, '$.kind') = 'final';"
             "COMMIT;");
    sqlite3_close(db);
}

static void cmd_report_build(char **argv)
{
    size_t matches = (size_t)parse_int(argv[0]);
    const char *dir = argv[1];
    char path[4096], tmp[4200], uri[4300], chunk[4200], json_db[4200];
    /* v3: bump when gen.c, the record format or the index values change */
    snprintf(path, sizeof path, "%s/report-v3-%zu.db", dir, matches);
    snprintf(json_db, sizeof json_db, "%s/report-v3-%zu-json.db", dir, matches);
    if (file_size(path) > 0 && file_size(json_db) > 0) {
        res_begin("report-build", "cached");
        res_str("db", path);
        res_str("json_db", json_db);
        res_end();
        return;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    snprintf(uri, sizeof uri, "sqlite:%s", tmp);
    snprintf(chunk, sizeof chunk, "%s/report-chunk.json", dir);
    remove_db(tmp);
    dataset d = {matches / 5 < 400 ? 400 : matches / 5, matches, 6};
    itav_db *db = open_store(uri);
    double t0 = now();
    size_t reviews = 0;
    for (size_t m0 = 0, first = 1; first || m0 < matches; first = 0) {
        size_t m1 = first ? 0 : (m0 + 20000 < matches ? m0 + 20000 : matches);
        FILE *f = fopen(chunk, "wb");
        if (!f)
            die("cannot write %s", chunk);
        reviews += dataset_write(f, &d, first ? 'C' : 'M', m0, m1);
        if (fclose(f) != 0)
            die("cannot write %s", chunk);
        check(db, itav_import_json_file(db, chunk), "import");
        if (!first)
            m0 = m1;
    }
    /* The records as JSON text, as libitav 0.3.0 stored them, for SQLite's JSON functions. */
    check(db, itav_export_json_file(db, chunk), "export");
    itav_close(db);
    json_records(chunk, json_db);
    typed_tables(json_db);
    unlink(chunk);
    if (rename(tmp, path) != 0)
        die("cannot rename %s", tmp);
    res_begin("report-build", "built");
    res_str("db", path);
    res_str("json_db", json_db);
    res_num("seconds", now() - t0);
    res_num("reviews", (double)reviews);
    res_end();
}

/* Figures as "table/row/column": the cells both sides compute. */
static void figure(const char *table, const char *row, const char *col, double v)
{
    add(&out, "%s\"%s/%s/%s\": %.17g", out.s[out.n - 1] == '{' ? "" : ", ", table, row, col, v);
}

static void report_figures(const itav_report *r)
{
    static const char *const tables[] = {"matches_by_state", "matches_started", "reviews",
                                         "effects", "formal_help"};
    for (size_t k = 0; k < sizeof tables / sizeof *tables; k++) {
        size_t t = itav_report_table_find(r, tables[k]);
        if (t == (size_t)-1)
            die("report has no table %s", tables[k]);
        for (size_t row = 0; row < itav_report_row_count(r, t); row++)
            for (size_t c = 1; c < itav_report_column_count(r, t); c++) {
                double v;
                if (itav_report_cell_value(&v, r, t, row, c) == ITAV_OK)
                    figure(tables[k], itav_report_cell(r, t, row, 0), itav_report_column(r, t, c),
                           v);
            }
    }
}

typedef struct sqlq {
    const char *table, *col, *sql; /* sql gives (row label, value) */
} sqlq;

/* The same figures by SQL GROUP BY over the typed tables of typed_tables(). */
static const sqlq report_typed_sql[] = {
    {"matches_by_state", "matches", "SELECT state, count(*) FROM t_matches GROUP BY 1"},
    {"reviews", "reviews", "SELECT kind, count(*) FROM t_reviews GROUP BY 1"},
    {"reviews", "with a mark", "SELECT kind, count(satisfaction) FROM t_reviews GROUP BY 1"},
    {"reviews", "mean mark", "SELECT kind, round(avg(satisfaction), 2) FROM t_reviews GROUP BY 1"},
    {"reviews", "safety concerns",
     "SELECT kind, sum(coalesce(safety, 0)) FROM t_reviews GROUP BY 1"},
    {"effects", "scored", "SELECT effect, count(*) FROM t_effects GROUP BY 1"},
    {"effects", "mean score", "SELECT effect, round(avg(score), 2) FROM t_effects GROUP BY 1"},
    {"formal_help", "final reviews",
     "SELECT coalesce(formal_help, 'not_recorded'), count(*) FROM t_reviews"
     " WHERE kind = 'final' GROUP BY 1"},
    {"matches_started", NULL,
     "SELECT coalesce(p.municipality, 'not known'), m.started, count(*) FROM t_matches m"
     " JOIN t_participants p ON p.ref = m.asking WHERE m.started IS NOT NULL GROUP BY 1, 2"},
};

/* The same figures straight from the store's records with SQLite's JSON functions. */
static const sqlq report_sql[] = {
    {"matches_by_state", "matches",
     "SELECT json_extract(data, '$.state'), count(*) FROM records WHERE kind = 'match' "
     "GROUP BY 1"},
    {"reviews", "reviews",
     "SELECT json_extract(data, '$.kind'), count(*) FROM records WHERE kind = 'review' "
     "GROUP BY 1"},
    {"reviews", "with a mark",
     "SELECT json_extract(data, '$.kind'), count(json_extract(data, '$.satisfaction')) "
     "FROM records WHERE kind = 'review' GROUP BY 1"},
    {"reviews", "mean mark",
     "SELECT json_extract(data, '$.kind'), round(avg(json_extract(data, '$.satisfaction')), 2) "
     "FROM records WHERE kind = 'review' GROUP BY 1"},
    {"reviews", "safety concerns",
     "SELECT json_extract(data, '$.kind'), sum(coalesce(json_extract(data, '$.safety_concern'), "
     "0)) FROM records WHERE kind = 'review' GROUP BY 1"},
    {"effects", "scored",
     "SELECT e.key, count(*) FROM records r, json_each(r.data, '$.effects') e "
     "WHERE r.kind = 'review' AND json_extract(r.data, '$.kind') = 'final' GROUP BY 1"},
    {"effects", "mean score",
     "SELECT e.key, round(avg(e.value), 2) FROM records r, json_each(r.data, '$.effects') e "
     "WHERE r.kind = 'review' AND json_extract(r.data, '$.kind') = 'final' GROUP BY 1"},
    {"formal_help", "final reviews",
     "SELECT coalesce(json_extract(data, '$.formal_help'), 'not_recorded'), count(*) "
     "FROM records WHERE kind = 'review' AND json_extract(data, '$.kind') = 'final' GROUP BY 1"},
    {"matches_started", NULL, /* the column is the year: rows are (place, year, count) */
     "SELECT coalesce(json_extract(p.data, '$.municipality'), 'not known'), s.year, count(*) "
     "FROM (SELECT json_extract(data, '$.asking') AS asking, (SELECT substr(min(json_extract("
     "t.value, '$.date')), 1, 4) FROM json_each(m.data, '$.trail') t WHERE json_extract("
     "t.value, '$.state') IN ('trial', 'active')) AS year FROM records m WHERE m.kind = "
     "'match') s JOIN records p ON p.kind = 'participant' AND p.key = s.asking "
     "WHERE s.year IS NOT NULL GROUP BY 1, 2"},
};

static void sql_figures(sqlite3 *db, const sqlq *queries, size_t nq, bool emit)
{
    for (size_t q = 0; q < nq; q++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, queries[q].sql, -1, &st, NULL) != SQLITE_OK)
            die("sqlite: %s", sqlite3_errmsg(db));
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *row = (const char *)sqlite3_column_text(st, 0);
            if (!emit)
                continue;
            if (queries[q].col)
                figure(queries[q].table, row, queries[q].col, sqlite3_column_double(st, 1));
            else
                figure(queries[q].table, row, (const char *)sqlite3_column_text(st, 1),
                       sqlite3_column_double(st, 2));
        }
        if (rc != SQLITE_DONE)
            die("sqlite: %s", sqlite3_errmsg(db));
        sqlite3_finalize(st);
    }
}

/* ---- 0. the stored record format ---- */

typedef struct records {
    unsigned char **data;
    size_t *size, n, cap, bytes;
} records;

static int keep_record(void *arg, const char *key, const void *data, size_t size)
{
    (void)key;
    records *r = arg;
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 1024;
        r->data = realloc(r->data, r->cap * sizeof *r->data);
        r->size = realloc(r->size, r->cap * sizeof *r->size);
        if (!r->data || !r->size)
            die("out of memory");
    }
    r->data[r->n] = xmalloc(size);
    memcpy(r->data[r->n], data, size);
    r->size[r->n++] = size;
    r->bytes += size;
    return 0;
}

#ifdef BENCH_MSGPACK
/* CBOR items to the same MessagePack items (the record format uses arrays, integers, text,
 * doubles, booleans and null only), for the msgpack-c comparison. */
typedef struct transcode {
    msgpack_packer *pk;
} transcode;
static void tc_uint(void *c, uint64_t v) { msgpack_pack_uint64(((transcode *)c)->pk, v); }
static void tc_uint8(void *c, uint8_t v) { tc_uint(c, v); }
static void tc_uint16(void *c, uint16_t v) { tc_uint(c, v); }
static void tc_uint32(void *c, uint32_t v) { tc_uint(c, v); }
static void tc_neg(void *c, uint64_t v) { msgpack_pack_int64(((transcode *)c)->pk, -1 - (int64_t)v); }
static void tc_neg8(void *c, uint8_t v) { tc_neg(c, v); }
static void tc_neg16(void *c, uint16_t v) { tc_neg(c, v); }
static void tc_neg32(void *c, uint32_t v) { tc_neg(c, v); }
static void tc_text(void *c, cbor_data s, size_t n)
{
    msgpack_pack_str(((transcode *)c)->pk, n);
    msgpack_pack_str_body(((transcode *)c)->pk, s, n);
}
static void tc_array(void *c, size_t n) { msgpack_pack_array(((transcode *)c)->pk, n); }
static void tc_null(void *c) { msgpack_pack_nil(((transcode *)c)->pk); }
static void tc_bool(void *c, bool b)
{
    if (b)
        msgpack_pack_true(((transcode *)c)->pk);
    else
        msgpack_pack_false(((transcode *)c)->pk);
}
static void tc_double(void *c, double d) { msgpack_pack_double(((transcode *)c)->pk, d); }

static void to_msgpack(msgpack_sbuffer *buf, const unsigned char *p, size_t n)
{
    struct cbor_callbacks cb = cbor_empty_callbacks;
    cb.uint8 = tc_uint8, cb.uint16 = tc_uint16, cb.uint32 = tc_uint32, cb.uint64 = tc_uint;
    cb.negint8 = tc_neg8, cb.negint16 = tc_neg16, cb.negint32 = tc_neg32, cb.negint64 = tc_neg;
    cb.string = tc_text, cb.array_start = tc_array, cb.null = tc_null, cb.boolean = tc_bool;
    cb.float8 = tc_double;
    msgpack_packer pk;
    msgpack_packer_init(&pk, buf, msgpack_sbuffer_write);
    transcode c = {&pk};
    while (n) {
        struct cbor_decoder_result r = cbor_stream_decode(p, n, &cb, &c);
        if (r.status != CBOR_DECODER_FINISHED)
            die("transcoding a record failed");
        p += r.read, n -= r.read;
    }
}

/* Nanoseconds per record: each record decoded into its struct and freed, RUNS times over. */
static double decode_ns(const records *r, int runs, bool review)
{
    char err[256];
    double t0 = now();
    for (int k = 0; k < runs; k++)
        for (size_t i = 0; i < r->n; i++) {
            int rc;
            if (review) {
                itav_review *o;
                rc = itav__review_decode(&o, NULL, r->data[i], r->size[i], err, sizeof err);
                if (rc == 0)
                    itav_review_free(o);
            } else {
                itav_participant *o;
                rc = itav__participant_decode(&o, NULL, r->data[i], r->size[i], err, sizeof err);
                if (rc == 0)
                    itav_participant_free(o);
            }
            if (rc)
                die("decode: %s", err);
        }
    return (now() - t0) * 1e9 / ((double)runs * (double)r->n);
}

/* The same records as MessagePack, unpacked by msgpack-c into its object tree (in a zone). */
static double msgpack_ns(const records *r, int runs, double *bytes)
{
    msgpack_sbuffer *bufs = xcalloc(r->n, sizeof *bufs);
    *bytes = 0;
    for (size_t i = 0; i < r->n; i++) {
        msgpack_sbuffer_init(&bufs[i]);
        to_msgpack(&bufs[i], r->data[i], r->size[i]);
        *bytes += (double)bufs[i].size;
    }
    *bytes /= (double)r->n;
    msgpack_zone zone;
    msgpack_zone_init(&zone, 2048);
    double t0 = now();
    for (int k = 0; k < runs; k++)
        for (size_t i = 0; i < r->n; i++) {
            msgpack_object obj;
            size_t off = 0;
            if (msgpack_unpack(bufs[i].data, bufs[i].size, &off, &zone, &obj) !=
                MSGPACK_UNPACK_SUCCESS)
                die("msgpack unpack failed");
            msgpack_zone_clear(&zone);
        }
    double ns = (now() - t0) * 1e9 / ((double)runs * (double)r->n);
    msgpack_zone_destroy(&zone);
    for (size_t i = 0; i < r->n; i++)
        msgpack_sbuffer_destroy(&bufs[i]);
    free(bufs);
    return ns;
}
#else
static double msgpack_ns(const records *r, int runs, double *bytes)
{
    (void)r, (void)runs;
    *bytes = 0;
    return 0; /* not built: bench/run says so */
}
#endif

static void records_free(records *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->data[i]);
    free(r->data);
    free(r->size);
}

static void cmd_codec(char **argv)
{
    size_t n = (size_t)parse_int(argv[0]);
    int runs = parse_int(argv[1]);
    const char *dir = argv[2];
    char path[4096];
    /* the participants of the bulk workload, and the reviews of a generated dataset */
    person *v = people_make(n, n / 2, SPREAD_CLUSTERED, 1, "p");
    char *csv = people_csv(v, n);
    itav_db *db = open_store("memory:");
    make_offer(db, "bench", 0);
    check(db, itav_import_participants_csv_string(db, csv, "bench", "bench"), "import");
    records parts = {0}, reviews = {0};
    check(db, itav__scan(db, ITAV__KIND_PARTICIPANT, ITAV_SCAN_ALL, NULL, keep_record, &parts),
          "scan");
    itav_close(db);
    snprintf(path, sizeof path, "%s/codec-dataset.json", dir);
    FILE *f = fopen(path, "wb");
    dataset d = {n / 4 < 400 ? 400 : n / 4, n / 4 < 200 ? 200 : n / 4, 5};
    if (!f)
        die("cannot write %s", path);
    dataset_write(f, &d, 'A', 0, 0);
    fclose(f);
    db = open_store("memory:");
    check(db, itav_import_json_file(db, path), "import");
    check(db, itav__scan(db, ITAV__KIND_REVIEW, ITAV_SCAN_ALL, NULL, keep_record, &reviews),
          "scan");
    itav_close(db);
    unlink(path);
    /* the anchor's row: the same participants in typed columns, file bytes per row */
    snprintf(path, sizeof path, "%s/codec-anchor.db", dir);
    remove_db(path);
    sqlite3 *s = sql_open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sql_exec(s, store_pragmas);
    sql_exec(s, anchor_schema);
    anchor_insert(s, v, n);
    sqlite3_close(s);
    double row = (double)file_size(path) / (double)n;
    remove_db(path);
    decode_ns(&parts, 1, false); /* warm-up */
    double part_ns = decode_ns(&parts, runs, false), review_ns = decode_ns(&reviews, runs, true);
    double mp_bytes, mp_ns = msgpack_ns(&parts, runs, &mp_bytes);
    res_begin("codec", "itav");
    res_num("participants", (double)parts.n);
    res_num("reviews", (double)reviews.n);
    res_num("participant_ns", part_ns);
    res_num("review_ns", review_ns);
    res_num("participant_bytes", (double)parts.bytes / (double)parts.n);
    res_num("review_bytes", (double)reviews.bytes / (double)reviews.n);
    res_num("anchor_row_bytes", row);
    res_num("msgpack_participant_ns", mp_ns);
    res_num("msgpack_participant_bytes", mp_bytes);
    res_end();
    records_free(&parts);
    records_free(&reviews);
    free(csv);
    free(v);
}

static void cmd_report(char **argv)
{
    const char *side = argv[0], *path = argv[2];
    int runs = parse_int(argv[1]);
    /* audited: the report as it would be published, k = 5 with the audit and its repair
     * (the itav side runs at k = 1, where nothing is hidden and the audit has nothing to do) */
    bool audited = strcmp(side, "audited") == 0;
    bool itav = audited || strcmp(side, "itav") == 0, typed = strcmp(side, "typed") == 0;
    if (!itav && !typed && strcmp(side, "sql") != 0)
        die("report: side is itav, audited, sql (json_extract) or typed (typed tables)");
    double *t = xcalloc((size_t)runs + 1, sizeof *t);
    long peak = 0;
    size_t bytes = 0;
    text figs = {NULL, 0, 0};
    char uri[4200];
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    itav_db *db = itav ? open_store(uri) : NULL;
    sqlite3 *sdb = itav ? NULL : sql_open(path, SQLITE_OPEN_READONLY);
    itav_report_options ro = ITAV_REPORT_OPTIONS_INIT;
    ro.k = 1; /* suppress nothing, so that every figure can be compared */
    if (audited) {
        ro.k = 5;
        ro.publish = 1; /* refused (and the run fails) unless the audit passes */
    }
    for (int r = 0; r <= runs; r++) {
        rss_reset();
        double t0 = now();
        if (itav) {
            itav_report *rep;
            char *doc;
            check(db, itav_report_programme(&rep, db, PROGRAMME_OFFER, &ro), "report");
            check(db, itav_report_write(&doc, rep, ITAV_REPORT_JSON), "report");
            t[r] = now() - t0;
            bytes = strlen(doc);
            itav_free(doc);
            if (r == runs) {
                text keep = out;
                out = figs;
                add(&out, "{");
                report_figures(rep);
                add(&out, "}");
                figs = out;
                out = keep;
            }
            itav_report_free(rep);
        } else {
            bool last = r == runs;
            text keep = out;
            out = figs;
            out.n = 0;
            add(&out, "{");
            if (typed)
                sql_figures(sdb, report_typed_sql,
                            sizeof report_typed_sql / sizeof *report_typed_sql, last);
            else
                sql_figures(sdb, report_sql, sizeof report_sql / sizeof *report_sql, last);
            add(&out, "}");
            figs = out;
            out = keep;
            t[r] = now() - t0;
        }
        long p = rss_peak_kb();
        peak = p > peak ? p : peak;
    }
    long reviews = count_rows(path, "SELECT count(*) FROM records WHERE kind = 'review'");
    res_begin("report", side);
    res_times("times", t + 1, runs);
    res_num("warmup", t[0]);
    res_num("peak_kb", (double)peak);
    res_num("reviews", (double)reviews);
    res_num("report_bytes", (double)bytes);
    add(&out, ", \"figures\": %s", figs.s);
    res_end();
    text_free(&figs);
    free(t);
    itav_close(db);
    if (sdb)
        sqlite3_close(sdb);
}

/* ---- 7. the same on PostgreSQL (issue 13, Speed) ----
 *
 *   pg-suggest N QUERIES RUNS CLIENTS BASE   suggestions among N supporters on a PostgreSQL
 *                                            store; the same box queries straight through
 *                                            SQL on the store's GiST index; then CLIENTS
 *                                            processes at once, both ways (throughput)
 *   pg-sparse N RUNS BASE LIMIT_M            the sparse assignment (dry run) on PostgreSQL
 *   pg-report MATCHES RUNS BASE DIR          the programme report's store built on
 *                                            PostgreSQL, and the report on it
 *
 * BASE is a libpq URI of a server where the user may create schemas ("postgresql://" takes
 * the PG* variables); each command makes a schema of its own and drops it. Times are always
 * wall-clock here: the server's work happens in another process, which a CPU clock of this
 * one would leave out. */
#ifdef BENCH_POSTGRES
#include <libpq-fe.h>
#include <sys/wait.h>
#include <time.h>

static double wall(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static PGconn *pg_connect(const char *uri)
{
    PGconn *c = PQconnectdb(uri);
    if (PQstatus(c) != CONNECTION_OK)
        die("postgresql: %s", PQerrorMessage(c));
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    return c;
}

static void pg_exec(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        die("postgresql: %s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
}

/* A new schema for one workload: its name and the URI of a store in it. */
static void pg_schema(PGconn *admin, const char *base, const char *what, char *schema,
                      char *uri, size_t usize)
{
    char sql[200];
    snprintf(schema, 64, "itav_bench_%s_%ld", what, (long)getpid());
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema,
             schema);
    pg_exec(admin, sql);
    snprintf(uri, usize, "%s%soptions=-csearch_path%%3D%s", base, strchr(base, '?') ? "&" : "?",
             schema);
}

static void pg_drop(PGconn *admin, const char *schema)
{
    char sql[128];
    snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
    pg_exec(admin, sql);
}

/* The anchor: the box of the distance limit straight through SQL on the store's table and
 * its GiST index of places, then the exact distance of each participant in it, sorted, the
 * 10 nearest kept (as the SQLite R*Tree anchor does). */
static void sql_prepare_box(PGconn *c, const char *schema)
{
    char sql[400];
    snprintf(sql, sizeof sql, "SELECT key, place[1], place[0] FROM %s.itav_records WHERE kind ="
             " 'participant' AND place <@ box(point($2::float8, $1::float8), point($4::float8,"
             " $3::float8))", schema);
    PGresult *r = PQprepare(c, "box", sql, 4, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        die("postgresql: %s", PQresultErrorMessage(r));
    PQclear(r);
}

static size_t sql_query(PGconn *c, double lat, double lon, double limit)
{
    itav_box box;
    char p[4][32];
    itav__box_around(&box, lat, lon, limit);
    snprintf(p[0], 32, "%.17g", box.south);
    snprintf(p[1], 32, "%.17g", box.west);
    snprintf(p[2], 32, "%.17g", box.north);
    snprintf(p[3], 32, "%.17g", box.east);
    const char *values[] = {p[0], p[1], p[2], p[3]};
    PGresult *r = PQexecPrepared(c, "box", 4, values, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        die("postgresql: %s", PQresultErrorMessage(r));
    size_t n = 0, rows = (size_t)PQntuples(r);
    near *v = xcalloc(rows + 1, sizeof *v);
    for (size_t i = 0; i < rows; i++) {
        double d = itav__distance_m(lat, lon, atof(PQgetvalue(r, (int)i, 1)),
                                    atof(PQgetvalue(r, (int)i, 2)));
        if (d > limit)
            continue;
        v[n].d = d;
        snprintf(v[n].ref, sizeof v[n].ref, "%s", PQgetvalue(r, (int)i, 0));
        n++;
    }
    PQclear(r);
    if (n > 1)
        qsort(v, n, sizeof *v, by_distance);
    free(v);
    return n < 10 ? n : 10;
}

/* CLIENTS processes released at once, each running every query on a connection of its own
 * (itav: a store of its own; sql: the anchor's query); the queries per second of all of
 * them together, and the latencies each saw. */
static void concurrent(const char *uri, const char *schema, bool itav, int clients,
                       const char (*qref)[24], const double *qlat, const double *qlon, int nq,
                       double *qps, double *p50, double *p99)
{
    int gate[2];
    int (*back)[2] = xcalloc((size_t)clients, sizeof *back);
    pid_t *pid = xcalloc((size_t)clients, sizeof *pid);
    if (pipe(gate) != 0)
        die("pipe");
    for (int c = 0; c < clients; c++) {
        if (pipe(back[c]) != 0)
            die("pipe");
        fflush(NULL);
        pid[c] = fork();
        if (pid[c] < 0)
            die("fork");
        if (pid[c] == 0) {
            itav_db *db = NULL;
            PGconn *conn = NULL;
            itav_match_options opt = ITAV_MATCH_OPTIONS_INIT;
            opt.as_of = AS_OF;
            char ch;
            close(gate[1]);
            close(back[c][0]);
            if (itav)
                db = open_store(uri);
            else {
                conn = pg_connect(uri);
                sql_prepare_box(conn, schema);
            }
            double *t = xcalloc((size_t)nq, sizeof *t);
            if (read(gate[0], &ch, 1) < 0)
                _exit(2);
            for (int k = 0; k < nq; k++) {
                int q = (k + c * 7) % nq; /* the clients start at different queries */
                double t0 = wall();
                if (itav) {
                    itav_suggestion_iter *it;
                    itav_suggestion *s;
                    check(db, itav_match_suggest(&it, db, qref[q], 10, &opt), "suggest");
                    while (itav_suggestion_iter_next(&s, it) == ITAV_OK)
                        itav_suggestion_free(s);
                    itav_suggestion_iter_free(it);
                } else {
                    sql_query(conn, qlat[q], qlon[q], 10000);
                }
                t[k] = wall() - t0;
            }
            size_t bytes = (size_t)nq * sizeof *t;
            if (write(back[c][1], t, bytes) != (ssize_t)bytes)
                _exit(2);
            itav_close(db);
            PQfinish(conn);
            _exit(0);
        }
        close(back[c][1]);
    }
    close(gate[0]);
    double *all = xcalloc((size_t)clients * (size_t)nq, sizeof *all);
    nanosleep(&(struct timespec){0, 300000000}, NULL); /* they connect */
    double t0 = wall();
    close(gate[1]);
    for (int c = 0; c < clients; c++) {
        size_t want = (size_t)nq * sizeof *all, got = 0;
        while (got < want) {
            ssize_t n = read(back[c][0], (char *)(all + (size_t)c * (size_t)nq) + got,
                             want - got);
            if (n <= 0)
                die("client %d of %s failed", c, itav ? "itav" : "sql");
            got += (size_t)n;
        }
        close(back[c][0]);
    }
    double took = wall() - t0;
    for (int c = 0; c < clients; c++) {
        int st;
        if (waitpid(pid[c], &st, 0) != pid[c] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            die("client %d of %s failed", c, itav ? "itav" : "sql");
    }
    *qps = (double)clients * nq / took;
    *p50 = pct(all, clients * nq, 0.5);
    *p99 = pct(all, clients * nq, 0.99);
    free(all);
    free(back);
    free(pid);
}

static void cmd_pg_suggest(char **argv)
{
    int n = parse_int(argv[0]), q = parse_int(argv[1]), runs = parse_int(argv[2]);
    int clients = parse_int(argv[3]);
    const char *base = argv[4];
    char schema[64], uri[4200];
    PGconn *admin = pg_connect(base);
    pg_schema(admin, base, "suggest", schema, uri, sizeof uri);
    /* the people of the SQLite workload (the same seed) */
    size_t na = (size_t)q + (size_t)q / 5 + 5;
    person *v = people_make(na + (size_t)n, na, SPREAD_CLUSTERED, 5, "q");
    char (*qref)[24] = xcalloc((size_t)q + 1, sizeof *qref);
    int nq = 0;
    for (size_t i = 0; i < na && nq < q; i++)
        if (v[i].has_location)
            snprintf(qref[nq++], sizeof qref[0], "%s", v[i].ref);
    char *csv = people_csv(v, na + (size_t)n);
    free(v);
    itav_db *db = open_store(uri);
    make_offer(db, "bench", 10000);
    double t0 = wall();
    check(db, itav_import_participants_csv_string(db, csv, "bench", "bench"), "import");
    double load = wall() - t0;
    free(csv);
    pg_exec(admin, "ANALYZE"); /* as autovacuum would after a load this size */

    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT, o;
    opt.as_of = AS_OF;
    itav_plan *plan;
    check(db, itav_plan_effective(&plan, db, "bench"), "plan");
    check(db, itav__options_resolve(&o, db, &opt), "options");
    plist S = load_side(db, "bench", ITAV_SIDE_SUPPORTING);
    const itav__pair_facts none = {false, false, 0};
    PGconn *anchor = pg_connect(uri);
    sql_prepare_box(anchor, schema);
    double *qlat = xcalloc((size_t)nq + 1, sizeof *qlat);
    double *qlon = xcalloc((size_t)nq + 1, sizeof *qlon);
    for (int k = 0; k < nq; k++) {
        itav_participant *asking;
        check(db, itav_participant_get(&asking, db, qref[k]), "get");
        itav_participant_location(asking, &qlat[k], &qlon[k]);
        itav_participant_free(asking);
    }
    double *ti = xcalloc((size_t)nq + 1, sizeof *ti), *ts = xcalloc((size_t)nq + 1, sizeof *ts);
    double *p50i = xcalloc((size_t)runs + 1, sizeof *p50i);
    double *p99i = xcalloc((size_t)runs + 1, sizeof *p99i);
    double *p50s = xcalloc((size_t)runs + 1, sizeof *p50s);
    double *p99s = xcalloc((size_t)runs + 1, sizeof *p99s);
    int differ = 0;
    size_t found = 0;
    for (int r = 0; r <= runs; r++) {
        found = 0;
        for (int k = 0; k < nq; k++) {
            top a = {{0}, {{0}}, 0}, b = {{0}, {{0}}, 0};
            itav_suggestion_iter *it;
            itav_suggestion *s;
            t0 = wall();
            check(db, itav_match_suggest(&it, db, qref[k], 10, &opt), "suggest");
            while (itav_suggestion_iter_next(&s, it) == ITAV_OK) {
                top_add(&a, itav_suggestion_score(s), itav_suggestion_supporting(s));
                itav_suggestion_free(s);
            }
            itav_suggestion_iter_free(it);
            ti[k] = wall() - t0;
            found += (size_t)a.n;
            t0 = wall();
            sql_query(anchor, qlat[k], qlon[k], 10000);
            ts[k] = wall() - t0;
            if (r == 0) { /* the top 10 against a brute-force scan in memory, once */
                itav_participant *asking;
                check(db, itav_participant_get(&asking, db, qref[k]), "get");
                for (size_t j = 0; j < S.n; j++) {
                    itav_suggestion sc = {0};
                    itav__score(&sc, asking, S.v[j], plan, &none, &o);
                    if (sc.excluded == ITAV_CONSTRAINT_NONE)
                        top_add(&b, sc.score, itav_participant_ref(S.v[j]));
                }
                itav_participant_free(asking);
                differ += !top_same(&a, &b);
            }
        }
        p50i[r] = pct(ti, nq, 0.5);
        p99i[r] = pct(ti, nq, 0.99);
        p50s[r] = pct(ts, nq, 0.5);
        p99s[r] = pct(ts, nq, 0.99);
    }
    double qps, c50, c99, sqps, s50, s99;
    concurrent(uri, schema, true, clients, (const char (*)[24])qref, qlat, qlon, nq, &qps, &c50,
               &c99);
    concurrent(uri, schema, false, clients, (const char (*)[24])qref, qlat, qlon, nq, &sqps,
               &s50, &s99);
    res_begin("pg-suggest", "itav");
    res_num("n", n);
    res_num("queries", nq);
    res_num("clients", clients);
    res_num("load_s", load);
    res_times("p50", p50i + 1, runs);
    res_times("p99", p99i + 1, runs);
    res_times("sql_p50", p50s + 1, runs);
    res_times("sql_p99", p99s + 1, runs);
    res_num("mean_found", (double)found / (nq ? nq : 1));
    res_num("differ", differ);
    res_num("conc_qps", qps);
    res_num("conc_p50", c50);
    res_num("conc_p99", c99);
    res_num("sql_conc_qps", sqps);
    res_num("sql_conc_p50", s50);
    res_num("sql_conc_p99", s99);
    res_num("cores", (double)sysconf(_SC_NPROCESSORS_ONLN));
    res_end();
    free(ti);
    free(ts);
    free(p50i);
    free(p99i);
    free(p50s);
    free(p99s);
    free(qlat);
    free(qlon);
    free(qref);
    PQfinish(anchor);
    plist_free(&S);
    itav_plan_free(plan);
    itav_close(db);
    pg_drop(admin, schema);
    PQfinish(admin);
}

static void cmd_pg_sparse(char **argv)
{
    int n = parse_int(argv[0]), runs = parse_int(argv[1]);
    const char *base = argv[2];
    long limit = parse_int(argv[3]);
    char schema[64], uri[4200];
    PGconn *admin = pg_connect(base);
    pg_schema(admin, base, "sparse", schema, uri, sizeof uri);
    person *v = people_make(2 * (size_t)n, (size_t)n, SPREAD_UNIFORM, 4, "s");
    char *csv = people_csv(v, 2 * (size_t)n);
    free(v);
    itav_db *db = open_store(uri);
    make_offer(db, "bench", limit);
    double t0 = wall();
    check(db, itav_import_participants_csv_string(db, csv, "bench", "bench"), "import");
    double load = wall() - t0;
    free(csv);
    pg_exec(admin, "ANALYZE");
    double *t = xcalloc((size_t)runs + 1, sizeof *t);
    long peak = 0;
    long long total = 0;
    size_t pairs = 0;
    time_assign(db, runs, wall, t, &peak, &total, &pairs);
    res_begin("pg-sparse", "itav");
    res_num("n", n);
    res_num("load_s", load);
    res_times("times", t + 1, runs);
    res_num("warmup", t[0]);
    res_num("peak_kb", (double)peak);
    res_num("pairs", (double)pairs);
    res_num("total", (double)total);
    res_end();
    free(t);
    itav_close(db);
    pg_drop(admin, schema);
    PQfinish(admin);
}

static void cmd_pg_report(char **argv)
{
    size_t matches = (size_t)parse_int(argv[0]);
    int runs = parse_int(argv[1]);
    const char *base = argv[2], *dir = argv[3];
    char schema[64], uri[4200], chunk[4200];
    PGconn *admin = pg_connect(base);
    pg_schema(admin, base, "report", schema, uri, sizeof uri);
    snprintf(chunk, sizeof chunk, "%s/pg-report-chunk.json", dir);
    /* the store of the SQLite workload (report-build), built the same way */
    dataset d = {matches / 5 < 400 ? 400 : matches / 5, matches, 6};
    itav_db *db = open_store(uri);
    double t0 = wall();
    for (size_t m0 = 0, first = 1; first || m0 < matches; first = 0) {
        size_t m1 = first ? 0 : (m0 + 20000 < matches ? m0 + 20000 : matches);
        FILE *f = fopen(chunk, "wb");
        if (!f)
            die("cannot write %s", chunk);
        dataset_write(f, &d, first ? 'C' : 'M', m0, m1);
        if (fclose(f) != 0)
            die("cannot write %s", chunk);
        check(db, itav_import_json_file(db, chunk), "import");
        if (!first)
            m0 = m1;
    }
    unlink(chunk);
    double build = wall() - t0;
    pg_exec(admin, "ANALYZE");
    double *t = xcalloc((size_t)runs + 1, sizeof *t);
    long peak = 0;
    size_t bytes = 0;
    text figs = {NULL, 0, 0};
    itav_report_options ro = ITAV_REPORT_OPTIONS_INIT;
    ro.k = 1;
    for (int r = 0; r <= runs; r++) {
        itav_report *rep;
        char *doc;
        rss_reset();
        t0 = wall();
        check(db, itav_report_programme(&rep, db, PROGRAMME_OFFER, &ro), "report");
        check(db, itav_report_write(&doc, rep, ITAV_REPORT_JSON), "report");
        t[r] = wall() - t0;
        long p = rss_peak_kb();
        peak = p > peak ? p : peak;
        bytes = strlen(doc);
        itav_free(doc);
        if (r == runs) {
            text keep = out;
            out = figs;
            add(&out, "{");
            report_figures(rep);
            add(&out, "}");
            figs = out;
            out = keep;
        }
        itav_report_free(rep);
    }
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.itav_records WHERE kind = 'review'",
             schema);
    PGresult *res = PQexec(admin, sql);
    double reviews = PQresultStatus(res) == PGRES_TUPLES_OK ? atof(PQgetvalue(res, 0, 0)) : -1;
    PQclear(res);
    res_begin("pg-report", "itav");
    res_num("build_s", build);
    res_times("times", t + 1, runs);
    res_num("warmup", t[0]);
    res_num("peak_kb", (double)peak);
    res_num("reviews", reviews);
    res_num("report_bytes", (double)bytes);
    add(&out, ", \"figures\": %s", figs.s);
    res_end();
    text_free(&figs);
    free(t);
    itav_close(db);
    pg_drop(admin, schema);
    PQfinish(admin);
}
#endif

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int args;
        void (*fn)(char **);
    } cmds[] = {{"bulk", 4, cmd_bulk},          {"json-gen", 3, cmd_json_gen},
                {"json", 4, cmd_json},          {"dense-gen", 2, cmd_dense_gen},
                {"dense", 3, cmd_dense},        {"sparse", 4, cmd_sparse},
                {"suggest", 4, cmd_suggest},    {"report-build", 2, cmd_report_build},
                {"report", 3, cmd_report},      {"codec", 3, cmd_codec},
#ifdef BENCH_POSTGRES
                {"pg-suggest", 5, cmd_pg_suggest}, {"pg-sparse", 4, cmd_pg_sparse},
                {"pg-report", 4, cmd_pg_report},
#endif
    };
    for (size_t i = 0; argc >= 2 && i < sizeof cmds / sizeof *cmds; i++)
        if (strcmp(argv[1], cmds[i].name) == 0) {
            if (argc - 2 != cmds[i].args)
                die("%s takes %d arguments (see the comment at the top of bench/workloads.c)",
                    cmds[i].name, cmds[i].args);
            cmds[i].fn(argv + 2);
            text_free(&out);
            return 0;
        }
    die("usage: bench_itav COMMAND ARGS... (see bench/workloads.c)");
}
