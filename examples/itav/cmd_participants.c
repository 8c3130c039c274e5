/* itav: participants: import, list, show, status and erase. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- participants ----------------------------------------------------------------------- */

/* How many participants and matches the store holds. */
static int count_records(size_t *participants, size_t *matches, itav_db *db)
{
    itav_participant_iter *pit = NULL;
    itav_match_iter *mit = NULL;
    itav_participant *p;
    itav_match *m;
    int rc;
    *participants = *matches = 0;
    if ((rc = itav_participant_list(&pit, db, NULL)) != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_participant_iter_next(&p, pit)) == ITAV_OK) {
        itav_participant_free(p);
        ++*participants;
    }
    itav_participant_iter_free(pit);
    if (rc != ITAV_ITEROVER)
        return lib_error(db, rc);
    if ((rc = itav_match_list(&mit, db, NULL)) != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_match_iter_next(&m, mit)) == ITAV_OK) {
        itav_match_free(m);
        ++*matches;
    }
    itav_match_iter_free(mit);
    return rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
}

/* The problem list of the last import as JSON: [{severity, row, column, code, message}]. */
static json_t *jproblems(itav_db *db)
{
    json_t *all = json_array();
    size_t i, n = itav_problem_count(db);
    for (i = 0; i < n; i++) {
        json_t *o = json_object();
        static const char *const severity[] = {"?", "note", "warning", "error"};
        itav_severity sv = itav_problem_severity(db, i);
        jset_str(o, "severity", severity[sv >= 1 && sv <= 3 ? sv : 0]);
        json_object_set_new(o, "row", itav_problem_row(db, i) > 0
                                          ? json_integer(itav_problem_row(db, i))
                                          : json_null());
        jset_str(o, "column", itav_problem_column(db, i));
        jset_str(o, "code", itav_problem_code(db, i));
        jset_str(o, "message", itav_problem_message(db, i));
        json_array_append_new(all, o);
    }
    return all;
}

/* Prints the problem list for people on stderr, repeats grouped by the library; true when a
 * problem is a missing offer, which --offer answers. */
static bool print_problems(itav_db *db)
{
    char *text = NULL;
    bool offer_missing = false;
    size_t i, n = itav_problem_count(db);
    for (i = 0; i < n; i++) {
        const char *code = itav_problem_code(db, i), *msg = itav_problem_message(db, i);
        if (code && msg && (strcmp(code, "missing_column") == 0 || strcmp(code, "empty") == 0) &&
            strstr(msg, "offer"))
            offer_missing = true;
    }
    if (n && itav_problems_text(&text, db) == ITAV_OK && text) {
        fputs(text, stderr); /* each line starts with the file's name */
        if (*text && text[strlen(text) - 1] != '\n')
            fputc('\n', stderr);
    }
    itav_free(text);
    return offer_missing;
}

static int import_csv(cli *c, itav_db *db, const char *path)
{
    unsigned flags = (FLAG(c, STRICT) ? ITAV_IMPORT_STRICT : 0u) |
                     (FLAG(c, UPDATE) ? ITAV_IMPORT_UPDATE : 0u);
    size_t added = 0, updated = 0, unchanged = 0;
    int rc = itav_import_participants_csv_file_v2(db, path, OPTV(c, OFFER), flags);
    if (rc == ITAV_OK)
        itav_import_counts(&added, &updated, &unchanged, db);
    if (FLAG(c, JSON) && (rc == ITAV_OK || rc == ITAV_EFORMAT)) {
        json_t *o = json_object();
        json_object_set_new(o, "imported", json_boolean(rc == ITAV_OK));
        json_object_set_new(o, "added", json_integer((json_int_t)added));
        json_object_set_new(o, "updated", json_integer((json_int_t)updated));
        json_object_set_new(o, "unchanged", json_integer((json_int_t)unchanged));
        json_object_set_new(o, "problems", jproblems(db));
        print_json(o);
        return rc == ITAV_OK ? 0 : EXIT_DATA;
    }
    if (rc == ITAV_EFORMAT) {
        size_t i, errors = 0;
        for (i = 0; i < itav_problem_count(db); i++)
            errors += itav_problem_severity(db, i) == ITAV_SEVERITY_ERROR;
        fprintf(stderr, tr(c, "itav: nothing was imported from %s (%zu error%s):\n",
                           "itav: niets ingelezen uit %s (%zu fout%s):\n"),
                path, errors, errors == 1 ? "" : tr(c, "s", "en"));
        if (print_problems(db))
            fputs(tr(c, "Use --offer OFFER for the rows that name no offer.\n",
                     "Geef --offer AANBOD voor de rijen zonder aanbod.\n"), stderr);
        return EXIT_DATA;
    }
    if (rc != ITAV_OK)
        return lib_error(db, rc);
    size_t n = added + updated + unchanged;
    printf(n == 1 ? tr(c, "Imported %zu participant from %s", "%zu deelnemer ingelezen uit %s")
                  : tr(c, "Imported %zu participants from %s", "%zu deelnemers ingelezen uit %s"),
           n, path);
    printf(tr(c, " (added %zu, updated %zu, unchanged %zu).\n",
              " (nieuw %zu, bijgewerkt %zu, ongewijzigd %zu).\n"),
           added, updated, unchanged);
    print_problems(db);
    return 0;
}

