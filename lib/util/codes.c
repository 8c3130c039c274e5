/* The stable text codes of every public enumeration (docs/format.md). */
#include "util/util_int.h"

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
    {ITAV_QTY_RANGE, "range"}, {ITAV_QTY_TEXT, "text"},
    {ITAV_QTY_ABOUT_RANGE, "about_range"}, {0, NULL}};
static const code statuses[] = {{ITAV_STATUS_PRESENT, "present"},
    {ITAV_STATUS_ABSENT, "absent"}, {0, NULL}};
static const code sources[] = {{ITAV_PROFILE_TABLE, "table"},
    {ITAV_PROFILE_SECTIONS, "sections"}, {ITAV_PROFILE_OTHER, "other"}, {0, NULL}};

static const code sides[] = {{ITAV_SIDE_ASKING, "asking"},
    {ITAV_SIDE_SUPPORTING, "supporting"}, {0, NULL}};
static const code participant_kinds[] = {{ITAV_PARTICIPANT_FAMILY, "family"},
    {ITAV_PARTICIPANT_YOUTH, "youth"}, {ITAV_PARTICIPANT_PARENT, "parent"},
    {ITAV_PARTICIPANT_SUPPORT_FAMILY, "support_family"},
    {ITAV_PARTICIPANT_VOLUNTEER, "volunteer"}, {ITAV_PARTICIPANT_BUDDY, "buddy"},
    {ITAV_PARTICIPANT_PEER, "peer"}, {0, NULL}};
static const code participant_statuses[] = {{ITAV_PSTATUS_REGISTERED, "registered"},
    {ITAV_PSTATUS_INTAKE, "intake"}, {ITAV_PSTATUS_APPROVED, "approved"},
    {ITAV_PSTATUS_NOT_SUITABLE, "not_suitable"}, {ITAV_PSTATUS_WAITING, "waiting"},
    {ITAV_PSTATUS_AVAILABLE, "available"}, {ITAV_PSTATUS_MATCHED, "matched"},
    {ITAV_PSTATUS_INACTIVE, "inactive"}, {ITAV_PSTATUS_ERASED, "erased"}, {0, NULL}};
static const code supports[] = {{ITAV_SUPPORT_DAYTIME_CARE, "daytime_care"},
    {ITAV_SUPPORT_SLEEPOVER, "sleepover"}, {ITAV_SUPPORT_ACCOMPANY, "accompany"},
    {ITAV_SUPPORT_HOMEWORK, "homework"}, {ITAV_SUPPORT_LISTENING, "listening_ear"},
    {ITAV_SUPPORT_PRACTICAL, "practical_help"}, {ITAV_SUPPORT_ACTIVITIES, "activities"},
    {ITAV_SUPPORT_PARENTING, "parenting"}, {ITAV_SUPPORT_WAYFINDING, "wayfinding"},
    {0, NULL}};
#define SLOTS(d, name) {ITAV_SLOT(d, ITAV_MORNING), name "_morning"}, \
    {ITAV_SLOT(d, ITAV_AFTERNOON), name "_afternoon"}, {ITAV_SLOT(d, ITAV_EVENING), name "_evening"}
static const code slots[] = {SLOTS(0, "mon"), SLOTS(1, "tue"), SLOTS(2, "wed"),
    SLOTS(3, "thu"), SLOTS(4, "fri"), SLOTS(5, "sat"), SLOTS(6, "sun"), {0, NULL}};
#undef SLOTS
static const code match_states[] = {{ITAV_MATCH_PROPOSED, "proposed"},
    {ITAV_MATCH_INTRODUCED, "introduced"}, {ITAV_MATCH_TRIAL, "trial"},
    {ITAV_MATCH_ACTIVE, "active"}, {ITAV_MATCH_COMPLETED, "completed"},
    {ITAV_MATCH_DECLINED, "declined"}, {ITAV_MATCH_ENDED_EARLY, "ended_early"}, {0, NULL}};
