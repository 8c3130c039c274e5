/* The language of a context's messages: itav_errmsg() and the problem list of an import are
 * written in English at their call sites and looked up in the Dutch table (lib/po/nl.po) when
 * the context is set to Dutch. */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

ITAV_API int itav_set_lang(itav_db *db, itav_lang lang)
{
    if (!db)
        return ITAV_EINVAL;
    if (lang != ITAV_LANG_EN && lang != ITAV_LANG_NL)
        return itav__error(db, ITAV_EINVAL, "unknown language %d (1: English, 2: Dutch)",
                           (int)lang);
    db->lang = lang == ITAV_LANG_NL ? ITAV_LANG_NL : 0;
    return ITAV_OK;
}

ITAV_API itav_lang itav_get_lang(const itav_db *db)
{
    return db && db->lang == ITAV_LANG_NL ? ITAV_LANG_NL : ITAV_LANG_EN;
}

static int by_en(const void *key, const void *m)
{
    return strcmp(key, ((const itav__message *)m)->en);
}

const char *itav__tr(const itav_db *db, const char *en)
{
    if (!db || db->lang != ITAV_LANG_NL || !en || !*en)
        return en;
    const itav__message *m =
        bsearch(en, itav__messages_nl, itav__messages_nl_count, sizeof *m, by_en);
    return m ? m->tr : en;
}

const char *itav__strerror(const itav_db *db, int code)
{
    return itav__tr(db, itav_strerror(code));
}
