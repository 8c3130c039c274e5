/* JSON import and export: round trips, and every kind of bad input refused with its place
 * named and the store unchanged. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    ck_assert_int_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* A document with offer "o" of intervention "a", and participants or matches. */
#define PT(body) "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": \"A\"}], " \
    "\"offers\": [{\"id\": \"o\", \"intervention\": \"a\"}], \"participants\": [" body "]}"
#define PAIR "{\"ref\": \"a1\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"matched\"}, " \
    "{\"ref\": \"s1\", \"offer\": \"o\", \"kind\": \"volunteer\", \"status\": \"matched\"}"
#define MT(asking, supporting, state) "{\"format\": \"itav/1\", \"interventions\": [{\"id\": " \
    "\"a\", \"name\": \"A\"}], \"offers\": [{\"id\": \"o\", \"intervention\": \"a\"}], " \
    "\"participants\": [" PAIR "], \"matches\": [{\"id\": \"m-00000001\", \"offer\": \"o\", " \
    "\"asking\": \"" asking "\", \"supporting\": \"" supporting "\", \"state\": \"" state "\", " \
    "\"trail\": [{\"state\": \"" state "\", \"date\": \"2021-03-01\", \"actor\": \"coordinator\"}]}]}"

START_TEST(catalogue_export_is_the_file)
{
    const char *path = getenv("ITAV_CATALOG_FILE");
    ck_assert_msg(path != NULL, "ITAV_CATALOG_FILE is not set");
    char *file = read_file(path);
    ck_assert_str_eq(itav_catalog_json(), file);
    itav_db *db = open_store(_i);
    ck_assert_int_eq(itav_catalog_load(db), ITAV_OK);
    char *text = export_text(db);
    ck_assert_msg(strcmp(text, file) == 0,
                  "export of the loaded catalogue differs from data/catalog.json");
    itav_free(text);
    free(file);
    close_store(db);
}
END_TEST

START_TEST(export_import_export_is_identical)
{
    itav_db *a = open_store(_i), *b = open_store((_i + 1) % STORE_COUNT);
    ck_assert_int_eq(itav_catalog_load(a), ITAV_OK);
    char *first = export_text(a);
    ck_assert_int_eq(itav_import_json_string(b, first, "first"), ITAV_OK);
    char *second = export_text(b);
    ck_assert_str_eq(first, second);
    /* through files too */
    char dir[] = "/tmp/itav-json-XXXXXX", path[128];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/out.json", dir);
    ck_assert_int_eq(itav_export_json_file(b, path), ITAV_OK);
    struct stat sb;
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0600); /* a new export is private */
    ck_assert_int_eq(chmod(path, 0640), 0);
    ck_assert_int_eq(itav_export_json_file(b, path), ITAV_OK);
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0640); /* a replaced one keeps its mode */
    char *onfile = read_file(path);
    ck_assert_str_eq(onfile, first);
    itav_db *c = open_store(STORE_MEMORY);
    ck_assert_int_eq(itav_import_json_file(c, path), ITAV_OK);
    char *third = export_text(c);
    ck_assert_str_eq(first, third);
    unlink(path);
    rmdir(dir);
    ck_assert_int_eq(itav_import_json_file(c, path), ITAV_EIO);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(c), path));
    ck_assert_int_eq(itav_export_json_file(c, "/nonexistent-dir/x.json"), ITAV_EIO);
    free(onfile);
    itav_free(first);
    itav_free(second);
    itav_free(third);
    close_store(a);
    close_store(b);
    close_store(c);
}
END_TEST

START_TEST(participants_and_matches_round_trip)
{
    itav_db *a = open_store(_i), *b = open_store((_i + 1) % STORE_COUNT);
    ck_assert_int_eq(itav_import_json_string(a, MT("a1", "s1", "proposed"), "pm"), ITAV_OK);
    char *first = export_text(a);
    ck_assert_ptr_nonnull(strstr(first, "\"participants\": ["));
    ck_assert_ptr_nonnull(strstr(first, "\"matches\": ["));
    ck_assert_int_eq(itav_import_json_string(b, first, "first"), ITAV_OK);
    char *second = export_text(b);
    ck_assert_str_eq(first, second);
    /* the imported match is live: it moves on, and new matches get fresh ids */
    ck_assert_int_eq(itav_match_advance(b, "m-00000001", ITAV_MATCH_DECLINED, 18700,
                                        ITAV_ACTOR_ASKING, ITAV_END_NO_CLICK, NULL), ITAV_OK);
    itav_match *m;
    ck_assert_int_eq(itav_match_get(&m, b, "m-00000001"), ITAV_OK);
    ck_assert_int_eq(itav_match_get_state(m), ITAV_MATCH_DECLINED);
    itav_match_free(m);
    /* importing the same document again clashes on every record */
    ck_assert_int_eq(itav_import_json_string(a, first, "again"), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(a), "$.participants[0].ref: participant \"a1\" is "
                                                 "already in the store"));
    ck_assert_ptr_nonnull(strstr(itav_errmsg(a), "$.matches[0].id: match \"m-00000001\" is "
                                                 "already in the store"));
    itav_free(first);
    itav_free(second);
    close_store(a);
    close_store(b);
}
END_TEST

