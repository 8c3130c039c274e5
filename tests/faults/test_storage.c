/* Real storage failures on a SQLite store, through the public API only:
 * - a read-only file (the operating system refuses writes: mode 0444, owned by someone else;
 *   run as root, the test drops to user nobody first, because root may write anyway), in a
 *   read-only directory (the store cannot be opened: SQLite cannot make its log files) and
 *   in a writable one (reads work, writes fail),
 * - no room: the file size limit RLIMIT_FSIZE (SIGXFSZ ignored, so that writes fail with
 *   EFBIG, as under a quota), and a really full file system (a small tmpfs mounted in a
 *   mount namespace of the child's own, where writes fail with ENOSPC; skipped where the
 *   test may not mount).
 * A write must fail with ITAV_EIO and the cause in itav_errmsg(), the store must pass
 * PRAGMA integrity_check and hold exactly what it held, and the context must keep working
 * for reads (and for writes again once there is room). Each case runs in a child process,
 * since it changes the process's user or limits for good. */
#define _GNU_SOURCE /* setgroups, unshare */
#include "../c/testutil.h"

#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char base_json[] =
    "{\"format\": \"itav/1\","
    " \"interventions\": [{\"id\": \"local-support\", \"name\": \"Local support\"}],"
    " \"offers\": [{\"id\": \"local-offer\", \"intervention\": \"local-support\"}]}";

static const char people_csv[] =
    "ref,kind,offer,status,municipality,registered\n"
    "a01,family,local-offer,waiting,Haarlem,2021-01-04\n"
    "s01,support_family,local-offer,available,Heemstede,2021-01-05\n";

/* ---- the child's side: the first failed expectation goes to the parent ---- */

static char *failure; /* shared with the parent (MAP_SHARED) */

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void expect(bool ok, const char *fmt, ...)
{
    if (ok)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(failure, 4096, fmt, ap);
    va_end(ap);
    _exit(1);
}

/* Runs fn in a child process and fails the test with the child's message if it failed. */
static void in_child(void (*fn)(const char *), const char *path)
{
    failure = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(failure, MAP_FAILED);
    failure[0] = '\0';
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        fn(path);
        _exit(0);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s",
                  failure[0] ? failure : "the child died");
    if (failure[0]) /* a case the child could not run here */
        printf("%s\n", failure);
    munmap(failure, 4096);
}

static char *exported(itav_db *db)
{
    char *s = NULL;
    int rc = itav_export_json_string(&s, db);
    expect(rc == ITAV_OK, "export failed (%d): %s", rc, itav_errmsg(db));
    return s;
}

/* A new store with a little data, closed again; returns its path (static). */
static const char *make_store(void)
{
    static char dir[64], path[128];
    char uri[160];
    itav_db *db;
    strcpy(dir, "/tmp/itav-storage-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/store.db", dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    ck_assert_int_eq(itav_open(&db, uri), ITAV_OK);
    ck_assert_msg(itav_import_json_string(db, base_json, "base") == ITAV_OK, "%s",
                  itav_errmsg(db));
    ck_assert_msg(itav_import_participants_csv_string(db, people_csv, "people.csv", NULL) ==
                      ITAV_OK, "%s", itav_errmsg(db));
    itav_close(db);
    return path;
}

static void remove_store(const char *path)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "d=$(dirname '%s'); chmod -R u+w \"$d\"; rm -rf \"$d\"", path);
    ck_assert_int_eq(system(cmd), 0);
}

static itav_db *open_uri(const char *path)
{
    char uri[160];
    itav_db *db;
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    int rc = itav_open(&db, uri);
    expect(rc == ITAV_OK, "cannot open %s (%d): %s", path, rc, itav_errmsg(db));
    return db;
}

/* What every failed write must leave: the error with its cause, the same data, a sound
 * file, and reads that still work on the same context. */
