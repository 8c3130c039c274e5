/* JSON interchange (format itav/1, docs/format.md): records, datasets, import and export.
 * The only module that includes jansson.h. Decoders are strict: every member is checked,
 * unknown members are refused, and each problem is reported with its JSON path. */
#include "internal.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FORMAT_NAME "itav/1"
#define PATH_MAX_LEN 256

/* ======================================================================================
 * Encoding
 * ====================================================================================== */

/* Builders that treat NULL as "leave it out"; they return false only for lack of memory.
 * jansson's *_set_new and *_append_new take the value even when they fail, so a value given
 * to them is never freed here again. */
static bool put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0;
}

/* Hands *child over to obj under key; *child is NULL afterwards whatever happened. */
static bool attach(json_t *obj, const char *key, json_t **child)
{
    json_t *c = *child;
    *child = NULL;
    return put(obj, key, c);
}

static bool put_text(json_t *obj, const char *key, const char *s)
{
    return !s || put(obj, key, json_string(s));
}

static bool put_code(json_t *obj, const char *key, itav_code_type type, int value)
{
    return !value || put_text(obj, key, itav_code_name(type, value));
}

static bool push(json_t *array, json_t *value)
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
        ok = push(a, json_string(l->v[i]));
    ok = ok && attach(obj, key, &a);
    json_decref(a);
    return ok;
}

static json_t *number(double v)
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
    bool ok = q && put_code(q, "qualifier", ITAV_CODE_QUALIFIER, qualifier);
    if (ok && qualifier == ITAV_QTY_RANGE)
        ok = put(q, "min", number(min)) && put(q, "max", number(max));
    else if (ok && qualifier != ITAV_QTY_TEXT)
        ok = put(q, "value", number(min));
    if (!ok || !put_text(q, "text", text)) {
        json_decref(q);
        return NULL;
    }
    return q;
}

static json_t *encode_figure(const itav_figure *f)
{
    json_t *o = json_object(), *q = encode_quantity(f->qualifier, f->min, f->max, f->text);
    bool ok = o && q && put_text(o, "what", f->what) && attach(o, "quantity", &q) &&
              put_text(o, "period", f->period) && put_text(o, "where", f->where) &&
              put_text(o, "note", f->note) && put_text(o, "source", f->source);
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
        ok = push(a, encode_figure(l->v[i]));
    ok = ok && attach(obj, key, &a);
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
        ok = (o || (o = json_object())) && put_text(o, fields[i], s->ref[i]);
    }
    ok = ok && (!o || attach(obj, "sources", &o));
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
            ok = push(a, json_string(itav_code_name(type, (int)bit)));
    ok = ok && attach(obj, key, &a);
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
             (iv->age_min == ITAV_AGE_NONE || put(age, "min", json_integer(iv->age_min))) &&
             (iv->age_max == ITAV_AGE_NONE || put(age, "max", json_integer(iv->age_max))) &&
             attach(a, "age_months", &age);
    }
    ok = ok && put_text(a, "conditions", iv->conditions) && attach(o, "audience", &a);
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
        ok = ro && put_code(ro, "role", ITAV_CODE_ROLE, r->kind) &&
             put_text(ro, "description", r->description) &&
             (!r->vog || put(ro, "vog", json_true())) && put_text(ro, "training", r->training);
        if (ok) {
            ok = push(a, ro);
        } else {
            json_decref(ro);
        }
    }
    ok = ok && attach(o, "roles", &a);
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
                 put_code(so, "status", ITAV_CODE_STATUS, st->status) &&
                 put_text(so, "evidence", st->evidence) && put_text(so, "source", st->source) &&
                 attach(prof, itav_element_code((itav_element)(e + 1)), &so);
        }
        ok = ok && attach(el, itav_code_name(ITAV_CODE_PROFILE_SOURCE, s), &prof);
    }
    ok = ok && attach(o, "elements", &el);
    json_decref(so);
    json_decref(prof);
    json_decref(el);
    return ok;
}

static bool put_plan(json_t *obj, const itav_plan *plan); /* with the plans, below */

static json_t *encode_intervention(const itav_intervention *iv)
{
    json_t *o = json_object();
    bool ok = o && put_text(o, "id", iv->id) && put_text(o, "name", iv->name) &&
              put_code(o, "kind", ITAV_CODE_KIND, iv->kind) &&
              put_text(o, "summary", iv->summary) &&
              put_list(o, "providers", &iv->text[ITAV_TEXT_PROVIDERS]) &&
              put_list(o, "municipalities", &iv->text[ITAV_TEXT_MUNICIPALITIES]) &&
              put_list(o, "regions", &iv->text[ITAV_TEXT_REGIONS]) &&
              (!iv->since || put(o, "since", json_integer(iv->since))) &&
              put_audience(o, iv) && put_bits(o, "themes", ITAV_CODE_THEME, iv->themes) &&
              put_code(o, "setting", ITAV_CODE_SETTING, iv->setting) &&
              put_code(o, "scope", ITAV_CODE_SCOPE, iv->scope) &&
              put_code(o, "channel", ITAV_CODE_CHANNEL, iv->channel) && put_roles(o, iv) &&
              put_list(o, "phases", &iv->text[ITAV_TEXT_PHASES]) && put_elements(o, iv) &&
              put_code(o, "evidence_level", ITAV_CODE_EVIDENCE, iv->evidence) &&
              put_figures(o, "reach", &iv->reach) &&
              put_list(o, "works", &iv->text[ITAV_TEXT_WORKS]) &&
              put_list(o, "improve", &iv->text[ITAV_TEXT_IMPROVE]) &&
              put_list(o, "links", &iv->text[ITAV_TEXT_LINKS]) && put_plan(o, iv->plan) &&
              put_sources(o, &iv->sources, itav__intervention_fields);
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
    return itav_date_format(buf, sizeof buf, d) == ITAV_OK && put_text(obj, key, buf);
}

static json_t *encode_offer(const itav_offer *of)
{
    json_t *o = json_object();
    bool ok = o && put_text(o, "id", of->id) && put_text(o, "intervention", of->intervention) &&
              put_text(o, "name", of->name) &&
              put_list(o, "municipalities", &of->municipalities) &&
              put_text(o, "region", of->region) && put_text(o, "provider", of->provider) &&
              put_date(o, "start", of->start) && put_date(o, "end", of->end) &&
              put_text(o, "contact", of->contact) && put_text(o, "programme", of->programme) &&
              put_figures(o, "targets", &of->targets) &&
              put_figures(o, "reach", &of->reach) && put_plan(o, of->plan) &&
              put_sources(o, &of->sources, itav__offer_fields);
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
            ok = push(a, json_string(itav_code_name(ITAV_CODE_CRITERION, c)));
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
        ok = put(o, name, f == ITAV_PLAN_CRITERIA ? encode_criteria(v)
                          : plan_flag(f)          ? json_boolean(v)
                                                  : json_integer(v));
        if (ok && plan->source[f])
            ok = (so || (so = json_object())) && put_text(so, name, plan->source[f]);
    }
    ok = ok && (!so || attach(o, "sources", &so)) && attach(obj, "plan", &o);
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
            ok = push(a, json_string(itav_code_name(type, (int)(1u << b))));
    ok = ok && attach(obj, key, &a);
    json_decref(a);
    return ok;
}

/* A pair of numbers as an object {lo_key, hi_key}. */
static bool put_participant_pair(json_t *obj, const char *key, const char *lo_key, json_t *lo,
                                 const char *hi_key, json_t *hi)
{
    json_t *o = json_object();
    if (!o || !put(o, lo_key, lo)) { /* put() took lo if there was an o */
        if (!o)
            json_decref(lo);
        json_decref(hi);
        json_decref(o);
        return false;
    }
    bool ok = put(o, hi_key, hi) && attach(obj, key, &o);
    json_decref(o);
    return ok;
}

