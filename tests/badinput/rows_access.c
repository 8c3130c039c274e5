/* Rows for access sheets (access.h): who an intervention or offer is for and how people
 * reach it. The sheet-level adapters make a sheet of their own and fail the row when a
 * refused call changed it (all or nothing); the intervention and offer setters use the
 * fixture's objects, which badinput.c compares before and after. */
#include "families.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EINVAL_ E(ITAV_EINVAL)

/* A sheet with ages and one entry in each of two lists. */
static itav_access *sheet(void)
{
    itav_access *a = NULL;
    if (itav_access_new(&a) != ITAV_OK || itav_access_set_ages(a, 0, 287, "002:L59") ||
        itav_access_add(a, ITAV_ACCESS_REFERRAL, "gp", "GPs refer families.", "002:L61", 0) ||
        itav_access_add(a, ITAV_ACCESS_RECRUITMENT, "social_media", "Facebook", "002:L69",
                        ITAV_ACCESS_EFFECTIVE)) {
        fprintf(stderr, "cannot make the fixture's access sheet\n");
        abort();
    }
    return a;
}

/* Everything a sheet holds, in words. */
static void dump(char *buf, size_t size, const itav_access *a)
{
    int32_t lo, hi;
    size_t n = 0;
    itav_access_ages(&lo, &hi, a);
    n += (size_t)snprintf(buf + n, size - n, "%ld..%ld %s;", (long)lo, (long)hi,
                          itav_access_ages_source(a) ? itav_access_ages_source(a) : "-");
    for (int l = 1; l <= ITAV_ACCESS_LIST_COUNT && n < size; l++)
        for (size_t i = 0; i < itav_access_count(a, (itav_access_list)l) && n < size; i++) {
            const char *code, *text, *src;
            unsigned flags;
            itav_access_at(&code, &text, &src, &flags, a, (itav_access_list)l, i);
            n += (size_t)snprintf(buf + n, size - n, "%d %s %s %s %u;", l, code, text,
                                  src ? src : "-", flags);
        }
}

/* Runs a call on a fresh sheet; a refused call must leave the sheet as it was. */
#define ON_SHEET(call)                                                                         \
    itav_access *a = sheet();                                                                  \
    char before[1024], after[1024];                                                            \
    dump(before, sizeof before, a);                                                            \
    int rc = (call);                                                                           \
    dump(after, sizeof after, a);                                                              \
    if (rc != ITAV_OK && strcmp(before, after) != 0)                                           \
        fx_fail(f, "a refused call changed the sheet: \"%s\" became \"%s\"", before, after);   \
    itav_access_free(a);                                                                       \
    return r_code(rc)
#define A P(0, a)

