/* Fuzz target: the command line of the itav tool (examples/itav/), its option parser and the
 * command table's check of the command named, its operands and its options. The input is
 * split at NUL bytes into the arguments after "itav" (at most 40). The tool's sources but its
 * main.c are compiled into this target (tests/fuzz/meson.build); no command runs, so nothing
 * opens a store or touches a file: only parse_args() and find_command() do, which must not
 * crash and must keep their word:
 * - a parse that succeeds leaves every operand and option value pointing into an argument
 *   given (never past it), and at most as many operands as the tool has room for;
 * - --store is never left empty; a --lang that was accepted is nl or en;
 * - a command found is one of the table, with as many operands as it takes;
 * - each refusal is a usage error (exit status 1), never anything else.
 * What the tool prints goes to /dev/null: stdout and stderr are pointed there while it runs
 * (libFuzzer and the sanitizers keep their own stream and descriptor). */
#include "fuzz.h"

#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *cli_sink; /* /dev/null, opened by the first input */

#define MAX_ARGS 40

/* Whether p points into one of the arguments (or at its terminating NUL). */
static bool in_args(const char *p, char **argv, int argc)
{
    for (int i = 1; i < argc; i++)
        if (p >= argv[i] && p <= argv[i] + strlen(argv[i]))
            return true;
    return false;
}

/* Whether cmd is a row of the command table. */
static bool in_table(const command *cmd)
{
    for (size_t i = 0; command_groups[i]; i++)
        for (const command *row = command_groups[i]->commands; row->name; row++)
            if (row == cmd)
                return true;
    return false;
}

static void check(cli *c, char **argv, int argc)
{
    FILE *out = stdout, *err = stderr;
    const command *cmd = NULL;
    char words[64];
    stdout = stderr = cli_sink;
    int rc = parse_args(c, argc, argv);
    int found = rc == 0 ? find_command(&cmd, words, sizeof words, c) : -1;
    stdout = out;
    stderr = err;

    FUZZ_CHECK(rc == 0 || rc == EXIT_USAGE, "parse_args gave another status");
    if (rc != 0)
        return;
    FUZZ_CHECK(c->n_args <= MAX_OPERANDS, "too many operands");
    for (size_t i = 0; i < c->n_args; i++)
        FUZZ_CHECK(in_args(c->args[i], argv, argc), "an operand outside the arguments");
    for (size_t k = 0; k < OPT_COUNT; k++)
        FUZZ_CHECK(!c->opt[k] || !opt_specs[k].arg || in_args(c->opt[k], argv, argc),
                   "an option value outside the arguments");
    for (size_t m = 0; m < MANY_COUNT; m++)
        for (size_t i = 0; i < c->many[m].n; i++)
            FUZZ_CHECK(in_args(c->many[m].v[i], argv, argc), "a repeated value outside");
    FUZZ_CHECK(!c->opt[OPT_STORE] || *c->opt[OPT_STORE], "--store");
    FUZZ_CHECK(c->lang == ITAV_LANG_NL || c->lang == ITAV_LANG_EN || c->lang == 0, "--lang");
    FUZZ_CHECK(found == 0 || found == EXIT_USAGE, "find_command gave another status");
    FUZZ_CHECK((found == 0) == (cmd != NULL), "find_command's command");
    if (cmd) {
        size_t n = 0;
        while (n < 2 && cmd->operands[n])
            n++;
        FUZZ_CHECK(in_table(cmd), "a command outside the table");
        FUZZ_CHECK(c->n_args >= 1 && c->n_args <= 2 + n, "operands of the command found");
        optset allowed = command_options(cmd);
        for (int k = 0; k < OPT_COUNT; k++)
            FUZZ_CHECK(!optset_has(&c->given, k) || optset_has(&allowed, k) || global_option(k),
                       "an option the command does not take");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!cli_sink && !(cli_sink = fopen("/dev/null", "w")))
        return 0;
    char *copy = malloc(size + 1), *argv[MAX_ARGS + 2];
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    int argc = 0;
    argv[argc++] = "itav";
    for (char *p = copy; argc <= MAX_ARGS && p <= copy + size; p += strlen(p) + 1)
        argv[argc++] = p;
    argv[argc] = NULL;

    cli c;
    memset(&c, 0, sizeof c);
    check(&c, argv, argc);
    free(copy);
    return 0;
}
