/* itav: what several command groups share: messages in two languages, words for codes, the
 * store, JSON and text helpers, option values. */
#define _GNU_SOURCE /* mkstemp, fchmod, fsync */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* ---- messages in two languages ---------------------------------------------------------- */

const char *tr(const cli *c, const char *en, const char *nl)
{
    return c->lang == ITAV_LANG_NL ? nl : en;
}


int data_error(const char *fmt, ...)
{
    va_list ap;
    fputs("itav: ", stderr);
    va_start(ap, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vfprintf(stderr, message_words(fmt), ap); /* the same conversions (messages.c) */
#pragma GCC diagnostic pop
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_DATA;
}

/* The library refused something: say why in its own words. */
int lib_error(itav_db *db, int rc)
{
    const char *msg = db ? itav_errmsg(db) : "";
    return data_error("%s", msg && *msg ? msg : itav_strerror(rc));
}

char *xstrcat3(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = malloc(la + lb + lc + 1);
    if (!s) {
        fputs("itav: out of memory\n", stderr);
        exit(EXIT_DATA);
    }
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, c, lc + 1);
    return s;
}

/* ---- words for codes -------------------------------------------------------------------- */

struct word {
    itav_code_type type;
    const char *code, *en, *nl;
};

static const struct word words[] = {
    {ITAV_CODE_KIND, "programme", "programme", "programma"},
    {ITAV_CODE_KIND, "method", "method", "methode"},
    {ITAV_CODE_KIND, "initiative", "initiative", "initiatief"},
    {ITAV_CODE_KIND, "policy", "policy", "beleid"},
    {ITAV_CODE_KIND, "activity", "activity", "activiteit"},
    {ITAV_CODE_SETTING, "informal", "informal", "informeel"},
    {ITAV_CODE_SETTING, "formal", "formal", "formeel"},
    {ITAV_CODE_SETTING, "mixed", "mixed", "gemengd"},
    {ITAV_CODE_SCOPE, "individual", "individual", "individueel"},
    {ITAV_CODE_SCOPE, "collective", "collective", "collectief"},
    {ITAV_CODE_SCOPE, "mixed", "mixed", "gemengd"},
    {ITAV_CODE_CHANNEL, "in_person", "in person", "fysiek"},
    {ITAV_CODE_CHANNEL, "online", "online", "online"},
    {ITAV_CODE_CHANNEL, "both", "in person and online", "fysiek en online"},
    {ITAV_CODE_EVIDENCE, "not_assessed", "not assessed", "niet beoordeeld"},
    {ITAV_CODE_EVIDENCE, "well_founded", "well-founded", "goed onderbouwd"},
    {ITAV_CODE_EVIDENCE, "first_indications", "first indications of effectiveness",
     "eerste aanwijzingen voor effectiviteit"},
    {ITAV_CODE_EVIDENCE, "good_indications", "good indications of effectiveness",
     "goede aanwijzingen voor effectiviteit"},
    {ITAV_CODE_EVIDENCE, "strong_indications", "strong indications of effectiveness",
     "sterke aanwijzingen voor effectiviteit"},
    {ITAV_CODE_AUDIENCE, "parents", "parents", "ouders"},
    {ITAV_CODE_AUDIENCE, "expecting_parents", "expecting parents", "aanstaande ouders"},
    {ITAV_CODE_AUDIENCE, "youth", "young people", "jongeren"},
    {ITAV_CODE_AUDIENCE, "children", "children", "kinderen"},
    {ITAV_CODE_AUDIENCE, "co_carers", "co-carers", "mede-opvoeders"},
    {ITAV_CODE_AUDIENCE, "professionals", "professionals", "professionals"},
    {ITAV_CODE_ROLE, "volunteer", "volunteer", "vrijwilliger"},
    {ITAV_CODE_ROLE, "peer", "peer / experience expert", "ervaringsdeskundige"},
    {ITAV_CODE_ROLE, "professional", "professional", "professional"},
    {ITAV_CODE_ROLE, "coordinator", "coordinator", "coördinator"},
    {ITAV_CODE_STATUS, "present", "present", "aanwezig"},
    {ITAV_CODE_STATUS, "absent", "absent", "afwezig"},
    {ITAV_CODE_PROFILE_SOURCE, "table", "summary table", "samenvattende tabel"},
    {ITAV_CODE_PROFILE_SOURCE, "sections", "sections", "secties"},
    {ITAV_CODE_PROFILE_SOURCE, "other", "other seed", "andere seed"},
};

