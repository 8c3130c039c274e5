/*
 * itav-docgen man|bash|commands: writes the manual page itav(1), the bash completion of itav,
 * or the words of every command, one a line; all from the command table the tool itself runs
 * (commands.c and the cmd_<group>.c files), so they cannot drift from it. Run at build time
 * (examples/generated/meson.build); not installed.
 */
#define _GNU_SOURCE /* strndup */
#include "cli.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#ifndef ITAV_TOOL_VERSION
#define ITAV_TOOL_VERSION ITAV_VERSION_STRING
#endif

/* ---- troff ------------------------------------------------------------------------------ */

/* Text for troff: "--name" in bold, with synopsis also the names of values (REF) in italics;
 * a backslash and a minus escaped, and a control character at the start of a line made
 * harmless. A line break in the text becomes a space. */
static void troff(const char *s, bool synopsis)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", stdout);
    while (*s) {
        if (s[0] == '-' && s[1] == '-' && islower((unsigned char)s[2])) {
            size_t n = 2 + strspn(s + 2, "abcdefghijklmnopqrstuvwxyz-");
            fputs("\\fB\\-\\-", stdout);
            for (size_t i = 2; i < n; i++)
                fputs(s[i] == '-' ? "\\-" : (char[]){s[i], '\0'}, stdout);
            fputs("\\fR", stdout);
            s += n;
        } else if (synopsis && isupper((unsigned char)*s)) {
            size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
            printf("\\fI%.*s\\fR", (int)n, s);
            s += n;
        } else {
            if (*s == '-')
                fputs("\\-", stdout);
            else if (*s == '\\')
                fputs("\\e", stdout);
            else
                putchar(*s == '\n' ? ' ' : *s);
            s++;
        }
    }
}

/* A sentence: the first letter in capitals, a full stop at the end. */
static void sentence(const char *s)
{
    char first[2] = {(char)toupper((unsigned char)s[0]), '\0'};
    troff(first, false);
    troff(s + 1, false);
    fputs(".\n", stdout);
}

static void option_tag(const opt_spec *o)
{
    printf(".TP\n\\fB\\-\\-");
    troff(o->name, false);
    fputs("\\fR", stdout);
    if (o->arg) {
        fputs(" \\fI", stdout);
        troff(o->arg, false);
        fputs("\\fR", stdout);
    }
    putchar('\n');
}

/* The tag of a command: its words and synopsis on one line; a line of the synopsis that
 * starts with the first operand is another form of the command, with a tag of its own. */
static void synopsis_tags(const char *words, const command *cmd)
{
    const char *line = cmd->usage, *first = cmd->operands[0];
    printf("\\fBitav %s\\fR", words);
    while (*line) {
        size_t len = strcspn(line, "\n");
        char *text = strndup(line, len);
        if (line != cmd->usage && first && strncmp(line, first, strlen(first)) == 0 &&
            line[strlen(first)] == ' ')
            printf("\n.TQ\n\\fBitav %s\\fR", words);
        if (text) {
            putchar(' ');
            troff(text, true);
            free(text);
        }
        line += len;
        line += *line == '\n';
    }
    putchar('\n');
}

