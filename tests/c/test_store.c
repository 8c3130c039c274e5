/* Store conformance: every test runs on the memory store, the SQLite store and a backend
 * written in the test itself (tests/c/testutil.c), and must give the same answers. Also the
 * SQLite file itself, and the record format: the upgrade of tests/data/store-format1.db, a
 * store of format 1 made by the previous library. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static itav_intervention *make(const char *id, const char *name, itav_setting setting,
                               itav_elemset present, const char *municipality)
{
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_new(&iv, id), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, name), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_setting(iv, setting), ITAV_OK);
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        ck_assert_int_eq(itav_intervention_set_element(iv, ITAV_PROFILE_TABLE, (itav_element)e,
                                                       itav_elemset_has(present, (itav_element)e)
                                                           ? ITAV_STATUS_PRESENT
                                                           : ITAV_STATUS_ABSENT,
                                                       NULL, NULL),
                         ITAV_OK);
    if (municipality)
        ck_assert_int_eq(itav_intervention_add_text(iv, ITAV_TEXT_MUNICIPALITIES, municipality),
                         ITAV_OK);
    return iv;
}

static void create(itav_db *db, itav_intervention *iv)
{
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
}

static void create_offer(itav_db *db, const char *id, const char *iv, const char *m)
{
    itav_offer *of;
    ck_assert_int_eq(itav_offer_new(&of, id, iv), ITAV_OK);
    if (m)
        ck_assert_int_eq(itav_offer_add_text(of, ITAV_TEXT_MUNICIPALITIES, m), ITAV_OK);
    ck_assert_msg(itav_offer_create(db, of) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer_free(of);
}

#define E(x) (1u << ((x) - 1))

/* A small fixture: four interventions, two offers. */
static void fixture(itav_db *db)
{
    create(db, make("zeta", "zeta club", ITAV_SETTING_INFORMAL, E(2) | E(4) | E(5), NULL));
    create(db, make("alpha", "Alpha", ITAV_SETTING_FORMAL, E(2) | E(3), "Delft"));
    create(db, make("mid", "Middle", ITAV_SETTING_INFORMAL, E(1) | E(2) | E(4) | E(5),
                    NULL));
    create(db, make("bare", "Bare", ITAV_SETTING_MIXED, 0, NULL));
    create_offer(db, "mid-haarlem", "mid", "Haarlem");
    create_offer(db, "zeta-leiden", "zeta", "Leiden");
}

/* The ids a filter lists, joined by spaces. */
static void list_ids(char *buf, size_t size, itav_db *db, const itav_intervention_filter *f)
{
    itav_intervention_iter *it;
    itav_intervention *iv;
    int rc;
    buf[0] = '\0';
    ck_assert_msg(itav_intervention_list(&it, db, f) == ITAV_OK, "%s", itav_errmsg(db));
    while ((rc = itav_intervention_iter_next(&iv, it)) == ITAV_OK) {
        if (buf[0])
            strncat(buf, " ", size - strlen(buf) - 1);
        strncat(buf, itav_intervention_id(iv), size - strlen(buf) - 1);
        itav_intervention_free(iv);
    }
    ck_assert_int_eq(rc, ITAV_ITEROVER);
    ck_assert_ptr_null(iv);
    ck_assert_int_eq(itav_intervention_iter_next(&iv, it), ITAV_ITEROVER);
    itav_intervention_iter_free(it);
}

