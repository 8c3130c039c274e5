/* Reading an itav/1 document one record at a time (docs/format.md, "Streaming import").
 *
 * jansson has no event (SAX) parser, but it parses one value from a callback and stops at
 * its end (JSON_DISABLE_EOF_CHECK, with the bytes it used in json_error_t.position). This
 * reader walks the few tokens of the top level itself ({ "member": [ , ] }) and hands every
 * element of an array member to jansson alone: at any time only one record's tree exists.
 *
 * The reader is strict in the other direction: anything it does not expect (a syntax error
 * anywhere, a member that is not known or comes twice, a member that is not an array, a key
 * with an escape, text after the document) makes it stop with ITAV__JSON_WHOLE, and the
 * caller then parses the document as a whole with jansson, as before streaming existed, so
 * that every message (jansson's line:column and words included) stays exactly the same. */
#include "interchange/json_int.h"

#include <errno.h>
#include <string.h>

/* The window over a file grows from this (a record larger than it makes it grow). */
#define WINDOW 65536
/* Member names are short; a longer key is not one of them. */
#define KEY_MAX 32

typedef struct reader {
    FILE *f;          /* NULL: all of the text is in data */
    char *buf;        /* the window over f */
    size_t cap;
    const char *data; /* buf, or the text */
    size_t len;       /* bytes in data */
    size_t pos;       /* the next byte to read */
    size_t keep;      /* a refill keeps the bytes from here (the value jansson is reading) */
    size_t fed;       /* the next byte to hand to jansson */
    bool eof, failed, nomem;
} reader;

/* Reads more of the file into the window, keeping the bytes from keep on; false at the end
 * of the file, on a read error (failed) or for lack of memory (nomem). */
static bool refill(reader *r)
{
    if (!r->f || r->eof)
        return false;
    if (r->keep > 0) {
        memmove(r->buf, r->buf + r->keep, r->len - r->keep);
        r->len -= r->keep;
        r->pos -= r->keep;
        r->fed -= r->keep;
        r->keep = 0;
    }
    if (r->len == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : WINDOW;
        char *buf = itav__realloc(r->buf, cap);
        if (!buf) {
            r->nomem = true;
            return false;
        }
        r->buf = buf;
        r->cap = cap;
        r->data = buf;
    }
    size_t n = fread(r->buf + r->len, 1, r->cap - r->len, r->f);
    if (n == 0) {
        r->eof = true;
        r->failed = ferror(r->f) != 0;
        return false;
    }
    r->len += n;
    return true;
}

/* The next byte, or -1 at the end. */
static int peek(reader *r)
{
    if (r->pos >= r->len && !refill(r))
        return -1;
    return (unsigned char)r->data[r->pos];
}

static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The next byte that is not JSON white space, or -1 at the end. */
static int skip_space(reader *r)
{
    int c;
    while (is_space(c = peek(r)))
        r->pos++;
    return c;
}

/* Takes c if it is next (after white space). */
static bool take(reader *r, int c)
{
    if (skip_space(r) != c)
        return false;
    r->pos++;
    return true;
}

static size_t feed(void *buffer, size_t size, void *arg)
{
    reader *r = arg;
    if (r->fed >= r->len && !refill(r))
        return r->failed || r->nomem ? (size_t)-1 : 0;
    size_t n = r->len - r->fed < size ? r->len - r->fed : size;
    memcpy(buffer, r->data + r->fed, n);
    r->fed += n;
    return n;
}

/* One value, parsed by jansson from the reader's position; the reader then stands after it.
 * ITAV_ENOMEM, ITAV_EIO or ITAV__JSON_WHOLE (a syntax error: the whole parse says where). */
static int value(reader *r, json_t **out)
{
    json_error_t e;
    skip_space(r);
    r->keep = r->fed = r->pos;
    *out = json_load_callback(feed, r,
                              JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES,
                              &e);
    size_t start = r->keep; /* where the value began (a refill moves the window) */
    r->keep = r->pos = start;
    if (r->failed || r->nomem) {
        json_decref(*out);
        *out = NULL;
        return r->failed ? ITAV_EIO : ITAV_ENOMEM;
    }
    if (!*out)
        return itav__json_load_nomem(&e) ? ITAV_ENOMEM : ITAV__JSON_WHOLE;
    r->pos = start + (size_t)e.position;
    return ITAV_OK;
}