/* The readable word for an enumeration value; "-" when not stated. */
const char *word(const cli *c, itav_code_type type, int value)
{
    const char *code = itav_code_name(type, value);
    size_t i;
    if (!code)
        return type == ITAV_CODE_STATUS ? tr(c, "unknown", "onbekend") : "-";
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (words[i].type == type && strcmp(words[i].code, code) == 0)
            return tr(c, words[i].en, words[i].nl);
    return code;
}

/* The readable word, or NULL when not stated. */
const char *known_word(const cli *c, itav_code_type type, int value)
{
    return itav_code_name(type, value) ? word(c, type, value) : NULL;
}

const itav_profile_source profile_sources[3] = {
    ITAV_PROFILE_TABLE, ITAV_PROFILE_SECTIONS, ITAV_PROFILE_OTHER};
#define N_PROFILE_SOURCES (sizeof profile_sources / sizeof profile_sources[0])

/* ---- store ------------------------------------------------------------------------------ */

static int mkdir_p(const char *dir)
{
    char *p = xstrcat3(dir, "", "");
    char *s;
    int rc = 0;
    for (s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char save = *s;
            *s = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST) {
                rc = data_error("cannot create directory %s: %s", p, strerror(errno));
                break;
            }
            *s = save;
            if (save == '\0')
                break;
        }
    }
    free(p);
    return rc;
}

/* Works out the store URI (owned by the caller). With create, makes the default store's
 * directory; without, an sqlite store that does not exist yet is an error. */
int store_uri(char **out, cli *c, int create)
{
    const char *env = getenv("ITAV_STORE");
    *out = NULL;
    if (OPTV(c, STORE)) {
        *out = xstrcat3(OPTV(c, STORE), "", "");
    } else if (env && *env) {
        *out = xstrcat3(env, "", "");
    } else {
        const char *xdg = getenv("XDG_DATA_HOME");
        char *dir;
        if (xdg && xdg[0] == '/') {
            dir = xstrcat3(xdg, "/itav", "");
        } else {
            const char *home = getenv("HOME");
            if (!home || !*home)
                return data_error("neither XDG_DATA_HOME nor HOME is set; use --store");
            dir = xstrcat3(home, "/.local/share", "/itav");
        }
        if (create) {
            int rc = mkdir_p(dir);
            if (rc) {
                free(dir);
                return rc;
            }
        }
        *out = xstrcat3("sqlite:", dir, "/itav.db");
        free(dir);
        c->store_is_default = 1;
    }
    if (!create && strncmp(*out, "sqlite:", 7) == 0) {
        struct stat st;
        if ((*out)[7] != '\0' && stat(*out + 7, &st) != 0) {
            int rc = data_error("no store at %s (run 'itav init' first)", *out + 7);
            free(*out);
            *out = NULL;
            return rc;
        }
    }
    return 0;
}

int open_store(itav_db **db, cli *c, int create)
{
    char *uri;
    int rc = store_uri(&uri, c, create);
    *db = NULL;
    if (rc)
        return rc;
    rc = itav_open_lang(db, uri, c->lang); /* the library's messages follow --lang too */
    free(uri);
    if (rc != ITAV_OK) {
        int ret = lib_error(*db, rc);
        itav_close(*db);
        *db = NULL;
        return ret;
    }
    return 0;
}

/* ---- JSON ------------------------------------------------------------------------------- */

void jset_str(json_t *o, const char *key, const char *s)
{
    json_object_set_new(o, key, s ? json_string(s) : json_null());
}

json_t *jcode(itav_code_type type, int value)
{
    const char *code = itav_code_name(type, value);
    return code ? json_string(code) : json_null();
}

json_t *jnumber(double v)
{
    if (v == (double)(json_int_t)v)
        return json_integer((json_int_t)v);
    return json_real(v);
}

json_t *jelemset(itav_elemset s)
{
    json_t *a = json_array();
    int e;
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        if (itav_elemset_has(s, (itav_element)e))
            json_array_append_new(a, json_string(itav_element_code((itav_element)e)));
    return a;
}

/* A qualified quantity as in docs/format.md: {"qualifier", "value" or "min" and "max",
 * "text"}. */
json_t *jquantity(itav_qualifier ql, double min, double max, const char *text)
{
    json_t *q = json_object();
    json_object_set_new(q, "qualifier", jcode(ITAV_CODE_QUALIFIER, (int)ql));
    if (ql == ITAV_QTY_RANGE || ql == ITAV_QTY_ABOUT_RANGE) {
        json_object_set_new(q, "min", jnumber(min));
        json_object_set_new(q, "max", jnumber(max));
    } else if (ql == ITAV_QTY_AT_MOST) {
        json_object_set_new(q, "value", jnumber(max));
    } else if (ql != ITAV_QTY_TEXT) {
        json_object_set_new(q, "value", jnumber(min));
    }
    if (text)
        jset_str(q, "text", text);
    return q;
}

