/* The cell key method (itav_report_options.method ITAV_REPORT_PERTURB; docs/guide.md,
 * "Perturbation"): every count of a report is published with a small noise that the cell's
 * set of records fixes, as the Australian Bureau of Statistics does in TableBuilder.
 *
 * Each record (a match, a review) has a key from 0 to ITAV__CELLKEY_RANGE - 1: SipHash-2-4 of
 * its kind and id under the store's secret (lib/store/secret.c). A cell's key is the sum of
 * its records' keys modulo the range, so the same records always give the same cell key, and
 * the noise comes from a fixed table indexed by the cell's value and its key. */
#include "evaluation/evaluation_int.h"

#include <string.h>

/* One row of the perturbation table: the noise for each share of the 256 cell keys, in
 * ascending order of noise. Every row has mean noise exactly 0 (the counts times the noise
 * add up to 0) and no noise beyond ITAV_REPORT_PERTURB_MAX_NOISE; no row yields 1 or 2, and
 * the rows of 1 to 4 never yield the count itself. Variances: 2.06, 2.13, 3.00, 1.00, 0.94,
 * and 1.08 from 6 on. */
typedef struct ptable_entry {
    int noise;
    unsigned share; /* of ITAV__CELLKEY_RANGE cell keys */
} ptable_entry;

#define PTABLE_ROWS 7 /* 0 to 5, and one row for every count from 6 */
static const ptable_entry ptable[PTABLE_ROWS][8] = {
    {{0, 256}},                                             /* 0 stays 0: it describes nobody */
    {{-1, 172}, {2, 80}, {3, 4}},                           /* 1 -> 0, 3 or 4 */
    {{-2, 88}, {1, 160}, {2, 8}},                           /* 2 -> 0, 3 or 4 */
    {{-3, 64}, {1, 192}},                                   /* 3 -> 0 or 4 */
    {{-1, 128}, {1, 128}},                                  /* 4 -> 3 or 5 */
    {{-2, 14}, {-1, 64}, {0, 100}, {1, 64}, {2, 14}},       /* 5 -> 3 to 7 */
    {{-3, 2}, {-2, 14}, {-1, 64}, {0, 96}, {1, 64}, {2, 14}, {3, 2}}, /* n -> n-3 to n+3 */
};

int itav__cellkey_noise(long long value, unsigned key)
{
    const ptable_entry *row = ptable[value < 0 ? 0 : value >= PTABLE_ROWS - 1 ? PTABLE_ROWS - 1
                                                                               : value];
    unsigned at = key % ITAV__CELLKEY_RANGE, upto = 0;
    for (size_t i = 0; i < 8 && row[i].share; i++)
        if (at < (upto += row[i].share))
            return row[i].noise;
    return 0; /* not reached: every row's shares add up to the range */
}

bool itav__cellkey_possible(long long value, long long published)
{
    if (value < 0)
        return false;
    const ptable_entry *row = ptable[value >= PTABLE_ROWS - 1 ? PTABLE_ROWS - 1 : value];
    for (size_t i = 0; i < 8 && row[i].share; i++)
        if (value + row[i].noise == published)
            return true;
    return false;
}

bool itav__cellkey_bounds(long long published, long long *least, long long *most)
{
    bool any = false;
    long long lo = published - ITAV_REPORT_PERTURB_MAX_NOISE;
    for (long long v = lo < 0 ? 0 : lo; v <= published + ITAV_REPORT_PERTURB_MAX_NOISE; v++)
        if (itav__cellkey_possible(v, published)) {
            if (!any)
                *least = v;
            *most = v;
            any = true;
        }
    return any;
}

int itav__cellkey_prepare(itav_report *r, itav_db *db)
{
    int rc = itav__secret(r->secret, db);
    if (rc == ITAV_OK)
        r->keyed = true;
    return rc;
}

