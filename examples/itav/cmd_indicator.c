/* itav: indicators: list, show and measure. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- indicators ------------------------------------------------------------------------- */

/* A number as published: whole numbers without decimals, others to two decimals. */
/* " in Bloemendaal and Heemstede": the municipalities a derived indicator counts together,
 * or nothing when it counts the whole offer. */
static void print_municipalities(const cli *c, const itav_indicator *ind)
{
    size_t i, n = itav_indicator_municipality_count(ind);
    for (i = 0; i < n; i++)
        printf("%s%s", i == 0 ? " in " : i + 1 < n ? ", " : tr(c, " and ", " en "),
               itav_indicator_municipality_at(ind, i));
}

static void print_value(const cli *c, double v)
{
    char buf[NUMBER_BUFSIZE];
    /* a whole number without decimals (no libm calls) */
    fputs(num(c, buf, v, v > -1e15 && v < 1e15 && v == (double)(long long)v ? 0 : 2), stdout);
}

/* A bound of a scale: null when unbounded. */
static json_t *jbound(double v)
{
    return isfinite(v) ? jnumber(v) : json_null();
}

/* The words of a target: "at least +10% on the baseline by 2022-12-31". */
static void print_target(const cli *c, const itav_indicator *ind, size_t i)
{
    itav_comparator cmp = 0;
    double value = 0, high = 0;
    int relative = 0;
    int32_t deadline = ITAV_DATE_NONE;
    char d[ITAV_DATE_BUFSIZE];
    itav_indicator_target(ind, i, &cmp, &value, &high, &relative, &deadline);
    switch (cmp) {
    case ITAV_CMP_AT_LEAST:
        printf("%s ", tr(c, "at least", "minstens"));
        break;
    case ITAV_CMP_AT_MOST:
        printf("%s ", tr(c, "at most", "hoogstens"));
        break;
    case ITAV_CMP_EQUAL:
        printf("%s ", tr(c, "exactly", "precies"));
        break;
    case ITAV_CMP_BETWEEN:
        printf("%s ", tr(c, "between", "tussen"));
        break;
    }
    char buf[NUMBER_BUFSIZE];
    if (relative)
        printf("%s%%", number_in(c->lang, buf, value, -1, 1));
    else
        print_number(c, value);
    if (cmp == ITAV_CMP_BETWEEN) {
        printf(" %s ", tr(c, "and", "en"));
        if (relative)
            printf("%s%%", number_in(c->lang, buf, high, -1, 1));
        else
            print_number(c, high);
    }
    if (relative)
        printf(" %s", tr(c, "on the baseline", "ten opzichte van de nulmeting"));
    printf(" %s %s", tr(c, "by", "uiterlijk"), date_text(d, deadline));
}

/* The verdict on target i and its explanation (owned by the caller), in a language: the
 * text of 'indicator show' follows --lang, its JSON is English. */
static int judge(itav_attainment *verdict, char **why, const itav_indicator *ind, size_t i,
                 int32_t as_of, itav_lang lang)
{
    int rc = itav_indicator_attainment_lang(verdict, why, ind, i, as_of, lang);
    if (rc != ITAV_OK)
        return data_error("cannot judge target %zu of %s: %s", i + 1, itav_indicator_id(ind),
                          itav_strerror(rc));
    return 0;
}

/* A verdict as people read it: its code in English, its words in Dutch (as a Dutch report
 * says them). */
static const char *verdict_words(const cli *c, itav_attainment v)
{
    static const char *const dutch[] = {"", "behaald", "niet behaald", "op koers", "onbekend"};
    const char *code = itav_code_name(ITAV_CODE_ATTAINMENT, (int)v);
    return v >= ITAV_ATTAIN_MET && v <= ITAV_ATTAIN_UNKNOWN ? tr(c, code, dutch[v]) : code;
}

