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

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
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
    r->pinned_table = SIZE_MAX;
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
    return rc == ITAV_OK && r->nprior ? itav__release_audit(r) : rc;
}

/* ---- across releases ----
 * The counts of these tables add up over periods: each counts reviews dated in the period.
 * Cut the days at every first day and every day after a last day of this report's period and
 * of the earlier releases' periods: each piece ("atom") has its own unknown count per cell,
 * and a cell of a period is the sum of its atoms. The relations of the report hold within
 * every atom, as they hold for any period. */
static const char *const additive_tables[] = {"reviews", "effects", "formal_help", NULL};

static bool additive(const char *name)
{
    for (size_t i = 0; additive_tables[i]; i++)
        if (!strcmp(additive_tables[i], name))
            return true;
    return false;
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
    size_t table, cell;
} xkey;

typedef struct xaudit {
    sys s;
    size_t capc;
    xkey *keys;
    size_t nk;
    long long *cut; /* the atoms' edges: atom a is [cut[a], cut[a + 1]) */
    size_t na;
    size_t *var;   /* scratch: na + 1 variables */
    long long *a;  /* scratch: their coefficients */
} xaudit;

/* The key of a report's cell by table name, row label and column heading, or SIZE_MAX. */
static size_t key_of(const itav_report *r, const xaudit *x, const char *table, const char *row,
                     const char *column)
{
    for (size_t k = 0; k < x->nk; k++) {
        const itav__table *t = &r->tables[x->keys[k].table];
        size_t ncol = t->columns.n, rw = x->keys[k].cell / ncol, col = x->keys[k].cell % ncol;
        const itav__cell *label = &t->cells[rw * ncol];
        if (!strcmp(t->name, table) && !strcmp(t->columns.v[col], column) &&
            !strcmp(label->text ? label->text : "", row))
            return k;
    }
    return SIZE_MAX;
}

/* x[z] (z SIZE_MAX: the value b) equals the count of key k over the period sp. */
static int relate_period(xaudit *x, size_t k, span sp, size_t z, long long b)
{
    size_t n = 0;
    for (size_t at = 0; at < x->na; at++)
        if (sp.lo <= x->cut[at] && x->cut[at + 1] <= sp.hi) {
            x->var[n] = k * x->na + at;
            x->a[n++] = 1;
        }
    if (z != SIZE_MAX) {
        x->var[n] = z;
        x->a[n++] = -1;
        b = 0;
    }
    return push_eq(&x->s, &x->capc, x->var, x->a, n, b);
}

