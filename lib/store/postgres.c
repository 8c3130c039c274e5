/* The PostgreSQL backend: one table of records in the connection's current schema, reached
 * through libpq with prepared statements only; places in a GiST index of core `point`s. The
 * only file that includes libpq-fe.h; written only against include/itav/backend.h.
 * docs/storage.md ("PostgreSQL") says why it locks and isolates as it does. */
#include "store/store_int.h"

#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long a statement waits for a lock (the writers' lock, or VACUUM's) before the backend
 * gives up with ITAV_EBUSY: as long as the SQLite backend's busy timeout. */
#define LOCK_TIMEOUT_MS 5000
/* How often begin tries again after a serialisation failure or a deadlock. */
#define BEGIN_RETRIES 5
/* A connection attempt gives up after this, unless the URI says otherwise. */
#define CONNECT_TIMEOUT_S "10"
/* The first key of the writers' advisory lock ("ITAV"); the second is the table's oid. */
#define LOCK_CLASS 0x49544156

/* Schema migrations: migrations[v] takes a store from version v to v + 1, inside one
 * transaction. "@." stands for the quoted schema and a dot. Released steps are never
 * edited; a change of schema appends a step. COLLATE "C" makes every comparison and index
 * order byte order, which the contract asks for whatever the database's collation. */
static const char *const migrations[] = {
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
    " WHERE place IS NOT NULL;",
    /* Row-level security: a role other than the owner sees the records of the offers
     * itav_grants gives it (an offer by its key, the rest by slot 0, their offer) and the
     * shared ones (interventions, the format, sequences); it writes only its offers' records
     * and the sequences. The owner, who made the tables, is not bound by it. */
    "CREATE TABLE @.itav_grants (role name NOT NULL, offer text COLLATE \"C\" NOT NULL,"
    " PRIMARY KEY (role, offer));"
    "ALTER TABLE @.itav_grants ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY itav_own ON @.itav_grants FOR SELECT USING (role = current_user);"
    "GRANT SELECT ON @.itav_schema, @.itav_grants TO PUBLIC;"
    "CREATE FUNCTION @.itav_granted(kind text, key text, i0 text) RETURNS boolean"
    " LANGUAGE sql STABLE AS $$ SELECT CASE WHEN kind = 'offer' THEN key ELSE i0 END IN"
    " (SELECT g.offer FROM @.itav_grants g WHERE g.role = current_user) $$;"
    "ALTER TABLE @.itav_records ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY itav_read ON @.itav_records FOR SELECT USING ("
    " kind NOT IN ('offer', 'participant', 'match', 'review', 'indicator')"
    " OR @.itav_granted(kind, key, i0));"
    "CREATE POLICY itav_insert ON @.itav_records FOR INSERT WITH CHECK ("
    " kind = 'sequence' OR (kind IN ('offer', 'participant', 'match', 'review', 'indicator')"
    " AND @.itav_granted(kind, key, i0)));"
    "CREATE POLICY itav_update ON @.itav_records FOR UPDATE USING ("
    " kind = 'sequence' OR (kind IN ('offer', 'participant', 'match', 'review', 'indicator')"
    " AND @.itav_granted(kind, key, i0)));"
    "CREATE POLICY itav_delete ON @.itav_records FOR DELETE USING ("
    " kind IN ('offer', 'participant', 'match', 'review', 'indicator')"
    " AND @.itav_granted(kind, key, i0));",
    /* Releases (libitav 0.4): the ledger of published reports belongs to the offer of each
     * report (slot 0), like the offer's other records. */
    "DROP POLICY itav_read ON @.itav_records;"
    "DROP POLICY itav_insert ON @.itav_records;"
    "DROP POLICY itav_update ON @.itav_records;"
    "DROP POLICY itav_delete ON @.itav_records;"
    "CREATE POLICY itav_read ON @.itav_records FOR SELECT USING ("
    " kind NOT IN ('offer', 'participant', 'match', 'review', 'indicator', 'release')"
    " OR @.itav_granted(kind, key, i0));"
    "CREATE POLICY itav_insert ON @.itav_records FOR INSERT WITH CHECK ("
    " kind = 'sequence' OR (kind IN ('offer', 'participant', 'match', 'review', 'indicator',"
    " 'release') AND @.itav_granted(kind, key, i0)));"
    "CREATE POLICY itav_update ON @.itav_records FOR UPDATE USING ("
    " kind = 'sequence' OR (kind IN ('offer', 'participant', 'match', 'review', 'indicator',"
    " 'release') AND @.itav_granted(kind, key, i0)));"
    "CREATE POLICY itav_delete ON @.itav_records FOR DELETE USING ("
    " kind IN ('offer', 'participant', 'match', 'review', 'indicator', 'release')"
    " AND @.itav_granted(kind, key, i0));",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))

