/* Assignment: the best set of matches for the waiting list of an offer.
 *
 * The solver (solver.h) works on integer gains, columns with capacities and a private
 * "unmatched" column per row. As a min-cost problem (cost = -gain) with dual u (rows) and
 * v (columns, v <= 0): every reduced cost c - u - v is >= 0, matched edges have reduced cost
 * 0, and a column with v < 0 is full. Successive shortest paths keep that true: Dijkstra on
 * reduced costs from a free row stops at the first column with room (distance D); the
 * columns it finished get v += dist - D, the rows it reached u += D - dist(their column), which
 * keeps every reduced cost >= 0 and makes the path tight; free columns are never touched, so
 * they keep v = 0.
 *
 * At the end (u, v) is an optimal dual, so the optimal assignments are exactly those that
 * use only tight edges and fill every column with v < 0. The tie rule then fixes the rows in
 * order: each row moves to the best tight column still reachable by an alternating path of
 * tight edges through the rows not yet fixed (see try_move).
 */
#include "internal.h"
#include "solver.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the solver ---- */

typedef struct heap_item {
    int64_t key;
    int col;
} heap_item;

typedef struct solver {
    int nrows, ncols, nall; /* nall = ncols + nrows: one "unmatched" column per row */
    int *start, *adj;       /* edges by row: adj[start[i] .. start[i+1]) */
    int64_t *cost;          /* -gain */
    int *cap, *used, *first; /* per column; first: a row in it or -1 */
    int *next, *prev, *at;   /* per row: the list of rows of its column, its column */
    int64_t *u, *v;
    /* scratch */
    int64_t *dist;
    int64_t bound; /* the smallest distance to a column with room found in this search */
    int *pred, *finals, *tree, *parent, *mover, *stack;
    unsigned *seen, *done, stamp;
    heap_item *heap;
    size_t hn, hcap;
    char *fixed;
    int *zero; /* the columns with v = 0 (fixed once the tie rule runs) */
    int nzero;
} solver;

static int dummy(const solver *S, int row) { return S->ncols + row; }

static void unlink_row(solver *S, int i)
{
    int c = S->at[i];
    if (c < 0)
        return;
    if (S->prev[i] >= 0)
        S->next[S->prev[i]] = S->next[i];
    else
        S->first[c] = S->next[i];
    if (S->next[i] >= 0)
        S->prev[S->next[i]] = S->prev[i];
    S->used[c]--;
    S->at[i] = -1;
}

static void move_row(solver *S, int i, int col)
{
    unlink_row(S, i);
    S->prev[i] = -1;
    S->next[i] = S->first[col];
    if (S->first[col] >= 0)
        S->prev[S->first[col]] = i;
    S->first[col] = i;
    S->used[col]++;
    S->at[i] = col;
}

static int heap_push(solver *S, int64_t key, int col)
{
    if (S->hn == S->hcap) {
        size_t cap = S->hcap ? S->hcap * 2 : 256;
        heap_item *h = itav__realloc(S->heap, cap * sizeof *h);
        if (!h)
            return ITAV_ENOMEM;
        S->heap = h;
        S->hcap = cap;
    }
    size_t i = S->hn++;
    while (i > 0 && S->heap[(i - 1) / 2].key > key) {
        S->heap[i] = S->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    S->heap[i].key = key;
    S->heap[i].col = col;
    return ITAV_OK;
}

static heap_item heap_pop(solver *S)
{
    heap_item top = S->heap[0], last = S->heap[--S->hn];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= S->hn)
            break;
        if (c + 1 < S->hn && S->heap[c + 1].key < S->heap[c].key)
            c++;
        if (S->heap[c].key >= last.key)
            break;
        S->heap[i] = S->heap[c];
        i = c;
    }
    if (S->hn)
        S->heap[i] = last;
    return top;
}

/* A column at or beyond the bound is never reached before the column that set it, so it is
 * not queued: on dense graphs that keeps most edges out of the heap. */
static int relax(solver *S, int col, int64_t d, int row)
{
    if (d >= S->bound || S->done[col] == S->stamp ||
        (S->seen[col] == S->stamp && S->dist[col] <= d))
        return ITAV_OK;
    S->seen[col] = S->stamp;
    S->dist[col] = d;
    S->pred[col] = row;
    if (S->used[col] < S->cap[col])
        S->bound = d;
    return heap_push(S, d, col);
}

static int relax_row(solver *S, int i, int64_t di)
{
    int rc = relax(S, dummy(S, i), di - S->u[i] - S->v[dummy(S, i)], i);
    const int *adj = S->adj;
    const int64_t *cost = S->cost, *v = S->v, base = di - S->u[i];
    for (int e = S->start[i], end = S->start[i + 1]; e < end && rc == ITAV_OK; e++) {
        int64_t d = base + cost[e] - v[adj[e]];
        if (d < S->bound) /* the test relax() starts with, kept in this loop for speed */
            rc = relax(S, adj[e], d, i);
    }
    return rc;
}

