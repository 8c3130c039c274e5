/* Rows for costs and funding (cost.h): a cost and its funders, and the costs of offers and
 * interventions. The fixture cost is 109490 in total with one funder at about 80 percent. */
#include "families.h"

#include <float.h>
#include <stdint.h>
#include <string.h>

#define EINVAL_ E(ITAV_EINVAL)
#define SIZE_HUGE SIZE_MAX
#define C fx_cost(f)
#define OF P(0, fx_offer(f))
#define IV P(0, fx_intervention(f))

ADAPT(itav_cost_new)
{
    itav_cost *out = NULL;
    int rc = itav_cost_new(P(0, &out), TXT(1, "the 2021 budget"));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_cost_free(out);
    return r_code(rc);
}
ADAPT(itav_cost_free)
{
    itav_cost_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_cost_dup)
{
    itav_cost *out = NULL;
    int rc = itav_cost_dup(P(0, &out), P(1, C));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_cost_free(out);
    return r_code(rc);
}
ADAPT(itav_cost_set_amount)
{
    return r_code(itav_cost_set_amount(P(0, C), (itav_qualifier)NUM(1, ITAV_QTY_RANGE),
                                       DBL(2, 800), DBL(3, 1000), TXT(4, NULL),
                                       (itav_cost_unit)NUM(5, ITAV_COST_PER_YOUNG_PERSON)));
}
ADAPT(itav_cost_set_currency)
{
    return r_code(itav_cost_set_currency(P(0, C), TXT(1, "EUR")));
}
ADAPT(itav_cost_set_period)
{
    return r_code(itav_cost_set_period(P(0, C), (int32_t)NUM(1, 18628), (int32_t)NUM(2, 18992)));
}
ADAPT(itav_cost_set_note)
{
    return r_code(itav_cost_set_note(P(0, C), TXT(1, "Invoiced twice a year.")));
}
ADAPT(itav_cost_set_source)
{
    return r_code(itav_cost_set_source(P(0, C), TXT(1, "002:L143")));
}
ADAPT(itav_cost_add_funder)
{
    return r_code(itav_cost_add_funder(P(0, C), TXT(1, "school"),
                                       (itav_share_kind)NUM(2, ITAV_SHARE_PERCENT),
                                       (itav_qualifier)NUM(3, ITAV_QTY_ABOUT), DBL(4, 20),
                                       DBL(5, 20)));
}
ADAPT(itav_cost_remove_funder)
{
    return r_code(itav_cost_remove_funder(P(0, C), (size_t)NUM(1, 0)));
}
ADAPT(itav_cost_get_what) { return r_ptr(itav_cost_get_what(P(0, C))); }
ADAPT(itav_cost_get_qualifier) { return r_int(itav_cost_get_qualifier(P(0, C))); }
ADAPT(itav_cost_get_min) { return r_dbl(itav_cost_get_min(P(0, C))); }
ADAPT(itav_cost_get_max) { return r_dbl(itav_cost_get_max(P(0, C))); }
ADAPT(itav_cost_get_text) { return r_ptr(itav_cost_get_text(P(0, C))); }
ADAPT(itav_cost_get_unit) { return r_int(itav_cost_get_unit(P(0, C))); }
ADAPT(itav_cost_get_currency) { return r_ptr(itav_cost_get_currency(P(0, C))); }
ADAPT(itav_cost_get_from) { return r_int(itav_cost_get_from(P(0, C))); }
ADAPT(itav_cost_get_to) { return r_int(itav_cost_get_to(P(0, C))); }
ADAPT(itav_cost_get_note) { return r_ptr(itav_cost_get_note(P(0, C))); }
ADAPT(itav_cost_get_source) { return r_ptr(itav_cost_get_source(P(0, C))); }
ADAPT(itav_cost_funder_count) { return r_size(itav_cost_funder_count(P(0, C))); }
ADAPT(itav_cost_funder)
{
    const char *name = "unchanged";
    itav_share_kind kind;
    itav_qualifier q;
    double lo, hi;
    int rc = itav_cost_funder(P(0, &name), P(1, &kind), P(2, &q), P(3, &lo), P(4, &hi), P(5, C),
                              (size_t)NUM(6, 0));
    if (rc != ITAV_OK && strcmp(name, "unchanged") != 0)
        fx_fail(f, "name set on error");
    return r_code(rc);
}
ADAPT(itav_offer_cost_count) { return r_size(itav_offer_cost_count(OF)); }
ADAPT(itav_offer_cost) { return r_ptr(itav_offer_cost(OF, (size_t)NUM(1, 0))); }
ADAPT(itav_offer_add_cost) { return r_code(itav_offer_add_cost(OF, P(1, C))); }
ADAPT(itav_offer_remove_cost)
{
    return r_code(itav_offer_remove_cost(OF, (size_t)NUM(1, 0)));
}
ADAPT(itav_intervention_cost_count) { return r_size(itav_intervention_cost_count(IV)); }
ADAPT(itav_intervention_cost)
{
    return r_ptr(itav_intervention_cost(IV, (size_t)NUM(1, 0)));
}
ADAPT(itav_intervention_add_cost) { return r_code(itav_intervention_add_cost(IV, P(1, C))); }
ADAPT(itav_intervention_remove_cost)
{
    return r_code(itav_intervention_remove_cost(IV, (size_t)NUM(1, 0)));
}

