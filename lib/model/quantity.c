/* Qualified quantities as intervals: reading them from text, judging them against a target,
 * and the interval helpers the attainment of indicators uses (itav/indicator.h). */
#include "model/model_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- reading a quantity from text ---- */

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Consumes prefix (ignoring ASCII case) and the spaces after it. */
static bool take(const char **p, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != prefix[i])
            return false;
    }
    *p = skip_spaces(*p + n);
    return true;
}

/* A decimal number with an optional sign and a dot as separator; no exponent, no locale. */
static bool take_number(const char **p, double *out)
{
    const char *s = *p;
    double v = 0, tens = 1;
    bool neg = false, digits = false;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    for (; *s >= '0' && *s <= '9'; s++, digits = true)
        v = v * 10 + (*s - '0');
    /* The decimals go into the whole number and are divided out once: one correctly rounded
     * division, so "0.3" reads as the double nearest 0.3 (adding 3 * 0.1 would not). */
    if (*s == '.' && s[1] >= '0' && s[1] <= '9') {
        for (s++; *s >= '0' && *s <= '9'; s++, tens *= 10, digits = true)
            v = v * 10 + (*s - '0');
        v /= tens;
    }
    if (!digits || !isfinite(v))
        return false;
    *out = neg ? -v : v;
    *p = skip_spaces(s);
    return true;
}

ITAV_API int itav_quantity_parse(itav_qualifier *qualifier, double *min, double *max,
                                 const char *text)
{
    itav_qualifier q = ITAV_QTY_EXACT;
    double lo, hi;
    if (!qualifier || !min || !max || !text)
        return ITAV_EINVAL;
    const char *p = skip_spaces(text);
    if (take(&p, "about") || take(&p, "~"))
        q = ITAV_QTY_ABOUT;
    else if (take(&p, "at least") || take(&p, ">="))
        q = ITAV_QTY_AT_LEAST;
    else if (take(&p, "at most") || take(&p, "<="))
        q = ITAV_QTY_AT_MOST;
    if (!take_number(&p, &lo))
        return ITAV_EINVAL;
    hi = lo;
    if ((q == ITAV_QTY_EXACT || q == ITAV_QTY_ABOUT) && (take(&p, "..") || take(&p, "-"))) {
        if (!take_number(&p, &hi) || hi < lo)
            return ITAV_EINVAL;
        q = q == ITAV_QTY_ABOUT ? ITAV_QTY_ABOUT_RANGE : ITAV_QTY_RANGE;
    }
    if (*p)
        return ITAV_EINVAL;
    *qualifier = q;
    *min = lo;
    *max = hi;
    return ITAV_OK;
}

/* ---- intervals ---- */

/* Comparisons that forgive rounding: 55.000000000000007 counts as 55. */
static double slack(double a, double b)
{
    double m = fmax(1.0, fmax(fabs(a), fabs(b)));
    return 1e-9 * m;
}

bool itav__qualifier_valid(itav_qualifier q)
{
    return q >= ITAV_QTY_EXACT && q <= ITAV_QTY_ABOUT_RANGE;
}

bool itav__qualifier_two_numbers(itav_qualifier q)
{
    return q == ITAV_QTY_RANGE || q == ITAV_QTY_ABOUT_RANGE;
}

bool itav__quantity_numbers_ok(itav_qualifier q, double min, double max)
{
    if (q == ITAV_QTY_TEXT)
        return isnan(min) && isnan(max);
    return isfinite(min) && isfinite(max) && min <= max &&
           (itav__qualifier_two_numbers(q) || min == max);
}

bool itav__le(double a, double b)
{
    if (!isfinite(a) || !isfinite(b))
        return a <= b;
    return a <= b + slack(a, b);
}

bool itav__lt(double a, double b) { return !itav__le(b, a); }