ADAPT(itav_access_list_code)
{
    return r_ptr(itav_access_list_code((itav_access_list)NUM(0, ITAV_ACCESS_REFERRAL)));
}
ADAPT(itav_access_list_from_code)
{
    itav_access_list out = (itav_access_list)0;
    int rc = itav_access_list_from_code(P(0, &out), TXT(1, "referral"));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    return r_code(rc);
}
ADAPT(itav_access_code_at)
{
    return r_ptr(itav_access_code_at((itav_access_list)NUM(0, ITAV_ACCESS_NEEDS),
                                     (size_t)NUM(1, 0)));
}
ADAPT(itav_access_code_label)
{
    return r_ptr(itav_access_code_label((itav_access_list)NUM(0, ITAV_ACCESS_REFERRAL),
                                        TXT(1, "gp"), (itav_lang)NUM(2, ITAV_LANG_NL)));
}
ADAPT(itav_access_new)
{
    itav_access *out = NULL;
    int rc = itav_access_new(P(0, &out));
    itav_access_free(out);
    return r_code(rc);
}
ADAPT(itav_access_dup)
{
    itav_access *out = NULL, *a = sheet();
    int rc = itav_access_dup(P(0, &out), P(1, a));
    if (rc != ITAV_OK && out)
        fx_fail(f, "*out set on error");
    itav_access_free(out);
    itav_access_free(a);
    return r_code(rc);
}
ADAPT(itav_access_free)
{
    itav_access_free(P(0, NULL));
    return r_void();
}
ADAPT(itav_access_set_ages)
{
    ON_SHEET(itav_access_set_ages(A, (int32_t)NUM(1, 12), (int32_t)NUM(2, 143),
                                  TXT(3, "001:L7")));
}
ADAPT(itav_access_ages)
{
    int32_t lo, hi;
    itav_access *a = sheet();
    int rc = itav_access_ages(P(0, &lo), P(1, &hi), P(2, a));
    itav_access_free(a);
    return r_code(rc);
}
ADAPT(itav_access_ages_source)
{
    itav_access *a = sheet();
    const char *s = itav_access_ages_source(A);
    itav_access_free(a);
    return r_ptr(s);
}
ADAPT(itav_access_add)
{
    ON_SHEET(itav_access_add(A, (itav_access_list)NUM(1, ITAV_ACCESS_TASKS), TXT(2, "matching"),
                             TXT(3, "Linking families."), TXT(4, "002:L38"),
                             (unsigned)NUM(5, 0)));
}
ADAPT(itav_access_count)
{
    itav_access *a = sheet();
    size_t n = itav_access_count(A, (itav_access_list)NUM(1, ITAV_ACCESS_REFERRAL));
    itav_access_free(a);
    return r_size(n);
}
ADAPT(itav_access_at)
{
    const char *code = NULL, *text = NULL, *src = NULL;
    unsigned flags = 0;
    ON_SHEET(itav_access_at(P(0, &code), P(1, &text), P(2, &src), P(3, &flags), P(4, a),
                            (itav_access_list)NUM(5, ITAV_ACCESS_REFERRAL), (size_t)NUM(6, 0)));
}
ADAPT(itav_access_remove)
{
    ON_SHEET(itav_access_remove(A, (itav_access_list)NUM(1, ITAV_ACCESS_REFERRAL),
                                (size_t)NUM(2, 0)));
}
ADAPT(itav_access_has)
{
    itav_access *a = sheet();
    int has = itav_access_has(A, (itav_access_list)NUM(1, ITAV_ACCESS_REFERRAL), TXT(2, "gp"));
    itav_access_free(a);
    return r_int(has);
}
ADAPT(itav_intervention_access)
{
    return r_ptr(itav_intervention_access(P(0, fx_intervention(f))));
}
ADAPT(itav_intervention_set_access)
{
    itav_access *a = sheet();
    int rc = itav_intervention_set_access(P(0, fx_intervention(f)), P(1, a));
    itav_access_free(a);
    return r_code(rc);
}
ADAPT(itav_offer_access) { return r_ptr(itav_offer_access(P(0, fx_offer(f)))); }
ADAPT(itav_offer_set_access)
{
    itav_access *a = sheet();
    int rc = itav_offer_set_access(P(0, fx_offer(f)), P(1, a));
    itav_access_free(a);
    return r_code(rc);
}

