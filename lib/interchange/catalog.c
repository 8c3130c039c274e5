/* The built-in catalogue: data/catalog.json, compiled into the library, loaded through the
 * dataset import. */
#include "interchange/json_int.h"

#include <string.h>
/* ======================================================================================
 * The built-in catalogue
 * ====================================================================================== */

ITAV_API const char *itav_catalog_json(void) { return itav__catalog_text; }

/* Counts how many of the catalogue's records (interventions and offers) the store has. */
static int catalog_present(size_t *present, size_t *total, itav_db *db, const json_t *root)
{
    static const struct { const char *member, *kind; } lists[] = {
        {"interventions", ITAV__KIND_INTERVENTION}, {"offers", ITAV__KIND_OFFER}};
    *present = *total = 0;
    for (size_t l = 0; l < 2; l++) {
        const json_t *a = json_object_get(root, lists[l].member);
        for (size_t i = 0; i < json_array_size(a); i++, (*total)++) {
            const char *id = json_string_value(json_object_get(json_array_get(a, i), "id"));
            bool exists = false;
            int rc = id ? itav__exists(&exists, db, lists[l].kind, id) : ITAV_OK;
            if (rc != ITAV_OK)
                return rc;
            *present += exists;
        }
    }
    return ITAV_OK;
}

ITAV_API int itav_catalog_load(itav_db *db)
{
    char err[512];
    itav__json_dec d = {err, sizeof err, db};
    size_t present, total;
    if (!db)
        return ITAV_EINVAL;
    json_t *root;
    const char *text = itav__catalog_text;
    int rc = itav__json_parse(&root, &d, text, strlen(text), "catalog.json");
    if (rc != ITAV_OK)
        return itav__error(db, rc, "%s", err);
    rc = catalog_present(&present, &total, db, root);
    if (rc == ITAV_OK && present == total && total > 0)
        rc = itav__error(db, ITAV_EEXISTS, "the built-in catalogue is already in the store");
    else if (rc == ITAV_OK)
        rc = itav__json_import(db, root, "catalog.json"); /* names any partial overlap */
    /* Another connection may have loaded it between the check and the import's
     * transaction: then it is simply there, not a clash of every id. */
    if (rc == ITAV_EFORMAT && catalog_present(&present, &total, db, root) == ITAV_OK &&
        present == total && total > 0)
        rc = itav__error(db, ITAV_EEXISTS, "the built-in catalogue is already in the store");
    json_decref(root);
    return rc;
}

