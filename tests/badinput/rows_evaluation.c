/* Rows for evaluation: reviews (review.h), indicators and quantities (indicator.h), element
 * portfolios (portfolio.h), recommendations (recommend.h) and reports (report.h). */
#include "families.h"

#include <stdint.h>
#include <string.h>

#define EINVAL_ E(ITAV_EINVAL)
#define ERANGE_ E(ITAV_ERANGE)
#define SIZE_HUGE ((long long)SIZE_MAX)
/* Dates (days since 1970-01-01) */
#define D1899 (-25568)      /* 1899-12-31 */
#define D10000 2932897      /* 10000-01-01 */
#define D2021_03 18687      /* 2021-03-01, before the fixture match's last move */
#define D2021_06_30 18808   /* the date of the fixture indicator's measurement */
#define D2022 19000         /* 2022-01-08 */

/* ---- reviews ---- */

#define RV P(0, fx_review(f))

ADAPT(itav_review_new)
{
    itav_review *out = NULL;
    int rc = itav_review_new(P(0, &out), (itav_review_kind)NUM(1, ITAV_REVIEW_FINAL),
                             (int32_t)NUM(2, D2022),
                             (itav_respondent)NUM(3, ITAV_RESPONDENT_SUPPORTING));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_review_free(out);
    return r_code(rc);
}
ADAPT(itav_review_free)
{
    itav_review_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_review_set_satisfaction)
{
    return r_code(itav_review_set_satisfaction(RV, (int)NUM(1, 5)));
}
ADAPT(itav_review_set_safety)
{
    return r_code(itav_review_set_safety(RV, (int)NUM(1, 1), TXT(2, "A worry.")));
}
ADAPT(itav_review_set_effect)
{
    return r_code(itav_review_set_effect(RV, (itav_effect)NUM(1, ITAV_EFFECT_NETWORK),
                                         (int)NUM(2, 2)));
}
ADAPT(itav_review_set_formal_help)
{
    return r_code(itav_review_set_formal_help(RV, (itav_formal_help)NUM(1, ITAV_HELP_REDUCED)));
}
ADAPT(itav_review_set_note) { return r_code(itav_review_set_note(RV, TXT(1, "Other."))); }
ADAPT(itav_review_id) { return r_ptr(itav_review_id(RV)); }
ADAPT(itav_review_match) { return r_ptr(itav_review_match(RV)); }
ADAPT(itav_review_get_kind) { return r_int(itav_review_get_kind(RV)); }
ADAPT(itav_review_date) { return r_int(itav_review_date(RV)); }
ADAPT(itav_review_respondent) { return r_int(itav_review_respondent(RV)); }
ADAPT(itav_review_satisfaction) { return r_int(itav_review_satisfaction(RV)); }
ADAPT(itav_review_safety_concern) { return r_int(itav_review_safety_concern(RV)); }
ADAPT(itav_review_safety_note) { return r_ptr(itav_review_safety_note(RV)); }
ADAPT(itav_review_effect)
{
    return r_int(itav_review_effect(RV, (itav_effect)NUM(1, ITAV_EFFECT_REST)));
}
ADAPT(itav_review_formal_help) { return r_int(itav_review_formal_help(RV)); }
ADAPT(itav_review_note) { return r_ptr(itav_review_note(RV)); }

/* n[3]: 1 a review dated before the match's last move, 2 a trial review of an active
 * match. */
ADAPT(itav_review_add)
{
    char *id = NULL;
    itav_review *v = NULL;
    if (NUM(3, 0) == 1)
        itav_review_new(&v, ITAV_REVIEW_PERIODIC, D2021_03, ITAV_RESPONDENT_ASKING);
    else if (NUM(3, 0) == 2)
        itav_review_new(&v, ITAV_REVIEW_TRIAL, D2022, ITAV_RESPONDENT_ASKING);
    int rc = itav_review_add(&id, DB(1), TXT(2, FX_MATCH), P(3, v ? v : fx_review(f)));
    if (rc != ITAV_OK && id)
        fx_fail(f, "*id set on failure");
    itav_free(id);
    itav_review_free(v);
    return r_code(rc);
}
ADAPT(itav_review_get)
{
    itav_review *out = NULL;
    int rc = itav_review_get(P(0, &out), DB(1), TXT(2, FX_REVIEW));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_review_free(out);
    return r_code(rc);
}
ADAPT(itav_review_list)
{
    itav_review_iter *it = NULL;
    int rc = itav_review_list(P(0, &it), DB(1), TXT(2, NULL), TXT(3, NULL));
    itav_review_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_review_iter_next)
{
    itav_review_iter *it = NULL;
    itav_review *v = NULL;
    if (!ISNUL(1) && itav_review_list(&it, fx_store(f), NULL, NULL) != ITAV_OK)
        fx_fail(f, "cannot list");
    int rc = itav_review_iter_next(P(0, &v), P(1, it));
    itav_review_free(v);
    itav_review_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_review_iter_free)
{
    itav_review_iter_free(P(0, NULL));
    return r_void();
}

/* ---- quantities ---- */

ADAPT(itav_quantity_parse)
{
    itav_qualifier q = (itav_qualifier)77;
    double lo = 77, hi = 77;
    return r_code(itav_quantity_parse(P(0, &q), P(1, &lo), P(2, &hi), TXT(3, "about 12")));
}
ADAPT(itav_quantity_verdict)
{
    return r_int(itav_quantity_verdict((itav_qualifier)NUM(0, ITAV_QTY_EXACT), DBL(1, 10),
                                       DBL(2, 10), (itav_comparator)NUM(3, ITAV_CMP_AT_LEAST),
                                       DBL(4, 5), DBL(5, 0)));
}

/* ---- indicators: the object ---- */

#define IND P(0, fx_indicator(f))

ADAPT(itav_indicator_new)
{
    itav_indicator *out = NULL;
    int rc = itav_indicator_new(P(0, &out), TXT(1, "new-ind"), TXT(2, FX_OFFER),
                                (itav_measure)NUM(3, ITAV_MEASURE_COUNT));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_indicator_free(out);
    return r_code(rc);
}
ADAPT(itav_indicator_dup)
{
    itav_indicator *out = NULL;
    int rc = itav_indicator_dup(P(0, &out), P(1, fx_indicator(f)));
    itav_indicator_free(out);
    return r_code(rc);
}
ADAPT(itav_indicator_free)
{
    itav_indicator_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_indicator_id) { return r_ptr(itav_indicator_id(IND)); }
ADAPT(itav_indicator_offer) { return r_ptr(itav_indicator_offer(IND)); }
ADAPT(itav_indicator_type) { return r_int(itav_indicator_type(IND)); }
ADAPT(itav_indicator_name) { return r_ptr(itav_indicator_name(IND)); }
ADAPT(itav_indicator_unit) { return r_ptr(itav_indicator_unit(IND)); }
ADAPT(itav_indicator_note) { return r_ptr(itav_indicator_note(IND)); }
ADAPT(itav_indicator_source) { return r_ptr(itav_indicator_source(IND)); }
ADAPT(itav_indicator_scale)
{
    double lo, hi;
    return r_code(itav_indicator_scale(IND, &lo, &hi));
}
ADAPT(itav_indicator_derived) { return r_int(itav_indicator_derived(IND)); }
ADAPT(itav_indicator_municipality) { return r_ptr(itav_indicator_municipality(IND)); }
ADAPT(itav_indicator_municipality_count)
{
    return r_size(itav_indicator_municipality_count(IND));
}
ADAPT(itav_indicator_municipality_at)
{
    return r_ptr(itav_indicator_municipality_at(IND, (size_t)NUM(1, 0)));
}
/* A count derived for Haarlem (n[2] = 0) or measured by hand (n[2] = 1), for the joint-target
 * functions; freed by the caller. */
