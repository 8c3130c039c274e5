/* itav: reports: report programme. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- reports ---------------------------------------------------------------------------- */

static int cmd_report_programme(cli *c)
{
    itav_report_options opt = ITAV_REPORT_OPTIONS_INIT;
    itav_report *r = NULL;
    char *text = NULL;
    int format = ITAV_REPORT_MARKDOWN, rc;
    long k = opt.k, protection = 0;
    itav_db *db;

    if ((OPTV(c, FORMAT) &&
         (rc = parse_code_arg(&format, ITAV_CODE_REPORT_FORMAT, OPTV(c, FORMAT), "format")) != 0) ||
        (OPTV(c, K) && (rc = option_int(&k, OPTV(c, K), "k", 1, 1000000)) != 0) ||
        (OPTV(c, PROTECTION) &&
         (rc = option_int(&protection, OPTV(c, PROTECTION), "protection", 0, 1000000)) != 0) ||
        (rc = option_date_or_none(&opt.as_of, OPTV(c, AS_OF), "as-of")) != 0 ||
        (rc = option_date_or_none(&opt.from, OPTV(c, FROM), "from")) != 0 ||
        (rc = option_date_or_none(&opt.to, OPTV(c, TO), "to")) != 0)
        return rc;
    opt.k = (int)k;
    opt.protection = (int)protection;
    opt.publish = FLAG(c, PUBLISH);
    opt.low_k = FLAG(c, LOW_K);
    opt.method = FLAG(c, PERTURB) ? ITAV_REPORT_PERTURB : ITAV_REPORT_SUPPRESS;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_report_programme(&r, db, c->args[2], &opt);
    if (rc != ITAV_OK) {
        /* The library's message (an unsafe report names the table, row and column, never a
         * value); a k too small to publish names the option that allows it. */
        int low_k_refused = rc == ITAV_EINVAL && opt.publish && !opt.low_k &&
                            opt.k < ITAV_REPORT_MIN_K;
        rc = lib_error(db, rc);
        if (low_k_refused)
            fprintf(stderr, tr(c, "itav: add --low-k to publish with k = %d on purpose\n",
                               "itav: geef --low-k om bewust met k = %d te publiceren\n"), opt.k);
    }
    if (rc == 0 && (rc = itav_report_write_lang(&text, r, (itav_report_format)format,
                                                c->lang)) != ITAV_OK)
        rc = data_error("cannot write the report: %s", itav_strerror(rc));
    if (rc == 0 && OPTV(c, OUTPUT)) {
        rc = write_file(OPTV(c, OUTPUT), text);
    } else if (rc == 0) {
        size_t n = strlen(text);
        fputs(text, stdout);
        if (n == 0 || text[n - 1] != '\n')
            putchar('\n');
    }
    /* Recorded only once the report is out: a report never published constrains nothing. */
    if (rc == 0 && opt.publish) {
        char *id = NULL;
        rc = itav_release_record(&id, db, r);
        if (rc == ITAV_OK)
            fprintf(stderr, tr(c, "Recorded as release %s.\n", "Vastgelegd als publicatie %s.\n"),
                    id);
        rc = rc == ITAV_OK ? 0 : lib_error(db, rc);
        itav_free(id);
    }
    itav_close(db);
    itav_free(text);
    itav_report_free(r);
    return rc;
}

static json_t *jrelease(const itav_release *rl)
{
    json_t *o = json_object(), *members = json_array(), *cells = json_array();
    int32_t from, to;
    int k, protection;
    size_t i;
    itav_release_parameters(&from, &to, &k, &protection, rl);
    jset_str(o, "id", itav_release_id(rl));
    jset_str(o, "offer", itav_release_offer(rl));
    for (i = 0; i < itav_release_member_count(rl); i++)
        json_array_append_new(members, json_string(itav_release_member(rl, i)));
    json_object_set_new(o, "members", members);
    json_object_set_new(o, "from", jdate(from));
    json_object_set_new(o, "to", jdate(to));
    json_object_set_new(o, "k", json_integer(k));
    json_object_set_new(o, "protection", json_integer(protection));
    jset_str(o, "method",
             itav_release_method(rl) == ITAV_REPORT_PERTURB ? "perturb" : "suppress");
    for (i = 0; i < itav_release_cell_count(rl); i++) {
        const char *table, *row, *column;
        int64_t value;
        int hidden;
        json_t *cell = json_object();
        itav_release_cell(&table, &row, &column, &value, &hidden, rl, i);
        jset_str(cell, "table", table);
        jset_str(cell, "row", row);
        jset_str(cell, "column", column);
        json_object_set_new(cell, "value", hidden ? json_null() : json_integer(value));
        json_object_set_new(cell, "hidden", json_boolean(hidden));
        json_array_append_new(cells, cell);
    }
    json_object_set_new(o, "cells", cells);
    return o;
}

