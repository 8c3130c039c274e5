/* Versions, result codes, enum codes, dates and elements. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

START_TEST(version_matches_headers)
{
    ck_assert_str_eq(itav_version(), ITAV_VERSION_STRING);
    ck_assert_int_eq(itav_version_number(), ITAV_VERSION_NUMBER);
}
END_TEST

START_TEST(strerror_names_every_code)
{
    for (int code = ITAV_ERANGE; code <= ITAV_ITEROVER; code++) {
        ck_assert_str_ne(itav_strerror(code), "unknown error");
        for (int other = ITAV_ERANGE; other < code; other++)
            ck_assert_str_ne(itav_strerror(code), itav_strerror(other));
    }
    ck_assert_str_eq(itav_strerror(-999), "unknown error");
}
END_TEST

START_TEST(codes_round_trip)
{
    int n = 0;
    for (int type = ITAV_CODE_KIND; type <= ITAV_CODE_PROFILE_SOURCE; type++) {
        for (int v = 1; v <= 64; v++) {
            const char *name = itav_code_name((itav_code_type)type, v);
            int back = -1;
            if (!name)
                continue;
            n++;
            ck_assert_int_eq(itav_code_parse(&back, (itav_code_type)type, name), ITAV_OK);
            ck_assert_int_eq(back, v);
        }
        ck_assert_ptr_null(itav_code_name((itav_code_type)type, 0));
    }
    ck_assert_int_eq(n, 5 + 3 + 3 + 3 + 5 + 6 + 4 + 7 + 2 + 3); /* qualifier: about_range (0.4) */
    int out = 42;
    ck_assert_int_eq(itav_code_parse(&out, ITAV_CODE_SETTING, "Informal"), ITAV_ENOTFOUND);
    ck_assert_int_eq(out, 42);
    ck_assert_int_eq(itav_code_parse(&out, (itav_code_type)99, "informal"), ITAV_EINVAL);
    ck_assert_int_eq(itav_code_parse(NULL, ITAV_CODE_SETTING, "informal"), ITAV_EINVAL);
    ck_assert_ptr_null(itav_code_name((itav_code_type)99, 1));
    ck_assert_str_eq(itav_code_name(ITAV_CODE_QUALIFIER, ITAV_QTY_AT_LEAST), "at_least");
    ck_assert_str_eq(itav_code_name(ITAV_CODE_AUDIENCE, ITAV_AUDIENCE_EXPECTING_PARENTS),
                     "expecting_parents");
}
END_TEST

START_TEST(dates_parse_and_format)
{
    int32_t d;
    char buf[ITAV_DATE_BUFSIZE];
    ck_assert_int_eq(itav_date_parse(&d, "1970-01-01"), ITAV_OK);
    ck_assert_int_eq(d, 0);
    ck_assert_int_eq(itav_date_parse(&d, "2000-03-01"), ITAV_OK);
    ck_assert_int_eq(d, 11017);
    ck_assert_int_eq(itav_date_parse(&d, "1969-12-31"), ITAV_OK);
    ck_assert_int_eq(d, -1);
    ck_assert_int_eq(itav_date_parse(&d, "2024-02-29"), ITAV_OK);
    ck_assert_int_eq(itav_date_format(buf, sizeof buf, d), ITAV_OK);
    ck_assert_str_eq(buf, "2024-02-29");
    /* every day from 1900 to 2100 survives format and parse, in order */
    int32_t first, last, prev = 0;
    ck_assert_int_eq(itav_date_from_ymd(&first, 1900, 1, 1), ITAV_OK);
    ck_assert_int_eq(itav_date_from_ymd(&last, 2100, 12, 31), ITAV_OK);
    for (int32_t x = first; x <= last; x++) {
        int y, m, dd;
        ck_assert_int_eq(itav_date_format(buf, sizeof buf, x), ITAV_OK);
        ck_assert_int_eq(itav_date_parse(&d, buf), ITAV_OK);
        ck_assert_int_eq(d, x);
        ck_assert_int_eq(itav_date_to_ymd(&y, &m, &dd, x), ITAV_OK);
        if (x > first)
            ck_assert_int_eq(y * 10000 + m * 100 + dd > prev, 1);
        prev = y * 10000 + m * 100 + dd;
    }
}
END_TEST

