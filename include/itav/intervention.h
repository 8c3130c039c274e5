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
 *
 * Getters accept a NULL object and then return NULL, 0 or "not stated". Setters return
 * ITAV_OK, ITAV_EINVAL for a NULL object or a value out of range, or ITAV_ENOMEM; a failed
 * setter leaves the object unchanged. Setters only change the object: nothing is stored until
 * it is saved.
 */
#ifndef ITAV_INTERVENTION_H
#define ITAV_INTERVENTION_H

#include "common.h"
#include "element.h"
#include "factor.h"
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

/**
 * @brief Where the support is mainly situated: the informal/formal dimension of seed 001
 * (line 121). 0 is "not stated".
 */
typedef enum itav_setting {
    ITAV_SETTING_INFORMAL = 1, /**< informal */
    ITAV_SETTING_FORMAL = 2,   /**< formal */
    ITAV_SETTING_MIXED = 3     /**< mixed */
} itav_setting;

/**
 * @brief Whether support is given mainly to individuals or to groups: the
 * individual/collective dimension of seed 001 (line 122). 0 is "not stated".
 */
typedef enum itav_scope {
    ITAV_SCOPE_INDIVIDUAL = 1, /**< individual */
    ITAV_SCOPE_COLLECTIVE = 2, /**< collective */
    ITAV_SCOPE_MIXED = 3       /**< mixed */
} itav_scope;

/** @brief How an intervention reaches people. 0 is "not stated". */
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

/** @brief Who an intervention is for: bits, combined with |. 0 is "not stated". */
typedef enum itav_audience {
    ITAV_AUDIENCE_PARENTS = 1,           /**< parents */
    ITAV_AUDIENCE_EXPECTING_PARENTS = 2, /**< expecting_parents */
    ITAV_AUDIENCE_YOUTH = 4,             /**< youth (young people themselves) */
    ITAV_AUDIENCE_CHILDREN = 8,          /**< children */
    ITAV_AUDIENCE_CO_CARERS = 16,        /**< co_carers (other people who bring children up) */
    ITAV_AUDIENCE_PROFESSIONALS = 32     /**< professionals */
} itav_audience;

/** @brief Every audience bit (the union of all itav_audience values). */
#define ITAV_AUDIENCE_ALL 63u

/**
 * @brief What an intervention helps with: bits, combined with | (ITAV_CODE_THEME). 0 is
 * "not stated". Recommendations (itav/recommend.h) match a question's needs against them.
 */
typedef enum itav_theme {
    ITAV_THEME_PARENTING = 1,        /**< parenting: everyday questions about raising children */
    ITAV_THEME_RELIEF = 2,           /**< relief: rest for overburdened parents */
    ITAV_THEME_NETWORK = 4,          /**< network: a small network, loneliness, isolation */
    ITAV_THEME_POVERTY = 8,          /**< poverty: little money, fewer opportunities */
    ITAV_THEME_SEPARATION = 16,      /**< separation: relationships and divorce */
    ITAV_THEME_MENTAL_HEALTH = 32,   /**< mental_health: low mood, worries, psychological problems */
    ITAV_THEME_DEVELOPMENT = 64,     /**< development: the child's development, language, behaviour */
    ITAV_THEME_PREGNANCY = 128,      /**< pregnancy: pregnancy and the first months */
    ITAV_THEME_BABY_CARE = 256,      /**< baby_care: caring for and bonding with a baby */
    ITAV_THEME_SCHOOL_WORK = 512,    /**< school_work: school, study, work and the future */
    ITAV_THEME_LEISURE = 1024,       /**< leisure: play, sport, culture and taking part */
    ITAV_THEME_INFORMATION = 2048,   /**< information: finding information about growing up */
    ITAV_THEME_MEETING = 4096        /**< meeting: meeting other parents or young people */
} itav_theme;

/** @brief Every theme bit (the union of all itav_theme values). */
#define ITAV_THEME_ALL 8191u

