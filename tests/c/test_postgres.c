/* The PostgreSQL backend on its own: URIs and messages (no server needed), and against the
 * test server (argument "server"; testutil.h, "the PostgreSQL test server"): its schema, a
 * newer schema refused, passwords never in a message, the writers' lock, a lost connection
 * and what the next call does, and the VACUUM of purge. The conformance suites and
 * test_backends run the rest of the contract on it. Links the static library to reach the
 * backend itself. */
#include "internal.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SECRET "Pw-7q!never-shown"

/* A document with offer "o" of intervention "a" and participant body. */
#define DOC(body) "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": \"A\"}], " \
    "\"offers\": [{\"id\": \"o\", \"intervention\": \"a\"}], \"participants\": [" body "]}"
/* More participants of offer "o". */
#define MORE(body) "{\"format\": \"itav/1\", \"participants\": [" body "]}"
#define PERSON(ref) "{\"ref\": \"" ref "\", \"offer\": \"o\", \"kind\": \"family\", " \
    "\"status\": \"waiting\", \"municipality\": \"Zandvoort-" ref "\"}"

static void assert_hidden(const char *msg, const char *secret)
{
    ck_assert_msg(!strstr(msg, secret), "the message shows the password: %s", msg);
}

/* ---- without a server ---- */

/* libpq quotes the part of a URI it cannot parse; a password never shows. */
START_TEST(malformed_uris_hide_the_password)
{
    static const char *const uris[] = {
        "postgresql://user:" SECRET "%zz@localhost/db",
        "postgresql://user@localhost/db?password=" SECRET "%zz",
        "postgres://user@localhost/db?sslpassword=" SECRET "%g1&sslmode=require",
        "postgresql://user:" SECRET "@localhost/db?nosuchoption=1",
    };
    for (size_t i = 0; i < sizeof uris / sizeof *uris; i++) {
        itav_db *db;
        ck_assert_int_eq(itav_open(&db, uris[i]), ITAV_EINVAL);
        assert_hidden(itav_errmsg(db), SECRET);
        assert_msg(db, "not a valid PostgreSQL connection URI");
        itav_close(db);
    }
}
END_TEST

/* No server where the URI points: ITAV_EIO naming host, port, database and user. */
START_TEST(no_server_is_an_io_error_that_names_it)
{
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, "postgresql://clerk:" SECRET "@%2Fnonexistent-itav:6543/"
                                    "region?connect_timeout=2"), ITAV_EIO);
    assert_hidden(itav_errmsg(db), SECRET);
    assert_msg(db, "cannot connect to PostgreSQL (host /nonexistent-itav port 6543 database "
                   "region user clerk)");
    char *text = NULL;
    ck_assert_int_eq(itav_export_json_string(&text, db), ITAV_EIO); /* the context says so */
    ck_assert_ptr_null(text);
    itav_close(db);
}
END_TEST

/* ---- against the server ---- */

static const char *server_host(void)
{
    static char host[256];
    postgres_sql("SELECT coalesce(inet_server_addr()::text, '')", host, sizeof host);
    return host;
}

/* A URI with a password in it and a store of a newer schema: both refusals hide it. */
START_TEST(a_password_in_the_uri_is_never_shown)
{
    char uri[1024], schema[64], sql[256], port[16], user[128], dbname[128];
    postgres_sql("SELECT current_setting('port')", port, sizeof port);
    postgres_sql("SELECT current_user", user, sizeof user);
    postgres_sql("SELECT current_database()", dbname, sizeof dbname);
    const char *host = server_host();
    /* a wrong password over TCP, where the server asks for one; over a socket (no address)
     * the server may trust the user and let it in, which the refusal below covers */
    char tcp[1024];
    snprintf(tcp, sizeof tcp, "postgresql://%s:" SECRET "@%s:%s/%s", user,
             host[0] ? host : "%2Fnonexistent-itav", port, dbname);
    itav_db *db;
    int rc = itav_open(&db, tcp);
    if (rc != ITAV_OK) {
        assert_hidden(itav_errmsg(db), SECRET);
        assert_msg(db, user);
    }
    itav_close(db);
    /* the real password, where one is needed, in a URI the store refuses */
    const char *pw = getenv("PGPASSWORD");
    postgres_new_schema(uri, sizeof uri, schema, "");
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    itav_close(db);
    snprintf(sql, sizeof sql, "UPDATE %s.itav_schema SET version = 99", schema);
    postgres_sql(sql, NULL, 0);
    char with_pw[1200];
    snprintf(with_pw, sizeof with_pw, "%s&password=%s", uri, pw && *pw ? pw : SECRET);
    ck_assert_int_eq(itav_open(&db, with_pw), ITAV_EVERSION);
    assert_hidden(itav_errmsg(db), pw && *pw ? pw : SECRET);
    itav_close(db);
    postgres_drop_schema(schema);
}
END_TEST

/* The schema is made once, with its version; a newer one is refused and left alone. */
START_TEST(schema_made_once_and_a_newer_one_refused)
{
    char uri[1024], schema[64], sql[256], got[64];
    postgres_new_schema(uri, sizeof uri, schema, "");
    itav_db *db;
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_import_json_string(db, DOC(PERSON("p1")), "doc"), ITAV_OK);
    itav_close(db);
    snprintf(sql, sizeof sql, "SELECT version FROM %s.itav_schema", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "3");
    /* opened again: the same tables and records */
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    itav_participant *p;
    ck_assert_int_eq(itav_participant_get(&p, db, "p1"), ITAV_OK);
    itav_participant_free(p);
    itav_close(db);
    /* byte order, whatever the database's collation */
    snprintf(sql, sizeof sql, "SELECT collation_name FROM information_schema.columns WHERE "
             "table_schema = '%s' AND table_name = 'itav_records' AND column_name = 'key'",
             schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "C");
    snprintf(sql, sizeof sql, "UPDATE %s.itav_schema SET version = 4", schema);
    postgres_sql(sql, NULL, 0);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_EVERSION);
    assert_msg(db, "has schema version 4; this library knows up to 3");
    itav_close(db);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.itav_records", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_ne(got, "0");
    postgres_drop_schema(schema);
}
END_TEST

