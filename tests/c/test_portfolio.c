/* Element portfolios (itav/portfolio.h): filters, coverage, the setting by scope table, the
 * four flags, JSON and the radar chart. The store tests run on every store; one case checks
 * the catalogue against seed 001's summary table (lines 2372-2385). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- fixture ---- */

/* Statuses per element 1..8: '+' present, '-' absent, '.' not stated. */
static void state(itav_intervention *iv, itav_profile_source src, const char *elements)
{
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
        itav_status st = elements[e - 1] == '+'   ? ITAV_STATUS_PRESENT
                         : elements[e - 1] == '-' ? ITAV_STATUS_ABSENT
                                                  : ITAV_STATUS_UNKNOWN;
        ck_assert_int_eq(itav_intervention_set_element(iv, src, (itav_element)e, st, NULL, NULL),
                         ITAV_OK);
    }
}

static itav_intervention *intervention(const char *id, itav_setting setting, itav_scope scope)
{
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_new(&iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_setting(iv, setting), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_scope(iv, scope), ITAV_OK);
    return iv;
}

static void save(itav_db *db, itav_intervention *iv)
{
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
}

static void offer(itav_db *db, const char *id, const char *intervention_id,
                  const char *municipality, const char *region)
{
    itav_offer *of;
    ck_assert_int_eq(itav_offer_new(&of, id, intervention_id), ITAV_OK);
    ck_assert_int_eq(itav_offer_add_text(of, ITAV_TEXT_MUNICIPALITIES, municipality), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_region(of, region), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

/* Five interventions (in id order):
 *   alpha    informal/individual, all eight present (table), names Haarlem itself
 *   bravo    formal/collective, 2 4 5 present, 1 3 absent, 6-8 not stated (sections),
 *            names the region Kennemerland itself
 *   charlie  nothing stated about setting/scope, 1 3 6 7 8 present, 2 4 5 absent (other),
 *            an offer in Zandvoort, region Zuid-Kennemerland
 *   delta    informal/collective, no profile at all, an offer in Haarlem, region
 *            Zuid-Kennemerland
 *   echo     mixed/mixed, table: 1-4 present and 5-8 absent; sections: all eight present */
static void fixture(itav_db *db)
{
    itav_intervention *iv = intervention("alpha", ITAV_SETTING_INFORMAL, ITAV_SCOPE_INDIVIDUAL);
    state(iv, ITAV_PROFILE_TABLE, "++++++++");
    ck_assert_int_eq(itav_intervention_add_text(iv, ITAV_TEXT_MUNICIPALITIES, "Haarlem"),
                     ITAV_OK);
    save(db, iv);
    iv = intervention("bravo", ITAV_SETTING_FORMAL, ITAV_SCOPE_COLLECTIVE);
    state(iv, ITAV_PROFILE_SECTIONS, "-+-++...");
    ck_assert_int_eq(itav_intervention_add_text(iv, ITAV_TEXT_REGIONS, "Kennemerland"), ITAV_OK);
    save(db, iv);
    iv = intervention("charlie", 0, 0);
    state(iv, ITAV_PROFILE_OTHER, "+-+--+++");
    save(db, iv);
    offer(db, "charlie-zandvoort", "charlie", "Zandvoort", "Zuid-Kennemerland");
    save(db, intervention("delta", ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE));
    offer(db, "delta-haarlem", "delta", "Haarlem", "Zuid-Kennemerland");
    iv = intervention("echo", ITAV_SETTING_MIXED, ITAV_SCOPE_MIXED);
    state(iv, ITAV_PROFILE_TABLE, "++++----");
    state(iv, ITAV_PROFILE_SECTIONS, "++++++++");
    save(db, iv);
}

static itav_portfolio *build(itav_db *db, const itav_portfolio_filter *f)
{
    itav_portfolio *p = NULL;
    ck_assert_msg(itav_portfolio_build(&p, db, f) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_ptr_nonnull(p);
    return p;
}

/* The members, or a flag's list, joined with spaces ("alpha delta"). */
static const char *joined(const itav_portfolio *p, int flag)
{
    static char buf[512];
    buf[0] = '\0';
    size_t n = flag ? itav_portfolio_flag_count(p, flag) : itav_portfolio_count(p);
    for (size_t i = 0; i < n; i++) {
        const char *id = flag ? itav_portfolio_flagged(p, flag, i) : itav_portfolio_member(p, i);
        ck_assert_ptr_nonnull(id);
        if (i)
            strcat(buf, " ");
        strcat(buf, id);
    }
    ck_assert_ptr_null(flag ? itav_portfolio_flagged(p, flag, n) : itav_portfolio_member(p, n));
    return buf;
}

static const char *members_where(itav_db *db, const char *municipality, const char *region,
                                 const char *const *ids, size_t n)
{
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    f.municipality = municipality;
    f.region = region;
    f.ids = ids;
    f.id_count = n;
    itav_portfolio *p = build(db, &f);
    const char *s = joined(p, 0);
    itav_portfolio_free(p);
    return s;
}

static void assert_coverage(const itav_portfolio *p, itav_element e, size_t present,
                            size_t known)
{
    size_t got_present = 99, got_known = 99;
    ck_assert_int_eq(itav_portfolio_coverage(p, e, &got_present, &got_known), ITAV_OK);
    ck_assert_msg(got_present == present && got_known == known,
                  "element %d: present %zu known %zu, expected %zu and %zu", e, got_present,
                  got_known, present, known);
}

/* ---- building and reading ---- */

START_TEST(coverage_table_and_flags)
{
    itav_db *db = open_store(_i);
    fixture(db);
    itav_portfolio *p = build(db, NULL);
    ck_assert_uint_eq(itav_portfolio_count(p), 5);
    ck_assert_str_eq(joined(p, 0), "alpha bravo charlie delta echo");
    /* each member's profile in use; delta states nothing, so it counts for no element */
    static const size_t present[] = {0, 3, 3, 3, 3, 2, 2, 2, 2};
    static const size_t known[] = {0, 4, 4, 4, 4, 4, 3, 3, 3};
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        assert_coverage(p, (itav_element)e, present[e], known[e]);
    size_t only_present = 0;
    ck_assert_int_eq(itav_portfolio_coverage(p, ITAV_ELEMENT_DEMAND_LED, &only_present, NULL),
                     ITAV_OK);
    ck_assert_uint_eq(only_present, 2);
    ck_assert_int_eq(itav_portfolio_coverage(p, ITAV_ELEMENT_DEMAND_LED, NULL, NULL), ITAV_OK);

    size_t total = 0;
    for (int s = 0; s <= ITAV_SETTING_MIXED; s++)
        for (int c = 0; c <= ITAV_SCOPE_MIXED; c++)
            total += itav_portfolio_cell(p, (itav_setting)s, (itav_scope)c);
    ck_assert_uint_eq(total, 5);
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_INFORMAL, ITAV_SCOPE_INDIVIDUAL), 1);
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE), 1);
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_FORMAL, ITAV_SCOPE_COLLECTIVE), 1);
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_MIXED, ITAV_SCOPE_MIXED), 1);
    ck_assert_uint_eq(itav_portfolio_cell(p, 0, 0), 1);
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_FORMAL, ITAV_SCOPE_INDIVIDUAL), 0);
    ck_assert_uint_eq(itav_portfolio_cell(p, 4, ITAV_SCOPE_INDIVIDUAL), 0);
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_MIXED, 4), 0);
    ck_assert_uint_eq(itav_portfolio_cell(p, (itav_setting)-1, 0), 0);

    /* charlie states five present: not "fewer than five"; echo four */
    ck_assert_str_eq(joined(p, ITAV_FLAG_FEW_ELEMENTS), "bravo delta echo");
    ck_assert_str_eq(joined(p, ITAV_FLAG_NO_INFORMAL), "charlie delta");
    ck_assert_str_eq(joined(p, ITAV_FLAG_NO_EQUALITY), "charlie delta");
    ck_assert_str_eq(joined(p, ITAV_FLAG_NO_DEMAND_LED), "charlie delta echo");
    ck_assert_uint_eq(itav_portfolio_flag_count(p, 0), 0);
    ck_assert_uint_eq(itav_portfolio_flag_count(p, 5), 0);
    ck_assert_ptr_null(itav_portfolio_flagged(p, 5, 0));
    itav_portfolio_free(p);
    close_store(db);
}
END_TEST

