/* itav: the catalogue: catalog list, catalog show and catalog profile. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Fields that may carry a source reference (docs/format.md), in export order. */
static const char *const source_fields[] = {
    "name", "kind", "summary", "providers", "municipalities", "regions", "since", "audience",
    "themes", "setting", "scope", "channel", "roles", "phases", "elements", "evidence_level",
    "reach", "works", "improve", "links"};

/* The library's own JSON of a value (an itav_*_to_json() text), as a jansson value to add
 * to; NULL (after a message) if the library refused. */
static json_t *jlibrary_object(int rc, char *text)
{
    json_t *o = NULL;
    if (rc == ITAV_OK) {
        o = json_loads(text, 0, NULL);
        if (!o)
            data_error("cannot read the library's JSON");
    } else {
        data_error("cannot encode as JSON: %s", itav_strerror(rc));
    }
    itav_free(text);
    return o;
}

/* What the dataset object does not say but the library works out: the profile in use (which
 * source it comes from, each element's status) and the elements the sources disagree on. */
static json_t *jprofile_in_use(const itav_intervention *iv)
{
    json_t *o = json_object(), *statuses = json_object();
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
        itav_status st = itav_intervention_element(iv, ITAV_PROFILE_DEFAULT, (itav_element)e);
        const char *code = itav_code_name(ITAV_CODE_STATUS, (int)st);
        json_object_set_new(statuses, itav_element_code((itav_element)e),
                            json_string(code ? code : "unknown"));
    }
    json_object_set_new(o, "source", jcode(ITAV_CODE_PROFILE_SOURCE,
                                           (int)itav_intervention_profile_source(iv)));
    json_object_set_new(o, "present",
                        jelemset(itav_intervention_elements(iv, ITAV_PROFILE_DEFAULT)));
    json_object_set_new(o, "statuses", statuses);
    json_object_set_new(o, "disputed", jelemset(itav_intervention_disputed(iv)));
    return o;
}

/* An intervention for --json: the library's object (itav_intervention_to_json(), as in an
 * export) with profile_in_use added; with db, also its offers, each the library's object. */
static json_t *jintervention(itav_db *db, const itav_intervention *iv)
{
    char *text = NULL;
    int rc = itav_intervention_to_json(&text, iv);
    json_t *o = jlibrary_object(rc, text);
    if (!o)
        return NULL;
    json_object_set_new(o, "profile_in_use", jprofile_in_use(iv));
    if (db) {
        itav_offer_iter *it = NULL;
        itav_offer *of;
        json_t *offers = json_array();
        if ((rc = itav_offer_list(&it, db, itav_intervention_id(iv), NULL)) != ITAV_OK) {
            json_decref(offers);
            json_decref(o);
            lib_error(db, rc);
            return NULL;
        }
        bool said = false; /* a message was printed already */
        while ((rc = itav_offer_iter_next(&of, it)) == ITAV_OK) {
            json_t *jo;
            int enc;
            text = NULL;
            enc = itav_offer_to_json(&text, of);
            itav_offer_free(of);
            if (!(jo = jlibrary_object(enc, text))) {
                said = true;
                break;
            }
            json_array_append_new(offers, jo);
        }
        itav_offer_iter_free(it);
        if (rc != ITAV_ITEROVER) {
            if (!said)
                lib_error(db, rc);
            json_decref(offers);
            json_decref(o);
            return NULL;
        }
        json_object_set_new(o, "offers", offers);
    }
    return o;
}

/* An array of interventions for --json; NULL after a message. */
static json_t *jinterventions(itav_intervention **rows, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = jintervention(NULL, rows[i]);
        if (!o) {
            json_decref(arr);
            return NULL;
        }
        json_array_append_new(arr, o);
    }
    return arr;
}


static int parse_elements(itav_elemset *out, const cli *c)
{
    size_t i;
    *out = 0;
    for (i = 0; i < MANY(c, ELEMENT)->n; i++) {
        itav_element e;
        if (itav_element_from_code(&e, MANY(c, ELEMENT)->v[i]) != ITAV_OK)
            return data_error("unknown element code \"%s\" (expected doubts_normal, "
                              "informal_support, low_threshold, equality, demand_led, "
                              "broad_context, positive_focus or no_problematising)",
                              MANY(c, ELEMENT)->v[i]);
        *out = itav_elemset_add(*out, e);
    }
    return 0;
}