int print_json(json_t *root)
{
    int rc = json_dumpf(root, stdout, JSON_INDENT(2));
    json_decref(root);
    if (rc != 0)
        return data_error("cannot write JSON output");
    putchar('\n');
    return 0;
}

/* ---- text output ------------------------------------------------------------------------ */

/* Number of characters (code points) of a UTF-8 string. */
size_t utf8_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0u) != 0x80u)
            n++;
    return n;
}

/* The copies one_line() made, freed when the tool exits. */
static struct {
    char **v;
    size_t n;
} one_line_copies;

static void free_one_line_copies(void)
{
    for (size_t i = 0; i < one_line_copies.n; i++)
        free(one_line_copies.v[i]);
    free(one_line_copies.v);
}

const char *one_line(const char *s)
{
    size_t breaks = 0;
    if (!s || !strpbrk(s, "\n\t"))
        return s;
    for (const char *p = s; *p; p++)
        breaks += *p == '\n' || *p == '\t';
    char *copy = malloc(strlen(s) + breaks + 1), *to = copy;
    char **v = realloc(one_line_copies.v, (one_line_copies.n + 1) * sizeof *v);
    if (!copy || !v) {
        fputs("itav: out of memory\n", stderr);
        exit(EXIT_DATA);
    }
    if (!one_line_copies.v)
        atexit(free_one_line_copies);
    one_line_copies.v = v;
    one_line_copies.v[one_line_copies.n++] = copy;
    for (; *s; s++) {
        if (*s == '\n' || *s == '\t') {
            *to++ = '\\';
            *to++ = *s == '\n' ? 'n' : 't';
        } else {
            *to++ = *s;
        }
    }
    *to = '\0';
    return copy;
}

void print_padded(const char *s, size_t width)
{
    s = one_line(s);
    fputs(s, stdout);
    for (size_t w = utf8_width(s); w < width; w++)
        putchar(' ');
}


const char *num(const cli *c, char *buf, double v, int decimals)
{
    return number_in(c->lang, buf, v, decimals, 0);
}

void print_number(const cli *c, double v)
{
    char buf[NUMBER_BUFSIZE];
    fputs(num(c, buf, v, -1), stdout);
}

/* A qualified quantity in words: "about 10", "5 to 10", or its text in quotes. */
void print_qty(const cli *c, itav_qualifier ql, double min, double max, const char *text)
{
    switch (ql) {
    case ITAV_QTY_EXACT:
        print_number(c, min);
        break;
    case ITAV_QTY_ABOUT:
        printf("%s ", tr(c, "about", "ongeveer"));
        print_number(c, min);
        break;
    case ITAV_QTY_AT_LEAST:
        printf("%s ", tr(c, "at least", "minstens"));
        print_number(c, min);
        break;
    case ITAV_QTY_AT_MOST:
        printf("%s ", tr(c, "at most", "hoogstens"));
        print_number(c, max);
        break;
    case ITAV_QTY_RANGE:
        print_number(c, min);
        printf(" %s ", tr(c, "to", "tot"));
        print_number(c, max);
        break;
    case ITAV_QTY_ABOUT_RANGE:
        printf("%s ", tr(c, "about", "ongeveer"));
        print_number(c, min);
        printf(" %s ", tr(c, "to", "tot"));
        print_number(c, max);
        break;
    case ITAV_QTY_TEXT:
    default:
        printf("\"%s\"", text ? one_line(text) : "?");
        break;
    }
}

void print_quantity(const cli *c, const itav_figure *f)
{
    print_qty(c, itav_figure_get_qualifier(f), itav_figure_get_min(f), itav_figure_get_max(f),
              itav_figure_get_text(f));
}

void print_figure(const cli *c, const itav_figure *f)
{
    printf("  - ");
    print_quantity(c, f);
    putchar(' ');
    print_figure_words(f, itav_figure_get_qualifier(f) != ITAV_QTY_TEXT);
}

