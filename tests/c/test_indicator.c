/* Indicators: qualified quantities read from text, the attainment table (quantities as
 * intervals), dated verdicts against the straight path from the baseline, relative targets,
 * bad input refused with nothing changed, storing and the dataset format, and figures derived
 * from the matches and reviews in a store. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static itav_indicator *make(itav_measure type)
{
    itav_indicator *ind;
    ck_assert_int_eq(itav_indicator_new(&ind, "ind", "offer", type), ITAV_OK);
    return ind;
}

/* Fails unless the explanation contains every part (a NULL-terminated list). */
static void assert_parts(const char *why, const char *const *parts)
{
    for (size_t i = 0; parts[i]; i++)
        ck_assert_msg(why && strstr(why, parts[i]), "\"%s\" is not in the explanation: %s",
                      parts[i], why ? why : "(none)");
}

/* Judges target 0 of ind on as_of, checks the verdict and the explanation's parts. */
static void expect(const itav_indicator *ind, const char *as_of, itav_attainment want,
                   const char *const *parts)
{
    itav_attainment got;
    char *why = NULL;
    ck_assert_int_eq(itav_indicator_attainment(&got, &why, ind, 0, D(as_of)), ITAV_OK);
    ck_assert_msg(got == want, "verdict %s, expected %s: %s",
                  itav_code_name(ITAV_CODE_ATTAINMENT, got),
                  itav_code_name(ITAV_CODE_ATTAINMENT, want), why);
    assert_parts(why, parts);
    itav_free(why);
}

#define PARTS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- reading quantities ---- */

START_TEST(quantities_from_text)
{
    static const struct {
        const char *text;
        itav_qualifier q;
        double min, max;
    } good[] = {
        {"12", ITAV_QTY_EXACT, 12, 12},          {"about 12", ITAV_QTY_ABOUT, 12, 12},
        {"~12", ITAV_QTY_ABOUT, 12, 12},         {"About  2.5", ITAV_QTY_ABOUT, 2.5, 2.5},
        {"at least 12", ITAV_QTY_AT_LEAST, 12, 12}, {">=12", ITAV_QTY_AT_LEAST, 12, 12},
        {">= 7", ITAV_QTY_AT_LEAST, 7, 7},       {"at most 12", ITAV_QTY_AT_MOST, 12, 12},
        {"<=0.5", ITAV_QTY_AT_MOST, 0.5, 0.5},   {"5..10", ITAV_QTY_RANGE, 5, 10},
        {"5-10", ITAV_QTY_RANGE, 5, 10},         {" 5 .. 10 ", ITAV_QTY_RANGE, 5, 10},
        {"-3", ITAV_QTY_EXACT, -3, -3},          {"-5-10", ITAV_QTY_RANGE, -5, 10},
        {"7..7", ITAV_QTY_RANGE, 7, 7},
        {"about 5..10", ITAV_QTY_ABOUT_RANGE, 5, 10}, {"~100-150", ITAV_QTY_ABOUT_RANGE, 100, 150},
        /* decimals read as the nearest double, as strtod would: 0.3, not 3 * 0.1 */
        {"0.3", ITAV_QTY_EXACT, 0.3, 0.3},       {"about 0.7", ITAV_QTY_ABOUT, 0.7, 0.7},
        {".5", ITAV_QTY_EXACT, 0.5, 0.5},
    };
    static const char *const bad[] = {"", "about", "12,5", "10..5", "5-", "at least 5..10",
                                      "twelve", "12 families", "1e3", ".5.", "--5", "~",
                                      "5..10..15", "nan", "inf", "about 10..5",
                                      "at most 5-10"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        itav_qualifier q;
        double min, max;
        ck_assert_msg(itav_quantity_parse(&q, &min, &max, good[i].text) == ITAV_OK, "%s",
                      good[i].text);
        ck_assert_msg(q == good[i].q && min == good[i].min && max == good[i].max,
                      "%s: %d %g %g", good[i].text, q, min, max);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        itav_qualifier q = ITAV_QTY_TEXT;
        double min = 1, max = 2;
        ck_assert_msg(itav_quantity_parse(&q, &min, &max, bad[i]) == ITAV_EINVAL, "%s", bad[i]);
        ck_assert(q == ITAV_QTY_TEXT && min == 1 && max == 2); /* untouched */
    }
    itav_qualifier q;
    double a, b;
    ck_assert_int_eq(itav_quantity_parse(NULL, &a, &b, "1"), ITAV_EINVAL);
    ck_assert_int_eq(itav_quantity_parse(&q, &a, &b, NULL), ITAV_EINVAL);
}
END_TEST

/* ---- the attainment table ---- */

/* One row: a measurement (qualifier, min, max, text) against a target; the verdict, and the
 * words the explanation of the same row through an indicator must hold. */
static const struct row {
    itav_qualifier q;
    double min, max;
    const char *text;
    itav_comparator cmp;
    double value, high;
    itav_attainment want;
    const char *measured, *target;
} table[] = {
    /* the three examples */
    {ITAV_QTY_ABOUT, 10, 10, NULL, ITAV_CMP_AT_LEAST, 12, 0, ITAV_ATTAIN_NOT_MET,
     "about 10 (9 to 11)", "at least 12"},
    {ITAV_QTY_AT_LEAST, 12, 12, NULL, ITAV_CMP_AT_LEAST, 12, 0, ITAV_ATTAIN_MET,
     "at least 12 (12 or more)", "at least 12"},
    {ITAV_QTY_RANGE, 10, 14, NULL, ITAV_CMP_AT_LEAST, 12, 0, ITAV_ATTAIN_UNKNOWN,
     "10 to 14 (10 to 14)", "at least 12"},
    /* at least */
    {ITAV_QTY_EXACT, 12, 12, NULL, ITAV_CMP_AT_LEAST, 12, 0, ITAV_ATTAIN_MET, ", 12,",
     "at least 12"},
    {ITAV_QTY_EXACT, 11.5, 11.5, NULL, ITAV_CMP_AT_LEAST, 12, 0, ITAV_ATTAIN_NOT_MET, ", 11.5,",
     "at least 12"},
    {ITAV_QTY_AT_MOST, 11, 11, NULL, ITAV_CMP_AT_LEAST, 12, 0, ITAV_ATTAIN_NOT_MET,
     "at most 11 (11 or less)", "at least 12"},
    {ITAV_QTY_AT_MOST, 13, 13, NULL, ITAV_CMP_AT_LEAST, 12, 0, ITAV_ATTAIN_UNKNOWN,
     "at most 13", "at least 12"},
    {ITAV_QTY_ABOUT, 20, 20, NULL, ITAV_CMP_AT_LEAST, 12, 0, ITAV_ATTAIN_MET,
     "about 20 (18 to 22)", "at least 12"},
    {ITAV_QTY_TEXT, NAN, NAN, "honderden", ITAV_CMP_AT_LEAST, 12, 0, ITAV_ATTAIN_UNKNOWN,
     "\"honderden\" (no number)", "at least 12"},
    /* at most */
    {ITAV_QTY_ABOUT, 100, 100, NULL, ITAV_CMP_AT_MOST, 120, 0, ITAV_ATTAIN_MET,
     "about 100 (90 to 110)", "at most 120"},
    {ITAV_QTY_ABOUT, 100, 100, NULL, ITAV_CMP_AT_MOST, 105, 0, ITAV_ATTAIN_UNKNOWN,
     "about 100", "at most 105"},
    {ITAV_QTY_EXACT, 130, 130, NULL, ITAV_CMP_AT_MOST, 120, 0, ITAV_ATTAIN_NOT_MET, ", 130,",
     "at most 120"},
    {ITAV_QTY_AT_LEAST, 121, 121, NULL, ITAV_CMP_AT_MOST, 120, 0, ITAV_ATTAIN_NOT_MET,
     "at least 121", "at most 120"},
    {ITAV_QTY_TEXT, NAN, NAN, "enkele", ITAV_CMP_AT_MOST, 120, 0, ITAV_ATTAIN_UNKNOWN,
     "\"enkele\"", "at most 120"},
    /* between */
    {ITAV_QTY_EXACT, 7, 7, NULL, ITAV_CMP_BETWEEN, 5, 10, ITAV_ATTAIN_MET, ", 7,",
     "between 5 and 10"},
    {ITAV_QTY_RANGE, 6, 9, NULL, ITAV_CMP_BETWEEN, 5, 10, ITAV_ATTAIN_MET, "6 to 9",
     "between 5 and 10"},
    {ITAV_QTY_ABOUT, 10, 10, NULL, ITAV_CMP_BETWEEN, 5, 10, ITAV_ATTAIN_UNKNOWN, "about 10",
     "between 5 and 10"},
    {ITAV_QTY_EXACT, 12, 12, NULL, ITAV_CMP_BETWEEN, 5, 10, ITAV_ATTAIN_NOT_MET, ", 12,",
     "between 5 and 10"},
    {ITAV_QTY_AT_LEAST, 11, 11, NULL, ITAV_CMP_BETWEEN, 5, 10, ITAV_ATTAIN_NOT_MET,
     "at least 11", "between 5 and 10"},
    {ITAV_QTY_AT_LEAST, 6, 6, NULL, ITAV_CMP_BETWEEN, 5, 10, ITAV_ATTAIN_UNKNOWN, "at least 6",
     "between 5 and 10"},
    {ITAV_QTY_TEXT, NAN, NAN, "een paar", ITAV_CMP_BETWEEN, 5, 10, ITAV_ATTAIN_UNKNOWN,
     "\"een paar\"", "between 5 and 10"},
    /* equal */
    {ITAV_QTY_EXACT, 50, 50, NULL, ITAV_CMP_EQUAL, 50, 0, ITAV_ATTAIN_MET, ", 50,",
     "equal to 50"},
    {ITAV_QTY_RANGE, 50, 50, NULL, ITAV_CMP_EQUAL, 50, 0, ITAV_ATTAIN_MET, "50", "equal to 50"},
    {ITAV_QTY_ABOUT, 50, 50, NULL, ITAV_CMP_EQUAL, 50, 0, ITAV_ATTAIN_UNKNOWN,
     "about 50 (45 to 55)", "equal to 50"},
    {ITAV_QTY_EXACT, 72, 72, NULL, ITAV_CMP_EQUAL, 50, 0, ITAV_ATTAIN_NOT_MET, ", 72,",
     "equal to 50"},
    {ITAV_QTY_RANGE, 40, 45, NULL, ITAV_CMP_EQUAL, 50, 0, ITAV_ATTAIN_NOT_MET, "40 to 45",
     "equal to 50"},
    {ITAV_QTY_AT_LEAST, 50, 50, NULL, ITAV_CMP_EQUAL, 50, 0, ITAV_ATTAIN_UNKNOWN, "at least 50",
     "equal to 50"},
    /* about a range: wider than the range ("ongeveer 5 à 10": 4.5 to 11) */
    {ITAV_QTY_RANGE, 5, 10, NULL, ITAV_CMP_AT_MOST, 10, 0, ITAV_ATTAIN_MET, "5 to 10",
     "at most 10"},
    {ITAV_QTY_ABOUT_RANGE, 5, 10, NULL, ITAV_CMP_AT_MOST, 10, 0, ITAV_ATTAIN_UNKNOWN,
     "about 5 to 10 (4.5 to 11)", "at most 10"},
    {ITAV_QTY_RANGE, 5, 10, NULL, ITAV_CMP_AT_LEAST, 5, 0, ITAV_ATTAIN_MET, "5 to 10",
     "at least 5"},
    {ITAV_QTY_ABOUT_RANGE, 5, 10, NULL, ITAV_CMP_AT_LEAST, 5, 0, ITAV_ATTAIN_UNKNOWN,
     "about 5 to 10", "at least 5"},
    {ITAV_QTY_ABOUT_RANGE, 100, 150, NULL, ITAV_CMP_AT_LEAST, 90, 0, ITAV_ATTAIN_MET,
     "about 100 to 150 (90 to 165)", "at least 90"},
    {ITAV_QTY_ABOUT_RANGE, 100, 150, NULL, ITAV_CMP_AT_LEAST, 170, 0, ITAV_ATTAIN_NOT_MET,
     "about 100 to 150", "at least 170"},
    {ITAV_QTY_ABOUT_RANGE, 100, 150, NULL, ITAV_CMP_BETWEEN, 80, 170, ITAV_ATTAIN_MET,
     "about 100 to 150", "between 80 and 170"},
};