void itav__cellkey_forget(itav_report *r)
{
    /* the secret is needed only while the tables are built */
    volatile unsigned char *p = r->secret;
    for (size_t i = 0; i < sizeof r->secret; i++)
        p[i] = 0;
    r->keyed = false;
}

unsigned itav__record_key(const itav_report *r, const char *kind, const char *id)
{
    unsigned char buf[ITAV__ID_MAX * 2 + 16];
    size_t nk = strlen(kind), ni = strlen(id);
    if (!r->keyed || nk + 1 + ni > sizeof buf)
        return 0;
    memcpy(buf, kind, nk);
    buf[nk] = '/'; /* "match/m-1": a match and a review with the same id get other keys */
    memcpy(buf + nk + 1, id, ni);
    return (unsigned)(itav__siphash24(r->secret, buf, nk + 1 + ni) % ITAV__CELLKEY_RANGE);
}

/* Publishes a count as its perturbed value; the cell stays a count. */
static int perturb_cell(itav__table *t, size_t i, double value, unsigned key, bool count)
{
    long long v = (long long)value, out = v + itav__cellkey_noise(v, key);
    int rc = itav__table_set_number(t, i / t->columns.n, i % t->columns.n, (double)out, 0,
                                    count);
    return rc;
}

int itav__table_perturb(itav__table *t)
{
    size_t n = t->rows * t->columns.n;
    /* Totals first, from the true counts: a total is the count of all its group's records, so
     * its key is the sum of their keys, and it gets noise of its own (at most
     * ITAV_REPORT_PERTURB_MAX_NOISE), not the sum of its cells' noises. */
    double *total = itav__calloc(t->ngroups ? t->ngroups : 1, sizeof *total);
    unsigned *tkey = itav__calloc(t->ngroups ? t->ngroups : 1, sizeof *tkey);
    int rc = total && tkey ? ITAV_OK : ITAV_ENOMEM;
    for (size_t g = 0; rc == ITAV_OK && g < t->ngroups; g++) {
        const itav__group *gr = &t->groups[g];
        for (size_t i = 0; i < gr->n; i++) {
            const itav__cell *c = &t->cells[gr->cells[i]];
            if (c->count && c->kind == ITAV__CELL_NUMBER) {
                total[g] += c->value;
                tkey[g] = (tkey[g] + c->key) % ITAV__CELLKEY_RANGE;
            }
        }
    }
    for (size_t i = 0; rc == ITAV_OK && i < n; i++) {
        const itav__cell *c = &t->cells[i];
        if (c->count && c->kind == ITAV__CELL_NUMBER && !c->suppressed)
            rc = perturb_cell(t, i, c->value, c->key, true);
    }
    for (size_t g = 0; rc == ITAV_OK && g < t->ngroups; g++)
        if (t->groups[g].total >= 0)
            rc = perturb_cell(t, (size_t)t->groups[g].total, total[g], tkey[g], false);
    /* "total of shown cells" would be untrue: the totals are perturbed totals */
    for (size_t c = 0; rc == ITAV_OK && c < t->columns.n; c++)
        if (strcmp(t->columns.v[c], ITAV__TOTAL_LABEL) == 0) {
            char *s = itav__strdup(ITAV__PERTURBED_TOTAL);
            if (!s) {
                rc = ITAV_ENOMEM;
            } else {
                itav__free(t->columns.v[c]);
                t->columns.v[c] = s;
            }
        }
    for (size_t row = 0; rc == ITAV_OK && row < t->rows; row++) {
        const itav__cell *c = itav__table_cell(t, row, 0);
        if (c && c->label && c->text && strcmp(c->text, ITAV__TOTAL_LABEL) == 0 &&
            (rc = itav__table_set_text(t, row, 0, ITAV__PERTURBED_TOTAL)) == ITAV_OK)
            itav__table_cell(t, row, 0)->label = true;
    }
    itav__free(total);
    itav__free(tkey);
    return rc;
}