void print_figure_words(const itav_figure *f, bool quote_text)
{
    const char *text = itav_figure_get_text(f);
    printf("%s", one_line(itav_figure_get_what(f)));
    if (text && quote_text)
        printf(" (\"%s\")", one_line(text));
    if (itav_figure_get_period(f))
        printf(", %s", one_line(itav_figure_get_period(f)));
    if (itav_figure_get_where(f))
        printf(", %s", one_line(itav_figure_get_where(f)));
    if (itav_figure_get_source(f))
        printf(" [%s]", one_line(itav_figure_get_source(f)));
    putchar('\n');
    if (itav_figure_get_note(f))
        printf("      %s\n", one_line(itav_figure_get_note(f)));
}

/* "  - 800 to 1000 EUR per_young_person, 2021-01-01 to 2021-12-31: what [source]", then the
 * source's wording, the funders and the note on lines of their own. */
void print_cost(const cli *c, const itav_cost *k)
{
    char a[ITAV_DATE_BUFSIZE], b[ITAV_DATE_BUFSIZE];
    itav_qualifier q = itav_cost_get_qualifier(k);
    printf("  - ");
    if (q) {
        print_qty(c, q, itav_cost_get_min(k), itav_cost_get_max(k), itav_cost_get_text(k));
        printf(" %s", one_line(itav_cost_get_currency(k)));
        if (itav_cost_get_unit(k))
            printf(" %s", itav_code_name(ITAV_CODE_COST_UNIT, (int)itav_cost_get_unit(k)));
    } else {
        printf("%s", tr(c, "(no amount)", "(geen bedrag)"));
    }
    if (itav_cost_get_from(k) != ITAV_DATE_NONE || itav_cost_get_to(k) != ITAV_DATE_NONE)
        printf(", %s %s %s",
               itav_cost_get_from(k) != ITAV_DATE_NONE ? date_text(a, itav_cost_get_from(k))
                                                       : "...",
               tr(c, "to", "tot en met"),
               itav_cost_get_to(k) != ITAV_DATE_NONE ? date_text(b, itav_cost_get_to(k)) : "...");
    printf(": %s", one_line(itav_cost_get_what(k)));
    if (itav_cost_get_source(k))
        printf(" [%s]", one_line(itav_cost_get_source(k)));
    putchar('\n');
    if (q && q != ITAV_QTY_TEXT && itav_cost_get_text(k))
        printf("      \"%s\"\n", one_line(itav_cost_get_text(k)));
    for (size_t i = 0; i < itav_cost_funder_count(k); i++) {
        const char *name;
        itav_share_kind kind;
        itav_qualifier sq;
        double lo, hi;
        itav_cost_funder(&name, &kind, &sq, &lo, &hi, k, i);
        printf("      %s %s", tr(c, "funder:", "financier:"), one_line(name));
        if (kind != ITAV_SHARE_NONE) {
            printf(" (");
            print_qty(c, sq, lo, hi, NULL);
            printf("%s)", kind == ITAV_SHARE_PERCENT ? "%" : tr(c, " of the amount", " van het bedrag"));
        }
        putchar('\n');
    }
    if (itav_cost_get_note(k))
        printf("      %s\n", one_line(itav_cost_get_note(k)));
}

void print_text_list(const cli *c, const itav_intervention *iv, itav_text_list list,
                            const char *en, const char *nl, int numbered)
{
    size_t i, n = itav_intervention_text_count(iv, list);
    if (n == 0)
        return;
    printf("\n%s:\n", tr(c, en, nl));
    for (i = 0; i < n; i++) {
        if (numbered)
            printf("  %zu. %s\n", i + 1, one_line(itav_intervention_text(iv, list, i)));
        else
            printf("  - %s\n", one_line(itav_intervention_text(iv, list, i)));
    }
}

void print_field(const char *label, const char *value)
{
    if (!value || !*value)
        return;
    printf("  ");
    print_padded(label, 18);
    printf(" %s\n", one_line(value));
}

void print_joined(const cli *c, const itav_intervention *iv, itav_text_list list,
                         const char *en, const char *nl)
{
    size_t i, n = itav_intervention_text_count(iv, list);
    if (n == 0)
        return;
    printf("  ");
    print_padded(tr(c, en, nl), 18);
    putchar(' ');
    for (i = 0; i < n; i++)
        printf("%s%s", i ? ", " : "", one_line(itav_intervention_text(iv, list, i)));
    putchar('\n');
}

