/* The itav/1 JSON form of each record kind (docs/format.md): encoders, strict decoders and
 * the public *_to_json and *_from_json functions, and the JSON values that the dataset
 * import, the catalogue and the writers of reports and portfolios build on. Decoders are
 * strict: every member is checked, unknown members are refused, and each problem is reported
 * with its JSON path. */
#include "interchange/json_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The decoding helpers release_json.c shares (json_int.h), by their short names here. */
#define problem(...) itav__json_problem(__VA_ARGS__)
#define join(...) itav__json_join(__VA_ARGS__)
#define date_member(...) itav__json_date_member(__VA_ARGS__)

/* ======================================================================================
 * Encoding
 * ====================================================================================== */

/* Builders that treat NULL as "leave it out"; they return false only for lack of memory.
 * jansson's *_set_new and *_append_new take the value even when they fail, so a value given
 * to them is never freed here again. */
bool itav__json_put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0;
}

/* Hands *child over to obj under key; *child is NULL afterwards whatever happened. */
bool itav__json_attach(json_t *obj, const char *key, json_t **child)
{
    json_t *c = *child;
    *child = NULL;
    return itav__json_put(obj, key, c);
}

bool itav__json_put_text(json_t *obj, const char *key, const char *s)
{
    return !s || itav__json_put(obj, key, json_string(s));
}

bool itav__json_put_code(json_t *obj, const char *key, itav_code_type type, int value)
{
    return !value || itav__json_put_text(obj, key, itav_code_name(type, value));
}

bool itav__json_push(json_t *array, json_t *value)
{
    return value && json_array_append_new(array, value) == 0;
}

static bool put_list(json_t *obj, const char *key, const itav__strlist *l)
{
    if (!l->n)
        return true;
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; ok && i < l->n; i++)
        ok = itav__json_push(a, json_string(l->v[i]));
    ok = ok && itav__json_attach(obj, key, &a);
    json_decref(a);
    return ok;
}

itav__json *itav__json_new_object(void) { return json_object(); }
itav__json *itav__json_new_array(void) { return json_array(); }
itav__json *itav__json_new_string(const char *s) { return s ? json_string(s) : NULL; }
itav__json *itav__json_new_null(void) { return json_null(); }
itav__json *itav__json_new_bool(bool v) { return json_boolean(v); }
void itav__json_free(itav__json *v) { json_decref(v); }

itav__json *itav__json_new_date(int32_t d)
{
    char buf[ITAV_DATE_BUFSIZE];
    return itav_date_format(buf, sizeof buf, d) == ITAV_OK ? json_string(buf) : json_null();
}

json_t *itav__json_number(double v)
{
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* A qualified quantity {"qualifier", "value" | "min"/"max", "text"} as figures, baselines
 * and measurements write it; NULL for lack of memory. */
static json_t *encode_quantity(itav_qualifier qualifier, double min, double max,
                               const char *text)
{
    json_t *q = json_object();
    bool ok = q && itav__json_put_code(q, "qualifier", ITAV_CODE_QUALIFIER, qualifier);
    if (ok && itav__qualifier_two_numbers(qualifier))
        ok = itav__json_put(q, "min", itav__json_number(min)) &&
             itav__json_put(q, "max", itav__json_number(max));
    else if (ok && qualifier != ITAV_QTY_TEXT)
        ok = itav__json_put(q, "value", itav__json_number(min));
    if (!ok || !itav__json_put_text(q, "text", text)) {
        json_decref(q);
        return NULL;
    }
    return q;
}

static json_t *encode_figure(const itav_figure *f)
{
    json_t *o = json_object(), *q = encode_quantity(f->qualifier, f->min, f->max, f->text);
    bool ok =
        o && q && itav__json_put_text(o, "what", f->what) && itav__json_attach(o, "quantity", &q) &&
        itav__json_put_text(o, "period", f->period) && itav__json_put_text(o, "where", f->where) &&
        itav__json_put_text(o, "note", f->note) && itav__json_put_text(o, "source", f->source);
    json_decref(q);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static bool put_figures(json_t *obj, const char *key, const itav__figlist *l)
{
    if (!l->n)
        return true;
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; ok && i < l->n; i++)
        ok = itav__json_push(a, encode_figure(l->v[i]));
    ok = ok && itav__json_attach(obj, key, &a);
    json_decref(a);
    return ok;
}

/* "outcomes": [{"kind", then the members of its figure}], in their order; left out when
 * none. */
static bool put_outcomes(json_t *obj, const itav__outcomes *l)
{
    if (!l->n)
        return true;
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; ok && i < l->n; i++) {
        /* the kind first: an object keeps the order its members were set in */
        json_t *one = json_object(), *f = encode_figure(l->v[i]->figure);
        ok = one && f &&
             itav__json_put_code(one, "kind", ITAV_CODE_OUTCOME_KIND, l->v[i]->kind) &&
             json_object_update(one, f) == 0;
        json_decref(f);
        if (ok)
            ok = itav__json_push(a, one);
        else
            json_decref(one);
    }
    ok = ok && itav__json_attach(obj, "outcomes", &a);
    json_decref(a);
    return ok;
}

static bool put_date(json_t *obj, const char *key, int32_t d); /* with the offers, below */

/* "milestones": [{"status", "date", "period", "what", "text", "source"}]; left out when none. */
static bool put_milestones(json_t *obj, const itav__milestones *l)
{
    if (!l->n)
        return true;
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; ok && i < l->n; i++) {
        const itav_milestone *m = l->v[i];
        json_t *one = json_object();
        ok = one && itav__json_put_code(one, "status", ITAV_CODE_MILESTONE_STATUS, m->status) &&
             put_date(one, "date", m->date) && itav__json_put_text(one, "period", m->period) &&
             itav__json_put_text(one, "what", m->what) &&
             itav__json_put_text(one, "text", m->text) &&
             itav__json_put_text(one, "source", m->source);
        if (ok)
            ok = itav__json_push(a, one);
        else
            json_decref(one);
    }
    ok = ok && itav__json_attach(obj, "milestones", &a);
    json_decref(a);
    return ok;
}

/* ---- costs (itav/cost.h) ---- */

/* A funder {"name", "percent" | "amount": quantity}, without a share when the seed gives none. */
static json_t *encode_funder(const itav__funder *f)
{
    json_t *o = json_object(), *q = NULL;
    bool ok = o && itav__json_put_text(o, "name", f->name);
    if (ok && f->kind != ITAV_SHARE_NONE)
        ok = (q = encode_quantity(f->qualifier, f->min, f->max, NULL)) &&
             itav__json_attach(o, f->kind == ITAV_SHARE_PERCENT ? "percent" : "amount", &q);
    json_decref(q);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static bool put_date(json_t *obj, const char *key, int32_t d); /* with the offers, below */

static json_t *encode_cost(const itav_cost *c)
{
    json_t *o = json_object(), *q = NULL, *funders = NULL;
    bool ok = o && itav__json_put_text(o, "what", c->what);
    if (ok && c->qualifier)
        ok = (q = encode_quantity(c->qualifier, c->min, c->max, c->text)) &&
             itav__json_attach(o, "amount", &q);
    ok = ok && itav__json_put_code(o, "unit", ITAV_CODE_COST_UNIT, c->unit) &&
         itav__json_put_text(o, "currency", c->currency) && put_date(o, "from", c->from) &&
         put_date(o, "to", c->to);
    if (ok && c->nfunders) {
        ok = (funders = json_array()) != NULL;
        for (size_t i = 0; ok && i < c->nfunders; i++)
            ok = itav__json_push(funders, encode_funder(&c->funders[i]));
        ok = ok && itav__json_attach(o, "funders", &funders);
    }
    ok = ok && itav__json_put_text(o, "note", c->note) &&
         itav__json_put_text(o, "source", c->source);
    json_decref(q);
    json_decref(funders);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static bool put_costs(json_t *obj, const itav__costlist *l)
{
    if (!l->n)
        return true;
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; ok && i < l->n; i++)
        ok = itav__json_push(a, encode_cost(l->v[i]));
    ok = ok && itav__json_attach(obj, "costs", &a);
    json_decref(a);
    return ok;
}

static bool put_sources(json_t *obj, const itav__sources *s, const char *const *fields)
{
    json_t *o = NULL;
    bool ok = true;
    for (int i = 0; ok && fields[i]; i++) {
        if (!s->ref[i])
            continue;
        ok = (o || (o = json_object())) && itav__json_put_text(o, fields[i], s->ref[i]);
    }
    ok = ok && (!o || itav__json_attach(obj, "sources", &o));
    json_decref(o);
    return ok;
}

/* A set of bits as an array of their codes, lowest bit first; nothing for an empty set. */
static bool put_bits(json_t *obj, const char *key, itav_code_type type, unsigned bits)
{
    if (!bits)
        return true;
    json_t *a = json_array();
    bool ok = a != NULL;
    for (unsigned bit = 1; ok && bit && bit <= bits; bit <<= 1)
        if (bits & bit)
            ok = itav__json_push(a, json_string(itav_code_name(type, (int)bit)));
    ok = ok && itav__json_attach(obj, key, &a);
    json_decref(a);
    return ok;
}

static bool put_audience(json_t *o, const itav_intervention *iv)
{
    if (!iv->audience && iv->age_min == ITAV_AGE_NONE && iv->age_max == ITAV_AGE_NONE &&
        !iv->conditions)
        return true;
    json_t *a = json_object(), *age = NULL;
    bool ok = a != NULL;
    ok = ok && put_bits(a, "who", ITAV_CODE_AUDIENCE, iv->audience);
    if (ok && (iv->age_min != ITAV_AGE_NONE || iv->age_max != ITAV_AGE_NONE)) {
        ok = (age = json_object()) != NULL &&
             (iv->age_min == ITAV_AGE_NONE ||
              itav__json_put(age, "min", json_integer(iv->age_min))) &&
             (iv->age_max == ITAV_AGE_NONE ||
              itav__json_put(age, "max", json_integer(iv->age_max))) &&
             itav__json_attach(a, "age_months", &age);
    }
    ok = ok && itav__json_put_text(a, "conditions", iv->conditions) &&
         itav__json_attach(o, "audience", &a);
    json_decref(age);
    json_decref(a);
    return ok;
}

static bool put_roles(json_t *o, const itav_intervention *iv)
{
    if (!iv->nroles)
        return true;
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; ok && i < iv->nroles; i++) {
        const itav_role *r = iv->roles[i];
        json_t *ro = json_object();
        ok = ro && itav__json_put_code(ro, "role", ITAV_CODE_ROLE, r->kind) &&
             itav__json_put_text(ro, "description", r->description) &&
             (!r->vog || itav__json_put(ro, "vog", json_true())) &&
             itav__json_put_text(ro, "training", r->training);
        if (ok) {
            ok = itav__json_push(a, ro);
        } else {
            json_decref(ro);
        }
    }
    ok = ok && itav__json_attach(o, "roles", &a);
    json_decref(a);
    return ok;
}

static bool put_elements(json_t *o, const itav_intervention *iv)
{
    if (itav_intervention_profile_source(iv) == ITAV_PROFILE_DEFAULT)
        return true;
    json_t *el = json_object(), *prof = NULL, *so = NULL;
    bool ok = el != NULL;
    for (int s = ITAV_PROFILE_TABLE; ok && s <= ITAV_PROFILE_OTHER; s++) {
        if (!itav_intervention_known_elements(iv, (itav_profile_source)s))
            continue;
        ok = (prof = json_object()) != NULL;
        for (int e = 0; ok && e < ITAV_ELEMENT_COUNT; e++) {
            const itav__element_statement *st = &iv->profile[s - 1][e];
            if (st->status == ITAV_STATUS_UNKNOWN)
                continue;
            ok = (so = json_object()) != NULL &&
                 itav__json_put_code(so, "status", ITAV_CODE_STATUS, st->status) &&
                 itav__json_put_text(so, "evidence", st->evidence) &&
                 itav__json_put_text(so, "source", st->source) &&
                 itav__json_attach(prof, itav_element_code((itav_element)(e + 1)), &so);
        }
        ok = ok && itav__json_attach(el, itav_code_name(ITAV_CODE_PROFILE_SOURCE, s), &prof);
    }
    ok = ok && itav__json_attach(o, "elements", &el);
    json_decref(so);
    json_decref(prof);
    json_decref(el);
    return ok;
}

/* "factors": {"<code>": {"source": ref}} in the order of the factors; left out when none. */
static bool put_factors(json_t *obj, const itav_intervention *iv)
{
    itav_factorset shown = itav_intervention_factors(iv);
    if (!shown)
        return true;
    json_t *all = json_object(), *one = NULL;
    bool ok = all != NULL;
    for (int f = 1; ok && f <= ITAV_FACTOR_COUNT; f++) {
        if (!itav_factorset_has(shown, (itav_factor)f))
            continue;
        ok = (one = json_object()) &&
             itav__json_put_text(one, "source",
                                 itav_intervention_factor_source(iv, (itav_factor)f)) &&
             itav__json_attach(all, itav_factor_code((itav_factor)f), &one);
    }
    ok = ok && itav__json_attach(obj, "factors", &all);
    json_decref(one);
    json_decref(all);
    return ok;
}

static bool put_plan(json_t *obj, const itav_plan *plan); /* with the plans, below */
static bool put_access(json_t *obj, const itav_access *a); /* at the end */

