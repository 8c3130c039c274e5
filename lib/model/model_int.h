/* lib/model: the domain objects (interventions, offers, plans, participants, matches,
 * reviews, indicators, figures and quantities) and every domain rule, each in the module
 * that owns it. Depends on lib/util and lib/store. */
#ifndef ITAV_MODEL_INT_H
#define ITAV_MODEL_INT_H

#include "internal.h"

/* ---- record kinds and their index slots ---- */
#define ITAV__KIND_INTERVENTION "intervention"
#define ITAV__KIND_OFFER "offer"
#define ITAV__OFFER_SLOT_INTERVENTION 0
#define ITAV__KIND_PARTICIPANT "participant"
#define ITAV__PARTICIPANT_SLOT_OFFER 0
#define ITAV__PARTICIPANT_SLOT_UNPLACED 1 /* eligible supporters without coordinates: the offer */
#define ITAV__KIND_MATCH "match"
#define ITAV__MATCH_SLOT_OFFER 0
#define ITAV__MATCH_SLOT_ASKING 1
#define ITAV__MATCH_SLOT_SUPPORTING 2
#define ITAV__MATCH_SLOT_OPEN 3 /* "open" while proposed..active, else NULL */
#define ITAV__KIND_SEQUENCE "sequence"
#define ITAV__KIND_REVIEW "review"
#define ITAV__REVIEW_SLOT_OFFER 0
#define ITAV__REVIEW_SLOT_MATCH 1
#define ITAV__REVIEW_SLOT_DATED 2 /* "<offer>\x1f<date>": itav__dated_value() */
#define ITAV__KIND_INDICATOR "indicator"
#define ITAV__INDICATOR_SLOT_OFFER 0
#define ITAV__KIND_RELEASE "release"
#define ITAV__RELEASE_SLOT_OFFER 0


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

/* ---- costs and funding (cost.c) ---- */
typedef struct itav__funder {
    char *name;
    itav_share_kind kind;
    itav_qualifier qualifier; /* 0 for ITAV_SHARE_NONE */
    double min, max;          /* NaN for ITAV_SHARE_NONE */
} itav__funder;
struct itav_cost {
    char *what;
    itav_qualifier qualifier; /* 0: no amount */
    double min, max;          /* NaN without an amount and for ITAV_QTY_TEXT */
    char *text;
    itav_cost_unit unit;      /* 0: not given (only without a number) */
    char currency[4];
    int32_t from, to;
    char *note, *source;
    itav__funder *funders;
    size_t nfunders, capfunders;
};
typedef struct itav__costlist {
    itav_cost **v;
    size_t n, cap;
} itav__costlist;
int itav__costlist_add(itav__costlist *l, const itav_cost *c);
int itav__costlist_remove(itav__costlist *l, size_t i);
int itav__costlist_copy(itav__costlist *dst, const itav__costlist *src);
void itav__costlist_clear(itav__costlist *l);
/* What is wrong with a cost whose fields disagree (the amount with its qualifier and unit,
 * a share with its kind, percent shares over 100), or NULL: the rule the setters keep and
 * the record decoder checks. */
const char *itav__cost_problem(const itav_cost *c);

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

/* ---- outcomes (outcome.c) and milestones (milestone.c) ---- */
struct itav_outcome {
    itav_outcome_kind kind;
    itav_figure *figure; /* never NULL */
};
typedef struct itav__outcomes {
    itav_outcome **v;
    size_t n, cap;
} itav__outcomes;
int itav__outcomes_copy(itav__outcomes *dst, const itav__outcomes *src);
void itav__outcomes_clear(itav__outcomes *l);

struct itav_milestone {
    itav_milestone_status status;
    int32_t date; /* ITAV_DATE_NONE when only a period is given */
    char *period, *what, *text, *source;
};
typedef struct itav__milestones {
    itav_milestone **v;
    size_t n, cap;
} itav__milestones;
/* Whether a milestone's fields fit together: a known status, what, a date or a period. */
bool itav__milestone_ok(const itav_milestone *m);
int itav__milestones_copy(itav__milestones *dst, const itav__milestones *src);
void itav__milestones_clear(itav__milestones *l);

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
    /* The working factors its practice shows (itav/factor.h), and where the seed credits each
     * (NULL for none); stored from record version 2 on. */
    itav_factorset factors;
    char *factor_source[ITAV_FACTOR_COUNT];
    /* Who it is for and how people reach it (access.c); NULL for none. Record version 3. */
    itav_access *access;
    /* Its outcomes and research evidence (outcome.c); stored from record version 3 on. */
    itav__outcomes outcomes;
    /* What the method costs and who funds it (cost.c); stored from record version 3 on. */
    itav__costlist costs;
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
    /* Who it is for and how people reach it (access.c); NULL for none. Record version 3. */
    itav_access *access;
    /* Its status and milestones (milestone.c); stored from record version 3 on. */
    itav__milestones milestones;
    /* Costs and funding (cost.c), and capacity: what the offer has to work with, such as a
     * coordinator's hours (ITAV_FIGURES_CAPACITY); both stored from record version 3 on. */
    itav__costlist costs;
    itav__figlist capacity;
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
/* The first day a certificate of conduct dated vog_date no longer counts under the plan:
 * vog_valid_months later, plus a day (it counts through the day its validity ends).
 * INT32_MAX when the plan sets no validity or the day falls after the year 9999. */
