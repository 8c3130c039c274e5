/* itav: matches: suggest, assign, propose, advance, list, show and due. */
#include "cli.h"
#include "pairs.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- matches ---------------------------------------------------------------------------- */

/* How many supporters of the asking participant's offer each hard constraint excludes. */
static int count_exclusions(int counts[ITAV_CONSTRAINT_COUNT + 1], itav_db *db,
                            const char *ref, const char *offer, const itav_match_options *opt)
{
    itav_participant_filter filter = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it = NULL;
    itav_participant *p;
    int rc;
    filter.offer = offer;
    filter.side = ITAV_SIDE_SUPPORTING;
    memset(counts, 0, (ITAV_CONSTRAINT_COUNT + 1) * sizeof counts[0]);
    if ((rc = itav_participant_list(&it, db, &filter)) != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_participant_iter_next(&p, it)) == ITAV_OK) {
        itav_suggestion *s = NULL;
        rc = itav_match_score_pair(&s, db, ref, itav_participant_ref(p), opt);
        itav_participant_free(p);
        if (rc != ITAV_OK)
            break;
        if ((int)itav_suggestion_excluded(s) <= ITAV_CONSTRAINT_COUNT)
            counts[itav_suggestion_excluded(s)]++;
        itav_suggestion_free(s);
    }
    itav_participant_iter_free(it);
    return rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
}

/* "language 9, screening 1". */
static void print_exclusions(const int counts[ITAV_CONSTRAINT_COUNT + 1])
{
    int k, n = 0;
    for (k = 1; k <= ITAV_CONSTRAINT_COUNT; k++)
        if (counts[k])
            printf("%s%s %d", n++ ? ", " : "", itav_code_name(ITAV_CODE_CONSTRAINT, k), counts[k]);
}

