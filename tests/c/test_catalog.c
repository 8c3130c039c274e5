/* The built-in catalogue checked against the seed documents themselves: the summary table
 * and the element lists of seed 001 are parsed here from the seed text, every source
 * reference must point inside its seed, and every figure's wording must stand on the lines
 * it cites. Those cases run with the argument "seeds" (meson test catalog-seeds), skipped
 * (exit 77) when the seeds are not beside the clone; the others (counts, disputes, places,
 * the indicators' targets) read no seed and always run (meson test catalog). */
#include "testutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINES 4000

typedef struct seed {
    char *line[MAX_LINES + 1]; /* 1-based */
    int n;
} seed;

static seed seeds[5];
static itav_db *db;

static bool load_seed(int number, seed *s)
{
    char buf[65536];
    FILE *f = fopen(seed_path(number), "r");
    if (!f)
        return false;
    s->n = 0;
    while (s->n < MAX_LINES && fgets(buf, sizeof buf, f)) {
        buf[strcspn(buf, "\r\n")] = '\0';
        s->line[++s->n] = strcpy(malloc(strlen(buf) + 1), buf);
    }
    fclose(f);
    return true;
}

static void setup(void)
{
    ck_assert_int_eq(itav_open(&db, "memory:"), ITAV_OK);
    ck_assert_int_eq(itav_catalog_load(db), ITAV_OK);
}

static void teardown(void) { itav_close(db); }

/* The summary table's row names (seed 001, lines 2373-2385) and the catalogue's ids. */
static const struct { const char *row; const char *id; } table_rows[] = {
    {"@Ease", "at-ease"}, {"MIM", "moeders-informeren-moeders"}, {"Ouderkamer", "ouderkamer"},
    {"Duo-coaching", "duo-coaching"}, {"HBBM", "het-begint-bij-mij"},
    {"JP Maatjesproject", "jong-perspectief"}, {"Pinkies", "pinkies"}, {"GIZ", "giz"},
    {"ETP", "eigen-toekomst-plan"}, {"Buurtgezinnen", "buurtgezinnen"},
    {"Ervaringsca", "ervaringscafe"}, {"Homestart", "home-start"},
    {"Pijnacker- Nootdorp", "pijnacker-nootdorp"}};

static const char *id_of_row(const char *cell)
{
    for (size_t i = 0; i < sizeof table_rows / sizeof *table_rows; i++)
        if (strstr(cell, table_rows[i].row))
            return table_rows[i].id;
    return NULL;
}

/* Splits a line at tabs into cells (in place); returns the number of cells. */
static int split_tabs(char *line, char **cells, int max)
{
    int n = 0;
    cells[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            cells[n++] = p + 1;
        }
    return n;
}

START_TEST(summary_table_matches_the_seed)
{
    seed *s = &seeds[1];
    char buf[4096], *cells[16];
    int rows = 0;
    itav_elemset common = ITAV_ELEMSET_ALL;
    /* the header names the eight elements in order */
    strcpy(buf, s->line[2372]);
    ck_assert_int_eq(split_tabs(buf, cells, 16), 9);
    for (int e = 1; e <= 8; e++) {
        itav_element got;
        ck_assert_msg(itav_element_parse(&got, cells[e]) == ITAV_OK, "header \"%s\"", cells[e]);
        ck_assert_int_eq(got, e);
    }
    for (int ln = 2373; ln <= 2385; ln++, rows++) {
        strcpy(buf, s->line[ln]);
        ck_assert_int_eq(split_tabs(buf, cells, 16), 9);
        const char *id = id_of_row(cells[0]);
        ck_assert_msg(id != NULL, "unknown row \"%s\"", cells[0]);
        itav_intervention *iv;
        ck_assert_msg(itav_intervention_get(&iv, db, id) == ITAV_OK, "%s", itav_errmsg(db));
        ck_assert_int_eq(itav_intervention_profile_source(iv), ITAV_PROFILE_TABLE);
        char ref[32];
        snprintf(ref, sizeof ref, "001:L%d", ln);
        for (int e = 1; e <= 8; e++) {
            itav_status want = strchr(cells[e], '+') ? ITAV_STATUS_PRESENT : ITAV_STATUS_ABSENT;
            ck_assert_msg(itav_intervention_element(iv, ITAV_PROFILE_TABLE, (itav_element)e) ==
                              want, "%s element %d", id, e);
            ck_assert_str_eq(itav_intervention_element_source(iv, ITAV_PROFILE_TABLE,
                                                              (itav_element)e), ref);
        }
        common &= itav_intervention_elements(iv, ITAV_PROFILE_TABLE);
        itav_intervention_free(iv);
    }
    ck_assert_int_eq(rows, 13);
    /* seed 001 L2360: all examples share informal support, equality and demand-led */
    ck_assert_uint_eq(common, (1u << 1) | (1u << 3) | (1u << 4));
}
END_TEST

/* The example order of seed 001, as its "Aanwezige elementen" lists come. */
static const char *const example_order[] = {"at-ease", "buurtgezinnen", "duo-coaching",
    "eigen-toekomst-plan", "ervaringscafe", "pijnacker-nootdorp", "giz", "het-begint-bij-mij",
    "home-start", "jong-perspectief", "moeders-informeren-moeders", "ouderkamer", "pinkies"};

START_TEST(section_lists_match_the_seed)
{
    seed *s = &seeds[1];
    int found = 0;
    for (int ln = 1; ln <= s->n; ln++) {
        if (!strstr(s->line[ln], "# Aanwezige elementen"))
            continue;
        ck_assert_int_lt(found, 13);
        itav_elemset listed = 0;
        for (int k = ln + 1; k <= s->n; k++) {
            if (!s->line[k][0] || s->line[k][0] == ' ')
                continue;
            if (strncmp(s->line[k], "- ", 2) != 0)
                break;
            itav_element e;
            ck_assert_msg(itav_element_parse(&e, s->line[k]) == ITAV_OK,
                          "seed 001 L%d: \"%s\" not recognised", k, s->line[k]);
            listed = itav_elemset_add(listed, e);
        }
        itav_intervention *iv;
        const char *id = example_order[found++];
        ck_assert_int_eq(itav_intervention_get(&iv, db, id), ITAV_OK);
        ck_assert_msg(itav_intervention_elements(iv, ITAV_PROFILE_SECTIONS) == listed,
                      "%s: sections 0x%x, seed lists 0x%x", id,
                      itav_intervention_elements(iv, ITAV_PROFILE_SECTIONS), listed);
        ck_assert_uint_eq(itav_intervention_known_elements(iv, ITAV_PROFILE_SECTIONS),
                          ITAV_ELEMSET_ALL);
        itav_intervention_free(iv);
    }
    ck_assert_int_eq(found, 13);
}
END_TEST

START_TEST(disputes_are_where_the_seed_disagrees)
{
    /* computed from the two checks above: only these two examples differ */
    itav_intervention_iter *it;
    itav_intervention *iv;
    char disputed[256] = "";
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        if (itav_intervention_disputed(iv)) {
            char item[96];
            snprintf(item, sizeof item, "%s:%x ", itav_intervention_id(iv),
                     itav_intervention_disputed(iv));
            strcat(disputed, item);
        }
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    /* Eigen Toekomst Plan: elements 1 and 3; Jong Perspectief: element 6 */
    ck_assert_str_eq(disputed, "eigen-toekomst-plan:5 jong-perspectief:20 ");
}
END_TEST

/* Collapses runs of white space to one space, in place. */
static void squeeze(char *s)
{
    char *w = s;
    bool space = false;
    for (char *r = s; *r; r++) {
        if (isspace((unsigned char)*r)) {
            space = true;
            continue;
        }
        if (space && w != s)
            *w++ = ' ';
        space = false;
        *w++ = *r;
    }
    *w = '\0';
}

