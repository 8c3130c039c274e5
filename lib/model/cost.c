/* Costs and funding of offers and interventions (itav/cost.h): an amount as a qualified
 * quantity with its unit and currency, the period, the funders and their shares. */
#include "model/model_int.h"

#include <math.h>
#include <string.h>

static bool unit_valid(itav_cost_unit u)
{
    return u >= ITAV_COST_TOTAL && u <= ITAV_COST_PER_MEETING;
}

static bool currency_valid(const char *s)
{
    if (!s || strlen(s) != 3)
        return false;
    for (int i = 0; i < 3; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

/* An amount: none (qualifier 0, NaN), words (text, NaN, unit optional), or numbers of 0 or
 * more that fit the qualifier, with a unit. */
static bool amount_ok(itav_qualifier q, double min, double max, const char *text,
                      itav_cost_unit unit)
{
    if (unit && !unit_valid(unit))
        return false;
    if (q == 0)
        return isnan(min) && isnan(max) && !text && !unit;
    if (!itav__qualifier_valid(q) || !itav__quantity_numbers_ok(q, min, max))
        return false;
    if (q == ITAV_QTY_TEXT)
        return text && *text;
    return unit && min >= 0;
}

static bool share_ok(itav_share_kind kind, itav_qualifier q, double min, double max)
{
    if (kind == ITAV_SHARE_NONE)
        return q == 0 && isnan(min) && isnan(max);
    if ((kind != ITAV_SHARE_PERCENT && kind != ITAV_SHARE_AMOUNT) || q == ITAV_QTY_TEXT ||
        !itav__qualifier_valid(q) || !itav__quantity_numbers_ok(q, min, max) || min < 0)
        return false;
    return kind != ITAV_SHARE_PERCENT || max <= 100;
}

/* The percent shares of a cost (and one more, extra) by their lower ends: at most 100. */
static bool percents_ok(const itav_cost *c, double extra)
{
    double sum = extra;
    for (size_t i = 0; i < c->nfunders; i++)
        if (c->funders[i].kind == ITAV_SHARE_PERCENT)
            sum += c->funders[i].min;
    return itav__le(sum, 100);
}

const char *itav__cost_problem(const itav_cost *c)
{
    if (!c->what || !*c->what)
        return N_("a cost needs what it is for");
    if (!amount_ok(c->qualifier, c->min, c->max, c->text, c->unit))
        return N_("the amount does not fit its qualifier and unit");
    if (!currency_valid(c->currency))
        return N_("the currency is not three capital letters");
    if (c->from != ITAV_DATE_NONE && c->to != ITAV_DATE_NONE && c->to < c->from)
        return N_("the period ends before it starts");
    for (size_t i = 0; i < c->nfunders; i++) {
        const itav__funder *f = &c->funders[i];
        if (!f->name || !*f->name)
            return N_("a funder without a name");
        if (!share_ok(f->kind, f->qualifier, f->min, f->max))
            return N_("a funder's share does not fit its kind and qualifier");
    }
    return percents_ok(c, 0) ? NULL : N_("the percent shares add up to more than 100");
}

ITAV_API int itav_cost_new(itav_cost **out, const char *what)
{
    if (!out || !what || !*what || !itav__valid_text(what))
        return ITAV_EINVAL;
    itav_cost *c = itav__calloc(1, sizeof *c);
    if (!c)
        return ITAV_ENOMEM;
    c->min = c->max = NAN;
    c->from = c->to = ITAV_DATE_NONE;
    memcpy(c->currency, ITAV_COST_CURRENCY, sizeof c->currency);
    if (!(c->what = itav__strdup(what))) {
        itav__free(c);
        return ITAV_ENOMEM;
    }
    *out = c;
    return ITAV_OK;
}

ITAV_API void itav_cost_free(itav_cost *c)
{
    if (!c)
        return;
    itav__free(c->what);
    itav__free(c->text);
    itav__free(c->note);
    itav__free(c->source);
    for (size_t i = 0; i < c->nfunders; i++)
        itav__free(c->funders[i].name);
    itav__free(c->funders);
    itav__free(c);
}

ITAV_API int itav_cost_dup(itav_cost **out, const itav_cost *c)
{
    itav_cost *d;
    if (!out || !c)
        return ITAV_EINVAL;
    int rc = itav_cost_new(&d, c->what);
    if (rc != ITAV_OK)
        return rc;
    d->qualifier = c->qualifier;
    d->min = c->min;
    d->max = c->max;
    d->unit = c->unit;
    d->from = c->from;
    d->to = c->to;
    memcpy(d->currency, c->currency, sizeof d->currency);
    if (itav__set_text(&d->text, c->text) || itav__set_text(&d->note, c->note) ||
        itav__set_text(&d->source, c->source))
        goto nomem;
    if (c->nfunders) {
        if (!(d->funders = itav__calloc(c->nfunders, sizeof *d->funders)))
            goto nomem;
        d->capfunders = c->nfunders;
        for (size_t i = 0; i < c->nfunders; i++) {
            d->funders[i] = c->funders[i];
            d->funders[i].name = NULL;
            d->nfunders++;
            if (!(d->funders[i].name = itav__strdup(c->funders[i].name)))
                goto nomem;
        }
    }
    *out = d;
    return ITAV_OK;
nomem:
    itav_cost_free(d);
    return ITAV_ENOMEM;
}

ITAV_API int itav_cost_set_amount(itav_cost *c, itav_qualifier qualifier, double min,
                                  double max, const char *text, itav_cost_unit unit)
{
    if (!c || (text && !itav__valid_text(text)))
        return ITAV_EINVAL;
    if (qualifier == 0) {
        min = max = NAN;
        text = NULL;
        unit = 0;
    } else if (qualifier == ITAV_QTY_TEXT) {
        min = max = NAN;
    } else if (!itav__qualifier_two_numbers(qualifier)) {
        max = min;
    }
    if (text && !*text)
        text = NULL;
    if (!amount_ok(qualifier, min, max, text, unit))
        return ITAV_EINVAL;
    if (itav__set_text(&c->text, text) != ITAV_OK)
        return ITAV_ENOMEM;
    c->qualifier = qualifier;
    c->min = min;
    c->max = max;
    c->unit = unit;
    return ITAV_OK;
}

ITAV_API int itav_cost_set_currency(itav_cost *c, const char *code)
{
    if (!c || !currency_valid(code))
        return ITAV_EINVAL;
    memcpy(c->currency, code, sizeof c->currency);
    return ITAV_OK;
}

ITAV_API int itav_cost_set_period(itav_cost *c, int32_t from, int32_t to)
{
    if (!c || !itav__valid_date_or_none(from) || !itav__valid_date_or_none(to) ||
        (from != ITAV_DATE_NONE && to != ITAV_DATE_NONE && to < from))
        return ITAV_EINVAL;
    c->from = from;
    c->to = to;
    return ITAV_OK;
}

ITAV_API int itav_cost_set_note(itav_cost *c, const char *note)
{
    return c ? itav__set_text(&c->note, note) : ITAV_EINVAL;
}

ITAV_API int itav_cost_set_source(itav_cost *c, const char *ref)
{
    if (!c || (ref && *ref && !itav__valid_ref(ref)))
        return ITAV_EINVAL;
    return itav__set_text(&c->source, ref);
}

ITAV_API int itav_cost_add_funder(itav_cost *c, const char *name, itav_share_kind kind,
                                  itav_qualifier qualifier, double min, double max)
{
    if (!c || !name || !*name || !itav__valid_text(name))
        return ITAV_EINVAL;
    if (kind == ITAV_SHARE_NONE) {
        qualifier = 0;
        min = max = NAN;
    } else if (!itav__qualifier_two_numbers(qualifier)) {
        max = min;
    }
    if (!share_ok(kind, qualifier, min, max) ||
        (kind == ITAV_SHARE_PERCENT && !percents_ok(c, min)))
        return ITAV_EINVAL;
    if (c->nfunders == c->capfunders) {
        size_t cap = c->capfunders ? c->capfunders * 2 : 2;
        itav__funder *v = itav__realloc(c->funders, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        c->funders = v;
        c->capfunders = cap;
    }
    char *copy = itav__strdup(name);
    if (!copy)
        return ITAV_ENOMEM;
    c->funders[c->nfunders++] = (itav__funder){copy, kind, qualifier, min, max};
    return ITAV_OK;
}

ITAV_API int itav_cost_remove_funder(itav_cost *c, size_t i)
{
    if (!c)
        return ITAV_EINVAL;
    if (i >= c->nfunders)
        return ITAV_ERANGE;
    itav__free(c->funders[i].name);
    memmove(c->funders + i, c->funders + i + 1, (c->nfunders - i - 1) * sizeof *c->funders);
    c->nfunders--;
    return ITAV_OK;
}

ITAV_API const char *itav_cost_get_what(const itav_cost *c) { return c ? c->what : NULL; }
ITAV_API itav_qualifier itav_cost_get_qualifier(const itav_cost *c)
{
    return c ? c->qualifier : (itav_qualifier)0;
}
ITAV_API double itav_cost_get_min(const itav_cost *c) { return c ? c->min : NAN; }
ITAV_API double itav_cost_get_max(const itav_cost *c) { return c ? c->max : NAN; }
ITAV_API const char *itav_cost_get_text(const itav_cost *c) { return c ? c->text : NULL; }
ITAV_API itav_cost_unit itav_cost_get_unit(const itav_cost *c)
{
    return c ? c->unit : (itav_cost_unit)0;
}
ITAV_API const char *itav_cost_get_currency(const itav_cost *c)
{
    return c ? c->currency : NULL;
}
ITAV_API int32_t itav_cost_get_from(const itav_cost *c) { return c ? c->from : ITAV_DATE_NONE; }
ITAV_API int32_t itav_cost_get_to(const itav_cost *c) { return c ? c->to : ITAV_DATE_NONE; }
ITAV_API const char *itav_cost_get_note(const itav_cost *c) { return c ? c->note : NULL; }
ITAV_API const char *itav_cost_get_source(const itav_cost *c) { return c ? c->source : NULL; }
ITAV_API size_t itav_cost_funder_count(const itav_cost *c) { return c ? c->nfunders : 0; }

ITAV_API int itav_cost_funder(const char **name, itav_share_kind *kind,
                              itav_qualifier *qualifier, double *min, double *max,
                              const itav_cost *c, size_t i)
{
    if (!c)
        return ITAV_EINVAL;
    if (i >= c->nfunders)
        return ITAV_ERANGE;
    const itav__funder *f = &c->funders[i];
    if (name)
        *name = f->name;
    if (kind)
        *kind = f->kind;
    if (qualifier)
        *qualifier = f->qualifier;
    if (min)
        *min = f->min;
    if (max)
        *max = f->max;
    return ITAV_OK;
}

/* ---- lists of costs, owned by offers and interventions ---- */

int itav__costlist_add(itav__costlist *l, const itav_cost *c)
{
    itav_cost *d;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 2;
        itav_cost **v = itav__realloc(l->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    int rc = itav_cost_dup(&d, c);
    if (rc != ITAV_OK)
        return rc;
    l->v[l->n++] = d;
    return ITAV_OK;
}

int itav__costlist_remove(itav__costlist *l, size_t i)
{
    if (i >= l->n)
        return ITAV_ERANGE;
    itav_cost_free(l->v[i]);
    memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
    l->n--;
    return ITAV_OK;
}

void itav__costlist_clear(itav__costlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        itav_cost_free(l->v[i]);
    itav__free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

int itav__costlist_copy(itav__costlist *dst, const itav__costlist *src)
{
    itav__costlist tmp = {0};
    for (size_t i = 0; i < src->n; i++) {
        if (itav__costlist_add(&tmp, src->v[i]) != ITAV_OK) {
            itav__costlist_clear(&tmp);
            return ITAV_ENOMEM;
        }
    }
    itav__costlist_clear(dst);
    *dst = tmp;
    return ITAV_OK;
}

ITAV_API size_t itav_offer_cost_count(const itav_offer *of) { return of ? of->costs.n : 0; }
ITAV_API const itav_cost *itav_offer_cost(const itav_offer *of, size_t i)
{
    return of && i < of->costs.n ? of->costs.v[i] : NULL;
}
ITAV_API int itav_offer_add_cost(itav_offer *of, const itav_cost *c)
{
    return of && c ? itav__costlist_add(&of->costs, c) : ITAV_EINVAL;
}
ITAV_API int itav_offer_remove_cost(itav_offer *of, size_t i)
{
    return of ? itav__costlist_remove(&of->costs, i) : ITAV_EINVAL;
}

ITAV_API size_t itav_intervention_cost_count(const itav_intervention *iv)
{
    return iv ? iv->costs.n : 0;
}
ITAV_API const itav_cost *itav_intervention_cost(const itav_intervention *iv, size_t i)
{
    return iv && i < iv->costs.n ? iv->costs.v[i] : NULL;
}
ITAV_API int itav_intervention_add_cost(itav_intervention *iv, const itav_cost *c)
{
    return iv && c ? itav__costlist_add(&iv->costs, c) : ITAV_EINVAL;
}
ITAV_API int itav_intervention_remove_cost(itav_intervention *iv, size_t i)
{
    return iv ? itav__costlist_remove(&iv->costs, i) : ITAV_EINVAL;
}
