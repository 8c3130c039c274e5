/* The ledger of releases in the itav/1 export (docs/format.md, "releases"): the round trip on
 * every backend, each bad entry refused with its place and nothing imported, and the merge by
 * id into a store that holds releases already. Protection kept by a copy: tests/cli
 * (LedgerExportTest), with real reports. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": \"A\"}], " \
    "\"offers\": [{\"id\": \"o\", \"intervention\": \"a\"}, {\"id\": \"p\", \"intervention\": " \
    "\"a\"}], \"releases\": ["
#define REL1 "{\"id\": \"rel-00000001\", \"offer\": \"o\", \"members\": [\"p\"], " \
    "\"from\": \"2021-01-01\", \"to\": \"2021-12-31\", \"as_of\": \"2022-01-10\", \"k\": 5, " \
    "\"protection\": 4, \"cells\": [{\"table\": \"reviews\", \"row\": \"final\", \"column\": " \
    "\"reviews\", \"value\": 7}, {\"table\": \"reviews\", \"row\": \"periodic\", \"column\": " \
    "\"reviews\", \"hidden\": true}, {\"table\": \"t\", \"row\": \"\", \"column\": \"\", " \
    "\"value\": 0}]}"
#define REL2 "{\"id\": \"rel-00000002\", \"offer\": \"p\", \"as_of\": \"2022-01-11\", " \
    "\"k\": 2, \"protection\": 1, \"low_k\": true, \"cells\": []}"

static char *export_of(itav_db *db)
{
    char *text;
    ck_assert_msg(itav_export_json_string(&text, db) == ITAV_OK, "%s", itav_errmsg(db));
    return text;
}

START_TEST(ledger_round_trip)
{
    itav_db *a = open_store(_i), *b = open_store((_i + 1) % STORE_COUNT);
    ck_assert_msg(itav_import_json_string(a, HEAD REL2 ", " REL1 "]}", "ledger") == ITAV_OK,
                  "%s", itav_errmsg(a));
    char *first = export_of(a);
    ck_assert_msg(strstr(first, "\"releases\": [") != NULL, "%s", first);
    /* sorted by id, the ledger's order */
    ck_assert(strstr(first, "rel-00000001") < strstr(first, "rel-00000002"));
    ck_assert_msg(itav_import_json_string(b, first, "first") == ITAV_OK, "%s", itav_errmsg(b));
    char *second = export_of(b);
    ck_assert_str_eq(first, second);

    itav_release *rl;
    const char *table, *row, *column;
    int64_t value;
    int hidden, k, protection;
    int32_t from, to;
    ck_assert_int_eq(itav_release_get(&rl, b, "rel-00000001"), ITAV_OK);
    ck_assert_str_eq(itav_release_offer(rl), "o");
    ck_assert_uint_eq(itav_release_member_count(rl), 1);
    ck_assert_str_eq(itav_release_member(rl, 0), "p");
    ck_assert_int_eq(itav_release_parameters(&from, &to, &k, &protection, rl), ITAV_OK);
    ck_assert_int_eq(from, date_of("2021-01-01"));
    ck_assert_int_eq(to, date_of("2021-12-31"));
    ck_assert_int_eq(k, 5);
    ck_assert_int_eq(protection, 4);
    ck_assert_uint_eq(itav_release_cell_count(rl), 3);
    ck_assert_int_eq(itav_release_cell(&table, &row, &column, &value, &hidden, rl, 0), ITAV_OK);
    ck_assert_str_eq(row, "final");
    ck_assert_int_eq(value, 7);
    ck_assert_int_eq(hidden, 0);
    ck_assert_int_eq(itav_release_cell(&table, &row, &column, &value, &hidden, rl, 1), ITAV_OK);
    ck_assert_int_eq(hidden, 1);
    ck_assert_int_eq(itav_release_cell(&table, &row, &column, &value, &hidden, rl, 2), ITAV_OK);
    ck_assert_str_eq(row, "");
    ck_assert_str_eq(column, "");
    itav_release_free(rl);
    /* a new release takes the next free id after the imported ones */
    itav_release_iter *it;
    ck_assert_int_eq(itav_release_list(&it, b, "p"), ITAV_OK);
    ck_assert_int_eq(itav_release_iter_next(&rl, it), ITAV_OK);
    ck_assert_str_eq(itav_release_id(rl), "rel-00000002");
    itav_release_free(rl);
    ck_assert_int_eq(itav_release_iter_next(&rl, it), ITAV_ITEROVER);
    itav_release_iter_free(it);
    itav_free(first);
    itav_free(second);
    close_store(a);
    close_store(b);
}
END_TEST