static bool parse_ref(const char *ref, int *seed_no, int *from, int *to)
{
    int used = 0;
    if (sscanf(ref, "%3d:L%d%n", seed_no, from, &used) != 2)
        return false;
    *to = ref[used] == '-' ? atoi(ref + used + 1) : *from; /* ref may run on into JSON */
    return *seed_no >= 0 && *seed_no <= 4;
}

/* Fails unless text (white space squeezed) stands on the lines ref cites; no text or no ref
 * is nothing to check. */
static void check_quote(const char *ref, const char *text, const char *owner)
{
    int no, from, to;
    if (!ref || !text)
        return;
    ck_assert_msg(parse_ref(ref, &no, &from, &to), "%s: bad ref %s", owner, ref);
    size_t size = 1;
    for (int ln = from; ln <= to; ln++)
        size += strlen(seeds[no].line[ln]) + 1;
    char *joined = calloc(1, size), *want = strcpy(malloc(strlen(text) + 1), text);
    for (int ln = from; ln <= to; ln++) {
        strcat(joined, seeds[no].line[ln]);
        strcat(joined, " ");
    }
    squeeze(joined);
    squeeze(want);
    ck_assert_msg(strstr(joined, want) != NULL, "%s: \"%s\" is not on %s", owner, text, ref);
    free(joined);
    free(want);
}

static void check_figure(const itav_figure *f, const char *owner)
{
    check_quote(itav_figure_get_source(f), itav_figure_get_text(f), owner);
}

START_TEST(figures_quote_the_lines_they_cite)
{
    itav_intervention_iter *it;
    itav_intervention *iv;
    itav_offer_iter *oit;
    itav_offer *of;
    int n = 0;
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        for (size_t i = 0; i < itav_intervention_figure_count(iv, ITAV_FIGURES_REACH); i++, n++)
            check_figure(itav_intervention_figure(iv, ITAV_FIGURES_REACH, i),
                         itav_intervention_id(iv));
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    ck_assert_int_eq(itav_offer_list(&oit, db, NULL, NULL), ITAV_OK);
    while (itav_offer_iter_next(&of, oit) == ITAV_OK) {
        for (int list = ITAV_FIGURES_REACH; list <= ITAV_FIGURES_CAPACITY; list++)
            for (size_t i = 0; i < itav_offer_figure_count(of, (itav_figure_list)list); i++, n++)
                check_figure(itav_offer_figure(of, (itav_figure_list)list, i), itav_offer_id(of));
        itav_offer_free(of);
    }
    itav_offer_iter_free(oit);
    ck_assert_int_gt(n, 50);
}
END_TEST

/* Every cost of an offer or intervention cites its seed, and the wording of its amount stands
 * on the lines it cites (issue 16): eight costs of five offers. The capacity figures are checked with
 * the other figures (figures_quote_the_lines_they_cite). */
static void check_ref(const char *ref, const char *owner);
static int check_costs(const itav_cost *(*get)(const void *, size_t), const void *obj,
                       size_t n, const char *owner)
{
    for (size_t i = 0; i < n; i++) {
        const itav_cost *c = get(obj, i);
        check_ref(itav_cost_get_source(c), owner);
        check_quote(itav_cost_get_source(c), itav_cost_get_text(c), owner);
    }
    return (int)n;
}
static const itav_cost *offer_cost(const void *of, size_t i) { return itav_offer_cost(of, i); }
static const itav_cost *intervention_cost(const void *iv, size_t i)
{
    return itav_intervention_cost(iv, i);
}

START_TEST(costs_quote_the_lines_they_cite)
{
    itav_intervention_iter *it;
    itav_intervention *iv;
    itav_offer_iter *oit;
    itav_offer *of;
    int n = 0;
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        n += check_costs(intervention_cost, iv, itav_intervention_cost_count(iv),
                         itav_intervention_id(iv));
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    ck_assert_int_eq(itav_offer_list(&oit, db, NULL, NULL), ITAV_OK);
    while (itav_offer_iter_next(&of, oit) == ITAV_OK) {
        n += check_costs(offer_cost, of, itav_offer_cost_count(of), itav_offer_id(of));
        itav_offer_free(of);
    }
    itav_offer_iter_free(oit);
    ck_assert_int_eq(n, 8);
    /* Funders stand on their lines too: the Diemen split and the Ervaringscafé's funding */
    ck_assert_int_eq(itav_offer_get(&of, db, "vws-diemen-ouder-en-kindcoaches-diemen"), ITAV_OK);
    check_quote(itav_cost_get_source(itav_offer_cost(of, 0)),
                "ongeveer 80% gemeente en 20% school", "Diemen");
    itav_offer_free(of);
    ck_assert_int_eq(itav_offer_get(&of, db, "ervaringscafe-gouda"), ITAV_OK);
    check_quote(itav_cost_get_source(itav_offer_cost(of, 0)),
                "Stichting Kernkracht geïnvesteerd in de vergoeding voor vrijwilligers", "Gouda");
    check_quote(itav_cost_get_source(itav_offer_cost(of, 1)),
                "dankzij twee verschillende fondsen en subsidies", "Gouda");
    itav_offer_free(of);
    /* the coordinator's hours in Leiden are what the offer works with, and so stand there */
    ck_assert_int_eq(itav_offer_get(&of, db, "buurtgezinnen-leiden"), ITAV_OK);
    ck_assert_uint_eq(itav_offer_figure_count(of, ITAV_FIGURES_CAPACITY), 1);
    check_figure(itav_offer_figure(of, ITAV_FIGURES_CAPACITY, 0), "Leiden");
    check_quote("001:L458", "elke coördinator 10 uur werkzaam", "Leiden");
    itav_offer_free(of);
}
END_TEST

