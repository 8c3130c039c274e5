/* Interventions, offers, roles and figures as values (no store). */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

START_TEST(ids_must_be_slugs)
{
    static const char *const good[] = {"a", "home-start", "itav-hw-2020", "x1-y2-z3",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 64 */};
    static const char *const bad[] = {"", "-a", "a-", "a--b", "Home-Start", "home start",
        "home_start", "héél", "a\tb", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    itav_intervention *iv;
    itav_offer *of;
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        ck_assert_msg(itav_intervention_new(&iv, good[i]) == ITAV_OK, "refused %s", good[i]);
        ck_assert_str_eq(itav_intervention_id(iv), good[i]);
        itav_intervention_free(iv);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        iv = NULL;
        ck_assert_msg(itav_intervention_new(&iv, bad[i]) == ITAV_EINVAL, "accepted \"%s\"",
                      bad[i]);
        ck_assert_ptr_null(iv);
        ck_assert_int_eq(itav_offer_new(&of, bad[i], "home-start"), ITAV_EINVAL);
        ck_assert_int_eq(itav_offer_new(&of, "home-start-delft", bad[i]), ITAV_EINVAL);
    }
    ck_assert_int_eq(itav_intervention_new(&iv, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_new(NULL, "a"), ITAV_EINVAL);
}
END_TEST

START_TEST(intervention_fields)
{
    itav_intervention *iv;
    int32_t lo, hi;
    ck_assert_int_eq(itav_intervention_new(&iv, "home-start"), ITAV_OK);
    ck_assert_ptr_null(itav_intervention_name(iv));
    ck_assert_int_eq(itav_intervention_set_name(iv, ""), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_name(iv, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_name(iv, "Humanitas Home-Start"), ITAV_OK);
    /* text must be UTF-8 and at most 64 KiB; a refused value changes nothing */
    ck_assert_int_eq(itav_intervention_set_name(iv, "Caf\xe9"), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_summary(iv, "\xc3\x28"), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_add_text(iv, ITAV_TEXT_WORKS, "\xed\xa0\x80"), ITAV_EINVAL);
    char *big = malloc(65538);
    memset(big, 'x', 65537);
    big[65537] = '\0';
    ck_assert_int_eq(itav_intervention_set_conditions(iv, big), ITAV_EINVAL);
    big[65536] = '\0';
    ck_assert_int_eq(itav_intervention_set_conditions(iv, big), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_conditions(iv, NULL), ITAV_OK);
    free(big);
    itav_figure *badfig = NULL;
    ck_assert_int_eq(itav_figure_new(&badfig, "gezinnen\xff", ITAV_QTY_EXACT, 1, 1, NULL),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE, ITAV_ELEMENT_EQUALITY,
                                                   ITAV_STATUS_PRESENT, "\x80", NULL),
                     ITAV_EINVAL);
    ck_assert_str_eq(itav_intervention_name(iv), "Humanitas Home-Start");
    ck_assert_str_eq(itav_intervention_name(iv), "Humanitas Home-Start");
    ck_assert_int_eq(itav_intervention_set_summary(iv, "Volunteers visit families."), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_summary(iv, ""), ITAV_OK);
    ck_assert_ptr_null(itav_intervention_summary(iv));

    ck_assert_int_eq(itav_intervention_set_kind(iv, ITAV_KIND_PROGRAMME), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_kind(iv, (itav_kind)6), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_kind(iv), ITAV_KIND_PROGRAMME);
    ck_assert_int_eq(itav_intervention_set_setting(iv, ITAV_SETTING_INFORMAL), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_setting(iv, (itav_setting)4), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_setting(iv), ITAV_SETTING_INFORMAL);
    ck_assert_int_eq(itav_intervention_set_scope(iv, ITAV_SCOPE_INDIVIDUAL), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_scope(iv, (itav_scope)-1), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_scope(iv), ITAV_SCOPE_INDIVIDUAL);
    ck_assert_int_eq(itav_intervention_set_channel(iv, ITAV_CHANNEL_IN_PERSON), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_channel(iv, (itav_channel)4), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_channel(iv), ITAV_CHANNEL_IN_PERSON);
    ck_assert_int_eq(itav_intervention_set_evidence(iv, ITAV_EVIDENCE_WELL_FOUNDED), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_evidence(iv, (itav_evidence)6), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_evidence(iv), ITAV_EVIDENCE_WELL_FOUNDED);
    ck_assert_int_eq(itav_intervention_set_since(iv, 1799), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_since(iv, 1970), ITAV_OK);
    ck_assert_int_eq(itav_intervention_since(iv), 1970);
    ck_assert_int_eq(itav_intervention_set_audience(iv, 64), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_audience(iv, ITAV_AUDIENCE_PARENTS |
                                                            ITAV_AUDIENCE_EXPECTING_PARENTS),
                     ITAV_OK);
    ck_assert_uint_eq(itav_intervention_audience(iv), 3);
    ck_assert_int_eq(itav_intervention_set_conditions(iv, "at least one child under 18"),
                     ITAV_OK);
    ck_assert_str_eq(itav_intervention_conditions(iv), "at least one child under 18");

    ck_assert_int_eq(itav_intervention_age_range(&lo, &hi, iv), ITAV_OK);
    ck_assert_int_eq(lo, ITAV_AGE_NONE);
    ck_assert_int_eq(hi, ITAV_AGE_NONE);
    ck_assert_int_eq(itav_intervention_set_age_range(iv, -9, 215), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_age_range(iv, 20, 10), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_age_range(iv, -13, 10), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_age_range(iv, 0, 1201), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_age_range(&lo, &hi, iv), ITAV_OK);
    ck_assert_int_eq(lo, -9);
    ck_assert_int_eq(hi, 215);
    ck_assert_int_eq(itav_intervention_age_range(NULL, &hi, iv), ITAV_EINVAL);

    ck_assert_int_eq(itav_intervention_add_text(iv, ITAV_TEXT_MUNICIPALITIES, "Delft"),
                     ITAV_OK);
    ck_assert_int_eq(itav_intervention_add_text(iv, ITAV_TEXT_MUNICIPALITIES, "Den Haag"),
                     ITAV_OK);
    ck_assert_int_eq(itav_intervention_add_text(iv, ITAV_TEXT_MUNICIPALITIES, ""), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_add_text(iv, (itav_text_list)8, "x"), ITAV_EINVAL);
    ck_assert_uint_eq(itav_intervention_text_count(iv, ITAV_TEXT_MUNICIPALITIES), 2);
    ck_assert_int_eq(itav_intervention_remove_text(iv, ITAV_TEXT_MUNICIPALITIES, 2),
                     ITAV_ERANGE);
    ck_assert_int_eq(itav_intervention_remove_text(iv, ITAV_TEXT_MUNICIPALITIES, 0), ITAV_OK);
    ck_assert_str_eq(itav_intervention_text(iv, ITAV_TEXT_MUNICIPALITIES, 0), "Den Haag");
    ck_assert_ptr_null(itav_intervention_text(iv, ITAV_TEXT_MUNICIPALITIES, 1));
    ck_assert_uint_eq(itav_intervention_text_count(iv, ITAV_TEXT_LINKS), 0);

    ck_assert_int_eq(itav_intervention_set_source(iv, "since", "001:L1550"), ITAV_OK);
    ck_assert_str_eq(itav_intervention_source(iv, "since"), "001:L1550");
    ck_assert_int_eq(itav_intervention_set_source(iv, "colour", "001:L1"), ITAV_EINVAL);
    static const char *const badrefs[] = {"1:L1", "001L1", "001:1", "001:L0", "001:L5-4",
                                          "001:L5-", "001:L1x", "abc:L1", "001:L12345678"};
    for (size_t i = 0; i < sizeof badrefs / sizeof *badrefs; i++)
        ck_assert_msg(itav_intervention_set_source(iv, "name", badrefs[i]) == ITAV_EINVAL,
                      "accepted %s", badrefs[i]);
    ck_assert_ptr_null(itav_intervention_source(iv, "name"));
    ck_assert_int_eq(itav_intervention_set_source(iv, "since", NULL), ITAV_OK);
    ck_assert_ptr_null(itav_intervention_source(iv, "since"));
    itav_intervention_free(iv);
}
END_TEST

START_TEST(roles_and_figures)
{
    itav_intervention *iv;
    itav_role *r;
    itav_figure *f;
    ck_assert_int_eq(itav_intervention_new(&iv, "buurtgezinnen"), ITAV_OK);
    ck_assert_int_eq(itav_role_new(&r, (itav_role_kind)5), ITAV_EINVAL);
    ck_assert_int_eq(itav_role_new(&r, ITAV_ROLE_VOLUNTEER), ITAV_OK);
    ck_assert_int_eq(itav_role_set_vog(r, 2), ITAV_EINVAL);
    ck_assert_int_eq(itav_role_set_vog(r, 1), ITAV_OK);
    ck_assert_int_eq(itav_role_set_description(r, "a support family"), ITAV_OK);
    ck_assert_int_eq(itav_role_set_training(r, "intake and training"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_add_role(iv, r), ITAV_OK);
    itav_role_free(r); /* the intervention holds a copy */
    const itav_role *got = itav_intervention_role(iv, 0);
    ck_assert_int_eq(itav_role_get_kind(got), ITAV_ROLE_VOLUNTEER);
    ck_assert_int_eq(itav_role_get_vog(got), 1);
    ck_assert_str_eq(itav_role_get_description(got), "a support family");
    ck_assert_str_eq(itav_role_get_training(got), "intake and training");
    ck_assert_ptr_null(itav_intervention_role(iv, 1));
    ck_assert_int_eq(itav_intervention_remove_role(iv, 1), ITAV_ERANGE);
    ck_assert_int_eq(itav_intervention_remove_role(iv, 0), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_role_count(iv), 0);

    ck_assert_int_eq(itav_figure_new(&f, "", ITAV_QTY_EXACT, 1, 1, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_figure_new(&f, "families", ITAV_QTY_RANGE, 10, 5, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_figure_new(&f, "families", ITAV_QTY_TEXT, 0, 0, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_figure_new(&f, "families", ITAV_QTY_EXACT, NAN, 0, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_figure_new(&f, "families", (itav_qualifier)8, 1, 1, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_figure_new(&f, "families", ITAV_QTY_ABOUT_RANGE, 10, 5, NULL),
                     ITAV_EINVAL);
    /* "ongeveer 5 à 10": an approximate range keeps both ends */
    ck_assert_int_eq(itav_figure_new(&f, "families", ITAV_QTY_ABOUT_RANGE, 5, 10,
                                     "ongeveer 5 à 10"), ITAV_OK);
    ck_assert(itav_figure_get_min(f) == 5 && itav_figure_get_max(f) == 10);
    ck_assert_int_eq(itav_figure_get_qualifier(f), ITAV_QTY_ABOUT_RANGE);
    itav_figure_free(f);
    ck_assert_int_eq(itav_figure_new(&f, "families", ITAV_QTY_TEXT, 0, 0, "honderden"), ITAV_OK);
    ck_assert(isnan(itav_figure_get_min(f)));
    itav_figure_free(f);
    ck_assert_int_eq(itav_figure_new(&f, "families", ITAV_QTY_AT_LEAST, 1700, 0, "ruim 1700"),
                     ITAV_OK);
    ck_assert(itav_figure_get_max(f) == 1700); /* max follows min unless a range */
    ck_assert_int_eq(itav_figure_set_source(f, "bad"), ITAV_EINVAL);
    ck_assert_int_eq(itav_figure_set_source(f, "002:L11"), ITAV_OK);
    ck_assert_int_eq(itav_figure_set_period(f, "2021"), ITAV_OK);
    ck_assert_int_eq(itav_figure_set_where(f, "Nederland"), ITAV_OK);
    ck_assert_int_eq(itav_figure_set_note(f, "national"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_add_figure(iv, ITAV_FIGURES_TARGETS, f), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_add_figure(iv, ITAV_FIGURES_REACH, f), ITAV_OK);
    itav_figure_free(f);
    const itav_figure *g = itav_intervention_figure(iv, ITAV_FIGURES_REACH, 0);
    ck_assert_str_eq(itav_figure_get_what(g), "families");
    ck_assert_int_eq(itav_figure_get_qualifier(g), ITAV_QTY_AT_LEAST);
    ck_assert(itav_figure_get_min(g) == 1700);
    ck_assert_str_eq(itav_figure_get_text(g), "ruim 1700");
    ck_assert_str_eq(itav_figure_get_period(g), "2021");
    ck_assert_str_eq(itav_figure_get_where(g), "Nederland");
    ck_assert_str_eq(itav_figure_get_note(g), "national");
    ck_assert_str_eq(itav_figure_get_source(g), "002:L11");
    ck_assert_uint_eq(itav_intervention_figure_count(iv, ITAV_FIGURES_TARGETS), 0);
    ck_assert_int_eq(itav_intervention_remove_figure(iv, ITAV_FIGURES_REACH, 3), ITAV_ERANGE);
    ck_assert_int_eq(itav_intervention_remove_figure(iv, ITAV_FIGURES_REACH, 0), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_figure_count(iv, ITAV_FIGURES_REACH), 0);
    itav_intervention_free(iv);
}
END_TEST

START_TEST(profiles_and_their_sources)
{
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_new(&iv, "eigen-toekomst-plan"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_profile_source(iv), ITAV_PROFILE_DEFAULT);
    ck_assert_uint_eq(itav_intervention_elements(iv, ITAV_PROFILE_DEFAULT), 0);
    /* like seed 001: the sections list doubts_normal and leave out low_threshold; the
     * summary table says the opposite */
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_SECTIONS,
                                                   ITAV_ELEMENT_DOUBTS_NORMAL,
                                                   ITAV_STATUS_PRESENT, "why", "001:L737"),
                     ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_SECTIONS,
                                                   ITAV_ELEMENT_LOW_THRESHOLD,
                                                   ITAV_STATUS_ABSENT, NULL, "001:L737-742"),
                     ITAV_OK);
    ck_assert_int_eq(itav_intervention_profile_source(iv), ITAV_PROFILE_SECTIONS);
    ck_assert_uint_eq(itav_intervention_elements(iv, ITAV_PROFILE_DEFAULT), 1u << 0);
    ck_assert_uint_eq(itav_intervention_disputed(iv), 0);
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE,
                                                   ITAV_ELEMENT_DOUBTS_NORMAL,
                                                   ITAV_STATUS_ABSENT, NULL, "001:L2381"),
                     ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE,
                                                   ITAV_ELEMENT_LOW_THRESHOLD,
                                                   ITAV_STATUS_PRESENT, NULL, "001:L2381"),
                     ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE,
                                                   ITAV_ELEMENT_EQUALITY,
                                                   ITAV_STATUS_PRESENT, NULL, NULL),
                     ITAV_OK);
    /* the table wins as the profile in use */
    ck_assert_int_eq(itav_intervention_profile_source(iv), ITAV_PROFILE_TABLE);
    ck_assert_uint_eq(itav_intervention_elements(iv, ITAV_PROFILE_DEFAULT),
                      (1u << 2) | (1u << 3));
    ck_assert_uint_eq(itav_intervention_known_elements(iv, ITAV_PROFILE_TABLE), 0x0D);
    ck_assert_uint_eq(itav_intervention_disputed(iv), (1u << 0) | (1u << 2));
    ck_assert_int_eq(itav_intervention_element(iv, ITAV_PROFILE_SECTIONS,
                                               ITAV_ELEMENT_DOUBTS_NORMAL),
                     ITAV_STATUS_PRESENT);
    ck_assert_str_eq(itav_intervention_element_evidence(iv, ITAV_PROFILE_SECTIONS,
                                                        ITAV_ELEMENT_DOUBTS_NORMAL),
                     "why");
    ck_assert_str_eq(itav_intervention_element_source(iv, ITAV_PROFILE_DEFAULT,
                                                      ITAV_ELEMENT_DOUBTS_NORMAL),
                     "001:L2381");
    ck_assert_int_eq(itav_intervention_element(iv, ITAV_PROFILE_OTHER, ITAV_ELEMENT_EQUALITY),
                     ITAV_STATUS_UNKNOWN);
    /* bad arguments change nothing */
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_DEFAULT,
                                                   ITAV_ELEMENT_EQUALITY, ITAV_STATUS_ABSENT,
                                                   NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE, (itav_element)9,
                                                   ITAV_STATUS_ABSENT, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE,
                                                   ITAV_ELEMENT_EQUALITY, (itav_status)3,
                                                   NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE,
                                                   ITAV_ELEMENT_EQUALITY, ITAV_STATUS_ABSENT,
                                                   NULL, "L1"), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_element(iv, ITAV_PROFILE_TABLE, ITAV_ELEMENT_EQUALITY),
                     ITAV_STATUS_PRESENT);
    /* unknown removes the statement */
    ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE,
                                                   ITAV_ELEMENT_DOUBTS_NORMAL,
                                                   ITAV_STATUS_UNKNOWN, NULL, NULL), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_disputed(iv), 1u << 2);
    ck_assert_ptr_null(itav_intervention_element_source(iv, ITAV_PROFILE_TABLE,
                                                        ITAV_ELEMENT_DOUBTS_NORMAL));
    itav_intervention_free(iv);
}
END_TEST

