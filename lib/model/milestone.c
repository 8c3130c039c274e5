/* Status and milestones of an offer (itav/milestone.h). */
#include "model/model_int.h"

#include <string.h>

bool itav__milestone_ok(const itav_milestone *m)
{
    return itav_code_name(ITAV_CODE_MILESTONE_STATUS, (int)m->status) && m->what && *m->what &&
           itav__valid_date_or_none(m->date) && (m->date != ITAV_DATE_NONE || m->period);
}

ITAV_API int itav_milestone_new(itav_milestone **out, itav_milestone_status status,
                                int32_t date, const char *period, const char *what)
{
    if (!out || !what || !itav__valid_text(what) || (period && !itav__valid_text(period)))
        return ITAV_EINVAL;
    itav_milestone probe = {.status = status, .date = date, .what = (char *)what,
                            .period = period && *period ? (char *)period : NULL};
    if (!itav__milestone_ok(&probe))
        return ITAV_EINVAL;
    itav_milestone *m = itav__calloc(1, sizeof *m);
    if (!m)
        return ITAV_ENOMEM;
    m->status = status;
    m->date = date;
    if (!(m->what = itav__strdup(what)) || itav__set_text(&m->period, period) != ITAV_OK) {
        itav_milestone_free(m);
        return ITAV_ENOMEM;
    }
    *out = m;
    return ITAV_OK;
}

ITAV_API void itav_milestone_free(itav_milestone *m)
{
    if (!m)
        return;
    itav__free(m->period);
    itav__free(m->what);
    itav__free(m->text);
    itav__free(m->source);
    itav__free(m);
}

ITAV_API int itav_milestone_set_text(itav_milestone *m, const char *text)
{
    return m ? itav__set_text(&m->text, text) : ITAV_EINVAL;
}

ITAV_API int itav_milestone_set_source(itav_milestone *m, const char *ref)
{
    if (!m || (ref && *ref && !itav__valid_ref(ref)))
        return ITAV_EINVAL;
    return itav__set_text(&m->source, ref);
}

ITAV_API itav_milestone_status itav_milestone_get_status(const itav_milestone *m)
{
    return m ? m->status : (itav_milestone_status)0;
}
ITAV_API int32_t itav_milestone_get_date(const itav_milestone *m)
{
    return m ? m->date : ITAV_DATE_NONE;
}
ITAV_API const char *itav_milestone_get_period(const itav_milestone *m)
{
    return m ? m->period : NULL;
}
ITAV_API const char *itav_milestone_get_what(const itav_milestone *m)
{
    return m ? m->what : NULL;
}
ITAV_API const char *itav_milestone_get_text(const itav_milestone *m)
{
    return m ? m->text : NULL;
}
ITAV_API const char *itav_milestone_get_source(const itav_milestone *m)
{
    return m ? m->source : NULL;
}

static int milestone_copy(itav_milestone **out, const itav_milestone *m)
{
    itav_milestone *c;
    int rc = itav_milestone_new(&c, m->status, m->date, m->period, m->what);
    if (rc != ITAV_OK)
        return rc;
    if (itav__set_text(&c->text, m->text) || itav__set_text(&c->source, m->source)) {
        itav_milestone_free(c);
        return ITAV_ENOMEM;
    }
    *out = c;
    return ITAV_OK;
}

/* ---- the list an offer owns ---- */

static int milestones_add(itav__milestones *l, const itav_milestone *m)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        itav_milestone **v = itav__realloc(l->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    itav_milestone *c;
    int rc = milestone_copy(&c, m);
    if (rc != ITAV_OK)
        return rc;
    l->v[l->n++] = c;
    return ITAV_OK;
}

void itav__milestones_clear(itav__milestones *l)
{
    for (size_t i = 0; i < l->n; i++)
        itav_milestone_free(l->v[i]);
    itav__free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

int itav__milestones_copy(itav__milestones *dst, const itav__milestones *src)
{
    itav__milestones tmp = {0};
    for (size_t i = 0; i < src->n; i++) {
        if (milestones_add(&tmp, src->v[i]) != ITAV_OK) {
            itav__milestones_clear(&tmp);
            return ITAV_ENOMEM;
        }
    }
    itav__milestones_clear(dst);
    *dst = tmp;
    return ITAV_OK;
}

ITAV_API size_t itav_offer_milestone_count(const itav_offer *of)
{
    return of ? of->milestones.n : 0;
}

ITAV_API const itav_milestone *itav_offer_milestone(const itav_offer *of, size_t i)
{
    return of && i < of->milestones.n ? of->milestones.v[i] : NULL;
}

ITAV_API int itav_offer_add_milestone(itav_offer *of, const itav_milestone *m)
{
    if (!of || !m)
        return ITAV_EINVAL;
    return milestones_add(&of->milestones, m);
}

ITAV_API int itav_offer_remove_milestone(itav_offer *of, size_t i)
{
    if (!of)
        return ITAV_EINVAL;
    itav__milestones *l = &of->milestones;
    if (i >= l->n)
        return ITAV_ERANGE;
    itav_milestone_free(l->v[i]);
    memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
    l->n--;
    return ITAV_OK;
}
