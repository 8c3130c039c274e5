/*
 * itav: the libitav command-line tool.
 *
 * A thin layer over the public API (itav.h): it opens a store, loads the built-in catalogue,
 * lists and shows interventions, prints the element table, imports and exports itav/1 JSON,
 * keeps participants (import from CSV or JSON, list, status, erasure) and carries matches from
 * suggestion and assignment through their lifecycle. The --json output is built with jansson
 * and documented in docs/cli.md.
 *
 * Exit codes: 0 success, 1 usage error, 2 data error (the library refused something).
 */
#define _GNU_SOURCE /* fopencookie: the output filter below */
#include <itav.h>

#include <jansson.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define EXIT_USAGE 1
#define EXIT_DATA 2

#define MAX_ELEMENT_OPTS 8

/* ---- the parsed command line ------------------------------------------------------------ */

/* The options, in the order of the table in parse_args(). */
enum opt_id { OPT_STORE, OPT_LANG, OPT_JSON, OPT_ELEMENT, OPT_SETTING, OPT_MUNICIPALITY,
              OPT_HELP, OPT_VERSION, OPT_OFFER, OPT_SIDE, OPT_STATUS, OPT_STATE, OPT_K,
              OPT_DATE, OPT_AS_OF, OPT_WITHIN, OPT_MIN_SCORE, OPT_ACTOR, OPT_REASON, OPT_NOTE,
              OPT_DRY_RUN, OPT_KIND, OPT_RESPONDENT, OPT_SATISFACTION, OPT_SAFETY_CONCERN,
              OPT_SAFETY_NOTE, OPT_EFFECT, OPT_FORMAL_HELP, OPT_MATCH, OPT_VALUE, OPT_PERIOD,
              OPT_TEXT, OPT_SOURCE, OPT_DERIVE, OPT_FROM, OPT_TO, OPT_FORMAT, OPT_OUTPUT,
              OPT_COMPARE, OPT_SVG, OPT_REGION, OPT_ID, OPT_COMPARE_MUNICIPALITY, OPT_AUDIENCE,
              OPT_AGE_MONTHS, OPT_NEED, OPT_CHANNEL };

/* A set of options: more than 32 of them, so 64 bits. */
typedef uint64_t optset;
#define OPTBIT(opt) ((optset)1 << (opt))
/* Options every command takes. */
#define GLOBAL_OPTS (OPTBIT(OPT_STORE) | OPTBIT(OPT_LANG) | OPTBIT(OPT_HELP) | OPTBIT(OPT_VERSION))
/* The filters of 'catalog list'; --element and --setting apply to nothing else. */
#define FILTER_OPTS (OPTBIT(OPT_ELEMENT) | OPTBIT(OPT_SETTING) | OPTBIT(OPT_MUNICIPALITY))
#define CATALOG_ONLY_OPTS (OPTBIT(OPT_ELEMENT) | OPTBIT(OPT_SETTING))

/* Repeatable options keep every value, up to a limit. */
#define MAX_REPEATED 64
typedef struct repeated {
    const char *v[MAX_REPEATED];
    size_t n;
} repeated;

typedef struct cli {
    itav_lang lang;
    const char *store;        /* --store, or NULL */
    int json;                 /* --json */
    const char *elements[MAX_ELEMENT_OPTS]; /* --element, repeatable */
    size_t n_elements;
    const char *setting;      /* --setting */
    const char *municipality; /* --municipality */
    const char *offer;        /* --offer */
    const char *side;         /* --side */
    const char *status;       /* --status */
    const char *state;        /* --state */
    const char *k;            /* --k */
    const char *date;         /* --date */
    const char *as_of;        /* --as-of */
    const char *within;       /* --within */
    const char *min_score;    /* --min-score */
    const char *actor;        /* --actor */
    const char *reason;       /* --reason */
    const char *note;         /* --note */
    int dry_run;              /* --dry-run */
    const char *kind;         /* --kind (of a review) */
    const char *respondent;   /* --respondent */
    const char *satisfaction; /* --satisfaction */
    int safety_concern;       /* --safety-concern */
    const char *safety_note;  /* --safety-note */
    repeated effects;         /* --effect CODE=SCORE, repeatable */
    const char *formal_help;  /* --formal-help */
    const char *match;        /* --match */
    const char *value;        /* --value (a qualified quantity) */
    const char *period;       /* --period */
    const char *text;         /* --text */
    const char *source;       /* --source */
    int derive;               /* --derive */
    const char *from, *to;    /* --from, --to */
    const char *format;       /* --format */
    const char *output;       /* --output */
    const char *compare;      /* --compare */
    const char *svg;          /* --svg */
    const char *region;       /* --region */
    repeated ids;             /* --id, repeatable */
    const char *compare_municipality; /* --compare-municipality */
    const char *audience;     /* --audience */
    const char *age_months;   /* --age-months */
    repeated needs;           /* --need, repeatable */
    const char *channel;      /* --channel */
    const char *args[4];      /* positional arguments */
    size_t n_args;
    int help, version;
    int store_is_default;     /* the store URI was computed, not given */
    optset given;             /* OPTBIT() of every option given */
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
    "  participants import FILE [--offer OFFER]\n"
    "                              import participants from FILE.csv or an itav/1 JSON file\n"
    "  participants list [--offer O] [--side asking|supporting] [--status S] [--json]\n"
    "  participants show REF [--json]\n"
    "  participants status REF STATUS [--date D]\n"
    "  participants erase REF      remove personal data; prints the new reference\n"
    "  match suggest REF [--k N] [--as-of D] [--json]\n"
    "                              the best supporters for one asking participant\n"
    "  match assign OFFER [--dry-run] [--date D] [--min-score X] [--json]\n"
    "                              the best matches for everyone waiting in an offer\n"
    "  match propose ASKING SUPPORTING [--date D] [--actor A] [--note T]\n"
    "  match advance MATCH STATE [--date D] [--actor A] [--reason R] [--note T]\n"
    "  match list [--offer O] [--state S] [--json]\n"
    "  match show MATCH [--json]   one match with its audit trail\n"
    "  match due [--as-of D] [--within DAYS] [--offer O] [--json]\n"
    "                              reviews, trial evaluations and closures due\n"
    "\n"
    "  review add MATCH --kind trial|periodic|final --date D\n"
    "             --respondent asking|supporting|coordinator [--satisfaction 1-10]\n"
    "             [--safety-concern [--safety-note T]] [--effect CODE=-2..+2]...\n"
    "             [--formal-help CODE] [--note T] [--json]\n"
    "  review list [--match M] [--offer O] [--json]\n"
    "  indicator list [--offer O] [--json]\n"
    "  indicator show ID [--as-of D] [--json]\n"
    "                              definition, baseline, targets judged, measurements\n"
    "  indicator measure ID --date D --value QTY [--period P] [--text T] [--source REF]\n"
    "                              QTY: 12, about 12, at least 12, at most 12, 5..10\n"
    "  indicator measure ID --derive --from D --to D [--date D] [--source REF]\n"
    "                              compute a derived indicator from the store and record it\n"
    "  report programme OFFER [--format md|json|csv] [--k N] [--as-of D] [--from D]\n"
    "                   [--to D] [--output FILE]\n"
    "                              programme report; counts below k show as <k\n"
    "  profile ID [--compare ID] [--svg FILE] [--json]\n"
    "                              element profile of one intervention, or two side by side\n"
    "  portfolio [--municipality M] [--region R] [--id ID]... [--compare-municipality M]\n"
    "            [--json]          element coverage of a set of interventions\n"
    "  recommend --audience parent|expecting|youth [--age-months N] [--municipality M]\n"
    "            [--need THEME]... [--channel in_person|online|both] [--json]\n"
    "                              what fits a question, lightest first\n"
    "\n"
    "Options:\n"
    "  --store URI    memory:, or sqlite:PATH; default $ITAV_STORE, else\n"
    "                 sqlite:$XDG_DATA_HOME/itav/itav.db (XDG_DATA_HOME: ~/.local/share)\n"
    "  --lang nl|en   language of labels; default from LC_ALL, LC_MESSAGES or LANG\n"
    "  --json         machine-readable output (see docs/cli.md)\n"
    "  --date D, --as-of D\n"
    "                 a date YYYY-MM-DD; default today (UTC)\n"
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

/* A qualified quantity as in docs/format.md: {"qualifier", "value" or "min" and "max",
 * "text"}. */
static json_t *jquantity(itav_qualifier ql, double min, double max, const char *text)
{
    json_t *q = json_object();
    json_object_set_new(q, "qualifier", jcode(ITAV_CODE_QUALIFIER, (int)ql));
    if (ql == ITAV_QTY_RANGE) {
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

static json_t *jfigure(const itav_figure *f)
{
    json_t *o = json_object();
    jset_str(o, "what", itav_figure_get_what(f));
    json_object_set_new(o, "quantity",
                        jquantity(itav_figure_get_qualifier(f), itav_figure_get_min(f),
                                  itav_figure_get_max(f), itav_figure_get_text(f)));
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

/* A table cell: a line break or tab in the text (a note, say) is shown as \n or \t, so that
 * it cannot break the row. */
static void print_padded(const char *s, size_t width)
{
    size_t w = utf8_width(s);
    for (; *s; s++) {
        if (*s == '\n' || *s == '\t')
            w++, fputs(*s == '\n' ? "\\n" : "\\t", stdout);
        else
            putchar(*s);
    }
    for (; w < width; w++)
        putchar(' ');
}

/* ---- the output filter ----
 * Everything the tool prints goes through it: a control character that a terminal obeys (C0
 * but line feed and tab, DEL, C1, and a CR that does not end a line) is shown as \xNN. The
 * library refuses such characters in text since 0.4 and replaces them in older stores, but a
 * message may quote what a user gave: printed raw, ESC [2J would clear the screen, ESC ] 0;
 * retitle the window, a lone CR overwrite a line (issue 17). */
typedef struct out_filter {
    FILE *to;
    bool after_c2; /* the last byte written was 0xC2, the lead byte of C1 in UTF-8 */
    bool after_cr; /* the last byte written was CR: harmless before LF (a CSV report's CRLF) */
} out_filter;

static ssize_t filter_write(void *cookie, const char *buf, size_t size)
{
    out_filter *f = cookie;
    for (size_t i = 0; i < size; i++) {
        unsigned char ch = (unsigned char)buf[i];
        if (f->after_cr) {
            f->after_cr = false;
            fputs(ch == '\n' ? "\r" : "\\x0D", f->to);
        }
        if (ch == '\r') {
            f->after_cr = true;
            continue;
        }
        if (f->after_c2) {
            f->after_c2 = false;
            if (ch >= 0x80 && ch <= 0x9F) {
                fprintf(f->to, "\\x%02X", ch);
                continue;
            }
            putc(0xC2, f->to);
        }
        if (ch == 0xC2)
            f->after_c2 = true;
        else if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7F)
            fprintf(f->to, "\\x%02X", ch);
        else
            putc(ch, f->to);
    }
    return ferror(f->to) ? -1 : (ssize_t)size;
}

static int filter_close(void *cookie)
{
    out_filter *f = cookie;
    if (f->after_cr)
        fputs("\\x0D", f->to);
    if (f->after_c2)
        putc(0xC2, f->to);
    return fclose(f->to);
}

/* Replaces *stream (stdout or stderr) by a filtered stream onto the same descriptor. */
static void filter_stream(FILE **stream, out_filter *f)
{
    static const cookie_io_functions_t io = {NULL, filter_write, NULL, filter_close};
    FILE *raw = fdopen(dup(fileno(*stream)), "w");
    FILE *filtered = raw ? fopencookie(f, "w", io) : NULL;
    if (!filtered) {
        if (raw)
            fclose(raw);
        return; /* unfiltered, then: better than no output */
    }
    f->to = raw;
    fflush(*stream);
    *stream = filtered;
}

static void print_number(double v)
{
    printf("%.15g", v);
}

/* A qualified quantity in words: "about 10", "5 to 10", or its text in quotes. */
static void print_qty(const cli *c, itav_qualifier ql, double min, double max, const char *text)
{
    switch (ql) {
    case ITAV_QTY_EXACT:
        print_number(min);
        break;
    case ITAV_QTY_ABOUT:
        printf("%s ", tr(c, "about", "ongeveer"));
        print_number(min);
        break;
    case ITAV_QTY_AT_LEAST:
        printf("%s ", tr(c, "at least", "minstens"));
        print_number(min);
        break;
    case ITAV_QTY_AT_MOST:
        printf("%s ", tr(c, "at most", "hoogstens"));
        print_number(max);
        break;
    case ITAV_QTY_RANGE:
        print_number(min);
        printf(" %s ", tr(c, "to", "tot"));
        print_number(max);
        break;
    case ITAV_QTY_TEXT:
    default:
        printf("\"%s\"", text ? text : "?");
        break;
    }
}

static void print_quantity(const cli *c, const itav_figure *f)
{
    print_qty(c, itav_figure_get_qualifier(f), itav_figure_get_min(f), itav_figure_get_max(f),
              itav_figure_get_text(f));
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

/* ---- participants and matches: helpers -------------------------------------------------- */

/* A growable array of owned objects. */
typedef struct vec {
    void **v;
    size_t n, cap;
} vec;

static void vec_push(vec *a, void *item)
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

static void vec_free(vec *a, void (*free_item)(void *))
{
    size_t i;
    for (i = 0; i < a->n; i++)
        free_item(a->v[i]);
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}

/* Adapters with the signature vec_free() wants. */
static void free_participant(void *p) { itav_participant_free(p); }
static void free_match(void *m) { itav_match_free(m); }
static void free_suggestion(void *s) { itav_suggestion_free(s); }
static void free_due(void *d) { itav_due_free(d); }

static int32_t today_utc(void)
{
    return (int32_t)(time(NULL) / 86400);
}

/* The date an option gives (--date, --as-of); today (UTC) when the option is absent. */
static int option_date(int32_t *out, const char *value, const char *option)
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
static int option_int(long *out, const char *value, const char *option, long min, long max)
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
static int option_fraction(double *out, const char *value, const char *option)
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
static const char *date_text(char *buf, int32_t date)
{
    if (date == ITAV_DATE_NONE || itav_date_format(buf, ITAV_DATE_BUFSIZE, date) != ITAV_OK)
        return "-";
    return buf;
}

static json_t *jdate(int32_t date)
{
    char buf[ITAV_DATE_BUFSIZE];
    return date == ITAV_DATE_NONE ? json_null() : json_string(date_text(buf, date));
}

/* Support types, availability slots and audiences are sets of bits; the other code types
 * count from 1. */
static int code_value(itav_code_type type, int i)
{
    if (type == ITAV_CODE_SUPPORT || type == ITAV_CODE_SLOT || type == ITAV_CODE_AUDIENCE ||
        type == ITAV_CODE_THEME)
        return (int)(1u << i);
    return i + 1;
}

/* Every code of an enumeration, "a, b or c" (owned by the caller); for messages. */
static char *code_list(itav_code_type type)
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
        t = xstrcat3(s, i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
        free(s);
        s = t;
    }
    return s;
}

/* The codes of the bits set in bits, joined with ", " (owned by the caller). */
static char *codes_joined(itav_code_type type, unsigned bits)
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
static int parse_code_arg(int *out, itav_code_type type, const char *value, const char *what)
{
    char *list;
    int rc;
    if (itav_code_parse(out, type, value) == ITAV_OK)
        return 0;
    list = code_list(type);
    rc = data_error("unknown %s \"%s\" (expected %s)", what, value, list);
    free(list);
    return rc;
}

/* Prints JSON with reals to 15 significant digits (scores are rounded to millionths). */
static int print_json_reals(json_t *root)
{
    int rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    json_decref(root);
    if (rc != 0)
        return data_error("cannot write JSON output");
    putchar('\n');
    return 0;
}

/* A score or criterion value, rounded to millionths as the library counts scores. */
static json_t *jfraction(double v)
{
    return json_real((double)(long long)(v * 1e6 + 0.5) / 1e6);
}

/* A distance in kilometres, to the metre; null when unknown (negative). */
static json_t *jkm(double metres)
{
    return metres < 0 ? json_null() : json_real((double)(long long)(metres + 0.5) / 1000.0);
}

/* Text the library encoded as JSON, as a jansson value; the text is freed. */
static json_t *jlibrary(char *text, int rc, const char *what)
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

static json_t *jparticipant(const itav_participant *p)
{
    char *text = NULL;
    int rc = itav_participant_to_json(&text, p);
    return jlibrary(text, rc, "a participant");
}

static json_t *jmatch(const itav_match *m)
{
    char *text = NULL;
    int rc = itav_match_to_json(&text, m);
    return jlibrary(text, rc, "a match");
}

/* Fails with the library's message when an offer does not exist (NULL: no offer asked). */
static int check_offer(itav_db *db, const char *id)
{
    itav_offer *of = NULL;
    int rc;
    if (!id)
        return 0;
    rc = itav_offer_get(&of, db, id);
    itav_offer_free(of);
    return rc == ITAV_OK ? 0 : lib_error(db, rc);
}

static int ends_with_nocase(const char *s, const char *suffix)
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

static size_t max_width(size_t w, const char *s)
{
    size_t n = s ? utf8_width(s) : 0;
    return n > w ? n : w;
}

/* ---- scored pairs: the breakdown shared by suggestions and assignments ------------------ */

/* Column heads of the criteria in text tables; the legend spells them out. */
static const char *const criterion_heads[ITAV_CRITERION_COUNT + 1] = {
    "", "dist", "avail", "needs", "lang", "inter", "ages", "wait"};

static json_t *jbreakdown(const itav_suggestion *s)
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

static json_t *jpair(const itav_suggestion *s)
{
    json_t *o = json_object();
    jset_str(o, "asking", itav_suggestion_asking(s));
    jset_str(o, "supporting", itav_suggestion_supporting(s));
    json_object_set_new(o, "score", jfraction(itav_suggestion_score(s)));
    json_object_set_new(o, "distance_km", jkm(itav_suggestion_distance(s)));
    json_object_set_new(o, "breakdown", jbreakdown(s));
    return o;
}

static json_t *jweights(const itav_match_options *opt)
{
    json_t *o = json_object();
    int cr;
    for (cr = 1; cr <= ITAV_CRITERION_COUNT; cr++)
        json_object_set_new(o, itav_code_name(ITAV_CODE_CRITERION, cr),
                            jnumber(opt->weights[cr]));
    return o;
}

/* SCORE, KM and the criteria heads. */
static void print_pair_heads(const cli *c)
{
    int cr;
    printf("  %-5s  %5s ", "SCORE", "KM");
    for (cr = 1; cr <= ITAV_CRITERION_COUNT; cr++)
        printf(" %-4s", criterion_heads[cr]);
}

static void print_pair_cells(const itav_suggestion *s)
{
    double km = itav_suggestion_distance(s);
    int cr;
    printf("  %.3f", itav_suggestion_score(s));
    if (km >= 0)
        printf("  %5.1f", km / 1000.0);
    else
        printf("  %5s", "-");
    putchar(' ');
    for (cr = 1; cr <= ITAV_CRITERION_COUNT; cr++) {
        double v;
        int w = (int)strlen(criterion_heads[cr]);
        if (w < 4)
            w = 4;
        if (itav_suggestion_criterion(s, (itav_criterion)cr, &v, NULL) == 1)
            printf(" %-*.2f", w, v);
        else
            printf(" %-*s", w, "-");
    }
}

static void print_criteria_legend(const cli *c, const itav_match_options *opt)
{
    int cr;
    printf("\n%s", tr(c, "Criteria (weight):", "Criteria (gewicht):"));
    for (cr = 1; cr <= ITAV_CRITERION_COUNT; cr++) {
        const char *code = itav_code_name(ITAV_CODE_CRITERION, cr);
        if (strcmp(code, criterion_heads[cr]) == 0)
            printf(" %s", code);
        else
            printf(" %s = %s", criterion_heads[cr], code);
        printf(" (%g)%s", opt->weights[cr], cr < ITAV_CRITERION_COUNT ? "," : ";");
        if (cr == 4)
            printf("\n ");
    }
    printf("\n%s\n", tr(c, "each 0 to 1, - where it does not apply. KM: distance in kilometres.",
                        "elk 0 tot 1, - waar het niet geldt. KM: afstand in kilometers."));
}

/* ---- participants ----------------------------------------------------------------------- */

/* How many participants and matches the store holds. */
static int count_records(size_t *participants, size_t *matches, itav_db *db)
{
    itav_participant_iter *pit = NULL;
    itav_match_iter *mit = NULL;
    itav_participant *p;
    itav_match *m;
    int rc;
    *participants = *matches = 0;
    if ((rc = itav_participant_list(&pit, db, NULL)) != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_participant_iter_next(&p, pit)) == ITAV_OK) {
        itav_participant_free(p);
        ++*participants;
    }
    itav_participant_iter_free(pit);
    if (rc != ITAV_ITEROVER)
        return lib_error(db, rc);
    if ((rc = itav_match_list(&mit, db, NULL)) != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_match_iter_next(&m, mit)) == ITAV_OK) {
        itav_match_free(m);
        ++*matches;
    }
    itav_match_iter_free(mit);
    return rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
}

static int cmd_participants_import(cli *c)
{
    const char *path = c->args[2];
    int csv = ends_with_nocase(path, ".csv");
    size_t p0, m0, p1, m1;
    itav_db *db;
    int rc;

    if (c->offer && !csv)
        return usage_error("option --offer applies only to a CSV file (FILE.csv), not to '%s'",
                           path);
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = count_records(&p0, &m0, db)) == 0) {
        rc = csv ? itav_import_participants_csv_file(db, path, c->offer)
                 : itav_import_json_file(db, path);
        rc = rc == ITAV_OK ? count_records(&p1, &m1, db) : lib_error(db, rc);
    }
    itav_close(db);
    if (rc)
        return rc;
    printf(tr(c, "Imported %zu participants", "%zu deelnemers"), p1 - p0);
    if (m1 > m0)
        printf(tr(c, " and %zu matches", " en %zu koppelingen"), m1 - m0);
    printf(tr(c, " from %s.\n", " ingelezen uit %s.\n"), path);
    return 0;
}

