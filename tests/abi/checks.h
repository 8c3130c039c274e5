/* Checks that count failures instead of stopping, for the ABI test programs, which go on
 * after a failed check to report every difference at once. Needs <stdio.h> and <itav.h>
 * (for itav_errmsg) before it; the program defines `static int failures;` and exits
 * non-zero when it is not 0. Includes nothing itself, so that the old client stays compiled
 * against the baseline headers only. */
#ifndef ITAV_TEST_ABI_CHECKS_H
#define ITAV_TEST_ABI_CHECKS_H

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
            failures++;                                                                \
        }                                                                              \
    } while (0)

/* A call that must succeed; on failure says why (itav_errmsg) and counts it. */
#define OK(db, call)                                                                   \
    do {                                                                               \
        int ok_rc_ = (call);                                                           \
        if (ok_rc_ != ITAV_OK) {                                                       \
            fprintf(stderr, "%s:%d: %s returned %d: %s\n", __FILE__, __LINE__, #call,  \
                    ok_rc_, itav_errmsg(db));                                          \
            failures++;                                                                \
        }                                                                              \
    } while (0)

#endif