/* Reads every intervention that passes a filter (NULL for all) into an array. With
 * profiled_only, only those with a known profile. */
static int collect(itav_intervention ***out, size_t *count, itav_db *db,
                   const itav_intervention_filter *filter, int profiled_only)
{
    itav_intervention_iter *it = NULL;
    itav_intervention *iv, **rows = NULL;
    size_t n = 0, cap = 0;
    int rc = itav_intervention_list(&it, db, filter);
    *out = NULL;
    *count = 0;
    if (rc != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_intervention_iter_next(&iv, it)) == ITAV_OK) {
        if (profiled_only && itav_intervention_profile_source(iv) == ITAV_PROFILE_DEFAULT) {
            itav_intervention_free(iv);
            continue;
        }
        if (n == cap) {
            itav_intervention **nr;
            cap = cap ? cap * 2 : 32;
            nr = realloc(rows, cap * sizeof *rows);
            if (!nr) {
                itav_intervention_free(iv);
                rc = ITAV_ENOMEM;
                break;
            }
            rows = nr;
        }
        rows[n++] = iv;
    }
    itav_intervention_iter_free(it);
    if (rc != ITAV_ITEROVER) {
        while (n > 0)
            itav_intervention_free(rows[--n]);
        free(rows);
        return rc == ITAV_ENOMEM ? data_error("out of memory") : lib_error(db, rc);
    }
    *out = rows;
    *count = n;
    return 0;
}

static void free_rows(itav_intervention **rows, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        itav_intervention_free(rows[i]);
    free(rows);
}

/* Width of the widest id (at least min). */
static int id_width(itav_intervention **rows, size_t n, size_t min)
{
    size_t i, w = min;
    for (i = 0; i < n; i++)
        if (strlen(itav_intervention_id(rows[i])) > w)
            w = strlen(itav_intervention_id(rows[i]));
    return (int)w;
}

/* Keeps the interventions that list a referral route, themselves or in one of their offers
 * (the access sheets of itav/access.h). */
static int keep_referral(itav_intervention **rows, size_t *n, itav_db *db, const char *route)
{
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        int has = itav_access_has(itav_intervention_access(rows[i]), ITAV_ACCESS_REFERRAL, route);
        itav_offer_iter *it = NULL;
        itav_offer *of;
        int rc = itav_offer_list(&it, db, itav_intervention_id(rows[i]), NULL);
        if (rc != ITAV_OK) {
            while (i < *n)
                itav_intervention_free(rows[i++]);
            *n = kept;
            return lib_error(db, rc);
        }
        while (!has && (rc = itav_offer_iter_next(&of, it)) == ITAV_OK) {
            has = itav_access_has(itav_offer_access(of), ITAV_ACCESS_REFERRAL, route);
            itav_offer_free(of);
        }
        itav_offer_iter_free(it);
        if (has)
            rows[kept++] = rows[i];
        else
            itav_intervention_free(rows[i]);
    }
    *n = kept;
    return 0;
}