static int cmd_participants_import(cli *c)
{
    const char *path = c->args[2];
    int csv = ends_with_nocase(path, ".csv");
    size_t p0, m0, p1, m1;
    itav_db *db;
    int rc;

    if (!csv && (OPTV(c, OFFER) || FLAG(c, STRICT) || FLAG(c, UPDATE) || FLAG(c, JSON)))
        return usage_error("options --offer, --strict, --update and --json apply only to a "
                           "CSV file (FILE.csv), not to '%s'", path);
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if (csv) {
        rc = import_csv(c, db, path);
        itav_close(db);
        return rc;
    }
    if ((rc = count_records(&p0, &m0, db)) == 0) {
        rc = itav_import_json_file(db, path);
        rc = rc == ITAV_OK ? count_records(&p1, &m1, db) : lib_error(db, rc);
    }
    itav_close(db);
    if (rc)
        return rc;
    printf(p1 - p0 == 1 ? tr(c, "Imported %zu participant", "%zu deelnemer")
                        : tr(c, "Imported %zu participants", "%zu deelnemers"), p1 - p0);
    if (m1 > m0)
        printf(tr(c, " and %zu matches", " en %zu koppelingen"), m1 - m0);
    printf(tr(c, " from %s.\n", " ingelezen uit %s.\n"), path);
    return 0;
}

/* Order of text listings: by offer, then by reference. */
static int by_offer_then_ref(const void *a, const void *b)
{
    const itav_participant *pa = *(const itav_participant *const *)a;
    const itav_participant *pb = *(const itav_participant *const *)b;
    int d = strcmp(itav_participant_offer(pa), itav_participant_offer(pb));
    return d ? d : strcmp(itav_participant_ref(pa), itav_participant_ref(pb));
}