/* Order of text listings: by offer, then by reference. */
static int by_offer_then_ref(const void *a, const void *b)
{
    const itav_participant *pa = *(const itav_participant *const *)a;
    const itav_participant *pb = *(const itav_participant *const *)b;
    int d = strcmp(itav_participant_offer(pa), itav_participant_offer(pb));
    return d ? d : strcmp(itav_participant_ref(pa), itav_participant_ref(pb));
}

static void list_participants_text(const cli *c, vec *rows)
{
    size_t wr = 3, wk = 4, ws = 6, wm = 12, i;
    const char *offer = NULL;
    for (i = 0; i < rows->n; i++) {
        const itav_participant *p = rows->v[i];
        wr = max_width(wr, itav_participant_ref(p));
        wk = max_width(wk, itav_code_name(ITAV_CODE_PARTICIPANT_KIND,
                                          (int)itav_participant_get_kind(p)));
        ws = max_width(ws, itav_code_name(ITAV_CODE_PARTICIPANT_STATUS,
                                          (int)itav_participant_get_status(p)));
        wm = max_width(wm, itav_participant_municipality(p));
    }
    qsort(rows->v, rows->n, sizeof rows->v[0], by_offer_then_ref);
    for (i = 0; i < rows->n; i++) {
        const itav_participant *p = rows->v[i];
        char since[ITAV_DATE_BUFSIZE];
        char *support = codes_joined(ITAV_CODE_SUPPORT, itav_participant_support(p));
        if (!offer || strcmp(offer, itav_participant_offer(p)) != 0) {
            offer = itav_participant_offer(p);
            printf("%s%s:\n", i ? "\n" : "", offer);
            printf("  ");
            print_padded(tr(c, "REF", "REF"), wr + 2);
            print_padded(tr(c, "KIND", "SOORT"), wk + 2);
            print_padded("STATUS", ws + 2);
            print_padded(tr(c, "SINCE", "SINDS"), 12);
            print_padded(tr(c, "MUNICIPALITY", "GEMEENTE"), wm + 2);
            printf("%s\n", tr(c, "SUPPORT", "STEUN"));
        }
        printf("  ");
        print_padded(itav_participant_ref(p), wr + 2);
        print_padded(itav_code_name(ITAV_CODE_PARTICIPANT_KIND, (int)itav_participant_get_kind(p)),
                     wk + 2);
        print_padded(itav_code_name(ITAV_CODE_PARTICIPANT_STATUS,
                                    (int)itav_participant_get_status(p)), ws + 2);
        print_padded(date_text(since, itav_participant_status_date(p)), 12);
        print_padded(itav_participant_municipality(p) ? itav_participant_municipality(p) : "-",
                     wm + 2);
        printf("%s\n", *support ? support : "-");
        free(support);
    }
    printf("\n%zu %s\n", rows->n,
           rows->n == 1 ? tr(c, "participant.", "deelnemer.")
                        : tr(c, "participants.", "deelnemers."));
}

static int cmd_participants_list(cli *c)
{
    itav_participant_filter filter = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it = NULL;
    itav_participant *p;
    vec rows = {0};
    itav_db *db;
    size_t i;
    int rc, v;

    if (c->side) {
        if ((rc = parse_code_arg(&v, ITAV_CODE_SIDE, c->side, "side")) != 0)
            return rc;
        filter.side = (itav_side)v;
    }
    if (c->status) {
        if ((rc = parse_code_arg(&v, ITAV_CODE_PARTICIPANT_STATUS, c->status, "status")) != 0)
            return rc;
        filter.status = (itav_participant_status)v;
    }
    filter.offer = c->offer;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = check_offer(db, c->offer)) == 0) {
        rc = itav_participant_list(&it, db, &filter);
        if (rc == ITAV_OK) {
            while ((rc = itav_participant_iter_next(&p, it)) == ITAV_OK)
                vec_push(&rows, p);
            itav_participant_iter_free(it);
        }
        rc = rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
    }
    itav_close(db);
    if (rc == 0 && c->json) {
        json_t *arr = json_array();
        for (i = 0; i < rows.n; i++)
            json_array_append_new(arr, jparticipant(rows.v[i]));
        rc = print_json_reals(arr);
    } else if (rc == 0 && rows.n == 0) {
        printf("%s\n", tr(c, "No participants match.", "Geen deelnemers gevonden."));
    } else if (rc == 0) {
        list_participants_text(c, &rows);
    }
    vec_free(&rows, free_participant);
    return rc;
}

/* The matches of one participant (either side), in order of proposal. */
static int participant_matches(vec *out, itav_db *db, const char *ref)
{
    itav_match_filter filter = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it = NULL;
    itav_match *m;
    int rc;
    filter.participant = ref;
    if ((rc = itav_match_list(&it, db, &filter)) != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_match_iter_next(&m, it)) == ITAV_OK)
        vec_push(out, m);
    itav_match_iter_free(it);
    return rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
}

/* The date of the last move of a match. */
static int32_t match_since(const itav_match *m)
{
    int32_t date = ITAV_DATE_NONE;
    size_t n = itav_match_transition_count(m);
    if (n)
        itav_match_transition(m, n - 1, NULL, &date, NULL, NULL);
    return date;
}

/* The n texts a getter gives (languages, interests, exclusions), joined with ", " (owned by
 * the caller). */
static char *join_texts(const itav_participant *p, size_t n,
                        const char *(*get)(const itav_participant *, size_t))
{
    char *s = xstrcat3("", "", ""), *t;
    size_t i;
    for (i = 0; i < n; i++) {
        t = xstrcat3(s, i ? ", " : "", get(p, i));
        free(s);
        s = t;
    }
    return s;
}