int itav__release_audit(itav_report *r)
{
    xaudit x = {0};
    size_t nz = 0, *zr = NULL, (*zp)[2] = NULL, nzp = 0;
    long long *box = NULL, *scratch = NULL, published = 0;
    int rc = ITAV_OK;
    /* the keys: the counts of the tables that add up over periods, totals left out */
    for (size_t t = 0; t < r->ntables; t++) {
        const itav__table *tab = &r->tables[t];
        if (!additive(tab->name))
            continue;
        for (size_t i = 0; i < tab->rows * tab->columns.n; i++) {
            const itav__cell *label = &tab->cells[(i / tab->columns.n) * tab->columns.n];
            if (!tab->cells[i].count ||
                (label->text && !strcmp(label->text, ITAV__TOTAL_LABEL)))
                continue;
            xkey *v = itav__realloc(x.keys, (x.nk + 1) * sizeof *v);
            if (!v) {
                rc = ITAV_ENOMEM;
                goto done;
            }
            x.keys = v;
            x.keys[x.nk++] = (xkey){t, i};
            if (!tab->cells[i].suppressed && tab->cells[i].kind == ITAV__CELL_NUMBER)
                published += (long long)tab->cells[i].value;
        }
    }
    /* the atoms */
    if (!(x.cut = itav__malloc((2 * r->nprior + 2) * sizeof *x.cut))) {
        rc = ITAV_ENOMEM;
        goto done;
    }
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
    /* the variables: key by atom, then one per hidden count (this report's, then earlier) */
    size_t nv = x.nk * x.na;
    zr = itav__malloc((x.nk ? x.nk : 1) * sizeof *zr);
    size_t ncells = 0;
    for (size_t p = 0; p < r->nprior; p++)
        ncells += r->prior[p]->ncells;
    zp = itav__malloc((ncells ? ncells : 1) * sizeof *zp);
    size_t most_terms = x.na + 1;
    for (size_t i = 0; i < r->nrelations; i++)
        most_terms = r->relations[i].n > most_terms ? r->relations[i].n : most_terms;
    x.var = itav__malloc(most_terms * sizeof *x.var);
    x.a = itav__malloc(most_terms * sizeof *x.a);
    if (!zr || !zp || !x.var || !x.a) {
        rc = ITAV_ENOMEM;
        goto done;
    }
    span now = span_of(r->from, r->to);
    for (size_t k = 0; rc == ITAV_OK && k < x.nk; k++) {
        const itav__cell *c = &r->tables[x.keys[k].table].cells[x.keys[k].cell];
        zr[k] = c->suppressed ? nv + nz++ : SIZE_MAX;
        rc = relate_period(&x, k, now, zr[k], (long long)c->value);
    }
    int protection = r->protection;
    for (size_t p = 0; rc == ITAV_OK && p < r->nprior; p++) {
        const itav_release *rl = r->prior[p];
        protection = rl->protection > protection ? rl->protection : protection;
        for (size_t i = 0; rc == ITAV_OK && i < rl->ncells; i++) {
            const itav__release_cell *c = &rl->cells[i];
            size_t k = key_of(r, &x, c->table, c->row, c->column);
            if (k == SIZE_MAX)
                continue;
            size_t z = SIZE_MAX;
            if (c->hidden) {
                z = nv + nz++;
                zp[nzp][0] = p;
                zp[nzp++][1] = i;
            } else {
                published += c->value;
            }
            rc = relate_period(&x, k, span_of(rl->from, rl->to), z, c->value);
        }
    }
    /* the report's relations within every atom, where all their counts are keys */
    for (size_t i = 0; rc == ITAV_OK && i < r->nrelations; i++) {
        const itav__relation *rel = &r->relations[i];
        bool all = true;
        for (size_t j = 0; all && j < rel->n; j++) {
            size_t k = 0;
            while (k < x.nk && !(x.keys[k].table == rel->terms[j].table &&
                                 x.keys[k].cell == rel->terms[j].cell))
                k++;
            all = k < x.nk;
        }
        for (size_t at = 0; all && rc == ITAV_OK && at < x.na; at++) {
            for (size_t j = 0; j < rel->n; j++) {
                size_t k = 0;
                while (x.keys[k].table != rel->terms[j].table ||
                       x.keys[k].cell != rel->terms[j].cell)
                    k++;
                x.var[j] = k * x.na + at;
                x.a[j] = rel->terms[j].coef;
            }
            rc = rel->equal ? push_eq(&x.s, &x.capc, x.var, x.a, rel->n, 0)
                            : push_con(&x.s, &x.capc, x.var, x.a, rel->n, 0);
        }
    }
    x.s.nv = nv + nz;
    x.s.cap = published + protection + r->k + 1;
    if (rc == ITAV_OK && x.s.nv &&
        (!(box = itav__malloc(2 * x.s.nv * sizeof *box)) ||
         !(scratch = itav__malloc(2 * x.s.nv * sizeof *scratch))))
        rc = ITAV_ENOMEM;
    if (rc != ITAV_OK || !nz)
        goto done;
    long long *lo = box, *hi = box + x.s.nv;
    for (size_t v = 0; v < x.s.nv; v++) {
        lo[v] = 0;
        hi[v] = x.s.cap;
    }
    /* the true counts satisfy it all, unless the data changed since (an erasure): then
     * nothing is known to be safe */
    bool consistent = propagate(&x.s, lo, hi);
    if (!consistent)
        r->audit_passed = false;
    for (size_t k = 0; rc == ITAV_OK && k < x.nk; k++) {
        if (zr[k] == SIZE_MAX)
            continue;
        itav__cell *c = &r->tables[x.keys[k].table].cells[x.keys[k].cell];
        long long least = 0, most = -1;
        if (consistent)
            rc = interval(&x.s, lo, hi, zr[k], &least, &most, scratch);
        if (least > c->low)
            c->low = least;
        if (most < x.s.cap && (c->high < 0 || most < c->high))
            c->high = most;
        bool safe = consistent && (c->high < 0 || c->high - c->low >= r->protection);
        if (c->why == ITAV_HIDDEN_PRIMARY && c->low > 1)
            safe = false;
        c->safe = c->safe && safe;
        if (!c->safe)
            r->audit_passed = false;
    }
    for (size_t i = 0; rc == ITAV_OK && i < nzp; i++) {
        const itav_release *rl = r->prior[zp[i][0]];
        const itav__release_cell *c = &rl->cells[zp[i][1]];
        long long least = 0, most = -1;
        if (consistent)
            rc = interval(&x.s, lo, hi, nv + (nz - nzp) + i, &least, &most, scratch);
        if (consistent && (most >= x.s.cap || most - least >= rl->protection))
            continue;
        /* pinned: hide this report's count of it, or refuse when it is hidden already */
        r->audit_passed = false;
        size_t k = key_of(r, &x, c->table, c->row, c->column);
        const itav__cell *mine = &r->tables[x.keys[k].table].cells[x.keys[k].cell];
        if (r->pinned_table == SIZE_MAX && !mine->suppressed &&
            mine->kind == ITAV__CELL_NUMBER) {
            r->pinned_table = x.keys[k].table;
            r->pinned_cell = x.keys[k].cell;
        }
    }
done:
    itav__free(x.keys);
    itav__free(x.cut);
    itav__free(x.var);
    itav__free(x.a);
    itav__free(zr);
    itav__free(zp);
    itav__free(box);
    itav__free(scratch);
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