static void list_participants_text(const cli *c, vec *rows)
{
    size_t wr = 3, wk = 4, ws = 6, wm = 12, i;
    const char *offer = NULL;
    for (i = 0; i < rows->n; i++) {
        const itav_participant *p = rows->v[i];
        wr = max_width(wr, itav_participant_ref(p));
        wk = max_width(wk, itav_code_name(ITAV_CODE_PARTICIPANT_KIND,
                                          (int)itav_participant_get_kind(p)));
        ws = max_width(ws, itav_code_name(ITAV_CODE_PARTICIPANT_STATUS,
                                          (int)itav_participant_get_status(p)));
        wm = max_width(wm, itav_participant_municipality(p));
    }
    qsort(rows->v, rows->n, sizeof rows->v[0], by_offer_then_ref);
    for (i = 0; i < rows->n; i++) {
        const itav_participant *p = rows->v[i];
        char since[ITAV_DATE_BUFSIZE];
        char *support = codes_joined(ITAV_CODE_SUPPORT, itav_participant_support(p));
        if (!offer || strcmp(offer, itav_participant_offer(p)) != 0) {
            offer = itav_participant_offer(p);
            printf("%s%s:\n", i ? "\n" : "", offer);
            printf("  ");
            print_padded(tr(c, "REF", "REF"), wr + 2);
            print_padded(tr(c, "KIND", "SOORT"), wk + 2);
            print_padded("STATUS", ws + 2);
            print_padded(tr(c, "SINCE", "SINDS"), 12);
            print_padded(tr(c, "MUNICIPALITY", "GEMEENTE"), wm + 2);
            printf("%s\n", tr(c, "SUPPORT", "STEUN"));
        }
        printf("  ");
        print_padded(itav_participant_ref(p), wr + 2);
        print_padded(itav_code_name(ITAV_CODE_PARTICIPANT_KIND, (int)itav_participant_get_kind(p)),
                     wk + 2);
        print_padded(itav_code_name(ITAV_CODE_PARTICIPANT_STATUS,
                                    (int)itav_participant_get_status(p)), ws + 2);
        print_padded(date_text(since, itav_participant_status_date(p)), 12);
        print_padded(itav_participant_municipality(p) ? itav_participant_municipality(p) : "-",
                     wm + 2);
        printf("%s\n", *support ? support : "-");
        free(support);
    }
    printf("\n%zu %s\n", rows->n,
           rows->n == 1 ? tr(c, "participant.", "deelnemer.")
                        : tr(c, "participants.", "deelnemers."));
}

static int cmd_participants_list(cli *c)
{
    itav_participant_filter filter = ITAV_PARTICIPANT_FILTER_INIT;
    itav_participant_iter *it = NULL;
    itav_participant *p;
    vec rows = {0};
    itav_db *db;
    size_t i;
    int rc, v;

    if (OPTV(c, SIDE)) {
        if ((rc = parse_code_arg(&v, ITAV_CODE_SIDE, OPTV(c, SIDE), "side")) != 0)
            return rc;
        filter.side = (itav_side)v;
    }
    if (OPTV(c, STATUS)) {
        if ((rc = parse_code_arg(&v, ITAV_CODE_PARTICIPANT_STATUS, OPTV(c, STATUS), "status")) != 0)
            return rc;
        filter.status = (itav_participant_status)v;
    }
    filter.offer = OPTV(c, OFFER);
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = check_offer(db, OPTV(c, OFFER))) == 0) {
        rc = itav_participant_list(&it, db, &filter);
        if (rc == ITAV_OK) {
            while ((rc = itav_participant_iter_next(&p, it)) == ITAV_OK)
                vec_push(&rows, p);
            itav_participant_iter_free(it);
        }
        rc = rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
    }
    itav_close(db);
    if (rc == 0 && FLAG(c, JSON)) {
        json_t *arr = json_array();
        for (i = 0; i < rows.n; i++)
            json_array_append_new(arr, jparticipant(rows.v[i]));
        rc = print_json_reals(arr);
    } else if (rc == 0 && rows.n == 0) {
        printf("%s\n", tr(c, "No participants match.", "Geen deelnemers gevonden."));
    } else if (rc == 0) {
        list_participants_text(c, &rows);
    }
    vec_free(&rows, free_participant);
    return rc;
}

/* The matches of one participant (either side), in order of proposal. */
static int participant_matches(vec *out, itav_db *db, const char *ref)
{
    itav_match_filter filter = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it = NULL;
    itav_match *m;
    int rc;
    filter.participant = ref;
    if ((rc = itav_match_list(&it, db, &filter)) != ITAV_OK)
        return lib_error(db, rc);
    while ((rc = itav_match_iter_next(&m, it)) == ITAV_OK)
        vec_push(out, m);
    itav_match_iter_free(it);
    return rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
}

/* The n texts a getter gives (languages, interests, exclusions), joined with ", " (owned by
 * the caller). */
static char *join_texts(const itav_participant *p, size_t n,
                        const char *(*get)(const itav_participant *, size_t))
{
    char *s = xstrcat3("", "", ""), *t;
    size_t i;
    for (i = 0; i < n; i++) {
        t = xstrcat3(s, i ? ", " : "", get(p, i));
        free(s);
        s = t;
    }
    return s;
}