static const code actors[] = {{ITAV_ACTOR_COORDINATOR, "coordinator"},
    {ITAV_ACTOR_ASKING, "asking"}, {ITAV_ACTOR_SUPPORTING, "supporting"},
    {ITAV_ACTOR_SYSTEM, "system"}, {0, NULL}};
static const code end_reasons[] = {{ITAV_END_NO_CLICK, "no_click"},
    {ITAV_END_ASKING_STOPPED, "asking_stopped"},
    {ITAV_END_SUPPORTING_STOPPED, "supporting_stopped"}, {ITAV_END_MOVED, "moved"},
    {ITAV_END_PROFESSIONAL_HELP, "professional_help"}, {ITAV_END_SAFETY, "safety"},
    {ITAV_END_OTHER, "other"}, {0, NULL}};
static const code criteria[] = {{ITAV_CRITERION_DISTANCE, "distance"},
    {ITAV_CRITERION_AVAILABILITY, "availability"}, {ITAV_CRITERION_NEEDS, "needs"},
    {ITAV_CRITERION_LANGUAGES, "languages"}, {ITAV_CRITERION_INTERESTS, "interests"},
    {ITAV_CRITERION_AGES, "ages"}, {ITAV_CRITERION_WAITING, "waiting"}, {0, NULL}};
static const code constraints[] = {{ITAV_CONSTRAINT_OFFER, "offer"},
    {ITAV_CONSTRAINT_STATUS, "status"}, {ITAV_CONSTRAINT_EXCLUDED, "excluded"},
    {ITAV_CONSTRAINT_DECLINED, "declined"}, {ITAV_CONSTRAINT_OPEN, "open"},
    {ITAV_CONSTRAINT_CAPACITY, "capacity"}, {ITAV_CONSTRAINT_SCREENING, "screening"},
    {ITAV_CONSTRAINT_TRAINING, "training"}, {ITAV_CONSTRAINT_LANGUAGE, "language"},
    {ITAV_CONSTRAINT_DISTANCE, "distance"}, {ITAV_CONSTRAINT_VOG_EXPIRED, "vog_expired"},
    {0, NULL}};
static const code due_kinds[] = {{ITAV_DUE_TRIAL_EVALUATION, "trial_evaluation"},
    {ITAV_DUE_REVIEW, "review"}, {ITAV_DUE_CLOSURE, "closure"},
    {ITAV_DUE_FINAL_REVIEW, "final_review"}, {ITAV_DUE_VOG_EXPIRY, "vog_expiry"},
    {ITAV_DUE_PROPOSAL, "proposal"}, {0, NULL}};
static const code plan_fields[] = {{ITAV_PLAN_TRIAL, "trial"},
    {ITAV_PLAN_TRIAL_MONTHS, "trial_months"}, {ITAV_PLAN_REVIEW_MONTHS, "review_months"},
    {ITAV_PLAN_MAX_MONTHS, "max_months"}, {ITAV_PLAN_MAX_DISTANCE_M, "max_distance_m"},
    {ITAV_PLAN_VOG, "vog"}, {ITAV_PLAN_VOG_VALID_MONTHS, "vog_valid_months"},
    {ITAV_PLAN_TRAINING, "training"}, {ITAV_PLAN_CRITERIA, "criteria"},
    {ITAV_PLAN_FINAL_REVIEW, "final_review"}, {ITAV_PLAN_PROPOSAL_DAYS, "proposal_days"},
    {0, NULL}};
static const code review_kinds[] = {{ITAV_REVIEW_TRIAL, "trial"},
    {ITAV_REVIEW_PERIODIC, "periodic"}, {ITAV_REVIEW_FINAL, "final"}, {0, NULL}};
static const code respondents[] = {{ITAV_RESPONDENT_ASKING, "asking"},
    {ITAV_RESPONDENT_SUPPORTING, "supporting"}, {ITAV_RESPONDENT_COORDINATOR, "coordinator"},
    {0, NULL}};