static void show_participant_text(const cli *c, const itav_participant *p, const vec *matches)
{
    char buf[256], d1[ITAV_DATE_BUFSIZE];
    char *s;
    double lat, lon;
    int32_t amin, amax;
    size_t i, n;
    itav_side side = itav_participant_side(p);

    printf("%s: %s (%s), %s\n", itav_participant_ref(p),
           itav_code_name(ITAV_CODE_PARTICIPANT_KIND, (int)itav_participant_get_kind(p)),
           side == ITAV_SIDE_ASKING ? tr(c, "asking side", "vragende kant")
                                    : tr(c, "supporting side", "steunende kant"),
           itav_participant_offer(p));
    snprintf(buf, sizeof buf, "%s (%s %s)",
             itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, (int)itav_participant_get_status(p)),
             tr(c, "since", "sinds"), date_text(d1, itav_participant_status_date(p)));
    print_field("Status:", buf);
    print_field(tr(c, "Municipality:", "Gemeente:"), itav_participant_municipality(p));
    print_field(tr(c, "Postcode area:", "Postcodegebied:"), itav_participant_postcode(p));
    if (itav_participant_location(p, &lat, &lon)) {
        snprintf(buf, sizeof buf, "%.5f, %.5f", lat, lon);
        print_field(tr(c, "Location:", "Locatie:"), buf);
    }
    s = codes_joined(ITAV_CODE_SLOT, itav_participant_availability(p));
    print_field(tr(c, "Availability:", "Beschikbaar:"), s);
    free(s);
    s = codes_joined(ITAV_CODE_SUPPORT, itav_participant_support(p));
    print_field(side == ITAV_SIDE_ASKING ? tr(c, "Needs:", "Vraagt:") : tr(c, "Offers:", "Biedt:"),
                s);
    free(s);
    n = itav_participant_language_count(p);
    s = join_texts(p, n, itav_participant_language);
    if (n && itav_participant_language_required(p)) {
        char *t = xstrcat3(s, " ", tr(c, "(a shared language is required)",
                                      "(een gedeelde taal is vereist)"));
        free(s);
        s = t;
    }
    print_field(tr(c, "Languages:", "Talen:"), s);
    free(s);
    s = join_texts(p, itav_participant_interest_count(p), itav_participant_interest);
    print_field(tr(c, "Interests:", "Interesses:"), s);
    free(s);
    s = xstrcat3("", "", "");
    n = itav_participant_child_count(p);
    for (i = 0; i < n; i++) {
        char *t;
        snprintf(buf, sizeof buf, "%ld", (long)itav_participant_child_age(p, i));
        t = xstrcat3(s, i ? ", " : "", buf);
        free(s);
        s = t;
    }
    print_field(tr(c, "Children (months):", "Kinderen (maanden):"), s);
    free(s);
    if (itav_participant_age_range(p, &amin, &amax)) {
        snprintf(buf, sizeof buf, "%ld %s %ld %s", (long)amin, tr(c, "to", "tot"), (long)amax,
                 tr(c, "months", "maanden"));
        print_field(tr(c, "Takes ages:", "Leeftijden:"), buf);
    }
    if (itav_participant_vog_date(p) != ITAV_DATE_NONE)
        print_field("VOG:", date_text(d1, itav_participant_vog_date(p)));
    if (itav_participant_trained(p))
        print_field(tr(c, "Trained:", "Getraind:"), tr(c, "yes", "ja"));
    if (side == ITAV_SIDE_SUPPORTING) {
        snprintf(buf, sizeof buf, "%d", itav_participant_capacity(p));
        print_field(tr(c, "Capacity:", "Capaciteit:"), buf);
    }
    if (itav_participant_registered(p) != ITAV_DATE_NONE)
        print_field(tr(c, "Registered:", "Aangemeld:"),
                    date_text(d1, itav_participant_registered(p)));
    if (itav_participant_max_distance(p) > 0) {
        snprintf(buf, sizeof buf, "%.1f km", itav_participant_max_distance(p) / 1000.0);
        print_field(tr(c, "Max. distance:", "Max. afstand:"), buf);
    }
    s = join_texts(p, itav_participant_exclusion_count(p), itav_participant_exclusion);
    print_field(tr(c, "Never with:", "Nooit met:"), s);
    free(s);

    if (matches->n == 0)
        return;
    printf("\n%s:\n", tr(c, "Matches", "Koppelingen"));
    for (i = 0; i < matches->n; i++) {
        const itav_match *m = matches->v[i];
        const char *other = strcmp(itav_match_asking(m), itav_participant_ref(p)) == 0
                                ? itav_match_supporting(m)
                                : itav_match_asking(m);
        printf("  %s  ", itav_match_id(m));
        print_padded(itav_code_name(ITAV_CODE_MATCH_STATE, (int)itav_match_get_state(m)), 12);
        printf("%s  %s %s\n", date_text(d1, match_since(m)), tr(c, "with", "met"), other);
    }
}

static int cmd_participants_show(cli *c)
{
    itav_participant *p = NULL;
    vec matches = {0};
    itav_db *db;
    size_t i;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_participant_get(&p, db, c->args[2]);
    rc = rc == ITAV_OK ? participant_matches(&matches, db, c->args[2]) : lib_error(db, rc);
    itav_close(db);
    if (rc == 0 && c->json) {
        json_t *o = jparticipant(p), *ids = json_array();
        for (i = 0; i < matches.n; i++)
            json_array_append_new(ids, json_string(itav_match_id(matches.v[i])));
        json_object_set_new(o, "matches", ids);
        rc = print_json_reals(o);
    } else if (rc == 0) {
        show_participant_text(c, p, &matches);
    }
    vec_free(&matches, free_match);
    itav_participant_free(p);
    return rc;
}

static int cmd_participants_status(cli *c)
{
    const char *ref = c->args[2];
    itav_participant *p = NULL;
    itav_db *db;
    int32_t date;
    char d[ITAV_DATE_BUFSIZE];
    int rc, status;

    if ((rc = parse_code_arg(&status, ITAV_CODE_PARTICIPANT_STATUS, c->args[3], "status")) ||
        (rc = option_date(&date, c->date, "date")))
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_participant_get(&p, db, ref);
    if (rc == ITAV_OK)
        rc = itav_participant_set_status(db, ref, (itav_participant_status)status, date);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0)
        printf("%s: %s -> %s %s %s.\n", ref,
               itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, (int)itav_participant_get_status(p)),
               c->args[3], tr(c, "on", "op"), date_text(d, date));
    itav_participant_free(p);
    return rc;
}

static int cmd_participants_erase(cli *c)
{
    char *new_ref = NULL;
    itav_db *db;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_participant_erase(db, c->args[2], &new_ref);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0)
        printf(tr(c, "Erased %s: its personal data is gone and its reference is now %s.\n",
                  "%s gewist: de persoonsgegevens zijn weg en de referentie is nu %s.\n"),
               c->args[2], new_ref);
    itav_free(new_ref);
    return rc;
}

/* ---- matches ---------------------------------------------------------------------------- */

/* How many supporters of the asking participant's offer each hard constraint excludes. */
static int count_exclusions(int counts[ITAV_CONSTRAINT_DISTANCE + 1], itav_db *db,
                            const char *ref, const char *offer, const itav_match_options *opt)
{
    itav_participant_filter filter = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it = NULL;
    itav_participant *p;
    int rc;
    filter.offer = offer;
    filter.side = ITAV_SIDE_SUPPORTING;
    memset(counts, 0, (ITAV_CONSTRAINT_DISTANCE + 1) * sizeof counts[0]);
    if ((rc = itav_participant_list(&it, db, &filter)) != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_participant_iter_next(&p, it)) == ITAV_OK) {
        itav_suggestion *s = NULL;
        rc = itav_match_score_pair(&s, db, ref, itav_participant_ref(p), opt);
        itav_participant_free(p);
        if (rc != ITAV_OK)
            break;
        if ((int)itav_suggestion_excluded(s) <= ITAV_CONSTRAINT_DISTANCE)
            counts[itav_suggestion_excluded(s)]++;
        itav_suggestion_free(s);
    }
    itav_participant_iter_free(it);
    return rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
}

/* "language 9, screening 1". */
static void print_exclusions(const int counts[ITAV_CONSTRAINT_DISTANCE + 1])
{
    int k, n = 0;
    for (k = 1; k <= ITAV_CONSTRAINT_DISTANCE; k++)
        if (counts[k])
            printf("%s%s %d", n++ ? ", " : "", itav_code_name(ITAV_CODE_CONSTRAINT, k), counts[k]);
}

static json_t *jexclusions(const int counts[ITAV_CONSTRAINT_DISTANCE + 1])
{
    json_t *o = json_object();
    int k;
    for (k = 1; k <= ITAV_CONSTRAINT_DISTANCE; k++)
        if (counts[k])
            json_object_set_new(o, itav_code_name(ITAV_CODE_CONSTRAINT, k),
                                json_integer(counts[k]));
    return o;
}

static int cmd_match_suggest(cli *c)
{
    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT;
    const char *ref = c->args[2];
    itav_participant *p = NULL;
    itav_suggestion_iter *it = NULL;
    itav_suggestion *sg;
    vec rows = {0};
    itav_db *db;
    char d[ITAV_DATE_BUFSIZE];
    long k = 5;
    size_t i, w = 9;
    int rc = 0, excluded[ITAV_CONSTRAINT_DISTANCE + 1], excluded_known = 0;

    if ((c->k && (rc = option_int(&k, c->k, "k", 1, 1000)) != 0) ||
        (rc = option_date(&opt.as_of, c->as_of, "as-of")) != 0)
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_participant_get(&p, db, ref);
    if (rc == ITAV_OK)
        rc = itav_match_suggest(&it, db, ref, (size_t)k, &opt);
    if (rc == ITAV_OK) {
        while ((rc = itav_suggestion_iter_next(&sg, it)) == ITAV_OK)
            vec_push(&rows, sg);
        itav_suggestion_iter_free(it);
    }
    rc = rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
    if (rc == 0 && rows.n == 0 && !c->json) /* say what stands in the way */
        excluded_known = count_exclusions(excluded, db, ref, itav_participant_offer(p),
                                          &opt) == 0;
    itav_close(db);

    if (rc == 0 && c->json) {
        json_t *o = json_object(), *arr = json_array();
        jset_str(o, "asking", ref);
        jset_str(o, "offer", itav_participant_offer(p));
        json_object_set_new(o, "as_of", jdate(opt.as_of));
        json_object_set_new(o, "k", json_integer(k));
        json_object_set_new(o, "weights", jweights(&opt));
        for (i = 0; i < rows.n; i++) {
            json_t *e = json_object(), *pair = jpair(rows.v[i]);
            json_object_set_new(e, "rank", json_integer((json_int_t)i + 1));
            json_object_update(e, pair);
            json_decref(pair);
            json_array_append_new(arr, e);
        }
        json_object_set_new(o, "suggestions", arr);
        rc = print_json_reals(o);
    } else if (rc == 0 && rows.n == 0) {
        printf(tr(c, "No supporter passes the hard constraints for %s as of %s",
                  "Geen steunende deelnemer voldoet aan de harde eisen voor %s op %s"),
               ref, date_text(d, opt.as_of));
        if (itav_participant_get_status(p) != ITAV_PSTATUS_WAITING) {
            printf(tr(c, " (its status is %s; only waiting participants are matched)",
                      " (de status is %s; alleen wachtende deelnemers worden gekoppeld)"),
                   itav_code_name(ITAV_CODE_PARTICIPANT_STATUS,
                                  (int)itav_participant_get_status(p)));
        } else if (excluded_known) {
            printf(" (");
            print_exclusions(excluded);
            printf(")");
        }
        printf(".\n");
    } else if (rc == 0) {
        for (i = 0; i < rows.n; i++)
            w = max_width(w, itav_suggestion_supporting(rows.v[i]));
        printf(tr(c, "Best supporters for %s (%s), as of %s:\n\n",
                  "Beste steunende deelnemers voor %s (%s), op %s:\n\n"),
               ref, itav_participant_offer(p), date_text(d, opt.as_of));
        printf("   #  ");
        print_padded(tr(c, "SUPPORTER", "STEUNT"), w);
        print_pair_heads(c);
        putchar('\n');
        for (i = 0; i < rows.n; i++) {
            printf("  %2zu  ", i + 1);
            print_padded(itav_suggestion_supporting(rows.v[i]), w);
            print_pair_cells(rows.v[i]);
            putchar('\n');
        }
        print_criteria_legend(c, &opt);
    }
    vec_free(&rows, free_suggestion);
    itav_participant_free(p);
    return rc;
}

/* Why assignment left an asking participant unmatched. */
typedef enum why_unmatched {
    WHY_NO_SUPPORTER, /* no supporter passes the hard constraints */
    WHY_BELOW_MIN,    /* the best allowed pair scores below the minimum */
    WHY_TAKEN         /* the supporters that fit are needed for pairs that add more */
} why_unmatched;

static const char *const why_codes[] = {"no_allowed_supporter", "below_min_score",
                                        "supporters_taken"};

typedef struct unmatched {
    const char *ref;  /* borrowed from the assignment */
    why_unmatched why;
    itav_suggestion *best; /* the best allowed pair, or NULL */
    int excluded[ITAV_CONSTRAINT_DISTANCE + 1]; /* WHY_NO_SUPPORTER: supporters per constraint */
} unmatched;


/* Works out why each unmatched participant of a dry run is unmatched, from their best
 * allowed pair (the store is as the assignment saw it). */
static int explain_unmatched(unmatched **out, itav_db *db, const itav_assignment *a,
                             const char *offer, const itav_match_options *opt)
{
    size_t i, n = itav_assignment_unmatched_count(a);
    unmatched *u = calloc(n ? n : 1, sizeof *u);
    int rc = 0;
    if (!u) {
        fputs("itav: out of memory\n", stderr);
        exit(EXIT_DATA);
    }
    for (i = 0; i < n && rc == 0; i++) {
        itav_suggestion_iter *it = NULL;
        u[i].ref = itav_assignment_unmatched(a, i);
        rc = itav_match_suggest(&it, db, u[i].ref, 1, opt);
        if (rc == ITAV_OK && itav_suggestion_iter_next(&u[i].best, it) != ITAV_OK)
            u[i].best = NULL;
        itav_suggestion_iter_free(it);
        if (rc != ITAV_OK)
            rc = lib_error(db, rc);
        else if (!u[i].best)
            rc = count_exclusions(u[i].excluded, db, u[i].ref, offer, opt);
        else
            u[i].why = itav_suggestion_score(u[i].best) < opt->min_score ? WHY_BELOW_MIN
                                                                         : WHY_TAKEN;
    }
    *out = u;
    return rc;
}

static void free_unmatched(unmatched *u, size_t n)
{
    size_t i;
    for (i = 0; u && i < n; i++)
        itav_suggestion_free(u[i].best);
    free(u);
}

static void print_why(const cli *c, const unmatched *u, double min_score)
{
    switch (u->why) {
    case WHY_NO_SUPPORTER:
        printf("%s (", tr(c, "no supporter passes the hard constraints",
                          "geen steunende deelnemer voldoet aan de harde eisen"));
        print_exclusions(u->excluded);
        printf(")");
        break;
    case WHY_BELOW_MIN:
        printf(tr(c, "best pair, with %s, scores %.3f: below the minimum %.2f",
                  "beste paar, met %s, scoort %.3f: onder het minimum %.2f"),
               itav_suggestion_supporting(u->best), itav_suggestion_score(u->best), min_score);
        break;
    case WHY_TAKEN:
        printf(tr(c, "the supporters that fit (best %s, %.3f) add more in other pairs",
                  "wie past (beste %s, %.3f) draagt meer bij in andere paren"),
               itav_suggestion_supporting(u->best), itav_suggestion_score(u->best));
        break;
    }
}

static void print_assignment_text(const cli *c, const itav_assignment *a, int written,
                                  const unmatched *u, size_t n_u, const char *offer,
                                  int32_t date, const itav_match_options *opt)
{
    size_t i, n = itav_assignment_count(a), wa = 6, ws = 9;
    char d[ITAV_DATE_BUFSIZE];
    for (i = 0; i < n; i++) {
        wa = max_width(wa, itav_suggestion_asking(itav_assignment_pair(a, i)));
        ws = max_width(ws, itav_suggestion_supporting(itav_assignment_pair(a, i)));
    }
    for (i = 0; i < n_u; i++)
        wa = max_width(wa, u[i].ref);
    printf(tr(c, "Assignment for %s on %s, minimum score %.2f",
              "Toewijzing voor %s op %s, minimale score %.2f"),
           offer, date_text(d, date), opt->min_score);
    printf("%s\n\n", written ? tr(c, ": written as proposed matches.",
                                  ": vastgelegd als voorgestelde koppelingen.")
                             : tr(c, " (dry run: nothing written).",
                                  " (proef: niets vastgelegd)."));
    if (n) {
        printf("  ");
        print_padded(tr(c, "ASKING", "VRAAGT"), wa + 2);
        print_padded(tr(c, "SUPPORTER", "STEUNT"), ws);
        print_pair_heads(c);
        printf("%s\n", written ? tr(c, "  MATCH", "  KOPPELING") : "");
        for (i = 0; i < n; i++) {
            const itav_suggestion *s = itav_assignment_pair(a, i);
            printf("  ");
            print_padded(itav_suggestion_asking(s), wa + 2);
            print_padded(itav_suggestion_supporting(s), ws);
            print_pair_cells(s);
            if (written)
                printf("  %s", itav_assignment_match_id(a, i));
            putchar('\n');
        }
        print_criteria_legend(c, opt);
        putchar('\n');
    }
    printf(tr(c, "%zu pairs, total score %.3f.\n", "%zu paren, totale score %.3f.\n"), n,
           itav_assignment_total(a));
    if (n_u) {
        printf("\n%s (%zu):\n", tr(c, "Unmatched", "Niet gekoppeld"), n_u);
        for (i = 0; i < n_u; i++) {
            printf("  ");
            print_padded(u[i].ref, wa + 2);
            print_why(c, &u[i], opt->min_score);
            putchar('\n');
        }
    }
}

