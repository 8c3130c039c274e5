/* Interventions: the object, its roles and element profile, and its place in a store. */
#include "model/model_int.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AGE_MIN_MONTHS (-12)
#define AGE_MAX_MONTHS 1200

/* ---- roles ---- */

ITAV_API int itav_role_new(itav_role **out, itav_role_kind kind)
{
    if (!out || kind < ITAV_ROLE_VOLUNTEER || kind > ITAV_ROLE_COORDINATOR)
        return ITAV_EINVAL;
    itav_role *r = itav__calloc(1, sizeof *r);
    if (!r)
        return ITAV_ENOMEM;
    r->kind = kind;
    *out = r;
    return ITAV_OK;
}

ITAV_API void itav_role_free(itav_role *r)
{
    if (!r)
        return;
    itav__free(r->description);
    itav__free(r->training);
    itav__free(r);
}

int itav__role_copy(itav_role **out, const itav_role *r)
{
    itav_role *c;
    int rc = itav_role_new(&c, r->kind);
    if (rc != ITAV_OK)
        return rc;
    c->vog = r->vog;
    if (itav__set_text(&c->description, r->description) ||
        itav__set_text(&c->training, r->training)) {
        itav_role_free(c);
        return ITAV_ENOMEM;
    }
    *out = c;
    return ITAV_OK;
}

ITAV_API int itav_role_set_description(itav_role *r, const char *description)
{
    return r ? itav__set_text(&r->description, description) : ITAV_EINVAL;
}

ITAV_API int itav_role_set_vog(itav_role *r, int required)
{
    if (!r || (required != 0 && required != 1))
        return ITAV_EINVAL;
    r->vog = required;
    return ITAV_OK;
}

ITAV_API int itav_role_set_training(itav_role *r, const char *training)
{
    return r ? itav__set_text(&r->training, training) : ITAV_EINVAL;
}

ITAV_API itav_role_kind itav_role_get_kind(const itav_role *r)
{
    return r ? r->kind : (itav_role_kind)0;
}
ITAV_API const char *itav_role_get_description(const itav_role *r)
{
    return r ? r->description : NULL;
}
ITAV_API int itav_role_get_vog(const itav_role *r) { return r ? r->vog : 0; }
ITAV_API const char *itav_role_get_training(const itav_role *r)
{
    return r ? r->training : NULL;
}

/* ---- the object ---- */

ITAV_API int itav_intervention_new(itav_intervention **out, const char *id)
{
    if (!out || !itav__valid_id(id))
        return ITAV_EINVAL;
    itav_intervention *iv = itav__calloc(1, sizeof *iv);
    if (!iv)
        return ITAV_ENOMEM;
    if (!(iv->id = itav__strdup(id))) {
        itav__free(iv);
        return ITAV_ENOMEM;
    }
    iv->age_min = iv->age_max = ITAV_AGE_NONE;
    *out = iv;
    return ITAV_OK;
}

static void clear_roles(itav_intervention *iv)
{
    for (size_t i = 0; i < iv->nroles; i++)
        itav_role_free(iv->roles[i]);
    itav__free(iv->roles);
    iv->roles = NULL;
    iv->nroles = iv->caproles = 0;
}

static void clear_statement(itav__element_statement *st)
{
    itav__free(st->evidence);
    itav__free(st->source);
    st->evidence = st->source = NULL;
    st->status = ITAV_STATUS_UNKNOWN;
}

ITAV_API void itav_intervention_free(itav_intervention *iv)
{
    if (!iv)
        return;
    itav__free(iv->id);
    itav__free(iv->name);
    itav__free(iv->summary);
    itav__free(iv->conditions);
    for (size_t i = 0; i < sizeof iv->text / sizeof *iv->text; i++)
        itav__strlist_clear(&iv->text[i]);
    clear_roles(iv);
    itav__figlist_clear(&iv->reach);
    for (int s = 0; s < ITAV__PROFILE_SOURCES; s++)
        for (int e = 0; e < ITAV_ELEMENT_COUNT; e++)
            clear_statement(&iv->profile[s][e]);
    itav__sources_clear(&iv->sources);
    for (int f = 0; f < ITAV_FACTOR_COUNT; f++)
        itav__free(iv->factor_source[f]);
    itav__outcomes_clear(&iv->outcomes);
    itav__costlist_clear(&iv->costs);
    itav_plan_free(iv->plan);
    itav_access_free(iv->access);
    itav__free(iv);
}