/** @brief Who delivers an intervention (codes as in docs/format.md). */
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

/**
 * @brief Where an element profile comes from (see docs/format.md and docs/guide.md).
 *
 * Seed 001 states each example's elements twice, in the example's own list and in its
 * summary table (lines 2372-2385), and the two sometimes disagree. Every statement is kept
 * with its source; see itav_intervention_disputed().
 */
typedef enum itav_profile_source {
    ITAV_PROFILE_DEFAULT = 0,  /**< the profile in use: the first source that states anything */
    ITAV_PROFILE_TABLE = 1,    /**< table: seed 001's summary table */
    ITAV_PROFILE_SECTIONS = 2, /**< sections: the example's own list and sections */
    ITAV_PROFILE_OTHER = 3     /**< other: an explicit statement in another seed */
} itav_profile_source;

/**
 * @brief Lists of texts an intervention (or offer) holds. Offers have only
 * ITAV_TEXT_MUNICIPALITIES.
 */
typedef enum itav_text_list {
    ITAV_TEXT_PROVIDERS = 1,      /**< providing organisations */
    ITAV_TEXT_MUNICIPALITIES = 2, /**< municipalities (the only list offers have) */
    ITAV_TEXT_REGIONS = 3,        /**< regions */
    ITAV_TEXT_PHASES = 4,         /**< phases, in order */
    ITAV_TEXT_WORKS = 5,          /**< what works */
    ITAV_TEXT_IMPROVE = 6,        /**< what could be better */
    ITAV_TEXT_LINKS = 7           /**< web addresses */
} itav_text_list;

/** @brief "Not stated" for ages in months ("no bound" in ranges, "any age" in filters). */
#define ITAV_AGE_NONE INT32_MIN

/**
 * @brief An intervention (opaque): a programme, method, initiative, policy or activity with
 * what the seeds say about it. Made by itav_intervention_new(), itav_intervention_dup(),
 * itav_intervention_get(), itav_intervention_iter_next() or itav_intervention_from_json();
 * freed by itav_intervention_free().
 */
typedef struct itav_intervention itav_intervention;

/**
 * @brief A role that delivers an intervention, with its requirements (opaque). Made by
 * itav_role_new(), freed by itav_role_free(); interventions hold copies.
 */
typedef struct itav_role itav_role;

/**
 * @brief An iterator over interventions (opaque). Made by itav_intervention_list(), freed by
 * itav_intervention_iter_free().
 */
typedef struct itav_intervention_iter itav_intervention_iter;

/* ---- roles ---------------------------------------------------------------------------- */

/**
 * @brief Creates a role, to be copied into interventions with itav_intervention_add_role().
 * @param[out] out the new role, to be freed with itav_role_free()
 * @param kind who it is
 * @return ITAV_OK, ITAV_EINVAL for an unknown kind, ITAV_ENOMEM.
 */
ITAV_API int itav_role_new(itav_role **out, itav_role_kind kind);
/**
 * @brief Frees a role made by itav_role_new(). NULL is allowed.
 *
 * Never free the borrowed roles itav_intervention_role() returns.
 * @param r the role, or NULL
 */
ITAV_API void itav_role_free(itav_role *r);
/**
 * @brief Sets what the role does.
 * @param r the role
 * @param description in English; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_role_set_description(itav_role *r, const char *description);
/**
 * @brief Sets whether a certificate of conduct (VOG, verklaring omtrent het gedrag) is
 * required.
 * @param r the role
 * @param required 0 or 1
 * @return ITAV_OK, ITAV_EINVAL for a NULL role or another value.
 */
ITAV_API int itav_role_set_vog(itav_role *r, int required);
/**
 * @brief Sets the training the role gets or needs.
 * @param r the role
 * @param training in English; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_role_set_training(itav_role *r, const char *training);
/**
 * @brief The kind of role.
 * @param r the role
 * @return the kind; 0 for a NULL role.
 */
