/* Fuzz target: stored records (lib/codec), read back through the public API. The first input
 * byte picks the kind (its value mod 7: intervention, offer, participant, match, review,
 * indicator, release); the rest is put, as it is, as the record of that kind under the key KEY in a
 * new memory store, through the record layer (white-box: the model would only ever write
 * what its encoder makes). Beyond "no crash, no leak" it checks:
 * - itav_<kind>_get() gives ITAV_OK or ITAV_EFORMAT, nothing else (not ITAV_ENOMEM);
 * - a damaged record: the context's code is ITAV_EFORMAT and its message is exactly
 *   `stored <kind> "KEY" is damaged: ` followed by what the codec's own decoder
 *   (itav__<kind>_decode) says, which names the field path from the kind on
 *   ("participant.languages[2]: ..."); the store's export, which reads the record by scan,
 *   fails with the same code and message;
 * - a record that reads: the object encodes (itav__<kind>_encode), that encoding decodes,
 *   and encodes again to the same bytes; the store exports, and exports the same after the
 *   record is replaced by its encoding; the object's *_to_json (the four kinds that have
 *   one) succeeds and gives the same text when the object is read again after that. */
#include "fuzz.h"

#include "codec/codec_int.h"
#include "store/store_int.h"

#include <itav.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY "fuzz-record-1"

/* One kind, its functions with the object's type erased. */
typedef struct kind_ops {
    const char *name;
    int (*get)(void **out, itav_db *db, const char *key);
    int (*decode)(void **out, const void *data, size_t size, char *err, size_t errsize);
    int (*encode)(unsigned char **out, size_t *size, const void *obj);
    int (*to_json)(char **out, const void *obj); /* NULL: the public API has none */
    void (*free)(void *obj);
} kind_ops;

#define KIND_FUNCTIONS(kind, T)                                                               \
    static int get_##kind(void **out, itav_db *db, const char *key)                           \
    {                                                                                         \
        T *obj = NULL;                                                                        \
        int rc = itav_##kind##_get(&obj, db, key);                                            \
        *out = obj;                                                                           \
        return rc;                                                                            \
    }                                                                                         \
    static int decode_##kind(void **out, const void *data, size_t size, char *err,            \
                             size_t errsize)                                                  \
    {                                                                                         \
        T *obj = NULL;                                                                        \
        int rc = itav__##kind##_decode(&obj, NULL, data, size, err, errsize);                 \
        *out = obj;                                                                           \
        return rc;                                                                            \
    }                                                                                         \
    static int encode_##kind(unsigned char **out, size_t *size, const void *obj)              \
    {                                                                                         \
        return itav__##kind##_encode(out, size, obj);                                         \
    }                                                                                         \
    static void free_##kind(void *obj) { itav_##kind##_free(obj); }
#define TO_JSON(kind)                                                                         \
    static int to_json_##kind(char **out, const void *obj)                                    \
    {                                                                                         \
        return itav_##kind##_to_json(out, obj);                                               \
    }

KIND_FUNCTIONS(intervention, itav_intervention)
KIND_FUNCTIONS(offer, itav_offer)
KIND_FUNCTIONS(participant, itav_participant)
KIND_FUNCTIONS(match, itav_match)
KIND_FUNCTIONS(review, itav_review)
KIND_FUNCTIONS(indicator, itav_indicator)
KIND_FUNCTIONS(release, itav_release)
TO_JSON(intervention)
TO_JSON(offer)
TO_JSON(participant)
TO_JSON(match)

