/* Checks that itav_match_assign, which pairs an asking participant with a distance limit only with
 * the supporters inside the latitude and longitude band of that limit (lib/matching/assign.c,
 * near_columns), finds exactly what trying every pair finds: the same pairs, for limits from
 * 300 m to 15,000 km, with places near the poles and on both sides of the 180th meridian,
 * supporters without a place, and participants' own limits. The reference builds the edges from
 * every pair with the library's scoring and runs the same solver on them; the solver's tie rule
 * makes its answer unique for a set of edges, so a missed or extra pair shows.
 *
 *   check_assign [SCENARIOS]      (meson test -C BUILD assign-band)
 */
#include "matching/matching_int.h"
#include "matching/solver.h"
#include "gen.h"

#include <itav.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define AS_OF 19000

static int failures;

static void check(itav_db *db, int rc, const char *what)
{
    if (rc != ITAV_OK)
        die("%s: %s", what, db ? itav_errmsg(db) : itav_strerror(rc));
}

/* Somewhere: near a pole, next to the 180th meridian, in a small cluster, or anywhere. */
static void place(rng *r, int where, double *lat, double *lon)
{
    switch (where) {
    case 0: /* polar cap */
        *lat = (rng_below(r, 2) ? 1 : -1) * (84 + rng_unit(r) * 6);
        *lon = -180 + rng_unit(r) * 360;
        break;
    case 1: /* either side of the antimeridian */
        *lat = -60 + rng_unit(r) * 120;
        *lon = rng_below(r, 2) ? 179 + rng_unit(r) : -180 + rng_unit(r);
        break;
    case 2: /* a town of about 20 km */
        *lat = 52.3 + (rng_unit(r) - 0.5) * 0.3;
        *lon = 4.9 + (rng_unit(r) - 0.5) * 0.4;
        break;
    default:
        *lat = -90 + rng_unit(r) * 180;
        *lon = -180 + rng_unit(r) * 360;
    }
}

static void row(text *t, rng *r, const char *ref, bool asking, int where)
{
    double lat, lon;
    place(r, where, &lat, &lon);
    add(t, "%s,%s,%s,", ref, asking ? "family" : "volunteer", asking ? "waiting" : "available");
    if (asking || rng_below(r, 8)) /* some supporters have no place */
        add(t, "%.6f,%.6f,", lat, lon);
    else
        add(t, ",,");
    add(t, "%s,", asking ? "listening_ear" : "listening_ear homework practical_help");
    add(t, "%s,", rng_below(r, 2) ? "nl" : "nl ar");
    if (!asking)
        add(t, "2021-01-01,yes,%u,", 1 + rng_below(r, 2));
    else
        add(t, ",,,");
    add(t, "%d-%02d-%02d,", 2019 + (int)rng_below(r, 3), 1 + (int)rng_below(r, 12),
        1 + (int)rng_below(r, 28));
    if (rng_below(r, 4) == 0) /* an own limit, often tighter than the plan's */
        add(t, "%u", 200 + rng_below(r, 400000));
    add(t, "\n");
}

typedef struct side {
    itav_participant **v;
    size_t n;
} side;

static side load(itav_db *db, itav_side which)
{
    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it;
    itav_participant *p;
    side s = {xcalloc(4096, sizeof(itav_participant *)), 0};
    f.side = which;
    check(db, itav_participant_list(&it, db, &f), "list");
    while (itav_participant_iter_next(&p, it) == ITAV_OK)
        s.v[s.n++] = p;
    itav_participant_iter_free(it);
    return s;
}

static int waiting_order(const void *x, const void *y)
{
    const itav_participant *a = *(itav_participant *const *)x, *b = *(itav_participant *const *)y;
    int32_t ra = itav_participant_registered(a), rb = itav_participant_registered(b);
    if (ra != rb) /* no date last */
        return ra == ITAV_DATE_NONE ? 1 : rb == ITAV_DATE_NONE ? -1 : ra < rb ? -1 : 1;
    return strcmp(itav_participant_ref(a), itav_participant_ref(b));
}