/* The costs without their seeds: what they are, per unit, never added up. */
START_TEST(costs_and_funding)
{
    itav_offer *of;
    const char *name;
    itav_share_kind kind;
    itav_qualifier q;
    double lo, hi;
    ck_assert_int_eq(itav_offer_get(&of, db, "buurtgezinnen-zuid-kennemerland"), ITAV_OK);
    ck_assert_uint_eq(itav_offer_cost_count(of), 1);
    const itav_cost *c = itav_offer_cost(of, 0);
    ck_assert_int_eq(itav_cost_get_qualifier(c), ITAV_QTY_EXACT);
    ck_assert_double_eq(itav_cost_get_min(c), 109490);
    ck_assert_int_eq(itav_cost_get_unit(c), ITAV_COST_TOTAL);
    ck_assert_str_eq(itav_cost_get_currency(c), "EUR");
    ck_assert_int_eq(itav_cost_get_from(c), date_of("2021-01-01"));
    ck_assert_int_eq(itav_cost_get_to(c), date_of("2021-12-31"));
    ck_assert_uint_eq(itav_cost_funder_count(c), 4);
    ck_assert_ptr_nonnull(strstr(itav_cost_get_note(c), "50% early April"));
    itav_offer_free(of);
    ck_assert_int_eq(itav_offer_get(&of, db, "vws-papendrecht-ppd-talents-papendrecht"), ITAV_OK);
    c = itav_offer_cost(of, 0);
    ck_assert_int_eq(itav_cost_get_qualifier(c), ITAV_QTY_RANGE);
    ck_assert_double_eq(itav_cost_get_min(c), 800);
    ck_assert_double_eq(itav_cost_get_max(c), 1000);
    ck_assert_int_eq(itav_cost_get_unit(c), ITAV_COST_PER_YOUNG_PERSON);
    itav_offer_free(of);
    ck_assert_int_eq(itav_offer_get(&of, db, "vws-de-marne-jeugdsoos-de-marne"), ITAV_OK);
    ck_assert_uint_eq(itav_offer_cost_count(of), 3);
    ck_assert_int_eq(itav_cost_get_unit(itav_offer_cost(of, 0)), ITAV_COST_PER_FILM);
    ck_assert_double_eq(itav_cost_get_min(itav_offer_cost(of, 0)), 300);
    ck_assert_int_eq(itav_cost_get_unit(itav_offer_cost(of, 1)), ITAV_COST_PER_CLUB);
    itav_offer_free(of);
    ck_assert_int_eq(itav_offer_get(&of, db, "vws-diemen-ouder-en-kindcoaches-diemen"), ITAV_OK);
    c = itav_offer_cost(of, 0);
    ck_assert_int_eq(itav_cost_get_qualifier(c), 0); /* no amount, only the split */
    ck_assert_int_eq(itav_cost_funder(&name, &kind, &q, &lo, &hi, c, 0), ITAV_OK);
    ck_assert_str_eq(name, "gemeente Diemen");
    ck_assert_int_eq(kind, ITAV_SHARE_PERCENT);
    ck_assert_int_eq(q, ITAV_QTY_ABOUT);
    ck_assert_double_eq(lo, 80);
    ck_assert_int_eq(itav_cost_funder(&name, &kind, &q, &lo, &hi, c, 1), ITAV_OK);
    ck_assert_double_eq(lo, 20);
    itav_offer_free(of);
    /* the coordinator's hours are capacity, no longer a target */
    ck_assert_int_eq(itav_offer_get(&of, db, "buurtgezinnen-leiden"), ITAV_OK);
    ck_assert_uint_eq(itav_offer_figure_count(of, ITAV_FIGURES_TARGETS), 1);
    ck_assert_str_eq(itav_figure_get_what(itav_offer_figure(of, ITAV_FIGURES_TARGETS, 0)),
                     "families");
    ck_assert_str_eq(itav_figure_get_what(itav_offer_figure(of, ITAV_FIGURES_CAPACITY, 0)),
                     "coordinator hours per week");
    itav_offer_free(of);
}
END_TEST

/* Fails unless ref is a reference inside its seed. */
static void check_ref(const char *ref, const char *owner)
{
    int no, from, to;
    ck_assert_msg(ref && parse_ref(ref, &no, &from, &to), "%s: bad ref %s", owner,
                  ref ? ref : "(none)");
    ck_assert_msg(from >= 1 && to >= from && to <= seeds[no].n, "%s: %s is outside seed %03d",
                  owner, ref, no);
}

/* Every indicator, target and measurement cites its seed, and its wording stands there. */
START_TEST(indicators_quote_the_lines_they_cite)
{
    itav_indicator_iter *it;
    itav_indicator *ind;
    int quotes = 0;
    ck_assert_int_eq(itav_indicator_list(&it, db, NULL), ITAV_OK);
    while (itav_indicator_iter_next(&ind, it) == ITAV_OK) {
        const char *id = itav_indicator_id(ind);
        check_ref(itav_indicator_source(ind), id);
        for (size_t i = 0; i < itav_indicator_target_count(ind); i++, quotes++) {
            check_ref(itav_indicator_target_source(ind, i), id);
            check_quote(itav_indicator_target_source(ind, i), itav_indicator_target_text(ind, i),
                        id);
        }
        for (size_t i = 0; i < itav_indicator_measurement_count(ind); i++, quotes++) {
            check_ref(itav_indicator_measurement_source(ind, i), id);
            check_quote(itav_indicator_measurement_source(ind, i),
                        itav_indicator_measurement_text(ind, i), id);
        }
        if (itav_indicator_baseline(ind, NULL, NULL, NULL, NULL) == ITAV_OK)
            check_quote(itav_indicator_baseline_source(ind), itav_indicator_baseline_text(ind), id);
        itav_indicator_free(ind);
    }
    itav_indicator_iter_free(it);
    ck_assert_int_eq(quotes, 8);   /* seven targets and the 2020 visitor measurement */
}
END_TEST

/* The indicators without their seeds: how many, each with a source, targets and wordings. */
START_TEST(indicators_have_sources_and_targets)
{
    itav_indicator_iter *it;
    itav_indicator *ind;
    int n = 0, quotes = 0, derived = 0, no, from, to;
    ck_assert_int_eq(itav_indicator_list(&it, db, NULL), ITAV_OK);
    while (itav_indicator_iter_next(&ind, it) == ITAV_OK) {
        const char *id = itav_indicator_id(ind), *ref = itav_indicator_source(ind);
        ck_assert_msg(ref && parse_ref(ref, &no, &from, &to), "%s: bad ref %s", id,
                      ref ? ref : "(none)");
        ck_assert_msg(itav_indicator_target_count(ind) > 0, "%s has no target", id);
        for (size_t i = 0; i < itav_indicator_target_count(ind); i++, quotes++) {
            ck_assert_ptr_nonnull(itav_indicator_target_source(ind, i));
            ck_assert_ptr_nonnull(itav_indicator_target_text(ind, i));
        }
        for (size_t i = 0; i < itav_indicator_measurement_count(ind); i++, quotes++) {
            ck_assert_ptr_nonnull(itav_indicator_measurement_source(ind, i));
            ck_assert_ptr_nonnull(itav_indicator_measurement_text(ind, i));
        }
        derived += itav_indicator_derived(ind) == ITAV_DERIVED_MATCHES_STARTED &&
                   itav_indicator_municipality(ind) != NULL;
        n++;
        itav_indicator_free(ind);
    }
    itav_indicator_iter_free(it);
    ck_assert_int_eq(n, 7);        /* ITAV's three targets, the visitor mix, three couplings */
    ck_assert_int_eq(quotes, 8);   /* seven targets and the 2020 visitor measurement */
    ck_assert_int_eq(derived, 3);  /* Haarlem, Zandvoort, Bloemendaal with Heemstede */
    ck_assert_int_eq(itav_indicator_list(&it, db, "itav-hoeksche-waard-2020"), ITAV_OK);
    for (n = 0; itav_indicator_iter_next(&ind, it) == ITAV_OK; n++)
        itav_indicator_free(ind);
    itav_indicator_iter_free(it);
    ck_assert_int_eq(n, 3);
}
END_TEST

START_TEST(every_reference_is_inside_its_seed)
{
    const char *p = itav_catalog_json();
    int n = 0;
    while ((p = strstr(p, ":L")) != NULL) {
        int no, from, to;
        if (p - 3 < itav_catalog_json() || p[-4] != '"' || !parse_ref(p - 3, &no, &from, &to)) {
            p += 2;
            continue;
        }
        ck_assert_msg(from >= 1 && to >= from && to <= seeds[no].n, "%.16s is outside seed %03d",
                      p - 3, no);
        n++;
        p += 2;
    }
    ck_assert_int_gt(n, 500);
}
END_TEST

