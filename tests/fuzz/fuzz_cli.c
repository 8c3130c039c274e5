/* Fuzz target: the command line of the itav tool (examples/itav.c), its argument parser and
 * the option check of the command named. The input is split at NUL bytes into the arguments
 * after "itav" (at most 40). The tool's own file is compiled into this one, so its static
 * functions are reachable; its main() is renamed and never runs, so nothing opens a store
 * or touches a file: only parse_args() and check_options() do, which must not crash and must
 * keep their word:
 * - a parse that succeeds leaves every operand and option value pointing into an argument
 *   given (never past it), and at most as many operands as the tool has room for;
 * - --store is never left empty; a --lang that was accepted is nl or en;
 * - each refusal is a usage error (exit status 1), never anything else.
 * What the tool prints goes to /dev/null: its stdout and stderr are replaced below. */
#define _GNU_SOURCE /* as examples/itav.c wants it, before any header */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *cli_sink; /* /dev/null, opened by the first input */

#undef stdout
#undef stderr
#define stdout cli_sink
#define stderr cli_sink
#define main itav_cli_main
int itav_cli_main(int argc, char **argv);
#include "../../examples/itav.c"
#undef main

#define MAX_ARGS 40

/* Whether p points into one of the arguments (or at its terminating NUL). */
static bool in_args(const char *p, char **argv, int argc)
{
    for (int i = 1; i < argc; i++)
        if (p >= argv[i] && p <= argv[i] + strlen(argv[i]))
            return true;
    return false;
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
    int rc = parse_args(&c, argc, argv);
    FUZZ_CHECK(rc == 0 || rc == EXIT_USAGE, "parse_args gave another status");
    if (rc == 0) {
        FUZZ_CHECK(c.n_args <= sizeof c.args / sizeof c.args[0], "too many operands");
        for (size_t i = 0; i < c.n_args; i++)
            FUZZ_CHECK(in_args(c.args[i], argv, argc), "an operand outside the arguments");
        FUZZ_CHECK(!c.store || (*c.store && in_args(c.store, argv, argc)), "--store");
        FUZZ_CHECK(c.lang == ITAV_LANG_NL || c.lang == ITAV_LANG_EN || c.lang == 0, "--lang");
        if (c.n_args > 0) { /* the command's own check of its options */
            rc = check_options(&c, c.args[0], 0);
            FUZZ_CHECK(rc == 0 || rc == EXIT_USAGE, "check_options gave another status");
        }
    }
    free(copy);
    return 0;
}