static void scenario(int k)
{
    static const long limits[] = {300, 2000, 25000, 400000, 3000000, 15000000};
    rng r = rng_new(100 + (uint64_t)k);
    long limit = limits[k % 6];
    int where = (int)rng_below(&r, 4);
    size_t na = 40 + rng_below(&r, 80), ns = 40 + rng_below(&r, 120);
    itav_db *db;
    check(NULL, itav_open(&db, "memory:"), "open");
    itav_intervention *iv;
    itav_offer *of;
    itav_plan *plan;
    check(db, itav_intervention_new(&iv, "iv"), "intervention");
    check(db, itav_intervention_set_name(iv, "Check"), "intervention");
    check(db, itav_intervention_create(db, iv), "intervention");
    check(db, itav_plan_new(&plan), "plan");
    check(db, itav_plan_set(plan, ITAV_PLAN_MAX_DISTANCE_M, limit), "plan");
    check(db, itav_offer_new(&of, "offer", "iv"), "offer");
    check(db, itav_offer_set_plan(of, plan), "offer");
    check(db, itav_offer_create(db, of), "offer");
    itav_intervention_free(iv);
    itav_offer_free(of);
    itav_plan_free(plan);
    text t = {NULL, 0, 0};
    char ref[32];
    add(&t, "ref,kind,status,lat,lon,support,languages,vog_date,trained,capacity,registered,"
            "max_distance_m\n");
    for (size_t i = 0; i < na + ns; i++) {
        snprintf(ref, sizeof ref, "%c%04zu", i < na ? 'a' : 's', i);
        /* mostly the scenario's region, some anywhere: both sides of each band edge */
        row(&t, &r, ref, i < na, rng_below(&r, 5) ? where : 3);
    }
    check(db, itav_import_participants_csv_string(db, t.s, "check", "offer"), "import");
    text_free(&t);

    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT, o;
    opt.as_of = AS_OF;
    opt.min_score = 0.05;
    if (k % 5 == 4)
        opt.max_distance_m = (double)limit / 3;
    itav_assignment *as;
    check(db, itav_match_assign(&as, db, "offer", &opt, ITAV_ASSIGN_DRY_RUN, AS_OF), "assign");

    /* the reference: every pair */
    side A = load(db, ITAV_SIDE_ASKING), S = load(db, ITAV_SIDE_SUPPORTING);
    qsort(A.v, A.n, sizeof *A.v, waiting_order);
    check(db, itav_plan_effective(&plan, db, "offer"), "plan");
    check(db, itav__options_resolve(&o, db, &opt), "options");
    itav__edge *e = xcalloc(A.n * S.n + 1, sizeof *e);
    int *cap = xcalloc(S.n + 1, sizeof *cap);
    long *choice = xcalloc(A.n + 1, sizeof *choice);
    size_t ne = 0;
    const itav__pair_facts none = {false, false, 0};
    for (size_t i = 0; i < A.n; i++)
        for (size_t j = 0; j < S.n; j++) {
            itav_suggestion s = {0};
            itav__score(&s, A.v[i], S.v[j], plan, &none, &o);
            if (s.excluded == ITAV_CONSTRAINT_NONE && s.score >= o.min_score)
                e[ne++] = (itav__edge){(uint32_t)i, (uint32_t)j, llround(s.score * 1e6)};
        }
    for (size_t j = 0; j < S.n; j++)
        cap[j] = itav_participant_capacity(S.v[j]);
    if (itav__assign_solve(choice, A.n, S.n, cap, e, ne) != ITAV_OK)
        die("solver failed");
    size_t want = 0, same = 0;
    for (size_t i = 0; i < A.n; i++) {
        if (choice[i] < 0)
            continue;
        want++;
        for (size_t p = 0; p < itav_assignment_count(as); p++) {
            const itav_suggestion *s = itav_assignment_pair(as, p);
            if (strcmp(itav_suggestion_asking(s), itav_participant_ref(A.v[i])) == 0 &&
                strcmp(itav_suggestion_supporting(s), itav_participant_ref(S.v[choice[i]])) == 0)
                same++;
        }
    }
    bool ok = want == itav_assignment_count(as) && same == want;
    printf("%s scenario %d: limit %ld m%s, region %d, %zu x %zu, %zu allowed pairs, "
           "%zu matched by itav_match_assign, %zu by every pair\n",
           ok ? "ok  " : "FAIL", k, limit, k % 5 == 4 ? " (and a third of it in the options)" : "",
           where, A.n, S.n, ne, itav_assignment_count(as), want);
    failures += !ok;
    for (size_t i = 0; i < A.n; i++)
        itav_participant_free(A.v[i]);
    for (size_t j = 0; j < S.n; j++)
        itav_participant_free(S.v[j]);
    free(A.v);
    free(S.v);
    free(e);
    free(cap);
    free(choice);
    itav_plan_free(plan);
    itav_assignment_free(as);
    itav_close(db);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 60;
    for (int k = 0; k < n; k++)
        scenario(k);
    printf("%d passed, %d failed\n", n - failures, failures);
    return failures ? 1 : 0;
}