START_TEST(empty_dataset)
{
    itav_db *db = open_store(_i);
    ck_assert_int_eq(itav_import_json_string(db, "{\"format\": \"itav/1\"}", NULL), ITAV_OK);
    char *text = export_text(db);
    ck_assert_str_eq(text, "{\n  \"format\": \"itav/1\",\n  \"interventions\": [],\n"
                           "  \"offers\": []\n}\n");
    itav_free(text);
    close_store(db);
}
END_TEST

/* A UTF-8 byte order mark at the start, as Windows programs write it, is skipped (as in a
 * CSV file), in a string and in a file; a syntax error after it is still placed by line and
 * column (issue 17). */
START_TEST(byte_order_mark)
{
    static const char doc[] = "\xEF\xBB\xBF{\"format\": \"itav/1\", \"interventions\": "
                              "[{\"id\": \"a\", \"name\": \"A\"}]}";
    char dir[] = "/tmp/itav-bom-XXXXXX", path[64], cmd[160];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/bom.json", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(doc, f);
    fclose(f);
    for (int how = 0; how < 2; how++) {
        itav_db *db = open_store(_i);
        int rc = how == 0 ? itav_import_json_string(db, doc, NULL)
                          : itav_import_json_file(db, path);
        ck_assert_msg(rc == ITAV_OK, "%d: %s", how, itav_errmsg(db));
        itav_intervention *iv;
        ck_assert_int_eq(itav_intervention_get(&iv, db, "a"), ITAV_OK);
        itav_intervention_free(iv);
        close_store(db);
    }
    itav_db *db = open_store(_i);
    ck_assert_int_eq(itav_import_json_string(db, "\xEF\xBB\xBF{\"format\": ]", "b.json"),
                     ITAV_EFORMAT);
    assert_msg(db, "b.json:1:");
    close_store(db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

#define IV(body) "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": \"A\"}, " body "]}"
#define OF(body) "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": \"A\"}], \"offers\": [" body "]}"

/* Each bad document and a piece of the message it must give. */
static const struct { const char *json; const char *message; } bad[] = {
    {"{\"format\": \"itav/1\", \"interventions\": [", "bad.json:1:"},
    {"{\"format\": \"itav/1\",\n \"interventions\": [}]}", "bad.json:2:"},
    {"[]", "$: expected an object, found an array"},
    {"{\"interventions\": []}", "required member \"format\" is missing"},
    {"{\"format\": \"itav/2\"}", "$.format: \"itav/2\" is not a format"},
    {"{\"format\": \"itav/1\", \"extra\": 1}", "$.extra: unknown member \"extra\""},
    {"{\"format\": \"itav/1\", \"interventions\": {}}", "$.interventions: expected an array"},
    {IV("{\"id\": \"b\"}"), "$.interventions[1]: required member \"name\" is missing"},
    {IV("{\"id\": \"B b\", \"name\": \"B\"}"), "$.interventions[1].id: \"B b\" is not a valid id"},
    {IV("{\"id\": \"b\", \"name\": 7}"), "$.interventions[1].name: expected a string, found an integer"},
    {IV("{\"id\": \"b\", \"name\": \"\"}"), "$.interventions[1].name: must not be empty"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"colour\": \"red\"}"), "$.interventions[1].colour: unknown member"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"setting\": \"informeel\"}"),
     "$.interventions[1].setting: unknown value \"informeel\" (expected one of: informal, formal, mixed)"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"since\": \"2012\"}"), "$.interventions[1].since: expected an integer"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"since\": 12}"), "$.interventions[1].since: 12 is out of range"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"elements\": {\"table\": {\"gezelligheid\": {\"status\": \"present\"}}}}"),
     "$.interventions[1].elements.table.gezelligheid: unknown element code \"gezelligheid\""},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"elements\": {\"table\": {\"equality\": {\"status\": \"yes\"}}}}"),
     "$.interventions[1].elements.table.equality.status: unknown value \"yes\""},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"elements\": {\"summary\": {}}}"),
     "$.interventions[1].elements.summary: unknown member"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"elements\": {\"table\": {\"equality\": {\"status\": \"present\", \"source\": \"p. 12\"}}}}"),
     "$.interventions[1].elements.table.equality.source: \"p. 12\" is not a source reference"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"sources\": {\"name\": \"001\"}}"), "$.interventions[1].sources.name: expected a source reference"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"sources\": {\"colour\": \"001:L1\"}}"),
     "$.interventions[1].sources.colour: \"colour\" is not a field that can have a source"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"audience\": {\"who\": [\"grandparents\"]}}"), "$.interventions[1].audience.who[0]: unknown audience"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"audience\": {\"age_months\": {\"min\": 20, \"max\": 10}}}"),
     "$.interventions[1].audience.age_months: min 20 is greater than max 10"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"roles\": [{\"role\": \"volunteer\", \"vog\": \"yes\"}]}"),
     "$.interventions[1].roles[0].vog: expected true or false"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"providers\": [\"\"]}"), "$.interventions[1].providers[0]: must not be empty"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"reach\": [{\"what\": \"families\", \"quantity\": {\"qualifier\": \"about\"}}]}"),
     "$.interventions[1].reach[0].quantity: required member \"value\" is missing"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"reach\": [{\"what\": \"families\", \"quantity\": {\"qualifier\": \"range\", \"min\": 9, \"max\": 3}}]}"),
     "$.interventions[1].reach[0].quantity: min 9 is greater than max 3"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"reach\": [{\"what\": \"families\", \"quantity\": {\"qualifier\": \"text\"}}]}"),
     "qualifier \"text\" needs a non-empty \"text\""},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"reach\": [{\"what\": \"families\", \"quantity\": {\"qualifier\": \"exact\", \"value\": \"12\"}}]}"),
     "$.interventions[1].reach[0].quantity.value: expected a number, found a string"},
    {IV("{\"id\": \"a\", \"name\": \"Again\"}"), "$.interventions[1].id: duplicate id \"a\" (also at $.interventions[0])"},
    {OF("{\"id\": \"o\", \"intervention\": \"ghost\"}"), "$.offers[0].intervention: no intervention \"ghost\" in the file or the store"},
    {OF("{\"id\": \"o\", \"intervention\": \"a\", \"start\": \"2021-13-01\"}"), "$.offers[0].start: \"2021-13-01\" is not a date"},
    {OF("{\"id\": \"o\", \"intervention\": \"a\", \"end\": 2021}"), "$.offers[0].end: expected a string"},
    {OF("{\"id\": \"o\", \"intervention\": \"a\"}, {\"id\": \"o\", \"intervention\": \"a\"}"), "$.offers[1].id: duplicate id \"o\""},
    {OF("{\"id\": \"o\", \"intervention\": \"a\", \"targets\": [{\"what\": \"matches\"}]}"), "$.offers[0].targets[0]: required member \"quantity\""},
    {"{\"format\": \"itav/1\", \"format\": \"itav/1\"}", "bad.json:1:"},
    {"{\"format\": \"itav/1\", \"participants\": {}}", "$.participants: expected an array"},
    {PT("{\"ref\": \"p1\", \"offer\": \"ghost\", \"kind\": \"family\", \"status\": \"waiting\"}"),
     "$.participants[0].offer: no offer \"ghost\" in the file or the store"},
    {PT("{\"ref\": \"p1\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"waiting\"}, "
        "{\"ref\": \"p1\", \"offer\": \"o\", \"kind\": \"volunteer\", \"status\": \"available\"}"),
     "$.participants[1].ref: duplicate ref \"p1\" (also at $.participants[0])"},
    {PT("{\"ref\": \"p1\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"waiting\", "
        "\"languages\": [\"xx\"]}"), "$.participants[0].languages[0]"},
    {MT("a1", "s9", "proposed"), "$.matches[0].supporting: no participant \"s9\" in the file or the store"},
    {MT("s1", "a1", "proposed"), "$.matches[0].asking: participant \"s1\" is on the supporting side"},
    {MT("a1", "s1", "finished"), "$.matches[0].state: unknown value \"finished\""},
    {PT("{\"ref\": \"p1\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"matched\"}"),
     "$.participants[0].status: matched, but the file has 0 open matches for \"p1\""},
    {PT("{\"ref\": \"~erased-1\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"erased\", "
        "\"municipality\": \"Haarlem\"}"),
     "$.participants[0]: participant \"~erased-1\": an erased participant keeps only its offer"},
    {PT("{\"ref\": \"p1\", \"offer\": \"o\", \"kind\": \"family\", \"status\": \"available\"}"),
     "$.participants[0].status: available is for the supporting side only"},
    /* outcomes of an intervention, milestones of an offer (issue 16) */
    {IV("{\"id\": \"b\", \"name\": \"B\", \"outcomes\": {}}"),
     "$.interventions[1].outcomes: expected an array of outcomes, found an object"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"outcomes\": [{\"kind\": \"effect\", \"what\": \"w\", "
        "\"quantity\": {\"qualifier\": \"exact\", \"value\": 1}}]}"),
     "$.interventions[1].outcomes[0].kind: unknown value \"effect\" (expected one of: follow_up, "
     "measurement_design, social_return, financial_return, satisfaction, study)"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"outcomes\": [{\"kind\": \"study\", \"what\": \"w\"}]}"),
     "$.interventions[1].outcomes[0]: required member \"quantity\" is missing"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"outcomes\": [{\"kind\": \"follow_up\", \"what\": \"w\", "
        "\"quantity\": {\"qualifier\": \"range\", \"min\": 40, \"max\": 35}}]}"),
     "$.interventions[1].outcomes[0].quantity: min 40 is greater than max 35"},
    {IV("{\"id\": \"b\", \"name\": \"B\", \"outcomes\": [{\"kind\": \"study\", \"what\": \"w\", "
        "\"quantity\": {\"qualifier\": \"text\", \"text\": \"t\"}, \"source\": \"L513\"}]}"),
     "$.interventions[1].outcomes[0].source: \"L513\" is not a source reference"},
    {OF("{\"id\": \"o\", \"intervention\": \"a\", \"milestones\": [{\"status\": \"achieved\", "
        "\"what\": \"w\"}]}"),
     "$.offers[0].milestones[0]: a milestone needs a \"date\" or a \"period\""},
    {OF("{\"id\": \"o\", \"intervention\": \"a\", \"milestones\": [{\"status\": \"done\", "
        "\"what\": \"w\", \"period\": \"2020\"}]}"),
     "$.offers[0].milestones[0].status: unknown value \"done\" (expected one of: achieved, delayed, "
     "accelerated, current_situation, planned)"},
    {OF("{\"id\": \"o\", \"intervention\": \"a\", \"milestones\": [{\"status\": \"achieved\", "
        "\"what\": \"w\", \"date\": \"2020-11-31\"}]}"),
     "$.offers[0].milestones[0].date: \"2020-11-31\" is not a date"},
    {OF("{\"id\": \"o\", \"intervention\": \"a\", \"milestones\": [{\"status\": \"achieved\", "
        "\"period\": \"2020\"}]}"),
     "$.offers[0].milestones[0]: required member \"what\" is missing"},
    {OF("{\"id\": \"o\", \"intervention\": \"a\", \"milestones\": [{\"status\": \"planned\", "
        "\"what\": \"w\", \"period\": \"2022\", \"when\": \"soon\"}]}"),
     "$.offers[0].milestones[0].when: unknown member \"when\""},
};

