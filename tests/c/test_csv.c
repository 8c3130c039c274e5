/* Participant import from CSV: every column read back, the forms a spreadsheet writes (BOM,
 * CRLF, quotes, blank lines), and every kind of bad input refused with its row and column
 * named and the store unchanged. */
#include "testutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const dataset =
    "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"bg\", \"name\": \"Buurtgezinnen\"}],"
    " \"offers\": [{\"id\": \"bg-zk\", \"intervention\": \"bg\"},"
    " {\"id\": \"bg-leiden\", \"intervention\": \"bg\"},"
    " {\"id\": \"buurtgezinnen-zuid-kennemerland\", \"intervention\": \"bg\"}]}";

/* A store with three offers and one participant, "existing". */
static itav_db *store(int which)
{
    itav_db *db = open_store(which);
    itav_participant *p;
    ck_assert_msg(itav_import_json_string(db, dataset, "fixture") == ITAV_OK, "%s",
                  itav_errmsg(db));
    ck_assert_int_eq(itav_participant_new(&p, "existing", "bg-zk", ITAV_PARTICIPANT_FAMILY),
                     ITAV_OK);
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
    return db;
}

static size_t count(itav_db *db)
{
    itav_participant_iter *it;
    itav_participant *p;
    size_t n = 0;
    ck_assert_msg(itav_participant_list(&it, db, NULL) == ITAV_OK, "%s", itav_errmsg(db));
    while (itav_participant_iter_next(&p, it) == ITAV_OK) {
        itav_participant_free(p);
        n++;
    }
    itav_participant_iter_free(it);
    return n;
}

static itav_participant *get(itav_db *db, const char *ref)
{
    itav_participant *p;
    ck_assert_msg(itav_participant_get(&p, db, ref) == ITAV_OK, "%s", itav_errmsg(db));
    return p;
}

static int32_t date(const char *text)
{
    int32_t d;
    ck_assert_int_eq(itav_date_parse(&d, text), ITAV_OK);
    return d;
}

static void import_ok(itav_db *db, const char *csv, const char *offer)
{
    ck_assert_msg(itav_import_participants_csv_string(db, csv, "t", offer) == ITAV_OK, "%s",
                  itav_errmsg(db));
}

/* The import is refused with exactly this message, and nothing is written. */
static void refused(itav_db *db, const char *csv, const char *offer, const char *message)
{
    size_t before = count(db);
    int rc = itav_import_participants_csv_string(db, csv, "t", offer);
    ck_assert_msg(rc == ITAV_EFORMAT, "expected ITAV_EFORMAT for\n%s\ngot %d: %s", csv, rc,
                  itav_errmsg(db));
    ck_assert_str_eq(itav_errmsg(db), message);
    ck_assert_uint_eq(count(db), before);
}

/* A file next to the sources (tests/c/data/..., docs/...), found from the catalogue path the
 * test environment gives. */
