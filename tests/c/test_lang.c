/* The language of a context's messages (itav_set_lang()): a Dutch context writes its errors
 * and the problems of a CSV import in Dutch, from lib/po/nl.po; an English one as before;
 * codes, column names and ids stay the same in both. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const dataset =
    "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"bg\", \"name\": \"Buurtgezinnen\"}],"
    " \"offers\": [{\"id\": \"bg-zk\", \"intervention\": \"bg\"}]}";

/* A spreadsheet as Dutch Excel saves it, with mistakes a coordinator makes: a column the
 * library does not know, a kind that is not one, three dates in a form it does not read, a
 * postcode with its letters. */
static const char *const sheet =
    "referentie;soort;gemeente;postcode;aangemeld;naam\n"
    "zk-1;gezin;Haarlem;2011 AB;1-2-2024;Jansen\n"
    "zk-2;family;Haarlem;2011;2024/02/02;De Vries\n"
    "zk-3;family;Haarlem;2011;2024/02/02;Bakker\n"
    "zk-4;family;Haarlem;2011;2024/02/02;Smit\n";

#define KINDS "family, youth, parent, support_family, volunteer, buddy, peer"

static itav_db *store(int which, itav_lang lang)
{
    itav_db *db = open_store(which);
    ck_assert_msg(itav_import_json_string(db, dataset, "fixture") == ITAV_OK, "%s",
                  itav_errmsg(db));
    ck_assert_int_eq(itav_set_lang(db, lang), ITAV_OK);
    return db;
}

static char *problems_text(itav_db *db)
{
    char *text = NULL;
    ck_assert_int_eq(itav_problems_text(&text, db), ITAV_OK);
    ck_assert_ptr_nonnull(text);
    return text;
}

START_TEST(language_of_a_context)
{
    itav_db *db = open_store(_i);
    ck_assert_int_eq(itav_get_lang(db), ITAV_LANG_EN);
    ck_assert_int_eq(itav_set_lang(db, ITAV_LANG_NL), ITAV_OK);
    ck_assert_int_eq(itav_get_lang(db), ITAV_LANG_NL);
    /* another value is refused, in the language in force, and changes nothing */
    ck_assert_int_eq(itav_set_lang(db, (itav_lang)7), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "onbekende taal 7 (1: Engels, 2: Nederlands)");
    ck_assert_int_eq(itav_get_lang(db), ITAV_LANG_NL);
    ck_assert_int_eq(itav_set_lang(db, ITAV_LANG_EN), ITAV_OK);
    ck_assert_int_eq(itav_set_lang(db, (itav_lang)0), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "unknown language 0 (1: English, 2: Dutch)");
    ck_assert_int_eq(itav_get_lang(db), ITAV_LANG_EN);
    ck_assert_int_eq(itav_set_lang(NULL, ITAV_LANG_NL), ITAV_EINVAL);
    ck_assert_int_eq(itav_get_lang(NULL), ITAV_LANG_EN);
    close_store(db);
}
END_TEST