/* A range statement per slot and per bound given: none, low, high, both. Four statements
 * rather than one with "$2 IS NULL OR ...", whose generic plan could not use the index. */
enum { RANGE_LOW = 1, RANGE_HIGH = 2, RANGE_VARIANTS = 4 };
enum { ST_LOCK, ST_PUT, ST_GET, ST_DEL, ST_SCAN_ALL, ST_PLACE_SET, ST_PLACE_CLEAR, ST_SCAN_BOX,
       ST_SCAN_I0, ST_RANGE_I0 = ST_SCAN_I0 + ITAV_BACKEND_INDEXES,
       ST_COUNT = ST_RANGE_I0 + ITAV_BACKEND_INDEXES * RANGE_VARIANTS };

enum { IDLE, WRITING, READING };

typedef struct pg_backend {
    itav_backend parent;
    PGconn *conn;
    char *schema;       /* the schema's name, quoted as an identifier */
    char *sql[ST_COUNT];
    bool prepared;      /* the statements are prepared on this connection */
    int txn;            /* IDLE, or the kind of transaction open */
    bool lost;          /* the connection broke inside the open transaction */
    int lock_key;       /* the records table's oid, as the advisory lock's second key */
    char warning[256];  /* the last WARNING the server sent (VACUUM skipping a table) */
    char where[160];    /* "host H port P database D user U", for messages */
    char err[512];
} pg_backend;

/* ---- messages ---- */

