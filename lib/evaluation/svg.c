/* The radar chart of one or two element portfolios (itav_portfolio_svg): standalone SVG 1.1.
 * Output is byte-for-byte deterministic and independent of the C locale: numbers are
 * printed from integers, never with %f. */
#include "evaluation/evaluation_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a growing text buffer; the first failure sticks ---- */

typedef struct sbuf {
    char *s;
    size_t n, cap;
    int rc;
} sbuf;

static bool reserve(sbuf *b, size_t more)
{
    if (b->rc != ITAV_OK)
        return false;
    if (b->n + more + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + more + 1)
        cap *= 2;
    char *s = itav__realloc(b->s, cap);
    if (!s) {
        b->rc = ITAV_ENOMEM;
        return false;
    }
    b->s = s;
    b->cap = cap;
    return true;
}

static void add_bytes(sbuf *b, const char *s, size_t len)
{
    if (!reserve(b, len))
        return;
    memcpy(b->s + b->n, s, len);
    b->n += len;
    b->s[b->n] = '\0';
}

static void add(sbuf *b, const char *s) { add_bytes(b, s, strlen(s)); }

/* printf into the buffer; only for integers and strings (the locale never shows). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void addf(sbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->rc = ITAV_EINVAL;
        return;
    }
    if ((size_t)n < sizeof small) {
        add_bytes(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

/* A number with one decimal ("12.5", "-0.3", "0.0"), whatever LC_NUMERIC says. */
static void add_num(sbuf *b, double v)
{
    long tenths = lround(v * 10.0);
    addf(b, "%s%ld.%ld", tenths < 0 ? "-" : "", labs(tenths) / 10, labs(tenths) % 10);
}

/* Text for XML character data and attribute values: markup escaped; control characters
 * and the noncharacters U+FFFE and U+FFFF (not allowed in XML 1.0) replaced. */
static void add_escaped(sbuf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] & 0xFE) == 0xBE) {
            add(b, "\xEF\xBF\xBD"); /* U+FFFD */
            i += 2;
            continue;
        }
        switch (c) {
        case '&': add(b, "&amp;"); break;
        case '<': add(b, "&lt;"); break;
        case '>': add(b, "&gt;"); break;
        case '"': add(b, "&quot;"); break;
        case '\'': add(b, "&apos;"); break;
        default: add_bytes(b, c < 0x20 ? " " : s + i, 1);
        }
    }
}

/* ---- text layout ---- */

typedef struct line {
    const char *s;
    size_t len;
} line;

