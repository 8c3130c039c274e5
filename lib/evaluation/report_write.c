/* Reports: the table model with its small-cell suppression, the cell accessors, and the CSV
 * and Markdown writers (JSON is in report_json.c). */
#include "evaluation/evaluation_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ======================================================================================
 * The table model
 * ====================================================================================== */

int itav__table_add_row(itav__table *t, size_t *row)
{
    size_t ncols = t->columns.n;
    if (t->rows == t->caprows) {
        size_t cap = t->caprows ? 2 * t->caprows : 8;
        itav__cell *c = itav__realloc(t->cells, cap * ncols * sizeof *c);
        if (!c)
            return ITAV_ENOMEM;
        t->cells = c;
        t->caprows = cap;
    }
    memset(t->cells + t->rows * ncols, 0, ncols * sizeof *t->cells);
    *row = t->rows++;
    return ITAV_OK;
}

itav__cell *itav__table_cell(const itav__table *t, size_t row, size_t col)
{
    return row < t->rows && col < t->columns.n ? &t->cells[row * t->columns.n + col] : NULL;
}

static void cell_clear(itav__cell *c)
{
    itav__free(c->text);
    itav__free(c->text_nl);
    memset(c, 0, sizeof *c);
}

int itav__table_set_text(itav__table *t, size_t row, size_t col, const char *text)
{
    itav__cell *c = itav__table_cell(t, row, col);
    char *copy = NULL;
    if (!c)
        return ITAV_ERANGE;
    int rc = itav__set_text(&copy, text);
    if (rc != ITAV_OK)
        return rc;
    cell_clear(c);
    c->kind = copy ? ITAV__CELL_TEXT : ITAV__CELL_EMPTY;
    c->text = copy;
    return ITAV_OK;
}