/* One shortest augmenting path from the free row s (see the comment at the top). */
static int augment(solver *S, int s)
{
    int nfinals = 0, ntree = 0, target = -1;
    int64_t D = 0;
    S->stamp++;
    S->hn = 0;
    S->bound = INT64_MAX;
    int rc = relax_row(S, s, 0);
    while (rc == ITAV_OK && S->hn) {
        heap_item h = heap_pop(S);
        int j = h.col;
        if (S->done[j] == S->stamp || h.key != S->dist[j])
            continue;
        S->done[j] = S->stamp;
        S->finals[nfinals++] = j;
        if (S->used[j] < S->cap[j]) {
            target = j;
            D = h.key;
            break;
        }
        for (int r = S->first[j]; r >= 0 && rc == ITAV_OK; r = S->next[r]) {
            S->tree[ntree++] = r;
            rc = relax_row(S, r, h.key);
        }
    }
    if (rc != ITAV_OK)
        return rc;
    /* s's own "unmatched" column always has room, so a target was found */
    for (int f = 0; f < nfinals; f++)
        S->v[S->finals[f]] += S->dist[S->finals[f]] - D;
    S->u[s] += D;
    for (int t = 0; t < ntree; t++)
        S->u[S->tree[t]] += D - S->dist[S->at[S->tree[t]]];
    for (int j = target;;) {
        int i = S->pred[j], from = S->at[i];
        move_row(S, i, j);
        if (i == s)
            break;
        j = from;
    }
    return ITAV_OK;
}

static bool tight(const solver *S, int row, int col, int64_t cost)
{
    return cost - S->u[row] - S->v[col] == 0;
}

/* Moves the rows along the path found by try_move, from its end back to row i. */
static void apply_path(solver *S, int y)
{
    while (y >= 0) {
        int p = S->parent[y];
        if (S->mover[y] >= 0)
            move_row(S, S->mover[y], y);
        y = p;
    }
}

/* Reaches node y from x (row `row` moving from x to y, or -1 for the arcs of the slack
 * node); true when y is the goal, after applying the path. */
static bool visit(solver *S, int y, int x, int row, int goal, int *sp)
{
    S->seen[y] = S->stamp;
    S->parent[y] = x;
    S->mover[y] = row;
    if (y == goal) {
        apply_path(S, y);
        return true;
    }
    S->stack[(*sp)++] = y;
    return false;
}

/* Tries to give row i (now in column a) column b while every fixed row keeps its column
 * and the total stays optimal.
 *
 * Moving i takes one from a and gives one to b. The other changes must balance that with
 * rows not yet fixed moving along tight edges: a path of columns b -> ... -> a, where x -> y
 * means a row of x moves to y. The path may also pass once through the slack node T:
 * x -> T when x has room (x ends up with one more) and T -> g when v[g] = 0 (g may end up
 * with one less). Any optimal assignment with i in b differs from the current one by such
 * a path plus changes that do not involve i, so the search is complete. It is a depth-first
 * search; nodes seen by a failed try of the same row stay seen, as they cannot reach a on a
 * later try either. */
static bool try_move(solver *S, int i, int a, int b)
{
    const int T = S->nall;
    int sp = 0;
    if (visit(S, b, -1, i, a, &sp))
        return true;
    while (sp) {
        int x = S->stack[--sp];
        if (x == T) {
            for (int k = 0; k < S->nzero; k++) {
                int g = S->zero[k];
                if (S->seen[g] != S->stamp && (g == a || S->first[g] >= 0) &&
                    visit(S, g, T, -1, a, &sp))
                    return true;
            }
            continue;
        }
        if (S->used[x] < S->cap[x] && S->seen[T] != S->stamp && visit(S, T, x, -1, a, &sp))
            return true;
        for (int r = S->first[x]; r >= 0; r = S->next[r]) {
            if (S->fixed[r] || r == i)
                continue;
            int d = dummy(S, r);
            if (S->seen[d] != S->stamp && tight(S, r, d, 0) && visit(S, d, x, r, a, &sp))
                return true;
            for (int e = S->start[r]; e < S->start[r + 1]; e++) {
                int y = S->adj[e];
                if (S->seen[y] != S->stamp && tight(S, r, y, S->cost[e]) &&
                    visit(S, y, x, r, a, &sp))
                    return true;
            }
        }
    }
    return false;
}

static int by_gain_then_col(const void *x, const void *y)
{
    const itav__edge *a = x, *b = y;
    if (a->gain != b->gain)
        return a->gain > b->gain ? -1 : 1;
    return a->col < b->col ? -1 : a->col > b->col;
}

