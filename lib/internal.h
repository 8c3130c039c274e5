/* Internal declarations shared by the library's modules. Not installed. */
#ifndef ITAV_INTERNAL_H
#define ITAV_INTERNAL_H

#include "itav.h"
#include "itav/backend.h"

#include <stdarg.h>
#include <stdbool.h>

/* ---- allocation: everything goes through here so tests can inject failures ---- */
void *itav__malloc(size_t n);
void *itav__calloc(size_t n, size_t size);
void *itav__realloc(void *p, size_t n);
void itav__free(void *p);
char *itav__strdup(const char *s);

/* Replaces *slot with a copy of s (NULL or "" stores NULL). Returns ITAV_OK, ITAV_EINVAL
 * (s is not valid UTF-8 or longer than ITAV__TEXT_MAX) or ITAV_ENOMEM, leaving *slot
 * unchanged on failure. */
int itav__set_text(char **slot, const char *s);

/* ---- growable list of owned strings ---- */
typedef struct itav__strlist {
    char **v;
    size_t n, cap;
} itav__strlist;
int itav__strlist_add(itav__strlist *l, const char *s);
int itav__strlist_remove(itav__strlist *l, size_t i);
int itav__strlist_copy(itav__strlist *dst, const itav__strlist *src);
void itav__strlist_clear(itav__strlist *l);
bool itav__strlist_has_nocase(const itav__strlist *l, const char *s);

/* ---- iterators: a list of owned objects handed out one by one ---- */
typedef struct itav__iter {
    void **items;
    size_t n, cap, next;
    void (*free_item)(void *);
} itav__iter;
/* Appends an owned item; on ITAV_ENOMEM the item is freed and the list unchanged. */
int itav__iter_push(itav__iter *it, void *item);
/* Hands out the next item (ownership moves to the caller) or returns ITAV_ITEROVER. */
int itav__iter_next(void **out, itav__iter *it);
/* Frees the items not handed out, and the list (not the struct holding it). */
void itav__iter_clear(itav__iter *it);

/* ---- validation ---- */
#define ITAV__ID_MAX 64
#define ITAV__TEXT_MAX 65536
bool itav__valid_id(const char *s);
bool itav__valid_ref(const char *s);
bool itav__valid_utf8(const char *s);
/* Text the library stores: valid UTF-8, at most ITAV__TEXT_MAX bytes. */
bool itav__valid_text(const char *s);
int itav__strcasecmp(const char *a, const char *b);
bool itav__contains_nocase(const char *haystack, const char *needle);

/* ---- figures and roles ---- */
struct itav_figure {
    char *what;
    itav_qualifier qualifier;
    double min, max;
    char *text, *period, *where, *note, *source;
};
typedef struct itav__figlist {
    itav_figure **v;
    size_t n, cap;
} itav__figlist;
int itav__figure_copy(itav_figure **out, const itav_figure *f);
int itav__figlist_add(itav__figlist *l, const itav_figure *f);
int itav__figlist_remove(itav__figlist *l, size_t i);
int itav__figlist_copy(itav__figlist *dst, const itav__figlist *src);
void itav__figlist_clear(itav__figlist *l);

struct itav_role {
    itav_role_kind kind;
    char *description;
    int vog;
    char *training;
};
int itav__role_copy(itav_role **out, const itav_role *r);

/* ---- sources: one optional reference per named field ---- */
#define ITAV__MAX_FIELDS 24
typedef struct itav__sources {
    char *ref[ITAV__MAX_FIELDS];
} itav__sources;
/* NULL-terminated field-name tables, in export order. */
extern const char *const itav__intervention_fields[];
extern const char *const itav__offer_fields[];
int itav__field_index(const char *const *fields, const char *name);
int itav__sources_set(itav__sources *s, const char *const *fields, const char *field,
                      const char *ref);
int itav__sources_copy(itav__sources *dst, const itav__sources *src);
void itav__sources_clear(itav__sources *s);

/* ---- interventions and offers ---- */
typedef struct itav__element_statement {
    itav_status status;
    char *evidence;
    char *source;
} itav__element_statement;

#define ITAV__PROFILE_SOURCES 3 /* table, sections, other */

struct itav_intervention {
    char *id;
    char *name;
    char *summary;
    itav_kind kind;
    itav_setting setting;
    itav_scope scope;
    itav_channel channel;
    itav_evidence evidence;
    int since;
    unsigned audience;
    int32_t age_min, age_max;
    char *conditions;
    itav__strlist text[8]; /* indexed by itav_text_list (0 unused) */
    itav_role **roles;
    size_t nroles, caproles;
    itav__figlist reach;
    itav__element_statement profile[ITAV__PROFILE_SOURCES][ITAV_ELEMENT_COUNT];
    itav__sources sources;
};

struct itav_offer {
    char *id;
    char *intervention;
    char *name, *region, *provider, *contact;
    int32_t start, end;
    itav__strlist municipalities;
    itav__figlist reach, targets;
    itav__sources sources;
};

/* ---- the context and the record layer ---- */
struct itav_db {
    itav_backend *be;
    int errcode;
    char errmsg[1024];
};

#define ITAV__KIND_INTERVENTION "intervention"
#define ITAV__KIND_OFFER "offer"
#define ITAV__OFFER_SLOT_INTERVENTION 0

/* Records an error on the context and returns code. db may be NULL. */
int itav__error(itav_db *db, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Records a backend failure: code plus the backend's own words, if any. */
int itav__backend_error(itav_db *db, int code, const char *what);

int itav__begin(itav_db *db);
int itav__commit(itav_db *db);
void itav__rollback(itav_db *db);

/* A record read from the store: owned copy of its bytes, NUL-terminated. */
int itav__get_record(char **out, itav_db *db, const char *kind, const char *key);
int itav__put_record(itav_db *db, const char *kind, const char *key, const char *const *index,
                     const char *data);
int itav__del_record(itav_db *db, const char *kind, const char *key);
int itav__exists(bool *out, itav_db *db, const char *kind, const char *key);
/* Calls fn for every record of a kind (slot/value as in the backend contract). */
int itav__scan(itav_db *db, const char *kind, int slot, const char *value, itav_record_fn fn,
               void *arg);

/* ---- JSON (json.c is the only module that includes jansson.h) ---- */
/* Encoders return owned text; decoders read size bytes (no NUL needed) and write a message
 * into err (size errsize) that starts with the JSON path of the problem. */
int itav__intervention_encode(char **out, const itav_intervention *iv, bool pretty);
int itav__intervention_decode(itav_intervention **out, const char *json, size_t size,
                              char *err, size_t errsize);
int itav__offer_encode(char **out, const itav_offer *of, bool pretty);
int itav__offer_decode(itav_offer **out, const char *json, size_t size, char *err,
                       size_t errsize);

/* Validation the store applies before every write. */
int itav__intervention_check(itav_db *db, const itav_intervention *iv);
int itav__offer_check(itav_db *db, const itav_offer *of);
/* Writes without their own transaction (the caller holds one). */
int itav__intervention_write(itav_db *db, const itav_intervention *iv);
int itav__offer_write(itav_db *db, const itav_offer *of);

/* ---- backends ---- */
int itav__memory_backend_new(itav_backend **out);
int itav__sqlite_backend_open(itav_backend **out, const char *path, char *err, size_t errsize);

/* ---- the embedded catalogue (generated from data/catalog.json) ---- */
extern const char itav__catalog_text[];

#endif
