/* Indicators (itav/indicator.h): definition, baseline, targets and measurements; attainment
 * with an explanation; storing, reading and listing. */
#include "model/model_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- the object ---- */

static bool optional_ref(const char *ref) { return !ref || !*ref || itav__valid_ref(ref); }
static bool optional_text(const char *s) { return !s || itav__valid_text(s); }

ITAV_API int itav_indicator_new(itav_indicator **out, const char *id, const char *offer,
                                itav_measure type)
{
    if (!out || !itav__valid_id(id) || !itav__valid_id(offer) ||
        !itav_code_name(ITAV_CODE_MEASURE, (int)type))
        return ITAV_EINVAL;
    itav_indicator *ind = itav__calloc(1, sizeof *ind);
    if (!ind)
        return ITAV_ENOMEM;
    ind->type = type;
    ind->scale_low = ind->scale_high = NAN;
    if (!(ind->id = itav__strdup(id)) || !(ind->offer = itav__strdup(offer))) {
        itav_indicator_free(ind);
        return ITAV_ENOMEM;
    }
    *out = ind;
    return ITAV_OK;
}

static void target_clear(itav__target *t)
{
    itav__free(t->text);
    itav__free(t->source);
}

static void measurement_clear(itav__measurement *m)
{
    itav__free(m->period);
    itav__free(m->text);
    itav__free(m->source);
}

ITAV_API void itav_indicator_free(itav_indicator *ind)
{
    if (!ind)
        return;
    itav__free(ind->id);
    itav__free(ind->offer);
    itav__free(ind->name);
    itav__free(ind->unit);
    itav__free(ind->note);
    itav__free(ind->source);
    itav__free(ind->municipality);
    itav__strlist_clear(&ind->more_municipalities);
    itav__free(ind->baseline_text);
    itav__free(ind->baseline_source);
    for (size_t i = 0; i < ind->ntargets; i++)
        target_clear(&ind->targets[i]);
    for (size_t i = 0; i < ind->nmeasurements; i++)
        measurement_clear(&ind->measurements[i]);
    itav__free(ind->targets);
    itav__free(ind->measurements);
    itav__free(ind);
}

ITAV_API int itav_indicator_dup(itav_indicator **out, const itav_indicator *ind)
{
    itav_indicator *c;
    if (!out || !ind)
        return ITAV_EINVAL;
    int rc = itav_indicator_new(&c, ind->id, ind->offer, ind->type);
    if (rc != ITAV_OK)
        return rc;
    c->scale_low = ind->scale_low;
    c->scale_high = ind->scale_high;
    c->derived = ind->derived;
    c->has_baseline = ind->has_baseline;
    c->baseline_date = ind->baseline_date;
    c->baseline = ind->baseline;
    if (itav__set_text(&c->name, ind->name) || itav__set_text(&c->unit, ind->unit) ||
        itav__set_text(&c->note, ind->note) || itav__set_text(&c->source, ind->source) ||
        itav__set_text(&c->municipality, ind->municipality) ||
        itav__set_text(&c->baseline_text, ind->baseline_text) ||
        itav__set_text(&c->baseline_source, ind->baseline_source) ||
        itav__strlist_copy(&c->more_municipalities, &ind->more_municipalities))
        goto nomem;
    if (ind->ntargets && !(c->targets = itav__calloc(ind->ntargets, sizeof *c->targets)))
        goto nomem;
    for (; c->ntargets < ind->ntargets; c->ntargets++) {
        const itav__target *t = &ind->targets[c->ntargets];
        itav__target *d = &c->targets[c->ntargets];
        *d = *t;
        d->text = d->source = NULL;
        if (itav__set_text(&d->text, t->text) || itav__set_text(&d->source, t->source))
            goto nomem_counted;
    }
    if (ind->nmeasurements &&
        !(c->measurements = itav__calloc(ind->nmeasurements, sizeof *c->measurements)))
        goto nomem;
    for (; c->nmeasurements < ind->nmeasurements; c->nmeasurements++) {
        const itav__measurement *m = &ind->measurements[c->nmeasurements];
        itav__measurement *d = &c->measurements[c->nmeasurements];
        *d = *m;
        d->period = d->text = d->source = NULL;
        if (itav__set_text(&d->period, m->period) || itav__set_text(&d->text, m->text) ||
            itav__set_text(&d->source, m->source)) {
            c->nmeasurements++; /* so that its members are freed */
            goto nomem;
        }
    }
    *out = c;
    return ITAV_OK;
nomem_counted:
    c->ntargets++; /* so that its members are freed */
nomem:
    itav_indicator_free(c);
    return ITAV_ENOMEM;
}

ITAV_API const char *itav_indicator_id(const itav_indicator *ind) { return ind ? ind->id : NULL; }
ITAV_API const char *itav_indicator_offer(const itav_indicator *ind)
{
    return ind ? ind->offer : NULL;
}
ITAV_API itav_measure itav_indicator_type(const itav_indicator *ind)
{
    return ind ? ind->type : (itav_measure)0;
}
ITAV_API const char *itav_indicator_name(const itav_indicator *ind)
{
    return ind ? ind->name : NULL;
}
ITAV_API const char *itav_indicator_unit(const itav_indicator *ind)
{
    return ind ? ind->unit : NULL;
}
ITAV_API const char *itav_indicator_note(const itav_indicator *ind)
{
    return ind ? ind->note : NULL;
}
ITAV_API const char *itav_indicator_source(const itav_indicator *ind)
{
    return ind ? ind->source : NULL;
}
ITAV_API itav_derived itav_indicator_derived(const itav_indicator *ind)
{
    return ind ? ind->derived : (itav_derived)0;
}
ITAV_API const char *itav_indicator_municipality(const itav_indicator *ind)
{
    return ind ? ind->municipality : NULL;
}
ITAV_API size_t itav_indicator_municipality_count(const itav_indicator *ind)
{
    return ind && ind->municipality ? 1 + ind->more_municipalities.n : 0;
}
ITAV_API const char *itav_indicator_municipality_at(const itav_indicator *ind, size_t i)
{
    if (!ind || i >= itav_indicator_municipality_count(ind))
        return NULL;
    return i == 0 ? ind->municipality : ind->more_municipalities.v[i - 1];
}