ITAV_API itav_role_kind itav_role_get_kind(const itav_role *r);
/**
 * @brief What the role does.
 * @param r the role
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_role_get_description(const itav_role *r);
/**
 * @brief Whether a certificate of conduct (VOG) is required.
 * @param r the role
 * @return 1 if required, else 0.
 */
ITAV_API int itav_role_get_vog(const itav_role *r);
/**
 * @brief The training the role gets or needs.
 * @param r the role
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_role_get_training(const itav_role *r);

/* ---- the object ------------------------------------------------------------------------ */

/**
 * @brief Creates an empty intervention: only the id is set, every other field is "not
 * stated". A name must be set before it can be saved.
 * @param[out] out the new intervention, to be freed with itav_intervention_free()
 * @param id a slug: 1-64 of a-z, 0-9 and single '-' between them; it never changes
 * @return ITAV_OK, ITAV_EINVAL for a malformed id, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_new(itav_intervention **out, const char *id);

/**
 * @brief Copies an intervention, with everything it holds.
 * @param[out] out the copy, to be freed with itav_intervention_free()
 * @param iv the intervention
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_dup(itav_intervention **out, const itav_intervention *iv);

/**
 * @brief Frees an intervention and everything it holds. NULL is allowed.
 * @param iv the intervention, or NULL
 */
ITAV_API void itav_intervention_free(itav_intervention *iv);

/**
 * @brief The id.
 * @param iv the intervention
 * @return borrowed text; NULL for a NULL intervention.
 */
ITAV_API const char *itav_intervention_id(const itav_intervention *iv);
/**
 * @brief The name, as the seed writes it.
 * @param iv the intervention
 * @return borrowed text, or NULL if not set yet (a name is required to save).
 */
ITAV_API const char *itav_intervention_name(const itav_intervention *iv);
/**
 * @brief The summary, a few sentences in English.
 * @param iv the intervention
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_intervention_summary(const itav_intervention *iv);
/**
 * @brief What sort of thing it is.
 * @param iv the intervention
 * @return the kind, or 0 if not stated.
 */
ITAV_API itav_kind itav_intervention_kind(const itav_intervention *iv);
/**
 * @brief Where the support is mainly situated.
 * @param iv the intervention
 * @return the setting, or 0 if not stated.
 */
ITAV_API itav_setting itav_intervention_setting(const itav_intervention *iv);
/**
 * @brief Individual or group support.
 * @param iv the intervention
 * @return the scope, or 0 if not stated.
 */
ITAV_API itav_scope itav_intervention_scope(const itav_intervention *iv);
/**
 * @brief How it reaches people.
 * @param iv the intervention
 * @return the channel, or 0 if not stated.
 */
ITAV_API itav_channel itav_intervention_channel(const itav_intervention *iv);
/**
 * @brief Its rating in the NJi databank of effective interventions.
 * @param iv the intervention
 * @return the evidence level, or 0 if not stated.
 */
ITAV_API itav_evidence itav_intervention_evidence(const itav_intervention *iv);
/**
 * @brief The year it started.
 * @param iv the intervention
 * @return the year, or 0 if not stated.
 */
ITAV_API int itav_intervention_since(const itav_intervention *iv);
/**
 * @brief Who it is for.
 * @param iv the intervention
 * @return the itav_audience bits, 0 if not stated.
 */
ITAV_API unsigned itav_intervention_audience(const itav_intervention *iv);
/**
 * @brief Further conditions on the audience, in English.
 * @param iv the intervention
 * @return borrowed text, or NULL if not set.
 */
ITAV_API const char *itav_intervention_conditions(const itav_intervention *iv);
/**
 * @brief What it helps with.
 * @param iv the intervention
 * @return the itav_theme bits, 0 if not stated.
 */