START_TEST(dutch_problems_of_a_dutch_spreadsheet)
{
    itav_db *en = store(_i, ITAV_LANG_EN), *nl = store(_i, ITAV_LANG_NL);
    ck_assert_int_eq(itav_import_participants_csv_string_v2(en, sheet, "aanmeldingen.csv",
                                                            "bg-zk", 0),
                     ITAV_EFORMAT);
    ck_assert_int_eq(itav_import_participants_csv_string_v2(nl, sheet, "aanmeldingen.csv",
                                                            "bg-zk", 0),
                     ITAV_EFORMAT);
    char *text_en = problems_text(en), *text_nl = problems_text(nl);
    ck_assert_str_eq(text_en,
        "aanmeldingen.csv: note: separator \";\" (semicolon; a decimal comma is a decimal "
        "separator)\n"
        "aanmeldingen.csv:row 1: note: 1 column the library does not know is ignored, its cells "
        "neither read nor stored: \"naam\" (F)\n"
        "aanmeldingen.csv:row 2, column soort: error: kind \"gezin\" is not a kind (use " KINDS
        ")\n"
        "aanmeldingen.csv:row 2, column postcode: warning: a full postcode: only its four digits "
        "are stored, the letters are left out\n"
        "aanmeldingen.csv:rows 3-5, column aangemeld: error: date \"2024/02/02\" is not a date "
        "(use YYYY-MM-DD or DD-MM-YYYY) (3 rows)\n");
    ck_assert_str_eq(text_nl,
        "aanmeldingen.csv: opmerking: scheidingsteken \";\" (puntkomma; een decimale komma "
        "scheidt de decimalen)\n"
        "aanmeldingen.csv:rij 1: opmerking: 1 kolom die de bibliotheek niet kent wordt "
        "overgeslagen, de cellen niet gelezen en niet opgeslagen: \"naam\" (F)\n"
        "aanmeldingen.csv:rij 2, kolom soort: fout: kind \"gezin\" is geen soort (gebruik " KINDS
        ")\n"
        "aanmeldingen.csv:rij 2, kolom postcode: waarschuwing: een volledige postcode: alleen de "
        "vier cijfers worden opgeslagen, de letters vervallen\n"
        "aanmeldingen.csv:rijen 3-5, kolom aangemeld: fout: datum \"2024/02/02\" is geen datum "
        "(gebruik JJJJ-MM-DD of DD-MM-JJJJ) (3 rijen)\n");
    ck_assert_str_eq(itav_errmsg(nl),
        "4 problemen; er is niets ingelezen:\n"
        "aanmeldingen.csv:rij 2, kolom soort: kind \"gezin\" is geen soort (gebruik " KINDS ")\n"
        "aanmeldingen.csv:rij 3, kolom aangemeld: datum \"2024/02/02\" is geen datum (gebruik "
        "JJJJ-MM-DD of DD-MM-JJJJ)\n"
        "aanmeldingen.csv:rij 4, kolom aangemeld: datum \"2024/02/02\" is geen datum (gebruik "
        "JJJJ-MM-DD of DD-MM-JJJJ)\n"
        "aanmeldingen.csv:rij 5, kolom aangemeld: datum \"2024/02/02\" is geen datum (gebruik "
        "JJJJ-MM-DD of DD-MM-JJJJ)");
    ck_assert_str_eq(itav_errmsg(en),
        "4 problems; nothing was imported:\n"
        "aanmeldingen.csv:row 2, column soort: kind \"gezin\" is not a kind (use " KINDS ")\n"
        "aanmeldingen.csv:row 3, column aangemeld: date \"2024/02/02\" is not a date (use "
        "YYYY-MM-DD or DD-MM-YYYY)\n"
        "aanmeldingen.csv:row 4, column aangemeld: date \"2024/02/02\" is not a date (use "
        "YYYY-MM-DD or DD-MM-YYYY)\n"
        "aanmeldingen.csv:row 5, column aangemeld: date \"2024/02/02\" is not a date (use "
        "YYYY-MM-DD or DD-MM-YYYY)");
    /* the same list in both languages: rows, columns, codes and severities */
    ck_assert_uint_eq(itav_problem_count(nl), itav_problem_count(en));
    for (size_t i = 0; i < itav_problem_count(en); i++) {
        ck_assert_int_eq(itav_problem_row(nl, i), itav_problem_row(en, i));
        ck_assert_str_eq(itav_problem_code(nl, i), itav_problem_code(en, i));
        ck_assert_int_eq(itav_problem_severity(nl, i), itav_problem_severity(en, i));
        if (itav_problem_column(en, i))
            ck_assert_str_eq(itav_problem_column(nl, i), itav_problem_column(en, i));
    }
    /* the setter's limits in the Dutch of the fragments */
    ck_assert_int_eq(itav_import_participants_csv_string_v2(nl, "ref,kind,children,capacity\n"
                                                            "v1,volunteer,3 x,0\n", "t.csv",
                                                            "bg-zk", 0),
                     ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(nl),
        "2 problemen; er is niets ingelezen:\n"
        "t.csv:rij 2, kolom children: leeftijd van een kind \"x\" is geen geheel getal\n"
        "t.csv:rij 2, kolom capacity: capacity 0: moet 1 tot en met 100 zijn");
    free(text_en);
    free(text_nl);
    close_store(en);
    close_store(nl);
}
END_TEST