/* Copies a libpq message into out on one line, without its trailing line break. */
static void one_line(char *out, size_t size, const char *msg)
{
    size_t o = 0;
    if (!size)
        return;
    for (const char *p = msg ? msg : ""; *p && o + 1 < size; p++) {
        if (*p == '\n') {
            if (!p[1])
                break;
            if (o + 3 >= size)
                break;
            memcpy(out + o, "; ", 2);
            o += 2;
            while (p[1] == ' ' || p[1] == '\t')
                p++;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

/* Names the server (never the password), from the connection or, before there is one, from
 * the parsed URI. */
static void describe(pg_backend *s)
{
    const char *host = PQhost(s->conn), *port = PQport(s->conn);
    const char *db = PQdb(s->conn), *user = PQuser(s->conn);
    snprintf(s->where, sizeof s->where, "host %s port %s database %s user %s",
             host && *host ? host : "(default)", port && *port ? port : "(default)",
             db && *db ? db : "(default)", user && *user ? user : "(default)");
}

static int hex_digit(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Replaces every occurrence of secret (n bytes, n < 512) in msg with "***". */
static void hide(char *msg, size_t size, const char *secret, size_t n, size_t least)
{
    char needle[512];
    if (!n || n < least || n >= sizeof needle)
        return;
    memcpy(needle, secret, n);
    needle[n] = '\0';
    for (char *hit = msg; (hit = strstr(hit, needle)) != NULL; hit += 3) {
        size_t at = (size_t)(hit - msg), tail = strlen(hit + n);
        if (at + 3 >= size) {
            *hit = '\0';
            return;
        }
        if (tail > size - 1 - at - 3)
            tail = size - 1 - at - 3;
        memmove(hit + 3, hit + n, tail);
        hit[3 + tail] = '\0';
        memcpy(hit, "***", 3);
    }
}

/* Hides both spellings of one secret of the URI: as written, and percent-decoded. */
static void hide_both(char *msg, size_t size, const char *raw, size_t n, size_t least)
{
    char decoded[512];
    size_t d = 0;
    hide(msg, size, raw, n, least);
    for (size_t i = 0; i < n && d + 1 < sizeof decoded; i++) {
        int hi = i + 2 < n ? hex_digit((unsigned char)raw[i + 1]) : -1;
        int lo = i + 2 < n ? hex_digit((unsigned char)raw[i + 2]) : -1;
        if (raw[i] == '%' && hi >= 0 && lo >= 0) {
            decoded[d++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            decoded[d++] = raw[i];
        }
    }
    hide(msg, size, decoded, d, least);
}

/* Hides the password of the user information and the value of every parameter named
 * *password in a message about the URI. libpq quotes parts of a URI it cannot parse, which
 * may be the password: such a message hides every secret. Other messages do not quote the
 * URI; there only secrets of 4 bytes or more are hidden, as a shorter one would take
 * letters out of host and user names. */
static void scrub(char *msg, size_t size, const char *uri, size_t least)
{
    size_t plen;
    const char *password = itav__uri_userinfo_password(uri, &plen);
    if (password)
        hide_both(msg, size, password, plen, least);
    for (const char *p = strchr(uri, '?'); p && *p; p++) {
        if (*p != '?' && *p != '&')
            continue;
        const char *name = p + 1, *eq = name + strcspn(name, "=&#");
        if (*eq == '=' && eq - name >= 8 && strncmp(eq - 8, "password", 8) == 0)
            hide_both(msg, size, eq + 1, strcspn(eq + 1, "&#"), least);
    }
}

/* Keeps the server's warnings: VACUUM only warns when it skips a table it may not vacuum. */
static void on_notice(void *arg, const PGresult *res)
{
    pg_backend *s = arg;
    const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    if (severity && strcmp(severity, "WARNING") == 0)
        one_line(s->warning, sizeof s->warning, msg);
}

static bool state_is(const PGresult *res, const char *code)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    return state && strcmp(state, code) == 0;
}

/* Maps a failed result (NULL: libpq had no memory, or no connection) to a libitav code,
 * keeps the server's words for errmsg, and clears the result. */
static int fail(pg_backend *s, PGresult *res)
{
    char words[256];
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    one_line(words, sizeof words, primary ? primary : PQerrorMessage(s->conn));
    int rc = ITAV_EIO;
    if (PQstatus(s->conn) == CONNECTION_BAD || (state && strncmp(state, "08", 2) == 0)) {
        if (s->txn != IDLE)
            s->lost = true;
        snprintf(s->err, sizeof s->err, "postgresql: lost the connection to the server "
                 "(%s): %s", s->where, words);
    } else if (state && strcmp(state, "55P03") == 0) {
        snprintf(s->err, sizeof s->err, "postgresql: another connection holds the lock; "
                 "waited %d ms (the lock timeout): %s", LOCK_TIMEOUT_MS, words);
        rc = ITAV_EBUSY;
    } else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)) {
        snprintf(s->err, sizeof s->err, "postgresql: %s (SQLSTATE %s)", words, state);
        rc = ITAV_EBUSY;
    } else if (!res || (state && strcmp(state, "53200") == 0)) {
        snprintf(s->err, sizeof s->err, "postgresql: out of memory: %s", words);
        rc = ITAV_ENOMEM;
    } else {
        snprintf(s->err, sizeof s->err, "postgresql: %s", words);
    }
    PQclear(res);
    return rc;
}

/* ---- statements ---- */

/* sql with every "@." replaced by the quoted schema and a dot (owned). */
static char *in_schema(const pg_backend *s, const char *sql)
{
    size_t n = 1, slen = strlen(s->schema);
    for (const char *p = sql; *p; p++)
        n += p[0] == '@' && p[1] == '.' ? slen + 1 : 1;
    char *out = itav__malloc(n), *o = out;
    if (!out)
        return NULL;
    for (const char *p = sql; *p; p++) {
        if (p[0] == '@' && p[1] == '.') {
            memcpy(o, s->schema, slen);
            o += slen;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

static char *statement_text(const pg_backend *s, int which)
{
    static const char *const fixed[] = {
        [ST_LOCK] = "SELECT pg_advisory_xact_lock($1::int4, $2::int4)",
        [ST_PUT] = "INSERT INTO @.itav_records (kind, key, i0, i1, i2, i3, data)"
                   " VALUES ($1, $2, $3, $4, $5, $6, $7::bytea) ON CONFLICT (kind, key)"
                   " DO UPDATE SET i0 = EXCLUDED.i0, i1 = EXCLUDED.i1, i2 = EXCLUDED.i2,"
                   " i3 = EXCLUDED.i3, data = EXCLUDED.data",
        [ST_GET] = "SELECT key, data FROM @.itav_records WHERE kind = $1 AND key = $2",
        [ST_DEL] = "DELETE FROM @.itav_records WHERE kind = $1 AND key = $2",
        [ST_SCAN_ALL] = "SELECT key, data FROM @.itav_records WHERE kind = $1 ORDER BY key",
        /* point(x, y) is (longitude, latitude) */
        [ST_PLACE_SET] = "UPDATE @.itav_records SET place = point($4::float8, $3::float8)"
                         " WHERE kind = $1 AND key = $2",
        [ST_PLACE_CLEAR] = "UPDATE @.itav_records SET place = NULL"
                           " WHERE kind = $1 AND key = $2",
        [ST_SCAN_BOX] = "SELECT key, data FROM @.itav_records WHERE kind = $1"
                        " AND place <@ box(point($3::float8, $2::float8),"
                        " point($5::float8, $4::float8))",
    };
    char buf[400];
    if (which < ST_SCAN_I0)
        return in_schema(s, fixed[which]);
    if (which < ST_RANGE_I0) {
        int slot = which - ST_SCAN_I0;
        snprintf(buf, sizeof buf, "SELECT key, data FROM @.itav_records"
                 " WHERE kind = $1 AND i%d = $2 ORDER BY key", slot);
        return in_schema(s, buf);
    }
    int slot = (which - ST_RANGE_I0) / RANGE_VARIANTS, v = (which - ST_RANGE_I0) % RANGE_VARIANTS;
    char low[32] = "", high[32] = "";
    if (v & RANGE_LOW)
        snprintf(low, sizeof low, " AND i%d >= $2", slot);
    if (v & RANGE_HIGH)
        snprintf(high, sizeof high, " AND i%d <= $%d", slot, v & RANGE_LOW ? 3 : 2);
    snprintf(buf, sizeof buf, "SELECT key, data FROM @.itav_records"
             " WHERE kind = $1 AND i%d IS NOT NULL%s%s ORDER BY i%d, key", slot, low, high, slot);
    return in_schema(s, buf);
}

static bool ok(const PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);
    return res && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK);
}

/* Prepares every statement on the current connection. */
static int prepare_all(pg_backend *s)
{
    for (int i = 0; i < ST_COUNT; i++) {
        char name[24];
        snprintf(name, sizeof name, "itav_%d", i);
        PGresult *res = PQprepare(s->conn, name, s->sql[i], 0, NULL);
        if (!ok(res))
            return fail(s, res);
        PQclear(res);
    }
    s->prepared = true;
    return ITAV_OK;
}

/* Runs a prepared statement whose parameters are all text (NULL: SQL NULL) but where
 * binary says otherwise; results come in binary, so data arrives as its bytes. */
static PGresult *run(pg_backend *s, int which, int n, const char *const *values,
                     const int *lengths, const int *binary)
{
    char name[24];
    snprintf(name, sizeof name, "itav_%d", which);
    return PQexecPrepared(s->conn, name, n, values, lengths, binary, 1);
}

/* Runs a statement without parameters (transaction control, VACUUM). */
static int simple(pg_backend *s, const char *sql)
{
    PGresult *res = PQexec(s->conn, sql);
    if (!ok(res))
        return fail(s, res);
    PQclear(res);
    return ITAV_OK;
}

/* Settings of every session: a bounded wait for locks, and UTF-8 text both ways. */
static int setup_session(pg_backend *s)
{
    char sql[64];
    if (PQsetClientEncoding(s->conn, "UTF8") != 0)
        return fail(s, NULL);
    snprintf(sql, sizeof sql, "SET lock_timeout = %d", LOCK_TIMEOUT_MS);
    return simple(s, sql);
}

/* Outside a transaction, a broken connection is made again (with its session settings and
 * statements); inside one, whose writes the server has thrown away, it is an error until
 * the core rolls back. */
static int connected(pg_backend *s)
{
    if (s->txn != IDLE && PQstatus(s->conn) != CONNECTION_OK)
        s->lost = true;
    if (s->lost) {
        snprintf(s->err, sizeof s->err, "postgresql: the connection to the server (%s) was "
                 "lost in this transaction, which the server rolled back", s->where);
        return ITAV_EIO;
    }
    if (PQstatus(s->conn) == CONNECTION_OK && s->prepared)
        return ITAV_OK;
    if (PQstatus(s->conn) != CONNECTION_OK) {
        s->prepared = false;
        PQreset(s->conn);
        if (PQstatus(s->conn) != CONNECTION_OK) {
            char words[256];
            one_line(words, sizeof words, PQerrorMessage(s->conn));
            snprintf(s->err, sizeof s->err, "postgresql: cannot connect again to the server "
                     "(%s): %s", s->where, words);
            return ITAV_EIO;
        }
    }
    int rc = setup_session(s);
    return rc == ITAV_OK ? prepare_all(s) : rc;
}

/* Calls fn for each row of a "SELECT key, data" result, at most once if once; returns the
 * first non-zero result of fn, or ITAV_OK. Clears the result. */
static int rows(PGresult *res, itav_record_fn fn, void *arg, bool once, bool *any)
{
    int n = PQntuples(res), cb = 0;
    *any = n > 0;
    for (int i = 0; i < n && !cb; i++) {
        /* libpq ends every value with a NUL, binary ones too: the key is a C string */
        cb = fn(arg, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
                (size_t)PQgetlength(res, i, 1));
        if (once)
            break;
    }
    PQclear(res);
    return cb;
}

/* Runs a SELECT key, data statement and hands its rows to fn. */
static int select_rows(pg_backend *s, int which, int n, const char *const *values,
                       const int *lengths, const int *binary, itav_record_fn fn, void *arg,
                       bool once, bool *any)
{
    *any = false;
    int rc = connected(s);
    if (rc != ITAV_OK)
        return rc;
    PGresult *res = run(s, which, n, values, lengths, binary);
    if (!ok(res))
        return fail(s, res);
    return rows(res, fn, arg, once, any);
}

/* Runs a statement on (kind, key) that changes rows; *changed says whether any. */
static int change(pg_backend *s, int which, int n, const char *const *values,
                  const int *lengths, const int *binary, bool *changed)
{
    if (s->txn != WRITING)
        return ITAV_ESTATE; /* writes only inside a transaction */
    int rc = connected(s);
    if (rc != ITAV_OK)
        return rc;
    PGresult *res = run(s, which, n, values, lengths, binary);
    if (!ok(res))
        return fail(s, res);
    if (changed)
        *changed = strcmp(PQcmdTuples(res), "0") != 0;
    PQclear(res);
    return ITAV_OK;
}

/* The first value of a query with text parameters, copied into out ("" for NULL). */
static int query_value(pg_backend *s, const char *sql, int n, const char *const *values,
                       char *out, size_t size, bool *null)
{
    PGresult *res = PQexecParams(s->conn, sql, n, NULL, values, NULL, NULL, 0);
    if (!ok(res))
        return fail(s, res);
    *null = PQntuples(res) == 0 || PQgetisnull(res, 0, 0);
    snprintf(out, size, "%s", *null ? "" : PQgetvalue(res, 0, 0));
    PQclear(res);
    return ITAV_OK;
}

/* ---- the contract ---- */

static void pause_ms(long ms)
{
    nanosleep(&(struct timespec){ms / 1000, (ms % 1000) * 1000000L}, NULL);
}

/* Writers take one advisory lock of the store's table in turn, so they are serial and READ
 * COMMITTED sees every commit before theirs: nothing fails to serialise later, in the middle
 * of the core's writes, where it could not be retried. A serialisation failure or deadlock
 * here, before anything is written, is tried again. */
static int pg_begin(itav_backend *be)
{
    pg_backend *s = (pg_backend *)be;
    if (s->txn != IDLE)
        return ITAV_ESTATE; /* no nesting */
    int rc = connected(s);
    for (int attempt = 0; rc == ITAV_OK; attempt++) {
        if ((rc = simple(s, "BEGIN ISOLATION LEVEL READ COMMITTED")) != ITAV_OK)
            return rc;
        s->txn = WRITING;
        char cls[16], key[16];
        snprintf(cls, sizeof cls, "%d", LOCK_CLASS);
        snprintf(key, sizeof key, "%d", s->lock_key);
        const char *values[] = {cls, key};
        PGresult *res = run(s, ST_LOCK, 2, values, NULL, NULL);
        if (ok(res)) {
            PQclear(res);
            return ITAV_OK;
        }
        bool retry = (state_is(res, "40001") || state_is(res, "40P01")) &&
                     attempt < BEGIN_RETRIES;
        rc = fail(s, res);
        be->rollback(be);
        if (!retry)
            return rc;
        pause_ms(1L << attempt); /* 1, 2, 4 ... ms */
        rc = ITAV_OK;
    }
    return rc;
}

static int pg_commit(itav_backend *be)
{
    pg_backend *s = (pg_backend *)be;
    if (s->txn != WRITING)
        return ITAV_ESTATE;
    int rc = connected(s);
    if (rc != ITAV_OK)
        return rc;
    PGresult *res = PQexec(s->conn, "COMMIT");
    if (!ok(res)) {
        rc = fail(s, res);
        if (s->lost)
            snprintf(s->err, sizeof s->err, "postgresql: lost the connection to the server "
                     "(%s) while committing: the transaction may or may not have been "
                     "committed", s->where);
        return rc;
    }
    /* COMMIT of a transaction that failed earlier answers ROLLBACK */
    bool committed = strcmp(PQcmdStatus(res), "COMMIT") == 0;
    PQclear(res);
    s->txn = IDLE;
    if (!committed) {
        snprintf(s->err, sizeof s->err, "postgresql: the transaction had failed, so the "
                 "server rolled it back");
        return ITAV_EIO;
    }
    return ITAV_OK;
}

/* Ends a transaction of either kind without keeping anything. Never fails: on a broken
 * connection the server has already rolled back, and if ROLLBACK itself fails the
 * connection is reset, which rolls back too. */
static int pg_rollback(itav_backend *be)
{
    pg_backend *s = (pg_backend *)be;
    if (s->txn == IDLE && !s->lost)
        return ITAV_OK;
    if (PQstatus(s->conn) == CONNECTION_OK) {
        PGresult *res = PQexec(s->conn, "ROLLBACK");
        if (!ok(res)) {
            s->prepared = false;
            PQreset(s->conn); /* the next call sets the session up again */
        }
        PQclear(res);
    }
    s->txn = IDLE;
    s->lost = false;
    return ITAV_OK;
}

/* A read transaction: one snapshot, taken at its first statement, that no writer waits for
 * (REPEATABLE READ takes no locks beyond those of its reads). */
static int pg_begin_read(itav_backend *be)
{
    pg_backend *s = (pg_backend *)be;
    if (s->txn != IDLE)
        return ITAV_ESTATE;
    int rc = connected(s);
    if (rc == ITAV_OK && (rc = simple(s, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) ==
                         ITAV_OK)
        s->txn = READING;
    return rc;
}

static int pg_put(itav_backend *be, const char *kind, const char *key,
                  const char *const *index, const void *data, size_t size)
{
    pg_backend *s = (pg_backend *)be;
    if (size > INT32_MAX) {
        snprintf(s->err, sizeof s->err, "postgresql: a record of %zu bytes is too large",
                 size);
        return ITAV_EINVAL;
    }
    const char *values[7] = {kind, key, NULL, NULL, NULL, NULL, size ? data : ""};
    int lengths[7] = {0, 0, 0, 0, 0, 0, (int)size}, binary[7] = {0, 0, 0, 0, 0, 0, 1};
    for (int i = 0; i < ITAV_BACKEND_INDEXES; i++)
        values[2 + i] = index ? index[i] : NULL;
    return change(s, ST_PUT, 7, values, lengths, binary, NULL);
}

static int pg_get(itav_backend *be, const char *kind, const char *key, itav_record_fn found,
                  void *arg)
{
    pg_backend *s = (pg_backend *)be;
    const char *values[] = {kind, key};
    bool any;
    int rc = select_rows(s, ST_GET, 2, values, NULL, NULL, found, arg, true, &any);
    return rc == ITAV_OK && !any ? ITAV_ENOTFOUND : rc;
}

static int pg_del(itav_backend *be, const char *kind, const char *key)
{
    pg_backend *s = (pg_backend *)be;
    const char *values[] = {kind, key};
    bool changed = false;
    int rc = change(s, ST_DEL, 2, values, NULL, NULL, &changed);
    return rc == ITAV_OK && !changed ? ITAV_ENOTFOUND : rc;
}

static int pg_scan(itav_backend *be, const char *kind, int slot, const char *value,
                   itav_record_fn each, void *arg)
{
    pg_backend *s = (pg_backend *)be;
    bool any;
    if (slot != ITAV_SCAN_ALL && (slot < 0 || slot >= ITAV_BACKEND_INDEXES || !value))
        return ITAV_EINVAL;
    const char *values[] = {kind, value};
    return select_rows(s, slot == ITAV_SCAN_ALL ? ST_SCAN_ALL : ST_SCAN_I0 + slot,
                       slot == ITAV_SCAN_ALL ? 1 : 2, values, NULL, NULL, each, arg, false,
                       &any);
}

static int pg_scan_range(itav_backend *be, const char *kind, int slot, const char *low,
                         const char *high, itav_record_fn each, void *arg)
{
    pg_backend *s = (pg_backend *)be;
    bool any;
    if (slot < 0 || slot >= ITAV_BACKEND_INDEXES)
        return ITAV_EINVAL;
    const char *values[3] = {kind};
    int n = 1, variant = (low ? RANGE_LOW : 0) | (high ? RANGE_HIGH : 0);
    if (low)
        values[n++] = low;
    if (high)
        values[n++] = high;
    return select_rows(s, ST_RANGE_I0 + slot * RANGE_VARIANTS + variant, n, values, NULL, NULL,
                       each, arg, false, &any);
}

/* A double as float8 in binary: IEEE 754, big-endian (text would follow the locale). */
static void float8(char out[8], double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    for (int i = 7; i >= 0; i--, bits >>= 8)
        out[i] = (char)(bits & 0xFF);
}

static int pg_put_place(itav_backend *be, const char *kind, const char *key,
                        const itav_place *place)
{
    pg_backend *s = (pg_backend *)be;
    char lat[8], lon[8];
    const char *values[] = {kind, key, lat, lon};
    int lengths[] = {0, 0, 8, 8}, binary[] = {0, 0, 1, 1};
    bool changed = false;
    int rc;
    if (place) {
        float8(lat, place->lat);
        float8(lon, place->lon);
        rc = change(s, ST_PLACE_SET, 4, values, lengths, binary, &changed);
    } else {
        rc = change(s, ST_PLACE_CLEAR, 2, values, NULL, NULL, &changed);
    }
    return rc == ITAV_OK && !changed ? ITAV_ENOTFOUND : rc;
}

static int pg_scan_box(itav_backend *be, const char *kind, const itav_box *box,
                       itav_record_fn each, void *arg)
{
    pg_backend *s = (pg_backend *)be;
    char south[8], west[8], north[8], east[8];
    float8(south, box->south);
    float8(west, box->west);
    float8(north, box->north);
    float8(east, box->east);
    const char *values[] = {kind, south, west, north, east};
    int lengths[] = {0, 8, 8, 8, 8}, binary[] = {0, 1, 1, 1, 1};
    bool any;
    return select_rows(s, ST_SCAN_BOX, 5, values, lengths, binary, each, arg, false, &any);
}

/* VACUUM frees the row versions that deletes and updates left in the table and its
 * indexes (docs/storage.md: what it does not reach). It runs only outside a transaction,
 * and only for an owner: for the roles of organisations (row-level security) autovacuum
 * and the operator do it instead, and purge does nothing. */
static int pg_purge(itav_backend *be)
{
    pg_backend *s = (pg_backend *)be;
    if (s->txn != IDLE)
        return ITAV_ESTATE;
    int rc = connected(s);
    char *sql = rc == ITAV_OK ? in_schema(s, "VACUUM @.itav_records") : NULL;
    if (rc != ITAV_OK)
        return rc;
    if (!sql)
        return ITAV_ENOMEM;
    /* who may: VACUUM's own rule (the table's or the database's owner, or a member) */
    char oid[16], may[8];
    bool null;
    snprintf(oid, sizeof oid, "%u", (unsigned)s->lock_key);
    const char *values[] = {oid};
    rc = query_value(s, "SELECT pg_has_role(c.relowner, 'USAGE') OR pg_has_role(d.datdba, "
                     "'USAGE') FROM pg_class c, pg_database d WHERE c.oid = $1::oid AND "
                     "d.datname = current_database()", 1, values, may, sizeof may, &null);
    if (rc != ITAV_OK || strcmp(may, "t") != 0) {
        itav__free(sql);
        return rc;
    }
    s->warning[0] = '\0';
    rc = simple(s, sql);
    itav__free(sql);
    if (rc == ITAV_OK && s->warning[0]) {
        snprintf(s->err, sizeof s->err, "postgresql: VACUUM did not run: %s (the table's "
                 "owner or autovacuum must vacuum it)", s->warning);
        return ITAV_EIO;
    }
    return rc;
}

static const char *pg_errmsg(itav_backend *be) { return ((pg_backend *)be)->err; }

static void pg_free(itav_backend *be)
{
    pg_backend *s = (pg_backend *)be;
    PQfinish(s->conn); /* an open transaction is rolled back by the server */
    for (int i = 0; i < ST_COUNT; i++)
        itav__free(s->sql[i]);
    if (s->schema)
        PQfreemem(s->schema);
    itav__free(s);
}

/* ---- opening: the schema ---- */

/* The schema version of the store: 0 when it has no tables yet. */
static int schema_version(pg_backend *s, int *version)
{
    char buf[32], *table = in_schema(s, "@.itav_schema");
    bool null;
    if (!table)
        return ITAV_ENOMEM;
    const char *values[] = {table};
    int rc = query_value(s, "SELECT to_regclass($1)", 1, values, buf, sizeof buf, &null);
    itav__free(table);
    *version = 0;
    if (rc != ITAV_OK || null)
        return rc;
    char *sql = in_schema(s, "SELECT max(version) FROM @.itav_schema");
    if (!sql)
        return ITAV_ENOMEM;
    rc = query_value(s, sql, 0, NULL, buf, sizeof buf, &null);
    itav__free(sql);
    *version = null ? 0 : atoi(buf);
    return rc;
}

/* Runs the missing steps in one transaction, which an advisory lock keeps to one connection
 * at a time; a connection that waited finds the work done. */
static int migrate(pg_backend *s, int *version)
{
    char buf[32], key[16];
    bool null;
    int rc = simple(s, "BEGIN");
    if (rc != ITAV_OK)
        return rc;
    s->txn = WRITING;
    snprintf(key, sizeof key, "%d", LOCK_CLASS);
    const char *values[] = {key, s->schema};
    if ((rc = query_value(s, "SELECT pg_advisory_xact_lock($1::int4, hashtext($2))", 2,
                          values, buf, sizeof buf, &null)) != ITAV_OK ||
        (rc = schema_version(s, version)) != ITAV_OK)
        goto done;
    for (; *version < SCHEMA_VERSION; ++*version) {
        char *step = in_schema(s, migrations[*version]), set[96];
        if (!step) {
            rc = ITAV_ENOMEM;
            goto done;
        }
        rc = simple(s, step);
        itav__free(step);
        if (rc != ITAV_OK)
            goto done;
        snprintf(set, sizeof set, "UPDATE @.itav_schema SET version = %d", *version + 1);
        if (!(step = in_schema(s, set))) {
            rc = ITAV_ENOMEM;
            goto done;
        }
        rc = simple(s, step);
        itav__free(step);
        if (rc != ITAV_OK)
            goto done;
    }
    rc = simple(s, "COMMIT");
done:
    if (rc != ITAV_OK)
        pg_rollback(&s->parent);
    s->txn = IDLE;
    return rc;
}

/* Finds the schema to keep the tables in (the connection's current schema), makes or
 * brings up to date the tables there, or refuses a newer store. */
static int open_schema(pg_backend *s, char *err, size_t errsize)
{
    char name[256], buf[32];
    bool null;
    int rc = query_value(s, "SELECT current_schema()", 0, NULL, name, sizeof name, &null);
    if (rc != ITAV_OK)
        return rc;
    if (null) {
        snprintf(err, errsize, "no schema to keep the store in: no schema of the "
                 "connection's search_path exists (create one, or name one with "
                 "options=-csearch_path%%3DNAME in the URI)");
        return ITAV_EINVAL;
    }
    if (!(s->schema = PQescapeIdentifier(s->conn, name, strlen(name))))
        return fail(s, NULL);
    int version;
    if ((rc = schema_version(s, &version)) != ITAV_OK)
        return rc;
    if (version < SCHEMA_VERSION && (rc = migrate(s, &version)) != ITAV_OK)
        return rc;
    if (version > SCHEMA_VERSION) {
        snprintf(err, errsize, "the store in schema %s has schema version %d; this library "
                 "knows up to %d", s->schema, version, SCHEMA_VERSION);
        return ITAV_EVERSION;
    }
    char *table = in_schema(s, "@.itav_records");
    if (!table)
        return ITAV_ENOMEM;
    const char *values[] = {table};
    rc = query_value(s, "SELECT $1::regclass::oid", 1, values, buf, sizeof buf, &null);
    itav__free(table);
    if (rc != ITAV_OK)
        return rc;
    s->lock_key = (int)(int32_t)strtoul(buf, NULL, 10);
    return ITAV_OK;
}

int itav__postgres_backend_open(itav_backend **out, const char *uri, char *err,
                                size_t errsize)
{
    pg_backend *s = itav__calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errsize, "out of memory");
        return ITAV_ENOMEM;
    }
    s->parent = (itav_backend)ITAV_BACKEND_INIT;
    s->parent.begin = pg_begin;
    s->parent.commit = pg_commit;
    s->parent.rollback = pg_rollback;
    s->parent.put = pg_put;
    s->parent.get = pg_get;
    s->parent.del = pg_del;
    s->parent.scan = pg_scan;
    s->parent.errmsg = pg_errmsg;
    s->parent.free = pg_free;
    s->parent.purge = pg_purge;
    s->parent.begin_read = pg_begin_read;
    s->parent.end_read = pg_rollback; /* a read transaction has nothing to commit */
    s->parent.scan_range = pg_scan_range;
    s->parent.put_place = pg_put_place;
    s->parent.scan_box = pg_scan_box;

    /* libpq's own check of the URI, so that a malformed one is told apart from a server
     * that cannot be reached */
    char *why = NULL;
    PQconninfoOption *parsed = PQconninfoParse(uri, &why);
    PQconninfoFree(parsed);
    if (!parsed) {
        char words[256];
        bool malformed = why != NULL;
        one_line(words, sizeof words, malformed ? why : "out of memory");
        PQfreemem(why);
        snprintf(err, errsize, "not a valid PostgreSQL connection URI: %s", words);
        scrub(err, errsize, uri, 1);
        itav__free(s);
        return malformed ? ITAV_EINVAL : ITAV_ENOMEM;
    }
    /* The URI's own settings override these defaults (they come before it). */
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                                NULL};
    const char *const values[] = {CONNECT_TIMEOUT_S, "libitav", uri, NULL};
    s->conn = PQconnectdbParams(keys, values, 1);
    int rc = ITAV_EIO;
    if (!s->conn) {
        snprintf(err, errsize, "out of memory");
        rc = ITAV_ENOMEM;
        goto fail;
    }
    describe(s);
    if (PQstatus(s->conn) != CONNECTION_OK) {
        char words[256];
        one_line(words, sizeof words, PQerrorMessage(s->conn));
        snprintf(err, errsize, "cannot connect to PostgreSQL (%s): %s", s->where, words);
        scrub(err, errsize, uri, 4);
        goto fail;
    }
    PQsetNoticeReceiver(s->conn, on_notice, s);
    const char *encoding = PQparameterStatus(s->conn, "server_encoding");
    if (!encoding || (strcmp(encoding, "UTF8") != 0 && strcmp(encoding, "SQL_ASCII") != 0)) {
        snprintf(err, errsize, "the database (%s) has encoding %s; libitav keeps UTF-8 text "
                 "and needs a database in UTF8 (createdb -E UTF8)", s->where,
                 encoding ? encoding : "(unknown)");
        rc = ITAV_EINVAL;
        goto fail;
    }
    if ((rc = setup_session(s)) != ITAV_OK || (rc = open_schema(s, err, errsize)) != ITAV_OK)
        goto failed;
    for (int i = 0; i < ST_COUNT; i++)
        if (!(s->sql[i] = statement_text(s, i))) {
            snprintf(err, errsize, "out of memory");
            rc = ITAV_ENOMEM;
            goto fail;
        }
    if ((rc = prepare_all(s)) != ITAV_OK)
        goto failed;
    *out = &s->parent;
    return ITAV_OK;
failed:
    if (!err[0])
        snprintf(err, errsize, "%s (%s)", s->err, s->where);
    scrub(err, errsize, uri, 4);
fail:
    pg_free(&s->parent);
    return rc;
}