START_TEST(create_get_update_delete)
{
    itav_db *db = open_store(_i);
    itav_intervention *iv, *got;
    iv = make("home-start", "Home-Start", ITAV_SETTING_INFORMAL, E(2), NULL);
    ck_assert_int_eq(itav_intervention_create(db, iv), ITAV_OK);
    ck_assert_int_eq(itav_intervention_create(db, iv), ITAV_EEXISTS);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "\"home-start\" already exists"));
    ck_assert_int_eq(itav_intervention_get(&got, db, "home-start"), ITAV_OK);
    ck_assert_str_eq(itav_intervention_name(got), "Home-Start");
    ck_assert_uint_eq(itav_intervention_elements(got, ITAV_PROFILE_DEFAULT), E(2));
    /* a snapshot: changing it does not change the store until update */
    itav_intervention_set_name(got, "Humanitas Home-Start");
    itav_intervention_free(iv);
    ck_assert_int_eq(itav_intervention_get(&iv, db, "home-start"), ITAV_OK);
    ck_assert_str_eq(itav_intervention_name(iv), "Home-Start");
    itav_intervention_free(iv);
    ck_assert_int_eq(itav_intervention_update(db, got), ITAV_OK);
    ck_assert_int_eq(itav_intervention_get(&iv, db, "home-start"), ITAV_OK);
    ck_assert_str_eq(itav_intervention_name(iv), "Humanitas Home-Start");
    itav_intervention_free(iv);
    itav_intervention_free(got);

    ck_assert_int_eq(itav_intervention_get(&iv, db, "nope"), ITAV_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "no intervention \"nope\""));
    ck_assert_int_eq(itav_errcode(db), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_intervention_new(&iv, "nope"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "Nope"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_update(db, iv), ITAV_ENOTFOUND);
    itav_intervention_free(iv);
    ck_assert_int_eq(itav_intervention_new(&iv, "nameless"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_create(db, iv), ITAV_EINVAL);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "a name is required"));
    itav_intervention_free(iv);

    ck_assert_int_eq(itav_intervention_delete(db, "home-start"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_delete(db, "home-start"), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_intervention_get(&iv, db, "home-start"), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_intervention_create(NULL, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_create(db, NULL), ITAV_EINVAL);
    ck_assert_int_eq(itav_intervention_get(&iv, db, NULL), ITAV_EINVAL);
    close_store(db);
}
END_TEST

START_TEST(offers_need_their_intervention)
{
    itav_db *db = open_store(_i);
    itav_offer *of, *got;
    itav_offer_iter *it;
    fixture(db);
    ck_assert_int_eq(itav_offer_new(&of, "ghost-delft", "ghost"), ITAV_OK);
    ck_assert_int_eq(itav_offer_create(db, of), ITAV_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "no intervention \"ghost\""));
    itav_offer_free(of);
    ck_assert_int_eq(itav_offer_get(&got, db, "ghost-delft"), ITAV_ENOTFOUND);

    ck_assert_int_eq(itav_offer_get(&got, db, "mid-haarlem"), ITAV_OK);
    ck_assert_int_eq(itav_offer_create(db, got), ITAV_EEXISTS);
    itav_offer_set_provider(got, "a provider");
    ck_assert_int_eq(itav_offer_update(db, got), ITAV_OK);
    itav_offer_free(got);
    ck_assert_int_eq(itav_offer_get(&got, db, "mid-haarlem"), ITAV_OK);
    ck_assert_str_eq(itav_offer_provider(got), "a provider");
    itav_offer_free(got);

    /* an intervention with offers cannot be deleted */
    ck_assert_int_eq(itav_intervention_delete(db, "mid"), ITAV_EINUSE);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "still has offers"));
    ck_assert_int_eq(itav_offer_list(&it, db, "mid", NULL), ITAV_OK);
    ck_assert_int_eq(itav_offer_iter_next(&of, it), ITAV_OK);
    ck_assert_str_eq(itav_offer_id(of), "mid-haarlem");
    itav_offer_free(of);
    ck_assert_int_eq(itav_offer_iter_next(&of, it), ITAV_ITEROVER);
    itav_offer_iter_free(it);
    ck_assert_int_eq(itav_offer_delete(db, "mid-haarlem"), ITAV_OK);
    ck_assert_int_eq(itav_offer_delete(db, "mid-haarlem"), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_intervention_delete(db, "mid"), ITAV_OK);

    /* all offers in id order; by municipality ignoring case */
    create_offer(db, "alpha-delft", "alpha", "Delft");
    ck_assert_int_eq(itav_offer_list(&it, db, NULL, NULL), ITAV_OK);
    ck_assert_int_eq(itav_offer_iter_next(&of, it), ITAV_OK);
    ck_assert_str_eq(itav_offer_id(of), "alpha-delft");
    itav_offer_free(of);
    ck_assert_int_eq(itav_offer_iter_next(&of, it), ITAV_OK);
    ck_assert_str_eq(itav_offer_id(of), "zeta-leiden");
    itav_offer_free(of);
    itav_offer_iter_free(it); /* freeing with items left is fine */
    ck_assert_int_eq(itav_offer_list(&it, db, NULL, "LEIDEN"), ITAV_OK);
    ck_assert_int_eq(itav_offer_iter_next(&of, it), ITAV_OK);
    ck_assert_str_eq(itav_offer_id(of), "zeta-leiden");
    itav_offer_free(of);
    ck_assert_int_eq(itav_offer_iter_next(&of, it), ITAV_ITEROVER);
    itav_offer_iter_free(it);
    close_store(db);
}
END_TEST

START_TEST(list_filters)
{
    itav_db *db = open_store(_i);
    char ids[256];
    itav_intervention_filter f = ITAV_INTERVENTION_FILTER_INIT;
    fixture(db);
    list_ids(ids, sizeof ids, db, NULL);
    ck_assert_str_eq(ids, "alpha bare mid zeta"); /* by name ignoring case: Alpha Bare Middle zeta */
    f.all_of = E(2) | E(4);
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "mid zeta");
    f.all_of = 0;
    f.any_of = E(1) | E(3);
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "alpha mid");
    f.any_of = 0;
    f.setting = ITAV_SETTING_INFORMAL;
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "mid zeta");
    f.setting = 0;
    f.municipality = "haarlem"; /* through an offer */
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "mid");
    f.municipality = "Delft"; /* named by the intervention itself */
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "alpha");
    f.municipality = NULL;
    f.text = "CLUB";
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "zeta");
    f.text = NULL;
    f.age_months = 12; /* nobody states an age range */
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "");

    /* bad filters are refused with a message */
    itav_intervention_iter *it = NULL;
    itav_intervention_filter bad = ITAV_INTERVENTION_FILTER_INIT;
    bad.version = ITAV_INTERVENTION_FILTER_VERSION + 1;
    ck_assert_int_eq(itav_intervention_list(&it, db, &bad), ITAV_EVERSION);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "version 3"));
    bad.version = 0;
    ck_assert_int_eq(itav_intervention_list(&it, db, &bad), ITAV_EVERSION);
    bad.version = ITAV_INTERVENTION_FILTER_VERSION;
    bad.setting = 9;
    ck_assert_int_eq(itav_intervention_list(&it, db, &bad), ITAV_EINVAL);
    bad.setting = 0;
    bad.all_of = 1u << 8;
    ck_assert_int_eq(itav_intervention_list(&it, db, &bad), ITAV_EINVAL);
    bad.all_of = 0;
    bad.audience = 128;
    ck_assert_int_eq(itav_intervention_list(&it, db, &bad), ITAV_EINVAL);
    ck_assert_ptr_null(it);
    close_store(db);
}
END_TEST