int32_t itav__vog_expires(const itav_plan *plan, int32_t vog_date);

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
/* How many open matches a participant may have at once: one on the asking side, its
 * capacity on the supporting side. */
size_t itav__open_match_limit(const itav_participant *p);
/* Legal status moves made by hand (itav_participant_set_status) or at creation (from 0:
 * the starting statuses itav_participant_create() allows). */
bool itav__status_move_ok(itav_side side, itav_participant_status from,
                          itav_participant_status to);
/* Validation the store applies before every write of a participant: the fields alone
 * (kind, status for the side, reference for the status, capacity, nothing personal kept
 * after erasure), and with the store (its offer exists). */
int itav__participant_check_fields(itav_db *db, const itav_participant *p);
int itav__participant_check(itav_db *db, const itav_participant *p);
/* Whether p may replace the stored version: not when that is erased, nor, once the
 * participant has matches, with another offer or side (ITAV_ESTATE, ITAV_EINUSE, with a
 * message). The rule of itav_participant_update() and of the CSV import's update mode. */
int itav__participant_change_check(itav_db *db, const itav_participant *stored,
                                   const itav_participant *p);
/* Whether p may move to status on date by hand: a legal move, not before the current status
 * date (ITAV_ESTATE or ITAV_EINVAL, the message lists the legal moves). The rule of
 * itav_participant_set_status() and of the CSV import's update mode. */
int itav__participant_move_check(itav_db *db, const itav_participant *p,
                                 itav_participant_status status, int32_t date);
/* Writes without a transaction of its own (the caller holds one); keeps the index values
 * (offer, spatial cell) in step with the record. */
int itav__participant_write(itav_db *db, const itav_participant *p);
/* Reads a participant inside or outside a transaction; ENOTFOUND with a message. */
int itav__participant_read(itav_participant **out, itav_db *db, const char *ref);
/* Decodes a stored participant record (from a get or scan callback); on failure the context
 * says which record is damaged and how. */
int itav__participant_load(itav_participant **out, itav_db *db, const char *key,
                           const void *data, size_t size);
/* Whether a supporter can be suggested: on the supporting side, available or matched. Such
 * a supporter has a place in the store (itav__put_place) when it has coordinates, and the
 * offer in index slot ITAV__PARTICIPANT_SLOT_UNPLACED when not. */
bool itav__supporter_eligible(const itav_participant *p);

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
/* Whether a is a known actor role. */
bool itav__valid_actor(itav_actor a);
int itav__match_write(itav_db *db, const itav_match *m);
int itav__match_read(itav_match **out, itav_db *db, const char *id);
/* Decodes a stored match record, as itav__participant_load(). */
int itav__match_load(itav_match **out, itav_db *db, const char *key, const void *data,
                     size_t size);
/* Moves m (read in the caller's transaction) by the rules of itav_match_advance(), whose
 * arguments the caller has checked; writes it and, when it closes, the statuses. */
int itav__match_move(itav_db *db, itav_match *m, itav_match_state state, int32_t date,
                     itav_actor actor, itav_end_reason reason, const char *note);
/* The next number of a named counter, stored in the store (inside the caller's txn). */
int itav__next_sequence(long *out, itav_db *db, const char *name);
/* Proposes inside the caller's transaction (used by itav_match_propose and assignment);
 * the pair has been checked already; score is stored. out_id receives an owned id. */
int itav__match_create(char **out_id, itav_db *db, const itav_participant *asking,
                       const itav_participant *supporting, double score, int32_t date,
                       itav_actor actor, const char *note);

/* Everything scoring needs to know of a pair beyond the two participants, read from the
 * store by the match module so that scoring itself stays a pure function. */
typedef struct itav__pair_facts {
    bool declined, open;   /* from the pair's match history */
    size_t supporter_open; /* open matches of the supporter */
} itav__pair_facts;
int itav__pair_facts_load(itav__pair_facts *f, itav_db *db, const itav_participant *asking,
                          const itav_participant *supporting);
