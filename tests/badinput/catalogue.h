/* The bad input catalogue: one row per malformed call, run by badinput.c.
 *
 * A row names an exported function, the bad input in words, the arguments that differ from a
 * good call, and what must come back. Each function has one adapter (call_<name>) that makes
 * the call with the fixture's good values for every argument the row leaves alone. Parameter
 * k counts from 0 over the function's whole parameter list. */
#ifndef BADINPUT_CATALOGUE_H
#define BADINPUT_CATALOGUE_H

#include <itav.h>

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_PARAMS 12

/* What a call gave back. */
typedef enum rtype { R_VOID, R_CODE, R_INT, R_SIZE, R_PTR, R_STR, R_DBL } rtype;
typedef struct res {
    rtype t;
    long long i;
    unsigned long long z;
    const void *p;
    double d;
} res;

/* What a row expects: R_CODE is an itav_result of a failing call (its message is checked
 * when a store is involved); R_INT, R_SIZE, R_PTR (NULL), R_STR (an exact text) and R_DBL
 * (NaN when nan is set) are the documented values of getters; R_VOID is "returns, no crash". */
typedef struct expect {
    rtype t;
    long long i;
    unsigned long long z;
    const char *str;
    double d;
    int nan;
} expect;

typedef struct arg_i {
    int set;
    long long v;
} arg_i;
typedef struct arg_d {
    int set;
    double v;
} arg_d;

typedef struct fx fx;
typedef struct row row;
struct row {
    const char *fn;                     /* the exported function */
    res (*call)(fx *f, const row *r);   /* its adapter */
    const char *what;                   /* the bad input, in words */
    unsigned nul;                       /* bit k: parameter k is NULL */
    const char *s[MAX_PARAMS];          /* text of parameter k (see arg_text for "@..." forms) */
    arg_i n[MAX_PARAMS];                /* integer parameter k */
    arg_d d[MAX_PARAMS];                /* floating-point parameter k */
    expect e;
    const char *msg;                    /* what itav_errmsg() must contain */
};

/* ---- writing rows ---- */
#define R(fn_, what_, ...) {.fn = #fn_, .call = call_##fn_, .what = what_, __VA_ARGS__}
#define E(code) .e = {.t = R_CODE, .i = (code)}
#define RET(v) .e = {.t = R_INT, .i = (v)}
#define RSIZE(v) .e = {.t = R_SIZE, .z = (v)}
#define RNULL .e = {.t = R_PTR}
#define RSTR(s) .e = {.t = R_STR, .str = (s)}
#define RDBL(v) .e = {.t = R_DBL, .d = (v)}
#define RNAN .e = {.t = R_DBL, .nan = 1}
#define RVOID .e = {.t = R_VOID}
#define M(text) .msg = (text)
#define NUL(k) .nul = 1u << (k)
#define S(k, text) .s[k] = (text)
#define I(k, v) .n[k] = {1, (long long)(v)}
#define F(k, v) .d[k] = {1, (double)(v)}

/* Generated arguments (arg_text): */
#define ID65 "@id65"            /* an id one over the 64-character limit */
#define REF65 "@ref65"          /* a participant reference one over the limit */
#define TEXT65537 "@text65537"  /* text one byte over 64 KiB */
#define MISSING_FILE "@missing" /* a path in the row's directory that does not exist */
#define A_DIRECTORY "@dir"      /* a directory */
#define FILE_WITH(content) "@file=" content /* a file holding content */

/* Invalid UTF-8, one of each kind. */
#define U_OVERLONG "\xc0\xaf"          /* '/' in two bytes */
#define U_OVERLONG3 "\xe0\x80\xaf"     /* '/' in three bytes */
#define U_CONT "\x80"                  /* a lone continuation byte */
#define U_SURROGATE "\xed\xa0\x80"     /* U+D800 */
#define U_TRUNC "\xe2\x82"             /* the first two bytes of a three-byte sequence */
#define U_BIG "\xf4\x90\x80\x80"       /* above U+10FFFF */
#define U_FF "\xff"                    /* never in UTF-8 */