json_t *itav__json_encode_intervention(const itav_intervention *iv)
{
    json_t *o = json_object();
    bool ok =
        o && itav__json_put_text(o, "id", iv->id) && itav__json_put_text(o, "name", iv->name) &&
        itav__json_put_code(o, "kind", ITAV_CODE_KIND, iv->kind) &&
        itav__json_put_text(o, "summary", iv->summary) &&
        put_list(o, "providers", &iv->text[ITAV_TEXT_PROVIDERS]) &&
        put_list(o, "municipalities", &iv->text[ITAV_TEXT_MUNICIPALITIES]) &&
        put_list(o, "regions", &iv->text[ITAV_TEXT_REGIONS]) &&
        (!iv->since || itav__json_put(o, "since", json_integer(iv->since))) &&
        put_audience(o, iv) && put_bits(o, "themes", ITAV_CODE_THEME, iv->themes) &&
        itav__json_put_code(o, "setting", ITAV_CODE_SETTING, iv->setting) &&
        itav__json_put_code(o, "scope", ITAV_CODE_SCOPE, iv->scope) &&
        itav__json_put_code(o, "channel", ITAV_CODE_CHANNEL, iv->channel) && put_roles(o, iv) &&
        put_list(o, "phases", &iv->text[ITAV_TEXT_PHASES]) && put_elements(o, iv) &&
        put_factors(o, iv) &&
        itav__json_put_code(o, "evidence_level", ITAV_CODE_EVIDENCE, iv->evidence) &&
        put_figures(o, "reach", &iv->reach) && put_outcomes(o, &iv->outcomes) &&
        put_costs(o, &iv->costs) && put_list(o, "works", &iv->text[ITAV_TEXT_WORKS]) &&
        put_list(o, "improve", &iv->text[ITAV_TEXT_IMPROVE]) &&
        put_list(o, "links", &iv->text[ITAV_TEXT_LINKS]) && put_plan(o, iv->plan) &&
        put_access(o, iv->access) && put_sources(o, &iv->sources, itav__intervention_fields);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static bool put_date(json_t *obj, const char *key, int32_t d)
{
    char buf[ITAV_DATE_BUFSIZE];
    if (d == ITAV_DATE_NONE)
        return true;
    return itav_date_format(buf, sizeof buf, d) == ITAV_OK && itav__json_put_text(obj, key, buf);
}

json_t *itav__json_encode_offer(const itav_offer *of)
{
    json_t *o = json_object();
    bool ok = o && itav__json_put_text(o, "id", of->id) &&
              itav__json_put_text(o, "intervention", of->intervention) &&
              itav__json_put_text(o, "name", of->name) &&
              put_list(o, "municipalities", &of->municipalities) &&
              itav__json_put_text(o, "region", of->region) &&
              itav__json_put_text(o, "provider", of->provider) && put_date(o, "start", of->start) &&
              put_date(o, "end", of->end) && itav__json_put_text(o, "contact", of->contact) &&
              itav__json_put_text(o, "programme", of->programme) &&
              put_figures(o, "targets", &of->targets) && put_figures(o, "reach", &of->reach) &&
              put_figures(o, "capacity", &of->capacity) && put_costs(o, &of->costs) &&
              put_milestones(o, &of->milestones) && put_plan(o, of->plan) &&
              put_access(o, of->access) && put_sources(o, &of->sources, itav__offer_fields);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- plans (encoder) ---- */

/* Plan fields written as true/false rather than as numbers. */
static bool plan_flag(int field)
{
    return field == ITAV_PLAN_TRIAL || field == ITAV_PLAN_VOG || field == ITAV_PLAN_TRAINING
        || field == ITAV_PLAN_FINAL_REVIEW;
}

static json_t *encode_criteria(long bits)
{
    json_t *a = json_array();
    bool ok = a != NULL;
    for (int c = 1; ok && c <= ITAV_CRITERION_COUNT; c++)
        if (bits & (1L << c))
            ok = itav__json_push(a, json_string(itav_code_name(ITAV_CODE_CRITERION, c)));
    if (!ok) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static bool put_plan(json_t *obj, const itav_plan *plan)
{
    if (!plan)
        return true;
    json_t *o = json_object(), *so = NULL;
    bool ok = o != NULL;
    for (int f = 1; ok && f <= ITAV_PLAN_FIELD_COUNT; f++) {
        long v = plan->value[f];
        const char *name = itav_code_name(ITAV_CODE_PLAN_FIELD, f);
        if (v == ITAV_PLAN_UNSET)
            continue;
        ok = itav__json_put(o, name, f == ITAV_PLAN_CRITERIA ? encode_criteria(v)
                          : plan_flag(f)          ? json_boolean(v)
                                                  : json_integer(v));
        if (ok && plan->source[f])
            ok = (so || (so = json_object())) && itav__json_put_text(so, name, plan->source[f]);
    }
    ok = ok && (!so || itav__json_attach(o, "sources", &so)) && itav__json_attach(obj, "plan", &o);
    json_decref(so);
    json_decref(o);
    return ok;
}

/* ---- participants (encoder) ---- */

/* A set of bits as an array of their codes, in bit order; nothing when no bit is set. */
static bool put_participant_bits(json_t *obj, const char *key, itav_code_type type,
                                 unsigned long bits)
{
    if (!bits)
        return true;
    json_t *a = json_array();
    bool ok = a != NULL;
    for (int b = 0; ok && b < 32; b++)
        if (bits & (1ul << b))
            ok = itav__json_push(a, json_string(itav_code_name(type, (int)(1u << b))));
    ok = ok && itav__json_attach(obj, key, &a);
    json_decref(a);
    return ok;
}

/* A pair of numbers as an object {lo_key, hi_key}. */
static bool put_participant_pair(json_t *obj, const char *key, const char *lo_key, json_t *lo,
                                 const char *hi_key, json_t *hi)
{
    json_t *o = json_object();
    if (!o || !itav__json_put(o, lo_key, lo)) { /* itav__json_put() took lo if there was an o */
        if (!o)
            json_decref(lo);
        json_decref(hi);
        json_decref(o);
        return false;
    }
    bool ok = itav__json_put(o, hi_key, hi) && itav__json_attach(obj, key, &o);
    json_decref(o);
    return ok;
}

json_t *itav__json_encode_participant(const itav_participant *p)
{
    json_t *o = json_object(), *children = NULL;
    bool ok =
        o && itav__json_put_text(o, "ref", p->ref) && itav__json_put_text(o, "offer", p->offer) &&
        itav__json_put_code(o, "kind", ITAV_CODE_PARTICIPANT_KIND, p->kind) &&
        itav__json_put_code(o, "status", ITAV_CODE_PARTICIPANT_STATUS, p->status) &&
        put_date(o, "status_date", p->status_date) &&
        itav__json_put_text(o, "municipality", p->municipality) &&
        itav__json_put_text(o, "postcode", p->postcode[0] ? p->postcode : NULL) &&
        (!p->has_location ||
         put_participant_pair(o, "location", "lat", json_real(p->lat), "lon", json_real(p->lon))) &&
        put_participant_bits(o, "availability", ITAV_CODE_SLOT, p->availability) &&
        put_participant_bits(o, "support", ITAV_CODE_SUPPORT, p->support) &&
        put_list(o, "languages", &p->languages) &&
        (!p->language_required || itav__json_put(o, "language_required", json_true())) &&
        put_list(o, "interests", &p->interests);
    if (ok && p->nchildren) {
        ok = (children = json_array()) != NULL;
        for (size_t i = 0; ok && i < p->nchildren; i++)
            ok = itav__json_push(children, json_integer(p->children[i]));
        ok = ok && itav__json_attach(o, "children", &children);
    }
    ok = ok &&
         (p->age_min < 0 || put_participant_pair(o, "age_range", "min", json_integer(p->age_min),
                                                 "max", json_integer(p->age_max))) &&
         put_date(o, "vog_date", p->vog_date) &&
         (!p->trained || itav__json_put(o, "trained", json_true())) &&
         (p->capacity == 1 || itav__json_put(o, "capacity", json_integer(p->capacity))) &&
         put_date(o, "registered", p->registered) &&
         (p->max_distance_m == 0 ||
          itav__json_put(o, "max_distance_m", itav__json_number(p->max_distance_m))) &&
         put_list(o, "exclusions", &p->exclusions);
    json_decref(children);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- matches (encoder) ---- */

json_t *itav__json_encode_match(const itav_match *m)
{
    json_t *o = json_object(), *trail = json_array();
    bool ok = o && trail && itav__json_put_text(o, "id", m->id) &&
              itav__json_put_text(o, "offer", m->offer) &&
              itav__json_put_text(o, "asking", m->asking) &&
              itav__json_put_text(o, "supporting", m->supporting) &&
              itav__json_put_code(o, "state", ITAV_CODE_MATCH_STATE, m->state) &&
              (m->score < 0 || itav__json_put(o, "score", json_real(m->score))) &&
              itav__json_put_text(o, "previous", m->previous) &&
              itav__json_put_code(o, "reason", ITAV_CODE_END_REASON, m->reason);
    for (size_t i = 0; ok && i < m->ntrail; i++) {
        const itav__transition *tr = &m->trail[i];
        json_t *t = json_object();
        ok = t && itav__json_put_code(t, "state", ITAV_CODE_MATCH_STATE, tr->state) &&
             put_date(t, "date", tr->date) &&
             itav__json_put_code(t, "actor", ITAV_CODE_ACTOR, tr->actor) &&
             itav__json_put_text(t, "note", tr->note);
        if (ok)
            ok = itav__json_push(trail, t);
        else
            json_decref(t);
    }
    ok = ok && itav__json_attach(o, "trail", &trail);
    json_decref(trail);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Dumps a value as owned text: compact and exact for storage; for people and files indented,
 * with a final newline and reals to 15 significant digits (a score reads 0.812345, not
 * 0.81234499999999998; printing what such text parses to gives the same text again). */
int itav__json_dump(char **out, json_t *v, bool pretty)
{
    if (!v)
        return ITAV_ENOMEM;
    size_t flags = pretty ? JSON_INDENT(2) | JSON_REAL_PRECISION(15) : JSON_COMPACT;
    char *s = json_dumps(v, flags | JSON_PRESERVE_ORDER);
    json_decref(v);
    if (!s)
        return ITAV_ENOMEM;
    /* jansson allocated s with its own functions, which the host may have replaced */
    json_free_t jansson_free;
    json_get_alloc_funcs(NULL, &jansson_free);
    size_t n = strlen(s);
    char *copy = itav__malloc(n + 2);
    if (!copy) {
        jansson_free(s);
        return ITAV_ENOMEM;
    }
    memcpy(copy, s, n);
    if (pretty)
        copy[n++] = '\n';
    copy[n] = '\0';
    jansson_free(s);
    *out = copy;
    return ITAV_OK;
}

/* ======================================================================================
 * Decoding
 * ====================================================================================== */

int itav__json_problem(itav__json_dec *d, const char *path, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(d->err, d->errsize, "%s: ", path);
    if (n >= 0 && (size_t)n < d->errsize) {
        va_start(ap, fmt);
        vsnprintf(d->err + n, d->errsize - (size_t)n, itav__tr(d->db, fmt), ap);
        va_end(ap);
    }
    return ITAV_EFORMAT;
}

static int nomem(itav__json_dec *d, const char *path)
{
    problem(d, path, "out of memory");
    return ITAV_ENOMEM;
}

/* Appends to a path, truncating at ITAV__JSON_PATH_MAX - 1 bytes (a long path is still a clue). */
static void append(char *buf, const char *path, const char *sep, const char *tail)
{
    size_t n = 0;
    const char *parts[] = {path, sep, tail};
    for (size_t i = 0; i < 3; i++)
        for (const char *p = parts[i]; *p && n < ITAV__JSON_PATH_MAX - 1; p++)
            buf[n++] = *p;
    buf[n] = '\0';
}

void itav__json_join(char *buf, const char *path, const char *key)
{
    append(buf, path, ".", key);
}

static void join_index(char *buf, const char *path, size_t i)
{
    char idx[32];
    snprintf(idx, sizeof idx, "[%zu]", i);
    append(buf, path, "", idx);
}

/* A word passed into a message, in d's language. */
static const char *word(const itav__json_dec *d, const char *en) { return itav__tr(d->db, en); }

/* What v is, in words for "expected ..., found %s". */
static const char *type_name(const itav__json_dec *d, const json_t *v)
{
    const char *en = N_("a value");
    switch (json_typeof(v)) {
    case JSON_OBJECT: en = N_("an object"); break;
    case JSON_ARRAY: en = N_("an array"); break;
    case JSON_STRING: en = N_("a string"); break;
    case JSON_INTEGER: en = N_("an integer"); break;
    case JSON_REAL: en = N_("a number"); break;
    case JSON_TRUE:
    case JSON_FALSE: en = N_("a boolean"); break;
    case JSON_NULL: en = "null"; break; /* JSON's own word */
    }
    return word(d, en);
}

/* Checks that v is an object whose members are all in allowed and the required ones are
 * there (required: a prefix of allowed, nreq long). */
int itav__json_members(itav__json_dec *d, const json_t *v, const char *path,
                       const char *const *allowed, int nreq)
{
    const char *key;
    json_t *val;
    if (!json_is_object(v))
        return problem(d, path, "expected an object, found %s", type_name(d, v));
    json_object_foreach((json_t *)v, key, val) {
        bool known = false;
        for (int i = 0; allowed[i] && !known; i++)
            known = strcmp(allowed[i], key) == 0;
        if (!known) {
            char p[ITAV__JSON_PATH_MAX];
            join(p, path, key);
            return problem(d, p, "unknown member \"%s\"", key);
        }
    }
    for (int i = 0; i < nreq; i++)
        if (!json_object_get(v, allowed[i]))
            return problem(d, path, "required member \"%s\" is missing", allowed[i]);
    return ITAV_OK;
}

/* Text with a control character that a terminal would obey. */
static int control_problem(itav__json_dec *d, const char *p, const char *text)
{
    return problem(d, p, "text contains the control character U+%04lX (only tab and line "
                         "feed are allowed)", (unsigned long)itav__control_char(text));
}

/* A text member: *out borrowed from the document, NULL if missing (or empty). */
int itav__json_text_member(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                           const char **out)
{
    char p[ITAV__JSON_PATH_MAX];
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_string(v))
        return problem(d, p, "expected a string, found %s", type_name(d, v));
    if (json_string_length(v) > ITAV__TEXT_MAX)
        return problem(d, p, "text longer than %d bytes", ITAV__TEXT_MAX);
    if (strlen(json_string_value(v)) != json_string_length(v))
        return problem(d, p, "text contains a NUL character");
    if (itav__control_char(json_string_value(v)) >= 0)
        return control_problem(d, p, json_string_value(v));
    *out = json_string_length(v) ? json_string_value(v) : NULL;
    return ITAV_OK;
}

static int required_text(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                         const char **out)
{
    int rc = itav__json_text_member(d, obj, path, key, out);
    if (rc == ITAV_OK && !*out) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, key);
        return problem(d, p, "must not be empty");
    }
    return rc;
}

static int id_member(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                     const char **out)
{
    int rc = required_text(d, obj, path, key, out);
    if (rc == ITAV_OK && !itav__valid_id(*out)) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, key);
        return problem(d, p, "\"%s\" is not a valid id (1-64 of a-z, 0-9 and single '-' "
                             "between them)", *out);
    }
    return rc;
}