static void check_failed_write(itav_db *db, const char *path, int rc, const char *what,
                               const char *cause, const char *before)
{
    char why[256];
    expect(rc == ITAV_EIO, "%s gave %d, not ITAV_EIO: %s", what, rc, itav_errmsg(db));
    expect(strstr(itav_errmsg(db), cause) != NULL, "%s: message \"%s\" lacks \"%s\"", what,
           itav_errmsg(db), cause);
    printf("%s: %s\n", what, itav_errmsg(db));
    fflush(stdout);
    char *after = exported(db);
    expect(strcmp(before, after) == 0, "%s changed the store", what);
    itav_free(after);
    itav_participant *p;
    rc = itav_participant_get(&p, db, "a01");
    expect(rc == ITAV_OK, "read after %s failed (%d): %s", what, rc, itav_errmsg(db));
    itav_participant_free(p);
    expect(sqlite_integrity_ok(path, why, sizeof why), "integrity_check after %s: %s", what, why);
}

/* ---- read-only ---- */

static void drop_root(const char *path)
{
    if (geteuid() == 0) {
        /* root writes to any file whatever its mode: become an ordinary user */
        expect(setgroups(0, NULL) == 0 && setgid(65534) == 0 && setuid(65534) == 0,
               "cannot drop to user nobody");
    }
    expect(access(path, W_OK) != 0, "the store is still writable");
}

/* In a read-only directory SQLite cannot make the log files a store in WAL mode needs even
 * for reading: the open fails, and says so. */
static void read_only_dir_child(const char *path)
{
    char uri[160];
    itav_db *db;
    drop_root(path);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    int rc = itav_open(&db, uri);
    expect(rc == ITAV_EIO, "open in a read-only directory gave %d: %s", rc, itav_errmsg(db));
    expect(strstr(itav_errmsg(db), "readonly") != NULL, "open: message \"%s\" lacks readonly",
           itav_errmsg(db));
    printf("open in a read-only directory: %s\n", itav_errmsg(db));
    fflush(stdout);
    itav_close(db);
}

static void read_only_child(const char *path)
{
    drop_root(path);
    itav_db *db = open_uri(path);
    char *before = exported(db);

    itav_participant *p;
    expect(itav_participant_new(&p, "a02", "local-offer", ITAV_PARTICIPANT_FAMILY) == ITAV_OK,
           "participant_new");
    int rc = itav_participant_create(db, p);
    itav_participant_free(p);
    check_failed_write(db, path, rc, "a create on a read-only store", "readonly", before);
    rc = itav_catalog_load(db);
    check_failed_write(db, path, rc, "a catalogue load on a read-only store", "readonly",
                       before);
    itav_free(before);
    itav_close(db);
}

START_TEST(read_only_store)
{
    const char *path = make_store();
    char dir[128];
    snprintf(dir, sizeof dir, "%s", path);
    *strrchr(dir, '/') = '\0';
    /* The file loses write permission (the log files of the closed store are gone). */
    ck_assert_int_eq(chmod(path, 0444), 0);
    ck_assert_int_eq(chmod(dir, 0555), 0);
    in_child(read_only_dir_child, path);
    /* The directory lets the (unprivileged) user make the log files: reads work. */
    ck_assert_int_eq(chmod(dir, 0777), 0);
    in_child(read_only_child, path);
    remove_store(path);
}
END_TEST

/* ---- disk full ---- */

/* A catalogue load (hundreds of records) runs out of room: the failure, then the same
 * context loads it once there is room again (grow() gives the room back). */
static void check_no_room(const char *path, const char *cause, void (*grow)(void))
{
    char why[256];
    itav_db *db = open_uri(path);
    char *before = exported(db);
    int rc = itav_catalog_load(db);
    check_failed_write(db, path, rc, "a catalogue load without room", cause, before);
    grow();
    rc = itav_catalog_load(db);
    expect(rc == ITAV_OK, "catalogue load once there is room (%d): %s", rc, itav_errmsg(db));
    expect(sqlite_integrity_ok(path, why, sizeof why), "integrity_check at the end: %s", why);
    itav_free(before);
    itav_close(db);
}

