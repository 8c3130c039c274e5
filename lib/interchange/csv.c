/* Participant import from CSV (libcsv): a header row, then one participant a row. The whole
 * file is checked before anything is written and every problem is reported with its row and
 * column; the rows are written in one transaction. The only module that includes csv.h. */
#include "interchange/interchange_int.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ======================================================================================
 * Reading the text into rows of cells
 * ====================================================================================== */

typedef struct row {
    long number;  /* as a spreadsheet shows it: the first line is row 1 */
    char **cells; /* owned; NULL for an empty cell */
    size_t n, cap;
} row;

typedef struct table {
    row *rows;
    size_t n, cap;
    row cur;
    long number;  /* the number of the row being read */
    int last_end; /* the character that ended the previous row */
    long nul_row; /* first row with a NUL byte, 0 if none */
    int rc;       /* ITAV_ENOMEM from a callback */
    char sep;     /* the cell separator: ',', ';' or '\t', found in the header row */
} table;

static void row_clear(row *r)
{
    for (size_t i = 0; i < r->n; i++)
        itav__free(r->cells[i]);
    itav__free(r->cells);
    memset(r, 0, sizeof *r);
}

static void table_clear(table *t)
{
    for (size_t i = 0; i < t->n; i++)
        row_clear(&t->rows[i]);
    itav__free(t->rows);
    row_clear(&t->cur);
}

/* Grows an array of elements of size `size` so that it holds one more. */
static int grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return ITAV_OK;
    size_t c = *cap ? *cap * 2 : 16;
    void *nv = itav__realloc(*v, c * size);
    if (!nv)
        return ITAV_ENOMEM;
    *v = nv;
    *cap = c;
    return ITAV_OK;
}

static void on_field(void *s, size_t len, void *arg)
{
    table *t = arg;
    char *cell = NULL;
    if (t->rc != ITAV_OK)
        return;
    if (s && len) {
        if (memchr(s, '\0', len) && !t->nul_row)
            t->nul_row = t->number;
        if (!(cell = itav__malloc(len + 1))) {
            t->rc = ITAV_ENOMEM;
            return;
        }
        memcpy(cell, s, len);
        cell[len] = '\0';
    }
    if (grow((void **)&t->cur.cells, &t->cur.cap, t->cur.n, sizeof *t->cur.cells)) {
        itav__free(cell);
        t->rc = ITAV_ENOMEM;
        return;
    }
    t->cur.cells[t->cur.n++] = cell;
}

/* libcsv reports every line end (CSV_REPALL_NL), so that blank lines keep the numbering a
 * spreadsheet shows; the LF of a CRLF arrives as an empty row of its own and is skipped. */
static void on_row_end(int c, void *arg)
{
    table *t = arg;
    int last = t->last_end;
    t->last_end = c;
    if (t->rc != ITAV_OK)
        return;
    if (t->cur.n == 0) {
        if (!(c == '\n' && last == '\r'))
            t->number++;
        return;
    }
    if (grow((void **)&t->rows, &t->cap, t->n, sizeof *t->rows)) {
        t->rc = ITAV_ENOMEM;
        return;
    }
    t->cur.number = t->number++;
    t->rows[t->n++] = t->cur;
    memset(&t->cur, 0, sizeof t->cur);
}

/* The cell separator of the file: whichever of comma, semicolon and tab occurs most often
 * outside quotes in the header row (its first line; a quoted header cell may hold any of
 * them, and a line break), a comma when none does. Excel in a Dutch locale writes ';'. */
static char detect_separator(const char *data, size_t size)
{
    size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (size_t i = 0; i < size; i++) {
        char c = data[i];
        if (c == '"')
            quoted = !quoted; /* a doubled quote inside a quoted cell toggles twice */
        else if (quoted)
            continue;
        else if (c == '\n' || c == '\r')
            break;
        else if (c == ',')
            comma++;
        else if (c == ';')
            semicolon++;
        else if (c == '\t')
            tab++;
    }
    if (semicolon > comma && semicolon >= tab)
        return ';';
    if (tab > comma && tab > semicolon)
        return '\t';
    return ',';
}

/* Only a space is trimmed around a cell that is not quoted when the separator is a tab. */
static int is_space_only(unsigned char c)
{
    return c == ' ';
}

/* A problem that stops the reading of the file: listed, and the message. */
static int unreadable(itav_db *db, const char *name, const char *code, long row_number,
                      const char *text)
{
    text = itav__tr(db, text);
    int rc = itav__problems_add(db, ITAV_SEVERITY_ERROR, row_number, NULL, code, text);
    if (rc != ITAV_OK)
        return rc;
    if (row_number)
        return itav__error(db, ITAV_EFORMAT, "%s:row %ld: %s; nothing was imported", name,
                           row_number, text);
    return itav__error(db, ITAV_EFORMAT, "%s: %s; nothing was imported", name, text);
}

/* Parses the whole text (without its BOM) into t; on failure sets the message (naming the
 * row). */
static int read_table(itav_db *db, table *t, const char *data, size_t size, const char *name)
{
    struct csv_parser parser;
    t->number = 1;
    t->sep = detect_separator(data, size);
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL |
                              CSV_EMPTY_IS_NULL) != 0)
        return itav__error(db, ITAV_ENOMEM, "out of memory reading %s", name);
    csv_set_realloc_func(&parser, itav__realloc);
    csv_set_free_func(&parser, itav__free);
    csv_set_blk_size(&parser, 64 * 1024); /* libcsv grows a field by this much at a time */
    csv_set_delim(&parser, (unsigned char)t->sep);
    if (t->sep == '\t')
        csv_set_space_func(&parser, is_space_only);
    bool parsed = csv_parse(&parser, data, size, on_field, on_row_end, t) == size;
    bool finished = parsed && csv_fini(&parser, on_field, on_row_end, t) == 0;
    int error = csv_error(&parser);
    csv_free(&parser);
    if (t->rc != ITAV_OK || (!finished && error != CSV_EPARSE))
        return itav__error(db, ITAV_ENOMEM, "out of memory reading %s", name);
    if (!parsed)
        return unreadable(db, name, "quote", t->number,
                          "a quote inside a field that does not start with one, or text after "
                          "a closing quote (quote the whole field and double the quotes inside "
                          "it: \"say \"\"hi\"\"\")");
    if (!finished)
        return unreadable(db, name, "quote", t->number,
                          "a quoted field is never closed (a closing \" is missing)");
    if (t->nul_row)
        return unreadable(db, name, "nul_byte", t->nul_row,
                          "a NUL byte (is this a text file?)");
    return ITAV_OK;
}

/* ======================================================================================
 * The encoding: UTF-8, or else Windows-1252 (what older Excel writes)
 * ====================================================================================== */

/* Whether the bytes are UTF-8 throughout (a NUL byte is left to read_table to report). */
static bool utf8_text(const char *data, size_t size)
{
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < size;) {
        size_t need = p[i] < 0x80 ? 1 : (p[i] & 0xE0) == 0xC0 ? 2 : (p[i] & 0xF0) == 0xE0 ? 3 : 4;
        /* itav__utf8_char reads only the bytes the first one announces */
        if (i + need > size || !itav__utf8_char(p + i))
            return p[i] == 0 ? (i++, utf8_text(data + i, size - i)) : false;
        i += need;
    }
    return true;
}

/* The characters of Windows-1252 for the bytes 0x80 to 0x9F; 0 for the five it leaves
 * undefined. From 0xA0 on it is Latin-1: the byte is the code point. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* The text read as Windows-1252, as UTF-8 in *out (owned); *out stays NULL when a byte is
 * one that Windows-1252 leaves undefined (then the text is neither, and the cells that are
 * not UTF-8 are reported as such). */
static int from_cp1252(char **out, size_t *out_size, const char *data, size_t size)
{
    *out = NULL;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c >= 0x80 && c < 0xA0 && !cp1252_high[c - 0x80])
            return ITAV_OK;
    }
    char *text = size < (SIZE_MAX - 1) / 3 ? itav__malloc(3 * size + 1) : NULL, *o = text;
    if (!text)
        return ITAV_ENOMEM;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        unsigned cp = c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : c;
        if (cp < 0x80) {
            *o++ = (char)cp;
        } else if (cp < 0x800) {
            *o++ = (char)(0xC0 | cp >> 6);
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *o++ = (char)(0xE0 | cp >> 12);
            *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        }
    }
    *o = '\0';
    *out = text;
    *out_size = (size_t)(o - text);
    return ITAV_OK;
}

