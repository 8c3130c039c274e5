/**
 * @file itav/intervention.h
 * @brief Interventions: programmes, methods, initiatives, policies and activities.
 *
 * An intervention is the method and what the seeds say about it, including its element
 * profile. Where it runs is an offer (itav/offer.h). Objects are plain values: make one with
 * itav_intervention_new() or read one from a store with itav_intervention_get() (a detached
 * snapshot), change it, then save it with itav_intervention_create() or
 * itav_intervention_update(). Text getters return borrowed pointers valid until the object
 * is changed or freed.
 */
#ifndef ITAV_INTERVENTION_H
#define ITAV_INTERVENTION_H

#include "common.h"
#include "element.h"
#include "figure.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief What sort of thing an intervention is. 0 is "not stated". */
typedef enum itav_kind {
    ITAV_KIND_PROGRAMME = 1,  /**< programme */
    ITAV_KIND_METHOD = 2,     /**< method */
    ITAV_KIND_INITIATIVE = 3, /**< initiative */
    ITAV_KIND_POLICY = 4,     /**< policy */
    ITAV_KIND_ACTIVITY = 5    /**< activity */
} itav_kind;

/** @brief Where the support is mainly situated. 0 is "not stated". */
typedef enum itav_setting {
    ITAV_SETTING_INFORMAL = 1, /**< informal */
    ITAV_SETTING_FORMAL = 2,   /**< formal */
    ITAV_SETTING_MIXED = 3     /**< mixed */
} itav_setting;

/** @brief Individual or group support. 0 is "not stated". */
typedef enum itav_scope {
    ITAV_SCOPE_INDIVIDUAL = 1, /**< individual */
    ITAV_SCOPE_COLLECTIVE = 2, /**< collective */
    ITAV_SCOPE_MIXED = 3       /**< mixed */
} itav_scope;

/** @brief How it reaches people. 0 is "not stated". */
typedef enum itav_channel {
    ITAV_CHANNEL_IN_PERSON = 1, /**< in_person */
    ITAV_CHANNEL_ONLINE = 2,    /**< online */
    ITAV_CHANNEL_BOTH = 3       /**< both */
} itav_channel;

/** @brief Rating in the NJi databank of effective interventions. 0 is "not stated". */
typedef enum itav_evidence {
    ITAV_EVIDENCE_NOT_ASSESSED = 1,       /**< not_assessed */
    ITAV_EVIDENCE_WELL_FOUNDED = 2,       /**< well_founded (goed onderbouwd) */
    ITAV_EVIDENCE_FIRST_INDICATIONS = 3,  /**< first_indications of effectiveness */
    ITAV_EVIDENCE_GOOD_INDICATIONS = 4,   /**< good_indications of effectiveness */
    ITAV_EVIDENCE_STRONG_INDICATIONS = 5  /**< strong_indications of effectiveness */
} itav_evidence;

/** @brief Who an intervention is for: bits, combined with |. */
typedef enum itav_audience {
    ITAV_AUDIENCE_PARENTS = 1,           /**< parents */
    ITAV_AUDIENCE_EXPECTING_PARENTS = 2, /**< expecting_parents */
    ITAV_AUDIENCE_YOUTH = 4,             /**< youth (young people themselves) */
    ITAV_AUDIENCE_CHILDREN = 8,          /**< children */
    ITAV_AUDIENCE_CO_CARERS = 16,        /**< co_carers (other people who bring children up) */
    ITAV_AUDIENCE_PROFESSIONALS = 32     /**< professionals */
} itav_audience;

/** @brief Every audience bit. */
#define ITAV_AUDIENCE_ALL 63u

/** @brief Who delivers an intervention. */
typedef enum itav_role_kind {
    ITAV_ROLE_VOLUNTEER = 1,    /**< volunteer */
    ITAV_ROLE_PEER = 2,         /**< peer or experience expert */
    ITAV_ROLE_PROFESSIONAL = 3, /**< professional */
    ITAV_ROLE_COORDINATOR = 4   /**< coordinator */
} itav_role_kind;