/* A search_path that names no schema: a clear refusal, nothing made. */
START_TEST(no_schema_to_keep_the_store_in)
{
    char uri[1024];
    const char *base = postgres_test_uri();
    snprintf(uri, sizeof uri, "%s%soptions=-csearch_path%%3Ditav_no_such_schema", base,
             strchr(base, '?') ? "&" : "?");
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, uri), ITAV_EINVAL);
    assert_msg(db, "no schema of the connection's search_path exists");
    itav_close(db);
}
END_TEST

/* Another connection holds the writers' lock: a write waits the lock timeout, then gives
 * ITAV_EBUSY with the server's words and changes nothing; reads go on meanwhile. */
START_TEST(a_held_lock_gives_busy_after_the_timeout)
{
    char uri[1024], schema[64], sql[512], got[32];
    postgres_new_schema(uri, sizeof uri, schema, "");
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    ck_assert_int_eq(itav_import_json_string(db, DOC(PERSON("p1")), "doc"), ITAV_OK);
    snprintf(sql, sizeof sql, "SELECT pg_advisory_lock(%d, ('%s.itav_records'::regclass::oid"
             "::bigint)::int4)", 0x49544156, schema);
    postgres_sql(sql, NULL, 0);
    ck_assert_int_eq(itav_import_json_string(db, MORE(PERSON("p2")), "doc"), ITAV_EBUSY);
    assert_msg(db, "another connection holds the lock; waited 5000 ms");
    assert_msg(db, "lock timeout");
    itav_participant *p;
    ck_assert_int_eq(itav_participant_get(&p, db, "p1"), ITAV_OK); /* reads do not wait */
    itav_participant_free(p);
    postgres_sql("SELECT pg_advisory_unlock_all()", NULL, 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.itav_records WHERE kind = "
             "'participant'", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "1");
    ck_assert_int_eq(itav_import_json_string(db, MORE(PERSON("p2")), "doc"), ITAV_OK);
    itav_close(db);
    postgres_drop_schema(schema);
}
END_TEST

static void terminate(const char *application)
{
    char sql[256], got[16];
    snprintf(sql, sizeof sql, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
             "WHERE application_name = '%s'", application);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "1");
}

/* The server ends the connection between calls: that call gives ITAV_EIO naming the server,
 * the next one connects again. */
START_TEST(a_lost_connection_is_named_and_the_next_call_reconnects)
{
    char uri[1024], schema[64], app[64], extra[96];
    snprintf(app, sizeof app, "itav_lost_%ld", (long)getpid());
    snprintf(extra, sizeof extra, "&application_name=%s", app);
    postgres_new_schema(uri, sizeof uri, schema, extra);
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    ck_assert_int_eq(itav_import_json_string(db, DOC(PERSON("p1")), "doc"), ITAV_OK);
    terminate(app);
    itav_participant *p;
    ck_assert_int_eq(itav_participant_get(&p, db, "p1"), ITAV_EIO);
    assert_msg(db, "lost the connection to the server (host ");
    ck_assert_int_eq(itav_participant_get(&p, db, "p1"), ITAV_OK);
    itav_participant_free(p);
    terminate(app); /* and a write after it */
    ck_assert_int_eq(itav_import_json_string(db, MORE(PERSON("p2")), "doc"), ITAV_EIO);
    ck_assert_int_eq(itav_import_json_string(db, MORE(PERSON("p2")), "doc"), ITAV_OK);
    itav_close(db);
    postgres_drop_schema(schema);
}
END_TEST

static int count_one(void *arg, const char *key, const void *data, size_t size)
{
    (void)key, (void)data, (void)size;
    ++*(int *)arg;
    return 0;
}

/* Killed in the middle of a transaction: every call until rollback says so, nothing of it
 * was written, and the next transaction works on a new connection. */
START_TEST(killed_mid_transaction_leaves_nothing)
{
    char uri[1024], schema[64], app[64], extra[96], err[512] = "";
    const char *none[ITAV_BACKEND_INDEXES] = {NULL};
    snprintf(app, sizeof app, "itav_mid_%ld", (long)getpid());
    snprintf(extra, sizeof extra, "&application_name=%s", app);
    postgres_new_schema(uri, sizeof uri, schema, extra);
    itav_backend *be;
    ck_assert_msg(itav__postgres_backend_open(&be, uri, err, sizeof err) == ITAV_OK, "%s", err);
    ck_assert_int_eq(be->begin(be), ITAV_OK);
    ck_assert_int_eq(be->put(be, "k", "one", none, "1", 1), ITAV_OK);
    terminate(app);
    ck_assert_int_eq(be->put(be, "k", "two", none, "2", 1), ITAV_EIO);
    ck_assert_msg(strstr(be->errmsg(be), "lost the connection"), "%s", be->errmsg(be));
    ck_assert_int_eq(be->get(be, "k", "one", count_one, &(int){0}), ITAV_EIO);
    ck_assert_msg(strstr(be->errmsg(be), "was lost in this transaction"), "%s",
                  be->errmsg(be));
    ck_assert_int_eq(be->commit(be), ITAV_EIO); /* no reconnect inside the transaction */
    ck_assert_int_eq(be->rollback(be), ITAV_OK);
    int n = 0;
    ck_assert_int_eq(be->scan(be, "k", ITAV_SCAN_ALL, NULL, count_one, &n), ITAV_OK);
    ck_assert_int_eq(n, 0);
    ck_assert_int_eq(be->begin(be), ITAV_OK);
    ck_assert_int_eq(be->put(be, "k", "three", none, "3", 1), ITAV_OK);
    ck_assert_int_eq(be->commit(be), ITAV_OK);
    ck_assert_int_eq(be->scan(be, "k", ITAV_SCAN_ALL, NULL, count_one, &n), ITAV_OK);
    ck_assert_int_eq(n, 1);
    be->free(be);
    postgres_drop_schema(schema);
}
END_TEST

