/* Scoring: hard constraints and the explained score of one pair.
 *
 * The criteria, for an asking participant A and a supporter S (a criterion "applies" only
 * when both sides carry the data it needs, and, when the plan names criteria, only if the
 * plan names it):
 *
 *   distance      both have coordinates: max(0, 1 - d / D), d the haversine distance
 *                 (R = 6371008.8 m), D the plan's max_distance_m if set, else
 *                 options.distance_scale_m. Otherwise: 1 if both have a postcode area and
 *                 it is the same; else 0.5 if both have a municipality and it is the same
 *                 (ignoring ASCII case); else 0 if both have a postcode area or both have a
 *                 municipality; else the criterion does not apply.
 *   availability  |A.slots & S.slots| / |A.slots|         (both sets non-empty)
 *   needs         |A.support & S.support| / |A.support|   (both sets non-empty)
 *   languages     1 if they share a language, else 0      (both list languages)
 *   interests     |A.interests ∩ S.interests| / |A.interests|  (both list interests)
 *   ages          #(A's children with S.age_min <= age <= S.age_max) / #A's children
 *                 (A lists children and S has an age range)
 *   waiting       clamp((as_of - A.registered) / options.waiting_full_days, 0, 1)
 *                 (A has a registration date)
 *
 *   score = sum(w_c * v_c) / sum(w_c) over the criteria c that apply and have w_c > 0;
 *           0 if there is none, and 0 for an excluded pair.
 *
 * A criterion with weight 0 still shows its value in the breakdown, with weight 0. An
 * excluded pair keeps its whole breakdown; only its score is 0.
 */
#include "matching/matching_int.h"

#include <math.h>
#include <string.h>
#include <time.h>

#define EARTH_RADIUS_M 6371008.8

ITAV_API int itav_match_options_init(itav_match_options *options)
{
    if (!options)
        return ITAV_EINVAL;
    const itav_match_options defaults = ITAV_MATCH_OPTIONS_INIT;
    *options = defaults;
    return ITAV_OK;
}


int itav__options_resolve(itav_match_options *o, itav_db *db, const itav_match_options *in)
{
    itav_match_options_init(o);
    if (!in) {
        o->as_of = itav__today();
        return ITAV_OK;
    }
    if (in->version < 1 || in->version > ITAV_MATCH_OPTIONS_VERSION)
        return itav__error(db, ITAV_EVERSION,
                           "match options version %d is not supported (struct "
                           "itav_match_options: this library knows versions 1 to %d)",
                           in->version, ITAV_MATCH_OPTIONS_VERSION);
    double total = 0;
    for (int c = 1; c <= ITAV_CRITERION_COUNT; c++) {
        if (!(in->weights[c] >= 0) || !isfinite(in->weights[c]))
            return itav__error(db, ITAV_EINVAL,
                               "match options: weights[%d] (%s) must be a finite number, 0 "
                               "or more",
                               c, itav_code_name(ITAV_CODE_CRITERION, c));
        total += in->weights[c];
    }
    if (total <= 0)
        return itav__error(db, ITAV_EINVAL,
                           "match options: weights are all 0; give at least one criterion a "
                           "weight above 0");
    if (!isfinite(total)) /* the score divides by the sum of the weights */
        return itav__error(db, ITAV_EINVAL,
                           "match options: the weights add up to more than a double holds");
    if (!(in->min_score >= 0 && in->min_score <= 1))
        return itav__error(db, ITAV_EINVAL, "match options: min_score must be 0 to 1");
    if (in->waiting_full_days < 1)
        return itav__error(db, ITAV_EINVAL, "match options: waiting_full_days must be 1 or more");
    if (!(in->distance_scale_m > 0) || !isfinite(in->distance_scale_m))
        return itav__error(db, ITAV_EINVAL,
                           "match options: distance_scale_m must be more than 0 metres");
    if (!(in->max_distance_m >= 0) || isnan(in->max_distance_m))
        return itav__error(db, ITAV_EINVAL,
                           "match options: max_distance_m must be 0 (none) or more metres");
    char buf[ITAV_DATE_BUFSIZE];
    if (in->as_of != ITAV_DATE_NONE && itav_date_format(buf, sizeof buf, in->as_of) != ITAV_OK)
        return itav__error(db, ITAV_EINVAL,
                           "match options: as_of must be a date in 1900-9999 or "
                           "ITAV_DATE_NONE (today)");
    *o = *in;
    o->weights[0] = 0;
    if (o->as_of == ITAV_DATE_NONE)
        o->as_of = itav__today();
    return ITAV_OK;
}

