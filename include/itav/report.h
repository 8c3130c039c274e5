/**
 * @file itav/report.h
 * @brief Programme reports: indicators with attainment, reach, matches, review outcomes and
 * the element portfolio, publishable as JSON, CSV or Markdown.
 *
 * A report is a list of tables computed from the store. The report of an offer covers that
 * offer; the report of a programme (an offer that other offers name as their programme,
 * itav_offer_programme()) covers the programme offer and all its member offers. The tables
 * are, in this order:
 *
 * - "indicators": every target of every indicator, with the latest measurement, the
 *   attainment and its explanation (a derived indicator is computed from the start of the
 *   report period up to the target's deadline, or the report's date when earlier);
 * - "reach": the reach figures, each with its qualifier and source, never summed: figures of
 *   different kinds (live attendance, replays, families, matches, municipalities) stay apart;
 * - "matches_by_state": matches per lifecycle state;
 * - "matches_started": matches started per municipality (rows) and year (columns);
 * - "reviews": reviews per kind, mean satisfaction, safety concerns;
 * - "effects": per effect category, the number of scored final reviews and the mean score;
 * - "formal_help": final reviews per outcome, and the share where formal help was
 *   prevented, reduced or stopped;
 * - "portfolio": element coverage of the interventions of the covered offers;
 * - "waiting_list" (since 0.4, after the tables of 0.3): per municipality, the asking and
 *   supporting participants registered in the period, the asking participants waiting (no
 *   match in trial or active) and the supporters with room at its end, the first matches
 *   started in the period and the median days from registration to that start (a magnitude
 *   shown over at least k first matches; docs/guide.md, "The waiting list");
 * - "costs" (since 0.4, after "waiting_list"), only when a covered offer has costs
 *   (itav/cost.h): each cost of each covered offer on its own row, with its amount, currency,
 *   unit, period, funders and source, never summed across units or offers.
 *
 * Small-cell suppression: every count that comes from participants, matches or reviews and
 * is below k shows as "<k" (for example "<5"). Suppressed cells are left out of every
 * total, mean and share, and when a row or column of a table would have exactly one
 * suppressed cell, the smallest other positive cell of it is suppressed too (a 0 only when
 * there is none), so that no suppressed value can be recovered by subtracting the shown
 * cells from a total. Means and shares that rest on a suppressed count or on fewer than k
 * contributors are suppressed as well, and show as "hidden to protect small numbers". A
 * municipality whose row of matches_started would show no count is added to a row "other
 * municipalities". A figure an indicator derives from the store is published (with k above
 * 1) only when the other tables already show it as a sum or mean of shown cells; otherwise
 * it is suppressed and its targets are judged unknown. Figures from the catalogue (reach,
 * indicator measurements entered by hand) are published data and never suppressed.
 *
 * The audit: for every hidden count, the interval of values an attacker can derive from the
 * whole report (the relations between its tables, counts being non-negative integers) is
 * computed exactly; while some interval is narrower than the protection, the cheapest
 * further count is hidden (itav_report_cell_audit(), docs/guide.md "The audit").
 *
 * Perturbation instead (itav_report_options.method ITAV_REPORT_PERTURB, docs/guide.md
 * "Perturbation: the cell key method"): no count is hidden; each is published with a noise of
 * at most ITAV_REPORT_PERTURB_MAX_NOISE from a fixed table, chosen by the sum of the keys of
 * the cell's records (each record's key a keyed hash of its id under the store's secret), so
 * the same records always give the same count; 1 and 2 are never published, nor a count from
 * 1 to 4 as itself. Totals have noise of their own; means are of the true values over at
 * least k contributors; percents are of the perturbed counts.
 */
#ifndef ITAV_REPORT_H
#define ITAV_REPORT_H

#include "common.h"
#include "element.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Output formats (ITAV_CODE_REPORT_FORMAT). */
typedef enum itav_report_format {
    ITAV_REPORT_JSON = 1,    /**< json: {"format": "itav-report/1", ...} */
    ITAV_REPORT_CSV = 2,     /**< csv: one row per cell: table, row, column, value, suppressed */
    ITAV_REPORT_MARKDOWN = 3 /**< md: a heading per table and a pipe table */
} itav_report_format;

/** @brief The version of itav_report_options this header describes. */
#define ITAV_REPORT_OPTIONS_VERSION 3

