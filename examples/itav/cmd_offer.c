/* itav: offers: list, show (with the match plan in force), add and update. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- the match plan --------------------------------------------------------------------- */

/* The plan fields that say yes or no (the others are months, metres or criteria). */
static int plan_field_is_flag(int f)
{
    return f == ITAV_PLAN_TRIAL || f == ITAV_PLAN_VOG || f == ITAV_PLAN_TRAINING ||
           f == ITAV_PLAN_FINAL_REVIEW;
}

/* "distance, availability": the criteria of a criteria field's bits. */
static char *criteria_text(long bits)
{
    char *s = xstrcat3("", "", ""), *t;
    for (int i = 1; i <= ITAV_CRITERION_COUNT; i++) {
        if (!(bits & (1L << i)))
            continue;
        t = xstrcat3(s, *s ? ", " : "", itav_code_name(ITAV_CODE_CRITERION, i));
        free(s);
        s = t;
    }
    return s;
}

static json_t *jplan_value(int f, long v)
{
    if (plan_field_is_flag(f))
        return json_boolean(v);
    if (f == ITAV_PLAN_CRITERIA) {
        json_t *a = json_array();
        for (int i = 1; i <= ITAV_CRITERION_COUNT; i++)
            if (v & (1L << i))
                json_array_append_new(a, json_string(itav_code_name(ITAV_CODE_CRITERION, i)));
        return a;
    }
    return json_integer(v);
}

/* Reads "FIELD=VALUE" of --plan: VALUE is yes|no (true|false) for trial, vog, training and
 * final_review, a whole number for months and metres, criterion codes joined by commas for
 * criteria, or "unset" to clear the field. The range is the library's (itav_plan_set()). */
static int parse_plan_arg(int *field, long *value, const char *arg)
{
    const char *eq = strchr(arg, '=');
    char name[64];
    int rc;
    if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof name)
        return data_error("invalid value \"%s\" for --plan (expected FIELD=VALUE)", arg);
    memcpy(name, arg, (size_t)(eq - arg));
    name[eq - arg] = '\0';
    if ((rc = parse_code_arg(field, ITAV_CODE_PLAN_FIELD, name, "plan field")) != 0)
        return rc;
    const char *v = eq + 1;
    if (strcmp(v, "unset") == 0) {
        *value = ITAV_PLAN_UNSET;
        return 0;
    }
    if (plan_field_is_flag(*field)) {
        if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
            *value = 1;
        else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0)
            *value = 0;
        else
            return data_error("invalid value \"%s\" for --plan %s (expected yes, no or unset)",
                              v, name);
        return 0;
    }
    if (*field == ITAV_PLAN_CRITERIA) {
        *value = 0;
        while (*v) {
            size_t n = strcspn(v, ",");
            char code[64];
            int crit;
            if (n == 0 || n >= sizeof code)
                return data_error("invalid value \"%s\" for --plan criteria (expected "
                                  "criterion codes joined by commas, or unset)", eq + 1);
            memcpy(code, v, n);
            code[n] = '\0';
            if ((rc = parse_code_arg(&crit, ITAV_CODE_CRITERION, code, "criterion")) != 0)
                return rc;
            *value |= 1L << crit;
            v += n + (v[n] == ',');
        }
        if (*value == 0)
            return data_error("invalid value \"\" for --plan criteria (expected criterion "
                              "codes joined by commas, or unset)");
        return 0;
    }
    char *end;
    errno = 0;
    *value = strtol(v, &end, 10);
    if (!*v || *end || errno || *value < 0)
        return data_error("invalid value \"%s\" for --plan %s (expected a whole number, or "
                          "unset)", v, name);
    return 0;
}

/* ---- reading an offer from the options -------------------------------------------------- */