/* ======================================================================================
 * The problems of a file
 * ====================================================================================== */

/* The first problems that fit in a message (whole lines only), and how many there were. */
typedef struct problems {
    char text[880];
    size_t len;
    long count, shown;
} problems;

static void problems_add(problems *ps, const char *line)
{
    size_t n = strlen(line), sep = ps->len ? 1 : 0;
    ps->count++;
    if (ps->shown < ps->count - 1 || ps->len + sep + n >= sizeof ps->text)
        return; /* once a line is left out, later ones are too, to keep the order */
    if (sep)
        ps->text[ps->len++] = '\n';
    memcpy(ps->text + ps->len, line, n + 1);
    ps->len += n;
    ps->shown++;
}

/* The final message: the problems, or the first of them and a count. */
static int problems_fail(itav_db *db, const problems *ps)
{
    if (ps->count == 1)
        return itav__error(db, ITAV_EFORMAT, "%s; nothing was imported", ps->text);
    if (ps->shown == ps->count)
        return itav__error(db, ITAV_EFORMAT, "%ld problems; nothing was imported:\n%s",
                           ps->count, ps->text);
    return itav__error(db, ITAV_EFORMAT, "%ld problems; nothing was imported:\n%s\n... and %ld "
                       "more", ps->count, ps->text, ps->count - ps->shown);
}

/* ======================================================================================
 * Columns
 * ====================================================================================== */

enum column {
    COL_REF, COL_OFFER, COL_KIND, COL_STATUS, COL_STATUS_DATE, COL_MUNICIPALITY, COL_POSTCODE,
    COL_LAT, COL_LON, COL_AVAILABILITY, COL_SUPPORT, COL_LANGUAGES, COL_LANGUAGE_REQUIRED,
    COL_INTERESTS, COL_CHILDREN, COL_AGE_MIN, COL_AGE_MAX, COL_VOG_DATE, COL_TRAINED,
    COL_CAPACITY, COL_REGISTERED, COL_MAX_DISTANCE, COL_EXCLUSIONS, COLUMN_COUNT
};

static const char *const column_names[COLUMN_COUNT] = {
    "ref", "offer", "kind", "status", "status_date", "municipality", "postcode", "lat", "lon",
    "availability", "support", "languages", "language_required", "interests", "children",
    "age_min", "age_max", "vog_date", "trained", "capacity", "registered", "max_distance_m",
    "exclusions"};

/* The Dutch names of the columns, beside the English ones above: the one alias table
 * (docs/format.md, "Participants in CSV"). A header name matches an English name or one of
 * these in any case ("Referentie", "VOG_datum"); the same English column under two names is
 * a column that appears twice. */
static const struct {
    const char *name;
    int column;
} column_aliases[] = {
    {"referentie", COL_REF},           {"aanbod", COL_OFFER},
    {"soort", COL_KIND},               {"statusdatum", COL_STATUS_DATE},
    {"gemeente", COL_MUNICIPALITY},    {"breedtegraad", COL_LAT},
    {"lengtegraad", COL_LON},          {"beschikbaarheid", COL_AVAILABILITY},
    {"ondersteuning", COL_SUPPORT},    {"talen", COL_LANGUAGES},
    {"taal_vereist", COL_LANGUAGE_REQUIRED}, {"interesses", COL_INTERESTS},
    {"kinderen", COL_CHILDREN},        {"leeftijd_min", COL_AGE_MIN},
    {"leeftijd_max", COL_AGE_MAX},     {"vog_datum", COL_VOG_DATE},
    {"getraind", COL_TRAINED},         {"capaciteit", COL_CAPACITY},
    {"aangemeld", COL_REGISTERED},     {"max_afstand_m", COL_MAX_DISTANCE},
    {"uitsluitingen", COL_EXCLUSIONS},
};

/* The column a header name stands for, or COLUMN_COUNT. */
static int column_named(const char *name)
{
    for (int c = 0; c < COLUMN_COUNT; c++)
        if (itav__strcasecmp(name, column_names[c]) == 0)
            return c;
    for (size_t i = 0; i < sizeof column_aliases / sizeof *column_aliases; i++)
        if (itav__strcasecmp(name, column_aliases[i].name) == 0)
            return column_aliases[i].column;
    return COLUMN_COUNT;
}

/* What a column of the file holds, besides one of enum column. */
#define FILE_COL_IGNORED (-1) /* an unknown or repeated name: already reported */
#define FILE_COL_UNNAMED (-2) /* no name: its cells must be empty */

#define LIST_SEPARATORS " \t;"

/* The limits of the setters, for the messages that name them. */
#define AGE_MAX 300
/* written out so that xgettext sees them (they are translated where used) */
#define AGES N_("0 to 300 months")
_Static_assert(AGE_MAX == 300, "AGES names the limit");
#define CAPACITY_MAX 100
_Static_assert(CAPACITY_MAX == 100, "check_capacity_distance() names the limit");
#define DISTANCE_MAX 20000000
_Static_assert(DISTANCE_MAX == 20000000, "check_capacity_distance() names the limit");

typedef struct importer {
    itav_db *db;
    const char *name;
    const char *default_offer;
    unsigned flags;        /* ITAV_IMPORT_STRICT, ITAV_IMPORT_UPDATE */
    char sep;              /* the separator; with ';' a decimal comma is allowed */
    int pos[COLUMN_COUNT]; /* the file column of each column, -1 when absent */
    const char *label[COLUMN_COUNT]; /* its name in the header, as messages name it */
    int *what;             /* per file column: an enum column or FILE_COL_* */
    size_t nwhat;
    problems ps;
    itav__strlist offers_found, offers_missing; /* store lookups already made */
    struct seen *seen;                          /* refs of earlier rows (a hash table) */
    size_t seen_cap;
    int rc; /* a failure that stops the import: ENOMEM, EIO */
} importer;

/* Spreadsheet letters of a column: 0 -> "A", 26 -> "AA". */
static const char *column_letters(char buf[8], size_t i)
{
    char tmp[8];
    size_t n = 0;
    for (size_t v = i + 1; v && n < sizeof tmp - 1; v = (v - 1) / 26)
        tmp[n++] = (char)('A' + (v - 1) % 26);
    for (size_t k = 0; k < n; k++)
        buf[k] = tmp[n - 1 - k];
    buf[n] = '\0';
    return buf;
}

/* A value as a message shows it: quoted, cut to about 40 bytes on a character boundary. */
static const char *shown(char buf[64], const char *s)
{
    size_t n = strlen(s), max = 40;
    if (n > max) {
        while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
            max--;
        snprintf(buf, 64, "\"%.*s...\"", (int)max, s);
    } else {
        snprintf(buf, 64, "\"%s\"", s);
    }
    return buf;
}

/* Lists a problem on the context; an error also goes into the message, as
 * "<name>:row N, column COL: <text>" (no column part without a column, no row part for the
 * whole file). */
static void vreport(importer *im, int severity, const char *code, long row_number,
                    const char *column, const char *fmt, va_list ap)
{
    char text[600], line[800];
    if (im->rc != ITAV_OK)
        return;
    /* the translation has the same conversions as fmt (lib/po/po2c.py checks) */
    vsnprintf(text, sizeof text, itav__tr(im->db, fmt), ap);
    int err = itav__problems_add(im->db, severity, row_number, column, code, text);
    if (err != ITAV_OK) {
        im->rc = err;
        return;
    }
    if (severity != ITAV_SEVERITY_ERROR)
        return;
    if (column)
        snprintf(line, sizeof line, itav__tr(im->db, N_("%s:row %ld, column %s: %s")), im->name,
                 row_number, column, text);
    else if (row_number)
        snprintf(line, sizeof line, itav__tr(im->db, N_("%s:row %ld: %s")), im->name, row_number,
                 text);
    else
        snprintf(line, sizeof line, "%s: %s", im->name, text);
    problems_add(&im->ps, line);
}

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* An error: the import is refused. */
static void problem(importer *im, const char *code, long row_number, const char *column,
                    const char *fmt, ...) PRINTF_LIKE(5, 6);
