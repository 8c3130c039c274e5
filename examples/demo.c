/*
 * itav-demo [DIR]: a tour of libitav.
 *
 * Creates a SQLite store in DIR (default: a fresh temporary directory), loads the built-in
 * catalogue, and prints the element table of the thirteen examples of "De kracht van het
 * gewone" (seed 001) computed from the store: the interventions whose profile in use comes
 * from the seed's summary table, in the table's own order. Where the examples' own sections
 * say something else, the cell is marked. A portfolio line counts how many of the thirteen
 * have each element.
 *
 * Then a generated, deterministic matching scenario in the spirit of seed 002 (Buurtgezinnen
 * Zuid-Kennemerland: asking and support families in Haarlem, Heemstede, Bloemendaal and
 * Zandvoort; references only, no real people): the match plan with its seed references, the
 * best suggestions for one family with their breakdown, an assignment (dry run, with why
 * families stay unmatched, then written), and one match taken through its lifecycle with what
 * falls due along the way and its audit trail. The reference date is fixed (2021-03-01), so
 * the output is the same on every run. Finally the store is exported to DIR/itav-export.json.
 */
#include <itav.h>

#include "pairs.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_ROWS 64

static int fail(itav_db *db, int rc, const char *what)
{
    const char *msg = db ? itav_errmsg(db) : "";
    fprintf(stderr, "itav-demo: %s: %s\n", what, msg && *msg ? msg : itav_strerror(rc));
    return 2;
}

/* The seed line of an intervention's row in the summary table (for the table's order). */
static long table_line(const itav_intervention *iv)
{
    const char *ref = itav_intervention_element_source(iv, ITAV_PROFILE_TABLE,
                                                       ITAV_ELEMENT_INFORMAL_SUPPORT);
    const char *l = ref ? strstr(ref, ":L") : NULL;
    return l ? strtol(l + 2, NULL, 10) : 0;
}

static int by_table_line(const void *a, const void *b)
{
    long la = table_line(*(itav_intervention *const *)a);
    long lb = table_line(*(itav_intervention *const *)b);
    return (la > lb) - (la < lb);
}

static char cell(itav_status st)
{
    return st == ITAV_STATUS_PRESENT ? '+' : st == ITAV_STATUS_ABSENT ? '-' : '?';
}

/* ---- the matching scenario -------------------------------------------------------------- */

#define OFFER "buurtgezinnen-zuid-kennemerland"
#define N_ASKING 12
#define N_SUPPORTING 10

/* A fixed-seed generator (xorshift32): the same scenario on every machine. */
static uint32_t rng_state = 26u;