static itav_indicator *joint_indicator(fx *f, const row *r)
{
    itav_indicator *ind = NULL;
    if (itav_indicator_new(&ind, "ind-joint", FX_OFFER, ITAV_MEASURE_COUNT) != ITAV_OK ||
        (!NUM(2, 0) &&
         itav_indicator_set_derived(ind, ITAV_DERIVED_MATCHES_STARTED, "Haarlem") != ITAV_OK))
        fx_fail(f, "cannot make the derived count");
    return ind;
}
ADAPT(itav_indicator_add_municipality)
{
    itav_indicator *ind = joint_indicator(f, r);
    int rc = itav_indicator_add_municipality(P(0, ind), TXT(1, "Zandvoort"));
    itav_indicator_free(ind);
    return r_code(rc);
}
ADAPT(itav_indicator_derive_for)
{
    double value;
    long basis;
    itav_indicator *ind = joint_indicator(f, r);
    int rc = itav_indicator_derive_for(P(0, &value), &basis, DB(2), P(3, ind),
                                       (int32_t)NUM(4, ITAV_DATE_NONE),
                                       (int32_t)NUM(5, ITAV_DATE_NONE));
    itav_indicator_free(ind);
    return r_code(rc);
}
ADAPT(itav_indicator_set_name) { return r_code(itav_indicator_set_name(IND, TXT(1, "Other"))); }
ADAPT(itav_indicator_set_unit) { return r_code(itav_indicator_set_unit(IND, TXT(1, "marks"))); }
ADAPT(itav_indicator_set_note) { return r_code(itav_indicator_set_note(IND, TXT(1, "Note."))); }
ADAPT(itav_indicator_set_source)
{
    return r_code(itav_indicator_set_source(IND, TXT(1, "000:L104")));
}
ADAPT(itav_indicator_set_scale)
{
    return r_code(itav_indicator_set_scale(IND, DBL(1, 0), DBL(2, 10)));
}
ADAPT(itav_indicator_set_derived)
{
    return r_code(itav_indicator_set_derived(
        IND, (itav_derived)NUM(1, ITAV_DERIVED_MEAN_SATISFACTION), TXT(2, "Haarlem")));
}
ADAPT(itav_indicator_set_baseline)
{
    return r_code(itav_indicator_set_baseline(IND, (int32_t)NUM(1, D2021_03),
                                              (itav_qualifier)NUM(2, ITAV_QTY_RANGE),
                                              DBL(3, 5), DBL(4, 6), TXT(5, "5 to 6"),
                                              TXT(6, "000:L5")));
}
ADAPT(itav_indicator_clear_baseline) { return r_code(itav_indicator_clear_baseline(IND)); }
ADAPT(itav_indicator_baseline)
{
    int32_t date;
    itav_qualifier q;
    double lo, hi;
    return r_code(itav_indicator_baseline(IND, &date, &q, &lo, &hi));
}
ADAPT(itav_indicator_baseline_text) { return r_ptr(itav_indicator_baseline_text(IND)); }
ADAPT(itav_indicator_baseline_source) { return r_ptr(itav_indicator_baseline_source(IND)); }
ADAPT(itav_indicator_add_target)
{
    return r_code(itav_indicator_add_target(IND, (itav_comparator)NUM(1, ITAV_CMP_BETWEEN),
                                            DBL(2, 6), DBL(3, 8), (int)NUM(4, 0),
                                            (int32_t)NUM(5, D2022), TXT(6, "6 to 8"),
                                            TXT(7, "000:L6")));
}
ADAPT(itav_indicator_remove_target)
{
    return r_code(itav_indicator_remove_target(IND, (size_t)NUM(1, 0)));
}
ADAPT(itav_indicator_target_count) { return r_size(itav_indicator_target_count(IND)); }
ADAPT(itav_indicator_target)
{
    itav_comparator cmp;
    double v, h;
    int rel;
    int32_t deadline;
    return r_code(itav_indicator_target(IND, (size_t)NUM(1, 0), &cmp, &v, &h, &rel, &deadline));
}
ADAPT(itav_indicator_target_text)
{
    return r_ptr(itav_indicator_target_text(IND, (size_t)NUM(1, 0)));
}
ADAPT(itav_indicator_target_source)
{
    return r_ptr(itav_indicator_target_source(IND, (size_t)NUM(1, 0)));
}
ADAPT(itav_indicator_add_measurement)
{
    return r_code(itav_indicator_add_measurement(
        IND, (int32_t)NUM(1, D2022), TXT(2, "2022"), (itav_qualifier)NUM(3, ITAV_QTY_AT_LEAST),
        DBL(4, 7), DBL(5, 7), TXT(6, "ruim 7"), TXT(7, "000:L7")));
}
ADAPT(itav_indicator_remove_measurement)
{
    return r_code(itav_indicator_remove_measurement(IND, (size_t)NUM(1, 0)));
}
ADAPT(itav_indicator_measurement_count) { return r_size(itav_indicator_measurement_count(IND)); }
ADAPT(itav_indicator_measurement)
{
    int32_t date;
    itav_qualifier q;
    double lo, hi;
    return r_code(itav_indicator_measurement(IND, (size_t)NUM(1, 0), &date, &q, &lo, &hi));
}
ADAPT(itav_indicator_measurement_period)
{
    return r_ptr(itav_indicator_measurement_period(IND, (size_t)NUM(1, 0)));
}
ADAPT(itav_indicator_measurement_text)
{
    return r_ptr(itav_indicator_measurement_text(IND, (size_t)NUM(1, 0)));
}
ADAPT(itav_indicator_measurement_source)
{
    return r_ptr(itav_indicator_measurement_source(IND, (size_t)NUM(1, 0)));
}
ADAPT(itav_indicator_attainment)
{
    itav_attainment verdict = (itav_attainment)77;
    char *why = NULL;
    int rc = itav_indicator_attainment(P(0, &verdict), &why, P(2, fx_indicator(f)),
                                       (size_t)NUM(3, 0), (int32_t)NUM(4, D2022));
    if (rc != ITAV_OK && why)
        fx_fail(f, "*why set on error");
    itav_free(why);
    return r_code(rc);
}
ADAPT(itav_indicator_attainment_lang)
{
    itav_attainment verdict = (itav_attainment)77;
    char *why = NULL;
    int rc = itav_indicator_attainment_lang(P(0, &verdict), &why, P(2, fx_indicator(f)),
                                            (size_t)NUM(3, 0), (int32_t)NUM(4, D2022),
                                            (itav_lang)NUM(5, ITAV_LANG_NL));
    if (rc != ITAV_OK && why)
        fx_fail(f, "*why set on error");
    itav_free(why);
    return r_code(rc);
}

/* ---- indicators: in a store ---- */

/* n[1]: 1 an id already stored, 2 a new indicator of an offer not in the store. */
static itav_indicator *indicator_variant(fx *f, const row *r)
{
    itav_indicator *v = NULL;
    if (NUM(1, 0) == 1)
        itav_indicator_new(&v, FX_IND, FX_OFFER, ITAV_MEASURE_COUNT);
    else if (NUM(1, 0) == 2)
        itav_indicator_new(&v, "ind-new", "no-such-offer", ITAV_MEASURE_COUNT);
    return v ? v : fx_indicator(f);
}
ADAPT(itav_indicator_create)
{
    itav_indicator *ind = indicator_variant(f, r);
    int rc = itav_indicator_create(DB(0), P(1, ind));
    if (ind != fx_indicator(f))
        itav_indicator_free(ind);
    return r_code(rc);
}
ADAPT(itav_indicator_update)
{
    itav_indicator *ind = indicator_variant(f, r);
    int rc = itav_indicator_update(DB(0), P(1, ind));
    if (ind != fx_indicator(f))
        itav_indicator_free(ind);
    return r_code(rc);
}
ADAPT(itav_indicator_delete)
{
    return r_code(itav_indicator_delete(DB(0), TXT(1, "no-such-indicator")));
}
ADAPT(itav_indicator_get)
{
    itav_indicator *out = NULL;
    int rc = itav_indicator_get(P(0, &out), DB(1), TXT(2, FX_IND));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_indicator_free(out);
    return r_code(rc);
}
ADAPT(itav_indicator_measure)
{
    return r_code(itav_indicator_measure(DB(0), TXT(1, FX_IND), (int32_t)NUM(2, D2022),
                                         TXT(3, "2022"), (itav_qualifier)NUM(4, ITAV_QTY_ABOUT),
                                         DBL(5, 55), DBL(6, 55), TXT(7, "zo'n 55"),
                                         TXT(8, "000:L8")));
}
ADAPT(itav_indicator_list)
{
    itav_indicator_iter *it = NULL;
    int rc = itav_indicator_list(P(0, &it), DB(1), TXT(2, NULL));
    itav_indicator_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_indicator_iter_next)
{
    itav_indicator_iter *it = NULL;
    itav_indicator *ind = NULL;
    if (!ISNUL(1) && itav_indicator_list(&it, fx_store(f), NULL) != ITAV_OK)
        fx_fail(f, "cannot list");
    int rc = itav_indicator_iter_next(P(0, &ind), P(1, it));
    itav_indicator_free(ind);
    itav_indicator_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_indicator_iter_free)
{
    itav_indicator_iter_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_indicator_derive)
{
    double value;
    long basis;
    return r_code(itav_indicator_derive(
        P(0, &value), &basis, DB(2), (itav_derived)NUM(3, ITAV_DERIVED_MATCHES_STARTED),
        TXT(4, FX_OFFER), TXT(5, NULL), (int32_t)NUM(6, ITAV_DATE_NONE),
        (int32_t)NUM(7, ITAV_DATE_NONE)));
}

/* ---- portfolios ---- */

/* n[2]: the filter's version; n[3]: its profile source; n[4]: 1 ids NULL with a count, 2 an
 * id not in the store, 3 an id that is not valid UTF-8. */