static void man_page(void)
{
    char words[64];
    printf(".\\\" itav(1), written by itav-docgen from the command table of examples/itav/;\n"
           ".\\\" do not edit.\n"
           ".TH ITAV 1 \"\" \"itav %s\" \"User Commands\"\n", ITAV_TOOL_VERSION);
    puts(".SH NAME\n"
         "itav \\- keep interventions, participants and matches in a libitav store\n"
         ".SH SYNOPSIS\n"
         ".B itav\n"
         "[\\fB\\-\\-store\\fR \\fIURI\\fR] [\\fB\\-\\-lang\\fR \\fBnl\\fR|\\fBen\\fR]\n"
         "\\fICOMMAND\\fR [\\fIARGS\\fR]\n"
         ".br\n"
         ".B itav\n"
         "[\\fICOMMAND\\fR] \\fB\\-\\-help\\fR\n"
         ".br\n"
         ".B itav \\-\\-version\n"
         ".SH DESCRIPTION\n"
         "\\fBitav\\fR is a small tool over the public libitav API. It keeps a store, loads the\n"
         "built-in catalogue of interventions, shows them and their element profiles, imports\n"
         "and exports the itav/1 interchange format, keeps the participants of an offer and\n"
         "carries matches from suggestion and assignment through their lifecycle. It records\n"
         "reviews of matches and measurements of indicators, writes programme reports, compares\n"
         "element profiles and portfolios, and lists what fits a question, lightest first.\n"
         ".PP\n"
         "Options may come before or after the command, as \\fB\\-\\-name\\fR \\fIvalue\\fR or\n"
         "\\fB\\-\\-name\\fR=\\fIvalue\\fR. Dates are written YYYY\\-MM\\-DD; without\n"
         "\\fB\\-\\-date\\fR or \\fB\\-\\-as\\-of\\fR a command uses today's date in UTC.\n"
         "With \\fB\\-\\-json\\fR a command prints JSON (field names in docs/cli.md) instead\n"
         "of text.\n"
         ".SH COMMANDS");
    for (size_t i = 0; command_groups[i]; i++) {
        const command_group *g = command_groups[i];
        printf(".SS \"%s\"\n", g->title);
        for (const command *cmd = g->commands; cmd->name; cmd++) {
            command_words(words, sizeof words, g, cmd);
            printf(".TP\n");
            synopsis_tags(words, cmd);
            sentence(cmd->summary);
            if (!cmd->options->help)
                continue;
            puts(".RS");
            for (const cmd_opt *o = cmd->options; o->help; o++) {
                option_tag(&opt_specs[o->id]);
                sentence(o->help);
            }
            puts(".RE");
        }
    }
    puts(".SH OPTIONS\nEvery command takes these.");
    for (size_t k = 0; k < OPT_COUNT; k++)
        if (opt_specs[k].help) {
            option_tag(&opt_specs[k]);
            sentence(opt_specs[k].help);
        }
    puts(".SH ENVIRONMENT\n"
         ".TP\n.B ITAV_STORE\n"
         "The store when \\fB\\-\\-store\\fR is not given (if set and not empty).\n"
         ".TP\n.BR XDG_DATA_HOME \", \" HOME\n"
         "Where the default store is: \\fI$XDG_DATA_HOME/itav/itav.db\\fR, with\n"
         "\\fBXDG_DATA_HOME\\fR defaulting to \\fI~/.local/share\\fR.\n"
         ".TP\n.BR LC_ALL \", \" LC_MESSAGES \", \" LANG\n"
         "The language of the output when \\fB\\-\\-lang\\fR is not given: the first that is set\n"
         "and not empty; a value starting with \\fBnl\\fR gives Dutch, anything else English.\n"
         ".SH FILES\n"
         ".TP\n.I ~/.local/share/itav/itav.db\n"
         "The default store; \\fBitav init\\fR creates it and its directory (mode 0700).\n"
         ".SH \"EXIT STATUS\"\n"
         ".TP\n.B 0\nSuccess (also \\fB\\-\\-help\\fR and \\fB\\-\\-version\\fR).\n"
         ".TP\n.B 1\n"
         "A usage error: one line naming the problem and a hint to the help of the command,\n"
         "on standard error.\n"
         ".TP\n.B 2\n"
         "A data error: the library refused something, or a value cannot be used; nothing is\n"
         "changed.\n"
         ".SH \"SEE ALSO\"\n"
         "docs/cli.md (every command and its output), docs/format.md (the itav/1 format and\n"
         "the codes) and docs/guide.md (the library) in the libitav sources.");
}

/* ---- bash completion -------------------------------------------------------------------- */

/* The codes an option's value is one of, separated by spaces. */
static void put_codes(const opt_spec *o)
{
    bool first = true;
    if (o == &opt_specs[OPT_ELEMENT]) {
        for (int e = 1; e <= ITAV_ELEMENT_COUNT; e++)
            printf("%s%s", e > 1 ? " " : "", itav_element_code((itav_element)e));
        return;
    }
    if (o == &opt_specs[OPT_LANG]) {
        fputs("nl en", stdout);
        return;
    }
    for (int i = 0; i < 31; i++) {
        const char *name = itav_code_name(o->codes, code_value(o->codes, i));
        if (name) {
            printf("%s%s", first ? "" : " ", name);
            first = false;
        }
    }
}

static bool takes_file(const command *cmd)
{
    for (size_t i = 0; i < 2 && cmd->operands[i]; i++)
        if (strstr(cmd->operands[i], "FILE"))
            return true;
    return false;
}

/* The case branch of one command: its options, and whether its operand is a file. */
static void completion_case(const char *pattern, const command *cmd, const char *indent)
{
    printf("%s%s)\n%s    opts+=\"", indent, pattern, indent);
    for (const cmd_opt *o = cmd->options; o->help; o++)
        printf(" --%s", opt_specs[o->id].name);
    printf("\"\n");
    if (takes_file(cmd))
        printf("%s    files=1\n", indent);
    printf("%s    ;;\n", indent);
}

