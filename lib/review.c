/* Reviews of matches (itav/review.h). ISSUE4: filled in by the reviews work. */
#include "internal.h"

ITAV_API void itav_review_free(itav_review *r)
{
    if (!r)
        return;
    itav__free(r->id);
    itav__free(r->match);
    itav__free(r->offer);
    itav__free(r->safety_note);
    itav__free(r->note);
    itav__free(r);
}

int itav__review_write(itav_db *db, const itav_review *r)
{
    (void)r;
    return itav__error(db, ITAV_ERROR, "reviews are not implemented yet");
}