START_TEST(filters)
{
    itav_db *db = open_store(_i);
    fixture(db);
    /* by the intervention's own municipalities, and by its offers' (ASCII case ignored) */
    ck_assert_str_eq(members_where(db, "Haarlem", NULL, NULL, 0), "alpha delta");
    ck_assert_str_eq(members_where(db, "HAARLEM", NULL, NULL, 0), "alpha delta");
    ck_assert_str_eq(members_where(db, "Zandvoort", NULL, NULL, 0), "charlie");
    ck_assert_str_eq(members_where(db, "Heemstede", NULL, NULL, 0), "");
    /* a municipality is not a region, nor the other way round */
    ck_assert_str_eq(members_where(db, "Zuid-Kennemerland", NULL, NULL, 0), "");
    ck_assert_str_eq(members_where(db, NULL, "Zuid-Kennemerland", NULL, 0), "charlie delta");
    ck_assert_str_eq(members_where(db, NULL, "zuid-kennemerland", NULL, 0), "charlie delta");
    ck_assert_str_eq(members_where(db, NULL, "Kennemerland", NULL, 0), "bravo");
    ck_assert_str_eq(members_where(db, NULL, "Haarlem", NULL, 0), "");
    /* ids: in id order whatever the order asked, a repeated id once */
    const char *const ids[] = {"echo", "alpha", "echo"};
    ck_assert_str_eq(members_where(db, NULL, NULL, ids, 3), "alpha echo");
    ck_assert_str_eq(members_where(db, NULL, NULL, ids, 1), "echo");
    ck_assert_str_eq(members_where(db, NULL, NULL, ids, 0), "");
    /* every condition that is set must hold */
    ck_assert_str_eq(members_where(db, "Haarlem", "Zuid-Kennemerland", NULL, 0), "delta");
    const char *const some[] = {"alpha", "charlie", "delta"};
    ck_assert_str_eq(members_where(db, "Haarlem", NULL, some, 3), "alpha delta");
    ck_assert_str_eq(members_where(db, "Haarlem", NULL, some, 2), "alpha");
    ck_assert_str_eq(members_where(db, "Zandvoort", "Zuid-Kennemerland", some, 3), "charlie");
    ck_assert_str_eq(members_where(db, "Zandvoort", "Kennemerland", some, 3), "");
    close_store(db);
}
END_TEST

