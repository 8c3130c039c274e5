/* Internal declarations shared by the library's modules. Not installed. */
#ifndef ITAV_INTERNAL_H
#define ITAV_INTERNAL_H

#include "itav.h"
#include "itav/backend.h"

#include <stdarg.h>
#include <stdbool.h>

/* ---- allocation: everything goes through here so tests can inject failures ---- */
void *itav__malloc(size_t n);
void *itav__calloc(size_t n, size_t size);
void *itav__realloc(void *p, size_t n);
void itav__free(void *p);
char *itav__strdup(const char *s);

/* Fault injection, for tests only (never exported). While tracking is on, every allocation
 * above is counted, with the blocks not yet freed; itav__fault_fail_at(n) makes the nth
 * allocation from now fail (1: the next; 0 disarms), and with persist every one after it
 * too. Process-wide and thread-safe; off, it costs one relaxed atomic load per allocation. */
void itav__fault_track(bool on);
void itav__fault_fail_at(long n, bool persist);
/* Counts one allocation made by another allocator a test routes here (SQLite's); true when
 * it must fail. */
bool itav__fault_tick(void);
long itav__fault_allocations(void);
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

/* ---- validation ---- */
#define ITAV__ID_MAX 64
#define ITAV__TEXT_MAX 65536
bool itav__valid_id(const char *s);
bool itav__valid_ref(const char *s);
bool itav__valid_utf8(const char *s);
/* Text the library stores: valid UTF-8, at most ITAV__TEXT_MAX bytes. */
bool itav__valid_text(const char *s);
int itav__strcasecmp(const char *a, const char *b);
bool itav__contains_nocase(const char *haystack, const char *needle);

/* ---- figures and roles ---- */
struct itav_figure {
    char *what;
    itav_qualifier qualifier;
    double min, max;
    char *text, *period, *where, *note, *source;
};
typedef struct itav__figlist {
    itav_figure **v;
    size_t n, cap;
} itav__figlist;
int itav__figure_copy(itav_figure **out, const itav_figure *f);
int itav__figlist_add(itav__figlist *l, const itav_figure *f);
int itav__figlist_remove(itav__figlist *l, size_t i);
int itav__figlist_copy(itav__figlist *dst, const itav__figlist *src);
void itav__figlist_clear(itav__figlist *l);

struct itav_role {
    itav_role_kind kind;
    char *description;
    int vog;
    char *training;
};
int itav__role_copy(itav_role **out, const itav_role *r);

/* ---- sources: one optional reference per named field ---- */
#define ITAV__MAX_FIELDS 24
typedef struct itav__sources {
    char *ref[ITAV__MAX_FIELDS];
} itav__sources;
/* NULL-terminated field-name tables, in export order. */
extern const char *const itav__intervention_fields[];
extern const char *const itav__offer_fields[];
int itav__field_index(const char *const *fields, const char *name);
int itav__sources_set(itav__sources *s, const char *const *fields, const char *field,
                      const char *ref);
int itav__sources_copy(itav__sources *dst, const itav__sources *src);
void itav__sources_clear(itav__sources *s);

/* ---- interventions and offers ---- */
typedef struct itav__element_statement {
    itav_status status;
    char *evidence;
    char *source;
} itav__element_statement;

#define ITAV__PROFILE_SOURCES 3 /* table, sections, other */

struct itav_intervention {
    itav_plan *plan; /* NULL when the seeds give none */
    char *id;
    char *name;
    char *summary;
    itav_kind kind;
    itav_setting setting;
    itav_scope scope;
    itav_channel channel;
    itav_evidence evidence;
    int since;
    unsigned audience;
    unsigned themes; /* itav_theme bits */
    int32_t age_min, age_max;
    char *conditions;
    itav__strlist text[8]; /* indexed by itav_text_list (0 unused) */
    itav_role **roles;
    size_t nroles, caproles;
    itav__figlist reach;
    itav__element_statement profile[ITAV__PROFILE_SOURCES][ITAV_ELEMENT_COUNT];
    itav__sources sources;
};

struct itav_offer {
    itav_plan *plan; /* fields this offer overrides; NULL for none */
    char *id;
    char *intervention;
    char *name, *region, *provider, *contact;
    char *programme; /* the programme's own offer, or NULL */
    int32_t start, end;
    itav__strlist municipalities;
    itav__figlist reach, targets;
    itav__sources sources;
};