ITAV_API int itav_intervention_dup(itav_intervention **out, const itav_intervention *iv)
{
    itav_intervention *c;
    if (!out || !iv)
        return ITAV_EINVAL;
    int rc = itav_intervention_new(&c, iv->id);
    if (rc != ITAV_OK)
        return rc;
    c->kind = iv->kind;
    c->setting = iv->setting;
    c->scope = iv->scope;
    c->channel = iv->channel;
    c->evidence = iv->evidence;
    c->since = iv->since;
    c->audience = iv->audience;
    c->themes = iv->themes;
    c->age_min = iv->age_min;
    c->age_max = iv->age_max;
    if (itav__set_text(&c->name, iv->name) || itav__set_text(&c->summary, iv->summary) ||
        itav__set_text(&c->conditions, iv->conditions))
        goto nomem;
    for (size_t i = 0; i < sizeof iv->text / sizeof *iv->text; i++)
        if (itav__strlist_copy(&c->text[i], &iv->text[i]))
            goto nomem;
    for (size_t i = 0; i < iv->nroles; i++)
        if (itav_intervention_add_role(c, iv->roles[i]))
            goto nomem;
    if (itav__figlist_copy(&c->reach, &iv->reach))
        goto nomem;
    for (int s = 0; s < ITAV__PROFILE_SOURCES; s++) {
        for (int e = 0; e < ITAV_ELEMENT_COUNT; e++) {
            const itav__element_statement *st = &iv->profile[s][e];
            c->profile[s][e].status = st->status;
            if (itav__set_text(&c->profile[s][e].evidence, st->evidence) ||
                itav__set_text(&c->profile[s][e].source, st->source))
                goto nomem;
        }
    }
    if (itav__sources_copy(&c->sources, &iv->sources) ||
        itav__plan_replace(&c->plan, iv->plan) || itav__access_replace(&c->access, iv->access))
        goto nomem;
    c->factors = iv->factors;
    for (int f = 0; f < ITAV_FACTOR_COUNT; f++)
        if (itav__set_text(&c->factor_source[f], iv->factor_source[f]))
            goto nomem;
    if (itav__outcomes_copy(&c->outcomes, &iv->outcomes) ||
        itav__costlist_copy(&c->costs, &iv->costs))
        goto nomem;
    *out = c;
    return ITAV_OK;
nomem:
    itav_intervention_free(c);
    return ITAV_ENOMEM;
}

ITAV_API const char *itav_intervention_id(const itav_intervention *iv)
{
    return iv ? iv->id : NULL;
}
ITAV_API const char *itav_intervention_name(const itav_intervention *iv)
{
    return iv ? iv->name : NULL;
}
ITAV_API const char *itav_intervention_summary(const itav_intervention *iv)
{
    return iv ? iv->summary : NULL;
}
ITAV_API itav_kind itav_intervention_kind(const itav_intervention *iv)
{
    return iv ? iv->kind : (itav_kind)0;
}
ITAV_API itav_setting itav_intervention_setting(const itav_intervention *iv)
{
    return iv ? iv->setting : (itav_setting)0;
}
ITAV_API itav_scope itav_intervention_scope(const itav_intervention *iv)
{
    return iv ? iv->scope : (itav_scope)0;
}
ITAV_API itav_channel itav_intervention_channel(const itav_intervention *iv)
{
    return iv ? iv->channel : (itav_channel)0;
}
ITAV_API itav_evidence itav_intervention_evidence(const itav_intervention *iv)
{
    return iv ? iv->evidence : (itav_evidence)0;
}
ITAV_API int itav_intervention_since(const itav_intervention *iv) { return iv ? iv->since : 0; }
ITAV_API unsigned itav_intervention_audience(const itav_intervention *iv)
{
    return iv ? iv->audience : 0;
}
ITAV_API const char *itav_intervention_conditions(const itav_intervention *iv)
{
    return iv ? iv->conditions : NULL;
}
ITAV_API unsigned itav_intervention_themes(const itav_intervention *iv)
{
    return iv ? iv->themes : 0;
}
ITAV_API int itav_intervention_age_range(int32_t *min, int32_t *max,
                                         const itav_intervention *iv)
{
    if (!min || !max || !iv)
        return ITAV_EINVAL;
    *min = iv->age_min;
    *max = iv->age_max;
    return ITAV_OK;
}

ITAV_API int itav_intervention_set_name(itav_intervention *iv, const char *name)
{
    if (!iv || !name || !*name)
        return ITAV_EINVAL;
    return itav__set_text(&iv->name, name);
}

