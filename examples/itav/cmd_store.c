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


static int cmd_import(cli *c)
{
    itav_db *db;
    int rc = open_store(&db, c, 1);
    if (rc)
        return rc;
    rc = itav_import_json_file(db, c->args[1]);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    return rc;
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
         "import an itav/1 JSON file (all or nothing)",
         (const cmd_opt[]){{0, NULL}}, cmd_import},
        {"export", {"[FILE]", NULL}, "[FILE]",
         "export the store as itav/1 JSON (standard output without FILE)",
         (const cmd_opt[]){{0, NULL}}, cmd_export},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