/* The lifecycle's refusals (lib/model), also where a CSV update meets them */
START_TEST(dutch_lifecycle_errors)
{
    itav_db *db = store(_i, ITAV_LANG_NL);
    itav_participant *p;
    int32_t day;
    ck_assert_int_eq(itav_date_parse(&day, "2024-03-01"), ITAV_OK);
    ck_assert_int_eq(itav_participant_new(&p, "zk-1", "bg-zk", ITAV_PARTICIPANT_FAMILY),
                     ITAV_OK);
    ck_assert_msg(itav_participant_create(db, p) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_participant_create(db, p), ITAV_EEXISTS);
    ck_assert_str_eq(itav_errmsg(db), "deelnemer \"zk-1\" bestaat al");
    itav_participant_free(p);
    ck_assert_int_eq(itav_participant_set_status(db, "zk-1", ITAV_PSTATUS_MATCHED, day),
                     ITAV_ESTATE);
    ck_assert_str_eq(itav_errmsg(db), "deelnemer \"zk-1\": kan niet van registered naar "
                                      "matched; toegestaan: intake, inactive");
    ck_assert_int_eq(itav_match_advance(db, "m-00000404", ITAV_MATCH_ACTIVE, day,
                                        ITAV_ACTOR_COORDINATOR, 0, NULL),
                     ITAV_ENOTFOUND);
    ck_assert_str_eq(itav_errmsg(db), "geen koppeling \"m-00000404\"");
    /* a move by hand in an update import: the model's refusal in the problem list */
    ck_assert_int_eq(itav_import_participants_csv_string_v2(db, "ref,kind,status,status_date\n"
                                                            "zk-1,family,matched,2024-03-02\n",
                                                            "t.csv", NULL,
                                                            ITAV_IMPORT_UPDATE),
                     ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(db), "t.csv:rij 2, kolom status: deelnemer \"zk-1\": kan "
                                      "niet van registered naar matched; toegestaan: intake, "
                                      "inactive; er is niets ingelezen");
    ck_assert_str_eq(itav_problem_code(db, itav_problem_count(db) - 1), "status");
    /* English as before */
    ck_assert_int_eq(itav_set_lang(db, ITAV_LANG_EN), ITAV_OK);
    ck_assert_int_eq(itav_participant_set_status(db, "zk-1", ITAV_PSTATUS_MATCHED, day),
                     ITAV_ESTATE);
    ck_assert_str_eq(itav_errmsg(db), "participant \"zk-1\": cannot go from registered to "
                                      "matched; legal: intake, inactive");
    close_store(db);
}
END_TEST

/* A refused measurement says its numbers in the context's words: the quantity and the scale
 * as a Dutch report words them (the catalogue's context "report"), with a decimal comma. */
START_TEST(dutch_measurement_words)
{
    itav_db *db = store(_i, ITAV_LANG_NL);
    itav_indicator *ind;
    int32_t day;
    ck_assert_int_eq(itav_date_parse(&day, "2024-03-01"), ITAV_OK);
    ck_assert_int_eq(itav_indicator_new(&ind, "bg-tevreden", "bg-zk", ITAV_MEASURE_PERCENTAGE),
                     ITAV_OK);
    ck_assert_msg(itav_indicator_create(db, ind) == ITAV_OK, "%s", itav_errmsg(db));
    itav_indicator_free(ind);
    ck_assert_int_eq(itav_indicator_measure(db, "bg-tevreden", day, NULL, ITAV_QTY_ABOUT, 150.5,
                                            150.5, NULL, NULL),
                     ITAV_ERANGE);
    ck_assert_str_eq(itav_errmsg(db), "indicator \"bg-tevreden\": de meting van 2024-03-01 "
                                      "(ongeveer 150,5) valt buiten de schaal van percentage "
                                      "(0 tot en met 100)");
    ck_assert_int_eq(itav_set_lang(db, ITAV_LANG_EN), ITAV_OK);
    ck_assert_int_eq(itav_indicator_measure(db, "bg-tevreden", day, NULL, ITAV_QTY_ABOUT, 150.5,
                                            150.5, NULL, NULL),
                     ITAV_ERANGE);
    ck_assert_str_eq(itav_errmsg(db), "indicator \"bg-tevreden\": the measurement of "
                                      "2024-03-01 (about 150.5) is off the percentage scale "
                                      "(0 to 100)");
    close_store(db);
}
END_TEST

