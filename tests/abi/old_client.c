/* An old client: a program compiled only against the headers of the ABI baseline
 * (abi/include, version 0.3.0) and run against the library just built. It does what a host
 * program of 0.3.0 does, on a memory store and on a SQLite store: loads the catalogue,
 * registers families and support families, asks for suggestions, assigns the waiting list,
 * takes a match into its trial, records a review, lists what is due, makes a report and
 * exports the store. Every result is checked, so a library that still links but behaves
 * differently for old programs fails here. */
#include <itav.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"

static int failures;

#define OFFER "buurtgezinnen-zuid-kennemerland"

static int32_t day(const char *iso)
{
    int32_t d = ITAV_DATE_NONE;
    CHECK(itav_date_parse(&d, iso) == ITAV_OK);
    return d;
}

/* Registers a participant through the 0.3.0 setters and moves them, as a coordinator does,
 * through intake and approval to waiting (asking) or available (supporting). */
static void enrol(itav_db *db, const char *ref, itav_participant_kind kind, const char *place,
                  double lat, double lon, unsigned support, uint32_t slots,
                  const char *registered)
{
    itav_participant *p = NULL;
    int asking = kind == ITAV_PARTICIPANT_FAMILY;
    OK(db, itav_participant_new(&p, ref, OFFER, kind));
    if (!p)
        return;
    OK(db, itav_participant_set_municipality(p, place));
    OK(db, itav_participant_set_location(p, lat, lon));
    OK(db, itav_participant_set_support(p, support));
    OK(db, itav_participant_set_availability(p, slots));
    OK(db, itav_participant_add_language(p, "nl"));
    OK(db, itav_participant_set_registered(p, day(registered)));
    if (asking) {
        OK(db, itav_participant_add_child(p, 60));
    } else {
        OK(db, itav_participant_set_vog_date(p, day("2020-12-01")));
        OK(db, itav_participant_set_trained(p, 1));
        OK(db, itav_participant_set_capacity(p, 1));
    }
    OK(db, itav_participant_create(db, p));
    CHECK(itav_participant_side(p) == (asking ? ITAV_SIDE_ASKING : ITAV_SIDE_SUPPORTING));
    itav_participant_free(p);
    OK(db, itav_participant_set_status(db, ref, ITAV_PSTATUS_INTAKE, day(registered)));
    OK(db, itav_participant_set_status(db, ref, ITAV_PSTATUS_APPROVED, day(registered) + 7));
    OK(db, itav_participant_set_status(db, ref,
                                       asking ? ITAV_PSTATUS_WAITING : ITAV_PSTATUS_AVAILABLE,
                                       day(registered) + 14));
}

/* The value of a report's matches_by_state row for a state code, or -1. */
static double state_count(const itav_report *r, const char *state)
{
    size_t t = itav_report_table_find(r, "matches_by_state");
    double v = -1;
    for (size_t row = 0; row < itav_report_row_count(r, t); row++) {
        const char *label = itav_report_cell(r, t, row, 0);
        if (label && strcmp(label, state) == 0 &&
            itav_report_cell_value(&v, r, t, row, 1) == ITAV_OK)
            return v;
    }
    return -1;
}