static int ref_member(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                      const char **out)
{
    int rc = itav__json_text_member(d, obj, path, key, out);
    if (rc == ITAV_OK && *out && !itav__valid_ref(*out)) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, key);
        return problem(d, p, "\"%s\" is not a source reference like \"001:L373\" or "
                             "\"001:L373-380\"", *out);
    }
    return rc;
}

/* The codes of a table, joined by ", " (as many as fit). */
static void code_list(char *expected, size_t size, itav_code_type type)
{
    expected[0] = '\0';
    for (int v = 1; v <= 64; v++) {
        const char *name = itav_code_name(type, v);
        if (name && strlen(expected) + strlen(name) + 3 < size) {
            if (*expected)
                strcat(expected, ", ");
            strcat(expected, name);
        }
    }
}

/* An enum member given by code; *out is 0 if missing. */
static int code_member(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                       itav_code_type type, int *out)
{
    const char *s;
    *out = 0;
    int rc = itav__json_text_member(d, obj, path, key, &s);
    if (rc != ITAV_OK || !s)
        return rc;
    if (itav_code_parse(out, type, s) != ITAV_OK) {
        char p[ITAV__JSON_PATH_MAX], expected[256];
        join(p, path, key);
        code_list(expected, sizeof expected, type);
        return problem(d, p, "unknown value \"%s\" (expected one of: %s)", s, expected);
    }
    return ITAV_OK;
}

static int int_member(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                      long lo, long hi, bool *present, long *out)
{
    char p[ITAV__JSON_PATH_MAX];
    const json_t *v = json_object_get(obj, key);
    *present = v != NULL;
    if (!v)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_integer(v))
        return problem(d, p, "expected an integer, found %s", type_name(d, v));
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return problem(d, p, "%lld is out of range (%ld to %ld)", (long long)x, lo, hi);
    *out = (long)x;
    return ITAV_OK;
}

static int text_array(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                      itav__strlist *out)
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(obj, key);
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of strings, found %s", type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        join_index(pi, p, i);
        if (!json_is_string(v))
            return problem(d, pi, "expected a string, found %s", type_name(d, v));
        if (!json_string_length(v))
            return problem(d, pi, "must not be empty");
        if (json_string_length(v) > ITAV__TEXT_MAX ||
            strlen(json_string_value(v)) != json_string_length(v))
            return problem(d, pi, "text too long or contains a NUL character");
        if (itav__control_char(json_string_value(v)) >= 0)
            return control_problem(d, pi, json_string_value(v));
        if (itav__strlist_add(out, json_string_value(v)) != ITAV_OK)
            return nomem(d, pi);
    }
    return ITAV_OK;
}

static int number_member(itav__json_dec *d, const json_t *q, const char *path, const char *key,
                         double *out)
{
    char p[ITAV__JSON_PATH_MAX];
    const json_t *v = json_object_get(q, key);
    join(p, path, key);
    if (!v)
        return problem(d, path, "required member \"%s\" is missing", key);
    if (!json_is_number(v))
        return problem(d, p, "expected a number, found %s", type_name(d, v));
    *out = json_number_value(v);
    return ITAV_OK;
}

/* Decodes the member key of v (see encode_quantity()); qp receives its path. */
static int decode_quantity_at(itav__json_dec *d, const json_t *v, const char *path,
                              const char *key, char *qp, int *qualifier, double *minp,
                              double *maxp, const char **qtextp)
{
    static const char *const qmembers[] = {"qualifier", "value", "min", "max", "text", NULL};
    const char *qtext;
    int qual, rc;
    double min = 0, max = 0;
    const json_t *q = json_object_get(v, key);
    join(qp, path, key);
    if ((rc = itav__json_members(d, q, qp, qmembers, 1)) ||
        (rc = code_member(d, q, qp, "qualifier", ITAV_CODE_QUALIFIER, &qual)) ||
        (rc = itav__json_text_member(d, q, qp, "text", &qtext)))
        return rc;
    if (!qual)
        return problem(d, qp, "qualifier must not be empty");
    bool has_value = json_object_get(q, "value"), has_range = json_object_get(q, "min") ||
                                                              json_object_get(q, "max");
    if (qual == ITAV_QTY_TEXT) {
        if (has_value || has_range)
            return problem(d, qp, "qualifier \"text\" takes no number");
        if (!qtext)
            return problem(d, qp, "qualifier \"text\" needs a non-empty \"text\"");
    } else if (itav__qualifier_two_numbers((itav_qualifier)qual)) {
        if (has_value)
            return problem(d, qp, "qualifier \"%s\" takes \"min\" and \"max\", not \"value\"",
                           itav_code_name(ITAV_CODE_QUALIFIER, qual));
        if ((rc = number_member(d, q, qp, "min", &min)) ||
            (rc = number_member(d, q, qp, "max", &max)))
            return rc;
        if (min > max)
            return problem(d, qp, "min %g is greater than max %g", min, max);
    } else {
        if (has_range)
            return problem(d, qp, "qualifier \"%s\" takes \"value\", not \"min\"/\"max\"",
                           itav_code_name(ITAV_CODE_QUALIFIER, qual));
        if ((rc = number_member(d, q, qp, "value", &min)))
            return rc;
        max = min;
    }
    *qualifier = qual;
    *minp = min;
    *maxp = max;
    *qtextp = qtext;
    return ITAV_OK;
}

/* Decodes the member "quantity" of v. */
static int decode_quantity(itav__json_dec *d, const json_t *v, const char *path, char *qp,
                           int *qualifier, double *minp, double *maxp, const char **qtextp)
{
    return decode_quantity_at(d, v, path, "quantity", qp, qualifier, minp, maxp, qtextp);
}

/* The members of a figure in v, whose members the caller has checked; *out a new figure. */
static int figure_from(itav__json_dec *d, const json_t *v, const char *path, itav_figure **out)
{
    char qp[ITAV__JSON_PATH_MAX];
    const char *what, *qtext, *period, *where, *note, *source;
    int qual, rc;
    double min, max;
    if ((rc = required_text(d, v, path, "what", &what)) ||
        (rc = decode_quantity(d, v, path, qp, &qual, &min, &max, &qtext)))
        return rc;
    if ((rc = itav__json_text_member(d, v, path, "period", &period)) ||
        (rc = itav__json_text_member(d, v, path, "where", &where)) ||
        (rc = itav__json_text_member(d, v, path, "note", &note)) ||
        (rc = ref_member(d, v, path, "source", &source)))
        return rc;
    itav_figure *f;
    rc = itav_figure_new(&f, what, (itav_qualifier)qual, min, max, qtext);
    if (rc == ITAV_EINVAL)
        return problem(d, qp, "not a valid quantity");
    if (rc != ITAV_OK)
        return nomem(d, path);
    if (itav_figure_set_period(f, period) || itav_figure_set_where(f, where) ||
        itav_figure_set_note(f, note) || itav_figure_set_source(f, source)) {
        itav_figure_free(f);
        return nomem(d, path);
    }
    *out = f;
    return ITAV_OK;
}

static int decode_figure(itav__json_dec *d, const json_t *v, const char *path, itav__figlist *list)
{
    static const char *const members[] = {"what", "quantity", "period", "where", "note",
                                          "source", NULL};
    itav_figure *f;
    int rc;
    if ((rc = itav__json_members(d, v, path, members, 2)) ||
        (rc = figure_from(d, v, path, &f)))
        return rc;
    rc = itav__figlist_add(list, f) == ITAV_OK ? ITAV_OK : nomem(d, path);
    itav_figure_free(f);
    return rc;
}

/* An item of "outcomes" (see put_outcomes()). */
static int decode_outcome(itav__json_dec *d, const json_t *v, const char *path,
                          itav_intervention *iv)
{
    static const char *const members[] = {"kind", "what", "quantity", "period", "where",
                                          "note", "source", NULL};
    itav_figure *f;
    itav_outcome *o = NULL;
    int kind, rc;
    if ((rc = itav__json_members(d, v, path, members, 3)) ||
        (rc = code_member(d, v, path, "kind", ITAV_CODE_OUTCOME_KIND, &kind)) ||
        (rc = figure_from(d, v, path, &f)))
        return rc;
    rc = itav_outcome_new(&o, (itav_outcome_kind)kind, f);
    itav_figure_free(f);
    if (rc == ITAV_EINVAL) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, "kind");
        return problem(d, p, "must not be empty");
    }
    if (rc == ITAV_OK)
        rc = itav_intervention_add_outcome(iv, o);
    itav_outcome_free(o);
    return rc == ITAV_OK ? ITAV_OK : nomem(d, path);
}

/* An array member whose items decode_item() adds to owner. */
static int item_array(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                      const char *what,
                      int (*decode_item)(itav__json_dec *, const json_t *, const char *, void *),
                      void *owner)
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(obj, key);
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of %s, found %s", word(d, what), type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        join_index(pi, p, i);
        if ((rc = decode_item(d, json_array_get(a, i), pi, owner)))
            return rc;
    }
    return ITAV_OK;
}

static int outcome_item(itav__json_dec *d, const json_t *v, const char *path, void *iv)
{
    return decode_outcome(d, v, path, iv);
}

static int figure_array(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                        itav__figlist *out)
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(obj, key);
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of figures, found %s", type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        join_index(pi, p, i);
        if ((rc = decode_figure(d, json_array_get(a, i), pi, out)))
            return rc;
    }
    return ITAV_OK;
}

static int sources_member(itav__json_dec *d, const json_t *obj, const char *path,
                          const char *const *fields, itav__sources *out)
{
    char p[ITAV__JSON_PATH_MAX], pk[ITAV__JSON_PATH_MAX];
    const json_t *s = json_object_get(obj, "sources");
    const char *key;
    json_t *v;
    if (!s)
        return ITAV_OK;
    join(p, path, "sources");
    if (!json_is_object(s))
        return problem(d, p, "expected an object, found %s", type_name(d, s));
    json_object_foreach((json_t *)s, key, v) {
        join(pk, p, key);
        if (itav__field_index(fields, key) < 0)
            return problem(d, pk, "\"%s\" is not a field that can have a source", key);
        if (!json_is_string(v) || !itav__valid_ref(json_string_value(v)))
            return problem(d, pk, "expected a source reference like \"001:L373-380\"");
        if (itav__sources_set(out, fields, key, json_string_value(v)) != ITAV_OK)
            return nomem(d, pk);
    }
    return ITAV_OK;
}

static int decode_audience(itav__json_dec *d, const json_t *obj, const char *path,
                           itav_intervention *iv)
{
    static const char *const members[] = {"who", "age_months", "conditions", NULL};
    static const char *const age_members[] = {"min", "max", NULL};
    char p[ITAV__JSON_PATH_MAX], pw[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX],
        pa[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(obj, "audience");
    const char *cond;
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, "audience");
    if ((rc = itav__json_members(d, a, p, members, 0)))
        return rc;
    const json_t *who = json_object_get(a, "who");
    if (who) {
        join(pw, p, "who");
        if (!json_is_array(who))
            return problem(d, pw, "expected an array of audience codes, found %s",
                           type_name(d, who));
        for (size_t i = 0; i < json_array_size(who); i++) {
            const json_t *v = json_array_get(who, i);
            int bit;
            join_index(pi, pw, i);
            if (!json_is_string(v) ||
                itav_code_parse(&bit, ITAV_CODE_AUDIENCE, json_string_value(v)) != ITAV_OK)
                return problem(d, pi, "unknown audience (expected parents, expecting_parents, "
                                      "youth, children, co_carers or professionals)");
            iv->audience |= (unsigned)bit;
        }
    }
    const json_t *age = json_object_get(a, "age_months");
    if (age) {
        long min = ITAV_AGE_NONE, max = ITAV_AGE_NONE;
        bool has_min, has_max;
        join(pa, p, "age_months");
        if ((rc = itav__json_members(d, age, pa, age_members, 0)) ||
            (rc = int_member(d, age, pa, "min", -12, 1200, &has_min, &min)) ||
            (rc = int_member(d, age, pa, "max", -12, 1200, &has_max, &max)))
            return rc;
        if (!has_min)
            min = ITAV_AGE_NONE;
        if (!has_max)
            max = ITAV_AGE_NONE;
        if (itav_intervention_set_age_range(iv, (int32_t)min, (int32_t)max) != ITAV_OK)
            return problem(d, pa, "min %ld is greater than max %ld", min, max);
    }
    if ((rc = itav__json_text_member(d, a, p, "conditions", &cond)))
        return rc;
    return itav__set_text(&iv->conditions, cond) ? nomem(d, p) : ITAV_OK;
}

/* An array of bit codes (ITAV_CODE_THEME, ...) as their union; an unknown code is refused
 * with the legal ones. */
static int bits_member(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                       itav_code_type type, unsigned *out)
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(obj, key);
    *out = 0;
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of codes, found %s", type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        int bit;
        join_index(pi, p, i);
        if (!json_is_string(v) || itav_code_parse(&bit, type, json_string_value(v)) != ITAV_OK) {
            char expected[512] = "";
            for (unsigned b = 1; b && itav_code_name(type, (int)b); b <<= 1)
                if (strlen(expected) + strlen(itav_code_name(type, (int)b)) + 3 < sizeof expected)
                    strcat(strcat(expected, *expected ? ", " : ""), itav_code_name(type, (int)b));
            return problem(d, pi, "unknown code (expected one of: %s)", expected);
        }
        *out |= (unsigned)bit;
    }
    return ITAV_OK;
}

