/* The stable text codes of every public enumeration (docs/format.md). */
#include "internal.h"

#include <string.h>

typedef struct code { int value; const char *name; } code;

static const code kinds[] = {{ITAV_KIND_PROGRAMME, "programme"}, {ITAV_KIND_METHOD, "method"},
    {ITAV_KIND_INITIATIVE, "initiative"}, {ITAV_KIND_POLICY, "policy"},
    {ITAV_KIND_ACTIVITY, "activity"}, {0, NULL}};
static const code settings[] = {{ITAV_SETTING_INFORMAL, "informal"},
    {ITAV_SETTING_FORMAL, "formal"}, {ITAV_SETTING_MIXED, "mixed"}, {0, NULL}};
static const code scopes[] = {{ITAV_SCOPE_INDIVIDUAL, "individual"},
    {ITAV_SCOPE_COLLECTIVE, "collective"}, {ITAV_SCOPE_MIXED, "mixed"}, {0, NULL}};
static const code channels[] = {{ITAV_CHANNEL_IN_PERSON, "in_person"},
    {ITAV_CHANNEL_ONLINE, "online"}, {ITAV_CHANNEL_BOTH, "both"}, {0, NULL}};
static const code evidence[] = {{ITAV_EVIDENCE_NOT_ASSESSED, "not_assessed"},
    {ITAV_EVIDENCE_WELL_FOUNDED, "well_founded"},
    {ITAV_EVIDENCE_FIRST_INDICATIONS, "first_indications"},
    {ITAV_EVIDENCE_GOOD_INDICATIONS, "good_indications"},
    {ITAV_EVIDENCE_STRONG_INDICATIONS, "strong_indications"}, {0, NULL}};
static const code audiences[] = {{ITAV_AUDIENCE_PARENTS, "parents"},
    {ITAV_AUDIENCE_EXPECTING_PARENTS, "expecting_parents"}, {ITAV_AUDIENCE_YOUTH, "youth"},
    {ITAV_AUDIENCE_CHILDREN, "children"}, {ITAV_AUDIENCE_CO_CARERS, "co_carers"},
    {ITAV_AUDIENCE_PROFESSIONALS, "professionals"}, {0, NULL}};
static const code roles[] = {{ITAV_ROLE_VOLUNTEER, "volunteer"}, {ITAV_ROLE_PEER, "peer"},
    {ITAV_ROLE_PROFESSIONAL, "professional"}, {ITAV_ROLE_COORDINATOR, "coordinator"},
    {0, NULL}};
static const code qualifiers[] = {{ITAV_QTY_EXACT, "exact"}, {ITAV_QTY_ABOUT, "about"},
    {ITAV_QTY_AT_LEAST, "at_least"}, {ITAV_QTY_AT_MOST, "at_most"},
    {ITAV_QTY_RANGE, "range"}, {ITAV_QTY_TEXT, "text"}, {0, NULL}};
static const code statuses[] = {{ITAV_STATUS_PRESENT, "present"},
    {ITAV_STATUS_ABSENT, "absent"}, {0, NULL}};
static const code sources[] = {{ITAV_PROFILE_TABLE, "table"},
    {ITAV_PROFILE_SECTIONS, "sections"}, {ITAV_PROFILE_OTHER, "other"}, {0, NULL}};

static const code *table_of(itav_code_type type)
{
    switch (type) {
    case ITAV_CODE_KIND: return kinds;
    case ITAV_CODE_SETTING: return settings;
    case ITAV_CODE_SCOPE: return scopes;
    case ITAV_CODE_CHANNEL: return channels;
    case ITAV_CODE_EVIDENCE: return evidence;
    case ITAV_CODE_AUDIENCE: return audiences;
    case ITAV_CODE_ROLE: return roles;
    case ITAV_CODE_QUALIFIER: return qualifiers;
    case ITAV_CODE_STATUS: return statuses;
    case ITAV_CODE_PROFILE_SOURCE: return sources;
    }
    return NULL;
}

ITAV_API const char *itav_code_name(itav_code_type type, int value)
{
    const code *t = table_of(type);
    for (; t && t->name; t++)
        if (t->value == value)
            return t->name;
    return NULL;
}

ITAV_API int itav_code_parse(int *out, itav_code_type type, const char *name)
{
    const code *t = table_of(type);
    if (!out || !name || !t)
        return ITAV_EINVAL;
    for (; t->name; t++) {
        if (strcmp(t->name, name) == 0) {
            *out = t->value;
            return ITAV_OK;
        }
    }
    return ITAV_ENOTFOUND;
}
