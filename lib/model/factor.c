/* The fourteen working factors of the VWS practice stories (seed 004, lines 411-467). */
#include "model/model_int.h"

#include <string.h>

typedef struct factor_info {
    const char *code;
    const char *nl; /* the first sentence of the seed's wording, without its punctuation */
    const char *en;
    const char *source; /* the seed line that states it */
    bool all;           /* credited to "Alle gemeenten" */
} factor_info;

static const factor_info factors[ITAV_FACTOR_COUNT] = {
    {"right_people", "Zorg voor de juiste mensen op de juiste plek op het juiste moment",
     "The right people in the right place at the right time", "004:L413", true},
    {"joint_search", "Maak er een gezamenlijke zoektocht van, met ruimte om te experimenteren",
     "Make it a joint search, with room to experiment", "004:L417", false},
    {"unconventional", "Durf te kiezen voor onconventionele oplossingen",
     "Dare to choose unconventional solutions", "004:L421", false},
    {"celebrate_success", "Laat zien wat je doet en vier de successen",
     "Show what you do and celebrate successes", "004:L425", false},
    {"youth_world", "Sluit aan bij de leefwereld van jongeren",
     "Connect with the world young people live in", "004:L429", false},
    {"craftsmanship", "Neem ruimte om te werken aan vakmanschap en leer van elkaar",
     "Make room to work on craftsmanship and learn from each other", "004:L433", false},
    {"opportunities", "Ga uit van mogelijkheden en kansen voor een positieve ontwikkeling",
     "Start from possibilities and chances for a positive development", "004:L437", false},
    {"residents_take_part", "Maak het leuk en aantrekkelijk voor inwoners om mee te doen",
     "Make taking part fun and attractive for residents", "004:L441", false},
    {"political_support", "Verzeker je van de steun van wethouder en raad",
     "Secure the support of the alderman and the council", "004:L445", true},
    {"trust_short_lines",
     "Zorg voor vertrouwen in de samenwerking en korte lijnen in de uitvoering",
     "Build trust in the collaboration and keep lines short in practice", "004:L449", true},
    {"use_what_exists",
     "Maak slim gebruik van wat er al is en kijk waar je ongebruikelijke combinaties kunt "
     "maken",
     "Make smart use of what already exists and look for unusual combinations", "004:L453",
     false},
    {"low_threshold_contact",
     "Zoek naar manieren om laagdrempelig contact te maken, op voor de hand liggende locaties",
     "Look for ways to make low-threshold contact, in obvious places", "004:L457", false},
    {"long_term", "Succes is een kwestie van lange adem",
     "Success takes a long breath: a long-term vision makes it possible", "004:L461", false},
    {"know_what_works", "Weet wat werkt", "Know what works: proven methods strengthen the approach",
     "004:L465", false},
};

static bool valid(itav_factor f) { return f >= 1 && f <= ITAV_FACTOR_COUNT; }

ITAV_API const char *itav_factor_code(itav_factor f)
{
    return valid(f) ? factors[f - 1].code : NULL;
}

ITAV_API const char *itav_factor_label(itav_factor f, itav_lang lang)
{
    if (!valid(f))
        return NULL;
    switch (lang) {
    case ITAV_LANG_EN: return factors[f - 1].en;
    case ITAV_LANG_NL: return factors[f - 1].nl;
    }
    return NULL;
}

ITAV_API int itav_factor_from_code(itav_factor *out, const char *code)
{
    if (!out || !code)
        return ITAV_EINVAL;
    for (int i = 0; i < ITAV_FACTOR_COUNT; i++) {
        if (strcmp(factors[i].code, code) == 0) {
            *out = (itav_factor)(i + 1);
            return ITAV_OK;
        }
    }
    return ITAV_ENOTFOUND;
}

ITAV_API const char *itav_factor_source(itav_factor f)
{
    return valid(f) ? factors[f - 1].source : NULL;
}

ITAV_API int itav_factor_credited_to_all(itav_factor f)
{
    return valid(f) && factors[f - 1].all;
}

ITAV_API int itav_factorset_has(itav_factorset s, itav_factor f)
{
    return valid(f) && (s >> (f - 1)) & 1u;
}