START_TEST(buurtgezinnen_runs_in_three_places)
{
    itav_offer_iter *it;
    itav_offer *of;
    char places[512] = "";
    ck_assert_int_eq(itav_offer_list(&it, db, "buurtgezinnen", NULL), ITAV_OK);
    while (itav_offer_iter_next(&of, it) == ITAV_OK) {
        strcat(places, itav_offer_id(of));
        strcat(places, ":");
        for (size_t i = 0; i < itav_offer_text_count(of, ITAV_TEXT_MUNICIPALITIES); i++) {
            strcat(places, " ");
            strcat(places, itav_offer_text(of, ITAV_TEXT_MUNICIPALITIES, i));
        }
        strcat(places, ";");
        itav_offer_free(of);
    }
    itav_offer_iter_free(it);
    ck_assert_ptr_nonnull(strstr(places, "buurtgezinnen-leiden: Leiden;"));
    ck_assert_ptr_nonnull(strstr(places, "buurtgezinnen-hoeksche-waard:"));
    ck_assert_ptr_nonnull(strstr(places, "buurtgezinnen-zuid-kennemerland:"));
    static const char *const zk[] = {"Haarlem", "Zandvoort", "Bloemendaal", "Heemstede"};
    for (size_t i = 0; i < 4; i++) {
        itav_intervention_filter f = ITAV_INTERVENTION_FILTER_INIT;
        itav_intervention_iter *iit;
        itav_intervention *iv;
        bool hit = false;
        f.municipality = zk[i];
        ck_assert_int_eq(itav_intervention_list(&iit, db, &f), ITAV_OK);
        while (itav_intervention_iter_next(&iv, iit) == ITAV_OK) {
            hit |= strcmp(itav_intervention_id(iv), "buurtgezinnen") == 0;
            itav_intervention_free(iv);
        }
        itav_intervention_iter_free(iit);
        ck_assert_msg(hit, "Buurtgezinnen not found in %s", zk[i]);
    }
}
END_TEST

START_TEST(counts_per_seed)
{
    itav_intervention_iter *it;
    itav_intervention *iv;
    int table = 0, vws = 0, itav_hw = 0, utrecht = 0, total = 0;
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        const char *id = itav_intervention_id(iv);
        table += itav_intervention_profile_source(iv) == ITAV_PROFILE_TABLE;
        vws += strncmp(id, "vws-", 4) == 0;
        itav_hw += strncmp(id, "itav-hw-", 8) == 0;
        utrecht += strncmp(id, "utrecht-", 8) == 0;
        ck_assert_ptr_nonnull(itav_intervention_name(iv));
        total++;
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    ck_assert_int_eq(table, 13);  /* seed 001: thirteen examples */
    ck_assert_int_eq(vws, 15);    /* seed 004: fifteen practice stories */
    ck_assert_int_eq(itav_hw, 8); /* seed 000: nine efforts, the sixth is Buurtgezinnen */
    ck_assert_int_gt(utrecht, 10);
    ck_assert_int_eq(total, 13 + 15 + 1 + 8 + utrecht);
}
END_TEST

/* The interventions a question lists (ids, in order, each followed by a space). */
static void recommended(char *buf, size_t size, itav_asker asker, int32_t age)
{
    itav_question q = ITAV_QUESTION_INIT;
    itav_recommendation_iter *it;
    itav_recommendation *r;
    q.asker = asker;
    q.age_months = age;
    buf[0] = '\0';
    ck_assert_int_eq(itav_recommend(&it, db, &q), ITAV_OK);
    while (itav_recommendation_iter_next(&r, it) == ITAV_OK) {
        ck_assert_int_lt(strlen(buf) + strlen(itav_recommendation_intervention(r)) + 2, size);
        strcat(buf, itav_recommendation_intervention(r));
        strcat(buf, " ");
        itav_recommendation_free(r);
    }
    itav_recommendation_iter_free(it);
}

/* docs/format.md, "Ages": a range in years starts on a birthday and ends the day before one,
 * so a child of exactly Y years and one of Y and a half fit the same interventions. */
START_TEST(ages_follow_one_rule)
{
    static char a[16384], b[16384];
    static const itav_asker askers[] = {ITAV_ASKER_PARENT, ITAV_ASKER_YOUTH};
    for (size_t k = 0; k < 2; k++) {
        recommended(a, sizeof a, askers[k], 72);
        recommended(b, sizeof b, askers[k], 78);
        ck_assert_str_eq(a, b); /* 6 and 6 and a half */
        ck_assert_ptr_nonnull(strstr(a, "utrecht-stoere-schildpadden "));  /* "4-6 jaar" */
        ck_assert_ptr_nonnull(strstr(a, "utrecht-dappere-dinos "));        /* "6-8 jaar" */
        for (int32_t y = 0; y <= 30; y++) {
            recommended(a, sizeof a, askers[k], 12 * y);
            recommended(b, sizeof b, askers[k], 12 * y + 6);
            ck_assert_msg(strcmp(a, b) == 0, "%d years and %d and a half differ:\n%s\n%s", y,
                          y, a, b);
        }
    }
    /* "tot 18 jaar": up to the 18th birthday, the same in every place that says it */
    static const char *const under18[] = {"duo-coaching",
                                          "itav-hw-digitaal-platform-professionals"};
    for (size_t i = 0; i < 2; i++) {
        itav_intervention *iv;
        int32_t lo, hi;
        ck_assert_int_eq(itav_intervention_get(&iv, db, under18[i]), ITAV_OK);
        ck_assert_int_eq(itav_intervention_age_range(&lo, &hi, iv), ITAV_OK);
        ck_assert_int_eq(hi, 18 * 12 - 1);
        itav_intervention_free(iv);
    }
    /* a stated range in years ends on the last month of a year (12k - 1) */
    itav_intervention_iter *it;
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        int32_t lo, hi;
        const char *id = itav_intervention_id(iv);
        ck_assert_int_eq(itav_intervention_age_range(&lo, &hi, iv), ITAV_OK);
        /* stated in months: "0-18 maanden" (MIM), "acht tot elf maanden" (Hoera) */
        bool months = strcmp(id, "moeders-informeren-moeders") == 0 ||
                      strcmp(id, "utrecht-hoera-8-maanden") == 0;
        if (hi != ITAV_AGE_NONE && !months)
            ck_assert_msg((hi + 1) % 12 == 0, "%s: the range ends at %d months", id, hi);
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
}
END_TEST

/* The figure of owner (an intervention, or an offer when offer is true) whose wording is
 * text; fails if there is none. */
static void expect_figure(const char *owner, bool offer, const char *text, itav_qualifier q,
                          double min, double max)
{
    itav_intervention *iv = NULL;
    itav_offer *of = NULL;
    size_t n;
    if (offer) {
        ck_assert_int_eq(itav_offer_get(&of, db, owner), ITAV_OK);
        n = itav_offer_figure_count(of, ITAV_FIGURES_REACH);
    } else {
        ck_assert_int_eq(itav_intervention_get(&iv, db, owner), ITAV_OK);
        n = itav_intervention_figure_count(iv, ITAV_FIGURES_REACH);
    }
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) {
        const itav_figure *f = offer ? itav_offer_figure(of, ITAV_FIGURES_REACH, i)
                                     : itav_intervention_figure(iv, ITAV_FIGURES_REACH, i);
        if (!itav_figure_get_text(f) || strcmp(itav_figure_get_text(f), text) != 0)
            continue;
        found = true;
        ck_assert_msg(itav_figure_get_qualifier(f) == q, "%s: \"%s\" is qualifier %d", owner,
                      text, itav_figure_get_qualifier(f));
        if (q != ITAV_QTY_TEXT)
            ck_assert(itav_figure_get_min(f) == min && itav_figure_get_max(f) == max);
    }
    ck_assert_msg(found, "%s has no figure \"%s\"", owner, text);
    itav_intervention_free(iv);
    itav_offer_free(of);
}

/* "Ongeveer" and "zo'n" are kept on a range; a vague share of thirty is words. */
START_TEST(figures_keep_their_qualifiers)
{
    expect_figure("pinkies", false, "ongeveer 5 à 10 gezinnen", ITAV_QTY_ABOUT_RANGE, 5, 10);
    expect_figure("vws-tilburg-innovatienetwerk-jeugd-hart-van-brabant", true,
                  "zo'n 100 tot 150 mensen", ITAV_QTY_ABOUT_RANGE, 100, 150);
    expect_figure("ouderkamer", false, "een groot deel van de dertig scholen", ITAV_QTY_TEXT, 0,
                  0);
}
END_TEST