static int cmd_list(cli *c)
{
    itav_intervention_filter filter = ITAV_INTERVENTION_FILTER_INIT;
    itav_intervention **rows;
    itav_db *db;
    size_t n, i;
    int rc, w;

    rc = parse_elements(&filter.all_of, c);
    if (rc)
        return rc;
    if (OPTV(c, SETTING)) {
        int v;
        if (itav_code_parse(&v, ITAV_CODE_SETTING, OPTV(c, SETTING)) != ITAV_OK)
            return data_error("unknown setting \"%s\" (expected informal, formal or mixed)",
                              OPTV(c, SETTING));
        filter.setting = v;
    }
    filter.municipality = OPTV(c, MUNICIPALITY);
    for (i = 0; i < c->many[MANY_FACTOR].n; i++) {
        itav_factor f;
        if (itav_factor_from_code(&f, c->many[MANY_FACTOR].v[i]) != ITAV_OK)
            return data_error("unknown working factor \"%s\" (see 'itav catalog factors')",
                              c->many[MANY_FACTOR].v[i]);
        filter.factors |= (itav_factorset)1 << (f - 1);
    }

    if (OPTV(c, REFERRAL) && !itav_access_code_label(ITAV_ACCESS_REFERRAL, OPTV(c, REFERRAL),
                                                     ITAV_LANG_EN)) {
        char codes[512] = "";
        const char *code;
        for (i = 0; (code = itav_access_code_at(ITAV_ACCESS_REFERRAL, i)); i++)
            snprintf(codes + strlen(codes), sizeof codes - strlen(codes), "%s%s", i ? ", " : "",
                     code);
        return data_error("unknown referral route \"%s\" for --referral (expected one of: %s)",
                          OPTV(c, REFERRAL), codes);
    }

    rc = open_store(&db, c, 0);
    if (rc)
        return rc;
    rc = collect(&rows, &n, db, &filter, 0);
    if (!rc && OPTV(c, REFERRAL))
        rc = keep_referral(rows, &n, db, OPTV(c, REFERRAL));
    itav_close(db);
    if (rc)
        return rc;

    if (FLAG(c, JSON)) {
        json_t *arr = jinterventions(rows, n);
        free_rows(rows, n);
        return arr ? print_json_reals(arr) : EXIT_DATA;
    }
    if (n == 0) {
        printf("%s\n", tr(c, "No interventions match.", "Geen interventies gevonden."));
        free_rows(rows, n);
        return 0;
    }
    w = id_width(rows, n, 2);
    printf("%-*s  ", w, "ID");
    print_padded(tr(c, "SETTING", "SETTING"), 12);
    putchar(' ');
    print_padded(tr(c, "SCOPE", "VORM"), 12);
    putchar(' ');
    print_padded(tr(c, "ELEMENTS", "ELEMENTEN"), 16);
    printf(" %s\n", tr(c, "NAME", "NAAM"));
    for (i = 0; i < n; i++) {
        int e;
        printf("%-*s  ", w, itav_intervention_id(rows[i]));
        print_padded(word(c, ITAV_CODE_SETTING, (int)itav_intervention_setting(rows[i])), 12);
        putchar(' ');
        print_padded(word(c, ITAV_CODE_SCOPE, (int)itav_intervention_scope(rows[i])), 12);
        putchar(' ');
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            itav_status st = itav_intervention_element(rows[i], ITAV_PROFILE_DEFAULT,
                                                       (itav_element)e);
            putchar(st == ITAV_STATUS_PRESENT ? '0' + e : st == ITAV_STATUS_ABSENT ? '.' : '?');
            putchar(' ');
        }
        printf(" %s\n", one_line(itav_intervention_name(rows[i])));
    }
    printf("\n%zu %s\n%s\n", n, tr(c, n == 1 ? "intervention." : "interventions.",
                                   n == 1 ? "interventie." : "interventies."),
           tr(c, "Elements: digit = present, . = absent, ? = unknown (profile in use; "
                 "see 'itav catalog profile').",
              "Elementen: cijfer = aanwezig, . = afwezig, ? = onbekend (profiel in gebruik; "
              "zie 'itav catalog profile')."));
    free_rows(rows, n);
    return 0;
}

