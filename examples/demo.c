/*
 * itav-demo [DIR]: a tour of libitav.
 *
 * Creates a SQLite store in DIR (default: a fresh temporary directory), loads the built-in
 * catalogue, and prints the element table of the thirteen examples of "De kracht van het
 * gewone" (seed 001) computed from the store: the interventions whose profile in use comes
 * from the seed's summary table, in the table's own order. Where the examples' own sections
 * say something else, the cell is marked. A portfolio line counts how many of the thirteen
 * have each element. Finally the store is exported to DIR/itav-export.json.
 */
#include <itav.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_ROWS 64

static int fail(itav_db *db, int rc, const char *what)
{
    const char *msg = db ? itav_errmsg(db) : "";
    fprintf(stderr, "itav-demo: %s: %s\n", what, msg && *msg ? msg : itav_strerror(rc));
    return 2;
}

/* The seed line of an intervention's row in the summary table (for the table's order). */
static long table_line(const itav_intervention *iv)
{
    const char *ref = itav_intervention_element_source(iv, ITAV_PROFILE_TABLE,
                                                       ITAV_ELEMENT_INFORMAL_SUPPORT);
    const char *l = ref ? strstr(ref, ":L") : NULL;
    return l ? strtol(l + 2, NULL, 10) : 0;
}

static int by_table_line(const void *a, const void *b)
{
    long la = table_line(*(itav_intervention *const *)a);
    long lb = table_line(*(itav_intervention *const *)b);
    return (la > lb) - (la < lb);
}

static char cell(itav_status st)
{
    return st == ITAV_STATUS_PRESENT ? '+' : st == ITAV_STATUS_ABSENT ? '-' : '?';
}

int main(int argc, char **argv)
{
    char dirbuf[4096], uri[4200], export_path[4200];
    const char *dir;
    itav_intervention *rows[MAX_ROWS], *iv;
    itav_intervention_iter *it = NULL;
    itav_db *db = NULL;
    size_t n = 0, i;
    int rc, e, count[ITAV_ELEMENT_COUNT + 1] = {0};
    itav_elemset all = ITAV_ELEMSET_ALL;
    struct stat st;

    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        fputs("Usage: itav-demo [DIR]\n", stderr);
        return 1;
    }
    if (argc == 2) {
        dir = argv[1];
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            fprintf(stderr, "itav-demo: cannot create %s: %s\n", dir, strerror(errno));
            return 2;
        }
    } else {
        const char *tmp = getenv("TMPDIR");
        snprintf(dirbuf, sizeof dirbuf, "%s/itav-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dirbuf)) {
            fprintf(stderr, "itav-demo: cannot create %s: %s\n", dirbuf, strerror(errno));
            return 2;
        }
        dir = dirbuf;
    }
    snprintf(uri, sizeof uri, "sqlite:%s/itav.db", dir);
    snprintf(export_path, sizeof export_path, "%s/itav-export.json", dir);
    if (stat(uri + 7, &st) == 0) {
        fprintf(stderr, "itav-demo: %s already exists; give a fresh directory\n", uri + 7);
        return 2;
    }

    if ((rc = itav_open(&db, uri)) != ITAV_OK) {
        rc = fail(db, rc, "opening the store");
        itav_close(db);
        return rc;
    }
    if ((rc = itav_catalog_load(db)) != ITAV_OK)
        goto error;

    /* The thirteen examples: the interventions whose profile in use is the summary table. */
    if ((rc = itav_intervention_list(&it, db, NULL)) != ITAV_OK)
        goto error;
    while ((rc = itav_intervention_iter_next(&iv, it)) == ITAV_OK) {
        if (itav_intervention_profile_source(iv) == ITAV_PROFILE_TABLE && n < MAX_ROWS)
            rows[n++] = iv;
        else
            itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    if (rc != ITAV_ITEROVER)
        goto error;
    qsort(rows, n, sizeof rows[0], by_table_line);

    printf("The %zu examples of \"De kracht van het gewone\" (seed 001) on the eight elements,\n"
           "as the seed's summary table scores them (computed from the store):\n\n", n);
    printf("%-28s", "");
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        printf(" %-2d", e);
    printf("  name\n");
    for (i = 0; i < n; i++) {
        itav_elemset d = itav_intervention_disputed(rows[i]);
        printf("%-28s", itav_intervention_id(rows[i]));
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            itav_status s = itav_intervention_element(rows[i], ITAV_PROFILE_TABLE,
                                                      (itav_element)e);
            if (s == ITAV_STATUS_PRESENT)
                count[e]++;
            printf(" %c%c", cell(s), itav_elemset_has(d, (itav_element)e) ? '*' : ' ');
        }
        printf("  %s\n", itav_intervention_name(rows[i]));
        all &= itav_intervention_elements(rows[i], ITAV_PROFILE_TABLE);
    }
    printf("\n+ present, - absent, ? unknown; * the example's own sections say otherwise:\n");
    for (i = 0; i < n; i++) {
        itav_elemset d = itav_intervention_disputed(rows[i]);
        for (e = 1; e <= ITAV_ELEMENT_COUNT; e++) {
            const char *ref;
            if (!itav_elemset_has(d, (itav_element)e))
                continue;
            ref = itav_intervention_element_source(rows[i], ITAV_PROFILE_SECTIONS,
                                                   (itav_element)e);
            printf("  %s, element %d %s: table %c, sections %c%s%s%s\n",
                   itav_intervention_id(rows[i]), e, itav_element_code((itav_element)e),
                   cell(itav_intervention_element(rows[i], ITAV_PROFILE_TABLE, (itav_element)e)),
                   cell(itav_intervention_element(rows[i], ITAV_PROFILE_SECTIONS,
                                                  (itav_element)e)),
                   ref ? " (" : "", ref ? ref : "", ref ? ")" : "");
        }
    }
    printf("\nElements:\n");
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        printf("  %d  %s\n", e, itav_element_label((itav_element)e, ITAV_LANG_EN));
    printf("\nPortfolio: of the %zu examples,", n);
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        printf(" %d have element %d%s", count[e], e, e < ITAV_ELEMENT_COUNT ? "," : ";");
    printf(" all %zu share elements", n);
    for (e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        if (itav_elemset_has(all, (itav_element)e))
            printf(" %d", e);
    printf(".\nThe table describes, it does not rank: more elements is not better "
           "(seed 001, line 2387).\n\n");

    for (i = 0; i < n; i++)
        itav_intervention_free(rows[i]);
    n = 0;
    if ((rc = itav_export_json_file(db, export_path)) != ITAV_OK)
        goto error;
    printf("Export: %s\nStore:  %s\n", export_path, uri + 7);
    itav_close(db);
    return fflush(stdout) == 0 ? 0 : 2;

error:
    for (i = 0; i < n; i++)
        itav_intervention_free(rows[i]);
    rc = fail(db, rc, uri);
    itav_close(db);
    return rc;
}