ADAPT(itav_portfolio_build)
{
    itav_portfolio *out = NULL;
    itav_portfolio_filter flt = ITAV_PORTFOLIO_FILTER_INIT;
    static const char *const unknown[] = {FX_IV, "no-such-iv"};
    static const char *const invalid[] = {"iv" U_FF};
    flt.version = (unsigned)NUM(2, ITAV_PORTFOLIO_FILTER_VERSION);
    flt.source = (itav_profile_source)NUM(3, 0);
    switch (NUM(4, 0)) {
    case 1: flt.ids = NULL, flt.id_count = 1; break;
    case 2: flt.ids = unknown, flt.id_count = 2; break;
    case 3: flt.ids = invalid, flt.id_count = 1; break;
    }
    int rc = itav_portfolio_build(P(0, &out), DB(1), P(2, &flt));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_portfolio_free(out);
    return r_code(rc);
}
ADAPT(itav_portfolio_free)
{
    itav_portfolio_free(P(0, NULL));
    return r_void();
}
#define PF P(0, fx_portfolio(f))
ADAPT(itav_portfolio_count) { return r_size(itav_portfolio_count(PF)); }
ADAPT(itav_portfolio_member) { return r_ptr(itav_portfolio_member(PF, (size_t)NUM(1, 0))); }
ADAPT(itav_portfolio_factor_count)
{
    return r_size(itav_portfolio_factor_count(PF, (itav_factor)NUM(1, ITAV_FACTOR_LONG_TERM)));
}
ADAPT(itav_portfolio_coverage)
{
    size_t present, known;
    return r_code(itav_portfolio_coverage(PF, (itav_element)NUM(1, 2), &present, &known));
}
ADAPT(itav_portfolio_cell)
{
    return r_size(itav_portfolio_cell(PF, (itav_setting)NUM(1, 1), (itav_scope)NUM(2, 1)));
}
ADAPT(itav_portfolio_flag_count)
{
    return r_size(itav_portfolio_flag_count(PF, (itav_portfolio_flag)NUM(1, 1)));
}
ADAPT(itav_portfolio_flagged)
{
    return r_ptr(itav_portfolio_flagged(PF, (itav_portfolio_flag)NUM(1, 1), (size_t)NUM(2, 0)));
}
ADAPT(itav_portfolio_to_json)
{
    char *out = NULL;
    int rc = itav_portfolio_to_json(P(0, &out), P(1, fx_portfolio(f)), NULL);
    itav_free(out);
    return r_code(rc);
}
/* n[1] = 1: an empty portfolio (no intervention runs in the municipality). */
ADAPT(itav_portfolio_svg)
{
    char *out = NULL;
    itav_portfolio *empty = NULL;
    if (NUM(1, 0) == 1) {
        itav_portfolio_filter flt = ITAV_PORTFOLIO_FILTER_INIT;
        flt.municipality = "Nowhere";
        itav_portfolio_build(&empty, fx_store(f), &flt);
    }
    int rc = itav_portfolio_svg(P(0, &out), P(1, empty ? empty : fx_portfolio(f)),
                                TXT(2, "A"), NULL, TXT(4, "B"));
    itav_free(out);
    itav_portfolio_free(empty);
    return r_code(rc);
}

/* ---- recommendations ---- */

/* n[2]: the question's version; n[3]: asker; n[4]: age; n[5]: needs; n[6]: channel. */
ADAPT(itav_recommend)
{
    itav_recommendation_iter *it = NULL;
    itav_question q = ITAV_QUESTION_INIT;
    q.version = (unsigned)NUM(2, ITAV_QUESTION_VERSION);
    q.asker = (itav_asker)NUM(3, ITAV_ASKER_PARENT);
    q.age_months = (int32_t)NUM(4, 24);
    q.needs = (unsigned)NUM(5, 0);
    q.channel = (itav_channel)NUM(6, 0);
    int rc = itav_recommend(P(0, &it), DB(1), P(2, &q));
    itav_recommendation_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_recommendation_iter_next)
{
    itav_recommendation_iter *it = NULL;
    itav_recommendation *rec = NULL;
    itav_question q = ITAV_QUESTION_INIT;
    q.asker = ITAV_ASKER_PARENT;
    if (!ISNUL(1) && itav_recommend(&it, fx_store(f), &q) != ITAV_OK)
        fx_fail(f, "cannot recommend");
    int rc = itav_recommendation_iter_next(P(0, &rec), P(1, it));
    itav_recommendation_free(rec);
    itav_recommendation_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_recommendation_iter_free)
{
    itav_recommendation_iter_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_recommendation_free)
{
    itav_recommendation_free(P(0, NULL));
    return r_void();
}
#define RC P(0, fx_recommendation(f))
ADAPT(itav_recommendation_intervention) { return r_ptr(itav_recommendation_intervention(RC)); }
ADAPT(itav_recommendation_offer) { return r_ptr(itav_recommendation_offer(RC)); }
ADAPT(itav_recommendation_tier) { return r_int(itav_recommendation_tier(RC)); }
ADAPT(itav_recommendation_covered) { return r_int(itav_recommendation_covered(RC)); }
ADAPT(itav_recommendation_why) { return r_ptr(itav_recommendation_why(RC)); }
ADAPT(itav_recommendation_placement) { return r_ptr(itav_recommendation_placement(RC)); }

/* ---- reports ---- */

/* n[4]: the options' version; n[5]: k; n[6]: as_of; n[7]: from; n[8]: to; n[9]: publish;
 * n[10]: protection; n[11]: method. */
ADAPT(itav_report_programme)
{
    itav_report *out = NULL;
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    o.version = (unsigned)NUM(4, ITAV_REPORT_OPTIONS_VERSION);
    o.k = (int)NUM(5, 5);
    o.as_of = (int32_t)NUM(6, ITAV_DATE_NONE);
    o.from = (int32_t)NUM(7, ITAV_DATE_NONE);
    o.to = (int32_t)NUM(8, ITAV_DATE_NONE);
    o.publish = (int)NUM(9, 0);
    o.protection = (int)NUM(10, 0);
    o.method = (int)NUM(11, ITAV_REPORT_SUPPRESS);
    int rc = itav_report_programme(P(0, &out), DB(1), TXT(2, FX_OFFER), P(3, &o));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_report_free(out);
    return r_code(rc);
}
ADAPT(itav_report_free)
{
    itav_report_free(P(0, NULL));
    return r_void();
}
#define RP P(0, fx_report(f))
ADAPT(itav_report_write)
{
    char *out = NULL;
    int rc = itav_report_write(P(0, &out), P(1, fx_report(f)),
                               (itav_report_format)NUM(2, ITAV_REPORT_JSON));
    itav_free(out);
    return r_code(rc);
}
ADAPT(itav_report_write_lang)
{
    char *out = NULL;
    int rc = itav_report_write_lang(P(0, &out), P(1, fx_report(f)),
                                    (itav_report_format)NUM(2, ITAV_REPORT_MARKDOWN),
                                    (itav_lang)NUM(3, ITAV_LANG_NL));
    itav_free(out);
    return r_code(rc);
}
ADAPT(itav_report_title) { return r_ptr(itav_report_title(RP)); }
ADAPT(itav_report_table_count) { return r_size(itav_report_table_count(RP)); }
ADAPT(itav_report_table_name) { return r_ptr(itav_report_table_name(RP, (size_t)NUM(1, 0))); }
ADAPT(itav_report_table_find)
{
    return r_size(itav_report_table_find(RP, TXT(1, "reach")));
}
ADAPT(itav_report_column_count)
{
    return r_size(itav_report_column_count(RP, (size_t)NUM(1, 0)));
}
ADAPT(itav_report_column)
{
    return r_ptr(itav_report_column(RP, (size_t)NUM(1, 0), (size_t)NUM(2, 0)));
}
ADAPT(itav_report_row_count) { return r_size(itav_report_row_count(RP, (size_t)NUM(1, 0))); }
ADAPT(itav_report_cell)
{
    return r_ptr(itav_report_cell(RP, (size_t)NUM(1, 0), (size_t)NUM(2, 0), (size_t)NUM(3, 0)));
}
/* the matches_by_state table: row 0 is "proposed", column 1 its count */
ADAPT(itav_report_cell_value)
{
    double v = 77;
    itav_report *rep = ISNUL(1) ? NULL : fx_report(f);
    size_t t = rep ? itav_report_table_find(rep, "matches_by_state") : 0;
    int rc = itav_report_cell_value(P(0, &v), rep, (size_t)NUM(2, t), (size_t)NUM(3, 0),
                                    (size_t)NUM(4, 1));
    if (rc != ITAV_OK && v != 77)
        fx_fail(f, "*value changed on error");
    return r_code(rc);
}
/* n[4], n[5], n[6]: the cell's table, row and column (the first hidden one by default). */
ADAPT(itav_report_cell_audit)
{
    int safe = 7;
    int64_t low = 77, high = 77;
    itav_report *rep = ISNUL(3) ? NULL : fx_report(f);
    size_t t = rep ? itav_report_table_find(rep, "matches_by_state") : 0;
    int rc = itav_report_cell_audit(P(0, &safe), P(1, &low), P(2, &high), rep,
                                    (size_t)NUM(4, t), (size_t)NUM(5, 0), (size_t)NUM(6, 1));
    if (rc != ITAV_OK && (safe != 7 || low != 77 || high != 77))
        fx_fail(f, "outputs changed on error");
    return r_code(rc);
}
ADAPT(itav_report_audit_passed)
{
    return r_int(itav_report_audit_passed(P(0, NULL)));
}
ADAPT(itav_report_perturbed)
{
    return r_int(itav_report_perturbed(P(0, NULL)));
}
ADAPT(itav_report_cell_hidden)
{
    return r_int(itav_report_cell_hidden(RP, (size_t)NUM(1, 0), (size_t)NUM(2, 0),
                                         (size_t)NUM(3, 0)));
}
ADAPT(itav_report_cell_suppressed)
{
    return r_int(itav_report_cell_suppressed(RP, (size_t)NUM(1, 0), (size_t)NUM(2, 0),
                                             (size_t)NUM(3, 0)));
}

