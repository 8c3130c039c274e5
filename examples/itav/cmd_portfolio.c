/* itav: element profiles and portfolios: profile and portfolio. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- profiles and portfolios ------------------------------------------------------------ */

static const char *const neutral_note_en =
    "This describes; it does not rank. More elements is not better (seed 001, line 2387):\n"
    "whether an intervention fits depends on the target group and the context.";
static const char *const neutral_note_nl =
    "Dit beschrijft en rangschikt niet. Meer elementen is niet beter (seed 001, regel 2387):\n"
    "of een interventie past, hangt af van de doelgroep en de context.";

static int build_portfolio(itav_portfolio **out, itav_db *db, const itav_portfolio_filter *f)
{
    int rc = itav_portfolio_build(out, db, f);
    return rc == ITAV_OK ? 0 : lib_error(db, rc);
}

/* The status of an element in the portfolio of one intervention. */
static itav_status member_status(const itav_portfolio *p, itav_element e)
{
    size_t present = 0, known = 0;
    itav_portfolio_coverage(p, e, &present, &known);
    return present ? ITAV_STATUS_PRESENT : known ? ITAV_STATUS_ABSENT : ITAV_STATUS_UNKNOWN;
}

/* Width of the widest element code (the labels are too long for a table). */
static size_t code_width(void)
{
    size_t w = 0;
    int e;
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        w = max_width(w, itav_element_code((itav_element)e));
    return w;
}

/* A comma-separated list that wraps at about 94 columns, continuing at an indent. */
typedef struct wrapped {
    size_t col, indent;
    int first;
} wrapped;

static void wrap_item(wrapped *w, const char *item)
{
    size_t n = utf8_width(item);
    if (!w->first && w->col + 2 + n > 94) {
        printf(",\n%*s", (int)w->indent, "");
        w->col = w->indent;
    } else if (!w->first) {
        printf(", ");
        w->col += 2;
    }
    fputs(item, stdout);
    w->col += n;
    w->first = 0;
}

/* Writes the radar chart of one or two portfolios to a file. */
static int write_svg(const char *path, const itav_portfolio *a, const char *title_a,
                     const itav_portfolio *b, const char *title_b)
{
    char *svg = NULL;
    int rc = itav_portfolio_svg(&svg, a, title_a, b, title_b);
    if (rc != ITAV_OK)
        return data_error("cannot draw the radar chart: %s", itav_strerror(rc));
    rc = write_file(path, svg);
    itav_free(svg);
    return rc;
}

/* Working-factor coverage of a portfolio for --json: per factor code, the members whose
 * practice shows it and their share of all members (null for an empty portfolio). */
static json_t *jfactor_coverage(const itav_portfolio *p)
{
    json_t *o = json_object();
    size_t n = itav_portfolio_count(p);
    for (int f = 1; f <= ITAV_FACTOR_COUNT; f++) {
        size_t k = itav_portfolio_factor_count(p, (itav_factor)f);
        json_t *e = json_object();
        json_object_set_new(e, "count", json_integer((json_int_t)k));
        json_object_set_new(e, "share", n ? jnumber((double)k / (double)n) : json_null());
        json_object_set_new(o, itav_factor_code((itav_factor)f), e);
    }
    return o;
}

/* A portfolio (one or two) as the library writes it, with each portfolio's working-factor
 * coverage added ("factor_coverage"), printed as indented JSON. */
static int print_portfolio_json(const itav_portfolio *a, const itav_portfolio *b)
{
    char *text = NULL;
    int rc = itav_portfolio_to_json(&text, a, b);
    json_t *root = jlibrary(text, rc, "a portfolio");
    json_object_set_new(b ? json_object_get(root, "a") : root, "factor_coverage",
                        jfactor_coverage(a));
    if (b)
        json_object_set_new(json_object_get(root, "b"), "factor_coverage", jfactor_coverage(b));
    return print_json_reals(root);
}