static int decode_roles(itav__json_dec *d, const json_t *obj, const char *path,
                        itav_intervention *iv)
{
    static const char *const members[] = {"role", "description", "vog", "training", NULL};
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX], pv[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(obj, "roles");
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, "roles");
    if (!json_is_array(a))
        return problem(d, p, "expected an array of roles, found %s", type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *r = json_array_get(a, i);
        const char *desc, *training;
        int kind;
        join_index(pi, p, i);
        if ((rc = itav__json_members(d, r, pi, members, 1)) ||
            (rc = code_member(d, r, pi, "role", ITAV_CODE_ROLE, &kind)) ||
            (rc = itav__json_text_member(d, r, pi, "description", &desc)) ||
            (rc = itav__json_text_member(d, r, pi, "training", &training)))
            return rc;
        if (!kind)
            return problem(d, pi, "role must not be empty");
        const json_t *vog = json_object_get(r, "vog");
        join(pv, pi, "vog");
        if (vog && !json_is_boolean(vog))
            return problem(d, pv, "expected true or false, found %s", type_name(d, vog));
        itav_role *role;
        if (itav_role_new(&role, (itav_role_kind)kind))
            return nomem(d, pi);
        rc = itav_role_set_description(role, desc) || itav_role_set_training(role, training) ||
             itav_role_set_vog(role, json_is_true(vog)) || itav_intervention_add_role(iv, role);
        itav_role_free(role);
        if (rc)
            return nomem(d, pi);
    }
    return ITAV_OK;
}

static int decode_elements(itav__json_dec *d, const json_t *obj, const char *path,
                           itav_intervention *iv)
{
    static const char *const sources[] = {"table", "sections", "other", NULL};
    static const char *const members[] = {"status", "evidence", "source", NULL};
    char p[ITAV__JSON_PATH_MAX], ps[ITAV__JSON_PATH_MAX], pe[ITAV__JSON_PATH_MAX];
    const json_t *el = json_object_get(obj, "elements");
    int rc;
    if (!el)
        return ITAV_OK;
    join(p, path, "elements");
    if ((rc = itav__json_members(d, el, p, sources, 0)))
        return rc;
    for (int s = 0; sources[s]; s++) {
        const json_t *prof = json_object_get(el, sources[s]);
        const char *code;
        json_t *st;
        if (!prof)
            continue;
        join(ps, p, sources[s]);
        if (!json_is_object(prof))
            return problem(d, ps, "expected an object keyed by element code, found %s",
                           type_name(d, prof));
        json_object_foreach((json_t *)prof, code, st) {
            itav_element e;
            const char *evidence, *ref;
            int status;
            join(pe, ps, code);
            if (itav_element_from_code(&e, code) != ITAV_OK)
                return problem(d, pe, "unknown element code \"%s\"", code);
            if ((rc = itav__json_members(d, st, pe, members, 1)) ||
                (rc = code_member(d, st, pe, "status", ITAV_CODE_STATUS, &status)) ||
                (rc = itav__json_text_member(d, st, pe, "evidence", &evidence)) ||
                (rc = ref_member(d, st, pe, "source", &ref)))
                return rc;
            if (!status)
                return problem(d, pe, "status must not be empty");
            if (itav_intervention_set_element(iv, (itav_profile_source)(s + 1), e,
                                              (itav_status)status, evidence, ref))
                return nomem(d, pe);
        }
    }
    return ITAV_OK;
}

/* "factors" (see put_factors()). */
static int decode_factors(itav__json_dec *d, const json_t *obj, const char *path,
                          itav_intervention *iv)
{
    static const char *const members[] = {"source", NULL};
    char p[ITAV__JSON_PATH_MAX], pf[ITAV__JSON_PATH_MAX];
    const json_t *all = json_object_get(obj, "factors"), *one;
    const char *code, *ref;
    int rc;
    if (!all)
        return ITAV_OK;
    join(p, path, "factors");
    if (!json_is_object(all))
        return problem(d, p, "expected an object keyed by factor code, found %s",
                       type_name(d, all));
    json_object_foreach((json_t *)all, code, one) {
        itav_factor f;
        join(pf, p, code);
        if (itav_factor_from_code(&f, code) != ITAV_OK)
            return problem(d, pf, "unknown factor code \"%s\"", code);
        if ((rc = itav__json_members(d, one, pf, members, 0)) ||
            (rc = ref_member(d, one, pf, "source", &ref)))
            return rc;
        if (itav_intervention_set_factor(iv, f, ref) != ITAV_OK)
            return nomem(d, pf);
    }
    return ITAV_OK;
}

static int cost_array(itav__json_dec *d, const json_t *obj, const char *path,
                      itav__costlist *out); /* with the offers, below */
static int decode_plan(itav__json_dec *d, const json_t *obj, const char *path,
                       itav_plan **slot); /* with the plans, below */
static int decode_access(itav__json_dec *d, const json_t *obj, const char *path,
                         itav_access **slot); /* at the end */

static const char *const intervention_members[] = {"id", "name", "kind", "summary",
    "providers", "municipalities", "regions", "since", "audience", "themes", "setting",
    "scope", "channel", "roles", "phases", "elements", "factors", "evidence_level", "reach",
    "works", "improve", "links", "plan", "sources", "access", "outcomes", "costs", NULL};

int itav__json_decode_intervention(itav__json_dec *d, const json_t *v, const char *path,
                               itav_intervention **out)
{
    const char *id, *name, *summary;
    int kind, setting, scope, channel, evidence, rc;
    long since = 0;
    bool has_since;
    itav_intervention *iv = NULL;
    if ((rc = itav__json_members(d, v, path, intervention_members, 2)) ||
        (rc = id_member(d, v, path, "id", &id)) ||
        (rc = required_text(d, v, path, "name", &name)) ||
        (rc = itav__json_text_member(d, v, path, "summary", &summary)) ||
        (rc = code_member(d, v, path, "kind", ITAV_CODE_KIND, &kind)) ||
        (rc = code_member(d, v, path, "setting", ITAV_CODE_SETTING, &setting)) ||
        (rc = code_member(d, v, path, "scope", ITAV_CODE_SCOPE, &scope)) ||
        (rc = code_member(d, v, path, "channel", ITAV_CODE_CHANNEL, &channel)) ||
        (rc = code_member(d, v, path, "evidence_level", ITAV_CODE_EVIDENCE, &evidence)) ||
        (rc = int_member(d, v, path, "since", 1800, 9999, &has_since, &since)))
        return rc;
    if (itav_intervention_new(&iv, id) != ITAV_OK)
        return nomem(d, path);
    iv->kind = (itav_kind)kind;
    iv->setting = (itav_setting)setting;
    iv->scope = (itav_scope)scope;
    iv->channel = (itav_channel)channel;
    iv->evidence = (itav_evidence)evidence;
    iv->since = (int)since;
    if (itav__set_text(&iv->name, name) || itav__set_text(&iv->summary, summary)) {
        rc = nomem(d, path);
        goto fail;
    }
    static const struct { const char *key; itav_text_list list; } lists[] = {
        {"providers", ITAV_TEXT_PROVIDERS}, {"municipalities", ITAV_TEXT_MUNICIPALITIES},
        {"regions", ITAV_TEXT_REGIONS}, {"phases", ITAV_TEXT_PHASES},
        {"works", ITAV_TEXT_WORKS}, {"improve", ITAV_TEXT_IMPROVE}, {"links", ITAV_TEXT_LINKS}};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        if ((rc = text_array(d, v, path, lists[i].key, &iv->text[lists[i].list])))
            goto fail;
    if ((rc = decode_audience(d, v, path, iv)) ||
        (rc = bits_member(d, v, path, "themes", ITAV_CODE_THEME, &iv->themes)) ||
        (rc = decode_roles(d, v, path, iv)) ||
        (rc = decode_elements(d, v, path, iv)) || (rc = decode_factors(d, v, path, iv)) ||
        (rc = figure_array(d, v, path, "reach", &iv->reach)) ||
        (rc = cost_array(d, v, path, &iv->costs)) ||
        (rc = item_array(d, v, path, "outcomes", N_("outcomes"), outcome_item, iv)) ||
        (rc = decode_plan(d, v, path, &iv->plan)) ||
        (rc = decode_access(d, v, path, &iv->access)) ||
        (rc = sources_member(d, v, path, itav__intervention_fields, &iv->sources)))
        goto fail;
    *out = iv;
    return ITAV_OK;
fail:
    itav_intervention_free(iv);
    return rc;
}

int itav__json_date_member(itav__json_dec *d, const json_t *obj, const char *path,
                           const char *key, int32_t *out)
{
    const char *s;
    *out = ITAV_DATE_NONE;
    int rc = itav__json_text_member(d, obj, path, key, &s);
    if (rc != ITAV_OK || !s)
        return rc;
    if (itav_date_parse(out, s) != ITAV_OK) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, key);
        return problem(d, p, "\"%s\" is not a date (YYYY-MM-DD, years 1900-9999)", s);
    }
    return ITAV_OK;
}

/* An item of "milestones" (see put_milestones()). */
static int milestone_item(itav__json_dec *d, const json_t *v, const char *path, void *of)
{
    static const char *const members[] = {"status", "what", "date", "period", "text",
                                          "source", NULL};
    const char *what, *period, *text, *source;
    int status, rc;
    int32_t date;
    itav_milestone *m;
    if ((rc = itav__json_members(d, v, path, members, 2)) ||
        (rc = code_member(d, v, path, "status", ITAV_CODE_MILESTONE_STATUS, &status)) ||
        (rc = required_text(d, v, path, "what", &what)) ||
        (rc = date_member(d, v, path, "date", &date)) ||
        (rc = itav__json_text_member(d, v, path, "period", &period)) ||
        (rc = itav__json_text_member(d, v, path, "text", &text)) ||
        (rc = ref_member(d, v, path, "source", &source)))
        return rc;
    if (!status) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, "status");
        return problem(d, p, "must not be empty");
    }
    if (date == ITAV_DATE_NONE && !period)
        return problem(d, path, "a milestone needs a \"date\" or a \"period\"");
    rc = itav_milestone_new(&m, (itav_milestone_status)status, date, period, what);
    if (rc != ITAV_OK)
        return nomem(d, path);
    if (itav_milestone_set_text(m, text) || itav_milestone_set_source(m, source) ||
        itav_offer_add_milestone(of, m))
        rc = nomem(d, path);
    itav_milestone_free(m);
    return rc;
}

/* ---- costs (decoder; see encode_cost()): every rule is the model's (cost.c), each
 * refusal names the member it is about ---- */

static int decode_funder(itav__json_dec *d, const json_t *v, const char *path, itav_cost *c)
{
    static const char *const members[] = {"name", "percent", "amount", NULL};
    char qp[ITAV__JSON_PATH_MAX];
    const char *name, *qtext = NULL;
    int qual = 0, rc;
    double min = 0, max = 0;
    itav_share_kind kind = ITAV_SHARE_NONE;
    if ((rc = itav__json_members(d, v, path, members, 1)) ||
        (rc = required_text(d, v, path, "name", &name)))
        return rc;
    bool percent = json_object_get(v, "percent"), amount = json_object_get(v, "amount");
    if (percent && amount)
        return problem(d, path, "a share is \"percent\" or \"amount\", not both");
    if (percent || amount) {
        kind = percent ? ITAV_SHARE_PERCENT : ITAV_SHARE_AMOUNT;
        if ((rc = decode_quantity_at(d, v, path, percent ? "percent" : "amount", qp, &qual,
                                     &min, &max, &qtext)))
            return rc;
        if (qual == ITAV_QTY_TEXT || qtext)
            return problem(d, qp, "a share is a number without \"text\"");
        if (min < 0 || (percent && max > 100))
            return problem(d, qp, "%g is out of range (%s)", min < 0 ? min : max,
                           word(d, percent ? N_("0 to 100 percent") : N_("0 or more")));
    }
    rc = itav_cost_add_funder(c, name, kind, (itav_qualifier)qual, min, max);
    if (rc == ITAV_EINVAL)
        return problem(d, path, "the percent shares of this cost add up to more than 100");
    return rc == ITAV_OK ? ITAV_OK : nomem(d, path);
}

static int decode_cost(itav__json_dec *d, const json_t *v, const char *path, itav__costlist *out)
{
    static const char *const members[] = {"what", "amount", "unit", "currency", "from", "to",
                                          "funders", "note", "source", NULL};
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX], qp[ITAV__JSON_PATH_MAX];
    const char *what, *qtext = NULL, *currency, *note, *source;
    int qual = 0, unit, rc;
    int32_t from, to;
    double min = NAN, max = NAN;
    itav_cost *c = NULL;
    if ((rc = itav__json_members(d, v, path, members, 1)) ||
        (rc = required_text(d, v, path, "what", &what)) ||
        (json_object_get(v, "amount") &&
         (rc = decode_quantity_at(d, v, path, "amount", qp, &qual, &min, &max, &qtext))) ||
        (rc = code_member(d, v, path, "unit", ITAV_CODE_COST_UNIT, &unit)) ||
        (rc = itav__json_text_member(d, v, path, "currency", &currency)) ||
        (rc = date_member(d, v, path, "from", &from)) ||
        (rc = date_member(d, v, path, "to", &to)) ||
        (rc = itav__json_text_member(d, v, path, "note", &note)) ||
        (rc = ref_member(d, v, path, "source", &source)))
        return rc;
    if (qual && qual != ITAV_QTY_TEXT && min < 0)
        return problem(d, qp, "an amount is 0 or more, not %g", min);
    if (qual && qual != ITAV_QTY_TEXT && !unit) {
        join(p, path, "unit");
        return problem(d, p, "an amount needs a unit");
    }
    if (!qual && unit) {
        join(p, path, "unit");
        return problem(d, p, "a unit needs an amount");
    }
    if (from != ITAV_DATE_NONE && to != ITAV_DATE_NONE && to < from) {
        join(p, path, "to");
        return problem(d, p, "the period ends before it starts");
    }
    if ((rc = itav_cost_new(&c, what)) != ITAV_OK)
        return nomem(d, path);
    if (currency && itav_cost_set_currency(c, currency) != ITAV_OK) {
        join(p, path, "currency");
        rc = problem(d, p, "\"%s\" is not a currency code of three capital letters (\"EUR\")",
                     currency);
        goto done;
    }
    if (itav_cost_set_amount(c, (itav_qualifier)qual, min, max, qtext, (itav_cost_unit)unit) ||
        itav_cost_set_period(c, from, to) || itav_cost_set_note(c, note) ||
        itav_cost_set_source(c, source)) {
        rc = nomem(d, path);
        goto done;
    }
    const json_t *a = json_object_get(v, "funders");
    join(p, path, "funders");
    if (a && !json_is_array(a)) {
        rc = problem(d, p, "expected an array of funders, found %s", type_name(d, a));
        goto done;
    }
    for (size_t i = 0; a && i < json_array_size(a); i++) {
        join_index(pi, p, i);
        if ((rc = decode_funder(d, json_array_get(a, i), pi, c)))
            goto done;
    }
    if (itav__costlist_add(out, c) != ITAV_OK)
        rc = nomem(d, path);
