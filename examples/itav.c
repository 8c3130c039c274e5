/*
 * itav: the libitav command-line tool.
 *
 * A thin layer over the public API (itav.h): it opens a store, loads the built-in catalogue,
 * lists and shows interventions, prints the element table, and imports and exports itav/1
 * JSON. The --json output is built with jansson and documented in docs/cli.md.
 *
 * Exit codes: 0 success, 1 usage error, 2 data error (the library refused something).
 */
#include <itav.h>

#include <jansson.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define EXIT_USAGE 1
#define EXIT_DATA 2

#define MAX_ELEMENT_OPTS 8

/* ---- the parsed command line ------------------------------------------------------------ */

typedef struct cli {
    itav_lang lang;
    const char *store;        /* --store, or NULL */
    int json;                 /* --json */
    const char *elements[MAX_ELEMENT_OPTS]; /* --element, repeatable */
    size_t n_elements;
    const char *setting;      /* --setting */
    const char *municipality; /* --municipality */
    const char *args[4];      /* positional arguments */
    size_t n_args;
    int help, version;
    int store_is_default;     /* the store URI was computed, not given */
} cli;

/* ---- messages in two languages ---------------------------------------------------------- */

static const char *tr(const cli *c, const char *en, const char *nl)
{
    return c->lang == ITAV_LANG_NL ? nl : en;
}

static const char usage_text[] =
    "Usage: itav [--store URI] [--lang nl|en] COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  init                        create the store and load the built-in catalogue\n"
    "  catalog list [--element CODE]... [--setting informal|formal|mixed]\n"
    "               [--municipality M] [--json]\n"
    "                              list interventions (every --element must be present)\n"
    "  catalog show ID [--json]    everything about one intervention\n"
    "  catalog profile [--json]    the element table of every intervention with a profile\n"
    "  import FILE                 import an itav/1 JSON file (all or nothing)\n"
    "  export [FILE]               export the store as itav/1 JSON (stdout without FILE)\n"
    "\n"
    "Options:\n"
    "  --store URI    memory:, or sqlite:PATH; default $ITAV_STORE, else\n"
    "                 sqlite:$XDG_DATA_HOME/itav/itav.db (XDG_DATA_HOME: ~/.local/share)\n"
    "  --lang nl|en   language of labels; default from LC_ALL, LC_MESSAGES or LANG\n"
    "  --json         machine-readable output (catalog commands; see docs/cli.md)\n"
    "  --help         show this help\n"
    "  --version      show the version\n"
    "\n"
    "Element codes: doubts_normal informal_support low_threshold equality demand_led\n"
    "               broad_context positive_focus no_problematising\n"
    "Exit status: 0 success, 1 usage error, 2 data error.\n";

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("itav: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n\n", stderr);
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

