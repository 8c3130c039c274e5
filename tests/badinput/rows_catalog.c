/* Rows for the catalogue's objects: figures (figure.h), roles and interventions
 * (intervention.h), offers (offer.h) and match plans (plan.h). */
#include "families.h"

#include <float.h>
#include <stdint.h>

/* ---- figures ---- */

ADAPT(itav_figure_new)
{
    itav_figure *out = NULL;
    int rc = itav_figure_new(P(0, &out), TXT(1, "families"),
                             (itav_qualifier)NUM(2, ITAV_QTY_RANGE), DBL(3, 5), DBL(4, 10),
                             TXT(5, NULL));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_figure_free(out);
    return r_code(rc);
}
ADAPT(itav_figure_free)
{
    itav_figure_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_figure_set_period)
{
    return r_code(itav_figure_set_period(P(0, fx_figure(f)), TXT(1, "2021")));
}
ADAPT(itav_figure_set_where)
{
    return r_code(itav_figure_set_where(P(0, fx_figure(f)), TXT(1, "Haarlem")));
}
ADAPT(itav_figure_set_note)
{
    return r_code(itav_figure_set_note(P(0, fx_figure(f)), TXT(1, "A note.")));
}
ADAPT(itav_figure_set_source)
{
    return r_code(itav_figure_set_source(P(0, fx_figure(f)), TXT(1, "001:L7")));
}
ADAPT(itav_figure_get_what) { return r_ptr(itav_figure_get_what(P(0, fx_figure(f)))); }
ADAPT(itav_figure_get_qualifier) { return r_int(itav_figure_get_qualifier(P(0, fx_figure(f)))); }
ADAPT(itav_figure_get_min) { return r_dbl(itav_figure_get_min(P(0, fx_figure(f)))); }
ADAPT(itav_figure_get_max) { return r_dbl(itav_figure_get_max(P(0, fx_figure(f)))); }
ADAPT(itav_figure_get_text) { return r_ptr(itav_figure_get_text(P(0, fx_figure(f)))); }
ADAPT(itav_figure_get_period) { return r_ptr(itav_figure_get_period(P(0, fx_figure(f)))); }
ADAPT(itav_figure_get_where) { return r_ptr(itav_figure_get_where(P(0, fx_figure(f)))); }
ADAPT(itav_figure_get_note) { return r_ptr(itav_figure_get_note(P(0, fx_figure(f)))); }
ADAPT(itav_figure_get_source) { return r_ptr(itav_figure_get_source(P(0, fx_figure(f)))); }

/* ---- roles ---- */

ADAPT(itav_role_new)
{
    itav_role *out = NULL;
    int rc = itav_role_new(P(0, &out), (itav_role_kind)NUM(1, ITAV_ROLE_PEER));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_role_free(out);
    return r_code(rc);
}
ADAPT(itav_role_free)
{
    itav_role_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_role_set_description)
{
    return r_code(itav_role_set_description(P(0, fx_role(f)), TXT(1, "Listens.")));
}
ADAPT(itav_role_set_vog) { return r_code(itav_role_set_vog(P(0, fx_role(f)), (int)NUM(1, 0))); }
ADAPT(itav_role_set_training)
{
    return r_code(itav_role_set_training(P(0, fx_role(f)), TXT(1, "Two evenings.")));
}
ADAPT(itav_role_get_kind) { return r_int(itav_role_get_kind(P(0, fx_role(f)))); }
ADAPT(itav_role_get_description) { return r_ptr(itav_role_get_description(P(0, fx_role(f)))); }
ADAPT(itav_role_get_vog) { return r_int(itav_role_get_vog(P(0, fx_role(f)))); }
ADAPT(itav_role_get_training) { return r_ptr(itav_role_get_training(P(0, fx_role(f)))); }

/* ---- interventions: the object ---- */

#define IV P(0, fx_intervention(f))

ADAPT(itav_intervention_new)
{
    itav_intervention *out = NULL;
    int rc = itav_intervention_new(P(0, &out), TXT(1, "new-iv"));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_intervention_free(out);
    return r_code(rc);
}
ADAPT(itav_intervention_dup)
{
    itav_intervention *out = NULL;
    int rc = itav_intervention_dup(P(0, &out), P(1, fx_intervention(f)));
    itav_intervention_free(out);
    return r_code(rc);
}
ADAPT(itav_intervention_free)
{
    itav_intervention_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_intervention_id) { return r_ptr(itav_intervention_id(IV)); }
ADAPT(itav_intervention_name) { return r_ptr(itav_intervention_name(IV)); }
ADAPT(itav_intervention_summary) { return r_ptr(itav_intervention_summary(IV)); }
ADAPT(itav_intervention_kind) { return r_int(itav_intervention_kind(IV)); }
ADAPT(itav_intervention_setting) { return r_int(itav_intervention_setting(IV)); }
ADAPT(itav_intervention_scope) { return r_int(itav_intervention_scope(IV)); }
ADAPT(itav_intervention_channel) { return r_int(itav_intervention_channel(IV)); }
ADAPT(itav_intervention_evidence) { return r_int(itav_intervention_evidence(IV)); }
ADAPT(itav_intervention_since) { return r_int(itav_intervention_since(IV)); }
ADAPT(itav_intervention_audience) { return r_int(itav_intervention_audience(IV)); }
ADAPT(itav_intervention_conditions) { return r_ptr(itav_intervention_conditions(IV)); }
ADAPT(itav_intervention_themes) { return r_int(itav_intervention_themes(IV)); }
ADAPT(itav_intervention_age_range)
{
    int32_t lo, hi;
    return r_code(itav_intervention_age_range(P(0, &lo), P(1, &hi),
                                              P(2, fx_intervention(f))));
}
ADAPT(itav_intervention_set_name)
{
    return r_code(itav_intervention_set_name(IV, TXT(1, "Other")));
}
ADAPT(itav_intervention_set_summary)
{
    return r_code(itav_intervention_set_summary(IV, TXT(1, "Other.")));
}
ADAPT(itav_intervention_set_kind)
{
    return r_code(itav_intervention_set_kind(IV, (itav_kind)NUM(1, ITAV_KIND_METHOD)));
}
ADAPT(itav_intervention_set_setting)
{
    return r_code(itav_intervention_set_setting(IV, (itav_setting)NUM(1, 2)));
}
ADAPT(itav_intervention_set_scope)
{
    return r_code(itav_intervention_set_scope(IV, (itav_scope)NUM(1, 2)));
}
ADAPT(itav_intervention_set_channel)
{
    return r_code(itav_intervention_set_channel(IV, (itav_channel)NUM(1, 2)));
}
ADAPT(itav_intervention_set_evidence)
{
    return r_code(itav_intervention_set_evidence(IV, (itav_evidence)NUM(1, 3)));
}
ADAPT(itav_intervention_set_since)
{
    return r_code(itav_intervention_set_since(IV, (int)NUM(1, 2010)));
}
ADAPT(itav_intervention_set_audience)
{
    return r_code(itav_intervention_set_audience(IV, (unsigned)NUM(1, 2)));
}
ADAPT(itav_intervention_set_conditions)
{
    return r_code(itav_intervention_set_conditions(IV, TXT(1, "Other.")));
}
ADAPT(itav_intervention_set_themes)
{
    return r_code(itav_intervention_set_themes(IV, (unsigned)NUM(1, 4)));
}
ADAPT(itav_intervention_set_age_range)
{
    return r_code(itav_intervention_set_age_range(IV, (int32_t)NUM(1, 0), (int32_t)NUM(2, 12)));
}