static void problem(importer *im, const char *code, long row_number, const char *column,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(im, ITAV_SEVERITY_ERROR, code, row_number, column, fmt, ap);
    va_end(ap);
}

/* A warning or a note: listed, and the import goes on. */
static void remark(importer *im, int severity, const char *code, long row_number,
                   const char *column, const char *fmt, ...) PRINTF_LIKE(6, 7);
static void remark(importer *im, int severity, const char *code, long row_number,
                   const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(im, severity, code, row_number, column, fmt, ap);
    va_end(ap);
}

/* The codes of an enumeration from `first` to `last` (bits when `bits`), comma-separated. */
static const char *code_list(char *buf, size_t size, itav_code_type type, int first, int last,
                             bool bits)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int v = first; v <= last; v = bits ? v * 2 : v + 1) {
        const char *code = itav_code_name(type, v);
        if (code && len < size)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "", code);
    }
    return buf;
}

static void read_header(importer *im, const row *h)
{
    char letters[8], names[400] = "", ignored[400] = "";
    size_t nignored = 0, left_out = 0;
    bool listed = false, strict = im->flags & ITAV_IMPORT_STRICT;
    for (int c = 0; c < COLUMN_COUNT; c++) {
        im->pos[c] = -1;
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", c ? ", " : "",
                 column_names[c]);
    }
    if (!(im->what = itav__calloc(h->n, sizeof *im->what))) {
        im->rc = itav__error(im->db, ITAV_ENOMEM, "out of memory");
        return;
    }
    im->nwhat = h->n;
    for (size_t i = 0; i < h->n; i++) {
        const char *name = h->cells[i];
        column_letters(letters, i);
        if (!name) {
            im->what[i] = FILE_COL_UNNAMED;
            continue;
        }
        if (!itav__valid_utf8(name)) {
            im->what[i] = FILE_COL_IGNORED;
            problem(im, "not_utf8", h->number, letters, "the column name is not valid UTF-8 (save the file "
                    "as UTF-8)");
            continue;
        }
        int c = column_named(name);
        if (c == COLUMN_COUNT && strict) {
            char v[64];
            im->what[i] = FILE_COL_IGNORED;
            problem(im, "unknown_column", h->number, letters, "unknown column %s (%s%s)",
                    shown(v, name),
                    itav__tr(im->db, listed ? N_("the names are listed above")
                                            : N_("the columns are ")),
                    listed ? "" : names);
            listed = true;
        } else if (c == COLUMN_COUNT) {
            /* Its cells are never read: a name or a phone number in them stays out. */
            char v[64];
            size_t len = strlen(ignored);
            im->what[i] = FILE_COL_IGNORED;
            shown(v, name);
            if (len + strlen(v) + 3 < sizeof ignored - 20)
                snprintf(ignored + len, sizeof ignored - len, "%s%s (%s)", nignored ? ", " : "",
                         v, letters);
            else
                left_out++;
            nignored++;
        } else if (im->pos[c] >= 0) {
            char first[8];
            im->what[i] = FILE_COL_IGNORED;
            problem(im, "duplicate_column", h->number, letters, "column \"%s\" appears twice (also column %s)",
                    name, column_letters(first, (size_t)im->pos[c]));
        } else {
            im->what[i] = c;
            im->pos[c] = (int)i;
            im->label[c] = name; /* only ASCII letters, digits and _ (it matched a name) */
        }
    }
    if (im->pos[COL_REF] < 0)
        problem(im, "missing_column", h->number, NULL, "no column \"ref\" (ref and kind are required)");
    if (im->pos[COL_KIND] < 0)
        problem(im, "missing_column", h->number, NULL, "no column \"kind\" (ref and kind are required)");
    /* In update mode the stored participants keep their offers: only a new one needs it. */
    if (im->pos[COL_OFFER] < 0 && !im->default_offer && !(im->flags & ITAV_IMPORT_UPDATE))
        problem(im, "missing_column", h->number, NULL, "no column \"offer\" and no default offer "
                "given (add an \"offer\" column, or give the offer of all rows as the default "
                "offer)");
    if (nignored && left_out)
        remark(im, ITAV_SEVERITY_NOTE, "ignored_columns", h->number, NULL, "%zu columns the "
               "library does not know are ignored, their cells neither read nor stored: %s and "
               "%zu more", nignored, ignored, left_out);
    else if (nignored > 1)
        remark(im, ITAV_SEVERITY_NOTE, "ignored_columns", h->number, NULL, "%zu columns the "
               "library does not know are ignored, their cells neither read nor stored: %s",
               nignored, ignored);
    else if (nignored)
        remark(im, ITAV_SEVERITY_NOTE, "ignored_columns", h->number, NULL, "1 column the "
               "library does not know is ignored, its cells neither read nor stored: %s",
               ignored);
}

/* ======================================================================================
 * Store lookups
 * ====================================================================================== */

/* Whether an offer is in the store; each id is looked up once. */
static bool offer_known(importer *im, const char *id)
{
    bool found;
    if (itav__strlist_has_nocase(&im->offers_found, id))
        return true;
    if (itav__strlist_has_nocase(&im->offers_missing, id))
        return false;
    int rc = itav__exists(&found, im->db, ITAV__KIND_OFFER, id);
    if (rc == ITAV_OK)
        rc = itav__strlist_add(found ? &im->offers_found : &im->offers_missing, id);
    if (rc != ITAV_OK && im->rc == ITAV_OK)
        im->rc = rc == ITAV_ENOMEM ? itav__error(im->db, rc, "out of memory") : rc;
    return rc == ITAV_OK && found;
}

/* The refs of earlier rows: open addressing over a power-of-two table. */
typedef struct seen {
    const char *ref;
    long row;
} seen;

static size_t hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The row that already has ref, or 0 after recording it for this row. */
static long seen_before(importer *im, const char *ref, long row_number)
{
    size_t i = hash(ref) & (im->seen_cap - 1);
    for (; im->seen[i].ref; i = (i + 1) & (im->seen_cap - 1))
        if (strcmp(im->seen[i].ref, ref) == 0)
            return im->seen[i].row;
    im->seen[i].ref = ref;
    im->seen[i].row = row_number;
    return 0;
}

/* ======================================================================================
 * Checking one row
 * ====================================================================================== */

typedef struct rowcheck {
    importer *im;
    row *r;
    itav_participant *p;
    bool ref_ok, kind_ok;
    bool failed; /* a problem reported once for the whole file (the default offer) */
    itav_participant *stored; /* update mode: the stored participant of the ref, or NULL */
    itav_participant_status move; /* update mode: the status to move to, or 0 */
    int32_t move_date;
} rowcheck;

/* A column as messages name it: as the header names it ("vog_datum"), else in English. */
static const char *column_label(const importer *im, int col)
{
    return im->label[col] ? im->label[col] : column_names[col];
}

/* The cell of a column in this row, NULL when the column is absent or the cell empty. */
static char *cell(const rowcheck *rc, int col)
{
    int i = rc->im->pos[col];
    return i >= 0 && (size_t)i < rc->r->n ? rc->r->cells[i] : NULL;
}

#define PROBLEM(rc, code, col, ...) \
    problem((rc)->im, code, (rc)->r->number, column_label((rc)->im, col), __VA_ARGS__)
#define WARNING(rc, code, col, ...) \
    remark((rc)->im, ITAV_SEVERITY_WARNING, code, (rc)->r->number, \
           column_label((rc)->im, col), __VA_ARGS__)

/* Splits a list cell in place: the next item, or NULL at the end. */
static char *next_item(char **cursor)
{
    char *s = *cursor + strspn(*cursor, LIST_SEPARATORS);
    if (!*s)
        return NULL;
    char *end = s + strcspn(s, LIST_SEPARATORS);
    *cursor = *end ? end + 1 : end;
    *end = '\0';
    return s;
}