ITAV_API unsigned itav_intervention_themes(const itav_intervention *iv);
/**
 * @brief The age range of the child or young person, in months (negative before birth).
 * @param[out] min the lower bound, or ITAV_AGE_NONE if not stated
 * @param[out] max the upper bound, or ITAV_AGE_NONE if not stated
 * @param iv the intervention
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments.
 */
ITAV_API int itav_intervention_age_range(int32_t *min, int32_t *max,
                                         const itav_intervention *iv);

/**
 * @brief Sets the name.
 * @param iv the intervention
 * @param name its own (usually Dutch) name; must be non-empty
 * @return ITAV_OK, ITAV_EINVAL (NULL or empty), ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_set_name(itav_intervention *iv, const char *name);
/**
 * @brief Sets the summary.
 * @param iv the intervention
 * @param summary a few sentences in English; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_set_summary(itav_intervention *iv, const char *summary);
/**
 * @brief Sets what sort of thing it is.
 * @param iv the intervention
 * @param kind the kind; 0 clears it
 * @return ITAV_OK, or ITAV_EINVAL for a NULL intervention or a value out of range.
 */
ITAV_API int itav_intervention_set_kind(itav_intervention *iv, itav_kind kind);
/**
 * @brief Sets where the support is mainly situated.
 * @param iv the intervention
 * @param setting the setting; 0 clears it
 * @return ITAV_OK, or ITAV_EINVAL for a NULL intervention or a value out of range.
 */
ITAV_API int itav_intervention_set_setting(itav_intervention *iv, itav_setting setting);
/**
 * @brief Sets whether support is individual or collective.
 * @param iv the intervention
 * @param scope the scope; 0 clears it
 * @return ITAV_OK, or ITAV_EINVAL for a NULL intervention or a value out of range.
 */
ITAV_API int itav_intervention_set_scope(itav_intervention *iv, itav_scope scope);
/**
 * @brief Sets how it reaches people.
 * @param iv the intervention
 * @param channel the channel; 0 clears it
 * @return ITAV_OK, or ITAV_EINVAL for a NULL intervention or a value out of range.
 */
ITAV_API int itav_intervention_set_channel(itav_intervention *iv, itav_channel channel);
/**
 * @brief Sets the rating in the NJi databank of effective interventions.
 * @param iv the intervention
 * @param level the evidence level; 0 clears it
 * @return ITAV_OK, or ITAV_EINVAL for a NULL intervention or a value out of range.
 */
ITAV_API int itav_intervention_set_evidence(itav_intervention *iv, itav_evidence level);
/**
 * @brief Sets the year it started.
 * @param iv the intervention
 * @param year 1800 to 9999; 0 clears it
 * @return ITAV_OK, or ITAV_EINVAL for a NULL intervention or a year out of range.
 */
ITAV_API int itav_intervention_set_since(itav_intervention *iv, int year);
/**
 * @brief Sets who it is for.
 * @param iv the intervention
 * @param audience itav_audience bits combined with |; 0 clears it
 * @return ITAV_OK, or ITAV_EINVAL for a NULL intervention or bits outside ITAV_AUDIENCE_ALL.
 */
ITAV_API int itav_intervention_set_audience(itav_intervention *iv, unsigned audience);
/**
 * @brief Sets further conditions on the audience.
 * @param iv the intervention
 * @param conditions in English; NULL or "" clears them
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_set_conditions(itav_intervention *iv, const char *conditions);
/**
 * @brief Sets what it helps with.
 * @param iv the intervention
 * @param themes itav_theme bits; 0 for "not stated"
 * @return ITAV_OK, ITAV_EINVAL for a NULL intervention or bits outside ITAV_THEME_ALL.
 */
ITAV_API int itav_intervention_set_themes(itav_intervention *iv, unsigned themes);
/**
 * @brief Sets the age range of the child or young person, in months (negative before birth:
 * -9 is the start of pregnancy).
 * @param iv the intervention
 * @param min the lower bound, or ITAV_AGE_NONE for none
 * @param max the upper bound, or ITAV_AGE_NONE for none
 * @return ITAV_OK, ITAV_EINVAL for a NULL intervention, min > max or a bound outside
 *         -12..1200 months.
 */
