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
    long k = opt.k;
    itav_db *db;

    if ((OPTV(c, FORMAT) &&
         (rc = parse_code_arg(&format, ITAV_CODE_REPORT_FORMAT, OPTV(c, FORMAT), "format")) != 0) ||
        (OPTV(c, K) && (rc = option_int(&k, OPTV(c, K), "k", 1, 1000000)) != 0) ||
        (rc = option_date_or_none(&opt.as_of, OPTV(c, AS_OF), "as-of")) != 0 ||
        (rc = option_date_or_none(&opt.from, OPTV(c, FROM), "from")) != 0 ||
        (rc = option_date_or_none(&opt.to, OPTV(c, TO), "to")) != 0)
        return rc;
    opt.k = (int)k;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_report_programme(&r, db, c->args[2], &opt);
    rc = rc == ITAV_OK ? 0 : lib_error(db, rc);
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
         "[--to D] [--output FILE]",
         "programme report (in the language of --lang); counts below k show as <k",
         (const cmd_opt[]){
             {OPT_FORMAT, "the format: md (Markdown, the default), json or csv"},
             {OPT_K, "the smallest count shown (default 5; 1 suppresses nothing)"},
             {OPT_AS_OF, "the date targets are judged on"},
             {OPT_FROM, "the first day of the period"},
             {OPT_TO, "the last day of the period"},
             {OPT_OUTPUT, "write the report to FILE instead of standard output"},
             {0, NULL}},
         cmd_report_programme},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
