/* itav: the one option parser. Every option the tool knows is a row of opt_specs; which
 * command takes which option is said by the command table (cmd_*.c), and checked here. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ELEMENT_OPTS 8

const opt_spec opt_specs[OPT_COUNT] = {
    [OPT_STORE] = {"store", "URI", 0, 0,
                   "the store: memory:, or sqlite:PATH; default $ITAV_STORE, else "
                   "sqlite:$XDG_DATA_HOME/itav/itav.db (XDG_DATA_HOME: ~/.local/share)", 0},
    [OPT_LANG] = {"lang", "nl|en", 0, 0,
                  "language of all output for people (not codes or JSON); default from "
                  "LC_ALL, LC_MESSAGES or LANG", 0},
    [OPT_JSON] = {"json", NULL, 0, 0, NULL, 0},
    [OPT_ELEMENT] = {"element", "CODE", MANY_ELEMENT + 1, MAX_ELEMENT_OPTS, NULL, 0},
    [OPT_SETTING] = {"setting", "informal|formal|mixed", 0, 0, NULL, ITAV_CODE_SETTING},
    /* repeatable for 'offer add' and 'offer update'; the other commands take the last */
    [OPT_MUNICIPALITY] = {"municipality", "M", MANY_MUNICIPALITY + 1, MAX_REPEATED, NULL, 0},
    [OPT_HELP] = {"help", NULL, 0, 0, "show the help (of the command given)", 0},
    [OPT_VERSION] = {"version", NULL, 0, 0, "show the version of the tool and the library", 0},
    [OPT_OFFER] = {"offer", "OFFER", 0, 0, NULL, 0},
    [OPT_SIDE] = {"side", "asking|supporting", 0, 0, NULL, ITAV_CODE_SIDE},
    [OPT_STATUS] = {"status", "S", 0, 0, NULL, ITAV_CODE_PARTICIPANT_STATUS},
    [OPT_STATE] = {"state", "S", 0, 0, NULL, ITAV_CODE_MATCH_STATE},
    [OPT_K] = {"k", "N", 0, 0, NULL, 0},
    [OPT_DATE] = {"date", "D", 0, 0, NULL, 0},
    [OPT_AS_OF] = {"as-of", "D", 0, 0, NULL, 0},
    [OPT_WITHIN] = {"within", "DAYS", 0, 0, NULL, 0},
    [OPT_MIN_SCORE] = {"min-score", "X", 0, 0, NULL, 0},
    [OPT_ACTOR] = {"actor", "A", 0, 0, NULL, ITAV_CODE_ACTOR},
    [OPT_REASON] = {"reason", "R", 0, 0, NULL, ITAV_CODE_END_REASON},
    [OPT_NOTE] = {"note", "T", 0, 0, NULL, 0},
    [OPT_DRY_RUN] = {"dry-run", NULL, 0, 0, NULL, 0},
    [OPT_KIND] = {"kind", "trial|periodic|final", 0, 0, NULL, ITAV_CODE_REVIEW_KIND},
    [OPT_RESPONDENT] = {"respondent", "asking|supporting|coordinator", 0, 0, NULL,
                        ITAV_CODE_RESPONDENT},
    [OPT_SATISFACTION] = {"satisfaction", "1-10", 0, 0, NULL, 0},
    [OPT_SAFETY_CONCERN] = {"safety-concern", NULL, 0, 0, NULL, 0},
    [OPT_SAFETY_NOTE] = {"safety-note", "T", 0, 0, NULL, 0},
    [OPT_EFFECT] = {"effect", "CODE=SCORE", MANY_EFFECT + 1, MAX_REPEATED, NULL, 0},
    [OPT_FORMAL_HELP] = {"formal-help", "CODE", 0, 0, NULL, ITAV_CODE_FORMAL_HELP},
    [OPT_MATCH] = {"match", "M", 0, 0, NULL, 0},
    [OPT_VALUE] = {"value", "QTY", 0, 0, NULL, 0},
    [OPT_PERIOD] = {"period", "P", 0, 0, NULL, 0},
    [OPT_TEXT] = {"text", "T", 0, 0, NULL, 0},
    [OPT_SOURCE] = {"source", "REF", 0, 0, NULL, 0},
    [OPT_DERIVE] = {"derive", NULL, 0, 0, NULL, 0},
    [OPT_FROM] = {"from", "D", 0, 0, NULL, 0},
    [OPT_TO] = {"to", "D", 0, 0, NULL, 0},
    [OPT_FORMAT] = {"format", "md|json|csv", 0, 0, NULL, ITAV_CODE_REPORT_FORMAT},
    [OPT_OUTPUT] = {"output", "FILE", 0, 0, NULL, 0},
    [OPT_COMPARE] = {"compare", "ID", 0, 0, NULL, 0},
    [OPT_SVG] = {"svg", "FILE", 0, 0, NULL, 0},
    [OPT_REGION] = {"region", "R", 0, 0, NULL, 0},
    [OPT_ID] = {"id", "ID", MANY_ID + 1, MAX_REPEATED, NULL, 0},
    [OPT_COMPARE_MUNICIPALITY] = {"compare-municipality", "M", 0, 0, NULL, 0},
    [OPT_AUDIENCE] = {"audience", "parent|expecting|youth", 0, 0, NULL, ITAV_CODE_ASKER},
    [OPT_AGE_MONTHS] = {"age-months", "N", 0, 0, NULL, 0},
    [OPT_NEED] = {"need", "THEME", MANY_NEED + 1, MAX_REPEATED, NULL, ITAV_CODE_THEME},
    [OPT_CHANNEL] = {"channel", "in_person|online|both", 0, 0, NULL, ITAV_CODE_CHANNEL},
    [OPT_STRICT] = {"strict", NULL, 0, 0, NULL, 0},
    [OPT_UPDATE] = {"update", NULL, 0, 0, NULL, 0},
    [OPT_PUBLISH] = {"publish", NULL, 0, 0, NULL, 0},
    [OPT_LOW_K] = {"low-k", NULL, 0, 0, NULL, 0},
    [OPT_PROTECTION] = {"protection", "N", 0, 0, NULL, 0},
    [OPT_SKIP_EVALUATION] = {"skip-evaluation", "NOTE", 0, 0, NULL, 0},
    [OPT_YES] = {"yes", NULL, 0, 0, NULL, 0},
    [OPT_INTERVENTION] = {"intervention", "ID", 0, 0, NULL, 0},
    [OPT_NAME] = {"name", "T", 0, 0, NULL, 0},
    [OPT_PROVIDER] = {"provider", "T", 0, 0, NULL, 0},
    [OPT_CONTACT] = {"contact", "T", 0, 0, NULL, 0},
    [OPT_PROGRAMME] = {"programme", "OFFER", 0, 0, NULL, 0},
    [OPT_PLAN] = {"plan", "FIELD=VALUE", MANY_PLAN + 1, MAX_REPEATED, NULL, 0},
    [OPT_FACTOR] = {"factor", "CODE", MANY_FACTOR + 1, ITAV_FACTOR_COUNT, NULL, 0},
    [OPT_POSTCODE] = {"postcode", "PC", 0, 0, NULL, 0},
    [OPT_VOG_DATE] = {"vog-date", "D", 0, 0, NULL, 0},
    [OPT_CAPACITY] = {"capacity", "N", 0, 0, NULL, 0},
    [OPT_SET] = {"set", "COLUMN=VALUE", MANY_SET + 1, MAX_REPEATED, NULL, 0},
    [OPT_REFERRAL] = {"referral", "ROUTE", 0, 0, NULL, 0},
    [OPT_PERTURB] = {"perturb", NULL, 0, 0, NULL, 0},
};

