/* The JSON form of element portfolios (itav_portfolio_to_json), built with the JSON values
 * of lib/interchange. */
#include "evaluation/evaluation_int.h"

/* Portfolios (itav_portfolio_to_json). A share of an empty portfolio is null, not 0: there
 * is nothing to be a share of. */
static itav__json *portfolio_share(const itav_portfolio *p, itav_element e)
{
    return p->members.n ? itav__json_number((double)p->npresent[e] / (double)p->members.n)
                        : itav__json_new_null();
}

static itav__json *portfolio_ids(const itav__strlist *l)
{
    itav__json *a = itav__json_new_array();
    bool ok = a != NULL;
    for (size_t i = 0; ok && i < l->n; i++)
        ok = itav__json_push(a, itav__json_new_string(l->v[i]));
    if (!ok) {
        itav__json_free(a);
        return NULL;
    }
    return a;
}

static itav__json *portfolio_coverage(const itav_portfolio *p)
{
    itav__json *o = itav__json_new_object(), *c = NULL;
    bool ok = o != NULL;
    for (int e = 1; ok && e <= ITAV_ELEMENT_COUNT; e++)
        ok = (c = itav__json_new_object()) &&
             itav__json_put(c, "present", itav__json_number((double)p->npresent[e])) &&
             itav__json_put(c, "known", itav__json_number((double)p->nknown[e])) &&
             itav__json_put(c, "share", portfolio_share(p, (itav_element)e)) &&
             itav__json_attach(o, itav_element_code((itav_element)e), &c);
    itav__json_free(c);
    if (!ok) {
        itav__json_free(o);
        return NULL;
    }
    return o;
}

/* Setting (rows) by scope (columns), every cell, "not_stated" for 0. */
static itav__json *portfolio_table(const itav_portfolio *p)
{
    itav__json *o = itav__json_new_object(), *row = NULL;
    bool ok = o != NULL;
    for (int s = 1; ok && s <= 4; s++) {
        int setting = s % 4; /* 1, 2, 3, then 0 */
        ok = (row = itav__json_new_object()) != NULL;
        for (int c = 1; ok && c <= 4; c++) {
            int scope = c % 4;
            ok = itav__json_put(row, scope ? itav_code_name(ITAV_CODE_SCOPE, scope) : "not_stated",
                     itav__json_number((double)p->table[setting][scope]));
        }
        ok =
            ok && itav__json_attach(
                      o, setting ? itav_code_name(ITAV_CODE_SETTING, setting) : "not_stated", &row);
    }
    itav__json_free(row);
    if (!ok) {
        itav__json_free(o);
        return NULL;
    }
    return o;
}

static itav__json *encode_portfolio(const itav_portfolio *p)
{
    itav__json *o = itav__json_new_object(), *flags = itav__json_new_object();
    bool ok = o && flags && itav__json_put(o, "count", itav__json_number((double)p->members.n)) &&
              (p->source == ITAV_PROFILE_DEFAULT ||
               itav__json_put_code(o, "profile", ITAV_CODE_PROFILE_SOURCE, p->source)) &&
              itav__json_put(o, "members", portfolio_ids(&p->members)) &&
              itav__json_put(o, "coverage", portfolio_coverage(p)) &&
              itav__json_put(o, "table", portfolio_table(p));
    for (int f = 1; ok && f <= ITAV__PORTFOLIO_FLAGS; f++)
        ok = itav__json_put(flags, itav_code_name(ITAV_CODE_PORTFOLIO_FLAG, f),
                 portfolio_ids(&p->flagged[f]));
    ok = ok && itav__json_attach(o, "flags", &flags);
    itav__json_free(flags);
    if (!ok) {
        itav__json_free(o);
        return NULL;
    }
    return o;
}

/* Per element, the share of b minus the share of a; null when either is empty. */
static itav__json *portfolio_difference(const itav_portfolio *a, const itav_portfolio *b)
{
    itav__json *o = itav__json_new_object();
    bool ok = o != NULL;
    for (int e = 1; ok && e <= ITAV_ELEMENT_COUNT; e++) {
        itav__json *d = itav__json_new_null();
        if (a->members.n && b->members.n)
            d = itav__json_number((double)b->npresent[e] / (double)b->members.n -
                       (double)a->npresent[e] / (double)a->members.n);
        ok = itav__json_put(o, itav_element_code((itav_element)e), d);
    }
    if (!ok) {
        itav__json_free(o);
        return NULL;
    }
    return o;
}

int itav__portfolio_json(char **out, const itav_portfolio *a, const itav_portfolio *b)
{
    if (!b)
        return itav__json_dump(out, encode_portfolio(a), true);
    itav__json *o = itav__json_new_object();
    if (o && !(itav__json_put(o, "a", encode_portfolio(a)) &&
               itav__json_put(o, "b", encode_portfolio(b)) &&
               itav__json_put(o, "difference", portfolio_difference(a, b)))) {
        itav__json_free(o);
        o = NULL;
    }
    return itav__json_dump(out, o, true);
}
