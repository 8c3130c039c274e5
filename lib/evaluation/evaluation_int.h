/* lib/evaluation: derived indicators, element portfolios, recommendations, reports (tables
 * and disclosure control) and their writers, the SVG radar chart. Depends on every layer
 * below it. */
#ifndef ITAV_EVALUATION_INT_H
#define ITAV_EVALUATION_INT_H

#include "interchange/interchange_int.h"
#include "matching/matching_int.h"

#include <stdarg.h>

/* ---- element portfolios (portfolio.c builds, portfolio_json.c and svg.c write) ---- */
#define ITAV__PORTFOLIO_FLAGS 4 /* itav_portfolio_flag runs 1..4 */
struct itav_portfolio {
    itav_profile_source source; /* as asked; ITAV_PROFILE_DEFAULT: each member's in use */
    itav__strlist members;      /* ids, in id order */
    itav_elemset *present;      /* per member: the elements it states present */
    itav_elemset *known;        /* per member: the elements it states present or absent */
    size_t npresent[ITAV_ELEMENT_COUNT + 1], nknown[ITAV_ELEMENT_COUNT + 1]; /* by element */
    size_t nfactor[ITAV_FACTOR_COUNT + 1]; /* by factor: members whose practice shows it */
    size_t table[4][4];         /* by itav_setting and itav_scope; 0 = not stated */
    itav__strlist flagged[ITAV__PORTFOLIO_FLAGS + 1]; /* by itav_portfolio_flag, id order */
};
/* Writes one portfolio, or two side by side (b not NULL), as itav_portfolio_to_json(). */
int itav__portfolio_json(char **out, const itav_portfolio *a, const itav_portfolio *b);

/* ---- reports (report.c builds, report_write.c and report_json.c write) ---- */

typedef enum itav__cell_kind {
    ITAV__CELL_EMPTY = 0,
    ITAV__CELL_TEXT = 1,
    ITAV__CELL_NUMBER = 2
} itav__cell_kind;
typedef struct itav__cell {
    itav__cell_kind kind;
    bool count;      /* a count of people, matches or reviews: subject to suppression */
    bool suppressed; /* then kind is EMPTY, text NULL and value 0: the number is gone */
    unsigned char why; /* itav_hidden: why it is suppressed */
    bool safe;         /* a hidden count: the audit's verdict */
    long long low, high; /* a hidden count: the interval an attacker derives; high -1: none */
    double value;    /* NUMBER */
    char *text;      /* TEXT: the text; NUMBER: the published form ("12", "7.25") */
    bool label;      /* TEXT: a fixed text (context "report"), written in the report's language */
    const char *wording; /* TEXT in words with numbers: its template, or NULL */
    char *text_nl;   /* then the same words in Dutch, written in Dutch reports */
    unsigned key;    /* a count of a perturbed report, until perturbed: its cell key (cellkey.c) */
} itav__cell;
/* Cells that add up: no group may show all but one of its suppressed cells. total is the
 * index (row * columns + column) of the cell that shows the sum of the shown cells, or -1. */
typedef struct itav__group {
    size_t *cells;
    size_t n;
    long total;
} itav__group;
typedef struct itav__table {
    char *name, *title, *note;
    /* A note with arguments: its English template (context "report"), count and list, so
     * that a writer can word it in another language; NULL when note is a fixed text. */
    const char *note_template;
    size_t note_count;
    char *note_list;
    itav__strlist columns;
    itav__cell *cells; /* rows * columns.n, row by row */
    size_t rows, caprows;
    itav__group *groups;
    size_t ngroups, capgroups;
} itav__table;
/* A linear relation between counts of the report that holds for the true values:
 * sum(coef * cell) == 0 (equal) or <= 0. The audit knows the report by these. */
typedef struct itav__term {
    size_t table, cell; /* the table's index; the cell's (row * columns + column) */
    long long coef;
} itav__term;
typedef struct itav__relation {
    itav__term *terms;
    size_t n;
    bool equal;
} itav__relation;
/* A cell the audit's repair hides, by table name, row label and column. */
typedef struct itav__forced {
    char *table, *row;
    size_t col;
} itav__forced;
struct itav_report {
    char *title, *offer;
    char *offer_name; /* the offer's name (the title names it), or NULL when it has none */
    itav__forced *forced;
    size_t nforced;
    itav__relation *relations;
    size_t nrelations;
    bool audit_passed; /* every hidden count is safe */
    bool audit_exhausted; /* the audit across releases ran out of its steps: refused */
    itav__strlist members; /* the offers that name offer as their programme */
    int k;
    int32_t as_of, from, to;
    bool publish, low_k; /* made for publication; with k below ITAV_REPORT_MIN_K on purpose */
    int protection;      /* the width an attacker's interval must have (k - 1 by default) */
    char suppressed[16]; /* "<5" */
    itav__table *tables;
    size_t ntables;
    /* Made for publication: the earlier releases of the same offer over the same member
     * offers (release.c), which the audit takes as relations too. */
    itav_release **prior;
    size_t nprior;
    /* A shown count whose hiding the cross-release audit asks for: a hidden count of an
     * earlier release with its key is pinned (table, cell), or table SIZE_MAX. */
    size_t pinned_table, pinned_cell;
    /* The first count of the report (table, cell) whose hiding, or that of its parts over
     * another period or offer, the cross-release audit found unsafe, or table SIZE_MAX; and
     * whether the releases no longer agree with the data (an erasure, a late review). */
    size_t leak_table, leak_cell;
    bool releases_disagree;
    /* The cell key method (cellkey.c): every count perturbed instead of small ones hidden.
     * The store's secret is held only while the tables are built (keyed). */
    bool perturb, keyed;
    unsigned char secret[ITAV__SECRET_SIZE];
};
/* The table model (report_write.c). Adding a row gives empty cells; setters copy text. */
int itav__table_add_row(itav__table *t, size_t *row);
itav__cell *itav__table_cell(const itav__table *t, size_t row, size_t col);
int itav__table_set_text(itav__table *t, size_t row, size_t col, const char *text);
/* digits: decimals kept (the value is rounded to them). count marks a count to suppress. */
int itav__table_set_number(itav__table *t, size_t row, size_t col, double v, int digits,
                           bool count);