/* ---- match plans ---- */
struct itav_plan {
    long value[ITAV_PLAN_FIELD_COUNT + 1]; /* indexed by itav_plan_field; ITAV_PLAN_UNSET */
    char *source[ITAV_PLAN_FIELD_COUNT + 1];
};
/* Copies *src into a new plan in *slot (NULL src, or one that sets no field, clears it);
 * *slot unchanged on ENOMEM. */
int itav__plan_replace(itav_plan **slot, const itav_plan *src);
/* Whether a value is allowed for a field (ITAV_PLAN_UNSET always is). */
bool itav__plan_value_ok(itav_plan_field field, long value);
/* The legal values lo..hi of a numeric field (flags are 0..1); false for criteria and
 * unknown fields. */
bool itav__plan_range(itav_plan_field field, long *lo, long *hi);

/* ---- participants ---- */
#define ITAV__REF_MAX 64
/* External references: 1-64 of A-Z a-z 0-9 . _ -, first a letter or digit. */
bool itav__valid_participant_ref(const char *s);
/* References the library gives erased participants ("~erased-N"); never valid host refs. */
#define ITAV__ERASED_PREFIX "~erased-"
bool itav__is_erased_ref(const char *s);
/* Interest tags: the same syntax as ids. */
#define itav__valid_tag itav__valid_id

struct itav_participant {
    char *ref, *offer;
    itav_participant_kind kind;
    itav_participant_status status;
    int32_t status_date;
    char *municipality;
    char postcode[5]; /* "" when not set */
    int has_location;
    double lat, lon;
    uint32_t availability;
    unsigned support;
    itav__strlist languages, interests, exclusions;
    int language_required;
    int32_t children[ITAV_CHILDREN_MAX];
    size_t nchildren;
    int32_t age_min, age_max; /* -1 when no range is set */
    int32_t vog_date;         /* ITAV_DATE_NONE */
    int trained;
    int capacity;
    int32_t registered;
    double max_distance_m; /* 0: none */
};

itav_side itav__kind_side(itav_participant_kind kind);
/* Legal status moves made by hand (itav_participant_set_status) or at creation (from 0:
 * the starting statuses itav_participant_create() allows). */
bool itav__status_move_ok(itav_side side, itav_participant_status from,
                          itav_participant_status to);
/* Validation the store applies before every write of a participant: the fields alone
 * (kind, status for the side, reference for the status, capacity, nothing personal kept
 * after erasure), and with the store (its offer exists). */
int itav__participant_check_fields(itav_db *db, const itav_participant *p);
int itav__participant_check(itav_db *db, const itav_participant *p);
/* Writes without a transaction of its own (the caller holds one); keeps the index values
 * (offer, spatial cell) in step with the record. */
int itav__participant_write(itav_db *db, const itav_participant *p);
/* Reads a participant inside or outside a transaction; ENOTFOUND with a message. */
int itav__participant_read(itav_participant **out, itav_db *db, const char *ref);
/* Decodes a stored participant record (from a get or scan callback); on failure the context
 * says which record is damaged and how. */
int itav__participant_load(itav_participant **out, itav_db *db, const char *key,
                           const void *data, size_t size);
/* Spatial cells: a fixed grid of ITAV__CELL_LAT x ITAV__CELL_LON degrees. Eligible
 * supporters (available or matched) carry "<offer>@<row>,<col>" in index slot
 * ITAV__PARTICIPANT_SLOT_CELL, or "<offer>@none" without coordinates. */
#define ITAV__CELL_LAT 0.02
#define ITAV__CELL_LON 0.03
void itav__cell_of(double lat, double lon, long *row, long *col);
void itav__cell_key(char *buf, size_t size, const char *offer, long row, long col);
void itav__cell_key_none(char *buf, size_t size, const char *offer);

/* ---- matches ---- */
typedef struct itav__transition {
    itav_match_state state;
    int32_t date;
    itav_actor actor;
    char *note;
} itav__transition;

struct itav_match {
    char *id, *offer, *asking, *supporting;
    char *previous; /* NULL when none */
    itav_match_state state;
    double score; /* -1 when not known */
    itav_end_reason reason;
    itav__transition *trail;
    size_t ntrail, captrail;
};

bool itav__match_open(itav_match_state s);
int itav__match_new(itav_match **out, const char *id, const char *offer, const char *asking,
                    const char *supporting);
int itav__match_add_transition(itav_match *m, itav_match_state state, int32_t date,
                               itav_actor actor, const char *note);
