/* Reports in a language: a fixed text, a template filled in, a table's note. The English is
 * written where the report is built (report.c, evaluation_int.h); its Dutch is in the
 * catalogue, context "report" (lib/po/nl.po), where po2c.py checks at build time that a
 * template's Dutch has the same conversions in the same order. */
#include "evaluation/evaluation_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The explanation of an attainment is worded by the same catalogue, piece by piece. */
ITAV_API int itav_indicator_attainment_lang(itav_attainment *verdict, char **why,
                                            const itav_indicator *ind, size_t target,
                                            int32_t as_of, itav_lang lang)
{
    if (lang != ITAV_LANG_EN && lang != ITAV_LANG_NL)
        return ITAV_EINVAL;
    return itav__indicator_attainment_in(verdict, why, ind, target, as_of,
                                         itav__report_wording(lang));
}

char *itav__report_vlabelf(itav_lang lang, const char *en, va_list ap)
{
    const char *fmt = itav__report_label(en, lang);
    va_list again;
    va_copy(again, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n < 0 ? NULL : itav__malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, again);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    va_end(again);
    return s;
}

char *itav__report_labelf(itav_lang lang, const char *en, ...)
{
    va_list ap;
    va_start(ap, en);
    char *s = itav__report_vlabelf(lang, en, ap);
    va_end(ap);
    return s;
}

char *itav__report_note(const itav__table *t, itav_lang lang)
{
    if (!t->note_template)
        return itav__strdup(itav__report_label(t->note, lang));
    const char *fmt = itav__report_label(t->note_template, lang);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    /* Every note template takes a count and a list (evaluation_int.h). */
    int n = snprintf(NULL, 0, fmt, t->note_count, t->note_list ? t->note_list : "");
    char *s = n < 0 ? NULL : itav__malloc((size_t)n + 1);
    if (s)
        snprintf(s, (size_t)n + 1, fmt, t->note_count, t->note_list ? t->note_list : "");
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    return s;
}