static int data_error(const char *fmt, ...)
{
    va_list ap;
    fputs("itav: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_DATA;
}

/* The library refused something: say why in its own words. */
static int lib_error(itav_db *db, int rc)
{
    const char *msg = db ? itav_errmsg(db) : "";
    return data_error("%s", msg && *msg ? msg : itav_strerror(rc));
}

static char *xstrcat3(const char *a, const char *b, const char *c)
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
static const char *word(const cli *c, itav_code_type type, int value)
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
static const char *known_word(const cli *c, itav_code_type type, int value)
{
    return itav_code_name(type, value) ? word(c, type, value) : NULL;
}

static const itav_profile_source profile_sources[] = {
    ITAV_PROFILE_TABLE, ITAV_PROFILE_SECTIONS, ITAV_PROFILE_OTHER};
#define N_PROFILE_SOURCES (sizeof profile_sources / sizeof profile_sources[0])

/* Fields that may carry a source reference (docs/format.md), in export order. */
static const char *const source_fields[] = {
    "name", "kind", "summary", "providers", "municipalities", "regions", "since", "audience",
    "setting", "scope", "channel", "roles", "phases", "elements", "evidence_level", "reach",
    "works", "improve", "links"};

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
static int store_uri(char **out, cli *c, int create)
{
    const char *env = getenv("ITAV_STORE");
    *out = NULL;
    if (c->store) {
        *out = xstrcat3(c->store, "", "");
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

static int open_store(itav_db **db, cli *c, int create)
{
    char *uri;
    int rc = store_uri(&uri, c, create);
    *db = NULL;
    if (rc)
        return rc;
    rc = itav_open(db, uri);
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

static void jset_str(json_t *o, const char *key, const char *s)
{
    json_object_set_new(o, key, s ? json_string(s) : json_null());
}

static json_t *jcode(itav_code_type type, int value)
{
    const char *code = itav_code_name(type, value);
    return code ? json_string(code) : json_null();
}

static json_t *jnumber(double v)
{
    if (v == (double)(json_int_t)v)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *jelemset(itav_elemset s)
{
    json_t *a = json_array();
    int e;
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        if (itav_elemset_has(s, (itav_element)e))
            json_array_append_new(a, json_string(itav_element_code((itav_element)e)));
    return a;
}

static json_t *jtexts(const itav_intervention *iv, itav_text_list list)
{
    json_t *a = json_array();
    size_t i, n = itav_intervention_text_count(iv, list);
    for (i = 0; i < n; i++)
        json_array_append_new(a, json_string(itav_intervention_text(iv, list, i)));
    return a;
}

static json_t *jfigure(const itav_figure *f)
{
    json_t *o = json_object(), *q = json_object();
    itav_qualifier ql = itav_figure_get_qualifier(f);
    jset_str(o, "what", itav_figure_get_what(f));
    json_object_set_new(q, "qualifier", jcode(ITAV_CODE_QUALIFIER, (int)ql));
    if (ql == ITAV_QTY_RANGE) {
        json_object_set_new(q, "min", jnumber(itav_figure_get_min(f)));
        json_object_set_new(q, "max", jnumber(itav_figure_get_max(f)));
    } else if (ql == ITAV_QTY_AT_MOST) {
        json_object_set_new(q, "value", jnumber(itav_figure_get_max(f)));
    } else if (ql != ITAV_QTY_TEXT) {
        json_object_set_new(q, "value", jnumber(itav_figure_get_min(f)));
    }
    if (itav_figure_get_text(f))
        jset_str(q, "text", itav_figure_get_text(f));
    json_object_set_new(o, "quantity", q);
    jset_str(o, "period", itav_figure_get_period(f));
    jset_str(o, "where", itav_figure_get_where(f));
    jset_str(o, "note", itav_figure_get_note(f));
    jset_str(o, "source", itav_figure_get_source(f));
    return o;
}

/* The fields every intervention object has (list, profile and show). */
static json_t *jintervention_brief(const itav_intervention *iv)
{
    json_t *o = json_object(), *profile = json_object();
    itav_profile_source ps = itav_intervention_profile_source(iv);
    itav_elemset disputed = itav_intervention_disputed(iv);
    int e;
    size_t i;

    jset_str(o, "id", itav_intervention_id(iv));
    jset_str(o, "name", itav_intervention_name(iv));
    json_object_set_new(o, "kind", jcode(ITAV_CODE_KIND, (int)itav_intervention_kind(iv)));
    json_object_set_new(o, "setting",
                        jcode(ITAV_CODE_SETTING, (int)itav_intervention_setting(iv)));
    json_object_set_new(o, "scope", jcode(ITAV_CODE_SCOPE, (int)itav_intervention_scope(iv)));
    json_object_set_new(o, "channel",
                        jcode(ITAV_CODE_CHANNEL, (int)itav_intervention_channel(iv)));
    json_object_set_new(o, "profile_source", jcode(ITAV_CODE_PROFILE_SOURCE, (int)ps));
    json_object_set_new(o, "elements",
                        jelemset(itav_intervention_elements(iv, ITAV_PROFILE_DEFAULT)));
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
        itav_status st = itav_intervention_element(iv, ITAV_PROFILE_DEFAULT, (itav_element)e);
        const char *code = itav_code_name(ITAV_CODE_STATUS, (int)st);
        json_object_set_new(profile, itav_element_code((itav_element)e),
                            json_string(code ? code : "unknown"));
    }
    json_object_set_new(o, "profile", profile);
    json_object_set_new(o, "disputed", jelemset(disputed));
    if (disputed) {
        json_t *es = json_object();
        for (i = 0; i < N_PROFILE_SOURCES; i++) {
            if (!itav_intervention_known_elements(iv, profile_sources[i]))
                continue;
            json_object_set_new(es, itav_code_name(ITAV_CODE_PROFILE_SOURCE,
                                                   (int)profile_sources[i]),
                                jelemset(itav_intervention_elements(iv, profile_sources[i])));
        }
        json_object_set_new(o, "element_sources", es);
    }
    return o;
}

static json_t *jintervention_full(itav_db *db, const itav_intervention *iv)
{
    json_t *o = jintervention_brief(iv);
    json_t *aud = json_object(), *who = json_array(), *age = json_object();
    json_t *roles = json_array(), *profiles = json_object(), *reach = json_array();
    json_t *sources = json_object(), *offers = json_array();
    unsigned bits = itav_intervention_audience(iv), b;
    int32_t amin, amax;
    size_t i, n;
    itav_offer_iter *it = NULL;
    itav_offer *of;

    jset_str(o, "summary", itav_intervention_summary(iv));
    json_object_set_new(o, "providers", jtexts(iv, ITAV_TEXT_PROVIDERS));
    json_object_set_new(o, "municipalities", jtexts(iv, ITAV_TEXT_MUNICIPALITIES));
    json_object_set_new(o, "regions", jtexts(iv, ITAV_TEXT_REGIONS));
    json_object_set_new(o, "since", itav_intervention_since(iv)
                                        ? json_integer(itav_intervention_since(iv))
                                        : json_null());
    for (b = 1; b <= ITAV_AUDIENCE_ALL; b <<= 1)
        if (bits & b)
            json_array_append_new(who, jcode(ITAV_CODE_AUDIENCE, (int)b));
    json_object_set_new(aud, "who", who);
    if (itav_intervention_age_range(&amin, &amax, iv) == ITAV_OK) {
        json_object_set_new(age, "min", amin == ITAV_AGE_NONE ? json_null() : json_integer(amin));
        json_object_set_new(age, "max", amax == ITAV_AGE_NONE ? json_null() : json_integer(amax));
    }
    json_object_set_new(aud, "age_months", age);
    jset_str(aud, "conditions", itav_intervention_conditions(iv));
    json_object_set_new(o, "audience", aud);
    json_object_set_new(o, "evidence_level",
                        jcode(ITAV_CODE_EVIDENCE, (int)itav_intervention_evidence(iv)));

    n = itav_intervention_role_count(iv);
    for (i = 0; i < n; i++) {
        const itav_role *r = itav_intervention_role(iv, i);
        json_t *jr = json_object();
        json_object_set_new(jr, "role", jcode(ITAV_CODE_ROLE, (int)itav_role_get_kind(r)));
        jset_str(jr, "description", itav_role_get_description(r));
        json_object_set_new(jr, "vog", json_boolean(itav_role_get_vog(r)));
        jset_str(jr, "training", itav_role_get_training(r));
        json_array_append_new(roles, jr);
    }
    json_object_set_new(o, "roles", roles);
    json_object_set_new(o, "phases", jtexts(iv, ITAV_TEXT_PHASES));

    for (i = 0; i < N_PROFILE_SOURCES; i++) {
        itav_profile_source src = profile_sources[i];
        itav_elemset known = itav_intervention_known_elements(iv, src);
        json_t *p;
        int e;
        if (!known)
            continue;
        p = json_object();
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            json_t *st;
            if (!itav_elemset_has(known, (itav_element)e))
                continue;
            st = json_object();
            json_object_set_new(st, "status",
                                jcode(ITAV_CODE_STATUS, (int)itav_intervention_element(
                                                            iv, src, (itav_element)e)));
            jset_str(st, "evidence",
                     itav_intervention_element_evidence(iv, src, (itav_element)e));
            jset_str(st, "source", itav_intervention_element_source(iv, src, (itav_element)e));
            json_object_set_new(p, itav_element_code((itav_element)e), st);
        }
        json_object_set_new(profiles, itav_code_name(ITAV_CODE_PROFILE_SOURCE, (int)src), p);
    }
    json_object_set_new(o, "profiles", profiles);

    n = itav_intervention_figure_count(iv, ITAV_FIGURES_REACH);
    for (i = 0; i < n; i++)
        json_array_append_new(reach,
                              jfigure(itav_intervention_figure(iv, ITAV_FIGURES_REACH, i)));
    json_object_set_new(o, "reach", reach);
    json_object_set_new(o, "works", jtexts(iv, ITAV_TEXT_WORKS));
    json_object_set_new(o, "improve", jtexts(iv, ITAV_TEXT_IMPROVE));
    json_object_set_new(o, "links", jtexts(iv, ITAV_TEXT_LINKS));
    for (i = 0; i < sizeof source_fields / sizeof source_fields[0]; i++) {
        const char *ref = itav_intervention_source(iv, source_fields[i]);
        if (ref)
            json_object_set_new(sources, source_fields[i], json_string(ref));
    }
    json_object_set_new(o, "sources", sources);

    if (itav_offer_list(&it, db, itav_intervention_id(iv), NULL) == ITAV_OK) {
        while (itav_offer_iter_next(&of, it) == ITAV_OK) {
            json_t *jo = json_object(), *m = json_array();
            n = itav_offer_text_count(of, ITAV_TEXT_MUNICIPALITIES);
            for (i = 0; i < n; i++)
                json_array_append_new(m, json_string(
                                             itav_offer_text(of, ITAV_TEXT_MUNICIPALITIES, i)));
            jset_str(jo, "id", itav_offer_id(of));
            jset_str(jo, "name", itav_offer_name(of));
            json_object_set_new(jo, "municipalities", m);
            jset_str(jo, "region", itav_offer_region(of));
            jset_str(jo, "provider", itav_offer_provider(of));
            json_array_append_new(offers, jo);
            itav_offer_free(of);
        }
        itav_offer_iter_free(it);
    }
    json_object_set_new(o, "offers", offers);
    return o;
}

static int print_json(json_t *root)
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
static size_t utf8_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0u) != 0x80u)
            n++;
    return n;
}