START_TEST(profile_source)
{
    itav_db *db = open_store(_i);
    fixture(db);
    const char *const ids[] = {"alpha", "echo"};
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    f.ids = ids;
    f.id_count = 2;
    /* in use: the table for both */
    itav_portfolio *p = build(db, &f);
    assert_coverage(p, ITAV_ELEMENT_DEMAND_LED, 1, 2);
    ck_assert_str_eq(joined(p, ITAV_FLAG_FEW_ELEMENTS), "echo");
    itav_portfolio_free(p);
    /* the sections: echo states all eight, alpha nothing */
    f.source = ITAV_PROFILE_SECTIONS;
    p = build(db, &f);
    assert_coverage(p, ITAV_ELEMENT_DEMAND_LED, 1, 1);
    assert_coverage(p, ITAV_ELEMENT_POSITIVE_FOCUS, 1, 1);
    ck_assert_str_eq(joined(p, ITAV_FLAG_FEW_ELEMENTS), "alpha");
    ck_assert_str_eq(joined(p, ITAV_FLAG_NO_DEMAND_LED), "alpha");
    itav_portfolio_free(p);
    /* another source: neither states anything there */
    f.source = ITAV_PROFILE_OTHER;
    p = build(db, &f);
    assert_coverage(p, ITAV_ELEMENT_DOUBTS_NORMAL, 0, 0);
    ck_assert_str_eq(joined(p, ITAV_FLAG_FEW_ELEMENTS), "alpha echo");
    itav_portfolio_free(p);
    close_store(db);
}
END_TEST