int itav__match_write(itav_db *db, const itav_match *m);
int itav__match_read(itav_match **out, itav_db *db, const char *id);
/* Decodes a stored match record, as itav__participant_load(). */
int itav__match_load(itav_match **out, itav_db *db, const char *key, const void *data,
                     size_t size);
/* Moves m (read in the caller's transaction) by the rules of itav_match_advance(), whose
 * arguments the caller has checked; writes it and, when it closes, the statuses. */
int itav__match_move(itav_db *db, itav_match *m, itav_match_state state, int32_t date,
                     itav_actor actor, itav_end_reason reason, const char *note);
/* Number of open matches of a participant (either side). */
int itav__open_match_count(size_t *out, itav_db *db, const char *ref, itav_side side);
/* Whether the pair has ever declined (DECLINED) or has an open match right now. */
int itav__pair_history(bool *declined, bool *open, itav_db *db, const char *asking,
                       const char *supporting);
/* The next number of a named counter, stored in the store (inside the caller's txn). */
int itav__next_sequence(long *out, itav_db *db, const char *name);
/* Proposes inside the caller's transaction (used by itav_match_propose and assignment);
 * the pair has been checked already; score is stored. out_id receives an owned id. */
int itav__match_create(char **out_id, itav_db *db, const itav_participant *asking,
                       const itav_participant *supporting, double score, int32_t date,
                       itav_actor actor, const char *note);

/* ---- scoring ---- */
struct itav_suggestion {
    char *asking, *supporting;
    double score;
    itav_constraint excluded;
    double distance; /* metres, -1 unknown */
    double value[ITAV_CRITERION_COUNT + 1];
    double weight[ITAV_CRITERION_COUNT + 1]; /* 0 when the criterion did not apply */
    bool applies[ITAV_CRITERION_COUNT + 1];
};
/* Checks options (version, ranges) and fills *o with them or the defaults; as_of
 * ITAV_DATE_NONE becomes today. Sets an error message on db. */
int itav__options_resolve(itav_match_options *o, itav_db *db, const itav_match_options *in);
/* Everything scoring needs to know beyond the two participants. */
typedef struct itav__pair_facts {
    bool declined, open;   /* from the pair's match history */
    size_t supporter_open; /* open matches of the supporter */
} itav__pair_facts;
/* Pure function: checks constraints and scores a pair. plan may be NULL. */
void itav__score(itav_suggestion *s, const itav_participant *asking,
                 const itav_participant *supporting, const itav_plan *plan,
                 const itav__pair_facts *facts, const itav_match_options *o);
/* Great-circle distance in metres (haversine, mean earth radius). */
double itav__distance_m(double lat1, double lon1, double lat2, double lon2);
/* The tightest distance limit of the plan, the options and the participants (s may be
 * NULL), in metres; 0 when there is none. */
double itav__distance_limit(const itav_plan *plan, const itav_participant *a,
                            const itav_participant *s, const itav_match_options *o);
/* The distance at which the distance criterion reaches 0: the plan's maximum if it sets
 * one, else options.distance_scale_m. */
double itav__distance_scale(const itav_plan *plan, const itav_match_options *o);
/* Fills facts from the store. */
int itav__pair_facts_load(itav__pair_facts *f, itav_db *db, const itav_participant *asking,
                          const itav_participant *supporting);
int itav__suggestion_dup(itav_suggestion **out, const itav_suggestion *s);
void itav__suggestion_clear(itav_suggestion *s);

/* ---- the context and the record layer ---- */
struct itav_db {
    itav_backend *be;
    int errcode;
    char errmsg[1024];
};

#define ITAV__KIND_INTERVENTION "intervention"
#define ITAV__KIND_OFFER "offer"
#define ITAV__OFFER_SLOT_INTERVENTION 0
#define ITAV__KIND_PARTICIPANT "participant"
#define ITAV__PARTICIPANT_SLOT_OFFER 0
#define ITAV__PARTICIPANT_SLOT_CELL 1
#define ITAV__KIND_MATCH "match"
#define ITAV__MATCH_SLOT_OFFER 0
#define ITAV__MATCH_SLOT_ASKING 1
#define ITAV__MATCH_SLOT_SUPPORTING 2
#define ITAV__MATCH_SLOT_OPEN 3 /* "open" while proposed..active, else NULL */
#define ITAV__KIND_SEQUENCE "sequence"
#define ITAV__KIND_REVIEW "review"
#define ITAV__REVIEW_SLOT_OFFER 0
#define ITAV__REVIEW_SLOT_MATCH 1
#define ITAV__KIND_INDICATOR "indicator"
#define ITAV__INDICATOR_SLOT_OFFER 0

