/* The store's secret: 16 random bytes made once per store and kept in the record ("meta",
 * "secret") on every backend. The cell key method of reports (lib/evaluation/cellkey.c)
 * derives each record's key from it, so the noise of a perturbed report is fixed by the
 * store yet cannot be predicted from the published tables. It never leaves the library: no
 * getter, no export (docs/guide.md, "Perturbation"). */
#include "store/store_int.h"

#include <stdio.h>
#include <string.h>

#define SECRET_KEY "secret"

static int take_secret(void *arg, const char *key, const void *data, size_t size)
{
    (void)key;
    if (size != ITAV__SECRET_SIZE)
        return ITAV_EFORMAT;
    memcpy(arg, data, ITAV__SECRET_SIZE);
    return ITAV_OK;
}

static int read_secret(unsigned char out[ITAV__SECRET_SIZE], itav_db *db)
{
    int rc = db->be->get(db->be, ITAV__KIND_META, SECRET_KEY, take_secret, out);
    if (rc == ITAV_EFORMAT)
        return itav__error(db, rc, "the store's secret is damaged (record meta/secret is not "
                           "%d bytes)", ITAV__SECRET_SIZE);
    if (rc != ITAV_OK && rc != ITAV_ENOTFOUND)
        return itav__backend_error(db, rc, "cannot read the store's secret");
    return rc;
}

int itav__secret_make(itav_db *db)
{
    unsigned char s[ITAV__SECRET_SIZE];
    int rc = read_secret(s, db);
    if (rc != ITAV_ENOTFOUND)
        return rc; /* there is one already (or an error) */
    FILE *f = fopen("/dev/urandom", "rb");
    size_t got = f ? fread(s, 1, sizeof s, f) : 0;
    if (f)
        fclose(f);
    if (got != sizeof s)
        return itav__error(db, ITAV_EIO, "cannot make the store's secret: no random bytes "
                           "from /dev/urandom");
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    rc = itav__put_record(db, ITAV__KIND_META, SECRET_KEY, index, s, sizeof s);
    memset(s, 0, sizeof s);
    return rc;
}

int itav__secret(unsigned char out[ITAV__SECRET_SIZE], itav_db *db)
{
    int rc = read_secret(out, db);
    if (rc != ITAV_ENOTFOUND)
        return rc;
    if (db->reading || db->writing)
        return itav__error(db, ITAV_ESTATE, "the store has no secret yet, and one cannot be "
                           "made inside a transaction");
    /* A store made before secrets: make it now, in a transaction of its own. */
    if ((rc = itav__begin(db)) != ITAV_OK)
        return rc;
    if ((rc = itav__secret_make(db)) != ITAV_OK) {
        itav__rollback(db);
        return rc;
    }
    if ((rc = itav__commit(db)) != ITAV_OK)
        return rc;
    return read_secret(out, db) == ITAV_OK
               ? ITAV_OK
               : itav__error(db, ITAV_EIO, "cannot read the store's secret just made");
}