double itav__distance_m(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    if (h > 1)
        h = 1;
    return 2 * EARTH_RADIUS_M * asin(sqrt(h));
}

void itav__box_around(itav_box *box, double lat, double lon, double metres)
{
    const double deg = 180.0 / 3.14159265358979323846;
    /* a millimetre and a little more, against rounding in the haversine of the pairs */
    double r = (metres * (1 + 1e-9) + 1e-3) / EARTH_RADIUS_M; /* the radius as an angle */
    double dlat = r * deg + 1e-9;
    box->south = fmax(lat - dlat, -90);
    box->north = fmin(lat + dlat, 90);
    /* Away from the poles the circle's widest longitude is asin(sin r / cos lat) off; a
     * circle over a pole takes every longitude. */
    if (r >= 3.14159265358979323846 / 2 || lat + dlat >= 90 || lat - dlat <= -90) {
        box->west = -180;
        box->east = 180;
        return;
    }
    double dlon = asin(fmin(sin(r) / cos(lat / deg), 1)) * deg + 1e-9;
    if (dlon >= 180) {
        box->west = -180;
        box->east = 180;
        return;
    }
    box->west = lon - dlon < -180 ? lon - dlon + 360 : lon - dlon; /* west > east: across */
    box->east = lon + dlon > 180 ? lon + dlon - 360 : lon + dlon;  /* the antimeridian */
}

/* ---- constraints ---- */

static bool share_language(const itav_participant *a, const itav_participant *b)
{
    for (size_t i = 0; i < a->languages.n; i++)
        if (itav__strlist_has_nocase(&b->languages, a->languages.v[i]))
            return true;
    return false;
}

static bool excludes(const itav_participant *p, const char *ref)
{
    for (size_t i = 0; i < p->exclusions.n; i++)
        if (strcmp(p->exclusions.v[i], ref) == 0)
            return true;
    return false;
}

static bool plan_flag(const itav_plan *plan, itav_plan_field f)
{
    return itav_plan_get(plan, f) == 1;
}

static double tighter(double limit, double other)
{
    return other > 0 && (limit == 0 || other < limit) ? other : limit;
}

double itav__distance_limit(const itav_plan *plan, const itav_participant *a,
                            const itav_participant *s, const itav_match_options *o)
{
    long plan_max = itav_plan_get(plan, ITAV_PLAN_MAX_DISTANCE_M);
    double limit = tighter(plan_max > 0 ? (double)plan_max : 0, o->max_distance_m);
    if (a)
        limit = tighter(limit, a->max_distance_m);
    return s ? tighter(limit, s->max_distance_m) : limit;
}

double itav__distance_scale(const itav_plan *plan, const itav_match_options *o)
{
    long plan_max = itav_plan_get(plan, ITAV_PLAN_MAX_DISTANCE_M);
    return plan_max > 0 ? (double)plan_max : o->distance_scale_m;
}

static itav_constraint check(const itav_participant *a, const itav_participant *s,
                             const itav_plan *plan, const itav__pair_facts *f,
                             const itav_match_options *o, double distance)
{
    if (strcmp(a->offer, s->offer) != 0)
        return ITAV_CONSTRAINT_OFFER;
    if (a->status != ITAV_PSTATUS_WAITING ||
        (s->status != ITAV_PSTATUS_AVAILABLE && s->status != ITAV_PSTATUS_MATCHED))
        return ITAV_CONSTRAINT_STATUS;
    if (excludes(a, s->ref) || excludes(s, a->ref))
        return ITAV_CONSTRAINT_EXCLUDED;
    if (f->declined)
        return ITAV_CONSTRAINT_DECLINED;
    if (f->open)
        return ITAV_CONSTRAINT_OPEN;
    if (f->supporter_open >= itav__open_match_limit(s))
        return ITAV_CONSTRAINT_CAPACITY;
    if (plan_flag(plan, ITAV_PLAN_VOG)) {
        if (s->vog_date == ITAV_DATE_NONE)
            return ITAV_CONSTRAINT_SCREENING;
        if (o->as_of >= itav__vog_expires(plan, s->vog_date))
            return ITAV_CONSTRAINT_VOG_EXPIRED;
    }
    if (plan_flag(plan, ITAV_PLAN_TRAINING) && !s->trained)
        return ITAV_CONSTRAINT_TRAINING;
    if (a->language_required && !share_language(a, s))
        return ITAV_CONSTRAINT_LANGUAGE;
    if (distance >= 0) {
        double limit = itav__distance_limit(plan, a, s, o);
        if (limit > 0 && distance > limit)
            return ITAV_CONSTRAINT_DISTANCE;
    }
    return ITAV_CONSTRAINT_NONE;
}

