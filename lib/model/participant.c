/* Participants: the people who ask for and who give informal support in an offer. */
#include "model/model_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define AGE_MAX_MONTHS 300
#define CAPACITY_MAX 100
#define DISTANCE_MAX_M 20000000.0

/* ---- references, sides and status moves ---- */

bool itav__valid_participant_ref(const char *s)
{
    size_t n = 0;
    if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
        return false;
    for (const char *p = s; *p; p++, n++) {
        bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9');
        if (!alnum && *p != '.' && *p != '_' && *p != '-')
            return false;
    }
    return n <= ITAV__REF_MAX;
}

bool itav__is_erased_ref(const char *s)
{
    size_t prefix = sizeof ITAV__ERASED_PREFIX - 1;
    if (!s || strncmp(s, ITAV__ERASED_PREFIX, prefix) != 0 || s[prefix] < '1' ||
        s[prefix] > '9') /* a positive number without leading zeros */
        return false;
    for (const char *p = s + prefix; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return strlen(s) <= ITAV__REF_MAX;
}

itav_side itav__kind_side(itav_participant_kind kind)
{
    switch (kind) {
    case ITAV_PARTICIPANT_FAMILY:
    case ITAV_PARTICIPANT_YOUTH:
    case ITAV_PARTICIPANT_PARENT: return ITAV_SIDE_ASKING;
    case ITAV_PARTICIPANT_SUPPORT_FAMILY:
    case ITAV_PARTICIPANT_VOLUNTEER:
    case ITAV_PARTICIPANT_BUDDY:
    case ITAV_PARTICIPANT_PEER: return ITAV_SIDE_SUPPORTING;
    }
    return 0;
}

/* The status a participant of this side waits in for a match: waiting or available. */
static itav_participant_status open_status(itav_side side)
{
    return side == ITAV_SIDE_ASKING ? ITAV_PSTATUS_WAITING : ITAV_PSTATUS_AVAILABLE;
}

/* from 0 asks for the legal starting statuses of itav_participant_create(). Matched moves
 * only through matches: a matched participant cannot even go inactive by hand, because its
 * open matches would then point at someone who is not matched. */
bool itav__status_move_ok(itav_side side, itav_participant_status from,
                          itav_participant_status to)
{
    if (side != ITAV_SIDE_ASKING && side != ITAV_SIDE_SUPPORTING)
        return false;
    if (!from)
        return to == ITAV_PSTATUS_REGISTERED || to == ITAV_PSTATUS_INTAKE ||
               to == ITAV_PSTATUS_APPROVED || to == ITAV_PSTATUS_NOT_SUITABLE ||
               to == open_status(side) || to == ITAV_PSTATUS_INACTIVE;
    switch (from) {
    case ITAV_PSTATUS_REGISTERED: return to == ITAV_PSTATUS_INTAKE || to == ITAV_PSTATUS_INACTIVE;
    case ITAV_PSTATUS_INTAKE:
        return to == ITAV_PSTATUS_APPROVED || to == ITAV_PSTATUS_NOT_SUITABLE ||
               to == ITAV_PSTATUS_INACTIVE;
    case ITAV_PSTATUS_APPROVED: return to == open_status(side) || to == ITAV_PSTATUS_INACTIVE;
    case ITAV_PSTATUS_NOT_SUITABLE: return to == ITAV_PSTATUS_INTAKE || to == ITAV_PSTATUS_INACTIVE;
    case ITAV_PSTATUS_WAITING:
    case ITAV_PSTATUS_AVAILABLE: return to == ITAV_PSTATUS_INACTIVE;
    case ITAV_PSTATUS_INACTIVE: return to == ITAV_PSTATUS_REGISTERED || to == open_status(side);
    case ITAV_PSTATUS_MATCHED:
    case ITAV_PSTATUS_ERASED: return false;
    }
    return false;
}

/* Writes the legal moves from a status as "a, b, c" (or "none", in the language of db). */
static void legal_moves(const itav_db *db, char *buf, size_t size, itav_side side,
                        itav_participant_status from)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int to = ITAV_PSTATUS_REGISTERED; to <= ITAV_PSTATUS_ERASED; to++) {
        if (!itav__status_move_ok(side, from, (itav_participant_status)to))
            continue;
        int w = snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
                         itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, to));
        if (w < 0 || (size_t)w >= size - n)
            break;
        n += (size_t)w;
    }
    if (!n)
        snprintf(buf, size, "%s", itav__tr(db, N_("none")));
}