static json_t *encode_participant(const itav_participant *p)
{
    json_t *o = json_object(), *children = NULL;
    bool ok = o && put_text(o, "ref", p->ref) && put_text(o, "offer", p->offer) &&
              put_code(o, "kind", ITAV_CODE_PARTICIPANT_KIND, p->kind) &&
              put_code(o, "status", ITAV_CODE_PARTICIPANT_STATUS, p->status) &&
              put_date(o, "status_date", p->status_date) &&
              put_text(o, "municipality", p->municipality) &&
              put_text(o, "postcode", p->postcode[0] ? p->postcode : NULL) &&
              (!p->has_location || put_participant_pair(o, "location", "lat", json_real(p->lat),
                                                        "lon", json_real(p->lon))) &&
              put_participant_bits(o, "availability", ITAV_CODE_SLOT, p->availability) &&
              put_participant_bits(o, "support", ITAV_CODE_SUPPORT, p->support) &&
              put_list(o, "languages", &p->languages) &&
              (!p->language_required || put(o, "language_required", json_true())) &&
              put_list(o, "interests", &p->interests);
    if (ok && p->nchildren) {
        ok = (children = json_array()) != NULL;
        for (size_t i = 0; ok && i < p->nchildren; i++)
            ok = push(children, json_integer(p->children[i]));
        ok = ok && attach(o, "children", &children);
    }
    ok = ok &&
         (p->age_min < 0 || put_participant_pair(o, "age_range", "min", json_integer(p->age_min),
                                                 "max", json_integer(p->age_max))) &&
         put_date(o, "vog_date", p->vog_date) &&
         (!p->trained || put(o, "trained", json_true())) &&
         (p->capacity == 1 || put(o, "capacity", json_integer(p->capacity))) &&
         put_date(o, "registered", p->registered) &&
         (p->max_distance_m == 0 || put(o, "max_distance_m", number(p->max_distance_m))) &&
         put_list(o, "exclusions", &p->exclusions);
    json_decref(children);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- matches (encoder) ---- */

static json_t *encode_match(const itav_match *m)
{
    json_t *o = json_object(), *trail = json_array();
    bool ok = o && trail && put_text(o, "id", m->id) && put_text(o, "offer", m->offer) &&
              put_text(o, "asking", m->asking) && put_text(o, "supporting", m->supporting) &&
              put_code(o, "state", ITAV_CODE_MATCH_STATE, m->state) &&
              (m->score < 0 || put(o, "score", json_real(m->score))) &&
              put_text(o, "previous", m->previous) &&
              put_code(o, "reason", ITAV_CODE_END_REASON, m->reason);
    for (size_t i = 0; ok && i < m->ntrail; i++) {
        const itav__transition *tr = &m->trail[i];
        json_t *t = json_object();
        ok = t && put_code(t, "state", ITAV_CODE_MATCH_STATE, tr->state) &&
             put_date(t, "date", tr->date) && put_code(t, "actor", ITAV_CODE_ACTOR, tr->actor) &&
             put_text(t, "note", tr->note);
        if (ok)
            ok = push(trail, t);
        else
            json_decref(t);
    }
    ok = ok && attach(o, "trail", &trail);
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
static int dump(char **out, json_t *v, bool pretty)
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

int itav__intervention_encode(char **out, const itav_intervention *iv, bool pretty)
{
    return dump(out, encode_intervention(iv), pretty);
}

int itav__offer_encode(char **out, const itav_offer *of, bool pretty)
{
    return dump(out, encode_offer(of), pretty);
}

/* ======================================================================================
 * Decoding
 * ====================================================================================== */

typedef struct dec {
    char *err;
    size_t errsize;
} dec;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int problem(dec *d, const char *path, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(d->err, d->errsize, "%s: ", path);
    if (n >= 0 && (size_t)n < d->errsize) {
        va_start(ap, fmt);
        vsnprintf(d->err + n, d->errsize - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return ITAV_EFORMAT;
}

static int nomem(dec *d, const char *path) { problem(d, path, "out of memory"); return ITAV_ENOMEM; }

/* Appends to a path, truncating at PATH_MAX_LEN - 1 bytes (a long path is still a clue). */
static void append(char *buf, const char *path, const char *sep, const char *tail)
{
    size_t n = 0;
    const char *parts[] = {path, sep, tail};
    for (size_t i = 0; i < 3; i++)
        for (const char *p = parts[i]; *p && n < PATH_MAX_LEN - 1; p++)
            buf[n++] = *p;
    buf[n] = '\0';
}

static void join(char *buf, const char *path, const char *key) { append(buf, path, ".", key); }

static void join_index(char *buf, const char *path, size_t i)
{
    char idx[32];
    snprintf(idx, sizeof idx, "[%zu]", i);
    append(buf, path, "", idx);
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* Checks that v is an object whose members are all in allowed and the required ones are
 * there (required: a prefix of allowed, nreq long). */
static int object(dec *d, const json_t *v, const char *path, const char *const *allowed,
                  int nreq)
{
    const char *key;
    json_t *val;
    if (!json_is_object(v))
        return problem(d, path, "expected an object, found %s", type_name(v));
    json_object_foreach((json_t *)v, key, val) {
        bool known = false;
        for (int i = 0; allowed[i] && !known; i++)
            known = strcmp(allowed[i], key) == 0;
        if (!known) {
            char p[PATH_MAX_LEN];
            join(p, path, key);
            return problem(d, p, "unknown member \"%s\"", key);
        }
    }
    for (int i = 0; i < nreq; i++)
        if (!json_object_get(v, allowed[i]))
            return problem(d, path, "required member \"%s\" is missing", allowed[i]);
    return ITAV_OK;
}

/* A text member: *out borrowed from the document, NULL if missing (or empty). */
static int text(dec *d, const json_t *obj, const char *path, const char *key, const char **out)
{
    char p[PATH_MAX_LEN];
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_string(v))
        return problem(d, p, "expected a string, found %s", type_name(v));
    if (json_string_length(v) > ITAV__TEXT_MAX)
        return problem(d, p, "text longer than %d bytes", ITAV__TEXT_MAX);
    if (strlen(json_string_value(v)) != json_string_length(v))
        return problem(d, p, "text contains a NUL character");
    *out = json_string_length(v) ? json_string_value(v) : NULL;
    return ITAV_OK;
}

static int required_text(dec *d, const json_t *obj, const char *path, const char *key,
                         const char **out)
{
    int rc = text(d, obj, path, key, out);
    if (rc == ITAV_OK && !*out) {
        char p[PATH_MAX_LEN];
        join(p, path, key);
        return problem(d, p, "must not be empty");
    }
    return rc;
}

static int id_member(dec *d, const json_t *obj, const char *path, const char *key,
                     const char **out)
{
    int rc = required_text(d, obj, path, key, out);
    if (rc == ITAV_OK && !itav__valid_id(*out)) {
        char p[PATH_MAX_LEN];
        join(p, path, key);
        return problem(d, p, "\"%s\" is not a valid id (1-64 of a-z, 0-9 and single '-' "
                             "between them)", *out);
    }
    return rc;
}

static int ref_member(dec *d, const json_t *obj, const char *path, const char *key,
                      const char **out)
{
    int rc = text(d, obj, path, key, out);
    if (rc == ITAV_OK && *out && !itav__valid_ref(*out)) {
        char p[PATH_MAX_LEN];
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
static int code_member(dec *d, const json_t *obj, const char *path, const char *key,
                       itav_code_type type, int *out)
{
    const char *s;
    *out = 0;
    int rc = text(d, obj, path, key, &s);
    if (rc != ITAV_OK || !s)
        return rc;
    if (itav_code_parse(out, type, s) != ITAV_OK) {
        char p[PATH_MAX_LEN], expected[256];
        join(p, path, key);
        code_list(expected, sizeof expected, type);
        return problem(d, p, "unknown value \"%s\" (expected one of: %s)", s, expected);
    }
    return ITAV_OK;
}

static int int_member(dec *d, const json_t *obj, const char *path, const char *key, long lo,
                      long hi, bool *present, long *out)
{
    char p[PATH_MAX_LEN];
    const json_t *v = json_object_get(obj, key);
    *present = v != NULL;
    if (!v)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_integer(v))
        return problem(d, p, "expected an integer, found %s", type_name(v));
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return problem(d, p, "%lld is out of range (%ld to %ld)", (long long)x, lo, hi);
    *out = (long)x;
    return ITAV_OK;
}

static int text_array(dec *d, const json_t *obj, const char *path, const char *key,
                      itav__strlist *out)
{
    char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
    const json_t *a = json_object_get(obj, key);
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of strings, found %s", type_name(a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        join_index(pi, p, i);
        if (!json_is_string(v))
            return problem(d, pi, "expected a string, found %s", type_name(v));
        if (!json_string_length(v))
            return problem(d, pi, "must not be empty");
        if (json_string_length(v) > ITAV__TEXT_MAX ||
            strlen(json_string_value(v)) != json_string_length(v))
            return problem(d, pi, "text too long or contains a NUL character");
        if (itav__strlist_add(out, json_string_value(v)) != ITAV_OK)
            return nomem(d, pi);
    }
    return ITAV_OK;
}

static int number_member(dec *d, const json_t *q, const char *path, const char *key,
                         double *out)
{
    char p[PATH_MAX_LEN];
    const json_t *v = json_object_get(q, key);
    join(p, path, key);
    if (!v)
        return problem(d, path, "required member \"%s\" is missing", key);
    if (!json_is_number(v))
        return problem(d, p, "expected a number, found %s", type_name(v));
    *out = json_number_value(v);
    return ITAV_OK;
}

/* Decodes the member "quantity" of v (see encode_quantity()); qp receives its path. */
static int decode_quantity(dec *d, const json_t *v, const char *path, char *qp, int *qualifier,
                           double *minp, double *maxp, const char **qtextp)
{
    static const char *const qmembers[] = {"qualifier", "value", "min", "max", "text", NULL};
    const char *qtext;
    int qual, rc;
    double min = 0, max = 0;
    const json_t *q = json_object_get(v, "quantity");
    join(qp, path, "quantity");
    if ((rc = object(d, q, qp, qmembers, 1)) ||
        (rc = code_member(d, q, qp, "qualifier", ITAV_CODE_QUALIFIER, &qual)) ||
        (rc = text(d, q, qp, "text", &qtext)))
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
    } else if (qual == ITAV_QTY_RANGE) {
        if (has_value)
            return problem(d, qp, "qualifier \"range\" takes \"min\" and \"max\", not \"value\"");
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

static int decode_figure(dec *d, const json_t *v, const char *path, itav__figlist *list)
{
    static const char *const members[] = {"what", "quantity", "period", "where", "note",
                                          "source", NULL};
    char qp[PATH_MAX_LEN];
    const char *what, *qtext, *period, *where, *note, *source;
    int qual, rc;
    double min, max;
    if ((rc = object(d, v, path, members, 2)) || (rc = required_text(d, v, path, "what", &what)) ||
        (rc = decode_quantity(d, v, path, qp, &qual, &min, &max, &qtext)))
        return rc;
    if ((rc = text(d, v, path, "period", &period)) || (rc = text(d, v, path, "where", &where)) ||
        (rc = text(d, v, path, "note", &note)) ||
        (rc = ref_member(d, v, path, "source", &source)))
        return rc;
    itav_figure *f;
    rc = itav_figure_new(&f, what, (itav_qualifier)qual, min, max, qtext);
    if (rc == ITAV_EINVAL)
        return problem(d, qp, "not a valid quantity");
    if (rc != ITAV_OK)
        return nomem(d, path);
    if (itav_figure_set_period(f, period) || itav_figure_set_where(f, where) ||
        itav_figure_set_note(f, note) || itav_figure_set_source(f, source) ||
        itav__figlist_add(list, f)) {
        itav_figure_free(f);
        return nomem(d, path);
    }
    itav_figure_free(f);
    return ITAV_OK;
}

static int figure_array(dec *d, const json_t *obj, const char *path, const char *key,
                        itav__figlist *out)
{
    char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
    const json_t *a = json_object_get(obj, key);
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of figures, found %s", type_name(a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        join_index(pi, p, i);
        if ((rc = decode_figure(d, json_array_get(a, i), pi, out)))
            return rc;
    }
    return ITAV_OK;
}

static int sources_member(dec *d, const json_t *obj, const char *path,
                          const char *const *fields, itav__sources *out)
{
    char p[PATH_MAX_LEN], pk[PATH_MAX_LEN];
    const json_t *s = json_object_get(obj, "sources");
    const char *key;
    json_t *v;
    if (!s)
        return ITAV_OK;
    join(p, path, "sources");
    if (!json_is_object(s))
        return problem(d, p, "expected an object, found %s", type_name(s));
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

static int decode_audience(dec *d, const json_t *obj, const char *path, itav_intervention *iv)
{
    static const char *const members[] = {"who", "age_months", "conditions", NULL};
    static const char *const age_members[] = {"min", "max", NULL};
    char p[PATH_MAX_LEN], pw[PATH_MAX_LEN], pi[PATH_MAX_LEN], pa[PATH_MAX_LEN];
    const json_t *a = json_object_get(obj, "audience");
    const char *cond;
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, "audience");
    if ((rc = object(d, a, p, members, 0)))
        return rc;
    const json_t *who = json_object_get(a, "who");
    if (who) {
        join(pw, p, "who");
        if (!json_is_array(who))
            return problem(d, pw, "expected an array of audience codes, found %s",
                           type_name(who));
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
        if ((rc = object(d, age, pa, age_members, 0)) ||
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
    if ((rc = text(d, a, p, "conditions", &cond)))
        return rc;
    return itav__set_text(&iv->conditions, cond) ? nomem(d, p) : ITAV_OK;
}

/* An array of bit codes (ITAV_CODE_THEME, ...) as their union; an unknown code is refused
 * with the legal ones. */
static int bits_member(dec *d, const json_t *obj, const char *path, const char *key,
                       itav_code_type type, unsigned *out)
{
    char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
    const json_t *a = json_object_get(obj, key);
    *out = 0;
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of codes, found %s", type_name(a));
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

static int decode_roles(dec *d, const json_t *obj, const char *path, itav_intervention *iv)
{
    static const char *const members[] = {"role", "description", "vog", "training", NULL};
    char p[PATH_MAX_LEN], pi[PATH_MAX_LEN], pv[PATH_MAX_LEN];
    const json_t *a = json_object_get(obj, "roles");
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, "roles");
    if (!json_is_array(a))
        return problem(d, p, "expected an array of roles, found %s", type_name(a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *r = json_array_get(a, i);
        const char *desc, *training;
        int kind;
        join_index(pi, p, i);
        if ((rc = object(d, r, pi, members, 1)) ||
            (rc = code_member(d, r, pi, "role", ITAV_CODE_ROLE, &kind)) ||
            (rc = text(d, r, pi, "description", &desc)) ||
            (rc = text(d, r, pi, "training", &training)))
            return rc;
        if (!kind)
            return problem(d, pi, "role must not be empty");
        const json_t *vog = json_object_get(r, "vog");
        join(pv, pi, "vog");
        if (vog && !json_is_boolean(vog))
            return problem(d, pv, "expected true or false, found %s", type_name(vog));
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

static int decode_elements(dec *d, const json_t *obj, const char *path, itav_intervention *iv)
{
    static const char *const sources[] = {"table", "sections", "other", NULL};
    static const char *const members[] = {"status", "evidence", "source", NULL};
    char p[PATH_MAX_LEN], ps[PATH_MAX_LEN], pe[PATH_MAX_LEN];
    const json_t *el = json_object_get(obj, "elements");
    int rc;
    if (!el)
        return ITAV_OK;
    join(p, path, "elements");
    if ((rc = object(d, el, p, sources, 0)))
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
                           type_name(prof));
        json_object_foreach((json_t *)prof, code, st) {
            itav_element e;
            const char *evidence, *ref;
            int status;
            join(pe, ps, code);
            if (itav_element_from_code(&e, code) != ITAV_OK)
                return problem(d, pe, "unknown element code \"%s\"", code);
            if ((rc = object(d, st, pe, members, 1)) ||
                (rc = code_member(d, st, pe, "status", ITAV_CODE_STATUS, &status)) ||
                (rc = text(d, st, pe, "evidence", &evidence)) ||
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

static int decode_plan(dec *d, const json_t *obj, const char *path,
                       itav_plan **slot); /* with the plans, below */

static const char *const intervention_members[] = {"id", "name", "kind", "summary",
    "providers", "municipalities", "regions", "since", "audience", "themes", "setting",
    "scope", "channel", "roles", "phases", "elements", "evidence_level", "reach", "works",
    "improve", "links", "plan", "sources", NULL};

static int decode_intervention(dec *d, const json_t *v, const char *path,
                               itav_intervention **out)
{
    const char *id, *name, *summary;
    int kind, setting, scope, channel, evidence, rc;
    long since = 0;
    bool has_since;
    itav_intervention *iv = NULL;
    if ((rc = object(d, v, path, intervention_members, 2)) ||
        (rc = id_member(d, v, path, "id", &id)) ||
        (rc = required_text(d, v, path, "name", &name)) ||
        (rc = text(d, v, path, "summary", &summary)) ||
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
        (rc = decode_elements(d, v, path, iv)) ||
        (rc = figure_array(d, v, path, "reach", &iv->reach)) ||
        (rc = decode_plan(d, v, path, &iv->plan)) ||
        (rc = sources_member(d, v, path, itav__intervention_fields, &iv->sources)))
        goto fail;
    *out = iv;
    return ITAV_OK;
fail:
    itav_intervention_free(iv);
    return rc;
}

static int date_member(dec *d, const json_t *obj, const char *path, const char *key,
                       int32_t *out)
{
    const char *s;
    *out = ITAV_DATE_NONE;
    int rc = text(d, obj, path, key, &s);
    if (rc != ITAV_OK || !s)
        return rc;
    if (itav_date_parse(out, s) != ITAV_OK) {
        char p[PATH_MAX_LEN];
        join(p, path, key);
        return problem(d, p, "\"%s\" is not a date (YYYY-MM-DD, years 1900-9999)", s);
    }
    return ITAV_OK;
}

static const char *const offer_members[] = {"id", "intervention", "name", "municipalities",
    "region", "provider", "start", "end", "contact", "programme", "targets", "reach", "plan",
    "sources", NULL};

static int decode_offer(dec *d, const json_t *v, const char *path, itav_offer **out)
{
    const char *id, *intervention, *name, *region, *provider, *contact, *programme = NULL;
    int32_t start, end;
    itav_offer *of = NULL;
    int rc;
    if ((rc = object(d, v, path, offer_members, 2)) || (rc = id_member(d, v, path, "id", &id)) ||
        (rc = id_member(d, v, path, "intervention", &intervention)) ||
        (rc = text(d, v, path, "name", &name)) || (rc = text(d, v, path, "region", &region)) ||
        (rc = text(d, v, path, "provider", &provider)) ||
        (rc = text(d, v, path, "contact", &contact)) ||
        (json_object_get(v, "programme") &&
         (rc = id_member(d, v, path, "programme", &programme))) ||
        (rc = date_member(d, v, path, "start", &start)) ||
        (rc = date_member(d, v, path, "end", &end)))
        return rc;
    if (start != ITAV_DATE_NONE && end != ITAV_DATE_NONE && end < start) {
        char p[PATH_MAX_LEN];
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
        (rc = decode_plan(d, v, path, &of->plan)) ||
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

static int decode_criteria(dec *d, const json_t *a, const char *path, long *out)
{
    char pi[PATH_MAX_LEN], expected[128] = "";
    *out = 0;
    for (int c = 1; c <= ITAV_CRITERION_COUNT; c++) {
        strcat(expected, c > 1 ? ", " : "");
        strcat(expected, itav_code_name(ITAV_CODE_CRITERION, c));
    }
    if (!json_is_array(a) || !json_array_size(a))
        return problem(d, path, "expected a non-empty array of criteria (%s), found %s",
                       expected, json_is_array(a) ? "an empty array" : type_name(a));
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

static int decode_plan_value(dec *d, const json_t *v, const char *path, int field, long *out)
{
    long lo = 0, hi = 0;
    if (field == ITAV_PLAN_CRITERIA)
        return decode_criteria(d, v, path, out);
    if (plan_flag(field)) {
        if (!json_is_boolean(v))
            return problem(d, path, "expected true or false, found %s", type_name(v));
        *out = json_is_true(v);
        return ITAV_OK;
    }
    if (!json_is_integer(v))
        return problem(d, path, "expected an integer, found %s", type_name(v));
    itav__plan_range((itav_plan_field)field, &lo, &hi);
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return problem(d, path, "%lld is out of range (%ld to %ld)", (long long)x, lo, hi);
    *out = (long)x;
    return ITAV_OK;
}

static int decode_plan_sources(dec *d, const json_t *s, const char *path, itav_plan *plan)
{
    char pk[PATH_MAX_LEN];
    const char *key;
    json_t *v;
    if (!json_is_object(s))
        return problem(d, path, "expected an object, found %s", type_name(s));
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
static int decode_plan(dec *d, const json_t *obj, const char *path, itav_plan **slot)
{
    static const char *const members[] = {"trial", "trial_months", "review_months",
        "max_months", "max_distance_m", "vog", "vog_valid_months", "training", "criteria",
        "final_review", "sources", NULL};
    char p[PATH_MAX_LEN], pf[PATH_MAX_LEN];
    const json_t *v = json_object_get(obj, "plan");
    itav_plan *plan;
    int rc;
    if (!v)
        return ITAV_OK;
    join(p, path, "plan");
    if ((rc = object(d, v, p, members, 0)))
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
static int participant_flag(dec *d, const json_t *obj, const char *path, const char *key,
                            int *out)
{
    char p[PATH_MAX_LEN];
    const json_t *v = json_object_get(obj, key);
    *out = json_is_true(v);
    join(p, path, key);
    return !v || json_is_boolean(v) ? ITAV_OK
                                    : problem(d, p, "expected true or false, found %s",
                                              type_name(v));
}

/* An array of single-bit codes of one type, or-ed into *out; expected says which codes. */
static int participant_bits(dec *d, const json_t *obj, const char *path, const char *key,
                            itav_code_type type, const char *expected, unsigned long *out)
{
    char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
    const json_t *a = json_object_get(obj, key);
    *out = 0;
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of codes, found %s", type_name(a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        int bit;
        join_index(pi, p, i);
        if (!json_is_string(v))
            return problem(d, pi, "expected a string, found %s", type_name(v));
        if (itav_code_parse(&bit, type, json_string_value(v)) != ITAV_OK)
            return problem(d, pi, "unknown code \"%s\" (expected %s)", json_string_value(v),
                           expected);
        *out |= (unsigned long)bit;
    }
    return ITAV_OK;
}

/* An array of strings, each given to a participant setter; what says what the setter
 * accepts, for the message when it refuses one. */
static int participant_items(dec *d, const json_t *obj, const char *path, const char *key,
                             itav_participant *pt, int (*add)(itav_participant *, const char *),
                             const char *what)
{
    char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
    const json_t *a = json_object_get(obj, key);
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array of strings, found %s", type_name(a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        const json_t *v = json_array_get(a, i);
        join_index(pi, p, i);
        if (!json_is_string(v))
            return problem(d, pi, "expected a string, found %s", type_name(v));
        if (strlen(json_string_value(v)) != json_string_length(v))
            return problem(d, pi, "text contains a NUL character");
        int rc = add(pt, json_string_value(v));
        if (rc == ITAV_EINVAL)
            return problem(d, pi, "\"%s\" is not %s", json_string_value(v), what);
        if (rc != ITAV_OK)
            return nomem(d, pi);
    }
    return ITAV_OK;
}

static int decode_participant_location(dec *d, const json_t *v, const char *path,
                                       itav_participant *pt)
{
    static const char *const members[] = {"lat", "lon", NULL};
    char p[PATH_MAX_LEN], pc[PATH_MAX_LEN];
    const json_t *loc = json_object_get(v, "location");
    double lat, lon;
    int rc;
    if (!loc)
        return ITAV_OK;
    join(p, path, "location");
    if ((rc = object(d, loc, p, members, 2)) || (rc = number_member(d, loc, p, "lat", &lat)) ||
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

static int decode_participant_ages(dec *d, const json_t *v, const char *path,
                                   itav_participant *pt)
{
    static const char *const members[] = {"min", "max", NULL};
    char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
    const json_t *a = json_object_get(v, "children"), *range = json_object_get(v, "age_range");
    long min, max;
    bool present;
    int rc;
    if (a) {
        join(p, path, "children");
        if (!json_is_array(a))
            return problem(d, p, "expected an array of ages in months, found %s", type_name(a));
        if (json_array_size(a) > ITAV_CHILDREN_MAX)
            return problem(d, p, "more than %d children", ITAV_CHILDREN_MAX);
        for (size_t i = 0; i < json_array_size(a); i++) {
            const json_t *c = json_array_get(a, i);
            join_index(pi, p, i);
            if (!json_is_integer(c))
                return problem(d, pi, "expected an integer, found %s", type_name(c));
            if (itav_participant_add_child(pt, (int32_t)json_integer_value(c)) != ITAV_OK)
                return problem(d, pi, "%lld is out of range (0 to 300 months)",
                               (long long)json_integer_value(c));
        }
    }
    if (!range)
        return ITAV_OK;
    join(p, path, "age_range");
    if ((rc = object(d, range, p, members, 2)) ||
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
static int check_participant_status(dec *d, const char *path, const itav_participant *pt)
{
    char p[PATH_MAX_LEN];
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

static int decode_participant(dec *d, const json_t *v, const char *path, itav_participant **out)
{
    const char *ref, *offer, *municipality, *postcode;
    char p[PATH_MAX_LEN];
    int kind, status, trained, language_required, rc;
    int32_t status_date, vog_date, registered;
    unsigned long availability, support;
    long capacity = 1;
    bool has_capacity;
    itav_participant *pt = NULL;
    if ((rc = object(d, v, path, participant_members, 4)) ||
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
        (rc = text(d, v, path, "municipality", &municipality)) ||
        (rc = text(d, v, path, "postcode", &postcode)) ||
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
            rc = problem(d, p, "expected a number, found %s", type_name(dist));
        else if (itav_participant_set_max_distance(pt, json_number_value(dist)) != ITAV_OK)
            rc = problem(d, p, "%g is out of range (0 to 20000000 metres)",
                         json_number_value(dist));
        if (rc)
            goto fail;
    }
    if ((rc = decode_participant_location(d, v, path, pt)) ||
        (rc = decode_participant_ages(d, v, path, pt)) ||
        (rc = participant_items(d, v, path, "languages", pt, itav_participant_add_language,
                                "an ISO 639-1 language code (two lower-case letters)")) ||
        (rc = participant_items(d, v, path, "interests", pt, itav_participant_add_interest,
                                "an interest tag (lower-case letters, digits and single "
                                "hyphens)")) ||
        (rc = participant_items(d, v, path, "exclusions", pt, itav_participant_add_exclusion,
                                "another participant's reference")))
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
static int match_party(dec *d, const json_t *obj, const char *path, const char *key,
                       const char **out)
{
    int rc = required_text(d, obj, path, key, out);
    if (rc == ITAV_OK && !itav__valid_participant_ref(*out) && !itav__is_erased_ref(*out)) {
        char p[PATH_MAX_LEN];
        join(p, path, key);
        return problem(d, p, "\"%s\" is not a valid participant reference", *out);
    }
    return rc;
}

/* One entry of the trail, checked against the entry before it (none for the first). */
static int match_transition(dec *d, const json_t *v, const char *path, itav_match *m)
{
    static const char *const members[] = {"state", "date", "actor", "note", NULL};
    char p[PATH_MAX_LEN];
    const char *note;
    int state, actor, rc;
    int32_t date;
    if ((rc = object(d, v, path, members, 3)) ||
        (rc = code_member(d, v, path, "state", ITAV_CODE_MATCH_STATE, &state)) ||
        (rc = date_member(d, v, path, "date", &date)) ||
        (rc = code_member(d, v, path, "actor", ITAV_CODE_ACTOR, &actor)) ||
        (rc = text(d, v, path, "note", &note)))
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

static int decode_match(dec *d, const json_t *v, const char *path, itav_match **out)
{
    const char *id, *offer, *asking, *supporting, *previous = NULL;
    char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
    int state, reason, rc;
    itav_match *m = NULL;
    if ((rc = object(d, v, path, match_members, 6)) || (rc = id_member(d, v, path, "id", &id)) ||
        (rc = id_member(d, v, path, "offer", &offer)) ||
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
static bool load_nomem(const json_error_t *e)
{
    return !e->text[0] || json_error_code(e) == json_error_out_of_memory;
}

/* jansson reports a failed allocation of a string token as a syntax error. A real syntax
 * error is there again, at the same place, when the text is parsed a second time. */
static bool same_error(const json_error_t *a, const json_error_t *b)
{
    return !load_nomem(b) && a->position == b->position && strcmp(a->text, b->text) == 0;
}

/* Parses into *out; ITAV_EFORMAT (the message names the place) or ITAV_ENOMEM. */
static int parse(json_t **out, dec *d, const char *json, size_t size, const char *name)
{
    json_error_t e, again;
    *out = json_loadb(json, size, JSON_REJECT_DUPLICATES, &e);
    if (!*out && !load_nomem(&e)) {
        *out = json_loadb(json, size, JSON_REJECT_DUPLICATES, &again);
        if (!*out && !same_error(&e, &again))
            e.text[0] = '\0'; /* not a syntax error: memory ran out */
    }
    if (*out)
        return ITAV_OK;
    if (load_nomem(&e)) {
        snprintf(d->err, d->errsize, "%s: out of memory", name);
        return ITAV_ENOMEM;
    }
    snprintf(d->err, d->errsize, "%s:%d:%d: %s", name, e.line, e.column, e.text);
    return ITAV_EFORMAT;
}

int itav__intervention_decode(itav_intervention **out, const char *json, size_t size,
                              char *err, size_t errsize)
{
    dec d = {err, errsize};
    json_t *v;
    int rc = parse(&v, &d, json, size, "<record>");
    if (rc != ITAV_OK)
        return rc;
    rc = decode_intervention(&d, v, "$", out);
    json_decref(v);
    return rc;
}

int itav__offer_decode(itav_offer **out, const char *json, size_t size, char *err,
                       size_t errsize)
{
    dec d = {err, errsize};
    json_t *v;
    int rc = parse(&v, &d, json, size, "<record>");
    if (rc != ITAV_OK)
        return rc;
    rc = decode_offer(&d, v, "$", out);
    json_decref(v);
    return rc;
}

/* ======================================================================================
 * Public record functions
 * ====================================================================================== */

ITAV_API int itav_intervention_to_json(char **out, const itav_intervention *iv)
{
    if (!out || !iv)
        return ITAV_EINVAL;
    return itav__intervention_encode(out, iv, true);
}

ITAV_API int itav_offer_to_json(char **out, const itav_offer *of)
{
    if (!out || !of)
        return ITAV_EINVAL;
    return itav__offer_encode(out, of, true);
}

ITAV_API int itav_intervention_from_json(itav_intervention **out, itav_db *db,
                                         const char *json)
{
    char err[512];
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the intervention given");
    if (!json)
        return itav__error(db, ITAV_EINVAL, "no JSON text given");
    int rc = itav__intervention_decode(out, json, strlen(json), err, sizeof err);
    return rc == ITAV_OK ? rc : itav__error(db, rc, "%s", err);
}

ITAV_API int itav_offer_from_json(itav_offer **out, itav_db *db, const char *json)
{
    char err[512];
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the offer given");
    if (!json)
        return itav__error(db, ITAV_EINVAL, "no JSON text given");
    int rc = itav__offer_decode(out, json, strlen(json), err, sizeof err);
    return rc == ITAV_OK ? rc : itav__error(db, rc, "%s", err);
}

/* The record codec of a kind: itav__<kind>_encode() and itav__<kind>_decode() over its
 * static encode_<kind>() and decode_<kind>(). */
#define RECORD_CODEC(kind, type)                                                              \
    int itav__##kind##_encode(char **out, const type *obj, bool pretty)                       \
    {                                                                                         \
        return dump(out, encode_##kind(obj), pretty);                                         \
    }                                                                                         \
    int itav__##kind##_decode(type **out, const char *json, size_t size, char *err,           \
                              size_t errsize)                                                 \
    {                                                                                         \
        dec d = {err, errsize};                                                               \
        json_t *v;                                                                            \
        int rc = parse(&v, &d, json, size, "<record>");                                       \
        if (rc != ITAV_OK)                                                                    \
            return rc;                                                                        \
        rc = decode_##kind(&d, v, "$", out);                                                  \
        json_decref(v);                                                                       \
        return rc;                                                                            \
    }

/* ---- participants (record codec and public JSON functions) ---- */

RECORD_CODEC(participant, itav_participant)

ITAV_API int itav_participant_to_json(char **out, const itav_participant *p)
{
    if (!out || !p)
        return ITAV_EINVAL;
    return itav__participant_encode(out, p, true);
}

ITAV_API int itav_participant_from_json(itav_participant **out, itav_db *db, const char *json)
{
    char err[512];
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the participant given");
    if (!json)
        return itav__error(db, ITAV_EINVAL, "no JSON text given");
    int rc = itav__participant_decode(out, json, strlen(json), err, sizeof err);
    return rc == ITAV_OK ? rc : itav__error(db, rc, "%s", err);
}

/* ---- matches (record codec and public JSON functions) ---- */

RECORD_CODEC(match, itav_match)

ITAV_API int itav_match_to_json(char **out, const itav_match *m)
{
    if (!out || !m)
        return ITAV_EINVAL;
    return itav__match_encode(out, m, true);
}

/* ---- reviews (record codec) ---- */
/* encode_review() and decode_review(), in the pattern of the match codec. */
static json_t *encode_review(const itav_review *r)
{
    json_t *o = json_object(), *effects = json_object();
    bool ok = o && effects && put_text(o, "id", r->id) && put_text(o, "match", r->match) &&
              put_text(o, "offer", r->offer) &&
              put_code(o, "kind", ITAV_CODE_REVIEW_KIND, r->kind) && put_date(o, "date", r->date) &&
              put_code(o, "respondent", ITAV_CODE_RESPONDENT, r->respondent) &&
              (!r->satisfaction || put(o, "satisfaction", json_integer(r->satisfaction))) &&
              (!r->safety || put(o, "safety_concern", json_true())) &&
              put_text(o, "safety_note", r->safety_note);
    for (int e = 1; ok && e <= ITAV_EFFECT_COUNT; e++)
        if (r->effect[e] != ITAV_EFFECT_UNKNOWN)
            ok = put(effects, itav_code_name(ITAV_CODE_EFFECT, e), json_integer(r->effect[e]));
    ok = ok && (!json_object_size(effects) || attach(o, "effects", &effects)) &&
         put_code(o, "formal_help", ITAV_CODE_FORMAL_HELP, r->help) &&
         put_text(o, "note", r->note);
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
static int review_effects(dec *d, const json_t *obj, const char *path, itav_review *r)
{
    char p[PATH_MAX_LEN], pe[PATH_MAX_LEN];
    const json_t *v = json_object_get(obj, "effects"), *score;
    const char *key;
    if (!v)
        return ITAV_OK;
    join(p, path, "effects");
    if (!json_is_object(v))
        return problem(d, p, "expected an object of effect scores, found %s", type_name(v));
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

static int decode_review(dec *d, const json_t *v, const char *path, itav_review **out)
{
    const char *id, *match, *offer, *safety_note, *note;
    char p[PATH_MAX_LEN];
    int kind, respondent, help, rc;
    long satisfaction = 0;
    bool present;
    int32_t date;
    itav_review *r = NULL;
    *out = NULL;
    if ((rc = object(d, v, path, review_members, 6)) || (rc = id_member(d, v, path, "id", &id)) ||
        (rc = id_member(d, v, path, "match", &match)) ||
        (rc = id_member(d, v, path, "offer", &offer)) ||
        (rc = code_member(d, v, path, "kind", ITAV_CODE_REVIEW_KIND, &kind)) ||
        (rc = date_member(d, v, path, "date", &date)) ||
        (rc = code_member(d, v, path, "respondent", ITAV_CODE_RESPONDENT, &respondent)) ||
        (rc = int_member(d, v, path, "satisfaction", 1, 10, &present, &satisfaction)) ||
        (rc = text(d, v, path, "safety_note", &safety_note)) ||
        (rc = code_member(d, v, path, "formal_help", ITAV_CODE_FORMAL_HELP, &help)) ||
        (rc = text(d, v, path, "note", &note)))
        return rc;
    if (!kind || !respondent || date == ITAV_DATE_NONE)
        return problem(d, path, "kind, date and respondent must not be empty");
    const json_t *concern = json_object_get(v, "safety_concern");
    join(p, path, "safety_concern");
    if (concern && !json_is_boolean(concern))
        return problem(d, p, "expected true or false, found %s", type_name(concern));
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

RECORD_CODEC(review, itav_review)

/* ---- indicators (record codec) ---- */
/* encode_indicator() and decode_indicator(). */
static json_t *encode_target(const itav__target *t)
{
    json_t *o = json_object();
    bool ok = o && put_code(o, "comparator", ITAV_CODE_COMPARATOR, t->cmp) &&
              put(o, "value", number(t->value)) &&
              (t->cmp != ITAV_CMP_BETWEEN || put(o, "high", number(t->high))) &&
              (!t->relative || put(o, "relative", json_true())) &&
              put_date(o, "deadline", t->deadline) && put_text(o, "text", t->text) &&
              put_text(o, "source", t->source);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *encode_measurement(const itav__measurement *m)
{
    json_t *o = json_object();
    bool ok = o && put_date(o, "date", m->date) && put_text(o, "period", m->period) &&
              put(o, "quantity", encode_quantity(m->qty.qualifier, m->qty.min, m->qty.max,
                                                 m->text)) &&
              put_text(o, "source", m->source);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *encode_indicator(const itav_indicator *ind)
{
    json_t *o = json_object(), *sub = NULL, *a = NULL;
    bool ok = o && put_text(o, "id", ind->id) && put_text(o, "offer", ind->offer) &&
              put_code(o, "type", ITAV_CODE_MEASURE, ind->type) &&
              put_text(o, "name", ind->name) && put_text(o, "unit", ind->unit);
    if (ok && !isnan(ind->scale_low))
        ok = (sub = json_object()) && put(sub, "low", number(ind->scale_low)) &&
             put(sub, "high", number(ind->scale_high)) && attach(o, "scale", &sub);
    ok = ok && put_code(o, "derived", ITAV_CODE_DERIVED, ind->derived) &&
         put_text(o, "municipality", ind->municipality);
    if (ok && ind->has_baseline)
        ok = (sub = json_object()) && put_date(sub, "date", ind->baseline_date) &&
             put(sub, "quantity", encode_quantity(ind->baseline.qualifier, ind->baseline.min,
                                                  ind->baseline.max, ind->baseline_text)) &&
             put_text(sub, "source", ind->baseline_source) && attach(o, "baseline", &sub);
    if (ok && ind->ntargets) {
        ok = (a = json_array()) != NULL;
        for (size_t i = 0; ok && i < ind->ntargets; i++)
            ok = push(a, encode_target(&ind->targets[i]));
        ok = ok && attach(o, "targets", &a);
    }
    if (ok && ind->nmeasurements) {
        ok = (a = json_array()) != NULL;
        for (size_t i = 0; ok && i < ind->nmeasurements; i++)
            ok = push(a, encode_measurement(&ind->measurements[i]));
        ok = ok && attach(o, "measurements", &a);
    }
    ok = ok && put_text(o, "note", ind->note) && put_text(o, "source", ind->source);
    json_decref(sub);
    json_decref(a);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int decode_indicator_scale(dec *d, const json_t *v, const char *path,
                                  itav_indicator *ind)
{
    static const char *const members[] = {"low", "high", NULL};
    char p[PATH_MAX_LEN];
    const json_t *sc = json_object_get(v, "scale");
    double low, high;
    int rc;
    if (!sc)
        return ITAV_OK;
    join(p, path, "scale");
    if ((rc = object(d, sc, p, members, 2)) || (rc = number_member(d, sc, p, "low", &low)) ||
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
static int indicator_problem(dec *d, const char *path, int rc, const char *what)
{
    if (rc == ITAV_ENOMEM)
        return nomem(d, path);
    if (rc == ITAV_ERANGE)
        return problem(d, path, "%s is off the indicator's scale", what);
    if (rc == ITAV_EEXISTS)
        return problem(d, path, "another measurement has the same date");
    return problem(d, path, "not a valid %s", what);
}

static int decode_indicator_baseline(dec *d, const json_t *v, const char *path,
                                     itav_indicator *ind)
{
    static const char *const members[] = {"date", "quantity", "source", NULL};
    char p[PATH_MAX_LEN], qp[PATH_MAX_LEN];
    const json_t *b = json_object_get(v, "baseline");
    const char *qtext, *source;
    double min, max;
    int32_t date;
    int qual, rc;
    if (!b)
        return ITAV_OK;
    join(p, path, "baseline");
    if ((rc = object(d, b, p, members, 2)) || (rc = date_member(d, b, p, "date", &date)) ||
        (rc = decode_quantity(d, b, p, qp, &qual, &min, &max, &qtext)) ||
        (rc = ref_member(d, b, p, "source", &source)))
        return rc;
    if (date == ITAV_DATE_NONE)
        return problem(d, p, "required member \"date\" is empty");
    rc = itav_indicator_set_baseline(ind, date, (itav_qualifier)qual, min, max, qtext, source);
    return rc ? indicator_problem(d, qp, rc, "quantity") : ITAV_OK;
}

static int decode_indicator_target(dec *d, const json_t *t, const char *path,
                                   itav_indicator *ind)
{
    static const char *const members[] = {"comparator", "value", "deadline", "high",
                                          "relative", "text", "source", NULL};
    char p[PATH_MAX_LEN];
    const char *words, *source;
    double value, high = 0;
    int32_t deadline;
    int cmp, rc;
    if ((rc = object(d, t, path, members, 3)) ||
        (rc = code_member(d, t, path, "comparator", ITAV_CODE_COMPARATOR, &cmp)) ||
        (rc = number_member(d, t, path, "value", &value)) ||
        (rc = date_member(d, t, path, "deadline", &deadline)) ||
        (rc = text(d, t, path, "text", &words)) ||
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
        return problem(d, p, "expected true or false, found %s", type_name(rel));
    rc = itav_indicator_add_target(ind, (itav_comparator)cmp, value, high, json_is_true(rel),
                                   deadline, words, source);
    join(p, path, "value");
    return rc ? indicator_problem(d, p, rc, "target") : ITAV_OK;
}

static int decode_indicator_measurement(dec *d, const json_t *m, const char *path,
                                        itav_indicator *ind)
{
    static const char *const members[] = {"date", "quantity", "period", "source", NULL};
    char p[PATH_MAX_LEN], qp[PATH_MAX_LEN];
    const char *period, *qtext, *source;
    double min, max;
    int32_t date;
    int qual, rc;
    if ((rc = object(d, m, path, members, 2)) || (rc = date_member(d, m, path, "date", &date)) ||
        (rc = text(d, m, path, "period", &period)) ||
        (rc = decode_quantity(d, m, path, qp, &qual, &min, &max, &qtext)) ||
        (rc = ref_member(d, m, path, "source", &source)))
        return rc;
    if (date == ITAV_DATE_NONE)
        return problem(d, path, "required member \"date\" is empty");
    rc = itav_indicator_add_measurement(ind, date, period, (itav_qualifier)qual, min, max,
                                        qtext, source);
    join(p, path, rc == ITAV_EEXISTS ? "date" : "quantity");
    return rc ? indicator_problem(d, p, rc, "quantity") : ITAV_OK;
}

/* An array member whose items one decoder reads into the indicator. */
static int indicator_items(dec *d, const json_t *v, const char *path, const char *key,
                           itav_indicator *ind,
                           int (*item)(dec *, const json_t *, const char *, itav_indicator *))
{
    char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
    const json_t *a = json_object_get(v, key);
    int rc;
    if (!a)
        return ITAV_OK;
    join(p, path, key);
    if (!json_is_array(a))
        return problem(d, p, "expected an array, found %s", type_name(a));
    for (size_t i = 0; i < json_array_size(a); i++) {
        join_index(pi, p, i);
        if ((rc = item(d, json_array_get(a, i), pi, ind)))
            return rc;
    }
    return ITAV_OK;
}

static const char *const indicator_members[] = {"id", "offer", "type", "name", "unit", "scale",
    "derived", "municipality", "baseline", "targets", "measurements", "note", "source", NULL};

static int decode_indicator(dec *d, const json_t *v, const char *path, itav_indicator **out)
{
    const char *id, *offer, *name, *unit, *municipality, *note, *source;
    char p[PATH_MAX_LEN];
    int type, derived, rc;
    itav_indicator *ind = NULL;
    *out = NULL;
    if ((rc = object(d, v, path, indicator_members, 3)) ||
        (rc = id_member(d, v, path, "id", &id)) || (rc = id_member(d, v, path, "offer", &offer)) ||
        (rc = code_member(d, v, path, "type", ITAV_CODE_MEASURE, &type)) ||
        (rc = text(d, v, path, "name", &name)) || (rc = text(d, v, path, "unit", &unit)) ||
        (rc = code_member(d, v, path, "derived", ITAV_CODE_DERIVED, &derived)) ||
        (rc = text(d, v, path, "municipality", &municipality)) ||
        (rc = text(d, v, path, "note", &note)) ||
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
    if (municipality && !derived) {
        join(p, path, "municipality");
        rc = problem(d, p, "only a derived indicator has a municipality");
        goto fail;
    }
    if ((rc = itav_indicator_set_derived(ind, (itav_derived)derived, municipality))) {
        join(p, path, "derived");
        rc = rc == ITAV_ENOMEM ? nomem(d, p)
                               : problem(d, p, "%s does not fit a %s (matches_started needs a "
                                               "count, mean_satisfaction a rating on 1-10 or a "
                                               "mean, formal_help a percentage)",
                                         itav_code_name(ITAV_CODE_DERIVED, derived),
                                         itav_code_name(ITAV_CODE_MEASURE, type));
        goto fail;
    }
    if ((rc = decode_indicator_baseline(d, v, path, ind)) ||
        (rc = indicator_items(d, v, path, "targets", ind, decode_indicator_target)) ||
        (rc = indicator_items(d, v, path, "measurements", ind, decode_indicator_measurement)))
        goto fail;
    *out = ind;
    return ITAV_OK;
fail:
    itav_indicator_free(ind);
    return rc;
}

RECORD_CODEC(indicator, itav_indicator)

/* ---- reports ---- */
/* itav__report_json() writes a computed report; itav__portfolio_json() a portfolio. */
static json_t *date_or_null(int32_t d)
{
    char buf[ITAV_DATE_BUFSIZE];
    return itav_date_format(buf, sizeof buf, d) == ITAV_OK ? json_string(buf) : json_null();
}

/* A number as a number, text as a string, a suppressed cell as "<k", an empty one as null. */
static json_t *encode_report_cell(const itav_report *r, const itav__cell *c)
{
    if (c->suppressed)
        return json_string(r->suppressed);
    switch (c->kind) {
    case ITAV__CELL_NUMBER: return number(c->value);
    case ITAV__CELL_TEXT: return json_string(c->text);
    case ITAV__CELL_EMPTY: break;
    }
    return json_null();
}

static json_t *encode_report_table(const itav_report *r, const itav__table *t)
{
    json_t *o = json_object(), *cols = json_array(), *rows = json_array();
    bool ok = o && cols && rows && put_text(o, "name", t->name) &&
              put_text(o, "title", t->title);
    for (size_t c = 0; ok && c < t->columns.n; c++)
        ok = push(cols, json_string(t->columns.v[c]));
    for (size_t row = 0; ok && row < t->rows; row++) {
        json_t *cells = json_array();
        ok = cells != NULL;
        for (size_t c = 0; ok && c < t->columns.n; c++)
            ok = push(cells, encode_report_cell(r, itav__table_cell(t, row, c)));
        ok = ok && json_array_append(rows, cells) == 0;
        json_decref(cells);
    }
    ok = ok && attach(o, "columns", &cols) && attach(o, "rows", &rows) &&
         put(o, "note", t->note ? json_string(t->note) : json_null());
    json_decref(cols);
    json_decref(rows);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int itav__report_json(char **out, const itav_report *r)
{
    json_t *o = json_object(), *members = json_array(), *tables = json_array();
    bool ok = o && members && tables && put_text(o, "format", "itav-report/1") &&
              put_text(o, "title", r->title) && put_text(o, "offer", r->offer);
    for (size_t i = 0; ok && i < r->members.n; i++)
        ok = push(members, json_string(r->members.v[i]));
    ok = ok && attach(o, "members", &members) && put(o, "as_of", date_or_null(r->as_of)) &&
         put(o, "from", date_or_null(r->from)) && put(o, "to", date_or_null(r->to)) &&
         put(o, "k", json_integer(r->k));
    for (size_t t = 0; ok && t < r->ntables; t++)
        ok = push(tables, encode_report_table(r, &r->tables[t]));
    ok = ok && attach(o, "tables", &tables);
    json_decref(members);
    json_decref(tables);
    if (!ok) {
        json_decref(o);
        return ITAV_ENOMEM;
    }
    return dump(out, o, true);
}

/* Portfolios (itav_portfolio_to_json). A share of an empty portfolio is null, not 0: there
 * is nothing to be a share of. */
static json_t *portfolio_share(const itav_portfolio *p, itav_element e)
{
    return p->members.n ? number((double)p->npresent[e] / (double)p->members.n) : json_null();
}

static json_t *portfolio_ids(const itav__strlist *l)
{
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; ok && i < l->n; i++)
        ok = push(a, json_string(l->v[i]));
    if (!ok) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *portfolio_coverage(const itav_portfolio *p)
{
    json_t *o = json_object(), *c = NULL;
    bool ok = o != NULL;
    for (int e = 1; ok && e <= ITAV_ELEMENT_COUNT; e++)
        ok = (c = json_object()) && put(c, "present", json_integer((json_int_t)p->npresent[e])) &&
             put(c, "known", json_integer((json_int_t)p->nknown[e])) &&
             put(c, "share", portfolio_share(p, (itav_element)e)) &&
             attach(o, itav_element_code((itav_element)e), &c);
    json_decref(c);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Setting (rows) by scope (columns), every cell, "not_stated" for 0. */
static json_t *portfolio_table(const itav_portfolio *p)
{
    json_t *o = json_object(), *row = NULL;
    bool ok = o != NULL;
    for (int s = 1; ok && s <= 4; s++) {
        int setting = s % 4; /* 1, 2, 3, then 0 */
        ok = (row = json_object()) != NULL;
        for (int c = 1; ok && c <= 4; c++) {
            int scope = c % 4;
            ok = put(row, scope ? itav_code_name(ITAV_CODE_SCOPE, scope) : "not_stated",
                     json_integer((json_int_t)p->table[setting][scope]));
        }
        ok = ok && attach(o, setting ? itav_code_name(ITAV_CODE_SETTING, setting) : "not_stated",
                          &row);
    }
    json_decref(row);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *encode_portfolio(const itav_portfolio *p)
{
    json_t *o = json_object(), *flags = json_object();
    bool ok = o && flags && put(o, "count", json_integer((json_int_t)p->members.n)) &&
              (p->source == ITAV_PROFILE_DEFAULT ||
               put_code(o, "profile", ITAV_CODE_PROFILE_SOURCE, p->source)) &&
              put(o, "members", portfolio_ids(&p->members)) &&
              put(o, "coverage", portfolio_coverage(p)) && put(o, "table", portfolio_table(p));
    for (int f = 1; ok && f <= ITAV__PORTFOLIO_FLAGS; f++)
        ok = put(flags, itav_code_name(ITAV_CODE_PORTFOLIO_FLAG, f),
                 portfolio_ids(&p->flagged[f]));
    ok = ok && attach(o, "flags", &flags);
    json_decref(flags);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Per element, the share of b minus the share of a; null when either is empty. */
static json_t *portfolio_difference(const itav_portfolio *a, const itav_portfolio *b)
{
    json_t *o = json_object();
    bool ok = o != NULL;
    for (int e = 1; ok && e <= ITAV_ELEMENT_COUNT; e++) {
        json_t *d = json_null();
        if (a->members.n && b->members.n)
            d = number((double)b->npresent[e] / (double)b->members.n -
                       (double)a->npresent[e] / (double)a->members.n);
        ok = put(o, itav_element_code((itav_element)e), d);
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int itav__portfolio_json(char **out, const itav_portfolio *a, const itav_portfolio *b)
{
    if (!b)
        return dump(out, encode_portfolio(a), true);
    json_t *o = json_object();
    if (o && !(put(o, "a", encode_portfolio(a)) && put(o, "b", encode_portfolio(b)) &&
               put(o, "difference", portfolio_difference(a, b)))) {
        json_decref(o);
        o = NULL;
    }
    return dump(out, o, true);
}

/* ======================================================================================
 * Datasets
 * ====================================================================================== */

/* Every problem of an import, collected so that one run reports them all. */
typedef struct report {
    char text[900];
    size_t len;
    int count;
    int code; /* EFORMAT, or ENOMEM/EIO if those happened */
} report;

static void report_add(report *r, const char *name, const char *msg, int code)
{
    if (r->count == 0 || code != ITAV_EFORMAT)
        r->code = code;
    r->count++;
    int n = snprintf(r->text + r->len, sizeof r->text - r->len, "%s%s: %s",
                     r->len ? "\n" : "", name, msg);
    if (n < 0 || r->len + (size_t)n >= sizeof r->text)
        r->text[r->len] = '\0'; /* keep whole lines only; the count says how many more */
    else
        r->len += (size_t)n;
}

typedef struct dataset {
    itav_intervention **ivs;
    size_t niv;
    itav_offer **ofs;
    size_t nof;
    itav_participant **pts;
    size_t npt;
    itav_match **ms;
    size_t nm;
    itav_indicator **inds;
    size_t nind;
    itav_review **rvs;
    size_t nrv;
    /* The decoded participants' refs and matches' ids, sorted, for lookups that stay fast
     * on imports of many thousands (built by check_participants and check_matches). */
    struct keyed *pt_keys, *m_keys;
    size_t npt_keys, nm_keys;
} dataset;

static void dataset_free(dataset *ds)
{
    for (size_t i = 0; i < ds->niv; i++)
        itav_intervention_free(ds->ivs[i]);
    for (size_t i = 0; i < ds->nof; i++)
        itav_offer_free(ds->ofs[i]);
    for (size_t i = 0; i < ds->npt; i++)
        itav_participant_free(ds->pts[i]);
    for (size_t i = 0; i < ds->nm; i++)
        itav_match_free(ds->ms[i]);
    for (size_t i = 0; i < ds->nind; i++)
        itav_indicator_free(ds->inds[i]);
    for (size_t i = 0; i < ds->nrv; i++)
        itav_review_free(ds->rvs[i]);
    itav__free(ds->inds);
    itav__free(ds->rvs);
    itav__free(ds->ivs);
    itav__free(ds->ofs);
    itav__free(ds->pts);
    itav__free(ds->ms);
    itav__free(ds->pt_keys);
    itav__free(ds->m_keys);
}

static bool offer_in_file(const dataset *ds, const char *offer_id)
{
    for (size_t i = 0; i < ds->nof; i++)
        if (ds->ofs[i] && strcmp(ds->ofs[i]->id, offer_id) == 0)
            return true;
    return false;
}

/* A key (a ref or an id) of the record at position `at` of its array. */
typedef struct keyed {
    const char *key;
    size_t at;
} keyed;

static int by_key_then_place(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->at > b->at) - (a->at < b->at);
}

/* Sorts the keys and reports every key after the first of its kind as a duplicate. */
static void sort_keys(keyed *keys, size_t n, const char *array, const char *member,
                      const char *name, report *r)
{
    char err[512];
    if (n > 1)
        qsort(keys, n, sizeof *keys, by_key_then_place);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(keys[i].key, keys[first].key) != 0) {
            first = i;
            continue;
        }
        snprintf(err, sizeof err, "$.%s[%zu].%s: duplicate %s \"%s\" (also at $.%s[%zu])",
                 array, keys[i].at, member, member, keys[i].key, array, keys[first].at);
        report_add(r, name, err, ITAV_EFORMAT);
    }
}

/* The position of the first record with key, or -1. */
static long find_key(const keyed *keys, size_t n, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first key not less than `key` */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(keys[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(keys[lo].key, key) == 0 ? (long)keys[lo].at : -1;
}

static bool match_in_file(const dataset *ds, const char *id)
{
    return find_key(ds->m_keys, ds->nm_keys, id) >= 0;
}

static const itav_participant *participant_in_file(const dataset *ds, const char *ref)
{
    long at = find_key(ds->pt_keys, ds->npt_keys, ref);
    return at >= 0 ? ds->pts[at] : NULL;
}

/* Participants: unique refs, new to the store, their offer in the file or the store. */
static void check_participants(itav_db *db, const json_t *pts, const char *name, dataset *ds,
                               report *r)
{
    char err[512], p[PATH_MAX_LEN];
    dec d = {err, sizeof err};
    if (ds->npt && !(ds->pt_keys = itav__calloc(ds->npt, sizeof *ds->pt_keys))) {
        report_add(r, name, "out of memory", ITAV_ENOMEM);
        return;
    }
    for (size_t i = 0; i < ds->npt; i++) {
        snprintf(p, sizeof p, "$.participants[%zu]", i);
        int rc = decode_participant(&d, json_array_get(pts, i), p, &ds->pts[i]);
        if (rc != ITAV_OK) {
            report_add(r, name, err, rc);
            continue;
        }
        const itav_participant *pt = ds->pts[i];
        bool exists = false, known = offer_in_file(ds, pt->offer);
        if ((rc = itav__participant_check_fields(db, pt)) != ITAV_OK) {
            snprintf(err, sizeof err, "%s: %s", p, itav_errmsg(db));
            report_add(r, name, err, ITAV_EFORMAT);
        }
        ds->pt_keys[ds->npt_keys++] = (keyed){pt->ref, i};
        if ((rc = itav__exists(&exists, db, ITAV__KIND_PARTICIPANT, pt->ref)) != ITAV_OK ||
            (!known && (rc = itav__exists(&known, db, ITAV__KIND_OFFER, pt->offer)))) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        if (exists) {
            snprintf(err, sizeof err, "%s.ref: participant \"%s\" is already in the store", p,
                     pt->ref);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        if (!known) {
            snprintf(err, sizeof err, "%s.offer: no offer \"%s\" in the file or the store", p,
                     pt->offer);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    sort_keys(ds->pt_keys, ds->npt_keys, "participants", "ref", name, r);
}

/* Checks that a match's participant is in the file or the store, on the right side and in
 * the match's offer. */
static void check_match_side(itav_db *db, const itav_match *m, const char *path,
                             const char *name, const dataset *ds, itav_side side, report *r)
{
    char err[512];
    const char *ref = side == ITAV_SIDE_ASKING ? m->asking : m->supporting;
    const char *member = side == ITAV_SIDE_ASKING ? "asking" : "supporting";
    itav_participant *stored = NULL;
    const itav_participant *pt = participant_in_file(ds, ref);
    if (!pt) {
        int rc = itav__participant_read(&stored, db, ref);
        if (rc == ITAV_ENOTFOUND) {
            snprintf(err, sizeof err, "%s.%s: no participant \"%s\" in the file or the store",
                     path, member, ref);
            report_add(r, name, err, ITAV_EFORMAT);
            return;
        }
        if (rc != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
            return;
        }
        pt = stored;
    }
    if (itav__kind_side(pt->kind) != side)
        snprintf(err, sizeof err, "%s.%s: participant \"%s\" is on the %s side", path, member,
                 ref, itav_code_name(ITAV_CODE_SIDE, (int)itav__kind_side(pt->kind)));
    else if (strcmp(pt->offer, m->offer) != 0)
        snprintf(err, sizeof err, "%s.%s: participant \"%s\" is in offer \"%s\", the match "
                 "in \"%s\"", path, member, ref, pt->offer, m->offer);
    else
        err[0] = '\0';
    if (err[0])
        report_add(r, name, err, ITAV_EFORMAT);
    itav_participant_free(stored);
}

/* A match's previous match exists (in the file or the store) and is another match. */
static void check_previous(itav_db *db, const itav_match *m, const char *path,
                           const char *name, const dataset *ds, report *r)
{
    char err[512];
    bool known = false;
    int rc = ITAV_OK;
    if (!m->previous)
        return;
    if (strcmp(m->previous, m->id) == 0)
        snprintf(err, sizeof err, "%s.previous: a match cannot follow itself", path);
    else if ((known = match_in_file(ds, m->previous)) ||
             (rc = itav__exists(&known, db, ITAV__KIND_MATCH, m->previous)) != ITAV_OK || known)
        err[0] = '\0';
    else
        snprintf(err, sizeof err, "%s.previous: no match \"%s\" in the file or the store", path,
                 m->previous);
    if (rc != ITAV_OK)
        report_add(r, name, itav_errmsg(db), rc);
    else if (err[0])
        report_add(r, name, err, ITAV_EFORMAT);
}

/* The statuses of the file's participants agree with the file's open matches: matched
 * exactly when a participant has one, one at a time on the asking side, no more than the
 * capacity on the supporting side. */
static void check_open_matches(const dataset *ds, const char *name, report *r)
{
    char err[512];
    size_t *open_of = itav__calloc(ds->npt + 1, sizeof *open_of);
    if (!open_of) {
        report_add(r, name, "out of memory", ITAV_ENOMEM);
        return;
    }
    for (size_t k = 0; k < ds->nm; k++) {
        const itav_match *m = ds->ms[k];
        if (!m || !itav__match_open(m->state))
            continue;
        long asking = find_key(ds->pt_keys, ds->npt_keys, m->asking);
        long supporting = find_key(ds->pt_keys, ds->npt_keys, m->supporting);
        if (asking >= 0)
            open_of[asking]++;
        if (supporting >= 0)
            open_of[supporting]++;
    }
    for (size_t i = 0; i < ds->npt; i++) {
        const itav_participant *pt = ds->pts[i];
        if (!pt || pt->status == ITAV_PSTATUS_ERASED)
            continue;
        size_t open = open_of[i];
        bool matched = pt->status == ITAV_PSTATUS_MATCHED;
        int limit = itav__kind_side(pt->kind) == ITAV_SIDE_ASKING ? 1 : pt->capacity;
        if (matched != (open > 0))
            snprintf(err, sizeof err, "$.participants[%zu].status: %s, but the file has %zu open "
                     "matches for \"%s\" (matched goes with at least one)", i,
                     itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, pt->status), open, pt->ref);
        else if (open > (size_t)limit)
            snprintf(err, sizeof err, "$.participants[%zu]: \"%s\" has %zu open matches in the "
                     "file, more than its %d", i, pt->ref, open, limit);
        else
            continue;
        report_add(r, name, err, ITAV_EFORMAT);
    }
    itav__free(open_of);
}

/* Matches: unique ids, new to the store, both participants known and fitting. */
static void check_matches(itav_db *db, const json_t *ms, const char *name, dataset *ds,
                          report *r)
{
    char err[512], p[PATH_MAX_LEN];
    dec d = {err, sizeof err};
    if (ds->nm && !(ds->m_keys = itav__calloc(ds->nm, sizeof *ds->m_keys))) {
        report_add(r, name, "out of memory", ITAV_ENOMEM);
        return;
    }
    for (size_t i = 0; i < ds->nm; i++) {
        snprintf(p, sizeof p, "$.matches[%zu]", i);
        int rc = decode_match(&d, json_array_get(ms, i), p, &ds->ms[i]);
        if (rc != ITAV_OK) {
            report_add(r, name, err, rc);
            continue;
        }
        bool exists = false;
        ds->m_keys[ds->nm_keys++] = (keyed){ds->ms[i]->id, i};
        if ((rc = itav__exists(&exists, db, ITAV__KIND_MATCH, ds->ms[i]->id)) != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
        } else if (exists) {
            snprintf(err, sizeof err, "%s.id: match \"%s\" is already in the store", p,
                     ds->ms[i]->id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    sort_keys(ds->m_keys, ds->nm_keys, "matches", "id", name, r);
    /* Links between records, now that every id of the file is known. */
    for (size_t i = 0; i < ds->nm; i++) {
        const itav_match *m = ds->ms[i];
        if (!m)
            continue;
        snprintf(p, sizeof p, "$.matches[%zu]", i);
        check_match_side(db, m, p, name, ds, ITAV_SIDE_ASKING, r);
        check_match_side(db, m, p, name, ds, ITAV_SIDE_SUPPORTING, r);
        check_previous(db, m, p, name, ds, r);
        /* An open match binds its participants' statuses and capacity, which are checked
         * below for participants of the file; one already in the store would be changed
         * behind its back, so that goes through itav_match_propose() instead. */
        if (itav__match_open(m->state) &&
            (!participant_in_file(ds, m->asking) || !participant_in_file(ds, m->supporting))) {
            snprintf(err, sizeof err, "%s: an open match needs both participants in the file "
                     "(propose it to participants already in the store)", p);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    check_open_matches(ds, name, r);
}

static bool in_file(const dataset *ds, const char *intervention_id)
{
    for (size_t i = 0; i < ds->niv; i++)
        if (ds->ivs[i] && strcmp(ds->ivs[i]->id, intervention_id) == 0)
            return true;
    return false;
}

/* An offer's programme is another offer, in the file or the store, that is not part of a
 * programme itself (programmes are one level deep). */
static void check_programmes(itav_db *db, const char *name, dataset *ds, report *r)
{
    char err[512];
    for (size_t i = 0; i < ds->nof; i++) {
        const itav_offer *of = ds->ofs[i], *prog = NULL;
        itav_offer *stored = NULL;
        if (!of || !of->programme)
            continue;
        if (strcmp(of->programme, of->id) == 0) {
            snprintf(err, sizeof err, "$.offers[%zu].programme: an offer cannot be its own "
                     "programme", i);
            report_add(r, name, err, ITAV_EFORMAT);
            continue;
        }
        for (size_t k = 0; k < ds->nof && !prog; k++)
            if (ds->ofs[k] && strcmp(ds->ofs[k]->id, of->programme) == 0)
                prog = ds->ofs[k];
        if (!prog) {
            int rc = itav_offer_get(&stored, db, of->programme);
            if (rc != ITAV_OK && rc != ITAV_ENOTFOUND) {
                report_add(r, name, itav_errmsg(db), rc);
                continue;
            }
            prog = stored;
        }
        if (!prog || prog->programme) {
            if (!prog)
                snprintf(err, sizeof err, "$.offers[%zu].programme: no offer \"%s\" in the file "
                         "or the store", i, of->programme);
            else
                snprintf(err, sizeof err, "$.offers[%zu].programme: \"%s\" is itself part of "
                         "programme \"%s\" (programmes do not nest)", i, of->programme,
                         prog->programme);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        itav_offer_free(stored);
    }
}

/* decodes $.indicators into ds->inds/nind and checks them (ids
 * unique and not in the store, offer in the file or the store). */
static void check_indicators(itav_db *db, const json_t *a, const char *name, dataset *ds,
                             report *r)
{
    char err[512], p[PATH_MAX_LEN];
    dec d = {err, sizeof err};
    size_t n = json_array_size(a), nkeys = 0;
    keyed *keys = NULL;
    if (!n)
        return;
    ds->inds = itav__calloc(n, sizeof *ds->inds);
    keys = itav__calloc(n, sizeof *keys);
    if (!ds->inds || !keys) {
        itav__free(keys);
        report_add(r, name, "out of memory", ITAV_ENOMEM);
        return;
    }
    ds->nind = n;
    for (size_t i = 0; i < n; i++) {
        snprintf(p, sizeof p, "$.indicators[%zu]", i);
        int rc = decode_indicator(&d, json_array_get(a, i), p, &ds->inds[i]);
        if (rc != ITAV_OK) {
            report_add(r, name, err, rc);
            continue;
        }
        const itav_indicator *ind = ds->inds[i];
        bool exists = false, known = offer_in_file(ds, ind->offer);
        keys[nkeys++] = (keyed){ind->id, i};
        if ((rc = itav__exists(&exists, db, ITAV__KIND_INDICATOR, ind->id)) != ITAV_OK ||
            (!known && (rc = itav__exists(&known, db, ITAV__KIND_OFFER, ind->offer)))) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        if (exists) {
            snprintf(err, sizeof err, "%s.id: indicator \"%s\" is already in the store", p,
                     ind->id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        if (!known) {
            snprintf(err, sizeof err, "%s.offer: no offer \"%s\" in the file or the store", p,
                     ind->offer);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    sort_keys(keys, nkeys, "indicators", "id", name, r);
    itav__free(keys);
}

/* decodes $.reviews into ds->rvs/nrv and checks them (ids unique and
 * not in the store, match in the file or the store, kind fits the match). */

/* The date a match first entered a state, or ITAV_DATE_NONE. */
static int32_t first_entry(const itav_match *m, itav_match_state state)
{
    for (size_t i = 0; i < m->ntrail; i++)
        if (m->trail[i].state == state)
            return m->trail[i].date;
    return ITAV_DATE_NONE;
}

/* Checks a review against its match's trail: the match has been in the state that takes
 * that kind of review (trial: trial; periodic: active; final: active, or ended early), and
 * the review is not dated before it got there. */
static void check_review_fits(const itav_review *rv, const itav_match *m, const char *path,
                              const char *name, report *r)
{
    char err[512], when[ITAV_DATE_BUFSIZE];
    itav_match_state state = rv->kind == ITAV_REVIEW_TRIAL ? ITAV_MATCH_TRIAL : ITAV_MATCH_ACTIVE;
    int32_t since = first_entry(m, state);
    if (since == ITAV_DATE_NONE && rv->kind == ITAV_REVIEW_FINAL)
        since = first_entry(m, state = ITAV_MATCH_ENDED_EARLY);
    if (strcmp(rv->offer, m->offer) != 0)
        snprintf(err, sizeof err, "%s.offer: \"%s\" is not the offer of match \"%s\" "
                 "(\"%s\")", path, rv->offer, m->id, m->offer);
    else if (since == ITAV_DATE_NONE)
        snprintf(err, sizeof err, "%s.kind: a %s review, but match \"%s\" never was %s", path,
                 itav_code_name(ITAV_CODE_REVIEW_KIND, (int)rv->kind), m->id,
                 rv->kind == ITAV_REVIEW_TRIAL      ? "in trial"
                 : rv->kind == ITAV_REVIEW_PERIODIC ? "active"
                                                    : "active or ended early");
    else if (rv->date < since && itav_date_format(when, sizeof when, since) == ITAV_OK)
        snprintf(err, sizeof err, "%s.date: before match \"%s\" became %s on %s", path, m->id,
                 itav_code_name(ITAV_CODE_MATCH_STATE, (int)state), when);
    else
        return;
    report_add(r, name, err, ITAV_EFORMAT);
}

/* A trial review of the file with its place, for the once-per-respondent rule. */
typedef struct trial_review {
    const itav_review *rv;
    size_t at;
} trial_review;

static int by_match_respondent_place(const void *x, const void *y)
{
    const trial_review *a = x, *b = y;
    int c = strcmp(a->rv->match, b->rv->match);
    if (c)
        return c;
    if (a->rv->respondent != b->rv->respondent)
        return a->rv->respondent < b->rv->respondent ? -1 : 1;
    return (a->at > b->at) - (a->at < b->at);
}

/* Reports a trial review by a respondent that already gave one for the same match, in the
 * file (trials sorted by match, respondent, place) or in the store. */
static void check_trial_respondents(itav_db *db, trial_review *trials, size_t n,
                                    const char *name, const dataset *ds, report *r)
{
    char err[512];
    if (n > 1)
        qsort(trials, n, sizeof *trials, by_match_respondent_place);
    for (size_t i = 0; i < n; i++) {
        const itav_review *rv = trials[i].rv, *before = i ? trials[i - 1].rv : NULL;
        bool same_match = before && strcmp(before->match, rv->match) == 0;
        if (same_match && before->respondent == rv->respondent) {
            snprintf(err, sizeof err, "$.reviews[%zu]: a second trial review of match \"%s\" "
                     "by the %s side (also at $.reviews[%zu])", trials[i].at, rv->match,
                     itav_code_name(ITAV_CODE_RESPONDENT, (int)rv->respondent),
                     trials[i - 1].at);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        /* A match of the store may have trial reviews there: read them once per match. */
        if (same_match || match_in_file(ds, rv->match))
            continue;
        itav_review_iter *it;
        itav_review *stored;
        int rc = itav_review_list(&it, db, rv->match, NULL);
        if (rc != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        while (itav_review_iter_next(&stored, it) == ITAV_OK) {
            for (size_t k = i; stored->kind == ITAV_REVIEW_TRIAL && k < n &&
                               strcmp(trials[k].rv->match, rv->match) == 0; k++) {
                if (trials[k].rv->respondent != stored->respondent)
                    continue;
                snprintf(err, sizeof err, "$.reviews[%zu]: match \"%s\" already has a trial "
                         "review by the %s side in the store (\"%s\")", trials[k].at,
                         rv->match, itav_code_name(ITAV_CODE_RESPONDENT,
                                                   (int)stored->respondent), stored->id);
                report_add(r, name, err, ITAV_EFORMAT);
            }
            itav_review_free(stored);
        }
        itav_review_iter_free(it);
    }
}

static void check_reviews(itav_db *db, const json_t *a, const char *name, dataset *ds,
                          report *r)
{
    char err[512], p[PATH_MAX_LEN];
    dec d = {err, sizeof err};
    size_t n = json_array_size(a), nkeys = 0, ntrials = 0;
    if (!n)
        return;
    keyed *keys = itav__calloc(n, sizeof *keys);
    trial_review *trials = itav__calloc(n, sizeof *trials);
    if (!keys || !trials || !(ds->rvs = itav__calloc(n, sizeof *ds->rvs))) {
        report_add(r, name, "out of memory", ITAV_ENOMEM);
        goto done;
    }
    ds->nrv = n;
    for (size_t i = 0; i < n; i++) {
        snprintf(p, sizeof p, "$.reviews[%zu]", i);
        int rc = decode_review(&d, json_array_get(a, i), p, &ds->rvs[i]);
        if (rc != ITAV_OK) {
            report_add(r, name, err, rc);
            continue;
        }
        bool exists = false;
        keys[nkeys++] = (keyed){ds->rvs[i]->id, i};
        if ((rc = itav__exists(&exists, db, ITAV__KIND_REVIEW, ds->rvs[i]->id)) != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
        } else if (exists) {
            snprintf(err, sizeof err, "%s.id: review \"%s\" is already in the store", p,
                     ds->rvs[i]->id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    sort_keys(keys, nkeys, "reviews", "id", name, r);
    for (size_t i = 0; i < n; i++) {
        const itav_review *rv = ds->rvs[i];
        itav_match *stored = NULL;
        if (!rv)
            continue;
        snprintf(p, sizeof p, "$.reviews[%zu]", i);
        long at = find_key(ds->m_keys, ds->nm_keys, rv->match);
        const itav_match *m = at >= 0 ? ds->ms[at] : NULL;
        if (!m) {
            int rc = itav__match_read(&stored, db, rv->match);
            if (rc == ITAV_ENOTFOUND) {
                snprintf(err, sizeof err, "%s.match: no match \"%s\" in the file or the "
                         "store", p, rv->match);
                report_add(r, name, err, ITAV_EFORMAT);
            } else if (rc != ITAV_OK) {
                report_add(r, name, itav_errmsg(db), rc);
            }
            if (!(m = stored))
                continue;
        }
        check_review_fits(rv, m, p, name, r);
        if (rv->kind == ITAV_REVIEW_TRIAL)
            trials[ntrials++] = (trial_review){rv, i};
        itav_match_free(stored);
    }
    check_trial_respondents(db, trials, ntrials, name, ds, r);
done:
    itav__free(keys);
    itav__free(trials);
}

/* Decodes and checks the whole document; fills ds with what decoded and r with every
 * problem. Nothing is written. */
static void check_dataset(itav_db *db, const json_t *root, const char *name, dataset *ds,
                          report *r)
{
    static const char *const members[] = {"format", "interventions", "offers", "indicators",
                                          "participants", "matches", "reviews", NULL};
    char err[512], p[PATH_MAX_LEN];
    dec d = {err, sizeof err};
    const char *format;
    if (object(&d, root, "$", members, 1) || text(&d, root, "$", "format", &format)) {
        report_add(r, name, err, ITAV_EFORMAT);
        return;
    }
    if (!format || strcmp(format, FORMAT_NAME) != 0) {
        snprintf(err, sizeof err, "$.format: \"%s\" is not a format this library reads "
                                  "(expected \"%s\")", format ? format : "", FORMAT_NAME);
        report_add(r, name, err, ITAV_EFORMAT);
        return;
    }
    for (size_t i = 1; members[i]; i++) {
        const json_t *a = json_object_get(root, members[i]);
        if (a && !json_is_array(a)) {
            snprintf(err, sizeof err, "$.%s: expected an array", members[i]);
            report_add(r, name, err, ITAV_EFORMAT);
            return;
        }
    }
    const json_t *ivs = json_object_get(root, "interventions");
    const json_t *ofs = json_object_get(root, "offers");
    const json_t *pts = json_object_get(root, "participants");
    const json_t *ms = json_object_get(root, "matches");
    size_t niv = json_array_size(ivs), nof = json_array_size(ofs);
    size_t npt = json_array_size(pts), nm = json_array_size(ms);
    ds->ivs = itav__calloc(niv, sizeof *ds->ivs);
    ds->ofs = itav__calloc(nof, sizeof *ds->ofs);
    ds->pts = itav__calloc(npt, sizeof *ds->pts);
    ds->ms = itav__calloc(nm, sizeof *ds->ms);
    if (!ds->ivs || !ds->ofs || !ds->pts || !ds->ms) {
        report_add(r, name, "out of memory", ITAV_ENOMEM);
        return;
    }
    ds->niv = niv;
    ds->nof = nof;
    ds->npt = npt;
    ds->nm = nm;
    for (size_t i = 0; i < niv; i++) {
        snprintf(p, sizeof p, "$.interventions[%zu]", i);
        int rc = decode_intervention(&d, json_array_get(ivs, i), p, &ds->ivs[i]);
        if (rc != ITAV_OK) {
            report_add(r, name, err, rc);
            continue;
        }
        const char *id = ds->ivs[i]->id;
        bool dup = false, exists = false;
        for (size_t k = 0; k < i && !dup; k++) {
            if (ds->ivs[k] && strcmp(ds->ivs[k]->id, id) == 0) {
                snprintf(err, sizeof err, "%s.id: duplicate id \"%s\" (also at "
                         "$.interventions[%zu])", p, id, k);
                report_add(r, name, err, ITAV_EFORMAT);
                dup = true;
            }
        }
        if (dup)
            continue;
        if ((rc = itav__exists(&exists, db, ITAV__KIND_INTERVENTION, id)) != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
        } else if (exists) {
            snprintf(err, sizeof err, "%s.id: intervention \"%s\" is already in the store", p,
                     id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    for (size_t i = 0; i < nof; i++) {
        snprintf(p, sizeof p, "$.offers[%zu]", i);
        int rc = decode_offer(&d, json_array_get(ofs, i), p, &ds->ofs[i]);
        if (rc != ITAV_OK) {
            report_add(r, name, err, rc);
            continue;
        }
        const itav_offer *of = ds->ofs[i];
        bool dup = false, exists = false, known;
        for (size_t k = 0; k < i && !dup; k++) {
            if (ds->ofs[k] && strcmp(ds->ofs[k]->id, of->id) == 0) {
                snprintf(err, sizeof err, "%s.id: duplicate id \"%s\" (also at $.offers[%zu])",
                         p, of->id, k);
                report_add(r, name, err, ITAV_EFORMAT);
                dup = true;
            }
        }
        if (!dup && (rc = itav__exists(&exists, db, ITAV__KIND_OFFER, of->id)) != ITAV_OK) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        if (exists) {
            snprintf(err, sizeof err, "%s.id: offer \"%s\" is already in the store", p, of->id);
            report_add(r, name, err, ITAV_EFORMAT);
        }
        known = in_file(ds, of->intervention);
        if (!known &&
            (rc = itav__exists(&known, db, ITAV__KIND_INTERVENTION, of->intervention))) {
            report_add(r, name, itav_errmsg(db), rc);
            continue;
        }
        if (!known) {
            snprintf(err, sizeof err, "%s.intervention: no intervention \"%s\" in the file or "
                     "the store", p, of->intervention);
            report_add(r, name, err, ITAV_EFORMAT);
        }
    }
    check_programmes(db, name, ds, r);
    check_participants(db, pts, name, ds, r);
    check_matches(db, ms, name, ds, r);
    check_indicators(db, json_object_get(root, "indicators"), name, ds, r);
    check_reviews(db, json_object_get(root, "reviews"), name, ds, r);
}

static int import_value(itav_db *db, json_t *root, const char *name)
{
    dataset ds = {0};
    report r = {.code = ITAV_OK};
    /* The checks against the store run inside the writing transaction, so another
     * connection cannot add a clashing id between the check and the write. */
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    check_dataset(db, root, name, &ds, &r);
    if (r.count) {
        rc = r.code;
        if (r.count > 1)
            itav__error(db, rc, "%d problems; nothing was imported:\n%s%s", r.count, r.text,
                        strlen(r.text) < sizeof r.text - 64 ? "" : "\n...");
        else
            itav__error(db, rc, "%s; nothing was imported", r.text);
        dataset_free(&ds);
        itav__rollback(db);
        return rc;
    }
    for (size_t i = 0; rc == ITAV_OK && i < ds.niv; i++)
        rc = itav__intervention_write(db, ds.ivs[i]);
    for (size_t i = 0; rc == ITAV_OK && i < ds.nof; i++)
        rc = itav__offer_write(db, ds.ofs[i]);
    for (size_t i = 0; rc == ITAV_OK && i < ds.npt; i++)
        rc = itav__participant_write(db, ds.pts[i]);
    for (size_t i = 0; rc == ITAV_OK && i < ds.nind; i++)
        rc = itav__indicator_write(db, ds.inds[i]);
    for (size_t i = 0; rc == ITAV_OK && i < ds.nm; i++)
        rc = itav__match_write(db, ds.ms[i]);
    for (size_t i = 0; rc == ITAV_OK && i < ds.nrv; i++)
        rc = itav__review_write(db, ds.rvs[i]);
    dataset_free(&ds);
    if (rc != ITAV_OK) {
        itav__rollback(db);
        return rc;
    }
    return itav__commit(db);
}

ITAV_API int itav_import_json_string(itav_db *db, const char *json, const char *name)
{
    char err[512];
    dec d = {err, sizeof err};
    if (!db)
        return ITAV_EINVAL;
    if (!json)
        return itav__error(db, ITAV_EINVAL, "no JSON text given");
    if (!name)
        name = "<string>";
    json_t *root;
    int rc = parse(&root, &d, json, strlen(json), name);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "%s; nothing was imported", err);
    rc = import_value(db, root, name);
    json_decref(root);
    return rc;
}

ITAV_API int itav_import_json_file(itav_db *db, const char *path)
{
    json_error_t e;
    if (!db)
        return ITAV_EINVAL;
    if (!path)
        return itav__error(db, ITAV_EINVAL, "no file name given");
    FILE *f = fopen(path, "rb");
    if (!f)
        return itav__error(db, ITAV_EIO, "cannot read %s: %s", path, strerror(errno));
    struct stat st; /* a directory opens, but reading it is an I/O error, not bad JSON */
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return itav__error(db, ITAV_EIO, "cannot read %s: %s", path, strerror(EISDIR));
    }
    json_error_t again;
    json_t *root = json_loadf(f, JSON_REJECT_DUPLICATES, &e);
    if (!root && !load_nomem(&e) && fseek(f, 0, SEEK_SET) == 0) { /* as parse() */
        root = json_loadf(f, JSON_REJECT_DUPLICATES, &again);
        if (!root && !same_error(&e, &again))
            e.text[0] = '\0';
    }
    fclose(f);
    if (!root && load_nomem(&e))
        return itav__error(db, ITAV_ENOMEM, "%s: out of memory; nothing was imported", path);
    if (!root)
        return itav__error(db, ITAV_EFORMAT, "%s:%d:%d: %s; nothing was imported", path, e.line,
                           e.column, e.text);
    int rc = import_value(db, root, path);
    json_decref(root);
    return rc;
}

/* What an export holds, in document order. Indicators, participants, matches and reviews
 * are left out of the document when there are none. */
enum export_kind { EXPORT_INTERVENTIONS, EXPORT_OFFERS, EXPORT_INDICATORS, EXPORT_PARTICIPANTS,
                   EXPORT_MATCHES, EXPORT_REVIEWS };
static const struct {
    const char *kind, *member, *what;
    bool always;
} export_kinds[] = {
    {ITAV__KIND_INTERVENTION, "interventions", "intervention", true},
    {ITAV__KIND_OFFER, "offers", "offer", true},
    {ITAV__KIND_INDICATOR, "indicators", "indicator", false},
    {ITAV__KIND_PARTICIPANT, "participants", "participant", false},
    {ITAV__KIND_MATCH, "matches", "match", false},
    {ITAV__KIND_REVIEW, "reviews", "review", false},
};
#define EXPORT_KINDS (sizeof export_kinds / sizeof export_kinds[0])

typedef struct export_state {
    itav_db *db;
    json_t *array;
    enum export_kind which;
    int rc;
} export_state;

/* Decodes a stored record (checking it) and encodes it again in canonical form. */
static int reencode(json_t **v, enum export_kind which, const void *data, size_t size,
                    char *err, size_t errsize)
{
    int rc = ITAV_OK;
#define REENCODE(kind, type)                                                                  \
    {                                                                                         \
        type *obj;                                                                            \
        if ((rc = itav__##kind##_decode(&obj, data, size, err, errsize)) == ITAV_OK) {        \
            *v = encode_##kind(obj);                                                          \
            itav_##kind##_free(obj);                                                          \
        }                                                                                     \
        break;                                                                                \
    }
    switch (which) {
    case EXPORT_INTERVENTIONS: REENCODE(intervention, itav_intervention)
    case EXPORT_OFFERS: REENCODE(offer, itav_offer)
    case EXPORT_INDICATORS: REENCODE(indicator, itav_indicator)
    case EXPORT_PARTICIPANTS: REENCODE(participant, itav_participant)
    case EXPORT_MATCHES: REENCODE(match, itav_match)
    case EXPORT_REVIEWS: REENCODE(review, itav_review)
    }
#undef REENCODE
    return rc;
}

static int export_record(void *arg, const char *key, const void *data, size_t size)
{
    export_state *st = arg;
    json_t *v = NULL;
    char err[512];
    int rc = reencode(&v, st->which, data, size, err, sizeof err);
    if (rc != ITAV_OK) {
        st->rc = itav__error(st->db, rc, "stored %s \"%s\" is damaged: %s",
                             export_kinds[st->which].what, key, err);
        return 1;
    }
    if (!v || json_array_append_new(st->array, v) != 0) {
        st->rc = itav__error(st->db, ITAV_ENOMEM, "out of memory exporting");
        return 1;
    }
    return 0;
}

ITAV_API int itav_export_json_string(char **out, itav_db *db)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the text given");
    json_t *root = json_object();
    if (!root || !put(root, "format", json_string(FORMAT_NAME))) {
        json_decref(root);
        return itav__error(db, ITAV_ENOMEM, "out of memory exporting");
    }
    export_state st = {db, NULL, EXPORT_INTERVENTIONS, ITAV_OK};
    /* Every scan in one transaction, so the export is one consistent snapshot. */
    int rc = itav__begin(db);
    bool begun = rc == ITAV_OK;
    for (size_t k = 0; rc == ITAV_OK && st.rc == ITAV_OK && k < EXPORT_KINDS; k++) {
        st.which = (enum export_kind)k;
        if (!(st.array = json_array())) {
            st.rc = itav__error(db, ITAV_ENOMEM, "out of memory exporting");
            break;
        }
        rc = itav__scan(db, export_kinds[k].kind, ITAV_SCAN_ALL, NULL, export_record, &st);
        if (rc > 0)
            rc = ITAV_OK; /* a callback stopped the scan; st.rc says why */
        if (rc == ITAV_OK && st.rc == ITAV_OK &&
            (export_kinds[k].always || json_array_size(st.array) > 0) &&
            json_object_set(root, export_kinds[k].member, st.array) != 0)
            st.rc = itav__error(db, ITAV_ENOMEM, "out of memory exporting");
        json_decref(st.array);
    }
    if (begun)
        itav__rollback(db); /* nothing was written */
    if (rc < 0 || st.rc != ITAV_OK) {
        json_decref(root);
        return st.rc != ITAV_OK ? st.rc : rc;
    }
    rc = dump(out, root, true);
    return rc == ITAV_OK ? rc : itav__error(db, rc, "out of memory exporting");
}

ITAV_API int itav_export_json_file(itav_db *db, const char *path)
{
    char *text, tmp[4096];
    struct stat target;
    if (!db)
        return ITAV_EINVAL;
    if (!path)
        return itav__error(db, ITAV_EINVAL, "no file name given");
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp)
        return itav__error(db, ITAV_EINVAL, "file name too long: %s", path);
    int rc = itav_export_json_string(&text, db);
    if (rc != ITAV_OK)
        return rc;
    /* A private temporary file beside the target (mkstemp: mode 0600, a fresh name, never a
     * link), given the target's mode if it exists, then renamed over it. */
    int fd = mkstemp(tmp);
    if (fd < 0) {
        itav__free(text);
        return itav__error(db, ITAV_EIO, "cannot write beside %s: %s", path, strerror(errno));
    }
    size_t n = strlen(text), done = 0;
    bool ok = true;
    while (ok && done < n) {
        ssize_t w = write(fd, text + done, n - done);
        ok = w > 0;
        done += ok ? (size_t)w : 0;
    }
    if (ok && stat(path, &target) == 0)
        ok = fchmod(fd, target.st_mode & 07777) == 0;
    ok = ok && fsync(fd) == 0; /* on disk before it replaces the old file */
    ok = (close(fd) == 0) && ok;
    itav__free(text);
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return itav__error(db, ITAV_EIO, "cannot write %s: %s", path, strerror(e));
    }
    return ITAV_OK;
}

/* ======================================================================================
 * The built-in catalogue
 * ====================================================================================== */

ITAV_API const char *itav_catalog_json(void) { return itav__catalog_text; }

/* Counts how many of the catalogue's records (interventions and offers) the store has. */
static int catalog_present(size_t *present, size_t *total, itav_db *db, const json_t *root)
{
    static const struct { const char *member, *kind; } lists[] = {
        {"interventions", ITAV__KIND_INTERVENTION}, {"offers", ITAV__KIND_OFFER}};
    *present = *total = 0;
    for (size_t l = 0; l < 2; l++) {
        const json_t *a = json_object_get(root, lists[l].member);
        for (size_t i = 0; i < json_array_size(a); i++, (*total)++) {
            const char *id = json_string_value(json_object_get(json_array_get(a, i), "id"));
            bool exists = false;
            int rc = id ? itav__exists(&exists, db, lists[l].kind, id) : ITAV_OK;
            if (rc != ITAV_OK)
                return rc;
            *present += exists;
        }
    }
    return ITAV_OK;
}

ITAV_API int itav_catalog_load(itav_db *db)
{
    char err[512];
    dec d = {err, sizeof err};
    size_t present, total;
    if (!db)
        return ITAV_EINVAL;
    json_t *root;
    int rc = parse(&root, &d, itav__catalog_text, strlen(itav__catalog_text), "catalog.json");
    if (rc != ITAV_OK)
        return itav__error(db, rc, "%s", err);
    rc = catalog_present(&present, &total, db, root);
    if (rc == ITAV_OK && present == total && total > 0)
        rc = itav__error(db, ITAV_EEXISTS, "the built-in catalogue is already in the store");
    else if (rc == ITAV_OK)
        rc = import_value(db, root, "catalog.json"); /* names any partial overlap */
    /* Another connection may have loaded it between the check and the import's
     * transaction: then it is simply there, not a clash of every id. */
    if (rc == ITAV_EFORMAT && catalog_present(&present, &total, db, root) == ITAV_OK &&
        present == total && total > 0)
        rc = itav__error(db, ITAV_EEXISTS, "the built-in catalogue is already in the store");
    json_decref(root);
    return rc;
}