/* ---- interventions: lists ---- */

ADAPT(itav_intervention_text_count)
{
    return r_size(itav_intervention_text_count(IV, (itav_text_list)NUM(1, 1)));
}
ADAPT(itav_intervention_text)
{
    return r_ptr(itav_intervention_text(IV, (itav_text_list)NUM(1, 1), (size_t)NUM(2, 0)));
}
ADAPT(itav_intervention_add_text)
{
    return r_code(itav_intervention_add_text(IV, (itav_text_list)NUM(1, 1), TXT(2, "Other")));
}
ADAPT(itav_intervention_remove_text)
{
    return r_code(itav_intervention_remove_text(IV, (itav_text_list)NUM(1, 1),
                                                (size_t)NUM(2, 0)));
}
ADAPT(itav_intervention_role_count) { return r_size(itav_intervention_role_count(IV)); }
ADAPT(itav_intervention_role)
{
    return r_ptr(itav_intervention_role(IV, (size_t)NUM(1, 0)));
}
ADAPT(itav_intervention_add_role)
{
    return r_code(itav_intervention_add_role(IV, P(1, fx_role(f))));
}
ADAPT(itav_intervention_remove_role)
{
    return r_code(itav_intervention_remove_role(IV, (size_t)NUM(1, 0)));
}
ADAPT(itav_intervention_figure_count)
{
    return r_size(itav_intervention_figure_count(IV, (itav_figure_list)NUM(1, 1)));
}
ADAPT(itav_intervention_figure)
{
    return r_ptr(itav_intervention_figure(IV, (itav_figure_list)NUM(1, 1), (size_t)NUM(2, 0)));
}
ADAPT(itav_intervention_add_figure)
{
    return r_code(itav_intervention_add_figure(IV, (itav_figure_list)NUM(1, 1),
                                               P(2, fx_figure(f))));
}
ADAPT(itav_intervention_remove_figure)
{
    return r_code(itav_intervention_remove_figure(IV, (itav_figure_list)NUM(1, 1),
                                                  (size_t)NUM(2, 0)));
}
ADAPT(itav_intervention_source) { return r_ptr(itav_intervention_source(IV, TXT(1, "name"))); }
ADAPT(itav_intervention_set_source)
{
    return r_code(itav_intervention_set_source(IV, TXT(1, "summary"), TXT(2, "001:L3")));
}

/* ---- interventions: working factors ---- */

ADAPT(itav_intervention_set_factor)
{
    return r_code(itav_intervention_set_factor(IV, (itav_factor)NUM(1, ITAV_FACTOR_LONG_TERM),
                                               TXT(2, "004:L463")));
}
ADAPT(itav_intervention_clear_factor)
{
    return r_code(itav_intervention_clear_factor(IV, (itav_factor)NUM(1, ITAV_FACTOR_LONG_TERM)));
}
ADAPT(itav_intervention_factors) { return r_int((long long)itav_intervention_factors(IV)); }
ADAPT(itav_intervention_factor_source)
{
    return r_ptr(itav_intervention_factor_source(IV, (itav_factor)NUM(1, ITAV_FACTOR_LONG_TERM)));
}

/* ---- interventions: the element profile ---- */

#define SRC_E(ks, ke) (itav_profile_source)NUM(ks, 1), (itav_element)NUM(ke, 2)
ADAPT(itav_intervention_element) { return r_int(itav_intervention_element(IV, SRC_E(1, 2))); }
ADAPT(itav_intervention_element_evidence)
{
    return r_ptr(itav_intervention_element_evidence(IV, SRC_E(1, 2)));
}
ADAPT(itav_intervention_element_source)
{
    return r_ptr(itav_intervention_element_source(IV, SRC_E(1, 2)));
}
ADAPT(itav_intervention_set_element)
{
    return r_code(itav_intervention_set_element(IV, SRC_E(1, 2),
                                                (itav_status)NUM(3, ITAV_STATUS_ABSENT),
                                                TXT(4, "Why."), TXT(5, "001:L9")));
}
ADAPT(itav_intervention_elements)
{
    return r_int(itav_intervention_elements(IV, (itav_profile_source)NUM(1, 1)));
}
ADAPT(itav_intervention_known_elements)
{
    return r_int(itav_intervention_known_elements(IV, (itav_profile_source)NUM(1, 1)));
}
ADAPT(itav_intervention_profile_source) { return r_int(itav_intervention_profile_source(IV)); }
ADAPT(itav_intervention_disputed) { return r_int(itav_intervention_disputed(IV)); }

/* ---- interventions: in a store ---- */

ADAPT(itav_intervention_get)
{
    itav_intervention *out = NULL;
    int rc = itav_intervention_get(P(0, &out), DB(1), TXT(2, FX_IV));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_intervention_free(out);
    return r_code(rc);
}

/* n[1]: 1 an intervention without a name, 2 one with the id of a stored one. */
static itav_intervention *intervention_variant(fx *f, const row *r)
{
    itav_intervention *iv = fx_intervention(f);
    itav_intervention *v = NULL;
    if (NUM(1, 0) == 1)
        itav_intervention_new(&v, "no-name");
    else if (NUM(1, 0) == 2) {
        itav_intervention_new(&v, FX_IV);
        itav_intervention_set_name(v, "Again");
    }
    return v ? v : iv;
}
ADAPT(itav_intervention_create)
{
    itav_intervention *iv = intervention_variant(f, r);
    int rc = itav_intervention_create(DB(0), P(1, iv));
    if (iv != fx_intervention(f))
        itav_intervention_free(iv);
    return r_code(rc);
}
ADAPT(itav_intervention_update)
{
    itav_intervention *iv = intervention_variant(f, r);
    int rc = itav_intervention_update(DB(0), P(1, iv));
    if (iv != fx_intervention(f))
        itav_intervention_free(iv);
    return r_code(rc);
}
ADAPT(itav_intervention_delete)
{
    return r_code(itav_intervention_delete(DB(0), TXT(1, FX_IV_FREE)));
}

/* n[2]: the filter's version; n[3]..: one bad criterion each (see the rows). */
ADAPT(itav_intervention_list)
{
    itav_intervention_iter *it = NULL;
    itav_intervention_filter flt = ITAV_INTERVENTION_FILTER_INIT;
    flt.version = (unsigned)NUM(2, ITAV_INTERVENTION_FILTER_VERSION);
    flt.all_of = (itav_elemset)NUM(3, 0);
    flt.any_of = (itav_elemset)NUM(4, 0);
    flt.kind = (int)NUM(5, 0);
    flt.setting = (int)NUM(6, 0);
    flt.scope = (int)NUM(7, 0);
    flt.channel = (int)NUM(8, 0);
    flt.audience = (unsigned)NUM(0, 0) /* n[0] is free: out is a pointer */;
    flt.factors = (itav_factorset)NUM(1, 0); /* n[1] is free: db is a pointer */
    int rc = itav_intervention_list(P(0, &it), DB(1), P(2, &flt));
    if (rc != ITAV_OK && it)
        fx_fail(f, "*out set on error");
    itav_intervention_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_intervention_iter_next)
{
    itav_intervention_iter *it = NULL;
    itav_intervention *iv = NULL;
    if (!ISNUL(1) && itav_intervention_list(&it, fx_store(f), NULL) != ITAV_OK)
        fx_fail(f, "cannot list");
    int rc = itav_intervention_iter_next(P(0, &iv), P(1, it));
    itav_intervention_free(iv);
    itav_intervention_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_intervention_iter_free)
{
    itav_intervention_iter_free(P(0, NULL));
    return r_void();
}