/* "12", "7.25", "-0.5": at most `digits` decimals, no trailing zeros. */
static void format_number(char *buf, size_t size, double v, int digits)
{
    snprintf(buf, size, "%.*f", digits, v);
    if (digits > 0) {
        char *end = buf + strlen(buf) - 1;
        while (*end == '0')
            *end-- = '\0';
        if (*end == '.')
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}

int itav__table_set_number(itav__table *t, size_t row, size_t col, double v, int digits,
                           bool count)
{
    char buf[64];
    itav__cell *c = itav__table_cell(t, row, col);
    if (!c)
        return ITAV_ERANGE;
    double scale = pow(10, digits);
    v = round(v * scale) / scale;
    format_number(buf, sizeof buf, v, digits);
    char *copy = itav__strdup(buf);
    if (!copy)
        return ITAV_ENOMEM;
    cell_clear(c);
    c->kind = ITAV__CELL_NUMBER;
    c->value = strtod(buf, NULL); /* exactly what is published */
    c->text = copy;
    c->count = count;
    return ITAV_OK;
}

int itav__table_add_group(itav__table *t, const size_t *rows, const size_t *cols, size_t n,
                          long total_row, long total_col)
{
    if (t->ngroups == t->capgroups) {
        size_t cap = t->capgroups ? 2 * t->capgroups : 8;
        itav__group *g = itav__realloc(t->groups, cap * sizeof *g);
        if (!g)
            return ITAV_ENOMEM;
        t->groups = g;
        t->capgroups = cap;
    }
    itav__group *g = &t->groups[t->ngroups];
    if (!(g->cells = itav__calloc(n, sizeof *g->cells)))
        return ITAV_ENOMEM;
    for (size_t i = 0; i < n; i++)
        g->cells[i] = rows[i] * t->columns.n + cols[i];
    g->n = n;
    g->total = total_row < 0 || total_col < 0
                   ? -1
                   : (long)((size_t)total_row * t->columns.n + (size_t)total_col);
    t->ngroups++;
    return ITAV_OK;
}

void itav__table_clear(itav__table *t)
{
    for (size_t i = 0; i < t->rows * t->columns.n; i++)
        cell_clear(&t->cells[i]);
    for (size_t i = 0; i < t->ngroups; i++)
        itav__free(t->groups[i].cells);
    itav__free(t->cells);
    itav__free(t->groups);
    itav__free(t->name);
    itav__free(t->title);
    itav__free(t->note);
    itav__free(t->note_list);
    itav__strlist_clear(&t->columns);
    memset(t, 0, sizeof *t);
}

bool itav__small(double v, int k) { return v > 0 && v < k; }

bool itav__enough_contributors(double n, int k) { return n == 0 || n >= k; }

static bool is_count(const itav__cell *c) { return c->count && c->kind == ITAV__CELL_NUMBER; }

/* When a group has exactly one suppressed count, its smallest other positive count (the
 * first of equals) is suppressed too; a 0 only when there is no positive one, since a hidden
 * 0 that a wider report later shows would give the small cell away. Returns whether it
 * suppressed anything. */
static bool protect_group(itav__table *t, const itav__group *g)
{
    size_t hidden = 0;
    itav__cell *smallest = NULL;
    for (size_t i = 0; i < g->n; i++) {
        itav__cell *c = &t->cells[g->cells[i]];
        if (c->count && c->suppressed)
            hidden++;
        else if (is_count(c) && (!smallest || (smallest->value == 0 && c->value > 0) ||
                                 (c->value > 0 && c->value < smallest->value)))
            smallest = c;
    }
    if (hidden != 1 || !smallest)
        return false;
    smallest->suppressed = true;
    smallest->why = ITAV_HIDDEN_SECONDARY;
    return true;
}

int itav__table_suppress(itav__table *t, int k)
{
    size_t n = t->rows * t->columns.n;
    for (size_t i = 0; i < n; i++)
        if (is_count(&t->cells[i]) && itav__small(t->cells[i].value, k)) {
            t->cells[i].suppressed = true;
            t->cells[i].why = ITAV_HIDDEN_PRIMARY;
        }
    /* Each pass suppresses at least one more cell or stops, so this ends. */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t g = 0; g < t->ngroups; g++)
            changed |= protect_group(t, &t->groups[g]);
    }
    for (size_t i = 0; i < n; i++) {
        if (t->cells[i].suppressed) {
            bool count = t->cells[i].count;
            unsigned char why = t->cells[i].why;
            cell_clear(&t->cells[i]); /* the number is gone from the report */
            t->cells[i].suppressed = true;
            t->cells[i].count = count;
            t->cells[i].why = why;
        }
    }
    for (size_t g = 0; g < t->ngroups; g++) {
        const itav__group *gr = &t->groups[g];
        double sum = 0;
        if (gr->total < 0)
            continue;
        for (size_t i = 0; i < gr->n; i++)
            if (is_count(&t->cells[gr->cells[i]]))
                sum += t->cells[gr->cells[i]].value;
        size_t at = (size_t)gr->total;
        int rc = itav__table_set_number(t, at / t->columns.n, at % t->columns.n, sum, 0, false);
        if (rc != ITAV_OK)
            return rc;
    }
    return ITAV_OK;
}

/* ======================================================================================
 * Accessors
 * ====================================================================================== */

static const itav__table *table_at(const itav_report *r, size_t t)
{
    return r && t < r->ntables ? &r->tables[t] : NULL;
}

static const itav__cell *cell_at(const itav_report *r, size_t t, size_t row, size_t c)
{
    const itav__table *tab = table_at(r, t);
    return tab ? itav__table_cell(tab, row, c) : NULL;
}

ITAV_API const char *itav_report_title(const itav_report *r) { return r ? r->title : NULL; }

ITAV_API size_t itav_report_table_count(const itav_report *r) { return r ? r->ntables : 0; }

ITAV_API const char *itav_report_table_name(const itav_report *r, size_t t)
{
    const itav__table *tab = table_at(r, t);
    return tab ? tab->name : NULL;
}

ITAV_API size_t itav_report_table_find(const itav_report *r, const char *name)
{
    for (size_t t = 0; r && name && t < r->ntables; t++)
        if (strcmp(r->tables[t].name, name) == 0)
            return t;
    return (size_t)-1;
}

ITAV_API size_t itav_report_column_count(const itav_report *r, size_t t)
{
    const itav__table *tab = table_at(r, t);
    return tab ? tab->columns.n : 0;
}

