/* The built-in backends undo a failed transaction completely. A wrapping backend passes
 * every call to a real memory or SQLite backend but fails the Nth write, so an import dies
 * half-way through its writes; afterwards the store must be exactly as before. Links the
 * static library to reach the built-in backends' constructors. */
#include "internal.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct wrapper {
    itav_backend parent;
    itav_backend *inner;
    int writes_left; /* -1: never fail */
} wrapper;

static itav_backend *inner(itav_backend *be) { return ((wrapper *)be)->inner; }

static int allowed(itav_backend *be)
{
    wrapper *w = (wrapper *)be;
    if (w->writes_left < 0)
        return 1;
    return w->writes_left-- > 0;
}

static int w_begin(itav_backend *be) { return inner(be)->begin(inner(be)); }
static int w_commit(itav_backend *be) { return inner(be)->commit(inner(be)); }
static int w_rollback(itav_backend *be) { return inner(be)->rollback(inner(be)); }
static int w_put(itav_backend *be, const char *kind, const char *key, const char *const *index,
                 const void *data, size_t size)
{
    if (!allowed(be))
        return ITAV_EIO;
    return inner(be)->put(inner(be), kind, key, index, data, size);
}
static int w_get(itav_backend *be, const char *kind, const char *key, itav_record_fn fn,
                 void *arg)
{
    return inner(be)->get(inner(be), kind, key, fn, arg);
}
static int w_del(itav_backend *be, const char *kind, const char *key)
{
    if (!allowed(be))
        return ITAV_EIO;
    return inner(be)->del(inner(be), kind, key);
}
static int w_scan(itav_backend *be, const char *kind, int slot, const char *value,
                  itav_record_fn fn, void *arg)
{
    return inner(be)->scan(inner(be), kind, slot, value, fn, arg);
}
static void w_free(itav_backend *be)
{
    inner(be)->free(inner(be));
    free(be);
}

static itav_db *open_wrapped(int sqlite, wrapper **out, char *dir)
{
    wrapper *w = calloc(1, sizeof *w);
    char err[256], path[128];
    w->parent = (itav_backend)ITAV_BACKEND_INIT;
    w->parent.begin = w_begin;
    w->parent.commit = w_commit;
    w->parent.rollback = w_rollback;
    w->parent.put = w_put;
    w->parent.get = w_get;
    w->parent.del = w_del;
    w->parent.scan = w_scan;
    w->parent.free = w_free;
    w->writes_left = -1;
    if (sqlite) {
        ck_assert_ptr_nonnull(mkdtemp(dir));
        snprintf(path, sizeof path, "%s/s.db", dir);
        ck_assert_int_eq(itav__sqlite_backend_open(&w->inner, path, err, sizeof err), ITAV_OK);
    } else {
        ck_assert_int_eq(itav__memory_backend_new(&w->inner), ITAV_OK);
    }
    itav_db *db;
    ck_assert_int_eq(itav_open_backend(&db, &w->parent), ITAV_OK);
    *out = w;
    return db;
}

START_TEST(failed_import_is_rolled_back)
{
    char dir[] = "/tmp/itav-rb-XXXXXX";
    wrapper *w;
    itav_db *db = open_wrapped(_i, &w, dir);
    /* some data first, including records the failed import would overwrite if it could */
    ck_assert_int_eq(itav_import_json_string(db,
        "{\"format\": \"itav/1\", \"interventions\": [{\"id\": \"kept\", \"name\": \"Kept\"}]}",
        NULL), ITAV_OK);
    char *before = export_text(db);
    for (int n = 0; n < 92; n += 13) {
        w->writes_left = n;
        ck_assert_int_eq(itav_catalog_load(db), ITAV_EIO);
        w->writes_left = -1;
        char *after = export_text(db);
        ck_assert_msg(strcmp(before, after) == 0, "store changed after failing write %d", n);
        itav_free(after);
    }
    /* an update that fails leaves the old record */
    itav_intervention *iv;
    ck_assert_int_eq(itav_intervention_get(&iv, db, "kept"), ITAV_OK);
    itav_intervention_set_name(iv, "Changed");
    w->writes_left = 0;
    ck_assert_int_eq(itav_intervention_update(db, iv), ITAV_EIO);
    w->writes_left = -1;
    itav_intervention_free(iv);
    char *after = export_text(db);
    ck_assert_str_eq(before, after);
    /* and the store still works */
    ck_assert_int_eq(itav_catalog_load(db), ITAV_OK);
    itav_free(before);
    itav_free(after);
    itav_close(db);
    if (_i) {
        char cmd[64];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        ck_assert_int_eq(system(cmd), 0);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rollback");
    TCase *tc = tcase_create("rollback");
    tcase_add_loop_test(tc, failed_import_is_rolled_back, 0, 2); /* memory, sqlite */
    suite_add_tcase(s, tc);
    return run_suite(s);
}
