/* itav: reviews of matches: review add and review list. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    for (i = 0; i < MANY(c, EFFECT)->n; i++) {
        int effect = 0, score = 0, rc = parse_effect(&effect, &score, MANY(c, EFFECT)->v[i]);
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
    if ((rc = parse_code_arg(&kind, ITAV_CODE_REVIEW_KIND, OPTV(c, KIND), "review kind")) != 0 ||
        (rc = parse_code_arg(&respondent, ITAV_CODE_RESPONDENT, OPTV(c, RESPONDENT),
                             "respondent")) != 0 ||
        (rc = option_date(&date, OPTV(c, DATE), "date")) != 0 ||
        (OPTV(c, SATISFACTION) &&
         (rc = option_int(&mark, OPTV(c, SATISFACTION), "satisfaction", 1, 10)) != 0) ||
        (OPTV(c, FORMAL_HELP) &&
         (rc = parse_code_arg(&help, ITAV_CODE_FORMAL_HELP, OPTV(c, FORMAL_HELP),
                              "formal help outcome")) != 0))
        return rc;
    if ((rc = itav_review_new(&r, (itav_review_kind)kind, date,
                              (itav_respondent)respondent)) != ITAV_OK)
        return data_error("cannot make the review: %s", itav_strerror(rc));
    /* The values are checked above; a setter can still refuse text (UTF-8, 64 KiB). */
    if (mark && (rc = itav_review_set_satisfaction(r, (int)mark)) != ITAV_OK)
        rc = setter_error(rc, "satisfaction");
    if (!rc && FLAG(c, SAFETY_CONCERN) &&
        (rc = itav_review_set_safety(r, 1, OPTV(c, SAFETY_NOTE))) != ITAV_OK)
        rc = setter_error(rc, "safety-note");
    if (!rc)
        rc = set_effects(r, c);
    if (!rc && help && (rc = itav_review_set_formal_help(r, (itav_formal_help)help)) != ITAV_OK)
        rc = setter_error(rc, "formal-help");
    if (!rc && OPTV(c, NOTE) && (rc = itav_review_set_note(r, OPTV(c, NOTE))) != ITAV_OK)
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

    if (!OPTV(c, KIND))
        return missing_option("kind", "review add", "trial, periodic or final");
    if (!OPTV(c, DATE))
        return missing_option("date", "review add", NULL);
    if (!OPTV(c, RESPONDENT))
        return missing_option("respondent", "review add", "asking, supporting or coordinator");
    if (OPTV(c, SAFETY_NOTE) && !FLAG(c, SAFETY_CONCERN))
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
    if (rc == 0 && FLAG(c, JSON)) {
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
            printf("      %s %s\n", tr(c, "safety:", "veiligheid:"),
                   one_line(itav_review_safety_note(r)));
        if (itav_review_note(r))
            printf("      %s %s\n", tr(c, "note:", "notitie:"), one_line(itav_review_note(r)));
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
    if ((rc = check_offer(db, OPTV(c, OFFER))) == 0 &&
        (rc = check_match(db, OPTV(c, MATCH))) == 0) {
        int lrc = itav_review_list(&it, db, OPTV(c, MATCH), OPTV(c, OFFER));
        if (lrc == ITAV_OK) {
            while ((lrc = itav_review_iter_next(&r, it)) == ITAV_OK)
                vec_push(&rows, r);
            itav_review_iter_free(it);
        }
        rc = lrc == ITAV_ITEROVER ? 0 : lib_error(db, lrc);
    }
    itav_close(db);
    if (rc == 0 && FLAG(c, JSON)) {
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


const command_group review_group = {
    "review", false, "Reviews of matches",
    (const command[]){
        {"add", {"MATCH", NULL},
         "MATCH --kind trial|periodic|final --date D\n"
         "--respondent asking|supporting|coordinator [--satisfaction 1-10]\n"
         "[--safety-concern [--safety-note T]] [--effect CODE=-2..+2]...\n"
         "[--formal-help CODE] [--note T] [--json]",
         "record a review of a match",
         (const cmd_opt[]){
             {OPT_KIND, "the kind of review: trial, periodic or final (required)"},
             {OPT_DATE, "the date of the review (required)"},
             {OPT_RESPONDENT, "who answered: asking, supporting or coordinator (required)"},
             {OPT_SATISFACTION, "a mark from 1 to 10"},
             {OPT_SAFETY_CONCERN, "a concern about safety was raised"},
             {OPT_SAFETY_NOTE, "what the concern is (only with --safety-concern)"},
             {OPT_EFFECT, "an effect category scored from -2 to +2 (repeatable, each category "
                          "once)"},
             {OPT_FORMAL_HELP, "what happened to formal help: prevented, reduced, stopped, "
                               "referred, none_needed or unknown"},
             {OPT_NOTE, "a note"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_review_add},
        {"list", {NULL, NULL}, "[--match M] [--offer OFFER] [--json]",
         "list reviews by date",
         (const cmd_opt[]){
             {OPT_MATCH, "only reviews of match M"},
             {OPT_OFFER, "only reviews of matches of offer OFFER"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_review_list},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