ITAV_API const char *itav_report_column(const itav_report *r, size_t t, size_t c)
{
    const itav__table *tab = table_at(r, t);
    return tab && c < tab->columns.n ? tab->columns.v[c] : NULL;
}

ITAV_API size_t itav_report_row_count(const itav_report *r, size_t t)
{
    const itav__table *tab = table_at(r, t);
    return tab ? tab->rows : 0;
}

ITAV_API const char *itav_report_cell(const itav_report *r, size_t t, size_t row, size_t c)
{
    const itav__cell *cell = cell_at(r, t, row, c);
    if (!cell)
        return NULL;
    if (cell->suppressed)
        return cell->why == ITAV_HIDDEN_MAGNITUDE ? ITAV__HIDDEN_MARK : r->suppressed;
    return cell->text ? cell->text : "";
}

ITAV_API int itav_report_cell_value(double *value, const itav_report *r, size_t t, size_t row,
                                    size_t c)
{
    if (!value || !r)
        return ITAV_EINVAL;
    const itav__cell *cell = cell_at(r, t, row, c);
    if (!cell)
        return ITAV_ERANGE;
    if (cell->suppressed || cell->kind != ITAV__CELL_NUMBER)
        return ITAV_ENOTFOUND;
    *value = cell->value;
    return ITAV_OK;
}

ITAV_API int itav_report_cell_suppressed(const itav_report *r, size_t t, size_t row, size_t c)
{
    const itav__cell *cell = cell_at(r, t, row, c);
    return cell && cell->suppressed;
}

ITAV_API int itav_report_cell_audit(int *safe, int64_t *low, int64_t *high,
                                    const itav_report *r, size_t t, size_t row, size_t c)
{
    if (!safe || !r)
        return ITAV_EINVAL;
    const itav__cell *cell = cell_at(r, t, row, c);
    if (!cell)
        return ITAV_ERANGE;
    if (!cell->suppressed || !cell->count)
        return ITAV_ENOTFOUND;
    *safe = cell->safe;
    if (low)
        *low = cell->low;
    if (high)
        *high = cell->high;
    return ITAV_OK;
}

ITAV_API int itav_report_audit_passed(const itav_report *r) { return r && r->audit_passed; }

ITAV_API int itav_report_perturbed(const itav_report *r) { return r && r->perturb; }

ITAV_API int itav_report_cell_hidden(const itav_report *r, size_t t, size_t row, size_t c)
{
    const itav__cell *cell = cell_at(r, t, row, c);
    return cell && cell->suppressed ? cell->why : ITAV_HIDDEN_NOT;
}

/* ======================================================================================
 * Writers
 * ====================================================================================== */

typedef struct sbuf {
    char *s;
    size_t len, cap;
    bool failed;
} sbuf;

