/*
 * itav: the libitav command-line tool, shared by its source files.
 *
 * A thin layer over the public API (itav.h). main.c reads the command line with the one
 * option parser (options.c), finds the command in the one command table (commands.c, which
 * lists the groups each cmd_<group>.c defines with their operands, options and help), checks
 * the operands and options against the entry and runs its handler. The same table gives the
 * help (help.c). util.c holds what several groups share: messages, words for codes, the store,
 * JSON and text helpers.
 *
 * Exit codes: 0 success, 1 usage error, 2 data error (the library refused something).
 */
#ifndef ITAV_CLI_H
#define ITAV_CLI_H

#include <itav.h>

#include "number.h"

#include <jansson.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define EXIT_USAGE 1
#define EXIT_DATA 2

/* ---- options ---------------------------------------------------------------------------- */

/* Every option the tool knows; options.c names them (opt_specs). */
enum opt_id { OPT_STORE, OPT_LANG, OPT_JSON, OPT_ELEMENT, OPT_SETTING, OPT_MUNICIPALITY,
              OPT_HELP, OPT_VERSION, OPT_OFFER, OPT_SIDE, OPT_STATUS, OPT_STATE, OPT_K,
              OPT_DATE, OPT_AS_OF, OPT_WITHIN, OPT_MIN_SCORE, OPT_ACTOR, OPT_REASON, OPT_NOTE,
              OPT_DRY_RUN, OPT_KIND, OPT_RESPONDENT, OPT_SATISFACTION, OPT_SAFETY_CONCERN,
              OPT_SAFETY_NOTE, OPT_EFFECT, OPT_FORMAL_HELP, OPT_MATCH, OPT_VALUE, OPT_PERIOD,
              OPT_TEXT, OPT_SOURCE, OPT_DERIVE, OPT_FROM, OPT_TO, OPT_FORMAT, OPT_OUTPUT,
              OPT_COMPARE, OPT_SVG, OPT_REGION, OPT_ID, OPT_COMPARE_MUNICIPALITY, OPT_AUDIENCE,
              OPT_AGE_MONTHS, OPT_NEED, OPT_CHANNEL, OPT_STRICT, OPT_UPDATE, OPT_PUBLISH,
              OPT_LOW_K, OPT_PROTECTION, OPT_SKIP_EVALUATION, OPT_YES, OPT_INTERVENTION,
              OPT_NAME, OPT_PROVIDER, OPT_CONTACT, OPT_PROGRAMME, OPT_PLAN, OPT_FACTOR,
              OPT_POSTCODE, OPT_VOG_DATE, OPT_CAPACITY, OPT_SET,
              OPT_REFERRAL, OPT_PERTURB, OPT_COUNT };

/* The repeatable options, which keep every value given. */
enum many_id { MANY_ELEMENT, MANY_EFFECT, MANY_ID, MANY_NEED, MANY_MUNICIPALITY, MANY_PLAN, MANY_FACTOR,
               MANY_SET, MANY_COUNT };

/* A set of options, one bit each; room for 128 options. */
typedef struct optset {
    uint64_t bits[2];
} optset;
_Static_assert(OPT_COUNT <= 128, "optset holds at most 128 options");
static inline void optset_add(optset *s, int opt)
{
    s->bits[opt / 64] |= (uint64_t)1 << (opt % 64);
}
static inline bool optset_has(const optset *s, int opt)
{
    return (s->bits[opt / 64] >> (opt % 64)) & 1;
}

typedef struct opt_spec {
    const char *name; /* without the dashes */
    const char *arg;  /* the value's name in help ("URI"), or NULL for a flag */
    int many;         /* for a repeatable option its MANY_ id + 1, else 0 */
    size_t max;       /* a repeatable option: at most this many */
    const char *help; /* for the global options: what it does */
    itav_code_type codes; /* the library's codes its value is one of (for completion), or 0 */
} opt_spec;
extern const opt_spec opt_specs[OPT_COUNT];

#define MAX_REPEATED 64
typedef struct repeated {
    const char *v[MAX_REPEATED];
    size_t n;
} repeated;

#define MAX_OPERANDS 4

/* The parsed command line. */
typedef struct cli {
    itav_lang lang;
    const char *opt[OPT_COUNT]; /* each option's value (the last given), "" for a flag, or NULL */
    repeated many[MANY_COUNT];  /* every value of each repeatable option, in order */
    const char *args[MAX_OPERANDS]; /* the words that are not options: command and operands */
    size_t n_args;
    int store_is_default;       /* the store URI was computed, not given */
    optset given;               /* every option given */
} cli;