ITAV_API int itav_intervention_set_age_range(itav_intervention *iv, int32_t min, int32_t max);

/* ---- lists of texts --------------------------------------------------------------------- */

/**
 * @brief Number of texts in a list.
 * @param iv the intervention
 * @param list which list
 * @return the number; 0 for an unknown list or a NULL intervention.
 */
ITAV_API size_t itav_intervention_text_count(const itav_intervention *iv, itav_text_list list);
/**
 * @brief One text of a list.
 * @param iv the intervention
 * @param list which list
 * @param i its index, from 0
 * @return borrowed text, or NULL if list or i is out of range.
 */
ITAV_API const char *itav_intervention_text(const itav_intervention *iv, itav_text_list list,
                                            size_t i);
/**
 * @brief Appends a copy of a text to a list.
 * @param iv the intervention
 * @param list which list
 * @param text non-empty
 * @return ITAV_OK, ITAV_EINVAL (NULL, empty text, unknown list), ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_add_text(itav_intervention *iv, itav_text_list list,
                                        const char *text);
/**
 * @brief Removes one text from a list; the texts after it move up.
 * @param iv the intervention
 * @param list which list
 * @param i its index, from 0
 * @return ITAV_OK, ITAV_EINVAL (NULL or unknown list), ITAV_ERANGE (no text i).
 */
ITAV_API int itav_intervention_remove_text(itav_intervention *iv, itav_text_list list,
                                           size_t i);

/* ---- roles and figures ------------------------------------------------------------------ */

/**
 * @brief Number of roles that deliver the intervention.
 * @param iv the intervention
 * @return the number; 0 for a NULL intervention.
 */
ITAV_API size_t itav_intervention_role_count(const itav_intervention *iv);
/**
 * @brief One role.
 * @param iv the intervention
 * @param i its index, from 0
 * @return the role, borrowed (valid until the intervention is changed or freed), or NULL if
 *         out of range.
 */
ITAV_API const itav_role *itav_intervention_role(const itav_intervention *iv, size_t i);
/**
 * @brief Appends a copy of a role; the caller keeps (and frees) its own.
 * @param iv the intervention
 * @param role the role
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_add_role(itav_intervention *iv, const itav_role *role);
/**
 * @brief Removes one role; the roles after it move up.
 * @param iv the intervention
 * @param i its index, from 0
 * @return ITAV_OK, ITAV_EINVAL for a NULL intervention, ITAV_ERANGE (no role i).
 */
ITAV_API int itav_intervention_remove_role(itav_intervention *iv, size_t i);

/**
 * @brief Number of figures in a list.
 * @param iv the intervention
 * @param list which list; interventions have only ITAV_FIGURES_REACH
 * @return the number; 0 for another list or a NULL intervention.
 */
ITAV_API size_t itav_intervention_figure_count(const itav_intervention *iv,
                                              itav_figure_list list);
/**
 * @brief One figure of a list.
 * @param iv the intervention
 * @param list which list (ITAV_FIGURES_REACH)
 * @param i its index, from 0
 * @return the figure, borrowed (valid until the intervention is changed or freed), or NULL if
 *         out of range.
 */
ITAV_API const itav_figure *itav_intervention_figure(const itav_intervention *iv,
                                                     itav_figure_list list, size_t i);
