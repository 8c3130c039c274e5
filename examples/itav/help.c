/* itav: help, written from the command table. */
#include "cli.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#define SUMMARY_COLUMN 30
#define WIDTH 94

/* Writes text from column col on, wrapped at words before WIDTH, continuing at column indent. */
static void put_wrapped(FILE *to, const char *text, size_t col, size_t indent)
{
    bool first = true;
    while (*text) {
        size_t len = strcspn(text, " ");
        if (!first && col + 1 + len > WIDTH) {
            fprintf(to, "\n%*s", (int)indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', to);
            col++;
        }
        fprintf(to, "%.*s", (int)len, text);
        col += len;
        text += len;
        text += strspn(text, " ");
        first = false;
    }
}

/* "  match suggest REF [--k N]": the synopsis, its lines aligned after the command's words;
 * returns the column where it ends. */
static size_t put_synopsis(FILE *to, const char *lead, const char *words, const char *usage)
{
    size_t col = (size_t)fprintf(to, "%s%s", lead, words), indent = col + 1;
    const char *line = usage;
    while (*line) {
        size_t len = strcspn(line, "\n");
        if (line == usage)
            col += (size_t)fprintf(to, " %.*s", (int)len, line);
        else
            col = (size_t)fprintf(to, "\n%*s%.*s", (int)indent, "", (int)len, line) - 1;
        line += len;
        line += *line == '\n';
    }
    return col;
}

/* The commands of one group, each with its synopsis and summary. */
static void put_commands(FILE *to, const command_group *g)
{
    char words[64];
    for (const command *cmd = g->commands; cmd->name; cmd++) {
        size_t col;
        command_words(words, sizeof words, g, cmd);
        col = put_synopsis(to, "  ", words, cmd->usage);
        if (col + 2 <= SUMMARY_COLUMN && !strchr(cmd->usage, '\n'))
            fprintf(to, "%*s", (int)(SUMMARY_COLUMN - col), "");
        else
            fprintf(to, "\n%*s", SUMMARY_COLUMN, "");
        put_wrapped(to, cmd->summary, SUMMARY_COLUMN, SUMMARY_COLUMN);
        fputc('\n', to);
    }
}

void print_group_help(FILE *to, const command_group *g)
{
    fprintf(to, "Usage: itav %s COMMAND [ARGS]\n\n%s:\n", g->name, g->title);
    put_commands(to, g);
    fprintf(to, "\n'itav %s COMMAND --help' shows the options of one command.\n", g->name);
}

void print_usage(FILE *to)
{
    fputs("Usage: itav [--store URI] [--lang nl|en] COMMAND [ARGS]\n\nCommands:\n", to);
    for (size_t i = 0; command_groups[i]; i++) {
        if (i > 0 && !command_groups[i]->bare)
            fputc('\n', to);
        put_commands(to, command_groups[i]);
    }
    fputs("\nOptions:\n", to);
    for (size_t k = 0; k < OPT_COUNT; k++) {
        const opt_spec *o = &opt_specs[k];
        char head[64];
        if (!o->help)
            continue;
        snprintf(head, sizeof head, "  --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(to, "%-17s", head);
        if (strlen(head) >= 17)
            fprintf(to, "\n%17s", "");
        put_wrapped(to, o->help, 17, 17);
        fputc('\n', to);
    }
    fputs("  --json         machine-readable output (see docs/cli.md)\n"
          "  --date D, --as-of D\n"
          "                 a date YYYY-MM-DD; default today (UTC)\n"
          "Options may come before or after the command, as --name value or --name=value.\n"
          "'itav COMMAND --help' shows the options of one command.\n"
          "\n"
          "Element codes: doubts_normal informal_support low_threshold equality demand_led\n"
          "               broad_context positive_focus no_problematising\n"
          "Exit status: 0 success, 1 usage error, 2 data error.\n",
          to);
}

void print_command_help(FILE *to, const command_group *g, const command *cmd)
{
    char words[64];
    command_words(words, sizeof words, g, cmd);
    put_synopsis(to, "Usage: itav ", words, cmd->usage);
    fputs("\n\n", to);
    fputc(toupper((unsigned char)cmd->summary[0]), to);
    put_wrapped(to, cmd->summary + 1, 1, 0);
    fputs(".\n", to);
    if (cmd->options->help)
        fputs("\nOptions:\n", to);
    for (const cmd_opt *o = cmd->options; o->help; o++) {
        const opt_spec *s = &opt_specs[o->id];
        char head[64];
        snprintf(head, sizeof head, "  --%s%s%s", s->name, s->arg ? " " : "", s->arg ? s->arg : "");
        fprintf(to, "%-24s", head);
        if (strlen(head) >= 24)
            fprintf(to, "\n%24s", "");
        put_wrapped(to, o->help, 24, 24);
        fputc('\n', to);
    }
    fputs("\nEvery command also takes --store URI, --lang nl|en and --help (see 'itav --help').\n",
          to);
}

/* The last usage error, kept until report_usage_error() prints it with a hint: where it is
 * found (the parser, the table's checks, a handler) the command may not be known yet. */
static char pending[1024];

int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pending, sizeof pending, fmt, ap);
    va_end(ap);
    return EXIT_USAGE;
}

int report_usage_error(const cli *c)
{
    const command_group *g;
    const command *cmd;
    char words[64] = "";
    if (lookup_command(&g, &cmd, c, true) == 0)
        command_words(words, sizeof words, g, cmd);
    else if (g)
        snprintf(words, sizeof words, "%s", g->name);
    fprintf(stderr, "itav: %s\nTry 'itav %s%s--help'.\n", pending[0] ? pending : "usage error",
            words, words[0] ? " " : "");
    pending[0] = '\0';
    return EXIT_USAGE;
}