static void show_text(const cli *c, itav_db *db, const itav_intervention *iv)
{
    unsigned bits = itav_intervention_audience(iv), b;
    int32_t amin, amax;
    size_t i, n;
    int e;
    char buf[64];
    itav_elemset disputed = itav_intervention_disputed(iv);
    itav_profile_source ps = itav_intervention_profile_source(iv);
    itav_offer_iter *it = NULL;
    itav_offer *of;

    printf("%s (%s)\n", one_line(itav_intervention_name(iv)), itav_intervention_id(iv));
    print_field(tr(c, "Kind:", "Soort:"), known_word(c, ITAV_CODE_KIND,
                                                        (int)itav_intervention_kind(iv)));
    print_field(tr(c, "Summary:", "Samenvatting:"), itav_intervention_summary(iv));
    print_joined(c, iv, ITAV_TEXT_PROVIDERS, "Providers:", "Aanbieders:");
    print_joined(c, iv, ITAV_TEXT_MUNICIPALITIES, "Municipalities:", "Gemeenten:");
    print_joined(c, iv, ITAV_TEXT_REGIONS, "Regions:", "Regio's:");
    if (itav_intervention_since(iv)) {
        snprintf(buf, sizeof buf, "%d", itav_intervention_since(iv));
        print_field(tr(c, "Since:", "Sinds:"), buf);
    }
    if (bits) {
        int first = 1;
        printf("  ");
        print_padded(tr(c, "Audience:", "Doelgroep:"), 18);
        putchar(' ');
        for (b = 1; b <= ITAV_AUDIENCE_ALL; b <<= 1)
            if (bits & b) {
                printf("%s%s", first ? "" : ", ", word(c, ITAV_CODE_AUDIENCE, (int)b));
                first = 0;
            }
        putchar('\n');
    }
    if (itav_intervention_age_range(&amin, &amax, iv) == ITAV_OK &&
        (amin != ITAV_AGE_NONE || amax != ITAV_AGE_NONE)) {
        char lo[16] = "?", hi[16] = "?";
        if (amin != ITAV_AGE_NONE)
            snprintf(lo, sizeof lo, "%ld", (long)amin);
        if (amax != ITAV_AGE_NONE)
            snprintf(hi, sizeof hi, "%ld", (long)amax);
        snprintf(buf, sizeof buf, "%s %s %s %s", lo, tr(c, "to", "tot"), hi,
                 tr(c, "months", "maanden"));
        print_field(tr(c, "Age:", "Leeftijd:"), buf);
    }
    print_field(tr(c, "Conditions:", "Voorwaarden:"), itav_intervention_conditions(iv));
    if (itav_intervention_themes(iv)) { /* the codes: the themes have no labels here */
        char *themes = codes_joined(ITAV_CODE_THEME, itav_intervention_themes(iv));
        print_field(tr(c, "Themes:", "Thema's:"), themes);
        free(themes);
    }
    print_field(tr(c, "Setting:", "Setting:"),
                known_word(c, ITAV_CODE_SETTING, (int)itav_intervention_setting(iv)));
    print_field(tr(c, "Scope:", "Vorm:"),
                known_word(c, ITAV_CODE_SCOPE, (int)itav_intervention_scope(iv)));
    print_field(tr(c, "Channel:", "Kanaal:"),
                known_word(c, ITAV_CODE_CHANNEL, (int)itav_intervention_channel(iv)));
    if (itav_intervention_evidence(iv))
        print_field(tr(c, "Evidence level:", "Bewijskracht:"),
                    word(c, ITAV_CODE_EVIDENCE, (int)itav_intervention_evidence(iv)));
    if (itav_intervention_factors(iv)) {
        int f;
        printf("\n%s:\n", tr(c, "Working factors", "Werkende factoren"));
        for (f = 1; f <= ITAV_FACTOR_COUNT; f++)
            if (itav_factorset_has(itav_intervention_factors(iv), (itav_factor)f))
                printf("  - %s (%s)\n", itav_factor_label((itav_factor)f, c->lang),
                       itav_intervention_factor_source(iv, (itav_factor)f));
    }
    if (itav_intervention_access(iv)) {
        printf("\n%s:\n", tr(c, "Who it is for and how people reach it",
                              "Voor wie het is en hoe mensen het bereiken"));
        print_access(c, itav_intervention_access(iv), "  ");
    }

    n = itav_intervention_role_count(iv);
    if (n) {
        printf("\n%s:\n", tr(c, "Roles", "Rollen"));
        for (i = 0; i < n; i++) {
            const itav_role *r = itav_intervention_role(iv, i);
            printf("  - %s", word(c, ITAV_CODE_ROLE, (int)itav_role_get_kind(r)));
            if (itav_role_get_description(r))
                printf(": %s", one_line(itav_role_get_description(r)));
            putchar('\n');
            if (itav_role_get_vog(r))
                printf("      %s\n", tr(c, "Certificate of conduct (VOG) required.",
                                        "Verklaring omtrent gedrag (VOG) vereist."));
            if (itav_role_get_training(r))
                printf("      %s %s\n", tr(c, "Training:", "Training:"),
                       one_line(itav_role_get_training(r)));
        }
    }
    print_text_list(c, iv, ITAV_TEXT_PHASES, "Phases", "Fasen", 1);

    printf("\n%s", tr(c, "Elements", "Elementen"));
    if (ps)
        printf(" (%s: %s)", tr(c, "profile in use", "profiel in gebruik"),
               word(c, ITAV_CODE_PROFILE_SOURCE, (int)ps));
    printf(":\n");
    if (!ps)
        printf("  %s\n", tr(c, "No source states a profile.", "Geen bron noemt een profiel."));
    for (i = 0; i < N_PROFILE_SOURCES; i++) {
        itav_profile_source src = profile_sources[i];
        itav_elemset known = itav_intervention_known_elements(iv, src);
        if (!known)
            continue;
        printf("  %s:\n", word(c, ITAV_CODE_PROFILE_SOURCE, (int)src));
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            const char *ev, *ref;
            if (!itav_elemset_has(known, (itav_element)e))
                continue;
            ev = itav_intervention_element_evidence(iv, src, (itav_element)e);
            ref = itav_intervention_element_source(iv, src, (itav_element)e);
            printf("  %s %d %s: %s", itav_elemset_has(disputed, (itav_element)e) ? "*" : " ",
                   e, itav_element_label((itav_element)e, c->lang),
                   word(c, ITAV_CODE_STATUS,
                        (int)itav_intervention_element(iv, src, (itav_element)e)));
            if (ref)
                printf(" [%s]", ref);
            putchar('\n');
            if (ev)
                printf("        %s\n", one_line(ev));
        }
    }
    if (disputed) {
        printf("  * %s\n", tr(c, "The sources disagree on these elements:",
                              "De bronnen zijn het oneens over deze elementen:"));
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            if (!itav_elemset_has(disputed, (itav_element)e))
                continue;
            printf("    %d %s: ", e, itav_element_code((itav_element)e));
            print_dispute(c, iv, (itav_element)e);
            putchar('\n');
        }
    }

    n = itav_intervention_figure_count(iv, ITAV_FIGURES_REACH);
    if (n) {
        printf("\n%s:\n", tr(c, "Reach", "Bereik"));
        for (i = 0; i < n; i++)
            print_figure(c, itav_intervention_figure(iv, ITAV_FIGURES_REACH, i));
    }
    print_outcomes(c, iv);
    if (itav_intervention_cost_count(iv)) {
        printf("\n%s:\n", tr(c, "Costs and funding", "Kosten en financiering"));
        for (i = 0; i < itav_intervention_cost_count(iv); i++)
            print_cost(c, itav_intervention_cost(iv, i));
    }
    print_text_list(c, iv, ITAV_TEXT_WORKS, "What works", "Wat werkt", 0);
    print_text_list(c, iv, ITAV_TEXT_IMPROVE, "What could be better", "Wat beter kan", 0);
    print_text_list(c, iv, ITAV_TEXT_LINKS, "Links", "Links", 0);

    if (itav_offer_list(&it, db, itav_intervention_id(iv), NULL) == ITAV_OK) {
        int first = 1;
        while (itav_offer_iter_next(&of, it) == ITAV_OK) {
            size_t m = itav_offer_text_count(of, ITAV_TEXT_MUNICIPALITIES);
            if (first)
                printf("\n%s:\n", tr(c, "Offers", "Aanbod"));
            first = 0;
            printf("  - %s", itav_offer_id(of));
            for (i = 0; i < m; i++)
                printf("%s%s", i ? ", " : ": ",
                       one_line(itav_offer_text(of, ITAV_TEXT_MUNICIPALITIES, i)));
            if (itav_offer_provider(of))
                printf(" (%s)", one_line(itav_offer_provider(of)));
            putchar('\n');
            print_access(c, itav_offer_access(of), "      ");
            print_milestones(c, of, "      ");
            /* each offer's costs, indented under it: never added up across offers */
            for (i = 0; i < itav_offer_cost_count(of); i++) {
                printf("  ");
                print_cost(c, itav_offer_cost(of, i));
            }
            itav_offer_free(of);
        }
        itav_offer_iter_free(it);
    }

    n = 0;
    for (i = 0; i < sizeof source_fields / sizeof source_fields[0]; i++) {
        const char *ref = itav_intervention_source(iv, source_fields[i]);
        if (!ref)
            continue;
        if (n++ == 0)
            printf("\n%s:\n", tr(c, "Sources (seed:line)", "Bronnen (seed:regel)"));
        printf("  ");
        print_padded(source_fields[i], 16);
        printf(" %s\n", ref);
    }
}