/* A hint for a list item that holds a comma: the separators are spaces and semicolons. */
static const char *comma_hint(const itav_db *db, const char *item)
{
    return strchr(item, ',') ? itav__tr(db, N_(" (separate items with spaces or semicolons)"))
                             : "";
}

/* Whether a setter failed for a reason other than the value (out of memory); records it. */
static bool out_of_memory(rowcheck *rc, int err)
{
    if (err == ITAV_OK || err == ITAV_EINVAL || err == ITAV_ERANGE)
        return false;
    if (rc->im->rc == ITAV_OK)
        rc->im->rc = itav__error(rc->im->db, err, "out of memory");
    return true;
}

/* After adding an item to a list: true (and a problem) when the list was full; a lack of
 * memory is recorded as out_of_memory() does. */
static bool list_full(rowcheck *rc, int column, int err, int max, const char *what)
{
    if (err == ITAV_ERANGE) {
        PROBLEM(rc, "too_long", column, "more than %d %s (the most a participant can list)", max,
                itav__tr(rc->im->db, what));
        return true;
    }
    out_of_memory(rc, err);
    return false;
}

/* A whole number from min to max. label names the value in messages. */
static bool whole_number(rowcheck *rc, int col, const char *label, const char *text, long min,
                         long max, const char *allowed, long *out)
{
    char v[64], *end;
    const char *digits = text + (*text == '-' || *text == '+');
    errno = 0;
    long value = strtol(text, &end, 10);
    if (*digits < '0' || *digits > '9' || *end) {
        PROBLEM(rc, "invalid", col, "%s %s is not a whole number", itav__tr(rc->im->db, label),
                shown(v, text));
        return false;
    }
    if (errno == ERANGE || value < min || value > max) {
        PROBLEM(rc, "out_of_range", col, "%s %s: must be %s", itav__tr(rc->im->db, label), text,
                itav__tr(rc->im->db, allowed));
        return false;
    }
    *out = value;
    return true;
}

/* A decimal number from min to max: a dot as decimal separator, or in a file separated by
 * semicolons (Dutch Excel) a decimal comma as well (51,68934), but no thousands separators. */
static bool decimal_number(rowcheck *rc, int col, const char *text, double min, double max,
                           const char *allowed, double *out)
{
    char v[64], number[64], *end;
    const char *digits = text;
    bool comma_ok = rc->im->sep == ';';
    size_t n = strlen(text);
    bool plain = text[strspn(text, "+-0123456789.eE")] == '\0';
    if (!plain && comma_ok && n < sizeof number && text[strspn(text, "+-0123456789,eE")] == '\0' &&
        strchr(text, ',') == strrchr(text, ',')) {
        memcpy(number, text, n + 1);
        *strchr(number, ',') = '.';
        digits = number;
        plain = true;
    }
    double value = plain ? strtod(digits, &end) : 0;
    if (!plain || *end || !isfinite(value)) {
        PROBLEM(rc, "invalid", col, "%s %s is not a number (use a dot for decimals: 52.38%s)",
                column_names[col], shown(v, text),
                comma_ok ? itav__tr(rc->im->db, N_(", or a comma: 52,38")) : "");
        return false;
    }
    if (value < min || value > max) {
        PROBLEM(rc, "out_of_range", col, "%s %s: must be %s", column_names[col], text,
                itav__tr(rc->im->db, allowed));
        return false;
    }
    *out = value;
    return true;
}

/* The day, month and year of a Dutch date D-M-YYYY or DD-MM-YYYY (dd-mm-jjjj): true when the
 * text has that shape. */
static bool dutch_date(const char *text, int *year, int *month, int *day)
{
    size_t d = strspn(text, "0123456789");
    if (d < 1 || d > 2 || text[d] != '-')
        return false;
    const char *m = text + d + 1;
    size_t mn = strspn(m, "0123456789");
    if (mn < 1 || mn > 2 || m[mn] != '-')
        return false;
    const char *y = m + mn + 1;
    if (strspn(y, "0123456789") != 4 || y[4])
        return false;
    *day = atoi(text);
    *month = atoi(m);
    *year = atoi(y);
    return true;
}

/* A date cell, YYYY-MM-DD or (only in CSV) DD-MM-YYYY or D-M-YYYY: true with *out set, or
 * false (empty, or a problem reported). */
static bool date_cell(rowcheck *rc, int col, int32_t *out)
{
    char v[64];
    int year, month, day;
    const char *text = cell(rc, col);
    if (!text)
        return false;
    if (itav_date_parse(out, text) == ITAV_OK)
        return true;
    bool dutch = dutch_date(text, &year, &month, &day);
    if (dutch && itav_date_from_ymd(out, year, month, day) == ITAV_OK)
        return true;
    bool iso = strlen(text) == 10 && text[4] == '-' && text[7] == '-' &&
               strspn(text, "0123456789") == 4 && strspn(text + 5, "0123456789") == 2 &&
               strspn(text + 8, "0123456789") == 2;
    if (!iso && !dutch)
        PROBLEM(rc, "invalid", col, "date %s is not a date (use YYYY-MM-DD or DD-MM-YYYY)", shown(v, text));
    else if (iso ? strncmp(text, "1900", 4) < 0 : year < 1900)
        PROBLEM(rc, "out_of_range", col, "date %s is before 1900", shown(v, text));
    else
        PROBLEM(rc, "invalid", col, "date %s does not exist (%s)", shown(v, text),
                itav__tr(rc->im->db, iso ? N_("YYYY-MM-DD") : N_("DD-MM-YYYY")));
    return false;
}

/* yes/no, ja/nee, true/false, 1/0, any case: 1 or 0; -1 for an empty cell or a problem. */
static int boolean_cell(rowcheck *rc, int col)
{
    static const char *const yes[] = {"yes", "ja", "true", "1"},
                             *const no[] = {"no", "nee", "false", "0"};
    char v[64];
    const char *text = cell(rc, col);
    if (!text)
        return -1;
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        if (itav__strcasecmp(text, yes[i]) == 0)
            return 1;
        if (itav__strcasecmp(text, no[i]) == 0)
            return 0;
    }
    PROBLEM(rc, "invalid", col, "%s %s is not a boolean (use yes/no, ja/nee, true/false or 1/0)", column_names[col],
            shown(v, text));
    return -1;
}

/* ref, offer and kind; makes rc->p (with stand-ins for bad values, so that the other cells
 * can still be checked). False when out of memory. */
static bool check_identity(rowcheck *rc)
{
    importer *im = rc->im;
    char v[64], kinds[160];
    const char *ref = cell(rc, COL_REF), *offer = cell(rc, COL_OFFER), *kind = cell(rc, COL_KIND);
    int k = 0;
    if (!ref)
        PROBLEM(rc, "empty", COL_REF, "ref is empty (every row needs one)");
    else if (!itav__valid_participant_ref(ref))
        PROBLEM(rc, "invalid", COL_REF, "ref %s is not a reference (1 to 64 of A-Z a-z 0-9 . _ -, "
                "starting with a letter or digit)", shown(v, ref));
    else
        rc->ref_ok = true;
    if (rc->ref_ok) {
        long earlier = seen_before(im, ref, rc->r->number);
        bool exists;
        if (earlier) {
            PROBLEM(rc, "duplicate_ref", COL_REF, "ref %s is also on row %ld", shown(v, ref), earlier);
        } else if (itav__exists(&exists, im->db, ITAV__KIND_PARTICIPANT, ref) != ITAV_OK) {
            im->rc = itav_errcode(im->db);
            return false;
        } else if (exists && !(im->flags & ITAV_IMPORT_UPDATE)) {
            PROBLEM(rc, "exists", COL_REF, "participant %s is already in the store (import in "
                    "update mode to change it)", shown(v, ref));
        } else if (exists) {
            int err = itav__participant_read(&rc->stored, im->db, ref);
            if (err != ITAV_OK) {
                im->rc = err;
                return false;
            }
        }
    }
    /* A stored participant keeps its offer unless the row names another. */
    if (!offer)
        offer = rc->stored ? rc->stored->offer : im->default_offer;
    bool offer_ok = offer && itav__valid_id(offer);
    if (!offer)
        PROBLEM(rc, "empty", COL_OFFER, "offer is empty and no default offer was given");
    else if (!offer_ok)
        PROBLEM(rc, "invalid", COL_OFFER, "offer %s is not an offer id (a-z, 0-9 and single -)",
                shown(v, offer));
    else if (offer == im->default_offer)
        rc->failed = !offer_known(im, offer);
    else if (!offer_known(im, offer) && im->rc == ITAV_OK)
        PROBLEM(rc, "unknown_offer", COL_OFFER, "no offer %s in the store", shown(v, offer));
    code_list(kinds, sizeof kinds, ITAV_CODE_PARTICIPANT_KIND, ITAV_PARTICIPANT_FAMILY,
              ITAV_PARTICIPANT_PEER, false);
    if (!kind)
        PROBLEM(rc, "empty", COL_KIND, "kind is empty (use %s)", kinds);
    else if (itav_code_parse(&k, ITAV_CODE_PARTICIPANT_KIND, kind) != ITAV_OK)
        PROBLEM(rc, "invalid", COL_KIND, "kind %s is not a kind (use %s)", shown(v, kind), kinds);
    else
        rc->kind_ok = true;
    if (im->rc != ITAV_OK)
        return false;
    /* A supporting stand-in kind, so that no side rule fires on a row whose kind is wrong. */
    int err = itav_participant_new(&rc->p, rc->ref_ok ? ref : "row", offer_ok ? offer : "row",
                                   rc->kind_ok ? (itav_participant_kind)k
                                               : ITAV_PARTICIPANT_VOLUNTEER);
    if (err != ITAV_OK)
        im->rc = itav__error(im->db, err, "out of memory");
    return err == ITAV_OK;
}