static const row rows[] = {
    BAD_ENUM(itav_access_list_code, 0, "list", ITAV_ACCESS_NEEDS, RNULL),
    R(itav_access_list_code, "list 0", RNULL, I(0, 0)),
    R(itav_access_list_from_code, "NULL out", EINVAL_, NUL(0)),
    R(itav_access_list_from_code, "NULL code", EINVAL_, NUL(1)),
    R(itav_access_list_from_code, "unknown code", E(ITAV_ENOTFOUND), S(1, "eligibility")),
    R(itav_access_list_from_code, "code in capitals", E(ITAV_ENOTFOUND), S(1, "Referral")),
    R(itav_access_list_from_code, "empty code", E(ITAV_ENOTFOUND), S(1, "")),
    BAD_TEXT(itav_access_list_from_code, 1, "code", E(ITAV_ENOTFOUND)),
    BAD_ENUM(itav_access_code_at, 0, "list", ITAV_ACCESS_NEEDS, RNULL),
    R(itav_access_code_at, "list 0", RNULL, I(0, 0)),
    R(itav_access_code_at, "index past the end", RNULL, I(1, 1000)),
    R(itav_access_code_at, "index SIZE_MAX", RNULL, I(1, -1)),
    BAD_ENUM(itav_access_code_label, 0, "list", ITAV_ACCESS_NEEDS, RNULL),
    R(itav_access_code_label, "NULL code", RNULL, NUL(1)),
    R(itav_access_code_label, "a code of another list", RNULL, S(1, "church")),
    BAD_TEXT(itav_access_code_label, 1, "code", RNULL),
    BAD_ENUM(itav_access_code_label, 2, "language", ITAV_LANG_NL, RNULL),
    R(itav_access_new, "NULL out", EINVAL_, NUL(0)),
    R(itav_access_dup, "NULL out", EINVAL_, NUL(0)),
    R(itav_access_dup, "NULL sheet", EINVAL_, NUL(1)),
    R(itav_access_free, "NULL", RVOID, NUL(0)),
    R(itav_access_set_ages, "NULL sheet", EINVAL_, NUL(0)),
    R(itav_access_set_ages, "min above max", EINVAL_, I(1, 100), I(2, 50)),
    R(itav_access_set_ages, "min -13", EINVAL_, I(1, -13)),
    R(itav_access_set_ages, "max 1201", EINVAL_, I(2, 1201)),
    R(itav_access_set_ages, "max INT32_MAX", EINVAL_, I(2, INT32_MAX)),
    BAD_SOURCE(itav_access_set_ages, 3, EINVAL_),
    R(itav_access_ages, "NULL min", EINVAL_, NUL(0)),
    R(itav_access_ages, "NULL max", EINVAL_, NUL(1)),
    R(itav_access_ages, "NULL sheet", EINVAL_, NUL(2)),
    R(itav_access_ages_source, "NULL sheet", RNULL, NUL(0)),
    R(itav_access_add, "NULL sheet", EINVAL_, NUL(0)),
    BAD_ENUM(itav_access_add, 1, "list", ITAV_ACCESS_NEEDS, EINVAL_),
    R(itav_access_add, "list 0", EINVAL_, I(1, 0)),
    R(itav_access_add, "NULL code", EINVAL_, NUL(2)),
    R(itav_access_add, "a code of another list", EINVAL_, S(2, "church")),
    R(itav_access_add, "empty code", EINVAL_, S(2, "")),
    BAD_TEXT(itav_access_add, 2, "code", EINVAL_),
    R(itav_access_add, "NULL text", EINVAL_, NUL(3)),
    R(itav_access_add, "empty text", EINVAL_, S(3, "")),
    R(itav_access_add, "text with an escape sequence", EINVAL_, S(3, "a\033[2Jb")),
    BAD_TEXT(itav_access_add, 3, "text", EINVAL_),
    BAD_SOURCE(itav_access_add, 4, EINVAL_),
    R(itav_access_add, "unknown flag 2", EINVAL_, I(5, 2)),
    R(itav_access_add, "flags UINT_MAX", EINVAL_, I(5, UINT_MAX)),
    R(itav_access_count, "NULL sheet", RSIZE(0), NUL(0)),
    BAD_ENUM(itav_access_count, 1, "list", ITAV_ACCESS_NEEDS, RSIZE(0)),
    R(itav_access_at, "NULL sheet", EINVAL_, NUL(4)),
    BAD_ENUM(itav_access_at, 5, "list", ITAV_ACCESS_NEEDS, EINVAL_),
    R(itav_access_at, "index past the end", E(ITAV_ENOTFOUND), I(6, 1)),
    R(itav_access_at, "index SIZE_MAX", E(ITAV_ENOTFOUND), I(6, -1)),
    R(itav_access_remove, "NULL sheet", EINVAL_, NUL(0)),
    BAD_ENUM(itav_access_remove, 1, "list", ITAV_ACCESS_NEEDS, EINVAL_),
    R(itav_access_remove, "index past the end", E(ITAV_ENOTFOUND), I(2, 1)),
    R(itav_access_remove, "an empty list", E(ITAV_ENOTFOUND), I(1, ITAV_ACCESS_TASKS)),
    R(itav_access_has, "NULL sheet", RET(0), NUL(0)),
    BAD_ENUM(itav_access_has, 1, "list", ITAV_ACCESS_NEEDS, RET(0)),
    R(itav_access_has, "NULL code", RET(0), NUL(2)),
    BAD_TEXT(itav_access_has, 2, "code", RET(0)),
    R(itav_intervention_access, "NULL intervention", RNULL, NUL(0)),
    R(itav_intervention_set_access, "NULL intervention", EINVAL_, NUL(0)),
    R(itav_offer_access, "NULL offer", RNULL, NUL(0)),
    R(itav_offer_set_access, "NULL offer", EINVAL_, NUL(0)),
};

const row_table rows_access = {rows, sizeof rows / sizeof *rows};