static json_t *jassignment(const itav_assignment *a, int written, const unmatched *u,
                           size_t n_u, const char *offer, int32_t date,
                           const itav_match_options *opt)
{
    json_t *o = json_object(), *pairs = json_array(), *um = json_array();
    size_t i, n = itav_assignment_count(a);
    jset_str(o, "offer", offer);
    json_object_set_new(o, "date", jdate(date));
    json_object_set_new(o, "dry_run", json_boolean(!written));
    json_object_set_new(o, "min_score", jnumber(opt->min_score));
    json_object_set_new(o, "weights", jweights(opt));
    for (i = 0; i < n; i++) {
        json_t *e = jpair(itav_assignment_pair(a, i));
        jset_str(e, "match", written ? itav_assignment_match_id(a, i) : NULL);
        json_array_append_new(pairs, e);
    }
    json_object_set_new(o, "pairs", pairs);
    for (i = 0; i < n_u; i++) {
        json_t *e = json_object(), *best = json_null();
        jset_str(e, "ref", u[i].ref);
        jset_str(e, "why", why_codes[u[i].why]);
        if (u[i].best) {
            best = json_object();
            jset_str(best, "supporting", itav_suggestion_supporting(u[i].best));
            json_object_set_new(best, "score", jfraction(itav_suggestion_score(u[i].best)));
        }
        json_object_set_new(e, "best", best);
        if (u[i].why == WHY_NO_SUPPORTER)
            json_object_set_new(e, "excluded_by", jexclusions(u[i].excluded));
        json_array_append_new(um, e);
    }
    json_object_set_new(o, "unmatched", um);
    json_object_set_new(o, "total", jfraction(itav_assignment_total(a)));
    return o;
}

static int cmd_match_assign(cli *c)
{
    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT;
    const char *offer = c->args[2];
    itav_assignment *dry = NULL, *written = NULL;
    unmatched *u = NULL;
    size_t n_u = 0;
    itav_db *db;
    int32_t date;
    int rc;

    if ((c->min_score && (rc = option_fraction(&opt.min_score, c->min_score, "min-score"))) ||
        (rc = option_date(&date, c->date, "date")) != 0)
        return rc;
    opt.as_of = date;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    /* The explanations need the store as the assignment saw it: before anything is written.
     * The assignment is deterministic, so the written run gives the same pairs. */
    rc = itav_match_assign(&dry, db, offer, &opt, ITAV_ASSIGN_DRY_RUN, date);
    if (rc != ITAV_OK) {
        rc = lib_error(db, rc);
    } else {
        n_u = itav_assignment_unmatched_count(dry);
        rc = explain_unmatched(&u, db, dry, offer, &opt);
    }
    if (rc == 0 && !c->dry_run) {
        rc = itav_match_assign(&written, db, offer, &opt, ITAV_ASSIGN_WRITE, date);
        if (rc != ITAV_OK)
            rc = lib_error(db, rc);
    }
    itav_close(db);
    if (rc == 0 && c->json)
        rc = print_json_reals(jassignment(written ? written : dry, written != NULL, u, n_u,
                                          offer, date, &opt));
    else if (rc == 0)
        print_assignment_text(c, written ? written : dry, written != NULL, u, n_u, offer, date,
                              &opt);
    free_unmatched(u, n_u);
    itav_assignment_free(dry);
    itav_assignment_free(written);
    return rc;
}

static int cmd_match_propose(cli *c)
{
    int32_t date;
    int actor = ITAV_ACTOR_COORDINATOR, rc;
    char *id = NULL;
    char d[ITAV_DATE_BUFSIZE];
    itav_match *m = NULL;
    itav_db *db;

    if ((rc = option_date(&date, c->date, "date")) != 0 ||
        (c->actor && (rc = parse_code_arg(&actor, ITAV_CODE_ACTOR, c->actor, "actor")) != 0))
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_match_propose(&id, db, c->args[2], c->args[3], date, (itav_actor)actor, c->note,
                            NULL);
    if (rc == ITAV_OK)
        rc = itav_match_get(&m, db, id);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0) {
        printf(tr(c, "Proposed %s: %s with %s on %s", "Voorgesteld %s: %s met %s op %s"), id,
               c->args[2], c->args[3], date_text(d, date));
        if (itav_match_score(m) >= 0)
            printf(" (score %.3f)", itav_match_score(m));
        printf(".\n");
    }
    itav_match_free(m);
    itav_free(id);
    return rc;
}

static int cmd_match_advance(cli *c)
{
    const char *id = c->args[2];
    int32_t date;
    int state, actor = ITAV_ACTOR_COORDINATOR, reason = 0, rc;
    char d[ITAV_DATE_BUFSIZE];
    itav_match *m = NULL;
    itav_db *db;

    if ((rc = parse_code_arg(&state, ITAV_CODE_MATCH_STATE, c->args[3], "match state")) != 0 ||
        (rc = option_date(&date, c->date, "date")) != 0 ||
        (c->actor && (rc = parse_code_arg(&actor, ITAV_CODE_ACTOR, c->actor, "actor")) != 0) ||
        (c->reason &&
         (rc = parse_code_arg(&reason, ITAV_CODE_END_REASON, c->reason, "reason")) != 0))
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_match_get(&m, db, id);
    if (rc == ITAV_OK)
        rc = itav_match_advance(db, id, (itav_match_state)state, date, (itav_actor)actor,
                                (itav_end_reason)reason, c->note);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0) {
        printf("%s: %s -> %s %s %s (%s", id,
               itav_code_name(ITAV_CODE_MATCH_STATE, (int)itav_match_get_state(m)), c->args[3],
               tr(c, "on", "op"), date_text(d, date), itav_code_name(ITAV_CODE_ACTOR, actor));
        if (reason)
            printf(", %s", itav_code_name(ITAV_CODE_END_REASON, reason));
        printf(").\n");
    }
    itav_match_free(m);
    return rc;
}

/* Order of text listings: by offer, then by id. */
static int by_offer_then_id(const void *a, const void *b)
{
    const itav_match *ma = *(const itav_match *const *)a;
    const itav_match *mb = *(const itav_match *const *)b;
    int d = strcmp(itav_match_offer(ma), itav_match_offer(mb));
    return d ? d : strcmp(itav_match_id(ma), itav_match_id(mb));
}

static void list_matches_text(const cli *c, vec *rows)
{
    size_t wa = 6, ws = 10, i;
    const char *offer = NULL;
    for (i = 0; i < rows->n; i++) {
        wa = max_width(wa, itav_match_asking(rows->v[i]));
        ws = max_width(ws, itav_match_supporting(rows->v[i]));
    }
    qsort(rows->v, rows->n, sizeof rows->v[0], by_offer_then_id);
    for (i = 0; i < rows->n; i++) {
        const itav_match *m = rows->v[i];
        char since[ITAV_DATE_BUFSIZE];
        if (!offer || strcmp(offer, itav_match_offer(m)) != 0) {
            offer = itav_match_offer(m);
            printf("%s%s:\n  ", i ? "\n" : "", offer);
            print_padded("ID", 12);
            print_padded(tr(c, "STATE", "STAND"), 13);
            print_padded(tr(c, "SINCE", "SINDS"), 12);
            print_padded(tr(c, "ASKING", "VRAAGT"), wa + 2);
            print_padded(tr(c, "SUPPORTING", "STEUNT"), ws + 2);
            printf("SCORE\n");
        }
        printf("  ");
        print_padded(itav_match_id(m), 12);
        print_padded(itav_code_name(ITAV_CODE_MATCH_STATE, (int)itav_match_get_state(m)), 13);
        print_padded(date_text(since, match_since(m)), 12);
        print_padded(itav_match_asking(m), wa + 2);
        print_padded(itav_match_supporting(m), ws + 2);
        if (itav_match_score(m) >= 0)
            printf("%.3f\n", itav_match_score(m));
        else
            printf("-\n");
    }
    printf("\n%zu %s\n", rows->n,
           rows->n == 1 ? tr(c, "match.", "koppeling.") : tr(c, "matches.", "koppelingen."));
}

static int cmd_match_list(cli *c)
{
    itav_match_filter filter = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it = NULL;
    itav_match *m;
    vec rows = {0};
    itav_db *db;
    size_t i;
    int rc, v;

    if (c->state) {
        if ((rc = parse_code_arg(&v, ITAV_CODE_MATCH_STATE, c->state, "match state")) != 0)
            return rc;
        filter.state = (itav_match_state)v;
    }
    filter.offer = c->offer;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = check_offer(db, c->offer)) == 0) {
        rc = itav_match_list(&it, db, &filter);
        if (rc == ITAV_OK) {
            while ((rc = itav_match_iter_next(&m, it)) == ITAV_OK)
                vec_push(&rows, m);
            itav_match_iter_free(it);
        }
        rc = rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
    }
    itav_close(db);
    if (rc == 0 && c->json) {
        json_t *arr = json_array();
        for (i = 0; i < rows.n; i++)
            json_array_append_new(arr, jmatch(rows.v[i]));
        rc = print_json_reals(arr);
    } else if (rc == 0 && rows.n == 0) {
        printf("%s\n", tr(c, "No matches.", "Geen koppelingen."));
    } else if (rc == 0) {
        list_matches_text(c, &rows);
    }
    vec_free(&rows, free_match);
    return rc;
}

static void show_match_text(const cli *c, const itav_match *m)
{
    char d[ITAV_DATE_BUFSIZE], buf[64];
    size_t i, n = itav_match_transition_count(m);

    printf("%s %s (%s)\n", tr(c, "Match", "Koppeling"), itav_match_id(m), itav_match_offer(m));
    print_field(tr(c, "Asking:", "Vraagt:"), itav_match_asking(m));
    print_field(tr(c, "Supporting:", "Steunt:"), itav_match_supporting(m));
    print_field(tr(c, "State:", "Stand:"),
                itav_code_name(ITAV_CODE_MATCH_STATE, (int)itav_match_get_state(m)));
    if (itav_match_reason(m))
        print_field(tr(c, "Reason:", "Reden:"),
                    itav_code_name(ITAV_CODE_END_REASON, (int)itav_match_reason(m)));
    if (itav_match_score(m) >= 0) {
        snprintf(buf, sizeof buf, "%.3f %s", itav_match_score(m),
                 tr(c, "(when proposed)", "(bij het voorstel)"));
        print_field("Score:", buf);
    }
    if (itav_match_start(m) != ITAV_DATE_NONE)
        print_field(tr(c, "Started:", "Gestart:"), date_text(d, itav_match_start(m)));
    print_field(tr(c, "Follows:", "Vervolg op:"), itav_match_previous(m));

    printf("\n%s:\n", tr(c, "Audit trail", "Verloop"));
    for (i = 0; i < n; i++) {
        itav_match_state st;
        int32_t date;
        itav_actor actor;
        const char *note;
        if (itav_match_transition(m, i, &st, &date, &actor, &note) != ITAV_OK)
            continue;
        printf("  %s  ", date_text(d, date));
        print_padded(itav_code_name(ITAV_CODE_MATCH_STATE, (int)st), 12);
        if (note) {
            print_padded(itav_code_name(ITAV_CODE_ACTOR, (int)actor), 12);
            printf("%s\n", note);
        } else {
            printf("%s\n", itav_code_name(ITAV_CODE_ACTOR, (int)actor));
        }
    }
}

static int cmd_match_show(cli *c)
{
    itav_match *m = NULL;
    itav_db *db;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_match_get(&m, db, c->args[2]);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0 && c->json)
        rc = print_json_reals(jmatch(m));
    else if (rc == 0)
        show_match_text(c, m);
    itav_match_free(m);
    return rc;
}

/* "3 days overdue", "due today", "in 12 days". */
static void print_when(const cli *c, int overdue)
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

static int cmd_match_due(cli *c)
{
    itav_due_iter *it = NULL;
    itav_due *due;
    vec items = {0}, matches = {0};
    itav_db *db;
    int32_t as_of;
    long within = 0;
    char d[ITAV_DATE_BUFSIZE];
    size_t i;
    int rc;

    if ((rc = option_date(&as_of, c->as_of, "as-of")) != 0 ||
        (c->within && (rc = option_int(&within, c->within, "within", 0, 36600)) != 0))
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = check_offer(db, c->offer)) == 0) {
        rc = itav_match_due(&it, db, c->offer, as_of, (int)within);
        if (rc == ITAV_OK) {
            while ((rc = itav_due_iter_next(&due, it)) == ITAV_OK) {
                itav_match *m = NULL;
                vec_push(&items, due);
                if ((rc = itav_match_get(&m, db, itav_due_match(due))) != ITAV_OK)
                    break;
                vec_push(&matches, m);
            }
            itav_due_iter_free(it);
        }
        rc = rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
    }
    itav_close(db);
    if (rc == 0 && c->json) {
        json_t *arr = json_array();
        for (i = 0; i < items.n; i++) {
            json_t *e = json_object();
            const itav_match *m = matches.v[i];
            jset_str(e, "match", itav_due_match(items.v[i]));
            jset_str(e, "kind", itav_code_name(ITAV_CODE_DUE_KIND,
                                               (int)itav_due_get_kind(items.v[i])));
            json_object_set_new(e, "date", jdate(itav_due_date(items.v[i])));
            json_object_set_new(e, "overdue_days",
                                json_integer(itav_due_overdue_days(items.v[i])));
            jset_str(e, "offer", itav_match_offer(m));
            jset_str(e, "asking", itav_match_asking(m));
            jset_str(e, "supporting", itav_match_supporting(m));
            jset_str(e, "state", itav_code_name(ITAV_CODE_MATCH_STATE,
                                                (int)itav_match_get_state(m)));
            json_array_append_new(arr, e);
        }
        rc = print_json_reals(arr);
    } else if (rc == 0) {
        printf(tr(c, "Due as of %s", "Te doen op %s"), date_text(d, as_of));
        if (within)
            printf(tr(c, " or within %ld days", " of binnen %ld dagen"), within);
        printf(":\n");
        if (items.n == 0)
            printf("  %s\n", tr(c, "nothing.", "niets."));
        for (i = 0; i < items.n; i++) {
            const itav_due *e = items.v[i];
            const itav_match *m = matches.v[i];
            printf("  %s  ", date_text(d, itav_due_date(e)));
            print_when(c, itav_due_overdue_days(e));
            printf("%s  ", itav_due_match(e));
            print_padded(itav_code_name(ITAV_CODE_DUE_KIND, (int)itav_due_get_kind(e)), 18);
            printf("%s %s %s\n", itav_match_asking(m), tr(c, "with", "met"),
                   itav_match_supporting(m));
        }
    }
    vec_free(&matches, free_match);
    vec_free(&items, free_due);
    return rc;
}