static const char *const verdict_words[] = {"", "met: ", "not met: ", "on track: ", "unknown: "};

START_TEST(attainment_table)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        const struct row *r = &table[i];
        /* without dates */
        itav_attainment v = itav_quantity_verdict(r->q, r->min, r->max, r->cmp, r->value, r->high);
        ck_assert_msg(v == r->want, "row %zu: itav_quantity_verdict gives %s, expected %s", i,
                      itav_code_name(ITAV_CODE_ATTAINMENT, v),
                      itav_code_name(ITAV_CODE_ATTAINMENT, r->want));
        /* the same row through an indicator (a mean: no scale to clip to), judged after the
         * deadline; the explanation names the measurement, its date and the target */
        itav_indicator *ind = make(ITAV_MEASURE_MEAN);
        ck_assert_int_eq(itav_indicator_add_target(ind, r->cmp, r->value, r->high, 0,
                                                   D("2022-12-31"), NULL, NULL), ITAV_OK);
        ck_assert_int_eq(itav_indicator_add_measurement(ind, D("2022-06-30"), "2022-H1", r->q,
                                                        r->min, r->max, r->text, NULL), ITAV_OK);
        char target[80];
        snprintf(target, sizeof target, "the target %s by 2022-12-31", r->target);
        expect(ind, "2023-01-01", r->want,
               PARTS(verdict_words[r->want], "the measurement of 2022-06-30 (2022-H1)",
                     r->measured, target));
        itav_indicator_free(ind);
    }
    /* explanations say why in words */
    itav_indicator *ind = make(ITAV_MEASURE_COUNT);
    ck_assert_int_eq(itav_indicator_set_unit(ind, "matches"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 12, 0, 0, D("2021-12-31"),
                                               "minimaal 12", "002:L133"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_measurement(ind, D("2021-12-31"), "2021", ITAV_QTY_ABOUT,
                                                    10, 10, NULL, NULL), ITAV_OK);
    expect(ind, "2021-12-31", ITAV_ATTAIN_NOT_MET,
           PARTS("not met: the measurement of 2021-12-31 (2021), about 10 (9 to 11), does not "
                 "meet the target at least 12 matches by 2021-12-31 with any value it allows."));
    itav_indicator_free(ind);
    /* invalid arguments give unknown */
    ck_assert_int_eq(itav_quantity_verdict(ITAV_QTY_EXACT, 5, 5, (itav_comparator)9, 1, 1),
                     ITAV_ATTAIN_UNKNOWN);
    ck_assert_int_eq(itav_quantity_verdict(ITAV_QTY_EXACT, 7, 7, ITAV_CMP_BETWEEN, 10, 5),
                     ITAV_ATTAIN_UNKNOWN);
    ck_assert_int_eq(itav_quantity_verdict(ITAV_QTY_EXACT, NAN, NAN, ITAV_CMP_AT_LEAST, 1, 0),
                     ITAV_ATTAIN_UNKNOWN);
    ck_assert_int_eq(itav_quantity_verdict((itav_qualifier)0, 5, 5, ITAV_CMP_AT_LEAST, 1, 0),
                     ITAV_ATTAIN_UNKNOWN);
}
END_TEST

/* The scale bounds the interval: "at least 95 percent" allows 95 to 100, so it meets "at most
 * 100"; "about 98 percent" allows 88.2 to 100. */
START_TEST(the_scale_bounds_the_interval)
{
    ck_assert_int_eq(itav_quantity_verdict(ITAV_QTY_AT_LEAST, 95, 95, ITAV_CMP_AT_MOST, 100, 0),
                     ITAV_ATTAIN_UNKNOWN); /* no scale: 95 or more */
    itav_indicator *ind = make(ITAV_MEASURE_PERCENTAGE);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_MOST, 100, 0, 0, D("2022-12-31"),
                                               NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 88, 0, 0, D("2022-12-31"),
                                               NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_measurement(ind, D("2022-12-31"), NULL,
                                                    ITAV_QTY_AT_LEAST, 95, 95, NULL, NULL),
                     ITAV_OK);
    expect(ind, "2022-12-31", ITAV_ATTAIN_MET, PARTS("at least 95 (95 to 100)"));
    ck_assert_int_eq(itav_indicator_remove_measurement(ind, 0), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_measurement(ind, D("2022-12-31"), NULL, ITAV_QTY_ABOUT,
                                                    98, 98, NULL, NULL), ITAV_OK);
    itav_attainment v;
    ck_assert_int_eq(itav_indicator_attainment(&v, NULL, ind, 1, D("2023-01-01")), ITAV_OK);
    ck_assert_int_eq(v, ITAV_ATTAIN_MET); /* 88.2 to 100 is at least 88 */
    double low, high;
    ck_assert_int_eq(itav_indicator_scale(ind, &low, &high), ITAV_OK);
    ck_assert(low == 0 && high == 100);
    itav_indicator_free(ind);
    ind = make(ITAV_MEASURE_COUNT);
    ck_assert_int_eq(itav_indicator_scale(ind, &low, &high), ITAV_OK);
    ck_assert(low == 0 && high == INFINITY);
    itav_indicator_free(ind);
    ind = make(ITAV_MEASURE_CHANGE);
    ck_assert_int_eq(itav_indicator_scale(ind, &low, NULL), ITAV_OK);
    ck_assert(low == -INFINITY);
    itav_indicator_free(ind);
    ind = make(ITAV_MEASURE_RATING);
    ck_assert_int_eq(itav_indicator_scale(ind, &low, &high), ITAV_OK);
    ck_assert(low == 1 && high == 10);
    ck_assert_int_eq(itav_indicator_set_scale(ind, 0, 5), ITAV_OK);
    ck_assert_int_eq(itav_indicator_scale(ind, &low, &high), ITAV_OK);
    ck_assert(low == 0 && high == 5);
    itav_indicator_free(ind);
    ck_assert_int_eq(itav_indicator_scale(NULL, &low, &high), ITAV_EINVAL);
}
END_TEST

/* ---- verdicts in time ---- */

/* A count with baseline 4 on 2020-12-31 and the target at least 12 by 2022-12-31: the
 * straight path stands at 8 on 2021-12-31, half way. */
static itav_indicator *path_indicator(void)
{
    itav_indicator *ind = make(ITAV_MEASURE_COUNT);
    ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2020-12-31"), ITAV_QTY_EXACT, 4, 4,
                                                 NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 12, 0, 0, D("2022-12-31"),
                                               NULL, NULL), ITAV_OK);
    return ind;
}

static void measure(itav_indicator *ind, const char *date, itav_qualifier q, double v)
{
    ck_assert_int_eq(itav_indicator_add_measurement(ind, D(date), NULL, q, v, v, NULL, NULL),
                     ITAV_OK);
}