/**
 * @brief Appends a copy of a figure to a list; the caller keeps (and frees) its own.
 * @param iv the intervention
 * @param list which list (ITAV_FIGURES_REACH)
 * @param f the figure
 * @return ITAV_OK, ITAV_EINVAL (NULL, or a list interventions do not have), ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_add_figure(itav_intervention *iv, itav_figure_list list,
                                          const itav_figure *f);
/**
 * @brief Removes one figure of a list; the figures after it move up.
 * @param iv the intervention
 * @param list which list (ITAV_FIGURES_REACH)
 * @param i its index, from 0
 * @return ITAV_OK, ITAV_EINVAL (NULL, or a list interventions do not have), ITAV_ERANGE (no
 *         figure i).
 */
ITAV_API int itav_intervention_remove_figure(itav_intervention *iv, itav_figure_list list,
                                             size_t i);

/* ---- sources ---------------------------------------------------------------------------- */

/**
 * @brief Where the seeds state a field.
 * @param iv the intervention
 * @param field a field name of docs/format.md: "name", "kind", "summary", "providers",
 *        "municipalities", "regions", "since", "audience", "themes", "setting", "scope",
 *        "channel", "roles", "phases", "evidence_level", "reach", "works", "improve" or
 *        "links"
 * @return the source reference ("001:L373-380"), borrowed, or NULL if none is set or the
 *         field is unknown.
 */
ITAV_API const char *itav_intervention_source(const itav_intervention *iv, const char *field);
/**
 * @brief Sets or clears the source reference of a field.
 * @param iv the intervention
 * @param field a field name, as for itav_intervention_source()
 * @param ref "NNN:Lline" or "NNN:Lfirst-last"; NULL or "" clears it
 * @return ITAV_OK, ITAV_EINVAL for a NULL intervention, an unknown field or a malformed
 *         reference, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_set_source(itav_intervention *iv, const char *field,
                                          const char *ref);

/* ---- element profile -------------------------------------------------------------------- */

/**
 * @brief What a profile source says about an element.
 * @param iv the intervention
 * @param src a source, or ITAV_PROFILE_DEFAULT for the profile in use
 * @param e the element
 * @return the status; ITAV_STATUS_UNKNOWN also for out-of-range arguments.
 */
ITAV_API itav_status itav_intervention_element(const itav_intervention *iv,
                                               itav_profile_source src, itav_element e);
/**
 * @brief Why a source says what it says about an element.
 * @param iv the intervention
 * @param src a source, or ITAV_PROFILE_DEFAULT for the profile in use
 * @param e the element
 * @return the evidence text, borrowed, or NULL if none (or for out-of-range arguments).
 */
ITAV_API const char *itav_intervention_element_evidence(const itav_intervention *iv,
                                                        itav_profile_source src, itav_element e);
/**
 * @brief Where a source makes its statement about an element.
 * @param iv the intervention
 * @param src a source, or ITAV_PROFILE_DEFAULT for the profile in use
 * @param e the element
 * @return the source reference ("001:L2381"), borrowed, or NULL if none (or for out-of-range
 *         arguments).
 */
ITAV_API const char *itav_intervention_element_source(const itav_intervention *iv,
                                                      itav_profile_source src, itav_element e);
/**
 * @brief Records what a source says about an element, replacing any earlier statement of
 * that source about that element.
 * @param iv the intervention
 * @param src ITAV_PROFILE_TABLE, ITAV_PROFILE_SECTIONS or ITAV_PROFILE_OTHER
 * @param e the element
 * @param status ITAV_STATUS_UNKNOWN removes the statement (and its evidence and reference)
 * @param evidence why, in words; may be NULL
 * @param ref where the source says it; may be NULL; else a well-formed reference
 * @return ITAV_OK, ITAV_EINVAL (a bad source, element, status or reference), ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_set_element(itav_intervention *iv, itav_profile_source src,
                                           itav_element e, itav_status status,
                                           const char *evidence, const char *ref);
/**
 * @brief The elements a source states as present.
 * @param iv the intervention
 * @param src a source, or ITAV_PROFILE_DEFAULT for the profile in use
 * @return the set; empty for out-of-range arguments.
 */
ITAV_API itav_elemset itav_intervention_elements(const itav_intervention *iv,
                                                 itav_profile_source src);