/* A group over cells given as (row, col) pairs; total_row/total_col (or -1) names its total. */
int itav__table_add_group(itav__table *t, const size_t *rows, const size_t *cols, size_t n,
                          long total_row, long total_col);
void itav__table_clear(itav__table *t);
/* Suppresses the counts of t below k (primary), then cells of groups that would have exactly
 * one suppressed cell (secondary, the smallest other count, until stable), erases what was
 * suppressed and writes every group total as the sum of its shown cells. */
int itav__table_suppress(itav__table *t, int k);
/* Whether a count is a small cell: 0 < v < k (a zero describes nobody). */
bool itav__small(double v, int k);
/* Whether a mean or percent over n contributors may be shown: n is 0 (nothing to show) or at
 * least k. The one rule for magnitude cells (docs/guide.md, "Means and percents"). */
bool itav__enough_contributors(double n, int k);
/* How a suppressed mean or percent is published (a count is published as "<k"), and its
 * machine-readable form in JSON. */
#define ITAV__HIDDEN_MARK "hidden to protect small numbers"
#define ITAV__HIDDEN_JSON "hidden"
/* The label of a row of totals, which are of the shown cells only. */
#define ITAV__TOTAL_LABEL "total of shown cells"
/* The row label that stands for the municipalities whose cells would all be hidden. */
#define ITAV__OTHER_PLACES "other municipalities"
/* Adds a relation (the terms are copied). */
int itav__report_relate(itav_report *r, const itav__term *terms, size_t n, bool equal);
/* Audits every hidden count of r (audit.c): sets each one's interval and verdict, and
 * r->audit_passed. Returns ITAV_OK or ITAV_ENOMEM. */
int itav__report_audit(itav_report *r);
/* The earlier releases a report made for publication is audited with (release.c): those of
 * the same offer over the same member offers, into r->prior. Inside the report's read. */
int itav__release_prior(itav_db *db, itav_report *r);
/* The cross-release audit (audit.c): narrows the verdicts of r's hidden counts of the tables
 * whose counts add up over periods, by the releases in r->prior, and sets pinned_table and
 * pinned_cell when an earlier hidden count is pinned. ITAV_OK or ITAV_ENOMEM. */
int itav__release_audit(itav_report *r);
/* The search steps of each question of the audit across releases (audit.c; 20,000) and of
 * all its questions for one report (1,000,000), and whether it asks the linear relaxation
 * (true). For white-box tests only, which lower them to show that a question left unsettled
 * hides rather than publishes. Not thread-safe: call before any report is made. */
void itav__audit_set_steps(long per_question, long per_report, bool relaxation);
/* The linear relaxation of an audit system (lp.c): rows sum a[j] * x[var[j]] <= b over
 * ncols unknowns, each in lo..hi. itav__lp_extreme() gives the least (or greatest) value of
 * x[v] over the real points and the point (x, ncols values, valid until the next call):
 * ITAV_OK, 1 when the solver ends without an optimum. Functions return ITAV_OK or
 * ITAV_ENOMEM. */
typedef struct itav__lp itav__lp;
itav__lp *itav__lp_new(size_t ncols);
int itav__lp_add_row(itav__lp *lp, size_t n, const size_t *var, const long long *a, long long b);
int itav__lp_load(itav__lp *lp, const long long *lo, const long long *hi);
int itav__lp_extreme(itav__lp *lp, size_t v, bool least, double *value, const double **x);
void itav__lp_free(itav__lp *lp);
/* Secondary suppression against the audit (audit.c): of the published counts that share a
 * relation with an unsafe hidden count, the one whose hiding leaves the fewest unsafe cells,
 * then the cheapest (docs/guide.md, "Secondary suppression"). Returns 1 with the cell, 0 when
 * there is none, or ITAV_ENOMEM; the audit's verdicts are as before the call. */