/* An option's value, or NULL when not given: OPTV(c, OFFER). */
#define OPTV(c, X) ((c)->opt[OPT_##X])
/* Whether a flag (or any option) was given: FLAG(c, JSON). */
#define FLAG(c, X) ((c)->opt[OPT_##X] != NULL)
/* The values of a repeatable option: MANY(c, EFFECT)->v[i], ->n. */
#define MANY(c, X) (&(c)->many[MANY_##X])

itav_lang lang_from_locale(void);
/* Reads argv into c (zeroed by the caller, with its lang set): 0, or a usage error. */
int parse_args(cli *c, int argc, char **argv);

/* ---- the command table ------------------------------------------------------------------ */

/* An option a command takes, with what it means there. */
typedef struct cmd_opt {
    enum opt_id id;
    const char *help;
} cmd_opt;

typedef struct command {
    const char *name;        /* "suggest"; the group's word comes first unless the group is bare */
    const char *operands[2]; /* their names ("REF"); "[FILE]" is optional; NULL when fewer */
    const char *usage;       /* the synopsis after the command's words; "\n" starts a line, and
                              * a line that starts with the first operand another form */
    const char *summary;     /* one sentence: what it does */
    const cmd_opt *options;  /* what it takes besides the global options; ends with help NULL */
    int (*run)(cli *c);
} command;

typedef struct command_group {
    const char *name;        /* "match": the first word of its commands, and the file cmd_match.c */
    bool bare;               /* its commands are typed without the group's word (init, profile) */
    const char *title;       /* for help and the man page */
    const command *commands; /* ends with name NULL */
} command_group;

extern const command_group *const command_groups[]; /* ends with NULL */

extern const command_group store_group, catalog_group, participants_group, match_group,
    review_group, indicator_group, report_group, portfolio_group, recommend_group, offer_group;

/* Finds the command c->args name (*group and *out; quiet: no message when there is none). */
int lookup_command(const command_group **group, const command **out, const cli *c, bool quiet);
/* The words that name a command: "match suggest", "init". */
void command_words(char *buf, size_t size, const command_group *g, const command *cmd);
/* Finds the command of c->args and checks its operands and options (a usage error if they do
 * not fit); *out is set on success. "words" receives the command's words ("match suggest"). */
int find_command(const command **out, char *words, size_t size, const cli *c);
/* The options a command takes besides the global ones. */
optset command_options(const command *cmd);
/* Whether every command takes this option (--store, --lang, --help, --version). */
bool global_option(int opt);
/* Checks that only options the command takes were given. */
int check_options(const cli *c, const char *words, const optset *allowed);

/* ---- help ------------------------------------------------------------------------------- */

void print_usage(FILE *to);
void print_group_help(FILE *to, const command_group *g);
void print_command_help(FILE *to, const command_group *g, const command *cmd);
/* A usage error: keeps the message for report_usage_error(); returns EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the usage error kept, one line, and a hint to the help of the command c names (or
 * of its group, or of the tool); returns EXIT_USAGE. */
int report_usage_error(const cli *c);

/* ---- shared by the commands (util.c) ---------------------------------------------------- */

const char *tr(const cli *c, const char *en, const char *nl);
/* A data error, in the language of --lang (messages.c has the Dutch of each message). */
int data_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* messages.c: the language of data_error() (main.c sets it from --lang), and the wording of
 * a message or word in it (the English itself when it has no entry). */
void set_message_lang(itav_lang lang);
const char *message_words(const char *en);
int lib_error(itav_db *db, int rc);
char *xstrcat3(const char *a, const char *b, const char *c);

const char *word(const cli *c, itav_code_type type, int value);
const char *known_word(const cli *c, itav_code_type type, int value);
extern const itav_profile_source profile_sources[3];
#define N_PROFILE_SOURCES (sizeof profile_sources / sizeof profile_sources[0])

int store_uri(char **out, cli *c, int create);
int open_store(itav_db **db, cli *c, int create);

void jset_str(json_t *o, const char *key, const char *s);
json_t *jcode(itav_code_type type, int value);
json_t *jnumber(double v);
json_t *jelemset(itav_elemset s);
json_t *jquantity(itav_qualifier ql, double min, double max, const char *text);
int print_json(json_t *root);

size_t utf8_width(const char *s);
/* Text from users, for printing on one line: s itself, or when it holds a line feed or tab
 * a copy that shows them as \n and \t (kept until the tool exits), so that a value can
 * neither break a table's row nor start a line of its own (issue 17; main.c's filter shows
 * every other control character as \xNN). NULL stays NULL. */
const char *one_line(const char *s);
/* A table cell, one_line() and padded to width. */
void print_padded(const char *s, size_t width);
/* A number in the language of --lang (number.h): decimals as number_in(), into buf of
 * NUMBER_BUFSIZE bytes. */