ITAV_API int itav_intervention_set_summary(itav_intervention *iv, const char *summary)
{
    return iv ? itav__set_text(&iv->summary, summary) : ITAV_EINVAL;
}

ITAV_API int itav_intervention_set_conditions(itav_intervention *iv, const char *conditions)
{
    return iv ? itav__set_text(&iv->conditions, conditions) : ITAV_EINVAL;
}

/* Sets an enum field if value is 0 ("not stated") or names a code of its enumeration. */
static int set_coded(int *field, itav_code_type type, int value)
{
    if (value != 0 && !itav_code_name(type, value))
        return ITAV_EINVAL;
    *field = value;
    return ITAV_OK;
}

ITAV_API int itav_intervention_set_kind(itav_intervention *iv, itav_kind kind)
{
    return iv ? set_coded((int *)&iv->kind, ITAV_CODE_KIND, kind) : ITAV_EINVAL;
}
ITAV_API int itav_intervention_set_setting(itav_intervention *iv, itav_setting setting)
{
    return iv ? set_coded((int *)&iv->setting, ITAV_CODE_SETTING, setting) : ITAV_EINVAL;
}
ITAV_API int itav_intervention_set_scope(itav_intervention *iv, itav_scope scope)
{
    return iv ? set_coded((int *)&iv->scope, ITAV_CODE_SCOPE, scope) : ITAV_EINVAL;
}
ITAV_API int itav_intervention_set_channel(itav_intervention *iv, itav_channel channel)
{
    return iv ? set_coded((int *)&iv->channel, ITAV_CODE_CHANNEL, channel) : ITAV_EINVAL;
}
ITAV_API int itav_intervention_set_evidence(itav_intervention *iv, itav_evidence level)
{
    return iv ? set_coded((int *)&iv->evidence, ITAV_CODE_EVIDENCE, level) : ITAV_EINVAL;
}

ITAV_API int itav_intervention_set_since(itav_intervention *iv, int year)
{
    if (!iv || (year != 0 && (year < 1800 || year > 9999)))
        return ITAV_EINVAL;
    iv->since = year;
    return ITAV_OK;
}

ITAV_API int itav_intervention_set_audience(itav_intervention *iv, unsigned audience)
{
    if (!iv || (audience & ~ITAV_AUDIENCE_ALL))
        return ITAV_EINVAL;
    iv->audience = audience;
    return ITAV_OK;
}

ITAV_API int itav_intervention_set_themes(itav_intervention *iv, unsigned themes)
{
    if (!iv || (themes & ~ITAV_THEME_ALL))
        return ITAV_EINVAL;
    iv->themes = themes;
    return ITAV_OK;
}

static bool age_ok(int32_t a)
{
    return a == ITAV_AGE_NONE || (a >= AGE_MIN_MONTHS && a <= AGE_MAX_MONTHS);
}

bool itav__age_ok(int32_t months) { return age_ok(months); }

ITAV_API int itav_intervention_set_age_range(itav_intervention *iv, int32_t min, int32_t max)
{
    if (!iv || !age_ok(min) || !age_ok(max) ||
        (min != ITAV_AGE_NONE && max != ITAV_AGE_NONE && min > max))
        return ITAV_EINVAL;
    iv->age_min = min;
    iv->age_max = max;
    return ITAV_OK;
}

/* ---- lists ---- */

static itav__strlist *text_list(const itav_intervention *iv, itav_text_list list)
{
    if (!iv || list < ITAV_TEXT_PROVIDERS || list > ITAV_TEXT_LINKS)
        return NULL;
    return (itav__strlist *)&iv->text[list];
}

ITAV_API size_t itav_intervention_text_count(const itav_intervention *iv, itav_text_list list)
{
    const itav__strlist *l = text_list(iv, list);
    return l ? l->n : 0;
}

ITAV_API const char *itav_intervention_text(const itav_intervention *iv, itav_text_list list,
                                            size_t i)
{
    const itav__strlist *l = text_list(iv, list);
    return l && i < l->n ? l->v[i] : NULL;
}

ITAV_API int itav_intervention_add_text(itav_intervention *iv, itav_text_list list,
                                        const char *text)
{
    itav__strlist *l = text_list(iv, list);
    if (!l || !text || !*text)
        return ITAV_EINVAL;
    return itav__strlist_add(l, text);
}