/* The scale of the indicator's values (see itav_indicator_scale()). */
static void scale_of(const itav_indicator *ind, double *low, double *high)
{
    switch (ind->type) {
    case ITAV_MEASURE_COUNT: *low = 0, *high = INFINITY; break;
    case ITAV_MEASURE_PERCENTAGE: *low = 0, *high = 100; break;
    case ITAV_MEASURE_RATING:
        *low = isnan(ind->scale_low) ? 1 : ind->scale_low;
        *high = isnan(ind->scale_high) ? 10 : ind->scale_high;
        break;
    default: *low = -INFINITY, *high = INFINITY; break;
    }
}

ITAV_API int itav_indicator_scale(const itav_indicator *ind, double *low, double *high)
{
    double lo, hi;
    if (!ind)
        return ITAV_EINVAL;
    scale_of(ind, &lo, &hi);
    if (low)
        *low = lo;
    if (high)
        *high = hi;
    return ITAV_OK;
}

ITAV_API int itav_indicator_set_name(itav_indicator *ind, const char *name)
{
    return ind ? itav__set_text(&ind->name, name) : ITAV_EINVAL;
}
ITAV_API int itav_indicator_set_unit(itav_indicator *ind, const char *unit)
{
    return ind ? itav__set_text(&ind->unit, unit) : ITAV_EINVAL;
}
ITAV_API int itav_indicator_set_note(itav_indicator *ind, const char *note)
{
    return ind ? itav__set_text(&ind->note, note) : ITAV_EINVAL;
}
ITAV_API int itav_indicator_set_source(itav_indicator *ind, const char *ref)
{
    if (!ind || !optional_ref(ref))
        return ITAV_EINVAL;
    return itav__set_text(&ind->source, ref);
}

static bool within(double v, double low, double high) { return v >= low && v <= high; }

/* Whether every number the indicator holds (baseline, absolute targets, measurements) lies
 * on [low, high]. */
static bool fits_scale(const itav_indicator *ind, double low, double high)
{
    if (ind->has_baseline && ind->baseline.qualifier != ITAV_QTY_TEXT &&
        !(within(ind->baseline.min, low, high) && within(ind->baseline.max, low, high)))
        return false;
    for (size_t i = 0; i < ind->ntargets; i++) {
        const itav__target *t = &ind->targets[i];
        if (!t->relative && !(within(t->value, low, high) && within(t->high, low, high)))
            return false;
    }
    for (size_t i = 0; i < ind->nmeasurements; i++) {
        const itav__quantity *q = &ind->measurements[i].qty;
        if (q->qualifier != ITAV_QTY_TEXT && !(within(q->min, low, high) &&
                                               within(q->max, low, high)))
            return false;
    }
    return true;
}

/* A rating a mean satisfaction is derived into must keep the marks' own scale. */
static bool satisfaction_scale(double low, double high) { return low == 1 && high == 10; }

ITAV_API int itav_indicator_set_scale(itav_indicator *ind, double low, double high)
{
    if (!ind || ind->type != ITAV_MEASURE_RATING || !isfinite(low) || !isfinite(high) ||
        low >= high ||
        (ind->derived == ITAV_DERIVED_MEAN_SATISFACTION && !satisfaction_scale(low, high)))
        return ITAV_EINVAL;
    if (!fits_scale(ind, low, high))
        return ITAV_ERANGE;
    /* The default scale is kept as "no scale of its own", so it is not written out. */
    bool plain = low == 1 && high == 10;
    ind->scale_low = plain ? NAN : low;
    ind->scale_high = plain ? NAN : high;
    return ITAV_OK;
}

/* Whether a figure fits an indicator type (itav_indicator_set_derived()). */
static bool derived_fits(const itav_indicator *ind, itav_derived what)
{
    double low, high;
    scale_of(ind, &low, &high);
    switch (what) {
    case ITAV_DERIVED_MATCHES_STARTED: return ind->type == ITAV_MEASURE_COUNT;
    case ITAV_DERIVED_MEAN_SATISFACTION:
        return ind->type == ITAV_MEASURE_MEAN ||
               (ind->type == ITAV_MEASURE_RATING && satisfaction_scale(low, high));
    case ITAV_DERIVED_FORMAL_HELP: return ind->type == ITAV_MEASURE_PERCENTAGE;
    }
    return what == 0;
}

ITAV_API int itav_indicator_set_derived(itav_indicator *ind, itav_derived what,
                                        const char *municipality)
{
    char *copy = NULL;
    if (!ind || !derived_fits(ind, what) || !optional_text(municipality))
        return ITAV_EINVAL;
    if (what && municipality && *municipality && !(copy = itav__strdup(municipality)))
        return ITAV_ENOMEM;
    itav__free(ind->municipality);
    ind->municipality = copy; /* a hand-measured indicator covers the whole offer */
    itav__strlist_clear(&ind->more_municipalities);
    ind->derived = what;
    return ITAV_OK;
}