/* A failed build: the code, the message, nothing handed out, the store unchanged. */
static void refused(itav_db *db, const itav_portfolio_filter *f, int code, const char *part)
{
    char *before = export_text(db);
    static char untouched;
    itav_portfolio *const sentinel = (itav_portfolio *)&untouched;
    itav_portfolio *p = sentinel;
    ck_assert_int_eq(itav_portfolio_build(&p, db, f), code);
    ck_assert_ptr_eq(p, sentinel);
    assert_msg(db, part);
    char *after = export_text(db);
    ck_assert_str_eq(after, before);
    itav_free(before);
    itav_free(after);
}

START_TEST(bad_filters)
{
    itav_db *db = open_store(_i);
    fixture(db);
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    f.version = 0;
    refused(db, &f, ITAV_EVERSION, "version 0");
    f.version = ITAV_PORTFOLIO_FILTER_VERSION + 1;
    refused(db, &f, ITAV_EVERSION, "version 2");
    f.version = ITAV_PORTFOLIO_FILTER_VERSION;
    f.source = (itav_profile_source)4;
    refused(db, &f, ITAV_EINVAL, "profile source 4");
    f.source = (itav_profile_source)-1;
    refused(db, &f, ITAV_EINVAL, "profile source -1");
    f.source = ITAV_PROFILE_DEFAULT;
    f.id_count = 2;
    refused(db, &f, ITAV_EINVAL, "ids is NULL");
    const char *const unknown[] = {"alpha", "zulu"};
    f.ids = unknown;
    refused(db, &f, ITAV_ENOTFOUND, "ids[1]: no intervention \"zulu\"");
    const char *const holes[] = {"alpha", NULL};
    f.ids = holes;
    refused(db, &f, ITAV_EINVAL, "ids[1] is NULL");
    ck_assert_int_eq(itav_portfolio_build(NULL, db, NULL), ITAV_EINVAL);
    assert_msg(db, "no place for the portfolio");
    itav_portfolio *p = NULL;
    ck_assert_int_eq(itav_portfolio_build(&p, NULL, NULL), ITAV_EINVAL);
    ck_assert_ptr_null(p);
    close_store(db);
}
END_TEST