START_TEST(bad_input_is_refused_and_changes_nothing)
{
    itav_db *db = open_store(_i);
    ck_assert_int_eq(itav_import_json_string(db,
        "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"kept\", \"name\": \"Kept\"}]}",
        "setup"), ITAV_OK);
    char *before = export_text(db);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int rc = itav_import_json_string(db, bad[i].json, "bad.json");
        ck_assert_msg(rc == ITAV_EFORMAT, "case %zu: rc %d (%s)", i, rc, itav_errmsg(db));
        ck_assert_msg(strstr(itav_errmsg(db), bad[i].message) != NULL,
                      "case %zu: message \"%s\" lacks \"%s\"", i, itav_errmsg(db),
                      bad[i].message);
        ck_assert_msg(strstr(itav_errmsg(db), "bad.json") != NULL, "case %zu: no file name",
                      i);
        char *after = export_text(db);
        ck_assert_msg(strcmp(before, after) == 0, "case %zu changed the store", i);
        itav_free(after);
    }
    itav_free(before);
    close_store(db);
}
END_TEST

START_TEST(ids_already_in_the_store)
{
    itav_db *db = open_store(_i);
    ck_assert_int_eq(itav_catalog_load(db), ITAV_OK);
    char *before = export_text(db);
    ck_assert_int_eq(itav_import_json_string(db,
        "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"new-one\", \"name\": \"N\"}, "
        "{\"id\": \"home-start\", \"name\": \"H\"}], \"offers\": [{\"id\": \"o\", "
        "\"intervention\": \"pinkies\"}, {\"id\": \"buurtgezinnen-leiden\", \"intervention\": "
        "\"new-one\"}]}", "more.json"), ITAV_EFORMAT);
    const char *msg = itav_errmsg(db);
    ck_assert_ptr_nonnull(strstr(msg, "2 problems; nothing was imported"));
    ck_assert_ptr_nonnull(strstr(msg, "more.json: $.interventions[1].id: intervention "
                                      "\"home-start\" is already in the store"));
    ck_assert_ptr_nonnull(strstr(msg, "more.json: $.offers[1].id: offer "
                                      "\"buurtgezinnen-leiden\" is already in the store"));
    char *after = export_text(db);
    ck_assert_str_eq(before, after);
    /* loading the catalogue twice is refused in one line */
    ck_assert_int_eq(itav_catalog_load(db), ITAV_EEXISTS);
    ck_assert_str_eq(itav_errmsg(db), "the built-in catalogue is already in the store");
    /* a store holding part of it gets every clash named */
    itav_db *part = open_store(STORE_MEMORY);
    ck_assert_int_eq(itav_import_json_string(part,
        "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"pinkies\", \"name\": \"P\"}]}",
        NULL), ITAV_OK);
    ck_assert_int_eq(itav_catalog_load(part), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(part), "intervention \"pinkies\" is already in the store"));
    close_store(part);
    /* but an offer of an intervention that is already stored is fine */
    ck_assert_int_eq(itav_import_json_string(db,
        "{\"format\": \"itav/1\", \"offers\": [{\"id\": \"pinkies-x\", \"intervention\": "
        "\"pinkies\"}]}", "ok.json"), ITAV_OK);
    itav_free(before);
    itav_free(after);
    close_store(db);
}
END_TEST

