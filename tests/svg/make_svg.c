/* Writes radar charts of catalogue data for the render check (render_check.py):
 *   profile.svg  one intervention (Pinkies, seed 001's summary table, line 2379)
 *   unknown.svg  one hand-made intervention that states only some elements
 *   compare.svg  the informal against the formal examples of seed 001 (lines 128-130)
 *   compare.json the same comparison as JSON
 * Usage: make_svg OUTDIR */
#include <itav.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(itav_db *db, const char *what)
{
    fprintf(stderr, "make_svg: %s: %s\n", what, db ? itav_errmsg(db) : "");
    return 1;
}

static int write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        return 1;
    }
    printf("%s\n", path);
    return 0;
}

static int portfolio_of(itav_portfolio **out, itav_db *db, const char *const *ids, size_t n)
{
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    f.ids = ids;
    f.id_count = n;
    f.source = ITAV_PROFILE_TABLE;
    return itav_portfolio_build(out, db, &f);
}

/* Elements 2, 4 and 5 present, 3 absent, the rest not stated. */
static int add_partial(itav_db *db)
{
    static const itav_element present[] = {ITAV_ELEMENT_INFORMAL_SUPPORT, ITAV_ELEMENT_EQUALITY,
                                           ITAV_ELEMENT_DEMAND_LED};
    itav_intervention *iv;
    int rc = itav_intervention_new(&iv, "partly-described");
    if (rc == ITAV_OK)
        rc = itav_intervention_set_name(iv, "Partly described");
    for (size_t i = 0; rc == ITAV_OK && i < 3; i++)
        rc = itav_intervention_set_element(iv, ITAV_PROFILE_OTHER, present[i],
                                           ITAV_STATUS_PRESENT, NULL, NULL);
    if (rc == ITAV_OK)
        rc = itav_intervention_set_element(iv, ITAV_PROFILE_OTHER, ITAV_ELEMENT_LOW_THRESHOLD,
                                           ITAV_STATUS_ABSENT, NULL, NULL);
    if (rc == ITAV_OK)
        rc = itav_intervention_create(db, iv);
    itav_intervention_free(iv);
    return rc;
}

int main(int argc, char **argv)
{
    static const char *const pinkies[] = {"pinkies"};
    static const char *const partial[] = {"partly-described"};
    static const char *const informal[] = {"buurtgezinnen", "eigen-toekomst-plan",
        "ervaringscafe", "home-start", "jong-perspectief", "moeders-informeren-moeders",
        "ouderkamer"};
    static const char *const formal[] = {"at-ease", "duo-coaching", "giz",
        "het-begint-bij-mij", "pinkies"};
    itav_db *db;
    itav_portfolio *a = NULL, *b = NULL, *one = NULL, *part = NULL;
    char *svg = NULL, *json = NULL;
    int status = 1;
    if (argc != 2) {
        fprintf(stderr, "usage: make_svg OUTDIR\n");
        return 2;
    }
    if (itav_open(&db, "memory:") != ITAV_OK)
        return fail(NULL, "cannot open a memory store");
    if (itav_catalog_load(db) != ITAV_OK || add_partial(db) != ITAV_OK) {
        status = fail(db, "loading");
        goto done;
    }
    if (portfolio_of(&one, db, pinkies, 1) || portfolio_of(&a, db, informal, 7) ||
        portfolio_of(&b, db, formal, 5)) {
        status = fail(db, "building the portfolios");
        goto done;
    }
    itav_portfolio_filter f = ITAV_PORTFOLIO_FILTER_INIT;
    f.ids = partial;
    f.id_count = 1;
    if (itav_portfolio_build(&part, db, &f) != ITAV_OK) {
        status = fail(db, "building the partial profile");
        goto done;
    }
    if (itav_portfolio_svg(&svg, one, "Pinkies", NULL, NULL) ||
        write_file(argv[1], "profile.svg", svg))
        goto done;
    itav_free(svg);
    svg = NULL;
    if (itav_portfolio_svg(&svg, part, NULL, NULL, NULL) ||
        write_file(argv[1], "unknown.svg", svg))
        goto done;
    itav_free(svg);
    svg = NULL;
    if (itav_portfolio_svg(&svg, a, "Informal examples (seed 001)", b,
                           "Formal examples (seed 001)") ||
        write_file(argv[1], "compare.svg", svg) || itav_portfolio_to_json(&json, a, b) ||
        write_file(argv[1], "compare.json", json))
        goto done;
    status = 0;
done:
    itav_free(svg);
    itav_free(json);
    itav_portfolio_free(one);
    itav_portfolio_free(part);
    itav_portfolio_free(a);
    itav_portfolio_free(b);
    itav_close(db);
    return status;
}