/** @brief How a report protects its counts (itav_report_options.method). */
typedef enum itav_report_method {
    ITAV_REPORT_SUPPRESS = 0, /**< counts from 1 to k - 1 are hidden, and further counts so
                                   that none can be worked out (the default) */
    ITAV_REPORT_PERTURB = 1   /**< the cell key method: every count is published with a small
                                   noise fixed by the cell's set of records (docs/guide.md,
                                   "Perturbation") */
} itav_report_method;

/** @brief The greatest noise the cell key method adds to or takes from a count. */
#define ITAV_REPORT_PERTURB_MAX_NOISE 3

/** @brief The least k of a report made for publication without itav_report_options.low_k. */
#define ITAV_REPORT_MIN_K 3

/** @brief How a report is made. Initialise with ITAV_REPORT_OPTIONS_INIT. */
typedef struct itav_report_options {
    unsigned version; /**< ITAV_REPORT_OPTIONS_VERSION */
    int k;            /**< suppression threshold: counts below k are suppressed (1 or more;
                           1 suppresses nothing); default 5 */
    int32_t as_of;    /**< the date the attainment of targets is judged on; ITAV_DATE_NONE
                           for the last day of the period, or the latest date in the data */
    int32_t from;     /**< first day of the period for matches and reviews; ITAV_DATE_NONE
                           for no lower bound */
    int32_t to;       /**< last day of the period; ITAV_DATE_NONE for no upper bound */
    /* version 2 */
    int publish;      /**< 1: a report made for publication: k below ITAV_REPORT_MIN_K is
                           refused unless low_k is set, and the report is refused when the
                           audit finds a hidden cell an attacker could narrow down; 0 (the
                           default): the audit runs and its verdicts are in the report */
    int low_k;        /**< 1: a report made for publication may have k below
                           ITAV_REPORT_MIN_K (said so in every format); default 0 */
    int protection;   /**< how many values wide the interval an attacker can derive for a
                           hidden cell must be at least; 0 (the default) for k - 1 */
    /* version 3 */
    int method;       /**< an itav_report_method: ITAV_REPORT_SUPPRESS (the default) or
                           ITAV_REPORT_PERTURB; with perturbation k applies to means and
                           percents only, and a report made for publication is audited
                           against the ledger of releases with each count taken as the
                           interval of true counts it may stand for */
} itav_report_options;

/** @brief Default options: k = 5, no period, judged on the latest date, not for publication,
 * the default protection, suppression. */
#define ITAV_REPORT_OPTIONS_INIT {ITAV_REPORT_OPTIONS_VERSION, 5, ITAV_DATE_NONE, \
                                  ITAV_DATE_NONE, ITAV_DATE_NONE, 0, 0, 0, \
                                  ITAV_REPORT_SUPPRESS}

/** @brief Why a cell is hidden (itav_report_cell_hidden()). */
typedef enum itav_hidden {
    ITAV_HIDDEN_NOT = 0,       /**< the cell is published */
    ITAV_HIDDEN_PRIMARY = 1,   /**< a count from 1 to k - 1 */
    ITAV_HIDDEN_SECONDARY = 2, /**< a count hidden so that no hidden count can be worked out */
    ITAV_HIDDEN_MAGNITUDE = 3  /**< a mean or percent (or a derived figure) hidden with the
                                    counts it rests on, or for too few contributors */
} itav_hidden;

/** @brief A computed report (opaque); freed by itav_report_free(). */
typedef struct itav_report itav_report;

/**
 * @brief Computes the report of an offer or a programme.
 * @param[out] out the report
 * @param db the store
 * @param offer the offer id (a programme's own offer for a programme report)
 * @param opt the options; NULL for the defaults
 * @return ITAV_OK, ITAV_EINVAL (NULL, k below 1, from after to, a negative protection, k
 *         below ITAV_REPORT_MIN_K for publication without low_k, an unknown method),
 *         ITAV_EIO (perturbation: the store's secret cannot be made), ITAV_EVERSION (unknown
 *         options version), ITAV_ENOTFOUND (no such offer), ITAV_ESTATE (made for
 *         publication, and the audit finds a hidden count an attacker can narrow down: the
 *         message names its table, row and column), ITAV_EIO, ITAV_EFORMAT, ITAV_ENOMEM.
 */
ITAV_API int itav_report_programme(itav_report **out, itav_db *db, const char *offer,
                                   const itav_report_options *opt);
