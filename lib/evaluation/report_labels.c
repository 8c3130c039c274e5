/* The wording of reports in each language: every fixed text a report shows (titles, column
 * headings, notes, fixed cells, the lines of the Markdown header and footer), once, with its
 * Dutch wording. A text is looked up by its English wording, which is also what the report
 * model and the JSON hold; a text with numbers is a printf template whose Dutch wording has
 * the same conversions in the same order (tests/c/test_report_labels.c checks both). */
#include "evaluation/evaluation_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const itav__report_wording labels[] = {
    /* the title and the Markdown header */
    {ITAV__L_TITLE, "Programmarapportage: %s"},
    {"Offer: %s.", "Aanbod: %s."},
    {"Offer: %s, with %zu member offer (%s).", "Aanbod: %s, met %zu onderdeel (%s)."},
    {"Offer: %s, with %zu member offers (%s).", "Aanbod: %s, met %zu onderdelen (%s)."},
    {" Period: all dates.", " Periode: alle data."},
    {" Period: %s to %s.", " Periode: %s tot en met %s."},
    {"open start", "open begin"},
    {"open end", "open einde"},
    {" Targets judged on %s.", " Doelen beoordeeld op %s."},
    {"no date", "geen datum"},
    {" k = %d.", " k = %d."},
    {"No rows.", "Geen rijen."},
    /* the Markdown footer */
    {"Counts of 1 to %d participants, matches or reviews are shown as %s, and so are the "
     "further counts hidden so that none of them can be worked out; totals, means and percents "
     "are computed from the shown cells only. A mean or percent that rests on a hidden count or "
     "on fewer than %d people is shown as \"%s\".",
     "Aantallen van 1 tot en met %d deelnemers, matches of evaluaties staan er als %s, net als "
     "de aantallen die daarnaast verborgen zijn zodat geen ervan te herleiden is; totalen, "
     "gemiddelden en percentages zijn alleen over de getoonde cellen berekend. Een gemiddelde "
     "of percentage dat op een verborgen aantal of op minder dan %d mensen rust, staat er als "
     "\"%s\"."},
    {"k = 1: no cell is suppressed.", "k = 1: er is geen cel verborgen."},
    /* the cell key method (cellkey.c) */
    {ITAV__PERTURBED_TOTAL, "totaal (verstoord)"},
    {" Counts perturbed by the cell key method.",
     " Aantallen verstoord met de celsleutelmethode."},
    {"Every count is perturbed by the cell key method: it is at most %d from the true count, "
     "never shown as 1 or 2, and a count from 1 to 4 is never shown as itself; the same records "
     "always give the same count. A total has noise of its own, so it and the sum of its cells "
     "may differ by up to %d for each of them; where a note speaks of the shown cells, these "
     "are all the cells. A mean is of the true values and is shown only "
     "over at least %d people; a percent is of the perturbed counts. A hidden mean or percent "
     "is shown as \"%s\".",
     "Elk aantal is verstoord met de celsleutelmethode: het wijkt ten hoogste %d af van het "
     "werkelijke aantal, staat er nooit als 1 of 2, en een aantal van 1 tot en met 4 staat er "
     "nooit als zichzelf; dezelfde records geven altijd hetzelfde aantal. Een totaal heeft een "
     "eigen afwijking, zodat het en de som van zijn cellen per getal tot %d kunnen verschillen; "
     "waar een toelichting over de getoonde cellen spreekt, zijn dat alle cellen. "
     "Een gemiddelde is van de werkelijke waarden en staat er alleen bij ten minste %d mensen; "
     "een percentage is van de verstoorde aantallen. Een verborgen gemiddelde of percentage "
     "staat er als \"%s\"."},
    {"Audit passed: given everything this report shows, each hidden count could still be any "
     "of at least %d values.",
     "Controle geslaagd: met alles wat deze rapportage toont, kan elk verborgen aantal nog elk "
     "van ten minste %d waarden zijn."},
    {"Audit failed: given everything this report shows, some hidden count is narrowed down to "
     "fewer than %d values. Do not publish this report.",
     "Controle mislukt: met alles wat deze rapportage toont, is een verborgen aantal te "
     "herleiden tot minder dan %d waarden. Publiceer deze rapportage niet."},
    {"k = %d is below %d, the least k of a report made for publication; it was chosen on "
     "purpose.",
     "k = %d is lager dan %d, de kleinste k van een rapportage voor publicatie; daar is bewust "
     "voor gekozen."},
    /* cells every table may show */
    {ITAV__HIDDEN_MARK, "verborgen om kleine aantallen te beschermen"},
    {ITAV__TOTAL_LABEL, "totaal van de getoonde cellen"},
    /* indicators */
    {"Indicators and targets", "Indicatoren en doelen"},
    {"indicator", "indicator"},
    {"name", "naam"},
    {"unit", "eenheid"},
    {"target", "doel"},
    {"deadline", "uiterste datum"},
    {"latest", "laatste waarde"},
    {"measured", "gemeten"},
    {"attainment", "behaald"},
    {"explanation", "toelichting"},
    {"source", "bron"},
    {"met", "behaald"},
    {"not_met", "niet behaald"},
    {"on_track", "op koers"},
    {"unknown", "onbekend"},
    {"the figure derived from the store rests on a small cell, or is not a sum of shown cells "
     "of this report, so it is suppressed and not judged",
     "het uit de gegevens afgeleide cijfer rust op een kleine cel, of is geen som van getoonde "
     "cellen van deze rapportage; daarom is het verborgen en niet beoordeeld"},
    {"Every target of every indicator of the covered offers, judged on the report's date. "
     "Figures derived from the store are computed from the start of the report period up to "
     "the target's deadline (or the report's date or period end, when earlier) and suppressed "
     "like the counts they rest on; measurements entered by hand are published data.",
     "Elk doel van elke indicator van het aanbod in deze rapportage, beoordeeld op de datum "
     "van de rapportage. Cijfers die uit de gegevens zijn afgeleid, lopen van het begin van de "
     "periode tot de uiterste datum van het doel (of de datum van de rapportage of het einde "
     "van de periode, als die eerder valt) en worden verborgen zoals de aantallen waarop ze "
     "rusten; met de hand ingevoerde metingen zijn openbare gegevens."},
    /* words with numbers in cells (report.c, worded()): targets, quantities, periods; in Dutch
     * a number has a decimal comma */
    {"at least %s", "minstens %s"},
    {"at most %s", "hoogstens %s"},
    {"exactly %s", "precies %s"},
    {"between %s and %s", "tussen %s en %s"},
    {"at least %s%% on the baseline", "minstens %s%% ten opzichte van de nulmeting"},
    {"at most %s%% on the baseline", "hoogstens %s%% ten opzichte van de nulmeting"},
    {"exactly %s%% on the baseline", "precies %s%% ten opzichte van de nulmeting"},
    {"between %s and %s%% of the baseline", "tussen %s en %s%% ten opzichte van de nulmeting"},
    {"about %s", "ongeveer %s"},
    {"about %s-%s", "ongeveer %s-%s"},
    {"%s", "%s"},
    {"%s-%s", "%s-%s"},
    {"up to %s", "tot en met %s"},
    {"%s to %s", "%s tot en met %s"},
    /* the explanation of an attainment (lib/model/indicator.c, judge()), piece by piece */
    {"not met", "niet behaald"},
    {"on track", "op koers"},
    {"%s or more", "%s of meer"},
    {"%s or less", "%s of minder"},
    {"about %s to %s", "ongeveer %s tot %s"},
    /* a funder's share in the costs table (report.c, funder_words()) */
    {" percent", " procent"},
    {"\"%s\" (no number)", "\"%s\" (geen getal)"},
    {"the target at least ", "het doel van minstens "},
    {"the target at most ", "het doel van hoogstens "},
    {"the target equal to ", "het doel van precies "},
    {"the target between ", "het doel tussen "},
    {"%s and %s", "%s en %s"},
    {"%s%% less", "%s%% minder"},
    {"%s%% more", "%s%% meer"},
    {" and %s%% less", " en %s%% minder"},
    {" and %s%% more", " en %s%% meer"},
    {" than the baseline", " dan de nulmeting"},
    {" (baseline %s, so %s)", " (nulmeting %s, dus %s)"},
    {" (baseline %s, so %s and %s)", " (nulmeting %s, dus %s en %s)"},
    {" by %s", " uiterlijk %s"},
    {"the measurement of %s", "de meting van %s"},
    {"unknown: there is no measurement on or before %s%s to judge ",
     "onbekend: er is geen meting op of vóór %s%s om te toetsen aan "},
    {" (the deadline)", " (de uiterste datum)"},
    {" cannot be judged against ", " is niet te toetsen aan "},
    {", because the indicator has no baseline with a number.",
     ", omdat de indicator geen nulmeting met een getal heeft."},
    {" gives no number, so it allows any value and cannot be judged against ",
     " geeft geen getal, laat dus elke waarde toe en is niet te toetsen aan "},
    {" meets ", " voldoet aan "},
    {" does not meet ", " voldoet niet aan "},
    {" may or may not meet ", " voldoet misschien aan "},
    {" with every value it allows", ", met elke waarde die ze toelaat"},
    {" with any value it allows", ", met geen enkele waarde die ze toelaat"},
    {" (some values it allows do, others do not)",
     " (met sommige waarden die ze toelaat wel, met andere niet)"},
    {" (measurements after the deadline do not count)",
     " (metingen na de uiterste datum tellen niet mee)"},
    {" yet, and without a baseline there is no path to tell whether it is on track.",
     ", nu nog niet, en zonder nulmeting is er geen lijn om te zien of het op koers ligt."},
    {" yet, and the baseline of %s is not before %s, so there is no path to tell whether it "
     "is on track.",
     ", nu nog niet, en de nulmeting van %s ligt niet vóór %s, dus er is geen lijn om te zien "
     "of het op koers ligt."},
    {"the measurement", "de meting"},
    {"the deadline", "de uiterste datum"},
    {" yet, and the baseline %s of %s already lay within the target, so there is no path to "
     "it.",
     ", nu nog niet, en de nulmeting %s van %s lag al binnen het doel, dus er is geen lijn "
     "naartoe."},
    {" yet, but", ", nu nog niet, maar"},
    {" yet, and", ", nu nog niet, en"},
    {" lies on or beyond", " ligt op of voorbij"},
    {" has gone past the target, off", " is voorbij het doel geschoten, naast"},
    {" lies behind", " ligt achter"},
    {" lies partly behind and partly on or beyond", " ligt deels achter en deels op of voorbij"},
    {" the straight path from the baseline %s of %s to the target, which stood at %s on %s",
     " de rechte lijn van de nulmeting %s van %s naar het doel, die %s bedroeg op %s"},
    {"; it may already meet the target", "; mogelijk voldoet ze al aan het doel"},
    /* reach */
    {"Reach", "Bereik"},
    {"offer", "aanbod"},
    {"what", "wat"},
    {"quantity", "aantal"},
    {"wording", "omschrijving in de bron"},
    {"period", "periode"},
    {"where", "waar"},
    {"Reach as the sources state it, each figure with its qualifier and source. Figures of "
     "different kinds (attendance, replays, families, matches, municipalities, ...) are never "
     "added up, so this table has no total.",
     "Het bereik zoals de bronnen het noemen, elk cijfer met zijn kwalificatie en bron. Cijfers "
     "van verschillende soort (aanwezigen, herhalingen, gezinnen, matches, gemeenten, ...) "
     "worden nooit opgeteld; daarom heeft deze tabel geen totaal."},
    /* costs and funding */
    {"Costs and funding", "Kosten en financiering"},
    {"amount", "bedrag"},
    {"currency", "valuta"},
    {"from", "van"},
    {"to", "tot en met"},
    {"funders", "financiers"},
    {"total", "totaal"},
    {"per year", "per jaar"},
    {"per month", "per maand"},
    {"per young person", "per jongere"},
    {"per family", "per gezin"},
    {"per coupling", "per koppeling"},
    {"per film", "per filmpje"},
    {"per youth club", "per jeugdsoos"},
    {"per meeting", "per bijeenkomst"},
    {"Costs and funding as the sources state them, each amount with its unit and period. "
     "Amounts per year, per young person, per film and so on are different things, so this "
     "table has no total, across units or offers.",
     "Kosten en financiering zoals de bronnen ze noemen, elk bedrag met zijn eenheid en "
     "periode. Bedragen per jaar, per jongere, per filmpje enzovoort zijn verschillende "
     "dingen; daarom heeft deze tabel geen totaal, over eenheden noch over aanbod."},
    /* matches by state */
    {"Matches by state", "Matches per status"},
    {"state", "status"},
    {"matches", "matches"},
    {"proposed", "voorgesteld"},
    {"introduced", "kennisgemaakt"},
    {"trial", "proefperiode"},
    {"active", "actief"},
    {"completed", "afgerond"},
    {"declined", "afgewezen"},
    {"ended_early", "voortijdig beëindigd"},
    {"Matches of the covered offers that were open at some time in the period, by their state "
     "at its end. The total is of the shown cells only.",
     "Matches van het aanbod in deze rapportage die ergens in de periode liepen, naar hun "
     "status aan het einde ervan. Het totaal is alleen van de getoonde cellen."},
    /* matches started */
    {"Matches started per municipality and year", "Gestarte matches per gemeente en jaar"},
    {"municipality", "gemeente"},
    {ITAV__NOT_KNOWN, "onbekend"},
    {ITAV__OTHER_PLACES, "overige gemeenten"},
    {"Matches that started in the period (entered the trial, or became active without one), "
     "by the municipality of the asking participant (not known: erased or not given; other "
     "municipalities: those that would show no count at all) and the year. Totals are of the "
     "shown cells only.",
     "Matches die in de periode begonnen (de proefperiode in, of zonder proefperiode actief), "
     "naar de gemeente van de hulpvragende deelnemer (onbekend: gewist of niet opgegeven; "
     "overige gemeenten: gemeenten die anders geen enkel aantal zouden tonen) en het jaar. "
     "Totalen zijn alleen van de getoonde cellen."},
    {"No match of the covered offers started in the period.",
     "Er begon in de periode geen match van het aanbod in deze rapportage."},
    /* the waiting list */
    {"Waiting list per municipality", "Wachtlijst per gemeente"},
    {"asking registered", "hulpvragers aangemeld"},
    {"supporters registered", "steungevers aangemeld"},
    {"asking waiting at the end", "hulpvragers wachtend aan het einde"},
    {"supporters available at the end", "steungevers beschikbaar aan het einde"},
    {"first matches", "eerste matches"},
    {"median days to a first match", "mediaan aantal dagen tot een eerste match"},
    {ITAV__L_WAITING_NOTE,
     "Deelnemers van het aanbod in deze rapportage per gemeente (onbekend: gewist of niet "
     "opgegeven; overige gemeenten: gemeenten die anders geen enkel aantal zouden tonen). "
     "Aangemeld: met een aanmelddatum in de periode. Aan het einde, op de laatste dag van de "
     "periode (de datum van de rapportage als die er geen heeft): hulpvragers die dan "
     "aangemeld zijn zonder match in de proefperiode of actief, en steungevers die dan "
     "aangemeld zijn, beschikbaar of gekoppeld, en ruimte hebben voor nog een match; wie dan "
     "de status niet geschikt, inactief of gewist heeft, telt niet mee. Eerste matches: "
     "hulpvragers van wie de eerste match in de periode begon (de proefperiode in, of zonder "
     "proefperiode actief); de mediaan telt de dagen van aanmelding tot dat begin en staat er "
     "alleen als er ten minste k zijn. Totalen en de mediaan van de totaalrij zijn alleen van "
     "de getoonde cellen."},
    {ITAV__L_WAITING_NONE,
     "Geen deelnemer van het aanbod in deze rapportage meldde zich aan, wachtte of was "
     "beschikbaar in de periode."},
    /* reviews */
    {"Reviews", "Evaluaties"},
    {"kind", "soort"},
    {"reviews", "evaluaties"},
    {"with a mark", "met een cijfer"},
    {"mean mark", "gemiddeld cijfer"},
    {"safety concerns", "zorgen over veiligheid"},
    {"periodic", "tussentijds"},
    {"final", "eind"},
    {"Reviews of matches of the covered offers dated in the period. Mean mark: the "
     "satisfaction (1-10) of the reviews that give one. Totals and the overall mean are of the "
     "shown cells only.",
     "Evaluaties van matches van het aanbod in deze rapportage, gedateerd in de periode. "
     "Gemiddeld cijfer: de tevredenheid (1-10) van de evaluaties die er een geven. Totalen en "
     "het gemiddelde over alles zijn alleen van de getoonde cellen."},
    /* effects */
    {"Effects for children and parents", "Effecten voor kinderen en ouders"},
    {"effect", "effect"},
    {"for", "voor"},
    {"scored", "gescoord"},
    {"mean score", "gemiddelde score"},
    {"children", "kinderen"},
    {"parents", "ouders"},
    /* the twelve categories as seed 002 (L121) names them */
    {"carefree_childhood", "onbezorgd kind zijn"},
    {"broader_horizon", "horizonverruiming en ontwikkeling"},
    {"child_confidence", "toename zelfvertrouwen/veerkracht (kind)"},
    {"social_contacts", "meer sociale contacten"},
    {"school_results", "verbetering schoolprestaties"},
    {"behaviour", "vermindering gedragsproblemen"},
    {"rest", "uitrusten en vermindering opvoedstress"},
    {"parenting_repertoire", "uitbreiden opvoedrepertoire"},
    {"parent_confidence", "toename zelfvertrouwen/veerkracht (ouder)"},
    {"network", "uitbreiden netwerk"},
    {"future", "toename vertrouwen in de toekomst"},
    {"taking_part", "meedoen (werk, studie, ander helpen)"},
    {"Final reviews dated in the period that score the category, from -2 (much worse) to +2 "
     "(much better), and their mean score; a mean is shown only with its count. The categories "
     "overlap (one review scores several), so they have no total.",
     "Eindevaluaties in de periode die de categorie scoren, van -2 (veel slechter) tot +2 "
     "(veel beter), en hun gemiddelde score; een gemiddelde staat er alleen met zijn aantal. "
     "De categorieën overlappen (één evaluatie scoort er meerdere), dus ze hebben geen totaal."},
    /* formal help */
    {"Formal help after the match", "Formele hulp na de match"},
    {"outcome", "uitkomst"},
    {"final reviews", "eindevaluaties"},
    {"prevented", "voorkomen"},
    {"reduced", "verminderd"},
    {"stopped", "gestopt"},
    {"referred", "doorverwezen"},
    {"none_needed", "niet nodig"},
    {"not_recorded", "niet vastgelegd"},
    {"percent prevented, reduced or stopped", "percentage voorkomen, verminderd of gestopt"},
    {"Final reviews dated in the period by what happened to formal help. The percent is of the "
     "shown cells with an outcome other than unknown; it is suppressed when its numerator, the "
     "rest or its basis is a small cell.",
     "Eindevaluaties in de periode naar wat er met formele hulp gebeurde. Het percentage is "
     "van de getoonde cellen met een andere uitkomst dan onbekend; het is verborgen als de "
     "teller, de rest of de noemer een kleine cel is."},
    /* portfolio */
    {"Element portfolio", "Elementenportfolio"},
    {"element", "element"},
    {"label", "omschrijving"},
    {"present", "aanwezig"},
    {"known", "bekend"},
    {"percent present", "percentage aanwezig"},
    {ITAV__L_PORTFOLIO_ONE,
     "Elementen van de %zu interventie van het aanbod in deze rapportage (%s). Dit beschrijft; "
     "het rangschikt niet: meer elementen maakt een interventie niet beter."},
    {ITAV__L_PORTFOLIO_MANY,
     "Elementen van de %zu interventies van het aanbod in deze rapportage (%s). Dit "
     "beschrijft; het rangschikt niet: meer elementen maakt een interventie niet beter."},
};