static const row rows[] = {
    R(itav_cost_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_cost_new, "NULL what", EINVAL_, NUL(1)),
    R(itav_cost_new, "empty what", EINVAL_, S(1, "")),
    BAD_TEXT(itav_cost_new, 1, "what", EINVAL_),
    R(itav_cost_free, "NULL cost", RVOID, NUL(0)),
    R(itav_cost_dup, "NULL out", EINVAL_, NUL(0)),
    R(itav_cost_dup, "NULL cost", EINVAL_, NUL(1)),
    R(itav_cost_set_amount, "NULL cost", EINVAL_, NUL(0)),
    BAD_ENUM(itav_cost_set_amount, 1, "qualifier", ITAV_QTY_ABOUT_RANGE, EINVAL_),
    R(itav_cost_set_amount, "negative amount", EINVAL_, F(2, -1)),
    R(itav_cost_set_amount, "negative exact amount", EINVAL_, I(1, ITAV_QTY_EXACT), F(2, -0.5)),
    R(itav_cost_set_amount, "min over max", EINVAL_, F(2, 1001)),
    R(itav_cost_set_amount, "NaN", EINVAL_, F(2, NAN)),
    R(itav_cost_set_amount, "infinite max", EINVAL_, F(3, INFINITY)),
    R(itav_cost_set_amount, "text without text", EINVAL_, I(1, ITAV_QTY_TEXT), NUL(4)),
    R(itav_cost_set_amount, "a number without a unit", EINVAL_, I(5, 0)),
    BAD_ENUM(itav_cost_set_amount, 5, "unit", ITAV_COST_PER_MEETING, EINVAL_),
    BAD_TEXT(itav_cost_set_amount, 4, "text", EINVAL_),
    R(itav_cost_set_currency, "NULL cost", EINVAL_, NUL(0)),
    R(itav_cost_set_currency, "NULL code", EINVAL_, NUL(1)),
    R(itav_cost_set_currency, "empty code", EINVAL_, S(1, "")),
    R(itav_cost_set_currency, "lower case", EINVAL_, S(1, "eur")),
    R(itav_cost_set_currency, "four letters", EINVAL_, S(1, "EURO")),
    R(itav_cost_set_currency, "the euro sign", EINVAL_, S(1, "\xe2\x82\xac")),
    R(itav_cost_set_period, "NULL cost", EINVAL_, NUL(0)),
    R(itav_cost_set_period, "to before from", EINVAL_, I(2, 18627)),
    R(itav_cost_set_period, "from before 1900", EINVAL_, I(1, -30000)),
    R(itav_cost_set_period, "to INT32_MAX", EINVAL_, I(2, INT32_MAX)),
    R(itav_cost_set_note, "NULL cost", EINVAL_, NUL(0)),
    R(itav_cost_set_note, "NULL note (clears it)", E(ITAV_OK), NUL(1)),
    BAD_TEXT(itav_cost_set_note, 1, "note", EINVAL_),
    R(itav_cost_set_source, "NULL cost", EINVAL_, NUL(0)),
    R(itav_cost_set_source, "NULL reference (clears it)", E(ITAV_OK), NUL(1)),
    BAD_SOURCE(itav_cost_set_source, 1, EINVAL_),
    R(itav_cost_add_funder, "NULL cost", EINVAL_, NUL(0)),
    R(itav_cost_add_funder, "NULL name", EINVAL_, NUL(1)),
    R(itav_cost_add_funder, "empty name", EINVAL_, S(1, "")),
    BAD_TEXT(itav_cost_add_funder, 1, "name", EINVAL_),
    BAD_ENUM(itav_cost_add_funder, 2, "kind", ITAV_SHARE_AMOUNT, EINVAL_),
    R(itav_cost_add_funder, "qualifier 0", EINVAL_, I(3, 0)),
    R(itav_cost_add_funder, "qualifier text", EINVAL_, I(3, ITAV_QTY_TEXT)),
    BAD_ENUM(itav_cost_add_funder, 3, "qualifier", ITAV_QTY_ABOUT_RANGE, EINVAL_),
    R(itav_cost_add_funder, "negative share", EINVAL_, F(4, -5)),
    R(itav_cost_add_funder, "percent over 100", EINVAL_, F(4, 101)),
    R(itav_cost_add_funder, "percent shares over 100 together", EINVAL_, F(4, 21)),
    R(itav_cost_add_funder, "a range over 100 percent", EINVAL_, I(3, ITAV_QTY_RANGE),
      F(4, 10), F(5, 120)),
    R(itav_cost_add_funder, "NaN share", EINVAL_, F(4, NAN)),
    R(itav_cost_add_funder, "negative amount share", EINVAL_, I(2, ITAV_SHARE_AMOUNT),
      F(4, -1)),
    R(itav_cost_remove_funder, "NULL cost", EINVAL_, NUL(0)),
    R(itav_cost_remove_funder, "index past the end", E(ITAV_ERANGE), I(1, 1)),
    R(itav_cost_remove_funder, "index SIZE_MAX", E(ITAV_ERANGE), I(1, SIZE_HUGE)),
    R(itav_cost_get_what, "NULL cost", RNULL, NUL(0)),
    R(itav_cost_get_qualifier, "NULL cost", RET(0), NUL(0)),
    R(itav_cost_get_min, "NULL cost", RNAN, NUL(0)),
    R(itav_cost_get_max, "NULL cost", RNAN, NUL(0)),
    R(itav_cost_get_text, "NULL cost", RNULL, NUL(0)),
    R(itav_cost_get_unit, "NULL cost", RET(0), NUL(0)),
    R(itav_cost_get_currency, "NULL cost", RNULL, NUL(0)),
    R(itav_cost_get_from, "NULL cost", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_cost_get_to, "NULL cost", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_cost_get_note, "NULL cost", RNULL, NUL(0)),
    R(itav_cost_get_source, "NULL cost", RNULL, NUL(0)),
    R(itav_cost_funder_count, "NULL cost", RSIZE(0), NUL(0)),
    R(itav_cost_funder, "NULL name (not wanted)", E(ITAV_OK), NUL(0)),
    R(itav_cost_funder, "NULL kind (not wanted)", E(ITAV_OK), NUL(1)),
    R(itav_cost_funder, "NULL qualifier (not wanted)", E(ITAV_OK), NUL(2)),
    R(itav_cost_funder, "NULL min (not wanted)", E(ITAV_OK), NUL(3)),
    R(itav_cost_funder, "NULL max (not wanted)", E(ITAV_OK), NUL(4)),
    R(itav_cost_funder, "NULL cost", EINVAL_, NUL(5)),
    R(itav_cost_funder, "index past the end", E(ITAV_ERANGE), I(6, 1)),
    R(itav_cost_funder, "index SIZE_MAX", E(ITAV_ERANGE), I(6, SIZE_HUGE)),
    R(itav_offer_cost_count, "NULL offer", RSIZE(0), NUL(0)),
    R(itav_offer_cost, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_cost, "index past the end", RNULL, I(1, 0)),
    R(itav_offer_cost, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_offer_add_cost, "NULL offer", EINVAL_, NUL(0)),
    R(itav_offer_add_cost, "NULL cost", EINVAL_, NUL(1)),
    R(itav_offer_remove_cost, "NULL offer", EINVAL_, NUL(0)),
    R(itav_offer_remove_cost, "an empty list", E(ITAV_ERANGE), I(1, 0)),
    R(itav_offer_remove_cost, "index SIZE_MAX", E(ITAV_ERANGE), I(1, SIZE_HUGE)),
    R(itav_intervention_cost_count, "NULL intervention", RSIZE(0), NUL(0)),
    R(itav_intervention_cost, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_cost, "index past the end", RNULL, I(1, 0)),
    R(itav_intervention_add_cost, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_add_cost, "NULL cost", EINVAL_, NUL(1)),
    R(itav_intervention_remove_cost, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_remove_cost, "an empty list", E(ITAV_ERANGE), I(1, 0)),
};

const row_table rows_cost = {rows, sizeof rows / sizeof *rows};