/* ---- the object ---- */

/* A participant with the defaults of itav_participant_new() and the given ref, which the
 * caller has checked (the JSON decoder also passes erased refs through here). */
static int alloc(itav_participant **out, const char *ref, const char *offer,
                 itav_participant_kind kind)
{
    itav_participant *p = itav__calloc(1, sizeof *p);
    if (!p)
        return ITAV_ENOMEM;
    p->kind = kind;
    p->status = ITAV_PSTATUS_REGISTERED;
    p->status_date = p->vog_date = p->registered = ITAV_DATE_NONE;
    p->age_min = p->age_max = -1;
    p->capacity = 1;
    if (!(p->ref = itav__strdup(ref)) || !(p->offer = itav__strdup(offer))) {
        itav_participant_free(p);
        return ITAV_ENOMEM;
    }
    *out = p;
    return ITAV_OK;
}

ITAV_API int itav_participant_new(itav_participant **out, const char *ref, const char *offer,
                                  itav_participant_kind kind)
{
    if (!out || !itav__valid_participant_ref(ref) || !itav__valid_id(offer) ||
        !itav__kind_side(kind))
        return ITAV_EINVAL;
    return alloc(out, ref, offer, kind);
}

ITAV_API void itav_participant_free(itav_participant *p)
{
    if (!p)
        return;
    itav__free(p->ref);
    itav__free(p->offer);
    itav__free(p->municipality);
    itav__strlist_clear(&p->languages);
    itav__strlist_clear(&p->interests);
    itav__strlist_clear(&p->exclusions);
    itav__free(p);
}

ITAV_API int itav_participant_dup(itav_participant **out, const itav_participant *p)
{
    itav_participant *c;
    if (!out || !p)
        return ITAV_EINVAL;
    int rc = alloc(&c, p->ref, p->offer, p->kind);
    if (rc != ITAV_OK)
        return rc;
    /* Copy every plain member at once, then give the copy its own allocations. */
    char *ref = c->ref, *offer = c->offer;
    *c = *p;
    c->ref = ref;
    c->offer = offer;
    c->municipality = NULL;
    c->languages = c->interests = c->exclusions = (itav__strlist){0};
    if (itav__set_text(&c->municipality, p->municipality) ||
        itav__strlist_copy(&c->languages, &p->languages) ||
        itav__strlist_copy(&c->interests, &p->interests) ||
        itav__strlist_copy(&c->exclusions, &p->exclusions)) {
        itav_participant_free(c);
        return ITAV_ENOMEM;
    }
    *out = c;
    return ITAV_OK;
}

ITAV_API const char *itav_participant_ref(const itav_participant *p) { return p ? p->ref : NULL; }
ITAV_API const char *itav_participant_offer(const itav_participant *p)
{
    return p ? p->offer : NULL;
}
ITAV_API itav_participant_kind itav_participant_get_kind(const itav_participant *p)
{
    return p ? p->kind : 0;
}
ITAV_API itav_side itav_participant_side(const itav_participant *p)
{
    return p ? itav__kind_side(p->kind) : 0;
}
ITAV_API itav_participant_status itav_participant_get_status(const itav_participant *p)
{
    return p ? p->status : 0;
}
ITAV_API int32_t itav_participant_status_date(const itav_participant *p)
{
    return p ? p->status_date : ITAV_DATE_NONE;
}
ITAV_API const char *itav_participant_municipality(const itav_participant *p)
{
    return p ? p->municipality : NULL;
}
ITAV_API const char *itav_participant_postcode(const itav_participant *p)
{
    return p && p->postcode[0] ? p->postcode : NULL;
}

ITAV_API int itav_participant_location(const itav_participant *p, double *lat, double *lon)
{
    if (!p || !p->has_location)
        return 0;
    if (lat)
        *lat = p->lat;
    if (lon)
        *lon = p->lon;
    return 1;
}