/* The export's top-level members in the given order, as a new document (the export writes
 * each member on lines of its own, starting with two spaces of indent). */
static char *reordered(const char *doc, const char *const *order)
{
    size_t cap = strlen(doc) + 64, n = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    out[n++] = '{';
    for (size_t k = 0; order[k]; k++) {
        char head[64];
        snprintf(head, sizeof head, "\n  \"%s\": ", order[k]);
        const char *start = strstr(doc, head);
        ck_assert_msg(start != NULL, "no member %s in the export", order[k]);
        const char *end = strstr(start + 1, "\n  \"");
        if (!end)
            end = strstr(start, "\n}");
        ck_assert_ptr_nonnull(end);
        size_t len = (size_t)(end - start);
        if (start[len - 1] == ',')
            len--;
        if (k)
            out[n++] = ',';
        memcpy(out + n, start, len);
        n += len;
    }
    memcpy(out + n, "\n}\n", 4);
    return out;
}

/* A pair with a completed match and a declined one, and reviews of the first. */
#define REVIEWED "{\"format\": \"itav/1\"," \
    " \"interventions\": [{\"id\": \"bg\", \"name\": \"bg\", \"plan\": {\"trial\": true," \
    "   \"trial_months\": 2, \"review_months\": 6, \"max_months\": 24}}]," \
    " \"offers\": [{\"id\": \"bg-haarlem\", \"intervention\": \"bg\", \"name\": \"bg\"}]," \
    " \"participants\": [" \
    "  {\"ref\": \"a1\", \"offer\": \"bg-haarlem\", \"kind\": \"family\", \"status\": \"waiting\"}," \
    "  {\"ref\": \"s1\", \"offer\": \"bg-haarlem\", \"kind\": \"support_family\"," \
    "   \"status\": \"available\"}]," \
    " \"matches\": [" \
    "  {\"id\": \"m-00000001\", \"offer\": \"bg-haarlem\", \"asking\": \"a1\"," \
    "   \"supporting\": \"s1\", \"state\": \"completed\", \"trail\": [" \
    "    {\"state\": \"proposed\", \"date\": \"2021-01-04\", \"actor\": \"coordinator\"}," \
    "    {\"state\": \"introduced\", \"date\": \"2021-01-11\", \"actor\": \"coordinator\"}," \
    "    {\"state\": \"trial\", \"date\": \"2021-02-01\", \"actor\": \"coordinator\"}," \
    "    {\"state\": \"active\", \"date\": \"2021-04-10\", \"actor\": \"coordinator\"}," \
    "    {\"state\": \"completed\", \"date\": \"2023-01-15\", \"actor\": \"coordinator\"}]}," \
    "  {\"id\": \"m-00000002\", \"offer\": \"bg-haarlem\", \"asking\": \"a1\"," \
    "   \"supporting\": \"s1\", \"state\": \"declined\", \"reason\": \"no_click\", \"trail\": [" \
    "    {\"state\": \"proposed\", \"date\": \"2023-03-01\", \"actor\": \"coordinator\"}," \
    "    {\"state\": \"declined\", \"date\": \"2023-03-05\", \"actor\": \"asking\"}]}]," \
    " \"reviews\": [" \
    "  {\"id\": \"r-00000001\", \"match\": \"m-00000001\", \"offer\": \"bg-haarlem\", \"kind\":" \
    "   \"trial\", \"date\": \"2021-04-01\", \"respondent\": \"asking\"}," \
    "  {\"id\": \"r-00000002\", \"match\": \"m-00000001\", \"offer\": \"bg-haarlem\", \"kind\":" \
    "   \"final\", \"date\": \"2023-01-20\", \"respondent\": \"supporting\"}]}"