ITAV_API int itav_indicator_add_municipality(itav_indicator *ind, const char *municipality)
{
    if (!ind || !ind->derived || !ind->municipality || !municipality || !*municipality ||
        !optional_text(municipality))
        return ITAV_EINVAL;
    if (itav__strcasecmp(ind->municipality, municipality) == 0 ||
        itav__strlist_has_nocase(&ind->more_municipalities, municipality))
        return ITAV_EEXISTS;
    return itav__strlist_add(&ind->more_municipalities, municipality);
}

/* Checks a qualified quantity for an indicator and puts it in *q: EINVAL for an unknown
 * qualifier, text without words, numbers that are not finite or min > max; ERANGE off the
 * scale. */
static int check_quantity(itav__quantity *q, const itav_indicator *ind, itav_qualifier qualifier,
                          double min, double max, const char *text)
{
    double low, high;
    if (!itav__qualifier_valid(qualifier) || !optional_text(text))
        return ITAV_EINVAL;
    if (qualifier == ITAV_QTY_TEXT) {
        if (!text || !*text)
            return ITAV_EINVAL;
        *q = (itav__quantity){qualifier, NAN, NAN};
        return ITAV_OK;
    }
    if (!itav__qualifier_two_numbers(qualifier))
        max = min;
    if (!itav__quantity_numbers_ok(qualifier, min, max))
        return ITAV_EINVAL;
    scale_of(ind, &low, &high);
    if (!within(min, low, high) || !within(max, low, high))
        return ITAV_ERANGE;
    *q = (itav__quantity){qualifier, min, max};
    return ITAV_OK;
}

/* Replaces three owned texts at once, or none of them (ENOMEM). */
static int set_texts(char **a, const char *va, char **b, const char *vb, char **c,
                     const char *vc)
{
    char *na = NULL, *nb = NULL, *nc = NULL;
    if ((va && *va && !(na = itav__strdup(va))) || (vb && *vb && !(nb = itav__strdup(vb))) ||
        (vc && *vc && !(nc = itav__strdup(vc)))) {
        itav__free(na);
        itav__free(nb);
        itav__free(nc);
        return ITAV_ENOMEM;
    }
    itav__free(*a);
    *a = na;
    itav__free(*b);
    *b = nb;
    if (c) {
        itav__free(*c);
        *c = nc;
    }
    return ITAV_OK;
}

ITAV_API int itav_indicator_set_baseline(itav_indicator *ind, int32_t date,
                                         itav_qualifier qualifier, double min, double max,
                                         const char *text, const char *source)
{
    itav__quantity q;
    if (!ind || !itav__valid_date(date) || !optional_ref(source))
        return ITAV_EINVAL;
    int rc = check_quantity(&q, ind, qualifier, min, max, text);
    if (rc == ITAV_OK &&
        (rc = set_texts(&ind->baseline_text, text, &ind->baseline_source, source, NULL, NULL)) ==
            ITAV_OK) {
        ind->has_baseline = true;
        ind->baseline_date = date;
        ind->baseline = q;
    }
    return rc;
}

ITAV_API int itav_indicator_clear_baseline(itav_indicator *ind)
{
    if (!ind)
        return ITAV_EINVAL;
    itav__free(ind->baseline_text);
    itav__free(ind->baseline_source);
    ind->baseline_text = ind->baseline_source = NULL;
    ind->has_baseline = false;
    return ITAV_OK;
}

ITAV_API int itav_indicator_baseline(const itav_indicator *ind, int32_t *date,
                                     itav_qualifier *qualifier, double *min, double *max)
{
    if (!ind)
        return ITAV_EINVAL;
    if (!ind->has_baseline)
        return ITAV_ENOTFOUND;
    if (date)
        *date = ind->baseline_date;
    if (qualifier)
        *qualifier = ind->baseline.qualifier;
    if (min)
        *min = ind->baseline.min;
    if (max)
        *max = ind->baseline.max;
    return ITAV_OK;
}

ITAV_API const char *itav_indicator_baseline_text(const itav_indicator *ind)
{
    return ind && ind->has_baseline ? ind->baseline_text : NULL;
}
ITAV_API const char *itav_indicator_baseline_source(const itav_indicator *ind)
{
    return ind && ind->has_baseline ? ind->baseline_source : NULL;
}

/* ---- targets ---- */

bool itav__target_numbers_ok(itav_comparator cmp, double value, double high)
{
    return isfinite(value) && (cmp == ITAV_CMP_BETWEEN ? isfinite(high) && high >= value
                                                       : high == value);
}

bool itav__scale_ok(double low, double high)
{
    return isnan(low) ? isnan(high) : isfinite(low) && isfinite(high) && low < high;
}

ITAV_API int itav_indicator_add_target(itav_indicator *ind, itav_comparator cmp, double value,
                                       double high, int relative, int32_t deadline,
                                       const char *text, const char *source)
{
    double low, top;
    if (!ind || !itav_code_name(ITAV_CODE_COMPARATOR, (int)cmp) ||
        (relative != 0 && relative != 1) || !itav__valid_date(deadline) ||
        !optional_text(text) || !optional_ref(source))
        return ITAV_EINVAL;
    if (cmp != ITAV_CMP_BETWEEN)
        high = value;
    if (!itav__target_numbers_ok(cmp, value, high))
        return ITAV_EINVAL;
    scale_of(ind, &low, &top);
    if (!relative && !(within(value, low, top) && within(high, low, top)))
        return ITAV_ERANGE;
    itav__target t = {cmp, value, high, relative == 1, deadline, NULL, NULL};
    itav__target *v = itav__realloc(ind->targets, (ind->ntargets + 1) * sizeof *v);
    if (!v)
        return ITAV_ENOMEM;
    ind->targets = v;
    if (set_texts(&t.text, text, &t.source, source, NULL, NULL) != ITAV_OK)
        return ITAV_ENOMEM;
    ind->targets[ind->ntargets++] = t;
    return ITAV_OK;
}