/* Sets what the options of 'offer add' and 'offer update' give; nothing else is touched. */
static int apply_options(itav_offer *of, cli *c, itav_db *db)
{
    int32_t start = itav_offer_start(of), end = itav_offer_end(of);
    int rc;
    struct {
        const char *value, *option;
        int (*set)(itav_offer *, const char *);
    } texts[] = {{OPTV(c, NAME), "name", itav_offer_set_name},
                 {OPTV(c, REGION), "region", itav_offer_set_region},
                 {OPTV(c, PROVIDER), "provider", itav_offer_set_provider},
                 {OPTV(c, CONTACT), "contact", itav_offer_set_contact},
                 {OPTV(c, PROGRAMME), "programme", itav_offer_set_programme}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (texts[i].value && (rc = texts[i].set(of, *texts[i].value ? texts[i].value : NULL)))
            return setter_error(rc, texts[i].option);
    /* "" clears a date */
    if (OPTV(c, FROM) && !*OPTV(c, FROM))
        start = ITAV_DATE_NONE;
    else if (OPTV(c, FROM) && (rc = option_date(&start, OPTV(c, FROM), "from")) != 0)
        return rc;
    if (OPTV(c, TO) && !*OPTV(c, TO))
        end = ITAV_DATE_NONE;
    else if (OPTV(c, TO) && (rc = option_date(&end, OPTV(c, TO), "to")) != 0)
        return rc;
    if ((OPTV(c, FROM) || OPTV(c, TO)) && (rc = itav_offer_set_period(of, start, end)) != 0)
        return data_error("invalid period for --from and --to: %s (the end may not be before "
                          "the start)", itav_strerror(rc));
    if (MANY(c, MUNICIPALITY)->n) { /* the municipalities given replace the list */
        while (itav_offer_text_count(of, ITAV_TEXT_MUNICIPALITIES))
            itav_offer_remove_text(of, ITAV_TEXT_MUNICIPALITIES, 0);
        for (size_t i = 0; i < MANY(c, MUNICIPALITY)->n; i++)
            if ((rc = itav_offer_add_text(of, ITAV_TEXT_MUNICIPALITIES,
                                          MANY(c, MUNICIPALITY)->v[i])) != 0)
                return setter_error(rc, "municipality");
    }
    if (MANY(c, PLAN)->n) {
        itav_plan *plan = NULL;
        rc = itav_offer_plan(of) ? itav_plan_dup(&plan, itav_offer_plan(of)) : itav_plan_new(&plan);
        for (size_t i = 0; rc == 0 && i < MANY(c, PLAN)->n; i++) {
            int field = 0;
            long value = ITAV_PLAN_UNSET;
            if ((rc = parse_plan_arg(&field, &value, MANY(c, PLAN)->v[i])) != 0)
                break;
            if (itav_plan_set(plan, (itav_plan_field)field, value) != ITAV_OK)
                rc = data_error("invalid value \"%s\" for --plan: out of range for %s "
                                "(docs/format.md, \"Match plan\")", MANY(c, PLAN)->v[i],
                                itav_code_name(ITAV_CODE_PLAN_FIELD, field));
        }
        if (rc == 0 && (rc = itav_offer_set_plan(of, plan)) != ITAV_OK)
            rc = lib_error(db, rc);
        itav_plan_free(plan);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- commands --------------------------------------------------------------------------- */

static json_t *joffer(const itav_offer *of)
{
    char *text = NULL;
    int rc = itav_offer_to_json(&text, of);
    return jlibrary(text, rc, "the offer");
}

static int cmd_offer_list(cli *c)
{
    itav_offer_iter *it = NULL;
    itav_offer *of;
    vec rows = {0};
    itav_db *db;
    size_t wid = 2, wiv = 12, i;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_offer_list(&it, db, OPTV(c, INTERVENTION), OPTV(c, MUNICIPALITY));
    if (rc == ITAV_OK) {
        while ((rc = itav_offer_iter_next(&of, it)) == ITAV_OK)
            vec_push(&rows, of);
        itav_offer_iter_free(it);
    }
    rc = rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
    itav_close(db);
    if (rc == 0 && FLAG(c, JSON)) {
        json_t *arr = json_array();
        for (i = 0; i < rows.n; i++)
            json_array_append_new(arr, joffer(rows.v[i]));
        rc = print_json_reals(arr);
    } else if (rc == 0) {
        for (i = 0; i < rows.n; i++) {
            wid = max_width(wid, itav_offer_id(rows.v[i]));
            wiv = max_width(wiv, itav_offer_intervention(rows.v[i]));
        }
        if (rows.n) {
            print_padded("ID", wid + 2);
            print_padded(tr(c, "INTERVENTION", "INTERVENTIE"), wiv + 2);
            printf("%s\n", tr(c, "NAME", "NAAM"));
        }
        for (i = 0; i < rows.n; i++) {
            const itav_offer *o = rows.v[i];
            print_padded(itav_offer_id(o), wid + 2);
            if (itav_offer_name(o)) { /* no padding at the end of a line */
                print_padded(itav_offer_intervention(o), wiv + 2);
                printf("%s\n", one_line(itav_offer_name(o)));
            } else {
                printf("%s\n", itav_offer_intervention(o));
            }
        }
        printf("%s%zu %s.\n", rows.n ? "\n" : "", rows.n,
               rows.n == 1 ? tr(c, "offer", "aanbod") : tr(c, "offers", "aanbiedingen"));
    }
    vec_free(&rows, (void (*)(void *))itav_offer_free);
    return rc;
}

static int cmd_offer_show(cli *c)
{
    itav_offer *of = NULL;
    itav_plan *plan = NULL;
    itav_intervention *iv = NULL; /* for its access sheet; NULL when it cannot be read */
    itav_db *db;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_offer_get(&of, db, c->args[2]);
    if (rc == ITAV_OK)
        rc = itav_plan_effective(&plan, db, c->args[2]);
    if (rc == ITAV_OK && itav_intervention_get(&iv, db, itav_offer_intervention(of)) != ITAV_OK)
        iv = NULL;
    rc = rc == ITAV_OK ? 0 : lib_error(db, rc);
    itav_close(db);
    if (rc) {
        itav_offer_free(of);
        return rc;
    }
    const itav_plan *own = itav_offer_plan(of);
    if (FLAG(c, JSON)) {
        /* the library's offer object, and the plan in force with where each field comes from */
        json_t *root = joffer(of), *inforce = json_object();
        for (int f = 1; f <= ITAV_PLAN_FIELD_COUNT; f++) {
            long v = itav_plan_get(plan, (itav_plan_field)f);
            json_t *e;
            if (v == ITAV_PLAN_UNSET)
                continue;
            e = json_object();
            json_object_set_new(e, "value", jplan_value(f, v));
            jset_str(e, "source", itav_plan_source(plan, (itav_plan_field)f));
            json_object_set_new(e, "from", json_string(
                itav_plan_get(own, (itav_plan_field)f) != ITAV_PLAN_UNSET ? "offer"
                                                                          : "intervention"));
            json_object_set_new(inforce, itav_code_name(ITAV_CODE_PLAN_FIELD, f), e);
        }
        json_object_set_new(root, "plan_in_force", inforce);
        rc = print_json_reals(root);
    } else {
        char period[2 * ITAV_DATE_BUFSIZE + 8] = "", a[ITAV_DATE_BUFSIZE], b[ITAV_DATE_BUFSIZE];
        char *municipalities = xstrcat3("", "", ""), *t;
        for (size_t i = 0; i < itav_offer_text_count(of, ITAV_TEXT_MUNICIPALITIES); i++) {
            t = xstrcat3(municipalities, i ? ", " : "",
                         itav_offer_text(of, ITAV_TEXT_MUNICIPALITIES, i));
            free(municipalities);
            municipalities = t;
        }
        if (itav_offer_start(of) != ITAV_DATE_NONE || itav_offer_end(of) != ITAV_DATE_NONE)
            snprintf(period, sizeof period, "%s %s %s",
                     itav_offer_start(of) != ITAV_DATE_NONE ? date_text(a, itav_offer_start(of))
                                                            : "...",
                     tr(c, "to", "tot en met"),
                     itav_offer_end(of) != ITAV_DATE_NONE ? date_text(b, itav_offer_end(of))
                                                          : "...");
        printf("%s %s\n", tr(c, "Offer", "Aanbod"), itav_offer_id(of));
        print_field(tr(c, "Intervention:", "Interventie:"), itav_offer_intervention(of));
        print_field(tr(c, "Name:", "Naam:"), itav_offer_name(of));
        print_field(tr(c, "Municipalities:", "Gemeenten:"), municipalities);
        print_field(tr(c, "Region:", "Regio:"), itav_offer_region(of));
        print_field(tr(c, "Provider:", "Aanbieder:"), itav_offer_provider(of));
        print_field(tr(c, "Period:", "Periode:"), period);
        print_long_field(tr(c, "Contact:", "Contact:"), itav_offer_contact(of));
        print_field(tr(c, "Programme:", "Programma:"), itav_offer_programme(of));
        free(municipalities);
        if (itav_offer_access(of)) {
            printf("\n%s\n", tr(c, "Who this offer is for and how people reach it:",
                                 "Voor wie dit aanbod is en hoe mensen het bereiken:"));
            print_access(c, itav_offer_access(of), "  ");
        }
        if (iv && itav_intervention_access(iv)) {
            printf("\n%s\n", tr(c, "From the intervention, wherever it runs:",
                                 "Van de interventie, waar die ook loopt:"));
            print_access(c, itav_intervention_access(iv), "  ");
        }
        if (itav_offer_milestone_count(of)) {
            printf("\n%s\n", tr(c, "Status and milestones:", "Stand van zaken en mijlpalen:"));
            print_milestones(c, of, "  ");
        }
        if (itav_offer_figure_count(of, ITAV_FIGURES_CAPACITY)) {
            printf("\n%s\n", tr(c, "Capacity:", "Capaciteit:"));
            for (size_t i = 0; i < itav_offer_figure_count(of, ITAV_FIGURES_CAPACITY); i++)
                print_figure(c, itav_offer_figure(of, ITAV_FIGURES_CAPACITY, i));
        }
        if (itav_offer_cost_count(of)) {
            printf("\n%s\n", tr(c, "Costs and funding:", "Kosten en financiering:"));
            for (size_t i = 0; i < itav_offer_cost_count(of); i++)
                print_cost(c, itav_offer_cost(of, i));
        }
        printf("\n%s\n", tr(c, "Match plan in force:", "Geldend koppelplan:"));
        for (int f = 1; f <= ITAV_PLAN_FIELD_COUNT; f++) {
            long v = itav_plan_get(plan, (itav_plan_field)f);
            const char *src = itav_plan_source(plan, (itav_plan_field)f);
            char num[32], *text;
            printf("  ");
            print_padded(itav_code_name(ITAV_CODE_PLAN_FIELD, f), 18);
            if (v == ITAV_PLAN_UNSET) {
                printf("%s\n", tr(c, "(not set)", "(niet vastgelegd)"));
                continue;
            }
            if (plan_field_is_flag(f))
                text = xstrcat3(v ? tr(c, "yes", "ja") : tr(c, "no", "nee"), "", "");
            else if (f == ITAV_PLAN_CRITERIA)
                text = criteria_text(v);
            else
                text = (snprintf(num, sizeof num, "%ld", v), xstrcat3(num, "", ""));
            print_padded(text, strlen(text) + 2 > 12 ? strlen(text) + 2 : 12);
            printf("(%s%s%s)\n",
                   itav_plan_get(own, (itav_plan_field)f) != ITAV_PLAN_UNSET
                       ? tr(c, "set by this offer", "van dit aanbod")
                       : tr(c, "from the intervention", "van de interventie"),
                   src ? ", " : "", src ? src : "");
            free(text);
        }
    }
    itav_plan_free(plan);
    itav_intervention_free(iv);
    itav_offer_free(of);
    return rc;
}

static int cmd_offer_add(cli *c)
{
    itav_offer *of = NULL;
    itav_db *db;
    int rc;

    if (!OPTV(c, INTERVENTION))
        return missing_option("intervention", "offer add", "the intervention it implements");
    if ((rc = itav_offer_new(&of, c->args[2], OPTV(c, INTERVENTION))) != ITAV_OK)
        return data_error("cannot make offer \"%s\" of intervention \"%s\": %s (an id is "
                          "lower-case letters, digits and hyphens)", c->args[2],
                          OPTV(c, INTERVENTION), itav_strerror(rc));
    if ((rc = open_store(&db, c, 0)) != 0) {
        itav_offer_free(of);
        return rc;
    }
    if ((rc = apply_options(of, c, db)) == 0 && (rc = itav_offer_create(db, of)) != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0)
        printf(tr(c, "Added offer %s of %s.\n", "Aanbod %s van %s toegevoegd.\n"),
               itav_offer_id(of), itav_offer_intervention(of));
    itav_offer_free(of);
    return rc;
}

static int cmd_offer_update(cli *c)
{
    itav_offer *of = NULL;
    itav_db *db;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_offer_get(&of, db, c->args[2]);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    else if ((rc = apply_options(of, c, db)) == 0 && (rc = itav_offer_update(db, of)) != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0)
        printf(tr(c, "Updated offer %s.\n", "Aanbod %s bijgewerkt.\n"), itav_offer_id(of));
    itav_offer_free(of);
    return rc;
}

#define OFFER_FIELD_OPTS                                                                      \
    {OPT_NAME, "the local name (\"\" clears it)"},                                            \
        {OPT_MUNICIPALITY, "a municipality where it runs (repeatable; replaces the list)"},   \
        {OPT_REGION, "the region (\"\" clears it)"},                                          \
        {OPT_PROVIDER, "the local organisation (\"\" clears it)"},                            \
        {OPT_CONTACT, "the local contact point, an organisation or role (\"\" clears it)"},   \
        {OPT_FROM, "the first day of the period described (\"\" clears it)"},                \
        {OPT_TO, "the last day of the period (\"\" clears it)"},                              \
        {OPT_PROGRAMME, "the programme it is part of, another offer (\"\" clears it)"},       \
        {OPT_PLAN, "a field of the match plan the offer overrides: yes|no, a number, "        \
                   "criteria as codes joined by commas, or unset (repeatable)"}

const command_group offer_group = {
    "offer", false, "Offers",
    (const command[]){
        {"list", {NULL, NULL}, "[--intervention ID] [--municipality M] [--json]",
         "list offers by id",
         (const cmd_opt[]){
             {OPT_INTERVENTION, "only offers of intervention ID"},
             {OPT_MUNICIPALITY, "only offers that name municipality M"},
             {OPT_JSON, "machine-readable output (the library's offer objects)"},
             {0, NULL}},
         cmd_offer_list},
        {"show", {"OFFER", NULL}, "OFFER [--json]",
         "one offer and the match plan in force, with where each field comes from",
         (const cmd_opt[]){{OPT_JSON, "machine-readable output (see docs/cli.md)"}, {0, NULL}},
         cmd_offer_show},
        {"add", {"OFFER", NULL},
         "OFFER --intervention ID [--name T] [--municipality M]... [--region R]\n"
         "[--provider T] [--contact T] [--from D] [--to D] [--programme OFFER]\n"
         "[--plan FIELD=VALUE]...",
         "add an offer of an intervention",
         (const cmd_opt[]){{OPT_INTERVENTION, "the intervention it implements (required)"},
                           OFFER_FIELD_OPTS,
                           {0, NULL}},
         cmd_offer_add},
        {"update", {"OFFER", NULL},
         "OFFER [--name T] [--municipality M]... [--region R] [--provider T]\n"
         "[--contact T] [--from D] [--to D] [--programme OFFER] [--plan FIELD=VALUE]...",
         "change the fields given of an offer; the others stay",
         (const cmd_opt[]){OFFER_FIELD_OPTS, {0, NULL}},
         cmd_offer_update},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
