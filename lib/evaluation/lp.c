/* The linear relaxation of the audit's systems (audit.c): the least and the greatest value of
 * one unknown over the real points of the relations and the box, by COIN-OR's Clp simplex
 * (docs/guide.md, "The audit"). The audit uses it two ways. A bound: no integer solution lies
 * beyond what the relaxation allows, so a question past it has no answer, however large the
 * system, where the search would run out of its steps proving that. A solution: the simplex
 * ends in a vertex, and the audit's relations (sums of counts) mostly have whole vertices;
 * rounded and checked exactly against every relation (audit.c), it answers the question
 * "can it be that low" at once. The arithmetic is floating point, so a bound is used with a
 * margin (ITAV__LP_MARGIN) and a solution only after its exact check. */
#include "evaluation/evaluation_int.h"

#include <Clp_C_Interface.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>

struct itav__lp {
    size_t ncols;
    size_t nrows, nterms, capterms;
    /* the relations as terms (row, column, coefficient) and each row's right-hand side */
    int *trow, *tcol;
    double *tval, *rhs;
    size_t caprows;
    Clp_Simplex *model; /* made by itav__lp_load() */
    double *obj;
};

itav__lp *itav__lp_new(size_t ncols)
{
    itav__lp *lp = itav__calloc(1, sizeof *lp);
    if (lp)
        lp->ncols = ncols;
    return lp;
}

int itav__lp_add_row(itav__lp *lp, size_t n, const size_t *var, const long long *a, long long b)
{
    if (lp->nterms + n > lp->capterms) {
        size_t cap = 2 * (lp->nterms + n) + 16;
        int *r = itav__realloc(lp->trow, cap * sizeof *r);
        if (r)
            lp->trow = r;
        int *c = r ? itav__realloc(lp->tcol, cap * sizeof *c) : NULL;
        if (c)
            lp->tcol = c;
        double *v = c ? itav__realloc(lp->tval, cap * sizeof *v) : NULL;
        if (!v)
            return ITAV_ENOMEM;
        lp->tval = v;
        lp->capterms = cap;
    }
    if (lp->nrows == lp->caprows) {
        size_t cap = 2 * lp->caprows + 16;
        double *r = itav__realloc(lp->rhs, cap * sizeof *r);
        if (!r)
            return ITAV_ENOMEM;
        lp->rhs = r;
        lp->caprows = cap;
    }
    for (size_t j = 0; j < n; j++) {
        lp->trow[lp->nterms] = (int)lp->nrows;
        lp->tcol[lp->nterms] = (int)var[j];
        lp->tval[lp->nterms++] = (double)a[j];
    }
    lp->rhs[lp->nrows++] = (double)b;
    return ITAV_OK;
}

int itav__lp_load(itav__lp *lp, const long long *lo, const long long *hi)
{
    size_t nc = lp->ncols, nt = lp->nterms, nr = lp->nrows;
    CoinBigIndex *start = itav__calloc(nc + 1, sizeof *start);
    int *index = itav__malloc((nt ? nt : 1) * sizeof *index);
    double *value = itav__malloc((nt ? nt : 1) * sizeof *value);
    double *collb = itav__malloc((nc ? nc : 1) * sizeof *collb);
    double *colub = itav__malloc((nc ? nc : 1) * sizeof *colub);
    double *rowlb = itav__malloc((nr ? nr : 1) * sizeof *rowlb);
    size_t *fill = itav__calloc(nc + 1, sizeof *fill);
    lp->obj = itav__calloc(nc ? nc : 1, sizeof *lp->obj);
    int rc = ITAV_ENOMEM;
    if (!start || !index || !value || !collb || !colub || !rowlb || !fill || !lp->obj)
        goto done;
    /* the terms by column, as Clp takes them */
    for (size_t t = 0; t < nt; t++)
        start[lp->tcol[t] + 1]++;
    for (size_t c = 0; c < nc; c++)
        start[c + 1] += start[c];
    for (size_t t = 0; t < nt; t++) {
        size_t at = (size_t)start[lp->tcol[t]] + fill[lp->tcol[t]]++;
        index[at] = lp->trow[t];
        value[at] = lp->tval[t];
    }
    for (size_t c = 0; c < nc; c++) {
        collb[c] = (double)lo[c];
        colub[c] = (double)hi[c];
    }
    for (size_t r = 0; r < nr; r++)
        rowlb[r] = -DBL_MAX; /* no lower bound */
    if (!(lp->model = Clp_newModel()))
        goto done;
    Clp_setLogLevel(lp->model, 0);
    Clp_loadProblem(lp->model, (int)nc, (int)nr, start, index, value, collb, colub, lp->obj,
                    rowlb, lp->rhs);
    rc = ITAV_OK;
done:
    itav__free(start);
    itav__free(index);
    itav__free(value);
    itav__free(collb);
    itav__free(colub);
    itav__free(rowlb);
    itav__free(fill);
    return rc;
}

int itav__lp_extreme(itav__lp *lp, size_t v, bool least, double *value, const double **x)
{
    memset(lp->obj, 0, lp->ncols * sizeof *lp->obj);
    lp->obj[v] = 1.0;
    Clp_chgObjCoefficients(lp->model, lp->obj);
    Clp_setOptimizationDirection(lp->model, least ? 1.0 : -1.0);
    /* the first solve finds a vertex; each later one starts from the last, a few steps away */
    Clp_primal(lp->model, 0);
    if (Clp_status(lp->model) != 0) /* 0: optimal; else infeasible, unbounded, stopped */
        return 1;
    *x = Clp_getColSolution(lp->model);
    *value = (*x)[v];
    return ITAV_OK;
}

void itav__lp_free(itav__lp *lp)
{
    if (!lp)
        return;
    if (lp->model)
        Clp_deleteModel(lp->model);
    itav__free(lp->trow);
    itav__free(lp->tcol);
    itav__free(lp->tval);
    itav__free(lp->rhs);
    itav__free(lp->obj);
    itav__free(lp);
}