ITAV_API int itav_indicator_remove_target(itav_indicator *ind, size_t i)
{
    if (!ind)
        return ITAV_EINVAL;
    if (i >= ind->ntargets)
        return ITAV_ERANGE;
    target_clear(&ind->targets[i]);
    memmove(ind->targets + i, ind->targets + i + 1,
            (ind->ntargets - i - 1) * sizeof *ind->targets);
    ind->ntargets--;
    return ITAV_OK;
}

ITAV_API size_t itav_indicator_target_count(const itav_indicator *ind)
{
    return ind ? ind->ntargets : 0;
}

ITAV_API int itav_indicator_target(const itav_indicator *ind, size_t i, itav_comparator *cmp,
                                   double *value, double *high, int *relative,
                                   int32_t *deadline)
{
    if (!ind)
        return ITAV_EINVAL;
    if (i >= ind->ntargets)
        return ITAV_ERANGE;
    const itav__target *t = &ind->targets[i];
    if (cmp)
        *cmp = t->cmp;
    if (value)
        *value = t->value;
    if (high)
        *high = t->high;
    if (relative)
        *relative = t->relative;
    if (deadline)
        *deadline = t->deadline;
    return ITAV_OK;
}

ITAV_API const char *itav_indicator_target_text(const itav_indicator *ind, size_t i)
{
    return ind && i < ind->ntargets ? ind->targets[i].text : NULL;
}
ITAV_API const char *itav_indicator_target_source(const itav_indicator *ind, size_t i)
{
    return ind && i < ind->ntargets ? ind->targets[i].source : NULL;
}

/* ---- measurements ---- */

ITAV_API int itav_indicator_add_measurement(itav_indicator *ind, int32_t date,
                                            const char *period, itav_qualifier qualifier,
                                            double min, double max, const char *text,
                                            const char *source)
{
    itav__quantity q;
    size_t at = 0;
    if (!ind || !itav__valid_date(date) || !optional_text(period) || !optional_ref(source))
        return ITAV_EINVAL;
    int rc = check_quantity(&q, ind, qualifier, min, max, text);
    if (rc != ITAV_OK)
        return rc;
    while (at < ind->nmeasurements && ind->measurements[at].date < date)
        at++;
    if (at < ind->nmeasurements && ind->measurements[at].date == date)
        return ITAV_EEXISTS;
    itav__measurement m = {date, q, NULL, NULL, NULL};
    itav__measurement *v =
        itav__realloc(ind->measurements, (ind->nmeasurements + 1) * sizeof *v);
    if (!v)
        return ITAV_ENOMEM;
    ind->measurements = v;
    if (set_texts(&m.period, period, &m.text, text, &m.source, source) != ITAV_OK)
        return ITAV_ENOMEM;
    memmove(v + at + 1, v + at, (ind->nmeasurements - at) * sizeof *v);
    v[at] = m;
    ind->nmeasurements++;
    return ITAV_OK;
}

ITAV_API int itav_indicator_remove_measurement(itav_indicator *ind, size_t i)
{
    if (!ind)
        return ITAV_EINVAL;
    if (i >= ind->nmeasurements)
        return ITAV_ERANGE;
    measurement_clear(&ind->measurements[i]);
    memmove(ind->measurements + i, ind->measurements + i + 1,
            (ind->nmeasurements - i - 1) * sizeof *ind->measurements);
    ind->nmeasurements--;
    return ITAV_OK;
}

ITAV_API size_t itav_indicator_measurement_count(const itav_indicator *ind)
{
    return ind ? ind->nmeasurements : 0;
}

ITAV_API int itav_indicator_measurement(const itav_indicator *ind, size_t i, int32_t *date,
                                        itav_qualifier *qualifier, double *min, double *max)
{
    if (!ind)
        return ITAV_EINVAL;
    if (i >= ind->nmeasurements)
        return ITAV_ERANGE;
    const itav__measurement *m = &ind->measurements[i];
    if (date)
        *date = m->date;
    if (qualifier)
        *qualifier = m->qty.qualifier;
    if (min)
        *min = m->qty.min;
    if (max)
        *max = m->qty.max;
    return ITAV_OK;
}

ITAV_API const char *itav_indicator_measurement_period(const itav_indicator *ind, size_t i)
{
    return ind && i < ind->nmeasurements ? ind->measurements[i].period : NULL;
}
ITAV_API const char *itav_indicator_measurement_text(const itav_indicator *ind, size_t i)
{
    return ind && i < ind->nmeasurements ? ind->measurements[i].text : NULL;
}
ITAV_API const char *itav_indicator_measurement_source(const itav_indicator *ind, size_t i)
{
    return ind && i < ind->nmeasurements ? ind->measurements[i].source : NULL;
}

/* ---- attainment ---- */

/* A growing explanation; on lack of memory it remembers that and stops. */
typedef struct words {
    char *s;
    size_t len, cap;
    bool nomem;
    const itav__wording *wd; /* the language: each template is said in its wording */
} words;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void say(words *w, const char *en, ...)
{
    va_list ap;
    const char *fmt = itav__worded(w->wd, en);
    if (w->nomem)
        return;
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    for (;;) {
        size_t room = w->cap - w->len;
        va_start(ap, en);
        int n = w->s ? vsnprintf(w->s + w->len, room, fmt, ap) : -1;
        va_end(ap);
        if (n >= 0 && (size_t)n < room) {
            w->len += (size_t)n;
            return;
        }
        size_t cap = w->cap ? w->cap * 2 : 256;
        while (n >= 0 && cap < w->len + (size_t)n + 1)
            cap *= 2;
        char *s = itav__realloc(w->s, cap);
        if (!s) {
            w->nomem = true;
            return;
        }
        w->s = s;
        w->cap = cap;
    }
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
}

