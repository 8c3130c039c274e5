/* The JSON form of a computed report ("itav-report/1", docs/format.md), built with the
 * JSON values of lib/interchange. */
#include "evaluation/evaluation_int.h"

/* A number as a number, text as a string, a suppressed count as "<k", a suppressed mean or
 * percent as "hidden", an empty cell as null. */
static itav__json *encode_report_cell(const itav_report *r, const itav__cell *c)
{
    if (c->suppressed)
        return itav__json_new_string(c->why == ITAV_HIDDEN_MAGNITUDE ? ITAV__HIDDEN_JSON
                                                                     : r->suppressed);
    switch (c->kind) {
    case ITAV__CELL_NUMBER: return itav__json_number(c->value);
    case ITAV__CELL_TEXT: return itav__json_new_string(c->text);
    case ITAV__CELL_EMPTY: break;
    }
    return itav__json_new_null();
}

static itav__json *encode_report_table(const itav_report *r, const itav__table *t)
{
    itav__json *o = itav__json_new_object(), *cols = itav__json_new_array(),
               *rows = itav__json_new_array();
    bool ok = o && cols && rows && itav__json_put_text(o, "name", t->name) &&
              itav__json_put_text(o, "title", t->title);
    for (size_t c = 0; ok && c < t->columns.n; c++)
        ok = itav__json_push(cols, itav__json_new_string(t->columns.v[c]));
    for (size_t row = 0; ok && row < t->rows; row++) {
        itav__json *cells = itav__json_new_array();
        ok = cells != NULL;
        for (size_t c = 0; ok && c < t->columns.n; c++)
            ok = itav__json_push(cells, encode_report_cell(r, itav__table_cell(t, row, c)));
        if (ok)
            ok = itav__json_push(rows, cells);
        else
            itav__json_free(cells);
    }
    ok =
        ok && itav__json_attach(o, "columns", &cols) && itav__json_attach(o, "rows", &rows) &&
        itav__json_put(o, "note", t->note ? itav__json_new_string(t->note) : itav__json_new_null());
    itav__json_free(cols);
    itav__json_free(rows);
    if (!ok) {
        itav__json_free(o);
        return NULL;
    }
    return o;
}

int itav__report_json(char **out, const itav_report *r)
{
    itav__json *o = itav__json_new_object(), *members = itav__json_new_array(),
               *tables = itav__json_new_array();
    bool ok = o && members && tables && itav__json_put_text(o, "format", "itav-report/1") &&
              itav__json_put_text(o, "title", r->title) &&
              itav__json_put_text(o, "offer", r->offer);
    for (size_t i = 0; ok && i < r->members.n; i++)
        ok = itav__json_push(members, itav__json_new_string(r->members.v[i]));
    ok = ok && itav__json_attach(o, "members", &members) &&
         itav__json_put(o, "as_of", itav__json_new_date(r->as_of)) &&
         itav__json_put(o, "from", itav__json_new_date(r->from)) &&
         itav__json_put(o, "to", itav__json_new_date(r->to)) &&
         itav__json_put(o, "k", itav__json_number(r->k)) &&
         itav__json_put(o, "publish", itav__json_new_bool(r->publish)) &&
         itav__json_put(o, "low_k", itav__json_new_bool(r->low_k)) &&
         itav__json_put(o, "protection", itav__json_number(r->protection)) &&
         itav__json_put_text(o, "method", r->perturb ? "perturb" : "suppress") &&
         (!r->perturb ||
          itav__json_put(o, "max_noise", itav__json_number(ITAV_REPORT_PERTURB_MAX_NOISE))) &&
         itav__json_put(o, "audit", itav__json_new_string(r->audit_passed ? "passed"
                                                                           : "failed"));
    for (size_t t = 0; ok && t < r->ntables; t++)
        ok = itav__json_push(tables, encode_report_table(r, &r->tables[t]));
    ok = ok && itav__json_attach(o, "tables", &tables);
    itav__json_free(members);
    itav__json_free(tables);
    if (!ok) {
        itav__json_free(o);
        return ITAV_ENOMEM;
    }
    return itav__json_dump(out, o, true);
}