itav_lang lang_from_locale(void)
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

bool global_option(int opt)
{
    return opt == OPT_STORE || opt == OPT_LANG || opt == OPT_HELP || opt == OPT_VERSION;
}

/* Given, but neither the command's nor global. */
static bool extra_option(const cli *c, const optset *allowed, int opt)
{
    return optset_has(&c->given, opt) && !optset_has(allowed, opt) && !global_option(opt);
}

int check_options(const cli *c, const char *words, const optset *allowed)
{
    int k;
    if (extra_option(c, allowed, OPT_JSON))
        return usage_error("option --json does not apply to '%s'", words);
    /* The filters of 'catalog list'; --element and --setting apply to nothing else. */
    if (extra_option(c, allowed, OPT_ELEMENT) || extra_option(c, allowed, OPT_SETTING))
        return usage_error("options --element and --setting apply only to 'catalog list', "
                           "not to '%s'", words);
    for (k = 0; k < OPT_COUNT; k++)
        if (extra_option(c, allowed, k))
            return usage_error("option --%s does not apply to '%s'", opt_specs[k].name, words);
    return 0;
}

/* Keeps a value: the last one for most options, every one for a repeatable option. */
static int keep(cli *c, enum opt_id opt, const char *value)
{
    const opt_spec *o = &opt_specs[opt];
    if (o->many) {
        repeated *r = &c->many[o->many - 1];
        if (r->n == o->max)
            return usage_error("too many --%s options (at most %zu)", o->name, o->max);
        r->v[r->n++] = value;
    }
    c->opt[opt] = value;
    optset_add(&c->given, opt);
    return 0;
}

int parse_args(cli *c, int argc, char **argv)
{
    int i, only_args = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *value = "", *eq;
        size_t k, len;
        int opt = -1, rc;
        if (only_args || a[0] != '-' || a[1] == '\0') {
            if (c->n_args == MAX_OPERANDS)
                return usage_error("unexpected argument '%s'", a);
            c->args[c->n_args++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0) {
            c->opt[OPT_HELP] = "";
            continue;
        }
        if (a[1] != '-')
            return usage_error("unknown option '%s'", a);
        eq = strchr(a + 2, '=');
        len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
        for (k = 0; k < OPT_COUNT; k++)
            if (strlen(opt_specs[k].name) == len && strncmp(opt_specs[k].name, a + 2, len) == 0)
                opt = (int)k;
        if (opt < 0)
            return usage_error("unknown option '%.*s'", (int)len + 2, a);
        if (opt_specs[opt].arg) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return usage_error("option --%s needs an argument", opt_specs[opt].name);
        } else if (eq) {
            return usage_error("option --%s takes no argument", opt_specs[opt].name);
        }
        if (opt == OPT_STORE && !*value)
            return usage_error("option --store needs a non-empty URI");
        if (opt == OPT_LANG) {
            if (strcmp(value, "nl") == 0)
                c->lang = ITAV_LANG_NL;
            else if (strcmp(value, "en") == 0)
                c->lang = ITAV_LANG_EN;
            else
                return usage_error("unknown language '%s' (expected nl or en)", value);
        }
        if ((rc = keep(c, (enum opt_id)opt, value)) != 0)
            return rc;
    }
    return 0;
}