static char *source_path(const char *relative)
{
    const char *catalog = getenv("ITAV_CATALOG_FILE");
    ck_assert_msg(catalog != NULL, "ITAV_CATALOG_FILE is not set");
    const char *data = strstr(catalog, "/data/catalog.json");
    ck_assert_ptr_nonnull(data);
    size_t n = (size_t)(data - catalog) + 1 + strlen(relative) + 1;
    char *path = malloc(n);
    snprintf(path, n, "%.*s/%s", (int)(data - catalog), catalog, relative);
    return path;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* Writes text to a new temporary file; returns its path (free it, unlink it). */
static char *temp_file(const char *text, size_t size)
{
    char *path = strdup("/tmp/itav-csv-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, size), (ssize_t)size);
    close(fd);
    return path;
}

/* ---- good input ---- */

START_TEST(every_column_reads_back)
{
    /* every column, in an order of its own; quoted cells with commas, quotes and a line
     * break; booleans in several spellings */
    static const char csv[] =
        "exclusions,capacity,kind,ref,languages,lat,offer,availability,status,lon,support,"
        "status_date,municipality,postcode,language_required,interests,children,age_min,"
        "age_max,vog_date,trained,registered,max_distance_m\n"
        "s.2_X-9,,family,a1,nl;ar,52.381,bg-zk,\"wed_afternoon; sat_morning\",waiting,4.637,"
        "daytime_care sleepover,2021-03-01,\"Haarlem, \"\"Schalkwijk\"\"\",2011,YES,"
        "football;cooking,48 96,,,,,2021-02-01,5000.5\n"
        "a1 other,3,support_family,s.2_X-9,tr,-33.5,bg-leiden,mon_morning;;sun_evening,available,"
        "-70.25,wayfinding; listening_ear,,\"Lei\nden\",2311,False,,,0,144,2020-12-31,1,"
        "2021-01-15,\n";
    itav_db *db = store(_i);
    import_ok(db, csv, NULL);
    ck_assert_uint_eq(count(db), 3);

    itav_participant *a = get(db, "a1");
    double lat, lon;
    int32_t min, max;
    ck_assert_str_eq(itav_participant_offer(a), "bg-zk");
    ck_assert_int_eq(itav_participant_get_kind(a), ITAV_PARTICIPANT_FAMILY);
    ck_assert_int_eq(itav_participant_side(a), ITAV_SIDE_ASKING);
    ck_assert_int_eq(itav_participant_get_status(a), ITAV_PSTATUS_WAITING);
    ck_assert_int_eq(itav_participant_status_date(a), date("2021-03-01"));
    ck_assert_str_eq(itav_participant_municipality(a), "Haarlem, \"Schalkwijk\"");
    ck_assert_str_eq(itav_participant_postcode(a), "2011");
    ck_assert_int_eq(itav_participant_location(a, &lat, &lon), 1);
    ck_assert_double_eq(lat, 52.381);
    ck_assert_double_eq(lon, 4.637);
    ck_assert_uint_eq(itav_participant_availability(a),
                      ITAV_SLOT(2, ITAV_AFTERNOON) | ITAV_SLOT(5, ITAV_MORNING));
    ck_assert_uint_eq(itav_participant_support(a),
                      ITAV_SUPPORT_DAYTIME_CARE | ITAV_SUPPORT_SLEEPOVER);
    ck_assert_uint_eq(itav_participant_language_count(a), 2);
    ck_assert_str_eq(itav_participant_language(a, 0), "nl");
    ck_assert_str_eq(itav_participant_language(a, 1), "ar");
    ck_assert_int_eq(itav_participant_language_required(a), 1);
    ck_assert_uint_eq(itav_participant_interest_count(a), 2);
    ck_assert_str_eq(itav_participant_interest(a, 0), "football");
    ck_assert_str_eq(itav_participant_interest(a, 1), "cooking");
    ck_assert_uint_eq(itav_participant_child_count(a), 2);
    ck_assert_int_eq(itav_participant_child_age(a, 0), 48);
    ck_assert_int_eq(itav_participant_child_age(a, 1), 96);
    ck_assert_int_eq(itav_participant_age_range(a, &min, &max), 0);
    ck_assert_int_eq(itav_participant_vog_date(a), ITAV_DATE_NONE);
    ck_assert_int_eq(itav_participant_trained(a), 0);
    ck_assert_int_eq(itav_participant_capacity(a), 1);
    ck_assert_int_eq(itav_participant_registered(a), date("2021-02-01"));
    ck_assert_double_eq(itav_participant_max_distance(a), 5000.5);
    ck_assert_uint_eq(itav_participant_exclusion_count(a), 1);
    ck_assert_str_eq(itav_participant_exclusion(a, 0), "s.2_X-9");
    itav_participant_free(a);

    itav_participant *s = get(db, "s.2_X-9");
    ck_assert_str_eq(itav_participant_offer(s), "bg-leiden");
    ck_assert_int_eq(itav_participant_side(s), ITAV_SIDE_SUPPORTING);
    ck_assert_int_eq(itav_participant_get_status(s), ITAV_PSTATUS_AVAILABLE);
    /* no status_date: the registration date, as itav_participant_create() does */
    ck_assert_int_eq(itav_participant_status_date(s), date("2021-01-15"));
    ck_assert_str_eq(itav_participant_municipality(s), "Lei\nden");
    ck_assert_int_eq(itav_participant_location(s, &lat, &lon), 1);
    ck_assert_double_eq(lat, -33.5);
    ck_assert_double_eq(lon, -70.25);
    ck_assert_uint_eq(itav_participant_availability(s),
                      ITAV_SLOT(0, ITAV_MORNING) | ITAV_SLOT(6, ITAV_EVENING));
    ck_assert_uint_eq(itav_participant_support(s),
                      ITAV_SUPPORT_WAYFINDING | ITAV_SUPPORT_LISTENING);
    ck_assert_uint_eq(itav_participant_language_count(s), 1);
    ck_assert_str_eq(itav_participant_language(s, 0), "tr");
    ck_assert_int_eq(itav_participant_language_required(s), 0);
    ck_assert_uint_eq(itav_participant_interest_count(s), 0);
    ck_assert_uint_eq(itav_participant_child_count(s), 0);
    ck_assert_int_eq(itav_participant_age_range(s, &min, &max), 1);
    ck_assert_int_eq(min, 0);
    ck_assert_int_eq(max, 144);
    ck_assert_int_eq(itav_participant_vog_date(s), date("2020-12-31"));
    ck_assert_int_eq(itav_participant_trained(s), 1);
    ck_assert_int_eq(itav_participant_capacity(s), 3);
    ck_assert_double_eq(itav_participant_max_distance(s), 0);
    ck_assert_uint_eq(itav_participant_exclusion_count(s), 2);
    ck_assert_str_eq(itav_participant_exclusion(s, 0), "a1");
    ck_assert_str_eq(itav_participant_exclusion(s, 1), "other");
    itav_participant_free(s);
    close_store(db);
}
END_TEST

START_TEST(empty_cells_and_defaults)
{
    /* only the required columns, in another order; empty optional cells are not set */
    itav_db *db = store(_i);
    import_ok(db, "kind,ref,offer,capacity,lat,lon,languages,trained,registered\n"
                  "volunteer,v1,bg-zk,,,,,,\n"
                  "youth,y1,bg-leiden,,,, ,,\n", NULL);
    ck_assert_uint_eq(count(db), 3);
    itav_participant *v = get(db, "v1");
    ck_assert_int_eq(itav_participant_get_kind(v), ITAV_PARTICIPANT_VOLUNTEER);
    ck_assert_int_eq(itav_participant_get_status(v), ITAV_PSTATUS_REGISTERED);
    ck_assert_int_eq(itav_participant_status_date(v), ITAV_DATE_NONE);
    ck_assert_int_eq(itav_participant_capacity(v), 1);
    ck_assert_int_eq(itav_participant_location(v, NULL, NULL), 0);
    ck_assert_uint_eq(itav_participant_language_count(v), 0);
    ck_assert_int_eq(itav_participant_trained(v), 0);
    ck_assert_int_eq(itav_participant_registered(v), ITAV_DATE_NONE);
    ck_assert_ptr_null(itav_participant_municipality(v));
    ck_assert_ptr_null(itav_participant_postcode(v));
    ck_assert_uint_eq(itav_participant_availability(v), 0);
    itav_participant_free(v);
    itav_participant *y = get(db, "y1");
    ck_assert_str_eq(itav_participant_offer(y), "bg-leiden");
    ck_assert_uint_eq(itav_participant_language_count(y), 0); /* a cell of spaces is empty */
    itav_participant_free(y);
    /* a header without rows imports nothing, and that is fine */
    import_ok(db, "ref,offer,kind\n", NULL);
    ck_assert_uint_eq(count(db), 3);
    close_store(db);
}
END_TEST

/* ISO 639-3 codes next to ISO 639-1 ones; a language is stored once, in its two-letter form
 * when it has one. */
START_TEST(iso_639_3_languages)
{
    itav_db *db = store(_i);
    import_ok(db, "ref,offer,kind,languages\nx1,bg-zk,family,pap; nld; nl; ary\n", NULL);
    itav_participant *x = get(db, "x1");
    ck_assert_uint_eq(itav_participant_language_count(x), 3);
    ck_assert_str_eq(itav_participant_language(x, 0), "pap");
    ck_assert_str_eq(itav_participant_language(x, 1), "nl");
    ck_assert_str_eq(itav_participant_language(x, 2), "ary");
    itav_participant_free(x);
    close_store(db);
}
END_TEST

START_TEST(default_offer)
{
    itav_db *db = store(_i);
    /* no offer column: every row in the default offer */
    import_ok(db, "ref,kind\nd1,family\nd2,peer\n", "bg-leiden");
    itav_participant *p = get(db, "d2");
    ck_assert_str_eq(itav_participant_offer(p), "bg-leiden");
    itav_participant_free(p);
    /* an offer column: an empty cell takes the default, a filled one wins */
    import_ok(db, "ref,offer,kind\nd3,,family\nd4,bg-zk,family\n", "bg-leiden");
    p = get(db, "d3");
    ck_assert_str_eq(itav_participant_offer(p), "bg-leiden");
    itav_participant_free(p);
    p = get(db, "d4");
    ck_assert_str_eq(itav_participant_offer(p), "bg-zk");
    itav_participant_free(p);
    ck_assert_uint_eq(count(db), 5);
    refused(db, "ref,kind\nd5,family\n", "nope",
            "t: the default offer \"nope\" is not in the store; nothing was imported");
    refused(db, "ref,offer,kind\nd5,,family\n", NULL,
            "t:row 2, column offer: offer is empty and no default offer was given; nothing "
            "was imported");
    close_store(db);
}
END_TEST

/* A control character that a terminal would obey is refused with its row and column; a line
 * break in a quoted cell is kept as a line feed (above). */
START_TEST(control_characters_are_refused)
{
    itav_db *db = store(_i);
    refused(db, "ref,offer,kind,municipality\nb1,bg-zk,family,\x1b]0;PWNED\x07Haarlem\n", NULL,
            "t:row 2, column municipality: the text contains the control character U+001B; "
            "nothing was imported");
    refused(db, "ref,offer,kind,municipality\nb1,bg-zk,family,Haarlem\xc2\x9b\n", NULL,
            "t:row 2, column municipality: the text contains the control character U+009B; "
            "nothing was imported");
    import_ok(db, "ref,offer,kind,municipality\nb1,bg-zk,family,\"Haar\tlem\"\n", NULL);
    close_store(db);
}
END_TEST

START_TEST(bom_crlf_and_blank_lines)
{
    itav_db *db = store(_i);
    /* BOM, CRLF, a blank line, a quoted line break, no newline at the end */
    import_ok(db, "\xEF\xBB\xBFref,offer,kind,municipality\r\nb1,bg-zk,family,\"one\r\ntwo\"\r\n"
                  "\r\nb2,bg-zk,family,Haarlem", NULL);
    itav_participant *p = get(db, "b1");
    ck_assert_str_eq(itav_participant_municipality(p), "one\ntwo"); /* a line feed only */
    itav_participant_free(p);
    p = get(db, "b2");
    ck_assert_str_eq(itav_participant_municipality(p), "Haarlem");
    itav_participant_free(p);
    ck_assert_uint_eq(count(db), 3);
    /* rows are numbered as a spreadsheet shows them: blank lines count, a quoted line break
     * does not, with LF, CRLF or a lone CR */
    const char *const endings[] = {"\n", "\r\n", "\r"};
    for (int e = 0; e < 3; e++) {
        const char *nl = endings[e];
        char csv[256], message[256];
        snprintf(csv, sizeof csv, "\xEF\xBB\xBFref,offer,kind,municipality%s%sb3,bg-zk,family,"
                 "\"x%sy\"%s%sb4,bg-zk,famly,z", nl, nl, nl, nl, nl);
        snprintf(message, sizeof message, "t:row 5, column kind: kind \"famly\" is not a kind "
                 "(use family, youth, parent, support_family, volunteer, buddy, peer); nothing "
                 "was imported");
        refused(db, csv, NULL, message);
    }
    close_store(db);
}
END_TEST

/* The example file of docs/format.md is tests/c/data/participants.csv, and it imports. */
START_TEST(documented_example_imports)
{
    char *path = source_path("tests/c/data/participants.csv");
    char *docs_path = source_path("docs/format.md");
    char *file = read_text(path), *docs = read_text(docs_path);
    const char *section = strstr(docs, "## Participants in CSV");
    ck_assert_ptr_nonnull(section);
    const char *fence = strstr(section, "```csv\n");
    ck_assert_ptr_nonnull(fence);
    fence += strlen("```csv\n");
    ck_assert_msg(strncmp(fence, file, strlen(file)) == 0 &&
                      strncmp(fence + strlen(file), "```", 3) == 0,
                  "the example in docs/format.md differs from %s", path);

    itav_db *db = store(_i);
    ck_assert_msg(itav_import_participants_csv_file(db, path, NULL) == ITAV_OK, "%s",
                  itav_errmsg(db));
    ck_assert_uint_eq(count(db), 5);
    itav_participant *p = get(db, "zk-steun-01");
    ck_assert_int_eq(itav_participant_capacity(p), 2);
    ck_assert_int_eq(itav_participant_trained(p), 1);
    itav_participant_free(p);
    /* the same file again: every ref is already there */
    ck_assert_int_eq(itav_import_participants_csv_file(db, path, NULL), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "4 problems; nothing was imported:\n"));
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), ":row 5, column ref: participant "
                                                  "\"zk-steun-02\" is already in the store"));
    ck_assert_uint_eq(count(db), 5);
    close_store(db);
    free(file);
    free(docs);
    free(path);
    free(docs_path);
}
END_TEST