/* The members of a document may come in any order: the records are the same, and so is
 * every problem (the paths name the arrays, not the order). The export's order (format,
 * interventions, offers, indicators, participants, matches, reviews) is one of many. */
START_TEST(members_in_any_order)
{
    static const char *const orders[][8] = {
        {"reviews", "matches", "participants", "offers", "interventions", "format", NULL},
        {"matches", "format", "reviews", "participants", "interventions", "offers", NULL},
        {"participants", "reviews", "offers", "matches", "format", "interventions", NULL},
    };
    itav_db *a = open_store(_i);
    ck_assert_msg(itav_import_json_string(a, REVIEWED, "reviewed") == ITAV_OK, "%s",
                  itav_errmsg(a));
    char *first = export_text(a);
    ck_assert_ptr_nonnull(strstr(first, "\n  \"matches\": "));
    /* the problems of the export's own order: every id is already in the store */
    ck_assert_int_eq(itav_import_json_string(a, first, "doc.json"), ITAV_EFORMAT);
    char *problems = strdup(itav_errmsg(a));
    ck_assert_ptr_nonnull(strstr(problems, "$.matches[0].id: match \"m-00000001\" is already "
                                           "in the store"));
    char dir[] = "/tmp/itav-order-XXXXXX", path[128];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/doc.json", dir);
    for (size_t k = 0; k < sizeof orders / sizeof orders[0]; k++) {
        char *doc = reordered(first, orders[k]);
        ck_assert_int_ne(strncmp(doc, "{\n  \"format\"", 12), 0);
        for (int viafile = 0; viafile < 2; viafile++) {
            itav_db *b = open_store(_i);
            int rc;
            if (viafile) {
                FILE *f = fopen(path, "w");
                ck_assert_ptr_nonnull(f);
                ck_assert_int_eq(fputs(doc, f) >= 0, 1);
                ck_assert_int_eq(fclose(f), 0);
                rc = itav_import_json_file(b, path);
            } else {
                rc = itav_import_json_string(b, doc, "doc.json");
            }
            ck_assert_msg(rc == ITAV_OK, "order %zu%s: %s", k, viafile ? " (file)" : "",
                          itav_errmsg(b));
            char *again = export_text(b);
            ck_assert_str_eq(again, first);
            itav_free(again);
            close_store(b);
        }
        /* the same problems, in the same order, whatever the order of the members */
        ck_assert_int_eq(itav_import_json_string(a, doc, "doc.json"), ITAV_EFORMAT);
        ck_assert_str_eq(itav_errmsg(a), problems);
        ck_assert_int_eq(itav_import_json_file(a, path), ITAV_EFORMAT);
        char *after = export_text(a);
        ck_assert_str_eq(after, first);
        itav_free(after);
        free(doc);
    }
    unlink(path);
    rmdir(dir);
    free(problems);
    itav_free(first);
    close_store(a);
}
END_TEST