static struct rlimit saved_limit;

static void lift_limit(void)
{
    expect(setrlimit(RLIMIT_FSIZE, &saved_limit) == 0, "setrlimit back");
}

/* The file size limit: a write past it fails with EFBIG, as under a quota or a file size
 * cap; SQLite calls that a disk I/O error. */
static void size_limit_child(const char *path)
{
    struct stat st;
    signal(SIGXFSZ, SIG_IGN); /* else the process dies instead of the write failing */
    expect(stat(path, &st) == 0, "stat");
    expect(getrlimit(RLIMIT_FSIZE, &saved_limit) == 0, "getrlimit");
    /* room for the log's first frames and its index, not for the catalogue */
    struct rlimit small = {(rlim_t)st.st_size + 64 * 1024, saved_limit.rlim_max};
    expect(setrlimit(RLIMIT_FSIZE, &small) == 0, "setrlimit");
    check_no_room(path, "I/O error", lift_limit);
}

START_TEST(file_size_limit)
{
    const char *path = make_store();
    in_child(size_limit_child, path);
    remove_store(path);
}
END_TEST

static char full_dir[64];

static void remount_bigger(void)
{
    expect(mount("tmpfs", full_dir, "tmpfs", MS_REMOUNT, "size=16m") == 0, "remount: %s",
           strerror(errno));
}

/* A file system that is full: a small tmpfs in a mount namespace of the child's own, where
 * writes fail with ENOSPC; SQLite calls that "database or disk is full". Needs the right to
 * mount (root, or unprivileged user namespaces); without it the case is skipped. */
static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    bool ok = f && fputs(text, f) >= 0;
    return f && fclose(f) == 0 && ok;
}

/* Root may mount in a mount namespace of its own; anyone else first needs a user namespace
 * in which they are root (their own user and group mapped to 0). */
static bool own_namespaces(void)
{
    if (geteuid() == 0)
        return unshare(CLONE_NEWNS) == 0;
    char map[64];
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return false;
    snprintf(map, sizeof map, "0 %u 1\n", (unsigned)uid);
    if (!write_file("/proc/self/uid_map", map) || !write_file("/proc/self/setgroups", "deny"))
        return false;
    snprintf(map, sizeof map, "0 %u 1\n", (unsigned)gid);
    return write_file("/proc/self/gid_map", map);
}

static void full_fs_child(const char *unused)
{
    (void)unused;
    if (!own_namespaces() || mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0 ||
        mount("tmpfs", full_dir, "tmpfs", 0, "size=256k,mode=0700") != 0) {
        snprintf(failure, 4096, "skipped: cannot mount a small file system here (%s)",
                 strerror(errno));
        _exit(0);
    }
    char path[128], uri[160];
    itav_db *db;
    snprintf(path, sizeof path, "%s/store.db", full_dir);
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    expect(itav_open(&db, uri) == ITAV_OK, "open on tmpfs: %s", itav_errmsg(db));
    expect(itav_import_json_string(db, base_json, "base") == ITAV_OK &&
               itav_import_participants_csv_string(db, people_csv, "people.csv", NULL) ==
                   ITAV_OK,
           "fixture on tmpfs: %s", itav_errmsg(db));
    itav_close(db);
    check_no_room(path, "full", remount_bigger);
}

START_TEST(full_file_system)
{
    strcpy(full_dir, "/tmp/itav-full-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(full_dir));
    in_child(full_fs_child, NULL);
    ck_assert_int_eq(rmdir(full_dir), 0); /* the mount went with the child's namespace */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("storage");
    TCase *tc = tcase_create("storage");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, read_only_store);
    tcase_add_test(tc, file_size_limit);
    tcase_add_test(tc, full_file_system);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