/* ---- reviews ---------------------------------------------------------------------------- */

static void free_review(void *r) { itav_review_free(r); }
static void free_indicator(void *ind) { itav_indicator_free(ind); }

/* A required option is missing. */
static int missing_option(const char *option, const char *command, const char *expected)
{
    if (expected)
        return usage_error("option --%s is required for '%s' (%s)", option, command, expected);
    return usage_error("option --%s is required for '%s'", option, command);
}

/* A setter refused a value (setters give codes, not messages). */
static int setter_error(int rc, const char *option)
{
    return data_error("invalid value for --%s: %s", option, itav_strerror(rc));
}

/* Fails with the library's message when a match does not exist (NULL: no match asked). */
static int check_match(itav_db *db, const char *id)
{
    itav_match *m = NULL;
    int rc;
    if (!id)
        return 0;
    rc = itav_match_get(&m, db, id);
    itav_match_free(m);
    return rc == ITAV_OK ? 0 : lib_error(db, rc);
}

/* --effect CODE=SCORE: an effect category and a score from -2 to +2, or "unknown". */
static int parse_effect(int *effect, int *score, const char *value)
{
    const char *eq = strchr(value, '=');
    char code[64], *end;
    long v;
    int rc;
    if (!eq || eq == value || (size_t)(eq - value) >= sizeof code)
        return data_error("invalid value \"%s\" for --effect (expected CODE=SCORE, such as "
                          "rest=+1)", value);
    memcpy(code, value, (size_t)(eq - value));
    code[eq - value] = '\0';
    if ((rc = parse_code_arg(effect, ITAV_CODE_EFFECT, code, "effect")) != 0)
        return rc;
    if (strcmp(eq + 1, "unknown") == 0) {
        *score = ITAV_EFFECT_UNKNOWN;
        return 0;
    }
    errno = 0;
    v = strtol(eq + 1, &end, 10);
    if (errno || end == eq + 1 || *end || v < -2 || v > 2)
        return data_error("invalid score \"%s\" for effect %s in --effect (expected -2, -1, 0, "
                          "+1, +2 or unknown)", eq + 1, code);
    *score = (int)v;
    return 0;
}

/* The effects of --effect, each category at most once. */
static int set_effects(itav_review *r, const cli *c)
{
    int given[ITAV_EFFECT_COUNT + 1] = {0};
    size_t i;
    for (i = 0; i < c->effects.n; i++) {
        int effect = 0, score = 0, rc = parse_effect(&effect, &score, c->effects.v[i]);
        if (rc)
            return rc;
        if (given[effect]++)
            return data_error("effect %s is given twice in --effect",
                              itav_code_name(ITAV_CODE_EFFECT, effect));
        if ((rc = itav_review_set_effect(r, (itav_effect)effect, score)) != ITAV_OK)
            return setter_error(rc, "effect");
    }
    return 0;
}

/* The review the options of 'review add' describe. */
static int build_review(itav_review **out, const cli *c)
{
    int kind, respondent, help = 0, rc;
    long mark = 0;
    int32_t date;
    itav_review *r = NULL;

    *out = NULL;
    if ((rc = parse_code_arg(&kind, ITAV_CODE_REVIEW_KIND, c->kind, "review kind")) != 0 ||
        (rc = parse_code_arg(&respondent, ITAV_CODE_RESPONDENT, c->respondent,
                             "respondent")) != 0 ||
        (rc = option_date(&date, c->date, "date")) != 0 ||
        (c->satisfaction &&
         (rc = option_int(&mark, c->satisfaction, "satisfaction", 1, 10)) != 0) ||
        (c->formal_help && (rc = parse_code_arg(&help, ITAV_CODE_FORMAL_HELP, c->formal_help,
                                                "formal help outcome")) != 0))
        return rc;
    if ((rc = itav_review_new(&r, (itav_review_kind)kind, date,
                              (itav_respondent)respondent)) != ITAV_OK)
        return data_error("cannot make the review: %s", itav_strerror(rc));
    /* The values are checked above; a setter can still refuse text (UTF-8, 64 KiB). */
    if (mark && (rc = itav_review_set_satisfaction(r, (int)mark)) != ITAV_OK)
        rc = setter_error(rc, "satisfaction");
    if (!rc && c->safety_concern &&
        (rc = itav_review_set_safety(r, 1, c->safety_note)) != ITAV_OK)
        rc = setter_error(rc, "safety-note");
    if (!rc)
        rc = set_effects(r, c);
    if (!rc && help && (rc = itav_review_set_formal_help(r, (itav_formal_help)help)) != ITAV_OK)
        rc = setter_error(rc, "formal-help");
    if (!rc && c->note && (rc = itav_review_set_note(r, c->note)) != ITAV_OK)
        rc = setter_error(rc, "note");
    if (rc) {
        itav_review_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

static json_t *jreview(const itav_review *r)
{
    json_t *o = json_object(), *effects = json_object();
    int e, mark = itav_review_satisfaction(r);
    jset_str(o, "id", itav_review_id(r));
    jset_str(o, "match", itav_review_match(r));
    json_object_set_new(o, "kind", jcode(ITAV_CODE_REVIEW_KIND, (int)itav_review_get_kind(r)));
    json_object_set_new(o, "date", jdate(itav_review_date(r)));
    json_object_set_new(o, "respondent",
                        jcode(ITAV_CODE_RESPONDENT, (int)itav_review_respondent(r)));
    json_object_set_new(o, "satisfaction", mark ? json_integer(mark) : json_null());
    json_object_set_new(o, "safety_concern", json_boolean(itav_review_safety_concern(r)));
    jset_str(o, "safety_note", itav_review_safety_note(r));
    for (e = 1; e <= ITAV_EFFECT_COUNT; e++) {
        int score = itav_review_effect(r, (itav_effect)e);
        if (score != ITAV_EFFECT_UNKNOWN)
            json_object_set_new(effects, itav_code_name(ITAV_CODE_EFFECT, e),
                                json_integer(score));
    }
    json_object_set_new(o, "effects", effects);
    json_object_set_new(o, "formal_help",
                        jcode(ITAV_CODE_FORMAL_HELP, (int)itav_review_formal_help(r)));
    jset_str(o, "note", itav_review_note(r));
    return o;
}

/* How many effect categories a review scores. */
static int effects_scored(const itav_review *r)
{
    int e, n = 0;
    for (e = 1; e <= ITAV_EFFECT_COUNT; e++)
        n += itav_review_effect(r, (itav_effect)e) != ITAV_EFFECT_UNKNOWN;
    return n;
}

/* The scored effects of a review, "rest +1, network +2". */
static void print_effects(const itav_review *r)
{
    int e, n = 0;
    for (e = 1; e <= ITAV_EFFECT_COUNT; e++) {
        int score = itav_review_effect(r, (itav_effect)e);
        if (score != ITAV_EFFECT_UNKNOWN)
            printf("%s%s %+d", n++ ? ", " : "", itav_code_name(ITAV_CODE_EFFECT, e), score);
    }
}

static int cmd_review_add(cli *c)
{
    itav_review *r = NULL, *stored = NULL;
    char *id = NULL, d[ITAV_DATE_BUFSIZE];
    itav_db *db;
    int rc;

    if (!c->kind)
        return missing_option("kind", "review add", "trial, periodic or final");
    if (!c->date)
        return missing_option("date", "review add", NULL);
    if (!c->respondent)
        return missing_option("respondent", "review add", "asking, supporting or coordinator");
    if (c->safety_note && !c->safety_concern)
        return usage_error("option --safety-note needs --safety-concern");
    if ((rc = build_review(&r, c)) != 0)
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0) {
        itav_review_free(r);
        return rc;
    }
    rc = itav_review_add(&id, db, c->args[2], r);
    if (rc == ITAV_OK)
        rc = itav_review_get(&stored, db, id);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0 && c->json) {
        rc = print_json(jreview(stored));
    } else if (rc == 0) {
        printf(tr(c, "Added %s to %s: %s review by %s on %s",
                  "%s toegevoegd aan %s: %s-evaluatie door %s op %s"),
               id, c->args[2], itav_code_name(ITAV_CODE_REVIEW_KIND, (int)itav_review_get_kind(r)),
               itav_code_name(ITAV_CODE_RESPONDENT, (int)itav_review_respondent(r)),
               date_text(d, itav_review_date(r)));
        if (itav_review_satisfaction(r))
            printf(tr(c, ", satisfaction %d", ", tevredenheid %d"), itav_review_satisfaction(r));
        printf(".\n");
    }
    itav_review_free(stored);
    itav_review_free(r);
    itav_free(id);
    return rc;
}

static void list_reviews_text(const cli *c, const vec *rows)
{
    size_t i;
    printf("  ");
    print_padded("ID", 12);
    print_padded(tr(c, "MATCH", "KOPPELING"), 12);
    print_padded(tr(c, "KIND", "SOORT"), 10);
    print_padded(tr(c, "DATE", "DATUM"), 12);
    print_padded(tr(c, "RESPONDENT", "RESPONDENT"), 13);
    print_padded(tr(c, "MARK", "CIJFER"), 7);
    print_padded(tr(c, "SAFETY", "VEILIGHEID"), 11);
    printf("%s\n", tr(c, "FORMAL HELP", "FORMELE HULP"));
    for (i = 0; i < rows->n; i++) {
        const itav_review *r = rows->v[i];
        const char *help = itav_code_name(ITAV_CODE_FORMAL_HELP, (int)itav_review_formal_help(r));
        char d[ITAV_DATE_BUFSIZE], mark[8] = "-";
        if (itav_review_satisfaction(r))
            snprintf(mark, sizeof mark, "%d", itav_review_satisfaction(r));
        printf("  ");
        print_padded(itav_review_id(r), 12);
        print_padded(itav_review_match(r), 12);
        print_padded(itav_code_name(ITAV_CODE_REVIEW_KIND, (int)itav_review_get_kind(r)), 10);
        print_padded(date_text(d, itav_review_date(r)), 12);
        print_padded(itav_code_name(ITAV_CODE_RESPONDENT, (int)itav_review_respondent(r)), 13);
        print_padded(mark, 7);
        print_padded(itav_review_safety_concern(r) ? tr(c, "concern", "zorg") : "-", 11);
        printf("%s\n", help ? help : "-");
        if (effects_scored(r)) {
            printf("      %s ", tr(c, "effects:", "effecten:"));
            print_effects(r);
            putchar('\n');
        }
        if (itav_review_safety_note(r))
            printf("      %s %s\n", tr(c, "safety:", "veiligheid:"), itav_review_safety_note(r));
        if (itav_review_note(r))
            printf("      %s %s\n", tr(c, "note:", "notitie:"), itav_review_note(r));
    }
    printf("\n%zu %s\n", rows->n, rows->n == 1 ? tr(c, "review.", "evaluatie.")
                                               : tr(c, "reviews.", "evaluaties."));
}

static int cmd_review_list(cli *c)
{
    itav_review_iter *it = NULL;
    itav_review *r;
    vec rows = {0};
    itav_db *db;
    size_t i;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = check_offer(db, c->offer)) == 0 && (rc = check_match(db, c->match)) == 0) {
        int lrc = itav_review_list(&it, db, c->match, c->offer);
        if (lrc == ITAV_OK) {
            while ((lrc = itav_review_iter_next(&r, it)) == ITAV_OK)
                vec_push(&rows, r);
            itav_review_iter_free(it);
        }
        rc = lrc == ITAV_ITEROVER ? 0 : lib_error(db, lrc);
    }
    itav_close(db);
    if (rc == 0 && c->json) {
        json_t *arr = json_array();
        for (i = 0; i < rows.n; i++)
            json_array_append_new(arr, jreview(rows.v[i]));
        rc = print_json(arr);
    } else if (rc == 0 && rows.n == 0) {
        printf("%s\n", tr(c, "No reviews.", "Geen evaluaties."));
    } else if (rc == 0) {
        list_reviews_text(c, &rows);
    }
    vec_free(&rows, free_review);
    return rc;
}

/* Text after a label (may be ""), wrapped at words to about 94 columns, continuing at
 * column cont. */
