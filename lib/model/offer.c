/* Offers: an intervention as it runs in one place. */
#include "model/model_int.h"

#include <stdio.h>
#include <string.h>

ITAV_API int itav_offer_new(itav_offer **out, const char *id, const char *intervention)
{
    if (!out || !itav__valid_id(id) || !itav__valid_id(intervention))
        return ITAV_EINVAL;
    itav_offer *of = itav__calloc(1, sizeof *of);
    if (!of)
        return ITAV_ENOMEM;
    of->start = of->end = ITAV_DATE_NONE;
    if (!(of->id = itav__strdup(id)) || !(of->intervention = itav__strdup(intervention))) {
        itav_offer_free(of);
        return ITAV_ENOMEM;
    }
    *out = of;
    return ITAV_OK;
}

ITAV_API void itav_offer_free(itav_offer *of)
{
    if (!of)
        return;
    itav__free(of->id);
    itav__free(of->intervention);
    itav__free(of->name);
    itav__free(of->region);
    itav__free(of->provider);
    itav__free(of->contact);
    itav__free(of->programme);
    itav__strlist_clear(&of->municipalities);
    itav__figlist_clear(&of->reach);
    itav__figlist_clear(&of->targets);
    itav__figlist_clear(&of->capacity);
    itav__costlist_clear(&of->costs);
    itav__sources_clear(&of->sources);
    itav__milestones_clear(&of->milestones);
    itav_plan_free(of->plan);
    itav_access_free(of->access);
    itav__free(of);
}

ITAV_API int itav_offer_dup(itav_offer **out, const itav_offer *of)
{
    itav_offer *c;
    if (!out || !of)
        return ITAV_EINVAL;
    int rc = itav_offer_new(&c, of->id, of->intervention);
    if (rc != ITAV_OK)
        return rc;
    c->start = of->start;
    c->end = of->end;
    if (itav__set_text(&c->name, of->name) || itav__set_text(&c->region, of->region) ||
        itav__set_text(&c->provider, of->provider) ||
        itav__set_text(&c->contact, of->contact) ||
        itav__set_text(&c->programme, of->programme) ||
        itav__strlist_copy(&c->municipalities, &of->municipalities) ||
        itav__figlist_copy(&c->reach, &of->reach) ||
        itav__figlist_copy(&c->targets, &of->targets) ||
        itav__figlist_copy(&c->capacity, &of->capacity) ||
        itav__costlist_copy(&c->costs, &of->costs) ||
        itav__sources_copy(&c->sources, &of->sources) ||
        itav__plan_replace(&c->plan, of->plan) || itav__access_replace(&c->access, of->access) ||
        itav__milestones_copy(&c->milestones, &of->milestones)) {
        itav_offer_free(c);
        return ITAV_ENOMEM;
    }
    *out = c;
    return ITAV_OK;
}

ITAV_API const char *itav_offer_id(const itav_offer *of) { return of ? of->id : NULL; }
ITAV_API const char *itav_offer_intervention(const itav_offer *of)
{
    return of ? of->intervention : NULL;
}
ITAV_API const char *itav_offer_name(const itav_offer *of) { return of ? of->name : NULL; }
ITAV_API const char *itav_offer_region(const itav_offer *of) { return of ? of->region : NULL; }
ITAV_API const char *itav_offer_provider(const itav_offer *of)
{
    return of ? of->provider : NULL;
}
ITAV_API const char *itav_offer_contact(const itav_offer *of)
{
    return of ? of->contact : NULL;
}
ITAV_API const char *itav_offer_programme(const itav_offer *of)
{
    return of ? of->programme : NULL;
}
ITAV_API int32_t itav_offer_start(const itav_offer *of) { return of ? of->start : ITAV_DATE_NONE; }
ITAV_API int32_t itav_offer_end(const itav_offer *of) { return of ? of->end : ITAV_DATE_NONE; }

ITAV_API int itav_offer_set_name(itav_offer *of, const char *name)
{
    return of ? itav__set_text(&of->name, name) : ITAV_EINVAL;
}
ITAV_API int itav_offer_set_region(itav_offer *of, const char *region)
{
    return of ? itav__set_text(&of->region, region) : ITAV_EINVAL;
}
ITAV_API int itav_offer_set_provider(itav_offer *of, const char *provider)
{
    return of ? itav__set_text(&of->provider, provider) : ITAV_EINVAL;
}
ITAV_API int itav_offer_set_contact(itav_offer *of, const char *contact)
{
    return of ? itav__set_text(&of->contact, contact) : ITAV_EINVAL;
}