START_TEST(file_with_bom_and_crlf)
{
    static const char text[] = "\xEF\xBB\xBFref,kind\r\nf1,family\r\nf2,buddy\r\n";
    char *path = temp_file(text, sizeof text - 1);
    itav_db *db = store(_i);
    ck_assert_msg(itav_import_participants_csv_file(db, path, "bg-zk") == ITAV_OK, "%s",
                  itav_errmsg(db));
    ck_assert_uint_eq(count(db), 3);
    close_store(db);
    unlink(path);
    free(path);
}
END_TEST

/* ---- bad input ---- */

#define ALL_COLUMNS                                                                          \
    "ref, offer, kind, status, status_date, municipality, postcode, lat, lon, availability, " \
    "support, languages, language_required, interests, children, age_min, age_max, "          \
    "vog_date, trained, capacity, registered, max_distance_m, exclusions"
#define KINDS "family, youth, parent, support_family, volunteer, buddy, peer"
#define ASKING_START "registered, intake, approved, not_suitable, waiting, inactive"
#define SUPPORTING_START "registered, intake, approved, not_suitable, available, inactive"
#define NOTHING "; nothing was imported"
#define REF_RULE "(1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit)"

/* ---- spreadsheets as Dutch Excel writes them: the problem list ---- */

/* The index of the first problem with this code at or after `from`, or the count. */
static size_t find_problem(itav_db *db, const char *code, size_t from)
{
    size_t n = itav_problem_count(db);
    for (size_t i = from; i < n; i++)
        if (strcmp(itav_problem_code(db, i), code) == 0)
            return i;
    return n;
}

static size_t errors(itav_db *db)
{
    size_t n = 0;
    for (size_t i = 0; i < itav_problem_count(db); i++)
        n += itav_problem_severity(db, i) == ITAV_SEVERITY_ERROR;
    return n;
}

static void assert_problem(itav_db *db, size_t i, itav_severity severity, int64_t row,
                           const char *column, const char *code, const char *message)
{
    ck_assert_uint_lt(i, itav_problem_count(db));
    ck_assert_int_eq(itav_problem_severity(db, i), severity);
    ck_assert_int_eq(itav_problem_row(db, i), row);
    if (column)
        ck_assert_str_eq(itav_problem_column(db, i), column);
    else
        ck_assert_ptr_null(itav_problem_column(db, i));
    ck_assert_str_eq(itav_problem_code(db, i), code);
    ck_assert_str_eq(itav_problem_message(db, i), message);
}

static char *problems_text(itav_db *db)
{
    char *text = NULL;
    ck_assert_int_eq(itav_problems_text(&text, db), ITAV_OK);
    return text;
}

#define SEMICOLON_NOTE "separator \";\" (semicolon; a decimal comma is a decimal separator)"
#define IGNORED_NOTE "3 columns the library does not know are ignored, their cells neither " \
                     "read nor stored: \"Naam\" (B), \"Telefoon\" (H), \"Notities\" (O)"
#define CUT_WARNING "a full postcode: only its four digits are stored, the letters are left out"

/* What excel-nl.csv and excel-nl-1252.csv hold, read back; no cell of an unknown column and
 * no full postcode is anywhere in the store. */
static void excel_rows_read_back(itav_db *db)
{
    itav_participant *p = get(db, "nl-steun-01");
    double lat = 0, lon = 0;
    ck_assert_str_eq(itav_participant_municipality(p), "S\xc3\xba" "dwest-Frysl\xc3\xa2n");
    ck_assert_str_eq(itav_participant_postcode(p), "8701");
    ck_assert(itav_participant_location(p, &lat, &lon));
    ck_assert_double_eq_tol(lat, 53.03, 1e-9);
    ck_assert_double_eq_tol(lon, 5.66, 1e-9);
    ck_assert_int_eq(itav_participant_vog_date(p), date("2021-01-05"));
    ck_assert(itav_participant_trained(p));
    ck_assert_int_eq(itav_participant_capacity(p), 2);
    ck_assert_int_eq(itav_participant_registered(p), date("2021-02-01"));
    ck_assert_str_eq(itav_participant_offer(p), "bg-zk");
    itav_participant_free(p);
    p = get(db, "nl-steun-02");
    ck_assert_str_eq(itav_participant_postcode(p), "5223");
    itav_participant_free(p);
    char *json = NULL;
    ck_assert_int_eq(itav_export_json_string(&json, db), ITAV_OK);
    const char *never[] = {"Anneke", "Jansen", "zt\xc3\xbcrk", "12345678", "87654321", "hond",
                           "woensdag", "8701 AB", "5223 AK", "Naam", "Telefoon"};
    for (size_t i = 0; i < sizeof never / sizeof *never; i++)
        ck_assert_msg(strstr(json, never[i]) == NULL, "%s is stored", never[i]);
    itav_free(json);
}

/* BOM, CRLF, ';', decimal commas, Dutch names and dates, ja/nee, full postcodes and three
 * columns the library does not know: imported, with notes and warnings. */
START_TEST(excel_file_with_unknown_columns)
{
    char *path = source_path("tests/c/data/excel-nl.csv");
    itav_db *db = store(_i);
    size_t added = 9, updated = 9, unchanged = 9;
    ck_assert_msg(itav_import_participants_csv_file_v2(db, path, "bg-zk", 0) == ITAV_OK, "%s",
                  itav_errmsg(db));
    ck_assert_uint_eq(count(db), 4);
    excel_rows_read_back(db);
    ck_assert_uint_eq(itav_problem_count(db), 4);
    assert_problem(db, 0, ITAV_SEVERITY_NOTE, 0, NULL, "separator", SEMICOLON_NOTE);
    assert_problem(db, 1, ITAV_SEVERITY_NOTE, 1, NULL, "ignored_columns", IGNORED_NOTE);
    assert_problem(db, 2, ITAV_SEVERITY_WARNING, 2, "Postcode", "postcode_cut", CUT_WARNING);
    assert_problem(db, 3, ITAV_SEVERITY_WARNING, 3, "Postcode", "postcode_cut", CUT_WARNING);
    ck_assert_int_eq(itav_import_counts(&added, &updated, &unchanged, db), ITAV_OK);
    ck_assert_uint_eq(added, 3);
    ck_assert_uint_eq(updated, 0);
    ck_assert_uint_eq(unchanged, 0);
    /* the same problems grouped: one line for the two rows with a full postcode */
    char *text = problems_text(db), expected[2048];
    snprintf(expected, sizeof expected, "%s: note: " SEMICOLON_NOTE "\n%s:row 1: note: "
             IGNORED_NOTE "\n%s:rows 2-3, column Postcode: warning: " CUT_WARNING
             " (2 rows)\n", path, path, path);
    ck_assert_str_eq(text, expected);
    itav_free(text);
    close_store(db);

    /* strict: the unknown columns are refused, as the 0.3 functions do */
    db = store(_i);
    ck_assert_int_eq(itav_import_participants_csv_file_v2(db, path, "bg-zk", ITAV_IMPORT_STRICT),
                     ITAV_EFORMAT);
    ck_assert_uint_eq(count(db), 1);
    ck_assert_uint_eq(errors(db), 3);
    size_t i = find_problem(db, "unknown_column", 0);
    ck_assert_int_eq(itav_problem_row(db, i), 1);
    ck_assert_str_eq(itav_problem_column(db, i), "B");
    ck_assert_str_eq(itav_problem_column(db, find_problem(db, "unknown_column", i + 1)), "H");
    ck_assert_int_eq(itav_import_counts(&added, &updated, &unchanged, db), ITAV_OK);
    ck_assert_uint_eq(added + updated + unchanged, 0);
    ck_assert_int_eq(itav_import_participants_csv_file(db, path, "bg-zk"), ITAV_EFORMAT);
    ck_assert_uint_eq(errors(db), 3);
    ck_assert_uint_eq(count(db), 1);
    close_store(db);
    free(path);
}
END_TEST

/* The same file as older Excel saves it, in Windows-1252 without a BOM: read as such. */
START_TEST(windows_1252_file)
{
    char *path = source_path("tests/c/data/excel-nl-1252.csv");
    itav_db *db = store(_i);
    ck_assert_msg(itav_import_participants_csv_file_v2(db, path, "bg-zk", 0) == ITAV_OK, "%s",
                  itav_errmsg(db));
    excel_rows_read_back(db);
    assert_problem(db, 0, ITAV_SEVERITY_NOTE, 0, NULL, "encoding", "the file is not UTF-8: read "
                   "as Windows-1252, as older Excel saves it");
    ck_assert_uint_eq(find_problem(db, "separator", 0), 1);
    close_store(db);
    free(path);
}
END_TEST