/* One line of a disputed element: what each source says, with its reference. */
void print_dispute(const cli *c, const itav_intervention *iv, itav_element e)
{
    size_t i;
    int first = 1;
    for (i = 0; i < N_PROFILE_SOURCES; i++) {
        itav_profile_source src = profile_sources[i];
        itav_status st = itav_intervention_element(iv, src, e);
        const char *ref = itav_intervention_element_source(iv, src, e);
        if (st == ITAV_STATUS_UNKNOWN)
            continue;
        printf("%s%s: %s", first ? "" : "; ", word(c, ITAV_CODE_PROFILE_SOURCE, (int)src),
               word(c, ITAV_CODE_STATUS, (int)st));
        if (ref)
            printf(" (%s)", ref);
        first = 0;
    }
}


/* ---- participants and matches: helpers -------------------------------------------------- */


void vec_push(vec *a, void *item)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 16;
        void **nv = realloc(a->v, cap * sizeof *nv);
        if (!nv) {
            fputs("itav: out of memory\n", stderr);
            exit(EXIT_DATA);
        }
        a->v = nv;
        a->cap = cap;
    }
    a->v[a->n++] = item;
}

void vec_free(vec *a, void (*free_item)(void *))
{
    size_t i;
    for (i = 0; i < a->n; i++)
        free_item(a->v[i]);
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}

/* Adapters with the signature vec_free() wants. */
void free_participant(void *p) { itav_participant_free(p); }
void free_match(void *m) { itav_match_free(m); }
void free_suggestion(void *s) { itav_suggestion_free(s); }
void free_due(void *d) { itav_due_free(d); }

int32_t today_utc(void)
{
    return (int32_t)(time(NULL) / 86400);
}

/* The date an option gives (--date, --as-of); today (UTC) when the option is absent. */
int option_date(int32_t *out, const char *value, const char *option)
{
    if (!value) {
        *out = today_utc();
        return 0;
    }
    if (itav_date_parse(out, value) != ITAV_OK)
        return data_error("invalid date \"%s\" for --%s (expected YYYY-MM-DD, a date that "
                          "exists)", value, option);
    return 0;
}

/* A whole number from min to max. */
int option_int(long *out, const char *value, const char *option, long min, long max)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(value, &end, 10);
    if (errno || end == value || *end || v < min || v > max)
        return data_error("invalid value \"%s\" for --%s (expected a whole number from %ld to "
                          "%ld)", value, option, min, max);
    *out = v;
    return 0;
}

/* A number from 0 to 1. */
int option_fraction(double *out, const char *value, const char *option)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(value, &end);
    if (errno || end == value || *end || !(v >= 0.0 && v <= 1.0))
        return data_error("invalid value \"%s\" for --%s (expected a number from 0 to 1, "
                          "such as 0.4)", value, option);
    *out = v;
    return 0;
}

/* A date as text; "-" when unset. buf holds ITAV_DATE_BUFSIZE bytes. */
const char *date_text(char *buf, int32_t date)
{
    if (date == ITAV_DATE_NONE || itav_date_format(buf, ITAV_DATE_BUFSIZE, date) != ITAV_OK)
        return "-";
    return buf;
}

json_t *jdate(int32_t date)
{
    char buf[ITAV_DATE_BUFSIZE];
    return date == ITAV_DATE_NONE ? json_null() : json_string(date_text(buf, date));
}

/* Support types, availability slots and audiences are sets of bits; the other code types
 * count from 1. */
int code_value(itav_code_type type, int i)
{
    if (type == ITAV_CODE_SUPPORT || type == ITAV_CODE_SLOT || type == ITAV_CODE_AUDIENCE ||
        type == ITAV_CODE_THEME)
        return (int)(1u << i);
    return i + 1;
}

/* Every code of an enumeration, "a, b or c" (owned by the caller); for messages. */
char *code_list(itav_code_type type)
{
    const char *names[32];
    size_t n = 0, i;
    char *s = xstrcat3("", "", ""), *t;
    for (i = 0; i < 31; i++) {
        const char *name = itav_code_name(type, code_value(type, (int)i));
        if (name)
            names[n++] = name;
    }
    for (i = 0; i < n; i++) {
        t = xstrcat3(s, i == 0 ? "" : i + 1 == n ? message_words(" or ") : ", ", names[i]);
        free(s);
        s = t;
    }
    return s;
}

/* The codes of the bits set in bits, joined with ", " (owned by the caller). */
char *codes_joined(itav_code_type type, unsigned bits)
{
    char *s = xstrcat3("", "", ""), *t;
    int i;
    for (i = 0; i < 31; i++) {
        if (!(bits & (1u << i)) || !itav_code_name(type, (int)(1u << i)))
            continue;
        t = xstrcat3(s, *s ? ", " : "", itav_code_name(type, (int)(1u << i)));
        free(s);
        s = t;
    }
    return s;
}