const char *num(const cli *c, char *buf, double v, int decimals);
void print_number(const cli *c, double v);
void print_qty(const cli *c, itav_qualifier ql, double min, double max, const char *text);
void print_quantity(const cli *c, const itav_figure *f);
void print_figure(const cli *c, const itav_figure *f);
/* A figure's words after its quantity: what it counts, the source's wording in quotes (when
 * quote_text), period, place and seed line, then its note on a line of its own. */
void print_figure_words(const itav_figure *f, bool quote_text);
/* evidence.c: an intervention's outcomes (a section, none when it has none) and an offer's
 * milestones (one line each, after indent). */
void print_outcomes(const cli *c, const itav_intervention *iv);
void print_milestones(const cli *c, const itav_offer *of, const char *indent);
void print_cost(const cli *c, const itav_cost *k);
void print_text_list(const cli *c, const itav_intervention *iv, itav_text_list list,
                     const char *en, const char *nl, int numbered);
/* "  Label:            value" on a line of its own, the value one_line(); nothing for an
 * empty value. */
void print_field(const char *label, const char *value);
void print_joined(const cli *c, const itav_intervention *iv, itav_text_list list,
                  const char *en, const char *nl);
void print_dispute(const cli *c, const itav_intervention *iv, itav_element e);

/* A growable array of owned objects. */
typedef struct vec {
    void **v;
    size_t n, cap;
} vec;
void vec_push(vec *a, void *item);
void vec_free(vec *a, void (*free_item)(void *));
void free_participant(void *p);
void free_match(void *m);
void free_suggestion(void *s);
void free_due(void *d);
void free_review(void *r);
void free_indicator(void *ind);

int32_t today_utc(void);
int option_date(int32_t *out, const char *value, const char *option);
int option_int(long *out, const char *value, const char *option, long min, long max);
int option_fraction(double *out, const char *value, const char *option);
const char *date_text(char *buf, int32_t date);
json_t *jdate(int32_t date);
int code_value(itav_code_type type, int i);
char *code_list(itav_code_type type);
char *codes_joined(itav_code_type type, unsigned bits);
int parse_code_arg(int *out, itav_code_type type, const char *value, const char *what);
int print_json_reals(json_t *root);
json_t *jfraction(double v);
json_t *jkm(double metres);
json_t *jlibrary(char *text, int rc, const char *what);
json_t *jparticipant(const itav_participant *p);
json_t *jmatch(const itav_match *m);
int check_offer(itav_db *db, const char *id);
int ends_with_nocase(const char *s, const char *suffix);
size_t max_width(size_t w, const char *s);
json_t *jbreakdown(const itav_suggestion *s);
json_t *jpair(const itav_suggestion *s);
json_t *jweights(const itav_match_options *opt);
int missing_option(const char *option, const char *command_words, const char *expected);
int setter_error(int rc, const char *option);
void print_wrapped_at(const char *label, const char *text, size_t indent, size_t cont);
void print_wrapped_text(const char *label, const char *text, size_t indent);
void print_long_field(const char *label, const char *value);
int option_date_or_none(int32_t *out, const char *value, const char *option);
int32_t match_since(const itav_match *m);
int write_file(const char *path, const char *text);
/* The due listings (match due, participants due) share their options, heading and the
 * start of each line or object. */
int due_options(int32_t *as_of, long *within, const cli *c);
void print_due_heading(const cli *c, int32_t as_of, long within, size_t count);
/* "2021-06-01  3 days overdue    ": an item's date and how far off it is, padded. */
void print_due_start(const cli *c, const itav_due *e);
/* {id_key: id, "kind", "date", "overdue_days"}; the caller adds what it knows. */
json_t *jdue(const char *id_key, const char *id, const itav_due *e);
/* The listing's lister (itav_match_due, itav_participant_due) and what fetches the object an
 * item is about (owned; NULL and a library code when it fails). */
typedef int (*due_lister)(itav_due_iter **out, itav_db *db, const char *offer, int32_t as_of,
                          int within_days);
typedef void *(*due_fetcher)(int *rc, itav_db *db, const itav_due *e);
/* Reads the options (due_options), then from the store the items list gives for --offer
 * into items and the object of each into objects (same index). Returns the exit status,
 * with the error printed. */
int read_due(vec *items, vec *objects, int32_t *as_of, long *within, cli *c, due_lister list,
             due_fetcher fetch);
/* The start of an item's line: print_due_start, the item's id, its kind padded. */
void print_due_item(const cli *c, const itav_due *e, const char *id);

/* Prints an access sheet (who it is for, how people reach it), each line after indent;
 * nothing for NULL (util.c). */
void print_access(const cli *c, const itav_access *a, const char *indent);

#endif
