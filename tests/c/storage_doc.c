/* docs/storage.md lists the fields of every stored kind in record order. This program
 * writes those tables from the layouts themselves (lib/codec/layouts.c) and fails when the
 * document does not contain them word for word, printing what it should say.
 *
 *   storage_doc DOC        check DOC (meson test storage-doc)
 *   storage_doc            print the tables
 *
 * White-box: links the static library. */
#include "codec/codec_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *type_words(const itav__field *f, char *buf, size_t size)
{
    switch (f->type) {
    case ITAV__F_INT:
        if (f->code)
            snprintf(buf, size, "integer: a value of %s, or 0", f->code_name);
        else
            snprintf(buf, size, "integer %lld to %lld", f->lo, f->hi);
        return buf;
    case ITAV__F_UINT:
        if (f->code)
            snprintf(buf, size, "integer: a set of bits, each a value of %s", f->code_name);
        else
            snprintf(buf, size, "integer 0 to %lld", f->hi);
        return buf;
    case ITAV__F_DATE: return "integer: days since 1970-01-01 (years 1900-9999), or INT32_MIN";
    case ITAV__F_BOOL: return "true or false";
    case ITAV__F_DOUBLE:
        if (f->lo <= f->hi)
            snprintf(buf, size, "double %lld to %lld", f->lo, f->hi);
        else
            snprintf(buf, size, "double, finite%s", f->nan_ok ? ", or NaN for none" : "");
        return buf;
    case ITAV__F_TEXT: return "text or null";
    case ITAV__F_CHARS: snprintf(buf, size, "text of at most %zu bytes", f->size - 1); return buf;
    case ITAV__F_STRLIST: return "array of text";
    case ITAV__F_INTS:
        snprintf(buf, size, "array of %zu integers %lld to %lld", f->count, f->lo, f->hi);
        return buf;
    case ITAV__F_TEXTS: snprintf(buf, size, "array of %zu text or null", f->count); return buf;
    case ITAV__F_COUNTED: snprintf(buf, size, "array of at most %zu integers", f->count); return buf;
    case ITAV__F_INLINE:
        if (f->count == 1)
            snprintf(buf, size, "a %s", f->sub->name);
        else
            snprintf(buf, size, "array of %zu %s", f->count, f->sub->name);
        return buf;
    case ITAV__F_ARRAY:
    case ITAV__F_PTRS: snprintf(buf, size, "array of %s", f->sub->name); return buf;
    case ITAV__F_OPTIONAL: snprintf(buf, size, "a %s, or null", f->sub->name); return buf;
    }
    return "?";
}

static void add(char **s, size_t *n, const char *text)
{
    size_t len = strlen(text);
    *s = realloc(*s, *n + len + 1);
    if (!*s)
        abort();
    memcpy(*s + *n, text, len + 1);
    *n += len;
}

/* The table of one layout, and those of the parts it uses after it (each once). */
static void table(char **s, size_t *n, const itav__layout *l, const itav__layout **done,
                  size_t *ndone)
{
    char line[512], words[160];
    for (size_t i = 0; i < *ndone; i++)
        if (done[i] == l)
            return;
    done[(*ndone)++] = l;
    snprintf(line, sizeof line, "\n`%s`:\n\n| # | field | item |\n| --- | --- | --- |\n",
             l->name);
    add(s, n, line);
    for (size_t i = 0; i < l->nfields; i++) {
        const itav__field *f = &l->fields[i];
        char since[48] = "";
        if (f->since > 1)
            snprintf(since, sizeof since, " (from record version %u on)", f->since);
        snprintf(line, sizeof line, "| %zu | `%s` | %s%s |\n", i + 1, f->name,
                 type_words(f, words, sizeof words), since);
        add(s, n, line);
    }
    for (size_t i = 0; i < l->nfields; i++)
        if (l->fields[i].sub)
            table(s, n, l->fields[i].sub, done, ndone);
}

int main(int argc, char **argv)
{
    char *want = NULL;
    size_t n = 0, ndone = 0;
    const itav__layout *done[64];
    for (size_t k = 0; itav__layouts[k]; k++)
        table(&want, &n, itav__layouts[k], done, &ndone);
    if (argc < 2) {
        fputs(want, stdout);
        free(want);
        return 0;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    static char doc[1 << 20];
    size_t len = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[len] = '\0';
    int rc = strstr(doc, want) ? 0 : 1;
    if (rc)
        printf("%s does not list the record layouts as they are; it should say:\n%s", argv[1],
               want);
    else
        printf("%s lists all %zu layouts as they are\n", argv[1], ndone);
    free(want);
    return rc;
}