/* A code given on the command line (an option's value or an argument). */
int parse_code_arg(int *out, itav_code_type type, const char *value, const char *what)
{
    char *list;
    int rc;
    if (itav_code_parse(out, type, value) == ITAV_OK)
        return 0;
    list = code_list(type);
    rc = data_error("unknown %s \"%s\" (expected %s)", message_words(what), value, list);
    free(list);
    return rc;
}

/* Prints JSON with reals to 15 significant digits (scores are rounded to millionths). */
int print_json_reals(json_t *root)
{
    int rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    json_decref(root);
    if (rc != 0)
        return data_error("cannot write JSON output");
    putchar('\n');
    return 0;
}

/* A score or criterion value, rounded to millionths as the library counts scores. */
json_t *jfraction(double v)
{
    return json_real((double)(long long)(v * 1e6 + 0.5) / 1e6);
}

/* A distance in kilometres, to the metre; null when unknown (negative). */
json_t *jkm(double metres)
{
    return metres < 0 ? json_null() : json_real((double)(long long)(metres + 0.5) / 1000.0);
}

/* Text the library encoded as JSON, as a jansson value; the text is freed. */
json_t *jlibrary(char *text, int rc, const char *what)
{
    json_error_t err;
    json_t *v = rc == ITAV_OK && text ? json_loads(text, 0, &err) : NULL;
    itav_free(text);
    if (!v) {
        fprintf(stderr, "itav: cannot encode %s as JSON\n", what);
        exit(EXIT_DATA);
    }
    return v;
}

json_t *jparticipant(const itav_participant *p)
{
    char *text = NULL;
    int rc = itav_participant_to_json(&text, p);
    return jlibrary(text, rc, "a participant");
}

json_t *jmatch(const itav_match *m)
{
    char *text = NULL;
    int rc = itav_match_to_json(&text, m);
    return jlibrary(text, rc, "a match");
}

/* Fails with the library's message when an offer does not exist (NULL: no offer asked). */
int check_offer(itav_db *db, const char *id)
{
    itav_offer *of = NULL;
    int rc;
    if (!id)
        return 0;
    rc = itav_offer_get(&of, db, id);
    itav_offer_free(of);
    return rc == ITAV_OK ? 0 : lib_error(db, rc);
}

