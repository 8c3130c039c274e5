/* The assignment solver (lib/matching/solver.h) against exhaustive search on small random
 * instances and on hand-checked structured cases; and the scoring constraints that need a match
 * history the public API cannot produce. White-box: links the static library. */
#include "matching/matching_int.h"
#include "matching/solver.h"
#include "testutil.h"

#include <stdint.h>
#include <string.h>

#define MAXR 6
#define MAXC 6
#define NONE (-1)

/* An instance as a dense table: gain[r][c] or NONE where there is no edge. */
typedef struct instance {
    int rows, cols;
    int cap[MAXC];
    int64_t gain[MAXR][MAXC];
} instance;

static void solve(long *choice, const instance *in)
{
    itav__edge edges[MAXR * MAXC];
    size_t n = 0;
    /* edges in a scrambled order (53 is a prime above MAXR * MAXC, so k -> cell is a
     * permutation): the result must not depend on it */
    for (int k = 0; k < in->rows * in->cols; k++) {
        int cell = (k * 53 + 3) % (in->rows * in->cols);
        int r = cell / in->cols, c = cell % in->cols;
        if (in->gain[r][c] != NONE)
            edges[n++] = (itav__edge){(uint32_t)r, (uint32_t)c, in->gain[r][c]};
    }
    ck_assert_int_eq(itav__assign_solve(choice, (size_t)in->rows, (size_t)in->cols, in->cap,
                                        edges, n),
                     ITAV_OK);
}

/* ---- the documented rule, by brute force ---- */

typedef struct brute {
    const instance *in;
    long cur[MAXR], best[MAXR];
    int used[MAXC];
    int64_t best_total;
    bool found;
} brute;

/* Compares the choices of one row by the rule: higher gain, then lower column, none last. */
static int rank_cmp(const instance *in, int r, long x, long y)
{
    if (x == y)
        return 0;
    if (x == NONE || y == NONE)
        return x == NONE ? 1 : -1;
    if (in->gain[r][x] != in->gain[r][y])
        return in->gain[r][x] > in->gain[r][y] ? -1 : 1;
    return x < y ? -1 : 1;
}

static void consider(brute *b, int64_t total)
{
    bool better = !b->found || total > b->best_total;
    if (!better && total == b->best_total) {
        for (int r = 0; r < b->in->rows; r++) {
            int c = rank_cmp(b->in, r, b->cur[r], b->best[r]);
            if (c) {
                better = c < 0;
                break;
            }
        }
    }
    if (better) {
        b->found = true;
        b->best_total = total;
        memcpy(b->best, b->cur, sizeof b->best);
    }
}

static void enumerate(brute *b, int r, int64_t total)
{
    const instance *in = b->in;
    if (r == in->rows) {
        consider(b, total);
        return;
    }
    b->cur[r] = NONE;
    enumerate(b, r + 1, total);
    for (int c = 0; c < in->cols; c++) {
        if (in->gain[r][c] == NONE || b->used[c] >= in->cap[c])
            continue;
        b->used[c]++;
        b->cur[r] = c;
        enumerate(b, r + 1, total + in->gain[r][c]);
        b->used[c]--;
    }
}

static void brute_force(long *best, const instance *in)
{
    brute b;
    memset(&b, 0, sizeof b);
    b.in = in;
    enumerate(&b, 0, 0);
    memcpy(best, b.best, sizeof b.best);
}

static int64_t total_of(const instance *in, const long *choice)
{
    int64_t t = 0;
    for (int r = 0; r < in->rows; r++)
        if (choice[r] != NONE)
            t += in->gain[r][choice[r]];
    return t;
}

static void expect(const instance *in, const long *want)
{
    long got[MAXR];
    solve(got, in);
    for (int r = 0; r < in->rows; r++)
        ck_assert_msg(got[r] == want[r], "row %d: got column %ld, want %ld (totals %lld, %lld)",
                      r, got[r], want[r], (long long)total_of(in, got),
                      (long long)total_of(in, want));
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static unsigned rnd(unsigned n) { return test_rand_below(&rng_state, n); }

START_TEST(random_instances_match_exhaustive_search)
{
    /* few distinct gains, so that ties are everywhere */
    static const int64_t gains[] = {0, 400000, 500000, 500000, 700000, 900000, 1000000};
    int instances = 0, tied = 0;
    for (int round = 0; round < 1500; round++) {
        instance in;
        memset(&in, 0, sizeof in);
        in.rows = 1 + (int)rnd(MAXR);
        in.cols = 1 + (int)rnd(MAXC);
        for (int c = 0; c < in.cols; c++)
            in.cap[c] = 1 + (int)rnd(2);
        int forbidden = (int)rnd(4); /* 0: dense .. 3: sparse */
        for (int r = 0; r < in.rows; r++)
            for (int c = 0; c < in.cols; c++)
                in.gain[r][c] = (int)rnd(4) < forbidden ? NONE
                                                        : gains[rnd(sizeof gains / sizeof *gains)];
        long want[MAXR];
        brute_force(want, &in);
        expect(&in, want);
        instances++;
        /* count instances where more than one assignment reaches the optimum */
        for (int r = 0, seen = 0; r < in.rows && !seen; r++)
            for (int c = 0; c < in.cols; c++)
                if (c != want[r] && want[r] != NONE && in.gain[r][c] == in.gain[r][want[r]]) {
                    tied++;
                    seen = 1;
                    break;
                }
    }
    ck_assert_int_ge(instances, 300);
    ck_assert_int_ge(tied, 100); /* the tie rule was really exercised */
}
END_TEST

static instance blank(int rows, int cols)
{
    instance in;
    memset(&in, 0, sizeof in);
    in.rows = rows;
    in.cols = cols;
    for (int c = 0; c < cols; c++)
        in.cap[c] = 1;
    for (int r = 0; r < MAXR; r++)
        for (int c = 0; c < MAXC; c++)
            in.gain[r][c] = NONE;
    return in;
}

START_TEST(greedy_is_not_optimal)
{
    /* Row 0 taking its best (column 0, 9) leaves row 1 with 1: total 9+1+5 = 15. The optimum
     * gives row 0 its second best: 8+8+5 = 21. */
    instance in = blank(3, 3);
    in.gain[0][0] = 9, in.gain[0][1] = 8;
    in.gain[1][0] = 8, in.gain[1][1] = 1;
    in.gain[2][2] = 5;
    long want[] = {1, 0, 2};
    expect(&in, want);
}
END_TEST

START_TEST(equal_scores_follow_waiting_order)
{
    instance in = blank(3, 2);
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 2; c++)
            in.gain[r][c] = 5;
    long want[] = {0, 1, NONE}; /* the first in line gets the lowest reference */
    expect(&in, want);

    /* the tie rule only chooses among optimal sets: row 0 must leave column 0 to row 1 */
    instance in2 = blank(2, 2);
    in2.gain[0][0] = in2.gain[0][1] = in2.gain[1][0] = 5;
    long want2[] = {1, 0};
    expect(&in2, want2);
}
END_TEST