START_TEST(null_and_empty)
{
    ck_assert_uint_eq(itav_portfolio_count(NULL), 0);
    ck_assert_ptr_null(itav_portfolio_member(NULL, 0));
    ck_assert_int_eq(itav_portfolio_coverage(NULL, ITAV_ELEMENT_EQUALITY, NULL, NULL),
                     ITAV_EINVAL);
    ck_assert_uint_eq(itav_portfolio_cell(NULL, 0, 0), 0);
    ck_assert_uint_eq(itav_portfolio_flag_count(NULL, ITAV_FLAG_FEW_ELEMENTS), 0);
    ck_assert_ptr_null(itav_portfolio_flagged(NULL, ITAV_FLAG_FEW_ELEMENTS, 0));
    itav_portfolio_free(NULL);

    itav_db *db = open_store(STORE_MEMORY);
    itav_portfolio *p = build(db, NULL); /* an empty store */
    ck_assert_uint_eq(itav_portfolio_count(p), 0);
    ck_assert_ptr_null(itav_portfolio_member(p, 0));
    assert_coverage(p, ITAV_ELEMENT_EQUALITY, 0, 0);
    ck_assert_int_eq(itav_portfolio_coverage(p, 0, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_portfolio_coverage(p, 9, NULL, NULL), ITAV_EINVAL);
    ck_assert_uint_eq(itav_portfolio_flag_count(p, ITAV_FLAG_NO_EQUALITY), 0);
    char *json = NULL, *svg = NULL;
    ck_assert_int_eq(itav_portfolio_to_json(&json, p, NULL), ITAV_OK);
    ck_assert_ptr_nonnull(strstr(json, "\"count\": 0"));
    ck_assert_ptr_nonnull(strstr(json, "\"share\": null")); /* a share of nothing */
    itav_free(json);
    ck_assert_int_eq(itav_portfolio_svg(&svg, p, NULL, NULL, NULL), ITAV_EINVAL);
    ck_assert_ptr_null(svg);
    itav_portfolio_free(p);
    close_store(db);
}
END_TEST

/* ---- JSON ---- */

/* Braces and brackets outside strings pair up, and the text ends after the outermost. */
static void assert_balanced(const char *json)
{
    char stack[64];
    size_t depth = 0;
    bool in_string = false, closed = false;
    for (const char *c = json; *c; c++) {
        if (in_string) {
            if (*c == '\\')
                c++;
            else if (*c == '"')
                in_string = false;
            continue;
        }
        ck_assert_msg(!closed || *c == '\n' || *c == ' ', "text after the document");
        if (*c == '"')
            in_string = true;
        else if (*c == '{' || *c == '[')
            stack[depth++] = *c == '{' ? '}' : ']';
        else if (*c == '}' || *c == ']') {
            ck_assert_msg(depth > 0 && stack[depth - 1] == *c, "unbalanced at %.20s", c);
            closed = --depth == 0;
        }
    }
    ck_assert(closed && !in_string);
}

START_TEST(json_single_and_compared)
{
    itav_db *db = open_store(STORE_MEMORY);
    fixture(db);
    itav_portfolio *all = build(db, NULL);
    char *json = NULL;
    ck_assert_int_eq(itav_portfolio_to_json(&json, all, NULL), ITAV_OK);
    assert_balanced(json);
    static const char *const parts[] = {
        "\"count\": 5",
        "\"members\": [\n    \"alpha\",\n    \"bravo\",\n    \"charlie\",\n    \"delta\",\n"
        "    \"echo\"\n  ]",
        "\"doubts_normal\": {\n      \"present\": 3,\n      \"known\": 4,\n      \"share\": 0.6\n",
        "\"no_problematising\": {\n      \"present\": 2,\n      \"known\": 3,\n"
        "      \"share\": 0.4\n",
        "\"informal\": {\n      \"individual\": 1,\n      \"collective\": 1,\n"
        "      \"mixed\": 0,\n      \"not_stated\": 0\n    }",
        "\"not_stated\": {\n      \"individual\": 0,\n      \"collective\": 0,\n"
        "      \"mixed\": 0,\n      \"not_stated\": 1\n    }",
        "\"few_elements\": [\n      \"bravo\",\n      \"delta\",\n      \"echo\"\n    ]",
        "\"no_informal_support\": [\n      \"charlie\",\n      \"delta\"\n    ]",
        "\"no_demand_led\": [\n      \"charlie\",\n      \"delta\",\n      \"echo\"\n    ]"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        ck_assert_msg(strstr(json, parts[i]), "missing %s in\n%s", parts[i], json);
    ck_assert_ptr_null(strstr(json, "\"profile\"")); /* the profile in use */
    ck_assert_ptr_null(strstr(json, "\"difference\""));
    itav_free(json);

    /* alpha against bravo's sections profile: differences are share b minus share a */
    const char *const alpha[] = {"alpha"}, *const bravo[] = {"bravo"};
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    f.ids = alpha;
    f.id_count = 1;
    itav_portfolio *a = build(db, &f);
    f.ids = bravo;
    f.source = ITAV_PROFILE_SECTIONS;
    itav_portfolio *b = build(db, &f);
    ck_assert_int_eq(itav_portfolio_to_json(&json, a, b), ITAV_OK);
    assert_balanced(json);
    char *a_at = strstr(json, "\n  \"a\": {"), *b_at = strstr(json, "\n  \"b\": {"),
         *d_at = strstr(json, "\n  \"difference\": {");
    ck_assert_msg(a_at && b_at && d_at && a_at < b_at && b_at < d_at, "%s", json);
    ck_assert_ptr_nonnull(strstr(b_at, "\"profile\": \"sections\""));
    ck_assert_ptr_nonnull(strstr(d_at, "\"doubts_normal\": -1,"));
    ck_assert_ptr_nonnull(strstr(d_at, "\"informal_support\": 0,"));
    ck_assert_ptr_nonnull(strstr(d_at, "\"broad_context\": -1,"));
    itav_free(json);
    ck_assert_int_eq(itav_portfolio_to_json(NULL, a, b), ITAV_EINVAL);
    ck_assert_int_eq(itav_portfolio_to_json(&json, NULL, b), ITAV_EINVAL);
    itav_portfolio_free(a);
    itav_portfolio_free(b);
    itav_portfolio_free(all);
    close_store(db);
}
END_TEST

/* ---- the radar chart ---- */

/* The text of every axis label, its lines joined with a space, in drawing order. */
static int axis_labels(const char *svg, char labels[][128], int max)
{
    int n = 0;
    for (const char *p = svg; n < max && (p = strstr(p, "class=\"axis-label\"")); n++) {
        const char *end = strstr(p, "</text>");
        ck_assert_ptr_nonnull(end);
        p = strchr(p, '>') + 1; /* past the <text> tag */
        char *out = labels[n];
        size_t len = 0;
        bool in_tag = false, first_span = true;
        for (; p < end; p++) {
            if (*p == '<') {
                in_tag = true;
                if (strncmp(p, "<tspan", 6) == 0 && !first_span)
                    out[len++] = ' ';
                if (strncmp(p, "<tspan", 6) == 0)
                    first_span = false;
            } else if (*p == '>') {
                in_tag = false;
            } else if (!in_tag && len + 1 < 128) {
                out[len++] = *p;
            }
        }
        out[len] = '\0';
    }
    return n;
}

static size_t occurrences(const char *text, const char *part)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, part)); p += strlen(part))
        n++;
    return n;
}