START_TEST(age_audience_channel_filters)
{
    itav_db *db = open_store(_i);
    char ids[256];
    itav_intervention *iv = make("baby", "Baby", ITAV_SETTING_INFORMAL, 0, NULL);
    itav_intervention_set_age_range(iv, -9, 12);
    itav_intervention_set_audience(iv, ITAV_AUDIENCE_EXPECTING_PARENTS);
    itav_intervention_set_channel(iv, ITAV_CHANNEL_BOTH);
    create(db, iv);
    iv = make("teen", "Teen", ITAV_SETTING_INFORMAL, 0, NULL);
    itav_intervention_set_age_range(iv, 144, ITAV_AGE_NONE);
    itav_intervention_set_audience(iv, ITAV_AUDIENCE_YOUTH);
    itav_intervention_set_channel(iv, ITAV_CHANNEL_ONLINE);
    create(db, iv);
    itav_intervention_filter f = ITAV_INTERVENTION_FILTER_INIT;
    f.age_months = -3;
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "baby");
    f.age_months = 600;
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "teen");
    f.age_months = ITAV_AGE_NONE;
    f.channel = ITAV_CHANNEL_IN_PERSON; /* "both" satisfies it */
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "baby");
    f.channel = ITAV_CHANNEL_ONLINE;
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "baby teen");
    f.channel = 0;
    f.audience = ITAV_AUDIENCE_YOUTH | ITAV_AUDIENCE_PARENTS;
    list_ids(ids, sizeof ids, db, &f);
    ck_assert_str_eq(ids, "teen");
    close_store(db);
}
END_TEST

/* The same operations give byte-identical exports on every backend. */
START_TEST(backends_agree)
{
    char *text[STORE_KINDS];
    for (int which = 0; which < STORE_COUNT; which++) {
        itav_db *db = open_store(which);
        fixture(db);
        ck_assert_int_eq(itav_catalog_load(db), ITAV_OK);
        ck_assert_int_eq(itav_intervention_delete(db, "bare"), ITAV_OK);
        text[which] = export_text(db);
        close_store(db);
    }
    for (int which = 1; which < STORE_COUNT; which++) {
        ck_assert_msg(strcmp(text[0], text[which]) == 0, "%s and %s stores differ",
                      store_name(0), store_name(which));
        itav_free(text[which]);
    }
    itav_free(text[0]);
}
END_TEST

/* A backend failure in the middle of an import reaches the caller with its cause, and
 * nothing of the import is left behind. */
START_TEST(backend_failure_leaves_nothing)
{
    itav_backend *be = test_backend_new();
    itav_db *db;
    ck_assert_int_eq(itav_open_backend(&db, be), ITAV_OK);
    fixture(db);
    char *before = export_text(db);
    for (int n = 0; n < 30; n += 7) {
        test_backend_fail_after(be, n);
        ck_assert_int_eq(itav_catalog_load(db), ITAV_EIO);
        ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "injected failure"));
        test_backend_fail_after(be, -1);
        char *after = export_text(db);
        ck_assert_str_eq(before, after);
        itav_free(after);
    }
    test_backend_fail_after(be, 0);
    ck_assert_int_eq(itav_intervention_delete(db, "bare"), ITAV_EIO);
    test_backend_fail_after(be, -1);
    itav_free(before);
    itav_close(db);
}
END_TEST

START_TEST(open_backend_checks_the_struct)
{
    itav_db *db;
    itav_backend *be = test_backend_new();
    be->version = 0;
    ck_assert_int_eq(itav_open_backend(&db, be), ITAV_EVERSION);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "version 0"));
    itav_close(db);
    be->version = ITAV_BACKEND_VERSION + 1;
    ck_assert_int_eq(itav_open_backend(&db, be), ITAV_EVERSION);
    itav_close(db);
    be->version = ITAV_BACKEND_VERSION;
    int (*scan)(itav_backend *, const char *, int, const char *, itav_record_fn, void *) =
        be->scan;
    be->scan = NULL;
    ck_assert_int_eq(itav_open_backend(&db, be), ITAV_EINVAL);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "lacks a required function"));
    /* a context whose open failed refuses work with the reason */
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_get(&iv, db, "x"), ITAV_EINVAL);
    itav_close(db);
    be->scan = scan;
    be->errmsg = NULL; /* optional */
    ck_assert_int_eq(itav_open_backend(&db, be), ITAV_OK);
    itav_close(db); /* frees be */
    ck_assert_int_eq(itav_open_backend(&db, NULL), ITAV_EINVAL);
    itav_close(db);
}
END_TEST

/* A store URI may carry a password; a message about it names everything but that. */
START_TEST(open_hides_passwords)
{
    static const struct {
        const char *uri, *shown;
    } cases[] = {
        /* a socket folder that is not there: no network, whether built with PostgreSQL
         * (ITAV_EIO) or without (ITAV_EINVAL) */
        {"postgresql://user:secret@%2Fnonexistent-itav:5433/itav",
         "\"postgresql://user:***@%2Fnonexistent-itav:5433/itav\""},
        {"postgres://user:secret@%2Fnonexistent-itav/db?sslmode=prefer&password=secret2",
         "\"postgres://user:***@%2Fnonexistent-itav/db?sslmode=prefer&password=***\""},
        {"mysql://:secret@host/db", "\"mysql://:***@host/db\""},
        {"mysql://h/db?sslpassword=secret&sslmode=verify-full",
         "\"mysql://h/db?sslpassword=***&sslmode=verify-full\""},
        {"host=h user=u password=secret dbname=d", "\"host=h user=u password=*** dbname=d\""},
        {"x://a:b:c@h@host/p", "\"x://a:***@host/p\""},
        {"x://user@host/p#password=secret", "\"x://user@host/p#password=***\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        itav_db *db;
        int rc = itav_open(&db, cases[i].uri);
        ck_assert_msg(rc == ITAV_EINVAL || (rc == ITAV_EIO && strstr(cases[i].uri, "postgres")),
                      "%s: %d", cases[i].uri, rc);
        const char *msg = itav_errmsg(db);
        ck_assert_msg(!strstr(msg, "secret") && !strstr(msg, ":b:c"), "%s", msg);
        ck_assert_msg(strstr(msg, cases[i].shown), "%s: %s", cases[i].uri, msg);
        itav_close(db);
    }
}
END_TEST

START_TEST(open_refuses_bad_uris)
{
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, "mysql://x"), ITAV_EINVAL);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "unknown scheme"));
    itav_close(db);
    ck_assert_int_eq(itav_open(&db, "sqlite:"), ITAV_EINVAL);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "no file path"));
    itav_close(db);
    ck_assert_int_eq(itav_open(&db, "sqlite:/nonexistent-dir/x/store.db"), ITAV_EIO);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "/nonexistent-dir/x/store.db"));
    itav_close(db);
    ck_assert_int_eq(itav_open(&db, NULL), ITAV_EINVAL);
    itav_close(db);
    ck_assert_int_eq(itav_open(NULL, "memory:"), ITAV_EINVAL);
}
END_TEST