START_TEST(capacity_two)
{
    /* Column 0 takes two; column 1 should go to the row that loses least there. */
    instance in = blank(3, 2);
    in.cap[0] = 2;
    in.gain[0][0] = 5, in.gain[0][1] = 4;
    in.gain[1][0] = 5, in.gain[1][1] = 1;
    in.gain[2][0] = 5, in.gain[2][1] = 3;
    long want[] = {1, 0, 0};
    expect(&in, want);

    /* capacity 0 (no room left): never chosen */
    in.cap[0] = 0;
    long want0[] = {1, NONE, NONE};
    expect(&in, want0);
}
END_TEST

START_TEST(no_edges_leaves_everyone_unmatched)
{
    /* all pairs below the minimum score are no edges at all */
    instance in = blank(4, 3);
    long want[] = {NONE, NONE, NONE, NONE};
    expect(&in, want);
    /* a pair worth 0 points is still better than none under the tie rule */
    in.gain[2][1] = 0;
    long want2[] = {NONE, NONE, 1, NONE};
    expect(&in, want2);
    /* and no rows at all */
    long dummy;
    ck_assert_int_eq(itav__assign_solve(&dummy, 0, 0, NULL, NULL, 0), ITAV_OK);
}
END_TEST

START_TEST(bad_edges_are_refused)
{
    int cap[2] = {1, 1};
    long choice[2];
    itav__edge out_of_range[] = {{0, 2, 5}};
    itav__edge negative[] = {{0, 0, -1}};
    itav__edge huge[] = {{1, 1, ITAV__SOLVER_GAIN_MAX + 1}};
    ck_assert_int_eq(itav__assign_solve(choice, 2, 2, cap, out_of_range, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav__assign_solve(choice, 2, 2, cap, negative, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav__assign_solve(choice, 2, 2, cap, huge, 1), ITAV_EINVAL);
}
END_TEST

/* The constraints that only the match history can trigger, on the pure scoring function.
 * (Through the store, an open match makes the asking side "matched", so the status
 * constraint comes first there.) */
START_TEST(history_constraints)
{
    itav_participant *a, *s;
    ck_assert_int_eq(itav_participant_from_json(&a, NULL,
                                                "{\"ref\": \"a\", \"offer\": \"o\", \"kind\": "
                                                "\"family\", \"status\": \"waiting\"}"),
                     ITAV_OK);
    ck_assert_int_eq(itav_participant_from_json(&s, NULL,
                                                "{\"ref\": \"s\", \"offer\": \"o\", \"kind\": "
                                                "\"volunteer\", \"status\": \"matched\", "
                                                "\"capacity\": 2}"),
                     ITAV_OK);
    itav_match_options o = ITAV_MATCH_OPTIONS_INIT;
    o.as_of = 19000;
    struct {
        itav__pair_facts facts;
        itav_constraint want;
    } cases[] = {
        {{false, false, 0}, ITAV_CONSTRAINT_NONE},
        {{false, false, 1}, ITAV_CONSTRAINT_NONE},
        {{false, false, 2}, ITAV_CONSTRAINT_CAPACITY},
        {{false, true, 1}, ITAV_CONSTRAINT_OPEN},
        {{true, true, 2}, ITAV_CONSTRAINT_DECLINED}, /* checked in this order */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        itav_suggestion sg;
        memset(&sg, 0, sizeof sg);
        itav__score(&sg, a, s, NULL, &cases[i].facts, &o);
        ck_assert_int_eq(sg.excluded, cases[i].want);
        ck_assert(sg.excluded == ITAV_CONSTRAINT_NONE || sg.score == 0);
    }
    itav_participant_free(a);
    itav_participant_free(s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("solver");
    TCase *tc = tcase_create("solver");
    tcase_add_test(tc, random_instances_match_exhaustive_search);
    tcase_add_test(tc, greedy_is_not_optimal);
    tcase_add_test(tc, equal_scores_follow_waiting_order);
    tcase_add_test(tc, capacity_two);
    tcase_add_test(tc, no_edges_leaves_everyone_unmatched);
    tcase_add_test(tc, bad_edges_are_refused);
    tcase_add_test(tc, history_constraints);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