/* ---- offers ---- */

#define OF P(0, fx_offer(f))

ADAPT(itav_offer_new)
{
    itav_offer *out = NULL;
    int rc = itav_offer_new(P(0, &out), TXT(1, "new-of"), TXT(2, FX_IV));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_offer_free(out);
    return r_code(rc);
}
ADAPT(itav_offer_dup)
{
    itav_offer *out = NULL;
    int rc = itav_offer_dup(P(0, &out), P(1, fx_offer(f)));
    itav_offer_free(out);
    return r_code(rc);
}
ADAPT(itav_offer_free)
{
    itav_offer_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_offer_id) { return r_ptr(itav_offer_id(OF)); }
ADAPT(itav_offer_intervention) { return r_ptr(itav_offer_intervention(OF)); }
ADAPT(itav_offer_name) { return r_ptr(itav_offer_name(OF)); }
ADAPT(itav_offer_region) { return r_ptr(itav_offer_region(OF)); }
ADAPT(itav_offer_provider) { return r_ptr(itav_offer_provider(OF)); }
ADAPT(itav_offer_contact) { return r_ptr(itav_offer_contact(OF)); }
ADAPT(itav_offer_start) { return r_int(itav_offer_start(OF)); }
ADAPT(itav_offer_end) { return r_int(itav_offer_end(OF)); }
ADAPT(itav_offer_programme) { return r_ptr(itav_offer_programme(OF)); }
ADAPT(itav_offer_set_name) { return r_code(itav_offer_set_name(OF, TXT(1, "Other"))); }
ADAPT(itav_offer_set_region) { return r_code(itav_offer_set_region(OF, TXT(1, "Other"))); }
ADAPT(itav_offer_set_provider) { return r_code(itav_offer_set_provider(OF, TXT(1, "Other"))); }
ADAPT(itav_offer_set_contact) { return r_code(itav_offer_set_contact(OF, TXT(1, "Other"))); }
ADAPT(itav_offer_set_period)
{
    return r_code(itav_offer_set_period(OF, (int32_t)NUM(1, 18000), (int32_t)NUM(2, 18500)));
}
ADAPT(itav_offer_set_programme)
{
    return r_code(itav_offer_set_programme(OF, TXT(1, FX_OFFER)));
}
ADAPT(itav_offer_text_count)
{
    return r_size(itav_offer_text_count(OF, (itav_text_list)NUM(1, ITAV_TEXT_MUNICIPALITIES)));
}
ADAPT(itav_offer_text)
{
    return r_ptr(itav_offer_text(OF, (itav_text_list)NUM(1, ITAV_TEXT_MUNICIPALITIES),
                                 (size_t)NUM(2, 0)));
}
ADAPT(itav_offer_add_text)
{
    return r_code(itav_offer_add_text(OF, (itav_text_list)NUM(1, ITAV_TEXT_MUNICIPALITIES),
                                      TXT(2, "Zandvoort")));
}
ADAPT(itav_offer_remove_text)
{
    return r_code(itav_offer_remove_text(OF, (itav_text_list)NUM(1, ITAV_TEXT_MUNICIPALITIES),
                                         (size_t)NUM(2, 0)));
}
ADAPT(itav_offer_figure_count)
{
    return r_size(itav_offer_figure_count(OF, (itav_figure_list)NUM(1, 2)));
}
ADAPT(itav_offer_figure)
{
    return r_ptr(itav_offer_figure(OF, (itav_figure_list)NUM(1, 2), (size_t)NUM(2, 0)));
}
ADAPT(itav_offer_add_figure)
{
    return r_code(itav_offer_add_figure(OF, (itav_figure_list)NUM(1, 2), P(2, fx_figure(f))));
}
ADAPT(itav_offer_remove_figure)
{
    return r_code(itav_offer_remove_figure(OF, (itav_figure_list)NUM(1, 2), (size_t)NUM(2, 0)));
}
ADAPT(itav_offer_source) { return r_ptr(itav_offer_source(OF, TXT(1, "region"))); }
ADAPT(itav_offer_set_source)
{
    return r_code(itav_offer_set_source(OF, TXT(1, "name"), TXT(2, "002:L3")));
}
ADAPT(itav_offer_get)
{
    itav_offer *out = NULL;
    int rc = itav_offer_get(P(0, &out), DB(1), TXT(2, FX_OFFER));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_offer_free(out);
    return r_code(rc);
}

/* n[1]: 1 of an intervention not in the store, 2 the id of a stored offer, 3 its own
 * programme, 4 a programme not in the store, 5 a programme that is part of a programme. */
static itav_offer *offer_variant(fx *f, const row *r, const char *id)
{
    itav_offer *v = NULL;
    switch (NUM(1, 0)) {
    case 1: itav_offer_new(&v, id, "no-such-iv"); break;
    case 2: itav_offer_new(&v, FX_OFFER, FX_IV); break;
    case 3:
        itav_offer_new(&v, id, FX_IV);
        itav_offer_set_programme(v, id);
        break;
    case 4:
        itav_offer_new(&v, id, FX_IV);
        itav_offer_set_programme(v, "no-such-programme");
        break;
    default: return fx_offer(f);
    }
    return v;
}
ADAPT(itav_offer_create)
{
    itav_offer *of = offer_variant(f, r, "new-of");
    int rc = itav_offer_create(DB(0), P(1, of));
    if (of != fx_offer(f))
        itav_offer_free(of);
    return r_code(rc);
}
ADAPT(itav_offer_update)
{
    itav_offer *of = offer_variant(f, r, FX_OFFER2);
    int rc = itav_offer_update(DB(0), P(1, of));
    if (of != fx_offer(f))
        itav_offer_free(of);
    return r_code(rc);
}
ADAPT(itav_offer_delete) { return r_code(itav_offer_delete(DB(0), TXT(1, "no-such-offer"))); }
ADAPT(itav_offer_list)
{
    itav_offer_iter *it = NULL;
    int rc = itav_offer_list(P(0, &it), DB(1), TXT(2, NULL), TXT(3, NULL));
    itav_offer_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_offer_iter_next)
{
    itav_offer_iter *it = NULL;
    itav_offer *of = NULL;
    if (!ISNUL(1) && itav_offer_list(&it, fx_store(f), NULL, NULL) != ITAV_OK)
        fx_fail(f, "cannot list");
    int rc = itav_offer_iter_next(P(0, &of), P(1, it));
    itav_offer_free(of);
    itav_offer_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_offer_iter_free)
{
    itav_offer_iter_free(P(0, NULL));
    return r_void();
}

/* ---- plans ---- */

