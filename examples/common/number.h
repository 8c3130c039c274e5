/*
 * Numbers as the output's language writes them, shared by the itav tool and itav-demo:
 * English with a decimal point, Dutch with a decimal comma (there a point reads as a
 * thousands separator). Codes, JSON and CSV for programs keep the point.
 */
#ifndef ITAV_EXAMPLES_NUMBER_H
#define ITAV_EXAMPLES_NUMBER_H

#include <itav.h>

#define NUMBER_BUFSIZE 40

/* v with `decimals` decimals ("7.250"), or with decimals < 0 in the fewest digits that give
 * it back, at most 15 significant ("7.25", "12"); a '+' first for a positive v when plus is
 * set. Written into buf (NUMBER_BUFSIZE bytes), which is returned. */
const char *number_in(itav_lang lang, char *buf, double v, int decimals, int plus);

#endif
