/* Access sheets: who an intervention or offer is for, how people reach it, and what running
 * it takes (itav/access.h). The vocabularies are the recurring kinds the seeds name. */
#include "model/model_int.h"

#include <string.h>

typedef struct access_code {
    const char *code, *nl, *en;
} access_code;

/* Each list's vocabulary, "other" last; the order is the order of itav_access_code_at(). */
static const access_code conditions[] = {
    {"overburdened", "overbelast gezin", "overburdened family"},
    {"manageable_problems", "problemen niet te zwaar", "problems not too heavy"},
    {"small_network", "geen of weinig steunend netwerk", "no or little supporting network"},
    {"motivated", "gemotiveerd en afspraken nakomen", "motivated and keeps agreements"},
    {"child_age", "leeftijd van de kinderen", "age of the children"},
    {"safe_base", "basis en veiligheid op orde", "basic safety in order"},
    {"other", "overig", "other"},
    {NULL, NULL, NULL}};

static const access_code referral[] = {
    {"self", "zelf aanmelden", "self-referral"},
    {"school", "school", "school"},
    {"school_social_work", "schoolmaatschappelijk werk", "school social work"},
    {"childcare", "kinderopvang", "childcare"},
    {"wijkteam", "wijkteam of jeugdteam", "neighbourhood or youth team"},
    {"family_coach", "gezinscoach (CJG)", "family coach (CJG)"},
    {"social_work", "maatschappelijk werk", "social work"},
    {"welfare", "welzijnsorganisatie", "welfare organisation"},
    {"gp", "huisarts of praktijkondersteuner", "general practitioner or practice nurse"},
    {"child_health", "consultatiebureau of jeugdgezondheidszorg", "child health clinic"},
    {"youth_care", "jeugdzorg of jeugdhulp", "youth care"},
    {"network", "eigen netwerk, mond-tot-mond", "own network, word of mouth"},
    {"outreach", "posters en voorlichting", "posters and outreach"},
    {"other", "overig", "other"},
    {NULL, NULL, NULL}};

static const access_code recruitment[] = {
    {"school", "scholen", "schools"},
    {"volunteer_centre", "vrijwilligerscentrale", "volunteer centre"},
    {"health_centre", "gezondheidscentra", "health centres"},
    {"sports_club", "sportverenigingen", "sports clubs"},
    {"church", "kerken", "churches"},
    {"community_centre", "buurthuizen", "community centres"},
    {"social_media", "sociale media", "social media"},
    {"business", "bedrijven", "businesses"},
    {"word_of_mouth", "mond-tot-mondreclame", "word of mouth"},
    {"other", "overig", "other"},
    {NULL, NULL, NULL}};

static const access_code tasks[] = {
    {"publicity", "publiciteit en naamsbekendheid", "publicity"},
    {"partners", "afstemming met partners", "working with partners"},
    {"find_families", "gezinnen opsporen", "finding families"},
    {"intake", "kennismaken en screenen", "introductions and screening"},
    {"matching", "koppelen", "matching"},
    {"contract", "afspraken vastleggen", "recording agreements"},
    {"guidance", "begeleiden", "guidance"},
    {"monitoring", "voortgang bewaken", "monitoring progress"},
    {"activities", "activiteiten organiseren", "organising activities"},
    {"case_meetings", "casusbesprekingen en overleg", "case discussions and meetings"},
    {"poverty", "armoede signaleren", "spotting poverty"},
    {"formal_care", "afstemming met formele hulp", "liaising with formal care"},
    {"safety", "veiligheid", "safety"},
    {"reporting", "administratie en rapportage", "administration and reporting"},
    {"municipality", "overleg met de gemeente", "meetings with the municipality"},
    {"other", "overig", "other"},
    {NULL, NULL, NULL}};

static const access_code needs[] = {
    {"awareness", "bekendheid", "awareness"},
    {"volunteers", "vrijwilligers", "volunteers"},
    {"location", "locatie", "a place"},
    {"coordination", "coördinatie", "coordination"},
    {"network", "netwerk en samenwerking", "network and collaboration"},
    {"funding", "financiering", "funding"},
    {"method", "methode, training en materiaal", "method, training and materials"},
    {"commitment", "draagvlak en visie", "commitment and a shared vision"},
    {"time", "tijd en ruimte", "time and room"},
    {"safe_setting", "veilige omgeving", "a safe setting"},
    {"attitude", "houding", "attitude"},
    {"other", "overig", "other"},
    {NULL, NULL, NULL}};

static const struct {
    const char *code;
    const access_code *vocab;
} lists[ITAV_ACCESS_LIST_COUNT + 1] = {{NULL, NULL},
    {"conditions", conditions}, {"referral", referral}, {"recruitment", recruitment},
    {"tasks", tasks}, {"needs", needs}};

static bool list_ok(int list) { return list >= 1 && list <= ITAV_ACCESS_LIST_COUNT; }

