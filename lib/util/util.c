/* Allocation, strings, validation, result codes and version. */
#include "util/util_int.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* ---- allocation, with fault injection for tests ---- */

/* Process-wide, and atomic so that contexts used on other threads stay free of data races.
 * While tracking is off, an allocation pays one relaxed load (a plain load on common CPUs). */
static atomic_bool fault_tracking;
static atomic_long fault_allocations; /* allocations attempted while tracking */
static atomic_long fault_comparisons; /* itav__strcasecmp() calls while tracking */
static atomic_long fault_outstanding; /* blocks allocated minus blocks freed while tracking */
static atomic_long fault_countdown;   /* > 0: the allocation that brings it to 0 fails */
static atomic_long fault_failed;      /* allocations failed since the last arming */
static atomic_bool fault_persist;     /* after the first failure, fail every one */

static bool tracking(void) { return atomic_load_explicit(&fault_tracking, memory_order_relaxed); }

/* Counts an allocation while tracking; true when it must fail. Kept out of line, so that
 * the test below stays small enough to inline. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool tick(void)
{
    atomic_fetch_add_explicit(&fault_allocations, 1, memory_order_relaxed);
    bool fail = false;
    if (atomic_load(&fault_countdown) > 0)
        fail = atomic_fetch_sub(&fault_countdown, 1) == 1;
    else
        fail = atomic_load(&fault_persist) && atomic_load(&fault_failed) > 0;
    if (fail)
        atomic_fetch_add(&fault_failed, 1);
    return fail;
}

/* The allocators' test; static (so inlined): while off, it is the one load. */
static bool must_fail(void) { return tracking() && tick(); }

bool itav__fault_tick(void) { return must_fail(); }

void itav__fault_track(bool on) { atomic_store(&fault_tracking, on); }

void itav__fault_fail_at(long n, bool persist)
{
    atomic_store(&fault_countdown, 0);
    atomic_store(&fault_failed, 0);
    atomic_store(&fault_persist, persist);
    atomic_store(&fault_countdown, n > 0 ? n : 0);
}

long itav__fault_allocations(void) { return atomic_load(&fault_allocations); }
long itav__fault_comparisons(void) { return atomic_load(&fault_comparisons); }
long itav__fault_outstanding(void) { return atomic_load(&fault_outstanding); }
long itav__fault_failed(void) { return atomic_load(&fault_failed); }

static void *counted(void *p)
{
    if (p && tracking())
        atomic_fetch_add_explicit(&fault_outstanding, 1, memory_order_relaxed);
    return p;
}

void *itav__malloc(size_t n) { return must_fail() ? NULL : counted(malloc(n ? n : 1)); }

void *itav__calloc(size_t n, size_t size)
{
    return must_fail() ? NULL : counted(calloc(n ? n : 1, size ? size : 1));
}

void *itav__realloc(void *p, size_t n)
{
    if (must_fail())
        return NULL;
    void *q = realloc(p, n ? n : 1);
    return p ? q : counted(q); /* only realloc(NULL, n) makes a new block */
}

void itav__free(void *p)
{
    if (p && tracking())
        atomic_fetch_sub_explicit(&fault_outstanding, 1, memory_order_relaxed);
    free(p);
}

char *itav__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = itav__malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int itav__set_text(char **slot, const char *s)
{
    char *copy = NULL;
    if (s && *s && !itav__valid_text(s))
        return ITAV_EINVAL;
    if (s && *s && !(copy = itav__strdup(s)))
        return ITAV_ENOMEM;
    itav__free(*slot);
    *slot = copy;
    return ITAV_OK;
}

ITAV_API void itav_free(void *ptr) { itav__free(ptr); }

/* ---- string lists ---- */

int itav__strlist_add(itav__strlist *l, const char *s)
{
    if (!itav__valid_text(s))
        return ITAV_EINVAL;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        char **v = itav__realloc(l->v, cap * sizeof *v);
        if (!v)
            return ITAV_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = itav__strdup(s)))
        return ITAV_ENOMEM;
    l->n++;
    return ITAV_OK;
}

int itav__strlist_remove(itav__strlist *l, size_t i)
{
    if (i >= l->n)
        return ITAV_ERANGE;
    itav__free(l->v[i]);
    memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
    l->n--;
    return ITAV_OK;
}