ADAPT(itav_plan_new)
{
    itav_plan *out = NULL;
    int rc = itav_plan_new(P(0, &out));
    itav_plan_free(out);
    return r_code(rc);
}
ADAPT(itav_plan_dup)
{
    itav_plan *out = NULL;
    int rc = itav_plan_dup(P(0, &out), P(1, fx_plan(f)));
    itav_plan_free(out);
    return r_code(rc);
}
ADAPT(itav_plan_free)
{
    itav_plan_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_plan_get)
{
    return r_int(itav_plan_get(P(0, fx_plan(f)), (itav_plan_field)NUM(1, ITAV_PLAN_TRIAL)));
}
ADAPT(itav_plan_set)
{
    return r_code(itav_plan_set(P(0, fx_plan(f)), (itav_plan_field)NUM(1, ITAV_PLAN_TRIAL),
                                (long)NUM(2, 0)));
}
ADAPT(itav_plan_source)
{
    return r_ptr(itav_plan_source(P(0, fx_plan(f)),
                                  (itav_plan_field)NUM(1, ITAV_PLAN_REVIEW_MONTHS)));
}
ADAPT(itav_plan_set_source)
{
    return r_code(itav_plan_set_source(P(0, fx_plan(f)), (itav_plan_field)NUM(1, ITAV_PLAN_TRIAL),
                                       TXT(2, "002:L70")));
}
ADAPT(itav_intervention_plan) { return r_ptr(itav_intervention_plan(IV)); }
ADAPT(itav_intervention_set_plan)
{
    return r_code(itav_intervention_set_plan(IV, P(1, fx_plan(f))));
}
ADAPT(itav_offer_plan) { return r_ptr(itav_offer_plan(OF)); }
ADAPT(itav_offer_set_plan) { return r_code(itav_offer_set_plan(OF, P(1, fx_plan(f)))); }
ADAPT(itav_plan_effective)
{
    itav_plan *out = NULL;
    int rc = itav_plan_effective(P(0, &out), DB(1), TXT(2, FX_OFFER));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_plan_free(out);
    return r_code(rc);
}

#define EINVAL_ E(ITAV_EINVAL)
#define SIZE_HUGE ((long long)SIZE_MAX)

