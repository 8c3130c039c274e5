/* Languages: the codes of ISO 639-1 and ISO 639-3. A language has one stored form: its
 * two-letter ISO 639-1 code when it has one ("nld" is stored as "nl", so data from before
 * ISO 639-3 was accepted compares equal), else its three-letter ISO 639-3 code ("pap"). */
#include "util/util_int.h"

#include <stdlib.h>
#include <string.h>

static int compare2(const void *key, const void *item)
{
    return strcmp(key, ((const itav__language2 *)item)->two);
}

static int compare3(const void *key, const void *item)
{
    return strcmp(key, ((const itav__language *)item)->three);
}

ITAV_API const char *itav_language_canonical(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n == 2) {
        const itav__language2 *l = bsearch(code, itav__languages2, itav__languages2_count,
                                           sizeof *itav__languages2, compare2);
        return l ? l->two : NULL;
    }
    if (n == 3) {
        const itav__language *l = bsearch(code, itav__languages3, itav__languages3_count,
                                          sizeof *itav__languages3, compare3);
        return !l ? NULL : l->two[0] ? l->two : l->three;
    }
    return NULL;
}

ITAV_API int itav_language_known(const char *code)
{
    return itav_language_canonical(code) != NULL;
}