ITAV_API int itav_intervention_remove_text(itav_intervention *iv, itav_text_list list,
                                           size_t i)
{
    itav__strlist *l = text_list(iv, list);
    return l ? itav__strlist_remove(l, i) : ITAV_EINVAL;
}

ITAV_API size_t itav_intervention_role_count(const itav_intervention *iv)
{
    return iv ? iv->nroles : 0;
}

ITAV_API const itav_role *itav_intervention_role(const itav_intervention *iv, size_t i)
{
    return iv && i < iv->nroles ? iv->roles[i] : NULL;
}

ITAV_API int itav_intervention_add_role(itav_intervention *iv, const itav_role *role)
{
    itav_role *c;
    if (!iv || !role)
        return ITAV_EINVAL;
    if (iv->nroles == iv->caproles) {
        size_t cap = iv->caproles ? iv->caproles * 2 : 4;
        itav_role **v = itav__realloc(iv->roles, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        iv->roles = v;
        iv->caproles = cap;
    }
    int rc = itav__role_copy(&c, role);
    if (rc != ITAV_OK)
        return rc;
    iv->roles[iv->nroles++] = c;
    return ITAV_OK;
}

ITAV_API int itav_intervention_remove_role(itav_intervention *iv, size_t i)
{
    if (!iv)
        return ITAV_EINVAL;
    if (i >= iv->nroles)
        return ITAV_ERANGE;
    itav_role_free(iv->roles[i]);
    memmove(iv->roles + i, iv->roles + i + 1, (iv->nroles - i - 1) * sizeof *iv->roles);
    iv->nroles--;
    return ITAV_OK;
}

ITAV_API size_t itav_intervention_figure_count(const itav_intervention *iv,
                                              itav_figure_list list)
{
    return iv && list == ITAV_FIGURES_REACH ? iv->reach.n : 0;
}

ITAV_API const itav_figure *itav_intervention_figure(const itav_intervention *iv,
                                                     itav_figure_list list, size_t i)
{
    return iv && list == ITAV_FIGURES_REACH && i < iv->reach.n ? iv->reach.v[i] : NULL;
}

ITAV_API int itav_intervention_add_figure(itav_intervention *iv, itav_figure_list list,
                                          const itav_figure *f)
{
    if (!iv || !f || list != ITAV_FIGURES_REACH)
        return ITAV_EINVAL;
    return itav__figlist_add(&iv->reach, f);
}

ITAV_API int itav_intervention_remove_figure(itav_intervention *iv, itav_figure_list list,
                                             size_t i)
{
    if (!iv || list != ITAV_FIGURES_REACH)
        return ITAV_EINVAL;
    return itav__figlist_remove(&iv->reach, i);
}

ITAV_API const char *itav_intervention_source(const itav_intervention *iv, const char *field)
{
    int i = iv ? itav__field_index(itav__intervention_fields, field) : -1;
    return i < 0 ? NULL : iv->sources.ref[i];
}

ITAV_API int itav_intervention_set_source(itav_intervention *iv, const char *field,
                                          const char *ref)
{
    return iv ? itav__sources_set(&iv->sources, itav__intervention_fields, field, ref)
              : ITAV_EINVAL;
}

/* ---- element profile ---- */

static bool source_ok(itav_profile_source src)
{
    return src >= ITAV_PROFILE_TABLE && src <= ITAV_PROFILE_OTHER;
}

ITAV_API itav_elemset itav_intervention_known_elements(const itav_intervention *iv,
                                                       itav_profile_source src)
{
    itav_elemset set = 0;
    if (iv && src == ITAV_PROFILE_DEFAULT)
        src = itav_intervention_profile_source(iv);
    if (!iv || !source_ok(src))
        return 0;
    for (int e = 0; e < ITAV_ELEMENT_COUNT; e++)
        if (iv->profile[src - 1][e].status != ITAV_STATUS_UNKNOWN)
            set |= 1u << e;
    return set;
}

ITAV_API itav_profile_source itav_intervention_profile_source(const itav_intervention *iv)
{
    for (int s = ITAV_PROFILE_TABLE; iv && s <= ITAV_PROFILE_OTHER; s++)
        for (int e = 0; e < ITAV_ELEMENT_COUNT; e++)
            if (iv->profile[s - 1][e].status != ITAV_STATUS_UNKNOWN)
                return (itav_profile_source)s;
    return ITAV_PROFILE_DEFAULT;
}

static const itav__element_statement *statement(const itav_intervention *iv,
                                                itav_profile_source src, itav_element e)
{
    if (!iv || e < 1 || e > ITAV_ELEMENT_COUNT)
        return NULL;
    if (src == ITAV_PROFILE_DEFAULT)
        src = itav_intervention_profile_source(iv);
    return source_ok(src) ? &iv->profile[src - 1][e - 1] : NULL;
}

ITAV_API itav_status itav_intervention_element(const itav_intervention *iv,
                                               itav_profile_source src, itav_element e)
{
    const itav__element_statement *st = statement(iv, src, e);
    return st ? st->status : ITAV_STATUS_UNKNOWN;
}

ITAV_API const char *itav_intervention_element_evidence(const itav_intervention *iv,
                                                        itav_profile_source src, itav_element e)
{
    const itav__element_statement *st = statement(iv, src, e);
    return st ? st->evidence : NULL;
}

ITAV_API const char *itav_intervention_element_source(const itav_intervention *iv,
                                                      itav_profile_source src, itav_element e)
{
    const itav__element_statement *st = statement(iv, src, e);
    return st ? st->source : NULL;
}

ITAV_API int itav_intervention_set_element(itav_intervention *iv, itav_profile_source src,
                                           itav_element e, itav_status status,
                                           const char *evidence, const char *ref)
{
    if (!iv || !source_ok(src) || e < 1 || e > ITAV_ELEMENT_COUNT ||
        status < ITAV_STATUS_UNKNOWN || status > ITAV_STATUS_ABSENT ||
        (ref && *ref && !itav__valid_ref(ref)) || (evidence && !itav__valid_text(evidence)))
        return ITAV_EINVAL;
    itav__element_statement *st = &iv->profile[src - 1][e - 1];
    if (status == ITAV_STATUS_UNKNOWN) {
        clear_statement(st);
        return ITAV_OK;
    }
    char *ev = NULL, *rf = NULL;
    if ((evidence && *evidence && !(ev = itav__strdup(evidence))) ||
        (ref && *ref && !(rf = itav__strdup(ref)))) {
        itav__free(ev);
        return ITAV_ENOMEM;
    }
    clear_statement(st);
    st->status = status;
    st->evidence = ev;
    st->source = rf;
    return ITAV_OK;
}

ITAV_API itav_elemset itav_intervention_elements(const itav_intervention *iv,
                                                 itav_profile_source src)
{
    itav_elemset set = 0;
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        if (itav_intervention_element(iv, src, (itav_element)e) == ITAV_STATUS_PRESENT)
            set |= 1u << (e - 1);
    return set;
}

ITAV_API itav_elemset itav_intervention_disputed(const itav_intervention *iv)
{
    itav_elemset set = 0;
    for (int e = 0; iv && e < ITAV_ELEMENT_COUNT; e++) {
        itav_status seen = ITAV_STATUS_UNKNOWN;
        for (int s = 0; s < ITAV__PROFILE_SOURCES; s++) {
            itav_status st = iv->profile[s][e].status;
            if (st == ITAV_STATUS_UNKNOWN)
                continue;
            if (seen != ITAV_STATUS_UNKNOWN && st != seen)
                set |= 1u << e;
            seen = st;
        }
    }
    return set;
}

/* ---- in a store ---- */

int itav__intervention_check(itav_db *db, const itav_intervention *iv)
{
    if (!iv->name)
        return itav__error(db, ITAV_EINVAL, "intervention \"%s\": a name is required", iv->id);
    return ITAV_OK;
}

int itav__intervention_write(itav_db *db, const itav_intervention *iv)
{
    unsigned char *rec;
    size_t size;
    int rc = itav__intervention_encode(&rec, &size, iv);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "cannot encode intervention \"%s\": %s", iv->id,
                           itav__strerror(db, rc));
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    rc = itav__put_record(db, ITAV__KIND_INTERVENTION, iv->id, index, rec, size);
    itav__free(rec);
    return rc;
}

