/* lib/interchange: the itav/1 JSON format (jansson), participant CSV (libcsv) and the
 * built-in catalogue. The only layer that includes jansson.h and csv.h. Depends on lib/util,
 * lib/store and lib/model. */
#ifndef ITAV_INTERCHANGE_INT_H
#define ITAV_INTERCHANGE_INT_H

#include "model/model_int.h"

/* ---- JSON values under construction, for the writers of the layers above (reports,
 * portfolios), which do not include jansson.h: jansson's json_t, kept opaque. ---- */
typedef struct json_t itav__json;
/* New values; NULL for lack of memory. A NULL string gives NULL too. */
itav__json *itav__json_new_object(void);
itav__json *itav__json_new_array(void);
itav__json *itav__json_new_string(const char *s);
itav__json *itav__json_new_null(void);
itav__json *itav__json_new_bool(bool v);
/* An integral value as an integer, any other as a real. */
itav__json *itav__json_number(double v);
/* A date as ISO text, ITAV_DATE_NONE as null. */
itav__json *itav__json_new_date(int32_t d);
void itav__json_free(itav__json *v);
/* The builders take value (even when they fail: it is never freed again by the caller) and
 * return false only for lack of memory; a NULL value counts as that. put_text and
 * put_code leave a NULL text or a 0 code out. */
bool itav__json_put(itav__json *obj, const char *key, itav__json *value);
bool itav__json_put_text(itav__json *obj, const char *key, const char *s);
bool itav__json_put_code(itav__json *obj, const char *key, itav_code_type type, int value);
bool itav__json_push(itav__json *array, itav__json *value);
/* Hands *child over to obj under key; *child is NULL afterwards whatever happened. */
bool itav__json_attach(itav__json *obj, const char *key, itav__json **child);
/* Writes v (taken, may be NULL: ITAV_ENOMEM) as owned text: compact for storage, or
 * indented with a final newline for people and files. */
int itav__json_dump(char **out, itav__json *v, bool pretty);

/* ---- the embedded catalogue (generated from data/catalog.json) ---- */
extern const char itav__catalog_text[];

#endif