/** @brief What a profile source says about an element. */
typedef enum itav_status {
    ITAV_STATUS_UNKNOWN = 0, /**< the source says nothing */
    ITAV_STATUS_PRESENT = 1, /**< present */
    ITAV_STATUS_ABSENT = 2   /**< absent */
} itav_status;

/** @brief Where an element profile comes from (see docs/format.md). */
typedef enum itav_profile_source {
    ITAV_PROFILE_DEFAULT = 0,  /**< the profile in use: the first source that states anything */
    ITAV_PROFILE_TABLE = 1,    /**< table: seed 001's summary table */
    ITAV_PROFILE_SECTIONS = 2, /**< sections: the example's own list and sections */
    ITAV_PROFILE_OTHER = 3     /**< other: an explicit statement in another seed */
} itav_profile_source;

/** @brief Lists of texts an intervention (or offer) holds. */
typedef enum itav_text_list {
    ITAV_TEXT_PROVIDERS = 1,      /**< providing organisations */
    ITAV_TEXT_MUNICIPALITIES = 2, /**< municipalities (the only list offers have) */
    ITAV_TEXT_REGIONS = 3,        /**< regions */
    ITAV_TEXT_PHASES = 4,         /**< phases, in order */
    ITAV_TEXT_WORKS = 5,          /**< what works */
    ITAV_TEXT_IMPROVE = 6,        /**< what could be better */
    ITAV_TEXT_LINKS = 7           /**< web addresses */
} itav_text_list;

/** @brief "Not stated" for ages in months (and no bound in filters). */
#define ITAV_AGE_NONE INT32_MIN

/** @brief An intervention (opaque). */
typedef struct itav_intervention itav_intervention;

/** @brief A role that delivers an intervention (opaque). */
typedef struct itav_role itav_role;

/** @brief An iterator over interventions (opaque). */
typedef struct itav_intervention_iter itav_intervention_iter;

/* ---- roles ---------------------------------------------------------------------------- */

/**
 * @brief Creates a role, to be copied into interventions with itav_intervention_add_role().
 * @return ITAV_OK, ITAV_EINVAL for an unknown kind, ITAV_ENOMEM.
 */
ITAV_API int itav_role_new(itav_role **out, itav_role_kind kind);
/** @brief Frees a role made by itav_role_new(). NULL is allowed. */
ITAV_API void itav_role_free(itav_role *r);
/** @brief Sets what the role does; NULL or "" clears it. */
ITAV_API int itav_role_set_description(itav_role *r, const char *description);
/** @brief Sets whether a certificate of conduct (VOG) is required (0 or 1). */
ITAV_API int itav_role_set_vog(itav_role *r, int required);
/** @brief Sets the training the role gets or needs; NULL or "" clears it. */
ITAV_API int itav_role_set_training(itav_role *r, const char *training);
/** @brief The kind of role. */
ITAV_API itav_role_kind itav_role_get_kind(const itav_role *r);
/** @brief What the role does, or NULL. */
ITAV_API const char *itav_role_get_description(const itav_role *r);
/** @brief 1 if a certificate of conduct (VOG) is required, else 0. */
ITAV_API int itav_role_get_vog(const itav_role *r);
/** @brief The training, or NULL. */
ITAV_API const char *itav_role_get_training(const itav_role *r);

/* ---- the object ------------------------------------------------------------------------ */

/**
 * @brief Creates an empty intervention.
 * @param[out] out the new intervention, to be freed with itav_intervention_free()
 * @param id a slug: 1-64 of a-z, 0-9 and single '-' between them
 * @return ITAV_OK, ITAV_EINVAL for a malformed id, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_new(itav_intervention **out, const char *id);

/** @brief Copies an intervention. @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM. */
ITAV_API int itav_intervention_dup(itav_intervention **out, const itav_intervention *iv);

/** @brief Frees an intervention. NULL is allowed. */
ITAV_API void itav_intervention_free(itav_intervention *iv);

