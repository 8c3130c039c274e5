/* The assignment solver: a pure function over an edge list, so that tests can check it
 * against exhaustive search. Private to the library (and its white-box tests). */
#ifndef ITAV_SOLVER_H
#define ITAV_SOLVER_H

#include <stddef.h>
#include <stdint.h>

/* Largest gain of one edge the solver accepts (keeps every sum of gains inside int64). */
#define ITAV__SOLVER_GAIN_MAX ((int64_t)1 << 40)

typedef struct itav__edge {
    uint32_t row, col;
    int64_t gain; /* 0 to ITAV__SOLVER_GAIN_MAX */
} itav__edge;

/* Chooses for every row a column or none, so that column j gets at most capacity[j] rows,
 * a row only gets a column it has an edge to, and the sum of the chosen edges' gains is the
 * highest possible (a row without a column counts 0).
 *
 * Among the choices with that highest sum it returns the one that is first when rows are
 * taken in index order and each row in turn gets its best choice still possible: higher
 * gain first, then lower column index, no column last. (Rows are the asking participants in
 * waiting order, columns the supporters in reference order.)
 *
 * choice[row] receives the column index or -1. Returns 0 (ITAV_OK), ITAV_EINVAL (an edge
 * outside the rows or columns, a gain outside 0..ITAV__SOLVER_GAIN_MAX, more than INT32_MAX
 * rows, columns or edges) or ITAV_ENOMEM.
 *
 * Method: successive shortest augmenting paths (Dijkstra with potentials on the sparse
 * graph, each row with a private "unmatched" column of gain 0), which ends with an optimal
 * matching and an optimal dual; then the tie rule on the dual's equality subgraph. */
int itav__assign_solve(long *choice, size_t nrows, size_t ncols, const int *capacity,
                       const itav__edge *edges, size_t nedges);

#endif