static void bash_completion(void)
{
    size_t k;
    bool first;
    puts("# bash completion for itav(1), written by itav-docgen from the command table of\n"
         "# examples/itav/; do not edit.\n"
         "_itav()\n"
         "{\n"
         "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "    local i w first= second= words= files=0\n"
         "    local opts=\"--store --lang --help --version\"\n"
         "    COMPREPLY=()\n"
         "    # The command's words typed so far: what is not an option or an option's value.\n"
         "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "        w=${COMP_WORDS[i]}\n"
         "        case $w in");
    printf("            ");
    first = true;
    for (k = 0; k < OPT_COUNT; k++)
        if (opt_specs[k].arg) {
            printf("%s--%s", first ? "" : "|", opt_specs[k].name);
            first = false;
        }
    puts(")\n"
         "                ((i++)) ;;\n"
         "            -*) ;;\n"
         "            *)\n"
         "                if [[ -z $first ]]; then first=$w\n"
         "                elif [[ -z $second ]]; then second=$w\n"
         "                fi ;;\n"
         "        esac\n"
         "    done\n"
         "    # The value of an option.\n"
         "    case $prev in");
    for (k = 0; k < OPT_COUNT; k++) {
        const opt_spec *o = &opt_specs[k];
        if (o->codes || k == OPT_ELEMENT || k == OPT_LANG) {
            printf("        --%s)\n            COMPREPLY=($(compgen -W \"", o->name);
            put_codes(o);
            puts("\" -- \"$cur\"))\n            return ;;");
        }
    }
    puts("        --output|--svg)\n"
         "            COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "            return ;;");
    printf("        ");
    first = true;
    for (k = 0; k < OPT_COUNT; k++)
        if (opt_specs[k].arg && !opt_specs[k].codes && k != OPT_ELEMENT && k != OPT_LANG &&
            k != OPT_OUTPUT && k != OPT_SVG) {
            printf("%s--%s", first ? "" : "|", opt_specs[k].name);
            first = false;
        }
    puts(")\n"
         "            return ;; # a value to type\n"
         "    esac\n"
         "    case $first in");
    /* the first words: the bare commands and the groups */
    printf("        \"\")\n            words=\"");
    first = true;
    for (size_t i = 0; command_groups[i]; i++) {
        const command_group *g = command_groups[i];
        if (g->bare)
            for (const command *cmd = g->commands; cmd->name; cmd++) {
                printf("%s%s", first ? "" : " ", cmd->name);
                first = false;
            }
        else {
            printf("%s%s", first ? "" : " ", g->name);
            first = false;
        }
    }
    puts("\"\n            ;;");
    for (size_t i = 0; command_groups[i]; i++) {
        const command_group *g = command_groups[i];
        if (g->bare) {
            for (const command *cmd = g->commands; cmd->name; cmd++)
                completion_case(cmd->name, cmd, "        ");
            continue;
        }
        printf("        %s)\n            case $second in\n                \"\")\n"
               "                    words=\"", g->name);
        for (const command *cmd = g->commands; cmd->name; cmd++)
            printf("%s%s", cmd == g->commands ? "" : " ", cmd->name);
        puts("\"\n                    ;;");
        for (const command *cmd = g->commands; cmd->name; cmd++)
            completion_case(cmd->name, cmd, "                ");
        puts("            esac\n            ;;");
    }
    puts("    esac\n"
         "    if [[ $cur == -* ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
         "    elif [[ -n $words ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
         "    elif ((files)); then\n"
         "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "    fi\n"
         "}\n"
         "complete -F _itav itav");
}

int main(int argc, char **argv)
{
    char words[64];
    if (argc == 2 && strcmp(argv[1], "man") == 0) {
        man_page();
    } else if (argc == 2 && strcmp(argv[1], "bash") == 0) {
        bash_completion();
    } else if (argc == 2 && strcmp(argv[1], "commands") == 0) {
        for (size_t i = 0; command_groups[i]; i++)
            for (const command *cmd = command_groups[i]->commands; cmd->name; cmd++) {
                command_words(words, sizeof words, command_groups[i], cmd);
                puts(words);
            }
    } else {
        fputs("usage: itav-docgen man|bash|commands\n", stderr);
        return EXIT_USAGE;
    }
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_DATA;
}