/* A read transaction sees one state while another connection commits, and does not hold
 * that writer up. */
START_TEST(a_read_transaction_is_one_snapshot)
{
    char uri[1024], schema[64], err[512] = "";
    const char *none[ITAV_BACKEND_INDEXES] = {NULL};
    postgres_new_schema(uri, sizeof uri, schema, "");
    itav_backend *reader, *writer;
    ck_assert_msg(itav__postgres_backend_open(&reader, uri, err, sizeof err) == ITAV_OK, "%s",
                  err);
    ck_assert_int_eq(itav__postgres_backend_open(&writer, uri, err, sizeof err), ITAV_OK);
    ck_assert_int_eq(reader->begin_read(reader), ITAV_OK);
    int n = 0;
    ck_assert_int_eq(reader->scan(reader, "k", ITAV_SCAN_ALL, NULL, count_one, &n), ITAV_OK);
    ck_assert_int_eq(writer->begin(writer), ITAV_OK);
    ck_assert_int_eq(writer->put(writer, "k", "a", none, "x", 1), ITAV_OK);
    ck_assert_int_eq(writer->commit(writer), ITAV_OK);
    ck_assert_int_eq(reader->scan(reader, "k", ITAV_SCAN_ALL, NULL, count_one, &n), ITAV_OK);
    ck_assert_int_eq(n, 0);
    ck_assert_int_eq(reader->begin(reader), ITAV_ESTATE); /* no write inside a read */
    ck_assert_int_eq(reader->end_read(reader), ITAV_OK);
    ck_assert_int_eq(reader->scan(reader, "k", ITAV_SCAN_ALL, NULL, count_one, &n), ITAV_OK);
    ck_assert_int_eq(n, 1);
    reader->free(reader);
    writer->free(writer);
    postgres_drop_schema(schema);
}
END_TEST

/* After an erasure no query finds the erased values, and purge has vacuumed the table. */
START_TEST(erasure_leaves_no_value_and_vacuums)
{
    char uri[1024], schema[64], sql[512], got[64];
    postgres_new_schema(uri, sizeof uri, schema, "");
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    ck_assert_int_eq(itav_import_json_string(db, DOC(PERSON("erase-me-4711") "," PERSON("p2")),
                                             "doc"), ITAV_OK);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.itav_records WHERE "
             "position('Zandvoort-erase-me-4711'::bytea IN data) > 0 OR key LIKE 'erase-me%%'",
             schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "1");
    char *new_ref = NULL;
    ck_assert_msg(itav_participant_erase(db, "erase-me-4711", &new_ref) == ITAV_OK, "%s",
                  itav_errmsg(db));
    itav_free(new_ref);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "0");
    snprintf(sql, sizeof sql, "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables "
             "WHERE schemaname = '%s' AND relname = 'itav_records'", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "t");
    itav_close(db);
    postgres_drop_schema(schema);
}
END_TEST

/* ---- row-level security: two municipalities on one store ---- */

#define PAIR_OF(offer, a, s) "{\"ref\": \"" a "\", \"offer\": \"" offer "\", \"kind\": " \
    "\"family\", \"status\": \"matched\", \"municipality\": \"Town-" a "\"}, {\"ref\": \"" s \
    "\", \"offer\": \"" offer "\", \"kind\": \"volunteer\", \"status\": \"matched\"}"
#define MATCH_OF(id, offer, a, s) "{\"id\": \"" id "\", \"offer\": \"" offer "\", " \
    "\"asking\": \"" a "\", \"supporting\": \"" s "\", \"state\": \"introduced\", \"trail\": " \
    "[{\"state\": \"proposed\", \"date\": \"2021-03-01\", \"actor\": \"coordinator\"}, " \
    "{\"state\": \"introduced\", \"date\": \"2021-03-02\", \"actor\": \"coordinator\"}]}"
#define TWO_TOWNS "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"a\", \"name\": " \
    "\"A\"}], \"offers\": [{\"id\": \"oa\", \"intervention\": \"a\"}, {\"id\": \"ob\", " \
    "\"intervention\": \"a\"}], \"participants\": [" PAIR_OF("oa", "a1", "s1") ", " \
    PAIR_OF("ob", "b1", "t1") "], \"matches\": [" MATCH_OF("m-00000001", "oa", "a1", "s1") \
    ", " MATCH_OF("m-00000002", "ob", "b1", "t1") "]}"

typedef struct town {
    const char *role, *offer, *asking, *supporting, *match;
} town;

static int count_participants(itav_db *db)
{
    itav_participant_iter *it;
    itav_participant *p;
    int n = 0;
    ck_assert_msg(itav_participant_list(&it, db, NULL) == ITAV_OK, "%s", itav_errmsg(db));
    while (itav_participant_iter_next(&p, it) == ITAV_OK) {
        itav_participant_free(p);
        n++;
    }
    itav_participant_iter_free(it);
    return n;
}