static void print_padded(const char *s, size_t width)
{
    size_t w = utf8_width(s);
    fputs(s, stdout);
    for (; w < width; w++)
        putchar(' ');
}

static void print_number(double v)
{
    printf("%.15g", v);
}

static void print_quantity(const cli *c, const itav_figure *f)
{
    switch (itav_figure_get_qualifier(f)) {
    case ITAV_QTY_EXACT:
        print_number(itav_figure_get_min(f));
        break;
    case ITAV_QTY_ABOUT:
        printf("%s ", tr(c, "about", "ongeveer"));
        print_number(itav_figure_get_min(f));
        break;
    case ITAV_QTY_AT_LEAST:
        printf("%s ", tr(c, "at least", "minstens"));
        print_number(itav_figure_get_min(f));
        break;
    case ITAV_QTY_AT_MOST:
        printf("%s ", tr(c, "at most", "hoogstens"));
        print_number(itav_figure_get_max(f));
        break;
    case ITAV_QTY_RANGE:
        print_number(itav_figure_get_min(f));
        printf(" %s ", tr(c, "to", "tot"));
        print_number(itav_figure_get_max(f));
        break;
    case ITAV_QTY_TEXT:
    default:
        printf("\"%s\"", itav_figure_get_text(f) ? itav_figure_get_text(f) : "?");
        break;
    }
}

static void print_figure(const cli *c, const itav_figure *f)
{
    const char *text = itav_figure_get_text(f);
    printf("  - ");
    print_quantity(c, f);
    printf(" %s", itav_figure_get_what(f));
    if (text && itav_figure_get_qualifier(f) != ITAV_QTY_TEXT)
        printf(" (\"%s\")", text);
    if (itav_figure_get_period(f))
        printf(", %s", itav_figure_get_period(f));
    if (itav_figure_get_where(f))
        printf(", %s", itav_figure_get_where(f));
    if (itav_figure_get_source(f))
        printf(" [%s]", itav_figure_get_source(f));
    putchar('\n');
    if (itav_figure_get_note(f))
        printf("      %s\n", itav_figure_get_note(f));
}

