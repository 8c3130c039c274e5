/* The stored record format across record versions (docs/storage.md, "Later versions"): a
 * record of an older version, which lacks the fields a later version added at the end of a
 * layout, reads with their defaults; a record with the wrong number of fields for its version
 * is damaged. White-box: the record codec of lib/codec through model/model_int.h. */
#include "internal.h"
#include "model/model_int.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* An indicator record as record version 3 writes it (version 2 wrote the same fields), and the
 * same record as version 1 wrote it: version 1 lacks the last field (more_municipalities, an
 * empty array 0x80). */
static void records(unsigned char **v2, size_t *n2, unsigned char **v1, size_t *n1)
{
    itav_indicator *ind;
    ck_assert_int_eq(itav_indicator_new(&ind, "zk-haarlem", "bg-zk", ITAV_MEASURE_COUNT), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_derived(ind, ITAV_DERIVED_MATCHES_STARTED, "Haarlem"),
                     ITAV_OK);
    ck_assert_int_eq(itav__indicator_encode(v2, n2, ind), ITAV_OK);
    itav_indicator_free(ind);
    /* an array of 20 items (0x94): the version 3 and 19 fields, the last the empty list */
    ck_assert_uint_eq((*v2)[0], 0x94);
    ck_assert_uint_eq((*v2)[1], 0x03);
    ck_assert_uint_eq((*v2)[*n2 - 1], 0x80);
    *n1 = *n2 - 1;
    *v1 = malloc(*n1);
    memcpy(*v1, *v2, *n1);
    (*v1)[0] = 0x93;
    (*v1)[1] = 0x01;
}

START_TEST(a_version_1_indicator_reads_with_one_municipality)
{
    unsigned char *v2, *v1;
    size_t n2, n1;
    char err[256];
    itav_indicator *got;
    records(&v2, &n2, &v1, &n1);
    ck_assert_msg(itav__indicator_decode(&got, v1, n1, err, sizeof err) == ITAV_OK, "%s", err);
    ck_assert_str_eq(itav_indicator_municipality(got), "Haarlem");
    ck_assert_uint_eq(itav_indicator_municipality_count(got), 1);
    itav_indicator_free(got);
    ck_assert_msg(itav__indicator_decode(&got, v2, n2, err, sizeof err) == ITAV_OK, "%s", err);
    ck_assert_uint_eq(itav_indicator_municipality_count(got), 1);
    itav_indicator_free(got);
    /* version 1 with the version 2 field, and version 2 without it, are damaged */
    v2[1] = 0x01;
    ck_assert_int_eq(itav__indicator_decode(&got, v2, n2, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "19 fields, a indicator of record version 1 has 18"), "%s", err);
    v1[1] = 0x02;
    ck_assert_int_eq(itav__indicator_decode(&got, v1, n1, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "18 fields, a indicator of record version 2 has 19"), "%s", err);
    /* a version this library does not know */
    v1[1] = 0x04;
    ck_assert_int_eq(itav__indicator_decode(&got, v1, n1, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "record version 4; this library reads versions 1 to 3"), "%s", err);
    itav__free(v2);
    free(v1);
}
END_TEST

/* A joint target's further municipalities only come with a derived indicator's first. */
START_TEST(more_municipalities_need_a_first)
{
    itav_indicator *ind, *got;
    unsigned char *data;
    size_t n;
    char err[256];
    ck_assert_int_eq(itav_indicator_new(&ind, "zk-joint", "bg-zk", ITAV_MEASURE_COUNT), ITAV_OK);
    ck_assert_int_eq(itav_indicator_set_derived(ind, ITAV_DERIVED_MATCHES_STARTED, "Bloemendaal"),
                     ITAV_OK);
    ck_assert_int_eq(itav_indicator_add_municipality(ind, "Heemstede"), ITAV_OK);
    ck_assert_int_eq(itav__indicator_encode(&data, &n, ind), ITAV_OK);
    ck_assert_msg(itav__indicator_decode(&got, data, n, err, sizeof err) == ITAV_OK, "%s", err);
    ck_assert_str_eq(itav_indicator_municipality_at(got, 1), "Heemstede");
    itav_indicator_free(got);
    itav__free(data);
    /* the same list behind no first municipality, as a damaged store might hold it */
    itav__free(ind->municipality);
    ind->municipality = NULL;
    ck_assert_int_eq(itav__indicator_encode(&data, &n, ind), ITAV_OK);
    ck_assert_int_eq(itav__indicator_decode(&got, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "more_municipalities without"), "%s", err);
    itav__free(data);
    itav_indicator_free(ind);
}
END_TEST

/* An intervention of record version 1 lacks factors and factor_source (the last two fields):
 * it reads as showing no factor. */
START_TEST(a_version_1_intervention_reads_without_factors)
{
    itav_intervention *iv, *got;
    unsigned char *data;
    size_t n;
    char err[256];
    ck_assert_int_eq(itav_intervention_new(&iv, "vws-x"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "X"), ITAV_OK);
    ck_assert_int_eq(itav__intervention_encode(&data, &n, iv), ITAV_OK);
    /* version 3: 0x98 0x18 (24 items: version and 23 fields); the last three are 0 (0x00), 14
     * nulls (0x8e, then 14 times 0xf6) and no costs (0x80); version 1 has 21 items (0x95) */
    ck_assert_uint_eq(data[0], 0x98);
    ck_assert_uint_eq(data[1], 0x18);
    ck_assert_uint_eq(data[2], 0x03);
    ck_assert_uint_eq(data[n - 17], 0x00);
    ck_assert_uint_eq(data[n - 16], 0x8e);
    ck_assert_uint_eq(data[n - 1], 0x80);
    data[1] = 0x95;
    data[2] = 0x01;
    ck_assert_msg(itav__intervention_decode(&got, data + 1, n - 18, err, sizeof err) == ITAV_OK,
                  "%s", err);
    ck_assert_str_eq(itav_intervention_name(got), "X");
    ck_assert_uint_eq(itav_intervention_factors(got), 0);
    itav_intervention_free(got);
    /* a factor source without its factor is damaged */
    itav_intervention_free(iv);
    itav__free(data);
    ck_assert_int_eq(itav_intervention_new(&iv, "vws-x"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_factor(iv, ITAV_FACTOR_LONG_TERM, "004:L463"),
                     ITAV_OK);
    iv->factors = 0;
    ck_assert_int_eq(itav__intervention_encode(&data, &n, iv), ITAV_OK);
    ck_assert_int_eq(itav__intervention_decode(&got, data, n, err, sizeof err), ITAV_EFORMAT);
    ck_assert_msg(strstr(err, "a factor_source for a factor the practice does not show"), "%s",
                  err);
    itav__free(data);
    itav_intervention_free(iv);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("codec");
    TCase *tc = tcase_create("versions");
    tcase_add_test(tc, a_version_1_indicator_reads_with_one_municipality);
    tcase_add_test(tc, more_municipalities_need_a_first);
    tcase_add_test(tc, a_version_1_intervention_reads_without_factors);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
