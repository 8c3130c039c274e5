/* The catalogue of translations: every text the library words for people, looked up by its
 * context and English text in the table generated from lib/po/nl.po (util_int.h). */
#include "util/util_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct key {
    const char *ctx, *en;
} key;

/* The order po2c.py sorts by: no context before every context, then the English. */
static int by_key(const void *k, const void *m)
{
    const key *a = k;
    const itav__message *b = m;
    if (!a->ctx != !b->ctx)
        return a->ctx ? 1 : -1;
    int c = a->ctx ? strcmp(a->ctx, b->ctx) : 0;
    return c ? c : strcmp(a->en, b->en);
}

const char *itav__translation(itav_lang lang, const char *ctx, const char *en)
{
    if (lang != ITAV_LANG_NL || !en || !*en)
        return NULL;
    const key k = {ctx, en};
    const itav__message *m =
        bsearch(&k, itav__messages_nl, itav__messages_nl_count, sizeof *m, by_key);
    return m ? m->tr : NULL;
}