START_TEST(dates_refuse_bad_input)
{
    static const char *const bad[] = {"2021-02-29", "2100-02-29", "2021-13-01", "2021-00-10",
        "2021-04-31", "2021-4-01", "21-04-01", "2021-04-01T00:00", "2021/04/01", "1899-12-31",
        "", "2021-04-0a", " 2021-04-01", "2021-04-01 "};
    int32_t d = 77;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_msg(itav_date_parse(&d, bad[i]) == ITAV_EINVAL, "accepted \"%s\"", bad[i]);
        ck_assert_int_eq(d, 77);
    }
    ck_assert_int_eq(itav_date_parse(NULL, "2021-01-01"), ITAV_EINVAL);
    ck_assert_int_eq(itav_date_parse(&d, NULL), ITAV_EINVAL);
    char buf[ITAV_DATE_BUFSIZE];
    ck_assert_int_eq(itav_date_format(buf, 10, 0), ITAV_ERANGE);
    ck_assert_int_eq(itav_date_format(buf, sizeof buf, ITAV_DATE_NONE), ITAV_ERANGE);
    ck_assert_int_eq(itav_date_format(NULL, 11, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_date_from_ymd(&d, 2021, 2, 29), ITAV_EINVAL);
    int y, m, dd;
    ck_assert_int_eq(itav_date_to_ymd(&y, &m, &dd, ITAV_DATE_NONE), ITAV_ERANGE);
    ck_assert_int_eq(itav_date_to_ymd(NULL, &m, &dd, 0), ITAV_EINVAL);
}
END_TEST

START_TEST(elements_codes_and_labels)
{
    static const char *const codes[] = {"doubts_normal", "informal_support", "low_threshold",
        "equality", "demand_led", "broad_context", "positive_focus", "no_problematising"};
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
        itav_element back;
        ck_assert_str_eq(itav_element_code((itav_element)e), codes[e - 1]);
        ck_assert_int_eq(itav_element_from_code(&back, codes[e - 1]), ITAV_OK);
        ck_assert_int_eq(back, e);
        ck_assert_ptr_nonnull(itav_element_label((itav_element)e, ITAV_LANG_EN));
        ck_assert_ptr_nonnull(itav_element_label((itav_element)e, ITAV_LANG_NL));
    }
    ck_assert_str_eq(itav_element_label(ITAV_ELEMENT_LOW_THRESHOLD, ITAV_LANG_NL),
                     "Toegang tot steun is laagdrempelig");
    ck_assert_ptr_null(itav_element_code((itav_element)0));
    ck_assert_ptr_null(itav_element_code((itav_element)9));
    ck_assert_ptr_null(itav_element_label(ITAV_ELEMENT_EQUALITY, (itav_lang)3));
    itav_element e = ITAV_ELEMENT_EQUALITY;
    ck_assert_int_eq(itav_element_from_code(&e, "Equality"), ITAV_ENOTFOUND);
    ck_assert_int_eq(e, ITAV_ELEMENT_EQUALITY);
    ck_assert_int_eq(itav_element_from_code(NULL, "equality"), ITAV_EINVAL);
}
END_TEST

