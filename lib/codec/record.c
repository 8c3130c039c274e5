/* The record engine: any layout to CBOR and back (docs/storage.md).
 *
 * A struct is a CBOR array of its fields in layout order; a record is the array of the
 * record version followed by the fields of its top struct. Encoding writes the items with
 * libcbor's cbor_encode_* functions into one growing buffer. Decoding reads one item head at
 * a time with the small reader below (libcbor's streaming decoder, a callback per item, took
 * 2.6 us for a participant where the budget is 1 us: docs/storage.md) and writes each item
 * straight into the struct; every item is checked against the field it fills, so a damaged
 * record gives ITAV_EFORMAT with the path of the field and never a struct out of range. */
#include "codec/codec_int.h"

#include <cbor.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- encoding ---- */

typedef struct writer {
    unsigned char *p;
    size_t n, cap;
    bool nomem;
} writer;

/* Makes room for need more bytes; false (and nomem set) when memory ran out. */
static bool room(writer *w, size_t need)
{
    if (w->nomem)
        return false;
    if (w->cap - w->n >= need)
        return true;
    size_t cap = w->cap ? w->cap : 256;
    while (cap - w->n < need)
        cap *= 2;
    unsigned char *p = itav__realloc(w->p, cap);
    if (!p) {
        w->nomem = true;
        return false;
    }
    w->p = p;
    w->cap = cap;
    return true;
}

/* Every item head fits in 9 bytes. */
#define HEAD 9

static void put_uint(writer *w, uint64_t v)
{
    if (room(w, HEAD))
        w->n += cbor_encode_uint(v, w->p + w->n, HEAD);
}

static void put_int(writer *w, long long v)
{
    if (!room(w, HEAD))
        return;
    if (v >= 0)
        w->n += cbor_encode_uint((uint64_t)v, w->p + w->n, HEAD);
    else /* CBOR's negative integers hold -1 - v */
        w->n += cbor_encode_negint((uint64_t)(-(v + 1)), w->p + w->n, HEAD);
}

static void put_array(writer *w, size_t n)
{
    if (room(w, HEAD))
        w->n += cbor_encode_array_start(n, w->p + w->n, HEAD);
}

static void put_text(writer *w, const char *s)
{
    if (!s) {
        if (room(w, 1))
            w->n += cbor_encode_null(w->p + w->n, 1);
        return;
    }
    size_t len = strlen(s);
    if (!room(w, HEAD + len))
        return;
    w->n += cbor_encode_string_start(len, w->p + w->n, HEAD);
    memcpy(w->p + w->n, s, len);
    w->n += len;
}

static long long int_at(const unsigned char *at, size_t size)
{
    switch (size) {
    case 1: return *(const signed char *)at;
    case 2: return *(const int16_t *)(const void *)at;
    case 4: return *(const int32_t *)(const void *)at;
    default: return *(const int64_t *)(const void *)at;
    }
}

static unsigned long long uint_at(const unsigned char *at, size_t size)
{
    switch (size) {
    case 1: return *at;
    case 2: return *(const uint16_t *)(const void *)at;
    case 4: return *(const uint32_t *)(const void *)at;
    default: return *(const uint64_t *)(const void *)at;
    }
}

static void put_struct(writer *w, const itav__layout *l, const unsigned char *base);