/* Builds an intervention that sets every field. */
static itav_intervention *full_intervention(void)
{
    itav_intervention *iv;
    itav_role *r;
    itav_figure *f;
    ck_assert_int_eq(itav_intervention_new(&iv, "voorbeeld"), ITAV_OK);
    itav_intervention_set_name(iv, "Voorbeeld \"quoted\" é");
    itav_intervention_set_summary(iv, "A summary.");
    itav_intervention_set_kind(iv, ITAV_KIND_METHOD);
    itav_intervention_set_setting(iv, ITAV_SETTING_MIXED);
    itav_intervention_set_scope(iv, ITAV_SCOPE_COLLECTIVE);
    itav_intervention_set_channel(iv, ITAV_CHANNEL_BOTH);
    itav_intervention_set_evidence(iv, ITAV_EVIDENCE_GOOD_INDICATIONS);
    itav_intervention_set_since(iv, 2012);
    itav_intervention_set_audience(iv, ITAV_AUDIENCE_YOUTH | ITAV_AUDIENCE_CO_CARERS);
    itav_intervention_set_age_range(iv, 144, ITAV_AGE_NONE);
    itav_intervention_set_conditions(iv, "none");
    for (int l = ITAV_TEXT_PROVIDERS; l <= ITAV_TEXT_LINKS; l++)
        itav_intervention_add_text(iv, (itav_text_list)l, "some text");
    itav_role_new(&r, ITAV_ROLE_PEER);
    itav_role_set_vog(r, 1);
    itav_intervention_add_role(iv, r);
    itav_role_free(r);
    itav_figure_new(&f, "matches", ITAV_QTY_RANGE, 5, 10, "5 à 10");
    itav_figure_set_period(f, "2021");
    itav_intervention_add_figure(iv, ITAV_FIGURES_REACH, f);
    itav_figure_free(f);
    itav_intervention_set_element(iv, ITAV_PROFILE_OTHER, ITAV_ELEMENT_POSITIVE_FOCUS,
                                  ITAV_STATUS_PRESENT, "e", "004:L10-12");
    itav_intervention_set_source(iv, "links", "004:L9");
    itav_intervention_set_factor(iv, ITAV_FACTOR_RIGHT_PEOPLE, "004:L415");
    itav_intervention_set_factor(iv, ITAV_FACTOR_LONG_TERM, NULL);
    return iv;
}