const itav__report_wording *itav__report_labels(size_t *n)
{
    *n = sizeof labels / sizeof *labels;
    return labels;
}

static const char *find(const char *en)
{
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(labels[i].en, en) == 0)
            return labels[i].nl;
    for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++)
        if (strcmp(itav_element_label((itav_element)e, ITAV_LANG_EN), en) == 0)
            return itav_element_label((itav_element)e, ITAV_LANG_NL);
    return NULL;
}

bool itav__report_label_known(const char *en) { return en && find(en) != NULL; }

const char *itav__report_label(const char *en, itav_lang lang)
{
    const char *nl = lang == ITAV_LANG_NL && en ? find(en) : NULL;
    return nl ? nl : en;
}

/* The explanation of an attainment is worded by this table too, piece by piece. */
ITAV_API int itav_indicator_attainment_lang(itav_attainment *verdict, char **why,
                                            const itav_indicator *ind, size_t target,
                                            int32_t as_of, itav_lang lang)
{
    static const itav__wording dutch = {itav__report_label, ITAV_LANG_NL};
    if (lang != ITAV_LANG_EN && lang != ITAV_LANG_NL)
        return ITAV_EINVAL;
    return itav__indicator_attainment_in(verdict, why, ind, target, as_of,
                                         lang == ITAV_LANG_NL ? &dutch : NULL);
}

char *itav__report_vlabelf(itav_lang lang, const char *en, va_list ap)
{
    const char *fmt = itav__report_label(en, lang);
    va_list again;
    va_copy(again, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n < 0 ? NULL : itav__malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, again);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    va_end(again);
    return s;
}

char *itav__report_labelf(itav_lang lang, const char *en, ...)
{
    va_list ap;
    va_start(ap, en);
    char *s = itav__report_vlabelf(lang, en, ap);
    va_end(ap);
    return s;
}

char *itav__report_note(const itav__table *t, itav_lang lang)
{
    if (!t->note_template)
        return itav__strdup(itav__report_label(t->note, lang));
    const char *fmt = itav__report_label(t->note_template, lang);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    /* Every note template takes a count and a list (evaluation_int.h). */
    int n = snprintf(NULL, 0, fmt, t->note_count, t->note_list ? t->note_list : "");
    char *s = n < 0 ? NULL : itav__malloc((size_t)n + 1);
    if (s)
        snprintf(s, (size_t)n + 1, fmt, t->note_count, t->note_list ? t->note_list : "");
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    return s;
}