static void print_text_list(const cli *c, const itav_intervention *iv, itav_text_list list,
                            const char *en, const char *nl, int numbered)
{
    size_t i, n = itav_intervention_text_count(iv, list);
    if (n == 0)
        return;
    printf("\n%s:\n", tr(c, en, nl));
    for (i = 0; i < n; i++) {
        if (numbered)
            printf("  %zu. %s\n", i + 1, itav_intervention_text(iv, list, i));
        else
            printf("  - %s\n", itav_intervention_text(iv, list, i));
    }
}

static void print_field(const char *label, const char *value)
{
    if (!value || !*value)
        return;
    printf("  ");
    print_padded(label, 18);
    printf(" %s\n", value);
}

static void print_joined(const cli *c, const itav_intervention *iv, itav_text_list list,
                         const char *en, const char *nl)
{
    size_t i, n = itav_intervention_text_count(iv, list);
    if (n == 0)
        return;
    printf("  ");
    print_padded(tr(c, en, nl), 18);
    putchar(' ');
    for (i = 0; i < n; i++)
        printf("%s%s", i ? ", " : "", itav_intervention_text(iv, list, i));
    putchar('\n');
}

/* One line of a disputed element: what each source says, with its reference. */
static void print_dispute(const cli *c, const itav_intervention *iv, itav_element e)
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

/* ---- commands --------------------------------------------------------------------------- */

static int cmd_init(cli *c)
{
    itav_db *db;
    int rc = open_store(&db, c, 1);
    char *uri;
    if (rc)
        return rc;
    rc = itav_catalog_load(db);
    if (rc != ITAV_OK) {
        rc = lib_error(db, rc);
        itav_close(db);
        return rc;
    }
    itav_close(db);
    if (store_uri(&uri, c, 0) == 0) {
        printf(tr(c, "Initialised %s with the built-in catalogue.\n",
                  "%s aangemaakt met de ingebouwde catalogus.\n"),
               uri);
        free(uri);
    }
    return 0;
}

static int parse_elements(itav_elemset *out, const cli *c)
{
    size_t i;
    *out = 0;
    for (i = 0; i < c->n_elements; i++) {
        itav_element e;
        if (itav_element_from_code(&e, c->elements[i]) != ITAV_OK)
            return data_error("unknown element code \"%s\" (expected doubts_normal, "
                              "informal_support, low_threshold, equality, demand_led, "
                              "broad_context, positive_focus or no_problematising)",
                              c->elements[i]);
        *out = itav_elemset_add(*out, e);
    }
    return 0;
}

/* Reads every intervention that passes a filter (NULL for all) into an array. With
 * profiled_only, only those with a known profile. */
static int collect(itav_intervention ***out, size_t *count, itav_db *db,
                   const itav_intervention_filter *filter, int profiled_only)
{
    itav_intervention_iter *it = NULL;
    itav_intervention *iv, **rows = NULL;
    size_t n = 0, cap = 0;
    int rc = itav_intervention_list(&it, db, filter);
    *out = NULL;
    *count = 0;
    if (rc != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_intervention_iter_next(&iv, it)) == ITAV_OK) {
        if (profiled_only && itav_intervention_profile_source(iv) == ITAV_PROFILE_DEFAULT) {
            itav_intervention_free(iv);
            continue;
        }
        if (n == cap) {
            itav_intervention **nr;
            cap = cap ? cap * 2 : 32;
            nr = realloc(rows, cap * sizeof *rows);
            if (!nr) {
                itav_intervention_free(iv);
                rc = ITAV_ENOMEM;
                break;
            }
            rows = nr;
        }
        rows[n++] = iv;
    }
    itav_intervention_iter_free(it);
    if (rc != ITAV_ITEROVER) {
        while (n > 0)
            itav_intervention_free(rows[--n]);
        free(rows);
        return rc == ITAV_ENOMEM ? data_error("out of memory") : lib_error(db, rc);
    }
    *out = rows;
    *count = n;
    return 0;
}

static void free_rows(itav_intervention **rows, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        itav_intervention_free(rows[i]);
    free(rows);
}

/* Width of the widest id (at least min). */
static int id_width(itav_intervention **rows, size_t n, size_t min)
{
    size_t i, w = min;
    for (i = 0; i < n; i++)
        if (strlen(itav_intervention_id(rows[i])) > w)
            w = strlen(itav_intervention_id(rows[i]));
    return (int)w;
}