static void print_profile_text(const cli *c, itav_intervention *const iv[2],
                               itav_portfolio *const p[2])
{
    size_t cw = code_width(), w = 0, k, n = p[1] ? 2 : 1;
    char place[2][128];
    int e, differ = 0;

    printf(tr(c, "Element profile of %s (%s)", "Elementprofiel van %s (%s)"),
           itav_intervention_id(iv[0]), one_line(itav_intervention_name(iv[0])));
    if (p[1])
        printf(tr(c, " next to %s (%s)", " naast %s (%s)"), itav_intervention_id(iv[1]),
               one_line(itav_intervention_name(iv[1])));
    for (k = 0; k < n; k++) {
        snprintf(place[k], sizeof place[k], "%s, %s",
                 word(c, ITAV_CODE_SETTING, (int)itav_intervention_setting(iv[k])),
                 word(c, ITAV_CODE_SCOPE, (int)itav_intervention_scope(iv[k])));
        w = max_width(max_width(w, itav_intervention_id(iv[k])), place[k]);
    }
    w = max_width(w, word(c, ITAV_CODE_STATUS, ITAV_STATUS_UNKNOWN)) + 2;
    printf(":\n\n%*s", (int)cw + 6, "");
    for (k = 0; k < n; k++) {
        if (k + 1 < n)
            print_padded(itav_intervention_id(iv[k]), w);
        else
            printf("%s", itav_intervention_id(iv[k]));
    }
    putchar('\n');
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
        itav_status st[2] = {member_status(p[0], (itav_element)e), 0};
        printf("  %d  ", e);
        print_padded(itav_element_code((itav_element)e), cw + 1);
        if (!p[1]) {
            printf("%s\n", word(c, ITAV_CODE_STATUS, (int)st[0]));
            continue;
        }
        st[1] = member_status(p[1], (itav_element)e);
        print_padded(word(c, ITAV_CODE_STATUS, (int)st[0]), w);
        printf("%s%s\n", word(c, ITAV_CODE_STATUS, (int)st[1]), st[0] != st[1] ? " *" : "");
        differ |= st[0] != st[1];
    }
    printf("     ");
    print_padded(tr(c, "setting, scope", "setting, bereik"), cw + 1);
    if (p[1])
        print_padded(place[0], w);
    printf("%s\n", place[n - 1]);
    if (differ)
        printf("\n* %s\n", tr(c, "the two state something different about this element",
                              "de twee zeggen iets anders over dit element"));
    printf("\n%s\n", tr(c, neutral_note_en, neutral_note_nl));
}

static int cmd_profile_one(cli *c)
{
    const char *ids[2] = {c->args[1], OPTV(c, COMPARE)};
    itav_intervention *iv[2] = {NULL, NULL};
    itav_portfolio *p[2] = {NULL, NULL};
    itav_db *db;
    size_t k;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    for (k = 0; rc == 0 && k < 2 && ids[k]; k++) {
        itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
        int grc;
        f.ids = &ids[k];
        f.id_count = 1;
        if ((rc = build_portfolio(&p[k], db, &f)) == 0 &&
            (grc = itav_intervention_get(&iv[k], db, ids[k])) != ITAV_OK)
            rc = lib_error(db, grc);
    }
    itav_close(db);
    if (rc == 0 && OPTV(c, SVG))
        rc = write_svg(OPTV(c, SVG), p[0], itav_intervention_name(iv[0]), p[1],
                       p[1] ? itav_intervention_name(iv[1]) : NULL);
    if (rc == 0 && FLAG(c, JSON)) {
        rc = print_portfolio_json(p[0], p[1]);
    } else if (rc == 0) {
        print_profile_text(c, iv, p);
        if (OPTV(c, SVG))
            printf("\n%s %s\n", tr(c, "Radar chart:", "Radardiagram:"), OPTV(c, SVG));
    }
    for (k = 0; k < 2; k++) {
        itav_portfolio_free(p[k]);
        itav_intervention_free(iv[k]);
    }
    return rc;
}

/* What a portfolio filter selects, in words: "Haarlem", "region Zuid-Kennemerland, 3 ids". */
static void describe_filter(char *buf, size_t size, const cli *c, const char *municipality)
{
    size_t n = 0;
    buf[0] = '\0';
    if (municipality)
        n += (size_t)snprintf(buf + n, size - n, "%s", one_line(municipality));
    if (OPTV(c, REGION) && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%s%s %s", n ? ", " : "",
                              tr(c, "region", "regio"), OPTV(c, REGION));
    if (MANY(c, ID)->n && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%s%zu %s", n ? ", " : "", MANY(c, ID)->n,
                              MANY(c, ID)->n == 1 ? tr(c, "given id", "opgegeven id")
                                            : tr(c, "given ids", "opgegeven ids"));
    if (!n)
        snprintf(buf, size, "%s", tr(c, "every intervention", "alle interventies"));
}

static void print_members(const itav_portfolio *p)
{
    wrapped w = {2, 2, 1};
    size_t i, n = itav_portfolio_count(p);
    printf("  ");
    for (i = 0; i < n; i++)
        wrap_item(&w, itav_portfolio_member(p, i));
    putchar('\n');
}

/* "3/4  60%": stated present, stated at all, and the share of all members; the share is
 * "-" for an empty portfolio. Returns the share in percent, or NaN. */