static void print_wrapped_at(const char *label, const char *text, size_t indent, size_t cont)
{
    size_t col = (size_t)printf("%*s%s", (int)indent, "", label), start = col;
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
static void print_wrapped_text(const char *label, const char *text, size_t indent)
{
    print_wrapped_at(label, text, indent, indent + 2);
}

/* A field of 'indicator show' (nothing when unset), wrapped under its value. */
static void print_long_field(const char *label, const char *value)
{
    char padded[64];
    if (!value || !*value)
        return;
    snprintf(padded, sizeof padded, "%-18s", label);
    print_wrapped_at(padded, value, 2, 21);
}

/* ---- indicators ------------------------------------------------------------------------- */

/* A date option that may be absent: ITAV_DATE_NONE then. */
static int option_date_or_none(int32_t *out, const char *value, const char *option)
{
    if (!value) {
        *out = ITAV_DATE_NONE;
        return 0;
    }
    return option_date(out, value, option);
}

/* A number as published: whole numbers without decimals, others to two decimals. */
static void print_value(double v)
{
    if (v > -1e15 && v < 1e15 && v == (double)(long long)v) /* (no libm calls) */
        printf("%.0f", v);
    else
        printf("%.2f", v);
}

/* A bound of a scale: null when unbounded. */
static json_t *jbound(double v)
{
    return isfinite(v) ? jnumber(v) : json_null();
}

/* The words of a target: "at least +10% on the baseline by 2022-12-31". */
static void print_target(const cli *c, const itav_indicator *ind, size_t i)
{
    itav_comparator cmp = 0;
    double value = 0, high = 0;
    int relative = 0;
    int32_t deadline = ITAV_DATE_NONE;
    char d[ITAV_DATE_BUFSIZE];
    itav_indicator_target(ind, i, &cmp, &value, &high, &relative, &deadline);
    switch (cmp) {
    case ITAV_CMP_AT_LEAST:
        printf("%s ", tr(c, "at least", "minstens"));
        break;
    case ITAV_CMP_AT_MOST:
        printf("%s ", tr(c, "at most", "hoogstens"));
        break;
    case ITAV_CMP_EQUAL:
        printf("%s ", tr(c, "exactly", "precies"));
        break;
    case ITAV_CMP_BETWEEN:
        printf("%s ", tr(c, "between", "tussen"));
        break;
    }
    if (relative)
        printf("%+g%%", value);
    else
        print_number(value);
    if (cmp == ITAV_CMP_BETWEEN) {
        printf(" %s ", tr(c, "and", "en"));
        if (relative)
            printf("%+g%%", high);
        else
            print_number(high);
    }
    if (relative)
        printf(" %s", tr(c, "on the baseline", "ten opzichte van de nulmeting"));
    printf(" %s %s", tr(c, "by", "uiterlijk"), date_text(d, deadline));
}

/* The verdict on target i and its explanation (owned by the caller). */
static int judge(itav_attainment *verdict, char **why, const itav_indicator *ind, size_t i,
                 int32_t as_of)
{
    int rc = itav_indicator_attainment(verdict, why, ind, i, as_of);
    if (rc != ITAV_OK)
        return data_error("cannot judge target %zu of %s: %s", i + 1, itav_indicator_id(ind),
                          itav_strerror(rc));
    return 0;
}

/* An indicator as JSON; with a date, every target carries its attainment on that date. */
static int jindicator(json_t **out, const itav_indicator *ind, int32_t as_of)
{
    json_t *o = json_object(), *scale = json_object(), *targets = json_array();
    json_t *measurements = json_array();
    double low = 0, high = 0, min = 0, max = 0;
    itav_qualifier ql = 0;
    int32_t date = ITAV_DATE_NONE;
    size_t i;
    int rc = 0;

    jset_str(o, "id", itav_indicator_id(ind));
    jset_str(o, "offer", itav_indicator_offer(ind));
    json_object_set_new(o, "type", jcode(ITAV_CODE_MEASURE, (int)itav_indicator_type(ind)));
    jset_str(o, "name", itav_indicator_name(ind));
    jset_str(o, "unit", itav_indicator_unit(ind));
    itav_indicator_scale(ind, &low, &high);
    json_object_set_new(scale, "low", jbound(low));
    json_object_set_new(scale, "high", jbound(high));
    json_object_set_new(o, "scale", scale);
    json_object_set_new(o, "derived",
                        jcode(ITAV_CODE_DERIVED, (int)itav_indicator_derived(ind)));
    jset_str(o, "municipality", itav_indicator_municipality(ind));
    jset_str(o, "note", itav_indicator_note(ind));
    jset_str(o, "source", itav_indicator_source(ind));
    if (itav_indicator_baseline(ind, &date, &ql, &min, &max) == ITAV_OK) {
        json_t *b = json_object();
        json_object_set_new(b, "date", jdate(date));
        json_object_set_new(b, "quantity",
                            jquantity(ql, min, max, itav_indicator_baseline_text(ind)));
        jset_str(b, "source", itav_indicator_baseline_source(ind));
        json_object_set_new(o, "baseline", b);
    } else {
        json_object_set_new(o, "baseline", json_null());
    }
    for (i = 0; rc == 0 && i < itav_indicator_target_count(ind); i++) {
        json_t *t = json_object();
        itav_comparator cmp = 0;
        double value = 0, upper = 0;
        int relative = 0;
        int32_t deadline = ITAV_DATE_NONE;
        itav_indicator_target(ind, i, &cmp, &value, &upper, &relative, &deadline);
        json_object_set_new(t, "comparator", jcode(ITAV_CODE_COMPARATOR, (int)cmp));
        json_object_set_new(t, "value", jnumber(value));
        if (cmp == ITAV_CMP_BETWEEN)
            json_object_set_new(t, "high", jnumber(upper));
        json_object_set_new(t, "relative", json_boolean(relative));
        json_object_set_new(t, "deadline", jdate(deadline));
        jset_str(t, "text", itav_indicator_target_text(ind, i));
        jset_str(t, "source", itav_indicator_target_source(ind, i));
        if (as_of != ITAV_DATE_NONE) {
            itav_attainment verdict = 0;
            char *why = NULL;
            if ((rc = judge(&verdict, &why, ind, i, as_of)) == 0) {
                json_object_set_new(t, "attainment", jcode(ITAV_CODE_ATTAINMENT, (int)verdict));
                jset_str(t, "why", why);
            }
            itav_free(why);
        }
        json_array_append_new(targets, t);
    }
    json_object_set_new(o, "targets", targets);
    for (i = 0; i < itav_indicator_measurement_count(ind); i++) {
        json_t *m = json_object();
        itav_indicator_measurement(ind, i, &date, &ql, &min, &max);
        json_object_set_new(m, "date", jdate(date));
        jset_str(m, "period", itav_indicator_measurement_period(ind, i));
        json_object_set_new(m, "quantity",
                            jquantity(ql, min, max, itav_indicator_measurement_text(ind, i)));
        jset_str(m, "source", itav_indicator_measurement_source(ind, i));
        json_array_append_new(measurements, m);
    }
    json_object_set_new(o, "measurements", measurements);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

/* Order of text listings: by offer, then by id. */
static int indicator_by_offer(const void *a, const void *b)
{
    const itav_indicator *ia = *(const itav_indicator *const *)a;
    const itav_indicator *ib = *(const itav_indicator *const *)b;
    int d = strcmp(itav_indicator_offer(ia), itav_indicator_offer(ib));
    return d ? d : strcmp(itav_indicator_id(ia), itav_indicator_id(ib));
}

static void list_indicators_text(const cli *c, vec *rows)
{
    size_t w = 2, i;
    const char *offer = NULL;
    for (i = 0; i < rows->n; i++)
        w = max_width(w, itav_indicator_id(rows->v[i]));
    qsort(rows->v, rows->n, sizeof rows->v[0], indicator_by_offer);
    for (i = 0; i < rows->n; i++) {
        const itav_indicator *ind = rows->v[i];
        char n[32];
        if (!offer || strcmp(offer, itav_indicator_offer(ind)) != 0) {
            offer = itav_indicator_offer(ind);
            printf("%s%s:\n  ", i ? "\n" : "", offer);
            print_padded("ID", w + 2);
            print_padded(tr(c, "TYPE", "SOORT"), 12);
            print_padded(tr(c, "TARGETS", "DOELEN"), 9);
            print_padded(tr(c, "MEASURED", "GEMETEN"), 10);
            printf("%s\n", tr(c, "NAME", "NAAM"));
        }
        printf("  ");
        print_padded(itav_indicator_id(ind), w + 2);
        print_padded(itav_code_name(ITAV_CODE_MEASURE, (int)itav_indicator_type(ind)), 12);
        snprintf(n, sizeof n, "%zu", itav_indicator_target_count(ind));
        print_padded(n, 9);
        snprintf(n, sizeof n, "%zu", itav_indicator_measurement_count(ind));
        print_padded(n, 10);
        printf("%s\n", itav_indicator_name(ind) ? itav_indicator_name(ind) : "-");
    }
    printf("\n%zu %s\n", rows->n, rows->n == 1 ? tr(c, "indicator.", "indicator.")
                                               : tr(c, "indicators.", "indicatoren."));
}

static int cmd_indicator_list(cli *c)
{
    itav_indicator_iter *it = NULL;
    itav_indicator *ind;
    vec rows = {0};
    itav_db *db;
    size_t i;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = check_offer(db, c->offer)) == 0) {
        int lrc = itav_indicator_list(&it, db, c->offer);
        if (lrc == ITAV_OK) {
            while ((lrc = itav_indicator_iter_next(&ind, it)) == ITAV_OK)
                vec_push(&rows, ind);
            itav_indicator_iter_free(it);
        }
        rc = lrc == ITAV_ITEROVER ? 0 : lib_error(db, lrc);
    }
    itav_close(db);
    if (rc == 0 && c->json) {
        json_t *arr = json_array();
        for (i = 0; rc == 0 && i < rows.n; i++) {
            json_t *o = NULL;
            if ((rc = jindicator(&o, rows.v[i], ITAV_DATE_NONE)) == 0)
                json_array_append_new(arr, o);
        }
        if (rc == 0)
            rc = print_json_reals(arr);
        else
            json_decref(arr);
    } else if (rc == 0 && rows.n == 0) {
        printf("%s\n", tr(c, "No indicators.", "Geen indicatoren."));
    } else if (rc == 0) {
        list_indicators_text(c, &rows);
    }
    vec_free(&rows, free_indicator);
    return rc;
}

/* The definition lines of 'indicator show'. */
static void show_definition(const cli *c, const itav_indicator *ind)
{
    double low = 0, high = 0, min = 0, max = 0;
    itav_qualifier ql = 0;
    int32_t date = ITAV_DATE_NONE;
    char d[ITAV_DATE_BUFSIZE];

    printf("%s %s (%s)\n", tr(c, "Indicator", "Indicator"), itav_indicator_id(ind),
           itav_indicator_offer(ind));
    print_long_field(tr(c, "Measures:", "Meet:"), itav_indicator_name(ind));
    itav_indicator_scale(ind, &low, &high);
    printf("  ");
    print_padded(tr(c, "Type:", "Soort:"), 18);
    printf(" %s", itav_code_name(ITAV_CODE_MEASURE, (int)itav_indicator_type(ind)));
    if (itav_indicator_unit(ind))
        printf(", %s %s", tr(c, "unit", "eenheid"), itav_indicator_unit(ind));
    if (isfinite(low) && isfinite(high))
        printf(", %s %g %s %g", tr(c, "scale", "schaal"), low, tr(c, "to", "tot"), high);
    else if (isfinite(low))
        printf(", %g %s", low, tr(c, "or more", "of meer"));
    putchar('\n');
    if (itav_indicator_derived(ind)) {
        printf("  ");
        print_padded(tr(c, "Derived from:", "Afgeleid uit:"), 18);
        printf(" %s%s%s\n", itav_code_name(ITAV_CODE_DERIVED, (int)itav_indicator_derived(ind)),
               itav_indicator_municipality(ind) ? " in " : "",
               itav_indicator_municipality(ind) ? itav_indicator_municipality(ind) : "");
    }
    print_field(tr(c, "Source:", "Bron:"), itav_indicator_source(ind));
    print_long_field(tr(c, "Note:", "Noot:"), itav_indicator_note(ind));
    if (itav_indicator_baseline(ind, &date, &ql, &min, &max) == ITAV_OK) {
        const char *text = itav_indicator_baseline_text(ind);
        printf("  ");
        print_padded(tr(c, "Baseline:", "Nulmeting:"), 18);
        putchar(' ');
        print_qty(c, ql, min, max, text);
        printf(" %s %s", tr(c, "on", "op"), date_text(d, date));
        if (itav_indicator_baseline_source(ind))
            printf(" [%s]", itav_indicator_baseline_source(ind));
        putchar('\n');
        if (text && ql != ITAV_QTY_TEXT)
            printf("  %-18s \"%s\"\n", "", text);
    }
}

static int show_indicator_text(const cli *c, const itav_indicator *ind, int32_t as_of)
{
    size_t i, n = itav_indicator_target_count(ind), nm = itav_indicator_measurement_count(ind);
    size_t pw = 10;
    char d[ITAV_DATE_BUFSIZE];
    int rc = 0;

    show_definition(c, ind);
    printf("\n%s %s:\n", tr(c, "Targets, judged on", "Doelen, beoordeeld op"),
           date_text(d, as_of));
    if (n == 0)
        printf("  %s\n", tr(c, "none.", "geen."));
    for (i = 0; rc == 0 && i < n; i++) {
        itav_attainment verdict = 0;
        char *why = NULL;
        const char *text = itav_indicator_target_text(ind, i);
        if ((rc = judge(&verdict, &why, ind, i, as_of)) != 0)
            break;
        printf("  %zu. ", i + 1);
        print_target(c, ind, i);
        if (itav_indicator_target_source(ind, i))
            printf(" [%s]", itav_indicator_target_source(ind, i));
        printf(": %s\n", itav_code_name(ITAV_CODE_ATTAINMENT, (int)verdict));
        if (text)
            printf("     \"%s\"\n", text);
        if (why)
            print_wrapped_text("", why, 5);
        itav_free(why);
    }
    printf("\n%s:\n", tr(c, "Measurements", "Metingen"));
    if (nm == 0)
        printf("  %s\n", tr(c, "none yet.", "nog geen."));
    for (i = 0; i < nm; i++)
        pw = max_width(pw, itav_indicator_measurement_period(ind, i));
    for (i = 0; i < nm; i++) {
        int32_t date = ITAV_DATE_NONE;
        itav_qualifier ql = 0;
        double min = 0, max = 0;
        const char *period = itav_indicator_measurement_period(ind, i);
        const char *text = itav_indicator_measurement_text(ind, i);
        itav_indicator_measurement(ind, i, &date, &ql, &min, &max);
        printf("  %s  ", date_text(d, date));
        print_padded(period ? period : "-", pw + 2);
        print_qty(c, ql, min, max, text);
        if (itav_indicator_measurement_source(ind, i))
            printf("  [%s]", itav_indicator_measurement_source(ind, i));
        if (text && ql != ITAV_QTY_TEXT)
            printf("  \"%s\"", text);
        putchar('\n');
    }
    return rc;
}

static int cmd_indicator_show(cli *c)
{
    itav_indicator *ind = NULL;
    itav_db *db;
    int32_t as_of;
    int rc;

    if ((rc = option_date(&as_of, c->as_of, "as-of")) != 0)
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_indicator_get(&ind, db, c->args[2]);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0 && c->json) {
        json_t *o = NULL;
        if ((rc = jindicator(&o, ind, as_of)) == 0) {
            json_object_set_new(o, "as_of", jdate(as_of));
            rc = print_json_reals(o);
        }
    } else if (rc == 0) {
        rc = show_indicator_text(c, ind, as_of);
    }
    itav_indicator_free(ind);
    return rc;
}

/* The words of what a derived figure rests on. */
static const char *basis_word(const cli *c, itav_derived what, long basis)
{
    if (what == ITAV_DERIVED_MATCHES_STARTED)
        return basis == 1 ? tr(c, "match", "koppeling") : tr(c, "matches", "koppelingen");
    return basis == 1 ? tr(c, "review", "evaluatie") : tr(c, "reviews", "evaluaties");
}

/* indicator measure ID --derive --from D --to D [--date D]: computes the figure from the
 * store for the period and records it (dated the last day unless --date says otherwise). */
static int measure_derived(const cli *c, itav_db *db, const char *id)
{
    itav_indicator *ind = NULL;
    itav_derived what;
    int32_t from, to, date;
    double value = 0;
    long basis = 0;
    char period[2 * ITAV_DATE_BUFSIZE + 2], d1[ITAV_DATE_BUFSIZE], d2[ITAV_DATE_BUFSIZE];
    int rc;

    if ((rc = option_date(&from, c->from, "from")) != 0 ||
        (rc = option_date(&to, c->to, "to")) != 0 ||
        (rc = option_date(&date, c->date ? c->date : c->to, "date")) != 0)
        return rc;
    if ((rc = itav_indicator_get(&ind, db, id)) != ITAV_OK)
        return lib_error(db, rc);
    what = itav_indicator_derived(ind);
    if (!what) {
        itav_indicator_free(ind);
        return data_error("indicator \"%s\" is measured by hand, not derived from the store; "
                          "give --value instead of --derive", id);
    }
    rc = itav_indicator_derive(&value, &basis, db, what, itav_indicator_offer(ind),
                               itav_indicator_municipality(ind), from, to);
    if (rc != ITAV_OK) {
        rc = lib_error(db, rc);
    } else if (isnan(value)) {
        rc = data_error("nothing to derive %s from: no %s in %s from %s to %s",
                        itav_code_name(ITAV_CODE_DERIVED, (int)what), basis_word(c, what, 2),
                        itav_indicator_offer(ind), date_text(d1, from), date_text(d2, to));
    } else {
        snprintf(period, sizeof period, "%s..%s", date_text(d1, from), date_text(d2, to));
        rc = itav_indicator_measure(db, id, date, c->period ? c->period : period,
                                    ITAV_QTY_EXACT, value, value, NULL, c->source);
        rc = rc == ITAV_OK ? 0 : lib_error(db, rc);
    }
    if (rc == 0) {
        printf(tr(c, "Derived %s for %s to %s", "%s afgeleid voor %s tot %s"),
               itav_code_name(ITAV_CODE_DERIVED, (int)what), date_text(d1, from),
               date_text(d2, to));
        if (itav_indicator_municipality(ind))
            printf(" in %s", itav_indicator_municipality(ind));
        printf(": ");
        print_value(value);
        printf(tr(c, " (from %ld %s); recorded on %s as of %s.\n",
                  " (uit %ld %s); vastgelegd bij %s op %s.\n"),
               basis, basis_word(c, what, basis), id, date_text(d1, date));
    }
    itav_indicator_free(ind);
    return rc;
}

