/* Upgrading a store of record format 1 (each record its itav/1 JSON text) to the current
 * format, inside the transaction that lib/store/store.c opens for it when the store is
 * opened. Every record is read as JSON through the same strict decoders as an import and
 * written again by its model module, which encodes it with lib/codec and sets its index
 * values. Records are read by key between the writes: the core never writes during a scan. */
#include "interchange/json_int.h"

#include <stdio.h>

static int add_key(void *arg, const char *key, const void *data, size_t size)
{
    (void)data, (void)size;
    return itav__strlist_add(arg, key);
}

/* Reads one format-1 record (JSON text) of a kind and writes it in the current format. */
#define UPGRADER(name, type)                                                                  \
    static int upgrade_##name(itav_db *db, const char *text, size_t size, char *err,          \
                              size_t errsize)                                                 \
    {                                                                                         \
        type *obj;                                                                            \
        int rc = itav__json_##name##_parse(&obj, text, size, err, errsize);                   \
        if (rc == ITAV_OK) {                                                                  \
            rc = itav__##name##_write(db, obj);                                               \
            itav_##name##_free(obj);                                                          \
        }                                                                                     \
        return rc;                                                                            \
    }
UPGRADER(intervention, itav_intervention)
UPGRADER(offer, itav_offer)
UPGRADER(participant, itav_participant)
UPGRADER(match, itav_match)
UPGRADER(review, itav_review)
UPGRADER(indicator, itav_indicator)

static const struct {
    const char *kind;
    int (*upgrade)(itav_db *db, const char *text, size_t size, char *err, size_t errsize);
} upgraders[] = {
    {ITAV__KIND_INTERVENTION, upgrade_intervention}, {ITAV__KIND_OFFER, upgrade_offer},
    {ITAV__KIND_PARTICIPANT, upgrade_participant}, {ITAV__KIND_MATCH, upgrade_match},
    {ITAV__KIND_REVIEW, upgrade_review}, {ITAV__KIND_INDICATOR, upgrade_indicator},
};

static int upgrade_kind(itav_db *db, size_t u)
{
    itav__strlist keys = {0};
    char err[512];
    const char *kind = upgraders[u].kind;
    int rc = itav__scan(db, kind, ITAV_SCAN_ALL, NULL, add_key, &keys);
    for (size_t i = 0; i < keys.n && rc == ITAV_OK; i++) {
        char *text;
        size_t size;
        if ((rc = itav__get_record(&text, &size, db, kind, keys.v[i])) != ITAV_OK)
            break;
        rc = upgraders[u].upgrade(db, text, size, err, sizeof err);
        itav__free(text);
        if (rc == ITAV_EFORMAT)
            itav__error(db, rc, "cannot upgrade the store: stored %s \"%s\" is damaged: %s",
                        kind, keys.v[i], err);
        else if (rc != ITAV_OK && rc != ITAV_ENOMEM) { /* the writer said why (an orphan) */
            snprintf(err, sizeof err, "%s", itav_errmsg(db));
            itav__error(db, rc, "cannot upgrade the store: %s", err);
        }
    }
    if (rc == ITAV_ENOMEM)
        itav__error(db, rc, "out of memory upgrading the store");
    itav__strlist_clear(&keys);
    return rc;
}

int itav__records_upgrade(itav_db *db, long from)
{
    if (from != 1)
        return itav__error(db, ITAV_EVERSION, "no upgrade from record format %ld", from);
    int rc = ITAV_OK;
    for (size_t u = 0; u < sizeof upgraders / sizeof *upgraders && rc == ITAV_OK; u++)
        rc = upgrade_kind(db, u);
    return rc;
}