static const access_code *find_code(int list, const char *code)
{
    if (!list_ok(list) || !code)
        return NULL;
    for (const access_code *c = lists[list].vocab; c->code; c++)
        if (strcmp(c->code, code) == 0)
            return c;
    return NULL;
}

bool itav__access_code_ok(int list, const char *code) { return find_code(list, code) != NULL; }

ITAV_API const char *itav_access_list_code(itav_access_list list)
{
    return list_ok(list) ? lists[list].code : NULL;
}

ITAV_API int itav_access_list_from_code(itav_access_list *out, const char *code)
{
    if (!out || !code)
        return ITAV_EINVAL;
    for (int l = 1; l <= ITAV_ACCESS_LIST_COUNT; l++)
        if (strcmp(lists[l].code, code) == 0) {
            *out = (itav_access_list)l;
            return ITAV_OK;
        }
    return ITAV_ENOTFOUND;
}

ITAV_API const char *itav_access_code_at(itav_access_list list, size_t i)
{
    if (!list_ok(list))
        return NULL;
    for (const access_code *c = lists[list].vocab; c->code; c++, i--)
        if (i == 0)
            return c->code;
    return NULL;
}

ITAV_API const char *itav_access_code_label(itav_access_list list, const char *code,
                                            itav_lang lang)
{
    const access_code *c = find_code(list, code);
    if (!c)
        return NULL;
    return lang == ITAV_LANG_NL ? c->nl : lang == ITAV_LANG_EN ? c->en : NULL;
}

ITAV_API int itav_access_new(itav_access **out)
{
    if (!out)
        return ITAV_EINVAL;
    itav_access *a = itav__calloc(1, sizeof *a);
    if (!a)
        return ITAV_ENOMEM;
    a->age_min = a->age_max = ITAV_AGE_NONE;
    *out = a;
    return ITAV_OK;
}

static void entry_clear(itav__access_entry *e)
{
    itav__free(e->code);
    itav__free(e->text);
    itav__free(e->source);
}

ITAV_API void itav_access_free(itav_access *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nentries; i++)
        entry_clear(&a->entries[i]);
    itav__free(a->entries);
    itav__free(a->age_source);
    itav__free(a);
}

static bool source_ok(const char *source) { return !source || itav__valid_ref(source); }

ITAV_API int itav_access_set_ages(itav_access *a, int32_t min, int32_t max, const char *source)
{
    if (!a || !itav__age_ok(min) || !itav__age_ok(max) ||
        (min != ITAV_AGE_NONE && max != ITAV_AGE_NONE && min > max) || !source_ok(source))
        return ITAV_EINVAL;
    bool none = min == ITAV_AGE_NONE && max == ITAV_AGE_NONE;
    int rc = itav__set_text(&a->age_source, none ? NULL : source);
    if (rc != ITAV_OK)
        return rc;
    a->has_ages = !none;
    a->age_min = min;
    a->age_max = max;
    return ITAV_OK;
}

ITAV_API int itav_access_ages(int32_t *min, int32_t *max, const itav_access *a)
{
    if (!min || !max || !a)
        return ITAV_EINVAL;
    *min = a->has_ages ? a->age_min : ITAV_AGE_NONE;
    *max = a->has_ages ? a->age_max : ITAV_AGE_NONE;
    return ITAV_OK;
}

ITAV_API const char *itav_access_ages_source(const itav_access *a)
{
    return a ? a->age_source : NULL;
}

static int entry_set(itav__access_entry *e, int list, const char *code, const char *text,
                     const char *source, unsigned flags)
{
    itav__access_entry n = {list, NULL, NULL, NULL, flags};
    if (itav__set_text(&n.code, code) || itav__set_text(&n.text, text) ||
        itav__set_text(&n.source, source)) {
        entry_clear(&n);
        return ITAV_ENOMEM;
    }
    *e = n;
    return ITAV_OK;
}

