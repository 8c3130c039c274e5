/* The eight elements of the LNW normalisation vision (seed 001, lines 89-96). */
#include "model/model_int.h"

#include <string.h>

typedef struct element_info {
    const char *code;
    const char *nl; /* the canonical Dutch wording of the vision */
    const char *en;
} element_info;

static const element_info elements[ITAV_ELEMENT_COUNT] = {
    {"doubts_normal", "Twijfels en kwetsbaarheid zijn normaal",
     "Doubts and vulnerability are normal"},
    {"informal_support", "Steun is waar mogelijk informeel",
     "Support is informal where possible"},
    {"low_threshold", "Toegang tot steun is laagdrempelig",
     "Access to support is low-threshold"},
    {"equality", "Gelijkwaardigheid jeugdigen/ouders en ondersteuners/hulpverleners",
     "Equality between young people/parents and supporters/professionals"},
    {"demand_led", "Vraag/behoefte van jeugdigen/ouders is leidend",
     "The question or need of young people/parents leads"},
    {"broad_context", "Ondersteuners/hulpverleners: oog voor brede opgroei- en opvoedcontext",
     "Supporters/professionals keep the broad context of growing up and parenting in view"},
    {"positive_focus", "Aandacht voor positieve zaken", "Attention to what goes well"},
    {"no_problematising", "Vermijden problematiseren en medicaliseren waar het kan",
     "Avoid problematising and medicalising where possible"},
};

/* Other wordings the seeds print, already normalised (see normalise()). The canonical
 * wordings, English labels and codes are matched besides these. */
static const struct { itav_element e; const char *wording; } variants[] = {
    /* seed 001 L295, L299: "jongeren" where the vision says "jeugdigen" */
    {ITAV_ELEMENT_EQUALITY, "gelijkwaardigheid jongeren ouders en ondersteuners hulpverleners"},
    {ITAV_ELEMENT_DEMAND_LED, "vraag behoefte van jongeren ouders is leidend"},
    /* seed 001 L1665 (Home-Start): "brede context- en opvoedcontext" */
    {ITAV_ELEMENT_BROAD_CONTEXT,
     "ondersteuners hulpverleners oog voor brede context en opvoedcontext"},
    /* seed 001 L105: the vision box calls element 6 "brede blik" */
    {ITAV_ELEMENT_BROAD_CONTEXT, "brede blik"},
    /* seed 001 L657: an older heading merged with the current one */
    {ITAV_ELEMENT_POSITIVE_FOCUS, "positieve insteek aandacht voor positieve zaken"},
    {ITAV_ELEMENT_POSITIVE_FOCUS, "positieve insteek"},
    /* element 8: seed 001 L211 and others; L839, L2064 and the table header L2372 */
    {ITAV_ELEMENT_NO_PROBLEMATISING, "niet onnodig problematiseren en medicaliseren"},
    {ITAV_ELEMENT_NO_PROBLEMATISING, "vermijden van problematiseren en medicaliseren"},
    {ITAV_ELEMENT_NO_PROBLEMATISING, "vermijden problematiseren en medicaliseren"},
};

static bool valid(itav_element e) { return e >= 1 && e <= ITAV_ELEMENT_COUNT; }

ITAV_API const char *itav_element_code(itav_element e)
{
    return valid(e) ? elements[e - 1].code : NULL;
}

ITAV_API const char *itav_element_label(itav_element e, itav_lang lang)
{
    if (!valid(e))
        return NULL;
    switch (lang) {
    case ITAV_LANG_EN: return elements[e - 1].en;
    case ITAV_LANG_NL: return elements[e - 1].nl;
    }
    return NULL;
}

ITAV_API int itav_element_from_code(itav_element *out, const char *code)
{
    if (!out || !code)
        return ITAV_EINVAL;
    for (int i = 0; i < ITAV_ELEMENT_COUNT; i++) {
        if (strcmp(elements[i].code, code) == 0) {
            *out = (itav_element)(i + 1);
            return ITAV_OK;
        }
    }
    return ITAV_ENOTFOUND;
}

/* Lower-cases ASCII letters, turns every other ASCII character that is not a letter or digit
 * (and the UTF-8 no-break space) into a space, and collapses and trims spaces. Returns false
 * if the result does not fit. */
static bool normalise(char *dst, size_t size, const char *src)
{
    size_t n = 0;
    bool space = true; /* drops leading spaces */
    for (const unsigned char *p = (const unsigned char *)src; *p; p++) {
        unsigned char c = *p;
        bool keep;
        if (c == 0xC2 && p[1] == 0xA0) {
            p++;
            keep = false;
        } else if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c - 'A' + 'a');
            keep = true;
        } else {
            keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        }
        if (keep) {
            if (n + 2 >= size)
                return false;
            dst[n++] = (char)c;
            space = false;
        } else if (!space) {
            if (n + 2 >= size)
                return false;
            dst[n++] = ' ';
            space = true;
        }
    }
    if (n && dst[n - 1] == ' ')
        n--;
    dst[n] = '\0';
    return true;
}

ITAV_API int itav_element_parse(itav_element *out, const char *wording)
{
    char want[256], cand[256];
    if (!out || !wording)
        return ITAV_EINVAL;
    if (!normalise(want, sizeof want, wording) || !*want)
        return ITAV_ENOTFOUND;
    for (int i = 0; i < ITAV_ELEMENT_COUNT; i++) {
        const char *forms[] = {elements[i].code, elements[i].nl, elements[i].en};
        for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
            if (normalise(cand, sizeof cand, forms[f]) && strcmp(cand, want) == 0) {
                *out = (itav_element)(i + 1);
                return ITAV_OK;
            }
        }
    }
    for (size_t i = 0; i < sizeof variants / sizeof *variants; i++) {
        if (strcmp(variants[i].wording, want) == 0) {
            *out = variants[i].e;
            return ITAV_OK;
        }
    }
    return ITAV_ENOTFOUND;
}

ITAV_API itav_elemset itav_elemset_add(itav_elemset s, itav_element e)
{
    return valid(e) ? s | (1u << (e - 1)) : s;
}

ITAV_API itav_elemset itav_elemset_remove(itav_elemset s, itav_element e)
{
    return valid(e) ? s & ~(1u << (e - 1)) : s;
}

ITAV_API int itav_elemset_has(itav_elemset s, itav_element e)
{
    return valid(e) && (s & (1u << (e - 1))) ? 1 : 0;
}

ITAV_API int itav_elemset_count(itav_elemset s)
{
    int n = 0;
    for (s &= ITAV_ELEMSET_ALL; s; s &= s - 1)
        n++;
    return n;
}