static size_t count_interventions(itav_db *db)
{
    itav_intervention_filter all = ITAV_INTERVENTION_FILTER_INIT;
    itav_intervention_iter *it = NULL;
    itav_intervention *iv;
    size_t n = 0;
    OK(db, itav_intervention_list(&it, db, &all));
    while (it && itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        n++;
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    return n;
}

/* The scenario on one store; returns its export (owned) for comparing the two stores. */
static char *scenario(const char *uri)
{
    itav_db *db = NULL;
    printf("store %s\n", uri);
    OK(db, itav_open(&db, uri));
    if (!db)
        return NULL;
    OK(db, itav_catalog_load(db));

    /* The 0.3.0 catalogue: 52 interventions; a newer library may have more, never fewer. */
    CHECK(count_interventions(db) >= 52);
    itav_intervention *iv = NULL;
    OK(db, itav_intervention_get(&iv, db, "buurtgezinnen"));
    CHECK(iv && strcmp(itav_intervention_name(iv), "Buurtgezinnen") == 0);
    CHECK(iv && itav_intervention_element(iv, ITAV_PROFILE_DEFAULT,
                                          ITAV_ELEMENT_INFORMAL_SUPPORT) ==
                    ITAV_STATUS_PRESENT);
    itav_intervention_free(iv);

    uint32_t monday = ITAV_SLOT(0, ITAV_AFTERNOON), wednesday = ITAV_SLOT(2, ITAV_AFTERNOON);
    enrol(db, "a1", ITAV_PARTICIPANT_FAMILY, "Haarlem", 52.381, 4.637,
          ITAV_SUPPORT_DAYTIME_CARE | ITAV_SUPPORT_LISTENING, monday | wednesday, "2021-01-10");
    enrol(db, "a2", ITAV_PARTICIPANT_FAMILY, "Heemstede", 52.352, 4.611,
          ITAV_SUPPORT_SLEEPOVER, wednesday, "2021-02-01");
    enrol(db, "a3", ITAV_PARTICIPANT_FAMILY, "Zandvoort", 52.372, 4.533,
          ITAV_SUPPORT_HOMEWORK, monday, "2021-03-01");
    enrol(db, "s1", ITAV_PARTICIPANT_SUPPORT_FAMILY, "Haarlem", 52.383, 4.640,
          ITAV_SUPPORT_DAYTIME_CARE | ITAV_SUPPORT_LISTENING, monday, "2020-11-01");
    enrol(db, "s2", ITAV_PARTICIPANT_SUPPORT_FAMILY, "Heemstede", 52.350, 4.620,
          ITAV_SUPPORT_SLEEPOVER | ITAV_SUPPORT_DAYTIME_CARE, wednesday, "2020-11-01");

    /* A second family under a taken reference is refused, with a message. */
    itav_participant *dup = NULL;
    OK(db, itav_participant_new(&dup, "a1", OFFER, ITAV_PARTICIPANT_FAMILY));
    CHECK(itav_participant_create(db, dup) == ITAV_EEXISTS);
    CHECK(itav_errcode(db) == ITAV_EEXISTS && strstr(itav_errmsg(db), "a1") != NULL);
    itav_participant_free(dup);

    /* Suggestions for a1: s1 lives 300 m away and gives what a1 needs, on a1's day. */
    itav_match_options opt = ITAV_MATCH_OPTIONS_INIT;
    opt.as_of = day("2021-04-01");
    itav_suggestion_iter *sit = NULL;
    itav_suggestion *s;
    size_t n = 0;
    OK(db, itav_match_suggest(&sit, db, "a1", 5, &opt));
    double last = 2, value = -1, weight = -1;
    while (sit && itav_suggestion_iter_next(&s, sit) == ITAV_OK) {
        if (n++ == 0) {
            CHECK(strcmp(itav_suggestion_supporting(s), "s1") == 0);
            CHECK(itav_suggestion_distance(s) > 100 && itav_suggestion_distance(s) < 500);
            CHECK(itav_suggestion_criterion(s, ITAV_CRITERION_NEEDS, &value, &weight) == 1);
            CHECK(value == 1.0 && weight == 3.0);
        }
        CHECK(strcmp(itav_suggestion_asking(s), "a1") == 0);
        CHECK(itav_suggestion_excluded(s) == ITAV_CONSTRAINT_NONE);
        CHECK(itav_suggestion_score(s) > 0 && itav_suggestion_score(s) <= last);
        last = itav_suggestion_score(s);
        itav_suggestion_free(s);
    }
    itav_suggestion_iter_free(sit);
    CHECK(n == 2);

    /* The waiting list: two supporters with room for one each, three families. */
    itav_assignment *a = NULL;
    OK(db, itav_match_assign(&a, db, OFFER, &opt, ITAV_ASSIGN_WRITE, day("2021-04-01")));
    CHECK(itav_assignment_count(a) == 2 && itav_assignment_unmatched_count(a) == 1);
    /* Copies: the assignment owns its ids. */
    char trial_id[64] = "", declined_id[64] = "";
    for (size_t i = 0; i < itav_assignment_count(a); i++) {
        const itav_suggestion *pair = itav_assignment_pair(a, i);
        const char *asking = itav_suggestion_asking(pair);
        if (strcmp(asking, "a1") == 0) {
            CHECK(strcmp(itav_suggestion_supporting(pair), "s1") == 0);
            snprintf(trial_id, sizeof trial_id, "%s", itav_assignment_match_id(a, i));
        } else if (strcmp(asking, "a2") == 0) {
            CHECK(strcmp(itav_suggestion_supporting(pair), "s2") == 0);
            snprintf(declined_id, sizeof declined_id, "%s", itav_assignment_match_id(a, i));
        }
    }
    CHECK(itav_assignment_unmatched(a, 0) && strcmp(itav_assignment_unmatched(a, 0), "a3") == 0);
    CHECK(itav_assignment_total(a) > 0.8 && itav_assignment_total(a) <= 2.0);
    itav_assignment_free(a);
    if (!*trial_id || !*declined_id) {
        fprintf(stderr, "the assignment did not pair a1 and a2\n");
        failures++;
        itav_close(db);
        return NULL;
    }

    /* a1 and s1 meet and start their trial; a2 and s2 do not click. */
    OK(db, itav_match_advance(db, trial_id, ITAV_MATCH_INTRODUCED, day("2021-04-08"),
                              ITAV_ACTOR_COORDINATOR, 0, "kennismaking"));
    OK(db, itav_match_advance(db, trial_id, ITAV_MATCH_TRIAL, day("2021-04-15"),
                              ITAV_ACTOR_COORDINATOR, 0, NULL));
    OK(db, itav_match_advance(db, declined_id, ITAV_MATCH_DECLINED, day("2021-04-09"),
                              ITAV_ACTOR_ASKING, ITAV_END_NO_CLICK, NULL));
    /* A move the lifecycle does not have is refused. */
    CHECK(itav_match_advance(db, declined_id, ITAV_MATCH_ACTIVE, day("2021-04-10"),
                             ITAV_ACTOR_COORDINATOR, 0, NULL) == ITAV_ESTATE);

    itav_match *m = NULL;
    OK(db, itav_match_get(&m, db, trial_id));
    CHECK(m && itav_match_get_state(m) == ITAV_MATCH_TRIAL);
    CHECK(m && itav_match_start(m) == day("2021-04-15"));
    CHECK(m && itav_match_transition_count(m) == 3);
    itav_match_free(m);

    /* The plan's two-month trial makes the trial evaluation due on 15 June. */
    itav_due_iter *dit = NULL;
    itav_due *due;
    size_t ndue = 0;
    OK(db, itav_match_due(&dit, db, OFFER, day("2021-06-01"), 30));
    while (dit && itav_due_iter_next(&due, dit) == ITAV_OK) {
        ndue++;
        CHECK(strcmp(itav_due_match(due), trial_id) == 0);
        CHECK(itav_due_get_kind(due) == ITAV_DUE_TRIAL_EVALUATION);
        CHECK(itav_due_date(due) == day("2021-06-15"));
        itav_due_free(due);
    }
    itav_due_iter_free(dit);
    CHECK(ndue == 1);

    /* The trial review, stored and read back. */
    itav_review *rv = NULL;
    char *review_id = NULL;
    OK(db, itav_review_new(&rv, ITAV_REVIEW_TRIAL, day("2021-06-15"), ITAV_RESPONDENT_ASKING));
    OK(db, itav_review_set_satisfaction(rv, 8));
    OK(db, itav_review_set_effect(rv, ITAV_EFFECT_REST, 2));
    OK(db, itav_review_set_formal_help(rv, ITAV_HELP_NONE_NEEDED));
    OK(db, itav_review_add(&review_id, db, trial_id, rv));
    itav_review_free(rv);
    rv = NULL;
    OK(db, itav_review_get(&rv, db, review_id ? review_id : ""));
    CHECK(rv && strcmp(itav_review_match(rv), trial_id) == 0);
    CHECK(rv && itav_review_satisfaction(rv) == 8 && itav_review_effect(rv, ITAV_EFFECT_REST) == 2);
    CHECK(rv && itav_review_formal_help(rv) == ITAV_HELP_NONE_NEEDED);
    itav_review_free(rv);
    itav_free(review_id);

    /* The report of the offer, nothing suppressed (k = 1). */
    itav_report_options ro = ITAV_REPORT_OPTIONS_INIT;
    itav_report *r = NULL;
    ro.k = 1;
    OK(db, itav_report_programme(&r, db, OFFER, &ro));
    /* libitav 0.3 made these 8 tables; later versions append (0.4: waiting_list, and costs when the catalogue gives
     * the offer any) */
    CHECK(r && itav_report_table_count(r) >= 8);
    CHECK(r && strcmp(itav_report_table_name(r, 7), "portfolio") == 0);
    CHECK(state_count(r, "trial") == 1 && state_count(r, "declined") == 1 &&
          state_count(r, "proposed") == 0);
    char *json = NULL;
    OK(db, itav_report_write(&json, r, ITAV_REPORT_JSON));
    CHECK(json && strstr(json, "\"itav-report/1\"") != NULL);
    itav_free(json);
    itav_report_free(r);

    /* The export holds the five participants and the two matches. */
    char *export = NULL;
    OK(db, itav_export_json_string(&export, db));
    CHECK(export && strstr(export, "\"itav/1\"") && strstr(export, "\"a3\"") &&
          strstr(export, trial_id) && strstr(export, declined_id));

    CHECK(strcmp(itav_code_name(ITAV_CODE_MATCH_STATE, ITAV_MATCH_TRIAL), "trial") == 0);
    int code = 0;
    CHECK(itav_code_parse(&code, ITAV_CODE_SUPPORT, "sleepover") == ITAV_OK &&
          code == ITAV_SUPPORT_SLEEPOVER);
    itav_close(db);
    return export;
}

int main(void)
{
    /* An old client runs on a library at least as new as its headers, of the same major
     * version (the same SONAME). */
    printf("headers %s, library %s\n", ITAV_VERSION_STRING, itav_version());
    CHECK(itav_version_number() >= ITAV_VERSION_NUMBER);
    CHECK(itav_version_number() / 10000 == ITAV_VERSION_MAJOR);
    CHECK(strcmp(itav_strerror(ITAV_EEXISTS), "unknown error") != 0);

    char dir[] = "/tmp/itav-old-client-XXXXXX", uri[64], path[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(uri, sizeof uri, "sqlite:%s/old.db", dir);
    char *in_memory = scenario("memory:");
    char *in_sqlite = scenario(uri);
    /* Both stores did the same, with the same ids. */
    CHECK(in_memory && in_sqlite && strcmp(in_memory, in_sqlite) == 0);
    itav_free(in_memory);
    itav_free(in_sqlite);
    static const char *const files[] = {"old.db", "old.db-wal", "old.db-shm"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);

    if (failures) {
        fprintf(stderr, "old client: %d checks failed\n", failures);
        return 1;
    }
    printf("old client: every check passed on both stores\n");
    return 0;
}