static int cmd_show(cli *c)
{
    itav_db *db;
    itav_intervention *iv = NULL;
    int rc = open_store(&db, c, 0);
    if (rc)
        return rc;
    rc = itav_intervention_get(&iv, db, c->args[2]);
    if (rc != ITAV_OK) {
        rc = lib_error(db, rc);
        itav_close(db);
        return rc;
    }
    if (FLAG(c, JSON)) {
        json_t *o = jintervention(db, iv);
        rc = o ? print_json_reals(o) : EXIT_DATA;
    } else
        show_text(c, db, iv);
    itav_intervention_free(iv);
    itav_close(db);
    return rc;
}

static int cmd_profile(cli *c)
{
    itav_intervention **rows = NULL;
    size_t n = 0, i;
    itav_db *db;
    int rc, e, w, any_dispute = 0;
    const char *note_en = "The table describes; it does not rank. More elements is not better "
                          "(seed 001, line 2387): whether an intervention fits depends on the "
                          "target group and the context.";
    const char *note_nl = "De tabel beschrijft en rangschikt niet. Meer elementen is niet beter "
                          "(seed 001, regel 2387): of een interventie past, hangt af van de "
                          "doelgroep en de context.";

    rc = open_store(&db, c, 0);
    if (rc)
        return rc;
    rc = collect(&rows, &n, db, NULL, 1);
    itav_close(db);
    if (rc)
        return rc;
    w = id_width(rows, n, 2);

    if (FLAG(c, JSON)) {
        json_t *root = json_object(), *legend = json_array(), *arr = jinterventions(rows, n);
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            json_t *el = json_object();
            json_object_set_new(el, "number", json_integer(e));
            jset_str(el, "code", itav_element_code((itav_element)e));
            jset_str(el, "label", itav_element_label((itav_element)e, c->lang));
            json_array_append_new(legend, el);
        }
        free_rows(rows, n);
        if (!arr) {
            json_decref(root);
            json_decref(legend);
            return EXIT_DATA;
        }
        json_object_set_new(root, "element_legend", legend);
        json_object_set_new(root, "interventions", arr);
        jset_str(root, "note", tr(c, note_en, note_nl));
        return print_json_reals(root);
    }

    printf("%s\n\n", tr(c, "Element table (profile in use of each intervention)",
                        "Elemententabel (profiel in gebruik per interventie)"));
    printf("%-*s ", w, "");
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        printf(" %-2d", e);
    printf("  %-20s %s\n", tr(c, "SOURCE", "BRON"), tr(c, "NAME", "NAAM"));
    for (i = 0; i < n; i++) {
        itav_elemset disputed = itav_intervention_disputed(rows[i]);
        printf("%-*s ", w, itav_intervention_id(rows[i]));
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            itav_status st = itav_intervention_element(rows[i], ITAV_PROFILE_DEFAULT,
                                                       (itav_element)e);
            int d = itav_elemset_has(disputed, (itav_element)e);
            printf(" %c%c", st == ITAV_STATUS_PRESENT ? '+' : st == ITAV_STATUS_ABSENT ? '-' : '?',
                   d ? '*' : ' ');
        }
        printf("  ");
        print_padded(word(c, ITAV_CODE_PROFILE_SOURCE,
                          (int)itav_intervention_profile_source(rows[i])), 20);
        printf(" %s\n", one_line(itav_intervention_name(rows[i])));
        if (disputed)
            any_dispute = 1;
    }
    printf("\n%s\n", tr(c, "+ present, - absent, ? unknown, * the sources disagree",
                        "+ aanwezig, - afwezig, ? onbekend, * de bronnen zijn het oneens"));
    printf("\n%s:\n", tr(c, "Elements", "Elementen"));
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        printf("  %d  %-18s %s\n", e, itav_element_code((itav_element)e),
               itav_element_label((itav_element)e, c->lang));
    if (any_dispute) {
        printf("\n* %s\n",
               tr(c, "Where seed 001's summary table and the example's own sections disagree:",
                  "Waar de samenvattende tabel van seed 001 en de eigen secties van het "
                  "voorbeeld het oneens zijn:"));
        for (i = 0; i < n; i++) {
            itav_elemset disputed = itav_intervention_disputed(rows[i]);
            for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
                if (!itav_elemset_has(disputed, (itav_element)e))
                    continue;
                printf("  %s, %s %d %s: ", itav_intervention_id(rows[i]),
                       tr(c, "element", "element"), e, itav_element_code((itav_element)e));
                print_dispute(c, rows[i], (itav_element)e);
                putchar('\n');
            }
        }
    }
    printf("\n%s\n", tr(c, note_en, note_nl));

    free_rows(rows, n);
    return 0;
}


