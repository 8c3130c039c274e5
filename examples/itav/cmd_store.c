/* itav: the store as a whole: init, import and export. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- commands --------------------------------------------------------------------------- */

static int cmd_init(cli *c)
{
    itav_db *db;
    int rc = open_store(&db, c, 1);
    char *uri;
    if (rc)
        return rc;
    rc = itav_catalog_load(db);
    if (rc != ITAV_OK) {
        rc = lib_error(db, rc);
        itav_close(db);
        return rc;
    }
    itav_close(db);
    if (store_uri(&uri, c, 0) == 0) {
        printf(tr(c, "Initialised %s with the built-in catalogue.\n",
                  "%s aangemaakt met de ingebouwde catalogus.\n"),
               uri);
        free(uri);
    }
    return 0;
}


/* How many records of each kind the store holds. The library's import says only whether it
 * worked; an import adds records and replaces none (an id already there is refused), so the
 * counts after minus the counts before are what it imported. */
enum { K_INTERVENTIONS, K_OFFERS, K_INDICATORS, K_PARTICIPANTS, K_MATCHES, K_REVIEWS, K_KINDS };

#define COUNT_ALL(n, list_call, item_type, next, free_item, free_iter)                   \
    do {                                                                                  \
        item_type *item_;                                                                 \
        if ((rc = (list_call)) != ITAV_OK)                                                \
            return lib_error(db, rc);                                                     \
        while ((rc = next(&item_, it_)) == ITAV_OK) {                                     \
            free_item(item_);                                                             \
            ++(n);                                                                        \
        }                                                                                 \
        free_iter(it_);                                                                   \
        if (rc != ITAV_ITEROVER)                                                          \
            return lib_error(db, rc);                                                     \
    } while (0)

static int count_store(size_t n[K_KINDS], itav_db *db)
{
    int rc;
    memset(n, 0, K_KINDS * sizeof n[0]);
    {
        itav_intervention_iter *it_ = NULL;
        COUNT_ALL(n[K_INTERVENTIONS], itav_intervention_list(&it_, db, NULL), itav_intervention,
                  itav_intervention_iter_next, itav_intervention_free,
                  itav_intervention_iter_free);
    }
    {
        itav_offer_iter *it_ = NULL;
        COUNT_ALL(n[K_OFFERS], itav_offer_list(&it_, db, NULL, NULL), itav_offer,
                  itav_offer_iter_next, itav_offer_free, itav_offer_iter_free);
    }
    {
        itav_indicator_iter *it_ = NULL;
        COUNT_ALL(n[K_INDICATORS], itav_indicator_list(&it_, db, NULL), itav_indicator,
                  itav_indicator_iter_next, itav_indicator_free, itav_indicator_iter_free);
    }
    {
        itav_participant_iter *it_ = NULL;
        COUNT_ALL(n[K_PARTICIPANTS], itav_participant_list(&it_, db, NULL), itav_participant,
                  itav_participant_iter_next, itav_participant_free,
                  itav_participant_iter_free);
    }
    {
        itav_match_iter *it_ = NULL;
        COUNT_ALL(n[K_MATCHES], itav_match_list(&it_, db, NULL), itav_match,
                  itav_match_iter_next, itav_match_free, itav_match_iter_free);
    }
    {
        itav_review_iter *it_ = NULL;
        COUNT_ALL(n[K_REVIEWS], itav_review_list(&it_, db, NULL, NULL), itav_review,
                  itav_review_iter_next, itav_review_free, itav_review_iter_free);
    }
    return 0;
}

static int cmd_import(cli *c)
{
    static const char *const en[K_KINDS][2] = {
        {"intervention", "interventions"}, {"offer", "offers"}, {"indicator", "indicators"},
        {"participant", "participants"}, {"match", "matches"}, {"review", "reviews"}};
    static const char *const nl[K_KINDS][2] = {
        {"interventie", "interventies"}, {"aanbod", "aanbiedingen"},
        {"indicator", "indicatoren"}, {"deelnemer", "deelnemers"},
        {"koppeling", "koppelingen"}, {"evaluatie", "evaluaties"}};
    size_t before[K_KINDS], after[K_KINDS], shown = 0;
    itav_db *db;
    int rc = open_store(&db, c, 1);
    if (rc)
        return rc;
    if ((rc = count_store(before, db)) == 0) {
        rc = itav_import_json_file(db, c->args[1]);
        rc = rc == ITAV_OK ? count_store(after, db) : lib_error(db, rc);
    }
    itav_close(db);
    if (rc)
        return rc;
    printf(tr(c, "Imported from %s:", "Ingelezen uit %s:"), c->args[1]);
    for (size_t k = 0; k < K_KINDS; k++) {
        size_t n = after[k] - before[k];
        if (n)
            printf("%s %zu %s", shown++ ? "," : "", n,
                   (c->lang == ITAV_LANG_NL ? nl : en)[k][n != 1]);
    }
    printf("%s.\n", shown ? "" : tr(c, " nothing", " niets"));
    return 0;
}

static int cmd_export(cli *c)
{
    itav_db *db;
    int rc = open_store(&db, c, 0);
    if (rc)
        return rc;
    if (c->n_args > 1) {
        rc = itav_export_json_file(db, c->args[1]);
        if (rc != ITAV_OK)
            rc = lib_error(db, rc);
    } else {
        char *text = NULL;
        rc = itav_export_json_string(&text, db);
        if (rc != ITAV_OK) {
            rc = lib_error(db, rc);
        } else {
            fputs(text, stdout);
            itav_free(text);
        }
    }
    itav_close(db);
    return rc;
}


const command_group store_group = {
    "store", true, "The store",
    (const command[]){
        {"init", {NULL, NULL}, "",
         "create the store and load the built-in catalogue",
         (const cmd_opt[]){{0, NULL}}, cmd_init},
        {"import", {"FILE", NULL}, "FILE",
         "import an itav/1 JSON file (all or nothing); prints what it added",
         (const cmd_opt[]){{0, NULL}}, cmd_import},
        {"export", {"[FILE]", NULL}, "[FILE]",
         "export the store as itav/1 JSON (standard output without FILE)",
         (const cmd_opt[]){{0, NULL}}, cmd_export},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
