/* lib/codec: the stored record format (docs/storage.md). Every kind is described by a
 * layout, a table of its struct's fields; one engine (record.c) encodes any layout as CBOR
 * (RFC 8949) and decodes it straight back into the struct, pulling one item at a time from
 * libcbor's streaming decoder: no parse tree, and no allocation but the struct's own.
 * Depends on lib/util, lib/store and lib/model; the only layer that includes cbor.h. */
#ifndef ITAV_CODEC_INT_H
#define ITAV_CODEC_INT_H

#include "model/model_int.h"

#include <stddef.h>

/* How a field is stored. */
typedef enum itav__ftype {
    ITAV__F_INT,     /* a signed integer of `size` bytes in [lo, hi], or a code */
    ITAV__F_UINT,    /* an unsigned integer of `size` bytes, at most hi, or a set of code bits */
    ITAV__F_DATE,    /* an int32_t date in years 1900-9999, or ITAV_DATE_NONE */
    ITAV__F_BOOL,    /* a bool */
    ITAV__F_DOUBLE,  /* a finite double in [lo, hi] (lo > hi: any), or NaN when hi_nan */
    ITAV__F_TEXT,    /* a char * (NULL allowed): valid UTF-8 without NUL */
    ITAV__F_CHARS,   /* a char[size] holding a NUL-terminated string */
    ITAV__F_STRLIST, /* an itav__strlist */
    ITAV__F_INTS,    /* `count` signed integers of `size` bytes each, in [lo, hi] */
    ITAV__F_TEXTS,   /* `count` char * */
    ITAV__F_COUNTED, /* an int32_t[count] whose used length is the size_t at n */
    ITAV__F_INLINE,  /* `count` structs of layout sub, inline */
    ITAV__F_ARRAY,   /* sub structs at a pointer, their number at n (capacity at cap or -1) */
    ITAV__F_PTRS,    /* pointers to sub structs at a pointer, number at n, capacity at cap */
    ITAV__F_OPTIONAL /* a pointer to one sub struct, or NULL */
} itav__ftype;

typedef struct itav__layout itav__layout;

typedef struct itav__field {
    const char *name; /* in messages and docs/storage.md */
    itav__ftype type;
    size_t off;  /* of the field in its struct */
    size_t size; /* of one integer, or of the char array */
    long long lo, hi;
    size_t count;           /* fixed arrays */
    long n, cap;            /* offsets of the length and capacity (size_t), or -1 */
    const itav__layout *sub; /* INLINE, ARRAY, PTRS, OPTIONAL */
    int code;                /* INT: an itav_code_type whose names are the valid values;
                              * UINT: one whose names are the valid bits */
    const char *code_name;   /* and its name, for docs/storage.md */
    bool nan_ok;             /* DOUBLE: NaN stands for "none" */
    unsigned since;          /* the record version that added the field; 0 for version 1 */
} itav__field;

struct itav__layout {
    const char *name;  /* in messages: "participant", "trail entry" */
    size_t size;       /* of the struct */
    const itav__field *fields;
    size_t nfields;
    /* Frees an allocated struct of this layout, however far its decoding got (the free
     * function of its type); NULL for layouts that only appear inline. */
    void (*free)(void *);
    /* Optional: what is wrong with a decoded struct whose fields disagree (a rule of the
     * model that spans fields), or NULL when nothing is. */
    const char *(*check)(const void *);
    /* Optional: gives the fields that a record of an older version lacks the default of
     * their object where that is not zero (called with the record's version), or NULL. */
    void (*older)(void *, long long);
};

/* The layouts of the stored kinds, NULL-terminated (layouts.c). */
extern const itav__layout *const itav__layouts[];

/* Record version: the first item of every stored record. Every struct of a record has the
 * fields of its layout that its version has (a field's since); a field a record's version
 * lacks keeps the default of its object, zero (docs/storage.md). Version 2 added the
 * indicator's more_municipalities; version 3 the plan's proposal_days, the access sheets of
 * interventions and offers, the outcomes of interventions, the milestones of offers, the
 * costs of offers and interventions and the capacity of offers. */
#define ITAV__RECORD_VERSION 3

/* Encodes obj as a record of layout into a new buffer (*out, *size; freed with
 * itav__free). ITAV_OK or ITAV_ENOMEM. */
int itav__record_encode(unsigned char **out, size_t *size, const itav__layout *layout,
                        const void *obj);
/* Decodes a record into a new struct of layout; on ITAV_EFORMAT err says what is wrong and
 * where ("participant.languages[2]: ..."), in the language of db (NULL: English; the path
 * stays as it is); ITAV_ENOMEM. */
int itav__record_decode(void **out, const itav__layout *layout, const itav_db *db,
                        const void *data, size_t size, char *err, size_t errsize);

#endif
