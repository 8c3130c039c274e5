/* The audit of a report's hidden counts (docs/guide.md, "The audit"). An attacker knows every
 * published count and the linear relations between the report's counts (itav__relation:
 * the outcomes of formal help add up to the final reviews, a part is at most its whole, ...),
 * and that every count is a non-negative integer. For each hidden count the audit finds the
 * least and the greatest value it can take in some assignment of all hidden counts that
 * agrees with all of that: the interval the attacker can derive.
 *
 * Each question (can_be: can it be at most t, or at least t?) is settled by bounds propagation
 * over the relations and a search that halves a domain at each step: a solution it finds is a
 * "yes", a search of everything a "no". Across releases the systems are large (hundreds of
 * unknowns), and the linear relaxation (lp.c) answers where a short search did not: a bound
 * it proves is a "no", its vertex rounded and checked exactly a "yes". A question still
 * unsettled after the search's steps gets the strict answer (UNDECIDED): it narrows a hidden
 * count's interval and counts an atom as given away, so a verdict may be "unsafe" for a safe
 * cell, never "safe" for an unsafe one. GLPK would do the linear programming too, but it is
 * GPL-3.0, and linking it would put every program that embeds this MIT library under the
 * GPL; Clp is EPL-2.0. */
#include "evaluation/evaluation_int.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* What the relaxation of a system (lp.c) says of one variable: no integer solution has it
 * below `least` or above `most`, and, where a rounded vertex solves the system exactly, a
 * solution has it at `low` (high). Kept per system (its first nc relations in a box). */
typedef struct lpslot {
    itav__lp *lp;
    size_t nc;
    const long long *box;
    size_t v; /* SIZE_MAX: nothing asked yet */
    long long least, most, low, high;
    bool has_low, has_high;
} lpslot;

/* sum a[i] * x[var[i]] <= b; an equality is two of these. */
typedef struct con {
    size_t n;
    size_t *var;
    long long *a;
    long long b;
} con;

typedef struct sys {
    size_t nv, nc;
    con *c;
    long long cap;  /* every domain is [0, cap]: a value this high counts as unbounded */
    long steps;     /* search steps of one question */
    long budget;    /* search nodes left for one question */
    long left;      /* search nodes left for the whole audit (LONG_MAX: no bound) */
    bool exhausted; /* `left` ran out: no verdict can be trusted */
    bool use_lp;    /* ask the relaxation first (the audit across releases) */
    lpslot lp[2];   /* the system with and without the report's own cells */
    long long *round; /* a rounded vertex */
    /* the index sys_index() builds over the first nc relations: the relations of each
     * variable (occ[occ_at[v]] .. occ[occ_at[v + 1] - 1]), and the worklist of propagate() */
    size_t nindexed, *occ_at, *occ, *queue;
    bool *queued;
    long long **level; /* the boxes of feasible() by depth, kept for the next question */
    size_t nlevel;
} sys;

/* The search steps of one question (can_be), and of all the questions of the audit across
 * releases of one report: the bound on its time (a release audit of the tests takes at most
 * about 100,000), after which the report is refused. */
#define STEPS_PER_QUESTION 20000
#define STEPS_PER_REPORT 1000000
static long steps_across = STEPS_PER_QUESTION, steps_report = STEPS_PER_REPORT;
static bool use_relaxation = true;
#define UNDECIDED 2 /* feasible(), can_be(): the search ran out of its steps */
/* A bound of the relaxation is floating point: it counts only beyond this margin. */
#define LP_MARGIN 1e-3
/* The steps of the search before the relaxation is asked (can_be). */
#define SHORT_SEARCH 256

void itav__audit_set_steps(long per_question, long per_report, bool relaxation)
{
    steps_across = per_question;
    steps_report = per_report;
    use_relaxation = relaxation;
}

static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static long long ceil_div(long long a, long long b) { return -floor_div(-a, b); }

/* Indexes the relations by variable, for propagate(). Call once the relations are all in. */
static int sys_index(sys *s)
{
    s->nindexed = s->nc;
    s->occ_at = itav__calloc(s->nv + 2, sizeof *s->occ_at);
    s->queue = itav__malloc((s->nc ? s->nc : 1) * sizeof *s->queue);
    s->queued = itav__calloc(s->nc ? s->nc : 1, sizeof *s->queued);
    size_t nocc = 0;
    for (size_t i = 0; i < s->nc; i++)
        nocc += s->c[i].n;
    s->occ = itav__malloc((nocc ? nocc : 1) * sizeof *s->occ);
    if (!s->occ_at || !s->queue || !s->queued || !s->occ)
        return ITAV_ENOMEM;
    for (size_t i = 0; i < s->nc; i++)
        for (size_t j = 0; j < s->c[i].n; j++)
            s->occ_at[s->c[i].var[j] + 2]++;
    for (size_t v = 0; v < s->nv; v++)
        s->occ_at[v + 2] += s->occ_at[v + 1];
    for (size_t i = 0; i < s->nc; i++) /* occ_at[v + 1]: the next free place of v */
        for (size_t j = 0; j < s->c[i].n; j++)
            s->occ[s->occ_at[s->c[i].var[j] + 1]++] = i;
    return ITAV_OK;
}

/* Narrows lo/hi to what the relations allow. Returns false when no value is left. A worklist:
 * only the relations of a variable whose bounds changed are looked at again, starting from
 * those of variable `seed` (SIZE_MAX: all), so the box must have been narrowed so before
 * `seed` changed. It stops after a number of steps: narrowing is only pruning, the search
 * decides. */
static bool propagate(sys *s, long long *lo, long long *hi, size_t seed)
{
    size_t head = 0, count = 0, nc = s->nc < s->nindexed ? s->nc : s->nindexed;
    size_t steps = 64 * (nc + 1);
#define PUSH(i)                                                                        \
    do {                                                                               \
        size_t i_ = (i);                                                               \
        if (i_ < nc && !s->queued[i_]) {                                               \
            s->queued[i_] = true;                                                      \
            s->queue[(head + count++) % nc] = i_;                                      \
        }                                                                              \
    } while (0)
    if (seed == SIZE_MAX)
        for (size_t i = 0; i < nc; i++)
            PUSH(i);
    else
        for (size_t o = s->occ_at[seed]; o < s->occ_at[seed + 1]; o++)
            PUSH(s->occ[o]);
    bool ok = true;
    while (ok && count && steps--) {
        size_t i = s->queue[head];
        head = (head + 1) % nc;
        count--;
        s->queued[i] = false;
        const con *c = &s->c[i];
        long long least = 0;
        for (size_t j = 0; j < c->n; j++)
            least += c->a[j] * (c->a[j] > 0 ? lo[c->var[j]] : hi[c->var[j]]);
        if (least > c->b) {
            ok = false;
            break;
        }
        for (size_t j = 0; ok && j < c->n; j++) {
            size_t v = c->var[j];
            long long a = c->a[j];
            long long room = c->b - (least - a * (a > 0 ? lo[v] : hi[v]));
            bool changed = false;
            if (a > 0 && floor_div(room, a) < hi[v]) {
                hi[v] = floor_div(room, a);
                changed = true;
            } else if (a < 0 && ceil_div(room, a) > lo[v]) {
                lo[v] = ceil_div(room, a);
                changed = true;
            }
            if (lo[v] > hi[v])
                ok = false;
            for (size_t o = s->occ_at[v]; changed && o < s->occ_at[v + 1]; o++)
                PUSH(s->occ[o]);
        }
    }
#undef PUSH
    for (; count; count--, head = (head + 1) % nc) /* what is left, for the next call */
        s->queued[s->queue[head]] = false;
    return ok;
}

/* Whether some integer point of the box lo..hi satisfies every relation: 1, 0, or
 * ITAV_ENOMEM. The box is the caller's and is changed; it was narrowed by propagate() before
 * variable `changed` changed. */
/* The box of depth d of the search: 2 * nv values, made once and kept (a malloc per node of
 * the search cost more than the search itself). */
static long long *level_box(sys *s, size_t d)
{
    if (d >= s->nlevel) {
        size_t n = d + 16;
        long long **v = itav__realloc(s->level, n * sizeof *v);
        if (!v)
            return NULL;
        memset(v + s->nlevel, 0, (n - s->nlevel) * sizeof *v);
        s->level = v;
        s->nlevel = n;
    }
    if (!s->level[d])
        s->level[d] = itav__malloc(2 * (s->nv ? s->nv : 1) * sizeof **s->level);
    return s->level[d];
}