static const code effects[] = {{ITAV_EFFECT_CAREFREE_CHILDHOOD, "carefree_childhood"},
    {ITAV_EFFECT_BROADER_HORIZON, "broader_horizon"},
    {ITAV_EFFECT_CHILD_CONFIDENCE, "child_confidence"},
    {ITAV_EFFECT_SOCIAL_CONTACTS, "social_contacts"},
    {ITAV_EFFECT_SCHOOL_RESULTS, "school_results"}, {ITAV_EFFECT_BEHAVIOUR, "behaviour"},
    {ITAV_EFFECT_REST, "rest"}, {ITAV_EFFECT_PARENTING_REPERTOIRE, "parenting_repertoire"},
    {ITAV_EFFECT_PARENT_CONFIDENCE, "parent_confidence"}, {ITAV_EFFECT_NETWORK, "network"},
    {ITAV_EFFECT_FUTURE, "future"}, {ITAV_EFFECT_TAKING_PART, "taking_part"}, {0, NULL}};
static const code formal_help[] = {{ITAV_HELP_PREVENTED, "prevented"},
    {ITAV_HELP_REDUCED, "reduced"}, {ITAV_HELP_STOPPED, "stopped"},
    {ITAV_HELP_REFERRED, "referred"}, {ITAV_HELP_NONE_NEEDED, "none_needed"},
    {ITAV_HELP_UNKNOWN, "unknown"}, {0, NULL}};
static const code measures[] = {{ITAV_MEASURE_COUNT, "count"},
    {ITAV_MEASURE_PERCENTAGE, "percentage"}, {ITAV_MEASURE_RATING, "rating"},
    {ITAV_MEASURE_MEAN, "mean"}, {ITAV_MEASURE_CHANGE, "change"}, {0, NULL}};
static const code comparators[] = {{ITAV_CMP_AT_LEAST, "at_least"},
    {ITAV_CMP_AT_MOST, "at_most"}, {ITAV_CMP_EQUAL, "equal"}, {ITAV_CMP_BETWEEN, "between"},
    {0, NULL}};
static const code attainments[] = {{ITAV_ATTAIN_MET, "met"}, {ITAV_ATTAIN_NOT_MET, "not_met"},
    {ITAV_ATTAIN_ON_TRACK, "on_track"}, {ITAV_ATTAIN_UNKNOWN, "unknown"}, {0, NULL}};
static const code derived[] = {{ITAV_DERIVED_MATCHES_STARTED, "matches_started"},
    {ITAV_DERIVED_MEAN_SATISFACTION, "mean_satisfaction"},
    {ITAV_DERIVED_FORMAL_HELP, "formal_help"}, {0, NULL}};
static const code themes[] = {{ITAV_THEME_PARENTING, "parenting"},
    {ITAV_THEME_RELIEF, "relief"}, {ITAV_THEME_NETWORK, "network"},
    {ITAV_THEME_POVERTY, "poverty"}, {ITAV_THEME_SEPARATION, "separation"},
    {ITAV_THEME_MENTAL_HEALTH, "mental_health"}, {ITAV_THEME_DEVELOPMENT, "development"},
    {ITAV_THEME_PREGNANCY, "pregnancy"}, {ITAV_THEME_BABY_CARE, "baby_care"},
    {ITAV_THEME_SCHOOL_WORK, "school_work"}, {ITAV_THEME_LEISURE, "leisure"},
    {ITAV_THEME_INFORMATION, "information"}, {ITAV_THEME_MEETING, "meeting"}, {0, NULL}};
static const code portfolio_flags[] = {{ITAV_FLAG_FEW_ELEMENTS, "few_elements"},
    {ITAV_FLAG_NO_INFORMAL, "no_informal_support"}, {ITAV_FLAG_NO_EQUALITY, "no_equality"},
    {ITAV_FLAG_NO_DEMAND_LED, "no_demand_led"}, {0, NULL}};