ITAV_API int itav_offer_set_programme(itav_offer *of, const char *programme)
{
    if (!of || (programme && *programme && !itav__valid_id(programme)))
        return ITAV_EINVAL;
    return itav__set_text(&of->programme, programme);
}

ITAV_API int itav_offer_set_period(itav_offer *of, int32_t start, int32_t end)
{
    if (!of || !itav__valid_date_or_none(start) || !itav__valid_date_or_none(end) ||
        (start != ITAV_DATE_NONE && end != ITAV_DATE_NONE && end < start))
        return ITAV_EINVAL;
    of->start = start;
    of->end = end;
    return ITAV_OK;
}

static itav__strlist *text_list(const itav_offer *of, itav_text_list list)
{
    return of && list == ITAV_TEXT_MUNICIPALITIES ? (itav__strlist *)&of->municipalities
                                                  : NULL;
}

ITAV_API size_t itav_offer_text_count(const itav_offer *of, itav_text_list list)
{
    const itav__strlist *l = text_list(of, list);
    return l ? l->n : 0;
}

ITAV_API const char *itav_offer_text(const itav_offer *of, itav_text_list list, size_t i)
{
    const itav__strlist *l = text_list(of, list);
    return l && i < l->n ? l->v[i] : NULL;
}

ITAV_API int itav_offer_add_text(itav_offer *of, itav_text_list list, const char *text)
{
    itav__strlist *l = text_list(of, list);
    if (!l || !text || !*text)
        return ITAV_EINVAL;
    return itav__strlist_add(l, text);
}

ITAV_API int itav_offer_remove_text(itav_offer *of, itav_text_list list, size_t i)
{
    itav__strlist *l = text_list(of, list);
    return l ? itav__strlist_remove(l, i) : ITAV_EINVAL;
}

static itav__figlist *figure_list(const itav_offer *of, itav_figure_list list)
{
    if (!of)
        return NULL;
    switch (list) {
    case ITAV_FIGURES_REACH: return (itav__figlist *)&of->reach;
    case ITAV_FIGURES_TARGETS: return (itav__figlist *)&of->targets;
    case ITAV_FIGURES_CAPACITY: return (itav__figlist *)&of->capacity;
    }
    return NULL;
}

ITAV_API size_t itav_offer_figure_count(const itav_offer *of, itav_figure_list list)
{
    const itav__figlist *l = figure_list(of, list);
    return l ? l->n : 0;
}

ITAV_API const itav_figure *itav_offer_figure(const itav_offer *of, itav_figure_list list,
                                              size_t i)
{
    const itav__figlist *l = figure_list(of, list);
    return l && i < l->n ? l->v[i] : NULL;
}

ITAV_API int itav_offer_add_figure(itav_offer *of, itav_figure_list list, const itav_figure *f)
{
    itav__figlist *l = figure_list(of, list);
    return l && f ? itav__figlist_add(l, f) : ITAV_EINVAL;
}

ITAV_API int itav_offer_remove_figure(itav_offer *of, itav_figure_list list, size_t i)
{
    itav__figlist *l = figure_list(of, list);
    return l ? itav__figlist_remove(l, i) : ITAV_EINVAL;
}

ITAV_API const char *itav_offer_source(const itav_offer *of, const char *field)
{
    int i = of ? itav__field_index(itav__offer_fields, field) : -1;
    return i < 0 ? NULL : of->sources.ref[i];
}

ITAV_API int itav_offer_set_source(itav_offer *of, const char *field, const char *ref)
{
    return of ? itav__sources_set(&of->sources, itav__offer_fields, field, ref) : ITAV_EINVAL;
}

/* ---- in a store ---- */

/* Finds a stored offer that names `programme` as its programme (there is no index on the
 * field; offers are few). */
typedef struct member_scan {
    itav_db *db;
    const char *programme;
    char *member; /* owned id of the first member found */
    int rc;
} member_scan;

static int find_member(void *arg, const char *key, const void *data, size_t size)
{
    member_scan *st = arg;
    itav_offer *of;
    char err[512];
    int rc = itav__offer_decode(&of, st->db, data, size, err, sizeof err);
    if (rc != ITAV_OK) {
        st->rc = itav__error(st->db, rc, "stored offer \"%s\" is damaged: %s", key, err);
        return 1;
    }
    if (of->programme && strcmp(of->programme, st->programme) == 0) {
        st->member = of->id;
        of->id = NULL;
    }
    itav_offer_free(of);
    return st->member != NULL;
}