/* Creates (must_exist false) or replaces (must_exist true) a stored intervention. */
static int save(itav_db *db, const itav_intervention *iv, bool must_exist)
{
    bool exists;
    if (!db || !iv)
        return db ? itav__error(db, ITAV_EINVAL, "no intervention given") : ITAV_EINVAL;
    int rc = itav__intervention_check(db, iv);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__begin(db)) != ITAV_OK)
        return rc;
    if ((rc = itav__exists(&exists, db, ITAV__KIND_INTERVENTION, iv->id)) != ITAV_OK)
        goto fail;
    if (exists != must_exist) {
        rc = must_exist ? itav__error(db, ITAV_ENOTFOUND, "no intervention \"%s\"", iv->id)
                        : itav__error(db, ITAV_EEXISTS, "intervention \"%s\" already exists",
                                      iv->id);
        goto fail;
    }
    if ((rc = itav__intervention_write(db, iv)) != ITAV_OK)
        goto fail;
    return itav__commit(db);
fail:
    itav__rollback(db);
    return rc;
}

ITAV_API int itav_intervention_create(itav_db *db, const itav_intervention *iv)
{
    return save(db, iv, false);
}

ITAV_API int itav_intervention_update(itav_db *db, const itav_intervention *iv)
{
    return save(db, iv, true);
}