static int feasible(sys *s, long long *lo, long long *hi, size_t changed, size_t depth)
{
    if (s->left-- <= 0) {
        s->exhausted = true;
        return UNDECIDED;
    }
    if (s->budget-- <= 0)
        return UNDECIDED;
    if (!propagate(s, lo, hi, changed))
        return 0;
    size_t pick = s->nv;
    for (size_t v = 0; v < s->nv; v++)
        if (lo[v] < hi[v] && (pick == s->nv || hi[v] - lo[v] < hi[pick] - lo[pick]))
            pick = v;
    if (pick == s->nv) { /* every value fixed: propagation has checked each relation */
        for (size_t i = 0; i < s->nc; i++) {
            long long sum = 0;
            for (size_t j = 0; j < s->c[i].n; j++)
                sum += s->c[i].a[j] * lo[s->c[i].var[j]];
            if (sum > s->c[i].b)
                return 0;
        }
        return 1;
    }
    long long *box = level_box(s, depth);
    if (!box)
        return ITAV_ENOMEM;
    long long *lo2 = box, *hi2 = box + s->nv, mid = lo[pick] + (hi[pick] - lo[pick]) / 2;
    int found = 0;
    bool undecided = false;
    for (int half = 0; half < 2 && (found == 0 || found == UNDECIDED); half++) {
        memcpy(lo2, lo, s->nv * sizeof *lo);
        memcpy(hi2, hi, s->nv * sizeof *hi);
        if (half == 0)
            hi2[pick] = mid;
        else
            lo2[pick] = mid + 1;
        found = feasible(s, lo2, hi2, pick, depth + 1);
        undecided = undecided || found == UNDECIDED;
    }
    return found == 0 && undecided ? UNDECIDED : found;
}

/* Whether the integer point nearest to x solves the system: every value in lo..hi and every
 * relation holds, in exact arithmetic. Leaves the point in s->round. */
static bool solves(sys *s, const long long *lo, const long long *hi, const double *x)
{
    for (size_t v = 0; v < s->nv; v++) {
        if (!(x[v] > (double)lo[v] - 0.5 && x[v] < (double)hi[v] + 0.5))
            return false;
        s->round[v] = llround(x[v]);
    }
    for (size_t i = 0; i < s->nc; i++) {
        long long sum = 0;
        for (size_t j = 0; j < s->c[i].n; j++)
            sum += s->c[i].a[j] * s->round[s->c[i].var[j]];
        if (sum > s->c[i].b)
            return false;
    }
    return true;
}

/* The relaxation's word on x[v] in the system of the first s->nc relations and the box lo..hi
 * (made once per system), or NULL when there is none (out of memory, or no optimum). */
static const lpslot *relaxed(sys *s, const long long *lo, const long long *hi, size_t v)
{
    lpslot *q = NULL;
    for (size_t i = 0; i < 2 && !q; i++)
        if (s->lp[i].lp && s->lp[i].nc == s->nc && s->lp[i].box == lo)
            q = &s->lp[i];
    for (size_t i = 0; i < 2 && !q; i++)
        if (!s->lp[i].lp) {
            q = &s->lp[i];
            if (!s->round && !(s->round = itav__malloc(s->nv * sizeof *s->round)))
                return NULL;
            if (!(q->lp = itav__lp_new(s->nv)))
                return NULL;
            q->nc = s->nc;
            q->box = lo;
            q->v = SIZE_MAX;
            int rc = ITAV_OK;
            for (size_t c = 0; rc == ITAV_OK && c < s->nc; c++)
                rc = itav__lp_add_row(q->lp, s->c[c].n, s->c[c].var, s->c[c].a, s->c[c].b);
            if (rc != ITAV_OK || itav__lp_load(q->lp, lo, hi) != ITAV_OK) {
                itav__lp_free(q->lp);
                q->lp = NULL;
                return NULL;
            }
        }
    if (!q)
        return NULL;
    if (q->v == v)
        return q;
    double value;
    const double *x;
    q->v = SIZE_MAX;
    if (itav__lp_extreme(q->lp, v, true, &value, &x) != ITAV_OK)
        return NULL;
    q->least = (long long)ceil(value - LP_MARGIN);
    if ((q->has_low = solves(s, lo, hi, x)))
        q->low = s->round[v];
    if (itav__lp_extreme(q->lp, v, false, &value, &x) != ITAV_OK)
        return NULL;
    q->most = (long long)floor(value + LP_MARGIN);
    if ((q->has_high = solves(s, lo, hi, x)))
        q->high = s->round[v];
    q->v = v;
    return q;
}

/* The search for a solution with x[v] at most t (below) or at least t, in `steps` steps. */
static int search(sys *s, const long long *lo, const long long *hi, size_t v, long long t,
                  bool below, long steps, long long *scratch)
{
    long long *l = scratch, *h = scratch + s->nv;
    memcpy(l, lo, s->nv * sizeof *l);
    memcpy(h, hi, s->nv * sizeof *h);
    if (below)
        h[v] = t < h[v] ? t : h[v];
    else
        l[v] = t > l[v] ? t : l[v];
    if (l[v] > h[v])
        return 0;
    s->budget = steps;
    return feasible(s, l, h, v, 0);
}

/* Whether x[v] can be at most t (below) or at least t (!below), from the box lo..hi: 1, 0,
 * UNDECIDED or ITAV_ENOMEM. A short search settles most questions; across releases the
 * relaxation answers next (a bound it proves, or a solution it found); then the search has
 * the rest of its steps. */
static int can_be(sys *s, const long long *lo, const long long *hi, size_t v, long long t,
                  bool below, long long *scratch)
{
    if (!s->use_lp)
        return search(s, lo, hi, v, t, below, s->steps, scratch);
    long first = s->steps < SHORT_SEARCH ? s->steps : SHORT_SEARCH;
    int found = search(s, lo, hi, v, t, below, first, scratch);
    if (found != UNDECIDED)
        return found;
    const lpslot *q = relaxed(s, lo, hi, v);
    if (q && (below ? t < q->least : t > q->most))
        return 0;
    if (q && (below ? q->has_low && q->low <= t : q->has_high && q->high >= t))
        return 1;
    return first < s->steps ? search(s, lo, hi, v, t, below, s->steps - first, scratch)
                            : UNDECIDED;
}

/* The least and greatest value of x[v]: a binary search on "at most t" and "at least t". A
 * question the search could not settle counts as "no": that only narrows the interval. */
static int interval(sys *s, const long long *lo, const long long *hi, size_t v,
                    long long *least, long long *most, long long *scratch)
{
    long long a = lo[v], b = hi[v];
    while (a < b) { /* the least t with "at most t" possible */
        long long mid = a + (b - a) / 2;
        int ok = can_be(s, lo, hi, v, mid, true, scratch);
        if (ok < 0)
            return ok;
        if (ok == 1)
            b = mid;
        else
            a = mid + 1;
    }
    *least = a;
    a = *least;
    b = hi[v];
    while (a < b) { /* the greatest t with "at least t" possible */
        long long mid = b - (b - a) / 2;
        int ok = can_be(s, lo, hi, v, mid, false, scratch);
        if (ok < 0)
            return ok;
        if (ok == 1)
            a = mid;
        else
            b = mid - 1;
    }
    *most = a;
    return ITAV_OK;
}

static bool hidden_count(const itav__cell *c) { return c->suppressed && c->count; }

/* Adds sum(sign * terms) <= 0 as a relation over the hidden counts, published ones moved to
 * the right-hand side. var_of maps a cell to its variable (or SIZE_MAX: published). */
