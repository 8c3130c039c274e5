/* The audit of a report's hidden counts (docs/guide.md, "The audit"). An attacker knows every
 * published count and the linear relations between the report's counts (itav__relation:
 * the outcomes of formal help add up to the final reviews, a part is at most its whole, ...),
 * and that every count is a non-negative integer. For each hidden count the audit finds the
 * least and the greatest value it can take in some assignment of all hidden counts that
 * agrees with all of that: the interval the attacker can derive.
 *
 * The method is exact rather than linear programming: bounds propagation over the relations
 * and a complete search that halves a domain at each step, so the interval is that of the
 * integer problem, not of its relaxation, and every end of it is a solution the search found.
 * The systems are small (tens of hidden cells, relations of a few terms). A search that runs
 * out of its budget counts as "no solution", which only narrows the interval: the verdict
 * may then be "unsafe" for a safe cell, never "safe" for an unsafe one. GLPK would do the
 * same with linear programming, but it is GPL-3.0, and linking it would put every program that
 * embeds this MIT library under the GPL. */
#include "evaluation/evaluation_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

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
    long budget;    /* search nodes left for one question */
} sys;

static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static long long ceil_div(long long a, long long b) { return -floor_div(-a, b); }

/* Narrows lo/hi to what the relations allow. Returns false when no value is left. It stops
 * after a number of rounds: narrowing is only pruning, the search decides. */
static bool propagate(const sys *s, long long *lo, long long *hi)
{
    for (int round = 0; round < 64; round++) {
        bool changed = false;
        for (size_t i = 0; i < s->nc; i++) {
            const con *c = &s->c[i];
            long long least = 0;
            for (size_t j = 0; j < c->n; j++)
                least += c->a[j] * (c->a[j] > 0 ? lo[c->var[j]] : hi[c->var[j]]);
            if (least > c->b)
                return false;
            for (size_t j = 0; j < c->n; j++) {
                size_t v = c->var[j];
                long long a = c->a[j];
                long long room = c->b - (least - a * (a > 0 ? lo[v] : hi[v]));
                if (a > 0 && floor_div(room, a) < hi[v]) {
                    hi[v] = floor_div(room, a);
                    changed = true;
                } else if (a < 0 && ceil_div(room, a) > lo[v]) {
                    lo[v] = ceil_div(room, a);
                    changed = true;
                }
                if (lo[v] > hi[v])
                    return false;
            }
        }
        if (!changed)
            break;
    }
    return true;
}

/* Whether some integer point of the box lo..hi satisfies every relation: 1, 0, or
 * ITAV_ENOMEM. The box is the caller's and is changed. */
static int feasible(sys *s, long long *lo, long long *hi)
{
    if (s->budget-- <= 0 || !propagate(s, lo, hi))
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
    long long *box = itav__malloc(4 * s->nv * sizeof *box);
    if (!box)
        return ITAV_ENOMEM;
    long long *lo2 = box, *hi2 = box + s->nv, mid = lo[pick] + (hi[pick] - lo[pick]) / 2;
    int found = 0;
    for (int half = 0; half < 2 && found == 0; half++) {
        memcpy(lo2, lo, s->nv * sizeof *lo);
        memcpy(hi2, hi, s->nv * sizeof *hi);
        if (half == 0)
            hi2[pick] = mid;
        else
            lo2[pick] = mid + 1;
        found = feasible(s, lo2, hi2);
    }
    itav__free(box);
    return found;
}

/* Whether x[v] can be at most t (below) or at least t (!below), from the box lo..hi. */
static int can_be(sys *s, const long long *lo, const long long *hi, size_t v, long long t,
                  bool below, long long *scratch)
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
    s->budget = 20000;
    return feasible(s, l, h);
}

/* The least and greatest value of x[v]: a binary search on "at most t" and "at least t". */
static int interval(sys *s, const long long *lo, const long long *hi, size_t v,
                    long long *least, long long *most, long long *scratch)
{
    long long a = lo[v], b = hi[v];
    while (a < b) { /* the least t with "at most t" possible */
        long long mid = a + (b - a) / 2;
        int ok = can_be(s, lo, hi, v, mid, true, scratch);
        if (ok < 0)
            return ok;
        if (ok)
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
        if (ok)
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
}

int itav__report_audit(itav_report *r)
{
    sys s = {0};
    size_t capc = 0, nv = 0;
    size_t **var_of = itav__calloc(r->ntables ? r->ntables : 1, sizeof *var_of);
    long long *box = NULL, *scratch = NULL, published = 0;
    int rc = var_of ? ITAV_OK : ITAV_ENOMEM;
    r->audit_passed = true;
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
    bool consistent = rc != ITAV_OK || !nv || propagate(&s, lo, hi);
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