/* Every problem is listed (not the first that fit in a message), and the text groups the
 * ones that repeat. */
START_TEST(every_problem_is_listed_and_grouped)
{
    char *path = source_path("tests/c/data/excel-nl-problems.csv");
    char *csv = read_text(path);
    itav_db *db = store(_i);
    ck_assert_int_eq(itav_import_participants_csv_string_v2(db, csv, "t", NULL, 0),
                     ITAV_EFORMAT);
    ck_assert_uint_eq(count(db), 1);
    ck_assert_uint_eq(itav_problem_count(db), 59);
    ck_assert_uint_eq(errors(db), 57);
    for (size_t i = 2; i < 57; i++)
        assert_problem(db, i, ITAV_SEVERITY_ERROR, (int64_t)i, "Aanbod", "empty",
                       "offer is empty and no default offer was given");
    assert_problem(db, 57, ITAV_SEVERITY_ERROR, 57, "Aangemeld", "invalid",
                   "date \"31-02-2021\" does not exist (DD-MM-YYYY)");
    assert_problem(db, 58, ITAV_SEVERITY_ERROR, 58, "Soort", "invalid",
                   "kind \"gezin\" is not a kind (use " KINDS ")");
    ck_assert(strncmp(itav_errmsg(db), "57 problems; nothing was imported:\n", 35) == 0);
    char *text = problems_text(db);
    ck_assert_str_eq(text,
                     "t: note: " SEMICOLON_NOTE "\n"
                     "t:row 1: note: 1 column the library does not know is ignored, its cells "
                     "neither read nor stored: \"Naam\" (E)\n"
                     "t:rows 2-56, column Aanbod: error: offer is empty and no default offer "
                     "was given (55 rows)\n"
                     "t:row 57, column Aangemeld: error: date \"31-02-2021\" does not exist "
                     "(DD-MM-YYYY)\n"
                     "t:row 58, column Soort: error: kind \"gezin\" is not a kind (use " KINDS
                     ")\n");
    itav_free(text);
    /* ranges with gaps, and one problem of the whole file */
    ck_assert_int_eq(itav_import_participants_csv_string_v2(db, "ref,kind\na,x\nb,x\nc,family\n"
                                                            "d,x\n", "u", "nope", 0),
                     ITAV_EFORMAT);
    text = problems_text(db);
    ck_assert_str_eq(text, "u: note: separator \",\" (comma)\n"
                           "u: error: the default offer \"nope\" is not in the store\n"
                           "u:rows 2-3, 5, column kind: error: kind \"x\" is not a kind (use "
                           KINDS ") (3 rows)\n");
    itav_free(text);
    /* a missing offer column: what to do about it */
    ck_assert_int_eq(itav_import_participants_csv_string_v2(db, "ref,kind\na,family\n", "u",
                                                            NULL, 0), ITAV_EFORMAT);
    assert_problem(db, 1, ITAV_SEVERITY_ERROR, 1, NULL, "missing_column",
                   "no column \"offer\" and no default offer given (add an \"offer\" column, "
                   "or give the offer of all rows as the default offer)");
    /* what libcsv refuses is listed too */
    ck_assert_int_eq(itav_import_participants_csv_string_v2(db, "ref,kind\n\"a,family\n", "u",
                                                            "bg-zk", 0), ITAV_EFORMAT);
    ck_assert_uint_eq(itav_problem_count(db), 1);
    ck_assert_str_eq(itav_problem_code(db, 0), "quote");
    ck_assert_int_eq(itav_problem_row(db, 0), 2);
    /* out of range and NULL */
    ck_assert_int_eq(itav_problem_severity(db, 1), 0);
    ck_assert_int_eq(itav_problem_row(db, 1), 0);
    ck_assert_ptr_null(itav_problem_column(db, 1));
    ck_assert_ptr_null(itav_problem_code(db, 1));
    ck_assert_ptr_null(itav_problem_message(db, 1));
    ck_assert_uint_eq(itav_problem_count(NULL), 0);
    ck_assert_ptr_null(itav_problem_message(NULL, 0));
    ck_assert_int_eq(itav_problems_text(NULL, db), ITAV_EINVAL);
    ck_assert_int_eq(itav_problems_text(&text, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_import_counts(NULL, NULL, NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_import_participants_csv_string_v2(db, "ref,kind\n", "u", "bg-zk", 8),
                     ITAV_EINVAL);
    ck_assert_uint_eq(itav_problem_count(db), 0);
    ck_assert_uint_eq(count(db), 1);
    close_store(db);
    free(csv);
    free(path);
}
END_TEST


typedef struct bad_case {
    const char *csv, *offer, *message;
} bad_case;

/* Each case gives exactly its message; "h" before a row is the header ref,offer,kind,...
 * spelled out in the case. */
static const bad_case bad_cases[] = {
    /* the list: unknown offer, a supporter on the asking side, capacity below 1,
     * coordinates out of range, unknown availability and language codes, bad dates */
    {"ref,offer,kind\nx1,bg-zk,family\nx2,nope,family\n", NULL,
     "t:row 3, column offer: no offer \"nope\" in the store" NOTHING},
    {"ref,offer,kind,status\nx1,bg-zk,family,available\n", NULL,
     "t:row 2, column status: status \"available\" is for the supporting side, and kind "
     "\"family\" is on the asking side (use " ASKING_START ")" NOTHING},
    {"ref,offer,kind,status\nx1,bg-zk,volunteer,waiting\n", NULL,
     "t:row 2, column status: status \"waiting\" is for the asking side, and kind "
     "\"volunteer\" is on the supporting side (use " SUPPORTING_START ")" NOTHING},
    {"ref,offer,kind,capacity\nx1,bg-zk,family,2\n", NULL,
     "t:row 2, column capacity: capacity 2: kind \"family\" is on the asking side, which "
     "always has capacity 1" NOTHING},
    {"ref,offer,kind,capacity\nx1,bg-zk,volunteer,0\n", NULL,
     "t:row 2, column capacity: capacity 0: must be 1 to 100" NOTHING},
    {"ref,offer,kind,capacity\nx1,bg-zk,volunteer,101\n", NULL,
     "t:row 2, column capacity: capacity 101: must be 1 to 100" NOTHING},
    {"ref,offer,kind,capacity\nx1,bg-zk,volunteer,two\n", NULL,
     "t:row 2, column capacity: capacity \"two\" is not a whole number" NOTHING},
    {"ref,offer,kind,lat,lon\nx1,bg-zk,family,95,4.6\n", NULL,
     "t:row 2, column lat: lat 95: must be -90 to 90" NOTHING},
    {"ref,offer,kind,lat,lon\nx1,bg-zk,family,52.4,-180.5\n", NULL,
     "t:row 2, column lon: lon -180.5: must be -180 to 180" NOTHING},
    {"ref,offer,kind,lat,lon\nx1,bg-zk,family,\"52,38\",4.6\n", NULL,
     "t:row 2, column lat: lat \"52,38\" is not a number (use a dot for decimals: 52.38)"
     NOTHING},
    {"ref,offer,kind,lat,lon\nx1,bg-zk,family,52.38,\n", NULL,
     "t:row 2, column lat: lat is set but lon is empty (give both or neither)" NOTHING},
    {"ref,offer,kind,availability\nx1,bg-zk,family,mon_morning wed_noon\n", NULL,
     "t:row 2, column availability: availability \"wed_noon\" is not a daypart (use "
     "mon_morning ... sun_evening)" NOTHING},
    {"ref,offer,kind,languages\nx1,bg-zk,family,nl;xx\n", NULL,
     "t:row 2, column languages: language \"xx\" is not an ISO 639-1 or ISO 639-3 code" NOTHING},
    {"ref,offer,kind,languages\nx1,bg-zk,family,NL\n", NULL,
     "t:row 2, column languages: language \"NL\" is not an ISO 639-1 or ISO 639-3 code (use lower case: "
     "\"nl\")" NOTHING},
    {"ref,offer,kind,languages\nx1,bg-zk,family,PAP\n", NULL,
     "t:row 2, column languages: language \"PAP\" is not an ISO 639-1 or ISO 639-3 code (use "
     "lower case: \"pap\")" NOTHING},
    {"ref,offer,kind,languages\nx1,bg-zk,family,\"nl,ar\"\n", NULL,
     "t:row 2, column languages: language \"nl,ar\" is not an ISO 639-1 or ISO 639-3 code (separate items "
     "with spaces or semicolons)" NOTHING},
    {"ref,offer,kind,registered\nx1,bg-zk,family,01/02/2021\n", NULL,
     "t:row 2, column registered: date \"01/02/2021\" is not a date (use YYYY-MM-DD or "
     "DD-MM-YYYY)" NOTHING},
    {"ref,offer,kind,registered\nx1,bg-zk,family,2021-2-1\n", NULL,
     "t:row 2, column registered: date \"2021-2-1\" is not a date (use YYYY-MM-DD or "
     "DD-MM-YYYY)" NOTHING},
    {"ref,offer,kind,registered\nx1,bg-zk,family,01-02-21\n", NULL,
     "t:row 2, column registered: date \"01-02-21\" is not a date (use YYYY-MM-DD or "
     "DD-MM-YYYY)" NOTHING},
    {"ref,offer,kind,vog_date\nx1,bg-zk,volunteer,2021-02-30\n", NULL,
     "t:row 2, column vog_date: date \"2021-02-30\" does not exist (YYYY-MM-DD)" NOTHING},
    {"ref,offer,kind,vog_date\nx1,bg-zk,volunteer,30-02-2021\n", NULL,
     "t:row 2, column vog_date: date \"30-02-2021\" does not exist (DD-MM-YYYY)" NOTHING},
    {"ref,offer,kind,vog_date\nx1,bg-zk,volunteer,1-13-2021\n", NULL,
     "t:row 2, column vog_date: date \"1-13-2021\" does not exist (DD-MM-YYYY)" NOTHING},
    {"ref,offer,kind,status_date\nx1,bg-zk,volunteer,1899-12-31\n", NULL,
     "t:row 2, column status_date: date \"1899-12-31\" is before 1900" NOTHING},
    {"ref,offer,kind,status_date\nx1,bg-zk,volunteer,31-12-1899\n", NULL,
     "t:row 2, column status_date: date \"31-12-1899\" is before 1900" NOTHING},
    /* the other cells */
    {"ref,offer,kind\nx 1,bg-zk,family\n", NULL,
     "t:row 2, column ref: ref \"x 1\" is not a reference " REF_RULE NOTHING},
    {"ref,offer,kind\n,bg-zk,family\n", NULL,
     "t:row 2, column ref: ref is empty (every row needs one)" NOTHING},
    {"ref,offer,kind\nx1,Bg Zk,family\n", NULL,
     "t:row 2, column offer: offer \"Bg Zk\" is not an offer id (a-z, 0-9 and single -)"
     NOTHING},
    {"ref,offer,kind\nx1,bg-zk,famly\n", NULL,
     "t:row 2, column kind: kind \"famly\" is not a kind (use " KINDS ")" NOTHING},
    {"ref,offer,kind\nx1,bg-zk,\n", NULL,
     "t:row 2, column kind: kind is empty (use " KINDS ")" NOTHING},
    {"ref,offer,kind,status\nx1,bg-zk,family,wating\n", NULL,
     "t:row 2, column status: status \"wating\" is not a status (use " ASKING_START ")"
     NOTHING},
    {"ref,offer,kind,status\nx1,bg-zk,buddy,matched\n", NULL,
     "t:row 2, column status: status \"matched\" cannot be a starting status, it only comes "
     "from matches (use " SUPPORTING_START ")" NOTHING},
    /* with a BOM the file says it is UTF-8: not read as Windows-1252 */
    {"\xEF\xBB\xBFref,offer,kind,municipality\nx1,bg-zk,family,Haarl\xe9m\n", NULL,
     "t:row 2, column municipality: the text is not valid UTF-8 (save the file as UTF-8)"
     NOTHING},
    {"ref,offer,kind,postcode\nx1,bg-zk,family,2011 ABC\n", NULL,
     "t:row 2, column postcode: postcode \"2011 ABC\" is not a postcode area (four digits, the "
     "first not 0, such as 2011)" NOTHING},
    /* a byte Windows-1252 leaves undefined: neither encoding */
    {"ref,offer,kind,municipality\nx1,bg-zk,family,Haarl\x81m\n", NULL,
     "t:row 2, column municipality: the text is not valid UTF-8 (save the file as UTF-8)"
     NOTHING},
    {"ref,offer,kind,postcode\nx1,bg-zk,family,0123\n", NULL,
     "t:row 2, column postcode: postcode \"0123\" is not a postcode area (four digits, the "
     "first not 0, such as 2011)" NOTHING},
    {"ref,offer,kind,support\nx1,bg-zk,family,babysitting\n", NULL,
     "t:row 2, column support: support \"babysitting\" is not a support type (use "
     "daytime_care, sleepover, accompany, homework, listening_ear, practical_help, activities, "
     "parenting, wayfinding)" NOTHING},
    {"ref,offer,kind,language_required\nx1,bg-zk,family,jawel\n", NULL,
     "t:row 2, column language_required: language_required \"jawel\" is not a boolean (use "
     "yes/no, ja/nee, true/false or 1/0)" NOTHING},
    {"ref,offer,kind,trained\nx1,bg-zk,peer,2\n", NULL,
     "t:row 2, column trained: trained \"2\" is not a boolean (use yes/no, ja/nee, true/false "
     "or 1/0)" NOTHING},
    /* a Dutch header name: messages name the column as the header does */
    {"referentie;aanbod;soort;VOG_datum\nx1;bg-zk;volunteer;2021-02-30\n", NULL,
     "t:row 2, column VOG_datum: date \"2021-02-30\" does not exist (YYYY-MM-DD)" NOTHING},
    {"ref,offer,kind,referentie\nx1,bg-zk,family,x1\n", NULL,
     "t:row 1, column D: column \"referentie\" appears twice (also column A)" NOTHING},
    {"ref,offer,kind,interests\nx1,bg-zk,family,Football\n", NULL,
     "t:row 2, column interests: interest \"Football\" is not a tag (lower-case letters, "
     "digits and single hyphens, at most 64 characters)" NOTHING},
    {"ref,offer,kind,children\nx1,bg-zk,family,12 400\n", NULL,
     "t:row 2, column children: child age 400: must be 0 to 300 months" NOTHING},
    {"ref,offer,kind,children\nx1,bg-zk,family,4y\n", NULL,
     "t:row 2, column children: child age \"4y\" is not a whole number" NOTHING},
    {"ref,offer,kind,children\nx1,bg-zk,family,1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n",
     NULL, "t:row 2, column children: more than 16 children" NOTHING},
    {"ref,offer,kind,age_min,age_max\nx1,bg-zk,volunteer,24,\n", NULL,
     "t:row 2, column age_min: age_min is set but age_max is empty (give both or neither)"
     NOTHING},
    {"ref,offer,kind,age_min,age_max\nx1,bg-zk,volunteer,24,12\n", NULL,
     "t:row 2, column age_max: age_max 12 is below age_min 24" NOTHING},
    {"ref,offer,kind,age_min,age_max\nx1,bg-zk,volunteer,-1,12\n", NULL,
     "t:row 2, column age_min: age_min -1: must be 0 to 300 months" NOTHING},
    {"ref,offer,kind,max_distance_m\nx1,bg-zk,volunteer,-5\n", NULL,
     "t:row 2, column max_distance_m: max_distance_m -5: must be 0 (none) to 20000000 metres"
     NOTHING},
    {"ref,offer,kind,exclusions\nx1,bg-zk,family,a/1\n", NULL,
     "t:row 2, column exclusions: exclusion \"a/1\" is not a reference " REF_RULE NOTHING},
    {"ref,offer,kind,exclusions\nx1,bg-zk,family,y1;x1\n", NULL,
     "t:row 2, column exclusions: exclusion \"x1\" is the row's own ref" NOTHING},
    {"ref,offer,kind\nx1,bg-zk,family,surplus\n", NULL,
     "t:row 2, column D: a value in a column without a name in the header" NOTHING},
    /* the header */
    {"ref,offer,kind,langauges\n", NULL,
     "t:row 1, column D: unknown column \"langauges\" (the columns are " ALL_COLUMNS ")"
     NOTHING},
    {"\xEF\xBB\xBFref,offer,kind,\xe9t\xe9\nx1,bg-zk,family,x\n", NULL,
     "t:row 1, column D: the column name is not valid UTF-8 (save the file as UTF-8)" NOTHING},
    {"ref,offer,kind,ref\nx1,bg-zk,family,x1\n", NULL,
     "t:row 1, column D: column \"ref\" appears twice (also column A)" NOTHING},
    {"ref,offer\nx1,bg-zk\n", NULL,
     "t:row 1: no column \"kind\" (ref and kind are required)" NOTHING},
    {"ref,kind\nx1,family\n", NULL,
     "t:row 1: no column \"offer\" and no default offer given (add an \"offer\" column, or "
     "give the offer of all rows as the default offer)" NOTHING},
    {"", NULL, "t: no header row (the file is empty)" NOTHING},
    {"\n\n", NULL, "t: no header row (the file is empty)" NOTHING},
    /* what libcsv refuses */
    {"ref,offer,kind\nx1,bg-zk,fam\"ily\n", NULL,
     "t:row 2: a quote inside a field that does not start with one, or text after a closing "
     "quote (quote the whole field and double the quotes inside it: \"say \"\"hi\"\"\")"
     NOTHING},
    {"ref,offer,kind\nx1,bg-zk,\"family\" x\n", NULL,
     "t:row 2: a quote inside a field that does not start with one, or text after a closing "
     "quote (quote the whole field and double the quotes inside it: \"say \"\"hi\"\"\")"
     NOTHING},
    {"ref,offer,kind\nx1,bg-zk,family\nx2,\"bg-zk,family\n", NULL,
     "t:row 3: a quoted field is never closed (a closing \" is missing)" NOTHING},
};

/* The separator is found in the header row: a comma, a semicolon (Dutch Excel) or a tab;
 * a quoted header cell may hold the others. With ';' a decimal comma is a decimal comma. */
START_TEST(separator_from_the_header)
{
    itav_db *db = store(_i);
    import_ok(db, "ref;offer;kind;municipality;lat;lon;max_distance_m\n"
                  "s1;bg-zk;volunteer;\"Haarlem, Schalkwijk\";51,68934;5,30;2500,5\n"
                  "s2;bg-zk;volunteer;Leiden;52.16;4.49;3000\n", NULL);
    itav_participant *p = get(db, "s1");
    double lat = 0, lon = 0;
    ck_assert(itav_participant_location(p, &lat, &lon));
    ck_assert_double_eq_tol(lat, 51.68934, 1e-9);
    ck_assert_double_eq_tol(lon, 5.30, 1e-9);
    ck_assert_double_eq_tol(itav_participant_max_distance(p), 2500.5, 1e-9);
    ck_assert_str_eq(itav_participant_municipality(p), "Haarlem, Schalkwijk");
    itav_participant_free(p);
    p = get(db, "s2");
    ck_assert(itav_participant_location(p, &lat, &lon));
    ck_assert_double_eq_tol(lat, 52.16, 1e-9);
    itav_participant_free(p);
    /* tab-separated; a space inside a cell stays, around it is trimmed */
    import_ok(db, "ref\toffer\tkind\tmunicipality\nt1\tbg-zk\tfamily\t Den Haag \n", NULL);
    p = get(db, "t1");
    ck_assert_str_eq(itav_participant_municipality(p), "Den Haag");
    itav_participant_free(p);
    /* a quoted header cell with semicolons in a comma file: still commas */
    refused(db, "ref,offer,\"kind;a;b;c\"\nc1,bg-zk,family\n", NULL,
            "2 problems; nothing was imported:\n"
            "t:row 1, column C: unknown column \"kind;a;b;c\" (the columns are " ALL_COLUMNS
            ")\nt:row 1: no column \"kind\" (ref and kind are required)");
    /* a decimal comma is a problem in a comma file (it would be a cell of its own), and in a
     * semicolon file two commas or a comma and a dot are not a number */
    refused(db, "ref;offer;kind;lat;lon\nx1;bg-zk;family;52,3,1;4,6\n", NULL,
            "t:row 2, column lat: lat \"52,3,1\" is not a number (use a dot for decimals: "
            "52.38, or a comma: 52,38)" NOTHING);
    refused(db, "ref;offer;kind;lat;lon\nx1;bg-zk;family;1.052,3;4,6\n", NULL,
            "t:row 2, column lat: lat \"1.052,3\" is not a number (use a dot for decimals: "
            "52.38, or a comma: 52,38)" NOTHING);
    ck_assert_uint_eq(count(db), 4);
    close_store(db);
}
END_TEST

/* A file as Dutch Excel writes it: ';', Dutch column names in any case, dd-mm-jjjj and
 * d-m-jjjj dates, ja/nee. */
START_TEST(dutch_names_dates_and_booleans)
{
    itav_db *db = store(_i);
    import_ok(db, "Referentie;Aanbod;Soort;Status;Statusdatum;Gemeente;Postcode;Breedtegraad;"
                  "Lengtegraad;Beschikbaarheid;Ondersteuning;Talen;Taal_vereist;Interesses;"
                  "Kinderen;Leeftijd_min;Leeftijd_max;VOG_datum;Getraind;Capaciteit;Aangemeld;"
                  "Max_afstand_m;Uitsluitingen\n"
                  "d1;bg-zk;volunteer;available;1-3-2021;'s-Hertogenbosch;5223;51,68934;"
                  "5,30;mon_morning;\"daytime_care; sleepover\";nl ar;ja;football;;12;48;"
                  "05-01-2021;Nee;2;2021-01-20;5000;d2\n"
                  "d2;bg-zk;family;;;;;;;;;;NEE;;48;;;;;;31-12-2020;;\n", NULL);
    itav_participant *p = get(db, "d1");
    double lat = 0, lon = 0;
    int32_t lo = 0, hi = 0;
    ck_assert_int_eq(itav_participant_get_status(p), ITAV_PSTATUS_AVAILABLE);
    ck_assert_int_eq(itav_participant_status_date(p), date("2021-03-01"));
    ck_assert_str_eq(itav_participant_municipality(p), "'s-Hertogenbosch");
    ck_assert_str_eq(itav_participant_postcode(p), "5223");
    ck_assert(itav_participant_location(p, &lat, &lon));
    ck_assert_double_eq_tol(lat, 51.68934, 1e-9);
    ck_assert_uint_eq(itav_participant_availability(p), ITAV_SLOT(0, ITAV_MORNING));
    ck_assert_uint_eq(itav_participant_support(p),
                      ITAV_SUPPORT_DAYTIME_CARE | ITAV_SUPPORT_SLEEPOVER);
    ck_assert_int_eq(itav_participant_language_count(p), 2);
    ck_assert(itav_participant_language_required(p));
    ck_assert_int_eq(itav_participant_interest_count(p), 1);
    ck_assert(itav_participant_age_range(p, &lo, &hi));
    ck_assert_int_eq(lo, 12);
    ck_assert_int_eq(hi, 48);
    ck_assert_int_eq(itav_participant_vog_date(p), date("2021-01-05"));
    ck_assert(!itav_participant_trained(p));
    ck_assert_int_eq(itav_participant_capacity(p), 2);
    ck_assert_int_eq(itav_participant_registered(p), date("2021-01-20"));
    ck_assert_double_eq_tol(itav_participant_max_distance(p), 5000, 1e-9);
    ck_assert_int_eq(itav_participant_exclusion_count(p), 1);
    itav_participant_free(p);
    p = get(db, "d2");
    ck_assert(!itav_participant_language_required(p));
    ck_assert_int_eq(itav_participant_child_count(p), 1);
    ck_assert_int_eq(itav_participant_registered(p), date("2020-12-31"));
    itav_participant_free(p);
    /* English names match in any case too */
    import_ok(db, "REF,Offer,Kind,Trained\ne1,bg-zk,volunteer,JA\n", NULL);
    p = get(db, "e1");
    ck_assert(itav_participant_trained(p));
    itav_participant_free(p);
    close_store(db);
}
END_TEST

/* ---- update mode ---- */

static void counts_are(itav_db *db, size_t added, size_t updated, size_t unchanged)
{
    size_t a = 99, u = 99, n = 99;
    ck_assert_int_eq(itav_import_counts(&a, &u, &n, db), ITAV_OK);
    ck_assert_uint_eq(a, added);
    ck_assert_uint_eq(u, updated);
    ck_assert_uint_eq(n, unchanged);
}

static void update_ok(itav_db *db, const char *csv, const char *offer)
{
    ck_assert_msg(itav_import_participants_csv_string_v2(db, csv, "t", offer,
                                                         ITAV_IMPORT_UPDATE) == ITAV_OK,
                  "%s", itav_errmsg(db));
}

/* Refused with an error of this code on this row and column; the store is unchanged. */
static void update_refused(itav_db *db, const char *csv, const char *code, int64_t row,
                           const char *column, const char *message)
{
    char *before = NULL, *after = NULL;
    ck_assert_int_eq(itav_export_json_string(&before, db), ITAV_OK);
    ck_assert_int_eq(itav_import_participants_csv_string_v2(db, csv, "t", "bg-zk",
                                                            ITAV_IMPORT_UPDATE), ITAV_EFORMAT);
    size_t i = find_problem(db, code, 0);
    ck_assert_msg(i < itav_problem_count(db), "no problem %s: %s", code, itav_errmsg(db));
    assert_problem(db, i, ITAV_SEVERITY_ERROR, row, column, code, message);
    ck_assert_int_eq(itav_export_json_string(&after, db), ITAV_OK);
    ck_assert_str_eq(after, before);
    counts_are(db, 0, 0, 0);
    itav_free(before);
    itav_free(after);
}

/* The rows of a stored participant update it, new ones are added, the rest is unchanged. */
START_TEST(update_mode_matches_rows_by_ref)
{
    char *first = source_path("tests/c/data/excel-nl.csv");
    char *second = source_path("tests/c/data/excel-nl-update.csv");
    itav_db *db = store(_i);
    ck_assert_int_eq(itav_import_participants_csv_file_v2(db, first, "bg-zk", 0), ITAV_OK);
    /* without update mode the stored refs are refused */
    ck_assert_int_eq(itav_import_participants_csv_file_v2(db, second, "bg-zk", 0),
                     ITAV_EFORMAT);
    ck_assert_uint_eq(errors(db), 3);
    ck_assert_str_eq(itav_problem_code(db, find_problem(db, "exists", 0)), "exists");
    ck_assert_uint_eq(count(db), 4);
    ck_assert_msg(itav_import_participants_csv_file_v2(db, second, "bg-zk",
                                                       ITAV_IMPORT_UPDATE) == ITAV_OK,
                  "%s", itav_errmsg(db));
    counts_are(db, 1, 2, 1);
    ck_assert_uint_eq(count(db), 5);
    itav_participant *p = get(db, "nl-steun-01");
    ck_assert_str_eq(itav_participant_municipality(p), "Leeuwarden");
    ck_assert_str_eq(itav_participant_postcode(p), "8911");
    ck_assert_int_eq(itav_participant_vog_date(p), date("2022-01-10"));
    /* columns the second file lacks keep their values */
    ck_assert_uint_eq(itav_participant_availability(p), ITAV_SLOT(2, ITAV_AFTERNOON));
    ck_assert_int_eq(itav_participant_capacity(p), 2);
    ck_assert(itav_participant_trained(p));
    ck_assert_int_eq(itav_participant_registered(p), date("2021-02-01"));
    itav_participant_free(p);
    p = get(db, "nl-vraag-01");
    ck_assert_int_eq(itav_participant_get_status(p), ITAV_PSTATUS_INTAKE);
    ck_assert_int_eq(itav_participant_status_date(p), date("2021-04-01"));
    ck_assert_int_eq(itav_participant_language_count(p), 2);
    itav_participant_free(p);
    p = get(db, "nl-vraag-02");
    ck_assert_str_eq(itav_participant_offer(p), "bg-zk");
    ck_assert_int_eq(itav_participant_get_kind(p), ITAV_PARTICIPANT_PARENT);
    itav_participant_free(p);
    /* the same file again changes nothing */
    ck_assert_int_eq(itav_import_participants_csv_file_v2(db, second, "bg-zk",
                                                          ITAV_IMPORT_UPDATE), ITAV_OK);
    counts_are(db, 0, 0, 4);
    /* an empty cell clears a value; another offer without matches is allowed */
    update_ok(db, "ref,kind,offer,municipality,vog_date\n"
                  "nl-steun-01,support_family,bg-leiden,,\n", NULL);
    counts_are(db, 0, 1, 0);
    p = get(db, "nl-steun-01");
    ck_assert_ptr_null(itav_participant_municipality(p));
    ck_assert_int_eq(itav_participant_vog_date(p), ITAV_DATE_NONE);
    ck_assert_str_eq(itav_participant_offer(p), "bg-leiden");
    itav_participant_free(p);
    close_store(db);
    free(first);
    free(second);
}
END_TEST

/* Status moves follow the status rules; offer and side are fixed once there are matches;
 * one bad row refuses the whole file. */
START_TEST(update_mode_follows_the_rules)
{
    itav_db *db = store(_i);
    import_ok(db, "ref,offer,kind,status,registered,vog_date,availability\n"
                  "a1,bg-zk,family,waiting,2021-01-01,,mon_morning\n"
                  "s1,bg-zk,volunteer,available,2021-01-01,2021-01-01,mon_morning\n"
                  "s2,bg-zk,volunteer,registered,2021-01-01,,\n", NULL);
    char *id = NULL;
    ck_assert_msg(itav_match_propose(&id, db, "a1", "s1", date("2021-02-01"),
                                     ITAV_ACTOR_COORDINATOR, NULL, NULL) == ITAV_OK, "%s",
                  itav_errmsg(db));
    itav_free(id);
    /* a legal move, dated by status_date */
    update_ok(db, "ref,kind,status,status_date\ns2,volunteer,intake,1-3-2021\n", NULL);
    itav_participant *p = get(db, "s2");
    ck_assert_int_eq(itav_participant_get_status(p), ITAV_PSTATUS_INTAKE);
    ck_assert_int_eq(itav_participant_status_date(p), date("2021-03-01"));
    itav_participant_free(p);
    /* a move that is not legal, one before the current status date, matched by hand */
    update_refused(db, "ref,kind,status,status_date\ns2,volunteer,available,2021-04-01\n",
                   "status", 2, "status", "participant \"s2\": cannot go from intake to "
                   "available; legal: approved, not_suitable, inactive");
    update_refused(db, "ref,kind,status,status_date\ns2,volunteer,approved,2021-02-01\n",
                   "status", 2, "status_date", "participant \"s2\": 2021-02-01 is before the "
                   "current status date 2021-03-01");
    update_refused(db, "ref,kind,status\na1,family,waiting\n", "status", 2, "status",
                   "participant \"a1\": cannot go from matched to waiting; legal: none");
    /* matched participants keep their offer and side; a kind on the same side may change */
    update_refused(db, "ref,kind,offer\na1,family,bg-leiden\n", "locked", 2, "offer",
                   "participant \"a1\" has matches: its offer cannot change");
    update_refused(db, "ref,kind\ns1,family\n", "locked", 2, "kind",
                   "participant \"s1\" has matches: its side cannot change");
    update_ok(db, "ref,kind\ns1,buddy\n", NULL);
    counts_are(db, 0, 1, 0);
    /* all or nothing: a good row and a bad one change nothing */
    update_refused(db, "ref,kind,municipality\ns2,volunteer,Leiden\na1,peer,\n", "locked", 3,
                   "kind", "participant \"a1\" has matches: its side cannot change");
    p = get(db, "s2");
    ck_assert_ptr_null(itav_participant_municipality(p));
    itav_participant_free(p);
    /* without an offer column only a new participant needs the default offer */
    ck_assert_int_eq(itav_import_participants_csv_string_v2(db, "ref,kind\nnew1,family\n"
                                                            "s2,volunteer\n", "t", NULL,
                                                            ITAV_IMPORT_UPDATE), ITAV_EFORMAT);
    ck_assert_uint_eq(errors(db), 1);
    assert_problem(db, find_problem(db, "empty", 0), ITAV_SEVERITY_ERROR, 2, "offer", "empty",
                   "offer is empty and no default offer was given");
    close_store(db);
}
END_TEST

START_TEST(bad_input_is_refused_with_its_place)
{
    itav_db *db = store(_i);
    for (size_t k = 0; k < sizeof bad_cases / sizeof *bad_cases; k++)
        refused(db, bad_cases[k].csv, bad_cases[k].offer, bad_cases[k].message);
    close_store(db);
}
END_TEST

START_TEST(every_problem_is_reported)
{
    itav_db *db = store(_i);
    /* problems in several rows, and several in one row, in row order */
    refused(db,
            "ref,offer,kind,capacity,languages,lat,lon\n"
            "a1,bg-zk,family,0,nl,,\n"
            "a2,bg-zk,volunteer,3,xx,95,181\n"
            "a3,nope,family,,,,\n",
            NULL,
            "5 problems; nothing was imported:\n"
            "t:row 2, column capacity: capacity 0: must be 1 to 100\n"
            "t:row 3, column lat: lat 95: must be -90 to 90\n"
            "t:row 3, column lon: lon 181: must be -180 to 180\n"
            "t:row 3, column languages: language \"xx\" is not an ISO 639-1 or ISO 639-3 code\n"
            "t:row 4, column offer: no offer \"nope\" in the store");
    /* header problems and row problems together; a column with a wrong name is ignored */
    refused(db,
            "ref,Offer,kind,colour\n"
            "a1,whatever,famly,red\n",
            "bg-zk",
            "3 problems; nothing was imported:\n"
            "t:row 1, column D: unknown column \"colour\" (the columns are " ALL_COLUMNS ")\n"
            "t:row 2, column Offer: no offer \"whatever\" in the store\n"
            "t:row 2, column kind: kind \"famly\" is not a kind (use " KINDS ")");
    /* with the kind wrong, the side is unknown: the other cells are still checked */
    refused(db, "ref,offer,kind,status,capacity\na1,bg-zk,elf,wating,3\n", NULL,
            "2 problems; nothing was imported:\n"
            "t:row 2, column kind: kind \"elf\" is not a kind (use " KINDS ")\n"
            "t:row 2, column status: status \"wating\" is not a status (use registered, "
            "intake, approved, not_suitable, waiting, available, inactive)");
    /* a missing required column: the rows cannot be read */
    refused(db, "Rf,offer,kind\na1,bg-zk,famly\n", NULL,
            "2 problems; nothing was imported:\n"
            "t:row 1, column A: unknown column \"Rf\" (the columns are " ALL_COLUMNS ")\n"
            "t:row 1: no column \"ref\" (ref and kind are required)");
    close_store(db);
}
END_TEST

/* A message holds the problems that fit and says how many more there are. */
START_TEST(many_problems_are_counted)
{
    itav_db *db = store(_i);
    size_t size = 64 + 300 * 32;
    char *csv = malloc(size);
    size_t len = (size_t)snprintf(csv, size, "ref,offer,kind\n");
    for (int i = 0; i < 300; i++)
        len += (size_t)snprintf(csv + len, size - len, "m%d,bg-zk,nobody\n", i);
    ck_assert_int_eq(itav_import_participants_csv_string(db, csv, "t", NULL), ITAV_EFORMAT);
    const char *msg = itav_errmsg(db);
    const char *start = "300 problems; nothing was imported:\nt:row 2, column kind: kind "
                        "\"nobody\" is not a kind (use " KINDS ")\nt:row 3, ";
    ck_assert_msg(strncmp(msg, start, strlen(start)) == 0, "%s", msg);
    ck_assert_uint_lt(strlen(msg), 1023); /* nothing cut off by the message buffer */
    const char *more = strstr(msg, "\n... and ");
    ck_assert_ptr_nonnull(more);
    int shown = 0, left = 0;
    for (const char *p = msg; (p = strstr(p, "\nt:row ")) != NULL; p++)
        shown++;
    ck_assert_int_eq(sscanf(more, "\n... and %d more", &left), 1);
    ck_assert_int_gt(shown, 1);
    ck_assert_int_eq(shown + left, 300);
    ck_assert_uint_eq(count(db), 1);
    free(csv);
    close_store(db);
}
END_TEST

START_TEST(duplicate_refs)
{
    itav_db *db = store(_i);
    refused(db, "ref,offer,kind\nd1,bg-zk,family\nd2,bg-zk,family\n\nd1,bg-leiden,volunteer\n"
                "d2,bg-zk,family\n", NULL,
            "2 problems; nothing was imported:\n"
            "t:row 5, column ref: ref \"d1\" is also on row 2\n"
            "t:row 6, column ref: ref \"d2\" is also on row 3");
    /* refs differ by case: two participants */
    import_ok(db, "ref,offer,kind\nd1,bg-zk,family\nD1,bg-zk,family\n", NULL);
    ck_assert_uint_eq(count(db), 3);
    close_store(db);
}
END_TEST

START_TEST(ref_already_in_store)
{
    itav_db *db = store(_i);
    refused(db, "ref,offer,kind\nnew,bg-zk,family\nexisting,bg-zk,family\n", NULL,
            "t:row 3, column ref: participant \"existing\" is already in the store (import in "
            "update mode to change it)" NOTHING);
    ck_assert_int_eq(itav_participant_get(&(itav_participant *){NULL}, db, "new"),
                     ITAV_ENOTFOUND);
    close_store(db);
}
END_TEST

/* A write that fails half-way leaves nothing behind. */
START_TEST(backend_failure_leaves_nothing)
{
    itav_backend *be = test_backend_new();
    itav_db *db;
    ck_assert_int_eq(itav_open_backend(&db, be), ITAV_OK);
    ck_assert_int_eq(itav_import_json_string(db, dataset, "fixture"), ITAV_OK);
    for (int n = 0; n < 3; n++) {
        test_backend_fail_after(be, n);
        ck_assert_int_eq(itav_import_participants_csv_string(
                             db, "ref,offer,kind\nf1,bg-zk,family\nf2,bg-zk,family\n"
                                 "f3,bg-zk,peer\n", "t", NULL),
                         ITAV_EIO);
        ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "injected failure"));
        test_backend_fail_after(be, -1);
        ck_assert_uint_eq(count(db), 0);
    }
    itav_close(db);
}
END_TEST

