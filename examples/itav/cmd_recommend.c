/* itav: recommendations: recommend. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    if ((rc = parse_code_arg(&asker, ITAV_CODE_ASKER, OPTV(c, AUDIENCE), "audience")) != 0)
        return rc;
    q->asker = (itav_asker)asker;
    if (OPTV(c, AGE_MONTHS)) {
        if ((rc = option_int(&age, OPTV(c, AGE_MONTHS), "age-months", -1000, 100000)) != 0)
            return rc;
        q->age_months = (int32_t)age;
    }
    for (i = 0; i < MANY(c, NEED)->n; i++) {
        int theme;
        if ((rc = parse_code_arg(&theme, ITAV_CODE_THEME, MANY(c, NEED)->v[i], "need")) != 0)
            return rc;
        q->needs |= (unsigned)theme;
    }
    if (OPTV(c, CHANNEL) && (rc = parse_code_arg(&channel, ITAV_CODE_CHANNEL, OPTV(c, CHANNEL),
                                           "channel")) != 0)
        return rc;
    q->channel = (itav_channel)channel;
    q->municipality = OPTV(c, MUNICIPALITY);
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
        printf(", in %s", one_line(q->municipality));
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
               one_line(x->name ? x->name : itav_recommendation_intervention(x->r)));
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

    if (!OPTV(c, AUDIENCE))
        return missing_option("audience", "recommend", "parent, expecting or youth");
    if ((rc = build_question(&q, c)) != 0)
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = collect_recommendations(&rows, db, &q);
    itav_close(db);
    if (rc == 0 && FLAG(c, JSON))
        rc = print_json(jrecommendations(&q, &rows));
    else if (rc == 0)
        print_recommendations(c, &q, &rows);
    vec_free(&rows, free_recommended);
    return rc;
}


const command_group recommend_group = {
    "recommend", true, "Recommendations",
    (const command[]){
        {"recommend", {NULL, NULL},
         "--audience parent|expecting|youth [--age-months N] [--municipality M]\n"
         "[--need THEME]... [--channel in_person|online|both] [--json]",
         "what fits a question, lightest first",
         (const cmd_opt[]){
             {OPT_AUDIENCE, "who asks: parent, expecting or youth (required)"},
             {OPT_AGE_MONTHS, "the child's age in months (negative during pregnancy)"},
             {OPT_MUNICIPALITY, "list the offers that run in municipality M"},
             {OPT_NEED, "a theme the question is about (repeatable)"},
             {OPT_CHANNEL, "the preferred channel: in_person, online or both"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_recommend},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
