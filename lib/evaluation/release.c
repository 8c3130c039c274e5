/* The ledger of releases (itav/report.h, docs/guide.md "Releases"): what each published report
 * made public, kept in the store as records of kind "release" (docs/storage.md). A release
 * keeps a report's parameters and its counts as published: the value of a shown count, only
 * the mark of a hidden one. Nothing in it names a person. The struct and its free function
 * are in lib/model (model_int.h, release.c), below the codec that stores it. */
#include "evaluation/evaluation_int.h"

#include <stdio.h>
#include <string.h>

/* The label of a row: the text of its first column ("" when it has none). */
static const char *row_label(const itav__table *t, size_t row)
{
    const itav__cell *c = itav__table_cell(t, row, 0);
    return c && c->kind == ITAV__CELL_TEXT && c->text ? c->text : "";
}

static int add_cell(itav_release *rl, const itav__table *t, size_t row, size_t col,
                    const itav__cell *c)
{
    itav__release_cell *cells = itav__realloc(rl->cells, (rl->ncells + 1) * sizeof *cells);
    if (!cells)
        return ITAV_ENOMEM;
    rl->cells = cells;
    itav__release_cell *rc = &cells[rl->ncells];
    memset(rc, 0, sizeof *rc);
    rl->ncells++;
    rc->hidden = c->suppressed;
    rc->value = c->suppressed ? 0 : (long long)c->value;
    if (!(rc->table = itav__strdup(t->name)) || !(rc->row = itav__strdup(row_label(t, row))) ||
        !(rc->column = itav__strdup(col < t->columns.n ? t->columns.v[col] : "")))
        return ITAV_ENOMEM;
    return ITAV_OK;
}

/* The release of a report, without its id. */
static int release_of(itav_release **out, const itav_report *r)
{
    itav_release *rl = itav__calloc(1, sizeof *rl);
    int rc = rl ? ITAV_OK : ITAV_ENOMEM;
    if (rc == ITAV_OK) {
        rl->from = r->from;
        rl->to = r->to;
        rl->as_of = r->as_of;
        rl->k = r->k;
        rl->protection = r->protection;
        rl->low_k = r->low_k;
        rl->method = r->perturb ? ITAV_REPORT_PERTURB : ITAV_REPORT_SUPPRESS;
        if (!(rl->offer = itav__strdup(r->offer)) ||
            itav__strlist_copy(&rl->members, &r->members) != ITAV_OK)
            rc = ITAV_ENOMEM;
    }
    for (size_t t = 0; rc == ITAV_OK && t < r->ntables; t++) {
        const itav__table *tb = &r->tables[t];
        for (size_t row = 0; rc == ITAV_OK && row < tb->rows; row++)
            for (size_t col = 0; rc == ITAV_OK && col < tb->columns.n; col++) {
                const itav__cell *c = itav__table_cell(tb, row, col);
                if (c->count && (c->suppressed || c->kind == ITAV__CELL_NUMBER))
                    rc = add_cell(rl, tb, row, col, c);
            }
    }
    if (rc != ITAV_OK) {
        itav_release_free(rl);
        return rc;
    }
    *out = rl;
    return ITAV_OK;
}

/* A fresh id from the "release" sequence; ids taken already are skipped. */
static int new_release_id(char *buf, size_t size, itav_db *db)
{
    bool taken = true;
    int rc = ITAV_OK;
    while (rc == ITAV_OK && taken) {
        long n;
        if ((rc = itav__next_sequence(&n, db, "release")) != ITAV_OK)
            return rc;
        snprintf(buf, size, "rel-%08ld", n);
        rc = itav__exists(&taken, db, ITAV__KIND_RELEASE, buf);
    }
    return rc;
}

ITAV_API int itav_release_record(char **id, itav_db *db, const itav_report *r)
{
    if (!db)
        return ITAV_EINVAL;
    if (!r)
        return itav__error(db, ITAV_EINVAL, "no report given");
    if (!r->publish)
        return itav__error(db, ITAV_EINVAL,
                           "report of \"%s\" was not made for publication (publish)", r->offer);
    if (!r->audit_passed)
        return itav__error(db, ITAV_ESTATE, "report of \"%s\" did not pass its audit",
                           r->offer);
    itav_release *rl;
    char buf[32];
    char *copy = NULL;
    int rc = release_of(&rl, r);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "out of memory recording a release");
    if ((rc = itav__begin(db)) != ITAV_OK) {
        itav_release_free(rl);
        return rc;
    }
    if ((rc = new_release_id(buf, sizeof buf, db)) == ITAV_OK) {
        if (!(rl->id = itav__strdup(buf)) || (id && !(copy = itav__strdup(buf))))
            rc = itav__error(db, ITAV_ENOMEM, "out of memory recording a release");
        else
            rc = itav__release_write(db, rl);
    }
    itav_release_free(rl);
    if (rc == ITAV_OK)
        rc = itav__commit(db);
    else
        itav__rollback(db);
    if (rc != ITAV_OK) {
        itav__free(copy);
        return rc;
    }
    if (id)
        *id = copy;
    return ITAV_OK;
}