ITAV_API uint32_t itav_participant_availability(const itav_participant *p)
{
    return p ? p->availability : 0;
}
ITAV_API unsigned itav_participant_support(const itav_participant *p)
{
    return p ? p->support : 0;
}

static const char *item(const itav__strlist *l, size_t i) { return i < l->n ? l->v[i] : NULL; }

ITAV_API size_t itav_participant_language_count(const itav_participant *p)
{
    return p ? p->languages.n : 0;
}
ITAV_API const char *itav_participant_language(const itav_participant *p, size_t i)
{
    return p ? item(&p->languages, i) : NULL;
}
ITAV_API int itav_participant_language_required(const itav_participant *p)
{
    return p ? p->language_required : 0;
}
ITAV_API size_t itav_participant_interest_count(const itav_participant *p)
{
    return p ? p->interests.n : 0;
}
ITAV_API const char *itav_participant_interest(const itav_participant *p, size_t i)
{
    return p ? item(&p->interests, i) : NULL;
}
ITAV_API size_t itav_participant_child_count(const itav_participant *p)
{
    return p ? p->nchildren : 0;
}
ITAV_API int32_t itav_participant_child_age(const itav_participant *p, size_t i)
{
    return p && i < p->nchildren ? p->children[i] : -1;
}

ITAV_API int itav_participant_age_range(const itav_participant *p, int32_t *min, int32_t *max)
{
    if (!p || p->age_min < 0)
        return 0;
    if (min)
        *min = p->age_min;
    if (max)
        *max = p->age_max;
    return 1;
}

ITAV_API int32_t itav_participant_vog_date(const itav_participant *p)
{
    return p ? p->vog_date : ITAV_DATE_NONE;
}
ITAV_API int itav_participant_trained(const itav_participant *p) { return p ? p->trained : 0; }
ITAV_API int itav_participant_capacity(const itav_participant *p) { return p ? p->capacity : 0; }
ITAV_API int32_t itav_participant_registered(const itav_participant *p)
{
    return p ? p->registered : ITAV_DATE_NONE;
}
ITAV_API double itav_participant_max_distance(const itav_participant *p)
{
    return p ? p->max_distance_m : 0;
}
ITAV_API size_t itav_participant_exclusion_count(const itav_participant *p)
{
    return p ? p->exclusions.n : 0;
}
ITAV_API const char *itav_participant_exclusion(const itav_participant *p, size_t i)
{
    return p ? item(&p->exclusions, i) : NULL;
}

ITAV_API int itav_participant_set_municipality(itav_participant *p, const char *municipality)
{
    return p ? itav__set_text(&p->municipality, municipality) : ITAV_EINVAL;
}

ITAV_API int itav_participant_set_postcode(itav_participant *p, const char *postcode)
{
    if (!p)
        return ITAV_EINVAL;
    if (!postcode || !*postcode) {
        p->postcode[0] = '\0';
        return ITAV_OK;
    }
    if (strlen(postcode) != 4 || postcode[0] < '1' || postcode[0] > '9')
        return ITAV_EINVAL;
    for (int i = 1; i < 4; i++)
        if (postcode[i] < '0' || postcode[i] > '9')
            return ITAV_EINVAL;
    memcpy(p->postcode, postcode, 5);
    return ITAV_OK;
}

ITAV_API int itav_participant_set_location(itav_participant *p, double lat, double lon)
{
    /* Written so that NaN fails every comparison and is refused. */
    if (!p || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180))
        return ITAV_EINVAL;
    p->has_location = 1;
    p->lat = lat;
    p->lon = lon;
    return ITAV_OK;
}

ITAV_API int itav_participant_clear_location(itav_participant *p)
{
    if (!p)
        return ITAV_EINVAL;
    p->has_location = 0;
    p->lat = p->lon = 0;
    return ITAV_OK;
}

ITAV_API int itav_participant_set_availability(itav_participant *p, uint32_t slots)
{
    if (!p || (slots & ~(uint32_t)ITAV_SLOT_ALL))
        return ITAV_EINVAL;
    p->availability = slots;
    return ITAV_OK;
}

ITAV_API int itav_participant_set_support(itav_participant *p, unsigned support)
{
    if (!p || (support & ~ITAV_SUPPORT_ALL))
        return ITAV_EINVAL;
    p->support = support;
    return ITAV_OK;
}