static const code askers[] = {{ITAV_ASKER_PARENT, "parent"},
    {ITAV_ASKER_EXPECTING, "expecting"}, {ITAV_ASKER_YOUTH, "youth"}, {0, NULL}};
static const code report_formats[] = {{ITAV_REPORT_JSON, "json"}, {ITAV_REPORT_CSV, "csv"},
    {ITAV_REPORT_MARKDOWN, "md"}, {0, NULL}};
static const code outcome_kinds[] = {{ITAV_OUTCOME_FOLLOW_UP, "follow_up"},
    {ITAV_OUTCOME_MEASUREMENT_DESIGN, "measurement_design"},
    {ITAV_OUTCOME_SOCIAL_RETURN, "social_return"},
    {ITAV_OUTCOME_FINANCIAL_RETURN, "financial_return"},
    {ITAV_OUTCOME_SATISFACTION, "satisfaction"}, {ITAV_OUTCOME_STUDY, "study"}, {0, NULL}};
static const code milestone_statuses[] = {{ITAV_MILESTONE_ACHIEVED, "achieved"},
    {ITAV_MILESTONE_DELAYED, "delayed"}, {ITAV_MILESTONE_ACCELERATED, "accelerated"},
    {ITAV_MILESTONE_CURRENT_SITUATION, "current_situation"},
    {ITAV_MILESTONE_PLANNED, "planned"}, {0, NULL}};
static const code cost_units[] = {{ITAV_COST_TOTAL, "total"}, {ITAV_COST_PER_YEAR, "per_year"},
    {ITAV_COST_PER_MONTH, "per_month"}, {ITAV_COST_PER_YOUNG_PERSON, "per_young_person"},
    {ITAV_COST_PER_FAMILY, "per_family"}, {ITAV_COST_PER_COUPLING, "per_coupling"},
    {ITAV_COST_PER_FILM, "per_film"}, {ITAV_COST_PER_CLUB, "per_club"},
    {ITAV_COST_PER_MEETING, "per_meeting"}, {0, NULL}};
static const code share_kinds[] = {{ITAV_SHARE_PERCENT, "percent"},
    {ITAV_SHARE_AMOUNT, "amount"}, {0, NULL}};

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
    case ITAV_CODE_SIDE: return sides;
    case ITAV_CODE_PARTICIPANT_KIND: return participant_kinds;
    case ITAV_CODE_PARTICIPANT_STATUS: return participant_statuses;
    case ITAV_CODE_SUPPORT: return supports;
    case ITAV_CODE_SLOT: return slots;
    case ITAV_CODE_MATCH_STATE: return match_states;
    case ITAV_CODE_ACTOR: return actors;
    case ITAV_CODE_END_REASON: return end_reasons;
    case ITAV_CODE_CRITERION: return criteria;
    case ITAV_CODE_CONSTRAINT: return constraints;
    case ITAV_CODE_DUE_KIND: return due_kinds;
    case ITAV_CODE_PLAN_FIELD: return plan_fields;
    case ITAV_CODE_REVIEW_KIND: return review_kinds;
    case ITAV_CODE_RESPONDENT: return respondents;
    case ITAV_CODE_EFFECT: return effects;
    case ITAV_CODE_FORMAL_HELP: return formal_help;
    case ITAV_CODE_MEASURE: return measures;
    case ITAV_CODE_COMPARATOR: return comparators;
    case ITAV_CODE_ATTAINMENT: return attainments;
    case ITAV_CODE_DERIVED: return derived;
    case ITAV_CODE_THEME: return themes;
    case ITAV_CODE_PORTFOLIO_FLAG: return portfolio_flags;
    case ITAV_CODE_ASKER: return askers;
    case ITAV_CODE_REPORT_FORMAT: return report_formats;
    case ITAV_CODE_OUTCOME_KIND: return outcome_kinds;
    case ITAV_CODE_MILESTONE_STATUS: return milestone_statuses;
    case ITAV_CODE_COST_UNIT: return cost_units;
    case ITAV_CODE_SHARE_KIND: return share_kinds;
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