int ends_with_nocase(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix), i;
    if (ls < lx)
        return 0;
    for (i = 0; i < lx; i++) {
        char a = s[ls - lx + i], b = suffix[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return 1;
}

size_t max_width(size_t w, const char *s)
{
    size_t n = s ? utf8_width(one_line(s)) : 0;
    return n > w ? n : w;
}

/* ---- scored pairs: the breakdown shared by suggestions and assignments ------------------ */

json_t *jbreakdown(const itav_suggestion *s)
{
    json_t *o = json_object();
    int cr;
    for (cr = 1; cr <= ITAV_CRITERION_COUNT; cr++) {
        double value = 0, weight = 0;
        json_t *e = json_null();
        if (itav_suggestion_criterion(s, (itav_criterion)cr, &value, &weight) == 1) {
            e = json_object();
            json_object_set_new(e, "value", jfraction(value));
            json_object_set_new(e, "weight", jnumber(weight));
        }
        json_object_set_new(o, itav_code_name(ITAV_CODE_CRITERION, cr), e);
    }
    return o;
}

json_t *jpair(const itav_suggestion *s)
{
    json_t *o = json_object();
    jset_str(o, "asking", itav_suggestion_asking(s));
    jset_str(o, "supporting", itav_suggestion_supporting(s));
    json_object_set_new(o, "score", jfraction(itav_suggestion_score(s)));
    json_object_set_new(o, "distance_km", jkm(itav_suggestion_distance(s)));
    json_object_set_new(o, "breakdown", jbreakdown(s));
    return o;
}

json_t *jweights(const itav_match_options *opt)
{
    json_t *o = json_object();
    int cr;
    for (cr = 1; cr <= ITAV_CRITERION_COUNT; cr++)
        json_object_set_new(o, itav_code_name(ITAV_CODE_CRITERION, cr),
                            jnumber(opt->weights[cr]));
    return o;
}

/* ---- reviews and indicators ------------------------------------------------------------- */

void free_review(void *r) { itav_review_free(r); }
void free_indicator(void *ind) { itav_indicator_free(ind); }

/* A required option is missing. */
int missing_option(const char *option, const char *command_words, const char *expected)
{
    if (expected)
        return usage_error("option --%s is required for '%s' (%s)", option, command_words,
                           expected);
    return usage_error("option --%s is required for '%s'", option, command_words);
}

/* A setter refused a value (setters give codes, not messages). */
int setter_error(int rc, const char *option)
{
    return data_error("invalid value for --%s: %s", option, itav_strerror(rc));
}

/* Fails with the library's message when a match does not exist (NULL: no match asked). */

/* Text after a label (may be ""), wrapped at words to about 94 columns, continuing at
 * column cont. */
void print_wrapped_at(const char *label, const char *text, size_t indent, size_t cont)
{
    size_t col = (size_t)printf("%*s%s", (int)indent, "", label), start = col;
    text = one_line(text);
    while (text && *text) {
        size_t n = strcspn(text, " ");
        if (col + 1 + n > 94 && col > start) {
            printf("\n%*s", (int)cont, "");
            col = cont;
        } else if (col > start || *label) {
            putchar(' ');
            col++;
        }
        fwrite(text, 1, n, stdout);
        col += n;
        text += n;
        while (*text == ' ')
            text++;
    }
    putchar('\n');
}

/* The same, continuing two columns further in than the label. */
void print_wrapped_text(const char *label, const char *text, size_t indent)
{
    print_wrapped_at(label, text, indent, indent + 2);
}

/* A field of 'indicator show' (nothing when unset), wrapped under its value. */
void print_long_field(const char *label, const char *value)
{
    char padded[64];
    if (!value || !*value)
        return;
    snprintf(padded, sizeof padded, "%-18s", label);
    print_wrapped_at(padded, value, 2, 21);
}


/* A date option that may be absent: ITAV_DATE_NONE then. */
int option_date_or_none(int32_t *out, const char *value, const char *option)
{
    if (!value) {
        *out = ITAV_DATE_NONE;
        return 0;
    }
    return option_date(out, value, option);
}

/* The date of the last move of a match. */
int32_t match_since(const itav_match *m)
{
    int32_t date = ITAV_DATE_NONE;
    size_t n = itav_match_transition_count(m);
    if (n)
        itav_match_transition(m, n - 1, NULL, &date, NULL, NULL);
    return date;
}

/* Writes a report as an export is written: a private temporary file beside the target
 * (mkstemp: mode 0600 whatever the umask, a fresh name, never through a link), given the
 * target's mode if there is one, synced, then renamed over it. A link at the target's path
 * is replaced, not followed; a reader never sees half a report. */
int write_file(const char *path, const char *text)
{
    char tmp[4096];
    struct stat target;
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp)
        return data_error("cannot write %s: the name is too long", path);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return data_error("cannot write beside %s: %s", path, strerror(errno));
    size_t n = strlen(text), done = 0;
    bool ok = true;
    while (ok && done < n) {
        ssize_t w = write(fd, text + done, n - done);
        ok = w > 0;
        done += ok ? (size_t)w : 0;
    }
    if (ok && lstat(path, &target) == 0 && S_ISREG(target.st_mode))
        ok = fchmod(fd, target.st_mode & 07777) == 0;
    ok = ok && fsync(fd) == 0;
    ok = (close(fd) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return data_error("cannot write %s: %s", path, strerror(e));
    }
    return 0;
}

int due_options(int32_t *as_of, long *within, const cli *c)
{
    int rc = option_date(as_of, OPTV(c, AS_OF), "as-of");
    *within = 0;
    if (rc == 0 && OPTV(c, WITHIN))
        rc = option_int(within, OPTV(c, WITHIN), "within", 0, 36600);
    return rc;
}

void print_due_heading(const cli *c, int32_t as_of, long within, size_t count)
{
    char d[ITAV_DATE_BUFSIZE];
    printf(tr(c, "Due as of %s", "Te doen op %s"), date_text(d, as_of));
    if (within)
        printf(tr(c, " or within %ld days", " of binnen %ld dagen"), within);
    printf(":\n");
    if (count == 0)
        printf("  %s\n", tr(c, "nothing.", "niets."));
}

json_t *jdue(const char *id_key, const char *id, const itav_due *e)
{
    json_t *o = json_object();
    jset_str(o, id_key, id);
    jset_str(o, "kind", itav_code_name(ITAV_CODE_DUE_KIND, (int)itav_due_get_kind(e)));
    json_object_set_new(o, "date", jdate(itav_due_date(e)));
    json_object_set_new(o, "overdue_days", json_integer(itav_due_overdue_days(e)));
    return o;
}

