/* lib/util: allocation (with fault injection), owned strings and lists, iterators, UTF-8
 * and the validation of ids and text. The bottom layer: it includes only the public
 * headers. */
#ifndef ITAV_UTIL_INT_H
#define ITAV_UTIL_INT_H

#include "itav.h"

#include <stdarg.h>
#include <stdbool.h>

/* ---- allocation: everything goes through here so tests can inject failures ---- */
void *itav__malloc(size_t n);
void *itav__calloc(size_t n, size_t size);
void *itav__realloc(void *p, size_t n);
void itav__free(void *p);
char *itav__strdup(const char *s);

/* Fault injection, for tests only (never exported). While tracking is on, every allocation
 * above is counted, with the blocks not yet freed, and so is every text comparison
 * (itav__strcasecmp(), behind every list lookup); itav__fault_fail_at(n) makes the nth
 * allocation from now fail (1: the next; 0 disarms), and with persist every one after it
 * too. Process-wide and thread-safe; off, it costs one relaxed atomic load per allocation. */
void itav__fault_track(bool on);
void itav__fault_fail_at(long n, bool persist);
/* Counts one allocation made by another allocator a test routes here (SQLite's); true when
 * it must fail. */
bool itav__fault_tick(void);
long itav__fault_allocations(void);
long itav__fault_comparisons(void);
long itav__fault_outstanding(void);
/* Allocations failed since the last itav__fault_fail_at(). */
long itav__fault_failed(void);

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

/* Marks a text for the translation (xgettext --keyword=N_, lib/po/nl.po) where it is written
 * but not yet looked up: a fragment passed into a message is translated where it is used
 * (itav__tr(), lib/store/lang.c), itav_strerror()'s texts where a message quotes them. */
#define N_(s) (s)

/* ---- store URIs in messages ---- */
/* The password of a URI's user information (scheme://user:PASSWORD@host...), its length in
 * *len; NULL when the URI has none. itav__uri_shown() and the PostgreSQL backend's messages
 * hide it. */
const char *itav__uri_userinfo_password(const char *uri, size_t *len);
/* The form of a store URI that messages show: the password of its user information
 * ("scheme://user:***@host") and the value of every password= parameter hidden, cut after
 * ITAV__URI_SHOWN bytes ("..." then follows). Always NUL-terminates a buffer of size > 0. */
#define ITAV__URI_SHOWN 200
void itav__uri_shown(char *buf, size_t size, const char *uri);

/* ---- validation ---- */
/* A date in years 1900-9999 (what itav_date_format() writes); _or_none also takes
 * ITAV_DATE_NONE. */
bool itav__valid_date(int32_t d);
bool itav__valid_date_or_none(int32_t d);
/* date plus a number of calendar months, the day clamped to the length of the month it
 * lands in (31 January + 1 month = 28 or 29 February). ITAV_ERANGE outside 1900-9999. */
int itav__add_months(int32_t *out, int32_t date, long months);
/* Today in UTC, as a day number: the date of a change the caller did not date. */
int32_t itav__today(void);
#define ITAV__ID_MAX 64
#define ITAV__TEXT_MAX 65536
bool itav__valid_id(const char *s);
bool itav__valid_ref(const char *s);
/* The one UTF-8 decoder: the length (1-4) of the character at p, or 0 when the bytes there
 * are not one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, or
 * cut short by the terminating NUL). */
size_t itav__utf8_char(const unsigned char *p);
bool itav__valid_utf8(const char *s);
/* The first control character in s other than tab and line feed (C0, DEL or C1, which a
 * terminal obeys: ESC clears a screen, CR overwrites a line), or -1 when there is none. Text
 * from users may not hold them (issue 17); output escapes what older stores hold. */
long itav__control_char(const char *s);
/* Text the library stores: valid UTF-8, at most ITAV__TEXT_MAX bytes, no control characters
 * but tab and line feed. */
bool itav__valid_text(const char *s);
/* Case folding of ASCII letters only, whatever the locale (tolower() follows setlocale). */
int itav__ascii_lower(int c);
int itav__strcasecmp(const char *a, const char *b);
bool itav__contains_nocase(const char *haystack, const char *needle);

/* ---- the catalogue of translations (lib/util/translation.c, lib/po/nl.po) ----
 * One catalogue for every text the library words for people: a message (no context), the
 * fixed texts of reports and the pieces of an explanation (context ITAV__CTX_REPORT, where a
 * short word such as "target" is a heading and wants another Dutch word than in a sentence).
 * The English text is the key. The table is generated at build time by lib/po/po2c.py, sorted
 * by context (none first), then English, as strcmp() orders them. */
#define ITAV__CTX_REPORT "report"
typedef struct itav__message {
    const char *ctx; /* msgctxt, NULL for none */
    const char *en, *tr;
} itav__message;
extern const itav__message itav__messages_nl[];
extern const size_t itav__messages_nl_count;
/* The translation of en in context ctx (NULL: none) into lang; NULL for English, for a
 * language without a catalogue and for a text the catalogue lacks. A format keeps its
 * conversions: the build refuses a translation that changes them. */
const char *itav__translation(itav_lang lang, const char *ctx, const char *en);

/* ---- languages (the tables are generated from iso-codes by lib/util/languages.py) ---- */
typedef struct itav__language {
    char three[4]; /* ISO 639-3 */
    char two[3];   /* its ISO 639-1 code, "" if it has none */
} itav__language;
typedef struct itav__language2 {
    char two[3];   /* ISO 639-1 */
    char three[4]; /* its ISO 639-3 code ("" for the retired "bh") */
} itav__language2;
extern const itav__language itav__languages3[];
extern const size_t itav__languages3_count;
extern const itav__language2 itav__languages2[];
extern const size_t itav__languages2_count;

/* ---- SipHash-2-4 (siphash.c): a keyed hash of len bytes under a 16-byte key ---- */
uint64_t itav__siphash24(const unsigned char key[16], const void *data, size_t len);

#endif