done:
    itav_cost_free(c);
    return rc;
}

static int cost_array(itav__json_dec *d, const json_t *obj, const char *path,
                      itav__costlist *out)
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(obj, "costs");
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, "costs");
    if (!json_is_array(a))
        return problem(d, p, "expected an array of costs, found %s", type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        join_index(pi, p, i);
        if ((rc = decode_cost(d, json_array_get(a, i), pi, out)))
            return rc;
    }
    return ITAV_OK;
}

static const char *const offer_members[] = {"id", "intervention", "name", "municipalities",
    "region", "provider", "start", "end", "contact", "programme", "targets", "reach", "plan",
    "sources", "access", "milestones", "capacity", "costs", NULL};

int itav__json_decode_offer(itav__json_dec *d, const json_t *v, const char *path, itav_offer **out)
{
    const char *id, *intervention, *name, *region, *provider, *contact, *programme = NULL;
    int32_t start, end;
    itav_offer *of = NULL;
    int rc;
    if ((rc = itav__json_members(d, v, path, offer_members, 2)) ||
        (rc = id_member(d, v, path, "id", &id)) ||
        (rc = id_member(d, v, path, "intervention", &intervention)) ||
        (rc = itav__json_text_member(d, v, path, "name", &name)) ||
        (rc = itav__json_text_member(d, v, path, "region", &region)) ||
        (rc = itav__json_text_member(d, v, path, "provider", &provider)) ||
        (rc = itav__json_text_member(d, v, path, "contact", &contact)) ||
        (json_object_get(v, "programme") &&
         (rc = id_member(d, v, path, "programme", &programme))) ||
        (rc = date_member(d, v, path, "start", &start)) ||
        (rc = date_member(d, v, path, "end", &end)))
        return rc;
    if (start != ITAV_DATE_NONE && end != ITAV_DATE_NONE && end < start) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, "end");
        return problem(d, p, "the end is before the start");
    }
    if (itav_offer_new(&of, id, intervention) != ITAV_OK)
        return nomem(d, path);
    of->start = start;
    of->end = end;
    if (itav__set_text(&of->name, name) || itav__set_text(&of->region, region) ||
        itav__set_text(&of->provider, provider) || itav__set_text(&of->contact, contact) ||
        itav__set_text(&of->programme, programme)) {
        rc = nomem(d, path);
        goto fail;
    }
    if ((rc = text_array(d, v, path, "municipalities", &of->municipalities)) ||
        (rc = figure_array(d, v, path, "targets", &of->targets)) ||
        (rc = figure_array(d, v, path, "reach", &of->reach)) ||
        (rc = figure_array(d, v, path, "capacity", &of->capacity)) ||
        (rc = cost_array(d, v, path, &of->costs)) ||
        (rc = item_array(d, v, path, "milestones", N_("milestones"), milestone_item, of)) ||
        (rc = decode_plan(d, v, path, &of->plan)) ||
        (rc = decode_access(d, v, path, &of->access)) ||
        (rc = sources_member(d, v, path, itav__offer_fields, &of->sources)))
        goto fail;
    *out = of;
    return ITAV_OK;
fail:
    itav_offer_free(of);
    return rc;
}

/* Parses text as JSON; a syntax error becomes "NAME:LINE:COLUMN: message". */
/* ---- plans (decoder) ---- */

static int decode_criteria(itav__json_dec *d, const json_t *a, const char *path, long *out)
{
    char pi[ITAV__JSON_PATH_MAX], expected[128] = "";
    *out = 0;
    for (int c = 1; c <= ITAV_CRITERION_COUNT; c++) {
        strcat(expected, c > 1 ? ", " : "");
        strcat(expected, itav_code_name(ITAV_CODE_CRITERION, c));
    }
    if (!json_is_array(a) || !json_array_size(a))
        return problem(d, path, "expected a non-empty array of criteria (%s), found %s",
                       expected,
                       json_is_array(a) ? word(d, N_("an empty array")) : type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        int c;
        join_index(pi, path, i);
        if (!json_is_string(v) ||
            itav_code_parse(&c, ITAV_CODE_CRITERION, json_string_value(v)) != ITAV_OK)
            return problem(d, pi, "unknown criterion (expected one of: %s)", expected);
        if (*out & (1L << c))
            return problem(d, pi, "\"%s\" is listed twice", json_string_value(v));
        *out |= 1L << c;
    }
    return ITAV_OK;
}

static int decode_plan_value(itav__json_dec *d, const json_t *v, const char *path, int field,
                             long *out)
{
    long lo = 0, hi = 0;
    if (field == ITAV_PLAN_CRITERIA)
        return decode_criteria(d, v, path, out);
    if (plan_flag(field)) {
        if (!json_is_boolean(v))
            return problem(d, path, "expected true or false, found %s", type_name(d, v));
        *out = json_is_true(v);
        return ITAV_OK;
    }
    if (!json_is_integer(v))
        return problem(d, path, "expected an integer, found %s", type_name(d, v));
    itav__plan_range((itav_plan_field)field, &lo, &hi);
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return problem(d, path, "%lld is out of range (%ld to %ld)", (long long)x, lo, hi);
    *out = (long)x;
    return ITAV_OK;
}

static int decode_plan_sources(itav__json_dec *d, const json_t *s, const char *path,
                               itav_plan *plan)
{
    char pk[ITAV__JSON_PATH_MAX];
    const char *key;
    json_t *v;
    if (!json_is_object(s))
        return problem(d, path, "expected an object, found %s", type_name(d, s));
    json_object_foreach((json_t *)s, key, v) {
        int f;
        join(pk, path, key);
        if (itav_code_parse(&f, ITAV_CODE_PLAN_FIELD, key) != ITAV_OK)
            return problem(d, pk, "\"%s\" is not a plan field", key);
        if (plan->value[f] == ITAV_PLAN_UNSET)
            return problem(d, pk, "the plan gives no \"%s\" to cite", key);
        if (!json_is_string(v) || !itav__valid_ref(json_string_value(v)))
            return problem(d, pk, "expected a source reference like \"001:L373-380\"");
        if (itav_plan_set_source(plan, (itav_plan_field)f, json_string_value(v)) != ITAV_OK)
            return nomem(d, pk);
    }
    return ITAV_OK;
}

/* Decodes the member "plan" of obj, if there is one, into *slot. */
static int decode_plan(itav__json_dec *d, const json_t *obj, const char *path, itav_plan **slot)
{
    static const char *const members[] = {"trial", "trial_months", "review_months",
        "max_months", "max_distance_m", "vog", "vog_valid_months", "training", "criteria",
        "final_review", "proposal_days", "sources", NULL};
    char p[ITAV__JSON_PATH_MAX], pf[ITAV__JSON_PATH_MAX];
    const json_t *v = json_object_get(obj, "plan");
    itav_plan *plan;
    int rc;
    if (!v)
        return ITAV_OK;
    join(p, path, "plan");
    if ((rc = itav__json_members(d, v, p, members, 0)))
        return rc;
    if (itav_plan_new(&plan) != ITAV_OK)
        return nomem(d, p);
    for (int f = 1; rc == ITAV_OK && f <= ITAV_PLAN_FIELD_COUNT; f++) {
        const char *name = itav_code_name(ITAV_CODE_PLAN_FIELD, f);
        const json_t *fv = json_object_get(v, name);
        join(pf, p, name);
        if (fv)
            rc = decode_plan_value(d, fv, pf, f, &plan->value[f]);
    }
    if (rc == ITAV_OK && json_object_get(v, "sources")) {
        join(pf, p, "sources");
        rc = decode_plan_sources(d, json_object_get(v, "sources"), pf, plan);
    }
    if (rc == ITAV_OK && itav__plan_replace(slot, plan) != ITAV_OK)
        rc = nomem(d, p);
    itav_plan_free(plan);
    return rc;
}

/* ---- participants (decoder) ---- */

static const char *const participant_members[] = {"ref", "offer", "kind", "status",
    "status_date", "municipality", "postcode", "location", "availability", "support",
    "languages", "language_required", "interests", "children", "age_range", "vog_date",
    "trained", "capacity", "registered", "max_distance_m", "exclusions", NULL};

/* A member that must be true or false; *out is 0 when it is missing. */
static int participant_flag(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                            int *out)
{
    char p[ITAV__JSON_PATH_MAX];
    const json_t *v = json_object_get(obj, key);
    *out = json_is_true(v);
    join(p, path, key);
    return !v || json_is_boolean(v) ? ITAV_OK
                                    : problem(d, p, "expected true or false, found %s",
                                              type_name(d, v));
}

/* An array of single-bit codes of one type, or-ed into *out; expected says which codes. */
static int participant_bits(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                            itav_code_type type, const char *expected, unsigned long *out)
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(obj, key);
    *out = 0;
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of codes, found %s", type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        int bit;
        join_index(pi, p, i);
        if (!json_is_string(v))
            return problem(d, pi, "expected a string, found %s", type_name(d, v));
        if (itav_code_parse(&bit, type, json_string_value(v)) != ITAV_OK)
            return problem(d, pi, "unknown code \"%s\" (expected %s)", json_string_value(v),
                           expected);
        *out |= (unsigned long)bit;
    }
    return ITAV_OK;
}

/* An array of strings, each given to a participant setter; what says what the setter
 * accepts, for the message when it refuses one. Both what and key (which names the list in
 * "more than N ...") are marked N_() and worded in d's language. */
static int participant_items(itav__json_dec *d, const json_t *obj, const char *path,
                             const char *key, itav_participant *pt,
                             int (*add)(itav_participant *, const char *), const char *what,
                             int max)
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(obj, key);
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of strings, found %s", type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        join_index(pi, p, i);
        if (!json_is_string(v))
            return problem(d, pi, "expected a string, found %s", type_name(d, v));
        if (strlen(json_string_value(v)) != json_string_length(v))
            return problem(d, pi, "text contains a NUL character");
        int rc = add(pt, json_string_value(v));
        if (rc == ITAV_EINVAL)
            return problem(d, pi, "\"%s\" is not %s", json_string_value(v), word(d, what));
        if (rc == ITAV_ERANGE)
            return problem(d, p, "more than %d %s (the most a participant can list)", max,
                           word(d, key));
        if (rc != ITAV_OK)
            return nomem(d, pi);
    }
    return ITAV_OK;
}

static int decode_participant_location(itav__json_dec *d, const json_t *v, const char *path,
                                       itav_participant *pt)
{
    static const char *const members[] = {"lat", "lon", NULL};
    char p[ITAV__JSON_PATH_MAX], pc[ITAV__JSON_PATH_MAX];
    const json_t *loc = json_object_get(v, "location");
    double lat, lon;
    int rc;
    if (!loc)
        return ITAV_OK;
    join(p, path, "location");
    if ((rc = itav__json_members(d, loc, p, members, 2)) ||
        (rc = number_member(d, loc, p, "lat", &lat)) ||
        (rc = number_member(d, loc, p, "lon", &lon)))
        return rc;
    if (!(lat >= -90 && lat <= 90)) {
        join(pc, p, "lat");
        return problem(d, pc, "latitude %g is out of range (-90 to 90)", lat);
    }
    if (!(lon >= -180 && lon <= 180)) {
        join(pc, p, "lon");
        return problem(d, pc, "longitude %g is out of range (-180 to 180)", lon);
    }
    return itav_participant_set_location(pt, lat, lon) == ITAV_OK ? ITAV_OK : nomem(d, p);
}

static int decode_participant_ages(itav__json_dec *d, const json_t *v, const char *path,
                                   itav_participant *pt)
{
    static const char *const members[] = {"min", "max", NULL};
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(v, "children"), *range = json_object_get(v, "age_range");
    long min, max;
    bool present;
    int rc;
    if (a) {
        join(p, path, "children");
        if (!json_is_array(a))
            return problem(d, p, "expected an array of ages in months, found %s", type_name(d, a));
        if (json_array_size(a) > ITAV_CHILDREN_MAX)
            return problem(d, p, "more than %d children", ITAV_CHILDREN_MAX);
        for (size_t i = 0; i < json_array_size(a); i++) {
            const json_t *c = json_array_get(a, i);
            join_index(pi, p, i);
            if (!json_is_integer(c))
                return problem(d, pi, "expected an integer, found %s", type_name(d, c));
            if (itav_participant_add_child(pt, (int32_t)json_integer_value(c)) != ITAV_OK)
                return problem(d, pi, "%lld is out of range (0 to 300 months)",
                               (long long)json_integer_value(c));
        }
    }
    if (!range)
        return ITAV_OK;
    join(p, path, "age_range");
    if ((rc = itav__json_members(d, range, p, members, 2)) ||
        (rc = int_member(d, range, p, "min", 0, 300, &present, &min)) ||
        (rc = int_member(d, range, p, "max", 0, 300, &present, &max)))
        return rc;
    if (max < min)
        return problem(d, p, "min %ld is greater than max %ld", min, max);
    return itav_participant_set_age_range(pt, (int32_t)min, (int32_t)max) == ITAV_OK
               ? ITAV_OK
               : nomem(d, p);
}

/* Checks that status, side and reference agree: only erased participants have an erased
 * reference, and waiting/available belong to one side each. */
