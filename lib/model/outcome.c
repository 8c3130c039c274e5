/* Outcomes and research evidence of an intervention: a kind and a figure (itav/outcome.h). */
#include "model/model_int.h"

#include <string.h>

static bool kind_ok(itav_outcome_kind k)
{
    return itav_code_name(ITAV_CODE_OUTCOME_KIND, (int)k) != NULL;
}

ITAV_API int itav_outcome_new(itav_outcome **out, itav_outcome_kind kind,
                              const itav_figure *figure)
{
    if (!out || !figure || !kind_ok(kind))
        return ITAV_EINVAL;
    itav_outcome *o = itav__calloc(1, sizeof *o);
    if (!o)
        return ITAV_ENOMEM;
    o->kind = kind;
    if (itav__figure_copy(&o->figure, figure) != ITAV_OK) {
        itav__free(o);
        return ITAV_ENOMEM;
    }
    *out = o;
    return ITAV_OK;
}

ITAV_API void itav_outcome_free(itav_outcome *o)
{
    if (!o)
        return;
    itav_figure_free(o->figure);
    itav__free(o);
}

ITAV_API itav_outcome_kind itav_outcome_get_kind(const itav_outcome *o)
{
    return o ? o->kind : (itav_outcome_kind)0;
}

ITAV_API const itav_figure *itav_outcome_get_figure(const itav_outcome *o)
{
    return o ? o->figure : NULL;
}

/* ---- the list an intervention owns ---- */

static int outcomes_add(itav__outcomes *l, const itav_outcome *o)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        itav_outcome **v = itav__realloc(l->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    itav_outcome *c;
    int rc = itav_outcome_new(&c, o->kind, o->figure);
    if (rc != ITAV_OK)
        return rc;
    l->v[l->n++] = c;
    return ITAV_OK;
}

void itav__outcomes_clear(itav__outcomes *l)
{
    for (size_t i = 0; i < l->n; i++)
        itav_outcome_free(l->v[i]);
    itav__free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

int itav__outcomes_copy(itav__outcomes *dst, const itav__outcomes *src)
{
    itav__outcomes tmp = {0};
    for (size_t i = 0; i < src->n; i++) {
        if (outcomes_add(&tmp, src->v[i]) != ITAV_OK) {
            itav__outcomes_clear(&tmp);
            return ITAV_ENOMEM;
        }
    }
    itav__outcomes_clear(dst);
    *dst = tmp;
    return ITAV_OK;
}

ITAV_API size_t itav_intervention_outcome_count(const itav_intervention *iv)
{
    return iv ? iv->outcomes.n : 0;
}

ITAV_API const itav_outcome *itav_intervention_outcome(const itav_intervention *iv, size_t i)
{
    return iv && i < iv->outcomes.n ? iv->outcomes.v[i] : NULL;
}

ITAV_API int itav_intervention_add_outcome(itav_intervention *iv, const itav_outcome *o)
{
    if (!iv || !o)
        return ITAV_EINVAL;
    return outcomes_add(&iv->outcomes, o);
}

ITAV_API int itav_intervention_remove_outcome(itav_intervention *iv, size_t i)
{
    if (!iv)
        return ITAV_EINVAL;
    itav__outcomes *l = &iv->outcomes;
    if (i >= l->n)
        return ITAV_ERANGE;
    itav_outcome_free(l->v[i]);
    memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
    l->n--;
    return ITAV_OK;
}
