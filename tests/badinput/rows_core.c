/* Rows for the core: versions, codes and dates (common.h, codes.h), elements (element.h),
 * opening stores (store.h), and every import and export path (interchange.h). */
#include "catalogue.h"

#include <itav/backend.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- common.h ---- */

ADAPT(itav_strerror) { return r_ptr(itav_strerror((int)NUM(0, ITAV_OK))); }
ADAPT(itav_free)
{
    itav_free(P(0, NULL));
    return r_void();
}

ADAPT(itav_date_parse)
{
    int32_t d = 4242;
    int rc = itav_date_parse(P(0, &d), TXT(1, "2024-01-01"));
    if (rc != ITAV_OK && d != 4242)
        fx_fail(f, "*out changed on error");
    return r_code(rc);
}

ADAPT(itav_date_format)
{
    char buf[32];
    memset(buf, 'Q', sizeof buf);
    int rc = itav_date_format(P(0, buf), (size_t)NUM(1, sizeof buf), (int32_t)NUM(2, 0));
    for (size_t i = 0; rc != ITAV_OK && i < sizeof buf; i++)
        if (buf[i] != 'Q') {
            fx_fail(f, "buf changed on error");
            break;
        }
    return r_code(rc);
}

ADAPT(itav_date_from_ymd)
{
    int32_t d = 4242;
    int rc = itav_date_from_ymd(P(0, &d), (int)NUM(1, 2024), (int)NUM(2, 1), (int)NUM(3, 1));
    if (rc != ITAV_OK && d != 4242)
        fx_fail(f, "*out changed on error");
    return r_code(rc);
}

ADAPT(itav_date_to_ymd)
{
    int y, m, d;
    return r_code(itav_date_to_ymd(P(0, &y), P(1, &m), P(2, &d), (int32_t)NUM(3, 0)));
}

/* ---- codes.h ---- */

ADAPT(itav_code_name)
{
    return r_ptr(itav_code_name((itav_code_type)NUM(0, ITAV_CODE_SETTING), (int)NUM(1, 1)));
}

ADAPT(itav_code_parse)
{
    int v = -77;
    int rc = itav_code_parse(P(0, &v), (itav_code_type)NUM(1, ITAV_CODE_SETTING),
                             TXT(2, "informal"));
    if (rc != ITAV_OK && v != -77)
        fx_fail(f, "*out changed on error");
    return r_code(rc);
}

/* ---- element.h ---- */

ADAPT(itav_element_code) { return r_ptr(itav_element_code((itav_element)NUM(0, 1))); }
ADAPT(itav_element_label)
{
    return r_ptr(itav_element_label((itav_element)NUM(0, 1), (itav_lang)NUM(1, ITAV_LANG_EN)));
}
ADAPT(itav_element_from_code)
{
    itav_element e = (itav_element)77;
    int rc = itav_element_from_code(P(0, &e), TXT(1, "equality"));
    if (rc != ITAV_OK && e != (itav_element)77)
        fx_fail(f, "*out changed on error");
    return r_code(rc);
}
ADAPT(itav_element_parse)
{
    itav_element e = (itav_element)77;
    int rc = itav_element_parse(P(0, &e), TXT(1, "Gelijkwaardigheid"));
    if (rc != ITAV_OK && e != (itav_element)77)
        fx_fail(f, "*out changed on error");
    return r_code(rc);
}
ADAPT(itav_elemset_add)
{
    return r_int(itav_elemset_add((itav_elemset)NUM(0, 5), (itav_element)NUM(1, 2)));
}
ADAPT(itav_elemset_remove)
{
    return r_int(itav_elemset_remove((itav_elemset)NUM(0, 5), (itav_element)NUM(1, 1)));
}
ADAPT(itav_elemset_has)
{
    return r_int(itav_elemset_has((itav_elemset)NUM(0, 5), (itav_element)NUM(1, 1)));
}
ADAPT(itav_elemset_count) { return r_int(itav_elemset_count((itav_elemset)NUM(0, 5))); }

/* ---- factor.h ---- */

ADAPT(itav_factor_code) { return r_ptr(itav_factor_code((itav_factor)NUM(0, 1))); }
ADAPT(itav_factor_label)
{
    return r_ptr(itav_factor_label((itav_factor)NUM(0, 1), (itav_lang)NUM(1, ITAV_LANG_EN)));
}
ADAPT(itav_factor_from_code)
{
    itav_factor x = (itav_factor)77;
    int rc = itav_factor_from_code(P(0, &x), TXT(1, "long_term"));
    if (rc != ITAV_OK && x != (itav_factor)77)
        fx_fail(f, "*out changed on error");
    return r_code(rc);
}
ADAPT(itav_factor_source) { return r_ptr(itav_factor_source((itav_factor)NUM(0, 1))); }
ADAPT(itav_factor_credited_to_all)
{
    return r_int(itav_factor_credited_to_all((itav_factor)NUM(0, 1)));
}
ADAPT(itav_factorset_has)
{
    return r_int(itav_factorset_has((itav_factorset)NUM(0, 5), (itav_factor)NUM(1, 1)));
}

/* ---- store.h ---- */

/* The result of an open (rc, and the context it made in db): unless out was NULL, a context
 * to read the message from. */
static res opened_result(fx *f, const row *r, int rc, itav_db *db)
{
    if (!ISNUL(0)) {
        if (!db && rc != ITAV_ENOMEM)
            fx_fail(f, "no context to read the message from");
        else
            fx_keep_msg(f, db);
    }
    itav_close(db); /* after a success it calls be_free, which leaves the struct alone */
    return r_code(rc);
}

/* n[1] set: the text is a generated path, opened as sqlite:PATH; the file must stay as it
 * was. */
ADAPT(itav_open)
{
    itav_db *db = NULL;
    const char *uri = TXT(1, "memory:");
    char *sqlite_uri = NULL, *before = NULL;
    size_t before_size = 0;
    struct stat st;
    if (r->n[1].set && uri) {
        sqlite_uri = malloc(strlen(uri) + 8);
        strcat(strcpy(sqlite_uri, "sqlite:"), uri);
        if (stat(uri, &st) == 0 && S_ISREG(st.st_mode)) {
            FILE *fp = fopen(uri, "rb");
            before = calloc(1, (size_t)st.st_size + 1);
            before_size = fread(before, 1, (size_t)st.st_size, fp);
            fclose(fp);
        }
    }
    int rc = itav_open(P(0, &db), sqlite_uri ? sqlite_uri : uri);
    res out = opened_result(f, r, rc, db);
    if (before) {
        FILE *fp = fopen(uri, "rb");
        char *after = calloc(1, before_size + 2);
        size_t n = fp ? fread(after, 1, before_size + 1, fp) : 0;
        if (fp)
            fclose(fp);
        if (n != before_size || memcmp(before, after, n))
            fx_fail(f, "the file %s changed", uri);
        free(after);
        free(before);
    }
    free(sqlite_uri);
    return out;
}

static int be_ok(itav_backend *be)
{
    (void)be;
    return ITAV_OK;
}
static int be_put(itav_backend *be, const char *kind, const char *key, const char *const *index,
                  const void *data, size_t size)
{
    (void)be, (void)kind, (void)key, (void)index, (void)data, (void)size;
    return ITAV_OK;
}
static int be_get(itav_backend *be, const char *kind, const char *key, itav_record_fn fn,
                  void *arg)
{
    (void)be, (void)kind, (void)key, (void)fn, (void)arg;
    return ITAV_ENOTFOUND;
}
static int be_del(itav_backend *be, const char *kind, const char *key)
{
    (void)be, (void)kind, (void)key;
    return ITAV_ENOTFOUND;
}
static int be_scan(itav_backend *be, const char *kind, int slot, const char *value,
                   itav_record_fn fn, void *arg)
{
    (void)be, (void)kind, (void)slot, (void)value, (void)fn, (void)arg;
    return ITAV_OK;
}
static void be_free(itav_backend *be) { (void)be; }

/* The fixture's backend in variant k: -1 whole, 0 a version-0 struct, 1 a version newer
 * than the library's, 2..9 one required function missing (begin, commit, rollback, put, get,
 * del, scan, free). */
static void fixture_backend(itav_backend *be, long k)
{
    *be = (itav_backend)ITAV_BACKEND_INIT;
    be->begin = be_ok, be->commit = be_ok, be->rollback = be_ok, be->put = be_put;
    be->get = be_get, be->del = be_del, be->scan = be_scan, be->free = be_free;
    switch (k) {
    case 0: be->version = 0; break;
    case 1: be->version = ITAV_BACKEND_VERSION + 1; break;
    case 2: be->begin = NULL; break;
    case 3: be->commit = NULL; break;
    case 4: be->rollback = NULL; break;
    case 5: be->put = NULL; break;
    case 6: be->get = NULL; break;
    case 7: be->del = NULL; break;
    case 8: be->scan = NULL; break;
    case 9: be->free = NULL; break;
    }
}

ADAPT(itav_open_lang)
{
    itav_db *db = NULL;
    int rc = itav_open_lang(P(0, &db), TXT(1, "memory:"), (itav_lang)NUM(2, ITAV_LANG_NL));
    return opened_result(f, r, rc, db);
}

/* n[1]: the variant of the fixture's backend */
ADAPT(itav_open_backend)
{
    itav_backend be;
    fixture_backend(&be, NUM(1, -1));
    itav_db *db = NULL;
    int rc = itav_open_backend(P(0, &db), P(1, &be));
    return opened_result(f, r, rc, db);
}

ADAPT(itav_open_backend_lang)
{
    itav_backend be;
    fixture_backend(&be, NUM(1, -1));
    itav_db *db = NULL;
    int rc = itav_open_backend_lang(P(0, &db), P(1, &be), (itav_lang)NUM(2, ITAV_LANG_NL));
    return opened_result(f, r, rc, db);
}

ADAPT(itav_close)
{
    itav_close(P(0, NULL));
    return r_void();
}
ADAPT(itav_errmsg) { return r_ptr(itav_errmsg(P(0, fx_store(f)))); }
ADAPT(itav_errcode) { return r_int(itav_errcode(P(0, fx_store(f)))); }
ADAPT(itav_set_lang)
{
    return r_code(itav_set_lang(P(0, fx_store(f)), (itav_lang)NUM(1, ITAV_LANG_EN)));
}
ADAPT(itav_get_lang) { return r_int(itav_get_lang(P(0, fx_store(f)))); }

/* ---- interchange.h: JSON ---- */

ADAPT(itav_import_json_file) { return r_code(itav_import_json_file(DB(0), TXT(1, "?"))); }
ADAPT(itav_import_json_string)
{
    return r_code(itav_import_json_string(DB(0), TXT(1, "{\"format\": \"itav/1\"}"),
                                          TXT(2, "rows.json")));
}