static void put_field(writer *w, const itav__field *f, const unsigned char *base)
{
    const unsigned char *at = base + f->off;
    switch (f->type) {
    case ITAV__F_INT:
    case ITAV__F_DATE: put_int(w, int_at(at, f->size)); break;
    case ITAV__F_UINT: put_uint(w, uint_at(at, f->size)); break;
    case ITAV__F_BOOL:
        if (room(w, 1))
            w->n += cbor_encode_bool(*(const bool *)at, w->p + w->n, 1);
        break;
    case ITAV__F_DOUBLE:
        if (room(w, HEAD))
            w->n += cbor_encode_double(*(const double *)(const void *)at, w->p + w->n, HEAD);
        break;
    case ITAV__F_TEXT: put_text(w, *(char *const *)(const void *)at); break;
    case ITAV__F_CHARS: put_text(w, (const char *)at); break;
    case ITAV__F_STRLIST: {
        const itav__strlist *l = (const void *)at;
        put_array(w, l->n);
        for (size_t i = 0; i < l->n; i++)
            put_text(w, l->v[i]);
        break;
    }
    case ITAV__F_INTS:
        put_array(w, f->count);
        for (size_t i = 0; i < f->count; i++)
            put_int(w, int_at(at + i * f->size, f->size));
        break;
    case ITAV__F_TEXTS:
        put_array(w, f->count);
        for (size_t i = 0; i < f->count; i++)
            put_text(w, ((char *const *)(const void *)at)[i]);
        break;
    case ITAV__F_COUNTED: {
        size_t n = *(const size_t *)(const void *)(base + f->n);
        put_array(w, n);
        for (size_t i = 0; i < n; i++)
            put_int(w, ((const int32_t *)(const void *)at)[i]);
        break;
    }
    case ITAV__F_INLINE:
        put_array(w, f->count);
        for (size_t i = 0; i < f->count; i++)
            put_struct(w, f->sub, at + i * f->sub->size);
        break;
    case ITAV__F_ARRAY: {
        const unsigned char *v = *(const unsigned char *const *)(const void *)at;
        size_t n = *(const size_t *)(const void *)(base + f->n);
        put_array(w, n);
        for (size_t i = 0; i < n; i++)
            put_struct(w, f->sub, v + i * f->sub->size);
        break;
    }
    case ITAV__F_PTRS: {
        const unsigned char *const *v = *(const unsigned char *const *const *)(const void *)at;
        size_t n = *(const size_t *)(const void *)(base + f->n);
        put_array(w, n);
        for (size_t i = 0; i < n; i++)
            put_struct(w, f->sub, v[i]);
        break;
    }
    case ITAV__F_OPTIONAL: {
        const unsigned char *p = *(const unsigned char *const *)(const void *)at;
        if (p)
            put_struct(w, f->sub, p);
        else if (room(w, 1))
            w->n += cbor_encode_null(w->p + w->n, 1);
        break;
    }
    }
}

static void put_struct(writer *w, const itav__layout *l, const unsigned char *base)
{
    put_array(w, l->nfields);
    for (size_t i = 0; i < l->nfields; i++)
        put_field(w, &l->fields[i], base);
}

int itav__record_encode(unsigned char **out, size_t *size, const itav__layout *layout,
                        const void *obj)
{
    writer w = {0};
    put_array(&w, layout->nfields + 1);
    put_uint(&w, ITAV__RECORD_VERSION);
    for (size_t i = 0; i < layout->nfields; i++)
        put_field(&w, &layout->fields[i], obj);
    if (w.nomem) {
        itav__free(w.p);
        return ITAV_ENOMEM;
    }
    *out = w.p;
    *size = w.n;
    return ITAV_OK;
}

/* ---- decoding ---- */

typedef enum item_kind {
    ITEM_UINT, ITEM_NEGINT, ITEM_TEXT, ITEM_ARRAY, ITEM_NULL, ITEM_BOOL, ITEM_DOUBLE, ITEM_OTHER
} item_kind;

typedef struct reader {
    const unsigned char *p;
    size_t left;
    /* the item last read */
    item_kind kind;
    uint64_t u; /* UINT and NEGINT (then the value is -1 - u), ARRAY length */
    double d;
    bool b;
    const unsigned char *text;
    size_t len;
    /* where we are, for messages: the record's kind, then field names and array indexes
     * (index -1 for a name), written out only when something is wrong */
    const char *record;
    struct {
        const char *name;
        long index;
    } at[16];
    size_t depth;
    char *err;
    size_t errsize;
    long long version; /* the record's: which fields its structs have */
    const itav_db *db; /* whose language the words of a message are in (NULL: English) */
} reader;

/* err: the path where we are, then what is wrong there. */
static int damaged_at(reader *r, const char *what)
{
    size_t len = (size_t)snprintf(r->err, r->errsize, "%s", r->record);
    for (size_t i = 0; i < r->depth && len < r->errsize; i++)
        len += (size_t)(r->at[i].index < 0
                            ? snprintf(r->err + len, r->errsize - len, ".%s", r->at[i].name)
                            : snprintf(r->err + len, r->errsize - len, "[%ld]", r->at[i].index));
    if (len < r->errsize)
        snprintf(r->err + len, r->errsize - len, ": %s", what);
    return ITAV_EFORMAT;
}