START_TEST(dated_verdicts_follow_the_path)
{
    static const struct {
        itav_qualifier q;
        double v;
        itav_attainment want;
        const char *words;
    } mid[] = {
        {ITAV_QTY_EXACT, 7, ITAV_ATTAIN_NOT_MET, "lies behind the straight path"},
        {ITAV_QTY_EXACT, 8, ITAV_ATTAIN_ON_TRACK, "but lies on or beyond the straight path"},
        {ITAV_QTY_EXACT, 9, ITAV_ATTAIN_ON_TRACK, "but lies on or beyond the straight path"},
        {ITAV_QTY_AT_LEAST, 8, ITAV_ATTAIN_ON_TRACK, "may already meet the target"},
        {ITAV_QTY_ABOUT, 8, ITAV_ATTAIN_UNKNOWN, "partly behind and partly on or beyond"},
        {ITAV_QTY_AT_MOST, 7, ITAV_ATTAIN_NOT_MET, "lies behind"},
        {ITAV_QTY_EXACT, 12, ITAV_ATTAIN_MET, "meets the target at least 12 by 2022-12-31"},
    };
    for (size_t i = 0; i < sizeof mid / sizeof *mid; i++) {
        itav_indicator *ind = path_indicator();
        measure(ind, "2021-12-31", mid[i].q, mid[i].v);
        expect(ind, "2022-01-15", mid[i].want,
               PARTS(verdict_words[mid[i].want], "the measurement of 2021-12-31",
                     "the target at least 12 by 2022-12-31", mid[i].words));
        if (mid[i].want != ITAV_ATTAIN_MET)
            expect(ind, "2022-01-15", mid[i].want,
                   PARTS("from the baseline 4 of 2020-12-31 to the target, which stood at 8 on "
                         "2021-12-31"));
        itav_indicator_free(ind);
    }
    /* the path starts at the baseline: a measurement older than the baseline, or a baseline
     * not before the deadline, has no point on it */
    static const char *const late_baselines[] = {"2021-09-01", "2022-12-31", "2023-06-01"};
    for (size_t i = 0; i < sizeof late_baselines / sizeof *late_baselines; i++) {
        itav_indicator *ind = path_indicator();
        ck_assert_int_eq(itav_indicator_set_baseline(ind, D(late_baselines[i]), ITAV_QTY_EXACT,
                                                     4, 4, NULL, NULL), ITAV_OK);
        measure(ind, "2021-06-01", ITAV_QTY_EXACT, 9);
        expect(ind, "2021-07-01", ITAV_ATTAIN_UNKNOWN,
               PARTS("is not before the measurement, so there is no path"));
        itav_indicator_free(ind);
    }
    /* numbers in words: whole numbers as they are, others to three decimals (181 of 730
     * days: 4 + 8 * 181 / 730) */
    itav_indicator *ind = path_indicator();
    measure(ind, "2021-06-30", ITAV_QTY_EXACT, 5);
    expect(ind, "2021-07-01", ITAV_ATTAIN_NOT_MET, PARTS("which stood at 5.984 on 2021-06-30."));
    itav_indicator_free(ind);
    /* no measurement yet: unknown */
    ind = path_indicator();
    expect(ind, "2021-06-30", ITAV_ATTAIN_UNKNOWN,
           PARTS("unknown: there is no measurement on or before 2021-06-30",
                 "at least 12 by 2022-12-31"));
    /* a later measurement does not count before its date */
    measure(ind, "2021-12-31", ITAV_QTY_EXACT, 9);
    expect(ind, "2021-06-30", ITAV_ATTAIN_UNKNOWN, PARTS("no measurement on or before 2021-06-30"));
    expect(ind, "2021-12-31", ITAV_ATTAIN_ON_TRACK, PARTS("2021-12-31"));
    /* at the deadline the verdict is final: 10 is not met, however close to the path */
    measure(ind, "2022-12-31", ITAV_QTY_EXACT, 10);
    measure(ind, "2023-02-01", ITAV_QTY_EXACT, 13);
    expect(ind, "2022-12-30", ITAV_ATTAIN_ON_TRACK, PARTS("the measurement of 2021-12-31"));
    expect(ind, "2022-12-31", ITAV_ATTAIN_NOT_MET,
           PARTS("not met: the measurement of 2022-12-31, 10,", "with any value it allows"));
    /* after the deadline only measurements up to the deadline count */
    expect(ind, "2023-03-01", ITAV_ATTAIN_NOT_MET,
           PARTS("the measurement of 2022-12-31, 10,",
                 "(measurements after the deadline do not count)"));
    itav_indicator_free(ind);
    /* after the deadline with nothing measured by then */
    ind = path_indicator();
    measure(ind, "2023-02-01", ITAV_QTY_EXACT, 13);
    expect(ind, "2023-03-01", ITAV_ATTAIN_UNKNOWN,
           PARTS("no measurement on or before 2022-12-31 (the deadline)"));
    itav_indicator_free(ind);
    /* met early stays met */
    ind = path_indicator();
    measure(ind, "2021-03-31", ITAV_QTY_AT_LEAST, 12);
    expect(ind, "2021-04-01", ITAV_ATTAIN_MET, PARTS("met: the measurement of 2021-03-31"));
    itav_indicator_free(ind);
    /* before the deadline without a baseline there is no path */
    ind = make(ITAV_MEASURE_COUNT);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 12, 0, 0, D("2021-12-31"),
                                               NULL, NULL), ITAV_OK);
    measure(ind, "2021-06-30", ITAV_QTY_EXACT, 5);
    expect(ind, "2021-07-01", ITAV_ATTAIN_UNKNOWN, PARTS("without a baseline there is no path"));
    expect(ind, "2022-01-01", ITAV_ATTAIN_NOT_MET, PARTS("does not meet"));
    itav_indicator_free(ind);
}
END_TEST

/* The visitor mix of seed 000 line 159: 72% new visitors in 2020, 50-50 aimed for in 2021. The
 * path runs downwards; going past 50 is not on track. */
START_TEST(equal_targets_travel_both_ways)
{
    static const struct {
        double v;
        itav_attainment want;
        const char *words;
    } rows[] = {
        {65, ITAV_ATTAIN_NOT_MET, "lies behind"},          /* path at about 61 */
        {60, ITAV_ATTAIN_ON_TRACK, "lies on or beyond"},
        {50, ITAV_ATTAIN_MET, "meets the target equal to 50"},
        {45, ITAV_ATTAIN_NOT_MET, "has gone past the target"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        itav_indicator *ind = make(ITAV_MEASURE_PERCENTAGE);
        ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2020-12-31"), ITAV_QTY_EXACT, 72, 72,
                                                     "72% nieuwe bezoekers", "000:L159"), ITAV_OK);
        ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_EQUAL, 50, 0, 0, D("2021-12-31"),
                                                   "50-50% verdeling", "000:L159"), ITAV_OK);
        measure(ind, "2021-07-02", ITAV_QTY_EXACT, rows[i].v);
        expect(ind, "2021-07-02", rows[i].want, PARTS(rows[i].words, "equal to 50 by 2021-12-31"));
        itav_indicator_free(ind);
    }
    /* a between target approached from above aims at its upper bound */
    itav_indicator *ind = make(ITAV_MEASURE_COUNT);
    ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2021-01-01"), ITAV_QTY_EXACT, 30, 30,
                                                 NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_BETWEEN, 5, 10, 0, D("2021-12-31"),
                                               NULL, NULL), ITAV_OK);
    measure(ind, "2021-07-02", ITAV_QTY_EXACT, 19); /* the path stands at 20 */
    expect(ind, "2021-07-03", ITAV_ATTAIN_ON_TRACK, PARTS("stood at 20 on 2021-07-02"));
    itav_indicator_free(ind);
    /* a baseline already inside an equal target leaves no path */
    ind = make(ITAV_MEASURE_COUNT);
    ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2021-01-01"), ITAV_QTY_EXACT, 50, 50,
                                                 NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_EQUAL, 50, 0, 0, D("2021-12-31"),
                                               NULL, NULL), ITAV_OK);
    measure(ind, "2021-07-02", ITAV_QTY_EXACT, 40);
    expect(ind, "2021-07-03", ITAV_ATTAIN_UNKNOWN, PARTS("already lay within the target"));
    itav_indicator_free(ind);
}
END_TEST

/* "10% positiever" (seed 000 line 105) as a relative target: 10 percent more than the
 * baseline. */
START_TEST(relative_targets_need_a_baseline)
{
    itav_indicator *ind = make(ITAV_MEASURE_PERCENTAGE);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 10, 0, 1, D("2022-12-31"),
                                               "(10%) positiever", "000:L105"), ITAV_OK);
    measure(ind, "2022-12-31", ITAV_QTY_EXACT, 61);
    /* without a baseline: unknown */
    expect(ind, "2023-01-01", ITAV_ATTAIN_UNKNOWN,
           PARTS("unknown: the measurement of 2022-12-31, 61,",
                 "the target at least 10% more than the baseline by 2022-12-31",
                 "no baseline with a number"));
    /* a baseline that gives no number is no better */
    ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2019-12-31"), ITAV_QTY_TEXT, 0, 0,
                                                 "de meeste ouders", NULL), ITAV_OK);
    expect(ind, "2023-01-01", ITAV_ATTAIN_UNKNOWN, PARTS("no baseline with a number"));
    /* baseline about 50 (45 to 55): the target is 49.5 to 60.5 */
    ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2019-12-31"), ITAV_QTY_ABOUT, 50, 50,
                                                 NULL, NULL), ITAV_OK);
    expect(ind, "2023-01-01", ITAV_ATTAIN_MET,
           PARTS("met: the measurement of 2022-12-31, 61,",
                 "the target at least 10% more than the baseline (baseline about 50, so 49.5 to "
                 "60.5) by 2022-12-31"));
    static const struct {
        double v;
        itav_attainment want;
    } rows[] = {{60.5, ITAV_ATTAIN_MET}, {60, ITAV_ATTAIN_UNKNOWN}, {55, ITAV_ATTAIN_UNKNOWN},
                {49.5, ITAV_ATTAIN_UNKNOWN}, {49, ITAV_ATTAIN_NOT_MET}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        ck_assert_int_eq(itav_indicator_remove_measurement(ind, 0), ITAV_OK);
        measure(ind, "2022-12-31", ITAV_QTY_EXACT, rows[i].v);
        expect(ind, "2023-01-01", rows[i].want, PARTS("49.5 to 60.5"));
    }
    /* baseline exactly 50: the target is 55, reached exactly despite rounding */
    ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2019-12-31"), ITAV_QTY_EXACT, 50, 50,
                                                 NULL, NULL), ITAV_OK);
    expect(ind, "2023-01-01", ITAV_ATTAIN_NOT_MET, PARTS("baseline 50, so 55)"));
    ck_assert_int_eq(itav_indicator_remove_measurement(ind, 0), ITAV_OK);
    measure(ind, "2022-12-31", ITAV_QTY_EXACT, 55);
    expect(ind, "2023-01-01", ITAV_ATTAIN_MET, PARTS("the measurement of 2022-12-31, 55,"));
    /* before the deadline the path runs from the baseline to 55 */
    ck_assert_int_eq(itav_indicator_remove_measurement(ind, 0), ITAV_OK);
    measure(ind, "2021-06-30", ITAV_QTY_EXACT, 51);
    expect(ind, "2021-07-01", ITAV_ATTAIN_NOT_MET, PARTS("lies behind")); /* path near 52.5 */
    ck_assert_int_eq(itav_indicator_remove_measurement(ind, 0), ITAV_OK);
    measure(ind, "2021-06-30", ITAV_QTY_EXACT, 53);
    expect(ind, "2021-07-01", ITAV_ATTAIN_ON_TRACK, PARTS("lies on or beyond"));
    /* removing the baseline makes the verdict unknown again */
    ck_assert_int_eq(itav_indicator_clear_baseline(ind), ITAV_OK);
    ck_assert_int_eq(itav_indicator_baseline(ind, NULL, NULL, NULL, NULL), ITAV_ENOTFOUND);
    expect(ind, "2021-07-01", ITAV_ATTAIN_UNKNOWN, PARTS("no baseline with a number"));
    /* a relative target may be a decrease and is not held to the scale */
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_MOST, -20, 0, 1, D("2022-12-31"),
                                               NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 150, 0, 1, D("2022-12-31"),
                                               NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2019-12-31"), ITAV_QTY_EXACT, 50, 50,
                                                 NULL, NULL), ITAV_OK);
    char *why;
    itav_attainment v;
    ck_assert_int_eq(itav_indicator_attainment(&v, &why, ind, 1, D("2023-01-01")), ITAV_OK);
    ck_assert_int_eq(v, ITAV_ATTAIN_NOT_MET); /* 51 is not at most 40 */
    itav_free(why);
    ck_assert_int_eq(itav_indicator_attainment(&v, &why, ind, 1, D("2021-07-01")), ITAV_OK);
    assert_parts(why, PARTS("at most 20% less than the baseline (baseline 50, so 40)"));
    /* the same explanation in English through _lang, and in Dutch */
    char *en, *nl;
    itav_attainment v_en, v_nl;
    ck_assert_int_eq(itav_indicator_attainment_lang(&v_en, &en, ind, 1, D("2021-07-01"),
                                                    ITAV_LANG_EN), ITAV_OK);
    ck_assert_str_eq(en, why);
    ck_assert_int_eq(itav_indicator_attainment_lang(&v_nl, &nl, ind, 1, D("2021-07-01"),
                                                    ITAV_LANG_NL), ITAV_OK);
    ck_assert_int_eq(v_nl, v_en);
    ck_assert_int_eq(v_en, v);
    assert_parts(nl, PARTS("hoogstens 20% minder dan de nulmeting (nulmeting 50, dus 40)",
                           "uiterlijk 2022-12-31"));
    ck_assert_ptr_null(strstr(nl, "baseline"));
    itav_free(en);
    itav_free(nl);
    ck_assert_int_eq(itav_indicator_attainment_lang(&v, NULL, ind, 1, D("2021-07-01"),
                                                    (itav_lang)3), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_attainment_lang(&v, NULL, ind, 9, D("2021-07-01"),
                                                    ITAV_LANG_NL), ITAV_ERANGE);
    itav_free(why);
    itav_indicator_free(ind);

    /* the percent is of the baseline's size: 10 percent more than -10 is -9, not -11 */
    ind = make(ITAV_MEASURE_CHANGE);
    ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2019-12-31"), ITAV_QTY_EXACT, -10, -10,
                                                 NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 10, 0, 1, D("2022-12-31"),
                                               NULL, NULL), ITAV_OK);
    measure(ind, "2022-12-31", ITAV_QTY_EXACT, -10.5);
    expect(ind, "2023-01-01", ITAV_ATTAIN_NOT_MET, PARTS("(baseline -10, so -9)"));
    ck_assert_int_eq(itav_indicator_remove_measurement(ind, 0), ITAV_OK);
    measure(ind, "2022-12-31", ITAV_QTY_EXACT, -9);
    expect(ind, "2023-01-01", ITAV_ATTAIN_MET, PARTS("(baseline -10, so -9)"));
    itav_indicator_free(ind);
}
END_TEST