static void show_participant_text(const cli *c, const itav_participant *p, const vec *matches)
{
    char buf[256], d1[ITAV_DATE_BUFSIZE];
    char *s;
    double lat, lon;
    int32_t amin, amax;
    size_t i, n;
    itav_side side = itav_participant_side(p);

    printf("%s: %s (%s), %s\n", itav_participant_ref(p),
           itav_code_name(ITAV_CODE_PARTICIPANT_KIND, (int)itav_participant_get_kind(p)),
           side == ITAV_SIDE_ASKING ? tr(c, "asking side", "vragende kant")
                                    : tr(c, "supporting side", "steunende kant"),
           itav_participant_offer(p));
    snprintf(buf, sizeof buf, "%s (%s %s)",
             itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, (int)itav_participant_get_status(p)),
             tr(c, "since", "sinds"), date_text(d1, itav_participant_status_date(p)));
    print_field("Status:", buf);
    print_field(tr(c, "Municipality:", "Gemeente:"), itav_participant_municipality(p));
    print_field(tr(c, "Postcode area:", "Postcodegebied:"), itav_participant_postcode(p));
    if (itav_participant_location(p, &lat, &lon)) {
        char a[NUMBER_BUFSIZE], b[NUMBER_BUFSIZE]; /* "; " apart where a comma is decimal */
        snprintf(buf, sizeof buf, "%s%s %s", num(c, a, lat, 5), tr(c, ",", ";"),
                 num(c, b, lon, 5));
        print_field(tr(c, "Location:", "Locatie:"), buf);
    }
    s = codes_joined(ITAV_CODE_SLOT, itav_participant_availability(p));
    print_field(tr(c, "Availability:", "Beschikbaar:"), s);
    free(s);
    s = codes_joined(ITAV_CODE_SUPPORT, itav_participant_support(p));
    print_field(side == ITAV_SIDE_ASKING ? tr(c, "Needs:", "Vraagt:") : tr(c, "Offers:", "Biedt:"),
                s);
    free(s);
    n = itav_participant_language_count(p);
    s = join_texts(p, n, itav_participant_language);
    if (n && itav_participant_language_required(p)) {
        char *t = xstrcat3(s, " ", tr(c, "(a shared language is required)",
                                      "(een gedeelde taal is vereist)"));
        free(s);
        s = t;
    }
    print_field(tr(c, "Languages:", "Talen:"), s);
    free(s);
    s = join_texts(p, itav_participant_interest_count(p), itav_participant_interest);
    print_field(tr(c, "Interests:", "Interesses:"), s);
    free(s);
    s = xstrcat3("", "", "");
    n = itav_participant_child_count(p);
    for (i = 0; i < n; i++) {
        char *t;
        snprintf(buf, sizeof buf, "%ld", (long)itav_participant_child_age(p, i));
        t = xstrcat3(s, i ? ", " : "", buf);
        free(s);
        s = t;
    }
    print_field(tr(c, "Children (months):", "Kinderen (maanden):"), s);
    free(s);
    if (itav_participant_age_range(p, &amin, &amax)) {
        snprintf(buf, sizeof buf, "%ld %s %ld %s", (long)amin, tr(c, "to", "tot"), (long)amax,
                 tr(c, "months", "maanden"));
        print_field(tr(c, "Takes ages:", "Leeftijden:"), buf);
    }
    if (itav_participant_vog_date(p) != ITAV_DATE_NONE)
        print_field("VOG:", date_text(d1, itav_participant_vog_date(p)));
    if (itav_participant_trained(p))
        print_field(tr(c, "Trained:", "Getraind:"), tr(c, "yes", "ja"));
    if (side == ITAV_SIDE_SUPPORTING) {
        snprintf(buf, sizeof buf, "%d", itav_participant_capacity(p));
        print_field(tr(c, "Capacity:", "Capaciteit:"), buf);
    }
    if (itav_participant_registered(p) != ITAV_DATE_NONE)
        print_field(tr(c, "Registered:", "Aangemeld:"),
                    date_text(d1, itav_participant_registered(p)));
    if (itav_participant_max_distance(p) > 0) {
        char km[NUMBER_BUFSIZE];
        snprintf(buf, sizeof buf, "%s km",
                 num(c, km, itav_participant_max_distance(p) / 1000.0, 1));
        print_field(tr(c, "Max. distance:", "Max. afstand:"), buf);
    }
    s = join_texts(p, itav_participant_exclusion_count(p), itav_participant_exclusion);
    print_field(tr(c, "Never with:", "Nooit met:"), s);
    free(s);

    if (matches->n == 0)
        return;
    printf("\n%s:\n", tr(c, "Matches", "Koppelingen"));
    for (i = 0; i < matches->n; i++) {
        const itav_match *m = matches->v[i];
        const char *other = strcmp(itav_match_asking(m), itav_participant_ref(p)) == 0
                                ? itav_match_supporting(m)
                                : itav_match_asking(m);
        printf("  %s  ", itav_match_id(m));
        print_padded(itav_code_name(ITAV_CODE_MATCH_STATE, (int)itav_match_get_state(m)), 12);
        printf("%s  %s %s\n", date_text(d1, match_since(m)), tr(c, "with", "met"), other);
    }
}