/**
 * @brief Frees a report. NULL is allowed.
 * @param r the report, or NULL
 */
ITAV_API void itav_report_free(itav_report *r);
/**
 * @brief Writes a report.
 * @param[out] out the text, to be freed with itav_free()
 * @param r the report
 * @param format the format
 * @return ITAV_OK, ITAV_EINVAL (NULL, unknown format), ITAV_ENOMEM.
 */
ITAV_API int itav_report_write(char **out, const itav_report *r, itav_report_format format);
/**
 * @brief Writes a report in a language: Markdown and CSV with the title, table titles,
 * column headings, notes and fixed cells ("other municipalities", "not known", state and
 * outcome names, the audit line, ...) worded in that language, and the words of indicator
 * targets, quantities, periods and attainment explanations too ("minstens 7,2"). In Dutch a
 * number has a decimal comma, and CSV has ';' between fields, as a spreadsheet in a Dutch
 * locale reads it. Codes (table names, the CSV header row) stay as they are, and JSON is the
 * same in every language. Texts that come from the data (names of offers, municipalities,
 * indicators, units, sources) are written as they are.
 * @param[out] out the text, to be freed with itav_free()
 * @param r the report
 * @param format the format
 * @param lang ITAV_LANG_EN (the same as itav_report_write()) or ITAV_LANG_NL
 * @return ITAV_OK, ITAV_EINVAL (NULL, unknown format or language), ITAV_ENOMEM.
 */
ITAV_API int itav_report_write_lang(char **out, const itav_report *r, itav_report_format format,
                                    itav_lang lang);
/**
 * @brief The report's title, naming the offer by its name, or by its id when it has none
 * ("Programme report: Buurtgezinnen Zuid-Kennemerland"); the id is in every format.
 * @param r the report
 * @return borrowed text; NULL for a NULL report.
 */
ITAV_API const char *itav_report_title(const itav_report *r);
/**
 * @brief The number of tables.
 * @param r the report
 * @return the count; 0 for a NULL report.
 */
ITAV_API size_t itav_report_table_count(const itav_report *r);
/**
 * @brief A table's name ("matches_by_state").
 * @param r the report
 * @param t the table's index
 * @return borrowed text, or NULL for an index past the end.
 */
ITAV_API const char *itav_report_table_name(const itav_report *r, size_t t);
/**
 * @brief The index of a table by name.
 * @param r the report
 * @param name the name
 * @return the index, or (size_t)-1 if there is no such table.
 */
ITAV_API size_t itav_report_table_find(const itav_report *r, const char *name);
/**
 * @brief The number of columns of a table.
 * @param r the report
 * @param t the table's index
 * @return the count; 0 for an index past the end.
 */
ITAV_API size_t itav_report_column_count(const itav_report *r, size_t t);
/**
 * @brief A column heading.
 * @param r the report
 * @param t the table's index
 * @param c the column's index
 * @return borrowed text, or NULL for an index past the end.
 */
ITAV_API const char *itav_report_column(const itav_report *r, size_t t, size_t c);
/**
 * @brief The number of rows of a table.
 * @param r the report
 * @param t the table's index
 * @return the count; 0 for an index past the end.
 */
ITAV_API size_t itav_report_row_count(const itav_report *r, size_t t);
/**
 * @brief A cell as it is published: text, a number, "<5" for a suppressed count, "hidden to
 * protect small numbers" for a suppressed mean, percent or derived figure, "" when empty.
 * @param r the report
 * @param t the table's index
 * @param row the row's index
 * @param c the column's index
 * @return borrowed text, or NULL for an index past the end.
 */
ITAV_API const char *itav_report_cell(const itav_report *r, size_t t, size_t row, size_t c);
/**
 * @brief The number of a cell.
 * @param[out] value the number
 * @param r the report
 * @param t the table's index
 * @param row the row's index
 * @param c the column's index
 * @return ITAV_OK; ITAV_ENOTFOUND for a cell that holds text, is empty or is suppressed (its
 *         number is never handed out); ITAV_EINVAL or ITAV_ERANGE for bad arguments.
 */
ITAV_API int itav_report_cell_value(double *value, const itav_report *r, size_t t, size_t row,
                                    size_t c);
/**
 * @brief Whether a cell is suppressed.
 * @param r the report
 * @param t the table's index
 * @param row the row's index
 * @param c the column's index
 * @return 1 if suppressed, 0 if not (or for bad arguments).
 */