/* ---- writing adapters ---- */
#define ADAPT(fn_) static res call_##fn_(fx *f, const row *r)
#define ISNUL(k) ((r->nul >> (k)) & 1u)
#define P(k, x) (ISNUL(k) ? NULL : (x))
#define TXT(k, good) arg_text(f, r, k, good)
#define NUM(k, good) (r->n[k].set ? r->n[k].v : (long long)(good))
#define DBL(k, good) (r->d[k].set ? r->d[k].v : (double)(good))
#define DB(k) (ISNUL(k) ? NULL : fx_db(f))

/* Resolves parameter k: NULL when the row makes it NULL, the row's text (generated for the
 * "@" forms) when it sets one, else good. */
const char *arg_text(fx *f, const row *r, int k, const char *good);
/* The store of this pass (memory, then SQLite), opened on first use with the fixture data;
 * its messages are checked after the call. */
itav_db *fx_db(fx *f);
/* A store of this pass used only to make objects (its messages are not checked). */
itav_db *fx_store(fx *f);
/* For adapters that open their own context: keep its message for the checks. */
void fx_keep_msg(fx *f, itav_db *db);
/* An adapter-level failure (a file that changed, an out parameter set on failure, ...). */
void fx_fail(fx *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The row's own scratch directory. */
const char *fx_dir(fx *f);

/* Detached objects of the fixture, fresh for every row and compared before and after it. */
itav_intervention *fx_intervention(fx *f);
itav_offer *fx_offer(fx *f);
itav_participant *fx_participant(fx *f);       /* asking side */
itav_participant *fx_supporter(fx *f);         /* supporting side */
itav_figure *fx_figure(fx *f);
itav_cost *fx_cost(fx *f); /* 109490 total, funder "gemeente" about 80 percent */
itav_role *fx_role(fx *f);
itav_plan *fx_plan(fx *f);
itav_review *fx_review(fx *f);
itav_indicator *fx_indicator(fx *f);
/* Objects that only come out of a store (made from the store of the pass). */
itav_match *fx_match(fx *f);
itav_suggestion *fx_suggestion(fx *f);
itav_assignment *fx_assignment(fx *f);
itav_due *fx_due(fx *f);
itav_portfolio *fx_portfolio(fx *f);
itav_report *fx_report(fx *f);
itav_recommendation *fx_recommendation(fx *f);

/* Results. */
res r_code(int rc);
res r_int(long long v);
res r_size(size_t v);
res r_ptr(const void *p);
res r_dbl(double v);
res r_void(void);

/* The fixture store's contents (badinput.c builds it; rows refer to these). */
#define FX_IV "iv-a"            /* intervention with a plan */
#define FX_IV_FREE "giz"        /* intervention without offers; also a catalogue id */
#define FX_OFFER "of-a"         /* offer of iv-a, in Haarlem */
#define FX_ASK "ask-1"          /* asking, matched (in FX_MATCH) */
#define FX_ASK2 "ask-2"         /* asking, waiting */
#define FX_SUP "sup-1"          /* supporting, capacity 2, matched (in FX_MATCH) */
#define FX_MATCH "m-00000001"   /* active match of ask-1 and sup-1 */
#define FX_REVIEW "r-00000001"  /* trial review of FX_MATCH */
#define FX_IND "ind-a"          /* indicator of of-a */
#define FX_OFFER2 "of-b"        /* offer of iv-a with one participant and nothing else */
#define FX_ASKB "ask-b"         /* asking, registered, in of-b */

/* The row tables, one per part of the API. */
typedef struct row_table {
    const row *rows;
    size_t n;
} row_table;
extern const row_table rows_core, rows_catalog, rows_people, rows_evaluation;
extern const row_table rows_access; /* rows_access.c */
extern const row_table rows_evidence; /* outcomes and milestones */
extern const row_table rows_cost; /* rows_cost.c */

/* Parameters that may be NULL by their documentation, so need no NULL row. */
typedef struct null_ok {
    const char *fn;
    unsigned params; /* bit k: parameter k */
    const char *why;
} null_ok;
extern const null_ok null_allowed[];
extern const size_t null_allowed_count;

#endif