START_TEST(dup_and_json_preserve_everything)
{
    itav_intervention *iv = full_intervention(), *copy, *back;
    char *a, *b, *c;
    ck_assert_int_eq(itav_intervention_dup(&copy, iv), ITAV_OK);
    ck_assert_int_eq(itav_intervention_to_json(&a, iv), ITAV_OK);
    ck_assert_int_eq(itav_intervention_to_json(&b, copy), ITAV_OK);
    ck_assert_str_eq(a, b);
    ck_assert_int_eq(itav_intervention_from_json(&back, NULL, a), ITAV_OK);
    ck_assert_int_eq(itav_intervention_to_json(&c, back), ITAV_OK);
    ck_assert_str_eq(a, c);
    ck_assert_ptr_nonnull(strstr(a, "\"age_months\": {\n      \"min\": 144\n    }"));
    ck_assert_ptr_nonnull(strstr(a, "\"qualifier\": \"range\""));
    ck_assert_ptr_nonnull(strstr(a, "\"factors\": {\n    \"right_people\": {\n      "
                                    "\"source\": \"004:L415\"\n    },\n    \"long_term\": {}"));
    ck_assert_uint_eq(itav_intervention_factors(back), itav_intervention_factors(iv));
    ck_assert_str_eq(itav_intervention_factor_source(copy, ITAV_FACTOR_RIGHT_PEOPLE),
                     "004:L415");
    /* changing the copy does not change the original */
    itav_intervention_set_name(copy, "Other");
    ck_assert_str_eq(itav_intervention_name(iv), "Voorbeeld \"quoted\" é");
    itav_free(a);
    itav_free(b);
    itav_free(c);
    itav_intervention_free(iv);
    itav_intervention_free(copy);
    itav_intervention_free(back);
}
END_TEST

