/* The stored record of a release (model_int.h): its free function, here below lib/codec, which
 * decodes releases; lib/evaluation/release.c makes, stores and reads them. */
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