ITAV_API int itav_intervention_get(itav_intervention **out, itav_db *db, const char *id)
{
    char *rec, err[512];
    size_t size;
    if (!db)
        return ITAV_EINVAL;
    if (!out || !id)
        return itav__error(db, ITAV_EINVAL, out ? N_("no intervention id given")
                                                : N_("no place for the intervention given"));
    int rc = itav__get_record(&rec, &size, db, ITAV__KIND_INTERVENTION, id);
    if (rc == ITAV_ENOTFOUND)
        return itav__error(db, rc, "no intervention \"%s\"", id);
    if (rc != ITAV_OK)
        return rc;
    rc = itav__intervention_decode(out, db, rec, size, err, sizeof err);
    itav__free(rec);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "stored intervention \"%s\" is damaged: %s", id, err);
    return ITAV_OK;
}

static int first_record(void *arg, const char *key, const void *data, size_t size)
{
    (void)key, (void)data, (void)size;
    *(bool *)arg = true;
    return 1; /* one is enough */
}

ITAV_API int itav_intervention_delete(itav_db *db, const char *id)
{
    bool exists, used = false;
    if (!db)
        return ITAV_EINVAL;
    if (!id)
        return itav__error(db, ITAV_EINVAL, "no intervention id given");
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__exists(&exists, db, ITAV__KIND_INTERVENTION, id)) != ITAV_OK)
        goto fail;
    if (!exists) {
        rc = itav__error(db, ITAV_ENOTFOUND, "no intervention \"%s\"", id);
        goto fail;
    }
    rc = itav__scan(db, ITAV__KIND_OFFER, ITAV__OFFER_SLOT_INTERVENTION, id, first_record, &used);
    if (rc < 0)
        goto fail;
    if (used) {
        rc = itav__error(db, ITAV_EINUSE,
                         "intervention \"%s\" still has offers; delete them first", id);
        goto fail;
    }
    if ((rc = itav__del_record(db, ITAV__KIND_INTERVENTION, id)) != ITAV_OK)
        goto fail;
    return itav__commit(db);
fail:
    itav__rollback(db);
    return rc;
}

/* ---- listing ---- */

struct itav_intervention_iter {
    itav__iter list; /* of itav_intervention */
};

static void free_intervention(void *iv) { itav_intervention_free(iv); }

typedef struct list_state {
    itav_db *db;
    const itav_intervention_filter *filter;
    itav_intervention_iter *it;
    int rc;
} list_state;

/* Collects the intervention ids of offers that name a municipality. */
typedef struct offers_in {
    const char *municipality;
    itav__strlist interventions;
    int rc;
    char damaged[256];     /* when rc is ITAV_EFORMAT: the decoder's words ... */
    char damaged_key[256]; /* ... and the key of the offer, worded where it is reported */
    const itav_db *db;     /* whose language the decoder's words are in */
} offers_in;

static int offer_in_municipality(void *arg, const char *key, const void *data, size_t size)
{
    offers_in *st = arg;
    itav_offer *of;
    char err[256];
    if ((st->rc = itav__offer_decode(&of, st->db, data, size, err, sizeof err)) != ITAV_OK) {
        snprintf(st->damaged_key, sizeof st->damaged_key, "%s", key);
        snprintf(st->damaged, sizeof st->damaged, "%s", err);
        return 1;
    }
    if (itav__strlist_has_nocase(&of->municipalities, st->municipality) &&
        itav__strlist_add(&st->interventions, of->intervention) != ITAV_OK)
        st->rc = ITAV_ENOMEM;
    itav_offer_free(of);
    return st->rc != ITAV_OK;
}