static int load(itav_release **out, itav_db *db, const char *id, const void *data, size_t size)
{
    char err[512];
    int rc = itav__release_decode(out, db, data, size, err, sizeof err);
    return rc == ITAV_OK ? rc
                         : itav__error(db, rc, "stored release \"%s\" is damaged: %s", id, err);
}

ITAV_API int itav_release_get(itav_release **out, itav_db *db, const char *id)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out || !id)
        return itav__error(db, ITAV_EINVAL, "no release id or no place for the release given");
    char *rec;
    size_t size;
    int rc = itav__get_record(&rec, &size, db, ITAV__KIND_RELEASE, id);
    if (rc == ITAV_ENOTFOUND)
        return itav__error(db, rc, "no release \"%s\"", id);
    if (rc != ITAV_OK)
        return rc;
    rc = load(out, db, id, rec, size);
    itav__free(rec);
    return rc;
}

ITAV_API int itav_release_remove(itav_db *db, const char *id)
{
    if (!db)
        return ITAV_EINVAL;
    if (!id)
        return itav__error(db, ITAV_EINVAL, "no release id given");
    bool exists;
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__exists(&exists, db, ITAV__KIND_RELEASE, id)) == ITAV_OK && !exists)
        rc = itav__error(db, ITAV_ENOTFOUND, "no release \"%s\"", id);
    if (rc == ITAV_OK)
        rc = itav__del_record(db, ITAV__KIND_RELEASE, id);
    if (rc != ITAV_OK) {
        itav__rollback(db);
        return rc;
    }
    return itav__commit(db);
}

struct itav_release_iter {
    itav__iter list; /* of itav_release */
};

static void free_release(void *rl) { itav_release_free(rl); }

typedef struct list_state {
    itav_db *db;
    itav_release_iter *it;
    int rc;
} list_state;

static int collect(void *arg, const char *key, const void *data, size_t size)
{
    list_state *st = arg;
    itav_release *rl;
    if ((st->rc = load(&rl, st->db, key, data, size)) != ITAV_OK)
        return 1;
    if (itav__iter_push(&st->it->list, rl) != ITAV_OK) {
        st->rc = itav__error(st->db, ITAV_ENOMEM, "out of memory listing releases");
        return 1;
    }
    return 0;
}

ITAV_API int itav_release_list(itav_release_iter **out, itav_db *db, const char *offer)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the iterator given");
    list_state st = {db, itav__calloc(1, sizeof *st.it), ITAV_OK};
    if (!st.it)
        return itav__error(db, ITAV_ENOMEM, "out of memory listing releases");
    st.it->list.free_item = free_release;
    int rc = offer ? itav__scan(db, ITAV__KIND_RELEASE, ITAV__RELEASE_SLOT_OFFER, offer, collect,
                                &st)
                   : itav__scan(db, ITAV__KIND_RELEASE, ITAV_SCAN_ALL, NULL, collect, &st);
    if (rc < 0 || st.rc != ITAV_OK) {
        itav_release_iter_free(st.it);
        return st.rc != ITAV_OK ? st.rc : rc;
    }
    *out = st.it; /* key order: ids are numbered, so the order they were recorded in */
    return ITAV_OK;
}

ITAV_API int itav_release_iter_next(itav_release **out, itav_release_iter *it)
{
    return out && it ? itav__iter_next((void **)out, &it->list) : ITAV_EINVAL;
}

ITAV_API void itav_release_iter_free(itav_release_iter *it)
{
    if (!it)
        return;
    itav__iter_clear(&it->list);
    itav__free(it);
}

ITAV_API const char *itav_release_id(const itav_release *rl) { return rl ? rl->id : NULL; }

ITAV_API const char *itav_release_offer(const itav_release *rl) { return rl ? rl->offer : NULL; }