/* The matches of one asking participant, read once to give the pair facts of many
 * supporters (a suggestion query) through itav__pair_facts_with(). */
typedef struct itav__history {
    itav__iter matches;
} itav__history;
int itav__history_load(itav__history *h, itav_db *db, const char *asking);
void itav__history_clear(itav__history *h);
int itav__pair_facts_with(itav__pair_facts *f, itav_db *db, const itav__history *asking,
                          const itav_participant *supporting);

/* ---- the record codec ---- */
/* The stored form of each kind (docs/storage.md). Declared here, where the store-facing
 * functions of each module call it, and defined by lib/codec, the layer above (as SQLite's
 * core declares sqlite3_os_init() and each os_*.c defines it). Encoders give a new buffer
 * (freed with itav__free) and its size, or ITAV_ENOMEM; decoders give ITAV_EFORMAT with a
 * message in err that names the damaged field, in the language of db (NULL: English), or
 * ITAV_ENOMEM. */
int itav__intervention_encode(unsigned char **out, size_t *size, const itav_intervention *iv);
int itav__intervention_decode(itav_intervention **out, const itav_db *db, const void *data,
                              size_t size, char *err, size_t errsize);
int itav__offer_encode(unsigned char **out, size_t *size, const itav_offer *of);
int itav__offer_decode(itav_offer **out, const itav_db *db, const void *data, size_t size,
                       char *err, size_t errsize);
int itav__participant_encode(unsigned char **out, size_t *size, const itav_participant *p);
int itav__participant_decode(itav_participant **out, const itav_db *db, const void *data,
                             size_t size, char *err, size_t errsize);
int itav__match_encode(unsigned char **out, size_t *size, const itav_match *m);
int itav__match_decode(itav_match **out, const itav_db *db, const void *data, size_t size,
                       char *err, size_t errsize);
int itav__review_encode(unsigned char **out, size_t *size, const itav_review *r);
int itav__review_decode(itav_review **out, const itav_db *db, const void *data, size_t size,
                        char *err, size_t errsize);
int itav__indicator_encode(unsigned char **out, size_t *size, const itav_indicator *ind);
int itav__indicator_decode(itav_indicator **out, const itav_db *db, const void *data,
                           size_t size, char *err, size_t errsize);
int itav__release_encode(unsigned char **out, size_t *size, const itav_release *rl);
int itav__release_decode(itav_release **out, const itav_db *db, const void *data, size_t size,
                         char *err, size_t errsize);

/* ---- releases: the ledger of published reports (lib/evaluation/release.c owns them; the
 * struct is here, below the codec, so that lib/codec can describe the record) ---- */
/* One count of a published report, as it was published: no personal data, only the names of
 * its table, row and column, and its value unless it was hidden. */
typedef struct itav__release_cell {
    char *table, *row, *column;
    long long value; /* 0 when hidden */
    bool hidden;
} itav__release_cell;
struct itav_release {
    char *id, *offer;
    itav__strlist members; /* the member offers a programme report covered */
    int32_t from, to, as_of;
    int k, protection;
    bool low_k;
    itav__release_cell *cells;
    size_t ncells;
    /* the report's method (itav_report_method): ITAV_REPORT_PERTURB, its shown counts are
     * perturbed ones, each within the noise of the true count */
    unsigned method;
};
/* Writes a release under its id, without a transaction of its own (the caller holds one). */
int itav__release_write(itav_db *db, const itav_release *rl);

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
/* Which match state takes which kind of review: trial in trial, periodic when active, final
 * when active or closed (completed, ended early); _states says which states do, in words. */
bool itav__review_taken_in(itav_review_kind kind, itav_match_state state);
const char *itav__review_states(itav_review_kind kind);
/* The date from which m took a review of kind: its first move into a state that takes it
 * (that state in *state); ITAV_DATE_NONE when it never made one. */
int32_t itav__review_taken_since(const itav_match *m, itav_review_kind kind,
                                 itav_match_state *state);
/* A trial review is taken once per respondent: whether a and b, two reviews of one match,
 * are both trial reviews by the same side. */
bool itav__trial_reviews_clash(const itav_review *a, const itav_review *b);
/* Writes a complete stored review (id, match and offer set) without a transaction. */
int itav__review_write(itav_db *db, const itav_review *r);
/* Appends the reviews of an offer (NULL: every offer) dated from..to (ITAV_DATE_NONE: open)
 * to list, in no particular order (its items are itav_review; free_item set); for one offer
 * and a bounded period through a range of ITAV__REVIEW_SLOT_DATED. */