static void add_bytes(sbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = itav__realloc(b->s, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void add(sbuf *b, const char *s) { add_bytes(b, s, strlen(s)); }

static int finish(char **out, sbuf *b)
{
    if (!b->failed && !b->s)
        add(b, "");
    if (b->failed) {
        itav__free(b->s);
        return ITAV_ENOMEM;
    }
    *out = b->s;
    return ITAV_OK;
}

/* RFC 4180: a field with the separator, a quote or a line break is quoted, quotes doubled. */
static void add_csv_field(sbuf *b, const char *s, char sep)
{
    const char special[] = {sep, '"', '\r', '\n', '\0'};
    if (!strpbrk(s, special)) {
        add(b, s);
        return;
    }
    add(b, "\"");
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        add_bytes(b, s, (size_t)(q - s));
        add(b, "\"\"");
    }
    add(b, s);
    add(b, "\"");
}

/* A text cell that a spreadsheet would take for a formula (it begins with =, +, -, @, tab or
 * carriage return) is written after a single quote, as OWASP advises against CSV injection;
 * the text is the participants' own (a municipality), so it may be anything. Numbers are
 * written as numbers, a negative one included. */
static void add_csv_text(sbuf *b, const itav__cell *cell, const char *s, char sep)
{
    if (cell && cell->kind == ITAV__CELL_TEXT && s[0] && strchr("=+-@\t\r", s[0])) {
        size_t n = strlen(s);
        char *quoted = itav__malloc(n + 2);
        if (!quoted) {
            b->failed = true;
            return;
        }
        quoted[0] = '\'';
        memcpy(quoted + 1, s, n + 1);
        add_csv_field(b, quoted, sep);
        itav__free(quoted);
        return;
    }
    add_csv_field(b, s, sep);
}

/* A cell as published in a language: a fixed text in its wording, the hidden mark too. */
static const char *cell_words(const itav_report *r, size_t t, size_t row, size_t c,
                              itav_lang lang)
{
    const itav__cell *cell = cell_at(r, t, row, c);
    const char *s = itav_report_cell(r, t, row, c);
    if (cell && !cell->suppressed && cell->text_nl && lang == ITAV_LANG_NL)
        return cell->text_nl;
    if (cell && ((cell->suppressed && cell->why == ITAV_HIDDEN_MAGNITUDE) ||
                 (!cell->suppressed && cell->label)))
        return itav__report_label(s, lang);
    return s;
}

/* A line of fixed words with arguments, in the report's language. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void add_label_f(sbuf *b, itav_lang lang, const char *en, ...);

/* A number cell in Dutch: its decimal point becomes a decimal comma ("7,25"), as Dutch
 * readers and spreadsheets read numbers (a point would read as a thousands separator). */
static void add_number_nl(sbuf *b, const char *s)
{
    const char *dot = strchr(s, '.');
    if (!dot) {
        add(b, s);
        return;
    }
    add_bytes(b, s, (size_t)(dot - s));
    add(b, ",");
    add(b, dot + 1);
}

/* Whether a cell is a number shown as it is (not hidden), which Dutch writes with a comma. */
static bool shown_number(const itav__cell *cell)
{
    return cell && !cell->suppressed && cell->kind == ITAV__CELL_NUMBER;
}

/* The codes (table names, the header row) stay as they are; headings and fixed texts are
 * worded in the language. In Dutch the separator is ';' and numbers have a decimal comma,
 * as a spreadsheet in a Dutch locale reads and writes CSV. */
static int write_csv(char **out, const itav_report *r, itav_lang lang)
{
    sbuf b = {0};
    char num[32];
    const char sep = lang == ITAV_LANG_NL ? ';' : ',';
    add(&b, lang == ITAV_LANG_NL ? "table;row;column;value;suppressed\r\n"
                                 : "table,row,column,value,suppressed\r\n");
    for (size_t t = 0; t < r->ntables; t++) {
        const itav__table *tab = &r->tables[t];
        for (size_t row = 0; row < tab->rows; row++) {
            for (size_t c = 0; c < tab->columns.n; c++) {
                const itav__cell *cell = cell_at(r, t, row, c);
                add_csv_field(&b, tab->name, sep);
                snprintf(num, sizeof num, "%c%zu%c", sep, row + 1, sep);
                add(&b, num);
                add_csv_field(&b, itav__report_label(tab->columns.v[c], lang), sep);
                add_bytes(&b, &sep, 1);
                if (lang == ITAV_LANG_NL && shown_number(cell))
                    add_number_nl(&b, cell->text);
                else
                    add_csv_text(&b, cell, cell_words(r, t, row, c, lang), sep);
                add_bytes(&b, &sep, 1);
                add(&b, itav_report_cell_suppressed(r, t, row, c) ? "1\r\n" : "0\r\n");
            }
        }
    }
    if (r->perturb) { /* the method as codes, in rows of a table of its own, as the JSON */
        snprintf(num, sizeof num, "method%c1%cmethod%cperturb%c0\r\n", sep, sep, sep, sep);
        add(&b, num);
        snprintf(num, sizeof num, "method%c1%cmax_noise%c%d%c0\r\n", sep, sep, sep,
                 ITAV_REPORT_PERTURB_MAX_NOISE, sep);
        add(&b, num);
    }
    return finish(out, &b);
}

static bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool ascii_alnum(char c) { return ascii_letter(c) || (c >= '0' && c <= '9'); }

/* A pipe-table cell (or the title), whose text may be users' own: nothing in it may become
 * markup. A backslash goes before what a renderer would take for inline markup (emphasis, code,
 * links, strike-through, the cell's own |), before < where it could open an HTML tag, comment
 * or autolink, and before & where it could start an entity; line breaks become spaces. So
 * "<5", a suppressed cell, stays as it is, and so does an _ inside a word (ended_early), which
 * CommonMark never takes for emphasis. */
static void add_md_cell(sbuf *b, const char *s)
{
    for (const char *start = s; *s; s++) {
        char next = s[1], prev = s > start ? s[-1] : '\0';
        if (strchr("\\`*[]~|", *s) ||
            (*s == '_' && !(ascii_alnum(prev) && ascii_alnum(next))) ||
            (*s == '<' && (ascii_letter(next) || next == '/' || next == '!' || next == '?')) ||
            (*s == '&' && (ascii_letter(next) || next == '#')))
            add_bytes(b, "\\", 1);
        if (*s == '\n' || *s == '\r')
            add(b, " ");
        else
            add_bytes(b, s, 1);
    }
}

static void add_md_table(sbuf *b, const itav_report *r, size_t t, itav_lang lang)
{
    const itav__table *tab = &r->tables[t];
    add(b, "\n## ");
    add(b, itav__report_label(tab->title, lang));
    add(b, "\n\n");
    if (!tab->rows) {
        add(b, itav__report_label("No rows.", lang));
        add(b, "\n");
    } else {
        for (size_t c = 0; c < tab->columns.n; c++) {
            add(b, "| ");
            add_md_cell(b, itav__report_label(tab->columns.v[c], lang));
            add(b, " ");
        }
        add(b, "|\n");
        for (size_t c = 0; c < tab->columns.n; c++)
            add(b, "| --- ");
        add(b, "|\n");
        for (size_t row = 0; row < tab->rows; row++) {
            for (size_t c = 0; c < tab->columns.n; c++) {
                const itav__cell *cell = cell_at(r, t, row, c);
                add(b, "| ");
                if (lang == ITAV_LANG_NL && shown_number(cell))
                    add_number_nl(b, cell->text); /* digits, '-' and ',': no markup */
                else
                    add_md_cell(b, cell_words(r, t, row, c, lang));
                add(b, " ");
            }
            add(b, "|\n");
        }
    }
    if (tab->note) {
        char *note = itav__report_note(tab, lang);
        if (!note)
            b->failed = true;
        add(b, "\n");
        add(b, note ? note : "");
        add(b, "\n");
        itav__free(note);
    }
}

static void add_label_f(sbuf *b, itav_lang lang, const char *en, ...)
{
    va_list ap;
    va_start(ap, en);
    char *s = itav__report_vlabelf(lang, en, ap);
    va_end(ap);
    if (!s)
        b->failed = true;
    else
        add(b, s);
    itav__free(s);
}

/* The offer's member offers, ", " between them (NULL when out of memory). */
static char *member_list(const itav_report *r)
{
    sbuf b = {0};
    add(&b, "");
    for (size_t i = 0; i < r->members.n; i++) {
        add(&b, i ? ", " : "");
        add(&b, r->members.v[i]);
    }
    if (b.failed) {
        itav__free(b.s);
        return NULL;
    }
    return b.s;
}

static const char *date_or(char *buf, int32_t d, const char *none, itav_lang lang)
{
    return itav_date_format(buf, ITAV_DATE_BUFSIZE, d) == ITAV_OK ? buf
                                                                 : itav__report_label(none, lang);
}

static int write_markdown(char **out, const itav_report *r, itav_lang lang)
{
    sbuf b = {0};
    char from[ITAV_DATE_BUFSIZE], to[ITAV_DATE_BUFSIZE];
    /* The offer's name is users' text too: escaped as a cell, it can neither hold markup nor
     * start a heading of its own after a line break. */
    sbuf name = {0};
    add_md_cell(&name, r->offer_name ? r->offer_name : r->offer);
    add(&name, "");
    add(&b, "# ");
    if (name.failed)
        b.failed = true;
    else
        add_label_f(&b, lang, ITAV__L_TITLE, name.s);
    itav__free(name.s);
    add(&b, "\n\n");
    if (r->members.n) {
        char *list = member_list(r);
        if (!list)
            b.failed = true;
        else if (r->members.n == 1)
            add_label_f(&b, lang, "Offer: %s, with %zu member offer (%s).", r->offer,
                        r->members.n, list);
        else
            add_label_f(&b, lang, "Offer: %s, with %zu member offers (%s).", r->offer,
                        r->members.n, list);
        itav__free(list);
    } else {
        add_label_f(&b, lang, "Offer: %s.", r->offer);
    }
    if (r->from == ITAV_DATE_NONE && r->to == ITAV_DATE_NONE)
        add(&b, itav__report_label(" Period: all dates.", lang));
    else
        add_label_f(&b, lang, " Period: %s to %s.", date_or(from, r->from, "open start", lang),
                    date_or(to, r->to, "open end", lang));
    add_label_f(&b, lang, " Targets judged on %s.", date_or(from, r->as_of, "no date", lang));
    add_label_f(&b, lang, " k = %d.", r->k);
    if (r->perturb)
        add(&b, itav__report_label(" Counts perturbed by the cell key method.", lang));
    add(&b, "\n");
    for (size_t t = 0; t < r->ntables; t++)
        add_md_table(&b, r, t, lang);
    add(&b, "\n");
    if (r->perturb)
        add_label_f(&b, lang, "Every count is perturbed by the cell key method: it is at most %d "
                    "from the true count, never shown as 1 or 2, and a count from 1 to 4 is "
                    "never shown as itself; the same records always give the same count. A "
                    "total has noise of its own, so it and the sum of its cells may differ by "
                    "up to %d for each of them; where a note speaks of the shown cells, these "
                    "are all the cells. A mean is of the true values and is shown only "
                    "over at least %d people; a percent is of the perturbed counts. A hidden "
                    "mean or percent is shown as \"%s\".",
                    ITAV_REPORT_PERTURB_MAX_NOISE, ITAV_REPORT_PERTURB_MAX_NOISE, r->k,
                    itav__report_label(ITAV__HIDDEN_MARK, lang));
    else if (r->k > 1)
        add_label_f(&b, lang, "Counts of 1 to %d participants, matches or reviews are shown as "
                    "%s, and so are the further counts hidden so that none of them can be "
                    "worked out; totals, means and percents are computed from the shown cells "
                    "only. A mean or percent that rests on a hidden count or on fewer than %d "
                    "people is shown as \"%s\".",
                    r->k - 1, r->suppressed, r->k, itav__report_label(ITAV__HIDDEN_MARK, lang));
    else
        add(&b, itav__report_label("k = 1: no cell is suppressed.", lang));
    add(&b, "\n");
    if (r->perturb) {
        /* no count is hidden: there is nothing to audit */
    } else if (r->k > 1 && r->audit_passed) {
        add(&b, "\n");
        add_label_f(&b, lang, "Audit passed: given everything this report shows, each hidden "
                    "count could still be any of at least %d values.", r->protection + 1);
        add(&b, "\n");
    } else if (r->k > 1) {
        add(&b, "\n");
        add_label_f(&b, lang, "Audit failed: given everything this report shows, some hidden "
                    "count is narrowed down to fewer than %d values. Do not publish this "
                    "report.", r->protection + 1);
        add(&b, "\n");
    }
    if (r->low_k) {
        add(&b, "\n");
        add_label_f(&b, lang, "k = %d is below %d, the least k of a report made for "
                    "publication; it was chosen on purpose.", r->k, ITAV_REPORT_MIN_K);
        add(&b, "\n");
    }
    return finish(out, &b);
}

ITAV_API int itav_report_write_lang(char **out, const itav_report *r, itav_report_format format,
                                    itav_lang lang)
{
    if (!out || !r || (lang != ITAV_LANG_EN && lang != ITAV_LANG_NL))
        return ITAV_EINVAL;
    switch (format) {
    case ITAV_REPORT_JSON: return itav__report_json(out, r); /* the same in every language */
    case ITAV_REPORT_CSV: return write_csv(out, r, lang);
    case ITAV_REPORT_MARKDOWN: return write_markdown(out, r, lang);
    }
    return ITAV_EINVAL;
}

ITAV_API int itav_report_write(char **out, const itav_report *r, itav_report_format format)
{
    return itav_report_write_lang(out, r, format, ITAV_LANG_EN);
}