static double coverage_text(char *buf, size_t size, const itav_portfolio *p, itav_element e)
{
    size_t present = 0, known = 0, n = itav_portfolio_count(p);
    double share;
    itav_portfolio_coverage(p, e, &present, &known);
    share = n ? 100.0 * (double)present / (double)n : NAN;
    if (n)
        snprintf(buf, size, "%zu/%zu %3.0f%%", present, known, share);
    else
        snprintf(buf, size, "%zu/%zu    -", present, known);
    return share;
}

/* Coverage per element; with b, both and the difference of the shares. */
static void print_coverage(const cli *c, const itav_portfolio *a, const itav_portfolio *b)
{
    size_t cw = code_width();
    int e;
    printf("\n%s\n", tr(c, "Coverage per element (stated present / stated at all, and the "
                            "share of all members stated present):",
                         "Dekking per element (aanwezig / uitgesproken, en het aandeel "
                         "van alle leden met het element aanwezig):"));
    if (b)
        printf("%*sA              B              B - A\n", (int)cw + 6, "");
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
        double sa, sb;
        char buf[64];
        printf("  %d  ", e);
        print_padded(itav_element_code((itav_element)e), cw + 1);
        sa = coverage_text(buf, sizeof buf, a, (itav_element)e);
        if (!b) {
            printf("%s\n", buf);
            continue;
        }
        print_padded(buf, 15);
        sb = coverage_text(buf, sizeof buf, b, (itav_element)e);
        print_padded(buf, 15);
        if (isnan(sa) || isnan(sb))
            printf("-\n");
        else
            printf("%+.0f\n", sb - sa);
    }
}

/* "3  60%": the members whose practice shows a working factor and their share of all
 * members ("-" for an empty portfolio). */
static void factor_text(char *buf, size_t size, const itav_portfolio *p, itav_factor f)
{
    size_t k = itav_portfolio_factor_count(p, f), n = itav_portfolio_count(p);
    if (n)
        snprintf(buf, size, "%zu %3.0f%%", k, 100.0 * (double)k / (double)n);
    else
        snprintf(buf, size, "%zu    -", k);
}

/* Coverage per working factor of seed 004 (itav/factor.h); with b, both side by side. */
static void print_factor_coverage(const cli *c, const itav_portfolio *a, const itav_portfolio *b)
{
    size_t w = 0;
    int f;
    for (f = 1; f <= ITAV_FACTOR_COUNT; f++)
        if (strlen(itav_factor_code((itav_factor)f)) > w)
            w = strlen(itav_factor_code((itav_factor)f));
    printf("\n%s\n", tr(c, "Coverage per working factor (members whose practice shows it, and "
                            "their share of all members):",
                         "Dekking per werkende factor (leden bij wie de praktijk hem laat zien, "
                         "en hun aandeel van alle leden):"));
    if (b)
        printf("%*sA         B\n", (int)w + 7, "");
    for (f = 1; f <= ITAV_FACTOR_COUNT; f++) {
        char buf[64];
        printf("  %2d  ", f);
        print_padded(itav_factor_code((itav_factor)f), w + 1);
        factor_text(buf, sizeof buf, a, (itav_factor)f);
        if (!b) {
            printf("%s\n", buf);
            continue;
        }
        print_padded(buf, 10);
        factor_text(buf, sizeof buf, b, (itav_factor)f);
        printf("%s\n", buf);
    }
}

/* The setting by scope table. */
static void print_cross_table(const cli *c, const itav_portfolio *p)
{
    static const int settings[] = {ITAV_SETTING_INFORMAL, ITAV_SETTING_FORMAL,
                                   ITAV_SETTING_MIXED, 0};
    static const int scopes[] = {ITAV_SCOPE_INDIVIDUAL, ITAV_SCOPE_COLLECTIVE, ITAV_SCOPE_MIXED,
                                 0};
    const char *unstated = tr(c, "not stated", "niet vermeld");
    size_t i, j;
    printf("  %-12s", "");
    for (j = 0; j < 4; j++) /* right-aligned, as the counts below */
        printf(" %12s", scopes[j] ? word(c, ITAV_CODE_SCOPE, scopes[j]) : unstated);
    putchar('\n');
    for (i = 0; i < 4; i++) {
        printf("  ");
        print_padded(settings[i] ? word(c, ITAV_CODE_SETTING, settings[i]) : unstated, 12);
        for (j = 0; j < 4; j++)
            printf(" %12zu",
                   itav_portfolio_cell(p, (itav_setting)settings[i], (itav_scope)scopes[j]));
        putchar('\n');
    }
}