static int cmd_list(cli *c)
{
    itav_intervention_filter filter = ITAV_INTERVENTION_FILTER_INIT;
    itav_intervention **rows;
    itav_db *db;
    size_t n, i;
    int rc, w;

    rc = parse_elements(&filter.all_of, c);
    if (rc)
        return rc;
    if (c->setting) {
        int v;
        if (itav_code_parse(&v, ITAV_CODE_SETTING, c->setting) != ITAV_OK)
            return data_error("unknown setting \"%s\" (expected informal, formal or mixed)",
                              c->setting);
        filter.setting = v;
    }
    filter.municipality = c->municipality;

    rc = open_store(&db, c, 0);
    if (rc)
        return rc;
    rc = collect(&rows, &n, db, &filter, 0);
    itav_close(db);
    if (rc)
        return rc;

    if (c->json) {
        json_t *arr = json_array();
        for (i = 0; i < n; i++)
            json_array_append_new(arr, jintervention_brief(rows[i]));
        free_rows(rows, n);
        return print_json(arr);
    }
    if (n == 0) {
        printf("%s\n", tr(c, "No interventions match.", "Geen interventies gevonden."));
        free_rows(rows, n);
        return 0;
    }
    w = id_width(rows, n, 2);
    printf("%-*s  ", w, "ID");
    print_padded(tr(c, "SETTING", "SETTING"), 12);
    putchar(' ');
    print_padded(tr(c, "SCOPE", "VORM"), 12);
    putchar(' ');
    print_padded(tr(c, "ELEMENTS", "ELEMENTEN"), 16);
    printf(" %s\n", tr(c, "NAME", "NAAM"));
    for (i = 0; i < n; i++) {
        int e;
        printf("%-*s  ", w, itav_intervention_id(rows[i]));
        print_padded(word(c, ITAV_CODE_SETTING, (int)itav_intervention_setting(rows[i])), 12);
        putchar(' ');
        print_padded(word(c, ITAV_CODE_SCOPE, (int)itav_intervention_scope(rows[i])), 12);
        putchar(' ');
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            itav_status st = itav_intervention_element(rows[i], ITAV_PROFILE_DEFAULT,
                                                       (itav_element)e);
            putchar(st == ITAV_STATUS_PRESENT ? '0' + e : st == ITAV_STATUS_ABSENT ? '.' : '?');
            putchar(' ');
        }
        printf(" %s\n", itav_intervention_name(rows[i]));
    }
    printf("\n%zu %s\n%s\n", n, tr(c, n == 1 ? "intervention." : "interventions.",
                                   n == 1 ? "interventie." : "interventies."),
           tr(c, "Elements: digit = present, . = absent, ? = unknown (profile in use; "
                 "see 'itav catalog profile').",
              "Elementen: cijfer = aanwezig, . = afwezig, ? = onbekend (profiel in gebruik; "
              "zie 'itav catalog profile')."));
    free_rows(rows, n);
    return 0;
}