/* The tie rule: rows in order, each to its best column still possible. Only tight edges
 * count (the dual does not change any more), so they are gathered once, best first. */
static int break_ties(solver *S)
{
    int most = 0;
    for (int i = 0; i < S->nrows; i++)
        if (S->start[i + 1] - S->start[i] > most)
            most = S->start[i + 1] - S->start[i];
    itav__edge *cand = itav__malloc(((size_t)most + 1) * sizeof *cand);
    if (!cand)
        return ITAV_ENOMEM;
    for (int j = 0; j < S->nall; j++)
        if (S->v[j] == 0)
            S->zero[S->nzero++] = j;
    for (int i = 0; i < S->nrows; i++) {
        size_t n = 0;
        for (int e = S->start[i]; e < S->start[i + 1]; e++)
            if (tight(S, i, S->adj[e], S->cost[e])) {
                cand[n].row = (uint32_t)i;
                cand[n].col = (uint32_t)S->adj[e];
                cand[n++].gain = -S->cost[e];
            }
        qsort(cand, n, sizeof *cand, by_gain_then_col);
        int a = S->at[i];
        S->stamp++;
        for (size_t c = 0; c <= n; c++) {
            int b = c < n ? (int)cand[c].col : dummy(S, i);
            if (b == a)
                break;
            if (c == n && !tight(S, i, b, 0))
                break;
            if (S->seen[b] != S->stamp && try_move(S, i, a, b))
                break;
        }
        S->fixed[i] = 1;
    }
    itav__free(cand);
    return ITAV_OK;
}

static void solver_free(solver *S)
{
    void *all[] = {S->start, S->adj,    S->cost,  S->cap,   S->used,   S->first, S->next,
                   S->prev,  S->at,     S->u,     S->v,     S->dist,   S->pred,  S->finals,
                   S->tree,  S->parent, S->mover, S->stack, S->seen,   S->done,  S->heap,
                   S->fixed,  S->zero};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        itav__free(all[k]);
}

static int solver_init(solver *S, size_t nrows, size_t ncols, const int *capacity,
                       const itav__edge *edges, size_t nedges)
{
    memset(S, 0, sizeof *S);
    if (nrows > INT32_MAX / 2 || ncols > INT32_MAX / 2 || nedges > INT32_MAX)
        return ITAV_EINVAL;
    for (size_t e = 0; e < nedges; e++)
        if (edges[e].row >= nrows || edges[e].col >= ncols || edges[e].gain < 0 ||
            edges[e].gain > ITAV__SOLVER_GAIN_MAX)
            return ITAV_EINVAL;
    S->nrows = (int)nrows;
    S->ncols = (int)ncols;
    S->nall = (int)(ncols + nrows);
    size_t nr = nrows + 1, na = (size_t)S->nall + 2, ne = nedges + 1; /* + slack node */
    S->start = itav__calloc(nr + 1, sizeof *S->start);
    S->adj = itav__malloc(ne * sizeof *S->adj);
    S->cost = itav__malloc(ne * sizeof *S->cost);
    S->cap = itav__calloc(na, sizeof *S->cap);
    S->used = itav__calloc(na, sizeof *S->used);
    S->first = itav__malloc(na * sizeof *S->first);
    S->next = itav__malloc(nr * sizeof *S->next);
    S->prev = itav__malloc(nr * sizeof *S->prev);
    S->at = itav__malloc(nr * sizeof *S->at);
    S->u = itav__calloc(nr, sizeof *S->u);
    S->v = itav__calloc(na, sizeof *S->v);
    S->dist = itav__malloc(na * sizeof *S->dist);
    S->pred = itav__malloc(na * sizeof *S->pred);
    S->finals = itav__malloc(na * sizeof *S->finals);
    S->tree = itav__malloc(nr * sizeof *S->tree);
    S->parent = itav__malloc(na * sizeof *S->parent);
    S->mover = itav__malloc(na * sizeof *S->mover);
    S->stack = itav__malloc(na * sizeof *S->stack);
    S->seen = itav__calloc(na, sizeof *S->seen);
    S->done = itav__calloc(na, sizeof *S->done);
    S->fixed = itav__calloc(nr, 1);
    S->zero = itav__malloc(na * sizeof *S->zero);
    if (!S->zero || !S->start || !S->adj || !S->cost || !S->cap || !S->used || !S->first || !S->next ||
        !S->prev || !S->at || !S->u || !S->v || !S->dist || !S->pred || !S->finals ||
        !S->tree || !S->parent || !S->mover || !S->stack || !S->seen || !S->done || !S->fixed)
        return ITAV_ENOMEM;
    for (size_t j = 0; j < ncols; j++)
        S->cap[j] = capacity[j] > 0 ? capacity[j] : 0;
    for (int j = S->ncols; j < S->nall; j++)
        S->cap[j] = 1;
    for (int j = 0; j < S->nall; j++)
        S->first[j] = -1;
    /* edges by row, leaving out columns without room */
    for (size_t e = 0; e < nedges; e++)
        if (S->cap[edges[e].col])
            S->start[edges[e].row + 1]++;
    for (int i = 0; i < S->nrows; i++)
        S->start[i + 1] += S->start[i];
    int *fill = S->tree; /* free until the first augmentation */
    memcpy(fill, S->start, nrows * sizeof *fill);
    for (size_t e = 0; e < nedges; e++) {
        if (!S->cap[edges[e].col])
            continue;
        int k = fill[edges[e].row]++;
        S->adj[k] = (int)edges[e].col;
        S->cost[k] = -edges[e].gain;
    }
    for (int i = 0; i < S->nrows; i++) {
        S->at[i] = S->next[i] = S->prev[i] = -1;
        for (int e = S->start[i]; e < S->start[i + 1]; e++)
            if (S->cost[e] < S->u[i])
                S->u[i] = S->cost[e];
    }
    return ITAV_OK;
}

