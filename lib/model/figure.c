/* Figures: something counted, as a qualified quantity. */
#include "model/model_int.h"

#include <math.h>
#include <string.h>

static void figure_clear(itav_figure *f)
{
    itav__free(f->what);
    itav__free(f->text);
    itav__free(f->period);
    itav__free(f->where);
    itav__free(f->note);
    itav__free(f->source);
}

ITAV_API int itav_figure_new(itav_figure **out, const char *what, itav_qualifier qualifier,
                             double min, double max, const char *text)
{
    if (!out || !what || !*what || !itav__valid_text(what) || !itav__qualifier_valid(qualifier) ||
        (text && !itav__valid_text(text)))
        return ITAV_EINVAL;
    if (qualifier == ITAV_QTY_TEXT) {
        if (!text || !*text)
            return ITAV_EINVAL;
        min = max = NAN;
    } else {
        if (!itav__qualifier_two_numbers(qualifier))
            max = min;
        if (!itav__quantity_numbers_ok(qualifier, min, max))
            return ITAV_EINVAL;
    }
    itav_figure *f = itav__calloc(1, sizeof *f);
    if (!f)
        return ITAV_ENOMEM;
    f->qualifier = qualifier;
    f->min = min;
    f->max = max;
    if (!(f->what = itav__strdup(what)) || itav__set_text(&f->text, text) != ITAV_OK) {
        itav_figure_free(f);
        return ITAV_ENOMEM;
    }
    *out = f;
    return ITAV_OK;
}

ITAV_API void itav_figure_free(itav_figure *f)
{
    if (!f)
        return;
    figure_clear(f);
    itav__free(f);
}

int itav__figure_copy(itav_figure **out, const itav_figure *f)
{
    itav_figure *c;
    int rc = itav_figure_new(&c, f->what, f->qualifier, f->min, f->max, f->text);
    if (rc != ITAV_OK)
        return rc;
    if (itav__set_text(&c->period, f->period) || itav__set_text(&c->where, f->where) ||
        itav__set_text(&c->note, f->note) || itav__set_text(&c->source, f->source)) {
        itav_figure_free(c);
        return ITAV_ENOMEM;
    }
    *out = c;
    return ITAV_OK;
}

ITAV_API int itav_figure_set_period(itav_figure *f, const char *period)
{
    return f ? itav__set_text(&f->period, period) : ITAV_EINVAL;
}

ITAV_API int itav_figure_set_where(itav_figure *f, const char *where)
{
    return f ? itav__set_text(&f->where, where) : ITAV_EINVAL;
}

ITAV_API int itav_figure_set_note(itav_figure *f, const char *note)
{
    return f ? itav__set_text(&f->note, note) : ITAV_EINVAL;
}

ITAV_API int itav_figure_set_source(itav_figure *f, const char *ref)
{
    if (!f || (ref && *ref && !itav__valid_ref(ref)))
        return ITAV_EINVAL;
    return itav__set_text(&f->source, ref);
}

ITAV_API const char *itav_figure_get_what(const itav_figure *f) { return f ? f->what : NULL; }
ITAV_API itav_qualifier itav_figure_get_qualifier(const itav_figure *f)
{
    return f ? f->qualifier : (itav_qualifier)0;
}
ITAV_API double itav_figure_get_min(const itav_figure *f) { return f ? f->min : NAN; }
ITAV_API double itav_figure_get_max(const itav_figure *f) { return f ? f->max : NAN; }
ITAV_API const char *itav_figure_get_text(const itav_figure *f) { return f ? f->text : NULL; }
ITAV_API const char *itav_figure_get_period(const itav_figure *f)
{
    return f ? f->period : NULL;
}
ITAV_API const char *itav_figure_get_where(const itav_figure *f) { return f ? f->where : NULL; }
ITAV_API const char *itav_figure_get_note(const itav_figure *f) { return f ? f->note : NULL; }
ITAV_API const char *itav_figure_get_source(const itav_figure *f)
{
    return f ? f->source : NULL;
}

/* ---- lists of figures, owned by interventions and offers ---- */

int itav__figlist_add(itav__figlist *l, const itav_figure *f)
{
    itav_figure *c;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        itav_figure **v = itav__realloc(l->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    int rc = itav__figure_copy(&c, f);
    if (rc != ITAV_OK)
        return rc;
    l->v[l->n++] = c;
    return ITAV_OK;
}

int itav__figlist_remove(itav__figlist *l, size_t i)
{
    if (i >= l->n)
        return ITAV_ERANGE;
    itav_figure_free(l->v[i]);
    memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
    l->n--;
    return ITAV_OK;
}

void itav__figlist_clear(itav__figlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        itav_figure_free(l->v[i]);
    itav__free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

int itav__figlist_copy(itav__figlist *dst, const itav__figlist *src)
{
    itav__figlist tmp = {0};
    for (size_t i = 0; i < src->n; i++) {
        if (itav__figlist_add(&tmp, src->v[i]) != ITAV_OK) {
            itav__figlist_clear(&tmp);
            return ITAV_ENOMEM;
        }
    }
    itav__figlist_clear(dst);
    *dst = tmp;
    return ITAV_OK;
}
