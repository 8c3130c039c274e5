/* itav: the tool's own messages on standard error in Dutch. data_error() takes a message by
 * its English wording (a printf template) and prints it in the language of --lang; this table
 * has the Dutch of each, with the same conversions in the same order (tests/cli/test_cli.py,
 * DutchMessagesTest, checks that every message given to data_error() in examples/itav/ is
 * here, and the conversions). What the library says (itav_errmsg(), the problems of an
 * import) is its own English and is printed as it is; usage errors and --help are English
 * (docs/cli.md, "Languages"). */
#include "cli.h"

#include <string.h>

static itav_lang message_lang = ITAV_LANG_EN;

struct message {
    const char *en, *nl;
};

static const struct message messages[] = {
    /* the store and files (util.c) */
    {"cannot create directory %s: %s", "kan de map %s niet maken: %s"},
    {"neither XDG_DATA_HOME nor HOME is set; use --store",
     "XDG_DATA_HOME en HOME zijn allebei niet gezet; geef --store"},
    {"no store at %s (run 'itav init' first)",
     "geen opslag in %s (maak die eerst met 'itav init')"},
    {"cannot write JSON output", "kan de JSON-uitvoer niet schrijven"},
    {"cannot write %s: the name is too long", "kan %s niet schrijven: de naam is te lang"},
    {"cannot write beside %s: %s", "kan niet naast %s schrijven: %s"},
    {"cannot write %s: %s", "kan %s niet schrijven: %s"},
    /* values of options (util.c) */
    {"invalid date \"%s\" for --%s (expected YYYY-MM-DD, a date that exists)",
     "ongeldige datum \"%s\" bij --%s (verwacht JJJJ-MM-DD, een datum die bestaat)"},
    {"invalid value \"%s\" for --%s (expected a whole number from %ld to %ld)",
     "ongeldige waarde \"%s\" bij --%s (verwacht een geheel getal van %ld tot en met %ld)"},
    {"invalid value \"%s\" for --%s (expected a number from 0 to 1, such as 0.4)",
     "ongeldige waarde \"%s\" bij --%s (verwacht een getal van 0 tot en met 1, zoals 0.4)"},
    {"unknown %s \"%s\" (expected %s)", "%s \"%s\" is onbekend (verwacht: %s)"},
    {"invalid value for --%s: %s", "ongeldige waarde bij --%s: %s"},
    {" or ", " of "},
    /* what a code names, in "unknown %s" (parse_code_arg) */
    {"actor", "actor"},
    {"audience", "doelgroep"},
    {"criterion", "criterium"},
    {"effect", "effect"},
    {"format", "formaat"},
    {"match state", "stand van de koppeling"},
    {"need", "behoefte"},
    {"plan field", "veld van het koppelplan"},
    {"reason", "reden"},
    {"review kind", "soort evaluatie"},
    {"side", "kant"},
    {"status", "status"},
    /* catalog */
    {"cannot read the library's JSON", "kan de JSON van de bibliotheek niet lezen"},
    {"cannot encode as JSON: %s", "kan niet als JSON schrijven: %s"},
    {"unknown element code \"%s\" (expected doubts_normal, informal_support, low_threshold, "
     "equality, demand_led, broad_context, positive_focus or no_problematising)",
     "elementcode \"%s\" is onbekend (verwacht doubts_normal, informal_support, low_threshold, "
     "equality, demand_led, broad_context, positive_focus of no_problematising)"},
    {"out of memory", "onvoldoende geheugen"},
    {"unknown setting \"%s\" (expected informal, formal or mixed)",
     "setting \"%s\" is onbekend (verwacht informal, formal of mixed)"},
    {"unknown working factor \"%s\" (see 'itav catalog factors')",
     "werkende factor \"%s\" is onbekend (zie 'itav catalog factors')"},
    /* indicator */
    {"cannot judge target %zu of %s: %s", "kan doel %zu van %s niet beoordelen: %s"},
    {"indicator \"%s\" is measured by hand, not derived from the store; give --value instead "
     "of --derive",
     "indicator \"%s\" wordt met de hand gemeten, niet uit de gegevens afgeleid; geef --value "
     "in plaats van --derive"},
    {"nothing to derive %s from: no %s in %s from %s to %s",
     "niets om %s uit af te leiden: geen %s in %s van %s tot en met %s"},
    {"invalid quantity \"%s\" for --value (expected 12, about 12, at least 12, at most 12 or a "
     "range 5..10; a dot for decimals)",
     "ongeldige hoeveelheid \"%s\" bij --value (verwacht 12, about 12, at least 12, at most 12 "
     "of een bereik 5..10; een punt voor decimalen)"},
    /* offer */
    {"invalid value \"%s\" for --plan (expected FIELD=VALUE)",
     "ongeldige waarde \"%s\" bij --plan (verwacht VELD=WAARDE)"},
    {"invalid value \"%s\" for --plan %s (expected yes, no or unset)",
     "ongeldige waarde \"%s\" bij --plan %s (verwacht yes, no of unset)"},
    {"invalid value \"%s\" for --plan criteria (expected criterion codes joined by commas, or "
     "unset)",
     "ongeldige waarde \"%s\" bij --plan criteria (verwacht codes van criteria met komma's "
     "ertussen, of unset)"},
    {"invalid value \"\" for --plan criteria (expected criterion codes joined by commas, or "
     "unset)",
     "ongeldige waarde \"\" bij --plan criteria (verwacht codes van criteria met komma's "
     "ertussen, of unset)"},
    {"invalid value \"%s\" for --plan %s (expected a whole number, or unset)",
     "ongeldige waarde \"%s\" bij --plan %s (verwacht een geheel getal, of unset)"},
    {"invalid period for --from and --to: %s (the end may not be before the start)",
     "ongeldige periode bij --from en --to: %s (het einde mag niet voor het begin liggen)"},
    {"invalid value \"%s\" for --plan: out of range for %s (docs/format.md, \"Match plan\")",
     "ongeldige waarde \"%s\" bij --plan: buiten het bereik van %s (docs/format.md, \"Match "
     "plan\")"},
    {"cannot make offer \"%s\" of intervention \"%s\": %s (an id is lower-case letters, digits "
     "and hyphens)",
     "kan aanbod \"%s\" van interventie \"%s\" niet maken: %s (een id bestaat uit kleine "
     "letters, cijfers en koppeltekens)"},
    /* portfolio, report, review */
    {"cannot draw the radar chart: %s", "kan het radardiagram niet tekenen: %s"},
    {"cannot write the report: %s", "kan de rapportage niet schrijven: %s"},
    {"invalid value \"%s\" for --effect (expected CODE=SCORE, such as rest=+1)",
     "ongeldige waarde \"%s\" bij --effect (verwacht CODE=SCORE, zoals rest=+1)"},
    {"invalid score \"%s\" for effect %s in --effect (expected -2, -1, 0, +1, +2 or unknown)",
     "ongeldige score \"%s\" voor effect %s bij --effect (verwacht -2, -1, 0, +1, +2 of "
     "unknown)"},
    {"effect %s is given twice in --effect", "effect %s staat twee keer bij --effect"},
    {"cannot make the review: %s", "kan de evaluatie niet maken: %s"},
};

void set_message_lang(itav_lang lang)
{
    message_lang = lang;
}

const char *message_words(const char *en)
{
    if (message_lang != ITAV_LANG_NL)
        return en;
    for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
        if (strcmp(messages[i].en, en) == 0)
            return messages[i].nl;
    return en;
}