static uint32_t rng_next(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

/* A whole number from 0 to n - 1. */
static int rng_below(int n)
{
    return (int)(rng_next() % (uint32_t)n);
}

/* A number from -1 to 1. */
static double rng_signed(void)
{
    return rng_next() / 2147483648.0 - 1.0;
}

struct town {
    const char *name, *postcode;
    double lat, lon; /* approximate centre */
};

static const struct town towns[] = {
    {"Haarlem", "2011", 52.381, 4.637},
    {"Heemstede", "2101", 52.353, 4.621},
    {"Bloemendaal", "2061", 52.404, 4.626},
    {"Zandvoort", "2041", 52.372, 4.531},
};

/* Where the families live, town by town (index into towns). */
static const int asking_towns[N_ASKING] = {0, 0, 1, 3, 0, 2, 1, 0, 3, 2, 0, 1};
static const int supporting_towns[N_SUPPORTING] = {0, 1, 0, 2, 3, 0, 1, 2, 0, 3};

/* The kinds of support seed 002 names (002:L22): a child for a fixed afternoon a week,
 * regular sleepovers, going along to football and parents' evenings. Each need comes with
 * the dayparts it takes. */
struct need {
    unsigned support;
    uint32_t slots;
    const char *interest; /* what the child likes, or NULL */
};

static const struct need needs[] = {
    {ITAV_SUPPORT_DAYTIME_CARE, ITAV_SLOT(2, ITAV_AFTERNOON), NULL},  /* Wednesday afternoon */
    {ITAV_SUPPORT_DAYTIME_CARE, ITAV_SLOT(4, ITAV_AFTERNOON), NULL},  /* Friday afternoon */
    {ITAV_SUPPORT_SLEEPOVER, ITAV_SLOT(4, ITAV_EVENING), NULL},       /* a Friday night */
    {ITAV_SUPPORT_SLEEPOVER, ITAV_SLOT(5, ITAV_EVENING), NULL},       /* a Saturday night */
    {ITAV_SUPPORT_ACCOMPANY, ITAV_SLOT(5, ITAV_MORNING), "football"}, /* Saturday match */
    {ITAV_SUPPORT_ACCOMPANY, ITAV_SLOT(1, ITAV_EVENING), NULL},       /* parents' evenings */
};
#define N_NEEDS (sizeof needs / sizeof needs[0])

static const char *const other_languages[] = {"ar", "tr", "pl", "en"};
static const char *const interests[] = {"swimming", "music", "nature", "crafts"};

static int set_place(itav_participant *p, int town)
{
    const struct town *t = &towns[town];
    int rc = itav_participant_set_municipality(p, t->name);
    if (!rc)
        rc = itav_participant_set_postcode(p, t->postcode);
    if (!rc) /* about 1.5 km around the centre */
        rc = itav_participant_set_location(p, t->lat + 0.013 * rng_signed(),
                                           t->lon + 0.02 * rng_signed());
    return rc;
}

/* Registers a participant and takes them through intake and approval to waiting or
 * available, as a coordinator would. */
static int enrol(itav_db *db, const itav_participant *p, int32_t registered)
{
    static const itav_participant_status steps[] = {ITAV_PSTATUS_INTAKE,
                                                    ITAV_PSTATUS_APPROVED, 0};
    const char *ref = itav_participant_ref(p);
    size_t i;
    int rc = itav_participant_create(db, p);
    for (i = 0; rc == ITAV_OK && i < 3; i++) {
        itav_participant_status to = steps[i] ? steps[i]
                                     : itav_participant_side(p) == ITAV_SIDE_ASKING
                                         ? ITAV_PSTATUS_WAITING
                                         : ITAV_PSTATUS_AVAILABLE;
        rc = itav_participant_set_status(db, ref, to, registered + 7 * (int32_t)(i + 1));
    }
    return rc;
}

static int make_asking(itav_db *db, int i, int32_t ref_date)
{
    char ref[32];
    itav_participant *p = NULL;
    const struct need *n1 = &needs[rng_below((int)N_NEEDS)];
    const struct need *n2 = rng_below(3) == 0 ? &needs[rng_below((int)N_NEEDS)] : n1;
    int32_t registered = ref_date - 30 - rng_below(240);
    int k, children = 1 + rng_below(3), rc;

    snprintf(ref, sizeof ref, "zk-vraag-%02d", i + 1);
    rc = itav_participant_new(&p, ref, OFFER, ITAV_PARTICIPANT_FAMILY);
    if (!rc)
        rc = set_place(p, asking_towns[i]);
    if (!rc)
        rc = itav_participant_set_support(p, n1->support | n2->support);
    if (!rc)
        rc = itav_participant_set_availability(p, n1->slots | n2->slots);
    if (!rc && i == 5) { /* speaks Arabic only: needs a support family that does too */
        rc = itav_participant_add_language(p, "ar");
        if (!rc)
            rc = itav_participant_set_language_required(p, 1);
    } else if (!rc) {
        rc = itav_participant_add_language(p, "nl");
        if (!rc && rng_below(3) == 0)
            rc = itav_participant_add_language(p, other_languages[rng_below(4)]);
    }
    if (!rc && i == 8) /* wants support within walking distance */
        rc = itav_participant_set_max_distance(p, 1500);
    if (!rc && (n1->interest || n2->interest))
        rc = itav_participant_add_interest(p, "football");
    if (!rc)
        rc = itav_participant_add_interest(p, interests[rng_below(4)]);
    for (k = 0; !rc && k < children; k++) /* 0 to 14 years */
        rc = itav_participant_add_child(p, 2 + rng_below(168));
    if (!rc)
        rc = itav_participant_set_registered(p, registered);
    if (!rc)
        rc = enrol(db, p, registered);
    itav_participant_free(p);
    return rc;
}

static int make_supporting(itav_db *db, int i, int32_t ref_date)
{
    char ref[32];
    itav_participant *p = NULL;
    int32_t registered = ref_date - 60 - rng_below(300);
    unsigned support = 0;
    uint32_t slots = 0;
    int k, offers = 1 + rng_below(2), young = rng_below(2), rc;

    snprintf(ref, sizeof ref, "zk-steun-%02d", i + 1);
    rc = itav_participant_new(&p, ref, OFFER, ITAV_PARTICIPANT_SUPPORT_FAMILY);
    if (!rc)
        rc = set_place(p, supporting_towns[i]);
    for (k = 0; k < offers; k++) {
        const struct need *n = &needs[rng_below((int)N_NEEDS)];
        support |= n->support;
        slots |= n->slots;
    }
    if (!rc)
        rc = itav_participant_set_support(p, support);
    if (!rc) /* and one more daypart they are free */
        rc = itav_participant_set_availability(p, slots | ITAV_SLOT(rng_below(7), rng_below(3)));
    if (!rc)
        rc = itav_participant_add_language(p, "nl");
    if (!rc && rng_below(3) == 0)
        rc = itav_participant_add_language(p, other_languages[rng_below(4)]);
    if (!rc && support & ITAV_SUPPORT_ACCOMPANY)
        rc = itav_participant_add_interest(p, "football");
    if (!rc)
        rc = itav_participant_add_interest(p, interests[rng_below(4)]);
    if (!rc) /* young families take young children; "grandparents" every age */
        rc = itav_participant_set_age_range(p, 0, young ? 96 : 216);
    if (!rc && i != N_SUPPORTING - 1) /* the last one's VOG is still being applied for */
        rc = itav_participant_set_vog_date(p, registered + 20 + rng_below(30));
    if (!rc)
        rc = itav_participant_set_capacity(p, rng_below(5) == 0 ? 2 : 1);
    if (!rc)
        rc = itav_participant_set_registered(p, registered);
    if (!rc)
        rc = enrol(db, p, registered);
    itav_participant_free(p);
    return rc;
}

static const char *date_text(char *buf, int32_t date)
{
    if (date == ITAV_DATE_NONE || itav_date_format(buf, ITAV_DATE_BUFSIZE, date) != ITAV_OK)
        return "-";
    return buf;
}

/* "wed pm, sat am": availability in a few characters a slot. */
static void print_slots(uint32_t slots, int width)
{
    static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static const char *const parts[] = {"am", "pm", "eve"};
    int d, part, n = 0;
    for (d = 0; d < 7; d++)
        for (part = 0; part < 3; part++)
            if (slots & ITAV_SLOT(d, part))
                n += printf("%s%s %s", n ? ", " : "", days[d], parts[part]);
    printf("%*s", n < width ? width - n : 1, "");
}

static void print_support(unsigned support, int width)
{
    int b, n = 0;
    for (b = 1; b <= (int)ITAV_SUPPORT_ALL; b <<= 1)
        if (support & (unsigned)b)
            n += printf("%s%s", n ? ", " : "", itav_code_name(ITAV_CODE_SUPPORT, b));
    printf("%*s", n < width ? width - n : 1, "");
}

static void print_participant_row(const itav_participant *p)
{
    char d[ITAV_DATE_BUFSIZE];
    size_t i, n = itav_participant_language_count(p);
    int w = 0;
    int32_t lo, hi;
    printf("  %-12s%-12s", itav_participant_ref(p), itav_participant_municipality(p));
    print_support(itav_participant_support(p), 24);
    print_slots(itav_participant_availability(p), 26);
    for (i = 0; i < n; i++)
        w += printf("%s%s", i ? " " : "", itav_participant_language(p, i));
    if (itav_participant_language_required(p))
        w += printf(" only");
    printf("%*s", w < 8 ? 8 - w : 1, "");
    if (itav_participant_side(p) == ITAV_SIDE_ASKING) {
        n = itav_participant_child_count(p);
        for (i = 0; i < n; i++) { /* babies in months, the others in years */
            long months = (long)itav_participant_child_age(p, i);
            printf("%s%ld%s", i ? " " : "", months < 24 ? months : months / 12,
                   months < 24 ? "m" : "y");
        }
        if (itav_participant_max_distance(p) > 0)
            printf(", within %g km", itav_participant_max_distance(p) / 1000.0);
    } else {
        itav_participant_age_range(p, &lo, &hi);
        w = printf("%ld-%ldy", (long)lo / 12, (long)hi / 12);
        printf("%*s%-4d%s", 7 - w, "", itav_participant_capacity(p),
               itav_participant_vog_date(p) != ITAV_DATE_NONE
                   ? date_text(d, itav_participant_vog_date(p))
                   : "applied for");
    }
    putchar('\n');
}

static int print_participants(itav_db *db)
{
    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it = NULL;
    itav_participant *p;
    int side, rc = ITAV_OK;
    f.offer = OFFER;
    for (side = ITAV_SIDE_ASKING; rc == ITAV_OK && side <= ITAV_SIDE_SUPPORTING; side++) {
        if (side == ITAV_SIDE_ASKING)
            printf("%d asking families, waiting:\n  %-12s%-12s%-24s%-26s%-8s%s\n", N_ASKING,
                   "ref", "town", "needs", "when", "lang", "children");
        else
            printf("%d support families, available:\n  %-12s%-12s%-24s%-26s%-8s%-7s%-4s%s\n",
                   N_SUPPORTING, "ref", "town", "offers", "when", "lang", "ages", "cap", "VOG");
        f.side = (itav_side)side;
        if ((rc = itav_participant_list(&it, db, &f)) != ITAV_OK)
            break;
        while ((rc = itav_participant_iter_next(&p, it)) == ITAV_OK) {
            print_participant_row(p);
            itav_participant_free(p);
        }
        itav_participant_iter_free(it);
        rc = rc == ITAV_ITEROVER ? ITAV_OK : rc;
    }
    return rc;
}

static int print_plan(itav_db *db)
{
    static const struct {
        itav_plan_field field;
        const char *label, *format;
    } rows[] = {
        {ITAV_PLAN_TRIAL, "trial period", NULL},
        {ITAV_PLAN_TRIAL_MONTHS, "trial length", "%ld months"},
        {ITAV_PLAN_REVIEW_MONTHS, "reviews", "every %ld months"},
        {ITAV_PLAN_MAX_MONTHS, "longest match", "%ld months"},
        {ITAV_PLAN_MAX_DISTANCE_M, "farthest apart", NULL},
        {ITAV_PLAN_VOG, "certificate (VOG)", NULL},
        {ITAV_PLAN_VOG_VALID_MONTHS, "VOG counts for", "%ld months"},
        {ITAV_PLAN_TRAINING, "training", NULL},
    };
    itav_plan *plan = NULL;
    size_t i;
    int rc = itav_plan_effective(&plan, db, OFFER);
    if (rc != ITAV_OK)
        return rc;
    printf("The match plan that holds for %s (seed:line):\n", OFFER);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        long v = itav_plan_get(plan, rows[i].field);
        const char *src = itav_plan_source(plan, rows[i].field);
        char buf[64];
        if (v == ITAV_PLAN_UNSET)
            continue;
        if (rows[i].format)
            snprintf(buf, sizeof buf, rows[i].format, v);
        else if (rows[i].field == ITAV_PLAN_MAX_DISTANCE_M)
            snprintf(buf, sizeof buf, "%g km", v / 1000.0);
        else if (rows[i].field == ITAV_PLAN_TRIAL)
            snprintf(buf, sizeof buf, "%s", v ? "yes" : "no");
        else
            snprintf(buf, sizeof buf, "%s", v ? "required" : "not required");
        printf("  %-18s %-16s %s\n", rows[i].label, buf, src ? src : "");
    }
    itav_plan_free(plan);
    return ITAV_OK;
}

