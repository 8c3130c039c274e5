/* Numbers in the output's language (number.h). */
#include "number.h"

#include <stdio.h>
#include <string.h>

const char *number_in(itav_lang lang, char *buf, double v, int decimals, int plus)
{
    const char *sign = plus && v > 0 ? "+" : "";
    if (decimals < 0)
        snprintf(buf, NUMBER_BUFSIZE, "%s%.15g", sign, v);
    else
        snprintf(buf, NUMBER_BUFSIZE, "%s%.*f", sign, decimals, v);
    char *dot = lang == ITAV_LANG_NL ? strchr(buf, '.') : NULL;
    if (dot)
        *dot = ',';
    return buf;
}