int itav__review_list_dated(itav__iter *list, itav_db *db, const char *offer, int32_t from,
                            int32_t to);

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
    /* The further municipalities of a derived indicator whose target is joint ("voor beide
     * gemeenten 5 koppelingen"): matches in any of them and in municipality count together.
     * Empty unless municipality is set; stored from record version 2 on. */
    itav__strlist more_municipalities;
};
/* Checks an indicator against the store (its offer exists) and writes it, no transaction. */
int itav__indicator_write(itav_db *db, const itav_indicator *ind);

/* A qualifier of the enum (quantity.c). */
bool itav__qualifier_valid(itav_qualifier q);
/* Whether a qualifier takes two numbers, min and max (range, about_range), rather than one
 * value (quantity.c). */
bool itav__qualifier_two_numbers(itav_qualifier q);
/* The numbers a qualified quantity holds (figures, baselines, measurements): none (NaN) for
 * ITAV_QTY_TEXT; else finite, min <= max, and min == max but for the two-number qualifiers
 * (quantity.c). */
bool itav__quantity_numbers_ok(itav_qualifier q, double min, double max);
/* A target's numbers: a finite value, and a finite high >= value for ITAV_CMP_BETWEEN, else
 * high == value (indicator.c). */
bool itav__target_numbers_ok(itav_comparator cmp, double value, double high);
/* An indicator's own scale: none (both NaN), or finite with low < high (indicator.c). */
bool itav__scale_ok(double low, double high);

/* Quantities as intervals (quantity.c). Comparisons forgive rounding (1e-9 relative). */
typedef struct itav__interval {
    double lo, hi;
} itav__interval;
bool itav__le(double a, double b);
bool itav__lt(double a, double b);
/* The values a quantity allows on the scale [low, high] (about: plus or minus 10 percent;
 * about_range: the range with 10 percent of each end added outwards),
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
/* How words the model puts together are said in a language: find gives the wording of an
 * English template in lang, or NULL (the template itself is then used). NULL for English. */
typedef struct itav__wording {
    const char *(*find)(const char *en, itav_lang lang);
    itav_lang lang;
} itav__wording;
/* The wording of template en (en itself without a wording or an entry). */
const char *itav__worded(const itav__wording *wd, const char *en);
/* ---- the wording of reports (wording.c) ----
 * A fixed text of a report, or a piece of an explanation or a quantity, is looked up in the
 * catalogue's context "report" (lib/po/nl.po), and an element's English label among the
 * elements' labels. */
/* The text of en in lang: en itself in English, or when there is no entry for it. */
const char *itav__report_label(const char *en, itav_lang lang);
/* Whether en has a Dutch wording. */
bool itav__report_label_known(const char *en);
/* The wording of reports in lang: NULL for English. */
const itav__wording *itav__report_wording(itav_lang lang);
/* Numbers, intervals and quantities in words ("10", "9 to 11", "about 10"); with a Dutch
 * wording a number has a decimal comma ("7,5"). */
void itav__number_words(char *buf, size_t size, double v);
void itav__number_words_in(const itav__wording *wd, char *buf, size_t size, double v);
void itav__interval_words(const itav__wording *wd, char *buf, size_t size, itav__interval iv);
void itav__quantity_words(const itav__wording *wd, char *buf, size_t size, itav_qualifier q,
                          double min, double max, const char *text);
/* itav_indicator_attainment() with its explanation in a wording (NULL: English). */
int itav__indicator_attainment_in(itav_attainment *verdict, char **why,
                                  const itav_indicator *ind, size_t target, int32_t as_of,
                                  const itav__wording *wd);


/* ---- access sheets: who it is for and how people reach it (access.c) ---- */
typedef struct itav__access_entry {
    int list; /* itav_access_list */
    char *code, *text, *source;
    unsigned flags;
} itav__access_entry;
struct itav_access {
    bool has_ages;
    int32_t age_min, age_max; /* ITAV_AGE_NONE for an open end */
    char *age_source;
    itav__access_entry *entries; /* in the order added; lists interleave */
    size_t nentries, capentries;
};
/* The one age rule's bounds (intervention.c): ITAV_AGE_NONE or -12..1200 months. */
bool itav__age_ok(int32_t months);
/* Whether code is in list's vocabulary. */
bool itav__access_code_ok(int list, const char *code);
/* Replaces *slot by a copy of src (NULL or an empty sheet clears it); unchanged on ENOMEM. */
int itav__access_replace(itav_access **slot, const itav_access *src);
/* What is wrong with a decoded sheet (an unknown list or code, flags, ages), or NULL. */
const char *itav__access_problem(const itav_access *a);

#endif