/* *member is the owned id of an offer that is part of programme `id`, or NULL. */
static int programme_member(char **member, itav_db *db, const char *id)
{
    member_scan st = {db, id, NULL, ITAV_OK};
    int rc = itav__scan(db, ITAV__KIND_OFFER, ITAV_SCAN_ALL, NULL, find_member, &st);
    if (rc < 0 || st.rc != ITAV_OK) {
        itav__free(st.member);
        return st.rc != ITAV_OK ? st.rc : rc;
    }
    *member = st.member;
    return ITAV_OK;
}

/* Programmes are one level deep: the programme offer exists, is another offer, is not part of
 * a programme itself, and the offer is not the programme of others. */
static int check_programme(itav_db *db, const itav_offer *of)
{
    itav_offer *prog;
    char *member;
    if (strcmp(of->programme, of->id) == 0)
        return itav__error(db, ITAV_EINVAL, "offer \"%s\": programme: an offer cannot be its "
                           "own programme", of->id);
    int rc = itav_offer_get(&prog, db, of->programme);
    if (rc == ITAV_ENOTFOUND)
        return itav__error(db, rc, "offer \"%s\": programme: no offer \"%s\"", of->id,
                           of->programme);
    if (rc != ITAV_OK)
        return rc;
    if (prog->programme)
        rc = itav__error(db, ITAV_EINVAL, "offer \"%s\": programme: \"%s\" is itself part of "
                         "programme \"%s\" (programmes do not nest)", of->id, of->programme,
                         prog->programme);
    itav_offer_free(prog);
    if (rc != ITAV_OK || (rc = programme_member(&member, db, of->id)) != ITAV_OK)
        return rc;
    if (member) {
        rc = itav__error(db, ITAV_EINVAL, "offer \"%s\": programme: it is the programme of "
                         "offer \"%s\", so it cannot be part of a programme itself", of->id,
                         member);
        itav__free(member);
    }
    return rc;
}

int itav__offer_check(itav_db *db, const itav_offer *of)
{
    bool exists;
    int rc = itav__exists(&exists, db, ITAV__KIND_INTERVENTION, of->intervention);
    if (rc != ITAV_OK)
        return rc;
    if (!exists)
        return itav__error(db, ITAV_ENOTFOUND, "offer \"%s\": no intervention \"%s\"", of->id,
                           of->intervention);
    return of->programme ? check_programme(db, of) : ITAV_OK;
}

int itav__offer_write(itav_db *db, const itav_offer *of)
{
    unsigned char *rec;
    size_t size;
    int rc = itav__offer_encode(&rec, &size, of);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "cannot encode offer \"%s\": %s", of->id,
                           itav__strerror(db, rc));
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    index[ITAV__OFFER_SLOT_INTERVENTION] = of->intervention;
    rc = itav__put_record(db, ITAV__KIND_OFFER, of->id, index, rec, size);
    itav__free(rec);
    return rc;
}

static int save(itav_db *db, const itav_offer *of, bool must_exist)
{
    bool exists;
    if (!db)
        return ITAV_EINVAL;
    if (!of)
        return itav__error(db, ITAV_EINVAL, "no offer given");
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__exists(&exists, db, ITAV__KIND_OFFER, of->id)) != ITAV_OK)
        goto fail;
    if (exists != must_exist) {
        rc = must_exist ? itav__error(db, ITAV_ENOTFOUND, "no offer \"%s\"", of->id)
                        : itav__error(db, ITAV_EEXISTS, "offer \"%s\" already exists", of->id);
        goto fail;
    }
    if ((rc = itav__offer_check(db, of)) != ITAV_OK || (rc = itav__offer_write(db, of)) != ITAV_OK)
        goto fail;
    return itav__commit(db);
fail:
    itav__rollback(db);
    return rc;
}

ITAV_API int itav_offer_create(itav_db *db, const itav_offer *of) { return save(db, of, false); }
ITAV_API int itav_offer_update(itav_db *db, const itav_offer *of) { return save(db, of, true); }

ITAV_API int itav_offer_get(itav_offer **out, itav_db *db, const char *id)
{
    char *rec, err[512];
    size_t size;
    if (!db)
        return ITAV_EINVAL;
    if (!out || !id)
        return itav__error(db, ITAV_EINVAL, out ? N_("no offer id given")
                                                : N_("no place for the offer given"));
    int rc = itav__get_record(&rec, &size, db, ITAV__KIND_OFFER, id);
    if (rc == ITAV_ENOTFOUND)
        return itav__error(db, rc, "no offer \"%s\"", id);
    if (rc != ITAV_OK)
        return rc;
    rc = itav__offer_decode(out, db, rec, size, err, sizeof err);
    itav__free(rec);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "stored offer \"%s\" is damaged: %s", id, err);
    return ITAV_OK;
}