static int cmd_indicator_measure(cli *c)
{
    const char *id = c->args[2];
    itav_qualifier ql = ITAV_QTY_TEXT;
    double min = 0, max = 0;
    int32_t date;
    char d[ITAV_DATE_BUFSIZE];
    itav_db *db;
    int rc;

    if (c->derive) {
        if (c->value || c->text)
            return usage_error("--derive computes the value: it takes no --value or --text");
        if (!c->from)
            return missing_option("from", "indicator measure --derive", NULL);
        if (!c->to)
            return missing_option("to", "indicator measure --derive", NULL);
        if ((rc = open_store(&db, c, 0)) != 0)
            return rc;
        rc = measure_derived(c, db, id);
        itav_close(db);
        return rc;
    }
    if (c->from || c->to)
        return usage_error("options --from and --to apply only with --derive");
    if (!c->value && !c->text)
        return missing_option("value", "indicator measure",
                              "a quantity such as 12, about 12, at least 12 or 5..10; or "
                              "--text alone, or --derive");
    if (!c->date)
        return missing_option("date", "indicator measure", NULL);
    if ((rc = option_date(&date, c->date, "date")) != 0)
        return rc;
    if (c->value && itav_quantity_parse(&ql, &min, &max, c->value) != ITAV_OK)
        return data_error("invalid quantity \"%s\" for --value (expected 12, about 12, "
                          "at least 12, at most 12 or a range 5..10; a dot for decimals)",
                          c->value);
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_indicator_measure(db, id, date, c->period, ql, min, max, c->text, c->source);
    rc = rc == ITAV_OK ? 0 : lib_error(db, rc);
    itav_close(db);
    if (rc == 0) {
        printf(tr(c, "Recorded on %s: ", "Vastgelegd bij %s: "), id);
        print_qty(c, ql, min, max, c->text);
        printf(" %s %s", tr(c, "on", "op"), date_text(d, date));
        if (c->period)
            printf(" (%s)", c->period);
        printf(".\n");
    }
    return rc;
}

/* ---- reports ---------------------------------------------------------------------------- */

/* Writes text to a file, all of it. */
/* Writes a report as an export is written: a private temporary file beside the target
 * (mkstemp: mode 0600 whatever the umask, a fresh name, never through a link), given the
 * target's mode if there is one, synced, then renamed over it. A link at the target's path
 * is replaced, not followed; a reader never sees half a report. */
static int write_file(const char *path, const char *text)
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

static int cmd_report_programme(cli *c)
{
    itav_report_options opt = ITAV_REPORT_OPTIONS_INIT;
    itav_report *r = NULL;
    char *text = NULL;
    int format = ITAV_REPORT_MARKDOWN, rc;
    long k = opt.k;
    itav_db *db;

    if ((c->format &&
         (rc = parse_code_arg(&format, ITAV_CODE_REPORT_FORMAT, c->format, "format")) != 0) ||
        (c->k && (rc = option_int(&k, c->k, "k", 1, 1000000)) != 0) ||
        (rc = option_date_or_none(&opt.as_of, c->as_of, "as-of")) != 0 ||
        (rc = option_date_or_none(&opt.from, c->from, "from")) != 0 ||
        (rc = option_date_or_none(&opt.to, c->to, "to")) != 0)
        return rc;
    opt.k = (int)k;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_report_programme(&r, db, c->args[2], &opt);
    rc = rc == ITAV_OK ? 0 : lib_error(db, rc);
    itav_close(db);
    if (rc == 0 && (rc = itav_report_write(&text, r, (itav_report_format)format)) != ITAV_OK)
        rc = data_error("cannot write the report: %s", itav_strerror(rc));
    if (rc == 0 && c->output) {
        rc = write_file(c->output, text);
    } else if (rc == 0) {
        size_t n = strlen(text);
        fputs(text, stdout);
        if (n == 0 || text[n - 1] != '\n')
            putchar('\n');
    }
    itav_free(text);
    itav_report_free(r);
    return rc;
}

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

/* A portfolio (one or two) as the library writes it, printed as indented JSON. */
static int print_portfolio_json(const itav_portfolio *a, const itav_portfolio *b)
{
    char *text = NULL;
    int rc = itav_portfolio_to_json(&text, a, b);
    return print_json_reals(jlibrary(text, rc, "a portfolio"));
}

static void print_profile_text(const cli *c, itav_intervention *const iv[2],
                               itav_portfolio *const p[2])
{
    size_t cw = code_width(), w = 0, k, n = p[1] ? 2 : 1;
    char place[2][128];
    int e, differ = 0;

    printf(tr(c, "Element profile of %s (%s)", "Elementprofiel van %s (%s)"),
           itav_intervention_id(iv[0]), itav_intervention_name(iv[0]));
    if (p[1])
        printf(tr(c, " next to %s (%s)", " naast %s (%s)"), itav_intervention_id(iv[1]),
               itav_intervention_name(iv[1]));
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
    const char *ids[2] = {c->args[1], c->compare};
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
    if (rc == 0 && c->svg)
        rc = write_svg(c->svg, p[0], itav_intervention_name(iv[0]), p[1],
                       p[1] ? itav_intervention_name(iv[1]) : NULL);
    if (rc == 0 && c->json) {
        rc = print_portfolio_json(p[0], p[1]);
    } else if (rc == 0) {
        print_profile_text(c, iv, p);
        if (c->svg)
            printf("\n%s %s\n", tr(c, "Radar chart:", "Radardiagram:"), c->svg);
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
        n += (size_t)snprintf(buf + n, size - n, "%s", municipality);
    if (c->region && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%s%s %s", n ? ", " : "",
                              tr(c, "region", "regio"), c->region);
    if (c->ids.n && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%s%zu %s", n ? ", " : "", c->ids.n,
                              c->ids.n == 1 ? tr(c, "given id", "opgegeven id")
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

    f.municipality = c->municipality;
    f.region = c->region;
    f.ids = c->ids.n ? c->ids.v : NULL;
    f.id_count = c->ids.n;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = build_portfolio(&p[0], db, &f);
    if (rc == 0 && c->compare_municipality) {
        f.municipality = c->compare_municipality;
        rc = build_portfolio(&p[1], db, &f);
    }
    itav_close(db);
    describe_filter(names[0], sizeof names[0], c, c->municipality);
    describe_filter(names[1], sizeof names[1], c, c->compare_municipality);
    if (rc == 0 && c->json)
        rc = print_portfolio_json(p[0], p[1]);
    else if (rc == 0)
        print_portfolio_text(c, p, name_ptrs);
    itav_portfolio_free(p[0]);
    itav_portfolio_free(p[1]);
    return rc;
}

/* ---- recommendations -------------------------------------------------------------------- */

static const char *const tier_en[] = {
    "", "informal and collective", "informal and individual",
    "formal, but low-threshold or collective", "formal and individual", "setting not stated"};
static const char *const tier_nl[] = {
    "", "informeel en collectief", "informeel en individueel",
    "formeel, maar laagdrempelig of collectief", "formeel en individueel",
    "setting niet vermeld"};

static const char *tier_words(const cli *c, int tier)
{
    if (tier < 1 || tier > 5)
        return "-";
    return tr(c, tier_en[tier], tier_nl[tier]);
}

/* The question the options describe. */
static int build_question(itav_question *q, const cli *c)
{
    int asker, channel = 0, rc;
    long age;
    size_t i;
    if ((rc = parse_code_arg(&asker, ITAV_CODE_ASKER, c->audience, "audience")) != 0)
        return rc;
    q->asker = (itav_asker)asker;
    if (c->age_months) {
        if ((rc = option_int(&age, c->age_months, "age-months", -1000, 100000)) != 0)
            return rc;
        q->age_months = (int32_t)age;
    }
    for (i = 0; i < c->needs.n; i++) {
        int theme;
        if ((rc = parse_code_arg(&theme, ITAV_CODE_THEME, c->needs.v[i], "need")) != 0)
            return rc;
        q->needs |= (unsigned)theme;
    }
    if (c->channel && (rc = parse_code_arg(&channel, ITAV_CODE_CHANNEL, c->channel,
                                           "channel")) != 0)
        return rc;
    q->channel = (itav_channel)channel;
    q->municipality = c->municipality;
    return 0;
}

/* One recommendation with the name of its intervention. */
typedef struct recommended {
    itav_recommendation *r;
    char *name;
} recommended;

static void free_recommended(void *p)
{
    recommended *x = p;
    itav_recommendation_free(x->r);
    free(x->name);
    free(x);
}

static int collect_recommendations(vec *out, itav_db *db, const itav_question *q)
{
    itav_recommendation_iter *it = NULL;
    itav_recommendation *r;
    int rc = itav_recommend(&it, db, q);
    if (rc != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_recommendation_iter_next(&r, it)) == ITAV_OK) {
        recommended *x = malloc(sizeof *x);
        itav_intervention *iv = NULL;
        if (!x) {
            itav_recommendation_free(r);
            rc = ITAV_ENOMEM;
            break;
        }
        x->r = r;
        x->name = NULL;
        if (itav_intervention_get(&iv, db, itav_recommendation_intervention(r)) == ITAV_OK &&
            itav_intervention_name(iv))
            x->name = xstrcat3(itav_intervention_name(iv), "", "");
        itav_intervention_free(iv);
        vec_push(out, x);
    }
    itav_recommendation_iter_free(it);
    return rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
}

static json_t *jrecommendations(const itav_question *q, const vec *rows)
{
    json_t *o = json_object(), *qo = json_object(), *arr = json_array();
    char *needs = codes_joined(ITAV_CODE_THEME, q->needs);
    json_t *nv = json_array();
    size_t i;
    char *s, *tok;
    for (s = needs; (tok = strtok(s, ", ")) != NULL; s = NULL)
        json_array_append_new(nv, json_string(tok));
    free(needs);
    json_object_set_new(qo, "audience", jcode(ITAV_CODE_ASKER, (int)q->asker));
    json_object_set_new(qo, "age_months", q->age_months == ITAV_AGE_NONE
                                              ? json_null() : json_integer(q->age_months));
    jset_str(qo, "municipality", q->municipality);
    json_object_set_new(qo, "needs", nv);
    json_object_set_new(qo, "channel", jcode(ITAV_CODE_CHANNEL, (int)q->channel));
    json_object_set_new(o, "question", qo);
    for (i = 0; i < rows->n; i++) {
        const recommended *x = rows->v[i];
        json_t *e = json_object(), *cv = json_array();
        char *covered = codes_joined(ITAV_CODE_THEME, itav_recommendation_covered(x->r));
        for (s = covered; (tok = strtok(s, ", ")) != NULL; s = NULL)
            json_array_append_new(cv, json_string(tok));
        free(covered);
        json_object_set_new(e, "rank", json_integer((json_int_t)i + 1));
        json_object_set_new(e, "tier", json_integer(itav_recommendation_tier(x->r)));
        jset_str(e, "intervention", itav_recommendation_intervention(x->r));
        jset_str(e, "name", x->name);
        jset_str(e, "offer", itav_recommendation_offer(x->r));
        json_object_set_new(e, "covered", cv);
        jset_str(e, "why", itav_recommendation_why(x->r));
        jset_str(e, "placement", itav_recommendation_placement(x->r));
        json_array_append_new(arr, e);
    }
    json_object_set_new(o, "results", arr);
    return o;
}

static void print_recommendations(const cli *c, const itav_question *q, const vec *rows)
{
    size_t i;
    char *needs = codes_joined(ITAV_CODE_THEME, q->needs);
    printf("%s %s", tr(c, "Lightest first, for:", "Lichtste eerst, voor:"),
           itav_code_name(ITAV_CODE_ASKER, (int)q->asker));
    if (q->age_months != ITAV_AGE_NONE)
        printf(tr(c, ", age %ld months", ", leeftijd %ld maanden"), (long)q->age_months);
    if (q->municipality)
        printf(", in %s", q->municipality);
    if (*needs)
        printf(tr(c, ", about %s", ", over %s"), needs);
    if (q->channel)
        printf(tr(c, ", preferring %s", ", bij voorkeur %s"),
               word(c, ITAV_CODE_CHANNEL, (int)q->channel));
    printf("\n%s\n", tr(c, "As light as possible, as heavy as needed.",
                        "Zo licht als mogelijk, zo zwaar als nodig."));
    free(needs);
    if (rows->n == 0) {
        printf("\n%s\n", tr(c, "Nothing fits this question.", "Niets past bij deze vraag."));
        return;
    }
    for (i = 0; i < rows->n; i++) {
        const recommended *x = rows->v[i];
        const char *offer = itav_recommendation_offer(x->r);
        int tier = itav_recommendation_tier(x->r);
        printf("\n%2zu. %s (%s)\n", i + 1, offer ? offer : itav_recommendation_intervention(x->r),
               x->name ? x->name : itav_recommendation_intervention(x->r));
        printf("    %s %d, %s\n", tr(c, "tier", "trede"), tier, tier_words(c, tier));
        print_wrapped_text(tr(c, "why:", "waarom:"), itav_recommendation_why(x->r), 4);
        print_wrapped_text(tr(c, "place:", "plaats:"), itav_recommendation_placement(x->r), 4);
    }
}

static int cmd_recommend(cli *c)
{
    itav_question q = ITAV_QUESTION_INIT;
    vec rows = {0};
    itav_db *db;
    int rc;

    if (!c->audience)
        return missing_option("audience", "recommend", "parent, expecting or youth");
    if ((rc = build_question(&q, c)) != 0)
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = collect_recommendations(&rows, db, &q);
    itav_close(db);
    if (rc == 0 && c->json)
        rc = print_json(jrecommendations(&q, &rows));
    else if (rc == 0)
        print_recommendations(c, &q, &rows);
    vec_free(&rows, free_recommended);
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

static const struct {
    const char *name;
    int takes_value;
} options[] = {
    {"store", 1}, {"lang", 1}, {"json", 0}, {"element", 1}, {"setting", 1},
    {"municipality", 1}, {"help", 0}, {"version", 0}, {"offer", 1}, {"side", 1},
    {"status", 1}, {"state", 1}, {"k", 1}, {"date", 1}, {"as-of", 1}, {"within", 1},
    {"min-score", 1}, {"actor", 1}, {"reason", 1}, {"note", 1}, {"dry-run", 0},
    {"kind", 1}, {"respondent", 1}, {"satisfaction", 1}, {"safety-concern", 0},
    {"safety-note", 1}, {"effect", 1}, {"formal-help", 1}, {"match", 1}, {"value", 1},
    {"period", 1}, {"text", 1}, {"source", 1}, {"derive", 0}, {"from", 1}, {"to", 1},
    {"format", 1}, {"output", 1}, {"compare", 1}, {"svg", 1}, {"region", 1}, {"id", 1},
    {"compare-municipality", 1}, {"audience", 1}, {"age-months", 1}, {"need", 1},
    {"channel", 1},
};

/* Which options a command accepts besides --store, --lang, --help and --version (a set of
 * OPTBIT()s). */
static int check_options(const cli *c, const char *command, optset allowed)
{
    optset extra = c->given & ~(allowed | GLOBAL_OPTS);
    size_t k;
    if (extra & OPTBIT(OPT_JSON))
        return usage_error("option --json does not apply to '%s'", command);
    if (extra & CATALOG_ONLY_OPTS)
        return usage_error("options --element and --setting apply only to 'catalog list', "
                           "not to '%s'", command);
    for (k = 0; k < sizeof options / sizeof options[0]; k++)
        if (extra & OPTBIT(k))
            return usage_error("option --%s does not apply to '%s'", options[k].name, command);
    return 0;
}

/* Keeps one more value of a repeatable option. */
static int push_repeated(repeated *r, const char *value, const char *option)
{
    if (r->n == MAX_REPEATED)
        return usage_error("too many --%s options (at most %d)", option, MAX_REPEATED);
    r->v[r->n++] = value;
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
        c->given |= OPTBIT(opt);
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
        case OPT_OFFER:
            c->offer = value;
            break;
        case OPT_SIDE:
            c->side = value;
            break;
        case OPT_STATUS:
            c->status = value;
            break;
        case OPT_STATE:
            c->state = value;
            break;
        case OPT_K:
            c->k = value;
            break;
        case OPT_DATE:
            c->date = value;
            break;
        case OPT_AS_OF:
            c->as_of = value;
            break;
        case OPT_WITHIN:
            c->within = value;
            break;
        case OPT_MIN_SCORE:
            c->min_score = value;
            break;
        case OPT_ACTOR:
            c->actor = value;
            break;
        case OPT_REASON:
            c->reason = value;
            break;
        case OPT_NOTE:
            c->note = value;
            break;
        case OPT_DRY_RUN:
            c->dry_run = 1;
            break;
        case OPT_KIND:
            c->kind = value;
            break;
        case OPT_RESPONDENT:
            c->respondent = value;
            break;
        case OPT_SATISFACTION:
            c->satisfaction = value;
            break;
        case OPT_SAFETY_CONCERN:
            c->safety_concern = 1;
            break;
        case OPT_SAFETY_NOTE:
            c->safety_note = value;
            break;
        case OPT_EFFECT:
            if (push_repeated(&c->effects, value, "effect") != 0)
                return EXIT_USAGE;
            break;
        case OPT_FORMAL_HELP:
            c->formal_help = value;
            break;
        case OPT_MATCH:
            c->match = value;
            break;
        case OPT_VALUE:
            c->value = value;
            break;
        case OPT_PERIOD:
            c->period = value;
            break;
        case OPT_TEXT:
            c->text = value;
            break;
        case OPT_SOURCE:
            c->source = value;
            break;
        case OPT_DERIVE:
            c->derive = 1;
            break;
        case OPT_FROM:
            c->from = value;
            break;
        case OPT_TO:
            c->to = value;
            break;
        case OPT_FORMAT:
            c->format = value;
            break;
        case OPT_OUTPUT:
            c->output = value;
            break;
        case OPT_COMPARE:
            c->compare = value;
            break;
        case OPT_SVG:
            c->svg = value;
            break;
        case OPT_REGION:
            c->region = value;
            break;
        case OPT_ID:
            if (push_repeated(&c->ids, value, "id") != 0)
                return EXIT_USAGE;
            break;
        case OPT_COMPARE_MUNICIPALITY:
            c->compare_municipality = value;
            break;
        case OPT_AUDIENCE:
            c->audience = value;
            break;
        case OPT_AGE_MONTHS:
            c->age_months = value;
            break;
        case OPT_NEED:
            if (push_repeated(&c->needs, value, "need") != 0)
                return EXIT_USAGE;
            break;
        case OPT_CHANNEL:
            c->channel = value;
            break;
        }
    }
    return 0;
}