START_TEST(svg_chart)
{
    itav_db *db = open_store(STORE_MEMORY);
    fixture(db);
    itav_portfolio *all = build(db, NULL);
    const char *const bravo[] = {"bravo"}, *const alpha[] = {"alpha"};
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    f.ids = bravo;
    f.id_count = 1;
    itav_portfolio *one = build(db, &f);
    f.ids = alpha;
    itav_portfolio *full = build(db, &f);
    char *svg = NULL, *again = NULL, labels[8][128];

    ck_assert_int_eq(itav_portfolio_svg(&svg, all, "Tom & Jerry's <b>\"best\"</b>", one, NULL),
                     ITAV_OK);
    ck_assert_int_eq(strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
                                  "xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"", 84), 0);
    ck_assert_ptr_nonnull(strstr(svg, " viewBox=\"0 0 900 "));
    ck_assert_ptr_nonnull(strstr(svg, "</svg>\n"));
    ck_assert_int_eq(axis_labels(svg, labels, 8), 8);
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        ck_assert_str_eq(labels[e - 1], itav_element_label((itav_element)e, ITAV_LANG_EN));
    for (const char *pct = "25%\0" "50%\0" "75%\0" "100%\0"; *pct; pct += strlen(pct) + 1)
        ck_assert_msg(strstr(svg, pct), "no ring label %s", pct);
    /* two series, each a polygon with its own colour */
    ck_assert_ptr_nonnull(strstr(svg, "class=\"series series-a\""));
    ck_assert_ptr_nonnull(strstr(svg, "class=\"series series-b\""));
    ck_assert_ptr_nonnull(strstr(svg, "fill=\"#1f77b4\" fill-opacity=\"0.3\""));
    ck_assert_ptr_nonnull(strstr(svg, "fill=\"#e6550d\" fill-opacity=\"0.3\""));
    /* the legend: the escaped title with the count, then bravo named by its id */
    ck_assert_ptr_nonnull(
        strstr(svg, "Tom &amp; Jerry&apos;s &lt;b&gt;&quot;best&quot;&lt;/b&gt; (5 interventions)"));
    ck_assert_ptr_null(strstr(svg, "<b>"));
    ck_assert_ptr_nonnull(strstr(svg, ">bravo</tspan>"));
    /* series a: shares 3/5 on axis 1 (up): 0.6 * 210 above the centre at 340 */
    ck_assert_ptr_nonnull(strstr(svg, "points=\"450.0,214.0 "));
    /* bravo states nothing about 6, 7 and 8: three hollow markers and the note */
    ck_assert_uint_eq(occurrences(svg, "class=\"unknown\""), 3);
    ck_assert_ptr_nonnull(strstr(svg, "unknown: the source states nothing"));
    /* the same input gives the same bytes */
    ck_assert_int_eq(itav_portfolio_svg(&again, all, "Tom & Jerry's <b>\"best\"</b>", one, NULL),
                     ITAV_OK);
    ck_assert_str_eq(again, svg);
    itav_free(again);
    itav_free(svg);

    /* one intervention that states every element: no unknown markers, no note; its id names
     * it in the legend */
    ck_assert_int_eq(itav_portfolio_svg(&svg, full, NULL, NULL, NULL), ITAV_OK);
    ck_assert_ptr_null(strstr(svg, "class=\"unknown\""));
    ck_assert_ptr_null(strstr(svg, "unknown:"));
    ck_assert_ptr_null(strstr(svg, "series-b"));
    ck_assert_ptr_nonnull(strstr(svg, ">alpha</tspan>"));
    ck_assert_ptr_nonnull(strstr(svg, "<title>Element profile</title>"));
    itav_free(svg);
    /* an empty title is no title; characters XML 1.0 forbids are replaced */
    ck_assert_int_eq(itav_portfolio_svg(&svg, one, "", NULL, NULL), ITAV_OK);
    ck_assert_ptr_nonnull(strstr(svg, ">bravo</tspan>"));
    itav_free(svg);
    ck_assert_int_eq(itav_portfolio_svg(&svg, one, "A\xEF\xBF\xBF" "B\x01" "C", NULL, NULL),
                     ITAV_OK);
    ck_assert_ptr_nonnull(strstr(svg, ">A\xEF\xBF\xBD" "B C</tspan>"));
    itav_free(svg);

    /* bad input */
    svg = NULL;
    ck_assert_int_eq(itav_portfolio_svg(&svg, all, "\xff\xfe", NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_portfolio_svg(&svg, all, NULL, one, "\xc3"), ITAV_EINVAL);
    ck_assert_int_eq(itav_portfolio_svg(&svg, NULL, NULL, one, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_portfolio_svg(NULL, all, NULL, NULL, NULL), ITAV_EINVAL);
    ck_assert_ptr_null(svg);
    f.ids = NULL;
    f.id_count = 0;
    f.municipality = "Nowhere";
    itav_portfolio *empty = build(db, &f);
    ck_assert_int_eq(itav_portfolio_svg(&svg, all, NULL, empty, NULL), ITAV_EINVAL);
    ck_assert_ptr_null(svg);
    itav_portfolio_free(empty);
    itav_portfolio_free(full);
    itav_portfolio_free(one);
    itav_portfolio_free(all);
    close_store(db);
}
END_TEST

/* ---- the catalogue and seed 001 ---- */

/* The thirteen examples of seed 001 (rows of its summary table, lines 2373-2385). */
static const char *const examples[] = {"at-ease", "buurtgezinnen", "duo-coaching",
    "eigen-toekomst-plan", "ervaringscafe", "giz", "het-begint-bij-mij", "home-start",
    "jong-perspectief", "moeders-informeren-moeders", "ouderkamer", "pijnacker-nootdorp",
    "pinkies"};
#define EXAMPLES (sizeof examples / sizeof *examples)

/* Reads seed 001's summary table: per element the number of rows with a '+', and the rows
 * with fewer than five (the table's first cell). */
static void seed_table(size_t plus[ITAV_ELEMENT_COUNT + 1], char *few, size_t fewsize)
{
    char buf[8192];
    FILE *f = fopen(seed_path(1), "r");
    ck_assert_msg(f != NULL, "cannot read %s", seed_path(1));
    few[0] = '\0';
    for (int ln = 1; fgets(buf, sizeof buf, f) && ln <= 2385; ln++) {
        if (ln < 2373)
            continue;
        int e = 0, count = 0;
        for (char *c = buf; *c && *c != '\n'; c++) {
            if (*c == '\t')
                e++;
            else if (*c == '+' && e >= 1 && e <= ITAV_ELEMENT_COUNT)
                plus[e]++, count++;
        }
        ck_assert_msg(e == ITAV_ELEMENT_COUNT, "seed 001 L%d is not a table row", ln);
        if (count < 5) {
            *strchr(buf, '\t') = '\0';
            snprintf(few + strlen(few), fewsize - strlen(few), "%s;", buf);
        }
    }
    fclose(f);
}

static itav_db *catalog_store(void)
{
    itav_db *db = open_store(STORE_MEMORY);
    ck_assert_msg(itav_catalog_load(db) == ITAV_OK, "%s", itav_errmsg(db));
    return db;
}

/* The portfolio of the thirteen examples of seed 001, by the given profile. */
static itav_portfolio *examples_portfolio(itav_db *db, itav_profile_source source)
{
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    f.ids = examples;
    f.id_count = EXAMPLES;
    f.source = source;
    itav_portfolio *p = build(db, &f);
    ck_assert_uint_eq(itav_portfolio_count(p), 13);
    return p;
}

START_TEST(seed_001_examples)
{
    itav_db *db = catalog_store();
    itav_portfolio *p = examples_portfolio(db, ITAV_PROFILE_TABLE);
    /* 001:L2360: all examples state informal support, equality and demand-led */
    assert_coverage(p, ITAV_ELEMENT_INFORMAL_SUPPORT, 13, 13);
    assert_coverage(p, ITAV_ELEMENT_EQUALITY, 13, 13);
    assert_coverage(p, ITAV_ELEMENT_DEMAND_LED, 13, 13);
    ck_assert_uint_eq(itav_portfolio_flag_count(p, ITAV_FLAG_NO_INFORMAL), 0);
    ck_assert_uint_eq(itav_portfolio_flag_count(p, ITAV_FLAG_NO_EQUALITY), 0);
    ck_assert_uint_eq(itav_portfolio_flag_count(p, ITAV_FLAG_NO_DEMAND_LED), 0);
    /* 001:L2358: every example covers at least five elements (Pinkies exactly five,
     * 001:L2379), so nobody has fewer */
    ck_assert_str_eq(joined(p, ITAV_FLAG_FEW_ELEMENTS), "");
    /* 001:L128-130: informal/formal by individual/collective; Pijnacker-Nootdorp is a
     * municipality's policy, in neither dimension */
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_INFORMAL, ITAV_SCOPE_INDIVIDUAL), 5);
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_FORMAL, ITAV_SCOPE_INDIVIDUAL), 4);
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_INFORMAL, ITAV_SCOPE_COLLECTIVE), 2);
    ck_assert_uint_eq(itav_portfolio_cell(p, ITAV_SETTING_FORMAL, ITAV_SCOPE_COLLECTIVE), 1);
    ck_assert_uint_eq(itav_portfolio_cell(p, 0, 0), 1);

    /* the profile in use is the table for all of them */
    itav_portfolio_free(p);
    p = examples_portfolio(db, ITAV_PROFILE_DEFAULT);
    assert_coverage(p, ITAV_ELEMENT_EQUALITY, 13, 13);
    ck_assert_str_eq(joined(p, ITAV_FLAG_FEW_ELEMENTS), "");
    itav_portfolio_free(p);
    close_store(db);
}
END_TEST