/* One target, one encoding: an offer's target figure and the indicator target that cites the
 * same line for the same place say the same thing (issue 16: ITAV's "10% positiever" was an
 * absolute 10 on the offer and a relative +10% on the indicator). */
START_TEST(offer_targets_and_indicators_agree)
{
    itav_indicator_iter *it;
    itav_indicator *ind;
    int pairs = 0, relative_pairs = 0;
    ck_assert_int_eq(itav_indicator_list(&it, db, NULL), ITAV_OK);
    while (itav_indicator_iter_next(&ind, it) == ITAV_OK) {
        const char *id = itav_indicator_id(ind);
        char where[256] = "";
        for (size_t k = 0; k < itav_indicator_municipality_count(ind); k++) {
            if (k)
                strcat(where, " and ");
            strcat(where, itav_indicator_municipality_at(ind, k));
        }
        itav_offer *of;
        ck_assert_int_eq(itav_offer_get(&of, db, itav_indicator_offer(ind)), ITAV_OK);
        for (size_t i = 0; i < itav_indicator_target_count(ind); i++) {
            itav_comparator cmp;
            double value, high;
            int relative;
            int32_t deadline;
            const char *src = itav_indicator_target_source(ind, i);
            ck_assert_int_eq(itav_indicator_target(ind, i, &cmp, &value, &high, &relative,
                                                   &deadline), ITAV_OK);
            int found = 0;
            for (size_t j = 0; j < itav_offer_figure_count(of, ITAV_FIGURES_TARGETS); j++) {
                const itav_figure *f = itav_offer_figure(of, ITAV_FIGURES_TARGETS, j);
                const char *fw = itav_figure_get_where(f) ? itav_figure_get_where(f) : "";
                if (!itav_figure_get_source(f) || strcmp(itav_figure_get_source(f), src) != 0 ||
                    strcmp(fw, where) != 0)
                    continue;
                found++;
                itav_qualifier q = itav_figure_get_qualifier(f);
                itav_comparator want = q == ITAV_QTY_EXACT      ? ITAV_CMP_EQUAL
                                       : q == ITAV_QTY_AT_LEAST ? ITAV_CMP_AT_LEAST
                                       : q == ITAV_QTY_AT_MOST  ? ITAV_CMP_AT_MOST
                                       : q == ITAV_QTY_RANGE    ? ITAV_CMP_BETWEEN
                                                                : (itav_comparator)0;
                ck_assert_msg(cmp == want && value == itav_figure_get_min(f),
                              "%s and offer %s disagree on %s", id, itav_indicator_offer(ind),
                              src);
                bool says_relative = strstr(itav_figure_get_what(f), "percent of the baseline");
                ck_assert_msg(says_relative == (relative != 0),
                              "%s is %s but the offer's target \"%s\" is not", id,
                              relative ? "relative" : "absolute", itav_figure_get_what(f));
                relative_pairs += relative != 0;
            }
            ck_assert_msg(found > 0, "%s: the offer %s has no target for %s%s%s", id,
                          itav_indicator_offer(ind), src, *where ? " in " : "", where);
            pairs += found;
        }
        itav_offer_free(of);
        itav_indicator_free(ind);
    }
    itav_indicator_iter_free(it);
    ck_assert_int_eq(pairs, 8); /* the visitor target has two figures: new and returning */
    ck_assert_int_eq(relative_pairs, 1); /* "Dat ouders (10%) positiever staan" */
}
END_TEST

/* The working factors (seed 004, lines 411-467): each Dutch label stands on the line the
 * factor cites, and every practice story credited with a factor is named on the line its
 * link cites, or that line says "Alle gemeenten" and every story has the factor. */
START_TEST(factors_quote_the_lines_they_cite)
{
    for (int f = 1; f <= ITAV_FACTOR_COUNT; f++)
        check_quote(itav_factor_source((itav_factor)f),
                    itav_factor_label((itav_factor)f, ITAV_LANG_NL), "factor");
    itav_intervention_iter *it;
    itav_intervention *iv;
    int links = 0, practices = 0, shown[ITAV_FACTOR_COUNT + 1] = {0};
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        const char *id = itav_intervention_id(iv);
        itav_factorset set = itav_intervention_factors(iv);
        practices += strncmp(id, "vws-", 4) == 0;
        ck_assert_msg(!set || strncmp(id, "vws-", 4) == 0, "%s is no VWS practice", id);
        for (int f = 1; f <= ITAV_FACTOR_COUNT; f++) {
            if (!itav_factorset_has(set, (itav_factor)f))
                continue;
            const char *ref = itav_intervention_factor_source(iv, (itav_factor)f);
            int no, from, to;
            ck_assert_msg(ref && parse_ref(ref, &no, &from, &to), "%s: factor %d without a "
                          "source", id, f);
            char factor_line[24];
            snprintf(factor_line, sizeof factor_line, "004:L%d", from - 2);
            ck_assert_msg(no == 4 && from == to &&
                          strcmp(factor_line, itav_factor_source((itav_factor)f)) == 0,
                          "%s: %s is not the line under factor %d", id, ref, f);
            const char *line = seeds[4].line[from];
            bool named = false; /* one of its municipalities (Tilburg's region has several) */
            for (size_t m = 0; m < itav_intervention_text_count(iv, ITAV_TEXT_MUNICIPALITIES);
                 m++)
                named |= strstr(line, itav_intervention_text(iv, ITAV_TEXT_MUNICIPALITIES, m))
                         != NULL;
            if (itav_factor_credited_to_all((itav_factor)f))
                ck_assert_str_eq(line, "Alle gemeenten");
            else
                ck_assert_msg(named, "%s is not on %s: %s", id, ref, line);
            shown[f]++;
            links++;
        }
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    /* the credited lists, counted from the seed: every name there has its practice */
    for (int f = 1; f <= ITAV_FACTOR_COUNT; f++) {
        int no, from, to, names = 1;
        ck_assert(parse_ref(itav_factor_source((itav_factor)f), &no, &from, &to));
        const char *line = seeds[4].line[from + 2];
        for (const char *c = line; *c; c++)
            names += *c == ',';
        if (strcmp(line, "Alle gemeenten") == 0)
            names = practices;
        ck_assert_msg(shown[f] == names, "factor %d: %d practices, the seed names %d", f,
                      shown[f], names);
    }
    ck_assert_int_eq(practices, 15);
    ck_assert_int_eq(links, 87);
}
END_TEST

/* Which practices show a factor (the intervention filter), and a portfolio's factor
 * coverage. */