/** @brief The id. */
ITAV_API const char *itav_intervention_id(const itav_intervention *iv);
/** @brief The name, or NULL if not set yet (a name is required to save). */
ITAV_API const char *itav_intervention_name(const itav_intervention *iv);
/** @brief The summary, or NULL. */
ITAV_API const char *itav_intervention_summary(const itav_intervention *iv);
/** @brief The kind, or 0 if not stated. */
ITAV_API itav_kind itav_intervention_kind(const itav_intervention *iv);
/** @brief The setting, or 0 if not stated. */
ITAV_API itav_setting itav_intervention_setting(const itav_intervention *iv);
/** @brief The scope, or 0 if not stated. */
ITAV_API itav_scope itav_intervention_scope(const itav_intervention *iv);
/** @brief The channel, or 0 if not stated. */
ITAV_API itav_channel itav_intervention_channel(const itav_intervention *iv);
/** @brief The evidence level, or 0 if not stated. */
ITAV_API itav_evidence itav_intervention_evidence(const itav_intervention *iv);
/** @brief The year it started, or 0 if not stated. */
ITAV_API int itav_intervention_since(const itav_intervention *iv);
/** @brief The audience bits (itav_audience), 0 if not stated. */
ITAV_API unsigned itav_intervention_audience(const itav_intervention *iv);
/** @brief Further conditions on the audience, or NULL. */
ITAV_API const char *itav_intervention_conditions(const itav_intervention *iv);
/**
 * @brief The age range in months; either bound may be ITAV_AGE_NONE (not stated).
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments.
 */
ITAV_API int itav_intervention_age_range(int32_t *min, int32_t *max,
                                         const itav_intervention *iv);

/** @brief Sets the name; must be non-empty. @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM. */
ITAV_API int itav_intervention_set_name(itav_intervention *iv, const char *name);
/** @brief Sets the summary; NULL or "" clears it. */
ITAV_API int itav_intervention_set_summary(itav_intervention *iv, const char *summary);
/** @brief Sets the kind (0 clears it). @return ITAV_OK or ITAV_EINVAL out of range. */
ITAV_API int itav_intervention_set_kind(itav_intervention *iv, itav_kind kind);
/** @brief Sets the setting (0 clears it). @return ITAV_OK or ITAV_EINVAL out of range. */
ITAV_API int itav_intervention_set_setting(itav_intervention *iv, itav_setting setting);
/** @brief Sets the scope (0 clears it). @return ITAV_OK or ITAV_EINVAL out of range. */
ITAV_API int itav_intervention_set_scope(itav_intervention *iv, itav_scope scope);
/** @brief Sets the channel (0 clears it). @return ITAV_OK or ITAV_EINVAL out of range. */
ITAV_API int itav_intervention_set_channel(itav_intervention *iv, itav_channel channel);
/** @brief Sets the evidence level (0 clears it). @return ITAV_OK or ITAV_EINVAL. */
ITAV_API int itav_intervention_set_evidence(itav_intervention *iv, itav_evidence level);
/** @brief Sets the starting year (0 clears it; else 1800-9999). @return ITAV_OK, ITAV_EINVAL. */
ITAV_API int itav_intervention_set_since(itav_intervention *iv, int year);
/** @brief Sets the audience bits. @return ITAV_OK, ITAV_EINVAL for unknown bits. */
ITAV_API int itav_intervention_set_audience(itav_intervention *iv, unsigned audience);
/** @brief Sets the audience conditions; NULL or "" clears them. */
ITAV_API int itav_intervention_set_conditions(itav_intervention *iv, const char *conditions);
/**
 * @brief Sets the age range in months (ITAV_AGE_NONE for no bound).
 * @return ITAV_OK, ITAV_EINVAL if min > max or a bound is outside -12..1200 months.
 */
ITAV_API int itav_intervention_set_age_range(itav_intervention *iv, int32_t min, int32_t max);

/* ---- lists of texts --------------------------------------------------------------------- */

/** @brief Number of texts in a list (0 for an unknown list). */
ITAV_API size_t itav_intervention_text_count(const itav_intervention *iv, itav_text_list list);
/** @brief Text i of a list, or NULL if out of range. */
ITAV_API const char *itav_intervention_text(const itav_intervention *iv, itav_text_list list,
                                            size_t i);