int itav__assign_solve(long *choice, size_t nrows, size_t ncols, const int *capacity,
                       const itav__edge *edges, size_t nedges)
{
    solver S;
    int rc = solver_init(&S, nrows, ncols, capacity, edges, nedges);
    /* Start from each row's best edge where it still has room (tight by the choice of u). */
    for (int i = 0; rc == ITAV_OK && i < S.nrows; i++) {
        for (int e = S.start[i]; e < S.start[i + 1] && S.at[i] < 0; e++)
            if (S.cost[e] == S.u[i] && S.used[S.adj[e]] < S.cap[S.adj[e]])
                move_row(&S, i, S.adj[e]);
        if (S.at[i] < 0 && S.u[i] == 0)
            move_row(&S, i, dummy(&S, i));
    }
    for (int i = 0; rc == ITAV_OK && i < S.nrows; i++)
        if (S.at[i] < 0)
            rc = augment(&S, i);
    if (rc == ITAV_OK)
        rc = break_ties(&S);
    for (int i = 0; rc == ITAV_OK && i < S.nrows; i++)
        choice[i] = S.at[i] < S.ncols ? S.at[i] : -1;
    solver_free(&S);
    return rc;
}

/* ---- the assignment of an offer ---- */

struct itav_assignment {
    itav_suggestion *pairs; /* in waiting order of the asking participants */
    char **ids;             /* match ids after a write, else NULL */
    size_t npairs;
    char **unmatched;
    size_t nunmatched;
    double total;
};

typedef struct plist {
    itav_participant **v;
    size_t n, cap;
} plist;

/* A pair with match history, by row (asking) and column (supporter). */
typedef struct history {
    uint32_t row, col;
    bool declined, open;
} history;

typedef struct pool {
    itav_db *db;
    plist asking, supporting; /* waiting, in waiting order; eligible, by reference */
    struct ref_row *by_ref;   /* the asking side's references with their rows, by reference */
    size_t *open;             /* open matches per supporter */
    history *hist;
    size_t nhist, caphist;
} pool;

static int plist_push(plist *l, itav_participant *p)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        itav_participant **v = itav__realloc(l->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = p;
    return ITAV_OK;
}

static void plist_clear(plist *l)
{
    for (size_t i = 0; i < l->n; i++)
        itav_participant_free(l->v[i]);
    itav__free(l->v);
}

static int take_participant(void *arg, const char *key, const void *data, size_t size)
{
    pool *P = arg;
    itav_participant *p;
    int rc = itav__participant_load(&p, P->db, key, data, size);
    if (rc != ITAV_OK)
        return rc;
    plist *into = NULL;
    if (itav__kind_side(p->kind) == ITAV_SIDE_ASKING && p->status == ITAV_PSTATUS_WAITING)
        into = &P->asking;
    else if (itav__kind_side(p->kind) == ITAV_SIDE_SUPPORTING &&
             (p->status == ITAV_PSTATUS_AVAILABLE || p->status == ITAV_PSTATUS_MATCHED))
        into = &P->supporting;
    if (!into) {
        itav_participant_free(p);
        return ITAV_OK;
    }
    rc = plist_push(into, p);
    if (rc != ITAV_OK) {
        itav_participant_free(p);
        return itav__error(P->db, rc, "out of memory reading the participants");
    }
    return ITAV_OK;
}

static int by_ref(const void *x, const void *y)
{
    return strcmp((*(itav_participant *const *)x)->ref, (*(itav_participant *const *)y)->ref);
}

