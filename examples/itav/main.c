/* itav: the program. It routes what it prints through a filter, reads the command line,
 * finds the command in the table and runs it. */
#define _GNU_SOURCE /* fopencookie: the output filter below */
#include "cli.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* ---- the output filter ----
 * Everything the tool prints goes through it: a control character that a terminal obeys (C0
 * but line feed and tab, DEL, C1, and a CR that does not end a line) is shown as \xNN. The
 * library refuses such characters in text since 0.4 and replaces them in older stores, but a
 * message may quote what a user gave: printed raw, ESC [2J would clear the screen, ESC ] 0;
 * retitle the window, a lone CR overwrite a line (issue 17). */
typedef struct out_filter {
    FILE *to;
    bool after_c2; /* the last byte written was 0xC2, the lead byte of C1 in UTF-8 */
    bool after_cr; /* the last byte written was CR: harmless before LF (a CSV report's CRLF) */
} out_filter;

static ssize_t filter_write(void *cookie, const char *buf, size_t size)
{
    out_filter *f = cookie;
    for (size_t i = 0; i < size; i++) {
        unsigned char ch = (unsigned char)buf[i];
        if (f->after_cr) {
            f->after_cr = false;
            fputs(ch == '\n' ? "\r" : "\\x0D", f->to);
        }
        if (ch == '\r') {
            f->after_cr = true;
            continue;
        }
        if (f->after_c2) {
            f->after_c2 = false;
            if (ch >= 0x80 && ch <= 0x9F) {
                fprintf(f->to, "\\x%02X", ch);
                continue;
            }
            putc(0xC2, f->to);
        }
        if (ch == 0xC2)
            f->after_c2 = true;
        else if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7F)
            fprintf(f->to, "\\x%02X", ch);
        else
            putc(ch, f->to);
    }
    return ferror(f->to) ? -1 : (ssize_t)size;
}

static int filter_close(void *cookie)
{
    out_filter *f = cookie;
    if (f->after_cr)
        fputs("\\x0D", f->to);
    if (f->after_c2)
        putc(0xC2, f->to);
    return fclose(f->to);
}

/* Replaces *stream (stdout or stderr) by a filtered stream onto the same descriptor. */
static void filter_stream(FILE **stream, out_filter *f)
{
    static const cookie_io_functions_t io = {NULL, filter_write, NULL, filter_close};
    FILE *raw = fdopen(dup(fileno(*stream)), "w");
    FILE *filtered = raw ? fopencookie(f, "w", io) : NULL;
    if (!filtered) {
        if (raw)
            fclose(raw);
        return; /* unfiltered, then: better than no output */
    }
    f->to = raw;
    fflush(*stream);
    *stream = filtered;
}


int main(int argc, char **argv)
{
    static out_filter out_f, err_f;
    const command_group *g;
    const command *cmd;
    char words[64];
    cli c;
    int rc;

    filter_stream(&stdout, &out_f);
    filter_stream(&stderr, &err_f);
    setvbuf(stderr, NULL, _IONBF, 0);
    memset(&c, 0, sizeof c);
    c.lang = lang_from_locale();
    if ((rc = parse_args(&c, argc, argv)) != 0)
        return report_usage_error(&c);
    set_message_lang(c.lang);
    if (FLAG(&c, HELP)) {
        if (lookup_command(&g, &cmd, &c, true) == 0)
            print_command_help(stdout, g, cmd);
        else if (g)
            print_group_help(stdout, g);
        else
            print_usage(stdout);
        return fflush(stdout) == 0 ? 0 : EXIT_DATA;
    }
    if (FLAG(&c, VERSION)) { /* the tool's own version, and the library's it runs with */
        printf("itav %s (libitav %s)\n", ITAV_TOOL_VERSION, itav_version());
        return fflush(stdout) == 0 ? 0 : EXIT_DATA;
    }
    if ((rc = find_command(&cmd, words, sizeof words, &c)) != 0)
        return report_usage_error(&c);
    if ((rc = cmd->run(&c)) == EXIT_USAGE)
        return report_usage_error(&c);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("itav: cannot write to standard output\n", stderr);
        return EXIT_DATA;
    }
    return rc;
}