/** @brief Appends a non-empty text. @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM. */
ITAV_API int itav_intervention_add_text(itav_intervention *iv, itav_text_list list,
                                        const char *text);
/** @brief Removes text i. @return ITAV_OK, ITAV_EINVAL, ITAV_ERANGE. */
ITAV_API int itav_intervention_remove_text(itav_intervention *iv, itav_text_list list,
                                           size_t i);

/* ---- roles and figures ------------------------------------------------------------------ */

/** @brief Number of roles. */
ITAV_API size_t itav_intervention_role_count(const itav_intervention *iv);
/** @brief Role i (borrowed), or NULL if out of range. */
ITAV_API const itav_role *itav_intervention_role(const itav_intervention *iv, size_t i);
/** @brief Appends a copy of a role. @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM. */
ITAV_API int itav_intervention_add_role(itav_intervention *iv, const itav_role *role);
/** @brief Removes role i. @return ITAV_OK, ITAV_EINVAL, ITAV_ERANGE. */
ITAV_API int itav_intervention_remove_role(itav_intervention *iv, size_t i);

/** @brief Number of figures in a list (interventions have only ITAV_FIGURES_REACH). */
ITAV_API size_t itav_intervention_figure_count(const itav_intervention *iv,
                                              itav_figure_list list);
/** @brief Figure i of a list (borrowed), or NULL if out of range. */
ITAV_API const itav_figure *itav_intervention_figure(const itav_intervention *iv,
                                                     itav_figure_list list, size_t i);
/**
 * @brief Appends a copy of a figure to a list.
 * @return ITAV_OK, ITAV_EINVAL (NULL, or a list interventions do not have), ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_add_figure(itav_intervention *iv, itav_figure_list list,
                                          const itav_figure *f);
/** @brief Removes figure i of a list. @return ITAV_OK, ITAV_EINVAL, ITAV_ERANGE. */
ITAV_API int itav_intervention_remove_figure(itav_intervention *iv, itav_figure_list list,
                                             size_t i);

/* ---- sources ---------------------------------------------------------------------------- */

/**
 * @brief Where the seeds state a field ("001:L373-380"), or NULL.
 * @param field a field name of docs/format.md ("name", "since", "setting", ...)
 */
ITAV_API const char *itav_intervention_source(const itav_intervention *iv, const char *field);
/**
 * @brief Sets or (with NULL or "") clears the source reference of a field.
 * @return ITAV_OK, ITAV_EINVAL for an unknown field or malformed reference, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_set_source(itav_intervention *iv, const char *field,
                                          const char *ref);

/* ---- element profile -------------------------------------------------------------------- */

/**
 * @brief What a profile source says about an element.
 * @param src a source, or ITAV_PROFILE_DEFAULT for the profile in use
 * @return the status; ITAV_STATUS_UNKNOWN also for out-of-range arguments.
 */
ITAV_API itav_status itav_intervention_element(const itav_intervention *iv,
                                               itav_profile_source src, itav_element e);
/** @brief The evidence text a source gives for an element, or NULL. */
ITAV_API const char *itav_intervention_element_evidence(const itav_intervention *iv,
                                                        itav_profile_source src, itav_element e);
/** @brief The source reference of a statement about an element, or NULL. */
ITAV_API const char *itav_intervention_element_source(const itav_intervention *iv,
                                                      itav_profile_source src, itav_element e);
/**
 * @brief Records what a source says about an element.
 * @param src ITAV_PROFILE_TABLE, ITAV_PROFILE_SECTIONS or ITAV_PROFILE_OTHER
 * @param status ITAV_STATUS_UNKNOWN removes the statement (and its evidence and reference)
 * @param evidence why, in words; may be NULL
 * @param ref where the source says it; may be NULL; else a well-formed reference
 * @return ITAV_OK, ITAV_EINVAL (a bad source, element, status or reference), ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_set_element(itav_intervention *iv, itav_profile_source src,
                                           itav_element e, itav_status status,
                                           const char *evidence, const char *ref);
/** @brief The elements a source (or the profile in use) states as present. */
ITAV_API itav_elemset itav_intervention_elements(const itav_intervention *iv,
                                                 itav_profile_source src);