/* ---- the object ---- */

START_TEST(object_fields_and_copies)
{
    itav_indicator *ind, *copy;
    int32_t date;
    itav_qualifier q;
    double min, max, value, high;
    itav_comparator cmp;
    int relative;
    ck_assert_int_eq(itav_indicator_new(&ind, "zk-haarlem", "bg-zk", ITAV_MEASURE_COUNT), ITAV_OK);
    ck_assert_str_eq(itav_indicator_id(ind), "zk-haarlem");
    ck_assert_str_eq(itav_indicator_offer(ind), "bg-zk");
    ck_assert_int_eq(itav_indicator_type(ind), ITAV_MEASURE_COUNT);
    ck_assert_ptr_null(itav_indicator_name(ind));
    ck_assert_int_eq(itav_indicator_derived(ind), 0);
    ck_assert_int_eq(itav_indicator_set_name(ind, "koppelingen"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_unit(ind, "matches"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_note(ind, "a note"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_source(ind, "002:L133"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_derived(ind, ITAV_DERIVED_MATCHES_STARTED, "Haarlem"),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_baseline(ind, D("2020-12-31"), ITAV_QTY_RANGE, 2, 4,
                                                 "2 à 4", "002:L133"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_BETWEEN, 5, 10, 0, D("2021-12-31"),
                                               "5 à 10", NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 12, 99, 0, D("2021-12-31"),
                                               NULL, "002:L133"), ITAV_OK);
    measure(ind, "2021-12-31", ITAV_QTY_EXACT, 9);
    measure(ind, "2021-06-30", ITAV_QTY_EXACT, 4); /* kept in date order */
    ck_assert_int_eq(itav_indicator_add_measurement(ind, D("2021-09-30"), "2021-Q3",
                                                    ITAV_QTY_TEXT, 1, 2, "enkele", "002:L133"),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_dup(&copy, ind), ITAV_OK);
    itav_indicator_free(ind);
    ind = copy;
    ck_assert_str_eq(itav_indicator_name(ind), "koppelingen");
    ck_assert_str_eq(itav_indicator_unit(ind), "matches");
    ck_assert_str_eq(itav_indicator_note(ind), "a note");
    ck_assert_str_eq(itav_indicator_source(ind), "002:L133");
    ck_assert_int_eq(itav_indicator_derived(ind), ITAV_DERIVED_MATCHES_STARTED);
    ck_assert_str_eq(itav_indicator_municipality(ind), "Haarlem");
    ck_assert_int_eq(itav_indicator_baseline(ind, &date, &q, &min, &max), ITAV_OK);
    ck_assert(date == D("2020-12-31") && q == ITAV_QTY_RANGE && min == 2 && max == 4);
    ck_assert_str_eq(itav_indicator_baseline_text(ind), "2 à 4");
    ck_assert_str_eq(itav_indicator_baseline_source(ind), "002:L133");
    ck_assert_uint_eq(itav_indicator_target_count(ind), 2);
    ck_assert_int_eq(itav_indicator_target(ind, 0, &cmp, &value, &high, &relative, &date), ITAV_OK);
    ck_assert(cmp == ITAV_CMP_BETWEEN && value == 5 && high == 10 && !relative &&
              date == D("2021-12-31"));
    ck_assert_str_eq(itav_indicator_target_text(ind, 0), "5 à 10");
    ck_assert_ptr_null(itav_indicator_target_source(ind, 0));
    ck_assert_int_eq(itav_indicator_target(ind, 1, NULL, NULL, &high, NULL, NULL), ITAV_OK);
    ck_assert(high == 12); /* high is ignored except for between */
    ck_assert_int_eq(itav_indicator_target(ind, 2, NULL, NULL, NULL, NULL, NULL), ITAV_ERANGE);
    ck_assert_ptr_null(itav_indicator_target_text(ind, 2));
    ck_assert_uint_eq(itav_indicator_measurement_count(ind), 3);
    ck_assert_int_eq(itav_indicator_measurement(ind, 0, &date, &q, &min, NULL), ITAV_OK);
    ck_assert(date == D("2021-06-30") && q == ITAV_QTY_EXACT && min == 4);
    ck_assert_int_eq(itav_indicator_measurement(ind, 1, &date, &q, &min, &max), ITAV_OK);
    ck_assert(date == D("2021-09-30") && q == ITAV_QTY_TEXT && isnan(min) && isnan(max));
    ck_assert_str_eq(itav_indicator_measurement_period(ind, 1), "2021-Q3");
    ck_assert_str_eq(itav_indicator_measurement_text(ind, 1), "enkele");
    ck_assert_str_eq(itav_indicator_measurement_source(ind, 1), "002:L133");
    ck_assert_ptr_null(itav_indicator_measurement_period(ind, 0));
    ck_assert_int_eq(itav_indicator_measurement(ind, 3, NULL, NULL, NULL, NULL), ITAV_ERANGE);
    /* removing */
    ck_assert_int_eq(itav_indicator_remove_measurement(ind, 1), ITAV_OK);
    ck_assert_int_eq(itav_indicator_measurement(ind, 1, &date, NULL, NULL, NULL), ITAV_OK);
    ck_assert(date == D("2021-12-31"));
    ck_assert_int_eq(itav_indicator_remove_measurement(ind, 2), ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_remove_target(ind, 0), ITAV_OK);
    ck_assert_int_eq(itav_indicator_target(ind, 0, &cmp, NULL, NULL, NULL, NULL), ITAV_OK);
    ck_assert_int_eq(cmp, ITAV_CMP_AT_LEAST);
    ck_assert_int_eq(itav_indicator_remove_target(ind, 1), ITAV_ERANGE);
    /* clearing texts and going back to measured by hand */
    ck_assert_int_eq(itav_indicator_set_name(ind, ""), ITAV_OK);
    ck_assert_ptr_null(itav_indicator_name(ind));
    ck_assert_int_eq(itav_indicator_set_source(ind, NULL), ITAV_OK);
    ck_assert_ptr_null(itav_indicator_source(ind));
    ck_assert_int_eq(itav_indicator_set_derived(ind, 0, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_derived(ind), 0);
    ck_assert_ptr_null(itav_indicator_municipality(ind));
    itav_indicator_free(ind);
    /* NULL objects */
    itav_indicator_free(NULL);
    ck_assert_ptr_null(itav_indicator_id(NULL));
    ck_assert_uint_eq(itav_indicator_target_count(NULL), 0);
    ck_assert_uint_eq(itav_indicator_measurement_count(NULL), 0);
    ck_assert_int_eq(itav_indicator_type(NULL), 0);
    ck_assert_int_eq(itav_indicator_dup(&copy, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_set_name(NULL, "x"), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_clear_baseline(NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_baseline(NULL, NULL, NULL, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_remove_target(NULL, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_measurement(NULL, 0, NULL, NULL, NULL, NULL), ITAV_EINVAL);
    /* bad ids and types */
    ck_assert_int_eq(itav_indicator_new(&ind, "Bad Id", "o", ITAV_MEASURE_COUNT), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_new(&ind, "i", "", ITAV_MEASURE_COUNT), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_new(&ind, "i", "o", (itav_measure)6), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_new(NULL, "i", "o", ITAV_MEASURE_COUNT), ITAV_EINVAL);
}
END_TEST

/* Every refusal of a setter leaves the object as it was (compared through its JSON in a
 * store, see bad_input_changes_no_store for that side). */
START_TEST(bad_input_to_the_object)
{
    itav_indicator *pct = make(ITAV_MEASURE_PERCENTAGE), *rating = make(ITAV_MEASURE_RATING);
    int32_t dl = D("2022-12-31");
    /* targets */
    ck_assert_int_eq(itav_indicator_add_target(pct, (itav_comparator)0, 10, 0, 0, dl, NULL, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_target(pct, (itav_comparator)5, 10, 0, 0, dl, NULL, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_BETWEEN, 10, 5, 0, dl, NULL, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_BETWEEN, 10, NAN, 0, dl, NULL, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_AT_LEAST, INFINITY, 0, 0, dl, NULL,
                                               NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_AT_LEAST, 10, 0, 2, dl, NULL, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_AT_LEAST, 10, 0, 0, ITAV_DATE_NONE,
                                               NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_AT_LEAST, 10, 0, 0, dl, NULL,
                                               "line 5"), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_AT_LEAST, 10, 0, 0, dl, "\xff", NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_AT_LEAST, 120, 0, 0, dl, NULL, NULL),
                     ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_AT_MOST, -1, 0, 0, dl, NULL, NULL),
                     ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_add_target(pct, ITAV_CMP_BETWEEN, 90, 101, 0, dl, NULL, NULL),
                     ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_add_target(rating, ITAV_CMP_AT_LEAST, 11, 0, 0, dl, NULL,
                                               NULL), ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_add_target(rating, ITAV_CMP_AT_LEAST, 0, 0, 0, dl, NULL, NULL),
                     ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_add_target(NULL, ITAV_CMP_AT_LEAST, 1, 0, 0, dl, NULL, NULL),
                     ITAV_EINVAL);
    ck_assert_uint_eq(itav_indicator_target_count(pct), 0);
    ck_assert_uint_eq(itav_indicator_target_count(rating), 0);
    /* a rating on its own scale */
    ck_assert_int_eq(itav_indicator_add_target(rating, ITAV_CMP_AT_LEAST, 7, 0, 0, dl, NULL, NULL),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_scale(rating, 0, 5), ITAV_ERANGE); /* the 7 falls off */
    ck_assert_int_eq(itav_indicator_set_scale(rating, 5, 5), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_set_scale(rating, 0, INFINITY), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_set_scale(pct, 0, 10), ITAV_EINVAL); /* not a rating */
    ck_assert_int_eq(itav_indicator_set_scale(rating, 1, 100), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(rating, ITAV_CMP_AT_LEAST, 70, 0, 0, dl, NULL,
                                               NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(rating, ITAV_CMP_AT_LEAST, 101, 0, 0, dl, NULL,
                                               NULL), ITAV_ERANGE);
    /* measurements and the baseline */
    ck_assert_int_eq(itav_indicator_add_measurement(pct, D("2021-12-31"), "2021", ITAV_QTY_EXACT,
                                                    40, 40, NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_measurement(pct, D("2021-12-31"), "2021", ITAV_QTY_EXACT,
                                                    41, 41, NULL, NULL), ITAV_EEXISTS);
    ck_assert_int_eq(itav_indicator_add_measurement(pct, D("2021-06-30"), NULL, ITAV_QTY_EXACT,
                                                    101, 101, NULL, NULL), ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_add_measurement(pct, D("2021-06-30"), NULL, ITAV_QTY_RANGE,
                                                    90, 110, NULL, NULL), ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_add_measurement(pct, D("2021-06-30"), NULL, ITAV_QTY_RANGE,
                                                    60, 50, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_measurement(pct, D("2021-06-30"), NULL, ITAV_QTY_TEXT,
                                                    0, 0, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_measurement(pct, D("2021-06-30"), NULL, ITAV_QTY_EXACT,
                                                    NAN, NAN, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_measurement(pct, D("2021-06-30"), NULL, (itav_qualifier)8,
                                                    1, 1, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_measurement(pct, ITAV_DATE_NONE, NULL, ITAV_QTY_EXACT, 1,
                                                    1, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_add_measurement(pct, D("2021-06-30"), NULL, ITAV_QTY_EXACT, 1,
                                                    1, NULL, "000:L0"), ITAV_EINVAL);
    ck_assert_uint_eq(itav_indicator_measurement_count(pct), 1);
    ck_assert_int_eq(itav_indicator_set_baseline(pct, D("2020-12-31"), ITAV_QTY_AT_LEAST, 120,
                                                 120, NULL, NULL), ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_set_baseline(pct, ITAV_DATE_NONE, ITAV_QTY_EXACT, 1, 1, NULL,
                                                 NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_baseline(pct, NULL, NULL, NULL, NULL), ITAV_ENOTFOUND);
    /* derived figures need a type that fits */
    itav_indicator *count = make(ITAV_MEASURE_COUNT), *mean = make(ITAV_MEASURE_MEAN);
    ck_assert_int_eq(itav_indicator_set_derived(pct, ITAV_DERIVED_MATCHES_STARTED, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_set_derived(count, ITAV_DERIVED_FORMAL_HELP, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_set_derived(count, ITAV_DERIVED_MEAN_SATISFACTION, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_set_derived(rating, ITAV_DERIVED_MEAN_SATISFACTION, NULL),
                     ITAV_EINVAL); /* a rating on 1-100 */
    ck_assert_int_eq(itav_indicator_set_derived(count, (itav_derived)4, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_derived(count), 0);
    ck_assert_int_eq(itav_indicator_set_derived(pct, ITAV_DERIVED_FORMAL_HELP, NULL), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_derived(mean, ITAV_DERIVED_MEAN_SATISFACTION, NULL),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_derived(count, ITAV_DERIVED_MATCHES_STARTED, "Zandvoort"),
                     ITAV_OK);
    itav_indicator *plain = make(ITAV_MEASURE_RATING);
    ck_assert_int_eq(itav_indicator_set_derived(plain, ITAV_DERIVED_MEAN_SATISFACTION, NULL),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_scale(plain, 0, 10), ITAV_EINVAL); /* marks are 1-10 */
    /* attainment */
    itav_attainment v;
    ck_assert_int_eq(itav_indicator_attainment(&v, NULL, pct, 0, D("2022-01-01")), ITAV_ERANGE);
    ck_assert_int_eq(itav_indicator_attainment(&v, NULL, rating, 0, ITAV_DATE_NONE), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_attainment(NULL, NULL, rating, 0, D("2022-01-01")),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_attainment(&v, NULL, NULL, 0, D("2022-01-01")), ITAV_EINVAL);
    itav_indicator_free(pct);
    itav_indicator_free(rating);
    itav_indicator_free(count);
    itav_indicator_free(mean);
    itav_indicator_free(plain);
}
END_TEST

/* ---- in a store ---- */

static void base_records(itav_db *db)
{
    ck_assert_msg(itav_import_json_string(db,
        "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"bg\", \"name\": \"BG\"}], "
        "\"offers\": [{\"id\": \"bg-zk\", \"intervention\": \"bg\"}, "
        "{\"id\": \"bg-hw\", \"intervention\": \"bg\"}]}", "base") == ITAV_OK,
        "%s", itav_errmsg(db));
}

static itav_indicator *haarlem_indicator(void)
{
    itav_indicator *ind;
    ck_assert_int_eq(itav_indicator_new(&ind, "zk-haarlem", "bg-zk", ITAV_MEASURE_COUNT), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_name(ind, "Couplings started in Haarlem"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_unit(ind, "matches"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_derived(ind, ITAV_DERIVED_MATCHES_STARTED, "Haarlem"),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_target(ind, ITAV_CMP_AT_LEAST, 12, 0, 0, D("2021-12-31"),
                                               "minimaal 12", "002:L133"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_source(ind, "002:L133"), ITAV_OK);
    return ind;
}

/* The canonical record: members in the documented order, defaults left out. */
static const char canonical[] =
    "{\n"
    "  \"id\": \"mix\",\n"
    "  \"offer\": \"bg-hw\",\n"
    "  \"type\": \"rating\",\n"
    "  \"name\": \"Collaboration\",\n"
    "  \"unit\": \"mark\",\n"
    "  \"scale\": {\n"
    "    \"low\": 0,\n"
    "    \"high\": 5\n"
    "  },\n"
    "  \"baseline\": {\n"
    "    \"date\": \"2020-12-31\",\n"
    "    \"quantity\": {\n"
    "      \"qualifier\": \"range\",\n"
    "      \"min\": 2,\n"
    "      \"max\": 3.5,\n"
    "      \"text\": \"2 tot 3,5\"\n"
    "    },\n"
    "    \"source\": \"000:L189\"\n"
    "  },\n"
    "  \"targets\": [\n"
    "    {\n"
    "      \"comparator\": \"between\",\n"
    "      \"value\": 3,\n"
    "      \"high\": 4.5,\n"
    "      \"deadline\": \"2022-12-31\",\n"
    "      \"text\": \"tussen 3 en 4,5\",\n"
    "      \"source\": \"000:L107\"\n"
    "    },\n"
    "    {\n"
    "      \"comparator\": \"at_least\",\n"
    "      \"value\": 10,\n"
    "      \"relative\": true,\n"
    "      \"deadline\": \"2022-12-31\"\n"
    "    }\n"
    "  ],\n"
    "  \"measurements\": [\n"
    "    {\n"
    "      \"date\": \"2021-12-31\",\n"
    "      \"period\": \"2021\",\n"
    "      \"quantity\": {\n"
    "        \"qualifier\": \"about\",\n"
    "        \"value\": 3\n"
    "      },\n"
    "      \"source\": \"000:L189\"\n"
    "    },\n"
    "    {\n"
    "      \"date\": \"2022-12-31\",\n"
    "      \"quantity\": {\n"
    "        \"qualifier\": \"text\",\n"
    "        \"text\": \"goed\"\n"
    "      }\n"
    "    }\n"
    "  ],\n"
    "  \"note\": \"The scale is not stated.\",\n"
    "  \"source\": \"000:L107\"\n"
    "}";

START_TEST(stored_indicators)
{
    itav_db *db = open_store(_i);
    itav_indicator *ind = haarlem_indicator(), *got;
    itav_indicator_iter *it;
    base_records(db);
    ck_assert_msg(itav_indicator_create(db, ind) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_indicator_get(&got, db, "zk-haarlem"), ITAV_OK);
    ck_assert_str_eq(itav_indicator_municipality(got), "Haarlem");
    ck_assert_str_eq(itav_indicator_target_text(got, 0), "minimaal 12");
    itav_indicator_free(got);
    /* measurements go in one at a time */
    ck_assert_msg(itav_indicator_measure(db, "zk-haarlem", D("2021-06-30"), "2021-H1",
                                         ITAV_QTY_EXACT, 5, 5, NULL, NULL) == ITAV_OK,
                  "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_indicator_measure(db, "zk-haarlem", D("2021-12-31"), "2021",
                                            ITAV_QTY_AT_LEAST, 12, 12, "minstens 12", "002:L133"),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_get(&got, db, "zk-haarlem"), ITAV_OK);
    ck_assert_uint_eq(itav_indicator_measurement_count(got), 2);
    ck_assert_str_eq(itav_indicator_measurement_period(got, 0), "2021-H1");
    itav_attainment v;
    ck_assert_int_eq(itav_indicator_attainment(&v, NULL, got, 0, D("2022-01-01")), ITAV_OK);
    ck_assert_int_eq(v, ITAV_ATTAIN_MET);
    /* update */
    ck_assert_int_eq(itav_indicator_set_note(got, "updated"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_update(db, got), ITAV_OK);
    itav_indicator_free(got);
    ck_assert_int_eq(itav_indicator_get(&got, db, "zk-haarlem"), ITAV_OK);
    ck_assert_str_eq(itav_indicator_note(got), "updated");
    itav_indicator_free(got);
    /* the canonical record, through the dataset format */
    char doc[4096];
    snprintf(doc, sizeof doc, "{\"format\": \"itav/1\", \"indicators\": [%s]}", canonical);
    ck_assert_msg(itav_import_json_string(db, doc, "doc") == ITAV_OK, "%s", itav_errmsg(db));
    char *text = export_text(db);
    char *at = strstr(text, "    {\n      \"id\": \"mix\"");
    ck_assert_ptr_nonnull(at);
    /* the same text, indented two more */
    char *want = malloc(2 * sizeof canonical + 64), *w = want;
    w += sprintf(w, "    ");
    for (const char *c = canonical; *c; c++) {
        *w++ = *c;
        if (*c == '\n')
            w += sprintf(w, "    ");
    }
    *w = '\0';
    ck_assert_msg(strncmp(at, want, strlen(want)) == 0, "export:\n%.1500s\nexpected:\n%s", at,
                  want);
    free(want);
    /* indicators come after the offers in an export */
    ck_assert_ptr_nonnull(strstr(text, "\"offers\": ["));
    ck_assert(strstr(text, "\"offers\": [") < strstr(text, "\"indicators\": ["));
    /* export, import elsewhere, export again: the same */
    itav_db *other = open_store((_i + 1) % STORE_COUNT);
    ck_assert_msg(itav_import_json_string(other, text, "copy") == ITAV_OK, "%s",
                  itav_errmsg(other));
    char *again = export_text(other);
    ck_assert_str_eq(text, again);
    itav_free(again);
    close_store(other);
    itav_free(text);
    /* listing, all and by offer, in id order */
    const char *ids[4] = {NULL};
    size_t n = 0;
    ck_assert_int_eq(itav_indicator_list(&it, db, NULL), ITAV_OK);
    while (n < 4 && itav_indicator_iter_next(&got, it) == ITAV_OK) {
        ids[n++] = strcmp(itav_indicator_id(got), "mix") == 0 ? "mix" : "zk-haarlem";
        itav_indicator_free(got);
    }
    itav_indicator_iter_free(it);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(ids[0], "mix");
    ck_assert_str_eq(ids[1], "zk-haarlem");
    ck_assert_int_eq(itav_indicator_list(&it, db, "bg-zk"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_iter_next(&got, it), ITAV_OK);
    ck_assert_str_eq(itav_indicator_id(got), "zk-haarlem");
    itav_indicator_free(got);
    ck_assert_int_eq(itav_indicator_iter_next(&got, it), ITAV_ITEROVER);
    itav_indicator_iter_free(it); /* frees what it did not hand out */
    ck_assert_int_eq(itav_indicator_list(&it, db, "bg-hw"), ITAV_OK);
    itav_indicator_iter_free(it);
    /* an offer with indicators stays until they are gone */
    ck_assert_int_eq(itav_offer_delete(db, "bg-zk"), ITAV_EINUSE);
    assert_msg(db, "indicator \"zk-haarlem\"");
    ck_assert_int_eq(itav_indicator_delete(db, "zk-haarlem"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_get(&got, db, "zk-haarlem"), ITAV_ENOTFOUND);
    assert_msg(db, "no indicator \"zk-haarlem\"");
    ck_assert_int_eq(itav_offer_delete(db, "bg-zk"), ITAV_OK);
    itav_indicator_free(ind);
    close_store(db);
}
END_TEST

/* Each failing call: its code, a message naming the place, and the store as it was. */
START_TEST(bad_input_changes_no_store)
{
    itav_db *db = open_store(_i);
    itav_indicator *ind = haarlem_indicator(), *stray;
    base_records(db);
    ck_assert_int_eq(itav_indicator_create(db, ind), ITAV_OK);
    ck_assert_int_eq(itav_indicator_measure(db, "zk-haarlem", D("2021-06-30"), NULL,
                                            ITAV_QTY_EXACT, 5, 5, NULL, NULL), ITAV_OK);
    char *before = export_text(db);
#define SAME()                                                                                    \
    do {                                                                                          \
        char *after = export_text(db);                                                            \
        ck_assert_str_eq(before, after);                                                          \
        itav_free(after);                                                                         \
    } while (0)
    ck_assert_int_eq(itav_indicator_measure(db, "zk-nowhere", D("2021-06-30"), NULL,
                                            ITAV_QTY_EXACT, 5, 5, NULL, NULL), ITAV_ENOTFOUND);
    assert_msg(db, "no indicator \"zk-nowhere\"");
    SAME();
    ck_assert_int_eq(itav_indicator_measure(db, "zk-haarlem", D("2021-06-30"), NULL,
                                            ITAV_QTY_EXACT, 6, 6, NULL, NULL), ITAV_EEXISTS);
    assert_msg(db, "indicator \"zk-haarlem\" already has a measurement of 2021-06-30");
    SAME();
    ck_assert_int_eq(itav_indicator_measure(db, "zk-haarlem", D("2021-07-31"), NULL,
                                            ITAV_QTY_EXACT, -1, -1, NULL, NULL), ITAV_ERANGE);
    assert_msg(db, "the measurement of 2021-07-31 (-1) is off the count scale (0 or more)");
    SAME();
    ck_assert_int_eq(itav_indicator_measure(db, "zk-haarlem", D("2021-07-31"), NULL,
                                            ITAV_QTY_RANGE, 9, 3, NULL, NULL), ITAV_EINVAL);
    assert_msg(db, "indicator \"zk-haarlem\": the measurement of 2021-07-31 is not valid");
    SAME();
    ck_assert_int_eq(itav_indicator_measure(db, "zk-haarlem", ITAV_DATE_NONE, NULL,
                                            ITAV_QTY_EXACT, 9, 9, NULL, NULL), ITAV_EINVAL);
    assert_msg(db, "needs a date");
    SAME();
    ck_assert_int_eq(itav_indicator_measure(db, NULL, D("2021-07-31"), NULL, ITAV_QTY_EXACT, 9,
                                            9, NULL, NULL), ITAV_EINVAL);
    assert_msg(db, "no indicator id");
    ck_assert_int_eq(itav_indicator_create(db, ind), ITAV_EEXISTS);
    assert_msg(db, "indicator \"zk-haarlem\" already exists");
    SAME();
    ck_assert_int_eq(itav_indicator_new(&stray, "stray", "bg-nowhere", ITAV_MEASURE_COUNT),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_create(db, stray), ITAV_ENOTFOUND);
    assert_msg(db, "indicator \"stray\": no offer \"bg-nowhere\"");
    SAME();
    ck_assert_int_eq(itav_indicator_update(db, stray), ITAV_ENOTFOUND);
    assert_msg(db, "no indicator \"stray\"");
    SAME();
    itav_indicator_free(stray);
    ck_assert_int_eq(itav_indicator_new(&stray, "zk-haarlem", "bg-nowhere", ITAV_MEASURE_COUNT),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_update(db, stray), ITAV_ENOTFOUND);
    assert_msg(db, "no offer \"bg-nowhere\"");
    SAME();
    itav_indicator_free(stray);
    ck_assert_int_eq(itav_indicator_delete(db, "stray"), ITAV_ENOTFOUND);
    assert_msg(db, "no indicator \"stray\"");
    SAME();
    ck_assert_int_eq(itav_indicator_create(db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_create(NULL, ind), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_get(NULL, db, "x"), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_list(NULL, db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_iter_next(NULL, NULL), ITAV_EINVAL);
    itav_indicator_iter_free(NULL);
    SAME();
#undef SAME
    itav_free(before);
    itav_indicator_free(ind);
    close_store(db);
}
END_TEST

/* Bad indicators in an import: each refused with its JSON path, nothing imported. */
START_TEST(bad_indicators_in_a_dataset)
{
    static const struct {
        const char *indicator, *message;
    } cases[] = {
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"colour\": 1}",
         "$.indicators[0].colour: unknown member \"colour\""},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\"}", "$.indicators[0]: required member \"type\""},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"tally\"}",
         "$.indicators[0].type: unknown value \"tally\""},
        {"{\"id\": \"a\", \"offer\": \"bg-nowhere\", \"type\": \"count\"}",
         "$.indicators[0].offer: no offer \"bg-nowhere\" in the file or the store"},
        {"{\"id\": \"zk-haarlem\", \"offer\": \"bg-zk\", \"type\": \"count\"}",
         "$.indicators[0].id: indicator \"zk-haarlem\" is already in the store"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"scale\": {\"low\": 0, "
         "\"high\": 5}}", "$.indicators[0].scale: only a rating has a scale of its own"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"rating\", \"scale\": {\"low\": 5, "
         "\"high\": 5}}", "$.indicators[0].scale: low 5 must be below high 5"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"percentage\", \"derived\": "
         "\"matches_started\"}", "$.indicators[0].derived: matches_started does not fit a "
         "percentage"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"municipality\": "
         "\"Haarlem\"}", "$.indicators[0].municipality: only a derived indicator"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"municipalities\": "
         "[\"Haarlem\", \"Zandvoort\"]}",
         "$.indicators[0].municipalities: only a derived indicator"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"derived\": "
         "\"matches_started\", \"municipality\": \"Haarlem\", \"municipalities\": "
         "[\"Haarlem\", \"Zandvoort\"]}", "$.indicators[0].municipalities: give either"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"derived\": "
         "\"matches_started\", \"municipalities\": [\"Haarlem\"]}",
         "$.indicators[0].municipalities: a single municipality goes in \"municipality\""},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"derived\": "
         "\"matches_started\", \"municipalities\": [\"Haarlem\", \"HAARLEM\"]}",
         "$.indicators[0].municipalities[1]: \"HAARLEM\" is in the list twice"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"derived\": "
         "\"matches_started\", \"municipalities\": [\"Haarlem\", \"\"]}",
         "$.indicators[0].municipalities[1]: must not be empty"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"percentage\", \"targets\": "
         "[{\"comparator\": \"at_least\", \"value\": 120, \"deadline\": \"2022-12-31\"}]}",
         "$.indicators[0].targets[0].value: target is off the indicator's scale"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"targets\": "
         "[{\"comparator\": \"between\", \"value\": 10, \"deadline\": \"2022-12-31\"}]}",
         "$.indicators[0].targets[0]: required member \"high\" is missing"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"targets\": "
         "[{\"comparator\": \"between\", \"value\": 10, \"high\": 5, \"deadline\": "
         "\"2022-12-31\"}]}", "$.indicators[0].targets[0].high: 5 is below the value 10"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"targets\": "
         "[{\"comparator\": \"at_least\", \"value\": 10, \"high\": 15, \"deadline\": "
         "\"2022-12-31\"}]}", "$.indicators[0].targets[0].high: only a \"between\" target"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"targets\": "
         "[{\"comparator\": \"more\", \"value\": 10, \"deadline\": \"2022-12-31\"}]}",
         "$.indicators[0].targets[0].comparator: unknown value \"more\" (expected one of: "
         "at_least, at_most, equal, between)"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"targets\": "
         "[{\"comparator\": \"at_least\", \"value\": 10, \"relative\": 1, \"deadline\": "
         "\"2022-12-31\"}]}", "$.indicators[0].targets[0].relative: expected true or false"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"measurements\": "
         "[{\"date\": \"2021-12-31\", \"quantity\": {\"qualifier\": \"exact\", \"value\": 1}}, "
         "{\"date\": \"2021-12-31\", \"quantity\": {\"qualifier\": \"exact\", \"value\": 2}}]}",
         "$.indicators[0].measurements[1].date: another measurement has the same date"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"measurements\": "
         "[{\"date\": \"2021-12-31\", \"quantity\": {\"qualifier\": \"exact\", \"value\": -1}}]}",
         "$.indicators[0].measurements[0].quantity: quantity is off the indicator's scale"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"measurements\": "
         "[{\"date\": \"2021-12-31\", \"quantity\": {\"qualifier\": \"range\", \"value\": 1}}]}",
         "$.indicators[0].measurements[0].quantity: qualifier \"range\" takes \"min\" and "
         "\"max\""},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"baseline\": "
         "{\"quantity\": {\"qualifier\": \"exact\", \"value\": 1}}}",
         "$.indicators[0].baseline: required member \"date\" is missing"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\", \"source\": \"L5\"}",
         "$.indicators[0].source: \"L5\" is not a source reference"},
        {"{\"id\": \"a\", \"offer\": \"bg-zk\", \"type\": \"count\"}, {\"id\": \"a\", "
         "\"offer\": \"bg-zk\", \"type\": \"count\"}",
         "$.indicators[1].id: duplicate id \"a\" (also at $.indicators[0])"},
    };
    itav_db *db = open_store(_i);
    itav_indicator *ind = haarlem_indicator();
    base_records(db);
    ck_assert_int_eq(itav_indicator_create(db, ind), ITAV_OK);
    itav_indicator_free(ind);
    char *before = export_text(db);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char doc[2048];
        snprintf(doc, sizeof doc, "{\"format\": \"itav/1\", \"indicators\": [%s]}",
                 cases[i].indicator);
        ck_assert_msg(itav_import_json_string(db, doc, "case") == ITAV_EFORMAT, "case %zu", i);
        ck_assert_msg(strstr(itav_errmsg(db), cases[i].message), "case %zu: %s", i,
                      itav_errmsg(db));
        char *after = export_text(db);
        ck_assert_str_eq(before, after);
        itav_free(after);
    }
    /* an indicator may name an offer of the same file */
    ck_assert_msg(itav_import_json_string(db,
        "{\"format\": \"itav/1\", \"offers\": [{\"id\": \"bg-new\", \"intervention\": \"bg\"}], "
        "\"indicators\": [{\"id\": \"new\", \"offer\": \"bg-new\", \"type\": \"count\"}]}",
        "same file") == ITAV_OK, "%s", itav_errmsg(db));
    itav_free(before);
    close_store(db);
}
END_TEST

/* ---- derived from the store ---- */

static void participant(itav_db *db, const char *ref, const char *offer, bool asking,
                        const char *municipality)
{
    char json[512];
    itav_participant *p;
    snprintf(json, sizeof json,
             "{\"ref\": \"%s\", \"offer\": \"%s\", \"kind\": \"%s\", \"status\": \"%s\", "
             "\"municipality\": \"%s\", \"registered\": \"2020-01-01\"}",
             ref, offer, asking ? "family" : "support_family", asking ? "waiting" : "available",
             municipality);
    ck_assert_msg(itav_participant_from_json(&p, db, json) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
}

static char *start(itav_db *db, const char *a, const char *s, const char *proposed,
                   const char *trial)
{
    char *id;
    ck_assert_msg(itav_match_propose(&id, db, a, s, D(proposed), ITAV_ACTOR_COORDINATOR, NULL,
                                     NULL) == ITAV_OK, "%s", itav_errmsg(db));
    if (trial) {
        ck_assert_int_eq(itav_match_advance(db, id, ITAV_MATCH_INTRODUCED, D(proposed),
                                            ITAV_ACTOR_COORDINATOR, 0, NULL), ITAV_OK);
        ck_assert_msg(itav_match_advance(db, id, ITAV_MATCH_TRIAL, D(trial),
                                         ITAV_ACTOR_COORDINATOR, 0, NULL) == ITAV_OK, "%s",
                      itav_errmsg(db));
    }
    return id;
}

/* Whether the match is in trial: these fixtures take trial -> active without evaluating the
 * trial (itav_match_skip_evaluation; a plan with a trial refuses it otherwise). */
static bool in_trial(itav_db *db, const char *id)
{
    itav_match *m;
    bool trial = itav_match_get(&m, db, id) == ITAV_OK &&
                 itav_match_get_state(m) == ITAV_MATCH_TRIAL;
    itav_match_free(m);
    return trial;
}

static void advance(itav_db *db, const char *id, itav_match_state to, const char *date,
                    itav_end_reason reason)
{
    int rc = to == ITAV_MATCH_ACTIVE && in_trial(db, id)
                 ? itav_match_skip_evaluation(db, id, D(date), ITAV_ACTOR_COORDINATOR,
                                              "not evaluated in this fixture")
                 : itav_match_advance(db, id, to, D(date), ITAV_ACTOR_COORDINATOR, reason, NULL);
    ck_assert_msg(rc == ITAV_OK, "%s", itav_errmsg(db));
}

static void review(itav_db *db, const char *match, itav_review_kind kind, const char *date,
                   itav_respondent who, int mark, itav_formal_help help)
{
    itav_review *r;
    ck_assert_int_eq(itav_review_new(&r, kind, D(date), who), ITAV_OK);
    ck_assert_int_eq(itav_review_set_satisfaction(r, mark), ITAV_OK);
    ck_assert_int_eq(itav_review_set_formal_help(r, help), ITAV_OK);
    ck_assert_msg(itav_review_add(NULL, db, match, r) == ITAV_OK, "%s", itav_errmsg(db));
    itav_review_free(r);
}

static void derive(itav_db *db, itav_derived what, const char *offer, const char *municipality,
                   const char *from, const char *to, double want, long want_basis)
{
    double v = -1;
    long basis = -1;
    ck_assert_msg(itav_indicator_derive(&v, &basis, db, what, offer, municipality,
                                        from ? D(from) : ITAV_DATE_NONE,
                                        to ? D(to) : ITAV_DATE_NONE) == ITAV_OK, "%s",
                  itav_errmsg(db));
    ck_assert_msg(isnan(want) ? isnan(v) : fabs(v - want) < 1e-9,
                  "%s %s %s %s..%s: %g, expected %g", itav_code_name(ITAV_CODE_DERIVED, what),
                  offer ? offer : "*", municipality ? municipality : "*", from ? from : "",
                  to ? to : "", v, want);
    ck_assert_int_eq(basis, want_basis);
}

/* Four matches in Zuid-Kennemerland and one elsewhere, with reviews; every expected figure
 * below is counted by hand from these lines. */
START_TEST(derived_from_matches_and_reviews)
{
    itav_db *db = open_store(_i);
    base_records(db);
    participant(db, "a1", "bg-zk", true, "Haarlem");
    participant(db, "a2", "bg-zk", true, "Haarlem");
    participant(db, "a3", "bg-zk", true, "Zandvoort");
    participant(db, "a4", "bg-zk", true, "Haarlem");
    participant(db, "a5", "bg-hw", true, "Haarlem");
    participant(db, "s1", "bg-zk", false, "Haarlem");
    participant(db, "s2", "bg-zk", false, "Haarlem");
    participant(db, "s3", "bg-zk", false, "Zandvoort");
    participant(db, "s4", "bg-zk", false, "Haarlem");
    participant(db, "s5", "bg-hw", false, "Haarlem");
    /* m1 (Haarlem): trial 2021-02-01, active, completed; m2 (Haarlem): trial 2021-05-01;
     * m3 (Zandvoort): trial 2021-03-01, active, ended early; m4 (Haarlem): only proposed;
     * m5 (other offer, Haarlem): trial 2021-02-01 */
    char *m1 = start(db, "a1", "s1", "2021-01-10", "2021-02-01");
    char *m2 = start(db, "a2", "s2", "2021-04-20", "2021-05-01");
    char *m3 = start(db, "a3", "s3", "2021-02-15", "2021-03-01");
    char *m4 = start(db, "a4", "s4", "2021-06-01", NULL);
    char *m5 = start(db, "a5", "s5", "2021-01-10", "2021-02-01");
    review(db, m1, ITAV_REVIEW_TRIAL, "2021-03-25", ITAV_RESPONDENT_ASKING, 8, 0);
    review(db, m1, ITAV_REVIEW_TRIAL, "2021-03-26", ITAV_RESPONDENT_SUPPORTING, 6, 0);
    advance(db, m1, ITAV_MATCH_ACTIVE, "2021-04-01", 0);
    review(db, m1, ITAV_REVIEW_PERIODIC, "2021-10-01", ITAV_RESPONDENT_ASKING, 9, 0);
    advance(db, m1, ITAV_MATCH_COMPLETED, "2021-12-01", 0);
    review(db, m1, ITAV_REVIEW_FINAL, "2021-12-15", ITAV_RESPONDENT_ASKING, 7,
           ITAV_HELP_PREVENTED);
    review(db, m1, ITAV_REVIEW_FINAL, "2021-12-16", ITAV_RESPONDENT_COORDINATOR, 0,
           ITAV_HELP_UNKNOWN);
    review(db, m3, ITAV_REVIEW_TRIAL, "2021-04-15", ITAV_RESPONDENT_ASKING, 5, 0);
    advance(db, m3, ITAV_MATCH_ACTIVE, "2021-05-01", 0);
    advance(db, m3, ITAV_MATCH_ENDED_EARLY, "2021-06-01", ITAV_END_PROFESSIONAL_HELP);
    review(db, m3, ITAV_REVIEW_FINAL, "2021-06-10", ITAV_RESPONDENT_COORDINATOR, 0,
           ITAV_HELP_REFERRED);
    review(db, m3, ITAV_REVIEW_FINAL, "2021-06-11", ITAV_RESPONDENT_ASKING, 0, 0);
    review(db, m5, ITAV_REVIEW_TRIAL, "2021-03-20", ITAV_RESPONDENT_ASKING, 2, 0);

    /* matches started: m1, m2, m3 in bg-zk (m4 never started), m5 elsewhere */
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", NULL, NULL, NULL, 3, 3);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, NULL, NULL, NULL, NULL, 4, 4);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", "Haarlem", NULL, NULL, 2, 2);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", "haarlem", NULL, NULL, 2, 2);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", "Zandvoort", NULL, NULL, 1, 1);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", "Heemstede", NULL, NULL, 0, 0);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, NULL, "Haarlem", NULL, NULL, 3, 3);
    /* period bounds are inclusive */
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", NULL, "2021-03-01", "2021-12-31", 2, 2);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", NULL, NULL, "2021-02-01", 1, 1);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", NULL, "2021-02-02", "2021-02-28", 0, 0);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", NULL, "2021-05-01", NULL, 1, 1);
    /* mean satisfaction: marks 8, 6, 9, 7 (m1) and 5 (m3) in bg-zk; 2 (m5) elsewhere */
    derive(db, ITAV_DERIVED_MEAN_SATISFACTION, "bg-zk", NULL, NULL, NULL, 35.0 / 5, 5);
    derive(db, ITAV_DERIVED_MEAN_SATISFACTION, NULL, NULL, NULL, NULL, 37.0 / 6, 6);
    derive(db, ITAV_DERIVED_MEAN_SATISFACTION, "bg-zk", "Haarlem", NULL, NULL, 7.5, 4);
    derive(db, ITAV_DERIVED_MEAN_SATISFACTION, "bg-zk", "Zandvoort", NULL, NULL, 5, 1);
    derive(db, ITAV_DERIVED_MEAN_SATISFACTION, "bg-zk", NULL, "2021-06-01", "2021-12-31", 8, 2);
    derive(db, ITAV_DERIVED_MEAN_SATISFACTION, "bg-zk", NULL, "2021-03-25", "2021-03-25", 8, 1);
    derive(db, ITAV_DERIVED_MEAN_SATISFACTION, "bg-zk", NULL, "2022-01-01", NULL, NAN, 0);
    /* formal help: final reviews with a known outcome are m1 prevented and m3 referred */
    derive(db, ITAV_DERIVED_FORMAL_HELP, "bg-zk", NULL, NULL, NULL, 50, 2);
    derive(db, ITAV_DERIVED_FORMAL_HELP, "bg-zk", "Haarlem", NULL, NULL, 100, 1);
    derive(db, ITAV_DERIVED_FORMAL_HELP, "bg-zk", "Zandvoort", NULL, NULL, 0, 1);
    derive(db, ITAV_DERIVED_FORMAL_HELP, "bg-zk", NULL, "2021-07-01", NULL, 100, 1);
    derive(db, ITAV_DERIVED_FORMAL_HELP, "bg-hw", NULL, NULL, NULL, NAN, 0);
    /* a joint target: Haarlem and Zandvoort counted together (m1, m2, m3), through an
     * indicator that names both, stored and read back */
    itav_indicator *joint, *got;
    ck_assert_int_eq(itav_indicator_new(&joint, "zk-joint", "bg-zk", ITAV_MEASURE_COUNT),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_municipality(joint, "Zandvoort"), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_set_derived(joint, ITAV_DERIVED_MATCHES_STARTED, "Haarlem"),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_municipality(joint, "Zandvoort"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_municipality(joint, "zandvoort"), ITAV_EEXISTS);
    ck_assert_int_eq(itav_indicator_add_municipality(joint, "HAARLEM"), ITAV_EEXISTS);
    ck_assert_int_eq(itav_indicator_add_municipality(joint, ""), ITAV_EINVAL);
    ck_assert_uint_eq(itav_indicator_municipality_count(joint), 2);
    ck_assert_str_eq(itav_indicator_municipality_at(joint, 0), "Haarlem");
    ck_assert_str_eq(itav_indicator_municipality_at(joint, 1), "Zandvoort");
    ck_assert_ptr_null(itav_indicator_municipality_at(joint, 2));
    ck_assert_msg(itav_indicator_create(db, joint) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_indicator_get(&got, db, "zk-joint"), ITAV_OK);
    ck_assert_uint_eq(itav_indicator_municipality_count(got), 2);
    ck_assert_str_eq(itav_indicator_municipality_at(got, 1), "Zandvoort");
    double jv = -1;
    long jb = -1;
    ck_assert_int_eq(itav_indicator_derive_for(&jv, &jb, db, got, ITAV_DATE_NONE,
                                               ITAV_DATE_NONE), ITAV_OK);
    ck_assert(jv == 3 && jb == 3);
    ck_assert_int_eq(itav_indicator_derive_for(&jv, &jb, db, got, D("2021-02-02"),
                                               ITAV_DATE_NONE), ITAV_OK);
    ck_assert(jv == 2 && jb == 2); /* m2 (Haarlem) and m3 (Zandvoort) */
    /* one municipality: as itav_indicator_derive() with it; set_derived drops the others */
    ck_assert_int_eq(itav_indicator_set_derived(got, ITAV_DERIVED_MATCHES_STARTED, "Zandvoort"),
                     ITAV_OK);
    ck_assert_uint_eq(itav_indicator_municipality_count(got), 1);
    ck_assert_int_eq(itav_indicator_derive_for(&jv, &jb, db, got, ITAV_DATE_NONE,
                                               ITAV_DATE_NONE), ITAV_OK);
    ck_assert(jv == 1 && jb == 1);
    ck_assert_int_eq(itav_indicator_set_derived(got, 0, NULL), ITAV_OK);
    ck_assert_uint_eq(itav_indicator_municipality_count(got), 0);
    ck_assert_int_eq(itav_indicator_derive_for(&jv, &jb, db, got, ITAV_DATE_NONE,
                                               ITAV_DATE_NONE), ITAV_EINVAL);
    assert_msg(db, "indicator \"zk-joint\" is not derived");
    ck_assert_int_eq(itav_indicator_derive_for(&jv, &jb, db, NULL, ITAV_DATE_NONE,
                                               ITAV_DATE_NONE), ITAV_EINVAL);
    itav_indicator_free(got);
    /* the JSON keeps the list: export, import elsewhere, export again gives the same bytes */
    char *json = NULL, *again = NULL;
    itav_db *other;
    ck_assert_int_eq(itav_export_json_string(&json, db), ITAV_OK);
    const char *at = strstr(json, "\"zk-joint\"");
    ck_assert_ptr_nonnull(at);
    ck_assert_ptr_nonnull(strstr(at, "\"municipalities\""));
    ck_assert_int_eq(itav_open(&other, "memory:"), ITAV_OK);
    ck_assert_msg(itav_import_json_string(other, json, "export") == ITAV_OK, "%s",
                  itav_errmsg(other));
    ck_assert_int_eq(itav_export_json_string(&again, other), ITAV_OK);
    ck_assert_str_eq(again, json);
    ck_assert_int_eq(itav_indicator_get(&got, other, "zk-joint"), ITAV_OK);
    ck_assert_uint_eq(itav_indicator_municipality_count(got), 2);
    itav_indicator_free(got);
    itav_close(other);
    itav_free(json);
    itav_free(again);
    itav_indicator_free(joint);
    /* an erased participant counts for no municipality, but still counts */
    char *erased = NULL;
    int rc = itav_participant_erase(db, "a3", &erased);
    ck_assert_msg(rc == ITAV_OK || (rc == ITAV_EIO && erased), "%s", itav_errmsg(db));
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", "Zandvoort", NULL, NULL, 0, 0);
    derive(db, ITAV_DERIVED_MATCHES_STARTED, "bg-zk", NULL, NULL, NULL, 3, 3);
    derive(db, ITAV_DERIVED_MEAN_SATISFACTION, "bg-zk", "Zandvoort", NULL, NULL, NAN, 0);
    derive(db, ITAV_DERIVED_MEAN_SATISFACTION, "bg-zk", NULL, NULL, NULL, 35.0 / 5, 5);
    itav_free(erased);
    /* bad arguments */
    double v;
    ck_assert_int_eq(itav_indicator_derive(&v, NULL, db, (itav_derived)0, NULL, NULL,
                                           ITAV_DATE_NONE, ITAV_DATE_NONE), ITAV_EINVAL);
    assert_msg(db, "unknown figure");
    ck_assert_int_eq(itav_indicator_derive(&v, NULL, db, ITAV_DERIVED_MATCHES_STARTED, NULL,
                                           NULL, D("2021-02-01"), D("2021-01-01")), ITAV_EINVAL);
    assert_msg(db, "the period starts after it ends");
    ck_assert_int_eq(itav_indicator_derive(NULL, NULL, db, ITAV_DERIVED_MATCHES_STARTED, NULL,
                                           NULL, ITAV_DATE_NONE, ITAV_DATE_NONE), ITAV_EINVAL);
    ck_assert_int_eq(itav_indicator_derive(&v, NULL, NULL, ITAV_DERIVED_MATCHES_STARTED, NULL,
                                           NULL, ITAV_DATE_NONE, ITAV_DATE_NONE), ITAV_EINVAL);
    itav_free(m1);
    itav_free(m2);
    itav_free(m3);
    itav_free(m4);
    itav_free(m5);
    close_store(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("indicator");
    TCase *tc = tcase_create("objects");
    tcase_add_test(tc, quantities_from_text);
    tcase_add_test(tc, attainment_table);
    tcase_add_test(tc, the_scale_bounds_the_interval);
    tcase_add_test(tc, dated_verdicts_follow_the_path);
    tcase_add_test(tc, equal_targets_travel_both_ways);
    tcase_add_test(tc, relative_targets_need_a_baseline);
    tcase_add_test(tc, object_fields_and_copies);
    tcase_add_test(tc, bad_input_to_the_object);
    suite_add_tcase(s, tc);
    TCase *ts = tcase_create("store");
    tcase_add_loop_test(ts, stored_indicators, 0, STORE_COUNT);
    tcase_add_loop_test(ts, bad_input_changes_no_store, 0, STORE_COUNT);
    tcase_add_loop_test(ts, bad_indicators_in_a_dataset, 0, STORE_COUNT);
    tcase_add_loop_test(ts, derived_from_matches_and_reviews, 0, STORE_COUNT);
    suite_add_tcase(s, ts);
    return run_suite(s);
}