/* A key without escapes: member names are plain ASCII. */
static bool key(reader *r, char *out)
{
    size_t n = 0;
    int c;
    if (!take(r, '"'))
        return false;
    while ((c = peek(r)) != '"') {
        if (c < 0x20 || c >= 0x7f || c == '\\' || n + 1 >= KEY_MAX)
            return false;
        out[n++] = (char)c;
        r->pos++;
    }
    r->pos++;
    out[n] = '\0';
    return true;
}

/* One member of the top level: an array member's elements in turn, another member's value
 * as a whole. seen: the members already read (bit i for members[i]). */
static int member(reader *r, const itav__json_stream_spec *spec, void *arg, unsigned *seen)
{
    char name[KEY_MAX];
    int m = -1, rc;
    json_t *v;
    if (!key(r, name) || !take(r, ':'))
        return ITAV__JSON_WHOLE;
    for (int i = 0; spec->members[i] && m < 0; i++)
        if (strcmp(spec->members[i], name) == 0)
            m = i;
    if (m < 0 || (*seen & (1u << m))) /* unknown or twice: the whole parse says so */
        return ITAV__JSON_WHOLE;
    *seen |= (1u << m);
    if (!(spec->arrays & (1u << m))) {
        if ((rc = value(r, &v)) != ITAV_OK)
            return rc;
        rc = spec->member(arg, m, v);
        json_decref(v);
        return rc;
    }
    if (!take(r, '['))
        return ITAV__JSON_WHOLE;
    if (take(r, ']'))
        return ITAV_OK;
    size_t at = 0;
    do {
        if ((rc = value(r, &v)) != ITAV_OK)
            return rc;
        rc = spec->element(arg, m, at++, v);
        json_decref(v);
        if (rc != ITAV_OK)
            return rc;
    } while (take(r, ','));
    return take(r, ']') ? ITAV_OK : ITAV__JSON_WHOLE;
}

/* The whole document: an object of members, and nothing after it but white space. */
static int document(reader *r, const itav__json_stream_spec *spec, void *arg)
{
    unsigned seen = 0;
    int rc;
    if (!take(r, '{'))
        return ITAV__JSON_WHOLE;
    if (skip_space(r) != '}') { /* {} has no members */
        do {
            if ((rc = member(r, spec, arg, &seen)) != ITAV_OK)
                return rc;
        } while (take(r, ','));
    }
    if (!take(r, '}') || skip_space(r) != -1)
        return ITAV__JSON_WHOLE;
    return ITAV_OK;
}

static int finish(reader *r, int rc)
{
    if (rc == ITAV__JSON_WHOLE && r->failed)
        rc = ITAV_EIO;
    else if (rc == ITAV__JSON_WHOLE && r->nomem)
        rc = ITAV_ENOMEM;
    itav__free(r->buf);
    return rc;
}

int itav__json_stream_text(const char *text, size_t size, const itav__json_stream_spec *spec,
                           void *arg)
{
    reader r = {.data = text, .len = size, .eof = true};
    return finish(&r, document(&r, spec, arg));
}

int itav__json_stream_file(FILE *f, const itav__json_stream_spec *spec, void *arg)
{
    reader r = {.f = f};
    return finish(&r, document(&r, spec, arg));
}

static size_t depth(const json_t *v)
{
    size_t deepest = 0, d, i;
    const char *k;
    json_t *x;
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, k, x) {
            if ((d = depth(x)) > deepest)
                deepest = d;
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x) {
            if ((d = depth(x)) > deepest)
                deepest = d;
        }
    }
    return deepest + 1;
}

bool itav__json_too_deep(const json_t *v, size_t above)
{
    return depth(v) + above > JSON_PARSER_MAX_DEPTH;
}