ITAV_API int itav_report_cell_suppressed(const itav_report *r, size_t t, size_t row, size_t c);
/**
 * @brief Why a cell is hidden. The published formats do not say which hidden cells are
 * primary: knowing that a cell holds 1 to k - 1 would narrow it down.
 * @param r the report
 * @param t the table's index
 * @param row the row's index
 * @param c the column's index
 * @return an itav_hidden value: ITAV_HIDDEN_NOT for a published cell (or bad arguments).
 */
ITAV_API int itav_report_cell_hidden(const itav_report *r, size_t t, size_t row, size_t c);
/**
 * @brief The audit of a hidden count: the interval of values an attacker can derive for it
 * from everything the report publishes (its published counts, the relations between its
 * tables, counts being non-negative integers), and whether that interval is wide enough: at
 * least the protection (itav_report_options.protection, by default k - 1) from its least to
 * its greatest value, and for a count from 1 to k - 1 reaching down to 1 or 0.
 * @param[out] safe 1 when the cell is safe, 0 when not
 * @param[out] low the least value an attacker can derive (NULL: not wanted)
 * @param[out] high the greatest, or -1 for no upper bound (NULL: not wanted)
 * @param r the report
 * @param t the table's index
 * @param row the row's index
 * @param c the column's index
 * @return ITAV_OK; ITAV_ENOTFOUND for a cell that is not a hidden count (a published cell,
 *         text, or a hidden mean or percent, which is hidden with its count); ITAV_EINVAL
 *         (NULL safe or report) or ITAV_ERANGE (a cell past the end). Outputs are unchanged
 *         on error.
 */
ITAV_API int itav_report_cell_audit(int *safe, int64_t *low, int64_t *high,
                                    const itav_report *r, size_t t, size_t row, size_t c);
/**
 * @brief Whether the report was made with the cell key method (ITAV_REPORT_PERTURB): its
 * counts are published with noise of at most ITAV_REPORT_PERTURB_MAX_NOISE, never as 1 or 2.
 * @param r the report
 * @return 1 if perturbed, 0 if not (or for a NULL report).
 */
ITAV_API int itav_report_perturbed(const itav_report *r);
/**
 * @brief Whether the audit of the report passed: every hidden count is safe
 * (itav_report_cell_audit()). A report made for publication is refused when it does not.
 * @param r the report
 * @return 1 if it passed, 0 if not (or for a NULL report).
 */
ITAV_API int itav_report_audit_passed(const itav_report *r);

/* ---- releases: the ledger of published reports ---- */

/** @brief A release: what one published report made public (opaque); freed by
 * itav_release_free(). It holds the report's parameters and its counts as published (a hidden
 * count only as hidden), never personal data. */
typedef struct itav_release itav_release;
/** @brief An iterator over releases (opaque); freed by itav_release_iter_free(). */
typedef struct itav_release_iter itav_release_iter;

/**
 * @brief Records a report in the store's ledger of releases, as published: its offer, period,
 * date, k, protection, the member offers a programme report covered, and every count with
 * its table, row and column, the value of a shown count and the mark of a hidden one.
 * Publishing does not record by itself: the caller records a report when it leaves the
 * building, so that a report made and thrown away constrains nothing.
 * @param[out] id the new release's id ("rel-00000001"), to be freed with itav_free(); NULL:
 *        not wanted
 * @param db the store
 * @param r a report made for publication (itav_report_options.publish) whose audit passed
 * A perturbed report (ITAV_REPORT_PERTURB) is recorded with its method: its counts bound
 * the true ones for the audit of later reports (itav_release_method()).
 * @return ITAV_OK; ITAV_EINVAL (NULL db or report, or a report not made for publication);
 *         ITAV_ESTATE (a report whose audit did not pass); ITAV_EIO, ITAV_ENOMEM. Nothing is
 *         written on error.
 */
ITAV_API int itav_release_record(char **id, itav_db *db, const itav_report *r);
/**
 * @brief Reads one release.
 * @param[out] out the release
 * @param db the store
 * @param id its id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND (no such release), ITAV_EFORMAT, ITAV_EIO,
 *         ITAV_ENOMEM.
 */
ITAV_API int itav_release_get(itav_release **out, itav_db *db, const char *id);
/**
 * @brief Removes a release from the ledger. Later reports are no longer protected against it:
 * remove only a release that was never made public.
 * @param db the store
 * @param id its id
 * @return ITAV_OK, ITAV_EINVAL, ITAV_ENOTFOUND (no such release), ITAV_EIO.
 */