static void sql(const char *path, const char *statement)
{
    sqlite3 *s;
    ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
    ck_assert_msg(sqlite3_exec(s, statement, NULL, NULL, NULL) == SQLITE_OK, "%s",
                  sqlite3_errmsg(s));
    sqlite3_close(s);
}

static int pragma(const char *path, const char *statement)
{
    sqlite3 *s;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(s, statement, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_type(st, 0) == SQLITE_TEXT
                ? (strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0)
                : sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(s);
    return v;
}

/* The mode of a file (its permission bits), or -1 when it is not there. */
static int file_mode(const char *name)
{
    struct stat sb;
    return stat(name, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

/* Makes name (mode 0666 whatever the umask) holding text. */
static void loose_file(const char *name, const char *text)
{
    mode_t old = umask(0);
    int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0666);
    umask(old);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

/* Opening sqlite:path through a link fails with message and changes nothing at either end. */
static void link_refused(const char *path, const char *target, const char *message)
{
    char uri[96];
    itav_db *db = NULL;
    struct stat before, after;
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    bool there = stat(target, &before) == 0;
    ck_assert_int_eq(symlink(target, path), 0);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_EIO);
    assert_msg(db, message);
    itav_close(db);
    if (there) {
        ck_assert_int_eq(stat(target, &after), 0);
        ck_assert_int_eq(after.st_mode, before.st_mode);
        ck_assert_int_eq(after.st_size, before.st_size);
    } else {
        ck_assert_int_ne(stat(target, &after), 0); /* nothing was made at the other end */
    }
    ck_assert_int_eq(lstat(path, &after), 0);
    ck_assert(S_ISLNK(after.st_mode));
    ck_assert_int_eq(unlink(path), 0);
}

/* A store file others may read or write is made private when it is opened, and so are its
 * -wal and -shm, which get its mode. A link is followed only to a store that is there: a
 * link to nothing or to an empty file would make a new store at its other end, and a link
 * to a file others may read has that file's mode changed before it is known to be a store;
 * all three are refused and leave both ends as they were (issue 17). */
START_TEST(unsafe_store_files)
{
    char dir[] = "/tmp/itav-files-XXXXXX", path[64], uri[80], target[80], name[96];
    itav_db *db = NULL;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    loose_file(path, "");
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(file_mode(path), 0600);
    fixture(db); /* a write: the -wal and -shm are there while the store is open */
    const char *const files[] = {"-wal", "-shm"};
    for (int i = 0; i < 2; i++) {
        snprintf(name, sizeof name, "%s%s", path, files[i]);
        ck_assert_msg(file_mode(name) == 0600, "%s has mode %o", name,
                      (unsigned)file_mode(name));
    }
    itav_close(db);

    /* a link to a private store is followed */
    snprintf(target, sizeof target, "%s/store.db", dir);
    ck_assert_int_eq(rename(path, target), 0);
    ck_assert_int_eq(symlink(target, path), 0);
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    itav_offer *of = NULL;
    ck_assert_int_eq(itav_offer_get(&of, db, "mid-haarlem"), ITAV_OK);
    itav_offer_free(of);
    itav_close(db);
    ck_assert_int_eq(unlink(path), 0);
    /* the same store behind a link, now readable by others */
    ck_assert_int_eq(chmod(target, 0644), 0);
    link_refused(path, target,
                 "s.db: a symbolic link to a file that others may read or write (mode 0644); "
                 "a mode is not changed through a link: make the file private (chmod 600) or "
                 "open it by its own path");
    ck_assert_int_eq(unlink(target), 0);

    snprintf(target, sizeof target, "%s/elsewhere.db", dir);
    link_refused(path, target,
                 "s.db: a symbolic link to nothing; a new store is not made through a link");
    loose_file(target, "");
    link_refused(path, target,
                 "s.db: a symbolic link to an empty file; a new store is not made through a "
                 "link");
    ck_assert_int_eq(unlink(target), 0);
    /* a file that is no store (a user's notes), behind a link: its mode stays 0666 */
    snprintf(target, sizeof target, "%s/notes.txt", dir);
    loose_file(target, "my notes\n");
    link_refused(path, target, "a symbolic link to a file that others may read or write "
                               "(mode 0666)");
    ck_assert_int_eq(unlink(target), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(sqlite_file_properties)
{
    char dir[] = "/tmp/itav-sq-XXXXXX", path[128], uri[160], cmd[160];
    struct stat sb;
    itav_db *db;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    fixture(db);
    char *before = export_text(db);
    itav_close(db);
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0600);
    ck_assert_int_eq(pragma(path, "PRAGMA journal_mode"), 1);
    ck_assert_int_eq(pragma(path, "PRAGMA user_version"), 2);
    ck_assert_int_eq(pragma(path, "PRAGMA application_id"), 0x49544156);
    /* reopened, the data is all there */
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    char *after = export_text(db);
    ck_assert_str_eq(before, after);
    itav_close(db);
    /* a damaged record is reported, also when only the municipality filter reads it */
    sql(path, "UPDATE records SET data = '{' WHERE kind = 'offer' AND key = 'mid-haarlem'");
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    itav_intervention_filter in_haarlem = ITAV_INTERVENTION_FILTER_INIT;
    itav_intervention_iter *it = NULL;
    in_haarlem.municipality = "Haarlem";
    ck_assert_int_eq(itav_intervention_list(&it, db, &in_haarlem), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "stored offer \"mid-haarlem\" is damaged"));
    ck_assert_ptr_null(it);
    itav_close(db);
    /* a store from a newer library is refused, not damaged */
    sql(path, "PRAGMA user_version = 99");
    ck_assert_int_eq(itav_open(&db, uri), ITAV_EVERSION);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "schema version 99"));
    itav_close(db);
    ck_assert_int_eq(pragma(path, "PRAGMA user_version"), 99);
    /* another program's database is refused */
    snprintf(path, sizeof path, "%s/other.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    sql(path, "CREATE TABLE t (x)");
    ck_assert_int_eq(chmod(path, 0600), 0);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_EFORMAT);
    ck_assert_ptr_nonnull(strstr(itav_errmsg(db), "not a libitav store"));
    itav_close(db);
    ck_assert_int_eq(pragma(path, "PRAGMA journal_mode"), 0); /* left as it was, not WAL */
    /* and so is a file that is no database at all */
    snprintf(path, sizeof path, "%s/text.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    FILE *f = fopen(path, "w");
    fputs("this is not a database, it is a text file of some length........\n", f);
    fclose(f);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_EFORMAT);
    itav_close(db);
    itav_free(before);
    itav_free(after);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* ---- stores of record format 1 (itav/1 JSON text), made by the previous library ---- */

/* tests/data/NAME: meson sets ITAV_TEST_DATA to that folder. */
static const char *test_data(const char *name)
{
    static char path[4096];
    const char *dir = getenv("ITAV_TEST_DATA");
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "tests/data", name);
    return path;
}