START_TEST(unreadable_file)
{
    char message[256];
    itav_db *db = store(STORE_MEMORY);
    ck_assert_int_eq(itav_import_participants_csv_file(db, "/nonexistent/p.csv", NULL),
                     ITAV_EIO);
    snprintf(message, sizeof message, "cannot read /nonexistent/p.csv: %s", strerror(ENOENT));
    ck_assert_str_eq(itav_errmsg(db), message);
    /* a directory opens, but does not read */
    ck_assert_int_eq(itav_import_participants_csv_file(db, "/tmp", NULL), ITAV_EIO);
    snprintf(message, sizeof message, "cannot read /tmp: %s", strerror(EISDIR));
    ck_assert_str_eq(itav_errmsg(db), message);
    ck_assert_uint_eq(count(db), 1);
    close_store(db);
}
END_TEST

START_TEST(null_arguments)
{
    itav_db *db = store(STORE_MEMORY);
    ck_assert_int_eq(itav_import_participants_csv_string(NULL, "ref,kind\n", NULL, "bg-zk"),
                     ITAV_EINVAL);
    ck_assert_int_eq(itav_import_participants_csv_file(NULL, "/tmp/x.csv", NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_import_participants_csv_string(db, NULL, NULL, NULL), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "no CSV text given");
    ck_assert_int_eq(itav_import_participants_csv_file(db, NULL, NULL), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "no file name given");
    ck_assert_int_eq(itav_import_participants_csv_string(db, "ref,kind\n", NULL, "Not An Id"),
                     ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "default offer \"Not An Id\" is not an offer id");
    /* NULL name: "<string>" */
    ck_assert_int_eq(itav_import_participants_csv_string(db, "ref,kind\nn1,elf\n", NULL,
                                                         "bg-zk"),
                     ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(db), "<string>:row 2, column kind: kind \"elf\" is not a kind "
                                      "(use " KINDS ")" NOTHING);
    ck_assert_uint_eq(count(db), 1);
    close_store(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("csv");
    tcase_add_loop_test(tc, every_column_reads_back, 0, STORE_COUNT);
    tcase_add_loop_test(tc, empty_cells_and_defaults, 0, STORE_COUNT);
    tcase_add_loop_test(tc, iso_639_3_languages, 0, STORE_COUNT);
    tcase_add_loop_test(tc, default_offer, 0, STORE_COUNT);
    tcase_add_loop_test(tc, bom_crlf_and_blank_lines, 0, STORE_COUNT);
    tcase_add_loop_test(tc, control_characters_are_refused, 0, STORE_COUNT);
    tcase_add_loop_test(tc, documented_example_imports, 0, STORE_COUNT);
    tcase_add_loop_test(tc, file_with_bom_and_crlf, 0, STORE_COUNT);
    tcase_add_loop_test(tc, excel_file_with_unknown_columns, 0, STORE_COUNT);
    tcase_add_loop_test(tc, windows_1252_file, 0, STORE_COUNT);
    tcase_add_loop_test(tc, every_problem_is_listed_and_grouped, 0, STORE_COUNT);
    tcase_add_loop_test(tc, update_mode_matches_rows_by_ref, 0, STORE_COUNT);
    tcase_add_loop_test(tc, update_mode_follows_the_rules, 0, STORE_COUNT);
    tcase_add_loop_test(tc, bad_input_is_refused_with_its_place, 0, STORE_COUNT);
    tcase_add_loop_test(tc, every_problem_is_reported, 0, STORE_COUNT);
    tcase_add_loop_test(tc, separator_from_the_header, 0, STORE_COUNT);
    tcase_add_loop_test(tc, dutch_names_dates_and_booleans, 0, STORE_COUNT);
    tcase_add_loop_test(tc, many_problems_are_counted, 0, STORE_COUNT);
    tcase_add_loop_test(tc, duplicate_refs, 0, STORE_COUNT);
    tcase_add_loop_test(tc, ref_already_in_store, 0, STORE_COUNT);
    tcase_add_test(tc, backend_failure_leaves_nothing);
    tcase_add_test(tc, unreadable_file);
    tcase_add_test(tc, null_arguments);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