static int cmd_participants_show(cli *c)
{
    itav_participant *p = NULL;
    vec matches = {0};
    itav_db *db;
    size_t i;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_participant_get(&p, db, c->args[2]);
    rc = rc == ITAV_OK ? participant_matches(&matches, db, c->args[2]) : lib_error(db, rc);
    itav_close(db);
    if (rc == 0 && FLAG(c, JSON)) {
        json_t *o = jparticipant(p), *ids = json_array();
        for (i = 0; i < matches.n; i++)
            json_array_append_new(ids, json_string(itav_match_id(matches.v[i])));
        json_object_set_new(o, "matches", ids);
        rc = print_json_reals(o);
    } else if (rc == 0) {
        show_participant_text(c, p, &matches);
    }
    vec_free(&matches, free_match);
    itav_participant_free(p);
    return rc;
}

/* One CSV cell: quoted, with quotes doubled, so a value with a separator stays one cell. */
static void csv_cell(FILE *f, const char *sep, const char *value)
{
    fputs(sep, f);
    fputc('"', f);
    for (; *value; value++) {
        if (*value == '"')
            fputc('"', f);
        fputc(*value, f);
    }
    fputc('"', f);
}

/* 'participants update' is a one-row update import: the same columns, values, checks and
 * messages as a spreadsheet (docs/format.md), for one participant. */
