/* itav: the one command table. Each group lives in its cmd_<group>.c with its commands'
 * operands, options and help; this is the order in which help, the man page and completion
 * list them. Finding a command and checking its operands and options happens here, once. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const command_group *const command_groups[] = {
    &store_group, &catalog_group, &offer_group, &participants_group, &match_group, &review_group,
    &indicator_group, &report_group, &portfolio_group, &recommend_group, NULL};

optset command_options(const command *cmd)
{
    optset set = {{0}};
    for (const cmd_opt *o = cmd->options; o->help; o++)
        optset_add(&set, o->id);
    return set;
}

/* "a, b or c": the commands of a group, for messages. */
static char *command_names(const command_group *g)
{
    char *s = xstrcat3("", "", ""), *t;
    size_t i, total = 0;
    while (g->commands[total].name)
        total++;
    for (i = 0; i < total; i++) {
        t = xstrcat3(s, i == 0 ? "" : i + 1 == total ? " or " : ", ", g->commands[i].name);
        free(s);
        s = t;
    }
    return s;
}

static const command *group_command(const command_group *g, const char *name)
{
    for (const command *cmd = g->commands; name && cmd->name; cmd++)
        if (strcmp(cmd->name, name) == 0)
            return cmd;
    return NULL;
}

int lookup_command(const command_group **group, const command **out, const cli *c, bool quiet)
{
    const char *first = c->n_args ? c->args[0] : NULL;
    *group = NULL;
    *out = NULL;
    if (!first)
        return quiet ? EXIT_USAGE : usage_error("missing command");
    for (size_t i = 0; command_groups[i]; i++) {
        const command_group *g = command_groups[i];
        const char *name = c->n_args > 1 ? c->args[1] : NULL;
        int rc;
        char *names;
        if (g->bare) {
            if ((*out = group_command(g, first)) != NULL) {
                *group = g;
                return 0;
            }
            continue;
        }
        if (strcmp(g->name, first) != 0)
            continue;
        *group = g;
        if ((*out = group_command(g, name)) != NULL)
            return 0;
        if (quiet)
            return EXIT_USAGE;
        names = command_names(g);
        if (name)
            rc = usage_error("unknown %s subcommand '%s' (expected %s)", g->name, name, names);
        else
            rc = usage_error("missing %s subcommand (%s)", g->name, names);
        free(names);
        return rc;
    }
    return quiet ? EXIT_USAGE : usage_error("unknown command '%s'", first);
}

void command_words(char *buf, size_t size, const command_group *g, const command *cmd)
{
    if (g->bare)
        snprintf(buf, size, "%s", cmd->name);
    else
        snprintf(buf, size, "%s %s", g->name, cmd->name);
}

int find_command(const command **out, char *words, size_t size, const cli *c)
{
    const command_group *g;
    const command *cmd;
    optset allowed;
    size_t first, n_min = 0, n_max = 0;
    int rc = lookup_command(&g, &cmd, c, false);
    *out = NULL;
    if (rc)
        return rc;
    command_words(words, size, g, cmd);
    first = g->bare ? 1 : 2; /* where the operands start */
    for (; n_max < 2 && cmd->operands[n_max]; n_max++)
        n_min += cmd->operands[n_max][0] != '[';
    if (c->n_args < first + n_min)
        return usage_error("missing argument %s for '%s'", cmd->operands[c->n_args - first],
                           words);
    if (c->n_args > first + n_max)
        return usage_error("unexpected argument '%s'", c->args[first + n_max]);
    allowed = command_options(cmd);
    if ((rc = check_options(c, words, &allowed)) != 0)
        return rc;
    *out = cmd;
    return 0;
}