static int count_matches(itav_db *db)
{
    itav_match_iter *it;
    itav_match *m;
    int n = 0;
    ck_assert_msg(itav_match_list(&it, db, NULL) == ITAV_OK, "%s", itav_errmsg(db));
    while (itav_match_iter_next(&m, it) == ITAV_OK) {
        itav_match_free(m);
        n++;
    }
    itav_match_iter_free(it);
    return n;
}

/* From `me`, every way at the other town's participants and match: nothing is seen, every
 * attempt is refused with a message that names what was not found. */
static void cannot_reach(itav_db *db, const town *me, const town *other)
{
    itav_participant *p;
    itav_match *m;
    itav_suggestion_iter *sit;
    itav_assignment *as;
    itav_report *rep;
    itav_offer *o;
    char *id = NULL;
    ck_assert_int_eq(itav_participant_get(&p, db, other->asking), ITAV_ENOTFOUND);
    assert_msg(db, other->asking);
    ck_assert_int_eq(itav_offer_get(&o, db, other->offer), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_match_get(&m, db, other->match), ITAV_ENOTFOUND);
    ck_assert_int_eq(count_participants(db), 2);
    ck_assert_int_eq(count_matches(db), 1);
    ck_assert_int_eq(itav_match_suggest(&sit, db, other->asking, 3, NULL), ITAV_ENOTFOUND);
    assert_msg(db, other->asking);
    ck_assert_int_eq(itav_match_assign(&as, db, other->offer, NULL, ITAV_ASSIGN_WRITE,
                                       D("2022-01-01")), ITAV_ENOTFOUND);
    assert_msg(db, other->offer);
    ck_assert_int_eq(itav_match_propose(&id, db, other->asking, other->supporting,
                                        D("2022-01-01"), ITAV_ACTOR_COORDINATOR, NULL, NULL),
                     ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_match_advance(db, other->match, ITAV_MATCH_TRIAL, D("2022-01-01"),
                                        ITAV_ACTOR_COORDINATOR, 0, NULL), ITAV_ENOTFOUND);
    assert_msg(db, other->match);
    itav_review *r;
    ck_assert_int_eq(itav_review_new(&r, ITAV_REVIEW_TRIAL, D("2022-01-01"),
                                     ITAV_RESPONDENT_ASKING), ITAV_OK);
    ck_assert_int_eq(itav_review_add(&id, db, other->match, r), ITAV_ENOTFOUND);
    itav_review_free(r);
    ck_assert_int_eq(itav_report_programme(&rep, db, other->offer, NULL), ITAV_ENOTFOUND);
    char *text = export_text(db), town_of[32];
    snprintf(town_of, sizeof town_of, "Town-%s", other->asking);
    ck_assert_msg(!strstr(text, other->asking) && !strstr(text, other->match) &&
                  !strstr(text, town_of) && !strstr(text, other->offer),
                  "%s's export shows the other town: %s", me->role, text);
    ck_assert_msg(strstr(text, me->asking), "%s", text);
    itav_free(text);
    ck_assert_int_eq(itav_participant_erase(db, other->asking, &id), ITAV_ENOTFOUND);
    /* a record written into the other's offer: the database refuses it */
    char doc[256];
    snprintf(doc, sizeof doc, "{\"format\": \"itav/1\", \"participants\": [{\"ref\": \"x-%s\", "
             "\"offer\": \"%s\", \"kind\": \"family\", \"status\": \"waiting\"}]}", me->role,
             other->offer);
    ck_assert_int_ne(itav_import_json_string(db, doc, "doc"), ITAV_OK);
    ck_assert_ptr_null(id);
    /* its own records it reaches */
    ck_assert_int_eq(itav_participant_get(&p, db, me->asking), ITAV_OK);
    itav_participant_free(p);
    ck_assert_int_eq(itav_match_get(&m, db, me->match), ITAV_OK);
    itav_match_free(m);
}