static void date_words(char *buf, int32_t d)
{
    if (itav_date_format(buf, ITAV_DATE_BUFSIZE, d) != ITAV_OK)
        snprintf(buf, ITAV_DATE_BUFSIZE, "?");
}

/* The baseline's values, if it has a number. */
static bool baseline_interval(itav__interval *out, const itav_indicator *ind)
{
    double low, high;
    scale_of(ind, &low, &high);
    return ind->has_baseline && itav__quantity_interval(out, ind->baseline.qualifier,
                                                        ind->baseline.min, ind->baseline.max,
                                                        low, high);
}

/* A threshold of a target as the values it may stand for: itself when absolute, the baseline
 * changed by it percent when relative. The change is a share of the baseline's size, so that
 * 10 percent more than -10 is -9, not -11. */
static double changed_by(double base, double percent)
{
    return base * (1 + (base < 0 ? -percent : percent) / 100);
}

static itav__interval threshold(double v, bool relative, itav__interval base)
{
    if (!relative)
        return (itav__interval){v, v};
    double a = changed_by(base.lo, v), b = changed_by(base.hi, v);
    return (itav__interval){fmin(a, b), fmax(a, b)};
}

/* A word or phrase in its wording (for say(w, "%s", ...)). */
static const char *wording(const words *w, const char *en) { return itav__worded(w->wd, en); }

/* "at least 12 by 2022-12-31", "at least 10% more than the baseline (about 50, so 49.5 to
 * 60.5) by 2022-12-31". Each piece is a template of its own, so that a language can word it
 * (the catalogue's context "report", lib/po/nl.po, has the Dutch). */
static void say_target(words *w, const itav_indicator *ind, const itav__target *t,
                       const itav__interval *base)
{
    char v[40], h[40], d[ITAV_DATE_BUFSIZE];
    itav__number_words_in(w->wd, v, sizeof v, t->relative ? fabs(t->value) : t->value);
    itav__number_words_in(w->wd, h, sizeof h, t->relative ? fabs(t->high) : t->high);
    date_words(d, t->deadline);
    static const char *const lead[] = {"", "the target at least ", "the target at most ",
                                       "the target equal to ", "the target between "};
    say(w, "%s", wording(w, lead[t->cmp]));
    if (!t->relative) {
        if (t->cmp == ITAV_CMP_BETWEEN)
            say(w, "%s and %s", v, h);
        else
            say(w, "%s", v);
        if (ind->unit)
            say(w, " %s", ind->unit);
    } else {
        if (t->value < 0)
            say(w, "%s%% less", v);
        else
            say(w, "%s%% more", v);
        if (t->cmp == ITAV_CMP_BETWEEN) {
            if (t->high < 0)
                say(w, " and %s%% less", h);
            else
                say(w, " and %s%% more", h);
        }
        say(w, "%s", wording(w, " than the baseline"));
        if (base) {
            char q[200], a[100], b[100];
            itav__quantity_words(w->wd, q, sizeof q, ind->baseline.qualifier, ind->baseline.min,
                                 ind->baseline.max, ind->baseline_text);
            itav__interval_words(w->wd, a, sizeof a, threshold(t->value, true, *base));
            if (t->cmp == ITAV_CMP_BETWEEN) {
                itav__interval_words(w->wd, b, sizeof b, threshold(t->high, true, *base));
                say(w, " (baseline %s, so %s and %s)", q, a, b);
            } else {
                say(w, " (baseline %s, so %s)", q, a);
            }
        }
    }
    say(w, " by %s", d);
}

/* "the measurement of 2021-12-31 (2021), about 10 (9 to 11)," */
static void say_measurement(words *w, const itav__measurement *m, const itav__interval *iv)
{
    char d[ITAV_DATE_BUFSIZE], q[200], r[100];
    date_words(d, m->date);
    itav__quantity_words(w->wd, q, sizeof q, m->qty.qualifier, m->qty.min, m->qty.max, m->text);
    say(w, "the measurement of %s", d);
    if (m->period)
        say(w, " (%s)", m->period);
    say(w, ", %s", q);
    if (iv && m->qty.qualifier != ITAV_QTY_EXACT) {
        itav__interval_words(w->wd, r, sizeof r, *iv);
        say(w, " (%s)", r);
    }
    say(w, ",");
}

static const char *verdict_word(const words *w, itav_attainment a)
{
    return wording(w, a == ITAV_ATTAIN_MET         ? "met"
                      : a == ITAV_ATTAIN_NOT_MET   ? "not met"
                      : a == ITAV_ATTAIN_ON_TRACK  ? "on track"
                                                   : "unknown");
}

/* " does not meet " or " may or may not meet ": a target not met (yet). */
static void say_not_yet(words *w, itav_attainment v)
{
    say(w, "%s", wording(w, v == ITAV_ATTAIN_NOT_MET ? " does not meet " : " may or may not meet "));
}

