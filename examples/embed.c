/* Embedding libitav: list the interventions that have an element present.
 * Build: cc embed.c $(pkg-config --cflags --libs itav)   Run: ./a.out [ELEMENT-CODE] */
#include <itav.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    const char *code = argc > 1 ? argv[1] : "informal_support";
    itav_intervention_filter filter = ITAV_INTERVENTION_FILTER_INIT;
    itav_intervention_iter *it = NULL;
    itav_intervention *iv;
    itav_element e;
    itav_db *db = NULL;
    int rc;

    if (itav_element_from_code(&e, code) != ITAV_OK) {
        fprintf(stderr, "unknown element code: %s\n", code);
        return 1;
    }
    filter.all_of = itav_elemset_add(0, e);
    rc = itav_open(&db, "memory:");
    if (rc == ITAV_OK)
        rc = itav_catalog_load(db);
    if (rc == ITAV_OK)
        rc = itav_intervention_list(&it, db, &filter);
    while (rc == ITAV_OK && (rc = itav_intervention_iter_next(&iv, it)) == ITAV_OK) {
        printf("%s\t%s\n", itav_intervention_id(iv), itav_intervention_name(iv));
        itav_intervention_free(iv);
    }
    itav_intervention_iter_free(it);
    if (rc != ITAV_ITEROVER) {
        fprintf(stderr, "libitav: %s\n", db ? itav_errmsg(db) : itav_strerror(rc));
        itav_close(db);
        return 2;
    }
    itav_close(db);
    return 0;
}