/* Records a release of the report of an offer made for publication with k = 3. */
static void record_release(itav_db *db, const char *offer, char **id)
{
    itav_report *rep;
    itav_report_options o = ITAV_REPORT_OPTIONS_INIT;
    o.k = 3;
    o.publish = 1;
    ck_assert_msg(itav_report_programme(&rep, db, offer, &o) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_msg(itav_release_record(id, db, rep) == ITAV_OK, "%s", itav_errmsg(db));
    itav_report_free(rep);
}

static int count_releases(itav_db *db)
{
    itav_release_iter *it;
    itav_release *rl;
    int n = 0;
    ck_assert_msg(itav_release_list(&it, db, NULL) == ITAV_OK, "%s", itav_errmsg(db));
    while (itav_release_iter_next(&rl, it) == ITAV_OK) {
        itav_release_free(rl);
        n++;
    }
    itav_release_iter_free(it);
    return n;
}

START_TEST(each_organisation_sees_only_its_offers)
{
    char uri[1024], schema[64], sql[1024], roles[2][64];
    postgres_new_schema(uri, sizeof uri, schema, "");
    itav_db *owner;
    ck_assert_int_eq(itav_open(&owner, uri), ITAV_OK);
    ck_assert_msg(itav_import_json_string(owner, TWO_TOWNS, "towns") == ITAV_OK, "%s",
                  itav_errmsg(owner));
    char *before = export_text(owner);
    town towns[2] = {{NULL, "oa", "a1", "s1", "m-00000001"},
                     {NULL, "ob", "b1", "t1", "m-00000002"}};
    for (int i = 0; i < 2; i++) {
        snprintf(roles[i], sizeof roles[i], "itav_town%d_%ld", i, (long)getpid());
        towns[i].role = roles[i];
        /* the administrator's statements (docs/storage.md), and the role itself */
        snprintf(sql, sizeof sql, "CREATE ROLE %s LOGIN PASSWORD 'pw-" SECRET "';"
                 "GRANT USAGE ON SCHEMA %s TO %s;"
                 "GRANT SELECT, INSERT, UPDATE, DELETE ON %s.itav_records TO %s;"
                 "INSERT INTO %s.itav_grants (role, offer) VALUES ('%s', '%s')",
                 roles[i], schema, roles[i], schema, roles[i], schema, roles[i],
                 towns[i].offer);
        postgres_sql(sql, NULL, 0);
    }
    for (int i = 0; i < 2; i++) {
        char as[1200];
        snprintf(as, sizeof as, "%s&user=%s&password=pw-" SECRET, uri, roles[i]);
        itav_db *db;
        ck_assert_msg(itav_open(&db, as) == ITAV_OK, "%s", itav_errmsg(db));
        cannot_reach(db, &towns[i], &towns[1 - i]);
        itav_close(db);
    }
    char *after = export_text(owner);
    ck_assert_str_eq(before, after); /* nothing changed */
    itav_free(after);
    /* a town's own write lands, and the other still does not see it */
    itav_db *db;
    char as[1200];
    snprintf(as, sizeof as, "%s&user=%s&password=pw-" SECRET, uri, roles[0]);
    ck_assert_int_eq(itav_open(&db, as), ITAV_OK);
    /* a town records a release of its own offer's report (schema version 3) */
    char *rel[2] = {NULL, NULL};
    record_release(db, "oa", &rel[0]);
    ck_assert_msg(itav_match_advance(db, "m-00000001", ITAV_MATCH_TRIAL, D("2022-01-01"),
                                     ITAV_ACTOR_COORDINATOR, 0, NULL) == ITAV_OK, "%s",
                  itav_errmsg(db));
    char *erased = NULL;
    ck_assert_msg(itav_participant_erase(db, "a1", &erased) == ITAV_OK, "%s", itav_errmsg(db));
    itav_free(erased);
    itav_close(db);
    /* the other town neither sees nor removes it, and records its own */
    snprintf(as, sizeof as, "%s&user=%s&password=pw-" SECRET, uri, roles[1]);
    ck_assert_int_eq(itav_open(&db, as), ITAV_OK);
    ck_assert_int_eq(count_releases(db), 0);
    itav_release *rl;
    ck_assert_int_eq(itav_release_get(&rl, db, rel[0]), ITAV_ENOTFOUND);
    ck_assert_int_eq(itav_release_remove(db, rel[0]), ITAV_ENOTFOUND);
    record_release(db, "ob", &rel[1]);
    ck_assert_str_ne(rel[0], rel[1]);
    ck_assert_int_eq(count_releases(db), 1);
    /* a town reads the store's secret, which the owner's first transaction made: it may make
     * a perturbed report (it could not write the secret itself) */
    itav_report_options po = ITAV_REPORT_OPTIONS_INIT;
    itav_report *pr = NULL;
    po.method = ITAV_REPORT_PERTURB;
    ck_assert_msg(itav_report_programme(&pr, db, "ob", &po) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert(itav_report_perturbed(pr));
    itav_report_free(pr);
    itav_close(db);
    ck_assert_int_eq(count_releases(owner), 2); /* the owner sees both */
    ck_assert_int_eq(itav_release_get(&rl, owner, rel[0]), ITAV_OK);
    ck_assert_str_eq(itav_release_offer(rl), "oa");
    itav_release_free(rl);
    itav_free(rel[0]);
    itav_free(rel[1]);
    after = export_text(owner);
    ck_assert_str_ne(before, after);
    ck_assert_ptr_nonnull(strstr(after, "\"b1\""));
    itav_free(after);
    itav_free(before);
    itav_close(owner);
    postgres_drop_schema(schema);
    for (int i = 0; i < 2; i++) {
        snprintf(sql, sizeof sql, "DROP ROLE %s", roles[i]);
        postgres_sql(sql, NULL, 0);
    }
}
END_TEST

/* ---- several processes ---- */

#define WRITERS 8
#define EACH 15

/* A child: proposes its asking participant to the one supporter, then adds EACH
 * participants one transaction each. Exit status: 0 proposed, 1 refused by the rules, 2
 * anything else (busy, I/O: the writers did not serialise), 3 an add failed. */
static int writer(const char *uri, int i, int start)
{
    itav_db *db;
    char ref[16], *id = NULL, doc[256], c;
    if (itav_open(&db, uri) != ITAV_OK)
        return 3;
    if (read(start, &c, 1) != 0) /* every writer proposes at once: when the pipe closes */
        return 3;
    snprintf(ref, sizeof ref, "a%d", i);
    int rc = itav_match_propose(&id, db, ref, "s1", D("2022-01-01"), ITAV_ACTOR_COORDINATOR,
                                NULL, NULL);
    int status = rc == ITAV_OK ? 0 : rc == ITAV_EBUSY || rc == ITAV_EIO ? 2 : 1;
    if (status == 2)
        fprintf(stderr, "writer %d: %s\n", i, itav_errmsg(db));
    itav_free(id);
    for (int n = 0; n < EACH && status != 3; n++) {
        snprintf(doc, sizeof doc, "{\"format\": \"itav/1\", \"participants\": [{\"ref\": "
                 "\"w%d-%d\", \"offer\": \"o\", \"kind\": \"volunteer\", \"status\": "
                 "\"available\"}]}", i, n);
        if (itav_import_json_string(db, doc, "doc") != ITAV_OK) {
            fprintf(stderr, "writer %d: %s\n", i, itav_errmsg(db));
            status = 3;
        }
    }
    itav_close(db);
    return status;
}

/* WRITERS processes write to one store at once: one proposal to the supporter of capacity
 * 1 wins and every other is refused by the rules (none busy), and no write is lost. */
START_TEST(eight_writers_serialise)
{
    char uri[1024], schema[64], sql[256], got[32];
    postgres_new_schema(uri, sizeof uri, schema, "");
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    ck_assert_int_eq(itav_import_json_string(db, DOC("{\"ref\": \"s1\", \"offer\": \"o\", "
        "\"kind\": \"volunteer\", \"status\": \"available\"}, " PERSON("a0") ", " PERSON("a1")
        ", " PERSON("a2") ", " PERSON("a3") ", " PERSON("a4") ", " PERSON("a5") ", "
        PERSON("a6") ", " PERSON("a7")), "doc"), ITAV_OK);
    itav_close(db);
    pid_t pids[WRITERS];
    int start[2];
    ck_assert_int_eq(pipe(start), 0);
    for (int i = 0; i < WRITERS; i++) {
        fflush(NULL);
        pids[i] = fork();
        ck_assert_int_ge(pids[i], 0);
        if (pids[i] == 0) {
            close(start[1]);
            _exit(writer(uri, i, start[0]));
        }
    }
    close(start[0]);
    nanosleep(&(struct timespec){0, 300000000}, NULL); /* they connect */
    close(start[1]);
    int won = 0, refused = 0;
    for (int i = 0; i < WRITERS; i++) {
        int st;
        ck_assert_int_eq(waitpid(pids[i], &st, 0), pids[i]);
        ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) <= 1, "writer %d: status %d", i,
                      WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        won += WEXITSTATUS(st) == 0;
        refused += WEXITSTATUS(st) == 1;
    }
    ck_assert_int_eq(won, 1);
    ck_assert_int_eq(refused, WRITERS - 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.itav_records WHERE kind = "
             "'participant'", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_int_eq(atoi(got), 1 + WRITERS + WRITERS * EACH);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.itav_records WHERE kind = 'match'",
             schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "1");
    postgres_drop_schema(schema);
}
END_TEST

/* ---- migrations ---- */

/* Schema version 1 as libitav made it (postgres.c, migrations[0], released: never edited),
 * with "@." as there; the fixture of a store made by a library of that version. */
static const char schema_v1[] =
    "CREATE TABLE @.itav_schema (version integer NOT NULL);"
    "INSERT INTO @.itav_schema VALUES (0);"
    "CREATE TABLE @.itav_records ("
    " kind text COLLATE \"C\" NOT NULL, key text COLLATE \"C\" NOT NULL,"
    " i0 text COLLATE \"C\", i1 text COLLATE \"C\", i2 text COLLATE \"C\","
    " i3 text COLLATE \"C\", place point, data bytea NOT NULL,"
    " PRIMARY KEY (kind, key));"
    "CREATE INDEX itav_records_i0 ON @.itav_records (kind, i0, key) WHERE i0 IS NOT NULL;"
    "CREATE INDEX itav_records_i1 ON @.itav_records (kind, i1, key) WHERE i1 IS NOT NULL;"
    "CREATE INDEX itav_records_i2 ON @.itav_records (kind, i2, key) WHERE i2 IS NOT NULL;"
    "CREATE INDEX itav_records_i3 ON @.itav_records (kind, i3, key) WHERE i3 IS NOT NULL;"
    "CREATE INDEX itav_records_place ON @.itav_records USING gist (place)"
    " WHERE place IS NOT NULL;"
    "UPDATE @.itav_schema SET version = 1;";

/* Runs sql with every "@." standing for schema and a dot. */
static void sql_in(const char *schema, const char *sql)
{
    char out[4096];
    size_t o = 0, n = strlen(schema);
    for (const char *p = sql; *p; p++) {
        ck_assert(o + n + 2 < sizeof out);
        if (p[0] == '@' && p[1] == '.') {
            memcpy(out + o, schema, n);
            o += n;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
    postgres_sql(out, NULL, 0);
}

/* The records of a schema as one digest, and its version and policies. */
static void state_of(const char *schema, char *out, size_t size)
{
    char sql[768];
    snprintf(sql, sizeof sql, "SELECT (SELECT max(version) FROM %s.itav_schema) || ' ' || "
             "(SELECT count(*) FROM pg_policies WHERE schemaname = '%s') || ' ' || "
             "(SELECT coalesce(md5(string_agg(kind || '/' || key || '/' || coalesce(place::text,"
             " '') || '/' || encode(data, 'hex'), ',' ORDER BY kind, key)), '') FROM "
             "%s.itav_records)", schema, schema, schema);
    postgres_sql(sql, out, size);
}

/* A store of schema version 1 with records in it: opening it migrates it to version 2 in
 * one transaction (a step that fails midway leaves version 1 whole), keeps every record,
 * and a store of a newer version is refused and left exactly as it was. */
START_TEST(version_1_is_migrated_in_one_transaction)
{
    char uri[1024], schema[64], src_uri[1024], src[64], sql[512], got[128], before[128];
    /* records as a current library writes them (the record format does not depend on the
     * schema version), copied into a version-1 store */
    postgres_new_schema(src_uri, sizeof src_uri, src, "");
    itav_db *db;
    ck_assert_int_eq(itav_open(&db, src_uri), ITAV_OK);
    ck_assert_int_eq(itav_import_json_string(db, DOC(PERSON("p1") "," PERSON("p2")), "doc"),
                     ITAV_OK);
    char *want = export_text(db);
    itav_close(db);
    /* a new store whose second step fails: not even the first step's tables stay */
    postgres_new_schema(uri, sizeof uri, schema, "");
    sql_in(schema, "CREATE FUNCTION @.itav_granted(kind text, key text, i0 text) RETURNS "
                   "boolean LANGUAGE sql AS 'SELECT true'");
    ck_assert_int_eq(itav_open(&db, uri), ITAV_EIO);
    assert_msg(db, "already exists");
    itav_close(db);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pg_tables WHERE schemaname = '%s'", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "0");
    postgres_drop_schema(schema);
    /* the version-1 store */
    postgres_new_schema(uri, sizeof uri, schema, "");
    sql_in(schema, schema_v1);
    snprintf(sql, sizeof sql, "INSERT INTO %s.itav_records SELECT * FROM %s.itav_records",
             schema, src);
    postgres_sql(sql, NULL, 0);
    postgres_drop_schema(src);
    /* a step that fails after some of its statements ran: nothing of it stays */
    sql_in(schema, "CREATE FUNCTION @.itav_granted(kind text, key text, i0 text) RETURNS "
                   "boolean LANGUAGE sql AS 'SELECT true'");
    state_of(schema, before, sizeof before);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_EIO);
    assert_msg(db, "already exists");
    itav_close(db);
    state_of(schema, got, sizeof got);
    ck_assert_str_eq(got, before);
    snprintf(sql, sizeof sql, "SELECT to_regclass('%s.itav_grants') IS NULL", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "t"); /* the step's first statement was rolled back too */
    sql_in(schema, "DROP FUNCTION @.itav_granted(text, text, text)");
    /* now it goes through */
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    char *have = export_text(db);
    ck_assert_str_eq(have, want);
    itav_free(have);
    itav_close(db);
    snprintf(sql, sizeof sql, "SELECT version FROM %s.itav_schema", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "3");
    snprintf(sql, sizeof sql, "SELECT relrowsecurity FROM pg_class WHERE oid = "
             "'%s.itav_records'::regclass", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "t");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pg_policies WHERE schemaname = '%s' AND "
             "tablename = 'itav_records'", schema);
    postgres_sql(sql, got, sizeof got);
    ck_assert_str_eq(got, "4");
    /* a newer version: refused, and nothing changed */
    snprintf(sql, sizeof sql, "UPDATE %s.itav_schema SET version = 7", schema);
    postgres_sql(sql, NULL, 0);
    state_of(schema, before, sizeof before);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_EVERSION);
    assert_msg(db, "has schema version 7; this library knows up to 3");
    itav_close(db);
    state_of(schema, got, sizeof got);
    ck_assert_str_eq(got, before);
    itav_free(want);
    postgres_drop_schema(schema);
}
END_TEST