static int cmd_participants_update(cli *c)
{
    static const struct {
        enum opt_id opt;
        const char *column;
    } named[] = {{OPT_MUNICIPALITY, "municipality"}, {OPT_POSTCODE, "postcode"},
                 {OPT_VOG_DATE, "vog_date"},         {OPT_CAPACITY, "capacity"}};
    const char *ref = c->args[2], *columns[MAX_REPEATED + 4], *values[MAX_REPEATED + 4];
    char *csv = NULL, *sets[MAX_REPEATED] = {0};
    size_t i, n = 0, csv_size = 0, added = 0, updated = 0, unchanged = 0;
    itav_participant *p = NULL;
    itav_db *db;
    FILE *f;
    int rc;

    if (MANY(c, MUNICIPALITY)->n > 1)
        return usage_error("a participant has one municipality: give --municipality once");
    for (i = 0; i < sizeof named / sizeof *named; i++)
        if (c->opt[named[i].opt]) {
            columns[n] = named[i].column;
            values[n++] = c->opt[named[i].opt];
        }
    for (i = 0; i < MANY(c, SET)->n; i++) {
        const char *eq = strchr(MANY(c, SET)->v[i], '=');
        if (!eq || eq == MANY(c, SET)->v[i]) {
            rc = usage_error("--set takes COLUMN=VALUE, not '%s'", MANY(c, SET)->v[i]);
            goto out;
        }
        sets[i] = strndup(MANY(c, SET)->v[i], (size_t)(eq - MANY(c, SET)->v[i]));
        if (!sets[i]) {
            rc = data_error("out of memory");
            goto out;
        }
        columns[n] = sets[i];
        values[n++] = eq + 1;
    }
    if (n == 0) {
        rc = usage_error("nothing to change: give --municipality, --postcode, --vog-date, "
                         "--capacity or --set COLUMN=VALUE");
        goto out;
    }
    if ((rc = open_store(&db, c, 0)) != 0)
        goto out;
    if ((rc = itav_participant_get(&p, db, ref)) != ITAV_OK) {
        rc = lib_error(db, rc);
        goto close;
    }
    /* The kind column is required by every import; a participant's kind never changes. */
    if (!(f = open_memstream(&csv, &csv_size))) {
        rc = data_error("out of memory");
        goto close;
    }
    fputs("ref,kind", f);
    for (i = 0; i < n; i++)
        csv_cell(f, ",", columns[i]);
    csv_cell(f, "\n", ref);
    csv_cell(f, ",", itav_code_name(ITAV_CODE_PARTICIPANT_KIND,
                                    (int)itav_participant_get_kind(p)));
    for (i = 0; i < n; i++)
        csv_cell(f, ",", values[i]);
    fputc('\n', f);
    if (fclose(f) != 0 || !csv) {
        rc = data_error("out of memory");
        goto close;
    }
    rc = itav_import_participants_csv_string_v2(db, csv, ref, NULL,
                                                ITAV_IMPORT_UPDATE | ITAV_IMPORT_STRICT);
    if (rc == ITAV_EFORMAT) {
        fprintf(stderr, tr(c, "itav: participant %s was not changed:\n",
                           "itav: deelnemer %s is niet gewijzigd:\n"), ref);
        for (i = 0; i < itav_problem_count(db); i++)
            if (itav_problem_severity(db, i) == ITAV_SEVERITY_ERROR) {
                /* A value's problem names its column; one of the header (row 1) says it. */
                const char *col = itav_problem_row(db, i) > 1 ? itav_problem_column(db, i) : NULL;
                fprintf(stderr, "  %s%s%s\n", col ? col : "", col ? ": " : "",
                        itav_problem_message(db, i));
            }
        rc = EXIT_DATA;
        goto close;
    }
    if (rc != ITAV_OK) {
        rc = lib_error(db, rc);
        goto close;
    }
    itav_import_counts(&added, &updated, &unchanged, db);
    printf(updated ? tr(c, "Updated %s.\n", "%s bijgewerkt.\n")
                   : tr(c, "%s: nothing changed.\n", "%s: niets gewijzigd.\n"), ref);
    for (i = 0; i < itav_problem_count(db); i++)
        if (itav_problem_severity(db, i) == ITAV_SEVERITY_WARNING)
            fprintf(stderr, tr(c, "itav: warning: %s\n", "itav: waarschuwing: %s\n"),
                    itav_problem_message(db, i));
close:
    itav_participant_free(p);
    free(csv);
    itav_close(db);
out:
    for (i = 0; i < MAX_REPEATED; i++)
        free(sets[i]);
    return rc;
}

static int cmd_participants_status(cli *c)
{
    const char *ref = c->args[2];
    itav_participant *p = NULL;
    itav_db *db;
    int32_t date;
    char d[ITAV_DATE_BUFSIZE];
    int rc, status;

    if ((rc = parse_code_arg(&status, ITAV_CODE_PARTICIPANT_STATUS, c->args[3], "status")) ||
        (rc = option_date(&date, OPTV(c, DATE), "date")))
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_participant_get(&p, db, ref);
    if (rc == ITAV_OK)
        rc = itav_participant_set_status(db, ref, (itav_participant_status)status, date);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0)
        printf("%s: %s -> %s %s %s.\n", ref,
               itav_code_name(ITAV_CODE_PARTICIPANT_STATUS, (int)itav_participant_get_status(p)),
               c->args[3], tr(c, "on", "op"), date_text(d, date));
    itav_participant_free(p);
    return rc;
}