/* A member of a kind the stream does not expect (not an array, unknown, twice) or a syntax
 * error late in the file: the problem is the one the whole document's parse gives, never
 * the problems of records read before it. */
START_TEST(late_problems_win)
{
    static const struct { const char *json; const char *message; } cases[] = {
        {"{\"participants\": [{\"ref\": \"x\"}], \"offers\": [}",
         "late.json:1:45: unexpected token near '}'; nothing was imported"},
        {"{\"participants\": [{\"ref\": \"x\"}], \"format\": \"itav/1\", \"offers\": 3}",
         "late.json: $.offers: expected an array; nothing was imported"},
        {"{\"participants\": [{\"ref\": \"x\"}], \"format\": \"itav/1\", \"notes\": []}",
         "late.json: $.notes: unknown member \"notes\"; nothing was imported"},
        {"{\"participants\": [], \"format\": \"itav/1\", \"participants\": []}",
         "late.json:1:55: duplicate object key near '\"participants\"'; nothing was imported"},
        {"{\"participants\": [{\"ref\": \"x\"}], \"format\": 1}",
         "late.json: $.format: expected a string, found an integer; nothing was imported"},
        {"{\"participants\": [{\"ref\": \"x\"}]}",
         "late.json: $: required member \"format\" is missing; nothing was imported"},
        {"{\"format\": \"itav/1\", \"offers\": [{\"id\": \"o\", \"id\": \"p\"}]}",
         "late.json:1:48: duplicate object key near '\"id\"'; nothing was imported"},
        {"{\"format\": \"itav/1\"} x", "late.json:1:22: end of file expected near 'x'; "
                                      "nothing was imported"},
        {"{} x", "late.json:1:4: end of file expected near 'x'; nothing was imported"},
        {" {\n} ", "late.json: $: required member \"format\" is missing; nothing was imported"},
    };
    itav_db *db = open_store(_i);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ck_assert_int_eq(itav_import_json_string(db, cases[k].json, "late.json"), ITAV_EFORMAT);
        ck_assert_str_eq(itav_errmsg(db), cases[k].message);
    }
    close_store(db);
}
END_TEST