static size_t chars_of(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Breaks text at spaces into at most max lines of about width characters (a longer word
 * keeps a line of its own); *cut tells whether text was left over. */
static size_t wrap(line *out, size_t max, const char *text, size_t width, bool *cut)
{
    size_t n = 0;
    const char *p = text;
    *cut = false;
    while (*p == ' ')
        p++;
    while (*p) {
        if (n == max) {
            *cut = true;
            break;
        }
        const char *start = p, *end = p;
        size_t used = 0;
        while (*p) {
            const char *word = p;
            while (*p && *p != ' ')
                p++;
            size_t wlen = chars_of(word, (size_t)(p - word));
            if (used && used + 1 + wlen > width) {
                p = word;
                break;
            }
            used += (used ? 1 : 0) + wlen;
            end = p;
            while (*p == ' ')
                p++;
        }
        out[n++] = (line){start, (size_t)(end - start)};
    }
    return n;
}

#define LINE_HEIGHT 16

/* One <text> with a <tspan> per line, the first baseline at y; "…" ends a cut text. */
static void add_lines(sbuf *b, double x, double y, const char *attrs, const line *l, size_t n,
                      bool cut)
{
    add(b, "<text ");
    add(b, attrs);
    add(b, ">");
    for (size_t i = 0; i < n; i++) {
        add(b, "<tspan x=\"");
        add_num(b, x);
        add(b, "\" y=\"");
        add_num(b, y + (double)(i * LINE_HEIGHT));
        add(b, "\">");
        add_escaped(b, l[i].s, l[i].len);
        if (cut && i + 1 == n)
            add(b, " \xE2\x80\xA6");
        add(b, "</tspan>");
    }
    add(b, "</text>\n");
}

/* ---- the chart ---- */

#define WIDTH 900
#define CX 450.0
#define CY 340.0
#define RADIUS 210.0
#define LEGEND_TOP 640.0
#define LEGEND_WIDTH 92 /* characters per legend line */
#define LEGEND_LINES 4

typedef struct series {
    const itav_portfolio *p;
    const char *title;
    const char *fill; /* the colour, also of the outline and the markers */
    const char *name; /* "a" or "b", for the class */
} series;

/* Axis k (0..7, element k + 1) points up for element 1 and turns clockwise by 45 degrees;
 * a table rather than sin/cos, so every platform prints the same points. */
#define DIAG 0.70710678118654752
static const double axis_dx[ITAV_ELEMENT_COUNT] = {0, DIAG, 1, DIAG, 0, -DIAG, -1, -DIAG};
static const double axis_dy[ITAV_ELEMENT_COUNT] = {-1, -DIAG, 0, DIAG, 1, DIAG, 0, -DIAG};
static double axis_x(int k) { return axis_dx[k]; }
static double axis_y(int k) { return axis_dy[k]; }

static void add_point(sbuf *b, int k, double r)
{
    add_num(b, CX + r * axis_x(k));
    add(b, ",");
    add_num(b, CY + r * axis_y(k));
}

static void add_grid(sbuf *b)
{
    add(b, "<g class=\"grid\" fill=\"none\" stroke=\"#bbbbbb\" stroke-width=\"1\">\n");
    for (int ring = 1; ring <= 4; ring++) {
        add(b, "<polygon points=\"");
        for (int k = 0; k < ITAV_ELEMENT_COUNT; k++) {
            if (k)
                add(b, " ");
            add_point(b, k, RADIUS * ring / 4.0);
        }
        add(b, ring == 4 ? "\" stroke=\"#888888\"/>\n" : "\"/>\n");
    }
    for (int k = 0; k < ITAV_ELEMENT_COUNT; k++) {
        add(b, "<line x1=\"");
        add_num(b, CX);
        add(b, "\" y1=\"");
        add_num(b, CY);
        add(b, "\" x2=\"");
        add_num(b, CX + RADIUS * axis_x(k));
        add(b, "\" y2=\"");
        add_num(b, CY + RADIUS * axis_y(k));
        add(b, "\"/>\n");
    }
    add(b, "</g>\n");
}

/* Drawn over the series so that no fill tints them; right of axis 1, clear of its marker. */
static void add_ring_labels(sbuf *b)
{
    static const char *const percent[] = {"25%", "50%", "75%", "100%"};
    add(b, "<g class=\"rings\" font-size=\"10\" fill=\"#555555\">\n");
    for (int ring = 1; ring <= 4; ring++) {
        add(b, "<text x=\"");
        add_num(b, CX + 10);
        add(b, "\" y=\"");
        add_num(b, CY - RADIUS * ring / 4.0 + 11);
        add(b, "\">");
        add(b, percent[ring - 1]);
        add(b, "</text>\n");
    }
    add(b, "</g>\n");
}

/* The English labels outside the rim: beside the chart to the left and right, above and
 * below it at the top and bottom, growing away from the chart. */
static void add_axis_labels(sbuf *b)
{
    add(b, "<g class=\"labels\" font-size=\"13\" fill=\"#222222\">\n");
    for (int k = 0; k < ITAV_ELEMENT_COUNT; k++) {
        line l[8];
        bool cut;
        double ux = axis_x(k), uy = axis_y(k);
        bool centred = fabs(ux) < 0.01;
        size_t n = wrap(l, 8, itav_element_label((itav_element)(k + 1), ITAV_LANG_EN),
                        centred ? 40 : 26, &cut);
        double x = CX + (RADIUS + 14) * ux, y = CY + (RADIUS + 14) * uy;
        if (uy < -0.01)
            y -= (double)((n - 1) * LINE_HEIGHT);
        else if (uy > 0.01)
            y += 12;
        else
            y += 4 - (double)((n - 1) * LINE_HEIGHT) / 2.0;
        char attrs[64];
        snprintf(attrs, sizeof attrs, "class=\"axis-label\" text-anchor=\"%s\"",
                 centred ? "middle" : ux > 0 ? "start" : "end");
        add_lines(b, x, y, attrs, l, n, cut);
    }
    add(b, "</g>\n");
}

/* How far out a member sits on axis k: the share stating the element present. */
static double reach(const itav_portfolio *p, int k)
{
    return (double)p->npresent[k + 1] / (double)p->members.n;
}

/* Whether any axis of a one-intervention series is unknown (no statement either way). */
static bool has_unknown(const series *s)
{
    return s->p->members.n == 1 && (s->p->known[0] & ITAV_ELEMSET_ALL) != ITAV_ELEMSET_ALL;
}

static void add_series(sbuf *b, const series *s)
{
    addf(b, "<g class=\"series series-%s\">\n", s->name);
    addf(b, "<polygon class=\"area\" fill=\"%s\" fill-opacity=\"0.3\" stroke=\"%s\" "
            "stroke-width=\"2\" stroke-linejoin=\"round\" points=\"",
         s->fill, s->fill);
    for (int k = 0; k < ITAV_ELEMENT_COUNT; k++) {
        if (k)
            add(b, " ");
        add_point(b, k, RADIUS * reach(s->p, k));
    }
    add(b, "\"/>\n");
    for (int k = 0; k < ITAV_ELEMENT_COUNT; k++) {
        bool single = s->p->members.n == 1;
        if (single && !itav_elemset_has(s->p->known[0], (itav_element)(k + 1))) {
            /* unknown: a hollow, dashed marker on the rim, apart from the outline */
            add(b, "<circle class=\"unknown\" r=\"6\" fill=\"#ffffff\" stroke=\"");
            add(b, s->fill);
            add(b, "\" stroke-width=\"2\" stroke-dasharray=\"2 2\" cx=\"");
        } else if (reach(s->p, k) > 0) {
            add(b, "<circle r=\"3.5\" fill=\"");
            add(b, s->fill);
            add(b, "\" cx=\"");
        } else {
            continue;
        }
        double r = single ? RADIUS : RADIUS * reach(s->p, k);
        add_num(b, CX + r * axis_x(k));
        add(b, "\" cy=\"");
        add_num(b, CY + r * axis_y(k));
        add(b, "\"/>\n");
    }
    add(b, "</g>\n");
}

/* The legend text of a series: its title or its members, with the count of a set. */
static void legend_text(sbuf *t, const series *s)
{
    const itav_portfolio *p = s->p;
    if (s->title)
        add(t, s->title);
    else if (p->members.n > 1)
        addf(t, "%zu interventions:", p->members.n);
    for (size_t i = 0; !s->title && i < p->members.n; i++) {
        add(t, i == 0 ? (p->members.n > 1 ? " " : "") : ", ");
        add(t, p->members.v[i]);
    }
    if (s->title && p->members.n > 1)
        addf(t, " (%zu interventions)", p->members.n);
}

/* Returns the y below the legend. */
static double add_legend(sbuf *b, const series *s, size_t n)
{
    double y = LEGEND_TOP;
    add(b, "<g class=\"legend\" font-size=\"13\" fill=\"#222222\">\n");
    for (size_t i = 0; i < n; i++) {
        sbuf t = {0};
        line l[LEGEND_LINES];
        bool cut;
        legend_text(&t, &s[i]);
        if (t.rc != ITAV_OK) {
            b->rc = t.rc;
            break;
        }
        size_t nl = wrap(l, LEGEND_LINES, t.s ? t.s : "", LEGEND_WIDTH, &cut);
        addf(b, "<rect class=\"swatch\" x=\"60\" y=\"%d\" width=\"18\" height=\"12\" fill=\"%s\" "
                "fill-opacity=\"0.3\" stroke=\"%s\" stroke-width=\"2\"/>\n",
             (int)y - 11, s[i].fill, s[i].fill);
        add_lines(b, 88, y, "class=\"legend-title\"", l, nl, cut);
        y += (double)(nl ? nl : 1) * LINE_HEIGHT + 8;
        itav__free(t.s);
    }
    add(b, "</g>\n");
    return y;
}

static void add_notes(sbuf *b, const series *s, size_t n, double y)
{
    add(b, "<g class=\"notes\" font-size=\"12\" fill=\"#555555\">\n");
    for (size_t i = 0; i < n; i++) {
        if (!has_unknown(&s[i]))
            continue;
        addf(b, "<circle r=\"6\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\" "
                "stroke-dasharray=\"2 2\" cx=\"69\" cy=\"%d\"/>\n",
             s[i].fill, (int)y - 4);
        add(b, "<text class=\"note\" x=\"88\" y=\"");
        add_num(b, y);
        add(b, "\">unknown: the source states nothing about this element, so it is drawn at "
               "the centre like an absent one</text>\n");
        y += LINE_HEIGHT + 4;
        break; /* one note covers both series */
    }
    add(b, "<text class=\"note\" x=\"60\" y=\"");
    add_num(b, y + 6);
    add(b, "\" font-style=\"italic\">A description, not a rating: covering more elements does "
           "not make an intervention better.</text>\n");
    add(b, "</g>\n");
}

/* A title is not stored: any UTF-8 will do, since add_escaped() replaces what XML forbids. */
static bool title_ok(const char *t)
{
    return !t || (strnlen(t, ITAV__TEXT_MAX + 1) <= ITAV__TEXT_MAX && itav__valid_utf8(t));
}

ITAV_API int itav_portfolio_svg(char **out, const itav_portfolio *a, const char *title_a,
                                const itav_portfolio *b, const char *title_b)
{
    if (!out || !a || !a->members.n || (b && !b->members.n) || !title_ok(title_a) ||
        !title_ok(title_b))
        return ITAV_EINVAL;
    /* an empty title names nobody: use the ids, as for NULL */
    series s[2] = {{a, title_a && *title_a ? title_a : NULL, "#1f77b4", "a"},
                   {b, title_b && *title_b ? title_b : NULL, "#e6550d", "b"}};
    size_t n = b ? 2 : 1;
    bool single = a->members.n == 1 && (!b || b->members.n == 1);
    const char *heading = b ? "Element profiles compared"
                            : single ? "Element profile" : "Element portfolio";
    const char *subtitle =
        single ? "At the rim: the element is stated present. At the centre: stated absent, "
                 "or not stated."
               : "Each axis: the share of interventions that state the element present, from "
                 "0 at the centre to 100% at the rim.";

    /* the body first: the height depends on the legend */
    sbuf body = {0};
    add_grid(&body);
    for (size_t i = 0; i < n; i++)
        add_series(&body, &s[i]);
    add_ring_labels(&body);
    add_axis_labels(&body);
    double bottom = add_legend(&body, s, n);
    add_notes(&body, s, n, bottom);
    long height = lround(bottom + 40);

    sbuf svg = {0};
    add(&svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    addf(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
               "height=\"%ld\" viewBox=\"0 0 %d %ld\" font-family=\"DejaVu Sans, Verdana, "
               "Arial, sans-serif\">\n",
         WIDTH, height, WIDTH, height);
    addf(&svg, "<title>%s</title>\n", heading);
    addf(&svg, "<desc>%s</desc>\n", subtitle);
    addf(&svg, "<rect width=\"%d\" height=\"%ld\" fill=\"#ffffff\"/>\n", WIDTH, height);
    addf(&svg, "<text x=\"%d\" y=\"34\" text-anchor=\"middle\" font-size=\"20\" "
               "font-weight=\"bold\" fill=\"#222222\">%s</text>\n",
         WIDTH / 2, heading);
    addf(&svg, "<text x=\"%d\" y=\"58\" text-anchor=\"middle\" font-size=\"12\" "
               "fill=\"#555555\">%s</text>\n",
         WIDTH / 2, subtitle);
    if (body.rc == ITAV_OK)
        add_bytes(&svg, body.s, body.n);
    add(&svg, "</svg>\n");
    itav__free(body.s);
    int rc = body.rc != ITAV_OK ? body.rc : svg.rc;
    if (rc != ITAV_OK) {
        itav__free(svg.s);
        return rc;
    }
    *out = svg.s;
    return ITAV_OK;
}