/* Adds s to a list of at most max items unless it is there already. The lists are short by
 * that limit, so the check stays cheap; a stored list is read without it (lib/codec). */
static int add_once(itav__strlist *l, const char *s, size_t max)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return ITAV_OK;
    return l->n < max ? itav__strlist_add(l, s) : ITAV_ERANGE;
}

ITAV_API int itav_participant_add_language(itav_participant *p, const char *code)
{
    const char *stored = itav_language_canonical(code);
    if (!p || !stored)
        return ITAV_EINVAL;
    return add_once(&p->languages, stored, ITAV_LANGUAGES_MAX);
}

ITAV_API int itav_participant_clear_languages(itav_participant *p)
{
    if (!p)
        return ITAV_EINVAL;
    itav__strlist_clear(&p->languages);
    return ITAV_OK;
}

static bool is_flag(int v) { return v == 0 || v == 1; }

ITAV_API int itav_participant_set_language_required(itav_participant *p, int required)
{
    if (!p || !is_flag(required))
        return ITAV_EINVAL;
    p->language_required = required;
    return ITAV_OK;
}

ITAV_API int itav_participant_add_interest(itav_participant *p, const char *tag)
{
    if (!p || !itav__valid_tag(tag))
        return ITAV_EINVAL;
    return add_once(&p->interests, tag, ITAV_INTERESTS_MAX);
}

ITAV_API int itav_participant_clear_interests(itav_participant *p)
{
    if (!p)
        return ITAV_EINVAL;
    itav__strlist_clear(&p->interests);
    return ITAV_OK;
}

static bool age_ok(int32_t months) { return months >= 0 && months <= AGE_MAX_MONTHS; }

ITAV_API int itav_participant_add_child(itav_participant *p, int32_t age_months)
{
    if (!p || !age_ok(age_months))
        return ITAV_EINVAL;
    if (p->nchildren >= ITAV_CHILDREN_MAX)
        return ITAV_ERANGE;
    p->children[p->nchildren++] = age_months;
    return ITAV_OK;
}

ITAV_API int itav_participant_clear_children(itav_participant *p)
{
    if (!p)
        return ITAV_EINVAL;
    p->nchildren = 0;
    return ITAV_OK;
}

ITAV_API int itav_participant_set_age_range(itav_participant *p, int32_t min, int32_t max)
{
    if (!p)
        return ITAV_EINVAL;
    if (min == -1 && max == -1) {
        p->age_min = p->age_max = -1;
        return ITAV_OK;
    }
    if (!age_ok(min) || !age_ok(max) || max < min)
        return ITAV_EINVAL;
    p->age_min = min;
    p->age_max = max;
    return ITAV_OK;
}

ITAV_API int itav_participant_set_vog_date(itav_participant *p, int32_t date)
{
    if (!p || !itav__valid_date_or_none(date))
        return ITAV_EINVAL;
    p->vog_date = date;
    return ITAV_OK;
}

ITAV_API int itav_participant_set_trained(itav_participant *p, int trained)
{
    if (!p || !is_flag(trained))
        return ITAV_EINVAL;
    p->trained = trained;
    return ITAV_OK;
}

size_t itav__open_match_limit(const itav_participant *p)
{
    if (itav__kind_side(p->kind) == ITAV_SIDE_ASKING || p->capacity < 1)
        return 1;
    return (size_t)p->capacity;
}

ITAV_API int itav_participant_set_capacity(itav_participant *p, int capacity)
{
    if (!p || capacity < 1 || capacity > CAPACITY_MAX ||
        (capacity > 1 && itav__kind_side(p->kind) == ITAV_SIDE_ASKING))
        return ITAV_EINVAL;
    p->capacity = capacity;
    return ITAV_OK;
}

ITAV_API int itav_participant_set_registered(itav_participant *p, int32_t date)
{
    if (!p || !itav__valid_date_or_none(date))
        return ITAV_EINVAL;
    p->registered = date;
    return ITAV_OK;
}

ITAV_API int itav_participant_set_max_distance(itav_participant *p, double metres)
{
    if (!p || !(metres >= 0 && metres <= DISTANCE_MAX_M))
        return ITAV_EINVAL;
    p->max_distance_m = metres;
    return ITAV_OK;
}