static int print_suggestions(itav_db *db, const char *ref, const itav_match_options *opt)
{
    itav_suggestion_iter *it = NULL;
    itav_suggestion *s;
    int rc = itav_match_suggest(&it, db, ref, 3, opt);
    if (rc != ITAV_OK)
        return rc;
    printf("The three best support families for %s, with the breakdown of each score:\n", ref);
    printf("     %-12s", "supporter");
    pair_print_heads();
    putchar('\n');
    for (int i = 1; (rc = itav_suggestion_iter_next(&s, it)) == ITAV_OK; i++) {
        printf("  %d. %-12s", i, itav_suggestion_supporting(s));
        pair_print_cells(s, ITAV_LANG_EN);
        putchar('\n');
        itav_suggestion_free(s);
    }
    itav_suggestion_iter_free(it);
    if (rc != ITAV_ITEROVER)
        return rc;
    pair_print_legend(ITAV_LANG_EN, opt);
    return ITAV_OK;
}

/* How many support families each hard constraint excludes for one family:
 * "language 9, screening 1". */
static int print_exclusions(itav_db *db, const char *ref, const itav_match_options *opt)
{
    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it = NULL;
    itav_participant *p;
    int count[ITAV_CONSTRAINT_COUNT + 1] = {0}, c, n = 0, rc;
    f.offer = OFFER;
    f.side = ITAV_SIDE_SUPPORTING;
    if ((rc = itav_participant_list(&it, db, &f)) != ITAV_OK)
        return rc;
    while (rc == ITAV_OK && (rc = itav_participant_iter_next(&p, it)) == ITAV_OK) {
        itav_suggestion *s = NULL;
        rc = itav_match_score_pair(&s, db, ref, itav_participant_ref(p), opt);
        if (rc == ITAV_OK && itav_suggestion_excluded(s) <= ITAV_CONSTRAINT_COUNT)
            count[itav_suggestion_excluded(s)]++;
        itav_suggestion_free(s);
        itav_participant_free(p);
    }
    itav_participant_iter_free(it);
    if (rc != ITAV_ITEROVER)
        return rc;
    for (c = 1; c <= ITAV_CONSTRAINT_COUNT; c++)
        if (count[c])
            printf("%s%s %d", n++ ? ", " : "", itav_code_name(ITAV_CODE_CONSTRAINT, c), count[c]);
    return ITAV_OK;
}