/* The statuses a participant of this side (0: either side) may start in, comma-separated. */
static const char *starting_statuses(char *buf, size_t size, itav_side side)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int s = ITAV_PSTATUS_REGISTERED; s <= ITAV_PSTATUS_ERASED && len < size; s++)
        if ((side && itav__status_move_ok(side, 0, (itav_participant_status)s)) ||
            (!side && (itav__status_move_ok(ITAV_SIDE_ASKING, 0, (itav_participant_status)s) ||
                       itav__status_move_ok(ITAV_SIDE_SUPPORTING, 0,
                                            (itav_participant_status)s))))
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                                    itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, s));
    return buf;
}

/* Update mode: a status other than the stored one is a move by hand, under the same rules as
 * itav_participant_set_status(), dated by status_date or else today (UTC). */
static void check_move(rowcheck *rc)
{
    char v[64];
    const char *text = cell(rc, COL_STATUS);
    int s;
    int32_t date = itav__today();
    bool dated = date_cell(rc, COL_STATUS_DATE, &date);
    if (!text)
        return;
    if (itav_code_parse(&s, ITAV_CODE_PARTICIPANT_STATUS, text) != ITAV_OK) {
        char all[200];
        PROBLEM(rc, "invalid", COL_STATUS, "status %s is not a status (use %s)", shown(v, text),
                code_list(all, sizeof all, ITAV_CODE_PARTICIPANT_STATUS, ITAV_PSTATUS_REGISTERED,
                          ITAV_PSTATUS_ERASED, false));
        return;
    }
    if ((itav_participant_status)s == rc->stored->status)
        return;
    itav_participant moved = *rc->stored; /* read only: the side of the row's kind */
    if (rc->kind_ok)
        moved.kind = rc->p->kind;
    int err = itav__participant_move_check(rc->im->db, &moved, (itav_participant_status)s, date);
    if (err == ITAV_ESTATE || err == ITAV_EINVAL)
        PROBLEM(rc, "status", dated && err == ITAV_EINVAL ? COL_STATUS_DATE : COL_STATUS, "%s%s",
                itav_errmsg(rc->im->db), dated || err != ITAV_EINVAL ? "" : itav__tr(rc->im->db,
                N_(" (today; give the date of the change in status_date)")));
    else if (err != ITAV_OK)
        rc->im->rc = err;
    else {
        rc->move = (itav_participant_status)s;
        rc->move_date = date;
    }
}

static void check_status(rowcheck *rc)
{
    char v[64], allowed[160];
    const char *text = cell(rc, COL_STATUS);
    int s;
    itav_side side = itav_participant_side(rc->p);
    if (rc->stored) {
        check_move(rc);
        return;
    }
    if (text) {
        starting_statuses(allowed, sizeof allowed, rc->kind_ok ? side : 0);
        if (itav_code_parse(&s, ITAV_CODE_PARTICIPANT_STATUS, text) != ITAV_OK)
            PROBLEM(rc, "invalid", COL_STATUS, "status %s is not a status (use %s)", shown(v, text),
                    allowed);
        else if (s == ITAV_PSTATUS_MATCHED || s == ITAV_PSTATUS_ERASED)
            PROBLEM(rc, "status", COL_STATUS, "status \"%s\" cannot be a starting status, it only comes "
                    "from %s (use %s)", text,
                    itav__tr(rc->im->db, s == ITAV_PSTATUS_MATCHED ? N_("matches") : N_("erasure")),
                    allowed);
        else if (rc->kind_ok && !itav__status_move_ok(side, 0, (itav_participant_status)s))
            PROBLEM(rc, "status", COL_STATUS, "status \"%s\" is for the %s side, and kind \"%s\" is on "
                    "the %s side (use %s)", text, side == ITAV_SIDE_ASKING ? "supporting"
                    : "asking", itav_code_name(ITAV_CODE_PARTICIPANT_KIND, rc->p->kind),
                    itav_code_name(ITAV_CODE_SIDE, side), allowed);
        else
            rc->p->status = (itav_participant_status)s;
    }
    int32_t date;
    if (date_cell(rc, COL_STATUS_DATE, &date))
        rc->p->status_date = date;
}

/* A Dutch postcode with its letters: 1234 AB, 1234AB (the area's first digit not 0). */
static bool full_postcode(const char *s)
{
    if (strspn(s, "0123456789") != 4 || s[0] == '0')
        return false;
    s += 4 + (s[4] == ' ');
    return itav__ascii_lower((unsigned char)s[0]) >= 'a' &&
           itav__ascii_lower((unsigned char)s[0]) <= 'z' &&
           itav__ascii_lower((unsigned char)s[1]) >= 'a' &&
           itav__ascii_lower((unsigned char)s[1]) <= 'z' && !s[2];
}

static void check_place(rowcheck *rc)
{
    char v[64];
    const char *municipality = cell(rc, COL_MUNICIPALITY), *postcode = cell(rc, COL_POSTCODE);
    const char *lat_text = cell(rc, COL_LAT), *lon_text = cell(rc, COL_LON);
    int err;
    if (municipality && (err = itav_participant_set_municipality(rc->p, municipality))) {
        if (out_of_memory(rc, err))
            return;
        PROBLEM(rc, "too_long", COL_MUNICIPALITY, "municipality is longer than %d bytes", ITAV__TEXT_MAX);
    }
    if (postcode && itav_participant_set_postcode(rc->p, postcode) != ITAV_OK) {
        char area[5] = "";
        if (full_postcode(postcode)) {
            /* The same words for every row, so that a list of them groups into one line. */
            memcpy(area, postcode, 4);
            itav_participant_set_postcode(rc->p, area);
            WARNING(rc, "postcode_cut", COL_POSTCODE, "a full postcode: only its four digits "
                    "are stored, the letters are left out");
        } else
            PROBLEM(rc, "invalid", COL_POSTCODE, "postcode %s is not a postcode area (four digits, the "
                    "first not 0, such as 2011)", shown(v, postcode));
    }
    double lat = 0, lon = 0;
    bool lat_ok = lat_text && decimal_number(rc, COL_LAT, lat_text, -90, 90, "-90 to 90", &lat);
    bool lon_ok = lon_text &&
                  decimal_number(rc, COL_LON, lon_text, -180, 180, "-180 to 180", &lon);
    if (lat_text && !lon_text)
        PROBLEM(rc, "incomplete", COL_LAT, "lat is set but lon is empty (give both or neither)");
    else if (lon_text && !lat_text)
        PROBLEM(rc, "incomplete", COL_LON, "lon is set but lat is empty (give both or neither)");
    else if (lat_ok && lon_ok)
        itav_participant_set_location(rc->p, lat, lon);
}