/**
 * @brief The elements a source makes any statement about (present or absent).
 * @param iv the intervention
 * @param src a source, or ITAV_PROFILE_DEFAULT for the profile in use
 * @return the set; empty for out-of-range arguments.
 */
ITAV_API itav_elemset itav_intervention_known_elements(const itav_intervention *iv,
                                                       itav_profile_source src);
/**
 * @brief The source of the profile in use.
 * @param iv the intervention
 * @return the first of ITAV_PROFILE_TABLE, ITAV_PROFILE_SECTIONS and ITAV_PROFILE_OTHER that
 *         states anything about the intervention, or ITAV_PROFILE_DEFAULT (0) if none does.
 */
ITAV_API itav_profile_source itav_intervention_profile_source(const itav_intervention *iv);
/**
 * @brief The elements on which two sources both make a statement and disagree.
 *
 * In the built-in catalogue: elements 1 and 3 for Eigen Toekomst Plan and element 6 for Jong
 * Perspectief, where seed 001's summary table and the example's own list differ.
 * @param iv the intervention
 * @return the set; empty if the sources agree or for a NULL intervention.
 */
ITAV_API itav_elemset itav_intervention_disputed(const itav_intervention *iv);

/**
 * @brief Records that the intervention's practice shows a working factor (itav/factor.h).
 * @param iv the intervention
 * @param f the factor
 * @param source where the source credits the practice with it ("004:L419"); NULL or "" for
 *        none. Setting a factor again replaces its source.
 * @return ITAV_OK, ITAV_EINVAL (NULL intervention, f not a factor, a malformed reference),
 *         ITAV_ENOMEM.
 * @since 0.4
 */
ITAV_API int itav_intervention_set_factor(itav_intervention *iv, itav_factor f,
                                          const char *source);
/**
 * @brief Records that the practice does not show a working factor (drops it and its source).
 * @param iv the intervention
 * @param f the factor
 * @return ITAV_OK (also when it was not set), ITAV_EINVAL (NULL intervention, f not a factor).
 * @since 0.4
 */
ITAV_API int itav_intervention_clear_factor(itav_intervention *iv, itav_factor f);
/**
 * @brief The working factors the intervention's practice shows.
 * @param iv the intervention
 * @return the set; 0 for none or a NULL intervention.
 * @since 0.4
 */
ITAV_API itav_factorset itav_intervention_factors(const itav_intervention *iv);
/**
 * @brief Where the source credits the practice with a working factor.
 * @param iv the intervention
 * @param f the factor
 * @return borrowed text ("004:L419"), or NULL when the factor is not shown, has no source, or
 *         the arguments are invalid.
 * @since 0.4
 */
ITAV_API const char *itav_intervention_factor_source(const itav_intervention *iv,
                                                     itav_factor f);

/* ---- in a store ------------------------------------------------------------------------- */

/**
 * @brief Reads an intervention from a store.
 * @param[out] out a detached copy, owned by the caller (free it with
 *             itav_intervention_free()); changing it changes nothing in the store until it is
 *             saved with itav_intervention_update()
 * @param db the store
 * @param id the intervention's id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EIO, ITAV_EFORMAT (a damaged record),
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_get(itav_intervention **out, itav_db *db, const char *id);
/**
 * @brief Adds a new intervention to the store, in one transaction.
 * @param db the store
 * @param iv the intervention; the store keeps a copy, the caller still owns iv
 * @return ITAV_OK, ITAV_EINVAL (NULL, or no name), ITAV_EEXISTS (the id is taken), ITAV_EIO,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_create(itav_db *db, const itav_intervention *iv);
/**
 * @brief Replaces the stored intervention with the same id, in one transaction.
 * @param db the store
 * @param iv the new version; the caller still owns it
 * @return ITAV_OK, ITAV_EINVAL (NULL, or no name), ITAV_ENOTFOUND (no intervention with that
 *         id), ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_update(itav_db *db, const itav_intervention *iv);
/**
 * @brief Deletes an intervention, in one transaction.
 * @param db the store
 * @param id the intervention's id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND, ITAV_EINUSE (offers still refer to it: delete
 *         them first), ITAV_EIO.
 */