/* Judges target t on as_of and explains it into w. */
static itav_attainment judge(words *w, const itav_indicator *ind, const itav__target *t,
                             int32_t as_of)
{
    double low, high;
    char d[ITAV_DATE_BUFSIZE];
    itav__interval base, m;
    bool has_base = baseline_interval(&base, ind);
    bool final = as_of >= t->deadline;
    int32_t upto = final ? t->deadline : as_of;
    const itav__measurement *last = NULL;
    bool later = false;
    scale_of(ind, &low, &high);
    for (size_t i = 0; i < ind->nmeasurements; i++) {
        if (ind->measurements[i].date <= upto)
            last = &ind->measurements[i];
        else if (ind->measurements[i].date <= as_of)
            later = true;
    }
    if (!last) {
        date_words(d, upto);
        say(w, "unknown: there is no measurement on or before %s%s to judge ", d,
            final ? wording(w, " (the deadline)") : "");
        say_target(w, ind, t, has_base ? &base : NULL);
        say(w, ".");
        return ITAV_ATTAIN_UNKNOWN;
    }
    bool number = itav__quantity_interval(&m, last->qty.qualifier, last->qty.min,
                                          last->qty.max, low, high);
    if (t->relative && !has_base) {
        say(w, "%s: ", verdict_word(w, ITAV_ATTAIN_UNKNOWN));
        say_measurement(w, last, number ? &m : NULL);
        say(w, "%s", wording(w, " cannot be judged against "));
        say_target(w, ind, t, NULL);
        say(w, "%s", wording(w, ", because the indicator has no baseline with a number."));
        return ITAV_ATTAIN_UNKNOWN;
    }
    if (!number) {
        say(w, "%s: ", verdict_word(w, ITAV_ATTAIN_UNKNOWN));
        say_measurement(w, last, NULL);
        say(w, "%s", wording(w, " gives no number, so it allows any value and cannot be judged "
                                "against "));
        say_target(w, ind, t, has_base ? &base : NULL);
        say(w, ".");
        return ITAV_ATTAIN_UNKNOWN;
    }
    itav__interval value = threshold(t->value, t->relative, base);
    itav__interval top = threshold(t->high, t->relative, base);
    itav_attainment v = itav__interval_verdict(m, t->cmp, value, top);
    const char *after = later ? wording(w, " (measurements after the deadline do not count)")
                              : "";
    if (v == ITAV_ATTAIN_MET || final) {
        static const char *const how[] = {"", " meets ", " does not meet ", "",
                                          " may or may not meet "};
        static const char *const why[] = {"", " with every value it allows",
                                          " with any value it allows",
                                          "", " (some values it allows do, others do not)"};
        say(w, "%s: ", verdict_word(w, v));
        say_measurement(w, last, &m);
        say(w, "%s", wording(w, how[v]));
        say_target(w, ind, t, has_base ? &base : NULL);
        say(w, "%s%s.", wording(w, why[v]), after);
        return v;
    }
    /* Before the deadline and not met (yet): the straight path from the baseline decides. */
    if (!has_base) {
        say(w, "%s: ", verdict_word(w, ITAV_ATTAIN_UNKNOWN));
        say_measurement(w, last, &m);
        say_not_yet(w, v);
        say_target(w, ind, t, NULL);
        say(w, "%s", wording(w, " yet, and without a baseline there is no path to tell whether "
                                "it is on track."));
        return ITAV_ATTAIN_UNKNOWN;
    }
    /* The path runs from the baseline's date to the deadline; a measurement before the
     * baseline, or a baseline not before the deadline, has no point on it. */
    if (last->date < ind->baseline_date || t->deadline <= ind->baseline_date) {
        date_words(d, ind->baseline_date);
        say(w, "%s: ", verdict_word(w, ITAV_ATTAIN_UNKNOWN));
        say_measurement(w, last, &m);
        say_not_yet(w, v);
        say_target(w, ind, t, &base);
        say(w, " yet, and the baseline of %s is not before %s, so there is no path to tell "
               "whether it is on track.", d,
            wording(w, last->date < ind->baseline_date ? "the measurement" : "the deadline"));
        return ITAV_ATTAIN_UNKNOWN;
    }
    double f = (double)(last->date - ind->baseline_date) /
               (double)(t->deadline - ind->baseline_date);
    itav__interval path = {NAN, NAN};
    int why;
    itav_attainment p = itav__path_verdict(m, t->cmp, value, top, base, f, &path, &why);
    itav_attainment verdict = v == ITAV_ATTAIN_UNKNOWN && p != ITAV_ATTAIN_ON_TRACK
                                  ? ITAV_ATTAIN_UNKNOWN
                                  : p;
    say(w, "%s: ", verdict_word(w, verdict));
    say_measurement(w, last, &m);
    say_not_yet(w, v);
    say_target(w, ind, t, &base);
    char bq[200], bd[ITAV_DATE_BUFSIZE], md[ITAV_DATE_BUFSIZE], pw[100];
    itav__quantity_words(w->wd, bq, sizeof bq, ind->baseline.qualifier, ind->baseline.min,
                         ind->baseline.max, ind->baseline_text);
    date_words(bd, ind->baseline_date);
    date_words(md, last->date);
    if (why == 2) {
        say(w, " yet, and the baseline %s of %s already lay within the target, so there is no "
               "path to it.", bq, bd);
        return ITAV_ATTAIN_UNKNOWN;
    }
    itav__interval_words(w->wd, pw, sizeof pw, path);
    say(w, "%s", wording(w, p == ITAV_ATTAIN_ON_TRACK ? " yet, but" : " yet, and"));
    if (p == ITAV_ATTAIN_ON_TRACK)
        say(w, "%s", wording(w, " lies on or beyond"));
    else if (p == ITAV_ATTAIN_NOT_MET && why == 1)
        say(w, "%s", wording(w, " has gone past the target, off"));
    else if (p == ITAV_ATTAIN_NOT_MET)
        say(w, "%s", wording(w, " lies behind"));
    else
        say(w, "%s", wording(w, " lies partly behind and partly on or beyond"));
    say(w, " the straight path from the baseline %s of %s to the target, which stood at %s on %s",
        bq, bd, pw, md);
    if (verdict == ITAV_ATTAIN_ON_TRACK && v == ITAV_ATTAIN_UNKNOWN)
        say(w, "%s", wording(w, "; it may already meet the target"));
    say(w, ".");
    return verdict;
}