/* The English format is the key of its translation (lib/po/nl.po), as for itav__error(). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int damaged(reader *r, const char *fmt, ...)
{
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, itav__tr(r->db, fmt), ap);
    va_end(ap);
    return damaged_at(r, what);
}

/* The big-endian number of len bytes at p. */
static uint64_t be_number(const unsigned char *p, size_t len)
{
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++)
        v = v << 8 | p[i];
    return v;
}

/* Reads the next item (its head, and the bytes of a text). This reads the CBOR that
 * itav__record_encode writes (RFC 8949: definite lengths, shortest heads not required) and
 * takes every other item as ITEM_OTHER, which no field accepts: a record is never read past
 * such an item. */
static int next(reader *r)
{
    if (!r->left)
        return damaged(r, "the record ends early");
    const unsigned char *p = r->p;
    unsigned major = p[0] >> 5, info = p[0] & 31;
    size_t used = 1;
    uint64_t arg = info;
    r->kind = ITEM_OTHER;
    if (info >= 24 && info <= 27) { /* the argument follows in 1, 2, 4 or 8 bytes */
        size_t len = (size_t)1 << (info - 24);
        if (r->left < 1 + len)
            return damaged(r, "the record ends early");
        arg = be_number(p + 1, len);
        used += len;
    } else if (info > 27) {
        arg = 0; /* indefinite lengths and reserved values: ITEM_OTHER */
        major = 8;
    }
    switch (major) {
    case 0: r->kind = ITEM_UINT, r->u = arg; break;
    case 1: r->kind = ITEM_NEGINT, r->u = arg; break;
    case 3:
        if (arg > r->left - used)
            return damaged(r, "the record ends early");
        r->kind = ITEM_TEXT, r->text = p + used, r->len = (size_t)arg;
        used += (size_t)arg;
        break;
    case 4: r->kind = ITEM_ARRAY, r->u = arg; break;
    case 7:
        if (info == 20 || info == 21)
            r->kind = ITEM_BOOL, r->b = info == 21;
        else if (info == 22)
            r->kind = ITEM_NULL;
        else if (info == 27) { /* a double */
            uint64_t bits = arg;
            memcpy(&r->d, &bits, sizeof r->d);
            r->kind = ITEM_DOUBLE;
        }
        break;
    default: break; /* byte strings, maps, tags */
    }
    r->p += used;
    r->left -= used;
    return ITAV_OK;
}

static const char *kind_name(const reader *r, item_kind k)
{
    static const char *const names[] = {N_("an integer"), N_("an integer"), N_("text"),
                                        N_("an array"),   N_("null"),       N_("a boolean"),
                                        N_("a number"),   N_("another CBOR item")};
    return itav__tr(r->db, names[k]);
}

static int expect(reader *r, item_kind want, const char *what)
{
    int rc = next(r);
    if (rc != ITAV_OK)
        return rc;
    if (r->kind == want || (want == ITEM_UINT && r->kind == ITEM_NEGINT))
        return ITAV_OK;
    return damaged(r, "%s expected, %s found", itav__tr(r->db, what), kind_name(r, r->kind));
}

/* An array of exactly n items (n SIZE_MAX: any number, bounded by the bytes left, as
 * every item takes at least one). */
static int array_of(reader *r, size_t *len, size_t n)
{
    int rc = expect(r, ITEM_ARRAY, N_("an array"));
    if (rc != ITAV_OK)
        return rc;
    if (n != SIZE_MAX && r->u != n)
        return damaged(r, "%llu items, %zu expected", (unsigned long long)r->u, n);
    if (r->u > r->left)
        return damaged(r, "an array of %llu items in %zu bytes", (unsigned long long)r->u,
                       r->left);
    *len = (size_t)r->u;
    return ITAV_OK;
}