/* The export may not leave its temporary file behind. */
ADAPT(itav_export_json_file)
{
    const char *path = TXT(1, "?");
    int rc = itav_export_json_file(DB(0), path);
    if (path && *path) {
        char tmp[4200];
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        if (access(tmp, F_OK) == 0)
            fx_fail(f, "%s was left behind", tmp);
    }
    return r_code(rc);
}

ADAPT(itav_export_json_string)
{
    char *out = NULL;
    int rc = itav_export_json_string(P(0, &out), DB(1));
    itav_free(out);
    return r_code(rc);
}

ADAPT(itav_intervention_to_json)
{
    char *out = NULL;
    int rc = itav_intervention_to_json(P(0, &out), P(1, fx_intervention(f)));
    itav_free(out);
    return r_code(rc);
}
ADAPT(itav_offer_to_json)
{
    char *out = NULL;
    int rc = itav_offer_to_json(P(0, &out), P(1, fx_offer(f)));
    itav_free(out);
    return r_code(rc);
}
ADAPT(itav_participant_to_json)
{
    char *out = NULL;
    int rc = itav_participant_to_json(P(0, &out), P(1, fx_participant(f)));
    itav_free(out);
    return r_code(rc);
}
ADAPT(itav_match_to_json)
{
    char *out = NULL;
    int rc = itav_match_to_json(P(0, &out), P(1, fx_match(f)));
    itav_free(out);
    return r_code(rc);
}

ADAPT(itav_intervention_from_json)
{
    itav_intervention *out = NULL;
    int rc = itav_intervention_from_json(P(0, &out), DB(1), TXT(2, "{}"));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_intervention_free(out);
    return r_code(rc);
}
ADAPT(itav_offer_from_json)
{
    itav_offer *out = NULL;
    int rc = itav_offer_from_json(P(0, &out), DB(1), TXT(2, "{}"));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_offer_free(out);
    return r_code(rc);
}
ADAPT(itav_participant_from_json)
{
    itav_participant *out = NULL;
    int rc = itav_participant_from_json(P(0, &out), DB(1), TXT(2, "{}"));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_participant_free(out);
    return r_code(rc);
}

ADAPT(itav_catalog_load) { return r_code(itav_catalog_load(DB(0))); }

/* ---- interchange.h: CSV ---- */

ADAPT(itav_import_participants_csv_file)
{
    return r_code(itav_import_participants_csv_file(DB(0), TXT(1, "?"), TXT(2, FX_OFFER)));
}
ADAPT(itav_import_participants_csv_string)
{
    return r_code(itav_import_participants_csv_string(DB(0), TXT(1, "ref,kind\n"),
                                                      TXT(2, "people.csv"), TXT(3, FX_OFFER)));
}

/* ---- problem.h and the CSV imports of 0.4 ---- */

ADAPT(itav_import_participants_csv_file_v2)
{
    return r_code(itav_import_participants_csv_file_v2(DB(0), TXT(1, "?"), TXT(2, FX_OFFER),
                                                       (unsigned)NUM(3, 0)));
}
ADAPT(itav_import_participants_csv_string_v2)
{
    return r_code(itav_import_participants_csv_string_v2(DB(0), TXT(1, "ref,kind\n"),
                                                         TXT(2, "people.csv"),
                                                         TXT(3, FX_OFFER), (unsigned)NUM(4, 0)));
}
ADAPT(itav_problem_count) { return r_size(itav_problem_count(P(0, fx_store(f)))); }
ADAPT(itav_problem_severity)
{
    return r_int(itav_problem_severity(P(0, fx_store(f)), (size_t)NUM(1, 0)));
}
ADAPT(itav_problem_row) { return r_int(itav_problem_row(P(0, fx_store(f)), (size_t)NUM(1, 0))); }
ADAPT(itav_problem_column)
{
    return r_ptr(itav_problem_column(P(0, fx_store(f)), (size_t)NUM(1, 0)));
}
ADAPT(itav_problem_code) { return r_ptr(itav_problem_code(P(0, fx_store(f)), (size_t)NUM(1, 0))); }
ADAPT(itav_problem_message)
{
    return r_ptr(itav_problem_message(P(0, fx_store(f)), (size_t)NUM(1, 0)));
}
ADAPT(itav_problems_text)
{
    char *out = NULL;
    int rc = itav_problems_text(P(0, &out), P(1, fx_store(f)));
    itav_free(out);
    return r_int(rc);
}
ADAPT(itav_import_counts)
{
    size_t a, b, c;
    return r_int(itav_import_counts(P(0, &a), P(1, &b), P(2, &c), P(3, fx_store(f))));
}

/* A dataset with one intervention whose members are given. */
#define DS_IV(members) "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"new-iv\", " \
    "\"name\": \"New\"" members "}]}"
/* A dataset with one participant of the fixture offer whose members are given. */
#define DS_P(members) "{\"format\": \"itav/1\", \"participants\": [{\"ref\": \"new-p\", " \
    "\"offer\": \"" FX_OFFER "\", \"kind\": \"family\", \"status\": \"waiting\"" members "}]}"
/* One intervention or participant object alone (for the _from_json functions). */
#define OBJ_IV(members) "{\"id\": \"new-iv\", \"name\": \"New\"" members "}"
#define OBJ_P(members) "{\"ref\": \"new-p\", \"offer\": \"" FX_OFFER "\", \"kind\": " \
    "\"family\", \"status\": \"waiting\"" members "}"
/* CSV with the three required columns and one more. */
#define CSV_WITH(column, cell) "ref,kind,offer," column "\nnew-1,family," FX_OFFER "," cell "\n"
/* A file that says it is UTF-8: bytes that are not are refused, not read as Windows-1252. */
#define BOM "\xEF\xBB\xBF"

/* itav_open_backend() with one required function missing (variant k of the adapter) */
#define NO_FUNCTION(k, name)                                                                   \
    R(itav_open_backend, "no " name, E(ITAV_EINVAL), I(1, k),                                  \
      M("lacks a required function: " name))