/* ---- the participants and match subcommands --------------------------------------------- */

typedef struct subcommand {
    const char *group, *name;
    const char *args[2]; /* names of the positional arguments, NULL when fewer */
    optset options;      /* the options it takes besides the global ones */
    int (*run)(cli *c);
} subcommand;

static const subcommand subcommands[] = {
    {"participants", "import", {"FILE", NULL}, OPTBIT(OPT_OFFER), cmd_participants_import},
    {"participants", "list", {NULL, NULL},
     OPTBIT(OPT_OFFER) | OPTBIT(OPT_SIDE) | OPTBIT(OPT_STATUS) | OPTBIT(OPT_JSON),
     cmd_participants_list},
    {"participants", "show", {"REF", NULL}, OPTBIT(OPT_JSON), cmd_participants_show},
    {"participants", "status", {"REF", "STATUS"}, OPTBIT(OPT_DATE), cmd_participants_status},
    {"participants", "erase", {"REF", NULL}, 0, cmd_participants_erase},
    {"match", "suggest", {"REF", NULL}, OPTBIT(OPT_K) | OPTBIT(OPT_AS_OF) | OPTBIT(OPT_JSON),
     cmd_match_suggest},
    {"match", "assign", {"OFFER", NULL},
     OPTBIT(OPT_DRY_RUN) | OPTBIT(OPT_DATE) | OPTBIT(OPT_MIN_SCORE) | OPTBIT(OPT_JSON),
     cmd_match_assign},
    {"match", "propose", {"ASKING", "SUPPORTING"},
     OPTBIT(OPT_DATE) | OPTBIT(OPT_ACTOR) | OPTBIT(OPT_NOTE), cmd_match_propose},
    {"match", "advance", {"MATCH", "STATE"},
     OPTBIT(OPT_DATE) | OPTBIT(OPT_ACTOR) | OPTBIT(OPT_REASON) | OPTBIT(OPT_NOTE),
     cmd_match_advance},
    {"match", "list", {NULL, NULL}, OPTBIT(OPT_OFFER) | OPTBIT(OPT_STATE) | OPTBIT(OPT_JSON),
     cmd_match_list},
    {"match", "show", {"MATCH", NULL}, OPTBIT(OPT_JSON), cmd_match_show},
    {"match", "due", {NULL, NULL},
     OPTBIT(OPT_AS_OF) | OPTBIT(OPT_WITHIN) | OPTBIT(OPT_OFFER) | OPTBIT(OPT_JSON),
     cmd_match_due},
    {"review", "add", {"MATCH", NULL},
     OPTBIT(OPT_KIND) | OPTBIT(OPT_DATE) | OPTBIT(OPT_RESPONDENT) | OPTBIT(OPT_SATISFACTION) |
         OPTBIT(OPT_SAFETY_CONCERN) | OPTBIT(OPT_SAFETY_NOTE) | OPTBIT(OPT_EFFECT) |
         OPTBIT(OPT_FORMAL_HELP) | OPTBIT(OPT_NOTE) | OPTBIT(OPT_JSON),
     cmd_review_add},
    {"review", "list", {NULL, NULL}, OPTBIT(OPT_MATCH) | OPTBIT(OPT_OFFER) | OPTBIT(OPT_JSON),
     cmd_review_list},
    {"indicator", "list", {NULL, NULL}, OPTBIT(OPT_OFFER) | OPTBIT(OPT_JSON),
     cmd_indicator_list},
    {"indicator", "show", {"ID", NULL}, OPTBIT(OPT_AS_OF) | OPTBIT(OPT_JSON),
     cmd_indicator_show},
    {"indicator", "measure", {"ID", NULL},
     OPTBIT(OPT_DATE) | OPTBIT(OPT_VALUE) | OPTBIT(OPT_PERIOD) | OPTBIT(OPT_TEXT) |
         OPTBIT(OPT_SOURCE) | OPTBIT(OPT_DERIVE) | OPTBIT(OPT_FROM) | OPTBIT(OPT_TO),
     cmd_indicator_measure},
    {"report", "programme", {"OFFER", NULL},
     OPTBIT(OPT_FORMAT) | OPTBIT(OPT_K) | OPTBIT(OPT_AS_OF) | OPTBIT(OPT_FROM) |
         OPTBIT(OPT_TO) | OPTBIT(OPT_OUTPUT),
     cmd_report_programme},
};
#define N_SUBCOMMANDS (sizeof subcommands / sizeof subcommands[0])

/* "a, b or c": the subcommands of a group, for messages. */
static char *subcommand_names(const char *group)
{
    char *s = xstrcat3("", "", ""), *t;
    size_t i, n = 0, total = 0;
    for (i = 0; i < N_SUBCOMMANDS; i++)
        total += strcmp(subcommands[i].group, group) == 0;
    for (i = 0; i < N_SUBCOMMANDS; i++) {
        if (strcmp(subcommands[i].group, group) != 0)
            continue;
        n++;
        t = xstrcat3(s, n == 1 ? "" : n == total ? " or " : ", ", subcommands[i].name);
        free(s);
        s = t;
    }
    return s;
}

/* Runs a command with subcommands ('match ...', 'review ...'): checks the arguments and
 * options first. */
static int run_subcommand(cli *c)
{
    const char *group = c->args[0], *name = c->n_args > 1 ? c->args[1] : NULL;
    const subcommand *sc = NULL;
    size_t i, n_want = 0;
    char full[64];
    int rc;

    for (i = 0; name && i < N_SUBCOMMANDS; i++)
        if (strcmp(subcommands[i].group, group) == 0 && strcmp(subcommands[i].name, name) == 0)
            sc = &subcommands[i];
    if (!sc) {
        char *names = subcommand_names(group);
        if (name)
            rc = usage_error("unknown %s subcommand '%s' (expected %s)", group, name, names);
        else
            rc = usage_error("missing %s subcommand (%s)", group, names);
        free(names);
        return rc;
    }
    snprintf(full, sizeof full, "%s %s", sc->group, sc->name);
    while (n_want < 2 && sc->args[n_want])
        n_want++;
    if (c->n_args < 2 + n_want)
        return usage_error("missing argument %s for '%s'", sc->args[c->n_args - 2], full);
    if (c->n_args > 2 + n_want)
        return usage_error("unexpected argument '%s'", c->args[2 + n_want]);
    if ((rc = check_options(c, full, sc->options)) != 0)
        return rc;
    return sc->run(c);
}

/* The commands without subcommands that came with evaluation and recommendation. */
static const struct {
    const char *name;
    const char *arg; /* the name of its one positional argument, or NULL */
    optset options;
    int (*run)(cli *c);
} plain_commands[] = {
    {"profile", "ID", OPTBIT(OPT_COMPARE) | OPTBIT(OPT_SVG) | OPTBIT(OPT_JSON), cmd_profile_one},
    {"portfolio", NULL,
     OPTBIT(OPT_MUNICIPALITY) | OPTBIT(OPT_REGION) | OPTBIT(OPT_ID) |
         OPTBIT(OPT_COMPARE_MUNICIPALITY) | OPTBIT(OPT_JSON),
     cmd_portfolio},
    {"recommend", NULL,
     OPTBIT(OPT_AUDIENCE) | OPTBIT(OPT_AGE_MONTHS) | OPTBIT(OPT_MUNICIPALITY) |
         OPTBIT(OPT_NEED) | OPTBIT(OPT_CHANNEL) | OPTBIT(OPT_JSON),
     cmd_recommend},
};

/* Runs 'profile', 'portfolio' or 'recommend'; 0 with *handled unset for other commands. */
static int run_plain(cli *c, int *handled)
{
    size_t i, n_want;
    int rc;
    *handled = 0;
    for (i = 0; i < sizeof plain_commands / sizeof plain_commands[0]; i++) {
        if (strcmp(c->args[0], plain_commands[i].name) != 0)
            continue;
        *handled = 1;
        n_want = plain_commands[i].arg ? 2 : 1;
        if (c->n_args < n_want)
            return usage_error("missing argument %s for '%s'", plain_commands[i].arg,
                               plain_commands[i].name);
        if (c->n_args > n_want)
            return usage_error("unexpected argument '%s'", c->args[n_want]);
        if ((rc = check_options(c, plain_commands[i].name, plain_commands[i].options)) != 0)
            return rc;
        return plain_commands[i].run(c);
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c;
    const char *cmd;
    int rc, handled;

    static out_filter out_f, err_f;
    filter_stream(&stdout, &out_f);
    filter_stream(&stderr, &err_f);
    setvbuf(stderr, NULL, _IONBF, 0);
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
        rc = check_options(&c, "init", 0);
        if (!rc)
            rc = cmd_init(&c);
    } else if (strcmp(cmd, "catalog") == 0) {
        const char *sub = c.n_args > 1 ? c.args[1] : NULL;
        if (!sub)
            return usage_error("missing catalog subcommand (list, show or profile)");
        if (strcmp(sub, "list") == 0) {
            if (c.n_args > 2)
                return usage_error("unexpected argument '%s'", c.args[2]);
            rc = check_options(&c, "catalog list", OPTBIT(OPT_JSON) | FILTER_OPTS);
            if (!rc)
                rc = cmd_list(&c);
        } else if (strcmp(sub, "show") == 0) {
            if (c.n_args < 3)
                return usage_error("missing argument ID for 'catalog show'");
            if (c.n_args > 3)
                return usage_error("unexpected argument '%s'", c.args[3]);
            rc = check_options(&c, "catalog show", OPTBIT(OPT_JSON));
            if (!rc)
                rc = cmd_show(&c);
        } else if (strcmp(sub, "profile") == 0) {
            if (c.n_args > 2)
                return usage_error("unexpected argument '%s'", c.args[2]);
            rc = check_options(&c, "catalog profile", OPTBIT(OPT_JSON));
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
        rc = check_options(&c, "import", 0);
        if (!rc)
            rc = cmd_import(&c);
    } else if (strcmp(cmd, "export") == 0) {
        if (c.n_args > 2)
            return usage_error("unexpected argument '%s'", c.args[2]);
        rc = check_options(&c, "export", 0);
        if (!rc)
            rc = cmd_export(&c);
    } else if (strcmp(cmd, "participants") == 0 || strcmp(cmd, "match") == 0 ||
               strcmp(cmd, "review") == 0 || strcmp(cmd, "indicator") == 0 ||
               strcmp(cmd, "report") == 0) {
        rc = run_subcommand(&c);
    } else {
        rc = run_plain(&c, &handled);
        if (!handled)
            return usage_error("unknown command '%s'", cmd);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("itav: cannot write to standard output\n", stderr);
        return EXIT_DATA;
    }
    return rc;
}