/* Why assignment left a family unmatched, from its best allowed pair. */
static int print_unmatched(itav_db *db, const char *ref, const itav_match_options *opt)
{
    itav_suggestion_iter *it = NULL;
    itav_suggestion *best = NULL;
    int rc = itav_match_suggest(&it, db, ref, 1, opt);
    if (rc != ITAV_OK)
        return rc;
    if (itav_suggestion_iter_next(&best, it) != ITAV_OK)
        best = NULL;
    itav_suggestion_iter_free(it);
    printf("  %-12s ", ref);
    if (!best) {
        printf("no support family passes the hard constraints (");
        rc = print_exclusions(db, ref, opt);
        printf(")\n");
    } else if (itav_suggestion_score(best) < opt->min_score)
        printf("best pair, with %s, scores %.3f: below the minimum %.2f\n",
               itav_suggestion_supporting(best), itav_suggestion_score(best), opt->min_score);
    else
        printf("the families that fit (best %s, %.3f) add more in other pairs\n",
               itav_suggestion_supporting(best), itav_suggestion_score(best));
    itav_suggestion_free(best);
    return rc;
}

static int print_assignment(itav_db *db, const itav_assignment *a,
                            const itav_match_options *opt)
{
    size_t i, n = itav_assignment_count(a), nu = itav_assignment_unmatched_count(a);
    int rc = ITAV_OK;
    printf("  %-12s %-12s", "asking", "supporter");
    pair_print_heads();
    putchar('\n');
    for (i = 0; i < n; i++) {
        const itav_suggestion *s = itav_assignment_pair(a, i);
        printf("  %-12s %-12s", itav_suggestion_asking(s), itav_suggestion_supporting(s));
        pair_print_cells(s, ITAV_LANG_EN);
        putchar('\n');
    }
    printf("  %zu pairs, total score %.3f; %s", n, itav_assignment_total(a),
           nu ? "unmatched:\n" : "nobody unmatched.\n");
    for (i = 0; rc == ITAV_OK && i < nu; i++)
        rc = print_unmatched(db, itav_assignment_unmatched(a, i), opt);
    return rc;
}

static int print_due(itav_db *db, int32_t as_of, int within)
{
    itav_due_iter *it = NULL;
    itav_due *d;
    char d1[ITAV_DATE_BUFSIZE];
    int rc = itav_match_due(&it, db, OFFER, as_of, within), n = 0;
    if (rc != ITAV_OK)
        return rc;
    printf("  Due as of %s", date_text(d1, as_of));
    if (within)
        printf(" or within %d days", within);
    printf(":\n");
    while ((rc = itav_due_iter_next(&d, it)) == ITAV_OK) {
        int late = itav_due_overdue_days(d);
        n++;
        printf("    %s  %s  %-18s", date_text(d1, itav_due_date(d)), itav_due_match(d),
               itav_code_name(ITAV_CODE_DUE_KIND, (int)itav_due_get_kind(d)));
        if (late > 0)
            printf("%d days overdue\n", late);
        else if (late == 0)
            printf("today\n");
        else
            printf("in %d days\n", -late);
        itav_due_free(d);
    }
    itav_due_iter_free(it);
    if (!n)
        printf("    nothing\n");
    return rc == ITAV_ITEROVER ? ITAV_OK : rc;
}

static int print_trail(itav_db *db, const char *id)
{
    itav_match *m = NULL;
    char d[ITAV_DATE_BUFSIZE];
    size_t i, n;
    int rc = itav_match_get(&m, db, id);
    if (rc != ITAV_OK)
        return rc;
    n = itav_match_transition_count(m);
    printf("Audit trail of %s, never rewritten:\n", id);
    for (i = 0; i < n; i++) {
        itav_match_state st;
        int32_t date;
        itav_actor actor;
        const char *note;
        itav_match_transition(m, i, &st, &date, &actor, &note);
        printf("  %s  %-11s %-*s%s\n", date_text(d, date),
               itav_code_name(ITAV_CODE_MATCH_STATE, (int)st), note ? 12 : 0,
               itav_code_name(ITAV_CODE_ACTOR, (int)actor), note ? note : "");
    }
    itav_match_free(m);
    return ITAV_OK;
}

static int ymd(int y, int m, int d)
{
    int32_t out = ITAV_DATE_NONE;
    itav_date_from_ymd(&out, y, m, d);
    return out;
}

/* ---- reviews ---------------------------------------------------------------------------- */

/* An effect category with its score; lists of them end with {0, 0}. */
struct effect_score {
    itav_effect effect;
    int score;
};

/* Records one review. effects may be NULL; mark 0 is "not given". */
static int add_review(itav_db *db, const char *match, itav_review_kind kind, int32_t date,
                      itav_respondent who, int mark, const struct effect_score *effects,
                      itav_formal_help help, const char *safety_note)
{
    itav_review *r = NULL;
    int rc = itav_review_new(&r, kind, date, who);
    if (rc == ITAV_OK && mark)
        rc = itav_review_set_satisfaction(r, mark);
    for (; rc == ITAV_OK && effects && effects->effect; effects++)
        rc = itav_review_set_effect(r, effects->effect, effects->score);
    if (rc == ITAV_OK && help)
        rc = itav_review_set_formal_help(r, help);
    if (rc == ITAV_OK && safety_note)
        rc = itav_review_set_safety(r, 1, safety_note);
    if (rc == ITAV_OK)
        rc = itav_review_add(NULL, db, match, r);
    itav_review_free(r);
    return rc;
}

