/*
 * Printing shared by the itav tool and itav-demo: the columns of a scored pair (a suggestion
 * or an assigned pair) and the legend that spells out their heads. One copy, so the tool and
 * the demo print a pair alike.
 */
#ifndef ITAV_EXAMPLES_PAIRS_H
#define ITAV_EXAMPLES_PAIRS_H

#include <itav.h>

/* The heads SCORE, KM and one per criterion, each after two spaces; no line break. */
void pair_print_heads(void);
/* The cells under those heads for one pair, its numbers as the language writes them (a
 * decimal comma in Dutch); no line break. A criterion that does not apply, or a distance not
 * known, is "-". */
void pair_print_cells(const itav_suggestion *s, itav_lang lang);
/* A blank line, then the legend: each criterion's head, code and weight, and what the values
 * mean, in the language given. */
void pair_print_legend(itav_lang lang, const itav_match_options *opt);

#endif