/* The fourteen working factors of seed 004, with the practices that show each. */
static int cmd_factors(cli *c)
{
    itav_intervention **rows;
    itav_intervention_filter filter = ITAV_INTERVENTION_FILTER_INIT;
    json_t *arr = FLAG(c, JSON) ? json_array() : NULL;
    size_t n, i;
    itav_db *db;
    int f, rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = collect(&rows, &n, db, &filter, 0);
    itav_close(db);
    if (rc) {
        json_decref(arr);
        return rc;
    }
    for (f = 1; f <= ITAV_FACTOR_COUNT; f++) {
        json_t *o = NULL, *shown = NULL;
        if (arr) {
            o = json_object();
            shown = json_array();
            jset_str(o, "code", itav_factor_code((itav_factor)f));
            jset_str(o, "label_nl", itav_factor_label((itav_factor)f, ITAV_LANG_NL));
            jset_str(o, "label_en", itav_factor_label((itav_factor)f, ITAV_LANG_EN));
            jset_str(o, "source", itav_factor_source((itav_factor)f));
            json_object_set_new(o, "all_municipalities",
                                json_boolean(itav_factor_credited_to_all((itav_factor)f)));
        } else {
            printf("%s  %s (%s)%s\n ", itav_factor_code((itav_factor)f),
                   itav_factor_label((itav_factor)f, c->lang), itav_factor_source((itav_factor)f),
                   itav_factor_credited_to_all((itav_factor)f)
                       ? tr(c, "; credited to all municipalities", "; bij alle gemeenten")
                       : "");
        }
        for (i = 0; i < n; i++) {
            if (!itav_factorset_has(itav_intervention_factors(rows[i]), (itav_factor)f))
                continue;
            if (shown)
                json_array_append_new(shown, json_string(itav_intervention_id(rows[i])));
            else
                printf(" %s", itav_intervention_id(rows[i]));
        }
        if (arr) {
            json_object_set_new(o, "interventions", shown);
            json_array_append_new(arr, o);
        } else {
            putchar('\n');
        }
    }
    free_rows(rows, n);
    return arr ? print_json(arr) : 0;
}

