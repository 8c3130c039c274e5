/* The itav/1 JSON form of a release of the ledger (docs/format.md, "releases"): what a
 * published report made public, so that a store rebuilt from an export keeps publishing under
 * the protection of its earlier releases. A release holds no personal data and no hidden
 * value: a hidden count is written as "hidden": true, without a value. */
#include "interchange/json_int.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* json.c's decoding helpers (json_int.h), by the short names json.c uses. */
#define problem(...) itav__json_problem(__VA_ARGS__)
#define join(...) itav__json_join(__VA_ARGS__)
#define date_member(...) itav__json_date_member(__VA_ARGS__)

static bool put_date(json_t *o, const char *key, int32_t d)
{
    char buf[ITAV_DATE_BUFSIZE];
    if (d == ITAV_DATE_NONE)
        return true;
    return itav_date_format(buf, sizeof buf, d) == ITAV_OK && itav__json_put_text(o, key, buf);
}

static json_t *encode_cell(const itav__release_cell *c)
{
    json_t *o = json_object();
    /* row and column are written even when empty: every cell has the same members */
    bool ok = o && itav__json_put(o, "table", json_string(c->table ? c->table : "")) &&
              itav__json_put(o, "row", json_string(c->row ? c->row : "")) &&
              itav__json_put(o, "column", json_string(c->column ? c->column : "")) &&
              (c->hidden ? itav__json_put(o, "hidden", json_true())
                         : itav__json_put(o, "value", json_integer(c->value)));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *itav__json_encode_release(const itav_release *rl)
{
    json_t *o = json_object(), *members = rl->members.n ? json_array() : NULL,
           *cells = json_array();
    bool ok = o && cells && (members || !rl->members.n) && itav__json_put_text(o, "id", rl->id) &&
              itav__json_put_text(o, "offer", rl->offer);
    for (size_t i = 0; ok && i < rl->members.n; i++)
        ok = itav__json_push(members, json_string(rl->members.v[i]));
    ok = ok && (!members || itav__json_attach(o, "members", &members)) &&
         put_date(o, "from", rl->from) && put_date(o, "to", rl->to) &&
         put_date(o, "as_of", rl->as_of) && itav__json_put(o, "k", json_integer(rl->k)) &&
         itav__json_put(o, "protection", json_integer(rl->protection)) &&
         (!rl->low_k || itav__json_put(o, "low_k", json_true())) &&
         (rl->method != ITAV_REPORT_PERTURB || itav__json_put_text(o, "method", "perturb"));
    for (size_t i = 0; ok && i < rl->ncells; i++)
        ok = itav__json_push(cells, encode_cell(&rl->cells[i]));
    ok = ok && itav__json_attach(o, "cells", &cells);
    json_decref(members);
    json_decref(cells);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- decoding: every member checked, the problem named by its JSON path ---- */

static int id_value(itav__json_dec *d, const char *p, const char *s)
{
    if (!s)
        return problem(d, p, "must not be empty");
    if (!itav__valid_id(s))
        return problem(d, p, "\"%s\" is not a valid id (1-64 of a-z, 0-9 and single '-' "
                             "between them)", s);
    return ITAV_OK;
}

static int id_member(itav__json_dec *d, const json_t *o, const char *path, const char *key,
                     const char **out)
{
    char p[ITAV__JSON_PATH_MAX];
    int rc = itav__json_text_member(d, o, path, key, out);
    join(p, path, key);
    return rc != ITAV_OK ? rc : id_value(d, p, *out);
}

static int int_member(itav__json_dec *d, const json_t *o, const char *path, const char *key,
                      long long lo, long long hi, long long *out)
{
    char p[ITAV__JSON_PATH_MAX];
    const json_t *v = json_object_get(o, key);
    join(p, path, key);
    if (!json_is_integer(v))
        return problem(d, p, "expected an integer");
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return problem(d, p, "%lld is out of range (%lld to %lld)", (long long)x, lo, hi);
    *out = (long long)x;
    return ITAV_OK;
}

/* An optional member that is true when present ("low_k", "hidden"): canonical form leaves a
 * false one out, so false is refused, as any other value. */
static int true_member(itav__json_dec *d, const json_t *o, const char *path, const char *key,
                       bool *out)
{
    char p[ITAV__JSON_PATH_MAX];
    const json_t *v = json_object_get(o, key);
    *out = v != NULL;
    join(p, path, key);
    if (v && !json_is_true(v))
        return problem(d, p, "expected true (leave the member out for false)");
    return ITAV_OK;
}

static int decode_members(itav__json_dec *d, const json_t *o, const char *path, itav_release *rl)
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX + 32];
    const json_t *a = json_object_get(o, "members");
    if (!a)
        return ITAV_OK;
    join(p, path, "members");
    if (!json_is_array(a) || !json_array_size(a))
        return problem(d, p, "expected a non-empty array of offer ids (leave it out for none)");
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        snprintf(pi, sizeof pi, "%s[%zu]", p, i);
        if (!json_is_string(v))
            return problem(d, pi, "expected an offer id");
        const char *s = json_string_value(v);
        int rc = id_value(d, pi, json_string_length(v) ? s : NULL);
        if (rc != ITAV_OK)
            return rc;
        if (!strcmp(s, rl->offer))
            return problem(d, pi, "\"%s\" is the release's own offer", s);
        for (size_t j = 0; j < rl->members.n; j++)
            if (!strcmp(s, rl->members.v[j]))
                return problem(d, pi, "offer \"%s\" is listed twice", s);
        if (itav__strlist_add(&rl->members, s) != ITAV_OK)
            return problem(d, pi, "out of memory"), ITAV_ENOMEM;
    }
    return ITAV_OK;
}