/* "prevented; rest +2, network +1": what a final review found. */
static void print_outcome(itav_formal_help help, const struct effect_score *effects)
{
    int n = 0;
    printf("formal help %s", itav_code_name(ITAV_CODE_FORMAL_HELP, (int)help));
    for (; effects && effects->effect; effects++)
        printf("%s%s %+d", n++ ? ", " : "; ",
               itav_code_name(ITAV_CODE_EFFECT, (int)effects->effect), effects->score);
}

/* A coordinator's move of a match. */
static int move(itav_db *db, const char *id, itav_match_state to, int32_t date,
                itav_end_reason reason, const char *note)
{
    return itav_match_advance(db, id, to, date, ITAV_ACTOR_COORDINATOR, reason, note);
}

/* The trial evaluation: both families give their mark (002:L77). */
static int trial_reviews(itav_db *db, const char *id, int32_t date, int asking, int supporting)
{
    int rc = add_review(db, id, ITAV_REVIEW_TRIAL, date, ITAV_RESPONDENT_ASKING, asking, NULL, 0,
                        NULL);
    if (rc == ITAV_OK)
        rc = add_review(db, id, ITAV_REVIEW_TRIAL, date, ITAV_RESPONDENT_SUPPORTING, supporting,
                        NULL, 0, NULL);
    return rc;
}

/* One match from introduction to completion, with its reviews and what falls due along the
 * way. */
static int lifecycle(itav_db *db, const char *id, const char *asking, const char *supporting)
{
    static const struct {
        itav_match_state state;
        int y, m, d;
        const char *note;
    } moves[] = {
        {ITAV_MATCH_INTRODUCED, 2021, 3, 15, "extensive introduction; both families want to go on"},
        {ITAV_MATCH_TRIAL, 2021, 4, 1, "agreements made, house rules signed (002:L77)"},
        {ITAV_MATCH_ACTIVE, 2021, 6, 1, "trial evaluated: it clicks"},
    };
    static const struct effect_score effects[] = {
        {ITAV_EFFECT_CAREFREE_CHILDHOOD, 1}, {ITAV_EFFECT_REST, 2}, {ITAV_EFFECT_NETWORK, 1},
        {0, 0}};
    static const int periodic[][3] = {{2021, 12, 1}, {2022, 6, 1}, {2022, 12, 1}};
    char d[ITAV_DATE_BUFSIZE];
    int32_t closure = ymd(2023, 4, 1);
    size_t i;
    int rc = ITAV_OK;
    printf("Match %s (%s with %s) through its lifecycle:\n", id, asking, supporting);
    for (i = 0; rc == ITAV_OK && i < sizeof moves / sizeof moves[0]; i++) {
        int32_t date = ymd(moves[i].y, moves[i].m, moves[i].d);
        if (moves[i].state == ITAV_MATCH_ACTIVE) { /* a week before the trial evaluation */
            rc = print_due(db, date - 7, 14);
            if (rc == ITAV_OK)
                rc = trial_reviews(db, id, date, 8, 9);
            if (rc == ITAV_OK)
                printf("  %s  trial reviews: satisfaction 8 (asking), 9 (supporting)\n",
                       date_text(d, date));
        }
        if (rc == ITAV_OK)
            rc = move(db, id, moves[i].state, date, 0, moves[i].note);
        if (rc == ITAV_OK)
            printf("  %s  -> %s\n", date_text(d, date),
                   itav_code_name(ITAV_CODE_MATCH_STATE, (int)moves[i].state));
    }
    if (rc == ITAV_OK)
        rc = print_due(db, ymd(2021, 11, 24), 14);
    for (i = 0; rc == ITAV_OK && i < sizeof periodic / sizeof periodic[0]; i++)
        rc = add_review(db, id, ITAV_REVIEW_PERIODIC,
                        ymd(periodic[i][0], periodic[i][1], periodic[i][2]),
                        ITAV_RESPONDENT_COORDINATOR, 8, NULL, 0, NULL);
    if (rc == ITAV_OK)
        printf("  2021-12-01, 2022-06-01, 2022-12-01  periodic reviews (coordinator); each "
               "moves the next\n  one six months on, so only the closure falls due at 24 "
               "months:\n");
    if (rc == ITAV_OK)
        rc = print_due(db, closure, 0);
    if (rc == ITAV_OK) { /* a move the lifecycle does not have is refused, and says why */
        int refused = move(db, id, ITAV_MATCH_INTRODUCED, closure, 0, NULL);
        if (refused == ITAV_OK)
            return ITAV_ERROR;
        printf("  Back to introduced? Refused: %s\n", itav_errmsg(db));
    }
    if (rc == ITAV_OK) /* the final review maps the results (002:L118-125) */
        rc = add_review(db, id, ITAV_REVIEW_FINAL, closure, ITAV_RESPONDENT_ASKING, 9, effects,
                        ITAV_HELP_PREVENTED, NULL);
    if (rc == ITAV_OK)
        rc = move(db, id, ITAV_MATCH_COMPLETED, closure, 0, "24 months: ended as planned");
    if (rc == ITAV_OK) {
        printf("  %s  final review (asking, 9): ", date_text(d, closure));
        print_outcome(ITAV_HELP_PREVENTED, effects);
        printf("\n  %s  -> completed\n", date_text(d, closure));
    }
    return rc;
}

/* How the other matches go, in turn: generated outcomes, not figures from a seed. */
static const struct effect_score effects_a[] = {
    {ITAV_EFFECT_REST, 2}, {ITAV_EFFECT_NETWORK, 1}, {0, 0}};
static const struct effect_score effects_b[] = {
    {ITAV_EFFECT_SOCIAL_CONTACTS, 2}, {ITAV_EFFECT_PARENT_CONFIDENCE, 1}, {0, 0}};
static const struct effect_score effects_c[] = {
    {ITAV_EFFECT_BEHAVIOUR, 1}, {ITAV_EFFECT_REST, 1}, {0, 0}};
static const struct effect_score effects_d[] = {{ITAV_EFFECT_REST, -1}, {0, 0}};