int itav__indicator_attainment_in(itav_attainment *verdict, char **why,
                                  const itav_indicator *ind, size_t target, int32_t as_of,
                                  const itav__wording *wd)
{
    words w = {0};
    w.wd = wd;
    if (!verdict || !ind || !itav__valid_date(as_of))
        return ITAV_EINVAL;
    if (target >= ind->ntargets)
        return ITAV_ERANGE;
    itav_attainment v = judge(&w, ind, &ind->targets[target], as_of);
    if (w.nomem) {
        itav__free(w.s);
        return ITAV_ENOMEM;
    }
    *verdict = v;
    if (why)
        *why = w.s;
    else
        itav__free(w.s);
    return ITAV_OK;
}

ITAV_API int itav_indicator_attainment(itav_attainment *verdict, char **why,
                                       const itav_indicator *ind, size_t target,
                                       int32_t as_of)
{
    return itav__indicator_attainment_in(verdict, why, ind, target, as_of, NULL);
}

/* ---- in a store ---- */

int itav__indicator_write(itav_db *db, const itav_indicator *ind)
{
    unsigned char *rec;
    size_t size;
    bool exists;
    int rc = itav__exists(&exists, db, ITAV__KIND_OFFER, ind->offer);
    if (rc != ITAV_OK)
        return rc;
    if (!exists)
        return itav__error(db, ITAV_ENOTFOUND, "indicator \"%s\": no offer \"%s\"", ind->id,
                           ind->offer);
    if ((rc = itav__indicator_encode(&rec, &size, ind)) != ITAV_OK)
        return itav__error(db, rc, "cannot encode indicator \"%s\": %s", ind->id,
                           itav__strerror(db, rc));
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    index[ITAV__INDICATOR_SLOT_OFFER] = ind->offer;
    rc = itav__put_record(db, ITAV__KIND_INDICATOR, ind->id, index, rec, size);
    itav__free(rec);
    return rc;
}

static int load(itav_indicator **out, itav_db *db, const char *id, const void *data,
                size_t size)
{
    char err[512];
    int rc = itav__indicator_decode(out, db, data, size, err, sizeof err);
    return rc == ITAV_OK ? rc
                         : itav__error(db, rc, "stored indicator \"%s\" is damaged: %s", id, err);
}

/* Reads a stored indicator inside or outside a transaction; ENOTFOUND with a message. */
static int read_indicator(itav_indicator **out, itav_db *db, const char *id)
{
    char *rec;
    size_t size;
    int rc = itav__get_record(&rec, &size, db, ITAV__KIND_INDICATOR, id);
    if (rc == ITAV_ENOTFOUND)
        return itav__error(db, rc, "no indicator \"%s\"", id);
    if (rc != ITAV_OK)
        return rc;
    rc = load(out, db, id, rec, size);
    itav__free(rec);
    return rc;
}

static int save(itav_db *db, const itav_indicator *ind, bool must_exist)
{
    bool exists;
    if (!db)
        return ITAV_EINVAL;
    if (!ind)
        return itav__error(db, ITAV_EINVAL, "no indicator given");
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = itav__exists(&exists, db, ITAV__KIND_INDICATOR, ind->id)) != ITAV_OK)
        goto fail;
    if (exists != must_exist) {
        rc = must_exist ? itav__error(db, ITAV_ENOTFOUND, "no indicator \"%s\"", ind->id)
                        : itav__error(db, ITAV_EEXISTS, "indicator \"%s\" already exists",
                                      ind->id);
        goto fail;
    }
    if ((rc = itav__indicator_write(db, ind)) != ITAV_OK)
        goto fail;
    return itav__commit(db);
fail:
    itav__rollback(db);
    return rc;
}

ITAV_API int itav_indicator_create(itav_db *db, const itav_indicator *ind)
{
    return save(db, ind, false);
}

ITAV_API int itav_indicator_update(itav_db *db, const itav_indicator *ind)
{
    return save(db, ind, true);
}

ITAV_API int itav_indicator_delete(itav_db *db, const char *id)
{
    if (!db)
        return ITAV_EINVAL;
    if (!id)
        return itav__error(db, ITAV_EINVAL, "no indicator id given");
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    rc = itav__del_record(db, ITAV__KIND_INDICATOR, id);
    if (rc == ITAV_ENOTFOUND)
        rc = itav__error(db, rc, "no indicator \"%s\"", id);
    if (rc != ITAV_OK) {
        itav__rollback(db);
        return rc;
    }
    return itav__commit(db);
}

ITAV_API int itav_indicator_get(itav_indicator **out, itav_db *db, const char *id)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the indicator given");
    if (!id)
        return itav__error(db, ITAV_EINVAL, "no indicator id given");
    return read_indicator(out, db, id);
}