ITAV_API int itav_release_remove(itav_db *db, const char *id);
/**
 * @brief Lists the releases, in the order they were recorded.
 * @param[out] out the iterator
 * @param db the store
 * @param offer only the releases of reports of this offer; NULL for all
 * @return ITAV_OK, ITAV_EINVAL, ITAV_EFORMAT, ITAV_EIO, ITAV_ENOMEM.
 */
ITAV_API int itav_release_list(itav_release_iter **out, itav_db *db, const char *offer);
/**
 * @brief The next release of an iterator.
 * @param[out] out the release, owned by the caller
 * @param it the iterator
 * @return ITAV_OK, ITAV_ITEROVER at the end, ITAV_EINVAL.
 */
ITAV_API int itav_release_iter_next(itav_release **out, itav_release_iter *it);
/**
 * @brief Frees an iterator and the releases it has not handed out. NULL is allowed.
 * @param it the iterator, or NULL
 */
ITAV_API void itav_release_iter_free(itav_release_iter *it);
/**
 * @brief Frees a release. NULL is allowed.
 * @param rl the release, or NULL
 */
ITAV_API void itav_release_free(itav_release *rl);
/**
 * @brief A release's id.
 * @param rl the release
 * @return borrowed text; NULL for a NULL release.
 */
ITAV_API const char *itav_release_id(const itav_release *rl);
/**
 * @brief The offer whose report was released (a programme's own offer for a programme report).
 * @param rl the release
 * @return borrowed text; NULL for a NULL release.
 */
ITAV_API const char *itav_release_offer(const itav_release *rl);
/**
 * @brief The parameters a release was made with.
 * @param[out] from the first day of its period, or ITAV_DATE_NONE (NULL: not wanted)
 * @param[out] to the last day, or ITAV_DATE_NONE (NULL: not wanted)
 * @param[out] k its suppression threshold (NULL: not wanted)
 * @param[out] protection the width its audit asked of every hidden count (NULL: not wanted)
 * @param rl the release
 * @return ITAV_OK, or ITAV_EINVAL for a NULL release.
 */
ITAV_API int itav_release_parameters(int32_t *from, int32_t *to, int *k, int *protection,
                                     const itav_release *rl);
/**
 * @brief The number of member offers a programme report covered (0 for an offer's report).
 * @param rl the release
 * @return the count; 0 for a NULL release.
 */
ITAV_API size_t itav_release_member_count(const itav_release *rl);
/**
 * @brief A member offer a programme report covered.
 * @param rl the release
 * @param i its index
 * @return borrowed text, or NULL for an index past the end.
 */
ITAV_API const char *itav_release_member(const itav_release *rl, size_t i);
/**
 * @brief The number of counts a release published (shown or hidden).
 * @param rl the release
 * @return the count; 0 for a NULL release.
 */
ITAV_API size_t itav_release_cell_count(const itav_release *rl);
/**
 * @brief A count a release published.
 * @param[out] table its table's name (borrowed; NULL: not wanted)
 * @param[out] row its row's label (borrowed; NULL: not wanted)
 * @param[out] column its column's heading (borrowed; NULL: not wanted)
 * @param[out] value the value shown, 0 for a hidden count (NULL: not wanted)
 * @param[out] hidden 1 when it was hidden (NULL: not wanted)
 * @param rl the release
 * @param i the count's index
 * @return ITAV_OK, ITAV_EINVAL (NULL release), ITAV_ERANGE (an index past the end).
 */
ITAV_API int itav_release_cell(const char **table, const char **row, const char **column,
                               int64_t *value, int *hidden, const itav_release *rl, size_t i);
/**
 * @brief The method a release's report was made with. The counts of a perturbed release are
 * the published, perturbed ones: the audit of a later report takes each as the interval of
 * true counts the perturbation table can turn into it (at most
 * ITAV_REPORT_PERTURB_MAX_NOISE either way).
 * @param rl the release
 * @return an itav_report_method: ITAV_REPORT_SUPPRESS, or ITAV_REPORT_PERTURB; SUPPRESS for a
 *         NULL release.
 */
ITAV_API int itav_release_method(const itav_release *rl);

#ifdef __cplusplus
}
#endif
#endif