/* A message longer than the context's buffer once its control characters are written as \xNN
 * loses its middle, never its end: "nothing was imported" stays (found by fuzz_json: 200 DEL
 * bytes in a member name, quoted twice, cut that off). */
START_TEST(long_message_keeps_its_end)
{
    itav_db *db = open_store(_i);
    char doc[1024], name[201];
    memset(name, 0x7f, 200);
    name[200] = '\0';
    snprintf(doc, sizeof doc, "{\"format\": \"itav/1\", \"interventions\": [], \"%s\": 1}", name);
    ck_assert_int_eq(itav_import_json_string(db, doc, "d.json"), ITAV_EFORMAT);
    const char *msg = itav_errmsg(db), *end = "; nothing was imported";
    size_t n = strlen(msg);
    ck_assert_msg(n > strlen(end) && !strcmp(msg + n - strlen(end), end), "%s", msg);
    ck_assert_msg(!strncmp(msg, "d.json: $.\\x7f\\x7f", 18), "%.40s", msg);
    ck_assert_ptr_nonnull(strstr(msg, "..."));
    close_store(db);
}
END_TEST

START_TEST(null_arguments)
{
    itav_db *db = open_store(STORE_MEMORY);
    char *s;
    ck_assert_int_eq(itav_import_json_string(NULL, "{}", NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_import_json_string(db, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_import_json_file(db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_export_json_string(NULL, db), ITAV_EINVAL);
    ck_assert_int_eq(itav_export_json_string(&s, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_export_json_file(db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_to_json(&s, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_offer_to_json(NULL, NULL), ITAV_EINVAL);
    itav_free(NULL);
    close_store(db);
}
END_TEST

/* Costs (issue 16): each bad cost is refused with its JSON path and the field, and leaves the
 * store as it was; a good one comes back as it went in. */
#define COST_DOC(cost) "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", " \
    "\"name\": \"A\"}], \"offers\": [{\"id\": \"o\", \"intervention\": \"a\", " \
    "\"costs\": [" cost "]}]}"
START_TEST(bad_costs_are_refused_with_their_field)
{
    static const struct { const char *cost, *msg; } bad_costs[] = {
        {"{\"what\": \"x\", \"amount\": {\"qualifier\": \"exact\", \"value\": -5}, "
         "\"unit\": \"total\"}", "offers[0].costs[0].amount: an amount is 0 or more"},
        {"{\"what\": \"x\", \"amount\": {\"qualifier\": \"exact\", \"value\": 5}, "
         "\"unit\": \"per_week\"}", "offers[0].costs[0].unit: unknown value \"per_week\""},
        {"{\"what\": \"x\", \"amount\": {\"qualifier\": \"exact\", \"value\": 5}}",
         "offers[0].costs[0].unit: an amount needs a unit"},
        {"{\"what\": \"x\", \"funders\": [{\"name\": \"a\", \"percent\": {\"qualifier\": "
         "\"exact\", \"value\": 80}}, {\"name\": \"b\", \"percent\": {\"qualifier\": "
         "\"exact\", \"value\": 30}}]}",
         "offers[0].costs[0].funders[1]: the percent shares of this cost add up to more than 100"},
        {"{\"what\": \"x\", \"funders\": [{\"name\": \"a\", \"percent\": {\"qualifier\": "
         "\"exact\", \"value\": 120}}]}", "offers[0].costs[0].funders[0].percent: 120 is out"},
        {"{\"what\": \"x\", \"currency\": \"euro\"}", "offers[0].costs[0].currency: \"euro\""},
        {"{\"what\": \"x\", \"from\": \"2021-12-31\", \"to\": \"2021-01-01\"}",
         "offers[0].costs[0].to: the period ends before it starts"},
        {"{\"amount\": {\"qualifier\": \"exact\", \"value\": 5}}",
         "required member \"what\" is missing"},
    };
    itav_db *db = open_store(_i);
    for (size_t i = 0; i < sizeof bad_costs / sizeof *bad_costs; i++) {
        char doc[1024];
        snprintf(doc, sizeof doc, COST_DOC("%s"), bad_costs[i].cost);
        ck_assert_int_eq(itav_import_json_string(db, doc, "costs.json"), ITAV_EFORMAT);
        ck_assert_msg(strstr(itav_errmsg(db), bad_costs[i].msg), "%zu: %s", i, itav_errmsg(db));
        itav_offer *of;
        ck_assert_int_eq(itav_offer_get(&of, db, "o"), ITAV_ENOTFOUND); /* nothing written */
    }
    ck_assert_int_eq(itav_import_json_string(db, COST_DOC(
        "{\"what\": \"a trajectory\", \"amount\": {\"qualifier\": \"range\", \"min\": 800, "
        "\"max\": 1000, \"text\": \"€ 800 tot € 1.000 per jongere\"}, \"unit\": "
        "\"per_young_person\", \"currency\": \"EUR\", \"funders\": [{\"name\": \"gemeente\", "
        "\"percent\": {\"qualifier\": \"about\", \"value\": 80}}, {\"name\": \"school\"}], "
        "\"source\": \"004:L231\"}"), "good.json"), ITAV_OK);
    char *text = export_text(db);
    itav_db *again = open_store(_i == 0 ? 1 : 0);
    ck_assert_int_eq(itav_import_json_string(again, text, "again"), ITAV_OK);
    char *second = export_text(again);
    ck_assert_str_eq(second, text);
    ck_assert_ptr_nonnull(strstr(text, "\"percent\": {\n"));
    itav_free(text);
    itav_free(second);
    close_store(again);
    close_store(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("json");
    tcase_add_loop_test(tc, catalogue_export_is_the_file, 0, STORE_COUNT);
    tcase_add_loop_test(tc, export_import_export_is_identical, 0, STORE_COUNT);
    tcase_add_loop_test(tc, empty_dataset, 0, STORE_COUNT);
    tcase_add_loop_test(tc, byte_order_mark, 0, STORE_COUNT);
    tcase_add_loop_test(tc, participants_and_matches_round_trip, 0, STORE_COUNT);
    tcase_add_loop_test(tc, bad_input_is_refused_and_changes_nothing, 0, STORE_COUNT);
    tcase_add_loop_test(tc, ids_already_in_the_store, 0, STORE_COUNT);
    tcase_add_loop_test(tc, members_in_any_order, 0, STORE_COUNT);
    tcase_add_loop_test(tc, late_problems_win, 0, STORE_COUNT);
    tcase_add_test(tc, null_arguments);
    tcase_add_loop_test(tc, long_message_keeps_its_end, 0, 1);
    tcase_add_loop_test(tc, bad_costs_are_refused_with_their_field, 0, STORE_COUNT);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