/* ---- criteria: each returns true if it applies and then sets *v ---- */

static int popcount(unsigned long x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static bool crit_distance(double *v, const itav_participant *a, const itav_participant *s,
                          const itav_plan *plan, const itav_match_options *o, double distance)
{
    if (distance >= 0) {
        double scale = itav__distance_scale(plan, o);
        *v = distance >= scale ? 0 : 1 - distance / scale;
        return true;
    }
    bool postcodes = a->postcode[0] && s->postcode[0];
    bool places = a->municipality && s->municipality;
    if (postcodes && strcmp(a->postcode, s->postcode) == 0)
        *v = 1;
    else if (places && itav__strcasecmp(a->municipality, s->municipality) == 0)
        *v = 0.5;
    else if (postcodes || places)
        *v = 0;
    else
        return false;
    return true;
}

static bool share_of_bits(double *v, unsigned long asked, unsigned long given)
{
    if (!asked || !given)
        return false;
    *v = (double)popcount(asked & given) / popcount(asked);
    return true;
}

static bool crit_interests(double *v, const itav_participant *a, const itav_participant *s)
{
    if (!a->interests.n || !s->interests.n)
        return false;
    size_t shared = 0;
    for (size_t i = 0; i < a->interests.n; i++)
        shared += itav__strlist_has_nocase(&s->interests, a->interests.v[i]);
    *v = (double)shared / (double)a->interests.n;
    return true;
}

static bool crit_ages(double *v, const itav_participant *a, const itav_participant *s)
{
    if (!a->nchildren || s->age_min < 0 || s->age_max < 0)
        return false;
    size_t inside = 0;
    for (size_t i = 0; i < a->nchildren; i++)
        inside += a->children[i] >= s->age_min && a->children[i] <= s->age_max;
    *v = (double)inside / (double)a->nchildren;
    return true;
}

static bool crit_waiting(double *v, const itav_participant *a, const itav_match_options *o)
{
    if (a->registered == ITAV_DATE_NONE)
        return false;
    double w = ((double)o->as_of - (double)a->registered) / o->waiting_full_days;
    *v = w < 0 ? 0 : w > 1 ? 1 : w;
    return true;
}

void itav__score(itav_suggestion *s, const itav_participant *asking,
                 const itav_participant *supporting, const itav_plan *plan,
                 const itav__pair_facts *facts, const itav_match_options *o)
{
    const itav_participant *a = asking, *p = supporting;
    s->distance = a->has_location && p->has_location
                      ? itav__distance_m(a->lat, a->lon, p->lat, p->lon)
                      : -1;
    s->excluded = check(a, p, plan, facts, o, s->distance);

    long named = itav_plan_get(plan, ITAV_PLAN_CRITERIA);
    double v[ITAV_CRITERION_COUNT + 1] = {0};
    bool applies[ITAV_CRITERION_COUNT + 1] = {false};
    applies[ITAV_CRITERION_DISTANCE] =
        crit_distance(&v[ITAV_CRITERION_DISTANCE], a, p, plan, o, s->distance);
    applies[ITAV_CRITERION_AVAILABILITY] =
        share_of_bits(&v[ITAV_CRITERION_AVAILABILITY], a->availability, p->availability);
    applies[ITAV_CRITERION_NEEDS] = share_of_bits(&v[ITAV_CRITERION_NEEDS], a->support, p->support);
    if (a->languages.n && p->languages.n) {
        applies[ITAV_CRITERION_LANGUAGES] = true;
        v[ITAV_CRITERION_LANGUAGES] = share_language(a, p) ? 1 : 0;
    }
    applies[ITAV_CRITERION_INTERESTS] = crit_interests(&v[ITAV_CRITERION_INTERESTS], a, p);
    applies[ITAV_CRITERION_AGES] = crit_ages(&v[ITAV_CRITERION_AGES], a, p);
    applies[ITAV_CRITERION_WAITING] = crit_waiting(&v[ITAV_CRITERION_WAITING], a, o);

    double sum = 0, wsum = 0;
    for (int c = 0; c <= ITAV_CRITERION_COUNT; c++) {
        if (c == 0 || (named != ITAV_PLAN_UNSET && !(named & (1L << c))))
            applies[c] = false;
        s->applies[c] = applies[c];
        s->value[c] = applies[c] ? v[c] : 0;
        s->weight[c] = applies[c] ? o->weights[c] : 0;
        sum += s->weight[c] * s->value[c];
        wsum += s->weight[c];
    }
    s->score = s->excluded != ITAV_CONSTRAINT_NONE || wsum <= 0 ? 0 : sum / wsum;
}

/* ---- suggestions ---- */

int itav__suggestion_dup(itav_suggestion **out, const itav_suggestion *s)
{
    itav_suggestion *c = itav__malloc(sizeof *c);
    if (!c)
        return ITAV_ENOMEM;
    *c = *s;
    c->asking = itav__strdup(s->asking);
    c->supporting = itav__strdup(s->supporting);
    if (!c->asking || !c->supporting) {
        itav_suggestion_free(c);
        return ITAV_ENOMEM;
    }
    *out = c;
    return ITAV_OK;
}

void itav__suggestion_clear(itav_suggestion *s)
{
    itav__free(s->asking);
    itav__free(s->supporting);
    s->asking = s->supporting = NULL;
}

ITAV_API void itav_suggestion_free(itav_suggestion *s)
{
    if (!s)
        return;
    itav__suggestion_clear(s);
    itav__free(s);
}

ITAV_API const char *itav_suggestion_asking(const itav_suggestion *s)
{
    return s ? s->asking : NULL;
}

ITAV_API const char *itav_suggestion_supporting(const itav_suggestion *s)
{
    return s ? s->supporting : NULL;
}

ITAV_API double itav_suggestion_score(const itav_suggestion *s) { return s ? s->score : -1; }

ITAV_API itav_constraint itav_suggestion_excluded(const itav_suggestion *s)
{
    return s ? s->excluded : ITAV_CONSTRAINT_NONE;
}

ITAV_API double itav_suggestion_distance(const itav_suggestion *s)
{
    return s ? s->distance : -1;
}

ITAV_API int itav_suggestion_criterion(const itav_suggestion *s, itav_criterion criterion,
                                       double *value, double *weight)
{
    if (!s || criterion < 1 || criterion > ITAV_CRITERION_COUNT)
        return ITAV_EINVAL;
    if (value)
        *value = s->value[criterion];
    if (weight)
        *weight = s->weight[criterion];
    return s->applies[criterion] ? 1 : 0;
}

static int read_side(itav_participant **out, itav_db *db, const char *ref, itav_side side)
{
    int rc = itav__participant_read(out, db, ref);
    if (rc != ITAV_OK)
        return rc;
    if (itav__kind_side((*out)->kind) != side) {
        itav_participant_free(*out);
        *out = NULL;
        return itav__error(db, ITAV_EINVAL, "participant \"%s\" is on the %s side, not the %s side",
                           ref, side == ITAV_SIDE_ASKING ? "supporting" : "asking",
                           side == ITAV_SIDE_ASKING ? "asking" : "supporting");
    }
    return ITAV_OK;
}

ITAV_API int itav_match_score_pair(itav_suggestion **out, itav_db *db, const char *asking,
                                   const char *supporting, const itav_match_options *options)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the suggestion given");
    if (!asking || !supporting)
        return itav__error(db, ITAV_EINVAL, "scoring a pair needs both references (no %s "
                           "reference given)", asking ? "supporting" : "asking");
    itav_match_options o;
    int rc = itav__options_resolve(&o, db, options);
    if (rc != ITAV_OK)
        return rc;
    itav_participant *a = NULL, *s = NULL;
    itav_plan *plan = NULL;
    itav__pair_facts facts = {false, false, 0};
    itav_suggestion result = {0};
    if ((rc = read_side(&a, db, asking, ITAV_SIDE_ASKING)) != ITAV_OK ||
        (rc = read_side(&s, db, supporting, ITAV_SIDE_SUPPORTING)) != ITAV_OK ||
        (rc = itav_plan_effective(&plan, db, a->offer)) != ITAV_OK ||
        (rc = itav__pair_facts_load(&facts, db, a, s)) != ITAV_OK)
        goto done;
    itav__score(&result, a, s, plan, &facts, &o);
    result.asking = a->ref;
    result.supporting = s->ref;
    rc = itav__suggestion_dup(out, &result);
done:
    itav_plan_free(plan);
    itav_participant_free(a);
    itav_participant_free(s);
    return rc;
}