const command_group catalog_group = {
    "catalog", false, "The catalogue of interventions",
    (const command[]){
        {"list", {NULL, NULL},
         "[--element CODE]... [--factor CODE]... [--setting informal|formal|mixed]\n"
         "[--municipality M] [--referral ROUTE] [--json]",
         "list interventions (every --element and --factor must be present)",
         (const cmd_opt[]){
             {OPT_ELEMENT, "only interventions whose profile in use states this element present "
                           "(repeatable: all must hold)"},
             {OPT_FACTOR, "only practices that show this working factor (repeatable: all "
                          "must hold; codes in 'itav catalog factors')"},
             {OPT_SETTING, "only this setting: informal, formal or mixed"},
             {OPT_MUNICIPALITY, "only those that run in M, themselves or through an offer "
                                "(ignoring case)"},
             {OPT_REFERRAL, "only those that families reach through this referral route, "
                            "themselves or in an offer (self, school, gp, wijkteam, youth_care, "
                            "...: docs/format.md, \"Access\")"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_list},
        {"show", {"ID", NULL}, "ID [--json]",
         "everything about one intervention",
         (const cmd_opt[]){{OPT_JSON, "machine-readable output (see docs/cli.md)"}, {0, NULL}},
         cmd_show},
        {"factors", {NULL, NULL}, "[--json]",
         "the fourteen working factors of seed 004 and the practices that show each",
         (const cmd_opt[]){{OPT_JSON, "machine-readable output (see docs/cli.md)"}, {0, NULL}},
         cmd_factors},
        {"profile", {NULL, NULL}, "[--json]",
         "the element table of every intervention with a profile",
         (const cmd_opt[]){{OPT_JSON, "machine-readable output (see docs/cli.md)"}, {0, NULL}},
         cmd_profile},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