/* "3 days overdue", "due today", "in 12 days". */
static void print_due_when(const cli *c, int overdue)
{
    char buf[64];
    if (overdue > 0)
        snprintf(buf, sizeof buf, tr(c, "%d day%s overdue", "%d dag%s te laat"), overdue,
                 overdue == 1 ? "" : tr(c, "s", "en"));
    else if (overdue == 0)
        snprintf(buf, sizeof buf, "%s", tr(c, "due today", "vandaag"));
    else
        snprintf(buf, sizeof buf, tr(c, "in %d day%s", "over %d dag%s"), -overdue,
                 overdue == -1 ? "" : tr(c, "s", "en"));
    size_t width = strlen(buf) + 2; /* a wide count keeps its separator */
    print_padded(buf, width > 18 ? width : 18);
}

void print_due_start(const cli *c, const itav_due *e)
{
    char d[ITAV_DATE_BUFSIZE];
    printf("  %s  ", date_text(d, itav_due_date(e)));
    print_due_when(c, itav_due_overdue_days(e));
}

void print_due_item(const cli *c, const itav_due *e, const char *id)
{
    print_due_start(c, e);
    printf("%s  ", id);
    print_padded(itav_code_name(ITAV_CODE_DUE_KIND, (int)itav_due_get_kind(e)), 18);
}

int read_due(vec *items, vec *objects, int32_t *as_of, long *within, cli *c, due_lister list,
             due_fetcher fetch)
{
    itav_due_iter *it = NULL;
    itav_due *due;
    itav_db *db;
    int rc;

    if ((rc = due_options(as_of, within, c)) != 0 || (rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = check_offer(db, OPTV(c, OFFER))) == 0) {
        rc = list(&it, db, OPTV(c, OFFER), *as_of, (int)*within);
        if (rc == ITAV_OK) {
            while ((rc = itav_due_iter_next(&due, it)) == ITAV_OK) {
                void *object;
                vec_push(items, due);
                if (!(object = fetch(&rc, db, due)))
                    break;
                vec_push(objects, object);
            }
            itav_due_iter_free(it);
        }
        rc = rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
    }
    itav_close(db);
    return rc;
}


/* ---- access sheets (itav/access.h): who it is for and how people reach it ---- */

void print_access(const cli *c, const itav_access *a, const char *indent)
{
    static const struct { const char *en, *nl; } heads[ITAV_ACCESS_LIST_COUNT + 1] = {
        {NULL, NULL},
        {"Conditions", "Voorwaarden"},
        {"How people come in (referral)", "Hoe mensen binnenkomen (aanmelding)"},
        {"Finding supporters (recruitment)", "Werving van steungevers"},
        {"Coordinator's tasks", "Taken van de coördinator"},
        {"What is needed", "Wat is er nodig"}};
    int32_t lo, hi;
    if (!a)
        return;
    if (itav_access_ages(&lo, &hi, a) == ITAV_OK && (lo != ITAV_AGE_NONE || hi != ITAV_AGE_NONE)) {
        char l[16] = "...", h[16] = "...";
        if (lo != ITAV_AGE_NONE)
            snprintf(l, sizeof l, "%ld", (long)lo);
        if (hi != ITAV_AGE_NONE)
            snprintf(h, sizeof h, "%ld", (long)hi);
        printf("%s%s %s %s %s %s", indent, tr(c, "Ages of the children:", "Leeftijd kinderen:"),
               l, tr(c, "to", "tot en met"), h, tr(c, "months", "maanden"));
        if (itav_access_ages_source(a))
            printf(" (%s)", one_line(itav_access_ages_source(a)));
        putchar('\n');
    }
    for (int l = 1; l <= ITAV_ACCESS_LIST_COUNT; l++) {
        size_t n = itav_access_count(a, (itav_access_list)l);
        if (!n)
            continue;
        printf("%s%s:\n", indent, tr(c, heads[l].en, heads[l].nl));
        for (size_t i = 0; i < n; i++) {
            const char *code, *text, *src, *label;
            unsigned flags;
            if (itav_access_at(&code, &text, &src, &flags, a, (itav_access_list)l, i) != ITAV_OK)
                continue;
            label = itav_access_code_label((itav_access_list)l, code, c->lang);
            printf("%s  - %s%s: %s", indent, label ? label : code,
                   flags & ITAV_ACCESS_EFFECTIVE ? tr(c, " (worked well)", " (werkte goed)") : "",
                   one_line(text));
            if (src)
                printf(" (%s)", one_line(src));
            putchar('\n');
        }
    }
}