static int check_participant_status(itav__json_dec *d, const char *path, const itav_participant *pt)
{
    char p[ITAV__JSON_PATH_MAX];
    itav_side side = itav__kind_side(pt->kind);
    const char *status = itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, pt->status);
    join(p, path, "status");
    if ((pt->status == ITAV_PSTATUS_ERASED) != itav__is_erased_ref(pt->ref))
        return pt->status == ITAV_PSTATUS_ERASED
                   ? problem(d, p, "an erased participant has a reference \"%sN\"",
                             ITAV__ERASED_PREFIX)
                   : problem(d, p, "\"%s\" is the reference of an erased participant, but the "
                                   "status is %s", pt->ref, status);
    if (pt->status == ITAV_PSTATUS_WAITING && side != ITAV_SIDE_ASKING)
        return problem(d, p, "waiting is for the asking side only (use available)");
    if (pt->status == ITAV_PSTATUS_AVAILABLE && side != ITAV_SIDE_SUPPORTING)
        return problem(d, p, "available is for the supporting side only (use waiting)");
    return ITAV_OK;
}

int itav__json_decode_participant(itav__json_dec *d, const json_t *v, const char *path,
                                  itav_participant **out)
{
    const char *ref, *offer, *municipality, *postcode;
    char p[ITAV__JSON_PATH_MAX];
    int kind, status, trained, language_required, rc;
    int32_t status_date, vog_date, registered;
    unsigned long availability, support;
    long capacity = 1;
    bool has_capacity;
    itav_participant *pt = NULL;
    if ((rc = itav__json_members(d, v, path, participant_members, 4)) ||
        (rc = required_text(d, v, path, "ref", &ref)))
        return rc;
    bool erased = itav__is_erased_ref(ref);
    if (!erased && !itav__valid_participant_ref(ref)) {
        join(p, path, "ref");
        return problem(d, p, "\"%s\" is not a valid reference (1-64 of A-Z, a-z, 0-9, '.', '_' "
                             "and '-', starting with a letter or digit)", ref);
    }
    if ((rc = id_member(d, v, path, "offer", &offer)) ||
        (rc = code_member(d, v, path, "kind", ITAV_CODE_PARTICIPANT_KIND, &kind)) ||
        (rc = code_member(d, v, path, "status", ITAV_CODE_PARTICIPANT_STATUS, &status)) ||
        (rc = date_member(d, v, path, "status_date", &status_date)) ||
        (rc = itav__json_text_member(d, v, path, "municipality", &municipality)) ||
        (rc = itav__json_text_member(d, v, path, "postcode", &postcode)) ||
        (rc = participant_bits(d, v, path, "availability", ITAV_CODE_SLOT,
                               "mon_morning, mon_afternoon, mon_evening, ... sun_evening",
                               &availability)) ||
        (rc = participant_bits(d, v, path, "support", ITAV_CODE_SUPPORT,
                               "daytime_care, sleepover, accompany, homework, listening_ear, "
                               "practical_help, activities, parenting or wayfinding",
                               &support)) ||
        (rc = participant_flag(d, v, path, "language_required", &language_required)) ||
        (rc = date_member(d, v, path, "vog_date", &vog_date)) ||
        (rc = participant_flag(d, v, path, "trained", &trained)) ||
        (rc = int_member(d, v, path, "capacity", 1, 100, &has_capacity, &capacity)) ||
        (rc = date_member(d, v, path, "registered", &registered)))
        return rc;
    if (!kind || !status) {
        join(p, path, kind ? "status" : "kind");
        return problem(d, p, "must not be empty");
    }
    /* The object is made with a stand-in for an erased reference, which
     * itav_participant_new() refuses by design. */
    if (itav_participant_new(&pt, erased ? "erased" : ref, offer,
                             (itav_participant_kind)kind) != ITAV_OK ||
        (erased && itav__set_text(&pt->ref, ref) != ITAV_OK))
        goto nomemory;
    pt->status = (itav_participant_status)status;
    pt->status_date = status_date;
    pt->vog_date = vog_date;
    pt->registered = registered;
    pt->availability = (uint32_t)availability;
    pt->support = (unsigned)support;
    pt->language_required = language_required;
    pt->trained = trained;
    if ((rc = check_participant_status(d, path, pt)))
        goto fail;
    if (itav_participant_set_capacity(pt, (int)capacity) != ITAV_OK) {
        join(p, path, "capacity");
        rc = problem(d, p, "the asking side has capacity 1");
        goto fail;
    }
    if (itav_participant_set_municipality(pt, municipality) != ITAV_OK)
        goto nomemory;
    if (itav_participant_set_postcode(pt, postcode) != ITAV_OK) {
        join(p, path, "postcode");
        rc = problem(d, p, "\"%s\" is not a postcode area (four digits, the first not 0)",
                     postcode);
        goto fail;
    }
    const json_t *dist = json_object_get(v, "max_distance_m");
    if (dist) {
        join(p, path, "max_distance_m");
        if (!json_is_number(dist))
            rc = problem(d, p, "expected a number, found %s", type_name(d, dist));
        else if (itav_participant_set_max_distance(pt, json_number_value(dist)) != ITAV_OK)
            rc = problem(d, p, "%g is out of range (0 to 20000000 metres)",
                         json_number_value(dist));
        if (rc)
            goto fail;
    }
    if ((rc = decode_participant_location(d, v, path, pt)) ||
        (rc = decode_participant_ages(d, v, path, pt)) ||
        (rc = participant_items(d, v, path, N_("languages"), pt, itav_participant_add_language,
                                N_("an ISO 639-1 or ISO 639-3 language code (two or three "
                                   "lower-case letters)"),
                                ITAV_LANGUAGES_MAX)) ||
        (rc = participant_items(d, v, path, N_("interests"), pt, itav_participant_add_interest,
                                N_("an interest tag (lower-case letters, digits and single "
                                   "hyphens)"),
                                ITAV_INTERESTS_MAX)) ||
        (rc = participant_items(d, v, path, N_("exclusions"), pt, itav_participant_add_exclusion,
                                N_("another participant's reference"), ITAV_EXCLUSIONS_MAX)))
        goto fail;
    *out = pt;
    return ITAV_OK;
nomemory:
    rc = nomem(d, path);
fail:
    itav_participant_free(pt);
    return rc;
}

/* ---- matches (decoder) ---- */

static const char *const match_members[] = {"id", "offer", "asking", "supporting", "state",
    "trail", "score", "previous", "reason", NULL};

/* A participant reference: a host's own or one erasure gave. */
static int match_party(itav__json_dec *d, const json_t *obj, const char *path, const char *key,
                       const char **out)
{
    int rc = required_text(d, obj, path, key, out);
    if (rc == ITAV_OK && !itav__valid_participant_ref(*out) && !itav__is_erased_ref(*out)) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, key);
        return problem(d, p, "\"%s\" is not a valid participant reference", *out);
    }
    return rc;
}

/* One entry of the trail, checked against the entry before it (none for the first). */
static int match_transition(itav__json_dec *d, const json_t *v, const char *path, itav_match *m)
{
    static const char *const members[] = {"state", "date", "actor", "note", NULL};
    char p[ITAV__JSON_PATH_MAX];
    const char *note;
    int state, actor, rc;
    int32_t date;
    if ((rc = itav__json_members(d, v, path, members, 3)) ||
        (rc = code_member(d, v, path, "state", ITAV_CODE_MATCH_STATE, &state)) ||
        (rc = date_member(d, v, path, "date", &date)) ||
        (rc = code_member(d, v, path, "actor", ITAV_CODE_ACTOR, &actor)) ||
        (rc = itav__json_text_member(d, v, path, "note", &note)))
        return rc;
    if (!state || !actor || date == ITAV_DATE_NONE)
        return problem(d, path, "state, date and actor must not be empty");
    join(p, path, "state");
    if (!m->ntrail && state != ITAV_MATCH_PROPOSED)
        return problem(d, p, "the trail starts with \"proposed\", not \"%s\"",
                       itav_code_name(ITAV_CODE_MATCH_STATE, state));
    if (m->ntrail && !itav_match_move_legal(m->state, (itav_match_state)state, 0) &&
        !itav_match_move_legal(m->state, (itav_match_state)state, 1))
        return problem(d, p, "\"%s\" cannot follow \"%s\"",
                       itav_code_name(ITAV_CODE_MATCH_STATE, state),
                       itav_code_name(ITAV_CODE_MATCH_STATE, m->state));
    if (m->ntrail && date < m->trail[m->ntrail - 1].date) {
        join(p, path, "date");
        return problem(d, p, "before the date of the entry before it");
    }
    if (itav__match_add_transition(m, (itav_match_state)state, date, (itav_actor)actor, note))
        return nomem(d, path);
    return ITAV_OK;
}

int itav__json_decode_match(itav__json_dec *d, const json_t *v, const char *path, itav_match **out)
{
    const char *id, *offer, *asking, *supporting, *previous = NULL;
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    int state, reason, rc;
    itav_match *m = NULL;
    if ((rc = itav__json_members(d, v, path, match_members, 6)) ||
        (rc = id_member(d, v, path, "id", &id)) || (rc = id_member(d, v, path, "offer", &offer)) ||
        (rc = match_party(d, v, path, "asking", &asking)) ||
        (rc = match_party(d, v, path, "supporting", &supporting)) ||
        (rc = code_member(d, v, path, "state", ITAV_CODE_MATCH_STATE, &state)) ||
        (json_object_get(v, "previous") && (rc = id_member(d, v, path, "previous", &previous))) ||
        (rc = code_member(d, v, path, "reason", ITAV_CODE_END_REASON, &reason)))
        return rc;
    if (strcmp(asking, supporting) == 0) {
        join(p, path, "supporting");
        return problem(d, p, "the same participant as \"asking\"");
    }
    const json_t *score = json_object_get(v, "score"), *trail = json_object_get(v, "trail");
    join(p, path, "score");
    if (score && (!json_is_number(score) || json_number_value(score) < 0 ||
                  json_number_value(score) > 1))
        return problem(d, p, "expected a number from 0 to 1");
    join(p, path, "trail");
    if (!json_is_array(trail) || !json_array_size(trail))
        return problem(d, p, "expected a non-empty array of moves");
    if (itav__match_new(&m, id, offer, asking, supporting) != ITAV_OK ||
        (previous && !(m->previous = itav__strdup(previous)))) {
        itav_match_free(m);
        return nomem(d, path);
    }
    m->score = score ? json_number_value(score) : -1;
    m->reason = (itav_end_reason)reason;
    for (size_t i = 0; i < json_array_size(trail); i++) {
        join_index(pi, p, i);
        if ((rc = match_transition(d, json_array_get(trail, i), pi, m)))
            goto fail;
    }
    join(p, path, "state");
    if (state != (int)m->state) {
        rc = problem(d, p, "\"%s\" is not the state of the last move (\"%s\")",
                     state ? itav_code_name(ITAV_CODE_MATCH_STATE, state) : "",
                     itav_code_name(ITAV_CODE_MATCH_STATE, m->state));
        goto fail;
    }
    join(p, path, "reason");
    if ((m->state == ITAV_MATCH_DECLINED || m->state == ITAV_MATCH_ENDED_EARLY) != (reason != 0)) {
        rc = problem(d, p, reason ? "only a declined or ended_early match has a reason"
                                  : "a declined or ended_early match needs a reason");
        goto fail;
    }
    *out = m;
    return ITAV_OK;
fail:
    itav_match_free(m);
    return rc;
}

/* Whether a failed jansson load ran out of memory: most of jansson's allocation failures
 * set no error text (nor code) at all, and every syntax error sets one. */
bool itav__json_load_nomem(const json_error_t *e)
{
    return !e->text[0] || json_error_code(e) == json_error_out_of_memory;
}

/* jansson reports a failed allocation of a string token as a syntax error. A real syntax
 * error is there again, at the same place, when the text is parsed a second time. */
bool itav__json_same_error(const json_error_t *a, const json_error_t *b)
{
    return !itav__json_load_nomem(b) && a->position == b->position && strcmp(a->text, b->text) == 0;
}

/* Parses into *out; ITAV_EFORMAT (the message names the place) or ITAV_ENOMEM. */
int itav__json_parse(json_t **out, itav__json_dec *d, const char *json, size_t size,
                     const char *name)
{
    json_error_t e, again;
    *out = json_loadb(json, size, JSON_REJECT_DUPLICATES, &e);
    if (!*out && !itav__json_load_nomem(&e)) {
        *out = json_loadb(json, size, JSON_REJECT_DUPLICATES, &again);
        if (!*out && !itav__json_same_error(&e, &again))
            e.text[0] = '\0'; /* not a syntax error: memory ran out */
    }
    if (*out)
        return ITAV_OK;
    if (itav__json_load_nomem(&e)) {
        snprintf(d->err, d->errsize, "%s: %s", name, word(d, N_("out of memory")));
        return ITAV_ENOMEM;
    }
    snprintf(d->err, d->errsize, "%s:%d:%d: %s", name, e.line, e.column, e.text);
    return ITAV_EFORMAT;
}

/* ======================================================================================
 * Public record functions
 * ====================================================================================== */

ITAV_API int itav_intervention_to_json(char **out, const itav_intervention *iv)
{
    if (!out || !iv)
        return ITAV_EINVAL;
    return itav__json_intervention_text(out, iv, true);
}

ITAV_API int itav_offer_to_json(char **out, const itav_offer *of)
{
    if (!out || !of)
        return ITAV_EINVAL;
    return itav__json_offer_text(out, of, true);
}

ITAV_API int itav_intervention_from_json(itav_intervention **out, itav_db *db,
                                         const char *json)
{
    char err[512];
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the intervention given");
    if (!json)
        return itav__error(db, ITAV_EINVAL, "no JSON text given");
    int rc = itav__json_intervention_parse(out, json, strlen(json), err, sizeof err, db);
    return rc == ITAV_OK ? rc : itav__error(db, rc, "%s", err);
}

ITAV_API int itav_offer_from_json(itav_offer **out, itav_db *db, const char *json)
{
    char err[512];
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the offer given");
    if (!json)
        return itav__error(db, ITAV_EINVAL, "no JSON text given");
    int rc = itav__json_offer_parse(out, json, strlen(json), err, sizeof err, db);
    return rc == ITAV_OK ? rc : itav__error(db, rc, "%s", err);
}