/* Seed 001 itself: every element's coverage and the few_elements list of the thirteen
 * examples as the seed's summary table gives them. */
START_TEST(seed_001_table_coverage)
{
    itav_db *db = catalog_store();
    itav_portfolio *p = examples_portfolio(db, ITAV_PROFILE_TABLE);
    size_t plus[ITAV_ELEMENT_COUNT + 1] = {0};
    char few[512];
    seed_table(plus, few, sizeof few);
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        assert_coverage(p, (itav_element)e, plus[e], 13);
    ck_assert_str_eq(few, "");
    itav_portfolio_free(p);
    close_store(db);
}
END_TEST

static Suite *seed_suite(void)
{
    Suite *s = suite_create("portfolio-seeds");
    TCase *tc = tcase_create("seeds");
    tcase_add_test(tc, seed_001_table_coverage);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *portfolio_suite(void)
{
    Suite *s = suite_create("portfolio");
    TCase *tc = tcase_create("stores");
    tcase_add_loop_test(tc, coverage_table_and_flags, 0, STORE_COUNT);
    tcase_add_loop_test(tc, filters, 0, STORE_COUNT);
    tcase_add_loop_test(tc, profile_source, 0, STORE_COUNT);
    tcase_add_loop_test(tc, bad_filters, 0, STORE_COUNT);
    suite_add_tcase(s, tc);
    tc = tcase_create("output");
    tcase_add_test(tc, null_and_empty);
    tcase_add_test(tc, json_single_and_compared);
    tcase_add_test(tc, svg_chart);
    tcase_add_test(tc, seed_001_examples);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    return run_with_seeds(argc, argv, portfolio_suite, seed_suite, 1u << 1,
                          "the element coverage of the thirteen examples against the summary "
                          "table of seed 001");
}