/* The participant a due item is about (read_due). */
static void *fetch_participant(int *rc, itav_db *db, const itav_due *e)
{
    itav_participant *p = NULL;
    *rc = itav_participant_get(&p, db, itav_due_participant(e));
    return p;
}

static int cmd_participants_due(cli *c)
{
    vec items = {0}, people = {0};
    int32_t as_of;
    long within = 0;
    size_t i;
    int rc = read_due(&items, &people, &as_of, &within, c, itav_participant_due,
                      fetch_participant);

    if (rc == 0 && FLAG(c, JSON)) {
        json_t *arr = json_array();
        for (i = 0; i < items.n; i++) {
            json_t *e = jdue("participant", itav_due_participant(items.v[i]), items.v[i]);
            jset_str(e, "offer", itav_participant_offer(people.v[i]));
            json_array_append_new(arr, e);
        }
        rc = print_json_reals(arr);
    } else if (rc == 0) {
        print_due_heading(c, as_of, within, items.n);
        for (i = 0; i < items.n; i++) {
            const itav_due *e = items.v[i];
            print_due_item(c, e, itav_due_participant(e));
            printf("%s\n", itav_participant_offer(people.v[i]));
        }
    }
    vec_free(&people, free_participant);
    vec_free(&items, free_due);
    return rc;
}

/* On a terminal, before an erasure: the open matches it will close, and a question. Returns
 * 1 when the answer is yes, 0 when not, minus an exit code when the listing fails. */
static int confirm_erase(cli *c, itav_db *db, const char *ref)
{
    itav_match_filter f = ITAV_MATCH_FILTER_INIT;
    itav_match_iter *it = NULL;
    itav_match *m;
    char answer[16] = "", d[ITAV_DATE_BUFSIZE];
    size_t n = 0;
    int rc;

    f.participant = ref;
    f.open_only = 1;
    if ((rc = itav_match_list(&it, db, &f)) != ITAV_OK)
        return -lib_error(db, rc);
    while (itav_match_iter_next(&m, it) == ITAV_OK) {
        if (n++ == 0)
            fprintf(stderr, "%s\n", tr(c, "The erasure closes these open matches:",
                                       "Het wissen sluit deze open matches:"));
        fprintf(stderr, "  %s  %-11s %s  %s %s\n", itav_match_id(m),
                itav_code_name(ITAV_CODE_MATCH_STATE, (int)itav_match_get_state(m)),
                date_text(d, match_since(m)), tr(c, "with", "met"),
                strcmp(itav_match_asking(m), ref) == 0 ? itav_match_supporting(m)
                                                       : itav_match_asking(m));
        itav_match_free(m);
    }
    itav_match_iter_free(it);
    if (n == 0)
        fprintf(stderr, "%s\n", tr(c, "It closes no open match.", "Het sluit geen open match."));
    fprintf(stderr, tr(c, "Erase the personal data of %s for good? [y/N] ",
                       "De persoonsgegevens van %s voorgoed wissen? [j/N] "), ref);
    fflush(stderr);
    if (!fgets(answer, sizeof answer, stdin))
        return 0;
    return answer[0] == 'y' || answer[0] == 'Y' || answer[0] == 'j' || answer[0] == 'J';
}