bool itav__quantity_interval(itav__interval *out, itav_qualifier q, double min, double max,
                             double low, double high)
{
    double lo, hi;
    switch (q) {
    case ITAV_QTY_EXACT: lo = hi = min; break;
    case ITAV_QTY_ABOUT: lo = min - fabs(min) / 10; hi = min + fabs(min) / 10; break;
    case ITAV_QTY_AT_LEAST: lo = min; hi = high; break;
    case ITAV_QTY_AT_MOST: lo = low; hi = min; break;
    case ITAV_QTY_RANGE: lo = min; hi = max; break;
    /* "about 5 to 10": each end as uncertain as "about 5" and "about 10" are */
    case ITAV_QTY_ABOUT_RANGE: lo = min - fabs(min) / 10; hi = max + fabs(max) / 10; break;
    default: return false; /* text: any value */
    }
    /* Values off the scale cannot be: "about 98 percent" allows 88.2 to 100. */
    out->lo = fmax(lo, low);
    out->hi = fmin(hi, high);
    if (out->lo > out->hi) /* a quantity off the scale altogether; keep it as it is */
        *out = (itav__interval){lo, hi};
    return true;
}

/* The values a target allows: [lo of value, hi of high] with the thresholds themselves
 * intervals when they derive from an uncertain baseline. */
static void target_set(itav__interval *set, itav_comparator cmp, itav__interval value,
                       itav__interval high)
{
    switch (cmp) {
    case ITAV_CMP_AT_LEAST: *set = (itav__interval){value.lo, INFINITY}; break;
    case ITAV_CMP_AT_MOST: *set = (itav__interval){-INFINITY, value.hi}; break;
    case ITAV_CMP_EQUAL: *set = value; break;
    default: *set = (itav__interval){value.lo, high.hi}; break;
    }
}

itav_attainment itav__interval_verdict(itav__interval m, itav_comparator cmp,
                                       itav__interval value, itav__interval high)
{
    bool all = false, none = false;
    switch (cmp) {
    case ITAV_CMP_AT_LEAST:
        all = itav__le(value.hi, m.lo);
        none = itav__lt(m.hi, value.lo);
        break;
    case ITAV_CMP_AT_MOST:
        all = itav__le(m.hi, value.lo);
        none = itav__lt(value.hi, m.lo);
        break;
    case ITAV_CMP_EQUAL:
        all = itav__le(m.hi, value.lo) && itav__le(value.hi, m.lo);
        none = itav__lt(m.hi, value.lo) || itav__lt(value.hi, m.lo);
        break;
    case ITAV_CMP_BETWEEN:
        all = itav__le(value.hi, m.lo) && itav__le(m.hi, high.lo);
        none = itav__lt(m.hi, value.lo) || itav__lt(high.hi, m.lo);
        break;
    }
    return all ? ITAV_ATTAIN_MET : none ? ITAV_ATTAIN_NOT_MET : ITAV_ATTAIN_UNKNOWN;
}

itav_attainment itav__path_verdict(itav__interval m, itav_comparator cmp, itav__interval value,
                                   itav__interval high, itav__interval baseline, double f,
                                   itav__interval *path, int *why)
{
    itav__interval set, near;
    int dir; /* +1: higher is progress, -1: lower is */
    target_set(&set, cmp, value, high);
    *why = 0;
    double mid = (baseline.lo + baseline.hi) / 2;
    if (cmp == ITAV_CMP_AT_LEAST)
        dir = 1, near = value;
    else if (cmp == ITAV_CMP_AT_MOST)
        dir = -1, near = value;
    else if (itav__lt(mid, set.lo))
        dir = 1, near = value;
    else if (itav__lt(set.hi, mid))
        dir = -1, near = cmp == ITAV_CMP_BETWEEN ? high : value;
    else {
        *why = 2; /* the baseline lay inside the target: there is no path to it */
        return ITAV_ATTAIN_UNKNOWN;
    }
    /* Where the path stands at fraction f of the way: (1 - f) * baseline + f * target, as an
     * interval when either end is one. */
    path->lo = (1 - f) * baseline.lo + f * near.lo;
    path->hi = (1 - f) * baseline.hi + f * near.hi;
    /* The zone "on or beyond the path" runs from the path to the far end of the target. */
    double far = dir > 0 ? set.hi : set.lo;
    bool inside, outside;
    if (dir > 0) {
        inside = itav__le(path->hi, m.lo) && itav__le(m.hi, far);
        outside = itav__lt(m.hi, path->lo) || itav__lt(far, m.lo);
        *why = itav__lt(far, m.lo);
    } else {
        inside = itav__le(m.hi, path->lo) && itav__le(far, m.lo);
        outside = itav__lt(path->hi, m.lo) || itav__lt(m.hi, far);
        *why = itav__lt(m.hi, far);
    }
    return inside ? ITAV_ATTAIN_ON_TRACK : outside ? ITAV_ATTAIN_NOT_MET : ITAV_ATTAIN_UNKNOWN;
}