static const row rows[] = {
    /* common.h: results and memory */
    R(itav_strerror, "an unknown code (999)", RSTR("unknown error"), I(0, 999)),
    R(itav_strerror, "INT_MIN", RSTR("unknown error"), I(0, INT_MIN)),
    R(itav_strerror, "a positive code other than ITAV_ITEROVER (2)", RSTR("unknown error"),
      I(0, 2)),
    R(itav_free, "NULL", RVOID, NUL(0)),

    /* common.h: dates */
    R(itav_date_parse, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_date_parse, "NULL text", E(ITAV_EINVAL), NUL(1)),
    R(itav_date_parse, "empty text", E(ITAV_EINVAL), S(1, "")),
    R(itav_date_parse, "2023-02-29 (not a leap year)", E(ITAV_EINVAL), S(1, "2023-02-29")),
    R(itav_date_parse, "1900-02-29 (not a leap year)", E(ITAV_EINVAL), S(1, "1900-02-29")),
    R(itav_date_parse, "2024-13-01 (month 13)", E(ITAV_EINVAL), S(1, "2024-13-01")),
    R(itav_date_parse, "2024-00-10 (month 0)", E(ITAV_EINVAL), S(1, "2024-00-10")),
    R(itav_date_parse, "2024-01-00 (day 0)", E(ITAV_EINVAL), S(1, "2024-01-00")),
    R(itav_date_parse, "2024-01-32", E(ITAV_EINVAL), S(1, "2024-01-32")),
    R(itav_date_parse, "2024-04-31", E(ITAV_EINVAL), S(1, "2024-04-31")),
    R(itav_date_parse, "0000-00-00", E(ITAV_EINVAL), S(1, "0000-00-00")),
    R(itav_date_parse, "1899-12-31 (before 1900)", E(ITAV_EINVAL), S(1, "1899-12-31")),
    R(itav_date_parse, "10000-01-01 (five-digit year)", E(ITAV_EINVAL), S(1, "10000-01-01")),
    R(itav_date_parse, "2024-1-1 (one-digit month and day)", E(ITAV_EINVAL), S(1, "2024-1-1")),
    R(itav_date_parse, "trailing junk", E(ITAV_EINVAL), S(1, "2024-01-01x")),
    R(itav_date_parse, "a trailing space", E(ITAV_EINVAL), S(1, "2024-01-01 ")),
    R(itav_date_parse, "a trailing line break", E(ITAV_EINVAL), S(1, "2024-01-01\n")),
    R(itav_date_parse, "a leading space", E(ITAV_EINVAL), S(1, " 2024-01-01")),
    R(itav_date_parse, "slashes", E(ITAV_EINVAL), S(1, "2024/01/01")),
    R(itav_date_parse, "a sign in the year", E(ITAV_EINVAL), S(1, "+024-01-01")),
    R(itav_date_parse, "a date and time", E(ITAV_EINVAL), S(1, "2024-01-01T00:00")),
    R(itav_date_parse, "day-month-year", E(ITAV_EINVAL), S(1, "01-01-2024")),
    R(itav_date_parse, "invalid UTF-8 after the date", E(ITAV_EINVAL), S(1, "2024-01-01" U_FF)),
    R(itav_date_parse, "full-width digits", E(ITAV_EINVAL),
      S(1, "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94-01-01")),
    R(itav_date_parse, "overlong text", E(ITAV_EINVAL), S(1, TEXT65537)),
    R(itav_date_format, "NULL buf", E(ITAV_EINVAL), NUL(0)),
    R(itav_date_format, "size 0", E(ITAV_ERANGE), I(1, 0)),
    R(itav_date_format, "size 10 (no room for the NUL)", E(ITAV_ERANGE), I(1, 10)),
    R(itav_date_format, "ITAV_DATE_NONE", E(ITAV_ERANGE), I(2, ITAV_DATE_NONE)),
    R(itav_date_format, "INT32_MAX", E(ITAV_ERANGE), I(2, INT32_MAX)),
    R(itav_date_format, "1899-12-31", E(ITAV_ERANGE), I(2, -25568)),
    R(itav_date_format, "10000-01-01", E(ITAV_ERANGE), I(2, 2932897)),
    R(itav_date_from_ymd, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_date_from_ymd, "2023-02-29", E(ITAV_EINVAL), I(1, 2023), I(2, 2), I(3, 29)),
    R(itav_date_from_ymd, "2100-02-29", E(ITAV_EINVAL), I(1, 2100), I(2, 2), I(3, 29)),
    R(itav_date_from_ymd, "month 13", E(ITAV_EINVAL), I(2, 13)),
    R(itav_date_from_ymd, "month 0", E(ITAV_EINVAL), I(2, 0)),
    R(itav_date_from_ymd, "month -1", E(ITAV_EINVAL), I(2, -1)),
    R(itav_date_from_ymd, "month INT_MAX", E(ITAV_EINVAL), I(2, INT_MAX)),
    R(itav_date_from_ymd, "day 0", E(ITAV_EINVAL), I(3, 0)),
    R(itav_date_from_ymd, "day 32", E(ITAV_EINVAL), I(3, 32)),
    R(itav_date_from_ymd, "day INT_MIN", E(ITAV_EINVAL), I(3, INT_MIN)),
    R(itav_date_from_ymd, "0000-00-00", E(ITAV_EINVAL), I(1, 0), I(2, 0), I(3, 0)),
    R(itav_date_from_ymd, "year 1899", E(ITAV_EINVAL), I(1, 1899)),
    R(itav_date_from_ymd, "year 10000", E(ITAV_EINVAL), I(1, 10000)),
    R(itav_date_from_ymd, "year -1", E(ITAV_EINVAL), I(1, -1)),
    R(itav_date_from_ymd, "year INT_MAX", E(ITAV_EINVAL), I(1, INT_MAX)),
    R(itav_date_to_ymd, "NULL year", E(ITAV_EINVAL), NUL(0)),
    R(itav_date_to_ymd, "NULL month", E(ITAV_EINVAL), NUL(1)),
    R(itav_date_to_ymd, "NULL day", E(ITAV_EINVAL), NUL(2)),
    R(itav_date_to_ymd, "ITAV_DATE_NONE", E(ITAV_ERANGE), I(3, ITAV_DATE_NONE)),
    R(itav_date_to_ymd, "INT32_MAX", E(ITAV_ERANGE), I(3, INT32_MAX)),
    R(itav_date_to_ymd, "1899-12-31", E(ITAV_ERANGE), I(3, -25568)),

    /* codes.h */
    R(itav_code_name, "type -1", RNULL, I(0, -1)),
    R(itav_code_name, "type one past the last", RNULL, I(0, ITAV_CODE_SHARE_KIND + 1)),
    R(itav_code_name, "type INT_MAX", RNULL, I(0, INT_MAX)),
    R(itav_code_name, "type 0", RNULL, I(0, 0)),
    R(itav_code_name, "value 0 (unknown)", RNULL, I(1, 0)),
    R(itav_code_name, "value -1", RNULL, I(1, -1)),
    R(itav_code_name, "value one past the last", RNULL, I(1, ITAV_SETTING_MIXED + 1)),
    R(itav_code_name, "value INT_MAX", RNULL, I(1, INT_MAX)),
    R(itav_code_name, "value INT_MIN", RNULL, I(1, INT_MIN)),
    R(itav_code_name, "two audience bits at once", RNULL, I(0, ITAV_CODE_AUDIENCE), I(1, 3)),
    R(itav_code_name, "a support bit past the last", RNULL, I(0, ITAV_CODE_SUPPORT), I(1, 512)),
    R(itav_code_name, "an availability bit past Sunday evening", RNULL, I(0, ITAV_CODE_SLOT),
      I(1, 1 << 21)),
    R(itav_code_name, "a theme bit past the last", RNULL, I(0, ITAV_CODE_THEME), I(1, 8192)),
    R(itav_code_name, "ITAV_PROFILE_DEFAULT (not a code)", RNULL, I(0, ITAV_CODE_PROFILE_SOURCE),
      I(1, 0)),
    R(itav_code_name, "ITAV_CONSTRAINT_NONE (not a code)", RNULL, I(0, ITAV_CODE_CONSTRAINT),
      I(1, 0)),
    R(itav_code_parse, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_code_parse, "NULL code", E(ITAV_EINVAL), NUL(2)),
    R(itav_code_parse, "type -1", E(ITAV_EINVAL), I(1, -1)),
    R(itav_code_parse, "type one past the last", E(ITAV_EINVAL),
      I(1, ITAV_CODE_SHARE_KIND + 1)),
    R(itav_code_parse, "type INT_MAX", E(ITAV_EINVAL), I(1, INT_MAX)),
    R(itav_code_parse, "empty code", E(ITAV_ENOTFOUND), S(2, "")),
    R(itav_code_parse, "another case", E(ITAV_ENOTFOUND), S(2, "Informal")),
    R(itav_code_parse, "a trailing space", E(ITAV_ENOTFOUND), S(2, "informal ")),
    R(itav_code_parse, "a code of another enumeration", E(ITAV_ENOTFOUND), S(2, "online")),
    R(itav_code_parse, "invalid UTF-8", E(ITAV_ENOTFOUND), S(2, "informal" U_CONT)),
    R(itav_code_parse, "overlong text", E(ITAV_ENOTFOUND), S(2, TEXT65537)),
    R(itav_code_parse, "a control character", E(ITAV_ENOTFOUND), S(2, "in\x01formal")),

    /* element.h */
    R(itav_element_code, "element 0", RNULL, I(0, 0)),
    R(itav_element_code, "element -1", RNULL, I(0, -1)),
    R(itav_element_code, "element 9", RNULL, I(0, 9)),
    R(itav_element_code, "element INT_MAX", RNULL, I(0, INT_MAX)),
    R(itav_element_label, "element -1", RNULL, I(0, -1)),
    R(itav_element_label, "element 9", RNULL, I(0, 9)),
    R(itav_element_label, "element INT_MAX", RNULL, I(0, INT_MAX)),
    R(itav_element_label, "language 0", RNULL, I(1, 0)),
    R(itav_element_label, "language -1", RNULL, I(1, -1)),
    R(itav_element_label, "language 3", RNULL, I(1, 3)),
    R(itav_element_label, "language INT_MAX", RNULL, I(1, INT_MAX)),
    R(itav_element_from_code, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_element_from_code, "NULL code", E(ITAV_EINVAL), NUL(1)),
    R(itav_element_from_code, "empty code", E(ITAV_ENOTFOUND), S(1, "")),
    R(itav_element_from_code, "another case", E(ITAV_ENOTFOUND), S(1, "Equality")),
    R(itav_element_from_code, "a label, not a code", E(ITAV_ENOTFOUND),
      S(1, "Gelijkwaardigheid")),
    R(itav_element_from_code, "invalid UTF-8 (overlong)", E(ITAV_ENOTFOUND),
      S(1, "equality" U_OVERLONG)),
    R(itav_element_from_code, "overlong text", E(ITAV_ENOTFOUND), S(1, TEXT65537)),
    R(itav_element_parse, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_element_parse, "NULL wording", E(ITAV_EINVAL), NUL(1)),
    R(itav_element_parse, "empty wording", E(ITAV_ENOTFOUND), S(1, "")),
    R(itav_element_parse, "only spaces and markup", E(ITAV_ENOTFOUND), S(1, "  ** - .")),
    R(itav_element_parse, "an unrelated wording", E(ITAV_ENOTFOUND), S(1, "Gezelligheid")),
    R(itav_element_parse, "invalid UTF-8 (lone continuation)", E(ITAV_ENOTFOUND),
      S(1, "Gelijkwaardigheid" U_CONT)),
    R(itav_element_parse, "invalid UTF-8 (surrogate)", E(ITAV_ENOTFOUND),
      S(1, U_SURROGATE "equality")),
    R(itav_element_parse, "invalid UTF-8 (truncated)", E(ITAV_ENOTFOUND),
      S(1, "equality" U_TRUNC)),
    R(itav_element_parse, "a control character", E(ITAV_ENOTFOUND), S(1, "equa\x07lity")),

    /* factor.h */
    R(itav_factor_code, "factor -1", RNULL, I(0, -1)),
    R(itav_factor_code, "factor 15", RNULL, I(0, 15)),
    R(itav_factor_code, "factor INT_MAX", RNULL, I(0, INT_MAX)),
    R(itav_factor_code, "factor 0", RNULL, I(0, 0)),
    R(itav_factor_label, "factor -1", RNULL, I(0, -1)),
    R(itav_factor_label, "factor 15", RNULL, I(0, 15)),
    R(itav_factor_label, "factor INT_MAX", RNULL, I(0, INT_MAX)),
    R(itav_factor_label, "language -1", RNULL, I(1, -1)),
    R(itav_factor_label, "language 3", RNULL, I(1, 3)),
    R(itav_factor_label, "language INT_MAX", RNULL, I(1, INT_MAX)),
    R(itav_factor_label, "language 0", RNULL, I(1, 0)),
    R(itav_factor_from_code, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_factor_from_code, "NULL code", E(ITAV_EINVAL), NUL(1)),
    R(itav_factor_from_code, "empty code", E(ITAV_ENOTFOUND), S(1, "")),
    R(itav_factor_from_code, "another case", E(ITAV_ENOTFOUND), S(1, "Long_term")),
    R(itav_factor_from_code, "a label, not a code", E(ITAV_ENOTFOUND), S(1, "Weet wat werkt")),
    R(itav_factor_from_code, "invalid UTF-8 (overlong)", E(ITAV_ENOTFOUND),
      S(1, "long_term" U_OVERLONG)),
    R(itav_factor_from_code, "overlong text", E(ITAV_ENOTFOUND), S(1, TEXT65537)),
    R(itav_factor_source, "factor -1", RNULL, I(0, -1)),
    R(itav_factor_source, "factor 15", RNULL, I(0, 15)),
    R(itav_factor_source, "factor INT_MAX", RNULL, I(0, INT_MAX)),
    R(itav_factor_source, "factor 0", RNULL, I(0, 0)),
    R(itav_factor_credited_to_all, "factor -1", RET(0), I(0, -1)),
    R(itav_factor_credited_to_all, "factor 15", RET(0), I(0, 15)),
    R(itav_factor_credited_to_all, "factor INT_MAX", RET(0), I(0, INT_MAX)),
    R(itav_factor_credited_to_all, "factor 0", RET(0), I(0, 0)),
    R(itav_factorset_has, "factor -1", RET(0), I(1, -1)),
    R(itav_factorset_has, "factor 15", RET(0), I(1, 15)),
    R(itav_factorset_has, "factor INT_MAX", RET(0), I(1, INT_MAX)),
    R(itav_factorset_has, "factor 0", RET(0), I(1, 0)),
    R(itav_element_parse, "overlong text", E(ITAV_ENOTFOUND), S(1, TEXT65537)),
    R(itav_elemset_add, "element 0", RET(5), I(1, 0)),
    R(itav_elemset_add, "element -1", RET(5), I(1, -1)),
    R(itav_elemset_add, "element 9", RET(5), I(1, 9)),
    R(itav_elemset_add, "element INT_MAX", RET(5), I(1, INT_MAX)),
    R(itav_elemset_remove, "element -1", RET(5), I(1, -1)),
    R(itav_elemset_remove, "element 9", RET(5), I(1, 9)),
    R(itav_elemset_remove, "element INT_MAX", RET(5), I(1, INT_MAX)),
    R(itav_elemset_has, "element 0", RET(0), I(1, 0)),
    R(itav_elemset_has, "element -1", RET(0), I(1, -1)),
    R(itav_elemset_has, "element 9 (bits beyond 8 set)", RET(0), I(0, 0xFFFFFFFFu), I(1, 9)),
    R(itav_elemset_has, "element INT_MAX", RET(0), I(0, 0xFFFFFFFFu), I(1, INT_MAX)),
    R(itav_elemset_count, "only bits beyond element 8", RET(0), I(0, 0xFFFFFF00u)),
    R(itav_elemset_count, "every bit", RET(8), I(0, 0xFFFFFFFFu)),

    /* store.h */
    R(itav_open, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_open, "NULL uri", E(ITAV_EINVAL), NUL(1), M("no store URI")),
    R(itav_open, "empty uri", E(ITAV_EINVAL), S(1, ""), M("unknown scheme")),
    R(itav_open, "unknown scheme", E(ITAV_EINVAL), S(1, "ftp://example.org/x"),
      M("\"ftp://example.org/x\": unknown scheme")),
    R(itav_open, "scheme in capitals", E(ITAV_EINVAL), S(1, "MEMORY:"), M("unknown scheme")),
    R(itav_open, "scheme without colon", E(ITAV_EINVAL), S(1, "memory"), M("unknown scheme")),
    R(itav_open, "memory: with a path", E(ITAV_EINVAL), S(1, "memory:x"), M("unknown scheme")),
    R(itav_open, "empty sqlite path", E(ITAV_EINVAL), S(1, "sqlite:"), M("no file path")),
    R(itav_open, "a control character in the uri", E(ITAV_EINVAL), S(1, "memory:\x1b[2J"),
      M("unknown scheme")),
    R(itav_open, "invalid UTF-8 in the uri", E(ITAV_EINVAL), S(1, "mem" U_FF "ory:"),
      M("unknown scheme")),
    R(itav_open, "overlong uri", E(ITAV_EINVAL), S(1, TEXT65537), M("unknown scheme")),
    R(itav_open, "a SQLite path in a missing directory", E(ITAV_EIO),
      S(1, "sqlite:/nonexistent-itav-dir/x.db"), M("/nonexistent-itav-dir/x.db")),
    R(itav_open, "a SQLite path that is a directory", E(ITAV_EIO), S(1, A_DIRECTORY), I(1, 1),
      M("cannot open store")),
    R(itav_open, "a SQLite path that is a text file", E(ITAV_EFORMAT),
      S(1, FILE_WITH("name,town\nx,Haarlem\n")), I(1, 1), M("file is not a database")),
    R(itav_open_lang, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_open_lang, "NULL uri, in Dutch", E(ITAV_EINVAL), NUL(1), M("geen URI van een opslag")),
    R(itav_open_lang, "unknown scheme, in Dutch", E(ITAV_EINVAL), S(1, "ftp://example.org/x"),
      M("\"ftp://example.org/x\": onbekend schema")),
    R(itav_open_lang, "a negative language", E(ITAV_EINVAL), I(2, -1), M("unknown language -1")),
    R(itav_open_lang, "language 3", E(ITAV_EINVAL), I(2, 3), M("unknown language 3")),
    R(itav_open_lang, "language INT_MAX", E(ITAV_EINVAL), I(2, INT_MAX),
      M("unknown language 2147483647")),
    R(itav_open_backend, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_open_backend, "NULL backend", E(ITAV_EINVAL), NUL(1), M("no backend")),
    R(itav_open_backend, "struct version 0", E(ITAV_EVERSION), I(1, 0), M("version 0")),
    R(itav_open_backend, "struct version newer than the library", E(ITAV_EVERSION), I(1, 1),
      M("struct version 4 is not supported")),
    NO_FUNCTION(2, "begin"),
    NO_FUNCTION(3, "commit"),
    NO_FUNCTION(4, "rollback"),
    NO_FUNCTION(5, "put"),
    NO_FUNCTION(6, "get"),
    NO_FUNCTION(7, "del"),
    NO_FUNCTION(8, "scan"),
    NO_FUNCTION(9, "free"),
    R(itav_open_backend_lang, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_open_backend_lang, "NULL backend, in Dutch", E(ITAV_EINVAL), NUL(1),
      M("geen backend")),
    R(itav_open_backend_lang, "no scan function, in Dutch", E(ITAV_EINVAL), I(1, 8),
      M("scan")),
    R(itav_open_backend_lang, "a negative language", E(ITAV_EINVAL), I(2, -1),
      M("unknown language -1")),
    R(itav_open_backend_lang, "language 3", E(ITAV_EINVAL), I(2, 3), M("unknown language 3")),
    R(itav_open_backend_lang, "language INT_MAX", E(ITAV_EINVAL), I(2, INT_MAX),
      M("unknown language 2147483647")),
    R(itav_close, "NULL", RVOID, NUL(0)),
    R(itav_errmsg, "NULL", RSTR("no context (NULL)"), NUL(0)),
    R(itav_errcode, "NULL", RET(ITAV_EINVAL), NUL(0)),
    R(itav_set_lang, "NULL", E(ITAV_EINVAL), NUL(0)),
    R(itav_set_lang, "language 0", E(ITAV_EINVAL), I(1, 0), M("unknown language 0")),
    R(itav_set_lang, "an unknown language", E(ITAV_EINVAL), I(1, 3), M("unknown language 3")),
    R(itav_set_lang, "a negative language", E(ITAV_EINVAL), I(1, -1),
      M("unknown language -1")),
    R(itav_set_lang, "language INT_MAX", E(ITAV_EINVAL), I(1, INT_MAX),
      M("unknown language 2147483647")),
    R(itav_get_lang, "NULL", RET(ITAV_LANG_EN), NUL(0)),

    /* interchange.h: JSON files */
    R(itav_import_json_file, "NULL db", E(ITAV_EINVAL), NUL(0)),
    R(itav_import_json_file, "NULL path", E(ITAV_EINVAL), NUL(1), M("no file name")),
    R(itav_import_json_file, "empty path", E(ITAV_EIO), S(1, ""), M("cannot read")),
    R(itav_import_json_file, "a missing file", E(ITAV_EIO), S(1, MISSING_FILE),
      M("missing-1.txt: No such file")),
    R(itav_import_json_file, "a directory", E(ITAV_EIO), S(1, A_DIRECTORY),
      M("dir-1: Is a directory")),
    R(itav_import_json_file, "an empty file", E(ITAV_EFORMAT), S(1, FILE_WITH("")),
      M("file-1:1:0:")),
    R(itav_import_json_file, "truncated JSON", E(ITAV_EFORMAT),
      S(1, FILE_WITH("{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"x\"")),
      M("file-1:1:")),
    R(itav_import_json_file, "an array, not an object", E(ITAV_EFORMAT),
      S(1, FILE_WITH("[]")), M("file-1: $: expected an object")),
    R(itav_import_json_file, "a bad record on line 3", E(ITAV_EFORMAT),
      S(1, FILE_WITH("{\"format\": \"itav/1\",\n\"interventions\": [\n{\"id\": \"a b\", "
                     "\"name\": \"X\"}]}\n")),
      M("$.interventions[0].id")),
    R(itav_import_json_file, "invalid UTF-8 in a string", E(ITAV_EFORMAT),
      S(1, FILE_WITH(DS_IV(", \"summary\": \"caf" U_FF "\""))),
      M("file-1:1:86: unable to decode byte 0xff")),

    /* interchange.h: JSON text, the document */
    R(itav_import_json_string, "NULL db", E(ITAV_EINVAL), NUL(0)),
    R(itav_import_json_string, "NULL text", E(ITAV_EINVAL), NUL(1), M("no JSON")),
    R(itav_import_json_string, "empty text", E(ITAV_EFORMAT), S(1, ""), M("rows.json:")),
    R(itav_import_json_string, "only spaces", E(ITAV_EFORMAT), S(1, "  \n "), M("rows.json:")),
    R(itav_import_json_string, "truncated JSON", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interv"), M("rows.json:1:")),
    R(itav_import_json_string, "an unterminated string", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1}"), M("rows.json:1:")),
    R(itav_import_json_string, "trailing junk", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\"} x"), M("rows.json:1:")),
    R(itav_import_json_string, "two documents", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\"} {\"format\": \"itav/1\"}"), M("rows.json:1:")),
    R(itav_import_json_string, "nesting 100000 deep", E(ITAV_EFORMAT), S(1, "@json-deep"),
      M("rows.json:1:")),
    R(itav_import_json_string, "null", E(ITAV_EFORMAT), S(1, "null"), M("rows.json")),
    R(itav_import_json_string, "an array", E(ITAV_EFORMAT), S(1, "[]"), M("rows.json")),
    R(itav_import_json_string, "a number", E(ITAV_EFORMAT), S(1, "42"), M("rows.json")),
    R(itav_import_json_string, "no format", E(ITAV_EFORMAT), S(1, "{}"),
      M("$: required member \"format\" is missing")),
    R(itav_import_json_string, "format itav/2", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/2\"}"), M("itav/2")),
    R(itav_import_json_string, "format as a number", E(ITAV_EFORMAT), S(1, "{\"format\": 1}"),
      M("$.format")),
    R(itav_import_json_string, "a duplicate member", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"format\": \"itav/1\"}"),
      M("duplicate object key near '\"format\"'")),
    R(itav_import_json_string, "an unknown member", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"extra\": []}"), M("$.extra: unknown member")),
    R(itav_import_json_string, "interventions as an object", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": {}}"), M("$.interventions")),
    R(itav_import_json_string, "an intervention that is a string", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [\"x\"]}"), M("$.interventions[0]")),
    R(itav_import_json_string, "a lone surrogate escape", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"summary\": \"\\ud800\"")), M("rows.json:1:")),
    R(itav_import_json_string, "an escaped NUL", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"summary\": \"a\\u0000b\"")), M("rows.json:1:")),
    R(itav_import_json_string, "invalid UTF-8 (overlong) in a string", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"summary\": \"" U_OVERLONG "\"")), M("rows.json:1:")),
    R(itav_import_json_string, "invalid UTF-8 (surrogate) in a string", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"summary\": \"" U_SURROGATE "\"")), M("rows.json:1:")),
    R(itav_import_json_string, "invalid UTF-8 (truncated) in a string", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"summary\": \"" U_TRUNC "\"")), M("rows.json:1:")),
    R(itav_import_json_string, "a number too large for a double", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"since\": 1e999")), M("rows.json:1:")),
    R(itav_import_json_string, "a name of 65537 bytes", E(ITAV_EFORMAT), S(1, "@json-long-name"),
      M("$.interventions[0].name")),
    R(itav_import_json_string, "an id of 65 characters", E(ITAV_EFORMAT), S(1, "@json-long-id"),
      M("$.interventions[0].id")),
    R(itav_import_json_string, "invalid UTF-8 in the name argument", E(ITAV_EFORMAT),
      S(1, "[]"), S(2, "rows" U_FF ".json"), M("rows\\xff.json: $")),
    R(itav_import_json_string, "a control character in the name argument", E(ITAV_EFORMAT),
      S(1, "[]"), S(2, "rows\x1b.json"), M("rows\\x1b.json: $")),

    /* interchange.h: JSON text, interventions */
    R(itav_import_json_string, "an intervention without id", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"name\": \"X\"}]}"),
      M("$.interventions[0]")),
    R(itav_import_json_string, "an intervention without name", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"x\"}]}"),
      M("$.interventions[0]")),
    R(itav_import_json_string, "an id with a space", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a b\", \"name\": \"X\"}]}"),
      M("$.interventions[0].id")),
    R(itav_import_json_string, "an id with a capital", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"Ab\", \"name\": \"X\"}]}"),
      M("$.interventions[0].id")),
    R(itav_import_json_string, "an id with a control character", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\\u0007b\", "
           "\"name\": \"X\"}]}"),
      M("$.interventions[0].id")),
    R(itav_import_json_string, "an id with a double hyphen", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a--b\", \"name\": \"X\"}]}"),
      M("$.interventions[0].id")),
    R(itav_import_json_string, "an id starting with a hyphen", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"-a\", \"name\": \"X\"}]}"),
      M("$.interventions[0].id")),
    R(itav_import_json_string, "an empty id", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"\", \"name\": \"X\"}]}"),
      M("$.interventions[0].id")),
    R(itav_import_json_string, "an id with an accent", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"h\\u00e9\", "
           "\"name\": \"X\"}]}"),
      M("$.interventions[0].id")),
    R(itav_import_json_string, "an id as a number", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": 7, \"name\": \"X\"}]}"),
      M("$.interventions[0].id")),
    R(itav_import_json_string, "an empty name", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"x\", \"name\": \"\"}]}"),
      M("$.interventions[0].name")),
    R(itav_import_json_string, "a duplicate member of an intervention", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"name\": \"Again\"")), M("duplicate object key near '\"name\"'")),
    R(itav_import_json_string, "an unknown member of an intervention", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"colour\": \"red\"")), M("$.interventions[0].colour")),
    R(itav_import_json_string, "an unknown kind code", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"kind\": \"programm\"")), M("$.interventions[0].kind")),
    R(itav_import_json_string, "a kind as a number", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"kind\": 1")), M("$.interventions[0].kind")),
    R(itav_import_json_string, "a setting in capitals", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"setting\": \"INFORMAL\"")), M("$.interventions[0].setting")),
    R(itav_import_json_string, "since as a string", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"since\": \"2001\"")), M("$.interventions[0].since")),
    R(itav_import_json_string, "since 99999", E(ITAV_EFORMAT), S(1, DS_IV(", \"since\": 99999")),
      M("$.interventions[0].since")),
    R(itav_import_json_string, "since -1", E(ITAV_EFORMAT), S(1, DS_IV(", \"since\": -1")),
      M("$.interventions[0].since")),
    R(itav_import_json_string, "since 2001.5", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"since\": 2001.5")), M("$.interventions[0].since")),
    R(itav_import_json_string, "an unknown audience", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"audience\": [\"pets\"]")), M("$.interventions[0].audience")),
    R(itav_import_json_string, "an age range with min above max", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"age_range\": {\"min\": 20, \"max\": 10}")), M("age_range")),
    R(itav_import_json_string, "an age far beyond a lifetime", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"age_range\": {\"min\": 0, \"max\": 2147483648}")), M("age_range")),
    R(itav_import_json_string, "an unknown element", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"elements\": {\"table\": {\"fun\": {\"status\": \"present\"}}}")),
      M("$.interventions[0].elements.table")),
    R(itav_import_json_string, "an unknown element status", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"elements\": {\"table\": {\"equality\": {\"status\": \"yes\"}}}")),
      M("$.interventions[0].elements.table.equality")),
    R(itav_import_json_string, "an unknown profile source", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"elements\": {\"rumour\": {}}")), M("$.interventions[0].elements")),
    R(itav_import_json_string, "a source reference to line 0", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"sources\": {\"name\": \"001:L0\"}")), M("$.interventions[0].sources")),
    R(itav_import_json_string, "a source reference range backwards", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"sources\": {\"name\": \"001:L9-3\"}")), M("$.interventions[0].sources")),
    R(itav_import_json_string, "a source for an unknown field", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"sources\": {\"colour\": \"001:L3\"}")), M("$.interventions[0].sources")),
    R(itav_import_json_string, "a figure with a range backwards", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"reach\": [{\"what\": \"families\", \"quantity\": {\"qualifier\": "
                 "\"range\", \"min\": 9, \"max\": 3}}]")),
      M("$.interventions[0].reach[0]")),
    R(itav_import_json_string, "a figure of qualifier text without text", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"reach\": [{\"what\": \"families\", \"quantity\": {\"qualifier\": "
                 "\"text\"}}]")),
      M("$.interventions[0].reach[0]")),
    R(itav_import_json_string, "a plan with trial months -1", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"plan\": {\"trial_months\": -1}")), M("$.interventions[0].plan")),
    R(itav_import_json_string, "a plan with an unknown field", E(ITAV_EFORMAT),
      S(1, DS_IV(", \"plan\": {\"holidays\": 3}")), M("$.interventions[0].plan")),
    R(itav_import_json_string, "an id twice in the file", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"x\", \"name\": \"X\"}, "
           "{\"id\": \"x\", \"name\": \"Y\"}]}"),
      M("$.interventions[1]")),
    R(itav_import_json_string, "an id already in the store", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"" FX_IV "\", "
           "\"name\": \"X\"}]}"),
      M(FX_IV)),

    /* interchange.h: JSON text, offers, participants, matches, reviews, indicators */
    R(itav_import_json_string, "an offer of an unknown intervention", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"offers\": [{\"id\": \"o\", \"intervention\": "
           "\"nope\"}]}"),
      M("$.offers[0].intervention")),
    R(itav_import_json_string, "an offer that is its own programme", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"offers\": [{\"id\": \"o\", \"intervention\": \"" FX_IV
           "\", \"programme\": \"o\"}]}"),
      M("$.offers[0].programme")),
    R(itav_import_json_string, "an offer ending before it starts", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"offers\": [{\"id\": \"o\", \"intervention\": \"" FX_IV
           "\", \"start\": \"2021-01-01\", \"end\": \"2020-01-01\"}]}"),
      M("$.offers[0]")),
    R(itav_import_json_string, "a date 2023-02-29", E(ITAV_EFORMAT),
      S(1, DS_P(", \"registered\": \"2023-02-29\"")), M("$.participants[0].registered")),
    R(itav_import_json_string, "a date 2024-13-01", E(ITAV_EFORMAT),
      S(1, DS_P(", \"registered\": \"2024-13-01\"")), M("$.participants[0].registered")),
    R(itav_import_json_string, "a date 0000-00-00", E(ITAV_EFORMAT),
      S(1, DS_P(", \"registered\": \"0000-00-00\"")), M("$.participants[0].registered")),
    R(itav_import_json_string, "a date 2024-1-1", E(ITAV_EFORMAT),
      S(1, DS_P(", \"registered\": \"2024-1-1\"")), M("$.participants[0].registered")),
    R(itav_import_json_string, "a date with trailing junk", E(ITAV_EFORMAT),
      S(1, DS_P(", \"registered\": \"2024-01-01T10:00\"")), M("$.participants[0].registered")),
    R(itav_import_json_string, "a date as a number", E(ITAV_EFORMAT),
      S(1, DS_P(", \"registered\": 20240101")), M("$.participants[0].registered")),
    R(itav_import_json_string, "a reference with a space", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"participants\": [{\"ref\": \"a b\", \"offer\": \""
           FX_OFFER "\", \"kind\": \"family\", \"status\": \"waiting\"}]}"),
      M("$.participants[0].ref")),
    R(itav_import_json_string, "a reference like an erased one", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"participants\": [{\"ref\": \"~erased-1\", \"offer\": \""
           FX_OFFER "\", \"kind\": \"family\", \"status\": \"waiting\"}]}"),
      M("$.participants[0]")),
    R(itav_import_json_string, "capacity -1", E(ITAV_EFORMAT),
      S(1, DS_P(", \"capacity\": -1")), M("$.participants[0].capacity")),
    R(itav_import_json_string, "capacity 0", E(ITAV_EFORMAT), S(1, DS_P(", \"capacity\": 0")),
      M("$.participants[0].capacity")),
    R(itav_import_json_string, "capacity 2.5", E(ITAV_EFORMAT),
      S(1, DS_P(", \"capacity\": 2.5")), M("$.participants[0].capacity")),
    R(itav_import_json_string, "capacity 2 on the asking side", E(ITAV_EFORMAT),
      S(1, DS_P(", \"capacity\": 2")), M("capacity")),
    R(itav_import_json_string, "a child of age -1", E(ITAV_EFORMAT),
      S(1, DS_P(", \"children\": [-1]")), M("$.participants[0].children")),
    R(itav_import_json_string, "seventeen children", E(ITAV_EFORMAT),
      S(1, DS_P(", \"children\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]")),
      M("$.participants[0].children")),
    R(itav_import_json_string, "latitude 95", E(ITAV_EFORMAT),
      S(1, DS_P(", \"location\": {\"lat\": 95, \"lon\": 4}")), M("$.participants[0].location")),
    R(itav_import_json_string, "a full postcode", E(ITAV_EFORMAT),
      S(1, DS_P(", \"postcode\": \"2011 AB\"")), M("$.participants[0].postcode")),
    R(itav_import_json_string, "a language that is not ISO 639-1", E(ITAV_EFORMAT),
      S(1, DS_P(", \"languages\": [\"xx\"]")), M("$.participants[0].languages")),
    R(itav_import_json_string, "an interest with a space", E(ITAV_EFORMAT),
      S(1, DS_P(", \"interests\": [\"board games\"]")), M("$.participants[0].interests")),
    R(itav_import_json_string, "an unknown slot", E(ITAV_EFORMAT),
      S(1, DS_P(", \"availability\": [\"mon_noon\"]")), M("$.participants[0].availability")),
    R(itav_import_json_string, "max distance -5", E(ITAV_EFORMAT),
      S(1, DS_P(", \"max_distance_m\": -5")), M("$.participants[0].max_distance_m")),
    R(itav_import_json_string, "an asking participant marked available", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"participants\": [{\"ref\": \"new-p\", \"offer\": \""
           FX_OFFER "\", \"kind\": \"family\", \"status\": \"available\"}]}"),
      M("$.participants[0].status")),
    R(itav_import_json_string, "matched without a match", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"participants\": [{\"ref\": \"new-p\", \"offer\": \""
           FX_OFFER "\", \"kind\": \"family\", \"status\": \"matched\"}]}"),
      M("$.participants[0]")),
    R(itav_import_json_string, "a participant of an unknown offer", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"participants\": [{\"ref\": \"new-p\", \"offer\": "
           "\"nope\", \"kind\": \"family\", \"status\": \"waiting\"}]}"),
      M("$.participants[0].offer")),
    R(itav_import_json_string, "a participant already in the store", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"participants\": [{\"ref\": \"" FX_ASK2 "\", \"offer\": \""
           FX_OFFER "\", \"kind\": \"family\", \"status\": \"waiting\"}]}"),
      M(FX_ASK2)),
    R(itav_import_json_string, "a match of unknown participants", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"matches\": [{\"id\": \"m-00000099\", \"offer\": \""
           FX_OFFER "\", \"asking\": \"nobody\", \"supporting\": \"" FX_SUP "\", \"state\": "
           "\"completed\", \"transitions\": [{\"state\": \"proposed\", \"date\": \"2021-01-01\", "
           "\"actor\": \"coordinator\"}]}]}"),
      M("$.matches[0]")),
    R(itav_import_json_string, "a match with an unknown state", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"matches\": [{\"id\": \"m-00000099\", \"offer\": \""
           FX_OFFER "\", \"asking\": \"" FX_ASK2 "\", \"supporting\": \"" FX_SUP "\", "
           "\"state\": \"finished\", \"transitions\": []}]}"),
      M("$.matches[0]")),
    R(itav_import_json_string, "a review with satisfaction 11", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"reviews\": [{\"id\": \"r-00000099\", \"match\": \""
           FX_MATCH "\", \"kind\": \"periodic\", \"date\": \"2021-05-01\", \"respondent\": "
           "\"asking\", \"satisfaction\": 11}]}"),
      M("$.reviews[0]")),
    R(itav_import_json_string, "an indicator of an unknown type", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"indicators\": [{\"id\": \"i\", \"offer\": \"" FX_OFFER
           "\", \"type\": \"ratio\"}]}"),
      M("$.indicators[0]")),
    R(itav_import_json_string, "an indicator already in the store", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"indicators\": [{\"id\": \"" FX_IND "\", \"offer\": \""
           FX_OFFER "\", \"type\": \"count\"}]}"),
      M(FX_IND)),
    R(itav_import_json_string, "a measurement off the percentage scale", E(ITAV_EFORMAT),
      S(1, "{\"format\": \"itav/1\", \"indicators\": [{\"id\": \"i\", \"offer\": \"" FX_OFFER
           "\", \"type\": \"percentage\", \"measurements\": [{\"date\": \"2021-01-01\", "
           "\"quantity\": {\"qualifier\": \"exact\", \"value\": 150}}]}]}"),
      M("$.indicators[0]")),

    /* interchange.h: single objects */
    R(itav_intervention_to_json, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_intervention_to_json, "NULL intervention", E(ITAV_EINVAL), NUL(1)),
    R(itav_offer_to_json, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_offer_to_json, "NULL offer", E(ITAV_EINVAL), NUL(1)),
    R(itav_participant_to_json, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_participant_to_json, "NULL participant", E(ITAV_EINVAL), NUL(1)),
    R(itav_match_to_json, "NULL out", E(ITAV_EINVAL), NUL(0)),
    R(itav_match_to_json, "NULL match", E(ITAV_EINVAL), NUL(1)),
    R(itav_intervention_from_json, "NULL out", E(ITAV_EINVAL), NUL(0),
      M("no place for the intervention"), S(2, OBJ_IV(""))),
    R(itav_intervention_from_json, "NULL text", E(ITAV_EINVAL), NUL(2), M("no JSON")),
    R(itav_intervention_from_json, "empty text", E(ITAV_EFORMAT), S(2, ""),
      M("<record>:1:0:")),
    R(itav_intervention_from_json, "truncated", E(ITAV_EFORMAT), S(2, "{\"id\": \"x\", \"na"),
      M("<record>:1:15:")),
    R(itav_intervention_from_json, "a whole dataset", E(ITAV_EFORMAT),
      S(2, "{\"format\": \"itav/1\"}"), M("$.format: unknown member")),
    R(itav_intervention_from_json, "an array", E(ITAV_EFORMAT), S(2, "[]"),
      M("$: expected an object")),
    R(itav_intervention_from_json, "no name", E(ITAV_EFORMAT), S(2, "{\"id\": \"x\"}"),
      M("required member \"name\" is missing")),
    R(itav_intervention_from_json, "an id with a tab", E(ITAV_EFORMAT),
      S(2, "{\"id\": \"a\\tb\", \"name\": \"X\"}"), M("$.id")),
    R(itav_intervention_from_json, "an unknown member", E(ITAV_EFORMAT),
      S(2, OBJ_IV(", \"colour\": 1")), M("$.colour")),
    R(itav_intervention_from_json, "a wrong type", E(ITAV_EFORMAT),
      S(2, OBJ_IV(", \"summary\": 1")), M("$.summary")),
    R(itav_intervention_from_json, "invalid UTF-8", E(ITAV_EFORMAT),
      S(2, OBJ_IV(", \"summary\": \"" U_BIG "\"")), M("unable to decode byte 0xf4")),
    R(itav_offer_from_json, "NULL out", E(ITAV_EINVAL), NUL(0), M("no place for the offer"),
      S(2, "{\"id\": \"o\", \"intervention\": \"x\"}")),
    R(itav_offer_from_json, "NULL text", E(ITAV_EINVAL), NUL(2), M("no JSON")),
    R(itav_offer_from_json, "empty text", E(ITAV_EFORMAT), S(2, ""), M("<record>:1:0:")),
    R(itav_offer_from_json, "no intervention", E(ITAV_EFORMAT), S(2, "{\"id\": \"o\"}"),
      M("intervention")),
    R(itav_offer_from_json, "an intervention id with a space", E(ITAV_EFORMAT),
      S(2, "{\"id\": \"o\", \"intervention\": \"a b\"}"), M("$.intervention")),
    R(itav_offer_from_json, "a start date 2023-02-29", E(ITAV_EFORMAT),
      S(2, "{\"id\": \"o\", \"intervention\": \"x\", \"start\": \"2023-02-29\"}"), M("$.start")),
    R(itav_offer_from_json, "municipalities as a string", E(ITAV_EFORMAT),
      S(2, "{\"id\": \"o\", \"intervention\": \"x\", \"municipalities\": \"Haarlem\"}"),
      M("$.municipalities")),
    R(itav_participant_from_json, "NULL out", E(ITAV_EINVAL), NUL(0),
      M("no place for the participant"), S(2, OBJ_P(""))),
    R(itav_participant_from_json, "NULL text", E(ITAV_EINVAL), NUL(2), M("no JSON")),
    R(itav_participant_from_json, "empty text", E(ITAV_EFORMAT), S(2, ""),
      M("<record>:1:0:")),
    R(itav_participant_from_json, "no kind", E(ITAV_EFORMAT),
      S(2, "{\"ref\": \"p\", \"offer\": \"o\", \"status\": \"waiting\"}"),
      M("required member \"kind\" is missing")),
    R(itav_participant_from_json, "a reference of 65 characters", E(ITAV_EFORMAT),
      S(2, "{\"ref\": \"RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR\", "
           "\"offer\": \"o\", \"kind\": \"family\", \"status\": \"waiting\"}"),
      M("$.ref")),
    R(itav_participant_from_json, "a vog date 2024-02-30", E(ITAV_EFORMAT),
      S(2, OBJ_P(", \"vog_date\": \"2024-02-30\"")), M("$.vog_date")),
    R(itav_participant_from_json, "capacity -3", E(ITAV_EFORMAT),
      S(2, OBJ_P(", \"capacity\": -3")), M("$.capacity")),
    R(itav_participant_from_json, "children as numbers in strings", E(ITAV_EFORMAT),
      S(2, OBJ_P(", \"children\": [\"4\"]")), M("$.children")),
    R(itav_participant_from_json, "an unknown member (a name)", E(ITAV_EFORMAT),
      S(2, OBJ_P(", \"name\": \"Jan\"")), M("$.name")),

    /* interchange.h: the catalogue */
    R(itav_catalog_load, "NULL db", E(ITAV_EINVAL), NUL(0)),
    R(itav_catalog_load, "a store that already holds one of its ids", E(ITAV_EFORMAT),
      M(FX_IV_FREE)),

    /* interchange.h: exports */
    R(itav_export_json_file, "NULL db", E(ITAV_EINVAL), NUL(0)),
    R(itav_export_json_file, "NULL path", E(ITAV_EINVAL), NUL(1), M("no file name")),
    R(itav_export_json_file, "empty path", E(ITAV_EIO), S(1, ""), M("cannot write")),
    R(itav_export_json_file, "a path in a missing directory", E(ITAV_EIO),
      S(1, "/nonexistent-itav-dir/out.json"), M("/nonexistent-itav-dir/out.json")),
    R(itav_export_json_file, "a path that is a directory", E(ITAV_EIO), S(1, A_DIRECTORY),
      M("dir-1")),
    R(itav_export_json_string, "NULL out", E(ITAV_EINVAL), NUL(0), M("no place for the text")),
    R(itav_export_json_string, "NULL db", E(ITAV_EINVAL), NUL(1)),

    /* interchange.h: CSV files */
    R(itav_import_participants_csv_file, "NULL db", E(ITAV_EINVAL), NUL(0)),
    R(itav_import_participants_csv_file, "NULL path", E(ITAV_EINVAL), NUL(1),
      M("no file name")),
    R(itav_import_participants_csv_file, "a missing file", E(ITAV_EIO), S(1, MISSING_FILE),
      M("missing-1.txt: No such file")),
    R(itav_import_participants_csv_file, "a directory", E(ITAV_EIO), S(1, A_DIRECTORY),
      M("dir-1")),
    R(itav_import_participants_csv_file, "an empty file", E(ITAV_EFORMAT), S(1, FILE_WITH("")),
      M("no header row")),
    R(itav_import_participants_csv_file, "a bad row", E(ITAV_EFORMAT),
      S(1, FILE_WITH("ref,kind\nnew-1,famly\n")), M("file-1:row 2, column kind")),
    R(itav_import_participants_csv_file, "a default offer that is not an id", E(ITAV_EINVAL),
      S(1, FILE_WITH("ref,kind\n")), S(2, "Bad Offer"), M("Bad Offer")),

    /* problem.h and the CSV imports of 0.4 */
    R(itav_import_participants_csv_file_v2, "NULL db", E(ITAV_EINVAL), NUL(0)),
    R(itav_import_participants_csv_file_v2, "NULL path", E(ITAV_EINVAL), NUL(1),
      M("no file name")),
    R(itav_import_participants_csv_file_v2, "an unknown flag", E(ITAV_EINVAL),
      S(1, FILE_WITH("ref,kind\n")), I(3, 4), M("unknown import flags 0x4")),
    R(itav_import_participants_csv_file_v2, "a bad row", E(ITAV_EFORMAT),
      S(1, FILE_WITH("ref,kind\nnew-1,famly\n")), M("file-1:row 2, column kind")),
    R(itav_import_participants_csv_string_v2, "NULL db", E(ITAV_EINVAL), NUL(0)),
    R(itav_import_participants_csv_string_v2, "NULL text", E(ITAV_EINVAL), NUL(1),
      M("no CSV")),
    R(itav_import_participants_csv_string_v2, "every flag bit", E(ITAV_EINVAL),
      I(4, 0xFFFFFFFFu), M("unknown import flags 0xfffffffc")),
    R(itav_import_participants_csv_string_v2, "strict: an unknown column", E(ITAV_EFORMAT),
      S(1, "ref,kind,naam\nnew-1,family,Jan\n"), I(4, ITAV_IMPORT_STRICT),
      M("unknown column \"naam\"")),
    R(itav_import_participants_csv_string_v2, "update: a status move that is not legal",
      E(ITAV_EFORMAT), S(1, "ref,kind,status\n" FX_ASK2 ",family,intake\n"),
      I(4, ITAV_IMPORT_UPDATE), M("row 2, column status: participant \"ask-2\": cannot go")),
    R(itav_import_participants_csv_string_v2, "update: the offer of a matched participant",
      E(ITAV_EFORMAT), S(1, "ref,kind,offer\n" FX_ASK ",family," FX_OFFER2 "\n"),
      I(4, ITAV_IMPORT_UPDATE), M("row 2, column offer: participant \"ask-1\" has matches")),
    R(itav_import_participants_csv_string_v2, "update: the side of a matched participant",
      E(ITAV_EFORMAT), S(1, "ref,kind\n" FX_ASK ",volunteer\n"),
      I(4, ITAV_IMPORT_UPDATE), M("row 2, column kind: participant \"ask-1\" has matches")),
    R(itav_problem_count, "NULL db", RSIZE(0), NUL(0)),
    R(itav_problem_severity, "NULL db", RET(0), NUL(0)),
    R(itav_problem_severity, "index SIZE_MAX", RET(0), I(1, (long long)SIZE_MAX)),
    R(itav_problem_row, "NULL db", RET(0), NUL(0)),
    R(itav_problem_row, "index SIZE_MAX", RET(0), I(1, (long long)SIZE_MAX)),
    R(itav_problem_column, "NULL db", RNULL, NUL(0)),
    R(itav_problem_column, "index SIZE_MAX", RNULL, I(1, (long long)SIZE_MAX)),
    R(itav_problem_code, "NULL db", RNULL, NUL(0)),
    R(itav_problem_code, "index SIZE_MAX", RNULL, I(1, (long long)SIZE_MAX)),
    R(itav_problem_message, "NULL db", RNULL, NUL(0)),
    R(itav_problem_message, "index SIZE_MAX", RNULL, I(1, (long long)SIZE_MAX)),
    R(itav_problems_text, "NULL out", RET(ITAV_EINVAL), NUL(0)),
    R(itav_problems_text, "NULL db", RET(ITAV_EINVAL), NUL(1)),
    R(itav_import_counts, "NULL db", RET(ITAV_EINVAL), NUL(3)),

    /* interchange.h: CSV text */
    R(itav_import_participants_csv_string, "NULL db", E(ITAV_EINVAL), NUL(0)),
    R(itav_import_participants_csv_string, "NULL text", E(ITAV_EINVAL), NUL(1), M("no CSV")),
    R(itav_import_participants_csv_string, "empty text", E(ITAV_EFORMAT), S(1, ""),
      M("people.csv: no header row")),
    R(itav_import_participants_csv_string, "no kind column", E(ITAV_EFORMAT),
      S(1, "ref,offer\nx," FX_OFFER "\n"), M("no column \"kind\"")),
    R(itav_import_participants_csv_string, "no offer column and no default", E(ITAV_EFORMAT),
      S(1, "ref,kind\nx,family\n"), NUL(3), M("no column \"offer\"")),
    R(itav_import_participants_csv_string, "an unknown column name", E(ITAV_EFORMAT),
      S(1, "Rf,kind\nx,family\n"), M("unknown column \"Rf\"")),
    R(itav_import_participants_csv_string, "a column twice", E(ITAV_EFORMAT),
      S(1, "ref,kind,ref\nx,family,y\n"), M("column \"ref\" appears twice")),
    R(itav_import_participants_csv_string, "an unknown kind", E(ITAV_EFORMAT),
      S(1, "ref,kind\nx,famly\n"), M("people.csv:row 2, column kind")),
    R(itav_import_participants_csv_string, "an empty ref", E(ITAV_EFORMAT),
      S(1, "ref,kind\n,family\n"), M("row 2, column ref")),
    R(itav_import_participants_csv_string, "a ref with a space", E(ITAV_EFORMAT),
      S(1, "ref,kind\n\"a b\",family\n"), M("row 2, column ref")),
    R(itav_import_participants_csv_string, "a ref with a control character", E(ITAV_EFORMAT),
      S(1, "ref,kind\na\x01" "b,family\n"), M("row 2, column ref")),
    R(itav_import_participants_csv_string, "a ref of 65 characters", E(ITAV_EFORMAT),
      S(1, "@csv-long-ref"), NUL(3), M("row 2, column ref")),
    R(itav_import_participants_csv_string, "a ref like an erased one", E(ITAV_EFORMAT),
      S(1, "ref,kind\n~erased-1,family\n"), M("row 2, column ref")),
    R(itav_import_participants_csv_string, "invalid UTF-8 after a BOM (overlong)",
      E(ITAV_EFORMAT),
      S(1, BOM CSV_WITH("municipality", "Haar" U_OVERLONG "lem")), M("not valid UTF-8")),
    R(itav_import_participants_csv_string, "invalid UTF-8 after a BOM (lone continuation)",
      E(ITAV_EFORMAT),
      S(1, BOM CSV_WITH("municipality", "Haar" U_CONT "lem")), M("not valid UTF-8")),
    R(itav_import_participants_csv_string, "invalid UTF-8 after a BOM (surrogate)",
      E(ITAV_EFORMAT),
      S(1, BOM CSV_WITH("municipality", U_SURROGATE)), M("not valid UTF-8")),
    R(itav_import_participants_csv_string, "invalid UTF-8 after a BOM (truncated)",
      E(ITAV_EFORMAT),
      S(1, BOM CSV_WITH("municipality", "Haarlem" U_TRUNC)), M("not valid UTF-8")),
    R(itav_import_participants_csv_string, "a municipality of 65537 bytes", E(ITAV_EFORMAT),
      S(1, "@csv-long-municipality"), NUL(3), M("row 2, column municipality")),
    R(itav_import_participants_csv_string, "a date 2023-02-29", E(ITAV_EFORMAT),
      S(1, CSV_WITH("registered", "2023-02-29")), M("row 2, column registered")),
    R(itav_import_participants_csv_string, "a date 2024-13-01", E(ITAV_EFORMAT),
      S(1, CSV_WITH("registered", "2024-13-01")), M("row 2, column registered")),
    R(itav_import_participants_csv_string, "a date 0000-00-00", E(ITAV_EFORMAT),
      S(1, CSV_WITH("vog_date", "0000-00-00")), M("row 2, column vog_date")),
    R(itav_import_participants_csv_string, "a date 2024-1-1", E(ITAV_EFORMAT),
      S(1, CSV_WITH("status_date", "2024-1-1")), M("row 2, column status_date")),
    R(itav_import_participants_csv_string, "a date with trailing junk", E(ITAV_EFORMAT),
      S(1, CSV_WITH("registered", "2024-01-01x")), M("row 2, column registered")),
    R(itav_import_participants_csv_string, "a date day-month-year that does not exist",
      E(ITAV_EFORMAT), S(1, CSV_WITH("registered", "31-02-2021")),
      M("row 2, column registered")),
    R(itav_import_participants_csv_string, "a date day-month with a two-digit year",
      E(ITAV_EFORMAT), S(1, CSV_WITH("registered", "01-03-21")), M("row 2, column registered")),
    R(itav_import_participants_csv_string, "capacity -1", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer,capacity\nnew-1,volunteer," FX_OFFER ",-1\n"),
      M("row 2, column capacity")),
    R(itav_import_participants_csv_string, "capacity 101", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer,capacity\nnew-1,volunteer," FX_OFFER ",101\n"),
      M("row 2, column capacity")),
    R(itav_import_participants_csv_string, "capacity 2.5", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer,capacity\nnew-1,volunteer," FX_OFFER ",2.5\n"),
      M("row 2, column capacity")),
    R(itav_import_participants_csv_string, "capacity far beyond an int", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer,capacity\nnew-1,volunteer," FX_OFFER ",99999999999999999999\n"),
      M("row 2, column capacity")),
    R(itav_import_participants_csv_string, "a negative child age", E(ITAV_EFORMAT),
      S(1, CSV_WITH("children", "-1")), M("row 2, column children")),
    R(itav_import_participants_csv_string, "seventeen children", E(ITAV_EFORMAT),
      S(1, CSV_WITH("children", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17")),
      M("row 2, column children")),
    R(itav_import_participants_csv_string, "a latitude with a decimal comma", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer,lat,lon\nnew-1,family," FX_OFFER ",\"52,38\",4.6\n"),
      M("row 2, column lat")),
    R(itav_import_participants_csv_string, "latitude 95", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer,lat,lon\nnew-1,family," FX_OFFER ",95,4.6\n"),
      M("row 2, column lat")),
    R(itav_import_participants_csv_string, "latitude nan", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer,lat,lon\nnew-1,family," FX_OFFER ",nan,4.6\n"),
      M("row 2, column lat")),
    R(itav_import_participants_csv_string, "a latitude without a longitude", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer,lat\nnew-1,family," FX_OFFER ",52\n"),
      M("row 2, column lat: lat is set but lon is empty")),
    R(itav_import_participants_csv_string, "an age range with min above max", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer,age_min,age_max\nnew-1,volunteer," FX_OFFER ",20,10\n"),
      M("row 2, column age_max: age_max 10 is below age_min 20")),
    R(itav_import_participants_csv_string, "a language that is not ISO 639-1", E(ITAV_EFORMAT),
      S(1, CSV_WITH("languages", "xx")), M("row 2, column languages")),
    R(itav_import_participants_csv_string, "languages separated by a comma", E(ITAV_EFORMAT),
      S(1, CSV_WITH("languages", "\"nl, ar\"")), M("row 2, column languages")),
    R(itav_import_participants_csv_string, "an unknown slot", E(ITAV_EFORMAT),
      S(1, CSV_WITH("availability", "wed_noon")), M("row 2, column availability")),
    R(itav_import_participants_csv_string, "a boolean that is not one", E(ITAV_EFORMAT),
      S(1, CSV_WITH("trained", "maybe")), M("row 2, column trained")),
    R(itav_import_participants_csv_string, "a postcode of four digits and three letters",
      E(ITAV_EFORMAT), S(1, CSV_WITH("postcode", "2011 ABC")), M("row 2, column postcode")),
    R(itav_import_participants_csv_string, "max distance -1", E(ITAV_EFORMAT),
      S(1, CSV_WITH("max_distance_m", "-1")), M("row 2, column max_distance_m")),
    R(itav_import_participants_csv_string, "status matched", E(ITAV_EFORMAT),
      S(1, CSV_WITH("status", "matched")), M("row 2, column status")),
    R(itav_import_participants_csv_string, "status available for a family", E(ITAV_EFORMAT),
      S(1, CSV_WITH("status", "available")), M("row 2, column status")),
    R(itav_import_participants_csv_string, "an exclusion of itself", E(ITAV_EFORMAT),
      S(1, CSV_WITH("exclusions", "new-1")), M("row 2, column exclusions")),
    R(itav_import_participants_csv_string, "a ref already in the store", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer\n" FX_ASK2 ",family," FX_OFFER "\n"), M(FX_ASK2)),
    R(itav_import_participants_csv_string, "a ref twice in the file", E(ITAV_EFORMAT),
      S(1, "ref,kind\nx,family\nx,family\n"), M("row 3, column ref")),
    R(itav_import_participants_csv_string, "an offer not in the store", E(ITAV_EFORMAT),
      S(1, "ref,kind,offer\nx,family,nope\n"), M("no offer \"nope\"")),
    R(itav_import_participants_csv_string, "a default offer that is not an id", E(ITAV_EINVAL),
      S(3, "Bad Offer"), M("Bad Offer")),
    R(itav_import_participants_csv_string, "a default offer with invalid UTF-8", E(ITAV_EINVAL),
      S(3, "of" U_FF), M("default offer")),
    R(itav_import_participants_csv_string, "a default offer not in the store", E(ITAV_EFORMAT),
      S(1, "ref,kind\nx,family\n"), S(3, "nope"), M("the default offer \"nope\"")),
    R(itav_import_participants_csv_string, "a quoted field never closed", E(ITAV_EFORMAT),
      S(1, "ref,kind\n\"x,family\n"), M("never closed")),
    R(itav_import_participants_csv_string, "text after a closing quote", E(ITAV_EFORMAT),
      S(1, "ref,kind\n\"x\"y,family\n"), M("row 2: a quote inside a field")),
    R(itav_import_participants_csv_string, "a value in a column without a name", E(ITAV_EFORMAT),
      S(1, "ref,kind,\nx,family,oops\n"), M("row 2, column C: a value in a column without")),
    R(itav_import_participants_csv_string, "a value right of the last column", E(ITAV_EFORMAT),
      S(1, "ref,kind\nx,family,oops\n"), M("row 2, column C: a value in a column without")),
    R(itav_import_participants_csv_string, "a control character in the name argument",
      E(ITAV_EFORMAT), S(1, ""), S(2, "people\x1b[31m.csv"), M("people\\x1b[31m.csv: no header")),
    R(itav_import_participants_csv_string, "invalid UTF-8 in the name argument",
      E(ITAV_EFORMAT), S(1, ""), S(2, "people" U_SURROGATE ".csv"),
      M("people\\xed\\xa0\\x80.csv: no header")),
};

const row_table rows_core = {rows, sizeof rows / sizeof *rows};

/* Parameters whose documentation allows NULL (so they need no NULL row), with the reason. */
#define B(k) (1u << (k))
const null_ok null_allowed[] = {
    {"itav_import_json_string", B(2), "name: NULL names the text \"<string>\""},
    {"itav_intervention_from_json", B(1), "db: only receives the message; may be NULL"},
    {"itav_offer_from_json", B(1), "db: only receives the message; may be NULL"},
    {"itav_participant_from_json", B(1), "db: only receives the message; may be NULL"},
    {"itav_import_participants_csv_file", B(2), "offer: NULL when every row names its offer"},
    {"itav_import_participants_csv_string", B(2) | B(3),
     "name: NULL names the text \"<string>\"; offer: NULL when every row names its offer"},
    {"itav_import_participants_csv_file_v2", B(2), "offer: NULL when every row names its offer"},
    {"itav_import_participants_csv_string_v2", B(2) | B(3),
     "name: NULL names the text \"<string>\"; offer: NULL when every row names its offer"},
    {"itav_import_counts", B(0) | B(1) | B(2), "each count: NULL when not wanted"},
    {"itav_figure_new", B(5), "text: may be NULL except for ITAV_QTY_TEXT"},
    {"itav_figure_set_period", B(1), "NULL clears it"},
    {"itav_figure_set_where", B(1), "NULL clears it"},
    {"itav_figure_set_note", B(1), "NULL clears it"},
    {"itav_figure_set_source", B(1), "NULL clears it"},
    {"itav_milestone_set_text", B(1), "NULL clears it"},
    {"itav_milestone_set_source", B(1), "NULL clears it"},
    {"itav_role_set_description", B(1), "NULL clears it"},
    {"itav_role_set_training", B(1), "NULL clears it"},
    {"itav_intervention_set_summary", B(1), "NULL clears it"},
    {"itav_intervention_set_conditions", B(1), "NULL clears them"},
    {"itav_intervention_set_source", B(2), "NULL clears the reference"},
    {"itav_intervention_set_element", B(4) | B(5), "evidence and reference may be NULL"},
    {"itav_intervention_list", B(2), "NULL filter lists everything"},
    {"itav_intervention_set_plan", B(1), "NULL removes the plan"},
    {"itav_offer_set_name", B(1), "NULL clears it"},
    {"itav_offer_set_region", B(1), "NULL clears it"},
    {"itav_offer_set_provider", B(1), "NULL clears it"},
    {"itav_offer_set_contact", B(1), "NULL clears it"},
    {"itav_offer_set_programme", B(1), "NULL clears it"},
    {"itav_offer_set_source", B(2), "NULL clears the reference"},
    {"itav_offer_set_plan", B(1), "NULL removes the plan"},
    {"itav_offer_list", B(2) | B(3), "NULL intervention or municipality: any"},
    {"itav_plan_set_source", B(2), "NULL clears the reference"},
    {"itav_participant_set_municipality", B(1), "NULL clears it"},
    {"itav_participant_set_postcode", B(1), "NULL clears it"},
    {"itav_participant_location", B(1) | B(2), "lat and lon may be NULL"},
    {"itav_participant_age_range", B(1) | B(2), "min and max may be NULL"},
    {"itav_participant_erase", B(2), "new_ref may be NULL"},
    {"itav_participant_erase_at", B(3), "report may be NULL"},
    {"itav_erasure_closed", B(2), "state may be NULL"},
    {"itav_participant_list", B(2), "NULL filter lists everything"},
    {"itav_match_transition", B(2) | B(3) | B(4) | B(5), "each out parameter may be NULL"},
    {"itav_match_propose", B(0) | B(6) | B(7), "id, note and options may be NULL"},
    {"itav_match_advance", B(6), "note may be NULL"},
    {"itav_match_list", B(2), "NULL filter lists everything"},
    {"itav_match_due", B(2), "NULL offer: every offer"},
    {"itav_participant_due", B(2), "NULL offer: every offer"},
    {"itav_suggestion_criterion", B(2) | B(3), "value and weight may be NULL"},
    {"itav_match_score_pair", B(4), "NULL options: the defaults"},
    {"itav_match_suggest", B(4), "NULL options: the defaults"},
    {"itav_match_assign", B(3), "NULL options: the defaults"},
    {"itav_review_set_safety", B(2), "NULL: no note"},
    {"itav_review_set_note", B(1), "NULL clears it"},
    {"itav_review_add", B(0), "id may be NULL"},
    {"itav_review_list", B(2) | B(3), "NULL match or offer: any"},
    {"itav_indicator_scale", B(1) | B(2), "low and high may be NULL"},
    {"itav_indicator_set_name", B(1), "NULL clears it"},
    {"itav_indicator_set_unit", B(1), "NULL clears it"},
    {"itav_indicator_set_note", B(1), "NULL clears it"},
    {"itav_indicator_set_source", B(1), "NULL clears it"},
    {"itav_indicator_set_derived", B(2), "NULL municipality: the whole offer"},
    {"itav_intervention_set_factor", B(2), "NULL source: none"},
    {"itav_indicator_set_baseline", B(5) | B(6), "text and source may be NULL"},
    {"itav_indicator_baseline", B(1) | B(2) | B(3) | B(4), "each out parameter may be NULL"},
    {"itav_indicator_add_target", B(6) | B(7), "text and source may be NULL"},
    {"itav_indicator_target", B(2) | B(3) | B(4) | B(5) | B(6), "each out parameter may be NULL"},
    {"itav_indicator_add_measurement", B(2) | B(6) | B(7), "period, text and source may be NULL"},
    {"itav_indicator_measurement", B(2) | B(3) | B(4) | B(5), "each out parameter may be NULL"},
    {"itav_indicator_attainment", B(1), "why may be NULL"},
    {"itav_indicator_attainment_lang", B(1), "why may be NULL"},
    {"itav_indicator_measure", B(3) | B(7) | B(8), "period, text and source may be NULL"},
    {"itav_indicator_list", B(2), "NULL offer: every offer"},
    {"itav_release_record", B(0), "NULL id: not wanted"},
    {"itav_release_list", B(2), "NULL offer: every offer"},
    {"itav_release_parameters", B(0) | B(1) | B(2) | B(3), "each out parameter may be NULL"},
    {"itav_release_cell", B(0) | B(1) | B(2) | B(3) | B(4), "each out parameter may be NULL"},
    {"itav_indicator_derive", B(1) | B(4) | B(5), "basis, offer and municipality may be NULL"},
    {"itav_indicator_derive_for", B(1), "basis may be NULL"},
    {"itav_portfolio_build", B(2), "NULL filter: every intervention"},
    {"itav_portfolio_coverage", B(2) | B(3), "present and known may be NULL"},
    {"itav_portfolio_to_json", B(2), "NULL: one portfolio"},
    {"itav_portfolio_svg", B(2) | B(3) | B(4), "titles and the second portfolio may be NULL"},
    {"itav_report_programme", B(3), "NULL options: the defaults"},
    {"itav_access_set_ages", B(3), "NULL source: none"},
    {"itav_access_add", B(4), "NULL source: none"},
    {"itav_access_at", B(0) | B(1) | B(2) | B(3), "each out parameter may be NULL"},
    {"itav_intervention_set_access", B(1), "NULL removes the sheet"},
    {"itav_offer_set_access", B(1), "NULL removes the sheet"},
};
const size_t null_allowed_count = sizeof null_allowed / sizeof *null_allowed;