/* Keeps the key of the first record a scan finds (arg: a buffer of ITAV__REF_MAX + 1). */
static int first_key(void *arg, const char *key, const void *data, size_t size)
{
    (void)data, (void)size;
    snprintf(arg, ITAV__REF_MAX + 1, "%s", key);
    return 1; /* one is enough */
}

/* Indicators and participants (and through them matches and reviews) belong to one offer:
 * deleting it while any are left would leave them pointing nowhere. */
static int refuse_if_used(itav_db *db, const char *id, const char *kind, int slot,
                          const char *what, const char *hint)
{
    char found[ITAV__REF_MAX + 1] = "";
    int rc = itav__scan(db, kind, slot, id, first_key, found);
    if (rc < 0)
        return rc;
    return found[0] ? itav__error(db, ITAV_EINUSE, "offer \"%s\" still has %s \"%s\" (%s)",
                                  id, itav__tr(db, what), found, itav__tr(db, hint))
                    : ITAV_OK;
}

ITAV_API int itav_offer_delete(itav_db *db, const char *id)
{
    if (!db)
        return ITAV_EINVAL;
    if (!id)
        return itav__error(db, ITAV_EINVAL, "no offer id given");
    char *member = NULL;
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    rc = programme_member(&member, db, id);
    if (rc == ITAV_OK && member)
        rc = itav__error(db, ITAV_EINUSE, "offer \"%s\" is the programme of offer \"%s\"; take "
                         "its members out of the programme first", id, member);
    itav__free(member);
    if (rc == ITAV_OK)
        rc = refuse_if_used(db, id, ITAV__KIND_INDICATOR, ITAV__INDICATOR_SLOT_OFFER,
                            N_("indicator"), N_("delete its indicators first"));
    if (rc == ITAV_OK)
        rc = refuse_if_used(db, id, ITAV__KIND_PARTICIPANT, ITAV__PARTICIPANT_SLOT_OFFER,
                            N_("participant"),
                            N_("participants and their matches stay with their offer"));
    if (rc == ITAV_OK)
        rc = itav__del_record(db, ITAV__KIND_OFFER, id);
    if (rc == ITAV_ENOTFOUND)
        rc = itav__error(db, rc, "no offer \"%s\"", id);
    if (rc != ITAV_OK) {
        itav__rollback(db);
        return rc;
    }
    return itav__commit(db);
}

struct itav_offer_iter {
    itav__iter list; /* of itav_offer */
};

static void free_offer(void *of) { itav_offer_free(of); }

typedef struct list_state {
    itav_db *db;
    const char *municipality;
    itav_offer_iter *it;
    int rc;
} list_state;

static int collect(void *arg, const char *key, const void *data, size_t size)
{
    list_state *st = arg;
    itav_offer *of;
    char err[512];
    int rc = itav__offer_decode(&of, st->db, data, size, err, sizeof err);
    if (rc != ITAV_OK) {
        st->rc = itav__error(st->db, rc, "stored offer \"%s\" is damaged: %s", key, err);
        return 1;
    }
    if (st->municipality && !itav__strlist_has_nocase(&of->municipalities, st->municipality)) {
        itav_offer_free(of);
        return 0;
    }
    if (itav__iter_push(&st->it->list, of) != ITAV_OK) {
        st->rc = itav__error(st->db, ITAV_ENOMEM, "out of memory listing offers");
        return 1;
    }
    return 0;
}

ITAV_API int itav_offer_list(itav_offer_iter **out, itav_db *db, const char *intervention,
                             const char *municipality)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the iterator given");
    list_state st = {db, municipality, itav__calloc(1, sizeof *st.it), ITAV_OK};
    if (!st.it)
        return itav__error(db, ITAV_ENOMEM, "out of memory listing offers");
    st.it->list.free_item = free_offer;
    int rc = intervention ? itav__scan(db, ITAV__KIND_OFFER, ITAV__OFFER_SLOT_INTERVENTION,
                                       intervention, collect, &st)
                          : itav__scan(db, ITAV__KIND_OFFER, ITAV_SCAN_ALL, NULL, collect, &st);
    if (rc < 0 || st.rc != ITAV_OK) {
        itav_offer_iter_free(st.it);
        return st.rc != ITAV_OK ? st.rc : rc;
    }
    *out = st.it; /* the backend scans in key order, which is id order */
    return ITAV_OK;
}

ITAV_API int itav_offer_iter_next(itav_offer **out, itav_offer_iter *it)
{
    return out && it ? itav__iter_next((void **)out, &it->list) : ITAV_EINVAL;
}

ITAV_API void itav_offer_iter_free(itav_offer_iter *it)
{
    if (!it)
        return;
    itav__iter_clear(&it->list);
    itav__free(it);
}
