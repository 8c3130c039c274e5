/* The columns of a scored pair and their legend (pairs.h). */
#include "pairs.h"

#include "number.h"

#include <stdio.h>
#include <string.h>

/* Column heads of the criteria; the legend spells them out. */
static const char *const criterion_heads[ITAV_CRITERION_COUNT + 1] = {
    "", "dist", "avail", "needs", "lang", "inter", "ages", "wait"};

void pair_print_heads(void)
{
    int cr;
    printf("  %-5s  %5s ", "SCORE", "KM");
    for (cr = 1; cr <= ITAV_CRITERION_COUNT; cr++)
        printf(" %-4s", criterion_heads[cr]);
}

void pair_print_cells(const itav_suggestion *s, itav_lang lang)
{
    double km = itav_suggestion_distance(s);
    char num[NUMBER_BUFSIZE];
    int cr;
    printf("  %s", number_in(lang, num, itav_suggestion_score(s), 3, 0));
    if (km >= 0)
        printf("  %5s", number_in(lang, num, km / 1000.0, 1, 0));
    else
        printf("  %5s", "-");
    putchar(' ');
    for (cr = 1; cr <= ITAV_CRITERION_COUNT; cr++) {
        double v;
        int w = (int)strlen(criterion_heads[cr]);
        if (w < 4)
            w = 4;
        if (itav_suggestion_criterion(s, (itav_criterion)cr, &v, NULL) == 1)
            printf(" %-*s", w, number_in(lang, num, v, 2, 0));
        else
            printf(" %-*s", w, "-");
    }
}

void pair_print_legend(itav_lang lang, const itav_match_options *opt)
{
    int nl = lang == ITAV_LANG_NL, cr;
    char num[NUMBER_BUFSIZE];
    printf("\n%s", nl ? "Criteria (gewicht):" : "Criteria (weight):");
    for (cr = 1; cr <= ITAV_CRITERION_COUNT; cr++) {
        const char *code = itav_code_name(ITAV_CODE_CRITERION, cr);
        if (strcmp(code, criterion_heads[cr]) == 0)
            printf(" %s", code);
        else
            printf(" %s = %s", criterion_heads[cr], code);
        printf(" (%s)%s", number_in(lang, num, opt->weights[cr], -1, 0),
               cr < ITAV_CRITERION_COUNT ? "," : ";");
        if (cr == 4)
            printf("\n ");
    }
    printf("\n%s\n", nl ? "elk 0 tot 1, - waar het niet geldt. KM: afstand in kilometers."
                        : "each 0 to 1, - where it does not apply. KM: distance in kilometres.");
}
