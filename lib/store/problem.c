/* The problem list of an import, kept on the context (itav/problem.h): every problem with
 * its place, code and severity, and the counts of what a successful import did. The
 * importers in lib/interchange fill it; this file owns its storage and its text form. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void itav__problems_clear(itav__problems *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        itav__free(ps->v[i].column);
        itav__free(ps->v[i].message);
    }
    itav__free(ps->v);
    itav__free(ps->name);
    memset(ps, 0, sizeof *ps);
}

int itav__problems_reset(itav_db *db, const char *name)
{
    itav__problems_clear(&db->problems);
    if (name && !(db->problems.name = itav__strdup(name)))
        return itav__error(db, ITAV_ENOMEM, "out of memory");
    return ITAV_OK;
}

/* A copy fit for a terminal: a control character (C0, DEL, C1) or a byte that is not UTF-8
 * becomes \xNN, so that no text from a file can move a cursor or change colours. */
static char *printable_copy(const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = itav__malloc(4 * n + 1);
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t len = itav__utf8_char(p);
        bool c1 = len == 2 && p[0] == 0xC2 && p[1] < 0xA0;
        if (len > 1 && !c1) {
            memcpy(out + o, p, len);
            o += len;
            p += len;
        } else if (len == 1 && *p >= 0x20 && *p != 0x7F) {
            out[o++] = (char)*p++;
        } else {
            for (size_t k = 0; k < (len ? len : 1); k++)
                o += (size_t)snprintf(out + o, 5, "\\x%02x", *p++);
        }
    }
    out[o] = '\0';
    return out;
}

int itav__problems_add(itav_db *db, int severity, int64_t row, const char *column,
                       const char *code, const char *message)
{
    itav__problems *ps = &db->problems;
    if (severity == ITAV_SEVERITY_ERROR)
        ps->errors++;
    if (ps->n >= ITAV__PROBLEMS_MAX) {
        ps->dropped++;
        return ITAV_OK;
    }
    if (ps->n == ITAV__PROBLEMS_MAX - 1) { /* the last place says that the list is full */
        ps->dropped++;
        severity = ITAV_SEVERITY_ERROR;
        row = 0;
        column = NULL;
        code = "too_many";
        /* the number is written out so that xgettext sees the whole message */
        _Static_assert(ITAV__PROBLEMS_MAX == 100000, "the message below names the limit");
        message = itav__tr(db, N_("more problems than the list holds (100000); the rest are "
                                  "not listed"));
    }
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 16;
        itav__problem *v = itav__realloc(ps->v, cap * sizeof *v);
        if (!v)
            return itav__error(db, ITAV_ENOMEM, "out of memory");
        ps->v = v;
        ps->cap = cap;
    }
    itav__problem *p = &ps->v[ps->n];
    p->severity = severity;
    p->row = row;
    p->code = code;
    p->column = column ? printable_copy(column) : NULL;
    p->message = printable_copy(message);
    if (!p->message || (column && !p->column)) {
        itav__free(p->column);
        itav__free(p->message);
        return itav__error(db, ITAV_ENOMEM, "out of memory");
    }
    ps->n++;
    return ITAV_OK;
}

size_t itav__problems_errors(const itav_db *db)
{
    return db->problems.errors;
}

/* The problem at i, or NULL. */
static const itav__problem *at(const itav_db *db, size_t i)
{
    return db && i < db->problems.n ? &db->problems.v[i] : NULL;
}

ITAV_API size_t itav_problem_count(const itav_db *db)
{
    return db ? db->problems.n : 0;
}

ITAV_API itav_severity itav_problem_severity(const itav_db *db, size_t i)
{
    const itav__problem *p = at(db, i);
    return p ? (itav_severity)p->severity : 0;
}

ITAV_API int64_t itav_problem_row(const itav_db *db, size_t i)
{
    const itav__problem *p = at(db, i);
    return p ? p->row : 0;
}

ITAV_API const char *itav_problem_column(const itav_db *db, size_t i)
{
    const itav__problem *p = at(db, i);
    return p ? p->column : NULL;
}

ITAV_API const char *itav_problem_code(const itav_db *db, size_t i)
{
    const itav__problem *p = at(db, i);
    return p ? p->code : NULL;
}

ITAV_API const char *itav_problem_message(const itav_db *db, size_t i)
{
    const itav__problem *p = at(db, i);
    return p ? p->message : NULL;
}

ITAV_API int itav_import_counts(size_t *added, size_t *updated, size_t *unchanged,
                                const itav_db *db)
{
    if (!db)
        return ITAV_EINVAL;
    if (added)
        *added = db->problems.counts[0];
    if (updated)
        *updated = db->problems.counts[1];
    if (unchanged)
        *unchanged = db->problems.counts[2];
    return ITAV_OK;
}

/* ---- the text form ---- */

typedef struct text {
    char *s;
    size_t len, cap;
    int rc;
} text;

static void add(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        if (t->rc != ITAV_OK)
            return;
        va_start(ap, fmt);
        int n = vsnprintf(t->s ? t->s + t->len : NULL, t->s ? t->cap - t->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            t->rc = ITAV_ENOMEM;
            return;
        }
        if (t->s && t->len + (size_t)n < t->cap) {
            t->len += (size_t)n;
            return;
        }
        size_t cap = t->cap ? t->cap : 256;
        while (cap <= t->len + (size_t)n)
            cap *= 2;
        char *s = itav__realloc(t->s, cap);
        if (!s) {
            t->rc = ITAV_ENOMEM;
            return;
        }
        t->s = s;
        t->cap = cap;
    }
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Problems that are one line: the same severity, code, column and message, and either both
 * of the whole file or both of rows. */