/* Working factors on an intervention (itav/factor.h). */
START_TEST(factors_of_an_intervention)
{
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_new(&iv, "vws-x"), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_factors(iv), 0);
    ck_assert_int_eq(itav_intervention_set_factor(iv, ITAV_FACTOR_YOUTH_WORLD, "004:L431"),
                     ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_factor(iv, ITAV_FACTOR_LONG_TERM, ""), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_factors(iv),
                      (1u << (ITAV_FACTOR_YOUTH_WORLD - 1)) | (1u << (ITAV_FACTOR_LONG_TERM - 1)));
    ck_assert_str_eq(itav_intervention_factor_source(iv, ITAV_FACTOR_YOUTH_WORLD), "004:L431");
    ck_assert_ptr_null(itav_intervention_factor_source(iv, ITAV_FACTOR_LONG_TERM));
    /* setting again replaces the source; bad input changes nothing */
    ck_assert_int_eq(itav_intervention_set_factor(iv, ITAV_FACTOR_YOUTH_WORLD, "004:L429-431"),
                     ITAV_OK);
    ck_assert_str_eq(itav_intervention_factor_source(iv, ITAV_FACTOR_YOUTH_WORLD),
                     "004:L429-431");
    ck_assert_int_eq(itav_intervention_set_factor(iv, ITAV_FACTOR_YOUTH_WORLD, "L431"),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_factor(iv, (itav_factor)15, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_set_factor(NULL, ITAV_FACTOR_LONG_TERM, NULL),
                     ITAV_EINVAL);
    ck_assert_str_eq(itav_intervention_factor_source(iv, ITAV_FACTOR_YOUTH_WORLD),
                     "004:L429-431");
    ck_assert_int_eq(itav_intervention_clear_factor(iv, ITAV_FACTOR_YOUTH_WORLD), ITAV_OK);
    ck_assert_int_eq(itav_intervention_clear_factor(iv, ITAV_FACTOR_YOUTH_WORLD), ITAV_OK);
    ck_assert_ptr_null(itav_intervention_factor_source(iv, ITAV_FACTOR_YOUTH_WORLD));
    ck_assert_uint_eq(itav_intervention_factors(iv), 1u << (ITAV_FACTOR_LONG_TERM - 1));
    ck_assert_int_eq(itav_intervention_clear_factor(iv, (itav_factor)0), ITAV_EINVAL);
    ck_assert_uint_eq(itav_intervention_factors(NULL), 0);
    ck_assert_ptr_null(itav_intervention_factor_source(NULL, ITAV_FACTOR_LONG_TERM));
    itav_intervention_free(iv);
    /* the JSON names the problem and its place */
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_from_json(&iv, db, "{\"id\": \"a\", \"name\": \"A\", "
                         "\"factors\": {\"luck\": {}}}"), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "$.factors.luck: unknown factor code"));
    ck_assert_int_eq(itav_intervention_from_json(&iv, db, "{\"id\": \"a\", \"name\": \"A\", "
                         "\"factors\": {\"long_term\": {\"source\": \"x\"}}}"), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "$.factors.long_term.source: \"x\" is not"));
    ck_assert_int_eq(itav_intervention_from_json(&iv, db, "{\"id\": \"a\", \"name\": \"A\", "
                         "\"factors\": [\"long_term\"]}"), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "$.factors: expected an object"));
    ck_assert_int_eq(itav_intervention_from_json(&iv, db, "{\"id\": \"a\", \"name\": \"A\", "
                         "\"factors\": {\"long_term\": {\"when\": 1}}}"), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "$.factors.long_term.when: unknown member"));
    itav_close(db);
}
END_TEST