#define KIND(kind, json) {#kind, get_##kind, decode_##kind, encode_##kind, json, free_##kind}
/* The order of the seeds' first byte (make_corpus.py writes the same). */
static const kind_ops kinds[] = {
    KIND(intervention, to_json_intervention), KIND(offer, to_json_offer),
    KIND(participant, to_json_participant), KIND(match, to_json_match),
    KIND(review, NULL), KIND(indicator, NULL), KIND(release, NULL),
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* Puts the bytes as the record (kind, KEY), replacing any. */
static void put_raw(itav_db *db, const char *kind, const void *data, size_t size)
{
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    FUZZ_CHECK(itav__begin(db) == ITAV_OK, itav_errmsg(db));
    FUZZ_CHECK(itav__put_record(db, kind, KEY, index, data, size) == ITAV_OK, itav_errmsg(db));
    FUZZ_CHECK(itav__commit(db) == ITAV_OK, itav_errmsg(db));
}

/* The object's JSON, or NULL for a kind without *_to_json (itav_free it). */
static char *object_json(const kind_ops *k, const void *obj)
{
    char *text = NULL;
    if (!k->to_json)
        return NULL;
    int rc = k->to_json(&text, obj);
    FUZZ_CHECK(rc == ITAV_OK && text != NULL, itav_strerror(rc));
    return text;
}

/* A record that did not read: the message and the export say which, and where. */
static void check_damaged(itav_db *db, const kind_ops *k, const uint8_t *rec, size_t size)
{
    char err[512], want[1024 + 64];
    void *obj = NULL;
    int rc = k->decode(&obj, rec, size, err, sizeof err);
    FUZZ_CHECK(rc == ITAV_EFORMAT && obj == NULL, err);
    /* The path starts at the kind: "participant: ...", "participant.languages[2]: ...". */
    size_t len = strlen(k->name);
    FUZZ_CHECK(strncmp(err, k->name, len) == 0 && strchr(":.[", err[len]) && err[len] != '\0',
               err);
    snprintf(want, sizeof want, "stored %s \"%s\" is damaged: %s", k->name, KEY, err);
    FUZZ_CHECK(itav_errcode(db) == ITAV_EFORMAT, itav_errmsg(db));
    FUZZ_CHECK(strcmp(itav_errmsg(db), want) == 0, itav_errmsg(db));

    char *text = NULL;
    rc = itav_export_json_string(&text, db);
    FUZZ_CHECK(rc == ITAV_EFORMAT && text == NULL, itav_errmsg(db));
    FUZZ_CHECK(strcmp(itav_errmsg(db), want) == 0, itav_errmsg(db));
}

/* A record that read into obj: a fixed point of the codec, exported and read again alike. */
static void check_read(itav_db *db, const kind_ops *k, void *obj)
{
    unsigned char *enc = NULL, *again = NULL;
    size_t nenc = 0, nagain = 0;
    char err[512] = "";
    void *copy = NULL;
    FUZZ_CHECK(k->encode(&enc, &nenc, obj) == ITAV_OK, "encoding what was read");
    FUZZ_CHECK(k->decode(&copy, enc, nenc, err, sizeof err) == ITAV_OK, err);
    FUZZ_CHECK(k->encode(&again, &nagain, copy) == ITAV_OK, "encoding the decoded encoding");
    FUZZ_CHECK(nenc == nagain && memcmp(enc, again, nenc) == 0,
               "the encoding decodes into an object that encodes differently");
    k->free(copy);
    itav__free(again);

    char *json = object_json(k, obj);
    char *exported = fuzz_export(db);
    put_raw(db, k->name, enc, nenc);
    itav__free(enc);
    char *reexported = fuzz_export(db);
    FUZZ_CHECK(strcmp(exported, reexported) == 0, reexported);

    void *reread = NULL;
    int rc = k->get(&reread, db, KEY);
    FUZZ_CHECK(rc == ITAV_OK && reread != NULL, itav_errmsg(db));
    char *json2 = object_json(k, reread);
    FUZZ_CHECK((json == NULL) == (json2 == NULL) && (!json || strcmp(json, json2) == 0),
               json2);
    k->free(reread);
    itav_free(json);
    itav_free(json2);
    itav_free(exported);
    itav_free(reexported);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const kind_ops *k = &kinds[data[0] % NKINDS];
    const uint8_t *rec = data + 1;
    size_t nrec = size - 1;

    itav_db *db = fuzz_memory_store(NULL);
    put_raw(db, k->name, rec, nrec);
    void *obj = NULL;
    int rc = k->get(&obj, db, KEY);
    FUZZ_CHECK(rc == ITAV_OK || rc == ITAV_EFORMAT, itav_errmsg(db));
    if (rc == ITAV_OK) {
        FUZZ_CHECK(obj != NULL, "no object");
        check_read(db, k, obj);
        k->free(obj);
    } else {
        FUZZ_CHECK(obj == NULL, "an object from a failed read");
        check_damaged(db, k, rec, nrec);
    }
    itav_close(db);
    return 0;
}
