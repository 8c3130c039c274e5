/**
 * @file itav/element.h
 * @brief The eight elements of the normalisation vision and sets of them.
 *
 * The Leernetwerk Normaliseren states its vision in eight elements (seed 001, lines 89-96).
 * Their order and numbers are fixed; their codes are stable and used in JSON, the CLI and the
 * bindings.
 */
#ifndef ITAV_ELEMENT_H
#define ITAV_ELEMENT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One of the eight elements, numbered as the vision numbers them. */
typedef enum itav_element {
    ITAV_ELEMENT_DOUBTS_NORMAL = 1,     /**< doubts_normal: doubts and vulnerability are normal */
    ITAV_ELEMENT_INFORMAL_SUPPORT = 2,  /**< informal_support: support is informal where possible */
    ITAV_ELEMENT_LOW_THRESHOLD = 3,     /**< low_threshold: access to support is low-threshold */
    ITAV_ELEMENT_EQUALITY = 4,          /**< equality: young people/parents and supporters are equals */
    ITAV_ELEMENT_DEMAND_LED = 5,        /**< demand_led: the question or need of young people/parents leads */
    ITAV_ELEMENT_BROAD_CONTEXT = 6,     /**< broad_context: eye for the broad context of growing up */
    ITAV_ELEMENT_POSITIVE_FOCUS = 7,    /**< positive_focus: attention to what goes well */
    ITAV_ELEMENT_NO_PROBLEMATISING = 8  /**< no_problematising: avoid problematising and medicalising */
} itav_element;

/** @brief Number of elements; elements are numbered 1 to ITAV_ELEMENT_COUNT. */
#define ITAV_ELEMENT_COUNT 8

/** @brief Language of element labels (itav_element_label()). */
typedef enum itav_lang {
    ITAV_LANG_EN = 1, /**< English */
    ITAV_LANG_NL = 2  /**< Dutch, as the vision words it */
} itav_lang;

/**
 * @brief A set of elements: bit (e - 1) is set when element e is in the set.
 *
 * Union, intersection and difference are the bitwise operators |, & and & ~.
 */
typedef uint32_t itav_elemset;

/** @brief The set of all eight elements. */
#define ITAV_ELEMSET_ALL ((itav_elemset)0xFFu)

/**
 * @brief The stable code of an element ("doubts_normal").
 * @param e the element
 * @return a static string, or NULL if e is not an element.
 */
ITAV_API const char *itav_element_code(itav_element e);

/**
 * @brief The label of an element in a language.
 *
 * The Dutch label is the vision's own wording (seed 001, lines 89-96) without the final full
 * stop; the English label is a translation.
 * @param e the element
 * @param lang the language
 * @return a static UTF-8 string, or NULL if e or lang is out of range.
 */
ITAV_API const char *itav_element_label(itav_element e, itav_lang lang);

/**
 * @brief Looks up an element by its exact code.
 * @param[out] out the element; unchanged on error
 * @param code the code ("informal_support"); case-sensitive
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOTFOUND for an unknown code.
 */
ITAV_API int itav_element_from_code(itav_element *out, const char *code);

/**
 * @brief Recognises an element from any wording the seeds use for it.
 *
 * Accepts the codes, the English labels, the canonical Dutch wording and every variant the
 * seeds print (jongeren for jeugdigen, "(waar mogelijk)", the Home-Start wording of element 6,
 * "Positieve insteek", the three wordings of element 8, ...). Case, punctuation, slashes,
 * surrounding markup such as "**" or "- ", extra spaces and a trailing full stop are ignored
 * (case only for ASCII letters).
 * @param[out] out the element; unchanged on error
 * @param wording the text to recognise
 * @return ITAV_OK, ITAV_EINVAL for NULL arguments, ITAV_ENOTFOUND if the wording is not one of
 *         an element.
 */
ITAV_API int itav_element_parse(itav_element *out, const char *wording);

/**
 * @brief The set with an element added.
 * @param s the set
 * @param e the element
 * @return s with e added; s itself if e is not an element.
 */
ITAV_API itav_elemset itav_elemset_add(itav_elemset s, itav_element e);

/**
 * @brief The set with an element removed.
 * @param s the set
 * @param e the element
 * @return s without e; s itself if e is not an element.
 */
ITAV_API itav_elemset itav_elemset_remove(itav_elemset s, itav_element e);

/**
 * @brief Whether an element is in a set.
 * @param s the set
 * @param e the element
 * @return 1 if e is in s, 0 if not (or if e is not an element).
 */
ITAV_API int itav_elemset_has(itav_elemset s, itav_element e);

/**
 * @brief Number of elements in a set.
 *
 * Counting is for description only: libitav never ranks interventions by element count
 * (seed 001, footnote at line 2387; see docs/guide.md).
 * @param s the set; bits above the eighth are ignored
 * @return 0 to ITAV_ELEMENT_COUNT.
 */
ITAV_API int itav_elemset_count(itav_elemset s);

#ifdef __cplusplus
}
#endif
#endif
