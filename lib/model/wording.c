/* The wording of reports and of the explanations the model puts together: one English
 * template or label, its translation in the catalogue's context "report" (lib/po/nl.po), and
 * the elements' own labels for an element's name. */
#include "model/model_int.h"

#include <string.h>

const char *itav__worded(const itav__wording *wd, const char *en)
{
    const char *s = wd && wd->find ? wd->find(en, wd->lang) : NULL;
    return s ? s : en;
}

static const char *find(const char *en, itav_lang lang)
{
    const char *tr = itav__translation(lang, ITAV__CTX_REPORT, en);
    if (tr || lang == ITAV_LANG_EN)
        return tr;
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        if (strcmp(itav_element_label((itav_element)e, ITAV_LANG_EN), en) == 0)
            return itav_element_label((itav_element)e, lang);
    return NULL;
}

const char *itav__report_label(const char *en, itav_lang lang)
{
    const char *tr = en ? find(en, lang) : NULL;
    return tr ? tr : en;
}

bool itav__report_label_known(const char *en) { return en && find(en, ITAV_LANG_NL) != NULL; }

const itav__wording *itav__report_wording(itav_lang lang)
{
    static const itav__wording dutch = {find, ITAV_LANG_NL};
    return lang == ITAV_LANG_NL ? &dutch : NULL;
}