static const struct course {
    itav_match_state end;    /* completed, ended_early, active or declined */
    itav_end_reason reason;  /* for ended_early and declined */
    int trial[2];            /* the trial marks of the asking and the supporting side */
    int final;               /* the final mark of the asking side */
    const struct effect_score *effects;
    itav_formal_help help;
    const char *safety_note; /* a concern raised at the first periodic review */
} courses[] = {
    {ITAV_MATCH_COMPLETED, 0, {8, 9}, 9, effects_a, ITAV_HELP_PREVENTED, NULL},
    {ITAV_MATCH_COMPLETED, 0, {7, 8}, 8, effects_b, ITAV_HELP_REDUCED, NULL},
    {ITAV_MATCH_ACTIVE, 0, {8, 8}, 0, NULL, 0, "agreements about bedtimes made again"},
    {ITAV_MATCH_ENDED_EARLY, ITAV_END_MOVED, {6, 7}, 6, effects_d, ITAV_HELP_NONE_NEEDED,
     NULL},
    {ITAV_MATCH_COMPLETED, 0, {9, 8}, 8, effects_c, ITAV_HELP_STOPPED, NULL},
    {ITAV_MATCH_DECLINED, ITAV_END_NO_CLICK, {0, 0}, 0, NULL, 0, NULL},
};
#define N_COURSES (sizeof courses / sizeof courses[0])

/* Where a match ends up after its course, with its reviews; k days after the first match. */
static int run_course(itav_db *db, const char *id, const struct course *cs, int k)
{
    int32_t introduced = ymd(2021, 3, 15) + k, active = ymd(2021, 6, 1) + k;
    int32_t end = ymd(cs->end == ITAV_MATCH_ENDED_EARLY ? 2021 : 2022, 9, 15) + k;
    itav_respondent final_by = cs->end == ITAV_MATCH_ENDED_EARLY ? ITAV_RESPONDENT_COORDINATOR
                                                                 : ITAV_RESPONDENT_ASKING;
    char d[ITAV_DATE_BUFSIZE];
    int rc;

    if (cs->end == ITAV_MATCH_DECLINED) {
        rc = itav_match_advance(db, id, ITAV_MATCH_DECLINED, introduced, ITAV_ACTOR_ASKING,
                                cs->reason, NULL);
        if (rc == ITAV_OK)
            printf("  %s  declined     %s  %s, no reviews\n", id, date_text(d, introduced),
                   itav_code_name(ITAV_CODE_END_REASON, (int)cs->reason));
        return rc;
    }
    rc = move(db, id, ITAV_MATCH_INTRODUCED, introduced, 0, NULL);
    if (rc == ITAV_OK)
        rc = move(db, id, ITAV_MATCH_TRIAL, ymd(2021, 4, 1) + k, 0, NULL);
    if (rc == ITAV_OK)
        rc = trial_reviews(db, id, active, cs->trial[0], cs->trial[1]);
    if (rc == ITAV_OK)
        rc = move(db, id, ITAV_MATCH_ACTIVE, active, 0, NULL);
    if (rc == ITAV_OK && cs->end != ITAV_MATCH_ENDED_EARLY)
        rc = add_review(db, id, ITAV_REVIEW_PERIODIC, ymd(2021, 12, 1) + k,
                        ITAV_RESPONDENT_COORDINATOR, 8, NULL, 0, cs->safety_note);
    if (rc == ITAV_OK && cs->end != ITAV_MATCH_ENDED_EARLY)
        rc = add_review(db, id, ITAV_REVIEW_PERIODIC, ymd(2022, 6, 1) + k,
                        ITAV_RESPONDENT_COORDINATOR, 8, NULL, 0, NULL);
    if (rc == ITAV_OK && cs->end == ITAV_MATCH_ENDED_EARLY)
        rc = move(db, id, ITAV_MATCH_ENDED_EARLY, end, cs->reason, NULL);
    if (rc == ITAV_OK && cs->end != ITAV_MATCH_ACTIVE) /* closed after a final review */
        rc = add_review(db, id, ITAV_REVIEW_FINAL, end, final_by, cs->final, cs->effects,
                        cs->help, NULL);
    if (rc == ITAV_OK && cs->end == ITAV_MATCH_COMPLETED)
        rc = move(db, id, ITAV_MATCH_COMPLETED, end, 0, NULL);
    if (rc != ITAV_OK)
        return rc;
    printf("  %s  %-12s %s  ", id, itav_code_name(ITAV_CODE_MATCH_STATE, (int)cs->end),
           date_text(d, cs->end == ITAV_MATCH_ACTIVE ? active : end));
    if (cs->reason)
        printf("%s; ", itav_code_name(ITAV_CODE_END_REASON, (int)cs->reason));
    printf("trial %d and %d", cs->trial[0], cs->trial[1]);
    if (cs->end == ITAV_MATCH_ACTIVE)
        printf(", 2 periodic%s\n", cs->safety_note ? ", one with a safety concern" : "");
    else {
        printf("; final %d: ", cs->final);
        print_outcome(cs->help, cs->effects);
        putchar('\n');
    }
    return ITAV_OK;
}

/* Every match of the scenario but the first through its course, with reviews. */
static int other_matches(itav_db *db, const char *first)
{
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it = NULL;
    itav_match *m;
    int k = 0, rc;
    f.offer = OFFER;
    if ((rc = itav_match_list(&it, db, &f)) != ITAV_OK)
        return rc;
    printf("\nThe other matches, each through a course of its own (generated, no real "
           "outcomes):\n");
    while (rc == ITAV_OK && (rc = itav_match_iter_next(&m, it)) == ITAV_OK) {
        if (strcmp(itav_match_id(m), first) != 0) {
            rc = run_course(db, itav_match_id(m), &courses[k % (int)N_COURSES], k + 1);
            k++;
        }
        itav_match_free(m);
    }
    itav_match_iter_free(it);
    return rc == ITAV_ITEROVER ? ITAV_OK : rc;
}