ITAV_API int itav_participant_add_exclusion(itav_participant *p, const char *ref)
{
    /* Erased refs are accepted: a stored exclusion may name someone erased since. */
    if (!p || !(itav__valid_participant_ref(ref) || itav__is_erased_ref(ref)) ||
        strcmp(ref, p->ref) == 0)
        return ITAV_EINVAL;
    return add_once(&p->exclusions, ref, ITAV_EXCLUSIONS_MAX);
}

ITAV_API int itav_participant_clear_exclusions(itav_participant *p)
{
    if (!p)
        return ITAV_EINVAL;
    itav__strlist_clear(&p->exclusions);
    return ITAV_OK;
}

/* ---- in a store ---- */

/* Whether anything beyond offer, kind, status and status date is set. */
static bool has_personal_data(const itav_participant *p)
{
    return p->municipality || p->postcode[0] || p->has_location || p->availability ||
           p->support || p->languages.n || p->interests.n || p->exclusions.n ||
           p->language_required || p->nchildren || p->age_min >= 0 ||
           p->vog_date != ITAV_DATE_NONE || p->trained || p->capacity != 1 ||
           p->registered != ITAV_DATE_NONE || p->max_distance_m > 0;
}

int itav__participant_check_fields(itav_db *db, const itav_participant *p)
{
    itav_side side = itav__kind_side(p->kind);
    bool erased = p->status == ITAV_PSTATUS_ERASED;
    if (!side)
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": unknown kind %d", p->ref,
                           (int)p->kind);
    if (!itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, p->status))
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": unknown status %d", p->ref,
                           (int)p->status);
    /* Erased participants, and only they, have the library's "~erased-N" references. */
    if (erased ? !itav__is_erased_ref(p->ref) : !itav__valid_participant_ref(p->ref))
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": not a valid reference for "
                           "status %s", p->ref,
                           itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, p->status));
    if ((p->status == ITAV_PSTATUS_WAITING || p->status == ITAV_PSTATUS_AVAILABLE) &&
        p->status != open_status(side))
        return itav__error(db, ITAV_ESTATE, "participant \"%s\": status %s is for the %s side "
                           "only", p->ref,
                           itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, p->status),
                           side == ITAV_SIDE_ASKING ? "supporting" : "asking");
    if (side == ITAV_SIDE_ASKING && p->capacity != 1)
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": the asking side has capacity "
                           "1", p->ref);
    if (erased && has_personal_data(p))
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": an erased participant keeps "
                           "only its offer, kind, status and status date", p->ref);
    return ITAV_OK;
}

int itav__participant_check(itav_db *db, const itav_participant *p)
{
    int rc = itav__participant_check_fields(db, p);
    if (rc != ITAV_OK)
        return rc;
    bool exists;
    if ((rc = itav__exists(&exists, db, ITAV__KIND_OFFER, p->offer)) != ITAV_OK)
        return rc;
    if (!exists)
        return itav__error(db, ITAV_ENOTFOUND, "participant \"%s\": no offer \"%s\"", p->ref,
                           p->offer);
    return ITAV_OK;
}

bool itav__supporter_eligible(const itav_participant *p)
{
    return itav__kind_side(p->kind) == ITAV_SIDE_SUPPORTING &&
           (p->status == ITAV_PSTATUS_AVAILABLE || p->status == ITAV_PSTATUS_MATCHED);
}

int itav__participant_write(itav_db *db, const itav_participant *p)
{
    unsigned char *rec;
    size_t size;
    int rc = itav__participant_encode(&rec, &size, p);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "cannot encode participant \"%s\": %s", p->ref,
                           itav__strerror(db, rc));
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    index[ITAV__PARTICIPANT_SLOT_OFFER] = p->offer;
    bool eligible = itav__supporter_eligible(p);
    if (eligible && !p->has_location)
        index[ITAV__PARTICIPANT_SLOT_UNPLACED] = p->offer;
    rc = itav__put_record(db, ITAV__KIND_PARTICIPANT, p->ref, index, rec, size);
    itav__free(rec);
    if (rc == ITAV_OK) {
        itav_place place = {p->lat, p->lon};
        rc = itav__put_place(db, ITAV__KIND_PARTICIPANT, p->ref,
                             eligible && p->has_location ? &place : NULL);
    }
    return rc;
}