void itav__strlist_clear(itav__strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        itav__free(l->v[i]);
    itav__free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

int itav__strlist_copy(itav__strlist *dst, const itav__strlist *src)
{
    itav__strlist tmp = {0};
    for (size_t i = 0; i < src->n; i++) {
        if (itav__strlist_add(&tmp, src->v[i]) != ITAV_OK) {
            itav__strlist_clear(&tmp);
            return ITAV_ENOMEM;
        }
    }
    itav__strlist_clear(dst);
    *dst = tmp;
    return ITAV_OK;
}

bool itav__strlist_has_nocase(const itav__strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (itav__strcasecmp(l->v[i], s) == 0)
            return true;
    return false;
}

/* ---- iterators ---- */

int itav__iter_push(itav__iter *it, void *item)
{
    if (it->n == it->cap) {
        size_t cap = it->cap ? it->cap * 2 : 16;
        void **v = itav__realloc(it->items, cap * sizeof *v);
        if (!v) {
            it->free_item(item);
            return ITAV_ENOMEM;
        }
        it->items = v;
        it->cap = cap;
    }
    it->items[it->n++] = item;
    return ITAV_OK;
}

int itav__iter_next(void **out, itav__iter *it)
{
    if (it->next == it->n) {
        *out = NULL;
        return ITAV_ITEROVER;
    }
    *out = it->items[it->next];
    it->items[it->next++] = NULL;
    return ITAV_OK;
}

void itav__iter_clear(itav__iter *it)
{
    for (size_t i = it->next; i < it->n; i++)
        it->free_item(it->items[i]);
    itav__free(it->items);
    it->items = NULL;
    it->n = it->cap = it->next = 0;
}

/* ---- validation and comparison ---- */

bool itav__valid_id(const char *s)
{
    size_t n = 0;
    if (!s || !*s)
        return false;
    for (const char *p = s; *p; p++, n++) {
        bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
        if (!alnum && !(*p == '-' && p != s && p[1] && p[-1] != '-'))
            return false;
    }
    return n <= ITAV__ID_MAX;
}

/* Reads 1 to 7 decimal digits into *out; false if there are none, too many, or a zero value. */
static bool line_number(const char **p, long *out)
{
    long v = 0;
    int n = 0;
    while (isdigit((unsigned char)**p)) {
        if (++n > 7)
            return false;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    *out = v;
    return n > 0 && v > 0;
}

bool itav__valid_ref(const char *s)
{
    /* "NNN:Lnnn" or "NNN:Lnnn-mmm" with nnn <= mmm */
    long a, b;
    if (!s)
        return false;
    for (int i = 0; i < 3; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    if (s[3] != ':' || s[4] != 'L')
        return false;
    const char *p = s + 5;
    if (!line_number(&p, &a))
        return false;
    if (*p == '\0')
        return true;
    if (*p++ != '-' || !line_number(&p, &b))
        return false;
    return *p == '\0' && b >= a;
}

/* The length of the UTF-8 character at p, or 0 if the bytes there are not one. */
size_t itav__utf8_char(const unsigned char *p)
{
    size_t len;
    unsigned cp;
    if (*p < 0x80)
        return 1;
    else if ((*p & 0xE0) == 0xC0)
        len = 2, cp = *p & 0x1F;
    else if ((*p & 0xF0) == 0xE0)
        len = 3, cp = *p & 0x0F;
    else if ((*p & 0xF8) == 0xF0)
        len = 4, cp = *p & 0x07;
    else
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

bool itav__valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t len; *p; p += len)
        if (!(len = itav__utf8_char(p)))
            return false;
    return true;
}

long itav__control_char(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7F)
            return *p;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) /* C1: U+0080 to U+009F */
            return p[1];
    }
    return -1;
}

bool itav__valid_text(const char *s)
{
    return strnlen(s, ITAV__TEXT_MAX + 1) <= ITAV__TEXT_MAX && itav__valid_utf8(s) &&
           itav__control_char(s) < 0;
}

/* ASCII case folding, the same in every locale: tolower() follows the host program's
 * locale (setlocale), and is a call per byte, which suggestions and assignments felt (it was
 * 6% of a sparse assignment, comparing languages and interests). */
int itav__ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

