/* What the JSON modules of lib/interchange share: the strict decoder of each record kind
 * (json.c), used by the dataset import (dataset.c) and the catalogue (catalog.c). Private to
 * lib/interchange: the only place that includes jansson.h. */
#ifndef ITAV_JSON_INT_H
#define ITAV_JSON_INT_H

#include "interchange/interchange_int.h"

#include <jansson.h>

#define ITAV__JSON_FORMAT "itav/1"
#define ITAV__JSON_PATH_MAX 256

/* Where a decoder writes its message: it starts with the JSON path of the problem. */
typedef struct itav__json_dec {
    char *err;
    size_t errsize;
} itav__json_dec;

/* Parses text into *out; ITAV_EFORMAT (the message names the place) or ITAV_ENOMEM. */
int itav__json_parse(json_t **out, itav__json_dec *d, const char *json, size_t size,
                     const char *name);
/* Whether a failed jansson load ran out of memory, and whether a second load failed the
 * same way (a real syntax error; jansson reports some failed allocations as syntax errors). */
bool itav__json_load_nomem(const json_error_t *e);
bool itav__json_same_error(const json_error_t *a, const json_error_t *b);
/* Checks that v is an object whose members are all in the NULL-terminated allowed (the first
 * nreq of them required). */
int itav__json_members(itav__json_dec *d, const json_t *v, const char *path,
                       const char *const *allowed, int nreq);
/* An optional text member: *out NULL when absent, ITAV_EFORMAT when not a string. */
int itav__json_text_member(itav__json_dec *d, const json_t *obj, const char *path,
                           const char *key, const char **out);

/* The encoders of each kind (the canonical itav/1 form); NULL for lack of memory. */
json_t *itav__json_encode_intervention(const itav_intervention *iv);
json_t *itav__json_encode_offer(const itav_offer *of);
json_t *itav__json_encode_participant(const itav_participant *p);
json_t *itav__json_encode_match(const itav_match *m);
json_t *itav__json_encode_review(const itav_review *r);
json_t *itav__json_encode_indicator(const itav_indicator *ind);

/* The strict decoders of each kind: v at path into a new object. */
int itav__json_decode_intervention(itav__json_dec *d, const json_t *v, const char *path,
                                   itav_intervention **out);
int itav__json_decode_offer(itav__json_dec *d, const json_t *v, const char *path,
                            itav_offer **out);
int itav__json_decode_participant(itav__json_dec *d, const json_t *v, const char *path,
                                  itav_participant **out);
int itav__json_decode_match(itav__json_dec *d, const json_t *v, const char *path,
                            itav_match **out);
int itav__json_decode_review(itav__json_dec *d, const json_t *v, const char *path,
                             itav_review **out);
int itav__json_decode_indicator(itav__json_dec *d, const json_t *v, const char *path,
                                itav_indicator **out);

/* One record as itav/1 text (pretty: indented, with a final newline, as the public
 * *_to_json functions give it), and one record from such text (the public *_from_json, and
 * the records of a schema-1 store, which were stored as this text). */
#define ITAV__JSON_TEXT(kind, type)                                                           \
    int itav__json_##kind##_text(char **out, const type *obj, bool pretty);                   \
    int itav__json_##kind##_parse(type **out, const char *json, size_t size, char *err,       \
                                  size_t errsize);
ITAV__JSON_TEXT(intervention, itav_intervention)
ITAV__JSON_TEXT(offer, itav_offer)
ITAV__JSON_TEXT(participant, itav_participant)
ITAV__JSON_TEXT(match, itav_match)
ITAV__JSON_TEXT(review, itav_review)
ITAV__JSON_TEXT(indicator, itav_indicator)
#undef ITAV__JSON_TEXT

/* Validates a whole itav/1 dataset against itself and the store, then writes it in one
 * transaction (dataset.c); name is the file's name for messages. */
int itav__json_import(itav_db *db, json_t *root, const char *name);

#endif