/* Wordings as the seeds print them (seed 001 unless said otherwise), with their element. */
static const struct { const char *text; itav_element e; } wordings[] = {
    {"- Twijfels en kwetsbaarheid zijn normaal.", ITAV_ELEMENT_DOUBTS_NORMAL},          /* L89 */
    {"- Steun is waar mogelijk informeel.", ITAV_ELEMENT_INFORMAL_SUPPORT},             /* L90 */
    {"- Steun is (waar mogelijk) informeel.", ITAV_ELEMENT_INFORMAL_SUPPORT},           /* L904 */
    {"- Toegang tot steun is laagdrempelig.", ITAV_ELEMENT_LOW_THRESHOLD},              /* L91 */
    {"- Gelijkwaardigheid jeugdigen/ouders en ondersteuners/hulpverleners.",
     ITAV_ELEMENT_EQUALITY},                                                            /* L92 */
    {"## **Gelijkwaardigheid jongeren/ouders en ondersteuners/hulpverleners**",
     ITAV_ELEMENT_EQUALITY},                                                            /* L295 */
    {"## **Gelijkwaardigheid jeugdigen/ ouders en ondersteuners/ hulpverleners**",
     ITAV_ELEMENT_EQUALITY},                                                            /* L2152 */
    {"- Vraag/behoefte van jeugdigen/ouders is leidend.", ITAV_ELEMENT_DEMAND_LED},     /* L93 */
    {"## **Vraag/behoefte van jongeren/ouders is leidend**", ITAV_ELEMENT_DEMAND_LED},  /* L299 */
    {"- Ondersteuners/hulpverleners: oog voor brede opgroei- en opvoedcontext.",
     ITAV_ELEMENT_BROAD_CONTEXT},                                                       /* L94 */
    {"## ***Ondersteuners/hulpverleners: oog voor brede context- en opvoedcontext***",
     ITAV_ELEMENT_BROAD_CONTEXT},                                                       /* L1665 */
    {"- Aandacht voor positieve zaken.", ITAV_ELEMENT_POSITIVE_FOCUS},                  /* L95 */
    {"## **Positieve insteek Aandacht voor positieve zaken**", ITAV_ELEMENT_POSITIVE_FOCUS},
    {"- Vermijden problematiseren en medicaliseren waar het kan.",
     ITAV_ELEMENT_NO_PROBLEMATISING},                                                   /* L96 */
    {"- Niet onnodig problematiseren en medicaliseren.", ITAV_ELEMENT_NO_PROBLEMATISING},
    {"## **Vermijden van problematiseren en medicaliseren**",
     ITAV_ELEMENT_NO_PROBLEMATISING},                                                   /* L839 */
    {"- Vermijden problematiseren en medicaliseren (waar het kan).",
     ITAV_ELEMENT_NO_PROBLEMATISING},                                                   /* L909 */
    {"TWIJFELS EN KWETSBAARHEID ZIJN NORMAAL", ITAV_ELEMENT_DOUBTS_NORMAL},
    {"positive_focus", ITAV_ELEMENT_POSITIVE_FOCUS},
    {"Attention to what goes well", ITAV_ELEMENT_POSITIVE_FOCUS},
    {"  steun\xc2\xa0is waar mogelijk informeel...  ", ITAV_ELEMENT_INFORMAL_SUPPORT},
};

START_TEST(element_parse_seed_wordings)
{
    for (size_t i = 0; i < sizeof wordings / sizeof *wordings; i++) {
        itav_element e = 0;
        int rc = itav_element_parse(&e, wordings[i].text);
        ck_assert_msg(rc == ITAV_OK, "\"%s\" not recognised", wordings[i].text);
        ck_assert_msg(e == wordings[i].e, "\"%s\" gave %d, expected %d", wordings[i].text, e,
                      wordings[i].e);
    }
}
END_TEST

