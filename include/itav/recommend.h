/**
 * @file itav/recommend.h
 * @brief Recommendations, lightest first: which offers fit a question, from the lightest
 * support to the heaviest.
 *
 * The Leernetwerk's motto is "zo licht als mogelijk, zo zwaar als nodig": as light as
 * possible, as heavy as needed. For a question (who asks, the child's age, where, what it is
 * about, how they would like to be reached) the fitting offers are listed in tiers of
 * lightness:
 *
 * 1. informal and collective (or mixed scope): meeting places, parent rooms;
 * 2. informal and individual: a volunteer, a support family, a buddy;
 * 3. formal or mixed, but low-threshold (element 3 present) or collective;
 * 4. formal or mixed, individual, not stated low-threshold;
 * 5. setting not stated: it cannot be placed, so it comes last.
 *
 * Within a tier, offers that cover more of the asked needs come first, then those reached
 * through the preferred channel, then by intervention id. An offer fits when its
 * intervention is for this audience (or states no audience), the age lies in its age range
 * (or it states none), it runs in the municipality, and, when needs are given, its themes
 * cover at least one of them (an intervention without stated themes cannot be judged and is
 * left out then). Every result says why it fits and why it stands where it stands.
 */
#ifndef ITAV_RECOMMEND_H
#define ITAV_RECOMMEND_H

#include "common.h"
#include "intervention.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Who asks (ITAV_CODE_ASKER). */
typedef enum itav_asker {
    ITAV_ASKER_PARENT = 1,    /**< parent: a parent or carer, about a child */
    ITAV_ASKER_EXPECTING = 2, /**< expecting: an expecting parent */
    ITAV_ASKER_YOUTH = 3      /**< youth: a young person, about themself */
} itav_asker;

/** @brief The version of itav_question this header describes. */
#define ITAV_QUESTION_VERSION 1

/** @brief A question for a recommendation. Initialise with ITAV_QUESTION_INIT. */
typedef struct itav_question {
    unsigned version;         /**< ITAV_QUESTION_VERSION */
    itav_asker asker;         /**< who asks (required) */
    int32_t age_months;       /**< the child's age (the young person's own for youth), in
                                   months, negative during pregnancy; ITAV_AGE_NONE if not
                                   given */
    const char *municipality; /**< where they live; NULL lists interventions, not offers */
    unsigned needs;           /**< itav_theme bits the question is about; 0 for any */
    itav_channel channel;     /**< the preferred channel; 0 for no preference */
} itav_question;

/** @brief A question with nothing but the version set. */
#define ITAV_QUESTION_INIT \
    {ITAV_QUESTION_VERSION, (itav_asker)0, ITAV_AGE_NONE, NULL, 0, (itav_channel)0}

/** @brief One recommended offer (opaque), from itav_recommendation_iter_next(). */
typedef struct itav_recommendation itav_recommendation;
/** @brief An iterator over recommendations (opaque), from itav_recommend(). */
typedef struct itav_recommendation_iter itav_recommendation_iter;

/**
 * @brief Lists what fits a question, lightest first (see the file description).
 * @param[out] out the iterator
 * @param db the store
 * @param q the question
 * @return ITAV_OK, ITAV_EINVAL (NULL, no or unknown asker, need bits outside
 *         ITAV_THEME_ALL, an unknown channel, an age over 50 years or before pregnancy),
 *         ITAV_EVERSION (an unknown question version), ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_recommend(itav_recommendation_iter **out, itav_db *db,
                            const itav_question *q);
/**
 * @brief The next recommendation, owned by the caller.
 * @param[out] out the recommendation
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end, ITAV_EINVAL.
 */
ITAV_API int itav_recommendation_iter_next(itav_recommendation **out,
                                           itav_recommendation_iter *it);
/**
 * @brief Frees an iterator and what it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_recommendation_iter_free(itav_recommendation_iter *it);
/**
 * @brief Frees a recommendation. NULL is allowed.
 * @param r the recommendation, or NULL
 */
ITAV_API void itav_recommendation_free(itav_recommendation *r);
/**
 * @brief The intervention.
 * @param r the recommendation
 * @return borrowed id; NULL for a NULL recommendation.
 */
ITAV_API const char *itav_recommendation_intervention(const itav_recommendation *r);
/**
 * @brief The offer in the question's municipality.
 * @param r the recommendation
 * @return borrowed id; NULL when the question named no municipality.
 */
ITAV_API const char *itav_recommendation_offer(const itav_recommendation *r);
/**
 * @brief The tier of lightness, 1 (lightest) to 5 (cannot be placed).
 * @param r the recommendation
 * @return the tier; 0 for a NULL recommendation.
 */
ITAV_API int itav_recommendation_tier(const itav_recommendation *r);
/**
 * @brief Which of the asked needs it covers.
 * @param r the recommendation
 * @return itav_theme bits (0 when no needs were asked).
 */
ITAV_API unsigned itav_recommendation_covered(const itav_recommendation *r);
/**
 * @brief Why it fits the question, in the language of the context it was asked in
 * (itav_set_lang(): English by default, or Dutch); codes and ids as they are.
 * @param r the recommendation
 * @return borrowed text; NULL for a NULL recommendation.
 */
ITAV_API const char *itav_recommendation_why(const itav_recommendation *r);
/**
 * @brief Why it stands where it stands: its tier and what decided its place in it, in the
 * language of the context it was asked in (itav_set_lang()).
 * @param r the recommendation
 * @return borrowed text; NULL for a NULL recommendation.
 */
ITAV_API const char *itav_recommendation_placement(const itav_recommendation *r);

#ifdef __cplusplus
}
#endif
#endif