/* ---- releases (the fixture report is not made for publication, so none is recorded) ---- */

ADAPT(itav_release_record)
{
    char *id = NULL;
    itav_report *rep = ISNUL(2) ? NULL : fx_report(f);
    int rc = itav_release_record(P(0, &id), DB(1), rep);
    if (rc != ITAV_OK && id)
        fx_fail(f, "*id set on error");
    itav_free(id);
    return r_code(rc);
}
ADAPT(itav_release_get)
{
    itav_release *rl = NULL;
    int rc = itav_release_get(P(0, &rl), DB(1), TXT(2, "rel-00000001"));
    if (rc != ITAV_OK && rl)
        fx_fail(f, "*out set on error");
    itav_release_free(rl);
    return r_code(rc);
}
ADAPT(itav_release_remove)
{
    return r_code(itav_release_remove(DB(0), TXT(1, "rel-00000001")));
}
ADAPT(itav_release_list)
{
    itav_release_iter *it = NULL;
    int rc = itav_release_list(P(0, &it), DB(1), TXT(2, NULL));
    itav_release_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_release_iter_next)
{
    itav_release_iter *it = NULL;
    itav_release *rl = NULL;
    if (!ISNUL(1) && itav_release_list(&it, fx_store(f), NULL) != ITAV_OK)
        fx_fail(f, "cannot list");
    int rc = itav_release_iter_next(P(0, &rl), P(1, it));
    itav_release_free(rl);
    itav_release_iter_free(it);
    return r_code(rc);
}
ADAPT(itav_release_iter_free)
{
    itav_release_iter_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_release_free)
{
    itav_release_free(P(0, NULL));
    return r_void();
}
/* The getters of a release: the rows give them none (the fixture store has no release). */
ADAPT(itav_release_id) { return r_ptr(itav_release_id(P(0, NULL))); }
ADAPT(itav_release_offer) { return r_ptr(itav_release_offer(P(0, NULL))); }
ADAPT(itav_release_member_count) { return r_size(itav_release_member_count(P(0, NULL))); }
ADAPT(itav_release_member)
{
    return r_ptr(itav_release_member(P(0, NULL), (size_t)NUM(1, 0)));
}
ADAPT(itav_release_cell_count) { return r_size(itav_release_cell_count(P(0, NULL))); }
ADAPT(itav_release_method) { return r_int(itav_release_method(P(0, NULL))); }
ADAPT(itav_release_parameters)
{
    int32_t from = 7, to = 7;
    int k = 7, protection = 7;
    int rc = itav_release_parameters(P(0, &from), P(1, &to), P(2, &k), P(3, &protection),
                                     P(4, NULL));
    if (rc != ITAV_OK && (from != 7 || to != 7 || k != 7 || protection != 7))
        fx_fail(f, "outputs changed on error");
    return r_code(rc);
}
ADAPT(itav_release_cell)
{
    const char *t = NULL, *rw = NULL, *c = NULL;
    int64_t v = 7;
    int h = 7;
    int rc = itav_release_cell(P(0, &t), P(1, &rw), P(2, &c), P(3, &v), P(4, &h), P(5, NULL),
                               (size_t)NUM(6, 0));
    if (rc != ITAV_OK && (t || rw || c || v != 7 || h != 7))
        fx_fail(f, "outputs changed on error");
    return r_code(rc);
}