/* The JSON import's checks across records (lib/interchange/dataset.c) */
START_TEST(dutch_json_import_problems)
{
    itav_db *db = store(_i, ITAV_LANG_NL);
    const char *doc = "{\"format\": \"itav/1\", \"offers\": [{\"id\": \"bg-zk\", "
                      "\"intervention\": \"bg\"}, {\"id\": \"x\", \"intervention\": "
                      "\"nergens\"}]}";
    ck_assert_int_eq(itav_import_json_string(db, doc, "d.json"), ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(db), "2 problemen; er is niets ingelezen:\n"
                                      "d.json: $.offers[0].id: aanbod \"bg-zk\" staat al in de "
                                      "opslag\n"
                                      "d.json: $.offers[1].intervention: geen interventie "
                                      "\"nergens\" in het bestand of de opslag");
    ck_assert_int_eq(itav_import_json_string(db, "{\"format\": \"itav/9\"}", "d.json"),
                     ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(db), "d.json: $.format: \"itav/9\" is geen formaat dat deze "
                                      "bibliotheek leest (verwacht \"itav/1\"); er is niets "
                                      "ingelezen");
    /* and the options of a report (lib/evaluation) */
    itav_report *r = NULL;
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    o.k = 0;
    ck_assert_int_eq(itav_report_programme(&r, db, "bg-zk", &o), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "rapportage-opties: k is 0; dat moet 1 of meer zijn (1 "
                                      "verbergt niets, standaard is 5)");
    ck_assert_ptr_null(r);
    ck_assert_int_eq(itav_set_lang(db, ITAV_LANG_EN), ITAV_OK);
    ck_assert_int_eq(itav_import_json_string(db, doc, "d.json"), ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(db), "2 problems; nothing was imported:\n"
                                      "d.json: $.offers[0].id: offer \"bg-zk\" is already in the "
                                      "store\n"
                                      "d.json: $.offers[1].intervention: no intervention "
                                      "\"nergens\" in the file or the store");
    close_store(db);
}
END_TEST

/* The ledger of releases (lib/evaluation/release.c): its refusals in the context's language,
 * the id as it is */
START_TEST(dutch_release_errors)
{
    itav_db *nl = store(_i, ITAV_LANG_NL), *en = open_store(_i);
    ck_assert_int_eq(itav_release_remove(nl, "rel-00000404"), ITAV_ENOTFOUND);
    ck_assert_str_eq(itav_errmsg(nl), "geen uitgave \"rel-00000404\"");
    ck_assert_int_eq(itav_release_remove(en, "rel-00000404"), ITAV_ENOTFOUND);
    ck_assert_str_eq(itav_errmsg(en), "no release \"rel-00000404\"");
    itav_release *rl = NULL;
    ck_assert_int_eq(itav_release_get(&rl, nl, "rel-00000404"), ITAV_ENOTFOUND);
    ck_assert_str_eq(itav_errmsg(nl), "geen uitgave \"rel-00000404\"");
    ck_assert_ptr_null(rl);
    /* a report that was not made for publication cannot be recorded */
    itav_report *r = NULL;
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    ck_assert_msg(itav_report_programme(&r, nl, "bg-zk", &o) == ITAV_OK, "%s", itav_errmsg(nl));
    ck_assert_int_eq(itav_release_record(NULL, nl, r), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(nl), "de rapportage van \"bg-zk\" is niet voor publicatie "
                                      "gemaakt (publish)");
    ck_assert_int_eq(itav_release_record(NULL, en, r), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(en), "report of \"bg-zk\" was not made for publication "
                                      "(publish)");
    itav_report_free(r);
    close_store(en);
    close_store(nl);
}
END_TEST