static const row rows[] = {
    /* figures */
    R(itav_figure_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_figure_new, "NULL what", EINVAL_, NUL(1)),
    R(itav_figure_new, "empty what", EINVAL_, S(1, "")),
    BAD_TEXT(itav_figure_new, 1, "what", EINVAL_),
    BAD_TEXT(itav_figure_new, 5, "text", EINVAL_),
    BAD_ENUM(itav_figure_new, 2, "qualifier", ITAV_QTY_ABOUT_RANGE, EINVAL_),
    R(itav_figure_new, "qualifier 0", EINVAL_, I(2, 0)),
    R(itav_figure_new, "a range with min above max", EINVAL_, F(3, 10), F(4, 5)),
    R(itav_figure_new, "min NaN", EINVAL_, F(3, NAN)),
    R(itav_figure_new, "max NaN", EINVAL_, F(4, NAN)),
    R(itav_figure_new, "min infinite", EINVAL_, I(2, ITAV_QTY_EXACT), F(3, INFINITY), F(4, 0)),
    R(itav_figure_new, "max infinite", EINVAL_, F(4, INFINITY)),
    R(itav_figure_new, "min -infinite", EINVAL_, F(3, -INFINITY)),
    R(itav_figure_new, "qualifier text without text", EINVAL_, I(2, ITAV_QTY_TEXT)),
    R(itav_figure_new, "qualifier text with empty text", EINVAL_, I(2, ITAV_QTY_TEXT),
      S(5, "")),
    R(itav_figure_free, "NULL", RVOID, NUL(0)),
    R(itav_figure_set_period, "NULL figure", EINVAL_, NUL(0)),
    BAD_TEXT(itav_figure_set_period, 1, "period", EINVAL_),
    R(itav_figure_set_where, "NULL figure", EINVAL_, NUL(0)),
    BAD_TEXT(itav_figure_set_where, 1, "place", EINVAL_),
    R(itav_figure_set_note, "NULL figure", EINVAL_, NUL(0)),
    BAD_TEXT(itav_figure_set_note, 1, "note", EINVAL_),
    R(itav_figure_set_source, "NULL figure", EINVAL_, NUL(0)),
    BAD_SOURCE(itav_figure_set_source, 1, EINVAL_),
    R(itav_figure_get_what, "NULL figure", RNULL, NUL(0)),
    R(itav_figure_get_qualifier, "NULL figure", RET(0), NUL(0)),
    R(itav_figure_get_min, "NULL figure", RNAN, NUL(0)),
    R(itav_figure_get_max, "NULL figure", RNAN, NUL(0)),
    R(itav_figure_get_text, "NULL figure", RNULL, NUL(0)),
    R(itav_figure_get_period, "NULL figure", RNULL, NUL(0)),
    R(itav_figure_get_where, "NULL figure", RNULL, NUL(0)),
    R(itav_figure_get_note, "NULL figure", RNULL, NUL(0)),
    R(itav_figure_get_source, "NULL figure", RNULL, NUL(0)),

    /* roles */
    R(itav_role_new, "NULL out", EINVAL_, NUL(0)),
    BAD_ENUM(itav_role_new, 1, "kind", ITAV_ROLE_COORDINATOR, EINVAL_),
    R(itav_role_new, "kind 0", EINVAL_, I(1, 0)),
    R(itav_role_free, "NULL", RVOID, NUL(0)),
    R(itav_role_set_description, "NULL role", EINVAL_, NUL(0)),
    BAD_TEXT(itav_role_set_description, 1, "description", EINVAL_),
    R(itav_role_set_vog, "NULL role", EINVAL_, NUL(0)),
    R(itav_role_set_vog, "required 2", EINVAL_, I(1, 2)),
    R(itav_role_set_vog, "required -1", EINVAL_, I(1, -1)),
    R(itav_role_set_vog, "required INT_MIN", EINVAL_, I(1, INT_MIN)),
    R(itav_role_set_training, "NULL role", EINVAL_, NUL(0)),
    BAD_TEXT(itav_role_set_training, 1, "training", EINVAL_),
    R(itav_role_get_kind, "NULL role", RET(0), NUL(0)),
    R(itav_role_get_description, "NULL role", RNULL, NUL(0)),
    R(itav_role_get_vog, "NULL role", RET(0), NUL(0)),
    R(itav_role_get_training, "NULL role", RNULL, NUL(0)),

    /* interventions: the object */
    R(itav_intervention_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_intervention_new, "NULL id", EINVAL_, NUL(1)),
    BAD_ID(itav_intervention_new, 1, "id", EINVAL_),
    R(itav_intervention_dup, "NULL out", EINVAL_, NUL(0)),
    R(itav_intervention_dup, "NULL intervention", EINVAL_, NUL(1)),
    R(itav_intervention_free, "NULL", RVOID, NUL(0)),
    R(itav_intervention_id, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_name, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_summary, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_kind, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_setting, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_scope, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_channel, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_evidence, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_since, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_audience, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_conditions, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_themes, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_age_range, "NULL min", EINVAL_, NUL(0)),
    R(itav_intervention_age_range, "NULL max", EINVAL_, NUL(1)),
    R(itav_intervention_age_range, "NULL intervention", EINVAL_, NUL(2)),
    R(itav_intervention_set_name, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_set_name, "NULL name", EINVAL_, NUL(1)),
    R(itav_intervention_set_name, "empty name", EINVAL_, S(1, "")),
    BAD_TEXT(itav_intervention_set_name, 1, "name", EINVAL_),
    R(itav_intervention_set_summary, "NULL intervention", EINVAL_, NUL(0)),
    BAD_TEXT(itav_intervention_set_summary, 1, "summary", EINVAL_),
    R(itav_intervention_set_kind, "NULL intervention", EINVAL_, NUL(0)),
    BAD_ENUM(itav_intervention_set_kind, 1, "kind", ITAV_KIND_ACTIVITY, EINVAL_),
    R(itav_intervention_set_setting, "NULL intervention", EINVAL_, NUL(0)),
    BAD_ENUM(itav_intervention_set_setting, 1, "setting", ITAV_SETTING_MIXED, EINVAL_),
    R(itav_intervention_set_scope, "NULL intervention", EINVAL_, NUL(0)),
    BAD_ENUM(itav_intervention_set_scope, 1, "scope", ITAV_SCOPE_MIXED, EINVAL_),
    R(itav_intervention_set_channel, "NULL intervention", EINVAL_, NUL(0)),
    BAD_ENUM(itav_intervention_set_channel, 1, "channel", ITAV_CHANNEL_BOTH, EINVAL_),
    R(itav_intervention_set_evidence, "NULL intervention", EINVAL_, NUL(0)),
    BAD_ENUM(itav_intervention_set_evidence, 1, "evidence", ITAV_EVIDENCE_STRONG_INDICATIONS,
             EINVAL_),
    R(itav_intervention_set_since, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_set_since, "year -1", EINVAL_, I(1, -1)),
    R(itav_intervention_set_since, "year 1799", EINVAL_, I(1, 1799)),
    R(itav_intervention_set_since, "year 10000", EINVAL_, I(1, 10000)),
    R(itav_intervention_set_since, "year INT_MAX", EINVAL_, I(1, INT_MAX)),
    R(itav_intervention_set_audience, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_set_audience, "a bit past the last", EINVAL_, I(1, 64)),
    R(itav_intervention_set_audience, "every bit", EINVAL_, I(1, UINT_MAX)),
    R(itav_intervention_set_conditions, "NULL intervention", EINVAL_, NUL(0)),
    BAD_TEXT(itav_intervention_set_conditions, 1, "conditions", EINVAL_),
    R(itav_intervention_set_themes, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_set_themes, "a bit past the last", EINVAL_, I(1, 8192)),
    R(itav_intervention_set_themes, "every bit", EINVAL_, I(1, UINT_MAX)),
    R(itav_intervention_set_age_range, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_set_age_range, "min above max", EINVAL_, I(1, 24), I(2, 12)),
    R(itav_intervention_set_age_range, "min -13 months", EINVAL_, I(1, -13)),
    R(itav_intervention_set_age_range, "max 1201 months", EINVAL_, I(2, 1201)),
    R(itav_intervention_set_age_range, "max INT32_MAX", EINVAL_, I(2, INT32_MAX)),
    R(itav_intervention_set_age_range, "min INT32_MIN + 1", EINVAL_, I(1, INT32_MIN + 1)),

    /* interventions: lists */
    R(itav_intervention_text_count, "NULL intervention", RSIZE(0), NUL(0)),
    BAD_ENUM(itav_intervention_text_count, 1, "list", ITAV_TEXT_LINKS, RSIZE(0)),
    R(itav_intervention_text_count, "list 0", RSIZE(0), I(1, 0)),
    R(itav_intervention_text, "NULL intervention", RNULL, NUL(0)),
    BAD_ENUM(itav_intervention_text, 1, "list", ITAV_TEXT_LINKS, RNULL),
    R(itav_intervention_text, "index past the end", RNULL, I(2, 1)),
    R(itav_intervention_text, "index SIZE_MAX", RNULL, I(2, SIZE_HUGE)),
    R(itav_intervention_add_text, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_add_text, "NULL text", EINVAL_, NUL(2)),
    R(itav_intervention_add_text, "empty text", EINVAL_, S(2, "")),
    BAD_ENUM(itav_intervention_add_text, 1, "list", ITAV_TEXT_LINKS, EINVAL_),
    R(itav_intervention_add_text, "list 0", EINVAL_, I(1, 0)),
    BAD_TEXT(itav_intervention_add_text, 2, "text", EINVAL_),
    R(itav_intervention_remove_text, "NULL intervention", EINVAL_, NUL(0)),
    BAD_ENUM(itav_intervention_remove_text, 1, "list", ITAV_TEXT_LINKS, EINVAL_),
    R(itav_intervention_remove_text, "index past the end", E(ITAV_ERANGE), I(2, 1)),
    R(itav_intervention_remove_text, "index SIZE_MAX", E(ITAV_ERANGE), I(2, SIZE_HUGE)),
    R(itav_intervention_remove_text, "an empty list", E(ITAV_ERANGE), I(1, ITAV_TEXT_LINKS)),
    R(itav_intervention_role_count, "NULL intervention", RSIZE(0), NUL(0)),
    R(itav_intervention_role, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_role, "index past the end", RNULL, I(1, 1)),
    R(itav_intervention_role, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_intervention_add_role, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_add_role, "NULL role", EINVAL_, NUL(1)),
    R(itav_intervention_remove_role, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_remove_role, "index past the end", E(ITAV_ERANGE), I(1, 1)),
    R(itav_intervention_remove_role, "index SIZE_MAX", E(ITAV_ERANGE), I(1, SIZE_HUGE)),
    R(itav_intervention_figure_count, "NULL intervention", RSIZE(0), NUL(0)),
    R(itav_intervention_figure_count, "the targets list (offers only)", RSIZE(0),
      I(1, ITAV_FIGURES_TARGETS)),
    R(itav_intervention_figure_count, "the capacity list (offers only)", RSIZE(0),
      I(1, ITAV_FIGURES_CAPACITY)),
    BAD_ENUM(itav_intervention_figure_count, 1, "list", ITAV_FIGURES_CAPACITY, RSIZE(0)),
    R(itav_intervention_figure, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_figure, "the targets list", RNULL, I(1, ITAV_FIGURES_TARGETS)),
    R(itav_intervention_figure, "the capacity list", RNULL, I(1, ITAV_FIGURES_CAPACITY)),
    BAD_ENUM(itav_intervention_figure, 1, "list", ITAV_FIGURES_CAPACITY, RNULL),
    R(itav_intervention_figure, "index past the end", RNULL, I(2, 1)),
    R(itav_intervention_figure, "index SIZE_MAX", RNULL, I(2, SIZE_HUGE)),
    R(itav_intervention_add_figure, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_add_figure, "NULL figure", EINVAL_, NUL(2)),
    R(itav_intervention_add_figure, "the targets list", EINVAL_, I(1, ITAV_FIGURES_TARGETS)),
    R(itav_intervention_add_figure, "the capacity list", EINVAL_, I(1, ITAV_FIGURES_CAPACITY)),
    BAD_ENUM(itav_intervention_add_figure, 1, "list", ITAV_FIGURES_CAPACITY, EINVAL_),
    R(itav_intervention_remove_figure, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_remove_figure, "the targets list", EINVAL_,
      I(1, ITAV_FIGURES_TARGETS)),
    BAD_ENUM(itav_intervention_remove_figure, 1, "list", ITAV_FIGURES_CAPACITY, EINVAL_),
    R(itav_intervention_remove_figure, "index past the end", E(ITAV_ERANGE), I(2, 1)),
    R(itav_intervention_remove_figure, "index SIZE_MAX", E(ITAV_ERANGE), I(2, SIZE_HUGE)),
    R(itav_intervention_source, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_source, "NULL field", RNULL, NUL(1)),
    R(itav_intervention_source, "unknown field", RNULL, S(1, "colour")),
    R(itav_intervention_source, "a field of offers only", RNULL, S(1, "contact")),
    R(itav_intervention_source, "empty field", RNULL, S(1, "")),
    R(itav_intervention_source, "a field in capitals", RNULL, S(1, "NAME")),
    R(itav_intervention_source, "invalid UTF-8", RNULL, S(1, "name" U_CONT)),
    R(itav_intervention_set_source, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_set_source, "NULL field", EINVAL_, NUL(1)),
    R(itav_intervention_set_source, "unknown field", EINVAL_, S(1, "colour")),
    R(itav_intervention_set_source, "empty field", EINVAL_, S(1, "")),
    R(itav_intervention_set_source, "a field with a control character", EINVAL_,
      S(1, "name\x01")),
    BAD_TEXT(itav_intervention_set_source, 1, "field", EINVAL_),
    BAD_SOURCE(itav_intervention_set_source, 2, EINVAL_),

    /* interventions: the element profile */
    R(itav_intervention_element, "NULL intervention", RET(0), NUL(0)),
    BAD_ENUM(itav_intervention_element, 1, "source", ITAV_PROFILE_OTHER, RET(0)),
    BAD_ENUM(itav_intervention_element, 2, "element", ITAV_ELEMENT_NO_PROBLEMATISING, RET(0)),
    R(itav_intervention_element, "element 0", RET(0), I(2, 0)),
    R(itav_intervention_element_evidence, "NULL intervention", RNULL, NUL(0)),
    BAD_ENUM(itav_intervention_element_evidence, 1, "source", ITAV_PROFILE_OTHER, RNULL),
    BAD_ENUM(itav_intervention_element_evidence, 2, "element", ITAV_ELEMENT_NO_PROBLEMATISING,
             RNULL),
    R(itav_intervention_set_factor, "NULL intervention", EINVAL_, NUL(0)),
    BAD_ENUM(itav_intervention_set_factor, 1, "factor", ITAV_FACTOR_KNOW_WHAT_WORKS, EINVAL_),
    R(itav_intervention_set_factor, "factor 0", EINVAL_, I(1, 0)),
    BAD_SOURCE(itav_intervention_set_factor, 2, EINVAL_),
    R(itav_intervention_clear_factor, "NULL intervention", EINVAL_, NUL(0)),
    BAD_ENUM(itav_intervention_clear_factor, 1, "factor", ITAV_FACTOR_KNOW_WHAT_WORKS, EINVAL_),
    R(itav_intervention_clear_factor, "factor 0", EINVAL_, I(1, 0)),
    R(itav_intervention_factors, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_factor_source, "NULL intervention", RNULL, NUL(0)),
    BAD_ENUM(itav_intervention_factor_source, 1, "factor", ITAV_FACTOR_KNOW_WHAT_WORKS, RNULL),
    R(itav_intervention_element_source, "NULL intervention", RNULL, NUL(0)),
    BAD_ENUM(itav_intervention_element_source, 1, "source", ITAV_PROFILE_OTHER, RNULL),
    BAD_ENUM(itav_intervention_element_source, 2, "element", ITAV_ELEMENT_NO_PROBLEMATISING,
             RNULL),
    R(itav_intervention_set_element, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_intervention_set_element, "source ITAV_PROFILE_DEFAULT", EINVAL_, I(1, 0)),
    BAD_ENUM(itav_intervention_set_element, 1, "source", ITAV_PROFILE_OTHER, EINVAL_),
    BAD_ENUM(itav_intervention_set_element, 2, "element", ITAV_ELEMENT_NO_PROBLEMATISING,
             EINVAL_),
    R(itav_intervention_set_element, "element 0", EINVAL_, I(2, 0)),
    BAD_ENUM(itav_intervention_set_element, 3, "status", ITAV_STATUS_ABSENT, EINVAL_),
    BAD_TEXT(itav_intervention_set_element, 4, "evidence", EINVAL_),
    BAD_SOURCE(itav_intervention_set_element, 5, EINVAL_),
    R(itav_intervention_elements, "NULL intervention", RET(0), NUL(0)),
    BAD_ENUM(itav_intervention_elements, 1, "source", ITAV_PROFILE_OTHER, RET(0)),
    R(itav_intervention_known_elements, "NULL intervention", RET(0), NUL(0)),
    BAD_ENUM(itav_intervention_known_elements, 1, "source", ITAV_PROFILE_OTHER, RET(0)),
    R(itav_intervention_profile_source, "NULL intervention", RET(0), NUL(0)),
    R(itav_intervention_disputed, "NULL intervention", RET(0), NUL(0)),

    /* interventions: in a store */
    R(itav_intervention_get, "NULL out", EINVAL_, NUL(0), M("no place for the intervention")),
    R(itav_intervention_get, "NULL db", EINVAL_, NUL(1)),
    R(itav_intervention_get, "NULL id", EINVAL_, NUL(2), M("no intervention id")),
    BAD_ID(itav_intervention_get, 2, "id", E(ITAV_ENOTFOUND), M("no intervention \"")),
    R(itav_intervention_create, "NULL db", EINVAL_, NUL(0)),
    R(itav_intervention_create, "NULL intervention", EINVAL_, NUL(1), M("no intervention")),
    R(itav_intervention_create, "an intervention without a name", EINVAL_, I(1, 1),
      M("\"no-name\": a name is required")),
    R(itav_intervention_create, "an id already stored", E(ITAV_EEXISTS), I(1, 2),
      M("\"" FX_IV "\" already exists")),
    R(itav_intervention_update, "NULL db", EINVAL_, NUL(0)),
    R(itav_intervention_update, "NULL intervention", EINVAL_, NUL(1), M("no intervention")),
    R(itav_intervention_update, "an intervention not stored", E(ITAV_ENOTFOUND),
      M("no intervention \"iv-x\"")),
    R(itav_intervention_update, "an intervention without a name", EINVAL_, I(1, 1),
      M("a name is required")),
    R(itav_intervention_delete, "NULL db", EINVAL_, NUL(0)),
    R(itav_intervention_delete, "NULL id", EINVAL_, NUL(1), M("no intervention id")),
    BAD_ID(itav_intervention_delete, 1, "id", E(ITAV_ENOTFOUND), M("no intervention \"")),
    R(itav_intervention_delete, "an intervention with offers", E(ITAV_EINUSE), S(1, FX_IV),
      M("still has offers")),
    R(itav_intervention_list, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_intervention_list, "NULL db", EINVAL_, NUL(1)),
    R(itav_intervention_list, "filter version 0", E(ITAV_EVERSION), I(2, 0), M("version 0")),
    R(itav_intervention_list, "filter version 3", E(ITAV_EVERSION), I(2, 3), M("version 3")),
    R(itav_intervention_list, "factor bits past factor 14", EINVAL_, I(1, 0x4000),
      M("beyond factor 14")),
    R(itav_intervention_list, "all_of beyond element 8", EINVAL_, I(3, 0x100),
      M("filter: element sets")),
    R(itav_intervention_list, "any_of beyond element 8", EINVAL_, I(4, 0xFFFFFFFFu),
      M("filter: element sets")),
    R(itav_intervention_list, "kind -1", EINVAL_, I(5, -1), M("filter: kind -1 is out of")),
    R(itav_intervention_list, "kind one past the last", EINVAL_, I(5, 6),
      M("filter: kind 6 is out of")),
    R(itav_intervention_list, "setting 4", EINVAL_, I(6, 4), M("filter: setting 4 is out of")),
    R(itav_intervention_list, "scope INT_MAX", EINVAL_, I(7, INT_MAX),
      M("filter: scope 2147483647 is out of")),
    R(itav_intervention_list, "channel -1", EINVAL_, I(8, -1), M("filter: channel -1 is out of")),
    R(itav_intervention_list, "audience beyond the last bit", EINVAL_, I(0, 64),
      M("filter: unknown audience bits")),
    R(itav_intervention_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_intervention_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_intervention_iter_free, "NULL", RVOID, NUL(0)),

    /* offers */
    R(itav_offer_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_offer_new, "NULL id", EINVAL_, NUL(1)),
    R(itav_offer_new, "NULL intervention", EINVAL_, NUL(2)),
    BAD_ID(itav_offer_new, 1, "id", EINVAL_),
    BAD_ID(itav_offer_new, 2, "intervention id", EINVAL_),
    R(itav_offer_dup, "NULL out", EINVAL_, NUL(0)),
    R(itav_offer_dup, "NULL offer", EINVAL_, NUL(1)),
    R(itav_offer_free, "NULL", RVOID, NUL(0)),
    R(itav_offer_id, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_intervention, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_name, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_region, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_provider, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_contact, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_start, "NULL offer", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_offer_end, "NULL offer", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_offer_programme, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_set_name, "NULL offer", EINVAL_, NUL(0)),
    BAD_TEXT(itav_offer_set_name, 1, "name", EINVAL_),
    R(itav_offer_set_region, "NULL offer", EINVAL_, NUL(0)),
    BAD_TEXT(itav_offer_set_region, 1, "region", EINVAL_),
    R(itav_offer_set_provider, "NULL offer", EINVAL_, NUL(0)),
    BAD_TEXT(itav_offer_set_provider, 1, "provider", EINVAL_),
    R(itav_offer_set_contact, "NULL offer", EINVAL_, NUL(0)),
    BAD_TEXT(itav_offer_set_contact, 1, "contact", EINVAL_),
    R(itav_offer_set_period, "NULL offer", EINVAL_, NUL(0)),
    R(itav_offer_set_period, "end before start", EINVAL_, I(1, 18500), I(2, 18000)),
    R(itav_offer_set_period, "start in 1899", EINVAL_, I(1, -25568)),
    R(itav_offer_set_period, "end in year 10000", EINVAL_, I(2, 2932897)),
    R(itav_offer_set_period, "end INT32_MAX", EINVAL_, I(2, INT32_MAX)),
    R(itav_offer_set_period, "start INT32_MIN + 1", EINVAL_, I(1, INT32_MIN + 1)),
    R(itav_offer_set_programme, "NULL offer", EINVAL_, NUL(0)),
    BAD_ID_FORMS(itav_offer_set_programme, 1, "programme id", EINVAL_),
    R(itav_offer_text_count, "NULL offer", RSIZE(0), NUL(0)),
    R(itav_offer_text_count, "a list offers lack", RSIZE(0), I(1, ITAV_TEXT_PROVIDERS)),
    BAD_ENUM(itav_offer_text_count, 1, "list", ITAV_TEXT_LINKS, RSIZE(0)),
    R(itav_offer_text, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_text, "a list offers lack", RNULL, I(1, ITAV_TEXT_PROVIDERS)),
    BAD_ENUM(itav_offer_text, 1, "list", ITAV_TEXT_LINKS, RNULL),
    R(itav_offer_text, "index past the end", RNULL, I(2, 1)),
    R(itav_offer_text, "index SIZE_MAX", RNULL, I(2, SIZE_HUGE)),
    R(itav_offer_add_text, "NULL offer", EINVAL_, NUL(0)),
    R(itav_offer_add_text, "NULL text", EINVAL_, NUL(2)),
    R(itav_offer_add_text, "empty text", EINVAL_, S(2, "")),
    R(itav_offer_add_text, "a list offers lack", EINVAL_, I(1, ITAV_TEXT_PROVIDERS)),
    BAD_ENUM(itav_offer_add_text, 1, "list", ITAV_TEXT_LINKS, EINVAL_),
    BAD_TEXT(itav_offer_add_text, 2, "municipality", EINVAL_),
    R(itav_offer_remove_text, "NULL offer", EINVAL_, NUL(0)),
    R(itav_offer_remove_text, "a list offers lack", EINVAL_, I(1, ITAV_TEXT_PROVIDERS)),
    BAD_ENUM(itav_offer_remove_text, 1, "list", ITAV_TEXT_LINKS, EINVAL_),
    R(itav_offer_remove_text, "index past the end", E(ITAV_ERANGE), I(2, 1)),
    R(itav_offer_remove_text, "index SIZE_MAX", E(ITAV_ERANGE), I(2, SIZE_HUGE)),
    R(itav_offer_figure_count, "NULL offer", RSIZE(0), NUL(0)),
    BAD_ENUM(itav_offer_figure_count, 1, "list", ITAV_FIGURES_CAPACITY, RSIZE(0)),
    R(itav_offer_figure, "NULL offer", RNULL, NUL(0)),
    BAD_ENUM(itav_offer_figure, 1, "list", ITAV_FIGURES_CAPACITY, RNULL),
    R(itav_offer_figure, "index past the end", RNULL, I(2, 1)),
    R(itav_offer_figure, "index SIZE_MAX", RNULL, I(2, SIZE_HUGE)),
    R(itav_offer_add_figure, "NULL offer", EINVAL_, NUL(0)),
    R(itav_offer_add_figure, "NULL figure", EINVAL_, NUL(2)),
    BAD_ENUM(itav_offer_add_figure, 1, "list", ITAV_FIGURES_CAPACITY, EINVAL_),
    R(itav_offer_remove_figure, "NULL offer", EINVAL_, NUL(0)),
    BAD_ENUM(itav_offer_remove_figure, 1, "list", ITAV_FIGURES_CAPACITY, EINVAL_),
    R(itav_offer_remove_figure, "index past the end", E(ITAV_ERANGE), I(2, 1)),
    R(itav_offer_remove_figure, "index SIZE_MAX", E(ITAV_ERANGE), I(2, SIZE_HUGE)),
    R(itav_offer_remove_figure, "an empty list", E(ITAV_ERANGE), I(1, ITAV_FIGURES_REACH)),
    R(itav_offer_source, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_source, "NULL field", RNULL, NUL(1)),
    R(itav_offer_source, "unknown field", RNULL, S(1, "colour")),
    R(itav_offer_source, "a field of interventions only", RNULL, S(1, "summary")),
    R(itav_offer_source, "invalid UTF-8", RNULL, S(1, "region" U_TRUNC)),
    R(itav_offer_set_source, "NULL offer", EINVAL_, NUL(0)),
    R(itav_offer_set_source, "NULL field", EINVAL_, NUL(1)),
    R(itav_offer_set_source, "unknown field", EINVAL_, S(1, "colour")),
    R(itav_offer_set_source, "a field of interventions only", EINVAL_, S(1, "summary")),
    BAD_TEXT(itav_offer_set_source, 1, "field", EINVAL_),
    BAD_SOURCE(itav_offer_set_source, 2, EINVAL_),
    R(itav_offer_get, "NULL out", EINVAL_, NUL(0), M("no place for the offer")),
    R(itav_offer_get, "NULL db", EINVAL_, NUL(1)),
    R(itav_offer_get, "NULL id", EINVAL_, NUL(2), M("no offer id")),
    BAD_ID(itav_offer_get, 2, "id", E(ITAV_ENOTFOUND), M("no offer \"")),
    R(itav_offer_create, "NULL db", EINVAL_, NUL(0)),
    R(itav_offer_create, "NULL offer", EINVAL_, NUL(1), M("no offer")),
    R(itav_offer_create, "an intervention not in the store", E(ITAV_ENOTFOUND), I(1, 1),
      M("no-such-iv")),
    R(itav_offer_create, "an id already stored", E(ITAV_EEXISTS), I(1, 2),
      M("\"" FX_OFFER "\" already exists")),
    R(itav_offer_create, "its own programme", EINVAL_, I(1, 3), M("its own programme")),
    R(itav_offer_create, "a programme not in the store", E(ITAV_ENOTFOUND), I(1, 4),
      M("no-such-programme")),
    R(itav_offer_update, "NULL db", EINVAL_, NUL(0)),
    R(itav_offer_update, "NULL offer", EINVAL_, NUL(1), M("no offer")),
    R(itav_offer_update, "an offer not stored", E(ITAV_ENOTFOUND), M("no offer \"of-x\"")),
    R(itav_offer_update, "an intervention not in the store", E(ITAV_ENOTFOUND), I(1, 1),
      M("no-such-iv")),
    R(itav_offer_update, "its own programme", EINVAL_, I(1, 3), M("its own programme")),
    R(itav_offer_update, "a programme not in the store", E(ITAV_ENOTFOUND), I(1, 4),
      M("no-such-programme")),
    R(itav_offer_delete, "NULL db", EINVAL_, NUL(0)),
    R(itav_offer_delete, "NULL id", EINVAL_, NUL(1), M("no offer id")),
    BAD_ID(itav_offer_delete, 1, "id", E(ITAV_ENOTFOUND), M("no offer \"")),
    R(itav_offer_delete, "an offer with indicators", E(ITAV_EINUSE), S(1, FX_OFFER),
      M("still has indicator \"" FX_IND "\"")),
    R(itav_offer_delete, "an offer with participants", E(ITAV_EINUSE), S(1, FX_OFFER2),
      M("still has participant \"" FX_ASKB "\"")),
    R(itav_offer_list, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_offer_list, "NULL db", EINVAL_, NUL(1)),
    R(itav_offer_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_offer_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_offer_iter_free, "NULL", RVOID, NUL(0)),

    /* plans */
    R(itav_plan_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_plan_dup, "NULL out", EINVAL_, NUL(0)),
    R(itav_plan_dup, "NULL plan", EINVAL_, NUL(1)),
    R(itav_plan_free, "NULL", RVOID, NUL(0)),
    R(itav_plan_get, "NULL plan", RET(ITAV_PLAN_UNSET), NUL(0)),
    R(itav_plan_get, "field 0", RET(ITAV_PLAN_UNSET), I(1, 0)),
    BAD_ENUM(itav_plan_get, 1, "field", ITAV_PLAN_PROPOSAL_DAYS, RET(ITAV_PLAN_UNSET)),
    R(itav_plan_set, "NULL plan", EINVAL_, NUL(0)),
    R(itav_plan_set, "field 0", EINVAL_, I(1, 0)),
    BAD_ENUM(itav_plan_set, 1, "field", ITAV_PLAN_PROPOSAL_DAYS, EINVAL_),
    R(itav_plan_set, "trial 2", EINVAL_, I(1, ITAV_PLAN_TRIAL), I(2, 2)),
    R(itav_plan_set, "trial -2", EINVAL_, I(1, ITAV_PLAN_TRIAL), I(2, -2)),
    R(itav_plan_set, "vog LONG_MAX", EINVAL_, I(1, ITAV_PLAN_VOG), I(2, LONG_MAX)),
    R(itav_plan_set, "trial months 0", EINVAL_, I(1, ITAV_PLAN_TRIAL_MONTHS), I(2, 0)),
    R(itav_plan_set, "trial months 1201", EINVAL_, I(1, ITAV_PLAN_TRIAL_MONTHS), I(2, 1201)),
    R(itav_plan_set, "review months -5", EINVAL_, I(1, ITAV_PLAN_REVIEW_MONTHS), I(2, -5)),
    R(itav_plan_set, "max months LONG_MIN", EINVAL_, I(1, ITAV_PLAN_MAX_MONTHS), I(2, LONG_MIN)),
    R(itav_plan_set, "vog valid months -3", EINVAL_, I(1, ITAV_PLAN_VOG_VALID_MONTHS), I(2, -3)),
    R(itav_plan_set, "max distance 0", EINVAL_, I(1, ITAV_PLAN_MAX_DISTANCE_M), I(2, 0)),
    R(itav_plan_set, "max distance 20000001", EINVAL_, I(1, ITAV_PLAN_MAX_DISTANCE_M),
      I(2, 20000001)),
    R(itav_plan_set, "criteria empty", EINVAL_, I(1, ITAV_PLAN_CRITERIA), I(2, 0)),
    R(itav_plan_set, "criteria bit 0 (no criterion)", EINVAL_, I(1, ITAV_PLAN_CRITERIA), I(2, 1)),
    R(itav_plan_set, "criteria bit 8 (past the last)", EINVAL_, I(1, ITAV_PLAN_CRITERIA),
      I(2, 1 << 8)),
    R(itav_plan_set, "criteria -1", EINVAL_, I(1, ITAV_PLAN_CRITERIA), I(2, -2)),
    R(itav_plan_set, "final review 3", EINVAL_, I(1, ITAV_PLAN_FINAL_REVIEW), I(2, 3)),
    R(itav_plan_set, "proposal days -2", EINVAL_, I(1, ITAV_PLAN_PROPOSAL_DAYS), I(2, -2)),
    R(itav_plan_set, "proposal days 36501", EINVAL_, I(1, ITAV_PLAN_PROPOSAL_DAYS),
      I(2, 36501)),
    R(itav_plan_source, "NULL plan", RNULL, NUL(0)),
    R(itav_plan_source, "field 0", RNULL, I(1, 0)),
    BAD_ENUM(itav_plan_source, 1, "field", ITAV_PLAN_PROPOSAL_DAYS, RNULL),
    R(itav_plan_set_source, "NULL plan", EINVAL_, NUL(0)),
    R(itav_plan_set_source, "field 0", EINVAL_, I(1, 0)),
    BAD_ENUM(itav_plan_set_source, 1, "field", ITAV_PLAN_PROPOSAL_DAYS, EINVAL_),
    R(itav_plan_set_source, "a field that is not set", EINVAL_, I(1, ITAV_PLAN_MAX_MONTHS)),
    BAD_SOURCE(itav_plan_set_source, 2, EINVAL_),
    R(itav_intervention_plan, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_set_plan, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_offer_plan, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_set_plan, "NULL offer", EINVAL_, NUL(0)),
    R(itav_plan_effective, "NULL out", EINVAL_, NUL(0), M("no place for the plan")),
    R(itav_plan_effective, "NULL db", EINVAL_, NUL(1)),
    R(itav_plan_effective, "NULL offer", EINVAL_, NUL(2), M("no offer id")),
    BAD_ID(itav_plan_effective, 2, "offer id", E(ITAV_ENOTFOUND), M("no offer \"")),
};

const row_table rows_catalog = {rows, sizeof rows / sizeof *rows};