START_TEST(from_json_reports_the_path)
{
    itav_db *db;
    itav_intervention *iv = NULL;
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_from_json(&iv, db, "{\"id\": \"a\"}"), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "\"name\" is missing"));
    ck_assert_int_eq(itav_intervention_from_json(&iv, db,
                         "{\"id\": \"a\", \"name\": \"A\", \"roles\": [{\"role\": \"chef\"}]}"),
                     ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "$.roles[0].role: unknown value \"chef\""));
    ck_assert_int_eq(itav_intervention_from_json(&iv, db, "{\"id\": "), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "<record>:1:"));
    ck_assert_ptr_null(iv);
    ck_assert_int_eq(itav_intervention_from_json(&iv, db, NULL), ITAV_EINVAL);
    itav_offer *of = NULL;
    ck_assert_int_eq(itav_offer_from_json(&of, db, "{\"id\": \"a\", \"intervention\": \"b\", "
                                                   "\"start\": \"2021-02-30\"}"), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "$.start: \"2021-02-30\" is not a date"));
    ck_assert_int_eq(itav_offer_from_json(&of, db, "{\"id\": \"a\", \"intervention\": \"b\", "
                         "\"start\": \"2021-02-03\", \"end\": \"2021-01-01\"}"), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "$.end: the end is before the start"));
    ck_assert_ptr_null(of);
    itav_close(db);
}
END_TEST