/* Keeps only the listed interventions that name the municipality or have an offer there. */
static int keep_municipality(itav_db *db, itav_intervention_iter *it, const char *m)
{
    offers_in st = {m, {0}, ITAV_OK, "", "", db};
    int rc = itav__scan(db, ITAV__KIND_OFFER, ITAV_SCAN_ALL, NULL, offer_in_municipality, &st);
    if (rc >= 0 && st.rc != ITAV_OK)
        rc = st.rc == ITAV_ENOMEM ? itav__error(db, st.rc, "out of memory listing interventions")
                                  : itav__error(db, st.rc, "stored offer \"%s\" is damaged: %s",
                                                st.damaged_key, st.damaged);
    if (rc < 0) {
        itav__strlist_clear(&st.interventions);
        return rc;
    }
    size_t kept = 0;
    for (size_t i = 0; i < it->list.n; i++) {
        itav_intervention *iv = it->list.items[i];
        bool in = itav__strlist_has_nocase(&iv->text[ITAV_TEXT_MUNICIPALITIES], m);
        for (size_t j = 0; !in && j < st.interventions.n; j++)
            in = strcmp(st.interventions.v[j], iv->id) == 0;
        if (in)
            it->list.items[kept++] = iv;
        else
            itav_intervention_free(iv);
    }
    it->list.n = kept;
    itav__strlist_clear(&st.interventions);
    return ITAV_OK;
}

/* ---- working factors ---- */

static bool factor_ok(itav_factor f) { return f >= 1 && f <= ITAV_FACTOR_COUNT; }

ITAV_API int itav_intervention_set_factor(itav_intervention *iv, itav_factor f,
                                          const char *source)
{
    char *copy = NULL;
    if (!iv || !factor_ok(f) || (source && *source && !itav__valid_ref(source)))
        return ITAV_EINVAL;
    if (source && *source && !(copy = itav__strdup(source)))
        return ITAV_ENOMEM;
    itav__free(iv->factor_source[f - 1]);
    iv->factor_source[f - 1] = copy;
    iv->factors |= (itav_factorset)1 << (f - 1);
    return ITAV_OK;
}

ITAV_API int itav_intervention_clear_factor(itav_intervention *iv, itav_factor f)
{
    if (!iv || !factor_ok(f))
        return ITAV_EINVAL;
    itav__free(iv->factor_source[f - 1]);
    iv->factor_source[f - 1] = NULL;
    iv->factors &= ~((itav_factorset)1 << (f - 1));
    return ITAV_OK;
}

ITAV_API itav_factorset itav_intervention_factors(const itav_intervention *iv)
{
    return iv ? iv->factors : 0;
}

ITAV_API const char *itav_intervention_factor_source(const itav_intervention *iv,
                                                     itav_factor f)
{
    return iv && factor_ok(f) ? iv->factor_source[f - 1] : NULL;
}

static bool passes(const itav_intervention *iv, const itav_intervention_filter *f)
{
    itav_elemset present = itav_intervention_elements(iv, ITAV_PROFILE_DEFAULT);
    if ((present & f->all_of) != f->all_of)
        return false;
    if (f->any_of && !(present & f->any_of))
        return false;
    if (f->kind && (int)iv->kind != f->kind)
        return false;
    if (f->setting && (int)iv->setting != f->setting)
        return false;
    if (f->scope && (int)iv->scope != f->scope)
        return false;
    if (f->channel && (int)iv->channel != f->channel && iv->channel != ITAV_CHANNEL_BOTH)
        return false;
    if (f->audience && !(iv->audience & f->audience))
        return false;
    if (f->age_months != ITAV_AGE_NONE) {
        if (iv->age_min == ITAV_AGE_NONE && iv->age_max == ITAV_AGE_NONE)
            return false;
        if (iv->age_min != ITAV_AGE_NONE && f->age_months < iv->age_min)
            return false;
        if (iv->age_max != ITAV_AGE_NONE && f->age_months > iv->age_max)
            return false;
    }
    if (f->text && !itav__contains_nocase(iv->name, f->text) &&
        !itav__contains_nocase(iv->summary, f->text))
        return false;
    if ((iv->factors & f->factors) != f->factors)
        return false;
    return true;
}