/* Records an error on the context and returns code. db may be NULL. */
int itav__error(itav_db *db, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Records a backend failure: code plus the backend's own words, if any. */
int itav__backend_error(itav_db *db, int code, const char *what);

int itav__begin(itav_db *db);
int itav__commit(itav_db *db);
void itav__rollback(itav_db *db);
/* Asks the backend to drop leftover copies of deleted data (backend version 2 purge). */
int itav__purge(itav_db *db);

/* A record read from the store: owned copy of its bytes, NUL-terminated. */
int itav__get_record(char **out, itav_db *db, const char *kind, const char *key);
int itav__put_record(itav_db *db, const char *kind, const char *key, const char *const *index,
                     const char *data);
int itav__del_record(itav_db *db, const char *kind, const char *key);
int itav__exists(bool *out, itav_db *db, const char *kind, const char *key);
/* Calls fn for every record of a kind (slot/value as in the backend contract). */
int itav__scan(itav_db *db, const char *kind, int slot, const char *value, itav_record_fn fn,
               void *arg);

/* ---- JSON (json.c is the only module that includes jansson.h) ---- */
/* Encoders return owned text; decoders read size bytes (no NUL needed) and write a message
 * into err (size errsize) that starts with the JSON path of the problem. */
int itav__intervention_encode(char **out, const itav_intervention *iv, bool pretty);
int itav__intervention_decode(itav_intervention **out, const char *json, size_t size,
                              char *err, size_t errsize);
int itav__offer_encode(char **out, const itav_offer *of, bool pretty);
int itav__offer_decode(itav_offer **out, const char *json, size_t size, char *err,
                       size_t errsize);

int itav__participant_encode(char **out, const itav_participant *p, bool pretty);
int itav__participant_decode(itav_participant **out, const char *json, size_t size, char *err,
                             size_t errsize);
int itav__match_encode(char **out, const itav_match *m, bool pretty);
int itav__match_decode(itav_match **out, const char *json, size_t size, char *err,
                       size_t errsize);

/* Validation the store applies before every write. */
int itav__intervention_check(itav_db *db, const itav_intervention *iv);
int itav__offer_check(itav_db *db, const itav_offer *of);
/* Writes without their own transaction (the caller holds one). */
int itav__intervention_write(itav_db *db, const itav_intervention *iv);
int itav__offer_write(itav_db *db, const itav_offer *of);

/* ---- reviews (review.c) ---- */
struct itav_review {
    char *id;    /* "r-00000001"; NULL until stored */
    char *match; /* NULL until stored */
    char *offer; /* the match's offer, for listing by offer; NULL until stored */
    itav_review_kind kind;
    int32_t date;
    itav_respondent respondent;
    int satisfaction; /* 1-10, 0 = not given */
    int safety;       /* 0 or 1 */
    char *safety_note;
    signed char effect[ITAV_EFFECT_COUNT + 1]; /* by itav_effect (0 unused); -2..2 or UNKNOWN */
    itav_formal_help help; /* 0 = not recorded */
    char *note;
};
int itav__review_encode(char **out, const itav_review *r, bool pretty);
int itav__review_decode(itav_review **out, const char *json, size_t size, char *err,
                        size_t errsize);
/* Writes a complete stored review (id, match and offer set) without a transaction. */
int itav__review_write(itav_db *db, const itav_review *r);

/* ---- indicators (indicator.c, quantity.c) ---- */
typedef struct itav__quantity {
    itav_qualifier qualifier;
    double min, max; /* NaN for ITAV_QTY_TEXT */
} itav__quantity;
typedef struct itav__target {
    itav_comparator cmp;
    double value, high;
    bool relative;
    int32_t deadline;
    char *text, *source;
} itav__target;
typedef struct itav__measurement {
    int32_t date;
    itav__quantity qty;
    char *period, *text, *source;
} itav__measurement;
struct itav_indicator {
    char *id, *offer, *name, *unit, *note, *source;
    itav_measure type;
    double scale_low, scale_high; /* a rating's own scale; NaN for the type's fixed scale */
    itav_derived derived;         /* 0 = measured by hand */
    char *municipality;           /* of a derived indicator; NULL for the whole offer */
    bool has_baseline;
    int32_t baseline_date;
    itav__quantity baseline;
    char *baseline_text, *baseline_source;
    itav__target *targets;
    size_t ntargets;
    itav__measurement *measurements; /* in date order */
    size_t nmeasurements;
};
int itav__indicator_encode(char **out, const itav_indicator *ind, bool pretty);
int itav__indicator_decode(itav_indicator **out, const char *json, size_t size, char *err,
                           size_t errsize);
/* Checks an indicator against the store (its offer exists) and writes it, no transaction. */
int itav__indicator_write(itav_db *db, const itav_indicator *ind);

/* Quantities as intervals (quantity.c). Comparisons forgive rounding (1e-9 relative). */
typedef struct itav__interval {
    double lo, hi;
} itav__interval;
bool itav__le(double a, double b);
bool itav__lt(double a, double b);
/* The values a quantity allows on the scale [low, high] (about: plus or minus 10 percent),
 * clipped to the scale; false for ITAV_QTY_TEXT, which allows any value. */
bool itav__quantity_interval(itav__interval *out, itav_qualifier q, double min, double max,
                             double low, double high);
/* Met when every value of m satisfies the target for every threshold value and high allow,
 * not met when none does, else unknown. */
itav_attainment itav__interval_verdict(itav__interval m, itav_comparator cmp,
                                       itav__interval value, itav__interval high);
/* Before the deadline: on track when every value of m lies on or beyond the straight path
 * from baseline to the target (at fraction f of the way, written to *path) and not past the
 * target's far end, not met when none does, else unknown. *why: 1 when m went past the far
 * end, 2 when the baseline lies inside an equal or between target (no path: unknown). */
itav_attainment itav__path_verdict(itav__interval m, itav_comparator cmp, itav__interval value,
                                   itav__interval high, itav__interval baseline, double f,
                                   itav__interval *path, int *why);
/* Numbers, intervals and quantities in words ("10", "9 to 11", "about 10"). */
void itav__number_words(char *buf, size_t size, double v);
void itav__interval_words(char *buf, size_t size, itav__interval iv);
void itav__quantity_words(char *buf, size_t size, itav_qualifier q, double min, double max,
                          const char *text);

/* ---- element portfolios (portfolio.c builds, json.c and svg.c write) ---- */
#define ITAV__PORTFOLIO_FLAGS 4 /* itav_portfolio_flag runs 1..4 */
struct itav_portfolio {
    itav_profile_source source; /* as asked; ITAV_PROFILE_DEFAULT: each member's in use */
    itav__strlist members;      /* ids, in id order */
    itav_elemset *present;      /* per member: the elements it states present */
    itav_elemset *known;        /* per member: the elements it states present or absent */
    size_t npresent[ITAV_ELEMENT_COUNT + 1], nknown[ITAV_ELEMENT_COUNT + 1]; /* by element */
    size_t table[4][4];         /* by itav_setting and itav_scope; 0 = not stated */
    itav__strlist flagged[ITAV__PORTFOLIO_FLAGS + 1]; /* by itav_portfolio_flag, id order */
};
/* Writes one portfolio, or two side by side (b not NULL), as itav_portfolio_to_json(). */
int itav__portfolio_json(char **out, const itav_portfolio *a, const itav_portfolio *b);

/* ---- reports (report.c builds, report_write.c and json.c write) ---- */

typedef enum itav__cell_kind {
    ITAV__CELL_EMPTY = 0,
    ITAV__CELL_TEXT = 1,
    ITAV__CELL_NUMBER = 2
} itav__cell_kind;
typedef struct itav__cell {
    itav__cell_kind kind;
    bool count;      /* a count of people, matches or reviews: subject to suppression */
    bool suppressed; /* then kind is EMPTY, text NULL and value 0: the number is gone */
    double value;    /* NUMBER */
    char *text;      /* TEXT: the text; NUMBER: the published form ("12", "7.25") */
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
    itav__strlist columns;
    itav__cell *cells; /* rows * columns.n, row by row */
    size_t rows, caprows;
    itav__group *groups;
    size_t ngroups, capgroups;
} itav__table;
struct itav_report {
    char *title, *offer;
    itav__strlist members; /* the offers that name offer as their programme */
    int k;
    int32_t as_of, from, to;
    char suppressed[16]; /* "<5" */
    itav__table *tables;
    size_t ntables;
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
/* Writes the report as JSON {"format": "itav-report/1", ...} (json.c). */
int itav__report_json(char **out, const itav_report *r);

/* ---- backends ---- */
int itav__memory_backend_new(itav_backend **out);
int itav__sqlite_backend_open(itav_backend **out, const char *path, char *err, size_t errsize);

/* ---- the embedded catalogue (generated from data/catalog.json) ---- */
extern const char itav__catalog_text[];

#endif