ITAV_API int itav_release_parameters(int32_t *from, int32_t *to, int *k, int *protection,
                                     const itav_release *rl)
{
    if (!rl)
        return ITAV_EINVAL;
    if (from)
        *from = rl->from;
    if (to)
        *to = rl->to;
    if (k)
        *k = rl->k;
    if (protection)
        *protection = rl->protection;
    return ITAV_OK;
}

ITAV_API size_t itav_release_member_count(const itav_release *rl)
{
    return rl ? rl->members.n : 0;
}

ITAV_API const char *itav_release_member(const itav_release *rl, size_t i)
{
    return rl && i < rl->members.n ? rl->members.v[i] : NULL;
}

ITAV_API size_t itav_release_cell_count(const itav_release *rl) { return rl ? rl->ncells : 0; }

ITAV_API int itav_release_cell(const char **table, const char **row, const char **column,
                               int64_t *value, int *hidden, const itav_release *rl, size_t i)
{
    if (!rl)
        return ITAV_EINVAL;
    if (i >= rl->ncells)
        return ITAV_ERANGE;
    const itav__release_cell *c = &rl->cells[i];
    if (table)
        *table = c->table;
    if (row)
        *row = c->row;
    if (column)
        *column = c->column;
    if (value)
        *value = c->value;
    if (hidden)
        *hidden = c->hidden;
    return ITAV_OK;
}

/* Whether the offer is in the release's scope: its offer or one of its member offers. */
static bool release_covers(const itav_release *rl, const char *offer)
{
    if (!strcmp(rl->offer, offer))
        return true;
    for (size_t i = 0; i < rl->members.n; i++)
        if (!strcmp(rl->members.v[i], offer))
            return true;
    return false;
}

/* Whether two releases cover an offer in common. */
static bool overlap(const itav_release *a, const itav_release *b)
{
    if (release_covers(b, a->offer))
        return true;
    for (size_t i = 0; i < a->members.n; i++)
        if (release_covers(b, a->members.v[i]))
            return true;
    return false;
}

/* The releases a report is audited with: every release whose offers overlap the report's,
 * or overlap such a release, and so on. A programme report and the reports of its member
 * offers are so related, and through a published programme report, the reports of its
 * members with each other: each of them is a difference of the others. */
int itav__release_prior(itav_db *db, itav_report *r)
{
    itav_release_iter *it;
    itav_release *rl, **all = NULL;
    size_t n = 0;
    itav_release me = {.offer = r->offer, .members = r->members};
    int rc = itav_release_list(&it, db, NULL);
    if (rc != ITAV_OK)
        return rc;
    while ((rc = itav_release_iter_next(&rl, it)) == ITAV_OK) {
        itav_release **v = itav__realloc(all, (n + 1) * sizeof *v);
        if (!v) {
            itav_release_free(rl);
            break;
        }
        all = v;
        all[n++] = rl;
    }
    itav_release_iter_free(it);
    if (rc != ITAV_ITEROVER) {
        for (size_t i = 0; i < n; i++)
            itav_release_free(all[i]);
        itav__free(all);
        return rc == ITAV_OK ? itav__error(db, ITAV_ENOMEM, "out of memory reading the releases")
                             : rc;
    }
    rc = ITAV_OK;
    if (n && !(r->prior = itav__calloc(n, sizeof *r->prior)))
        rc = itav__error(db, ITAV_ENOMEM, "out of memory reading the releases");
    /* take the related ones until no other one is related; keep the ledger's order */
    bool *taken = itav__calloc(n ? n : 1, sizeof *taken), more = true;
    if (!taken)
        rc = itav__error(db, ITAV_ENOMEM, "out of memory reading the releases");
    while (rc == ITAV_OK && more) {
        more = false;
        for (size_t i = 0; i < n; i++) {
            bool related = !taken[i] && overlap(all[i], &me);
            for (size_t j = 0; !taken[i] && !related && j < n; j++)
                related = taken[j] && overlap(all[i], all[j]);
            if (related)
                taken[i] = more = true;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (rc == ITAV_OK && taken[i])
            r->prior[r->nprior++] = all[i];
        else
            itav_release_free(all[i]);
    }
    itav__free(taken);
    itav__free(all);
    return rc;
}

/* A perturbed release's counts bound the true ones (audit.c, cellkey.c). */
ITAV_API int itav_release_method(const itav_release *rl)
{
    return rl && rl->method == ITAV_REPORT_PERTURB ? ITAV_REPORT_PERTURB : ITAV_REPORT_SUPPRESS;
}