static int collect(void *arg, const char *key, const void *data, size_t size)
{
    list_state *st = arg;
    itav_intervention *iv;
    char err[512];
    int rc = itav__intervention_decode(&iv, st->db, data, size, err, sizeof err);
    if (rc != ITAV_OK) {
        st->rc = itav__error(st->db, rc, "stored intervention \"%s\" is damaged: %s", key, err);
        return 1;
    }
    if (!passes(iv, st->filter)) {
        itav_intervention_free(iv);
        return 0;
    }
    if (itav__iter_push(&st->it->list, iv) != ITAV_OK) {
        st->rc = itav__error(st->db, ITAV_ENOMEM, "out of memory listing interventions");
        return 1;
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    const itav_intervention *x = *(itav_intervention *const *)a;
    const itav_intervention *y = *(itav_intervention *const *)b;
    int c = itav__strcasecmp(x->name ? x->name : "", y->name ? y->name : "");
    return c ? c : strcmp(x->id, y->id);
}

static int check_filter(itav_db *db, const itav_intervention_filter *f)
{
    if (f->version == 0 || f->version > ITAV_INTERVENTION_FILTER_VERSION)
        return itav__error(db, ITAV_EVERSION,
                           "intervention filter version %u is not supported (struct "
                           "itav_intervention_filter: this library knows versions 1 to %d)",
                           f->version, ITAV_INTERVENTION_FILTER_VERSION);
    if ((f->all_of | f->any_of) & ~ITAV_ELEMSET_ALL)
        return itav__error(db, ITAV_EINVAL, "filter: element sets have bits beyond element 8");
    if (f->factors & ~ITAV_FACTORSET_ALL)
        return itav__error(db, ITAV_EINVAL, "filter: the factor set has bits beyond factor 14");
    static const struct {
        const char *name;
        itav_code_type type;
    } coded[] = {{"kind", ITAV_CODE_KIND}, {"setting", ITAV_CODE_SETTING},
                 {"scope", ITAV_CODE_SCOPE}, {"channel", ITAV_CODE_CHANNEL}};
    const int value[] = {f->kind, f->setting, f->scope, f->channel};
    for (int i = 0; i < 4; i++)
        if (value[i] && !itav_code_name(coded[i].type, value[i]))
            return itav__error(db, ITAV_EINVAL, "filter: %s %d is out of range (0 for any)",
                               coded[i].name, value[i]);
    if (f->audience & ~ITAV_AUDIENCE_ALL)
        return itav__error(db, ITAV_EINVAL, "filter: unknown audience bits 0x%x",
                           f->audience & ~ITAV_AUDIENCE_ALL);
    return ITAV_OK;
}

ITAV_API int itav_intervention_list(itav_intervention_iter **out, itav_db *db,
                                    const itav_intervention_filter *filter)
{
    static const itav_intervention_filter all = ITAV_INTERVENTION_FILTER_INIT;
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the iterator given");
    if (!filter)
        filter = &all;
    /* A filter of an older version ends before the members later versions added: read only
     * what it has, the rest select everything. */
    itav_intervention_filter full = ITAV_INTERVENTION_FILTER_INIT;
    if (filter->version == 1) {
        memcpy(&full, filter, offsetof(itav_intervention_filter, factors));
        full.version = ITAV_INTERVENTION_FILTER_VERSION;
        filter = &full;
    }
    int rc = check_filter(db, filter);
    if (rc != ITAV_OK)
        return rc;
    list_state st = {db, filter, itav__calloc(1, sizeof *st.it), ITAV_OK};
    if (!st.it)
        return itav__error(db, ITAV_ENOMEM, "out of memory listing interventions");
    st.it->list.free_item = free_intervention;
    rc = itav__scan(db, ITAV__KIND_INTERVENTION, ITAV_SCAN_ALL, NULL, collect, &st);
    if (rc < 0 || st.rc != ITAV_OK) {
        itav_intervention_iter_free(st.it);
        return st.rc != ITAV_OK ? st.rc : rc;
    }
    if (filter->municipality &&
        (rc = keep_municipality(db, st.it, filter->municipality)) != ITAV_OK) {
        itav_intervention_iter_free(st.it);
        return rc;
    }
    if (st.it->list.n > 1)
        qsort(st.it->list.items, st.it->list.n, sizeof *st.it->list.items, by_name);
    *out = st.it;
    return ITAV_OK;
}

ITAV_API int itav_intervention_iter_next(itav_intervention **out, itav_intervention_iter *it)
{
    return out && it ? itav__iter_next((void **)out, &it->list) : ITAV_EINVAL;
}

ITAV_API void itav_intervention_iter_free(itav_intervention_iter *it)
{
    if (!it)
        return;
    itav__iter_clear(&it->list);
    itav__free(it);
}
