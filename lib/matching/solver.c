/* The assignment solver (solver.h).
 *
 * It works on integer gains, columns with capacities and a private "unmatched" column per
 * row. As a min-cost problem (cost = -gain) with dual u (rows) and v (columns, v <= 0):
 * every reduced cost c - u - v is >= 0, matched edges have reduced cost 0, and a column with
 * v < 0 is full. Successive shortest paths keep that true: Dijkstra on reduced costs from a
 * free row stops at the first column with room (distance D); the columns it finished get
 * v += dist - D, the rows it reached u += D - dist(their column), which keeps every reduced
 * cost >= 0 and makes the path tight; free columns are never touched, so they keep v = 0.
 *
 * At the end (u, v) is an optimal dual, so the optimal assignments are exactly those that
 * use only tight edges and fill every column with v < 0. The tie rule then fixes the rows in
 * order: each row moves to the best tight column still reachable by an alternating path of
 * tight edges through the rows not yet fixed (see try_move).
 */
#include "matching/matching_int.h"
#include "matching/solver.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

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
    if (!S->zero || !S->start || !S->adj || !S->cost || !S->cap || !S->used || !S->first ||
        !S->next || !S->prev || !S->at || !S->u || !S->v || !S->dist || !S->pred || !S->finals ||
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