static void show_text(const cli *c, itav_db *db, const itav_intervention *iv)
{
    unsigned bits = itav_intervention_audience(iv), b;
    int32_t amin, amax;
    size_t i, n;
    int e;
    char buf[64];
    itav_elemset disputed = itav_intervention_disputed(iv);
    itav_profile_source ps = itav_intervention_profile_source(iv);
    itav_offer_iter *it = NULL;
    itav_offer *of;

    printf("%s (%s)\n", itav_intervention_name(iv), itav_intervention_id(iv));
    print_field(tr(c, "Kind:", "Soort:"), known_word(c, ITAV_CODE_KIND,
                                                        (int)itav_intervention_kind(iv)));
    print_field(tr(c, "Summary:", "Samenvatting:"), itav_intervention_summary(iv));
    print_joined(c, iv, ITAV_TEXT_PROVIDERS, "Providers:", "Aanbieders:");
    print_joined(c, iv, ITAV_TEXT_MUNICIPALITIES, "Municipalities:", "Gemeenten:");
    print_joined(c, iv, ITAV_TEXT_REGIONS, "Regions:", "Regio's:");
    if (itav_intervention_since(iv)) {
        snprintf(buf, sizeof buf, "%d", itav_intervention_since(iv));
        print_field(tr(c, "Since:", "Sinds:"), buf);
    }
    if (bits) {
        int first = 1;
        printf("  ");
        print_padded(tr(c, "Audience:", "Doelgroep:"), 18);
        putchar(' ');
        for (b = 1; b <= ITAV_AUDIENCE_ALL; b <<= 1)
            if (bits & b) {
                printf("%s%s", first ? "" : ", ", word(c, ITAV_CODE_AUDIENCE, (int)b));
                first = 0;
            }
        putchar('\n');
    }
    if (itav_intervention_age_range(&amin, &amax, iv) == ITAV_OK &&
        (amin != ITAV_AGE_NONE || amax != ITAV_AGE_NONE)) {
        char lo[16] = "?", hi[16] = "?";
        if (amin != ITAV_AGE_NONE)
            snprintf(lo, sizeof lo, "%ld", (long)amin);
        if (amax != ITAV_AGE_NONE)
            snprintf(hi, sizeof hi, "%ld", (long)amax);
        snprintf(buf, sizeof buf, "%s %s %s %s", lo, tr(c, "to", "tot"), hi,
                 tr(c, "months", "maanden"));
        print_field(tr(c, "Age:", "Leeftijd:"), buf);
    }
    print_field(tr(c, "Conditions:", "Voorwaarden:"), itav_intervention_conditions(iv));
    print_field(tr(c, "Setting:", "Setting:"),
                known_word(c, ITAV_CODE_SETTING, (int)itav_intervention_setting(iv)));
    print_field(tr(c, "Scope:", "Vorm:"),
                known_word(c, ITAV_CODE_SCOPE, (int)itav_intervention_scope(iv)));
    print_field(tr(c, "Channel:", "Kanaal:"),
                known_word(c, ITAV_CODE_CHANNEL, (int)itav_intervention_channel(iv)));
    if (itav_intervention_evidence(iv))
        print_field(tr(c, "Evidence level:", "Bewijskracht:"),
                    word(c, ITAV_CODE_EVIDENCE, (int)itav_intervention_evidence(iv)));

    n = itav_intervention_role_count(iv);
    if (n) {
        printf("\n%s:\n", tr(c, "Roles", "Rollen"));
        for (i = 0; i < n; i++) {
            const itav_role *r = itav_intervention_role(iv, i);
            printf("  - %s", word(c, ITAV_CODE_ROLE, (int)itav_role_get_kind(r)));
            if (itav_role_get_description(r))
                printf(": %s", itav_role_get_description(r));
            putchar('\n');
            if (itav_role_get_vog(r))
                printf("      %s\n", tr(c, "Certificate of conduct (VOG) required.",
                                        "Verklaring omtrent gedrag (VOG) vereist."));
            if (itav_role_get_training(r))
                printf("      %s %s\n", tr(c, "Training:", "Training:"),
                       itav_role_get_training(r));
        }
    }
    print_text_list(c, iv, ITAV_TEXT_PHASES, "Phases", "Fasen", 1);

    printf("\n%s", tr(c, "Elements", "Elementen"));
    if (ps)
        printf(" (%s: %s)", tr(c, "profile in use", "profiel in gebruik"),
               word(c, ITAV_CODE_PROFILE_SOURCE, (int)ps));
    printf(":\n");
    if (!ps)
        printf("  %s\n", tr(c, "No source states a profile.", "Geen bron noemt een profiel."));
    for (i = 0; i < N_PROFILE_SOURCES; i++) {
        itav_profile_source src = profile_sources[i];
        itav_elemset known = itav_intervention_known_elements(iv, src);
        if (!known)
            continue;
        printf("  %s:\n", word(c, ITAV_CODE_PROFILE_SOURCE, (int)src));
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            const char *ev, *ref;
            if (!itav_elemset_has(known, (itav_element)e))
                continue;
            ev = itav_intervention_element_evidence(iv, src, (itav_element)e);
            ref = itav_intervention_element_source(iv, src, (itav_element)e);
            printf("  %s %d %s: %s", itav_elemset_has(disputed, (itav_element)e) ? "*" : " ",
                   e, itav_element_label((itav_element)e, c->lang),
                   word(c, ITAV_CODE_STATUS,
                        (int)itav_intervention_element(iv, src, (itav_element)e)));
            if (ref)
                printf(" [%s]", ref);
            putchar('\n');
            if (ev)
                printf("        %s\n", ev);
        }
    }
    if (disputed) {
        printf("  * %s\n", tr(c, "The sources disagree on these elements:",
                              "De bronnen zijn het oneens over deze elementen:"));
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            if (!itav_elemset_has(disputed, (itav_element)e))
                continue;
            printf("    %d %s: ", e, itav_element_code((itav_element)e));
            print_dispute(c, iv, (itav_element)e);
            putchar('\n');
        }
    }

    n = itav_intervention_figure_count(iv, ITAV_FIGURES_REACH);
    if (n) {
        printf("\n%s:\n", tr(c, "Reach", "Bereik"));
        for (i = 0; i < n; i++)
            print_figure(c, itav_intervention_figure(iv, ITAV_FIGURES_REACH, i));
    }
    print_text_list(c, iv, ITAV_TEXT_WORKS, "What works", "Wat werkt", 0);
    print_text_list(c, iv, ITAV_TEXT_IMPROVE, "What could be better", "Wat beter kan", 0);
    print_text_list(c, iv, ITAV_TEXT_LINKS, "Links", "Links", 0);

    if (itav_offer_list(&it, db, itav_intervention_id(iv), NULL) == ITAV_OK) {
        int first = 1;
        while (itav_offer_iter_next(&of, it) == ITAV_OK) {
            size_t m = itav_offer_text_count(of, ITAV_TEXT_MUNICIPALITIES);
            if (first)
                printf("\n%s:\n", tr(c, "Offers", "Aanbod"));
            first = 0;
            printf("  - %s", itav_offer_id(of));
            for (i = 0; i < m; i++)
                printf("%s%s", i ? ", " : ": ", itav_offer_text(of, ITAV_TEXT_MUNICIPALITIES, i));
            if (itav_offer_provider(of))
                printf(" (%s)", itav_offer_provider(of));
            putchar('\n');
            itav_offer_free(of);
        }
        itav_offer_iter_free(it);
    }

    n = 0;
    for (i = 0; i < sizeof source_fields / sizeof source_fields[0]; i++) {
        const char *ref = itav_intervention_source(iv, source_fields[i]);
        if (!ref)
            continue;
        if (n++ == 0)
            printf("\n%s:\n", tr(c, "Sources (seed:line)", "Bronnen (seed:regel)"));
        printf("  ");
        print_padded(source_fields[i], 16);
        printf(" %s\n", ref);
    }
}

static int cmd_show(cli *c)
{
    itav_db *db;
    itav_intervention *iv = NULL;
    int rc = open_store(&db, c, 0);
    if (rc)
        return rc;
    rc = itav_intervention_get(&iv, db, c->args[2]);
    if (rc != ITAV_OK) {
        rc = lib_error(db, rc);
        itav_close(db);
        return rc;
    }
    if (c->json)
        rc = print_json(jintervention_full(db, iv));
    else
        show_text(c, db, iv);
    itav_intervention_free(iv);
    itav_close(db);
    return rc;
}