/* The JSON decoder's words about one member (lib/interchange/json.c): in the import's problem
 * list, for a document read as a stream and one parsed whole, and in a record's from_json;
 * paths, member names, codes and ids as they are */
START_TEST(dutch_json_decoder_problems)
{
    itav_db *nl = store(_i, ITAV_LANG_NL), *en = store(_i, ITAV_LANG_EN);
    const char *doc = "{\"format\": \"itav/1\", \"interventions\": [7], \"offers\": [{\"id\": "
                      "\"bg-2\", \"intervention\": \"bg\", \"kleur\": \"rood\"}], "
                      "\"participants\": [{\"ref\": \"zk-1\", \"offer\": \"bg-zk\", \"kind\": "
                      "\"family\", \"status\": \"registered\", \"languages\": [\"nl\", "
                      "\"Nederlands\"]}]}";
    ck_assert_int_eq(itav_import_json_string(nl, doc, "d.json"), ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(nl), "3 problemen; er is niets ingelezen:\n"
                                      "d.json: $.interventions[0]: verwacht een object, maar het "
                                      "is een geheel getal\n"
                                      "d.json: $.offers[0].kleur: onbekend veld \"kleur\"\n"
                                      "d.json: $.participants[0].languages[1]: \"Nederlands\" is "
                                      "geen ISO 639-1- of ISO 639-3-taalcode (twee of drie kleine "
                                      "letters)");
    ck_assert_int_eq(itav_import_json_string(en, doc, "d.json"), ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(en), "3 problems; nothing was imported:\n"
                                      "d.json: $.interventions[0]: expected an object, found an "
                                      "integer\n"
                                      "d.json: $.offers[0].kleur: unknown member \"kleur\"\n"
                                      "d.json: $.participants[0].languages[1]: \"Nederlands\" is "
                                      "not an ISO 639-1 or ISO 639-3 language code (two or three "
                                      "lower-case letters)");
    /* a format that is not text: the document is parsed whole and checked from the top */
    ck_assert_int_eq(itav_import_json_string(nl, "{\"format\": 1}", "d.json"), ITAV_EFORMAT);
    ck_assert_str_eq(itav_errmsg(nl), "d.json: $.format: verwacht een tekst, maar het is een "
                                      "geheel getal; er is niets ingelezen");
    /* one record from its JSON, worded in the context's language */
    itav_participant *p = NULL;
    ck_assert_int_eq(itav_participant_from_json(&p, nl, "{\"ref\": \"zk-9\", \"offer\": "
                                                        "\"bg-zk\", \"kind\": \"gezin\", "
                                                        "\"status\": \"registered\"}"),
                     ITAV_EFORMAT);
    ck_assert_ptr_null(p);
    ck_assert_msg(strstr(itav_errmsg(nl), "$.kind: onbekende waarde \"gezin\" (verwacht een "
                                          "van: family, ") != NULL, "%s", itav_errmsg(nl));
    close_store(en);
    close_store(nl);
}
END_TEST

/* The explanations of a recommendation (lib/evaluation/recommend.c): why it fits and where it
 * is placed, worded in the context's language; codes and ids as they are */
static void first_recommendation(itav_db *db, const char *why, const char *placement)
{
    itav_question q = ITAV_QUESTION_INIT;
    q.asker = ITAV_ASKER_PARENT;
    q.age_months = 24;
    q.municipality = "Leiden";
    q.needs = ITAV_THEME_RELIEF | ITAV_THEME_NETWORK;
    itav_recommendation_iter *it;
    itav_recommendation *r;
    ck_assert_msg(itav_recommend(&it, db, &q) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_recommendation_iter_next(&r, it), ITAV_OK);
    ck_assert_str_eq(itav_recommendation_offer(r), "buurtgezinnen-leiden");
    ck_assert_str_eq(itav_recommendation_why(r), why);
    ck_assert_str_eq(itav_recommendation_placement(r), placement);
    itav_recommendation_free(r);
    itav_recommendation_iter_free(it);
}