ITAV_API int itav_intervention_delete(itav_db *db, const char *id);

/** @brief The version of struct itav_intervention_filter these headers describe. */
#define ITAV_INTERVENTION_FILTER_VERSION 2

/**
 * @brief Which interventions itav_intervention_list() returns. Every criterion that is set
 * must hold. Initialise with ITAV_INTERVENTION_FILTER_INIT, which sets nothing, then set
 * the criteria you need:
 *
 * @code
 * itav_intervention_filter f = ITAV_INTERVENTION_FILTER_INIT;
 * f.all_of = itav_elemset_add(0, ITAV_ELEMENT_INFORMAL_SUPPORT);
 * f.municipality = "Leiden";
 * @endcode
 */
typedef struct itav_intervention_filter {
    unsigned version;         /**< ITAV_INTERVENTION_FILTER_VERSION */
    itav_elemset all_of;      /**< the profile in use has all of these present; 0 for any */
    itav_elemset any_of;      /**< the profile in use has at least one of these present;
                                   0 for any */
    int kind;                 /**< itav_kind, 0 for any */
    int setting;              /**< itav_setting, 0 for any (exact match: "mixed" matches
                                   only "mixed") */
    int scope;                /**< itav_scope, 0 for any (exact match) */
    int channel;              /**< itav_channel, 0 for any; an intervention with "both"
                                   satisfies either */
    unsigned audience;        /**< itav_audience bits: at least one in common; 0 for any */
    int32_t age_months;       /**< the stated age range contains it (a missing bound is
                                   open; an intervention with no stated range never
                                   matches); ITAV_AGE_NONE for any */
    const char *municipality; /**< named in the intervention's municipalities or in those of
                                   one of its offers (ignoring ASCII case; regions are not
                                   consulted); NULL for any */
    const char *text;         /**< found in the name or summary (ignoring ASCII case);
                                   NULL for any */
    itav_factorset factors;   /**< shows all of these working factors
                                   (itav_intervention_factors()); 0 for any. Version 2,
                                   @since 0.4 */
} itav_intervention_filter;

/** @brief Initialiser for itav_intervention_filter that selects everything. */
#define ITAV_INTERVENTION_FILTER_INIT \
    { ITAV_INTERVENTION_FILTER_VERSION, 0, 0, 0, 0, 0, 0, 0, ITAV_AGE_NONE, NULL, NULL, 0 }

/**
 * @brief Lists the interventions that pass a filter, ordered by name (ignoring ASCII case),
 * then id. Never by element count.
 * @param[out] out the iterator, to be freed with itav_intervention_iter_free()
 * @param db the store
 * @param filter NULL for all
 * @return ITAV_OK, ITAV_EINVAL (NULL out or db, a filter value out of range), ITAV_EVERSION
 *         (filter version 0 or newer than the library's), ITAV_EIO, ITAV_EFORMAT (a damaged
 *         record), ITAV_ENOMEM.
 */
ITAV_API int itav_intervention_list(itav_intervention_iter **out, itav_db *db,
                                    const itav_intervention_filter *filter);
/**
 * @brief The next intervention, owned by the caller (free it with itav_intervention_free()).
 * @param[out] out the intervention, a detached copy
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end (*out set to NULL), ITAV_EINVAL for NULL
 *         arguments.
 */
ITAV_API int itav_intervention_iter_next(itav_intervention **out, itav_intervention_iter *it);
/**
 * @brief Frees an iterator and the interventions it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_intervention_iter_free(itav_intervention_iter *it);

#ifdef __cplusplus
}
#endif
#endif