static int scenario(itav_db *db)
{
    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT;
    itav_assignment *a = NULL;
    int32_t ref_date = ymd(2021, 3, 1);
    char d[ITAV_DATE_BUFSIZE];
    char first[32] = "", asking[32] = "", supporting[32] = "";
    size_t i;
    int rc = ITAV_OK;

    printf("Buurtgezinnen Zuid-Kennemerland (seed 002): a generated scenario, no real people.\n"
           "Support families are linked to families under strain nearby (002:L15); "
           "today is %s.\n\n", date_text(d, ref_date));
    opt.as_of = ref_date;
    for (i = 0; rc == ITAV_OK && i < N_ASKING; i++)
        rc = make_asking(db, (int)i, ref_date);
    for (i = 0; rc == ITAV_OK && i < N_SUPPORTING; i++)
        rc = make_supporting(db, (int)i, ref_date);
    if (rc == ITAV_OK)
        rc = print_plan(db);
    if (rc == ITAV_OK) {
        putchar('\n');
        rc = print_participants(db);
    }
    if (rc == ITAV_OK) {
        putchar('\n');
        rc = print_suggestions(db, "zk-vraag-01", &opt);
    }
    if (rc == ITAV_OK) {
        printf("\nAssignment of everyone waiting (dry run, in waiting order): the highest total\n"
               "score, each support family within its capacity, nobody paired below score "
               "%.2f:\n", opt.min_score);
        rc = itav_match_assign(&a, db, OFFER, &opt, ITAV_ASSIGN_DRY_RUN, ref_date);
    }
    if (rc == ITAV_OK)
        rc = print_assignment(db, a, &opt);
    itav_assignment_free(a);
    a = NULL;
    if (rc == ITAV_OK)
        rc = itav_match_assign(&a, db, OFFER, &opt, ITAV_ASSIGN_WRITE, ref_date);
    if (rc == ITAV_OK && itav_assignment_count(a) > 0) {
        size_t n = itav_assignment_count(a);
        snprintf(first, sizeof first, "%s", itav_assignment_match_id(a, 0));
        snprintf(asking, sizeof asking, "%s",
                 itav_suggestion_asking(itav_assignment_pair(a, 0)));
        snprintf(supporting, sizeof supporting, "%s",
                 itav_suggestion_supporting(itav_assignment_pair(a, 0)));
        printf("Written as %zu proposed matches, %s to %s.\n\n", n, first,
               itav_assignment_match_id(a, n - 1));
    }
    itav_assignment_free(a);
    if (rc == ITAV_OK && first[0])
        rc = lifecycle(db, first, asking, supporting);
    if (rc == ITAV_OK && first[0])
        rc = print_trail(db, first);
    if (rc == ITAV_OK && first[0])
        rc = other_matches(db, first);
    return rc;
}


/* ---- the element table of seed 001 -------------------------------------------------------- */

static void print_table_rows(itav_intervention *const *rows, size_t n,
                             int count[ITAV_ELEMENT_COUNT + 1])
{
    size_t i;
    int e;
    printf("%-28s", "");
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        printf(" %-2d", e);
    printf("  name\n");
    for (i = 0; i < n; i++) {
        itav_elemset d = itav_intervention_disputed(rows[i]);
        printf("%-28s", itav_intervention_id(rows[i]));
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            itav_status s = itav_intervention_element(rows[i], ITAV_PROFILE_TABLE,
                                                      (itav_element)e);
            if (s == ITAV_STATUS_PRESENT)
                count[e]++;
            printf(" %c%c", cell(s), itav_elemset_has(d, (itav_element)e) ? '*' : ' ');
        }
        printf("  %s\n", itav_intervention_name(rows[i]));
    }
}

/* Where the examples' own sections say otherwise than the table. */
static void print_disputes(itav_intervention *const *rows, size_t n)
{
    size_t i;
    int e;
    printf("\n+ present, - absent, ? unknown; * the example's own sections say otherwise:\n");
    for (i = 0; i < n; i++) {
        itav_elemset d = itav_intervention_disputed(rows[i]);
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            const char *ref;
            if (!itav_elemset_has(d, (itav_element)e))
                continue;
            ref = itav_intervention_element_source(rows[i], ITAV_PROFILE_SECTIONS,
                                                   (itav_element)e);
            printf("  %s, element %d %s: table %c, sections %c%s%s%s\n",
                   itav_intervention_id(rows[i]), e, itav_element_code((itav_element)e),
                   cell(itav_intervention_element(rows[i], ITAV_PROFILE_TABLE, (itav_element)e)),
                   cell(itav_intervention_element(rows[i], ITAV_PROFILE_SECTIONS,
                                                  (itav_element)e)),
                   ref ? " (" : "", ref ? ref : "", ref ? ")" : "");
        }
    }
}

/* The thirteen examples: the interventions whose profile in use is the summary table, in the
 * table's order, with a portfolio line. */