START_TEST(element_parse_refuses_other_text)
{
    static const char *const other[] = {"", "   ", "- .", "Steun is formeel",
        "Twijfels zijn normaal", "problematiseren", "informal", "equality equality"};
    itav_element e = ITAV_ELEMENT_EQUALITY;
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        ck_assert_msg(itav_element_parse(&e, other[i]) == ITAV_ENOTFOUND, "accepted \"%s\"",
                      other[i]);
    ck_assert_int_eq(e, ITAV_ELEMENT_EQUALITY);
    ck_assert_int_eq(itav_element_parse(NULL, "equality"), ITAV_EINVAL);
    ck_assert_int_eq(itav_element_parse(&e, NULL), ITAV_EINVAL);
    char longtext[1000];
    memset(longtext, 'a', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    ck_assert_int_eq(itav_element_parse(&e, longtext), ITAV_ENOTFOUND);
}
END_TEST

/* The working factors of seed 004 (itav/factor.h): codes, labels, sources, sets. */
START_TEST(factors_codes_and_labels)
{
    static const char *const codes[ITAV_FACTOR_COUNT] = {"right_people", "joint_search",
        "unconventional", "celebrate_success", "youth_world", "craftsmanship", "opportunities",
        "residents_take_part", "political_support", "trust_short_lines", "use_what_exists",
        "low_threshold_contact", "long_term", "know_what_works"};
    for (int f = 1; f <= ITAV_FACTOR_COUNT; f++) {
        itav_factor back = 0;
        char ref[16];
        ck_assert_str_eq(itav_factor_code((itav_factor)f), codes[f - 1]);
        ck_assert_int_eq(itav_factor_from_code(&back, codes[f - 1]), ITAV_OK);
        ck_assert_int_eq(back, f);
        ck_assert_ptr_nonnull(itav_factor_label((itav_factor)f, ITAV_LANG_EN));
        ck_assert_ptr_nonnull(itav_factor_label((itav_factor)f, ITAV_LANG_NL));
        /* the seed states them four lines apart from line 413 on */
        snprintf(ref, sizeof ref, "004:L%d", 413 + 4 * (f - 1));
        ck_assert_str_eq(itav_factor_source((itav_factor)f), ref);
        ck_assert_int_eq(itav_factorset_has(ITAV_FACTORSET_ALL, (itav_factor)f), 1);
        ck_assert_int_eq(itav_factorset_has(0, (itav_factor)f), 0);
    }
    ck_assert_str_eq(itav_factor_label(ITAV_FACTOR_KNOW_WHAT_WORKS, ITAV_LANG_NL),
                     "Weet wat werkt");
    /* "Alle gemeenten": the first, the ninth and the tenth */
    int all = 0;
    for (int f = 1; f <= ITAV_FACTOR_COUNT; f++)
        all += itav_factor_credited_to_all((itav_factor)f);
    ck_assert_int_eq(all, 3);
    ck_assert(itav_factor_credited_to_all(ITAV_FACTOR_RIGHT_PEOPLE) &&
              itav_factor_credited_to_all(ITAV_FACTOR_POLITICAL_SUPPORT) &&
              itav_factor_credited_to_all(ITAV_FACTOR_TRUST_SHORT_LINES));
    itav_factor out = ITAV_FACTOR_LONG_TERM;
    ck_assert_int_eq(itav_factor_from_code(&out, "Right_people"), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_factor_from_code(&out, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_factor_from_code(NULL, "long_term"), ITAV_EINVAL);
    ck_assert_int_eq(out, ITAV_FACTOR_LONG_TERM); /* unchanged */
    ck_assert_ptr_null(itav_factor_code((itav_factor)0));
    ck_assert_ptr_null(itav_factor_code((itav_factor)15));
    ck_assert_ptr_null(itav_factor_label(ITAV_FACTOR_LONG_TERM, (itav_lang)3));
    ck_assert_ptr_null(itav_factor_source((itav_factor)15));
    ck_assert_int_eq(itav_factor_credited_to_all((itav_factor)0), 0);
    ck_assert_int_eq(itav_factorset_has(ITAV_FACTORSET_ALL, (itav_factor)15), 0);
    ck_assert_uint_eq(ITAV_FACTORSET_ALL, (1u << ITAV_FACTOR_COUNT) - 1);
}
END_TEST

START_TEST(elemsets)
{
    itav_elemset s = 0;
    s = itav_elemset_add(s, ITAV_ELEMENT_INFORMAL_SUPPORT);
    s = itav_elemset_add(s, ITAV_ELEMENT_EQUALITY);
    s = itav_elemset_add(s, ITAV_ELEMENT_DEMAND_LED);
    s = itav_elemset_add(s, ITAV_ELEMENT_DEMAND_LED);
    ck_assert_int_eq(itav_elemset_count(s), 3);
    ck_assert_uint_eq(s, (1u << 1) | (1u << 3) | (1u << 4));
    ck_assert_int_eq(itav_elemset_has(s, ITAV_ELEMENT_EQUALITY), 1);
    ck_assert_int_eq(itav_elemset_has(s, ITAV_ELEMENT_LOW_THRESHOLD), 0);
    ck_assert_int_eq(itav_elemset_has(s, (itav_element)0), 0);
    s = itav_elemset_remove(s, ITAV_ELEMENT_EQUALITY);
    ck_assert_int_eq(itav_elemset_count(s), 2);
    ck_assert_uint_eq(itav_elemset_add(s, (itav_element)9), s);
    ck_assert_int_eq(itav_elemset_count(ITAV_ELEMSET_ALL), 8);
    ck_assert_int_eq(itav_elemset_count(0xFFFFFFFFu), 8);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("basics");
    TCase *tc = tcase_create("basics");
    tcase_add_test(tc, version_matches_headers);
    tcase_add_test(tc, strerror_names_every_code);
    tcase_add_test(tc, codes_round_trip);
    tcase_add_test(tc, dates_parse_and_format);
    tcase_add_test(tc, dates_refuse_bad_input);
    tcase_add_test(tc, elements_codes_and_labels);
    tcase_add_test(tc, element_parse_seed_wordings);
    tcase_add_test(tc, element_parse_refuses_other_text);
    tcase_add_test(tc, elemsets);
    tcase_add_test(tc, factors_codes_and_labels);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