static int add_con(sys *s, size_t *capc, const itav_report *r, const itav__relation *rel,
                   long long sign, size_t *const *var_of)
{
    if (s->nc == *capc) {
        size_t cap = *capc ? 2 * *capc : 16;
        con *v = itav__realloc(s->c, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        s->c = v;
        *capc = cap;
    }
    con *c = &s->c[s->nc];
    memset(c, 0, sizeof *c);
    c->var = itav__calloc(rel->n ? rel->n : 1, sizeof *c->var);
    c->a = itav__calloc(rel->n ? rel->n : 1, sizeof *c->a);
    if (!c->var || !c->a) {
        itav__free(c->var);
        itav__free(c->a);
        return ITAV_ENOMEM;
    }
    s->nc++;
    for (size_t i = 0; i < rel->n; i++) {
        const itav__term *t = &rel->terms[i];
        const itav__cell *cell = &r->tables[t->table].cells[t->cell];
        size_t v = var_of[t->table][t->cell];
        if (v != SIZE_MAX) {
            c->var[c->n] = v;
            c->a[c->n++] = sign * t->coef;
        } else if (cell->kind == ITAV__CELL_NUMBER) {
            c->b -= sign * t->coef * (long long)cell->value;
        }
    }
    return ITAV_OK;
}

static void sys_clear(sys *s)
{
    for (size_t i = 0; i < s->nc; i++) {
        itav__free(s->c[i].var);
        itav__free(s->c[i].a);
    }
    itav__free(s->c);
    itav__free(s->occ_at);
    itav__free(s->occ);
    itav__free(s->queue);
    itav__free(s->queued);
    for (size_t d = 0; d < s->nlevel; d++)
        itav__free(s->level[d]);
    itav__free(s->level);
    for (size_t i = 0; i < 2; i++)
        itav__lp_free(s->lp[i].lp);
    itav__free(s->round);
}

int itav__report_audit(itav_report *r)
{
    sys s = {.steps = STEPS_PER_QUESTION, .left = LONG_MAX};
    size_t capc = 0, nv = 0;
    size_t **var_of = itav__calloc(r->ntables ? r->ntables : 1, sizeof *var_of);
    long long *box = NULL, *scratch = NULL, published = 0;
    int rc = var_of ? ITAV_OK : ITAV_ENOMEM;
    r->audit_passed = true;
    r->audit_exhausted = false;
    r->pinned_table = SIZE_MAX;
    r->leak_table = SIZE_MAX;
    r->releases_disagree = false;
    /* the variables: every hidden count; the cap: more than all published counts together */
    for (size_t t = 0; rc == ITAV_OK && t < r->ntables; t++) {
        const itav__table *tab = &r->tables[t];
        size_t n = tab->rows * tab->columns.n;
        if (!(var_of[t] = itav__malloc((n ? n : 1) * sizeof **var_of))) {
            rc = ITAV_ENOMEM;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            const itav__cell *c = &tab->cells[i];
            var_of[t][i] = hidden_count(c) ? nv++ : SIZE_MAX;
            if (c->count && !c->suppressed && c->kind == ITAV__CELL_NUMBER)
                published += (long long)c->value;
        }
    }
    s.nv = nv;
    s.cap = published + r->protection + r->k + 1;
    for (size_t i = 0; rc == ITAV_OK && i < r->nrelations; i++) {
        rc = add_con(&s, &capc, r, &r->relations[i], 1, var_of);
        if (rc == ITAV_OK && r->relations[i].equal)
            rc = add_con(&s, &capc, r, &r->relations[i], -1, var_of);
    }
    if (rc == ITAV_OK)
        rc = sys_index(&s);
    if (rc == ITAV_OK && nv &&
        (!(box = itav__malloc(2 * nv * sizeof *box)) ||
         !(scratch = itav__malloc(2 * nv * sizeof *scratch))))
        rc = ITAV_ENOMEM;
    long long *lo = box, *hi = box ? box + nv : NULL;
    for (size_t v = 0; rc == ITAV_OK && v < nv; v++) {
        lo[v] = 0;
        hi[v] = s.cap;
    }
    /* the true counts satisfy every relation, so an empty system is a wrong relation: then
     * nothing is known to be safe */
    bool consistent = rc != ITAV_OK || !nv || propagate(&s, lo, hi, SIZE_MAX);
    for (size_t t = 0; rc == ITAV_OK && t < r->ntables; t++) {
        itav__table *tab = &r->tables[t];
        for (size_t i = 0; rc == ITAV_OK && i < tab->rows * tab->columns.n; i++) {
            itav__cell *c = &tab->cells[i];
            size_t v = var_of[t][i];
            if (v == SIZE_MAX)
                continue;
            long long least = 0, most = -1;
            if (consistent)
                rc = interval(&s, lo, hi, v, &least, &most, scratch);
            c->low = least;
            c->high = most >= s.cap ? -1 : most; /* -1: no upper bound */
            /* wide enough, and for a small count wide from 0 or 1 up: every value 1..k-1 */
            c->safe = most >= s.cap || most - least >= r->protection;
            if (c->why == ITAV_HIDDEN_PRIMARY && least > 1)
                c->safe = false;
            if (!c->safe)
                r->audit_passed = false;
        }
    }
    for (size_t t = 0; var_of && t < r->ntables; t++)
        itav__free(var_of[t]);
    itav__free(var_of);
    itav__free(box);
    itav__free(scratch);
    sys_clear(&s);
    return rc == ITAV_OK && r->nprior ? itav__release_audit(r) : rc;
}

/* ---- across releases ----
 * A report made for publication and the earlier releases it is related to (release.c) count
 * the same things over other periods and other offers. The counts of reviews, effects and
 * formal help add up over the days the reviews are dated on, the matches started over the
 * days they started on, and all of them over offers. So cut the days at every first day and
 * every day after a last day of the periods, and the offers into classes by the scopes
 * (an offer and its members) that hold them: each piece of days and offers (an "atom") has
 * its own unknown count per cell, and a cell of a report is the sum of the atoms of its
 * period and its offers. The relations of the report hold within every atom, as they hold for
 * any period and offers. The matches by state count the state at a period's end of the matches
 * open in it, which adds up over offers but not over days: those are related only between
 * reports of the same period. What is checked: the hidden counts, the atoms, and unions of
 * atoms (add_unions), each a difference of published cells an attacker can take. */
/* X_DAYS: counted by a day, adding up over days and offers, with no relation of the report
 * inside an atom (the waiting list's registrations and first matches). */
enum { X_REVIEWS, X_STARTED, X_AT_END, X_DAYS };

/* How a count of table `name`, row `row`, column `column` adds up across releases, or -1: not
 * related. A match in a closed state at the end of a period closed in it (a closed state is
 * the last), which adds up over days; an open state is a state at the end. */
static int table_kind(const char *name, const char *row, const char *column)
{
    static const char *const closed[] = {"declined", "completed", "ended_early", NULL};
    if (!strcmp(name, "matches_by_state")) {
        for (size_t i = 0; closed[i]; i++)
            if (!strcmp(closed[i], row))
                return X_DAYS;
        return X_AT_END;
    }
    static const char *const reviews[] = {"reviews", "effects", "formal_help", NULL};
    for (size_t i = 0; reviews[i]; i++)
        if (!strcmp(reviews[i], name))
            return X_REVIEWS;
    if (!strcmp(name, "waiting_list")) /* the states at the end, or what happened on a day */
        return strstr(column, "at the end") ? X_AT_END : X_DAYS;
    return !strcmp(name, "matches_started") ? X_STARTED : -1;
}

/* Whether a count at the end of the period of release rl is the same count in report r: the
 * same period, or the same last day (a state on that day, whatever the first). Without a last
 * day, the end is the day each was made. */
static bool same_end(const itav_release *rl, const itav_report *r)
{
    return (rl->to == r->to && rl->from == r->from) ||
           (rl->to != ITAV_DATE_NONE && rl->to == r->to);
}

typedef struct span {
    long long lo, hi; /* [lo, hi): days; LLONG_MIN and LLONG_MAX stand for open */
} span;

static span span_of(int32_t from, int32_t to)
{
    return (span){from == ITAV_DATE_NONE ? LLONG_MIN : from,
                  to == ITAV_DATE_NONE ? LLONG_MAX : (long long)to + 1};
}

static int ll_cmp(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Appends sum(a[i] * x[var[i]]) <= b. */
static int push_con(sys *s, size_t *capc, const size_t *var, const long long *a, size_t n,
                    long long b)
{
    if (s->nc == *capc) {
        size_t cap = *capc ? 2 * *capc : 64;
        con *v = itav__realloc(s->c, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        s->c = v;
        *capc = cap;
    }
    con *c = &s->c[s->nc];
    c->var = itav__malloc((n ? n : 1) * sizeof *c->var);
    c->a = itav__malloc((n ? n : 1) * sizeof *c->a);
    if (!c->var || !c->a) {
        itav__free(c->var);
        itav__free(c->a);
        return ITAV_ENOMEM;
    }
    memcpy(c->var, var, n * sizeof *var);
    memcpy(c->a, a, n * sizeof *a);
    c->n = n;
    c->b = b;
    s->nc++;
    return ITAV_OK;
}

/* sum == b, both ways. */
static int push_eq(sys *s, size_t *capc, const size_t *var, long long *a, size_t n,
                   long long b)
{
    int rc = push_con(s, capc, var, a, n, b);
    for (size_t i = 0; i < n; i++)
        a[i] = -a[i];
    if (rc == ITAV_OK)
        rc = push_con(s, capc, var, a, n, -b);
    for (size_t i = 0; i < n; i++)
        a[i] = -a[i];
    return rc;
}

typedef struct xkey {
    size_t table, cell; /* sum: cell is the column */
    int kind; /* X_REVIEWS, X_STARTED, X_AT_END or X_DAYS */
    span year; /* X_STARTED: the days of the cell's year */
    /* the sum of a column over all rows of a table by municipality (the named rows, "not
     * known" and "other municipalities"), which every report's rows add up to */
    bool sum;
} xkey;

typedef struct xaudit {
    sys s;
    size_t capc;
    xkey *keys;
    size_t nk;
    long long *cut; /* the atoms' days: atom a is [cut[a], cut[a + 1]) */
    size_t na;
    size_t ncls;    /* the classes of offers */
    bool *in;       /* (nprior + 1) x ncls: the classes each scope holds; the report's last */
    bool *used;     /* per atom variable: in some relation (the others are 0) */
    size_t *var;    /* scratch */
    long long *a;   /* scratch */
} xaudit;

static size_t atom_var(const xaudit *x, size_t k, size_t at, size_t cls)
{
    return (k * x->na + at) * x->ncls + cls;
}

/* The key of a report's cell by table name, row label and column heading, or SIZE_MAX. */
static size_t key_of(const itav_report *r, const xaudit *x, const char *table, const char *row,
                     const char *column)
{
    for (size_t k = 0; k < x->nk; k++) {
        if (x->keys[k].sum)
            continue;
        const itav__table *t = &r->tables[x->keys[k].table];
        size_t ncol = t->columns.n, rw = x->keys[k].cell / ncol, col = x->keys[k].cell % ncol;
        const itav__cell *label = &t->cells[rw * ncol];
        if (!strcmp(t->name, table) && !strcmp(t->columns.v[col], column) &&
            !strcmp(label->text ? label->text : "", row))
            return k;
    }
    return SIZE_MAX;
}

/* Whether atom `at` is counted by key k over the period sp (X_AT_END: the period itself,
 * which is atom 0). */
static bool atom_counts(const xaudit *x, size_t k, size_t at, span sp)
{
    const xkey *key = &x->keys[k];
    if (key->kind == X_AT_END)
        return at == 0;
    if (!(sp.lo <= x->cut[at] && x->cut[at + 1] <= sp.hi))
        return false;
    return key->kind != X_STARTED ||
           (x->cut[at] < key->year.hi && key->year.lo < x->cut[at + 1]);
}

/* x[z] (z SIZE_MAX: the value b) equals the count of key k over the period sp and the
 * offers of scope `scope`. */
/* Puts the atoms of key k over the period sp and the offers of scope `scope` into x->var (each
 * with coefficient 1) and returns how many. */
static size_t put_atoms(xaudit *x, size_t k, span sp, size_t scope)
{
    size_t n = 0;
    for (size_t at = 0; at < x->na; at++)
        for (size_t c = 0; atom_counts(x, k, at, sp) && c < x->ncls; c++)
            if (x->in[scope * x->ncls + c]) {
                x->var[n] = atom_var(x, k, at, c);
                x->used[x->var[n]] = true;
                x->a[n++] = 1;
            }
    return n;
}

static int relate_cell(xaudit *x, size_t k, span sp, size_t scope, size_t z, long long b)
{
    size_t n = put_atoms(x, k, sp, scope);
    if (z != SIZE_MAX) {
        x->var[n] = z;
        x->a[n++] = -1;
        b = 0;
    }
    return push_eq(&x->s, &x->capc, x->var, x->a, n, b);
}

/* The offers of every scope and their classes: offers held by the same scopes are one
 * class. Fills x->ncls and x->in. */
static int offer_classes(xaudit *x, const itav_report *r)
{
    size_t ns = r->nprior + 1, nu = 0, cap = 0;
    const char **u = NULL;
    int rc = ITAV_OK;
    for (size_t s = 0; rc == ITAV_OK && s < ns; s++) {
        const char *offer = s < r->nprior ? r->prior[s]->offer : r->offer;
        const itav__strlist *m = s < r->nprior ? &r->prior[s]->members : &r->members;
        for (size_t i = 0; rc == ITAV_OK && i <= m->n; i++) {
            const char *o = i < m->n ? m->v[i] : offer;
            size_t j = 0;
            while (j < nu && strcmp(u[j], o))
                j++;
            if (j < nu)
                continue;
            if (nu == cap) {
                const char **v = itav__realloc(u, (cap = cap ? 2 * cap : 16) * sizeof *v);
                if (!v) {
                    rc = ITAV_ENOMEM;
                    break;
                }
                u = v;
            }
            u[nu++] = o;
        }
    }
    bool *holds = rc == ITAV_OK ? itav__calloc(ns * (nu ? nu : 1), sizeof *holds) : NULL;
    size_t *cls = holds ? itav__calloc(nu ? nu : 1, sizeof *cls) : NULL;
    if (!cls)
        rc = ITAV_ENOMEM;
    for (size_t s = 0; rc == ITAV_OK && s < ns; s++) {
        const char *offer = s < r->nprior ? r->prior[s]->offer : r->offer;
        const itav__strlist *m = s < r->nprior ? &r->prior[s]->members : &r->members;
        for (size_t j = 0; j < nu; j++) {
            bool in = !strcmp(u[j], offer);
            for (size_t i = 0; !in && i < m->n; i++)
                in = !strcmp(u[j], m->v[i]);
            holds[s * nu + j] = in;
        }
    }
    for (size_t j = 0; rc == ITAV_OK && j < nu; j++) {
        size_t i = 0;
        for (; i < j; i++) {
            size_t s = 0;
            while (s < ns && holds[s * nu + i] == holds[s * nu + j])
                s++;
            if (s == ns)
                break;
        }
        cls[j] = i < j ? cls[i] : x->ncls++;
    }
    if (rc == ITAV_OK && !(x->in = itav__calloc(ns * (x->ncls ? x->ncls : 1), sizeof *x->in)))
        rc = ITAV_ENOMEM;
    for (size_t s = 0; rc == ITAV_OK && s < ns; s++)
        for (size_t j = 0; j < nu; j++)
            if (holds[s * nu + j])
                x->in[s * x->ncls + cls[j]] = true;
    itav__free(u);
    itav__free(holds);
    itav__free(cls);
    return rc;
}

/* The days of a column of matches started that names a year ("2021"); false for another. */
static bool column_year(const char *column, span *year)
{
    int32_t first, next;
    int y = atoi(column);
    if (itav_date_from_ymd(&first, y, 1, 1) != ITAV_OK ||
        itav_date_from_ymd(&next, y + 1, 1, 1) != ITAV_OK)
        return false;
    *year = (span){first, next};
    return true;
}

static int push_key(xaudit *x, xkey key)
{
    xkey *v = itav__realloc(x->keys, (x->nk + 1) * sizeof *v);
    if (!v)
        return ITAV_ENOMEM;
    x->keys = v;
    x->keys[x->nk++] = key;
    return ITAV_OK;
}

/* The keys: the counts of the related tables, totals and "other municipalities" left out
 * (which municipalities that row holds differs from report to report), and a sum key per count
 * column of a table by municipality, which that row is part of. */
static int collect_keys(xaudit *x, const itav_report *r, long long *published)
{
    for (size_t t = 0; t < r->ntables; t++) {
        const itav__table *tab = &r->tables[t];
        for (size_t i = 0; i < tab->rows * tab->columns.n; i++) {
            const itav__cell *label = &tab->cells[(i / tab->columns.n) * tab->columns.n];
            const char *row = label->text ? label->text : "";
            int kind = table_kind(tab->name, row, tab->columns.v[i % tab->columns.n]);
            if (kind < 0 || !tab->cells[i].count || !strcmp(row, ITAV__TOTAL_LABEL) ||
                !strcmp(row, ITAV__OTHER_PLACES))
                continue;
            span year = {0, 0};
            if (kind == X_STARTED && !column_year(tab->columns.v[i % tab->columns.n], &year))
                continue;
            if (push_key(x, (xkey){t, i, kind, year, false}) != ITAV_OK)
                return ITAV_ENOMEM;
            if (!tab->cells[i].suppressed && tab->cells[i].kind == ITAV__CELL_NUMBER)
                *published += (long long)tab->cells[i].value;
        }
    }
    /* the sums over all municipalities, of each count column of a table by municipality */
    for (size_t t = 0; t < r->ntables; t++) {
        const itav__table *tab = &r->tables[t];
        if (strcmp(tab->name, "matches_started") && strcmp(tab->name, "waiting_list"))
            continue;
        for (size_t col = 1; col < tab->columns.n; col++) {
            int kind = table_kind(tab->name, "", tab->columns.v[col]);
            bool counts = false;
            for (size_t row = 0; !counts && row < tab->rows; row++)
                counts = tab->cells[row * tab->columns.n + col].count;
            if (kind < 0 || !counts || !strcmp(tab->columns.v[col], ITAV__TOTAL_LABEL))
                continue;
            span year = {0, 0};
            if (kind == X_STARTED && !column_year(tab->columns.v[col], &year))
                continue;
            if (push_key(x, (xkey){t, col, kind, year, true}) != ITAV_OK)
                return ITAV_ENOMEM;
        }
    }
    return ITAV_OK;
}

/* The sum key of table `table`, column `column`, or SIZE_MAX. */
static size_t sum_key_of(const itav_report *r, const xaudit *x, const char *table,
                         const char *column)
{
    for (size_t k = 0; k < x->nk; k++) {
        const itav__table *t = &r->tables[x->keys[k].table];
        if (x->keys[k].sum && !strcmp(t->name, table) &&
            !strcmp(t->columns.v[x->keys[k].cell], column))
            return k;
    }
    return SIZE_MAX;
}

/* The rows of this report's column of sum key k (the total row left out): whether row `row` is
 * one of them. */
static bool summed_row(const itav__table *t, size_t row)
{
    const itav__cell *label = &t->cells[row * t->columns.n];
    return !(label->text && !strcmp(label->text, ITAV__TOTAL_LABEL));
}

/* Whether sum key k relates anything the row keys do not: when every report's rows of its
 * column are exactly the rows this report names, the sum is theirs, and it would only cost
 * time. It does when a report has the row other municipalities, a row this report does not
 * name, or not all of them (a row missing says that municipality had nobody). */
static bool sum_needed(const itav_report *r, const xaudit *x, size_t k)
{
    const itav__table *t = &r->tables[x->keys[k].table];
    const char *column = t->columns.v[x->keys[k].cell];
    size_t mine = 0;
    for (size_t row = 0; row < t->rows; row++) {
        const itav__cell *label = &t->cells[row * t->columns.n];
        if (!summed_row(t, row))
            continue;
        if (label->text && !strcmp(label->text, ITAV__OTHER_PLACES))
            return true;
        mine++;
    }
    for (size_t p = 0; p < r->nprior; p++) {
        size_t rows = 0;
        for (size_t i = 0; i < r->prior[p]->ncells; i++) {
            const itav__release_cell *c = &r->prior[p]->cells[i];
            if (strcmp(c->table, t->name) || strcmp(c->column, column) ||
                !strcmp(c->row, ITAV__TOTAL_LABEL))
                continue;
            if (key_of(r, x, c->table, c->row, c->column) == SIZE_MAX)
                return true;
            rows++;
        }
        if (rows && rows != mine)
            return true;
    }
    return false;
}

/* Drops the sum keys that relate nothing more (sum_needed). */
static void drop_sums(const itav_report *r, xaudit *x)
{
    size_t n = 0;
    for (size_t k = 0; k < x->nk; k++)
        if (!x->keys[k].sum || sum_needed(r, x, k))
            x->keys[n++] = x->keys[k];
    x->nk = n;
}

/* The cell of this report to hide when the sum of key k gives someone away: the row other
 * municipalities when it shows a positive count, else the least positive count shown; else
 * SIZE_MAX. */
static size_t sum_cell_to_hide(const itav_report *r, const xkey *key)
{
    const itav__table *t = &r->tables[key->table];
    size_t best = SIZE_MAX;
    for (size_t row = 0; row < t->rows; row++) {
        size_t i = row * t->columns.n + key->cell;
        const itav__cell *c = &t->cells[i], *label = &t->cells[row * t->columns.n];
        if (!summed_row(t, row) || c->suppressed || !c->count || c->kind != ITAV__CELL_NUMBER ||
            c->value <= 0)
            continue;
        if (label->text && !strcmp(label->text, ITAV__OTHER_PLACES))
            return i;
        if (best == SIZE_MAX || c->value < t->cells[best].value)
            best = i;
    }
    return best;
}

static size_t key_at(const xaudit *x, size_t table, size_t cell)
{
    for (size_t k = 0; k < x->nk; k++)
        if (!x->keys[k].sum && x->keys[k].table == table && x->keys[k].cell == cell)
            return k;
    return SIZE_MAX;
}

/* Whether x[v], in the box lo..hi, gives someone away. For kk > 0 (an atom or a union): it may
 * be from 1 to kk - 1 and its interval is narrower than `width` (a count narrowed to 0, or to
 * kk or more, describes nobody or enough people). For kk 0 (a hidden count, whatever it
 * holds): its interval has an upper bound and is narrower than `width`. A value of s->cap or
 * more counts as no upper bound. 1, 0 or ITAV_ENOMEM; `cautious` when a question it needs
 * was left unsettled (the caller's stricter answer). It asks only what the verdict needs, not
 * the whole interval: most counts cannot be below k, and one question settles that. */
static int narrowed(sys *s, const long long *lo, const long long *hi, size_t v, int kk,
                    int width, int cautious, long long *scratch)
{
    long long a = lo[v], b = hi[v];
    int ok;
    if (kk) {
        if (a > kk - 1 || b == 0)
            return 0;
        if ((ok = can_be(s, lo, hi, v, kk - 1, true, scratch)) <= 0 || ok == UNDECIDED)
            return ok == UNDECIDED ? cautious : ok; /* at least k, or an error */
        b = b < kk - 1 ? b : kk - 1;
    }
    while (a < b) { /* the least t with "at most t" possible */
        long long mid = a + (b - a) / 2;
        if ((ok = can_be(s, lo, hi, v, mid, true, scratch)) < 0 || ok == UNDECIDED)
            return ok == UNDECIDED ? cautious : ok;
        if (ok)
            b = mid;
        else
            a = mid + 1;
    }
    long long t = a + width < s->cap ? a + width : s->cap;
    if ((ok = can_be(s, lo, hi, v, t, false, scratch)) != 0)
        return ok == UNDECIDED ? cautious : ok < 0 ? ok : 0; /* wide enough, or unbounded */
    if (!kk || a >= 1)
        return 1;
    ok = can_be(s, lo, hi, v, 1, false, scratch); /* 0 up to less than width: 0 alone? */
    return ok == UNDECIDED ? cautious : ok;
}

/* narrowed() in the system without the report's own cells (the first nc0 relations): what
 * the earlier releases gave away already, which no report can take back. */
static int narrowed_before(sys *s, size_t nc0, const long long *lo0, const long long *hi0,
                           size_t v, int kk, int width, long long *scratch)
{
    size_t nc = s->nc;
    s->nc = nc0;
    int rc = narrowed(s, lo0, hi0, v, kk, width, 0, scratch); /* unsettled: not before */
    s->nc = nc;
    return rc;
}

/* Bounds the variables of perturbed counts, the earlier releases' (zp) and this report's
 * (zr, when it is perturbed), to the true counts the perturbation table can turn into the
 * published one (cellkey.c). False when some published count no true count gives. */
static bool perturbed_bounds(const itav_report *r, const xaudit *x, size_t (*zp)[2], size_t nzp,
                             const size_t *zr, size_t nv, long long *lo, long long *hi)
{
    long long least, most;
    for (size_t i = 0; i < nzp; i++) {
        const itav_release *rl = r->prior[zp[i][0]];
        const itav__release_cell *c = &rl->cells[zp[i][1]];
        if (c->hidden)
            continue;
        if (!itav__cellkey_bounds(c->value, &least, &most))
            return false;
        lo[nv + i] = least;
        hi[nv + i] = most < hi[nv + i] ? most : hi[nv + i];
    }
    for (size_t k = 0; r->perturb && k < x->nk; k++) {
        const itav__cell *c = &r->tables[x->keys[k].table].cells[x->keys[k].cell];
        if (!itav__cellkey_bounds((long long)c->value, &least, &most))
            return false;
        lo[zr[k]] = least;
        hi[zr[k]] = most < hi[zr[k]] ? most : hi[zr[k]];
    }
    return true;
}

/* A union of atoms of key k: the days of atoms at0..at1 and the offer classes of set `set`
 * (in_class_set). An attacker who derives its count learns as much as from one atom: the first
 * half year as the year less the second, two offers as a programme less its third. */
typedef struct xunion {
    size_t k, at0, at1, set;
} xunion;

/* The sets of offer classes whose unions are checked: every set when there are at most
 * ITAV__UNION_CLASSES classes (set j holds the classes of the bits of j + 1), else each class
 * alone (set j < ncls) and all of them (set ncls). */
enum { ITAV__UNION_CLASSES = 4 };

static size_t class_sets(const xaudit *x)
{
    return x->ncls <= ITAV__UNION_CLASSES ? ((size_t)1 << x->ncls) - 1 : x->ncls + 1;
}

static bool in_class_set(const xaudit *x, size_t j, size_t c)
{
    if (x->ncls <= ITAV__UNION_CLASSES)
        return (j + 1) >> c & 1u;
    return j == x->ncls || j == c;
}

/* Adds the unions of atoms worth checking: those of at least two atoms that something counts,
 * each a run of days by a set of classes, defined as variables x->s.nv + i by an equality
 * each. Their number is at most keys x (atoms x (atoms + 1) / 2) x class sets
 * (docs/guide.md). */
static int add_unions(xaudit *x, xunion **out, size_t *nout)
{
    size_t n = 0, cap = 0, nsets = class_sets(x);
    xunion *u = NULL;
    int rc = ITAV_OK;
    for (size_t k = 0; rc == ITAV_OK && k < x->nk; k++)
        for (size_t at0 = 0; rc == ITAV_OK && at0 < x->na; at0++)
            for (size_t at1 = at0; rc == ITAV_OK && at1 < x->na; at1++) {
                if (x->keys[k].kind == X_AT_END && at1) /* counted only at the end: atom 0 */
                    break;
                for (size_t j = 0; rc == ITAV_OK && j < nsets; j++) {
                    size_t terms = 0;
                    for (size_t at = at0; at <= at1; at++)
                        for (size_t c = 0; c < x->ncls; c++)
                            if (in_class_set(x, j, c) && x->used[atom_var(x, k, at, c)])
                                x->var[terms++] = atom_var(x, k, at, c);
                    if (terms < 2)
                        continue; /* nothing, or one atom: checked as an atom */
                    if (n == cap) {
                        xunion *v = itav__realloc(u, (cap = cap ? 2 * cap : 64) * sizeof *v);
                        if (!v) {
                            rc = ITAV_ENOMEM;
                            break;
                        }
                        u = v;
                    }
                    u[n] = (xunion){k, at0, at1, j};
                    for (size_t i = 0; i < terms; i++)
                        x->a[i] = 1;
                    x->var[terms] = x->s.nv + n++;
                    x->a[terms] = -1;
                    rc = push_eq(&x->s, &x->capc, x->var, x->a, terms + 1, 0);
                }
            }
    *out = u;
    *nout = n;
    return rc;
}

/* Whether atom `at`, class `c` of key k is one the report counts in its cell of k. */
static bool in_report(const itav_report *r, const xaudit *x, size_t k, size_t at, size_t c,
                      span now)
{
    return atom_counts(x, k, at, now) && x->in[r->nprior * x->ncls + c];
}

/* What a perturbed report alone says of an atom (atom: its variable) or a union of atoms of
 * key k: the interval of its own count of k when the atoms are all that count is made of,
 * 0 to its most when they are a part of it. False (nothing) when some atom is outside it. */
static bool alone_interval(const itav_report *r, const xaudit *x, const long long *lo,
                           const long long *hi, const size_t *zr, size_t k, size_t atom,
                           const xunion *u, span now, long long *least, long long *most)
{
    size_t inside = 0, all = 0;
    for (size_t at = 0; at < x->na; at++)
        for (size_t c = 0; c < x->ncls; c++) {
            size_t v = atom_var(x, k, at, c);
            bool mine = atom != SIZE_MAX ? v == atom
                                         : at >= u->at0 && at <= u->at1 &&
                                               in_class_set(x, u->set, c);
            if (!x->used[v])
                continue;
            if (mine && !in_report(r, x, k, at, c, now))
                return false;
            all += in_report(r, x, k, at, c, now);
            inside += mine;
        }
    *least = inside == all ? lo[zr[k]] : 0;
    *most = hi[zr[k]];
    return true;
}

/* Moves the relations from `from` on to `at`, and those from `at` to `from` after them. */
static int rotate_cons(sys *s, size_t at, size_t from)
{
    size_t tail = s->nc - from;
    con *tmp = itav__malloc((tail ? tail : 1) * sizeof *tmp);
    if (!tmp)
        return ITAV_ENOMEM;
    memcpy(tmp, s->c + from, tail * sizeof *tmp);
    memmove(s->c + at + tail, s->c + at, (from - at) * sizeof *tmp);
    memcpy(s->c + at, tmp, tail * sizeof *tmp);
    itav__free(tmp);
    return ITAV_OK;
}

/* A hidden count of this report whose row is no key (the row other municipalities, which
 * holds other municipalities in every report): its cell and its variable. */
typedef struct xown {
    size_t table, cell, v;
} xown;

static int push_own(xown **own, size_t *n, size_t table, size_t cell, size_t v)
{
    xown *o = itav__realloc(*own, (*n + 1) * sizeof *o);
    if (!o)
        return ITAV_ENOMEM;
    *own = o;
    o[(*n)++] = (xown){table, cell, v};
    return ITAV_OK;
}

int itav__release_audit(itav_report *r)
{
    xaudit x = {.s = {.steps = steps_across, .left = steps_report, .use_lp = use_relaxation}};
    size_t nz = 0, *zr = NULL, (*zp)[2] = NULL, nzp = 0, nun = 0, nown = 0;
    xown *own = NULL;
    xunion *un = NULL;
    long long *box = NULL, *scratch = NULL, published = 0;
    int rc = collect_keys(&x, r, &published);
    if (rc == ITAV_OK)
        drop_sums(r, &x);
    if (rc == ITAV_OK)
        rc = offer_classes(&x, r);
    /* the atoms' days */
    if (rc == ITAV_OK && !(x.cut = itav__malloc((2 * r->nprior + 2) * sizeof *x.cut)))
        rc = ITAV_ENOMEM;
    if (rc != ITAV_OK)
        goto done;
    size_t ncut = 0;
    for (size_t p = 0; p <= r->nprior; p++) {
        span sp = p < r->nprior ? span_of(r->prior[p]->from, r->prior[p]->to)
                                : span_of(r->from, r->to);
        x.cut[ncut++] = sp.lo;
        x.cut[ncut++] = sp.hi;
    }
    qsort(x.cut, ncut, sizeof *x.cut, ll_cmp);
    size_t u = 0;
    for (size_t i = 0; i < ncut; i++)
        if (!u || x.cut[u - 1] != x.cut[i])
            x.cut[u++] = x.cut[i];
    x.na = u - 1;
    /* the variables: key by atom by class, then one per hidden count (earlier, then this
     * report's) */
    size_t nv = x.nk * x.na * x.ncls;
    zr = itav__malloc((x.nk ? x.nk : 1) * sizeof *zr);
    size_t ncells = 0;
    for (size_t p = 0; p < r->nprior; p++)
        ncells += r->prior[p]->ncells;
    zp = itav__malloc((ncells ? ncells : 1) * sizeof *zp);
    size_t nmine = 0;
    for (size_t t = 0; t < r->ntables; t++)
        nmine += r->tables[t].rows;
    /* a sum key's relation: its atoms, and a hidden count per row of a release or the report */
    size_t most_terms = x.na * x.ncls + 1 + ncells + nmine;
    for (size_t i = 0; i < r->nrelations; i++)
        most_terms = r->relations[i].n > most_terms ? r->relations[i].n : most_terms;
    x.var = itav__malloc(most_terms * sizeof *x.var);
    x.a = itav__malloc(most_terms * sizeof *x.a);
    x.used = itav__calloc(nv ? nv : 1, sizeof *x.used);
    size_t *zcell = itav__malloc((ncells ? ncells : 1) * sizeof *zcell);
    if (!zr || !zp || !x.var || !x.a || !x.used || !zcell) {
        itav__free(zcell);
        rc = ITAV_ENOMEM;
        goto done;
    }
    span now = span_of(r->from, r->to);
    int protection = r->protection;
    for (size_t p = 0, flat = 0; rc == ITAV_OK && p < r->nprior; p++) {
        const itav_release *rl = r->prior[p];
        span sp = span_of(rl->from, rl->to);
        bool same = same_end(rl, r);
        protection = rl->protection > protection ? rl->protection : protection;
        for (size_t i = 0; rc == ITAV_OK && i < rl->ncells; i++, flat++) {
            const itav__release_cell *c = &rl->cells[i];
            /* a row this report does not name still adds up to its column's sum */
            size_t k = key_of(r, &x, c->table, c->row, c->column);
            size_t sk = strcmp(c->row, ITAV__TOTAL_LABEL)
                            ? sum_key_of(r, &x, c->table, c->column) : SIZE_MAX;
            size_t kk = k != SIZE_MAX ? k : sk;
            zcell[flat] = SIZE_MAX;
            if (kk == SIZE_MAX || (x.keys[kk].kind == X_AT_END && !same))
                continue;
            size_t z = SIZE_MAX;
            /* a perturbed release's count is a variable too, bounded below (perturbed_bounds) */
            if (c->hidden || rl->method == ITAV_REPORT_PERTURB) {
                z = nv + nz++;
                zp[nzp][0] = p;
                zp[nzp++][1] = i;
            }
            if (!c->hidden)
                published += c->value + ITAV_REPORT_PERTURB_MAX_NOISE;
            zcell[flat] = z;
            if (k != SIZE_MAX)
                rc = relate_cell(&x, k, sp, p, z, c->value);
        }
    }
    /* each release's rows add up to the sum of their column over its days and offers: the
     * row other municipalities is the sum less the rows named */
    for (size_t p = 0, flat = 0; rc == ITAV_OK && p < r->nprior; flat += r->prior[p++]->ncells) {
        const itav_release *rl = r->prior[p];
        span sp = span_of(rl->from, rl->to);
        for (size_t k = 0; rc == ITAV_OK && k < x.nk; k++) {
            if (!x.keys[k].sum || (x.keys[k].kind == X_AT_END && !same_end(rl, r)))
                continue;
            const itav__table *t = &r->tables[x.keys[k].table];
            size_t n = put_atoms(&x, k, sp, p), rows = 0;
            long long b = 0;
            for (size_t i = 0; i < rl->ncells; i++) {
                const itav__release_cell *c = &rl->cells[i];
                if (strcmp(c->table, t->name) || strcmp(c->column, t->columns.v[x.keys[k].cell]) ||
                    !strcmp(c->row, ITAV__TOTAL_LABEL))
                    continue;
                rows++;
                if (zcell[flat + i] != SIZE_MAX) {
                    x.var[n] = zcell[flat + i];
                    x.a[n++] = -1;
                } else {
                    b += c->value;
                }
            }
            if (rows) /* a release without the column says nothing of its sum */
                rc = push_eq(&x.s, &x.capc, x.var, x.a, n, b);
        }
    }
    itav__free(zcell);
    /* the report's relations within every atom, where all their counts are counts of
     * reviews (the matches started and by state do not share atoms) */
    for (size_t i = 0; rc == ITAV_OK && i < r->nrelations; i++) {
        const itav__relation *rel = &r->relations[i];
        bool all = true;
        for (size_t j = 0; all && j < rel->n; j++) {
            size_t k = key_at(&x, rel->terms[j].table, rel->terms[j].cell);
            all = k != SIZE_MAX && x.keys[k].kind == X_REVIEWS;
        }
        for (size_t at = 0; all && rc == ITAV_OK && at < x.na; at++)
            for (size_t c = 0; rc == ITAV_OK && c < x.ncls; c++) {
                for (size_t j = 0; j < rel->n; j++) {
                    size_t k = key_at(&x, rel->terms[j].table, rel->terms[j].cell);
                    x.var[j] = atom_var(&x, k, at, c);
                    x.a[j] = rel->terms[j].coef;
                }
                rc = rel->equal ? push_eq(&x.s, &x.capc, x.var, x.a, rel->n, 0)
                                : push_con(&x.s, &x.capc, x.var, x.a, rel->n, 0);
            }
    }
    /* this report's cells last: without them, the system is what was published before */
    size_t nc0 = x.s.nc, nz0 = nz;

    for (size_t k = 0; rc == ITAV_OK && k < x.nk; k++) {
        zr[k] = SIZE_MAX;
        if (x.keys[k].sum)
            continue;
        const itav__cell *c = &r->tables[x.keys[k].table].cells[x.keys[k].cell];
        zr[k] = c->suppressed || r->perturb ? nv + nz++ : SIZE_MAX;
        if (r->perturb)
            published += ITAV_REPORT_PERTURB_MAX_NOISE;
        rc = relate_cell(&x, k, now, r->nprior, zr[k], (long long)c->value);
    }
    /* and this report's rows add up to the sums */
    for (size_t k = 0; rc == ITAV_OK && k < x.nk; k++) {
        if (!x.keys[k].sum)
            continue;
        const itav__table *t = &r->tables[x.keys[k].table];
        size_t n = put_atoms(&x, k, now, r->nprior);
        long long b = 0;
        for (size_t row = 0; row < t->rows; row++) {
            size_t i = row * t->columns.n + x.keys[k].cell, kr;
            const itav__cell *c = &t->cells[i];
            if (!summed_row(t, row) || !c->count)
                continue;
            if (c->suppressed || r->perturb) { /* a perturbed count is not the true one */
                kr = key_at(&x, x.keys[k].table, i);
                x.var[n] = kr != SIZE_MAX && zr[kr] != SIZE_MAX ? zr[kr] : nv + nz++;
                x.a[n++] = -1;
                /* a hidden count of a row that is no key (other municipalities): checked
                 * below as the keys' are */
                if ((kr == SIZE_MAX || zr[kr] == SIZE_MAX) && !r->perturb &&
                    (rc = push_own(&own, &nown, x.keys[k].table, i, x.var[n - 1])) != ITAV_OK)
                    break;
            } else if (c->kind == ITAV__CELL_NUMBER) {
                b += (long long)c->value;
            }
        }
        if (rc == ITAV_OK)
            rc = push_eq(&x.s, &x.capc, x.var, x.a, n, b);
    }
    x.s.nv = nv + nz;
    /* the unions of atoms, defined before this report's cells: they belong to both systems */
    size_t nc1 = x.s.nc;
    if (rc == ITAV_OK)
        rc = add_unions(&x, &un, &nun);
    if (rc == ITAV_OK)
        rc = rotate_cons(&x.s, nc0, nc1);
    nc0 += x.s.nc - nc1;
    x.s.nv = nv + nz + nun;
    x.s.cap = published + protection + r->k + 1;
    if (rc == ITAV_OK)
        rc = sys_index(&x.s);
    if (rc == ITAV_OK && x.s.nv &&
        (!(box = itav__malloc(4 * x.s.nv * sizeof *box)) ||
         !(scratch = itav__malloc(2 * x.s.nv * sizeof *scratch))))
        rc = ITAV_ENOMEM;
    if (rc != ITAV_OK || !x.s.nv)
        goto done;
    long long *lo = box, *hi = box + x.s.nv, *lo0 = hi + x.s.nv, *hi0 = lo0 + x.s.nv;
    for (size_t v = 0; v < x.s.nv; v++) {
        lo[v] = 0;
        hi[v] = v < nv && !x.used[v] ? 0 : x.s.cap; /* an atom nothing counts is empty */
    }
    if (!perturbed_bounds(r, &x, zp, nzp, zr, nv, lo, hi)) {
        r->audit_passed = false; /* a perturbed count no true count gives: not this data */
        r->releases_disagree = true;
        goto done;
    }
    memcpy(lo0, lo, x.s.nv * sizeof *lo);
    memcpy(hi0, hi, x.s.nv * sizeof *hi);
    for (size_t v = nv + nz0; v < nv + nz; v++)
        lo0[v] = hi0[v] = 0; /* this report's hidden counts, not in the system without it */
    size_t nc = x.s.nc;
    x.s.nc = nc0;
    bool consistent0 = propagate(&x.s, lo0, hi0, SIZE_MAX);
    x.s.nc = nc;
    /* the true counts satisfy it all, unless the data changed since a release (an erasure,
     * a late review): then nothing is known to be safe, and the report is refused */
    bool consistent = consistent0 && propagate(&x.s, lo, hi, SIZE_MAX);
    if (!consistent) {
        r->audit_passed = false;
        r->releases_disagree = true;
        goto done;
    }
    /* this report's hidden counts: those of the keys, then those of the rows that are none */
    for (size_t k = 0; rc == ITAV_OK && k < x.nk + nown; k++) {
        size_t v = k < x.nk ? zr[k] : own[k - x.nk].v;
        if (v == SIZE_MAX || r->perturb) /* a perturbed report hides no count */
            continue;
        itav__cell *c = k < x.nk ? &r->tables[x.keys[k].table].cells[x.keys[k].cell]
                                 : &r->tables[own[k - x.nk].table].cells[own[k - x.nk].cell];
        long long least = 0, most = -1;
        rc = interval(&x.s, lo, hi, v, &least, &most, scratch);
        if (least > c->low)
            c->low = least;
        if (most < x.s.cap && (c->high < 0 || most < c->high))
            c->high = most;
        bool safe = c->high < 0 || c->high - c->low >= r->protection;
        if (c->why == ITAV_HIDDEN_PRIMARY && c->low > 1)
            safe = false;
        c->safe = c->safe && safe;
        if (!c->safe)
            r->audit_passed = false;
    }
    /* the earlier releases' hidden counts, and the counts of the atoms and their unions,
     * which are differences of the published cells (of this report's days and offers, or of
     * a release's outside them): none may give someone away unless the earlier releases had
     * done so already */
    size_t nchecks = nzp + nv + nun;
    for (size_t i = 0; rc == ITAV_OK && i < nchecks; i++) {
        size_t v, k;
        int width, kk = r->k;
        if (i < nzp) {
            const itav_release *rl = r->prior[zp[i][0]];
            const itav__release_cell *c = &rl->cells[zp[i][1]];
            if (!c->hidden)
                continue; /* a perturbed count: shown, a bound, nothing to keep wide */
            v = nv + i;
            width = rl->protection;
            kk = 0; /* a hidden count keeps its width whatever it holds */
            k = key_of(r, &x, c->table, c->row, c->column);
            if (k == SIZE_MAX) /* a row this report does not name: its column's sum */
                k = sum_key_of(r, &x, c->table, c->column);
        } else if (i >= nzp + nv) {
            v = nv + nz + (i - nzp - nv);
            k = un[i - nzp - nv].k;
            if (hi[v] == 0 || lo[v] > r->k - 1) /* as for an atom, below */
                continue;
            width = r->protection;
        } else {
            v = i - nzp;
            k = v / (x.na * x.ncls);
            size_t at = (v / x.ncls) % x.na;
            if (!x.used[v] || (x.keys[k].kind == X_AT_END && at))
                continue;
            /* the narrowed box holds the interval: an atom it pins to 0 or keeps at k or
             * more gives nobody away, and most atoms of a report are so (most cells are 0) */
            if (hi[v] == 0 || lo[v] > r->k - 1)
                continue;
            width = r->protection;
        }
        int bad = narrowed(&x.s, lo, hi, v, kk, width, 1, scratch); /* unsettled: given away */
        if (bad <= 0) {
            rc = bad;
            continue;
        }
        /* given away before this report? then this report adds nothing to it */
        if ((bad = narrowed_before(&x.s, nc0, lo0, hi0, v, kk, width, scratch)) != 0) {
            rc = bad < 0 ? bad : rc;
            continue;
        }
        /* a perturbed report: narrowed as far by its own counts alone? then it is its noise
         * that bounds the count, as the method means it to */
        if (r->perturb && i >= nzp) {
            long long least = 0, most = -1, alone_least, alone_most;
            if ((rc = interval(&x.s, lo, hi, v, &least, &most, scratch)) != ITAV_OK)
                break;
            size_t u0 = i >= nzp + nv ? i - nzp - nv : SIZE_MAX;
            if (alone_interval(r, &x, lo, hi, zr, k, u0 == SIZE_MAX ? v : SIZE_MAX,
                               u0 == SIZE_MAX ? NULL : &un[u0], now, &alone_least,
                               &alone_most) &&
                alone_most - alone_least <= most - least)
                continue;
        }
        /* this report gives it away: hide its count of it, or refuse when it is hidden */
        r->audit_passed = false;
        size_t cell = x.keys[k].cell;
        if (x.keys[k].sum) { /* a sum: hide a row of it (cell is its column) */
            size_t h = sum_cell_to_hide(r, &x.keys[k]);
            cell = h != SIZE_MAX ? h : cell;
        }
        const itav__cell *mine = &r->tables[x.keys[k].table].cells[cell];
        if (r->leak_table == SIZE_MAX) {
            r->leak_table = x.keys[k].table;
            r->leak_cell = cell;
        }
        if (r->pinned_table == SIZE_MAX && !mine->suppressed && mine->count && !r->perturb &&
            mine->kind == ITAV__CELL_NUMBER) {
            r->pinned_table = x.keys[k].table;
            r->pinned_cell = cell;
        }
    }
done:
    itav__free(x.keys);
    itav__free(x.cut);
    itav__free(x.var);
    itav__free(x.a);
    itav__free(x.in);
    itav__free(x.used);
    itav__free(zr);
    itav__free(zp);
    itav__free(own);
    itav__free(un);
    itav__free(box);
    itav__free(scratch);
    if (x.s.exhausted) { /* a bound on the time: every verdict after it is unknown */
        r->audit_passed = false;
        r->audit_exhausted = true;
    }
    sys_clear(&x.s);
    return rc;
}

/* ---- secondary suppression against the audit ---- */

static size_t unsafe_cells(const itav_report *r)
{
    size_t n = 0;
    for (size_t t = 0; t < r->ntables; t++)
        for (size_t i = 0; i < r->tables[t].rows * r->tables[t].columns.n; i++)
            n += hidden_count(&r->tables[t].cells[i]) && !r->tables[t].cells[i].safe;
    return n;
}

static bool unsafe_at(const itav_report *r, const itav__term *t)
{
    const itav__cell *c = &r->tables[t->table].cells[t->cell];
    return hidden_count(c) && !c->safe;
}

/* Whether the cell is the whole of some relation (a total the others are parts of). */
static bool is_whole(const itav_report *r, size_t table, size_t cell)
{
    for (size_t i = 0; i < r->nrelations; i++)
        for (size_t j = 0; j < r->relations[i].n; j++)
            if (r->relations[i].terms[j].table == table && r->relations[i].terms[j].cell == cell &&
                r->relations[i].terms[j].coef < 0)
                return true;
    return false;
}

/* The cost of hiding a published count: the people it hides, twice that for a total (a total
 * hides what its parts show), and a 0 only when nothing else can be hidden: a hidden 0 that
 * another report shows protects nothing. */
static double hiding_cost(const itav_report *r, size_t table, size_t cell)
{
    double v = r->tables[table].cells[cell].value;
    return (v == 0 ? 1e12 : v) * (is_whole(r, table, cell) ? 2 : 1);
}

int itav__report_choose(itav_report *r, size_t *table, size_t *cell)
{
    size_t before = unsafe_cells(r), best_unsafe = SIZE_MAX;
    double best_cost = 0;
    int found = 0, rc = ITAV_OK;
    for (size_t i = 0; rc == ITAV_OK && i < r->nrelations; i++) {
        const itav__relation *rel = &r->relations[i];
        bool touches = false;
        for (size_t j = 0; j < rel->n && !touches; j++)
            touches = unsafe_at(r, &rel->terms[j]);
        for (size_t j = 0; touches && rc == ITAV_OK && j < rel->n; j++) {
            itav__cell *c = &r->tables[rel->terms[j].table].cells[rel->terms[j].cell];
            if (c->suppressed || !c->count || c->kind != ITAV__CELL_NUMBER)
                continue;
            /* try it: hidden, as far as the audit reads the cell */
            c->suppressed = true;
            c->why = ITAV_HIDDEN_SECONDARY;
            rc = itav__report_audit(r);
            size_t after = unsafe_cells(r);
            c->suppressed = false;
            c->why = ITAV_HIDDEN_NOT;
            double cost = hiding_cost(r, rel->terms[j].table, rel->terms[j].cell);
            if (rc == ITAV_OK && after < before &&
                (after < best_unsafe || (after == best_unsafe && cost < best_cost))) {
                best_unsafe = after;
                best_cost = cost;
                *table = rel->terms[j].table;
                *cell = rel->terms[j].cell;
                found = 1;
            }
        }
    }
    int again = itav__report_audit(r); /* the verdicts of the report as it is */
    return rc != ITAV_OK ? rc : again != ITAV_OK ? again : found;
}
