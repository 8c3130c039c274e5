/* Participants: the object and its validation, languages, the JSON record, and the store
 * operations (run on every store, like test_store.c). */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static itav_participant *make(const char *ref, const char *offer, itav_participant_kind kind)
{
    itav_participant *p;
    ck_assert_int_eq(itav_participant_new(&p, ref, offer, kind), ITAV_OK);
    return p;
}

/* Every attribute set, on the supporting side. */
static itav_participant *make_full(void)
{
    itav_participant *p = make("bg-zk-s001", "bg-haarlem", ITAV_PARTICIPANT_SUPPORT_FAMILY);
    ck_assert_int_eq(itav_participant_set_municipality(p, "Haarlem"), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_postcode(p, "2011"), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_location(p, 52.3874, 4.6462), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_availability(
                         p, ITAV_SLOT(5, ITAV_MORNING) | ITAV_SLOT(2, ITAV_AFTERNOON)),
                     ITAV_OK);
    ck_assert_int_eq(itav_participant_set_support(p, ITAV_SUPPORT_SLEEPOVER |
                                                         ITAV_SUPPORT_DAYTIME_CARE),
                     ITAV_OK);
    ck_assert_int_eq(itav_participant_add_language(p, "nl"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_language(p, "ar"), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_language_required(p, 1), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_interest(p, "football"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_child(p, 48), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_child(p, 96), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_age_range(p, 0, 144), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_vog_date(p, D("2021-01-10")), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_trained(p, 1), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_capacity(p, 2), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_registered(p, D("2021-02-01")), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_max_distance(p, 5000), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_exclusion(p, "bg-zk-a007"), ITAV_OK);
    return p;
}

static char *to_json(const itav_participant *p)
{
    char *s;
    ck_assert_int_eq(itav_participant_to_json(&s, p), ITAV_OK);
    return s;
}

/* ---- languages ---- */

START_TEST(languages)
{
    char code[3] = "aa";
    int known = 0;
    for (code[0] = 'a'; code[0] <= 'z'; code[0]++)
        for (code[1] = 'a'; code[1] <= 'z'; code[1]++)
            known += itav_language_known(code);
    /* 184 two-letter codes in iso-codes' ISO 639-3 list ("sh" among them) and the retired
     * "bh" kept for old data */
    ck_assert_int_eq(known, 185);
    ck_assert_int_eq(itav_language_known("bh"), 1);
    ck_assert_int_eq(itav_language_known("sh"), 1);
    ck_assert_int_eq(itav_language_known("nl"), 1);
    ck_assert_int_eq(itav_language_known("ar"), 1);
    ck_assert_int_eq(itav_language_known("tr"), 1);
    ck_assert_int_eq(itav_language_known("aa"), 1);
    ck_assert_int_eq(itav_language_known("zu"), 1);
    ck_assert_int_eq(itav_language_known("xx"), 0);
    ck_assert_int_eq(itav_language_known("NL"), 0);
    ck_assert_int_eq(itav_language_known("NLD"), 0);
    ck_assert_int_eq(itav_language_known("qqq"), 0);
    ck_assert_int_eq(itav_language_known("nlde"), 0);
    ck_assert_int_eq(itav_language_known("n"), 0);
    ck_assert_int_eq(itav_language_known(""), 0);
    ck_assert_int_eq(itav_language_known(NULL), 0);
}
END_TEST

/* ISO 639-3: Papiamento has no ISO 639-1 code; a language that has both is one language,
 * stored in its two-letter form. */
START_TEST(languages_iso_639_3)
{
    ck_assert_int_eq(itav_language_known("pap"), 1);
    ck_assert_int_eq(itav_language_known("nld"), 1);
    ck_assert_int_eq(itav_language_known("ary"), 1); /* Moroccan Arabic */
    ck_assert_str_eq(itav_language_canonical("pap"), "pap");
    ck_assert_str_eq(itav_language_canonical("nld"), "nl");
    ck_assert_str_eq(itav_language_canonical("nl"), "nl");
    ck_assert_str_eq(itav_language_canonical("ara"), "ar");
    ck_assert_str_eq(itav_language_canonical("hbs"), "sh");
    ck_assert_str_eq(itav_language_canonical("bh"), "bh");
    ck_assert_ptr_null(itav_language_canonical("xx"));
    ck_assert_ptr_null(itav_language_canonical("Pap"));
    ck_assert_ptr_null(itav_language_canonical(NULL));
    ck_assert_ptr_null(itav_language_canonical(""));

    itav_participant *p;
    ck_assert_int_eq(itav_participant_new(&p, "r1", "bg-zk", ITAV_PARTICIPANT_FAMILY), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_language(p, "pap"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_language(p, "nld"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_language(p, "nl"), ITAV_OK); /* the same: once */
    ck_assert_int_eq(itav_participant_add_language(p, "xyz"), ITAV_EINVAL);
    ck_assert_uint_eq(itav_participant_language_count(p), 2);
    ck_assert_str_eq(itav_participant_language(p, 0), "pap");
    ck_assert_str_eq(itav_participant_language(p, 1), "nl");
    itav_participant_free(p);
}
END_TEST

/* ---- the object ---- */

START_TEST(new_and_defaults)
{
    itav_participant *p = make("BG-zk_a.001", "bg-haarlem", ITAV_PARTICIPANT_FAMILY);
    ck_assert_str_eq(itav_participant_ref(p), "BG-zk_a.001");
    ck_assert_str_eq(itav_participant_offer(p), "bg-haarlem");
    ck_assert_int_eq(itav_participant_get_kind(p), ITAV_PARTICIPANT_FAMILY);
    ck_assert_int_eq(itav_participant_side(p), ITAV_SIDE_ASKING);
    ck_assert_int_eq(itav_participant_get_status(p), ITAV_PSTATUS_REGISTERED);
    ck_assert_int_eq(itav_participant_status_date(p), ITAV_DATE_NONE);
    ck_assert_ptr_null(itav_participant_municipality(p));
    ck_assert_ptr_null(itav_participant_postcode(p));
    double lat = 7, lon = 7;
    ck_assert_int_eq(itav_participant_location(p, &lat, &lon), 0);
    ck_assert(lat == 7 && lon == 7);
    ck_assert_uint_eq(itav_participant_availability(p), 0);
    ck_assert_uint_eq(itav_participant_support(p), 0);
    ck_assert_uint_eq(itav_participant_language_count(p), 0);
    ck_assert_ptr_null(itav_participant_language(p, 0));
    ck_assert_int_eq(itav_participant_language_required(p), 0);
    ck_assert_uint_eq(itav_participant_interest_count(p), 0);
    ck_assert_uint_eq(itav_participant_child_count(p), 0);
    ck_assert_int_eq(itav_participant_child_age(p, 0), -1);
    ck_assert_int_eq(itav_participant_age_range(p, NULL, NULL), 0);
    ck_assert_int_eq(itav_participant_vog_date(p), ITAV_DATE_NONE);
    ck_assert_int_eq(itav_participant_trained(p), 0);
    ck_assert_int_eq(itav_participant_capacity(p), 1);
    ck_assert_int_eq(itav_participant_registered(p), ITAV_DATE_NONE);
    ck_assert(itav_participant_max_distance(p) == 0);
    ck_assert_uint_eq(itav_participant_exclusion_count(p), 0);
    ck_assert_ptr_null(itav_participant_exclusion(p, 0));
    itav_participant_free(p);

    static const itav_participant_kind supporters[] = {ITAV_PARTICIPANT_SUPPORT_FAMILY,
        ITAV_PARTICIPANT_VOLUNTEER, ITAV_PARTICIPANT_BUDDY, ITAV_PARTICIPANT_PEER};
    for (size_t i = 0; i < 4; i++) {
        p = make("s1", "bg-haarlem", supporters[i]);
        ck_assert_int_eq(itav_participant_side(p), ITAV_SIDE_SUPPORTING);
        itav_participant_free(p);
    }
    p = make("a1", "bg-haarlem", ITAV_PARTICIPANT_YOUTH);
    ck_assert_int_eq(itav_participant_side(p), ITAV_SIDE_ASKING);
    itav_participant_free(p);
    p = make("0a", "bg-haarlem", ITAV_PARTICIPANT_PARENT);
    ck_assert_int_eq(itav_participant_side(p), ITAV_SIDE_ASKING);
    itav_participant_free(p);
    char longest[65];
    memset(longest, 'a', 64);
    longest[64] = '\0';
    p = make(longest, "bg-haarlem", ITAV_PARTICIPANT_PEER);
    itav_participant_free(p);

    /* refused: references, offers, kinds */
    char too_long[66];
    memset(too_long, 'a', 65);
    too_long[65] = '\0';
    static const char *const bad_refs[] = {"", "-a", ".a", "_a", "a b", "a/b", "ä", "~erased-1",
                                           "a\n"};
    p = NULL;
    for (size_t i = 0; i < sizeof bad_refs / sizeof *bad_refs; i++)
        ck_assert_int_eq(itav_participant_new(&p, bad_refs[i], "bg-haarlem",
                                              ITAV_PARTICIPANT_FAMILY),
                         ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_new(&p, too_long, "o", ITAV_PARTICIPANT_FAMILY),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_new(&p, NULL, "o", ITAV_PARTICIPANT_FAMILY), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_new(&p, "a", "Bad", ITAV_PARTICIPANT_FAMILY), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_new(&p, "a", NULL, ITAV_PARTICIPANT_FAMILY), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_new(&p, "a", "o", 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_new(&p, "a", "o", 8), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_new(NULL, "a", "o", ITAV_PARTICIPANT_FAMILY),
                     ITAV_EINVAL);
    ck_assert_ptr_null(p);

    /* NULL participants */
    ck_assert_ptr_null(itav_participant_ref(NULL));
    ck_assert_ptr_null(itav_participant_offer(NULL));
    ck_assert_int_eq(itav_participant_get_kind(NULL), 0);
    ck_assert_int_eq(itav_participant_side(NULL), 0);
    ck_assert_int_eq(itav_participant_get_status(NULL), 0);
    ck_assert_int_eq(itav_participant_capacity(NULL), 0);
    ck_assert_uint_eq(itav_participant_language_count(NULL), 0);
    ck_assert_uint_eq(itav_participant_interest_count(NULL), 0);
    ck_assert_uint_eq(itav_participant_child_count(NULL), 0);
    ck_assert_uint_eq(itav_participant_exclusion_count(NULL), 0);
    ck_assert_int_eq(itav_participant_location(NULL, NULL, NULL), 0);
    ck_assert_int_eq(itav_participant_dup(&p, NULL), ITAV_EINVAL);
    itav_participant_free(NULL);
}
END_TEST

START_TEST(setters)
{
    itav_participant *p = make("s1", "bg-haarlem", ITAV_PARTICIPANT_VOLUNTEER);
    double lat, lon;
    int32_t min, max;

    ck_assert_int_eq(itav_participant_set_municipality(p, "Zandvoort"), ITAV_OK);
    ck_assert_str_eq(itav_participant_municipality(p), "Zandvoort");
    ck_assert_int_eq(itav_participant_set_municipality(p, "\xff"), ITAV_EINVAL);
    ck_assert_str_eq(itav_participant_municipality(p), "Zandvoort");
    ck_assert_int_eq(itav_participant_set_municipality(p, ""), ITAV_OK);
    ck_assert_ptr_null(itav_participant_municipality(p));

    ck_assert_int_eq(itav_participant_set_postcode(p, "2042"), ITAV_OK);
    ck_assert_str_eq(itav_participant_postcode(p), "2042");
    static const char *const bad_postcodes[] = {"0123", "204", "20421", "2011 AB", "2011AB",
                                                "20a1", " 204"};
    for (size_t i = 0; i < sizeof bad_postcodes / sizeof *bad_postcodes; i++) {
        ck_assert_int_eq(itav_participant_set_postcode(p, bad_postcodes[i]), ITAV_EINVAL);
        ck_assert_str_eq(itav_participant_postcode(p), "2042");
    }
    ck_assert_int_eq(itav_participant_set_postcode(p, NULL), ITAV_OK);
    ck_assert_ptr_null(itav_participant_postcode(p));

    ck_assert_int_eq(itav_participant_set_location(p, 52.37, 4.53), ITAV_OK);
    ck_assert_int_eq(itav_participant_location(p, &lat, &lon), 1);
    ck_assert(lat == 52.37 && lon == 4.53);
    ck_assert_int_eq(itav_participant_location(p, NULL, NULL), 1);
    ck_assert_int_eq(itav_participant_set_location(p, -90, 180), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_location(p, 90, -180), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_location(p, 90.0001, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_location(p, -91, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_location(p, 0, 180.5), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_location(p, 0, -181), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_location(p, NAN, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_location(p, 0, NAN), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_location(p, &lat, &lon), 1);
    ck_assert(lat == 90 && lon == -180);
    ck_assert_int_eq(itav_participant_clear_location(p), ITAV_OK);
    ck_assert_int_eq(itav_participant_location(p, &lat, &lon), 0);

    ck_assert_int_eq(itav_participant_set_availability(p, ITAV_SLOT_ALL), ITAV_OK);
    ck_assert_uint_eq(itav_participant_availability(p), ITAV_SLOT_ALL);
    ck_assert_int_eq(itav_participant_set_availability(p, 1u << 21), ITAV_EINVAL);
    ck_assert_uint_eq(itav_participant_availability(p), ITAV_SLOT_ALL);
    ck_assert_int_eq(itav_participant_set_availability(p, ITAV_SLOT(6, ITAV_EVENING)), ITAV_OK);
    ck_assert_uint_eq(itav_participant_availability(p), 1u << 20);

    ck_assert_int_eq(itav_participant_set_support(p, ITAV_SUPPORT_ALL), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_support(p, 512), ITAV_EINVAL);
    ck_assert_uint_eq(itav_participant_support(p), ITAV_SUPPORT_ALL);
    ck_assert_int_eq(itav_participant_set_support(p, ITAV_SUPPORT_HOMEWORK), ITAV_OK);
    ck_assert_uint_eq(itav_participant_support(p), ITAV_SUPPORT_HOMEWORK);

    ck_assert_int_eq(itav_participant_add_language(p, "tr"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_language(p, "nl"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_language(p, "tr"), ITAV_OK); /* not twice */
    ck_assert_int_eq(itav_participant_add_language(p, "xx"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_language(p, "NL"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_language(p, NULL), ITAV_EINVAL);
    ck_assert_uint_eq(itav_participant_language_count(p), 2);
    ck_assert_str_eq(itav_participant_language(p, 0), "tr");
    ck_assert_str_eq(itav_participant_language(p, 1), "nl");
    ck_assert_ptr_null(itav_participant_language(p, 2));
    ck_assert_int_eq(itav_participant_clear_languages(p), ITAV_OK);
    ck_assert_uint_eq(itav_participant_language_count(p), 0);

    ck_assert_int_eq(itav_participant_set_language_required(p, 1), ITAV_OK);
    ck_assert_int_eq(itav_participant_language_required(p), 1);
    ck_assert_int_eq(itav_participant_set_language_required(p, 2), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_language_required(p, -1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_language_required(p), 1);
    ck_assert_int_eq(itav_participant_set_language_required(p, 0), ITAV_OK);
    ck_assert_int_eq(itav_participant_language_required(p), 0);

    ck_assert_int_eq(itav_participant_add_interest(p, "board-games"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_interest(p, "board-games"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_interest(p, "Football"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_interest(p, "board--games"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_interest(p, "-x"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_interest(p, ""), ITAV_EINVAL);
    ck_assert_uint_eq(itav_participant_interest_count(p), 1);
    ck_assert_str_eq(itav_participant_interest(p, 0), "board-games");
    ck_assert_ptr_null(itav_participant_interest(p, 1));
    ck_assert_int_eq(itav_participant_clear_interests(p), ITAV_OK);
    ck_assert_uint_eq(itav_participant_interest_count(p), 0);

    ck_assert_int_eq(itav_participant_add_child(p, 0), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_child(p, 300), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_child(p, 301), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_child(p, -1), ITAV_EINVAL);
    ck_assert_uint_eq(itav_participant_child_count(p), 2);
    ck_assert_int_eq(itav_participant_child_age(p, 1), 300);
    for (int i = 2; i < ITAV_CHILDREN_MAX; i++)
        ck_assert_int_eq(itav_participant_add_child(p, i), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_child(p, 5), ITAV_ERANGE);
    ck_assert_uint_eq(itav_participant_child_count(p), ITAV_CHILDREN_MAX);
    ck_assert_int_eq(itav_participant_clear_children(p), ITAV_OK);
    ck_assert_uint_eq(itav_participant_child_count(p), 0);

    ck_assert_int_eq(itav_participant_set_age_range(p, 12, 144), ITAV_OK);
    ck_assert_int_eq(itav_participant_age_range(p, &min, &max), 1);
    ck_assert_int_eq(min, 12);
    ck_assert_int_eq(max, 144);
    ck_assert_int_eq(itav_participant_set_age_range(p, 50, 49), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_age_range(p, -1, 10), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_age_range(p, 0, 301), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_age_range(p, 10, -1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_age_range(p, &min, &max), 1);
    ck_assert_int_eq(min, 12);
    ck_assert_int_eq(itav_participant_set_age_range(p, 7, 7), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_age_range(p, -1, -1), ITAV_OK);
    ck_assert_int_eq(itav_participant_age_range(p, &min, &max), 0);

    int32_t first = D("1900-01-01"), last = D("9999-12-31");
    ck_assert_int_eq(itav_participant_set_vog_date(p, first), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_vog_date(p, last), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_vog_date(p, first - 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_vog_date(p, last + 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_vog_date(p), last);
    ck_assert_int_eq(itav_participant_set_vog_date(p, ITAV_DATE_NONE), ITAV_OK);
    ck_assert_int_eq(itav_participant_vog_date(p), ITAV_DATE_NONE);
    ck_assert_int_eq(itav_participant_set_registered(p, first), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_registered(p, last + 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_registered(p), first);
    ck_assert_int_eq(itav_participant_set_registered(p, ITAV_DATE_NONE), ITAV_OK);
    ck_assert_int_eq(itav_participant_registered(p), ITAV_DATE_NONE);

    ck_assert_int_eq(itav_participant_set_trained(p, 1), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_trained(p, 3), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_trained(p), 1);

    ck_assert_int_eq(itav_participant_set_capacity(p, 100), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_capacity(p, 101), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_capacity(p, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_capacity(p, -3), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_capacity(p), 100);

    ck_assert_int_eq(itav_participant_set_max_distance(p, 20000000), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_max_distance(p, 20000000.5), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_max_distance(p, -1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_max_distance(p, NAN), ITAV_EINVAL);
    ck_assert(itav_participant_max_distance(p) == 20000000);
    ck_assert_int_eq(itav_participant_set_max_distance(p, 0), ITAV_OK);
    ck_assert(itav_participant_max_distance(p) == 0);

    ck_assert_int_eq(itav_participant_add_exclusion(p, "a7"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_exclusion(p, "a7"), ITAV_OK);
    ck_assert_int_eq(itav_participant_add_exclusion(p, "s1"), ITAV_EINVAL); /* itself */
    ck_assert_int_eq(itav_participant_add_exclusion(p, "a 7"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_exclusion(p, NULL), ITAV_EINVAL);
    ck_assert_uint_eq(itav_participant_exclusion_count(p), 1);
    ck_assert_str_eq(itav_participant_exclusion(p, 0), "a7");
    ck_assert_int_eq(itav_participant_clear_exclusions(p), ITAV_OK);
    ck_assert_uint_eq(itav_participant_exclusion_count(p), 0);
    itav_participant_free(p);

    /* the asking side always has capacity 1 */
    p = make("a1", "bg-haarlem", ITAV_PARTICIPANT_FAMILY);
    ck_assert_int_eq(itav_participant_set_capacity(p, 2), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_capacity(p, 1), ITAV_OK);
    itav_participant_free(p);

    /* every setter refuses a NULL participant */
    ck_assert_int_eq(itav_participant_set_municipality(NULL, "x"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_postcode(NULL, "2011"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_location(NULL, 0, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_clear_location(NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_availability(NULL, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_support(NULL, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_language(NULL, "nl"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_clear_languages(NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_language_required(NULL, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_interest(NULL, "x"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_clear_interests(NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_child(NULL, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_clear_children(NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_age_range(NULL, 1, 2), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_vog_date(NULL, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_trained(NULL, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_capacity(NULL, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_registered(NULL, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_max_distance(NULL, 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_exclusion(NULL, "x"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_clear_exclusions(NULL), ITAV_EINVAL);
}
END_TEST

START_TEST(dup_is_deep)
{
    itav_participant *p = make_full(), *c;
    ck_assert_int_eq(itav_participant_dup(&c, p), ITAV_OK);
    char *a = to_json(p), *b = to_json(c);
    ck_assert_str_eq(a, b);
    itav_participant_clear_languages(p);
    itav_participant_set_municipality(p, "Bloemendaal");
    itav_participant_free(p);
    ck_assert_str_eq(itav_participant_language(c, 1), "ar");
    ck_assert_str_eq(itav_participant_municipality(c), "Haarlem");
    itav_free(a);
    itav_free(b);
    itav_participant_free(c);
}
END_TEST

/* ---- JSON ---- */

START_TEST(json_canonical_and_round_trip)
{
    itav_participant *p = make_full(), *back;
    char *text = to_json(p);
    /* canonical member order; unset members and defaults are left out */
    static const char *const order[] = {"\"ref\"", "\"offer\"", "\"kind\"", "\"status\"",
        "\"municipality\"", "\"postcode\"", "\"location\"", "\"availability\"", "\"support\"",
        "\"languages\"", "\"language_required\"", "\"interests\"", "\"children\"",
        "\"age_range\"", "\"vog_date\"", "\"trained\"", "\"capacity\"", "\"registered\"",
        "\"max_distance_m\"", "\"exclusions\""};
    const char *at = text;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        const char *next = strstr(at, order[i]);
        ck_assert_msg(next, "%s missing or out of order in %s", order[i], text);
        at = next;
    }
    ck_assert_ptr_null(strstr(text, "status_date"));
    ck_assert_ptr_nonnull(strstr(text, "\"kind\": \"support_family\""));
    ck_assert_ptr_nonnull(strstr(text, "\"status\": \"registered\""));
    ck_assert_ptr_nonnull(strstr(text, "\"availability\": [\n    \"wed_afternoon\",\n    "
                                       "\"sat_morning\"\n  ]"));
    ck_assert_ptr_nonnull(strstr(text, "\"support\": [\n    \"daytime_care\",\n    "
                                       "\"sleepover\"\n  ]"));
    ck_assert_ptr_nonnull(strstr(text, "\"vog_date\": \"2021-01-10\""));
    ck_assert_ptr_nonnull(strstr(text, "\"max_distance_m\": 5000"));
    ck_assert_int_eq(text[strlen(text) - 1], '\n');

    ck_assert_int_eq(itav_participant_from_json(&back, NULL, text), ITAV_OK);
    char *again = to_json(back);
    ck_assert_str_eq(text, again);
    double lat, lon;
    ck_assert_int_eq(itav_participant_location(back, &lat, &lon), 1);
    ck_assert(lat == 52.3874 && lon == 4.6462);
    ck_assert_int_eq(itav_participant_capacity(back), 2);
    ck_assert_int_eq(itav_participant_child_age(back, 1), 96);
    itav_free(text);
    itav_free(again);
    itav_participant_free(back);
    itav_participant_free(p);

    /* the least a participant has */
    p = make("a1", "bg-haarlem", ITAV_PARTICIPANT_FAMILY);
    text = to_json(p);
    ck_assert_str_eq(text, "{\n  \"ref\": \"a1\",\n  \"offer\": \"bg-haarlem\",\n  \"kind\": "
                           "\"family\",\n  \"status\": \"registered\"\n}\n");
    ck_assert_int_eq(itav_participant_from_json(&back, NULL, text), ITAV_OK);
    again = to_json(back);
    ck_assert_str_eq(text, again);
    itav_free(text);
    itav_free(again);
    itav_participant_free(back);
    itav_participant_free(p);

    /* explicit defaults, any order of codes, and an erased participant read back */
    ck_assert_int_eq(itav_participant_from_json(&back, NULL,
        "{\"ref\":\"a1\",\"offer\":\"o\",\"kind\":\"youth\",\"status\":\"waiting\","
        "\"capacity\":1,\"trained\":false,\"language_required\":false,\"max_distance_m\":0,"
        "\"availability\":[\"sun_evening\",\"mon_morning\"],\"location\":{\"lon\":4,\"lat\":52}}"),
        ITAV_OK);
    ck_assert_uint_eq(itav_participant_availability(back), ITAV_SLOT(0, 0) | ITAV_SLOT(6, 2));
    ck_assert_int_eq(itav_participant_get_status(back), ITAV_PSTATUS_WAITING);
    text = to_json(back);
    ck_assert_ptr_null(strstr(text, "capacity"));
    ck_assert_ptr_null(strstr(text, "trained"));
    ck_assert_ptr_nonnull(strstr(text, "\"mon_morning\",\n    \"sun_evening\""));
    itav_free(text);
    itav_participant_free(back);
    ck_assert_int_eq(itav_participant_from_json(&back, NULL,
        "{\"ref\":\"~erased-12\",\"offer\":\"o\",\"kind\":\"family\",\"status\":\"erased\"}"),
        ITAV_OK);
    ck_assert_str_eq(itav_participant_ref(back), "~erased-12");
    itav_participant_free(back);

    ck_assert_int_eq(itav_participant_to_json(NULL, p = make("a", "o", 1)), ITAV_EINVAL);
    itav_participant_free(p);
    ck_assert_int_eq(itav_participant_to_json(&text, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_from_json(NULL, NULL, "{}"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_from_json(&back, NULL, NULL), ITAV_EINVAL);
}
END_TEST

#define HEAD "{\"ref\":\"a1\",\"offer\":\"o\",\"kind\":\"family\",\"status\":\"registered\""
#define SUPP "{\"ref\":\"s1\",\"offer\":\"o\",\"kind\":\"volunteer\",\"status\":\"registered\""

START_TEST(json_errors_name_the_path)
{
    static const struct { const char *json, *message; } cases[] = {
        {"[1]", "$: expected an object, found an array"},
        {"{\"ref\":\"a1\"", "<record>:1:"},
        {"{\"ref\":\"a1\",\"offer\":\"o\",\"kind\":\"family\"}",
         "$: required member \"status\" is missing"},
        {HEAD ",\"name\":\"Jan\"}", "$.name: unknown member \"name\""},
        {"{\"ref\":\"a 1\",\"offer\":\"o\",\"kind\":\"family\",\"status\":\"registered\"}",
         "$.ref: \"a 1\" is not a valid reference"},
        {"{\"ref\":\"a1\",\"offer\":\"O\",\"kind\":\"family\",\"status\":\"registered\"}",
         "$.offer: \"O\" is not a valid id"},
        {"{\"ref\":\"a1\",\"offer\":\"o\",\"kind\":\"cat\",\"status\":\"registered\"}",
         "$.kind: unknown value \"cat\" (expected one of: family, youth"},
        {"{\"ref\":\"a1\",\"offer\":\"o\",\"kind\":\"family\",\"status\":\"\"}",
         "$.status: must not be empty"},
        {"{\"ref\":\"a1\",\"offer\":\"o\",\"kind\":\"family\",\"status\":\"available\"}",
         "$.status: available is for the supporting side only"},
        {"{\"ref\":\"s1\",\"offer\":\"o\",\"kind\":\"buddy\",\"status\":\"waiting\"}",
         "$.status: waiting is for the asking side only"},
        {"{\"ref\":\"a1\",\"offer\":\"o\",\"kind\":\"family\",\"status\":\"erased\"}",
         "$.status: an erased participant has a reference \"~erased-N\""},
        {"{\"ref\":\"~erased-1\",\"offer\":\"o\",\"kind\":\"family\",\"status\":\"waiting\"}",
         "$.status: \"~erased-1\" is the reference of an erased participant"},
        {HEAD ",\"status_date\":\"2021-13-01\"}", "$.status_date: \"2021-13-01\" is not a date"},
        {HEAD ",\"vog_date\":\"01-02-2021\"}", "$.vog_date: \"01-02-2021\" is not a date"},
        {HEAD ",\"registered\":\"1899-12-31\"}", "$.registered: \"1899-12-31\" is not a date"},
        {HEAD ",\"municipality\":3}", "$.municipality: expected a string, found an integer"},
        {HEAD ",\"postcode\":\"2011 AB\"}", "$.postcode: \"2011 AB\" is not a postcode area"},
        {HEAD ",\"location\":{\"lat\":52}}", "$.location: required member \"lon\" is missing"},
        {HEAD ",\"location\":{\"lat\":91,\"lon\":4}}",
         "$.location.lat: latitude 91 is out of range (-90 to 90)"},
        {HEAD ",\"location\":{\"lat\":52,\"lon\":-200}}",
         "$.location.lon: longitude -200 is out of range (-180 to 180)"},
        {HEAD ",\"location\":{\"lat\":\"52\",\"lon\":4}}",
         "$.location.lat: expected a number, found a string"},
        {HEAD ",\"location\":{\"lat\":52,\"lon\":4,\"alt\":0}}",
         "$.location.alt: unknown member \"alt\""},
        {HEAD ",\"availability\":[\"mon_morning\",\"mon_night\"]}",
         "$.availability[1]: unknown code \"mon_night\" (expected mon_morning"},
        {HEAD ",\"availability\":\"mon_morning\"}",
         "$.availability: expected an array of codes, found a string"},
        {HEAD ",\"support\":[\"hugs\"]}", "$.support[0]: unknown code \"hugs\""},
        {HEAD ",\"languages\":[\"nl\",\"xx\"]}",
         "$.languages[1]: \"xx\" is not an ISO 639-1 or ISO 639-3 language code (two or three lower-case letters)"},
        {HEAD ",\"languages\":[\"nl\",7]}", "$.languages[1]: expected a string, found an integer"},
        {HEAD ",\"language_required\":1}",
         "$.language_required: expected true or false, found an integer"},
        {HEAD ",\"interests\":[\"Football\"]}", "$.interests[0]: \"Football\" is not an interest tag"},
        {HEAD ",\"children\":[12,301]}", "$.children[1]: 301 is out of range (0 to 300 months)"},
        {HEAD ",\"children\":[12.5]}", "$.children[0]: expected an integer, found a number"},
        {HEAD ",\"children\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}",
         "$.children: more than 16 children"},
        {SUPP ",\"age_range\":{\"min\":50,\"max\":20}}",
         "$.age_range: min 50 is greater than max 20"},
        {SUPP ",\"age_range\":{\"min\":0}}", "$.age_range: required member \"max\" is missing"},
        {SUPP ",\"age_range\":{\"min\":0,\"max\":400}}",
         "$.age_range.max: 400 is out of range (0 to 300)"},
        {HEAD ",\"trained\":\"yes\"}", "$.trained: expected true or false, found a string"},
        {HEAD ",\"capacity\":2}", "$.capacity: the asking side has capacity 1"},
        {SUPP ",\"capacity\":0}", "$.capacity: 0 is out of range (1 to 100)"},
        {SUPP ",\"capacity\":2.0}", "$.capacity: expected an integer, found a number"},
        {HEAD ",\"max_distance_m\":-5}", "$.max_distance_m: -5 is out of range"},
        {HEAD ",\"max_distance_m\":\"far\"}", "$.max_distance_m: expected a number"},
        {HEAD ",\"exclusions\":[\"a1\"]}",
         "$.exclusions[0]: \"a1\" is not another participant's reference"},
        {HEAD ",\"exclusions\":[\"b 2\"]}", "$.exclusions[0]: \"b 2\" is not another"},
        /* control characters a terminal obeys (issue 17): ESC, BEL, CR, a C1 character */
        {HEAD ",\"municipality\":\"\\u001b[2JHaarlem\"}",
         "$.municipality: text contains the control character U+001B (only tab and line feed "
         "are allowed)"},
        {HEAD ",\"municipality\":\"Haar\\u0007lem\"}", "$.municipality: text contains the "
         "control character U+0007"},
        {HEAD ",\"municipality\":\"Haarlem\\r\\nFAKE\"}", "$.municipality: text contains the "
         "control character U+000D"},
        {HEAD ",\"municipality\":\"Haarlem\\u009b2J\"}", "$.municipality: text contains the "
         "control character U+009B"},
    };
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        itav_participant *p = NULL;
        int rc = itav_participant_from_json(&p, db, cases[i].json);
        ck_assert_msg(rc == ITAV_EFORMAT, "case %zu: %d for %s", i, rc, cases[i].json);
        ck_assert_ptr_null(p);
        ck_assert_msg(strncmp(itav_errmsg(db), cases[i].message, strlen(cases[i].message)) == 0,
                      "case %zu: message \"%s\", expected \"%s\"", i, itav_errmsg(db),
                      cases[i].message);
    }
    itav_close(db);
}
END_TEST

/* ---- in a store ---- */

static void fixture(itav_db *db)
{
    itav_intervention *iv;
    itav_offer *of;
    ck_assert_int_eq(itav_intervention_new(&iv, "buurtgezinnen"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "Buurtgezinnen"), ITAV_OK);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
    static const char *const offers[] = {"bg-haarlem", "bg-leiden"};
    for (size_t i = 0; i < 2; i++) {
        ck_assert_int_eq(itav_offer_new(&of, offers[i], "buurtgezinnen"), ITAV_OK);
        ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
        itav_offer_free(of);
    }
}

static void create_ok(itav_db *db, itav_participant *p)
{
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
}

static itav_participant *get(itav_db *db, const char *ref)
{
    itav_participant *p;
    ck_assert_msg(itav_participant_get(&p, db, ref) == ITAV_OK, "%s", itav_errmsg(db));
    return p;
}

/* Everything a store holds about participants, and the rest of the store, as text. */
static char *snapshot(itav_db *db)
{
    itav_participant_iter *it;
    itav_participant *p;
    char *all = export_text(db);
    size_t n = strlen(all);
    ck_assert_msg(itav_participant_list(&it, db, NULL) == ITAV_OK, "%s", itav_errmsg(db));
    while (itav_participant_iter_next(&p, it) == ITAV_OK) {
        char *s = to_json(p);
        all = realloc(all, n + strlen(s) + 1);
        strcpy(all + n, s);
        n += strlen(s);
        itav_free(s);
        itav_participant_free(p);
    }
    itav_participant_iter_free(it);
    return all;
}

START_TEST(create_get_update_delete)
{
    itav_db *db = open_store(_i);
    fixture(db);
    itav_participant *p = make_full(), *got;
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_participant_create(db, p), ITAV_EEXISTS);
    assert_msg(db, "participant \"bg-zk-s001\" already exists");
    got = get(db, "bg-zk-s001");
    /* the status date starts at the registration date */
    ck_assert_int_eq(itav_participant_status_date(got), D("2021-02-01"));
    ck_assert_int_eq(itav_participant_status_date(p), ITAV_DATE_NONE);
    char *a = to_json(got);
    ck_assert_ptr_nonnull(strstr(a, "\"status_date\": \"2021-02-01\""));
    ck_assert_int_eq(itav_participant_capacity(got), 2);
    ck_assert_str_eq(itav_participant_language(got, 1), "ar");
    itav_free(a);

    /* a detached copy: nothing changes in the store until update */
    ck_assert_int_eq(itav_participant_set_municipality(got, "Heemstede"), ITAV_OK);
    itav_participant_free(p);
    p = get(db, "bg-zk-s001");
    ck_assert_str_eq(itav_participant_municipality(p), "Haarlem");
    itav_participant_free(p);
    ck_assert_msg(itav_participant_update(db, got) == ITAV_OK, "%s", itav_errmsg(db));
    p = get(db, "bg-zk-s001");
    ck_assert_str_eq(itav_participant_municipality(p), "Heemstede");
    itav_participant_free(p);
    itav_participant_free(got);

    /* update keeps status and status date from the store */
    ck_assert_int_eq(itav_participant_from_json(&p, db,
        "{\"ref\":\"bg-zk-s001\",\"offer\":\"bg-leiden\",\"kind\":\"buddy\","
        "\"status\":\"available\",\"status_date\":\"2030-01-01\"}"), ITAV_OK);
    ck_assert_msg(itav_participant_update(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
    p = get(db, "bg-zk-s001");
    ck_assert_int_eq(itav_participant_get_status(p), ITAV_PSTATUS_REGISTERED);
    ck_assert_int_eq(itav_participant_status_date(p), D("2021-02-01"));
    ck_assert_str_eq(itav_participant_offer(p), "bg-leiden");
    ck_assert_int_eq(itav_participant_get_kind(p), ITAV_PARTICIPANT_BUDDY);
    ck_assert_ptr_null(itav_participant_municipality(p));
    itav_participant_free(p);

    /* update: unknown participant, unknown offer */
    p = make("nobody", "bg-haarlem", ITAV_PARTICIPANT_FAMILY);
    ck_assert_int_eq(itav_participant_update(db, p), ITAV_ENOTFOUND);
    assert_msg(db, "no participant \"nobody\"");
    itav_participant_free(p);
    char *before = snapshot(db);
    p = make("bg-zk-s001", "nowhere", ITAV_PARTICIPANT_BUDDY);
    ck_assert_int_eq(itav_participant_update(db, p), ITAV_ENOTFOUND);
    assert_msg(db, "participant \"bg-zk-s001\": no offer \"nowhere\"");
    itav_participant_free(p);
    char *after = snapshot(db);
    ck_assert_str_eq(before, after);
    free(after);
    free(before);

    ck_assert_int_eq(itav_participant_get(&p, db, "nope"), ITAV_ENOTFOUND);
    assert_msg(db, "no participant \"nope\"");
    ck_assert_int_eq(itav_errcode(db), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_participant_delete(db, "bg-zk-s001"), ITAV_OK);
    ck_assert_int_eq(itav_participant_delete(db, "bg-zk-s001"), ITAV_ENOTFOUND);
    assert_msg(db, "no participant \"bg-zk-s001\"");
    ck_assert_int_eq(itav_participant_get(&p, db, "bg-zk-s001"), ITAV_ENOTFOUND);

    ck_assert_int_eq(itav_participant_get(&p, db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_get(NULL, db, "x"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_get(&p, NULL, "x"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_create(NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_create(db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_update(db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_delete(db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_delete(NULL, "x"), ITAV_EINVAL);
    close_store(db);
}
END_TEST

/* Builds a participant in a given status through JSON (the API has no status setter). */
static itav_participant *with_status(const char *ref, const char *kind, const char *status)
{
    char json[256];
    itav_participant *p;
    snprintf(json, sizeof json, "{\"ref\":\"%s\",\"offer\":\"bg-haarlem\",\"kind\":\"%s\","
             "\"status\":\"%s\",\"registered\":\"2021-01-01\"}", ref, kind, status);
    ck_assert_int_eq(itav_participant_from_json(&p, NULL, json), ITAV_OK);
    return p;
}

START_TEST(starting_status)
{
    itav_db *db = open_store(_i);
    fixture(db);
    static const char *const asking_ok[] = {"registered", "intake", "approved", "not_suitable",
                                            "waiting", "inactive"};
    for (size_t i = 0; i < 6; i++) {
        char ref[16];
        snprintf(ref, sizeof ref, "a%zu", i);
        itav_participant *p = with_status(ref, "family", asking_ok[i]);
        create_ok(db, p);
        p = get(db, ref);
        ck_assert_str_eq(itav_code_name(ITAV_CODE_PARTICIPANT_STATUS,
                                        itav_participant_get_status(p)), asking_ok[i]);
        ck_assert_int_eq(itav_participant_status_date(p), D("2021-01-01"));
        itav_participant_free(p);
    }
    create_ok(db, with_status("s1", "peer", "available"));

    char *before = snapshot(db);
    itav_participant *p = with_status("a-matched", "youth", "matched");
    ck_assert_int_eq(itav_participant_create(db, p), ITAV_ESTATE);
    assert_msg(db, "participant \"a-matched\": cannot start as matched; legal: registered, "
                   "intake, approved, not_suitable, waiting, inactive");
    itav_participant_free(p);
    p = with_status("s-matched", "buddy", "matched");
    ck_assert_int_eq(itav_participant_create(db, p), ITAV_ESTATE);
    assert_msg(db, "legal: registered, intake, approved, not_suitable, available, inactive");
    itav_participant_free(p);
    ck_assert_int_eq(itav_participant_from_json(&p, NULL,
        "{\"ref\":\"~erased-3\",\"offer\":\"bg-haarlem\",\"kind\":\"family\","
        "\"status\":\"erased\"}"), ITAV_OK);
    ck_assert_int_eq(itav_participant_create(db, p), ITAV_ESTATE);
    assert_msg(db, "cannot start as erased");
    itav_participant_free(p);

    /* bad input of the issue: unknown offer, a taken reference */
    p = make("a-elsewhere", "nowhere", ITAV_PARTICIPANT_FAMILY);
    ck_assert_int_eq(itav_participant_create(db, p), ITAV_ENOTFOUND);
    assert_msg(db, "participant \"a-elsewhere\": no offer \"nowhere\"");
    itav_participant_free(p);
    p = make("a0", "bg-leiden", ITAV_PARTICIPANT_PARENT);
    ck_assert_int_eq(itav_participant_create(db, p), ITAV_EEXISTS);
    itav_participant_free(p);
    char *after = snapshot(db);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);

    /* a status date that is given is kept */
    ck_assert_int_eq(itav_participant_from_json(&p, NULL,
        "{\"ref\":\"a-dated\",\"offer\":\"bg-haarlem\",\"kind\":\"family\","
        "\"status\":\"waiting\",\"status_date\":\"2021-05-05\",\"registered\":\"2021-01-01\"}"),
        ITAV_OK);
    create_ok(db, p);
    p = get(db, "a-dated");
    ck_assert_int_eq(itav_participant_status_date(p), D("2021-05-05"));
    itav_participant_free(p);
    close_store(db);
}
END_TEST

static void move_ok(itav_db *db, const char *ref, itav_participant_status to, const char *date)
{
    ck_assert_msg(itav_participant_set_status(db, ref, to, D(date)) == ITAV_OK, "%s",
                  itav_errmsg(db));
    itav_participant *p = get(db, ref);
    ck_assert_int_eq(itav_participant_get_status(p), to);
    ck_assert_int_eq(itav_participant_status_date(p), D(date));
    itav_participant_free(p);
}

/* A refused move: its code and message, and the store unchanged. */
static void move_refused(itav_db *db, const char *ref, itav_participant_status to,
                         int32_t date, int code, const char *message)
{
    char *before = snapshot(db);
    ck_assert_int_eq(itav_participant_set_status(db, ref, to, date), code);
    assert_msg(db, message);
    char *after = snapshot(db);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
}

START_TEST(status_lifecycle)
{
    itav_db *db = open_store(_i);
    fixture(db);
    itav_participant *p = make("a1", "bg-haarlem", ITAV_PARTICIPANT_FAMILY);
    ck_assert_int_eq(itav_participant_set_registered(p, D("2021-01-01")), ITAV_OK);
    create_ok(db, p);
    create_ok(db, make("s1", "bg-haarlem", ITAV_PARTICIPANT_VOLUNTEER));

    move_refused(db, "a1", ITAV_PSTATUS_WAITING, D("2021-01-02"), ITAV_ESTATE,
                 "participant \"a1\": cannot go from registered to waiting; legal: intake, "
                 "inactive");
    move_ok(db, "a1", ITAV_PSTATUS_INTAKE, "2021-01-05");
    move_refused(db, "a1", ITAV_PSTATUS_APPROVED, D("2021-01-04"), ITAV_EINVAL,
                 "participant \"a1\": 2021-01-04 is before the current status date 2021-01-05");
    move_ok(db, "a1", ITAV_PSTATUS_NOT_SUITABLE, "2021-01-05");
    move_refused(db, "a1", ITAV_PSTATUS_APPROVED, D("2021-01-06"), ITAV_ESTATE,
                 "cannot go from not_suitable to approved; legal: intake, inactive");
    move_ok(db, "a1", ITAV_PSTATUS_INTAKE, "2021-02-01");
    move_refused(db, "a1", ITAV_PSTATUS_INTAKE, D("2021-02-02"), ITAV_ESTATE,
                 "cannot go from intake to intake; legal: approved, not_suitable, inactive");
    move_ok(db, "a1", ITAV_PSTATUS_APPROVED, "2021-02-02");
    move_refused(db, "a1", ITAV_PSTATUS_AVAILABLE, D("2021-02-03"), ITAV_ESTATE,
                 "cannot go from approved to available; legal: waiting, inactive");
    move_ok(db, "a1", ITAV_PSTATUS_WAITING, "2021-02-03");
    move_refused(db, "a1", ITAV_PSTATUS_MATCHED, D("2021-02-04"), ITAV_ESTATE,
                 "cannot go from waiting to matched; legal: inactive");
    move_refused(db, "a1", ITAV_PSTATUS_ERASED, D("2021-02-04"), ITAV_ESTATE,
                 "cannot go from waiting to erased; legal: inactive");
    move_ok(db, "a1", ITAV_PSTATUS_INACTIVE, "2021-03-01");
    move_refused(db, "a1", ITAV_PSTATUS_INTAKE, D("2021-03-02"), ITAV_ESTATE,
                 "cannot go from inactive to intake; legal: registered, waiting");
    move_ok(db, "a1", ITAV_PSTATUS_WAITING, "2021-03-02");
    move_ok(db, "a1", ITAV_PSTATUS_INACTIVE, "2021-03-02");
    move_ok(db, "a1", ITAV_PSTATUS_REGISTERED, "2021-03-03");

    /* the supporting side opens with available */
    move_ok(db, "s1", ITAV_PSTATUS_INTAKE, "2021-01-01");
    move_ok(db, "s1", ITAV_PSTATUS_APPROVED, "2021-01-02");
    move_refused(db, "s1", ITAV_PSTATUS_WAITING, D("2021-01-03"), ITAV_ESTATE,
                 "participant \"s1\": cannot go from approved to waiting; legal: available, "
                 "inactive");
    move_ok(db, "s1", ITAV_PSTATUS_AVAILABLE, "2021-01-03");
    move_refused(db, "s1", ITAV_PSTATUS_MATCHED, D("2021-01-04"), ITAV_ESTATE,
                 "cannot go from available to matched; legal: inactive");
    move_ok(db, "s1", ITAV_PSTATUS_INACTIVE, "2021-01-04");
    move_refused(db, "s1", ITAV_PSTATUS_WAITING, D("2021-01-05"), ITAV_ESTATE,
                 "cannot go from inactive to waiting; legal: registered, available");
    move_ok(db, "s1", ITAV_PSTATUS_AVAILABLE, "2021-01-05");

    /* arguments */
    move_refused(db, "s1", 0, D("2021-02-01"), ITAV_EINVAL, "unknown status 0");
    move_refused(db, "s1", 10, D("2021-02-01"), ITAV_EINVAL, "unknown status 10");
    move_refused(db, "s1", ITAV_PSTATUS_INACTIVE, ITAV_DATE_NONE, ITAV_EINVAL,
                 "the date of the change must be a date");
    move_refused(db, "nobody", ITAV_PSTATUS_INACTIVE, D("2021-02-01"), ITAV_ENOTFOUND,
                 "no participant \"nobody\"");
    ck_assert_int_eq(itav_participant_set_status(db, NULL, ITAV_PSTATUS_INACTIVE, 0),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_status(NULL, "s1", ITAV_PSTATUS_INACTIVE, 0),
                     ITAV_EINVAL);
    close_store(db);
}
END_TEST

static void list_refs(char *buf, size_t size, itav_db *db, const itav_participant_filter *f)
{
    itav_participant_iter *it;
    itav_participant *p;
    int rc;
    buf[0] = '\0';
    ck_assert_msg(itav_participant_list(&it, db, f) == ITAV_OK, "%s", itav_errmsg(db));
    while ((rc = itav_participant_iter_next(&p, it)) == ITAV_OK) {
        if (buf[0])
            strncat(buf, " ", size - strlen(buf) - 1);
        strncat(buf, itav_participant_ref(p), size - strlen(buf) - 1);
        itav_participant_free(p);
    }
    ck_assert_int_eq(rc, ITAV_ITEROVER);
    ck_assert_ptr_null(p);
    itav_participant_iter_free(it);
}

static void add(itav_db *db, const char *ref, const char *offer, itav_participant_kind kind,
                const char *municipality)
{
    itav_participant *p = make(ref, offer, kind);
    ck_assert_int_eq(itav_participant_set_municipality(p, municipality), ITAV_OK);
    create_ok(db, p);
}

START_TEST(list_filters)
{
    itav_db *db = open_store(_i);
    char refs[256];
    itav_participant_iter *it;
    fixture(db);
    add(db, "s2", "bg-haarlem", ITAV_PARTICIPANT_SUPPORT_FAMILY, "Haarlem");
    add(db, "a2", "bg-haarlem", ITAV_PARTICIPANT_FAMILY, "Zandvoort");
    add(db, "a1", "bg-haarlem", ITAV_PARTICIPANT_YOUTH, "haarlem");
    add(db, "L-a3", "bg-leiden", ITAV_PARTICIPANT_PARENT, "Leiden");
    add(db, "s1", "bg-leiden", ITAV_PARTICIPANT_PEER, NULL);
    ck_assert_int_eq(itav_participant_set_status(db, "a2", ITAV_PSTATUS_INTAKE, D("2021-01-01")),
                     ITAV_OK);

    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    list_refs(refs, sizeof refs, db, NULL);
    ck_assert_str_eq(refs, "L-a3 a1 a2 s1 s2");
    list_refs(refs, sizeof refs, db, &f);
    ck_assert_str_eq(refs, "L-a3 a1 a2 s1 s2");
    f.offer = "bg-haarlem";
    list_refs(refs, sizeof refs, db, &f);
    ck_assert_str_eq(refs, "a1 a2 s2");
    f.side = ITAV_SIDE_ASKING;
    list_refs(refs, sizeof refs, db, &f);
    ck_assert_str_eq(refs, "a1 a2");
    f.status = ITAV_PSTATUS_INTAKE;
    list_refs(refs, sizeof refs, db, &f);
    ck_assert_str_eq(refs, "a2");
    f.offer = NULL;
    f.status = 0;
    f.side = ITAV_SIDE_SUPPORTING;
    list_refs(refs, sizeof refs, db, &f);
    ck_assert_str_eq(refs, "s1 s2");
    f.side = 0;
    f.municipality = "HAARLEM";
    list_refs(refs, sizeof refs, db, &f);
    ck_assert_str_eq(refs, "a1 s2");
    f.municipality = "Bloemendaal";
    list_refs(refs, sizeof refs, db, &f);
    ck_assert_str_eq(refs, "");
    f.municipality = NULL;
    f.offer = "nowhere";
    list_refs(refs, sizeof refs, db, &f);
    ck_assert_str_eq(refs, "");

    f = (itav_participant_filter)ITAV_PARTICIPANT_FILTER_INIT;
    f.version = 0;
    ck_assert_int_eq(itav_participant_list(&it, db, &f), ITAV_EVERSION);
    assert_msg(db, "participant filter version 0 is not supported");
    f.version = ITAV_PARTICIPANT_FILTER_VERSION + 1;
    ck_assert_int_eq(itav_participant_list(&it, db, &f), ITAV_EVERSION);
    f.version = ITAV_PARTICIPANT_FILTER_VERSION;
    f.side = 3;
    ck_assert_int_eq(itav_participant_list(&it, db, &f), ITAV_EINVAL);
    assert_msg(db, "unknown side 3");
    f.side = 0;
    f.status = 10;
    ck_assert_int_eq(itav_participant_list(&it, db, &f), ITAV_EINVAL);
    assert_msg(db, "unknown status 10");
    ck_assert_int_eq(itav_participant_list(NULL, db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_list(&it, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_iter_next(NULL, NULL), ITAV_EINVAL);
    itav_participant_iter_free(NULL);

    /* an iterator freed early frees what it has not handed out */
    itav_participant *p;
    ck_assert_int_eq(itav_participant_list(&it, db, NULL), ITAV_OK);
    ck_assert_int_eq(itav_participant_iter_next(&p, it), ITAV_OK);
    itav_participant_free(p);
    itav_participant_iter_free(it);
    close_store(db);
}
END_TEST

/* The bad input of issue 3: each refused with its code, the store unchanged. */
START_TEST(bad_input_changes_nothing)
{
    itav_db *db = open_store(_i);
    fixture(db);
    itav_participant *p = make("s1", "bg-haarlem", ITAV_PARTICIPANT_VOLUNTEER);
    create_ok(db, make("a1", "bg-haarlem", ITAV_PARTICIPANT_FAMILY));
    char *before = snapshot(db);

    /* at the object: refused before anything reaches the store */
    ck_assert_int_eq(itav_participant_set_capacity(p, 0), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_location(p, 95, 4.6), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_location(p, 52.4, 200), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_availability(p, 0x200000u), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_add_language(p, "qq"), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_registered(p, D("1900-01-01") - 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_set_vog_date(p, D("9999-12-31") + 1), ITAV_EINVAL);
    ck_assert_int_eq(itav_participant_capacity(p), 1);
    ck_assert_int_eq(itav_participant_location(p, NULL, NULL), 0);
    ck_assert_uint_eq(itav_participant_availability(p), 0);
    ck_assert_uint_eq(itav_participant_language_count(p), 0);
    itav_participant_free(p);

    /* from JSON: the code and the path */
    static const struct { const char *json, *message; } cases[] = {
        {SUPP ",\"capacity\":0}", "$.capacity: 0 is out of range"},
        {SUPP ",\"location\":{\"lat\":-90.5,\"lon\":0}}", "$.location.lat: latitude -90.5"},
        {SUPP ",\"availability\":[\"fri_noon\"]}", "$.availability[0]: unknown code"},
        {SUPP ",\"languages\":[\"nl\",\"qq\"]}", "$.languages[1]: \"qq\" is not an ISO 639-1"},
        {SUPP ",\"registered\":\"2021-02-30\"}", "$.registered: \"2021-02-30\" is not a date"},
        {SUPP ",\"vog_date\":\"10000-01-01\"}", "$.vog_date: \"10000-01-01\" is not a date"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        p = NULL;
        ck_assert_int_eq(itav_participant_from_json(&p, db, cases[i].json), ITAV_EFORMAT);
        ck_assert_ptr_null(p);
        assert_msg(db, cases[i].message);
    }

    /* at the store: unknown offer, unknown participant */
    p = make("s1", "nowhere", ITAV_PARTICIPANT_VOLUNTEER);
    ck_assert_int_eq(itav_participant_create(db, p), ITAV_ENOTFOUND);
    assert_msg(db, "participant \"s1\": no offer \"nowhere\"");
    itav_participant_free(p);
    ck_assert_int_eq(itav_participant_set_status(db, "s9", ITAV_PSTATUS_INTAKE, D("2021-01-01")),
                     ITAV_ENOTFOUND);
    assert_msg(db, "no participant \"s9\"");
    ck_assert_int_eq(itav_participant_delete(db, "s9"), ITAV_ENOTFOUND);

    char *after = snapshot(db);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    close_store(db);
}
END_TEST

/* ---- white box, on the test backend: the index values and records written by others ---- */

/* Names from lib/model/model_int.h: kinds and index slots. */
#define KIND_PARTICIPANT "participant"
#define KIND_MATCH "match"
#define SLOT_OFFER 0
#define SLOT_UNPLACED 1
#define MATCH_SLOT_ASKING 1
#define MATCH_SLOT_SUPPORTING 2

static int append_key(void *arg, const char *key, const void *data, size_t size)
{
    (void)data, (void)size;
    char *buf = arg;
    if (buf[0])
        strcat(buf, " ");
    strcat(buf, key);
    return 0;
}

static const char *scan_keys(itav_backend *be, const char *kind, int slot, const char *value)
{
    static char buf[512];
    buf[0] = '\0';
    ck_assert_int_eq(be->scan(be, kind, slot, value, append_key, buf), ITAV_OK);
    return buf;
}

static void put_raw(itav_backend *be, const char *kind, const char *key,
                    const char *const *index, const char *data, size_t size)
{
    ck_assert_int_eq(be->begin(be), ITAV_OK);
    ck_assert_int_eq(be->put(be, kind, key, index, data, size), ITAV_OK);
    ck_assert_int_eq(be->commit(be), ITAV_OK);
}

static void supporter(itav_db *db, const char *ref, double lat, double lon, bool available)
{
    itav_participant *p = make(ref, "bg-haarlem", ITAV_PARTICIPANT_SUPPORT_FAMILY);
    if (!isnan(lat))
        ck_assert_int_eq(itav_participant_set_location(p, lat, lon), ITAV_OK);
    create_ok(db, p);
    if (available) {
        ck_assert_int_eq(itav_participant_set_status(db, ref, ITAV_PSTATUS_INTAKE, 0), ITAV_OK);
        ck_assert_int_eq(itav_participant_set_status(db, ref, ITAV_PSTATUS_APPROVED, 0),
                         ITAV_OK);
        ck_assert_int_eq(itav_participant_set_status(db, ref, ITAV_PSTATUS_AVAILABLE, 0),
                         ITAV_OK);
    }
}

/* The test backend keeps no places (its put_place and scan_box are NULL), so it shows the
 * index values alone: eligible supporters without coordinates carry their offer in slot 1,
 * to be found beside the places of a box. tests/c/test_store.c checks the places. */
START_TEST(index_values)
{
    itav_db *db;
    itav_backend *be = test_backend_new();
    ck_assert_int_eq(itav_open_backend(&db, be), ITAV_OK);
    fixture(db);
    supporter(db, "s-here", 52.39, 4.64, true);
    supporter(db, "s-nowhere", NAN, 0, true);
    supporter(db, "s-not-yet", NAN, 0, false);
    create_ok(db, with_status("a-waiting", "family", "waiting"));
    ck_assert_str_eq(scan_keys(be, KIND_PARTICIPANT, SLOT_UNPLACED, "bg-haarlem"), "s-nowhere");
    ck_assert_str_eq(scan_keys(be, KIND_PARTICIPANT, SLOT_OFFER, "bg-haarlem"),
                     "a-waiting s-here s-not-yet s-nowhere");

    /* coordinates take a supporter out of the slot; leaving available too */
    itav_participant *p = get(db, "s-nowhere");
    ck_assert_int_eq(itav_participant_set_location(p, 52.39, 4.64), ITAV_OK);
    ck_assert_int_eq(itav_participant_update(db, p), ITAV_OK);
    itav_participant_free(p);
    ck_assert_str_eq(scan_keys(be, KIND_PARTICIPANT, SLOT_UNPLACED, "bg-haarlem"), "");
    p = get(db, "s-not-yet");
    ck_assert_int_eq(itav_participant_set_status(db, "s-not-yet", ITAV_PSTATUS_INTAKE, 0), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_status(db, "s-not-yet", ITAV_PSTATUS_APPROVED, 0),
                     ITAV_OK);
    ck_assert_int_eq(itav_participant_set_status(db, "s-not-yet", ITAV_PSTATUS_AVAILABLE, 0),
                     ITAV_OK);
    itav_participant_free(p);
    ck_assert_str_eq(scan_keys(be, KIND_PARTICIPANT, SLOT_UNPLACED, "bg-haarlem"), "s-not-yet");
    ck_assert_int_eq(itav_participant_set_status(db, "s-not-yet", ITAV_PSTATUS_INACTIVE, 0),
                     ITAV_OK);
    ck_assert_str_eq(scan_keys(be, KIND_PARTICIPANT, SLOT_UNPLACED, "bg-haarlem"), "");
    itav_close(db);
}
END_TEST

START_TEST(matches_and_erasure_block_changes)
{
    itav_db *db;
    itav_backend *be = test_backend_new();
    ck_assert_int_eq(itav_open_backend(&db, be), ITAV_OK);
    fixture(db);
    create_ok(db, with_status("a1", "family", "waiting"));
    create_ok(db, with_status("s1", "volunteer", "available"));
    create_ok(db, with_status("s2", "volunteer", "available"));
    char *id;
    ck_assert_msg(itav_match_propose(&id, db, "a1", "s1", D("2021-03-01"),
                                     ITAV_ACTOR_COORDINATOR, NULL, NULL) == ITAV_OK,
                  "%s", itav_errmsg(db));
    ck_assert_str_eq(id, "m-00000001");
    itav_free(id);
    ck_assert_str_eq(scan_keys(be, KIND_MATCH, MATCH_SLOT_SUPPORTING, "s1"), "m-00000001");
    char *before = snapshot(db);

    ck_assert_int_eq(itav_participant_delete(db, "a1"), ITAV_EINUSE);
    assert_msg(db, "participant \"a1\" has matches: erase it instead of deleting it");
    ck_assert_int_eq(itav_participant_delete(db, "s1"), ITAV_EINUSE);
    itav_participant *p;
    ck_assert_int_eq(itav_participant_from_json(&p, NULL,
        "{\"ref\":\"a1\",\"offer\":\"bg-leiden\",\"kind\":\"family\",\"status\":\"waiting\"}"),
        ITAV_OK);
    ck_assert_int_eq(itav_participant_update(db, p), ITAV_EINUSE);
    assert_msg(db, "participant \"a1\" has matches: its offer cannot change");
    itav_participant_free(p);
    ck_assert_int_eq(itav_participant_from_json(&p, NULL,
        "{\"ref\":\"s1\",\"offer\":\"bg-haarlem\",\"kind\":\"youth\",\"status\":\"waiting\"}"),
        ITAV_OK);
    ck_assert_int_eq(itav_participant_update(db, p), ITAV_EINUSE);
    assert_msg(db, "its side cannot change");
    itav_participant_free(p);
    char *after = snapshot(db);
    ck_assert_str_eq(before, after);
    free(after);
    free(before);
    ck_assert_int_eq(itav_participant_delete(db, "s2"), ITAV_OK);

    /* an erased participant */
    create_ok(db, with_status("e1", "family", "waiting"));
    ck_assert_int_eq(itav_participant_erase(db, "e1", &id), ITAV_OK);
    ck_assert_str_eq(id, "~erased-1");
    itav_free(id);
    p = get(db, "~erased-1");
    ck_assert_int_eq(itav_participant_get_status(p), ITAV_PSTATUS_ERASED);
    before = snapshot(db);
    ck_assert_int_eq(itav_participant_update(db, p), ITAV_ESTATE);
    assert_msg(db, "participant \"~erased-1\" is erased and cannot change");
    itav_participant_free(p);
    ck_assert_int_eq(itav_participant_set_status(db, "~erased-1", ITAV_PSTATUS_INACTIVE,
                                                 D("2022-01-01")),
                     ITAV_ESTATE);
    assert_msg(db, "is erased and cannot change");
    ck_assert_int_eq(itav_participant_delete(db, "~erased-1"), ITAV_ESTATE);
    after = snapshot(db);
    ck_assert_str_eq(before, after);
    free(after);
    free(before);

    /* a damaged record is reported, not trusted: a record (CBOR array) of three items that
     * ends after the record version */
    const char *pindex[ITAV_BACKEND_INDEXES] = {"bg-haarlem", NULL, NULL, NULL};
    put_raw(be, KIND_PARTICIPANT, "bad", pindex, "\x83\x01", 2);
    ck_assert_int_eq(itav_participant_get(&p, db, "bad"), ITAV_EFORMAT);
    assert_msg(db, "stored participant \"bad\" is damaged: participant: an array of 3 items in "
                   "1 bytes");
    itav_participant_iter *it;
    ck_assert_int_eq(itav_participant_list(&it, db, NULL), ITAV_EFORMAT);
    itav_close(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("participant");
    TCase *tc = tcase_create("object");
    tcase_add_test(tc, languages);
    tcase_add_test(tc, languages_iso_639_3);
    tcase_add_test(tc, new_and_defaults);
    tcase_add_test(tc, setters);
    tcase_add_test(tc, dup_is_deep);
    tcase_add_test(tc, json_canonical_and_round_trip);
    tcase_add_test(tc, json_errors_name_the_path);
    suite_add_tcase(s, tc);
    TCase *ts = tcase_create("store");
    tcase_add_loop_test(ts, create_get_update_delete, 0, STORE_COUNT);
    tcase_add_loop_test(ts, starting_status, 0, STORE_COUNT);
    tcase_add_loop_test(ts, status_lifecycle, 0, STORE_COUNT);
    tcase_add_loop_test(ts, list_filters, 0, STORE_COUNT);
    tcase_add_loop_test(ts, bad_input_changes_nothing, 0, STORE_COUNT);
    tcase_add_test(ts, index_values);
    tcase_add_test(ts, matches_and_erasure_block_changes);
    suite_add_tcase(s, ts);
    return run_suite(s);
}