static const row rows[] = {
    /* reviews: the object */
    R(itav_review_new, "NULL out", EINVAL_, NUL(0)),
    BAD_ENUM(itav_review_new, 1, "kind", ITAV_REVIEW_FINAL, EINVAL_),
    R(itav_review_new, "kind 0", EINVAL_, I(1, 0)),
    R(itav_review_new, "ITAV_DATE_NONE", EINVAL_, I(2, ITAV_DATE_NONE)),
    R(itav_review_new, "a date in 1899", EINVAL_, I(2, D1899)),
    R(itav_review_new, "a date in year 10000", EINVAL_, I(2, D10000)),
    BAD_ENUM(itav_review_new, 3, "respondent", ITAV_RESPONDENT_COORDINATOR, EINVAL_),
    R(itav_review_new, "respondent 0", EINVAL_, I(3, 0)),
    R(itav_review_free, "NULL", RVOID, NUL(0)),
    R(itav_review_set_satisfaction, "NULL review", EINVAL_, NUL(0)),
    R(itav_review_set_satisfaction, "mark 11", ERANGE_, I(1, 11)),
    R(itav_review_set_satisfaction, "mark -1", ERANGE_, I(1, -1)),
    R(itav_review_set_satisfaction, "mark INT_MAX", ERANGE_, I(1, INT_MAX)),
    R(itav_review_set_satisfaction, "mark INT_MIN", ERANGE_, I(1, INT_MIN)),
    R(itav_review_set_safety, "NULL review", EINVAL_, NUL(0)),
    R(itav_review_set_safety, "concern 2", EINVAL_, I(1, 2)),
    R(itav_review_set_safety, "concern -1", EINVAL_, I(1, -1)),
    R(itav_review_set_safety, "a note without a concern", EINVAL_, I(1, 0)),
    BAD_TEXT(itav_review_set_safety, 2, "note", EINVAL_),
    R(itav_review_set_effect, "NULL review", EINVAL_, NUL(0)),
    BAD_ENUM(itav_review_set_effect, 1, "effect", ITAV_EFFECT_TAKING_PART, EINVAL_),
    R(itav_review_set_effect, "effect 0", EINVAL_, I(1, 0)),
    R(itav_review_set_effect, "score 3", ERANGE_, I(2, 3)),
    R(itav_review_set_effect, "score -3", ERANGE_, I(2, -3)),
    R(itav_review_set_effect, "score -127", ERANGE_, I(2, -127)),
    R(itav_review_set_effect, "score INT_MAX", ERANGE_, I(2, INT_MAX)),
    R(itav_review_set_effect, "score INT_MIN", ERANGE_, I(2, INT_MIN)),
    R(itav_review_set_formal_help, "NULL review", EINVAL_, NUL(0)),
    BAD_ENUM(itav_review_set_formal_help, 1, "outcome", ITAV_HELP_UNKNOWN, EINVAL_),
    R(itav_review_set_note, "NULL review", EINVAL_, NUL(0)),
    BAD_TEXT(itav_review_set_note, 1, "note", EINVAL_),
    R(itav_review_id, "NULL review", RNULL, NUL(0)),
    R(itav_review_id, "a review not stored", RNULL),
    R(itav_review_match, "NULL review", RNULL, NUL(0)),
    R(itav_review_match, "a review not stored", RNULL),
    R(itav_review_get_kind, "NULL review", RET(0), NUL(0)),
    R(itav_review_date, "NULL review", RET(ITAV_DATE_NONE), NUL(0)),
    R(itav_review_respondent, "NULL review", RET(0), NUL(0)),
    R(itav_review_satisfaction, "NULL review", RET(0), NUL(0)),
    R(itav_review_safety_concern, "NULL review", RET(0), NUL(0)),
    R(itav_review_safety_note, "NULL review", RNULL, NUL(0)),
    R(itav_review_effect, "NULL review", RET(ITAV_EFFECT_UNKNOWN), NUL(0)),
    BAD_ENUM(itav_review_effect, 1, "effect", ITAV_EFFECT_TAKING_PART, RET(ITAV_EFFECT_UNKNOWN)),
    R(itav_review_effect, "effect 0", RET(ITAV_EFFECT_UNKNOWN), I(1, 0)),
    R(itav_review_formal_help, "NULL review", RET(0), NUL(0)),
    R(itav_review_note, "NULL review", RNULL, NUL(0)),

    /* reviews: in a store */
    R(itav_review_add, "NULL db", EINVAL_, NUL(1)),
    R(itav_review_add, "NULL match", EINVAL_, NUL(2), M("no match id")),
    R(itav_review_add, "NULL review", EINVAL_, NUL(3), M("no review")),
    BAD_ID(itav_review_add, 2, "match id", E(ITAV_ENOTFOUND), M("no match \"")),
    R(itav_review_add, "dated before the match's last move", ERANGE_, I(3, 1),
      M("2021-03-01 is before the match's last move on 2021-04-11")),
    R(itav_review_add, "a trial review of an active match", E(ITAV_ESTATE), I(3, 2),
      M("a trial review is only taken by a match that is trial")),
    R(itav_review_get, "NULL out", EINVAL_, NUL(0), M("no place for the review")),
    R(itav_review_get, "NULL db", EINVAL_, NUL(1)),
    R(itav_review_get, "NULL id", EINVAL_, NUL(2), M("no review id")),
    BAD_ID(itav_review_get, 2, "id", E(ITAV_ENOTFOUND), M("no review \"")),
    R(itav_review_list, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_review_list, "NULL db", EINVAL_, NUL(1)),
    R(itav_review_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_review_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_review_iter_free, "NULL", RVOID, NUL(0)),

    /* quantities */
    R(itav_quantity_parse, "NULL qualifier", EINVAL_, NUL(0)),
    R(itav_quantity_parse, "NULL min", EINVAL_, NUL(1)),
    R(itav_quantity_parse, "NULL max", EINVAL_, NUL(2)),
    R(itav_quantity_parse, "NULL text", EINVAL_, NUL(3)),
    R(itav_quantity_parse, "empty text", EINVAL_, S(3, "")),
    R(itav_quantity_parse, "only spaces", EINVAL_, S(3, "   ")),
    R(itav_quantity_parse, "a word", EINVAL_, S(3, "honderden")),
    R(itav_quantity_parse, "a number and junk", EINVAL_, S(3, "12abc")),
    R(itav_quantity_parse, "a decimal comma", EINVAL_, S(3, "12,5")),
    R(itav_quantity_parse, "a range backwards", EINVAL_, S(3, "9..3")),
    R(itav_quantity_parse, "a range with a missing end", EINVAL_, S(3, "5..")),
    R(itav_quantity_parse, "a qualifier without a number", EINVAL_, S(3, "about")),
    R(itav_quantity_parse, "a comparison without a number", EINVAL_, S(3, ">=")),
    R(itav_quantity_parse, "nan", EINVAL_, S(3, "nan")),
    R(itav_quantity_parse, "inf", EINVAL_, S(3, "inf")),
    R(itav_quantity_parse, "1e999 (not finite)", EINVAL_, S(3, "1e999")),
    R(itav_quantity_parse, "hexadecimal", EINVAL_, S(3, "0x10")),
    R(itav_quantity_parse, "a control character", EINVAL_, S(3, "12\x01")),
    BAD_TEXT(itav_quantity_parse, 3, "text", EINVAL_),
    BAD_ENUM(itav_quantity_verdict, 0, "qualifier", ITAV_QTY_ABOUT_RANGE, RET(ITAV_ATTAIN_UNKNOWN)),
    R(itav_quantity_verdict, "qualifier 0", RET(ITAV_ATTAIN_UNKNOWN), I(0, 0)),
    BAD_ENUM(itav_quantity_verdict, 3, "comparator", ITAV_CMP_BETWEEN, RET(ITAV_ATTAIN_UNKNOWN)),
    R(itav_quantity_verdict, "comparator 0", RET(ITAV_ATTAIN_UNKNOWN), I(3, 0)),
    R(itav_quantity_verdict, "min NaN", RET(ITAV_ATTAIN_UNKNOWN), F(1, NAN)),
    R(itav_quantity_verdict, "target NaN", RET(ITAV_ATTAIN_UNKNOWN), F(4, NAN)),
    R(itav_quantity_verdict, "a range backwards", RET(ITAV_ATTAIN_UNKNOWN),
      I(0, ITAV_QTY_RANGE), F(1, 9), F(2, 3)),
    R(itav_quantity_verdict, "between with high below value", RET(ITAV_ATTAIN_UNKNOWN),
      I(3, ITAV_CMP_BETWEEN), F(4, 9), F(5, 3)),

    /* indicators: the object */
    R(itav_indicator_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_indicator_new, "NULL id", EINVAL_, NUL(1)),
    R(itav_indicator_new, "NULL offer", EINVAL_, NUL(2)),
    BAD_ID(itav_indicator_new, 1, "id", EINVAL_),
    BAD_ID(itav_indicator_new, 2, "offer id", EINVAL_),
    BAD_ENUM(itav_indicator_new, 3, "type", ITAV_MEASURE_CHANGE, EINVAL_),
    R(itav_indicator_new, "type 0", EINVAL_, I(3, 0)),
    R(itav_indicator_dup, "NULL out", EINVAL_, NUL(0)),
    R(itav_indicator_dup, "NULL indicator", EINVAL_, NUL(1)),
    R(itav_indicator_free, "NULL", RVOID, NUL(0)),
    R(itav_indicator_id, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_offer, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_type, "NULL indicator", RET(0), NUL(0)),
    R(itav_indicator_name, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_unit, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_note, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_source, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_scale, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_derived, "NULL indicator", RET(0), NUL(0)),
    R(itav_indicator_municipality, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_municipality_count, "NULL indicator", RET(0), NUL(0)),
    R(itav_indicator_municipality_at, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_municipality_at, "index past the end", RNULL, I(1, 0)),
    R(itav_indicator_add_municipality, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_add_municipality, "NULL municipality", EINVAL_, NUL(1)),
    R(itav_indicator_add_municipality, "empty municipality", EINVAL_, S(1, "")),
    R(itav_indicator_add_municipality, "the first municipality again", E(ITAV_EEXISTS),
      S(1, "HAARLEM")),
    R(itav_indicator_add_municipality, "an indicator measured by hand", EINVAL_, I(2, 1)),
    BAD_TEXT(itav_indicator_add_municipality, 1, "municipality", EINVAL_),
    R(itav_indicator_set_name, "NULL indicator", EINVAL_, NUL(0)),
    BAD_TEXT(itav_indicator_set_name, 1, "name", EINVAL_),
    R(itav_indicator_set_unit, "NULL indicator", EINVAL_, NUL(0)),
    BAD_TEXT(itav_indicator_set_unit, 1, "unit", EINVAL_),
    R(itav_indicator_set_note, "NULL indicator", EINVAL_, NUL(0)),
    BAD_TEXT(itav_indicator_set_note, 1, "note", EINVAL_),
    R(itav_indicator_set_source, "NULL indicator", EINVAL_, NUL(0)),
    BAD_SOURCE(itav_indicator_set_source, 1, EINVAL_),
    R(itav_indicator_set_scale, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_set_scale, "low equal to high", EINVAL_, F(1, 5), F(2, 5)),
    R(itav_indicator_set_scale, "low above high", EINVAL_, F(1, 10), F(2, 1)),
    R(itav_indicator_set_scale, "low NaN", EINVAL_, F(1, NAN)),
    R(itav_indicator_set_scale, "high infinite", EINVAL_, F(2, INFINITY)),
    R(itav_indicator_set_scale, "a scale the baseline falls off", ERANGE_, F(1, 7), F(2, 10)),
    R(itav_indicator_set_derived, "NULL indicator", EINVAL_, NUL(0)),
    BAD_ENUM(itav_indicator_set_derived, 1, "figure", ITAV_DERIVED_FORMAL_HELP, EINVAL_),
    R(itav_indicator_set_derived, "matches started for a rating", EINVAL_,
      I(1, ITAV_DERIVED_MATCHES_STARTED)),
    R(itav_indicator_set_derived, "formal help for a rating", EINVAL_,
      I(1, ITAV_DERIVED_FORMAL_HELP)),
    BAD_TEXT(itav_indicator_set_derived, 2, "municipality", EINVAL_),
    R(itav_indicator_set_baseline, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_set_baseline, "ITAV_DATE_NONE", EINVAL_, I(1, ITAV_DATE_NONE)),
    R(itav_indicator_set_baseline, "a date in year 10000", EINVAL_, I(1, D10000)),
    BAD_ENUM(itav_indicator_set_baseline, 2, "qualifier", ITAV_QTY_ABOUT_RANGE, EINVAL_),
    R(itav_indicator_set_baseline, "qualifier 0", EINVAL_, I(2, 0)),
    R(itav_indicator_set_baseline, "a range backwards", EINVAL_, F(3, 6), F(4, 5)),
    R(itav_indicator_set_baseline, "min NaN", EINVAL_, F(3, NAN)),
    R(itav_indicator_set_baseline, "max infinite", EINVAL_, F(4, INFINITY)),
    R(itav_indicator_set_baseline, "text qualifier without text", EINVAL_,
      I(2, ITAV_QTY_TEXT), NUL(5)),
    R(itav_indicator_set_baseline, "off the 1-10 scale", ERANGE_, F(3, 11), F(4, 12)),
    BAD_TEXT(itav_indicator_set_baseline, 5, "text", EINVAL_),
    BAD_SOURCE(itav_indicator_set_baseline, 6, EINVAL_),
    R(itav_indicator_clear_baseline, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_baseline, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_baseline_text, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_baseline_source, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_add_target, "NULL indicator", EINVAL_, NUL(0)),
    BAD_ENUM(itav_indicator_add_target, 1, "comparator", ITAV_CMP_BETWEEN, EINVAL_),
    R(itav_indicator_add_target, "comparator 0", EINVAL_, I(1, 0)),
    R(itav_indicator_add_target, "value NaN", EINVAL_, F(2, NAN)),
    R(itav_indicator_add_target, "high infinite", EINVAL_, F(3, INFINITY)),
    R(itav_indicator_add_target, "between with high below value", EINVAL_, F(2, 8), F(3, 6)),
    R(itav_indicator_add_target, "relative 2", EINVAL_, I(4, 2)),
    R(itav_indicator_add_target, "relative -1", EINVAL_, I(4, -1)),
    R(itav_indicator_add_target, "ITAV_DATE_NONE", EINVAL_, I(5, ITAV_DATE_NONE)),
    R(itav_indicator_add_target, "a deadline in 1899", EINVAL_, I(5, D1899)),
    R(itav_indicator_add_target, "off the 1-10 scale", ERANGE_, I(1, ITAV_CMP_AT_LEAST),
      F(2, 11)),
    BAD_TEXT(itav_indicator_add_target, 6, "text", EINVAL_),
    BAD_SOURCE(itav_indicator_add_target, 7, EINVAL_),
    R(itav_indicator_remove_target, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_remove_target, "index past the end", ERANGE_, I(1, 1)),
    R(itav_indicator_remove_target, "index SIZE_MAX", ERANGE_, I(1, SIZE_HUGE)),
    R(itav_indicator_target_count, "NULL indicator", RSIZE(0), NUL(0)),
    R(itav_indicator_target, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_target, "index past the end", ERANGE_, I(1, 1)),
    R(itav_indicator_target, "index SIZE_MAX", ERANGE_, I(1, SIZE_HUGE)),
    R(itav_indicator_target_text, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_target_text, "index past the end", RNULL, I(1, 1)),
    R(itav_indicator_target_source, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_target_source, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_indicator_add_measurement, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_add_measurement, "ITAV_DATE_NONE", EINVAL_, I(1, ITAV_DATE_NONE)),
    R(itav_indicator_add_measurement, "a date in year 10000", EINVAL_, I(1, D10000)),
    BAD_TEXT(itav_indicator_add_measurement, 2, "period", EINVAL_),
    BAD_ENUM(itav_indicator_add_measurement, 3, "qualifier", ITAV_QTY_ABOUT_RANGE, EINVAL_),
    R(itav_indicator_add_measurement, "min NaN", EINVAL_, F(4, NAN)),
    R(itav_indicator_add_measurement, "off the 1-10 scale", ERANGE_, F(4, 0), F(5, 0)),
    R(itav_indicator_add_measurement, "a date that has one", E(ITAV_EEXISTS),
      I(1, D2021_06_30)),
    BAD_TEXT(itav_indicator_add_measurement, 6, "text", EINVAL_),
    BAD_SOURCE(itav_indicator_add_measurement, 7, EINVAL_),
    R(itav_indicator_remove_measurement, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_remove_measurement, "index past the end", ERANGE_, I(1, 1)),
    R(itav_indicator_remove_measurement, "index SIZE_MAX", ERANGE_, I(1, SIZE_HUGE)),
    R(itav_indicator_measurement_count, "NULL indicator", RSIZE(0), NUL(0)),
    R(itav_indicator_measurement, "NULL indicator", EINVAL_, NUL(0)),
    R(itav_indicator_measurement, "index past the end", ERANGE_, I(1, 1)),
    R(itav_indicator_measurement, "index SIZE_MAX", ERANGE_, I(1, SIZE_HUGE)),
    R(itav_indicator_measurement_period, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_measurement_period, "index past the end", RNULL, I(1, 1)),
    R(itav_indicator_measurement_text, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_measurement_text, "index past the end", RNULL, I(1, 1)),
    R(itav_indicator_measurement_source, "NULL indicator", RNULL, NUL(0)),
    R(itav_indicator_measurement_source, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_indicator_attainment, "NULL verdict", EINVAL_, NUL(0)),
    R(itav_indicator_attainment, "NULL indicator", EINVAL_, NUL(2)),
    R(itav_indicator_attainment, "target past the end", ERANGE_, I(3, 1)),
    R(itav_indicator_attainment, "target SIZE_MAX", ERANGE_, I(3, SIZE_HUGE)),
    R(itav_indicator_attainment, "ITAV_DATE_NONE", EINVAL_, I(4, ITAV_DATE_NONE)),
    R(itav_indicator_attainment_lang, "NULL verdict", EINVAL_, NUL(0)),
    R(itav_indicator_attainment_lang, "NULL indicator", EINVAL_, NUL(2)),
    R(itav_indicator_attainment_lang, "target past the end", ERANGE_, I(3, 1)),
    R(itav_indicator_attainment_lang, "ITAV_DATE_NONE", EINVAL_, I(4, ITAV_DATE_NONE)),
    BAD_ENUM(itav_indicator_attainment_lang, 5, "lang", ITAV_LANG_NL, EINVAL_),
    R(itav_indicator_attainment_lang, "lang 0", EINVAL_, I(5, 0)),
    R(itav_indicator_attainment, "a date in year 10000", EINVAL_, I(4, D10000)),

    /* indicators: in a store */
    R(itav_indicator_create, "NULL db", EINVAL_, NUL(0)),
    R(itav_indicator_create, "NULL indicator", EINVAL_, NUL(1), M("no indicator")),
    R(itav_indicator_create, "an id already stored", E(ITAV_EEXISTS), I(1, 1),
      M("\"" FX_IND "\"")),
    R(itav_indicator_create, "an offer not in the store", E(ITAV_ENOTFOUND), I(1, 2),
      M("no-such-offer")),
    R(itav_indicator_update, "NULL db", EINVAL_, NUL(0)),
    R(itav_indicator_update, "NULL indicator", EINVAL_, NUL(1), M("no indicator")),
    R(itav_indicator_update, "an indicator not stored", E(ITAV_ENOTFOUND), M("ind-x")),
    R(itav_indicator_update, "an indicator not stored, of an offer not in the store",
      E(ITAV_ENOTFOUND), I(1, 2), M("ind-new")),
    R(itav_indicator_delete, "NULL db", EINVAL_, NUL(0)),
    R(itav_indicator_delete, "NULL id", EINVAL_, NUL(1), M("no indicator id")),
    BAD_ID(itav_indicator_delete, 1, "id", E(ITAV_ENOTFOUND), M("no indicator \"")),
    R(itav_indicator_get, "NULL out", EINVAL_, NUL(0), M("no place for the indicator")),
    R(itav_indicator_get, "NULL db", EINVAL_, NUL(1)),
    R(itav_indicator_get, "NULL id", EINVAL_, NUL(2), M("no indicator id")),
    BAD_ID(itav_indicator_get, 2, "id", E(ITAV_ENOTFOUND), M("no indicator \"")),
    R(itav_indicator_measure, "NULL db", EINVAL_, NUL(0)),
    R(itav_indicator_measure, "NULL id", EINVAL_, NUL(1), M("no indicator id")),
    BAD_ID(itav_indicator_measure, 1, "id", E(ITAV_ENOTFOUND), M("no indicator \"")),
    R(itav_indicator_measure, "ITAV_DATE_NONE", EINVAL_, I(2, ITAV_DATE_NONE),
      M("the measurement needs a date")),
    BAD_TEXT(itav_indicator_measure, 3, "period", EINVAL_, M("not valid: the period")),
    BAD_ENUM(itav_indicator_measure, 4, "qualifier", ITAV_QTY_ABOUT_RANGE, EINVAL_, M("qualifier")),
    R(itav_indicator_measure, "off the percentage scale", ERANGE_, F(5, 150), F(6, 150),
      M("(about 150) is off the percentage scale")),
    R(itav_indicator_measure, "a range backwards", EINVAL_, I(4, ITAV_QTY_RANGE), F(5, 60),
      F(6, 50), M("its numbers (60 to 50) must be")),
    R(itav_indicator_measure, "a date that has one", E(ITAV_EEXISTS), I(2, D2021_06_30),
      M("2021-06-30")),
    BAD_TEXT(itav_indicator_measure, 7, "text", EINVAL_, M("not valid: the text")),
    BAD_SOURCE(itav_indicator_measure, 8, EINVAL_, M("not valid: the source")),
    R(itav_indicator_list, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_indicator_list, "NULL db", EINVAL_, NUL(1)),
    R(itav_indicator_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_indicator_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_indicator_iter_free, "NULL", RVOID, NUL(0)),
    R(itav_indicator_derive, "NULL value", EINVAL_, NUL(0), M("no place for the value")),
    R(itav_indicator_derive, "NULL db", EINVAL_, NUL(2)),
    BAD_ENUM(itav_indicator_derive, 3, "figure", ITAV_DERIVED_FORMAL_HELP, EINVAL_,
             M("unknown figure")),
    R(itav_indicator_derive, "figure 0", EINVAL_, I(3, 0), M("unknown figure 0")),
    R(itav_indicator_derive, "from after to", EINVAL_, I(6, D2022), I(7, D2021_03),
      M("starts after it ends")),
    R(itav_indicator_derive, "from in year 10000", EINVAL_, I(6, D10000),
      M("from must be a date in 1900-9999")),
    R(itav_indicator_derive, "to in 1899", EINVAL_, I(7, D1899),
      M("to must be a date in 1900-9999")),
    R(itav_indicator_derive_for, "NULL value", EINVAL_, NUL(0), M("no place for the value")),
    R(itav_indicator_derive_for, "NULL db", EINVAL_, NUL(2)),
    R(itav_indicator_derive_for, "NULL indicator", EINVAL_, NUL(3), M("no indicator given")),
    R(itav_indicator_derive_for, "an indicator measured by hand", EINVAL_, I(2, 1),
      M("indicator \"ind-joint\" is not derived")),
    R(itav_indicator_derive_for, "from after to", EINVAL_, I(4, D2022), I(5, D2021_03),
      M("starts after it ends")),
    R(itav_indicator_derive_for, "to in 1899", EINVAL_, I(5, D1899),
      M("to must be a date in 1900-9999")),

    /* portfolios */
    R(itav_portfolio_build, "NULL out", EINVAL_, NUL(0), M("no place for the portfolio")),
    R(itav_portfolio_build, "NULL db", EINVAL_, NUL(1)),
    R(itav_portfolio_build, "filter version 0", E(ITAV_EVERSION), I(2, 0), M("version 0")),
    R(itav_portfolio_build, "filter version 2", E(ITAV_EVERSION), I(2, 2), M("version 2")),
    R(itav_portfolio_build, "profile source -1", EINVAL_, I(3, -1),
      M("profile source -1 is unknown")),
    R(itav_portfolio_build, "profile source 4", EINVAL_, I(3, 4), M("profile source 4 is unknown")),
    R(itav_portfolio_build, "profile source INT_MAX", EINVAL_, I(3, INT_MAX),
      M("profile source 2147483647 is unknown")),
    R(itav_portfolio_build, "ids NULL with a count", EINVAL_, I(4, 1),
      M("id_count is 1 but ids is NULL")),
    R(itav_portfolio_build, "an id not in the store", E(ITAV_ENOTFOUND), I(4, 2),
      M("ids[1]: no intervention \"no-such-iv\"")),
    R(itav_portfolio_build, "an id that is not UTF-8", E(ITAV_ENOTFOUND), I(4, 3),
      M("ids[0]: no intervention \"iv\\xff\"")),
    R(itav_portfolio_free, "NULL", RVOID, NUL(0)),
    R(itav_portfolio_count, "NULL portfolio", RSIZE(0), NUL(0)),
    R(itav_portfolio_member, "NULL portfolio", RNULL, NUL(0)),
    R(itav_portfolio_member, "index past the end", RNULL, I(1, 2)),
    R(itav_portfolio_member, "index SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_portfolio_factor_count, "NULL portfolio", RET(0), NUL(0)),
    BAD_ENUM(itav_portfolio_factor_count, 1, "factor", ITAV_FACTOR_KNOW_WHAT_WORKS, RET(0)),
    R(itav_portfolio_coverage, "NULL portfolio", EINVAL_, NUL(0)),
    BAD_ENUM(itav_portfolio_coverage, 1, "element", ITAV_ELEMENT_NO_PROBLEMATISING, EINVAL_),
    R(itav_portfolio_coverage, "element 0", EINVAL_, I(1, 0)),
    R(itav_portfolio_cell, "NULL portfolio", RSIZE(0), NUL(0)),
    BAD_ENUM(itav_portfolio_cell, 1, "setting", ITAV_SETTING_MIXED, RSIZE(0)),
    BAD_ENUM(itav_portfolio_cell, 2, "scope", ITAV_SCOPE_MIXED, RSIZE(0)),
    R(itav_portfolio_flag_count, "NULL portfolio", RSIZE(0), NUL(0)),
    BAD_ENUM(itav_portfolio_flag_count, 1, "flag", ITAV_FLAG_NO_DEMAND_LED, RSIZE(0)),
    R(itav_portfolio_flag_count, "flag 0", RSIZE(0), I(1, 0)),
    R(itav_portfolio_flagged, "NULL portfolio", RNULL, NUL(0)),
    BAD_ENUM(itav_portfolio_flagged, 1, "flag", ITAV_FLAG_NO_DEMAND_LED, RNULL),
    R(itav_portfolio_flagged, "index SIZE_MAX", RNULL, I(2, SIZE_HUGE)),
    R(itav_portfolio_to_json, "NULL out", EINVAL_, NUL(0)),
    R(itav_portfolio_to_json, "NULL portfolio", EINVAL_, NUL(1)),
    R(itav_portfolio_svg, "NULL out", EINVAL_, NUL(0)),
    R(itav_portfolio_svg, "NULL portfolio", EINVAL_, NUL(1)),
    R(itav_portfolio_svg, "an empty portfolio", EINVAL_, I(1, 1)),
    BAD_TEXT(itav_portfolio_svg, 2, "first title", EINVAL_),
    BAD_TEXT(itav_portfolio_svg, 4, "second title", EINVAL_),

    /* recommendations */
    R(itav_recommend, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_recommend, "NULL db", EINVAL_, NUL(1)),
    R(itav_recommend, "NULL question", EINVAL_, NUL(2), M("no question")),
    R(itav_recommend, "question version 0", E(ITAV_EVERSION), I(2, 0), M("question.version: 0")),
    R(itav_recommend, "question version 2", E(ITAV_EVERSION), I(2, 2), M("question.version: 2")),
    R(itav_recommend, "no asker", EINVAL_, I(3, 0), M("question.asker: 0 is not")),
    R(itav_recommend, "asker -1", EINVAL_, I(3, -1), M("question.asker: -1 is not")),
    R(itav_recommend, "asker 4", EINVAL_, I(3, 4), M("question.asker: 4 is not")),
    R(itav_recommend, "asker INT_MAX", EINVAL_, I(3, INT_MAX),
      M("question.asker: 2147483647 is not")),
    R(itav_recommend, "an age over 50 years", EINVAL_, I(4, 601),
      M("question.age_months: 601 is outside")),
    R(itav_recommend, "an age before pregnancy", EINVAL_, I(4, -10),
      M("question.age_months: -10 is outside")),
    R(itav_recommend, "age INT32_MAX", EINVAL_, I(4, INT32_MAX),
      M("question.age_months: 2147483647 is outside")),
    R(itav_recommend, "a need bit past the last", EINVAL_, I(5, 8192),
      M("question.needs: bits 0x2000")),
    R(itav_recommend, "channel 4", EINVAL_, I(6, 4), M("question.channel: 4 is not")),
    R(itav_recommend, "channel -1", EINVAL_, I(6, -1), M("question.channel: -1 is not")),
    R(itav_recommendation_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_recommendation_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_recommendation_iter_free, "NULL", RVOID, NUL(0)),
    R(itav_recommendation_free, "NULL", RVOID, NUL(0)),
    R(itav_recommendation_intervention, "NULL recommendation", RNULL, NUL(0)),
    R(itav_recommendation_offer, "NULL recommendation", RNULL, NUL(0)),
    R(itav_recommendation_tier, "NULL recommendation", RET(0), NUL(0)),
    R(itav_recommendation_covered, "NULL recommendation", RET(0), NUL(0)),
    R(itav_recommendation_why, "NULL recommendation", RNULL, NUL(0)),
    R(itav_recommendation_placement, "NULL recommendation", RNULL, NUL(0)),

    /* reports */
    R(itav_report_programme, "NULL out", EINVAL_, NUL(0), M("no place for the report")),
    R(itav_report_programme, "NULL db", EINVAL_, NUL(1)),
    R(itav_report_programme, "NULL offer", EINVAL_, NUL(2), M("no offer id")),
    BAD_ID(itav_report_programme, 2, "offer id", E(ITAV_ENOTFOUND), M("no offer \"")),
    R(itav_report_programme, "options version 0", E(ITAV_EVERSION), I(4, 0), M("version 0")),
    R(itav_report_programme, "options version 4", E(ITAV_EVERSION), I(4, 4), M("version 4")),
    R(itav_report_programme, "method 2", EINVAL_, I(11, 2), M("report options: method is 2")),
    R(itav_report_programme, "method -1", EINVAL_, I(11, -1), M("report options: method is -1")),
    R(itav_report_programme, "k 2 for publication", EINVAL_, I(5, 2), I(9, 1),
      M("k is 2, below 3, the least k of a report made for publication; set low_k")),
    R(itav_report_programme, "protection -1", EINVAL_, I(10, -1),
      M("report options: protection is -1")),
    R(itav_report_programme, "k 0", EINVAL_, I(5, 0), M("report options: k is 0")),
    R(itav_report_programme, "k -1", EINVAL_, I(5, -1), M("report options: k is -1")),
    R(itav_report_programme, "k INT_MIN", EINVAL_, I(5, INT_MIN),
      M("report options: k is -2147483648")),
    R(itav_report_programme, "as_of in year 10000", EINVAL_, I(6, D10000),
      M("report options: as_of is not a date")),
    R(itav_report_programme, "from after to", EINVAL_, I(7, D2022), I(8, D2021_03),
      M("from (2022-01-08) is after to (2021-03-01)")),
    R(itav_report_programme, "from in 1899", EINVAL_, I(7, D1899),
      M("report options: from is not a date")),
    R(itav_report_programme, "to INT32_MAX", EINVAL_, I(8, INT32_MAX),
      M("report options: to is not a date")),
    R(itav_report_free, "NULL", RVOID, NUL(0)),
    R(itav_report_write, "NULL out", EINVAL_, NUL(0)),
    R(itav_report_write, "NULL report", EINVAL_, NUL(1)),
    BAD_ENUM(itav_report_write, 2, "format", ITAV_REPORT_MARKDOWN, EINVAL_),
    R(itav_report_write, "format 0", EINVAL_, I(2, 0)),
    R(itav_report_write_lang, "NULL out", EINVAL_, NUL(0)),
    R(itav_report_write_lang, "NULL report", EINVAL_, NUL(1)),
    BAD_ENUM(itav_report_write_lang, 2, "format", ITAV_REPORT_MARKDOWN, EINVAL_),
    BAD_ENUM(itav_report_write_lang, 3, "lang", ITAV_LANG_NL, EINVAL_),
    R(itav_report_write_lang, "lang 0", EINVAL_, I(3, 0)),
    R(itav_report_title, "NULL report", RNULL, NUL(0)),
    R(itav_report_table_count, "NULL report", RSIZE(0), NUL(0)),
    R(itav_report_table_name, "NULL report", RNULL, NUL(0)),
    R(itav_report_table_name, "table past the end", RNULL, I(1, 99)),
    R(itav_report_table_name, "table SIZE_MAX", RNULL, I(1, SIZE_HUGE)),
    R(itav_report_table_find, "NULL report", RSIZE(SIZE_MAX), NUL(0)),
    R(itav_report_table_find, "NULL name", RSIZE(SIZE_MAX), NUL(1)),
    R(itav_report_table_find, "an unknown name", RSIZE(SIZE_MAX), S(1, "colours")),
    R(itav_report_table_find, "an empty name", RSIZE(SIZE_MAX), S(1, "")),
    R(itav_report_table_find, "a name in capitals", RSIZE(SIZE_MAX), S(1, "REACH")),
    R(itav_report_table_find, "invalid UTF-8", RSIZE(SIZE_MAX), S(1, "reach" U_FF)),
    R(itav_report_column_count, "NULL report", RSIZE(0), NUL(0)),
    R(itav_report_column_count, "table past the end", RSIZE(0), I(1, 99)),
    R(itav_report_column, "NULL report", RNULL, NUL(0)),
    R(itav_report_column, "table past the end", RNULL, I(1, 99)),
    R(itav_report_column, "column past the end", RNULL, I(2, 99)),
    R(itav_report_column, "column SIZE_MAX", RNULL, I(2, SIZE_HUGE)),
    R(itav_report_row_count, "NULL report", RSIZE(0), NUL(0)),
    R(itav_report_row_count, "table SIZE_MAX", RSIZE(0), I(1, SIZE_HUGE)),
    R(itav_report_cell, "NULL report", RNULL, NUL(0)),
    R(itav_report_cell, "table past the end", RNULL, I(1, 99)),
    R(itav_report_cell, "row past the end", RNULL, I(2, 9999)),
    R(itav_report_cell, "column past the end", RNULL, I(3, 99)),
    R(itav_report_cell, "row SIZE_MAX", RNULL, I(2, SIZE_HUGE)),
    R(itav_report_cell_value, "NULL value", EINVAL_, NUL(0)),
    R(itav_report_cell_value, "NULL report", EINVAL_, NUL(1)),
    R(itav_report_cell_value, "table past the end", ERANGE_, I(2, 99)),
    R(itav_report_cell_value, "row past the end", ERANGE_, I(3, 9999)),
    R(itav_report_cell_value, "column past the end", ERANGE_, I(4, 99)),
    R(itav_report_cell_value, "column SIZE_MAX", ERANGE_, I(4, SIZE_HUGE)),
    R(itav_report_cell_value, "a text cell", E(ITAV_ENOTFOUND), I(4, 0)),
    R(itav_report_audit_passed, "NULL report", RET(0), NUL(0)),
    R(itav_report_perturbed, "NULL report", RET(0), NUL(0)),
    R(itav_report_cell_audit, "NULL safe", EINVAL_, NUL(0)),
    R(itav_report_cell_audit, "NULL report", EINVAL_, NUL(3)),
    R(itav_report_cell_audit, "NULL low (not wanted)", E(ITAV_OK), NUL(1)),
    R(itav_report_cell_audit, "NULL high (not wanted)", E(ITAV_OK), NUL(2)),
    R(itav_report_cell_audit, "table past the end", ERANGE_, I(4, 99)),
    R(itav_report_cell_audit, "row SIZE_MAX", ERANGE_, I(5, SIZE_HUGE)),
    R(itav_report_cell_audit, "column past the end", ERANGE_, I(6, 99)),
    R(itav_report_cell_audit, "a text cell", E(ITAV_ENOTFOUND), I(6, 0)),
    R(itav_report_cell_hidden, "NULL report", RET(0), NUL(0)),
    R(itav_report_cell_hidden, "table past the end", RET(0), I(1, 99)),
    R(itav_report_cell_hidden, "row SIZE_MAX", RET(0), I(2, SIZE_HUGE)),
    R(itav_report_cell_suppressed, "NULL report", RET(0), NUL(0)),
    R(itav_report_cell_suppressed, "table past the end", RET(0), I(1, 99)),
    R(itav_report_cell_suppressed, "row SIZE_MAX", RET(0), I(2, SIZE_HUGE)),
    R(itav_release_record, "NULL db", EINVAL_, NUL(1)),
    R(itav_release_record, "NULL report", EINVAL_, NUL(2), M("no report given")),
    R(itav_release_record, "a report not made for publication", EINVAL_,
      M("was not made for publication")),
    R(itav_release_get, "NULL out", EINVAL_, NUL(0), M("no place for the release")),
    R(itav_release_get, "NULL db", EINVAL_, NUL(1)),
    R(itav_release_get, "NULL id", EINVAL_, NUL(2), M("no release id")),
    R(itav_release_get, "an unknown id", E(ITAV_ENOTFOUND), M("no release \"rel-00000001\"")),
    R(itav_release_remove, "NULL db", EINVAL_, NUL(0)),
    R(itav_release_remove, "NULL id", EINVAL_, NUL(1), M("no release id given")),
    R(itav_release_remove, "an unknown id", E(ITAV_ENOTFOUND),
      M("no release \"rel-00000001\"")),
    R(itav_release_list, "NULL out", EINVAL_, NUL(0), M("no place for the iterator")),
    R(itav_release_list, "NULL db", EINVAL_, NUL(1)),
    R(itav_release_iter_next, "NULL out", EINVAL_, NUL(0)),
    R(itav_release_iter_next, "NULL iterator", EINVAL_, NUL(1)),
    R(itav_release_iter_free, "NULL", RVOID, NUL(0)),
    R(itav_release_free, "NULL", RVOID, NUL(0)),
    R(itav_release_id, "NULL release", RNULL, NUL(0)),
    R(itav_release_offer, "NULL release", RNULL, NUL(0)),
    R(itav_release_member_count, "NULL release", RSIZE(0), NUL(0)),
    R(itav_release_member, "NULL release", RNULL, NUL(0)),
    R(itav_release_cell_count, "NULL release", RSIZE(0), NUL(0)),
    R(itav_release_parameters, "NULL release", EINVAL_, NUL(4)),
    R(itav_release_cell, "NULL release", EINVAL_, NUL(5)),
    R(itav_release_method, "NULL release", RET(ITAV_REPORT_SUPPRESS), NUL(0)),
};

const row_table rows_evaluation = {rows, sizeof rows / sizeof *rows};