/* The itav/1 text of one record of a kind, and a record from such text:
 * itav__json_<kind>_text() and itav__json_<kind>_parse() over itav__json_encode_<kind>() and
 * itav__json_decode_<kind>(). */
#define JSON_TEXT(kind, type)                                                                 \
    int itav__json_##kind##_text(char **out, const type *obj, bool pretty)                    \
    {                                                                                         \
        return itav__json_dump(out, itav__json_encode_##kind(obj), pretty);                   \
    }                                                                                         \
    int itav__json_##kind##_parse(type **out, const char *json, size_t size, char *err,       \
                                  size_t errsize, const itav_db *db)                          \
    {                                                                                         \
        itav__json_dec d = {err, errsize, db};                                                \
        json_t *v;                                                                            \
        int rc = itav__json_parse(&v, &d, json, size, "<record>");                            \
        if (rc != ITAV_OK)                                                                    \
            return rc;                                                                        \
        rc = itav__json_decode_##kind(&d, v, "$", out);                                       \
        json_decref(v);                                                                       \
        return rc;                                                                            \
    }

JSON_TEXT(intervention, itav_intervention)
JSON_TEXT(offer, itav_offer)

/* ---- participants (record codec and public JSON functions) ---- */

JSON_TEXT(participant, itav_participant)

ITAV_API int itav_participant_to_json(char **out, const itav_participant *p)
{
    if (!out || !p)
        return ITAV_EINVAL;
    return itav__json_participant_text(out, p, true);
}

ITAV_API int itav_participant_from_json(itav_participant **out, itav_db *db, const char *json)
{
    char err[512];
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the participant given");
    if (!json)
        return itav__error(db, ITAV_EINVAL, "no JSON text given");
    int rc = itav__json_participant_parse(out, json, strlen(json), err, sizeof err, db);
    return rc == ITAV_OK ? rc : itav__error(db, rc, "%s", err);
}

/* ---- matches (record codec and public JSON functions) ---- */

JSON_TEXT(match, itav_match)

ITAV_API int itav_match_to_json(char **out, const itav_match *m)
{
    if (!out || !m)
        return ITAV_EINVAL;
    return itav__json_match_text(out, m, true);
}

