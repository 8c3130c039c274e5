/* Recommendations, lightest first (itav/recommend.h): which offers fit a question, placed in
 * tiers from informal and collective to formal and individual, each with its reasons. */
#include "evaluation/evaluation_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ages a question may give: from the start of pregnancy to 50 years. */
#define QUESTION_AGE_MIN (-9)
#define QUESTION_AGE_MAX (50 * 12)

struct itav_recommendation {
    char *intervention, *offer;
    int tier;
    unsigned covered;
    bool channel_preferred; /* reached through the preferred channel */
    char *why, *placement;
};

struct itav_recommendation_iter {
    itav__iter list; /* of itav_recommendation, in order */
};

/* ---- text ---- */

/* A growing string; after a failed append it stays failed and text() gives NULL. Its words
 * are in the language of db (lib/po/nl.po; NULL: English). */
typedef struct text_buf {
    char *s;
    size_t n, cap;
    bool failed;
    const itav_db *db;
} text_buf;

static void vadd(text_buf *b, const char *fmt, va_list args)
{
    if (b->failed)
        return;
    for (;;) {
        va_list ap;
        va_copy(ap, args);
        int len = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (len < 0) {
            b->failed = true;
            return;
        }
        if (b->s && b->n + (size_t)len < b->cap) {
            b->n += (size_t)len;
            return;
        }
        size_t cap = b->cap ? b->cap : 256;
        while (cap <= b->n + (size_t)len)
            cap *= 2;
        char *s = itav__realloc(b->s, cap);
        if (!s) {
            b->failed = true;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
}

/* Appends codes and punctuation, as they are in every language. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void add(text_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(b, fmt, ap);
    va_end(ap);
}

/* Appends words: fmt in the language of b. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void explain(text_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(b, itav__tr(b->db, fmt), ap);
    va_end(ap);
}

/* Hands over the text (owned), or NULL when an append failed. */
static char *text(text_buf *b)
{
    if (b->failed || !b->s) {
        itav__free(b->s);
        return NULL;
    }
    return b->s;
}

/* The codes of a set of bits, lowest first, separated by ", ". */
static void add_codes(text_buf *b, itav_code_type type, unsigned bits)
{
    const char *sep = "";
    for (unsigned bit = 1; bit && bit <= bits; bit <<= 1) {
        if (bits & bit) {
            add(b, "%s%s", sep, itav_code_name(type, (int)bit));
            sep = ", ";
        }
    }
}

static int popcount(unsigned bits)
{
    int n = 0;
    for (; bits; bits &= bits - 1)
        n++;
    return n;
}

/* ---- the question ---- */

/* The audience bits an asker fits. A parent asks about a child, so interventions for
 * children fit too; a young person counts as a child only where the intervention's own age
 * range says so (checked by the caller). Co-carers are other people than the parents, so an
 * intervention only for them does not fit a parent. */
static unsigned asker_audience(itav_asker asker)
{
    switch (asker) {
    case ITAV_ASKER_PARENT: return ITAV_AUDIENCE_PARENTS | ITAV_AUDIENCE_CHILDREN;
    case ITAV_ASKER_EXPECTING: return ITAV_AUDIENCE_EXPECTING_PARENTS;
    case ITAV_ASKER_YOUTH: return ITAV_AUDIENCE_YOUTH;
    }
    return 0;
}

static int check_question(itav_db *db, const itav_question *q)
{
    if (q->version == 0 || q->version > ITAV_QUESTION_VERSION)
        return itav__error(db, ITAV_EVERSION,
                           "question.version: %u is not supported (struct itav_question: this "
                           "library knows versions 1 to %d)", q->version, ITAV_QUESTION_VERSION);
    if (!itav_code_name(ITAV_CODE_ASKER, (int)q->asker))
        return itav__error(db, ITAV_EINVAL,
                           "question.asker: %d is not an asker (expected parent, expecting or "
                           "youth)", (int)q->asker);
    if (q->needs & ~ITAV_THEME_ALL)
        return itav__error(db, ITAV_EINVAL,
                           "question.needs: bits 0x%x are not themes (all themes are 0x%x)",
                           q->needs & ~ITAV_THEME_ALL, ITAV_THEME_ALL);
    if (q->channel && !itav_code_name(ITAV_CODE_CHANNEL, (int)q->channel))
        return itav__error(db, ITAV_EINVAL,
                           "question.channel: %d is not a channel (expected in_person, online, "
                           "both, or 0 for no preference)", (int)q->channel);
    if (q->age_months != ITAV_AGE_NONE &&
        (q->age_months < QUESTION_AGE_MIN || q->age_months > QUESTION_AGE_MAX))
        return itav__error(db, ITAV_EINVAL,
                           "question.age_months: %ld is outside %d..%d (from the start of "
                           "pregnancy to 50 years), or use ITAV_AGE_NONE",
                           (long)q->age_months, QUESTION_AGE_MIN, QUESTION_AGE_MAX);
    return ITAV_OK;
}

/* ---- fitting ---- */

static bool age_stated(const itav_intervention *iv)
{
    return iv->age_min != ITAV_AGE_NONE || iv->age_max != ITAV_AGE_NONE;
}

static bool age_in_range(const itav_intervention *iv, int32_t age)
{
    return (iv->age_min == ITAV_AGE_NONE || age >= iv->age_min) &&
           (iv->age_max == ITAV_AGE_NONE || age <= iv->age_max);
}

/* The audience bits through which the question fits, or 0 when it does not. */
static unsigned audience_fit(const itav_intervention *iv, const itav_question *q)
{
    unsigned fits = asker_audience(q->asker);
    if (q->asker == ITAV_ASKER_YOUTH && q->age_months != ITAV_AGE_NONE && age_stated(iv) &&
        age_in_range(iv, q->age_months))
        fits |= ITAV_AUDIENCE_CHILDREN;
    return iv->audience & fits;
}

static bool fits(const itav_intervention *iv, const itav_question *q)
{
    if (iv->audience && !audience_fit(iv, q))
        return false;
    if (q->age_months != ITAV_AGE_NONE && age_stated(iv) && !age_in_range(iv, q->age_months))
        return false;
    return !q->needs || (iv->themes & q->needs);
}

/* Whether the intervention is reached through the preferred channel: "both" on either side
 * covers the other. */
static bool channel_preferred(const itav_intervention *iv, const itav_question *q)
{
    return q->channel && iv->channel &&
           (iv->channel == q->channel || iv->channel == ITAV_CHANNEL_BOTH ||
            q->channel == ITAV_CHANNEL_BOTH);
}

/* ---- tiers ---- */

static bool collective(itav_scope scope)
{
    return scope == ITAV_SCOPE_COLLECTIVE || scope == ITAV_SCOPE_MIXED;
}

static bool low_threshold(const itav_intervention *iv)
{
    return itav_intervention_element(iv, ITAV_PROFILE_DEFAULT, ITAV_ELEMENT_LOW_THRESHOLD) ==
           ITAV_STATUS_PRESENT;
}

/* The tier and why, appended to b. An informal intervention that does not state its scope
 * cannot be shown to be collective, so it joins the individual ones. */
static int tier_of(const itav_intervention *iv, text_buf *b)
{
    const char *setting = itav_code_name(ITAV_CODE_SETTING, iv->setting);
    const char *scope = iv->scope ? itav_code_name(ITAV_CODE_SCOPE, iv->scope)
                                  : itav__tr(b->db, N_("scope not stated"));
    int tier;
    if (!iv->setting) {
        explain(b, "tier 5 of 5: its setting is not stated, so it cannot be placed");
        return 5;
    }
    if (iv->setting == ITAV_SETTING_INFORMAL)
        tier = collective(iv->scope) ? 1 : 2;
    else if (low_threshold(iv) || collective(iv->scope))
        tier = 3;
    else
        tier = 4;
    explain(b, "tier %d of 5: %s, %s", tier, setting, scope);
    if (tier == 3 && low_threshold(iv))
        explain(b, ", low-threshold (element 3 present)");
    else if (tier == 4)
        explain(b, ", not stated low-threshold");
    return tier;
}

/* ---- one result ---- */

static void add_age_range(text_buf *b, const itav_intervention *iv)
{
    if (iv->age_min != ITAV_AGE_NONE && iv->age_max != ITAV_AGE_NONE)
        explain(b, "%ld..%ld months", (long)iv->age_min, (long)iv->age_max);
    else if (iv->age_min != ITAV_AGE_NONE)
        explain(b, "from %ld months", (long)iv->age_min);
    else
        explain(b, "up to %ld months", (long)iv->age_max);
}

static void add_why(text_buf *b, const itav_intervention *iv, const itav_offer *of,
                    const itav_question *q, unsigned covered)
{
    const char *asker = itav_code_name(ITAV_CODE_ASKER, q->asker);
    explain(b, "audience: ");
    if (iv->audience) {
        explain(b, "it is for ");
        add_codes(b, ITAV_CODE_AUDIENCE, iv->audience);
        explain(b, "; the asker, %s, fits through ", asker);
        add_codes(b, ITAV_CODE_AUDIENCE, audience_fit(iv, q));
    } else {
        explain(b, "it states none, so it is open to the asker, %s", asker);
    }
    explain(b, "; age: ");
    if (q->age_months == ITAV_AGE_NONE)
        explain(b, "none asked");
    else if (!age_stated(iv))
        explain(b, "%ld months; it states no age range", (long)q->age_months);
    else {
        explain(b, "%ld months lies in its range ", (long)q->age_months);
        add_age_range(b, iv);
    }
    if (of)
        explain(b, "; municipality: it runs in %s as offer %s", q->municipality, of->id);
    else
        explain(b, "; municipality: none asked, so the intervention itself is listed");
    explain(b, "; needs: ");
    if (q->needs) {
        explain(b, "covers ");
        add_codes(b, ITAV_CODE_THEME, covered);
        explain(b, " of the asked ");
        add_codes(b, ITAV_CODE_THEME, q->needs);
    } else {
        explain(b, "none asked");
    }
    explain(b, "; channel: ");
    if (!iv->channel)
        explain(b, "not stated");
    else
        add(b, "%s", itav_code_name(ITAV_CODE_CHANNEL, iv->channel));
    if (q->channel && channel_preferred(iv, q))
        explain(b, ", as preferred");
    else if (q->channel)
        explain(b, ", not the preferred %s", itav_code_name(ITAV_CODE_CHANNEL, q->channel));
}

static void add_order(text_buf *b, const itav_question *q, unsigned covered, bool preferred)
{
    explain(b, "; within the tier: ");
    if (q->needs)
        explain(b, "needs covered %d of %d, ", popcount(covered), popcount(q->needs));
    else
        explain(b, "no needs asked, ");
    if (!q->channel)
        explain(b, "no channel preference, ");
    else if (preferred)
        explain(b, "reached through the preferred channel, ");
    else
        explain(b, "not reached through the preferred channel, ");
    explain(b, "then by intervention id");
}

static void free_recommendation(void *r) { itav_recommendation_free(r); }

static int make(itav_recommendation **out, const itav_db *db, const itav_intervention *iv,
                const itav_offer *of, const itav_question *q)
{
    text_buf why = {.db = db}, place = {.db = db};
    itav_recommendation *r = itav__calloc(1, sizeof *r);
    if (!r)
        return ITAV_ENOMEM;
    r->covered = iv->themes & q->needs;
    r->channel_preferred = channel_preferred(iv, q);
    add_why(&why, iv, of, q, r->covered);
    r->tier = tier_of(iv, &place);
    add_order(&place, q, r->covered, r->channel_preferred);
    r->why = text(&why);
    r->placement = text(&place);
    r->intervention = itav__strdup(iv->id);
    r->offer = of ? itav__strdup(of->id) : NULL;
    if (!r->why || !r->placement || !r->intervention || (of && !r->offer)) {
        itav_recommendation_free(r);
        return ITAV_ENOMEM;
    }
    *out = r;
    return ITAV_OK;
}

/* Lighter tier first, then more needs covered, then the preferred channel, then ids. */
static int compare(const void *pa, const void *pb)
{
    const itav_recommendation *a = *(itav_recommendation *const *)pa;
    const itav_recommendation *b = *(itav_recommendation *const *)pb;
    if (a->tier != b->tier)
        return a->tier < b->tier ? -1 : 1;
    int ca = popcount(a->covered), cb = popcount(b->covered);
    if (ca != cb)
        return ca > cb ? -1 : 1;
    if (a->channel_preferred != b->channel_preferred)
        return a->channel_preferred ? -1 : 1;
    int c = strcmp(a->intervention, b->intervention);
    if (c)
        return c;
    return strcmp(a->offer ? a->offer : "", b->offer ? b->offer : "");
}

/* Adds the intervention (through the offer, or NULL) if it fits. */
static int consider(itav_db *db, itav__iter *list, const itav_intervention *iv,
                    const itav_offer *of, const itav_question *q)
{
    itav_recommendation *r;
    if (!fits(iv, q))
        return ITAV_OK;
    if (make(&r, db, iv, of, q) != ITAV_OK || itav__iter_push(list, r) != ITAV_OK)
        return itav__error(db, ITAV_ENOMEM, "out of memory listing recommendations");
    return ITAV_OK;
}

static int from_interventions(itav_db *db, itav__iter *list, const itav_question *q)
{
    itav_intervention_iter *it;
    itav_intervention *iv;
    int rc = itav_intervention_list(&it, db, NULL);
    if (rc != ITAV_OK)
        return rc;
    while (rc == ITAV_OK && itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        rc = consider(db, list, iv, NULL, q);
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    return rc;
}

static int from_offers(itav_db *db, itav__iter *list, const itav_question *q)
{
    itav_offer_iter *it;
    itav_offer *of;
    int rc = itav_offer_list(&it, db, NULL, q->municipality);
    if (rc != ITAV_OK)
        return rc;
    while (rc == ITAV_OK && itav_offer_iter_next(&of, it) == ITAV_OK) {
        itav_intervention *iv;
        rc = itav_intervention_get(&iv, db, of->intervention);
        if (rc == ITAV_OK) {
            rc = consider(db, list, iv, of, q);
            itav_intervention_free(iv);
        }
        itav_offer_free(of);
    }
    itav_offer_iter_free(it);
    return rc;
}

ITAV_API int itav_recommend(itav_recommendation_iter **out, itav_db *db,
                            const itav_question *q)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the iterator given");
    if (!q)
        return itav__error(db, ITAV_EINVAL, "no question given");
    int rc = check_question(db, q);
    if (rc != ITAV_OK)
        return rc;
    itav_recommendation_iter *it = itav__calloc(1, sizeof *it);
    if (!it)
        return itav__error(db, ITAV_ENOMEM, "out of memory listing recommendations");
    it->list.free_item = free_recommendation;
    rc = q->municipality ? from_offers(db, &it->list, q) : from_interventions(db, &it->list, q);
    if (rc != ITAV_OK) {
        itav_recommendation_iter_free(it);
        return rc;
    }
    if (it->list.n > 1)
        qsort(it->list.items, it->list.n, sizeof *it->list.items, compare);
    *out = it;
    return ITAV_OK;
}

ITAV_API int itav_recommendation_iter_next(itav_recommendation **out,
                                           itav_recommendation_iter *it)
{
    return out && it ? itav__iter_next((void **)out, &it->list) : ITAV_EINVAL;
}

ITAV_API void itav_recommendation_iter_free(itav_recommendation_iter *it)
{
    if (!it)
        return;
    itav__iter_clear(&it->list);
    itav__free(it);
}

ITAV_API void itav_recommendation_free(itav_recommendation *r)
{
    if (!r)
        return;
    itav__free(r->intervention);
    itav__free(r->offer);
    itav__free(r->why);
    itav__free(r->placement);
    itav__free(r);
}

ITAV_API const char *itav_recommendation_intervention(const itav_recommendation *r)
{
    return r ? r->intervention : NULL;
}
ITAV_API const char *itav_recommendation_offer(const itav_recommendation *r)
{
    return r ? r->offer : NULL;
}
ITAV_API int itav_recommendation_tier(const itav_recommendation *r) { return r ? r->tier : 0; }
ITAV_API unsigned itav_recommendation_covered(const itav_recommendation *r)
{
    return r ? r->covered : 0;
}
ITAV_API const char *itav_recommendation_why(const itav_recommendation *r)
{
    return r ? r->why : NULL;
}
ITAV_API const char *itav_recommendation_placement(const itav_recommendation *r)
{
    return r ? r->placement : NULL;
}