static int read_int(reader *r, long long *v, long long lo, long long hi)
{
    /* Most integers (codes, flags, scores) are -24..23, a head of one byte: read it here. */
    unsigned char head = r->left ? *r->p : 0xff;
    if (head < 0x18 || (head >= 0x20 && head < 0x38)) {
        *v = head < 0x18 ? head : -1 - (long long)(head - 0x20);
        r->p++;
        r->left--;
    } else {
        int rc = expect(r, ITEM_UINT, N_("an integer"));
        if (rc != ITAV_OK)
            return rc;
        if (r->u > INT64_MAX)
            return damaged(r, "integer out of range");
        *v = r->kind == ITEM_UINT ? (long long)r->u : -1 - (long long)r->u;
    }
    if (*v < lo || *v > hi)
        return damaged(r, "%lld is outside %lld..%lld", *v, lo, hi);
    return ITAV_OK;
}

static void store_int(unsigned char *at, size_t size, long long v)
{
    switch (size) {
    case 1: *(signed char *)at = (signed char)v; break;
    case 2: *(int16_t *)(void *)at = (int16_t)v; break;
    case 4: *(int32_t *)(void *)at = (int32_t)v; break;
    default: *(int64_t *)(void *)at = (int64_t)v; break;
    }
}

static int nomem(reader *r)
{
    snprintf(r->err, r->errsize, "%s", itav__tr(r->db, N_("out of memory")));
    return ITAV_ENOMEM;
}

/* Text (or null when nullable) into an owned copy; *out NULL for null. */
static int read_text(reader *r, char **out, bool nullable, size_t max)
{
    int rc = next(r);
    *out = NULL;
    if (rc != ITAV_OK)
        return rc;
    if (r->kind == ITEM_NULL && nullable)
        return ITAV_OK;
    if (r->kind != ITEM_TEXT)
        return damaged(r, "text expected, %s found", kind_name(r, r->kind));
    if (r->len > max || memchr(r->text, '\0', r->len))
        return damaged(r, "text longer than %zu bytes or with a NUL byte", max);
    char *s = itav__malloc(r->len + 1);
    if (!s)
        return nomem(r);
    memcpy(s, r->text, r->len);
    s[r->len] = '\0';
    unsigned char high = 0; /* most text is ASCII: the full check only when it is not */
    for (size_t i = 0; i < r->len; i++)
        high |= r->text[i];
    if (high >= 0x80 && !itav__valid_utf8(s)) {
        itav__free(s);
        return damaged(r, "text that is not UTF-8");
    }
    *out = s;
    return ITAV_OK;
}

/* Goes one step down the path (a field's name, or index >= 0 in an array); returns the
 * depth to come back to. Nesting deeper than the path holds goes unnamed. */
static size_t enter(reader *r, const char *name, long index)
{
    size_t depth = r->depth;
    if (depth < sizeof r->at / sizeof *r->at) {
        r->at[depth].name = name;
        r->at[depth].index = index;
        r->depth = depth + 1;
    }
    return depth;
}

static int get_fields(reader *r, const itav__layout *l, unsigned char *base, size_t n);

/* A struct: an array of its fields. */
static int get_struct(reader *r, const itav__layout *l, unsigned char *base)
{
    size_t n;
    int rc = array_of(r, &n, SIZE_MAX);
    return rc == ITAV_OK ? get_fields(r, l, base, n) : rc;
}

/* A new struct of layout sub at *slot (set at once, so the owner's free finds it), whose
 * array of n fields has been read. */
static int get_new(reader *r, const itav__layout *sub, unsigned char **slot, size_t n)
{
    if (!(*slot = itav__calloc(1, sub->size)))
        return nomem(r);
    return get_fields(r, sub, *slot, n);
}