START_TEST(dutch_recommendations)
{
    itav_db *db = open_store(_i);
    ck_assert_msg(itav_catalog_load(db) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_set_lang(db, ITAV_LANG_NL), ITAV_OK);
    first_recommendation(db,
        "doelgroep: bedoeld voor parents, children; de vrager, parent, past daarin via parents, "
        "children; leeftijd: 24 maanden; de interventie noemt geen leeftijdsbereik; gemeente: "
        "loopt in Leiden als aanbod buurtgezinnen-leiden; behoeften: dekt relief, network van de "
        "gevraagde relief, network; kanaal: in_person",
        "trede 2 van 5: informal, individual; binnen de trede: 2 van 2 behoeften gedekt, geen "
        "voorkeur voor een kanaal, daarna op id van de interventie");
    ck_assert_int_eq(itav_set_lang(db, ITAV_LANG_EN), ITAV_OK);
    first_recommendation(db,
        "audience: it is for parents, children; the asker, parent, fits through parents, "
        "children; age: 24 months; it states no age range; municipality: it runs in Leiden as "
        "offer buurtgezinnen-leiden; needs: covers relief, network of the asked relief, network; "
        "channel: in_person",
        "tier 2 of 5: informal, individual; within the tier: needs covered 2 of 2, no channel "
        "preference, then by intervention id");
    close_store(db);
}
END_TEST

/* The generic text of a code (itav_strerror()) where a message of a Dutch context quotes it:
 * a host backend that fails a write and has no words of its own (errmsg NULL). */
START_TEST(dutch_generic_text_of_a_code)
{
    const char *expect[2] = {"storage error", "opslagfout"};
    for (int lang = 0; lang < 2; lang++) {
        itav_backend *be = test_backend_new();
        be->errmsg = NULL;
        itav_db *db;
        ck_assert_int_eq(itav_open_backend(&db, be), ITAV_OK);
        ck_assert_int_eq(itav_set_lang(db, lang ? ITAV_LANG_NL : ITAV_LANG_EN), ITAV_OK);
        test_backend_fail_after(be, 0);
        ck_assert_int_eq(itav_catalog_load(db), ITAV_EIO);
        const char *msg = itav_errmsg(db);
        size_t n = strlen(msg), m = strlen(expect[lang]);
        ck_assert_msg(n > m && !strcmp(msg + n - m, expect[lang]), "\"%s\" does not end in "
                      "\"%s\"", msg, expect[lang]);
        itav_close(db);
    }
    ck_assert_str_eq(itav_strerror(ITAV_EIO), "storage error"); /* no context: English */
}
END_TEST

/* itav_open_lang() and itav_open_backend_lang(): the language is set before the open, so the
 * open's own refusal is in it; another value is refused and opens nothing. */