/* ---- reviews (record codec) ---- */
/* itav__json_encode_review() and itav__json_decode_review(), in the pattern of the match codec. */
json_t *itav__json_encode_review(const itav_review *r)
{
    json_t *o = json_object(), *effects = json_object();
    bool ok =
        o && effects && itav__json_put_text(o, "id", r->id) &&
        itav__json_put_text(o, "match", r->match) && itav__json_put_text(o, "offer", r->offer) &&
        itav__json_put_code(o, "kind", ITAV_CODE_REVIEW_KIND, r->kind) &&
        put_date(o, "date", r->date) &&
        itav__json_put_code(o, "respondent", ITAV_CODE_RESPONDENT, r->respondent) &&
        (!r->satisfaction || itav__json_put(o, "satisfaction", json_integer(r->satisfaction))) &&
        (!r->safety || itav__json_put(o, "safety_concern", json_true())) &&
        itav__json_put_text(o, "safety_note", r->safety_note);
    for (int e = 1; ok && e <= ITAV_EFFECT_COUNT; e++)
        if (r->effect[e] != ITAV_EFFECT_UNKNOWN)
            ok = itav__json_put(effects, itav_code_name(ITAV_CODE_EFFECT, e),
                                json_integer(r->effect[e]));
    ok = ok && (!json_object_size(effects) || itav__json_attach(o, "effects", &effects)) &&
         itav__json_put_code(o, "formal_help", ITAV_CODE_FORMAL_HELP, r->help) &&
         itav__json_put_text(o, "note", r->note);
    json_decref(effects);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static const char *const review_members[] = {"id", "match", "offer", "kind", "date",
    "respondent", "satisfaction", "safety_concern", "safety_note", "effects", "formal_help",
    "note", NULL};

/* The member "effects": known scores by effect code, each -2 to +2. */
static int review_effects(itav__json_dec *d, const json_t *obj, const char *path, itav_review *r)
{
    char p[ITAV__JSON_PATH_MAX], pe[ITAV__JSON_PATH_MAX];
    const json_t *v = json_object_get(obj, "effects"), *score;
    const char *key;
    if (!v)
        return ITAV_OK;
    join(p, path, "effects");
    if (!json_is_object(v))
        return problem(d, p, "expected an object of effect scores, found %s", type_name(d, v));
    json_object_foreach((json_t *)v, key, score) {
        int effect;
        char expected[256];
        join(pe, p, key);
        if (itav_code_parse(&effect, ITAV_CODE_EFFECT, key) != ITAV_OK) {
            code_list(expected, sizeof expected, ITAV_CODE_EFFECT);
            return problem(d, pe, "unknown effect \"%s\" (expected one of: %s)", key,
                           expected);
        }
        if (!json_is_integer(score) || json_integer_value(score) < -2 ||
            json_integer_value(score) > 2)
            return problem(d, pe, "expected an integer from -2 to 2 (leave an unknown score "
                                  "out)");
        r->effect[effect] = (signed char)json_integer_value(score);
    }
    return ITAV_OK;
}

int itav__json_decode_review(itav__json_dec *d, const json_t *v, const char *path,
                             itav_review **out)
{
    const char *id, *match, *offer, *safety_note, *note;
    char p[ITAV__JSON_PATH_MAX];
    int kind, respondent, help, rc;
    long satisfaction = 0;
    bool present;
    int32_t date;
    itav_review *r = NULL;
    *out = NULL;
    if ((rc = itav__json_members(d, v, path, review_members, 6)) ||
        (rc = id_member(d, v, path, "id", &id)) || (rc = id_member(d, v, path, "match", &match)) ||
        (rc = id_member(d, v, path, "offer", &offer)) ||
        (rc = code_member(d, v, path, "kind", ITAV_CODE_REVIEW_KIND, &kind)) ||
        (rc = date_member(d, v, path, "date", &date)) ||
        (rc = code_member(d, v, path, "respondent", ITAV_CODE_RESPONDENT, &respondent)) ||
        (rc = int_member(d, v, path, "satisfaction", 1, 10, &present, &satisfaction)) ||
        (rc = itav__json_text_member(d, v, path, "safety_note", &safety_note)) ||
        (rc = code_member(d, v, path, "formal_help", ITAV_CODE_FORMAL_HELP, &help)) ||
        (rc = itav__json_text_member(d, v, path, "note", &note)))
        return rc;
    if (!kind || !respondent || date == ITAV_DATE_NONE)
        return problem(d, path, "kind, date and respondent must not be empty");
    const json_t *concern = json_object_get(v, "safety_concern");
    join(p, path, "safety_concern");
    if (concern && !json_is_boolean(concern))
        return problem(d, p, "expected true or false, found %s", type_name(d, concern));
    if (safety_note && !json_is_true(concern)) {
        join(p, path, "safety_note");
        return problem(d, p, "a note without a safety concern (\"safety_concern\": true)");
    }
    if (itav_review_new(&r, (itav_review_kind)kind, date, (itav_respondent)respondent) ||
        !(r->id = itav__strdup(id)) || !(r->match = itav__strdup(match)) ||
        !(r->offer = itav__strdup(offer)) ||
        itav_review_set_safety(r, json_is_true(concern), safety_note) ||
        itav_review_set_note(r, note)) {
        itav_review_free(r);
        return nomem(d, path);
    }
    r->satisfaction = (int)satisfaction;
    r->help = (itav_formal_help)help;
    if ((rc = review_effects(d, v, path, r)) != ITAV_OK) {
        itav_review_free(r);
        return rc;
    }
    *out = r;
    return ITAV_OK;
}

JSON_TEXT(review, itav_review)

/* ---- indicators (record codec) ---- */
/* itav__json_encode_indicator() and itav__json_decode_indicator(). */
static json_t *encode_target(const itav__target *t)
{
    json_t *o = json_object();
    bool ok =
        o && itav__json_put_code(o, "comparator", ITAV_CODE_COMPARATOR, t->cmp) &&
        itav__json_put(o, "value", itav__json_number(t->value)) &&
        (t->cmp != ITAV_CMP_BETWEEN || itav__json_put(o, "high", itav__json_number(t->high))) &&
        (!t->relative || itav__json_put(o, "relative", json_true())) &&
        put_date(o, "deadline", t->deadline) && itav__json_put_text(o, "text", t->text) &&
        itav__json_put_text(o, "source", t->source);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *encode_measurement(const itav__measurement *m)
{
    json_t *o = json_object();
    bool ok = o && put_date(o, "date", m->date) && itav__json_put_text(o, "period", m->period) &&
              itav__json_put(o, "quantity",
                             encode_quantity(m->qty.qualifier, m->qty.min, m->qty.max, m->text)) &&
              itav__json_put_text(o, "source", m->source);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *itav__json_encode_indicator(const itav_indicator *ind)
{
    json_t *o = json_object(), *sub = NULL, *a = NULL;
    bool ok =
        o && itav__json_put_text(o, "id", ind->id) && itav__json_put_text(o, "offer", ind->offer) &&
        itav__json_put_code(o, "type", ITAV_CODE_MEASURE, ind->type) &&
        itav__json_put_text(o, "name", ind->name) && itav__json_put_text(o, "unit", ind->unit);
    if (ok && !isnan(ind->scale_low))
        ok = (sub = json_object()) &&
             itav__json_put(sub, "low", itav__json_number(ind->scale_low)) &&
             itav__json_put(sub, "high", itav__json_number(ind->scale_high)) &&
             itav__json_attach(o, "scale", &sub);
    ok = ok && itav__json_put_code(o, "derived", ITAV_CODE_DERIVED, ind->derived);
    /* one municipality as text; a joint target's as a list of all of them */
    if (ok && !ind->more_municipalities.n) {
        ok = itav__json_put_text(o, "municipality", ind->municipality);
    } else if (ok) {
        ok = (a = json_array()) != NULL && itav__json_push(a, json_string(ind->municipality));
        for (size_t i = 0; ok && i < ind->more_municipalities.n; i++)
            ok = itav__json_push(a, json_string(ind->more_municipalities.v[i]));
        ok = ok && itav__json_attach(o, "municipalities", &a);
        json_decref(a);
        a = NULL;
    }
    if (ok && ind->has_baseline)
        ok = (sub = json_object()) && put_date(sub, "date", ind->baseline_date) &&
             itav__json_put(sub, "quantity",
                            encode_quantity(ind->baseline.qualifier, ind->baseline.min,
                                            ind->baseline.max, ind->baseline_text)) &&
             itav__json_put_text(sub, "source", ind->baseline_source) &&
             itav__json_attach(o, "baseline", &sub);
    if (ok && ind->ntargets) {
        ok = (a = json_array()) != NULL;
        for (size_t i = 0; ok && i < ind->ntargets; i++)
            ok = itav__json_push(a, encode_target(&ind->targets[i]));
        ok = ok && itav__json_attach(o, "targets", &a);
    }
    if (ok && ind->nmeasurements) {
        ok = (a = json_array()) != NULL;
        for (size_t i = 0; ok && i < ind->nmeasurements; i++)
            ok = itav__json_push(a, encode_measurement(&ind->measurements[i]));
        ok = ok && itav__json_attach(o, "measurements", &a);
    }
    ok = ok && itav__json_put_text(o, "note", ind->note) &&
         itav__json_put_text(o, "source", ind->source);
    json_decref(sub);
    json_decref(a);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int decode_indicator_scale(itav__json_dec *d, const json_t *v, const char *path,
                                  itav_indicator *ind)
{
    static const char *const members[] = {"low", "high", NULL};
    char p[ITAV__JSON_PATH_MAX];
    const json_t *sc = json_object_get(v, "scale");
    double low, high;
    int rc;
    if (!sc)
        return ITAV_OK;
    join(p, path, "scale");
    if ((rc = itav__json_members(d, sc, p, members, 2)) ||
        (rc = number_member(d, sc, p, "low", &low)) ||
        (rc = number_member(d, sc, p, "high", &high)))
        return rc;
    if (ind->type != ITAV_MEASURE_RATING)
        return problem(d, p, "only a rating has a scale of its own (a %s has a fixed one)",
                       itav_code_name(ITAV_CODE_MEASURE, ind->type));
    if (itav_indicator_set_scale(ind, low, high) != ITAV_OK)
        return problem(d, p, "low %g must be below high %g", low, high);
    return ITAV_OK;
}

/* The error of an indicator setter as a problem at path. */
static int indicator_problem(itav__json_dec *d, const char *path, int rc, const char *what)
{
    if (rc == ITAV_ENOMEM)
        return nomem(d, path);
    if (rc == ITAV_ERANGE)
        return problem(d, path, "%s is off the indicator's scale", word(d, what));
    if (rc == ITAV_EEXISTS)
        return problem(d, path, "another measurement has the same date");
    return problem(d, path, "not a valid %s", word(d, what));
}

static int decode_indicator_baseline(itav__json_dec *d, const json_t *v, const char *path,
                                     itav_indicator *ind)
{
    static const char *const members[] = {"date", "quantity", "source", NULL};
    char p[ITAV__JSON_PATH_MAX], qp[ITAV__JSON_PATH_MAX];
    const json_t *b = json_object_get(v, "baseline");
    const char *qtext, *source;
    double min, max;
    int32_t date;
    int qual, rc;
    if (!b)
        return ITAV_OK;
    join(p, path, "baseline");
    if ((rc = itav__json_members(d, b, p, members, 2)) ||
        (rc = date_member(d, b, p, "date", &date)) ||
        (rc = decode_quantity(d, b, p, qp, &qual, &min, &max, &qtext)) ||
        (rc = ref_member(d, b, p, "source", &source)))
        return rc;
    if (date == ITAV_DATE_NONE)
        return problem(d, p, "required member \"date\" is empty");
    rc = itav_indicator_set_baseline(ind, date, (itav_qualifier)qual, min, max, qtext, source);
    return rc ? indicator_problem(d, qp, rc, N_("quantity")) : ITAV_OK;
}

static int decode_indicator_target(itav__json_dec *d, const json_t *t, const char *path,
                                   itav_indicator *ind)
{
    static const char *const members[] = {"comparator", "value", "deadline", "high",
                                          "relative", "text", "source", NULL};
    char p[ITAV__JSON_PATH_MAX];
    const char *words, *source;
    double value, high = 0;
    int32_t deadline;
    int cmp, rc;
    if ((rc = itav__json_members(d, t, path, members, 3)) ||
        (rc = code_member(d, t, path, "comparator", ITAV_CODE_COMPARATOR, &cmp)) ||
        (rc = number_member(d, t, path, "value", &value)) ||
        (rc = date_member(d, t, path, "deadline", &deadline)) ||
        (rc = itav__json_text_member(d, t, path, "text", &words)) ||
        (rc = ref_member(d, t, path, "source", &source)))
        return rc;
    if (!cmp || deadline == ITAV_DATE_NONE)
        return problem(d, path, "comparator and deadline must not be empty");
    join(p, path, "high");
    if (cmp == ITAV_CMP_BETWEEN && (rc = number_member(d, t, path, "high", &high)))
        return rc;
    if (cmp != ITAV_CMP_BETWEEN && json_object_get(t, "high"))
        return problem(d, p, "only a \"between\" target has a \"high\"");
    if (cmp == ITAV_CMP_BETWEEN && high < value)
        return problem(d, p, "%g is below the value %g", high, value);
    const json_t *rel = json_object_get(t, "relative");
    join(p, path, "relative");
    if (rel && !json_is_boolean(rel))
        return problem(d, p, "expected true or false, found %s", type_name(d, rel));
    rc = itav_indicator_add_target(ind, (itav_comparator)cmp, value, high, json_is_true(rel),
                                   deadline, words, source);
    join(p, path, "value");
    return rc ? indicator_problem(d, p, rc, N_("target")) : ITAV_OK;
}

static int decode_indicator_measurement(itav__json_dec *d, const json_t *m, const char *path,
                                        itav_indicator *ind)
{
    static const char *const members[] = {"date", "quantity", "period", "source", NULL};
    char p[ITAV__JSON_PATH_MAX], qp[ITAV__JSON_PATH_MAX];
    const char *period, *qtext, *source;
    double min, max;
    int32_t date;
    int qual, rc;
    if ((rc = itav__json_members(d, m, path, members, 2)) ||
        (rc = date_member(d, m, path, "date", &date)) ||
        (rc = itav__json_text_member(d, m, path, "period", &period)) ||
        (rc = decode_quantity(d, m, path, qp, &qual, &min, &max, &qtext)) ||
        (rc = ref_member(d, m, path, "source", &source)))
        return rc;
    if (date == ITAV_DATE_NONE)
        return problem(d, path, "required member \"date\" is empty");
    rc = itav_indicator_add_measurement(ind, date, period, (itav_qualifier)qual, min, max,
                                        qtext, source);
    join(p, path, rc == ITAV_EEXISTS ? "date" : "quantity");
    return rc ? indicator_problem(d, p, rc, N_("quantity")) : ITAV_OK;
}

/* An array member whose items one decoder reads into the indicator. */
static int indicator_items(itav__json_dec *d, const json_t *v, const char *path, const char *key,
                           itav_indicator *ind,
                           int (*item)(itav__json_dec *, const json_t *, const char *,
                                       itav_indicator *))
{
    char p[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *a = json_object_get(v, key);
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array, found %s", type_name(d, a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        join_index(pi, p, i);
        if ((rc = item(d, json_array_get(a, i), pi, ind)))
            return rc;
    }
    return ITAV_OK;
}

static const char *const indicator_members[] = {"id", "offer", "type", "name", "unit", "scale",
    "derived", "municipality", "municipalities", "baseline", "targets", "measurements", "note",
    "source", NULL};

int itav__json_decode_indicator(itav__json_dec *d, const json_t *v, const char *path,
                                itav_indicator **out)
{
    const char *id, *offer, *name, *unit, *municipality, *note, *source;
    char p[ITAV__JSON_PATH_MAX];
    int type, derived, rc;
    itav_indicator *ind = NULL;
    *out = NULL;
    if ((rc = itav__json_members(d, v, path, indicator_members, 3)) ||
        (rc = id_member(d, v, path, "id", &id)) || (rc = id_member(d, v, path, "offer", &offer)) ||
        (rc = code_member(d, v, path, "type", ITAV_CODE_MEASURE, &type)) ||
        (rc = itav__json_text_member(d, v, path, "name", &name)) ||
        (rc = itav__json_text_member(d, v, path, "unit", &unit)) ||
        (rc = code_member(d, v, path, "derived", ITAV_CODE_DERIVED, &derived)) ||
        (rc = itav__json_text_member(d, v, path, "municipality", &municipality)) ||
        (rc = itav__json_text_member(d, v, path, "note", &note)) ||
        (rc = ref_member(d, v, path, "source", &source)))
        return rc;
    if (!type) {
        join(p, path, "type");
        return problem(d, p, "must not be empty");
    }
    if (itav_indicator_new(&ind, id, offer, (itav_measure)type) != ITAV_OK ||
        itav_indicator_set_name(ind, name) || itav_indicator_set_unit(ind, unit) ||
        itav_indicator_set_note(ind, note) || itav_indicator_set_source(ind, source)) {
        rc = nomem(d, path);
        goto fail;
    }
    if ((rc = decode_indicator_scale(d, v, path, ind)))
        goto fail;
    itav__strlist places = {0};
    if ((rc = text_array(d, v, path, "municipalities", &places)))
        goto fail_places;
    if ((municipality || places.n) && !derived) {
        join(p, path, municipality ? "municipality" : "municipalities");
        rc = problem(d, p, "only a derived indicator has a municipality");
        goto fail_places;
    }
    if (municipality && places.n) {
        join(p, path, "municipalities");
        rc = problem(d, p, "give either \"municipality\" (one) or \"municipalities\" (a joint "
                           "target of two or more), not both");
        goto fail_places;
    }
    if (places.n == 1) {
        join(p, path, "municipalities");
        rc = problem(d, p, "a single municipality goes in \"municipality\"");
        goto fail_places;
    }
    if (places.n)
        municipality = places.v[0];
    if ((rc = itav_indicator_set_derived(ind, (itav_derived)derived, municipality))) {
        join(p, path, "derived");
        rc = rc == ITAV_ENOMEM ? nomem(d, p)
                               : problem(d, p, "%s does not fit a %s (matches_started needs a "
                                               "count, mean_satisfaction a rating on 1-10 or a "
                                               "mean, formal_help a percentage)",
                                         itav_code_name(ITAV_CODE_DERIVED, derived),
                                         itav_code_name(ITAV_CODE_MEASURE, type));
        goto fail_places;
    }
    for (size_t i = 1; i < places.n; i++) {
        if ((rc = itav_indicator_add_municipality(ind, places.v[i])) != ITAV_OK) {
            char pi[ITAV__JSON_PATH_MAX];
            join(p, path, "municipalities");
            join_index(pi, p, i);
            rc = rc == ITAV_ENOMEM ? nomem(d, pi)
                                   : problem(d, pi, "\"%s\" is in the list twice", places.v[i]);
            goto fail_places;
        }
    }
    itav__strlist_clear(&places);
    if ((rc = decode_indicator_baseline(d, v, path, ind)) ||
        (rc = indicator_items(d, v, path, "targets", ind, decode_indicator_target)) ||
        (rc = indicator_items(d, v, path, "measurements", ind, decode_indicator_measurement)))
        goto fail;
    *out = ind;
    return ITAV_OK;
fail_places:
    itav__strlist_clear(&places);
fail:
    itav_indicator_free(ind);
    return rc;
}

JSON_TEXT(indicator, itav_indicator)


/* ======================================================================================
 * Access sheets (itav/access.h): "access" of an intervention or offer
 * ====================================================================================== */

static bool put_access(json_t *obj, const itav_access *a)
{
    if (!a)
        return true;
    json_t *o = json_object(), *age = NULL;
    bool ok = o != NULL;
    if (ok && a->has_ages) {
        ok = (age = json_object()) &&
             (a->age_min == ITAV_AGE_NONE || itav__json_put(age, "min", json_integer(a->age_min))) &&
             (a->age_max == ITAV_AGE_NONE || itav__json_put(age, "max", json_integer(a->age_max))) &&
             itav__json_attach(o, "age_months", &age) &&
             itav__json_put_text(o, "age_source", a->age_source);
    }
    for (int l = 1; ok && l <= ITAV_ACCESS_LIST_COUNT; l++) {
        json_t *arr = NULL;
        for (size_t k = 0; ok && k < a->nentries; k++) {
            const itav__access_entry *e = &a->entries[k];
            if (e->list != l)
                continue;
            json_t *eo = json_object();
            ok = (arr || (arr = json_array())) && eo && itav__json_put_text(eo, "code", e->code) &&
                 itav__json_put_text(eo, "text", e->text) &&
                 itav__json_put_text(eo, "source", e->source) &&
                 (!(e->flags & ITAV_ACCESS_EFFECTIVE) ||
                  itav__json_put(eo, "effective", json_true()));
            ok = ok ? itav__json_push(arr, eo) : (json_decref(eo), false);
        }
        ok = ok && (!arr || itav__json_attach(o, itav_access_list_code((itav_access_list)l), &arr));
        json_decref(arr);
    }
    json_decref(age);
    ok = ok && itav__json_attach(obj, "access", &o);
    json_decref(o);
    return ok;
}

static int decode_access_entry(itav__json_dec *d, const json_t *v, const char *path, int list,
                               itav_access *a)
{
    static const char *const members[] = {"code", "text", "source", "effective", NULL};
    const char *code, *text, *source;
    int rc;
    if ((rc = itav__json_members(d, v, path, members, 2)) ||
        (rc = required_text(d, v, path, "code", &code)) ||
        (rc = required_text(d, v, path, "text", &text)) ||
        (rc = ref_member(d, v, path, "source", &source)))
        return rc;
    if (!itav__access_code_ok(list, code)) {
        char p[ITAV__JSON_PATH_MAX], expected[512] = "";
        const char *c;
        join(p, path, "code");
        for (size_t i = 0; (c = itav_access_code_at((itav_access_list)list, i)); i++)
            if (strlen(expected) + strlen(c) + 3 < sizeof expected) {
                if (*expected)
                    strcat(expected, ", ");
                strcat(expected, c);
            }
        return problem(d, p, "unknown %s code \"%s\" (expected one of: %s)",
                       itav_access_list_code((itav_access_list)list), code, expected);
    }
    const json_t *eff = json_object_get(v, "effective");
    if (eff && !json_is_boolean(eff)) {
        char p[ITAV__JSON_PATH_MAX];
        join(p, path, "effective");
        return problem(d, p, "expected true or false, found %s", type_name(d, eff));
    }
    rc = itav_access_add(a, (itav_access_list)list, code, text, source,
                         eff && json_is_true(eff) ? ITAV_ACCESS_EFFECTIVE : 0);
    return rc == ITAV_OK ? ITAV_OK : rc == ITAV_ENOMEM ? nomem(d, path)
                                                       : problem(d, path, "not a valid entry");
}

/* Decodes the member "access" of obj, if there is one, into *slot. */
static int decode_access(itav__json_dec *d, const json_t *obj, const char *path,
                         itav_access **slot)
{
    static const char *const members[] = {"age_months", "age_source", "conditions", "referral",
                                          "recruitment", "tasks", "needs", NULL};
    static const char *const age_members[] = {"min", "max", NULL};
    char p[ITAV__JSON_PATH_MAX], pl[ITAV__JSON_PATH_MAX], pi[ITAV__JSON_PATH_MAX];
    const json_t *v = json_object_get(obj, "access");
    itav_access *a = NULL;
    const char *age_source;
    int rc;
    if (!v)
        return ITAV_OK;
    join(p, path, "access");
    if ((rc = itav__json_members(d, v, p, members, 0)) ||
        (rc = ref_member(d, v, p, "age_source", &age_source)))
        return rc;
    if (itav_access_new(&a) != ITAV_OK)
        return nomem(d, p);
    const json_t *age = json_object_get(v, "age_months");
    if (age) {
        long min = ITAV_AGE_NONE, max = ITAV_AGE_NONE;
        bool has_min, has_max;
        join(pl, p, "age_months");
        if ((rc = itav__json_members(d, age, pl, age_members, 0)) ||
            (rc = int_member(d, age, pl, "min", -12, 1200, &has_min, &min)) ||
            (rc = int_member(d, age, pl, "max", -12, 1200, &has_max, &max)))
            goto fail;
        if (!has_min && !has_max) {
            rc = problem(d, pl, "give min, max or both");
            goto fail;
        }
        if (itav_access_set_ages(a, has_min ? (int32_t)min : ITAV_AGE_NONE,
                                 has_max ? (int32_t)max : ITAV_AGE_NONE, age_source) != ITAV_OK) {
            rc = problem(d, pl, "min %ld is greater than max %ld", min, max);
            goto fail;
        }
    } else if (age_source) {
        join(pl, p, "age_source");
        rc = problem(d, pl, "a source for ages that age_months does not give");
        goto fail;
    }
    for (int l = 1; l <= ITAV_ACCESS_LIST_COUNT; l++) {
        const char *key = itav_access_list_code((itav_access_list)l);
        const json_t *arr = json_object_get(v, key);
        if (!arr)
            continue;
        join(pl, p, key);
        if (!json_is_array(arr)) {
            rc = problem(d, pl, "expected an array of entries, found %s", type_name(d, arr));
            goto fail;
        }
        for (size_t i = 0; i < json_array_size(arr); i++) {
            join_index(pi, pl, i);
            if ((rc = decode_access_entry(d, json_array_get(arr, i), pi, l, a)))
                goto fail;
        }
    }
    rc = itav__access_replace(slot, a) ? nomem(d, p) : ITAV_OK;
fail:
    itav_access_free(a);
    return rc;
}
