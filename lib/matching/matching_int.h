/* lib/matching: scoring, suggestions, the assignment solver (solver.h) and assignment.
 * Depends on lib/util, lib/store and lib/model. */
#ifndef ITAV_MATCHING_INT_H
#define ITAV_MATCHING_INT_H

#include "model/model_int.h"

/* ---- scoring ---- */
struct itav_suggestion {
    char *asking, *supporting;
    double score;
    itav_constraint excluded;
    double distance; /* metres, -1 unknown */
    double value[ITAV_CRITERION_COUNT + 1];
    double weight[ITAV_CRITERION_COUNT + 1]; /* 0 when the criterion did not apply */
    bool applies[ITAV_CRITERION_COUNT + 1];
};
/* Checks options (version, ranges) and fills *o with them or the defaults; as_of
 * ITAV_DATE_NONE becomes today. Sets an error message on db. */
int itav__options_resolve(itav_match_options *o, itav_db *db, const itav_match_options *in);
/* Pure function: checks constraints and scores a pair. plan may be NULL. */
void itav__score(itav_suggestion *s, const itav_participant *asking,
                 const itav_participant *supporting, const itav_plan *plan,
                 const itav__pair_facts *facts, const itav_match_options *o);
/* Great-circle distance in metres (haversine, mean earth radius). */
double itav__distance_m(double lat1, double lon1, double lat2, double lon2);
/* A box holding every point within `metres` of (lat, lon) by itav__distance_m(); across the
 * antimeridian it has west > east (itav__scan_box takes that). */
void itav__box_around(itav_box *box, double lat, double lon, double metres);
/* The tightest distance limit of the plan, the options and the participants (s may be
 * NULL), in metres; 0 when there is none. */
double itav__distance_limit(const itav_plan *plan, const itav_participant *a,
                            const itav_participant *s, const itav_match_options *o);
/* The distance at which the distance criterion reaches 0: the plan's maximum if it sets
 * one, else options.distance_scale_m. */
double itav__distance_scale(const itav_plan *plan, const itav_match_options *o);
int itav__suggestion_dup(itav_suggestion **out, const itav_suggestion *s);
void itav__suggestion_clear(itav_suggestion *s);

#endif