int itav__strcasecmp(const char *a, const char *b)
{
    if (tracking())
        atomic_fetch_add_explicit(&fault_comparisons, 1, memory_order_relaxed);
    for (;; a++, b++) {
        int ca = itav__ascii_lower((unsigned char)*a), cb = itav__ascii_lower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

bool itav__contains_nocase(const char *h, const char *n)
{
    size_t nl = strlen(n);
    if (!h)
        return nl == 0;
    for (; *h; h++) {
        size_t i = 0;
        while (i < nl && h[i] &&
               itav__ascii_lower((unsigned char)h[i]) == itav__ascii_lower((unsigned char)n[i]))
            i++;
        if (i == nl)
            return true;
    }
    return nl == 0;
}

/* ---- result codes and version ---- */

ITAV_API const char *itav_strerror(int code)
{
    switch (code) {
    case ITAV_OK: return N_("no error");
    case ITAV_ITEROVER: return N_("no more items");
    case ITAV_ERROR: return N_("error");
    case ITAV_ENOMEM: return N_("out of memory");
    case ITAV_EINVAL: return N_("invalid argument");
    case ITAV_ENOTFOUND: return N_("not found");
    case ITAV_EEXISTS: return N_("already exists");
    case ITAV_EFORMAT: return N_("malformed or inconsistent data");
    case ITAV_EIO: return N_("storage error");
    case ITAV_EINUSE: return N_("still in use by another record");
    case ITAV_EBUSY: return N_("store is busy");
    case ITAV_EVERSION: return N_("unsupported version");
    case ITAV_ESTATE: return N_("not allowed in the current state");
    case ITAV_ERANGE: return N_("out of range");
    default: return N_("unknown error");
    }
}

ITAV_API const char *itav_version(void) { return ITAV_VERSION_STRING; }
ITAV_API int itav_version_number(void) { return ITAV_VERSION_NUMBER; }

/* Appends n bytes of s to buf (used bytes *len, room size), as far as they fit. */
static void append_bytes(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
    if (*len + 1 >= size)
        return;
    if (n > size - 1 - *len)
        n = size - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

/* Whether s starts with the ASCII lower-case word w, in any case. */
static bool starts_nocase(const char *s, const char *w)
{
    for (; *w; s++, w++)
        if (itav__ascii_lower((unsigned char)*s) != *w)
            return false;
    return true;
}

const char *itav__uri_userinfo_password(const char *uri, size_t *len)
{
    /* between the first ':' and the last '@' of the authority, which runs from "://" to the
     * first '/', '?' or '#' */
    const char *auth = strstr(uri, "://");
    if (!auth)
        return NULL;
    auth += 3;
    size_t alen = strcspn(auth, "/?#");
    const char *at = NULL, *colon = memchr(auth, ':', alen);
    for (const char *p = auth; p < auth + alen; p++)
        if (*p == '@')
            at = p;
    if (!at || !colon || colon > at)
        return NULL;
    *len = (size_t)(at - colon - 1);
    return colon + 1;
}

void itav__uri_shown(char *buf, size_t size, const char *uri)
{
    static const char hidden[] = "***", key[] = "password=";
    char tmp[2 * ITAV__URI_SHOWN + 16];
    size_t len = 0;
    if (!size)
        return;
    tmp[0] = '\0';
    const char *rest = uri;
    size_t plen;
    const char *password = itav__uri_userinfo_password(uri, &plen);
    if (password) {
        append_bytes(tmp, sizeof tmp, &len, uri, (size_t)(password - uri));
        append_bytes(tmp, sizeof tmp, &len, hidden, sizeof hidden - 1);
        rest = password + plen;
    }
    /* every password=VALUE (and libpq's sslpassword=VALUE, the key of a client
     * certificate), in a query or a key=value connection string */
    while (*rest && len + 1 < sizeof tmp) {
        const char *p = rest;
        size_t klen = 0;
        for (; *p; p++) {
            if (p != uri && !strchr("?&; \t#", p[-1]))
                continue;
            if (starts_nocase(p, key))
                klen = sizeof key - 1;
            else if (starts_nocase(p, "ssl") && starts_nocase(p + 3, key))
                klen = 3 + sizeof key - 1;
            if (klen)
                break;
        }
        append_bytes(tmp, sizeof tmp, &len, rest, (size_t)(p - rest));
        if (!*p)
            break;
        append_bytes(tmp, sizeof tmp, &len, p, klen);
        append_bytes(tmp, sizeof tmp, &len, hidden, sizeof hidden - 1);
        rest = p + klen;
        rest += strcspn(rest, "&; \t#");
    }
    size_t keep = len > ITAV__URI_SHOWN ? ITAV__URI_SHOWN : len;
    size_t out = 0;
    buf[0] = '\0';
    append_bytes(buf, size, &out, tmp, keep);
    if (keep < len)
        append_bytes(buf, size, &out, "...", 3);
}