/* availability and support: codes of one enumeration, or-ed together. */
static void check_codes(rowcheck *rc, int col, itav_code_type type)
{
    char v[64], list[200], *cursor = cell(rc, col), *item;
    unsigned bits = 0;
    int bit;
    while (cursor && (item = next_item(&cursor))) {
        if (itav_code_parse(&bit, type, item) == ITAV_OK)
            bits |= (unsigned)bit;
        else if (type == ITAV_CODE_SLOT)
            PROBLEM(rc, "invalid", col, "availability %s is not a daypart (use mon_morning ... "
                    "sun_evening)%s", shown(v, item), comma_hint(rc->im->db, item));
        else
            PROBLEM(rc, "invalid", col, "support %s is not a support type (use %s)%s", shown(v, item),
                    code_list(list, sizeof list, type, ITAV_SUPPORT_DAYTIME_CARE,
                              ITAV_SUPPORT_WAYFINDING, true),
                    comma_hint(rc->im->db, item));
    }
    if (type == ITAV_CODE_SLOT)
        itav_participant_set_availability(rc->p, bits);
    else
        itav_participant_set_support(rc->p, bits);
}

static void check_words(rowcheck *rc)
{
    char v[64], *cursor, *item;
    for (cursor = cell(rc, COL_LANGUAGES); cursor && (item = next_item(&cursor));) {
        char lower[4] = "";
        size_t n = strlen(item);
        for (size_t i = 0; (n == 2 || n == 3) && i < n; i++)
            lower[i] = (char)itav__ascii_lower((unsigned char)item[i]);
        bool upper = !itav_language_known(item) && itav_language_known(lower);
        if (!itav_language_known(item))
            PROBLEM(rc, "invalid", COL_LANGUAGES, "language %s is not an ISO 639-1 or ISO 639-3 "
                    "code%s%s%s%s",
                    shown(v, item), upper ? itav__tr(rc->im->db, N_(" (use lower case: \"")) : "",
                    upper ? lower : "",
                    upper ? "\")" : "", comma_hint(rc->im->db, item));
        else if (list_full(rc, COL_LANGUAGES, itav_participant_add_language(rc->p, item),
                           ITAV_LANGUAGES_MAX, N_("languages")))
            break;
        else if (rc->im->rc != ITAV_OK)
            return;
    }
    int required = boolean_cell(rc, COL_LANGUAGE_REQUIRED);
    if (required >= 0)
        itav_participant_set_language_required(rc->p, required);
    for (cursor = cell(rc, COL_INTERESTS); cursor && (item = next_item(&cursor));) {
        if (!itav__valid_tag(item))
            PROBLEM(rc, "invalid", COL_INTERESTS, "interest %s is not a tag (lower-case letters, digits "
                    "and single hyphens, at most 64 characters)%s", shown(v, item),
                    comma_hint(rc->im->db, item));
        else if (list_full(rc, COL_INTERESTS, itav_participant_add_interest(rc->p, item),
                           ITAV_INTERESTS_MAX, N_("interests")))
            break;
        else if (rc->im->rc != ITAV_OK)
            return;
    }
}

static void check_ages(rowcheck *rc)
{
    char *cursor = cell(rc, COL_CHILDREN), *item;
    const char *min_text = cell(rc, COL_AGE_MIN), *max_text = cell(rc, COL_AGE_MAX);
    long age, min = 0, max = 0;
    while (cursor && (item = next_item(&cursor))) {
        if (!whole_number(rc, COL_CHILDREN, N_("child age"), item, 0, AGE_MAX, AGES, &age))
            continue;
        if (itav_participant_child_count(rc->p) == ITAV_CHILDREN_MAX) {
            PROBLEM(rc, "too_long", COL_CHILDREN, "more than %d children", ITAV_CHILDREN_MAX);
            break;
        }
        if (out_of_memory(rc, itav_participant_add_child(rc->p, (int32_t)age)))
            return;
    }
    bool min_ok = min_text &&
                  whole_number(rc, COL_AGE_MIN, "age_min", min_text, 0, AGE_MAX, AGES, &min);
    bool max_ok = max_text &&
                  whole_number(rc, COL_AGE_MAX, "age_max", max_text, 0, AGE_MAX, AGES, &max);
    if (min_text && !max_text)
        PROBLEM(rc, "incomplete", COL_AGE_MIN, "age_min is set but age_max is empty (give both or neither)");
    else if (max_text && !min_text)
        PROBLEM(rc, "incomplete", COL_AGE_MAX, "age_max is set but age_min is empty (give both or neither)");
    else if (min_ok && max_ok && max < min)
        PROBLEM(rc, "inconsistent", COL_AGE_MAX, "age_max %ld is below age_min %ld", max, min);
    else if (min_ok && max_ok)
        itav_participant_set_age_range(rc->p, (int32_t)min, (int32_t)max);
}

static void check_screening(rowcheck *rc)
{
    int32_t date;
    if (date_cell(rc, COL_VOG_DATE, &date))
        itav_participant_set_vog_date(rc->p, date);
    int trained = boolean_cell(rc, COL_TRAINED);
    if (trained >= 0)
        itav_participant_set_trained(rc->p, trained);
    if (date_cell(rc, COL_REGISTERED, &date))
        itav_participant_set_registered(rc->p, date);
}

static void check_capacity_distance(rowcheck *rc)
{
    const char *capacity = cell(rc, COL_CAPACITY), *distance = cell(rc, COL_MAX_DISTANCE);
    long n;
    double metres;
    if (capacity && whole_number(rc, COL_CAPACITY, "capacity", capacity, 1, CAPACITY_MAX,
                                 N_("1 to 100"), &n)) {
        if (itav_participant_set_capacity(rc->p, (int)n) != ITAV_OK)
            PROBLEM(rc, "inconsistent", COL_CAPACITY, "capacity %ld: kind \"%s\" is on the asking side, which "
                    "always has capacity 1", n,
                    itav_code_name(ITAV_CODE_PARTICIPANT_KIND, rc->p->kind));
    }
    if (distance && decimal_number(rc, COL_MAX_DISTANCE, distance, 0, DISTANCE_MAX,
                                   N_("0 (none) to 20000000 metres"), &metres))
        itav_participant_set_max_distance(rc->p, metres);
}

static void check_exclusions(rowcheck *rc)
{
    char v[64], *cursor = cell(rc, COL_EXCLUSIONS), *item;
    while (cursor && (item = next_item(&cursor))) {
        if (!itav__valid_participant_ref(item))
            PROBLEM(rc, "invalid", COL_EXCLUSIONS, "exclusion %s is not a reference (1 to 64 of A-Z a-z "
                    "0-9 . _ -, starting with a letter or digit)%s", shown(v, item),
                    comma_hint(rc->im->db, item));
        else if (rc->ref_ok && strcmp(item, rc->p->ref) == 0)
            PROBLEM(rc, "inconsistent", COL_EXCLUSIONS, "exclusion %s is the row's own ref", shown(v, item));
        else if (rc->ref_ok && list_full(rc, COL_EXCLUSIONS,
                                         itav_participant_add_exclusion(rc->p, item),
                                         ITAV_EXCLUSIONS_MAX, N_("exclusions")))
            break;
        else if (rc->im->rc != ITAV_OK)
            return;
    }
}

/* A line break inside a quoted cell, as CRLF or a lone CR, becomes a line feed: text keeps
 * no carriage return, which a terminal would obey. */
static void line_feeds_only(char *text)
{
    char *out = text;
    for (const char *in = text; *in; in++) {
        if (*in == '\r' && in[1] == '\n')
            continue;
        *out++ = *in == '\r' ? '\n' : *in;
    }
    *out = '\0';
}

/* Reports cells in columns without a name, and cells that are not UTF-8 or hold a control
 * character (then false: the row is not read further). */