START_TEST(practices_by_factor)
{
    itav_intervention_filter f = ITAV_INTERVENTION_FILTER_INIT;
    itav_intervention_iter *it;
    itav_intervention *iv;
    char got[512] = "";
    f.factors = (itav_factorset)1 << (ITAV_FACTOR_YOUTH_WORLD - 1);
    ck_assert_int_eq(itav_intervention_list(&it, db, &f), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        strcat(got, itav_intervention_id(iv));
        strcat(got, " ");
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    /* "Papendrecht, De Marne, Zwolle" (004:L431), listed by name */
    ck_assert_str_eq(got, "vws-de-marne-jeugdsoos vws-papendrecht-ppd-talents "
                          "vws-zwolle-think-op-school ");
    /* two factors at once: both must be shown (Zwolle and Eindhoven have both) */
    f.factors |= (itav_factorset)1 << (ITAV_FACTOR_OPPORTUNITIES - 1);
    int n = 0;
    ck_assert_int_eq(itav_intervention_list(&it, db, &f), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        n++;
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    ck_assert_int_eq(n, 2); /* Papendrecht and Zwolle (004:L431, L439) */
    f.factors = 1u << ITAV_FACTOR_COUNT;
    ck_assert_int_eq(itav_intervention_list(&it, db, &f), ITAV_EINVAL);
    /* a filter of version 1 (libitav 0.3) ends before factors: everything */
    struct {
        itav_intervention_filter f;
    } old = {ITAV_INTERVENTION_FILTER_INIT};
    old.f.version = 1;
    old.f.factors = 0xdead; /* not read: a version 1 struct has no such member */
    ck_assert_int_eq(itav_intervention_list(&it, db, &old.f), ITAV_OK);
    itav_intervention_iter_free(it);

    /* factor coverage of the fifteen practice stories */
    const char *ids[15];
    size_t k = 0;
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        if (strncmp(itav_intervention_id(iv), "vws-", 4) == 0 && k < 15)
            ids[k++] = strdup(itav_intervention_id(iv));
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    ck_assert_uint_eq(k, 15);
    itav_portfolio_filter pf = ITAV_PORTFOLIO_FILTER_INIT;
    itav_portfolio *p;
    pf.ids = ids;
    pf.id_count = k;
    ck_assert_int_eq(itav_portfolio_build(&p, db, &pf), ITAV_OK);
    static const size_t want[ITAV_FACTOR_COUNT + 1] = {0, 15, 3, 4, 4, 3, 2, 4, 4, 15, 15, 4,
                                                       6, 4, 4};
    for (int fc = 1; fc <= ITAV_FACTOR_COUNT; fc++)
        ck_assert_msg(itav_portfolio_factor_count(p, (itav_factor)fc) == want[fc],
                      "factor %d: %zu", fc, itav_portfolio_factor_count(p, (itav_factor)fc));
    ck_assert_uint_eq(itav_portfolio_factor_count(p, (itav_factor)0), 0);
    ck_assert_uint_eq(itav_portfolio_factor_count(NULL, ITAV_FACTOR_LONG_TERM), 0);
    itav_portfolio_free(p);
    for (size_t i = 0; i < k; i++)
        free((char *)ids[i]);
}
END_TEST

/* Periods and dates the seeds give (issue 16): figures keep a period where the seed states one;
 * @ease Leiden opened in May 2022, the ITAV programme runs 2019-2022. */
START_TEST(periods_and_dates)
{
    itav_offer_iter *oit;
    itav_offer *of;
    itav_intervention_iter *iit;
    itav_intervention *iv;
    int with = 0, without = 0;
    ck_assert_int_eq(itav_offer_list(&oit, db, NULL, NULL), ITAV_OK);
    while (itav_offer_iter_next(&of, oit) == ITAV_OK) {
        for (int l = ITAV_FIGURES_REACH; l <= ITAV_FIGURES_CAPACITY; l++)
            for (size_t i = 0; i < itav_offer_figure_count(of, (itav_figure_list)l); i++) {
                bool p = itav_figure_get_period(itav_offer_figure(of, (itav_figure_list)l, i));
                with += p;
                without += !p;
            }
        itav_offer_free(of);
    }
    itav_offer_iter_free(oit);
    ck_assert_int_eq(itav_intervention_list(&iit, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, iit) == ITAV_OK) {
        for (size_t i = 0; i < itav_intervention_figure_count(iv, ITAV_FIGURES_REACH); i++) {
            bool p = itav_figure_get_period(itav_intervention_figure(iv, ITAV_FIGURES_REACH, i));
            with += p;
            without += !p;
        }
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(iit);
    ck_assert_int_eq(with + without, 101); /* 99 and two targets of seed 002 */
    ck_assert_int_eq(without, 21);         /* 46 before; the seeds give no period for these */
    ck_assert_int_eq(itav_offer_get(&of, db, "at-ease-leiden"), ITAV_OK);
    ck_assert_int_eq(itav_offer_start(of), date_of("2022-05-01"));
    ck_assert_str_eq(itav_offer_source(of, "start"), "001:L199");
    itav_offer_free(of);
    ck_assert_int_eq(itav_offer_get(&of, db, "itav-hoeksche-waard-2020"), ITAV_OK);
    ck_assert_int_eq(itav_offer_start(of), date_of("2019-01-01"));
    ck_assert_int_eq(itav_offer_end(of), date_of("2022-12-31"));
    itav_offer_free(of);
}
END_TEST

/* ---- access sheets (itav/access.h) ---- */

/* Words of the seed that name each kind of referral, recruitment and condition ("|" between
 * alternatives): an entry's cited lines must hold one, so a code says what its line says. */
static const struct { int list; const char *code, *words; } access_words[] = {
    {ITAV_ACCESS_REFERRAL, "self", "zelf|door het gezin"}, {ITAV_ACCESS_REFERRAL, "school", "school|scholen"},
    {ITAV_ACCESS_REFERRAL, "school_social_work", "schoolmaatschappelijk"},
    {ITAV_ACCESS_REFERRAL, "childcare", "kinderopvang"},
    {ITAV_ACCESS_REFERRAL, "wijkteam", "wijkteam"},
    {ITAV_ACCESS_REFERRAL, "family_coach", "gezinscoach"},
    {ITAV_ACCESS_REFERRAL, "social_work", "maatschappelijk werk"},
    {ITAV_ACCESS_REFERRAL, "welfare", "welzijn"}, {ITAV_ACCESS_REFERRAL, "gp", "huisarts"},
    {ITAV_ACCESS_REFERRAL, "child_health", "consultatiebureau|jeugdgezondheidszorg"},
    {ITAV_ACCESS_REFERRAL, "youth_care", "jeugdzorg|jeugdhulp"},
    {ITAV_ACCESS_REFERRAL, "network", "mond"}, {ITAV_ACCESS_REFERRAL, "outreach", "poster"},
    {ITAV_ACCESS_REFERRAL, "other", "gezinsbegeleider"},
    {ITAV_ACCESS_RECRUITMENT, "school", "scholen"},
    {ITAV_ACCESS_RECRUITMENT, "volunteer_centre", "vrijwilligerscentrale"},
    {ITAV_ACCESS_RECRUITMENT, "health_centre", "gezondheidscentra"},
    {ITAV_ACCESS_RECRUITMENT, "sports_club", "sportvereniging"},
    {ITAV_ACCESS_RECRUITMENT, "church", "kerken"},
    {ITAV_ACCESS_RECRUITMENT, "community_centre", "buurthuizen"},
    {ITAV_ACCESS_RECRUITMENT, "social_media", "facebook"},
    {ITAV_ACCESS_RECRUITMENT, "business", "bedrijf"},
    {ITAV_ACCESS_CONDITIONS, "overburdened", "overbelast"},
    {ITAV_ACCESS_CONDITIONS, "manageable_problems", "te zwaar"},
    {ITAV_ACCESS_CONDITIONS, "small_network", "netwerk"},
    {ITAV_ACCESS_CONDITIONS, "motivated", "gemotiveerd"},
    {ITAV_ACCESS_CONDITIONS, "child_age", "jaar"},
    {ITAV_ACCESS_CONDITIONS, "safe_base", "veiligheid"}};

/* The cited lines, joined and in lower case (ASCII letters). */
static char *cited_lower(const char *ref, const char *owner, int *no, int *from, int *to)
{
    check_ref(ref, owner);
    parse_ref(ref, no, from, to);
    size_t size = 1;
    for (int ln = *from; ln <= *to; ln++)
        size += strlen(seeds[*no].line[ln]) + 1;
    char *joined = calloc(1, size);
    for (int ln = *from; ln <= *to; ln++) {
        strcat(joined, seeds[*no].line[ln]);
        strcat(joined, " ");
    }
    for (char *p = joined; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return joined;
}

static bool holds_one_of(const char *text, const char *words)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", words);
    for (char *w = strtok(buf, "|"); w; w = strtok(NULL, "|"))
        if (strstr(text, w))
            return true;
    return false;
}

/* The nearest line above ln that is neither empty nor a bullet: the heading or the sentence
 * that introduces a list. */
static const char *lead_in(int no, int ln)
{
    while (--ln >= 1) {
        const char *l = seeds[no].line[ln];
        if (*l && strncmp(l, "- ", 2) != 0 && strncmp(l, "*", 1) != 0 && strncmp(l, "(", 1) != 0 &&
            strncmp(l, "gefinancierd", 12) != 0)
            return l;
    }
    return "";
}

static int check_access(const itav_access *a, const char *owner)
{
    int n = 0;
    if (!a)
        return 0;
    for (int l = 1; l <= ITAV_ACCESS_LIST_COUNT; l++)
        for (size_t i = 0; i < itav_access_count(a, (itav_access_list)l); i++, n++) {
            const char *code, *text, *ref;
            unsigned flags;
            int no, from, to;
            ck_assert_int_eq(itav_access_at(&code, &text, &ref, &flags, a, (itav_access_list)l, i),
                             ITAV_OK);
            ck_assert_msg(ref, "%s: %s %s has no source", owner,
                          itav_access_list_code((itav_access_list)l), code);
            char *lines = cited_lower(ref, owner, &no, &from, &to);
            bool known = false;
            for (size_t k = 0; k < sizeof access_words / sizeof *access_words; k++)
                if (access_words[k].list == l && strcmp(access_words[k].code, code) == 0) {
                    known = true;
                    ck_assert_msg(holds_one_of(lines, access_words[k].words),
                                  "%s: %s %s, but %s does not say \"%s\"", owner,
                                  itav_access_list_code((itav_access_list)l), code, ref,
                                  access_words[k].words);
                }
            ck_assert_msg(known || l == ITAV_ACCESS_TASKS || l == ITAV_ACCESS_NEEDS,
                          "%s: no seed words for %s %s", owner,
                          itav_access_list_code((itav_access_list)l), code);
            if (flags & ITAV_ACCESS_EFFECTIVE)
                ck_assert_msg(strstr(lines, "effectief"), "%s: %s is not said to work (%s)",
                              owner, code, ref);
            /* a need stands in a "Wat is er nodig?" section; a task is a bullet of a list that
             * says what the coordinator does */
            if (l == ITAV_ACCESS_NEEDS || l == ITAV_ACCESS_TASKS) {
                const char *head = lead_in(no, from);
                if (l == ITAV_ACCESS_NEEDS)
                    ck_assert_msg(strstr(head, "Wat is er nodig?") || strstr(head, "nodig:"),
                                  "%s: need %s (%s) is not under \"Wat is er nodig?\" but \"%s\"",
                                  owner, code, ref, head);
                else
                    ck_assert_msg(strstr(head, "coördinator") && head[strlen(head) - 1] == ':',
                                  "%s: task %s (%s) is not a coordinator's task: \"%s\"", owner,
                                  code, ref, head);
            }
            free(lines);
        }
    int32_t lo, hi;
    if (itav_access_ages(&lo, &hi, a) == ITAV_OK && lo != ITAV_AGE_NONE) {
        int no, from, to;
        char *lines = cited_lower(itav_access_ages_source(a), owner, &no, &from, &to);
        char words[64];
        /* "tussen de X en Y jaar": the rule for ages gives 12 X .. 12 Y + 11 */
        snprintf(words, sizeof words, "%d en %d jaar", lo / 12, (hi - 11) / 12);
        ck_assert_msg(lo % 12 == 0 && hi % 12 == 11 && strstr(lines, words),
                      "%s: ages %d..%d do not follow \"%s\" on %s", owner, lo, hi, lines,
                      itav_access_ages_source(a));
        free(lines);
    }
    return n;
}

/* Every entry of every access sheet cites lines of its seed that say what its code says. */
START_TEST(access_entries_fit_the_lines_they_cite)
{
    itav_intervention_iter *it;
    itav_intervention *iv;
    itav_offer_iter *oit;
    itav_offer *of;
    int n = 0;
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        n += check_access(itav_intervention_access(iv), itav_intervention_id(iv));
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    ck_assert_int_eq(itav_offer_list(&oit, db, NULL, NULL), ITAV_OK);
    while (itav_offer_iter_next(&of, oit) == ITAV_OK) {
        n += check_access(itav_offer_access(of), itav_offer_id(of));
        itav_offer_free(of);
    }
    itav_offer_iter_free(oit);
    ck_assert_int_eq(n, 89); /* the entries of data/catalog.json */
}
END_TEST

/* Buurtgezinnen Zuid-Kennemerland's sheet as seed 002 gives it (L32-69). */
START_TEST(zuid_kennemerland_access)
{
    itav_offer *of;
    int32_t lo, hi;
    ck_assert_int_eq(itav_offer_get(&of, db, "buurtgezinnen-zuid-kennemerland"), ITAV_OK);
    const itav_access *a = itav_offer_access(of);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(itav_access_ages(&lo, &hi, a), ITAV_OK);
    ck_assert_int_eq(lo, 0);
    ck_assert_int_eq(hi, 287); /* "tussen de 0 en 23 jaar": to the end of the 23rd year */
    ck_assert_str_eq(itav_access_ages_source(a), "002:L59");
    ck_assert_uint_eq(itav_access_count(a, ITAV_ACCESS_CONDITIONS), 5);
    ck_assert_uint_eq(itav_access_count(a, ITAV_ACCESS_REFERRAL), 7);
    ck_assert_uint_eq(itav_access_count(a, ITAV_ACCESS_RECRUITMENT), 7);
    ck_assert_uint_eq(itav_access_count(a, ITAV_ACCESS_TASKS), 10);
    ck_assert_int_eq(itav_access_has(a, ITAV_ACCESS_REFERRAL, "self"), 1);
    ck_assert_int_eq(itav_access_has(a, ITAV_ACCESS_REFERRAL, "gp"), 1);
    ck_assert_int_eq(itav_access_has(a, ITAV_ACCESS_REFERRAL, "youth_care"), 0);
    /* what worked: Facebook, and only Facebook */
    int effective = 0;
    for (size_t i = 0; i < itav_access_count(a, ITAV_ACCESS_RECRUITMENT); i++) {
        const char *code;
        unsigned flags;
        itav_access_at(&code, NULL, NULL, &flags, a, ITAV_ACCESS_RECRUITMENT, i);
        if (flags & ITAV_ACCESS_EFFECTIVE) {
            ck_assert_str_eq(code, "social_media");
            effective++;
        }
    }
    ck_assert_int_eq(effective, 1);
    itav_offer_free(of);
    /* the "Wat is er nodig?" sections of seed 001: eleven of its examples have needs */
    itav_intervention_iter *it;
    itav_intervention *iv;
    int with_needs = 0;
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        with_needs += itav_access_count(itav_intervention_access(iv), ITAV_ACCESS_NEEDS) > 0;
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    ck_assert_int_eq(with_needs, 11);
}
END_TEST

/* Outcomes and milestones (issue 16): every outcome's wording stands on the lines it cites,
 * and so does every milestone's; each has a source inside its seed. */
START_TEST(outcomes_and_milestones_quote_the_lines_they_cite)
{
    itav_intervention_iter *it;
    itav_intervention *iv;
    itav_offer_iter *oit;
    itav_offer *of;
    int outcomes = 0, milestones = 0;
    ck_assert_int_eq(itav_intervention_list(&it, db, NULL), ITAV_OK);
    while (itav_intervention_iter_next(&iv, it) == ITAV_OK) {
        for (size_t i = 0; i < itav_intervention_outcome_count(iv); i++, outcomes++) {
            const itav_figure *f = itav_outcome_get_figure(itav_intervention_outcome(iv, i));
            check_ref(itav_figure_get_source(f), itav_intervention_id(iv));
            ck_assert_ptr_nonnull(itav_figure_get_text(f));
            check_figure(f, itav_intervention_id(iv));
        }
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    ck_assert_int_eq(itav_offer_list(&oit, db, NULL, NULL), ITAV_OK);
    while (itav_offer_iter_next(&of, oit) == ITAV_OK) {
        for (size_t i = 0; i < itav_offer_milestone_count(of); i++, milestones++) {
            const itav_milestone *m = itav_offer_milestone(of, i);
            check_ref(itav_milestone_get_source(m), itav_offer_id(of));
            ck_assert_ptr_nonnull(itav_milestone_get_text(m));
            check_quote(itav_milestone_get_source(m), itav_milestone_get_text(m),
                        itav_offer_id(of));
        }
        itav_offer_free(of);
    }
    itav_offer_iter_free(oit);
    ck_assert_int_eq(outcomes, 17);
    ck_assert_int_eq(milestones, 49);
}
END_TEST

/* The kind of outcome and the status of milestone that the seeds state, without the seeds:
 * Buurtgezinnen's follow-up (001:L477), measurement design (L425, L513) and returns
 * (L517-519); ITAV's closing word (000:L399): four parts slowed down, two sped up; a date
 * (000:L390); and a "huidige situatie" for each Utrecht activity of 2021 that has one. */
START_TEST(outcomes_and_milestones_as_the_seeds_state_them)
{
    itav_intervention *iv;
    itav_offer_iter *oit;
    itav_offer *of;
    int kinds[8] = {0};
    ck_assert_int_eq(itav_intervention_get(&iv, db, "buurtgezinnen"), ITAV_OK);
    for (size_t i = 0; i < itav_intervention_outcome_count(iv); i++)
        kinds[itav_outcome_get_kind(itav_intervention_outcome(iv, i))]++;
    const itav_figure *f = itav_outcome_get_figure(itav_intervention_outcome(iv, 0));
    ck_assert_int_eq(itav_outcome_get_kind(itav_intervention_outcome(iv, 0)),
                     ITAV_OUTCOME_FOLLOW_UP);
    ck_assert_int_eq(itav_figure_get_qualifier(f), ITAV_QTY_RANGE);
    ck_assert_double_eq(itav_figure_get_min(f), 35);
    ck_assert_double_eq(itav_figure_get_max(f), 40);
    ck_assert_str_eq(itav_figure_get_source(f), "001:L477");
    itav_intervention_free(iv);
    ck_assert_int_eq(kinds[ITAV_OUTCOME_FOLLOW_UP], 1);
    ck_assert_int_eq(kinds[ITAV_OUTCOME_MEASUREMENT_DESIGN], 2);
    ck_assert_int_eq(kinds[ITAV_OUTCOME_SOCIAL_RETURN], 1);
    ck_assert_int_eq(kinds[ITAV_OUTCOME_FINANCIAL_RETURN], 1);
    ck_assert_int_eq(kinds[ITAV_OUTCOME_SATISFACTION], 1);
    ck_assert_int_eq(kinds[ITAV_OUTCOME_STUDY], 3);

    int status[6] = {0}, closing[6] = {0}, current = 0, dated = 0;
    ck_assert_int_eq(itav_offer_list(&oit, db, NULL, NULL), ITAV_OK);
    while (itav_offer_iter_next(&of, oit) == ITAV_OK) {
        bool has_current = false;
        for (size_t i = 0; i < itav_offer_milestone_count(of); i++) {
            const itav_milestone *m = itav_offer_milestone(of, i);
            itav_milestone_status st = itav_milestone_get_status(m);
            ck_assert_msg(itav_milestone_get_date(m) != ITAV_DATE_NONE ||
                          itav_milestone_get_period(m), "%s: a milestone without a date",
                          itav_offer_id(of));
            status[st]++;
            closing[st] += strcmp(itav_milestone_get_source(m), "000:L399") == 0;
            has_current |= st == ITAV_MILESTONE_CURRENT_SITUATION;
            if (itav_milestone_get_date(m) != ITAV_DATE_NONE) {
                dated++;
                if (strcmp(itav_offer_id(of), "itav-hw-kansarmoede-kinderen-hoeksche-waard") == 0)
                    ck_assert_int_eq(itav_milestone_get_date(m), date_of("2020-11-10"));
            }
        }
        /* the Utrecht activities of the Collectieve Aanpak: all but Hang-out De Meern have a
         * "huidige situatie" */
        const char *p = itav_offer_programme(of);
        if (p && strcmp(p, "utrecht-collectieve-aanpak-utrecht") == 0 &&
            strcmp(itav_offer_id(of), "utrecht-hang-out-de-meern-utrecht") != 0)
            ck_assert_msg(has_current, "%s has no current situation", itav_offer_id(of));
        current += has_current;
        itav_offer_free(of);
    }
    itav_offer_iter_free(oit);
    ck_assert_int_eq(closing[ITAV_MILESTONE_DELAYED], 4);
    ck_assert_int_eq(closing[ITAV_MILESTONE_ACCELERATED], 2);
    ck_assert_int_eq(closing[ITAV_MILESTONE_ACHIEVED], 3);
    ck_assert_int_eq(status[ITAV_MILESTONE_DELAYED], 4);
    ck_assert_int_eq(status[ITAV_MILESTONE_ACCELERATED], 2);
    ck_assert_int_eq(current, 11); /* ITAV as a whole and ten Utrecht activities */
    ck_assert_int_eq(dated, 2);    /* 10 November 2020, 14 September 2021 */
}
END_TEST

/* The cases that read the seeds; the five seeds are loaded first (run_with_seeds has made sure
 * they are there). */
static Suite *seed_suite(void)
{
    for (int i = 0; i < 5; i++) {
        if (!load_seed(i, &seeds[i])) {
            fprintf(stderr, "cannot read %s\n", seed_path(i));
            exit(1);
        }
    }
    Suite *s = suite_create("catalog-seeds");
    TCase *tc = tcase_create("seeds");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, summary_table_matches_the_seed);
    tcase_add_test(tc, section_lists_match_the_seed);
    tcase_add_test(tc, figures_quote_the_lines_they_cite);
    tcase_add_test(tc, indicators_quote_the_lines_they_cite);
    tcase_add_test(tc, every_reference_is_inside_its_seed);
    tcase_add_test(tc, factors_quote_the_lines_they_cite);
    tcase_add_test(tc, access_entries_fit_the_lines_they_cite);
    tcase_add_test(tc, outcomes_and_milestones_quote_the_lines_they_cite);
    tcase_add_test(tc, costs_quote_the_lines_they_cite);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *catalog_suite(void)
{
    Suite *s = suite_create("catalog");
    TCase *tc = tcase_create("catalog");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, disputes_are_where_the_seed_disagrees);
    tcase_add_test(tc, indicators_have_sources_and_targets);
    tcase_add_test(tc, buurtgezinnen_runs_in_three_places);
    tcase_add_test(tc, counts_per_seed);
    tcase_add_test(tc, ages_follow_one_rule);
    tcase_add_test(tc, figures_keep_their_qualifiers);
    tcase_add_test(tc, offer_targets_and_indicators_agree);
    tcase_add_test(tc, practices_by_factor);
    tcase_add_test(tc, periods_and_dates);
    tcase_add_test(tc, zuid_kennemerland_access);
    tcase_add_test(tc, outcomes_and_milestones_as_the_seeds_state_them);
    tcase_add_test(tc, costs_and_funding);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    return run_with_seeds(argc, argv, catalog_suite, seed_suite, 0x1f,
                          "the catalogue's summary table, element lists, figures, indicators and "
                          "source references against the five seeds");
}