/* The lists a portfolio points out, in neutral words. */
static void print_flags(const cli *c, const itav_portfolio *p)
{
    static const struct {
        itav_portfolio_flag flag;
        const char *en, *nl;
    } flags[] = {
        {ITAV_FLAG_FEW_ELEMENTS, "fewer than five elements stated present",
         "minder dan vijf elementen aanwezig"},
        {ITAV_FLAG_NO_INFORMAL, "element 2 (informal support) not stated present",
         "element 2 (informele steun) niet aanwezig"},
        {ITAV_FLAG_NO_EQUALITY, "element 4 (equality) not stated present",
         "element 4 (gelijkwaardigheid) niet aanwezig"},
        {ITAV_FLAG_NO_DEMAND_LED, "element 5 (demand-led) not stated present",
         "element 5 (vraaggericht) niet aanwezig"},
    };
    size_t f, i;
    for (f = 0; f < sizeof flags / sizeof flags[0]; f++) {
        size_t n = itav_portfolio_flag_count(p, flags[f].flag);
        wrapped w = {0, 4, 1};
        w.col = (size_t)printf("  %s (%zu)%s", tr(c, flags[f].en, flags[f].nl), n,
                               n ? ": " : "");
        for (i = 0; i < n; i++)
            wrap_item(&w, itav_portfolio_flagged(p, flags[f].flag, i));
        putchar('\n');
    }
}

static void print_portfolio_text(const cli *c, itav_portfolio *const p[2],
                                 const char *const names[2])
{
    size_t k, n = p[1] ? 2 : 1;
    for (k = 0; k < n; k++) {
        printf("%s%s%s: %zu %s\n", k ? "\n" : "", p[1] ? (k ? "B " : "A ") : "",
               names[k], itav_portfolio_count(p[k]),
               itav_portfolio_count(p[k]) == 1 ? tr(c, "intervention", "interventie")
                                               : tr(c, "interventions", "interventies"));
        if (itav_portfolio_count(p[k]))
            print_members(p[k]);
    }
    if (itav_portfolio_count(p[0]) == 0 && (!p[1] || itav_portfolio_count(p[1]) == 0))
        return;
    print_coverage(c, p[0], p[1]);
    print_factor_coverage(c, p[0], p[1]);
    for (k = 0; k < n; k++) {
        printf("\n%s%s:\n", tr(c, "Setting by scope", "Setting naar bereik"),
               p[1] ? (k ? " (B)" : " (A)") : "");
        print_cross_table(c, p[k]);
    }
    for (k = 0; k < n; k++) {
        printf("\n%s%s:\n", tr(c, "Worth a second look", "Het nader bekijken waard"),
               p[1] ? (k ? " (B)" : " (A)") : "");
        print_flags(c, p[k]);
    }
    printf("\n%s\n", tr(c, neutral_note_en, neutral_note_nl));
}

static int cmd_portfolio(cli *c)
{
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    itav_portfolio *p[2] = {NULL, NULL};
    char names[2][256];
    const char *name_ptrs[2] = {names[0], names[1]};
    itav_db *db;
    int rc;

    f.municipality = OPTV(c, MUNICIPALITY);
    f.region = OPTV(c, REGION);
    f.ids = MANY(c, ID)->n ? MANY(c, ID)->v : NULL;
    f.id_count = MANY(c, ID)->n;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = build_portfolio(&p[0], db, &f);
    if (rc == 0 && OPTV(c, COMPARE_MUNICIPALITY)) {
        f.municipality = OPTV(c, COMPARE_MUNICIPALITY);
        rc = build_portfolio(&p[1], db, &f);
    }
    itav_close(db);
    describe_filter(names[0], sizeof names[0], c, OPTV(c, MUNICIPALITY));
    describe_filter(names[1], sizeof names[1], c, OPTV(c, COMPARE_MUNICIPALITY));
    if (rc == 0 && FLAG(c, JSON))
        rc = print_portfolio_json(p[0], p[1]);
    else if (rc == 0)
        print_portfolio_text(c, p, name_ptrs);
    itav_portfolio_free(p[0]);
    itav_portfolio_free(p[1]);
    return rc;
}


const command_group portfolio_group = {
    "portfolio", true, "Element profiles and portfolios",
    (const command[]){
        {"profile", {"ID", NULL}, "ID [--compare ID] [--svg FILE] [--json]",
         "element profile of one intervention, or two side by side",
         (const cmd_opt[]){
             {OPT_COMPARE, "a second intervention, side by side"},
             {OPT_SVG, "also write the profile as an SVG radar chart to FILE"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_profile_one},
        {"portfolio", {NULL, NULL},
         "[--municipality M] [--region R] [--id ID]... [--compare-municipality M]\n[--json]",
         "element and working-factor coverage of a set of interventions",
         (const cmd_opt[]){
             {OPT_MUNICIPALITY, "the interventions that run in municipality M"},
             {OPT_REGION, "the interventions that run in region R"},
             {OPT_ID, "this intervention (repeatable)"},
             {OPT_COMPARE_MUNICIPALITY, "a second portfolio for municipality M, side by side"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_portfolio},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