static int cmd_participants_erase(cli *c)
{
    itav_erasure *e = NULL;
    itav_participant *p = NULL;
    const char *ref = c->args[2];
    int32_t date;
    char d[ITAV_DATE_BUFSIZE];
    itav_db *db;
    int rc;

    if ((rc = option_date_or_none(&date, OPTV(c, DATE), "date")) != 0)
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    /* A person at a terminal confirms; a script (stdin not a terminal) or --yes does not. */
    if (!FLAG(c, YES) && isatty(STDIN_FILENO)) {
        if ((rc = itav_participant_get(&p, db, ref)) != ITAV_OK) {
            rc = lib_error(db, rc);
            itav_close(db);
            return rc;
        }
        itav_participant_free(p);
        if ((rc = confirm_erase(c, db, ref)) < 0) {
            itav_close(db);
            return -rc;
        }
        if (rc == 0) {
            itav_close(db);
            return data_error("%s", tr(c, "not erased: not confirmed (--yes erases without "
                                          "asking)",
                                       "niet gewist: niet bevestigd (--yes wist zonder te "
                                       "vragen)"));
        }
    }
    rc = itav_participant_erase_at(db, ref, date, &e);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (e) { /* also set when only the purge after the commit failed */
        printf(tr(c, "Erased %s on %s: its personal data is gone and its reference is now %s.\n",
                  "%s gewist op %s: de persoonsgegevens zijn weg en de referentie is nu %s.\n"),
               ref, date_text(d, itav_erasure_date(e)), itav_erasure_ref(e));
        for (size_t i = 0; i < itav_erasure_closed_count(e); i++) {
            int state = 0;
            const char *id = itav_erasure_closed(e, i, &state);
            printf(tr(c, "Closed %s: %s.\n", "%s gesloten: %s.\n"), id,
                   itav_code_name(ITAV_CODE_MATCH_STATE, state));
        }
    }
    itav_erasure_free(e);
    return rc;
}


const command_group participants_group = {
    "participants", false, "Participants",
    (const command[]){
        {"import", {"FILE", NULL}, "FILE [--offer OFFER] [--strict] [--update] [--json]",
         "import participants from FILE.csv or an itav/1 JSON file (all or nothing)",
         (const cmd_opt[]){{OPT_OFFER, "the offer of CSV rows that name none"},
                           {OPT_STRICT, "refuse columns the library does not know (by default "
                                        "they are ignored, listed in a note, never stored)"},
                           {OPT_UPDATE, "update stored participants with the same ref and add "
                                        "the new ones"},
                           {OPT_JSON, "print the counts and every problem as JSON"},
                           {0, NULL}},
         cmd_participants_import},
        {"list", {NULL, NULL}, "[--offer OFFER] [--side asking|supporting] [--status S] [--json]",
         "list participants by offer and reference",
         (const cmd_opt[]){
             {OPT_OFFER, "only participants of offer OFFER"},
             {OPT_SIDE, "only one side: asking or supporting"},
             {OPT_STATUS, "only participants with this status code"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_participants_list},
        {"show", {"REF", NULL}, "REF [--json]",
         "one participant with its matches",
         (const cmd_opt[]){{OPT_JSON, "machine-readable output (see docs/cli.md)"}, {0, NULL}},
         cmd_participants_show},
        {"update", {"REF", NULL},
         "REF [--municipality M] [--postcode PC] [--vog-date D] [--capacity N] "
         "[--set COLUMN=VALUE]...",
         "change some fields of one participant, as an update import of one row would",
         (const cmd_opt[]){
             {OPT_MUNICIPALITY, "the municipality"},
             {OPT_POSTCODE, "the postcode (four digits; a full postcode is cut, with a warning)"},
             {OPT_VOG_DATE, "the date of the certificate of conduct (VOG)"},
             {OPT_CAPACITY, "how many families or young people a supporter takes on"},
             {OPT_SET, "any column of a participants sheet (docs/format.md), in its English "
                       "or Dutch name"},
             {0, NULL}},
         cmd_participants_update},
        {"status", {"REF", "STATUS"}, "REF STATUS [--date D]",
         "change a participant's status",
         (const cmd_opt[]){{OPT_DATE, "the date of the change (default today, UTC)"}, {0, NULL}},
         cmd_participants_status},
        {"due", {NULL, NULL}, "[--as-of D] [--within DAYS] [--offer OFFER] [--json]",
         "certificates of conduct that expire",
         (const cmd_opt[]){
             {OPT_AS_OF, "the date judged by (default today)"},
             {OPT_WITHIN, "also what expires in the DAYS after it"},
             {OPT_OFFER, "only participants of offer OFFER"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_participants_due},
        {"erase", {"REF", NULL}, "REF [--date D] [--yes]",
         "remove personal data, closing open matches; prints the new reference",
         (const cmd_opt[]){
             {OPT_DATE, "the date of the erasure (default today, or a later last move)"},
             {OPT_YES, "on a terminal: erase without asking"},
             {0, NULL}},
         cmd_participants_erase},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
