/* The store the report tests build (test_report, test_release, test_cellkey,
 * test_report_waiting): interventions, offers, participants and matches moved through their
 * states. Only against the public API, so that it serves the tests that link the public
 * library and those that link the internals alike. */
#ifndef ITAV_REPORT_FIXTURE_H
#define ITAV_REPORT_FIXTURE_H

#include "testutil.h"

/* An offer of an intervention, a member of programme (NULL: of none). */
void offer(itav_db *db, const char *id, const char *intervention, const char *programme);

/* An intervention named after its id, with a trial of 2 months and a review every 6. */
void intervention(itav_db *db, const char *id);

/* An intervention without a trial (a match starts when it becomes active), named name, and
 * one offer of it. */
void offer_without_trial(itav_db *db, const char *intervention, const char *name,
                         const char *offer_id);

/* A participant of offer_id registered on 2019-01-01 in municipality: asking (a family,
 * waiting) or supporting (a support family, available). */
void person(itav_db *db, const char *ref, const char *offer_id, bool asking,
            const char *municipality);

/* Moves match id to state on date as the coordinator: declined with "no click", ended early
 * with "the asking side stopped". Trial -> active goes without evaluating the trial
 * (itav_match_skip_evaluation; a plan with a trial refuses it otherwise). */
void move(itav_db *db, const char *id, itav_match_state state, int32_t date);

/* The fixture's matches: the state they end in and, for started ones, the start date. A
 * match is proposed 14 days before its start, introduced 7 days before, enters the trial on
 * the start, becomes active 60 days after it and closes 120 days after it. Not started ones
 * are proposed on `date` (and introduced or declined a week later). */
typedef struct spec {
    const char *offer, *place;
    itav_match_state state;
    const char *date;
} spec;

/* Makes the asking participant a<n> and the supporter s<n> (two digits) of s's offer and
 * place, and a match of the two moved as s says. Returns the match's id (free with
 * itav_free). */
char *make_match(itav_db *db, int n, const spec *s);

/* The report of programme (or offer) id for publication (itav_report_options.publish), with
 * k, as of 2021-12-31, over from..to (NULL: open). The code goes to rc: ITAV_OK, or
 * ITAV_ESTATE when the audit refuses it; any other code fails the test. */
itav_report *publish(itav_db *db, const char *id, int k, const char *from, const char *to,
                     int *rc);

#endif