static int get_field(reader *r, const itav__field *f, unsigned char *base)
{
    unsigned char *at = base + f->off;
    size_t n, mark = enter(r, f->name, -1), named = r->depth;
    long long v;
    int rc = ITAV_OK;
    switch (f->type) {
    case ITAV__F_INT:
        if ((rc = read_int(r, &v, f->lo, f->hi)) != ITAV_OK)
            break;
        if (f->code && v && !itav_code_name((itav_code_type)f->code, (int)v))
            rc = damaged(r, "%lld is not a value of %s", v, f->code_name);
        else
            store_int(at, f->size, v);
        break;
    case ITAV__F_UINT:
        if ((rc = read_int(r, &v, 0, f->hi)) != ITAV_OK)
            break;
        for (unsigned long long bits = (unsigned long long)v; f->code && bits; bits &= bits - 1)
            if (!itav_code_name((itav_code_type)f->code, (int)(bits & -bits))) {
                rc = damaged(r, "bit %#llx is not a value of %s", bits & -bits, f->code_name);
                break;
            }
        if (rc == ITAV_OK)
            store_int(at, f->size, v);
        break;
    case ITAV__F_DATE:
        if ((rc = read_int(r, &v, INT32_MIN, INT32_MAX)) != ITAV_OK)
            break;
        if (!itav__valid_date_or_none((int32_t)v))
            rc = damaged(r, "%lld is not a date in the years 1900-9999", v);
        else
            *(int32_t *)(void *)at = (int32_t)v;
        break;
    case ITAV__F_BOOL:
        if ((rc = expect(r, ITEM_BOOL, N_("a boolean"))) == ITAV_OK)
            *(bool *)at = r->b;
        break;
    case ITAV__F_DOUBLE:
        if ((rc = expect(r, ITEM_DOUBLE, N_("a number"))) != ITAV_OK)
            break;
        if (isnan(r->d) ? !f->nan_ok
                        : !isfinite(r->d) || (f->lo <= f->hi && (r->d < (double)f->lo ||
                                                                r->d > (double)f->hi)))
            rc = damaged(r, "%g is not a value this field takes", r->d);
        else
            *(double *)(void *)at = r->d;
        break;
    case ITAV__F_TEXT: rc = read_text(r, (char **)(void *)at, true, ITAV__TEXT_MAX); break;
    case ITAV__F_CHARS: {
        char *s;
        if ((rc = read_text(r, &s, false, f->size - 1)) == ITAV_OK) {
            memcpy(at, s, strlen(s) + 1);
            itav__free(s);
        }
        break;
    }
    case ITAV__F_STRLIST: {
        itav__strlist *l = (void *)at;
        if ((rc = array_of(r, &n, SIZE_MAX)) != ITAV_OK || !n)
            break;
        if (!(l->v = itav__calloc(n, sizeof *l->v))) {
            rc = nomem(r);
            break;
        }
        l->cap = n;
        for (size_t i = 0; i < n && rc == ITAV_OK; i++) {
            r->depth = named;
            enter(r, NULL, (long)i);
            if ((rc = read_text(r, &l->v[i], false, ITAV__TEXT_MAX)) == ITAV_OK)
                l->n++;
        }
        break;
    }
    case ITAV__F_INTS:
        if ((rc = array_of(r, &n, f->count)) != ITAV_OK)
            break;
        for (size_t i = 0; i < n && rc == ITAV_OK; i++)
            if ((rc = read_int(r, &v, f->lo, f->hi)) == ITAV_OK)
                store_int(at + i * f->size, f->size, v);
        break;
    case ITAV__F_TEXTS:
        if ((rc = array_of(r, &n, f->count)) != ITAV_OK)
            break;
        for (size_t i = 0; i < n && rc == ITAV_OK; i++)
            rc = read_text(r, &((char **)(void *)at)[i], true, ITAV__TEXT_MAX);
        break;
    case ITAV__F_COUNTED:
        if ((rc = array_of(r, &n, SIZE_MAX)) != ITAV_OK)
            break;
        if (n > f->count) {
            rc = damaged(r, "%zu items, at most %zu allowed", n, f->count);
            break;
        }
        for (size_t i = 0; i < n && rc == ITAV_OK; i++)
            if ((rc = read_int(r, &v, f->lo, f->hi)) == ITAV_OK)
                ((int32_t *)(void *)at)[i] = (int32_t)v;
        if (rc == ITAV_OK)
            *(size_t *)(void *)(base + f->n) = n;
        break;
    case ITAV__F_INLINE:
        if ((rc = array_of(r, &n, f->count)) != ITAV_OK)
            break;
        for (size_t i = 0; i < n && rc == ITAV_OK; i++) {
            r->depth = named;
            enter(r, NULL, (long)i);
            rc = get_struct(r, f->sub, at + i * f->sub->size);
        }
        break;
    case ITAV__F_ARRAY:
    case ITAV__F_PTRS: {
        bool ptrs = f->type == ITAV__F_PTRS;
        if ((rc = array_of(r, &n, SIZE_MAX)) != ITAV_OK || !n)
            break;
        unsigned char *items = itav__calloc(n, ptrs ? sizeof(void *) : f->sub->size);
        if (!items) {
            rc = nomem(r);
            break;
        }
        *(unsigned char **)(void *)at = items;
        if (f->cap >= 0)
            *(size_t *)(void *)(base + f->cap) = n;
        /* the length counts the items as they come, so the owner's free sees only those */
        size_t *len = (size_t *)(void *)(base + f->n);
        for (size_t i = 0; i < n && rc == ITAV_OK; i++) {
            size_t m;
            r->depth = named;
            enter(r, NULL, (long)i);
            (*len)++;
            if (!ptrs)
                rc = get_struct(r, f->sub, items + i * f->sub->size);
            else if ((rc = array_of(r, &m, SIZE_MAX)) == ITAV_OK)
                rc = get_new(r, f->sub, &((unsigned char **)(void *)items)[i], m);
        }
        break;
    }
    case ITAV__F_OPTIONAL:
        if ((rc = next(r)) != ITAV_OK || r->kind == ITEM_NULL)
            break;
        if (r->kind != ITEM_ARRAY) {
            rc = damaged(r, "an array or null expected, %s found", kind_name(r, r->kind));
            break;
        }
        if (r->u > r->left) {
            rc = damaged(r, "an array of %llu items in %zu bytes", (unsigned long long)r->u,
                         r->left);
            break;
        }
        rc = get_new(r, f->sub, (unsigned char **)(void *)at, (size_t)r->u);
        break;
    }
    if (rc == ITAV_OK)
        r->depth = mark;
    return rc;
}