static json_t *jexclusions(const int counts[ITAV_CONSTRAINT_COUNT + 1])
{
    json_t *o = json_object();
    int k;
    for (k = 1; k <= ITAV_CONSTRAINT_COUNT; k++)
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
    int rc = 0, excluded[ITAV_CONSTRAINT_COUNT + 1], excluded_known = 0;

    if ((OPTV(c, K) && (rc = option_int(&k, OPTV(c, K), "k", 1, 1000)) != 0) ||
        (rc = option_date(&opt.as_of, OPTV(c, AS_OF), "as-of")) != 0)
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
    if (rc == 0 && rows.n == 0 && !FLAG(c, JSON)) /* say what stands in the way */
        excluded_known = count_exclusions(excluded, db, ref, itav_participant_offer(p),
                                          &opt) == 0;
    itav_close(db);

    if (rc == 0 && FLAG(c, JSON)) {
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
        pair_print_heads();
        putchar('\n');
        for (i = 0; i < rows.n; i++) {
            printf("  %2zu  ", i + 1);
            print_padded(itav_suggestion_supporting(rows.v[i]), w);
            pair_print_cells(rows.v[i], c->lang);
            putchar('\n');
        }
        pair_print_legend(c->lang, &opt);
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
    int excluded[ITAV_CONSTRAINT_COUNT + 1]; /* WHY_NO_SUPPORTER: supporters per constraint */
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
    char a[NUMBER_BUFSIZE], b[NUMBER_BUFSIZE];
    switch (u->why) {
    case WHY_NO_SUPPORTER:
        printf("%s (", tr(c, "no supporter passes the hard constraints",
                          "geen steunende deelnemer voldoet aan de harde eisen"));
        print_exclusions(u->excluded);
        printf(")");
        break;
    case WHY_BELOW_MIN:
        printf(tr(c, "best pair, with %s, scores %s: below the minimum %s",
                  "beste paar, met %s, scoort %s: onder het minimum %s"),
               itav_suggestion_supporting(u->best), num(c, a, itav_suggestion_score(u->best), 3),
               num(c, b, min_score, 2));
        break;
    case WHY_TAKEN:
        printf(tr(c, "the supporters that fit (best %s, %s) add more in other pairs",
                  "wie past (beste %s, %s) draagt meer bij in andere paren"),
               itav_suggestion_supporting(u->best), num(c, a, itav_suggestion_score(u->best), 3));
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
    char score[NUMBER_BUFSIZE];
    printf(tr(c, "Assignment for %s on %s, minimum score %s",
              "Toewijzing voor %s op %s, minimale score %s"),
           offer, date_text(d, date), num(c, score, opt->min_score, 2));
    printf("%s\n\n", written ? tr(c, ": written as proposed matches.",
                                  ": vastgelegd als voorgestelde koppelingen.")
                             : tr(c, " (dry run: nothing written).",
                                  " (proef: niets vastgelegd)."));
    if (n) {
        printf("  ");
        print_padded(tr(c, "ASKING", "VRAAGT"), wa + 2);
        print_padded(tr(c, "SUPPORTER", "STEUNT"), ws);
        pair_print_heads();
        printf("%s\n", written ? tr(c, "  MATCH", "  KOPPELING") : "");
        for (i = 0; i < n; i++) {
            const itav_suggestion *s = itav_assignment_pair(a, i);
            printf("  ");
            print_padded(itav_suggestion_asking(s), wa + 2);
            print_padded(itav_suggestion_supporting(s), ws);
            pair_print_cells(s, c->lang);
            if (written)
                printf("  %s", itav_assignment_match_id(a, i));
            putchar('\n');
        }
        pair_print_legend(c->lang, opt);
        putchar('\n');
    }
    printf(tr(c, "%zu pairs, total score %s.\n", "%zu paren, totale score %s.\n"), n,
           num(c, score, itav_assignment_total(a), 3));
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

    if ((OPTV(c, MIN_SCORE) &&
         (rc = option_fraction(&opt.min_score, OPTV(c, MIN_SCORE), "min-score"))) ||
        (rc = option_date(&date, OPTV(c, DATE), "date")) != 0)
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
    if (rc == 0 && !FLAG(c, DRY_RUN)) {
        rc = itav_match_assign(&written, db, offer, &opt, ITAV_ASSIGN_WRITE, date);
        if (rc != ITAV_OK)
            rc = lib_error(db, rc);
    }
    itav_close(db);
    if (rc == 0 && FLAG(c, JSON))
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

    if ((rc = option_date(&date, OPTV(c, DATE), "date")) != 0 ||
        (OPTV(c, ACTOR) &&
         (rc = parse_code_arg(&actor, ITAV_CODE_ACTOR, OPTV(c, ACTOR), "actor")) != 0))
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_match_propose(&id, db, c->args[2], c->args[3], date, (itav_actor)actor, OPTV(c, NOTE),
                            NULL);
    if (rc == ITAV_OK)
        rc = itav_match_get(&m, db, id);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0) {
        printf(tr(c, "Proposed %s: %s with %s on %s", "Voorgesteld %s: %s met %s op %s"), id,
               c->args[2], c->args[3], date_text(d, date));
        char score[NUMBER_BUFSIZE];
        if (itav_match_score(m) >= 0)
            printf(" (score %s)", num(c, score, itav_match_score(m), 3));
        printf(".\n");
    }
    itav_match_free(m);
    itav_free(id);
    return rc;
}

static int cmd_match_advance(cli *c)
{
    const char *id = c->args[2], *skip = OPTV(c, SKIP_EVALUATION);
    int32_t date;
    int state, actor = ITAV_ACTOR_COORDINATOR, reason = 0, rc;
    char d[ITAV_DATE_BUFSIZE];
    itav_match *m = NULL;
    itav_db *db;

    if ((rc = parse_code_arg(&state, ITAV_CODE_MATCH_STATE, c->args[3], "match state")) != 0 ||
        (rc = option_date(&date, OPTV(c, DATE), "date")) != 0 ||
        (OPTV(c, ACTOR) &&
         (rc = parse_code_arg(&actor, ITAV_CODE_ACTOR, OPTV(c, ACTOR), "actor")) != 0) ||
        (OPTV(c, REASON) &&
         (rc = parse_code_arg(&reason, ITAV_CODE_END_REASON, OPTV(c, REASON), "reason")) != 0))
        return rc;
    if (skip && state != ITAV_MATCH_ACTIVE)
        return usage_error("--skip-evaluation applies only to a move to active");
    if (skip && (OPTV(c, NOTE) || OPTV(c, REASON)))
        return usage_error("--skip-evaluation takes its own note; --%s does not apply with it",
                           OPTV(c, NOTE) ? "note" : "reason");
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_match_get(&m, db, id);
    if (rc == ITAV_OK && skip)
        rc = itav_match_skip_evaluation(db, id, date, (itav_actor)actor, skip);
    else if (rc == ITAV_OK)
        rc = itav_match_advance(db, id, (itav_match_state)state, date, (itav_actor)actor,
                                (itav_end_reason)reason, OPTV(c, NOTE));
    if (rc != ITAV_OK) {
        /* trial -> active is a legal move: refused, it lacks the trial evaluation */
        int no_evaluation = rc == ITAV_ESTATE && !skip && state == ITAV_MATCH_ACTIVE &&
                            itav_match_get_state(m) == ITAV_MATCH_TRIAL;
        rc = lib_error(db, rc);
        if (no_evaluation)
            fprintf(stderr, tr(c, "itav: record the evaluation first (itav review add %s --kind "
                                  "trial ...), or move on without it: itav match advance %s "
                                  "active --skip-evaluation NOTE\n",
                               "itav: leg eerst de evaluatie vast (itav review add %s --kind "
                               "trial ...), of ga verder zonder: itav match advance %s active "
                               "--skip-evaluation NOTITIE\n"), id, id);
    }
    itav_close(db);
    if (rc == 0) {
        printf("%s: %s -> %s %s %s (%s", id,
               itav_code_name(ITAV_CODE_MATCH_STATE, (int)itav_match_get_state(m)), c->args[3],
               tr(c, "on", "op"), date_text(d, date), itav_code_name(ITAV_CODE_ACTOR, actor));
        if (reason)
            printf(", %s", itav_code_name(ITAV_CODE_END_REASON, reason));
        if (skip)
            printf(", %s", tr(c, "trial evaluation skipped", "evaluatie proeftijd overgeslagen"));
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
        char since[ITAV_DATE_BUFSIZE], score[NUMBER_BUFSIZE];
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
            printf("%s\n", num(c, score, itav_match_score(m), 3));
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

    if (OPTV(c, STATE)) {
        if ((rc = parse_code_arg(&v, ITAV_CODE_MATCH_STATE, OPTV(c, STATE), "match state")) != 0)
            return rc;
        filter.state = (itav_match_state)v;
    }
    filter.offer = OPTV(c, OFFER);
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = check_offer(db, OPTV(c, OFFER))) == 0) {
        rc = itav_match_list(&it, db, &filter);
        if (rc == ITAV_OK) {
            while ((rc = itav_match_iter_next(&m, it)) == ITAV_OK)
                vec_push(&rows, m);
            itav_match_iter_free(it);
        }
        rc = rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
    }
    itav_close(db);
    if (rc == 0 && FLAG(c, JSON)) {
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
    char d[ITAV_DATE_BUFSIZE], buf[64], score[NUMBER_BUFSIZE];
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
        snprintf(buf, sizeof buf, "%s %s", num(c, score, itav_match_score(m), 3),
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
            printf("%s\n", one_line(note));
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
    if (rc == 0 && FLAG(c, JSON))
        rc = print_json_reals(jmatch(m));
    else if (rc == 0)
        show_match_text(c, m);
    itav_match_free(m);
    return rc;
}

/* The match a due item is about (read_due). */
static void *fetch_match(int *rc, itav_db *db, const itav_due *e)
{
    itav_match *m = NULL;
    *rc = itav_match_get(&m, db, itav_due_match(e));
    return m;
}

static int cmd_match_due(cli *c)
{
    vec items = {0}, matches = {0};
    int32_t as_of;
    long within = 0;
    size_t i;
    int rc = read_due(&items, &matches, &as_of, &within, c, itav_match_due, fetch_match);

    if (rc == 0 && FLAG(c, JSON)) {
        json_t *arr = json_array();
        for (i = 0; i < items.n; i++) {
            const itav_match *m = matches.v[i];
            json_t *e = jdue("match", itav_due_match(items.v[i]), items.v[i]);
            jset_str(e, "offer", itav_match_offer(m));
            jset_str(e, "asking", itav_match_asking(m));
            jset_str(e, "supporting", itav_match_supporting(m));
            jset_str(e, "state", itav_code_name(ITAV_CODE_MATCH_STATE,
                                                (int)itav_match_get_state(m)));
            if (itav_due_get_kind(items.v[i]) == ITAV_DUE_PROPOSAL) {
                json_object_set_new(e, "proposed", jdate(itav_due_since(items.v[i])));
                json_object_set_new(e, "waited_days",
                                    json_integer(as_of - itav_due_since(items.v[i])));
            }
            json_array_append_new(arr, e);
        }
        rc = print_json_reals(arr);
    } else if (rc == 0) {
        print_due_heading(c, as_of, within, items.n);
        for (i = 0; i < items.n; i++) {
            const itav_due *e = items.v[i];
            const itav_match *m = matches.v[i];
            print_due_item(c, e, itav_due_match(e));
            printf("%s %s %s", itav_match_asking(m), tr(c, "with", "met"),
                   itav_match_supporting(m));
            if (itav_due_get_kind(e) == ITAV_DUE_PROPOSAL) {
                char d[ITAV_DATE_BUFSIZE];
                long waited = (long)as_of - itav_due_since(e);
                printf(tr(c, " (proposed %s, waiting %ld day%s)",
                          " (voorgesteld %s, wacht %ld dag%s)"),
                       date_text(d, itav_due_since(e)), waited,
                       waited == 1 ? "" : tr(c, "s", "en"));
            }
            printf("\n");
        }
    }
    vec_free(&matches, free_match);
    vec_free(&items, free_due);
    return rc;
}


const command_group match_group = {
    "match", false, "Matches",
    (const command[]){
        {"suggest", {"REF", NULL}, "REF [--k N] [--as-of D] [--json]",
         "the best supporters for one asking participant",
         (const cmd_opt[]){
             {OPT_K, "how many supporters (default 5, at most 1000)"},
             {OPT_AS_OF, "the date waiting time and certificates are judged by (default today)"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_match_suggest},
        {"assign", {"OFFER", NULL}, "OFFER [--dry-run] [--date D] [--min-score X] [--json]",
         "the best matches for everyone waiting in an offer",
         (const cmd_opt[]){
             {OPT_DRY_RUN, "show the matches without writing them"},
             {OPT_DATE, "the date of the proposals and of judging (default today)"},
             {OPT_MIN_SCORE, "nobody is paired below this score, 0 to 1 (default 0.4)"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_match_assign},
        {"propose", {"ASKING", "SUPPORTING"}, "ASKING SUPPORTING [--date D] [--actor A] [--note T]",
         "propose one match by hand",
         (const cmd_opt[]){
             {OPT_DATE, "the date of the proposal (default today)"},
             {OPT_ACTOR, "who proposes: coordinator (the default), asking, supporting or system"},
             {OPT_NOTE, "a note for the audit trail"},
             {0, NULL}},
         cmd_match_propose},
        {"advance", {"MATCH", "STATE"},
         "MATCH STATE [--date D] [--actor A] [--reason R] [--note T]\n"
         "MATCH active --skip-evaluation NOTE [--date D] [--actor A]",
         "move a match to another state, recorded in its audit trail",
         (const cmd_opt[]){
             {OPT_DATE, "the date of the move (default today)"},
             {OPT_ACTOR, "who moves it: coordinator (the default), asking, supporting or system"},
             {OPT_REASON, "why, for declined and ended_early (required there)"},
             {OPT_NOTE, "a note for the audit trail"},
             {OPT_SKIP_EVALUATION, "trial to active without the trial review the plan asks "
                                   "for; NOTE says why (kept in the audit trail)"},
             {0, NULL}},
         cmd_match_advance},
        {"list", {NULL, NULL}, "[--offer OFFER] [--state S] [--json]",
         "list matches by offer and id",
         (const cmd_opt[]){
             {OPT_OFFER, "only matches of offer OFFER"},
             {OPT_STATE, "only matches in state S"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_match_list},
        {"show", {"MATCH", NULL}, "MATCH [--json]",
         "one match with its audit trail",
         (const cmd_opt[]){{OPT_JSON, "machine-readable output (see docs/cli.md)"}, {0, NULL}},
         cmd_match_show},
        {"due", {NULL, NULL}, "[--as-of D] [--within DAYS] [--offer OFFER] [--json]",
         "reviews, trial evaluations, closures and proposals due",
         (const cmd_opt[]){
             {OPT_AS_OF, "the date judged by (default today)"},
             {OPT_WITHIN, "also what falls due in the DAYS after it"},
             {OPT_OFFER, "only matches of offer OFFER"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_match_due},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