static int cmd_profile(cli *c)
{
    itav_intervention **rows = NULL;
    size_t n = 0, i;
    itav_db *db;
    int rc, e, w, any_dispute = 0;
    const char *note_en = "The table describes; it does not rank. More elements is not better "
                          "(seed 001, line 2387): whether an intervention fits depends on the "
                          "target group and the context.";
    const char *note_nl = "De tabel beschrijft en rangschikt niet. Meer elementen is niet beter "
                          "(seed 001, regel 2387): of een interventie past, hangt af van de "
                          "doelgroep en de context.";

    rc = open_store(&db, c, 0);
    if (rc)
        return rc;
    rc = collect(&rows, &n, db, NULL, 1);
    itav_close(db);
    if (rc)
        return rc;
    w = id_width(rows, n, 2);

    if (c->json) {
        json_t *root = json_object(), *legend = json_array(), *arr = json_array();
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            json_t *el = json_object();
            json_object_set_new(el, "number", json_integer(e));
            jset_str(el, "code", itav_element_code((itav_element)e));
            jset_str(el, "label", itav_element_label((itav_element)e, c->lang));
            json_array_append_new(legend, el);
        }
        for (i = 0; i < n; i++)
            json_array_append_new(arr, jintervention_brief(rows[i]));
        json_object_set_new(root, "element_legend", legend);
        json_object_set_new(root, "interventions", arr);
        jset_str(root, "note", tr(c, note_en, note_nl));
        free_rows(rows, n);
        return print_json(root);
    }

    printf("%s\n\n", tr(c, "Element table (profile in use of each intervention)",
                        "Elemententabel (profiel in gebruik per interventie)"));
    printf("%-*s ", w, "");
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        printf(" %-2d", e);
    printf("  %-20s %s\n", tr(c, "SOURCE", "BRON"), tr(c, "NAME", "NAAM"));
    for (i = 0; i < n; i++) {
        itav_elemset disputed = itav_intervention_disputed(rows[i]);
        printf("%-*s ", w, itav_intervention_id(rows[i]));
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            itav_status st = itav_intervention_element(rows[i], ITAV_PROFILE_DEFAULT,
                                                       (itav_element)e);
            int d = itav_elemset_has(disputed, (itav_element)e);
            printf(" %c%c", st == ITAV_STATUS_PRESENT ? '+' : st == ITAV_STATUS_ABSENT ? '-' : '?',
                   d ? '*' : ' ');
        }
        printf("  ");
        print_padded(word(c, ITAV_CODE_PROFILE_SOURCE,
                          (int)itav_intervention_profile_source(rows[i])), 20);
        printf(" %s\n", itav_intervention_name(rows[i]));
        if (disputed)
            any_dispute = 1;
    }
    printf("\n%s\n", tr(c, "+ present, - absent, ? unknown, * the sources disagree",
                        "+ aanwezig, - afwezig, ? onbekend, * de bronnen zijn het oneens"));
    printf("\n%s:\n", tr(c, "Elements", "Elementen"));
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        printf("  %d  %-18s %s\n", e, itav_element_code((itav_element)e),
               itav_element_label((itav_element)e, c->lang));
    if (any_dispute) {
        printf("\n* %s\n",
               tr(c, "Where seed 001's summary table and the example's own sections disagree:",
                  "Waar de samenvattende tabel van seed 001 en de eigen secties van het "
                  "voorbeeld het oneens zijn:"));
        for (i = 0; i < n; i++) {
            itav_elemset disputed = itav_intervention_disputed(rows[i]);
            for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
                if (!itav_elemset_has(disputed, (itav_element)e))
                    continue;
                printf("  %s, %s %d %s: ", itav_intervention_id(rows[i]),
                       tr(c, "element", "element"), e, itav_element_code((itav_element)e));
                print_dispute(c, rows[i], (itav_element)e);
                putchar('\n');
            }
        }
    }
    printf("\n%s\n", tr(c, note_en, note_nl));

    free_rows(rows, n);
    return 0;
}

static int cmd_import(cli *c)
{
    itav_db *db;
    int rc = open_store(&db, c, 1);
    if (rc)
        return rc;
    rc = itav_import_json_file(db, c->args[1]);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    return rc;
}

static int cmd_export(cli *c)
{
    itav_db *db;
    int rc = open_store(&db, c, 0);
    if (rc)
        return rc;
    if (c->n_args > 1) {
        rc = itav_export_json_file(db, c->args[1]);
        if (rc != ITAV_OK)
            rc = lib_error(db, rc);
    } else {
        char *text = NULL;
        rc = itav_export_json_string(&text, db);
        if (rc != ITAV_OK) {
            rc = lib_error(db, rc);
        } else {
            fputs(text, stdout);
            itav_free(text);
        }
    }
    itav_close(db);
    return rc;
}

/* ---- argument parsing ------------------------------------------------------------------- */

static itav_lang lang_from_locale(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    size_t i;
    for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "nl", 2) == 0 ? ITAV_LANG_NL : ITAV_LANG_EN;
    }
    return ITAV_LANG_EN;
}

enum opt_id { OPT_STORE, OPT_LANG, OPT_JSON, OPT_ELEMENT, OPT_SETTING, OPT_MUNICIPALITY,
              OPT_HELP, OPT_VERSION };

static const struct {
    const char *name;
    int takes_value;
} options[] = {
    {"store", 1}, {"lang", 1}, {"json", 0}, {"element", 1}, {"setting", 1},
    {"municipality", 1}, {"help", 0}, {"version", 0},
};

