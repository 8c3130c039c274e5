/* Upgrading a store of record format 1 (each record its itav/1 JSON text) to the current
 * format, inside the transaction that lib/store/store.c opens for it when the store is
 * opened. Every record is read as JSON through the same strict decoders as an import and
 * written again by its model module, which encodes it with lib/codec and sets its index
 * values. Records are read by key between the writes: the core never writes during a scan. */
#include "interchange/json_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        int rc = itav__json_##name##_parse(&obj, text, size, err, errsize, db);               \
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

/* Text in a format-1 record may hold control characters, which the library refuses since
 * 0.4 (issue 17: a terminal obeys them). Each becomes U+FFFD, the replacement character, so
 * that the store can still be upgraded; tab and line feed stay. The text is JSON as jansson
 * wrote it: such a character is an escape there (\u001b, \r, \b, \f), but DEL and C1,
 * which are written as they are. Returns the new text (owned, size updated) or NULL for lack
 * of memory. */
static char *replace_controls(const char *text, size_t *size)
{
    size_t n = *size, out = 0;
    char *r = itav__malloc(6 * n + 1); /* a DEL, one byte, becomes six */
    if (!r)
        return NULL;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)text[i];
        size_t skip = 0;
        if (c == '\\' && i + 1 < n) {
            char e = text[i + 1];
            if (e == 'r' || e == 'b' || e == 'f') {
                skip = 2;
            } else if (e == 'u' && i + 5 < n && text[i + 2] == '0' && text[i + 3] == '0') {
                char hex[3] = {text[i + 4], text[i + 5], 0};
                unsigned long v = strtoul(hex, NULL, 16);
                if ((v < 0x20 && v != '\t' && v != '\n') || (v >= 0x7F && v <= 0x9F))
                    skip = 6;
            }
            if (!skip) { /* another escape, copied whole: its second byte starts nothing */
                r[out++] = text[i++];
                r[out++] = text[i++];
                continue;
            }
        } else if (c == 0x7F) {
            skip = 1;
        } else if (c == 0xC2 && i + 1 < n && (unsigned char)text[i + 1] >= 0x80 &&
                   (unsigned char)text[i + 1] <= 0x9F) {
            skip = 2;
        }
        if (skip) {
            memcpy(r + out, "\\ufffd", 6);
            out += 6;
            i += skip;
        } else {
            r[out++] = text[i++];
        }
    }
    r[out] = '\0';
    *size = out;
    return r;
}

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
        char *clean = replace_controls(text, &size);
        itav__free(text);
        if (!clean) {
            rc = ITAV_ENOMEM;
            break;
        }
        rc = upgraders[u].upgrade(db, clean, size, err, sizeof err);
        itav__free(clean);
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