START_TEST(open_in_a_language)
{
    itav_db *db;
    ck_assert_int_eq(itav_open_lang(&db, "ftp://example.org/x", ITAV_LANG_NL), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "URI van de opslag \"ftp://example.org/x\": onbekend "
                     "schema (verwacht memory:, sqlite:PAD of postgresql://...)");
    itav_close(db);
    ck_assert_int_eq(itav_open(&db, "ftp://example.org/x"), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "store URI \"ftp://example.org/x\": unknown scheme "
                     "(expected memory:, sqlite:PATH or postgresql://...)");
    itav_close(db);
    ck_assert_int_eq(itav_open_lang(&db, "memory:", (itav_lang)7), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "unknown language 7 (1: English, 2: Dutch)");
    itav_close(db);
    ck_assert_int_eq(itav_open_lang(&db, "memory:", ITAV_LANG_NL), ITAV_OK);
    ck_assert_int_eq(itav_get_lang(db), ITAV_LANG_NL);
    ck_assert_str_eq(itav_errmsg(db), "");
    itav_close(db);
    /* on a host's backend (itav_open_backend_lang()): a refused struct, in Dutch, and the
     * backend stays the caller's; then the open */
    itav_backend *be = test_backend_new();
    be->version = ITAV_BACKEND_VERSION + 1;
    ck_assert_int_eq(itav_open_backend_lang(&db, be, ITAV_LANG_NL), ITAV_EVERSION);
    char expect[160];
    snprintf(expect, sizeof expect, "versie %d van de backend-struct wordt niet ondersteund "
             "(struct itav_backend: deze bibliotheek kent versie 1 tot en met %d)",
             ITAV_BACKEND_VERSION + 1, ITAV_BACKEND_VERSION);
    ck_assert_str_eq(itav_errmsg(db), expect);
    itav_close(db);
    be->version = ITAV_BACKEND_VERSION;
    ck_assert_int_eq(itav_open_backend_lang(&db, be, (itav_lang)0), ITAV_EINVAL);
    ck_assert_str_eq(itav_errmsg(db), "unknown language 0 (1: English, 2: Dutch)");
    itav_close(db);
    ck_assert_int_eq(itav_open_backend_lang(&db, be, ITAV_LANG_NL), ITAV_OK);
    ck_assert_int_eq(itav_get_lang(db), ITAV_LANG_NL);
    ck_assert_str_eq(itav_errmsg(db), "");
    itav_close(db); /* frees the backend */
}
END_TEST

/* A damaged stored record: what the record codec says about it is in the context's language
 * too, inside the model's "stored ... is damaged"; the path where it is stays as it is. */
START_TEST(dutch_damaged_record)
{
    char dir[] = "/tmp/itav-lang-XXXXXX", path[64], uri[80], wal[80], shm[80];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    ck_assert_msg(itav_import_json_string(db, dataset, "fixture") == ITAV_OK, "%s",
                  itav_errmsg(db));
    itav_close(db);
    /* the record of offer bg-zk becomes [\"abc\"]: text where the record version should be */
    sqlite3 *s;
    ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
    ck_assert_msg(sqlite3_exec(s, "UPDATE records SET data = X'8163616263' WHERE kind = 'offer'"
                                  " AND key = 'bg-zk'", NULL, NULL, NULL) == SQLITE_OK,
                  "%s", sqlite3_errmsg(s));
    ck_assert_int_eq(sqlite3_changes(s), 1);
    sqlite3_close(s);
    const char *expect[2] = {
        "stored offer \"bg-zk\" is damaged: offer: an integer expected, text found",
        "opgeslagen aanbod \"bg-zk\" is beschadigd: offer: verwacht een geheel getal, maar het "
        "is tekst"};
    for (int lang = 0; lang < 2; lang++) {
        itav_offer *of = NULL;
        ck_assert_int_eq(itav_open_lang(&db, uri, lang ? ITAV_LANG_NL : ITAV_LANG_EN), ITAV_OK);
        ck_assert_int_eq(itav_offer_get(&of, db, "bg-zk"), ITAV_EFORMAT);
        ck_assert_ptr_null(of);
        ck_assert_str_eq(itav_errmsg(db), expect[lang]);
        itav_close(db);
    }
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(shm, sizeof shm, "%s-shm", path);
    unlink(wal);
    unlink(shm);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lang");
    TCase *tc = tcase_create("lang");
    tcase_add_loop_test(tc, language_of_a_context, 0, STORE_COUNT);
    tcase_add_loop_test(tc, dutch_problems_of_a_dutch_spreadsheet, 0, 1);
    tcase_add_loop_test(tc, dutch_lifecycle_errors, 0, 1);
    tcase_add_loop_test(tc, dutch_measurement_words, 0, 1);
    tcase_add_loop_test(tc, dutch_json_import_problems, 0, 1);
    tcase_add_loop_test(tc, dutch_release_errors, 0, 1);
    tcase_add_loop_test(tc, dutch_json_decoder_problems, 0, 1);
    tcase_add_loop_test(tc, dutch_recommendations, 0, 1);
    tcase_add_test(tc, dutch_generic_text_of_a_code);
    tcase_add_test(tc, open_in_a_language);
    tcase_add_test(tc, dutch_damaged_record);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