int itav__participant_read(itav_participant **out, itav_db *db, const char *ref)
{
    char *rec;
    size_t size;
    int rc = itav__get_record(&rec, &size, db, ITAV__KIND_PARTICIPANT, ref);
    if (rc == ITAV_ENOTFOUND)
        return itav__error(db, rc, "no participant \"%s\"", ref);
    if (rc != ITAV_OK)
        return rc;
    rc = itav__participant_load(out, db, ref, rec, size);
    itav__free(rec);
    return rc;
}

int itav__participant_load(itav_participant **out, itav_db *db, const char *key,
                           const void *data, size_t size)
{
    char err[512];
    int rc = itav__participant_decode(out, db, data, size, err, sizeof err);
    return rc == ITAV_OK ? rc
                         : itav__error(db, rc, "stored participant \"%s\" is damaged: %s", key,
                                       err);
}

ITAV_API int itav_participant_get(itav_participant **out, itav_db *db, const char *ref)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out || !ref)
        return itav__error(db, ITAV_EINVAL, out ? N_("no participant reference given")
                                                : N_("no place for the participant given"));
    return itav__participant_read(out, db, ref);
}

static int stop_at_first(void *arg, const char *key, const void *data, size_t size)
{
    (void)key, (void)data, (void)size;
    *(bool *)arg = true;
    return 1;
}

/* Whether any match, open or closed, names the participant on either side. */
static int has_matches(bool *out, itav_db *db, const char *ref)
{
    *out = false;
    int rc = itav__scan(db, ITAV__KIND_MATCH, ITAV__MATCH_SLOT_ASKING, ref, stop_at_first, out);
    if (rc >= 0 && !*out)
        rc = itav__scan(db, ITAV__KIND_MATCH, ITAV__MATCH_SLOT_SUPPORTING, ref, stop_at_first,
                        out);
    return rc < 0 ? rc : ITAV_OK;
}

static int refuse_erased(itav_db *db, const itav_participant *stored)
{
    return itav__error(db, ITAV_ESTATE, "participant \"%s\" is erased and cannot change",
                       stored->ref);
}

static int create_in(itav_db *db, const itav_participant *p)
{
    bool exists;
    itav_side side = itav__kind_side(p->kind);
    if (!itav__status_move_ok(side, 0, p->status)) {
        char legal[256];
        legal_moves(db, legal, sizeof legal, side, 0);
        const char *name = itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, p->status);
        return itav__error(db, ITAV_ESTATE, "participant \"%s\": cannot start as %s; legal: %s",
                           p->ref, name ? name : "(unknown)", legal);
    }
    int rc = itav__participant_check(db, p);
    if (rc != ITAV_OK || (rc = itav__exists(&exists, db, ITAV__KIND_PARTICIPANT, p->ref)))
        return rc;
    if (exists)
        return itav__error(db, ITAV_EEXISTS, "participant \"%s\" already exists", p->ref);
    if (p->status_date != ITAV_DATE_NONE || p->registered == ITAV_DATE_NONE)
        return itav__participant_write(db, p);
    itav_participant *c;
    if (itav_participant_dup(&c, p) != ITAV_OK)
        return itav__error(db, ITAV_ENOMEM, "out of memory creating participant \"%s\"", p->ref);
    c->status_date = c->registered;
    rc = itav__participant_write(db, c);
    itav_participant_free(c);
    return rc;
}

/* Runs fn inside one transaction: commits on ITAV_OK, rolls back otherwise. */
static int in_transaction(itav_db *db, const itav_participant *p,
                          int (*fn)(itav_db *, const itav_participant *))
{
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = fn(db, p)) != ITAV_OK) {
        itav__rollback(db);
        return rc;
    }
    return itav__commit(db);
}

ITAV_API int itav_participant_create(itav_db *db, const itav_participant *p)
{
    if (!db)
        return ITAV_EINVAL;
    if (!p)
        return itav__error(db, ITAV_EINVAL, "no participant given");
    return in_transaction(db, p, create_in);
}