/* An indicator as JSON; with a date, every target carries its attainment on that date. */
static int jindicator(json_t **out, const itav_indicator *ind, int32_t as_of)
{
    json_t *o = json_object(), *scale = json_object(), *targets = json_array();
    json_t *measurements = json_array();
    double low = 0, high = 0, min = 0, max = 0;
    itav_qualifier ql = 0;
    int32_t date = ITAV_DATE_NONE;
    size_t i;
    int rc = 0;

    jset_str(o, "id", itav_indicator_id(ind));
    jset_str(o, "offer", itav_indicator_offer(ind));
    json_object_set_new(o, "type", jcode(ITAV_CODE_MEASURE, (int)itav_indicator_type(ind)));
    jset_str(o, "name", itav_indicator_name(ind));
    jset_str(o, "unit", itav_indicator_unit(ind));
    itav_indicator_scale(ind, &low, &high);
    json_object_set_new(scale, "low", jbound(low));
    json_object_set_new(scale, "high", jbound(high));
    json_object_set_new(o, "scale", scale);
    json_object_set_new(o, "derived",
                        jcode(ITAV_CODE_DERIVED, (int)itav_indicator_derived(ind)));
    jset_str(o, "municipality", itav_indicator_municipality(ind));
    if (itav_indicator_municipality_count(ind) > 1) {
        json_t *all = json_array();
        for (size_t m = 0; m < itav_indicator_municipality_count(ind); m++)
            json_array_append_new(all, json_string(itav_indicator_municipality_at(ind, m)));
        json_object_set_new(o, "municipalities", all);
    }
    jset_str(o, "note", itav_indicator_note(ind));
    jset_str(o, "source", itav_indicator_source(ind));
    if (itav_indicator_baseline(ind, &date, &ql, &min, &max) == ITAV_OK) {
        json_t *b = json_object();
        json_object_set_new(b, "date", jdate(date));
        json_object_set_new(b, "quantity",
                            jquantity(ql, min, max, itav_indicator_baseline_text(ind)));
        jset_str(b, "source", itav_indicator_baseline_source(ind));
        json_object_set_new(o, "baseline", b);
    } else {
        json_object_set_new(o, "baseline", json_null());
    }
    for (i = 0; rc == 0 && i < itav_indicator_target_count(ind); i++) {
        json_t *t = json_object();
        itav_comparator cmp = 0;
        double value = 0, upper = 0;
        int relative = 0;
        int32_t deadline = ITAV_DATE_NONE;
        itav_indicator_target(ind, i, &cmp, &value, &upper, &relative, &deadline);
        json_object_set_new(t, "comparator", jcode(ITAV_CODE_COMPARATOR, (int)cmp));
        json_object_set_new(t, "value", jnumber(value));
        if (cmp == ITAV_CMP_BETWEEN)
            json_object_set_new(t, "high", jnumber(upper));
        json_object_set_new(t, "relative", json_boolean(relative));
        json_object_set_new(t, "deadline", jdate(deadline));
        jset_str(t, "text", itav_indicator_target_text(ind, i));
        jset_str(t, "source", itav_indicator_target_source(ind, i));
        if (as_of != ITAV_DATE_NONE) {
            itav_attainment verdict = 0;
            char *why = NULL;
            if ((rc = judge(&verdict, &why, ind, i, as_of, ITAV_LANG_EN)) == 0) {
                json_object_set_new(t, "attainment", jcode(ITAV_CODE_ATTAINMENT, (int)verdict));
                jset_str(t, "why", why);
            }
            itav_free(why);
        }
        json_array_append_new(targets, t);
    }
    json_object_set_new(o, "targets", targets);
    for (i = 0; i < itav_indicator_measurement_count(ind); i++) {
        json_t *m = json_object();
        itav_indicator_measurement(ind, i, &date, &ql, &min, &max);
        json_object_set_new(m, "date", jdate(date));
        jset_str(m, "period", itav_indicator_measurement_period(ind, i));
        json_object_set_new(m, "quantity",
                            jquantity(ql, min, max, itav_indicator_measurement_text(ind, i)));
        jset_str(m, "source", itav_indicator_measurement_source(ind, i));
        json_array_append_new(measurements, m);
    }
    json_object_set_new(o, "measurements", measurements);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

/* Order of text listings: by offer, then by id. */
static int indicator_by_offer(const void *a, const void *b)
{
    const itav_indicator *ia = *(const itav_indicator *const *)a;
    const itav_indicator *ib = *(const itav_indicator *const *)b;
    int d = strcmp(itav_indicator_offer(ia), itav_indicator_offer(ib));
    return d ? d : strcmp(itav_indicator_id(ia), itav_indicator_id(ib));
}

static void list_indicators_text(const cli *c, vec *rows)
{
    size_t w = 2, i;
    const char *offer = NULL;
    for (i = 0; i < rows->n; i++)
        w = max_width(w, itav_indicator_id(rows->v[i]));
    qsort(rows->v, rows->n, sizeof rows->v[0], indicator_by_offer);
    for (i = 0; i < rows->n; i++) {
        const itav_indicator *ind = rows->v[i];
        char n[32];
        if (!offer || strcmp(offer, itav_indicator_offer(ind)) != 0) {
            offer = itav_indicator_offer(ind);
            printf("%s%s:\n  ", i ? "\n" : "", offer);
            print_padded("ID", w + 2);
            print_padded(tr(c, "TYPE", "SOORT"), 12);
            print_padded(tr(c, "TARGETS", "DOELEN"), 9);
            print_padded(tr(c, "MEASURED", "GEMETEN"), 10);
            printf("%s\n", tr(c, "NAME", "NAAM"));
        }
        printf("  ");
        print_padded(itav_indicator_id(ind), w + 2);
        print_padded(itav_code_name(ITAV_CODE_MEASURE, (int)itav_indicator_type(ind)), 12);
        snprintf(n, sizeof n, "%zu", itav_indicator_target_count(ind));
        print_padded(n, 9);
        snprintf(n, sizeof n, "%zu", itav_indicator_measurement_count(ind));
        print_padded(n, 10);
        printf("%s\n", one_line(itav_indicator_name(ind) ? itav_indicator_name(ind) : "-"));
    }
    printf("\n%zu %s\n", rows->n, rows->n == 1 ? tr(c, "indicator.", "indicator.")
                                               : tr(c, "indicators.", "indicatoren."));
}

static int cmd_indicator_list(cli *c)
{
    itav_indicator_iter *it = NULL;
    itav_indicator *ind;
    vec rows = {0};
    itav_db *db;
    size_t i;
    int rc;

    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    if ((rc = check_offer(db, OPTV(c, OFFER))) == 0) {
        int lrc = itav_indicator_list(&it, db, OPTV(c, OFFER));
        if (lrc == ITAV_OK) {
            while ((lrc = itav_indicator_iter_next(&ind, it)) == ITAV_OK)
                vec_push(&rows, ind);
            itav_indicator_iter_free(it);
        }
        rc = lrc == ITAV_ITEROVER ? 0 : lib_error(db, lrc);
    }
    itav_close(db);
    if (rc == 0 && FLAG(c, JSON)) {
        json_t *arr = json_array();
        for (i = 0; rc == 0 && i < rows.n; i++) {
            json_t *o = NULL;
            if ((rc = jindicator(&o, rows.v[i], ITAV_DATE_NONE)) == 0)
                json_array_append_new(arr, o);
        }
        if (rc == 0)
            rc = print_json_reals(arr);
        else
            json_decref(arr);
    } else if (rc == 0 && rows.n == 0) {
        printf("%s\n", tr(c, "No indicators.", "Geen indicatoren."));
    } else if (rc == 0) {
        list_indicators_text(c, &rows);
    }
    vec_free(&rows, free_indicator);
    return rc;
}

/* The definition lines of 'indicator show'. */
static void show_definition(const cli *c, const itav_indicator *ind)
{
    double low = 0, high = 0, min = 0, max = 0;
    itav_qualifier ql = 0;
    int32_t date = ITAV_DATE_NONE;
    char d[ITAV_DATE_BUFSIZE];

    printf("%s %s (%s)\n", tr(c, "Indicator", "Indicator"), itav_indicator_id(ind),
           itav_indicator_offer(ind));
    print_long_field(tr(c, "Measures:", "Meet:"), itav_indicator_name(ind));
    itav_indicator_scale(ind, &low, &high);
    printf("  ");
    print_padded(tr(c, "Type:", "Soort:"), 18);
    printf(" %s", itav_code_name(ITAV_CODE_MEASURE, (int)itav_indicator_type(ind)));
    if (itav_indicator_unit(ind))
        printf(", %s %s", tr(c, "unit", "eenheid"), one_line(itav_indicator_unit(ind)));
    char lo[NUMBER_BUFSIZE], hi[NUMBER_BUFSIZE];
    if (isfinite(low) && isfinite(high))
        printf(", %s %s %s %s", tr(c, "scale", "schaal"), num(c, lo, low, -1),
               tr(c, "to", "tot"), num(c, hi, high, -1));
    else if (isfinite(low))
        printf(", %s %s", num(c, lo, low, -1), tr(c, "or more", "of meer"));
    putchar('\n');
    if (itav_indicator_derived(ind)) {
        printf("  ");
        print_padded(tr(c, "Derived from:", "Afgeleid uit:"), 18);
        printf(" %s", itav_code_name(ITAV_CODE_DERIVED, (int)itav_indicator_derived(ind)));
        print_municipalities(c, ind);
        putchar('\n');
    }
    print_field(tr(c, "Source:", "Bron:"), itav_indicator_source(ind));
    print_long_field(tr(c, "Note:", "Noot:"), itav_indicator_note(ind));
    if (itav_indicator_baseline(ind, &date, &ql, &min, &max) == ITAV_OK) {
        const char *text = itav_indicator_baseline_text(ind);
        printf("  ");
        print_padded(tr(c, "Baseline:", "Nulmeting:"), 18);
        putchar(' ');
        print_qty(c, ql, min, max, text);
        printf(" %s %s", tr(c, "on", "op"), date_text(d, date));
        if (itav_indicator_baseline_source(ind))
            printf(" [%s]", one_line(itav_indicator_baseline_source(ind)));
        putchar('\n');
        if (text && ql != ITAV_QTY_TEXT)
            printf("  %-18s \"%s\"\n", "", one_line(text));
    }
}

static int show_indicator_text(const cli *c, const itav_indicator *ind, int32_t as_of)
{
    size_t i, n = itav_indicator_target_count(ind), nm = itav_indicator_measurement_count(ind);
    size_t pw = 10;
    char d[ITAV_DATE_BUFSIZE];
    int rc = 0;

    show_definition(c, ind);
    printf("\n%s %s:\n", tr(c, "Targets, judged on", "Doelen, beoordeeld op"),
           date_text(d, as_of));
    if (n == 0)
        printf("  %s\n", tr(c, "none.", "geen."));
    for (i = 0; rc == 0 && i < n; i++) {
        itav_attainment verdict = 0;
        char *why = NULL;
        const char *text = itav_indicator_target_text(ind, i);
        if ((rc = judge(&verdict, &why, ind, i, as_of, c->lang)) != 0)
            break;
        printf("  %zu. ", i + 1);
        print_target(c, ind, i);
        if (itav_indicator_target_source(ind, i))
            printf(" [%s]", one_line(itav_indicator_target_source(ind, i)));
        printf(": %s\n", verdict_words(c, verdict));
        if (text)
            printf("     \"%s\"\n", one_line(text));
        if (why)
            print_wrapped_text("", why, 5);
        itav_free(why);
    }
    printf("\n%s:\n", tr(c, "Measurements", "Metingen"));
    if (nm == 0)
        printf("  %s\n", tr(c, "none yet.", "nog geen."));
    for (i = 0; i < nm; i++)
        pw = max_width(pw, itav_indicator_measurement_period(ind, i));
    for (i = 0; i < nm; i++) {
        int32_t date = ITAV_DATE_NONE;
        itav_qualifier ql = 0;
        double min = 0, max = 0;
        const char *period = itav_indicator_measurement_period(ind, i);
        const char *text = itav_indicator_measurement_text(ind, i);
        itav_indicator_measurement(ind, i, &date, &ql, &min, &max);
        printf("  %s  ", date_text(d, date));
        print_padded(period ? period : "-", pw + 2);
        print_qty(c, ql, min, max, text);
        if (itav_indicator_measurement_source(ind, i))
            printf("  [%s]", one_line(itav_indicator_measurement_source(ind, i)));
        if (text && ql != ITAV_QTY_TEXT)
            printf("  \"%s\"", one_line(text));
        putchar('\n');
    }
    return rc;
}

static int cmd_indicator_show(cli *c)
{
    itav_indicator *ind = NULL;
    itav_db *db;
    int32_t as_of;
    int rc;

    if ((rc = option_date(&as_of, OPTV(c, AS_OF), "as-of")) != 0)
        return rc;
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_indicator_get(&ind, db, c->args[2]);
    if (rc != ITAV_OK)
        rc = lib_error(db, rc);
    itav_close(db);
    if (rc == 0 && FLAG(c, JSON)) {
        json_t *o = NULL;
        if ((rc = jindicator(&o, ind, as_of)) == 0) {
            json_object_set_new(o, "as_of", jdate(as_of));
            rc = print_json_reals(o);
        }
    } else if (rc == 0) {
        rc = show_indicator_text(c, ind, as_of);
    }
    itav_indicator_free(ind);
    return rc;
}

/* The words of what a derived figure rests on. */
static const char *basis_word(const cli *c, itav_derived what, long basis)
{
    if (what == ITAV_DERIVED_MATCHES_STARTED)
        return basis == 1 ? tr(c, "match", "koppeling") : tr(c, "matches", "koppelingen");
    return basis == 1 ? tr(c, "review", "evaluatie") : tr(c, "reviews", "evaluaties");
}

/* indicator measure ID --derive --from D --to D [--date D]: computes the figure from the
 * store for the period and records it (dated the last day unless --date says otherwise). */
static int measure_derived(const cli *c, itav_db *db, const char *id)
{
    itav_indicator *ind = NULL;
    itav_derived what;
    int32_t from, to, date;
    double value = 0;
    long basis = 0;
    char period[2 * ITAV_DATE_BUFSIZE + 2], d1[ITAV_DATE_BUFSIZE], d2[ITAV_DATE_BUFSIZE];
    int rc;

    if ((rc = option_date(&from, OPTV(c, FROM), "from")) != 0 ||
        (rc = option_date(&to, OPTV(c, TO), "to")) != 0 ||
        (rc = option_date(&date, OPTV(c, DATE) ? OPTV(c, DATE) : OPTV(c, TO), "date")) != 0)
        return rc;
    if ((rc = itav_indicator_get(&ind, db, id)) != ITAV_OK)
        return lib_error(db, rc);
    what = itav_indicator_derived(ind);
    if (!what) {
        itav_indicator_free(ind);
        return data_error("indicator \"%s\" is measured by hand, not derived from the store; "
                          "give --value instead of --derive", id);
    }
    rc = itav_indicator_derive_for(&value, &basis, db, ind, from, to);
    if (rc != ITAV_OK) {
        rc = lib_error(db, rc);
    } else if (isnan(value)) {
        rc = data_error("nothing to derive %s from: no %s in %s from %s to %s",
                        itav_code_name(ITAV_CODE_DERIVED, (int)what), basis_word(c, what, 2),
                        itav_indicator_offer(ind), date_text(d1, from), date_text(d2, to));
    } else {
        snprintf(period, sizeof period, "%s..%s", date_text(d1, from), date_text(d2, to));
        rc = itav_indicator_measure(db, id, date, OPTV(c, PERIOD) ? OPTV(c, PERIOD) : period,
                                    ITAV_QTY_EXACT, value, value, NULL, OPTV(c, SOURCE));
        rc = rc == ITAV_OK ? 0 : lib_error(db, rc);
    }
    if (rc == 0) {
        printf(tr(c, "Derived %s for %s to %s", "%s afgeleid voor %s tot %s"),
               itav_code_name(ITAV_CODE_DERIVED, (int)what), date_text(d1, from),
               date_text(d2, to));
        print_municipalities(c, ind);
        printf(": ");
        print_value(c, value);
        printf(tr(c, " (from %ld %s); recorded on %s as of %s.\n",
                  " (uit %ld %s); vastgelegd bij %s op %s.\n"),
               basis, basis_word(c, what, basis), id, date_text(d1, date));
    }
    itav_indicator_free(ind);
    return rc;
}

static int cmd_indicator_measure(cli *c)
{
    const char *id = c->args[2];
    itav_qualifier ql = ITAV_QTY_TEXT;
    double min = 0, max = 0;
    int32_t date;
    char d[ITAV_DATE_BUFSIZE];
    itav_db *db;
    int rc;

    if (FLAG(c, DERIVE)) {
        if (OPTV(c, VALUE) || OPTV(c, TEXT))
            return usage_error("--derive computes the value: it takes no --value or --text");
        if (!OPTV(c, FROM))
            return missing_option("from", "indicator measure --derive", NULL);
        if (!OPTV(c, TO))
            return missing_option("to", "indicator measure --derive", NULL);
        if ((rc = open_store(&db, c, 0)) != 0)
            return rc;
        rc = measure_derived(c, db, id);
        itav_close(db);
        return rc;
    }
    if (OPTV(c, FROM) || OPTV(c, TO))
        return usage_error("options --from and --to apply only with --derive");
    if (!OPTV(c, VALUE) && !OPTV(c, TEXT))
        return missing_option("value", "indicator measure",
                              "a quantity such as 12, about 12, at least 12 or 5..10; or "
                              "--text alone, or --derive");
    if (!OPTV(c, DATE))
        return missing_option("date", "indicator measure", NULL);
    if ((rc = option_date(&date, OPTV(c, DATE), "date")) != 0)
        return rc;
    if (OPTV(c, VALUE) && itav_quantity_parse(&ql, &min, &max, OPTV(c, VALUE)) != ITAV_OK)
        return data_error("invalid quantity \"%s\" for --value (expected 12, about 12, "
                          "at least 12, at most 12 or a range 5..10; a dot for decimals)",
                          OPTV(c, VALUE));
    if ((rc = open_store(&db, c, 0)) != 0)
        return rc;
    rc = itav_indicator_measure(db, id, date, OPTV(c, PERIOD), ql, min, max, OPTV(c, TEXT),
                                OPTV(c, SOURCE));
    rc = rc == ITAV_OK ? 0 : lib_error(db, rc);
    itav_close(db);
    if (rc == 0) {
        printf(tr(c, "Recorded on %s: ", "Vastgelegd bij %s: "), id);
        print_qty(c, ql, min, max, OPTV(c, TEXT));
        printf(" %s %s", tr(c, "on", "op"), date_text(d, date));
        if (OPTV(c, PERIOD))
            printf(" (%s)", OPTV(c, PERIOD));
        printf(".\n");
    }
    return rc;
}


const command_group indicator_group = {
    "indicator", false, "Indicators",
    (const command[]){
        {"list", {NULL, NULL}, "[--offer OFFER] [--json]",
         "list indicators by offer",
         (const cmd_opt[]){
             {OPT_OFFER, "only indicators of offer OFFER"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_indicator_list},
        {"show", {"ID", NULL}, "ID [--as-of D] [--json]",
         "definition, baseline, targets judged, measurements",
         (const cmd_opt[]){
             {OPT_AS_OF, "the date targets are judged on (default today)"},
             {OPT_JSON, "machine-readable output (see docs/cli.md)"},
             {0, NULL}},
         cmd_indicator_show},
        {"measure", {"ID", NULL},
         "ID --date D --value QTY [--period P] [--text T] [--source REF]\n"
         "ID --derive --from D --to D [--date D] [--period P] [--source REF]",
         "record a measurement (QTY: 12, about 12, at least 12, at most 12, 5..10), or compute "
         "a derived indicator from the store and record it",
         (const cmd_opt[]){
             {OPT_DATE, "the date of the measurement"},
             {OPT_VALUE, "the value: 12, about 12, at least 12, at most 12 or 5..10"},
             {OPT_PERIOD, "the period in words (2021, 2021-H1)"},
             {OPT_TEXT, "the source's wording"},
             {OPT_SOURCE, "a seed reference (000:L159)"},
             {OPT_DERIVE, "compute the value of a derived indicator from the store"},
             {OPT_FROM, "with --derive: the first day of the period"},
             {OPT_TO, "with --derive: the last day of the period"},
             {0, NULL}},
         cmd_indicator_measure},
        {NULL, {NULL, NULL}, NULL, NULL, NULL, NULL},
    }};