static int get_fields(reader *r, const itav__layout *l, unsigned char *base, size_t n)
{
    /* the fields of the record's version: later ones are only ever at the end */
    size_t has = l->nfields;
    while (has && l->fields[has - 1].since > r->version)
        has--;
    if (n != has)
        return damaged(r, "%zu fields, a %s of record version %lld has %zu", n, l->name,
                       r->version, has);
    int rc = ITAV_OK;
    for (size_t i = 0; i < n && rc == ITAV_OK; i++)
        rc = get_field(r, &l->fields[i], base);
    if (rc == ITAV_OK && has < l->nfields && l->older)
        l->older(base, r->version);
    const char *wrong = rc == ITAV_OK && l->check ? l->check(base) : NULL;
    return wrong ? damaged_at(r, itav__tr(r->db, wrong)) : rc;
}

int itav__record_decode(void **out, const itav__layout *layout, const itav_db *db,
                        const void *data, size_t size, char *err, size_t errsize)
{
    reader r = {.p = data, .left = size, .err = err, .errsize = errsize, .db = db};
    size_t n;
    long long version = 0; /* 0 until read; r.version matters only after a good read */
    r.record = layout->name;
    *out = NULL;
    int rc = array_of(&r, &n, SIZE_MAX);
    if (rc == ITAV_OK && n == 0)
        rc = damaged(&r, "an empty record");
    if (rc == ITAV_OK && (rc = read_int(&r, &version, INT64_MIN, INT64_MAX)) == ITAV_OK &&
        (version < 1 || version > ITAV__RECORD_VERSION))
        rc = damaged(&r, "record version %lld; this library reads versions 1 to %d", version,
                     ITAV__RECORD_VERSION);
    r.version = version;
    unsigned char *obj = NULL;
    if (rc == ITAV_OK && !(obj = itav__calloc(1, layout->size)))
        rc = nomem(&r);
    if (rc == ITAV_OK)
        rc = get_fields(&r, layout, obj, n - 1);
    if (rc == ITAV_OK && r.left)
        rc = damaged(&r, "%zu byte%s after the record", r.left, r.left == 1 ? "" : "s");
    if (rc != ITAV_OK) {
        if (obj)
            layout->free(obj);
        return rc;
    }
    *out = obj;
    return ITAV_OK;
}