int itav__participant_change_check(itav_db *db, const itav_participant *stored,
                                   const itav_participant *p)
{
    bool matched = false;
    if (stored->status == ITAV_PSTATUS_ERASED)
        return refuse_erased(db, stored);
    itav_side old_side = itav__kind_side(stored->kind), new_side = itav__kind_side(p->kind);
    bool moves = strcmp(stored->offer, p->offer) != 0 || old_side != new_side;
    int rc = moves ? has_matches(&matched, db, stored->ref) : ITAV_OK;
    if (rc == ITAV_OK && matched)
        rc = itav__error(db, ITAV_EINUSE, "participant \"%s\" has matches: its %s cannot change",
                         stored->ref,
                         itav__tr(db, old_side != new_side ? N_("side") : N_("offer")));
    return rc;
}

static int update_in(itav_db *db, const itav_participant *p)
{
    itav_participant *stored, *c = NULL;
    int rc = itav__participant_read(&stored, db, p->ref);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__participant_change_check(db, stored, p)) != ITAV_OK)
        goto done;
    if ((rc = itav_participant_dup(&c, p)) != ITAV_OK) {
        rc = itav__error(db, rc, "out of memory updating participant \"%s\"", p->ref);
        goto done;
    }
    c->status = stored->status;
    c->status_date = stored->status_date;
    if ((rc = itav__participant_check(db, c)) == ITAV_OK)
        rc = itav__participant_write(db, c);
done:
    itav_participant_free(c);
    itav_participant_free(stored);
    return rc;
}

ITAV_API int itav_participant_update(itav_db *db, const itav_participant *p)
{
    if (!db)
        return ITAV_EINVAL;
    if (!p)
        return itav__error(db, ITAV_EINVAL, "no participant given");
    return in_transaction(db, p, update_in);
}

ITAV_API int itav_participant_delete(itav_db *db, const char *ref)
{
    itav_participant *stored;
    bool matched;
    if (!db)
        return ITAV_EINVAL;
    if (!ref)
        return itav__error(db, ITAV_EINVAL, "no participant reference given");
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__participant_read(&stored, db, ref)) != ITAV_OK)
        goto fail;
    if (stored->status == ITAV_PSTATUS_ERASED)
        rc = refuse_erased(db, stored);
    else if ((rc = has_matches(&matched, db, ref)) == ITAV_OK && matched)
        rc = itav__error(db, ITAV_EINUSE, "participant \"%s\" has matches: erase it instead of "
                         "deleting it", ref);
    itav_participant_free(stored);
    if (rc != ITAV_OK || (rc = itav__del_record(db, ITAV__KIND_PARTICIPANT, ref)) != ITAV_OK)
        goto fail;
    return itav__commit(db);
fail:
    itav__rollback(db);
    return rc;
}

int itav__participant_move_check(itav_db *db, const itav_participant *p,
                                 itav_participant_status status, int32_t date)
{
    char buf[ITAV_DATE_BUFSIZE], legal[256];
    itav_side side = itav__kind_side(p->kind);
    const char *from = itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, p->status);
    const char *to = itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, status);
    if (p->status == ITAV_PSTATUS_ERASED)
        return refuse_erased(db, p);
    if (!itav__status_move_ok(side, p->status, status)) {
        legal_moves(db, legal, sizeof legal, side, p->status);
        return itav__error(db, ITAV_ESTATE, "participant \"%s\": cannot go from %s to %s; "
                           "legal: %s", p->ref, from, to ? to : "(unknown)", legal);
    }
    if (p->status_date != ITAV_DATE_NONE && date < p->status_date) {
        char cur[ITAV_DATE_BUFSIZE];
        itav_date_format(buf, sizeof buf, date);
        itav_date_format(cur, sizeof cur, p->status_date);
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": %s is before the current "
                           "status date %s", p->ref, buf, cur);
    }
    return ITAV_OK;
}