static char *read_whole(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    rewind(f);
    char *text = malloc((size_t)size + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

static void copy_to(const char *from, const char *to)
{
    char *data;
    FILE *f = fopen(from, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", from);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    rewind(f);
    data = malloc((size_t)size);
    ck_assert_ptr_nonnull(data);
    ck_assert_int_eq(fread(data, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    f = fopen(to, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fwrite(data, 1, (size_t)size, f), (size_t)size);
    ck_assert_int_eq(fclose(f), 0);
    free(data);
}

/* The rows a query gives through raw SQLite, columns joined by '|', rows ended by '\n'
 * (malloc'd). */
static char *rows(const char *path, const char *statement)
{
    sqlite3 *s;
    sqlite3_stmt *st;
    size_t n = 0, cap = 1024;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    out[0] = '\0';
    ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
    ck_assert_msg(sqlite3_prepare_v2(s, statement, -1, &st, NULL) == SQLITE_OK, "%s",
                  sqlite3_errmsg(s));
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            size_t len = (v ? strlen(v) : 4) + 2;
            if (n + len + 1 > cap) {
                cap = 2 * (n + len + 1);
                out = realloc(out, cap);
                ck_assert_ptr_nonnull(out);
            }
            n += (size_t)snprintf(out + n, cap - n, "%s%s", c ? "|" : "", v ? v : "NULL");
        }
        out[n++] = '\n';
        out[n] = '\0';
    }
    sqlite3_finalize(st);
    sqlite3_close(s);
    return out;
}

/* Records of the six kinds that are JSON text (format 1 stores nothing else). */
#define JSON_RECORDS                                                                      \
    "SELECT count(*) FROM records WHERE hex(substr(data, 1, 1)) = '7B' AND kind IN"       \
    " ('intervention', 'offer', 'participant', 'match', 'review', 'indicator')"
#define META_RECORDS "SELECT key, CAST(data AS TEXT) FROM records WHERE kind = 'meta'"
/* Index values but for participants' slot 1, which format 1 used for spatial cells: it held
 * "<offer>@<row>,<col>" for the supporters a suggestion may find, "<offer>@none" for those
 * among them without coordinates. The first have a place now; the others the offer. */
#define INDEX_VALUES "SELECT kind, key, i0, CASE kind WHEN 'participant' THEN NULL ELSE i1 END," \
                     " CASE kind WHEN 'review' THEN NULL ELSE i2 END, i3 FROM records" \
                     " WHERE kind <> 'meta' ORDER BY kind, key"
/* Reviews have "<offer>\x1f<date>" in slot 2 since format 2 (for ranges of dates). */
#define REVIEWS_DATED "SELECT count(*) FROM records WHERE kind = 'review' AND i2 GLOB" \
                      " i0 || char(31) || '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"
#define CELLS_BEFORE "SELECT key FROM records WHERE kind = 'participant' AND i1 IS NOT NULL" \
                     " AND i1 NOT LIKE '%@none' ORDER BY key"
#define PLACES_AFTER "SELECT key FROM places WHERE kind = 'participant' ORDER BY key"
#define UNPLACED_BEFORE "SELECT key, substr(i1, 1, length(i1) - 5) FROM records" \
                        " WHERE kind = 'participant' AND i1 LIKE '%@none' ORDER BY key"
#define UNPLACED_AFTER "SELECT key, i1 FROM records WHERE kind = 'participant'" \
                       " AND i1 IS NOT NULL ORDER BY key"
#define ALL_RECORDS "SELECT kind, key, i0, i1, i2, i3, hex(data) FROM records ORDER BY kind, key"

static void temp_store(char *dir, char *path, size_t path_size, char *uri, size_t uri_size)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, path_size, "%s/s.db", dir);
    snprintf(uri, uri_size, "sqlite:%s", path);
    copy_to(test_data("store-format1.db"), path);
    ck_assert_int_eq(chmod(path, 0600), 0); /* a store is private, or refused */
}

static void remove_dir(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* itav_open refuses the store with rc and message, and leaves every record as it was. */
static void refused_unchanged(const char *path, const char *uri, int rc, const char *message)
{
    char why[256];
    itav_db *db;
    char *records = rows(path, ALL_RECORDS);
    ck_assert_int_eq(itav_open(&db, uri), rc);
    assert_msg(db, message);
    itav_close(db);
    ck_assert_msg(sqlite_integrity_ok(path, why, sizeof why), "%s", why);
    char *after = rows(path, ALL_RECORDS);
    ck_assert_str_eq(after, records);
    free(after);
    free(records);
}

/* Opening a store of format 1 upgrades it: every record in CBOR, the same index values, the
 * format record written, and the export exactly the previous library's. */
START_TEST(format1_store_is_upgraded)
{
    char dir[] = "/tmp/itav-up-XXXXXX", path[128], uri[160], why[256];
    itav_db *db;
    temp_store(dir, path, sizeof path, uri, sizeof uri);
    ck_assert_int_eq(pragma(path, JSON_RECORDS), 52 + 64 + 22 + 9 + 38 + 8);
    char *meta = rows(path, META_RECORDS), *indexes = rows(path, INDEX_VALUES);
    char *cells = rows(path, CELLS_BEFORE), *unplaced = rows(path, UNPLACED_BEFORE);
    ck_assert_msg(strchr(cells, '\n') != NULL, "the test data has supporters with a cell");
    ck_assert_int_eq(pragma(path, "PRAGMA user_version"), 1); /* libitav 0.3.0's schema */
    ck_assert_str_eq(meta, "");
    free(meta);

    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    char *text = export_text(db), *expected = read_whole(test_data("store-format1-export.json"));
    ck_assert_msg(strcmp(text, expected) == 0,
                  "the upgraded store does not export as store-format1-export.json");
    itav_free(text);
    itav_close(db);

    ck_assert_msg(sqlite_integrity_ok(path, why, sizeof why), "%s", why);
    ck_assert_int_eq(pragma(path, "PRAGMA user_version"), 2); /* with the records' upgrade */
    ck_assert_int_eq(pragma(path, JSON_RECORDS), 0);
    meta = rows(path, META_RECORDS);
    ck_assert_str_eq(meta, "format|2\n");
    free(meta);
    char *counts = rows(path, "SELECT kind, count(*) FROM records GROUP BY kind ORDER BY kind");
    ck_assert_str_eq(counts, "indicator|8\nintervention|52\nmatch|9\nmeta|1\noffer|64\n"
                             "participant|22\nreview|38\nsequence|2\n");
    free(counts);
    char *indexes_after = rows(path, INDEX_VALUES);
    ck_assert_str_eq(indexes_after, indexes);
    free(indexes_after);
    ck_assert_int_eq(pragma(path, REVIEWS_DATED), 38);
    char *places = rows(path, PLACES_AFTER), *unplaced_after = rows(path, UNPLACED_AFTER);
    ck_assert_str_eq(places, cells);
    ck_assert_str_eq(unplaced_after, unplaced);
    free(places);
    free(unplaced_after);
    free(cells);
    free(unplaced);

    /* opened again, nothing is upgraded twice; lists that scan an index find everything */
    char *records = rows(path, ALL_RECORDS);
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    text = export_text(db);
    ck_assert_msg(strcmp(text, expected) == 0, "the second open changed the export");
    itav_free(text);
    itav_participant_filter f = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it;
    itav_participant *p;
    int n = 0;
    f.offer = "buurtgezinnen-zuid-kennemerland";
    ck_assert_int_eq(itav_participant_list(&it, db, &f), ITAV_OK);
    while (itav_participant_iter_next(&p, it) == ITAV_OK) {
        n++;
        itav_participant_free(p);
    }
    itav_participant_iter_free(it);
    ck_assert_int_eq(n, 22);
    itav_close(db);
    char *records_after = rows(path, ALL_RECORDS);
    ck_assert_str_eq(records_after, records);
    free(records_after);
    free(records);
    free(indexes);
    free(expected);
    remove_dir(dir);
}
END_TEST

/* Control characters in a format-1 record's text, which the library now refuses at the door,
 * become U+FFFD in the upgrade (as escapes in the JSON text, and DEL as it is): the store
 * opens, and nothing a terminal would obey is left. */
START_TEST(format1_control_characters_are_replaced)
{
    char dir[] = "/tmp/itav-up-XXXXXX", path[128], uri[160];
    temp_store(dir, path, sizeof path, uri, sizeof uri);
    sql(path, "UPDATE records SET data = CAST(json_set(CAST(data AS TEXT), '$.municipality',"
              " 'Haar' || char(27) || '[2J' || char(13) || char(127) || 'lem' || char(9)) AS BLOB)"
              " WHERE kind = 'participant' AND key = 'zk-vraag-03'");
    itav_db *db;
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant *p;
    ck_assert_int_eq(itav_participant_get(&p, db, "zk-vraag-03"), ITAV_OK);
    ck_assert_str_eq(itav_participant_municipality(p),
                     "Haar\xEF\xBF\xBD[2J\xEF\xBF\xBD\xEF\xBF\xBDlem\t");
    itav_participant_free(p);
    itav_close(db);
    remove_dir(dir);
}
END_TEST

/* A format-1 store with a damaged record is refused, naming the record, and left entirely in
 * format 1: the records upgraded before the damaged one are rolled back. */
START_TEST(damaged_format1_store_is_left_alone)
{
    char dir[] = "/tmp/itav-up-XXXXXX", path[128], uri[160];
    temp_store(dir, path, sizeof path, uri, sizeof uri);
    /* participants are upgraded after the interventions and offers */
    sql(path, "UPDATE records SET data = CAST('{\"ref\":\"zk-vraag-03\",\"offer\":' AS BLOB)"
              " WHERE kind = 'participant' AND key = 'zk-vraag-03'");
    for (int i = 0; i < 2; i++)
        refused_unchanged(path, uri, ITAV_EFORMAT,
                          "cannot upgrade the store: stored participant \"zk-vraag-03\" is "
                          "damaged");
    /* opened in Dutch, the upgrade says so in Dutch (itav_open_lang()) */
    itav_db *db;
    ck_assert_int_eq(itav_open_lang(&db, uri, ITAV_LANG_NL), ITAV_EFORMAT);
    assert_msg(db, "kan de opslag niet bijwerken: opgeslagen participant \"zk-vraag-03\" is "
                   "beschadigd");
    itav_close(db);
    remove_dir(dir);
}
END_TEST

/* A store whose format record names a newer format, or nothing readable, is refused and left
 * as it is. */
START_TEST(newer_or_damaged_format_is_refused)
{
    static const struct {
        const char *value, *message;
        int rc;
    } cases[] = {
        {"3", "the store's records are in format 3; this library reads formats 1 to 2",
         ITAV_EVERSION},
        {"1", "the store's format record is damaged (\"1\")", ITAV_EFORMAT},
        {"2x", "the store's format record is damaged (\"2x\")", ITAV_EFORMAT},
        {"", "the store's format record is damaged (\"\")", ITAV_EFORMAT},
    };
    char dir[] = "/tmp/itav-up-XXXXXX", path[128], uri[160], set[160];
    itav_db *db;
    temp_store(dir, path, sizeof path, uri, sizeof uri);
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    itav_close(db);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(set, sizeof set, "UPDATE records SET data = CAST('%s' AS BLOB) WHERE kind = "
                 "'meta' AND key = 'format'", cases[i].value);
        sql(path, set);
        refused_unchanged(path, uri, cases[i].rc, cases[i].message);
    }
    remove_dir(dir);
}
END_TEST

/* ---- another connection changes the format between the open's look and its lock ---- */

static int take_format(void *arg, const char *key, const void *data, size_t size)
{
    (void)key;
    memcpy(arg, data, size < 7 ? size : 7);
    return 0;
}

/* A backend over the test backend whose first begin first lets "another connection" commit:
 * it writes the format record `late` holds (or deletes every record when late is NULL). */
typedef struct racing {
    itav_backend parent;
    itav_backend *inner;
    const char *late;
    bool raced;
} racing;

static itav_backend *inner_of(itav_backend *be) { return ((racing *)(void *)be)->inner; }
static int collect_key(void *arg, const char *key, const void *data, size_t size)
{
    (void)data, (void)size;
    char **keys = arg;
    for (int i = 0; i < 63; i++)
        if (!keys[i]) {
            keys[i] = strdup(key);
            break;
        }
    return 0;
}
static int rc_begin(itav_backend *be)
{
    racing *r = (racing *)(void *)be;
    if (!r->raced) {
        r->raced = true;
        const char *index[ITAV_BACKEND_INDEXES] = {NULL};
        ck_assert_int_eq(r->inner->begin(r->inner), ITAV_OK);
        if (r->late) {
            ck_assert_int_eq(r->inner->put(r->inner, "meta", "format", index, r->late,
                                           strlen(r->late)), ITAV_OK);
        } else {
            char *keys[64] = {NULL};
            ck_assert_int_eq(r->inner->scan(r->inner, "intervention", ITAV_SCAN_ALL, NULL,
                                            collect_key, keys), ITAV_OK);
            for (int i = 0; keys[i]; i++) {
                ck_assert_int_eq(r->inner->del(r->inner, "intervention", keys[i]), ITAV_OK);
                free(keys[i]);
            }
        }
        ck_assert_int_eq(r->inner->commit(r->inner), ITAV_OK);
    }
    return r->inner->begin(r->inner);
}
static int rc_commit(itav_backend *be) { return inner_of(be)->commit(inner_of(be)); }
static int rc_rollback(itav_backend *be) { return inner_of(be)->rollback(inner_of(be)); }
static int rc_put(itav_backend *be, const char *kind, const char *key, const char *const *index,
                  const void *data, size_t size)
{
    return inner_of(be)->put(inner_of(be), kind, key, index, data, size);
}
static int rc_get(itav_backend *be, const char *kind, const char *key, itav_record_fn fn,
                  void *arg)
{
    return inner_of(be)->get(inner_of(be), kind, key, fn, arg);
}
static int rc_del(itav_backend *be, const char *kind, const char *key)
{
    return inner_of(be)->del(inner_of(be), kind, key);
}
static int rc_scan(itav_backend *be, const char *kind, int slot, const char *value,
                   itav_record_fn fn, void *arg)
{
    return inner_of(be)->scan(inner_of(be), kind, slot, value, fn, arg);
}
static void rc_free(itav_backend *be)
{
    inner_of(be)->free(inner_of(be));
    free(be);
}

/* A store of format 1 (one intervention as JSON text, no format record) on a racing
 * backend. */
static racing *racing_format1(const char *late)
{
    racing *r = calloc(1, sizeof *r);
    ck_assert_ptr_nonnull(r);
    r->parent = (itav_backend)ITAV_BACKEND_INIT;
    r->parent.begin = rc_begin;
    r->parent.commit = rc_commit;
    r->parent.rollback = rc_rollback;
    r->parent.put = rc_put;
    r->parent.get = rc_get;
    r->parent.del = rc_del;
    r->parent.scan = rc_scan;
    r->parent.free = rc_free;
    r->inner = test_backend_new();
    r->late = late;
    static const char json[] = "{\"id\":\"old\",\"name\":\"Old\"}";
    const char *index[ITAV_BACKEND_INDEXES] = {NULL};
    ck_assert_int_eq(r->inner->begin(r->inner), ITAV_OK);
    ck_assert_int_eq(r->inner->put(r->inner, "intervention", "old", index, json,
                                   strlen(json)), ITAV_OK);
    ck_assert_int_eq(r->inner->commit(r->inner), ITAV_OK);
    return r;
}

/* The open decides again under the lock: a store another connection brought to a newer
 * format meanwhile is refused; one it emptied is a new store, which says its format with its
 * first transaction. */
START_TEST(format_changed_before_the_lock)
{
    itav_db *db;
    racing *r = racing_format1("3");
    ck_assert_int_eq(itav_open_backend(&db, &r->parent), ITAV_EVERSION);
    assert_msg(db, "the store's records are in format 3");
    itav_close(db);
    rc_free(&r->parent); /* refused: still ours */

    r = racing_format1(NULL);
    ck_assert_msg(itav_open_backend(&db, &r->parent) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_new(&iv, "new"), ITAV_OK);
    ck_assert_int_eq(itav_intervention_set_name(iv, "New"), ITAV_OK);
    ck_assert_msg(itav_intervention_create(db, iv) == ITAV_OK, "%s", itav_errmsg(db));
    itav_intervention_free(iv);
    char buf[8] = "";
    ck_assert_int_eq(r->inner->get(r->inner, "meta", "format", take_format, buf), ITAV_OK);
    ck_assert_str_eq(buf, "2");
    itav_close(db);
}
END_TEST

/* A format-1 store whose indicator names an offer that is not there cannot be upgraded; the
 * message says so and names both. */
START_TEST(orphan_stops_the_upgrade)
{
    static const char json[] = "{\"id\":\"ind-1\",\"offer\":\"gone\",\"type\":\"count\","
                               "\"name\":\"Matches\"}";
    const char *index[ITAV_BACKEND_INDEXES] = {"gone", NULL, NULL, NULL};
    itav_backend *be = test_backend_new();
    itav_db *db;
    ck_assert_int_eq(be->begin(be), ITAV_OK);
    ck_assert_int_eq(be->put(be, "indicator", "ind-1", index, json, strlen(json)), ITAV_OK);
    ck_assert_int_eq(be->commit(be), ITAV_OK);
    ck_assert_int_eq(itav_open_backend(&db, be), ITAV_ENOTFOUND);
    assert_msg(db, "cannot upgrade the store: indicator \"ind-1\": no offer \"gone\"");
    itav_close(db);
    be->free(be);
}
END_TEST

/* A new store says its format with its first transaction, not before, and makes its secret
 * (16 bytes, lib/store/secret.c) with it. */
START_TEST(new_store_records_its_format)
{
    char dir[] = "/tmp/itav-up-XXXXXX", path[128], uri[160];
    itav_db *db;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    itav_close(db);
    char *meta = rows(path, META_RECORDS);
    ck_assert_str_eq(meta, "");
    free(meta);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    fixture(db);
    itav_close(db);
    meta = rows(path, "SELECT key, CASE key WHEN 'format' THEN CAST(data AS TEXT) ELSE "
                      "length(data) END FROM records WHERE kind = 'meta' ORDER BY key");
    ck_assert_str_eq(meta, "format|2\nsecret|16\n");
    free(meta);
    ck_assert_int_eq(pragma(path, JSON_RECORDS), 0);
    remove_dir(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("conformance");
    tcase_add_loop_test(tc, create_get_update_delete, 0, STORE_COUNT);
    tcase_add_loop_test(tc, offers_need_their_intervention, 0, STORE_COUNT);
    tcase_add_loop_test(tc, list_filters, 0, STORE_COUNT);
    tcase_add_loop_test(tc, age_audience_channel_filters, 0, STORE_COUNT);
    tcase_add_test(tc, backends_agree);
    suite_add_tcase(s, tc);
    TCase *te = tcase_create("errors");
    tcase_add_test(te, backend_failure_leaves_nothing);
    tcase_add_test(te, open_backend_checks_the_struct);
    tcase_add_test(te, open_refuses_bad_uris);
    tcase_add_test(te, open_hides_passwords);
    tcase_add_test(te, sqlite_file_properties);
    tcase_add_test(te, unsafe_store_files);
    suite_add_tcase(s, te);
    TCase *tu = tcase_create("record format");
    tcase_add_test(tu, format1_store_is_upgraded);
    tcase_add_test(tu, damaged_format1_store_is_left_alone);
    tcase_add_test(tu, format1_control_characters_are_replaced);
    tcase_add_test(tu, newer_or_damaged_format_is_refused);
    tcase_add_test(tu, new_store_records_its_format);
    tcase_add_test(tu, format_changed_before_the_lock);
    tcase_add_test(tu, orphan_stops_the_upgrade);
    suite_add_tcase(s, tu);
    return run_suite(s);
}
