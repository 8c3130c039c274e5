/* The stored record of a release (model_int.h): its free function, here below lib/codec, which
 * decodes releases, and its write; lib/evaluation/release.c makes and reads them, and the
 * itav/1 import (lib/interchange) writes those of an export. */
#include "model/model_int.h"

ITAV_API void itav_release_free(itav_release *rl)
{
    if (!rl)
        return;
    itav__free(rl->id);
    itav__free(rl->offer);
    itav__strlist_clear(&rl->members);
    for (size_t i = 0; i < rl->ncells; i++) {
        itav__free(rl->cells[i].table);
        itav__free(rl->cells[i].row);
        itav__free(rl->cells[i].column);
    }
    itav__free(rl->cells);
    itav__free(rl);
}

int itav__release_write(itav_db *db, const itav_release *rl)
{
    unsigned char *rec;
    size_t size;
    int rc = itav__release_encode(&rec, &size, rl);
    if (rc != ITAV_OK)
        return itav__error(db, rc, "cannot encode release \"%s\": %s", rl->id,
                           itav__strerror(db, rc));
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    index[ITAV__RELEASE_SLOT_OFFER] = rl->offer; /* on PostgreSQL: the offer's, like its records */
    rc = itav__put_record(db, ITAV__KIND_RELEASE, rl->id, index, rec, size);
    itav__free(rec);
    return rc;
}