/* ---- the server stopped and started again ----
 * The test server may be shared with other tests running at the same time, so this test
 * makes a server of its own: initdb and pg_ctl (found by pg_config --bindir, else under
 * /usr/lib/postgresql) in a new directory, listening only on a Unix socket there. As root
 * (CI containers) the server runs as user postgres, which the postgresql package makes,
 * since PostgreSQL refuses to run as root. */

static char own_dir[64], own_bin[512], own_as[32];

static void own_run(const char *fmt, const char *arg)
{
    char cmd[2048], inner[1600];
    snprintf(inner, sizeof inner, fmt, own_bin, own_dir, arg ? arg : "");
    snprintf(cmd, sizeof cmd, "%s%s >>%s/log 2>&1", own_as, inner, own_dir);
    int st = system(cmd);
    ck_assert_msg(st == 0, "%s failed (status %d); see %s/log", inner, st, own_dir);
}

/* Finds the server's programs; false when there are none. */
static bool find_server_programs(void)
{
    FILE *p = popen("pg_config --bindir 2>/dev/null", "r");
    char line[400] = "", path[600];
    if (p) {
        if (!fgets(line, sizeof line, p))
            line[0] = '\0';
        pclose(p);
    }
    line[strcspn(line, "\n")] = '\0';
    snprintf(path, sizeof path, "%s/initdb", line);
    if (line[0] && access(path, X_OK) == 0) {
        snprintf(own_bin, sizeof own_bin, "%s", line);
        return true;
    }
    p = popen("ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1", "r");
    line[0] = '\0';
    if (p) {
        if (!fgets(line, sizeof line, p))
            line[0] = '\0';
        pclose(p);
    }
    line[strcspn(line, "\n")] = '\0';
    snprintf(path, sizeof path, "%s/initdb", line);
    if (line[0] && access(path, X_OK) == 0) {
        snprintf(own_bin, sizeof own_bin, "%s", line);
        return true;
    }
    return false;
}