/* Why itav_indicator_add_measurement() refused, in words with the place. */
static int measurement_error(itav_db *db, int rc, const itav_indicator *ind, int32_t date,
                             const char *period, itav_qualifier qualifier, double min,
                             double max, const char *text, const char *source)
{
    char d[ITAV_DATE_BUFSIZE], range[100], q[200];
    double low, high;
    const char *id = ind->id;
    const itav__wording *wd = itav__report_wording(itav_get_lang(db));
    scale_of(ind, &low, &high);
    itav__interval_words(wd, range, sizeof range, (itav__interval){low, high});
    itav__quantity_words(wd, q, sizeof q, qualifier, min, max, NULL);
    if (!itav__valid_date(date))
        return itav__error(db, rc, "indicator \"%s\": the measurement needs a date in the "
                                   "years 1900-9999", id);
    date_words(d, date);
    switch (rc) {
    case ITAV_EEXISTS:
        return itav__error(db, rc, "indicator \"%s\" already has a measurement of %s", id, d);
    case ITAV_ERANGE:
        return itav__error(db, rc, "indicator \"%s\": the measurement of %s (%s) is off the "
                                   "%s scale (%s)", id, d, q,
                           itav_code_name(ITAV_CODE_MEASURE, (int)ind->type), range);
    case ITAV_ENOMEM: return itav__error(db, rc, "out of memory");
    }
    /* name the part that is wrong, as check_quantity() and add_measurement() judge it */
    const char *bad = !optional_text(period) ? N_("the period is not UTF-8 text of at most 64 KiB")
        : !optional_ref(source) ? N_("the source is not a reference like \"000:L105\"")
        : !optional_text(text) ? N_("the text is not UTF-8 text of at most 64 KiB")
        : !itav_code_name(ITAV_CODE_QUALIFIER, (int)qualifier)
            ? N_("the qualifier is not exact, about, at_least, at_most, range, text or "
                 "about_range")
        : qualifier == ITAV_QTY_TEXT ? N_("qualifier text needs the text")
        : NULL;
    if (bad)
        return itav__error(db, rc, "indicator \"%s\": the measurement of %s is not valid: %s",
                           id, d, itav__tr(db, bad));
    if (qualifier != ITAV_QTY_TEXT)
        return itav__error(db, rc, "indicator \"%s\": the measurement of %s is not valid: its "
                                   "numbers (%s) must be finite, min <= max", id, d, q);
    return itav__error(db, rc, "indicator \"%s\": the measurement of %s is not valid (a "
                               "qualifier exact, about, at_least, at_most, range, text or about_range; "
                               "finite numbers with min <= max; text for qualifier text; "
                               "UTF-8 text; a source like \"000:L105\")", id, d);
}

ITAV_API int itav_indicator_measure(itav_db *db, const char *id, int32_t date,
                                    const char *period, itav_qualifier qualifier, double min,
                                    double max, const char *text, const char *source)
{
    itav_indicator *ind = NULL;
    if (!db)
        return ITAV_EINVAL;
    if (!id)
        return itav__error(db, ITAV_EINVAL, "no indicator id given");
    int rc = itav__begin(db);
    if (rc != ITAV_OK)
        return rc;
    if ((rc = read_indicator(&ind, db, id)) != ITAV_OK)
        goto fail;
    rc = itav_indicator_add_measurement(ind, date, period, qualifier, min, max, text, source);
    if (rc != ITAV_OK) {
        rc = measurement_error(db, rc, ind, date, period, qualifier, min, max, text, source);
        goto fail;
    }
    if ((rc = itav__indicator_write(db, ind)) != ITAV_OK)
        goto fail;
    itav_indicator_free(ind);
    return itav__commit(db);
fail:
    itav_indicator_free(ind);
    itav__rollback(db);
    return rc;
}

struct itav_indicator_iter {
    itav__iter list; /* of itav_indicator */
};

static void free_indicator(void *ind) { itav_indicator_free(ind); }

typedef struct list_state {
    itav_db *db;
    itav_indicator_iter *it;
    int rc;
} list_state;

static int collect(void *arg, const char *key, const void *data, size_t size)
{
    list_state *st = arg;
    itav_indicator *ind;
    if ((st->rc = load(&ind, st->db, key, data, size)) != ITAV_OK)
        return 1;
    if (itav__iter_push(&st->it->list, ind) != ITAV_OK) {
        st->rc = itav__error(st->db, ITAV_ENOMEM, "out of memory listing indicators");
        return 1;
    }
    return 0;
}

ITAV_API int itav_indicator_list(itav_indicator_iter **out, itav_db *db, const char *offer)
{
    if (!db)
        return ITAV_EINVAL;
    if (!out)
        return itav__error(db, ITAV_EINVAL, "no place for the iterator given");
    list_state st = {db, itav__calloc(1, sizeof *st.it), ITAV_OK};
    if (!st.it)
        return itav__error(db, ITAV_ENOMEM, "out of memory listing indicators");
    st.it->list.free_item = free_indicator;
    int rc = offer ? itav__scan(db, ITAV__KIND_INDICATOR, ITAV__INDICATOR_SLOT_OFFER, offer,
                                collect, &st)
                   : itav__scan(db, ITAV__KIND_INDICATOR, ITAV_SCAN_ALL, NULL, collect, &st);
    if (rc < 0 || st.rc != ITAV_OK) {
        itav_indicator_iter_free(st.it);
        return st.rc != ITAV_OK ? st.rc : rc;
    }
    *out = st.it; /* the backend scans in key order, which is id order */
    return ITAV_OK;
}

ITAV_API int itav_indicator_iter_next(itav_indicator **out, itav_indicator_iter *it)
{
    return out && it ? itav__iter_next((void **)out, &it->list) : ITAV_EINVAL;
}

ITAV_API void itav_indicator_iter_free(itav_indicator_iter *it)
{
    if (!it)
        return;
    itav__iter_clear(&it->list);
    itav__free(it);
}
