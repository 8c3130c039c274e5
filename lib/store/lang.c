/* The language of a context's messages: itav_errmsg() and the problem list of an import are
 * written in English at their call sites and looked up in the catalogue (lib/util/translation.c)
 * when the context is set to Dutch. */
#include "store/store_int.h"

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

const char *itav__tr(const itav_db *db, const char *en)
{
    const char *tr = db ? itav__translation((itav_lang)db->lang, NULL, en) : NULL;
    return tr ? tr : en;
}

const char *itav__strerror(const itav_db *db, int code)
{
    return itav__tr(db, itav_strerror(code));
}