static bool cells_readable(rowcheck *rc)
{
    bool ok = true;
    char letters[8];
    for (size_t i = 0; i < rc->r->n; i++) {
        char *text = rc->r->cells[i];
        if (text)
            line_feeds_only(text);
        int what = i < rc->im->nwhat ? rc->im->what[i] : FILE_COL_UNNAMED;
        const char *column = what >= 0 ? column_label(rc->im, what) : column_letters(letters, i);
        if (!text || what == FILE_COL_IGNORED)
            continue;
        if (what == FILE_COL_UNNAMED) {
            problem(rc->im, "unnamed_column", rc->r->number, column, "a value in a column without a name in "
                    "the header");
        } else if (!itav__valid_utf8(text)) {
            problem(rc->im, "not_utf8", rc->r->number, column, "the text is not valid UTF-8 (save the "
                    "file as UTF-8)");
            ok = false;
        } else if (itav__control_char(text) >= 0) {
            char what_char[64];
            /* xgettext:c-format */
            snprintf(what_char, sizeof what_char, itav__tr(rc->im->db, N_("the text contains "
                     "the control character U+%04lX")), (unsigned long)itav__control_char(text));
            problem(rc->im, "control_character", rc->r->number, column, "%s", what_char);
            ok = false;
        }
    }
    return ok;
}

static bool blank(const row *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->cells[i])
            return false;
    return true;
}

/* What became of a row. */
enum outcome { ROW_SKIPPED, ROW_ADDED, ROW_UPDATED, ROW_UNCHANGED };

/* Update mode: copies into m (the stored participant) what the columns of the file give; a
 * column the file lacks keeps the stored value, an empty cell clears it. Status and status
 * date move only through check_move(). */
static int merge_column(itav_participant *m, const itav_participant *p, int col)
{
    switch (col) {
    case COL_OFFER: return itav__set_text(&m->offer, p->offer);
    case COL_KIND: m->kind = p->kind; break;
    case COL_MUNICIPALITY: return itav__set_text(&m->municipality, p->municipality);
    case COL_POSTCODE: memcpy(m->postcode, p->postcode, sizeof m->postcode); break;
    case COL_LAT:
    case COL_LON:
        m->has_location = p->has_location;
        m->lat = p->lat;
        m->lon = p->lon;
        break;
    case COL_AVAILABILITY: m->availability = p->availability; break;
    case COL_SUPPORT: m->support = p->support; break;
    case COL_LANGUAGES: return itav__strlist_copy(&m->languages, &p->languages);
    case COL_LANGUAGE_REQUIRED: m->language_required = p->language_required; break;
    case COL_INTERESTS: return itav__strlist_copy(&m->interests, &p->interests);
    case COL_CHILDREN:
        memcpy(m->children, p->children, sizeof m->children);
        m->nchildren = p->nchildren;
        break;
    case COL_AGE_MIN:
    case COL_AGE_MAX:
        m->age_min = p->age_min;
        m->age_max = p->age_max;
        break;
    case COL_VOG_DATE: m->vog_date = p->vog_date; break;
    case COL_TRAINED: m->trained = p->trained; break;
    case COL_CAPACITY: m->capacity = p->capacity; break;
    case COL_REGISTERED: m->registered = p->registered; break;
    case COL_MAX_DISTANCE: m->max_distance_m = p->max_distance_m; break;
    case COL_EXCLUSIONS: return itav__strlist_copy(&m->exclusions, &p->exclusions);
    default: break; /* ref, status, status_date */
    }
    return ITAV_OK;
}

/* Whether two participants would be stored as the same record; -1 when out of memory. */
static int same_record(const itav_participant *a, const itav_participant *b)
{
    unsigned char *ra = NULL, *rb = NULL;
    size_t na = 0, nb = 0;
    int same = -1;
    if (itav__participant_encode(&ra, &na, a) == ITAV_OK &&
        itav__participant_encode(&rb, &nb, b) == ITAV_OK)
        same = na == nb && memcmp(ra, rb, na) == 0;
    itav__free(ra);
    itav__free(rb);
    return same;
}

/* Update mode: the stored participant with the row's columns, or NULL (a problem reported,
 * or im->rc set). */
static itav_participant *merged(rowcheck *rc, enum outcome *what)
{
    importer *im = rc->im;
    itav_participant *m = NULL;
    int err = itav_participant_dup(&m, rc->stored);
    for (int c = 0; c < COLUMN_COUNT && err == ITAV_OK; c++)
        if (im->pos[c] >= 0)
            err = merge_column(m, rc->p, c);
    if (err != ITAV_OK) {
        im->rc = itav__error(im->db, ITAV_ENOMEM, "out of memory");
        itav_participant_free(m);
        return NULL;
    }
    if (rc->move) {
        m->status = rc->move;
        m->status_date = rc->move_date;
    }
    err = itav__participant_change_check(im->db, rc->stored, m);
    if (err == ITAV_EINUSE || err == ITAV_ESTATE) {
        bool side = itav__kind_side(m->kind) != itav__kind_side(rc->stored->kind);
        PROBLEM(rc, "locked", side ? COL_KIND : COL_OFFER, "%s", itav_errmsg(im->db));
    } else if (err == ITAV_OK) {
        err = itav__participant_check(im->db, m);
        if (err == ITAV_EINVAL || err == ITAV_EFORMAT || err == ITAV_ENOTFOUND ||
            err == ITAV_ESTATE)
            problem(im, "rule", rc->r->number, NULL, "%s", itav_errmsg(im->db));
    }
    int same = err == ITAV_OK ? same_record(m, rc->stored) : 0;
    if (same < 0)
        err = itav__error(im->db, ITAV_ENOMEM, "out of memory");
    if (err != ITAV_OK && err != ITAV_EINVAL && err != ITAV_EFORMAT && err != ITAV_ENOTFOUND &&
        err != ITAV_ESTATE && err != ITAV_EINUSE && im->rc == ITAV_OK)
        im->rc = err;
    if (err != ITAV_OK) {
        itav_participant_free(m);
        return NULL;
    }
    *what = same ? ROW_UNCHANGED : ROW_UPDATED;
    return m;
}

/* Checks one row; returns the participant it describes when it has no problem, and in *what
 * whether it is new, changes a stored one or leaves it as it is. */
static itav_participant *check_row(importer *im, row *r, enum outcome *what)
{
    rowcheck rc = {im, r, NULL, false, false, false, NULL, 0, ITAV_DATE_NONE};
    itav_participant *result = NULL;
    long before = im->ps.count;
    if (!cells_readable(&rc) || !check_identity(&rc))
        goto done;
    check_status(&rc);
    check_place(&rc);
    check_codes(&rc, COL_AVAILABILITY, ITAV_CODE_SLOT);
    check_codes(&rc, COL_SUPPORT, ITAV_CODE_SUPPORT);
    check_words(&rc);
    check_ages(&rc);
    check_screening(&rc);
    check_capacity_distance(&rc);
    check_exclusions(&rc);
    if (im->rc != ITAV_OK || im->ps.count != before || rc.failed)
        goto done;
    if (rc.stored) {
        result = merged(&rc, what);
        goto done;
    }
    /* the rules the store applies at creation */
    if (rc.p->status_date == ITAV_DATE_NONE)
        rc.p->status_date = rc.p->registered;
    int err = itav__participant_check(im->db, rc.p);
    if (err == ITAV_EINVAL || err == ITAV_EFORMAT || err == ITAV_ENOTFOUND || err == ITAV_ESTATE)
        problem(im, "rule", r->number, NULL, "%s", itav_errmsg(im->db));
    else if (err != ITAV_OK)
        im->rc = err;
    if (err == ITAV_OK) {
        result = rc.p;
        rc.p = NULL;
        *what = ROW_ADDED;
    }
done:
    itav_participant_free(rc.p);
    itav_participant_free(rc.stored);
    return result;
}

/* ======================================================================================
 * The import
 * ====================================================================================== */

static void importer_clear(importer *im)
{
    itav__free(im->what);
    itav__free(im->seen);
    itav__strlist_clear(&im->offers_found);
    itav__strlist_clear(&im->offers_missing);
}

/* Checks every row inside the caller's transaction; fills out[] with the participants and
 * what[] with what becomes of them. */