static int append(itav_access *a, int list, const char *code, const char *text,
                  const char *source, unsigned flags)
{
    if (a->nentries == a->capentries) {
        size_t cap = a->capentries ? 2 * a->capentries : 8;
        itav__access_entry *v = itav__realloc(a->entries, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        a->entries = v;
        a->capentries = cap;
    }
    int rc = entry_set(&a->entries[a->nentries], list, code, text, source, flags);
    if (rc == ITAV_OK)
        a->nentries++;
    return rc;
}

ITAV_API int itav_access_add(itav_access *a, itav_access_list list, const char *code,
                             const char *text, const char *source, unsigned flags)
{
    if (!a || !find_code(list, code) || !text || !*text || !itav__valid_text(text) ||
        !source_ok(source) || (flags & ~ITAV_ACCESS_EFFECTIVE))
        return ITAV_EINVAL;
    return append(a, list, code, text, source, flags);
}

/* The index in entries of the i-th entry of list, or nentries. */
static size_t nth(const itav_access *a, int list, size_t i)
{
    size_t k = 0;
    for (; k < a->nentries; k++)
        if (a->entries[k].list == list && i-- == 0)
            break;
    return k;
}

ITAV_API size_t itav_access_count(const itav_access *a, itav_access_list list)
{
    size_t n = 0;
    if (!a || !list_ok(list))
        return 0;
    for (size_t k = 0; k < a->nentries; k++)
        n += a->entries[k].list == (int)list;
    return n;
}

ITAV_API int itav_access_at(const char **code, const char **text, const char **source,
                            unsigned *flags, const itav_access *a, itav_access_list list,
                            size_t i)
{
    if (!a || !list_ok(list))
        return ITAV_EINVAL;
    size_t k = nth(a, list, i);
    if (k == a->nentries)
        return ITAV_ENOTFOUND;
    const itav__access_entry *e = &a->entries[k];
    if (code)
        *code = e->code;
    if (text)
        *text = e->text;
    if (source)
        *source = e->source;
    if (flags)
        *flags = e->flags;
    return ITAV_OK;
}

ITAV_API int itav_access_remove(itav_access *a, itav_access_list list, size_t i)
{
    if (!a || !list_ok(list))
        return ITAV_EINVAL;
    size_t k = nth(a, list, i);
    if (k == a->nentries)
        return ITAV_ENOTFOUND;
    entry_clear(&a->entries[k]);
    memmove(&a->entries[k], &a->entries[k + 1], (a->nentries - k - 1) * sizeof *a->entries);
    a->nentries--;
    return ITAV_OK;
}

ITAV_API int itav_access_has(const itav_access *a, itav_access_list list, const char *code)
{
    if (!a || !code)
        return 0;
    for (size_t k = 0; k < a->nentries; k++)
        if (a->entries[k].list == (int)list && strcmp(a->entries[k].code, code) == 0)
            return 1;
    return 0;
}

ITAV_API int itav_access_dup(itav_access **out, const itav_access *a)
{
    itav_access *c = NULL;
    if (!out || !a)
        return ITAV_EINVAL;
    int rc = itav_access_new(&c);
    for (size_t k = 0; rc == ITAV_OK && k < a->nentries; k++) {
        const itav__access_entry *e = &a->entries[k];
        rc = append(c, e->list, e->code, e->text, e->source, e->flags);
    }
    if (rc == ITAV_OK) {
        c->has_ages = a->has_ages;
        c->age_min = a->age_min;
        c->age_max = a->age_max;
        rc = itav__set_text(&c->age_source, a->age_source);
    }
    if (rc != ITAV_OK) {
        itav_access_free(c);
        return rc;
    }
    *out = c;
    return ITAV_OK;
}

int itav__access_replace(itav_access **slot, const itav_access *src)
{
    itav_access *c = NULL;
    if (src && (src->has_ages || src->nentries)) {
        int rc = itav_access_dup(&c, src);
        if (rc != ITAV_OK)
            return rc;
    }
    itav_access_free(*slot);
    *slot = c;
    return ITAV_OK;
}

const char *itav__access_problem(const itav_access *a)
{
    if (a->has_ages ? !itav__age_ok(a->age_min) || !itav__age_ok(a->age_max) ||
                          (a->age_min == ITAV_AGE_NONE && a->age_max == ITAV_AGE_NONE) ||
                          (a->age_min != ITAV_AGE_NONE && a->age_max != ITAV_AGE_NONE &&
                           a->age_min > a->age_max)
                    : a->age_source != NULL)
        return N_("an age range that breaks the rule for ages");
    if (a->age_source && !itav__valid_ref(a->age_source))
        return N_("an age source that is not a source reference");
    for (size_t k = 0; k < a->nentries; k++) {
        const itav__access_entry *e = &a->entries[k];
        if (!find_code(e->list, e->code))
            return N_("an entry whose list or code is unknown");
        if (!e->text || !*e->text)
            return N_("an entry without text");
        if (e->source && !itav__valid_ref(e->source))
            return N_("an entry source that is not a source reference");
        if (e->flags & ~ITAV_ACCESS_EFFECTIVE)
            return N_("an entry with unknown flags");
    }
    return NULL;
}

ITAV_API const itav_access *itav_intervention_access(const itav_intervention *iv)
{
    return iv ? iv->access : NULL;
}

ITAV_API int itav_intervention_set_access(itav_intervention *iv, const itav_access *a)
{
    return iv ? itav__access_replace(&iv->access, a) : ITAV_EINVAL;
}

ITAV_API const itav_access *itav_offer_access(const itav_offer *of)
{
    return of ? of->access : NULL;
}

ITAV_API int itav_offer_set_access(itav_offer *of, const itav_access *a)
{
    return of ? itav__access_replace(&of->access, a) : ITAV_EINVAL;
}