static const char *const cell_members[] = {"table", "row", "column", "value", "hidden", NULL};

static int decode_cell(itav__json_dec *d, const json_t *v, const char *path,
                       itav__release_cell *c)
{
    const char *table, *row, *column;
    bool hidden;
    int rc;
    if ((rc = itav__json_members(d, v, path, cell_members, 3)) ||
        (rc = itav__json_text_member(d, v, path, "table", &table)) ||
        (rc = itav__json_text_member(d, v, path, "row", &row)) ||
        (rc = itav__json_text_member(d, v, path, "column", &column)) ||
        (rc = true_member(d, v, path, "hidden", &hidden)))
        return rc;
    if (!table) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, "table");
        return problem(d, p, "must not be empty");
    }
    bool valued = json_object_get(v, "value") != NULL;
    if (hidden == valued) /* a hidden count's value was never published */
        return problem(d, path, hidden ? "a hidden count has no \"value\""
                                       : "a shown count needs its \"value\" (or \"hidden\": "
                                         "true)");
    if (valued && (rc = int_member(d, v, path, "value", 0, LLONG_MAX, &c->value)) != ITAV_OK)
        return rc;
    c->hidden = hidden;
    if (!(c->table = itav__strdup(table)) || !(c->row = itav__strdup(row ? row : "")) ||
        !(c->column = itav__strdup(column ? column : "")))
        return problem(d, path, "out of memory"), ITAV_ENOMEM;
    return ITAV_OK;
}

static int decode_cells(itav__json_dec *d, const json_t *o, const char *path, itav_release *rl)
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX + 32];
    const json_t *a = json_object_get(o, "cells");
    join(p, path, "cells");
    if (!json_is_array(a))
        return problem(d, p, "expected an array of counts");
    size_t n = json_array_size(a);
    if (n && !(rl->cells = itav__calloc(n, sizeof *rl->cells)))
        return problem(d, p, "out of memory"), ITAV_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        snprintf(pi, sizeof pi, "%s[%zu]", p, i);
        rl->ncells++; /* freed with the release even when half decoded */
        int rc = decode_cell(d, json_array_get(a, i), pi, &rl->cells[i]);
        if (rc != ITAV_OK)
            return rc;
    }
    return ITAV_OK;
}

static const char *const release_members[] = {"id", "offer", "as_of", "k", "protection",
                                              "cells", "members", "from", "to", "low_k",
                                              "method", NULL};

/* "method": "suppress" (the default; an export leaves it out) or "perturb". */
static int method_member(itav__json_dec *d, const json_t *o, const char *path, unsigned *out)
{
    const char *s;
    char p[ITAV__JSON_PATH_MAX];
    int rc = itav__json_text_member(d, o, path, "method", &s);
    *out = ITAV_REPORT_SUPPRESS;
    if (rc != ITAV_OK || !s)
        return rc;
    join(p, path, "method");
    if (!strcmp(s, "perturb"))
        *out = ITAV_REPORT_PERTURB;
    else if (strcmp(s, "suppress"))
        return problem(d, p, "unknown value \"%s\" (expected one of: suppress, perturb)", s);
    return ITAV_OK;
}

int itav__json_decode_release(itav__json_dec *d, const json_t *v, const char *path,
                              itav_release **out)
{
    const char *id, *offer;
    long long k = 0, protection = 0;
    char p[ITAV__JSON_PATH_MAX];
    int rc;
    *out = NULL;
    itav_release *rl = itav__calloc(1, sizeof *rl);
    if (!rl)
        return problem(d, path, "out of memory"), ITAV_ENOMEM;
    if ((rc = itav__json_members(d, v, path, release_members, 6)) ||
        (rc = id_member(d, v, path, "id", &id)) || (rc = id_member(d, v, path, "offer", &offer)))
        goto fail;
    if (!(rl->id = itav__strdup(id)) || !(rl->offer = itav__strdup(offer))) {
        rc = (problem(d, path, "out of memory"), ITAV_ENOMEM);
        goto fail;
    }
    if ((rc = decode_members(d, v, path, rl)) ||
        (rc = date_member(d, v, path, "from", &rl->from)) ||
        (rc = date_member(d, v, path, "to", &rl->to)) ||
        (rc = date_member(d, v, path, "as_of", &rl->as_of)) ||
        (rc = int_member(d, v, path, "k", 1, INT_MAX, &k)) ||
        (rc = int_member(d, v, path, "protection", 0, INT_MAX, &protection)) ||
        (rc = true_member(d, v, path, "low_k", &rl->low_k)) ||
        (rc = method_member(d, v, path, &rl->method)))
        goto fail;
    if (rl->as_of == ITAV_DATE_NONE) {
        join(p, path, "as_of");
        rc = problem(d, p, "must not be empty");
        goto fail;
    }
    if (rl->from != ITAV_DATE_NONE && rl->to != ITAV_DATE_NONE && rl->from > rl->to) {
        join(p, path, "to");
        rc = problem(d, p, "the period ends before it starts (\"from\")");
        goto fail;
    }
    rl->k = (int)k;
    rl->protection = (int)protection;
    if ((rc = decode_cells(d, v, path, rl)) != ITAV_OK)
        goto fail;
    for (size_t i = 0; rl->method == ITAV_REPORT_PERTURB && i < rl->ncells; i++)
        if (rl->cells[i].hidden) { /* the cell key method hides no count */
            snprintf(p, sizeof p, "%s.cells[%zu]", path, i);
            rc = problem(d, p, "a perturbed release hides no count");
            goto fail;
        }
    *out = rl;
    return ITAV_OK;
fail:
    itav_release_free(rl);
    return rc;
}