/* Which options a command accepts besides --store, --lang, --help and --version. */
static int check_options(const cli *c, const char *command, int json_ok, int filters_ok)
{
    if (c->json && !json_ok)
        return usage_error("option --json does not apply to '%s'", command);
    if (!filters_ok && (c->n_elements || c->setting || c->municipality))
        return usage_error("options --element, --setting and --municipality apply only to "
                           "'catalog list', not to '%s'", command);
    return 0;
}

static int parse_args(cli *c, int argc, char **argv)
{
    int i, only_args = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *value = "", *eq;
        size_t k, len;
        int opt = -1;
        if (only_args || a[0] != '-' || a[1] == '\0') {
            if (c->n_args == sizeof c->args / sizeof c->args[0])
                return usage_error("unexpected argument '%s'", a);
            c->args[c->n_args++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0) {
            c->help = 1;
            continue;
        }
        if (a[1] != '-')
            return usage_error("unknown option '%s'", a);
        eq = strchr(a + 2, '=');
        len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
        for (k = 0; k < sizeof options / sizeof options[0]; k++)
            if (strlen(options[k].name) == len && strncmp(options[k].name, a + 2, len) == 0)
                opt = (int)k;
        if (opt < 0)
            return usage_error("unknown option '%.*s'", (int)len + 2, a);
        if (options[opt].takes_value) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return usage_error("option --%s needs an argument", options[opt].name);
        } else if (eq) {
            return usage_error("option --%s takes no argument", options[opt].name);
        }
        switch ((enum opt_id)opt) {
        case OPT_STORE:
            if (!*value)
                return usage_error("option --store needs a non-empty URI");
            c->store = value;
            break;
        case OPT_LANG:
            if (strcmp(value, "nl") == 0)
                c->lang = ITAV_LANG_NL;
            else if (strcmp(value, "en") == 0)
                c->lang = ITAV_LANG_EN;
            else
                return usage_error("unknown language '%s' (expected nl or en)", value);
            break;
        case OPT_JSON:
            c->json = 1;
            break;
        case OPT_ELEMENT:
            if (c->n_elements == MAX_ELEMENT_OPTS)
                return usage_error("too many --element options (at most %d)", MAX_ELEMENT_OPTS);
            c->elements[c->n_elements++] = value;
            break;
        case OPT_SETTING:
            c->setting = value;
            break;
        case OPT_MUNICIPALITY:
            c->municipality = value;
            break;
        case OPT_HELP:
            c->help = 1;
            break;
        case OPT_VERSION:
            c->version = 1;
            break;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c;
    const char *cmd;
    int rc;

    memset(&c, 0, sizeof c);
    c.lang = lang_from_locale();
    rc = parse_args(&c, argc, argv);
    if (rc)
        return rc;
    if (c.help) {
        fputs(usage_text, stdout);
        return fflush(stdout) == 0 ? 0 : EXIT_DATA;
    }
    if (c.version) {
        printf("itav %s (libitav %s)\n", ITAV_VERSION_STRING, itav_version());
        return fflush(stdout) == 0 ? 0 : EXIT_DATA;
    }
    if (c.n_args == 0)
        return usage_error("missing command");

    cmd = c.args[0];
    if (strcmp(cmd, "init") == 0) {
        if (c.n_args > 1)
            return usage_error("unexpected argument '%s'", c.args[1]);
        rc = check_options(&c, "init", 0, 0);
        if (!rc)
            rc = cmd_init(&c);
    } else if (strcmp(cmd, "catalog") == 0) {
        const char *sub = c.n_args > 1 ? c.args[1] : NULL;
        if (!sub)
            return usage_error("missing catalog subcommand (list, show or profile)");
        if (strcmp(sub, "list") == 0) {
            if (c.n_args > 2)
                return usage_error("unexpected argument '%s'", c.args[2]);
            rc = cmd_list(&c);
        } else if (strcmp(sub, "show") == 0) {
            if (c.n_args < 3)
                return usage_error("missing argument ID for 'catalog show'");
            if (c.n_args > 3)
                return usage_error("unexpected argument '%s'", c.args[3]);
            rc = check_options(&c, "catalog show", 1, 0);
            if (!rc)
                rc = cmd_show(&c);
        } else if (strcmp(sub, "profile") == 0) {
            if (c.n_args > 2)
                return usage_error("unexpected argument '%s'", c.args[2]);
            rc = check_options(&c, "catalog profile", 1, 0);
            if (!rc)
                rc = cmd_profile(&c);
        } else {
            return usage_error("unknown catalog subcommand '%s' (expected list, show or "
                               "profile)", sub);
        }
    } else if (strcmp(cmd, "import") == 0) {
        if (c.n_args < 2)
            return usage_error("missing argument FILE for 'import'");
        if (c.n_args > 2)
            return usage_error("unexpected argument '%s'", c.args[2]);
        rc = check_options(&c, "import", 0, 0);
        if (!rc)
            rc = cmd_import(&c);
    } else if (strcmp(cmd, "export") == 0) {
        if (c.n_args > 2)
            return usage_error("unexpected argument '%s'", c.args[2]);
        rc = check_options(&c, "export", 0, 0);
        if (!rc)
            rc = cmd_export(&c);
    } else {
        return usage_error("unknown command '%s'", cmd);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("itav: cannot write to standard output\n", stderr);
        return EXIT_DATA;
    }
    return rc;
}