/* Waiting order: registration date, no date last, then reference. */
static int by_waiting(const void *x, const void *y)
{
    const itav_participant *a = *(itav_participant *const *)x, *b = *(itav_participant *const *)y;
    if (a->registered != b->registered) {
        if (a->registered == ITAV_DATE_NONE || b->registered == ITAV_DATE_NONE)
            return a->registered == ITAV_DATE_NONE ? 1 : -1;
        return a->registered < b->registered ? -1 : 1;
    }
    return strcmp(a->ref, b->ref);
}

/* An asking participant's reference and its row (its place in waiting order). */
typedef struct ref_row {
    const char *ref;
    size_t row;
} ref_row;

static int by_ref_row(const void *x, const void *y)
{
    return strcmp(((const ref_row *)x)->ref, ((const ref_row *)y)->ref);
}

/* The index of ref in a list sorted by reference, or -1. */
static long find_ref(const plist *l, const char *ref)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->v[mid]->ref, ref);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The row of an asking participant's reference, or -1. */
static long find_row(const pool *P, const char *ref)
{
    ref_row key = {ref, 0};
    const ref_row *hit = P->asking.n ? bsearch(&key, P->by_ref, P->asking.n, sizeof key,
                                               by_ref_row)
                                     : NULL;
    return hit ? (long)hit->row : -1;
}

/* Match scan callback: open matches per supporter and the history of each pair. */
static int take_match(void *arg, const char *key, const void *data, size_t size)
{
    pool *P = arg;
    itav_match *m;
    int rc = itav__match_load(&m, P->db, key, data, size);
    if (rc != ITAV_OK)
        return rc;
    long col = find_ref(&P->supporting, m->supporting);
    long row = find_row(P, m->asking);
    bool open = itav__match_open(m->state), declined = m->state == ITAV_MATCH_DECLINED;
    if (col >= 0 && open)
        P->open[col]++;
    if (col >= 0 && row >= 0 && (open || declined)) {
        if (P->nhist == P->caphist) {
            size_t cap = P->caphist ? P->caphist * 2 : 64;
            history *h = itav__realloc(P->hist, cap * sizeof *h);
            if (!h)
                rc = itav__error(P->db, ITAV_ENOMEM, "out of memory reading the matches");
            else {
                P->hist = h;
                P->caphist = cap;
            }
        }
        if (rc == ITAV_OK)
            P->hist[P->nhist++] = (history){(uint32_t)row, (uint32_t)col, declined, open};
    }
    itav_match_free(m);
    return rc;
}

static int by_row_col(const void *x, const void *y)
{
    const history *a = x, *b = y;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return a->col < b->col ? -1 : a->col > b->col;
}

static int load_pool(pool *P, const char *offer)
{
    int rc = itav__scan(P->db, ITAV__KIND_PARTICIPANT, ITAV__PARTICIPANT_SLOT_OFFER, offer,
                        take_participant, P);
    if (rc != ITAV_OK)
        return rc;
    if (P->asking.n)
        qsort(P->asking.v, P->asking.n, sizeof *P->asking.v, by_waiting);
    if (P->supporting.n)
        qsort(P->supporting.v, P->supporting.n, sizeof *P->supporting.v, by_ref);
    P->by_ref = itav__malloc((P->asking.n + 1) * sizeof *P->by_ref);
    P->open = itav__calloc(P->supporting.n + 1, sizeof *P->open);
    if (!P->by_ref || !P->open)
        return itav__error(P->db, ITAV_ENOMEM, "out of memory reading the participants");
    for (size_t i = 0; i < P->asking.n; i++)
        P->by_ref[i] = (ref_row){P->asking.v[i]->ref, i};
    if (P->asking.n)
        qsort(P->by_ref, P->asking.n, sizeof *P->by_ref, by_ref_row);
    rc = itav__scan(P->db, ITAV__KIND_MATCH, ITAV__MATCH_SLOT_OFFER, offer, take_match, P);
    if (P->nhist)
        qsort(P->hist, P->nhist, sizeof *P->hist, by_row_col);
    return rc;
}

static void pool_clear(pool *P)
{
    plist_clear(&P->asking);
    plist_clear(&P->supporting);
    itav__free(P->by_ref);
    itav__free(P->open);
    itav__free(P->hist);
}

typedef struct edges {
    itav__edge *v;
    size_t n, cap;
} edges;