/** @brief The elements whose status a source (or the profile in use) states. */
ITAV_API itav_elemset itav_intervention_known_elements(const itav_intervention *iv,
                                                       itav_profile_source src);
/**
 * @brief The source of the profile in use: the first of table, sections and other that
 * states anything, or ITAV_PROFILE_DEFAULT (0) if none does.
 */
ITAV_API itav_profile_source itav_intervention_profile_source(const itav_intervention *iv);
/** @brief The elements on which two sources both make a statement and disagree. */
ITAV_API itav_elemset itav_intervention_disputed(const itav_intervention *iv);

/* ---- in a store ------------------------------------------------------------------------- */

/**
 * @brief Reads an intervention (a detached copy).
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EIO, ITAV_EFORMAT (a damaged record),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_get(itav_intervention **out, itav_db *db, const char *id);
/**
 * @brief Adds a new intervention to the store.
 * @return ITAV_OK, ITAV_EINVAL (no name), ITAV_EEXISTS, ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_create(itav_db *db, const itav_intervention *iv);
/** @brief Replaces a stored intervention. @return as create, ITAV_ENOTFOUND if absent. */
ITAV_API int itav_intervention_update(itav_db *db, const itav_intervention *iv);
/**
 * @brief Deletes an intervention.
 * @return ITAV_OK, ITAV_ENOTFOUND, ITAV_EINUSE (offers still refer to it), ITAV_EIO.
 */
ITAV_API int itav_intervention_delete(itav_db *db, const char *id);

/** @brief The version of struct itav_intervention_filter these headers describe. */
#define ITAV_INTERVENTION_FILTER_VERSION 1

/**
 * @brief Which interventions itav_intervention_list() returns. Every criterion that is set
 * must hold. Initialise with ITAV_INTERVENTION_FILTER_INIT, which sets nothing.
 */
typedef struct itav_intervention_filter {
    unsigned version;         /**< ITAV_INTERVENTION_FILTER_VERSION */
    itav_elemset all_of;      /**< the profile in use has all of these present */
    itav_elemset any_of;      /**< the profile in use has at least one of these present */
    int kind;                 /**< itav_kind, 0 for any */
    int setting;              /**< itav_setting, 0 for any (exact match) */
    int scope;                /**< itav_scope, 0 for any (exact match) */
    int channel;              /**< itav_channel, 0 for any; "both" satisfies either */
    unsigned audience;        /**< itav_audience bits: at least one in common; 0 for any */
    int32_t age_months;       /**< the stated age range contains it; ITAV_AGE_NONE for any */
    const char *municipality; /**< named by the intervention or one of its offers
                                   (ignoring case); NULL for any */
    const char *text;         /**< found in the name or summary (ignoring ASCII case);
                                   NULL for any */
} itav_intervention_filter;

/** @brief Initialiser for itav_intervention_filter that selects everything. */
#define ITAV_INTERVENTION_FILTER_INIT \
    { ITAV_INTERVENTION_FILTER_VERSION, 0, 0, 0, 0, 0, 0, 0, ITAV_AGE_NONE, NULL, NULL }

/**
 * @brief Lists the interventions that pass a filter, ordered by name (ignoring ASCII case),
 * then id.
 * @param filter NULL for all
 * @return ITAV_OK, ITAV_EINVAL (a filter value out of range), ITAV_EVERSION (filter version
 *         0 or newer than the library's), ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_list(itav_intervention_iter **out, itav_db *db,
                                    const itav_intervention_filter *filter);
/**
 * @brief The next intervention, owned by the caller (free it with itav_intervention_free()).
 * @return ITAV_OK, ITAV_ITEROVER at the end (*out set to NULL), ITAV_EINVAL.
 */
ITAV_API int itav_intervention_iter_next(itav_intervention **out, itav_intervention_iter *it);
/** @brief Frees an iterator. NULL is allowed. */
ITAV_API void itav_intervention_iter_free(itav_intervention_iter *it);

#ifdef __cplusplus
}
#endif
#endif
