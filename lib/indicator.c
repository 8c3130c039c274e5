/* Indicators (itav/indicator.h). ISSUE4: filled in by the indicators work. */
#include "internal.h"

ITAV_API void itav_indicator_free(itav_indicator *ind)
{
    (void)ind; /* ISSUE4: free every member */
}

int itav__indicator_write(itav_db *db, const itav_indicator *ind)
{
    (void)ind;
    return itav__error(db, ITAV_ERROR, "indicators are not implemented yet");
}