static int element_table(itav_db *db)
{
    itav_intervention *rows[MAX_ROWS], *iv;
    itav_intervention_iter *it = NULL;
    size_t n = 0, i;
    int rc, e, count[ITAV_ELEMENT_COUNT + 1] = {0};
    itav_elemset all = ITAV_ELEMSET_ALL;

    if ((rc = itav_intervention_list(&it, db, NULL)) != ITAV_OK)
        return rc;
    while ((rc = itav_intervention_iter_next(&iv, it)) == ITAV_OK) {
        if (itav_intervention_profile_source(iv) == ITAV_PROFILE_TABLE && n < MAX_ROWS)
            rows[n++] = iv;
        else
            itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    if (rc == ITAV_ITEROVER) {
        rc = ITAV_OK;
        qsort(rows, n, sizeof rows[0], by_table_line);
        printf("The %zu examples of \"De kracht van het gewone\" (seed 001) on the eight "
               "elements,\nas the seed's summary table scores them (computed from the "
               "store):\n\n", n);
        print_table_rows(rows, n, count);
        print_disputes(rows, n);
        printf("\nElements:\n");
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
            printf("  %d  %s\n", e, itav_element_label((itav_element)e, ITAV_LANG_EN));
        for (i = 0; i < n; i++)
            all &= itav_intervention_elements(rows[i], ITAV_PROFILE_TABLE);
        printf("\nPortfolio: of the %zu examples,", n);
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
            printf(" %d have element %d%s", count[e], e, e < ITAV_ELEMENT_COUNT ? "," : ";");
        printf(" all %zu share elements", n);
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
            if (itav_elemset_has(all, (itav_element)e))
                printf(" %d", e);
        printf(".\nThe table describes, it does not rank: more elements is not better "
               "(seed 001, line 2387).\n\n");
    }
    for (i = 0; i < n; i++)
        itav_intervention_free(rows[i]);
    return rc;
}

/* ---- reports and the radar chart ------------------------------------------------------- */

/* A programme report in Markdown, counts below 5 suppressed. */
static int print_report(itav_db *db, const char *offer, int32_t as_of)
{
    itav_report_options opt = ITAV_REPORT_OPTIONS_INIT;
    itav_report *r = NULL;
    char *md = NULL;
    int rc;
    opt.k = 5;
    opt.as_of = as_of;
    rc = itav_report_programme(&r, db, offer, &opt);
    if (rc == ITAV_OK)
        rc = itav_report_write(&md, r, ITAV_REPORT_MARKDOWN);
    if (rc == ITAV_OK)
        printf("%s%s", md, md[0] && md[strlen(md) - 1] == '\n' ? "" : "\n");
    itav_free(md);
    itav_report_free(r);
    return rc;
}

static int reports(itav_db *db)
{
    int rc;
    printf("\nThe programme report of the scenario, as a coordinator could publish it. Counts "
           "from\nparticipants, matches and reviews below 5 show as \"<5\" (and are left out "
           "of totals,\nmeans and shares):\n\n");
    rc = print_report(db, OFFER, ITAV_DATE_NONE);
    if (rc == ITAV_OK) {
        printf("\nThe programme report of ITAV Hoeksche Waard as of 2020-12-31, from the "
               "figures of\nseed 000 in the catalogue (targets for the end of 2022):\n\n");
        rc = print_report(db, "itav-hoeksche-waard-2020", ymd(2020, 12, 31));
    }
    return rc;
}

/* The element profiles of two interventions as an SVG radar chart in a file. */
static int radar_chart(itav_db *db, const char *path)
{
    static const char *const ids[2] = {"buurtgezinnen", "jong-perspectief"};
    itav_portfolio *p[2] = {NULL, NULL};
    char *svg = NULL;
    FILE *f;
    int k, rc = ITAV_OK;
    for (k = 0; rc == ITAV_OK && k < 2; k++) {
        itav_portfolio_filter filter = ITAV_PORTFOLIO_FILTER_INIT;
        filter.ids = &ids[k];
        filter.id_count = 1;
        rc = itav_portfolio_build(&p[k], db, &filter);
    }
    if (rc == ITAV_OK)
        rc = itav_portfolio_svg(&svg, p[0], "Buurtgezinnen", p[1], "Jong Perspectief");
    if (rc == ITAV_OK) {
        f = fopen(path, "w");
        if (!f || fputs(svg, f) < 0 || fclose(f) != 0) {
            fprintf(stderr, "itav-demo: cannot write %s: %s\n", path, strerror(errno));
            rc = ITAV_EIO;
        }
    }
    if (rc == ITAV_OK)
        printf("\nRadar chart of the element profiles of Buurtgezinnen and Jong Perspectief (open "
               "it in a browser):\nSVG:    %s\n", path);
    itav_free(svg);
    itav_portfolio_free(p[0]);
    itav_portfolio_free(p[1]);
    return rc;
}

/* DIR from the command line, or a fresh temporary directory; NULL after a message. */
static const char *demo_dir(int argc, char **argv, char *buf, size_t size)
{
    if (argc == 2) {
        if (mkdir(argv[1], 0700) != 0 && errno != EEXIST) {
            fprintf(stderr, "itav-demo: cannot create %s: %s\n", argv[1], strerror(errno));
            return NULL;
        }
        return argv[1];
    }
    snprintf(buf, size, "%s/itav-demo-XXXXXX",
             getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(buf)) {
        fprintf(stderr, "itav-demo: cannot create %s: %s\n", buf, strerror(errno));
        return NULL;
    }
    return buf;
}

int main(int argc, char **argv)
{
    char dirbuf[4096], uri[4200], export_path[4200], svg_path[4200];
    const char *dir;
    itav_db *db = NULL;
    int rc;
    struct stat st;

    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        fputs("Usage: itav-demo [DIR]\n", stderr);
        return 1;
    }
    if (!(dir = demo_dir(argc, argv, dirbuf, sizeof dirbuf)))
        return 2;
    snprintf(uri, sizeof uri, "sqlite:%s/itav.db", dir);
    snprintf(export_path, sizeof export_path, "%s/itav-export.json", dir);
    snprintf(svg_path, sizeof svg_path, "%s/itav-demo-profile.svg", dir);
    if (stat(uri + 7, &st) == 0) {
        fprintf(stderr, "itav-demo: %s already exists; give a fresh directory\n", uri + 7);
        return 2;
    }

    if ((rc = itav_open(&db, uri)) != ITAV_OK) {
        rc = fail(db, rc, "opening the store");
        itav_close(db);
        return rc;
    }
    if ((rc = itav_catalog_load(db)) != ITAV_OK || (rc = element_table(db)) != ITAV_OK ||
        (rc = scenario(db)) != ITAV_OK || (rc = reports(db)) != ITAV_OK ||
        (rc = radar_chart(db, svg_path)) != ITAV_OK ||
        (rc = itav_export_json_file(db, export_path)) != ITAV_OK) {
        rc = fail(db, rc, uri);
        itav_close(db);
        return rc;
    }
    printf("Export: %s\nStore:  %s\n", export_path, uri + 7);
    itav_close(db);
    return fflush(stdout) == 0 ? 0 : 2;
}