static bool same_group(const itav__problem *a, const itav__problem *b)
{
    return a->severity == b->severity && strcmp(a->code, b->code) == 0 &&
           (a->row == 0) == (b->row == 0) &&
           same_text(a->column, b->column) && same_text(a->message, b->message);
}

static const char *severity_name(const itav_db *db, int severity)
{
    return itav__tr(db, severity == ITAV_SEVERITY_ERROR     ? N_("error")
                        : severity == ITAV_SEVERITY_WARNING ? N_("warning")
                                                            : N_("note"));
}

#define RANGES_MAX 20

/* Orders pointers into the list so that each group is one run, its problems in list order
 * (the pointers compare as their places in the one array). */
static int by_group(const void *pa, const void *pb)
{
    const itav__problem *a = *(const itav__problem *const *)pa,
                        *b = *(const itav__problem *const *)pb;
    int d = a->severity - b->severity;
    if (!d)
        d = strcmp(a->code, b->code);
    if (!d)
        d = (a->row == 0) - (b->row == 0);
    if (!d)
        d = a->column && b->column ? strcmp(a->column, b->column) : !!a->column - !!b->column;
    if (!d)
        d = strcmp(a->message, b->message);
    return d ? d : (a > b) - (a < b);
}

/* A group: its run in the sorted indices; groups are written in the order of their first
 * problem. */
typedef struct group {
    size_t first, start, n;
} group;

static int by_first(const void *pa, const void *pb)
{
    const group *a = pa, *b = pb;
    return (a->first > b->first) - (a->first < b->first);
}

/* Appends the line of one group: v[0..n) are its problems, in list order (the importers
 * add them in row order, so the rows ascend). */
static void group_line(text *t, const itav_db *db, const itav__problem *const *v, size_t n)
{
    const itav__problems *ps = &db->problems;
    const itav__problem *g = v[0];
    int64_t lo[RANGES_MAX], hi[RANGES_MAX];
    size_t rows = 0, ranges = 0;
    bool more = false;
    for (size_t k = 0; k < n; k++) {
        int64_t r = v[k]->row;
        if (ranges && (r == hi[ranges - 1] || r == hi[ranges - 1] + 1)) {
            rows += r != hi[ranges - 1]; /* two problems alike in one row count once */
            hi[ranges - 1] = r;
        } else if (ranges < RANGES_MAX) {
            lo[ranges] = hi[ranges] = r;
            ranges++;
            rows++;
        } else {
            more = true;
            rows++;
        }
    }
    add(t, "%s:", ps->name ? ps->name : "<input>");
    if (g->row) {
        add(t, "%s ", itav__tr(db, rows > 1 ? N_("rows") : N_("row")));
        for (size_t k = 0; k < ranges; k++)
            if (lo[k] == hi[k])
                add(t, "%s%lld", k ? ", " : "", (long long)lo[k]);
            else
                add(t, "%s%lld-%lld", k ? ", " : "", (long long)lo[k], (long long)hi[k]);
        if (more)
            add(t, ", ...");
    }
    if (g->column)
        add(t, "%s%s %s", g->row ? ", " : " ", itav__tr(db, N_("column")), g->column);
    add(t, "%s%s: %s", g->row || g->column ? ": " : " ", severity_name(db, g->severity),
        g->message);
    if (rows > 1)
        add(t, itav__tr(db, N_(" (%zu rows)")), rows);
    add(t, "\n");
}

ITAV_API int itav_problems_text(char **out, const itav_db *db)
{
    if (!out || !db)
        return ITAV_EINVAL;
    *out = NULL;
    const itav__problems *ps = &db->problems;
    text t = {NULL, 0, 0, ITAV_OK};
    size_t n = ps->n, ngroups = 0;
    /* Sorting finds the groups in n log n: a list of 100,000 different problems is common
     * enough (a column of wrong values) that comparing each with each would take minutes. */
    const itav__problem **v = itav__calloc(n ? n : 1, sizeof *v);
    group *groups = itav__calloc(n ? n : 1, sizeof *groups);
    if (!v || !groups) {
        itav__free(v);
        itav__free(groups);
        return ITAV_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = &ps->v[i];
    qsort(v, n, sizeof *v, by_group);
    for (size_t i = 0; i < n; i++) {
        if (i && same_group(v[i - 1], v[i])) {
            groups[ngroups - 1].n++;
            continue;
        }
        groups[ngroups++] = (group){(size_t)(v[i] - ps->v), i, 1};
    }
    qsort(groups, ngroups, sizeof *groups, by_first);
    add(&t, "%s", "");
    for (size_t g = 0; g < ngroups && t.rc == ITAV_OK; g++)
        group_line(&t, db, v + groups[g].start, groups[g].n);
    itav__free(v);
    itav__free(groups);
    if (t.rc != ITAV_OK) {
        itav__free(t.s);
        return t.rc;
    }
    *out = t.s;
    return ITAV_OK;
}