ITAV_API int itav_participant_set_status(itav_db *db, const char *ref,
                                         itav_participant_status status, int32_t date)
{
    char buf[ITAV_DATE_BUFSIZE];
    itav_participant *p;
    if (!db)
        return ITAV_EINVAL;
    if (!ref)
        return itav__error(db, ITAV_EINVAL, "no participant reference given");
    const char *to = itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, status);
    if (!to)
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": unknown status %d", ref,
                           (int)status);
    if (itav_date_format(buf, sizeof buf, date) != ITAV_OK)
        return itav__error(db, ITAV_EINVAL, "participant \"%s\": the date of the change must "
                           "be a date in years 1900-9999", ref);
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__participant_read(&p, db, ref)) != ITAV_OK)
        goto fail;
    if ((rc = itav__participant_move_check(db, p, status, date)) == ITAV_OK) {
        p->status = status;
        p->status_date = date;
        rc = itav__participant_write(db, p);
    }
    itav_participant_free(p);
    if (rc != ITAV_OK)
        goto fail;
    return itav__commit(db);
fail:
    itav__rollback(db);
    return rc;
}

/* ---- listing ---- */

struct itav_participant_iter {
    itav__iter list; /* of itav_participant */
};

static void free_participant(void *p) { itav_participant_free(p); }

typedef struct list_state {
    itav_db *db;
    const itav_participant_filter *f;
    itav_participant_iter *it;
    int rc;
} list_state;

static bool selected(const itav_participant *p, const itav_participant_filter *f)
{
    return (!f->offer || strcmp(p->offer, f->offer) == 0) &&
           (!f->side || itav__kind_side(p->kind) == f->side) &&
           (!f->status || p->status == f->status) &&
           (!f->municipality ||
            (p->municipality && itav__strcasecmp(p->municipality, f->municipality) == 0));
}

static int collect(void *arg, const char *key, const void *data, size_t size)
{
    list_state *st = arg;
    itav_participant *p;
    if ((st->rc = itav__participant_load(&p, st->db, key, data, size)) != ITAV_OK)
        return 1;
    if (!selected(p, st->f)) {
        itav_participant_free(p);
        return 0;
    }
    if (itav__iter_push(&st->it->list, p) != ITAV_OK) {
        st->rc = itav__error(st->db, ITAV_ENOMEM, "out of memory listing participants");
        return 1;
    }
    return 0;
}

ITAV_API int itav_participant_list(itav_participant_iter **out, itav_db *db,
                                   const itav_participant_filter *filter)
{
    static const itav_participant_filter all = ITAV_PARTICIPANT_FILTER_INIT;
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the iterator given");
    if (!filter)
        filter = &all;
    if (filter->version < 1 || filter->version > ITAV_PARTICIPANT_FILTER_VERSION)
        return itav__error(db, ITAV_EVERSION, "participant filter version %d is not supported "
                           "(struct itav_participant_filter: this library knows versions 1 "
                           "to %d)", filter->version, ITAV_PARTICIPANT_FILTER_VERSION);
    if (filter->side && filter->side != ITAV_SIDE_ASKING && filter->side != ITAV_SIDE_SUPPORTING)
        return itav__error(db, ITAV_EINVAL, "participant filter: unknown side %d",
                           (int)filter->side);
    if (filter->status && !itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, filter->status))
        return itav__error(db, ITAV_EINVAL, "participant filter: unknown status %d",
                           (int)filter->status);
    list_state st = {db, filter, itav__calloc(1, sizeof *st.it), ITAV_OK};
    if (!st.it)
        return itav__error(db, ITAV_ENOMEM, "out of memory listing participants");
    st.it->list.free_item = free_participant;
    int rc = filter->offer ? itav__scan(db, ITAV__KIND_PARTICIPANT,
                                        ITAV__PARTICIPANT_SLOT_OFFER, filter->offer, collect, &st)
                           : itav__scan(db, ITAV__KIND_PARTICIPANT, ITAV_SCAN_ALL, NULL, collect,
                                        &st);
    if (rc < 0 || st.rc != ITAV_OK) {
        itav_participant_iter_free(st.it);
        return st.rc != ITAV_OK ? st.rc : rc;
    }
    *out = st.it; /* the backend scans in key order, which is reference order */
    return ITAV_OK;
}

ITAV_API int itav_participant_iter_next(itav_participant **out, itav_participant_iter *it)
{
    return out && it ? itav__iter_next((void **)out, &it->list) : ITAV_EINVAL;
}

ITAV_API void itav_participant_iter_free(itav_participant_iter *it)
{
    if (!it)
        return;
    itav__iter_clear(&it->list);
    itav__free(it);
}