START_TEST(offer_fields)
{
    itav_offer *of, *copy;
    itav_figure *f;
    int32_t start, end;
    char *a, *b;
    ck_assert_int_eq(itav_offer_new(&of, "buurtgezinnen-zk", "buurtgezinnen"), ITAV_OK);
    ck_assert_str_eq(itav_offer_intervention(of), "buurtgezinnen");
    ck_assert_int_eq(itav_offer_start(of), ITAV_DATE_NONE);
    itav_date_parse(&start, "2021-01-01");
    itav_date_parse(&end, "2021-12-31");
    ck_assert_int_eq(itav_offer_set_period(of, end, start), ITAV_EINVAL);
    ck_assert_int_eq(itav_offer_set_period(of, start, ITAV_DATE_NONE), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_period(of, start, end), ITAV_OK);
    ck_assert_int_eq(itav_offer_end(of), end);
    ck_assert_int_eq(itav_offer_set_name(of, "Buurtgezinnen Zuid-Kennemerland"), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_region(of, "Zuid-Kennemerland"), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_provider(of, "a local provider"), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_contact(of, "the coordinator"), ITAV_OK);
    ck_assert_str_eq(itav_offer_region(of), "Zuid-Kennemerland");
    ck_assert_str_eq(itav_offer_provider(of), "a local provider");
    ck_assert_str_eq(itav_offer_contact(of), "the coordinator");
    ck_assert_str_eq(itav_offer_name(of), "Buurtgezinnen Zuid-Kennemerland");
    ck_assert_int_eq(itav_offer_add_text(of, ITAV_TEXT_MUNICIPALITIES, "Haarlem"), ITAV_OK);
    ck_assert_int_eq(itav_offer_add_text(of, ITAV_TEXT_MUNICIPALITIES, "Zandvoort"), ITAV_OK);
    ck_assert_int_eq(itav_offer_add_text(of, ITAV_TEXT_PHASES, "x"), ITAV_EINVAL);
    ck_assert_uint_eq(itav_offer_text_count(of, ITAV_TEXT_MUNICIPALITIES), 2);
    ck_assert_int_eq(itav_offer_remove_text(of, ITAV_TEXT_MUNICIPALITIES, 1), ITAV_OK);
    ck_assert_str_eq(itav_offer_text(of, ITAV_TEXT_MUNICIPALITIES, 0), "Haarlem");
    ck_assert_int_eq(itav_figure_new(&f, "matches", ITAV_QTY_AT_LEAST, 12, 0, "minimaal 12"),
                     ITAV_OK);
    itav_figure_set_where(f, "Haarlem");
    ck_assert_int_eq(itav_offer_add_figure(of, ITAV_FIGURES_TARGETS, f), ITAV_OK);
    ck_assert_int_eq(itav_offer_add_figure(of, (itav_figure_list)4, f), ITAV_EINVAL);
    itav_figure_free(f);
    ck_assert_uint_eq(itav_offer_figure_count(of, ITAV_FIGURES_TARGETS), 1);
    ck_assert_uint_eq(itav_offer_figure_count(of, ITAV_FIGURES_REACH), 0);
    ck_assert_str_eq(itav_figure_get_where(itav_offer_figure(of, ITAV_FIGURES_TARGETS, 0)),
                     "Haarlem");
    ck_assert_int_eq(itav_offer_set_source(of, "start", "002:L1"), ITAV_OK);
    ck_assert_int_eq(itav_offer_set_source(of, "since", "002:L1"), ITAV_EINVAL);
    ck_assert_str_eq(itav_offer_source(of, "start"), "002:L1");
    ck_assert_int_eq(itav_offer_dup(&copy, of), ITAV_OK);
    ck_assert_int_eq(itav_offer_to_json(&a, of), ITAV_OK);
    ck_assert_int_eq(itav_offer_to_json(&b, copy), ITAV_OK);
    ck_assert_str_eq(a, b);
    ck_assert_ptr_nonnull(strstr(a, "\"start\": \"2021-01-01\""));
    ck_assert_int_eq(itav_offer_remove_figure(of, ITAV_FIGURES_TARGETS, 0), ITAV_OK);
    ck_assert_int_eq(itav_offer_remove_figure(of, ITAV_FIGURES_TARGETS, 0), ITAV_ERANGE);
    itav_free(a);
    itav_free(b);
    itav_offer_free(of);
    itav_offer_free(copy);
}
END_TEST