static void check_rows(importer *im, table *t, size_t first, itav_participant **out,
                       enum outcome *what)
{
    char v[64];
    size_t n = t->n - first;
    for (im->seen_cap = 16; im->seen_cap < 2 * n; im->seen_cap *= 2)
        ;
    if (!(im->seen = itav__calloc(im->seen_cap, sizeof *im->seen))) {
        im->rc = itav__error(im->db, ITAV_ENOMEM, "out of memory");
        return;
    }
    if (im->default_offer && !offer_known(im, im->default_offer) && im->rc == ITAV_OK)
        problem(im, "unknown_offer", 0, NULL, "the default offer %s is not in the store",
                shown(v, im->default_offer));
    for (size_t i = first; i < t->n && im->rc == ITAV_OK; i++)
        if (!blank(&t->rows[i]))
            out[i - first] = check_row(im, &t->rows[i], &what[i - first]);
}

static const char *separator_name(char sep)
{
    return sep == ';' ? N_("\";\" (semicolon; a decimal comma is a decimal separator)")
           : sep == '\t' ? N_("tab") : N_("\",\" (comma)");
}

static int import_text(itav_db *db, const char *data, size_t size, const char *name,
                       const char *offer, unsigned flags)
{
    static const char bom[] = "\xEF\xBB\xBF";
    table t = {0};
    importer im = {.db = db, .name = name, .default_offer = offer, .flags = flags};
    itav_participant **ps = NULL;
    enum outcome *what = NULL;
    char *converted = NULL;
    size_t n = 0, counts[4] = {0};
    int rc = itav__problems_reset(db, name);
    bool has_bom = size >= 3 && memcmp(data, bom, 3) == 0;
    if (has_bom) {
        data += 3;
        size -= 3;
    }
    /* A file that says it is UTF-8 (a BOM) is read as such; another that is not UTF-8 is
     * what older Excel saves, Windows-1252. */
    if (rc == ITAV_OK && !has_bom && !utf8_text(data, size)) {
        size_t converted_size = 0;
        if ((rc = from_cp1252(&converted, &converted_size, data, size)) != ITAV_OK)
            rc = itav__error(db, rc, "out of memory reading %s", name);
        else if (converted) {
            data = converted;
            size = converted_size;
            rc = itav__problems_add(db, ITAV_SEVERITY_NOTE, 0, NULL, "encoding", itav__tr(db,
                                    N_("the file is not UTF-8: read as Windows-1252, as older "
                                       "Excel saves it")));
        }
    }
    if (rc == ITAV_OK)
        rc = read_table(db, &t, data, size, name);
    im.sep = t.sep;
    if (rc == ITAV_OK && t.n == 0)
        rc = unreadable(db, name, "no_header", 0, "no header row (the file is empty)");
    if (rc == ITAV_OK) {
        char text[100];
        /* xgettext:c-format */
        snprintf(text, sizeof text, itav__tr(db, N_("separator %s")),
                 itav__tr(db, separator_name(t.sep)));
        rc = itav__problems_add(db, ITAV_SEVERITY_NOTE, 0, NULL, "separator", text);
    }
    if (rc == ITAV_OK) {
        read_header(&im, &t.rows[0]);
        rc = im.rc;
    }
    bool columns_ok = im.pos[COL_REF] >= 0 && im.pos[COL_KIND] >= 0 &&
                      (im.pos[COL_OFFER] >= 0 || offer || (flags & ITAV_IMPORT_UPDATE));
    if (rc == ITAV_OK && columns_ok) {
        if (!(ps = itav__calloc(t.n - 1, sizeof *ps)) ||
            !(what = itav__calloc(t.n - 1, sizeof *what)))
            rc = itav__error(db, ITAV_ENOMEM, "out of memory");
        else
            n = t.n - 1; /* only then: the cleanup below frees n of them */
    }
    /* The checks against the store run inside the writing transaction, so that another
     * connection cannot add a clashing ref between the check and the write. */
    if (rc == ITAV_OK && (rc = itav__begin(db)) == ITAV_OK) {
        if (columns_ok)
            check_rows(&im, &t, 1, ps, what);
        rc = im.rc;
        if (rc == ITAV_OK && im.ps.count)
            rc = problems_fail(db, &im.ps);
        for (size_t i = 0; rc == ITAV_OK && i < n; i++) {
            counts[what[i]]++;
            if (what[i] == ROW_ADDED || what[i] == ROW_UPDATED)
                rc = itav__participant_write(db, ps[i]);
        }
        if (rc == ITAV_OK)
            rc = itav__commit(db);
        else
            itav__rollback(db);
    }
    if (rc == ITAV_OK) {
        db->problems.counts[0] = counts[ROW_ADDED];
        db->problems.counts[1] = counts[ROW_UPDATED];
        db->problems.counts[2] = counts[ROW_UNCHANGED];
    }
    /* A failure of the store or of memory says nothing about the data: no list, rather than
     * an incomplete one. */
    if (rc != ITAV_OK && rc != ITAV_EFORMAT)
        itav__problems_clear(&db->problems);
    for (size_t i = 0; i < n; i++)
        itav_participant_free(ps[i]);
    itav__free(ps);
    itav__free(what);
    itav__free(converted);
    importer_clear(&im);
    table_clear(&t);
    return rc;
}

/* The flags this library knows. */
#define IMPORT_FLAGS (ITAV_IMPORT_STRICT | ITAV_IMPORT_UPDATE)

static int check_arguments(itav_db *db, const char *offer, unsigned flags)
{
    if (offer && !itav__valid_id(offer))
        return itav__error(db, ITAV_EINVAL, "default offer \"%s\" is not an offer id", offer);
    if (flags & ~(unsigned)IMPORT_FLAGS)
        return itav__error(db, ITAV_EINVAL, "unknown import flags 0x%x", flags & ~IMPORT_FLAGS);
    return ITAV_OK;
}

ITAV_API int itav_import_participants_csv_string_v2(itav_db *db, const char *csv,
                                                    const char *name, const char *offer,
                                                    unsigned flags)
{
    if (!db)
        return ITAV_EINVAL;
    int rc = itav__problems_reset(db, NULL);
    if (rc == ITAV_OK && !csv)
        rc = itav__error(db, ITAV_EINVAL, "no CSV text given");
    if (rc == ITAV_OK)
        rc = check_arguments(db, offer, flags);
    return rc != ITAV_OK ? rc
                         : import_text(db, csv, strlen(csv), name ? name : "<string>", offer,
                                       flags);
}

ITAV_API int itav_import_participants_csv_string(itav_db *db, const char *csv,
                                                 const char *name, const char *offer)
{
    return itav_import_participants_csv_string_v2(db, csv, name, offer, ITAV_IMPORT_STRICT);
}

ITAV_API int itav_import_participants_csv_file_v2(itav_db *db, const char *path,
                                                  const char *offer, unsigned flags)
{
    char *data = NULL;
    size_t size = 0, cap = 0;
    if (!db)
        return ITAV_EINVAL;
    int rc = itav__problems_reset(db, NULL);
    if (rc == ITAV_OK && !path)
        rc = itav__error(db, ITAV_EINVAL, "no file name given");
    if (rc == ITAV_OK)
        rc = check_arguments(db, offer, flags);
    if (rc != ITAV_OK)
        return rc;
    FILE *f = fopen(path, "rb");
    if (!f)
        return itav__error(db, ITAV_EIO, "cannot read %s: %s", path, strerror(errno));
    for (;;) {
        if (size == cap && grow((void **)&data, &cap, size, 1) != ITAV_OK) {
            rc = itav__error(db, ITAV_ENOMEM, "out of memory reading %s", path);
            break;
        }
        size_t got = fread(data + size, 1, cap - size, f);
        size += got;
        if (got == 0) {
            if (ferror(f))
                rc = itav__error(db, ITAV_EIO, "cannot read %s: %s", path, strerror(errno));
            break;
        }
    }
    fclose(f);
    if (rc == ITAV_OK)
        rc = import_text(db, data ? data : "", size, path, offer, flags);
    itav__free(data);
    return rc;
}

ITAV_API int itav_import_participants_csv_file(itav_db *db, const char *path,
                                               const char *offer)
{
    return itav_import_participants_csv_file_v2(db, path, offer, ITAV_IMPORT_STRICT);
}