static int edge_push(edges *E, size_t row, size_t col, double score)
{
    if (E->n == E->cap) {
        size_t cap = E->cap ? E->cap * 2 : 1024;
        itav__edge *v = itav__realloc(E->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        E->v = v;
        E->cap = cap;
    }
    E->v[E->n++] = (itav__edge){(uint32_t)row, (uint32_t)col, llround(score * 1e6)};
    return ITAV_OK;
}

/* The facts of pair (row, col); *h walks the sorted history along with the loops. */
static itav__pair_facts facts_of(const pool *P, size_t *h, size_t row, size_t col)
{
    itav__pair_facts f = {false, false, P->open[col]};
    while (*h < P->nhist && (P->hist[*h].row < row ||
                             (P->hist[*h].row == row && P->hist[*h].col < col)))
        ++*h;
    for (size_t k = *h; k < P->nhist && P->hist[k].row == row && P->hist[k].col == col; k++) {
        f.declined |= P->hist[k].declined;
        f.open |= P->hist[k].open;
    }
    return f;
}

/* Pair (i, j) as an edge if allowed and at or above min_score, worth round(score * 1e6). */
static int pair_edge(edges *E, const pool *P, size_t *h, size_t i, size_t j, double mine,
                     const itav_plan *plan, const itav_match_options *o)
{
    const itav_participant *a = P->asking.v[i], *s = P->supporting.v[j];
    /* cheap test first: too far is excluded whatever else holds */
    if (mine > 0 && a->has_location && s->has_location &&
        itav__distance_m(a->lat, a->lon, s->lat, s->lon) > mine)
        return ITAV_OK;
    itav__pair_facts f = facts_of(P, h, i, j);
    itav_suggestion sc;
    itav__score(&sc, a, s, plan, &f, o);
    if (sc.excluded == ITAV_CONSTRAINT_NONE && sc.score >= o->min_score)
        return edge_push(E, i, j, sc.score);
    return ITAV_OK;
}

/* A supporter with a place, for the search by latitude band. */
typedef struct placed {
    double lat, lon;
    size_t col;
} placed;

static int by_lat(const void *x, const void *y)
{
    const placed *a = x, *b = y;
    if (a->lat != b->lat)
        return a->lat < b->lat ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

static int by_col(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

#define EARTH_RADIUS_M 6371008.8 /* as itav__distance_m */
#define DEGREE (3.14159265358979323846 / 180.0)

/* The supporters (by column, ascending) that may lie within `mine` metres of a: those in
 * the latitude band of the limit (a great-circle distance is at least R times the
 * difference of latitude) and, where the limit is small enough to bound it, in the band of
 * longitude: haversine h >= cos(lat1) cos(lat2) sin^2(dlon / 2). The margins keep every
 * supporter that itav__distance_m() could put within the limit. */
static size_t near_columns(size_t *out, const placed *pl, size_t n, const itav_participant *a,
                           double mine)
{
    double theta = mine / EARTH_RADIUS_M, dlat = theta / DEGREE * (1 + 1e-9) + 1e-9;
    double wlon = 360, phimax = fabs(a->lat) + dlat;
    if (theta < 1 && phimax < 89) {
        double hv = sin(theta / 2) * sin(theta / 2);
        double q = hv / (cos(a->lat * DEGREE) * cos(phimax * DEGREE));
        if (q < 0.9)
            wlon = 2 * asin(sqrt(q)) / DEGREE * (1 + 1e-9) + 1e-9;
    }
    size_t lo = 0, hi = n, k = 0;
    while (lo < hi) { /* the first at or above the band's lower edge */
        size_t mid = lo + (hi - lo) / 2;
        if (pl[mid].lat < a->lat - dlat)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t j = lo; j < n && pl[j].lat <= a->lat + dlat; j++) {
        double dl = fabs(pl[j].lon - a->lon);
        if (dl > 180)
            dl = 360 - dl;
        if (dl <= wlon)
            out[k++] = pl[j].col;
    }
    if (k > 1)
        qsort(out, k, sizeof *out, by_col);
    return k;
}

/* Every allowed pair at or above min_score is an edge worth round(score * 1e6). An asking
 * participant with a place and a distance limit is paired only with the supporters that
 * may be near enough and those without a place (the rest are too far, whatever else
 * holds), in column order as for everyone else, so the edges are the same as from trying
 * every pair; that keeps a waiting list of 100,000 from costing 10^10 distances. */
static int build_edges(edges *E, const pool *P, const itav_plan *plan,
                       const itav_match_options *o)
{
    size_t h = 0, ns = P->supporting.n, nplaced = 0, nbare = 0;
    int rc = ITAV_OK;
    placed *pl = itav__malloc((ns + 1) * sizeof *pl);
    size_t *bare = itav__malloc((ns + 1) * sizeof *bare);
    size_t *near = itav__malloc((ns + 1) * sizeof *near);
    if (!pl || !bare || !near)
        rc = ITAV_ENOMEM;
    for (size_t j = 0; rc == ITAV_OK && j < ns; j++) {
        const itav_participant *s = P->supporting.v[j];
        if (s->has_location)
            pl[nplaced++] = (placed){s->lat, s->lon, j};
        else
            bare[nbare++] = j;
    }
    if (rc == ITAV_OK && nplaced > 1)
        qsort(pl, nplaced, sizeof *pl, by_lat);
    for (size_t i = 0; rc == ITAV_OK && i < P->asking.n; i++) {
        const itav_participant *a = P->asking.v[i];
        double mine = itav__distance_limit(plan, a, NULL, o);
        if (!(mine > 0 && a->has_location)) {
            for (size_t j = 0; rc == ITAV_OK && j < ns; j++)
                rc = pair_edge(E, P, &h, i, j, mine, plan, o);
            continue;
        }
        size_t k = near_columns(near, pl, nplaced, a, mine), x = 0, y = 0;
        while (rc == ITAV_OK && (x < k || y < nbare)) { /* both lists in column order */
            size_t j = y >= nbare || (x < k && near[x] < bare[y]) ? near[x++] : bare[y++];
            rc = pair_edge(E, P, &h, i, j, mine, plan, o);
        }
    }
    itav__free(pl);
    itav__free(bare);
    itav__free(near);
    return rc;
}

ITAV_API void itav_assignment_free(itav_assignment *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->npairs; i++) {
        itav__suggestion_clear(&a->pairs[i]);
        if (a->ids)
            itav__free(a->ids[i]);
    }
    for (size_t i = 0; i < a->nunmatched; i++)
        itav__free(a->unmatched[i]);
    itav__free(a->pairs);
    itav__free(a->ids);
    itav__free(a->unmatched);
    itav__free(a);
}

/* Turns the solver's choices into the result (pairs with their breakdowns). */
static int make_result(itav_assignment **out, const pool *P, const long *choice,
                       const itav_plan *plan, const itav_match_options *o)
{
    itav_assignment *r = itav__calloc(1, sizeof *r);
    if (!r)
        return ITAV_ENOMEM;
    size_t n = P->asking.n;
    r->pairs = itav__calloc(n + 1, sizeof *r->pairs);
    r->unmatched = itav__calloc(n + 1, sizeof *r->unmatched);
    if (!r->pairs || !r->unmatched) {
        itav_assignment_free(r);
        return ITAV_ENOMEM;
    }
    size_t h = 0;
    for (size_t i = 0; i < n; i++) {
        const itav_participant *a = P->asking.v[i];
        if (choice[i] < 0) {
            if (!(r->unmatched[r->nunmatched++] = itav__strdup(a->ref))) {
                itav_assignment_free(r);
                return ITAV_ENOMEM;
            }
            continue;
        }
        const itav_participant *s = P->supporting.v[choice[i]];
        itav__pair_facts f = facts_of(P, &h, i, (size_t)choice[i]);
        itav_suggestion *p = &r->pairs[r->npairs++];
        itav__score(p, a, s, plan, &f, o);
        p->asking = itav__strdup(a->ref);
        p->supporting = itav__strdup(s->ref);
        if (!p->asking || !p->supporting) {
            itav_assignment_free(r);
            return ITAV_ENOMEM;
        }
        r->total += p->score;
    }
    *out = r;
    return ITAV_OK;
}

static int check_dates(itav_db *db, const itav_participant *p, int32_t date)
{
    char d[ITAV_DATE_BUFSIZE], s[ITAV_DATE_BUFSIZE];
    if (p->status_date == ITAV_DATE_NONE || date >= p->status_date)
        return ITAV_OK;
    itav_date_format(d, sizeof d, date);
    itav_date_format(s, sizeof s, p->status_date);
    return itav__error(db, ITAV_EINVAL,
                       "assignment: the date %s is before the status date %s of participant "
                       "\"%s\"",
                       d, s, p->ref);
}

/* Writes the pairs as proposed matches, in waiting order (inside the caller's
 * transaction). */
static int write_pairs(itav_assignment *r, itav_db *db, const pool *P, const long *choice,
                       int32_t date)
{
    int rc = ITAV_OK;
    for (size_t i = 0; i < P->asking.n && rc == ITAV_OK; i++)
        if (choice[i] >= 0 &&
            (rc = check_dates(db, P->asking.v[i], date)) == ITAV_OK)
            rc = check_dates(db, P->supporting.v[choice[i]], date);
    if (rc != ITAV_OK)
        return rc;
    if (!(r->ids = itav__calloc(r->npairs + 1, sizeof *r->ids)))
        return itav__error(db, ITAV_ENOMEM, "out of memory writing the assignment");
    size_t k = 0;
    for (size_t i = 0; i < P->asking.n && rc == ITAV_OK; i++) {
        if (choice[i] < 0)
            continue;
        rc = itav__match_create(&r->ids[k], db, P->asking.v[i], P->supporting.v[choice[i]],
                                r->pairs[k].score, date, ITAV_ACTOR_SYSTEM, NULL);
        k++;
    }
    return rc;
}

ITAV_API int itav_match_assign(itav_assignment **out, itav_db *db, const char *offer,
                               const itav_match_options *options, unsigned flags,
                               int32_t date)
{
    char buf[ITAV_DATE_BUFSIZE];
    if (!db)
        return ITAV_EINVAL;
    if (!out || !offer)
        return itav__error(db, ITAV_EINVAL, out ? "assignment needs an offer"
                                                : "no place for the assignment given");
    if (flags != ITAV_ASSIGN_DRY_RUN && flags != ITAV_ASSIGN_WRITE)
        return itav__error(db, ITAV_EINVAL,
                           "assignment: flags must be ITAV_ASSIGN_DRY_RUN or ITAV_ASSIGN_WRITE");
    if (itav_date_format(buf, sizeof buf, date) != ITAV_OK)
        return itav__error(db, ITAV_EINVAL, "assignment: the date must be in 1900-9999");
    itav_match_options given, o;
    itav_match_options_init(&given);
    if (options)
        given = *options;
    if (given.as_of == ITAV_DATE_NONE)
        given.as_of = date;
    int rc = itav__options_resolve(&o, db, &given);
    if (rc != ITAV_OK)
        return rc;
    bool exists;
    if ((rc = itav__exists(&exists, db, ITAV__KIND_OFFER, offer)) != ITAV_OK)
        return rc;
    if (!exists)
        return itav__error(db, ITAV_ENOTFOUND, "assignment: no offer \"%s\"", offer);

    pool P = {db, {NULL, 0, 0}, {NULL, 0, 0}, NULL, NULL, NULL, 0, 0};
    itav_plan *plan = NULL;
    edges E = {NULL, 0, 0};
    long *choice = NULL;
    int *capacity = NULL;
    itav_assignment *r = NULL;
    /* A write reads inside its transaction too, so it acts on what it read. */
    bool txn = flags == ITAV_ASSIGN_WRITE;
    if (txn && (rc = itav__begin(db)) != ITAV_OK)
        return rc;
    if ((rc = itav_plan_effective(&plan, db, offer)) != ITAV_OK ||
        (rc = load_pool(&P, offer)) != ITAV_OK)
        goto done;
    choice = itav__malloc((P.asking.n + 1) * sizeof *choice);
    capacity = itav__malloc((P.supporting.n + 1) * sizeof *capacity);
    if (!choice || !capacity || build_edges(&E, &P, plan, &o) != ITAV_OK) {
        rc = itav__error(db, ITAV_ENOMEM, "out of memory building the candidate pairs");
        goto done;
    }
    for (size_t j = 0; j < P.supporting.n; j++) {
        long room = (long)P.supporting.v[j]->capacity - (long)P.open[j];
        capacity[j] = room > 0 ? (int)room : 0;
    }
    rc = itav__assign_solve(choice, P.asking.n, P.supporting.n, capacity, E.v, E.n);
    if (rc != ITAV_OK) {
        rc = itav__error(db, rc, rc == ITAV_ENOMEM ? "out of memory solving the assignment"
                                                   : "assignment: too many participants");
        goto done;
    }
    if ((rc = make_result(&r, &P, choice, plan, &o)) != ITAV_OK) {
        rc = itav__error(db, rc, "out of memory building the assignment");
        goto done;
    }
    if (txn) {
        txn = false;
        if ((rc = write_pairs(r, db, &P, choice, date)) != ITAV_OK) {
            itav__rollback(db);
            goto done;
        }
        if ((rc = itav__commit(db)) != ITAV_OK) /* rolled back by itav__commit */
            goto done;
    }
    *out = r;
    r = NULL;
done:
    if (txn)
        itav__rollback(db);
    itav_assignment_free(r);
    itav__free(E.v);
    itav__free(choice);
    itav__free(capacity);
    itav_plan_free(plan);
    pool_clear(&P);
    return rc;
}

ITAV_API size_t itav_assignment_count(const itav_assignment *a) { return a ? a->npairs : 0; }

ITAV_API const itav_suggestion *itav_assignment_pair(const itav_assignment *a, size_t i)
{
    return a && i < a->npairs ? &a->pairs[i] : NULL;
}

ITAV_API const char *itav_assignment_match_id(const itav_assignment *a, size_t i)
{
    return a && a->ids && i < a->npairs ? a->ids[i] : NULL;
}

ITAV_API size_t itav_assignment_unmatched_count(const itav_assignment *a)
{
    return a ? a->nunmatched : 0;
}

ITAV_API const char *itav_assignment_unmatched(const itav_assignment *a, size_t i)
{
    return a && i < a->nunmatched ? a->unmatched[i] : NULL;
}

ITAV_API double itav_assignment_total(const itav_assignment *a) { return a ? a->total : 0; }
