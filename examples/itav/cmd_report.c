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
            fprintf(stderr, "itav: add --low-k to publish with k = %d on purpose\n", opt.k);
    }
    itav_close(db);
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
    itav_free(text);
    itav_report_free(r);
    return rc;
}


const command_group report_group = {
    "report", false, "Reports",
    (const command[]){
        {"programme", {"OFFER", NULL},
         "OFFER [--format md|json|csv] [--k N] [--as-of D] [--from D]\n"
         "[--to D] [--publish [--low-k]] [--protection N] [--output FILE]",
         "programme report (in the language of --lang); counts below k show as <k",
         (const cmd_opt[]){
             {OPT_FORMAT, "the format: md (Markdown, the default), json or csv"},
             {OPT_K, "the smallest count shown (default 5; 1 suppresses nothing)"},
             {OPT_AS_OF, "the date targets are judged on"},
             {OPT_FROM, "the first day of the period"},
             {OPT_TO, "the last day of the period"},
             {OPT_PUBLISH, "made for publication: k must be at least 3, and the report is "
                           "refused when its audit fails"},
             {OPT_LOW_K, "with --publish: allow k below 3 on purpose (the report says so)"},
             {OPT_PROTECTION, "how many values wide an attacker's interval for a hidden count "
                              "must be (default k - 1)"},
             {OPT_OUTPUT, "write the report to FILE instead of standard output"},
             {0, NULL}},
         cmd_report_programme},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
