"""The PostgreSQL test server for Python tests (not a test module itself): the same contract
as tests/c/testutil.h ("the PostgreSQL test server").

ITAV_TEST_POSTGRES holds a libpq URI of a server where the user may create schemas
("postgresql://" takes everything from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE);
`bash .ci/postgres` starts a throwaway one and sets it. Unset, the PostgreSQL tests skip and
say so (HOW). Statements go through libpq itself (ctypes), so no Python driver is needed.
"""

import ctypes
import ctypes.util
import itertools
import os

HOW = ("set ITAV_TEST_POSTGRES to a libpq URI of a server where the user may create schemas "
       "(postgresql:// with the PG* variables set), or run bash .ci/postgres")

CONNECTION_OK = 0
PGRES_COMMAND_OK = 1
PGRES_TUPLES_OK = 2

_libpq = None
_conn = None
_made = itertools.count()


def uri():
    """The server's URI, or None when the PostgreSQL tests do not run."""
    value = os.environ.get("ITAV_TEST_POSTGRES", "")
    return value or None


def _lib():
    global _libpq
    if _libpq is None:
        name = ctypes.util.find_library("pq") or "libpq.so.5"
        pq = ctypes.CDLL(name)
        pq.PQconnectdb.restype = ctypes.c_void_p
        pq.PQconnectdb.argtypes = [ctypes.c_char_p]
        pq.PQstatus.argtypes = [ctypes.c_void_p]
        pq.PQerrorMessage.restype = ctypes.c_char_p
        pq.PQerrorMessage.argtypes = [ctypes.c_void_p]
        pq.PQexec.restype = ctypes.c_void_p
        pq.PQexec.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        pq.PQresultStatus.argtypes = [ctypes.c_void_p]
        pq.PQresultErrorMessage.restype = ctypes.c_char_p
        pq.PQresultErrorMessage.argtypes = [ctypes.c_void_p]
        pq.PQntuples.argtypes = [ctypes.c_void_p]
        pq.PQnfields.argtypes = [ctypes.c_void_p]
        pq.PQgetvalue.restype = ctypes.c_char_p
        pq.PQgetvalue.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        pq.PQclear.argtypes = [ctypes.c_void_p]
        pq.PQfinish.argtypes = [ctypes.c_void_p]
        _libpq = pq
    return _libpq


def _connection():
    global _conn
    pq = _lib()
    if _conn is not None and pq.PQstatus(_conn) == CONNECTION_OK:
        return _conn
    if _conn is not None:
        pq.PQfinish(_conn)
    if not uri():
        raise RuntimeError("no PostgreSQL test server: " + HOW)
    _conn = pq.PQconnectdb(uri().encode())
    if pq.PQstatus(_conn) != CONNECTION_OK:
        raise RuntimeError("cannot connect to the PostgreSQL test server: "
                           + pq.PQerrorMessage(_conn).decode(errors="replace"))
    sql("SET client_min_messages = warning")
    return _conn


def sql(query):
    """Runs statements; returns the rows of the last one as lists of strings (None: NULL)."""
    pq = _lib()
    res = pq.PQexec(_connection(), query.encode())
    try:
        if pq.PQresultStatus(res) not in (PGRES_COMMAND_OK, PGRES_TUPLES_OK):
            raise RuntimeError("%s: %s" % (query, pq.PQresultErrorMessage(res)
                                           .decode(errors="replace").strip()))
        rows = []
        for r in range(pq.PQntuples(res)):
            rows.append([None if pq.PQgetvalue(res, r, c) is None
                         else pq.PQgetvalue(res, r, c).decode()
                         for c in range(pq.PQnfields(res))])
        return rows
    finally:
        pq.PQclear(res)


def value(query):
    """The first value of the first row of a query."""
    rows = sql(query)
    return rows[0][0] if rows and rows[0] else None


def new_schema(extra=""):
    """Creates a new, empty schema; returns (URI of a store in it, schema name)."""
    schema = "itav_pytest_%d_%d" % (os.getpid(), next(_made))
    sql("CREATE SCHEMA " + schema)
    base = uri()
    sep = "&" if "?" in base else "?"
    return "%s%soptions=-csearch_path%%3D%s%s" % (base, sep, schema, extra), schema


def drop_schema(schema):
    """Drops a schema new_schema made, and everything in it."""
    sql("DROP SCHEMA %s CASCADE" % schema)