int itav__report_choose(itav_report *r, size_t *table, size_t *cell);
/* ---- the cell key method (cellkey.c; docs/guide.md, "Perturbation") ---- */
/* Record keys and cell keys run from 0 to ITAV__CELLKEY_RANGE - 1. */
/* The label of a total in a perturbed report, which has noise of its own. */
#define ITAV__PERTURBED_TOTAL "total (perturbed)"
#define ITAV__CELLKEY_RANGE 256u
/* Reads the store's secret into r (made first for a store that has none), outside the
 * report's read transaction. ITAV_OK, ITAV_EIO, ITAV_EFORMAT. */
int itav__cellkey_prepare(itav_report *r, itav_db *db);
/* Wipes the secret from r once the tables are built. */
void itav__cellkey_forget(itav_report *r);
/* A record's key: SipHash-2-4 of "kind/id" under the store's secret; 0 when r holds none. */
unsigned itav__record_key(const itav_report *r, const char *kind, const char *id);
/* The noise the perturbation table gives a count of value with a cell key. */
int itav__cellkey_noise(long long value, unsigned key);
/* The true counts a perturbed count `published` may stand for lie in least..most (the values
 * the table turns into it; the audit of releases uses this interval, not its holes: the rows
 * of 1 to 4 never give the count itself). False when no count gives `published`. */
bool itav__cellkey_bounds(long long published, long long *least, long long *most);
/* Whether the table can publish a count of value as published (for any cell key). */
bool itav__cellkey_possible(long long value, long long published);
/* Perturbs every count of t by its cell key (itav__cell.key), and writes each group total as
 * the perturbed true total of the group (its key the sum of the group's keys). */
int itav__table_perturb(itav__table *t);

/* ---- the wording of reports (report_labels.c) ----
 * A fixed text of reports is written in English here and in report.c; its Dutch is in the
 * catalogue, context "report" (lib/po/nl.po), and itav__report_label() (model_int.h) finds it. */
/* The English templates and labels that report.c and the writers share. */
#define ITAV__L_TITLE "Programme report: %s"
#define ITAV__L_PORTFOLIO_ONE "Element coverage of the %zu intervention of the covered offers " \
                              "(%s). It describes; it does not rank: more elements is not a " \
                              "better intervention."
#define ITAV__L_PORTFOLIO_MANY "Element coverage of the %zu interventions of the covered " \
                               "offers (%s). It describes; it does not rank: more elements is " \
                               "not a better intervention."
#define ITAV__TOTAL_LABEL "total of shown cells"
#define ITAV__NOT_KNOWN "not known"
#define ITAV__L_WAITING_NOTE                                                                  \
    "Participants of the covered offers per municipality (not known: erased or not given; "    \
    "other municipalities: those that would show no count at all). Registered: with a "        \
    "registration date in the period. At the end, on the last day of the period (the "         \
    "report's date when it has none): asking participants registered by then without a match " \
    "in the trial or active, and supporters registered by then who are available or matched "  \
    "and have room for another match; a status of not suitable, inactive or erased set by "     \
    "then leaves a participant out. First matches: asking participants whose first match "     \
    "started (entered the trial, or became active without one) in the period; the median "      \
    "counts the days from registration to that start and is shown only over at least k of "    \
    "them. Totals and the median of the total row are of the shown cells only."
#define ITAV__L_WAITING_NONE "No participant of the covered offers registered, waited or was " \
                             "available in the period."
/* A template (by its English wording) filled in, in a language; to be freed with
 * itav__free(); NULL when out of memory. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
char *itav__report_labelf(itav_lang lang, const char *en, ...);
char *itav__report_vlabelf(itav_lang lang, const char *en, va_list ap);

/* The note of a table in a language (a note template takes a %zu count and a %s list), or
 * NULL for a table without a note or when out of memory; to be freed with itav__free(). */
char *itav__report_note(const itav__table *t, itav_lang lang);

/* ---- the waiting list (report_waiting.c) over what report.c shares ---- */
/* Appends a table to r (columns NULL-terminated); *out is the table, NULL when out of memory. */
int itav__report_table_begin(itav__table **out, itav_report *r, const char *name,
                             const char *title, const char *const *columns);
/* Suppresses a table as every report table is: the audit's forced cells first, then k. */
int itav__report_suppress(itav__table *t, const itav_report *r);
/* The order of rows by municipality: municipalities, "not known", "other municipalities". */
int itav__report_place_cmp(const void *a, const void *b);
/* The state a match was in at the end of a day (ITAV_DATE_NONE: now); 0 before it. */
itav_match_state itav__report_state_on(const itav_match *m, int32_t day);
/* The table "waiting_list" of the participants of the covered offers and their matches
 * (itav_participant, itav_match), appended to r. */
int itav__report_waiting(itav_report *r, itav_db *db, const itav__iter *offers,
                         const itav__iter *matches);
/* The relations of the waiting list to the other tables, for the audit. */
int itav__report_waiting_relate(itav_report *r);

/* Writes the report as JSON {"format": "itav-report/1", ...} (report_json.c). */
int itav__report_json(char **out, const itav_report *r);

#endif