static void print_release(const cli *c, const itav_release *rl)
{
    char d1[ITAV_DATE_BUFSIZE], d2[ITAV_DATE_BUFSIZE];
    int32_t from, to;
    int k, protection;
    size_t i, hidden = 0, n = itav_release_cell_count(rl);
    itav_release_parameters(&from, &to, &k, &protection, rl);
    for (i = 0; i < n; i++) {
        int h = 0;
        itav_release_cell(NULL, NULL, NULL, NULL, &h, rl, i);
        hidden += h != 0;
    }
    printf("%s  %s  %s..%s  k %d  %s %d  %zu %s, %zu %s", itav_release_id(rl),
           itav_release_offer(rl), from == ITAV_DATE_NONE ? "" : date_text(d1, from),
           to == ITAV_DATE_NONE ? "" : date_text(d2, to), k,
           tr(c, "protection", "bescherming"), protection, n - hidden, tr(c, "shown", "getoond"),
           hidden, tr(c, "hidden", "verborgen"));
    if (itav_release_method(rl) == ITAV_REPORT_PERTURB)
        printf("  %s", tr(c, "perturbed", "verstoord"));
    for (i = 0; i < itav_release_member_count(rl); i++)
        printf("%s%s", i ? ", " : tr(c, "  members ", "  leden "), itav_release_member(rl, i));
    putchar('\n');
}

static int cmd_report_releases(cli *c)
{
    itav_release_iter *it = NULL;
    itav_release *rl;
    json_t *all = FLAG(c, JSON) ? json_array() : NULL;
    size_t n = 0;
    itav_db *db;
    int rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = itav_release_list(&it, db, OPTV(c, OFFER))) == ITAV_OK) {
        while ((rc = itav_release_iter_next(&rl, it)) == ITAV_OK) {
            if (all)
                json_array_append_new(all, jrelease(rl));
            else
                print_release(c, rl);
            n++;
            itav_release_free(rl);
        }
        itav_release_iter_free(it);
    }
    rc = rc == ITAV_ITEROVER ? 0 : lib_error(db, rc);
    itav_close(db);
    if (rc == 0 && all)
        return print_json(all);
    json_decref(all);
    if (rc == 0 && n == 0)
        puts(tr(c, "No releases.", "Geen publicaties."));
    return rc;
}

static int cmd_report_release_remove(cli *c)
{
    itav_db *db;
    int rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_release_remove(db, c->args[2]);
    rc = rc == ITAV_OK ? 0 : lib_error(db, rc);
    itav_close(db);
    if (rc == 0)
        printf(tr(c, "Removed release %s.\n", "Publicatie %s verwijderd.\n"), c->args[2]);
    return rc;
}


const command_group report_group = {
    "report", false, "Reports",
    (const command[]){
        {"programme", {"OFFER", NULL},
         "OFFER [--format md|json|csv] [--k N] [--as-of D] [--from D]\n"
         "[--to D] [--publish [--low-k]] [--protection N] [--perturb]\n[--output FILE]",
         "programme report (in the language of --lang); counts below k show as <k",
         (const cmd_opt[]){
             {OPT_FORMAT, "the format: md (Markdown, the default), json or csv"},
             {OPT_K, "the smallest count shown (default 5; 1 suppresses nothing)"},
             {OPT_AS_OF, "the date targets are judged on"},
             {OPT_FROM, "the first day of the period"},
             {OPT_TO, "the last day of the period"},
             {OPT_PUBLISH, "made for publication: k must be at least 3, the report is "
                           "refused when its audit fails, and once written it is recorded "
                           "as a release that later publications are protected with"},
             {OPT_LOW_K, "with --publish: allow k below 3 on purpose (the report says so)"},
             {OPT_PROTECTION, "how many values wide an attacker's interval for a hidden count "
                              "must be (default k - 1)"},
             {OPT_PERTURB, "the cell key method instead of hiding: every count is shown "
                           "with a noise of at most 3 that its records fix, never as 1 or 2 "
                           "(k then applies to means and percents only)"},
             {OPT_OUTPUT, "write the report to FILE instead of standard output"},
             {0, NULL}},
         cmd_report_programme},
        {"releases", {NULL, NULL}, "[--offer OFFER] [--json]",
         "list the releases: the reports published with --publish, as published",
         (const cmd_opt[]){{OPT_OFFER, "only the releases of OFFER"},
                           {OPT_JSON, "every release with its counts as JSON"},
                           {0, NULL}},
         cmd_report_releases},
        {"release-remove", {"ID", NULL}, "ID",
         "remove a release from the ledger (later reports are no longer protected with it)",
         (const cmd_opt[]){{0, NULL}},
         cmd_report_release_remove},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
