/* What the JSON modules of lib/interchange share: the strict decoder of each record kind
 * (json.c), used by the dataset import (dataset.c) and the catalogue (catalog.c). Private to
 * lib/interchange: the only place that includes jansson.h. */
#ifndef ITAV_JSON_INT_H
#define ITAV_JSON_INT_H

#include "interchange/interchange_int.h"

#include <jansson.h>
#include <stdio.h>

#define ITAV__JSON_FORMAT "itav/1"
#define ITAV__JSON_PATH_MAX 256

/* Where a decoder writes its message: it starts with the JSON path of the problem, and is
 * worded in the language of db (lib/po/nl.po; NULL: English). */
typedef struct itav__json_dec {
    char *err;
    size_t errsize;
    const itav_db *db;
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
/* Sets d's message to "path: " and the formatted text, fmt looked up in d's language;
 * returns ITAV_EFORMAT. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int itav__json_problem(itav__json_dec *d, const char *path, const char *fmt, ...);
/* path.key into buf (ITAV__JSON_PATH_MAX bytes), cut short when longer. */
void itav__json_join(char *buf, const char *path, const char *key);
/* An optional date member (YYYY-MM-DD): *out is ITAV_DATE_NONE when it is absent. */
int itav__json_date_member(itav__json_dec *d, const json_t *obj, const char *path,
                           const char *key, int32_t *out);
int itav__json_text_member(itav__json_dec *d, const json_t *obj, const char *path,
                           const char *key, const char **out);

/* The encoders of each kind (the canonical itav/1 form); NULL for lack of memory. */
json_t *itav__json_encode_intervention(const itav_intervention *iv);
json_t *itav__json_encode_offer(const itav_offer *of);
json_t *itav__json_encode_participant(const itav_participant *p);
json_t *itav__json_encode_match(const itav_match *m);
json_t *itav__json_encode_review(const itav_review *r);
json_t *itav__json_encode_indicator(const itav_indicator *ind);
json_t *itav__json_encode_release(const itav_release *rl); /* release_json.c */

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
int itav__json_decode_release(itav__json_dec *d, const json_t *v, const char *path,
                              itav_release **out);

/* One record as itav/1 text (pretty: indented, with a final newline, as the public
 * *_to_json functions give it), and one record from such text (the public *_from_json, and
 * the records of a schema-1 store, which were stored as this text), its problem worded in
 * the language of db (NULL: English). */
#define ITAV__JSON_TEXT(kind, type)                                                           \
    int itav__json_##kind##_text(char **out, const type *obj, bool pretty);                   \
    int itav__json_##kind##_parse(type **out, const char *json, size_t size, char *err,       \
                                  size_t errsize, const itav_db *db);
ITAV__JSON_TEXT(intervention, itav_intervention)
ITAV__JSON_TEXT(offer, itav_offer)
ITAV__JSON_TEXT(participant, itav_participant)
ITAV__JSON_TEXT(match, itav_match)
ITAV__JSON_TEXT(review, itav_review)
ITAV__JSON_TEXT(indicator, itav_indicator)
#undef ITAV__JSON_TEXT

/* ---- streaming (json_stream.c): a document read one record at a time ---- */

/* What a stream reader returns when the document is not in the shape it reads (a syntax
 * error, an unknown or repeated member, a member that is not an array...): the caller parses
 * the document as a whole, which says what is wrong in the usual words. */
#define ITAV__JSON_WHOLE 1

/* The top-level members a stream reads (NULL-terminated, at most 32), which of them are
 * arrays (bit i for members[i]), and what it does with them: element() is called with each
 * element of an array member in turn, member() with the value of each other member. The
 * values are borrowed. A callback returns ITAV_OK to go on, or what the reader returns. */
typedef struct itav__json_stream_spec {
    const char *const *members;
    unsigned arrays;
    int (*element)(void *arg, int member, size_t at, const json_t *v);
    int (*member)(void *arg, int member, const json_t *v);
} itav__json_stream_spec;

/* Reads a document of size bytes, or a whole file from its current position: ITAV_OK when
 * every member was read, ITAV__JSON_WHOLE, ITAV_ENOMEM, ITAV_EIO (a read error), or what a
 * callback returned. */
int itav__json_stream_text(const char *text, size_t size, const itav__json_stream_spec *spec,
                           void *arg);
int itav__json_stream_file(FILE *f, const itav__json_stream_spec *spec, void *arg);
/* Whether v, read alone, would be too deep for jansson with `above` levels around it (the
 * whole document's parse would fail where the value's own did not). */
bool itav__json_too_deep(const json_t *v, size_t above);

/* Validates a whole itav/1 dataset against itself and the store, then writes it in one
 * transaction (dataset.c); name is the file's name for messages. */
int itav__json_import(itav_db *db, json_t *root, const char *name);

#endif
