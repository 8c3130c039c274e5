/* itav: printing the outcomes of an intervention and the milestones of an offer (catalog
 * show, offer show). Their --json is the library's own object (itav_*_to_json()). */
#include "cli.h"

#include <string.h>

static const struct {
    itav_code_type type;
    const char *code, *en, *nl;
} labels[] = {
    {ITAV_CODE_OUTCOME_KIND, "follow_up", "follow-up", "follow-up"},
    {ITAV_CODE_OUTCOME_KIND, "measurement_design", "measurement design", "meetopzet"},
    {ITAV_CODE_OUTCOME_KIND, "social_return", "social return", "sociaal rendement"},
    {ITAV_CODE_OUTCOME_KIND, "financial_return", "financial return", "financieel rendement"},
    {ITAV_CODE_OUTCOME_KIND, "satisfaction", "satisfaction", "tevredenheid"},
    {ITAV_CODE_OUTCOME_KIND, "study", "study", "onderzoek"},
    {ITAV_CODE_MILESTONE_STATUS, "achieved", "achieved", "bereikt"},
    {ITAV_CODE_MILESTONE_STATUS, "delayed", "delayed", "vertraagd"},
    {ITAV_CODE_MILESTONE_STATUS, "accelerated", "accelerated", "versneld"},
    {ITAV_CODE_MILESTONE_STATUS, "current_situation", "current situation", "huidige situatie"},
    {ITAV_CODE_MILESTONE_STATUS, "planned", "planned", "gepland"},
};

static const char *label(const cli *c, itav_code_type type, int value)
{
    const char *code = itav_code_name(type, value);
    for (size_t i = 0; code && i < sizeof labels / sizeof labels[0]; i++)
        if (labels[i].type == type && strcmp(labels[i].code, code) == 0)
            return tr(c, labels[i].en, labels[i].nl);
    return code ? code : "-";
}

void print_outcomes(const cli *c, const itav_intervention *iv)
{
    size_t n = itav_intervention_outcome_count(iv);
    if (!n)
        return;
    printf("\n%s:\n", tr(c, "Outcomes and research", "Uitkomsten en onderzoek"));
    for (size_t i = 0; i < n; i++) {
        const itav_outcome *o = itav_intervention_outcome(iv, i);
        const itav_figure *f = itav_outcome_get_figure(o);
        printf("  - %s: ", label(c, ITAV_CODE_OUTCOME_KIND, (int)itav_outcome_get_kind(o)));
        if (itav_figure_get_qualifier(f) != ITAV_QTY_TEXT) {
            print_quantity(c, f);
            putchar(' ');
        }
        print_figure_words(f, true);
    }
}

void print_milestones(const cli *c, const itav_offer *of, const char *indent)
{
    size_t n = itav_offer_milestone_count(of);
    for (size_t i = 0; i < n; i++) {
        const itav_milestone *m = itav_offer_milestone(of, i);
        char day[ITAV_DATE_BUFSIZE];
        int32_t d = itav_milestone_get_date(m);
        printf("%s- %s", indent,
               label(c, ITAV_CODE_MILESTONE_STATUS, (int)itav_milestone_get_status(m)));
        if (d != ITAV_DATE_NONE)
            printf(" %s", date_text(day, d));
        if (itav_milestone_get_period(m))
            printf(d != ITAV_DATE_NONE ? " (%s)" : " %s", one_line(itav_milestone_get_period(m)));
        printf(": %s", one_line(itav_milestone_get_what(m)));
        if (itav_milestone_get_text(m))
            printf(" (\"%s\")", one_line(itav_milestone_get_text(m)));
        if (itav_milestone_get_source(m))
            printf(" [%s]", one_line(itav_milestone_get_source(m)));
        putchar('\n');
    }
}