/* Made by main before the test runs (in a process of its own), so that main can stop the
 * server and remove the directory whatever becomes of the test: "" when it could not be. */
static char own_problem[160];

static void own_setup(void)
{
    if (!find_server_programs()) {
        snprintf(own_problem, sizeof own_problem, "no initdb: install Debian's postgresql "
                 "(bash .ci/setup test) to run this test");
        return;
    }
    snprintf(own_dir, sizeof own_dir, "/tmp/itav-pg-restart-XXXXXX");
    if (!mkdtemp(own_dir)) {
        snprintf(own_problem, sizeof own_problem, "cannot make a directory in /tmp");
        own_dir[0] = '\0';
        return;
    }
    if (geteuid() == 0) {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "chown postgres: %s", own_dir);
        if (system(cmd) != 0)
            snprintf(own_problem, sizeof own_problem, "as root the server runs as user "
                     "postgres, and there is none (install Debian's postgresql)");
        snprintf(own_as, sizeof own_as, "runuser -u postgres -- ");
    }
}

/* Stops the server if the test left it running (it failed), and removes the directory. */
static void own_cleanup(void)
{
    char cmd[1400];
    if (!own_dir[0])
        return;
    snprintf(cmd, sizeof cmd, "if [ -f %s/data/postmaster.pid ]; then %s%s/pg_ctl -D %s/data "
             "-w -m immediate stop >/dev/null 2>&1; fi; rm -rf %s", own_dir, own_as, own_bin,
             own_dir, own_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", own_dir);
}

START_TEST(the_server_stopped_and_started_again)
{
    ck_assert_msg(!own_problem[0] && own_dir[0], "%s", own_problem);
    own_run("%s/initdb -D %s/data -U itav -A trust -E UTF8 --no-locale --no-sync%s", NULL);
    /* pg_ctl's arguments name the directory three times */
    char startcmd[400];
    snprintf(startcmd, sizeof startcmd, "%%s/pg_ctl -D %%s/data -w -t 60 -l %s/server.log -o "
             "\"-c listen_addresses= -k %s -p 5433 -c fsync=off\" start%%s", own_dir, own_dir);
    own_run(startcmd, NULL);
    char uri[256];
    snprintf(uri, sizeof uri, "postgresql://itav@/postgres?host=%s&port=5433&connect_timeout=3",
             own_dir);
    itav_db *db;
    ck_assert_msg(itav_open(&db, uri) == ITAV_OK, "%s", itav_errmsg(db));
    ck_assert_int_eq(itav_import_json_string(db, DOC(PERSON("p1")), "doc"), ITAV_OK);
    own_run("%s/pg_ctl -D %s/data -w -m fast stop%s", NULL);
    /* while it is down: every call is an I/O error that names the server */
    char named[200];
    snprintf(named, sizeof named, "(host %s port 5433 database postgres user itav)", own_dir);
    itav_participant *p;
    ck_assert_int_eq(itav_participant_get(&p, db, "p1"), ITAV_EIO);
    assert_msg(db, "lost the connection to the server");
    assert_msg(db, named);
    ck_assert_int_eq(itav_participant_get(&p, db, "p1"), ITAV_EIO);
    assert_msg(db, "cannot connect again to the server");
    assert_msg(db, named);
    ck_assert_int_eq(itav_import_json_string(db, MORE(PERSON("p2")), "doc"), ITAV_EIO);
    assert_msg(db, named);
    /* started again: the next call works, reads and writes, on the same handle */
    own_run(startcmd, NULL);
    ck_assert_msg(itav_participant_get(&p, db, "p1") == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
    ck_assert_msg(itav_import_json_string(db, MORE(PERSON("p2")), "doc") == ITAV_OK, "%s",
                  itav_errmsg(db));
    ck_assert_int_eq(count_participants(db), 2);
    /* and a server restarted between two calls: the first finds the connection gone */
    own_run("%s/pg_ctl -D %s/data -w -m fast stop%s", NULL);
    own_run(startcmd, NULL);
    int rc = itav_participant_get(&p, db, "p2");
    if (rc == ITAV_EIO) {
        assert_msg(db, named);
        rc = itav_participant_get(&p, db, "p2");
    }
    ck_assert_msg(rc == ITAV_OK, "%s", itav_errmsg(db));
    itav_participant_free(p);
    itav_close(db);
    own_run("%s/pg_ctl -D %s/data -w -m fast stop%s", NULL);
}
END_TEST

int main(int argc, char **argv)
{
    bool restart = argc >= 2 && strcmp(argv[1], "restart") == 0;
    bool server = restart || (argc >= 2 && strcmp(argv[1], "server") == 0);
    if (server && !postgres_test_uri()) {
        printf("SKIP: the PostgreSQL backend against a server (%s)\n", POSTGRES_HOW);
        return TEST_SKIPPED;
    }
    Suite *s = suite_create("postgres");
    TCase *tc = tcase_create("postgres");
    tcase_set_timeout(tc, 60);
    if (restart) {
        /* a server of its own (ITAV_TEST_POSTGRES says that the PostgreSQL tests run) */
        tcase_add_test(tc, the_server_stopped_and_started_again);
    } else if (!server) {
        tcase_add_test(tc, malformed_uris_hide_the_password);
        tcase_add_test(tc, no_server_is_an_io_error_that_names_it);
    } else {
        tcase_add_test(tc, a_password_in_the_uri_is_never_shown);
        tcase_add_test(tc, schema_made_once_and_a_newer_one_refused);
        tcase_add_test(tc, no_schema_to_keep_the_store_in);
        tcase_add_test(tc, a_held_lock_gives_busy_after_the_timeout);
        tcase_add_test(tc, a_lost_connection_is_named_and_the_next_call_reconnects);
        tcase_add_test(tc, killed_mid_transaction_leaves_nothing);
        tcase_add_test(tc, a_read_transaction_is_one_snapshot);
        tcase_add_test(tc, erasure_leaves_no_value_and_vacuums);
        tcase_add_test(tc, each_organisation_sees_only_its_offers);
        tcase_add_test(tc, eight_writers_serialise);
        tcase_add_test(tc, version_1_is_migrated_in_one_transaction);
    }
    suite_add_tcase(s, tc);
    if (restart)
        own_setup();
    int rc = run_suite(s);
    own_cleanup();
    return rc;
}