ITAV_API itav_attainment itav_quantity_verdict(itav_qualifier qualifier, double min, double max,
                                               itav_comparator cmp, double value, double high)
{
    itav__interval m;
    if (cmp < ITAV_CMP_AT_LEAST || cmp > ITAV_CMP_BETWEEN || !isfinite(value) ||
        (cmp == ITAV_CMP_BETWEEN && (!isfinite(high) || high < value)) ||
        !itav__qualifier_valid(qualifier))
        return ITAV_ATTAIN_UNKNOWN;
    if (qualifier != ITAV_QTY_TEXT &&
        (!isfinite(min) ||
         (itav__qualifier_two_numbers(qualifier) && (!isfinite(max) || min > max))))
        return ITAV_ATTAIN_UNKNOWN;
    if (!itav__quantity_interval(&m, qualifier, min, max, -INFINITY, INFINITY))
        return ITAV_ATTAIN_UNKNOWN; /* text allows anything */
    itav__interval v = {value, value}, h = {high, high};
    return itav__interval_verdict(m, cmp, v, h);
}

/* ---- in words ---- */

/* Whole numbers as they are, others to at most three decimals: words, not data. */
void itav__number_words(char *buf, size_t size, double v)
{
    if (v == INFINITY || v == -INFINITY) {
        snprintf(buf, size, "%s", v > 0 ? "no upper end" : "no lower end");
        return;
    }
    if (fabs(v) >= 1e15 || fabs(v - round(v)) < slack(v, round(v))) {
        snprintf(buf, size, "%.15g", round(v) == 0 ? 0.0 : round(v));
        return;
    }
    int n = snprintf(buf, size, "%.3f", v);
    while (n > 0 && (size_t)n < size && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && (size_t)n < size && buf[n - 1] == '.')
        buf[--n] = '\0';
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, size, "0");
}

void itav__number_words_in(const itav__wording *wd, char *buf, size_t size, double v)
{
    itav__number_words(buf, size, v);
    if (wd && wd->lang == ITAV_LANG_NL)
        for (char *p = buf; (p = strchr(p, '.')); p++)
            *p = ',';
}

/* Fills template en (by its wording) with two words; a template with one uses the first. */
static void fill(const itav__wording *wd, char *buf, size_t size, const char *en, const char *a,
                 const char *b)
{
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#endif
    snprintf(buf, size, itav__worded(wd, en), a, b);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
}

void itav__interval_words(const itav__wording *wd, char *buf, size_t size, itav__interval iv)
{
    char a[40], b[40];
    itav__number_words_in(wd, a, sizeof a, iv.lo);
    itav__number_words_in(wd, b, sizeof b, iv.hi);
    if (itav__le(iv.hi, iv.lo))
        fill(wd, buf, size, "%s", a, b);
    else if (iv.hi == INFINITY)
        fill(wd, buf, size, "%s or more", a, b);
    else if (iv.lo == -INFINITY)
        fill(wd, buf, size, "%s or less", b, a);
    else
        fill(wd, buf, size, "%s to %s", a, b);
}

void itav__quantity_words(const itav__wording *wd, char *buf, size_t size, itav_qualifier q,
                          double min, double max, const char *text)
{
    char a[40], b[40];
    itav__number_words_in(wd, a, sizeof a, min);
    itav__number_words_in(wd, b, sizeof b, max);
    switch (q) {
    case ITAV_QTY_EXACT: fill(wd, buf, size, "%s", a, b); break;
    case ITAV_QTY_ABOUT: fill(wd, buf, size, "about %s", a, b); break;
    case ITAV_QTY_AT_LEAST: fill(wd, buf, size, "at least %s", a, b); break;
    case ITAV_QTY_AT_MOST: fill(wd, buf, size, "at most %s", a, b); break;
    case ITAV_QTY_RANGE: fill(wd, buf, size, "%s to %s", a, b); break;
    case ITAV_QTY_ABOUT_RANGE: fill(wd, buf, size, "about %s to %s", a, b); break;
    default: fill(wd, buf, size, "\"%s\" (no number)", text ? text : "", b); break;
    }
}