/* Outcomes of an intervention and milestones of an offer (itav/outcome.h, itav/milestone.h):
 * kept in their order, copied by dup, stored in SQLite, and bad input changes nothing. */
START_TEST(outcomes_and_milestones)
{
    itav_db *db;
    itav_intervention *iv, *copy, *back;
    itav_offer *of, *ofback;
    itav_figure *fig, *text;
    itav_outcome *follow, *design;
    itav_milestone *m1, *m2;
    char path[] = "/tmp/itav-evidence-XXXXXX", uri[64];
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    unlink(path);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);

    ck_assert_int_eq(itav_figure_new(&fig, "families in touch after two years", ITAV_QTY_RANGE,
                                     35, 40, "35-40% van de gezinnen"), ITAV_OK);
    ck_assert_int_eq(itav_figure_set_source(fig, "001:L477"), ITAV_OK);
    ck_assert_int_eq(itav_figure_new(&text, "a baseline and a follow-up", ITAV_QTY_TEXT, 0, 0,
                                     "0-meting"), ITAV_OK);
    ck_assert_int_eq(itav_outcome_new(&follow, ITAV_OUTCOME_FOLLOW_UP, fig), ITAV_OK);
    ck_assert_int_eq(itav_outcome_new(&design, ITAV_OUTCOME_MEASUREMENT_DESIGN, text), ITAV_OK);
    /* the outcome holds a copy: changing the caller's figure leaves it alone */
    ck_assert_int_eq(itav_figure_set_source(fig, "001:L1"), ITAV_OK);
    ck_assert_str_eq(itav_figure_get_source(itav_outcome_get_figure(follow)), "001:L477");
    ck_assert_int_eq(itav_outcome_new(&design, (itav_outcome_kind)7, text), ITAV_EINVAL);
    ck_assert_int_eq(itav_outcome_new(&design, (itav_outcome_kind)0, text), ITAV_EINVAL);

    ck_assert_int_eq(itav_intervention_new(&iv, "bg"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "BG"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_add_outcome(iv, follow), ITAV_OK);
    ck_assert_int_eq(itav_intervention_add_outcome(iv, design), ITAV_OK);
    ck_assert_int_eq(itav_intervention_add_outcome(iv, NULL), ITAV_EINVAL);
    ck_assert_uint_eq(itav_intervention_outcome_count(iv), 2);
    ck_assert_int_eq(itav_intervention_dup(&copy, iv), ITAV_OK);
    ck_assert_int_eq(itav_intervention_remove_outcome(copy, 0), ITAV_OK);
    ck_assert_int_eq(itav_intervention_remove_outcome(copy, 1), ITAV_ERANGE);
    ck_assert_uint_eq(itav_intervention_outcome_count(copy), 1);
    ck_assert_int_eq(itav_outcome_get_kind(itav_intervention_outcome(copy, 0)),
                     ITAV_OUTCOME_MEASUREMENT_DESIGN);
    ck_assert_uint_eq(itav_intervention_outcome_count(iv), 2); /* the original is untouched */
    ck_assert_int_eq(itav_intervention_create(db, iv), ITAV_OK);
    ck_assert_int_eq(itav_intervention_get(&back, db, "bg"), ITAV_OK);
    ck_assert_uint_eq(itav_intervention_outcome_count(back), 2);
    const itav_figure *got = itav_outcome_get_figure(itav_intervention_outcome(back, 0));
    ck_assert_int_eq(itav_figure_get_qualifier(got), ITAV_QTY_RANGE);
    ck_assert_double_eq(itav_figure_get_min(got), 35);
    ck_assert_str_eq(itav_figure_get_text(got), "35-40% van de gezinnen");
    got = itav_outcome_get_figure(itav_intervention_outcome(back, 1));
    ck_assert_int_eq(itav_figure_get_qualifier(got), ITAV_QTY_TEXT);
    ck_assert_ptr_null(itav_intervention_outcome(back, 2));

    /* milestones: a date, a period or both; never neither */
    ck_assert_int_eq(itav_milestone_new(&m1, ITAV_MILESTONE_ACHIEVED, ITAV_DATE_NONE, NULL,
                                        "adopted"), ITAV_EINVAL);
    ck_assert_int_eq(itav_milestone_new(&m1, ITAV_MILESTONE_ACHIEVED, ITAV_DATE_NONE, "",
                                        "adopted"), ITAV_EINVAL);
    ck_assert_int_eq(itav_milestone_new(&m1, (itav_milestone_status)6, ITAV_DATE_NONE, "2020",
                                        "adopted"), ITAV_EINVAL);
    ck_assert_int_eq(itav_milestone_new(&m1, ITAV_MILESTONE_ACHIEVED, date_of("2020-11-10"),
                                        NULL, "the agenda was adopted"), ITAV_OK);
    ck_assert_int_eq(itav_milestone_set_source(m1, "000:L390"), ITAV_OK);
    ck_assert_int_eq(itav_milestone_set_source(m1, "L390"), ITAV_EINVAL);
    ck_assert_str_eq(itav_milestone_get_source(m1), "000:L390");
    ck_assert_int_eq(itav_milestone_set_text(m1, "Op 10 november 2020"), ITAV_OK);
    ck_assert_int_eq(itav_milestone_new(&m2, ITAV_MILESTONE_DELAYED, ITAV_DATE_NONE, "2020",
                                        "slowed down because of corona"), ITAV_OK);
    ck_assert_int_eq(itav_milestone_get_date(m2), ITAV_DATE_NONE);
    ck_assert_ptr_null(itav_milestone_get_text(m2));
    ck_assert_int_eq(itav_offer_new(&of, "bg-hw", "bg"), ITAV_OK);
    ck_assert_int_eq(itav_offer_add_milestone(of, m1), ITAV_OK);
    ck_assert_int_eq(itav_offer_add_milestone(of, m2), ITAV_OK);
    ck_assert_int_eq(itav_offer_create(db, of), ITAV_OK);
    ck_assert_int_eq(itav_offer_get(&ofback, db, "bg-hw"), ITAV_OK);
    ck_assert_uint_eq(itav_offer_milestone_count(ofback), 2);
    const itav_milestone *gm = itav_offer_milestone(ofback, 0);
    ck_assert_int_eq(itav_milestone_get_status(gm), ITAV_MILESTONE_ACHIEVED);
    ck_assert_int_eq(itav_milestone_get_date(gm), date_of("2020-11-10"));
    ck_assert_ptr_null(itav_milestone_get_period(gm));
    ck_assert_str_eq(itav_milestone_get_what(gm), "the agenda was adopted");
    ck_assert_str_eq(itav_milestone_get_text(gm), "Op 10 november 2020");
    ck_assert_str_eq(itav_milestone_get_period(itav_offer_milestone(ofback, 1)), "2020");
    ck_assert_int_eq(itav_offer_remove_milestone(ofback, 0), ITAV_OK);
    ck_assert_int_eq(itav_milestone_get_status(itav_offer_milestone(ofback, 0)),
                     ITAV_MILESTONE_DELAYED);
    ck_assert_int_eq(itav_offer_remove_milestone(ofback, 1), ITAV_ERANGE);

    itav_offer_free(ofback);
    itav_offer_free(of);
    itav_milestone_free(m1);
    itav_milestone_free(m2);
    itav_intervention_free(back);
    itav_intervention_free(copy);
    itav_intervention_free(iv);
    itav_outcome_free(follow);
    itav_outcome_free(design);
    itav_figure_free(fig);
    itav_figure_free(text);
    itav_close(db);
    unlink(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("objects");
    TCase *tc = tcase_create("objects");
    tcase_add_test(tc, ids_must_be_slugs);
    tcase_add_test(tc, intervention_fields);
    tcase_add_test(tc, roles_and_figures);
    tcase_add_test(tc, profiles_and_their_sources);
    tcase_add_test(tc, dup_and_json_preserve_everything);
    tcase_add_test(tc, from_json_reports_the_path);
    tcase_add_test(tc, factors_of_an_intervention);
    tcase_add_test(tc, offer_fields);
    tcase_add_test(tc, outcomes_and_milestones);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