/* Each bad entry: refused with its place, and nothing of the document imported. */
static const struct {
    const char *entry, *message;
} bad[] = {
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"t\", \"row\": \"r\", \"column\": \"c\", "
     "\"value\": 3, \"hidden\": true}]}",
     "$.releases[1].cells[0]: a hidden count has no \"value\""},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"t\", \"row\": \"r\", \"column\": \"c\"}]}",
     "$.releases[1].cells[0]: a shown count needs its \"value\""},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"t\", \"row\": \"r\", \"column\": \"c\", "
     "\"value\": -1}]}",
     "$.releases[1].cells[0].value: -1 is out of range"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"\", \"row\": \"r\", \"column\": \"c\", "
     "\"value\": 1}]}",
     "$.releases[1].cells[0].table: must not be empty"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": [{\"table\": \"t\", \"row\": \"r\", \"column\": \"c\", "
     "\"value\": 1, \"name\": \"x\"}]}",
     "$.releases[1].cells[0].name: unknown member \"name\""},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 0, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].k: 0 is out of range"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": \"4\", \"cells\": []}",
     "$.releases[1].protection: expected an integer"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"low_k\": false, \"cells\": []}",
     "$.releases[1].low_k: expected true"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"from\": \"2022-01-01\", \"to\": \"2021-01-01\", "
     "\"as_of\": \"2022-01-10\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1].to: the period ends before it starts"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"as_of\": \"2022-13-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].as_of: \"2022-13-10\" is not a date"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1]: required member \"as_of\" is missing"},
    {"{\"id\": \"Rel 1\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].id: \"Rel 1\" is not a valid id"},
    {"{\"id\": \"rel-1\", \"offer\": \"x\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].offer: no offer \"x\" in the file or the store"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"members\": [\"p\", \"y\"], \"as_of\": "
     "\"2022-01-10\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1].members[1]: no offer \"y\" in the file or the store"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"members\": [\"p\", \"p\"], \"as_of\": "
     "\"2022-01-10\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1].members[1]: offer \"p\" is listed twice"},
    {"{\"id\": \"rel-1\", \"offer\": \"o\", \"members\": [\"o\"], \"as_of\": "
     "\"2022-01-10\", \"k\": 5, \"protection\": 4, \"cells\": []}",
     "$.releases[1].members[0]: \"o\" is the release's own offer"},
    {"{\"id\": \"rel-00000002\", \"offer\": \"o\", \"as_of\": \"2022-01-10\", \"k\": 5, "
     "\"protection\": 4, \"cells\": []}",
     "$.releases[1].id: duplicate id \"rel-00000002\" (also at $.releases[0])"},
};

START_TEST(bad_entry_names_its_place)
{
    char doc[2048];
    itav_db *db = open_store(0);
    char *empty = export_of(db);
    snprintf(doc, sizeof doc, HEAD REL2 ", %s]}", bad[_i].entry);
    ck_assert_int_eq(itav_import_json_string(db, doc, "bad"), ITAV_EFORMAT);
    ck_assert_msg(strstr(itav_errmsg(db), bad[_i].message) != NULL, "%s", itav_errmsg(db));
    ck_assert_msg(strstr(itav_errmsg(db), "nothing was imported") != NULL, "%s",
                  itav_errmsg(db));
    char *after = export_of(db);
    ck_assert_str_eq(after, empty);
    itav_free(after);
    itav_free(empty);
    close_store(db);
}
END_TEST

/* Into a store with a ledger: the same release is skipped, a differing one with its id is
 * refused and nothing is written, a new one is added. */
START_TEST(merge_by_id)
{
    itav_db *db = open_store(_i);
    ck_assert_msg(itav_import_json_string(db, HEAD REL1 "]}", "first") == ITAV_OK, "%s",
                  itav_errmsg(db));
    char *before = export_of(db);
    const char *again = "{\"format\": \"itav/1\", \"interventions\": [], \"offers\": [], "
                        "\"releases\": [" REL1 "]}";
    ck_assert_msg(itav_import_json_string(db, again, "again") == ITAV_OK, "%s",
                  itav_errmsg(db));
    char *same = export_of(db);
    ck_assert_str_eq(same, before);
    const char *differs = "{\"format\": \"itav/1\", \"interventions\": [], \"offers\": [], "
                          "\"releases\": [" REL2 ", {\"id\": \"rel-00000001\", \"offer\": "
                          "\"o\", \"as_of\": \"2022-01-10\", \"k\": 5, \"protection\": 4, "
                          "\"cells\": []}]}";
    ck_assert_int_eq(itav_import_json_string(db, differs, "differs"), ITAV_EFORMAT);
    ck_assert_msg(strstr(itav_errmsg(db), "$.releases[1].id: release \"rel-00000001\" is "
                                          "already in the store and differs") != NULL,
                  "%s", itav_errmsg(db));
    char *unchanged = export_of(db);
    ck_assert_str_eq(unchanged, before);
    const char *more = "{\"format\": \"itav/1\", \"interventions\": [], \"offers\": [], "
                       "\"releases\": [" REL1 ", " REL2 "]}";
    ck_assert_msg(itav_import_json_string(db, more, "more") == ITAV_OK, "%s", itav_errmsg(db));
    itav_release *rl;
    ck_assert_int_eq(itav_release_get(&rl, db, "rel-00000002"), ITAV_OK);
    itav_release_free(rl);
    itav_free(before);
    itav_free(same);
    itav_free(unchanged);
    close_store(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ledger");
    TCase *tc = tcase_create("json");
    tcase_add_loop_test(tc, ledger_round_trip, 0, STORE_COUNT);
    tcase_add_loop_test(tc, bad_entry_names_its_place, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_loop_test(tc, merge_by_id, 0, STORE_COUNT);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
